"""Draws an exercise step with QPainter: the athlete, the equipment, the arrow.

All the geometry comes from ``app.figure`` as a list of shapes with colour
roles; this module maps the roles to a theme's colours and paints them,
scaled to fit any rectangle (every size in body heights, so a 200 px
thumbnail and a 1200 px picture are the same drawing).
"""

from __future__ import annotations

import enum
import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QIODevice, QPointF, QRectF, QSize
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QImage, QPainter, QPen, QPolygonF

from app.figure.drawing import CIRCLE, LINE, POLYGON, SMOOTH, Shape, smooth_outline
from app.kernel.atomic import atomic_write

if TYPE_CHECKING:
    from collections.abc import Iterable

    from app.catalog import Exercise


class FigureTheme(enum.Enum):
    DARK = "dark"
    LIGHT = "light"


# Colour roles (see app.figure.drawing). Far limbs are a darker tone of the
# near ones in both themes: they are in the shade of the body.
_COMMON = {
    "hair": "#3a2c25",
    "iron": "#2c3236",
    "iron_shine": "#59636a",
    "stack": "#3b464d",
    "cable": "#c8ced2",
}
PALETTES: dict[FigureTheme, dict[str, str]] = {
    FigureTheme.DARK: {
        **_COMMON,
        "background": "#172127", "gap": "#172127",
        "floor": "#6b7d86", "shadow": "#0d1418",
        "skin": "#e6d3c2", "skin_far": "#a18d7c",
        "shirt": "#4c9ae3", "shorts": "#5d6e7b", "shorts_far": "#3f4b54",
        "shoe": "#f1f4f5", "shoe_far": "#8f999f",
        "highlight": "#ff6b35", "highlight_far": "#c24a1f",
        "arrow": "#ffd23f", "arrow_edge": "#172127",
        "partner": "#7b8790", "partner_far": "#55616a",
        "plate": "#3e4b54", "plate_rim": "#9fb0ba",
        "metal": "#d3dade", "metal_dark": "#7e8a91",
        "weight": "#5b6870", "weight_far": "#3d474e",
        "iron": "#4a545b", "iron_shine": "#7d8a93",
        "ball": "#8e6fd8", "ball_shine": "#b39cf0",
        "roller": "#38b39b", "roller_core": "#267a6a",
        "bench_top": "#8b6a4e", "frame": "#8995a0", "pad": "#48545c",
        "mat": "#3f8a78", "wall": "#1f2c34", "wall_line": "#2b3b46",
        "stack": "#2e3840",
    },
    FigureTheme.LIGHT: {
        **_COMMON,
        "background": "#f6f7f5", "gap": "#f6f7f5",
        "floor": "#7d8b92", "shadow": "#dde2df",
        "skin": "#a8775a", "skin_far": "#724f39",
        "shirt": "#2c73c0", "shorts": "#3a4852", "shorts_far": "#232c33",
        "shoe": "#4f5d67", "shoe_far": "#2c353c",
        "highlight": "#e0481b", "highlight_far": "#9e2f10",
        "arrow": "#0b8a68", "arrow_edge": "#f6f7f5",
        "partner": "#a6b0b7", "partner_far": "#838e96",
        "plate": "#3b464e", "plate_rim": "#7c8c96",
        "metal": "#9aa6ae", "metal_dark": "#5f6b73",
        "weight": "#46525a", "weight_far": "#2c353b",
        "ball": "#7d5cc9", "ball_shine": "#a58de6",
        "roller": "#24927d", "roller_core": "#176655",
        "bench_top": "#9c7350", "frame": "#6d7a83", "pad": "#38434b",
        "mat": "#5fae98", "wall": "#e6e9e6", "wall_line": "#d3d8d5",
        "stack": "#c5ccd1", "cable": "#4e5961",
    },
}

FLOOR_WIDTH = 0.008   # body heights
FRAME_FLOOR_FRACTION = 0.07   # the placeholder's floor: about where FRAME_MARGIN puts it


