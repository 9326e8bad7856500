"""The pose check: every step's picture shows what its words say, measured.

Each pose in resources/exercises/*.toml lists the contacts its step names
(``contacts = ["hands-bar"]``) and the shape it describes (``form =
["hinge"]``); app.catalog.pose_check places the pose as the picture does and
measures them, plus the floor, the equipment and human joint ranges. The
catalog test below is the one that fails when a pose is drawn wrong; the
others show that it does fail, and says where, for each kind of mistake.
"""

from __future__ import annotations

import math
import shutil
from dataclasses import replace

import pytest

from app.catalog import CatalogError, load_catalog, load_catalog_strict
from app.catalog.model import Exercise
from app.catalog.pose_check import (
    BAR_ON_BACK_ELBOW,
    HINGE_KNEE_MAX,
    HUMAN_RANGES,
    IN_LINE_DEGREES,
    SHALLOW_KNEE,
    STRAIGHT_LEG_MAX,
    TOUCH,
    check_step,
)
from app.figure.pose import Contact
from app.kernel.resources import resources_dir

CATALOG = load_catalog_strict(resources_dir())
STEPS = [(e.slug, i) for e in CATALOG.exercises for i in range(len(e.steps))]


@pytest.mark.parametrize(("slug", "index"), STEPS, ids=[f"{s}-{i + 1}" for s, i in STEPS])
def test_every_step_picture_matches_its_words(slug, index):
    problems = check_step(CATALOG.get(slug), index)
    assert not problems, "\n".join(str(p) for p in problems)


def test_every_step_pose_says_what_touches_what():
    for exercise in CATALOG.exercises:
        for step in exercise.steps:
            pose = exercise.pose(step.pose)
            assert pose.named_contacts is not None, (exercise.slug, step.pose)
            # Only a pose in the air touches nothing.
            assert pose.named_contacts or pose.air > 0, (exercise.slug, step.pose)


def test_neighbouring_steps_with_different_words_draw_different_pictures():
    """A step whose text changes shows the change: its own pose, or an arrow for it."""
    for exercise in CATALOG.exercises:
        for before, after in zip(exercise.steps, exercise.steps[1:], strict=False):
            if before.text == after.text:
                continue
            same = (before.pose, before.arrow, before.highlight) == (after.pose, after.arrow,
                                                                      after.highlight)
            assert not same, (exercise.slug, after.text)


# --------------------------------------------------------------------------
# A wrong pose fails, naming the exercise, the step and the contact
# --------------------------------------------------------------------------


def _with_pose(exercise: Exercise, name: str, **changes) -> Exercise:
    poses = tuple(replace(p, **changes) if p.name == name else p for p in exercise.poses)
    return replace(exercise, poses=poses)


def _step_of(exercise: Exercise, pose: str) -> int:
    return next(i for i, s in enumerate(exercise.steps) if s.pose == pose)


def _items(exercise: Exercise, index: int) -> dict[str, str]:
    return {p.item: str(p) for p in check_step(exercise, index)}


def test_hands_that_do_not_reach_the_bar_fail_hands_bar():
    """The stiff-leg deadlift as it was drawn: hinged, but the hands hang above the bar."""
    deadlift = CATALOG.get("stiff-leg-deadlift")
    index = _step_of(deadlift, "hinge-grip-bar-floor")
    assert "hands-bar" not in _items(deadlift, index)
    pose = deadlift.pose("hinge-grip-bar-floor")
    broken = _with_pose(deadlift, "hinge-grip-bar-floor", trunk=84.0,
                        near=pose.near.with_angles(hip=98.0, knee=16.0),
                        far=pose.far.with_angles(hip=98.0, knee=16.0))
    items = _items(broken, index)
    assert "hands-bar" in items, items
    message = items["hands-bar"]
    assert message.startswith(f"stiff-leg-deadlift, step {index + 1} (pose 'hinge-grip-bar-floor'): "
                              "hands-bar: ")
    assert "from the bar" in message


def test_a_piked_ball_curl_fails_hips_in_line():
    """The ball curl as it was drawn: hips folded at the top of the curl."""
    curl = CATALOG.get("stability-ball-hamstring-curl")
    index = _step_of(curl, "ball-curl-in")
    pose = curl.pose("ball-curl-in")
    bend = IN_LINE_DEGREES + 20
    broken = _with_pose(curl, "ball-curl-in", near=pose.near.with_angles(hip=bend),
                        far=pose.far.with_angles(hip=bend))
    items = _items(broken, index)
    assert "hips-in-line" in items, items
    assert "pike" in items["hips-in-line"]


