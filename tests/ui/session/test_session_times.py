"""A session's stored times come from the monotonic clock, anchored once at
its start (issue 15, point 5): a wall clock set back an hour or on a day
during a session changes neither its start, its end, nor its sets' times.
And a session whose end cannot be stored is never said to be saved, nor is
its saved state thrown away."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.catalog import load_catalog_strict
from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.kernel.resources import resources_dir
from app.session.events import State
from app.session.plan import SessionPlan, plan_from_exercise
from app.session.saved import load_saved_session
from app.session.timing import ScaledClock, WallAnchor
from app.storage.store import Store
from app.ui.base.alerts import RecordingAlerts
from app.ui.session.session_host import saved_session_path
from app.ui.shell.application import GuiSession

MULTIMEDIA_NOISE = (r"^Couldn't (load|resolve) ", r"^PulseAudioService: ",
                    r"^QSoundEffect: playback of this format is not supported")
HOUR = 3600.0
DAY = 24 * HOUR
SET_S = 20.0     # each set runs this long
REST_S = 40.0    # then this much passes before the next set starts


def _plan() -> SessionPlan:
    catalog = load_catalog_strict(resources_dir())
    return plan_from_exercise(catalog.get("glute-bridge"), sets=2, reps=3)


def _open(qtbot: QtBot, paths: AppPaths, clock: FakeClock,
          alerts: RecordingAlerts | None = None) -> GuiSession:
    gui = GuiSession(paths, alerts or RecordingAlerts(), clock)
    qtbot.addWidget(gui.window)
    with qtbot.waitSignal(gui.window.log_ready, timeout=20000):
        gui.start()
    return gui


def _one_set(qtbot: QtBot, gui: GuiSession, clock: FakeClock) -> None:
    host = gui.window.session
    assert host is not None and host.controller is not None
    controller = host.controller
    if controller.engine.state in (State.RESTING, State.SWITCHING_SIDE):
        qtbot.keyClick(host.screen, Qt.Key.Key_S)        # skip the rest
    qtbot.keyClick(host.screen, Qt.Key.Key_Space)        # start the set
    clock.advance(SET_S)
    qtbot.keyClick(host.screen, Qt.Key.Key_Space)        # finish it
    with qtbot.waitSignal(controller.set_logged, timeout=20000):
        qtbot.keyClick(host.screen, Qt.Key.Key_Return)   # log it
    qtbot.waitUntil(lambda: not controller.writes_pending, timeout=20000)


def _close_summary(qtbot: QtBot, gui: GuiSession) -> None:
    host = gui.window.session
    assert host is not None and host.controller is not None
    controller = host.controller
    assert controller.engine.state is State.SUMMARY
    qtbot.waitUntil(lambda: not controller.writes_pending, timeout=20000)
    qtbot.keyClick(host.screen, Qt.Key.Key_Return)       # close the summary
    qtbot.waitUntil(lambda: gui.window.session is None, timeout=20000)


def _stored(paths: AppPaths, clock: FakeClock) -> tuple[Any, list[datetime]]:
    store, _ = Store.open(paths, clock)
    try:
        [session] = store.list_sessions()
        return session, [s.logged_at for s in store.sets_of_session(session.id)]
    finally:
        store.close()


@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
@pytest.mark.parametrize("jump", [-HOUR, DAY], ids=["set back an hour", "on a day"])
def test_a_wall_clock_changed_mid_session_moves_no_stored_time(
        qtbot: QtBot, paths: AppPaths, clock: FakeClock, jump: float) -> None:
    gui = _open(qtbot, paths, clock)
    start = clock.now()
    gui.window.start_session(_plan(), clock)
    _one_set(qtbot, gui, clock)
    clock.advance(REST_S)
    clock.jump_wall(jump)                                 # the laptop's clock is changed
    _one_set(qtbot, gui, clock)
    _close_summary(qtbot, gui)

    assert gui.window.statusBar().currentMessage() == "Session saved in your history"
    assert not saved_session_path(paths).exists()
    session, logged = _stored(paths, clock)
    assert session.started_at == start
    assert session.ended_at == start + timedelta(seconds=SET_S + REST_S + SET_S)
    assert logged == [start + timedelta(seconds=SET_S),
                      start + timedelta(seconds=SET_S + REST_S + SET_S)]


@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
def test_an_end_that_cannot_be_stored_keeps_the_session_to_resume(
        qtbot: QtBot, paths: AppPaths, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy.exc import IntegrityError

    def refused(self: Store, session_id: int, ended_at: datetime | None = None) -> bool:
        raise IntegrityError("UPDATE workout_session SET ended_at=? WHERE id = ?", (1, 2),
                             Exception("CHECK constraint failed: session_ends_after_start"))

    real_finish = Store.finish_session
    monkeypatch.setattr(Store, "finish_session", refused)
    gui = _open(qtbot, paths, clock)
    start = clock.now()
    gui.window.start_session(_plan(), clock)
    _one_set(qtbot, gui, clock)
    clock.advance(REST_S)
    _one_set(qtbot, gui, clock)
    host = gui.window.session
    assert host is not None and host.controller is not None
    controller = host.controller
    qtbot.waitUntil(lambda: controller.engine.state is State.SUMMARY
                    and not controller.writes_pending, timeout=20000)
    assert load_saved_session(saved_session_path(paths)) is not None   # kept, to resume
    notice = host.screen.notice_line.text()
    assert notice.startswith("Not saved in your history")
    assert "UPDATE" not in notice and "CHECK" not in notice   # no SQL for the athlete
    _close_summary(qtbot, gui)
    assert gui.window.statusBar().currentMessage() != "Session saved in your history"
    assert "resume" in gui.window.statusBar().currentMessage()
    assert load_saved_session(saved_session_path(paths)) is not None
    gui.window.close()

    # The next start offers it; resumed, it ends and is stored, once.
    monkeypatch.setattr(Store, "finish_session", real_finish)
    clock.advance(60)
    again = _open(qtbot, paths, clock, RecordingAlerts(confirm_answer=True))
    host = again.window.session
    assert host is not None and host.controller is not None
    resumed = host.controller
    qtbot.waitUntil(lambda: resumed.engine.state is State.SUMMARY and not resumed.writes_pending,
                    timeout=20000)
    _close_summary(qtbot, again)
    assert again.window.statusBar().currentMessage() == "Session saved in your history"
    session, logged = _stored(paths, clock)
    assert len(logged) == 2 and session.started_at == start
    assert session.ended_at is not None and session.ended_at >= logged[-1]
    assert not saved_session_path(paths).exists()


def test_the_anchor_reads_the_wall_clock_once_and_never_goes_back(clock: FakeClock) -> None:
    start = clock.now()
    anchor = WallAnchor(clock)
    clock.advance(90)
    clock.jump_wall(-HOUR)
    assert anchor.now() == start + timedelta(seconds=90)
    clock.jump_wall(DAY)
    assert anchor.now() == start + timedelta(seconds=90)
    # After a restart: the wall clock again, never before what was saved.
    later = start + timedelta(seconds=90)
    assert WallAnchor(clock, at_least=later).now() == clock.now()
    clock.jump_wall(-2 * DAY)
    assert WallAnchor(clock, at_least=later).now() == later
    # A demonstration's fast clock stores real seconds.
    fast = ScaledClock(clock, 10)
    anchored = WallAnchor(fast)
    at = anchored.now()
    clock.advance(6)
    assert anchored.now() == at + timedelta(seconds=6)


@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
def test_enter_on_the_summary_while_its_end_is_stored_closes_it_once_stored(
        qtbot: QtBot, paths: AppPaths, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    """The summary closes only once the end is stored (so the window's 'saved'
    is true); an Enter pressed meanwhile is kept, not dropped (it was: the
    athlete's keys went nowhere and the summary stayed up)."""
    import threading

    release = threading.Event()
    real_finish = Store.finish_session

    def slow_finish(store: Store, *args: Any, **kwargs: Any) -> bool:
        release.wait(20)
        return real_finish(store, *args, **kwargs)

    monkeypatch.setattr(Store, "finish_session", slow_finish)
    gui = _open(qtbot, paths, clock)
    gui.window.start_session(_plan(), clock)
    _one_set(qtbot, gui, clock)
    host = gui.window.session
    assert host is not None and host.controller is not None
    controller = host.controller
    qtbot.keyClick(host.screen, Qt.Key.Key_S)            # skip the rest
    qtbot.keyClick(host.screen, Qt.Key.Key_Space)        # the last set
    clock.advance(SET_S)
    qtbot.keyClick(host.screen, Qt.Key.Key_Space)
    qtbot.keyClick(host.screen, Qt.Key.Key_Return)       # logged: the summary, its end stored
    qtbot.waitUntil(lambda: controller.engine.state is State.SUMMARY, timeout=20000)
    assert controller.writes_pending
    qtbot.keyClick(host.screen, Qt.Key.Key_Return)        # the end is still being stored
    assert gui.window.session is host                     # not closed before it is stored
    release.set()
    qtbot.waitUntil(lambda: gui.window.session is None, timeout=20000)
    assert gui.window.statusBar().currentMessage() == "Session saved in your history"
    assert not saved_session_path(paths).exists()
