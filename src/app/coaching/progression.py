"""What to lift next time: the progression rules, as pure functions of the log.

``suggest(dose, recent, units=..., load_step=...)`` looks at the sets of one
exercise in its most recent sessions (newest first) and says what to do in
the next one: start, increase, keep, hold, reduce or lengthen the Nordic
lowering. The answer carries one line of reasons in plain words, so the
athlete can see why and overrule it.

The rules, per ``ExerciseDose.progression``:

* "double" (double progression, ACSM 2009): stay at a load until every
  working set reaches the top of the rep range, then add 2-10%. We aim for
  ``INCREASE_FRACTION`` (5%) and round to the athlete's load step, at least
  one step and at most 10% - unless one step is itself more than 10% of the
  load (light dumbbells), when it is one step and the reason says so. When
  sets fall below the bottom of the range in each of the last two sessions
  the load is reduced by about ``REDUCE_FRACTION`` (5%), or held if it was
  raised just before (the body gets two sessions at a new load).
* "nordic": the reps come from the programme week, so the only thing that
  moves is the lowering target. It goes up by ``LOWERING_STEP_S`` (up to the
  settings' maximum) only when the last session shows both that the work
  was mastered and that the athlete coped with it:

  - every prescribed rep was done (every set reached its target reps, and
    every set was done), and every rep was lowered with control: timed,
    and for at least the target (a rep that met its break point early, or
    was held to the floor at an older, lower target, falls short); and
  - the soreness was low: below ``readiness.EASY_SORENESS`` (5 of 10, where
    soreness starts to change how the athlete moves), taking the highest
    soreness known around that session - its readiness answer and any quick
    note since. Soreness that was never given does not count as low: the
    target is kept (a decision of ours, the safe side; every way into a
    session asks the readiness question, so it is missing only from logs
    made before that or imported).

  A session with reps missed repeats the target.

  One current target: the athlete's lowering setting (Settings.lowering_s),
  which every path passes as ``lowering_target_s`` (Today, every start,
  the command line). The target suggested here travels with the session's
  plan (planning.apply_target marks it ``PlanItem.lowering_coached``, so
  the setting does not replace it: the cue, the held descents and the log
  use it), and when that session starts the setting is raised to it
  (app.usecases.session_start.raised_lowering_s): the rise was earned by the last
  session, so the next suggestion starts from it, 5 -> 6 -> 7 s. The app
  never lowers the setting: an athlete who finds a target too long lowers
  it in Settings, and the rule climbs from there. A session that runs
  without its Nordics (after a red flag) raises nothing.

  The very first Nordics
  (no Nordic set in the log at all) start at the Nordic programme's
  first-week dose, ``FIRST_NORDIC_SETS`` x ``FIRST_NORDIC_REPS``, whatever
  the programme's level: the soreness of the first sessions is large and
  peaks 2-3 days later, and the programme starts that low to keep it small
  (Petersen et al. 2011; resources/sources.toml: petersen2011,
  nordic-soreness). A programme that asks less keeps its own dose.
* "load-each-set" (the heavy-gym pattern): start where the last session's
  first working set started, add one step on each set.
* "none": carry on as last time.

Pure and deterministic: no clock, no database, no Qt.
"""

# One module because the progression rules are one decision (start, increase,
# keep, hold, reduce or lengthen the lowering) whose branches read the same
# recent sets and must agree with each other; split, they would drift apart.

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from app.coaching.model import ExerciseDose
from app.coaching.readiness import EASY_SORENESS
from app.coaching.words import span_words
from app.kernel.i18n import format_decimal, format_integer, translate
from app.logbook.entries import LOAD_UNITS, LoggedSetRecord, SetType, from_kg, to_kg
from app.logbook.formatting import format_weight
from app.logbook.settings import LOWERING_RANGE, Settings

ACTIONS = ("start", "increase", "keep", "hold", "reduce", "rise-descent")

