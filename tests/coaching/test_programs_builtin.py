"""The built-in programs say what the training content says, number for number."""

from __future__ import annotations

import pytest

from app.catalog import Catalog, load_catalog_strict
from app.coaching.loader import load_programs_strict, programs_dir
from app.coaching.model import ExerciseDose, Program, ProgramDay
from app.coaching.planning import day_label, plan_for_day
from app.kernel.resources import resources_dir

BUILT_IN = ("advanced", "beginner-bodyweight", "heavy-gym", "nordic-programme", "runners-drill",
            "sample-session")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog_strict(resources_dir())


@pytest.fixture(scope="module")
def programs(catalog: Catalog) -> dict[str, Program]:
    return {p.slug: p for p in load_programs_strict(programs_dir(resources_dir()), catalog)}


def _all_days(program: Program) -> list[ProgramDay]:
    days = [d for w in program.weeks for d in w.days]
    return days + (list(program.maintenance.days) if program.maintenance else [])


def _doses(program: Program, slug: str) -> list[ExerciseDose]:
    return [e for d in _all_days(program) for e in d.exercises if e.slug == slug]


def test_every_built_in_loads_strictly(programs: dict[str, Program]) -> None:
    assert sorted(programs) == list(BUILT_IN)


@pytest.mark.parametrize("slug", BUILT_IN)
def test_each_program_has_sources_a_warm_up_and_a_cool_down(
        programs: dict[str, Program], catalog: Catalog, slug: str) -> None:
    program = programs[slug]
    assert program.sources and program.summary and program.description and program.notes
    assert program.warm_up and program.cool_down
    assert all(catalog.get(d.slug).category == "warmup" for d in program.warm_up)
    assert all(catalog.get(d.slug).category == "mobility" for d in program.cool_down)
    # Every session of a full round (and the first of any maintenance) plans.
    for day in range(1, program.planned_sessions + 2 if program.open_ended else
                     program.planned_sessions + 1):
        plan = plan_for_day(program, day, catalog)
        assert [b.name for b in plan.blocks] == ["warmup", "main", "cool-down"]


# --------------------------------------------------------------------------
# The Nordic program: the Oslo table
# --------------------------------------------------------------------------

NORDIC_TABLE = {  # week: (sessions, sets, reps range or None, reps per set or None)
    1: (1, 2, (5, 5), None),
    2: (2, 2, (6, 6), None),
    3: (3, 3, (6, 8), None),
    4: (3, 3, (8, 10), None),
    **{w: (3, 3, None, (12, 10, 8)) for w in range(5, 11)},
}


def test_the_nordic_programme_matches_the_table(programs: dict[str, Program]) -> None:
    program = programs["nordic-programme"]
    assert [w.number for w in program.weeks] == list(range(1, 11))
    for week in program.weeks:
        sessions, sets, reps, per_set = NORDIC_TABLE[week.number]
        assert len(week.days) == sessions, week.number
        for day in week.days:
            [dose] = day.exercises
            assert (dose.slug, dose.sets, dose.reps, dose.reps_per_set) == (
                "nordic-hamstring-curl", sets, reps, per_set), week.number
            assert dose.progression == "nordic" and dose.rest_s == 60
    assert program.planned_sessions == 27
    assert not program.repeat and program.open_ended
    maintenance = program.maintenance
    assert maintenance is not None and len(maintenance.days) == 1
    [dose] = maintenance.days[0].exercises
    assert (dose.slug, dose.sets, dose.reps_per_set) == ("nordic-hamstring-curl", 3, (12, 10, 8))
    assert [dose.rep_target(n) for n in (1, 2, 3)] == [(12, 12), (10, 10), (8, 8)]


def test_day_28_of_the_nordic_programme_is_maintenance(programs: dict[str, Program]) -> None:
    program = programs["nordic-programme"]
    week, _day = program.day(27)
    assert week.number == 10
    for n in (28, 29, 100):
        week, _day = program.day(n)
        assert week is program.maintenance
    assert day_label(program, 27) == "Week 10 · session 3 of 3"
    assert day_label(program, 28) == "Maintenance · week 11"
    assert day_label(program, 30) == "Maintenance · week 13"


