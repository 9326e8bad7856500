"""The running week: strength sessions placed around the runs.

A week (Monday to Sunday) holds the runs done (imported from the athlete's
files), the runs planned (a run type per weekday, typed once), one-off races,
and the strength sessions of the program followed: those done, and those
still to come, which ``place_week`` puts on days by these rules. They are
coaching convention, labelled so in every text, and the athlete may override
them (resources/sources.toml: coaching-convention; the reasons behind them:
twist2005, braun2003, nordic-soreness, acsm2009):

- ``NO_HEAVY_BEFORE_HARD_RUN``: no Nordics or heavy hinges in the 48 hours
  before a quality run, a long run or a race. Muscle damage from hard
  eccentric work slows running for 1-3 days (Twist & Eston 2005; Braun &
  Dutto 2003).
- ``AFTER_THE_RUN``: on a hard-run day strength goes after the run, ideally
  ``AFTER_RUN_HOURS`` or more later (keep hard days hard and easy days easy),
  or on an easy day.
- ``RACE_WEEK_LAST_NORDIC``: the last Nordic session at least
  ``RACE_LAST_NORDIC_DAYS`` days before a race; ``RACE_WEEK_HALF_VOLUME``: in
  the race's week the strength volume is halved (``RACE_VOLUME``).
- ``NO_NORDICS_AFTER_RACE``: none in the ``DAYS_WITHOUT_NORDICS_AFTER_RACE``
  days after a race (nor on its day).
- ``HARD_RUN_COUNTS``: a hard run counts like a heavy strength session for
  the 48-hour rule (app.coaching.recovery): a full rest day between it and
  heavy hamstring work the day after. The rule is the 48-hour rule with hard
  runs counted, so two heavy strength sessions the scheduler would put on
  consecutive days bend it too.

Hours become local calendar days as in app.coaching.recovery (read its
docstring: one full rest day is what "48 hours" asks, whatever the clock
says), so "the 48 hours before Thursday's quality run" is Wednesday.

The program's own days (the athlete's weekdays, app.coaching.schedule) are
the starting point: a session on a day a rule forbids moves to the nearest
allowed day, and says so. Every session of the week is placed together
(never two on one day), so moving one never pushes another onto a
forbidden day when a better arrangement exists. When no arrangement keeps
every rule, the least bad one is kept and each rule bent is named, with why
and the next day that would keep them (``BentRule``).

Light strength work (bridges, curls) is not Nordics or heavy hinges: only
the after-the-run and half-volume rules touch it.

Which runs count: a day's runs done replace its planned run (the athlete ran
what the file says); a day with none done keeps its planned run, in the past
too (an athlete without files ran what they planned). A race entered with a
date replaces the day's planned run. Only those dated races make a race
week (a weekly race typed into the planned week would taper every week);
every race day, planned or done, keeps the two days after it free of Nordics.

Pure: no clock, no storage, no Qt; ``today`` and the time zone are given.
"""

# One module because the rules, the search that places a week's sessions by
# them and the words that explain each placement read the same day facts
# (which runs, which windows, which races), and splitting them would pass
# those facts across modules for every sentence.

from __future__ import annotations

import itertools
import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum

from app.coaching.recovery import REST_DAYS_BETWEEN_HEAVY
from app.coaching.schedule import WEEKDAY_FULL_NAMES
from app.kernel.i18n import QT_TRANSLATE_NOOP, format_date, format_integer, format_time, translate
from app.logbook.runs import (
    HARD_PLANNED_DAYS,
    HARD_RUN_TAGS,
    PlannedDay,
    RaceRecord,
    RunRecord,
    RunTag,
)


class RunRule(StrEnum):
    """Each rule of the running week; the value is stable (JSON output)."""

    NO_HEAVY_BEFORE_HARD_RUN = "no-heavy-48h-before-hard-run"
    AFTER_THE_RUN = "strength-after-the-run"
    RACE_WEEK_LAST_NORDIC = "race-week-last-nordic-4-days"
    RACE_WEEK_HALF_VOLUME = "race-week-volume-halved"
    NO_NORDICS_AFTER_RACE = "no-nordics-2-days-after-race"
    HARD_RUN_COUNTS = "hard-run-counts-for-48h"


