"""The Week page shows a week as the scheduler placed it: runs done and
planned, strength done and placed, the 48-hour windows in words, and a line
for each rule bent with the next best day; seven columns when they fit, one
day under the other when not; and its keys move between weeks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import pairwise

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.coaching.running_week import (
    BentRule,
    RunOnDay,
    RunRule,
    StrengthOnDay,
    WeekDay,
    WeekPlan,
)
from app.kernel.i18n import format_date
from app.logbook.runs import PlannedDay, RaceRecord, RunEntry, RunRecord, RunTag
from app.ui.week.week_page import DAYS, WeekPage, window_words

MONDAY = date(2026, 3, 2)
TODAY = MONDAY + timedelta(days=2)  # Wednesday


def _run(day: date, tag: RunTag, km: float, minutes: float) -> RunRecord:
    start = datetime(day.year, day.month, day.day, 7, tzinfo=UTC)
    return RunRecord(1, RunEntry(start, minutes * 60, distance_m=km * 1000, tag=tag,
                                 tag_guessed=False, source="fit"))


def _strength(*, done: bool = False, heavy: bool = True, after_run: bool = False,
              half: bool = False, moved_from: date | None = None) -> StrengthOnDay:
    return StrengthOnDay(done=done, placed=not done, heavy=heavy, half_volume=half,
                         after_run=after_run, program_day=2, label="Week 2 · session 1",
                         moved_from=moved_from)


RACE = RaceRecord(7, MONDAY + timedelta(days=6), "City 10K")


def a_week() -> WeekPlan:
    """Mon: an easy run done and strength done. Tue: a quality run done, a
    session placed after it. Wed (today): in the window before Thursday's
    long run, nothing placed. Thu: the long run planned. Fri: a session
    placed, moved from Wednesday, half volume. Sat: in the window before
    Sunday's race. Sun: the race."""
    day = [MONDAY + timedelta(days=n) for n in range(DAYS)]
    days = (
        WeekDay(day[0], (RunOnDay(RunTag.EASY, _run(day[0], RunTag.EASY, 8.04, 44.6), False),),
                _strength(done=True), False, None, "Strength done."),
        WeekDay(day[1], (RunOnDay(RunTag.QUALITY, _run(day[1], RunTag.QUALITY, 10, 52), False),),
                _strength(after_run=True), False, RunRule.AFTER_THE_RUN, "After the quality run."),
        WeekDay(day[2], (), None, True, RunRule.NO_HEAVY_BEFORE_HARD_RUN,
                "No Nordics or heavy hinges: a long run tomorrow."),
        WeekDay(day[3], (RunOnDay(PlannedDay.LONG, None, True),), None, False, None, ""),
        WeekDay(day[4], (), _strength(half=True, moved_from=day[2]), False,
                RunRule.RACE_WEEK_HALF_VOLUME, "Race week: half the sets."),
        WeekDay(day[5], (RunOnDay(PlannedDay.EASY, None, True),), None, True,
                RunRule.NO_HEAVY_BEFORE_HARD_RUN, "The race is tomorrow."),
        WeekDay(day[6], (RunOnDay(PlannedDay.RACE, None, True, race=RACE),), None, False,
                None, ""),
    )
    bent = (BentRule(RunRule.HARD_RUN_COUNTS, day[1], "A quality run the day before "
                     "(coaching convention)", day[4]),)
    return WeekPlan(MONDAY, days, bent, True, "Race week: City 10K on Sunday.")


@pytest.fixture
def page(qtbot: QtBot) -> WeekPage:
    shown = WeekPage()
    qtbot.addWidget(shown)
    shown.resize(1200, 800)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_the_days_say_what_was_run_planned_and_placed(page: WeekPage) -> None:
    page.show_week(a_week(), TODAY)
    lines = [box.lines for box in page.day_boxes]
    assert lines[0] == ["✓ Easy run · 8 km · 45 min", "✓ Strength: Week 2 · session 1"]
    assert lines[1] == ["✓ Quality run · 10 km · 52 min",
                        "Strength: Week 2 · session 1 · after the run"]
    assert lines[2] == [window_words()]                 # a word, not only a shade
    assert lines[3] == ["Long run: planned"]
    assert lines[4] == ["Strength: Week 2 · session 1 · half volume · moved from Wednesday"]
    assert lines[5] == ["Easy run: planned", window_words()]
    assert lines[6] == ["Race: City 10K: planned"]
    assert [box.in_window for box in page.day_boxes] == [False, False, True, False, False,
                                                          True, False]
    assert "dashed" in page.day_boxes[2].styleSheet()   # shaded and edged differently too
    assert "dashed" not in page.day_boxes[3].styleSheet()
    assert page.day_boxes[2].is_today and "(today)" in page.day_boxes[2].text()
    assert page.day_boxes[1].toolTip() == "After the quality run."   # why it is there
    assert "race week" in page.range_label.text()


def test_a_bent_rule_is_one_calm_line_with_the_next_best_day(page: WeekPage) -> None:
    page.show_week(a_week(), TODAY)
    bent = f"Rule bent on {format_date(MONDAY + timedelta(days=1))}: A quality run the day " \
           f"before (coaching convention). Next best day: {format_date(MONDAY + timedelta(4))}."
    assert page.notes == ["Race week: City 10K on Sunday.", bent]