def test_the_nordic_programme_cites_the_research_and_gives_its_rules(
        programs: dict[str, Program]) -> None:
    program = programs["nordic-programme"]
    assert {"petersen2011", "vandyk2019", "ripley2021", "lacome2020", "drury2021",
            "bahr2015"} <= set(program.sources)
    notes = " ".join(program.notes).lower()
    for words in ("slowly", "12 reps", "partner", "sore", "more than half", "three weeks",
                  "a minute"):
        assert words in notes, words


# --------------------------------------------------------------------------
# The articles' programs
# --------------------------------------------------------------------------


def test_the_sample_session(programs: dict[str, Program]) -> None:
    program = programs["sample-session"]
    assert program.repeat and program.sessions_per_week == (2, 3)
    assert [d.slug for d in program.warm_up] == ["leg-swings", "walking-lunges", "light-jog"]
    jog = program.warm_up[2]
    assert jog.kind == "duration" and jog.duration_s is not None and jog.duration_s >= 300
    for day in _all_days(program):
        assert [(e.slug, e.sets, e.reps) for e in day.exercises] == [
            ("glute-bridge", 3, (12, 15)), ("stability-ball-hamstring-curl", 3, (10, 12)),
            ("romanian-deadlift", 3, (8, 10))]
        assert day.exercises[2].progression == "double"
    stretch, roll = program.cool_down
    assert stretch.slug == "standing-hamstring-stretch" and stretch.kind == "hold"
    assert stretch.hold_s is not None and 5 <= stretch.hold_s <= 10
    assert stretch.holds is not None and 5 <= stretch.holds <= 8
    assert roll.slug == "foam-rolling-hamstrings"
    assert "rest day" in " ".join(program.notes)


def test_the_beginner_program_builds_from_two_sets_to_three(programs: dict[str, Program]) -> None:
    program = programs["beginner-bodyweight"]
    assert program.level == "beginner"
    sets_by_week = []
    for week in program.weeks:
        for day in week.days:
            assert {e.slug for e in day.exercises} == {"glute-bridge", "single-leg-deadlift"}
            assert all(e.reps[0] >= 10 and e.reps[1] <= 15 for e in day.exercises if e.reps)
        sets_by_week.append(max(e.sets for d in week.days for e in d.exercises))
    assert sets_by_week[0] <= 2 and sets_by_week[-1] == 3
    assert sets_by_week == sorted(sets_by_week)
    assert program.maintenance is not None  # then it keeps going at three sets
    assert all(e.sets == 3 for d in program.maintenance.days for e in d.exercises)
    assert "form first" in " ".join(program.notes).lower()


def test_the_advanced_program_alternates_two_sessions(programs: dict[str, Program]) -> None:
    program = programs["advanced"]
    assert program.repeat and [len(w.days) for w in program.weeks] == [2]
    a, b = program.weeks[0].days
    assert a.exercises != b.exercises
    slugs = {e.slug for d in (a, b) for e in d.exercises}
    assert {"romanian-deadlift", "stability-ball-hamstring-curl", "kettlebell-swing",
            "nordic-hamstring-curl", "jump-squat"} <= slugs
    assert program.sessions_per_week == (2, 2)


def test_the_heavy_gym_program(programs: dict[str, Program]) -> None:
    program = programs["heavy-gym"]
    for day in _all_days(program):
        first, curl, machine = day.exercises
        assert first.slug == "stiff-leg-deadlift" and first.progression == "load-each-set"
        assert first.reps is not None and first.reps[1] <= 6  # heavy, low reps
        assert curl.slug == "single-leg-cable-curl"
        assert machine.slug == "machine-leg-curl" and machine.drop_set  # last, with a drop set
    assert "fast-twitch" in " ".join(program.notes)


def test_the_runners_drill(programs: dict[str, Program]) -> None:
    program = programs["runners-drill"]
    sets = [[e.sets for d in w.days for e in d.exercises] for w in program.weeks]
    assert sets == [[2, 2], [2, 2], [3, 3], [3, 3]]
    for dose in _doses(program, "single-leg-hinge-to-march"):
        assert dose.reps == (10, 10) and 2 <= dose.sets <= 3
    assert program.maintenance is not None
    assert all("briefcase" in e.note for d in program.maintenance.days for e in d.exercises)
    notes = " ".join(program.notes)
    assert "briefcase" in notes and "lift" in notes and "easier" in notes
