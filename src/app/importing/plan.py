"""What an import will add, worked out before anything is written.

Pure Python: ``prepare_import`` takes a parsed file, the exercise-name
mapping and what the log already holds, and returns an ``ImportPlan``. The
command line prints it for --dry-run; the storage layer writes it in one
transaction. Deciding here keeps both paths the same.

Importing the same file twice adds nothing the second time: every session
gets a uid derived from its source and its key (the workout's identity in
that app), and a session whose uid is already in the log is skipped.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from app.i18n import format_integer, translate
from app.importing.model import ImportedExercise, ImportedLog, ImportedSession, ImportedSet

# Fixed forever: changing it would make every earlier import look new.
IMPORT_NAMESPACE = uuid.UUID("5b0f3a52-8d43-4c1e-9a55-6f0d2b7e1c90")

# The setting that keeps the exercise names the athlete mapped by hand, so
# the next import of that app's export matches them by itself.
IMPORT_NAMES_SETTING = "import_exercise_names"

# The apps' names: not translated.
SOURCE_LABELS = {"strong": "Strong", "hevy": "Hevy", "fitnotes": "FitNotes",
                 "hamstride": "Hamstride"}


def session_uid(log: ImportedLog, session: ImportedSession) -> str:
    if session.uid:
        return session.uid
    return str(uuid.uuid5(IMPORT_NAMESPACE, f"{log.family}|{session.key}"))


def set_uid(session_uid_: str, index: int, imported: ImportedSet) -> str:
    if imported.uid:
        return imported.uid
    return str(uuid.uuid5(IMPORT_NAMESPACE, f"{session_uid_}|{index}"))


@dataclass(frozen=True)
class PlannedSession:
    uid: str
    session: ImportedSession
    set_uids: tuple[str, ...]


@dataclass(frozen=True)
class ImportPlan:
    log: ImportedLog
    # Source exercise name -> slug; None: a new custom exercise of that name.
    exercise_of: Mapping[str, str | None]
    sessions: tuple[PlannedSession, ...]
    skipped_sessions: int
    custom_exercises: tuple[ImportedExercise, ...]  # from our own JSON, not in the log yet
    settings: Mapping[str, Any] = field(default_factory=dict)  # only keys the log has not set

    @property
    def set_count(self) -> int:
        return sum(len(p.session.sets) for p in self.sessions)

    @property
    def new_exercise_names(self) -> list[str]:
        """Names that will become custom exercises, among those the added sessions use."""
        used = {s.exercise for p in self.sessions for s in p.session.sets}
        return sorted((n for n, slug in self.exercise_of.items() if slug is None and n in used),
                      key=str.casefold)

    @property
    def is_empty(self) -> bool:
        return not (self.sessions or self.custom_exercises or self.settings)

    def describe(self, name_of: Mapping[str, str] | None = None) -> list[str]:
        """Lines for people: what would be added (the dry run prints these)."""
        name_of = name_of or {}
        source = SOURCE_LABELS.get(self.log.family, self.log.family)
        # Several counts in one sentence: named values, as only one could be %n.
        lines = [translate("ImportPlan", "{file} ({kind}): {rows} rows, {sessions} sessions").format(
            file=self.log.path.name, kind=self.log.label, rows=format_integer(self.log.rows),
            sessions=format_integer(len(self.log.sessions)))]
        lines.extend(f"  {note}" for note in self.log.notes)  # indented under the file's line
        if self.sessions:
            lines.append(translate("ImportPlan", "Would add {sessions} sessions with {sets} sets "
                                                 "from {source}.")
                         .format(sessions=format_integer(len(self.sessions)),
                                 sets=format_integer(self.set_count), source=source))
        else:
            lines.append(translate("ImportPlan", "Nothing new: every session in this file is "
                                                 "already in the log."))
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
        if self.settings:
            lines.append(translate("ImportPlan", "Would set {settings}.")
                         .format(settings=", ".join(sorted(self.settings))))
        return lines


def prepare_import(log: ImportedLog, exercise_of: Mapping[str, str | None],
                   existing_session_uids: Collection[str],
                   existing_custom_slugs: Collection[str] = (),
                   existing_settings: Collection[str] = ()) -> ImportPlan:
    """The plan for ``log``. ``exercise_of`` maps every source exercise name
    to a slug, or None for "make it a custom exercise" (ignored for our own
    JSON, which names exercises by slug)."""
    if not log.names_are_slugs:
        missing = {s.exercise for session in log.sessions for s in session.sets} - exercise_of.keys()
        if missing:
            raise ValueError(f"no mapping for {', '.join(sorted(missing))}")
    planned: list[PlannedSession] = []
    skipped = 0
    seen: set[str] = set()
    for session in log.sessions:
        uid = session_uid(log, session)
        if uid in existing_session_uids or uid in seen:
            skipped += 1
            continue
        seen.add(uid)
        planned.append(PlannedSession(uid, session, tuple(
            set_uid(uid, index, s) for index, s in enumerate(session.sets))))
    customs = tuple(e for e in log.custom_exercises if e.slug not in existing_custom_slugs)
    settings = {k: v for k, v in (log.settings or {}).items() if k not in existing_settings}
    return ImportPlan(log=log, exercise_of=dict(exercise_of) if not log.names_are_slugs else {},
                      sessions=tuple(planned), skipped_sessions=skipped,
                      custom_exercises=customs, settings=settings)
