"""Watching the log for the patterns worth a word: the signs of overtraining
and a long gap in a program with Nordics (the 48-hour rule is
app.coaching.recovery).

Each check returns a calm ``Notice`` (or None) with the numbers behind it;
the screens decide how to show it, and the athlete decides what to do. Pure
functions of what they are given: no clock, no database, no Qt.

The overtraining watch follows "Improve Running Performance: Hamstring
Training Benefits & Techniques" (resources/sources.toml:
article-improve-running): soreness that does not go away, a slump in
performance, and pain during workouts or runs are each a sign that
training has got ahead of recovery, and each alone is a reason to ease the
intensity or the frequency. One notice says so, however many of the signs
hold, and lists which (``overtraining_notice``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from enum import StrEnum
from itertools import pairwise

from app.coaching.readiness import PainLevel, ReadinessAnswers, ReadinessError
from app.kernel.i18n import format_date, format_decimal, format_integer, translate
from app.logbook.entries import (
    LOAD_UNITS,
    BodyNoteRecord,
    LoggedSetRecord,
    SessionRecord,
    SetType,
    from_kg,
)
from app.logbook.formatting import format_weight, with_load_unit

# Ripley et al. 2021: the Nordic programme protected when sessions were no
# more than about 3 weeks apart. A gap of exactly 21 days is still within it.
NORDIC_MAX_GAP_DAYS = 21
# Soreness (0-10, as in the readiness question) from which it counts as high:
# the same line as readiness.EASY_SORENESS, where soreness starts to change
# how the athlete moves. Below it soreness is the normal, mild kind.
HIGH_SORENESS = 5
# Nagging soreness: high at this many readings running (a session's
# readiness answer or a quick note; one reading a day, the day's highest)...
NAGGING_READINGS = 3
# ...the first and the last at least this many days apart. Soreness from one
# hard session (Nordics above all) peaks 2-3 days later and then eases, so
# three sore days in a row after one session is the normal kind; still high
# later than that is soreness that does not go away.
NAGGING_SPAN_DAYS = 3
# Sessions a slump is read over: one worse session is a bad day, two worse
# in a row is a direction.
SLUMP_SESSIONS = 3
# What the watch looks back over: signs older than this are not today's
# (after a fortnight away the gap, not the slump, is the news).
WATCH_DAYS = 14
# Pain counts while its latest report is this recent; an answer of "no pain"
# since then means it settled.
PAIN_DAYS = 7
# Lowering times are taken with a key press and shown to a tenth of a
# second; a smaller change than this is timing noise, not a slump.
DESCENT_NOISE_S = 0.1
_LOAD_EPS_KG = 1e-6


# The article the overtraining signs come from, by its title (titles keep
# their own spelling and are not translated).
OVERTRAINING_ARTICLE = "Improve Running Performance: Hamstring Training Benefits & Techniques"


class NoticeKind(StrEnum):
    EASE_OFF = "ease-off"  # signs of overtraining
    TOO_SOON = "too-soon"  # the 48-hour rule (app.coaching.recovery)
    NORDIC_GAP = "nordic-gap"  # a layoff longer than the Nordic rule


class Sign(StrEnum):
    """The article's signs of overtraining, as the watch reads them."""

    NAGGING_SORENESS = "nagging-soreness"
    SLUMP = "slump"
    PAIN = "pain"


@dataclass(frozen=True)
class Notice:
    """Something worth telling the athlete. ``kind``: a ``NoticeKind``;
    ``numbers`` the figures behind it, one per line; ``restart_week`` the week
    to restart a program with Nordics at; ``signs`` the overtraining signs
    that hold; ``sources`` ids in resources/sources.toml."""

    kind: str
    title: str
    text: str
    numbers: tuple[str, ...] = ()
    restart_week: int | None = None
    sources: tuple[str, ...] = ()
    signs: tuple[Sign, ...] = ()


