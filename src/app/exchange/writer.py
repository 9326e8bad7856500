"""Writing an import plan into the log: everything, or on any error nothing.

The plan (app.exchange.plan) says what a file adds; this module writes it
through storage's import transaction (``Store.import_writes``), deciding
every session again against the log as it is once the write lock is held.
Storage knows nothing of the import formats: it is handed rows.

Shared by `hamstride import` and the window's import dialog (on the log
writer's thread: the lock may be waited for).
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.exchange.model import ImportedLog, ImportedRunning, ImportedSet, ImportFileError
from app.exchange.plan import (
    IMPORT_NAMES_SETTING,
    GrownSession,
    ImportPlan,
    Tally,
    batches,
    decide,
    new_body_notes,
)
from app.exchange.reading import prefetched, sessions_of
from app.kernel.i18n import translate
from app.logbook.entries import held_to_db
from app.logbook.runs import PlannedDay, RunRefusal, validate_run
from app.storage.backup import BackupKind
from app.storage.import_writes import SESSION_COLUMNS, LogRuleError
from app.storage.rows import descent_to_db, readiness_to_db
from app.storage.timestamps import to_db_time
from app.storage.write_lock import hold_write_lock

if TYPE_CHECKING:
    from app.storage.import_writes import ImportWrites
    from app.storage.store import Store


class ImportWriteError(ValueError):
    """An import the database refused; nothing of it was written."""


@dataclass
class ImportResult:
    sessions_added: int = 0
    sets_added: int = 0
    skipped_sessions: int = 0
    exercises_created: list[str] = field(default_factory=list)
    backup: Path | None = None
    # Of sets_added, those added to sessions already in the log (a workout
    # that gained sets since the last import), and those sessions.
    sets_added_to_existing: int = 0
    grown_sessions: int = 0
    grown: list[GrownSession] = field(default_factory=list)  # the first few, set by set
    skipped_sets: int = 0
    tally: Tally = field(default_factory=Tally)
    log: ImportedLog | None = None  # what the file held, when it was read as it was written
    body_notes_added: int = 0  # quick notes (our own JSON) the log had not got
    # The running week (our own JSON, format version 3). A run the log has
    # (same_run) is skipped; a day with a body weight in the log keeps the
    # log's; a race of the same day and name is skipped; the file's planned
    # week is taken only by a log whose week is all rest.
    runs_added: int = 0
    runs_skipped: int = 0
    body_weights_added: int = 0
    body_weights_skipped: int = 0
    races_added: int = 0
    races_skipped: int = 0
    planned_week_added: bool = False
    planned_week_kept: bool = False  # the file had one, and so had the log: the log's kept

    @property
    def running_added(self) -> bool:
        """Whether the import wrote anything of the running week."""
        return bool(self.runs_added or self.body_weights_added or self.races_added
                    or self.planned_week_added)


_TITLE = SESSION_COLUMNS.index("title")  # a session row's title, which a later part may change


def apply_import(store: Store, plan: ImportPlan, remember: Mapping[str, str] | None = None, *,
                 lock_held: bool = False,
                 on_wait: Callable[[], None] | None = None) -> ImportResult:
    """Write ``plan`` into ``store``'s log in one transaction: everything or, on
    any error, nothing (ImportWriteError for data the log's rules refuse).

    A backup is made first (when there is something to add). Exercise
    names mapped to None become custom exercises; ``remember`` (normalised
    source name -> slug) is merged into the names the next import matches.

    Every import runs under the log's write lock (app.storage.write_lock),
    the window's and the command line's alike, so two take turns, and
    everything is matched again against the log as it is once the lock is
    held: a plan made before another import wrote the same file finds its
    sessions, custom exercises and settings there (issue 15 point 13: the
    window's import wrote them again, UNIQUE constraint failed). The lock
    may be waited for: call this off the UI thread. ``lock_held``: the
    caller holds it already (a process taking it twice waits for itself);
    ``on_wait`` is told once when another process holds it.
    """
    with contextlib.nullcontext() if lock_held else hold_write_lock(store.db_path, on_wait):
        return _apply_import(store, plan, remember)


def _apply_import(store: Store, plan: ImportPlan,
                  remember: Mapping[str, str] | None) -> ImportResult:
    result = ImportResult(skipped_sessions=plan.skipped_sessions)
    if plan.body_notes is None and plan.log.body_notes:
        # The file's quick notes, compared with the log before deciding on a
        # backup: the same export imported again adds nothing, not even one.
        plan = dataclasses.replace(plan, body_notes=new_body_notes(
            plan.log.body_notes, store.coaching.body_note_keys()))
    # The running week is not in the plan's counts (app.exchange.plan knows
    # sessions): a file of runs alone is written, and finds what is new there.
    if plan.is_empty and not remember and not plan.log.running:
        return result
    if not plan.is_empty:
        result.backup = store.backup(BackupKind.BEFORE_IMPORT)
    try:
        with store.import_writes() as writes:
            _write(writes, plan, result)
            if remember:
                known = store.reader.get_setting(IMPORT_NAMES_SETTING, {})
                known = dict(known) if isinstance(known, dict) else {}
                known.update(remember)
                writes.put_setting(IMPORT_NAMES_SETTING, known)
    except LogRuleError as exc:
        # The rule is the database's own words (a constraint's name).
        raise ImportWriteError(translate("Store", "{file}: nothing was imported: the data "
                                                  "breaks a rule of the log ({rule})")
                               .format(file=plan.log.path.name, rule=exc.rule)) from exc
    return result


def _write(writes: ImportWrites, plan: ImportPlan, result: ImportResult) -> None:
    source = None if plan.log.family == "hamstride" else plan.log.family
    # Written into the log in the athlete's language: from then on they are their notes.
    made_by_import = translate("Store", "Added by an import from {source}.").format(
        source=plan.log.label)
    imported_step = translate("Store", "Imported exercise: edit it to add your own steps.")
    slug_of = plan.slug_of()
    created: dict[str, str] = {}

    def slug_for(name: str) -> str:
        """The slug a set of ``name`` is written with: a custom exercise
        is made for a name mapped to none, when its first set is added."""
        slug = slug_of(name)
        if slug is not None:
            return slug
        if name not in created:
            created[name] = writes.add_named_exercise(name, made_by_import, imported_step)
            result.exercises_created.append(name)
        return created[name]

    there = writes.custom_slugs() if plan.custom_exercises else set()
    for exercise in plan.custom_exercises:
        if exercise.slug in there:  # imported since the plan was made
            continue
        writes.add_custom_exercise(
            slug=exercise.slug, name=exercise.name, equipment=exercise.equipment,
            one_side=exercise.one_side, category=exercise.category, level=exercise.level,
            notes=exercise.notes, based_on=exercise.based_on, steps=exercise.steps)
        result.exercises_created.append(exercise.name)
    # The file is read again, a batch of sessions at a time, each decided
    # against the log as it now is (issue 15: a million rows held at once
    # took 980 MB); the one transaction keeps the import all or nothing.
    with writes.bulk():
        lookup = writes.lookup
        added: dict[str, int | None] = {}
        tally = result.tally
        next_id = writes.next_session_id()
        athlete_id = writes.athlete_id

        def read(log: ImportedLog) -> None:
            result.log = log

        for batch in prefetched(batches(sessions_of(plan.log, read))):
            sessions: dict[int, list[Any]] = {}
            rows: list[tuple[Any, ...]] = []
            for decision in decide(batch, plan.log, slug_of, lookup, added):
                tally.count(decision)
                imported = decision.session
                target = decision.target
                if target is None and decision.session.continued:
                    target = added.get(decision.uid)
                if target is None:
                    target, next_id = next_id, next_id + 1
                    sessions[target] = [  # in SESSION_COLUMNS' order
                        target, decision.uid, athlete_id,
                        _db_time(imported.started_at), _db_time(imported.ended_at),
                        imported.program_slug, imported.program_day, imported.title,
                        imported.notes, readiness_to_db(imported.readiness),
                        imported.source if source is None else source]
                    added[decision.uid] = target
                elif decision.new and imported.continued:
                    # FitNotes titles a day by the categories trained: a later
                    # part of the day may bring one more.
                    if target in sessions:
                        sessions[target][_TITLE] = imported.title
                    else:
                        writes.retitle(target, imported.title)
                started = _db_time(imported.started_at)
                rows.extend(_set_row(s, uid, target, started, slug_for(s.exercise))
                            for s, uid in decision.sets)
            if sessions:
                writes.insert_sessions(list(sessions.values()))
            if rows:
                writes.insert_sets(rows)
    result.sessions_added = tally.new_sessions
    result.sets_added = tally.sets_added
    result.sets_added_to_existing = tally.grown_sets
    result.grown_sessions = tally.grown_sessions
    result.grown = list(tally.grown)
    result.skipped_sessions = tally.skipped_sessions
    result.skipped_sets = tally.skipped_sets
    if plan.body_notes:
        # Decided again in the transaction (a plan may be older than the log).
        fresh = new_body_notes(plan.body_notes, writes.body_note_keys())
        for note in fresh:
            writes.add_body_note(note.uid, note.noted_at, note.soreness, note.run_pain,
                                 note.words)
        result.body_notes_added = len(fresh)
    if plan.log.running:
        _write_running(writes, plan.log.path, plan.log.running, result)
    for key, value in plan.settings.items():
        writes.add_setting_if_absent(key, value)  # unless set since the plan was made


def _write_running(writes: ImportWrites, path: Path, running: ImportedRunning,
                   result: ImportResult) -> None:
    """The file's runs, planned week, races and body weights, in the import's
    transaction. The reader checked every value but a run's start in the
    future, checked here against the log's clock: a refusal names the run's
    JSON path, and the whole import is undone."""
    for run in running.runs:
        try:
            validate_run(run.entry, writes.now)
        except RunRefusal as exc:
            raise ImportFileError(path, exc.message, column=f"{run.where}.{exc.field}") from None
    already = writes.add_runs([run.entry for run in running.runs])
    result.runs_skipped = len(already)
    result.runs_added = len(running.runs) - len(already)
    if running.plans_a_week:
        assert running.planned_week is not None  # plans_a_week says so
        if any(day is not PlannedDay.REST for day in writes.planned_week()):
            result.planned_week_kept = True  # the athlete's own plan is not replaced
        else:
            writes.set_planned_week(running.planned_week)
            result.planned_week_added = True
    races = writes.race_keys()
    for race in running.races:
        if (race.day, race.name) in races:
            result.races_skipped += 1
            continue
        races.add((race.day, race.name))
        writes.add_race(race.day, race.name)
        result.races_added += 1
    days = writes.body_weight_days()
    for weight in running.body_weights:
        if weight.day in days:  # the log's own value for that day wins
            result.body_weights_skipped += 1
            continue
        days.add(weight.day)
        writes.add_body_weight(weight.day, weight.kg)
        result.body_weights_added += 1


def running_parts(result: ImportResult) -> list[str]:
    """What an import did with the running week, a phrase each, for the
    window's summary ("; "-joined after the quick notes): what was added and
    what the log had already."""
    parts = []
    if result.runs_added:
        parts.append(translate("ImportResult", "%n run(s) added", n=result.runs_added))
    if result.runs_skipped:
        parts.append(translate("ImportResult", "%n run(s) already in the log",
                               n=result.runs_skipped))
    if result.planned_week_added:
        parts.append(translate("ImportResult", "the planned running week set"))
    if result.planned_week_kept:
        parts.append(translate("ImportResult", "your planned running week kept (the file's "
                                               "was not imported)"))
    if result.races_added:
        parts.append(translate("ImportResult", "%n race(s) added", n=result.races_added))
    if result.races_skipped:
        parts.append(translate("ImportResult", "%n race(s) already in the log",
                               n=result.races_skipped))
    if result.body_weights_added:
        parts.append(translate("ImportResult", "%n body weight(s) added",
                               n=result.body_weights_added))
    if result.body_weights_skipped:
        parts.append(translate("ImportResult", "%n day(s) kept the body weight already in "
                                               "the log", n=result.body_weights_skipped))
    return parts


def _db_time(moment: datetime | None) -> str | None:
    return None if moment is None else to_db_time(moment)


def _set_row(s: ImportedSet, uid: str, session_id: int, started_at: str | None,
             slug: str) -> tuple[Any, ...]:
    """The values of a set to insert, in SET_COLUMNS' order (app.storage.import_writes)."""
    return (
        uid, session_id, slug, s.set_number, s.side, s.reps, s.load_kg, s.load_unit,
        s.duration_s, s.rpe, s.tempo,
        descent_to_db(s.descent_s),
        s.set_type, s.notes,
        # Other apps do not say when each set was done; the session's start
        # keeps the sets in their session's place on any timeline.
        started_at if s.logged_at is None else _db_time(s.logged_at),
        s.distance_m, s.rest_s, s.rir, held_to_db(s.descent_held))