def test_only_the_toes_on_the_ball_fail_calves_ball():
    """Step 1 says calves and heels on the ball: a pose resting the toes there fails."""
    curl = CATALOG.get("stability-ball-hamstring-curl")
    index = _step_of(curl, "lie-calves-on-ball")
    assert "calves-ball" in (curl.pose("lie-calves-on-ball").named_contacts or ())
    pose = curl.pose("lie-calves-on-ball")
    floor = [c for c in pose.contacts if c.surface == "floor"]
    toes = replace(pose, contacts=(*floor, Contact("near_toe", "stability-ball"),
                                   Contact("far_toe", "stability-ball")))
    broken = replace(curl, poses=tuple(toes if p.name == pose.name else p for p in curl.poses))
    items = _items(broken, index)
    assert "calves-ball" in items, items
    assert "from the ball" in items["calves-ball"]


def test_a_body_part_inside_the_ball_is_reported():
    """The ball rolls clear of the body; if it cannot, the check says what sinks into it."""
    from app.catalog import pose_check as check

    curl = CATALOG.get("stability-ball-hamstring-curl")
    index = _step_of(curl, "ball-bridge")
    world = check.place_world(curl, curl.pose("ball-bridge"))
    ball = world.props["stability-ball"]
    hip = world.skel["hip"]
    # Move the ball up into the hips: the torso and thighs are inside it.
    sunk = replace(ball, points={"centre": (hip[0], hip[1])})
    crowded = replace(world, props={**world.props, "stability-ball": sunk})
    found = dict(check.through_details(crowded))
    assert "stability-ball" in found and "sinks" in found["stability-ball"], found
    assert index >= 0


def test_a_squat_instead_of_a_hinge_fails_and_so_does_a_bell_in_front_of_the_knees():
    swing = CATALOG.get("kettlebell-swing")
    index = _step_of(swing, "kb-backswing")
    pose = swing.pose("kb-backswing")
    # As it was drawn: knees bent past a hinge's, arms hanging in front of the knees.
    knee = HINGE_KNEE_MAX + 5
    old = _with_pose(swing, "kb-backswing", trunk=70.0,
                     near=pose.near.with_angles(shoulder=40, elbow=0, hip=90, knee=knee),
                     far=pose.far.with_angles(shoulder=40, elbow=0, hip=90, knee=knee))
    items = _items(old, index)
    assert "not a hinge" in items.get("hinge", ""), items
    assert "bell-between-thighs" in items, items


def test_a_deep_squat_fails_shallow_squat():
    jump = CATALOG.get("jump-squat")
    index = _step_of(jump, "squat-dip")
    pose = jump.pose("squat-dip")
    deep = SHALLOW_KNEE[1] + 20
    broken = _with_pose(jump, "squat-dip", trunk=38.0,
                        near=pose.near.with_angles(hip=100, knee=deep),
                        far=pose.far.with_angles(hip=100, knee=deep))
    assert "deeper than a shallow squat" in _items(broken, index).get("shallow-squat", "")


def test_bent_arms_far_ahead_fail_the_push_up_catch():
    nordic = CATALOG.get("nordic-hamstring-curl")
    index = _step_of(nordic, "nordic-catch")
    pose = nordic.pose("nordic-catch")
    old = _with_pose(nordic, "nordic-catch", trunk=72.0,
                     near=pose.near.with_angles(shoulder=62, elbow=45, hip=4, knee=22),
                     far=pose.far.with_angles(shoulder=62, elbow=45, hip=4, knee=22))
    items = _items(old, index)
    assert "arms-straight" in items and "hands-under-shoulders" in items, items


def test_a_joint_past_human_range_fails_naming_the_joint():
    """165 degrees of knee bend passes the loader's typo check, not a human knee."""
    nordic = CATALOG.get("nordic-hamstring-curl")
    index = _step_of(nordic, "kneel-upright")
    pose = nordic.pose("kneel-upright")
    too_far = HUMAN_RANGES["elbow"][1] + 10
    broken = _with_pose(nordic, "kneel-upright", near=pose.near.with_angles(elbow=too_far))
    items = _items(broken, index)
    assert "near elbow" in items, items
    assert f"outside 0 to {HUMAN_RANGES['elbow'][1]:g}" in items["near elbow"]


def test_an_arm_through_the_floor_fails_floor():
    nordic = CATALOG.get("nordic-hamstring-curl")
    index = _step_of(nordic, "nordic-low")
    pose = nordic.pose("nordic-low")
    # Arms reaching straight down from a low lean, nothing saying they rest on the floor.
    down = pose.trunk  # the arms hang straight down from the leaning trunk, hands open
    broken = _with_pose(nordic, "nordic-low",
                        near=pose.near.with_angles(shoulder=down, elbow=0, wrist=0),
                        far=pose.far.with_angles(shoulder=down, elbow=0, wrist=0))
    items = _items(broken, index)
    assert "below the floor" in items.get("floor", ""), items


