"""`hamstride week`, `week plan`, `week race`, `plan --ics`, and the running
week in `hamstride today --json` (issue 18, points 2, 4 and 8)."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import app.cli.common
from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.logbook.runs import PlannedDay
from app.storage.queries import LogReader
from app.storage.store import Store
from helpers.cli_run import run
from helpers.export_targets import named_pipe

UTC = ZoneInfo("UTC")
NOW = datetime(2027, 4, 12, 7, 0, tzinfo=UTC)  # Monday 12 April 2027, 07:00
MONDAY = date(2027, 4, 12)


@pytest.fixture
def pinned(monkeypatch: pytest.MonkeyPatch) -> datetime:
    monkeypatch.setattr(app.cli.common, "now", lambda: NOW)
    return NOW


@pytest.fixture
def follower(paths: AppPaths) -> AppPaths:
    """Advanced on Monday and Thursday from this Monday."""
    store, _ = Store.open(paths, FakeClock(NOW))
    store.enrol("advanced", MONDAY, [0, 3])
    store.close()
    return paths


def _planned(paths: AppPaths) -> tuple[PlannedDay, ...]:
    reader = LogReader(paths.database)
    try:
        return reader.planned_week()
    finally:
        reader.close()


def _cli(capsys: pytest.CaptureFixture[str], paths: AppPaths, *argv: str) -> tuple[int, str, str]:
    return run(capsys, "--data-dir", str(paths.data_dir), *argv)


def test_week_plan_stores_the_planned_week_and_week_shows_it(
        paths: AppPaths, pinned: datetime, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _cli(capsys, paths, "week", "plan", "mon=easy", "tue=quality",
                          "Thursday=quality", "sun=long")
    assert (code, err) == (0, "")
    assert out.strip() == ("Planned week: mon=easy tue=quality wed=rest thu=quality fri=rest "
                           "sat=rest sun=long")
    assert _planned(paths) == (PlannedDay.EASY, PlannedDay.QUALITY, PlannedDay.REST,
                               PlannedDay.QUALITY, PlannedDay.REST, PlannedDay.REST,
                               PlannedDay.LONG)
    code, out, err = _cli(capsys, paths, "week")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "Week of Mon 12 Apr 2027"
    assert lines[1] == ("  Mon 12 Apr 2027: easy run planned · no heavy work (48 h before a "
                        "hard run)  <- today")
    assert "Note: No program followed" in out
    code, out, _err = _cli(capsys, paths, "week", "--json")
    data = json.loads(out)
    assert data["planned_week"]["tue"] == "quality" and data["monday"] == "2027-04-12"
    assert [d["in_window"] for d in data["days"]] == [True, False, True, False, False, True,
                                                      False]
    assert all(d["strength"] is None for d in data["days"])


@pytest.mark.parametrize("bad", ["mon", "xyz=easy", "mon=tempo", "mo=easy"])
def test_a_planned_week_that_cannot_be_read_is_one_line_and_writes_nothing(
        paths: AppPaths, pinned: datetime, capsys: pytest.CaptureFixture[str], bad: str) -> None:
    code, out, err = _cli(capsys, paths, "week", "plan", "tue=quality", bad)
    assert code == 1 and out == "" and err.count("\n") == 1
    assert err.startswith("hamstride: week plan: ") and "nothing was written" in err
    assert not paths.database.exists()  # refused before the log was even opened


def test_the_same_day_twice_is_refused(paths: AppPaths, pinned: datetime,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = _cli(capsys, paths, "week", "plan", "tue=quality", "tue=easy")
    assert code == 1 and "Tue is given twice" in err


def test_races_are_added_listed_and_removed(paths: AppPaths, pinned: datetime,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _cli(capsys, paths, "week", "race", "add", "2027-04-18", "City Marathon")
    assert (code, err) == (0, "")
    assert out.strip() == "Race #1 added: City Marathon on Sun 18 Apr 2027."
    code, out, _err = _cli(capsys, paths, "week", "--json")
    data = json.loads(out)
    assert data["races"] == [{"id": 1, "day": "2027-04-18", "name": "City Marathon"}]
    assert data["race_week"] is True
    assert data["days"][6]["runs"][0]["race"]["name"] == "City Marathon"
    code, out, err = _cli(capsys, paths, "week", "race", "remove", "1")
    assert (code, out.strip(), err) == (0, "Race #1 removed.", "")
    code, out, err = _cli(capsys, paths, "week", "race", "remove", "1")
    assert code == 1 and "there is no race #1" in err
    code, out, err = _cli(capsys, paths, "week", "race", "add", "2027-04-18", "  ")
    assert code == 1 and "a race needs a name" in err


def test_today_json_explains_each_placement_by_its_rule(
        follower: AppPaths, pinned: datetime, capsys: pytest.CaptureFixture[str]) -> None:
    """Intervals on Fridays: Thursday's session is the day before them, so it
    moves to Wednesday, and `today --json` says by which rule and why."""
    assert _cli(capsys, follower, "week", "plan", "fri=quality")[0] == 0
    code, out, err = _cli(capsys, follower, "today", "--json")
    assert code == 0 and err == ""
    week = {d["date"]: d for d in json.loads(out)["week"]}
    wednesday, thursday = week["2027-04-14"], week["2027-04-15"]
    assert wednesday["strength"]["placed"] and wednesday["strength"]["moved_from"] == "2027-04-15"
    assert wednesday["placed_by"] == "no-heavy-48h-before-hard-run"
    assert wednesday["reason"].startswith("Moved from Thursday: Friday's quality run follows")
    assert "coaching convention" in wednesday["reason"]
    assert {s["id"] for s in wednesday["sources"]} >= {"twist2005", "braun2003"}
    assert any("Twist C, Eston R. 2005" in s["citation"] for s in wednesday["sources"])
    assert thursday["in_window"] and thursday["strength"] is None
    assert week["2027-04-16"]["runs"] == [{"kind": "quality", "planned": True, "done": None,
                                           "race": None}]
    assert week["2027-04-12"]["status"] == "planned"  # the strip's own fields stay
    code, out, _err = _cli(capsys, follower, "today")
    assert "Around your runs (see 'hamstride week'):" in out
    assert "why: Moved from Thursday" in out


def test_today_json_without_running_has_empty_days(
        follower: AppPaths, pinned: datetime, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(_cli(capsys, follower, "today", "--json")[1])
    assert data["week_bent"] == [] and data["week_note"] is None and data["race_week"] is None
    assert all(d["runs"] == [] and d["placed_by"] is None for d in data["week"])


def _events(path: Path) -> dict[str, dict[str, str]]:
    from icalendar import Calendar

    calendar = Calendar.from_ical(path.read_bytes())
    return {str(e["uid"]): {"summary": str(e["summary"]),
                            "description": str(e.get("description", "")),
                            "start": e.decoded("dtstart").isoformat()}
            for e in calendar.walk("VEVENT")}


def test_plan_ics_writes_the_sessions_and_runs_with_stable_uids(
        follower: AppPaths, pinned: datetime, capsys: pytest.CaptureFixture[str],
        tmp_path: Path) -> None:
    assert _cli(capsys, follower, "week", "plan", "fri=quality")[0] == 0
    first, second = tmp_path / "week.ics", tmp_path / "again.ics"
    code, out, err = _cli(capsys, follower, "plan", "--ics", str(first), "--weeks", "2")
    assert (code, err) == (0, "")
    assert out.strip() == (f"Wrote 4 strength sessions and 2 planned runs (2 weeks from Mon 12 "
                           f"Apr 2027) to {first}")
    events = _events(first)
    strength = {uid: e for uid, e in events.items() if uid.startswith("strength-")}
    runs = {uid: e for uid, e in events.items() if uid.startswith("run-")}
    assert len(strength) == 4 and len(runs) == 2
    moved = next(e for e in strength.values() if e["start"] == "2027-04-14")
    assert moved["summary"] == "Strength: Week 1 · session 2 of 2"
    assert moved["description"].startswith("Moved from Thursday: Friday's quality run follows")
    assert sorted((e["start"], e["summary"]) for e in runs.values()) == [
        ("2027-04-16", "Quality run (tempo or intervals)"),
        ("2027-04-23", "Quality run (tempo or intervals)")]
    assert _cli(capsys, follower, "plan", "--ics", str(second), "--weeks", "2")[0] == 0
    assert set(_events(second)) == set(events)  # the same UIDs: a re-import updates
    # Written again over the first: replaced, still one calendar.
    assert _cli(capsys, follower, "plan", "--ics", str(first))[0] == 0
    assert len([u for u in _events(first) if u.startswith("strength-")]) == 8


def test_plan_ics_refuses_a_target_that_is_not_a_regular_file(
        follower: AppPaths, pinned: datetime, capsys: pytest.CaptureFixture[str],
        tmp_path: Path) -> None:
    fifo = named_pipe(tmp_path)
    folder = tmp_path / "folder"
    folder.mkdir()
    for target in (fifo, folder):
        code, out, err = _cli(capsys, follower, "plan", "--ics", str(target))
        assert code == 1 and out == "" and err.count("\n") == 1
        assert "exists and is not a regular file" in err
    assert folder.is_dir() and list(folder.iterdir()) == []
    code, _out, err = _cli(capsys, follower, "plan", "--ics", str(tmp_path / "no" / "x.ics"))
    assert code == 1 and "does not exist" in err
