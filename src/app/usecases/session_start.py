"""Starting a session, by any path: one set of rules for all of them.

A session starts from Today (the program's session due), the Library (a
free session of one exercise), the session builder (a free session of
several) or the command line (`hamstride session --program/--exercise`).
Every one of them goes through this module, so none of them can skip a
safety rule:

1. ``check_start`` readies the plan: the progression targets (a program's
   session from Today has them already: ``targets_applied``; a free session
   gets them here, from a dose built on the catalog prescription), and the
   48-hour notice (app.coaching.recovery) for the screens to ask about.
2. The athlete answers the readiness check (the window's dialog, or the
   terminal, or `--readiness`).
3. ``session_to_run`` turns the answers into the session that runs:

   * go: the plan as it is (or lighter, when the athlete asked for it);
   * easy (soreness 5-6, mild pain in the leg): the lighter session
     (app.usecases.today.lighter: one set fewer, a fifth less load) unless the
     athlete unticks it;
   * rest (soreness from 7) and stop (a red flag): the guidance is not to
     train; starting anyway runs the session without its heavy hamstring
     work (Nordics, heavy hinges): warm-up, lighter work and cool-down stay,
     never the full dose.

Pure: no Qt, no database (the log is read through the readers given).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from app.catalog.model import (
    GROUP_BARBELL,
    GROUP_DUMBBELLS,
    GROUP_KETTLEBELL,
    GROUP_MACHINE,
    HamstringStress,
)
from app.catalog.vocabulary import Category, DoseKind
from app.coaching.readiness import Guidance, GuidanceLevel, ReadinessAnswers, assess
from app.coaching.recovery import HARD_RUN_LOOKBACK, recent_hard_run, stress_of, too_soon_for
from app.kernel.i18n import translate
from app.session.plan import NORDIC_SLUG, PlanBlock, PlanItem, SessionPlan

if TYPE_CHECKING:
    from app.catalog.model import Catalog
    from app.coaching.model import ExerciseDose
    from app.coaching.planning import Target
    from app.coaching.watch import Notice
    from app.logbook.custom_exercises import CustomExercise
    from app.logbook.settings import Settings
    from app.storage.coaching_queries import CoachingReader

# Equipment that puts a load in the hands or on a stack: rep work with it
# progresses by load (double progression); bodyweight rep work is left as
# the athlete set it.
_LOAD_GROUPS = frozenset({GROUP_BARBELL, GROUP_DUMBBELLS, GROUP_KETTLEBELL, GROUP_MACHINE})


@dataclass(frozen=True)
class Advice:
    """One exercise's progression suggestion, for the screens that list them."""

    slug: str
    name: str
    reason: str


@dataclass(frozen=True)
class StartCheck:
    """A session about to start: ``plan`` with its progression targets,
    ``too_soon`` the 48-hour notice (None: nothing to ask), ``advice`` the
    suggestions applied, ``heavy`` the names of the heavy exercises that a
    start after a red flag leaves out, ``hard_run`` the tag of a hard run
    done today or yesterday (None: none), which the readiness check weighs."""

    plan: SessionPlan
    too_soon: Notice | None
    advice: tuple[Advice, ...]
    heavy: tuple[str, ...]
    hard_run: str | None = None


@dataclass(frozen=True)
class SessionToRun:
    """What runs after the readiness check: ``plan`` (None: nothing of the
    session is left to run), ``guidance`` the check's, and ``note`` what was
    changed and why, for the dialog, the session's title and the terminal
    ("" when the plan runs as it is)."""

    plan: SessionPlan | None
    guidance: Guidance
    note: str


