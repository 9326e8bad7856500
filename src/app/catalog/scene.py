"""Everything one step's picture shows, in body-height units, floor at y = 0.

``build_scene`` is what the painter calls. Placed poses are cached per
exercise (a catalog is immutable), and so is the frame: every step of an
exercise is drawn at the same scale and position, so going from step to
step (or animating between them) moves the body, not the camera.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from app.figure import equipment as eq
from app.figure import outline
from app.figure.arrows import ArrowPath, arrow_path
from app.figure.kinematics import Skeleton
from app.figure.muscles import Muscle, drawn_muscles
from app.figure.placement import Placement, place, place_between
from app.figure.pose import Pose
from app.figure.props import PlacedProp, arrange

if TYPE_CHECKING:
    from app.catalog.model import Exercise

Box = tuple[float, float, float, float]  # x0, y0, x1, y1

FRAME_MARGIN = 0.07
_BETWEEN_SAMPLES = (0.25, 0.5, 0.75)


@dataclass(frozen=True)
class Scene:
    figure: Skeleton
    highlight: str                 # "both", "near", "far" or "none"
    props: tuple[PlacedProp, ...]
    arrow: ArrowPath | None
    bounds: Box                    # of this picture
    frame: Box                     # shared by every step of the exercise
    problems: tuple[str, ...] = ()
    # The groups coloured on the working leg(s) and the trunk: those the
    # exercise lists (app.figure.muscles).
    muscles: frozenset[Muscle] = frozenset({Muscle.HAMSTRINGS})


def build_scene(exercise: Exercise, step_index: int, t: float | None = None) -> Scene:
    """The picture of step ``step_index``; with ``t``, on its way to the next step."""
    frame = exercise_frame(exercise)
    if t is None or step_index + 1 >= len(exercise.steps):
        return _with_frame(_static_scene(exercise, step_index), frame)
    t = min(1.0, max(0.0, t))
    return _with_frame(_moving_scene(exercise, step_index, t), frame)


def _with_frame(scene: Scene, frame: Box) -> Scene:
    return replace(scene, frame=frame)


@lru_cache(maxsize=256)
def _static_scene(exercise: Exercise, step_index: int) -> Scene:
    step = exercise.steps[step_index]
    pose = exercise.pose(step.pose)
    return _compose(exercise, pose, _placed(exercise, step.pose), step_index, with_arrow=True)


def _moving_scene(exercise: Exercise, step_index: int, t: float) -> Scene:
    here = exercise.step_pose(step_index)
    there = exercise.step_pose(step_index + 1)
    still = _static_scene(exercise, step_index)
    if here == there:
        return still
    placed = (_placed(exercise, here.name), _placed(exercise, there.name))
    placement = place_between(here, there, t, _heights(), placed)
    pose = here if t < 0.5 else there
    # The arrow belongs to the step being shown: it stays where the still
    # picture has it for the first half of the move, then goes.
    moving = _compose(exercise, pose, placement, step_index, with_arrow=False)
    return replace(moving, arrow=still.arrow if t < 0.5 else None)


@lru_cache(maxsize=512)
def _placed(exercise: Exercise, pose_name: str) -> Placement:
    return place(exercise.pose(pose_name), _heights())


def _heights() -> dict[str, float]:
    return dict(eq.SUPPORT_HEIGHT)


def _compose(exercise: Exercise, pose: Pose, placement: Placement, step_index: int,
             with_arrow: bool) -> Scene:
    placement, props = arrange(exercise.figure.props, pose, placement)
    step = exercise.steps[step_index]
    arrow = None
    if with_arrow and step.arrow is not None:
        arrow = arrow_path(step.arrow, placement.skeleton, props)
    bounds = _bounds(placement.skeleton, props, arrow)
    return Scene(placement.skeleton, step.highlight, props, arrow, bounds, bounds,
                 placement.problems, drawn_muscles(exercise.muscles))


@lru_cache(maxsize=64)
def exercise_frame(exercise: Exercise) -> Box:
    """The union of every step's picture (and the moves between), plus a margin."""
    boxes = [_static_scene(exercise, i).bounds for i in range(len(exercise.steps))]
    for i in range(len(exercise.steps) - 1):
        for t in _BETWEEN_SAMPLES:
            boxes.append(_moving_scene(exercise, i, t).bounds)
    x0 = min(b[0] for b in boxes)
    y0 = min(min(b[1] for b in boxes), 0.0)
    x1 = max(b[2] for b in boxes)
    y1 = max(b[3] for b in boxes)
    m = FRAME_MARGIN
    return (x0 - m, y0 - m, x1 + m, y1 + m)


