"""No empty sessions (issue 14, point 5): a session that ends without a set
is not kept, whether its row was made at the start or not, and a session
without sets never counts as a program session done."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.catalog import Catalog, load_catalog_strict
from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.kernel.resources import resources_dir
from app.logbook.entries import SetEntry
from app.session import State
from app.session.plan import plan_from_exercise
from app.storage.coaching_queries import CoachingReader
from app.storage.store import Store
from app.ui.base.alerts import RecordingAlerts
from app.ui.base.log_writer import LogWriter
from app.ui.session.controller import SessionController
from app.ui.session.screen import SessionScreen
from app.ui.session.session_host import saved_session_path
from app.ui.shell.application import GuiSession
from app.usecases.today import done_sessions

K = Qt.Key
NORDIC = "nordic-hamstring-curl"
MULTIMEDIA_NOISE = (r"^Couldn't (load|resolve) ", r"^PulseAudioService: ",
                    r"^QSoundEffect: playback of this format is not supported")


def _rows(paths: AppPaths) -> list[tuple[int, str | None]]:
    connection = sqlite3.connect(paths.database)
    try:
        return connection.execute("SELECT id, ended_at FROM workout_session ORDER BY id").fetchall()
    finally:
        connection.close()


# -- the store ------------------------------------------------------------------


def test_finishing_a_session_without_a_set_deletes_it(store: Store, clock: FakeClock,
                                                      paths: AppPaths) -> None:
    empty = store.start_session(title="Nothing done", program_slug="nordic-programme",
                                program_day=1)
    assert store.finish_session(empty.id) is False
    assert _rows(paths) == [] and store.count_sessions() == 0
    trained = store.start_session(title="Done")
    store.log_set(trained.id, SetEntry(NORDIC, 1, reps=5))
    clock.advance(600)
    assert store.finish_session(trained.id) is True
    [record] = store.list_sessions()
    assert record.id == trained.id and record.ended_at == clock.now()


def test_abandoned_empty_sessions_are_discarded_and_nothing_else(store: Store,
                                                                 paths: AppPaths) -> None:
    abandoned = store.start_session(title="Crashed before the first set")
    trained = store.start_session(title="Crashed after a set")
    store.log_set(trained.id, SetEntry(NORDIC, 1, reps=5))
    running = store.start_session(title="The one running now")
    imported = store.start_session(title="Imported, empty", source="strong")
    ended = store.start_session(title="Ended empty by an older version")
    store.end_session(ended.id)
    assert store.discard_empty_sessions(keep=running.id) == 1
    assert [row[0] for row in _rows(paths)] == [trained.id, running.id, imported.id, ended.id]
    assert abandoned.id not in {s.id for s in store.list_sessions()}


# -- what counts as done -------------------------------------------------------------


def test_a_program_session_without_sets_is_not_done(store: Store, clock: FakeClock,
                                                    paths: AppPaths) -> None:
    enrolment = store.enrol("nordic-programme", date(2020, 1, 1), [0, 1, 2, 3, 4, 5, 6])
    clock.advance(86400)
    # Written by an older version, or cut off before its first set.
    empty = store.start_session(title="Day 1", program_slug="nordic-programme", program_day=1)
    store.end_session(empty.id)
    assert done_sessions(store.reader, enrolment) == []
    with CoachingReader(paths.database) as coaching:
        assert coaching.last_program_session("nordic-programme") is None
    done = store.start_session(title="Day 1", program_slug="nordic-programme", program_day=1)
    store.log_set(done.id, SetEntry(NORDIC, 1, reps=5))
    store.end_session(done.id)
    assert [s.id for s in done_sessions(store.reader, enrolment)] == [done.id]
    with CoachingReader(paths.database) as coaching:
        last = coaching.last_program_session("nordic-programme")
        assert last is not None and last.id == done.id


# -- a session on screen ------------------------------------------------------------


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog_strict(resources_dir())


@pytest.fixture
def writer(store: Store, paths: AppPaths, clock: FakeClock) -> Iterator[LogWriter]:
    log_writer = LogWriter(paths, clock)
    yield log_writer
    log_writer.close()


def _run(qtbot: QtBot, catalog: Catalog, clock: FakeClock, writer: LogWriter,
         paths: AppPaths) -> tuple[SessionController, SessionScreen]:
    screen = SessionScreen(catalog, units="kg", break_point_keys=["B", "Space"])
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    qtbot.waitExposed(screen)
    plan = plan_from_exercise(catalog.get("glute-bridge"), sets=2, reps=3)
    controller = SessionController(plan, screen, clock=clock, writer=writer,
                                   cue_player=_Silent(),
                                   save_path=paths.data_dir / "session-in-progress.json")
    controller.start()
    qtbot.waitUntil(lambda: controller.session_id is not None and not controller.writes_pending,
                    timeout=20000)
    return controller, screen


class _Silent:
    def play(self, kind: str, count: int | None) -> None:
        pass


def _end(qtbot: QtBot, controller: SessionController, screen: SessionScreen) -> None:
    qtbot.keyClick(screen, K.Key_Escape)
    qtbot.keyClick(screen, K.Key_E)
    assert controller.engine.state is State.SUMMARY
    qtbot.waitUntil(lambda: not controller.writes_pending, timeout=20000)


def test_a_session_ended_before_any_set_leaves_no_row(qtbot: QtBot, catalog: Catalog,
                                                      clock: FakeClock, writer: LogWriter,
                                                      paths: AppPaths, store: Store) -> None:
    controller, screen = _run(qtbot, catalog, clock, writer, paths)
    assert len(_rows(paths)) == 1  # made at the start, for a crash to keep what follows
    _end(qtbot, controller, screen)
    assert _rows(paths) == [] and controller.session_id is None
    controller.stop()


def test_a_session_whose_only_set_was_undone_leaves_no_row(qtbot: QtBot, catalog: Catalog,
                                                           clock: FakeClock, writer: LogWriter,
                                                           paths: AppPaths, store: Store) -> None:
    controller, screen = _run(qtbot, catalog, clock, writer, paths)
    qtbot.keyClick(screen, K.Key_Space)
    clock.advance(20)
    qtbot.keyClick(screen, K.Key_Space)
    with qtbot.waitSignal(controller.set_logged, timeout=20000):
        qtbot.keyClick(screen, K.Key_Return)
    with qtbot.waitSignal(controller.set_undone, timeout=20000):
        qtbot.keyClick(screen, K.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert store.count_sets() == 0
    qtbot.keyClick(screen, K.Key_D, Qt.KeyboardModifier.ControlModifier)  # not done again either
    _end(qtbot, controller, screen)
    assert _rows(paths) == []
    controller.stop()


def test_a_new_session_discards_an_abandoned_empty_one(qtbot: QtBot, catalog: Catalog,
                                                       clock: FakeClock, writer: LogWriter,
                                                       paths: AppPaths, store: Store) -> None:
    abandoned = store.start_session(title="The laptop died before the first set")
    controller, _screen = _run(qtbot, catalog, clock, writer, paths)
    [kept] = store.list_sessions()
    assert kept.uid != abandoned.uid and kept.title == "Glute bridge"
    assert kept.id == controller.session_id
    controller.stop()


@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
def test_declining_to_resume_a_session_without_sets_discards_it(qtbot: QtBot, paths: AppPaths,
                                                                clock: FakeClock) -> None:
    first = GuiSession(paths, RecordingAlerts(), clock)
    qtbot.addWidget(first.window)
    with qtbot.waitSignal(first.window.log_ready, timeout=20000):
        first.start()
    catalog = load_catalog_strict(resources_dir())
    first.window.start_session(plan_from_exercise(catalog.get("glute-bridge"), sets=1, reps=3),
                               clock)
    host: Any = first.window.session
    qtbot.waitUntil(lambda: saved_session_path(paths).exists()
                    and host.controller.session_id is not None
                    and not host.controller.writes_pending, timeout=20000)
    first.window.close()  # "the laptop dies" before the first set
    assert len(_rows(paths)) == 1

    second = GuiSession(paths, RecordingAlerts(confirm_answer=False), clock)
    qtbot.addWidget(second.window)
    with qtbot.waitSignal(second.window.log_ready, timeout=20000):
        second.start()
    assert second.window.session is None
    qtbot.waitUntil(lambda: _rows(paths) == [], timeout=20000)
