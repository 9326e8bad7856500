"""The 48-hour rule, told as a coach tells it (issue 16 point 5): one full rest
day between two heavy hamstring sessions; only heavy work (Nordics, heavy
hinges) counts, on either side; the calendar decides, not the hour.

Each test writes the athlete's log day by day (tests/coaching_log.Diary),
then asks Today, the start path or `hamstride today` what it says."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.coaching import recovery
from app.coaching.session_builder import plan_for_slug
from app.kernel.paths import AppPaths
from app.logbook.custom_exercises import StepInput
from helpers.coaching_log import (
    FRI,
    MON,
    NORDIC,
    WED,
    Diary,
    catalog,
    day,
    open_diary,
    run_today_command,
    start_check,
    today_view,
)

diary = open_diary  # the fixture: the athlete's Diary, open for the test


def _nordic_weeks_one_to_three(diary: Diary) -> None:
    """The Nordic program on Mon/Wed/Fri from Monday 5 January: week 1's one
    session, week 2's two, and week 3's first on Monday 19 January at 19:00."""
    diary.follow("nordic-programme", day(0), [MON, WED, FRI])
    diary.trained(day(0), NORDIC, program="nordic-programme", program_day=1, reps=5, sets=2)
    diary.trained(day(7), NORDIC, program="nordic-programme", program_day=2, reps=6, sets=2)
    diary.trained(day(9), NORDIC, program="nordic-programme", program_day=3, reps=6, sets=2)
    diary.trained(day(14), NORDIC, hour=19, program="nordic-programme", program_day=4, reps=7)


def test_a_monday_wednesday_friday_plan_never_waits(diary: Diary, paths: AppPaths,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """Nordics on Monday evening, then on Wednesday at 7 in the morning: only
    about 35 hours later, but Tuesday was a full rest day, which is what the
    rule asks. Today says the session is due, with no wait."""
    _nordic_weeks_one_to_three(diary)
    wednesday_morning = diary.at(day(16), hour=7)
    last_end = day(14)
    assert (wednesday_morning.date() - last_end).days == 2  # Tuesday between
    view = today_view(paths, wednesday_morning)
    assert view.due is not None and view.too_soon is None
    lines = run_today_command(monkeypatch, capsys, paths, wednesday_morning)
    assert not any(line.startswith("Wait:") for line in lines)
    assert f"  Start it: hamstride session --program nordic-programme --day {view.due.day_number}" \
        in lines


def test_nordics_two_days_running_wait_first_then_say_how_to_start_anyway(
        diary: Diary, paths: AppPaths, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Nordics on Monday evening and the athlete opens Today on Tuesday
    morning: no rest day yet. Today says to wait, why, and from when; the
    command line says the wait first and only then how to start anyway -
    never a plain "Start it" under its own "Wait"."""
    _nordic_weeks_one_to_three(diary)
    tuesday = diary.at(day(15), hour=7)
    view = today_view(paths, tuesday)
    assert view.too_soon is not None and view.due is not None
    assert view.too_soon.title == "Heavy hamstring work done yesterday"
    assert "full rest day" in view.too_soon.text and "48 hours" in view.too_soon.text
    assert view.too_soon.numbers[1] == "heavy work again from: Wed 21 Jan 2026"
    assert not any("recovered in about" in line for line in view.too_soon.numbers)
    lines = run_today_command(monkeypatch, capsys, paths, tuesday)
    wait = next(i for i, line in enumerate(lines) if line.startswith("Wait:"))
    assert lines[wait + 1] == (f"  To start anyway: hamstride session --program nordic-programme "
                               f"--day {view.due.day_number} --anyway")
    assert not any(line.startswith("  Start it:") for line in lines)


def test_the_rule_is_one_rest_day_not_a_number_of_hours(diary: Diary, paths: AppPaths) -> None:
    """Nordics at 8 on Monday morning, the next at 23:00 on Tuesday: 39 hours,
    yet no rest day in between, so it waits; Wednesday at 00:30 it does not."""
    diary.follow("nordic-programme", day(0), [MON, WED, FRI])
    diary.trained(day(0), NORDIC, hour=8, program="nordic-programme", program_day=1, reps=5,
                  sets=2)
    assert today_view(paths, diary.at(day(1), hour=23)).too_soon is not None
    assert today_view(paths, diary.at(day(2), hour=0, minute=30)).too_soon is None
    assert recovery.REST_DAYS_BETWEEN_HEAVY == 1


def test_bridges_yesterday_do_not_hold_back_nordics_today(diary: Diary, paths: AppPaths) -> None:
    """Glute bridges on Monday (light work), the Nordic program's session on
    Tuesday: bridges do not count as heavy, so there is nothing to wait for."""
    diary.follow("nordic-programme", day(1), [1, 3, 5])
    diary.trained(day(0), "glute-bridge", reps=12)
    view = today_view(paths, diary.at(day(1), hour=7))
    assert view.due is not None and view.too_soon is None


def test_a_light_session_the_day_after_nordics_is_fine(diary: Diary, paths: AppPaths) -> None:
    """Nordics on Monday; on Tuesday the beginner program's bridges and
    single-leg deadlifts are due. Light work needs no rest day."""
    diary.trained(day(0), NORDIC, reps=5, sets=2)
    diary.follow("beginner-bodyweight", day(1), [1, 4])
    view = today_view(paths, diary.at(day(1), hour=7))
    assert view.due is not None and view.too_soon is None


def test_a_heavy_hinge_counts_like_nordics_on_every_start_path(diary: Diary,
                                                                paths: AppPaths) -> None:
    """Stiff-leg deadlifts on Monday evening; on Tuesday the athlete starts
    Nordics from the Library. The start path asks about the 48 hours as
    Today would; bridges from the Library the same day do not."""
    diary.trained(day(0), "stiff-leg-deadlift", load=60)
    tuesday = diary.at(day(1), hour=12)
    exercises = catalog()
    nordics = plan_for_slug(NORDIC, exercises, [])
    bridges = plan_for_slug("glute-bridge", exercises, [])
    assert nordics is not None and bridges is not None
    check = start_check(paths, nordics, tuesday)
    assert check.too_soon is not None and check.heavy == ("Nordic hamstring curl",)
    assert start_check(paths, bridges, tuesday).too_soon is None


def test_my_own_exercise_based_on_the_nordic_curl_counts_as_heavy(diary: Diary,
                                                                   paths: AppPaths) -> None:
    """The athlete duplicated the Nordic curl into "Partner Nordics" and did
    them on Monday: on Tuesday the Nordics wait, as after the library's own."""
    mine = diary.store.save_custom_exercise(
        slug=None, name="Partner Nordics", equipment=["anchor"], one_side="no",
        category="strength", level=None, steps=[StepInput("Lower slowly.")], based_on=NORDIC)
    diary.trained(day(0), mine.slug, reps=5, sets=2)
    nordics = plan_for_slug(NORDIC, catalog(), [])
    assert nordics is not None
    check = start_check(paths, nordics, diary.at(day(1), hour=12))
    assert check.too_soon is not None
    assert start_check(paths, nordics, diary.at(day(1), hour=12) + timedelta(days=1)).too_soon \
        is None
