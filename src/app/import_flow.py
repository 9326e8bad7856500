"""From a file to an import plan: parse, match exercise names, compare with the log.

Shared by `hamstride import` and the window's import dialog, so both decide
the same way. Reads only (plain SQL); writing is ``Store.apply_import``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from app.importing import match_exercises, normalise_name, read_import
from app.importing.model import ImportedLog
from app.importing.plan import IMPORT_NAMES_SETTING, ImportPlan, prepare_import

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


def source_names(log: ImportedLog) -> list[str]:
    """The exercise names a file uses, in the order they first appear."""
    names: dict[str, None] = {}
    for session in log.sessions:
        for s in session.sets:
            names.setdefault(s.exercise, None)
    return list(names)


def match_log(log: ImportedLog, choices: Iterable[ExerciseChoice],
              reader: LogReader) -> dict[str, str | None]:
    """Source name -> slug, or None where nothing matched (the user may map it)."""
    if log.names_are_slugs:
        return {}
    remembered = reader.get_setting(IMPORT_NAMES_SETTING, {})
    if not isinstance(remembered, dict):
        remembered = {}
    return match_exercises(source_names(log), [(c.slug, c.name, c.aliases) for c in choices],
                           remembered)


def plan_for(log: ImportedLog, mapping: Mapping[str, str | None], reader: LogReader) -> ImportPlan:
    return prepare_import(log, mapping, reader.session_uids(), reader.custom_slugs(),
                          set(reader.all_settings()))


def remembered_choices(mapping: Mapping[str, str | None],
                       automatic: Mapping[str, str | None]) -> dict[str, str]:
    """The user's own choices (those that differ from the automatic match), to reuse next time."""
    return {normalise_name(name): slug for name, slug in mapping.items()
            if slug is not None and automatic.get(name) != slug}


def read_and_plan(path: Path, catalog: Catalog, reader: LogReader, *, default_unit: str = "kg",
                  tz: tzinfo | None = None) -> tuple[ImportedLog, dict[str, str | None], ImportPlan]:
    """Parse ``path`` and plan it with the automatic matches (unmatched names become
    custom exercises). Raises ImportFileError for a file that cannot be imported."""
    log = read_import(path, default_unit=default_unit, tz=tz)
    mapping = match_log(log, exercise_choices(catalog, reader), reader)
    return log, mapping, plan_for(log, mapping, reader)