# ACSM 2009 allows 2-10% once every set reaches the top of the range. 5% sits
# in the middle: runners also load their hamstrings on every run, so we do not
# take the top of the band, yet the rounding to plates still lets a step land
# between about 3% and 10%.
INCREASE_FRACTION = 0.05
MAX_CHANGE_FRACTION = 0.10
# After two sessions below the range: back off about one increase's worth.
# ACSM gives no figure for going down; undoing one step of progress is the
# usual reset in double progression and keeps within the same 10% limit.
REDUCE_FRACTION = 0.05
# The lowering target moves by whole seconds because the settings store it
# as whole seconds (app.logbook.settings.LOWERING_RANGE); the cap is that range's top.
# Fixed seconds are a coaching convention, not a research result.
LOWERING_STEP_S = 1.0
MAX_LOWERING_S = float(LOWERING_RANGE[1])
DEFAULT_LOWERING_S = float(Settings.lowering_s)
# The Nordic programme's first week (Petersen et al. 2011: 1 session of 2
# sets of 5): where anyone's first Nordics start, whatever their programme.
# A test checks these equal resources/programs/nordic-programme.toml's week 1.
FIRST_NORDIC_SETS = 2
FIRST_NORDIC_REPS = 5
# The lowering target rises only after a session with soreness below this
# (0-10): the readiness line from which soreness changes how you move.
NORDIC_RISE_SORENESS = EASY_SORENESS

# A millionth of a step: loads read back from kg are off the grid by float noise only.
_GRID_EPS = 1e-6
_LOAD_EPS_KG = 1e-6


@dataclass(frozen=True)
class Suggestion:
    """What to do next time, and why.

    ``load_kg`` is the working load to use (None for bodyweight or assisted
    work, or when the rule does not set a load); it lies on the athlete's
    load step in their own units. ``reps`` is the target (low, high) range;
    ``lowering_s`` the Nordic lowering target; ``per_set_kg`` the load to
    add on each set ("load-each-set" only); ``reason`` one line for people;
    ``sets`` the number of sets when the rule changes it (the first Nordics),
    else None: the program's.
    """

    action: str
    load_kg: float | None
    reps: tuple[int, int] | None
    lowering_s: float | None
    reason: str
    per_set_kg: float | None = None
    sets: int | None = None

    def load_in(self, units: str) -> float | None:
        """The load in ``units``, rounded as people read it (lb comes back exact)."""
        return None if self.load_kg is None else round(from_kg(self.load_kg, units), 3)


def suggest(dose: ExerciseDose, recent: Sequence[Sequence[LoggedSetRecord]], *, units: str,
            load_step: float, lowering_target_s: float | None = None,
            soreness: int | None = None, last_dose: ExerciseDose | None = None) -> Suggestion:
    """The next session's suggestion for ``dose``.

    ``recent``: the exercise's sets in its most recent sessions, newest
    session first, each session's sets in the order they were done (as
    ``CoachingReader.recent_sets`` returns them). ``load_step`` is in
    ``units`` (Settings.load_step(units)). ``lowering_target_s`` is the
    current Nordic lowering target (default: the settings' default).

    For the Nordic rule: ``soreness`` (0-10) is the highest known around the
    last session (None: never given), and ``last_dose`` what that session
    prescribed when known (the program day it was), else ``dose`` is taken.
    """
    if units not in LOAD_UNITS:
        raise ValueError(f"units must be kg or lb, got {units!r}")
    if isinstance(load_step, bool) or not isinstance(load_step, int | float) \
            or not math.isfinite(load_step) or load_step <= 0:
        raise ValueError(f"load step must be a positive number, got {load_step!r}")
    # Only working sets say what the athlete can do: warm-ups are light on
    # purpose and drop sets come after failure. A session of warm-ups only
    # is no evidence either way, so it is skipped rather than read as a miss.
    sessions = [work for work in (_working(s) for s in recent) if work]
    grid = _Grid(float(load_step), units)
    if dose.progression == "double":
        return _double(dose, sessions, grid)
    if dose.progression == "nordic":
        target = DEFAULT_LOWERING_S if lowering_target_s is None else float(lowering_target_s)
        if not math.isfinite(target) or target <= 0:
            raise ValueError(f"lowering target must be a positive number, got {lowering_target_s!r}")
        return _nordic(dose, sessions, target, soreness, last_dose or dose)
    if dose.progression == "load-each-set":
        return _load_each_set(dose, sessions, grid)
    if dose.progression == "none":
        return _no_rule(dose, sessions, grid)
    raise ValueError(f"unknown progression {dose.progression!r}")


