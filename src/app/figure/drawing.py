"""A scene as a list of simple shapes, back to front, with colour *roles*.

The painter only maps roles ("skin", "plate", "highlight") to the theme's
colours and fills or strokes the shapes; every decision about what goes
where is made here, in plain Python, where tests can look at it.

Parts of the body are drawn in groups (far arm, far leg, trunk and head,
near leg, near arm). Each group is first outlined in the background colour,
then filled: a limb crossing the body shows a thin gap along its edge,
while the joints inside a group merge smoothly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from app.figure import body, outline
from app.figure.arrows import ArrowPath
from app.figure.kinematics import Point, Skeleton, direction, front_of
from app.figure.muscles import Muscle
from app.figure.outline import Polygon

SMOOTH = "smooth"      # closed curve through the polygon's edge midpoints
POLYGON = "polygon"    # closed, sharp corners
CIRCLE = "circle"      # points[0] is the centre
LINE = "line"          # open polyline, round caps

GAP = 0.0075           # width of the background-coloured seam around each group
MUSCLE_OUTLINE = 0.007  # a far leg's working muscles, outlined over the near leg
ARROW_WIDTH = 0.03
ARROW_HEAD = 0.078


@dataclass(frozen=True)
class Shape:
    kind: str
    points: tuple[Point, ...]
    fill: str | None = None        # colour role
    stroke: str | None = None      # colour role
    width: float = 0.0             # stroke width, body heights
    radius: float = 0.0            # for circles


def smooth(points: Polygon, fill: str) -> Shape:
    return Shape(SMOOTH, tuple(points), fill=fill)


def seam(points: Polygon, role: str = "gap") -> Shape:
    return Shape(SMOOTH, tuple(points), stroke=role, width=2 * GAP)


def circle(centre: Point, radius: float, fill: str | None, stroke: str | None = None,
           width: float = 0.0) -> Shape:
    return Shape(CIRCLE, (centre,), fill=fill, stroke=stroke, width=width, radius=radius)


def polygon(points: Polygon, fill: str | None, stroke: str | None = None, width: float = 0.0) -> Shape:
    return Shape(POLYGON, tuple(points), fill=fill, stroke=stroke, width=width)


def line(points: Polygon, stroke: str, width: float) -> Shape:
    return Shape(LINE, tuple(points), stroke=stroke, width=width)


def smooth_outline(points: tuple[Point, ...] | Polygon, samples: int = 3) -> Polygon:
    """The closed curve a SMOOTH shape stands for, as a dense polygon.

    Quadratic curves join the midpoints of the polygon's edges, each bent
    towards the corner between them: round everywhere, and never outside
    the polygon (so what rests on the floor in the data does in the picture).
    """
    n = len(points)
    out: Polygon = []
    for i in range(n):
        px, py = points[i]
        ax, ay = points[i - 1]
        bx, by = points[(i + 1) % n]
        m0x, m0y = (ax + px) / 2, (ay + py) / 2
        m1x, m1y = (px + bx) / 2, (py + by) / 2
        for k in range(samples):
            t = k / samples
            u = 1 - t
            out.append((u * u * m0x + 2 * u * t * px + t * t * m1x,
                        u * u * m0y + 2 * u * t * py + t * t * m1y))
    return out


def _group(polygons: list[tuple[Polygon, str]], gap: str) -> list[Shape]:
    shapes = [seam(p, gap) for p, _ in polygons]
    shapes += [smooth(p, role) for p, role in polygons]
    return shapes


# --------------------------------------------------------------------------
# The person
# --------------------------------------------------------------------------


def _run(polygon: Polygon, stations: tuple[float, ...], low: float, high: float) -> Polygon:
    """The cyclic run of outline points whose stations are in [low, high]."""
    inside = [low <= s <= high for s in stations]
    n = len(polygon)
    if all(inside) or not any(inside):
        return list(polygon) if all(inside) else []
    start = next(i for i in range(n) if inside[i] and not inside[i - 1])
    run = []
    i = start
    while inside[i % n]:
        run.append(polygon[i % n])
        i += 1
        if i - start >= n:
            break
    return run


def _band(start: Point, end: Point, a: float, profile: body.Profile, back: bool,
          inner: float, outer: float, low: float, high: float, steps: int = 9,
          normal: Point | None = None) -> Polygon:
    """A muscle: a band inside one side of a body part, thinner towards its ends.

    ``back``: behind the bone line (hamstrings, calves, glutes), else in
    front of it (quadriceps). ``inner``/``outer``: fractions of the part's
    half-depth on that side; ``low``/``high``: stations along the bone.
    """
    nx, ny = normal if normal is not None else front_of(a)
    if back:
        nx, ny = -nx, -ny
    length = math.dist(start, end) if normal is None else body.TRUNK
    ux, uy = direction(a)
    outer_side, inner_side = [], []
    for i in range(steps):
        s = low + (high - low) * i / (steps - 1)
        f, b = body.profile_at(profile, s)
        depth = b if back else f
        # Thinner towards the ends, like the muscle bellies.
        taper = math.sin(math.pi * (0.15 + 0.7 * i / (steps - 1)))
        cx, cy = start[0] + ux * length * s, start[1] + uy * length * s
        o = depth * outer
        w = depth * (outer - inner) * taper
        outer_side.append((cx + nx * o, cy + ny * o))
        inner_side.append((cx + nx * (o - w), cy + ny * (o - w)))
    return outer_side + inner_side[::-1]


def leg_muscles(skel: Skeleton, side: str, muscles: frozenset[Muscle]) -> list[Polygon]:
    """The highlighted muscles of one leg, as bands."""
    hip, knee, ankle = skel["hip"], skel[f"{side}_knee"], skel[f"{side}_ankle"]
    thigh, shank = skel.angles[f"{side}_thigh"], skel.angles[f"{side}_shank"]
    bands = []
    if Muscle.HAMSTRINGS in muscles:
        bands.append(_band(hip, knee, thigh, body.THIGH_PROFILE, True, 0.22, 0.86, 0.16, 0.86))
    if Muscle.QUADRICEPS in muscles:
        bands.append(_band(hip, knee, thigh, body.THIGH_PROFILE, False, 0.22, 0.86, 0.14, 0.88))
    if Muscle.CALVES in muscles:
        bands.append(_band(knee, ankle, shank, body.SHANK_PROFILE, True, 0.25, 0.86, 0.08, 0.62))
    return bands


def trunk_muscles(skel: Skeleton, muscles: frozenset[Muscle]) -> list[Polygon]:
    """Glutes and lower back, on the back of the torso."""
    hip, a = skel["hip"], skel.angles["trunk"]
    n = skel.front("trunk")
    bands = []
    if Muscle.GLUTES in muscles:
        bands.append(_band(hip, hip, a, body.TORSO_PROFILE, True, 0.25, 0.86, -0.2, 0.12,
                           normal=n))
    if Muscle.LOWER_BACK in muscles:
        bands.append(_band(hip, hip, a, body.TORSO_PROFILE, True, 0.3, 0.86, 0.2, 0.52,
                           normal=n))
    return bands


# The hairline, in the head's frame (forward, up), in half-lengths of the head:
# from the nape, up behind the ear, over the temple to the forehead.
_HAIRLINE = ((-0.55, -0.35), (-0.34, 0.08), (0.02, 0.38), (0.38, 0.60))


def _hair(skel: Skeleton) -> Polygon:
    cx, cy = skel["head"]
    ux, uy = direction(skel.angles["head"])
    fx, fy = skel.front("head")

    def at(c: float, s: float) -> Point:
        c, s = c * body.HEAD_RX, s * body.HEAD_RY
        return (cx + fx * c + ux * s, cy + fy * c + uy * s)

    points = []
    for i in range(16):  # over the crown and down the back of the skull
        phi = math.radians(68 + 158 * i / 15)
        points.append(at(math.cos(phi) * 1.06, math.sin(phi) * 1.06))
    points += [at(c, s) for c, s in _HAIRLINE]
    return points


def _face(skel: Skeleton) -> tuple[Polygon, Point, Point]:
    """Nose, eye and ear positions: enough to tell at a glance where the head faces."""
    cx, cy = skel["head"]
    ux, uy = direction(skel.angles["head"])
    fx, fy = skel.front("head")

    def at(c: float, s: float) -> Point:
        return (cx + fx * c + ux * s, cy + fy * c + uy * s)

    rx, ry = body.HEAD_RX, body.HEAD_RY
    nose = [at(rx * 0.90, ry * 0.12), at(rx * 1.18, -ry * 0.18), at(rx * 0.92, -ry * 0.30)]
    return nose, at(rx * 0.55, ry * 0.05), at(-rx * 0.08, -ry * 0.02)


def _shorts(parts: dict[str, outline.Part], side: str) -> Polygon:
    thigh = parts[f"{side}_thigh"]
    assert thigh.stations is not None
    return _run(thigh.polygon, thigh.stations, -1.0, 0.42)


def person(skel: Skeleton, highlight: str = "none", partner: bool = False,
           middle: list[Shape] | None = None,
           muscles: frozenset[Muscle] = frozenset({Muscle.HAMSTRINGS})) -> list[Shape]:
    """The figure, back to front. A partner is drawn in one muted tone, no highlight.

    ``highlight`` says which leg works ("near", "far", "both" or "none");
    ``muscles`` which groups are coloured on it and on the trunk. When only
    the far leg works, its muscles are also outlined on top of everything,
    so a near leg in front of it does not hide them. ``middle`` goes between
    the trunk and the near leg: what the athlete holds at the body's midline.
    """
    parts = outline.parts(skel)
    gap = "gap"

    def role(name: str, side: str) -> str:
        if partner:
            return "partner" if side == "near" else "partner_far"
        return name if side == "near" else f"{name}_far"

    shapes: list[Shape] = []

    def arm(side: str) -> None:
        hand = parts[f"{side}_hand"].polygon
        shapes.extend(_group([
            (parts[f"{side}_upper_arm"].polygon, role("skin", side)),
            (parts[f"{side}_forearm"].polygon, role("skin", side)),
            (hand, role("skin", side)),
        ], gap))

    def leg(side: str) -> None:
        shapes.extend(_group([
            (parts[f"{side}_foot"].polygon, role("shoe", side)),
            (parts[f"{side}_shank"].polygon, role("skin", side)),
            (parts[f"{side}_thigh"].polygon, role("skin", side)),
        ], gap))
        if not partner:
            shapes.append(smooth(_shorts(parts, side), role("shorts", side)))
        if highlight in ("both", side) and not partner:
            shapes.extend(smooth(band, role("highlight", side))
                          for band in leg_muscles(skel, side, muscles))

    arm("far")
    leg("far")
    torso = parts["torso"]
    assert torso.stations is not None
    trunk_role = "partner" if partner else "shirt"
    shapes.extend(_group([
        (parts["neck"].polygon, role("skin", "near")),
        (torso.polygon, trunk_role),
        (parts["head"].polygon, role("skin", "near")),
    ], gap))
    if not partner:
        shapes.append(smooth(_run(torso.polygon, torso.stations, -1.0, 0.16), "shorts"))
        nose, eye, ear = _face(skel)
        shapes.append(smooth(_hair(skel), "hair"))
        shapes.append(polygon(nose, "skin"))
        shapes.append(circle(ear, body.HEAD_RX * 0.16, "skin_far"))
        shapes.append(circle(eye, body.HEAD_RX * 0.075, "hair"))
        if highlight != "none":
            shapes.extend(smooth(band, "highlight")
                          for band in trunk_muscles(skel, muscles - {Muscle.GLUTES}))
    shapes.extend(middle or [])
    leg("near")
    if highlight != "none" and not partner:
        # The buttock shows over the top of the near thigh, seen from the side.
        shapes.extend(smooth(band, "highlight")
                      for band in trunk_muscles(skel, muscles & {Muscle.GLUTES}))
    arm("near")
    if highlight == "far" and not partner:
        shapes.extend(Shape(SMOOTH, tuple(band), stroke="highlight", width=MUSCLE_OUTLINE)
                      for band in leg_muscles(skel, "far", muscles))
    return shapes


# --------------------------------------------------------------------------
# Arrow and floor
# --------------------------------------------------------------------------


def arrow_shapes(path: ArrowPath) -> list[Shape]:
    pts = list(path.points)
    (x1, y1), (x2, y2) = pts[-2], pts[-1]
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    tip = (x2 + ux * ARROW_HEAD * 0.55, y2 + uy * ARROW_HEAD * 0.55)
    base = (tip[0] - ux * ARROW_HEAD, tip[1] - uy * ARROW_HEAD)
    half = ARROW_HEAD * 0.62
    head = [tip, (base[0] - uy * half, base[1] + ux * half), (base[0] + uy * half, base[1] - ux * half)]
    # Stop the shaft inside the head so its round cap does not poke out of the tip.
    shaft = [*pts[:-1], (base[0] + ux * ARROW_HEAD * 0.3, base[1] + uy * ARROW_HEAD * 0.3)]
    edge = 0.014
    return [
        line(shaft, "arrow_edge", ARROW_WIDTH + 2 * edge),
        polygon(head, "arrow_edge", "arrow_edge", 2 * edge),
        line(shaft, "arrow", ARROW_WIDTH),
        polygon(head, "arrow"),
    ]


def floor_shadow(skel: Skeleton) -> Shape | None:
    low = [(x, y) for part in outline.parts(skel).values() for x, y in part.polygon if y < 0.04]
    if not low:
        return None
    x0 = min(x for x, _ in low)
    x1 = max(x for x, _ in low)
    cx = (x0 + x1) / 2
    rx = (x1 - x0) / 2 + 0.05
    ry = 0.012
    points = [(cx + rx * math.cos(2 * math.pi * i / 24), ry * math.sin(2 * math.pi * i / 24))
              for i in range(24)]
    return smooth(points, "shadow")
