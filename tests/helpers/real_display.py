"""A real X display for the tests that drive the app as a person does:
Xvfb, optionally with a window manager (openbox, as every desktop has, so
focus returns to the window after a dialog closes), and a poll for the
app's state, which runs in another process on a real clock.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

TIMEOUT_S = 60
POLL_S = 0.03
SCREEN = "1366x768x24"


def wait_for(condition: Callable[[], Any], what: str, timeout: float = TIMEOUT_S,
             now: Callable[[], object] = lambda: "") -> Any:
    """Poll ``condition`` until it gives something truthy (the app runs in
    another process on a real clock: there is nothing to advance); ``now``
    describes the state in the failure message."""
    deadline = time.monotonic() + timeout
    pause = threading.Event()
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        pause.wait(POLL_S)
    raise AssertionError(f"timed out waiting for {what} {now()}".rstrip())


def stop(app: subprocess.Popen[bytes]) -> bytes:
    """Stop the app (it may have quit already) and return its stderr."""
    if app.poll() is None:
        app.terminate()
    try:
        _, errors = app.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        app.kill()
        _, errors = app.communicate()
    return errors


@contextmanager
def x_display(window_manager: bool) -> Iterator[dict[str, str]]:
    """The environment (DISPLAY set) of a fresh Xvfb screen, with openbox
    running on it when ``window_manager``."""
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", SCREEN,
                             "-nolisten", "tcp"], pass_fds=(write_end,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as numbers:
        number = numbers.readline().strip()
    env = {**os.environ, "DISPLAY": f":{number}"}
    wm = None
    try:
        if window_manager:
            wm = subprocess.Popen(["openbox"], env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
            # openbox owns the screen once it has set its _NET_SUPPORTING_WM_CHECK.
            running = wm
            wait_for(lambda: subprocess.run(["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], env=env,
                                            capture_output=True, text=True).stdout.count("window id")
                     if shutil.which("xprop") else running.poll() is None, "openbox running")
        yield env
    finally:
        if wm is not None:
            wm.terminate()
            wm.wait(timeout=10)
        xvfb.terminate()
        xvfb.wait(timeout=10)