def check_start(plan: SessionPlan, coaching: CoachingReader, catalog: Catalog,
                customs: Sequence[CustomExercise], settings: Settings, now: datetime,
                tz: tzinfo | None = None, *, targets_applied: bool = False,
                keep_tempo: bool = False) -> StartCheck:
    """Ready ``plan`` to start ``now``. ``targets_applied``: the plan carries
    its progression targets already (Today's session due), so they are not
    applied twice. ``keep_tempo``: the athlete asked for this tempo
    (`hamstride session --tempo`), so no coached lowering replaces it."""
    advice: list[Advice] = []
    if not targets_applied:
        plan, advice = _with_free_targets(plan, coaching, catalog, settings, keep_tempo)
    slugs = [item.slug for item in plan.items]
    heavy = tuple(dict.fromkeys(item.name for item in plan.items
                                if stress_of(item.slug, catalog, customs) is HamstringStress.HEAVY))
    # A hard run counts like a heavy session (issue 18): for the 48-hour
    # notice and for the readiness check's pain after a run.
    runs = coaching.runs_between(now - HARD_RUN_LOOKBACK, now)
    hard = recent_hard_run(runs, now, tz)
    return StartCheck(plan=plan,
                      too_soon=too_soon_for(slugs, coaching, catalog, customs, now, tz, runs),
                      advice=tuple(advice), heavy=heavy,
                      hard_run=None if hard is None else str(hard.tag))


def target_for(dose: ExerciseDose, coaching: CoachingReader, settings: Settings) -> Target:
    """The progression rule's target for ``dose`` from the exercise's recent
    sets (the Nordic rule also reads the soreness around the last session,
    as Today's does: app.usecases.today.soreness_around)."""
    from app.coaching.planning import Target
    from app.coaching.progression import suggest
    from app.usecases.today import soreness_around

    recent = coaching.recent_sets(dose.slug)
    soreness = soreness_around(recent, coaching) if dose.progression == "nordic" else None
    suggestion = suggest(dose, recent, units=settings.units, load_step=settings.load_step(),
                         lowering_target_s=float(settings.lowering_s), soreness=soreness)
    return Target(load_kg=suggestion.load_kg, reps=suggestion.reps,
                  lowering_s=suggestion.lowering_s, reason=suggestion.reason,
                  sets=suggestion.sets)


def raised_lowering_s(plan: SessionPlan, settings: Settings) -> int | None:
    """The athlete's lowering setting once ``plan`` starts: the coached
    Nordic lowering target it runs (``PlanItem.lowering_coached``, on an
    item with the lowering cue) when that is above ``settings.lowering_s``,
    else None (the setting stays). The rise was earned by the last session,
    so the setting - the one current target every path reads - follows it;
    it is never lowered here (the athlete lowers it in Settings). Whole
    seconds, as the setting stores them: never above what was coached.
    Every start calls it with the plan that actually runs (the window's
    MainWindow.start_session, which the command line also goes through),
    so a session left without its Nordics raises nothing."""
    from app.logbook.settings import LOWERING_RANGE

    coached = [item.lowering_s for item in plan.items
               if item.lowering_coached and item.eccentric_cue]
    if not coached:
        return None
    raised = min(max(math.floor(max(coached) + _FLOAT_NOISE_S), LOWERING_RANGE[0]),
                 LOWERING_RANGE[1])
    return raised if raised > settings.lowering_s else None


# Coached targets are whole seconds (LOWERING_STEP_S) stored as floats: a
# millisecond's slack keeps 6.999999 from flooring to 6.
_FLOAT_NOISE_S = 1e-3


def free_dose(item: PlanItem, catalog: Catalog) -> ExerciseDose | None:
    """The dose a free session's item progresses by, built on its catalog
    prescription: the Nordic rule for the Nordic curl, double progression
    for loaded rep work; None for anything else (bodyweight work, holds,
    timed work, the athlete's own exercises): it runs as it was set."""
    from app.coaching.model import ExerciseDose

    if item.kind != DoseKind.REPS or item.reps is None or item.slug not in catalog:
        return None
    exercise = catalog.get(item.slug)
    if item.slug == NORDIC_SLUG:
        progression = "nordic"
    elif exercise.category == Category.STRENGTH and exercise.equipment_groups & _LOAD_GROUPS:
        progression = "double"
    else:
        return None
    return ExerciseDose(slug=item.slug, sets=item.sets, rest_s=item.rest_s, kind=DoseKind.REPS,
                        reps=item.reps, progression=progression)


