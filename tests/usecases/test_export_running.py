"""The running week travels with the JSON export to a new laptop (issue 18).

Since schema v11 the log holds runs, the planned running week, races and
body weights. The JSON export (format version 3) carries them and an import
puts them back exactly: every tag, guessed or the athlete's own, every
number, and what the file did not have (distance, climb, heart rate) still
None. The same export imported twice adds nothing; a run is the same run by
its start (same_run), whatever else an edited file says of it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from app.exchange import read_import
from app.exchange.plan import prepare_import
from app.exchange.writer import ImportResult, apply_import, running_parts
from app.kernel.clock import FakeClock
from app.kernel.paths import resolve_paths
from app.logbook.entries import SetEntry
from app.logbook.runs import PlannedDay, RunEntry, RunTag, Sport
from app.storage.running import RUN_SAME_START_S
from app.storage.store import Store
from app.usecases.export import EXPORT_FORMAT_VERSION, export_csv, export_data, export_json
from helpers.cli_run import run

MONDAY = datetime(2025, 12, 1, 6, 30, 0, 125_000, tzinfo=UTC)
WEEK = (PlannedDay.EASY, PlannedDay.QUALITY, PlannedDay.REST, PlannedDay.EASY,
        PlannedDay.REST, PlannedDay.LONG, PlannedDay.RACE)


def _runs() -> list[RunEntry]:
    """A run of every tag, guessed and the athlete's own, with and without the
    numbers a file may lack, and a distance that is no round number."""
    day = timedelta(days=1)
    return [
        RunEntry(MONDAY, 1800.5, Sport.RUN, 5012.37, 41.2, 142, RunTag.EASY, True, "fit",
                 "Morning Run"),
        RunEntry(MONDAY + day, 3000.0, Sport.TRACK, 10000.0, None, 171, RunTag.QUALITY, False,
                 "gpx", "6 x 800 m"),
        RunEntry(MONDAY + 2 * day, 2700.0, Sport.TREADMILL, None, None, None, RunTag.UNKNOWN,
                 True, "garmin-csv", ""),
        RunEntry(MONDAY + 5 * day, 7260.25, Sport.TRAIL_RUN, 21097.5, 812.0, None, RunTag.LONG,
                 False, "strava", "Sunday long run, hills"),
        RunEntry(MONDAY + 6 * day, 2520.0, Sport.RUN, 10000.0, 12.5, 178, RunTag.RACE, True,
                 "tcx", "Parkrun 10k"),
    ]


def running_log(store: Store) -> None:
    """A log of strength sessions and the running week beside them."""
    session = store.start_session(title="Nordics")
    store.log_set(session.id, SetEntry("nordic-hamstring-curl", 1, reps=5, load=0.0))
    store.end_session(session.id)
    store.add_runs(_runs())
    store.set_planned_week(WEEK)
    store.add_race(date(2026, 4, 19), "Spring half marathon")
    store.add_race(date(2026, 6, 7), "Club 10k")
    store.set_body_weight(date(2025, 12, 1), 72.45)
    store.set_body_weight(date(2025, 12, 8), 71.9)


def _everything(store: Store) -> tuple[Any, ...]:
    """The running week as the log gives it back, without the local ids."""
    reader = store.reader
    return ([r.entry for r in reversed(reader.list_runs())], reader.planned_week(),
            [(r.day, r.name) for r in reader.races()],
            [(w.day, w.kg) for w in reader.body_weights()])


@pytest.fixture
def other_laptop(tmp_path: Path, clock: FakeClock) -> Iterator[Store]:
    """An empty data folder, as on the new laptop."""
    from app.kernel.paths import prepare_dirs

    paths = resolve_paths(tmp_path / "new-laptop")
    prepare_dirs(paths)
    opened, _report = Store.open(paths, clock)
    yield opened
    opened.close()


def _import(store: Store, path: Path) -> ImportResult:
    return apply_import(store, prepare_import(read_import(path), {}, store.reader.session_uids()))


def test_the_running_week_round_trips_through_the_json_export(
        store: Store, other_laptop: Store, tmp_path: Path) -> None:
    running_log(store)
    exported = tmp_path / "export.json"
    export_json(store.reader, exported)
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert document["format_version"] == EXPORT_FORMAT_VERSION == 3
    # Written as the export writes everything: UTC ending in Z, null where nothing was given.
    assert document["runs"][2] == {
        "started_at": "2025-12-03T06:30:00.125000Z", "duration_s": 2700.0,
        "sport": "treadmill", "distance_m": None, "elevation_gain_m": None,
        "average_heart_rate": None, "tag": "unknown", "tag_guessed": True,
        "source": "garmin-csv", "title": ""}
    assert document["planned_week"] == ["easy", "quality", "rest", "easy", "rest", "long",
                                        "race"]
    assert document["races"][0] == {"day": "2026-04-19", "name": "Spring half marathon"}
    assert document["body_weights"] == [{"day": "2025-12-01", "kg": 72.45},
                                        {"day": "2025-12-08", "kg": 71.9}]

    result = _import(other_laptop, exported)
    assert (result.sessions_added, result.runs_added, result.runs_skipped) == (1, 5, 0)
    assert (result.races_added, result.body_weights_added, result.planned_week_added) \
        == (2, 2, True)
    assert _everything(other_laptop) == _everything(store)
    runs = [r.entry for r in reversed(other_laptop.reader.list_runs())]
    assert runs == _runs()  # every field, None stays None, the tag and its guess as they were
    assert [r.tag_guessed for r in runs] == [True, False, True, False, True]
    assert runs[2].distance_m is None and runs[2].average_heart_rate is None
    # Exported again from the new laptop: the same file, but for the app's version.
    assert {k: v for k, v in export_data(other_laptop.reader).items() if k != "settings"} \
        == {k: v for k, v in document.items() if k != "settings"}


def test_importing_the_same_export_twice_adds_nothing(
        store: Store, other_laptop: Store, tmp_path: Path) -> None:
    running_log(store)
    exported = tmp_path / "export.json"
    export_json(store.reader, exported)
    _import(other_laptop, exported)
    before = _everything(other_laptop)

    second = _import(other_laptop, exported)
    assert (second.runs_added, second.runs_skipped) == (0, 5)
    assert (second.races_added, second.races_skipped) == (0, 2)
    assert (second.body_weights_added, second.body_weights_skipped) == (0, 2)
    # The week now in the log is the athlete's: kept, and the summary says so.
    assert (second.planned_week_added, second.planned_week_kept) == (False, True)
    assert not second.running_added
    assert _everything(other_laptop) == before
    assert running_parts(second) == [
        "5 runs already in the log",
        "your planned running week kept (the file's was not imported)",
        "2 races already in the log", "2 days kept the body weight already in the log"]


def test_a_run_is_the_same_run_by_its_start_and_keeps_the_athletes_tag(
        store: Store, other_laptop: Store, tmp_path: Path) -> None:
    """On the new laptop the athlete imported the watch's file of Monday's run
    (a few seconds off) and tagged it; the export then brings Monday's run
    again: it is the same run, and the athlete's tag stays."""
    running_log(store)
    exported = tmp_path / "export.json"
    export_json(store.reader, exported)
    monday = _runs()[0]
    near = RunEntry(monday.started_at + timedelta(seconds=RUN_SAME_START_S), 1795.0,
                    source="fit")
    far = RunEntry(monday.started_at - timedelta(seconds=RUN_SAME_START_S + 1), 600.0)
    [mine, _far] = other_laptop.add_runs([near, far]).added
    other_laptop.set_run_tag(mine.id, RunTag.QUALITY)

    result = _import(other_laptop, exported)
    assert (result.runs_added, result.runs_skipped) == (4, 1)
    stored = {r.started_at: r.entry for r in other_laptop.reader.list_runs()}
    assert stored[near.started_at].tag is RunTag.QUALITY
    assert stored[near.started_at].tag_guessed is False
    assert monday.started_at not in stored
    assert far.started_at in stored  # 121 s apart: two runs


