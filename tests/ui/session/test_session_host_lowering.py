"""The Nordic lowering target the coaching set reaches the session and is
kept (issue 16 point 7): PlanItem.lowering_coached, planning.apply_target,
session_host.apply_settings, session_start.raised_lowering_s and the
window's start."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.catalog.vocabulary import DoseKind
from app.coaching.planning import Target, apply_target
from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.logbook.settings import LOWERING_RANGE, Settings
from app.session.plan import NORDIC_SLUG, PlanItem, SessionPlan
from app.session.saved import load_saved_session
from app.ui.session.session_host import apply_settings, saved_session_path
from app.ui.shell.application import GuiSession
from app.ui.shell.main_window import SETTINGS, MainWindow
from app.usecases.session_start import raised_lowering_s
from helpers.coaching_log import lowering_setting
from helpers.writes import wait_for_writes

MULTIMEDIA_NOISE = (r"^Couldn't (load|resolve) ", r"^PulseAudioService: ",
                    r"^QSoundEffect: playback of this format is not supported")


def _nordic(**changes: Any) -> PlanItem:
    values: dict[str, Any] = {"slug": NORDIC_SLUG, "name": "Nordic hamstring curl", "kind": "reps",
                              "sets": 2, "rest_s": 60, "reps": (6, 6)}
    values.update(changes)
    return PlanItem(**values)


def _bridge() -> PlanItem:
    return PlanItem(slug="glute-bridge", name="Glute bridge", kind=DoseKind.REPS, sets=2, rest_s=60,
                    reps=(10, 10))


def _plan(*items: PlanItem) -> SessionPlan:
    return SessionPlan.of("Nordics", main=list(items))


# -- the plan item ----------------------------------------------------------------------


def test_a_coached_lowering_is_saved_with_the_plan_and_older_plans_still_load() -> None:
    coached = _nordic(lowering_s=7, lowering_coached=True)
    data = coached.to_dict()
    assert data["lowering_coached"] is True
    assert PlanItem.from_dict(data) == coached
    plain = _nordic(lowering_s=7)
    assert "lowering_coached" not in plain.to_dict()   # saved as before the field
    older = {k: v for k, v in data.items() if k != "lowering_coached"}
    assert PlanItem.from_dict(older).lowering_coached is False
    with pytest.raises(ValueError, match="lowering_coached: must be true or false"):
        _nordic(lowering_coached="yes")


def test_apply_target_marks_a_lowering_it_sets_as_coached() -> None:
    item = _nordic()
    assert not item.lowering_coached
    rose = apply_target(item, Target(lowering_s=6.0, reason="aim for 6 s"))
    assert (rose.lowering_s, rose.lowering_coached) == (6.0, True)
    # A target without a lowering time (a load, reps) leaves the item as it was.
    assert apply_target(item, Target(reps=(5, 5))).lowering_coached is False
    assert apply_target(rose, Target(sets=1)).lowering_coached is True
    # Only an item done for reps takes a lowering time.
    hold = PlanItem(slug="hamstring-bridge-hold", name="Bridge hold", kind=DoseKind.HOLD, sets=1,
                    rest_s=30, hold_s=20, holds=1)
    assert apply_target(hold, Target(lowering_s=6.0)).lowering_coached is False


# -- the settings on a plan ----------------------------------------------------------------


def test_the_athletes_setting_does_not_replace_a_coached_lowering() -> None:
    settings = Settings(lowering_s=5, return_s=4)
    coached, own = apply_settings(_plan(_nordic(lowering_s=7, lowering_coached=True), _nordic()),
                                  settings, keep_tempo=False).items
    assert (coached.lowering_s, coached.return_s, coached.lowering_coached) == (7.0, 4.0, True)
    assert (own.lowering_s, own.return_s) == (5.0, 4.0)   # not coached: the setting, as before


# -- the setting follows the coached target ----------------------------------------------


def test_the_setting_rises_to_the_coached_target_and_is_never_lowered() -> None:
    at_five = Settings(lowering_s=5)
    assert raised_lowering_s(_plan(_nordic(lowering_s=6, lowering_coached=True)), at_five) == 6
    # Float noise in a target read back from a saved plan is not a second lost.
    assert raised_lowering_s(_plan(_nordic(lowering_s=6.9999999, lowering_coached=True)),
                             at_five) == 7
    assert raised_lowering_s(_plan(_nordic(lowering_s=5, lowering_coached=True)), at_five) is None
    assert raised_lowering_s(_plan(_nordic(lowering_s=6, lowering_coached=True)),
                             Settings(lowering_s=8)) is None   # the athlete's longer target stays
    assert raised_lowering_s(_plan(_nordic(lowering_s=7)), at_five) is None   # the athlete's own
    assert raised_lowering_s(_plan(_bridge()), at_five) is None   # no Nordics run: nothing earned
    top = float(LOWERING_RANGE[1])
    assert raised_lowering_s(_plan(_nordic(lowering_s=top, lowering_coached=True)),
                             Settings(lowering_s=LOWERING_RANGE[1] - 1)) == LOWERING_RANGE[1]
    # A coached time on an item without the lowering cue is no lowering target.
    uncued = _nordic(lowering_s=7, lowering_coached=True, eccentric_cue=False)
    assert raised_lowering_s(_plan(uncued), at_five) is None


# -- in the window --------------------------------------------------------------------------


def _window(open_window: Callable[..., GuiSession]) -> MainWindow:
    return open_window().window


@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
def test_a_session_started_with_a_coached_target_raises_the_setting(
        qtbot: QtBot, paths: AppPaths, clock: FakeClock,
        open_window: Callable[..., GuiSession]) -> None:
    """The command line's path too: it starts its plan with start_session."""
    window = _window(open_window)
    assert lowering_setting(paths) == Settings.lowering_s == 5
    window.start_session(_plan(_nordic(lowering_s=7, lowering_coached=True)), clock)
    host = window.session
    assert host is not None and host.controller is not None
    [item] = host.controller.engine.plan.items
    assert item.lowering_s == 7.0
    assert host.screen.detail_line.text() == "lowering 7 s"
    qtbot.waitUntil(lambda: lowering_setting(paths) == 7, timeout=20000)
    # A resume after a crash runs the same target.
    qtbot.waitUntil(lambda: load_saved_session(saved_session_path(paths)) is not None,
                    timeout=20000)
    saved = load_saved_session(saved_session_path(paths))
    assert saved is not None
    [kept] = saved.plan.items
    assert (kept.lowering_s, kept.lowering_coached) == (7.0, True)