# -- shared pieces -------------------------------------------------------


class _Grid:
    """The loads the athlete can actually put on the bar: multiples of the
    step, in their own units. Arithmetic is done in whole steps so that the
    results are exact multiples, whatever float noise the kg round trip adds."""

    def __init__(self, step: float, units: str) -> None:
        self.step = step
        self.units = units

    def steps(self, kg: float) -> float:
        return from_kg(kg, self.units) / self.step

    def kg(self, steps: int) -> float:
        return to_kg(steps * self.step, self.units)

    def nearest(self, kg: float) -> int:
        """The nearest grid point, never below one step (a load stays a load)."""
        return max(1, math.floor(self.steps(kg) + 0.5))

    def show(self, kg: float) -> str:
        return format_weight(from_kg(kg, self.units), self.units, _DECIMALS)

    def show_step(self) -> str:
        return format_weight(self.step, self.units, _DECIMALS)


# Two decimals: a 0.25 kg step must show as 41.25, not 41.2.
_DECIMALS = 2


def _seconds(value: float) -> str:
    return translate("progression", "{seconds} s").format(seconds=format_decimal(value, _DECIMALS))


def _working(sets: Sequence[LoggedSetRecord]) -> list[LoggedSetRecord]:
    return [s for s in sets if s.set_type == SetType.WORKING]


def _targets(dose: ExerciseDose, sets: Sequence[LoggedSetRecord]) -> list[tuple[int, int] | None]:
    """Each working set's rep target. Sets are counted per side and among
    working sets only: logs number sets with the warm-ups included, and a
    one-side exercise logs set 1 twice (left, right)."""
    seen: dict[str, int] = {}
    targets = []
    for s in sets:
        seen[s.side] = seen.get(s.side, 0) + 1
        targets.append(dose.rep_target(seen[s.side]))
    return targets


def _rep_range(dose: ExerciseDose) -> tuple[int, int] | None:
    if dose.reps_per_set:
        return (min(dose.reps_per_set), max(dose.reps_per_set))
    return dose.reps


def _top_load(sets: Sequence[LoggedSetRecord]) -> float | None:
    """The heaviest positive working load, None for bodyweight or assisted sets."""
    loads = [s.load_kg for s in sets if s.load_kg is not None and s.load_kg > 0]
    return max(loads) if loads else None


def _below(sets: Sequence[LoggedSetRecord], targets: Sequence[tuple[int, int] | None]) -> int:
    return sum(1 for s, t in zip(sets, targets, strict=True)
               if t is not None and s.reps is not None and s.reps < t[0])


def range_words(targets: Sequence[tuple[int, int] | None], end: int) -> str:
    """"10 reps" when every set shares that end (0: low, 1: high) of the range,
    else words (what the sets fell below, or reached, in the reason lines)."""
    ends = {t[end] for t in targets if t is not None}
    if len(ends) == 1:
        return translate("progression", "%n rep(s)", n=ends.pop())
    if end == 1:
        return translate("progression", "their target", "what the sets reached: their rep target")
    return translate("progression", "their range", "what the sets fell below: their rep range")


