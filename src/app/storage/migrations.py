"""The schema's history, one ordered step per version.

Each migration's SQL is frozen as it was released: never edit a released
step, add a new one. ``SCHEMA_VERSION`` is the last step's number and is
stored in the database header (``PRAGMA user_version``). Every step runs in
its own transaction together with the version bump, so a failure leaves the
database exactly at the previous version.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


_V1_INITIAL = (
    """CREATE TABLE athlete (
        id INTEGER NOT NULL,
        name VARCHAR(80) NOT NULL,
        created_at DATETIME NOT NULL,
        PRIMARY KEY (id),
        CONSTRAINT athlete_name_not_blank CHECK (length(trim(name)) > 0)
    )""",
    """CREATE TABLE setting (
        "key" VARCHAR(80) NOT NULL,
        value TEXT NOT NULL,
        updated_at DATETIME NOT NULL,
        PRIMARY KEY ("key"),
        CONSTRAINT setting_value_json CHECK (json_valid(value))
    )""",
    """CREATE TABLE workout_session (
        id INTEGER NOT NULL,
        uid VARCHAR(36) NOT NULL,
        athlete_id INTEGER NOT NULL,
        started_at DATETIME NOT NULL,
        ended_at DATETIME,
        program_slug VARCHAR(80),
        program_day INTEGER,
        title VARCHAR(200) NOT NULL,
        notes TEXT NOT NULL,
        readiness TEXT,
        PRIMARY KEY (id),
        CONSTRAINT session_ends_after_start CHECK (ended_at IS NULL OR ended_at >= started_at),
        CONSTRAINT session_program_day_positive CHECK (program_day IS NULL OR program_day >= 1),
        CONSTRAINT session_readiness_json CHECK (readiness IS NULL OR json_valid(readiness)),
        UNIQUE (uid),
        FOREIGN KEY(athlete_id) REFERENCES athlete (id) ON DELETE CASCADE
    )""",
    "CREATE INDEX ix_workout_session_athlete_started ON workout_session (athlete_id, started_at)",
    """CREATE TABLE logged_set (
        id INTEGER NOT NULL,
        uid VARCHAR(36) NOT NULL,
        session_id INTEGER NOT NULL,
        exercise_slug VARCHAR(80) NOT NULL,
        set_number INTEGER NOT NULL,
        side VARCHAR(5) NOT NULL,
        reps INTEGER,
        load_kg FLOAT,
        load_unit VARCHAR(2) NOT NULL,
        duration_s FLOAT,
        rpe FLOAT,
        tempo VARCHAR(16),
        descent_s TEXT,
        set_type VARCHAR(8) NOT NULL,
        notes TEXT NOT NULL,
        logged_at DATETIME NOT NULL,
        PRIMARY KEY (id),
        CONSTRAINT set_exercise_not_blank CHECK (length(exercise_slug) > 0),
        CONSTRAINT set_number_positive CHECK (set_number >= 1),
        CONSTRAINT set_side_known CHECK (side IN ('left', 'right', 'both')),
        CONSTRAINT set_reps_not_negative CHECK (reps IS NULL OR reps >= 0),
        CONSTRAINT set_load_plausible CHECK (load_kg IS NULL OR (load_kg >= -500 AND load_kg <= 500)),
        CONSTRAINT set_load_unit_known CHECK (load_unit IN ('kg', 'lb')),
        CONSTRAINT set_duration_not_negative CHECK (duration_s IS NULL OR duration_s >= 0),
        CONSTRAINT set_rpe_1_to_10 CHECK (rpe IS NULL OR (rpe >= 1 AND rpe <= 10)),
        CONSTRAINT set_descent_json CHECK (descent_s IS NULL OR json_valid(descent_s)),
        CONSTRAINT set_type_known CHECK (set_type IN ('warmup', 'working', 'drop')),
        UNIQUE (uid),
        FOREIGN KEY(session_id) REFERENCES workout_session (id) ON DELETE CASCADE
    )""",
    "CREATE INDEX ix_logged_set_exercise_logged ON logged_set (exercise_slug, logged_at)",
    "CREATE INDEX ix_logged_set_session ON logged_set (session_id, set_number)",
)

_V2_CUSTOM_EXERCISES = (
    """CREATE TABLE custom_exercise (
        id INTEGER NOT NULL,
        uid VARCHAR(36) NOT NULL,
        slug VARCHAR(100) NOT NULL,
        name VARCHAR(80) NOT NULL,
        equipment TEXT NOT NULL,
        one_side VARCHAR(12) NOT NULL,
        category VARCHAR(12) NOT NULL,
        level VARCHAR(12),
        notes TEXT NOT NULL,
        based_on VARCHAR(80),
        created_at DATETIME NOT NULL,
        updated_at DATETIME NOT NULL,
        PRIMARY KEY (id),
        CONSTRAINT custom_name_not_blank CHECK (length(trim(name)) > 0),
        CONSTRAINT custom_slug_prefixed CHECK (slug LIKE 'custom-%'),
        CONSTRAINT custom_equipment_json CHECK (json_valid(equipment)),
        CONSTRAINT custom_one_side_known CHECK (one_side IN ('no', 'yes', 'alternating')),
        CONSTRAINT custom_category_known CHECK (category IN ('warm-up', 'strength', 'mobility')),
        CONSTRAINT custom_level_known
            CHECK (level IS NULL OR level IN ('beginner', 'intermediate', 'advanced')),
        UNIQUE (uid),
        UNIQUE (slug)
    )""",
    """CREATE TABLE custom_step (
        id INTEGER NOT NULL,
        exercise_id INTEGER NOT NULL,
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        picture VARCHAR(120),
        PRIMARY KEY (id),
        CONSTRAINT custom_step_position_positive CHECK (position >= 1),
        CONSTRAINT custom_step_text_not_blank CHECK (length(trim(text)) > 0),
        CONSTRAINT custom_step_position_unique UNIQUE (exercise_id, position),
        FOREIGN KEY(exercise_id) REFERENCES custom_exercise (id) ON DELETE CASCADE
    )""",
)

# Imports bring distances (a sled push, a run logged in Strong) and rest
# times (Strong's rest-timer rows); the session remembers which app it came
# from. ADD COLUMN keeps the existing rows as they are, so this step is
# instant even on a ten-year log.
_V3_IMPORTS = (
    "ALTER TABLE logged_set ADD COLUMN distance_m FLOAT "
    "CONSTRAINT set_distance_not_negative CHECK (distance_m IS NULL OR distance_m >= 0)",
    "ALTER TABLE logged_set ADD COLUMN rest_s FLOAT "
    "CONSTRAINT set_rest_not_negative CHECK (rest_s IS NULL OR rest_s >= 0)",
    "ALTER TABLE workout_session ADD COLUMN source VARCHAR(20)",
)

# Programs: the athlete following one (from a start date, on chosen weekdays)
# and the athlete's own routines and programs, kept as the same JSON shape
# the built-in TOML files load into, checked by the same loader.
_V4_PROGRAMS = (
    """CREATE TABLE enrolment (
        id INTEGER NOT NULL,
        uid VARCHAR(36) NOT NULL,
        athlete_id INTEGER NOT NULL,
        program_slug VARCHAR(80) NOT NULL,
        start_date VARCHAR(10) NOT NULL,
        weekdays TEXT NOT NULL,
        created_at DATETIME NOT NULL,
        ended_at DATETIME,
        PRIMARY KEY (id),
        CONSTRAINT enrolment_program_not_blank CHECK (length(program_slug) > 0),
        CONSTRAINT enrolment_start_is_a_date CHECK (date(start_date) = start_date),
        CONSTRAINT enrolment_weekdays_json CHECK (json_valid(weekdays)),
        UNIQUE (uid),
        FOREIGN KEY(athlete_id) REFERENCES athlete (id) ON DELETE CASCADE
    )""",
    # At most one program followed at a time.
    "CREATE UNIQUE INDEX ix_enrolment_one_active ON enrolment (athlete_id) WHERE ended_at IS NULL",
    """CREATE TABLE user_program (
        id INTEGER NOT NULL,
        uid VARCHAR(36) NOT NULL,
        slug VARCHAR(100) NOT NULL,
        name VARCHAR(80) NOT NULL,
        definition TEXT NOT NULL,
        created_at DATETIME NOT NULL,
        updated_at DATETIME NOT NULL,
        PRIMARY KEY (id),
        CONSTRAINT user_program_slug_prefixed CHECK (slug LIKE 'my-%'),
        CONSTRAINT user_program_name_not_blank CHECK (length(trim(name)) > 0),
        CONSTRAINT user_program_definition_json CHECK (json_valid(definition)),
        UNIQUE (uid),
        UNIQUE (slug)
    )""",
)

_V5_RECORD_INDEX = (
    # The records' first-lift aggregate (progress_queries._FIRST_LIFTS) reads
    # only counted sets with reps: this index holds exactly those, in the
    # order the aggregate groups them, so it is read instead of the table and
    # no temporary B-tree is built (a third off records() on a 100,000-set log).
    "CREATE INDEX ix_logged_set_first_lift ON logged_set "
    "(exercise_slug, reps, load_kg, logged_at) "
    "WHERE set_type IN ('working', 'drop') AND reps >= 1",
)


def _descent_summary(descents: str, aggregate: str) -> str:
    """SQL for ``aggregate`` over the numbers of the JSON list ``descents``, or
    NULL when it is not a non-empty list of numbers only (the reader's rule:
    such a list counts as no descent)."""
    return (f"CASE WHEN json_type({descents}) = 'array' THEN (SELECT CASE WHEN count(*) > 0 "
            f"AND count(*) = total(type IN ('integer', 'real')) THEN {aggregate} END "
            f"FROM json_each({descents})) END")


_DESCENT_MAX = "max(value)"
_DESCENT_MEAN = "total(value) / count(*)"


def _descent_columns(descents: str) -> str:
    return (f"descent_max_s = {_descent_summary(descents, _DESCENT_MAX)}, "
            f"descent_mean_s = {_descent_summary(descents, _DESCENT_MEAN)}")


def _descent_columns_wrong(row: str) -> str:
    """True when ``row``'s summary is not what its list says. As the triggers'
    condition it stops them at once, even where recursive triggers are on."""
    return (f"{row}.descent_max_s IS NOT {_descent_summary(row + '.descent_s', _DESCENT_MAX)} "
            f"OR {row}.descent_mean_s IS NOT {_descent_summary(row + '.descent_s', _DESCENT_MEAN)}")


_V6_DESCENT_SUMMARY = (
    # Each set's longest and mean descent, kept beside the JSON list by
    # SQLite itself (so every writer, this app's or another tool's, keeps them
    # true) and indexed: the descent records then read a few index entries
    # instead of parsing every Nordic set's list (a third of records() on a
    # 100,000-set log). SQLite's sums may differ from Python's in the last
    # bit: the reader uses these to find the few sets that can hold a record
    # and decides among them from the lists themselves.
    "ALTER TABLE logged_set ADD COLUMN descent_max_s FLOAT",
    "ALTER TABLE logged_set ADD COLUMN descent_mean_s FLOAT",
    f"UPDATE logged_set SET {_descent_columns('descent_s')} WHERE descent_s IS NOT NULL",
    "CREATE TRIGGER logged_set_descent_summary_on_insert AFTER INSERT ON logged_set "
    f"WHEN {_descent_columns_wrong('NEW')} BEGIN "
    f"UPDATE logged_set SET {_descent_columns('NEW.descent_s')} WHERE id = NEW.id; END",
    "CREATE TRIGGER logged_set_descent_summary_on_update "
    "AFTER UPDATE OF descent_s, descent_max_s, descent_mean_s ON logged_set "
    f"WHEN {_descent_columns_wrong('NEW')} BEGIN "
    f"UPDATE logged_set SET {_descent_columns('NEW.descent_s')} WHERE id = NEW.id; END",
    # Best first per exercise: the best before any moment is the first entry
    # logged before it, and the sets near the best are a short range.
    "CREATE INDEX ix_logged_set_longest_descent ON logged_set "
    "(exercise_slug, descent_max_s, logged_at, id) "
    "WHERE descent_max_s IS NOT NULL AND set_type IN ('working', 'drop')",
    "CREATE INDEX ix_logged_set_mean_descent ON logged_set "
    "(exercise_slug, descent_mean_s, logged_at, id) "
    "WHERE descent_max_s IS NOT NULL AND set_type IN ('working', 'drop')",
    # What the progress charts first ask (progress_queries.EXERCISE_STATS):
    # per exercise, its counted sets, loaded, per side and with descents,
    # read from this index alone instead of every row (a third of the time).
    "CREATE INDEX ix_logged_set_counted ON logged_set "
    "(exercise_slug, side, load_kg, reps, descent_max_s) "
    "WHERE set_type IN ('working', 'drop')",
    # The top-set chart (progress_queries.ProgressReader.top_sets): each
    # session's loaded sets of an exercise, grouped as the chart reads them.
    "CREATE INDEX ix_logged_set_loaded ON logged_set "
    "(exercise_slug, session_id, load_kg, reps) "
    "WHERE set_type IN ('working', 'drop') AND load_kg > 0 AND reps >= 1",
)

_V7_RIR_AND_HELD_DESCENTS = (
    # Reps in reserve, the other way of rating effort (a setting chooses which
    # of RPE and RIR the log sheet asks); whole reps, 0 to 10.
    "ALTER TABLE logged_set ADD COLUMN rir INTEGER "
    "CONSTRAINT set_rir_0_to_10 CHECK (rir IS NULL OR (rir >= 0 AND rir <= 10))",
    # Per rep of descent_s, whether it was held to the floor without a
    # break-point press: its value is then the target, a lower bound, not a
    # measured break point. NULL for every set logged before (not known).
    "ALTER TABLE logged_set ADD COLUMN descent_held TEXT "
    "CONSTRAINT set_descent_held_json CHECK (descent_held IS NULL OR json_valid(descent_held))",
    # "Last time" (queries.LogReader.last_time): an exercise's working sets,
    # newest first with their session, read from this index alone; an
    # exercise only ever warmed up with (leg swings) has no entry at all.
    "CREATE INDEX ix_logged_set_working_logged ON logged_set "
    "(exercise_slug, logged_at, session_id) WHERE set_type = 'working'",
)

_V8_PROGRAM_SESSIONS = (
    # A program's sessions, newest first (coaching_queries.last_program_session,
    # queries.LogReader.program_sessions): read off this index instead of
    # walking the athlete's sessions by start. With none yet (a program just
    # begun) that walk read every session of the log (~9 ms on a
    # 1,000,000-set log, each start of the window). Sessions of no program
    # (most of an imported log) have no entry.
    "CREATE INDEX ix_workout_session_program ON workout_session "
    "(athlete_id, program_slug, started_at) WHERE program_slug IS NOT NULL",
)

# A restart after a layoff (app.usecases.today: the Nordic gap rule) is a new
# enrolment that begins part-way through its program: ``first_day`` is the
# program session it begins at (the sessions before it count as done), 1 for
# every enrolment made before. A quick note on any day (the Today page): how
# sore the hamstrings are and whether a run hurt, for the overtraining watch;
# each answer is NULL when the athlete did not give it (never a guessed 0).
_V9_RESTARTS_AND_BODY_NOTES = (
    "ALTER TABLE enrolment ADD COLUMN first_day INTEGER NOT NULL DEFAULT 1 "
    "CONSTRAINT enrolment_first_day_positive CHECK (first_day >= 1)",
    """CREATE TABLE body_note (
        id INTEGER NOT NULL,
        uid VARCHAR(36) NOT NULL,
        athlete_id INTEGER NOT NULL,
        noted_at DATETIME NOT NULL,
        soreness INTEGER,
        run_pain VARCHAR(4),
        words TEXT NOT NULL,
        PRIMARY KEY (id),
        CONSTRAINT body_note_soreness_0_to_10
            CHECK (soreness IS NULL OR (soreness >= 0 AND soreness <= 10)),
        CONSTRAINT body_note_run_pain_known
            CHECK (run_pain IS NULL OR run_pain IN ('none', 'mild', 'more')),
        CONSTRAINT body_note_says_something
            CHECK (soreness IS NOT NULL OR run_pain IS NOT NULL OR length(trim(words)) > 0),
        UNIQUE (uid),
        FOREIGN KEY(athlete_id) REFERENCES athlete (id) ON DELETE CASCADE
    )""",
    # The watch reads the notes of the last few weeks, newest first.
    "CREATE INDEX ix_body_note_athlete_noted ON body_note (athlete_id, noted_at)",
)

# One word, one spelling (issue 17): a warm-up exercise's category is stored
# as "warmup", the spelling its sets' set_type has always had, instead of
# "warm-up". SQLite cannot change a CHECK constraint in place, so both custom
# tables are copied aside, made again and filled back, ids and all. The steps
# go first: with foreign keys on, dropping the exercises would delete them.
# No RENAME: the tables are made under their own names, in the same words as
# a new log's.
_CUSTOM_EXERCISE_COLUMNS = ("id, uid, slug, name, equipment, one_side, {category}, level, notes, "
                            "based_on, created_at, updated_at")
_WARMUP_SPELLED_ONCE = "CASE category WHEN 'warm-up' THEN 'warmup' ELSE category END"
_V10_ONE_WARMUP = (
    "CREATE TEMP TABLE v10_custom_exercise AS SELECT * FROM custom_exercise",
    "CREATE TEMP TABLE v10_custom_step AS SELECT * FROM custom_step",
    "DROP TABLE custom_step",
    "DROP TABLE custom_exercise",
    """CREATE TABLE custom_exercise (
        id INTEGER NOT NULL,
        uid VARCHAR(36) NOT NULL,
        slug VARCHAR(100) NOT NULL,
        name VARCHAR(80) NOT NULL,
        equipment TEXT NOT NULL,
        one_side VARCHAR(12) NOT NULL,
        category VARCHAR(12) NOT NULL,
        level VARCHAR(12),
        notes TEXT NOT NULL,
        based_on VARCHAR(80),
        created_at DATETIME NOT NULL,
        updated_at DATETIME NOT NULL,
        PRIMARY KEY (id),
        CONSTRAINT custom_name_not_blank CHECK (length(trim(name)) > 0),
        CONSTRAINT custom_slug_prefixed CHECK (slug LIKE 'custom-%'),
        CONSTRAINT custom_equipment_json CHECK (json_valid(equipment)),
        CONSTRAINT custom_one_side_known CHECK (one_side IN ('no', 'yes', 'alternating')),
        CONSTRAINT custom_category_known CHECK (category IN ('warmup', 'strength', 'mobility')),
        CONSTRAINT custom_level_known
            CHECK (level IS NULL OR level IN ('beginner', 'intermediate', 'advanced')),
        UNIQUE (uid),
        UNIQUE (slug)
    )""",
    f"INSERT INTO custom_exercise ({_CUSTOM_EXERCISE_COLUMNS.format(category='category')}) "
    f"SELECT {_CUSTOM_EXERCISE_COLUMNS.format(category=_WARMUP_SPELLED_ONCE)} "
    "FROM temp.v10_custom_exercise ORDER BY id",
    """CREATE TABLE custom_step (
        id INTEGER NOT NULL,
        exercise_id INTEGER NOT NULL,
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        picture VARCHAR(120),
        PRIMARY KEY (id),
        CONSTRAINT custom_step_position_positive CHECK (position >= 1),
        CONSTRAINT custom_step_text_not_blank CHECK (length(trim(text)) > 0),
        CONSTRAINT custom_step_position_unique UNIQUE (exercise_id, position),
        FOREIGN KEY(exercise_id) REFERENCES custom_exercise (id) ON DELETE CASCADE
    )""",
    "INSERT INTO custom_step (id, exercise_id, position, text, picture) "
    "SELECT id, exercise_id, position, text, picture FROM temp.v10_custom_step ORDER BY id",
    "DROP TABLE temp.v10_custom_step",
    "DROP TABLE temp.v10_custom_exercise",
)

# The running week (issue 18): the runs read from the athlete's files (what
# the log keeps of each, never the file), the planned running week, one-off
# races, and the body weight log. The CHECKs hold the vocabulary's values and
# limits (app.logbook.runs) as they were at this step: the database refuses
# what validate_run refuses. A value not given stays NULL (no heart rate is
# not a heart rate of 0). Days are calendar dates in the athlete's own time
# zone (YYYY-MM-DD), as an enrolment's start date; checked with IS, not =:
# date() of a text that is no date is NULL, which a CHECK with = lets through.
_V11_RUNNING_WEEK = (
    """CREATE TABLE run (
        id INTEGER NOT NULL,
        athlete_id INTEGER NOT NULL,
        started_at DATETIME NOT NULL,
        duration_s FLOAT NOT NULL,
        sport VARCHAR(12) NOT NULL,
        distance_m FLOAT,
        elevation_gain_m FLOAT,
        average_heart_rate INTEGER,
        tag VARCHAR(8) NOT NULL,
        tag_guessed BOOLEAN NOT NULL,
        source VARCHAR(20) NOT NULL,
        title VARCHAR(200) NOT NULL,
        PRIMARY KEY (id),
        CONSTRAINT run_duration_0_to_48h CHECK (duration_s > 0 AND duration_s <= 172800),
        CONSTRAINT run_sport_known CHECK (sport IN ('run', 'trail_run', 'treadmill', 'track')),
        CONSTRAINT run_distance_plausible
            CHECK (distance_m IS NULL OR (distance_m >= 0 AND distance_m <= 1000000)),
        CONSTRAINT run_elevation_gain_plausible
            CHECK (elevation_gain_m IS NULL OR (elevation_gain_m >= 0 AND elevation_gain_m <= 50000)),
        CONSTRAINT run_heart_rate_plausible CHECK (average_heart_rate IS NULL OR
            (average_heart_rate >= 20 AND average_heart_rate <= 250)),
        CONSTRAINT run_tag_known CHECK (tag IN ('easy', 'long', 'quality', 'race', 'unknown')),
        CONSTRAINT run_tag_guessed_boolean CHECK (tag_guessed IN (0, 1)),
        FOREIGN KEY(athlete_id) REFERENCES athlete (id) ON DELETE CASCADE
    )""",
    # The week view, the load charts and an import's "already in the log"
    # read the runs of a span of time.
    "CREATE INDEX ix_run_athlete_started ON run (athlete_id, started_at)",
    """CREATE TABLE planned_run_day (
        athlete_id INTEGER NOT NULL,
        weekday INTEGER NOT NULL,
        kind VARCHAR(8) NOT NULL,
        PRIMARY KEY (athlete_id, weekday),
        CONSTRAINT planned_run_weekday_0_to_6 CHECK (weekday >= 0 AND weekday <= 6),
        CONSTRAINT planned_run_kind_known
            CHECK (kind IN ('rest', 'easy', 'long', 'quality', 'race')),
        FOREIGN KEY(athlete_id) REFERENCES athlete (id) ON DELETE CASCADE
    )""",
    """CREATE TABLE race (
        id INTEGER NOT NULL,
        athlete_id INTEGER NOT NULL,
        day VARCHAR(10) NOT NULL,
        name VARCHAR(80) NOT NULL,
        PRIMARY KEY (id),
        CONSTRAINT race_day_is_a_date CHECK (date(day) IS day),
        CONSTRAINT race_name_not_blank CHECK (length(trim(name)) > 0 AND length(name) <= 80),
        FOREIGN KEY(athlete_id) REFERENCES athlete (id) ON DELETE CASCADE
    )""",
    "CREATE INDEX ix_race_athlete_day ON race (athlete_id, day)",
    """CREATE TABLE body_weight (
        id INTEGER NOT NULL,
        athlete_id INTEGER NOT NULL,
        day VARCHAR(10) NOT NULL,
        kg FLOAT NOT NULL,
        PRIMARY KEY (id),
        CONSTRAINT body_weight_day_is_a_date CHECK (date(day) IS day),
        CONSTRAINT body_weight_plausible CHECK (kg >= 20 AND kg <= 400),
        CONSTRAINT body_weight_one_per_day UNIQUE (athlete_id, day),
        FOREIGN KEY(athlete_id) REFERENCES athlete (id) ON DELETE CASCADE
    )""",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema: athletes, sessions, logged sets, settings", _V1_INITIAL),
    Migration(2, "custom exercises and their steps", _V2_CUSTOM_EXERCISES),
    Migration(3, "distance and rest per set, and where a session was imported from", _V3_IMPORTS),
    Migration(4, "programs followed, and the athlete's own programs", _V4_PROGRAMS),
    Migration(5, "an index for personal records", _V5_RECORD_INDEX),
    Migration(6, "each set's longest and mean descent, and indexes for progress",
              _V6_DESCENT_SUMMARY),
    Migration(7, "reps in reserve, descents held to the floor, and an index for last time",
              _V7_RIR_AND_HELD_DESCENTS),
    Migration(8, "an index for a program's sessions", _V8_PROGRAM_SESSIONS),
    Migration(9, "restarts part-way through a program, and quick notes on how the body feels",
              _V9_RESTARTS_AND_BODY_NOTES),
    Migration(10, "a warm-up exercise's category spelled as its sets' type: warmup",
              _V10_ONE_WARMUP),
    Migration(11, "the running week: runs, the planned week, races, and body weight",
              _V11_RUNNING_WEEK),
)

SCHEMA_VERSION = MIGRATIONS[-1].version


def pending(current: int, migrations: Sequence[Migration] = MIGRATIONS) -> list[Migration]:
    """The steps that take a database at ``current`` to the newest version, in order."""
    versions = [m.version for m in migrations]
    if versions != list(range(1, len(migrations) + 1)):
        raise ValueError(f"migrations must be numbered 1..n without gaps, got {versions}")
    return [m for m in migrations if m.version > current]