def test_the_csv_export_stays_a_table_of_sets(store: Store, tmp_path: Path) -> None:
    running_log(store)
    path = tmp_path / "sets.csv"
    assert export_csv(store.reader, path) == 1
    assert len(path.read_text(encoding="utf-8").splitlines()) == 2  # the header and the set


def test_the_import_command_says_what_it_did_with_the_running_week(
        capsys: pytest.CaptureFixture[str], store: Store, tmp_path: Path) -> None:
    """`hamstride export --format json`, then `hamstride import` of it into a new
    log and again into the log it came from."""
    running_log(store)
    exported = tmp_path / "export.json"
    code, _out, err = run(capsys, "--data-dir", str(store.db_path.parent), "export", "--format",
                          "json", "-o", str(exported))
    assert code == 0, err
    code, out, err = run(capsys, "--data-dir", str(tmp_path / "fresh"), "import", str(exported))
    assert code == 0, err
    assert "Running week: 5 runs added; the planned running week set; 2 races added; " \
           "2 body weights added." in out
    code, out, err = run(capsys, "--data-dir", str(store.db_path.parent), "import",
                         str(exported))
    assert code == 0, err
    assert "Running week: 5 runs already in the log" in out
    assert "2 days kept the body weight already in the log." in out
    assert "Nothing new" in out
