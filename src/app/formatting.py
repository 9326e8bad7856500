"""Words and numbers for people: one place so the CLI and the window agree.

The words come from ``app.i18n``: English with plain numbers in the command
line, the athlete's language and number format in the window.
"""

from __future__ import annotations

from datetime import datetime

from app.i18n import decimal_point, format_datetime, format_decimal, format_integer, translate
from app.storage.entries import LoggedSetRecord, SessionRecord, from_kg


def local_time(moment: datetime) -> datetime:
    """Stored times are UTC; people read them in their own time zone."""
    return moment.astimezone()


def format_when(moment: datetime) -> str:
    """A stored (UTC) time as the athlete reads it: local, day and minute."""
    return format_datetime(local_time(moment))


def two_digits(value: int) -> str:
    """Minutes or seconds after a larger unit: the 05 of "1 h 05 min" (the
    zero is the locale's digit, like the rest of the number)."""
    return format_integer(value) if value >= 10 else format_integer(0) + format_integer(value)


def format_duration(seconds: float) -> str:
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return translate("formatting", "{hours} h {minutes} min").format(
            hours=format_integer(hours), minutes=two_digits(minutes))
    if minutes and secs == 0:
        return translate("formatting", "{minutes} min").format(minutes=format_integer(minutes))
    if minutes:
        return translate("formatting", "{minutes} min {seconds} s").format(
            minutes=format_integer(minutes), seconds=two_digits(secs))
    return translate("formatting", "{seconds} s").format(seconds=format_integer(secs))


def format_number(value: float) -> str:
    """1 decimal at most, no trailing zeros: 60 -> '60', 22.5 -> '22.5' (in the locale)."""
    return format_decimal(value, 1)


def format_fixed(value: float, decimals: int) -> str:
    """Exactly ``decimals`` places, in the locale: "6.0 s" for a timed descent,
    where the tenth is what was measured and its zero says so."""
    text = format_decimal(value, decimals)
    if decimals <= 0:
        return text
    point = decimal_point()
    whole, _, fraction = text.partition(point)
    return f"{whole}{point}{fraction}{format_integer(0) * (decimals - len(fraction))}"


def format_weight(value: float, units: str, decimals: int = 1) -> str:
    """A load already in ``units`` ("kg" or "lb"): "82.5 kg"."""
    return with_load_unit(format_decimal(value, decimals), units)


def with_load_unit(number: str, units: str) -> str:
    """Numbers already formatted, followed by their load unit: "82.5 kg",
    "80 → 75 kg". The unit is part of the translated text, since languages
    write and space it differently."""
    if units == "lb":
        return translate("formatting", "{number} lb").format(number=number)
    return translate("formatting", "{number} kg").format(number=number)


def session_title(record: SessionRecord) -> str:
    if record.title:
        return record.title
    if record.program_slug:
        if not record.program_day:
            return record.program_slug
        return translate("formatting", "{program}, day {day}").format(
            program=record.program_slug, day=format_integer(record.program_day))
    return translate("formatting", "Workout")


def session_heading(record: SessionRecord, units: str = "kg") -> str:
    parts = [format_when(record.started_at), session_title(record),
             translate("formatting", "%n set(s)", n=record.set_count)]
    if record.duration_s is not None:
        parts.append(format_duration(record.duration_s))
    if record.volume_kg:
        parts.append(translate("formatting", "volume {load}").format(
            load=format_weight(from_kg(record.volume_kg, units), units)))
    return " · ".join(parts)


def describe_load(s: LoggedSetRecord) -> str:
    if s.load_entered is None:
        return ""
    if s.load_entered < 0:
        return translate("formatting", "band assist {load}").format(
            load=format_weight(-s.load_entered, s.load_unit))
    return format_weight(s.load_entered, s.load_unit)


def side_word(side: str) -> str:
    """"left" or "right" (the stored side) in the athlete's language."""
    if side == "left":
        return translate("formatting", "left", "side of the body")
    if side == "right":
        return translate("formatting", "right", "side of the body")
    return side


def describe_set(s: LoggedSetRecord) -> str:
    if s.side == "both":
        parts = [translate("formatting", "{exercise} set {number}").format(
            exercise=s.exercise_slug, number=format_integer(s.set_number))]
    else:
        parts = [translate("formatting", "{exercise} set {number} ({side})").format(
            exercise=s.exercise_slug, number=format_integer(s.set_number), side=side_word(s.side))]
    if s.reps is not None:
        # "%n reps" without a plural mark: the English line has always read "1 reps".
        parts.append(translate("formatting", "%n reps", n=s.reps))
    load = describe_load(s)
    if load:
        parts.append(load)
    if s.duration_s is not None:
        parts.append(format_duration(s.duration_s))
    if s.rpe is not None:
        parts.append(translate("formatting", "RPE {rpe}").format(rpe=format_number(s.rpe)))
    if s.descent_s:
        mean = sum(s.descent_s) / len(s.descent_s)
        parts.append(translate("formatting", "descent mean {seconds} s").format(
            seconds=format_fixed(mean, 1)))
    if s.set_type == "warmup":
        parts.append(translate("formatting", "warm-up", "set type"))
    elif s.set_type == "drop":
        parts.append(translate("formatting", "drop", "set type: a drop set"))
    if s.notes:
        parts.append(translate("formatting", "“{note}”", "the athlete's note, quoted")
                     .format(note=s.notes))
    return ", ".join(parts)
