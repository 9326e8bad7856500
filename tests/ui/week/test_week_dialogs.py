"""The planned-week editor and the races dialog on their own: what they show,
what they ask the controller to store, and a refusal said next to its field
with nothing typed lost."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.logbook.runs import RACE_NAME_MAX, PlannedDay, RaceRecord
from app.ui.week.planned_week_dialog import CHOICES, PlannedWeekDialog
from app.ui.week.races_dialog import RACE_ID_ROLE, RacesDialog
from helpers.accessibility import unnamed

WEEK = (PlannedDay.EASY, PlannedDay.QUALITY, PlannedDay.REST, PlannedDay.EASY, PlannedDay.REST,
        PlannedDay.LONG, PlannedDay.REST)


def _alt_letters(root: QWidget) -> list[str]:
    texts = [w.text() for w in root.findChildren(QWidget)
             if isinstance(w, (QLabel, QAbstractButton))]
    return [t.replace("&&", "").split("&")[1][0].lower() for t in texts if "&" in t.replace("&&", "")]


def test_the_planned_week_opens_on_the_stored_one_and_saves_the_choices(qtbot: QtBot) -> None:
    dialog = PlannedWeekDialog(WEEK)
    qtbot.addWidget(dialog)
    assert dialog.days() == WEEK
    assert [dialog.day_boxes[0].itemData(i) for i in range(len(CHOICES))] == [
        "rest", "easy", "long", "quality", "race"]
    dialog.day_boxes[2].setCurrentIndex(CHOICES.index(PlannedDay.QUALITY))
    dialog.day_boxes[5].setCurrentIndex(CHOICES.index(PlannedDay.RACE))
    with qtbot.waitSignal(dialog.save_requested) as saved:
        dialog.save_button.click()
    assert saved.args == [(PlannedDay.EASY, PlannedDay.QUALITY, PlannedDay.QUALITY,
                           PlannedDay.EASY, PlannedDay.REST, PlannedDay.RACE, PlannedDay.REST)]
    assert not dialog.save_button.isEnabled()   # once, while it is stored
    dialog.show_error("the disk is full")
    assert dialog.error.isVisibleTo(dialog) and "the disk is full" in dialog.error.text()
    assert dialog.days()[5] is PlannedDay.RACE  # the choices stay
    assert dialog.save_button.isEnabled()


def test_the_planned_week_saves_with_ctrl_s_and_names_every_control(qtbot: QtBot) -> None:
    dialog = PlannedWeekDialog(())  # never set: every day rest
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.days() == (PlannedDay.REST,) * 7
    assert unnamed(dialog) == []
    assert all("(Alt+" in box.toolTip() for box in dialog.day_boxes)
    letters = _alt_letters(dialog)
    assert len(letters) == len(set(letters)) == 8, letters   # seven days and Save
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    with qtbot.waitSignal(dialog.save_requested):
        qtbot.keyClick(dialog.day_boxes[0], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


RACES = [RaceRecord(4, date(2026, 5, 10), "Spring half"), RaceRecord(2, date(2026, 4, 12), "City 10K")]


def test_races_are_listed_by_date_and_removed_by_id(qtbot: QtBot) -> None:
    dialog = RacesDialog(RACES, date(2026, 3, 4))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    texts = [dialog.list.item(row).text() for row in range(dialog.list.count())]
    assert [t.split(" · ")[1] for t in texts] == ["City 10K", "Spring half"]
    assert not dialog.remove_button.isEnabled()   # nothing chosen yet
    dialog.list.setCurrentRow(1)
    assert dialog.list.item(1).data(RACE_ID_ROLE) == 4
    with qtbot.waitSignal(dialog.remove_requested) as removed:
        dialog.remove_button.click()
    assert removed.args == [4]
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.list.setFocus()
    with qtbot.waitSignal(dialog.remove_requested) as removed:
        qtbot.keyClick(dialog.list, Qt.Key.Key_Delete)
    assert removed.args == [4]
    assert unnamed(dialog) == []
    letters = _alt_letters(dialog)
    assert len(letters) == len(set(letters)), letters
    dialog.show_races([])
    assert dialog.empty_label.isVisibleTo(dialog) and not dialog.list.isVisibleTo(dialog)


def test_a_race_without_a_name_is_refused_next_to_it(qtbot: QtBot) -> None:
    dialog = RacesDialog([], date(2026, 3, 4))
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("   ")
    with qtbot.assertNotEmitted(dialog.add_requested):
        dialog.add_button.click()
    assert dialog.problem.isVisibleTo(dialog) and dialog.problem.text() == "a race needs a name"
    assert dialog.name_edit.text() == "   "                # what was typed stays
    assert dialog.name_edit.maxLength() == RACE_NAME_MAX


def test_a_race_is_asked_for_with_its_date_and_its_name_tidied(qtbot: QtBot) -> None:
    dialog = RacesDialog([], date(2026, 3, 4))
    qtbot.addWidget(dialog)
    assert dialog.chosen_date() == date(2026, 3, 4)
    dialog.date_edit.setDate(QDate(2026, 4, 12))
    dialog.name_edit.setText("  City   10K ")
    with qtbot.waitSignal(dialog.add_requested) as asked:
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert asked.args == [date(2026, 4, 12), "City 10K"]
    assert not dialog.add_button.isEnabled()   # once, while it is stored
    dialog.show_problem("race name: the log is read-only")
    assert dialog.name_edit.text() == "  City   10K " and dialog.add_button.isEnabled()
    dialog.race_added()
    assert dialog.name_edit.text() == "" and not dialog.problem.isVisibleTo(dialog)
