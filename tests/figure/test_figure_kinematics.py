"""The figure model: kinematics, placement on the floor, interpolation (pure Python)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.catalog import load_catalog_strict
from app.figure import body, landmarks, outline
from app.figure.kinematics import SEGMENT_LENGTHS, forward, segment_lengths
from app.figure.placement import place, place_between
from app.figure.pose import ANGLE_RANGES, JOINTS, Contact, Limbs, Pose, interpolate
from app.kernel.resources import resources_dir

EPS = 1e-6
STANDING = (Contact("near_foot"), Contact("far_foot"))


def _angle(name: str, low: float | None = None, high: float | None = None) -> st.SearchStrategy[float]:
    lo, hi = ANGLE_RANGES[name]
    return st.floats(low if low is not None else lo, high if high is not None else hi,
                     allow_nan=False)


@st.composite
def limbs(draw: st.DrawFn) -> Limbs:
    return Limbs(**{joint: draw(_angle(joint)) for joint in JOINTS})


@st.composite
def poses(draw: st.DrawFn, contacts: tuple[Contact, ...] = ()) -> Pose:
    return Pose("random", trunk=draw(_angle("trunk")), head=draw(_angle("head")),
                near=draw(limbs()), far=draw(limbs()), contacts=contacts)


# --------------------------------------------------------------------------
# Forward kinematics
# --------------------------------------------------------------------------


def test_standing_heights_follow_the_anthropometric_table():
    skel = place(Pose("stand", contacts=STANDING)).skeleton
    assert skel["near_ankle"][1] == pytest.approx(0.039, abs=1e-9)
    assert skel["near_knee"][1] == pytest.approx(0.285, abs=1e-9)
    assert skel["hip"][1] == pytest.approx(0.530, abs=1e-9)
    assert skel["shoulder"][1] == pytest.approx(0.818, abs=1e-9)
    crown = max(y for _, y in outline.head(skel))
    assert crown == pytest.approx(1.0, abs=0.01)
    # Arms hanging: the fingertips end a little above the knee.
    assert 0.33 < skel["near_fingers"][1] < 0.42


@settings(max_examples=200, deadline=None)
@given(poses())
def test_segment_lengths_never_change(pose):
    measured = segment_lengths(forward(pose))
    for name, length in SEGMENT_LENGTHS.items():
        assert measured[name] == pytest.approx(length, abs=1e-9), name


def test_angles_turn_the_way_the_docs_say():
    lean = forward(Pose("lean", trunk=30))
    assert lean["shoulder"][0] > lean["hip"][0]           # + trunk leans forward
    knee_up = forward(Pose("march", near=Limbs(hip=90)))
    assert knee_up["near_knee"][0] > knee_up["hip"][0] + body.THIGH * 0.99   # + hip: thigh forward
    curl = forward(Pose("curl", near=Limbs(knee=90)))
    assert curl["near_ankle"][0] < curl["near_knee"][0]   # + knee: heel goes back
    reach = forward(Pose("reach", near=Limbs(shoulder=90)))
    assert reach["near_elbow"][0] > reach["shoulder"][0]  # + shoulder: arm forward
    toes = forward(Pose("point", near=Limbs(ankle=40)))
    assert toes["near_toe"][1] < toes["near_heel"][1]     # + ankle: toes point down


# --------------------------------------------------------------------------
# Placement
# --------------------------------------------------------------------------

SINGLE_CONTACTS = ("near_foot", "far_heel", "near_toe", "near_knee", "seat", "upper_back",
                   "chest", "far_thigh", "near_elbow", "far_shin")


@settings(max_examples=200, deadline=None)
@given(poses(), st.sampled_from(SINGLE_CONTACTS))
def test_a_single_contact_always_touches_the_floor(pose, landmark):
    pose = Pose(pose.name, pose.trunk, pose.head, pose.near, pose.far, (Contact(landmark),))
    placed = place(pose)
    x, y = landmarks.contact_point(placed.skeleton, landmark)
    assert abs(y) < EPS
    assert abs(x) < EPS   # the first contact marks x = 0
    # Nothing is below the floor unless the solver says so.
    if not placed.problems:
        assert outline.lowest_y(placed.skeleton) >= -EPS


@settings(max_examples=150, deadline=None)
@given(trunk=_angle("trunk", -25, 35), head=_angle("head"),
       near_arm=st.tuples(_angle("shoulder", -60, 200), _angle("elbow")),
       far_arm=st.tuples(_angle("shoulder", -60, 200), _angle("elbow")),
       knee=_angle("knee", 0, 40))
def test_standing_figures_touch_with_both_feet_and_nothing_goes_below(trunk, head, near_arm, far_arm, knee):
    legs = {"hip": trunk + knee / 2, "knee": knee}   # shins lean as far as the thighs do
    pose = Pose("stand", trunk=trunk, head=head,
                near=Limbs(shoulder=near_arm[0], elbow=near_arm[1], **legs),
                far=Limbs(shoulder=far_arm[0], elbow=far_arm[1], **legs), contacts=STANDING)
    placed = place(pose)
    for landmark in ("near_foot", "far_foot"):
        assert abs(landmarks.contact_point(placed.skeleton, landmark)[1]) < EPS
    assert outline.lowest_y(placed.skeleton) >= -EPS
    assert placed.problems == ()


def test_two_resting_points_turn_the_body_until_both_touch():
    # A bridge: upper back on the floor, feet flat; the solver finds the trunk angle.
    bridge = Pose("bridge", trunk=-100, near=Limbs(hip=0, knee=95), far=Limbs(hip=0, knee=95),
                  contacts=(Contact("upper_back"), Contact("near_foot"), Contact("far_foot"),
                            Contact("head")))
    placed = place(bridge)
    assert placed.problems == ()
    for landmark in ("upper_back", "near_foot", "far_foot"):
        assert abs(placed.contacts[landmark][1]) < EPS
    assert placed.pose.trunk != bridge.trunk
    sole = outline.foot(placed.skeleton, "near")
    assert max(y for _, y in sole) < 0.07   # laid flat


def test_limb_ends_reach_the_floor_by_bending_the_limb():
    # Push-up catch from kneeling: knees and shins planted, the hands reach down.
    catch = Pose("catch", trunk=75, near=Limbs(shoulder=70, elbow=10, knee=15, ankle=80),
                 far=Limbs(shoulder=70, elbow=10, knee=15, ankle=80),
                 contacts=(Contact("near_knee"), Contact("far_knee"), Contact("near_shin"),
                           Contact("far_shin"), Contact("near_hand"), Contact("far_hand")))
    placed = place(catch)
    for contact in catch.contacts:
        assert abs(placed.contacts[contact.landmark][1]) < EPS, contact
    assert placed.pose.near.shoulder != catch.near.shoulder


def test_contacts_on_a_prop_rest_at_its_height():
    pose = Pose("heels-on-ball", trunk=-90, near=Limbs(hip=30), far=Limbs(hip=30),
                contacts=(Contact("upper_back"), Contact("seat"),
                          Contact("near_heel", "stability-ball")))
    placed = place(pose, {"stability-ball": 0.33})
    assert placed.contacts["near_heel"][1] == pytest.approx(0.33, abs=EPS)
    assert placed.contacts["upper_back"][1] == pytest.approx(0.0, abs=EPS)


def test_an_unreachable_contact_is_reported_not_raised():
    pose = Pose("reach", contacts=(*STANDING, Contact("near_hand")))  # standing, hands at the sides
    placed = place(pose)
    assert any("near_hand" in p for p in placed.problems)


def test_a_floating_pose_hangs_at_its_height():
    jump = Pose("jump", near=Limbs(ankle=40), far=Limbs(ankle=40), air=0.1)
    placed = place(jump)
    assert outline.lowest_y(placed.skeleton) == pytest.approx(0.1, abs=EPS)


def test_facing_left_mirrors_the_picture():
    pose = Pose("lean", trunk=30, contacts=STANDING)
    right = place(pose).skeleton
    left = place(Pose("lean", trunk=30, contacts=STANDING, facing=-1)).skeleton
    for name, (x, y) in right.points.items():
        assert left[name] == pytest.approx((-x, y), abs=1e-9)


# --------------------------------------------------------------------------
# Interpolation
# --------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(poses(STANDING), poses((Contact("near_knee"),)))
def test_interpolation_returns_the_end_poses_at_0_and_1(a, b):
    assert interpolate(a, b, 0.0) == a
    assert interpolate(a, b, 1.0) == b
    assert interpolate(a, b, -0.5) == a
    assert interpolate(a, b, 1.5) == b


def test_interpolation_blends_angles_and_keeps_shared_contacts():
    knees = (Contact("near_knee"), Contact("far_knee"))
    upright = Pose("up", trunk=0, near=Limbs(knee=90), far=Limbs(knee=90), contacts=knees)
    low = Pose("low", trunk=60, near=Limbs(knee=30), far=Limbs(knee=30),
               contacts=(*knees, Contact("near_hand")))
    half = interpolate(upright, low, 0.5)
    assert half.trunk == pytest.approx(30)
    assert half.near.knee == pytest.approx(60)
    assert half.contacts == knees
    placed = place_between(upright, low, 0.5)
    assert abs(placed.contacts["near_knee"][1]) < EPS


def test_trunk_blends_the_short_way_round():
    a = Pose("a", trunk=170, contacts=STANDING)
    b = Pose("b", trunk=-170, contacts=STANDING)
    assert abs(interpolate(a, b, 0.5).trunk) == pytest.approx(180)


def test_a_jump_moves_smoothly_between_floor_and_air():
    stand = Pose("stand", near=Limbs(knee=60, hip=60), far=Limbs(knee=60, hip=60), trunk=30,
                 contacts=STANDING)
    air = Pose("air", near=Limbs(ankle=40), far=Limbs(ankle=40), air=0.12)
    heights = [place_between(stand, air, t).skeleton["hip"][1] for t in (0.0, 0.25, 0.5, 0.75, 1.0)]
    assert heights == sorted(heights)
    for t in (0.25, 0.5, 0.75):
        assert outline.lowest_y(place_between(stand, air, t).skeleton) >= -EPS


# --------------------------------------------------------------------------
# The shipped poses
# --------------------------------------------------------------------------


def _shipped():
    catalog = load_catalog_strict(resources_dir())
    return [(exercise, pose) for exercise in catalog.exercises for pose in exercise.poses]


@pytest.mark.parametrize(("exercise", "pose"), _shipped(),
                         ids=lambda v: getattr(v, "slug", None) or getattr(v, "name", ""))
def test_every_shipped_pose_rests_on_what_it_says(exercise, pose):
    from app.figure.equipment import SUPPORT_HEIGHT

    placed = place(pose)
    assert placed.problems == (), placed.problems
    for contact in pose.contacts:
        height = SUPPORT_HEIGHT.get(contact.surface, 0.0)
        assert placed.contacts[contact.landmark][1] == pytest.approx(height, abs=EPS), contact
    assert outline.lowest_y(placed.skeleton) >= -EPS


def test_moves_between_shipped_steps_never_dip_through_the_floor():
    catalog = load_catalog_strict(resources_dir())
    for exercise in catalog.exercises:
        for i in range(len(exercise.steps) - 1):
            a, b = exercise.step_pose(i), exercise.step_pose(i + 1)
            for t in (0.25, 0.5, 0.75):
                low = outline.lowest_y(place_between(a, b, t).skeleton)
                assert low >= -0.01, (exercise.slug, i + 1, t, low)


def test_nordic_keeps_the_body_straight_from_knees_to_head():
    nordic = load_catalog_strict(resources_dir()).get("nordic-hamstring-curl")
    for name in ("kneel-upright", "nordic-lean", "nordic-low"):
        skel = place(nordic.pose(name)).skeleton
        knee, hip, shoulder = skel["near_knee"], skel["hip"], skel["shoulder"]
        thigh = math.atan2(hip[1] - knee[1], hip[0] - knee[0])
        trunk = math.atan2(shoulder[1] - hip[1], shoulder[0] - hip[0])
        assert abs(math.degrees(thigh - trunk)) < 5, name
        assert knee[1] < 0.05   # kneeling
