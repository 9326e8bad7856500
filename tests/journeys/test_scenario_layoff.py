"""Scenarios a coach can read: the restart after a layoff (issue 16 point 6).

An athlete follows a program with Nordic curls day by day on a fake clock,
stops for some weeks, and comes back; each test reads what Today (and
`hamstride today`) says. The rules (app.usecases.today, app.coaching.watch):

* more than 3 weeks (``NORDIC_MAX_GAP_DAYS``, 21 days, Ripley et al. 2021)
  since the last session with Nordics, in any program with Nordics, moves
  the session due back by half the whole weeks missed, rounded up, to the
  first session of that week - applied, not only advised: the notice, the
  due line, the week label and the strip all say the same;
* starting that session stores the restart (a new enrolment from that day at
  that session), and the program goes on from there;
* the athlete may keep their place instead; that is remembered for this
  layoff, so Today does not ask again;
* a program without Nordics is not moved back.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

import app.cli.common
from app.catalog import load_catalog_strict
from app.coaching.watch import NORDIC_MAX_GAP_DAYS, NoticeKind
from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.kernel.resources import resources_dir
from app.storage.store import Store
from app.ui.shell.application import GuiSession
from app.usecases.today import RESTART_DECLINED_SETTING, TodayView, store_restart
from helpers.cli_run import run
from helpers.coaching_log import (
    FIRST_MONDAY,
    FRI,
    MON,
    NO_COMPLAINTS,
    THU,
    WED,
    go_to,
    monday_evening,
    run_session_command,
    today,
    train,
    training_log,
    week,
)

START = FIRST_MONDAY  # a Monday
LAST = date(2026, 2, 6)  # Friday of week 5: the twelfth session, the last before the break
CATALOG = load_catalog_strict(resources_dir())
# The fixtures: the clock at 6 pm on Monday 5 January, the athlete's log on it.
clock, log = monday_evening, training_log


def five_weeks_of_nordics(paths: AppPaths, clock: FakeClock, log: Store) -> None:
    """The Nordic program on Monday, Wednesday and Friday from 5 January:
    every session of weeks 1-5 (1, 2, 3, 3 and 3 sessions) on its day."""
    log.enrol("nordic-programme", START, (MON, WED, FRI))
    day = START
    while day <= LAST:
        go_to(clock, day)
        view = today(paths, clock)
        assert view.due is not None
        if view.due.planned_date == day:
            train(log, clock, view)
        day += timedelta(days=1)
    go_to(clock, LAST + timedelta(days=1))
    view = today(paths, clock)
    assert view.due is not None and view.due.day_number == 13 and view.label.startswith("Week 6")


def gap_notice(view: TodayView) -> str:
    (notice,) = [n for n in view.notices if n.kind == NoticeKind.NORDIC_GAP]
    return notice.text


def test_back_after_a_month_the_program_goes_back_two_weeks(paths: AppPaths, clock: FakeClock,
                                                           log: Store) -> None:
    """Five weeks done, then a month off: Monday 9 March is 31 days after the
    last session, 4 whole weeks missed, so the program goes back half of them,
    2 weeks, from week 6 to week 4. Today says so, and its due line, label and
    strip are week 4's: its first session today, the next two on Wednesday
    and Friday."""
    five_weeks_of_nordics(paths, clock, log)
    go_to(clock, date(2026, 3, 9))
    view = today(paths, clock)
    assert view.restart is not None and view.restart.week == 4 and view.restart.first_day == 7
    assert view.due is not None and view.due.day_number == 7
    assert view.due.planned_date == date(2026, 3, 9) and view.due.overdue_days == 0
    assert view.label == "Week 4 · session 1 of 3"
    assert "31 days ago" in gap_notice(view)
    assert "goes back to week 4 - 2 back from week 6" in gap_notice(view)
    assert week(view) == ["Mon 9: day 7 planned", "Tue 10: rest", "Wed 11: day 8 planned",
                          "Thu 12: rest", "Fri 13: day 9 planned", "Sat 14: rest", "Sun 15: rest"]


def test_exactly_three_weeks_off_keeps_the_place_and_22_days_does_not(
        paths: AppPaths, clock: FakeClock, log: Store) -> None:
    """21 days after the last session the program still protects (Ripley 2021):
    Today keeps week 6. A day later, 22 days, 3 whole weeks missed: back 2
    weeks, to week 4, and the next session is Monday's."""
    five_weeks_of_nordics(paths, clock, log)
    assert NORDIC_MAX_GAP_DAYS == 21
    go_to(clock, LAST + timedelta(days=21))
    view = today(paths, clock)
    assert view.restart is None and view.label == "Week 6 · session 1 of 3"
    assert not [n for n in view.notices if n.kind == NoticeKind.NORDIC_GAP]
    go_to(clock, LAST + timedelta(days=22))  # Saturday 28 February
    view = today(paths, clock)
    assert view.restart is not None and view.label == "Week 4 · session 1 of 3"
    assert view.due is not None and view.due.planned_date == date(2026, 3, 2)


