"""The end-of-session summary, worked out from the sets actually stored (no Qt)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from app.formatting import format_duration
from app.i18n import format_integer, translate
from app.session.events import SessionFinished
from app.session.plan import SessionPlan
from app.ui.session.words import SEPARATOR, load_text, mean, one_decimal


class _LoggedSet(Protocol):
    """What the summary reads of a set: a LoggedSetRecord or a SetEntry."""

    @property
    def exercise_slug(self) -> str: ...
    @property
    def reps(self) -> int | None: ...
    @property
    def load_unit(self) -> str: ...
    @property
    def duration_s(self) -> float | None: ...
    @property
    def descent_s(self) -> tuple[float, ...] | None: ...


@dataclass(frozen=True)
class ExerciseLine:
    name: str
    sets: int
    planned: int
    reps: int | None             # total over the sets, None when no set counts reps
    top_load: str                # heaviest load as entered ("40 kg"), "" for none
    seconds: float | None        # total time of timed sets and holds
    mean_descent_s: float | None  # over every rep of every set with a cued descent

    def text(self) -> str:
        # Counts go to translate() as plain names: lupdate skips a call whose
        # count is an expression.
        planned, reps = self.planned, self.reps
        parts = [translate("ExerciseLine", "{done} of %n set(s)", None, planned).format(
            done=format_integer(self.sets))]
        if reps is not None:
            parts.append(translate("ExerciseLine", "%n reps", None, reps))
        if self.top_load:
            parts.append(self.top_load)
        if self.seconds is not None:
            parts.append(format_duration(self.seconds))
        if self.mean_descent_s is not None:
            parts.append(translate("ExerciseLine", "mean descent {seconds} s").format(
                seconds=one_decimal(self.mean_descent_s)))
        return f"{self.name}: " + SEPARATOR.join(parts)


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


def _load_entered(logged: object) -> float | None:
    # A stored record gives the load back in the unit it was entered in; an
    # entry holds it that way already.
    value = getattr(logged, "load_entered", None)
    if value is None:
        value = getattr(logged, "load", None)
    return None if value is None else float(value)


def build_summary(plan: SessionPlan, finished: SessionFinished,
                  sets: Iterable[_LoggedSet], records: Iterable[str] = ()) -> SessionSummary:
    """One line per exercise of the plan (in plan order), from the stored ``sets``."""
    stored = list(sets)
    lines: list[ExerciseLine] = []
    seen: set[str] = set()
    for item in plan.items:
        if item.slug in seen:
            continue
        seen.add(item.slug)
        planned = sum(i.sets * len(i.side_order) for i in plan.items if i.slug == item.slug)
        mine = [s for s in stored if s.exercise_slug == item.slug]
        reps = [s.reps for s in mine if s.reps is not None]
        loads = [(load, s.load_unit) for s in mine if (load := _load_entered(s)) is not None]
        top = max(loads, default=None)
        seconds = [s.duration_s for s in mine if s.duration_s is not None]
        descents = [d for s in mine for d in (s.descent_s or ())]
        lines.append(ExerciseLine(
            name=item.name, sets=len(mine), planned=planned,
            reps=sum(reps) if reps else None,
            top_load="" if top is None else load_text(top[0], top[1]),
            seconds=sum(seconds) if seconds and item.kind != "reps" else None,
            mean_descent_s=mean(descents)))
    return SessionSummary(
        title=plan.title, sets_logged=len(stored), sets_planned=finished.sets_planned,
        duration_s=finished.duration_s, ended_early=finished.ended_early, lines=tuple(lines),
        unlogged=finished.unlogged is not None, records=tuple(records))