def test_a_past_planned_run_not_logged_says_so(page: WeekPage) -> None:
    page.show_week(a_week(), MONDAY + timedelta(days=5))
    assert page.day_boxes[3].lines == ["Long run: planned, not logged"]


def test_light_work_and_miles(page: WeekPage) -> None:
    plan = a_week()
    light = WeekDay(MONDAY, (RunOnDay(RunTag.LONG, _run(MONDAY, RunTag.LONG, 16.0934, 95), False),),
                    _strength(heavy=False, after_run=True), False, None, "")
    plan = WeekPlan(plan.monday, (light, *plan.days[1:]), (), False, None)
    page.show_week(plan, TODAY, units="lb")
    assert page.day_boxes[0].lines == ["✓ Long run · 10 mi · 1 h 35 min",
                                       "Strength: Week 2 · session 1 · light · after the run"]
    assert page.notes == []


def test_seven_columns_when_they_fit_else_one_day_under_another(
        page: WeekPage, qtbot: QtBot) -> None:
    page.show_week(a_week(), TODAY)
    qtbot.waitUntil(lambda: page.columns == DAYS)
    tops = {box.geometry().top() for box in page.day_boxes}
    assert len(tops) == 1
    page.resize(500, 800)
    qtbot.waitUntil(lambda: page.columns == 1)
    boxes = page.day_boxes
    qtbot.waitUntil(lambda: all(a.geometry().bottom() < b.geometry().top()
                                for a, b in pairwise(boxes)))
    # The narrowest column still holds its longest word.
    assert all(box.width() >= box.minimumWidth() for box in boxes)


def test_nothing_to_show_says_what_to_do(page: WeekPage) -> None:
    page.show_nothing(TODAY)
    assert page.stack.currentWidget() is page.empty_state
    assert "Plan your running week" in page.empty_state.text_label.text()
    assert "History → Runs" in page.empty_state.text_label.text()
    assert not page.export_button.isEnabled()
    assert page.plan_button.isEnabled()


@pytest.mark.parametrize(("key", "modifier", "signal"), [
    (Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier, "previous_requested"),
    (Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier, "next_requested"),
    (Qt.Key.Key_PageUp, Qt.KeyboardModifier.NoModifier, "previous_requested"),
    (Qt.Key.Key_PageDown, Qt.KeyboardModifier.NoModifier, "next_requested"),
    (Qt.Key.Key_Home, Qt.KeyboardModifier.NoModifier, "this_week_requested"),
])
def test_the_keys_move_between_weeks(page: WeekPage, qtbot: QtBot, key: Qt.Key,
                                     modifier: Qt.KeyboardModifier, signal: str) -> None:
    page.show_week(a_week(), TODAY)
    page.activateWindow()
    page.plan_button.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.plan_button)
    with qtbot.waitSignal(getattr(page, signal), timeout=2000):
        qtbot.keyClick(page.plan_button, key, modifier)


def test_every_control_says_its_key(page: WeekPage) -> None:
    from helpers.accessibility import unnamed

    page.show_week(a_week(), TODAY)
    assert unnamed(page) == []
    for button in (page.previous_button, page.next_button, page.this_week_button,
                   page.plan_button, page.races_button, page.export_button):
        assert "Alt+" in button.toolTip(), button.text()
    texts = [w.text().replace("&&", "") for w in page.findChildren(QWidget)
             if isinstance(w, (QLabel, QAbstractButton))]
    letters = [text.split("&")[1][0].lower() for text in texts if "&" in text]
    assert len(letters) == len(set(letters)), letters


def test_why_each_day_holds_what_it_holds_is_on_the_page_with_its_sources(
        page: WeekPage) -> None:
    """The reasons are the point of the page: one line per day that has one
    (not only in a tooltip), then the sources of the rules that placed them."""
    citations = {"coaching-convention": "Coaching convention (this app)",
                 "twist2005": "Twist C, Eston R (2005)", "unused": "Not cited this week"}
    page.show_week(a_week(), TODAY, citations=citations)
    assert page.reasons[:2] == ["Mon 2: Strength done.", "Tue 3: After the quality run."]
    assert any(line.startswith("Wed 4 (today): ") for line in page.reasons)
    *_, sources = page.reasons
    assert sources.startswith("Sources: ") and "Twist C, Eston R (2005)" in sources
    assert "Not cited this week" not in sources
    shown = [label.text() for label in page.findChildren(QLabel, "weekReason")]
    assert shown == page.reasons
    # Without citations (none loaded), the reasons stay and no sources line is made up.
    page.show_week(a_week(), TODAY)
    assert page.reasons and not any(line.startswith("Sources") for line in page.reasons)


def test_a_number_keeps_its_unit_on_a_narrow_day() -> None:
    from app.ui.week.week_page import with_units_kept

    assert with_units_kept("✓ Easy run · 7 km · 40 min") == "✓ Easy run · 7\u00a0km · 40\u00a0min"
    # Only a number followed by a word: "2 ·" still breaks where it may.
    assert with_units_kept("Week 2 · session 1") == "Week 2 · session 1"
