"""Words and numbers for people: one place so the CLI and the window agree.

The words come from ``app.kernel.i18n``: English with plain numbers in the command
line, the athlete's language and number format in the window.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from app.kernel.i18n import decimal_point, format_datetime, format_decimal, format_integer, translate
from app.logbook.entries import (
    HELD_MARK,
    LastTime,
    LoggedSetRecord,
    SessionRecord,
    SetType,
    Side,
    from_kg,
    held_or_unknown,
)


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
    if side == Side.LEFT:
        return translate("formatting", "left", "side of the body")
    if side == Side.RIGHT:
        return translate("formatting", "right", "side of the body")
    return side


def describe_set(s: LoggedSetRecord) -> str:
    if s.side == Side.BOTH:
        parts = [translate("formatting", "{exercise} set {number}").format(
            exercise=s.exercise_slug, number=format_integer(s.set_number))]
    else:
        parts = [translate("formatting", "{exercise} set {number} ({side})").format(
            exercise=s.exercise_slug, number=format_integer(s.set_number), side=side_word(s.side))]
    if s.reps is not None:
        parts.append(translate("formatting", "%n rep(s)", n=s.reps))
    load = describe_load(s)
    if load:
        parts.append(load)
    if s.duration_s is not None:
        parts.append(format_duration(s.duration_s))
    if s.rpe is not None:
        parts.append(translate("formatting", "RPE {rpe}").format(rpe=format_number(s.rpe)))
    if s.rir is not None:
        parts.append(translate("formatting", "RIR {rir}", "reps in reserve").format(
            rir=format_integer(s.rir)))
    if s.descent_s:
        parts.append(_descent_words(s.descent_s, s.descent_held))
    if s.set_type == SetType.WARMUP:
        parts.append(translate("formatting", "warm-up", "set type"))
    elif s.set_type == SetType.DROP:
        parts.append(translate("formatting", "drop", "set type: a drop set"))
    if s.notes:
        parts.append(translate("formatting", "“{note}”", "the athlete's note, quoted")
                     .format(note=s.notes))
    return ", ".join(parts)


def _descent_words(descents: tuple[float, ...], held: tuple[bool, ...]) -> str:
    """"descent mean 4.1 s"; with reps held to the floor, whose time is their
    target (a lower bound, not a measurement), "descent mean at least 4.1 s
    (5.0+ · 2.4 · 5.0+ s, +: to the floor)"."""
    mean = format_fixed(sum(descents) / len(descents), 1)
    if len(held) != len(descents) or not any(held):  # measured, or not known
        return translate("formatting", "descent mean {seconds} s").format(seconds=mean)
    return translate("formatting", "descent mean at least {seconds} s ({descents}, +: to the "
                     "floor)").format(seconds=mean, descents=descent_times_text(descents, held))


# -- last time ------------------------------------------------------------------


def days_ago(then: datetime, now: datetime, tz: tzinfo | None = None) -> str:
    """"today", "yesterday", "5 days ago": calendar days in the athlete's zone
    (``tz``; None is this machine's), not periods of 24 hours."""
    days = (now.astimezone(tz).date() - then.astimezone(tz).date()).days
    if days <= 0:
        return translate("formatting", "today")
    if days == 1:
        return translate("formatting", "yesterday")
    return translate("formatting", "%n day(s) ago", n=days)


def _load_in(kg: float, units: str) -> str:
    return format_weight(from_kg(kg, units), units)


def _one_per_set(sets: tuple[LoggedSetRecord, ...]) -> list[LoggedSetRecord]:
    """One record per set number: a set done on each side counts once (its
    first side), as a program counts "3 sets" of a one-leg exercise."""
    seen: dict[int, LoggedSetRecord] = {}
    for s in sets:
        seen.setdefault(s.set_number, s)
    return list(seen.values())


def _count_or_list(values: list[str]) -> str:
    """"3 x 8" when every set is the same, else "8, 8, 6"."""
    if len(set(values)) == 1:
        return translate("formatting", "{sets} x {each}", "3 sets of 8: 3 x 8").format(
            sets=format_integer(len(values)), each=values[0])
    return ", ".join(values)


def sets_text(sets: tuple[LoggedSetRecord, ...], units: str) -> str:
    """A few sets in a line: "3 x 8 @ 60 kg", "8, 8, 6 @ 60 kg", "8 @ 60 kg,
    6 @ 65 kg", "3 x 30 s", "3 x 12" (bodyweight), "3 x 5, band assist 10 kg".
    Loads in ``units``, the athlete's."""
    done = _one_per_set(sets)
    if not done:
        return ""
    if all(s.reps is None for s in done) and all(s.duration_s is not None for s in done):
        seconds = [format_integer(round(s.duration_s or 0)) for s in done]
        if len(set(seconds)) == 1:
            return translate("formatting", "{sets} x {seconds} s", "3 holds of 30 s").format(
                sets=format_integer(len(done)), seconds=seconds[0])
        return translate("formatting", "{seconds} s", "a list of hold times").format(
            seconds=", ".join(seconds))
    reps = [format_integer(s.reps) if s.reps is not None else "–" for s in done]
    loads = {s.load_kg for s in done}
    if loads == {None} or loads <= {None, 0.0}:
        return _count_or_list(reps)  # bodyweight: no "@"
    if len(loads) == 1:
        (kg,) = loads
        assert kg is not None
        if kg < 0:
            return translate("formatting", "{work}, band assist {load}").format(
                work=_count_or_list(reps), load=_load_in(-kg, units))
        return translate("formatting", "{work} @ {load}", "8, 8, 6 @ 60 kg").format(
            work=_count_or_list(reps), load=_load_in(kg, units))
    each = []
    for r, s in zip(reps, done, strict=True):
        if s.load_kg is None or s.load_kg == 0:
            each.append(r)
        elif s.load_kg < 0:
            each.append(translate("formatting", "{reps}, band assist {load}").format(
                reps=r, load=_load_in(-s.load_kg, units)))
        else:
            each.append(translate("formatting", "{work} @ {load}", "8, 8, 6 @ 60 kg").format(
                work=r, load=_load_in(s.load_kg, units)))
    return ", ".join(each)


def last_time_text(last: LastTime, now: datetime, units: str, tz: tzinfo | None = None) -> str:
    """"last time: 3 x 8 @ 60 kg, 5 days ago" for the session screen and the log sheet."""
    return translate("formatting", "last time: {sets}, {when}").format(
        sets=sets_text(last.sets, units) or translate("formatting", "%n set(s)", n=len(last.sets)),
        when=days_ago(last.started_at, now, tz))


# After a descent held to the floor: at least that long (the target, reached).
HELD_SUFFIX = HELD_MARK
DESCENT_SEPARATOR = " · "


def descent_times_text(descents: tuple[float, ...], held: tuple[bool, ...] = ()) -> str:
    """A set's descents, "4.2 · 5.0+ · 3.8 s": a + marks a rep lowered to the
    floor without a break point (its target, reached)."""
    flags = held_or_unknown(descents, held)
    return translate("records", "{seconds} s").format(seconds=DESCENT_SEPARATOR.join(
        format_fixed(d, 1) + (HELD_SUFFIX if h else "") for d, h in zip(descents, flags, strict=True)))


def held_descent_text(seconds: float) -> str:
    """One descent held to the floor, in words: "5.0 s+ (to the floor)"."""
    return translate("records", "{seconds} s+ (to the floor)").format(
        seconds=format_fixed(seconds, 1))
