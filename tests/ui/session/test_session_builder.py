"""The free session builder: its list (app.coaching.session_builder) and its dialog:
pick exercises by typing, reorder, set the dose, refuse to start empty,
start, and save the list as a program of one's own."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableWidgetItem
from pytestqt.qtbot import QtBot

from app.catalog import load_catalog
from app.catalog.model import Catalog
from app.coaching.loader import program_from_dict
from app.coaching.session_builder import MAX_ROWS, BuilderError, BuilderField, SessionDraft, row_for
from app.kernel.resources import resources_dir
from app.logbook.custom_exercises import CustomExercise
from app.session.plan import MAX_LOAD_KG, MAX_REPS, MAX_SETS
from app.ui.session.session_builder import COL_AMOUNT, COL_LOAD, COL_SETS, SessionBuilderDialog
from app.ui.shell.application import GuiSession
from helpers.coaching_log import answer_readiness

MULTIMEDIA_NOISE = (r"^Couldn't (load|resolve) ", r"^PulseAudioService: ",
                    r"^QSoundEffect: playback of this format is not supported")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(resources_dir()).catalog


def draft_of(catalog: Catalog, *slugs: str) -> SessionDraft:
    return SessionDraft(row_for(catalog.get(slug)) for slug in slugs)


def test_rows_start_with_the_librarys_dose_and_move_within_the_ends(catalog: Catalog) -> None:
    draft = draft_of(catalog, "leg-swings", "romanian-deadlift", "glute-bridge")
    prescription = catalog.get("romanian-deadlift").prescription
    row = draft.rows[1]
    assert (row.dose.sets, row.dose.reps, row.dose.rest_s) == (prescription.sets, prescription.reps,
                                                                prescription.rest_s)
    assert draft.move(2, -1) == 1
    assert [r.slug for r in draft.rows] == ["leg-swings", "glute-bridge", "romanian-deadlift"]
    assert draft.move(0, -1) == 0                       # already first
    assert draft.move(2, 1) == 2                        # already last
    draft.remove(0)
    assert [r.slug for r in draft.rows] == ["glute-bridge", "romanian-deadlift"]


def test_values_are_checked_and_a_refused_one_changes_nothing(catalog: Catalog) -> None:
    draft = draft_of(catalog, "romanian-deadlift", "standing-hamstring-stretch")
    draft.set_sets(0, MAX_SETS)
    with pytest.raises(BuilderError) as refused:
        draft.set_sets(0, MAX_SETS + 1)
    assert refused.value.field == BuilderField.SETS and refused.value.row == 0
    draft.set_amount(0, "6-8")
    assert draft.rows[0].dose.reps == (6, 8)
    draft.set_amount(0, "5")
    assert draft.rows[0].dose.reps == (5, 5)
    for bad in ("8-6", "0", f"{MAX_REPS + 1}", "ten"):
        with pytest.raises(BuilderError):
            draft.set_amount(0, bad)
    assert draft.rows[0].dose.reps == (5, 5)
    draft.set_amount(1, "45")                           # a hold: seconds of each hold
    assert draft.rows[1].dose.hold_s == 45
    draft.set_load(0, MAX_LOAD_KG)
    with pytest.raises(BuilderError) as too_heavy:
        draft.set_load(0, MAX_LOAD_KG + 0.5)
    assert too_heavy.value.field == BuilderField.LOAD
    assert draft.rows[0].load_kg == MAX_LOAD_KG
    draft.set_load(0, -20)                              # band assistance
    assert draft.rows[0].load_kg == -20


def test_an_empty_list_cannot_start_nor_become_a_program(catalog: Catalog) -> None:
    draft = SessionDraft()
    assert draft.why_not_start() == "Add at least one exercise to start"
    with pytest.raises(BuilderError):
        draft.plan(catalog)
    with pytest.raises(BuilderError):
        draft.program_definition("Mine")
    full = SessionDraft()
    for _ in range(MAX_ROWS):
        full.add(row_for(catalog.get("glute-bridge")))
    with pytest.raises(BuilderError):
        full.add(row_for(catalog.get("glute-bridge")))


def test_the_plan_keeps_the_athletes_order_and_only_real_warm_ups_are_the_warm_up(
        catalog: Catalog) -> None:
    draft = draft_of(catalog, "leg-swings", "romanian-deadlift", "leg-swings", "glute-bridge",
                     "standing-hamstring-stretch")
    draft.set_load(1, 70)
    plan = draft.plan(catalog)
    assert [i.slug for i in plan.items] == [r.slug for r in draft.rows]
    assert [(b.name, len(b.items)) for b in plan.blocks] == [("warmup", 1), ("main", 3),
                                                             ("cool-down", 1)]
    assert plan.items[1].target_load_kg == 70 and plan.items[3].target_load_kg is None
    assert plan.title == "Romanian deadlift + Glute bridge"   # the first two of the main work
    assert plan.program_slug is None


def test_an_own_exercise_gets_the_editors_default_dose(catalog: Catalog) -> None:
    mine = CustomExercise(slug="custom-sled-pull", name="Sled pull", equipment=("bodyweight",),
                          one_side="no")
    draft = SessionDraft([row_for(mine)])
    [item] = draft.plan(catalog, [mine]).items
    assert (item.slug, item.sets, item.reps) == ("custom-sled-pull", 3, (8, 12))


def test_a_program_day_passes_the_program_loader(catalog: Catalog) -> None:
    draft = draft_of(catalog, "romanian-deadlift", "standing-hamstring-stretch")
    draft.set_amount(0, "10")
    definition = draft.program_definition("  Tuesday gym  ")
    program = program_from_dict(definition, "test", catalog, slug="my-tuesday-gym")
    [week] = program.weeks
    [day] = week.days
    assert definition["name"] == "Tuesday gym" and program.repeat
    assert [(d.slug, d.reps) for d in day.exercises] == [("romanian-deadlift", (10, 10)),
                                                        ("standing-hamstring-stretch", None)]


# -- the dialog ------------------------------------------------------------------------------


def _active(qtbot: QtBot, dialog: SessionBuilderDialog) -> SessionBuilderDialog:
    """Shown and active, as on a desktop: its shortcuts work."""
    dialog.show()
    qtbot.waitExposed(dialog)
    handle = dialog.windowHandle()
    assert handle is not None
    handle.requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5000)
    return dialog


def _cell(dialog: SessionBuilderDialog, column: int, row: int = 0) -> QTableWidgetItem:
    item = dialog.table.item(row, column)
    assert item is not None
    return item


def _dialog(qtbot: QtBot, catalog: Catalog, units: str = "kg") -> SessionBuilderDialog:
    dialog = SessionBuilderDialog(catalog, [], units, lambda _d: None)
    qtbot.addWidget(dialog)
    return _active(qtbot, dialog)


def test_typing_finds_and_enter_adds_then_the_keys_reorder_and_remove(qtbot: QtBot,
                                                                    catalog: Catalog) -> None:
    dialog = _dialog(qtbot, catalog)
    assert not dialog.start_button.isEnabled()
    assert dialog.why_label.text() == "Add at least one exercise to start"
    assert "Add at least one exercise" in dialog.start_button.toolTip()
    qtbot.keyClicks(dialog.picker.search, "nordic")
    assert dialog.picker.slugs_shown()[0] == "nordic-hamstring-curl"
    qtbot.keyClick(dialog.picker.search, Qt.Key.Key_Return)
    # Ready for the next name: the letters typed next do not run on after "nordic".
    assert dialog.picker.search.text() == "" and dialog.picker.search.hasFocus()
    qtbot.keyClicks(dialog.picker.search, "bridge")
    qtbot.keyClick(dialog.picker.search, Qt.Key.Key_Down)          # into the list
    qtbot.keyClick(dialog.picker.list, Qt.Key.Key_Return)
    assert [r.slug for r in dialog.draft.rows] == ["nordic-hamstring-curl", dialog.draft.rows[1].slug]
    assert dialog.start_button.isEnabled() and dialog.why_label.text() == ""
    dialog.table.setFocus()
    dialog.table.setCurrentCell(1, COL_SETS)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert dialog.draft.rows[0].slug != "nordic-hamstring-curl"
    assert dialog.table.currentRow() == 0
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert [r.slug for r in dialog.draft.rows] == ["nordic-hamstring-curl"]


def test_a_refused_value_stays_as_typed_and_blocks_the_start_until_put_right(
        qtbot: QtBot, catalog: Catalog) -> None:
    dialog = _dialog(qtbot, catalog, units="lb")
    dialog.add_exercise("romanian-deadlift")
    _cell(dialog, COL_LOAD).setText("heavy")
    assert _cell(dialog, COL_LOAD).text() == "heavy"               # nothing typed is lost
    assert not dialog.start_button.isEnabled()
    assert "Row 1, load: type a number" in dialog.problem.text()
    _cell(dialog, COL_LOAD).setText("135")
    assert dialog.start_button.isEnabled() and dialog.problem.text() == ""
    assert dialog.draft.rows[0].load_kg == pytest.approx(135 * 0.45359237)
    _cell(dialog, COL_AMOUNT).setText("12")
    _cell(dialog, COL_SETS).setText("4")
    plans: list[object] = []
    dialog.start_requested.connect(plans.append)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    [plan] = plans
    [item] = plan.items  # type: ignore[attr-defined]
    assert (item.sets, item.reps) == (4, (12, 12))
    assert item.target_load_kg == pytest.approx(61.23, abs=0.01)


@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
def test_start_from_the_builder_runs_the_list_in_the_window(
        qtbot: QtBot, open_window: Callable[[], GuiSession]) -> None:
    window = open_window().window
    window.builder_action.trigger()
    dialog = window.session_builder
    assert dialog is not None
    _active(qtbot, dialog)
    for slug in ("leg-swings", "romanian-deadlift", "standing-hamstring-stretch"):
        assert dialog.add_exercise(slug)
    qtbot.keyClick(dialog.picker.search, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)
    answer_readiness(qtbot, window)   # every start asks first (issue 16 point 1)
    host = window.session
    assert host is not None and host.controller is not None
    assert [i.slug for i in host.controller.engine.plan.items] == [
        "leg-swings", "romanian-deadlift", "standing-hamstring-stretch"]
    assert window.session_builder is None


def test_save_as_program_day_puts_it_on_the_programs_page(
        qtbot: QtBot, open_window: Callable[[], GuiSession]) -> None:
    window = open_window().window
    window.builder_action.trigger()
    dialog = window.session_builder
    assert dialog is not None
    _active(qtbot, dialog)
    assert not dialog.save_button.isEnabled()                       # nothing to save yet
    dialog.add_exercise("romanian-deadlift")
    dialog.add_exercise("glute-bridge")
    dialog.name_edit.setText("Quick hinge day")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Saved as the program" in dialog.status.text(), timeout=20000)
    reader = window.reader
    assert reader is not None
    [(slug, name, definition)] = [(p[0], p[1], p[2]) for p in reader.user_programs()]
    assert name == "Quick hinge day" and slug.startswith("my-")
    assert [d["exercise"] for d in definition["weeks"][0]["sessions"][0]["exercises"]] == [
        "romanian-deadlift", "glute-bridge"]
    page = window.programs_page
    page.select(slug)
    assert page.selected_slug() == slug
    assert page.list.currentItem().text().startswith("Quick hinge day")


def test_every_control_is_named_explained_and_no_alt_letter_is_taken_twice(
        qtbot: QtBot, catalog: Catalog) -> None:
    import re

    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLabel, QLineEdit, QWidget

    from app.ui.session.picker import ExercisePickerDialog

    builder = _dialog(qtbot, catalog)
    builder.add_exercise("glute-bridge")
    picker = ExercisePickerDialog("Add an exercise", catalog.exercises)
    qtbot.addWidget(picker)
    for dialog in (builder, picker):
        controls = [w for w in dialog.findChildren(QWidget)
                    if isinstance(w, QAbstractButton | QLineEdit | QAbstractItemView)
                    and w.parent() is not None and not w.objectName().startswith("qt_")
                    and not isinstance(w.parent(), QLineEdit | QAbstractItemView)]
        assert len(controls) >= 3
        assert [w for w in controls if not w.accessibleName() or not w.toolTip()] == []
        texts = [w.text() for w in dialog.findChildren(QAbstractButton)]
        texts += [w.text() for w in dialog.findChildren(QLabel) if w.buddy() is not None]
        letters = [m[1].casefold() for t in texts for m in re.finditer(r"&([^&\s])", t)]
        letters += ["s", "c"]  # the desktop may give Save and Cancel or Close their own
        assert sorted({x for x in letters if letters.count(x) > 1}) == [], type(dialog).__name__


def test_a_value_still_being_typed_counts_when_starting(qtbot: QtBot, catalog: Catalog) -> None:
    dialog = _dialog(qtbot, catalog)
    dialog.add_exercise("glute-bridge")
    dialog.table.setFocus()
    dialog.table.setCurrentCell(0, COL_SETS)
    qtbot.keyClicks(dialog.table, "5")                     # typing opens the cell's editor
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not dialog.table
    plans: list[object] = []
    dialog.start_requested.connect(plans.append)
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    [plan] = plans
    assert plan.items[0].sets == 5  # type: ignore[attr-defined]
