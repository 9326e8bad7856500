"""The guided-session state machine: no Qt, no storage, time from a Clock.

How it keeps time. Whatever is counting down right now (a rest, the switch
between sides, one phase of a cued rep, a hold, a timed effort) is a
*segment*: a ``Countdown`` plus its *marks*, the cues that fall at fixed
seconds before its end (beeps at 3-2-1, lowering ticks) and the end itself.
Nothing advances on its own; every public method (and ``tick()``, which the
UI calls often, or at ``next_due()``) first replays everything that fell due
up to "now", in order, each at its true moment: a cue carries the moment it
was due, and the segment that follows an ended one starts at the old
deadline, not at the moment the engine noticed. A consumer that stalls for
seconds therefore gets every cue (late, but in order and with the right
``due_at``) and no drift accumulates.

Events are queued while the engine changes and delivered to subscribers
once it is consistent again; a subscriber may call the engine from inside a
callback (its events are delivered after the current ones).
"""

# One module because the engine's states and their transitions are one state
# machine: every public method replays due segments and moves between states
# that the others check, so the transitions must be read together.

from __future__ import annotations

import dataclasses
import itertools
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from app.catalog.vocabulary import DoseKind
from app.kernel.clock import Clock
from app.logbook.entries import SetEntry, check_descents_fit_reps, fit_descents_to_reps
from app.session.events import (
    Action,
    BreakPointMarked,
    CueDue,
    CueKind,
    Event,
    ExerciseChanged,
    Paused,
    Phase,
    PhaseChanged,
    RestAdjusted,
    RestStarted,
    Resumed,
    SessionFinished,
    SetCompleted,
    SetDiscarded,
    SetReopened,
    SideSwitched,
    State,
    StateChanged,
)
from app.session.ledger import Position, SetLedger, superset_groups
from app.session.plan import MAX_SETS, Block, PlanBlock, PlanItem, SessionPlan
from app.session.tempo import lowering_tick_offsets, mean_descent, rep_phases
from app.session.timing import Countdown, Stopwatch
from app.session.view import ItemProgress, NextUp, SessionView

SNAPSHOT_VERSION = 1
BEEP_SECONDS = (3, 2, 1)
REST_STEP_S = 15
"""What the + and - keys add to or take from a rest."""

# Float rounding: (start + 3) - 3 need not equal start, so a beep meant for a
# segment's first instant could land a hair after it. A mark counts as due, and
# as within the time left, when it is at most this far off.
_DUE_SLACK_S = 1e-9
_REST = "rest"
_SWITCH = "switch"

class TransitionError(RuntimeError):
    """The action is not possible in the engine's current state."""


@dataclass(frozen=True)
class _Mark:
    left_s: float             # seconds before the segment's end
    cue: CueKind | None       # None: the end of a segment that ends silently
    count: int | None = None


@dataclass
class _Segment:
    kind: str                  # _REST, _SWITCH or a Phase value
    countdown: Countdown
    marks: tuple[_Mark, ...]   # most seconds left first; the last is the end (0 s left)
    next_mark: int = 0

    def __post_init__(self) -> None:
        lefts = [mark.left_s for mark in self.marks]
        assert lefts == sorted(lefts, reverse=True) and lefts[-1] == 0, lefts

    def rearm(self, at: float) -> None:
        """Point at the first mark not yet behind the time left: after a start,
        a restore or an adjustment (marks beyond the length never sound)."""
        left = self.countdown.remaining(at) + _DUE_SLACK_S
        self.next_mark = next(i for i, mark in enumerate(self.marks) if mark.left_s <= left)

    def due_at(self) -> float | None:
        deadline = self.countdown.deadline
        if deadline is None:
            return None
        return deadline - self.marks[self.next_mark].left_s


@dataclass(frozen=True)
class _Undo:
    completed: SetCompleted
    position: Position


def _new_uid() -> str:
    """A set's identity, made once when it finishes (the stored row's uid)."""
    # Imported here: uuid imports platform (~3 ms), and every start of the
    # window imports this module to read a saved session.
    import uuid

    return str(uuid.uuid4())


def _identified(done: SetCompleted) -> SetCompleted:
    """``done`` with an identity: a set saved before identities were kept gets
    one now (whether it was already stored is then looked up another way:
    see the controller's check of an interrupted write)."""
    return done if done.uid else dataclasses.replace(done, uid=_new_uid())


def _r2(seconds: float) -> float:
    return round(seconds, 2)


