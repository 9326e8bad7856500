"""The everyday journey with the keyboard alone, in a real X window managed by
openbox (as a desktop has one: focus goes back to the window after a dialog).

A fresh data folder; the welcome skipped with Esc; the Library (Ctrl+2), a
search, the exercise opened, Ctrl+Enter, the readiness check answered with
Enter; three sets of a loaded lift with the load typed once; the summary;
then a second session of the same exercise the same day: the 48-hour
question is answered Start anyway (Alt+S); the plan carries the
progression's next load (every set reached the top of the range) and the log
sheet opens on last time's load, as the README's order says: its set is
logged without typing a load. The database then holds every set with its
load.

Keys go only through xdotool. The test follows the app's state as the other
end-to-end test does (the saved session file the app writes as it goes) and
the windows xdotool finds, never fixed sleeps. Skipped, naming the Debian
packages, where Xvfb, xdotool or openbox is missing (.ci/run installs them).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from helpers.qt_optional import missing_package
from helpers.real_display import TIMEOUT_S, stop, wait_for, x_display

TOOLS = {"Xvfb": "xvfb", "xdotool": "xdotool", "openbox": "openbox"}
_MISSING = [package for tool, package in TOOLS.items() if shutil.which(tool) is None]
pytestmark = pytest.mark.skipif(
    bool(_MISSING) or sys.platform != "linux",
    reason=missing_package(" and ".join(TOOLS.values()), f"missing here: {' '.join(_MISSING) or 'none'}"))

EXERCISE = "romanian-deadlift"
SEARCH = "romanian"
LOAD_KG = 60
SETS = 3


@pytest.fixture
def desktop() -> Iterator[dict[str, str]]:
    """An X display with a window manager: the environment to run X clients in."""
    with x_display(window_manager=True) as env:
        yield env


def _saved(path: Path) -> dict[str, Any] | None:
    try:
        return dict(json.loads(path.read_text()))
    except (OSError, ValueError):
        return None   # not written yet, or being replaced right now


class Keyboard:
    def __init__(self, env: dict[str, str]) -> None:
        self.env = env

    def run(self, *arguments: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["xdotool", *arguments], env=self.env, capture_output=True, text=True,
                              timeout=TIMEOUT_S)

    def key(self, *names: str) -> None:
        self.run("key", "--clearmodifiers", *names).check_returncode()

    def type(self, text: str) -> None:
        self.run("type", "--delay", "20", text).check_returncode()

    def windows(self, name: str) -> list[str]:
        return self.run("search", "--onlyvisible", "--name", name).stdout.split()

    def active_name(self) -> str:
        return self.run("getactivewindow", "getwindowname").stdout.strip()


def test_keyboard_only_journey_from_a_fresh_window(desktop: dict[str, str], tmp_path: Path) -> None:
    data = tmp_path / "data"
    saved = data / "session-in-progress.json"
    env = {**desktop, "QT_QPA_PLATFORM": "xcb", "HAMSTRIDE_TIME_SCALE": "4"}
    keys = Keyboard(env)
    launcher = Path(sys.executable).with_name("hamstride")
    app = subprocess.Popen([sys.executable, str(launcher), "--data-dir", str(data)], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def state() -> tuple[str, str | None] | None:
        payload = _saved(saved)
        if payload is None:
            return None
        snapshot = payload["snapshot"]
        return snapshot["state"], snapshot.get("phase")

    def state_is(name: str) -> bool:
        now = state()
        return now is not None and now[0] == name

    def wait_state(name: str, what: str) -> None:
        wait_for(lambda: state_is(name), what,
                  now=lambda: f"(the app is at {state()}, window {keys.active_name()!r})")

    def logged_sets() -> int:
        payload = _saved(saved)
        return 0 if payload is None else len(payload["snapshot"].get("logged", []))

    def start_session_from_the_library(again: bool = False) -> dict[str, Any]:
        keys.key("ctrl+2")
        keys.key("slash")                    # the search field
        keys.type(SEARCH)
        keys.key("Return")                   # open the exercise found
        keys.key("ctrl+Return")              # a session of it
        if again:                            # heavy work twice in a day: asked first
            wait_for(lambda: keys.windows("Heavy hamstring work done today"), "the 48-hour question")
            keys.key("alt+s")                # Start anyway
        wait_for(lambda: keys.windows("Before you start"), "the readiness check")
        keys.key("Return")                   # no soreness, no pain: start
        wait_state("ready", "the session's first set ready")
        payload = _saved(saved)
        assert payload is not None
        return payload

    def one_set(number: int, *, load: str | None) -> None:
        wait_state("ready", f"set {number} ready")
        keys.key("space")                    # start the set
        wait_state("set_running", f"set {number} running")
        keys.key("space")                    # done
        wait_state("set_done", f"the log sheet of set {number}")
        if load is not None:
            keys.type(load)                  # the load field has the keys
        keys.key("Return")                   # log it

    try:
        wait_for(lambda: keys.windows("Welcome to Hamstride"), "the welcome",
                  now=lambda: f"(app exit status {app.poll()}, windows {keys.windows('.')})")
        wait_for(lambda: "Welcome" in keys.active_name(), "the welcome to have the keys")
        keys.key("Escape")
        wait_for(lambda: not keys.windows("Welcome to Hamstride"), "the welcome to close")
        # The window manager gives the keys back to the main window.
        wait_for(lambda: keys.active_name().endswith("Hamstride")
                  and "Welcome" not in keys.active_name(), "the window to have the keys")

        first = start_session_from_the_library()
        slugs = [item["slug"] for block in first["plan"]["blocks"] for item in block["items"]]
        assert slugs == [EXERCISE]
        for number in range(1, SETS + 1):
            one_set(number, load=str(LOAD_KG) if number == 1 else None)
            if number < SETS:
                wait_state("resting", f"the rest after set {number}")
                keys.key("s")                # skip the rest
        # The summary: the saved session is removed once the last set is written.
        wait_for(lambda: not saved.exists(), "the summary")
        keys.key("Return")                   # close it
        # It closes once the session's end is stored (milliseconds, more on a
        # busy machine): keys sent before would go to the summary.
        wait_for(lambda: not keys.active_name().startswith("Session"), "the summary to close",
                  now=lambda: f"(window {keys.active_name()!r})")

        second = start_session_from_the_library(again=True)
        item = second["plan"]["blocks"][0]["items"][0]
        offered = item["target_load_kg"]   # every set reached 10 reps: the next load, offered
        assert offered > LOAD_KG
        one_set(1, load=None)
        wait_for(lambda: logged_sets() == 1 or state_is("resting") or not saved.exists(),
                  "the second session's set logged")
        keys.key("Escape")                   # pause
        keys.key("e")                        # end the session
        wait_for(lambda: not saved.exists(), "the second summary")
        keys.key("Return")
        keys.key("ctrl+q")
        app.wait(timeout=TIMEOUT_S)
    finally:
        errors = stop(app)
    assert b"Traceback" not in errors, errors.decode(errors="replace")

    connection = sqlite3.connect(data / "hamstride.db")
    sessions = connection.execute("SELECT id FROM workout_session ORDER BY id").fetchall()
    rows = connection.execute(
        "SELECT session_id, exercise_slug, set_number, reps, load_kg FROM logged_set "
        "ORDER BY id").fetchall()
    connection.close()
    assert len(sessions) == 2
    first_id, second_id = (s[0] for s in sessions)
    assert [(s, slug, n, load) for s, slug, n, _reps, load in rows] == [
        *((first_id, EXERCISE, n, LOAD_KG) for n in range(1, SETS + 1)),
        (second_id, EXERCISE, 1, LOAD_KG)]   # the sheet's prefill: last time's load
    assert all(reps is not None and reps > 0 for *_rest, reps, _load in rows)
