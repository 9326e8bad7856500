"""Today's week strip at a large text size: the days share the width and wrap
their words, no word is cut, and at 200% the page still fits a 1366x768
laptop without scrolling sideways."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtGui import QFont, QFontMetrics, QTextDocumentFragment
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.storage.store import Store
from app.ui.base.alerts import RecordingAlerts
from app.ui.look import style
from app.ui.look.theme_switch import look_switch
from app.ui.shell.application import GuiSession
from app.ui.today.today_page import TodayPage

# The text size is the one application's (see conftest.look_restored).
pytestmark = pytest.mark.usefixtures("look_restored")


def _today_page(qtbot: QtBot, paths: AppPaths, clock: FakeClock) -> TodayPage:
    store, _ = Store.open(paths, clock)
    store.enrol("sample-session", clock.now().astimezone().date() - timedelta(days=8), [0, 2, 4])
    store.close()
    session = GuiSession(paths, RecordingAlerts(), clock)
    qtbot.addWidget(session.window)
    with qtbot.waitSignal(session.window.log_ready, timeout=20000):
        session.start()
    page = session.window.today_page
    assert page.due_panel is not None
    return page


def _words(label: QLabel) -> list[str]:
    return QTextDocumentFragment.fromHtml(label.text()).toPlainText().split()


def _widest_word(label: QLabel) -> int:
    bold = QFont(label.font())
    bold.setBold(True)  # the heading's words are bold: measure every word both ways
    return max(max(QFontMetrics(bold).horizontalAdvance(w),
                   QFontMetrics(label.font()).horizontalAdvance(w)) for w in _words(label))


def test_the_week_fits_a_laptop_at_twice_the_text_size(
        qtbot: QtBot, qapp: QApplication, paths: AppPaths, clock: FakeClock) -> None:
    page = _today_page(qtbot, paths, clock)
    normal = {label: label.minimumWidth() for label in page.strip_labels}
    look_switch().apply(text_scale=200)
    labels = page.strip_labels
    assert labels[0].font().pointSizeF() == pytest.approx(style.body_point_size(200))
    window = page.window()
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    # Laid out: every day as tall as its wrapped lines need.
    qtbot.waitUntil(lambda: all(label.height() >= label.heightForWidth(label.width())
                                for label in labels), timeout=5000)
    area = page.scroll_area
    assert area is not None
    # No sideways scrolling: everything fits the width of the page.
    assert not area.horizontalScrollBar().isVisible()
    for label in labels:
        assert label.minimumWidth() > normal[label] * 1.5  # grew with the font
        # No word is cut, and the wrapped lines all have room.
        assert label.contentsRect().width() >= _widest_word(label), label.text()
        assert label.height() >= label.heightForWidth(label.width()), label.text()
    # The days line up: one width for the week, on rows of even length.
    assert len({label.width() for label in labels}) == 1
    rows = {label.y() for label in labels}
    per_row = [sum(1 for label in labels if label.y() == y) for y in sorted(rows)]
    assert max(per_row) - min(per_row) <= 1, per_row