# No Nordics or heavy hinges in the 48 hours before a hard run. By calendar
# days (app.coaching.recovery): heavy work two days before leaves a full day
# between, which is what 48 hours asks, so the window is the day before.
HEAVY_FREE_HOURS_BEFORE_HARD_RUN = 48
WINDOW_DAYS = HEAVY_FREE_HOURS_BEFORE_HARD_RUN // 24 - REST_DAYS_BETWEEN_HEAVY
# On a hard-run day, strength goes after the run, ideally this many hours later.
AFTER_RUN_HOURS = 6
# Race week: the last Nordics at least this many days before the race...
RACE_LAST_NORDIC_DAYS = 4
# ...and the strength volume (the sets) times this, in the race's week: the
# seven days up to the race.
RACE_VOLUME = 0.5
RACE_WEEK_DAYS = 7
# No Nordics on a race's day nor in this many days after it.
DAYS_WITHOUT_NORDICS_AFTER_RACE = 2

# Why each rule holds, as source ids in resources/sources.toml.
RULE_SOURCES: Mapping[RunRule, tuple[str, ...]] = {
    RunRule.NO_HEAVY_BEFORE_HARD_RUN: ("coaching-convention", "twist2005", "braun2003",
                                       "nordic-soreness"),
    RunRule.AFTER_THE_RUN: ("coaching-convention",),
    RunRule.RACE_WEEK_LAST_NORDIC: ("coaching-convention", "nordic-soreness", "petersen2011"),
    RunRule.RACE_WEEK_HALF_VOLUME: ("coaching-convention", "petersen2011"),
    RunRule.NO_NORDICS_AFTER_RACE: ("coaching-convention", "twist2005", "braun2003"),
    RunRule.HARD_RUN_COUNTS: ("coaching-convention", "acsm2009"),
}

# What bending a rule costs when no arrangement keeps them all: the run's
# window before the rest day after a hard run. A session is rather left out
# of the week (_UNPLACED_COST) than put where a race's rule forbids it: in
# race week one session keeps the protective effect (the maintenance dose).
_RULE_COST: Mapping[RunRule, int] = {
    RunRule.NO_NORDICS_AFTER_RACE: 250,
    RunRule.RACE_WEEK_LAST_NORDIC: 250,
    RunRule.NO_HEAVY_BEFORE_HARD_RUN: 100,
    RunRule.HARD_RUN_COUNTS: 80,
}
_UNPLACED_COST = 150  # so a day that would bend two rules is left free
_MOVE_COST = 2  # per day a session moves from its program's day
_LIGHT_ON_RACE_DAY_COST = 50  # the race's day is kept for the race
_LIGHT_NEIGHBORS_COST = 3  # the articles' rest day between sessions, for light ones
# How far ahead the next best day is looked for.
_NEXT_BEST_DAYS = 14

_RUN_WORDS = {
    "easy": QT_TRANSLATE_NOOP("running_week", "easy run"),
    "long": QT_TRANSLATE_NOOP("running_week", "long run"),
    "quality": QT_TRANSLATE_NOOP("running_week", "quality run"),
    "race": QT_TRANSLATE_NOOP("running_week", "race"),
    "unknown": QT_TRANSLATE_NOOP("running_week", "run"),
}
# The hardest first: the one a day is named by.
_HARD_ORDER = ("race", "quality", "long")


@dataclass(frozen=True)
class RunOnDay:
    """A run of the day: done (``done`` the stored run, ``kind`` its tag) or
    planned (``planned``, ``kind`` the planned week's type, or RACE for a race
    entered with a date: ``race``)."""

    kind: PlannedDay | RunTag
    done: RunRecord | None
    planned: bool
    race: RaceRecord | None = None

    @property
    def hard(self) -> bool:
        """A quality run, a long run or a race: it counts for the 48-hour rule."""
        if isinstance(self.kind, RunTag):
            return self.kind in HARD_RUN_TAGS
        return self.kind in HARD_PLANNED_DAYS