def _shortfall(sessions: Sequence[Sequence[LoggedSetRecord]], dose: ExerciseDose) -> str | None:
    """The reason line when sets fell below the range in each of the last two
    sessions, else None. One bad session is a bad day; two in a row is a trend."""
    if len(sessions) < 2:
        return None
    counts = []
    words = ""
    for sets in sessions[:2]:
        targets = _targets(dose, sets)
        counts.append(_below(sets, targets))
        words = words or range_words(targets, 0)
    if min(counts) == 0:
        return None
    if counts[0] == counts[1]:
        return translate("progression", "%n set(s) fell below {target} in each of the last 2 sessions",
                         n=counts[0]).format(target=words)
    return translate("progression", "sets fell below {target} in each of the last 2 sessions "
                     "({last} last time, {before} the time before)").format(
        target=words, last=format_integer(counts[0]), before=format_integer(counts[1]))


# -- the rules -----------------------------------------------------------


def _double(dose: ExerciseDose, sessions: list[list[LoggedSetRecord]], grid: _Grid) -> Suggestion:
    reps = _rep_range(dose)
    if not sessions:
        if reps is None:
            reason = translate("progression", "first time: pick a load that lets every set reach "
                               "the planned reps with clean form")
        else:
            reason = translate("progression", "first time: pick a load that lets every set reach "
                               "{reps} reps with clean form").format(reps=span_words(*reps))
        return Suggestion("start", None, reps, None, reason)
    last = sessions[0]
    targets = _targets(dose, last)
    if any(t is None for t in targets):
        top = _top_load(last)
        return Suggestion("keep", None if top is None else grid.kg(grid.nearest(top)), reps, None,
                          translate("progression", "this exercise has no rep range to progress on: "
                                    "do it as last time"))
    top = _top_load(last)
    if top is None:
        return _double_bodyweight(dose, sessions, targets, reps)

    at_top = sum(1 for s, t in zip(last, targets, strict=True)
                 if t is not None and s.reps is not None and s.reps >= t[1]
                 and s.load_kg is not None and s.load_kg >= top - _LOAD_EPS_KG)
    top_words = range_words(targets, 1)
    if at_top == len(last):
        return _increase(top, len(last), top_words, reps, grid)

    shortfall = _shortfall(sessions, dose)
    if shortfall is not None:
        previous = _top_load(sessions[1])
        before = _top_load(sessions[2]) if len(sessions) > 2 else None
        # "Just raised": the load went up at the last session, or at the one
        # before and has stayed there since. Two sessions at a new load are
        # allowed to be hard; a third miss is a reduction.
        raised_now = previous is None or top > previous + _LOAD_EPS_KG
        raised_before = (previous is not None and abs(top - previous) <= _LOAD_EPS_KG
                         and before is not None and previous > before + _LOAD_EPS_KG)
        here = grid.kg(grid.nearest(top))
        if raised_now or raised_before:
            return Suggestion("hold", here, reps, None,
                              translate("progression", "{shortfall}, just after the load went up: "
                                        "stay at {load} and let your body catch up").format(
                                  shortfall=shortfall, load=grid.show(here)))
        return _reduce(top, shortfall, reps, grid)

    here = grid.kg(grid.nearest(top))
    lighter = sum(1 for s in last if s.load_kg is None or s.load_kg < top - _LOAD_EPS_KG)
    if lighter:
        # English says "was" or "were" by the count, which a "(s)" mark cannot:
        # two count messages, so translators still give every plural form.
        if len(last) == 1:
            reason = translate("progression", "the set was lighter than {load} last time: do it "
                               "there before adding load")
        elif lighter == 1:
            reason = translate("progression", "%n of {total} sets was lighter than {load} last time: "
                               "do them all there before adding load", n=lighter)
        else:
            reason = translate("progression", "%n of {total} sets were lighter than {load} last time: "
                               "do them all there before adding load", n=lighter)
        return Suggestion("keep", here, reps, None,
                          reason.format(total=format_integer(len(last)), load=grid.show(top)))
    return Suggestion("keep", here, reps, None,
                      translate("progression", "{count} of %n set(s) reached {target} at {load} "
                                "last time: stay there until all of them do", n=len(last)).format(
                          count=format_integer(at_top), target=top_words, load=grid.show(top)))


