"""An athlete at the keyboard, for the kill test and the soak: the real window
(offscreen), a session worked through with the keys the athlete uses, time
from a FakeClock moved forward by hand.

The driver never calls the engine directly: it presses Space, Enter, S and
Esc on the session screen as a person would, and lets the controller, the
log writer thread and the saved-session file do what they do in the app.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

SLUGS = ("glute-bridge", "romanian-deadlift", "single-leg-deadlift", "machine-leg-curl",
         "kettlebell-swing", "reverse-lunge")


class SessionDriver:
    def __init__(self, data_dir: Path, seed: int, *, say: Callable[[str], None] = lambda _: None,
                 set_seconds: tuple[float, float] = (5, 40),
                 rest_steps: tuple[float, float] = (5, 30), planned_sets: int = 120) -> None:
        from PySide6.QtWidgets import QApplication

        from app.catalog import load_catalog_strict
        from app.kernel.clock import FakeClock
        from app.kernel.paths import AppPaths, prepare_dirs
        from app.kernel.resources import resources_dir
        from app.ui.base.alerts import RecordingAlerts
        from app.ui.shell.application import GuiSession

        self.rng = random.Random(seed)
        self.say = say
        self.set_seconds = set_seconds
        self.rest_steps = rest_steps
        self.planned_sets = planned_sets
        self.qt_app = QApplication.instance() or QApplication(["hamstride-driver"])
        self.paths = AppPaths(data_dir=data_dir, log_dir=data_dir / "logs")
        prepare_dirs(self.paths)  # as the command line does before opening the window
        self.clock = FakeClock(start=datetime.now(UTC), monotonic=time.monotonic())
        self.alerts = RecordingAlerts(confirm_answer=True)
        self.gui = GuiSession(self.paths, self.alerts, self.clock)
        self.window = self.gui.window
        self.catalog = load_catalog_strict(resources_dir())
        self.confirmed: list[Any] = []
        self.sessions_finished = 0
        # |shown - expected| of each look at a running clock (s): the rest's
        # countdown and the set's elapsed time, against the time that passed.
        self.timer_errors: list[float] = []

    # -- the app ----------------------------------------------------------

    def open(self) -> bool:
        """Start the app; True when it offered the interrupted session and resumed it."""
        ready: list[bool] = []
        self.window.log_ready.connect(lambda: ready.append(True))
        self.gui.start()
        self.wait_until(lambda: bool(ready))
        offered = any(kind == "confirm" for kind, _title, _text in self.alerts.shown)
        resumed = self.window.session is not None
        if self.window.session is None:
            self.start_session()
        else:
            self.controller().set_logged.connect(self._on_set_logged)
        return offered and resumed

    def close(self) -> None:
        self.window.close()
        self.qt_app.processEvents()

    def wait_until(self, condition: Callable[[], object], timeout: float = 30.0) -> None:
        from PySide6.QtCore import QEventLoop

        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError(f"the app did not get there in time; it last said "
                                   f"{self.alerts.shown[-3:]}, status bar "
                                   f"{self.window.statusBar().currentMessage()!r}")
            self.qt_app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)

    def _settle(self, condition: Callable[[], object], seconds: float = 0.5) -> None:
        """Let the app work for up to ``seconds`` or until ``condition``; no error."""
        from PySide6.QtCore import QEventLoop

        deadline = time.monotonic() + seconds
        while not condition() and time.monotonic() < deadline:
            self.qt_app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)

    def plan(self) -> Any:
        from app.session.plan import PlanBlock, SessionPlan, plan_from_exercise

        items: list[Any] = []
        for n in range(max(1, -(-self.planned_sets // 20))):
            slug = SLUGS[n % len(SLUGS)]
            items.extend(plan_from_exercise(self.catalog.get(slug), sets=20, reps=8).items)
        return SessionPlan(blocks=(PlanBlock("main", tuple(items)),), title="Driven session")

    def start_session(self) -> None:
        self.window.start_session(self.plan(), self.clock)
        self.wait_until(lambda: self.window.session is not None
                        and self.window.session.controller is not None
                        and self.window.session.controller.session_id is not None)
        self.controller().set_logged.connect(self._on_set_logged)

    def controller(self) -> Any:
        host = self.window.session
        assert host is not None and host.controller is not None
        return host.controller

    def _on_set_logged(self, record: Any) -> None:
        self.confirmed.append(record)
        self.say(f"CONFIRMED {record.uid}")

    def key(self, which: Any) -> None:
        from PySide6.QtTest import QTest

        host = self.window.session
        assert host is not None
        QTest.keyClick(host.screen, which)
        self.qt_app.processEvents()

    # -- one step of the athlete -----------------------------------------

    def step(self) -> str:
        """Do the next thing the session asks for; returns what it was."""
        from PySide6.QtCore import Qt

        from app.session.events import State

        controller = self.controller()
        engine = controller.engine
        state = engine.state
        if engine.paused:
            self.key(Qt.Key.Key_Escape)      # a resumed set comes back paused
            return "resume"
        if state is State.READY:
            self.say("PHASE set")
            self.key(Qt.Key.Key_Space)       # start the set
            return "set"
        if state is State.SET_RUNNING:
            before = engine.view().elapsed_s
            took = self.rng.uniform(*self.set_seconds)
            self.clock.advance(took)
            controller.tick()
            after = engine.view().elapsed_s
            if before is not None and after is not None and engine.state is State.SET_RUNNING:
                self.timer_errors.append(abs(after - before - took))
            if engine.state is State.SET_RUNNING:
                self.key(Qt.Key.Key_Space)   # finish it
            return "set"
        if state is State.SET_DONE:
            before = len(self.confirmed)
            self.say("PHASE logging")
            # Enter saves the set. On a resumed sheet the app may first be
            # looking for a set whose write a kill cut off (Enter waits for
            # that): press again once it is idle, as an athlete would.
            for _attempt in range(5):
                self.key(Qt.Key.Key_Return)
                self.wait_until(lambda: len(self.confirmed) > before
                                or (not controller.writes_pending
                                    and engine.state is State.SET_DONE))
                self._settle(lambda: len(self.confirmed) > before)
                if len(self.confirmed) > before or engine.state is not State.SET_DONE:
                    break
            else:
                sheet = self.window.session.screen.sheet  # type: ignore[union-attr]
                raise TimeoutError(f"no set logged: sheet says {sheet.status.text()!r}")
            return "logging"
        if state in (State.RESTING, State.SWITCHING_SIDE):
            self.say("PHASE rest")
            self._rest(controller)
            return "rest"
        if state is State.SUMMARY:
            self.wait_until(lambda: not controller.writes_pending)
            self.key(Qt.Key.Key_Return)      # close the summary
            self.wait_until(lambda: self.window.session is None)
            self.sessions_finished += 1
            self.say("SESSION_END")
            self.start_session()
            return "summary"
        raise RuntimeError(f"unexpected state {state}")

    def _rest(self, controller: Any) -> None:
        """Let the rest run down in a few looks at the screen, checking each
        look's number against the time that really passed on the clock."""
        from PySide6.QtCore import Qt

        from app.session.events import State

        engine = controller.engine
        view = engine.view()
        started, remaining = self.clock.monotonic(), view.remaining_s
        for _ in range(self.rng.randint(1, 4)):
            self.clock.advance(self.rng.uniform(*self.rest_steps))
            controller.tick()
            self.qt_app.processEvents()
            time.sleep(0.002)
            if engine.state not in (State.RESTING, State.SWITCHING_SIDE) or remaining is None:
                return
            shown = engine.view().remaining_s
            expected = remaining - (self.clock.monotonic() - started)
            if shown is not None and expected > 0:
                self.timer_errors.append(abs(shown - expected))
        if engine.state in (State.RESTING, State.SWITCHING_SIDE):
            self.key(Qt.Key.Key_S)           # skip what is left of the rest
