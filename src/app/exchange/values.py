"""Reading one cell: numbers, dates, durations and units, as other apps write them.

Each reader raises ``CellError`` with the column it was reading; the format
reader adds the file and line. Nothing here depends on the locale: month
names and am/pm are read by hand, so a Norwegian desktop reads an English
export the same way.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, tzinfo

from app.exchange.table import CellError
from app.kernel.i18n import QT_TRANSLATE_NOOP, format_integer, translate

# What a cell holds, as the subject of a message: "the weight 'ten' is not a
# number". The readers pass one of these as ``what``; the message translates it.
THE_DATE = QT_TRANSLATE_NOOP("values", "the date")
THE_START_TIME = QT_TRANSLATE_NOOP("values", "the start time")
THE_END_TIME = QT_TRANSLATE_NOOP("values", "the end time")
THE_WEIGHT = QT_TRANSLATE_NOOP("values", "the weight")
THE_DISTANCE = QT_TRANSLATE_NOOP("values", "the distance")
THE_DURATION = QT_TRANSLATE_NOOP("values", "the duration")
THE_TIME = QT_TRANSLATE_NOOP("values", "the time")  # FitNotes' "Time" column: a set's duration
THE_REST_TIME = QT_TRANSLATE_NOOP("values", "the rest time")
THE_SECONDS = QT_TRANSLATE_NOOP("values", "the seconds")
THE_SET_INDEX = QT_TRANSLATE_NOOP("values", "the set index")
REPS = QT_TRANSLATE_NOOP("values", "reps")
RPE = QT_TRANSLATE_NOOP("values", "RPE")

# Plain decimals only: float() would also take "1_000", "nan", "inf" and
# "1e3", none of which an app writes for a weight.
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")

_MAX_DIGITS = 30  # longer is not a measurement (and float() would say inf)

# Years a workout log can hold. Keeps date arithmetic far from datetime's
# limits, and local-time conversion away from negative timestamps (which
# some platforms' localtime refuses).
MIN_YEAR, MAX_YEAR = 1971, 2199


def number(text: str, column: int, what: str, *, decimal_comma: bool = False) -> float | None:
    """A decimal number, or None for an empty cell.

    ``decimal_comma``: European Strong exports (the semicolon format) write
    1,5 for 1.5; there a comma cannot be a separator, so it is read as the
    decimal mark. Elsewhere "1,5" is refused rather than guessed at.
    """
    if not text:
        return None
    value = text.strip()
    if not value:
        return None
    if len(value) <= _MAX_DIGITS:
        if _DECIMAL.fullmatch(value):
            return float(value)
        if _DECIMAL_COMMA.fullmatch(value):
            if decimal_comma:
                return float(value.replace(",", "."))
            raise _bad(column, translate("values", "{what} {value} is not a number (write decimals "
                                                   "with a point, like 1.5)"), what, value)
    raise _bad(column, translate("values", "{what} {value} is not a number"), what, value)


def whole(text: str, column: int, what: str, *, decimal_comma: bool = False) -> int | None:
    """A whole number (10 or 10.0), or None for an empty cell."""
    value = number(text, column, what, decimal_comma=decimal_comma)
    if value is None:
        return None
    if not value.is_integer():
        raise _bad(column, translate("values", "{what} must be a whole number, not {value}"), what,
                   text.strip())
    return int(value)


def show(value: str) -> str:
    """A value quoted for a message, cut short if long."""
    return repr(value if len(value) <= 40 else value[:37] + "...")


def _bad(column: int, message: str, what: str, value: str, **more: str) -> CellError:
    """``message`` (translated; with {what}, the cell's subject, and {value}, as
    written) about the cell ``what`` that holds ``value``."""
    return CellError(column, message.format(what=translate("values", what), value=show(value),
                                            **more))


# -- times --------------------------------------------------------------------

_DATE_TIME = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
    # Strong writes the am/pm after a narrow no-break space (U+202F); people
    # who re-save the file in a spreadsheet get a plain or no-break space.
    r"(?:[ \u202f\u00a0]*([AaPp])\.?[Mm]\.?)?)?")
_DAY_MONTH_YEAR = re.compile(
    r"(\d{1,2}) ([A-Za-z]{3,9})\.? (\d{4}),? (\d{1,2}):(\d{2})(?::(\d{2}))?")
_MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_MONTH_NAMES = {"january", "february", "march", "april", "may", "june", "july", "august",
                "september", "sept", "october", "november", "december"}


def local_datetime(text: str, column: int, what: str = THE_DATE) -> datetime:
    """A naive local time from "2026-11-21 18:05:00", "2026-11-21 6:05:00 PM"
    (with U+202F before PM, as Strong writes it) or Hevy's "21 Nov 2026, 18:05"."""
    value = text.strip()
    m = _DATE_TIME.fullmatch(value)
    if m:
        year, month, day, hour, minute, second, half = m.groups()
        if hour is None:
            raise _bad(column, translate("values", "{what} {value} has no time of day"), what, value)
        return _build(column, what, value, int(year), int(month), int(day),
                      _hour(column, what, value, int(hour), half), int(minute), int(second or 0))
    m = _DAY_MONTH_YEAR.fullmatch(value)
    if m:
        day, month_name, year, hour, minute, second = m.groups()
        month = _month(month_name)
        if month is None:
            raise _bad(column, translate("values", "{what} {value} has an unknown month {month}"),
                       what, value, month=repr(month_name))
        return _build(column, what, value, int(year), month, int(day), int(hour), int(minute),
                      int(second or 0))
    if not value:
        raise _missing(column, what)
    raise _bad(column, translate("values", "{what} {value} is not a date and time we can "
                                           "read (expected like 2026-11-21 18:05:00)"), what, value)


