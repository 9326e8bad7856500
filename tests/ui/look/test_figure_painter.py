"""The QPainter layer and the step picture widget (offscreen)."""

from __future__ import annotations

import dataclasses
import gc
import sys

import pytest
from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter

from app.catalog import load_catalog_strict
from app.catalog.picture import scene_shapes
from app.catalog.scene import build_scene
from app.figure.drawing import SMOOTH
from app.kernel.resources import resources_dir
from app.ui.look.figure_painter import (
    PALETTES,
    FigureTheme,
    figures_ready,
    paint_step,
    render_step_image,
)
from app.ui.look.figure_view import StepFigureView


@pytest.fixture(scope="module")
def catalog():
    return load_catalog_strict(resources_dir())


def _colour_count(image: QImage, step: int = 3) -> int:
    seen = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            seen.add(image.pixel(x, y))
    return len(seen)


def _share_of(image: QImage, colour: QColor, step: int = 2) -> float:
    hits = total = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            total += 1
            hits += image.pixelColor(x, y).rgb() == colour.rgb()
    return hits / total


def test_every_colour_role_is_in_both_themes(catalog):
    roles = set()
    for exercise in catalog.exercises:
        for i in range(len(exercise.steps)):
            for shape in scene_shapes(build_scene(exercise, i)):
                roles |= {r for r in (shape.fill, shape.stroke) if r is not None}
    for theme in FigureTheme:
        assert roles <= set(PALETTES[theme]), (theme, roles - set(PALETTES[theme]))


def test_far_limbs_are_darker_than_near_ones():
    for theme in FigureTheme:
        palette = PALETTES[theme]
        for role in ("skin", "shorts", "shoe", "highlight"):
            assert QColor(palette[f"{role}_far"]).lightness() < QColor(palette[role]).lightness()


def test_the_figure_stands_out_on_both_backgrounds():
    def luminance(name: str) -> float:
        c = QColor(name)
        def channel(v: float) -> float:
            v /= 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())

    for theme in FigureTheme:
        palette = PALETTES[theme]
        bg = luminance(palette["background"])
        for role in ("skin", "skin_far", "shirt", "highlight", "arrow", "floor"):
            fg = luminance(palette[role])
            ratio = (max(fg, bg) + 0.05) / (min(fg, bg) + 0.05)
            assert ratio >= 3.0, (theme, role, round(ratio, 2))


@pytest.mark.parametrize("theme", list(FigureTheme))
def test_render_step_image_draws_a_picture_of_that_size(qapp, catalog, theme):
    exercise = catalog.get("romanian-deadlift")
    image = render_step_image(exercise, 2, QSize(400, 300), theme)
    assert (image.width(), image.height()) == (400, 300)
    background = QColor(PALETTES[theme]["background"])
    assert image.pixelColor(0, 0).rgb() == background.rgb()
    assert 0.4 < _share_of(image, background) < 0.97   # a figure is there, and room around it
    assert _colour_count(image) > 12                    # filled and shaded, antialiased


def test_pictures_scale_from_thumbnail_to_full_screen(qapp, catalog):
    exercise = catalog.get("nordic-hamstring-curl")
    small = render_step_image(exercise, 0, QSize(200, 150), FigureTheme.DARK)
    big = render_step_image(exercise, 0, QSize(1200, 900), FigureTheme.DARK)
    background = QColor(PALETTES[FigureTheme.DARK]["background"])
    # The same drawing: the share of the picture the figure covers stays the same.
    assert _share_of(small, background, 1) == pytest.approx(_share_of(big, background, 6), abs=0.03)