@dataclass(frozen=True)
class StrengthOnDay:
    """A strength session on the day: ``done``, or ``placed`` by the
    scheduler. ``heavy``: it holds Nordics or heavy hinges. ``half_volume``:
    race week, half the sets. ``after_run``: on a run's day, after the run;
    ``not_before`` the local time from which it keeps AFTER_RUN_HOURS after a
    run done that day (None when the run is only planned). ``program_day``:
    the program's session number; ``moved_from`` the program's day it was
    moved from (None: on its own day, or done)."""

    done: bool
    placed: bool
    heavy: bool
    half_volume: bool
    after_run: bool
    program_day: int | None
    label: str
    not_before: datetime | None = None
    moved_from: date | None = None


@dataclass(frozen=True)
class BentRule:
    """A rule the week could not keep: the day, why, and the next day that
    would keep it (None: none in the next two weeks)."""

    rule: RunRule
    day: date
    why: str
    next_best: date | None


@dataclass(frozen=True)
class WeekDay:
    day: date
    runs: tuple[RunOnDay, ...]
    strength: StrengthOnDay | None
    in_window: bool  # inside the 48 h before a hard run or race: no heavy work
    placed_by: RunRule | None  # the rule that put strength here, or keeps it off
    reason: str  # why strength is (or is not) here, in words

    @property
    def sources(self) -> tuple[str, ...]:
        """The sources of ``placed_by`` (resources/sources.toml ids)."""
        return RULE_SOURCES.get(self.placed_by, ()) if self.placed_by else ()


@dataclass(frozen=True)
class WeekPlan:
    monday: date
    days: tuple[WeekDay, ...]  # Monday to Sunday
    bent: tuple[BentRule, ...]
    race_week: bool
    note: str | None  # a calm line: the race week, a rule bent, a session that did not fit


@dataclass(frozen=True)
class ProgramSession:
    """A session of the followed program where its schedule put it (the
    athlete's weekdays): the starting point of the placement."""

    day_number: int
    day: date
    heavy: bool
    label: str = ""


# --------------------------------------------------------------------------
# The facts of each day
# --------------------------------------------------------------------------


def _weekday_name(day: date) -> str:
    return translate("schedule", WEEKDAY_FULL_NAMES[day.weekday()])


def _run_word(kind: str) -> str:
    return translate("running_week", _RUN_WORDS.get(kind, _RUN_WORDS["unknown"]))


@dataclass
class _Facts:
    """The runs and races by local day, read once for every week placed."""

    planned: tuple[PlannedDay, ...]
    done: dict[date, list[RunRecord]]
    races: dict[date, RaceRecord]
    tz: tzinfo | None
    _hard: dict[date, str | None] = field(default_factory=dict)

    @classmethod
    def of(cls, planned: Sequence[PlannedDay], races: Iterable[RaceRecord],
           runs_done: Iterable[RunRecord], tz: tzinfo | None) -> _Facts:
        week = tuple(PlannedDay(p) for p in planned)
        if len(week) != 7:
            raise ValueError(f"planned: needs 7 days, Monday first, got {len(week)}")
        done: dict[date, list[RunRecord]] = {}
        for run in sorted(runs_done, key=lambda r: r.started_at):
            done.setdefault(run.started_at.astimezone(tz).date(), []).append(run)
        by_day: dict[date, RaceRecord] = {}
        for race in sorted(races, key=lambda r: (r.day, r.id)):
            by_day.setdefault(race.day, race)
        return cls(week, done, by_day, tz)

    def runs_on(self, day: date) -> tuple[RunOnDay, ...]:
        done = self.done.get(day, [])
        runs = [RunOnDay(run.tag, run, planned=False) for run in done]
        race = self.races.get(day)
        if race is not None and not any(run.tag is RunTag.RACE for run in done):
            runs.append(RunOnDay(PlannedDay.RACE, None, planned=True, race=race))
        elif not done and self.planned[day.weekday()] is not PlannedDay.REST:
            runs.append(RunOnDay(self.planned[day.weekday()], None, planned=True))
        return tuple(runs)

    def hard(self, day: date) -> str | None:
        """The hardest run of the day ("race", "quality", "long"), or None."""
        if day not in self._hard:
            kinds = {str(run.kind) for run in self.runs_on(day)}
            self._hard[day] = next((k for k in _HARD_ORDER if k in kinds), None)
        return self._hard[day]

    def race_name(self, day: date) -> str:
        race = self.races.get(day)
        if race is not None:
            return race.name
        return _run_word("race")

    def not_before(self, day: date) -> datetime | None:
        """AFTER_RUN_HOURS after the last hard run done that day ended, when
        that is still the same day."""
        ends = [run.entry.ended_at for run in self.done.get(day, [])
                if run.tag in HARD_RUN_TAGS]
        if not ends:
            return None
        moment = (max(ends) + timedelta(hours=AFTER_RUN_HOURS)).astimezone(self.tz)
        return moment if moment.date() == day else None


