"""A program on the calendar: which session falls on which date.

Pure: dates are ``datetime.date`` in the athlete's own time zone, and
"today" is always passed in, so nothing here reads a clock.

The rules (the articles advise 2-3 sessions a week with a rest day between,
ACSM 2009 about 48 hours before the same muscles are trained again):

- Program week k is the k-th block of 7 days counted from the start date
  (a Thursday start: Thursday to Wednesday). Every block holds each weekday
  once, so a start on any day, a Sunday too, plans the first week like any
  other, and nothing is ever planned before the start date. Today's week
  strip still shows Monday to Sunday: the sessions planned on those dates,
  from whichever program weeks they belong to, each with its day number.
- A week's N sessions go on the first N of the athlete's chosen weekdays
  in that block, in date order. Never two sessions on one day.
- When fewer days are chosen than a week needs, the plan adds other
  weekdays, each with a rest day on both sides of it (Sunday and Monday
  are neighbors too), furthest from the days already in; the same added
  days serve every week, so they also keep clear of the weeks either side.
  If no such day is left (a custom program of 4 or more sessions a week),
  that week takes two blocks of 7 days (or more) rather than put sessions
  on consecutive days. So two sessions only fall on consecutive days when
  the athlete chose both days, and ``check_weekdays`` tells them so.
- A program that advises a range (``sessions_per_week`` 2-3) and whose
  weeks all hold the same number of sessions (heavy gym, sample session,
  runner's drill) runs at the chosen number of days, up to the top of the
  range: three days chosen, three sessions a week. Its weeks are then
  counted in threes ("Week 2 · session 3 of 3"); the sessions themselves
  run in the program's order. The Nordic programme's weeks differ
  (1, 2, 3, 3, ...), so it always keeps its published weekly counts.
- Sessions are numbered through the program (day 1, 2, ...) in date order.
  A repeating program runs its weeks again; a program with a maintenance
  week runs that week for good; any other program ends after its weeks.
- An enrolment may begin at session ``first_day`` (a restart after a
  layoff): the sessions before it count as done, and the first block of 7
  days from the start date holds the rest of that session's week.
- A session done late still counts: the session due is the lowest day
  number not yet done, whatever the date.
"""

# One module because the calendar rules (7-day blocks from the start, chosen
# days, back-to-back days, adherence, the strip) all answer "which session on
# which date" from the same week arithmetic.

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from app.coaching.model import Program
from app.kernel.clock import monday_of
from app.kernel.i18n import QT_TRANSLATE_NOOP, format_integer, translate

# Shown with translate("schedule", WEEKDAY_NAMES[n]).
WEEKDAY_NAMES = (QT_TRANSLATE_NOOP("schedule", "Mon"), QT_TRANSLATE_NOOP("schedule", "Tue"),
                 QT_TRANSLATE_NOOP("schedule", "Wed"), QT_TRANSLATE_NOOP("schedule", "Thu"),
                 QT_TRANSLATE_NOOP("schedule", "Fri"), QT_TRANSLATE_NOOP("schedule", "Sat"),
                 QT_TRANSLATE_NOOP("schedule", "Sun"))
# Whole names for sentences ("Back to back: Sunday and Monday."). Kept here
# rather than taken from programs.words: words imports the log's formatting,
# and the session engine, which plans through this module, imports no storage.
WEEKDAY_FULL_NAMES = (QT_TRANSLATE_NOOP("schedule", "Monday"),
                      QT_TRANSLATE_NOOP("schedule", "Tuesday"),
                      QT_TRANSLATE_NOOP("schedule", "Wednesday"),
                      QT_TRANSLATE_NOOP("schedule", "Thursday"),
                      QT_TRANSLATE_NOOP("schedule", "Friday"),
                      QT_TRANSLATE_NOOP("schedule", "Saturday"),
                      QT_TRANSLATE_NOOP("schedule", "Sunday"))
STATUSES = ("done", "missed", "planned", "rest")


@dataclass(frozen=True)
class DayPlace:
    """Where session ``day_number`` sits: program week (from 1), its place in
    that week (from 1) and the week's number of sessions."""

    week: int
    position: int
    count: int
    maintenance: bool = False


@dataclass(frozen=True)
class DueSession:
    day_number: int
    planned_date: date
    overdue_days: int  # 0 when planned for today or later


@dataclass(frozen=True)
class StripDay:
    """One day of the week strip. ``status``: "done" (a session of the program
    was done that day, or every session planned for it was done on another
    day), "missed" (planned, in the past, not done), "planned" (today or
    later), "rest" (nothing planned, nothing done)."""

    date: date
    planned: tuple[int, ...]  # the day numbers planned for this date
    done: tuple[int, ...]  # the day numbers done on this date
    status: str
    today: bool


