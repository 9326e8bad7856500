"""A pose: joint angles of a human seen from the side, and what it rests on.

The figure faces right (+x), so the viewer sees its right side: ``near`` is
the right arm and leg, ``far`` the left ones. ``facing = -1`` mirrors the
whole picture (the athlete has turned round).

Angles are in degrees:

- ``trunk``: hip-to-shoulder line from vertical, + leaning forward
  (90 = face down and level, -90 = lying on the back).
- ``head``: relative to the trunk, + chin towards the chest.
- ``shoulder``: upper arm from the trunk line, + raising the arm forward.
- ``elbow``, ``knee``: flexion from straight (0 = straight).
- ``wrist``: + turning the hand the way a bending elbow turns the forearm.
- ``hip``: thigh from the trunk line, + flexion (knee forward and up),
  - extension (leg behind).
- ``ankle``: + pointing the toes, - pulling them up; 0 = foot at a right
  angle to the shin.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Final

SIDES: Final = ("near", "far")
JOINTS: Final = ("shoulder", "elbow", "wrist", "hip", "knee", "ankle")

# Sane ranges (degrees). Generous enough for every drill in the catalog,
# tight enough to catch a typo such as 900 or a sign slip on a knee.
ANGLE_RANGES: Final[dict[str, tuple[float, float]]] = {
    "trunk": (-180.0, 180.0),
    "head": (-70.0, 70.0),
    "shoulder": (-90.0, 200.0),
    "elbow": (0.0, 165.0),
    "wrist": (-90.0, 90.0),
    "hip": (-60.0, 150.0),
    "knee": (0.0, 165.0),
    "ankle": (-45.0, 90.0),
}

# Body points a pose may rest on. Trunk points first, then one set per side.
TRUNK_LANDMARKS: Final = ("head", "upper_back", "chest", "belly", "seat")
SIDE_LANDMARKS: Final = (
    "shoulder", "elbow", "hand", "thigh", "thigh_low", "knee", "calf", "shin", "ankle", "heel",
    "toe", "foot",
)
LANDMARKS: Final = TRUNK_LANDMARKS + tuple(
    f"{side}_{part}" for side in SIDES for part in SIDE_LANDMARKS)

# Landmarks towards the free end of a limb: after the body is placed, a
# contact on one of these is reached by moving that limb (or the head).
REACHING_PARTS: Final = ("head", "hand", "foot", "heel", "toe", "ankle", "calf", "shin")


class Thing(StrEnum):
    """What a body part touches, in a step's words ("hands-bar"): the floor (a mat
    lies on it), a support's surface, a held object's grip, a machine's pad or
    handles, the wall, the partner's hands."""

    FLOOR = "floor"
    MAT = "mat"
    BALL = "ball"
    ROLLER = "roller"
    BENCH = "bench"
    BOX = "box"
    MACHINE = "machine"
    PAD = "pad"
    BAR = "bar"
    BELL = "bell"
    DUMBBELLS = "dumbbells"
    HANDLES = "handles"
    WALL = "wall"
    PARTNER = "partner"


class Form(StrEnum):
    """A shape a step's words describe, measured on the placed skeleton."""

    HIPS_IN_LINE = "hips-in-line"          # shoulders, hips and knees in one line (a bridge)
    HINGE = "hinge"                        # hips well bent, knees only soft: not a squat
    SHALLOW_SQUAT = "shallow-squat"        # knees bent, no deeper than about a quarter squat
    ARMS_STRAIGHT = "arms-straight"        # elbows straight (the top of a push-up, a swing)
    HANDS_UNDER_SHOULDERS = "hands-under-shoulders"  # the top of a push-up
    BELL_BETWEEN_THIGHS = "bell-between-thighs"      # a swing's backswing
    UPRIGHT = "upright"                    # trunk within a few degrees of vertical
    LEG_STRAIGHT = "leg-straight"          # the working (free) leg straight at the knee: a curl's start


def landmark_part(landmark: str) -> str:
    """``"near_heel"`` -> ``"heel"``; trunk landmarks are their own part."""
    return landmark.split("_", 1)[1] if landmark.startswith(SIDES) else landmark


def landmark_side(landmark: str) -> str | None:
    side = landmark.split("_", 1)[0]
    return side if side in SIDES else None