def _bounds(skel: Skeleton, props: tuple[PlacedProp, ...], arrow: ArrowPath | None) -> Box:
    xs: list[float] = []
    ys: list[float] = []
    for part in outline.parts(skel).values():
        for x, y in part.polygon:
            xs.append(x)
            ys.append(y)
    for prop in props:
        px0, py0, px1, py1 = prop_extent(prop)
        if px0 <= px1:
            xs += [px0, px1]
            ys += [py0, py1]
        if prop.figure is not None:
            for part in outline.parts(prop.figure).values():
                for x, y in part.polygon:
                    xs.append(x)
                    ys.append(y)
    if arrow is not None:
        pad = 0.04  # the arrow head and its outline
        for x, y in arrow.points:
            xs += [x - pad, x + pad]
            ys += [y - pad, y + pad]
    return (min(xs), min(ys), max(xs), max(ys))


def prop_extent(prop: PlacedProp) -> Box:
    """A generous box around a prop (empty, x0 > x1, for an unused one)."""
    p, v = prop.points, prop.values
    if not p:
        return (1.0, 0.0, -1.0, 0.0)
    kind = prop.kind
    if kind == "barbell":
        return _around(p["centre"], eq.PLATE_RADIUS)
    if kind == "dumbbells":
        boxes = [_around(c, eq.DUMBBELL_HALF_LENGTH + eq.DUMBBELL_HEAD) for c in p.values()]
        return _union(boxes)
    if kind == "kettlebell":
        return _union([_around(p["centre"], eq.KETTLEBELL_RADIUS), _around(p["handle"], 0.03)])
    if kind in ("stability-ball", "foam-roller"):
        return _around(p["centre"], v["radius"])
    if kind in ("bench", "box"):
        return (p["top_left"][0], 0.0, p["top_right"][0], p["top_left"][1])
    if kind == "mat":
        return (p["left"][0], -v["thickness"], p["right"][0], 0.0)
    if kind == "wall":
        return (p["bottom_left"][0], 0.0, p["top_right"][0], p["top_right"][1])
    if kind == "partner":
        return _around(p["hands"], 0.03)
    if kind == "anchor":
        return _union([_around(p["pad"], v["radius"]), _around(p["base"], 0.05)])
    # Machines: every named point, with room for pads and the weight stack.
    boxes = [_around(q, 0.06) for q in p.values()]
    if kind == "cable-machine":
        boxes.append((p["tower_bottom"][0] - 0.05, 0.0, p["tower_bottom"][0] + 0.16, 1.16))
    if kind == "leg-curl-machine" and "post_bottom" in p:
        boxes.append((p["post_bottom"][0] - 0.03, 0.0, p["post_bottom"][0] + 0.2, p["post_top"][1]))
    return _union(boxes)


def _around(c: tuple[float, float], r: float) -> Box:
    return (c[0] - r, c[1] - r, c[0] + r, c[1] + r)


def _union(boxes: list[Box]) -> Box:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def frame_fit(frame: Box, width: float, height: float) -> tuple[float, float, float]:
    """(scale, x offset, y offset) mapping the frame into a width x height picture,
    centred, y flipped so the floor is near the bottom: px = ox + x * s, py = oy - y * s."""
    x0, y0, x1, y1 = frame
    scale = min(width / (x1 - x0), height / (y1 - y0))
    ox = (width - (x1 - x0) * scale) / 2 - x0 * scale
    oy = height - (height - (y1 - y0) * scale) / 2 + y0 * scale
    return scale, ox, oy