@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
def test_a_coached_target_below_the_setting_runs_but_leaves_the_setting(
        qtbot: QtBot, paths: AppPaths, clock: FakeClock,
        open_window: Callable[..., GuiSession]) -> None:
    window = _window(open_window)
    window.open_page(SETTINGS)
    window.settings_page.lowering_spin.setValue(8)   # the athlete's own choice
    qtbot.waitUntil(lambda: lowering_setting(paths) == 8, timeout=20000)
    window.start_session(_plan(_nordic(lowering_s=6, lowering_coached=True)), clock)
    host = window.session
    assert host is not None and host.controller is not None
    assert host.controller.engine.plan.items[0].lowering_s == 6.0
    wait_for_writes(qtbot, window.writer)   # any job the start queued has run
    assert lowering_setting(paths) == 8


@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
def test_the_settings_page_shows_the_raised_target_over_an_earlier_change(
        qtbot: QtBot, paths: AppPaths, clock: FakeClock,
        open_window: Callable[..., GuiSession]) -> None:
    """The athlete lowered the target to 4 s on the Settings page; the next
    session was coached to 5 s: once it has started, the page shows 5 s, not
    the 4 s it remembers having written."""
    window = _window(open_window)
    window.open_page(SETTINGS)
    page = window.settings_page
    page.lowering_spin.setValue(4)
    qtbot.waitUntil(lambda: lowering_setting(paths) == 4, timeout=20000)
    window.start_session(_plan(_nordic(lowering_s=5, lowering_coached=True)), clock)
    qtbot.waitUntil(lambda: lowering_setting(paths) == 5, timeout=20000)
    window.refresh_log_views()
    assert page.lowering_spin.value() == 5
