"""Applying the athlete's theme and text size to the running app, live.

There is one LookSwitch per application (``look_switch()``). The main window
asks it to apply the stored settings once the log is open, and again when a
look setting changes; while the theme is "system" it also follows the
desktop's colour scheme as it changes. After each change it emits
``changed``, for what the palette and the style sheet cannot redo by
themselves: icons drawn in the text colour, rich text coloured from the
tokens, the navigation's size.

Not imported at start-up: the first paint uses app.ui.look.style.apply_style.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QApplication, QListWidget, QWidget

from app.ui.look import style
from app.ui.look.style import DARK, LIGHT, NAVIGATION_ITEM_HEIGHT, SPACE_S, SPACE_XS, THEME_TOKENS, Tokens

if TYPE_CHECKING:
    # Only for types: importing Qt builds the whole Qt namespace (~30 ms and
    # 1.5 MB), and this module runs as the log opens.
    from PySide6.QtCore import Qt

# QFont::SizeResolved: the font's size was set on the widget itself rather
# than inherited (PySide does not expose the enum).
SIZE_RESOLVED = 0x0002
SAVED_FONT_PROPERTY = "_q_styleSheetWidgetFont"  # see restore_fonts
# When the desktop's colour scheme is first asked for: after the first
# screen has settled, not while the log opens.
SCHEME_CHECK_DELAY_MS = 1500


class LookSwitch(QObject):
    changed = Signal()

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName("lookSwitch")
        self._app = app
        self.theme = "system"
        # Not asked for as the log opens: the answer is a Qt.ColorScheme (see
        # the import above). Until it is known, the desktop's palette at
        # start-up says (style.system_is_dark), which is right on most desktops.
        self.scheme: Qt.ColorScheme | None = None
        app.styleHints().colorSchemeChanged.connect(self.follow_desktop)
        QTimer.singleShot(SCHEME_CHECK_DELAY_MS, self._ask_color_scheme)

    def tokens_for(self, theme: str) -> Tokens:
        if theme == "system" and self.scheme is not None:
            from PySide6.QtCore import Qt

            if self.scheme == Qt.ColorScheme.Dark:
                return DARK
            if self.scheme == Qt.ColorScheme.Light:
                return LIGHT
        if theme == "system":
            # Not known (yet), or the platform cannot say: its palette as the app started.
            return DARK if style.system_is_dark() else LIGHT
        return THEME_TOKENS[theme]

    def apply(self, theme: str | None = None, text_scale: int | None = None) -> bool:
        """Put ``theme`` and ``text_scale`` (either may be left as it is) on
        screen; False when that is what is shown already."""
        if theme is not None:
            self.theme = theme
        tokens = self.tokens_for(self.theme)
        old_scale = style.text_scale()
        scale = old_scale if text_scale is None else text_scale
        if tokens is style.current() and scale == old_scale:
            if style.is_complete():
                return False
            # Only the rest of the style sheet, as the log opens: the colours
            # and sizes stay, and every font is still the one it was polished
            # with, so there is nothing to redo (nor a reason to wrap every
            # widget in Python for it).
            style.apply_look(self._app, tokens, scale)
            return True
        fonts = own_fonts()  # before the new style sheet polishes them away
        style.apply_look(self._app, tokens, scale)
        if scale != old_scale:
            fit_pages()  # moving a page into a scroll area polishes it again too
        restore_fonts(fonts, scale / old_scale)
        dress_buttons(self._app)
        self.changed.emit()
        return True

    def _ask_color_scheme(self) -> None:
        from PySide6.QtCore import Qt

        scheme = self._app.styleHints().colorScheme()
        if scheme != Qt.ColorScheme.Unknown:
            self.follow_desktop(scheme)

    def follow_desktop(self, scheme: Qt.ColorScheme) -> None:
        """The desktop's colour scheme is now ``scheme`` (its styleHints'
        colorSchemeChanged; tests call it as the desktop would): shown at
        once while the theme is "system"."""
        self.scheme = scheme
        if self.theme == "system":
            self.apply()


def look_switch() -> LookSwitch:
    """The application's switch, made the first time it is asked for."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    switch = app.findChild(LookSwitch, "lookSwitch")
    return switch if switch is not None else LookSwitch(app)