# -- signs of overtraining -----------------------------------------------------


@dataclass(frozen=True)
class _Reading:
    """What the athlete said on one day: soreness 0-10 and pain (the worse of
    the leg and the run), each None when not given."""

    day: date
    soreness: int | None
    pain: PainLevel | None


_PAIN_ORDER = {PainLevel.NONE: 0, PainLevel.MILD: 1, PainLevel.MORE: 2}


def _worst(*levels: PainLevel | None) -> PainLevel | None:
    known = [level for level in levels if level is not None]
    return max(known, key=_PAIN_ORDER.__getitem__) if known else None


def _readings(sessions: Sequence[tuple[SessionRecord, Sequence[LoggedSetRecord]]],
              notes: Sequence[BodyNoteRecord], tz: tzinfo | None) -> list[_Reading]:
    """Every answer given, from the sessions' readiness checks and the quick
    notes, newest first. Nothing is guessed: an answer not given stays None."""
    found: list[tuple[datetime, _Reading]] = []
    for record, _ in sessions:
        if record.readiness is None:
            continue
        try:
            answers = ReadinessAnswers.from_dict(record.readiness)
        except ReadinessError:
            continue  # edited by hand or from an unknown version: not read
        found.append((record.started_at, _Reading(record.started_at.astimezone(tz).date(),
                                                  answers.soreness,
                                                  _worst(answers.pain, answers.run_pain))))
    for note in notes:
        pain = None if note.run_pain is None else PainLevel(note.run_pain)
        found.append((note.noted_at, _Reading(note.noted_at.astimezone(tz).date(), note.soreness,
                                              pain)))
    found.sort(key=lambda pair: pair[0], reverse=True)
    return [reading for _, reading in found]


def _nagging(readings: Sequence[_Reading], today: date) -> list[tuple[date, int]] | None:
    """The soreness readings (day, highest that day), oldest first, when the
    last ``NAGGING_READINGS`` days with one were all high and far enough apart."""
    by_day: dict[date, int] = {}
    for r in readings:
        if r.soreness is not None and (today - r.day).days <= WATCH_DAYS:
            by_day[r.day] = max(by_day.get(r.day, 0), r.soreness)
    days = sorted(by_day, reverse=True)[:NAGGING_READINGS]
    if len(days) < NAGGING_READINGS or (days[0] - days[-1]).days < NAGGING_SPAN_DAYS:
        return None
    if not all(by_day[d] >= HIGH_SORENESS for d in days):
        return None
    return [(d, by_day[d]) for d in reversed(days)]


def _pain(readings: Sequence[_Reading], today: date) -> _Reading | None:
    """The latest pain answer, when it is recent and not "no pain"."""
    for r in readings:
        if r.pain is None:
            continue
        if (today - r.day).days > PAIN_DAYS or r.pain is PainLevel.NONE:
            return None
        return r
    return None


def _slump_lines(sessions: Sequence[tuple[SessionRecord, Sequence[LoggedSetRecord]]], today: date,
                 tz: tzinfo | None, units: str, names: Mapping[str, str] | None) -> list[str]:
    """A line per exercise, done in each of the last three hamstring sessions,
    that got worse from each session to the next (see ``_worse``); none when
    the newest of them is older than ``WATCH_DAYS``."""
    if len(sessions) < SLUMP_SESSIONS:
        return []
    newest_first = list(sessions[:SLUMP_SESSIONS])
    if (today - newest_first[0][0].started_at.astimezone(tz).date()).days > WATCH_DAYS:
        return []
    oldest_first = [[s for s in sets if s.set_type == SetType.WORKING] for _, sets in reversed(newest_first)]
    lines = []
    for slug in _common_exercises(oldest_first):
        per_session = [[s for s in sets if s.exercise_slug == slug] for sets in oldest_first]
        line = _slump_line(per_session, _name(slug, names), units)
        if line is not None:
            lines.append(line)
    return lines


