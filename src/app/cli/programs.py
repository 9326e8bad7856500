"""`hamstride programs`: every training program, week by week, as text or
JSON; and the program text `hamstride today` shares (exercise names, dose
lines)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from app.cli.common import EXIT_OK, counted, open_log, print_json

if TYPE_CHECKING:
    from app.catalog.model import Catalog
    from app.coaching.book import ProgramBook
    from app.coaching.model import ExerciseDose, Program, ProgramDay, ProgramWeek
    from app.kernel.paths import AppPaths
    from app.logbook.custom_exercises import CustomExercise
    from app.storage.queries import LogReader


def program_book(reader: LogReader | None) -> tuple[ProgramBook, list[str]]:
    """Every program: the built-in ones and, given the log, the athlete's own.
    The second item lists what was left out and why (a damaged file)."""
    from app.catalog import load_catalog
    from app.coaching.book import ProgramBook
    from app.kernel.resources import resources_dir

    loaded = load_catalog(resources_dir())
    book = ProgramBook(loaded.catalog)
    if reader is not None:
        book.set_own(reader.user_programs(), reader.custom_slugs())
    else:
        book.built_in()
    return book, list(loaded.problems) + book.problems


def run_programs(args: argparse.Namespace, paths: AppPaths) -> int:
    from app.coaching.loader import program_to_dict

    reader = open_log(paths, only_reads=True)
    try:
        book, problems = program_book(reader)
        customs = reader.custom_exercises()
    finally:
        reader.close()
    for problem in problems:
        print(f"hamstride: skipped: {problem}", file=sys.stderr)
    programs = book.all()
    if args.json:
        print_json([{**program_to_dict(p), "custom": p.custom,
                     "planned_sessions": p.planned_sessions} for p in programs])
        return EXIT_OK
    names = ExerciseNames(book.catalog, customs)
    for i, program in enumerate(programs):
        if i:
            print()
        for line in _program_lines(program, names):
            print(line)
    return EXIT_OK


def _program_lines(program: Program, names: ExerciseNames) -> list[str]:
    """A program as plain text: what it is, then every week and session."""
    from app.coaching.words import frequency_words, level_word

    own = ", yours" if program.custom else ""
    lines = [f"{program.name} ({program.slug}{own})",
             f"  {level_word(program.level)} · {frequency_words(program)}"]
    if program.summary:
        lines.append(f"  {program.summary}")
    if program.sources:
        # By title, as every screen cites them (an id is no use to a reader).
        lines.append("  Sources:")
        lines.extend(f"    {names.citation(key)}" for key in program.sources)
    lines.extend(f"  - {note}" for note in program.notes)
    if program.warm_up:
        lines.append("  Warm-up")
        lines.extend(dose_lines(program.warm_up, names, "    "))
    # Weeks that are the same session for session are shown once ("Weeks 5-10").
    groups: list[list[ProgramWeek]] = []
    for week in program.weeks:
        if groups and _same_week(groups[-1][0], week):
            groups[-1].append(week)
        else:
            groups.append([week])
    for group in groups:
        first, last = group[0].number, group[-1].number
        title = f"Week {first}" if first == last else f"Weeks {first}-{last}"
        lines.extend(_week_lines(title, group[0], names, per_week=first != last))
    if program.maintenance is not None:
        lines.extend(_week_lines(f"Then every week (from week {program.maintenance.number})",
                                 program.maintenance, names, per_week=False))
    elif program.repeat:
        lines.append("  Then again from week 1, for as long as you like")
    if program.cool_down:
        lines.append("  Cool-down")
        lines.extend(dose_lines(program.cool_down, names, "    "))
    return lines


def _same_day(a: ProgramDay, b: ProgramDay) -> bool:
    """The same work (the names may differ: "Week 5 · session 1", "Week 6 · session 1")."""
    return (a.exercises, a.warm_up, a.cool_down) == (b.exercises, b.warm_up, b.cool_down)


def _same_week(a: ProgramWeek, b: ProgramWeek) -> bool:
    return len(a.days) == len(b.days) and all(map(_same_day, a.days, b.days))


def _week_lines(title: str, week: ProgramWeek, names: ExerciseNames, *,
                per_week: bool) -> list[str]:
    count = len(week.days)
    sessions = counted(count, "session") + (" a week" if per_week else "")
    if count > 1 and all(_same_day(week.days[0], d) for d in week.days):
        return [f"  {title} · {sessions}, each:", *_day_lines(week.days[0], names, "    ")]
    if count == 1:
        return [f"  {title} · {sessions}", *_day_lines(week.days[0], names, "    ")]
    lines = [f"  {title} · {sessions}"]
    for day in week.days:
        lines.append(f"    {day.name}")
        lines.extend(_day_lines(day, names, "      "))
    return lines


def _day_lines(day: ProgramDay, names: ExerciseNames, indent: str) -> list[str]:
    lines = []
    if day.warm_up is not None:
        lines.append(f"{indent}warm-up: " + (", ".join(names.get(d.slug, d.slug) for d in day.warm_up)
                                             or "none"))
    lines.extend(dose_lines(day.exercises, names, indent))
    if day.cool_down is not None:
        lines.append(f"{indent}cool-down: " + (", ".join(names.get(d.slug, d.slug)
                                                          for d in day.cool_down) or "none"))
    return lines


def dose_lines(doses: Sequence[ExerciseDose], names: ExerciseNames, indent: str) -> list[str]:
    lines = []
    for dose in doses:
        lines.append(f"{indent}{names.get(dose.slug, dose.slug)}: {dose_text(dose, names)}")
        if dose.note:
            lines.append(f"{indent}  {dose.note}")
    return lines


def dose_text(dose: ExerciseDose, names: ExerciseNames, words: str | None = None) -> str:
    """"3 × 10 per side (rest 1 min) · progression: double". ``words``: the
    dose as it will run (Today's line), in place of the program's."""
    from app.coaching.words import dose_words

    text = dose_words(dose) if words is None else words
    if dose.slug in names.sided:
        # The dose counts each side: say so before any "(rest ...)" part.
        head, sep, tail = text.partition(" (")
        text = f"{head} per side{sep}{tail}"
    if dose.progression != "none":
        text += f" · progression: {dose.progression}"
    return text


class ExerciseNames(dict[str, str]):
    """Exercise names by slug, and which exercises are done one side at a time."""

    def __init__(self, catalog: Catalog, customs: Sequence[CustomExercise] = ()) -> None:
        super().__init__({e.slug: e.name for e in catalog.exercises})
        self.update({e.slug: e.name for e in customs})
        self.sided = {e.slug for e in catalog.exercises if e.one_side != "no"} | {
            e.slug for e in customs if e.one_side != "no"}
        self._sources = catalog.sources

    def citation(self, key: str) -> str:
        """A source by its title (resources/sources.toml), or its id when unknown."""
        source = self._sources.get(key)
        return key if source is None else source.citation
