"""Today on the first day of a program, as the athlete sees it in the window.

Seen with snap at 1280x720 (issue 16): with no session logged yet, the quick
note button stretched across the page (the last-session line it shares a row
with was hidden), each dose wrapped onto two lines ("3 × 12-15 (rest 1" /
"min)") beside an empty advice column, and the adherence line read "Done 0 of
1 planned session so far (0%)" on a morning when nothing had been missed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.storage.store import Store
from app.ui.shell.application import GuiSession

MONDAY = date(2026, 1, 5)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 1, 5, 8, tzinfo=UTC))  # Monday morning


@pytest.fixture
def log(paths: AppPaths, clock: FakeClock) -> Iterator[Store]:
    store, _report = Store.open(paths, clock)
    try:
        yield store
    finally:
        store.close()


def test_a_first_morning_reads_plainly(qtbot: QtBot, paths: AppPaths, clock: FakeClock,
                                       log: Store,
                                       open_window: Callable[..., GuiSession]) -> None:
    """Monday morning: the athlete began the sample session today, on Monday,
    Wednesday and Friday, and opens the window at 1280x720."""
    log.enrol("sample-session", MONDAY, (0, 2, 4))
    window = open_window().window
    window.resize(1280, 720)
    window.page(0)
    window.show()
    qtbot.waitExposed(window)
    page = window.today_page

    def doses() -> list[QLabel]:
        return [label for label in page.findChildren(QLabel)
                if label.isVisible() and "(rest" in label.text()]

    qtbot.waitUntil(lambda: len(doses()) == 3)
    assert page.last_session.isHidden()
    button = page.note_button
    assert button.width() <= button.sizeHint().width() + 1, "the quick note stretched"
    for label in doses():
        # Narrower than its text, a word-wrapped label breaks it onto two lines.
        assert label.width() >= label.fontMetrics().horizontalAdvance(label.text()), \
            f"{label.text()!r} wrapped"
    assert page.adherence_label.text() == "Nothing was planned before today yet."
