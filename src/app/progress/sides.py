"""Left against right: per session and one-side exercise, how far apart the sides are.

A side is measured the best way its sets allow (as the asymmetry chart of
app.progress.series does): reps x load when the sets were loaded, reps when
they were not, hold seconds for holds. The difference is (stronger - weaker)
/ stronger x 100. A session that logged only one side of an exercise has
nothing to compare and gives no balance (it does not break a run of
sessions either).

What this means is not settled: a between-limb gap of 15 % or more in
eccentric knee-flexor strength went with more hamstring strains in one
cohort (Bourne et al. 2015, "bourne2015") and not in another (Opar et al.
2015, "opar2015"). So the note says what the log shows and that the
studies disagree; it is information, never a verdict on the athlete's risk.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from app.kernel.i18n import format_decimal, translate
from app.logbook.entries import Side
from app.progress.series import (
    MEASURE_LOAD,
    MEASURE_REPS,
    MEASURE_SECONDS,
    SideTotals,
    side_measure,
    side_value,
)

# One side behind the other by more than this, in percent, ...
SIDE_NOTE_PCT = 15
# ... in this many sessions running of the same exercise, always the same side.
SIDE_NOTE_SESSIONS = 3
SIDE_NOTE_SOURCES: tuple[str, ...] = ("bourne2015", "opar2015")


class SideMeasure(StrEnum):
    """What a side's total is in (the values are app.progress.series's)."""

    LOAD = MEASURE_LOAD        # reps x load, kg
    REPS = MEASURE_REPS
    SECONDS = MEASURE_SECONDS  # hold time


@dataclass(frozen=True)
class SideBalance:
    """One session (local ``day``) of one one-side exercise: each side's total
    in ``measure``, the difference in percent of the stronger side, and the
    weaker side (None when they are equal)."""

    session_id: int
    day: date
    exercise_slug: str
    left: float
    right: float
    difference_pct: float
    weaker: Side | None
    measure: SideMeasure = SideMeasure.LOAD


class _Log(Protocol):
    """A reader of the log: LogReader and ProgressReader both are."""

    @property
    def db_path(self) -> Path: ...


def difference_pct(left: float, right: float) -> float:
    """(stronger - weaker) / stronger x 100; 0 when both are 0."""
    stronger, weaker = max(left, right), min(left, right)
    return 0.0 if stronger <= 0 else (stronger - weaker) * 100 / stronger


def side_balance(session_id: int, day: date, exercise_slug: str, left: SideTotals,
                 right: SideTotals) -> SideBalance | None:
    """Left against right for one exercise in one session; None unless both
    sides have sets."""
    if not left.sets or not right.sets:
        return None
    measure = SideMeasure(side_measure((left, right)))
    left_value, right_value = side_value(left, measure), side_value(right, measure)
    weaker = None if left_value == right_value else (
        Side.LEFT if left_value < right_value else Side.RIGHT)
    return SideBalance(session_id, day, exercise_slug, left_value, right_value,
                       difference_pct(left_value, right_value), weaker, measure)


def balances_of(rows: Iterable[tuple[int, datetime, str, str, SideTotals]],
                tz: tzinfo | None = None) -> list[SideBalance]:
    """Balances from per-side rows (session id, session start, exercise slug,
    "left"/"right", totals), in the order the sessions started."""
    sides: dict[tuple[int, str], dict[str, SideTotals]] = {}
    starts: dict[int, datetime] = {}
    for session, started, slug, side, totals in rows:
        sides.setdefault((session, slug), {})[side] = totals
        starts[session] = started
    found = []
    for (session, slug), both in sides.items():
        balance = side_balance(session, starts[session].astimezone(tz).date(), slug,
                               both.get(Side.LEFT.value, SideTotals()),
                               both.get(Side.RIGHT.value, SideTotals()))
        if balance is not None:
            found.append((starts[session], balance))
    found.sort(key=lambda item: (item[0], item[1].session_id, item[1].exercise_slug))
    return [balance for _, balance in found]


def side_balances(reader: _Log, since: date | None = None,
                  tz: tzinfo | None = None) -> list[SideBalance]:
    """Every session's balances of its one-side exercises (sessions from the
    local day ``since`` on, when given), oldest first. ``reader`` is a
    LogReader or ProgressReader (its database is read through a connection
    of its own); ``tz`` the athlete's zone (None: this machine's)."""
    # Here, not at the top: the window's charts import this module for its
    # types, and the query brings app.progress.queries with it.
    from app.progress.side_queries import side_totals

    start = None
    if since is not None:   # the local midnight that starts the day (naive: this machine's)
        start = datetime.combine(since, time(), tz) if tz is not None \
            else datetime.combine(since, time()).astimezone()
    rows = side_totals(reader.db_path, start)
    return balances_of(((r.session_id, r.started_at, r.exercise_slug, r.side, r.totals)
                        for r in rows), tz)


def _behind(balance: SideBalance) -> bool:
    """The weaker side more than SIDE_NOTE_PCT % behind, kept in products so
    that exactly 15 % is not above it by a rounding error."""
    stronger = max(balance.left, balance.right)
    return (stronger - min(balance.left, balance.right)) * 100 > SIDE_NOTE_PCT * stronger


def lagging_side(balances: Sequence[SideBalance]) -> Side | None:
    """The side that was more than SIDE_NOTE_PCT % behind in each of the last
    SIDE_NOTE_SESSIONS ``balances`` (one exercise's, oldest first), else None."""
    last = balances[-SIDE_NOTE_SESSIONS:]
    if len(last) < SIDE_NOTE_SESSIONS or not all(_behind(b) for b in last):
        return None
    sides = {b.weaker for b in last}
    return sides.pop() if len(sides) == 1 else None


def _gap(pct: float) -> str:
    """A gap above the limit in as few places as show it above: 20 %, and
    15.1 % rather than a rounded 15 % that would contradict the note."""
    for places in range(3):
        if round(pct, places) > SIDE_NOTE_PCT:
            return f"{format_decimal(pct, places)} %"
    return f"{format_decimal(pct, 3)} %"


def side_note(balances: Sequence[SideBalance],
              names: Mapping[str, str] | None = None) -> str | None:
    """A calm note when, for an exercise, the same side stayed more than
    SIDE_NOTE_PCT % behind in its last SIDE_NOTE_SESSIONS sessions; None
    otherwise. ``names`` gives exercises' names by slug (else the slug).
    Its sources are SIDE_NOTE_SOURCES; it says the studies disagree."""
    by_exercise: dict[str, list[SideBalance]] = {}
    for balance in balances:
        by_exercise.setdefault(balance.exercise_slug, []).append(balance)
    lines = []
    for slug, own in by_exercise.items():
        side = lagging_side(own)
        if side is None:
            continue
        gaps = ", ".join(_gap(b.difference_pct) for b in own[-SIDE_NOTE_SESSIONS:])
        text = (translate("sides", "{exercise}: your left side was more than {limit} % behind "
                          "the right in each of the last %n session(s) ({gaps}).", None,
                          SIDE_NOTE_SESSIONS)
                if side is Side.LEFT else
                translate("sides", "{exercise}: your right side was more than {limit} % behind "
                          "the left in each of the last %n session(s) ({gaps}).", None,
                          SIDE_NOTE_SESSIONS))
        lines.append(text.format(exercise=(names or {}).get(slug, slug), limit=SIDE_NOTE_PCT,
                                 gaps=gaps))
    if not lines:
        return None
    lines.append(translate(
        "sides", "A gap of {limit} % or more in eccentric hamstring strength went with more "
        "hamstring strains in one study (Bourne et al. 2015) but not in another (Opar et al. "
        "2015): the studies disagree. This is information about your training, not a verdict "
        "on your risk.").format(limit=SIDE_NOTE_PCT))
    return " ".join(lines)
