"""An exercise's own view at a large text size fits its page: nothing past
the right edge, no sideways scrolling, and the step text keeps a readable
line beside the picture, or goes under it when the page is narrow.

Seen with snap at 200 % text on a 1280x720 screen: the name and the
buttons on one row made the page 1293 px wide in 990, so "Start session"
was cut off at the right edge and the step column showed a few letters of
each word behind a sideways scroll bar.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.kernel.clock import FakeClock
from app.logbook.custom_exercises import CustomExercise, CustomStep
from app.ui.library.detail_view import (
    STACKED_PICTURE_SHARE,
    STEP_MIN_CHARACTERS,
    STEP_TEXT_POINT_SIZE,
)
from app.ui.library.library_page import LibraryPage
from app.ui.look import style
from app.ui.look.side_by_side import SideBySide
from helpers.layout_check import layout_problems

NORDIC = "nordic-hamstring-curl"
# The page's share of a 1280x720 screen at 200 % (the navigation takes the rest).
PAGE_AT_1280 = (1004, 640)


def _settle() -> None:
    for _ in range(6):
        QApplication.processEvents()
        QApplication.sendPostedEvents()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def large_text(qapp: QApplication, look_restored: None) -> Iterator[None]:
    # Before the page is built, as when the app starts with this setting:
    # the page then sits in its own scroll area (Page.fit_text_size).
    style.apply_look(qapp, style.LIGHT, 200)
    yield


def _detail_page(qtbot: QtBot, clock: FakeClock, width: int, height: int) -> LibraryPage:
    page = LibraryPage(clock=clock)
    qtbot.addWidget(page)
    page.resize(width, height)
    page.show()
    qtbot.waitExposed(page)
    assert page.open_exercise(NORDIC)
    _settle()
    return page


@pytest.mark.usefixtures("large_text")
def test_at_200_percent_on_a_1280_screen_nothing_scrolls_sideways(qtbot: QtBot,
                                                                  clock: FakeClock) -> None:
    page = _detail_page(qtbot, clock, *PAGE_AT_1280)
    detail = page.detail
    assert page.scroll_area is not None   # the large-text page scrolls, up and down only
    assert page.scroll_area.horizontalScrollBar().maximum() == 0
    content = detail.scroll_area.widget()
    assert content is not None and content.width() <= detail.scroll_area.viewport().width()
    assert layout_problems(page) == []
    # The name keeps one line (the buttons go under it rather than break it).
    title = detail.title_label
    assert title.height() < 2 * QFontMetrics(title.font()).lineSpacing()
    assert detail.start_button.mapTo(detail, detail.start_button.rect().topLeft()).y() \
        >= title.mapTo(detail, title.rect().bottomLeft()).y()
    # Every button of the heading within the page's width.
    right = page.scroll_area.viewport().width()
    for button in (detail.back_button, detail.start_button, detail.duplicate_button):
        assert button.mapTo(page.scroll_area.viewport(), button.rect().topRight()).x() < right


@pytest.mark.usefixtures("large_text")
def test_the_step_keeps_a_readable_line_and_its_size_at_200_percent(qtbot: QtBot,
                                                                    clock: FakeClock) -> None:
    page = _detail_page(qtbot, clock, *PAGE_AT_1280)
    detail = page.detail
    font = detail.step_text.font()
    assert font.pointSizeF() >= STEP_TEXT_POINT_SIZE * 2   # never smaller to fit
    readable = QFontMetrics(font).averageCharWidth() * STEP_MIN_CHARACTERS
    assert detail.step_text.width() >= readable
    # Beside the picture, which shrinks for it.
    assert detail.step_column.x() > detail.picture_column.x()
    assert detail.picture_column.width() < detail.hero.width() // 2


@pytest.mark.usefixtures("large_text")
def test_in_a_narrow_window_the_step_goes_under_the_picture(qtbot: QtBot,
                                                            clock: FakeClock) -> None:
    page = _detail_page(qtbot, clock, 640, 700)
    detail = page.detail
    assert layout_problems(page) == []
    assert detail.step_column.y() >= detail.picture_column.y() + detail.picture_stack.height()
    assert detail.step_column.width() == detail.hero.width()
    # The picture leaves room for the step on the first screenful.
    visible = detail.scroll_area.viewport().height()
    assert detail.picture_stack.height() <= visible * STACKED_PICTURE_SHARE + 1
    assert detail.step_text.font().pointSizeF() >= STEP_TEXT_POINT_SIZE * 2


@pytest.mark.usefixtures("large_text")
def test_a_custom_exercise_with_all_four_buttons_fits_at_200_percent(qtbot: QtBot,
                                                                     clock: FakeClock) -> None:
    """Its own exercise has Edit and Delete too, and the Custom tag: the
    widest heading there is."""
    page = LibraryPage(clock=clock)
    qtbot.addWidget(page)
    page.resize(*PAGE_AT_1280)
    page.show()
    qtbot.waitExposed(page)
    page.set_custom_exercises([CustomExercise(
        "custom-bench-hip-thrust", "Bench hip thrust", ("bench", "barbell"), one_side="no",
        level="intermediate", steps=(CustomStep("Shoulders on the bench, bar over the hips."),),
        notes="Feet flat, shins vertical at the top.")])
    assert page.open_exercise("custom-bench-hip-thrust")
    _settle()
    detail = page.detail
    assert detail.edit_button.isVisible() and detail.delete_button.isVisible()
    assert detail.custom_tag.isVisible()
    assert page.scroll_area is not None
    assert page.scroll_area.horizontalScrollBar().maximum() == 0
    assert layout_problems(page) == []


# -- the layout itself -------------------------------------------------------------------


def _box(parent: QWidget, width: int, height: int) -> QWidget:
    box = QWidget(parent)
    box.setMinimumSize(width, height)
    return box


def test_side_by_side_is_a_row_while_every_minimum_fits_and_a_column_after(
        qtbot: QtBot) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    layout = SideBySide(root)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(10)
    wide, narrow = _box(root, 200, 50), _box(root, 100, 30)
    layout.add_widget(wide, 2)
    layout.add_widget(narrow, 1)
    assert layout.minimumSize().width() == 200   # its widest widget: the column
    assert layout.is_row_at(310) and not layout.is_row_at(309)
    assert layout.heightForWidth(310) == 50
    assert layout.heightForWidth(309) == 50 + 10 + 30
    root.resize(610, 100)
    root.show()
    qtbot.waitExposed(root)
    layout.activate()
    # In a row: shared 2:1 by stretch.
    assert (wide.x(), wide.width(), narrow.x(), narrow.width()) == (0, 400, 410, 200)
    root.resize(250, 200)
    layout.activate()
    assert (wide.y(), wide.width()) == (0, 250)
    assert (narrow.x(), narrow.y(), narrow.width()) == (0, 60, 250)
    # A hidden widget takes no room: the other one is a row of one.
    wide.hide()
    layout.activate()
    assert layout.is_row_at(100)
    assert (narrow.x(), narrow.width()) == (0, 250)


def test_side_by_side_gives_a_widget_its_minimum_before_sharing(qtbot: QtBot) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    layout = SideBySide(root)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    big, small = _box(root, 10, 10), _box(root, 300, 10)
    layout.add_widget(big, 5)
    layout.add_widget(small, 3)
    root.resize(400, 50)
    root.show()
    qtbot.waitExposed(root)
    layout.activate()
    # 3/8 of 400 would be 150: the second keeps its 300, the first has the rest.
    assert (small.width(), big.width()) == (300, 100)


def test_side_by_side_wraps_what_does_not_fit_onto_the_next_line(qtbot: QtBot) -> None:
    """Three widgets: the first two share a line while the third has no room
    beside them, and only at the narrowest is each on a line of its own."""
    root = QWidget()
    qtbot.addWidget(root)
    layout = SideBySide(root)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(10)
    first, second, third = _box(root, 100, 20), _box(root, 100, 30), _box(root, 150, 40)
    layout.add_widget(first)
    layout.add_widget(second)
    layout.add_widget(third, 1)
    assert layout.heightForWidth(370) == 40              # one row
    assert layout.heightForWidth(369) == 30 + 10 + 40    # two lines
    assert layout.heightForWidth(209) == 20 + 10 + 30 + 10 + 40
    root.resize(300, 100)
    root.show()
    qtbot.waitExposed(root)
    layout.activate()
    assert (first.x(), second.x(), second.y()) == (0, 110, 0)
    assert (third.x(), third.y(), third.width()) == (0, 40, 300)   # stretched on its own line


def test_side_by_side_row_width_keeps_a_widget_whole_beside_others(qtbot: QtBot) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    layout = SideBySide(root)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(10)
    name, buttons = _box(root, 100, 20), _box(root, 100, 30)
    layout.add_widget(name, 1, row_width=lambda: 400)
    layout.add_widget(buttons)
    assert layout.minimumSize().width() == 100        # alone it makes do with less
    assert layout.is_row_at(510) and not layout.is_row_at(509)
    assert layout.heightForWidth(509) == 20 + 10 + 30
    root.resize(300, 100)
    root.show()
    qtbot.waitExposed(root)
    layout.activate()
    assert (name.width(), buttons.y()) == (300, 30)
