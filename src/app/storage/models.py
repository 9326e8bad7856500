"""The tables, as SQLAlchemy 2.0 declarative models.

The schema these models describe must always equal what the migrations in
``migrations.py`` build (a test compares the two), so a change here goes
with a new migration and a saved fixture of the released schema.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from app.logbook.entries import LOAD_UNITS, PAIN_LEVELS, SET_TYPES, SIDES
from app.logbook.runs import (
    BODY_WEIGHT_RANGE_KG,
    HEART_RATE_RANGE,
    MAX_ELEVATION_GAIN_M,
    MAX_RUN_DISTANCE_M,
    MAX_RUN_DURATION_S,
    RACE_NAME_MAX,
    PlannedDay,
    RunTag,
    Sport,
)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as naive UTC and gives them back aware.

    SQLite has no time zones; refusing naive datetimes on the way in stops a
    local time from ever being stored as if it were UTC.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: store aware (UTC) datetimes only")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def new_uid() -> str:
    return str(uuid.uuid4())


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    pass


class Athlete(Base):
    """Whose log it is. One default athlete now; the schema allows several."""

    __tablename__ = "athlete"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    sessions: Mapped[list[WorkoutSession]] = relationship(back_populates="athlete")

    __table_args__ = (CheckConstraint("length(trim(name)) > 0", name="athlete_name_not_blank"),)


class WorkoutSession(Base):
    __tablename__ = "workout_session"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # A stable identity for export/import round trips and de-duplication.
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athlete.id", ondelete="CASCADE"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    program_slug: Mapped[str | None] = mapped_column(String(80))
    program_day: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # Readiness answers (soreness, pain...) as a JSON object: their questions
    # will evolve, and they are read back whole, never queried field by field.
    readiness: Mapped[str | None] = mapped_column(Text)
    # The app a session was imported from (strong, hevy, fitnotes, hamstride);
    # None for sessions logged here. Added in schema v3, hence last.
    source: Mapped[str | None] = mapped_column(String(20))

    athlete: Mapped[Athlete] = relationship(back_populates="sessions")
    sets: Mapped[list[LoggedSet]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="LoggedSet.id"
    )

    __table_args__ = (
        CheckConstraint("ended_at IS NULL OR ended_at >= started_at", name="session_ends_after_start"),
        CheckConstraint("program_day IS NULL OR program_day >= 1", name="session_program_day_positive"),
        CheckConstraint("readiness IS NULL OR json_valid(readiness)", name="session_readiness_json"),
        Index("ix_workout_session_athlete_started", "athlete_id", "started_at"),
        # For a program's sessions (see migrations._V8_PROGRAM_SESSIONS).
        Index("ix_workout_session_program", "athlete_id", "program_slug", "started_at",
              sqlite_where=text("program_slug IS NOT NULL")),
    )


class LoggedSet(Base):
    __tablename__ = "logged_set"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    session_id: Mapped[int] = mapped_column(ForeignKey("workout_session.id", ondelete="CASCADE"))
    exercise_slug: Mapped[str] = mapped_column(String(80))
    set_number: Mapped[int] = mapped_column(Integer)
    side: Mapped[str] = mapped_column(String(5), default="both")
    reps: Mapped[int | None] = mapped_column(Integer)
    # Canonical kilograms for sums and records; the unit the athlete typed is
    # kept so the value is shown back the way it was entered. Negative means
    # band assistance on a bodyweight exercise.
    load_kg: Mapped[float | None] = mapped_column(Float)
    load_unit: Mapped[str] = mapped_column(String(2), default="kg")
    duration_s: Mapped[float | None] = mapped_column(Float)
    rpe: Mapped[float | None] = mapped_column(Float)
    tempo: Mapped[str | None] = mapped_column(String(16))
    # Controlled-descent seconds per rep (eccentric exercises), a JSON list.
    descent_s: Mapped[str | None] = mapped_column(Text)
    set_type: Mapped[str] = mapped_column(String(8), default="working")
    notes: Mapped[str] = mapped_column(Text, default="")
    logged_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Schema v3 (ALTER TABLE appends, so they come last): a distance some
    # imported sets carry, and the rest taken after the set.
    distance_m: Mapped[float | None] = mapped_column(Float)
    rest_s: Mapped[float | None] = mapped_column(Float)
    # Schema v6: the longest and the mean of descent_s, kept by SQLite triggers
    # (see migrations._V6_DESCENT_SUMMARY); never written by the app.
    descent_max_s: Mapped[float | None] = mapped_column(Float)
    descent_mean_s: Mapped[float | None] = mapped_column(Float)
    # Schema v7: reps in reserve (0-10), and per rep of descent_s whether it
    # was held to the floor without a break-point press (a JSON list of
    # booleans: such a value is the target, a lower bound, not a measurement).
    rir: Mapped[int | None] = mapped_column(Integer)
    descent_held: Mapped[str | None] = mapped_column(Text)

    session: Mapped[WorkoutSession] = relationship(back_populates="sets")

    __table_args__ = (
        CheckConstraint("length(exercise_slug) > 0", name="set_exercise_not_blank"),
        CheckConstraint("set_number >= 1", name="set_number_positive"),
        CheckConstraint(_in("side", SIDES), name="set_side_known"),
        CheckConstraint("reps IS NULL OR reps >= 0", name="set_reps_not_negative"),
        CheckConstraint("load_kg IS NULL OR (load_kg >= -500 AND load_kg <= 500)",
                        name="set_load_plausible"),
        CheckConstraint(_in("load_unit", LOAD_UNITS), name="set_load_unit_known"),
        CheckConstraint("duration_s IS NULL OR duration_s >= 0", name="set_duration_not_negative"),
        CheckConstraint("rpe IS NULL OR (rpe >= 1 AND rpe <= 10)", name="set_rpe_1_to_10"),
        CheckConstraint("descent_s IS NULL OR json_valid(descent_s)", name="set_descent_json"),
        CheckConstraint(_in("set_type", SET_TYPES), name="set_type_known"),
        CheckConstraint("distance_m IS NULL OR distance_m >= 0", name="set_distance_not_negative"),
        CheckConstraint("rest_s IS NULL OR rest_s >= 0", name="set_rest_not_negative"),
        CheckConstraint("rir IS NULL OR (rir >= 0 AND rir <= 10)", name="set_rir_0_to_10"),
        CheckConstraint("descent_held IS NULL OR json_valid(descent_held)",
                        name="set_descent_held_json"),
        Index("ix_logged_set_session", "session_id", "set_number"),
        Index("ix_logged_set_exercise_logged", "exercise_slug", "logged_at"),
        # For the personal records (see migrations._V5_RECORD_INDEX).
        Index("ix_logged_set_first_lift", "exercise_slug", "reps", "load_kg", "logged_at",
              sqlite_where=text("set_type IN ('working', 'drop') AND reps >= 1")),
        # For the descent records (see migrations._V6_DESCENT_SUMMARY).
        Index("ix_logged_set_longest_descent", "exercise_slug", "descent_max_s", "logged_at", "id",
              sqlite_where=text("descent_max_s IS NOT NULL AND set_type IN ('working', 'drop')")),
        Index("ix_logged_set_mean_descent", "exercise_slug", "descent_mean_s", "logged_at", "id",
              sqlite_where=text("descent_max_s IS NOT NULL AND set_type IN ('working', 'drop')")),
        Index("ix_logged_set_counted", "exercise_slug", "side", "load_kg", "reps", "descent_max_s",
              sqlite_where=text("set_type IN ('working', 'drop')")),
        Index("ix_logged_set_loaded", "exercise_slug", "session_id", "load_kg", "reps",
              sqlite_where=text("set_type IN ('working', 'drop') AND load_kg > 0 AND reps >= 1")),
        # For last time (see migrations._V7_RIR_AND_HELD_DESCENTS).
        Index("ix_logged_set_working_logged", "exercise_slug", "logged_at", "session_id",
              sqlite_where=text("set_type = 'working'")),
    )


class Setting(Base):
    """App settings as JSON values, one row per key."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (CheckConstraint("json_valid(value)", name="setting_value_json"),)


