"""Gym mode's look: a high-contrast dark palette and type sized from the screen.

Everything is scoped to the session screen (its own palette and style sheet),
so the rest of the app keeps its look. Sizes are fractions of the screen's
height: the athlete reads it from 2-3 m, so only big type and big shapes
count, and they must grow with the window (F11).

Two variants (``GymLook``): gym mode's own dark look, and a maximum-contrast
one for an athlete who chose the app's high-contrast theme: pure black, pure
white text (the secondary text too), every surface edged in white and a
thicker focus. The phase colours are the same in both: each is over 7:1 on
black.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtGui import QColor, QFont, QPalette

from app.session.events import Phase
from app.ui.look.style import HIGH_CONTRAST, Tokens

BACKGROUND = "#07090b"
SURFACE = "#141b20"
SURFACE_EDGE = "#43535d"
TEXT = "#ffffff"
TEXT_DIM = "#c3ced4"       # still 11:1 on the background: secondary, not faint
TRACK = "#26323a"          # the empty part of bars and strips

READY = "#ffffff"
GET_READY = "#ffffff"
LOWER = "#ffd23f"          # yellow: the signature cue, and the draining bar
CATCH = "#ff7a3d"
RETURN = "#7cc4ff"
HOLD = "#6fe09a"
WORK = "#6fe09a"
REST = "#3fd6bd"
SWITCH = "#ffae42"
PAUSED = "#ffd23f"
ERROR = "#ff7b7b"
DONE = "#6fe09a"
SIDE_COLOURS = {"left": "#5aa8ff", "right": "#ffae42"}

PHASE_COLOURS = {
    Phase.GET_READY: GET_READY, Phase.LOWERING: LOWER, Phase.CATCH: CATCH,
    Phase.RETURN: RETURN, Phase.HOLD: HOLD, Phase.RELAX: RETURN, Phase.WORK: WORK,
}


class GymLook(NamedTuple):
    """The colours that differ between the two variants (see the module docstring)."""

    background: str
    surface: str            # buttons and fields
    surface_edge: str       # their edges
    text_dim: str           # secondary text
    track: str              # the empty part of bars and strips
    track_edge: str | None  # an edge around bars and strips, when they need one to show
    overlay: str            # behind the pause and the list of keys
    focus: str              # the edge of the field with the keyboard focus...
    focus_extra: int        # ...this many px thicker than the other edges
    selection: str          # selected text in a field
    selection_text: str


STANDARD = GymLook(
    background=BACKGROUND, surface=SURFACE, surface_edge=SURFACE_EDGE, text_dim=TEXT_DIM,
    # The overlays are opaque: the big word behind the pause ("READY") must
    # not show through its "PAUSED".
    track=TRACK, track_edge=None, overlay=BACKGROUND, focus=LOWER, focus_extra=1,
    selection=SURFACE_EDGE, selection_text=TEXT)

# From the app's high-contrast tokens: black, white and its yellow focus ring.
# The tracks are black too, so bars and strips get a white edge to show their
# length; the overlays are opaque, so nothing behind them dims their text.
MAXIMUM = GymLook(
    background=HIGH_CONTRAST.background, surface=HIGH_CONTRAST.background,
    surface_edge=HIGH_CONTRAST.border, text_dim=HIGH_CONTRAST.text, track=HIGH_CONTRAST.background,
    track_edge=HIGH_CONTRAST.border, overlay=HIGH_CONTRAST.background, focus=HIGH_CONTRAST.focus,
    focus_extra=2, selection=HIGH_CONTRAST.text, selection_text=HIGH_CONTRAST.background)


def look_for(tokens: Tokens) -> GymLook:
    """The variant for the app's theme (``style.current()``)."""
    return MAXIMUM if tokens.name == HIGH_CONTRAST.name else STANDARD

# Type and shapes, as fractions of the screen height.
BIG = 0.22          # the remaining time (or the moment's word): over a fifth, always
BIG_FLOOR = 0.205   # never smaller than this, even for a long word in a narrow window...
BIG_LAST_RESORT = 0.15  # ...but when the target and "last time" take two lines each at a
                        # large text size: then it gives way, the target staying half of it
