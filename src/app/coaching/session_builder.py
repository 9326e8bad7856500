"""The free session builder's list: exercises picked from the Library, each
with its dose, in the athlete's order; then a plan to run, or a program day.

Each row's dose is an ``ExerciseDose``, the shape a program's session has,
so nothing here builds plan items or checks programs itself: the plan comes
from ``programs.planning.item_from_dose`` (as a program's session does), a
load from ``apply_target``, and "save as program day" gives a definition for
the same loader that checks the athlete's own programs. No Qt, no storage.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from app.catalog.vocabulary import DoseKind
from app.coaching.model import ExerciseDose
from app.kernel.i18n import QT_TRANSLATE_NOOP, format_decimal, format_integer, parse_decimal, translate
from app.kernel.refusal import FieldRefusal
from app.session.plan import (
    MAX_DURATION_S,
    MAX_HOLD_S,
    MAX_LOAD_KG,
    MAX_REPS,
    MAX_SETS,
    Block,
    PlanBlock,
    SessionPlan,
    block_for,
)

if TYPE_CHECKING:
    from app.catalog.model import Catalog, Exercise
    from app.logbook.custom_exercises import CustomExercise

# An exercise of the athlete's own has no prescription: the program editor's
# new row (3 x 8-12, 90 s rest) is its dose until changed.
CUSTOM_DOSE = ExerciseDose(slug="", sets=3, rest_s=90, kind=DoseKind.REPS, reps=(8, 12))
MAX_ROWS = 30
"""More exercises than any session holds: a list this long is a mistake."""

_REPS = re.compile(r"(\d+)(?:\s*[-–]\s*(\d+))?")


class BuilderField(StrEnum):
    """The fields a refusal names (a form matches on them)."""

    EXERCISES = "exercises"
    SETS = "sets"
    AMOUNT = "amount"
    LOAD = "load"
    NAME = "name"


_FIELD_LABELS: dict[str, str] = {
    BuilderField.EXERCISES: QT_TRANSLATE_NOOP("BuilderError", "exercises"),
    BuilderField.SETS: QT_TRANSLATE_NOOP("BuilderError", "sets"),
    BuilderField.AMOUNT: QT_TRANSLATE_NOOP("BuilderError", "reps or seconds"),
    BuilderField.LOAD: QT_TRANSLATE_NOOP("BuilderError", "load"),
    BuilderField.NAME: QT_TRANSLATE_NOOP("BuilderError", "name"),
}


def field_label(field: BuilderField) -> str:
    """A field's name in the athlete's language (as a refusal names it)."""
    return translate("BuilderError", _FIELD_LABELS[field])


class BuilderError(FieldRefusal):
    """A value the builder refuses; ``row`` is the row it belongs to (None: the whole list)."""

    LABELS = _FIELD_LABELS
    LABEL_CONTEXT = "BuilderError"

    def __init__(self, field: BuilderField, message: str, row: int | None = None) -> None:
        super().__init__(field, message)
        self.row = row


@dataclass(frozen=True)
class BuilderRow:
    """One exercise of the free session: its dose, and a load (kg) if given."""

    slug: str
    name: str
    block: str            # where the exercise belongs by its kind: warm-up, main, cool-down
    dose: ExerciseDose
    load_kg: float | None = None

    @property
    def kind(self) -> DoseKind:
        return DoseKind(self.dose.kind)

    def amount_text(self) -> str:
        """The reps ("8-12", "10") or the seconds ("30") as the row shows them."""
        dose = self.dose
        if self.kind is DoseKind.REPS:
            low, high = dose.reps or (1, 1)
            return format_integer(low) if low == high else f"{format_integer(low)}-{format_integer(high)}"
        seconds = dose.hold_s if self.kind is DoseKind.HOLD else dose.duration_s
        return format_decimal(seconds or 0, 1)


def row_for(exercise: Exercise | CustomExercise) -> BuilderRow:
    """A row with the exercise's default dose: the Library's prescription,
    or for one of the athlete's own the editor's default."""
    block = block_for(exercise)  # type: ignore[arg-type]  # it reads only .category
    prescription = getattr(exercise, "prescription", None)
    if prescription is None:
        dose = dataclasses.replace(CUSTOM_DOSE, slug=exercise.slug)
    else:
        kind = prescription.kind
        dose = ExerciseDose(
            slug=exercise.slug, sets=prescription.sets, rest_s=prescription.rest_s, kind=kind,
            reps=prescription.reps if kind == DoseKind.REPS else None,
            hold_s=prescription.hold_s if kind == DoseKind.HOLD else None,
            holds=(prescription.holds or 1) if kind == DoseKind.HOLD else None,
            duration_s=prescription.duration_s if kind == DoseKind.DURATION else None,
            tempo=prescription.tempo if kind == DoseKind.REPS else None)
    return BuilderRow(exercise.slug, exercise.name, block, dose)


class SessionDraft:
    """The builder's list of rows, changed one step at a time; every change
    is checked, and a refused one changes nothing."""

    def __init__(self, rows: Iterable[BuilderRow] = ()) -> None:
        self._rows: list[BuilderRow] = list(rows)

    @property
    def rows(self) -> tuple[BuilderRow, ...]:
        return tuple(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    # -- the list -------------------------------------------------------------

    def add(self, row: BuilderRow) -> int:
        """Append ``row``; returns its index."""
        if len(self._rows) >= MAX_ROWS:
            raise BuilderError(BuilderField.EXERCISES, translate(
                "SessionDraft", "at most {limit} exercises in one session").format(
                    limit=format_integer(MAX_ROWS)))
        self._rows.append(row)
        return len(self._rows) - 1

    def remove(self, index: int) -> None:
        del self._rows[self._checked(index)]

    def move(self, index: int, step: int) -> int:
        """Move a row ``step`` places (-1 up, 1 down), stopping at the ends;
        returns where it is now."""
        index = self._checked(index)
        target = min(max(index + step, 0), len(self._rows) - 1)
        row = self._rows.pop(index)
        self._rows.insert(target, row)
        return target

    # -- a row's dose ------------------------------------------------------------

    def set_sets(self, index: int, sets: int) -> None:
        index = self._checked(index)
        if isinstance(sets, bool) or not isinstance(sets, int) or not 1 <= sets <= MAX_SETS:
            raise BuilderError(BuilderField.SETS, _whole_range(1, MAX_SETS), index)
        self._replace_dose(index, sets=sets)

    def set_amount(self, index: int, text: str) -> None:
        """Reps ("8" or "8-12") for a reps row; seconds of each hold, or of
        the work, for the others."""
        index = self._checked(index)
        row = self._rows[index]
        cleaned = text.strip()
        if row.kind is DoseKind.REPS:
            match = _REPS.fullmatch(cleaned)
            low, high = (int(match[1]), int(match[2] or match[1])) if match else (0, 0)
            if not match or not 1 <= low <= high <= MAX_REPS:
                raise BuilderError(BuilderField.AMOUNT, translate(
                    "SessionDraft", "type reps like 8, or a range like 8-12 (1 to {limit})").format(
                        limit=format_integer(MAX_REPS)), index)
            self._replace_dose(index, reps=(low, high))
            return
        limit = MAX_HOLD_S if row.kind is DoseKind.HOLD else MAX_DURATION_S
        try:
            seconds = parse_decimal(cleaned)
        except ValueError:
            seconds = math.nan
        if not math.isfinite(seconds) or not 1 <= seconds <= limit:
            raise BuilderError(BuilderField.AMOUNT, translate(
                "SessionDraft", "type the seconds, from 1 to {limit}").format(
                    limit=format_integer(round(limit))), index)
        if row.kind is DoseKind.HOLD:
            self._replace_dose(index, hold_s=seconds)
        else:
            self._replace_dose(index, duration_s=seconds)

    def set_load(self, index: int, load_kg: float | None) -> None:
        """The load in kg (negative: band assistance), or None for none given."""
        index = self._checked(index)
        if load_kg is not None and (isinstance(load_kg, bool) or not isinstance(load_kg, int | float)
                                    or not math.isfinite(load_kg) or abs(load_kg) > MAX_LOAD_KG):
            raise BuilderError(BuilderField.LOAD, translate(
                "SessionDraft", "must be between -{limit} and {limit} kg").format(
                    limit=format_integer(round(MAX_LOAD_KG))), index)
        self._rows[index] = dataclasses.replace(
            self._rows[index], load_kg=None if load_kg is None else float(load_kg))

    # -- what it makes ------------------------------------------------------------

    def why_not_start(self) -> str | None:
        """Why the session cannot start yet, or None when it can."""
        if not self._rows:
            return translate("SessionDraft", "Add at least one exercise to start")
        return None

    def plan(self, catalog: Catalog, custom: Sequence[CustomExercise] = (),
             title: str | None = None) -> SessionPlan:
        """The session to run, in the athlete's order. The leading warm-up
        exercises are its warm-up block, the trailing mobility ones its
        cool-down, and everything between the main work (so no set of real
        work is stored as a warm-up set). BuilderError when the list is empty."""
        from app.coaching.planning import Target, apply_target, item_from_dose

        problem = self.why_not_start()
        if problem is not None:
            raise BuilderError(BuilderField.EXERCISES, problem)
        by_slug = {c.slug: c for c in custom}
        items = []
        for row in self._rows:
            item = item_from_dose(row.dose, catalog, by_slug)
            items.append(apply_target(item, Target(load_kg=row.load_kg))
                         if row.load_kg is not None else item)
        blocks = _block_names([row.block for row in self._rows])
        grouped: list[PlanBlock] = []
        for name, item in zip(blocks, items, strict=True):
            if grouped and grouped[-1].name == name:
                grouped[-1] = PlanBlock(name, (*grouped[-1].items, item))
            else:
                grouped.append(PlanBlock(name, (item,)))
        return SessionPlan(tuple(grouped), title=title or self.default_title())

    def default_title(self) -> str:
        """The first two main exercises' names (as ``plan_of_exercises`` names a session)."""
        main = [row.name for row in self._rows if row.block == "main"] or [r.name for r in self._rows]
        return " + ".join(main[:2])

    def program_definition(self, name: str) -> dict[str, Any]:
        """The list as a program of one session that repeats, in the program
        files' shape (for the loader's check, then ``Store.save_user_program``).
        Loads are not part of a program: its sessions start from last time's."""
        from app.coaching.loader import dose_to_dict

        cleaned = name.strip()
        if not cleaned:
            raise BuilderError(BuilderField.NAME, translate("SessionDraft", "give the program a name"))
        problem = self.why_not_start()
        if problem is not None:
            raise BuilderError(BuilderField.EXERCISES, problem)
        return {"name": cleaned, "summary": "", "level": "beginner", "repeat": True,
                "weeks": [{"number": 1, "sessions": [
                    {"name": cleaned, "exercises": [dose_to_dict(r.dose) for r in self._rows]}]}]}

    # -- inside ---------------------------------------------------------------------

    def _checked(self, index: int) -> int:
        if not 0 <= index < len(self._rows):
            raise IndexError(f"no row {index}")
        return index

    def _replace_dose(self, index: int, **changes: Any) -> None:
        row = self._rows[index]
        self._rows[index] = dataclasses.replace(row, dose=dataclasses.replace(row.dose, **changes))


