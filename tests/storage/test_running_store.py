"""The running week in the log (schema v11, issue 18): runs added all or
nothing and once whatever file they came from, the athlete's tag, delete
and undo, the planned week, races, body weight, and the reader's questions."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy.exc import IntegrityError

from app.kernel.clock import FakeClock
from app.logbook.runs import PlannedDay, RunEntry, RunRefusal, RunTag, Sport
from app.storage import running
from app.storage.running import RUN_SAME_START_S, RunsAdded, same_run
from app.storage.store import Store

EASY_WEEK = (PlannedDay.EASY, PlannedDay.QUALITY, PlannedDay.REST, PlannedDay.EASY,
             PlannedDay.REST, PlannedDay.LONG, PlannedDay.REST)


def _start(clock: FakeClock, days_ago: float = 1) -> datetime:
    return clock.now() - timedelta(days=days_ago)


def _fit(start: datetime, **fields: object) -> RunEntry:
    values: dict[str, object] = {"duration_s": 3600.0, "sport": Sport.RUN, "distance_m": 10_000.0,
                                 "elevation_gain_m": 40.0, "average_heart_rate": 148,
                                 "tag": RunTag.EASY, "source": "fit", "title": "Morning run"}
    values.update(fields)
    return RunEntry(start, **values)  # type: ignore[arg-type]


def _rows(store: Store, sql: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(store.db_path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


# -- identity: a run is one run whatever file it came from --------------------------


def test_the_same_run_from_two_files_90_s_apart_is_stored_once(store: Store,
                                                               clock: FakeClock) -> None:
    start = _start(clock)
    first = store.add_runs([_fit(start)])
    assert len(first.added) == 1 and first.already == []
    strava = _fit(start + timedelta(seconds=90), source="strava", duration_s=3570.0,
                  tag=RunTag.LONG, title="Sunday long run")
    again = store.add_runs([strava])
    assert again == RunsAdded(added=[], already=[strava])
    assert store.reader.count_runs() == 1
    # The run stored first stays as it was: nothing of the second file overwrote it.
    assert store.reader.list_runs() == first.added


def test_two_runs_121_s_apart_are_two_and_120_s_is_the_edge(store: Store,
                                                            clock: FakeClock) -> None:
    assert RUN_SAME_START_S == 120
    start = _start(clock)
    assert same_run(start, start + timedelta(seconds=120))
    assert same_run(start + timedelta(seconds=120), start)
    assert not same_run(start, start + timedelta(seconds=121))
    store.add_runs([_fit(start)])
    assert store.add_runs([_fit(start - timedelta(seconds=120))]).added == []
    later = store.add_runs([_fit(start + timedelta(seconds=121))])
    assert [r.started_at for r in later.added] == [start + timedelta(seconds=121)]
    assert store.reader.count_runs() == 2


def test_duplicates_within_one_batch_collapse(store: Store, clock: FakeClock) -> None:
    start = _start(clock)
    watch, phone = _fit(start), _fit(start + timedelta(seconds=30), source="gpx")
    evening = _fit(start + timedelta(hours=9))
    result = store.add_runs([watch, phone, evening, _fit(start + timedelta(hours=9, seconds=-5))])
    assert [r.started_at for r in result.added] == [start, start + timedelta(hours=9)]
    assert result.already == [phone, _fit(start + timedelta(hours=9, seconds=-5))]
    assert store.reader.count_runs() == 2
    assert store.add_runs([]) == RunsAdded(added=[], already=[])


def test_the_dry_run_can_ask_the_same_question_of_the_reader(store: Store,
                                                             clock: FakeClock) -> None:
    """What the importer's --dry-run does: read the runs near a start and ask same_run."""
    start = _start(clock)
    store.add_runs([_fit(start)])
    margin = timedelta(seconds=RUN_SAME_START_S, microseconds=1)

    def already(entry: RunEntry) -> bool:
        near = store.reader.runs_between(entry.started_at - margin, entry.started_at + margin)
        return any(same_run(r.started_at, entry.started_at) for r in near)

    assert already(_fit(start + timedelta(seconds=120)))
    assert not already(_fit(start + timedelta(seconds=121)))
    assert not already(_fit(start - timedelta(seconds=121)))


# -- all or nothing ----------------------------------------------------------------


def test_one_refused_entry_and_nothing_is_written(store: Store, clock: FakeClock) -> None:
    start = _start(clock, days_ago=3)
    good = [_fit(start), _fit(start + timedelta(days=1))]
    for bad in (_fit(start + timedelta(days=2), average_heart_rate=300),
                _fit(start + timedelta(days=2), duration_s=48 * 3600 + 1),
                _fit(datetime(2026, 1, 1, 7, 0), duration_s=600)):
        with pytest.raises(RunRefusal):
            store.add_runs([*good, bad])
    assert store.reader.count_runs() == 0
    assert store.add_runs(good).added != []