class CustomExerciseRow(Base):
    """An exercise the athlete added (schema v2). Built-ins live in resources/."""

    __tablename__ = "custom_exercise"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    # Equipment ids as a JSON list: read back whole, never queried one by one.
    equipment: Mapped[str] = mapped_column(Text)
    one_side: Mapped[str] = mapped_column(String(12))
    category: Mapped[str] = mapped_column(String(12))
    level: Mapped[str | None] = mapped_column(String(12))
    notes: Mapped[str] = mapped_column(Text, default="")
    based_on: Mapped[str | None] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    steps: Mapped[list[CustomStepRow]] = relationship(
        back_populates="exercise", cascade="all, delete-orphan", order_by="CustomStepRow.position")

    __table_args__ = (
        CheckConstraint("length(trim(name)) > 0", name="custom_name_not_blank"),
        CheckConstraint("slug LIKE 'custom-%'", name="custom_slug_prefixed"),
        CheckConstraint("json_valid(equipment)", name="custom_equipment_json"),
        CheckConstraint("one_side IN ('no', 'yes', 'alternating')", name="custom_one_side_known"),
        CheckConstraint("category IN ('warmup', 'strength', 'mobility')",  # schema v10
                        name="custom_category_known"),
        CheckConstraint("level IS NULL OR level IN ('beginner', 'intermediate', 'advanced')",
                        name="custom_level_known"),
    )