def test_the_bar_on_the_back_allows_the_turned_out_elbow_only_there():
    assert HUMAN_RANGES["elbow"][1] < BAR_ON_BACK_ELBOW
    good_morning = CATALOG.get("good-morning")
    for i in range(len(good_morning.steps)):
        assert not any(p.item.endswith("elbow") for p in check_step(good_morning, i))


def test_a_foot_off_the_floor_fails_feet_floor():
    deadlift = CATALOG.get("romanian-deadlift")
    index = _step_of(deadlift, "stand-hold-bar")
    pose = deadlift.pose("stand-hold-bar")
    # The far foot no longer rests on the floor: the free leg lifts a little.
    lifted = replace(pose, contacts=tuple(c for c in pose.contacts if c.landmark != "far_foot"),
                     far=pose.far.with_angles(hip=45.0, knee=45.0))
    broken = replace(deadlift, poses=tuple(lifted if p.name == pose.name else p
                                           for p in deadlift.poses))
    message = _items(broken, index).get("feet-floor", "")
    assert "far foot" in message and "off the floor" in message
    assert TOUCH < 0.02  # about 1.5 cm of slack, no more


def _straight_curl_steps(curl: Exercise) -> list[int]:
    return [i for i, s in enumerate(curl.steps) if s.pose == "stand-curl-machine"]


def test_a_standing_curl_drawn_half_bent_fails_leg_straight():
    """Steps 1, 2 and 4 of the standing curl say the working leg is straight (pad set at
    the ankle, stand tall, lower back to straight); as it was drawn, the shin hung 20
    degrees back at every one of them. The curl itself (step 3) is not a straight leg."""
    curl = CATALOG.get("standing-hamstring-curl")
    straight = _straight_curl_steps(curl)
    assert straight == [0, 1, 3]
    assert "leg-straight" not in curl.pose("stand-curl-heel-up").form
    pose = curl.pose("stand-curl-machine")
    old = _with_pose(curl, "stand-curl-machine", near=pose.near.with_angles(hip=6, knee=22, ankle=-20))
    for index in straight:
        assert _items(old, index).get("leg-straight", "").endswith(
            "leg-straight: the near knee is bent 22 degrees"), index


def test_leg_straight_measures_the_drawn_knee_not_the_declared_one():
    """A straight working leg hanging just behind the hip is longer than the soft-kneed standing
    leg: its foot would go through the floor, and the solver bends its knee until it clears
    (about 45 degrees). The pose said knee 0; the picture showed a bent leg, and that fails."""
    curl = CATALOG.get("standing-hamstring-curl")
    pose = curl.pose("stand-curl-machine")
    hanging = _with_pose(curl, "stand-curl-machine", near=pose.near.with_angles(hip=6, knee=0, ankle=0))
    message = _items(hanging, 0).get("leg-straight", "")
    assert "near knee is bent" in message
    assert int(message.split("bent ")[1].split()[0]) > 40


def test_leg_straight_allows_a_soft_knee_only():
    curl = CATALOG.get("standing-hamstring-curl")
    pose = curl.pose("stand-curl-machine")
    # Hip well forward so the foot clears the floor and the knee is drawn as given.
    soft = _with_pose(curl, "stand-curl-machine",
                      near=pose.near.with_angles(hip=26, knee=STRAIGHT_LEG_MAX - 2))
    bent = _with_pose(curl, "stand-curl-machine",
                      near=pose.near.with_angles(hip=26, knee=STRAIGHT_LEG_MAX + 2))
    assert "leg-straight" not in _items(soft, 0)
    assert "bent 10 degrees" in _items(bent, 0).get("leg-straight", "")


def test_the_straight_curl_leg_hangs_just_off_the_floor_with_the_pad_at_the_ankle():
    from app.catalog import pose_check as check
    from app.figure import landmarks

    curl = CATALOG.get("standing-hamstring-curl")
    world = check.place_world(curl, curl.pose("stand-curl-machine"))
    foot = min(y for _, y in landmarks.points(world.skel, "near_foot"))
    assert 0.0 < foot <= 2 * TOUCH, foot  # off the floor, by no more than about 3 cm
    machine = world.props["leg-curl-machine"]
    assert machine.points["pivot"] == world.skel["near_knee"]
    assert check.contact_detail(world, "near-ankle-pad") is None


