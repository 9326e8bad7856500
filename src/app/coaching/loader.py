"""Read and check training programs: the built-in TOML files and the athlete's own.

Built-in programs live in ``resources/programs/<slug>.toml``; the athlete's
own are kept in the database as the same structure in JSON. Both go through
``program_from_dict``, so one set of checks guards both, and
``program_to_dict`` gives the structure back (it round-trips).

Shape (keys marked * are required; own programs need only name and weeks)::

    slug*, name*, summary*, description*, level*, sources*
    sessions_per_week = [low, high]    the advice for open-ended programs
    repeat = true                      the weeks run again and again
    notes = ["...", ...]
    [[warm_up]] / [[cool_down]]        program-wide, exercise doses
    [[weeks]] number*, [[weeks.sessions]] name, warm_up, cool_down, exercises*
    [maintenance] [[maintenance.sessions]] ...   run weekly after the planned weeks

An exercise dose: exercise*, sets*, rest_s*, exactly one of reps = [low, high],
reps_per_set = [12, 10, 8], hold_s (+ holds), duration_s; then tempo,
progression, superset, drop_set, note.

Every error is a ProgramError whose ``where`` names the file (or the own
program) and the key, array items counted from 1, like the catalog loader:
``resources/programs/heavy-gym.toml: weeks[1].sessions[2].exercises[3].reps``.
Unknown keys are errors too, so a typo never passes silently. The checks
are the kernel's validation toolkit's (``app.kernel.validation``), shared
with the catalog, the figure data and the JSON import.
"""

# One module because it is one format: the reader of the files and rows, the
# checks of the structure they share and the writer back (program_to_dict)
# change together whenever a key is added.

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.catalog.model import LEVELS, RETIRED_SOURCE_IDS
from app.catalog.vocabulary import DoseKind, Level
from app.coaching.model import (
    MAX_DURATION_S,
    MAX_HOLD_S,
    MAX_REPS,
    MAX_REST_S,
    MAX_SESSIONS_PER_WEEK,
    MAX_SETS,
    MAX_WEEKS,
    PROGRESSIONS,
    ExerciseDose,
    Program,
    ProgramDay,
    ProgramError,
    ProgramWeek,
)
from app.kernel.i18n import QT_TRANSLATE_NOOP, format_integer, translate
from app.kernel.validation import Checker, KeyPath, describe, is_int, show
from app.session.tempo import parse_tempo

if TYPE_CHECKING:
    from app.catalog.model import Catalog

PROGRAMS_DIR = "programs"
OWN_DEFAULT_LEVEL = Level.INTERMEDIATE  # an own program that does not say
MAX_HOLDS = 50  # the same limit as a session plan item's
SUPERSET_RE = re.compile(r"^[A-Za-z0-9]{1,8}$")

_NAME_MAX = 60
_SUMMARY_MAX = 140
_DESCRIPTION_MAX = 1200
_NOTE_MAX = 240
_NOTES_MAX = 12
_SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_TOML_POS = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")

_PROGRAM_KEYS = ("slug", "name", "summary", "description", "level", "sources",
                 "sessions_per_week", "repeat", "notes", "warm_up", "cool_down", "weeks",
                 "maintenance")
_FILE_REQUIRED = ("slug", "name", "summary", "description", "level", "sources", "weeks")
_OWN_REQUIRED = ("name", "weeks")
_WEEK_KEYS = ("number", "sessions")
_MAINTENANCE_KEYS = ("sessions",)
_SESSION_KEYS = ("name", "exercises", "warm_up", "cool_down")
_DOSE_KEYS = ("exercise", "sets", "reps", "reps_per_set", "hold_s", "holds", "duration_s",
              "rest_s", "tempo", "progression", "superset", "drop_set", "note")
_DOSE_REQUIRED = ("exercise", "sets", "rest_s")
_KIND_KEYS = {"reps": DoseKind.REPS, "reps_per_set": DoseKind.REPS, "hold_s": DoseKind.HOLD,
              "duration_s": DoseKind.DURATION}
# In "<exercise> is done as <words>: give <hint> instead", translated there.
_KIND_HINT = {DoseKind.REPS: QT_TRANSLATE_NOOP("loader", "'reps' or 'reps_per_set'"),
              DoseKind.HOLD: QT_TRANSLATE_NOOP("loader", "'hold_s' (with 'holds')"),
              DoseKind.DURATION: QT_TRANSLATE_NOOP("loader", "'duration_s'")}