class CustomStepRow(Base):
    __tablename__ = "custom_step"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    exercise_id: Mapped[int] = mapped_column(ForeignKey("custom_exercise.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    # File name inside <data dir>/pictures, or NULL.
    picture: Mapped[str | None] = mapped_column(String(120))

    exercise: Mapped[CustomExerciseRow] = relationship(back_populates="steps")

    __table_args__ = (
        CheckConstraint("position >= 1", name="custom_step_position_positive"),
        CheckConstraint("length(trim(text)) > 0", name="custom_step_text_not_blank"),
        UniqueConstraint("exercise_id", "position", name="custom_step_position_unique"),
    )


class Enrolment(Base):
    """The athlete following a program: from ``start_date``, on ``weekdays``."""

    __tablename__ = "enrolment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athlete.id", ondelete="CASCADE"))
    program_slug: Mapped[str] = mapped_column(String(80))
    # A calendar date in the athlete's own time zone (YYYY-MM-DD), not an instant.
    start_date: Mapped[str] = mapped_column(String(10))
    weekdays: Mapped[str] = mapped_column(Text)  # JSON list, 0 = Monday
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The program session it begins at (schema v9): a restart after a layoff
    # begins part-way through; last, as ALTER TABLE added it.
    first_day: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))

    __table_args__ = (
        CheckConstraint("length(program_slug) > 0", name="enrolment_program_not_blank"),
        CheckConstraint("date(start_date) = start_date", name="enrolment_start_is_a_date"),
        CheckConstraint("json_valid(weekdays)", name="enrolment_weekdays_json"),
        CheckConstraint("first_day >= 1", name="enrolment_first_day_positive"),
        Index("ix_enrolment_one_active", "athlete_id", unique=True,
              sqlite_where=text("ended_at IS NULL")),
    )


class BodyNote(Base):
    """A quick note on any day (schema v9): hamstring soreness 0-10 and/or
    pain during or after a run, and words; NULL for what was not given."""

    __tablename__ = "body_note"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athlete.id", ondelete="CASCADE"))
    noted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    soreness: Mapped[int | None] = mapped_column(Integer)
    run_pain: Mapped[str | None] = mapped_column(String(4))
    words: Mapped[str] = mapped_column(Text)

    __table_args__ = (
        CheckConstraint("soreness IS NULL OR (soreness >= 0 AND soreness <= 10)",
                        name="body_note_soreness_0_to_10"),
        CheckConstraint(f"run_pain IS NULL OR {_in('run_pain', PAIN_LEVELS)}",
                        name="body_note_run_pain_known"),
        CheckConstraint("soreness IS NOT NULL OR run_pain IS NOT NULL OR length(trim(words)) > 0",
                        name="body_note_says_something"),
        Index("ix_body_note_athlete_noted", "athlete_id", "noted_at"),
    )


class UserProgram(Base):
    """One of the athlete's own routines or programs, as checked JSON."""

    __tablename__ = "user_program"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    definition: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        CheckConstraint("slug LIKE 'my-%'", name="user_program_slug_prefixed"),
        CheckConstraint("length(trim(name)) > 0", name="user_program_name_not_blank"),
        CheckConstraint("json_valid(definition)", name="user_program_definition_json"),
    )


