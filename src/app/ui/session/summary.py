"""The end-of-session summary, worked out from the sets actually stored (no Qt).

Per exercise: what was done ("3 x 8 @ 60 kg"), its volume, the change from
last time, and for a Nordic its best and mean descent; then the records the
session set. What it compares with (each exercise's last time, the records)
is read on the writer's thread once the session has ended (``summary_facts``),
never on the UI thread.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from app.kernel.i18n import format_integer, translate
from app.logbook.entries import LastTime, LoggedSetRecord, SetType, from_kg, held_or_unknown
from app.logbook.formatting import (
    format_duration,
    format_weight,
    held_descent_text,
    last_time_text,
    sets_text,
)
from app.session.events import SessionFinished
from app.session.plan import NORDIC_SLUG, SessionPlan
from app.ui.session.words import SEPARATOR, one_decimal

if TYPE_CHECKING:
    from app.storage.store import Store

WORKING = SetType.WORKING
COUNTED = frozenset({SetType.WORKING, SetType.DROP})   # warm-ups are light on purpose: never summed


@dataclass(frozen=True)
class DescentFacts:
    """A Nordic's descents in the session: the longest rep and the mean over
    every rep. Held to the floor, a rep is its target: a lower bound."""

    best_s: float
    best_held: bool
    mean_s: float
    any_held: bool

    @classmethod
    def of(cls, sets: Iterable[LoggedSetRecord]) -> DescentFacts | None:
        pairs: list[tuple[float, bool]] = []
        for s in sets:
            pairs.extend(zip(s.descent_s or (), held_or_unknown(s.descent_s, s.descent_held),
                             strict=True))
        if not pairs:
            return None
        best = max(value for value, _ in pairs)
        return cls(best_s=best, best_held=any(h for v, h in pairs if v == best),
                   mean_s=math.fsum(v for v, _ in pairs) / len(pairs),
                   any_held=any(h for _, h in pairs))

    def text(self) -> str:
        best = (held_descent_text(self.best_s) if self.best_held
                else translate("ExerciseLine", "{seconds} s").format(seconds=one_decimal(self.best_s)))
        if self.any_held:
            return translate("ExerciseLine", "best descent {best} · mean at least {mean} s").format(
                best=best, mean=one_decimal(self.mean_s))
        return translate("ExerciseLine", "best descent {best} · mean {mean} s").format(
            best=best, mean=one_decimal(self.mean_s))


def volume_kg(sets: Iterable[LoggedSetRecord], kinds: frozenset[str] = COUNTED) -> float:
    """Reps x load of the loaded sets of ``kinds`` (assistance counts as nothing)."""
    return math.fsum((s.reps or 0) * s.load_kg for s in sets
                     if s.set_type in kinds and s.load_kg is not None and s.load_kg > 0)


def _signed(text: str, value: float) -> str:
    return ("+" if value > 0 else "−" if value < 0 else "±") + text


def change_text(now: list[LoggedSetRecord], last: LastTime, units: str) -> str:
    """What changed since last time, in one measure both sessions have: the
    Nordic's mean descent, else the working volume, else the reps, else the time."""
    working = [s for s in now if s.set_type == WORKING] or now
    before = list(last.sets)
    descents_now, descents_then = DescentFacts.of(working), DescentFacts.of(before)
    if descents_now is not None and descents_then is not None:
        delta = descents_now.mean_s - descents_then.mean_s
        return translate("ExerciseLine", "mean descent {change} s").format(
            change=_signed(one_decimal(abs(delta)), round(delta, 1)))
    volume_now, volume_then = volume_kg(working, frozenset({WORKING})), volume_kg(before)
    if volume_now > 0 and volume_then > 0:
        delta = from_kg(volume_now - volume_then, units)
        percent = round((volume_now - volume_then) / volume_then * 100)
        return translate("ExerciseLine", "volume {change} ({percent} %)").format(
            change=_signed(format_weight(abs(delta), units, 0), round(delta)),
            percent=_signed(format_integer(abs(percent)), percent))
    reps_now = sum(s.reps or 0 for s in working)
    reps_then = sum(s.reps or 0 for s in before)
    if reps_now and reps_then:
        delta_reps = reps_now - reps_then
        return translate("ExerciseLine", "reps {change}").format(
            change=_signed(format_integer(abs(delta_reps)), delta_reps))
    seconds_now = sum(s.duration_s or 0.0 for s in working)
    seconds_then = sum(s.duration_s or 0.0 for s in before)
    if seconds_now and seconds_then:
        delta_s = seconds_now - seconds_then
        return translate("ExerciseLine", "time {change}").format(
            change=_signed(format_duration(abs(delta_s)), round(delta_s)))
    return ""


@dataclass(frozen=True)
class ExerciseLine:
    name: str
    sets: int
    planned: int
    work: str                    # "3 x 8 @ 60 kg": the sets as done
    volume: str                  # "volume 1,440 kg", "" when nothing was loaded
    descents: str                # a Nordic's best and mean descent, "" for other exercises
    last_time: str = ""          # "last time: 3 x 8 @ 57.5 kg, 5 days ago · volume +120 kg (+9 %)"
    relative: str = ""           # "assistance: 14 % of body weight", "" without a body weight

    def text(self) -> str:
        planned = self.planned  # a plain name: lupdate skips a count given as an expression
        parts = [part for part in (self.work, translate(
            "ExerciseLine", "{done} of %n set(s)", None, planned).format(
            done=format_integer(self.sets)), self.relative, self.volume, self.descents) if part]
        text = f"{self.name}: " + SEPARATOR.join(parts)
        return f"{text}\n{self.last_time}" if self.last_time else text


