"""A hard run counts like a heavy session when a session starts (issue 18,
point 4): the 48-hour notice and the readiness check of the start path
(app.usecases.session_start, used by the window and the command line) read
the runs done, as Today does.

The advanced program is due on Monday 5 January (Nordics and Romanian
deadlifts); the athlete ran the day before, or three days before."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from pytestqt.qtbot import QtBot

from app.coaching.readiness import GuidanceLevel, PainLevel, ReadinessAnswers
from app.kernel.paths import AppPaths
from app.logbook.runs import RunEntry, RunTag
from app.session.plan import SessionPlan
from app.ui.programs.readiness_dialog import ReadinessDialog
from app.usecases.session_start import SessionToRun, StartCheck, session_to_run
from helpers.coaching_log import FRI, MON, WED, Diary, catalog, day, open_diary, start_check, today_view

diary = open_diary  # the fixture: the athlete's Diary, open for the test


def _ran(diary: Diary, days_before: int, tag: RunTag, hour: int = 8) -> None:
    """A one-hour run ``days_before`` the first Monday, at ``hour`` (UTC)."""
    started = datetime.combine(day(0) - timedelta(days=days_before), time(hour), tzinfo=UTC)
    diary.store.add_runs([RunEntry(started_at=started, duration_s=3600.0, distance_m=12_000.0,
                                   tag=tag, tag_guessed=False, source="typed")])


def _due_on_monday(diary: Diary, paths: AppPaths) -> tuple[SessionPlan, StartCheck]:
    diary.follow("advanced", day(0), [MON, WED, FRI])
    now = diary.at(day(0), hour=17)
    plan = today_view(paths, now).plan(catalog())
    return plan, start_check(paths, plan, now, targets_applied=True)


def _mild_pain_in_a_run() -> ReadinessAnswers:
    return ReadinessAnswers(1, PainLevel.NONE, False, False, True, PainLevel.MILD)


@pytest.mark.parametrize("tag", [RunTag.QUALITY, RunTag.LONG, RunTag.RACE])
def test_a_hard_run_yesterday_asks_before_heavy_work_and_weighs_pain_after_it(
        diary: Diary, paths: AppPaths, tag: RunTag) -> None:
    _ran(diary, 1, tag)
    _, check = _due_on_monday(diary, paths)
    assert check.hard_run == str(tag)
    assert check.too_soon is not None and check.too_soon.title == "A hard run yesterday"
    # Mild pain during or after that run: an easy day (the lighter session)...
    easy = session_to_run(check, _mild_pain_in_a_run(), lighter=True, catalog=catalog())
    assert easy.guidance.level is GuidanceLevel.EASY
    assert str(tag) in easy.guidance.text or "race" in easy.guidance.text


def test_an_easy_run_or_a_hard_run_three_days_ago_changes_nothing(
        diary: Diary, paths: AppPaths) -> None:
    _ran(diary, 1, RunTag.EASY)
    _ran(diary, 3, RunTag.QUALITY)  # a full rest day (and more) since
    _, check = _due_on_monday(diary, paths)
    assert check.hard_run is None and check.too_soon is None
    # Mild pain in a run without a hard run to count: the guidance of the
    # readiness check alone, as before runs were read.
    go = session_to_run(check, _mild_pain_in_a_run(), lighter=False, catalog=catalog())
    assert go.guidance.level is GuidanceLevel.GO


def test_two_days_before_is_a_full_rest_day(diary: Diary, paths: AppPaths) -> None:
    """Saturday's long run, Sunday off, Monday's Nordics: the rule's one rest day is kept
    (by local days, as between two heavy sessions)."""
    _ran(diary, 2, RunTag.LONG, hour=21)  # ends at 22:00 on Saturday
    _, check = _due_on_monday(diary, paths)
    assert check.hard_run is None and check.too_soon is None


def test_the_readiness_dialog_shows_what_the_start_will_run(
        qtbot: QtBot, diary: Diary, paths: AppPaths) -> None:
    """The dialog's guidance and the session it starts agree: both weigh the
    hard run (StartCheck.hard_run)."""
    _ran(diary, 1, RunTag.QUALITY)
    _, check = _due_on_monday(diary, paths)

    def preview(answers: ReadinessAnswers, lighter: bool) -> SessionToRun:
        return session_to_run(check, answers, lighter=lighter, catalog=catalog())

    dialog = ReadinessDialog(check.plan.title, preview=preview, hard_run=check.hard_run)
    qtbot.addWidget(dialog)
    dialog.run_pain_buttons[PainLevel.MILD].setChecked(True)
    assert dialog.guidance is not None and dialog.guidance.level is GuidanceLevel.EASY
    assert dialog.guidance.level is preview(dialog.answers(), False).guidance.level


def test_a_run_is_counted_on_the_day_it_ended(diary: Diary, paths: AppPaths) -> None:
    """A long run from 23:00 on Saturday ends on Sunday: Monday is the day after it."""
    _ran(diary, 2, RunTag.LONG, hour=23)
    _, check = _due_on_monday(diary, paths)
    assert check.hard_run == "long" and check.too_soon is not None
