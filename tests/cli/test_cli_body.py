"""`hamstride weight`, `hamstride load` and `hamstride sides` (issue 18, points 5 to 7)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

import app.cli.common
from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.logbook.entries import SetEntry
from app.logbook.runs import RunEntry, RunTag
from app.storage.store import Store
from helpers.cli_run import run

# Monday 9 March 2026, noon UTC: the commands' "now" (a real zone: weeks in UTC).
NOW = datetime(2026, 3, 9, 12, 0, tzinfo=ZoneInfo("UTC"))
THIS_MONDAY = date(2026, 3, 9)


@pytest.fixture
def pinned(monkeypatch: pytest.MonkeyPatch, clock: FakeClock) -> None:
    monkeypatch.setattr(app.cli.common, "now", lambda: NOW)
    clock.jump_wall((NOW - clock.now()).total_seconds())


def cli(capsys: pytest.CaptureFixture[str], paths: AppPaths, *argv: str) -> tuple[int, str, str]:
    return run(capsys, "--data-dir", str(paths.data_dir), *argv)


# -- weight -------------------------------------------------------------------------------


def test_weight_add_and_list(capsys: pytest.CaptureFixture[str], paths: AppPaths,
                             pinned: None) -> None:
    code, out, _ = cli(capsys, paths, "weight")
    assert code == 0 and "No body weight logged yet" in out
    assert cli(capsys, paths, "weight", "add", "74", "--date", "2026-02-01")[1] == \
        "Body weight on Sun 1 Feb 2026: 74 kg.\n"
    assert cli(capsys, paths, "weight", "add", "72,5")[1] == \
        "Body weight on Mon 9 Mar 2026: 72.5 kg.\n"        # today; a comma is a decimal mark
    code, out, _ = cli(capsys, paths, "weight")
    assert code == 0
    assert out.splitlines() == ["Sun 1 Feb 2026  74 kg", "Mon 9 Mar 2026  72.5 kg",
                                "Latest: 72.5 kg on Mon 9 Mar 2026; -1.5 kg since Sun 1 Feb 2026 "
                                "(74 kg)."]


def test_weight_in_pounds_is_stored_in_kilograms_one_a_day(
        capsys: pytest.CaptureFixture[str], paths: AppPaths, pinned: None) -> None:
    cli(capsys, paths, "weight", "add", "70")
    code, out, _ = cli(capsys, paths, "weight", "add", "160", "--unit", "lb")
    assert code == 0 and out == "Body weight on Mon 9 Mar 2026: 160 lb (replaces 154.3 lb).\n"
    code, out, _ = cli(capsys, paths, "weight", "--json")
    data = json.loads(out)
    assert len(data["weights"]) == 1                   # the day's second weight replaced the first
    assert data["weights"][0]["day"] == "2026-03-09"
    assert data["weights"][0]["kg"] == pytest.approx(160 * 0.45359237)
    assert data["trend"]["earlier"] is None and data["trend"]["change_kg"] is None


@pytest.mark.parametrize(("argv", "said"), [
    (["weight", "add", "heavy"], "the weight must be a number"),
    (["weight", "add", "5"], "a body weight must be between 20 and 400 kg"),
    (["weight", "add", "nan"], "a body weight must be between 20 and 400 kg"),
    (["weight", "add", "70", "--date", "2026-03-10"], "the date is in the future"),
])
def test_bad_weights_are_refused_in_one_line_and_nothing_is_written(
        capsys: pytest.CaptureFixture[str], paths: AppPaths, pinned: None, argv: list[str],
        said: str) -> None:
    code, out, err = cli(capsys, paths, *argv)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and said in err and "nothing was written" in err
    assert json.loads(cli(capsys, paths, "weight", "--json")[1])["weights"] == []


def test_a_bad_date_is_a_usage_error(capsys: pytest.CaptureFixture[str], paths: AppPaths) -> None:
    code, _, err = cli(capsys, paths, "weight", "add", "70", "--date", "9 March")
    assert code == 2 and "expected a date as YYYY-MM-DD" in err


# -- load ---------------------------------------------------------------------------------


def _runs(store: Store, km_per_week: list[float | None]) -> None:
    """One run a week on the weeks before this one and this one (last), Mondays 07:00 UTC."""
    first = THIS_MONDAY - timedelta(weeks=len(km_per_week) - 1)
    entries = [RunEntry(started_at=datetime.combine(first + timedelta(weeks=n),
                                                    datetime.min.time(), UTC) + timedelta(hours=7),
                        duration_s=3600, distance_m=None if km is None else km * 1000,
                        tag=RunTag.QUALITY if n % 2 else RunTag.EASY)
               for n, km in enumerate(km_per_week) if km != 0]
    store.add_runs(entries)


def test_load_lists_weeks_and_says_when_a_distance_is_missing(
        capsys: pytest.CaptureFixture[str], paths: AppPaths, pinned: None, store: Store) -> None:
    _runs(store, [10, None, 0, 12])
    code, out, _ = cli(capsys, paths, "load", "--weeks", "3")
    assert code == 0
    assert out.splitlines() == [
        "Week of Mon 23 Feb 2026: 0.0 km, 1:00 h, 1 run, 1 quality "
        "(1 run without a distance: the distance is at least this)",
        "Week of Mon 2 Mar 2026: 0.0 km, 0:00 h, 0 runs, 0 quality",
        "Week of Mon 9 Mar 2026: 12.0 km, 1:00 h, 1 run, 1 quality"]
    data = json.loads(cli(capsys, paths, "load", "--json", "--weeks", "4")[1])
    assert [w["monday"] for w in data["weeks"]] == ["2026-02-16", "2026-02-23", "2026-03-02",
                                                    "2026-03-09"]
    assert [w["runs_without_distance"] for w in data["weeks"]] == [0, 1, 0, 0]
    assert data["note"] is None and data["sources"] == []


def test_load_note_when_this_week_rises_more_than_thirty_percent(
        capsys: pytest.CaptureFixture[str], paths: AppPaths, pinned: None, store: Store) -> None:
    _runs(store, [20, 20, 20, 20, 27])
    data = json.loads(cli(capsys, paths, "load", "--json", "--weeks", "1")[1])
    assert len(data["weeks"]) == 1                  # the note still compares four weeks before
    assert data["rise_pct"] == pytest.approx(35.0)
    assert "Nielsen et al. 2014" in data["note"]
    assert [s["id"] for s in data["sources"]] == ["nielsen2014"]
    code, out, _ = cli(capsys, paths, "load")
    assert code == 0 and "35 % above the average of the four weeks before (20 km)" in out
    assert "  Source: Nielsen RØ, et al. 2014. Excessive progression in weekly running" in out


# -- sides --------------------------------------------------------------------------------


def test_sides_per_session_and_the_note(capsys: pytest.CaptureFixture[str], paths: AppPaths,
                                        store: Store, clock: FakeClock) -> None:
    code, out, _ = cli(capsys, paths, "sides")
    assert code == 0 and "No one-side sets" in out
    for right_reps in (8, 8, 8):
        session = store.start_session(title="Single legs")
        for entry in (SetEntry("single-leg-deadlift", 1, side="left", reps=10, load=20),
                      SetEntry("single-leg-deadlift", 1, side="right", reps=right_reps, load=20)):
            clock.advance(60)
            store.log_set(session.id, entry)
        store.end_session(session.id)
        clock.advance(3 * 86400)
    code, out, _ = cli(capsys, paths, "sides")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Single-leg deadlift"
    assert lines[1].endswith(": left 200, right 160 (reps x kg), right 20 % behind")
    assert "your right side was more than 15 % behind the left" in out
    assert "Bourne et al. 2015" in out and "Opar et al. 2015" in out
    data = json.loads(cli(capsys, paths, "sides", "--json")[1])
    assert [(b["exercise"], b["weaker"], b["difference_pct"]) for b in data["balances"]] == [
        ("single-leg-deadlift", "right", 20.0)] * 3
    assert [s["id"] for s in data["sources"]] == ["bourne2015", "opar2015"]
    assert data["sources"][1]["citation"].startswith("Opar DA, et al. 2015.")
    assert "  Source: Bourne MN, et al. 2015." in out
