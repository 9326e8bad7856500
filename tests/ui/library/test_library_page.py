"""The Library page, offscreen: finding an exercise by typing and filtering,
following it step by step from the keyboard, playing the steps on a fake
clock, custom exercises in the list, and a damaged exercise file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.catalog import load_catalog
from app.catalog.model import Exercise, Prescription
from app.kernel.clock import FakeClock
from app.kernel.resources import resources_dir
from app.logbook.custom_exercises import CustomExercise, CustomStep
from app.ui.library.entries import LibraryEntry, LibraryFilter, matches_group
from app.ui.library.library_page import LibraryPage
from app.ui.library.list_model import SLUG_ROLE
from app.ui.library.step_player import STEP_SECONDS
from app.ui.library.words import describe_prescription
from app.ui.look.figure_painter import FigureTheme
from helpers.library_pages import library_page, show_page

ALL = 19
NORDIC = "nordic-hamstring-curl"
BALL_CURL = "stability-ball-hamstring-curl"


page = library_page  # the fixture: the Library page, shown


def _type(qtbot: QtBot, page: LibraryPage, text: str) -> None:
    page.list_view.search.clear()
    page.list_view.search.setFocus()
    qtbot.keyClicks(page.list_view.search, text)


def _custom(slug: str = "custom-bench-hip-thrust", name: str = "Bench hip thrust",
            equipment: tuple[str, ...] = ("bench", "barbell"), **more: object) -> CustomExercise:
    fields: dict[str, object] = {
        "one_side": "no", "level": "intermediate",
        "steps": (CustomStep("Shoulders on the bench, bar over the hips."),
                  CustomStep("Drive the hips up and squeeze.")),
    }
    fields.update(more)
    return CustomExercise(slug, name, equipment, **fields)  # type: ignore[arg-type]


# -- finding exercises ------------------------------------------------------


def test_catalog_loads_only_when_the_page_is_first_shown(qtbot: QtBot) -> None:
    page = LibraryPage()
    qtbot.addWidget(page)
    assert page.catalog is None
    page.show()
    assert page.catalog is not None
    assert page.list_view.count_label.text() == f"{ALL} of {ALL} exercises"
    assert not page.problems.isVisible()


@pytest.mark.parametrize(("text", "expected"), [
    ("nordic", [NORDIC]),                                # name
    ("Russian curl", [NORDIC]),                          # alias
    ("RDL", ["romanian-deadlift", "single-leg-deadlift"]),  # alias, as typed
    ("hip flexors", ["leg-swings"]),                     # muscle
    ("calves", ["jump-squat", "light-jog"]),             # muscle
    ("stability ball", [BALL_CURL]),                     # equipment name
    ("foam-roller", ["foam-rolling-hamstrings"]),        # equipment id
])
def test_typing_filters_by_name_alias_equipment_and_muscle(qtbot: QtBot, page: LibraryPage,
                                                           text: str, expected: list[str]) -> None:
    _type(qtbot, page, text)
    assert page.list_view.shown_slugs() == expected
    assert page.list_view.count_label.text() == f"{len(expected)} of {ALL} exercises"


def test_search_gives_the_catalogs_own_order_name_matches_first(page: LibraryPage) -> None:
    catalog = page.catalog
    assert catalog is not None
    for text in ("kettlebell", "curl", "dumbbells", "ham cur", "glutes", "leg-curl"):
        page.list_view.search.setText(text)
        assert page.list_view.shown_slugs() == [e.slug for e in catalog.search(text)], text


def test_bodyweight_only_shows_what_needs_nothing_else(page: LibraryPage) -> None:
    page.set_custom_exercises([_custom()])  # a bench *and* a barbell
    page.list_view.group_boxes["bodyweight only"].setChecked(True)
    shown = page.list_view.shown_slugs()
    assert NORDIC in shown            # mat and an anchor: both bodyweight-group
    assert "single-leg-deadlift" in shown  # bodyweight, or dumbbells
    assert "romanian-deadlift" not in shown
    assert "custom-bench-hip-thrust" not in shown
    assert page.list_view.count_label.text() == f"{len(shown)} of {ALL + 1} exercises"


def test_equipment_groups_add_up(page: LibraryPage) -> None:
    boxes = page.list_view.group_boxes
    boxes["kettlebell"].setChecked(True)
    kettlebell = set(page.list_view.shown_slugs())
    assert "kettlebell-swing" in kettlebell and "romanian-deadlift" not in kettlebell
    boxes["barbell"].setChecked(True)
    both = set(page.list_view.shown_slugs())
    assert both > kettlebell and {"romanian-deadlift", "good-morning"} <= both
    boxes["kettlebell"].setChecked(False)
    boxes["barbell"].setChecked(False)
    boxes["machine/cable"].setChecked(True)
    assert set(page.list_view.shown_slugs()) == {"machine-leg-curl", "single-leg-cable-curl",
                                                 "standing-hamstring-curl"}


def test_level_and_category_filters_combine_with_equipment_and_text(qtbot: QtBot,
                                                                    page: LibraryPage) -> None:
    view = page.list_view
    view.level_box.setCurrentIndex(view.level_box.findData("advanced"))
    assert set(view.shown_slugs()) == {"good-morning", "jump-squat", NORDIC, "stiff-leg-deadlift"}
    view.level_box.setCurrentIndex(view.level_box.findData("beginner"))
    view.category_box.setCurrentIndex(view.category_box.findData("warmup"))
    assert set(view.shown_slugs()) == {"leg-swings", "light-jog", "walking-lunges"}
    view.group_boxes["bodyweight only"].setChecked(True)
    assert view.count_label.text() == f"3 of {ALL} exercises"
    _type(qtbot, page, "jog")
    assert view.shown_slugs() == ["light-jog"]
    assert view.count_label.text() == f"1 of {ALL} exercises"


def test_nothing_matching_says_how_to_widen_the_search(qtbot: QtBot, page: LibraryPage) -> None:
    view = page.list_view
    view.group_boxes["ball"].setChecked(True)
    _type(qtbot, page, "deadlift")
    assert view.stack.currentWidget() is view.empty_state
    assert view.count_label.text() == f"0 of {ALL} exercises"
    advice = view.empty_state.text_label.text()
    assert "“deadlift”" in advice and "Esc" in advice and "equipment" in advice
    qtbot.mouseClick(view.empty_clear_button, Qt.MouseButton.LeftButton)
    assert view.stack.currentWidget() is view.list
    assert view.shown_count() == ALL
    assert not view.group_boxes["ball"].isChecked() and view.search.text() == ""


def test_the_advice_names_the_filter_that_hides_the_match(qtbot: QtBot, page: LibraryPage) -> None:
    view = page.list_view
    view.level_box.setCurrentIndex(view.level_box.findData("beginner"))
    view.category_box.setCurrentIndex(view.category_box.findData("mobility"))
    _type(qtbot, page, "jog")
    advice = view.empty_state.text_label.text()
    assert "set Category to Any category: 1 exercise" in advice
    assert "Level" not in advice  # light jog is a beginner exercise: the level is not the problem


def test_esc_clears_the_search_then_the_filters(qtbot: QtBot, page: LibraryPage) -> None:
    view = page.list_view
    view.category_box.setCurrentIndex(view.category_box.findData("strength"))
    _type(qtbot, page, "curl")
    qtbot.keyClick(view.search, Qt.Key.Key_Escape)
    assert view.search.text() == ""
    assert view.category_box.currentData() == "strength"
    qtbot.keyClick(view.search, Qt.Key.Key_Escape)
    assert view.category_box.currentData() is None
    assert view.shown_count() == ALL


# -- the keyboard -------------------------------------------------------------


def test_slash_and_ctrl_f_focus_the_search(qtbot: QtBot, page: LibraryPage) -> None:
    view = page.list_view
    view.list.setFocus()
    qtbot.keyClick(view.list, Qt.Key.Key_Slash)
    assert view.search.hasFocus()
    assert view.search.text() == ""  # the slash itself is not typed
    view.list.setFocus()
    qtbot.keyClick(view.list, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.search.hasFocus()
    qtbot.keyClick(view.search, Qt.Key.Key_Slash)  # in the field, a slash is just text
    assert view.search.text() == "/"


def test_ctrl_f_from_an_open_exercise_goes_back_to_the_search(qtbot: QtBot, page: LibraryPage) -> None:
    page.open_exercise(NORDIC)
    qtbot.keyClick(page.detail.next_button, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert not page.is_detail_shown
    assert page.list_view.search.hasFocus()


def test_arrows_move_in_the_list_while_typing_and_enter_opens(qtbot: QtBot, page: LibraryPage) -> None:
    view = page.list_view
    _type(qtbot, page, "curl")
    first, second = view.shown_slugs()[:2]
    assert view.current_slug() == first
    qtbot.keyClick(view.search, Qt.Key.Key_Down)
    assert view.current_slug() == second
    assert view.search.hasFocus()
    qtbot.keyClick(view.search, Qt.Key.Key_Up)
    assert view.current_slug() == first
    qtbot.keyClick(view.search, Qt.Key.Key_Down)
    with qtbot.waitSignal(page.exercise_opened) as opened:
        qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert opened.args == [second]
    assert page.is_detail_shown
    assert page.detail.title_label.text() == page.lookup(second).name  # type: ignore[union-attr]


def test_typing_selects_the_best_match(qtbot: QtBot, page: LibraryPage) -> None:
    view = page.list_view
    view.select_slug(NORDIC)
    _type(qtbot, page, "curl")
    assert view.current_slug() == "machine-leg-curl"  # not Nordic, still in the list but second
    view.select_slug(NORDIC)
    view.group_boxes["bodyweight only"].setChecked(True)
    assert view.current_slug() == NORDIC  # a filter ticked keeps a selection that still shows


def test_down_and_enter_in_the_list(qtbot: QtBot, page: LibraryPage) -> None:
    view = page.list_view
    view.list.setFocus()
    qtbot.keyClick(view.list, Qt.Key.Key_Down)
    assert view.current_slug() == view.shown_slugs()[1]
    qtbot.keyClick(view.list, Qt.Key.Key_Enter)
    assert page.is_detail_shown
    assert page.detail.exercise is not None
    assert page.detail.exercise.slug == view.shown_slugs()[1]


def test_letters_typed_in_the_list_go_to_the_search(qtbot: QtBot, page: LibraryPage) -> None:
    page.list_view.list.setFocus()
    qtbot.keyClicks(page.list_view.list, "rdl")
    assert page.list_view.search.text() == "rdl"
    assert page.list_view.search.hasFocus()


def test_left_and_right_change_the_step_text_and_picture(qtbot: QtBot, page: LibraryPage) -> None:
    page.open_exercise(NORDIC)
    detail = page.detail
    nordic = page.lookup(NORDIC)
    assert nordic is not None
    assert detail.step_label.text() == "Step 1 of 5"
    assert detail.step_text.text() == nordic.steps[0].text
    assert not detail.previous_button.isEnabled()
    qtbot.keyClick(detail.next_button, Qt.Key.Key_Right)
    assert detail.step_label.text() == "Step 2 of 5"
    assert detail.step_text.text() == nordic.steps[1].text
    assert detail.figure.step_index == 1 and detail.figure.exercise is nordic
    for _ in range(6):  # stops at the last step
        qtbot.keyClick(detail.next_button, Qt.Key.Key_Right)
    assert detail.step_label.text() == "Step 5 of 5"
    assert not detail.next_button.isEnabled()
    assert detail.focusWidget() is not None and detail.focusWidget().isEnabled()
    qtbot.keyClick(detail, Qt.Key.Key_Left)
    assert detail.figure.step_index == 3
    assert detail.step_text.text() == nordic.steps[3].text
    qtbot.mouseClick(detail.previous_button, Qt.MouseButton.LeftButton)
    assert detail.step_index == 2


def test_step_text_is_big_enough_to_read_from_two_metres(page: LibraryPage) -> None:
    page.open_exercise(NORDIC)
    QApplication.processEvents()  # the layout settles: posted events, no waiting
    assert page.detail.step_text.font().pointSizeF() >= 20
    # The picture gets the room on a 1366x768 screen, and keeps the drawing's 4:3.
    figure = page.detail.figure
    assert figure.height() >= 400
    assert figure.height() == figure.heightForWidth(figure.width())


def test_esc_goes_back_to_the_list_on_the_same_exercise(qtbot: QtBot, page: LibraryPage) -> None:
    page.list_view.select_slug("glute-bridge")
    page.list_view.list.setFocus()
    qtbot.keyClick(page.list_view.list, Qt.Key.Key_Return)
    assert page.is_detail_shown and not page.header.isVisible()
    qtbot.keyClick(page.detail.next_button, Qt.Key.Key_Escape)
    assert not page.is_detail_shown
    assert page.list_view.current_slug() == "glute-bridge"
    assert page.list_view.list.hasFocus()


def test_tab_goes_through_the_controls_in_screen_order(qtbot: QtBot, page: LibraryPage) -> None:
    view = page.list_view
    page.add_button.setFocus()
    expected = [view.search, *view.group_boxes.values(), view.level_box, view.category_box,
                view.clear_filters_button, view.list]
    seen = []
    for _ in expected:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen == expected

    page.open_exercise(NORDIC)
    detail = page.detail
    detail.back_button.setFocus()
    expected = [detail.start_button, detail.duplicate_button,
                detail.previous_button if detail.previous_button.isEnabled()
                else detail.play_button, *([detail.play_button] if detail.previous_button.isEnabled()
                                           else []), detail.next_button, *detail.easier_section.links]
    seen = []
    for _ in expected:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen == expected


def test_every_control_has_a_name_and_a_tooltip(page: LibraryPage, tmp_path: Path) -> None:
    page.set_custom_exercises([_custom()])

    def check() -> None:
        controls = [w for w in page.findChildren(QWidget)
                    if isinstance(w, QAbstractButton | QAbstractItemView | QLineEdit | QComboBox)
                    and w.focusPolicy() != Qt.FocusPolicy.NoFocus and w.isVisibleTo(page)]
        assert len(controls) > 5
        for widget in controls:
            assert widget.accessibleName(), widget
            assert widget.toolTip(), widget.accessibleName()

    check()
    page.open_exercise(NORDIC)
    check()
    page.open_exercise("custom-bench-hip-thrust")
    check()
    for action in page.actions():
        assert action.shortcut().toString() and "(" in action.toolTip(), action.text()


# -- playing the steps ----------------------------------------------------------


def test_play_advances_the_steps_as_time_passes(qtbot: QtBot, page: LibraryPage,
                                                clock: FakeClock) -> None:
    page.open_exercise(NORDIC)
    detail = page.detail
    player = detail.player
    qtbot.keyClick(detail.next_button, Qt.Key.Key_P)
    assert player.is_playing and detail.play_button.isChecked()
    assert detail.play_button.text() == "Pause"

    clock.advance(1.0)  # the pose is held first
    player.update_position()
    assert detail.step_index == 0 and detail.figure.progress is None
    clock.advance(1.0)  # then it moves towards step 2
    player.update_position()
    assert detail.step_index == 0
    assert detail.figure.progress == pytest.approx((2.0 / STEP_SECONDS - 0.6) / 0.4)
    clock.advance(STEP_SECONDS - 2.0)
    player.update_position()
    assert detail.step_index == 1 and detail.step_label.text() == "Step 2 of 5"
    assert detail.figure.step_index == 1

    # Time is what counts, not ticks: one late tick jumps straight to where it should be.
    clock.advance(STEP_SECONDS * 2)
    player.timer.timeout.emit()
    assert detail.step_index == 3
    clock.advance(STEP_SECONDS * 2)  # after the last step it starts over
    player.update_position()
    assert detail.step_index == 0

    qtbot.keyClick(detail.next_button, Qt.Key.Key_P)
    assert not player.is_playing and detail.play_button.text() == "Play"
    assert detail.figure.progress is None
    clock.advance(STEP_SECONDS * 3)
    player.update_position()
    assert detail.step_index == 0


def test_an_arrow_key_takes_over_from_play(qtbot: QtBot, page: LibraryPage) -> None:
    page.open_exercise(NORDIC)
    qtbot.mouseClick(page.detail.play_button, Qt.MouseButton.LeftButton)
    assert page.detail.player.is_playing
    qtbot.keyClick(page.detail.play_button, Qt.Key.Key_Right)
    assert not page.detail.player.is_playing
    assert page.detail.step_index == 1


def test_leaving_the_page_or_the_exercise_stops_play(qtbot: QtBot, page: LibraryPage) -> None:
    page.open_exercise(NORDIC)
    page.detail.toggle_play()
    page.show_list()
    assert not page.detail.player.is_playing
    page.open_exercise(NORDIC)
    page.detail.toggle_play()
    page.hide()
    assert not page.detail.player.is_playing


# -- the rest of the detail ---------------------------------------------------


def test_detail_shows_why_cues_mistakes_dose_and_sources(page: LibraryPage) -> None:
    page.open_exercise(NORDIC)
    detail = page.detail
    assert "brake while they lengthen" in detail.why_section.text.text()
    assert "Keep one straight line from knees to head" in detail.cues_section.text.text()
    assert "Bending at the hips" in detail.mistakes_section.text.text()
    assert detail.prescription_label.text() == (
        "2 sets of 5 reps · rest 1 min 30 s · tempo 5-0-3-0: lower 5 s, lift 3 s")
    assert "Oslo plan" in detail.dose_section.text.text()
    assert "Petersen J" in detail.sources_section.text.text()
    named = detail.easier_section.text.text()
    assert "Band-assisted Nordic" in named and "Loop a band" in named
    assert [link.property("slug") for link in detail.easier_section.links] == [BALL_CURL]
    assert "Slower lowering" in detail.harder_section.text.text()


def test_a_variation_link_opens_that_exercise(qtbot: QtBot, page: LibraryPage) -> None:
    page.open_exercise(NORDIC)
    [link] = page.detail.easier_section.links
    assert link.text() == "→ Stability-ball hamstring curl"
    link.setFocus()
    with qtbot.waitSignal(page.exercise_opened) as opened:
        qtbot.keyClick(link, Qt.Key.Key_Return)
    assert opened.args == [BALL_CURL]
    assert page.detail.title_label.text() == "Stability-ball hamstring curl"
    assert page.detail.step_label.text().startswith("Step 1 of")
    harder = [link.property("slug") for link in page.detail.harder_section.links]
    assert NORDIC in harder


@pytest.mark.parametrize(("prescription", "words"), [
    (Prescription(sets=3, rest_s=120, sources=("x",), reps=(8, 10), tempo="3-0-1-0"),
     "3 sets of 8-10 reps · rest 2 min · tempo 3-0-1-0: lower 3 s, lift 1 s"),
    (Prescription(sets=1, rest_s=0, sources=("x",), hold_s=10, holds=6, relax_s=5),
     "6 holds of 10 s, relax 5 s"),
    (Prescription(sets=1, rest_s=0, sources=("x",), duration_s=300), "5 min"),
    (Prescription(sets=2, rest_s=60, sources=("x",), reps=(10, 10), per_side=True,
                  tempo="3-1-2-0"),
     "2 sets of 10 reps per side · rest 1 min · tempo 3-1-2-0: lower 3 s, pause 1 s, lift 2 s"),
])
def test_the_dose_in_words(prescription: Prescription, words: str) -> None:
    assert describe_prescription(prescription) == words


# -- custom exercises ---------------------------------------------------------


def _png(path: Path, colour: str = "#c04040") -> Path:
    image = QImage(400, 300, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(path))
    return path


def test_custom_exercises_join_the_list_marked_custom(qtbot: QtBot, page: LibraryPage) -> None:
    page.set_custom_exercises([_custom(), _custom("custom-towel-curl", "Towel slide curl",
                                                  ("mat",), level=None, category="strength")])
    view = page.list_view
    assert view.count_label.text() == f"{ALL + 2} of {ALL + 2} exercises"
    _type(qtbot, page, "towel")
    assert view.shown_slugs() == ["custom-towel-curl"]
    index = view.list.currentIndex()
    assert "custom exercise" in index.data(Qt.ItemDataRole.AccessibleTextRole)
    entry = view.current_entry()
    assert entry is not None and entry.is_custom
    # The row says "Custom" in words, drawn by the delegate next to the name
    # (pytest-qt fails the test if that painting raises).
    row = view.list.viewport().grab(view.list.visualRect(index)).toImage()
    assert not row.isNull()
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert page.detail.custom_tag.isVisible() and page.detail.custom_tag.text() == "Custom"
    assert page.detail.details_label.text().startswith("Strength · Mat")  # no level given


def test_custom_exercises_given_before_the_first_show_are_kept(qtbot: QtBot, clock: FakeClock) -> None:
    page = LibraryPage(clock=clock)
    page.set_custom_exercises([_custom()])
    show_page(qtbot, page)
    assert page.list_view.total_count() == ALL + 1


def test_custom_step_pictures_show_or_the_text_alone(qtbot: QtBot, page: LibraryPage,
                                                     tmp_path: Path) -> None:
    picture = _png(tmp_path / "bar.png")
    page.set_custom_exercises([_custom(steps=(CustomStep("Set the bar on your hips.", picture),
                                              CustomStep("Drive up."),
                                              CustomStep("Lower.", tmp_path / "gone.png")))])
    page.open_exercise("custom-bench-hip-thrust")
    detail = page.detail
    assert detail.picture_stack.isVisible()
    assert detail.picture_stack.currentWidget() is detail.picture
    assert detail.picture.has_picture() and detail.picture.path == picture
    assert not detail.prescription_label.isVisible()
    qtbot.keyClick(detail.next_button, Qt.Key.Key_Right)
    assert not detail.picture_stack.isVisible()
    assert detail.step_text.text() == "Drive up."
    assert detail.step_text.font().pointSizeF() > 22
    qtbot.keyClick(detail.next_button, Qt.Key.Key_Right)
    assert not detail.picture_stack.isVisible()
    assert detail.picture_problem.isVisible() and "gone.png" in detail.picture_problem.text()


def test_a_changed_custom_exercise_refreshes_and_a_deleted_one_closes(page: LibraryPage) -> None:
    page.set_custom_exercises([_custom()])
    page.open_exercise("custom-bench-hip-thrust")
    page.set_custom_exercises([_custom(name="Barbell hip thrust")])
    assert page.is_detail_shown and page.detail.title_label.text() == "Barbell hip thrust"
    page.set_custom_exercises([])
    assert not page.is_detail_shown
    assert page.list_view.total_count() == ALL


def test_based_on_links_back_to_the_built_in(qtbot: QtBot, page: LibraryPage) -> None:
    page.set_custom_exercises([_custom(based_on="glute-bridge", notes="Higher bench at home.")])
    page.open_exercise("custom-bench-hip-thrust")
    assert "Higher bench" in page.detail.notes_section.text.text()
    with qtbot.waitSignal(page.exercise_opened) as opened:
        qtbot.mouseClick(page.detail.based_on_link, Qt.MouseButton.LeftButton)
    assert opened.args == ["glute-bridge"]


def test_signals_from_the_shortcuts(qtbot: QtBot, page: LibraryPage) -> None:
    page.set_custom_exercises([_custom()])
    view = page.list_view
    view.list.setFocus()
    with qtbot.waitSignal(page.add_requested):
        qtbot.keyClick(view.list, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)

    view.select_slug(NORDIC)
    with qtbot.waitSignal(page.duplicate_requested) as duplicated:
        qtbot.keyClick(view.list, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert duplicated.args == [NORDIC]
    with qtbot.assertNotEmitted(page.edit_requested), qtbot.assertNotEmitted(page.delete_requested):
        qtbot.keyClick(view.list, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(view.list, Qt.Key.Key_Delete)

    view.select_slug("custom-bench-hip-thrust")
    with qtbot.waitSignal(page.edit_requested) as edited:
        qtbot.keyClick(view.list, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert edited.args == ["custom-bench-hip-thrust"]
    with qtbot.waitSignal(page.delete_requested) as deleted:
        qtbot.keyClick(view.list, Qt.Key.Key_Delete)
    assert deleted.args == ["custom-bench-hip-thrust"]
    with qtbot.waitSignal(page.duplicate_requested) as duplicated:  # one's own can be copied too
        qtbot.keyClick(view.list, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert duplicated.args == ["custom-bench-hip-thrust"]

    # Delete in the search field edits the text; it never asks to delete an exercise.
    view.search.setFocus()
    with qtbot.assertNotEmitted(page.delete_requested):
        qtbot.keyClick(view.search, Qt.Key.Key_Delete)


def test_signals_from_the_detail_buttons(qtbot: QtBot, page: LibraryPage) -> None:
    page.set_custom_exercises([_custom()])
    page.open_exercise(NORDIC)
    detail = page.detail
    assert detail.duplicate_button.isVisible() and not detail.edit_button.isVisible()
    with qtbot.waitSignal(page.duplicate_requested) as duplicated:
        qtbot.mouseClick(detail.duplicate_button, Qt.MouseButton.LeftButton)
    assert duplicated.args == [NORDIC]
    page.open_exercise("custom-bench-hip-thrust")
    assert detail.duplicate_button.isVisible()
    with qtbot.waitSignal(page.edit_requested):
        qtbot.keyClick(detail.next_button, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(page.delete_requested) as deleted:
        qtbot.mouseClick(detail.delete_button, Qt.MouseButton.LeftButton)
    assert deleted.args == ["custom-bench-hip-thrust"]
    with qtbot.waitSignal(page.add_requested):
        qtbot.keyClick(detail.next_button, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)


# -- a damaged catalog ---------------------------------------------------------


def test_a_damaged_exercise_file_is_named_and_the_rest_shows(qtbot: QtBot, tmp_path: Path,
                                                             clock: FakeClock) -> None:
    resources = tmp_path / "resources"
    shutil.copytree(resources_dir(), resources)
    (resources / "exercises" / "light-jog.toml").write_text('slug = "light-jog"\nname = = broken\n')
    page = show_page(qtbot, LibraryPage(resources_dir=resources, clock=clock))
    assert page.problems.isVisible()
    notice = page.problems_text.toPlainText()
    assert "1 exercise file could not be read" in page.problems_title.text()
    assert "resources/exercises/light-jog.toml" in notice and "TOML syntax error" in notice
    assert page.list_view.count_label.text() == f"{ALL - 1} of {ALL - 1} exercises"
    assert "light-jog" not in page.list_view.shown_slugs()
    page.list_view.search.setText("light jog")  # the advice says why it is not there
    assert "files could not be read" in page.list_view.empty_state.text_label.text()
    page.list_view.search.clear()
    assert page.open_exercise(NORDIC)
    assert not page.problems.isVisible()  # the exercise gets the room
    page.show_list()
    assert page.problems.isVisible()


# -- the rules, without a window ---------------------------------------------------


def test_group_rules_and_unicode_search() -> None:
    assert matches_group(("bodyweight", "dumbbells"), "bodyweight only")
    assert matches_group(("mat", "anchor"), "bodyweight only")
    assert not matches_group(("bench", "barbell"), "bodyweight only")
    assert matches_group(("bench", "barbell"), "barbell")
    with pytest.raises(ValueError, match="unknown equipment group"):
        matches_group(("mat",), "rowing boat")
    entry = LibraryEntry.of(_custom(name="Fentes sautées", equipment=("bodyweight",)))
    assert LibraryFilter(text="SAUTÉES").accepts(entry)
    assert not LibraryFilter(text="sautées", level="beginner").accepts(entry)
    catalog = load_catalog(resources_dir()).catalog
    nordic = LibraryEntry.of(catalog.get(NORDIC))
    assert LibraryFilter(text="nordic").rank(nordic) < LibraryFilter(text="semitendinosus").rank(nordic)


def test_list_rows_carry_their_slug(page: LibraryPage) -> None:
    proxy = page.list_view.proxy
    slugs = [proxy.index(row, 0).data(SLUG_ROLE) for row in range(proxy.rowCount())]
    assert slugs == [e.slug for e in page.catalog.exercises]  # type: ignore[union-attr]


def test_moving_in_the_list_places_that_exercises_poses_before_it_is_opened(
        qtbot: QtBot, page: LibraryPage, monkeypatch: pytest.MonkeyPatch) -> None:
    preparer = page.detail.figure.preparer
    asked: list[str] = []
    request = preparer.request

    def asking(exercise: Exercise, theme: FigureTheme) -> None:
        asked.append(exercise.slug)
        request(exercise, theme)

    monkeypatch.setattr(preparer, "request", asking)
    assert page.list_view.select_slug(NORDIC)
    assert asked == [NORDIC]
    assert not page.is_detail_shown   # asked for while the list is still shown
