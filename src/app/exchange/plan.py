"""What an import will add, worked out before anything is written.

Pure Python: ``prepare_import`` takes a parsed file, the exercise-name
mapping and a view of what the log already holds, and returns an
``ImportPlan``. The command line prints it for --dry-run; the storage layer
writes the file in one transaction, deciding each session with the same
``decide`` as the plan did, so both paths say the same.

Importing the same file twice adds nothing the second time: every session
gets a uid derived from its source and its key (the workout's identity in
that app). A session whose uid is already in the log is matched set by set
(issue 15: a workout that gained sets since the last import lost them): a
set is new unless the log's session has a set of the same exercise, number
and side, or a set of the same identity; new sets are added to that session
and the rest are skipped as already in the log.

A quick note on how the body felt (our own JSON, format version 2) is in the
log already when a note of the same time says the same (soreness, run pain,
words): ``new_body_notes``. The write decides them again against the log as
it is (``ImportPlan.body_notes`` None: not compared yet).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from app.exchange.model import (
    ImportedBodyNote,
    ImportedExercise,
    ImportedLog,
    ImportedSession,
    ImportedSet,
)
from app.kernel.i18n import format_date, format_integer, translate

# Fixed forever: changing it would make every earlier import look new.
IMPORT_NAMESPACE = uuid.UUID("5b0f3a52-8d43-4c1e-9a55-6f0d2b7e1c90")

# The setting that keeps the exercise names the athlete mapped by hand, so
# the next import of that app's export matches them by itself.
IMPORT_NAMES_SETTING = "import_exercise_names"

# The apps' names: not translated.
SOURCE_LABELS = {"strong": "Strong", "hevy": "Hevy", "fitnotes": "FitNotes",
                 "hamstride": "Hamstride"}

# Sessions that gained sets are told one by one up to this many; the rest are counted.
MAX_LISTED = 20
# Sessions decided together (one look-up in the log for all of them).
BATCH_SETS = 5000

SetKey = tuple[str, int, str]  # exercise slug, set number, side
NoteKey = tuple[datetime, int | None, str | None, str]  # ImportedBodyNote.key


def new_body_notes(notes: Iterable[ImportedBodyNote],
                   in_log: Collection[NoteKey]) -> tuple[ImportedBodyNote, ...]:
    """The notes of a file that the log has not got (``in_log``: the keys of
    its notes), each once even when the file repeats one."""
    seen = set(in_log)
    fresh = []
    for note in notes:
        if note.key not in seen:
            seen.add(note.key)
            fresh.append(note)
    return tuple(fresh)


def _uuid5(name: str) -> str:
    """``str(uuid.uuid5(IMPORT_NAMESPACE, name))``, without building UUID objects
    (a million sets spent 5 s there)."""
    digest = bytearray(hashlib.sha1(IMPORT_NAMESPACE.bytes + name.encode("utf-8")).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    text = digest.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def session_uid(log: ImportedLog, session: ImportedSession) -> str:
    if session.uid:
        return session.uid
    return _uuid5(f"{log.family}|{session.key}")


def set_uid(session_uid_: str, imported: ImportedSet) -> str:
    """A set's identity: kept from our own export, else from its session, exercise,
    number and side, so the same set of a re-exported workout gets the same one
    (sets imported before issue 15 were numbered by position and still match by
    exercise and number)."""
    if imported.uid:
        return imported.uid
    # The session's uid up to its last group, then 48 bits of the set's own hash:
    # a session's sets sit together in the uid index (random uids made SQLite
    # touch a page of it for every set of a million), and a clash within one
    # session's few hundred sets is beyond reach (about 1 in 10^9).
    own = hashlib.sha1(f"{session_uid_}|{imported.exercise}|{imported.set_number}|"
                       f"{imported.side}".encode()).hexdigest()[:12]
    return f"{session_uid_[:24]}{own}"


class LogLookup(Protocol):
    """What the log already holds, asked a batch at a time."""

    def sessions(self, uids: Sequence[str]) -> Mapping[str, tuple[int, set[SetKey] | None]]:
        """uid -> (session id, the keys of its sets; None: count them all as in the log)."""

    def taken(self, set_uids: Sequence[str]) -> set[str]:
        """Those of ``set_uids`` some set of the log has."""


class UidsOnly:
    """A lookup from session uids alone: a session already in the log is skipped whole."""

    def __init__(self, uids: Collection[str]) -> None:
        self._uids = uids

    def sessions(self, uids: Sequence[str]) -> dict[str, tuple[int, set[SetKey] | None]]:
        return {uid: (-1, None) for uid in uids if uid in self._uids}

    def taken(self, set_uids: Sequence[str]) -> set[str]:
        return set()


@dataclass(frozen=True)
class PlannedSession:
    uid: str
    session: ImportedSession
    set_uids: tuple[str, ...]


@dataclass
class Decision:
    """One session (or part of one) of the file, decided against the log."""

    uid: str
    session: ImportedSession
    # The log's session its sets go to; None: a new session (or a part of one
    # decided in the same batch, which the writer has by then: ``added``).
    target: int | None
    new: bool  # the session is new to the log (this part may continue one added just now)
    sets: list[tuple[ImportedSet, str]]  # to add, with their uids
    skipped: int  # its sets already in the log


@dataclass(frozen=True)
class GrownSession:
    """A session of the log that gains sets: what is added, what is skipped."""

    title: str
    started_at: datetime
    added: tuple[tuple[str, int], ...]  # (exercise as the file names it, set number)
    skipped: int


@dataclass
class Tally:
    """What an import adds and skips, counted as sessions are decided."""

    new_sessions: int = 0
    new_sets: int = 0
    grown_sessions: int = 0
    grown_sets: int = 0
    skipped_sessions: int = 0  # in the log already, with every set
    skipped_sets: int = 0  # sets of sessions in the log that are in it already
    grown: list[GrownSession] = field(default_factory=list)  # the first MAX_LISTED
    used: dict[str, None] = field(default_factory=dict)  # exercise names of the sets added
    _grown_uids: set[str] = field(default_factory=set)
    _skipped_uids: set[str] = field(default_factory=set)

    def count(self, decision: Decision) -> None:
        for s, _uid in decision.sets:
            if s.exercise not in self.used:
                self.used[s.exercise] = None
        if decision.new:
            self.new_sessions += not decision.session.continued
            self.new_sets += len(decision.sets)
            return
        self.skipped_sets += decision.skipped
        if not decision.sets:
            if decision.uid not in self._grown_uids and decision.uid not in self._skipped_uids:
                self._skipped_uids.add(decision.uid)
                self.skipped_sessions += 1
            return
        if decision.uid in self._skipped_uids:  # a later part of it brings new sets
            self._skipped_uids.discard(decision.uid)
            self.skipped_sessions -= 1
        if decision.uid not in self._grown_uids:
            self._grown_uids.add(decision.uid)
            self.grown_sessions += 1
        self.grown_sets += len(decision.sets)
        if len(self.grown) < MAX_LISTED:
            imported = decision.session
            self.grown.append(GrownSession(
                imported.title, imported.started_at,
                tuple((s.exercise, s.set_number) for s, _uid in decision.sets), decision.skipped))

    @property
    def sets_added(self) -> int:
        return self.new_sets + self.grown_sets

    def grown_lines(self, name_of: Callable[[str], str], would: bool) -> list[str]:
        """For people: the sessions of the log that gain sets, set by set."""
        if not self.grown_sessions:
            return []
        lines = [(translate("ImportPlan", "Would add %n set(s) to sessions already in the log:",
                            n=self.grown_sets) if would else
                  translate("ImportPlan", "Added %n set(s) to sessions already in the log:",
                            n=self.grown_sets))]
        for grown in self.grown:
            added = ", ".join(translate("ImportPlan", "{exercise} set {number}").format(
                exercise=name_of(exercise), number=format_integer(number))
                for exercise, number in grown.added)
            line = translate("ImportPlan", "{day} {title}: {sets}").format(
                day=format_date(grown.started_at.date()), title=grown.title, sets=added)
            if grown.skipped:
                line += "; " + translate("ImportPlan", "%n set(s) skipped: already in the log",
                                         n=grown.skipped)
            lines.append("  " + line)
        if self.grown_sessions > len(self.grown):
            lines.append("  " + translate("ImportPlan", "and %n more session(s)",
                                          n=self.grown_sessions - len(self.grown)))
        return lines


def decide(batch: Sequence[ImportedSession], log: ImportedLog,
           slug_of: Callable[[str], str | None], lookup: LogLookup,
           added: Mapping[str, int | None]) -> list[Decision]:
    """Decide ``batch`` against the log. ``added``: the uids of the sessions
    this import adds (to the session ids where known), so a further part of
    one continues it."""
    uids = [session_uid(log, s) for s in batch]
    unknown = [uid for uid in uids if uid not in added]
    in_log = lookup.sessions(unknown) if unknown else {}
    # Our own export gives every set its identity: one in the log already is skipped.
    check = [set_uid(uid, s) for uid, session in zip(uids, batch, strict=True)
             if uid in in_log or log.names_are_slugs for s in session.sets]
    taken = lookup.taken(check) if check else set()
    decisions = []
    fresh: set[str] = set()  # new sessions of this batch: a later part of one continues it
    for uid, session in zip(uids, batch, strict=True):
        if uid in added or uid in fresh:
            sets = [(s, set_uid(uid, s)) for s in session.sets]
            decisions.append(Decision(uid, session, added.get(uid), True, sets, 0))
            continue
        found = in_log.get(uid)
        keys = found[1] if found is not None else set()
        sets, skipped = [], 0
        for s in session.sets:
            identity = set_uid(uid, s)
            slug = slug_of(s.exercise)
            if identity in taken or keys is None or \
                    (slug is not None and (slug, s.set_number, s.side) in keys):
                skipped += 1
            else:
                sets.append((s, identity))
                if keys is not None and slug is not None:
                    keys.add((slug, s.set_number, s.side))
        if found is None:
            fresh.add(uid)
        decisions.append(Decision(uid, session, None if found is None else found[0],
                                  found is None, sets, skipped))
    return decisions


def batches(sessions: Iterable[ImportedSession]) -> Iterator[list[ImportedSession]]:
    """``sessions`` in groups of about ``BATCH_SETS`` sets."""
    batch: list[ImportedSession] = []
    count = 0
    for session in sessions:
        batch.append(session)
        count += len(session.sets)
        if count >= BATCH_SETS:
            yield batch
            batch, count = [], 0
    if batch:
        yield batch


@dataclass(frozen=True)
class ImportPlan:
    log: ImportedLog
    # Source exercise name -> slug; None: a new custom exercise of that name.
    exercise_of: Mapping[str, str | None]
    # The new sessions, kept for a log read whole (a streamed file keeps only counts).
    sessions: tuple[PlannedSession, ...]
    skipped_sessions: int
    custom_exercises: tuple[ImportedExercise, ...]  # from our own JSON, not in the log yet
    settings: Mapping[str, Any] = field(default_factory=dict)  # only keys the log has not set
    tally: Tally = field(default_factory=Tally)
    # For a plan made without reading the file first (`hamstride import`):
    # how a name not in exercise_of is matched, as the write meets it.
    automatic: Callable[[str], str | None] | None = None
    # The file's quick notes the log has not got; None: not compared with the
    # log (the write does, and until then every note of the file may be new).
    body_notes: tuple[ImportedBodyNote, ...] | None = None

    @property
    def set_count(self) -> int:
        """Sets the import adds: to new sessions and to sessions already in the log."""
        return self.tally.sets_added

    @property
    def new_session_count(self) -> int:
        return self.tally.new_sessions

    @property
    def new_exercise_names(self) -> list[str]:
        """Names that will become custom exercises, among those the added sets use."""
        used = self.tally.used
        return sorted((n for n, slug in self.exercise_of.items() if slug is None and n in used),
                      key=str.casefold)

    @property
    def is_empty(self) -> bool:
        if self.automatic is not None:
            return False  # not read yet: the write finds out
        notes = self.log.body_notes if self.body_notes is None else self.body_notes
        return not (self.tally.sets_added or self.custom_exercises or self.settings or notes)

    def with_mapping(self, exercise_of: Mapping[str, str | None]) -> ImportPlan:
        """The same import with the athlete's choice of exercises (the write decides again)."""
        return ImportPlan(self.log, dict(exercise_of), self.sessions, self.skipped_sessions,
                          self.custom_exercises, self.settings, self.tally, self.automatic,
                          self.body_notes)

    def slug_of(self) -> Callable[[str], str | None]:
        """Source name -> slug as this plan maps it (our own JSON names slugs)."""
        if self.log.names_are_slugs:
            return lambda name: name
        mapping, automatic = self.exercise_of, self.automatic
        matched: dict[str, str | None] = {}  # a name is matched once, not once per set

        def slug_of(name: str) -> str | None:
            if name in mapping or automatic is None:
                return mapping.get(name)
            if name not in matched:
                matched[name] = automatic(name)
            return matched[name]
        return slug_of

    def describe(self, name_of: Mapping[str, str] | None = None) -> list[str]:
        """Lines for people: what would be added (the dry run prints these)."""
        name_of = name_of or {}
        source = SOURCE_LABELS.get(self.log.family, self.log.family)
        lines = [file_line(self.log)]
        lines.extend(f"  {note}" for note in self.log.notes)  # indented under the file's line
        tally = self.tally
        if tally.new_sessions:
            lines.append(translate("ImportPlan", "Would add {sessions} sessions with {sets} sets "
                                                 "from {source}.")
                         .format(sessions=format_integer(tally.new_sessions),
                                 sets=format_integer(tally.new_sets), source=source))
        elif not tally.grown_sessions:
            lines.append(translate("ImportPlan", "Nothing new: every session in this file is "
                                                 "already in the log."))
        lines.extend(tally.grown_lines(self._namer(name_of), would=True))
        if self.skipped_sessions:
            # English has always said "sessions"; %n still gives other languages their forms.
            lines.append(translate("ImportPlan", "Would skip %n sessions already in the log.",
                                   n=self.skipped_sessions))
        if not self.log.names_are_slugs:
            matched = sorted(((n, s) for n, s in self.exercise_of.items() if s is not None),
                             key=lambda pair: pair[0].casefold())
            for name, slug in matched:
                lines.append(f"  {name} -> {name_of.get(slug, slug)}")
            for name in self.new_exercise_names:
                lines.append("  " + translate("ImportPlan", "{name} -> new custom exercise")
                             .format(name=name))
        if self.custom_exercises:
            lines.append(translate("ImportPlan", "Would add %n custom exercises: {names}.",
                                   n=len(self.custom_exercises))
                         .format(names=", ".join(e.name for e in self.custom_exercises)))
        if self.body_notes:
            lines.append(translate("ImportPlan", "Would add %n quick note(s).",
                                   n=len(self.body_notes)))
        elif self.body_notes is None and self.log.body_notes:  # compared at the write
            lines.append(translate("ImportPlan", "Would add the file's quick notes that are not "
                                   "in the log yet (%n in the file).", n=len(self.log.body_notes)))
        if self.settings:
            lines.append(translate("ImportPlan", "Would set {settings}.")
                         .format(settings=", ".join(sorted(self.settings))))
        return lines

    def _namer(self, name_of: Mapping[str, str]) -> Callable[[str], str]:
        """A source exercise name as people read it: the file's own, or ours for a slug."""
        if self.log.names_are_slugs:
            return lambda name: name_of.get(name, name)
        return lambda name: name


