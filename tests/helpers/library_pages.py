"""The Library page as the Library and "Why hamstrings" tests show it:
offscreen, at its share of a 1366x768 screen, active and holding the keys."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from app.kernel.clock import FakeClock
from app.ui.library.library_page import LibraryPage


def show_page(qtbot: QtBot, page: LibraryPage) -> LibraryPage:
    qtbot.addWidget(page)
    page.resize(1146, 660)  # the page's share of a 1366x768 screen
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitActive(page)
    return page


@pytest.fixture
def library_page(qtbot: QtBot, clock: FakeClock) -> LibraryPage:
    """The Library page on the app's own exercises, shown (import it, then
    name it as the tests ask: ``page = library_page``)."""
    return show_page(qtbot, LibraryPage(clock=clock))