def local_date(text: str, column: int, what: str = THE_DATE) -> date:
    """A calendar day written 2026-11-21 (FitNotes)."""
    value = text.strip()
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if not m:
        if not value:
            raise _missing(column, what)
        raise _bad(column, translate("values", "{what} {value} is not a date we can read "
                                               "(expected like 2026-11-21)"), what, value)
    return _build(column, what, value, int(m[1]), int(m[2]), int(m[3]), 0, 0, 0).date()


def _missing(column: int, what: str) -> CellError:
    return _bad(column, translate("values", "{what} is missing"), what, "")


def _month(name: str) -> int | None:
    lowered = name.casefold()
    if len(lowered) != 3 and lowered not in _MONTH_NAMES:
        return None
    return _MONTHS.get(lowered[:3])


def _hour(column: int, what: str, value: str, hour: int, half: str | None) -> int:
    if half is None:
        return hour
    if not 1 <= hour <= 12:
        raise _bad(column, translate("values", "{what} {value} has an hour that is not 1-12 "
                                               "before AM/PM"), what, value)
    return hour % 12 + (12 if half in "Pp" else 0)


def _build(column: int, what: str, value: str, year: int, month: int, day: int, hour: int,
           minute: int, second: int) -> datetime:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _bad(column, translate("values", "{what} {value} is out of range (years {first}-{last})"),
                   what, value, first=format_integer(MIN_YEAR), last=format_integer(MAX_YEAR))
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError:
        raise _bad(column, translate("values", "{what} {value} is not a real date or time"), what,
                   value) from None


def to_utc(local: datetime, tz: tzinfo | None) -> datetime:
    """A naive local time as aware UTC. ``tz`` None: the machine's own zone."""
    if tz is None:
        return local.astimezone(UTC)  # a naive datetime is taken as local time
    return local.replace(tzinfo=tz).astimezone(UTC)