def file_line(log: ImportedLog) -> str:
    """The first line of a preview or a report: the file, its kind, what it held."""
    # Several counts in one sentence: named values, as only one could be %n.
    return translate("ImportPlan", "{file} ({kind}): {rows} rows, {sessions} sessions").format(
        file=log.path.name, kind=log.label, rows=format_integer(log.rows),
        sessions=format_integer(log.sessions_read))


def prepare_import(log: ImportedLog, exercise_of: Mapping[str, str | None],
                   existing_session_uids: Collection[str] = (),
                   existing_custom_slugs: Collection[str] = (),
                   existing_settings: Collection[str] = (),
                   lookup: LogLookup | None = None,
                   sessions: Iterable[ImportedSession] | None = None,
                   existing_body_notes: Collection[NoteKey] | None = None) -> ImportPlan:
    """The plan for ``log``. ``exercise_of`` maps every source exercise name
    to a slug, or None for "make it a custom exercise" (ignored for our own
    JSON, which names exercises by slug). ``lookup`` tells what the log holds
    set by set; without it, a session whose uid is in ``existing_session_uids``
    is skipped whole. ``sessions``: the file's sessions when they are not
    kept in ``log`` (read again from the file by the caller).
    ``existing_body_notes``: the keys of the log's quick notes (None: the
    notes are compared at the write)."""
    if not log.names_are_slugs:
        names = set(log.names) if log.streamed else \
            {s.exercise for session in log.sessions for s in session.sets}
        missing = names - exercise_of.keys()
        if missing:
            raise ValueError(f"no mapping for {', '.join(sorted(missing))}")
    plan = ImportPlan(log=log, exercise_of=dict(exercise_of) if not log.names_are_slugs else {},
                      sessions=(), skipped_sessions=0, custom_exercises=())
    lookup = lookup or UidsOnly(existing_session_uids)
    slug_of = plan.slug_of()
    tally = Tally()
    added: dict[str, int | None] = {}
    kept: list[PlannedSession] = []
    source = log.sessions if sessions is None else sessions
    for batch in batches(source):
        for decision in decide(batch, log, slug_of, lookup, added):
            tally.count(decision)
            if decision.new:
                added[decision.uid] = None
                if not log.streamed:
                    kept.append(PlannedSession(decision.uid, decision.session,
                                               tuple(uid for _s, uid in decision.sets)))
    customs = tuple(e for e in log.custom_exercises if e.slug not in existing_custom_slugs)
    settings = {k: v for k, v in (log.settings or {}).items() if k not in existing_settings}
    return ImportPlan(log=log, exercise_of=plan.exercise_of, sessions=tuple(kept),
                      skipped_sessions=tally.skipped_sessions, custom_exercises=customs,
                      settings=settings, tally=tally,
                      body_notes=None if existing_body_notes is None
                      else new_body_notes(log.body_notes, existing_body_notes))