@dataclass(frozen=True)
class Adherence:
    done: int  # sessions done from the start date up to today
    planned_so_far: int  # sessions planned on a date up to and including today
    ratio: float | None  # done / planned, at most 1; None while nothing was planned yet
    longest_gap_days: int  # the longest gap between two sessions done, or the current one
    current_gap_days: int  # days since the last session done (since the start if none)


# --------------------------------------------------------------------------
# Day numbers and program weeks
# --------------------------------------------------------------------------


def _uniform_count(program: Program) -> int | None:
    """The sessions every week holds (the maintenance week too), or None when
    the weeks differ (the Nordic programme: 1, 2, 3, ...)."""
    counts = {len(w.days) for w in program.weeks}
    if program.maintenance is not None:
        counts.add(len(program.maintenance.days))
    return counts.pop() if len(counts) == 1 else None


def weekly_rate(program: Program, weekdays: Sequence[int] | None) -> int | None:
    """The sessions a week the plan runs at on ``weekdays`` when that differs
    from the program's own weeks, else None (see the module's rules): a
    program that advises 2-3 a week, whose weeks all hold 2, runs at 3 a
    week on 3 chosen days (or more)."""
    if weekdays is None:
        return None
    uniform = _uniform_count(program)
    top = program.sessions_per_week[1]
    if uniform is None or top <= uniform:
        return None
    rate = min(top, len(set(weekdays)))
    return rate if rate > uniform else None


def sessions_in_week(program: Program, week: int, weekdays: Sequence[int] | None = None) -> int:
    """Sessions in program week ``week`` (from 1); 0 once a finite program is
    over. With ``weekdays``, as planned on those days (``weekly_rate``)."""
    return _sessions_in_week(program, week, weekly_rate(program, weekdays))


def _sessions_in_week(program: Program, week: int, rate: int | None) -> int:
    if week < 1:
        return 0
    if rate is not None:
        if program.open_ended:
            return rate
        return max(0, min(rate, program.planned_sessions - (week - 1) * rate))
    planned_weeks = len(program.weeks)
    if week <= planned_weeks:
        return len(program.weeks[week - 1].days)
    if program.maintenance is not None:
        return len(program.maintenance.days)
    if program.repeat:
        return len(program.weeks[(week - 1) % planned_weeks].days)
    return 0


def first_day_of_week(program: Program, week: int, weekdays: Sequence[int] | None = None) -> int:
    """The day number of the first session of program week ``week``."""
    return _first_day_of_week(program, week, weekly_rate(program, weekdays))


def _first_day_of_week(program: Program, week: int, rate: int | None) -> int:
    planned = program.planned_sessions
    if rate is not None:
        first = 1 + (week - 1) * rate
        return first if program.open_ended else min(first, planned + 1)
    planned_weeks = len(program.weeks)
    if week <= planned_weeks:
        return 1 + sum(len(w.days) for w in program.weeks[:week - 1])
    if program.maintenance is not None:
        return planned + 1 + (week - planned_weeks - 1) * len(program.maintenance.days)
    cycles, rest = divmod(week - 1, planned_weeks)
    if not program.repeat:
        return planned + 1  # past the end: the day after the last
    return 1 + cycles * planned + sum(len(w.days) for w in program.weeks[:rest])


def place_of_day(program: Program, day_number: int,
                 weekdays: Sequence[int] | None = None) -> DayPlace:
    """The program week and place of session ``day_number`` (with
    ``weekdays``, as planned on those days); ValueError if a finite program
    has no such session."""
    if day_number < 1:
        raise ValueError(f"day: must be 1 or more, got {day_number}")
    planned = program.planned_sessions
    if not program.open_ended and day_number > planned:
        raise ValueError(f"day: {program.name} has {planned} sessions, not {day_number}")
    rate = weekly_rate(program, weekdays)
    if rate is not None:
        before, index = divmod(day_number - 1, rate)
        return DayPlace(before + 1, index + 1, sessions_in_week(program, before + 1, weekdays),
                        maintenance=program.maintenance is not None and day_number > planned)
    index = day_number - 1
    if index >= planned and program.maintenance is not None:
        per_week = len(program.maintenance.days)
        extra = index - planned
        return DayPlace(len(program.weeks) + 1 + extra // per_week, extra % per_week + 1,
                        per_week, maintenance=True)
    cycle, index = divmod(index, planned)
    for week in program.weeks:
        if index < len(week.days):
            return DayPlace(cycle * len(program.weeks) + week.number, index + 1, len(week.days))
        index -= len(week.days)
    raise AssertionError("unreachable: index within the planned sessions")


