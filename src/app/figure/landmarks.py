"""Where a named body point touches what it rests on.

A landmark is a stretch of a body part's outline ("the middle of the
thigh", "the upper back"); its contact point is the lowest outline point
in that stretch, so a body rolling over the floor rests on the right spot.
"""

from __future__ import annotations

import math

from app.figure import body, outline
from app.figure.kinematics import Point, Skeleton, direction, front_of
from app.figure.pose import landmark_part, landmark_side

# Bone-line stations of each landmark on its part: (part, low, high).
_TRUNK: dict[str, tuple[tuple[str, float, float], ...]] = {
    "upper_back": (("torso", 0.55, 1.10),),
    "chest": (("torso", 0.55, 1.10),),
    "belly": (("torso", -0.05, 0.40),),
    "seat": (("torso", -0.30, 0.30), ("near_thigh", 0.0, 0.3), ("far_thigh", 0.0, 0.3)),
}
_SIDE: dict[str, tuple[tuple[str, float, float], ...]] = {
    "shoulder": (("upper_arm", 0.0, 0.25),),
    "elbow": (("upper_arm", 0.8, 1.0), ("forearm", 0.0, 0.2)),
    "thigh": (("thigh", 0.25, 0.75),),
    "thigh_low": (("thigh", 0.82, 0.95),),
    "knee": (("thigh", 0.92, 1.0), ("shank", 0.0, 0.08)),
    "calf": (("shank", 0.2, 0.65),),
    "ankle": (("shank", 0.85, 1.0),),
}
# Foot outline points (indices into outline._FOOT) of the heel and the toes.
_HEEL = (6, 7, 8)
_TOE = (2, 3, 4, 5)
_INSTEP = (0, 1, 2, 3)


def points(skel: Skeleton, landmark: str) -> list[Point]:
    """The outline points that make up ``landmark``."""
    part = landmark_part(landmark)
    side = landmark_side(landmark)
    if part == "head":
        return outline.head(skel)
    if side is None:
        return _from_parts(skel, _TRUNK[part], None)
    if part == "shin":
        # The lower leg lying on the floor: lower shin and the top of the foot.
        foot = outline.foot(skel, side)
        return _from_parts(skel, (("shank", 0.3, 1.0),), side) + [foot[i] for i in _INSTEP]
    if part in ("foot", "heel", "toe"):
        foot = outline.foot(skel, side)
        if part == "heel":
            return [foot[i] for i in _HEEL]
        if part == "toe":
            return [foot[i] for i in _TOE]
        return foot
    if part == "hand":
        return outline.hand(skel, side)
    return _from_parts(skel, _SIDE[part], side)


_SAMPLES = 6


def _from_parts(skel: Skeleton, spans: tuple[tuple[str, float, float], ...],
                side: str | None) -> list[Point]:
    """Outline points of each part between two stations: the drawn points there
    (round ends included), plus points sampled between them, so a short
    stretch between two rows of a profile is never empty."""
    found: list[Point] = []
    for name, low, high in spans:
        full = f"{side}_{name}" if side else name
        polygon, stations = _part(skel, full)
        found.extend(p for p, s in zip(polygon, stations, strict=True) if low <= s <= high)
        found.extend(_sampled(skel, full, low, high))
    return found


def _sampled(skel: Skeleton, name: str, low: float, high: float) -> list[Point]:
    p = skel.points
    if name == "torso":
        start, profile, n = p["hip"], body.TORSO_PROFILE, skel.front("trunk")
        ux, uy = direction(skel.angles["trunk"])
        length = body.TRUNK
    else:
        side, segment = name.split("_", 1)
        start, end, profile = {
            "thigh": (p["hip"], p[f"{side}_knee"], body.THIGH_PROFILE),
            "shank": (p[f"{side}_knee"], p[f"{side}_ankle"], body.SHANK_PROFILE),
            "upper_arm": (p["shoulder"], p[f"{side}_elbow"], body.UPPER_ARM_PROFILE),
            "forearm": (p[f"{side}_elbow"], p[f"{side}_wrist"], body.FOREARM_PROFILE),
        }[segment]
        n = front_of(skel.angles[name])
        ux, uy = direction(skel.angles[name])
        length = math.dist(start, end)
    low = max(low, profile[0][0])
    high = min(high, profile[-1][0])
    points: list[Point] = []
    for k in range(_SAMPLES):
        s = low + (high - low) * k / (_SAMPLES - 1)
        f, b = body.profile_at(profile, s)
        cx, cy = start[0] + ux * length * s, start[1] + uy * length * s
        points += [(cx + n[0] * f, cy + n[1] * f), (cx - n[0] * b, cy - n[1] * b)]
    return points


def _part(skel: Skeleton, name: str) -> tuple[list[Point], tuple[float, ...]]:
    p = skel.points
    if name == "torso":
        return outline.torso(skel)
    side, segment = name.split("_", 1)
    if segment == "thigh":
        return outline.limb(p["hip"], p[f"{side}_knee"], skel.angles[name], body.THIGH_PROFILE)
    if segment == "shank":
        return outline.limb(p[f"{side}_knee"], p[f"{side}_ankle"], skel.angles[name],
                            body.SHANK_PROFILE)
    if segment == "upper_arm":
        return outline.limb(p["shoulder"], p[f"{side}_elbow"], skel.angles[name],
                            body.UPPER_ARM_PROFILE)
    return outline.limb(p[f"{side}_elbow"], p[f"{side}_wrist"], skel.angles[name],
                        body.FOREARM_PROFILE)


def contact_point(skel: Skeleton, landmark: str) -> Point:
    """The lowest point of ``landmark``; the middle of them when several tie (a flat sole)."""
    found = points(skel, landmark)
    low = min(y for _, y in found)
    xs = [x for x, y in found if y - low < 1e-9]
    return ((min(xs) + max(xs)) / 2, low)
