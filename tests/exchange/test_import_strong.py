"""Strong's three export shapes, read from realistic example files."""

from __future__ import annotations

import time
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


# -- the current (semicolon) export -------------------------------------------------


def test_semicolon_export_sessions() -> None:
    log = read("strong.csv")
    assert (log.format, log.family, log.label) == ("strong", "strong", "Strong")
    assert log.rows == 28
    assert not log.names_are_slugs
    assert [s.key for s in log.sessions] == [
        "2026-10-20T18:05|Hamstring Day A", "2026-11-03T07:30|Morning Hamstrings",
        "2026-11-17T18:00|Hamstring Day A"]
    first, second, third = log.sessions
    # 20 October is still summer time in Oslo (UTC+2); November is UTC+1.
    assert first.started_at == utc(2026, 10, 20, 16, 5)
    assert first.ended_at == utc(2026, 10, 20, 16, 57)  # 3120 s
    assert second.started_at == utc(2026, 11, 3, 6, 30)
    assert second.ended_at == utc(2026, 11, 3, 7, 10)
    assert third.ended_at == utc(2026, 11, 17, 17, 45, 45)  # 2745 s
    assert first.title == "Hamstring Day A"
    assert first.notes == "Legs heavy after Sunday's long run; kept RPE low"
    assert second.notes == ""
    assert [s.line for s in log.sessions] == [2, 15, 24]
    assert all(s.started_at.tzinfo is UTC for s in log.sessions)


def test_semicolon_export_sets_rest_and_numbering() -> None:
    log = read("strong.csv")
    rdl = sets_of(log, 0, "Romanian Deadlift (Barbell)")
    assert [s.set_number for s in rdl] == [1, 2, 3, 4]
    assert [s.set_type for s in rdl] == ["warmup", "working", "working", "working"]
    assert [s.load_kg for s in rdl] == [40.0, 70.0, 70.0, 72.5]  # "72,5": a decimal comma
    assert [s.reps for s in rdl] == [10, 8, 8, 6]
    assert [s.rpe for s in rdl] == [None, 7.0, 8.0, 8.5]
    # Each Rest Timer row is the rest after the set before it, not a set.
    assert [s.rest_s for s in rdl] == [90.0, 120.0, 120.0, None]
    assert rdl[2].notes == "grip; straps next time"
    assert [s.line for s in rdl] == [2, 4, 6, 8]

    nordic = sets_of(log, 0, "Nordic Hamstring Curl")
    assert nordic[0].notes == "slow lowering\nfelt it in the left"
    assert nordic[0].line == 9  # the record spans lines 9-10
    assert nordic[0].rest_s == 150.0
    assert nordic[1].line == 12
    assert nordic[0].load_kg is None  # 0 kg in Strong is a bodyweight set
    assert (nordic[2].set_type, nordic[2].notes, nordic[2].rpe) == ("working", "to failure", 10.0)

    curl = sets_of(log, 1, "Lying Leg Curl (Machine)")
    assert [s.set_type for s in curl] == ["warmup", "working", "working", "drop"]
    assert [s.set_number for s in curl] == [1, 2, 3, 4]

    swings = sets_of(log, 1, "Kettlebell Swing")
    assert [s.rest_s for s in swings] == [None, 60.0]  # the first rest row had no set before it

    run = sets_of(log, 1, "Running")[0]
    assert (run.distance_m, run.duration_s, run.reps, run.notes) == (1600.0, 540.0, None, "easy")
    plank = sets_of(log, 2, "Plank")[0]
    assert (plank.duration_s, plank.reps) == (60.0, None)
    assert all(s.load_unit == "kg" and s.side == "both" and s.uid is None
               for session in log.sessions for s in session.sets)


def test_semicolon_export_notes() -> None:
    log = read("strong.csv")
    assert log.notes == ("6 rest-timer rows kept as rest times",
                         "1 rest-timer row skipped: no set of that exercise before it",
                         "1 set with distance")


