"""Runs a session: the engine, the screen, the cues, the log and the saved state.

Time. A repaint timer (every ``FRAME_MS``) only calls ``engine.tick()`` and
redraws; whatever is due (a cue, the end of a phase) is worked out by the
engine from its deadlines, so a late or skipped repaint cannot make anything
drift. So that cues also sound *on time*, a precise single-shot timer is
re-armed after every change for the engine's ``next_due()`` moment.

Durability. A set is written before the engine moves on: Enter submits
``store.log_set`` to the LogWriter, and only when the writer reports it done
does ``engine.confirm_set`` start the rest. If the write fails, the sheet
stays with the message and Enter tries again. The session in progress is
saved (plan, engine snapshot, stored ids) after every change, through the
same writer so that the file and the database are written in order: after a
crash the file never claims less than the database holds (see ``saved``).
"""

# One module because a session's durability depends on the order of its
# steps (write the set, then confirm it in the engine, then save the file
# through the same writer) and on one repaint/cue timer pair; the screen, the
# saved file and the key table are in their own modules already.

from __future__ import annotations

import contextlib
import logging
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from app.kernel.clock import Clock
from app.kernel.i18n import translate
from app.logbook.entries import InvalidEntryError, LastTime, LoggedSetRecord, SetEntry
from app.logbook.formatting import last_time_text
from app.session.engine import REST_STEP_S, SessionEngine, TransitionError
from app.session.events import (
    Action,
    CueDue,
    Event,
    Phase,
    SessionFinished,
    SetCompleted,
    SetReopened,
    State,
)
from app.session.plan import PlanItem, SessionPlan
from app.session.saved import (
    SavedSession,
    delete_saved_session,
    load_saved_session,
    session_payload,
    write_saved_session,
)
from app.session.timing import WallAnchor
from app.ui.base.log_writer import LogWriter
from app.ui.session import keys
from app.ui.session.screen import SessionScreen
from app.ui.session.summary import SummaryFacts, build_summary, summary_facts
from app.ui.session.words import load_in_unit

if TYPE_CHECKING:
    from app.storage.store import Store

log = logging.getLogger(__name__)

FRAME_MS = 50
"""Repaints a second: 20. The figure and the draining bar move smoothly; the
numbers change once a second anyway."""
WARM_GAP_S = 0.25
"""Draw figure frames ahead of time only when no cue is due this soon: a
frame costs ~15 ms and must never delay a cue."""


class CuePlayer(Protocol):
    def play(self, kind: str, count: int | None) -> None: ...


class _SessionRow:
    """The stored workout session's id, shared with the writer's thread.

    Only jobs read or set it, and the writer runs them one at a time in order,
    so the job that creates the row always runs before the jobs that use it;
    a job finding no row (its creation failed) creates it then.
    """

    def __init__(self, session_id: int | None, plan: SessionPlan, started_at: datetime) -> None:
        self.id = session_id
        self._plan = plan
        self._started_at = started_at

    def ensure(self, store: Store) -> int:
        if self.id is None:
            plan = self._plan
            self.id = store.start_session(
                title=plan.title, started_at=self._started_at, program_slug=plan.program_slug,
                program_day=plan.program_day,
                readiness=None if plan.readiness is None else dict(plan.readiness)).id
        return self.id


def records_beaten(store: Store, session_id: int, names: dict[str, str], units: str) -> list[str]:
    """Lines for the personal records the session beat (a first-ever set is
    not a record broken). Runs on the writer's thread, after the session ends."""
    from app.progress.queries import ProgressReader
    from app.progress.records import describe_record

    reader = ProgressReader(store.db_path)
    try:
        beaten = [r for r in reader.records_broken_in(session_id) if r.previous is not None]
    finally:
        reader.close()
    return [describe_record(r, units, lambda slug: names.get(slug, slug)) for r in beaten]