# --------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------

# A day the plan adds (the athlete chose too few) keeps at least this many free
# days from every other training day, round the week (Sunday and Monday are
# neighbors): the articles' rest day between sessions.
REST_DAYS_BETWEEN = 1


def _apart(a: int, b: int) -> int:
    """Days between two weekdays, round the week (Sunday to Monday: 1)."""
    gap = abs(a - b)
    return min(gap, 7 - gap)


def _check_weekdays(weekdays: Iterable[int]) -> tuple[int, ...]:
    days = tuple(sorted(set(weekdays)))
    if any(isinstance(d, bool) or not isinstance(d, int) or not 0 <= d <= 6 for d in days):
        raise ValueError(f"weekdays: must be 0 (Monday) to 6 (Sunday), got {weekdays!r}")
    return days


def training_weekdays(weekdays: Sequence[int], count: int) -> tuple[int, ...]:
    """The weekdays a week of ``count`` sessions uses: the chosen days, and
    when they are fewer than ``count``, other weekdays each with a rest day
    on both sides (furthest from the days already in, the earliest of equals).
    Fewer than ``count`` when no such day is left. The added days for a
    bigger ``count`` extend those for a smaller one, so weeks of different
    sizes never bring two added days (or an added and a chosen day) next
    to each other."""
    return _training_weekdays(_check_weekdays(weekdays), count)


@functools.cache  # pure, and asked for again for every week of every plan: 7 x 128 x a few answers
def _training_weekdays(chosen: tuple[int, ...], count: int) -> tuple[int, ...]:
    days = list(chosen)
    while len(days) < count:
        free = [d for d in range(7) if d not in days
                and all(_apart(d, c) > REST_DAYS_BETWEEN for c in days)]
        if not free:
            break
        days.append(max(free, key=lambda d: (min((_apart(d, c) for c in days), default=7), -d)))
    return tuple(sorted(days))


def _weeks_of_seven(program: Program, days: tuple[int, ...]) -> bool:
    """True when every week fits its 7 days (the usual case: a week of up to
    3 sessions always does), so week k starts 7 x (k - 1) days after the
    start and a date's week can be worked out without walking the weeks."""
    rate = weekly_rate(program, days)
    weeks = list(program.weeks) + ([program.maintenance] if program.maintenance else [])
    counts = {rate} if rate is not None else {len(w.days) for w in weeks}
    return all(len(training_weekdays(days, n)) >= n for n in counts)


