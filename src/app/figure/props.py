"""Put the equipment where the body needs it, and the hands on the equipment.

Props follow the figure, not the other way round: a ball sits under the
heels that rest on it, a bar is where the hands are (or the hands go to a
bar on the back), the machine's pivot lines up with the knee. The geometry
is plain named points and numbers; the painter decides how each looks.
"""

from __future__ import annotations

import math
from typing import Protocol

from app.figure import body, outline, rigs
from app.figure import equipment as eq
from app.figure.equipment import PropSpec
from app.figure.holding import Frame, PlacedProp, fist_centre, fists, grip, mirrored
from app.figure.kinematics import Point, Skeleton, direction
from app.figure.placement import Placement
from app.figure.pose import Pose

__all__ = ["PlacedProp", "arrange"]


def arrange(specs: tuple[PropSpec, ...], pose: Pose,
            placement: Placement) -> tuple[Placement, tuple[PlacedProp, ...]]:
    """Props for one placed pose; the placement comes back with gripping hands."""
    facing = placement.pose.facing
    props: list[PlacedProp] = []
    for spec in specs:
        at = pose.prop_attachment(spec.kind) or spec.at
        placement, prop = _ARRANGERS[spec.kind](placement, Frame(placement), spec.kind, at)
        props.append(prop)
    if facing < 0:
        props = [mirrored(p) for p in props]
    return placement, tuple(props)


def _midfoot(skel: Skeleton) -> float:
    xs = [skel[f"{s}_{p}"][0] for s in ("near", "far") for p in ("heel", "ball")]
    return sum(xs) / len(xs)


def _barbell(placement: Placement, frame: Frame, kind: str, at: str) -> tuple[Placement, PlacedProp]:
    skel = frame.skel
    both = ("near", "far")
    if at == "hands":
        placement = fists(placement, both)
        centre = fist_centre(Frame(placement).skel, "near")
    elif at == "legs":
        centre = _bar_at_legs(skel)
        placement = grip(placement, both, centre)
    elif at == "upper_back":
        s = 1.0
        _, b = body.profile_at(body.TORSO_PROFILE, s)
        n = skel.front("trunk")
        u = direction(skel.angles["trunk"])
        hip = skel["hip"]
        centre = (hip[0] + u[0] * body.TRUNK * s - n[0] * (b + eq.BAR_RADIUS),
                  hip[1] + u[1] * body.TRUNK * s - n[1] * (b + eq.BAR_RADIUS))
        placement = grip(placement, both, centre, elbow_down=True)
    elif at == "floor":
        centre = (_bar_on_floor(skel), eq.PLATE_RADIUS)
    else:  # floor-grip: over the middle of the feet, where it lay
        centre = (_bar_on_floor(skel), eq.PLATE_RADIUS)
        placement = grip(placement, both, centre)
    return placement, PlacedProp(kind, at, {"centre": centre})


def _bar_on_floor(skel: Skeleton) -> float:
    """Over the middle of the feet, but never through the shins: a bar on the
    floor touches the shins at most (seen from the side the plates hide them)."""
    shins = [outline.limb(skel[f"{s}_knee"], skel[f"{s}_ankle"], skel.angles[f"{s}_shank"],
                          body.SHANK_PROFILE)[0] for s in ("near", "far")]
    front = max(_front_x(poly, eq.PLATE_RADIUS) for poly in shins)
    return max(_midfoot(skel), front + eq.BAR_RADIUS * 1.3)


