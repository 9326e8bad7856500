"""Today's week strip at a large text size: each day's box is as wide as its
text in the labels' own font, so nothing is cut off at 200%."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QFont, QFontMetrics, QPalette, QTextDocumentFragment
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from app.clock import FakeClock
from app.paths import AppPaths
from app.storage.store import Store
from app.ui import style
from app.ui.alerts import RecordingAlerts
from app.ui.application import GuiSession
from app.ui.pages.today_page import TodayPage
from app.ui.theme_switch import look_switch


@pytest.fixture(autouse=True)
def _look_restored(qapp: QApplication) -> Iterator[None]:
    """The text size is the one application's: put the look back afterwards."""
    palette, font, sheet = QPalette(qapp.palette()), qapp.font(), qapp.styleSheet()
    applied = dict(style._applied)
    switch = look_switch()
    theme = switch.theme
    yield
    # The widgets go first, while their style sheet is still set.
    for widget in qapp.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    switch.theme = theme
    style._applied.clear()
    style._applied.update(applied)
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setFont(font)


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


def _text_width(label: QLabel) -> int:
    """The widest line of a day: its bold heading, or its status line."""
    heading, _, status = label.text().partition("<br>")
    bold = QFont(label.font())
    bold.setBold(True)
    return max(QFontMetrics(bold).horizontalAdvance(_plain(heading)),
               QFontMetrics(label.font()).horizontalAdvance(_plain(status)))


def _plain(html: str) -> str:
    return QTextDocumentFragment.fromHtml(html).toPlainText()


def test_the_strip_days_fit_their_text_at_twice_the_text_size(
        qtbot: QtBot, qapp: QApplication, paths: AppPaths, clock: FakeClock) -> None:
    page = _today_page(qtbot, paths, clock)
    normal = {label: label.minimumWidth() for label in page.strip_labels}
    look_switch().apply(text_scale=200)
    labels = page.strip_labels
    assert labels[0].font().pointSizeF() == pytest.approx(style.body_point_size(200))
    for label in labels:
        needed = _text_width(label)
        assert label.sizeHint().width() >= needed, label.text()
        # What the layout may squeeze the box to still holds the text...
        assert label.minimumWidth() >= needed, label.text()
        # ... and it grew with the font.
        assert label.minimumWidth() > normal[label] * 1.5
    # The boxes line up: one width for the week.
    assert len({label.minimumWidth() for label in labels}) == 1
    # Laid out in a window far too narrow for them, they still are not cut.
    window = page.window()
    window.resize(400, 600)
    window.show()
    qtbot.waitExposed(window)
    for label in labels:
        assert label.width() >= _text_width(label), label.text()