def test_starting_the_restarted_session_stores_the_restart_and_goes_on_from_it(
        paths: AppPaths, clock: FakeClock, log: Store) -> None:
    """Back on 9 March, the athlete starts the session Today offers (week 4's
    first). The restart is stored as a new enrolment from that day at that
    session; on Wednesday Today offers week 4's second, with no notice: the
    layoff has been dealt with."""
    five_weeks_of_nordics(paths, clock, log)
    go_to(clock, date(2026, 3, 9))
    view = today(paths, clock)
    store_restart(log, view)
    train(log, clock, view)
    enrolment = log.reader.active_enrolment()
    assert enrolment is not None
    assert (enrolment.start_date, enrolment.first_day) == (date(2026, 3, 9), 7)
    go_to(clock, date(2026, 3, 11))
    view = today(paths, clock)
    assert view.restart is None and not view.notices
    assert view.due is not None and view.due.day_number == 8
    assert view.label == "Week 4 · session 2 of 3"
    assert week(view)[0] == "Mon 9: day 7 done"


def test_keeping_the_place_is_remembered_and_not_asked_again(paths: AppPaths, clock: FakeClock,
                                                              log: Store) -> None:
    """Back on 9 March, the athlete keeps their place: Today offers week 6
    again, overdue, without the notice, and says nothing more the next day."""
    five_weeks_of_nordics(paths, clock, log)
    go_to(clock, date(2026, 3, 9))
    view = today(paths, clock)
    assert view.restart is not None
    log.set_setting(RESTART_DECLINED_SETTING, view.restart.declined_value())
    for day in (date(2026, 3, 9), date(2026, 3, 10)):
        go_to(clock, day)
        view = today(paths, clock)
        assert view.restart is None and not view.notices
        assert view.due is not None and view.due.day_number == 13
        assert view.label == "Week 6 · session 1 of 3"


def test_the_advanced_program_with_nordics_restarts_too(paths: AppPaths, clock: FakeClock,
                                                        log: Store) -> None:
    """The Advanced program (Nordics in session A) on Mondays and Thursdays for
    three weeks (last on Thursday 22 January), then back on Friday 27
    February, 36 days later: 5 weeks missed, back 3 from week 4, to week 1,
    session A, next Monday."""
    log.enrol("advanced", START, (MON, THU))
    for day in (START + timedelta(days=n) for n in (0, 3, 7, 10, 14, 17)):
        go_to(clock, day)
        train(log, clock, today(paths, clock))
    go_to(clock, date(2026, 2, 27))
    view = today(paths, clock)
    assert view.restart is not None and view.restart.week == 1
    assert view.due is not None and view.due.day_number == 1
    assert view.due.planned_date == date(2026, 3, 2)
    assert view.label == "Week 1 · session 1 of 2"
    assert "goes back to week 1 - 3 back from week 4" in gap_notice(view)


