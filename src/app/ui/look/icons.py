"""Monochrome icons, drawn in the colours of the theme on screen.

The SVGs in resources/icons/ui draw everything in ``currentColor``; each is
recoloured as it is loaded (to the text colour of the place it sits in), so
one file serves every theme. The recoloured copies are small files written
once per run (icon_file): Qt's SVG icon engine draws them at the size they
are shown, and the style sheet's few images (arrows, check marks) are the
same files. Nothing on the start-up path draws an icon: the navigation gets
its icons once the log is open (app.ui.look.theme_switch).

A button gets one with ``app.ui.look.theme_switch.set_icon(button, "export")``:
drawn in the theme's colours now, and again by the theme switch whenever the
theme changes. (There, not here: it reads the theme from app.ui.look.style,
whose style sheet reads this module's files, and the two must not import
each other.)
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from app.kernel.resources import resources_dir

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

ICON_PROPERTY = "iconName"  # set_icon's mark on a button, for the theme switch
ICON_NAMES = ("today", "library", "programs", "history", "settings", "week", "play", "import",
              "export", "undo", "add", "edit", "delete",
              # For the style sheet: spin box and combo box arrows, check marks.
              "arrow-up", "arrow-down", "check")


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


@functools.cache
def icon(name: str, colour: str, selected: str | None = None,
         disabled: str | None = None) -> QIcon:
    """``name`` drawn in ``colour``; in ``selected`` where it sits on the
    selection (a current navigation item), and ``disabled`` when disabled.

    From recoloured files, so Qt's SVG icon engine draws each at the size it
    is shown (crisp at every text size and screen density) and only then."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon

    made = QIcon(icon_file(name, colour))
    # A mode left out is drawn from the normal one (Qt greys it when disabled).
    if selected is not None:
        made.addFile(icon_file(name, selected), QSize(), QIcon.Mode.Selected)
    if disabled is not None:
        made.addFile(icon_file(name, disabled), QSize(), QIcon.Mode.Disabled)
    return made
