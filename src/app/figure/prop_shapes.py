"""What each piece of equipment looks like, as shapes in three layers.

``back`` is drawn before the athlete, ``middle`` between the trunk and the
near leg (something held at the body's midline), ``front`` after the near
arm. Seen from the side, a barbell is its plate, end on; a stability ball
or a foam roller a circle; a machine its frame, pads and lever.
"""

from __future__ import annotations

import math

from app.figure import equipment as eq
from app.figure.drawing import Shape, circle, line, person, polygon, smooth
from app.figure.holding import PlacedProp
from app.figure.kinematics import Point, direction

Layers = dict[str, list[Shape]]


def _rect(x0: float, y0: float, x1: float, y1: float) -> list[Point]:
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


def _rounded(x0: float, y0: float, x1: float, y1: float, r: float, steps: int = 4) -> list[Point]:
    r = min(r, (x1 - x0) / 2, (y1 - y0) / 2)
    points: list[Point] = []
    corners = ((x1 - r, y0 + r, -90), (x1 - r, y1 - r, 0), (x0 + r, y1 - r, 90), (x0 + r, y0 + r, 180))
    for cx, cy, start in corners:
        for i in range(steps + 1):
            a = math.radians(start + 90 * i / steps)
            points.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return points


def _oriented_box(centre: Point, angle: float, half_long: float, half_short: float) -> list[Point]:
    """A rectangle centred on ``centre``, long side along direction ``angle``."""
    ux, uy = direction(angle)
    nx, ny = -uy, ux
    cx, cy = centre
    return [(cx + ux * a * half_long + nx * b * half_short, cy + uy * a * half_long + ny * b * half_short)
            for a, b in ((-1, -1), (1, -1), (1, 1), (-1, 1))]


def _ring(centre: Point, r: float, steps: int = 32) -> list[Point]:
    cx, cy = centre
    return [(cx + r * math.cos(2 * math.pi * i / steps), cy + r * math.sin(2 * math.pi * i / steps))
            for i in range(steps)]


def prop_shapes(prop: PlacedProp, facing: int) -> Layers:
    layers: Layers = {"back": [], "middle": [], "front": []}
    if not prop.points and prop.figure is None:
        return layers
    draw = _DRAWERS.get(prop.kind)
    if draw is not None:
        draw(prop, layers, facing)
    return layers


def _barbell(prop: PlacedProp, layers: Layers, facing: int) -> None:
    c = prop.points["centre"]
    r = eq.PLATE_RADIUS
    layers["back"] += [
        circle(c, r, "plate", "plate_rim", 0.008),
        circle(c, r * 0.80, None, "plate_rim", 0.004),
        circle(c, r * 0.30, "plate_rim"),
    ]
    layers["front"] += [
        circle(c, eq.BAR_RADIUS * 1.9, "metal_dark"),
        circle(c, eq.BAR_RADIUS * 1.25, "metal"),
    ]


def _dumbbells(prop: PlacedProp, layers: Layers, facing: int) -> None:
    for side, layer in (("far", "back"), ("near", "front")):
        if side not in prop.points:
            continue
        c = prop.points[side]
        a = prop.values[f"{side}_angle"]
        ux, uy = direction(a)
        half = eq.DUMBBELL_HALF_LENGTH
        handle = [(c[0] - ux * half, c[1] - uy * half), (c[0] + ux * half, c[1] + uy * half)]
        role = "metal" if side == "near" else "metal_dark"
        head_role = "weight" if side == "near" else "weight_far"
        shapes = [line(handle, role, 0.022)]
        for k in (-1, 1):
            hc = (c[0] + ux * k * (half - 0.02), c[1] + uy * k * (half - 0.02))
            shapes.append(polygon(_oriented_box(hc, a, 0.028, eq.DUMBBELL_HEAD), head_role, "gap", 0.006))
        layers[layer] += shapes