def in_window(facts: _Facts, day: date) -> bool:
    return any(facts.hard(day + timedelta(days=k)) for k in range(1, WINDOW_DAYS + 1))


def _heavy_rules(facts: _Facts, day: date) -> list[tuple[RunRule, str]]:
    """The rules that keep Nordics and heavy hinges off ``day``, each with why."""
    found: list[tuple[RunRule, str]] = []
    for back in range(DAYS_WITHOUT_NORDICS_AFTER_RACE + 1):
        past = day - timedelta(days=back)
        if facts.hard(past) == "race":
            when = (translate("running_week", "{race} is that day ({date})") if back == 0 else
                    translate("running_week", "{race} was %n day(s) before ({date})", n=back))
            found.append((RunRule.NO_NORDICS_AFTER_RACE, translate(
                "running_week", "{when}: no Nordics or heavy hinges on a race's day nor in the "
                "{days} days after it (coaching convention)").format(
                    when=when.format(race=facts.race_name(past), date=format_date(past)),
                    days=format_integer(DAYS_WITHOUT_NORDICS_AFTER_RACE))))
            break
    for ahead in range(1, RACE_LAST_NORDIC_DAYS):
        race = facts.races.get(day + timedelta(days=ahead))
        if race is not None:
            found.append((RunRule.RACE_WEEK_LAST_NORDIC, translate(
                "running_week", "{race} is %n day(s) later ({date}): race week keeps the last "
                "Nordics at least {days} days before the race (coaching convention)",
                n=ahead).format(race=race.name, date=format_date(race.day),
                                days=format_integer(RACE_LAST_NORDIC_DAYS))))
            break
    for ahead in range(1, WINDOW_DAYS + 1):
        later = day + timedelta(days=ahead)
        kind = facts.hard(later)
        if kind is not None:
            found.append((RunRule.NO_HEAVY_BEFORE_HARD_RUN, translate(
                "running_week", "{weekday}'s {run} follows: no Nordics or heavy hinges in the "
                "{hours} hours before a quality run, a long run or a race: muscle damage from "
                "hard eccentric work slows running for 1-3 days (coaching convention)").format(
                    weekday=_weekday_name(later), run=_run_word(kind),
                    hours=format_integer(HEAVY_FREE_HOURS_BEFORE_HARD_RUN))))
            break
    for back in range(1, REST_DAYS_BETWEEN_HEAVY + 1):
        earlier = day - timedelta(days=back)
        kind = facts.hard(earlier)
        if kind is not None and kind != "race":  # a race's days after: the race's own rule
            found.append((RunRule.HARD_RUN_COUNTS, translate(
                "running_week", "{weekday}'s {run} came the day before: a hard run counts like a "
                "heavy strength session, and two need a full rest day between them (the 48-hour "
                "rule; coaching convention)").format(weekday=_weekday_name(earlier),
                                                    run=_run_word(kind))))
            break
    return found


def _in_race_week(facts: _Facts, day: date) -> RaceRecord | None:
    """The dated race whose week (the RACE_WEEK_DAYS up to it) holds ``day``."""
    for ahead in range(RACE_WEEK_DAYS):
        race = facts.races.get(day + timedelta(days=ahead))
        if race is not None:
            return race
    return None


# --------------------------------------------------------------------------
# Placing the week's sessions
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Session:
    start: date | None
    heavy: bool
    label: str
    program_day: int | None


def _neighbors(a: date, b: date) -> bool:
    return abs((a - b).days) <= REST_DAYS_BETWEEN_HEAVY