@dataclass(frozen=True)
class SessionSummary:
    title: str
    sets_logged: int
    sets_planned: int
    duration_s: float
    ended_early: bool
    lines: tuple[ExerciseLine, ...]
    unlogged: bool = False   # ended from the log sheet: that set was not stored
    records: tuple[str, ...] = ()  # personal records this session beat, one line each

    @property
    def heading(self) -> str:
        if self.ended_early:
            return translate("SessionSummary", "SESSION ENDED")
        return translate("SessionSummary", "SESSION DONE")

    @property
    def totals_text(self) -> str:
        planned = self.sets_planned   # a plain name: lupdate skips a count given as an expression
        logged = translate("SessionSummary", "{logged} of %n set(s) logged", None, planned).format(
            logged=format_integer(self.sets_logged))
        return SEPARATOR.join((logged, format_duration(self.duration_s)))


@dataclass(frozen=True)
class SummaryFacts:
    """What the summary reads from the log once the session is over."""

    sets: tuple[LoggedSetRecord, ...]
    records: tuple[str, ...]
    last_times: Mapping[str, LastTime]  # by exercise slug; missing: never done before
    body_kg: float | None = None  # the body weight logged last on or before the session's day


def summary_facts(store: Store, session_id: int, slugs: Iterable[str],
                  records: Iterable[str], day: date | None = None) -> SummaryFacts:
    """The stored sets and each exercise's last time before this session, and
    the athlete's body weight on ``day`` (the session's). Runs on the writer's
    thread (the Store's own reader), as the records do."""
    last_times = {}
    for slug in dict.fromkeys(slugs):
        found = store.reader.last_time(slug, exclude_session_id=session_id)
        if found is not None:
            last_times[slug] = found
    body_kg = None if day is None else store.reader.body_weight_on(day)
    return SummaryFacts(tuple(store.sets_of_session(session_id)), tuple(records), last_times,
                        body_kg)


def relative_words(slug: str, sets: Iterable[LoggedSetRecord], body_kg: float | None) -> str:
    """The load relative to body weight where it says more than kilograms
    (issue 18, point 6): a band's assistance on any exercise, and the load
    added to a Nordic curl (the athlete lowers their own body). The heaviest
    set's (the least assistance), "" without a body weight or a load."""
    loads = [s.load_kg for s in sets if s.load_kg is not None and s.load_kg != 0]
    if body_kg is None or not loads:
        return ""
    load = max(loads)
    if load > 0 and slug != NORDIC_SLUG:
        return ""  # a barbell's or a machine's load is read in kilograms
    from app.progress.body import relative_load_words

    return relative_load_words(load, body_kg) or ""


def _line(slug: str, name: str, planned: int, mine: list[LoggedSetRecord], units: str,
          last: LastTime | None, now: datetime | None, compared: bool,
          body_kg: float | None) -> ExerciseLine:
    counted = [s for s in mine if s.set_type in COUNTED] or mine
    volume = volume_kg(counted)
    descents = DescentFacts.of(counted)
    last_time = ""
    if compared and mine:
        if last is None:
            last_time = translate("ExerciseLine", "first time")
        elif now is not None:
            change = change_text(mine, last, units)
            last_time = SEPARATOR.join(part for part in (last_time_text(last, now, units), change)
                                       if part)
    return ExerciseLine(
        name=name, sets=len(mine), planned=planned, work=sets_text(tuple(counted), units),
        volume=translate("ExerciseLine", "volume {load}").format(
            load=format_weight(from_kg(volume, units), units, 0)) if volume > 0 else "",
        descents="" if descents is None else descents.text(), last_time=last_time,
        relative=relative_words(slug, counted, body_kg))


def build_summary(plan: SessionPlan, finished: SessionFinished,
                  sets: Iterable[LoggedSetRecord], records: Iterable[str] = (), *,
                  units: str = "kg", last_times: Mapping[str, LastTime] | None = None,
                  now: datetime | None = None, body_kg: float | None = None) -> SessionSummary:
    """One line per exercise of the plan (in plan order), from the stored
    ``sets``; with ``last_times`` (from ``summary_facts``), each line also
    says what changed since last time (``now`` dates it); with ``body_kg``,
    an assisted or loaded Nordic's load relative to body weight."""
    stored = list(sets)
    lines: list[ExerciseLine] = []
    seen: set[str] = set()
    for item in plan.items:
        if item.slug in seen:
            continue
        seen.add(item.slug)
        planned = sum(i.sets * len(i.side_order) for i in plan.items if i.slug == item.slug)
        mine = [s for s in stored if s.exercise_slug == item.slug]
        lines.append(_line(item.slug, item.name, planned, mine, units,
                           None if last_times is None else last_times.get(item.slug), now,
                           last_times is not None, body_kg))
    return SessionSummary(
        title=plan.title, sets_logged=len(stored), sets_planned=finished.sets_planned,
        duration_s=finished.duration_s, ended_early=finished.ended_early, lines=tuple(lines),
        unlogged=finished.unlogged is not None, records=tuple(records))