def test_a_failure_halfway_through_the_write_leaves_nothing(
        store: Store, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    """The unit of work itself is all or nothing: a row the database refuses
    (here past a validator switched off) takes the rows before it with it."""
    monkeypatch.setattr(running, "validate_run", lambda entry, now: None)
    start = _start(clock, days_ago=3)
    with pytest.raises(IntegrityError, match="CHECK constraint failed"):
        store.add_runs([_fit(start), _fit(start + timedelta(days=1), duration_s=0.0)])
    assert store.reader.count_runs() == 0


def test_the_future_is_the_stores_clock(store: Store, clock: FakeClock) -> None:
    soon = clock.now() + timedelta(minutes=5, seconds=30)
    with pytest.raises(RunRefusal) as refused:
        store.add_runs([_fit(soon, duration_s=600.0)])
    assert refused.value.field == "started_at"
    clock.advance(30)
    assert len(store.add_runs([_fit(soon, duration_s=600.0)]).added) == 1


# -- what is stored ----------------------------------------------------------------


def test_a_run_reads_back_as_stored_and_nothing_missing_becomes_a_number(
        store: Store, clock: FakeClock) -> None:
    tokyo = timezone(timedelta(hours=9))
    start = _start(clock).astimezone(tokyo)
    typed = RunEntry(start, 1800.0, source="typed", title="Easy jog")
    (record,) = store.add_runs([typed]).added
    assert record.started_at == start and record.started_at.tzinfo == UTC
    assert record.entry.duration_s == 1800.0 and record.tag is RunTag.UNKNOWN
    assert store.reader.list_runs() == [record]  # SQL reads what the write returned
    assert _rows(store, "SELECT distance_m, elevation_gain_m, average_heart_rate, tag_guessed "
                        "FROM run") == [(None, None, None, 1)]
    (fit,) = store.add_runs([_fit(start + timedelta(hours=5), sport=Sport.TRAIL_RUN)]).added
    assert store.reader.list_runs()[0] == fit
    assert (fit.entry.sport, fit.entry.distance_m, fit.entry.elevation_gain_m,
            fit.entry.average_heart_rate) == (Sport.TRAIL_RUN, 10_000.0, 40.0, 148)


def test_the_athletes_tag_is_kept_and_no_longer_a_guess(store: Store, clock: FakeClock) -> None:
    start = _start(clock)
    (run,) = store.add_runs([_fit(start, tag=RunTag.EASY, tag_guessed=True)]).added
    tagged = store.set_run_tag(run.id, RunTag.QUALITY)
    assert (tagged.tag, tagged.entry.tag_guessed) == (RunTag.QUALITY, False)
    assert tagged.entry == dataclasses.replace(run.entry, tag=RunTag.QUALITY, tag_guessed=False)
    assert store.reader.list_runs() == [tagged]
    # Importing the same run again (its file guesses "easy") leaves the athlete's tag.
    assert store.add_runs([_fit(start + timedelta(seconds=3))]).added == []
    assert store.reader.list_runs() == [tagged]
    with pytest.raises(LookupError):
        store.set_run_tag(run.id + 1, RunTag.EASY)


def test_a_deleted_run_comes_back_with_undo(store: Store, clock: FakeClock) -> None:
    start = _start(clock)
    first, second = store.add_runs([_fit(start), _fit(start + timedelta(hours=6))]).added
    deleted = store.delete_run(first.id)
    assert deleted == first
    assert store.reader.list_runs() == [second]
    store.restore_run(deleted)
    assert store.reader.list_runs() == [second, first]  # id and all
    with pytest.raises(LookupError):
        store.delete_run(second.id + 10)
    assert store.reader.count_runs() == 2


# -- the reader's questions ----------------------------------------------------------


def test_runs_between_includes_its_start_and_excludes_its_end(store: Store,
                                                              clock: FakeClock) -> None:
    monday = datetime(2025, 12, 29, tzinfo=UTC)
    starts = [monday + timedelta(days=d, hours=7) for d in (0, 2, 7)]
    store.add_runs([_fit(s) for s in reversed(starts)])
    assert [r.started_at for r in store.reader.runs_between(starts[0], starts[2])] == starts[:2]
    tick = timedelta(microseconds=1)
    assert [r.started_at for r in store.reader.runs_between(starts[0] + tick, starts[2] + tick)] \
        == starts[1:]
    assert store.reader.runs_between(monday, monday + timedelta(days=7)) == \
        sorted(store.reader.list_runs(), key=lambda r: r.started_at)[:2]
    # Newest first, and a limit takes the newest.
    assert [r.started_at for r in store.reader.list_runs()] == starts[::-1]
    assert [r.started_at for r in store.reader.list_runs(limit=1)] == starts[2:]
    assert store.reader.count_runs() == 3


def test_has_running_when_a_run_a_planned_run_or_a_race_is_there(store: Store,
                                                                 clock: FakeClock) -> None:
    assert not store.reader.has_running()
    store.set_planned_week([PlannedDay.REST] * 7)
    assert not store.reader.has_running()  # a week of rest is no running
    store.set_planned_week([PlannedDay.EASY] + [PlannedDay.REST] * 6)
    assert store.reader.has_running()
    store.set_planned_week([PlannedDay.REST] * 7)
    race = store.add_race(date(2026, 5, 3), "Spring 10k")
    assert store.reader.has_running()
    store.delete_race(race.id)
    assert not store.reader.has_running()
    (run,) = store.add_runs([_fit(_start(clock))]).added
    assert store.reader.has_running()
    store.delete_run(run.id)
    assert not store.reader.has_running()


# -- the planned week ------------------------------------------------------------


def test_the_planned_week_round_trips_and_is_all_rest_until_set(store: Store) -> None:
    assert store.reader.planned_week() == (PlannedDay.REST,) * 7
    store.set_planned_week(EASY_WEEK)
    assert store.reader.planned_week() == EASY_WEEK
    changed = (PlannedDay.REST, *EASY_WEEK[1:6], PlannedDay.RACE)
    store.set_planned_week(list(changed))
    assert store.reader.planned_week() == changed
    for wrong in (EASY_WEEK[:6], (*EASY_WEEK, PlannedDay.EASY), ()):
        with pytest.raises(RunRefusal) as refused:
            store.set_planned_week(wrong)
        assert refused.value.field == "weekday"
    with pytest.raises(RunRefusal):
        store.set_planned_week([*EASY_WEEK[:6], "intervals"])  # type: ignore[list-item]
    assert store.reader.planned_week() == changed  # a refused week changed nothing


# -- races -------------------------------------------------------------------------


def test_races_by_day_from_a_day_on(store: Store) -> None:
    autumn = store.add_race(date(2026, 10, 4), "  Autumn   marathon ")
    spring = store.add_race(date(2026, 4, 12), "City half")
    assert autumn.name == "Autumn marathon" and autumn.day == date(2026, 10, 4)
    assert store.reader.races() == [spring, autumn]
    assert store.reader.races(since=date(2026, 4, 12)) == [spring, autumn]  # inclusive
    assert store.reader.races(since=date(2026, 4, 13)) == [autumn]
    for name in ("", "  ", "x" * 81):
        with pytest.raises(RunRefusal):
            store.add_race(date(2026, 6, 1), name)
    store.delete_race(spring.id)
    assert store.reader.races() == [autumn]
    with pytest.raises(LookupError):
        store.delete_race(spring.id)


# -- body weight ----------------------------------------------------------------------


def test_one_body_weight_per_day_and_the_latest_on_or_before_a_day(store: Store) -> None:
    assert store.reader.body_weight_on(date(2026, 3, 1)) is None
    first = store.set_body_weight(date(2026, 3, 1), 70.0)
    third = store.set_body_weight(date(2026, 3, 3), 72.0)
    again = store.set_body_weight(date(2026, 3, 1), 71.25)  # replaces that day's
    assert (again.id, again.day, again.kg) == (first.id, date(2026, 3, 1), 71.25)
    assert store.reader.body_weights() == [again, third]
    assert store.reader.body_weight_on(date(2026, 2, 28)) is None
    assert store.reader.body_weight_on(date(2026, 3, 1)) == 71.25
    assert store.reader.body_weight_on(date(2026, 3, 2)) == 71.25
    assert store.reader.body_weight_on(date(2026, 3, 3)) == 72.0
    assert store.reader.body_weight_on(date(2027, 1, 1)) == 72.0
    for kg in (19.9, 400.1, float("nan")):
        with pytest.raises(RunRefusal):
            store.set_body_weight(date(2026, 3, 1), kg)
    assert store.reader.body_weights() == [again, third]  # a refused weight changed nothing
    store.delete_body_weight(third.id)
    assert store.reader.body_weights() == [again]
    with pytest.raises(LookupError):
        store.delete_body_weight(third.id)


def test_runs_are_read_a_page_at_a_time_after_the_last_one_shown(
        store: Store, clock: FakeClock) -> None:
    """The Runs tab's pages (LogReader.list_runs with ``before``): each page
    the next older runs, none twice, none left out, as one read of them all."""
    store.add_runs([_fit(_start(clock, days_ago=day)) for day in range(1, 8)])
    every = store.reader.list_runs()
    pages, before = [], None
    while True:
        page = store.reader.list_runs(limit=3, before=before)
        pages.append(page)
        if len(page) < 3:
            break
        before = (page[-1].started_at, page[-1].id)
    assert [len(page) for page in pages] == [3, 3, 1]
    assert [run for page in pages for run in page] == every
    assert [run.started_at for run in every] == sorted((r.started_at for r in every), reverse=True)
