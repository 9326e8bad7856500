"""The custom exercise form and the background writer that stores it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.logbook.custom_exercises import CustomExercise, CustomStep, StepInput
from app.storage.database import open_database
from app.storage.queries import LogReader
from app.ui.base.log_writer import LogWriter
from app.ui.library.custom_exercise_dialog import CustomExerciseDialog, CustomExerciseForm

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def dialog(qtbot: QtBot) -> CustomExerciseDialog:
    form = CustomExerciseDialog("Add exercise")
    qtbot.addWidget(form)
    form.show()
    return form


def _tick(dialog: CustomExerciseDialog, equipment_id: str) -> None:
    for row in range(dialog.equipment_list.count()):
        item = dialog.equipment_list.item(row)
        if item.data(Qt.ItemDataRole.UserRole) == equipment_id:
            item.setCheckState(Qt.CheckState.Checked)


def test_empty_form_shows_problems_next_to_the_fields(qtbot: QtBot, dialog: CustomExerciseDialog) -> None:
    with qtbot.assertNotEmitted(dialog.save_requested):
        dialog.save_button.click()
    assert dialog.name_error.isVisible() and "name" in dialog.name_error.text()
    assert dialog.name_error.text().startswith("⚠")
    dialog.name_edit.setText("Towel curl")
    dialog.save_button.click()
    assert not dialog.name_error.isVisible() and dialog.equipment_error.isVisible()
    _tick(dialog, "bodyweight")
    dialog.save_button.click()
    assert dialog.steps[0].error.isVisible() and "empty" in dialog.steps[0].error.text()


def test_a_valid_form_asks_to_be_saved(qtbot: QtBot, dialog: CustomExerciseDialog) -> None:
    dialog.name_edit.setText("  Towel curl ")
    _tick(dialog, "bodyweight")
    _tick(dialog, "mat")
    dialog.level_box.setCurrentIndex(dialog.level_box.findData("beginner"))
    dialog.steps[0].text_edit.setText("Lie down, heels on a towel.")
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(dialog.steps) == 2
    dialog.steps[1].text_edit.setText("Slide the heels in and out.")
    with qtbot.waitSignal(dialog.save_requested) as signal:
        dialog.save_button.click()
    form: CustomExerciseForm = signal.args[0]
    assert form.slug is None and form.name == "Towel curl"
    assert form.equipment == ("bodyweight", "mat") and form.level == "beginner"
    assert [s.text for s in form.steps] == ["Lie down, heels on a towel.", "Slide the heels in and out."]
    assert not dialog.save_button.isEnabled()  # until the owner answers
    dialog.show_error("step 2 picture", "disk full")
    assert dialog.save_button.isEnabled()


def test_removing_a_step_renumbers_the_rest(dialog: CustomExerciseDialog) -> None:
    dialog.add_step(StepInput("two"))
    dialog.add_step(StepInput("three"))
    dialog.steps[0].remove_button.click()
    assert [(e.number, e.text_edit.text()) for e in dialog.steps] == [(1, "two"), (2, "three")]
    assert dialog.steps[0].remove_button.accessibleName() == "Remove step 1"


def test_pictures_are_checked_when_chosen(dialog: CustomExerciseDialog, tmp_path: Path) -> None:
    text_file = tmp_path / "notes.png"
    text_file.write_text("not a picture")
    dialog.choose_picture_file = lambda: text_file
    dialog.steps[0].picture_button.click()
    assert dialog.steps[0].picture is None
    assert "notes.png is not a picture" in dialog.steps[0].error.text()
    picture = tmp_path / "kneel.png"
    picture.write_bytes(PNG)
    dialog.choose_picture_file = lambda: picture
    dialog.steps[0].picture_button.click()
    assert dialog.steps[0].picture == picture and not dialog.steps[0].error.isVisible()
    assert "kneel.png" in dialog.steps[0].picture_button.text()
    dialog.steps[0].clear_picture_button.click()
    assert dialog.steps[0].picture is None


def test_editing_fills_the_form_and_duplicating_makes_a_new_one(qtbot: QtBot) -> None:
    existing = CustomExercise(slug="custom-towel-curl", name="Towel curl", equipment=("mat",),
                              one_side="yes", category="strength", level="advanced",
                              steps=(CustomStep("One."), CustomStep("Two.")), notes="slow")
    edit = CustomExerciseDialog("Edit exercise", existing)
    qtbot.addWidget(edit)
    form = edit.form()
    assert (form.slug, form.name, form.equipment, form.one_side, form.level, form.notes) == \
        ("custom-towel-curl", "Towel curl", ("mat",), "yes", "advanced", "slow")
    assert [s.text for s in form.steps] == ["One.", "Two."]
    draft = CustomExercise(**{**existing.__dict__, "based_on": "nordic-hamstring-curl"})
    copy = CustomExerciseDialog("Duplicate", draft, as_copy=True)
    qtbot.addWidget(copy)
    assert copy.form().slug is None and copy.form().based_on == "nordic-hamstring-curl"


def test_every_field_has_a_name_and_a_tooltip(dialog: CustomExerciseDialog) -> None:
    from PySide6.QtWidgets import QWidget

    widgets = [w for w in dialog.findChildren(QWidget)
               if w.focusPolicy() != Qt.FocusPolicy.NoFocus and w.isVisibleTo(dialog)
               and w.metaObject().className() not in {"QScrollArea", "QWidget", "QDialogButtonBox"}]
    assert widgets
    for widget in widgets:
        assert widget.accessibleName() and widget.toolTip(), widget


def test_log_writer_saves_off_the_ui_thread(qtbot: QtBot, paths: AppPaths, clock: FakeClock) -> None:
    open_database(paths.database, paths.backups_dir, paths.damaged_dir, clock.now())
    writer = LogWriter(paths, clock)
    try:
        saving = writer.submit(lambda store: store.save_custom_exercise(
            slug=None, name="Towel curl", equipment=["mat"], one_side="no",
            category="strength", level=None, steps=[StepInput("One.")]))
        with qtbot.waitSignal(saving.done, timeout=20000) as done:
            pass
        assert done.args[0].slug == "custom-towel-curl"
        deleting = writer.submit(lambda store: store.delete_custom_exercise("custom-nothing"))
        with qtbot.waitSignal(deleting.failed, timeout=20000) as failed:
            pass
        assert "custom-nothing" in str(failed.args[0])
    finally:
        writer.close()
    reader = LogReader(paths.database)
    assert [e.name for e in reader.custom_exercises()] == ["Towel curl"]
    reader.close()


def test_a_new_exercise_starts_as_strength_work(dialog: CustomExerciseDialog) -> None:
    assert dialog.form().category == "strength"