def _kettlebell(prop: PlacedProp, layers: Layers, facing: int) -> None:
    c, h = prop.points["centre"], prop.points["handle"]
    r = eq.KETTLEBELL_RADIUS
    a = prop.values["angle"]   # from the bell towards the handle
    ux, uy = direction(a)
    nx, ny = -uy, ux
    # The handle: a thick loop from the bell's shoulders up to the grip.
    loop = []
    for i in range(13):
        t = math.pi * i / 12
        k = math.cos(t)
        up = math.sin(t)
        loop.append((c[0] + nx * k * r * 0.62 + ux * (r * 0.55 + up * (eq.KETTLEBELL_HANDLE - r * 0.2)),
                     c[1] + ny * k * r * 0.62 + uy * (r * 0.55 + up * (eq.KETTLEBELL_HANDLE - r * 0.2))))
    del h
    body_shape = _ring(c, r, 28)
    base = [(c[0] - ux * r * 0.92 + nx * k * r * 0.55, c[1] - uy * r * 0.92 + ny * k * r * 0.55)
            for k in (-1, 1)]
    # Held in front, the bell goes in front of the legs (it swings between
    # them, but hidden behind the near leg it would not read); swung back
    # between the thighs, or on the floor, it goes behind the near leg.
    between = prop.values.get("between_legs", 0.0) > 0.0
    layer = "front" if prop.at == "hands" and not between else "middle"
    layers[layer] += [
        line(loop, "gap", 0.034),
        line(loop, "iron", 0.020),
        smooth(body_shape, "iron"),
        line(base, "iron", 0.03),
        circle((c[0] + nx * r * 0.35 + ux * r * 0.3, c[1] + ny * r * 0.35 + uy * r * 0.3), r * 0.16,
               "iron_shine"),
    ]


def _ball(prop: PlacedProp, layers: Layers, facing: int) -> None:
    c = prop.points["centre"]
    r = prop.values["radius"]
    layers["back"] += [
        circle(c, r, "ball", "gap", 0.008),
        circle((c[0] - r * 0.32, c[1] + r * 0.36), r * 0.22, "ball_shine"),
    ]


def _roller(prop: PlacedProp, layers: Layers, facing: int) -> None:
    c = prop.points["centre"]
    r = prop.values["radius"]
    layers["back"] += [circle(c, r, "roller", "gap", 0.006), circle(c, r * 0.45, "roller_core")]


def _bench(prop: PlacedProp, layers: Layers, facing: int) -> None:
    (x0, top), (x1, _) = prop.points["top_left"], prop.points["top_right"]
    pad = 0.05 if prop.kind == "bench" else top
    shapes = [polygon(_rounded(x0, top - pad, x1, top, 0.015), "bench_top", "gap", 0.006)]
    if prop.kind == "bench":
        for x in (x0 + 0.05, x1 - 0.05):
            shapes.append(polygon(_rect(x - 0.018, 0.0, x + 0.018, top - pad), "frame"))
    layers["back"] += shapes


def _mat(prop: PlacedProp, layers: Layers, facing: int) -> None:
    (x0, _), (x1, _) = prop.points["left"], prop.points["right"]
    t = prop.values["thickness"]
    layers["back"].append(polygon(_rounded(x0, -t, x1, 0.0, t / 2), "mat"))


def _wall(prop: PlacedProp, layers: Layers, facing: int) -> None:
    (x0, _), (x1, y1) = prop.points["bottom_left"], prop.points["top_right"]
    shapes = [polygon(_rect(x0, 0.0, x1, y1), "wall")]
    for k in range(1, 6):  # panelling, so it reads as a wall and not a shadow
        y = y1 * k / 6
        shapes.append(line([(x0, y), (x1, y)], "wall_line", 0.004))
    shapes.append(polygon(_rect(x0, 0.0, x1, 0.05), "wall_line"))
    hand = prop.points.get("hand")
    if hand is not None:  # the hand's shadow on the wall: it is pressed against it
        shapes.append(smooth(_ring((hand[0] + 0.012, hand[1] - 0.012), 0.05, 16), "wall_line"))
    layers["back"] += shapes


def _partner(prop: PlacedProp, layers: Layers, facing: int) -> None:
    if prop.figure is not None:
        layers["back"] += person(prop.figure, partner=True)


def _anchor(prop: PlacedProp, layers: Layers, facing: int) -> None:
    pad, base = prop.points["pad"], prop.points["base"]
    r = prop.values["radius"]
    layers["back"] += [
        line([pad, (base[0], pad[1]), (base[0], 0.0)], "frame", 0.024),
        polygon(_rect(base[0] - 0.07, 0.0, base[0] + 0.07, 0.02), "frame"),
    ]
    layers["front"] += [circle(pad, r, "pad", "gap", 0.006)]