def test_a_program_without_nordics_is_not_moved_back(paths: AppPaths, clock: FakeClock,
                                                     log: Store) -> None:
    """The sample session (bridges, ball curls, Romanian deadlifts) twice,
    then six weeks off: no Nordic rule applies, so Today keeps the place
    (double progression meets the athlete where they are)."""
    log.enrol("sample-session", START, (MON, THU))
    for day in (START, START + timedelta(days=3)):
        go_to(clock, day)
        train(log, clock, today(paths, clock), loads={"romanian-deadlift": 40.0})
    go_to(clock, START + timedelta(days=45))
    view = today(paths, clock)
    assert view.restart is None
    assert not [n for n in view.notices if n.kind == NoticeKind.NORDIC_GAP]
    assert view.due is not None and view.due.day_number == 3


def test_hamstride_today_says_the_same(paths: AppPaths, clock: FakeClock, log: Store,
                                       capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line reads the same Today: on 9 March its due line is week
    4's first session, planned that day, and it prints the notice."""
    five_weeks_of_nordics(paths, clock, log)
    go_to(clock, date(2026, 3, 9))
    monkeypatch.setattr(app.cli.common, "now", clock.now)
    code, out, _err = run(capsys, "--data-dir", str(paths.data_dir), "today")
    assert code == 0
    assert "Due: day 7 · Week 4 · session 1 of 3 · planned for Mon 9 Mar 2026" in out
    assert "Notice: Back after a break" in out and "goes back to week 4" in out
    assert "  Mon 9 Mar 2026: planned (day 7)  <- today" in out


def test_the_today_page_offers_to_keep_the_place_and_remembers_it(
        qtbot: QtBot, paths: AppPaths, clock: FakeClock, log: Store,
        open_window: Callable[..., GuiSession]) -> None:
    """Back on 9 March, the Today page shows week 4's first session, due
    today, with the notice and a Keep my place button (Alt+K). Pressing it
    keeps week 6, and the button and the notice go."""
    five_weeks_of_nordics(paths, clock, log)
    go_to(clock, date(2026, 3, 9))
    window = open_window().window
    page = window.today_page
    assert page.program_label.text() == "Nordic program · Week 4 · session 1 of 3"
    assert page.due_label.text() == "Due today."
    assert page.keep_place_button.isVisibleTo(page)
    assert page.keep_place_button.toolTip().endswith("(Alt+K)")
    assert page.keep_place_button.accessibleName() == "Keep my place"
    qtbot.keyClick(page, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.program_label.text() == "Nordic program · Week 6 · session 1 of 3",
                    timeout=20000)
    assert not page.keep_place_button.isVisibleTo(page)
    assert "Was due" in page.due_label.text()
    assert log.get_setting(RESTART_DECLINED_SETTING) == {
        "program": "nordic-programme", "session": log.list_sessions(limit=1)[0].uid}


def test_starting_the_restarted_session_on_the_today_page_stores_the_restart(
        qtbot: QtBot, paths: AppPaths, clock: FakeClock, log: Store,
        open_window: Callable[..., GuiSession]) -> None:
    """Back on 9 March, the athlete presses Start session on Today: the
    restart is stored (from 9 March at week 4's first session) before the
    readiness check, which then asks about that session."""
    five_weeks_of_nordics(paths, clock, log)
    go_to(clock, date(2026, 3, 9))
    window = open_window().window
    qtbot.keyClick(window.today_page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    def restarted() -> bool:
        enrolment = log.reader.active_enrolment()
        return enrolment is not None and enrolment.first_day == 7

    qtbot.waitUntil(restarted, timeout=20000)
    enrolment = log.reader.active_enrolment()
    assert enrolment is not None and enrolment.start_date == date(2026, 3, 9)
    dialog = window.readiness_dialog
    assert dialog is not None
    dialog.reject()


def test_hamstride_session_runs_the_restarted_session_and_stores_the_restart(
        paths: AppPaths, clock: FakeClock, log: Store, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Back on 9 March, the athlete types `hamstride session --program
    nordic-programme` (no --day). The command line takes the session Today
    has due - week 4's first, day 7 - not the old place (day 13), and
    starting it stores the restart, as Start on the Today page does."""
    five_weeks_of_nordics(paths, clock, log)
    go_to(clock, date(2026, 3, 9))
    code, out, err, request = run_session_command(
        monkeypatch, capsys, paths, clock.now(), "--program", "nordic-programme",
        "--readiness", NO_COMPLAINTS)
    assert code == 0 and err == "", err
    assert request is not None and request.program_day == 7
    assert request.plan.program_day == 7 and "Week 4 · session 1" in request.plan.title
    assert "The restart after your break is kept: Nordic program goes on from week 4 (day 7)." \
        in out
    enrolment = log.reader.active_enrolment()
    assert enrolment is not None
    assert (enrolment.start_date, enrolment.first_day) == (date(2026, 3, 9), 7)


def test_after_a_stored_restart_hamstride_session_goes_on_from_it(
        paths: AppPaths, clock: FakeClock, log: Store, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The restart was stored on 9 March (from week 4's first session, day 7)
    and nothing is trained yet that day: `hamstride session --program
    nordic-programme` runs day 7, the enrolment's first day - never day 1 of
    the program."""
    five_weeks_of_nordics(paths, clock, log)
    go_to(clock, date(2026, 3, 9))
    store_restart(log, today(paths, clock))
    code, _out, err, request = run_session_command(
        monkeypatch, capsys, paths, clock.now(), "--program", "nordic-programme",
        "--readiness", NO_COMPLAINTS)
    assert code == 0 and err == "", err
    assert request is not None and request.program_day == 7


def test_hamstride_today_json_carries_the_restart_and_the_notices_sources(
        paths: AppPaths, clock: FakeClock, log: Store, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """`hamstride today --json` on 9 March: the restart Today applied (from
    day 13 back to day 7, week 4) and the break notice's sources by title;
    the text says the same sources under the notice."""
    five_weeks_of_nordics(paths, clock, log)
    go_to(clock, date(2026, 3, 9))
    monkeypatch.setattr(app.cli.common, "now", clock.now)
    code, out, _err = run(capsys, "--data-dir", str(paths.data_dir), "today", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["restart"] == {"start_date": "2026-03-09", "first_day": 7, "week": 4,
                               "from_day": 13, "gap_days": 31}
    assert data["due"]["day"] == 7
    (notice,) = [n for n in data["notices"] if n["kind"] == NoticeKind.NORDIC_GAP]
    assert {"id": "ripley2021", "citation": CATALOG.sources["ripley2021"].citation} \
        in notice["sources"]
    code, out, _err = run(capsys, "--data-dir", str(paths.data_dir), "today")
    lines = out.splitlines()
    after = lines[next(i for i, line in enumerate(lines) if line.startswith("Notice: Back"))+1]
    assert after.startswith("  Sources: ") and "Ripley NJ, et al. 2021" in after


def test_with_an_interrupted_session_waiting_the_window_gets_the_restarted_session(
        paths: AppPaths, clock: FakeClock, log: Store, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Back on 9 March with a session cut off by a crash still waiting: the
    command line asks nothing (the window offers the resume first, then its
    own checks), yet the session it hands over is still Today's - week 4's
    first, with its targets - and the restart is kept, as Start on Today keeps
    it before the window asks anything."""
    from app.session.engine import SessionEngine
    from app.session.plan import plan_from_exercise
    from app.session.saved import SAVED_SESSION_FILE, session_payload, write_saved_session

    five_weeks_of_nordics(paths, clock, log)
    go_to(clock, date(2026, 3, 9))
    engine = SessionEngine(plan_from_exercise(CATALOG.get("glute-bridge"), sets=2, reps=3), clock)
    engine.start_set()
    write_saved_session(paths.data_dir / SAVED_SESSION_FILE, session_payload(
        engine.plan, engine.snapshot(), session_id=None, saved_at=clock.now()))
    code, out, err, request = run_session_command(
        monkeypatch, capsys, paths, clock.now(), "--program", "nordic-programme")
    assert code == 0 and err == "", err
    assert out.startswith("An interrupted session is waiting")
    assert request is not None and not request.checks_done and request.targets_applied
    assert request.plan == today(paths, clock).plan(CATALOG)
    assert request.program_day == 7
    enrolment = log.reader.active_enrolment()
    assert enrolment is not None and enrolment.first_day == 7
