"""A program's session as the plan the session engine runs."""

from __future__ import annotations

from typing import Any

import pytest

from app.catalog import Catalog, load_catalog_strict
from app.coaching.loader import load_programs_strict, program_from_dict, programs_dir
from app.coaching.model import Program
from app.coaching.planning import Target, day_label, plan_for_day
from app.kernel.resources import resources_dir
from app.logbook.custom_exercises import CustomExercise
from app.session.plan import SessionPlan
from app.session.tempo import Tempo


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog_strict(resources_dir())


@pytest.fixture(scope="module")
def builtin(catalog: Catalog) -> dict[str, Program]:
    return {p.slug: p for p in load_programs_strict(programs_dir(resources_dir()), catalog)}


def own(catalog: Catalog, weeks: list[dict[str, Any]], **extra: Any) -> Program:
    return program_from_dict({"name": "Mine", "weeks": weeks, **extra}, "mine", catalog,
                             {"custom-sled-drag"}, slug="my-mine")


def test_a_nordic_session(builtin: dict[str, Program], catalog: Catalog) -> None:
    program = builtin["nordic-programme"]
    plan = plan_for_day(program, 4, catalog)
    assert plan.title == "Nordic program · Week 3 · session 1"
    assert [b.name for b in plan.blocks] == ["warmup", "main", "cool-down"]
    [nordic] = plan.blocks[1].items
    assert (nordic.slug, nordic.sets, nordic.reps, nordic.rest_s) == (
        "nordic-hamstring-curl", 3, (6, 8), 60.0)
    assert nordic.eccentric_cue and nordic.sides == "both"
    # 12, 10, 8: one item, three sets, the range the sets span.
    [late] = plan_for_day(program, 27, catalog).blocks[1].items
    assert late.sets == 3 and late.reps == (8, 12)
    [kept] = plan_for_day(program, 40, catalog).blocks[1].items
    assert kept.sets == 3 and kept.reps == (8, 12)


def test_sides_holds_and_timed_items_come_from_the_dose_and_the_catalog(
        builtin: dict[str, Program], catalog: Catalog) -> None:
    plan = plan_for_day(builtin["runners-drill"], 1, catalog)
    by_slug = {i.slug: i for i in plan.items}
    drill = by_slug["single-leg-hinge-to-march"]
    assert drill.sides == "left-right" and drill.per_side and drill.sets == 2
    assert by_slug["walking-lunges"].sides == "alternating"
    jog = by_slug["light-jog"]
    assert jog.kind == "duration" and jog.duration_s == 300
    stretch = by_slug["standing-hamstring-stretch"]
    assert stretch.kind == "hold" and (stretch.hold_s, stretch.holds) == (8.0, 5)
    assert stretch.relax_s == catalog.get("standing-hamstring-stretch").prescription.relax_s
    assert plan.block_of(len(plan.items) - 1) == "cool-down"


def test_supersets_are_labelled_on_both_items(builtin: dict[str, Program], catalog: Catalog) -> None:
    plan = plan_for_day(builtin["advanced"], 2, catalog)
    assert plan.title == "Advanced · Session B"
    assert [(i.slug, i.superset) for i in plan.blocks[1].items] == [
        ("romanian-deadlift", None), ("kettlebell-swing", "A"),
        ("stability-ball-hamstring-curl", "A")]
    # The plan survives the round trip a saved session in progress takes.
    assert SessionPlan.from_dict(plan.to_dict()) == plan


def test_a_session_may_replace_the_warm_up_and_drop_the_cool_down(catalog: Catalog) -> None:
    program = own(catalog, [{"number": 1, "sessions": [
        {"name": "Short", "warm_up": [{"exercise": "leg-swings", "sets": 1, "reps": [10, 10],
                                       "rest_s": 0}],
         "cool_down": [],
         "exercises": [{"exercise": "glute-bridge", "sets": 2, "reps": [12, 15], "rest_s": 45,
                        "tempo": "2-0-2-1"}]}]}],
        warm_up=[{"exercise": "light-jog", "sets": 1, "duration_s": 300, "rest_s": 0}],
        cool_down=[{"exercise": "foam-rolling-hamstrings", "sets": 1, "duration_s": 60,
                    "rest_s": 0}])
    plan = plan_for_day(program, 1, catalog)
    assert [b.name for b in plan.blocks] == ["warmup", "main"]
    assert [i.slug for i in plan.items] == ["leg-swings", "glute-bridge"]
    bridge = plan.items[1]
    assert bridge.tempo == Tempo(2, 0, 2, 1) and bridge.rest_s == 45 and not bridge.eccentric_cue


