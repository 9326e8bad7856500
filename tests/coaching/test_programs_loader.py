"""The program loader: one checked path for the built-in files and the athlete's
own programs, with errors that name the file and the key."""

from __future__ import annotations

import copy
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.catalog import Catalog, load_catalog_strict
from app.coaching.loader import (
    load_programs,
    load_programs_strict,
    load_user_programs,
    program_from_dict,
    program_to_dict,
    programs_dir,
)
from app.coaching.model import ProgramError
from app.kernel.resources import resources_dir


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog_strict(resources_dir())


def base() -> dict[str, Any]:
    """A small valid program: two weeks, a superset, a hold and a timed warm-up."""
    return {
        "slug": "test-program",
        "name": "Test program",
        "summary": "One line.",
        "description": "A paragraph.",
        "level": "beginner",
        "sources": ["article-improve-running", "acsm2009"],
        "notes": ["Brace."],
        "warm_up": [{"exercise": "light-jog", "sets": 1, "duration_s": 300, "rest_s": 0}],
        "cool_down": [{"exercise": "standing-hamstring-stretch", "sets": 1, "hold_s": 8,
                       "holds": 5, "rest_s": 0}],
        "weeks": [
            {"number": 1, "sessions": [{"name": "A", "exercises": [
                {"exercise": "glute-bridge", "sets": 2, "reps": [10, 12], "rest_s": 60},
                {"exercise": "romanian-deadlift", "sets": 3, "reps": [8, 10], "rest_s": 120,
                 "progression": "double", "tempo": "3-1-1-0"},
            ]}]},
            {"number": 2, "sessions": [{"name": "B", "exercises": [
                {"exercise": "kettlebell-swing", "sets": 3, "reps": [12, 15], "rest_s": 0,
                 "superset": "A"},
                {"exercise": "stability-ball-hamstring-curl", "sets": 3, "reps": [10, 12],
                 "rest_s": 90, "superset": "A"},
                {"exercise": "machine-leg-curl", "sets": 3, "reps": [8, 10], "rest_s": 90,
                 "drop_set": True, "note": "Last."},
                {"exercise": "nordic-hamstring-curl", "sets": 3, "reps_per_set": [12, 10, 8],
                 "rest_s": 60, "progression": "nordic"},
            ]}, {"exercises": [
                {"exercise": "glute-bridge", "sets": 2, "reps": [10, 12], "rest_s": 60}]}]},
        ],
        "maintenance": {"sessions": [{"exercises": [
            {"exercise": "nordic-hamstring-curl", "sets": 1, "reps": [6, 8], "rest_s": 60}]}]},
    }


WHERE = "test.toml"


def load(data: dict[str, Any], catalog: Catalog, **kwargs: Any) -> Any:
    return program_from_dict(data, WHERE, catalog, **kwargs)


def test_a_valid_program_loads_with_its_doses(catalog: Catalog) -> None:
    program = load(base(), catalog)
    assert program.slug == "test-program" and not program.custom and program.planned_sessions == 3
    assert [w.number for w in program.weeks] == [1, 2]
    week2 = program.weeks[1]
    swing, curl, machine, nordic = week2.days[0].exercises
    assert (swing.superset, curl.superset) == ("A", "A")
    assert machine.drop_set and machine.note == "Last."
    assert nordic.kind == "reps" and nordic.reps_per_set == (12, 10, 8) and nordic.reps is None
    assert nordic.rep_target(1) == (12, 12) and nordic.rep_target(3) == (8, 8)
    assert program.cool_down[0].kind == "hold" and program.cool_down[0].holds == 5
    assert program.warm_up[0].kind == "duration" and program.warm_up[0].duration_s == 300
    # A session without a name is named for its place in the week.
    assert week2.days[1].name == "Week 2 · session 2"
    assert program.maintenance is not None and program.maintenance.number == 3
    assert program.sessions_per_week == (1, 2)  # from the weeks when the file does not say


def test_program_to_dict_round_trips_also_through_json(catalog: Catalog) -> None:
    program = load(base(), catalog)
    data = program_to_dict(program)
    assert load(data, catalog) == program
    assert load(json.loads(json.dumps(data)), catalog) == program
    assert data["weeks"][0]["sessions"][0]["exercises"][0] == {
        "exercise": "glute-bridge", "sets": 2, "reps": [10, 12], "rest_s": 60}


def test_a_description_may_run_over_several_lines(catalog: Catalog) -> None:
    text = "First paragraph.\n\nSecond paragraph."
    assert load({**base(), "description": text}, catalog).description == text
    with pytest.raises(ProgramError, match="summary: must be a single line"):
        load({**base(), "summary": "one\ntwo"}, catalog)