def _increase(top: float, count: int, top_words: str, reps: tuple[int, int] | None,
              grid: _Grid) -> Suggestion:
    current = grid.steps(top)
    lowest = math.floor(current + _GRID_EPS) + 1          # the next plate up
    highest = math.floor(current * (1 + MAX_CHANGE_FRACTION) + _GRID_EPS)
    aim = math.floor(current * (1 + INCREASE_FRACTION) + 0.5)
    if highest < lowest:
        new = grid.kg(lowest)
        share = (new - top) / top * 100
        return Suggestion("increase", new, reps, None,
                          translate("progression", "all %n set(s) reached {target} at {load} last "
                                    "time: go to {new_load}; your smallest step ({step}) is "
                                    "{percent}% here, more than the usual 10% at most, so add "
                                    "just one", n=count).format(
                              target=top_words, load=grid.show(top), new_load=grid.show(new),
                              step=grid.show_step(), percent=format_decimal(share, 0)))
    new = grid.kg(min(max(aim, lowest), highest))
    share = (new - top) / top * 100
    return Suggestion("increase", new, reps, None,
                      translate("progression", "all %n set(s) reached {target} at {load} last time: "
                                "go to {new_load} (+{percent}%)", n=count).format(
                          target=top_words, load=grid.show(top), new_load=grid.show(new),
                          percent=format_decimal(share, 0)))


def _reduce(top: float, shortfall: str, reps: tuple[int, int] | None, grid: _Grid) -> Suggestion:
    current = grid.steps(top)
    highest = math.ceil(current - _GRID_EPS) - 1           # the next plate down
    lowest = math.ceil(current * (1 - MAX_CHANGE_FRACTION) - _GRID_EPS)
    aim = math.floor(current * (1 - REDUCE_FRACTION) + 0.5)
    new_steps = highest if lowest > highest else min(max(aim, lowest), highest)
    if new_steps < 1:
        here = grid.kg(grid.nearest(top))
        return Suggestion("hold", here, reps, None,
                          translate("progression", "{shortfall}; {load} is already the lightest "
                                    "step: stay there and do fewer reps or sets instead").format(
                              shortfall=shortfall, load=grid.show(here)))
    new = grid.kg(new_steps)
    share = (top - new) / top * 100
    return Suggestion("reduce", new, reps, None,
                      translate("progression", "{shortfall}: drop to {load} (-{percent}%) and "
                                "build back up").format(shortfall=shortfall, load=grid.show(new),
                                                        percent=format_decimal(share, 0)))


def _double_bodyweight(dose: ExerciseDose, sessions: list[list[LoggedSetRecord]],
                       targets: list[tuple[int, int] | None],
                       reps: tuple[int, int] | None) -> Suggestion:
    """No load to add: the reps climb to the top of the range, then the
    athlete makes it harder in another way (a set, a weight, less band help)."""
    last = sessions[0]
    assisted = any(s.load_kg is not None and s.load_kg < 0 for s in last)
    at_top = sum(1 for s, t in zip(last, targets, strict=True)
                 if t is not None and s.reps is not None and s.reps >= t[1])
    top_words = range_words(targets, 1)
    if at_top == len(last):
        if assisted:
            reason = translate("progression", "all %n set(s) reached {target} last time: use a "
                               "lighter band or none", n=len(last))
        else:
            reason = translate("progression", "all %n set(s) reached {target} last time: add a set "
                               "or hold a light weight", n=len(last))
        return Suggestion("increase", None, reps, None, reason.format(target=top_words))
    shortfall = _shortfall(sessions, dose)
    if shortfall is not None:
        return Suggestion("hold", None, reps, None,
                          translate("progression", "{shortfall}: keep the same target and rest "
                                    "well; make it easier if it goes on").format(shortfall=shortfall))
    return Suggestion("keep", None, reps, None,
                      translate("progression", "{count} of %n set(s) reached {target} last time: "
                                "add a rep where you can", n=len(last)).format(
                          count=format_integer(at_top), target=top_words))