def key_time(local: datetime) -> str:
    """The local start as written in the file, for session keys: minutes, and
    seconds only when there are some (Hevy writes none; Strong writes :00)."""
    text = local.strftime("%Y-%m-%dT%H:%M")
    return text if not local.second else f"{text}:{local.second:02d}"


# -- durations -------------------------------------------------------------------

_HMS_WORDS = re.compile(r"(?:(\d{1,6})\s*h)?\s*(?:(\d{1,6})\s*m(?:in)?)?\s*(?:(\d{1,6})\s*s)?",
                        re.IGNORECASE)
_CLOCK = re.compile(r"(?:(\d{1,6}):)?(\d{1,6}):(\d{1,2}(?:\.\d+)?)")


def duration_words(text: str, column: int, what: str) -> float | None:
    """Strong's comma export: "49m", "1h 15m", "1h", "45s"; a plain number is seconds."""
    value = text.strip()
    if not value:
        return None
    m = _HMS_WORDS.fullmatch(value)
    if m and any(m.groups()):
        hours, minutes, seconds = (int(g or 0) for g in m.groups())
        return float(hours * 3600 + minutes * 60 + seconds)
    if _DECIMAL.fullmatch(value) and len(value) <= _MAX_DIGITS:
        return _not_negative(float(value), column, what, value)
    raise _bad(column, translate("values", "{what} {value} is not a duration we can read "
                                           "(expected like 1h 15m)"), what, value)


def duration_clock(text: str, column: int, what: str) -> float | None:
    """FitNotes' time: "0:01:30", "1:30" or a number of seconds."""
    value = text.strip()
    if not value:
        return None
    m = _CLOCK.fullmatch(value)
    if m:
        hours, minutes, seconds = m.groups()
        if (hours is not None and int(minutes) >= 60) or float(seconds) >= 60:
            raise _bad(column, translate("values", "{what} {value} is not a time we can read"),
                       what, value)
        return int(hours or 0) * 3600.0 + int(minutes) * 60.0 + float(seconds)
    if _DECIMAL.fullmatch(value) and len(value) <= _MAX_DIGITS:
        return _not_negative(float(value), column, what, value)
    raise _bad(column, translate("values", "{what} {value} is not a time we can read "
                                           "(expected like 0:01:30)"), what, value)


def _not_negative(value: float, column: int, what: str, text: str) -> float:
    if value < 0:
        raise _bad(column, translate("values", "{what} cannot be negative (it is {value})"), what,
                   text)
    return value


# -- units -----------------------------------------------------------------------

WEIGHT_UNITS = {"kg": "kg", "kgs": "kg", "kilograms": "kg", "kilogram": "kg",
                "lb": "lb", "lbs": "lb", "pounds": "lb", "pound": "lb"}

METRES_PER = {
    "m": 1.0, "meter": 1.0, "meters": 1.0, "metre": 1.0, "metres": 1.0,
    "km": 1000.0, "kms": 1000.0, "kilometers": 1000.0, "kilometres": 1000.0,
    "mi": 1609.344, "mile": 1609.344, "miles": 1609.344,
    "ft": 0.3048, "feet": 0.3048, "foot": 0.3048,
    "yd": 0.9144, "yds": 0.9144, "yard": 0.9144, "yards": 0.9144,
}


def weight_unit(text: str, column: int, default: str) -> str:
    value = text.strip().casefold()
    if not value:
        return default
    unit = WEIGHT_UNITS.get(value)
    if unit is None:
        raise CellError(column, translate("values", "the weight unit {value} is not kg or lbs")
                        .format(value=show(text.strip())))
    return unit


def distance_factor(text: str, column: int, default: float = 1.0) -> float:
    value = text.strip().casefold()
    if not value:
        return default
    factor = METRES_PER.get(value)
    if factor is None:
        raise CellError(column, translate("values", "the distance unit {value} is not one we know "
                                                    "(m, km, mi, ft or yd)")
                        .format(value=show(text.strip())))
    return factor