def test_the_swing_grips_the_bell_where_it_stands_a_short_step_ahead():
    """Step 1 puts the bell a short step ahead; step 2 hinges and grips it there, at arm's
    length in front of the feet, so step 3's hike back between the thighs is a move. As it
    was drawn, the bell jumped under the shoulders to meet hands hanging straight down."""
    from app.catalog import pose_check as check
    from app.figure.holding import fist_centre

    swing = CATALOG.get("kettlebell-swing")
    stand = check.place_world(swing, swing.pose("stand-kb-ahead"))
    grip = check.place_world(swing, swing.pose("hinge-grip-kb"))
    on_floor = stand.props["kettlebell"].points["centre"]
    gripped = grip.props["kettlebell"].points["centre"]
    assert gripped == pytest.approx(on_floor)
    toes = max(grip.skel["near_toe"][0], grip.skel["far_toe"][0])
    assert gripped[0] > toes + 0.1  # ahead of the feet, not under them
    assert grip.skel["near_wrist"][0] - grip.skel["shoulder"][0] > 0.08  # arms reach forward
    # The hands close on the handle (not a stretched arm just short of it).
    handle = grip.props["kettlebell"].points["handle"]
    assert math.dist(fist_centre(grip.skel, "near"), handle) < TOUCH
    assert not _items(swing, _step_of(swing, "hinge-grip-kb"))


# --------------------------------------------------------------------------
# The words are checked when the catalog loads
# --------------------------------------------------------------------------


@pytest.fixture
def catalog_copy(tmp_path):
    res = tmp_path / "resources"
    shutil.copytree(resources_dir() / "exercises", res / "exercises")
    shutil.copy(resources_dir() / "sources.toml", res / "sources.toml")
    return res


@pytest.mark.parametrize(("line", "key", "words"), [
    ('contacts = ["hands-barbell"]', "poses.hinge-grip-bar-floor.contacts[1]",
     'got "hands-barbell"'),
    ('contacts = ["feet-floor", "elbows-bar"]', "poses.hinge-grip-bar-floor.contacts[2]",
     'got "elbows-bar"'),
    ('contacts = "hands-bar"', "poses.hinge-grip-bar-floor.contacts", "expected an array"),
    ('contacts = ["hands-bar", "hands-bar"]', "poses.hinge-grip-bar-floor.contacts[2]", "repeats"),
])
def test_bad_contact_words_are_refused_at_load_with_their_path(catalog_copy, line, key, words):
    path = catalog_copy / "exercises" / "stiff-leg-deadlift.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index("[poses.hinge-grip-bar-floor]\n")
    old = text[start:].split("\n")[1]
    assert old.startswith("contacts = ")
    path.write_text(text.replace(f"[poses.hinge-grip-bar-floor]\n{old}\n",
                                 f"[poses.hinge-grip-bar-floor]\n{line}\n"), encoding="utf-8")
    with pytest.raises(CatalogError) as raised:
        load_catalog_strict(catalog_copy)
    assert raised.value.path == "resources/exercises/stiff-leg-deadlift.toml"
    assert raised.value.key == key
    assert words in str(raised.value)


def test_a_bad_form_word_is_refused_at_load(catalog_copy):
    path = catalog_copy / "exercises" / "stiff-leg-deadlift.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('form = ["hinge"]', 'form = ["squat"]', 1), encoding="utf-8")
    problems = load_catalog(catalog_copy).problems
    assert any("form[1]" in p and 'got "squat"' in p for p in problems), problems


def test_a_partner_letting_go_and_a_hand_off_the_wall_are_named():
    from app.catalog import pose_check as check

    nordic = CATALOG.get("nordic-hamstring-curl")
    world = check.place_world(nordic, nordic.pose("kneel-upright"))
    assert check.contact_detail(world, "ankles-partner") is None
    partner = world.props["partner"]
    hx, hy = partner.points["hands"]
    gone = replace(partner, points={"hands": (hx - 3 * check.GRIP, hy)})
    moved = replace(world, props={**world.props, "partner": gone})
    assert "from the partner's hands" in (check.contact_detail(moved, "ankles-partner") or "")

    swings = CATALOG.get("leg-swings")
    world = check.place_world(swings, swings.pose("stand-side-wall"))
    assert check.contact_detail(world, "far-hand-wall") is None
    wall = world.props["wall"]
    (x0, _), (x1, y1) = wall.points["bottom_left"], wall.points["top_right"]
    low_wall = replace(wall, points={**wall.points, "top_right": (x1, 0.3)})
    moved = replace(world, props={**world.props, "wall": low_wall})
    assert check.contact_detail(moved, "far-hand-wall") == "far hand is not against the wall"
    assert x0 < x1 and y1 > 0.3


def test_every_form_word_has_a_measure():
    from app.catalog import pose_check as check
    from app.figure.pose import Form

    assert set(check.FORM_CHECKS) == set(Form)
