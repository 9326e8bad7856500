"""Tests for the exercise catalog: shipped content, validation errors, search."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.catalog import (
    EQUIPMENT,
    FILTER_GROUPS,
    CatalogError,
    Category,
    Exercise,
    load_catalog,
    load_catalog_strict,
)

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog_strict(RESOURCES)


# --------------------------------------------------------------------------
# The shipped catalog
# --------------------------------------------------------------------------

# slug: (name, category, level, one_side, equipment) - from CONTENT.md's table.
EXPECTED = {
    "nordic-hamstring-curl": (
        "Nordic hamstring curl", "strength", "advanced", "no", {"mat", "anchor"}),
    "romanian-deadlift": (
        "Romanian deadlift", "strength", "intermediate", "no", {"barbell", "dumbbells"}),
    "stiff-leg-deadlift": ("Stiff-leg deadlift", "strength", "advanced", "no", {"barbell"}),
    "single-leg-deadlift": (
        "Single-leg deadlift", "strength", "beginner", "yes", {"bodyweight", "dumbbells"}),
    "glute-bridge": ("Glute bridge", "strength", "beginner", "no", {"mat"}),
    "stability-ball-hamstring-curl": (
        "Stability-ball hamstring curl", "strength", "intermediate", "no", {"stability-ball"}),
    "kettlebell-swing": ("Kettlebell swing", "strength", "intermediate", "no", {"kettlebell"}),
    "good-morning": ("Good morning", "strength", "advanced", "no", {"barbell"}),
    "reverse-lunge": (
        "Reverse lunge", "strength", "beginner", "alternating", {"dumbbells", "kettlebell"}),
    "standing-hamstring-curl": (
        "Standing hamstring curl", "strength", "beginner", "yes", {"leg-curl-machine"}),
    "single-leg-cable-curl": (
        "Single-leg cable curl", "strength", "intermediate", "yes",
        {"cable-machine", "ankle-cuff"}),
    "machine-leg-curl": (
        "Machine leg curl", "strength", "beginner", "no", {"leg-curl-machine"}),
    "single-leg-hinge-to-march": (
        "Single-leg hinge to march", "strength", "intermediate", "yes",
        {"bodyweight", "dumbbells", "kettlebell"}),
    "jump-squat": ("Jump squat", "strength", "advanced", "no", {"bodyweight"}),
    "leg-swings": ("Leg swings", "warmup", "beginner", "yes", {"wall"}),
    "walking-lunges": ("Walking lunges", "warmup", "beginner", "alternating", {"bodyweight"}),
    "light-jog": ("Light jog", "warmup", "beginner", "no", {"bodyweight"}),
    "standing-hamstring-stretch": (
        "Standing hamstring stretch", "mobility", "beginner", "yes", {"bench"}),
    "foam-rolling-hamstrings": (
        "Foam rolling (hamstrings)", "mobility", "beginner", "yes", {"foam-roller"}),
}

HAMSTRINGS = {"biceps femoris", "semitendinosus", "semimembranosus"}
# The articles' own titles (CONTENT.md), one source id each.
ARTICLE_TITLES = {
    "article-run-faster": "Run Faster And Longer With Stronger Hamstrings",
    "article-improve-running": "Improve Running Performance: Hamstring Training Benefits & Techniques",
    "article-upgrade-running": "Upgrade your running: Hamstring exercises for runners",
    "article-why-hamstrings": "Why is Hamstring Strength Important for Runners?",
}


def test_shipped_catalog_has_no_problems():
    result = load_catalog(RESOURCES)
    assert result.problems == ()
    assert result.ok


def test_shipped_catalog_has_exactly_the_content_table(catalog):
    assert len(EXPECTED) == 19
    assert {e.slug for e in catalog.exercises} == set(EXPECTED)


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_shipped_exercise_matches_content_table(catalog, slug):
    name, category, level, one_side, equipment = EXPECTED[slug]
    exercise = catalog.get(slug)
    assert exercise.name == name
    assert exercise.category == category
    assert exercise.level == level
    assert exercise.one_side == one_side
    assert set(exercise.equipment) == equipment
    assert HAMSTRINGS & set(exercise.muscles), "every exercise should work the hamstrings"
    # Every exercise comes from one of the articles (the drill from its own video).
    assert (set(ARTICLE_TITLES) | {"runner-drill"}) & set(exercise.all_source_ids)


def test_exercises_sorted_by_name(catalog):
    names = [e.name.casefold() for e in catalog.exercises]
    assert names == sorted(names)


def test_required_sources_exist(catalog):
    required = {*ARTICLE_TITLES, "runner-drill", "petersen2011", "vandyk2019", "bahr2015", "ripley2021",
                "lacome2020", "drury2021", "acsm2009", "physio-pain-rule"}
    assert required <= set(catalog.sources)
    # The athlete sees the articles' own titles (CONTENT.md), never an internal brief.
    # Each article has its own id, cited by its exact title; the lumped id is gone.
    for source_id, title in ARTICLE_TITLES.items():
        assert catalog.sources[source_id].citation.startswith(f'"{title}"'), source_id
    assert "articles" not in catalog.sources
    assert "RunSmart" in catalog.sources["runner-drill"].citation
    assert catalog.get("single-leg-hinge-to-march").sources == ("runner-drill",)
    for source in catalog.sources.values():
        assert "brief" not in source.citation.lower(), source.citation
    assert "2296" in catalog.sources["petersen2011"].citation


def _rx(catalog, slug):
    return catalog.get(slug).prescription


def test_session_prescriptions(catalog):
    assert (_rx(catalog, "glute-bridge").sets, _rx(catalog, "glute-bridge").reps) == (3, (12, 15))
    ball = _rx(catalog, "stability-ball-hamstring-curl")
    assert (ball.sets, ball.reps) == (3, (10, 12))
    rdl = _rx(catalog, "romanian-deadlift")
    assert (rdl.sets, rdl.reps) == (3, (8, 10))


def test_hinge_to_march_prescription(catalog):
    rx = _rx(catalog, "single-leg-hinge-to-march")
    assert (rx.sets, rx.reps, rx.per_side) == (3, (10, 10), True)
    assert "2-3" in rx.note


def test_stretch_prescription(catalog):
    rx = _rx(catalog, "standing-hamstring-stretch")
    assert rx.kind == "hold"
    assert (rx.hold_s, rx.holds, rx.relax_s, rx.per_side) == (10, 6, 5, True)
    assert "5-10" in rx.note and "5-8" in rx.note


def test_warm_up_prescriptions(catalog):
    swings = _rx(catalog, "leg-swings")
    assert (swings.reps, swings.per_side) == ((15, 15), True)
    jog = _rx(catalog, "light-jog")
    assert (jog.kind, jog.duration_s) == ("duration", 300)
    assert "5 minutes" in jog.note


def test_nordic_prescription(catalog):
    rx = _rx(catalog, "nordic-hamstring-curl")
    assert rx.rest_s == 90
    assert "drury2021" in rx.sources
    assert rx.tempo_seconds is not None and rx.tempo_seconds[0] == 5
    assert "coaching-convention" in rx.sources  # fixed seconds are not a research result
    assert "coaching habit" in rx.note
    assert "1 minute" in catalog.sources["drury2021"].summary
    assert "3 minutes" in catalog.sources["drury2021"].summary
    # Starts low: week 1 of the Petersen programme is 2 x 5.
    assert (rx.sets, rx.reps) == (2, (5, 5))


def test_rest_times_follow_acsm(catalog):
    for slug in ("romanian-deadlift", "stiff-leg-deadlift", "good-morning", "machine-leg-curl"):
        rx = _rx(catalog, slug)
        assert 120 <= rx.rest_s <= 180, slug
        assert "acsm2009" in rx.sources, slug
    for slug in ("glute-bridge", "stability-ball-hamstring-curl", "kettlebell-swing",
                 "reverse-lunge", "single-leg-deadlift", "standing-hamstring-curl",
                 "single-leg-cable-curl"):
        rx = _rx(catalog, slug)
        assert 60 <= rx.rest_s <= 120, slug
        assert "acsm2009" in rx.sources, slug


def _all_text(exercise: Exercise) -> str:
    parts = [exercise.why, *exercise.cues, *exercise.mistakes,
             *(s.text for s in exercise.steps), exercise.prescription.note or ""]
    for v in exercise.easier + exercise.harder:
        parts += [v.name or "", v.how or ""]
    return " ".join(parts).lower()


def test_nordic_technique_and_progressions(catalog):
    nordic = catalog.get("nordic-hamstring-curl")
    text = _all_text(nordic)
    for phrase in ("ankles", "knees to head", "just about to lose control",
                   "catch yourself with your hands", "pull back up"):
        assert phrase in text, phrase
    harder = " ".join(f"{v.name} {v.how}" for v in nordic.harder).lower()
    assert "speed" in harder and "push" in harder and "shoulders" in harder
    assert "12 reps" in harder
    assert "sore" in text  # start low
    assert {"petersen2011", "vandyk2019", "nordic-soreness"} <= set(nordic.sources)


def test_rules_from_the_articles(catalog):
    assert "load on the bar each set" in _rx(catalog, "stiff-leg-deadlift").note.lower()
    curl = catalog.get("machine-leg-curl")
    assert "last" in curl.prescription.note
    assert any("drop set" in (v.name or "").lower() for v in curl.harder)
    standing = _all_text(catalog.get("standing-hamstring-curl"))
    assert "ankle" in standing and "not high on the calf" in standing
    swing = catalog.get("kettlebell-swing")
    assert "hinge, not squat" in swing.why.lower()
    assert "explosive" in catalog.get("jump-squat").why.lower()
    assert "90 degrees" in _all_text(catalog.get("good-morning"))
    bridge = catalog.get("glute-bridge")
    assert any("single-leg" in (v.name or "").lower() for v in bridge.harder)


def test_single_leg_deadlift_variations(catalog):
    names = {v.name for v in catalog.get("single-leg-deadlift").easier
             + catalog.get("single-leg-deadlift").harder}
    assert {"B-stance deadlift", "Single-leg Romanian deadlift",
            "Band single-leg deadlift"} <= names


def test_hinge_to_march_weight_goes_on_lifted_leg_side(catalog):
    march = catalog.get("single-leg-hinge-to-march")
    harder = " ".join(v.how or "" for v in march.harder).lower()
    easier = " ".join(v.how or "" for v in march.easier).lower()
    assert "leg you lift" in harder
    assert "standing-leg side" in easier


def test_variation_slugs_point_into_the_library(catalog):
    for exercise in catalog.exercises:
        for v in exercise.easier + exercise.harder:
            if v.slug is not None:
                assert v.slug in catalog and v.slug != exercise.slug


def test_consecutive_steps_with_different_text_exist_and_poses_are_named(catalog):
    for exercise in catalog.exercises:
        assert 3 <= len(exercise.steps) <= 7
        assert len({s.pose for s in exercise.steps}) >= 2, exercise.slug


def test_every_step_pose_has_its_picture_data(catalog):
    for exercise in catalog.exercises:
        names = {p.name for p in exercise.poses}
        assert {s.pose for s in exercise.steps} <= names, exercise.slug
        for step in exercise.steps:
            assert exercise.pose(step.pose).name == step.pose
        with pytest.raises(KeyError):
            exercise.pose("no-such-pose")


def test_picture_data_is_parsed(catalog):
    nordic = catalog.get("nordic-hamstring-curl")
    kneel = nordic.pose("kneel-upright")
    assert kneel.trunk == 0
    assert kneel.near.knee == kneel.far.knee == 90   # "both" sets each side
    assert kneel.ground == ("near_knee", "far_knee", "near_shin", "far_shin")
    assert {p.kind for p in nordic.figure.props} == {"mat", "partner"}
    assert nordic.steps[1].arrow is not None and nordic.steps[1].arrow.part == "body"
    ball = catalog.get("stability-ball-hamstring-curl").pose("ball-bridge")
    assert ("near_heel", "stability-ball") in {(c.landmark, c.surface) for c in ball.contacts}
    swings = catalog.get("leg-swings")
    assert swings.pose("stand-side-wall-other").facing == -1
    kb = catalog.get("kettlebell-swing").pose("stand-kb-ahead")
    assert kb.prop_attachment("kettlebell") == "floor"


def test_highlight_defaults_to_strength_work(catalog):
    for exercise in catalog.exercises:
        if exercise.figure.highlight is None:
            expected = "both" if exercise.category == "strength" else "none"
            assert {s.highlight for s in exercise.steps} == {expected}, exercise.slug
    march = catalog.get("single-leg-hinge-to-march")
    assert [s.highlight for s in march.steps] == ["far", "far", "far", "near"]


def test_catalog_still_loads_fast():
    import time

    load_catalog(RESOURCES)  # warm the file cache and imports
    times = []
    for _ in range(5):
        started = time.perf_counter()
        load_catalog(RESOURCES)
        times.append(time.perf_counter() - started)
    assert min(times) < 0.05


def test_only_nordics_and_heavy_hinges_are_heavy_hamstring_work(catalog):
    """The 48-hour rule weighs only HEAVY work (app.coaching.recovery):
    bridges and curls are light, warm-ups and stretches none."""
    from app.catalog.model import HamstringStress

    heavy = {e.slug for e in catalog.exercises if e.hamstring_stress is HamstringStress.HEAVY}
    assert heavy == {"nordic-hamstring-curl", "romanian-deadlift", "stiff-leg-deadlift",
                     "good-morning"}
    assert catalog.get("glute-bridge").hamstring_stress is HamstringStress.LIGHT
    assert all(e.hamstring_stress is HamstringStress.NONE for e in catalog.exercises
               if e.category != "strength")


def test_every_filter_group_has_exercises(catalog):
    for group in FILTER_GROUPS:
        assert catalog.in_group(group), group
    bodyweight = {e.slug for e in catalog.in_group("bodyweight only")}
    assert {"nordic-hamstring-curl", "glute-bridge", "jump-squat"} <= bodyweight
    assert "romanian-deadlift" not in bodyweight
    assert {e.slug for e in catalog.in_group("ball")} == {"stability-ball-hamstring-curl"}
    with pytest.raises(ValueError):
        catalog.in_group("spaceship")


def test_equipment_vocabulary():
    assert set(EQUIPMENT) == {
        "bodyweight", "mat", "anchor", "barbell", "dumbbells", "kettlebell",
        "stability-ball", "bench", "box", "leg-curl-machine", "cable-machine",
        "ankle-cuff", "foam-roller", "wall", "band"}
    for item in EQUIPMENT.values():
        assert item.group in FILTER_GROUPS
        assert item.name
    for eq in ("mat", "anchor", "bench", "wall", "box", "foam-roller"):
        assert EQUIPMENT[eq].group == "bodyweight only"


def test_get_unknown_slug_raises_key_error(catalog):
    with pytest.raises(KeyError):
        catalog.get("no-such-exercise")


def test_records_are_frozen(catalog):
    exercise = catalog.get("glute-bridge")
    with pytest.raises(dataclasses.FrozenInstanceError):
        exercise.name = "changed"
    with pytest.raises(dataclasses.FrozenInstanceError):
        exercise.prescription.sets = 9


def test_to_dict_is_json_ready(catalog):
    data = json.loads(json.dumps(catalog.to_dict()))
    assert len(data["exercises"]) == 19
    nordic = next(e for e in data["exercises"] if e["slug"] == "nordic-hamstring-curl")
    assert nordic["prescription"]["reps"] == [5, 5]
    assert nordic["prescription"]["rest_s"] == 90
    assert data["sources"]["petersen2011"]["citation"].startswith("Petersen J")
    assert data["equipment"]["anchor"]["group"] == "bodyweight only"
    assert nordic["poses"]["kneel-upright"]["ground"][0] == "near_knee"
    assert nordic["figure"]["props"][1] == {"kind": "partner", "at": "ankles"}
    assert nordic["steps"][1]["arrow"] == {"part": "body", "way": "down", "side": "near"}


def test_catalog_imports_neither_qt_nor_sqlalchemy():
    code = ("import sys, app.catalog; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'sqlalchemy', "
            "'shiboken6')]; print(bad)")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, check=True, timeout=60)
    assert out.stdout.strip() == "[]"


# --------------------------------------------------------------------------
# Search
# --------------------------------------------------------------------------


def _slugs(exercises):
    return [e.slug for e in exercises]


def test_search_by_name_case_insensitive(catalog):
    assert _slugs(catalog.search("NORDIC")) == ["nordic-hamstring-curl"]
    assert _slugs(catalog.search("good morning")) == ["good-morning"]


def test_search_by_alias(catalog):
    assert _slugs(catalog.search("rdl"))[0] == "romanian-deadlift"
    assert _slugs(catalog.search("Russian curl")) == ["nordic-hamstring-curl"]


def test_search_by_equipment(catalog):
    found = _slugs(catalog.search("kettlebell"))
    assert found[0] == "kettlebell-swing"  # name match first
    assert {"reverse-lunge", "single-leg-hinge-to-march"} <= set(found)
    # Hyphens and spaces are interchangeable; display names count too.
    assert "stability-ball-hamstring-curl" in _slugs(catalog.search("stability ball"))
    assert _slugs(catalog.search("ankle cuff")) == ["single-leg-cable-curl"]


def test_search_by_muscle(catalog):
    found = set(_slugs(catalog.search("Semimembranosus")))
    assert found == set(EXPECTED)
    assert {"reverse-lunge", "jump-squat", "walking-lunges"} <= set(
        _slugs(catalog.search("quadriceps")))
    assert "glute-bridge" in _slugs(catalog.search("glutes"))


def test_search_edge_cases(catalog):
    assert len(catalog.search("   ")) == 19
    assert catalog.search("zumba") == []
    # Every word must match; name matches come before equipment matches.
    assert _slugs(catalog.search("curl machine")) == [
        "machine-leg-curl", "single-leg-cable-curl", "standing-hamstring-curl"]


# --------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------

SOURCES_TOML = """\
[articles]
citation = "Test articles"
summary = "Used by the tests."

