"""Adding to the log by hand in History: a past session with its sets, and a
set forgotten in a logged session; both saved by the writer, refused with
the reason next to the field, and taken back with Ctrl+Z."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.logbook.entries import InvalidEntryError, SetEntry
from app.storage.queries import LogReader
from app.storage.store import Store
from app.ui.history.additions import SessionAdded, SetAdded
from app.ui.history.session_dialog import AddSessionDialog, default_start, local_start
from app.ui.history.set_dialog import SetFields, descents_text, parse_descents
from app.ui.shell.application import GuiSession
from app.ui.shell.main_window import MainWindow
from helpers.accessibility import unnamed  # the accessibility walk's own check
from helpers.writes import wait_for_writes

RDL = "romanian-deadlift"
NORDIC = "nordic-hamstring-curl"


# -- the Store -------------------------------------------------------------------------


def test_a_past_session_is_stored_whole_with_its_sets_at_its_start(store: Store,
                                                                    clock: FakeClock) -> None:
    started = clock.now() - timedelta(days=3)
    entries = [SetEntry(RDL, 1, reps=8, load=60), SetEntry(RDL, 2, reps=8, load=62.5)]
    record, sets = store.add_session(started, started + timedelta(minutes=45), " Gym ", entries)
    assert (record.title, record.started_at, record.duration_s) == ("Gym", started, 45 * 60)
    assert (record.set_count, record.volume_kg) == (2, 8 * 60 + 8 * 62.5)
    assert store.sets_of_session(record.id) == sets
    # Records and charts place the sets at their session, not when they were typed.
    assert [s.logged_at for s in sets] == [started, started]
    assert [(s.set_number, s.load_kg) for s in sets] == [(1, 60), (2, 62.5)]
    assert store.list_sessions()[0] == record


@pytest.mark.parametrize(("start", "minutes", "field", "words"), [
    (timedelta(minutes=1), None, "start", "later than now"),
    (timedelta(minutes=-30), 31, "duration", "later than now"),
    (timedelta(days=-1), -5, "duration", "negative"),
])
def test_a_past_session_that_did_not_happen_is_refused(store: Store, clock: FakeClock,
                                                       start: timedelta, minutes: int | None,
                                                       field: str, words: str) -> None:
    started = clock.now() + start
    ended = None if minutes is None else started + timedelta(minutes=minutes)
    with pytest.raises(InvalidEntryError) as refused:
        store.add_session(started, ended, "", [SetEntry(RDL, 1, reps=5)])
    assert refused.value.field == field and words in refused.value.message
    assert store.count_sessions() == 0


def test_a_past_session_without_sets_is_not_kept(store: Store, clock: FakeClock) -> None:
    with pytest.raises(InvalidEntryError) as refused:
        store.add_session(clock.now() - timedelta(hours=2), None, "", [])
    assert refused.value.field == "sets"
    assert store.count_sessions() == 0


def test_a_forgotten_set_joins_its_session_at_the_last_sets_time(store: Store,
                                                                  clock: FakeClock) -> None:
    session = store.start_session(title="Gym")
    clock.advance(300)
    first = store.log_set(session.id, SetEntry(RDL, 1, reps=8, load=60))
    store.end_session(session.id)
    clock.advance(5 * 86400)
    added = store.add_set(session.id, SetEntry(RDL, 2, reps=8, load=60, rir=2,
                                               descent_s=None))
    assert added.logged_at == first.logged_at
    assert (added.session_id, added.set_number, added.rir) == (session.id, 2, 2)
    assert store.sets_of_session(session.id) == [first, added]
    empty = store.start_session(title="Empty")
    assert store.add_set(empty.id, SetEntry(RDL, 1, reps=3)).logged_at == empty.started_at


def test_additions_undo_themselves(store: Store, clock: FakeClock) -> None:
    started = clock.now() - timedelta(days=1)
    record, sets = store.add_session(started, None, "", [SetEntry(RDL, 1, reps=5)])
    extra = store.add_set(record.id, SetEntry(RDL, 2, reps=5))
    added = SetAdded(extra, "Romanian deadlift")
    assert added.description == "Added Romanian deadlift set 2"
    added.undo(store)
    assert store.sets_of_session(record.id) == sets
    session_added = SessionAdded(record, tuple(sets), "Workout")
    assert session_added.description == "Added the session Workout (1 set)"
    session_added.undo(store)
    assert store.count_sessions() == 0 and store.count_sets() == 0


# -- the fields shared with the correction dialog --------------------------------------


def test_held_descents_are_typed_with_a_plus(qtbot: QtBot) -> None:
    assert parse_descents("4.5; 5+ ;3,8") == ((4.5, 5.0, 3.8), (False, True, False))
    assert parse_descents("4.5; 3.8") == ((4.5, 3.8), ())  # nothing said: not known
    assert parse_descents("4.5; 3.8", flags_known=True) == ((4.5, 3.8), (False, False))
    assert parse_descents(" ") == (None, ())
    assert descents_text((4.5, 5.0), (False, True)) == "4.5; 5+"
    with pytest.raises(InvalidEntryError) as refused:
        parse_descents("4; x+")
    assert refused.value.field == "descent of rep 2"


def test_a_new_set_with_nothing_in_it_is_refused(qtbot: QtBot) -> None:
    fields = SetFields([(RDL, "Romanian deadlift")], exercise=RDL, set_number=3, load_unit="lb")
    qtbot.addWidget(fields)
    assert (fields.set_spin.value(), fields.unit_combo.currentData()) == (3, "lb")
    with pytest.raises(InvalidEntryError) as refused:
        fields.entry()
    assert refused.value.field == "reps"
    fields.load_edit.setText("135")
    entry = fields.entry()
    assert (entry.exercise_slug, entry.set_number, entry.load, entry.load_unit) == (RDL, 3, 135, "lb")


def test_the_dialog_starts_on_the_quarter_hour_and_reads_local_time(qtbot: QtBot) -> None:
    now = datetime(2026, 1, 5, 17, 38, 20, tzinfo=UTC)
    start = default_start(now)
    assert start.minute % 15 == 0 and timedelta(0) <= now.astimezone().replace(
        tzinfo=None) - start < timedelta(minutes=15)
    dialog = AddSessionDialog([(RDL, "Romanian deadlift")], now, "kg", date(2025, 12, 24))
    qtbot.addWidget(dialog)
    assert dialog.date_edit.date() == QDate(2025, 12, 24)
    dialog.time_edit.setTime(QTime(7, 15))
    dialog.duration_edit.setText("50")
    session = dialog.past_session()
    assert session.started_at == local_start(date(2025, 12, 24), time(7, 15))
    assert session.started_at.tzinfo is UTC
    assert session.ended_at == session.started_at + timedelta(minutes=50)
    dialog.duration_edit.setText("fifty")
    with pytest.raises(InvalidEntryError):
        dialog.past_session()


# -- in the window ------------------------------------------------------------------------


@pytest.fixture
def window(paths: AppPaths, clock: FakeClock, qtbot: QtBot,
           open_window: Callable[[], GuiSession]) -> MainWindow:
    store, _ = Store.open(paths, clock)
    session = store.start_session(title="Gym")
    clock.advance(60)
    store.log_set(session.id, SetEntry(RDL, 1, reps=8, load=60))
    clock.advance(1800)
    store.end_session(session.id)
    store.close()
    clock.advance(3 * 86400)
    shown = open_window().window
    qtbot.keyClick(shown, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    return shown


def _rows(paths: AppPaths) -> list[tuple[str, datetime, list[tuple[str, int, int | None,
                                                                    float | None]]]]:
    reader = LogReader(paths.database)
    try:
        return [(r.title, r.started_at,
                 [(s.exercise_slug, s.set_number, s.reps, s.load_kg)
                  for s in reader.sets_of_session(r.id)])
                for r in reader.list_sessions()]
    finally:
        reader.close()


def _refocus(qtbot: QtBot, window: MainWindow) -> None:
    # No window manager offscreen gives activation back when a dialog closes.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def test_a_past_session_is_added_with_the_keyboard_then_undone(
        qtbot: QtBot, window: MainWindow, paths: AppPaths, clock: FakeClock) -> None:
    page = window.history_page
    before = _rows(paths)
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.history is not None
    dialog = window.history.session_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.activateWindow()  # offscreen, nothing activates a dialog as it opens
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    day = (clock.now() - timedelta(days=10)).astimezone().date()
    dialog.date_edit.setDate(QDate(day.year, day.month, day.day))
    dialog.time_edit.setTime(QTime(6, 30))
    dialog.title_edit.setText("Hotel gym")
    fields = dialog.fields
    fields.exercise_combo.setCurrentIndex(fields.exercise_combo.findData(RDL))
    # Saving with no set says so next to the list, and keeps everything typed.
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.messages["sets"].isVisibleTo(dialog)
    assert "at least one set" in dialog.messages["sets"].text()
    # A bad number is refused next to its field, and nothing is added.
    fields.reps_edit.setText("eight")
    qtbot.keyClick(fields.reps_edit, Qt.Key.Key_Return)
    assert fields.messages["reps"].isVisibleTo(dialog) and dialog.sets == []
    fields.reps_edit.setText("8")
    fields.load_edit.setText("70")
    qtbot.keyClick(fields.reps_edit, Qt.Key.Key_Return)  # Enter adds the set...
    qtbot.keyClick(fields.reps_edit, Qt.Key.Key_Return)  # ...and its values stay for the next
    assert [s.set_number for s in dialog.sets] == [1, 2]
    assert fields.set_spin.value() == 3
    assert dialog.set_list.count() == 2
    assert dialog.set_list.item(0).text() == "Romanian deadlift, set 1: 8 reps, 70 kg"
    dialog.set_list.setCurrentRow(1)
    qtbot.keyClick(dialog.set_list, Qt.Key.Key_Delete)
    assert [s.set_number for s in dialog.sets] == [1] and fields.set_spin.value() == 2
    with qtbot.waitSignal(window.history.log_changed, timeout=20000):
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    started = local_start(day, time(6, 30))
    after = _rows(paths)
    assert after == [*before, ("Hotel gym", started, [(RDL, 1, 8, 70.0)])]
    # The new session is the one shown, though it is not the newest.
    assert page.selected_session is not None and page.selected_session.title == "Hotel gym"
    assert "Added the session Hotel gym (1 set)" in page.change_label.text()
    _refocus(qtbot, window)
    with qtbot.waitSignal(window.history.log_changed, timeout=20000):
        qtbot.keyClick(page, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _rows(paths) == before


def test_a_start_later_than_now_is_refused_next_to_the_time(
        qtbot: QtBot, window: MainWindow, paths: AppPaths, clock: FakeClock) -> None:
    page = window.history_page
    before = _rows(paths)
    page.add_session_button.click()
    assert window.history is not None
    dialog = window.history.session_dialog
    assert dialog is not None
    today = clock.now().astimezone()
    dialog.date_edit.setDate(QDate(today.year, today.month, today.day))
    dialog.time_edit.setTime(QTime(23, 59))
    if local_start(today.date(), time(23, 59)) <= clock.now():  # pragma: no cover - odd zones
        pytest.skip("no later minute today in this time zone")
    dialog.fields.reps_edit.setText("5")
    dialog.add_button.click()
    dialog.save_button.click()
    wait_for_writes(qtbot, window.writer)   # the add was tried, and refused
    qtbot.waitUntil(lambda: dialog.messages["start"].isVisibleTo(dialog))
    assert "later than now" in dialog.messages["start"].text()
    assert dialog.buttons.isEnabled() and len(dialog.sets) == 1  # nothing lost
    assert _rows(paths) == before
    dialog.reject()


def test_a_forgotten_set_is_added_to_the_session_shown_then_undone(
        qtbot: QtBot, window: MainWindow, paths: AppPaths) -> None:
    page = window.history_page
    before = _rows(paths)
    page.sessions_view.setFocus()
    qtbot.keyClick(page.sessions_view, Qt.Key.Key_Insert)
    assert window.history is not None
    dialog = window.history.set_dialog
    assert dialog is not None and dialog.record is None
    assert "Add a set to Gym" in dialog.windowTitle()
    # It starts on the session's last exercise, at its next set number.
    assert (dialog.exercise_combo.currentData(), dialog.set_spin.value()) == (RDL, 2)
    dialog.buttons.accepted.emit()
    assert dialog.messages["reps"].isVisibleTo(dialog)  # an empty set is no set
    dialog.reps_edit.setText("6")
    dialog.load_edit.setText("65")
    with qtbot.waitSignal(window.history.log_changed, timeout=20000):
        dialog.buttons.accepted.emit()
    assert _rows(paths)[0][2] == before[0][2] + [(RDL, 2, 6, 65.0)]
    assert "Added Romanian deadlift set 2" in page.change_label.text()
    _refocus(qtbot, window)
    with qtbot.waitSignal(window.history.log_changed, timeout=20000):
        qtbot.keyClick(page, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _rows(paths) == before


def _mnemonics(root: QWidget) -> list[str]:
    texts = [w.text() for w in root.findChildren(QLabel) + root.findChildren(QAbstractButton)
             if w.isVisibleTo(root)]
    return [t[t.index("&") + 1].lower() for t in texts if "&" in t and "&&" not in t]


def test_the_new_controls_are_named_explained_and_keyed(window: MainWindow) -> None:
    page = window.history_page
    for button, key in ((page.add_session_button, "Ctrl+N"), (page.add_set_button, "Insert")):
        assert button.accessibleName() and key in button.toolTip()
    assert page.add_session_action.shortcuts()[0].toString() == "Ctrl+N"
    page.tabs.setCurrentIndex(0)
    letters = _mnemonics(page)
    assert len(letters) == len(set(letters)), sorted(letters)
    page.add_session_button.click()
    assert window.history is not None and window.history.session_dialog is not None
    dialog = window.history.session_dialog
    letters = _mnemonics(dialog)
    assert len(letters) == len(set(letters)), sorted(letters)
    assert unnamed(dialog) == []
    dialog.reject()
    page.add_set_button.click()
    assert window.history.set_dialog is not None
    assert unnamed(window.history.set_dialog) == []
    window.history.set_dialog.reject()
