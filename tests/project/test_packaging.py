"""The packaging files, checked without building anything (a build takes
a minute: `make bundle` does it and starts the result)."""

from __future__ import annotations

import ast
import configparser
import contextlib
import struct
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from app import APP_NAME, __version__
from app.kernel.resources import RESOURCES_ENV, resources_dir

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
APP_ID = "io.github.hamstride.Hamstride"
SPEC = PACKAGING / "hamstride.spec"
DESKTOP = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"


def _spec_constants() -> dict[str, object]:
    """The spec's top-level constants that are plain literals."""
    found = {}
    for node in ast.parse(SPEC.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 \
                and isinstance(node.targets[0], ast.Name):
            with contextlib.suppress(ValueError):  # not a literal: not a constant here
                found[node.targets[0].id] = ast.literal_eval(node.value)
    return found


def test_the_spec_is_python_naming_the_entry_point_resources_and_icons() -> None:
    text = SPEC.read_text(encoding="utf-8")
    constants = _spec_constants()  # parses as Python, or fails here
    assert constants["APP_ID"] == APP_ID
    assert constants["ENTRY_POINT"] == "app.cli.main:main"
    assert constants["NAME"] == "hamstride"
    assert '"hamstride_entry.py"' in text
    assert '(str(ROOT / "resources"), "resources")' in text  # data lands where resources_dir() looks
    for icon in ("hamstride.ico", "hamstride.icns"):
        assert f'"{icon}"' in text
        assert (PACKAGING / icon).is_file()
    assert "COLLECT(" in text  # one folder, not one file


def test_the_spec_keeps_the_qt_modules_the_app_uses() -> None:
    text = SPEC.read_text(encoding="utf-8")
    excludes = _spec_constants()["EXCLUDES"]
    assert isinstance(excludes, list)
    for module in ("QtCharts", "QtMultimedia", "QtSvg", "QtDBus", "QtTextToSpeech"):
        assert f'"PySide6.{module}"' in text
        assert f"PySide6.{module}" not in excludes
    assert "PySide6.QtWebEngineCore" in excludes


def test_the_bundle_entry_runs_the_cli_and_the_speech_helper(monkeypatch: pytest.MonkeyPatch) -> None:
    sys.path.insert(0, str(PACKAGING))
    try:
        import hamstride_entry
    finally:
        sys.path.remove(str(PACKAGING))
    calls: list[tuple[str, object]] = []

    def fake_main(argv: list[str]) -> int:
        calls.append(("cli", argv))
        return 0

    def fake_serve(engine: str) -> int:
        calls.append(("speech", engine))
        return 0

    monkeypatch.setattr("app.cli.main.main", fake_main)
    monkeypatch.setattr("app.ui.desktop.speech.serve", fake_serve)
    assert hamstride_entry.run(["--version"]) == 0
    assert hamstride_entry.run(["-m", "app.ui.desktop.speech", "--serve", "speechd"]) == 0
    assert calls == [("cli", ["--version"]), ("speech", "speechd")]


def test_the_desktop_file_has_the_required_keys() -> None:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Name"] == APP_NAME
    assert entry["Exec"] == "hamstride"
    assert entry["Icon"] == APP_ID
    assert entry["Terminal"] == "false"
    categories = entry["Categories"]
    assert categories.endswith(";")
    assert "Sports" in categories.split(";")
    assert entry["Comment"]


def test_the_metainfo_is_well_formed_and_complete() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component"
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("name") == APP_NAME
    summary = root.findtext("summary")
    assert summary and not summary.endswith(".")
    assert root.find("description/p") is not None
    launchable = root.find("launchable")
    assert launchable is not None and launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP.name
    assert root.findtext("project_license") == "GPL-3.0-or-later"
    assert root.findtext("metadata_license") == "CC0-1.0"
    rating = root.find("content_rating")
    assert rating is not None and rating.get("type", "").startswith("oars-")
    releases = root.findall("releases/release")
    assert releases and releases[0].get("version") == __version__
    assert releases[0].get("date")


def test_the_licence_matches_the_project_metadata() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "GPL-3.0-or-later"
    assert "pyinstaller" in " ".join(project["optional-dependencies"]["bundle"])
    assert all("pyinstaller" not in dep for group in ("test", "dev")
               for dep in project["optional-dependencies"][group])
    assert all("pyinstaller" not in dep for dep in project["dependencies"])


def test_the_windows_and_macos_icons_hold_pngs() -> None:
    ico = (PACKAGING / "hamstride.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", ico)
    assert (reserved, kind) == (0, 1) and count >= 5
    for number in range(count):
        width, _height, _colours, _reserved, _planes, _bits, size, offset = struct.unpack_from(
            "<BBBBHHII", ico, 6 + 16 * number)
        assert ico[offset:offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + size <= len(ico)
        assert width in (0, 16, 24, 32, 48, 64, 128)  # 0 is 256
    icns = (PACKAGING / "hamstride.icns").read_bytes()
    assert icns[:4] == b"icns"
    assert struct.unpack_from(">I", icns, 4)[0] == len(icns)
    assert b"ic09" in icns  # 512 px


def test_a_frozen_bundle_finds_its_resources_beside_the_code(monkeypatch: pytest.MonkeyPatch,
                                                             tmp_path: Path) -> None:
    monkeypatch.delenv(RESOURCES_ENV, raising=False)
    # PyInstaller's own name for the bundle's folder (kept in test_tests_tree.py's KEPT_PRIVATE).
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources_dir() == tmp_path / "resources"
    monkeypatch.setenv(RESOURCES_ENV, str(tmp_path / "elsewhere"))  # the override still wins
    assert resources_dir() == tmp_path / "elsewhere"


def test_the_bundle_check_script_is_plain_python_with_a_timeout() -> None:
    tree = ast.parse((PACKAGING / "check_bundle.py").read_text(encoding="utf-8"))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree)
                if isinstance(node, (ast.Import, ast.ImportFrom))
                for alias in (node.names if isinstance(node, ast.Import) else [ast.alias(node.module or "")])}
    # It runs outside the venv too: the standard library only.
    assert imported <= set(sys.stdlib_module_names) | {"__future__"}
    text = (PACKAGING / "check_bundle.py").read_text(encoding="utf-8")
    for needle in ("HAMSTRIDE_STARTUP_PROBE", "QT_QPA_PLATFORM", "hamstride.db",
                   "integrity_check", "user_version", "timeout"):
        assert needle in text


