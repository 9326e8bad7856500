"""Watching the log for the patterns worth a word: a slump while sore and a
long gap in the Nordic programme (the 48-hour rule is app.programs.recovery).

Each check returns a calm ``Notice`` (or None) with the numbers behind it;
the screens decide how to show it, and the athlete decides what to do. Pure
functions of what they are given: no clock, no database, no Qt.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from app.formatting import format_weight, with_load_unit
from app.i18n import format_decimal, format_integer, translate
from app.programs.readiness import stored_soreness
from app.storage.entries import LOAD_UNITS, LoggedSetRecord, SessionRecord, from_kg

# Ripley et al. 2021: the Nordic programme protected when sessions were no
# more than about 3 weeks apart. A gap of exactly 21 days is still within it.
NORDIC_MAX_GAP_DAYS = 21
# Soreness (0-10, as in the readiness question) from which it counts as high:
# the same line as readiness.EASY_SORENESS, where soreness starts to change
# how the athlete moves. Below it soreness is the normal, mild kind.
HIGH_SORENESS = 5
# Sessions a slump is read over: one worse session is a bad day, two worse
# in a row is a direction.
SLUMP_SESSIONS = 3
# Lowering times are taken with a key press and shown to a tenth of a
# second; a smaller change than this is timing noise, not a slump.
DESCENT_NOISE_S = 0.1
_LOAD_EPS_KG = 1e-6


@dataclass(frozen=True)
class Notice:
    """Something worth telling the athlete. ``kind``: "lighter-week",
    "too-soon" or "nordic-gap"; ``numbers`` the figures behind it, one per
    line; ``restart_week`` the week to restart the Nordic programme at;
    ``sources`` ids in resources/sources.toml."""

    kind: str
    title: str
    text: str
    numbers: tuple[str, ...] = ()
    restart_week: int | None = None
    sources: tuple[str, ...] = ()


# -- a slump while sore --------------------------------------------------------


def slump_notice(sessions: Sequence[tuple[SessionRecord, Sequence[LoggedSetRecord]]], *,
                 units: str = "kg", names: Mapping[str, str] | None = None) -> Notice | None:
    """A lighter week, when the last three hamstring sessions (newest first,
    as ``CoachingReader.recent_hamstring_sessions`` returns them) show both:

    * a slump: some exercise done in all three got worse from each session to
      the next (see ``_worse``), and
    * high soreness: the readiness soreness was ``HIGH_SORENESS`` or more in
      the two most recent sessions (which covers "in all three" too). A
      session without a readiness answer does not count as sore: soreness is
      never guessed.

    Either one alone is ordinary training (a hard week, or a bad day) and
    gives None. ``names`` maps slugs to exercise names for the numbers;
    ``units`` is the athlete's load unit.
    """
    if units not in LOAD_UNITS:
        raise ValueError(f"units must be kg or lb, got {units!r}")
    if len(sessions) < SLUMP_SESSIONS:
        return None
    newest_first = list(sessions[:SLUMP_SESSIONS])
    soreness = [stored_soreness(record.readiness) for record, _ in newest_first]
    if not all(s is not None and s >= HIGH_SORENESS for s in soreness[:2]):
        return None

    oldest_first = [[s for s in sets if s.set_type == "working"] for _, sets in reversed(newest_first)]
    lines = []
    for slug in _common_exercises(oldest_first):
        per_session = [[s for s in sets if s.exercise_slug == slug] for sets in oldest_first]
        line = _slump_line(per_session, _name(slug, names), units)
        if line is not None:
            lines.append(line)
    if not lines:
        return None
    sore = ", ".join("–" if s is None else format_integer(s) for s in reversed(soreness))
    lines.append(translate("watch", "soreness {values} of 10").format(values=sore))
    return Notice(
        kind="lighter-week",
        title=translate("watch", "Time for a lighter week?"),
        text=translate("watch", "Your last three hamstring sessions slipped a little while the "
                       "soreness stayed high. That pattern usually means recovery has fallen "
                       "behind the training, not that you are losing strength. A lighter week - "
                       "fewer sets, lighter loads or one session fewer - tends to let it catch up; "
                       "then build back up as before."),
        numbers=tuple(lines),
        sources=("articles",),
    )


def _common_exercises(sessions: Sequence[Sequence[LoggedSetRecord]]) -> list[str]:
    """Slugs with working sets in every session, in the newest session's order."""
    common = set.intersection(*({s.exercise_slug for s in sets} for sets in sessions))
    return [slug for slug in dict.fromkeys(s.exercise_slug for s in sessions[-1]) if slug in common]


@dataclass(frozen=True)
class _Performance:
    """One exercise in one session: the heaviest working load (None without
    load) and the mean reps of the sets done at it; or the mean lowering time
    of every rep, for exercises timed that way (Nordics)."""

    top_kg: float | None
    reps: float | None
    descent_s: float | None


def _performance(sets: Sequence[LoggedSetRecord]) -> _Performance:
    descents = [d for s in sets for d in (s.descent_s or ())]
    loads = [s.load_kg for s in sets if s.load_kg is not None and s.load_kg > 0]
    top = max(loads) if loads else None
    at_top = [s.reps for s in sets if s.reps is not None
              and (top is None or (s.load_kg is not None and s.load_kg >= top - _LOAD_EPS_KG))]
    return _Performance(top, sum(at_top) / len(at_top) if at_top else None,
                        sum(descents) / len(descents) if descents else None)


