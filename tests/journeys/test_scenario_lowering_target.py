"""Scenarios a coach can read: the Nordic lowering target rises and is kept
(issue 16 point 7).

An athlete follows the Nordic program on Mondays, Wednesdays and Fridays,
starting Monday 5 January 2026. Each training day they open the window,
start the session due from Today, answer the readiness check (no
soreness) and do every set on the session screen; the Nordic reps run on
the lowering cue and, with no break-point press, each rep is lowered to the
floor: held for the whole target. The warm-up and cool-down are done as
planned.

The rule (app.coaching.progression): the lowering target rises by a second
only after a session where every prescribed rep was done and lowered for at
least the target with low soreness; a session with reps missed repeats it.
The target reaches the session screen (its "lowering N s" cue, the engine's
held descents, the log) and is kept as the athlete's lowering setting when
the session starts, so the next rise starts from it: 5 -> 6 -> 7 s.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.coaching.progression import DEFAULT_LOWERING_S, LOWERING_STEP_S
from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.session.events import State
from app.storage.queries import LogReader
from app.storage.store import Store
from app.ui.shell.main_window import SETTINGS, TODAY, MainWindow
from helpers.coaching_log import (
    FIRST_MONDAY,
    FRI,
    MON,
    NORDIC,
    WED,
    close_window,
    go_to,
    lowering_setting,
    monday_evening,
    next_step_as_planned,
    on_the_session_screen,
    refocus,
    window_opened,
)

MULTIMEDIA_NOISE = (r"^Couldn't (load|resolve) ", r"^PulseAudioService: ",
                    r"^QSoundEffect: playback of this format is not supported")
START = FIRST_MONDAY  # a Monday: week 1 of the Nordic program (one session, 2 x 5)
# Week 2 has two sessions of 2 x 6: Monday 12 and Wednesday 14 January.
WEEK_2 = (date(2026, 1, 12), date(2026, 1, 14))
CTRL = Qt.KeyboardModifier.ControlModifier
clock = monday_evening  # the fixture: 6 pm on Monday 5 January


@pytest.fixture
def athlete(paths: AppPaths, clock: FakeClock) -> Iterator[None]:
    """Follows the Nordic program on Mon/Wed/Fri from Monday 5 January."""
    store, _report = Store.open(paths, clock)
    try:
        store.enrol("nordic-programme", START, [MON, WED, FRI])
    finally:
        store.close()
    yield


def _nordic_advice(window: MainWindow) -> str:
    view = window.today.view if window.today is not None else None
    assert view is not None
    (line,) = [line for line in view.lines if line.slug == NORDIC]
    return line.advice


def _train_from_today(qtbot: QtBot, window: MainWindow, clock: FakeClock, *,
                      short_last_set: bool = False) -> list[str]:
    """Start the session due from Today (Ctrl+Enter), answer the readiness
    check with no soreness, and do the whole session on the session screen:
    every Nordic set on the lowering cue with no break-point press (each rep
    held to the floor), the other sets as planned. ``short_last_set``: the
    last Nordic set is logged one rep short (Down on the log sheet). Returns
    the Nordic cue line read before each Nordic set ("lowering 6 s")."""
    window.open_page(TODAY)
    qtbot.keyClick(window.today_page, Qt.Key.Key_Return, CTRL)
    dialog = window.readiness_dialog
    assert dialog is not None, "every start asks the readiness check"
    qtbot.keyClick(dialog, Qt.Key.Key_Return)   # no soreness, no pain: start
    host = window.session
    assert host is not None and host.controller is not None
    refocus(qtbot, window)
    controller, engine = host.controller, host.controller.engine
    (nordic,) = [item for item in engine.plan.items if item.slug == NORDIC]
    cues: list[str] = []
    for _ in range(3000):
        state, item = engine.state, engine.current_item
        if state is State.SUMMARY:
            break
        if state is State.READY and item.slug == NORDIC:
            cues.append(host.screen.detail_line.text())
            on_the_session_screen(qtbot, window, Qt.Key.Key_Space)   # the set runs its reps by itself
        elif state is State.SET_RUNNING and item.slug == NORDIC:
            due = engine.next_due()   # the next cue: nobody presses the break point
            assert due is not None
            clock.advance(max(0.0, due - clock.monotonic()))
            controller.tick()
        else:
            if (state is State.SET_DONE and item.slug == NORDIC and short_last_set
                    and engine.position[1] == nordic.sets):
                on_the_session_screen(qtbot, window, Qt.Key.Key_Down)   # one rep fewer on the log sheet
            next_step_as_planned(qtbot, window, clock)
    assert engine.state is State.SUMMARY
    qtbot.waitUntil(lambda: not controller.writes_pending, timeout=20000)
    on_the_session_screen(qtbot, window, Qt.Key.Key_Return)   # close the summary
    qtbot.waitUntil(lambda: window.session is None, timeout=20000)
    return cues


def _nordic_sets(paths: AppPaths) -> list[tuple[int | None, tuple[float, ...] | None]]:
    """Every Nordic set of the newest session: its reps and descents."""
    reader = LogReader(paths.database)
    try:
        newest = max(reader.list_sessions(), key=lambda s: s.started_at)
        return [(s.reps, s.descent_s) for s in reader.sets_of_session(newest.id)
                if s.exercise_slug == NORDIC]
    finally:
        reader.close()


def _day(qtbot: QtBot, paths: AppPaths, clock: FakeClock, when: date, **how: bool) \
        -> tuple[list[str], str]:
    """One training day: the window opened on the evening of ``when``, the
    session due trained from Today; the cue lines seen, and what Today says
    for the Nordics after it."""
    go_to(clock, when)
    gui = window_opened(qtbot, paths, clock)
    try:
        cues = _train_from_today(qtbot, gui.window, clock, **how)
        return cues, _nordic_advice(gui.window)
    finally:
        close_window(qtbot, gui)


@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
def test_three_sessions_held_with_low_soreness_raise_the_target_5_6_7(
        qtbot: QtBot, paths: AppPaths, clock: FakeClock, athlete: None) -> None:
    """Monday 5: the first Nordics, 2 x 5 on the 5 s cue; every rep held to
    the floor, no soreness: Today then aims for 6 s. Monday 12: the session
    screen cues 6 s, every rep is logged at 6 s, and the athlete's lowering
    setting is now 6 s (the Settings page shows it). Wednesday 14: 7 s, the
    same way. Each rise was earned by the session before it, and builds on
    it: the target does not fall back to the setting plus one."""
    first_cues, advice = _day(qtbot, paths, clock, START)
    assert DEFAULT_LOWERING_S == 5.0 and LOWERING_STEP_S == 1.0
    assert first_cues == ["lowering 5 s"] * 2
    assert _nordic_sets(paths) == [(5, (5.0,) * 5)] * 2
    assert "with low soreness: aim for 6 s" in advice
    assert lowering_setting(paths) == 5

    cues, advice = _day(qtbot, paths, clock, WEEK_2[0])
    assert cues == ["lowering 6 s"] * 2
    assert _nordic_sets(paths) == [(6, (6.0,) * 6)] * 2   # the engine held each rep for 6 s
    assert lowering_setting(paths) == 6
    assert "lowered for 6 s or longer last time with low soreness: aim for 7 s" in advice

    go_to(clock, WEEK_2[1])
    gui = window_opened(qtbot, paths, clock)
    window = gui.window
    assert _nordic_advice(window).endswith(
        "with low soreness: aim for 7 s (a coaching convention, not a study figure)")
    cues = _train_from_today(qtbot, window, clock)
    assert cues == ["lowering 7 s"] * 2
    assert _nordic_sets(paths) == [(6, (7.0,) * 6)] * 2
    assert lowering_setting(paths) == 7
    window.open_page(SETTINGS)
    assert window.settings_page.lowering_spin.value() == 7
    assert "aim for 8 s" in _nordic_advice(window)
    close_window(qtbot, gui)


@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
def test_a_session_with_a_rep_short_repeats_the_target(
        qtbot: QtBot, paths: AppPaths, clock: FakeClock, athlete: None) -> None:
    """Monday 5: 2 x 5, every rep held at 5 s. Monday 12: the screen cues
    6 s, but the last set stops one rep short (5 of 6). Wednesday 14 the
    session repeats the 6 s target - the cue says 6 s, and the setting stays
    at 6 s - until every rep is done."""
    _day(qtbot, paths, clock, START)
    cues, advice = _day(qtbot, paths, clock, WEEK_2[0], short_last_set=True)
    assert cues == ["lowering 6 s"] * 2
    assert _nordic_sets(paths) == [(6, (6.0,) * 6), (5, (6.0,) * 5)]
    assert advice.startswith("11 of 12 prescribed reps were done last time: repeat the 6 s target")
    assert lowering_setting(paths) == 6

    cues, advice = _day(qtbot, paths, clock, WEEK_2[1])
    assert cues == ["lowering 6 s"] * 2
    assert lowering_setting(paths) == 6
    # Done in full this time: the next session (week 3) aims for 7 s.
    assert "with low soreness: aim for 7 s" in advice
