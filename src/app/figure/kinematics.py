"""Forward kinematics: joint angles in, 2D joint positions out.

Coordinates are in body heights, y up. Internally every segment has an
absolute direction ``a`` (radians) measured from straight down, turning
towards the front: ``direction(a) = (sin a, -cos a)``, so 0 hangs down and
pi/2 points the way the figure faces. The solver always works facing right
and mirrors at the very end (``Skeleton.mirrored``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from app.figure import body
from app.figure.pose import SIDES, Pose

Point = tuple[float, float]

HAND_OPEN = "open"
HAND_FIST = "fist"
HAND_FLAT = "flat"


def direction(a: float) -> Point:
    return (math.sin(a), -math.cos(a))


def angle_of(x: float, y: float) -> float:
    """The absolute direction (see the module docstring) of the vector (x, y)."""
    return math.atan2(x, -y)


def add(p: Point, v: Point, k: float = 1.0) -> Point:
    return (p[0] + v[0] * k, p[1] + v[1] * k)


def front_of(a: float) -> Point:
    """Unit vector to the front side of a limb pointing along ``a`` (its anterior).

    For a leg or an arm hanging down that is +x; for the trunk (pointing up)
    the same rule gives its back, so the trunk uses ``-front_of``.
    """
    return (math.cos(a), math.sin(a))


@dataclass(frozen=True)
class Skeleton:
    """Joint positions and segment directions of one placed figure."""

    points: dict[str, Point]
    angles: dict[str, float]   # absolute directions, radians (see module docstring)
    facing: int = 1
    hands: tuple[str, str] = (HAND_OPEN, HAND_OPEN)  # near, far

    def __getitem__(self, name: str) -> Point:
        return self.points[name]

    def hand(self, side: str) -> str:
        return self.hands[0] if side == "near" else self.hands[1]

    def front(self, segment: str) -> Point:
        """Anterior unit vector of a segment, in world coordinates."""
        fx, fy = front_of(self.angles[segment])
        # The trunk and head point up, so their anterior is the other way round.
        return (-fx, -fy) if segment in ("trunk", "head") else (fx, fy)

    def moved(self, dx: float, dy: float) -> Skeleton:
        return Skeleton({k: (x + dx, y + dy) for k, (x, y) in self.points.items()},
                        self.angles, self.facing, self.hands)

    def mirrored(self) -> Skeleton:
        """The same figure seen facing the other way (mirrored about x = 0)."""
        return Skeleton({k: (-x, y) for k, (x, y) in self.points.items()},
                        {k: -a for k, a in self.angles.items()}, -self.facing, self.hands)

    def with_hands(self, near: str, far: str) -> Skeleton:
        return Skeleton(self.points, self.angles, self.facing, (near, far))


def forward(pose: Pose, root: Point = (0.0, 0.0)) -> Skeleton:
    """Joint positions of ``pose`` with the hip joint at ``root``, facing right."""
    rad = math.radians
    theta = rad(pose.trunk)
    trunk_down = -theta
    hip = root
    trunk_up = math.pi - theta
    shoulder = add(hip, direction(trunk_up), body.TRUNK)
    head_a = math.pi - theta - rad(pose.head)
    neck, head = head_points(shoulder, head_a)

    points: dict[str, Point] = {"hip": hip, "shoulder": shoulder, "neck": neck, "head": head}
    angles: dict[str, float] = {"trunk": trunk_up, "head": head_a}
    for side in SIDES:
        limbs = pose.side(side)
        upper = trunk_down + rad(limbs.shoulder)
        fore = upper + rad(limbs.elbow)
        hand = fore + rad(limbs.wrist)
        elbow = add(shoulder, direction(upper), body.UPPER_ARM)
        wrist = add(elbow, direction(fore), body.FOREARM)
        fingers = add(wrist, direction(hand), body.HAND)

        thigh = trunk_down + rad(limbs.hip)
        shank = thigh - rad(limbs.knee)
        foot = shank + math.pi / 2 - rad(limbs.ankle)
        knee = add(hip, direction(thigh), body.THIGH)
        ankle = add(knee, direction(shank), body.SHANK)
        heel, ball, toe = foot_points(ankle, foot)

        points.update({
            f"{side}_elbow": elbow, f"{side}_wrist": wrist, f"{side}_fingers": fingers,
            f"{side}_knee": knee, f"{side}_ankle": ankle,
            f"{side}_heel": heel, f"{side}_ball": ball, f"{side}_toe": toe,
        })
        angles.update({
            f"{side}_upper_arm": upper, f"{side}_forearm": fore, f"{side}_hand": hand,
            f"{side}_thigh": thigh, f"{side}_shank": shank, f"{side}_foot": foot,
        })
    return Skeleton(points, angles)


def head_points(shoulder: Point, head_a: float) -> tuple[Point, Point]:
    """Base of the skull and centre of the head, for a head pointing along ``head_a``."""
    neck = add(shoulder, direction(head_a), body.NECK)
    fx, fy = front_of(head_a)
    centre = add(add(neck, direction(head_a), body.HEAD_LIFT), (-fx, -fy), body.HEAD_FORWARD)
    return neck, centre


def foot_points(ankle: Point, foot: float) -> tuple[Point, Point, Point]:
    """Heel, ball and toe tip on the sole, for a foot pointing along ``foot``."""
    u = direction(foot)
    down = direction(foot - math.pi / 2)
    sole = add(ankle, down, body.ANKLE_HEIGHT)
    heel = add(sole, u, -body.HEEL_BACK)
    ball = add(sole, u, body.BALL_FORWARD)
    toe = add(add(sole, u, body.TOE_FORWARD), down, -0.006)
    return heel, ball, toe


def segment_lengths(skeleton: Skeleton) -> dict[str, float]:
    """Measured length of every rigid segment (for tests: they never change)."""
    p = skeleton.points
    lengths = {
        "trunk": math.dist(p["hip"], p["shoulder"]),
        "neck": math.dist(p["shoulder"], p["neck"]),
    }
    for side in SIDES:
        lengths.update({
            f"{side}_upper_arm": math.dist(p["shoulder"], p[f"{side}_elbow"]),
            f"{side}_forearm": math.dist(p[f"{side}_elbow"], p[f"{side}_wrist"]),
            f"{side}_hand": math.dist(p[f"{side}_wrist"], p[f"{side}_fingers"]),
            f"{side}_thigh": math.dist(p["hip"], p[f"{side}_knee"]),
            f"{side}_shank": math.dist(p[f"{side}_knee"], p[f"{side}_ankle"]),
            f"{side}_foot": math.dist(p[f"{side}_heel"], p[f"{side}_ball"]),
        })
    return lengths


SEGMENT_LENGTHS: dict[str, float] = {
    "trunk": body.TRUNK, "neck": body.NECK,
    **{f"{s}_{name}": length for s in SIDES for name, length in (
        ("upper_arm", body.UPPER_ARM), ("forearm", body.FOREARM), ("hand", body.HAND),
        ("thigh", body.THIGH), ("shank", body.SHANK),
        ("foot", body.HEEL_BACK + body.BALL_FORWARD))},
}