def test_the_athletes_own_exercise(catalog: Catalog) -> None:
    program = own(catalog, [{"number": 1, "sessions": [{"name": "Sled", "exercises": [
        {"exercise": "custom-sled-drag", "sets": 4, "duration_s": 30, "rest_s": 90}]}]}])
    sled = CustomExercise(slug="custom-sled-drag", name="Sled drag", equipment=("bodyweight",),
                          one_side="no")
    plan = plan_for_day(program, 1, catalog, [sled])
    [item] = plan.items
    assert (item.name, item.kind, item.sets, item.duration_s) == ("Sled drag", "duration", 4, 30)
    assert plan.title == "Mine · Sled"
    with pytest.raises(ValueError, match="custom-sled-drag"):
        plan_for_day(program, 1, catalog)  # the exercise was deleted since


def test_targets_apply_to_the_main_work(builtin: dict[str, Program], catalog: Catalog) -> None:
    targets = {
        "romanian-deadlift": Target(load_kg=62.5, reps=(8, 8), reason="all sets reached 10"),
        "nordic-hamstring-curl": Target(lowering_s=14.0),
        "leg-swings": Target(reps=(20, 20)),  # warm-up items keep their dose
        "standing-hamstring-stretch": Target(reps=(5, 5)),
    }
    plan = plan_for_day(builtin["advanced"], 1, catalog, targets=targets)
    by_slug = {i.slug: i for i in plan.items}
    rdl = by_slug["romanian-deadlift"]
    assert rdl.target_load_kg == 62.5 and rdl.reps == (8, 8)
    assert by_slug["nordic-hamstring-curl"].lowering_s == 10.0  # the cue's longest
    assert by_slug["leg-swings"].reps == (15, 15)
    assert by_slug["jump-squat"].target_load_kg is None


def test_day_labels(builtin: dict[str, Program]) -> None:
    nordic = builtin["nordic-programme"]
    assert day_label(nordic, 1) == "Week 1 · session 1 of 1"
    assert day_label(nordic, 6) == "Week 3 · session 3 of 3"
    assert day_label(nordic, 28) == "Maintenance · week 11"
    beginner = builtin["beginner-bodyweight"]  # two maintenance sessions a week
    assert day_label(beginner, 9) == "Maintenance · week 5 · session 1 of 2"
    assert day_label(beginner, 12) == "Maintenance · week 6 · session 2 of 2"
    advanced = builtin["advanced"]  # repeats its one week
    assert day_label(advanced, 5) == "Week 3 · session 1 of 2"


def test_a_day_the_program_does_not_have(catalog: Catalog) -> None:
    program = own(catalog, [{"number": 1, "sessions": [{"exercises": [
        {"exercise": "glute-bridge", "sets": 2, "reps": [12, 15], "rest_s": 45}]}]}])
    with pytest.raises(ValueError, match="1 sessions, not 2"):
        plan_for_day(program, 2, catalog)
    with pytest.raises(ValueError, match="1 or more"):
        plan_for_day(program, 0, catalog)
    with pytest.raises(ValueError, match="not 2"):
        day_label(program, 2)


def test_the_nordic_programmes_late_weeks_run_12_10_8_and_heavy_gym_ends_on_a_drop_set() -> None:
    from app.catalog import load_catalog_strict
    from app.coaching.loader import load_programs_strict
    from app.coaching.planning import plan_for_day
    from app.kernel.resources import resources_dir

    catalog = load_catalog_strict(resources_dir())
    programs = {p.slug: p for p in load_programs_strict(resources_dir() / "programs", catalog)}
    nordic = programs["nordic-programme"]
    first_of_week_5 = sum(len(w.days) for w in nordic.weeks[:4]) + 1
    [item] = [i for i in plan_for_day(nordic, first_of_week_5, catalog).items
              if i.slug == "nordic-hamstring-curl"]
    assert [item.reps_for_set(n) for n in (1, 2, 3)] == [12, 10, 8]
    heavy = plan_for_day(programs["heavy-gym"], 1, catalog)
    [curl] = [i for i in heavy.items if i.slug == "machine-leg-curl"]
    assert curl.drop_last and curl.set_type_of(curl.sets, warm_up=False) == "drop"
    assert curl.set_type_of(1, warm_up=False) == "working"