# The target (reps, load) and "last time" are read from 2-3 m as well as the
# big word: at least half its height, whatever the window or the text size.
TARGET_OF_BIG = 0.5
HEADLINE = 0.07     # "LOWER", "REST", "SPACE TO START"
NAME = 0.066        # the exercise name, "SET 1 OF 2", the side
INFO = 0.058        # "REP 2 OF 5", the target line
NEXT = 0.045        # "next up" and the summary lines
SMALL = 0.036       # the log sheet's second row, the key list
HINT = 0.03         # the buttons along the bottom
MARGIN = 0.022


# The live page's picture: at most the first share of the width, so the
# column of big type beside it holds the target on one or two lines; the
# next ones when the column's lines need more width to fit its height.
FIGURE_SHARES = (0.36, 0.3, 0.24)
# How much the app's text size (100-200 %) enlarges gym mode's type: under a
# third of its step (200 % -> 1.3), since gym mode is sized for 2-3 m already
# and the screen's height is shared. The big word is not enlarged: it is
# sized to fill its part of the screen.
TEXT_SIZE_WEIGHT = 0.3


def text_factor(text_scale: int) -> float:
    """The enlargement of gym mode's type at the app's ``text_scale`` percent."""
    return 1.0 + max(0, text_scale - 100) / 100 * TEXT_SIZE_WEIGHT


def pixels(height: int, fraction: float) -> int:
    return max(8, round(height * fraction))


def font(size_px: int, *, bold: bool = False, base: QFont | None = None) -> QFont:
    made = QFont(base) if base is not None else QFont()
    made.setPixelSize(max(8, size_px))
    made.setWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    return made


def palette(base: QPalette, look: GymLook = STANDARD) -> QPalette:
    dark = QPalette(base)
    roles = QPalette.ColorRole
    for role, colour in ((roles.Window, look.background), (roles.WindowText, TEXT),
                         (roles.Base, look.surface), (roles.AlternateBase, look.track),
                         (roles.Text, TEXT), (roles.Button, look.surface),
                         (roles.ButtonText, TEXT), (roles.Highlight, LOWER),
                         (roles.HighlightedText, look.background),
                         (roles.PlaceholderText, look.text_dim)):
        dark.setColor(role, QColor(colour))
    return dark


def style_sheet(height: int, look: GymLook = STANDARD) -> str:
    """Borders and colours of the screen's own controls (fonts are set per
    widget, in pixels, so the style sheet never overrides them)."""
    edge = max(2, round(height * 0.004))
    radius = max(4, round(height * 0.012))
    pad = max(4, round(height * 0.01))
    return f"""
QWidget#sessionScreen, QWidget#sessionPage {{ background: {look.background}; }}
QLabel {{ color: {TEXT}; background: transparent; }}
QLabel[role="dim"] {{ color: {look.text_dim}; }}
QLabel[role="error"] {{ color: {ERROR}; }}
QLabel[role="title"] {{ color: {TEXT}; }}
QLabel[role="record"] {{ color: {LOWER}; font-weight: 600; }}
QPushButton {{
    color: {TEXT}; background: {look.surface}; border: {edge}px solid {look.surface_edge};
    border-radius: {radius}px; padding: {pad // 2}px {pad}px;
}}
QPushButton[primary="true"] {{ border-color: {TEXT}; }}
QPushButton:hover {{ border-color: {LOWER}; }}
QLineEdit, QComboBox {{
    color: {TEXT}; background: {look.surface}; border: {edge}px solid {look.surface_edge};
    border-radius: {radius}px; padding: 0 {pad}px;
    selection-background-color: {look.selection}; selection-color: {look.selection_text};
}}
QComboBox {{ combobox-popup: 0; }}
QLineEdit:focus, QComboBox:focus {{ border: {edge + look.focus_extra}px solid {look.focus}; }}
QLineEdit[invalid="true"], QComboBox[invalid="true"] {{ border: {edge + 1}px solid {ERROR}; }}
QComboBox QAbstractItemView {{
    color: {TEXT}; background: {look.surface}; selection-background-color: {LOWER};
    selection-color: {look.background};
}}
QWidget#overlay {{ background: {look.overlay}; }}
"""
