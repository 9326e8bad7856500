"""Themes and text size (issue 7): the two settings, the tokens the palette
and style sheet are built from, and applying them to the running app."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.logbook.settings import THEMES, SettingError, Settings, check, load_settings
from app.storage.store import Store
from app.ui.history.chart_colours import contrast
from app.ui.look import style
from app.ui.look.icons import ICON_NAMES, icon, icon_dir, icon_file
from app.ui.look.page import Page
from app.ui.look.style import DARK, HIGH_CONTRAST, LIGHT, Tokens
from app.ui.look.theme_switch import look_switch, set_icon
from app.ui.settings.settings_page import SettingsPage
from app.ui.shell.application import GuiSession
from helpers.window import started_window

ALL_TOKENS = (LIGHT, DARK, HIGH_CONTRAST)
ROLE = QPalette.ColorRole


# Every test here changes the one application's look (see conftest.look_restored).
pytestmark = pytest.mark.usefixtures("look_restored")


@pytest.fixture
def gui(qtbot: QtBot, qapp: QApplication, paths: AppPaths, clock: FakeClock) -> GuiSession:
    return started_window(qtbot, qapp, paths, clock)




def _colour(palette: QPalette, role: QPalette.ColorRole) -> str:
    return palette.color(role).name()


# -- the settings ----------------------------------------------------------------------


@pytest.mark.parametrize("theme", THEMES)
def test_each_theme_is_a_valid_setting(theme: str) -> None:
    assert check("theme", theme) == theme


@pytest.mark.parametrize("value", ["", "Dark", "sepia", None, 1, ["dark"]])
def test_other_themes_are_refused(value: object) -> None:
    with pytest.raises(SettingError, match="theme"):
        check("theme", value)


@pytest.mark.parametrize("value", [100, 110, 150, 190, 200])
def test_text_scale_is_a_whole_percent_in_tens(value: int) -> None:
    assert check("text_scale", value) == value


@pytest.mark.parametrize("value", [90, 210, 0, 105, 150.0, "150", True, None])
def test_other_text_scales_are_refused(value: object) -> None:
    with pytest.raises(SettingError, match="text_scale"):
        check("text_scale", value)


def test_defaults_follow_the_system_at_the_standard_size() -> None:
    assert (Settings().theme, Settings().text_scale) == ("system", 100)


def test_stored_values_are_read_and_bad_ones_fall_back() -> None:
    good = {"theme": "high-contrast", "text_scale": 160}
    assert load_settings(lambda k, d: good.get(k, d)).theme == "high-contrast"
    assert load_settings(lambda k, d: good.get(k, d)).text_scale == 160
    bad = {"theme": "neon", "text_scale": 250}
    settings = load_settings(lambda k, d: bad.get(k, d))
    assert (settings.theme, settings.text_scale) == ("system", 100)


# -- the tokens ---------------------------------------------------------------------------


@pytest.mark.parametrize("tokens", ALL_TOKENS, ids=lambda t: t.name)
def test_text_colours_are_readable_on_every_surface(tokens: Tokens) -> None:
    def ratio(a: str, b: str) -> float:
        return contrast(QColor(a), QColor(b))

    surfaces = (tokens.background, tokens.surface, tokens.surface_alt)
    assert all(ratio(tokens.text, s) >= 7 for s in surfaces)  # AAA for body text
    assert all(ratio(tokens.muted, s) >= 4.5 for s in surfaces)
    for name in ("danger", "warning", "success", "accent_text"):
        assert ratio(getattr(tokens, name), tokens.background) >= 4.5, name
    assert ratio(tokens.on_accent, tokens.accent) >= 4.5
    assert ratio(tokens.on_accent, tokens.accent_hover) >= 4.5
    assert ratio(tokens.text, tokens.danger_tint) >= 4.5
    assert ratio(tokens.sidebar_text, tokens.sidebar) >= 4.5
    assert ratio(tokens.sidebar_selected_text, tokens.sidebar_selected) >= 4.5
    # Edges of controls and the focus ring: WCAG's 3:1 for graphics.
    assert ratio(tokens.border, tokens.background) >= 3
    assert ratio(tokens.focus, tokens.background) >= 3


def test_high_contrast_is_pure_black_and_white_with_no_grey_text() -> None:
    t = HIGH_CONTRAST
    assert (t.background, t.surface, t.surface_alt) == ("#000000",) * 3
    assert (t.text, t.muted, t.border) == ("#ffffff",) * 3
    assert t.focus_width > LIGHT.focus_width and t.border_width > LIGHT.border_width


def test_the_accent_is_the_apps_teal_in_light_and_dark() -> None:
    assert LIGHT.accent == DARK.accent == "#2f7d6d"


# -- applying a theme ---------------------------------------------------------------------


@pytest.mark.parametrize("tokens", ALL_TOKENS, ids=lambda t: t.name)
def test_applying_a_theme_sets_the_application_palette(qapp: QApplication,
                                                       tokens: Tokens) -> None:
    style.apply_look(qapp, tokens, 100)
    palette = qapp.palette()
    assert _colour(palette, ROLE.Window) == tokens.background
    assert _colour(palette, ROLE.WindowText) == tokens.text
    assert _colour(palette, ROLE.Base) == tokens.surface
    assert _colour(palette, ROLE.Text) == tokens.text
    assert _colour(palette, ROLE.Highlight) == tokens.accent
    assert _colour(palette, ROLE.HighlightedText) == tokens.on_accent
    assert tokens.accent in qapp.styleSheet()
    assert style.current() is tokens and style.colour("danger") == tokens.danger


def test_the_look_on_screen_is_the_applications_own(qapp: QApplication) -> None:
    """What is applied is kept by the QApplication (style.look), not in the
    module: the start-up look records whether the desktop was dark, and a
    later theme keeps that while it changes the rest."""
    style.set_look(qapp, style.Look())
    dark_desktop = qapp.palette().color(ROLE.Window).lightness() < 128
    style.apply_style(qapp)
    assert style.look() == style.Look(DARK if dark_desktop else LIGHT, 100, complete=False,
                                      system_dark=dark_desktop)
    style.apply_look(qapp, HIGH_CONTRAST, 130)
    assert getattr(qapp, style.LOOK_ATTRIBUTE) is style.look()
    assert style.look() == style.Look(HIGH_CONTRAST, 130, complete=True, system_dark=dark_desktop)
    assert (style.current(), style.text_scale(), style.is_complete(), style.system_is_dark()) == (
        HIGH_CONTRAST, 130, True, dark_desktop)


def test_high_contrast_makes_the_window_black_and_its_text_white(qapp: QApplication) -> None:
    look_switch().apply("high-contrast", 100)
    palette = qapp.palette()
    assert palette.color(ROLE.Window) == QColor("black")
    assert palette.color(ROLE.WindowText) == QColor("white")
    assert palette.color(ROLE.Text) == QColor("white")
    assert palette.color(ROLE.Base) == QColor("black")


@pytest.mark.parametrize("tokens", ALL_TOKENS, ids=lambda t: t.name)
def test_the_style_sheet_applies_to_every_kind_of_control(qtbot: QtBot, qapp: QApplication,
                                                         tokens: Tokens) -> None:
    """A rule Qt cannot parse, or an image it cannot load, is a Qt warning:
    the test fails on it."""
    holder = QWidget()
    qtbot.addWidget(holder)
    layout = QVBoxLayout(holder)
    tabs = QTabWidget(holder)
    tabs.addTab(QTableWidget(3, 3), "Table")
    spin = QSpinBox(holder)
    check_box = QCheckBox("Check", holder)
    check_box.setChecked(True)
    combo = QComboBox(holder)
    combo.addItems(["one", "two"])
    for widget in (tabs, spin, check_box, combo, QLineEdit(holder)):
        layout.addWidget(widget)
    holder.show()
    qtbot.waitExposed(holder)
    style.apply_look(qapp, tokens, 100)
    spin.setFocus()
    image = holder.grab().toImage()  # draws every control, arrows and check marks included
    assert image.pixelColor(1, 1) == QColor(tokens.background)


def test_the_first_screen_gets_a_short_style_sheet_and_the_log_completes_it(
        qapp: QApplication) -> None:
    style.apply_look(qapp, LIGHT, 100, complete=False)
    short = qapp.styleSheet()
    assert "QListWidget#navigation" in short and "QAbstractSpinBox" not in short
    assert not style.is_complete()
    assert look_switch().apply("light", 100)  # same theme and size: completed all the same
    assert "QAbstractSpinBox" in qapp.styleSheet() and style.is_complete()
    assert not look_switch().apply("light", 100)  # now nothing to do


# -- text size ------------------------------------------------------------------------------


def test_text_size_scales_the_app_font_and_headings_keep_their_ratio(
        qtbot: QtBot, qapp: QApplication) -> None:
    style.apply_look(qapp, LIGHT, 100)  # as at start-up (tests start without a look)
    page = Page("Heading")
    qtbot.addWidget(page)
    page.show()
    body = qapp.font().pointSizeF()
    assert page.heading.font().pointSizeF() == pytest.approx(body * style.HEADING_SCALE)
    look_switch().apply(text_scale=150)
    assert qapp.font().pointSizeF() == pytest.approx(style.BASE_POINT_SIZE * 1.5)
    assert page.heading.font().pointSizeF() == pytest.approx(
        style.BASE_POINT_SIZE * 1.5 * style.HEADING_SCALE)
    look_switch().apply("dark")  # a new style sheet must not undo the scaled heading
    assert page.heading.font().pointSizeF() == pytest.approx(
        style.BASE_POINT_SIZE * 1.5 * style.HEADING_SCALE)
    look_switch().apply(text_scale=100)
    assert qapp.font().pointSizeF() == pytest.approx(style.BASE_POINT_SIZE)
    assert page.heading.font().pointSizeF() == pytest.approx(body * style.HEADING_SCALE)


def test_pages_scroll_above_the_standard_size(qtbot: QtBot, paths: AppPaths) -> None:
    look_switch().apply("light", 100)
    page = Page("Today")
    settings = SettingsPage(paths)
    for widget in (page, settings):
        qtbot.addWidget(widget)
    assert page.scroll_area is None  # the first screen stays as it was
    assert settings.scroll_area is not None  # taller than a small screen at any size
    look_switch().apply(text_scale=130)
    assert page.scroll_area is not None and page.scroll_area.widget() is page.content
    assert page.heading.parentWidget() is page.content
    assert page.scroll_area.focusPolicy() == Qt.FocusPolicy.NoFocus
    later = Page("Later")  # built after the change: scrolls from the start
    qtbot.addWidget(later)
    assert later.scroll_area is not None


# -- the Settings page ----------------------------------------------------------------------


def test_the_look_controls_emit_setting_changed(qtbot: QtBot, paths: AppPaths) -> None:
    page = SettingsPage(paths)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.setting_changed) as blocker:
        page.theme_box.setCurrentIndex(page.theme_box.findData("high-contrast"))
    assert blocker.args == ["theme", "high-contrast"]
    with qtbot.waitSignal(page.setting_changed) as blocker:
        page.text_size_box.setCurrentIndex(page.text_size_box.findData(150))
    assert blocker.args == ["text_scale", 150]
    assert [page.theme_box.itemData(i) for i in range(page.theme_box.count())] == list(THEMES)
    assert [page.text_size_box.itemData(i) for i in range(page.text_size_box.count())] == \
        list(range(100, 201, 10))


def test_stored_look_is_shown_without_being_announced(qtbot: QtBot, paths: AppPaths) -> None:
    page = SettingsPage(paths)
    qtbot.addWidget(page)
    with qtbot.assertNotEmitted(page.setting_changed):
        page.show_settings(Settings(theme="dark", text_scale=170))
    assert page.theme_box.currentData() == "dark"
    assert page.text_size_box.currentData() == 170


def test_the_look_controls_are_named_explained_and_have_mnemonics(qtbot: QtBot,
                                                                 paths: AppPaths) -> None:
    page = SettingsPage(paths)
    qtbot.addWidget(page)
    for box, name in ((page.theme_box, "Theme"), (page.text_size_box, "Text size")):
        assert box.accessibleName() == name and box.toolTip()
        form = box.parentWidget()
        assert form is not None
        layout = form.layout()
        assert isinstance(layout, QFormLayout)
        label = layout.labelForField(box)
        assert isinstance(label, QLabel)
        assert "&" in label.text() and label.buddy() is box


# -- live in the window ---------------------------------------------------------------------


def test_a_changed_theme_and_text_size_take_effect_without_restart(
        qtbot: QtBot, qapp: QApplication, gui: GuiSession) -> None:
    window = gui.window
    settings = window.settings_page
    nav_size = window.navigation.font().pointSizeF()
    settings.theme_box.setCurrentIndex(settings.theme_box.findData("high-contrast"))
    assert qapp.palette().color(ROLE.Window) == QColor("black")
    settings.text_size_box.setCurrentIndex(settings.text_size_box.findData(150))
    assert qapp.font().pointSizeF() == pytest.approx(style.BASE_POINT_SIZE * 1.5)
    assert window.navigation.font().pointSizeF() == pytest.approx(nav_size * 1.5)
    assert settings.heading.font().pointSizeF() == pytest.approx(
        style.BASE_POINT_SIZE * 1.5 * style.HEADING_SCALE)
    assert window.navigation.width() >= window.navigation.fontMetrics().horizontalAdvance(
        "Settings")
    reader = window.reader
    assert reader is not None
    qtbot.waitUntil(lambda: (reader.get_setting("theme"), reader.get_setting("text_scale"))
                    == ("high-contrast", 150), timeout=5000)


def test_the_stored_look_is_applied_when_the_log_opens(
        qtbot: QtBot, qapp: QApplication, paths: AppPaths, clock: FakeClock) -> None:
    store, _ = Store.open(paths, clock)
    store.set_setting("theme", "dark")
    store.set_setting("text_scale", 120)
    store.close()
    session = started_window(qtbot, qapp, paths, clock)
    assert qapp.palette().color(ROLE.Window) == QColor(DARK.background)
    assert qapp.font().pointSizeF() == pytest.approx(style.BASE_POINT_SIZE * 1.2)
    assert session.window.today_page.heading.font().pointSizeF() == pytest.approx(
        style.BASE_POINT_SIZE * 1.2 * style.HEADING_SCALE)


def test_the_week_strip_takes_its_colours_from_the_theme(
        qtbot: QtBot, qapp: QApplication, paths: AppPaths, clock: FakeClock) -> None:
    store, _ = Store.open(paths, clock)
    store.enrol("sample-session", clock.now().astimezone().date() - timedelta(days=8), [0, 2, 4])
    store.close()
    today = started_window(qtbot, qapp, paths, clock).window.today_page
    look_switch().apply("dark")
    texts = " ".join(label.text() for label in today.strip_labels)
    assert DARK.muted in texts or DARK.warning in texts or DARK.success in texts
    assert LIGHT.muted not in texts and LIGHT.warning not in texts
    # Each state is said in words too, never by colour alone.
    assert all(label.accessibleName().split(": ")[-1] for label in today.strip_labels)


# -- following the system -----------------------------------------------------------------


def test_follow_the_system_reacts_to_a_colour_scheme_change(qtbot: QtBot,
                                                            qapp: QApplication) -> None:
    switch = look_switch()
    switch.apply("system", 100)
    with qtbot.waitSignal(switch.changed):
        switch.follow_desktop(Qt.ColorScheme.Dark)
    assert style.current() is DARK
    assert qapp.palette().color(ROLE.Window) == QColor(DARK.background)
    with qtbot.waitSignal(switch.changed):
        switch.follow_desktop(Qt.ColorScheme.Light)
    assert style.current() is LIGHT


def test_a_chosen_theme_ignores_the_systems_colour_scheme(qtbot: QtBot) -> None:
    switch = look_switch()
    switch.apply("light", 100)
    with qtbot.assertNotEmitted(switch.changed):
        switch.follow_desktop(Qt.ColorScheme.Dark)
    assert style.current() is LIGHT
    switch.apply("system")  # the scheme seen while light was chosen counts now
    assert style.current() is DARK


# -- icons ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ICON_NAMES)
def test_every_icon_is_drawn_in_the_colour_asked(qapp: QApplication, name: str) -> None:
    assert (icon_dir() / f"{name}.svg").is_file()
    text = Path(icon_file(name, "#ff0000")).read_text(encoding="utf-8")
    assert "#ff0000" in text and "currentColor" not in text
    image = icon(name, "#ff0000").pixmap(48, 48).toImage()
    colours = {image.pixelColor(x, y).name() for x in range(48) for y in range(48)
               if image.pixelColor(x, y).alpha() == 255}
    assert colours == {"#ff0000"}


def test_the_navigation_gets_an_icon_per_page_once_the_log_is_open(qtbot: QtBot,
                                                                   gui: GuiSession) -> None:
    navigation = gui.window.navigation
    items = [navigation.item(row) for row in range(navigation.count())]
    qtbot.waitUntil(lambda: all(not item.icon().isNull() for item in items))
    look_switch().apply("high-contrast")  # drawn again in the new colours: black on white

    def selected_icon_is_black() -> bool:
        image = items[0].icon().pixmap(32, 32, QIcon.Mode.Selected).toImage()
        opaque = {image.pixelColor(x, y).name() for x in range(32) for y in range(32)
                  if image.pixelColor(x, y).alpha() == 255}
        return opaque == {"#000000"}

    qtbot.waitUntil(selected_icon_is_black)


def test_a_button_given_an_icon_follows_the_theme(qtbot: QtBot, qapp: QApplication) -> None:
    style.apply_look(qapp, LIGHT, 100)
    button = QPushButton("Export")
    qtbot.addWidget(button)
    set_icon(button, "export")

    def colours() -> set[str]:
        image = button.icon().pixmap(32, 32).toImage()
        return {image.pixelColor(x, y).name() for x in range(32) for y in range(32)
                if image.pixelColor(x, y).alpha() == 255}

    assert colours() == {LIGHT.text}
    look_switch().apply("dark")
    assert colours() == {DARK.text}