def _worse(before: _Performance, after: _Performance) -> bool | None:
    """Did performance fall from ``before`` to ``after``? None: not comparable.

    Timed exercises compare the mean lowering time (a fall of at least
    DESCENT_NOISE_S). Others compare the top load and the reps done at it:
    worse is a lighter top load for no more reps, or the same load for fewer
    reps. A lighter load for more reps is a change of plan, not a slump.
    """
    if before.descent_s is not None and after.descent_s is not None:
        return after.descent_s <= before.descent_s - DESCENT_NOISE_S
    if (before.top_kg is None) != (after.top_kg is None):
        return None  # loaded one day, bodyweight the next: not the same measure
    fewer_reps = before.reps is not None and after.reps is not None and after.reps < before.reps
    if before.top_kg is None or after.top_kg is None:
        return fewer_reps if before.reps is not None and after.reps is not None else None
    if after.top_kg < before.top_kg - _LOAD_EPS_KG:
        return before.reps is None or after.reps is None or after.reps <= before.reps
    if abs(after.top_kg - before.top_kg) <= _LOAD_EPS_KG:
        return fewer_reps
    return False


def _slump_line(per_session: list[list[LoggedSetRecord]], name: str, units: str) -> str | None:
    perf = [_performance(sets) for sets in per_session]
    if not all(_worse(a, b) for a, b in pairwise(perf)):
        return None
    if all(p.descent_s is not None for p in perf):
        return translate("watch", "{name} mean lowering: {seconds} s").format(
            name=name, seconds=_arrow(p.descent_s for p in perf))
    if perf[0].top_kg is None:
        return translate("watch", "{name}: {reps} reps a set").format(
            name=name, reps=_arrow(p.reps for p in perf))
    tops = [from_kg(p.top_kg, units) for p in perf if p.top_kg is not None]
    if max(tops) - min(tops) < 1e-6:
        return translate("watch", "{name} at {load}: {reps} reps a set").format(
            name=name, load=format_weight(tops[0], units, _LOAD_DECIMALS),
            reps=_arrow(p.reps for p in perf))
    # A top load that fell every time tells the story alone; when it held
    # for a session, the reps at it show where the slump was.
    if all(b < a for a, b in pairwise(tops)) or all(p.reps is None for p in perf):
        return translate("watch", "{name} top set: {loads}").format(
            name=name, loads=with_load_unit(_arrow(tops, _LOAD_DECIMALS), units))
    sets = [translate("watch", "{load} × {reps}", "a set: load × reps").format(
                load=format_weight(t, units, _LOAD_DECIMALS), reps=_number(p.reps))
            if p.reps is not None else format_weight(t, units, _LOAD_DECIMALS)
            for t, p in zip(tops, perf, strict=True)]
    return translate("watch", "{name} top set: {loads}").format(name=name, loads=" → ".join(sets))


def _arrow(values: Iterable[float | None], digits: int = 1) -> str:
    return " → ".join(_number(v, digits) for v in values)


# Loads get two decimals (a 0.25 kg step shows as 41.25); mean reps and
# lowering times one, as the log shows them.
_LOAD_DECIMALS = 2


def _number(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else format_decimal(value, digits)


def _name(slug: str, names: Mapping[str, str] | None) -> str:
    if names and slug in names:
        return names[slug]
    return slug.replace("-", " ").capitalize()


# -- a gap in the Nordic programme -------------------------------------------------


def nordic_gap_notice(last_nordic_programme_session: date | None, current_week: int,
                      today: date) -> Notice | None:
    """A "nordic-gap" notice when more than 3 weeks (``NORDIC_MAX_GAP_DAYS``)
    have passed since the last session of the Nordic programme.

    The restart rule (ours, a coaching convention): go back by half of the
    whole weeks missed, rounded up, and never below week 1 - 22 days away
    (3 weeks) from week 6 restarts at week 4. Strength and the protection
    against soreness fade over a break, so the first sessions back should be
    easier ones, but a short break does not undo the whole programme.
    """
    if isinstance(current_week, bool) or not isinstance(current_week, int) or current_week < 1:
        raise ValueError(f"current week must be a whole number from 1, got {current_week!r}")
    if last_nordic_programme_session is None:
        return None
    gap = (today - last_nordic_programme_session).days
    if gap <= NORDIC_MAX_GAP_DAYS:
        return None
    missed = gap // 7
    back = math.ceil(missed / 2)
    restart = max(1, current_week - back)
    if restart == current_week:  # already in week 1
        advice = translate("watch", "Restart from week 1 and build up again from there; going "
                           "back half the weeks missed is a coaching convention, not a study result.")
    elif restart == 1:
        advice = translate("watch", "Restart from week 1 ({back} back from week {week}) and build "
                           "up again from there; going back half the weeks missed is a coaching "
                           "convention, not a study result.")
    else:
        advice = translate("watch", "Restart at week {restart} ({back} back from week {week}) and "
                           "build up again from there; going back half the weeks missed is a "
                           "coaching convention, not a study result.")
    advice = advice.format(restart=format_integer(restart), week=format_integer(current_week),
                           back=format_integer(current_week - restart))
    return Notice(
        kind="nordic-gap",
        title=translate("watch", "Restart the Nordic program a little earlier"),
        # No plural mark: the gap is always more than 21 days.
        text=translate("watch", "Your last Nordic program session was %n days ago. In the "
                       "studies the program protected athletes when sessions were no more than "
                       "about 3 weeks apart, and after a break the first sessions bring the "
                       "soreness back. {advice}", n=gap).format(advice=advice),
        numbers=(translate("watch", "days since the last session: {days}").format(
                     days=format_integer(gap)),
                 translate("watch", "weeks missed: {weeks}").format(weeks=format_integer(missed)),
                 translate("watch", "restart week: {week}").format(week=format_integer(restart))),
        restart_week=restart,
        sources=("ripley2021", "coaching-convention"),
    )
