"""app.usecases.week and Today's running week: the log's runs, planned week,
races and program read into the scheduler (app.coaching.running_week)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from app.coaching.book import ProgramBook
from app.coaching.running_week import RunRule, race_week_sets
from app.kernel.paths import AppPaths
from app.logbook.runs import PlannedDay, RunEntry, RunTag
from app.storage.queries import LogReader
from app.usecases.week import build_week, build_weeks
from helpers.coaching_log import MON, THU, Diary, catalog, day, open_diary, today_view

diary = open_diary  # the fixture: the athlete's Diary, open for the test
P = PlannedDay


def _week(paths: AppPaths, when_offset: int, *, weeks: int = 1, program: bool = True) -> list:
    reader = LogReader(paths.database)
    try:
        book = ProgramBook(catalog()) if program else None
        return build_weeks(reader, catalog(), book, day(when_offset), UTC, weeks=weeks)
    finally:
        reader.close()


def test_today_has_no_week_for_an_athlete_who_does_not_run(diary: Diary, paths: AppPaths) -> None:
    diary.follow("advanced", day(0), [MON, THU])
    view = today_view(paths, diary.at(day(0), 7))
    assert view.week is None and view.race is None


def test_today_places_the_programs_sessions_around_the_planned_runs(diary: Diary,
                                                                    paths: AppPaths) -> None:
    """Advanced on Monday and Thursday, intervals planned on Fridays: Thursday's
    session is the day before them, so it moves to Wednesday."""
    diary.follow("advanced", day(0), [MON, THU])
    diary.store.set_planned_week((P.REST, P.EASY, P.REST, P.REST, P.QUALITY, P.REST, P.REST))
    view = today_view(paths, diary.at(day(0), 7))
    assert view.week is not None and view.week.monday == day(0)
    placed = {d.day: d for d in view.week.days if d.strength is not None}
    assert sorted(placed) == [day(0), day(2)]
    wednesday = placed[day(2)]
    assert wednesday.strength is not None and wednesday.strength.moved_from == day(3)
    assert wednesday.strength.heavy and wednesday.strength.program_day == 2
    assert wednesday.strength.label == "Week 1 · session 2 of 2"
    assert wednesday.placed_by is RunRule.NO_HEAVY_BEFORE_HARD_RUN
    assert view.week.days[3].in_window and view.week.days[3].strength is None
    assert view.race is None


def test_runs_done_and_sessions_done_come_from_the_log(diary: Diary, paths: AppPaths) -> None:
    """A long run done on Tuesday morning and Monday's session done: the
    week shows both, and Thursday's heavy session stays (a rest day between)."""
    diary.follow("advanced", day(0), [MON, THU])
    diary.trained(day(0), "romanian-deadlift", program="advanced", program_day=1)
    diary.at(day(1), 12)
    start = datetime(2026, 1, 6, 7, tzinfo=UTC)
    diary.store.add_runs([RunEntry(started_at=start, duration_s=7200.0, tag=RunTag.LONG,
                                   tag_guessed=False, distance_m=25_000.0)])
    (week,) = _week(paths, 1)
    assert week.days[0].strength is not None and week.days[0].strength.done
    assert week.days[0].strength.heavy
    (run,) = week.days[1].runs
    assert run.kind is RunTag.LONG and run.done is not None and not run.planned
    assert week.days[0].in_window  # the day before the long run
    assert week.days[3].strength is not None and week.days[3].strength.placed
    assert week.days[2].placed_by is RunRule.HARD_RUN_COUNTS


def test_without_a_program_the_week_shows_runs_and_windows_and_places_nothing(
        diary: Diary, paths: AppPaths) -> None:
    diary.store.set_planned_week((P.REST, P.QUALITY, P.REST, P.REST, P.REST, P.REST, P.LONG))
    reader = LogReader(paths.database)
    try:
        week = build_week(reader, catalog(), ProgramBook(catalog()), day(0), UTC)
    finally:
        reader.close()
    assert [d.in_window for d in week.days] == [True, False, False, False, False, True, False]
    assert all(d.strength is None for d in week.days)
    assert week.note is not None and "No program followed" in week.note


def test_race_week_halves_the_sets_of_todays_session(diary: Diary, paths: AppPaths) -> None:
    """A race on Sunday: on Monday, Today's session runs at half the sets,
    and its lines say so."""
    diary.follow("advanced", day(0), [MON, THU])
    diary.store.add_race(day(6), "City 10K")
    view = today_view(paths, diary.at(day(0), 7))
    assert view.race is not None and view.race.name == "City 10K"
    assert view.week is not None and view.week.race_week
    full = dataclasses.replace(view, race=None).plan(catalog())
    half = view.plan(catalog())
    full_main = next(b for b in full.blocks if b.name == "main").items
    half_main = next(b for b in half.blocks if b.name == "main").items
    assert [i.sets for i in half_main] == [race_week_sets(i.sets) for i in full_main]
    assert any(i.sets > h.sets for i, h in zip(full_main, half_main, strict=True))
    assert half.title.endswith("(race week: half the sets)")
    rdl = next(line for line in view.lines if line.slug == "romanian-deadlift")
    full_rdl = next(i for i in full_main if i.slug == "romanian-deadlift")
    assert rdl.dose.startswith(f"{race_week_sets(full_rdl.sets)} ×")
    # The week before the race is not race week.
    assert build_week_race(paths, -7) is False


def build_week_race(paths: AppPaths, offset: int) -> bool:
    (week,) = _week(paths, offset)
    return week.race_week and any(
        d.strength is not None and d.strength.half_volume for d in week.days)


def test_weeks_in_a_row_for_the_calendar(diary: Diary, paths: AppPaths) -> None:
    diary.follow("advanced", day(0), [MON, THU])
    weeks = _week(paths, 0, weeks=4)
    assert [w.monday for w in weeks] == [day(7 * i) for i in range(4)]
    assert [[d.day for d in w.days if d.strength] for w in weeks] == [
        [day(7 * i), day(7 * i + 3)] for i in range(4)]
    assert weeks[1].days[0].strength is not None
    assert weeks[1].days[0].strength.label == "Week 2 · session 1 of 2"
    start = day(0) - timedelta(days=1)
    assert all(w.monday > start for w in weeks)


def test_a_missed_session_is_the_one_the_next_program_day_holds(diary: Diary,
                                                                paths: AppPaths) -> None:
    """Monday's session missed, it is Tuesday: Thursday holds session 1, the
    one Today has due, not session 2 the calendar first put there."""
    diary.follow("advanced", day(0), [MON, THU])
    diary.store.set_planned_week((P.EASY,) + (P.REST,) * 6)
    view = today_view(paths, diary.at(day(1), 7))
    assert view.due is not None and view.due.day_number == 1
    assert view.week is not None
    (placed,) = [d for d in view.week.days if d.strength is not None]
    assert placed.day == day(3) and placed.strength is not None
    assert placed.strength.program_day == 1
    assert placed.strength.label == "Week 1 · session 1 of 2"
    # The next weeks go on from there: Monday holds session 2.
    weeks = _week(paths, 1, weeks=2)
    assert weeks[1].days[0].strength is not None
    assert weeks[1].days[0].strength.program_day == 2