def _machine(prop: PlacedProp, layers: Layers, facing: int) -> None:
    p = prop.points
    pivot, pad = p["pivot"], p["pad"]
    r = prop.values["pad_radius"]
    lever = [line([pivot, pad], "gap", 0.036), line([pivot, pad], "frame", 0.02)]
    if "post_bottom" in p:  # standing: the frame is in front of the athlete
        (px, _), (_, top) = p["post_bottom"], p["post_top"]
        toward = 1.0 if px >= pivot[0] else -1.0
        stack_x0, stack_x1 = sorted((px + toward * 0.05, px + toward * 0.2))
        handle = p["handle"]
        tp = p["thigh_pad"]
        layers["back"] += [
            polygon(_rect(stack_x0, 0.02, stack_x1, top * 0.72), "stack", "frame", 0.012),
            *[line([(stack_x0, y), (stack_x1, y)], "frame", 0.004)
              for y in [0.02 + (top * 0.72 - 0.02) * k / 8 for k in range(1, 8)]],
            polygon(_rect(min(px, stack_x0) - 0.03, 0.0, max(px, stack_x1) + 0.03, 0.025), "frame"),
            line([(px, 0.0), (px, top)], "frame", 0.03),
            line([(px, top), (handle[0], handle[1] + 0.0)], "frame", 0.018),
            line([(px, tp[1]), tp], "frame", 0.018),
            polygon(_oriented_box(tp, prop.values["thigh_angle"], 0.06, 0.024), "pad", "gap", 0.006),
        ]
    else:  # lying: a padded bench under the body
        (x0, top), (x1, _) = p["bench_start"], p["bench_end"]
        left, right = min(x0, x1), max(x0, x1)
        handle = p["handle"]
        layers["back"] += [
            line([(left + 0.06, 0.0), (left + 0.06, top)], "frame", 0.03),
            line([(right - 0.04, 0.0), (right - 0.04, top), pivot], "frame", 0.03),
            polygon(_rect(left - 0.02, 0.0, right + 0.02, 0.025), "frame"),
            line([(handle[0], handle[1]), (handle[0], top - 0.05), (x0, top - 0.05)], "frame", 0.016),
            polygon(_rounded(left, top - 0.055, right, top, 0.02), "pad", "gap", 0.006),
        ]
    layers["front"] += [*lever, circle(pivot, 0.022, "metal", "frame", 0.008),
                        circle(pad, r, "pad", "gap", 0.006)]


def _cable(prop: PlacedProp, layers: Layers, facing: int) -> None:
    p = prop.points
    (tx, _), (_, top) = p["tower_bottom"], p["tower_top"]
    pulley, cuff, handle = p["pulley"], p["cuff"], p["handle"]
    toward = 1.0 if tx >= cuff[0] else -1.0
    x0, x1 = sorted((tx + toward * 0.03, tx + toward * 0.16))
    layers["back"] += [
        polygon(_rect(min(tx, x0) - 0.03, 0.0, max(tx, x1) + 0.03, 0.025), "frame"),
        polygon(_rect(x0, 0.1, x1, 0.55), "stack", "frame", 0.012),
        *[line([(x0, y), (x1, y)], "frame", 0.004) for y in [0.1 + 0.45 * k / 8 for k in range(1, 8)]],
        line([(tx, 0.0), (tx, top)], "frame", 0.034),
        line([(tx, top), (x1, top)], "frame", 0.03),
        line([(tx, handle[1]), handle], "frame", 0.018),
    ]
    a = prop.values["shank_angle"]
    layers["front"] += [
        line([pulley, cuff], "cable", 0.008),
        circle(pulley, 0.03, "metal", "frame", 0.008),
        polygon(_oriented_box(cuff, a, 0.028, 0.032), "pad", "gap", 0.005),
    ]


_DRAWERS = {
    "barbell": _barbell,
    "dumbbells": _dumbbells,
    "kettlebell": _kettlebell,
    "stability-ball": _ball,
    "foam-roller": _roller,
    "bench": _bench,
    "box": _bench,
    "mat": _mat,
    "wall": _wall,
    "partner": _partner,
    "anchor": _anchor,
    "leg-curl-machine": _machine,
    "cable-machine": _cable,
}
