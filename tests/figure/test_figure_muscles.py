"""The step pictures colour the muscles each exercise lists, where they are."""

from __future__ import annotations

import pytest

from app.catalog import load_catalog_strict
from app.catalog.scene import build_scene
from app.figure.drawing import MUSCLE_OUTLINE, SMOOTH, leg_muscles, person, trunk_muscles
from app.figure.kinematics import front_of
from app.figure.muscles import LEG_MUSCLES, MUSCLE_WORDS, NOT_DRAWN, Muscle, drawn_muscles
from app.figure.placement import place
from app.figure.pose import Contact, Limbs, Pose
from app.kernel.resources import resources_dir

CATALOG = load_catalog_strict(resources_dir())
STAND = place(Pose("stand", near=Limbs(hip=30, knee=40), far=Limbs(hip=-10, knee=10),
                   contacts=(Contact("far_foot"),))).skeleton


def _fills(shapes, role):
    return [s for s in shapes if s.fill == role]


def test_every_muscle_an_exercise_names_is_drawn_or_knowingly_not():
    for exercise in CATALOG.exercises:
        for name in exercise.muscles:
            assert name.lower() in MUSCLE_WORDS or name.lower() in NOT_DRAWN, (exercise.slug, name)


@pytest.mark.parametrize(("slug", "expected"), [
    ("nordic-hamstring-curl", {Muscle.HAMSTRINGS}),
    ("good-morning", {Muscle.HAMSTRINGS, Muscle.GLUTES, Muscle.LOWER_BACK}),
    ("jump-squat", {Muscle.HAMSTRINGS, Muscle.GLUTES, Muscle.QUADRICEPS, Muscle.CALVES}),
    ("leg-swings", {Muscle.HAMSTRINGS}),  # "hip flexors" has no honest place in a side view
])
def test_a_step_picture_colours_the_muscles_its_exercise_lists(slug, expected):
    exercise = CATALOG.get(slug)
    assert drawn_muscles(exercise.muscles) == expected
    for i in range(len(exercise.steps)):
        assert build_scene(exercise, i).muscles == expected


def test_each_group_is_one_band_on_its_side_of_the_bone():
    groups = frozenset(Muscle)
    shapes = person(STAND, "near", muscles=groups)
    # Three leg groups on the near leg, glutes and lower back on the trunk.
    assert len(_fills(shapes, "highlight")) == len(LEG_MUSCLES) + 2
    assert not _fills(shapes, "highlight_far")

    hip, knee = STAND["hip"], STAND["near_knee"]
    front = front_of(STAND.angles["near_thigh"])

    def side(band):
        cx = sum(x for x, _ in band) / len(band) - (hip[0] + knee[0]) / 2
        cy = sum(y for _, y in band) / len(band) - (hip[1] + knee[1]) / 2
        return cx * front[0] + cy * front[1]

    hamstrings = leg_muscles(STAND, "near", frozenset({Muscle.HAMSTRINGS}))[0]
    quadriceps = leg_muscles(STAND, "near", frozenset({Muscle.QUADRICEPS}))[0]
    assert side(hamstrings) < 0 < side(quadriceps)  # back of the thigh; front of it
    calves = leg_muscles(STAND, "near", frozenset({Muscle.CALVES}))[0]
    assert max(y for _, y in calves) < knee[1]        # below the knee
    back = trunk_muscles(STAND, frozenset({Muscle.LOWER_BACK}))[0]
    assert min(y for _, y in back) > hip[1]           # above the hips


def test_only_the_listed_groups_and_only_on_the_working_leg():
    shapes = person(STAND, "near", muscles=frozenset({Muscle.HAMSTRINGS}))
    assert len(_fills(shapes, "highlight")) == 1
    assert person(STAND, "none", muscles=frozenset(Muscle)) == person(STAND, "none")
    assert not [s for s in person(STAND, "none", muscles=frozenset(Muscle))
                if "highlight" in (s.fill or "") + (s.stroke or "")]
    both = person(STAND, "both", muscles=frozenset({Muscle.HAMSTRINGS, Muscle.CALVES}))
    assert len(_fills(both, "highlight")) == 2 and len(_fills(both, "highlight_far")) == 2


def test_a_far_working_leg_is_outlined_over_the_near_one():
    muscles = frozenset({Muscle.HAMSTRINGS, Muscle.CALVES})
    shapes = person(STAND, "far", muscles=muscles)
    outlines = [s for s in shapes if s.stroke == "highlight"]
    assert len(outlines) == 2
    assert all(s.kind == SMOOTH and s.fill is None and s.width == MUSCLE_OUTLINE for s in outlines)
    # Drawn last, over the near leg and arm, so nothing in front hides them.
    assert shapes[-len(outlines):] == outlines
    assert len(_fills(shapes, "highlight_far")) == 2


def test_a_partner_is_never_highlighted():
    shapes = person(STAND, "both", partner=True, muscles=frozenset(Muscle))
    assert not [s for s in shapes if "highlight" in (s.fill or "") + (s.stroke or "")]


def test_the_switch_step_of_the_single_leg_deadlift_outlines_the_far_leg():
    """Step 4 stands on the left (far) leg, behind the right one: its muscles stay visible."""
    from app.catalog.picture import scene_shapes

    exercise = CATALOG.get("single-leg-deadlift")
    scene = build_scene(exercise, 3)
    assert scene.highlight == "far"
    outlines = [s for s in scene_shapes(scene) if s.stroke == "highlight" and s.fill is None]
    assert len(outlines) == len(scene.muscles & LEG_MUSCLES)
