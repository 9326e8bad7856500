"""The follow dialog tells the athlete what the chosen days give: how many
sessions a week (a 2-3 a week program) and which days are back to back."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from app.catalog import load_catalog_strict
from app.coaching.loader import load_programs_strict, programs_dir
from app.coaching.model import Program
from app.kernel.resources import resources_dir
from app.ui.programs.follow_dialog import FollowDialog, default_weekdays

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


@pytest.fixture(scope="module")
def programs() -> dict[str, Program]:
    catalog = load_catalog_strict(resources_dir())
    return {p.slug: p for p in load_programs_strict(programs_dir(resources_dir()), catalog)}


def _dialog(qtbot: QtBot, program: Program, days: tuple[int, ...] | None = None) -> FollowDialog:
    dialog = FollowDialog(program, date(2026, 1, 4), days)
    qtbot.addWidget(dialog)
    return dialog


def test_a_two_to_three_a_week_program_starts_at_two_days(qtbot: QtBot,
                                                          programs: dict[str, Program]) -> None:
    for slug in ("heavy-gym", "sample-session", "runners-drill", "advanced"):
        assert default_weekdays(programs[slug]) == (MON, THU), slug
    assert default_weekdays(programs["nordic-programme"]) == (MON, WED, FRI)
    dialog = _dialog(qtbot, programs["heavy-gym"])
    assert dialog.weekdays() == (MON, THU)
    assert dialog.warning.text() == ("Heavy gym advises 2-3 sessions a week: with these days you "
                                     "do 2 a week. Choose 3 days to do 3 a week.")


def test_choosing_a_third_day_says_three_a_week(qtbot: QtBot, programs: dict[str, Program]) -> None:
    dialog = _dialog(qtbot, programs["heavy-gym"])
    dialog.day_boxes[SAT].setChecked(True)
    text = dialog.warning.text()
    assert text.startswith("Heavy gym advises 2-3 sessions a week: with these days you do 3 a week")
    assert "Week 2 · session 3 of 3" in text and "Choose 2 days to do 2 a week." in text
    assert "Back to back" not in text  # Monday, Thursday, Saturday: a rest day between each


def test_back_to_back_days_are_named_with_the_rest_day_rule(qtbot: QtBot,
                                                           programs: dict[str, Program]) -> None:
    dialog = _dialog(qtbot, programs["nordic-programme"], (MON, WED, FRI))
    assert dialog.warning.text() == ""
    dialog.day_boxes[SUN].setChecked(True)
    text = dialog.warning.text()
    assert text.startswith("Back to back: Sunday and Monday. Sessions on these days come without "
                           "a rest day between them.")
    assert "Upgrade your running: Hamstring exercises for runners" in text and "ACSM" in text
    assert dialog.follow_button.isEnabled()  # told, not refused: the athlete's choice stands
    dialog.day_boxes[SUN].setChecked(False)
    assert dialog.warning.text() == ""


def test_three_a_week_and_back_to_back_are_both_said(qtbot: QtBot,
                                                    programs: dict[str, Program]) -> None:
    dialog = _dialog(qtbot, programs["sample-session"], (MON, TUE, THU))
    first, second = dialog.warning.text().split("\n\n")
    assert "you do 3 a week" in first
    assert second.startswith("Back to back: Monday and Tuesday.")
