"""Step arrows point the way the step's words move the body (pure Python, no Qt)."""

from __future__ import annotations

import math

import pytest

from app.catalog import load_catalog_strict
from app.catalog.scene import build_scene
from app.figure.arrows import arrow_path
from app.figure.kinematics import Skeleton
from app.figure.spec import Arrow
from app.kernel.resources import resources_dir

CATALOG = load_catalog_strict(resources_dir())
HEEL_STEPS = [(e.slug, i) for e in CATALOG.exercises for i, s in enumerate(e.steps)
              if s.arrow is not None and s.arrow.part == "heel"]


def _turn_about(pivot: tuple[float, float], tail: tuple[float, float],
                tip: tuple[float, float]) -> float:
    """Signed turn (radians, + counter-clockwise) from tail to tip about ``pivot``."""
    a = math.atan2(tail[1] - pivot[1], tail[0] - pivot[0])
    b = math.atan2(tip[1] - pivot[1], tip[0] - pivot[0])
    return (b - a + math.pi) % (2 * math.pi) - math.pi


def _knee_bending_turn(skel: Skeleton, arrow: Arrow, tail: tuple[float, float],
                       tip: tuple[float, float]) -> float:
    """The arrow's turn about the knee, + when it turns the heel the way bending the knee does.

    Facing right, bending the knee turns the heel clockwise; a mirrored figure the other way.
    """
    return -skel.facing * _turn_about(skel[f"{arrow.side}_knee"], tail, tip)


def test_every_leg_curl_has_heel_arrows_to_check():
    slugs = {slug for slug, _ in HEEL_STEPS}
    assert {"standing-hamstring-curl", "machine-leg-curl", "single-leg-cable-curl"} <= slugs


@pytest.mark.parametrize(("slug", "index"), HEEL_STEPS, ids=[f"{s}-{i + 1}" for s, i in HEEL_STEPS])
def test_a_heel_arrow_turns_the_way_the_knee_moves(slug, index):
    """Curling the heel up bends the knee; lowering it straightens the knee. The arrow
    swings about the knee the same way, wherever the heel hangs: the standing curl's
    lowering arrow once swung in from in front of a straight leg, and the lying curl's
    'curl toward your glutes' arrow pointed away from the glutes."""
    exercise = CATALOG.get(slug)
    step = exercise.steps[index]
    assert step.arrow is not None and step.arrow.way in ("up", "down")
    scene = build_scene(exercise, index)
    assert scene.arrow is not None
    tail, tip = scene.arrow.points[0], scene.arrow.points[-1]
    turn = _knee_bending_turn(scene.figure, step.arrow, tail, tip)
    assert (turn > 0) == (step.arrow.way == "up"), (slug, index + 1, math.degrees(turn))


def test_a_lowering_heel_arrow_comes_from_behind_a_straight_leg():
    """Step 4 of the standing curl: the leg hangs straight, the heel just in front of the
    knee; the heel arrives from behind (where the curl left it), not from the front."""
    curl = CATALOG.get("standing-hamstring-curl")
    scene = build_scene(curl, 3)
    skel = scene.figure
    assert skel["near_heel"][0] > skel["near_knee"][0] - 0.02  # hanging about straight down
    assert scene.arrow is not None
    tail = scene.arrow.points[0]
    assert tail[0] < skel["near_heel"][0]
    # Mirrored, the same arrow mirrors.
    arrow = curl.steps[3].arrow
    assert arrow is not None
    mirrored = arrow_path(arrow, skel.mirrored(), ())
    assert mirrored is not None
    assert mirrored.points[0][0] > -skel["near_heel"][0]