def _log_job(row: _SessionRow, entry: SetEntry, stale: list[int], uid: str | None,
             logged_at: datetime) -> Callable[[Store], LoggedSetRecord]:
    def job(store: Store) -> LoggedSetRecord:
        for set_id in stale:   # an undone set whose removal failed earlier: never keep it twice
            with contextlib.suppress(LookupError):
                store.delete_set(set_id)
        # Under the set's own identity: written again (a retry, a resume), it
        # is found, never stored twice.
        return store.log_set(row.ensure(store), entry, uid=uid, logged_at=logged_at)
    return job


def _save_job(row: _SessionRow, path: Path, payload: dict[str, Any]) -> Callable[[Store], None]:
    def job(_store: Store) -> None:
        payload["session_id"] = row.id   # known by now if the row could be created
        write_saved_session(path, payload)
    return job


def _working_set_loads(last: LastTime) -> list[tuple[int, str, float | None, str]]:
    """Last time's working sets numbered 1, 2, ... per side, as this session
    numbers its own: the stored set numbers also count warm-ups (an imported
    Strong session's first working set is its set 2), and the sheet should
    offer set 1 what the first working set weighed."""
    order: Counter[str] = Counter()
    loads = []
    for done in last.sets:
        order[done.side] += 1
        loads.append((order[done.side], done.side, done.load_entered, done.load_unit))
    return loads