# -- the running week (schema v11) ----------------------------------------------
# The CHECKs come from the vocabulary (app.logbook.runs): a value or limit
# changed there no longer matches migration 11's frozen SQL, and the schema
# test says a migration is due.

_HR_LOW, _HR_HIGH = HEART_RATE_RANGE
_KG_LOW, _KG_HIGH = BODY_WEIGHT_RANGE_KG


class Run(Base):
    """A run read from the athlete's file (or typed): what the log keeps of
    it, never the file. NULL where the file had no distance, climb or heart
    rate. ``tag_guessed`` is True while the tag is the importer's guess."""

    __tablename__ = "run"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athlete.id", ondelete="CASCADE"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    duration_s: Mapped[float] = mapped_column(Float)
    sport: Mapped[str] = mapped_column(String(12))
    distance_m: Mapped[float | None] = mapped_column(Float)
    elevation_gain_m: Mapped[float | None] = mapped_column(Float)
    average_heart_rate: Mapped[int | None] = mapped_column(Integer)
    tag: Mapped[str] = mapped_column(String(8))
    tag_guessed: Mapped[bool] = mapped_column(Boolean)
    source: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))

    __table_args__ = (
        CheckConstraint(f"duration_s > 0 AND duration_s <= {MAX_RUN_DURATION_S}",
                        name="run_duration_0_to_48h"),
        CheckConstraint(_in("sport", tuple(s.value for s in Sport)), name="run_sport_known"),
        CheckConstraint(f"distance_m IS NULL OR (distance_m >= 0 AND distance_m <= "
                        f"{MAX_RUN_DISTANCE_M:.0f})", name="run_distance_plausible"),
        CheckConstraint(f"elevation_gain_m IS NULL OR (elevation_gain_m >= 0 AND "
                        f"elevation_gain_m <= {MAX_ELEVATION_GAIN_M:.0f})",
                        name="run_elevation_gain_plausible"),
        CheckConstraint(f"average_heart_rate IS NULL OR (average_heart_rate >= {_HR_LOW} AND "
                        f"average_heart_rate <= {_HR_HIGH})", name="run_heart_rate_plausible"),
        CheckConstraint(_in("tag", tuple(t.value for t in RunTag)), name="run_tag_known"),
        CheckConstraint("tag_guessed IN (0, 1)", name="run_tag_guessed_boolean"),
        Index("ix_run_athlete_started", "athlete_id", "started_at"),
    )


class PlannedRunDay(Base):
    """A weekday (0 = Monday) of the athlete's planned running week."""

    __tablename__ = "planned_run_day"

    athlete_id: Mapped[int] = mapped_column(ForeignKey("athlete.id", ondelete="CASCADE"),
                                            primary_key=True)
    weekday: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))

    __table_args__ = (
        CheckConstraint("weekday >= 0 AND weekday <= 6", name="planned_run_weekday_0_to_6"),
        CheckConstraint(_in("kind", tuple(d.value for d in PlannedDay)), name="planned_run_kind_known"),
    )


class Race(Base):
    """A one-off race on a calendar day (the athlete's own time zone, YYYY-MM-DD)."""

    __tablename__ = "race"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athlete.id", ondelete="CASCADE"))
    day: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(RACE_NAME_MAX))

    __table_args__ = (
        CheckConstraint("date(day) IS day", name="race_day_is_a_date"),
        CheckConstraint(f"length(trim(name)) > 0 AND length(name) <= {RACE_NAME_MAX}",
                        name="race_name_not_blank"),
        Index("ix_race_athlete_day", "athlete_id", "day"),
    )


class BodyWeight(Base):
    """The athlete's body weight on a calendar day, in kg (one per day)."""

    __tablename__ = "body_weight"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athlete.id", ondelete="CASCADE"))
    day: Mapped[str] = mapped_column(String(10))
    kg: Mapped[float] = mapped_column(Float)

    __table_args__ = (
        CheckConstraint("date(day) IS day", name="body_weight_day_is_a_date"),
        CheckConstraint(f"kg >= {_KG_LOW:g} AND kg <= {_KG_HIGH:g}", name="body_weight_plausible"),
        UniqueConstraint("athlete_id", "day", name="body_weight_one_per_day"),
    )
