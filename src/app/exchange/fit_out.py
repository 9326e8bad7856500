"""A logged session as a FIT strength-training activity (issue 19, point 8):
the file Garmin Connect and Strava take as a manual upload.

Written with fit-tool's FitFileBuilder: garmin-fit-sdk's Python package,
which reads the run files, decodes only. fit-tool is imported inside
``session_fit`` so nothing but an export pays for it.

What the log does not hold stays out of the file: a bodyweight set has no
weight (a 0 would read as "lifted nothing"), a set whose duration was not
timed has neither a duration nor a start time, and an exercise with no FIT
exercise category of its own has no category (never a near one). FIT's set
message has no note field, so a Nordic's descent seconds are not written.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from app.logbook.entries import LoggedSetRecord, SessionRecord

# The app's exercises that have a FIT exercise category of their own (the
# names of fit-tool's ExerciseCategory, the FIT profile's). The rest are
# written without one: Garmin Connect shows them as an unnamed set.
FIT_CATEGORIES: dict[str, str] = {
    "romanian-deadlift": "DEADLIFT",
    "stiff-leg-deadlift": "DEADLIFT",
    "single-leg-deadlift": "DEADLIFT",
    "nordic-hamstring-curl": "LEG_CURL",
    "machine-leg-curl": "LEG_CURL",
    "standing-hamstring-curl": "LEG_CURL",
    "single-leg-cable-curl": "LEG_CURL",
    "stability-ball-hamstring-curl": "LEG_CURL",
    "glute-bridge": "HIP_RAISE",
    "kettlebell-swing": "HIP_SWING",
    "reverse-lunge": "LUNGE",
    "walking-lunges": "LUNGE",
    "jump-squat": "PLYO",
}


def _ms(moment: datetime) -> int:
    """fit-tool takes date-time fields as milliseconds since the Unix epoch."""
    return round(moment.timestamp() * 1000)


def session_end(record: SessionRecord, sets: Sequence[LoggedSetRecord]) -> datetime:
    """When the session ended: its recorded end, or for one never ended the
    last set's logging time (the last moment the app measured), or its start."""
    if record.ended_at is not None:
        return record.ended_at
    return max((s.logged_at for s in sets), default=record.started_at)


def session_fit(record: SessionRecord, sets: Sequence[LoggedSetRecord]) -> bytes:
    """The session and its sets, in logged order, as the bytes of a FIT file."""
    from fit_tool.fit_file_builder import FitFileBuilder
    from fit_tool.profile.messages.activity_message import ActivityMessage
    from fit_tool.profile.messages.event_message import EventMessage
    from fit_tool.profile.messages.file_id_message import FileIdMessage
    from fit_tool.profile.messages.lap_message import LapMessage
    from fit_tool.profile.messages.session_message import SessionMessage
    from fit_tool.profile.messages.set_message import SetMessage
    from fit_tool.profile.profile_type import (
        Event,
        EventType,
        ExerciseCategory,
        FileType,
        Manufacturer,
        SetType,
        Sport,
        SubSport,
    )

    start, end = record.started_at, session_end(record, sets)
    elapsed = max(0.0, (end - start).total_seconds())
    builder = FitFileBuilder(auto_define=True, min_string_size=50)

    file_id = FileIdMessage()
    file_id.type = FileType.ACTIVITY
    # "development": the FIT profile's manufacturer for software that is no
    # vendor's device; uploaders accept it for manual uploads.
    file_id.manufacturer = Manufacturer.DEVELOPMENT.value
    file_id.product = 0
    file_id.time_created = _ms(start)
    builder.add(file_id)

    timer = EventMessage()
    timer.event = Event.TIMER
    timer.event_type = EventType.START
    timer.timestamp = _ms(start)
    builder.add(timer)

    for index, s in enumerate(sets):
        message = SetMessage()
        message.message_index = index
        message.timestamp = _ms(s.logged_at)
        message.set_type = SetType.ACTIVE.value
        if s.reps is not None:
            message.repetitions = s.reps
        if s.load_kg is not None and s.load_kg > 0:  # FIT has no negative (assisted) weight
            message.weight = s.load_kg
        if s.duration_s is not None:
            message.duration = s.duration_s
            # A set is logged as it ends: it began its duration earlier.
            message.start_time = _ms(s.logged_at - timedelta(seconds=s.duration_s))
        category = FIT_CATEGORIES.get(s.exercise_slug)
        if category is not None:
            message.category = [ExerciseCategory[category].value]
        builder.add(message)

    stop = EventMessage()
    stop.event = Event.TIMER
    stop.event_type = EventType.STOP_ALL
    stop.timestamp = _ms(end)
    builder.add(stop)

    lap = LapMessage()
    lap.timestamp = _ms(end)
    lap.start_time = _ms(start)
    lap.total_elapsed_time = elapsed
    lap.total_timer_time = elapsed
    lap.sport = Sport.TRAINING
    builder.add(lap)

    session = SessionMessage()
    session.timestamp = _ms(end)
    session.start_time = _ms(start)
    session.total_elapsed_time = elapsed
    session.total_timer_time = elapsed
    session.sport = Sport.TRAINING
    session.sub_sport = SubSport.STRENGTH_TRAINING
    session.first_lap_index = 0
    session.num_laps = 1
    builder.add(session)

    activity = ActivityMessage()
    activity.timestamp = _ms(end)
    activity.total_timer_time = elapsed
    activity.num_sessions = 1
    builder.add(activity)
    return bytes(builder.build().to_bytes())
