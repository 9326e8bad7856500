"""Things in hands: placed props, and arms that reach to grip them.

Shared by the equipment arrangers (``props`` for what is held or rested
on, ``rigs`` for machines, partners and walls).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from app.figure import body
from app.figure.kinematics import HAND_FIST, Point, Skeleton, direction, forward
from app.figure.placement import Placement, bend
from app.figure.pose import Pose

_GRIP_ROUNDS = 4


@dataclass(frozen=True)
class PlacedProp:
    kind: str
    at: str
    points: dict[str, Point] = field(default_factory=dict)
    values: dict[str, float] = field(default_factory=dict)
    figure: Skeleton | None = None   # a partner drawn as a second person


class Frame:
    """The placed skeleton seen facing right (the solver's frame)."""

    def __init__(self, placement: Placement) -> None:
        skel = placement.skeleton
        self.skel = skel if placement.pose.facing > 0 else skel.mirrored()
        self.contacts = {k: (x * placement.pose.facing, y) for k, (x, y) in placement.contacts.items()}

    def on(self, surface: str, pose: Pose) -> list[Point]:
        return [self.contacts[c.landmark] for c in pose.contacts
                if c.surface == surface and c.landmark in self.contacts]


def mirrored(prop: PlacedProp) -> PlacedProp:
    points = {k: (-x, y) for k, (x, y) in prop.points.items()}
    values = {k: (-v if k.endswith("angle") else v) for k, v in prop.values.items()}
    figure = prop.figure.mirrored() if prop.figure is not None else None
    return replace(prop, points=points, values=values, figure=figure)


# --------------------------------------------------------------------------
# Hands
# --------------------------------------------------------------------------


def fist_centre(skel: Skeleton, side: str) -> Point:
    wx, wy = skel[f"{side}_wrist"]
    u = direction(skel.angles[f"{side}_hand"])
    k = body.FIST - body.FIST_RADIUS
    return (wx + u[0] * k, wy + u[1] * k)


def grip(placement: Placement, sides: tuple[str, ...], target: Point,
         elbow_down: bool = False) -> Placement:
    """Bend the arms so each listed hand's fist closes on ``target`` (solver frame).

    A target out of reach gets the arm stretched towards it. ``elbow_down``:
    see ``placement.bend``.
    """
    pose = replace(placement.pose, facing=1)
    root = placement.root
    for side in sides:
        for _ in range(_GRIP_ROUNDS):
            skel = forward(pose, root)
            fx, fy = fist_centre(skel, side)
            wx, wy = skel[f"{side}_wrist"]
            want = (target[0] - (fx - wx), target[1] - (fy - wy))
            sx, sy = skel["shoulder"]
            dist = math.hypot(want[0] - sx, want[1] - sy)
            longest = body.UPPER_ARM + body.FOREARM - 1e-6
            shortest = abs(body.UPPER_ARM - body.FOREARM) + 1e-6
            if dist > longest or dist < shortest:
                k = (longest if dist > longest else shortest) / max(dist, 1e-9)
                want = (sx + (want[0] - sx) * k, sy + (want[1] - sy) * k)
            moved = bend(pose, skel, side, "arm", want, elbow_down)
            if moved is None:
                break
            pose = moved
    return redraw(placement, pose, fists=sides)


def redraw(placement: Placement, pose: Pose, fists: tuple[str, ...] = ()) -> Placement:
    skel = forward(replace(pose, facing=1), placement.root)
    old = placement.skeleton
    near = HAND_FIST if "near" in fists else old.hand("near")
    far = HAND_FIST if "far" in fists else old.hand("far")
    skel = skel.with_hands(near, far)
    if placement.pose.facing < 0:
        skel = skel.mirrored()
    return replace(placement, pose=replace(pose, facing=placement.pose.facing), skeleton=skel)


def fists(placement: Placement, sides: tuple[str, ...]) -> Placement:
    return redraw(placement, replace(placement.pose, facing=1), fists=sides)
