"""The readiness check (app.programs.readiness): the level for each kind of
answer, the texts, validation, the stored form and the questions."""

from __future__ import annotations

import json
import tomllib
from dataclasses import fields
from itertools import product
from typing import Any

import pytest

from app.paths import AppPaths
from app.programs.readiness import (
    EASY_SORENESS,
    LEVELS,
    PAIN_LEVELS,
    QUESTIONS,
    ReadinessAnswers,
    ReadinessError,
    assess,
    stored_soreness,
)
from app.resources import resources_dir
from app.storage.queries import LogReader


def answers(soreness: int = 0, pain: str = "none", sharp: bool = False, numb: bool = False,
            walk: bool = True) -> ReadinessAnswers:
    return ReadinessAnswers(soreness=soreness, pain=pain, sharp_pain=sharp, numbness=numb,
                            can_walk=walk)


@pytest.mark.parametrize(("given", "level"), [
    (answers(), "go"),
    (answers(soreness=1), "go"),
    (answers(soreness=EASY_SORENESS - 1), "go"),
    (answers(soreness=EASY_SORENESS), "easy"),
    (answers(soreness=10), "easy"),
    (answers(pain="mild"), "easy"),
    (answers(soreness=3, pain="mild"), "easy"),
    (answers(pain="more"), "stop"),
    (answers(sharp=True), "stop"),
    (answers(numb=True), "stop"),
    (answers(walk=False), "stop"),
    (answers(soreness=2, pain="mild", sharp=True), "stop"),
    (answers(soreness=9, pain="none", numb=True), "stop"),
    (answers(soreness=0, pain="none", sharp=True, numb=True, walk=False), "stop"),
])
def test_each_kind_of_answer_gets_its_level(given: ReadinessAnswers, level: str) -> None:
    assert assess(given).level == level


@pytest.mark.parametrize(("soreness", "pain", "sharp", "numb", "walk"), list(product(
    (0, 2, EASY_SORENESS - 1, EASY_SORENESS, 7, 10), PAIN_LEVELS, (False, True), (False, True),
    (True, False))))
def test_every_combination_follows_the_rules_and_is_never_a_diagnosis(
        soreness: int, pain: str, sharp: bool, numb: bool, walk: bool) -> None:
    guidance = assess(answers(soreness, pain, sharp, numb, walk))
    red_flag = sharp or numb or not walk or pain == "more"
    if red_flag:
        expected = "stop"
    elif pain == "mild" or soreness >= EASY_SORENESS:
        expected = "easy"
    else:
        expected = "go"
    assert guidance.level == expected
    assert guidance.level in LEVELS
    assert "not a diagnosis" in guidance.text
    assert guidance.title and guidance.sources
    assert "physio-pain-rule" in guidance.sources


def test_stop_names_every_red_flag_and_sends_to_a_clinician() -> None:
    guidance = assess(answers(sharp=True, numb=True, walk=False))
    assert guidance.title == "Stop for today and see a clinician"
    assert ("You reported sharp, electric or spreading pain, numbness or tingling and trouble "
            "walking a few steps without real pain.") in guidance.text
    assert "physiotherapist or doctor" in guidance.text
    assert "3-4 out of 10" in assess(answers(pain="more")).text


def test_easy_suggests_low_impact_work_and_the_pain_rule() -> None:
    sore = assess(answers(soreness=6))
    assert "Soreness of 6 out of 10" in sore.text
    assert "swimming or cycling" in sore.text
    painful = assess(answers(pain="mild"))
    assert "swimming or cycling" in painful.text
    for words in ("3-4 out of 10", "does not climb", "settles afterwards", "next morning"):
        assert words in painful.text


def test_go_says_train_as_planned() -> None:
    guidance = assess(answers(soreness=2))
    assert guidance.title == "Train as planned"
    assert guidance.text.startswith("Mild soreness like this is normal, and no pain")
    assert assess(answers()).text.startswith("No soreness, and no pain")