def _with_free_targets(plan: SessionPlan, coaching: CoachingReader, catalog: Catalog,
                       settings: Settings,
                       keep_tempo: bool = False) -> tuple[SessionPlan, list[Advice]]:
    from app.coaching.planning import apply_target

    advice: list[Advice] = []

    def progressed(item: PlanItem) -> PlanItem:
        dose = free_dose(item, catalog)
        if dose is None:
            return item
        target = target_for(dose, coaching, settings)
        if item.target_load_kg is not None:
            # A load the athlete typed in the builder is theirs: kept.
            target = dataclasses.replace(target, load_kg=None)
        if keep_tempo:
            # The tempo typed on the command line is the athlete's: kept.
            target = dataclasses.replace(target, lowering_s=None)
        advice.append(Advice(item.slug, item.name, target.reason))
        return apply_target(item, target)

    blocks = tuple(dataclasses.replace(b, items=tuple(progressed(i) for i in b.items))
                   if b.name == "main" else b for b in plan.blocks)
    return dataclasses.replace(plan, blocks=blocks), advice


def session_to_run(check: StartCheck, answers: ReadinessAnswers, *, lighter: bool,
                   catalog: Catalog, customs: Sequence[CustomExercise] = ()) -> SessionToRun:
    """The session that runs once the athlete has answered the readiness
    check and chosen to start. ``lighter``: the athlete's choice of the
    lighter session (``lighter_by_default`` says what to offer). The
    answers, and the guidance's level, are kept with the plan (stored with
    the session)."""
    from app.usecases.today import lighter as make_lighter

    guidance = assess(answers, hard_run=check.hard_run)
    stored = {**answers.to_dict(), "guidance": str(guidance.level)}
    plan: SessionPlan | None = check.plan
    note = ""
    if guidance.holds_back_heavy_work:
        plan, note = without_heavy(check.plan, catalog, customs)
    elif lighter:
        plan = make_lighter(check.plan)
        note = translate("session_start", "Lighter today: one set fewer and a fifth less load "
                         "on the main work.")
    if plan is not None:
        plan = dataclasses.replace(plan, readiness=stored)
    return SessionToRun(plan=plan, guidance=guidance, note=note)


def lighter_by_default(guidance: Guidance) -> bool:
    """An easy day (soreness 5-6, mild pain) offers the lighter session
    first; the athlete may decline it."""
    return guidance.level is GuidanceLevel.EASY


def without_heavy(plan: SessionPlan, catalog: Catalog,
                  customs: Sequence[CustomExercise] = ()) -> tuple[SessionPlan | None, str]:
    """``plan`` without its heavy hamstring work, and a line that says so.
    None when nothing of it is left to run."""
    heavy = [i for i in plan.items if stress_of(i.slug, catalog, customs) is HamstringStress.HEAVY]
    left_out = {id(i) for i in heavy}
    if not heavy:
        return plan, translate("session_start", "This session has no Nordics or heavy hinges: "
                               "it runs as planned. Stop if anything hurts.")
    names = _names(dict.fromkeys(i.name for i in heavy))
    blocks = []
    for block in plan.blocks:
        kept = tuple(i for i in block.items if id(i) not in left_out)
        if kept:
            blocks.append(PlanBlock(block.name, _unpaired(kept)))
    if not blocks:
        return None, translate("session_start", "Without its heavy work ({names}) nothing of "
                               "this session is left, so it does not start. Rest, or a low-impact "
                               "day, is today's session.").format(names=names)
    title = translate("session_start", "{title} (no heavy work)").format(title=plan.title)
    kept_plan = dataclasses.replace(plan, blocks=tuple(blocks), title=title)
    if not any(b.name == "main" for b in blocks):
        return kept_plan, translate("session_start", "Without its heavy work ({names}) nothing of "
                                    "the main work is left: only the warm-up and cool-down "
                                    "run.").format(names=names)
    return kept_plan, translate("session_start", "Without the heavy work: {names} left out. The "
                                "warm-up, lighter work and cool-down stay.").format(names=names)


def _unpaired(items: tuple[PlanItem, ...]) -> tuple[PlanItem, ...]:
    """A superset whose partner was left out is no superset: its label goes."""
    labels = [i.superset for i in items]
    return tuple(dataclasses.replace(i, superset=None)
                 if i.superset is not None and labels.count(i.superset) != 2 else i
                 for i in items)


def _names(names: dict[str, None]) -> str:
    listed = list(names)
    if len(listed) == 1:
        return listed[0]
    return translate("session_start", "{items} and {last}", "a list: a, b and c").format(
        items=", ".join(listed[:-1]), last=listed[-1])

