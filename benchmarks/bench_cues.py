"""Cue timing figures for benchmarks/bench.py: ``cue_figures()``.

  cue_onset_p99_ms  a real 2-set Nordic session (the catalog's plan) on the
                    monotonic clock, sped up CUE_TIME_SCALE times, driven the
                    way the session screen drives it (a precise single-shot
                    timer at engine.next_due() plus a repaint timer calling
                    tick()), with another process spinning on the other core:
                    p99 of (moment a CueDue reached its listener - its due_at),
                    in real milliseconds
  drift_60min_ms    a 60-minute mixed session on a fake clock advanced in
                    irregular frames (16-250 ms, now and then a stall of
                    seconds), with pauses: the largest difference, anywhere,
                    between the engine's cue times, remaining and elapsed
                    seconds and the deadlines worked out independently here
"""

from __future__ import annotations

import contextlib
import math
import os
import random
import statistics
import subprocess
import sys
from collections import deque
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bench import Figure

    from app.catalog import Catalog
    from app.session import PlanItem, SessionEngine

NORDIC = "nordic-hamstring-curl"
CUE_TIME_SCALE = 14.0      # the 210 s session takes about 15 s
REPAINT_MS = 80            # the screen repaints 10-20 times a second
GET_READY_S, CATCH_S, SWITCH_S = 3.0, 1.0, 5.0
DRIFT_MINUTES = 60
BEEPS = (3, 2, 1)


def cue_figures() -> list[Figure]:
    # Imported here: bench.py imports this module, and this one needs bench's
    # figure(); at call time bench is fully loaded.
    from bench import figure

    lags = cue_onset_lags_ms()
    drift_ms, checked = drift_error_ms()
    return [
        figure("cue_onset_p99_ms", _percentile(lags, 0.99), "ms", "<= 15"),
        figure("cue_onset_median_ms", statistics.median(lags), "ms"),
        figure("cue_onset_cues", len(lags), "n"),
        figure("drift_60min_ms", drift_ms, "ms", "<= 50"),
        figure("drift_checks", checked, "n"),
    ]


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _catalog() -> Catalog:
    from app.catalog import load_catalog_strict
    from app.kernel.resources import resources_dir

    return load_catalog_strict(resources_dir())


# ---------------------------------------------------------------------------
# Onset: real clock, real event loop, the other core busy
# ---------------------------------------------------------------------------


@contextlib.contextmanager
def _other_core_busy() -> Iterator[None]:
    """A child spinning on one core while this process keeps the others, as
    when a browser or an update is busy on a dual-core laptop."""
    cpus = sorted(os.sched_getaffinity(0))
    mine = set(cpus[:-1]) or set(cpus)
    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        os.sched_setaffinity(spinner.pid, {cpus[-1]})
        os.sched_setaffinity(0, mine)
        yield
    finally:
        os.sched_setaffinity(0, set(cpus))
        spinner.kill()
        spinner.wait()