def first_nordic_dose(dose: ExerciseDose) -> tuple[int, tuple[int, int]]:
    """Sets and (low, high) reps of anyone's first Nordic session under
    ``dose``: the Nordic programme's first week, or ``dose`` where it asks less."""
    low, high = _rep_range(dose) or (FIRST_NORDIC_REPS, FIRST_NORDIC_REPS)
    return (min(dose.sets, FIRST_NORDIC_SETS),
            (min(low, FIRST_NORDIC_REPS), min(high, FIRST_NORDIC_REPS)))


def _nordic(dose: ExerciseDose, sessions: list[list[LoggedSetRecord]], target: float,
            soreness: int | None, last_dose: ExerciseDose) -> Suggestion:
    reps = _rep_range(dose)
    shown = _seconds(target)
    if not sessions:
        sets, first = first_nordic_dose(dose)
        return Suggestion("start", None, first, target,
                          translate("progression", "your first Nordics: {sets} × {reps}, the first "
                                    "week of the Nordic program, whatever this program asks - the "
                                    "soreness after the first sessions is large and peaks 2-3 days "
                                    "later (Petersen et al. 2011)").format(
                              sets=format_integer(sets), reps=span_words(*first)), sets=sets)
    last = sessions[0]
    # The only session in the log was the first: it was prescribed the first week's dose.
    prescribed = last_dose
    if len(sessions) == 1:
        first_sets, first_reps = first_nordic_dose(last_dose)
        prescribed = _dose_of(last_dose, first_sets, first_reps)
    missed = _reps_missed(prescribed, last)
    if missed is not None:
        done, asked = missed
        return Suggestion("keep", None, reps, target,
                          translate("progression", "{done} of %n prescribed rep(s) were done last "
                                    "time: repeat the {target} target and finish every rep "
                                    "before it rises", n=asked).format(
                              done=format_integer(done), target=shown))
    reps_done = sum(s.reps or 0 for s in last)
    descents = [d for s in last for d in (s.descent_s or ())]
    if not descents:
        return Suggestion("keep", None, reps, target,
                          translate("progression", "no lowering times were recorded last time: "
                                    "keep the {target} target").format(target=shown))
    if len(descents) < reps_done:
        return Suggestion("keep", None, reps, target,
                          translate("progression", "only {timed} of %n rep(s) were timed last "
                                    "time: keep the {target} target until every rep is",
                                    n=reps_done).format(timed=format_integer(len(descents)),
                                                        target=shown))
    held = sum(1 for d in descents if d >= target)
    if held < len(descents):
        return Suggestion("keep", None, reps, target,
                          translate("progression", "{count} of %n rep(s) were lowered for {target} "
                                    "or longer last time: keep that target until every rep reaches it",
                                    n=len(descents)).format(count=format_integer(held), target=shown))
    if soreness is None:
        return Suggestion("keep", None, reps, target,
                          translate("progression", "every rep held {target} last time, but no "
                                    "soreness was recorded with it: keep the target; it rises "
                                    "after a session with soreness below {line} of 10").format(
                              target=shown, line=format_integer(NORDIC_RISE_SORENESS)))
    if soreness >= NORDIC_RISE_SORENESS:
        return Suggestion("keep", None, reps, target,
                          translate("progression", "every rep held {target} last time, but the "
                                    "soreness was {soreness} of 10: keep the target until it "
                                    "settles below {line} (Nordic soreness peaks 2-3 days "
                                    "after a session)").format(
                              target=shown, soreness=format_integer(soreness),
                              line=format_integer(NORDIC_RISE_SORENESS)))
    if target >= MAX_LOWERING_S:
        return Suggestion("keep", None, reps, target,
                          translate("progression", "every rep held the {target} lowering last time, "
                                    "the longest target: make it harder with a quicker start to the "
                                    "fall or a partner's push").format(target=shown))
    new = min(MAX_LOWERING_S, target + LOWERING_STEP_S)
    return Suggestion("rise-descent", None, reps, new,
                      translate("progression", "all %n rep(s) were lowered for {target} or longer "
                                "last time with low soreness: aim for {new_target} (a coaching "
                                "convention, not a study figure)", n=len(descents)).format(
                          target=shown, new_target=_seconds(new)))


