"""Monochrome icons, drawn in the colours of the theme on screen.

The SVGs in resources/icons/ui draw everything in ``currentColor``; each is
recoloured as it is loaded (to the text colour of the place it sits in), so
one file serves every theme. Nothing on the start-up path draws an icon:
QtSvg is imported only to draw one, and the navigation gets its icons once
the log is open (app.ui.theme_switch). The style sheet's few images (arrows,
check marks) are files written in the theme's colours (icon_file).

A button opts in with a dynamic property, ``button.setProperty("iconName",
"export")``; the theme switch gives it the icon and redraws it in each theme.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPixmap

from app.resources import resources_dir

ICON_NAMES = ("today", "library", "programs", "history", "settings", "play", "import",
              "export", "undo", "add", "edit", "delete",
              # For the style sheet: spin box and combo box arrows, check marks.
              "arrow-up", "arrow-down", "check")
# Rendered at each size rather than scaled: thin strokes stay crisp at every
# text size (icons grow with the text, up to 200 %).
SIZES = (16, 20, 24, 32, 40, 48, 64)
PIXEL_RATIOS = (1.0, 2.0)


def icon_dir() -> Path:
    return resources_dir() / "icons" / "ui"


@functools.cache
def _source(name: str) -> str:
    if name not in ICON_NAMES:
        raise KeyError(f"no icon called {name!r}")
    return (icon_dir() / f"{name}.svg").read_text(encoding="utf-8")


@functools.cache
def _file_dir() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="hamstride-icons-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder


@functools.cache
def icon_file(name: str, colour: str) -> str:
    """A file of ``name`` drawn in ``colour``, for the style sheet's url()
    (which cannot recolour an image): written once per run into a temporary
    folder, removed when the app ends."""
    path = _file_dir() / f"{name}-{colour.lstrip('#')}.svg"
    path.write_text(_source(name).replace("currentColor", colour), encoding="utf-8")
    return path.as_posix()


def _render(svg: str, size: int, ratio: float) -> QPixmap:
    from PySide6.QtSvg import QSvgRenderer  # only once an icon is drawn: not at start-up

    pixels = round(size * ratio)
    image = QImage(pixels, pixels, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(0, 0, 0, 0))
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, pixels, pixels))
    painter.end()
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


@functools.cache
def icon(name: str, colour: str, selected: str | None = None,
         disabled: str | None = None) -> QIcon:
    """``name`` drawn in ``colour``; in ``selected`` where it sits on the
    selection (a current navigation item), and ``disabled`` when disabled."""
    made = QIcon()
    source = _source(name)
    for mode, value in ((QIcon.Mode.Normal, colour), (QIcon.Mode.Active, colour),
                        (QIcon.Mode.Selected, selected or colour),
                        (QIcon.Mode.Disabled, disabled or colour)):
        svg = source.replace("currentColor", value)
        for size in SIZES:
            for ratio in PIXEL_RATIOS:
                made.addPixmap(_render(svg, size, ratio), mode, QIcon.State.Off)
    return made
