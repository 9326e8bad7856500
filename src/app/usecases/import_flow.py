"""From a file to an import plan: parse, match exercise names, compare with the log.

Shared by `hamstride import` and the window's import dialog, so both decide
the same way. Reads only (plain SQL); writing is
``app.exchange.writer.apply_import``.

The file is read in one pass that keeps a few workouts at a time: names are
matched as they appear (each name's match depends on that name alone) and
each batch of sessions is compared with the log as it is read, so the
preview of a million-row file holds counts, not rows (issue 15).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from app.exchange import normalise_name
from app.exchange.matching import Matcher
from app.exchange.model import ImportedBodyNote, ImportedLog
from app.exchange.plan import (
    IMPORT_NAMES_SETTING,
    ImportPlan,
    PlannedSession,
    Tally,
    batches,
    decide,
)
from app.exchange.reading import ImportStream

if TYPE_CHECKING:
    from app.catalog.model import Catalog
    from app.storage.queries import LogReader


@dataclass(frozen=True)
class ExerciseChoice:
    slug: str
    name: str
    aliases: tuple[str, ...] = ()


def exercise_choices(catalog: Catalog, reader: LogReader) -> list[ExerciseChoice]:
    """Everything a source name can map to: the library, then the athlete's own."""
    choices = [ExerciseChoice(e.slug, e.name, tuple(e.aliases)) for e in catalog.exercises]
    choices += [ExerciseChoice(e.slug, e.name) for e in reader.custom_exercises()]
    return choices


# A preview keeps the new sessions themselves (ImportPlan.sessions) for a file
# of at most this many sets; beyond, only counts.
KEEP_SETS = 10_000


def _remembered(reader: LogReader) -> dict[str, str]:
    remembered = reader.get_setting(IMPORT_NAMES_SETTING, {})
    return remembered if isinstance(remembered, dict) else {}


def matcher_for(choices: Iterable[ExerciseChoice], reader: LogReader) -> Matcher:
    return Matcher([(c.slug, c.name, c.aliases) for c in choices], _remembered(reader))


def automatic_plan(path: Path, catalog: Catalog, reader: LogReader, *, default_unit: str = "kg",
                   tz: tzinfo | None = None) -> ImportPlan:
    """A plan for `hamstride import` without a preview: the write reads the file once,
    matching each name as it meets it (unmatched names become custom exercises).
    The file's kind is checked now; ImportFileError for one that cannot be imported."""
    with ImportStream(path, default_unit=default_unit, tz=tz) as stream:
        summary = stream.summary
    if summary.names_are_slugs:
        # Our own JSON: its custom exercises and settings come after the
        # sessions, and are written before them; a preview pass finds them.
        return read_and_plan(path, catalog, reader, default_unit=default_unit, tz=tz)[2]
    log = ImportedLog(path=Path(path), format=summary.format, family=summary.family,
                      label=summary.label, sessions=(), names_are_slugs=summary.names_are_slugs,
                      streamed=True, default_unit=stream.default_unit, tz=tz)
    matcher = matcher_for(exercise_choices(catalog, reader), reader)
    return ImportPlan(log=log, exercise_of={}, sessions=(), skipped_sessions=0,
                      custom_exercises=(), automatic=matcher)


def remembered_choices(mapping: Mapping[str, str | None],
                       automatic: Mapping[str, str | None]) -> dict[str, str]:
    """The user's own choices (those that differ from the automatic match), to reuse next time."""
    return {normalise_name(name): slug for name, slug in mapping.items()
            if slug is not None and automatic.get(name) != slug}


def read_and_plan(path: Path, catalog: Catalog, reader: LogReader, *, default_unit: str = "kg",
                  tz: tzinfo | None = None) -> tuple[ImportedLog, dict[str, str | None], ImportPlan]:
    """Parse ``path`` and plan it with the automatic matches (unmatched names become
    custom exercises), in one pass over the file. Raises ImportFileError for a
    file that cannot be imported."""
    matcher = matcher_for(exercise_choices(catalog, reader), reader)
    mapping: dict[str, str | None] = {}

    def slug_of(name: str) -> str | None:
        if name not in mapping:
            mapping[name] = matcher(name)
        return mapping[name]

    with ImportStream(path, default_unit=default_unit, tz=tz) as stream:
        summary = stream.summary
        early = ImportedLog(path=stream.path, format=summary.format, family=summary.family,
                            label=summary.label, sessions=(),
                            names_are_slugs=summary.names_are_slugs)
        if early.names_are_slugs:
            slug_of = _same
        lookup = reader.import_lookup()
        tally = Tally()
        added: dict[str, int | None] = {}
        kept: list[PlannedSession] | None = []
        for batch in batches(stream.sessions()):
            for decision in decide(batch, early, slug_of, lookup, added):
                tally.count(decision)
                if decision.new:
                    added[decision.uid] = None
                    if kept is not None:
                        kept.append(PlannedSession(decision.uid, decision.session,
                                                   tuple(uid for _s, uid in decision.sets)))
            if kept is not None and stream.set_count > KEEP_SETS:
                kept = None  # a big file: counts only
        log = stream.log()
    if log.names_are_slugs:
        mapping = {}
    customs = reader.custom_slugs()
    settings = set(reader.all_settings())
    plan = ImportPlan(
        log=log, exercise_of=mapping, sessions=tuple(kept or ()),
        skipped_sessions=tally.skipped_sessions,
        custom_exercises=tuple(e for e in log.custom_exercises if e.slug not in customs),
        settings={k: v for k, v in (log.settings or {}).items() if k not in settings},
        tally=tally, body_notes=_new_notes(log, reader))
    return log, mapping, plan


def _new_notes(log: ImportedLog, reader: LogReader) -> tuple[ImportedBodyNote, ...]:
    """The file's quick notes the log has not got, so the preview can say
    "nothing to add" for an export imported before (the write decides again)."""
    if not log.body_notes:
        return ()
    from datetime import UTC, datetime

    from app.exchange.plan import new_body_notes
    from app.storage.coaching_queries import CoachingReader

    with CoachingReader(reader.db_path) as coaching:
        # Every note: a log holds a few a week, and a note matched by time and
        # words needs them all (an import is a rare, explicit act).
        notes = coaching.body_notes(datetime(1, 1, 1, tzinfo=UTC), limit=2**31)
    return new_body_notes(log.body_notes, {(n.noted_at, n.soreness, n.run_pain, n.words)
                                           for n in notes})


def _same(name: str) -> str | None:
    return name
