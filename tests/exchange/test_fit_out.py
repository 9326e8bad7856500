"""A session written as FIT decodes back, with Garmin's own decoder (CRC
checked), to the same sets and times (issue 19, point 8)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from app.exchange.fit_out import FIT_CATEGORIES, session_fit
from app.logbook.entries import LoggedSetRecord, SessionRecord

START = datetime(2025, 6, 2, 12, 0, tzinfo=UTC)


def _set(index: int, slug: str, reps: int | None, load_kg: float | None,
         duration_s: float | None, at_s: int) -> LoggedSetRecord:
    return LoggedSetRecord(index, f"s{index}", 1, slug, index, "both", reps, load_kg, "kg",
                           duration_s, None, None, None, "working", "",
                           START + timedelta(seconds=at_s))


def _session(ended_s: int | None = 1800) -> SessionRecord:
    ended = None if ended_s is None else START + timedelta(seconds=ended_s)
    return SessionRecord(1, "u1", 1, START, ended, None, None, "Tuesday gym", "", None, 4, 0.0)


SETS = [
    _set(1, "romanian-deadlift", 8, 62.5, 45.0, 120),
    _set(2, "nordic-hamstring-curl", 5, None, None, 400),  # bodyweight, not timed
    _set(3, "glute-bridge", 12, 40.0, None, 700),
    _set(4, "leg-swings", 10, None, 30.0, 900),  # no FIT category of its own
]


def _decode(data: bytes) -> Any:
    from garmin_fit_sdk import Decoder, Stream

    checker = Decoder(Stream.from_byte_array(bytearray(data)))
    assert checker.is_fit() and checker.check_integrity()  # the CRC holds
    # A decoder's checks read its stream to the end: the messages take a new one.
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    assert errors == []
    return messages


def test_every_set_decodes_back_in_order() -> None:
    messages = _decode(session_fit(_session(), SETS))
    decoded = messages["set_mesgs"]
    assert len(decoded) == len(SETS)
    for written, got in zip(SETS, decoded, strict=True):
        assert got["set_type"] == "active"
        assert got["repetitions"] == written.reps
        assert got["timestamp"] == written.logged_at
        if written.load_kg is None:
            assert "weight" not in got  # a bodyweight set has no weight, not a 0
        else:
            assert got["weight"] == written.load_kg
        if written.duration_s is None:
            assert "duration" not in got and "start_time" not in got
        else:
            assert got["duration"] == written.duration_s
            assert got["start_time"] == written.logged_at - timedelta(seconds=written.duration_s)
    assert [s.get("category") for s in decoded] == ["deadlift", "leg_curl", "hip_raise", None]
    assert [s["message_index"] for s in decoded] == [0, 1, 2, 3]


def test_the_session_is_strength_training_with_its_times() -> None:
    messages = _decode(session_fit(_session(), SETS))
    assert messages["file_id_mesgs"][0]["type"] == "activity"
    (session,) = messages["session_mesgs"]
    assert session["sport"] == "training" and session["sub_sport"] == "strength_training"
    assert session["start_time"] == START
    assert session["total_elapsed_time"] == 1800.0
    assert session["timestamp"] == START + timedelta(seconds=1800)
    assert len(messages["lap_mesgs"]) == 1 and len(messages["activity_mesgs"]) == 1


def test_an_unended_session_ends_at_its_last_set() -> None:
    (session,) = _decode(session_fit(_session(ended_s=None), SETS))["session_mesgs"]
    assert session["total_elapsed_time"] == 900.0


def test_categories_are_the_fit_profiles_own() -> None:
    from fit_tool.profile.profile_type import ExerciseCategory

    assert FIT_CATEGORIES["romanian-deadlift"] == "DEADLIFT"
    assert FIT_CATEGORIES["nordic-hamstring-curl"] == "LEG_CURL"
    assert FIT_CATEGORIES["glute-bridge"] == "HIP_RAISE"
    for name in FIT_CATEGORIES.values():
        assert name in ExerciseCategory.__members__