FAKE_PROGRAM = '''#!{python}
"""Stands in for a built bundle: behaves as the app does under the probe."""
import os, sqlite3, sys
from pathlib import Path
args = sys.argv[1:]
data = Path(args[args.index("--data-dir") + 1])
if args[-1] == "exercises":
    print("\\n".join(f"Exercise {{n}}" for n in range(6)))
    sys.exit(0)
assert os.environ["QT_QPA_PLATFORM"] == "offscreen" and os.environ["HAMSTRIDE_STARTUP_PROBE"] == "1"
assert "HAMSTRIDE_RESOURCES" not in os.environ
(data / "logs").mkdir(parents=True)
(data / "logs" / "hamstride.log").write_text("INFO starting\\n")
connection = sqlite3.connect(data / "hamstride.db")
connection.execute("CREATE TABLE t (x)")
connection.execute("PRAGMA user_version = {version}")
connection.commit()
connection.close()
print("window-idle")
print("database-ready")
sys.exit({status})
'''


def _check_fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                status: int = 0, version: int = 4) -> tuple[int, str]:
    program = tmp_path / "hamstride"
    program.write_text(FAKE_PROGRAM.format(python=sys.executable, status=status, version=version))
    program.chmod(0o755)
    monkeypatch.setenv("HAMSTRIDE_RESOURCES", str(ROOT / "resources"))  # must not reach the program
    sys.path.insert(0, str(PACKAGING))
    try:
        import check_bundle
    finally:
        sys.path.remove(str(PACKAGING))
    code = check_bundle.main([str(program), "--timeout", "30"])
    return code, capsys.readouterr().out


def test_the_bundle_check_passes_a_program_that_starts_and_quits_cleanly(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _check_fake(tmp_path, monkeypatch, capsys)
    assert code == 0, out
    assert "FAIL" not in out
    assert "ok   PRAGMA integrity_check: ok" in out
    assert "all checks passed" in out


def test_the_bundle_check_fails_a_bad_exit_or_an_unmigrated_database(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _check_fake(tmp_path, monkeypatch, capsys, status=3, version=0)
    assert code == 1
    assert "FAIL exit status 0: 3" in out
    assert "FAIL PRAGMA user_version > 0 (schema migrated): 0" in out
