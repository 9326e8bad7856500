"""The outline of each body part as a closed polygon, from a skeleton.

The painter draws these polygons (smoothed); the solver uses the very same
points to decide what touches the floor, so "resting on the floor" and
"nothing below the floor" are about what is drawn, not about bone lines.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from app.figure import body
from app.figure.kinematics import (
    HAND_FIST,
    HAND_FLAT,
    Point,
    Skeleton,
    direction,
    front_of,
)
from app.figure.pose import SIDES

Polygon = list[Point]

_CAP_STEPS = 7


@dataclass(frozen=True)
class Part:
    """One drawable body part: ``name`` like "near_thigh", "torso", "head"."""

    name: str
    side: str | None
    polygon: Polygon
    # Bone-line stations of the polygon's points (None for parts without a
    # bone line): lets a landmark pick "the middle of the thigh".
    stations: tuple[float, ...] | None = None


def _cap(centre: Point, n: Point, u: Point, r: float, start: float) -> Polygon:
    """Half circle of radius r around ``centre`` from +n through +u to -n (start=0)
    or from -n through -u to +n (start=pi)."""
    points = []
    for i in range(1, _CAP_STEPS):
        phi = start + math.pi * i / _CAP_STEPS
        c, s = math.cos(phi), math.sin(phi)
        points.append((centre[0] + r * (n[0] * c + u[0] * s), centre[1] + r * (n[1] * c + u[1] * s)))
    return points


def limb(p0: Point, p1: Point, a: float, profile: body.Profile,
         front: Point | None = None) -> tuple[Polygon, tuple[float, ...]]:
    """Outline of a tapered limb from joint p0 to joint p1 pointing along ``a``.

    Rounded at both ends (the caps are what makes a bent knee or elbow look
    like a joint rather than a kink).
    """
    n = front if front is not None else front_of(a)
    u = direction(a)
    length = math.dist(p0, p1)
    front_side: Polygon = []
    back_side: Polygon = []
    stations = []
    for s, f, b in profile:
        cx, cy = p0[0] + u[0] * length * s, p0[1] + u[1] * length * s
        front_side.append((cx + n[0] * f, cy + n[1] * f))
        back_side.append((cx - n[0] * b, cy - n[1] * b))
        stations.append(s)
    _, f1, b1 = profile[-1]
    _, f0, b0 = profile[0]
    end = (p1[0] + n[0] * (f1 - b1) / 2, p1[1] + n[1] * (f1 - b1) / 2)
    start = (p0[0] + n[0] * (f0 - b0) / 2, p0[1] + n[1] * (f0 - b0) / 2)
    end_cap = _cap(end, n, u, (f1 + b1) / 2, 0.0)
    start_cap = _cap(start, n, u, (f0 + b0) / 2, math.pi)
    polygon = front_side + end_cap + back_side[::-1] + start_cap
    all_stations = (tuple(stations) + (1.0,) * len(end_cap) + tuple(stations[::-1])
                    + (0.0,) * len(start_cap))
    return polygon, all_stations


def torso(skel: Skeleton) -> tuple[Polygon, tuple[float, ...]]:
    hip, a = skel["hip"], skel.angles["trunk"]
    n = skel.front("trunk")
    u = direction(a)
    front_side, back_side, stations = [], [], []
    for s, f, b in body.TORSO_PROFILE:
        cx, cy = hip[0] + u[0] * body.TRUNK * s, hip[1] + u[1] * body.TRUNK * s
        front_side.append((cx + n[0] * f, cy + n[1] * f))
        back_side.append((cx - n[0] * b, cy - n[1] * b))
        stations.append(s)
    s_top, f_top, b_top = body.TORSO_PROFILE[-1]
    s_bot, f_bot, b_bot = body.TORSO_PROFILE[0]
    top = (hip[0] + u[0] * body.TRUNK * s_top + n[0] * (f_top - b_top) / 2,
           hip[1] + u[1] * body.TRUNK * s_top + n[1] * (f_top - b_top) / 2)
    bottom = (hip[0] + u[0] * body.TRUNK * s_bot + n[0] * (f_bot - b_bot) / 2,
              hip[1] + u[1] * body.TRUNK * s_bot + n[1] * (f_bot - b_bot) / 2)
    top_cap = _cap(top, n, u, (f_top + b_top) / 2, 0.0)
    bottom_cap = _cap(bottom, n, u, (f_bot + b_bot) / 2, math.pi)
    polygon = front_side + top_cap + back_side[::-1] + bottom_cap
    all_stations = (tuple(stations) + (s_top,) * len(top_cap) + tuple(stations[::-1])
                    + (s_bot,) * len(bottom_cap))
    return polygon, all_stations


def head(skel: Skeleton) -> Polygon:
    return head_at(skel["head"], skel.angles["head"], skel.facing)


_HEAD_STEPS = 28
_HEAD_SAMPLES = tuple(
    (math.cos(2 * math.pi * i / _HEAD_STEPS) * body.HEAD_RX,
     math.sin(2 * math.pi * i / _HEAD_STEPS) * body.HEAD_RY)
    for i in range(_HEAD_STEPS))


def head_at(centre: Point, a: float, facing: int = 1) -> Polygon:
    """The skull as an ellipse around ``centre``, its crown along direction ``a``."""
    cx, cy = centre
    ux, uy = direction(a)
    fx, fy = front_of(a)
    fx, fy = -fx, -fy  # the head points up, so its front is the other way round
    return [(cx + fx * c + ux * s, cy + fy * c + uy * s) for c, s in _HEAD_SAMPLES]


def head_bottom(centre: Point, a: float) -> float:
    """The lowest y of ``head_at(centre, a)``, without building the polygon."""
    uy = -math.cos(a)
    fy = -math.sin(a)
    return centre[1] + min(fy * c + uy * s for c, s in _HEAD_SAMPLES)


def neck(skel: Skeleton) -> Polygon:
    a = skel.angles["head"]
    polygon, _ = limb(skel["shoulder"], skel["neck"], a,
                      ((0.0, body.NECK_RADIUS, body.NECK_RADIUS),
                       (1.0, body.NECK_RADIUS * 0.9, body.NECK_RADIUS * 0.9)))
    return polygon


# The foot in its own frame: (u forward from the ankle, w down from the ankle).
_FOOT: tuple[tuple[float, float], ...] = (
    (0.022, -0.016), (0.062, 0.006), (0.100, 0.020), (0.117, 0.030),
    (0.112, body.ANKLE_HEIGHT), (body.BALL_FORWARD, body.ANKLE_HEIGHT),
    (-0.018, body.ANKLE_HEIGHT), (-0.034, 0.030), (-0.038, 0.012), (-0.022, -0.014),
)


def foot(skel: Skeleton, side: str) -> Polygon:
    ax, ay = skel[f"{side}_ankle"]
    a = skel.angles[f"{side}_foot"]
    u = direction(a)
    down = direction(a - math.pi / 2)
    return [(ax + u[0] * fu + down[0] * fw, ay + u[1] * fu + down[1] * fw) for fu, fw in _FOOT]


# Hands in their own frame: (u along the hand from the wrist, v to its front).
_HAND_OPEN: tuple[tuple[float, float], ...] = (
    (0.000, 0.017), (0.040, 0.021), (0.065, 0.018), (0.094, 0.008), (0.100, 0.000),
    (0.092, -0.008), (0.060, -0.014), (0.030, -0.016), (0.000, -0.015),
)
_HAND_FLAT: tuple[tuple[float, float], ...] = (
    (0.000, 0.016), (0.045, 0.014), (0.075, 0.010), (0.098, 0.005), (0.102, -0.002),
    (0.095, -body.PALM_THICKNESS), (0.010, -body.PALM_THICKNESS), (-0.006, -0.004),
)


def hand(skel: Skeleton, side: str) -> Polygon:
    wx, wy = skel[f"{side}_wrist"]
    a = skel.angles[f"{side}_hand"]
    u = direction(a)
    state = skel.hand(side)
    if state == HAND_FIST:
        r = body.FIST_RADIUS
        cx, cy = wx + u[0] * (body.FIST - r), wy + u[1] * (body.FIST - r)
        return [(cx + r * math.cos(2 * math.pi * i / 16), cy + r * math.sin(2 * math.pi * i / 16))
                for i in range(16)]
    if state == HAND_FLAT:
        # Palm side down: "front" here is away from the floor, whichever way it points.
        n = (-u[1], u[0]) if u[0] >= 0 else (u[1], -u[0])
        shape = _HAND_FLAT
    else:
        n = front_of(a)
        shape = _HAND_OPEN
    return [(wx + u[0] * hu + n[0] * hv, wy + u[1] * hu + n[1] * hv) for hu, hv in shape]


def parts(skel: Skeleton) -> dict[str, Part]:
    """Every body part's outline, keyed by name."""
    p = skel.points
    out: dict[str, Part] = {}
    poly, st = torso(skel)
    out["torso"] = Part("torso", None, poly, st)
    out["neck"] = Part("neck", None, neck(skel))
    out["head"] = Part("head", None, head(skel))
    for side in SIDES:
        thigh_poly, thigh_st = limb(p["hip"], p[f"{side}_knee"], skel.angles[f"{side}_thigh"],
                                    body.THIGH_PROFILE)
        shank_poly, shank_st = limb(p[f"{side}_knee"], p[f"{side}_ankle"],
                                    skel.angles[f"{side}_shank"], body.SHANK_PROFILE)
        upper_poly, upper_st = limb(p["shoulder"], p[f"{side}_elbow"],
                                    skel.angles[f"{side}_upper_arm"], body.UPPER_ARM_PROFILE)
        fore_poly, fore_st = limb(p[f"{side}_elbow"], p[f"{side}_wrist"],
                                  skel.angles[f"{side}_forearm"], body.FOREARM_PROFILE)
        out[f"{side}_thigh"] = Part(f"{side}_thigh", side, thigh_poly, thigh_st)
        out[f"{side}_shank"] = Part(f"{side}_shank", side, shank_poly, shank_st)
        out[f"{side}_foot"] = Part(f"{side}_foot", side, foot(skel, side))
        out[f"{side}_upper_arm"] = Part(f"{side}_upper_arm", side, upper_poly, upper_st)
        out[f"{side}_forearm"] = Part(f"{side}_forearm", side, fore_poly, fore_st)
        out[f"{side}_hand"] = Part(f"{side}_hand", side, hand(skel, side))
    return out


def lowest_y(skel: Skeleton) -> float:
    return min(y for part in parts(skel).values() for _, y in part.polygon)