def overtraining_notice(sessions: Sequence[tuple[SessionRecord, Sequence[LoggedSetRecord]]],
                        notes: Sequence[BodyNoteRecord], today: date, *,
                        tz: tzinfo | None = None, units: str = "kg",
                        names: Mapping[str, str] | None = None) -> Notice | None:
    """One calm "ease-off" notice when any of the article's signs of
    overtraining holds, listing each that does (``Sign``):

    * nagging soreness: ``HIGH_SORENESS`` (5 of 10) or more at the last
      ``NAGGING_READINGS`` days with a soreness answer (a session's readiness
      check or a quick note), spread over ``NAGGING_SPAN_DAYS`` or more;
    * a slump: an exercise done in each of the last three hamstring sessions
      got worse from each to the next (``_worse``), sore or not;
    * pain during workouts or runs: the latest pain answer (the readiness
      check's leg pain or run pain, or a quick note's run pain) is mild or
      more and at most ``PAIN_DAYS`` old.

    ``sessions``: the recent hamstring sessions with their hamstring sets,
    newest first (``CoachingReader.recent_hamstring_sessions``); ``notes``
    the quick notes of the last ``WATCH_DAYS`` or more, newest first;
    ``today`` the athlete's date and ``tz`` their time zone. A soreness or
    pain never given counts as nothing: it is not guessed.
    """
    if units not in LOAD_UNITS:
        raise ValueError(f"units must be kg or lb, got {units!r}")
    readings = _readings(sessions, notes, tz)
    signs: list[Sign] = []
    lines: list[str] = []
    nagging = _nagging(readings, today)
    if nagging is not None:
        signs.append(Sign.NAGGING_SORENESS)
        lines.append(translate("watch", "soreness {values} of 10 at your last %n readings "
                               "({first} to {last})", n=len(nagging)).format(
            values=", ".join(format_integer(v) for _, v in nagging),
            first=format_date(nagging[0][0]), last=format_date(nagging[-1][0])))
    slump = _slump_lines(sessions, today, tz, units, names)
    if slump:
        signs.append(Sign.SLUMP)
        lines.extend(slump)
    pain = _pain(readings, today)
    if pain is not None:
        signs.append(Sign.PAIN)
        level = (translate("watch", "mild", "pain: mild") if pain.pain is PainLevel.MILD
                 else translate("watch", "more than mild", "pain: more than mild"))
        lines.append(translate("watch", "pain in training or running: {level} ({day})").format(
            level=level, day=format_date(pain.day)))
    if not signs:
        return None
    said = [_SIGN_WORDS[sign]() for sign in signs]
    # English says "this" for one sign and "each of these" for more, which a
    # "%n" plural cannot: two messages.
    if len(said) == 1:
        text = translate("watch", "Lately: {signs}. \"{article}\" counts this as a sign that "
                         "training has got ahead of recovery, and a reason to ease off: for a "
                         "week or so, lighter loads or a set fewer, or one session fewer this "
                         "week, with sleep, food and fluids to help recovery along. Then build "
                         "back up as before.")
    else:
        text = translate("watch", "Lately: {signs}. \"{article}\" counts each of these as a "
                         "sign that training has got ahead of recovery, and a reason to ease "
                         "off: for a week or so, lighter loads or a set fewer, or one session "
                         "fewer this week, with sleep, food and fluids to help recovery along. "
                         "Then build back up as before.")
    text = text.format(signs=_joined(said), article=OVERTRAINING_ARTICLE)
    sources: tuple[str, ...] = ("article-improve-running",)
    if pain is not None:
        text += " " + translate("watch", "Never push through pain: if it climbs, lingers to the "
                                "next morning or is more than mild, have a physiotherapist or "
                                "doctor look at it.")
        sources += ("physio-pain-rule",)
    text += " " + translate("watch", "This is guidance, not a diagnosis.")
    return Notice(
        kind=NoticeKind.EASE_OFF,
        title=translate("watch", "Time to ease off a little?"),
        text=text,
        numbers=tuple(lines),
        sources=sources,
        signs=tuple(signs),
    )