def test_hold_count_defaults_to_one(catalog: Catalog) -> None:
    data = base()
    del data["cool_down"][0]["holds"]
    assert load(data, catalog).cool_down[0].holds == 1


def _dose(data: dict[str, Any], week: int = 2, session: int = 1, exercise: int = 1) -> dict[str, Any]:
    dose: dict[str, Any] = data["weeks"][week - 1]["sessions"][session - 1]["exercises"][exercise - 1]
    return dose


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A mutation that sets a key of the dose at weeks[w].sessions[s].exercises[e]."""
    w, s, e, key = path.split(".")

    def apply(data: dict[str, Any]) -> None:
        _dose(data, int(w), int(s), int(e))[key] = value
    return apply


def _top(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def apply(data: dict[str, Any]) -> None:
        data[key] = value
    return apply


def _drop(key: str) -> Callable[[dict[str, Any]], None]:
    def apply(data: dict[str, Any]) -> None:
        del data[key]
    return apply


def _weeks(*numbers: int) -> Callable[[dict[str, Any]], None]:
    def apply(data: dict[str, Any]) -> None:
        template = data["weeks"][0]
        data["weeks"] = [{**copy.deepcopy(template), "number": n} for n in numbers]
    return apply


def _superset(*labels: str | None) -> Callable[[dict[str, Any]], None]:
    def apply(data: dict[str, Any]) -> None:
        for dose, label in zip(data["weeks"][1]["sessions"][0]["exercises"], labels, strict=False):
            dose.pop("superset", None)
            if label is not None:
                dose["superset"] = label
    return apply


E = "weeks[2].sessions[1].exercises"

CASES = [
    # unknown things
    (_set("2.1.1.exercise", "nordic-curl-x"), f"{E}[1].exercise", "no exercise \"nordic-curl-x\""),
    (_top("sources", ["article-run-faster", "smith1999"]), "sources[2]", "unknown source id \"smith1999\""),
    (_top("level", "expert"), "level", "expected one of"),
    (_set("2.1.1.progression", "linear"), f"{E}[1].progression", "expected one of"),
    # impossible numbers
    (_set("2.1.1.reps", [10, 8]), f"{E}[1].reps", "the low end 10 is above the high end 8"),
    (_set("2.1.1.reps", [0, 5]), f"{E}[1].reps", "at least 1 rep"),
    (_set("2.1.1.reps", [5, 101]), f"{E}[1].reps", "at most 100 reps"),
    (_set("2.1.1.reps", [5]), f"{E}[1].reps", "expected [low, high]"),
    (_set("2.1.1.sets", 0), f"{E}[1].sets", "from 1 to 20"),
    (_set("2.1.1.sets", 21), f"{E}[1].sets", "from 1 to 20"),
    (_set("2.1.1.rest_s", -5), f"{E}[1].rest_s", "0 to 1800 seconds"),
    (_set("2.1.1.rest_s", 3600), f"{E}[1].rest_s", "0 to 1800 seconds"),
    (_set("2.1.4.reps_per_set", [12, 10]), f"{E}[4].reps_per_set", "one number per set"),
    (_set("2.1.4.reps_per_set", [12, 0, 8]), f"{E}[4].reps_per_set[2]", "1 to 100 reps"),
    # tempo
    (_set("2.1.1.tempo", "5-0-3"), f"{E}[1].tempo", "lower-pause-lift-pause"),
    (_set("2.1.1.tempo", "12-0-1-0"), f"{E}[1].tempo", "lower-pause-lift-pause"),
    # weeks
    (_weeks(1, 3), "weeks[2].number", "week 2 is missing"),
    (_weeks(1, 1), "weeks[2].number", "week 1 is given twice"),
    (_weeks(2, 1), "weeks[1].number", "week 1 is missing"),
    (_weeks(), "weeks", "at least one week"),
    (lambda d: d["weeks"][1].update(sessions=[]), "weeks[2].sessions",
     "a week needs at least one session"),
    (lambda d: d["weeks"][1]["sessions"][0].update(exercises=[]), f"{E}",
     "a session needs at least one exercise"),
    # supersets: exactly two exercises, next to each other
    (_superset("A", None, None, None), f"{E}[1].superset", "exactly two exercises"),
    (_superset("A", None, "A", None), f"{E}[3].superset", "exactly two exercises"),
    (_superset("A", "A", "A", None), f"{E}[3].superset", "exactly two exercises"),
    (_superset("A b", "A b", None, None), f"{E}[1].superset", "short label"),
    # typos and wrong types
    (_top("sesions_per_week", [2, 3]), "sesions_per_week", "unknown key"),
    (_set("2.1.1.rep", [8, 10]), f"{E}[1].rep", "unknown key"),
    (lambda d: d["weeks"][0].update(days=[]), "weeks[1].days", "unknown key"),
    (_set("2.1.1.sets", "3"), f"{E}[1].sets", "expected a whole number, got a string"),
    (_set("2.1.1.sets", 2.5), f"{E}[1].sets", "expected a whole number, got a float"),
    (_set("2.1.1.reps", "8-10"), f"{E}[1].reps", "expected an array"),
    (_set("2.1.1.drop_set", "yes"), f"{E}[1].drop_set", "expected true or false"),
    (_top("repeat", 1), "repeat", "expected true or false"),
    (_top("name", 5), "name", "expected a string"),
    (_top("weeks", {"number": 1}), "weeks", "expected an array"),
    (_top("notes", ["two\nlines"]), "notes[1]", "single line"),
    (_top("sessions_per_week", [3, 2]), "sessions_per_week", "low <= high"),
    (_drop("description"), "description", "missing required key"),
    (_drop("sources"), "sources", "missing required key"),
    (_top("sources", []), "sources", "at least one source id"),
    # doses that do not fit the exercise
    (_set("2.1.1.hold_s", 10), f"{E}[1]", "exactly one of"),
    (lambda d: _dose(d).pop("reps"), f"{E}[1]", "got none"),
    (lambda d: (_dose(d).pop("reps"), _dose(d).update(duration_s=60)), f"{E}[1].duration_s",
     "is done as reps"),
    (lambda d: d["cool_down"][0].update(tempo="3-0-1-0"), "cool_down[1].tempo",
     "only an exercise done for reps"),
    (lambda d: d["cool_down"][0].update(progression="double"), "cool_down[1].progression",
     "not done for reps"),
    (lambda d: d["warm_up"][0].update(holds=2), "warm_up[1].holds", "only allowed together"),
    (_set("2.1.1.exercise", "standing-hamstring-stretch"), f"{E}[1].reps", "is done as timed holds"),
    # slugs and the shape of the whole
    (_top("slug", "Test Program"), "slug", "lower-case words"),
    (_top("repeat", True), "maintenance", "not both"),
    (lambda d: d["maintenance"].update(number=11), "maintenance.number", "unknown key"),
]


@pytest.mark.parametrize("mutate, key, message", CASES)
def test_each_problem_names_the_key(catalog: Catalog, mutate: Callable[[dict[str, Any]], None],
                                    key: str, message: str) -> None:
    data = base()
    mutate(data)
    with pytest.raises(ProgramError) as caught:
        load(data, catalog)
    assert caught.value.where == f"{WHERE}: {key}", str(caught.value)
    assert message in caught.value.message
    assert str(caught.value) == f"{WHERE}: {key}: {caught.value.message}"


def test_the_athletes_own_exercises_are_allowed_when_named(catalog: Catalog) -> None:
    data = base()
    _dose(data)["exercise"] = "custom-sled-drag"
    with pytest.raises(ProgramError, match="no exercise"):
        load(data, catalog)
    program = load(data, catalog, custom_slugs={"custom-sled-drag"})
    assert program.weeks[1].days[0].exercises[0].slug == "custom-sled-drag"


def test_an_own_program_needs_only_a_name_and_weeks(catalog: Catalog) -> None:
    data = {"name": "Mine", "weeks": base()["weeks"]}
    program = program_from_dict(data, "your program 'Mine'", catalog, slug="my-mine")
    assert program.custom and program.slug == "my-mine" and program.sources == ()
    assert program.level == "intermediate" and program.summary == ""
    # What it writes back (empty summary, description and sources) reads again.
    assert program_from_dict(program_to_dict(program), "x", catalog, slug="my-mine") == program
    with pytest.raises(ProgramError, match="summary: must not be empty"):
        load({**base(), "summary": ""}, catalog)  # a built-in must say what it is
    # A copy of a built-in keeps the built-in's slug key; the store's slug wins.
    copied = program_to_dict(load(base(), catalog))
    own = program_from_dict(copied, "x", catalog, slug="my-copy")
    assert own.slug == "my-copy" and own.custom
    assert program_from_dict(program_to_dict(own), "x", catalog, slug="my-copy") == own


def test_own_programs_from_the_store_rows(catalog: Catalog) -> None:
    good = {"name": "Old name", "weeks": base()["weeks"]}
    broken = {"name": "Broken", "weeks": [{"number": 1, "sessions": []}]}
    # As the store hands them over: the definition is whatever JSON the row holds.
    rows: list[tuple[str, str, Any]] = [("my-good", "Tuesday", good), ("my-broken", "Broken", broken),
            ("sample-session", "Clash", good), ("my-odd", "Odd", ["not", "a", "table"])]
    result = load_user_programs(rows, catalog, taken={"sample-session"})
    assert [p.slug for p in result.programs] == ["my-good"]
    assert result.programs[0].name == "Tuesday" and result.programs[0].custom
    assert result.problems == (
        "your program 'Broken': weeks[1].sessions: a week needs at least one session",
        "your program 'Clash': slug: 'sample-session' is already taken",
        "your program 'Odd': expected a table, got an array [\"not\", \"a\", \"table\"]",
    )
    assert result.get("my-good") is result.programs[0] and "my-good" in result


# --------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD_TOML = '''
slug = "{slug}"
name = "{name}"
summary = "One line."
description = "A paragraph."
level = "beginner"
sources = ["article-improve-running"]

[[weeks]]
number = 1

[[weeks.sessions]]
name = "Session 1"

[[weeks.sessions.exercises]]
exercise = "glute-bridge"
sets = 2
reps = [12, 15]
rest_s = 60

[[weeks.sessions]]
name = "Session 2"

[[weeks.sessions.exercises]]
exercise = "single-leg-deadlift"
sets = 2
reps = [10, 15]
rest_s = 60

[[weeks.sessions.exercises]]
exercise = "romanian-deadlift"
sets = 3
reps = [10, 8]
rest_s = 120
'''


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    programs = tmp_path / "resources" / "programs"
    programs.mkdir(parents=True)
    return programs


def test_errors_in_files_name_the_file_and_the_nested_key(catalog: Catalog, folder: Path) -> None:
    _write(folder, "heavy.toml", GOOD_TOML.format(slug="heavy", name="Heavy"))
    with pytest.raises(ProgramError) as caught:
        load_programs_strict(folder, catalog)
    assert str(caught.value).startswith(
        "resources/programs/heavy.toml: weeks[1].sessions[2].exercises[2].reps: the low end 10")


def test_a_damaged_file_is_skipped_and_reported_the_rest_load(catalog: Catalog, folder: Path) -> None:
    good = GOOD_TOML.replace("[10, 8]", "[8, 10]")
    _write(folder, "alpha.toml", good.format(slug="alpha", name="Alpha"))
    _write(folder, "beta.toml", good.format(slug="gamma", name="Beta"))
    _write(folder, "delta.toml", "slug = \"delta\"\nname = [unclosed\n")
    _write(folder, "epsilon.toml", good.format(slug="epsilon", name="Epsilon").replace(
        "level = \"beginner\"", "levle = \"beginner\""))
    (folder / "zeta.toml").write_bytes(b"slug = \"zeta\"\nname = \"\xff\"\n")
    _write(folder, "notes.txt", "not a program")
    result = load_programs(folder, catalog)
    assert [p.slug for p in result.programs] == ["alpha"] and not result.ok
    assert len(result.problems) == 4
    beta, delta, epsilon, zeta = result.problems
    assert beta == ("resources/programs/beta.toml: slug: \"gamma\" does not match the file "
                    "name 'beta.toml'")
    assert delta.startswith("resources/programs/delta.toml: TOML syntax error at line 2")
    assert epsilon.startswith("resources/programs/epsilon.toml: levle: unknown key")
    assert zeta.startswith("resources/programs/zeta.toml: not valid UTF-8")
    with pytest.raises(ProgramError) as caught:
        load_programs_strict(folder, catalog)
    assert caught.value.where == "resources/programs/beta.toml: slug"


def test_a_missing_folder_is_a_problem_not_a_crash(catalog: Catalog, tmp_path: Path) -> None:
    result = load_programs(tmp_path / "resources" / "programs", catalog)
    assert result.programs == () and result.problems == (
        "resources/programs: program folder not found",)


def test_loading_every_built_in_program_is_fast(catalog: Catalog) -> None:
    folder = programs_dir(resources_dir())
    load_programs_strict(folder, catalog)  # warm the file cache
    best = float("inf")
    for _ in range(3):
        began = time.perf_counter()
        load_programs_strict(folder, catalog)
        best = min(best, time.perf_counter() - began)
    assert best < 0.030