def _arrangement_cost(sessions: Sequence[_Session], days: Sequence[date],
                      rules: Mapping[date, list[tuple[RunRule, str]]],
                      race_days: Collection[date], fixed_heavy: Collection[date],
                      fixed_any: Collection[date]) -> int:
    cost = 0
    for session, day in zip(sessions, days, strict=True):
        if session.heavy:
            cost += sum(_RULE_COST[rule] for rule, _why in rules[day])
        elif day in race_days:
            cost += _LIGHT_ON_RACE_DAY_COST
        if session.start is not None:
            cost += _MOVE_COST * abs((day - session.start).days)
    for i, (session, day) in enumerate(zip(sessions, days, strict=True)):
        moved = session.start != day
        for other, other_day in zip(sessions[i + 1:], days[i + 1:], strict=True):
            if _neighbors(day, other_day) and (moved or other.start != other_day):
                both_heavy = session.heavy and other.heavy
                cost += _RULE_COST[RunRule.HARD_RUN_COUNTS] if both_heavy else _LIGHT_NEIGHBORS_COST
        if moved:
            for fixed in fixed_any:
                if _neighbors(day, fixed):
                    heavy_pair = session.heavy and fixed in fixed_heavy
                    cost += (_RULE_COST[RunRule.HARD_RUN_COUNTS] if heavy_pair
                             else _LIGHT_NEIGHBORS_COST)
    return cost


def _best_days(sessions: Sequence[_Session], candidates: Sequence[date],
               rules: Mapping[date, list[tuple[RunRule, str]]], race_days: Collection[date],
               fixed_heavy: Collection[date], fixed_any: Collection[date],
               ) -> list[tuple[_Session, date]]:
    """The cheapest days for ``sessions`` (kept in their order) among
    ``candidates``, a session left out where every day left would cost more
    than _UNPLACED_COST. Every arrangement is tried, all sessions placed
    first, the first of equals kept: for 3 sessions in a week, 120 of them."""
    best: list[tuple[_Session, date]] = []
    best_cost = math.inf
    for count in range(len(sessions), -1, -1):
        unplaced = (len(sessions) - count) * _UNPLACED_COST
        if unplaced >= best_cost:
            break
        for chosen in itertools.combinations(sessions, count):
            for days in itertools.combinations(candidates, count):
                cost = unplaced + _arrangement_cost(chosen, days, rules, race_days, fixed_heavy,
                                                    fixed_any)
                if cost < best_cost:
                    best, best_cost = list(zip(chosen, days, strict=True)), cost
                    if cost == 0:
                        return best
    return best


def _heavy_neighbor_rules(day: date, heavy_days: Collection[date]) -> list[tuple[RunRule, str]]:
    for other in sorted(heavy_days):
        if other != day and _neighbors(day, other):
            return [(RunRule.HARD_RUN_COUNTS, translate(
                "running_week", "{weekday} holds another heavy session: two need a full rest day "
                "between them (the 48-hour rule; coaching convention)").format(
                    weekday=_weekday_name(other)))]
    return []


def _next_best(facts: _Facts, session: _Session, day: date, today: date,
               taken: Collection[date], heavy_days: Collection[date]) -> date | None:
    """The next day after ``day`` (today or later) that keeps every rule for
    ``session`` and holds no other strength session."""
    for ahead in range(1, _NEXT_BEST_DAYS + 1):
        other = day + timedelta(days=ahead)
        if other < today or other in taken:
            continue
        if not session.heavy:
            return other
        if not _heavy_rules(facts, other) and not any(
                _neighbors(other, h) for h in heavy_days if h != day):
            return other
    return None


def _after_run_words(facts: _Facts, day: date, not_before: datetime | None) -> str:
    kind = facts.hard(day) or "unknown"
    if not_before is not None:
        return translate("running_week", "After the {run}: from {time}, {hours} hours after it "
                         "ended. Keep hard days hard and easy days easy (coaching "
                         "convention).").format(run=_run_word(kind), time=format_time(not_before),
                                                hours=format_integer(AFTER_RUN_HOURS))
    return translate("running_week", "After the {run}, ideally {hours} hours or more later. Keep "
                     "hard days hard and easy days easy (coaching convention).").format(
                         run=_run_word(kind), hours=format_integer(AFTER_RUN_HOURS))


def _half_volume_words(race: RaceRecord) -> str:
    return translate("running_week", "Race week ({race} on {date}): half the sets (coaching "
                     "convention).").format(race=race.name, date=format_date(race.day))