@dataclass(frozen=True)
class Limbs:
    """Joint angles of one side of the body, in degrees."""

    shoulder: float = 0.0
    elbow: float = 0.0
    wrist: float = 0.0
    hip: float = 0.0
    knee: float = 0.0
    ankle: float = 0.0

    def with_angles(self, **angles: float) -> Limbs:
        return replace(self, **angles)


@dataclass(frozen=True)
class Contact:
    """``landmark`` rests on ``surface``: "floor" or the kind of a support prop."""

    landmark: str
    surface: str = "floor"


@dataclass(frozen=True)
class Pose:
    name: str
    trunk: float = 0.0
    head: float = 0.0
    near: Limbs = field(default_factory=Limbs)
    far: Limbs = field(default_factory=Limbs)
    contacts: tuple[Contact, ...] = ()
    air: float = 0.0                 # with no contacts: height of the lowest point
    facing: int = 1                  # 1: faces right, -1: mirrored
    props: tuple[tuple[str, str], ...] = ()  # (prop kind, attachment) overrides
    # What the step's words say touches what ("hands-bar", "calves-ball") and the
    # shape they describe ("hinge"): checked against the placed figure by
    # ``app.catalog.pose_check``, never used to place it. None: the pose does not say.
    named_contacts: tuple[str, ...] | None = None
    form: tuple[Form, ...] = ()

    def side(self, name: str) -> Limbs:
        return self.near if name == "near" else self.far

    def with_side(self, name: str, limbs: Limbs) -> Pose:
        return replace(self, near=limbs) if name == "near" else replace(self, far=limbs)

    @property
    def ground(self) -> tuple[str, ...]:
        """Landmarks resting on the floor."""
        return tuple(c.landmark for c in self.contacts if c.surface == "floor")

    def prop_attachment(self, kind: str) -> str | None:
        for k, at in self.props:
            if k == kind:
                return at
        return None


def _lerp(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


def _lerp_angle(a: float, b: float, t: float) -> float:
    """The short way round: -170 to 170 passes through 180, not through 0."""
    delta = (b - a + 180.0) % 360.0 - 180.0
    value = a + delta * t
    return (value + 180.0) % 360.0 - 180.0 if value > 180.0 or value < -180.0 else value


def _lerp_limbs(a: Limbs, b: Limbs, t: float) -> Limbs:
    return Limbs(*(_lerp(getattr(a, j), getattr(b, j), t) for j in JOINTS))


def interpolate(pose_a: Pose, pose_b: Pose, t: float) -> Pose:
    """The pose a fraction ``t`` of the way from ``pose_a`` to ``pose_b``.

    Angles blend linearly. In between, the figure keeps only the contacts
    both poses share (a Nordic keeps its knees planted while the hands
    reach for the floor); with none shared it floats, and ``place_between``
    moves it from one placement to the other. t <= 0 and t >= 1 return the
    end poses themselves.
    """
    if t <= 0.0:
        return pose_a
    if t >= 1.0:
        return pose_b
    shared = tuple(c for c in pose_a.contacts if c in pose_b.contacts)
    ends = pose_a if t < 0.5 else pose_b
    return Pose(
        name=f"{pose_a.name}~{pose_b.name}",
        trunk=_lerp_angle(pose_a.trunk, pose_b.trunk, t),
        head=_lerp(pose_a.head, pose_b.head, t),
        near=_lerp_limbs(pose_a.near, pose_b.near, t),
        far=_lerp_limbs(pose_a.far, pose_b.far, t),
        contacts=shared,
        air=_lerp(pose_a.air, pose_b.air, t),
        facing=ends.facing,
        props=ends.props,
    )


def angle_problems(pose: Pose) -> list[tuple[str, str]]:
    """(dotted key, message) for every angle outside its sane range."""
    problems = []
    for key in ("trunk", "head"):
        value = getattr(pose, key)
        low, high = ANGLE_RANGES[key]
        if not (math.isfinite(value) and low <= value <= high):
            problems.append((key, f"expected {low:g} to {high:g} degrees, got {value:g}"))
    for side in SIDES:
        limbs = pose.side(side)
        for joint in JOINTS:
            value = getattr(limbs, joint)
            low, high = ANGLE_RANGES[joint]
            if not (math.isfinite(value) and low <= value <= high):
                problems.append((f"{side}.{joint}",
                                 f"expected {low:g} to {high:g} degrees, got {value:g}"))
    return problems
