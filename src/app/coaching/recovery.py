"""The 48-hour rule: a full rest day between two heavy hamstring sessions.

ACSM 2009 (resources/sources.toml: acsm2009) puts about 48 hours between
two sessions that train the same muscles hard, and its programs place them
on non-consecutive days: a Mon/Wed/Fri plan is the textbook case. The rule
is therefore judged by local calendar days, not by the hour: one full rest
day between two heavy sessions satisfies it, whatever the clock says. By the
hour, a Monday evening session followed by a Wednesday morning one (about
38 h) would be "too soon" although the athlete rested all of Tuesday, exactly
as the guideline intends; and a gap of hours is a pseudo-precise figure
("recovered in about 9 h") that no study gives.

Only HEAVY hamstring work counts (app.catalog.model.HamstringStress: Nordics
and heavy hinges), on both sides: the session last done and the session
about to start. The days after Nordics are when their soreness peaks
(nordic-soreness); bridges and curls the day after, or before, are ordinary
training. An exercise of the athlete's own takes the stress of the library
exercise it is based on; one based on none is not counted (not guessed).

A hard run done (a quality run, a long run or a race: app.logbook.runs.
HARD_RUN_TAGS) counts like a heavy session on the hamstrings (coaching
convention, issue 18; app.coaching.running_week): heavy work the day after
one asks first, like heavy work the day after Nordics. Only runs the log
holds count: a run that was only planned may not have happened.

Pure: no clock, no database, no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Protocol

from app.catalog.model import HamstringStress
from app.coaching.watch import Notice
from app.kernel.i18n import QT_TRANSLATE_NOOP, format_date, format_integer, translate
from app.logbook.runs import HARD_RUN_TAGS

if TYPE_CHECKING:
    from app.catalog.model import Catalog
    from app.logbook.custom_exercises import CustomExercise
    from app.logbook.runs import RunRecord

# ACSM 2009's "about 48 h" as a plan states it: heavy sessions on
# non-consecutive days, so at least one whole calendar day without one between.
REST_DAYS_BETWEEN_HEAVY = 1
RECOVERY_HOURS = 48  # the figure the notice cites (acsm2009)
# How far back a start reads the runs done: a hard run counts when it ended
# yesterday or today (local days), so one that started three days ago at the
# most (a long race past midnight included) is enough to read.
HARD_RUN_LOOKBACK = timedelta(days=3)


def stress_of(slug: str, catalog: Catalog,
              customs: Iterable[CustomExercise] = ()) -> HamstringStress:
    """The hamstring stress of an exercise: the library's own, or for one of
    the athlete's own, the stress of the library exercise it is based on.
    An exercise found in neither (or based on none) is NONE: not guessed."""
    if slug in catalog:
        return catalog.get(slug).hamstring_stress
    for custom in customs:
        if custom.slug == slug:
            if custom.based_on is not None and custom.based_on in catalog:
                return catalog.get(custom.based_on).hamstring_stress
            return HamstringStress.NONE
    return HamstringStress.NONE


def heavy_slugs(catalog: Catalog, customs: Iterable[CustomExercise] = ()) -> frozenset[str]:
    """Every exercise whose work counts for the 48-hour rule."""
    customs = tuple(customs)
    heavy = {e.slug for e in catalog.exercises if e.hamstring_stress is HamstringStress.HEAVY}
    return frozenset(heavy | {c.slug for c in customs
                              if stress_of(c.slug, catalog, customs) is HamstringStress.HEAVY})


def rest_days_between(last: date, today: date) -> int:
    """Whole calendar days with no session between ``last`` and ``today``
    (0 for yesterday and for today; a last day "in the future", after the
    clock was changed, counts as today)."""
    return max((today - last).days - 1, 0)


def last_hard_run(runs: Iterable[RunRecord], now: datetime) -> RunRecord | None:
    """The hard run done (HARD_RUN_TAGS) that ended last before ``now``."""
    done = [r for r in runs if r.tag in HARD_RUN_TAGS and r.entry.ended_at <= now]
    return max(done, key=lambda r: r.entry.ended_at, default=None)


def recent_hard_run(runs: Iterable[RunRecord], now: datetime,
                    tz: tzinfo | None = None) -> RunRecord | None:
    """The last hard run done when it ended with less than a full rest day
    (``REST_DAYS_BETWEEN_HEAVY``) before today, by local days: today's or
    yesterday's. The readiness check weighs pain after it (app.coaching.readiness)."""
    run = last_hard_run(runs, now)
    if run is None:
        return None
    day = run.entry.ended_at.astimezone(tz).date()
    return run if rest_days_between(day, now.astimezone(tz).date()) < REST_DAYS_BETWEEN_HEAVY \
        else None


