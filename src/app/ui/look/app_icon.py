"""The app's icon, for the window, the task bar and the About dialog.

Built from the PNGs that packaging/make_icons.py renders from
resources/icons/hamstride.svg, not from the SVG itself: start-up time is
measured, and loading QtSvg plus parsing the SVG costs more than a QIcon
that only records the PNG files (each is decoded the first time its size is
asked for).
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from app.kernel.resources import resources_dir

ICON_NAME = "hamstride"
# The rendered sizes. 512 is for desktop menus and stores (the .desktop
# file's hicolor theme), too big for a window icon: X11 window managers are
# sent every size the icon has, so the window gets the others only.
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
WINDOW_ICON_SIZES = tuple(size for size in ICON_SIZES if size <= 256)


def icon_path(size: int) -> str:
    return str(resources_dir() / "icons" / f"{ICON_NAME}-{size}.png")


def app_icon(sizes: tuple[int, ...] = WINDOW_ICON_SIZES) -> QIcon:
    """Hamstride's icon; empty (no icon, not an error) if the files are missing."""
    icon = QIcon()
    for size in sizes:
        # With the size given, QIcon only reads the file's header now and
        # decodes it when that size is first drawn; a missing file is skipped.
        icon.addFile(icon_path(size), QSize(size, size))
    return icon