def _bar_at_legs(skel: Skeleton) -> Point:
    """Where straight arms hold a bar that just brushes the front of the legs.

    The arms swing back from where the pose holds them until the bar meets
    the thighs or shins: a deadlift keeps the bar close all the way down.
    """
    shoulder = skel["shoulder"]
    reach = body.UPPER_ARM + body.FOREARM + body.FIST - body.FIST_RADIUS
    legs = [outline.limb(skel["hip"], skel[f"{s}_knee"], skel.angles[f"{s}_thigh"], body.THIGH_PROFILE)[0]
            for s in ("near", "far")]
    legs += [outline.limb(skel[f"{s}_knee"], skel[f"{s}_ankle"], skel.angles[f"{s}_shank"],
                          body.SHANK_PROFILE)[0] for s in ("near", "far")]
    clearance = eq.BAR_RADIUS * 1.3

    def bar(a: float) -> Point:
        d = direction(a)
        return (shoulder[0] + d[0] * reach, shoulder[1] + d[1] * reach)

    def gap(a: float) -> float:
        x, y = bar(a)
        front = max((_front_x(poly, y) for poly in legs), default=-math.inf)
        return x - front - clearance

    a = skel.angles["near_upper_arm"]
    if gap(a) >= 0.0:
        step = -math.radians(1.0)   # swing back towards the legs
        while gap(a + step) >= 0.0 and a + step > -math.pi / 2:
            a += step
    else:
        step = math.radians(1.0)
        while gap(a) < 0.0 and a < math.pi / 2:
            a += step
    low, high = (a + step, a) if step < 0 else (a - step, a)
    for _ in range(30):
        mid = (low + high) / 2
        low, high = (mid, high) if gap(mid) < 0.0 else (low, mid)
    return bar(high)


def _front_x(polygon: list[Point], y: float) -> float:
    """The right-most point of ``polygon`` at height ``y`` (-inf if it does not reach y)."""
    best = -math.inf
    for (x0, y0), (x1, y1) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (y0 - y) * (y1 - y) <= 0.0 and y0 != y1:
            best = max(best, x0 + (x1 - x0) * (y - y0) / (y1 - y0))
    return best


def _dumbbells(placement: Placement, frame: Frame, kind: str, at: str) -> tuple[Placement, PlacedProp]:
    if at == "floor":
        x = frame.skel["near_toe"][0] + 0.12
        r = eq.DUMBBELL_HEAD
        return placement, PlacedProp(kind, at, {"near": (x, r), "far": (x + 0.03, r)},
                                     {"near_angle": math.pi / 2, "far_angle": math.pi / 2})
    placement = fists(placement, ("near", "far"))
    skel = Frame(placement).skel
    points = {side: fist_centre(skel, side) for side in ("near", "far")}
    # The handle lies across the fist: at right angles to the hand.
    values = {f"{side}_angle": skel.angles[f"{side}_hand"] + math.pi / 2 for side in ("near", "far")}
    return placement, PlacedProp(kind, at, points, values)


# A kettlebell on the floor: its centre this far ahead of the toe tips.
KETTLEBELL_AHEAD = 0.15


def _kettlebell(placement: Placement, frame: Frame, kind: str, at: str) -> tuple[Placement, PlacedProp]:
    skel = frame.skel
    # On the floor, gripped or not, the bell sits a short step ahead of the
    # toes: bending down to grip it does not move it under the shoulders.
    x = max(skel["near_toe"][0], skel["far_toe"][0]) + KETTLEBELL_AHEAD
    if at == "floor":
        centre = (x, eq.KETTLEBELL_RADIUS * 0.92)
        return placement, PlacedProp(kind, at, {"centre": centre,
                                                "handle": (x, centre[1] + eq.KETTLEBELL_HANDLE)},
                                     {"angle": math.pi})
    if at == "floor-grip":
        centre = (x, eq.KETTLEBELL_RADIUS * 0.92)
        handle = (x, centre[1] + eq.KETTLEBELL_HANDLE)
        placement = grip(placement, ("near", "far"), handle)
        return placement, PlacedProp(kind, at, {"centre": centre, "handle": handle}, {"angle": math.pi})
    placement = fists(placement, ("near", "far"))
    skel = Frame(placement).skel
    handle = fist_centre(skel, "near")
    # The bell hangs on in the line of the forearm: straight down at rest,
    # out along the arms at the top of a swing.
    a = skel.angles["near_forearm"]
    u = direction(a)
    centre = (handle[0] + u[0] * eq.KETTLEBELL_HANDLE, handle[1] + u[1] * eq.KETTLEBELL_HANDLE)
    # Swung back behind the knees, the bell is between the legs: drawn behind the near one.
    between = 1.0 if centre[0] < min(skel["near_knee"][0], skel["far_knee"][0]) else 0.0
    return placement, PlacedProp(kind, at, {"centre": centre, "handle": handle},
                                 {"angle": a + math.pi, "between_legs": between})