@dataclass
class _Placed:
    day: date
    session: _Session
    rules: list[tuple[RunRule, str]]  # the rules bent where it stands


def place_week(monday: date, planned: Sequence[PlannedDay], races: Sequence[RaceRecord],
               runs_done: Sequence[RunRecord], strength_done_days: Collection[date],
               sessions_wanted: int, heavy: bool, today: date, *,
               program_sessions: Sequence[ProgramSession] | None = None,
               heavy_done_days: Collection[date] = (),
               done_labels: Mapping[date, str] | None = None,
               tz: tzinfo | None = None) -> WeekPlan:
    """The week from ``monday`` (a Monday): its runs, windows and strength.

    ``planned``: the planned running week (7 days, Monday first); ``races``
    the dated races; ``runs_done`` the runs done (any range: those of this
    week and the days around it count, by their local day in ``tz``).
    ``strength_done_days``: the local days a session of the program was done
    (``heavy_done_days`` those with heavy work, from the day before this week
    on; ``done_labels`` their names). ``sessions_wanted``: the sessions the
    program's week holds; ``heavy``: whether they hold Nordics or heavy hinges.
    ``program_sessions``: where the program's schedule put this week's
    sessions (the starting points; None: the scheduler picks the days).
    Sessions are placed from ``today`` on, never before."""
    return place_weeks(monday, 1, planned, races, runs_done, strength_done_days,
                       sessions_wanted, heavy, today, program_sessions=program_sessions,
                       heavy_done_days=heavy_done_days, done_labels=done_labels, tz=tz)[0]


def place_weeks(first_monday: date, weeks: int, planned: Sequence[PlannedDay],
                races: Sequence[RaceRecord], runs_done: Sequence[RunRecord],
                strength_done_days: Collection[date], sessions_wanted: int | Sequence[int],
                heavy: bool, today: date, *,
                program_sessions: Sequence[ProgramSession] | None = None,
                heavy_done_days: Collection[date] = (),
                done_labels: Mapping[date, str] | None = None,
                tz: tzinfo | None = None) -> list[WeekPlan]:
    """``weeks`` weeks from ``first_monday``, each placed as ``place_week``
    does, knowing the heavy sessions placed the week before.
    ``sessions_wanted``: one number for every week, or one per week."""
    if first_monday.weekday() != 0:
        raise ValueError(f"first_monday: must be a Monday, got {first_monday.isoformat()}")
    if weeks < 1:
        raise ValueError(f"weeks: must be 1 or more, got {weeks}")
    wanted = ([sessions_wanted] * weeks if isinstance(sessions_wanted, int)
              else list(sessions_wanted))
    if len(wanted) != weeks or any(n < 0 for n in wanted):
        raise ValueError(f"sessions_wanted: one count of 0 or more per week, got {sessions_wanted!r}")
    facts = _Facts.of(planned, races, runs_done, tz)
    done = set(strength_done_days)
    heavy_fixed = set(heavy_done_days)
    out: list[WeekPlan] = []
    for index in range(weeks):
        monday = first_monday + timedelta(weeks=index)
        week = _place_one(facts, monday, done, heavy_fixed, wanted[index], heavy, today,
                          program_sessions, done_labels or {})
        out.append(week)
        heavy_fixed |= {d.day for d in week.days
                        if d.strength is not None and d.strength.placed and d.strength.heavy}
    return out


def _sessions_to_place(monday: date, done_in_week: int, wanted: int, heavy: bool, today: date,
                       program_sessions: Sequence[ProgramSession] | None,
                       free_days: int) -> tuple[list[_Session], int]:
    """The sessions still to place this week (their program days as starting
    points), and how many of the week's sessions found no day left.
    ``program_sessions`` from today on are the sessions still to do, in order."""
    sunday = monday + timedelta(days=6)
    left = max(0, wanted - done_in_week)
    if program_sessions is None:
        count = min(left, free_days)
        return [_Session(None, heavy, "", None) for _ in range(count)], left - count
    ahead = sorted((s for s in program_sessions if max(today, monday) <= s.day <= sunday),
                   key=lambda s: (s.day, s.day_number))
    # Sessions done early (or a day's planned session not needed) take the
    # first of the week's remaining days: the sessions still to do, the first
    # of them in program order, start on the last days.
    count = min(left, len(ahead))
    days = [s.day for s in ahead[len(ahead) - count:]]
    sessions = [_Session(day, s.heavy, s.label, s.day_number)
                for day, s in zip(days, ahead[:count], strict=True)]
    count = min(len(sessions), free_days)
    return sessions[:count], len(sessions) - count


