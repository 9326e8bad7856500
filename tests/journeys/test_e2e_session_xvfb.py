"""End to end, in a real X window: a 2-set Nordic session driven by the
keyboard alone, then the database checked.

The one test on a real clock (scaled 4x with HAMSTRIDE_TIME_SCALE): it
follows the app's saved session state and presses keys when the screen is
in the right phase, instead of waiting fixed times. Skipped where Xvfb or
xdotool is missing (.ci/run installs both).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers.qt_optional import missing_package
from helpers.real_display import TIMEOUT_S, stop, wait_for, x_display

pytestmark = pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("xdotool")) or sys.platform != "linux",
    reason=missing_package("xvfb and xdotool"))



@pytest.fixture
def display() -> Iterator[str]:
    with x_display(window_manager=False) as env:
        yield env["DISPLAY"]


def _saved_state(path: Path) -> tuple[str, str | None] | None:
    try:
        snapshot = json.loads(path.read_text())["snapshot"]
    except (OSError, ValueError, KeyError):
        return None  # not written yet, or being replaced right now
    return snapshot["state"], snapshot.get("phase")


def test_two_set_nordic_session_from_the_keyboard(display: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    saved = data / "session-in-progress.json"
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
           "HAMSTRIDE_TIME_SCALE": "4"}
    launcher = Path(sys.executable).with_name("hamstride")
    app = subprocess.Popen([sys.executable, str(launcher), "--data-dir", str(data), "session",
                            "--exercise", "nordic-hamstring-curl", "--sets", "2", "--reps", "2",
                            # no terminal to ask on: the readiness answers (issue 16 point 1)
                            "--readiness", "soreness=0,pain=none,sharp=no,numbness=no,walk=yes,"
                                           "run-pain=none"],
                           env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        window = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name", "Hamstride"],
                                env=env, capture_output=True, text=True, timeout=TIMEOUT_S,
                                check=True).stdout.split()[0]
        subprocess.run(["xdotool", "windowfocus", "--sync", window], env=env, check=True,
                       timeout=TIMEOUT_S)

        def key(name: str) -> None:
            subprocess.run(["xdotool", "key", name], env=env, check=True, timeout=TIMEOUT_S)

        def state_is(state: str, phase: str | None = None) -> bool:
            now = _saved_state(saved)
            return now is not None and now[0] == state and (phase is None or now[1] == phase)

        for set_number in (1, 2):
            wait_for(lambda: state_is("ready"), f"set {set_number} ready")
            key("space")
            # Rep 1: lose control early (B); rep 2: hold the whole lowering.
            wait_for(lambda: state_is("set_running", "lowering"), "the first lowering")
            key("b")
            wait_for(lambda: state_is("set_done"), f"the log sheet of set {set_number}")
            key("Return")
            if set_number == 1:
                wait_for(lambda: state_is("resting"), "the rest")
                key("s")  # skip the rest
        wait_for(lambda: not saved.exists(), "the summary (the saved session is removed)")
        key("Return")  # close the summary
    finally:
        errors = stop(app)
    assert b"Traceback" not in errors, errors.decode(errors="replace")

    connection = sqlite3.connect(data / "hamstride.db")
    rows = connection.execute(
        "SELECT set_number, reps, descent_s, tempo FROM logged_set ORDER BY id").fetchall()
    sessions = connection.execute("SELECT ended_at FROM workout_session").fetchall()
    connection.close()
    assert [(number, reps) for number, reps, _d, _t in rows] == [(1, 2), (2, 2)]
    for _number, _reps, descent, tempo in rows:
        first, second = json.loads(descent)
        assert 0 <= first < 5  # B cut the first lowering short (seconds on the session clock)
        assert second == pytest.approx(5, abs=0.01)  # the second ran its full target
        assert tempo == "5-0-3-0"
    assert len(sessions) == 1 and sessions[0][0] is not None
