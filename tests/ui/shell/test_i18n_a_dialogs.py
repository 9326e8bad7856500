"""The program, readiness, welcome and custom exercise dialogs in another
language: every word they show comes through app.kernel.i18n (a fake translator
marks what it translated), and reps or time typed in that language are read."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from app.catalog import load_catalog_strict
from app.coaching.book import ProgramBook
from app.coaching.model import Program
from app.kernel import i18n
from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.kernel.resources import resources_dir
from app.ui.base.alerts import RecordingAlerts
from app.ui.library.custom_exercise_dialog import CustomExerciseDialog
from app.ui.programs.editor import COL_DOSE, ProgramEditor, dose_text, parse_dose_text
from app.ui.programs.follow_dialog import FollowDialog
from app.ui.programs.readiness_dialog import ReadinessDialog
from app.ui.shell.application import GuiSession
from app.ui.shell.welcome_dialog import WelcomeDialog

MARK = "⟪"
# A few of the editor's templates as a German translation might word them.
# Standard buttons' text: translated by Qt's own catalogue (qtbase), not ours.
QT_OWN = {"Save", "&Save", "Cancel", "&Cancel"}
GERMAN = {"{seconds} s": "{seconds} Sek.", "{holds} x {seconds} s": "{holds} × {seconds} Sek.",
          "{minutes} min": "{minutes} Min."}


def _fake_translate(context: str, text: str, disambiguation: str | None, n: int) -> str:
    if context == "ProgramEditor" and text in GERMAN:
        return GERMAN[text]
    return MARK + text


@pytest.fixture
def translated() -> Iterator[None]:
    i18n.install(translate=_fake_translate, decimal_point=",",
                 number=lambda value, decimals: f"{round(value, decimals):g}".replace(".", ","))
    yield
    i18n.uninstall()


@pytest.fixture(scope="module")
def programs() -> list[Program]:
    return ProgramBook(load_catalog_strict(resources_dir())).built_in()


def _untranslated(root: QWidget, data: set[str]) -> list[str]:
    """Texts with words in them that the fake translator did not mark
    (``data``, the programs' and exercises' own names, is content)."""
    texts: list[str] = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QTableWidget):
            headers = (widget.horizontalHeaderItem(c) for c in range(widget.columnCount()))
            texts.extend(header.text() for header in headers if header is not None)
        texts += [widget.toolTip(), widget.accessibleName()]
    return [text for text in texts
            if any(c.isalpha() for c in text) and MARK not in text and text not in data | QT_OWN]


def test_the_readiness_dialog_is_translated(qtbot: QtBot, translated: None) -> None:
    dialog = ReadinessDialog("Nordic program · Week 1")
    qtbot.addWidget(dialog)
    guidance = {dialog.guidance_title.text(), dialog.guidance_text.text()}  # app.coaching' words
    assert _untranslated(dialog, guidance) == []


def test_the_follow_and_welcome_dialogs_are_translated(qtbot: QtBot, translated: None,
                                                       programs: list[Program]) -> None:
    program = programs[0]
    follow = FollowDialog(program, date(2026, 1, 5))
    qtbot.addWidget(follow)
    assert follow.day_boxes[0].text() == MARK + "Monday"
    assert _untranslated(follow, {follow.warning.text()}) == []
    welcome = WelcomeDialog(programs)
    qtbot.addWidget(welcome)
    names = {p.name for p in programs} | {welcome.program_buttons[p.slug].text() for p in programs}
    assert _untranslated(welcome, names) == []


def test_the_custom_exercise_dialog_is_translated(qtbot: QtBot, translated: None) -> None:
    dialog = CustomExerciseDialog(i18n.translate("Test", "Add exercise"))
    qtbot.addWidget(dialog)
    equipment = {dialog.equipment_list.item(r).text() for r in range(dialog.equipment_list.count())}
    assert _untranslated(dialog, equipment) == []
    assert dialog.level_box.itemText(1) == MARK + "Beginner"
    dialog.show_error("picture", "cannot read x.png")
    assert dialog.save_error.text() == f"{MARK}⚠ {{problem}}".format(
        problem=f"{MARK}{{field}}: {{problem}}".format(field=MARK + "picture",
                                                       problem="cannot read x.png"))


def test_the_program_editor_is_translated_and_reads_typed_doses(qtbot: QtBot, translated: None,
                                                               programs: list[Program]) -> None:
    editor = ProgramEditor(
        "Edit", {"name": "Mine", "weeks": [{"number": 1, "sessions": [
            {"name": "A", "exercises": [{"exercise": "glute-bridge", "sets": 3, "hold_s": 2.5}]}]}]},
        None, [("glute-bridge", "Glute bridge")], lambda _data: None)
    qtbot.addWidget(editor)
    data = {"Edit", "Mine", "A", "Glute bridge", "2,5 Sek."}
    assert _untranslated(editor, data) == []
    cell = editor.table.item(0, COL_DOSE)
    assert cell is not None and cell.text() == "2,5 Sek."  # the locale's decimal comma
    assert editor.definition()["weeks"][0]["sessions"][0]["exercises"][0]["hold_s"] == 2.5
    assert parse_dose_text("5 × 10 Sek.") == {"hold_s": 10.0, "holds": 5}
    assert parse_dose_text("3 Min.") == {"duration_s": 180.0}
    assert parse_dose_text("30 s") == {"hold_s": 30.0, "holds": 1}  # English still reads
    assert dose_text({"duration_s": 300.0}) == "5 Min."


# -- Alt letters --------------------------------------------------------------------------

MNEMONIC = re.compile(r"&([^&\s])")


def _alt_letters(root: QWidget) -> list[str]:
    texts = [w.text() for w in root.findChildren(QLabel) if w.buddy() is not None]  # else no Alt key
    texts += [w.text() for w in root.findChildren(QAbstractButton)]
    texts += [w.title() for w in root.findChildren(QGroupBox)]
    return [match[1].casefold() for text in texts for match in MNEMONIC.finditer(text)]


def _repeated(letters: list[str]) -> list[str]:
    return sorted({letter for letter in letters if letters.count(letter) > 1})


def test_no_alt_letter_twice_in_a_dialog(qtbot: QtBot, programs: list[Program]) -> None:
    readiness = ReadinessDialog("Session")
    follow = FollowDialog(programs[0], date(2026, 1, 5))
    welcome = WelcomeDialog(programs)
    # The desktop may give Save and Cancel their own letters (GNOME: &Save, &Cancel).
    custom = CustomExerciseDialog("Add exercise")
    editor = ProgramEditor("New", {"name": "", "weeks": []}, None, [("a", "A")], lambda _d: None)
    for dialog, reserved in ((readiness, []), (follow, ["c"]), (welcome, []), (custom, ["s", "c"]),
                             (editor, ["s", "c"])):
        qtbot.addWidget(dialog)
        assert _repeated(_alt_letters(dialog) + reserved) == [], type(dialog).__name__
    readiness.pain_buttons["more"].setChecked(True)
    readiness.sharp.setChecked(True)
    assert readiness.guidance is not None and readiness.guidance.level == "stop"
    assert _repeated(_alt_letters(readiness)) == []


def test_no_alt_letter_twice_on_the_programs_and_today_pages(qtbot: QtBot, paths: AppPaths,
                                                              clock: FakeClock) -> None:
    gui = GuiSession(paths, RecordingAlerts(), clock)
    qtbot.addWidget(gui.window)
    with qtbot.waitSignal(gui.window.log_ready, timeout=20000):
        gui.start()
    window = gui.window
    menus = [action.text() for action in window.menuBar().actions()]
    menu_letters = [m[1].casefold() for text in menus for m in MNEMONIC.finditer(text)]
    for page in (window.programs_page, window.today_page):
        assert _repeated(_alt_letters(page) + menu_letters) == [], type(page).__name__