def _block_names(natural: Sequence[str]) -> list[str]:
    """Each row's block, keeping the rows in order: warm-up rows count as
    the warm-up only at the start, cool-down rows only at the end."""
    names: list[str] = [Block.MAIN] * len(natural)
    start = 0
    while start < len(natural) and natural[start] == Block.WARM_UP:
        names[start] = Block.WARM_UP
        start += 1
    end = len(natural)
    while end > start and natural[end - 1] == Block.COOL_DOWN:
        end -= 1
        names[end] = Block.COOL_DOWN
    return names


def _whole_range(low: int, high: int) -> str:
    return translate("SessionDraft", "must be a whole number from {low} to {high}").format(
        low=format_integer(low), high=format_integer(high))


def plan_for_slug(slug: str, catalog: Catalog,
                  customs: Sequence[CustomExercise]) -> SessionPlan | None:
    """A session of one exercise with its usual dose: a Library exercise's
    (the plan ``hamstride session --exercise SLUG`` runs), or for one of the
    athlete's own the builder's default; None when there is no such exercise."""
    from app.session.plan import plan_from_exercise

    if slug in catalog:
        return plan_from_exercise(catalog.get(slug))
    own = [e for e in customs if e.slug == slug]
    if not own:
        return None
    return SessionDraft([row_for(own[0])]).plan(catalog, own)