def _dose_of(dose: ExerciseDose, sets: int, reps: tuple[int, int]) -> ExerciseDose:
    import dataclasses

    return dataclasses.replace(dose, sets=sets, reps=reps, reps_per_set=None)


def _reps_missed(prescribed: ExerciseDose, sets: Sequence[LoggedSetRecord]) -> tuple[int, int] | None:
    """(reps done, reps prescribed) when the session fell short of what was
    prescribed - a set below its target reps, or a set not done - else None.
    A one-side exercise is prescribed its sets on each side."""
    sides = sorted({s.side for s in sets})
    asked = 0
    done = 0
    short = False
    for side in sides:
        on_side = [s for s in sets if s.side == side]
        for number in range(1, max(prescribed.sets, len(on_side)) + 1):
            target = prescribed.rep_target(number)
            want = 0 if target is None else target[0]
            got = (on_side[number - 1].reps or 0) if number <= len(on_side) else 0
            if number <= prescribed.sets:
                asked += want
                done += min(got, want)
                short = short or got < want
    return (done, asked) if short else None


def _load_each_set(dose: ExerciseDose, sessions: list[list[LoggedSetRecord]],
                   grid: _Grid) -> Suggestion:
    reps = _rep_range(dose)
    step_kg = grid.kg(1)
    if not sessions:
        return Suggestion("start", None, reps, None,
                          translate("progression", "first time: start light and add {step} on "
                                    "each set while your form stays clean").format(
                              step=grid.show_step()), per_set_kg=step_kg)
    first = sessions[0][0]
    if first.load_kg is None or first.load_kg <= 0:
        return Suggestion("keep", None, reps, None,
                          translate("progression", "no load was logged on the first set last time: "
                                    "start with a light bar and add {step} on each set").format(
                              step=grid.show_step()), per_set_kg=step_kg)
    target = dose.rep_target(1)
    if target is not None and first.reps is not None and first.reps >= target[1]:
        # The next plate above what was lifted: one step at most, even when
        # the last load was off the athlete's plates (logged in other units).
        new = grid.kg(math.floor(grid.steps(first.load_kg) + _GRID_EPS) + 1)
        # No plural mark: the English has always read "1 reps".
        return Suggestion("increase", new, reps, None,
                          translate("progression", "your first set reached %n reps at {load} last "
                                    "time: start one step up, at {new_load}, and add {step} on "
                                    "each set", n=target[1]).format(
                              load=grid.show(first.load_kg), new_load=grid.show(new),
                              step=grid.show_step()), per_set_kg=step_kg)
    here = grid.kg(grid.nearest(first.load_kg))
    return Suggestion("keep", here, reps, None,
                      translate("progression", "start at {load} as last time and add {step} on "
                                "each set").format(load=grid.show(here), step=grid.show_step()),
                      per_set_kg=step_kg)


def _no_rule(dose: ExerciseDose, sessions: list[list[LoggedSetRecord]], grid: _Grid) -> Suggestion:
    reps = _rep_range(dose)
    if not sessions:
        return Suggestion("start", None, reps, None,
                          translate("progression", "first time: do it as planned"))
    top = _top_load(sessions[0])
    load = None if top is None else grid.kg(grid.nearest(top))
    return Suggestion("keep", load, reps, None,
                      translate("progression", "no progression rule here: do it as planned"))
