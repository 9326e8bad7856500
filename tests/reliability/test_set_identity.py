"""Every set has one identity from the moment it is finished, so writing it
again (a retry, a resume after a kill, a second kill during that resume)
never stores it twice (issue 15, point 1).

The kills are simulated where they land in the app: the writer's thread
finishes the jobs queued so far, and the UI thread never hears of them
(its queued signals are dropped with the "dead" process).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from app.catalog import Catalog, load_catalog_strict
from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.kernel.resources import resources_dir
from app.logbook.entries import SetEntry
from app.session import SessionPlan, State, item_from_exercise
from app.session.engine import SessionEngine
from app.session.saved import load_saved_session, session_payload, write_saved_session
from app.storage.store import Store
from app.ui.base.log_writer import LogWriter
from app.ui.session import keys
from app.ui.session.controller import SessionController
from app.ui.session.screen import SessionScreen

RDL = "romanian-deadlift"


class _Cues(QObject):
    flash_requested = Signal(str)

    def play(self, kind: str, count: int | None) -> None:
        pass


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog_strict(resources_dir())


def _plan(catalog: Catalog) -> SessionPlan:
    return SessionPlan.of("Test session", main=[
        item_from_exercise(catalog.get(RDL), target_load_kg=60)])


class _Process:
    """One start of the app: its own writer thread, screen and controller."""

    def __init__(self, qtbot: QtBot, catalog: Catalog, paths: AppPaths, clock: FakeClock) -> None:
        self.writer = LogWriter(paths, clock)
        self.screen = SessionScreen(catalog)
        qtbot.addWidget(self.screen)
        self.qtbot = qtbot
        self.paths = paths
        self.clock = clock
        self.controller: SessionController | None = None
        self.killed = False

    @property
    def save_path(self) -> Path:
        return self.paths.data_dir / "session-in-progress.json"

    def start(self, plan: SessionPlan) -> SessionController:
        self.controller = SessionController(plan, self.screen, clock=self.clock, writer=self.writer,
                                            cue_player=_Cues(), save_path=self.save_path)
        self.controller.start()
        self.settle()
        return self.controller

    def resume(self) -> SessionController:
        self.controller = SessionController.resume(self.save_path, self.screen, clock=self.clock,
                                                   writer=self.writer, cue_player=_Cues())
        self.controller.start()
        return self.controller

    def settle(self) -> None:
        controller = self.controller
        assert controller is not None
        self.qtbot.waitUntil(lambda: not controller.writes_pending, timeout=20000)

    def act(self, action: str) -> None:
        assert self.controller is not None
        self.screen.action_requested.emit(action)  # as the screen's keys and buttons send it

    def kill(self) -> None:
        """SIGKILL once the writer has done what was queued: the UI thread
        never learns what those jobs answered, and nothing else runs."""
        if self.killed:
            return
        self.killed = True
        done = threading.Event()
        self.writer.submit(lambda _store: done.set())
        assert done.wait(20)
        self.writer.forget_answers()
        if self.controller is not None:
            self.controller.stop()
        self.writer.close()


def _rows(paths: AppPaths) -> list[tuple[str, int, str]]:
    connection = sqlite3.connect(paths.database)
    try:
        return connection.execute(
            "SELECT exercise_slug, set_number, side FROM logged_set ORDER BY id").fetchall()
    finally:
        connection.close()


@pytest.fixture
def app(qtbot: QtBot, catalog: Catalog, paths: AppPaths, clock: FakeClock,
        store: Store) -> Iterator[Callable[[], _Process]]:
    """Starts of the app on one data dir (``store`` made its database first,
    as the app does); whatever still runs at the end is killed."""
    started: list[_Process] = []

    def start() -> _Process:
        started.append(_Process(qtbot, catalog, paths, clock))
        return started[-1]

    yield start
    for process in started:
        process.kill()


def test_enter_kill_resume_kill_as_the_set_shows_done_resume_enter_stores_it_once(
        app: Callable[[], _Process], catalog: Catalog, paths: AppPaths, clock: FakeClock) -> None:
    plan = _plan(catalog)
    first = app()
    first.start(plan)
    first.act(keys.PRIMARY)       # start the set
    clock.advance(30)
    first.act(keys.PRIMARY)       # finish it: the log sheet
    first.act(keys.CONFIRM)       # Enter: "being written", then the write
    first.kill()                  # ... which committed; the UI never heard

    second = app()
    second.resume()               # looks for the set, and saves the session meanwhile
    second.kill()                 # as soon as the saved session is written again

    saved = load_saved_session(first.save_path)
    assert saved is not None
    third = app()
    controller = third.resume()
    third.settle()
    if controller.engine.state is State.SET_DONE:
        third.act(keys.CONFIRM)   # the athlete sees the sheet and presses Enter
        third.settle()
    assert _rows(paths) == [(RDL, 1, "both")]
    assert controller.engine.state is State.RESTING
    third.kill()


def test_a_triple_interruption_at_each_point_still_stores_the_set_once(
        app: Callable[[], _Process], catalog: Catalog, paths: AppPaths, clock: FakeClock) -> None:
    plan = _plan(catalog)
    first = app()
    first.start(plan)
    first.act(keys.PRIMARY)
    clock.advance(30)
    first.act(keys.PRIMARY)
    first.act(keys.CONFIRM)
    first.kill()
    for _ in range(2):            # two more starts killed before they heard anything
        again = app()
        again.resume()
        again.kill()
    last = app()
    controller = last.resume()
    last.settle()
    for _ in range(2):            # Enter, and Enter again for good measure
        if controller.engine.state is State.SET_DONE:
            last.act(keys.CONFIRM)
            last.settle()
    assert _rows(paths) == [(RDL, 1, "both")]
    last.kill()


def test_the_same_set_written_twice_is_one_row(store: Store, clock: FakeClock) -> None:
    session = store.start_session(title="Evening")
    entry = SetEntry(RDL, 1, reps=8, load=60)
    first = store.log_set(session.id, entry, uid="3f1c9a54-4c8e-4c35-9d7a-1b8f0e2a6c11")
    clock.advance(5)
    again = store.log_set(session.id, entry, uid="3f1c9a54-4c8e-4c35-9d7a-1b8f0e2a6c11")
    assert again == first         # the stored set as it is, its id and time included
    assert store.count_sets() == 1
    other = store.log_set(session.id, SetEntry(RDL, 2, reps=8, load=60))
    assert other.uid != first.uid and store.count_sets() == 2


def test_a_finished_set_keeps_its_identity_through_a_snapshot_and_an_undo(
        catalog: Catalog, clock: FakeClock) -> None:
    plan = _plan(catalog)
    engine = SessionEngine(plan, clock)
    engine.start_set()
    clock.advance(20)
    engine.finish_set()
    uid = engine.pending_uid
    assert uid is not None and len(uid) == 36
    restored = SessionEngine.restore(engine.snapshot(), plan, FakeClock(monotonic=9e4))
    assert restored.pending_uid == uid
    restored.confirm_set(restored.entry_for_set())
    assert restored.pending_uid is None
    restored.undo_confirm()       # the same set back on the sheet: the same identity
    assert restored.pending_uid == uid
    restored.discard_set()        # thrown away and done again: a new set
    restored.start_set()
    clock.advance(20)
    restored.finish_set()
    assert restored.pending_uid not in (None, uid)


def test_a_sheet_saved_before_sets_had_identities_is_still_found_by_its_place(
        app: Callable[[], _Process], catalog: Catalog, paths: AppPaths, clock: FakeClock,
        store: Store) -> None:
    plan = _plan(catalog)
    engine = SessionEngine(plan, clock)
    engine.start_set()
    clock.advance(30)
    engine.finish_set()
    entry = engine.entry_for_set(reps=9)
    snapshot = engine.snapshot()
    del snapshot["pending"]["uid"]          # as an older version saved it
    session = store.start_session(title=plan.title)
    store.log_set(session.id, entry)        # stored, under an identity made by the store
    write_saved_session(paths.data_dir / "session-in-progress.json", session_payload(
        plan, snapshot, session_id=session.id, saved_at=clock.now(), writing=entry))
    process = app()
    controller = process.resume()
    process.settle()
    assert controller.engine.state is State.RESTING   # found: not offered again
    assert _rows(paths) == [(RDL, 1, "both")]
