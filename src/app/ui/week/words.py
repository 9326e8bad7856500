"""The running week's words in the window: weekdays, run kinds, distances.

One place for them, so the Week page, its dialogs and their tests say a run
the same way. The vocabulary itself (app.logbook.runs) holds no words.
"""

from __future__ import annotations

from datetime import date, timedelta

from app.kernel.i18n import QT_TRANSLATE_NOOP, format_date, format_decimal, format_integer, translate
from app.logbook.formatting import format_duration
from app.logbook.runs import PlannedDay, RunTag, distance_in

WEEKDAY_NAMES = (QT_TRANSLATE_NOOP("week", "Monday"), QT_TRANSLATE_NOOP("week", "Tuesday"),
                 QT_TRANSLATE_NOOP("week", "Wednesday"), QT_TRANSLATE_NOOP("week", "Thursday"),
                 QT_TRANSLATE_NOOP("week", "Friday"), QT_TRANSLATE_NOOP("week", "Saturday"),
                 QT_TRANSLATE_NOOP("week", "Sunday"))
SHORT_WEEKDAY_NAMES = (QT_TRANSLATE_NOOP("week", "Mon"), QT_TRANSLATE_NOOP("week", "Tue"),
                       QT_TRANSLATE_NOOP("week", "Wed"), QT_TRANSLATE_NOOP("week", "Thu"),
                       QT_TRANSLATE_NOOP("week", "Fri"), QT_TRANSLATE_NOOP("week", "Sat"),
                       QT_TRANSLATE_NOOP("week", "Sun"))

PLANNED_DAY_WORDS = {
    PlannedDay.REST: QT_TRANSLATE_NOOP("week", "Rest"),
    PlannedDay.EASY: QT_TRANSLATE_NOOP("week", "Easy run"),
    PlannedDay.LONG: QT_TRANSLATE_NOOP("week", "Long run"),
    PlannedDay.QUALITY: QT_TRANSLATE_NOOP("week", "Quality run (tempo, intervals)"),
    PlannedDay.RACE: QT_TRANSLATE_NOOP("week", "Race"),
}
RUN_TAG_WORDS = {
    RunTag.EASY: QT_TRANSLATE_NOOP("week", "Easy run"),
    RunTag.LONG: QT_TRANSLATE_NOOP("week", "Long run"),
    RunTag.QUALITY: QT_TRANSLATE_NOOP("week", "Quality run"),
    RunTag.RACE: QT_TRANSLATE_NOOP("week", "Race"),
    RunTag.UNKNOWN: QT_TRANSLATE_NOOP("week", "Run"),
}


def weekday_name(number: int) -> str:
    """"Monday" for 0, in the athlete's language."""
    return translate("week", WEEKDAY_NAMES[number])


def short_weekday_name(number: int) -> str:
    return translate("week", SHORT_WEEKDAY_NAMES[number])


def kind_words(kind: PlannedDay | RunTag) -> str:
    """"Long run" for a planned long run or a run tagged long (the two
    vocabularies share their values; a planned rest day is "Rest")."""
    if kind == PlannedDay.REST:
        return translate("week", PLANNED_DAY_WORDS[PlannedDay.REST])
    return translate("week", RUN_TAG_WORDS[RunTag(str(kind))])


def planned_day_choice(kind: PlannedDay) -> str:
    """A weekday's choice in the planned-week editor (as kind_words, and
    "Quality run (tempo, intervals)" says what quality means)."""
    return translate("week", PLANNED_DAY_WORDS[kind])


def distance_words(meters: float, units: str = "kg") -> str:
    """10.2 km, or 6.3 mi for an athlete who weighs in pounds (the units
    setting is the only one the app has: lb goes with miles)."""
    if units == "lb":
        return translate("week", "{miles} mi").format(
            miles=format_decimal(distance_in(meters, units), 1))
    return translate("week", "{km} km").format(km=format_decimal(distance_in(meters, units), 1))


def run_duration_words(seconds: float) -> str:
    """A run's time to the minute ("52 min", "1 h 45 min"); under a minute, its seconds."""
    if seconds < 60:
        return format_duration(seconds)
    return format_duration(round(seconds / 60) * 60)


def week_range_words(monday: date) -> str:
    """"5 Jan 2026 – 11 Jan 2026": the week's first and last day, as dates are written."""
    return translate("week", "{first} – {last}").format(
        first=format_date(monday), last=format_date(monday + timedelta(days=6)))


def day_heading(day: date, today: date) -> str:
    weekday, number = short_weekday_name(day.weekday()), format_integer(day.day)
    if day == today:
        return translate("week", "{weekday} {day} (today)").format(weekday=weekday, day=number)
    return translate("week", "{weekday} {day}").format(weekday=weekday, day=number)