def _blocks(program: Program, start: date, days: tuple[int, ...], first_day: int,
            jump: int = 0) -> Iterator[tuple[int, list[tuple[int, date]]]]:
    """(program week, [(day number, date), ...]) for each week from the one
    holding ``first_day``, in order; ends when a finite program does.
    ``jump`` skips that many weeks of 7 days first (only when
    ``_weeks_of_seven``: a long enrolment's Today does not walk its years)."""
    place = place_of_day(program, first_day, days)
    rate = weekly_rate(program, days)
    patterns: dict[int, tuple[int, ...]] = {}  # by the week's session count
    week, skip, block = place.week, place.position - 1, start
    if jump > 0:
        week, skip, block = week + jump, 0, start + timedelta(weeks=jump)
    while True:
        count = _sessions_in_week(program, week, rate)
        if count - skip <= 0:
            return
        first = _first_day_of_week(program, week, rate) + skip
        if count not in patterns:
            patterns[count] = training_weekdays(days, count)
        pattern = patterns[count]
        dates: list[date] = []
        day = block
        while len(dates) < count - skip:
            if day.weekday() in pattern:
                dates.append(day)
            day += timedelta(days=1)
        yield week, [(first + i, d) for i, d in enumerate(dates)]
        # The next week starts 7 days on, or further when this one ran over.
        block += timedelta(weeks=max(1, -(-(day - block).days // 7)))
        week, skip = week + 1, 0


def _check_first_day(program: Program, first_day: int) -> None:
    if isinstance(first_day, bool) or not isinstance(first_day, int) or first_day < 1:
        raise ValueError(f"first_day: must be 1 or more, got {first_day!r}")
    if not program.open_ended and first_day > program.planned_sessions:
        raise ValueError(f"first_day: {program.name} has {program.planned_sessions} sessions, "
                         f"not {first_day}")


def planned_dates(program: Program, start: date, weekdays: Sequence[int], until: date,
                  first_day: int = 1) -> list[tuple[int, date]]:
    """(day number, date) of every session planned from ``start`` to ``until``
    (both included), in order, from session ``first_day``."""
    return _planned_between(program, start, _check_weekdays(weekdays), first_day, None, until)


def _planned_between(program: Program, start: date, days: tuple[int, ...], first_day: int,
                     since: date | None, until: date) -> list[tuple[int, date]]:
    """The sessions planned from ``since`` (None: the start) to ``until``."""
    _check_first_day(program, first_day)
    jump = 0
    if since is not None and since > start and _weeks_of_seven(program, days):
        jump = (since - start).days // 7
    out: list[tuple[int, date]] = []
    for _week, placed in _blocks(program, start, days, first_day, jump):
        out.extend((n, d) for n, d in placed if d <= until and (since is None or d >= since))
        if placed[-1][1] >= until:
            break
    return out


def date_of_day(program: Program, start: date, weekdays: Sequence[int], day_number: int,
                first_day: int = 1) -> date:
    """The planned date of session ``day_number`` (``first_day`` or later)."""
    days = _check_weekdays(weekdays)
    _check_first_day(program, first_day)
    place_of_day(program, day_number, days)  # a day a finite program does not have: ValueError
    if day_number < first_day:
        raise ValueError(f"day: {day_number} comes before the first session, {first_day}")
    jump = 0
    if _weeks_of_seven(program, days):
        jump = place_of_day(program, day_number, days).week - place_of_day(program, first_day,
                                                                            days).week
    for _week, placed in _blocks(program, start, days, first_day, jump):
        if placed[-1][0] >= day_number:
            return next(d for n, d in placed if n == day_number)
    raise AssertionError("unreachable: the day is within the program")


def back_to_back(weekdays: Sequence[int]) -> list[tuple[int, ...]]:
    """The runs of chosen weekdays with no rest day between them, Sunday
    and Monday included: (MON, TUE, SAT, SUN) gives [(SAT, SUN, MON, TUE)]."""
    days = set(_check_weekdays(weekdays))
    if len(days) == 7:
        return [tuple(range(7))]
    runs: list[tuple[int, ...]] = []
    for day in sorted(days):
        if (day - 1) % 7 in days:
            continue  # inside a run that starts earlier
        run = [day]
        while (run[-1] + 1) % 7 in days:
            run.append((run[-1] + 1) % 7)
        if len(run) > 1:
            runs.append(tuple(run))
    return runs


def _and_words(names: Sequence[str]) -> str:
    if len(names) == 1:
        return names[0]
    return translate("schedule", "{first} and {last}", "a list of days: Monday, Tuesday and "
                     "Wednesday").format(first=", ".join(names[:-1]), last=names[-1])


def check_weekdays(program: Program, weekdays: Sequence[int]) -> str | None:
    """What the athlete should know about the chosen days, or None: none
    chosen, too few for the program's busiest week, or days back to back
    (the sessions on them come without a rest day between)."""
    days = _check_weekdays(weekdays)
    if not days:
        return translate("schedule", "Choose at least one training day.")
    notes: list[str] = []
    weeks = list(program.weeks) + ([program.maintenance] if program.maintenance else [])
    most = max(len(w.days) for w in weeks)
    if len(days) < most:
        # No plural marks: a week that cannot fit holds at least 2 sessions.
        notes.append(translate(
            "schedule", "{program} has weeks of %n session(s): choose at least %n day(s). Until "
            "then, the extra sessions go on other days, each with a rest day before and after "
            "it; a week with no such day left takes longer.", n=most).format(
                program=program.name))
    busiest = weekly_rate(program, days) or most
    runs = back_to_back(days)
    if runs and busiest > 1:
        listed = translate("schedule", "; ", "between two runs of back-to-back days").join(
            _and_words([translate("schedule", WEEKDAY_FULL_NAMES[d]) for d in run]) for run in runs)
        notes.append(translate(
            "schedule", "Back to back: {days}. Sessions on these days come without a rest day "
            "between them. The articles advise a rest day between hamstring sessions "
            "(\u201cUpgrade your running: Hamstring exercises for runners\u201d; \u201cImprove "
            "Running Performance: Hamstring Training Benefits & Techniques\u201d), and the ACSM "
            "position stand (2009) about 48 hours before the same muscles work hard again. "
            "Keep these days if they suit your week; the plan puts no other sessions on "
            "consecutive days.").format(days=listed))
    return " ".join(notes) or None


def frequency_note(program: Program, weekdays: Sequence[int]) -> str | None:
    """A line saying how many sessions a week the chosen days give, for a
    program that advises a range (heavy gym: 2-3); None otherwise."""
    days = _check_weekdays(weekdays)
    low, high = program.sessions_per_week
    uniform = _uniform_count(program)
    if uniform is None or high <= uniform or not days:
        return None
    rate = weekly_rate(program, days) or min(uniform, len(days))
    if rate > uniform:
        return translate(
            "schedule", "{program} advises {low}-{high} sessions a week: with these days you do "
            "%n a week, and Today counts its weeks that way (\u201cWeek 2 \u00b7 session %n of "
            "%n\u201d). Choose {uniform} days to do {uniform} a week.", n=rate).format(
                program=program.name, low=format_integer(low), high=format_integer(high),
                uniform=format_integer(uniform))
    return translate(
        "schedule", "{program} advises {low}-{high} sessions a week: with these days you do "
        "{uniform} a week. Choose {high} days to do {high} a week.").format(
            program=program.name, low=format_integer(low), high=format_integer(high),
            uniform=format_integer(uniform))


# --------------------------------------------------------------------------
# Progress through the program
# --------------------------------------------------------------------------


def next_due(program: Program, start: date, weekdays: Sequence[int], done_days: Iterable[int],
             today: date, first_day: int = 1) -> DueSession | None:
    """The lowest session not done yet (those before ``first_day`` count as
    done), with its planned date; None once a finite program is finished."""
    done = set(done_days)
    day = first_day
    while day in done:
        day += 1
    if not program.open_ended and day > program.planned_sessions:
        return None
    planned = date_of_day(program, start, weekdays, day, first_day)
    return DueSession(day, planned, max(0, (today - planned).days))


def week_strip(program: Program, start: date, weekdays: Sequence[int],
               done: Mapping[date, Sequence[int]], today: date,
               first_day: int = 1) -> list[StripDay]:
    """Monday to Sunday of today's week: what was planned and done each day."""
    monday = monday_of(today)
    sunday = monday + timedelta(days=6)
    days = _check_weekdays(weekdays)
    planned: dict[date, list[int]] = {}
    if sunday >= start:
        for number, day in _planned_between(program, start, days, first_day, monday, sunday):
            planned.setdefault(day, []).append(number)
    done_anywhere = {n for numbers in done.values() for n in numbers}
    strip = []
    for i in range(7):
        day = monday + timedelta(days=i)
        here = tuple(planned.get(day, ()))
        done_here = tuple(done.get(day, ()))
        if done_here or (here and all(n in done_anywhere for n in here)):
            status = "done"
        elif here:
            status = "missed" if day < today else "planned"
        else:
            status = "rest"
        strip.append(StripDay(day, here, done_here, status, day == today))
    return strip


def _planned_so_far(program: Program, start: date, days: tuple[int, ...], first_day: int,
                    today: date) -> int:
    """How many sessions are planned from the start up to ``today``."""
    _check_first_day(program, first_day)
    if today < start:
        return 0
    if not _weeks_of_seven(program, days):
        return len(_planned_between(program, start, days, first_day, None, today))
    # The week holding today: the sessions before it, and its own up to today.
    placed = next(_blocks(program, start, days, first_day, (today - start).days // 7), None)
    if placed is None:  # a finite program over before this week
        return program.planned_sessions - first_day + 1
    numbers = placed[1]
    return numbers[0][0] - first_day + sum(1 for _n, d in numbers if d <= today)


def adherence(program: Program, start: date, weekdays: Sequence[int], done_dates: Iterable[date],
              today: date, first_day: int = 1) -> Adherence:
    """How well the program is being kept up. Sessions dated before the start
    (an earlier go at the same program) or after today are not counted."""
    dates = sorted(d for d in done_dates if start <= d <= today)
    days = _check_weekdays(weekdays)
    # Today's session is not missed while today lasts: it counts as planned
    # once it is done (a first morning read "done 0 of 1, 0%" before).
    yesterday = today - timedelta(days=1)
    planned = _planned_so_far(program, start, days, first_day, yesterday) if start <= yesterday else 0
    planned_today = _planned_so_far(program, start, days, first_day, today) - planned
    planned += min(planned_today, sum(1 for d in dates if d == today))
    ratio = min(1.0, len(dates) / planned) if planned else None
    current = (today - dates[-1]).days if dates else max(0, (today - start).days)
    gaps = [(b - a).days for a, b in itertools.pairwise(dates)]
    return Adherence(done=len(dates), planned_so_far=planned, ratio=ratio,
                     longest_gap_days=max([*gaps, current]), current_gap_days=current)