# -- the comma exports ------------------------------------------------------------


def test_comma_export_24_hour() -> None:
    log = read("strong_comma_24h.csv")
    assert (log.format, log.family) == ("strong-csv", "strong")
    assert log.rows == 16
    first = log.sessions[0]
    assert first.started_at == utc(2026, 10, 20, 16, 5)
    assert first.ended_at == utc(2026, 10, 20, 16, 57)  # "52m"
    assert log.sessions[2].ended_at == utc(2026, 11, 17, 18, 5)  # "1h 5m"
    assert first.notes == "Legs heavy after Sunday's long run, kept RPE low"
    rdl = sets_of(log, 0, "Romanian Deadlift (Barbell)")
    assert [s.load_kg for s in rdl] == [40.0, 70.0, 70.0, 72.5]
    assert [s.rpe for s in rdl] == [None, 7.0, 8.0, 8.5]
    assert rdl[2].notes == "grip, straps next time"
    assert all(s.rest_s is None for session in log.sessions for s in session.sets)
    run = sets_of(log, 1, "Running")[0]
    assert (run.distance_m, run.duration_s) == (1600.0, 540.0)  # metres, as documented
    assert "weights read as kg (this export does not say)" in log.notes
    assert "distances read as meters (this export does not say)" in log.notes


def test_comma_export_weight_unit_comes_from_the_caller() -> None:
    log = read("strong_comma_24h.csv", default_unit="lb")
    rdl = sets_of(log, 0, "Romanian Deadlift (Barbell)")
    assert [s.load_unit for s in rdl] == ["lb"] * 4
    assert rdl[3].load_kg == 72.5 * KG_PER_LB
    assert round(from_kg(rdl[3].load_kg, "lb"), 3) == 72.5
    assert "weights read as lb (this export does not say)" in log.notes


def test_comma_export_am_pm_with_narrow_no_break_space() -> None:
    log = read("strong_comma_ampm.csv")
    assert log.format == "strong-csv"
    assert "\u202fPM" in (FIXTURES / "strong_comma_ampm.csv").read_text(encoding="utf-8")
    starts = [s.started_at for s in log.sessions]
    assert starts == [utc(2026, 10, 20, 16, 5), utc(2026, 11, 3, 6, 30),
                      utc(2026, 11, 17, 17, 0), utc(2026, 11, 24, 11, 15)]  # 12:15 PM is noon
    assert log.sessions[3].key == "2026-11-24T12:15|Lunch Hamstrings"


def test_the_same_workout_has_the_same_key_in_every_strong_shape() -> None:
    semicolon = {s.key: s for s in read("strong.csv").sessions}
    comma = {s.key: s for s in read("strong_comma_24h.csv").sessions}
    ampm = {s.key: s for s in read("strong_comma_ampm.csv").sessions}
    assert set(semicolon) == set(comma) <= set(ampm)
    for key in semicolon:
        assert semicolon[key].started_at == comma[key].started_at == ampm[key].started_at


def test_legacy_export_with_unit_columns_lb_exact() -> None:
    log = read("strong_legacy_lbs.csv")
    assert (log.format, log.family) == ("strong-legacy", "strong")
    rdl = sets_of(log, 0, "Romanian Deadlift (Barbell)")
    assert [s.load_unit for s in rdl] == ["lb"] * 3
    assert [s.load_kg for s in rdl] == [95 * KG_PER_LB, 135 * KG_PER_LB, 155 * KG_PER_LB]
    assert [round(from_kg(s.load_kg, "lb"), 3) for s in rdl] == [95, 135, 155]
    curl = sets_of(log, 1, "Seated Leg Curl (Machine)")
    assert round(from_kg(curl[0].load_kg, "lb"), 3) == 82.5
    assert log.sessions[0].ended_at == utc(2026, 10, 6, 16, 43)  # "58m" in Workout Duration
    assert log.sessions[1].ended_at == utc(2026, 10, 13, 16, 42)  # "1h 2m"
    run = sets_of(log, 1, "Running")[0]
    assert run.distance_m == pytest.approx(1.5 * 1609.344)
    assert (run.duration_s, run.load_kg, run.reps) == (780.0, None, None)
    nordic = sets_of(log, 2, "Nordic Curl")
    assert [(s.reps, s.load_kg) for s in nordic] == [(6, None), (5, None)]


