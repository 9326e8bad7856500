"""`make test-core`: the tests of the Qt-free packages run alone, without Qt.

The `core` marker comes from a test's folder (tests/conftest.py,
CORE_TEST_FOLDERS). Here the core run is made as `make test-core` makes it,
in a subprocess where importing PySide6 or shiboken6 raises ImportError: a
core test that loads Qt, itself or through what it imports, fails there and
is named below. Such a test belongs under tests/ui/.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
QT_PACKAGES = ("PySide6", "shiboken6")
# The core run's arguments, as the Makefile's test-core target passes them.
CORE_RUN = ("-m", "core", "-p", "no:pytest-qt")

_RUN_WITHOUT_QT = """
import sys

import pytest

QT = {qt!r}


class NoQt:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in QT:
            raise ImportError(f"{{name}}: a core test loaded Qt (it belongs under tests/ui/)")
        return None


sys.meta_path.insert(0, NoQt())
code = pytest.main(sys.argv[1:])
loaded = sorted(name for name in sys.modules if name.partition(".")[0] in QT)
print("Qt modules loaded:", loaded)
sys.exit(int(code) or (3 if loaded else 0))
"""


def test_make_test_core_runs_the_core_marker_without_pytest_qt() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    target = makefile.split("\ntest-core:", 1)[1].split("\n\n", 1)[0]
    assert "-m pytest " + " ".join(CORE_RUN) in target


def test_the_core_tests_run_without_loading_qt() -> None:
    code = _RUN_WITHOUT_QT.format(qt=QT_PACKAGES)
    args = [*CORE_RUN, "-q", "-p", "no:cacheprovider", "-o", "console_output_style=classic"]
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                            cwd=ROOT, timeout=1200, check=False)
    tail = "\n".join(result.stdout.splitlines()[-60:])
    command = shlex.join(["python", "-m", "pytest", *args])
    assert result.returncode == 0, f"{command} without Qt:\n{tail}\n{result.stderr[-2000:]}"
    assert "Qt modules loaded: []" in result.stdout
    # The marker reaches the core folders: a run that selected nothing would pass too.
    assert " passed" in tail


def test_the_marker_follows_the_folder() -> None:
    """Collected together, a core folder's tests are selected and a ui test is not."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "-m", "core",
         "tests/kernel/test_logs.py", "tests/ui/look/test_wheel_guard.py"],
        capture_output=True, text=True, cwd=ROOT, timeout=300, check=False)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    selected = [line for line in result.stdout.splitlines() if "::" in line]
    assert selected and all(line.startswith("tests/kernel/test_logs.py::") for line in selected)
    assert " deselected" in result.stdout
