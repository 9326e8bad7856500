"""Countdown, Stopwatch and ScaledClock: deadlines on a fake monotonic clock."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.kernel.clock import FakeClock
from app.session.timing import (
    TIME_SCALE_ENV,
    Countdown,
    ScaledClock,
    Stopwatch,
    check_time_scale,
    parse_time_scale,
)

# --------------------------------------------------------------------------
# Countdown
# --------------------------------------------------------------------------


def test_countdown_counts_down_from_its_deadline(clock: FakeClock) -> None:
    countdown = Countdown(clock, 90)
    assert not countdown.started and countdown.remaining() == 90 and countdown.deadline is None
    countdown.start()
    assert countdown.running and countdown.deadline == clock.monotonic() + 90
    clock.advance(30.5)
    assert countdown.remaining() == pytest.approx(59.5)
    assert countdown.elapsed() == pytest.approx(30.5)
    assert not countdown.done


def test_countdown_never_goes_below_zero_and_is_done(clock: FakeClock) -> None:
    countdown = Countdown(clock, 5)
    countdown.start()
    clock.advance(7.3)
    assert countdown.remaining() == 0
    assert countdown.elapsed() == 5
    assert countdown.done


def test_a_stalled_reader_sees_the_exact_remainder(clock: FakeClock) -> None:
    """No tick counting: however seldom it is read, the figure is the deadline difference."""
    countdown = Countdown(clock, 60)
    countdown.start()
    deadline = countdown.deadline
    assert deadline is not None
    for stall in (0.1, 7.3, 0.01, 12.0):
        clock.advance(stall)
        assert countdown.remaining() == pytest.approx(deadline - clock.monotonic(), abs=1e-9)


def test_pause_freezes_and_resume_moves_the_deadline(clock: FakeClock) -> None:
    countdown = Countdown(clock, 60)
    countdown.start()
    clock.advance(10)
    countdown.pause()
    assert countdown.paused and not countdown.running and countdown.deadline is None
    clock.advance(100)
    assert countdown.remaining() == pytest.approx(50)
    countdown.resume()
    assert countdown.deadline == pytest.approx(clock.monotonic() + 50)
    clock.advance(20)
    assert countdown.remaining() == pytest.approx(30)
    assert countdown.elapsed() == pytest.approx(30)


def test_pause_and_resume_twice_are_harmless(clock: FakeClock) -> None:
    countdown = Countdown(clock, 10)
    countdown.start()
    countdown.pause()
    countdown.pause()
    countdown.resume()
    countdown.resume()
    assert countdown.remaining() == 10


def test_adjust_adds_and_takes_seconds_but_not_below_zero(clock: FakeClock) -> None:
    countdown = Countdown(clock, 90)
    countdown.start()
    clock.advance(10)
    assert countdown.adjust(15) == pytest.approx(95)
    assert countdown.duration == pytest.approx(105)
    assert countdown.adjust(-15) == pytest.approx(80)
    assert countdown.adjust(-500) == 0
    assert countdown.done
    assert countdown.duration == pytest.approx(10)   # what actually ran


def test_adjust_while_paused(clock: FakeClock) -> None:
    countdown = Countdown(clock, 30)
    countdown.start()
    countdown.pause()
    countdown.adjust(-15)
    clock.advance(60)
    assert countdown.remaining() == 15
    countdown.resume()
    clock.advance(5)
    assert countdown.remaining() == pytest.approx(10)


def test_start_at_a_given_moment(clock: FakeClock) -> None:
    countdown = Countdown(clock, 5)
    countdown.start(at=clock.monotonic() - 2)
    assert countdown.remaining() == pytest.approx(3)


def test_countdown_refuses_bad_durations_and_double_start(clock: FakeClock) -> None:
    for bad in (-1, math.nan, math.inf, True, "5"):
        with pytest.raises(ValueError):
            Countdown(clock, bad)  # type: ignore[arg-type]
    countdown = Countdown(clock, 1)
    countdown.start()
    with pytest.raises(RuntimeError):
        countdown.start()
    with pytest.raises(RuntimeError):
        Countdown(clock, 1).resume()


def test_countdown_resumed_from_saved_figures(clock: FakeClock) -> None:
    running = Countdown.resumed(clock, 90, 42.5, running=True)
    assert running.remaining() == 42.5 and running.running and running.elapsed() == pytest.approx(47.5)
    clock.advance(2.5)
    assert running.remaining() == pytest.approx(40)
    paused = Countdown.resumed(clock, 90, 42.5, running=False)
    clock.advance(10)
    assert paused.paused and paused.remaining() == 42.5
    with pytest.raises(ValueError):
        Countdown.resumed(clock, 10, 11, running=True)


@given(st.lists(st.tuples(st.sampled_from(["advance", "pause", "resume", "adjust"]),
                          st.floats(min_value=-30, max_value=30, allow_nan=False)), max_size=40))
def test_countdown_remainder_is_always_what_was_given_minus_running_time(
        steps: list[tuple[str, float]]) -> None:
    clock = FakeClock()
    countdown = Countdown(clock, 60)
    countdown.start()
    expected = 60.0
    running = True
    for action, value in steps:
        if action == "advance":
            clock.advance(abs(value))
            if running:
                expected = max(0.0, expected - abs(value))
        elif action == "pause":
            countdown.pause()
            running = False
        elif action == "resume":
            countdown.resume()
            running = True
        else:
            countdown.adjust(value)
            expected = max(0.0, expected + value)
        assert countdown.remaining() == pytest.approx(expected, abs=1e-6)
        assert countdown.remaining() >= 0


# --------------------------------------------------------------------------
# Stopwatch
# --------------------------------------------------------------------------


def test_stopwatch_counts_up_without_paused_time(clock: FakeClock) -> None:
    watch = Stopwatch(clock)
    assert watch.elapsed() == 0 and not watch.started
    watch.start()
    clock.advance(12.5)
    assert watch.elapsed() == pytest.approx(12.5)
    watch.pause()
    clock.advance(60)
    assert watch.elapsed() == pytest.approx(12.5) and not watch.running
    watch.resume()
    clock.advance(7.3)
    assert watch.elapsed() == pytest.approx(19.8)
    with pytest.raises(RuntimeError):
        watch.start()


def test_stopwatch_resumed_from_saved_figures(clock: FakeClock) -> None:
    watch = Stopwatch.resumed(clock, 30, running=True)
    clock.advance(5)
    assert watch.elapsed() == pytest.approx(35)
    stopped = Stopwatch.resumed(clock, 30, running=False)
    clock.advance(5)
    assert stopped.elapsed() == 30
    with pytest.raises(ValueError):
        Stopwatch.resumed(clock, -1, running=True)
    with pytest.raises(RuntimeError):
        Stopwatch(clock).resume()


# --------------------------------------------------------------------------
# ScaledClock and the time-scale setting
# --------------------------------------------------------------------------


def test_scaled_clock_runs_k_times_faster_from_when_it_is_made(clock: FakeClock) -> None:
    clock.advance(50)
    scaled = ScaledClock(clock, 10)
    start = scaled.monotonic()
    assert start == clock.monotonic()       # no jump at the moment it is made
    clock.advance(1.5)
    assert scaled.monotonic() - start == pytest.approx(15)
    assert scaled.now() == clock.now()      # stored timestamps stay real
    assert scaled.scale == 10
    assert scaled.to_base_seconds(15) == pytest.approx(1.5)


def test_a_countdown_on_a_scaled_clock_ends_k_times_sooner(clock: FakeClock) -> None:
    scaled = ScaledClock(clock, 10)
    rest = Countdown(scaled, 90)
    rest.start()
    clock.advance(4.5)
    assert rest.remaining() == pytest.approx(45)
    clock.advance(4.5)
    assert rest.done


@pytest.mark.parametrize("bad", [0, -1, -0.5, math.nan, math.inf, True])
def test_time_scale_must_be_above_zero(clock: FakeClock, bad: float) -> None:
    with pytest.raises(ValueError, match="greater than 0"):
        ScaledClock(clock, bad)


def test_a_slow_motion_scale_is_allowed(clock: FakeClock) -> None:
    scaled = ScaledClock(clock, 0.5)
    start = scaled.monotonic()
    clock.advance(10)
    assert scaled.monotonic() - start == pytest.approx(5)
    assert check_time_scale(2) == 2.0


@pytest.mark.parametrize(("text", "value"), [("10", 10.0), (" 2.5 ", 2.5), ("0.25", 0.25)])
def test_parse_time_scale(text: str, value: float) -> None:
    assert parse_time_scale(text) == value


@pytest.mark.parametrize("text", ["", "fast", "0", "-3", "nan", "inf"])
def test_parse_time_scale_names_the_variable(text: str) -> None:
    with pytest.raises(ValueError, match=TIME_SCALE_ENV):
        parse_time_scale(text)