def too_soon_notice(last_heavy_end: datetime | None, now: datetime, *, heavy_today: bool,
                    tz: tzinfo | None = None,
                    hard_run: RunRecord | None = None) -> Notice | None:
    """A "too-soon" notice when heavy hamstring work would start with less
    than one full rest day (``REST_DAYS_BETWEEN_HEAVY``) since the last heavy
    session ended, by local calendar days (``tz``; None: the system's).
    ``hard_run``: the last hard run done, which counts like a heavy session
    (the later of the two is the one the notice is about).
    None when the session about to start has no heavy work
    (``heavy_today``), or there is no heavy session in the log."""
    if hard_run is not None and heavy_today and (
            last_heavy_end is None or hard_run.entry.ended_at > last_heavy_end):
        return _after_hard_run(hard_run, now, tz)
    if last_heavy_end is None or not heavy_today:
        return None
    for label, moment in (("last heavy end", last_heavy_end), ("now", now)):
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError(f"{label}: needs an aware datetime, got {moment!r}")
    last_day, today = last_heavy_end.astimezone(tz).date(), now.astimezone(tz).date()
    if rest_days_between(last_day, today) >= REST_DAYS_BETWEEN_HEAVY:
        return None
    when = (translate("recovery", "yesterday", "the last heavy session was ...")
            if today - last_day == timedelta(days=1)
            else translate("recovery", "today", "the last heavy session was ..."))
    again = last_day + timedelta(days=REST_DAYS_BETWEEN_HEAVY + 1)
    return Notice(
        kind="too-soon",
        title=translate("recovery", "Heavy hamstring work done {when}").format(when=when),
        text=translate("recovery", "Your last heavy hamstring session (Nordics or heavy hinges) "
                       "was {when}. Leave a full rest day between two heavy sessions: muscles "
                       "need about {hours} hours before they are trained hard again, and after "
                       "Nordics the soreness tends to peak two to three days later. You can go "
                       "ahead anyway, or keep today for other work: light work such as bridges "
                       "does not count.").format(when=when, hours=format_integer(RECOVERY_HOURS)),
        numbers=(translate("recovery", "last heavy hamstring session: {date}").format(
                     date=format_date(last_day)),
                 translate("recovery", "heavy work again from: {date}").format(
                     date=format_date(again))),
        sources=("acsm2009", "nordic-soreness"),
    )


_RUN_WORDS = {"long": QT_TRANSLATE_NOOP("recovery", "long run"),
              "quality": QT_TRANSLATE_NOOP("recovery", "quality run"),
              "race": QT_TRANSLATE_NOOP("recovery", "race")}


def _after_hard_run(run: RunRecord, now: datetime, tz: tzinfo | None) -> Notice | None:
    """The too-soon notice after a hard run done, or None after a full rest day."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError(f"now: needs an aware datetime, got {now!r}")
    run_day, today = run.entry.ended_at.astimezone(tz).date(), now.astimezone(tz).date()
    if rest_days_between(run_day, today) >= REST_DAYS_BETWEEN_HEAVY:
        return None
    when = (translate("recovery", "yesterday", "the last heavy session was ...")
            if today - run_day == timedelta(days=1)
            else translate("recovery", "today", "the last heavy session was ..."))
    kind = translate("recovery", _RUN_WORDS.get(str(run.tag), "quality run"))
    again = run_day + timedelta(days=REST_DAYS_BETWEEN_HEAVY + 1)
    return Notice(
        kind="too-soon",
        title=translate("recovery", "A hard run {when}").format(when=when),
        text=translate("recovery", "Your {run} was {when}. A hard run counts like a heavy "
                       "hamstring session (coaching convention): leave a full rest day before "
                       "Nordics or heavy hinges, about {hours} hours, as between two heavy "
                       "sessions. You can go ahead anyway, or keep today for other work: light "
                       "work such as bridges does not count.").format(
                           run=kind, when=when, hours=format_integer(RECOVERY_HOURS)),
        numbers=(translate("recovery", "last hard run: {date}").format(date=format_date(run_day)),
                 translate("recovery", "heavy work again from: {date}").format(
                     date=format_date(again))),
        sources=("acsm2009", "coaching-convention", "twist2005"),
    )


class _LastHeavyEnd(Protocol):
    def last_hamstring_end(self, hamstring_slugs: Iterable[str]) -> datetime | None: ...


def too_soon_for(slugs: Iterable[str], coaching: _LastHeavyEnd, catalog: Catalog,
                 customs: Iterable[CustomExercise], now: datetime,
                 tz: tzinfo | None = None, hard_runs: Iterable[RunRecord] = ()) -> Notice | None:
    """The 48-hour notice for a session of ``slugs`` starting ``now``, the
    last heavy session read through ``coaching`` (a CoachingReader);
    ``hard_runs``: the runs done of the last days (any tags: the hard ones count)."""
    customs = tuple(customs)
    heavy = heavy_slugs(catalog, customs)
    if not heavy.intersection(slugs):
        return None  # nothing heavy today: no need to read the log
    return too_soon_notice(coaching.last_hamstring_end(heavy), now, heavy_today=True, tz=tz,
                           hard_run=last_hard_run(hard_runs, now))
