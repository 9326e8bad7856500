"""Gym mode in the athlete's language and look: every word on the session
screen goes through app.kernel.i18n, numbers typed and shown on the log sheet
follow the locale, and the app's high-contrast theme gives the screen its
maximum-contrast variant."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from app.catalog import Catalog, load_catalog_strict
from app.kernel import i18n
from app.kernel.clock import FakeClock
from app.kernel.resources import resources_dir
from app.session.engine import SessionEngine
from app.session.events import State
from app.session.plan import SessionPlan, item_from_exercise
from app.ui.history.chart_colours import contrast
from app.ui.look import style
from app.ui.session import theme
from app.ui.session.screen import SessionScreen
from app.ui.shell.language import Language

WIDTH, HEIGHT = 1366, 768
OPEN = "⟪"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog_strict(resources_dir())


@pytest.fixture
def german(qapp: QApplication) -> Iterator[None]:
    """German numbers (decimal comma) and every message "translated" as ⟪source⟫."""
    language = Language(QLocale(QLocale.Language.German, QLocale.Country.Germany),
                        Path("/nonexistent"))
    language.install()

    def translate(context: str, text: str, disambiguation: str | None, n: int) -> str:
        return f"{OPEN}{text}⟫"

    i18n.install(translate=translate)
    yield
    language.uninstall()


def _engine(catalog: Catalog, slug: str, clock: FakeClock, load_kg: float | None = None) -> SessionEngine:
    plan = SessionPlan.of("Test session",
                          main=[item_from_exercise(catalog.get(slug), target_load_kg=load_kg)])
    return SessionEngine(plan, clock)


def _screen(qtbot: QtBot, catalog: Catalog, **options: object) -> SessionScreen:
    screen = SessionScreen(catalog, **options)  # type: ignore[arg-type]
    qtbot.addWidget(screen)
    screen.resize(WIDTH, HEIGHT)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def _logged_set(screen: SessionScreen, engine: SessionEngine) -> None:
    """A plain set run and finished: the log sheet open on it."""
    engine.start_set()
    engine.finish_set()
    assert engine.state is State.SET_DONE
    completed = engine.view().last_set
    assert completed is not None
    screen.show_view(engine.view(), engine.allowed())
    screen.open_log_sheet(engine.entry_for_set(), completed)


# -- words and numbers ---------------------------------------------------------------------


def test_the_session_screen_says_everything_in_the_athletes_language(
        qtbot: QtBot, catalog: Catalog, clock: FakeClock, german: None) -> None:
    screen = _screen(qtbot, catalog)
    engine = _engine(catalog, "romanian-deadlift", clock, load_kg=62.5)
    screen.show_view(engine.view(), engine.allowed())
    for line in (screen.headline, screen.big, screen.block_line, screen.set_line, screen.strip_line,
                 screen.target_line):
        assert line.text().startswith(OPEN), (line.accessibleName(), line.text())
    assert "62,5 kg" in screen.target_line.text()
    for button in screen.findChildren(QPushButton):
        for text in (button.text(), button.accessibleName(), button.toolTip()):
            assert OPEN in text, text
    assert all(line.accessibleName().startswith(OPEN) for line in
               (screen.headline, screen.big, screen.bar, screen.strip, screen.flash_overlay))
    for _keys, what in screen.help_overlay.texts():
        assert what.startswith(OPEN), what
    assert screen.help_overlay.texts()[0][0] == "⟪Space⟫"  # a key name a keyboard may print otherwise
    assert screen.pause_overlay.title.text().startswith(OPEN)

    _logged_set(screen, engine)
    sheet = screen.sheet
    assert sheet.title.text().startswith(f"{OPEN}LOG SET 1")
    for label in (sheet.reps_caption, sheet.load_caption, sheet.type_caption, sheet.detail):
        assert label.text().startswith(OPEN), label.text()
    assert [sheet.type_combo.itemText(i) for i in range(sheet.type_combo.count())] == [
        "⟪Warm-up⟫", "⟪Working⟫", "⟪Drop set⟫"]
    for label in sheet.findChildren(QLabel):
        if label.accessibleName():
            assert label.accessibleName().startswith(OPEN), label.accessibleName()


def test_the_log_sheet_shows_and_reads_numbers_in_the_locale(
        qtbot: QtBot, catalog: Catalog, clock: FakeClock, german: None) -> None:
    screen = _screen(qtbot, catalog)
    engine = _engine(catalog, "romanian-deadlift", clock, load_kg=62.5)
    screen.show_view(engine.view(), engine.allowed())
    _logged_set(screen, engine)
    sheet = screen.sheet
    assert sheet.load_edit.text() == "62,5"
    sheet.adjust_load(1)
    assert sheet.load_edit.text() == "65"
    for typed in ("82,5", "82.5", " 82,5 "):
        sheet.load_edit.setText(typed)
        sheet.rpe_edit.setText("7,5")
        assert (sheet.changes()["load"], sheet.changes()["rpe"]) == (82.5, 7.5)
    sheet.load_edit.setText("82,5.0")
    with pytest.raises(ValueError, match="load"):
        sheet.changes()


# -- the maximum-contrast look ---------------------------------------------------------------


@pytest.fixture
def high_contrast(qapp: QApplication) -> Iterator[None]:
    """The app's high-contrast theme as the one on screen (its tokens only:
    the session screen sets its own palette and style sheet)."""
    applied = style.look()
    # namedtuple's own _replace (public despite the underscore; kept in test_tests_tree.py)
    style.set_look(qapp, applied._replace(tokens=style.HIGH_CONTRAST))
    yield
    style.set_look(qapp, applied)


def test_the_phase_colours_read_on_black() -> None:
    colours = {*theme.PHASE_COLOURS.values(), theme.READY, theme.REST, theme.SWITCH, theme.PAUSED,
               theme.ERROR, theme.DONE, theme.LOWER, *theme.SIDE_COLOURS.values()}
    for colour in colours:
        assert contrast(QColor(colour), QColor("#000000")) >= 7, colour


def test_the_apps_high_contrast_theme_gives_the_maximum_contrast_screen(
        qtbot: QtBot, catalog: Catalog, clock: FakeClock, high_contrast: None) -> None:
    screen = _screen(qtbot, catalog)
    assert screen.look is theme.MAXIMUM
    black, white = QColor("#000000"), QColor("#ffffff")
    engine = _engine(catalog, "romanian-deadlift", clock, load_kg=60)
    screen.show_view(engine.view(), engine.allowed())
    palette = screen.palette()
    assert palette.color(QPalette.ColorRole.Window) == black
    assert palette.color(QPalette.ColorRole.WindowText) == white
    assert palette.color(QPalette.ColorRole.PlaceholderText) == white
    # The secondary lines are white too, not grey.
    assert screen.block_line.colour() == white and screen.detail_line.colour() == white
    image = screen.grab().toImage()
    assert image.pixelColor(2, 2) == black
    # Buttons edged in white on black.
    button = screen.buttons["pause"]
    shot = button.grab().toImage()
    assert shot.pixelColor(1, shot.height() // 2) == white
    assert shot.pixelColor(6, shot.height() // 2) == black  # inside the edge, before the text

    _logged_set(screen, engine)
    QApplication.processEvents()
    # The field with the focus: a thick yellow edge (the app's focus colour).
    # Issue 14: a loaded exercise's sheet opens on its load.
    load = screen.sheet.load_edit
    assert load.hasFocus()
    edge = load.grab().toImage().pixelColor(1, load.height() // 2)
    assert edge == QColor(style.HIGH_CONTRAST.focus)
    reps = screen.sheet.reps_edit.grab().toImage()
    assert reps.pixelColor(1, reps.height() // 2) == white
    assert screen.sheet.reps_caption.palette().color(QPalette.ColorRole.WindowText) == white


def test_other_themes_keep_gym_modes_own_look(qtbot: QtBot, catalog: Catalog) -> None:
    screen = _screen(qtbot, catalog)
    assert style.current().name != "high-contrast" and screen.look is theme.STANDARD
    assert screen.palette().color(QPalette.ColorRole.Window) == QColor(theme.BACKGROUND)
    assert screen.block_line.colour() == QColor(theme.TEXT_DIM)
    assert _screen(qtbot, catalog, high_contrast=True).look is theme.MAXIMUM
