"""The readiness check (app.coaching.readiness): the level for each kind of
answer, the texts, validation, the stored form and the questions."""

from __future__ import annotations

import json
import tomllib
from dataclasses import fields
from itertools import product
from typing import Any

import pytest

from app.coaching.readiness import (
    EASY_SORENESS,
    LEVELS,
    PAIN_LEVELS,
    QUESTIONS,
    REST_SORENESS,
    GuidanceLevel,
    PainLevel,
    ReadinessAnswers,
    ReadinessError,
    assess,
    stored_run_pain,
    stored_soreness,
)
from app.kernel.paths import AppPaths
from app.kernel.resources import resources_dir
from app.storage.queries import LogReader


def answers(soreness: int = 0, pain: str = "none", sharp: bool = False, numb: bool = False,
            walk: bool = True, run: str | None = None) -> ReadinessAnswers:
    return ReadinessAnswers(soreness=soreness, pain=PainLevel(pain), sharp_pain=sharp,
                            numbness=numb, can_walk=walk,
                            run_pain=None if run is None else PainLevel(run))


@pytest.mark.parametrize(("given", "level"), [
    (answers(), "go"),
    (answers(soreness=1), "go"),
    (answers(soreness=EASY_SORENESS - 1), "go"),
    (answers(soreness=EASY_SORENESS), "easy"),
    (answers(soreness=REST_SORENESS - 1), "easy"),
    (answers(soreness=REST_SORENESS), "rest"),
    (answers(soreness=10), "rest"),
    (answers(soreness=10, pain="mild"), "rest"),
    (answers(run="mild"), "go"),
    (answers(soreness=EASY_SORENESS, run="mild"), "easy"),
    (answers(run="more"), "stop"),
    (answers(soreness=REST_SORENESS, run="more"), "stop"),
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


@pytest.mark.parametrize(("soreness", "pain", "sharp", "numb", "walk", "run"), list(product(
    (0, 2, EASY_SORENESS - 1, EASY_SORENESS, REST_SORENESS - 1, REST_SORENESS, 10), PAIN_LEVELS,
    (False, True), (False, True), (True, False), (None, *PAIN_LEVELS))))
def test_every_combination_follows_the_rules_and_is_never_a_diagnosis(
        soreness: int, pain: str, sharp: bool, numb: bool, walk: bool, run: str | None) -> None:
    guidance = assess(answers(soreness, pain, sharp, numb, walk, run))
    red_flag = sharp or numb or not walk or pain == "more" or run == "more"
    if red_flag:
        expected = "stop"
    elif soreness >= REST_SORENESS:
        expected = "rest"
    elif pain == "mild" or soreness >= EASY_SORENESS:
        expected = "easy"
    else:
        expected = "go"
    assert guidance.level == expected
    assert guidance.level in LEVELS
    assert guidance.holds_back_heavy_work == (expected in ("rest", "stop"))
    assert ("mild pain during or after a run" in guidance.text) == (run == "mild" and not red_flag)
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


def test_run_pain_above_3_4_is_a_red_flag_like_leg_pain() -> None:
    guidance = assess(answers(run="more"))
    assert guidance.level is GuidanceLevel.STOP
    assert "pain above about 3-4 out of 10 during or after a run" in guidance.text


def test_soreness_from_7_offers_rest_or_a_low_impact_day_first() -> None:
    guidance = assess(answers(soreness=REST_SORENESS))
    assert guidance.level is GuidanceLevel.REST
    assert guidance.title == "A rest day, or a low-impact one"
    assert "Soreness of 7 out of 10" in guidance.text and "swimming or cycling" in guidance.text
    assert "article-improve-running" in guidance.sources


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
    for given in (answers(), answers(soreness=6), answers(soreness=7), answers(pain="mild"),
                  answers(sharp=True), answers(run="mild")):
        assert set(assess(given).sources) <= known


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"soreness": -1}, "soreness"),
    ({"soreness": 11}, "soreness"),
    ({"soreness": 3.5}, "soreness"),
    ({"soreness": True}, "soreness"),
    ({"soreness": "5"}, "soreness"),
    ({"pain": "severe"}, "pain"),
    ({"pain": None}, "pain"),
    ({"run_pain": "lots"}, "run_pain"),
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
    given = answers(soreness=4, pain="mild", sharp=False, numb=True, walk=False, run="mild")
    stored = given.to_dict()
    assert stored == {"version": 2, "soreness": 4, "pain": "mild", "sharp_pain": False,
                      "numbness": True, "can_walk": False, "run_pain": "mild"}
    assert ReadinessAnswers.from_dict(json.loads(json.dumps(stored))) == given
    assert answers().to_dict()["run_pain"] is None  # not asked: stored as not asked


def test_version_1_answers_still_read_with_no_run_pain() -> None:
    version_1 = {"version": 1, "soreness": 6, "pain": "none", "sharp_pain": False,
                 "numbness": False, "can_walk": True}
    read = ReadinessAnswers.from_dict(version_1)
    assert read.soreness == 6 and read.run_pain is None
    assert stored_run_pain(version_1) is None
    assert stored_run_pain(answers(run="more").to_dict()) is PainLevel.MORE
    assert stored_run_pain({**answers().to_dict(), "run_pain": "awful"}) is None


def test_reading_back_checks_the_version_and_the_answers() -> None:
    good = answers(soreness=3).to_dict()
    older = {k: v for k, v in good.items() if k != "can_walk"}
    assert ReadinessAnswers.from_dict(older).can_walk is True
    for version in (None, 3, "1", True):
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
    assert labels[REST_SORENESS] == f"{REST_SORENESS} - really uncomfortable"
    pain = next(q for q in QUESTIONS if q.key == "pain")
    assert [o.value for o in pain.options] == list(PAIN_LEVELS)