_KIND_WORDS = {DoseKind.REPS: QT_TRANSLATE_NOOP("loader", "reps"),
               DoseKind.HOLD: QT_TRANSLATE_NOOP("loader", "timed holds"),
               DoseKind.DURATION: QT_TRANSLATE_NOOP("loader", "a timed effort")}
# The toolkit's number check in seconds (its templates are in the context "Checker").
_NOT_SECONDS = QT_TRANSLATE_NOOP("Checker", "expected a number of seconds, got {value}")
_SECONDS_RANGE = QT_TRANSLATE_NOOP("Checker", "expected {low} to {high} seconds, got {value}")


@dataclass(frozen=True)
class LoadResult:
    """Programs that loaded, by name, and one line per file that did not."""

    programs: tuple[Program, ...]
    problems: tuple[str, ...]
    errors: tuple[ProgramError, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    def get(self, slug: str) -> Program:
        """The program with this slug; KeyError if there is none."""
        for program in self.programs:
            if program.slug == slug:
                return program
        raise KeyError(f"no program with slug {slug!r}")

    def __contains__(self, slug: object) -> bool:
        return any(p.slug == slug for p in self.programs)


def programs_dir(resources: Path) -> Path:
    """Where the built-in programs are under a resources folder."""
    return Path(resources) / PROGRAMS_DIR


# --------------------------------------------------------------------------
# Files and rows
# --------------------------------------------------------------------------


def load_programs(programs_dir: Path, catalog: Catalog) -> LoadResult:
    """Every ``*.toml`` program under ``programs_dir``; a damaged file is
    skipped and reported, so one bad file never stops the app."""
    programs_dir = Path(programs_dir)
    errors: list[ProgramError] = []
    loaded: list[Program] = []
    if not programs_dir.is_dir():
        errors.append(ProgramError(_display(programs_dir, programs_dir),
                                   translate("loader", "program folder not found")))
        files: list[Path] = []
    else:
        files = sorted(p for p in programs_dir.glob("*.toml")
                       if p.is_file() and not p.name.startswith("."))
    seen: dict[str, str] = {}
    for path in files:
        shown = _display(path, programs_dir)
        try:
            data = _read_toml(path, shown)
            if "slug" in data and isinstance(data["slug"], str) and data["slug"] != path.stem:
                raise ProgramError(f"{shown}: slug", translate(
                    "loader", "{slug} does not match the file name '{file}'").format(
                    slug=show(data["slug"]), file=f"{path.stem}.toml"))
            program = program_from_dict(data, shown, catalog)
            if program.slug in seen:
                raise ProgramError(f"{shown}: slug", translate(
                    "loader", "duplicate slug {slug} (already used by {file})").format(
                    slug=repr(program.slug), file=seen[program.slug]))
        except ProgramError as exc:
            errors.append(exc)
            continue
        seen[program.slug] = shown
        loaded.append(program)
    loaded.sort(key=lambda p: (p.name.casefold(), p.slug))
    return LoadResult(tuple(loaded), tuple(str(e) for e in errors), tuple(errors))


def load_programs_strict(programs_dir: Path, catalog: Catalog) -> tuple[Program, ...]:
    """Like ``load_programs`` but raise the first ProgramError found."""
    result = load_programs(programs_dir, catalog)
    if result.errors:
        raise result.errors[0]
    return result.programs


def load_user_programs(rows: Iterable[tuple[str, str, Mapping[str, Any]]], catalog: Catalog,
                       custom_slugs: Iterable[str] = (),
                       taken: Iterable[str] = ()) -> LoadResult:
    """The athlete's own programs from ``LogReader.user_programs()`` rows
    (slug, name, definition). A row that no longer checks out (an exercise
    of theirs deleted since, say) is skipped and reported; a slug in
    ``taken`` (the built-ins') is refused so the two can never be confused."""
    custom = frozenset(custom_slugs)
    used = set(taken)
    loaded: list[Program] = []
    errors: list[ProgramError] = []
    for slug, name, definition in rows:
        where = translate("loader", "your program {name}").format(name=repr(name))
        try:
            if not isinstance(definition, Mapping):
                raise ProgramError(where, translate("loader", "expected a table, got {value}").format(
                    value=describe(definition)))
            if slug in used:
                raise ProgramError(f"{where}: slug", translate("loader", "{slug} is already taken")
                                   .format(slug=repr(slug)))
            program = program_from_dict({**definition, "name": name}, where, catalog, custom,
                                        slug=slug)
        except ProgramError as exc:
            errors.append(exc)
            continue
        used.add(slug)
        loaded.append(program)
    return LoadResult(tuple(loaded), tuple(str(e) for e in errors), tuple(errors))


def _display(path: Path, programs_dir: Path) -> str:
    """``resources/programs/x.toml``: the path from the resources folder's parent."""
    try:
        return path.relative_to(programs_dir.parent.parent).as_posix()
    except ValueError:
        return path.as_posix()


def _read_toml(path: Path, shown: str) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ProgramError(shown, translate("loader", "cannot read the file: {error}").format(
            error=exc.strerror or exc)) from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProgramError(shown, translate("loader", "not valid UTF-8 text (byte {byte})").format(
            byte=exc.start)) from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        m = _TOML_POS.search(message)
        # Python's own words for the error follow, in English.
        if m:
            raise ProgramError(shown, translate(
                "loader", "TOML syntax error at line {line}, column {column}: {error}").format(
                line=m.group(1), column=m.group(2), error=message[:m.start()])) from exc
        raise ProgramError(shown, translate("loader", "TOML syntax error: {error}").format(
            error=message)) from exc


# --------------------------------------------------------------------------
# One program
# --------------------------------------------------------------------------


def program_check(catalog: Catalog, custom_slugs: Iterable[str], where: str,
                  slug: str | None = None) -> Callable[[Mapping[str, Any]], None]:
    """The check an own program's editor runs before it saves (the program
    editor, the session builder's "save as program day"): ``program_from_dict``
    as for a program of the athlete's own, raising ProgramError."""
    slugs = list(custom_slugs)

    def check(data: Mapping[str, Any]) -> None:
        program_from_dict(data, where, catalog, slugs, slug=slug or "my-new-program")

    return check


def program_from_dict(data: Mapping[str, Any], where: str, catalog: Catalog,
                      custom_slugs: Iterable[str] = (), *, slug: str | None = None) -> Program:
    """Check ``data`` and build the Program, or raise ProgramError.

    ``where`` names the file or the own program in messages. Without
    ``slug`` this is a built-in: the data carries its slug and every
    descriptive key. With ``slug`` (given by the store, "my-...") it is the
    athlete's own: that slug wins over any ``slug`` key in the data (a copy
    of a built-in may still carry the original's), and summary, description,
    level and sources may be left out. Exercises must be in ``catalog`` or
    among ``custom_slugs`` (the athlete's own exercises).
    """
    ctx = _Ctx(where, catalog, frozenset(custom_slugs))
    top = KeyPath()
    own = slug is not None
    if not isinstance(data, Mapping):
        ctx.fail(top, translate("loader", "expected a table, got {value}").format(
            value=describe(data)))
    ctx.keys(data, _PROGRAM_KEYS, _OWN_REQUIRED if own else _FILE_REQUIRED, top)

    if own:
        assert slug is not None
        program_slug = slug
    else:
        program_slug = ctx.text(data["slug"], top / "slug", _NAME_MAX)
    if not _SLUG_RE.match(program_slug):
        ctx.fail(top / "slug", translate("loader", "expected lower-case words joined by '-', got {value}")
                 .format(value=show(program_slug)))

    name = ctx.text(data["name"], top / "name", _NAME_MAX)
    # An own program may leave its summary and description empty (a form's
    # blank field, and what program_to_dict writes back for them).
    summary = ctx.text(data["summary"], top / "summary", _SUMMARY_MAX, allow_empty=own) \
        if "summary" in data else ""
    # A paragraph or two: line breaks are fine here (a TOML multi-line string,
    # or the editor's text box), unlike in names and notes.
    description = ctx.text(data["description"], top / "description", _DESCRIPTION_MAX,
                           allow_empty=own, multiline=True) if "description" in data else ""
    level = (ctx.choice(data["level"], top / "level", LEVELS) if "level" in data
             else OWN_DEFAULT_LEVEL)
    sources = ctx.source_ids(data["sources"], top / "sources", allow_empty=own) if "sources" in data \
        else ()
    notes = ctx.text_list(data.get("notes", []), top / "notes", _NOTES_MAX, _NOTE_MAX)
    repeat = ctx.boolean(data["repeat"], top / "repeat") if "repeat" in data else False

    warm_up = ctx.doses(data.get("warm_up", []), top / "warm_up", allow_empty=True)
    cool_down = ctx.doses(data.get("cool_down", []), top / "cool_down", allow_empty=True)
    weeks = ctx.weeks(data["weeks"])
    maintenance = None
    if "maintenance" in data:
        if repeat:
            ctx.fail(top / "maintenance", translate("loader", "give either repeat = true (the weeks run "
                                              "again) or a maintenance week (run after the planned "
                                              "weeks), not both"))
        maintenance = ctx.maintenance(data["maintenance"], len(weeks) + 1)

    counts = [len(w.days) for w in weeks] + ([len(maintenance.days)] if maintenance else [])
    if "sessions_per_week" in data:
        sessions_per_week = ctx.int_pair(data["sessions_per_week"], top / "sessions_per_week",
                                         1, MAX_SESSIONS_PER_WEEK)
    else:
        sessions_per_week = (min(counts), max(counts))

    return Program(
        slug=program_slug, name=name, summary=summary, description=description, level=level,
        sources=sources, weeks=weeks, warm_up=warm_up, cool_down=cool_down,
        sessions_per_week=sessions_per_week, repeat=repeat, maintenance=maintenance,
        custom=own, notes=notes,
    )


def program_to_dict(program: Program) -> dict[str, Any]:
    """The program as plain JSON/TOML-ready data, in the shape ``program_from_dict`` reads."""
    data: dict[str, Any] = {
        "slug": program.slug,
        "name": program.name,
        "summary": program.summary,
        "description": program.description,
        "level": program.level,
        "sources": list(program.sources),
        "sessions_per_week": list(program.sessions_per_week),
        "repeat": program.repeat,
        "notes": list(program.notes),
        "warm_up": [dose_to_dict(d) for d in program.warm_up],
        "cool_down": [dose_to_dict(d) for d in program.cool_down],
        "weeks": [{"number": w.number, "sessions": [_day_to_dict(d) for d in w.days]}
                  for w in program.weeks],
    }
    if program.maintenance is not None:
        data["maintenance"] = {"sessions": [_day_to_dict(d) for d in program.maintenance.days]}
    return data


def _day_to_dict(day: ProgramDay) -> dict[str, Any]:
    data: dict[str, Any] = {"name": day.name}
    if day.warm_up is not None:
        data["warm_up"] = [dose_to_dict(d) for d in day.warm_up]
    data["exercises"] = [dose_to_dict(d) for d in day.exercises]
    if day.cool_down is not None:
        data["cool_down"] = [dose_to_dict(d) for d in day.cool_down]
    return data


def dose_to_dict(dose: ExerciseDose) -> dict[str, Any]:
    """One exercise dose in the file's shape (only the keys that say something)."""
    data: dict[str, Any] = {"exercise": dose.slug, "sets": dose.sets}
    if dose.kind == DoseKind.REPS:
        if dose.reps_per_set:
            data["reps_per_set"] = list(dose.reps_per_set)
        else:
            assert dose.reps is not None
            data["reps"] = list(dose.reps)
    elif dose.kind == DoseKind.HOLD:
        data["hold_s"] = _number(dose.hold_s)
        data["holds"] = dose.holds
    else:
        data["duration_s"] = _number(dose.duration_s)
    data["rest_s"] = _number(dose.rest_s)
    if dose.tempo is not None:
        data["tempo"] = dose.tempo
    if dose.progression != "none":
        data["progression"] = dose.progression
    if dose.superset is not None:
        data["superset"] = dose.superset
    if dose.drop_set:
        data["drop_set"] = True
    if dose.note:
        data["note"] = dose.note
    return data


def _number(value: float | None) -> float | int | None:
    """Whole seconds as an int (``60``, not ``60.0``) so the JSON reads like the file."""
    if value is not None and float(value).is_integer():
        return int(value)
    return value


# --------------------------------------------------------------------------
# Checking
# --------------------------------------------------------------------------


class _Ctx(Checker):
    """The toolkit's checks, raising ProgramError naming the file (or own
    program) and key, plus the programs' own: weeks, sessions, doses."""

    def __init__(self, where: str, catalog: Catalog, custom: frozenset[str]) -> None:
        super().__init__(where)
        self.where = where
        self.catalog = catalog
        self.custom = custom
        self.source_table = catalog.sources

    def error(self, at: KeyPath, message: str) -> ProgramError:
        return ProgramError(f"{self.where}: {at}" if at else self.where, message)

    # -- scalars -------------------------------------------------------------

    def seconds(self, value: Any, key: KeyPath, low: float, high: float) -> float:
        return self.number(value, key, low, high, not_number=_NOT_SECONDS,
                           out_of_range=_SECONDS_RANGE)

    # -- arrays --------------------------------------------------------------

    def text_list(self, value: Any, key: KeyPath, max_items: int, max_len: int) -> tuple[str, ...]:
        items = self.array(value, key)
        if len(items) > max_items:
            self.fail(key, translate("_Ctx", "at most %n items, got {count}", n=max_items).format(
                count=format_integer(len(items))))
        return tuple(self.text(v, key / i, max_len) for i, v in enumerate(items, 1))

    def int_pair(self, value: Any, key: KeyPath, low: int, high: int) -> tuple[int, int]:
        items = self.array(value, key)
        if len(items) != 2 or not all(is_int(v) for v in items):
            self.fail(key, translate("_Ctx", "expected [low, high], two whole numbers, got {value}")
                      .format(value=show(value)))
        a, b = items
        if not low <= a <= b <= high:
            self.fail(key, translate("_Ctx", "expected [low, high] with {low} <= low <= high <= "
                                     "{high}, got {value}").format(
                low=format_integer(low), high=format_integer(high), value=show(value)))
        return (a, b)

    def source_ids(self, value: Any, key: KeyPath, *, allow_empty: bool) -> tuple[str, ...]:
        items = self.array(value, key)
        if not items and not allow_empty:
            self.fail(key, translate("_Ctx", "must name at least one source id"))
        out: list[str] = []
        for i, item in enumerate(items, 1):
            if not isinstance(item, str):
                self.fail(key / i, translate("_Ctx", "expected a source id string, got {value}")
                          .format(value=self.describe(item)))
            if allow_empty and item in RETIRED_SOURCE_IDS:
                # An own program saved before a source id was split (allow_empty is
                # the own programs' case): it cites the ids that replaced it.
                out.extend(s for s in RETIRED_SOURCE_IDS[item]
                           if s in self.source_table and s not in out)
                continue
            if item not in self.source_table:
                self.fail(key / i, translate("_Ctx", "unknown source id {id} (not in "
                                                   "sources.toml)").format(id=show(item)))
            if item in out:
                self.fail(key / i, translate("_Ctx", "repeats {id}").format(id=show(item)))
            out.append(item)
        return tuple(out)

    # -- structure -----------------------------------------------------------

    def weeks(self, value: Any) -> tuple[ProgramWeek, ...]:
        at = KeyPath("weeks")
        tables = self.tables(value, at)
        if not tables:
            self.fail(at, translate("_Ctx", "a program needs at least one week"))
        if len(tables) > MAX_WEEKS:
            self.fail(at, translate("_Ctx", "at most %n weeks, got {count}", n=MAX_WEEKS)
                      .format(count=format_integer(len(tables))))
        weeks: list[ProgramWeek] = []
        for i, table in enumerate(tables, 1):
            prefix = at / i
            self.keys(table, _WEEK_KEYS, _WEEK_KEYS, prefix)
            number = self.integer(table["number"], prefix / "number", 1, MAX_WEEKS)
            if number != i:
                # Numbers run 1..n in order: say which week is missing or doubled.
                if number < i and number in {w.number for w in weeks}:
                    why = translate("_Ctx", "week {number} is given twice; got {number}")
                elif number < i:
                    why = translate("_Ctx", "weeks must be in order, week {number} comes after "
                                    "week {previous}; got {number}")
                else:
                    why = translate("_Ctx", "week {week} is missing (weeks are numbered 1, 2, 3... "
                                    "without gaps); got {number}")
                self.fail(prefix / "number", why.format(
                    number=format_integer(number), previous=format_integer(i - 1),
                    week=format_integer(i)))
            days = self.days(table["sessions"], prefix / "sessions",
                             default_name=lambda n, w=number: translate(
                                 "_Ctx", "Week {week} · session {number}").format(
                                 week=format_integer(w), number=format_integer(n)))
            weeks.append(ProgramWeek(number=number, days=days))
        return tuple(weeks)

    def maintenance(self, value: Any, number: int) -> ProgramWeek:
        at = KeyPath("maintenance")
        self.table(value, at)
        self.keys(value, _MAINTENANCE_KEYS, _MAINTENANCE_KEYS, at)
        days = self.days(value["sessions"], at / "sessions",
                         default_name=lambda n: translate("_Ctx", "Maintenance · session {number}")
                         .format(number=format_integer(n)))
        # Numbered as the week after the planned ones: the week it starts in.
        return ProgramWeek(number=number, days=days)

    def days(self, value: Any, key: KeyPath, default_name: Any) -> tuple[ProgramDay, ...]:
        tables = self.tables(value, key)
        if not tables:
            self.fail(key, translate("_Ctx", "a week needs at least one session"))
        if len(tables) > MAX_SESSIONS_PER_WEEK:
            self.fail(key, translate("_Ctx", "at most %n sessions a week, got {count}",
                                     n=MAX_SESSIONS_PER_WEEK).format(count=format_integer(len(tables))))
        days = []
        for i, table in enumerate(tables, 1):
            prefix = key / i
            self.keys(table, _SESSION_KEYS, ("exercises",), prefix)
            name = (self.text(table["name"], prefix / "name", _NAME_MAX) if "name" in table
                    else default_name(i))
            days.append(ProgramDay(
                name=name,
                exercises=self.doses(table["exercises"], prefix / "exercises", allow_empty=False),
                warm_up=(self.doses(table["warm_up"], prefix / "warm_up", allow_empty=True)
                         if "warm_up" in table else None),
                cool_down=(self.doses(table["cool_down"], prefix / "cool_down", allow_empty=True)
                           if "cool_down" in table else None),
            ))
        return tuple(days)

    def doses(self, value: Any, key: KeyPath, *, allow_empty: bool) -> tuple[ExerciseDose, ...]:
        tables = self.tables(value, key)
        if not tables and not allow_empty:
            self.fail(key, translate("_Ctx", "a session needs at least one exercise"))
        doses = tuple(self.dose(t, key / i) for i, t in enumerate(tables, 1))
        self.supersets(doses, key)
        return doses

    def dose(self, table: Mapping[str, Any], prefix: KeyPath) -> ExerciseDose:
        self.keys(table, _DOSE_KEYS, _DOSE_REQUIRED, prefix)
        slug = self.text(table["exercise"], prefix / "exercise", 80)
        if slug not in self.catalog and slug not in self.custom:
            self.fail(prefix / "exercise", translate("_Ctx", "no exercise {slug} in the library or "
                                                      "among your own exercises").format(slug=show(slug)))
        sets = self.integer(table["sets"], prefix / "sets", 1, MAX_SETS)
        rest_s = self.seconds(table["rest_s"], prefix / "rest_s", 0, MAX_REST_S)

        given = [k for k in _KIND_KEYS if k in table]
        if len(given) != 1:
            self.fail(prefix, translate("_Ctx", "give exactly one of 'reps', 'reps_per_set', 'hold_s' "
                                        "(with 'holds') or 'duration_s', got {keys}").format(
                keys=", ".join(given) or translate("_Ctx", "none", "no keys given")))
        mode = given[0]
        kind = _KIND_KEYS[mode]
        if slug in self.catalog:
            expected = self.catalog.get(slug).prescription.kind
            if kind != expected:
                self.fail(prefix / mode, translate("_Ctx", "{exercise} is done as {kind}: give "
                                                        "{keys} instead").format(
                    exercise=self.catalog.get(slug).name,
                    kind=translate("loader", _KIND_WORDS[expected]),
                    keys=translate("loader", _KIND_HINT[expected])))
        if "holds" in table and kind != DoseKind.HOLD:
            self.fail(prefix / "holds", translate("_Ctx", "only allowed together with 'hold_s'"))

        reps = reps_per_set = None
        hold_s = duration_s = None
        holds = None
        if mode == "reps":
            reps = self.rep_range(table["reps"], prefix / "reps")
        elif mode == "reps_per_set":
            reps_per_set = self.rep_list(table["reps_per_set"], prefix / "reps_per_set", sets)
        elif mode == "hold_s":
            hold_s = self.seconds(table["hold_s"], prefix / "hold_s", 1, MAX_HOLD_S)
            holds = (self.integer(table["holds"], prefix / "holds", 1, MAX_HOLDS)
                     if "holds" in table else 1)
        else:
            duration_s = self.seconds(table["duration_s"], prefix / "duration_s", 1,
                                      MAX_DURATION_S)

        tempo = None
        if "tempo" in table:
            if kind != DoseKind.REPS:
                self.fail(prefix / "tempo", translate("_Ctx", "only an exercise done for reps has a "
                                                       "tempo"))
            tempo = self.text(table["tempo"], prefix / "tempo", 11)
            try:
                parse_tempo(tempo)
            except ValueError:
                self.fail(prefix / "tempo", translate("_Ctx", "expected lower-pause-lift-pause "
                                                       "seconds, each 0-10, like \"3-1-1-0\", got "
                                                       "{value}").format(value=show(tempo)))
        progression = (self.choice(table["progression"], prefix / "progression", PROGRESSIONS)
                       if "progression" in table else "none")
        if progression != "none" and kind != DoseKind.REPS:
            self.fail(prefix / "progression", translate("_Ctx", "{progression} moves reps and load "
                                                         "on; this exercise is not done for reps")
                      .format(progression=show(progression)))
        superset = None
        if "superset" in table:
            superset = self.text(table["superset"], prefix / "superset", 8)
            if not SUPERSET_RE.match(superset):
                self.fail(prefix / "superset", translate("_Ctx", "expected a short label of letters "
                                                          "or digits, like \"A\", got {value}")
                          .format(value=show(superset)))
        drop_set = self.boolean(table["drop_set"], prefix / "drop_set") \
            if "drop_set" in table else False
        if drop_set and kind != DoseKind.REPS:
            self.fail(prefix / "drop_set", translate("_Ctx", "only an exercise done for reps can end "
                                                      "in a drop set"))
        note = self.text(table["note"], prefix / "note", _NOTE_MAX) if "note" in table else ""
        return ExerciseDose(
            slug=slug, sets=sets, rest_s=rest_s, kind=kind, reps=reps, reps_per_set=reps_per_set,
            hold_s=hold_s, holds=holds, duration_s=duration_s, tempo=tempo,
            progression=progression, superset=superset, drop_set=drop_set, note=note,
        )

    def rep_range(self, value: Any, key: KeyPath) -> tuple[int, int]:
        items = self.array(value, key)
        if len(items) != 2 or not all(is_int(v) for v in items):
            self.fail(key, translate("_Ctx", "expected [low, high], two whole numbers, got {value}")
                      .format(value=show(value)))
        low, high = items
        if low < 1:
            self.fail(key, translate("_Ctx", "at least 1 rep, got {value}").format(value=show(value)))
        if low > high:
            self.fail(key, translate("_Ctx", "the low end {low} is above the high end {high}").format(
                low=low, high=high))
        if high > MAX_REPS:
            self.fail(key, translate("_Ctx", "at most %n reps, got {value}", n=MAX_REPS).format(
                value=show(value)))
        return (low, high)

    def rep_list(self, value: Any, key: KeyPath, sets: int) -> tuple[int, ...]:
        items = self.array(value, key)
        if len(items) != sets:
            # No plural mark: the English has always read "got 1 numbers".
            self.fail(key, translate("_Ctx", "give one number per set: 'sets' is {sets}, got %n "
                                     "numbers", n=len(items)).format(sets=format_integer(sets)))
        for i, v in enumerate(items, 1):
            if not is_int(v):
                self.expected(key / i, self.NOT_INTEGER, v)
            if not 1 <= v <= MAX_REPS:
                self.fail(key / i, translate("_Ctx", "expected 1 to {most} reps, got {value}")
                          .format(most=format_integer(MAX_REPS), value=v))
        return tuple(items)

    def supersets(self, doses: Sequence[ExerciseDose], key: KeyPath) -> None:
        """A label pairs exactly two exercises that follow each other."""
        where: dict[str, list[int]] = {}
        for i, dose in enumerate(doses, 1):
            if dose.superset is not None:
                where.setdefault(dose.superset, []).append(i)
        for label, places in where.items():
            if len(places) != 2 or places[1] != places[0] + 1:
                at = places[0] if len(places) == 1 else (
                    places[1] if places[1] != places[0] + 1 else places[2])
                self.fail(key / at / "superset", translate(
                    "_Ctx", "superset {label} must join exactly two exercises next to each other; "
                    "it is on exercise(s) {places}", n=len(places)).format(
                    label=show(label), places=", ".join(format_integer(p) for p in places)))