class SessionController(QObject):
    """Owns a SessionEngine and drives a SessionScreen with it.

    ``cue_player`` is any object with ``play(kind, count)`` (kinds: tick,
    catch, beep, go, relax, done); if it has a ``flash_requested(str)``
    signal (it cannot make sound), the screen flashes instead. ``save_path``
    is where the session in progress is kept. Call ``start()`` once the
    signals are connected.
    """

    finished = Signal()            # the summary was closed
    set_logged = Signal(object)    # LoggedSetRecord: a set is on disk
    set_undone = Signal(object)    # LoggedSetRecord (or its id after a resume): removed again
    exercise_wanted = Signal(str)  # keys.ADD_EXERCISE or keys.SWAP_EXERCISE: which exercise?

    def __init__(self, plan: SessionPlan, screen: SessionScreen, *, clock: Clock, writer: LogWriter,
                 cue_player: CuePlayer, save_path: Path, switch_side_s: float = 5,
                 get_ready_s: float = 3, engine: SessionEngine | None = None,
                 session_id: int | None = None, frame_ms: int = FRAME_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        if engine is not None and engine.plan is not plan and engine.plan != plan:
            raise ValueError("the engine runs another plan")
        self._engine = engine or SessionEngine(plan, clock, switch_side_s, get_ready_s)
        self._plan = plan
        self._screen = screen
        self._clock = clock
        self._writer = writer
        self._cue_player = cue_player
        self._save_path = Path(save_path)
        # Every time this session stores (its start and end, each set's time,
        # the saved state's) comes from one reading of the wall clock plus the
        # monotonic seconds since: a wall clock changed mid-session moves none.
        self._times = WallAnchor(clock)
        self._row = _SessionRow(session_id, plan, self._times.now())

        # The kinds of our writes in flight ("log", "finish"...; one entry per
        # write), for writes_pending and a close waiting for the end. Each
        # answer comes to its own job's callbacks (_on_write_done/_failed).
        self._in_flight: list[str] = []
        self._busy = False             # a set is being written: keys wait for it
        self._writing: SetEntry | None = None
        self._last_record: LoggedSetRecord | None = None
        self._last_entry: SetEntry | None = None
        self._last_set_id: int | None = None          # from a saved session, before any new set
        self._stale_ids: list[int] = []
        self._logged: list[LoggedSetRecord] = []
        self._finished_event: SessionFinished | None = None
        # Enter on the summary while its end is being stored: closed once stored.
        self._close_when_finished = False
        self._resume_writing: SetEntry | None = None
        self._dirty = True
        self._started = False
        self._cue_failed = False
        self._save_failed = False      # the notice says the saved state could not be written
        self._finish_failed = False    # the session's end could not be stored (its file is kept)
        self._resume_legacy = False    # resumed on a sheet saved before sets had identities
        # "Last time" per exercise, read by the writer's thread (never the UI's):
        # the slugs asked for, and the plan they were taken from.
        self._last_asked: set[str] = set()

        self._engine.subscribe(self._on_engine_event)
        screen.action_requested.connect(self._on_screen_action_requested)
        flash = getattr(cue_player, "flash_requested", None)
        if flash is not None:
            flash.connect(self._on_cue_player_flash_requested)

        self.frame_timer = QTimer(self)
        self.frame_timer.setInterval(frame_ms)
        self.frame_timer.timeout.connect(self._on_frame_timer_timeout)
        self.cue_timer = QTimer(self)
        self.cue_timer.setSingleShot(True)
        self.cue_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.cue_timer.timeout.connect(self._on_cue_timer_timeout)

    @classmethod
    def resume(cls, saved: Path | SavedSession, screen: SessionScreen, *, clock: Clock,
               writer: LogWriter, cue_player: CuePlayer, save_path: Path | None = None,
               frame_ms: int = FRAME_MS, parent: QObject | None = None) -> SessionController:
        """Carry on the session saved in ``saved`` (a path, or what
        ``load_saved_session`` returned) exactly where it was. A set or a rest
        that was running comes back paused, so the athlete can get ready.
        ValueError when there is nothing to resume."""
        if not isinstance(saved, SavedSession):
            loaded = load_saved_session(Path(saved))
            if loaded is None:
                raise ValueError(f"no session to resume in {saved}")
            saved = loaded
        timed = saved.state in (State.SET_RUNNING, State.RESTING, State.SWITCHING_SIDE)
        engine = SessionEngine.restore(saved.snapshot, saved.plan, clock, paused=True if timed else None)
        controller = cls(saved.plan, screen, clock=clock, writer=writer, cue_player=cue_player,
                         save_path=save_path or saved.path, engine=engine,
                         session_id=saved.session_id, frame_ms=frame_ms, parent=parent)
        controller._resume_writing = saved.writing
        controller._last_set_id = saved.last_set_id
        pending = saved.snapshot.get("pending")
        controller._resume_legacy = isinstance(pending, dict) and not pending.get("uid")
        # A new process: the wall clock is read again, but the session's times
        # never go back before what it had saved.
        saved_at = saved.saved_at
        controller._times = WallAnchor(
            clock, at_least=saved_at if saved_at is not None and saved_at.tzinfo is not None
            else None)
        return controller

    # ======================================================================
    # Reading
    # ======================================================================

    @property
    def engine(self) -> SessionEngine:
        return self._engine

    @property
    def screen(self) -> SessionScreen:
        return self._screen

    @property
    def session_id(self) -> int | None:
        """The stored session's id, once the writer has created it."""
        return self._row.id

    @property
    def save_path(self) -> Path:
        return self._save_path

    @property
    def finish_failed(self) -> bool:
        """The session ended but its end could not be stored: the saved
        session is kept, and the next start offers to resume it."""
        return self._finish_failed

    @property
    def writes_pending(self) -> bool:
        """Some of this session's writes (sets, the saved state) are not done yet."""
        return bool(self._in_flight)

    # ======================================================================
    # Running
    # ======================================================================

    def start(self) -> None:
        """Create the stored session (this first write also loads the database
        code, off the UI thread), start the timers and show the screen's first state."""
        if self._started:
            return
        self._started = True
        if self._row.id is None:
            row = self._row

            def begin(store: Store) -> int:
                # Any other unfinished session without a set was abandoned (a
                # crash before its first set): only one session runs at a time.
                store.discard_empty_sessions()
                return row.ensure(store)

            self._submit("start", None, begin)
        else:
            self._submit("warm", None, lambda _store: None)
        self._ask_last_times()
        if self._engine.state is State.SET_DONE:
            # Resumed on a log sheet: whether or not the file still says "being
            # written" (a kill during an earlier resume may have saved it
            # without), the set may be stored already. Look for it first.
            self._reopen_sheet()
            self._check_interrupted_write(self._resume_writing)
        self._resume_writing = None
        self.frame_timer.start()
        self._dirty = True
        self._refresh()

    def stop(self) -> None:
        """Stop the timers (the saved session stays for a later resume)."""
        self.frame_timer.stop()
        self.cue_timer.stop()

    def tick(self) -> None:
        """Catch the engine up with the clock and redraw (the timers call this)."""
        self._engine.tick()
        self._refresh()

    def _refresh(self) -> None:
        engine = self._engine
        self._screen.render(engine.view(), engine.allowed())
        if self._dirty:
            self._dirty = False
            self._save()
        self._arm_cue_timer()

    def _arm_cue_timer(self) -> None:
        due = self._engine.next_due()
        if due is None:
            self.cue_timer.stop()
            return
        delay = max(0.0, due - self._clock.monotonic())
        to_base = getattr(self._clock, "to_base_seconds", None)   # a ScaledClock runs faster
        if callable(to_base):
            delay = float(to_base(delay))
        # Never early (a cue found not yet due would wait a whole repaint), but
        # float noise (0.7000000001 s) is not worth a millisecond.
        self.cue_timer.start(max(0, math.ceil(round(delay * 1000, 3))))

    def _on_frame_timer_timeout(self) -> None:
        self.tick()
        due = self._engine.next_due()
        if due is None or due - self._clock.monotonic() > WARM_GAP_S:
            self._screen.warm_figure()

    def _on_cue_timer_timeout(self) -> None:
        self.tick()

    # ======================================================================
    # Engine events
    # ======================================================================

    def _on_engine_event(self, event: Event) -> None:
        if isinstance(event, CueDue):
            self._play(event)
            return
        self._dirty = True
        if isinstance(event, SetCompleted):
            self._reopen_sheet()
        elif isinstance(event, SetReopened):
            self._on_set_reopened(event)
        elif isinstance(event, SessionFinished):
            self._on_session_finished(event)

    def _play(self, cue: CueDue) -> None:
        try:
            self._cue_player.play(cue.kind.value, cue.count)
        except Exception:
            # A broken sound must never stop the session; say so once.
            if not self._cue_failed:
                self._cue_failed = True
                log.exception("the cue player failed; the session goes on without sound")

    def _sheet_entry(self) -> SetEntry:
        """The engine's entry for the finished set, with the load in the athlete's unit."""
        engine = self._engine
        units = self._screen.units
        entry = engine.entry_for_set()
        if entry.load is not None and units != entry.load_unit:
            entry = engine.entry_for_set(load=load_in_unit(entry.load_kg, units), load_unit=units)
        return entry

    def _reopen_sheet(self, entry: SetEntry | None = None) -> None:
        done = self._engine.view().last_set
        if done is None or self._engine.state is not State.SET_DONE:
            return
        self._screen.open_log_sheet(entry or self._sheet_entry(), done)

    def _on_set_reopened(self, event: SetReopened) -> None:
        done = event.completed
        previous = self._last_entry
        same = previous is not None and (previous.exercise_slug, previous.set_number, previous.side) \
            == (done.exercise_slug, done.set_number, done.side)
        self._reopen_sheet(previous if same else None)
        record = self._last_record
        set_id = record.id if record is not None else self._last_set_id
        self._last_record, self._last_entry, self._last_set_id = None, None, None
        if set_id is None:
            return
        self._logged = [r for r in self._logged if r.id != set_id]
        self._submit("delete", record if record is not None else set_id,
                     lambda store: store.delete_set(set_id))

    def _on_session_finished(self, event: SessionFinished) -> None:
        self._finished_event = event
        units = self._screen.units
        self._screen.show_summary(build_summary(self._plan, event, self._logged, units=units))
        row, ended_at = self._row, self._times.now()
        names = {item.slug: item.name for item in self._plan.items}
        nothing = SummaryFacts((), (), {})
        path = self._save_path

        def finish(store: Store) -> SummaryFacts:
            if row.id is not None and not store.finish_session(row.id, ended_at=ended_at):
                row.id = None   # no set: the session is not kept
            # Only once the end is stored is the saved session forgotten: if
            # finishing fails, the next start offers to resume it.
            delete_saved_session(path)
            if row.id is None:
                return nothing
            # The records and each exercise's last time are read here, on the
            # writer's thread, never on the UI thread.
            return summary_facts(store, row.id, names,
                                 records_beaten(store, row.id, names, units),
                                 day=ended_at.astimezone().date())

        self._submit("finish", event, finish)

    # ======================================================================
    # Actions (keys and buttons)
    # ======================================================================

    def _on_screen_action_requested(self, action: str) -> None:
        if self._busy:
            return   # a set is being written; it takes milliseconds
        try:
            self._act(action)
        except TransitionError as error:
            # A key that raced the timer (the rest had just ended): nothing to do.
            log.debug("%s ignored: %s", action, error)
        except InvalidEntryError as error:
            self._screen.sheet.show_error(error.field, error.message)
        self._refresh()

    def _act(self, action: str) -> None:
        """Do what the key or button ``action`` asks (see _KEY_ACTIONS); an
        action the engine does not allow now is ignored."""
        entry = _KEY_ACTIONS.get(action)
        if entry is None:
            log.warning("unknown session action %r", action)
            return
        if entry.needs is not None and entry.needs not in self._engine.allowed():
            return
        entry.run(self, action)

    def _on_primary_key(self, _action: str) -> None:
        self._primary(self._engine.state)

    def _on_primary_or_break_key(self, _action: str) -> None:
        # Space doubles as the break-point key: during the lowering it marks
        # the break; a press a moment late (catch, return) must not end the
        # set; only before a rep starts does it end the set.
        engine = self._engine
        if engine.phase is Phase.LOWERING:
            engine.mark_break_point()
        elif engine.phase is Phase.GET_READY:
            engine.finish_set()

    def _on_confirm_key(self, _action: str) -> None:
        self._confirm()

    def _on_quick_log_key(self, _action: str) -> None:
        self._quick_log()

    def _on_rest_key(self, action: str) -> None:
        self._engine.adjust_rest(REST_STEP_S if action == keys.REST_LONGER else -REST_STEP_S)

    def _on_close_summary_key(self, _action: str) -> None:
        # Not before the end is stored (milliseconds): the window then
        # says whether the session was saved, and it must be true.
        # A press meanwhile is kept, not dropped: the summary closes then.
        if self._engine.state is not State.SUMMARY:
            return
        if "finish" in self._in_flight:
            self._close_when_finished = True
        else:
            self._close_summary()

    def _on_plan_change_key(self, action: str) -> None:
        if self._engine.can_change_plan():
            self.exercise_wanted.emit(action)   # the host asks which one

    def _primary(self, state: State) -> None:
        engine = self._engine
        if state is State.READY:
            engine.start_set()
        elif state is State.SET_RUNNING:
            engine.finish_set()
        elif state is State.RESTING:
            engine.skip_rest()          # "I'm ready": the rest ends and the set starts
            if Action.START_SET in engine.allowed():
                engine.start_set()
        elif state is State.SWITCHING_SIDE:
            engine.skip_rest()          # starts the other side's set

    def _confirm(self) -> None:
        engine = self._engine
        if engine.state is not State.SET_DONE:
            return
        sheet = self._screen.sheet
        sheet.clear_errors()
        entry = engine.entry_for_set(**sheet.changes())   # InvalidEntryError: shown by the caller
        self._write_set(entry)

    def _quick_log(self) -> None:
        """Enter before a set of reps: the set as planned goes straight to the
        log (one press, as in Strong). The sheet shows it while it is saved,
        and stays with the message if the save fails."""
        self._engine.quick_log()   # the sheet opens, pre-filled (SetCompleted)
        self._confirm()

    def _write_set(self, entry: SetEntry) -> None:
        self._busy = True
        self._writing = entry
        self._screen.sheet.set_saving(True)
        self._save()   # first the file says "being written", then the write
        stale = list(self._stale_ids)
        self._submit("log", (entry, stale), _log_job(self._row, entry, stale,
                                                     self._engine.pending_uid, self._times.now()))

    # ======================================================================
    # Writes
    # ======================================================================

    def _ask_last_times(self) -> None:
        """Read "last time" for the plan's exercises not asked for yet, on the
        writer's thread: after the job that makes the session's row, so the
        session being trained is left out."""
        plan = self._engine.plan
        slugs = [slug for slug in dict.fromkeys(item.slug for item in plan.items)
                 if slug not in self._last_asked]
        if not slugs:
            return
        self._last_asked.update(slugs)
        row = self._row

        def read(store: Store) -> dict[str, LastTime | None]:
            return {slug: store.reader.last_time(slug, exclude_session_id=row.id) for slug in slugs}

        self._submit("last_time", None, read)

    def _on_last_times_read(self, found: dict[str, LastTime | None]) -> None:
        texts = {}
        now, units = self._times.now(), self._screen.units
        for slug, last in found.items():
            if last is None:
                continue
            self._engine.remember_last_time(slug, _working_set_loads(last))
            texts[slug] = last_time_text(last, now, units)
        self._screen.set_last_times(texts)
        self._refresh()   # the target line's load to lift may now come from last time

    def _submit(self, kind: str, detail: Any, job: Callable[[Store], Any]) -> None:
        self._in_flight.append(kind)
        self._writer.submit(job, lambda result: self._on_write_done(kind, detail, result),
                            lambda error: self._on_write_failed(kind, detail, error),
                            receiver=self)

    def _save(self) -> None:
        engine = self._engine
        if engine.state is State.SUMMARY:
            return   # the summary deletes the file instead
        last_id = self._last_record.id if self._last_record is not None else self._last_set_id
        payload = session_payload(self._plan, engine.snapshot(), session_id=self._row.id,
                                  saved_at=self._times.now(), writing=self._writing,
                                  last_set_id=last_id)
        self._submit("save", None, _save_job(self._row, self._save_path, payload))

    def _on_write_done(self, kind: str, detail: Any, result: object) -> None:
        self._in_flight.remove(kind)
        if kind == "log":
            assert isinstance(result, LoggedSetRecord)
            entry, stale = detail
            self._on_set_written(entry, stale, result)
        elif kind == "delete":
            self.set_undone.emit(detail)
        elif kind == "finish":
            self._on_finish_written(result)
            self._close_if_asked()
        elif kind == "check":
            self._on_check_done(detail, result)
        elif kind == "last_time" and isinstance(result, dict):
            self._on_last_times_read(result)
        elif kind == "save" and self._save_failed:
            self._save_failed = False
            self._screen.show_notice("")

    def _on_set_written(self, entry: SetEntry, stale: list[int], record: LoggedSetRecord) -> None:
        self._busy = False
        self._writing = None
        self._stale_ids = [i for i in self._stale_ids if i not in stale]
        self._last_record, self._last_entry, self._last_set_id = record, entry, None
        self._logged.append(record)
        engine = self._engine
        if engine.paused:   # paused from the sheet while it was saving: the set is stored anyway
            engine.resume()
        engine.confirm_set(entry)
        self.set_logged.emit(record)
        self._refresh()

    def _close_summary(self) -> None:
        self.stop()
        self.finished.emit()

    def _close_if_asked(self) -> None:
        if self._close_when_finished:
            self._close_when_finished = False
            self._close_summary()

    def _on_finish_written(self, result: object) -> None:
        event = self._finished_event
        if event is None or self._engine.state is not State.SUMMARY \
                or not isinstance(result, SummaryFacts):
            return
        # The database is the truth: it also holds sets logged before a resume.
        self._screen.show_summary(build_summary(
            self._plan, event, result.sets, result.records, units=self._screen.units,
            last_times=result.last_times, now=self._times.now(), body_kg=result.body_kg))

    def _on_write_failed(self, kind: str, detail: Any, error: object) -> None:
        self._in_flight.remove(kind)
        if type(error).__name__ == "UnknownSessionError":
            self._row.id = None   # the session row is gone: the retry makes a new one
        if kind == "log":
            self._busy = False
            self._writing = None
            self._dirty = True
            self._screen.sheet.show_write_error(str(error))
            self._refresh()
        elif kind == "delete":
            self._stale_ids.append(detail.id if isinstance(detail, LoggedSetRecord) else int(detail))
            self._show_notice(translate("SessionController", "The undone set is still stored ({error}); "
                                                             "it is replaced when you save the set.")
                              .format(error=error))
        elif kind == "check":
            self._busy = False
            self._reopen_sheet(detail)
        elif kind == "save":
            self._show_notice(translate("SessionController",
                                        "The session in progress could not be saved: {error}")
                              .format(error=error))
            self._save_failed = True
        elif kind == "start":
            self._show_notice(translate("SessionController",
                                        "Your training log could not be written: {error}")
                              .format(error=error))
        elif kind == "finish":
            # The saved session stays (the job deletes it only after the end
            # is stored), so nothing is lost: the next start offers it again.
            self._finish_failed = True
            reason = str(error) if type(error).__name__ == "StorageProblem" else translate(
                "SessionController", "the end of the session could not be stored")
            self._show_notice(translate("SessionController",
                                        "Not saved in your history: {reason}. Your session is kept: "
                                        "the next start offers to resume it.")
                              .format(reason=reason))
            self._close_if_asked()  # the window's status bar then says it was not saved

    def _show_notice(self, text: str) -> None:
        """A new notice replaces the last: a later save no longer clears it."""
        self._save_failed = False
        self._screen.show_notice(text)

    # ======================================================================
    # Changing the session: add an exercise (A), swap the one at hand (W)
    # ======================================================================

    def add_exercise(self, item: PlanItem, block: str | None = None) -> bool:
        """Add ``item`` after the exercise at hand (``SessionEngine.add_item``);
        False when the session is not between sets now."""
        if self._busy or not self._engine.can_change_plan():
            return False
        self._engine.add_item(item, block)
        self._plan_changed()
        return True

    def swap_exercise(self, item: PlanItem) -> bool:
        """Do ``item`` instead of the exercise at hand (``SessionEngine.swap_current``)."""
        if self._busy or not self._engine.can_change_plan():
            return False
        self._engine.swap_current(item)
        self._plan_changed()
        return True

    def _plan_changed(self) -> None:
        # The saved session, the summary and the records' names follow the new plan.
        self._plan = self._engine.plan
        self._dirty = True
        self._ask_last_times()   # the exercise added or swapped in (a tick no longer checks)
        self._refresh()

    # ======================================================================
    # Resuming a set that was being written
    # ======================================================================

    def _check_interrupted_write(self, entry: SetEntry | None) -> None:
        """Resumed on the log sheet: the set may have been stored just before
        the program stopped (``entry``: what the file said was being written,
        if it still said so). Look in the database for the set's identity.
        Stored: the engine moves on as if the write had just finished. Not
        stored: the sheet shows it again, as typed. Until the answer, the file
        keeps saying "being written", and Enter waits."""
        if self._row.id is None:
            self._reopen_sheet(entry)
            return
        self._busy = True
        self._writing = entry
        uid = self._engine.pending_uid
        # A sheet saved before sets had identities: its set is found by its
        # place (exercise, number, side), as it was then.
        legacy = self._resume_legacy and entry is not None
        place = None if entry is None else (entry.exercise_slug, entry.set_number, entry.side)
        session_id = self._row.id

        def find(store: Store) -> list[LoggedSetRecord]:
            stored = store.sets_of_session(session_id)
            return [s for s in stored if s.uid == uid] or \
                [s for s in stored if legacy and (s.exercise_slug, s.set_number, s.side) == place]

        self._submit("check", entry, find)

    def _on_check_done(self, entry: SetEntry | None, found: object) -> None:
        self._busy = False
        self._writing = None
        if isinstance(found, list) and found:
            record = found[-1]
            self._on_set_written(entry or self._entry_of(record), [], record)
        else:
            self._dirty = True
            self._reopen_sheet(entry)
            self._refresh()

    def _entry_of(self, record: LoggedSetRecord) -> SetEntry:
        """The entry a stored set was written from (the engine remembers its load
        for the next set's sheet), when the saved file no longer had it."""
        try:
            return self._engine.entry_for_set(
                reps=record.reps, load=record.load_entered, load_unit=record.load_unit,
                rpe=record.rpe, rir=record.rir, set_type=record.set_type, notes=record.notes,
                descent_s=record.descent_s, descent_held=record.descent_held)
        except InvalidEntryError:
            return self._engine.entry_for_set()

    def _on_cue_player_flash_requested(self, text: str) -> None:
        self._screen.flash(text)


@dataclass(frozen=True)
class _KeyAction:
    """What one key (or button) action does: ``run`` with the controller and
    the action. ``needs``: the engine Action that must be allowed now, else
    the key does nothing; None where the engine itself refuses what it does
    not accept (TransitionError, ignored by the caller) or ``run`` checks."""

    run: Callable[[SessionController, str], None]
    needs: Action | None = None


def _engine_does(action: Action) -> Callable[[SessionController, str], None]:
    """Call the engine's method for ``action`` (an Action's value is its name)."""
    def run(controller: SessionController, _key: str) -> None:
        getattr(controller.engine, action.value)()
    return run


# Every action the screen sends (app.ui.session.keys), and what it does.
_KEY_ACTIONS: dict[str, _KeyAction] = {
    keys.PRIMARY: _KeyAction(SessionController._on_primary_key),
    keys.PRIMARY_OR_BREAK: _KeyAction(SessionController._on_primary_or_break_key),
    keys.BREAK_POINT: _KeyAction(_engine_does(Action.MARK_BREAK_POINT)),
    keys.FINISH_SET: _KeyAction(_engine_does(Action.FINISH_SET)),
    keys.CONFIRM: _KeyAction(SessionController._on_confirm_key),
    keys.QUICK_LOG: _KeyAction(SessionController._on_quick_log_key, Action.QUICK_LOG),
    keys.DISCARD: _KeyAction(_engine_does(Action.DISCARD_SET)),
    keys.REST_LONGER: _KeyAction(SessionController._on_rest_key, Action.ADJUST_REST),
    keys.REST_SHORTER: _KeyAction(SessionController._on_rest_key, Action.ADJUST_REST),
    keys.SKIP_REST: _KeyAction(_engine_does(Action.SKIP_REST), Action.SKIP_REST),
    keys.NEXT_EXERCISE: _KeyAction(_engine_does(Action.NEXT_EXERCISE), Action.NEXT_EXERCISE),
    keys.PREVIOUS_EXERCISE: _KeyAction(_engine_does(Action.PREVIOUS_EXERCISE),
                                       Action.PREVIOUS_EXERCISE),
    keys.PAUSE: _KeyAction(_engine_does(Action.PAUSE), Action.PAUSE),
    keys.RESUME: _KeyAction(_engine_does(Action.RESUME), Action.RESUME),
    keys.END_SESSION: _KeyAction(_engine_does(Action.END), Action.END),
    keys.UNDO: _KeyAction(_engine_does(Action.UNDO_CONFIRM), Action.UNDO_CONFIRM),
    keys.CLOSE_SUMMARY: _KeyAction(SessionController._on_close_summary_key),
    keys.ADD_EXERCISE: _KeyAction(SessionController._on_plan_change_key),
    keys.SWAP_EXERCISE: _KeyAction(SessionController._on_plan_change_key),
}