def test_paint_step_keeps_inside_its_rectangle(qapp, catalog):
    image = QImage(600, 400, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#ff00ff"))
    painter = QPainter(image)
    paint_step(painter, QRectF(100, 50, 300, 200), catalog.get("glute-bridge"), 1, FigureTheme.LIGHT)
    painter.end()
    magenta = QColor("#ff00ff").rgb()
    for x, y in ((99, 100), (401, 100), (200, 49), (200, 251), (0, 0), (599, 399)):
        assert image.pixel(x, y) == magenta, (x, y)
    assert image.pixel(101, 51) != magenta


def test_moving_between_steps_draws_the_poses_in_between(qapp, catalog):
    exercise = catalog.get("nordic-hamstring-curl")

    def draw(t):
        image = QImage(320, 240, QImage.Format.Format_ARGB32_Premultiplied)
        painter = QPainter(image)
        paint_step(painter, QRectF(0, 0, 320, 240), exercise, 1, FigureTheme.DARK, t)
        painter.end()
        return image

    still, start, middle, end = draw(None), draw(0.0), draw(0.5), draw(1.0)
    assert middle != start and middle != end
    assert start == still   # t = 0 is the step's own pose (its arrow too)
    last = len(exercise.steps) - 1   # the last step has no next one: t is ignored
    a = render_step_image(exercise, last, QSize(100, 75), FigureTheme.DARK)
    image = QImage(100, 75, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    paint_step(painter, QRectF(0, 0, 100, 75), exercise, last, FigureTheme.DARK, 0.7)
    painter.end()
    assert image == a


def test_a_step_that_does_not_exist_is_an_index_error(qapp, catalog):
    with pytest.raises(IndexError):
        render_step_image(catalog.get("glute-bridge"), 9, QSize(50, 50), FigureTheme.DARK)


def test_painting_keeps_none_alive(qapp, catalog):
    """Thousands of pictures leave None's reference count where it was (a
    binding that drops a reference per void call would abort Python 3.11;
    see tests/project/test_qt_binding.py)."""
    image = QImage(120, 90, QImage.Format.Format_ARGB32_Premultiplied)
    rect = QRectF(0, 0, 120, 90)

    def paint_all(t):
        for exercise in catalog.exercises:
            for i in range(len(exercise.steps)):
                painter = QPainter(image)
                paint_step(painter, rect, exercise, i, FigureTheme.DARK, t)
                painter.end()

    paint_all(None)
    paint_all(0.4)
    # Garbage left by earlier tests would let go of None references of its own.
    gc.collect()
    was_enabled = gc.isenabled()  # the test session keeps it off: see conftest
    gc.disable()
    try:
        before = sys.getrefcount(None)
        for _ in range(3):
            paint_all(None)
            paint_all(0.6)
        after = sys.getrefcount(None)
    finally:
        if was_enabled:
            gc.enable()
    assert after >= before - 5


def test_shapes_are_well_formed(catalog):
    for exercise in catalog.exercises:
        for i in range(len(exercise.steps)):
            for shape in scene_shapes(build_scene(exercise, i)):
                assert shape.fill is not None or shape.stroke is not None
                if shape.kind == SMOOTH:
                    assert len(shape.points) >= 3


# --------------------------------------------------------------------------
# StepFigureView
# --------------------------------------------------------------------------


def test_view_shows_a_step_with_a_name_and_tooltip(qtbot, catalog):
    view = StepFigureView()
    qtbot.addWidget(view)
    exercise = catalog.get("glute-bridge")
    view.show_step(exercise, 1)
    assert view.toolTip() == f"Step 2 of 4: {exercise.steps[1].text}"
    assert "step 2 of 4" in view.accessibleName().lower()
    assert view.minimumSizeHint().width() >= 120
    assert view.sizeHint().width() > view.minimumSizeHint().width()
    assert view.hasHeightForWidth()
    assert view.heightForWidth(400) == 300
    with pytest.raises(IndexError):
        view.show_step(exercise, 4)


def test_view_paints_and_keeps_the_aspect(qtbot, catalog):
    view = StepFigureView()
    qtbot.addWidget(view)
    view.resize(600, 200)   # wide: the picture is centred, 4:3
    view.show_step(catalog.get("romanian-deadlift"), 3)
    qtbot.waitUntil(lambda: view.is_picture_ready() and not view.preparer.is_busy())
    rect = view.picture_rect()
    assert rect.height() == 200
    assert rect.width() == pytest.approx(200 * 4 / 3)
    assert rect.left() == pytest.approx((600 - rect.width()) / 2)
    view.show()
    qtbot.waitExposed(view)
    image = view.grab().toImage()
    background = QColor(PALETTES[FigureTheme.DARK]["background"]).rgb()
    assert image.pixel(300, 100) != image.pixel(5, 100) or image.pixel(5, 100) != background


def test_view_theme_and_progress(qtbot, catalog):
    view = StepFigureView()
    qtbot.addWidget(view)
    view.resize(320, 240)
    view.show_step(catalog.get("nordic-hamstring-curl"), 0)
    qtbot.waitUntil(lambda: view.is_picture_ready() and not view.preparer.is_busy())
    dark = view.grab().toImage()
    view.set_theme(FigureTheme.LIGHT)
    assert view.theme is FigureTheme.LIGHT
    qtbot.waitUntil(lambda: view.is_picture_ready() and not view.preparer.is_busy())
    light = view.grab().toImage()
    assert dark != light
    view.set_progress(0.5)
    assert view.progress == 0.5
    moving = view.grab().toImage()
    assert moving != light
    view.set_progress(3.0)
    assert view.progress == 1.0
    view.set_progress(None)
    assert view.grab().toImage() == light
    view.show_step(catalog.get("nordic-hamstring-curl"), 2)
    assert view.progress is None   # a new step starts still


def _never_seen(exercise):
    """A copy of ``exercise`` under a new slug: no cache has placed it yet."""
    return dataclasses.replace(exercise, slug=f"{exercise.slug}-unseen-{id(object())}")


def test_a_new_exercise_shows_the_placeholder_until_placed_off_the_ui_thread(qtbot, catalog,
                                                                            monkeypatch):
    import threading

    from app.catalog import scene

    placed_on: list[str] = []
    real_place = scene.place

    def watched_place(*args, **kwargs):
        placed_on.append(threading.current_thread().name)
        return real_place(*args, **kwargs)

    monkeypatch.setattr(scene, "place", watched_place)
    exercise = _never_seen(catalog.get("romanian-deadlift"))
    view = StepFigureView()
    qtbot.addWidget(view)
    view.resize(320, 240)
    view.set_theme(FigureTheme.LIGHT)
    assert not figures_ready(exercise, FigureTheme.LIGHT)
    with qtbot.waitSignal(view.preparer.prepared, timeout=10000):
        view.show_step(exercise, 0)
        placeholder = view.grab().toImage()
    assert view.is_picture_ready()
    # The first picture itself was drawn in the background: the paint only copies it.
    import app.ui.look.figure_view as figure_view

    def no_painting_here(*_args, **_kwargs):
        raise AssertionError("the first picture was painted on the UI thread")

    monkeypatch.setattr(figure_view, "paint_step", no_painting_here)
    picture = view.grab().toImage()
    monkeypatch.undo()
    # The placeholder is the background and the floor line: two colours (and
    # their antialiased blend), where the picture has the athlete's many.
    assert _colour_count(placeholder, step=1) <= 4
    assert _colour_count(picture) > 8
    assert placed_on and threading.main_thread().name not in placed_on


def test_prepare_ahead_places_the_next_exercises_in_order(qtbot, catalog):
    view = StepFigureView()
    qtbot.addWidget(view)
    coming = [_never_seen(catalog.get(slug)) for slug in ("glute-bridge", "leg-swings")]
    view.prepare_ahead(coming)
    assert view.preparer.is_busy()
    for exercise in coming:
        qtbot.waitUntil(lambda e=exercise: figures_ready(e, FigureTheme.DARK), timeout=10000)
    qtbot.waitUntil(lambda: not view.preparer.is_busy())


def test_an_empty_view_paints_nothing(qtbot):
    view = StepFigureView()
    qtbot.addWidget(view)
    view.resize(200, 150)
    assert view.exercise is None
    view.grab()   # no exercise yet: no error, no warning
