"""The window ready for other languages: the app installs the athlete's
language for its run, typed numbers follow the locale, no two controls of a
page share an Alt letter, the chart grows with the text, and a restored
backup's look is applied at once."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QLocale, QSizeF, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMenu, QWidget
from pytestqt.qtbot import QtBot

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.logbook.entries import LoggedSetRecord
from app.progress.queries import ProgressReader
from app.storage.backup import BackupKind
from app.storage.store import Store
from app.ui.base.alerts import RecordingAlerts
from app.ui.history.charts_view import TOP_SETS, ProgressView
from app.ui.history.history_page import PROGRESS_TAB, RECORDS_TAB, SESSIONS_TAB
from app.ui.history.set_dialog import SetEditDialog
from app.ui.look import style
from app.ui.look.style import DARK, LIGHT
from app.ui.look.theme_switch import look_switch
from app.ui.shell import application
from app.ui.shell.application import GuiSession
from app.ui.shell.language import Language
from app.ui.shell.main_window import HISTORY

# Shared with the tests of the whole window: the pseudo-translation (French),
# the look put back after each test, the window started as the app starts it.
from helpers.language import OPEN, shown_texts
from helpers.progress_log import HAMSTRINGS, NAMES, log_weeks
from helpers.window import started_window
from helpers.writes import wait_for_writes

# These tests change the application's look (see conftest.look_restored).
pytestmark = pytest.mark.usefixtures("look_restored")


@pytest.fixture
def german(qapp: QApplication) -> Iterator[Language]:
    language = Language(QLocale(QLocale.Language.German, QLocale.Country.Germany),
                        Path("/nonexistent"))
    language.install()
    yield language
    language.uninstall()


def test_the_app_installs_the_language_before_the_window_and_removes_it_after(
        monkeypatch: pytest.MonkeyPatch, paths: AppPaths) -> None:
    events: list[str] = []

    class RecordingLanguage:
        def install(self) -> None:
            events.append("install")

        def uninstall(self) -> None:
            events.append("uninstall")

    class RecordingSession:
        exit_code = 0

        def __init__(self, *_args: object, **_kwargs: object) -> None:
            events.append("window")

        def start(self) -> None:
            events.append("start")

    class RecordingApp:
        def __init__(self, _argv: list[str]) -> None:
            pass

        def exec(self) -> int:
            events.append("event loop")
            return 0

    class NoCollector:
        def __init__(self, _app: object) -> None:
            pass

        def stop(self) -> None:
            pass

    monkeypatch.setattr(application, "QApplication", RecordingApp)
    monkeypatch.setattr(application, "apply_style", lambda _app: None)
    monkeypatch.setattr(application, "MainThreadGarbageCollector", NoCollector)
    monkeypatch.setattr(application, "Language", RecordingLanguage)
    monkeypatch.setattr(application, "GuiSession", RecordingSession)
    assert application.run_event_loop(paths, None, 1.0) == 0
    assert events == ["install", "window", "start", "event loop", "uninstall"]


def _record(load_kg: float, descent_s: tuple[float, ...]) -> LoggedSetRecord:
    return LoggedSetRecord(id=1, uid="u", session_id=1, exercise_slug="romanian-deadlift",
                           set_number=1, side="both", reps=8, load_kg=load_kg, load_unit="kg",
                           duration_s=None, rpe=7.5, tempo=None, descent_s=descent_s,
                           set_type="working", notes="", logged_at=datetime(2026, 1, 5, tzinfo=UTC))


def test_the_set_dialog_shows_and_reads_the_locales_decimals(qtbot: QtBot, german: Language) -> None:
    dialog = SetEditDialog(_record(82.5, (4.5, 3.9)), [("romanian-deadlift", "RDL")], "Change")
    qtbot.addWidget(dialog)
    assert (dialog.load_edit.text(), dialog.rpe_edit.text()) == ("82,5", "7,5")
    assert dialog.descent_edit.text() == "4,5; 3,9"
    dialog.load_edit.setText("85,5")
    dialog.descent_edit.setText("4,25; 4")
    entry = dialog.entry()
    assert (entry.load, entry.rpe, entry.descent_s) == (85.5, 7.5, (4.25, 4.0))
    dialog.load_edit.setText("86.5")  # a dot is still understood
    assert dialog.entry().load == 86.5


def _letters(texts: Iterable[str]) -> list[str]:
    """The Alt letters marked in ``texts`` ("&&" is a plain ampersand)."""
    letters = []
    for text in texts:
        marked = text.replace("&&", "")
        if "&" in marked:
            letters.append(marked[marked.index("&") + 1].lower())
    return letters


def _page_letters(page: QWidget) -> list[str]:
    widgets = page.findChildren(QWidget)
    return _letters([w.text() for w in widgets if isinstance(w, (QLabel, QAbstractButton))])


def test_no_two_controls_of_settings_or_a_menu_share_an_alt_letter(
        qtbot: QtBot, qapp: QApplication, paths: AppPaths, clock: FakeClock) -> None:
    window = started_window(qtbot, qapp, paths, clock).window
    menu_bar = _letters(action.text() for action in window.menuBar().actions())
    assert len(set(menu_bar)) == len(menu_bar) == 3
    for action in window.menuBar().actions():
        menu = action.menu()
        assert isinstance(menu, QMenu)
        letters = _letters(item.text() for item in menu.actions())
        assert len(set(letters)) == len(letters), (menu.title(), letters)
    # Alt+letter on a page also competes with the menu bar's.
    letters = _page_letters(window.settings_page) + menu_bar
    assert len(set(letters)) == len(letters), sorted(letters)


def test_the_chart_keeps_room_for_its_plot_at_twice_the_text_size(
        qtbot: QtBot, store: Store, clock: FakeClock, paths: AppPaths) -> None:
    log_weeks(store, clock)
    reader = ProgressReader(paths.database)
    view = ProgressView()
    qtbot.addWidget(view)
    standard = view.chart_view.minimumHeight()
    font = QFont(view.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    view.setFont(font)
    assert view.chart_view.minimumHeight() >= 1.8 * standard
    view.resize(1000, 640)
    view.show()
    try:
        view.load(reader, NAMES, HAMSTRINGS, "kg")
        view.show_chart(TOP_SETS, "romanian-deadlift")
        # At its least height, the title, axes and legend in large text leave a plot.
        view.chart.resize(QSizeF(900, view.chart_view.minimumHeight()))
        view.chart.layout().activate()
        assert view.chart.plotArea().height() >= 4 * view.fontMetrics().height()
    finally:
        reader.close()


def test_a_restored_backups_look_takes_effect_at_once(
        qtbot: QtBot, qapp: QApplication, paths: AppPaths, clock: FakeClock) -> None:
    store, _ = Store.open(paths, clock)
    store.set_setting("theme", "dark")
    store.set_setting("text_scale", 120)
    store.backup(BackupKind.MANUAL)
    store.set_setting("theme", "light")
    store.set_setting("text_scale", 100)
    store.close()
    window = started_window(qtbot, qapp, paths, clock).window
    assert style.current() is LIGHT and style.text_scale() == 100
    page = window.settings_page
    page.backup_list.setCurrentRow(0)
    page.restore_button.click()
    wait_for_writes(qtbot, window.writer)
    qtbot.waitUntil(lambda: page.theme_box.currentData() == "dark", timeout=20000)
    assert look_switch().theme == "dark" and style.current() is DARK
    assert style.text_scale() == 120
    assert qapp.font().pointSizeF() == pytest.approx(style.BASE_POINT_SIZE * 1.2)


def _headers(model: QAbstractItemModel) -> list[str]:
    return [model.headerData(column, Qt.Orientation.Horizontal) for column in
            range(model.columnCount())]


def test_history_its_tabs_and_the_dialogs_are_translated(
        qtbot: QtBot, paths: AppPaths, clock: FakeClock, store: Store,
        french: Language,
        pseudo_translation: tuple[Path, dict[str, set[str]]],
) -> None:
    """Beyond the first screen of each page (test_language): History's tables,
    records, charts and set dialog, and About, in the pseudo-translation."""
    log_weeks(store, clock, weeks=2)
    store.close()
    gui = GuiSession(paths, RecordingAlerts(), clock)
    qtbot.addWidget(gui.window)
    with qtbot.waitSignal(gui.window.log_ready, timeout=20000):
        gui.start()
    window = gui.window
    page = window.history_page
    window.show_page(HISTORY)
    shown = [text for _, text in shown_texts(window)]
    shown += _headers(page.sessions_model) + _headers(page.session_sets_model)
    shown += [page.sessions_model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)]
    for tab in (RECORDS_TAB, PROGRESS_TAB):
        page.tabs.setCurrentIndex(tab)
        shown += [text for _, text in shown_texts(page)]
    assert window.history is not None and window.history.records_view is not None
    shown += _headers(window.history.records_view.model)
    page.tabs.setCurrentIndex(SESSIONS_TAB)
    page.edit_button.click()
    assert window.history.set_dialog is not None
    shown += [text for _, text in shown_texts(window.history.set_dialog)]
    window.history.set_dialog.reject()
    window.about_action.trigger()
    shown += [text for _, text in shown_texts(window.about_dialog)]
    _, sources = pseudo_translation
    all_sources = {text for texts in sources.values() for text in texts}
    missed = sorted({text for text in shown if text in all_sources and OPEN not in text})
    assert missed == []
    assert sum(OPEN in text for text in shown) > 100