def cue_onset_lags_ms() -> list[float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer

    from app.kernel.clock import SystemClock
    from app.session import CueDue, ScaledClock, SessionEngine, State, StateChanged, plan_from_exercise

    _app = QCoreApplication.instance() or QCoreApplication([])
    plan = plan_from_exercise(_catalog().get(NORDIC), sets=2)
    clock = ScaledClock(SystemClock(), CUE_TIME_SCALE)
    engine = SessionEngine(plan, clock)
    loop = QEventLoop()
    lags: list[float] = []

    # The screen's scheme: a precise single shot at the next due moment (so
    # cues do not wait for a repaint) and a repaint timer that also ticks.
    precise = QTimer()
    precise.setSingleShot(True)
    precise.setTimerType(Qt.TimerType.PreciseTimer)

    def arm() -> None:
        due = engine.next_due()
        if due is None:
            precise.stop()
            return
        # Rounded up: a timer that fires before the moment finds nothing due.
        precise.start(max(0, math.ceil(clock.to_base_seconds(due - clock.monotonic()) * 1000)))

    def act(action: Any) -> None:
        action()
        arm()

    def on_event(event: object) -> None:
        if isinstance(event, CueDue):
            lags.append(clock.to_base_seconds(clock.monotonic() - event.due_at) * 1000)
        elif isinstance(event, StateChanged):
            # The athlete's keys, a moment later: Space, then Enter on the log sheet.
            if event.state is State.READY:
                QTimer.singleShot(0, lambda: act(engine.start_set))
            elif event.state is State.SET_DONE:
                QTimer.singleShot(0, lambda: act(engine.confirm_set))
            elif event.state is State.SUMMARY:
                loop.quit()

    engine.subscribe(on_event)
    precise.timeout.connect(lambda: act(engine.tick))
    repaint = QTimer()
    repaint.setInterval(REPAINT_MS)
    repaint.timeout.connect(lambda: act(engine.tick))
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(loop.quit)

    with _other_core_busy():
        repaint.start()
        guard.start(round(_session_seconds(plan) / CUE_TIME_SCALE * 3000))  # never wait forever
        QTimer.singleShot(0, lambda: act(engine.start_set))
        loop.exec()
    repaint.stop()
    precise.stop()
    if engine.state is not State.SUMMARY:
        raise RuntimeError(f"the session did not finish in time (state {engine.state.value})")
    return lags


def _session_seconds(plan: Any) -> float:
    item = plan.items[0]
    rep = GET_READY_S + item.lowering_s + CATCH_S + item.return_s
    return item.sets * (item.rep_count or 1) * rep + (item.sets - 1) * item.rest_s


# ---------------------------------------------------------------------------
# Drift: a fake clock, irregular frames, an independent account of the deadlines
# ---------------------------------------------------------------------------


class _Expected:
    """Cue times and countdown deadlines worked out from the plan alone."""

    def __init__(self) -> None:
        self.cues: deque[tuple[float, str, int | None]] = deque()
        self.segments: deque[tuple[float, float]] = deque()   # [start, end) of each countdown
        self.set_start = 0.0
        self.paused_s = 0.0

    def countdown(self, start: float, seconds: float, end_cue: str | None, *, beeps: bool) -> float:
        end = start + seconds
        if beeps:
            self.cues.extend((end - s, "beep", s) for s in BEEPS if seconds + 1e-9 >= s)
        if end_cue is not None:
            self.cues.append((end, end_cue, None))
        self.segments.append((start, end))
        return end

    def set_from(self, start: float, item: PlanItem) -> None:
        self.set_start = start
        t = start
        if item.kind == "duration":
            self.countdown(t, item.duration_s or 0.0, "done", beeps=True)
        elif item.kind == "hold":
            holds = item.holds or 1
            for number in range(1, holds + 1):
                last = number == holds
                after = "done" if last else ("relax" if item.relax_s else "go")
                t = self.countdown(t, item.hold_s or 0.0, after, beeps=False)
                if not last and item.relax_s:
                    t = self.countdown(t, item.relax_s, "go", beeps=True)
        elif item.eccentric_cue:
            reps = item.rep_count or 1
            for number in range(1, reps + 1):
                t = self.countdown(t, GET_READY_S, "go", beeps=True)
                self.cues.extend((t + k, "tick", k) for k in range(1, math.ceil(item.lowering_s)))
                t = self.countdown(t, item.lowering_s, "catch", beeps=False)
                t = self.countdown(t, CATCH_S, None, beeps=False)
                t = self.countdown(t, item.return_s, "done" if number == reps else None, beeps=False)
        # plain reps: nothing counts down; the athlete ends the set

    def paused(self, start: float, end: float) -> None:
        """Everything still ahead moves on by the pause."""
        shift = end - start
        self.cues = deque((t + shift, kind, count) for t, kind, count in self.cues)
        self.segments = deque((s + shift if s > start else s, e + shift) for s, e in self.segments)
        self.paused_s += shift

    def remaining_at(self, now: float) -> float | None:
        while self.segments and self.segments[0][1] <= now:
            self.segments.popleft()
        if not self.segments or self.segments[0][0] > now:
            return None
        return self.segments[0][1] - now


def _drift_plan(catalog: Catalog) -> Any:
    from app.session import SessionPlan, item_from_exercise

    def item(slug: str, **changes: Any) -> PlanItem:
        return item_from_exercise(catalog.get(slug), **changes)

    # Longer than an hour, with every kind of timer early on: a timed effort,
    # cued reps, holds on each side (switch, relax), plain reps on each side.
    return SessionPlan.of(
        "drift",
        warm_up=[item("light-jog")],
        main=[item(NORDIC, sets=6), item("standing-hamstring-stretch"), item("single-leg-deadlift"),
              item(NORDIC, sets=10), item("romanian-deadlift"), item("standing-hamstring-stretch")],
        cool_down=[item("standing-hamstring-stretch")],
    )


def drift_error_ms(seed: int = 60) -> tuple[float, int]:
    """(largest error in ms, number of values compared)."""
    from app.kernel.clock import FakeClock
    from app.session import CueDue, SessionEngine, State

    rng = random.Random(seed)
    clock = FakeClock()
    engine = SessionEngine(_drift_plan(_catalog()), clock, switch_side_s=SWITCH_S,
                           get_ready_s=GET_READY_S, catch_s=CATCH_S)
    expected = _Expected()
    start = clock.monotonic()
    stop_at = start + DRIFT_MINUTES * 60
    errors: list[float] = []

    def on_event(event: object) -> None:
        if not isinstance(event, CueDue):
            return
        if not expected.cues:
            raise AssertionError(f"unexpected cue {event}")
        due, kind, count = expected.cues.popleft()
        if (kind, count) != (event.kind.value, event.count):
            raise AssertionError(f"expected {kind} {count} at {due - start:.3f}, got {event}")
        errors.append(abs(event.due_at - due))

    engine.subscribe(on_event)
    user = _Athlete(engine, expected, rng)
    while engine.state is not State.SUMMARY and clock.monotonic() < stop_at:
        step = rng.uniform(1.0, 8.0) if rng.random() < 0.01 else rng.uniform(0.016, 0.25)
        clock.advance(min(step, stop_at - clock.monotonic()))
        engine.tick()
        now = clock.monotonic()
        if not engine.paused:
            errors.extend(_view_errors(engine, expected, now))
        user.act(now)
    if engine.state is not State.SUMMARY:
        engine.end()
    session_s = engine.snapshot()["session_elapsed_s"]
    errors.append(abs(session_s - (clock.monotonic() - start - expected.paused_s)))
    if expected.cues and expected.cues[0][0] <= clock.monotonic():
        raise AssertionError(f"cue never came: {expected.cues[0]}")
    return max(errors) * 1000, len(errors)


def _view_errors(engine: SessionEngine, expected: _Expected, now: float) -> list[float]:
    from app.session import State

    view = engine.view()
    found = []
    want = expected.remaining_at(now)
    if (view.remaining_s is None) != (want is None):
        raise AssertionError(f"remaining {view.remaining_s} but expected {want} at {now}")
    if view.remaining_s is not None and want is not None:
        found.append(abs(view.remaining_s - want))
    if engine.state is State.SET_RUNNING and view.elapsed_s is not None:
        found.append(abs(view.elapsed_s - (now - expected.set_start)))
    return found


class _Athlete:
    """Presses the keys a few seconds after each screen appears, pauses some
    rests, and tells ``expected`` what follows from each press."""

    def __init__(self, engine: SessionEngine, expected: _Expected, rng: random.Random) -> None:
        self.engine, self.expected, self.rng = engine, expected, rng
        self.waiting_for: tuple[Any, ...] | None = None
        self.act_at = 0.0
        self.pause_at: float | None = None
        self.paused_since = 0.0
        self.resume_at = 0.0

    def act(self, now: float) -> None:
        from app.session import State

        engine = self.engine
        if engine.paused:
            if now >= self.resume_at:
                engine.resume()
                self.expected.paused(self.paused_since, now)
            return
        if engine.state is State.RESTING and self.pause_at is not None and now >= self.pause_at:
            self.pause_at = None
            engine.pause()
            self.paused_since, self.resume_at = now, now + self.rng.uniform(5, 30)
            return
        key = (engine.state, engine.position)
        if key != self.waiting_for:
            self.waiting_for = key
            self.act_at = now + {State.READY: self.rng.uniform(2, 10),
                                 State.SET_DONE: self.rng.uniform(3, 15),
                                 State.SET_RUNNING: self.rng.uniform(25, 45)}.get(engine.state, 0.0)
        if now < self.act_at:
            return
        item = engine.current_item
        if engine.state is State.READY:
            self.expected.set_from(now, item)
            engine.start_set()
        elif engine.state is State.SET_RUNNING and item.kind == "reps" and not item.eccentric_cue:
            engine.finish_set()
        elif engine.state is State.SET_DONE:
            engine.confirm_set()
            self._after_confirm(now, item)

    def _after_confirm(self, now: float, item: PlanItem) -> None:
        from app.session import State

        state = self.engine.state
        self.pause_at = None
        if state is State.RESTING:
            self.expected.countdown(now, item.rest_s, "go", beeps=True)
            self.pause_at = now + self.rng.uniform(0, 0.8 * item.rest_s) if self.rng.random() < 0.4 \
                else None
        elif state is State.SWITCHING_SIDE:
            set_start = self.expected.countdown(now, SWITCH_S, "go", beeps=True)
            self.expected.set_from(set_start, item)
