"""What the athlete enters for a set, checked before it goes near the database.

No SQLAlchemy here: the window imports these types while the database layer
is still loading in the background.

The database has CHECK constraints as the last line of defence; these
validators come first so the user gets a message in words, naming the field.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from app.kernel.i18n import QT_TRANSLATE_NOOP, format_decimal, format_integer, translate
from app.kernel.refusal import FieldRefusal


class Side(StrEnum):
    """Which leg a set worked: one side, or both at once (or no side at all:
    a bilateral lift). The values are what logged_set.side stores."""

    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"


class SetType(StrEnum):
    """What a set was for; only working and drop sets count toward records,
    volume and progress. The values are what logged_set.set_type stores: one
    spelling, "warmup" (the CHECK constraint allows no other; an importer
    reading "warm-up" or Strong's "W" writes WARMUP)."""

    WARMUP = "warmup"
    WORKING = "working"
    DROP = "drop"


# The stored strings in order: the CHECK constraints and the messages list them.
SIDES: tuple[str, ...] = tuple(side.value for side in Side)
SET_TYPES: tuple[str, ...] = tuple(kind.value for kind in SetType)
LOAD_UNITS = ("kg", "lb")
# Pain during or after a run, as a quick note stores it: the values of
# app.coaching.readiness.PainLevel (storage imports nothing above it).
PAIN_LEVELS = ("none", "mild", "more")
SORENESS_RANGE = (0, 10)  # as the readiness question asks it
MAX_NOTE_WORDS = 500  # characters: a note, not a diary

KG_PER_LB = 0.45359237
MAX_LOAD_KG = 500.0
MAX_REPS = 1000
MAX_DURATION_S = 6 * 3600
MAX_DESCENT_S = 60.0
MAX_DISTANCE_M = 1_000_000.0  # a thousand kilometres: anything more is a typo
MAX_REST_S = 6 * 3600
MAX_RIR = 10  # reps in reserve: beyond 10 the set was not near any effort worth rating
# The most band (or machine) assistance a set typed in a session may take off:
# beyond it the minus sign is a slip, not help. (Imports keep the wider
# database bound, -MAX_LOAD_KG, for what other apps stored.)
MAX_ASSIST_KG = 100.0
TEMPO_PATTERN = re.compile(r"^(10|\d)-(10|\d)-(10|\d)-(10|\d)$")


# The fields as messages name them (translated in InvalidEntryError).
_FIELD_LABELS = {
    "exercise": QT_TRANSLATE_NOOP("InvalidEntryError", "exercise"),
    "set number": QT_TRANSLATE_NOOP("InvalidEntryError", "set number"),
    "side": QT_TRANSLATE_NOOP("InvalidEntryError", "side"),
    "reps": QT_TRANSLATE_NOOP("InvalidEntryError", "reps"),
    "load": QT_TRANSLATE_NOOP("InvalidEntryError", "load"),
    "load unit": QT_TRANSLATE_NOOP("InvalidEntryError", "load unit"),
    "duration": QT_TRANSLATE_NOOP("InvalidEntryError", "duration"),
    "RPE": QT_TRANSLATE_NOOP("InvalidEntryError", "RPE"),
    "RIR": QT_TRANSLATE_NOOP("InvalidEntryError", "RIR"),
    "descent held": QT_TRANSLATE_NOOP("InvalidEntryError", "descents held to the floor"),
    "tempo": QT_TRANSLATE_NOOP("InvalidEntryError", "tempo"),
    "set type": QT_TRANSLATE_NOOP("InvalidEntryError", "set type"),
    "notes": QT_TRANSLATE_NOOP("InvalidEntryError", "notes"),
    "distance": QT_TRANSLATE_NOOP("InvalidEntryError", "distance"),
    "rest": QT_TRANSLATE_NOOP("InvalidEntryError", "rest"),
    "program": QT_TRANSLATE_NOOP("InvalidEntryError", "program"),
    "start date": QT_TRANSLATE_NOOP("InvalidEntryError", "start date"),
    "weekdays": QT_TRANSLATE_NOOP("InvalidEntryError", "weekdays"),
    "name": QT_TRANSLATE_NOOP("InvalidEntryError", "name"),
    "first day": QT_TRANSLATE_NOOP("InvalidEntryError", "first session"),
    "soreness": QT_TRANSLATE_NOOP("InvalidEntryError", "soreness"),
    "run pain": QT_TRANSLATE_NOOP("InvalidEntryError", "pain during or after a run"),
    "words": QT_TRANSLATE_NOOP("InvalidEntryError", "note"),
}


class InvalidEntryError(FieldRefusal):
    """A value the athlete typed makes no sense; ``field`` says which one.

    ``field`` is the key forms match on ("reps", "descent of rep 2") and stays
    in English; ``label`` is the field in the athlete's language, and
    ``message`` what is wrong with it ("must be at most 1000").
    """

    LABELS = _FIELD_LABELS
    LABEL_CONTEXT = "InvalidEntryError"


def to_kg(value: float, unit: str) -> float:
    return value * KG_PER_LB if unit == "lb" else value


def from_kg(kg: float, unit: str) -> float:
    return kg / KG_PER_LB if unit == "lb" else kg


@dataclass(frozen=True)
class SetEntry:
    """One set as entered. ``load`` is in ``load_unit``; negative means band assistance."""

    exercise_slug: str
    set_number: int
    side: str = Side.BOTH
    reps: int | None = None
    load: float | None = None
    load_unit: str = "kg"
    duration_s: float | None = None
    rpe: float | None = None
    tempo: str | None = None
    descent_s: tuple[float, ...] | None = None
    set_type: str = SetType.WORKING
    notes: str = ""
    distance_m: float | None = None
    rest_s: float | None = None
    # Reps in reserve, 0-10 (asked instead of RPE when Settings say so).
    rir: int | None = None
    # One flag per rep of ``descent_s``: True = lowered to the floor without a
    # break-point press, so that value is the target (a lower bound), not a
    # measured break point. Empty: not known (every set logged before schema v7).
    descent_held: tuple[bool, ...] = ()

    def __post_init__(self) -> None:
        validate_set(self)

    @property
    def load_kg(self) -> float | None:
        return None if self.load is None else to_kg(self.load, self.load_unit)


def _number(field: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidEntryError(field, translate("entries", "must be a number, got {value}")
                                .format(value=repr(value)))
    if not math.isfinite(value):
        raise InvalidEntryError(field, translate("entries", "must be a finite number"))
    return float(value)


def _seconds_limit(limit: float) -> str:
    return translate("entries", "must be between 0 and {limit} seconds").format(
        limit=format_decimal(limit, 0))


def _descent_error(rep: int, message: str) -> InvalidEntryError:
    # The field names the rep; forms read it back from the English key.
    return InvalidEntryError(f"descent of rep {rep}", message, translate(
        "entries", "descent of rep {rep}").format(rep=format_integer(rep)))


def validate_set(entry: SetEntry) -> None:
    # Stored values (sides, set types, units) are named as stored: they are
    # what an import file or a script must write.
    if not isinstance(entry.exercise_slug, str) or not entry.exercise_slug.strip():
        raise InvalidEntryError("exercise", translate("entries", "is missing"))
    if isinstance(entry.set_number, bool) or not isinstance(entry.set_number, int) \
            or entry.set_number < 1:
        raise InvalidEntryError("set number", translate("entries", "must be a whole number from 1, "
                                                                   "got {value}")
                                .format(value=repr(entry.set_number)))
    if entry.side not in SIDES:
        raise InvalidEntryError("side", translate("entries", "must be one of {values}, got {value}")
                                .format(values=", ".join(SIDES), value=repr(entry.side)))
    if entry.reps is not None:
        if isinstance(entry.reps, bool) or not isinstance(entry.reps, int):
            raise InvalidEntryError("reps", translate("entries", "must be a whole number, got {value}")
                                    .format(value=repr(entry.reps)))
        if entry.reps < 0:
            raise InvalidEntryError("reps", translate("entries", "cannot be negative"))
        if entry.reps > MAX_REPS:
            raise InvalidEntryError("reps", translate("entries", "must be at most {limit}")
                                    .format(limit=format_integer(MAX_REPS)))
    if entry.load_unit not in LOAD_UNITS:
        raise InvalidEntryError("load unit", translate("entries", "must be kg or lb, got {value}")
                                .format(value=repr(entry.load_unit)))
    if entry.load is not None:
        kg = to_kg(_number("load", entry.load), entry.load_unit)
        if abs(kg) > MAX_LOAD_KG:
            limit = format_decimal(from_kg(MAX_LOAD_KG, entry.load_unit), 2)
            raise InvalidEntryError("load", translate("entries", "must be between -{limit} and "
                                                                 "{limit} {unit}")
                                    .format(limit=limit, unit=entry.load_unit))
    if entry.duration_s is not None:
        seconds = _number("duration", entry.duration_s)
        if not 0 <= seconds <= MAX_DURATION_S:
            raise InvalidEntryError("duration", _seconds_limit(MAX_DURATION_S))
    if entry.rpe is not None:
        rpe = _number("RPE", entry.rpe)
        if not 1 <= rpe <= 10:
            raise InvalidEntryError("RPE", translate("entries", "must be between 1 and 10, got {rpe}")
                                    .format(rpe=format_decimal(rpe, 2)))
    if entry.tempo is not None and not TEMPO_PATTERN.match(entry.tempo):
        raise InvalidEntryError("tempo", translate("entries", "must be four numbers of seconds 0-10, "
                                                              "like 5-0-3-0 (lower-pause-lift-pause)"))
    if entry.descent_s is not None:
        for rep, seconds in enumerate(entry.descent_s, start=1):
            try:
                value = _number("descent", seconds)
            except InvalidEntryError as exc:
                raise _descent_error(rep, exc.message) from None
            if not 0 <= value <= MAX_DESCENT_S:
                raise _descent_error(rep, _seconds_limit(MAX_DESCENT_S))
    if entry.set_type not in SET_TYPES:
        raise InvalidEntryError("set type", translate("entries", "must be one of {values}")
                                .format(values=", ".join(SET_TYPES)))
    if not isinstance(entry.notes, str):
        raise InvalidEntryError("notes", translate("entries", "must be text"))
    if entry.distance_m is not None:
        metres = _number("distance", entry.distance_m)
        if not 0 <= metres <= MAX_DISTANCE_M:
            raise InvalidEntryError("distance", translate("entries", "must be between 0 and {limit} "
                                                                     "meters")
                                    .format(limit=format_decimal(MAX_DISTANCE_M, 0)))
    if entry.rest_s is not None:
        rest = _number("rest", entry.rest_s)
        if not 0 <= rest <= MAX_REST_S:
            raise InvalidEntryError("rest", _seconds_limit(MAX_REST_S))
    if entry.rir is not None and (isinstance(entry.rir, bool) or not isinstance(entry.rir, int)
                                  or not 0 <= entry.rir <= MAX_RIR):
        raise InvalidEntryError("RIR", translate("entries", "must be a whole number from 0 to "
                                                            "{limit}, got {value}")
                                .format(limit=format_integer(MAX_RIR), value=repr(entry.rir)))
    validate_descent_held(entry.descent_held, entry.descent_s)


def validate_descent_held(held: object, descents: tuple[float, ...] | None) -> None:
    """``held`` is a tuple of booleans, one per descent (or empty: not known)."""
    if not isinstance(held, tuple) or any(not isinstance(flag, bool) for flag in held):
        raise InvalidEntryError("descent held", translate("entries", "must be a list of true or "
                                                                     "false, one per rep"))
    if held and len(held) != len(descents or ()):
        raise InvalidEntryError("descent held", translate(
            "entries", "must have one mark per descent: {marks} for {count}").format(
            marks=format_integer(len(held)), count=format_integer(len(descents or ()))))


def check_descents_fit_reps(reps: int | None, descents: tuple[float, ...] | None) -> None:
    """At most one descent per rep: a set whose descent list is longer than its
    reps says it lowered more times than it did. InvalidEntryError ("descent").
    Not part of validate_set: sets already in a log (or in another app's file)
    are read as they are; what is typed or logged from now on is checked."""
    if reps is None or not descents or len(descents) <= reps:
        return
    times = translate("entries", "%n descent time(s)", n=len(descents))
    raise InvalidEntryError("descent", translate(
        "entries", "{times} for %n rep(s): remove the extra times or raise the reps",
        n=reps).format(times=times), translate("entries", "descent"))


def fit_descents_to_reps(reps: int | None, descents: tuple[float, ...] | None,
                         held: tuple[bool, ...]) -> tuple[tuple[float, ...] | None, tuple[bool, ...]]:
    """The descents (and their held flags) of the first ``reps`` reps: fewer
    reps logged than were cued keep the descents of the reps done. More reps,
    or none given, keep the list as it is (the extra reps were not timed)."""
    if reps is None or not descents or len(descents) <= reps:
        return descents, held
    kept = descents[:reps] or None
    return kept, held[:reps] if held and kept else ()


def check_typed_load(load: float | None, unit: str) -> None:
    """A load typed on the log sheet: at most MAX_LOAD_KG, and no more
    assistance (a negative load) than MAX_ASSIST_KG; InvalidEntryError
    ("load") saying which bound, in the unit typed."""
    if load is None:
        return
    kg = to_kg(_number("load", load), unit)
    if kg > MAX_LOAD_KG:
        raise InvalidEntryError("load", translate("entries", "must be at most {limit} {unit}").format(
            limit=format_decimal(_floor2(from_kg(MAX_LOAD_KG, unit)), 2), unit=unit))
    if kg < -MAX_ASSIST_KG:
        raise InvalidEntryError("load", translate(
            "entries", "band assistance (a negative load) must be at most {limit} {unit}").format(
            limit=format_decimal(_floor2(from_kg(MAX_ASSIST_KG, unit)), 2), unit=unit))


def _floor2(value: float) -> float:
    """A limit shown with two decimals, never above the true limit."""
    return math.floor(value * 100 + 1e-9) / 100


def held_to_db(held: tuple[bool, ...]) -> str | None:
    """The ``descent_held`` column's value: NULL when not known."""
    return json.dumps(list(held)) if held else None


HELD_MARK = "+"   # after a descent held to the floor: its target, at least ("5.0+")


def held_or_unknown(descents: tuple[float, ...] | None, held: tuple[bool, ...]) -> tuple[bool, ...]:
    """One held flag per descent: the set's own when it has one for each,
    else all False (not known: every value reads as measured)."""
    count = len(descents or ())
    return held if len(held) == count else (False,) * count


def held_from_db(text: str | None) -> tuple[bool, ...]:
    """The flags as stored; anything but a list of booleans (another tool's
    writing) reads as not known rather than as a claim."""
    if text is None:
        return ()
    try:
        value = json.loads(text)
    except ValueError:
        return ()
    if not isinstance(value, list) or not all(isinstance(flag, bool) for flag in value):
        return ()
    return tuple(value)


@dataclass(frozen=True)
class LoggedSetRecord:
    """A set as stored."""

    id: int
    uid: str
    session_id: int
    exercise_slug: str
    set_number: int
    side: str
    reps: int | None
    load_kg: float | None
    load_unit: str
    duration_s: float | None
    rpe: float | None
    tempo: str | None
    descent_s: tuple[float, ...] | None
    set_type: str
    notes: str
    logged_at: datetime
    distance_m: float | None = None
    rest_s: float | None = None
    rir: int | None = None  # schema v7, as SetEntry's
    descent_held: tuple[bool, ...] = ()  # schema v7, as SetEntry's

    @property
    def load_entered(self) -> float | None:
        """The load in the unit it was entered in (lb values come back exactly)."""
        if self.load_kg is None:
            return None
        return round(from_kg(self.load_kg, self.load_unit), 3)


@dataclass(frozen=True)
class LastTime:
    """An exercise's working sets in the most recent session that has them:
    what the session screen shows as "last time" and the summary compares with."""

    started_at: datetime  # that session's start, UTC
    session_id: int
    sets: tuple[LoggedSetRecord, ...]  # its working sets of the exercise, in logged order


@dataclass(frozen=True)
class SessionRecord:
    id: int
    uid: str
    athlete_id: int
    started_at: datetime
    ended_at: datetime | None
    program_slug: str | None
    program_day: int | None
    title: str
    notes: str
    readiness: dict[str, object] | None
    set_count: int
    volume_kg: float
    source: str | None = None  # the app it was imported from; None when logged here

    @property
    def duration_s(self) -> float | None:
        if self.ended_at is None:
            return None
        return (self.ended_at - self.started_at).total_seconds()


@dataclass(frozen=True)
class EnrolmentRecord:
    """A program the athlete follows (``ended_at`` None) or followed."""

    id: int
    uid: str
    program_slug: str
    start_date: date  # a calendar date in the athlete's time zone
    weekdays: tuple[int, ...]  # 0 = Monday
    created_at: datetime
    ended_at: datetime | None
    # The program session it begins at (schema v9): 1, or the first session
    # of the week a restart after a layoff went back to.
    first_day: int = 1


@dataclass(frozen=True)
class BodyNoteRecord:
    """A quick note on how the body feels (schema v9). ``soreness`` 0-10 and
    ``run_pain`` (one of PAIN_LEVELS) are None when the athlete left them out."""

    id: int
    uid: str
    noted_at: datetime
    soreness: int | None
    run_pain: str | None
    words: str


def validate_body_note(soreness: int | None, run_pain: str | None, words: str) -> str:
    """The note's words, trimmed; InvalidEntryError for a value out of range
    or a note that says nothing at all."""
    low, high = SORENESS_RANGE
    if soreness is not None and (isinstance(soreness, bool) or not isinstance(soreness, int)
                                 or not low <= soreness <= high):
        raise InvalidEntryError("soreness", translate("entries", "must be a whole number from "
                                                      "{low} to {high}").format(
            low=format_integer(low), high=format_integer(high)))
    if run_pain is not None and run_pain not in PAIN_LEVELS:
        raise InvalidEntryError("run pain", translate("entries", "must be none, mild or more"))
    if not isinstance(words, str):
        raise InvalidEntryError("words", translate("entries", "must be text"))
    words = words.strip()
    if len(words) > MAX_NOTE_WORDS:
        raise InvalidEntryError("words", translate("entries", "keep it to %n character(s)",
                                                   n=MAX_NOTE_WORDS))
    if soreness is None and run_pain is None and not words:
        raise InvalidEntryError("words", translate("entries", "give the soreness, the run pain "
                                                   "or a few words"))
    return words


def validate_enrolment(program_slug: str, start_date: date, weekdays: tuple[int, ...],
                       first_day: int = 1) -> None:
    if not isinstance(program_slug, str) or not program_slug.strip():
        raise InvalidEntryError("program", translate("entries", "is missing"))
    if not isinstance(start_date, date) or isinstance(start_date, datetime):
        raise InvalidEntryError("start date", translate("entries", "must be a calendar date"))
    if not weekdays:
        raise InvalidEntryError("weekdays", translate("entries", "choose at least one training day"))
    if len(set(weekdays)) != len(weekdays) or any(
            isinstance(d, bool) or not isinstance(d, int) or not 0 <= d <= 6 for d in weekdays):
        raise InvalidEntryError("weekdays", translate("entries", "must be different days, 0 (Monday) "
                                                                 "to 6 (Sunday)"))
    if isinstance(first_day, bool) or not isinstance(first_day, int) or first_day < 1:
        raise InvalidEntryError("first day", translate("entries", "must be a whole number from 1"))