[other]
citation = "Another source"
summary = "Also used by the tests."
"""


def exercise_toml(slug: str, name: str | None = None) -> str:
    name = name or slug.replace("-", " ").capitalize()
    return textwrap.dedent(f"""\
        slug = "{slug}"
        name = "{name}"
        aliases = []
        category = "strength"
        hamstring_stress = "light"
        equipment = ["mat"]
        level = "beginner"
        one_side = "no"
        muscles = ["biceps femoris"]
        why = "It helps."
        cues = ["Cue one", "Cue two"]
        mistakes = ["Mistake one", "Mistake two"]
        sources = ["articles"]

        [[steps]]
        text = "First step."
        pose = "pose-a"

        [[steps]]
        text = "Second step."
        pose = "pose-b"

        [[steps]]
        text = "Third step."
        pose = "pose-a"

        [figure]
        props = [{{ kind = "mat" }}]

        [poses.pose-a]
        ground = ["near_foot", "far_foot"]

        [poses.pose-b]
        trunk = 45
        both = {{ hip = 60, knee = 20 }}
        ground = ["near_foot", "far_foot"]

        [poses.pose-c]
        air = 0.1

        [prescription]
        sets = 3
        reps = [8, 10]
        rest_s = 60
        source = "articles"
        """)


@pytest.fixture
def resources(tmp_path):
    res = tmp_path / "resources"
    (res / "exercises").mkdir(parents=True)
    (res / "sources.toml").write_text(SOURCES_TOML, encoding="utf-8")
    (res / "exercises" / "good-one.toml").write_text(exercise_toml("good-one"),
                                                     encoding="utf-8")
    return res


def test_minimal_fixture_is_valid(resources):
    catalog = load_catalog_strict(resources)
    assert _slugs(catalog.exercises) == ["good-one"]


STEP = '[[steps]]\ntext = "Another step."\npose = "pose-c"\n\n'
BAD_CASES = {
    # id: (how to damage the text, expected key, expected words in the message)
    "unknown key": (lambda t: 'colour = "red"\n' + t, "colour", "unknown key"),
    "unknown nested key": (lambda t: t + "repz = 4\n", "prescription.repz", "unknown key"),
    "unknown step key": (lambda t: t.replace('pose = "pose-b"', 'pose = "pose-b"\nimage = 1'),
                         "steps[2].image", "unknown key"),
    "missing field": (lambda t: t.replace('why = "It helps."\n', ""), "why",
                      "missing required key"),
    "missing prescription field": (lambda t: t.replace("rest_s = 60\n", ""),
                                   "prescription.rest_s", "missing required key"),
    "wrong type string for int": (lambda t: t.replace("sets = 3", 'sets = "three"'),
                                  "prescription.sets", 'expected an integer, got a string'),
    "wrong type bool for int": (lambda t: t.replace("sets = 3", "sets = true"),
                                "prescription.sets", "expected an integer, got a boolean"),
    "wrong type list for string": (lambda t: t.replace('why = "It helps."', 'why = ["x"]'),
                                   "why", "expected a string"),
    "bad category": (lambda t: t.replace('"strength"', '"cardio"'), "category",
                     'got "cardio"'),
    "bad level": (lambda t: t.replace('"beginner"', '"expert"'), "level", "expected one of"),
    "missing hamstring stress": (lambda t: t.replace('hamstring_stress = "light"\n', ""),
                                 "hamstring_stress", "missing required key"),
    "bad hamstring stress": (lambda t: t.replace('"light"', '"medium"'), "hamstring_stress",
                             'expected one of "heavy", "light", "none", got "medium"'),
    "bad one_side": (lambda t: t.replace('one_side = "no"', 'one_side = "left"'),
                     "one_side", "expected one of"),
    "bad equipment": (lambda t: t.replace('["mat"]', '["mat", "treadmill"]'),
                      "equipment[2]", 'got "treadmill"'),
    "empty equipment": (lambda t: t.replace('["mat"]', "[]"), "equipment", "must not be empty"),
    "reps min > max": (lambda t: t.replace("[8, 10]", "[10, 8]"), "prescription.reps",
                       "expected [min, max] with 1 <= min <= max, got [10, 8]"),
    "reps zero": (lambda t: t.replace("[8, 10]", "[0, 8]"), "prescription.reps",
                  "1 <= min <= max"),
    "too few steps": (lambda t: t.replace('[[steps]]\ntext = "Third step."\npose = "pose-a"\n',
                                          ""), "steps", "expected 3-7 steps, got 2"),
    "too many steps": (lambda t: t.replace("[prescription]", STEP * 5 + "[prescription]"),
                       "steps", "expected 3-7 steps, got 8"),
    "bad pose name": (lambda t: t.replace('"pose-b"', '"Pose B"'), "steps[2].pose",
                      "lower-case"),
    "two sentences max": (lambda t: t.replace('"Second step."', '"One. Two. Three."'),
                          "steps[2].text", "at most 2 sentences"),
    "too few cues": (lambda t: t.replace('["Cue one", "Cue two"]', '["Cue one"]'), "cues",
                     "expected 2-6 items, got 1"),
    "unknown source id": (lambda t: t.replace('sources = ["articles"]',
                                              'sources = ["articles", "nope"]'),
                          "sources[2]", 'unknown source id "nope"'),
    "unknown source in a source list": (
        lambda t: t.replace('source = "articles"', 'source = ["articles", "nope"]'),
        "prescription.source[2]", 'unknown source id "nope"'),
    "source of the wrong type": (lambda t: t.replace('source = "articles"', "source = 5"),
                                 "prescription.source", "expected a source id"),
    "unknown prescription source": (lambda t: t.replace('source = "articles"',
                                                        'source = "nope"'),
                                    "prescription.source", 'unknown source id "nope"'),
    "two dose kinds": (lambda t: t.replace("rest_s = 60", "rest_s = 60\nduration_s = 30"),
                       "prescription", "exactly one of"),
    "hold without holds": (lambda t: t.replace("reps = [8, 10]", "hold_s = 10"),
                           "prescription.holds", "missing required key"),
    "tempo with X": (lambda t: t.replace("rest_s = 60", 'rest_s = 60\ntempo = "X-0-1-0"'),
                     "prescription.tempo", "each 0-10"),
    "tempo out of range": (lambda t: t.replace("rest_s = 60", 'rest_s = 60\ntempo = "12-0-1-0"'),
                           "prescription.tempo", "each 0-10"),
    "per_side on a two-sided exercise": (
        lambda t: t.replace("rest_s = 60", "rest_s = 60\nper_side = true"),
        "prescription.per_side", 'one_side = "no"'),
    "negative rest": (lambda t: t.replace("rest_s = 60", "rest_s = -5"), "prescription.rest_s",
                      "from 0 to"),
    "variation with slug and name": (
        lambda t: t + '\n[[easier]]\nslug = "good-one"\nname = "X"\nhow = "Y"\n',
        "easier[1]", "not both"),
    "named variation without how": (lambda t: t + '\n[[harder]]\nname = "Heavier"\n',
                                    "harder[1].how", "missing required key"),
    "multi-line text": (lambda t: t.replace('"It helps."', '"""It\nhelps."""'), "why",
                        "single line"),
    # The picture data
    "step pose not defined": (lambda t: t.replace('pose = "pose-b"', 'pose = "pose-z"'),
                              "steps[2].pose", 'no pose "pose-z" in this file'),
    "unknown pose key": (lambda t: t.replace("trunk = 45", "trunk = 45\ntilt = 3"),
                         "poses.pose-b.tilt", "unknown key"),
    "unknown joint": (lambda t: t.replace("hip = 60,", "hip = 60, wrist2 = 1,"),
                      "poses.pose-b.both.wrist2", "unknown key"),
    "angle out of range": (lambda t: t.replace("knee = 20", "knee = 200"),
                           "poses.pose-b.both.knee", "expected 0 to 165, got 200"),
    "trunk out of range": (lambda t: t.replace("trunk = 45", "trunk = 900"),
                           "poses.pose-b.trunk", "expected -180 to 180"),
    "angle of the wrong type": (lambda t: t.replace("trunk = 45", 'trunk = "45"'),
                                "poses.pose-b.trunk", "expected a number"),
    "unknown body point": (lambda t: t.replace('["near_foot", "far_foot"]\n\n[poses.pose-b]',
                                               '["near_foot", "elbow"]\n\n[poses.pose-b]'),
                           "poses.pose-a.ground[2]", "expected a body point"),
    "pose resting on nothing": (lambda t: t.replace("air = 0.1", "trunk = 5"),
                                "poses.pose-c", "give 'ground'"),
    "floating pose with contacts": (
        lambda t: t.replace("trunk = 45", "trunk = 45\nair = 0.2"),
        "poses.pose-b.air", "cannot float"),
    "rests on a prop not in the picture": (
        lambda t: t.replace("trunk = 45", 'trunk = 45\non = { near_heel = "bench" }'),
        "poses.pose-b.on.near_heel", 'got "bench"'),
    "unknown figure key": (lambda t: t.replace("[figure]\n", "[figure]\ncolour = 1\n"),
                           "figure.colour", "unknown key"),
    "unknown prop": (lambda t: t.replace('[{ kind = "mat" }]', '["mat", "trampoline"]'),
                     "figure.props[2]", 'got "trampoline"'),
    "bad prop attachment": (
        lambda t: t.replace('{ kind = "mat" }', '{ kind = "barbell", at = "feet" }'),
        "figure.props[1].at", 'got "feet"'),
    "unknown arrow": (lambda t: t.replace('pose = "pose-b"', 'pose = "pose-b"\narrow = "hips-left"'),
                      "steps[2].arrow", '"<part>-<way>"'),
    "unknown arrow key": (
        lambda t: t.replace('pose = "pose-b"',
                            'pose = "pose-b"\narrow = { part = "hips", way = "up", by = 2 }'),
        "steps[2].arrow.by", "unknown key"),
    "bad highlight": (lambda t: t.replace('pose = "pose-b"', 'pose = "pose-b"\nhighlight = "left"'),
                      "steps[2].highlight", 'got "left"'),
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_bad_exercise_is_reported_and_skipped(resources, case):
    damage, key, words = BAD_CASES[case]
    bad = resources / "exercises" / "bad-one.toml"
    bad.write_text(damage(exercise_toml("bad-one")), encoding="utf-8")

    result = load_catalog(resources)

    assert len(result.problems) == 1, result.problems
    message = result.problems[0]
    assert message.startswith(f"resources/exercises/bad-one.toml: key '{key}': "), message
    assert words in message
    assert _slugs(result.catalog.exercises) == ["good-one"]  # the good file still loads

    with pytest.raises(CatalogError) as raised:
        load_catalog_strict(resources)
    assert raised.value.path == "resources/exercises/bad-one.toml"
    assert raised.value.key == key
    assert isinstance(raised.value, ValueError)


def test_an_exercise_file_saying_warm_up_the_old_way_loads_as_warmup(resources):
    # Schema v10 (issue 17): one spelling, "warmup"; a file written before says "warm-up".
    text = exercise_toml("old-warm-up").replace('category = "strength"', 'category = "warm-up"')
    (resources / "exercises" / "old-warm-up.toml").write_text(text, encoding="utf-8")
    result = load_catalog(resources)
    assert result.ok, result.errors
    assert result.catalog.get("old-warm-up").category is Category.WARM_UP
    assert result.catalog.get("old-warm-up").category == "warmup"


def test_shipped_files_spell_a_warm_up_once():
    # The spelling written today is the only one in the shipped files.
    files = sorted((RESOURCES / "exercises").glob("*.toml"))
    said = [line for f in files for line in f.read_text(encoding="utf-8").splitlines()
            if line.startswith("category = ")]
    assert 'category = "warm-up"' not in said and said.count('category = "warmup"') == 3


def test_slug_must_match_file_name(resources):
    (resources / "exercises" / "bad-one.toml").write_text(exercise_toml("other-name"),
                                                          encoding="utf-8")
    result = load_catalog(resources)
    assert result.problems == (
        "resources/exercises/bad-one.toml: key 'slug': \"other-name\" does not match "
        "the file name 'bad-one.toml'",)
    assert _slugs(result.catalog.exercises) == ["good-one"]


def test_duplicate_name_is_reported(resources):
    (resources / "exercises" / "zz-copy.toml").write_text(
        exercise_toml("zz-copy", name="Good one"), encoding="utf-8")
    result = load_catalog(resources)
    assert len(result.problems) == 1
    assert result.problems[0].startswith("resources/exercises/zz-copy.toml: key 'name': "
                                         "duplicate name")
    assert _slugs(result.catalog.exercises) == ["good-one"]


def test_unknown_variation_slug(resources):
    text = exercise_toml("bad-one") + '\n[[harder]]\nslug = "no-such-move"\n'
    (resources / "exercises" / "bad-one.toml").write_text(text, encoding="utf-8")
    result = load_catalog(resources)
    assert result.problems == (
        "resources/exercises/bad-one.toml: key 'harder[1].slug': no exercise with slug "
        "'no-such-move' in the library",)
    assert _slugs(result.catalog.exercises) == ["good-one"]


def test_variation_slugs_resolve_across_files(resources):
    text = exercise_toml("bad-one") + '\n[[easier]]\nslug = "good-one"\n'
    (resources / "exercises" / "bad-one.toml").write_text(text, encoding="utf-8")
    catalog = load_catalog_strict(resources)
    assert catalog.get("bad-one").easier[0].slug == "good-one"


def test_skipping_cascades_to_exercises_that_point_at_a_skipped_one(resources):
    # a -> b -> (missing). b is skipped, then a, which now points at nothing.
    a = exercise_toml("a-move") + '\n[[easier]]\nslug = "b-move"\n'
    b = exercise_toml("b-move") + '\n[[easier]]\nslug = "missing-move"\n'
    (resources / "exercises" / "a-move.toml").write_text(a, encoding="utf-8")
    (resources / "exercises" / "b-move.toml").write_text(b, encoding="utf-8")
    result = load_catalog(resources)
    assert len(result.problems) == 2
    assert result.problems[0].startswith("resources/exercises/b-move.toml: key 'easier[1].slug'")
    assert result.problems[1].startswith("resources/exercises/a-move.toml: key 'easier[1].slug'")
    assert "skipped" in result.problems[1]
    assert _slugs(result.catalog.exercises) == ["good-one"]


def test_toml_syntax_error_names_file_and_line(resources):
    text = exercise_toml("bad-one").replace('aliases = []', 'aliases = [', 1)
    lines = exercise_toml("bad-one").splitlines()
    assert lines[2] == "aliases = []"
    (resources / "exercises" / "bad-one.toml").write_text(text, encoding="utf-8")
    result = load_catalog(resources)
    assert len(result.problems) == 1
    message = result.problems[0]
    assert message.startswith("resources/exercises/bad-one.toml: TOML syntax error at line ")
    assert _slugs(result.catalog.exercises) == ["good-one"]
    with pytest.raises(CatalogError) as raised:
        load_catalog_strict(resources)
    assert raised.value.line is not None and raised.value.line >= 3
    assert raised.value.key is None


def test_toml_syntax_error_on_a_given_line(resources):
    text = 'slug = "bad-one"\nname = "Bad"\nthis is not toml\n'
    (resources / "exercises" / "bad-one.toml").write_text(text, encoding="utf-8")
    result = load_catalog(resources)
    assert result.problems[0].startswith(
        "resources/exercises/bad-one.toml: TOML syntax error at line 3, column")
    assert result.errors[0].line == 3


def test_unknown_key_in_sources_file(resources):
    (resources / "sources.toml").write_text(
        SOURCES_TOML + '\n[third]\ncitation = "C"\nsummary = "S"\nurl = "http://x"\n',
        encoding="utf-8")
    result = load_catalog(resources)
    assert result.problems == (
        "resources/sources.toml: key 'third.url': unknown key (allowed here: citation, "
        "summary)",)
    assert set(result.catalog.sources) == {"articles", "other"}
    assert _slugs(result.catalog.exercises) == ["good-one"]


def test_missing_sources_file_fails_every_exercise(resources):
    (resources / "sources.toml").unlink()
    result = load_catalog(resources)
    assert result.problems[0] == "resources/sources.toml: file not found"
    assert "key 'sources[1]': unknown source id" in result.problems[1]
    assert len(result.catalog) == 0


def test_missing_exercise_folder(tmp_path):
    res = tmp_path / "resources"
    res.mkdir()
    (res / "sources.toml").write_text(SOURCES_TOML, encoding="utf-8")
    result = load_catalog(res)
    assert result.problems == ("resources/exercises: exercise folder not found",)
    with pytest.raises(CatalogError):
        load_catalog_strict(res)


def test_several_bad_files_each_get_one_message(resources):
    exercises = resources / "exercises"
    (exercises / "bad-a.toml").write_text(exercise_toml("bad-a").replace("[8, 10]", "[9, 2]"),
                                          encoding="utf-8")
    (exercises / "bad-b.toml").write_text("= broken", encoding="utf-8")
    (exercises / "bad-c.toml").write_text(
        exercise_toml("bad-c").replace('level = "beginner"', "level = 3"), encoding="utf-8")
    result = load_catalog(resources)
    assert [p.split(":")[0] for p in result.problems] == [
        "resources/exercises/bad-a.toml", "resources/exercises/bad-b.toml",
        "resources/exercises/bad-c.toml"]
    assert _slugs(result.catalog.exercises) == ["good-one"]