@lru_cache(maxsize=8)
def _colours(theme: FigureTheme) -> dict[str, QColor]:
    return {role: QColor(value) for role, value in PALETTES[theme].items()}


def background_colour(theme: FigureTheme) -> QColor:
    return QColor(_colours(theme)["background"])


def _polygon(points: list[tuple[float, float]] | tuple[tuple[float, float], ...]) -> QPolygonF:
    return QPolygonF([QPointF(x, y) for x, y in points])


# One drawing operation: (kind, geometry, pen, brush), ready for QPainter.
_Op = tuple[str, Any, QPen, QBrush]


def _prepare(shapes: list[Shape], theme: FigureTheme) -> list[_Op]:
    from PySide6.QtCore import Qt

    colours = _colours(theme)
    no_pen, no_brush = QPen(Qt.PenStyle.NoPen), QBrush(Qt.BrushStyle.NoBrush)
    ops: list[_Op] = []
    for shape in shapes:
        if shape.stroke is not None and shape.width > 0:
            pen = QPen(colours[shape.stroke], shape.width)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        else:
            pen = no_pen
        brush = QBrush(colours[shape.fill]) if shape.fill is not None else no_brush
        geometry: Any
        if shape.kind == SMOOTH:
            geometry = _polygon(smooth_outline(shape.points))
        elif shape.kind in (POLYGON, LINE):
            geometry = _polygon(shape.points)
        else:  # CIRCLE
            (cx, cy), r = shape.points[0], shape.radius
            geometry = (QPointF(cx, cy), r)
        ops.append((shape.kind, geometry, pen, brush))
    return ops


@lru_cache(maxsize=256)
def _prepared_step(exercise: Exercise, step_index: int, theme: FigureTheme) -> list[_Op]:
    """A step's still picture, ready to paint: redrawn at every resize or expose."""
    from app.catalog.picture import scene_shapes
    from app.catalog.scene import build_scene

    return _prepare(scene_shapes(build_scene(exercise, step_index)), theme)


