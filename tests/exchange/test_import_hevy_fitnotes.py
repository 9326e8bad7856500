"""Hevy and FitNotes exports, read from realistic example files."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.exchange import ImportedLog, ImportFileError, read_import
from app.logbook.entries import KG_PER_LB, from_kg

FIXTURES = Path(__file__).parents[1] / "fixtures" / "imports"
OSLO = ZoneInfo("Europe/Oslo")


def read(name: str, **kwargs: object) -> ImportedLog:
    return read_import(FIXTURES / name, tz=OSLO, **kwargs)  # type: ignore[arg-type]


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def sets_of(log: ImportedLog, session: int, exercise: str) -> list:
    return [s for s in log.sessions[session].sets if s.exercise == exercise]


def write(tmp_path: Path, text: str, name: str = "export.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


# -- Hevy -------------------------------------------------------------------------


def test_hevy_kg_sessions() -> None:
    log = read("hevy_kg.csv")
    assert (log.format, log.family, log.label) == ("hevy", "hevy", "Hevy")
    assert log.rows == 20
    assert [s.key for s in log.sessions] == ["2026-11-03T07:30|Hamstrings A",
                                             "2026-11-10T18:00|Hamstrings B",
                                             "2026-11-21T09:15|Easy Run + Mobility"]
    first = log.sessions[0]
    assert (first.started_at, first.ended_at) == (utc(2026, 11, 3, 6, 30), utc(2026, 11, 3, 7, 22))
    assert first.notes == "Before work, slept badly"
    assert log.sessions[1].notes == ""
    assert [s.line for s in log.sessions] == [2, 13, 19]


def test_hevy_set_types_numbering_and_notes() -> None:
    log = read("hevy_kg.csv")
    rdl = sets_of(log, 0, "Romanian Deadlift (Dumbbell)")
    assert [s.set_number for s in rdl] == [1, 2, 3, 4]  # Hevy's set_index counts from 0
    assert [s.set_type for s in rdl] == ["warmup", "working", "working", "working"]
    assert [s.load_kg for s in rdl] == [12.0, 24.0, 24.0, 24.0]
    assert [s.rpe for s in rdl] == [None, 7.0, 8.0, 10.0]
    # The exercise's notes once, on its first set; failure is said in the set's notes.
    assert [s.notes for s in rdl] == ["Slow 3 s lowering", "", "", "to failure"]
    # A superset alternates exercises; each keeps its own numbering.
    nordic = sets_of(log, 0, "Nordic Hamstrings Curls")
    assert [(s.set_number, s.reps, s.load_kg, s.line) for s in nordic] == [
        (1, 5, None, 6), (2, 4, None, 8)]
    curl = sets_of(log, 0, "Lying Leg Curl (Machine)")
    assert [s.set_type for s in curl] == ["working", "drop"]
    run = sets_of(log, 1, "Running")[0]
    assert (run.distance_m, run.duration_s, run.reps) == (2500.0, 900.0, None)
    stretch = sets_of(log, 2, "Hamstring Stretch")
    assert [(s.duration_s, s.reps) for s in stretch] == [(45.0, None), (45.0, None)]
    assert log.notes == ("1 set with distance",
                         "1 superset: their sets are kept, the grouping is not")


def test_hevy_lbs_exact_and_miles() -> None:
    log = read("hevy_lbs.csv")
    first = log.sessions[0]
    assert first.started_at == utc(2026, 10, 6, 15, 45)  # summer time: UTC+2
    assert first.ended_at == utc(2026, 10, 6, 16, 50)
    sld = sets_of(log, 0, "Stiff Leg Deadlift (Barbell)")
    assert [s.load_unit for s in sld] == ["lb"] * 3
    assert [s.load_kg for s in sld] == [95 * KG_PER_LB, 135 * KG_PER_LB, 135 * KG_PER_LB]
    assert [round(from_kg(s.load_kg, "lb"), 3) for s in sld] == [95, 135, 135]
    curl = sets_of(log, 0, "Seated Leg Curl (Machine)")
    assert [s.set_type for s in curl] == ["working", "working", "drop"]
    assert [s.notes for s in curl] == ["Seat on 4", "to failure", ""]
    assert round(from_kg(curl[2].load_kg, "lb"), 3) == 62.5
    run = sets_of(log, 1, "Treadmill")[0]
    assert run.distance_m == pytest.approx(1.25 * 1609.344)
    assert run.duration_s == 720.0
    jump = sets_of(log, 1, "Jump Squat")[0]
    assert (jump.load_kg, jump.reps) == (None, 10)


def test_hevy_end_before_start_is_dropped_and_said(tmp_path: Path) -> None:
    path = write(tmp_path, "title,start_time,end_time,exercise_title,set_type,weight_kg,reps\n"
                           'A,"3 Nov 2026, 07:30","3 Nov 2026, 07:00",RDL,normal,60,8\n')
    log = read_import(path, tz=OSLO)
    assert log.sessions[0].ended_at is None
    assert any("end time before its start" in note for note in log.notes)


def test_hevy_unknown_set_type(tmp_path: Path) -> None:
    path = write(tmp_path, "title,start_time,end_time,exercise_title,set_type,weight_kg,reps\n"
                           'A,"3 Nov 2026, 07:30","3 Nov 2026, 08:00",RDL,superslow,60,8\n')
    with pytest.raises(ImportFileError) as raised:
        read_import(path, tz=OSLO)
    assert str(raised.value).startswith("export.csv, line 2, column 5 (set_type): the set type ")


# -- FitNotes -----------------------------------------------------------------------


def test_fitnotes_days_are_sessions_at_noon() -> None:
    log = read("fitnotes.csv")
    assert (log.format, log.family, log.label) == ("fitnotes", "fitnotes", "FitNotes")
    assert log.rows == 15
    assert [s.key for s in log.sessions] == ["2026-11-02", "2026-11-09", "2026-11-16"]
    assert [s.started_at for s in log.sessions] == [utc(2026, 11, 2, 11), utc(2026, 11, 9, 11),
                                                    utc(2026, 11, 16, 11)]
    assert all(s.ended_at is None for s in log.sessions)
    assert [s.title for s in log.sessions] == ["Legs, Abs", "Legs, Chest", "Legs, Cardio"]
    assert log.notes[0] == "FitNotes saves no time of day: each day's workout is placed at 12:00"


def test_fitnotes_sets() -> None:
    log = read("fitnotes.csv")
    rdl = sets_of(log, 0, "Romanian Deadlift")
    assert [(s.set_number, s.load_kg, s.reps, s.load_unit) for s in rdl] == [
        (1, 60.0, 8, "kg"), (2, 60.0, 8, "kg"), (3, 65.0, 6, "kg")]
    plank = sets_of(log, 0, "Plank")[0]
    assert (plank.duration_s, plank.reps, plank.load_kg) == (90.0, None, None)  # "0:01:30"
    run = sets_of(log, 2, "Running")[0]
    assert (run.distance_m, run.duration_s) == (5000.0, 1665.0)  # 5 km in 0:27:45
    nordic = sets_of(log, 1, "Nordic Hamstring Curl")
    assert [(s.load_kg, s.reps) for s in nordic] == [(None, 5), (None, 4)]


def test_fitnotes_legacy_lbs_and_comments() -> None:
    log = read("fitnotes_legacy.csv")
    assert (log.format, log.family) == ("fitnotes-legacy", "fitnotes")
    assert log.sessions[0].started_at == utc(2026, 10, 5, 10)  # summer time
    assert log.sessions[0].title == "Legs"
    rdl = sets_of(log, 0, "Romanian Deadlift")
    assert [s.load_kg for s in rdl] == [135 * KG_PER_LB] * 2
    assert [round(from_kg(s.load_kg, "lb"), 3) for s in rdl] == [135, 135]
    assert rdl[1].notes == "Felt it in the right hamstring, stopped at 2"
    assert sets_of(log, 1, "Single Leg Deadlift")[0].notes == "left side first"
    run = sets_of(log, 1, "Running")[0]
    assert run.distance_m == pytest.approx(2 * 1609.344)
    assert run.duration_s == 1110.0
    stretch = sets_of(log, 2, "Hamstring Stretch")[0]
    assert (stretch.duration_s, stretch.reps) == (45.0, None)  # a plain number is seconds


@pytest.mark.parametrize(("time_text", "seconds"), [
    ("0:01:30", 90.0), ("1:30", 90.0), ("90", 90.0), ("1:00:00", 3600.0), ("", None),
    ("0:00:00", None)])
def test_fitnotes_time_forms(tmp_path: Path, time_text: str, seconds: float | None) -> None:
    path = write(tmp_path, "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,"
                           f"Time\n2026-11-02,Plank,Abs,0,kgs,0,,,{time_text}\n")
    [s] = read_import(path, tz=OSLO).sessions[0].sets
    assert s.duration_s == seconds


def test_fitnotes_distance_without_unit(tmp_path: Path) -> None:
    path = write(tmp_path, "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,"
                           "Time\n2026-11-02,Running,Cardio,0,kgs,0,5,,0:25:00\n")
    with pytest.raises(ImportFileError) as raised:
        read_import(path, tz=OSLO)
    assert str(raised.value) == ("export.csv, line 2, column 8 (Distance Unit): "
                                 "the distance has no unit")