_SIGN_WORDS = {
    Sign.NAGGING_SORENESS: lambda: translate("watch", "soreness that has not gone away",
                                             "a sign: Lately: ..."),
    Sign.SLUMP: lambda: translate("watch", "a dip in performance", "a sign: Lately: ..."),
    Sign.PAIN: lambda: translate("watch", "pain in training or running", "a sign: Lately: ..."),
}


def _joined(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return translate("watch", "{items} and {last}", "a list: a, b and c").format(
        items=", ".join(items[:-1]), last=items[-1])


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


# -- a layoff in a program with Nordics ---------------------------------------------


def restart_week(gap_days: int, current_week: int) -> int | None:
    """The program week to restart at after ``gap_days`` without Nordics, or
    None when the gap is within ``NORDIC_MAX_GAP_DAYS``.

    The restart rule (ours, a coaching convention): go back by half of the
    whole weeks missed, rounded up, and never below week 1 - 22 days away
    (3 weeks) from week 6 restarts at week 4. Strength and the protection
    against soreness fade over a break, so the first sessions back should be
    easier ones, but a short break does not undo the whole programme.
    """
    if isinstance(current_week, bool) or not isinstance(current_week, int) or current_week < 1:
        raise ValueError(f"current week must be a whole number from 1, got {current_week!r}")
    if gap_days <= NORDIC_MAX_GAP_DAYS:
        return None
    return max(1, current_week - math.ceil((gap_days // 7) / 2))


def nordic_gap_notice(last_nordic_session: date | None, current_week: int,
                      today: date) -> Notice | None:
    """A "nordic-gap" notice when more than 3 weeks (``NORDIC_MAX_GAP_DAYS``)
    have passed since the last session with Nordics (Ripley et al. 2021), in
    a program with Nordics: the program restarts at ``restart_week``. Today
    applies it (app.usecases.today.Restart: the session due moves back to that week's
    first); the athlete may keep their place instead, which the text says."""
    if last_nordic_session is None:
        if isinstance(current_week, bool) or not isinstance(current_week, int) or current_week < 1:
            raise ValueError(f"current week must be a whole number from 1, got {current_week!r}")
        return None
    gap = (today - last_nordic_session).days
    restart = restart_week(gap, current_week)
    if restart is None:
        return None
    missed = gap // 7
    if restart == current_week:  # already in week 1
        advice = translate("watch", "So the program starts again from the first session of week "
                           "1 and builds up from there. You can keep your place instead.")
    else:
        advice = translate("watch", "So the program goes back to week {restart} - {back} back "
                           "from week {week}, half the weeks missed (a coaching convention, not a "
                           "study result) - and builds up again from there: the session due is "
                           "that week's first. You can keep your place instead.")
    advice = advice.format(restart=format_integer(restart), week=format_integer(current_week),
                           back=format_integer(current_week - restart))
    return Notice(
        kind=NoticeKind.NORDIC_GAP,
        title=translate("watch", "Back after a break: a step back in the program"),
        # No plural mark: the gap is always more than 21 days.
        text=translate("watch", "Your last session with Nordic curls was %n days ago. In the "
                       "studies the Nordic program protected athletes when sessions were no more "
                       "than about 3 weeks apart, and after a break the first sessions bring the "
                       "soreness back. {advice}", n=gap).format(advice=advice),
        numbers=(translate("watch", "days since the last session: {days}").format(
                     days=format_integer(gap)),
                 translate("watch", "weeks missed: {weeks}").format(weeks=format_integer(missed)),
                 translate("watch", "restart week: {week}").format(week=format_integer(restart))),
        restart_week=restart,
        sources=("ripley2021", "coaching-convention"),
    )
