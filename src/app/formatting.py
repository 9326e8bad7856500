"""Words and numbers for people: one place so the CLI and the window agree."""

from __future__ import annotations

from datetime import datetime

from app.storage.entries import LoggedSetRecord, SessionRecord, from_kg


def local_time(moment: datetime) -> datetime:
    """Stored times are UTC; people read them in their own time zone."""
    return moment.astimezone()


def format_when(moment: datetime) -> str:
    """A stored (UTC) time as the athlete reads it: local, day and minute."""
    return local_time(moment).strftime("%a %d %b %Y %H:%M")


def format_duration(seconds: float) -> str:
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min" if secs == 0 else f"{minutes} min {secs:02d} s"
    return f"{secs} s"


def format_number(value: float) -> str:
    """1 decimal at most, no trailing zeros: 60 -> '60', 22.5 -> '22.5'."""
    return f"{round(value, 1):g}"


def session_title(record: SessionRecord) -> str:
    if record.title:
        return record.title
    if record.program_slug:
        day = f", day {record.program_day}" if record.program_day else ""
        return f"{record.program_slug}{day}"
    return "Workout"


def session_heading(record: SessionRecord, units: str = "kg") -> str:
    parts = [format_when(record.started_at), session_title(record), f"{record.set_count} set"
             + ("" if record.set_count == 1 else "s")]
    if record.duration_s is not None:
        parts.append(format_duration(record.duration_s))
    if record.volume_kg:
        parts.append(f"volume {format_number(from_kg(record.volume_kg, units))} {units}")
    return " · ".join(parts)


def describe_load(s: LoggedSetRecord) -> str:
    if s.load_entered is None:
        return ""
    if s.load_entered < 0:
        return f"band assist {format_number(-s.load_entered)} {s.load_unit}"
    return f"{format_number(s.load_entered)} {s.load_unit}"


def describe_set(s: LoggedSetRecord) -> str:
    side = "" if s.side == "both" else f" ({s.side})"
    parts = [f"{s.exercise_slug} set {s.set_number}{side}"]
    if s.reps is not None:
        parts.append(f"{s.reps} reps")
    load = describe_load(s)
    if load:
        parts.append(load)
    if s.duration_s is not None:
        parts.append(format_duration(s.duration_s))
    if s.rpe is not None:
        parts.append(f"RPE {format_number(s.rpe)}")
    if s.descent_s:
        mean = sum(s.descent_s) / len(s.descent_s)
        parts.append(f"descent mean {mean:.1f} s")
    if s.set_type != "working":
        parts.append(s.set_type.replace("warmup", "warm-up"))
    if s.notes:
        parts.append(f"“{s.notes}”")
    return ", ".join(parts)
