"""Every validator, fed anything: it accepts the value or refuses it with its
own error naming what is wrong - never another exception, never a value
outside the rules. (The importers have their own fuzzing in
test_import_fuzz.py; the saved-session file is fuzzed here.)"""

from __future__ import annotations

import json
import math
import tomllib
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.catalog import Catalog, load_catalog_strict
from app.catalog.vocabulary import DoseKind
from app.coaching.loader import program_from_dict
from app.coaching.model import ProgramError
from app.coaching.readiness import ReadinessAnswers, ReadinessError, assess
from app.kernel import i18n
from app.kernel.resources import resources_dir
from app.logbook.custom_exercises import CustomExerciseError, validate_fields
from app.logbook.entries import InvalidEntryError, SetEntry
from app.logbook.settings import SettingError, Settings, check, load_settings
from app.session.plan import PlanItem, SessionPlan
from app.session.saved import load_saved_session

FUZZ = settings(max_examples=200, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# Anything a hand-edited file, an import or a widget could hand over.
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**12, max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=40),
    st.sampled_from(["", " ", "kg", "lb", "both", "left", "right", "working", "warmup", "8",
                     "1e9", "nan", "-0", "Space", "B", "dark", "light"]))
anything = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.tuples(inner, inner),
    st.dictionaries(st.text(max_size=12), inner, max_size=4)), max_leaves=12)

CATALOG: Catalog = load_catalog_strict(resources_dir())
SLUGS = [e.slug for e in CATALOG.exercises]


def _finite_or_none(value: Any) -> bool:
    return value is None or (isinstance(value, int | float) and math.isfinite(value))


@FUZZ
@given(slug=st.one_of(st.sampled_from(SLUGS), anything), number=anything, side=anything,
       reps=anything, load=anything, unit=anything, duration=anything, rpe=anything,
       descent=anything, set_type=anything, notes=anything, distance=anything, rest=anything)
def test_a_set_entry_is_valid_or_refused_by_field(slug: Any, number: Any, side: Any, reps: Any,
                                                  load: Any, unit: Any, duration: Any, rpe: Any,
                                                  descent: Any, set_type: Any, notes: Any,
                                                  distance: Any, rest: Any) -> None:
    try:
        entry = SetEntry(slug, number, side=side, reps=reps, load=load, load_unit=unit,
                         duration_s=duration, rpe=rpe, descent_s=descent, set_type=set_type,
                         notes=notes, distance_m=distance, rest_s=rest)
    except InvalidEntryError as exc:
        assert str(exc)
        return
    for value in (entry.reps, entry.load, entry.duration_s, entry.rpe, entry.distance_m,
                  entry.rest_s):
        assert _finite_or_none(value)
    assert entry.load_unit in ("kg", "lb") and isinstance(entry.notes, str)


@FUZZ
@given(key=st.sampled_from([f.name for f in fields(Settings)] + ["nonsense"]), value=anything)
def test_a_setting_is_checked_or_refused(key: str, value: Any) -> None:
    try:
        stored = check(key, value)
    except SettingError as exc:
        assert key in str(exc)
        return
    # A value that passed builds Settings, and survives a round trip through JSON.
    Settings(**{key: stored})
    assert check(key, json.loads(json.dumps(stored))) == stored


@FUZZ
@given(stored=st.dictionaries(st.sampled_from([f.name for f in fields(Settings)]), anything))
def test_damaged_stored_settings_fall_back_to_the_defaults(stored: dict[str, Any]) -> None:
    loaded = load_settings(lambda key, default: stored.get(key, default))
    for field in fields(Settings):
        check(field.name, getattr(loaded, field.name))  # every value is a valid one


@FUZZ
@given(name=anything, equipment=anything, one_side=anything, category=anything, level=anything,
       steps=anything)
def test_a_custom_exercise_is_valid_or_refused(name: Any, equipment: Any, one_side: Any,
                                               category: Any, level: Any, steps: Any) -> None:
    try:
        validate_fields(name, equipment, one_side, category, level, steps)
    except CustomExerciseError as exc:
        assert exc.field and str(exc)