class _Prepared:
    """Which exercises have their frame and still pictures placed, per theme.

    Placing an exercise's poses (its frame spans every step and the moves
    between) costs up to ~75 ms of pure Python, far too long for a paint:
    ``prepare_figures`` does it on any thread (a background job, ahead of
    time) and views ask ``figures_ready`` before painting. The QPen, QBrush
    and QPolygonF values made there are plain values, safe to hand over.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._done: set[tuple[Exercise, FigureTheme]] = set()

    def __contains__(self, key: tuple[Exercise, FigureTheme]) -> bool:
        with self._lock:
            return key in self._done

    def add(self, key: tuple[Exercise, FigureTheme]) -> None:
        with self._lock:
            self._done.add(key)


_PREPARED = _Prepared()


def prepare_figures(exercise: Exercise, theme: FigureTheme) -> Exercise:
    """Place every step of ``exercise`` and make its still pictures ready to
    paint in ``theme``; safe off the UI thread. Returns the exercise."""
    from app.catalog.scene import exercise_frame

    exercise_frame(exercise)
    for index in range(len(exercise.steps)):
        _prepared_step(exercise, index, theme)
    _PREPARED.add((exercise, theme))
    return exercise


def figures_ready(exercise: Exercise, theme: FigureTheme) -> bool:
    """True when painting a still step of ``exercise`` costs only the paint."""
    return (exercise, theme) in _PREPARED


def paint_placeholder(painter: QPainter, rect: QRectF, theme: FigureTheme) -> None:
    """What shows for the frame or two before a picture is ready: its background
    and floor line, so the picture then appears in place without a jump."""
    colours = _colours(theme)
    painter.save()
    try:
        painter.fillRect(rect, colours["background"])
        floor_y = rect.bottom() - rect.height() * FRAME_FLOOR_FRACTION
        painter.setPen(QPen(colours["floor"], max(1.0, rect.height() * FLOOR_WIDTH)))
        painter.drawLine(QPointF(rect.left(), floor_y), QPointF(rect.right(), floor_y))
    finally:
        painter.restore()


def _paint_ops(painter: QPainter, ops: list[_Op]) -> None:
    pen: QPen | None = None
    brush: QBrush | None = None
    for kind, geometry, op_pen, op_brush in ops:
        if op_pen is not pen:
            painter.setPen(op_pen)
            pen = op_pen
        if op_brush is not brush:
            painter.setBrush(op_brush)
            brush = op_brush
        if kind == LINE:
            painter.drawPolyline(geometry)
        elif kind == CIRCLE:
            centre, r = geometry
            painter.drawEllipse(centre, r, r)
        else:
            painter.drawPolygon(geometry)


def paint_step(painter: QPainter, rect: QRectF, exercise: Exercise, step_index: int,
               theme: FigureTheme, t: float | None = None) -> None:
    """Draw step ``step_index`` of ``exercise`` filling ``rect`` (background included).

    ``t`` None shows the step's pose; 0 <= t <= 1 shows the body that far on
    its way to the next step's pose.
    """
    from app.catalog.picture import scene_shapes
    from app.catalog.scene import build_scene, exercise_frame, frame_fit

    if not 0 <= step_index < len(exercise.steps):
        raise IndexError(f"{exercise.slug} has no step {step_index + 1}")
    colours = _colours(theme)
    if t is None:
        ops = _prepared_step(exercise, step_index, theme)
    else:
        ops = _prepare(scene_shapes(build_scene(exercise, step_index, t)), theme)
    scale, ox, oy = frame_fit(exercise_frame(exercise), rect.width(), rect.height())
    painter.save()
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.fillRect(rect, colours["background"])
        painter.setClipRect(rect)
        painter.translate(rect.x() + ox, rect.y() + oy)
        painter.scale(scale, -scale)
        left = -ox / scale
        right = (rect.width() - ox) / scale
        # The floor spans the whole picture, just under y = 0 where the body rests.
        painter.setPen(QPen(colours["floor"], FLOOR_WIDTH))
        painter.drawLine(QPointF(left, -FLOOR_WIDTH / 2), QPointF(right, -FLOOR_WIDTH / 2))
        _paint_ops(painter, ops)
    finally:
        painter.restore()


def render_step_image(exercise: Exercise, step_index: int, size: QSize,
                      theme: FigureTheme) -> QImage:
    """The step as a picture of ``size`` pixels."""
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    try:
        paint_step(painter, QRectF(0, 0, size.width(), size.height()), exercise, step_index, theme)
    finally:
        painter.end()
    return image


def write_step_images(exercises: Iterable[Exercise], out_dir: Path, size: tuple[int, int],
                      theme: FigureTheme) -> int:
    """Save every step of each exercise as ``<slug>-<step>.png`` in ``out_dir``.

    Creates the Qt application if there is none (set QT_QPA_PLATFORM first
    to draw without a display). Returns how many pictures were written.
    """
    _app = QGuiApplication.instance() or QGuiApplication(["hamstride"])
    count = 0
    for exercise in exercises:
        for index in range(len(exercise.steps)):
            path = Path(out_dir) / f"{exercise.slug}-{index + 1}.png"
            image = render_step_image(exercise, index, QSize(*size), theme)
            # Encoded in memory, then written as every file of the app's is:
            # 0600, whole or not at all, never over a device or a pipe.
            encoded = QBuffer()
            encoded.open(QIODevice.OpenModeFlag.WriteOnly)
            if not image.save(encoded, "PNG"):  # type: ignore[call-overload]  # str at run time
                raise OSError(f"cannot draw {path.name}")
            try:
                with atomic_write(path, "wb") as handle:
                    handle.write(encoded.data().data())
            except OSError as exc:  # one line naming the file, for the command line
                raise OSError(f"cannot write {path}: {exc.strerror or exc}") from exc
            count += 1
    del _app
    return count
