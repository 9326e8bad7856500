"""The arrow that shows which way a step moves, as a path beside the body.

A part that swings about a joint (a heel about the knee, the trunk about
the hips, a Nordic about the knees) gets a curved arrow on a circle just
outside the body around that joint; anything else gets a straight one
that pushes the part from the side it moves away from, or leads it on.
A curved arrow ends by the part's drawn position: "it moved this way, to
here".

Of a few nearby placements, the arrow takes the one that crosses the body
least: an arrow drawn over a limb is hard to read.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from app.figure.holding import PlacedProp
from app.figure.kinematics import Point, Skeleton
from app.figure.spec import Arrow

ARC_BEFORE = math.radians(42.0)
ARC_AFTER = math.radians(6.0)
# How much earlier on its swing a curved arrow may end (each dearer than the last).
ARC_BACKS = (0.0, math.radians(20), math.radians(40))
# A heel lowered to a foot just off the floor swings about a knee less than a
# shank's length up: only an arrow ending this early keeps its head above the floor.
HEEL_ARC_BACKS = (*ARC_BACKS, math.radians(60))
ARC_CLEARANCE = 0.085
STRAIGHT_LENGTH = 0.19
STRAIGHT_GAP = 0.085
_SAMPLES = 18
ARROW_HALF_WIDTH = 0.02


@dataclass(frozen=True)
class ArrowPath:
    points: tuple[Point, ...]   # along the shaft, tail first, tip last


def _way(arrow: Arrow, facing: int) -> Point:
    return {"up": (0.0, 1.0), "down": (0.0, -1.0),
            "forward": (float(facing), 0.0), "back": (float(-facing), 0.0)}[arrow.way]


def _prop_point(props: Sequence[PlacedProp], kind: str, name: str) -> Point | None:
    for prop in props:
        if prop.kind == kind and name in prop.points:
            return prop.points[name]
    return None


def _target(arrow: Arrow, skel: Skeleton, props: Sequence[PlacedProp]) -> tuple[Point, Point | None] | None:
    """(the point that moves, the joint it swings about or None)."""
    s = arrow.side
    p = skel.points
    table: dict[str, tuple[Point | None, Point | None]] = {
        "hips": (p["hip"], None),
        "heel": (p[f"{s}_heel"], p[f"{s}_knee"]),
        # Knees swing about the hip when they rise or drop, and push straight
        # forward or back when they soften or lock.
        "knee": (p[f"{s}_knee"], p["hip"] if arrow.way in ("up", "down") else None),
        "leg": (p[f"{s}_ankle"], p["hip"]),
        "chest": (p["shoulder"], p["hip"]),
        "body": (p["neck"], p[f"{s}_knee"]),
        "head": (p["head"], None),
        "hands": (p[f"{s}_wrist"], None),
        "bar": (_prop_point(props, "barbell", "centre"), None),
        "bell": (_prop_point(props, "kettlebell", "centre"), p["shoulder"]),
        "ball": (_prop_point(props, "stability-ball", "centre"), None),
        "roller": (_prop_point(props, "foam-roller", "centre"), None),
    }
    point, pivot = table[arrow.part]
    if point is None:
        return None
    return point, pivot


def arrow_path(arrow: Arrow, skel: Skeleton, props: Sequence[PlacedProp]) -> ArrowPath | None:
    found = _target(arrow, skel, props)
    if found is None:
        return None
    point, pivot = found
    wx, wy = _way(arrow, skel.facing)
    blockers = _blockers(skel, props)
    candidates: list[tuple[float, tuple[Point, ...]]] = []
    if pivot is None:
        px, py = -wy, wx
        for gap in (STRAIGHT_GAP, STRAIGHT_GAP + 0.07):
            for shift in (0.0, 0.12, -0.12, 0.22, -0.22):
                # Pushing the part from behind, or (a little dearer) leading it away.
                for lead, extra in ((False, 0.0), (True, 0.05)):
                    sx, sy = point[0] + px * shift, point[1] + py * shift
                    if lead:
                        tail = (sx + wx * gap, sy + wy * gap)
                        tip = (tail[0] + wx * STRAIGHT_LENGTH, tail[1] + wy * STRAIGHT_LENGTH)
                    else:
                        tip = (sx - wx * gap, sy - wy * gap)
                        tail = (tip[0] - wx * STRAIGHT_LENGTH, tip[1] - wy * STRAIGHT_LENGTH)
                    path: tuple[Point, ...] = (tail, tip)
                    candidates.append((_cost(path, blockers) + abs(shift) + gap + extra, path))
    else:
        radius = math.dist(point, pivot)
        here = math.atan2(point[1] - pivot[1], point[0] - pivot[0])
        # Counter-clockwise motion at this spot goes along (-sin, cos).
        sense = 1.0 if (-math.sin(here) * wx + math.cos(here) * wy) >= 0 else -1.0
        if arrow.part == "heel" and arrow.way in ("up", "down"):
            # A heel rises by bending the knee and lowers by straightening it,
            # whichever way the body lies. Near the bottom of its swing the
            # tangent points almost sideways, so it cannot tell: a straight
            # leg hanging a little forward would get its lowering arrow
            # swinging in from the front. Facing right, knee bending turns
            # the heel clockwise.
            sense = float(skel.facing) * (1.0 if arrow.way == "down" else -1.0)
        backs = HEEL_ARC_BACKS if arrow.part == "heel" else ARC_BACKS
        for clearance in (ARC_CLEARANCE, ARC_CLEARANCE + 0.07, ARC_CLEARANCE + 0.14):
            r = radius + clearance
            # Ending a little earlier on the swing keeps a lowered heel's arrow off the floor.
            for back in backs:
                start = here - sense * (ARC_BEFORE + back)
                end = here + sense * (ARC_AFTER - back)
                path = tuple(
                    (pivot[0] + r * math.cos(start + (end - start) * i / (_SAMPLES - 1)),
                     pivot[1] + r * math.sin(start + (end - start) * i / (_SAMPLES - 1)))
                    for i in range(_SAMPLES))
                candidates.append((_cost(path, blockers) + clearance + back, path))
    return ArrowPath(min(candidates, key=lambda c: c[0])[1])


_Capsule = tuple[Point, Point, float]


def _blockers(skel: Skeleton, props: Sequence[PlacedProp]) -> list[_Capsule]:
    """The body (and round props) as capsules: cheap to test points against."""
    p = skel.points
    caps: list[_Capsule] = [
        (p["hip"], p["shoulder"], 0.075),
        (p["head"], p["head"], 0.075),
    ]
    for s in ("near", "far"):
        caps += [
            (p["hip"], p[f"{s}_knee"], 0.06),
            (p[f"{s}_knee"], p[f"{s}_ankle"], 0.045),
            (p[f"{s}_heel"], p[f"{s}_toe"], 0.03),
            (p["shoulder"], p[f"{s}_elbow"], 0.04),
            (p[f"{s}_elbow"], p[f"{s}_wrist"], 0.035),
        ]
    for prop in props:
        if prop.kind in ("stability-ball", "foam-roller") and "centre" in prop.points:
            c = prop.points["centre"]
            caps.append((c, c, prop.values["radius"] + 0.03))
        elif prop.kind in ("barbell", "kettlebell") and "centre" in prop.points:
            c = prop.points["centre"]
            caps.append((c, c, 0.08))
    return caps


def _cost(path: tuple[Point, ...], blockers: list[_Capsule]) -> float:
    """How much of the path (sampled) lies on the body or under the floor."""
    samples: list[Point] = []
    for (x0, y0), (x1, y1) in itertools.pairwise(path):
        for k in range(4):
            t = k / 4
            samples.append((x0 + (x1 - x0) * t, y0 + (y1 - y0) * t))
    (x0, y0), (x1, y1) = path[-2], path[-1]
    run = math.hypot(x1 - x0, y1 - y0) or 1.0
    samples += [path[-1], (x1 + (x1 - x0) / run * 0.045, y1 + (y1 - y0) / run * 0.045)]  # the head
    hits = 0
    for q in samples:
        if q[1] < 0.06:
            hits += 2
        for a, b, r in blockers:
            if _distance(q, a, b) < r + ARROW_HALF_WIDTH:
                hits += 1
                break
    return hits / len(samples) * 4.0


def _distance(q: Point, a: Point, b: Point) -> float:
    ax, ay = a
    dx, dy = b[0] - ax, b[1] - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((q[0] - ax) * dx + (q[1] - ay) * dy) / length2))
    return math.hypot(q[0] - ax - dx * t, q[1] - ay - dy * t)
