"""The tag a run gets at import, guessed (issue 18): the athlete's words
first, then how much the pace varied, then how long it was.

A guess is only a guess: the run keeps ``tag_guessed`` True, the athlete
changes it in the window or with ``hamstride runs tag``, and a guess never
replaces a tag the athlete set.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta, tzinfo

from app.logbook.runs import RunEntry, RunTag

# Words in an activity's title (or its file's name) that say what the run
# was. A title with words of several tags takes the first of TAG_ORDER:
# "long race" is a race, "long tempo" a quality run, "long easy" a long run.
TITLE_WORDS: dict[RunTag, frozenset[str]] = {
    RunTag.RACE: frozenset({"race", "racing", "parkrun", "competition"}),
    RunTag.QUALITY: frozenset({"tempo", "interval", "intervals", "threshold", "fartlek",
                               "repeats", "reps", "hills", "hill", "workout", "speed",
                               "track", "vo2", "vo2max", "progression"}),
    RunTag.LONG: frozenset({"long", "lsr"}),
    RunTag.EASY: frozenset({"easy", "recovery", "jog", "shakeout", "regen"}),
}
TAG_ORDER = (RunTag.RACE, RunTag.QUALITY, RunTag.LONG, RunTag.EASY)

# The coefficient of variation of the per-kilometer pace above which a run
# is taken for a quality run (intervals, a tempo between a warm-up and a
# cool-down). An even run on rolling roads stays under ~5%; a 5 km tempo
# between 2 km warm-up and cool-down is ~12%.
QUALITY_PACE_CV = 0.08
PACE_SPLIT_M = 1000.0
MIN_SPLITS = 3  # fewer whole kilometers than this say nothing about variation

LONG_RUN_S = 90 * 60  # a run of 90 minutes or more is a long run
# The week's longest run is its long run when the week has at least this
# many runs (of two runs, the longer is not a "long run" by that alone).
LONG_OF_WEEK_MIN_RUNS = 3

_WORD = re.compile(r"[a-z0-9]+")


def title_tag(title: str) -> RunTag | None:
    """The tag the title's words say, if any."""
    words = set(_WORD.findall(title.lower()))
    for tag in TAG_ORDER:
        if words & TITLE_WORDS[tag]:
            return tag
    return None


def guess_tag(title: str, distance_m: float | None, duration_s: float,
              pace_cv: float | None) -> RunTag:
    """The guess for a run: its title's words, else a pace that varied (a
    quality run), else its length (90 minutes or more: long), else easy when
    the pace was even, else unknown (nothing in the file says)."""
    said = title_tag(title)
    if said is not None:
        return said
    if pace_cv is not None and pace_cv >= QUALITY_PACE_CV:
        return RunTag.QUALITY
    if duration_s >= LONG_RUN_S:
        return RunTag.LONG
    if pace_cv is not None:
        return RunTag.EASY
    return RunTag.UNKNOWN


def pace_cv(samples: Iterable[tuple[float, float]]) -> float | None:
    """The coefficient of variation of the per-kilometer pace, from
    (seconds, meters covered) samples in time order; None with fewer than
    MIN_SPLITS whole kilometers. A kilometer's time is interpolated at the
    point where the distance crosses it."""
    splits: list[float] = []
    mark = PACE_SPLIT_M
    last_mark_t: float | None = None
    previous: tuple[float, float] | None = None
    for t, d in samples:
        if previous is None:
            previous = (t, d)
            last_mark_t = t
            continue
        t0, d0 = previous
        while d >= mark and d > d0:
            crossed = t0 + (t - t0) * (mark - d0) / (d - d0)
            assert last_mark_t is not None
            splits.append(crossed - last_mark_t)
            last_mark_t = crossed
            mark += PACE_SPLIT_M
        previous = (t, d)
    if len(splits) < MIN_SPLITS:
        return None
    mean = statistics.fmean(splits)
    return statistics.pstdev(splits) / mean if mean > 0 else None


def _monday(moment: datetime, tz: tzinfo | None) -> datetime:
    local = moment.astimezone(tz)
    day = local.date() - timedelta(days=local.weekday())
    return datetime(day.year, day.month, day.day)


def longest_of_week(new: Sequence[RunEntry], stored: Sequence[RunEntry],
                    tz: tzinfo | None = None) -> list[RunEntry]:
    """``new`` with the week's longest run tagged long: a new run whose tag
    is a guess of easy or unknown (not from its title's words), longer than every other run of its week
    (Monday to Sunday, local), in a week of at least LONG_OF_WEEK_MIN_RUNS
    runs (new and stored). Stored runs are not changed."""
    from dataclasses import replace

    weeks: dict[datetime, list[RunEntry]] = {}
    for entry in (*new, *stored):
        weeks.setdefault(_monday(entry.started_at, tz), []).append(entry)
    out = []
    for entry in new:
        week = weeks[_monday(entry.started_at, tz)]
        if (entry.tag_guessed and entry.tag in (RunTag.EASY, RunTag.UNKNOWN)
                and title_tag(entry.title) is None  # the athlete's words come first
                and len(week) >= LONG_OF_WEEK_MIN_RUNS
                and all(other is entry or other.duration_s < entry.duration_s for other in week)):
            entry = replace(entry, tag=RunTag.LONG)
        out.append(entry)
    return out
