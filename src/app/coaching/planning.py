"""One session of a program as a SessionPlan the session engine can run.

The program's dose is the plan: the catalog prescription is used only for
what a dose does not say (how the exercise is sided, the relax time between
holds). Coaching rules may pass ``targets`` (a suggested load, rep range or
lowering time per exercise) that are applied to the main work.

Sets with their own rep targets (the Nordic programme's 12, 10, 8): the
engine takes one (low, high) range per item and numbers an item's sets 1..n;
logged sets are told apart by exercise, set number and side. Splitting the
exercise into one item per set would log three "set 1"s of the same
exercise, so the item keeps its three sets with the range the sets span
(8-12); the per-set targets stay on ``ExerciseDose.rep_target`` for screens
and rules that want them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.catalog.vocabulary import DoseKind
from app.coaching.model import ExerciseDose, Program
from app.coaching.schedule import place_of_day
from app.kernel.i18n import format_integer, translate
from app.session.plan import LOWERING_RANGE_S, Block, PlanBlock, PlanItem, SessionPlan
from app.session.tempo import parse_tempo

if TYPE_CHECKING:
    from app.catalog.model import Catalog, Exercise
    from app.logbook.custom_exercises import CustomExercise

_SIDES_FOR_ONE_SIDE = {"no": "both", "yes": "left-right", "alternating": "alternating"}


@dataclass(frozen=True)
class Target:
    """What the coaching rules suggest for one exercise next time."""

    load_kg: float | None = None
    reps: tuple[int, int] | None = None
    lowering_s: float | None = None
    reason: str = ""  # a line for the athlete: why this target
    sets: int | None = None  # None: the program's (the first Nordics: 2)


def day_label(program: Program, day_number: int, weekdays: Sequence[int] | None = None) -> str:
    """"Week 3 · session 2 of 3", or "Maintenance · week 12" once the planned
    weeks are done (with the session when that week has more than one).
    With the athlete's ``weekdays``, the weeks as planned on them: a 2-3 a
    week program on three days counts three sessions a week (see
    app.coaching.schedule), so the label matches Today's strip."""
    place = place_of_day(program, day_number, weekdays)
    week, position, count = (format_integer(n) for n in (place.week, place.position, place.count))
    if place.maintenance and place.count == 1:
        return translate("planning", "Maintenance · week {week}").format(week=week)
    if place.maintenance:
        return translate("planning", "Maintenance · week {week} · session {position} of {count}").format(
            week=week, position=position, count=count)
    return translate("planning", "Week {week} · session {position} of {count}").format(
        week=week, position=position, count=count)


def plan_for_day(program: Program, day_number: int, catalog: Catalog,
                 custom_exercises: Iterable[CustomExercise] = (),
                 targets: Mapping[str, Target] | None = None) -> SessionPlan:
    """Session ``day_number`` (from 1) of ``program``: warm-up, main work and
    cool-down blocks. ValueError for a day a finite program does not have,
    or an exercise that is neither in the catalog nor among ``custom_exercises``."""
    _week, day = program.day(day_number)
    custom = {c.slug: c for c in custom_exercises}
    targets = targets or {}

    def items(doses: Sequence[ExerciseDose], apply_targets: bool) -> tuple[PlanItem, ...]:
        made = []
        for dose in doses:
            item = item_from_dose(dose, catalog, custom)
            target = targets.get(dose.slug) if apply_targets else None
            made.append(apply_target(item, target) if target is not None else item)
        return tuple(made)

    warm_up = program.warm_up if day.warm_up is None else day.warm_up
    cool_down = program.cool_down if day.cool_down is None else day.cool_down
    blocks = [PlanBlock(name, items(doses, name == Block.MAIN))
              for name, doses in ((Block.WARM_UP, warm_up), (Block.MAIN, day.exercises),
                                  (Block.COOL_DOWN, cool_down)) if doses]
    # The plan says which program day it is, so the session logged from it records that.
    return SessionPlan(tuple(blocks), title=f"{program.name} · {day.name}",
                       program_slug=program.slug, program_day=day_number)


def item_from_dose(dose: ExerciseDose, catalog: Catalog,
                   custom: Mapping[str, CustomExercise] | None = None) -> PlanItem:
    """A plan item doing ``dose``; the exercise's sides come from the catalog
    (or the athlete's own exercise), so one-sided work is done left, then right."""
    exercise: Exercise | CustomExercise
    if dose.slug in catalog:
        exercise = catalog.get(dose.slug)
        per_side = exercise.prescription.per_side
        relax_s = exercise.prescription.relax_s if exercise.prescription.kind == DoseKind.HOLD else None
    elif custom and dose.slug in custom:
        exercise = custom[dose.slug]
        per_side = exercise.one_side != "no"
        relax_s = None
    else:
        raise ValueError(translate("planning", "exercise: no exercise {slug} in the library or among "
                                   "yours").format(slug=repr(dose.slug)))
    reps: tuple[int, int] | None = None
    if dose.kind == DoseKind.REPS:
        reps = (min(dose.reps_per_set), max(dose.reps_per_set)) if dose.reps_per_set else dose.reps
    return PlanItem(
        slug=dose.slug, name=exercise.name, kind=dose.kind, sets=dose.sets, rest_s=dose.rest_s,
        reps=reps,
        hold_s=dose.hold_s if dose.kind == DoseKind.HOLD else None,
        holds=(dose.holds or 1) if dose.kind == DoseKind.HOLD else None,
        relax_s=relax_s if dose.kind == DoseKind.HOLD else None,
        duration_s=dose.duration_s if dose.kind == DoseKind.DURATION else None,
        tempo=parse_tempo(dose.tempo) if dose.tempo is not None else None,
        sides=_SIDES_FOR_ONE_SIDE.get(exercise.one_side, "both"),
        per_side=per_side,
        superset=dose.superset,
        reps_per_set=tuple(dose.reps_per_set) if dose.kind == DoseKind.REPS and dose.reps_per_set
        else None,
        drop_last=dose.drop_set,
    )


def apply_target(item: PlanItem, target: Target) -> PlanItem:
    """``item`` with the target's load, sets, reps and lowering time where
    given (reps and lowering only for an item done for reps). A lowering
    target given is marked coached (``PlanItem.lowering_coached``): the
    athlete's lowering setting does not replace it when the session starts."""
    load = item.target_load_kg if target.load_kg is None else target.load_kg
    reps, lowering, per_set = item.reps, item.lowering_s, item.reps_per_set
    coached = item.lowering_coached
    sets = item.sets if target.sets is None else max(1, target.sets)
    if item.kind == DoseKind.REPS:
        if target.reps is not None:
            reps = (target.reps[0], target.reps[1])
        if target.lowering_s is not None:
            # The cue's limits: a suggestion outside them is pulled to the nearest end.
            low, high = LOWERING_RANGE_S
            lowering = min(max(float(target.lowering_s), low), high)
            coached = True
    if per_set is not None and (sets != item.sets or reps != item.reps):
        # The program's per-set reps (12, 10, 8) were for its own dose, not this one.
        per_set = None
    return dataclasses.replace(item, target_load_kg=load, sets=sets, reps=reps, lowering_s=lowering,
                               reps_per_set=per_set, lowering_coached=coached)