def test_every_source_id_is_in_the_sources_file() -> None:
    known = set(tomllib.loads((resources_dir() / "sources.toml").read_text(encoding="utf-8")))
    for given in (answers(), answers(soreness=7), answers(pain="mild"), answers(sharp=True)):
        assert set(assess(given).sources) <= known


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"soreness": -1}, "soreness"),
    ({"soreness": 11}, "soreness"),
    ({"soreness": 3.5}, "soreness"),
    ({"soreness": True}, "soreness"),
    ({"soreness": "5"}, "soreness"),
    ({"pain": "severe"}, "pain"),
    ({"pain": None}, "pain"),
    ({"sharp_pain": "yes"}, "sharp_pain"),
    ({"numbness": 1}, "numbness"),
    ({"can_walk": None}, "can_walk"),
])
def test_bad_answers_are_refused_naming_the_question(kwargs: dict[str, Any], field: str) -> None:
    values: dict[str, Any] = {"soreness": 0, "pain": "none", "sharp_pain": False,
                              "numbness": False, "can_walk": True, **kwargs}
    with pytest.raises(ReadinessError) as caught:
        ReadinessAnswers(**values)
    assert caught.value.field == field


def test_the_stored_form_has_a_version_and_reads_back() -> None:
    given = answers(soreness=4, pain="mild", sharp=False, numb=True, walk=False)
    stored = given.to_dict()
    assert stored == {"version": 1, "soreness": 4, "pain": "mild", "sharp_pain": False,
                      "numbness": True, "can_walk": False}
    assert ReadinessAnswers.from_dict(json.loads(json.dumps(stored))) == given


def test_reading_back_checks_the_version_and_the_answers() -> None:
    good = answers(soreness=3).to_dict()
    older = {k: v for k, v in good.items() if k != "can_walk"}
    assert ReadinessAnswers.from_dict(older).can_walk is True
    for version in (None, 2, "1", True):
        with pytest.raises(ReadinessError) as caught:
            ReadinessAnswers.from_dict({**good, "version": version})
        assert caught.value.field == "version"
    with pytest.raises(ReadinessError) as caught:
        ReadinessAnswers.from_dict({k: v for k, v in good.items() if k != "pain"})
    assert caught.value.field == "pain"
    with pytest.raises(ReadinessError):
        ReadinessAnswers.from_dict({**good, "soreness": 12})
    with pytest.raises(ReadinessError):
        ReadinessAnswers.from_dict(["not", "a", "mapping"])  # type: ignore[arg-type]


def test_stored_soreness_reads_what_it_can_and_never_guesses() -> None:
    assert stored_soreness(answers(soreness=6).to_dict()) == 6
    assert stored_soreness(None) is None
    assert stored_soreness({"soreness": 6}) is None  # no version: not our answers
    assert stored_soreness({**answers().to_dict(), "soreness": "lots"}) is None


def test_answers_travel_with_the_session_through_the_database(store: Any, paths: AppPaths) -> None:
    given = answers(soreness=5, pain="mild")
    record = store.start_session(title="Hamstrings", readiness=given.to_dict())
    reader = LogReader(paths.database)
    try:
        stored = reader.get_session(record.id)
    finally:
        reader.close()
    assert stored is not None and stored.readiness is not None
    assert ReadinessAnswers.from_dict(stored.readiness) == given


def test_the_questions_fill_every_answer_with_valid_options() -> None:
    keys = [q.key for q in QUESTIONS]
    assert keys == [f.name for f in fields(ReadinessAnswers)]
    for question in QUESTIONS:
        assert question.text.endswith("?") and question.help
        assert question.kind in ("scale", "choice", "yes-no")
        assert question.default in [o.value for o in question.options]
        assert all(o.label for o in question.options)
        for option in question.options:  # every option makes a valid answer
            ReadinessAnswers(**{**answers().__dict__, question.key: option.value})
    defaults = ReadinessAnswers(**{q.key: q.default for q in QUESTIONS})
    assert assess(defaults).level == "go"


def test_the_soreness_scale_is_anchored_at_the_easy_threshold() -> None:
    soreness = next(q for q in QUESTIONS if q.key == "soreness")
    assert [o.value for o in soreness.options] == list(range(11))
    labels = {o.value: o.label for o in soreness.options}
    assert labels[EASY_SORENESS] == f"{EASY_SORENESS} - it changes how I move"
    assert "move normally" in labels[EASY_SORENESS - 1]
    pain = next(q for q in QUESTIONS if q.key == "pain")
    assert [o.value for o in pain.options] == list(PAIN_LEVELS)