def test_machine_time_zone_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        log = read_import(FIXTURES / "strong.csv")
    finally:
        monkeypatch.undo()
        time.tzset()
    assert log.sessions[1].started_at == utc(2026, 11, 3, 12, 30)  # 07:30 EST


# -- variants of the columns ---------------------------------------------------------


def write(tmp_path: Path, text: str, name: str = "export.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def test_columns_in_another_order_and_spaced_headers(tmp_path: Path) -> None:
    path = write(tmp_path, ' Reps ; "Exercise Name";"Set Order" ;"Weight (lbs)";"Date";"Workout Name"\n'
                           '"5";"Nordic Curl";"1";"0";"2026-11-21 18:05:00";"Evening"\n'
                           '"8";"RDL";"2";"135";"2026-11-21 18:05:00";"Evening"\n')
    log = read_import(path, tz=OSLO)
    assert log.format == "strong"
    assert [(s.exercise, s.reps, s.load_unit) for s in log.sessions[0].sets] == [
        ("Nordic Curl", 5, "kg"), ("RDL", 8, "lb")]
    assert log.sessions[0].ended_at is None  # no duration column


def test_crlf_line_ends_and_bom(tmp_path: Path) -> None:
    text = (FIXTURES / "strong.csv").read_text(encoding="utf-8")
    path = tmp_path / "strong.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    log = read_import(path, tz=OSLO)
    expected = read("strong.csv")
    assert log.sessions == expected.sessions


def test_workout_left_running_for_weeks_has_no_end(tmp_path: Path) -> None:
    path = write(tmp_path, "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps\n"
                           "2026-11-21 18:05:00,Forgot to stop,999h,RDL,1,60,8\n")
    log = read_import(path, tz=OSLO)
    assert log.sessions[0].ended_at is None
    assert "1 workout longer than 7 days imported without an end time" in log.notes


def test_twenty_thousand_rows_parse_quickly(tmp_path: Path) -> None:
    """Not a timed assertion (machines differ): prints the time for a person to read."""
    head = ('"Workout #";"Date";"Workout Name";"Duration (sec)";"Exercise Name";"Set Order";'
            '"Weight (kg)";"Reps";"RPE";"Distance (meters)";"Seconds";"Notes";"Workout Notes"\n')
    rows = []
    for i in range(20_000):
        w = i // 20
        when = f"2026-{1 + (w // 28) % 12:02d}-{1 + w % 28:02d} 18:{w % 60:02d}:00"
        order = "Rest Timer" if i % 4 == 3 else str(i % 4 + 1)
        rest = "90" if order == "Rest Timer" else "0"
        rows.append(f'"{w}";"{when}";"Day {w}";"3600";"Romanian Deadlift (Barbell)";"{order}";'
                    f'"70";"8";"8";"";"{rest}";"";""\n')
    path = write(tmp_path, head + "".join(rows))
    began = time.perf_counter()
    log = read_import(path, tz=OSLO)
    print(f"\n20,000 Strong rows read in {time.perf_counter() - began:.3f} s")
    assert log.rows == 20_000
    assert sum(len(s.sets) for s in log.sessions) == 15_000


def test_no_sets_only_rest_timers(tmp_path: Path) -> None:
    path = write(tmp_path, '"Date";"Workout Name";"Exercise Name";"Set Order";"Weight (kg)";"Reps";'
                           '"Seconds"\n"2026-11-21 18:05:00";"W";"RDL";"Rest Timer";"";"";"90"\n')
    with pytest.raises(ImportFileError, match="has no sets"):
        read_import(path, tz=OSLO)
