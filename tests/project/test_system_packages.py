"""A test that needs an optional system package skips where it is missing and
names the package; CI (which installs them all) fails instead of skipping."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from helpers.qt_optional import MISSING_PACKAGE_MARK, REQUIRE_PACKAGES_ENV, missing_package

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent


def _run_a_test_that_skips(tmp_path: Path, reason: str, require: bool) -> subprocess.CompletedProcess[str]:
    (tmp_path / "test_needs_a_package.py").write_text(
        "import pytest\n\n"
        "def test_it():\n"
        f"    pytest.skip({reason!r})\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != REQUIRE_PACKAGES_ENV}
    env["PYTHONPATH"] = str(TESTS)
    if require:
        env[REQUIRE_PACKAGES_ENV] = "1"
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "-p", "helpers.qt_optional", "--rootdir", str(tmp_path), str(tmp_path)],
                          env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path)


def test_the_skip_reason_names_the_package() -> None:
    reason = missing_package("libpulse0", "QtMultimedia cannot load here")
    assert reason.startswith(MISSING_PACKAGE_MARK)
    assert "libpulse0" in reason


def test_on_a_fresh_machine_a_missing_package_is_a_skip(tmp_path: Path) -> None:
    done = _run_a_test_that_skips(tmp_path, missing_package("libpulse0"), require=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 skipped" in done.stdout


def test_in_ci_a_missing_package_fails_the_run_and_names_the_test(tmp_path: Path) -> None:
    done = _run_a_test_that_skips(tmp_path, missing_package("libpulse0"), require=True)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "test_needs_a_package.py::test_it" in done.stdout


def test_in_ci_other_skips_stay_skips(tmp_path: Path) -> None:
    done = _run_a_test_that_skips(tmp_path, "root can write anywhere", require=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_ci_asks_for_every_package() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert f"{REQUIRE_PACKAGES_ENV}=1 make test" in ci
    for package in ("libpulse0", "xvfb", "xdotool", "openbox", "strace", "dbus-daemon", "pulseaudio"):
        assert package in ci, package


def test_without_pulseaudio_s_library_the_sound_and_speech_tests_skip_naming_it(tmp_path: Path) -> None:
    """A fresh machine without libpulse0: QtMultimedia and QtTextToSpeech
    cannot be imported (as there), and their tests skip instead of failing."""
    (tmp_path / "no_pulse.py").write_text(
        "import sys\n"
        "# As on a machine without libpulse0: importing either raises ImportError.\n"
        "sys.modules['PySide6.QtMultimedia'] = None\n"
        "sys.modules['PySide6.QtTextToSpeech'] = None\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != REQUIRE_PACKAGES_ENV}
    env["PYTHONPATH"] = os.pathsep.join([str(tmp_path), str(TESTS)])
    env["QT_QPA_PLATFORM"] = "offscreen"
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
                           "-p", "no_pulse", "tests/ui/desktop/test_sound.py",
                           "tests/ui/desktop/test_speech.py"],
                          env=env, capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    skips = [line for line in done.stdout.splitlines() if line.startswith("SKIPPED")]
    assert any("libpulse0" in line and "QtMultimedia" in line for line in skips), skips
    assert any("libpulse0" in line and "QtTextToSpeech" in line for line in skips), skips
