"""`hamstride programs`, `hamstride today` and `hamstride session --program`."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, date, datetime
from typing import Any

import pytest

import app.cli.common
from app.catalog import load_catalog_strict
from app.cli.session import session_request
from app.coaching.loader import program_from_dict
from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.kernel.resources import resources_dir
from app.logbook.entries import SetEntry
from app.storage.store import Store
from helpers.cli_run import run

MON, WED, FRI = 0, 2, 4
NOW = datetime(2026, 1, 21, 12, 0, tzinfo=UTC)  # a Wednesday

MINE: dict[str, Any] = {  # an own program with what the built-ins lack: a tempo, and a finite end
    "name": "Tuesday quickie",
    "weeks": [{"number": 1, "sessions": [{"name": "Quick", "exercises": [
        {"exercise": "glute-bridge", "sets": 2, "reps": [12, 15], "rest_s": 45,
         "tempo": "2-0-2-1", "superset": "Q"},
        {"exercise": "romanian-deadlift", "sets": 2, "reps": [8, 10], "rest_s": 90,
         "superset": "Q"},
    ]}]}],
}


@pytest.fixture
def pinned(monkeypatch: pytest.MonkeyPatch) -> datetime:
    """`today` and the default --day read the time through app.cli.common.now."""
    monkeypatch.setattr(app.cli.common, "now", lambda: NOW)
    return NOW


def _store(paths: AppPaths, clock: FakeClock) -> Store:
    store, _ = Store.open(paths, clock)
    return store


def _log(store: Store, day: int, when: date, slug: str = "nordic-programme") -> None:
    started = datetime(when.year, when.month, when.day, 18, 0, tzinfo=UTC)
    session = store.start_session(program_slug=slug, program_day=day, started_at=started)
    # A session counts as done only with a set in it (issue 14: no empty sessions).
    store.log_set(session.id, SetEntry("nordic-hamstring-curl", 1, reps=3))
    store.end_session(session.id, ended_at=started.replace(minute=30))


# --------------------------------------------------------------------------
# programs
# --------------------------------------------------------------------------


def test_programs_lists_every_program_week_by_week(capsys: pytest.CaptureFixture[str],
                                                   paths: AppPaths, clock: FakeClock) -> None:
    store = _store(paths, clock)
    store.save_user_program(None, MINE["name"], MINE)
    store.close()
    code, out, err = run(capsys, "--data-dir", str(paths.data_dir), "programs")
    assert code == 0 and err == ""
    for name in ("Sample session (sample-session)", "Beginner bodyweight", "Advanced (advanced)",
                 "Heavy gym", "Runner's drill", "Nordic program (nordic-programme)",
                 "Tuesday quickie (my-tuesday-quickie, yours)"):
        assert name in out
    nordic = out[out.index("Nordic program (nordic-programme)"):]
    nordic = nordic[:nordic.index("\n\n")]
    assert "Advanced · 27 sessions over 10 weeks, then 1 a week" in nordic
    assert "  Week 1 · 1 session\n    Nordic hamstring curl: 2 × 5 (rest 1 min)" in nordic
    assert "  Week 3 · 3 sessions, each:\n    Nordic hamstring curl: 3 × 6-8" in nordic
    assert ("  Weeks 5-10 · 3 sessions a week, each:\n"
            "    Nordic hamstring curl: 3 sets: 12, 10, 8 (rest 1 min) · progression: nordic") in nordic
    assert "Then every week (from week 11) · 1 session" in nordic
    # Sources by title, one a line (issue 16 point 9): never a bare id.
    assert "  Sources:\n    Petersen J, et al. 2011. Preventive effect of eccentric training" in nordic
    sample = out[out.index("Sample session (sample-session)"):]
    sample = sample[:sample.index("\n\n")]
    assert ('    "Improve Running Performance: Hamstring Training Benefits & Techniques" '
            "(an article for runners)") in sample
    assert "article-improve-running" not in out and "petersen2011" not in out
    assert "Leg swings: 1 × 15 per side" in nordic and "Cool-down" in nordic
    assert "Stability-ball hamstring curl: 3 × 10-12 (rest 1 min 30 s, superset A)" in out
    assert "Machine leg curl: 3 × 6-8 (rest 2 min, last set a drop set)" in out
    assert "Single-leg hinge to march: 3 × 10 per side (rest 1 min)" in out
    assert "Glute bridge: 2 × 12-15 (tempo 2-0-2-1, rest 45 s, superset Q)" in out


def test_programs_json_is_the_structure_with_planned_sessions(
        capsys: pytest.CaptureFixture[str], paths: AppPaths, clock: FakeClock) -> None:
    store = _store(paths, clock)
    store.save_user_program(None, MINE["name"], MINE)
    store.close()
    code, out, _ = run(capsys, "--data-dir", str(paths.data_dir), "programs", "--json")
    data = json.loads(out)
    assert code == 0
    by_slug = {p["slug"]: p for p in data}
    assert set(by_slug) == {"advanced", "beginner-bodyweight", "heavy-gym", "nordic-programme",
                            "runners-drill", "sample-session", "my-tuesday-quickie"}
    nordic = by_slug["nordic-programme"]
    assert nordic["planned_sessions"] == 27 and not nordic["custom"]
    assert [len(w["sessions"]) for w in nordic["weeks"]] == [1, 2, 3, 3, 3, 3, 3, 3, 3, 3]
    assert nordic["weeks"][9]["sessions"][0]["exercises"][0]["reps_per_set"] == [12, 10, 8]
    assert nordic["maintenance"]["sessions"][0]["exercises"][0]["sets"] == 3
    mine = by_slug["my-tuesday-quickie"]
    assert mine["custom"] and mine["planned_sessions"] == 1
    assert mine["weeks"][0]["sessions"][0]["exercises"][0]["tempo"] == "2-0-2-1"
    # What is printed reads back into the same program.
    catalog = load_catalog_strict(resources_dir())
    for entry in data:
        definition = {k: v for k, v in entry.items() if k not in ("custom", "planned_sessions")}
        slug = entry["slug"] if entry["custom"] else None
        program = program_from_dict(definition, "json", catalog, slug=slug)
        assert program.planned_sessions == entry["planned_sessions"]


def test_a_broken_own_program_is_reported_and_the_rest_listed(
        capsys: pytest.CaptureFixture[str], paths: AppPaths, clock: FakeClock) -> None:
    store = _store(paths, clock)
    store.save_user_program(None, "Broken", {"name": "Broken", "weeks": []})
    store.close()
    code, out, err = run(capsys, "--data-dir", str(paths.data_dir), "programs")
    assert code == 0 and "Nordic program" in out and "Broken" not in out
    assert err == ("hamstride: skipped: your program 'Broken': weeks: a program needs at least "
                   "one week\n")


# --------------------------------------------------------------------------
# today
# --------------------------------------------------------------------------


def test_today_without_a_program_says_how_to_start_one(capsys: pytest.CaptureFixture[str],
                                                       paths: AppPaths) -> None:
    code, out, err = run(capsys, "--data-dir", str(paths.data_dir), "today")
    assert code == 0 and err == ""
    assert len(out.strip().splitlines()) == 1 and "Programs page" in out
    code, out, _ = run(capsys, "--data-dir", str(paths.data_dir), "today", "--json")
    assert code == 0 and json.loads(out) == {"program": None}


@pytest.fixture
def following(paths: AppPaths, clock: FakeClock) -> AppPaths:
    """The Nordic program from Monday 5 January 2026, Mon/Wed/Fri; day 3 was done late."""
    store = _store(paths, clock)
    store.enrol("nordic-programme", date(2026, 1, 5), [MON, WED, FRI])
    _log(store, 1, date(2026, 1, 5))
    _log(store, 2, date(2026, 1, 12))
    _log(store, 3, date(2026, 1, 15))
    _log(store, 9, date(2025, 12, 1))  # an earlier go at the programme: not counted
    store.close()
    return paths


def test_today_shows_the_session_due_the_week_and_adherence(
        capsys: pytest.CaptureFixture[str], following: AppPaths, pinned: datetime) -> None:
    code, out, err = run(capsys, "--data-dir", str(following.data_dir), "today")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == ("Following: Nordic program (nordic-programme), since Mon 5 Jan 2026, "
                        "on Mon, Wed, Fri")
    assert lines[1] == ("Due: day 4 · Week 3 · session 1 of 3 · planned for Mon 19 Jan 2026, "
                        "2 days overdue")
    assert "  Main" in lines and "    Nordic hamstring curl: 3 × 6-8 (rest 1 min) · progression: nordic" \
        in lines
    assert "  Warm-up" in lines and "  Cool-down" in lines
    assert "  Start it: hamstride session --program nordic-programme --day 4" in lines
    week = lines[lines.index("This week:") + 1:][:7]
    assert week == [
        "  Mon 19 Jan 2026: missed (day 4)",
        "  Tue 20 Jan 2026: rest",
        "  Wed 21 Jan 2026: planned (day 5)  <- today",
        "  Thu 22 Jan 2026: rest",
        "  Fri 23 Jan 2026: planned (day 6)",
        "  Sat 24 Jan 2026: rest",
        "  Sun 25 Jan 2026: rest",
    ]
    # Today's own session (day 5) is not missed while today lasts: 3 of 4.
    assert lines[-1] == ("So far: 3 of 4 planned sessions done (75%); longest gap 7 days, "
                         "6 days since the last session")


def test_today_json(capsys: pytest.CaptureFixture[str], following: AppPaths,
                    pinned: datetime) -> None:
    code, out, _ = run(capsys, "--data-dir", str(following.data_dir), "today", "--json")
    data: dict[str, Any] = json.loads(out)
    assert code == 0
    assert data["program"] == {"slug": "nordic-programme", "name": "Nordic program",
                               "custom": False}
    assert data["start_date"] == "2026-01-05" and data["weekdays"] == [0, 2, 4]
    due = data["due"]
    assert (due["day"], due["label"], due["planned_date"], due["overdue_days"]) == (
        4, "Week 3 · session 1 of 3", "2026-01-19", 2)
    assert [e["slug"] for e in due["exercises"]] == ["nordic-hamstring-curl"]
    plan = due["plan"]
    assert plan["program_slug"] == "nordic-programme" and plan["program_day"] == 4
    assert [b["name"] for b in plan["blocks"]] == ["warmup", "main", "cool-down"]
    assert [(d["date"], d["status"], d["today"]) for d in data["week"]][:3] == [
        ("2026-01-19", "missed", False), ("2026-01-20", "rest", False),
        ("2026-01-21", "planned", True)]
    assert data["adherence"] == {"done": 3, "planned_so_far": 4, "ratio": 0.75,
                                 "longest_gap_days": 7, "current_gap_days": 6}
    assert data["warning"] is None


def test_today_warns_when_the_days_chosen_are_too_few(
        capsys: pytest.CaptureFixture[str], paths: AppPaths, clock: FakeClock,
        pinned: datetime) -> None:
    store = _store(paths, clock)
    store.enrol("nordic-programme", date(2026, 1, 19), [MON])
    store.close()
    code, out, _ = run(capsys, "--data-dir", str(paths.data_dir), "today")
    assert code == 0
    assert "  Note: Nordic program has weeks of 3 sessions: choose at least 3 days" in out
    assert "Due: day 1 · Week 1 · session 1 of 1 · planned for Mon 19 Jan 2026, 2 days overdue" in out


def test_today_when_the_program_followed_is_gone(capsys: pytest.CaptureFixture[str],
                                                 paths: AppPaths, clock: FakeClock) -> None:
    store = _store(paths, clock)
    store.enrol("my-deleted", date(2026, 1, 5), [MON])
    store.close()
    code, out, err = run(capsys, "--data-dir", str(paths.data_dir), "today")
    assert code == 1 and out == ""
    assert err.startswith("hamstride: the program you follow, 'my-deleted', is no longer available")
    assert len(err.strip().splitlines()) == 1


def test_today_when_the_program_is_finished(capsys: pytest.CaptureFixture[str], paths: AppPaths,
                                            clock: FakeClock, pinned: datetime) -> None:
    store = _store(paths, clock)
    slug = store.save_user_program(None, MINE["name"], MINE)
    store.enrol(slug, date(2026, 1, 5), [MON])
    _log(store, 1, date(2026, 1, 6), slug)
    store.close()
    code, out, _ = run(capsys, "--data-dir", str(paths.data_dir), "today")
    assert code == 0 and "Finished: every session is done" in out
    code, out, _ = run(capsys, "--data-dir", str(paths.data_dir), "today", "--json")
    assert json.loads(out)["due"] is None


# --------------------------------------------------------------------------
# session --program
# --------------------------------------------------------------------------


def _args(program: str, day: int | None = None, **extra: Any) -> argparse.Namespace:
    values = {"exercise": None, "program": program, "day": day, "sets": None, "reps": None,
              "hold": None, "tempo": None, **extra}
    return argparse.Namespace(**values)


def test_session_program_day_builds_the_plan_it_logs_under() -> None:
    request = session_request(_args("nordic-programme", 27), environ={"HAMSTRIDE_TIME_SCALE": "5"})
    assert (request.program_slug, request.program_day) == ("nordic-programme", 27)
    assert (request.plan.program_slug, request.plan.program_day) == ("nordic-programme", 27)
    assert request.plan.title == "Nordic program · Week 10 · session 3"
    [nordic] = request.plan.blocks[1].items
    assert nordic.sets == 3 and nordic.reps == (8, 12) and request.time_scale == 5
    # Open-ended: any day after the planned ones is maintenance.
    assert session_request(_args("nordic-programme", 40), environ={}).plan.program_day == 40


def test_session_program_without_a_day_takes_the_one_due(paths: AppPaths, following: AppPaths,
                                                         pinned: datetime) -> None:
    request = session_request(_args("nordic-programme"), environ={}, paths=following)
    assert request.program_day == 4
    # A program not followed starts at its first session.
    assert session_request(_args("advanced"), environ={}, paths=following).program_day == 1


def test_session_an_own_program(paths: AppPaths, clock: FakeClock) -> None:
    store = _store(paths, clock)
    slug = store.save_user_program(None, MINE["name"], MINE)
    store.close()
    request = session_request(_args(slug, 1), environ={}, paths=paths)
    assert [(i.slug, i.superset) for i in request.plan.items] == [
        ("glute-bridge", "Q"), ("romanian-deadlift", "Q")]
    assert request.program_slug == "my-tuesday-quickie"


@pytest.mark.parametrize("argv, code, message", [
    (("--program", "nordic-program", "--day", "1"), 1,
     "hamstride: --program: no program 'nordic-program' (see 'hamstride programs')"),
    (("--program", "my-tuesday-quickie", "--day", "2"), 1,
     "hamstride: --day: Tuesday quickie has 1 session; choose day 1"),
    (("--program", "nordic-programme", "--day", "0"), 2, "expected a number from 1"),
    (("--program", "nordic-programme", "--exercise", "glute-bridge"), 2, "not allowed with"),
    (("--exercise", "glute-bridge", "--day", "2"), 1, "hamstride: --day: goes with --program"),
    (("--program", "nordic-programme", "--reps", "5"), 1, "hamstride: --reps: applies to --exercise"),
    ((), 2, "one of the arguments --exercise --program is required"),
])
def test_session_program_mistakes_are_one_line(capsys: pytest.CaptureFixture[str], paths: AppPaths,
                                               clock: FakeClock, argv: tuple[str, ...], code: int,
                                               message: str) -> None:
    store = _store(paths, clock)
    store.save_user_program(None, MINE["name"], MINE)
    store.close()
    got, out, err = run(capsys, "--data-dir", str(paths.data_dir), "session", *argv)
    assert got == code and out == ""
    assert message in err and len(err.strip().splitlines()) == 1