def own_fonts() -> dict[QWidget, QFont]:
    """Every widget's font that it set itself (headings, the navigation, a
    bold caption), as it is now: an inherited font resolves nothing of its
    own. (Not testAttribute(WA_SetFont): the Qt namespace's first use is
    costly, and this runs as the log opens.)"""
    fonts = {}
    for widget in QApplication.allWidgets():
        font = widget.font()
        if font.resolveMask():
            fonts[widget] = font
    return fonts


def restore_fonts(fonts: dict[QWidget, QFont], ratio: float) -> None:
    """Put back what own_fonts() read, the sizes scaled by ``ratio``.

    Two reasons. Widgets that set their own font size do not follow the app
    font, so theirs is scaled by the same ratio: a heading stays twice the
    body text at every text size (fonts sized in pixels, the session
    screen's, are sized from its window and left alone). And under an app
    style sheet, Qt keeps the font a widget had when it was first polished
    (in the "_q_styleSheetWidgetFont" property) and puts it back whenever
    the widget is polished again (a new style sheet, a new parent): that
    copy is brought up to date too, or a later theme change would undo a
    font set since (a scaled heading, a step text sized to its window)."""
    for widget, font in fonts.items():
        if font.resolveMask() & SIZE_RESOLVED and font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * ratio)
        if widget.property(SAVED_FONT_PROPERTY) is not None:
            widget.setProperty(SAVED_FONT_PROPERTY, font)
        widget.setFont(font)


def fit_pages() -> None:
    """Pages built before the text grew get their scroll areas now (pages
    built later see the size themselves)."""
    from app.ui.look.page import Page

    for widget in QApplication.allWidgets():
        if isinstance(widget, Page):
            widget.fit_text_size()


def set_icon(button: QAbstractButton, name: str) -> None:
    """Give ``button`` the icon ``name`` in the current theme's colours (the
    accent's text colour on a primary button); it follows theme changes."""
    from app.ui.look.icons import ICON_PROPERTY, icon

    tokens = style.current()
    colour = tokens.on_accent if button.objectName() == "primaryButton" else tokens.text
    button.setProperty(ICON_PROPERTY, name)
    button.setIcon(icon(name, colour, disabled=tokens.disabled))


def dress_buttons(root: QApplication | QWidget) -> None:
    """Draw again, in the current theme's colours, the icon of every button
    given one with set_icon."""
    from app.ui.look.icons import ICON_PROPERTY

    widgets = root.allWidgets() if isinstance(root, QApplication) else root.findChildren(QWidget)
    for widget in widgets:
        name = widget.property(ICON_PROPERTY)
        if isinstance(widget, QAbstractButton) and isinstance(name, str) and name:
            set_icon(widget, name)


def dress_navigation(navigation: QListWidget, min_width: int, icons: Sequence[str]) -> None:
    """A width and item height that fit the navigation's text at the current
    size, and its icons (``icons``: one name per item, "today" -> today.svg;
    not taken from the items' text, which is in the athlete's language)."""
    metrics = QFontMetrics(navigation.font())
    icon_size = round(metrics.height() * 1.1)
    navigation.setIconSize(QSize(icon_size, icon_size))
    items = [navigation.item(row) for row in range(navigation.count())]
    widest = max((metrics.horizontalAdvance(item.text()) for item in items), default=0)
    # Left padding and marker (style sheet), icon, the gap after it, the text; a margin after.
    needed = SPACE_S * 2 + 2 + SPACE_XS + icon_size + SPACE_S + widest
    width = max(min_width, needed + SPACE_S * 3)
    height = max(NAVIGATION_ITEM_HEIGHT, metrics.height() + SPACE_S * 3)
    navigation.setFixedWidth(width)
    # Each item asks only for its own width: a list's items span its width
    # anyway, and items as wide as the list were wider than its viewport by
    # the list's right edge (high contrast) or focus bar, so it scrolled
    # sideways by those pixels.
    for item in items:
        item.setSizeHint(QSize(needed, height))
    # The icons a moment later, once the pages have shown the log: drawing
    # SVG loads Qt's SVG module (~1.5 MB, some ms), which the first screen
    # can do without. The navigation is the timer's context: a window closed
    # before then gets no call.
    QTimer.singleShot(0, navigation, lambda: _navigation_icons(navigation, icons))


def _navigation_icons(navigation: QListWidget, icons: Sequence[str]) -> None:
    from app.ui.look.icons import icon

    tokens = style.current()
    for row, name in zip(range(navigation.count()), icons, strict=True):
        navigation.item(row).setIcon(icon(name, tokens.sidebar_text,
                                          selected=tokens.sidebar_selected_text))