class SessionEngine:
    """Runs a SessionPlan. See the module docstring for how time is kept.

    Typical use by a screen::

        engine.subscribe(on_event)
        engine.start_set()            # Space
        ...                           # tick() ~10x a second; draw engine.view()
        entry = engine.entry_for_set(reps=5)
        store.log_set(entry)          # written first ...
        engine.confirm_set(entry)     # ... then the rest starts
    """

    def __init__(self, plan: SessionPlan, clock: Clock, switch_side_s: float = 5,
                 get_ready_s: float = 3, *, catch_s: float = 1.0) -> None:
        for name, value, high in (("switch_side_s", switch_side_s, 60), ("get_ready_s", get_ready_s, 10),
                                  ("catch_s", catch_s, 5)):
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= high:
                raise ValueError(f"{name}: must be from 0 to {high} seconds, got {value!r}")
        self._plan = plan
        self._items = plan.items
        self._clock = clock
        self._switch_side_s = float(switch_side_s)
        self._get_ready_s = float(get_ready_s)
        self._catch_s = float(catch_s)

        self._subscribers: list[Callable[[Event], None]] = []
        self._queue: deque[Event] = deque()
        self._delivering = False
        # The engine's time never runs backwards: a mark handled a hair early
        # (see _DUE_SLACK_S) moves it forward, so whatever starts next cannot be
        # due before it.
        self._time_floor = clock.monotonic()

        self._state = State.READY
        self._paused = False
        self._phase: Phase | None = None
        self._ledger = SetLedger(self._items)
        self._position: Position = self._ledger.first()
        self._rest_target: Position | None = None
        self._segment: _Segment | None = None
        self._session_watch = Stopwatch(clock)
        self._session_watch.start()

        # The set under way (reset by each start).
        self._set_watch: Stopwatch | None = None
        self._rep = 0                    # cued rep or hold number, from 1
        self._descents: list[float] = []
        self._held: list[bool] = []      # per descent: lowered to the floor, no press
        self._holds_done = 0
        self._held_s = 0.0

        # What the log sheet offers as the load (see _prefill_load): the load
        # of each exercise's last set confirmed in this session, as entered,
        # and what the screen read of last time, per (set number, side).
        self._session_loads: dict[str, tuple[float | None, str]] = {}
        self._last_time_loads: dict[str, dict[tuple[int, str], tuple[float | None, str]]] = {}

        self._pending: SetCompleted | None = None      # on the log sheet
        self._last_set: SetCompleted | None = None
        self._undo: _Undo | None = None
        self._ended_early = False

    # ======================================================================
    # Reading
    # ======================================================================

    @property
    def plan(self) -> SessionPlan:
        return self._plan

    @property
    def state(self) -> State:
        return self._state

    @property
    def phase(self) -> Phase | None:
        return self._phase

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def position(self) -> Position:
        return self._position

    @property
    def rep(self) -> int:
        return self._rep

    @property
    def current_item(self) -> PlanItem:
        return self._items[self._position[0]]

    def subscribe(self, callback: Callable[[Event], None]) -> Callable[[], None]:
        """Call ``callback`` with every event from now on; returns an unsubscribe function."""
        self._subscribers.append(callback)

        def unsubscribe() -> None:
            if callback in self._subscribers:
                self._subscribers.remove(callback)
        return unsubscribe

    def next_due(self) -> float | None:
        """The monotonic moment of the next cue or timed transition (None while
        paused or when nothing is counting down). A screen arms a single-shot
        timer for it and calls tick(), so cues sound on time rather than at the
        next repaint. With a ScaledClock the moment is in scaled seconds."""
        if self._paused or self._segment is None:
            return None
        return self._segment.due_at()

    def allowed(self) -> frozenset[Action]:
        """What would be accepted now (for keys and buttons): each Action's
        value is the name of the method that does it."""
        if self._paused:
            return frozenset({Action.RESUME, Action.END})
        state = self._state
        actions: set[Action] = set()
        if state is State.SUMMARY:
            return frozenset({Action.UNDO_CONFIRM} if self._undo is not None else set())
        actions.update({Action.PAUSE, Action.END})
        if state is State.READY:
            actions.add(Action.START_SET)
            if self.current_item.kind == DoseKind.REPS:
                actions.add(Action.QUICK_LOG)
        elif state is State.SET_RUNNING:
            actions.add(Action.FINISH_SET)
            if self._phase is Phase.LOWERING:
                actions.add(Action.MARK_BREAK_POINT)
        elif state is State.SET_DONE:
            actions.update({Action.CONFIRM_SET, Action.DISCARD_SET})
        elif state is State.RESTING:
            actions.update({Action.ADJUST_REST, Action.SKIP_REST})
        elif state is State.SWITCHING_SIDE:
            actions.add(Action.SKIP_REST)
        if state is not State.SET_DONE:
            if self._position[0] + 1 < len(self._items):
                actions.add(Action.NEXT_EXERCISE)
            if self._position[0] > 0:
                actions.add(Action.PREVIOUS_EXERCISE)
        if self._undo is not None and state in (State.READY, State.RESTING, State.SWITCHING_SIDE):
            actions.add(Action.UNDO_CONFIRM)
        return frozenset(actions)

    # ======================================================================
    # Actions
    # ======================================================================

    def tick(self) -> None:
        """Perform whatever has fallen due: cues, phase and state changes."""
        with self._acting():
            pass

    def start_set(self) -> None:
        with self._acting(Action.START_SET) as now:
            self._start_set(now)

    def quick_log(self) -> None:
        """The set at hand done as planned without its timer (Enter before
        starting it): straight to the log sheet, as if it had just finished,
        with no duration (none was measured) and no descents. Sets of reps
        only: a hold or a timed effort is its time."""
        with self._acting(Action.QUICK_LOG) as now:
            self._undo = None
            self._set_watch = Stopwatch(self._clock)
            self._set_watch.start(now)
            self._rep, self._descents, self._holds_done, self._held_s = 0, [], 0, 0.0
            self._held = []
            self._phase = None
            self._finish_set(now, timed=False)

    @property
    def pending_uid(self) -> str | None:
        """The identity of the set on the log sheet (None when no sheet is
        open): made when the set finished, the same after a restore or an
        undo, new for a set done again. Its stored row takes it as its uid."""
        return None if self._pending is None else self._pending.uid

    def remember_last_time(self, slug: str,
                           loads: Iterable[tuple[int, str, float | None, str]]) -> None:
        """What ``slug``'s sets weighed last time: (set number, side, load as
        entered, its unit). The log sheet offers the same set number's load
        when this session has no earlier set of the exercise."""
        self._last_time_loads[slug] = {(number, side): (load, unit)
                                       for number, side, load, unit in loads}

    def finish_set(self) -> None:
        """End the running set now (a plain set always ends this way)."""
        with self._acting(Action.FINISH_SET) as now:
            self._finish_set(now)

    def mark_break_point(self) -> float | None:
        """The athlete lost control of the lowering: store the seconds since it
        began as this rep's descent and go on to the catch. Returns the seconds,
        or None when no lowering is under way: a key press races the timer, so a
        press that arrives just after the lowering ended is ignored, not an error."""
        with self._acting() as now:
            if self._paused or self._state is not State.SET_RUNNING or self._phase is not Phase.LOWERING:
                return None
            segment = self._segment
            assert segment is not None
            descent = segment.countdown.elapsed(now)
            self._descents.append(descent)
            self._held.append(False)  # a break point: what was measured
            self._segment = None
            self._emit(BreakPointMarked(self._rep, _r2(descent)))
            self._emit(CueDue(CueKind.CATCH, now))
            self._next_rep_phase(now)
            return descent

    def entry_for_set(self, **changes: Any) -> SetEntry:
        """The log-sheet entry for the finished set: what the engine knows (reps,
        descents, duration, target load, tempo), with ``changes`` (any SetEntry
        field but exercise, set number and side) applied. Raises the entry's
        InvalidEntryError (naming the field) for a bad value. Changes nothing."""
        if self._pending is None:
            raise TransitionError(f"no finished set to log while {self._state.value}")
        fixed = {"exercise_slug", "set_number", "side"} & changes.keys()
        if fixed:
            raise ValueError(f"{sorted(fixed)[0]}: is fixed by the session")
        done = self._pending
        load, unit = self._prefill_load(done)
        draft = SetEntry(
            exercise_slug=done.exercise_slug, set_number=done.set_number, side=done.side,
            reps=done.reps, load=load, load_unit=unit,
            duration_s=self._entry_duration(done), tempo=done.tempo,
            descent_s=done.descents_s or None, set_type=done.set_type,
            descent_held=done.descents_held if done.descents_s else ())
        if not changes:
            return draft
        if "descent_s" in changes and "descent_held" not in changes:
            changes = {**changes, "descent_held": ()}  # other times: which were held is not known
        elif "reps" in changes and "descent_s" not in changes:
            # Fewer reps on the sheet than were cued: the descents of the reps done.
            descents, held = fit_descents_to_reps(changes["reps"], draft.descent_s,
                                                  draft.descent_held)
            changes = {**changes, "descent_s": descents, "descent_held": held}
        entry = dataclasses.replace(draft, **changes)
        check_descents_fit_reps(entry.reps, entry.descent_s)
        return entry

    def _prefill_load(self, done: SetCompleted) -> tuple[float | None, str]:
        """The load the sheet offers for the set just done: the load to lift."""
        return self.load_to_lift(done.exercise_slug, done.set_number, done.side,
                                 done.target_load_kg)

    def load_to_lift(self, slug: str, set_number: int, side: str,
                     target_kg: float | None) -> tuple[float | None, str]:
        """The load for a set, as (value, unit): the previous set of this
        exercise in this session (even none, if the athlete cleared it), else
        the same set number last time (that side first), else the plan's
        target (kg). One rule for the target line before the set, the rest's
        "next up" and the log sheet, so the three never disagree."""
        if slug in self._session_loads:
            return self._session_loads[slug]
        last = self._last_time_loads.get(slug, {})
        same = last.get((set_number, side)) or next(
            (value for (number, _side), value in sorted(last.items()) if number == set_number),
            None)
        if same is not None and same[0] is not None:
            return same
        return target_kg, "kg"

    def confirm_set(self, entry: SetEntry | None = None, **changes: Any) -> SetEntry:
        """Close the log sheet and move on: the rest starts now (or the switch to
        the other side, or the next set, or the summary).

        Durability is the caller's: write the entry to the database first, then
        confirm (``entry = entry_for_set(...)``; log it; ``confirm_set(entry)``),
        so that a set is on disk before its rest begins. Without ``entry``, one is
        made with ``entry_for_set(**changes)``. Returns the entry."""
        with self._acting(Action.CONFIRM_SET) as now:
            done = self._pending
            assert done is not None
            if entry is None:
                entry = self.entry_for_set(**changes)
            elif changes:
                raise TypeError("give an entry or changes, not both")
            if (entry.exercise_slug, entry.set_number, entry.side) != \
                    (done.exercise_slug, done.set_number, done.side):
                raise ValueError(f"the entry is for {entry.exercise_slug} set {entry.set_number} "
                                 f"({entry.side}), not the finished set")
            self._ledger.log(self._position)
            self._session_loads[entry.exercise_slug] = (entry.load, entry.load_unit)
            self._undo = _Undo(done, self._position)
            self._last_set = done
            self._pending = None
            self._move_on(now)
            return entry

    def discard_set(self) -> None:
        """Throw the finished set away without logging it; back to READY to redo it."""
        with self._acting(Action.DISCARD_SET):
            done = self._pending
            assert done is not None
            self._pending = None
            self._emit(SetDiscarded(done))
            self._set_state(State.READY)

    def undo_confirm(self) -> None:
        """Put the last confirmed set back on the log sheet (Ctrl+Z), as long as
        nothing has started since. The listener removes the row it logged."""
        with self._acting(Action.UNDO_CONFIRM) as now:
            undo = self._undo
            assert undo is not None
            self._undo = None
            self._cancel_segment()
            self._rest_target = None
            self._ledger.unlog(undo.position)
            if undo.position[0] != self._position[0]:   # the rest had led on to the next exercise
                item = self._items[undo.position[0]]
                self._emit(ExerciseChanged(undo.position[0], item.slug, item.name, undo.position[1]))
            self._position = undo.position
            self._pending = undo.completed
            if self._state is State.SUMMARY:
                self._session_watch.resume(now)
                self._ended_early = False
            self._emit(SetReopened(undo.completed))
            self._set_state(State.SET_DONE)

    def adjust_rest(self, delta_s: float) -> float:
        """Lengthen or shorten the rest (the + and - keys: ±15 s); it never goes
        below zero, and at zero it ends. Returns the seconds now left."""
        with self._acting(Action.ADJUST_REST) as now:
            segment = self._segment
            assert segment is not None
            left = segment.countdown.adjust(delta_s, now)
            segment.rearm(now)
            deadline = segment.countdown.deadline
            assert deadline is not None
            self._emit(RestAdjusted(_r2(left), deadline))
            return left

    def skip_rest(self) -> None:
        """End the rest (or the switch-side count) now."""
        with self._acting(Action.SKIP_REST) as now:
            segment = self._segment
            assert segment is not None
            self._segment = None
            if segment.kind == _REST:
                self._end_rest()
            else:
                self._start_set(now)

    def next_exercise(self) -> None:
        """Leave this exercise (a running set is dropped) for the next one's first
        set not yet logged."""
        with self._acting(Action.NEXT_EXERCISE):
            self._jump_to(self._position[0] + 1)

    def previous_exercise(self) -> None:
        with self._acting(Action.PREVIOUS_EXERCISE):
            self._jump_to(self._position[0] - 1)

    def pause(self) -> None:
        """Freeze every timer; only resume() and end() are accepted until resumed."""
        with self._acting(Action.PAUSE) as now:
            self._paused = True
            for timer in self._timers():
                timer.pause(now)
            self._emit(Paused())

    def resume(self) -> None:
        with self._acting(Action.RESUME) as now:
            self._paused = False
            for timer in self._timers():
                timer.resume(now)
            self._emit(Resumed())

    def end(self) -> None:
        """Finish the session now. A running set is dropped; a set on the log
        sheet is handed over in SessionFinished.unlogged."""
        with self._acting(Action.END) as now:
            self._paused = False     # SUMMARY is never paused; StateChanged tells the listener
            unlogged = self._pending
            self._pending = None
            self._cancel_segment()
            self._finish_session(now, ended_early=True, unlogged=unlogged)

    # ======================================================================
    # Changing the session on the way: add an exercise, swap the one at hand
    # ======================================================================

    def add_item(self, item: PlanItem, block: str | None = None) -> int:
        """Put ``item`` in the session right after the exercise at hand (after
        its superset partner), so it comes once that one is done. ``block`` is
        where the exercise belongs by its kind (``plan.block_for``): work that
        is not a warm-up never joins the warm-up block, whose sets are stored
        as warm-up sets; added during the warm-up it starts the main work.
        Every logged set keeps its place. Returns the new item's index."""
        with self._acting():
            self._check_plan_change("add_item")
            anchor = self._position[0]
            here = self._plan.block_of(anchor)
            if here == Block.WARM_UP and block not in (None, Block.WARM_UP):
                at = sum(len(b.items) for b in self._plan.blocks if b.name == Block.WARM_UP)
                name: str = Block.MAIN
            else:
                at, name = self._group_end(anchor) + 1, here
            alone = dataclasses.replace(item, superset=None)  # never half of a pair it was not made for
            self._change_plan(self._plan_with(alone, at, name, None), at)
            if self._state is State.RESTING:
                # A rest that led on to the next exercise now leads to this one.
                self._rest_target = self._ledger.following(self._position)
            return at

    def swap_current(self, item: PlanItem) -> int:
        """Do ``item`` instead of the exercise at hand (the one a rest leads
        to, or the one ready to start). Nothing logged is lost: an exercise
        with no set logged is replaced where it stands (keeping its superset
        partner); one with sets logged keeps them, ends with the sets done,
        and ``item`` follows it for the rest of the work. Returns the index
        of ``item``, where the session goes on."""
        with self._acting():
            self._check_plan_change("swap_current")
            resting = self._state is State.RESTING and self._rest_target is not None
            at_hand = self._rest_target[0] if resting and self._rest_target is not None \
                else self._position[0]
            old = self._items[at_hand]
            done = [s for i, s, _side in self._ledger.logged() if i == at_hand]
            if not done:
                plan = self._plan_with(dataclasses.replace(item, superset=old.superset), at_hand,
                                       self._plan.block_of(at_hand), at_hand)
                self._change_plan(plan, None)
                target = at_hand
            else:
                # The sets done are what was done of it; nothing planned is left dangling.
                shrunk = dataclasses.replace(old, sets=min(MAX_SETS, max(done)))
                kept = self._plan_with(shrunk, at_hand, self._plan.block_of(at_hand), at_hand)
                target = self._group_end(at_hand) + 1
                plan = SessionEngine._plan_of(kept, dataclasses.replace(item, superset=None), target,
                                              self._plan.block_of(at_hand), None)
                self._change_plan(plan, target)
            entry = self._ledger.entry_point(target)
            if resting:
                self._rest_target = entry
            else:
                self._position = entry
            new = self._items[target]
            self._emit(ExerciseChanged(target, new.slug, new.name, entry[1]))
            return target

    def can_change_plan(self) -> bool:
        """True when ``add_item`` and ``swap_current`` would be accepted now:
        between sets (ready for one, or resting), not paused. Not part of
        ``allowed()``, whose names are the moment's keys and buttons."""
        return not self._paused and self._state in (State.READY, State.RESTING)

    def _check_plan_change(self, action: str) -> None:
        if not self.can_change_plan():
            paused = " (paused)" if self._paused else ""
            raise TransitionError(f"cannot {action} while {self._state.value}{paused}")

    def _group_end(self, index: int) -> int:
        """The last item of the superset ``index`` is in (``index`` when none)."""
        groups = superset_groups(self._items)
        end = index
        while end + 1 < len(self._items) and groups[end + 1] == groups[index]:
            end += 1
        return end

    def _plan_with(self, item: PlanItem, at: int, block: str, replacing: int | None) -> SessionPlan:
        return SessionEngine._plan_of(self._plan, item, at, block, replacing)

    @staticmethod
    def _plan_of(plan: SessionPlan, item: PlanItem, at: int, block: str,
                 replacing: int | None) -> SessionPlan:
        """``plan`` with ``item`` at flat index ``at`` of ``block`` (in place of the
        item there when ``replacing``); the blocks are regrouped and checked."""
        flat = [(b.name, i) for b in plan.blocks for i in b.items]
        if replacing is not None:
            flat[replacing] = (block, item)
        else:
            flat.insert(at, (block, item))
        blocks: list[PlanBlock] = []
        for name, items in itertools.groupby(flat, key=lambda pair: pair[0]):
            blocks.append(PlanBlock(name, tuple(i for _n, i in items)))
        return dataclasses.replace(plan, blocks=tuple(blocks))

    def _change_plan(self, plan: SessionPlan, inserted: int | None) -> None:
        """Run ``plan`` from now on; ``inserted``: the index of a new item, which
        moves every later item (and every position naming one) one place on."""
        def moved(index: int) -> int:
            return index + 1 if inserted is not None and index >= inserted else index

        def position(p: Position) -> Position:
            return (moved(p[0]), p[1], p[2])

        def completed(done: SetCompleted | None) -> SetCompleted | None:
            return None if done is None else dataclasses.replace(done, item_index=moved(done.item_index))

        logged = [position(p) for p in self._ledger.logged()]
        self._plan = plan
        self._items = plan.items
        self._ledger = SetLedger(self._items, logged)
        self._position = position(self._position)
        if self._rest_target is not None:
            self._rest_target = position(self._rest_target)
        if self._undo is not None:
            undo_done = completed(self._undo.completed)
            assert undo_done is not None
            self._undo = _Undo(undo_done, position(self._undo.position))
        self._pending = completed(self._pending)
        self._last_set = completed(self._last_set)

    # ======================================================================
    # Internals: acting, events
    # ======================================================================

    @contextmanager
    def _acting(self, action: Action | None = None) -> Iterator[float]:
        """Catch up to now, check ``action`` is allowed, do it, catch up again
        (the action may have started something due at once, like a 3 s beep),
        then deliver the events."""
        now = self._now()
        try:
            self._catch_up(now)
            # What the action starts is due from now on, never before what was just played.
            now = self._time_floor = max(now, self._time_floor)
            if action is not None and action not in self.allowed():
                paused = " (paused)" if self._paused else ""
                raise TransitionError(f"cannot {action} while {self._state.value}{paused}")
            yield now
            self._catch_up(now)
        finally:
            self._deliver()

    def _now(self) -> float:
        return max(self._clock.monotonic(), self._time_floor)

    def _emit(self, event: Event) -> None:
        self._queue.append(event)

    def _deliver(self) -> None:
        if self._delivering:     # called back from a subscriber: the outer loop delivers
            return
        self._delivering = True
        failures: list[Exception] = []
        try:
            while self._queue:
                event = self._queue.popleft()
                for callback in list(self._subscribers):
                    try:
                        callback(event)
                    except Exception as error:  # one broken listener must not starve the others
                        failures.append(error)
        finally:
            self._delivering = False
        if failures:
            raise failures[0]

    def _set_state(self, state: State) -> None:
        previous = self._state
        self._state = state
        if state is not State.SET_RUNNING:
            self._phase = None
        if state is not previous:
            self._emit(StateChanged(state, previous))

    def _timers(self) -> Iterator[Countdown | Stopwatch]:
        """The timers that run in the current state (a finished set's stopwatch
        stays stopped across a pause)."""
        yield self._session_watch
        if self._segment is not None:
            yield self._segment.countdown
        if self._set_watch is not None and self._state is State.SET_RUNNING:
            yield self._set_watch

    # ======================================================================
    # Internals: time
    # ======================================================================

    def _catch_up(self, now: float) -> None:
        """Replay every mark due by ``now``, each at its own moment."""
        while not self._paused and self._segment is not None:
            segment = self._segment
            due = segment.due_at()
            if due is None or due > now + _DUE_SLACK_S:
                return
            due = max(due, self._time_floor)
            self._time_floor = due
            mark = segment.marks[segment.next_mark]
            segment.next_mark += 1
            if mark.cue is not None:
                self._emit(CueDue(mark.cue, due, mark.count))
            if mark.left_s == 0:
                self._segment = None
                self._segment_ended(segment.kind, due)

    def _start_segment(self, kind: str, seconds: float, at: float,
                       marks: tuple[_Mark, ...]) -> None:
        countdown = Countdown(self._clock, seconds)
        countdown.start(at)
        segment = _Segment(kind, countdown, marks)
        segment.rearm(at)
        self._segment = segment

    def _cancel_segment(self) -> None:
        self._segment = None
        self._phase = None

    @staticmethod
    def _count_in(end: CueKind | None) -> tuple[_Mark, ...]:
        """Beeps at 3, 2, 1 s left, then the end."""
        return (*(_Mark(float(s), CueKind.BEEP, s) for s in BEEP_SECONDS), _Mark(0.0, end))

    def _segment_ended(self, kind: str, at: float) -> None:
        if kind == _REST:
            self._end_rest()
        elif kind == _SWITCH:
            self._start_set(at)
        elif kind == Phase.LOWERING:
            # No press: held for the whole lowering, so the target, reached
            # (at least that long), not a measured break point.
            self._descents.append(self.current_item.lowering_s)
            self._held.append(True)
            self._next_rep_phase(at)
        elif kind in (Phase.GET_READY, Phase.CATCH, Phase.RETURN):
            self._next_rep_phase(at)
        elif kind == Phase.HOLD:
            item = self.current_item
            self._holds_done += 1
            self._held_s += item.hold_s or 0.0
            if self._holds_done >= (item.holds or 1):
                self._finish_set(at)
            elif item.relax_s:
                self._enter_phase(Phase.RELAX, at)
            else:
                self._rep += 1
                self._enter_phase(Phase.HOLD, at)
        elif kind == Phase.RELAX:
            self._rep += 1
            self._enter_phase(Phase.HOLD, at)
        elif kind == Phase.WORK:
            self._finish_set(at)
        else:  # pragma: no cover - every kind is handled above
            raise AssertionError(kind)

    # ======================================================================
    # Internals: sets and phases
    # ======================================================================

    def _rep_phases(self) -> tuple[tuple[Phase, float], ...]:
        item = self.current_item
        return rep_phases(item.lowering_s, item.return_s, get_ready_s=self._get_ready_s,
                          catch_s=self._catch_s)

    def _phase_seconds(self, phase: Phase) -> float:
        item = self.current_item
        if phase is Phase.HOLD:
            return item.hold_s or 0.0
        if phase is Phase.RELAX:
            return item.relax_s or 0.0
        if phase is Phase.WORK:
            return item.duration_s or 0.0
        return dict(self._rep_phases())[phase]

    def _phase_marks(self, phase: Phase) -> tuple[_Mark, ...]:
        item = self.current_item
        last_rep = self._rep >= (item.reps_for_set(self._position[1]) or 0)
        if phase in (Phase.GET_READY, Phase.RELAX):
            return self._count_in(CueKind.GO)
        if phase is Phase.WORK:
            return self._count_in(CueKind.DONE)
        if phase is Phase.LOWERING:
            ticks = tuple(_Mark(item.lowering_s - k, CueKind.TICK, k)
                          for k in lowering_tick_offsets(item.lowering_s))
            return (*ticks, _Mark(0.0, CueKind.CATCH))
        if phase is Phase.CATCH:
            return (_Mark(0.0, None),)
        if phase is Phase.RETURN:
            return (_Mark(0.0, CueKind.DONE if last_rep else None),)
        # HOLD: what follows decides the sound at its end.
        if self._holds_done + 1 >= (item.holds or 1):
            return (_Mark(0.0, CueKind.DONE),)
        return (_Mark(0.0, CueKind.RELAX if item.relax_s else CueKind.GO),)

    def _rep_total(self) -> int | None:
        item = self.current_item
        if item.kind == DoseKind.HOLD:
            return item.holds
        if item.kind == DoseKind.REPS and item.eccentric_cue:
            return item.reps_for_set(self._position[1])
        return None

    def _enter_phase(self, phase: Phase, at: float) -> None:
        self._phase = phase
        self._start_segment(phase.value, self._phase_seconds(phase), at, self._phase_marks(phase))
        rep_total = self._rep_total()
        self._emit(PhaseChanged(phase, self._rep if rep_total else None, rep_total))

    def _start_set(self, at: float) -> None:
        item = self.current_item
        self._undo = None
        self._set_watch = Stopwatch(self._clock)
        self._set_watch.start(at)
        self._rep = 1
        self._descents = []
        self._held = []
        self._holds_done = 0
        self._held_s = 0.0
        self._set_state(State.SET_RUNNING)
        if item.kind == DoseKind.REPS and item.eccentric_cue:
            self._enter_phase(self._rep_phases()[0][0], at)
        elif item.kind == DoseKind.HOLD:
            self._enter_phase(Phase.HOLD, at)
        elif item.kind == DoseKind.DURATION:
            self._enter_phase(Phase.WORK, at)
        else:  # plain reps: the stopwatch runs until the athlete says the set is done
            self._phase = Phase.WORK
            self._emit(PhaseChanged(Phase.WORK, None, None))

    def _next_rep_phase(self, at: float) -> None:
        """After a phase of a cued rep: the next phase, the next rep, or the end of the set."""
        phases = [phase for phase, _seconds in self._rep_phases()]
        assert self._phase is not None
        index = phases.index(self._phase)
        if index + 1 < len(phases):
            self._enter_phase(phases[index + 1], at)
        elif self._rep < (self.current_item.reps_for_set(self._position[1]) or 0):
            self._rep += 1
            self._enter_phase(phases[0], at)
        else:
            self._finish_set(at)

    def _finish_set(self, at: float, *, timed: bool = True) -> None:
        item = self.current_item
        if self._phase is Phase.HOLD and self._segment is not None:  # stopped mid-hold
            self._held_s += self._segment.countdown.elapsed(at)
        self._cancel_segment()
        watch = self._set_watch
        assert watch is not None
        watch.pause(at)
        item_index, set_number, side = self._position
        if item.kind == DoseKind.HOLD:
            reps: int | None = self._holds_done
        elif item.kind == DoseKind.REPS:
            # A cued set counts the reps it cued; one logged without its timer
            # (quick log) was done as planned.
            reps = len(self._descents) if item.eccentric_cue and timed \
                else item.reps_for_set(set_number)
        else:
            reps = None
        descents = tuple(_r2(d) for d in self._descents)
        # A set restored from a snapshot taken before the flags were kept has
        # fewer flags than descents: which were held is then not known.
        held = tuple(self._held) if len(self._held) == len(self._descents) else ()
        mean = mean_descent(self._descents)
        block = self._plan.block_of(item_index)
        done = SetCompleted(
            item_index=item_index, exercise_slug=item.slug, set_number=set_number, side=side,
            kind=item.kind, reps=reps, descents_s=descents,
            descent_mean_s=None if mean is None else _r2(mean),
            duration_s=_r2(watch.elapsed(at)),
            held_s=_r2(self._held_s) if item.kind == DoseKind.HOLD else None,
            target_load_kg=item.target_load_kg, tempo=item.tempo_text,
            set_type=item.set_type_of(set_number, warm_up=block == Block.WARM_UP), timed=timed,
            descents_held=held if descents else (), uid=_new_uid())
        self._pending = done
        self._emit(done)
        self._set_state(State.SET_DONE)

    @staticmethod
    def _entry_duration(done: SetCompleted) -> float | None:
        if done.kind == DoseKind.HOLD:
            return done.held_s
        if done.kind == DoseKind.DURATION and done.timed:
            return done.duration_s
        return None

    # ======================================================================
    # Internals: where to go next
    # ======================================================================

    def _move_on(self, now: float) -> None:
        """After a confirmed set: switch sides, rest, or go straight on."""
        target = self._ledger.following(self._position)
        item = self.current_item
        if target is None:
            self._finish_session(now, ended_early=False)
        elif target[:2] == self._position[:2]:   # the other side of the same set
            self._position = target
            self._emit(SideSwitched(target[2], target[1], self._switch_side_s))
            self._set_state(State.SWITCHING_SIDE)
            if self._switch_side_s > 0:
                self._start_segment(_SWITCH, self._switch_side_s, now, self._count_in(CueKind.GO))
            else:
                self._start_set(now)
        elif self._ledger.same_round(self._position, target):
            self._go_to(target)   # a superset: straight to the partner, rest after the pair
        elif item.rest_s > 0:
            self._rest_target = target
            self._set_state(State.RESTING)
            self._start_segment(_REST, item.rest_s, now, self._count_in(CueKind.GO))
            self._emit(RestStarted(item.rest_s, now + item.rest_s, target[0]))
        else:
            self._go_to(target)

    def _end_rest(self) -> None:
        target = self._rest_target
        assert target is not None
        self._rest_target = None
        self._go_to(target)

    def _go_to(self, target: Position) -> None:
        changed = target[0] != self._position[0]
        self._position = target
        self._set_watch = None
        if changed:
            item = self._items[target[0]]
            self._emit(ExerciseChanged(target[0], item.slug, item.name, target[1]))
        self._set_state(State.READY)

    def _jump_to(self, item_index: int) -> None:
        self._undo = None
        self._rest_target = None
        self._cancel_segment()
        self._go_to(self._ledger.entry_point(item_index))

    def _finish_session(self, now: float, *, ended_early: bool,
                        unlogged: SetCompleted | None = None) -> None:
        self._session_watch.pause(now)
        self._set_watch = None
        self._rest_target = None
        self._ended_early = ended_early
        if ended_early:
            self._undo = None
        self._set_state(State.SUMMARY)
        self._emit(SessionFinished(self._ledger.logged_count(), self._ledger.planned_count(), ended_early,
                                   _r2(self._session_watch.elapsed(now)), unlogged))

    # ======================================================================
    # View
    # ======================================================================

    def view(self) -> SessionView:
        """What the screen shows now. It does not catch up: call tick() first
        so that anything due has happened."""
        now = self._now()
        item_index, set_number, side = self._position
        item = self._items[item_index]
        segment = self._segment
        remaining = total = elapsed = None
        if segment is not None:
            remaining = segment.countdown.remaining(now)
            total = segment.countdown.duration
        if self._state is State.SET_RUNNING and self._set_watch is not None:
            elapsed = self._set_watch.elapsed(now)
        rep_total = self._rep_total() if self._state is State.SET_RUNNING else None
        return SessionView(
            state=self._state, paused=self._paused, phase=self._phase,
            item_index=item_index, item_count=len(self._items), item=item,
            block=self._plan.block_of(item_index),
            set_number=set_number, set_count=item.sets, side=side,
            target_reps=item.reps, target_load_kg=item.target_load_kg, hold_s=item.hold_s,
            load=self.load_to_lift(item.slug, set_number, side, item.target_load_kg),
            remaining_s=remaining, elapsed_s=elapsed, timer_total_s=total,
            rep=self._rep if rep_total else None, rep_count=rep_total,
            descents_s=tuple(_r2(d) for d in self._descents),
            next_up=self._next_up(), last_set=self._pending or self._last_set,
            progress=self._progress(),
        )

    def _next_up(self) -> NextUp | None:
        if self._state is State.SUMMARY:
            return None
        target = self._rest_target if self._state is State.RESTING else self._ledger.following(self._position)
        if target is None:
            return None
        item_index, set_number, side = target
        item = self._items[item_index]
        return NextUp(item_index=item_index, item=item,
                      block=self._plan.block_of(item_index), set_number=set_number, side=side,
                      new_exercise=item_index != self._position[0],
                      load=self.load_to_lift(item.slug, set_number, side, item.target_load_kg))

    def _progress(self) -> tuple[ItemProgress, ...]:
        return tuple(
            ItemProgress(name=item.name, block=self._plan.block_of(index),
                         logged=self._ledger.logged_count(index),
                         planned=self._ledger.planned_count(index))
            for index, item in enumerate(self._items))

    # ======================================================================
    # Snapshot and restore
    # ======================================================================

    def snapshot(self) -> dict[str, Any]:
        """Everything needed to carry on after a crash, as JSON-ready data (the
        plan itself is saved separately: SessionPlan.to_dict()). Taken as of now,
        without catching up: a mark overdue now is replayed after restore."""
        now = self._now()
        segment = None
        if self._segment is not None:
            countdown = self._segment.countdown
            segment = {"kind": self._segment.kind, "duration_s": countdown.duration,
                       "remaining_s": countdown.remaining(now), "next_mark": self._segment.next_mark}
        return {
            "version": SNAPSHOT_VERSION,
            "plan_slugs": [item.slug for item in self._items],
            "settings": {"switch_side_s": self._switch_side_s, "get_ready_s": self._get_ready_s,
                         "catch_s": self._catch_s},
            "state": self._state.value,
            "paused": self._paused,
            "phase": None if self._phase is None else self._phase.value,
            "position": {"item": self._position[0], "set": self._position[1],
                         "side": self._position[2], "rep": self._rep},
            "rest_target": None if self._rest_target is None else list(self._rest_target),
            "segment": segment,
            "set_elapsed_s": None if self._set_watch is None else self._set_watch.elapsed(now),
            "session_elapsed_s": self._session_watch.elapsed(now),
            "descents_s": list(self._descents),
            "descents_held": list(self._held),
            "holds_done": self._holds_done,
            "held_s": self._held_s,
            "logged": [list(p) for p in self._ledger.logged()],
            "pending": None if self._pending is None else self._pending.to_dict(),
            "last_set": None if self._last_set is None else self._last_set.to_dict(),
            "undo": None if self._undo is None else {"completed": self._undo.completed.to_dict(),
                                                     "position": list(self._undo.position)},
            "ended_early": self._ended_early,
            "session_loads": {slug: list(value) for slug, value in self._session_loads.items()},
        }

    @classmethod
    def restore(cls, snapshot: Mapping[str, Any], plan: SessionPlan, clock: Clock, *,
                paused: bool | None = None) -> SessionEngine:
        """An engine that carries on from ``snapshot`` with ``plan`` (the same plan
        it was taken with). Timers continue from the seconds they had left: the
        time the program was down does not count. ``paused`` overrides the saved
        pause state (a screen may prefer to come back paused). ValueError when the
        snapshot is damaged or belongs to another plan."""
        try:
            return cls._restore(snapshot, plan, clock, paused)
        except (KeyError, TypeError, IndexError, AttributeError) as error:
            raise ValueError(f"session snapshot is damaged: {error!r}") from None

    @classmethod
    def _restore(cls, snap: Mapping[str, Any], plan: SessionPlan, clock: Clock,
                 paused: bool | None) -> SessionEngine:
        if snap.get("version") != SNAPSHOT_VERSION:
            raise ValueError(f"session snapshot version {snap.get('version')!r} is not supported")
        if list(snap["plan_slugs"]) != [item.slug for item in plan.items]:
            raise ValueError("session snapshot belongs to another plan")
        engine = cls(plan, clock, **snap["settings"])
        now = clock.monotonic()
        engine._state = State(snap["state"])
        engine._phase = None if snap["phase"] is None else Phase(snap["phase"])
        pos = snap["position"]
        check = engine._ledger.checked
        engine._position = check((pos["item"], pos["set"], pos["side"]))
        engine._rep = int(pos["rep"])
        rest_target = snap["rest_target"]
        engine._rest_target = None if rest_target is None else check(rest_target)
        engine._ledger = SetLedger(engine._items, snap["logged"])
        engine._descents = [float(d) for d in snap["descents_s"]]
        engine._held = [bool(h) for h in snap.get("descents_held", ())]
        engine._holds_done = int(snap["holds_done"])
        engine._held_s = float(snap["held_s"])
        engine._pending = None if snap["pending"] is None else _identified(
            SetCompleted.from_dict(snap["pending"]))
        engine._last_set = None if snap["last_set"] is None else SetCompleted.from_dict(snap["last_set"])
        undo = snap["undo"]
        engine._undo = None if undo is None else _Undo(
            _identified(SetCompleted.from_dict(undo["completed"])), check(undo["position"]))
        engine._ended_early = bool(snap["ended_early"])
        # Absent from a session saved before issue 14: the sheet then starts
        # from last time or the target, as for a first set.
        engine._session_loads = {
            str(slug): (None if load is None else float(load), str(unit))
            for slug, (load, unit) in dict(snap.get("session_loads") or {}).items()}

        running = not (snap["paused"] if paused is None else paused)
        summary = engine._state is State.SUMMARY
        engine._session_watch = Stopwatch.resumed(clock, float(snap["session_elapsed_s"]),
                                                  running=running and not summary, at=now)
        set_elapsed = snap["set_elapsed_s"]
        engine._set_watch = None if set_elapsed is None else Stopwatch.resumed(
            clock, float(set_elapsed), running=running and engine._state is State.SET_RUNNING, at=now)
        engine._segment = None if snap["segment"] is None else engine._restored_segment(
            snap["segment"], running, now)
        engine._paused = not running and not summary
        engine._check_consistency()
        return engine

    def _restored_segment(self, raw: Mapping[str, Any], running: bool, now: float) -> _Segment:
        kind = str(raw["kind"])
        marks = self._count_in(CueKind.GO) if kind in (_REST, _SWITCH) else self._phase_marks(Phase(kind))
        countdown = Countdown.resumed(self._clock, float(raw["duration_s"]), float(raw["remaining_s"]),
                                      running=running, at=now)
        next_mark = int(raw["next_mark"])
        if not 0 <= next_mark < len(marks):
            raise ValueError("session snapshot has an impossible cue position")
        return _Segment(kind, countdown, marks, next_mark)

    def _check_consistency(self) -> None:
        """Refuse a snapshot whose parts contradict each other."""
        state, segment = self._state, self._segment
        timed = {State.RESTING: _REST, State.SWITCHING_SIDE: _SWITCH}
        if state in timed and (segment is None or segment.kind != timed[state]):
            raise ValueError(f"session snapshot: {state.value} without its countdown")
        if state is State.RESTING and self._rest_target is None:
            raise ValueError("session snapshot: resting without knowing what follows")
        if state is State.SET_DONE and self._pending is None:
            raise ValueError("session snapshot: a log sheet without its set")
        if state is State.SET_RUNNING:
            if self._phase is None or self._set_watch is None:
                raise ValueError("session snapshot: a running set without its phase")
            item = self.current_item
            needs_segment = not (item.kind == DoseKind.REPS and not item.eccentric_cue)
            if needs_segment and (segment is None or segment.kind != self._phase.value):
                raise ValueError("session snapshot: the phase and its countdown disagree")