def _support(radius: float) -> _Arranger:
    def arrange_support(placement: Placement, frame: Frame, kind: str,
                        at: str) -> tuple[Placement, PlacedProp]:
        resting = frame.on(kind, placement.pose)
        if not resting:
            return placement, PlacedProp(kind, "unused")
        x = _roll_clear(frame.skel, sum(p[0] for p in resting) / len(resting), radius)
        return placement, PlacedProp(kind, at, {"centre": (x, radius)}, {"radius": radius})
    return arrange_support


_ROLL_STEP = 0.002
_ROLL_LIMIT = 0.4


def _roll_clear(skel: Skeleton, x: float, radius: float) -> float:
    """Where a round support on the floor, started at ``x``, touches the body without
    cutting into it.

    The solver rests a body point on the support's top, as on a flat surface.
    Under a limb that slopes (calves up on a ball) a round top would cut into
    the limb there: the ball rolls along the floor, the shorter way, until it
    only touches.
    """
    points = [q for part in outline.parts(skel).values() for q in part.polygon]

    def clearance(cx: float) -> float:
        return min(math.dist((cx, radius), q) for q in points) - radius

    if clearance(x) >= -1e-6:
        return x
    for k in range(1, int(_ROLL_LIMIT / _ROLL_STEP) + 1):
        for sign in (1.0, -1.0):
            far = x + sign * k * _ROLL_STEP
            if clearance(far) >= 0.0:
                near = far - sign * _ROLL_STEP
                for _ in range(30):
                    mid = (near + far) / 2
                    near, far = (mid, far) if clearance(mid) < 0.0 else (near, mid)
                return far
    return x


def _bench(placement: Placement, frame: Frame, kind: str, at: str) -> tuple[Placement, PlacedProp]:
    resting = frame.on(kind, placement.pose)
    if not resting:
        return placement, PlacedProp(kind, "unused")
    x = sum(p[0] for p in resting) / len(resting)
    height = eq.SUPPORT_HEIGHT[kind]
    hip_x = frame.skel["hip"][0]
    # Long side away from the athlete, so the bench does not run under them.
    away = 1.0 if x >= hip_x else -1.0
    if kind == "box":
        left, right = x - 0.14, x + 0.14
    else:
        near_end, far_end = x - away * 0.10, x + away * 0.42
        left, right = min(near_end, far_end), max(near_end, far_end)
    return placement, PlacedProp(kind, at, {"top_left": (left, height), "top_right": (right, height)})


def _mat(placement: Placement, frame: Frame, kind: str, at: str) -> tuple[Placement, PlacedProp]:
    low = [x for part in outline.parts(frame.skel).values() for x, y in part.polygon if y < 0.06]
    if not low:
        low = [frame.skel["hip"][0]]
    return placement, PlacedProp(kind, at, {"left": (min(low) - 0.08, 0.0), "right": (max(low) + 0.08, 0.0)},
                                 {"thickness": eq.MAT_THICKNESS})


class _Arranger(Protocol):
    def __call__(self, placement: Placement, frame: Frame, kind: str,
                 at: str) -> tuple[Placement, PlacedProp]: ...


_ARRANGERS: dict[str, _Arranger] = {
    "barbell": _barbell,
    "dumbbells": _dumbbells,
    "kettlebell": _kettlebell,
    "stability-ball": _support(eq.BALL_RADIUS),
    "foam-roller": _support(eq.ROLLER_RADIUS),
    "bench": _bench,
    "box": _bench,
    "mat": _mat,
    "leg-curl-machine": rigs.leg_curl_machine,
    "cable-machine": rigs.cable,
    "partner": rigs.partner,
    "anchor": rigs.anchor,
    "wall": rigs.wall,
}

