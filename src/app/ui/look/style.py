"""The look, in one place: palettes, type scale, spacing and the style sheet.

Every colour the pages use comes from a set of tokens (one set per theme:
light, dark, high contrast); the application palette and the one style sheet
are both built from the same tokens, so Fusion's own drawing and the styled
parts always agree. Widgets that colour text themselves (rich text, a refused
field) ask ``colour(name)`` for the current theme's token instead of writing
a colour of their own.

Applying a theme or a text size to a running app is app.ui.look.theme_switch's
job; this module only builds and sets things, and stays cheap to import:
it is on the start-up path, so it never touches the ``Qt`` namespace (its
first use costs ~30 ms).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QBoxLayout, QLayoutItem

# One module because the look is one set of tokens read side by side: the
# palette, every part of the style sheet and the type scale are built from the
# same Tokens, and a colour's contrast is checked against the rules that use it.

# -- colour tokens ------------------------------------------------------------------


class Tokens(NamedTuple):  # not a dataclass: building one costs a few ms at start-up
    name: str              # "light", "dark" or "high-contrast"
    dark: bool
    background: str        # the window
    surface: str           # fields, lists, tables: where content sits
    surface_alt: str       # alternate rows, table headers, hovered tabs, buttons
    text: str
    muted: str             # secondary text: at least 4.5:1 on background and surfaces
    border: str            # edges of controls: at least 3:1 on the background
    divider: str           # quiet lines: group boxes, table grids
    accent: str            # primary buttons and the selection
    accent_hover: str
    on_accent: str         # text and icons on the accent
    accent_text: str       # the accent as text or a line on the background (links, tabs)
    focus: str             # the keyboard focus ring
    danger: str            # as text on the background: refused values, "stop"
    warning: str           # as text on the background: "missed", "take it easy"
    success: str           # as text on the background: "done", "go ahead"
    danger_tint: str       # behind a refused table cell (text stays `text`)
    disabled: str          # disabled text and icons
    sidebar: str           # the navigation column
    sidebar_text: str
    sidebar_hover: str
    sidebar_selected: str
    sidebar_selected_text: str
    border_width: int = 1  # px; high contrast draws every edge thicker
    focus_width: int = 2


# A calm green-teal (#2f7d6d) is the app's mark in every theme: the primary
# buttons, the selection and the current page in the navigation. Contrast
# figures are WCAG ratios, checked in tests/ui/look/test_themes.py.
LIGHT = Tokens(
    name="light", dark=False,
    background="#f3f5f4", surface="#ffffff", surface_alt="#e6ecea",
    text="#182226", muted="#4a585e", border="#7b8b88", divider="#cdd6d3",
    accent="#2f7d6d", accent_hover="#276a5c", on_accent="#ffffff", accent_text="#26695b",
    focus="#2f7d6d",
    danger="#b3261e", warning="#8a5100", success="#2e7d32", danger_tint="#fde2e0",
    disabled="#7d8a8f",
    sidebar="#1f2a30", sidebar_text="#e6eef0", sidebar_hover="#2a383f",
    sidebar_selected="#2f7d6d", sidebar_selected_text="#ffffff",
)

DARK = Tokens(
    name="dark", dark=True,
    background="#151b1e", surface="#1d2528", surface_alt="#263135",
    text="#e8eef0", muted="#a7b4b9", border="#6b7c82", divider="#334146",
    accent="#2f7d6d", accent_hover="#276a5c", on_accent="#ffffff", accent_text="#6fd3bd",
    focus="#6fd3bd",
    danger="#ff8a80", warning="#ffb454", success="#7fd68a", danger_tint="#4a2322",
    disabled="#7f8d93",
    sidebar="#0e1316", sidebar_text="#e6eef0", sidebar_hover="#1c262b",
    sidebar_selected="#2f7d6d", sidebar_selected_text="#ffffff",
)

# Pure black and white, a light teal accent and a yellow focus ring (both
# over 13:1 on black); no grey text, every control edged in white.
HIGH_CONTRAST = Tokens(
    name="high-contrast", dark=True,
    background="#000000", surface="#000000", surface_alt="#000000",
    text="#ffffff", muted="#ffffff", border="#ffffff", divider="#ffffff",
    accent="#7fe3cc", accent_hover="#a8f0df", on_accent="#000000", accent_text="#7fe3cc",
    focus="#ffe14d",
    danger="#ff9a9a", warning="#ffe14d", success="#8dffa0", danger_tint="#5c0000",
    disabled="#b0b0b0",
    sidebar="#000000", sidebar_text="#ffffff", sidebar_hover="#000000",
    sidebar_selected="#ffffff", sidebar_selected_text="#000000",
    border_width=2, focus_width=3,
)

THEME_TOKENS = {t.name: t for t in (LIGHT, DARK, HIGH_CONTRAST)}

# Kept for the pages that take the accent directly.
ACCENT = LIGHT.accent

# -- type scale and spacing ------------------------------------------------------------

BASE_POINT_SIZE = 11  # the body text at 100 %; the athlete's text size multiplies it
# Sizes relative to the body text. Headings are set with heading_font() from a
# widget's own font, so they keep these ratios at every text size.
TYPE_SCALE = {"small": 0.9, "body": 1.0, "heading3": 1.15, "heading2": 1.4, "heading1": 2.0}
HEADING_SCALE = TYPE_SCALE["heading1"]   # page titles
NAVIGATION_SCALE = 1.25

# Spacing steps in px, on a 4 px grid; SPACING is the usual gap between blocks.
SPACE_XS = 4
SPACE_S = 8
SPACING = 16
SPACE_L = 24
SPACE_XL = 32
NAVIGATION_ITEM_HEIGHT = 48
RADIUS = 4

# A widget laid over its siblings on purpose carries this property, so the
# layout test (tests/helpers/layout_check.py) lets it overlap them: COVERS (an
# overlay over the whole screen) must hide what is under it, SEE_THROUGH (a
# caption over a picture, a flash at the screen's edge) shows it by design.
LAYERED_PROPERTY = "layeredOverSiblings"
COVERS = "covers"
SEE_THROUGH = "see-through"
# A label that elides its text on purpose (a file path, a long name).
ELIDES_PROPERTY = "elidesText"


# -- what is applied ------------------------------------------------------------------


class Look(NamedTuple):
    """What is on screen. Until something is applied (tests, benchmarks) the
    app counts as light at 100 %, complete: the log opening then changes
    nothing.

    Held by the application (``look()``, ``set_look``), not by this module:
    it is the QApplication's state, as its palette and style sheet are, so a
    test sharing the one application puts back the look it found as it puts
    back those."""

    tokens: Tokens = LIGHT
    text_scale: int = 100      # percent of the standard text size
    complete: bool = True      # the whole style sheet (not only the first screen's)
    # The desktop's own palette was dark when the app started (the fallback
    # when the platform cannot say which colour scheme it uses).
    system_dark: bool = False


LOOK_ATTRIBUTE = "hamstride_look"  # where the QApplication keeps its Look
_UNSTYLED = Look()


def look() -> Look:
    """The look of the running application (the default one before anything
    is applied, or with no application)."""
    found = getattr(QApplication.instance(), LOOK_ATTRIBUTE, None)
    return found if found is not None else _UNSTYLED


def set_look(app: QApplication, applied: Look) -> None:
    """Record ``applied`` as ``app``'s look (apply_look does, after setting
    its palette and style sheet; a test puts back the look it found)."""
    setattr(app, LOOK_ATTRIBUTE, applied)


def current() -> Tokens:
    """The tokens of the theme on screen (light until one is applied)."""
    return look().tokens


def colour(token: str) -> str:
    """One colour of the theme on screen, e.g. ``colour("danger")``."""
    value = getattr(current(), token)
    assert isinstance(value, str), token
    return value


def text_scale() -> int:
    """The text size on screen, in percent of the standard size."""
    return look().text_scale


def is_complete() -> bool:
    """Whether the whole style sheet is applied (not only the first screen's)."""
    return look().complete


def body_point_size(scale: int) -> float:
    return BASE_POINT_SIZE * scale / 100


def build_palette(tokens: Tokens) -> QPalette:
    palette = QPalette()
    roles = QPalette.ColorRole
    button = tokens.surface_alt if tokens.name != "high-contrast" else tokens.background
    for role, value in (
            (roles.Window, tokens.background), (roles.WindowText, tokens.text),
            (roles.Base, tokens.surface), (roles.AlternateBase, tokens.surface_alt),
            (roles.ToolTipBase, tokens.surface), (roles.ToolTipText, tokens.text),
            (roles.PlaceholderText, tokens.muted), (roles.Text, tokens.text),
            (roles.Button, button), (roles.ButtonText, tokens.text),
            (roles.BrightText, tokens.on_accent),
            (roles.Highlight, tokens.accent), (roles.HighlightedText, tokens.on_accent),
            (roles.Link, tokens.accent_text), (roles.LinkVisited, tokens.accent_text),
            (roles.Accent, tokens.accent),
            # Fusion draws bevels and frames from these: in high contrast they are
            # all white, so every edge it draws shows on black.
            (roles.Light, tokens.surface if not tokens.dark else tokens.divider),
            (roles.Midlight, tokens.divider), (roles.Mid, tokens.border),
            (roles.Dark, tokens.border), (roles.Shadow, tokens.border)):
        palette.setColor(role, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText, roles.PlaceholderText):
        palette.setColor(disabled, role, QColor(tokens.disabled))
    palette.setColor(disabled, roles.Highlight, QColor(tokens.divider))
    palette.setColor(disabled, roles.HighlightedText, QColor(tokens.text))
    return palette


def style_sheet(tokens: Tokens, complete: bool = True) -> str:
    """The app's one style sheet, from ``tokens``. Fonts are never set here
    (a widget's own font, a heading, would lose to it); boxes are in px and
    grow around the text, and the few marks that must grow with it (check
    boxes) are in em.

    Not ``complete``: only what the first screen shows (the navigation,
    headings, buttons, framed labels), for the first paint; the rest (fields
    and their arrow images, tabs, tables, scroll bars) follows once the log
    is open."""
    parts = [_navigation_sheet(tokens), _text_sheet(tokens), _button_sheet(tokens),
             _frame_sheet(tokens)]
    if complete:
        parts += [_field_sheet(tokens), _view_sheet(tokens)]
        if tokens.name == "high-contrast":
            parts.append(_high_contrast_sheet(tokens))
    return "".join(parts)


def _image(name: str, colour: str) -> str:
    from app.ui.look.icons import icon_file

    return f"url({icon_file(name, colour)})"


def _navigation_sheet(t: Tokens) -> str:
    # The selected page: its own background and a bar on its left edge. The
    # items are as wide as the column, so an edge (high contrast) or the focus
    # bar must not bring a horizontal scroll bar for the pixels they take.
    edge = t.border_width if t.name == "high-contrast" else 0
    return f"""
QListWidget#navigation {{
    background: {t.sidebar};
    color: {t.sidebar_text};
    border: none;
    border-right: {edge}px solid {t.border};
    padding-top: {SPACE_S + SPACE_XS}px;
    outline: none;
}}
QListWidget#navigation::item {{
    padding-left: {SPACE_S * 2 + 2}px;
    border-left: {SPACE_XS}px solid transparent;
}}
QListWidget#navigation::item:hover {{
    background: {t.sidebar_hover};
}}
QListWidget#navigation::item:selected {{
    background: {t.sidebar_selected};
    color: {t.sidebar_selected_text};
    border-left: {SPACE_XS}px solid {t.accent if t.name == "high-contrast" else t.sidebar_selected_text};
}}
QListWidget#navigation:focus {{
    border: none;
    border-right: {t.focus_width + 1}px solid {t.focus if t.name == "high-contrast" else t.sidebar_text};
}}
QListWidget#navigation QScrollBar:horizontal {{
    height: 0px;
}}
"""


def _text_sheet(t: Tokens) -> str:
    return f"""
QLabel#pageHeading, QLabel#emptyStateTitle {{
    color: {t.text};
}}
QLabel#emptyStateTitle {{
    qproperty-alignment: AlignCenter;
}}
QLabel#emptyStateText {{
    color: {t.muted};
    qproperty-alignment: AlignCenter;
}}
QLabel#fieldProblem, QLabel[tone="danger"] {{
    color: {t.danger};
}}
QLabel[tone="warning"] {{
    color: {t.warning};
}}
QLabel[tone="success"] {{
    color: {t.success};
}}
QLabel[tone="muted"] {{
    color: {t.muted};
}}
QToolTip {{
    color: {t.text};
    background: {t.surface};
    border: {t.border_width}px solid {t.border};
    padding: {SPACE_XS}px;
}}
"""


def _button_sheet(t: Tokens) -> str:
    ring = t.focus_width
    # On focus the edge turns into the ring colour: nothing moves.
    focus_edge = t.focus if t.name == "high-contrast" else t.on_accent
    return f"""
QPushButton#primaryButton {{
    background: {t.accent};
    color: {t.on_accent};
    border: {ring}px solid {t.accent};
    border-radius: {RADIUS}px;
    padding: {SPACE_S - ring + 2}px {SPACE_L - ring - 4}px;
}}
QPushButton#primaryButton:hover {{
    background: {t.accent_hover};
    border-color: {t.accent_hover};
}}
QPushButton#primaryButton:focus {{
    border-color: {focus_edge};
    outline: none;
}}
QPushButton#primaryButton:disabled {{
    background: {t.surface_alt};
    color: {t.disabled};
    border: {ring}px {"dashed" if t.name == "high-contrast" else "solid"} {t.divider};
}}
"""


def _field_sheet(t: Tokens) -> str:
    """Text fields, spin boxes and combo boxes: a visible edge in every theme
    (Fusion's is a shade of the window colour, too faint on dark ones), a
    thicker ring in the focus colour, and arrows drawn in the text colour."""
    edge, ring = t.border_width, t.focus_width
    shift = ring - edge  # padding given back while the ring is thicker than the edge
    arrow = "0.6em"
    return f"""
QLineEdit, QAbstractSpinBox, QComboBox, QPlainTextEdit, QTextEdit {{
    background: {t.surface};
    color: {t.text};
    border: {edge}px solid {t.border};
    border-radius: {RADIUS - 1}px;
    selection-background-color: {t.accent};
    selection-color: {t.on_accent};
}}
QLineEdit, QAbstractSpinBox, QComboBox {{
    padding: {2 + shift}px {4 + shift}px;
}}
QComboBox {{
    /* The open list below the box, as tall as its items: Fusion's own list,
       placed over the box, came a few px short under this sheet's edges and
       hid the last item under a scroll arrow. */
    combobox-popup: 0;
}}
QLineEdit:focus, QAbstractSpinBox:focus, QComboBox:focus {{
    border: {ring}px solid {t.focus};
    padding: 2px 4px;
}}
QPlainTextEdit:focus, QTextEdit:focus {{
    border: {ring}px solid {t.focus};
}}
QLineEdit:disabled, QAbstractSpinBox:disabled, QComboBox:disabled {{
    color: {t.disabled};
    border-color: {t.disabled};
    border-style: {"dashed" if t.name == "high-contrast" else "solid"};
}}
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{
    subcontrol-origin: padding;
    width: 20px;
    border: none;
    border-left: 1px solid {t.divider};
    background: {t.surface_alt};
}}
QAbstractSpinBox::up-button {{
    subcontrol-position: top right;
}}
QAbstractSpinBox::down-button {{
    subcontrol-position: bottom right;
}}
QAbstractSpinBox::up-arrow {{
    image: {_image("arrow-up", t.text)};
    width: {arrow};
    height: {arrow};
}}
QAbstractSpinBox::down-arrow {{
    image: {_image("arrow-down", t.text)};
    width: {arrow};
    height: {arrow};
}}
QAbstractSpinBox::up-arrow:disabled, QAbstractSpinBox::up-arrow:off {{
    image: {_image("arrow-up", t.disabled)};
}}
QAbstractSpinBox::down-arrow:disabled, QAbstractSpinBox::down-arrow:off {{
    image: {_image("arrow-down", t.disabled)};
}}
QComboBox::drop-down, QDateEdit::drop-down {{
    subcontrol-origin: padding;
    subcontrol-position: center right;
    width: 20px;
    border: none;
}}
QComboBox::down-arrow, QDateEdit::down-arrow {{
    image: {_image("arrow-down", t.text)};
    width: {arrow};
    height: {arrow};
}}
QComboBox::down-arrow:disabled, QDateEdit::down-arrow:disabled {{
    image: {_image("arrow-down", t.disabled)};
}}
QComboBox QAbstractItemView {{
    background: {t.surface};
    color: {t.text};
    border: {edge}px solid {t.border};
    selection-background-color: {t.accent};
    selection-color: {t.on_accent};
    outline: none;
}}
QCheckBox::indicator, QRadioButton::indicator {{
    width: 1em;
    height: 1em;
    border: {edge}px solid {t.border};
    border-radius: {RADIUS - 1}px;
    background: {t.surface};
}}
QRadioButton::indicator {{
    border-radius: 0.5em;
}}
QCheckBox::indicator:checked {{
    background: {t.accent};
    border-color: {t.accent};
    image: {_image("check", t.on_accent)};
}}
QRadioButton::indicator:checked {{
    background: {t.accent};
    border: {edge}px solid {t.border};
}}
QCheckBox::indicator:disabled, QRadioButton::indicator:disabled {{
    border-color: {t.disabled};
    background: {t.surface_alt};
}}
QCheckBox::indicator:focus, QRadioButton::indicator:focus {{
    border: {ring}px solid {t.focus};
}}
"""


def _frame_sheet(t: Tokens) -> str:
    """Fusion draws a framed label (the week strip's days, Today's notices)
    in a shade of the window colour, which vanishes on dark ones: dark
    themes draw the frame in their edge colour instead."""
    if not t.dark:
        return ""
    return f"""
QFrame[frameShape="StyledPanel"], QFrame[frameShape="Box"], QFrame[frameShape="Panel"] {{
    border: {t.border_width}px solid {t.border};
}}
"""


def _view_sheet(t: Tokens) -> str:
    """The History tabs: a bar under the current one, in the accent; tables'
    grid in the quiet divider colour; scroll bars with a handle that stands
    out from its track (at least 3:1) and no arrow buttons."""
    edge, ring = t.border_width, t.focus_width
    return f"""
QTabWidget::pane {{
    border: {edge}px solid {t.divider if t.name != "high-contrast" else t.border};
    top: -{edge}px;
}}
QTabBar::tab {{
    background: transparent;
    color: {t.muted};
    padding: {SPACE_S}px {SPACING}px;
    border: {ring}px solid transparent;
    border-bottom: {SPACE_XS - 1}px solid transparent;
    margin-right: {SPACE_XS}px;
}}
QTabBar::tab:hover {{
    color: {t.text};
    background: {t.surface_alt};
}}
QTabBar::tab:selected {{
    color: {t.text};
    border-bottom-color: {t.accent_text};
}}
QTabBar::tab:focus {{
    border-color: {t.focus};
    border-bottom-color: {t.accent_text};
}}
QTableView, QListView, QTreeView {{
    gridline-color: {t.divider};
}}
QScrollBar:vertical {{
    background: {t.surface_alt};
    width: 14px;
}}
QScrollBar:horizontal {{
    background: {t.surface_alt};
    height: 14px;
}}
QScrollBar::handle {{
    background: {t.text if t.name == "high-contrast" else t.border};
    border: 3px solid {t.surface_alt};
    border-radius: 7px;
    min-height: 32px;
    min-width: 32px;
}}
QScrollBar::handle:hover, QScrollBar::handle:pressed {{
    background: {t.accent_text};
}}
QScrollBar::add-line, QScrollBar::sub-line {{
    width: 0px;
    height: 0px;
    border: none;
}}
QScrollBar::add-page, QScrollBar::sub-page {{
    background: none;
}}
"""


def _high_contrast_sheet(t: Tokens) -> str:
    """Fusion draws its edges a shade darker than the window, which on black
    is black: buttons, frames, headers and scroll bars get white edges here,
    and a thick yellow focus ring (the ring replaces the edge: nothing moves)."""
    edge, ring = t.border_width, t.focus_width
    pad = ring - edge
    return f"""
QPushButton, QToolButton {{
    background: {t.background};
    color: {t.text};
    border: {edge}px solid {t.border};
    border-radius: {RADIUS}px;
    padding: {SPACE_XS + pad}px {SPACE_S * 2 - 4 + pad}px;
}}
QPushButton:focus, QToolButton:focus {{
    border: {ring}px solid {t.focus};
    padding: {SPACE_XS}px {SPACE_S * 2 - 4}px;
}}
QPushButton:hover, QToolButton:hover {{
    border-color: {t.accent};
}}
QPushButton:pressed, QPushButton:checked, QToolButton:checked {{
    background: {t.text};
    color: {t.background};
}}
QPushButton:disabled, QToolButton:disabled {{
    color: {t.disabled};
    border-style: dashed;
    border-color: {t.disabled};
}}
QPushButton:flat {{
    border-color: transparent;
}}
QAbstractItemView {{
    border: {edge}px solid {t.border};
}}
QAbstractItemView:focus {{
    border: {ring}px solid {t.focus};
}}
QHeaderView::section {{
    background: {t.background};
    color: {t.text};
    border: none;
    border-right: 1px solid {t.border};
    border-bottom: {edge}px solid {t.border};
    padding: {SPACE_XS}px {SPACE_S}px;
}}
QGroupBox {{
    border: {edge}px solid {t.border};
    margin-top: 1.4em;
    padding-top: {SPACE_S}px;
}}
QGroupBox::title {{
    subcontrol-origin: margin;
    left: {SPACE_S}px;
    padding: 0 {SPACE_XS}px;
}}
QScrollBar:vertical {{
    border-left: 1px solid {t.border};
}}
QScrollBar:horizontal {{
    border-top: 1px solid {t.border};
}}
QMenuBar::item:selected, QMenu::item:selected {{
    background: {t.text};
    color: {t.background};
}}
QMenu {{
    border: {edge}px solid {t.border};
}}
QStatusBar {{
    border-top: 1px solid {t.border};
}}
"""


# Fusion draws the same on every platform and follows the palette (native
# Windows styles ignore it). It is chosen with the "-style" argument rather
# than app.setStyle("Fusion"), whose overloads make PySide build a dozen
# QStyle enum types (~10 ms at start-up).
QT_STYLE_ARGUMENTS = ["-style", "Fusion"]

def system_is_dark() -> bool:
    """Whether the desktop's own palette was dark when the app started (the
    fallback when the platform cannot say which colour scheme it uses)."""
    return look().system_dark


def apply_look(app: QApplication, tokens: Tokens, scale: int, complete: bool = True) -> None:
    """Set the font, palette and style sheet of ``tokens`` at ``scale`` percent.
    Widgets that set their own font size are app.ui.look.theme_switch's job."""
    font = app.font()
    font.setPointSizeF(body_point_size(scale))
    app.setFont(font)
    app.setPalette(build_palette(tokens))
    app.setStyleSheet(style_sheet(tokens, complete))
    set_look(app, look()._replace(tokens=tokens, text_scale=scale, complete=complete))


def apply_style(app: QApplication) -> None:
    """The start-up look: light or dark as the desktop's palette is, at the
    standard text size. The athlete's own choice is applied once the log is
    open (app.ui.look.theme_switch), so the first paint does not wait for it."""
    # Comparing the platform's palette costs nothing; asking for the colour
    # scheme would build the Qt namespace (~30 ms) before the first paint.
    dark = app.palette().color(QPalette.ColorRole.Window).lightness() < 128
    set_look(app, look()._replace(system_dark=dark))
    # Only the first screen's part of the style sheet: the rest (~4 ms, with
    # the files of its arrow images) waits for the log (theme_switch).
    apply_look(app, DARK if dark else LIGHT, 100, complete=False)


def heading_font(base: QFont, scale: float = HEADING_SCALE) -> QFont:
    font = QFont(base)
    font.setPointSizeF(base.pointSizeF() * scale)
    font.setWeight(QFont.Weight.DemiBold)
    return font


def fit_to_screen(dialog: QWidget, preferred: tuple[int, int] = (0, 0)) -> None:
    """A dialog that is never cut nor larger than the screen (or the window
    it belongs to): everything but its last row (the buttons) moves into a
    scroll area, so that at a large text size on a small screen its rows
    scroll instead of being squeezed; and it opens as large as its content
    asks (or ``preferred``, width and height, when larger), within that
    room. Call it once its layout is complete."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout

    layout = dialog.layout()
    if layout is None or layout.count() < 2:
        return
    assert isinstance(layout, QVBoxLayout), "fit_to_screen: a dialog laid out top to bottom"
    stretches = [layout.stretch(i) for i in range(layout.count())]
    items = [item for item in (layout.takeAt(0) for _ in range(layout.count())) if item is not None]
    content = QWidget()
    content.setObjectName("dialogContent")
    inner = QVBoxLayout(content)
    inner.setContentsMargins(0, 0, 0, 0)
    for item, stretch in zip(items[:-1], stretches, strict=False):
        _move_item(item, inner, stretch)
    area = QScrollArea(dialog)
    area.setObjectName("dialogScrollArea")
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(content)
    # Not a stop on the Tab chain of its own: the fields inside are.
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    layout.addWidget(area, 1)
    _move_item(items[-1], layout, 0)
    _size_to_content(dialog, content, area, preferred)


def _move_item(item: QLayoutItem, into: QBoxLayout, stretch: int) -> None:
    """A widget, a nested layout or a spacing taken out of one layout, into ``into``."""
    widget, child = item.widget(), item.layout()
    if widget is not None:
        into.addWidget(widget, stretch)
    elif child is not None:
        child.setParent(None)  # free to join the new layout
        into.addLayout(child, stretch)
    else:
        spacer = item.spacerItem()
        if spacer is not None:
            into.addItem(spacer)


def _size_to_content(dialog: QWidget, content: QWidget, area: QWidget,
                     preferred: tuple[int, int]) -> None:
    room = dialog.screen().availableGeometry().size()
    parent = dialog.parentWidget()
    if parent is not None and parent.window().isVisible():
        room = room.boundedTo(parent.window().size())
    layout = dialog.layout()
    assert layout is not None
    margins = layout.contentsMargins()
    spare_w = margins.left() + margins.right()
    bar = area.style().pixelMetric(area.style().PixelMetric.PM_ScrollBarExtent) + SPACE_XS
    width = min(room.width(), max(dialog.minimumWidth(), preferred[0],
                                  content.sizeHint().width() + spare_w + bar))
    inner_w = width - spare_w - bar
    needed = content.heightForWidth(inner_w) if content.hasHeightForWidth() else -1
    needed = max(needed, content.minimumSizeHint().height(), content.sizeHint().height()
                 if needed < 0 else 0)
    rest = layout.sizeHint().height() - area.sizeHint().height()
    height = min(room.height(), max(preferred[1], needed + max(0, rest) + SPACE_XS))
    # The dialog's own minimum (set by its author for comfort) may not exceed the room.
    dialog.setMinimumSize(min(dialog.minimumWidth(), width), min(dialog.minimumHeight(), height))
    area.setMinimumHeight(0)
    dialog.resize(width, height)


class _WrappedHeight(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            needed = watched.heightForWidth(watched.width())
            if needed > 0 and watched.minimumHeight() != needed:
                watched.setMinimumHeight(needed)
        return False


def keep_wrapped_height(label: QWidget) -> None:
    """A wrapping label in a row or a form (which do not ask it how tall it
    is at its width) gets that height as its minimum each time its width
    changes: its second line is never cut."""
    label.installEventFilter(_WrappedHeight(label))


class _RowsInSight(QObject):
    def __init__(self, rows: int, parent: QObject) -> None:
        super().__init__(parent)
        self._rows = rows

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Show, QEvent.Type.FontChange, QEvent.Type.StyleChange):
            from PySide6.QtWidgets import QTableView

            if isinstance(watched, QTableView):
                header = watched.horizontalHeader()
                bar = watched.horizontalScrollBar()
                watched.setMinimumHeight(
                    header.sizeHint().height() + self._rows * watched.verticalHeader().defaultSectionSize()
                    + bar.sizeHint().height() + 2 * watched.frameWidth())
        return False


def keep_rows_in_sight(view: QWidget, rows: int = 2) -> None:
    """A table squeezed by its neighbours (a splitter at a large text size)
    keeps room for its header, ``rows`` rows and its scroll bar, at the type
    size it has now: they never draw over each other."""
    view.installEventFilter(_RowsInSight(rows, view))