def _place_one(facts: _Facts, monday: date, done: set[date], heavy_fixed: set[date],
               wanted: int, heavy: bool, today: date,
               program_sessions: Sequence[ProgramSession] | None,
               done_labels: Mapping[date, str]) -> WeekPlan:
    days = [monday + timedelta(days=i) for i in range(7)]
    done_here = [d for d in days if d in done]
    candidates = [d for d in days if d >= today and d not in done]
    sessions, left_out = _sessions_to_place(monday, len(done_here), wanted, heavy, today,
                                            program_sessions, len(candidates))
    rules = {d: _heavy_rules(facts, d) for d in days}
    race_days = {d for d in days if facts.hard(d) == "race"}
    # Only the days beside the week can be its sessions' neighbors.
    fixed_any = {d for d in done | heavy_fixed if -1 <= (d - monday).days <= 7}
    pairs = _best_days(sessions, candidates, rules, race_days, heavy_fixed, fixed_any)
    unplaced = len(sessions) - len(pairs)
    heavy_days = set(heavy_fixed) | {d for s, d in pairs if s.heavy}
    placed: dict[date, _Placed] = {}
    for session, day in pairs:
        bent = list(rules[day]) if session.heavy else []
        if session.heavy and not any(r is RunRule.HARD_RUN_COUNTS for r, _why in bent):
            # Heavy neighbors the placement made (the athlete's own back-to-back
            # days stay theirs: the 48-hour rule asks about them at the start).
            moved = session.start != day
            made = {d for s, d in pairs if s.heavy and d != day and (moved or s.start != d)}
            bent += _heavy_neighbor_rules(day, made | (heavy_fixed if moved else set()))
        placed[day] = _Placed(day, session, bent)

    taken = set(done) | set(placed)
    bent_rules: list[BentRule] = []
    week_days: list[WeekDay] = []
    for day in days:
        runs = facts.runs_on(day)
        window = in_window(facts, day)
        race = _in_race_week(facts, day)
        half = race is not None
        if day in done:
            label = done_labels.get(day, "")
            strength = StrengthOnDay(done=True, placed=False, heavy=day in heavy_fixed,
                                     half_volume=False, after_run=any(r.hard for r in runs),
                                     program_day=None, label=label)
            week_days.append(WeekDay(day, runs, strength, window, None,
                                     translate("running_week", "Strength done.")))
            continue
        here = placed.get(day)
        if here is None:
            rule, reason = _empty_day(facts, day, rules[day], placed)
            week_days.append(WeekDay(day, runs, None, window, rule, reason))
            continue
        session = here.session
        after_run = any(r.hard for r in runs)
        not_before = facts.not_before(day) if after_run else None
        strength = StrengthOnDay(done=False, placed=True, heavy=session.heavy, half_volume=half,
                                 after_run=after_run, program_day=session.program_day,
                                 label=session.label, not_before=not_before,
                                 moved_from=(session.start if session.start not in (None, day)
                                             else None))
        rule, reason = _placed_words(facts, here, after_run, not_before, race if half else None,
                                     rules)
        for bent_rule, why in here.rules:
            bent_rules.append(BentRule(bent_rule, day, why, _next_best(
                facts, session, day, today, taken, heavy_days)))
        week_days.append(WeekDay(day, runs, strength, window, rule, reason))
    race_week = any(_in_race_week(facts, d) is not None for d in days)
    return WeekPlan(monday, tuple(week_days), tuple(bent_rules), race_week,
                    _note(facts, days, bent_rules, left_out, unplaced))


