"""Reps in reserve in History: the set dialogs show and edit it beside RPE,
checked as the log sheet checks it, and the session table shows it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.logbook.entries import MAX_RIR, LoggedSetRecord, SetEntry
from app.storage.queries import LogReader
from app.storage.store import Store
from app.ui.history.models import SetsModel
from app.ui.history.session_dialog import AddSessionDialog
from app.ui.history.set_dialog import SetEditDialog
from app.ui.shell.application import GuiSession
from app.ui.shell.main_window import HISTORY
from helpers.accessibility import unnamed  # the accessibility walk's own check

RDL = "romanian-deadlift"
NAMES = {RDL: "Romanian deadlift"}


def _record(rir: int | None, rpe: float | None = 8.0) -> LoggedSetRecord:
    return LoggedSetRecord(id=1, uid="u", session_id=1, exercise_slug=RDL, set_number=1,
                           side="both", reps=8, load_kg=60.0, load_unit="kg", duration_s=None,
                           rpe=rpe, tempo=None, descent_s=None, set_type="working", notes="",
                           logged_at=datetime(2026, 1, 5, tzinfo=UTC), rir=rir)


def _dialog(qtbot: QtBot, record: LoggedSetRecord | None) -> SetEditDialog:
    dialog = SetEditDialog(record, list(NAMES.items()), "Change")
    qtbot.addWidget(dialog)
    return dialog


def test_the_correction_dialog_shows_and_edits_rir_beside_rpe(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, _record(rir=2))
    assert (dialog.rpe_edit.text(), dialog.rir_edit.text()) == ("8", "2")
    assert dialog.entry().rir == 2
    assert dialog.unchanged(dialog.entry())  # shown as stored: nothing to save
    dialog.rir_edit.setText(str(MAX_RIR))
    assert dialog.entry().rir == MAX_RIR
    dialog.rir_edit.setText(" 0 ")
    assert dialog.entry().rir == 0
    dialog.rir_edit.setText("")
    assert dialog.entry().rir is None  # not rated: nothing stored
    # A set never rated shows an empty field and stays unrated.
    unrated = _dialog(qtbot, _record(rir=None))
    assert unrated.rir_edit.text() == "" and unrated.entry().rir is None
    # RIR comes right after RPE, for Tab as for the eye.
    assert unrated.rpe_edit.nextInFocusChain() is unrated.rir_edit


@pytest.mark.parametrize(("typed", "words"), [
    (str(MAX_RIR + 1), f"from 0 to {MAX_RIR}"),
    ("-1", f"from 0 to {MAX_RIR}"),
    ("2.5", "whole number"),
    ("two", "whole number"),
])
def test_a_bad_rir_is_refused_next_to_its_field(qtbot: QtBot, typed: str, words: str) -> None:
    dialog = _dialog(qtbot, _record(rir=2))
    emitted: list[SetEntry] = []
    dialog.save_requested.connect(emitted.append)
    dialog.rir_edit.setText(typed)
    dialog.buttons.accepted.emit()
    message = dialog.messages["RIR"]
    assert message.isVisibleTo(dialog) and words in message.text(), message.text()
    assert not dialog.status.text()  # said next to the field, not at the bottom
    assert dialog.rir_edit.text() == typed  # what was typed stays, to be fixed
    assert emitted == []
    dialog.rir_edit.setText("3")
    dialog.buttons.accepted.emit()
    assert not message.isVisibleTo(dialog)
    assert [e.rir for e in emitted] == [3]


def _mnemonics(root: QWidget) -> list[str]:
    texts = [w.text() for w in root.findChildren(QLabel) + root.findChildren(QAbstractButton)
             if w.isVisibleTo(root)]
    return [t[t.index("&") + 1].lower() for t in texts if "&" in t and "&&" not in t]


def _names(root: QWidget) -> list[str]:
    return [w.accessibleName() for w in root.findChildren(QWidget)
            if w.isVisibleTo(root) and w.accessibleName()]


def test_the_rir_field_is_named_explained_and_keyed_in_all_three_dialogs(qtbot: QtBot) -> None:
    for dialog in (_dialog(qtbot, _record(rir=1)), _dialog(qtbot, None)):
        dialog.show()
        assert dialog.rir_edit.accessibleName() == "RIR"
        assert "Reps in reserve" in dialog.rir_edit.toolTip()
        assert f"0 to {MAX_RIR}" in dialog.rir_edit.toolTip()
        buddy = next(label for label in dialog.findChildren(QLabel) if label.buddy() is dialog.rir_edit)
        assert buddy.text() == "R&IR"
        letters = _mnemonics(dialog)
        assert len(letters) == len(set(letters)), sorted(letters)
        names = _names(dialog)
        assert len(names) == len(set(names)), sorted(names)
        assert unnamed(dialog) == []
    past = AddSessionDialog(list(NAMES.items()), datetime(2026, 1, 5, 18, tzinfo=UTC), "kg")
    qtbot.addWidget(past)
    past.show()
    assert past.fields.rir_edit.isVisibleTo(past)
    letters = _mnemonics(past)
    assert len(letters) == len(set(letters)), sorted(letters)
    names = _names(past)
    assert len(names) == len(set(names)), sorted(names)
    assert unnamed(past) == []


def test_a_past_sessions_set_takes_its_rir(qtbot: QtBot) -> None:
    past = AddSessionDialog(list(NAMES.items()), datetime(2026, 1, 5, 18, tzinfo=UTC), "kg")
    qtbot.addWidget(past)
    past.fields.reps_edit.setText("8")
    past.fields.rir_edit.setText("1")
    past.add_button.click()
    assert [s.rir for s in past.sets] == [1]
    past.fields.rir_edit.setText(str(MAX_RIR + 1))
    past.add_button.click()
    assert past.fields.messages["RIR"].isVisibleTo(past)
    assert len(past.sets) == 1  # the refused set was not added


def test_the_session_table_shows_rir_beside_rpe() -> None:
    model = SetsModel(NAMES.get)  # type: ignore[arg-type]
    model.show_sets([_record(rir=2), _record(rir=None, rpe=None), _record(rir=0)], "kg")
    columns = model.COLUMNS
    assert columns.index("RIR") == columns.index("RPE") + 1
    rir = columns.index("RIR")
    assert model.headerData(rir, Qt.Orientation.Horizontal) == "RIR"
    assert [model.index(row, rir).data() for row in range(3)] == ["2", "", "0"]
    assert model.index(0, rir).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    dated = SetsModel(NAMES.get, with_date=True)  # type: ignore[arg-type]
    dated.show_sets([_record(rir=4)], "kg")
    assert dated.index(0, 1 + rir).data() == "4"


def test_a_corrected_rir_is_stored(qtbot: QtBot, paths: AppPaths, clock: FakeClock,
                                   open_window: Callable[[], GuiSession]) -> None:
    store, _ = Store.open(paths, clock)
    session = store.start_session(title="Gym")
    store.log_set(session.id, SetEntry(RDL, 1, reps=8, load=60, rpe=8))
    store.end_session(session.id)
    store.close()
    clock.advance(86400)
    window = open_window().window
    page = window.history_page
    window.show_page(HISTORY)
    page.tabs.setCurrentIndex(0)
    page.edit_button.click()
    dialog = window.history.set_dialog  # type: ignore[union-attr]
    assert dialog is not None and dialog.rir_edit.text() == ""
    dialog.rir_edit.setText("2")
    with qtbot.waitSignal(window.history.log_changed, timeout=20000):  # type: ignore[union-attr]
        dialog.buttons.accepted.emit()
    reader = LogReader(paths.database)
    try:
        (stored,) = reader.sets_of_session(session.id)
    finally:
        reader.close()
    assert (stored.rpe, stored.rir) == (8.0, 2)
    rir = page.session_sets_model.COLUMNS.index("RIR")
    qtbot.waitUntil(lambda: page.session_sets_model.index(0, rir).data() == "2", timeout=20000)