@FUZZ
@given(soreness=anything, pain=anything, sharp=anything, numb=anything, walk=anything)
def test_readiness_answers_are_valid_or_refused(soreness: Any, pain: Any, sharp: Any, numb: Any,
                                                walk: Any) -> None:
    try:
        answers = ReadinessAnswers(soreness, pain, sharp, numb, walk)
    except ReadinessError as exc:
        assert str(exc)
        return
    assert assess(answers) is not None


def _mutations(data: Any, draw: Any, depth: int = 0) -> Any:
    """``data`` with values replaced, keys dropped or added at random."""
    if isinstance(data, dict):
        out = {}
        for key, value in data.items():
            roll = draw(st.integers(0, 9))
            if roll == 0:
                continue                                   # drop the key
            out[key] = draw(anything) if roll == 1 else _mutations(value, draw, depth + 1)
        if draw(st.integers(0, 9)) == 0:
            out[draw(st.text(max_size=8))] = draw(anything)  # an unknown key
        return out
    if isinstance(data, list):
        items = [_mutations(v, draw, depth + 1) for v in data]
        if items and draw(st.integers(0, 5)) == 0:
            items.pop(draw(st.integers(0, len(items) - 1)))
        return items
    return draw(anything) if draw(st.integers(0, 6)) == 0 else data


# Six programs: fewer examples each, the same number in all.
PROGRAM_FUZZ = settings(FUZZ, max_examples=40)
PROGRAM_FILES = sorted((resources_dir() / "programs").glob("*.toml"))


@pytest.mark.parametrize("path", PROGRAM_FILES, ids=lambda p: p.stem)
@PROGRAM_FUZZ
@given(data=st.data())
def test_a_damaged_program_is_a_program_error(path: Path, data: st.DataObject) -> None:
    original = tomllib.loads(path.read_text(encoding="utf-8"))
    damaged = _mutations(original, data.draw)
    try:
        program_from_dict(damaged, path.name, CATALOG)
    except ProgramError as exc:
        assert path.name in str(exc)


@FUZZ
@given(data=st.data())
def test_a_damaged_plan_is_a_value_error(data: st.DataObject) -> None:
    plan = SessionPlan.of(main=[PlanItem(slug="romanian-deadlift", name="Romanian deadlift",
                                         kind=DoseKind.REPS, sets=3, rest_s=120, reps=(8, 10))])
    damaged = _mutations(plan.to_dict(), data.draw)
    try:
        SessionPlan.from_dict(damaged)
    except ValueError as exc:
        assert str(exc)


@FUZZ
@given(data=st.data())
def test_a_damaged_saved_session_is_not_offered(tmp_path_factory: pytest.TempPathFactory,
                                                data: st.DataObject) -> None:
    """Whatever is in the file, loading it gives a session to resume or None."""
    plan = SessionPlan.of(main=[PlanItem(slug="romanian-deadlift", name="Romanian deadlift",
                                         kind=DoseKind.REPS, sets=3, rest_s=120, reps=(8, 10))])
    payload = {"version": 1, "plan": plan.to_dict(), "session_id": 3, "writing": None,
               "saved_at": "2026-01-05T17:31:02+00:00", "last_set_id": None,
               "snapshot": {"state": "ready", "logged": [], "position":
                            {"item": 0, "set": 1, "side": "both"}}}
    path = tmp_path_factory.mktemp("saved") / "session-in-progress.json"
    path.write_text(json.dumps(_mutations(payload, data.draw), default=str))
    load_saved_session(path)  # no exception: a damaged file is logged and left alone


@FUZZ
@given(text=st.one_of(st.text(max_size=20),
                      st.from_regex(r"-?\d{1,4}([.,]\d{1,3})?", fullmatch=True)))
def test_a_typed_number_is_read_or_refused(text: str) -> None:
    try:
        value = i18n.parse_decimal(text)
    except ValueError:
        return
    assert isinstance(value, float)