def _placed_words(facts: _Facts, here: _Placed, after_run: bool, not_before: datetime | None,
                  race: RaceRecord | None,
                  rules: Mapping[date, list[tuple[RunRule, str]]]) -> tuple[RunRule | None, str]:
    """The rule that put the session on its day and the words that say why."""
    session, day = here.session, here.day
    parts: list[str] = []
    rule: RunRule | None = None
    if here.rules:
        rule = here.rules[0][0]
        parts.append(translate("running_week", "No day left this week keeps every rule, so a rule "
                               "is bent here: {why}.").format(why=here.rules[0][1]))
    elif session.start is not None and session.start != day:
        moved_rules = rules[session.start] if session.heavy else []
        if moved_rules:
            rule = moved_rules[0][0]
            parts.append(translate("running_week", "Moved from {weekday}: {why}.").format(
                weekday=_weekday_name(session.start), why=moved_rules[0][1]))
        else:
            parts.append(translate("running_week", "Moved from {weekday}, to make room for the "
                                   "week's other sessions.").format(
                                       weekday=_weekday_name(session.start)))
    if after_run:
        rule = rule or RunRule.AFTER_THE_RUN
        parts.append(_after_run_words(facts, day, not_before))
    if race is not None:
        rule = rule or RunRule.RACE_WEEK_HALF_VOLUME
        parts.append(_half_volume_words(race))
    if not parts:
        parts.append(translate("running_week", "Your program's day: no run asks to move it.")
                     if session.start is not None
                     else translate("running_week", "A day that keeps every rule."))
    return rule, " ".join(parts)


def _empty_day(facts: _Facts, day: date, rules: list[tuple[RunRule, str]],
               placed: Mapping[date, _Placed]) -> tuple[RunRule | None, str]:
    """Why a day holds no strength: a session moved away, a rule's window."""
    moved = next((p for p in placed.values() if p.session.start == day and p.day != day), None)
    if moved is not None and rules and moved.session.heavy:
        return rules[0][0], translate("running_week", "Your program's session moved to {weekday}: "
                                      "{why}.").format(weekday=_weekday_name(moved.day),
                                                       why=rules[0][1])
    if moved is not None:
        return None, translate("running_week", "Your program's session moved to {weekday}.").format(
            weekday=_weekday_name(moved.day))
    if rules:
        return rules[0][0], translate("running_week", "{why}.").format(why=rules[0][1])
    return None, ""


def _note(facts: _Facts, days: Sequence[date], bent: Sequence[BentRule], left_out: int,
          unplaced: int) -> str | None:
    lines: list[str] = []
    race = next((r for d in days if (r := facts.races.get(d)) is not None), None)
    if race is None:
        race = next((r for d in days if (r := _in_race_week(facts, d)) is not None), None)
    if race is not None:
        last = race.day - timedelta(days=RACE_LAST_NORDIC_DAYS)
        lines.append(translate(
            "running_week", "Race week: {race} on {date}. Strength at half volume, the last "
            "Nordics by {last}, none in the {days} days after (coaching convention).").format(
                race=race.name, date=format_date(race.day), last=format_date(last),
                days=format_integer(DAYS_WITHOUT_NORDICS_AFTER_RACE)))
    if bent:
        names = ", ".join(dict.fromkeys(_weekday_name(b.day) for b in bent))
        lines.append(translate("running_week", "This week's runs leave no day that keeps every "
                               "rule: bent on {days}. The days say which rule and offer the next "
                               "best day; you decide.").format(days=names))
    if unplaced and race is not None:
        lines.append(translate("running_week", "%n session(s) of this week's program left out: "
                               "no day before or after the race keeps its rules. One session a "
                               "week keeps the Nordics' protective effect (coaching "
                               "convention).", n=unplaced))
    elif unplaced:
        lines.append(translate("running_week", "%n session(s) of this week's program left out: "
                               "this week's runs leave no day for it that keeps the rules "
                               "(coaching convention).", n=unplaced))
    if left_out:
        lines.append(translate("running_week", "%n session(s) of this week's program found no "
                               "day left this week.", n=left_out))
    return " ".join(lines) or None


def race_week_sets(sets: int) -> int:
    """A race week's sets for a dose of ``sets``: RACE_VOLUME of them,
    rounded up, never below one."""
    return max(1, math.ceil(sets * RACE_VOLUME))


def day_of(plan: WeekPlan, day: date) -> WeekDay | None:
    """The WeekDay of ``day`` in ``plan`` (None when outside its week)."""
    index = (day - plan.monday).days
    return plan.days[index] if 0 <= index < len(plan.days) else None
