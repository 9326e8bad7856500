"""Gym mode read from 2-3 m: the target, the load and "last time" at least
half as tall as the big word ("READY", the time left), at every screen size
and text size; a larger text size enlarges gym mode instead of squeezing
it; and the first window fills most of a large screen."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.catalog import Catalog, load_catalog_strict
from app.kernel.clock import FakeClock
from app.kernel.resources import resources_dir
from app.session import SessionEngine, SessionPlan, item_from_exercise
from app.ui.look.theme_switch import look_switch
from app.ui.session import theme
from app.ui.session.screen import SessionScreen
from app.ui.shell.main_window import DEFAULT_SIZE, FIRST_WINDOW_SHARE, first_window_size

pytestmark = pytest.mark.usefixtures("look_restored")  # the text size changes

SIZES = (QSize(1280, 720), QSize(1366, 768), QSize(1920, 1080))
SCALES = (100, 150, 200)
# As app.logbook.formatting.last_time_text writes them: straight sets, and a pyramid.
LAST_TIMES = ("last time: 3 x 8 @ 60 kg, 5 days ago",
              "last time: 8 @ 60 kg, 8 @ 70 kg, 8 @ 80 kg, 5 days ago")
TARGET_KEPT = 0.85   # of its size at 100 %, at 200 % on a laptop
HALF = 0.5           # the words: at least half the height of the big word


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog_strict(resources_dir())


@pytest.fixture
def gym(qtbot: QtBot, catalog: Catalog) -> Iterator[Callable[..., tuple[SessionScreen, Any]]]:
    """``gym(size, text_scale)``: a session screen of a loaded lift at READY
    with last time shown, on a window of ``size`` at ``text_scale`` percent,
    and its engine (stepped by hand: no timers)."""

    def make(size: QSize, text_scale: int, last_time: str = LAST_TIMES[0]) -> tuple[SessionScreen, Any]:
        look_switch().apply("dark", text_scale)
        plan = SessionPlan.of("Gym", main=[item_from_exercise(
            catalog.get("romanian-deadlift"), target_load_kg=60)])
        engine = SessionEngine(plan, FakeClock())
        screen = SessionScreen(catalog)
        qtbot.addWidget(screen)
        screen.set_last_times({"romanian-deadlift": last_time})
        screen.resize(size)
        screen.show()
        qtbot.waitExposed(screen)
        screen.show_view(engine.view(), engine.allowed())
        QApplication.processEvents()
        return screen, engine

    yield make


def _read_from_afar(screen: SessionScreen) -> list[tuple[str, int, list[str]]]:
    return [(line.text(), line.font().pixelSize(), line.shown_lines())
            for line in screen.target_lines if line.text()]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
@pytest.mark.parametrize("text_scale", SCALES)
@pytest.mark.parametrize("last_time", LAST_TIMES, ids=("straight", "pyramid"))
def test_target_load_and_last_time_are_half_the_big_word(gym: Any, size: QSize, text_scale: int,
                                                         last_time: str) -> None:
    screen, engine = gym(size, text_scale, last_time)
    for moment in ("ready", "set running"):
        if moment == "set running":
            engine.start_set()
            screen.show_view(engine.view(), engine.allowed())
            QApplication.processEvents()
        big = screen.big.font().pixelSize()
        lines = _read_from_afar(screen)
        texts = [text for text, _px, _shown in lines]
        assert "TARGET 8–10 reps · 60 kg" in texts and last_time in texts, moment
        for text, px, shown in lines:
            assert px >= big * HALF - 1, (moment, text, px, big)
            assert not any("…" in line for line in shown), (moment, text, shown)
        # Two lines of target and two of "last time" take room from the big
        # word (over a fifth of the screen without them: test_session_screen).
        assert big >= size.height() * theme.BIG_LAST_RESORT


def test_larger_text_sizes_enlarge_gym_mode(gym: Any) -> None:
    size = QSize(1366, 768)
    seen: dict[int, dict[str, int]] = {}
    kept: dict[int, dict[str, int]] = {}
    for text_scale in SCALES:
        screen, _engine = gym(size, text_scale)
        seen[text_scale] = {
            "where in the session": screen.block_line.font().pixelSize(),
            "sets logged": screen.strip_line.font().pixelSize(),
            "keys": screen.buttons["help"].font().pixelSize(),
            "paused": screen.pause_overlay.title.font().pixelSize(),
            "resume": screen.pause_overlay.resume_button.font().pixelSize(),
            "summary": screen.summary_page.totals.font().pixelSize(),
        }
        kept[text_scale] = {"exercise name": screen.name_line.font().pixelSize(),
                            "target": screen.target_line.font().pixelSize()}
        screen.close()
    for part in seen[100]:
        sizes = [seen[scale][part] for scale in SCALES]
        assert sizes[0] < sizes[1] < sizes[2], (part, sizes)
    factor = theme.text_factor(200)
    assert seen[200]["where in the session"] >= round(seen[100]["where in the session"] * factor) - 1
    # Large already: the header keeps its size, and the target gives up at most
    # a little of its height to the larger lines and buttons around it.
    assert kept[200]["exercise name"] == kept[100]["exercise name"]
    assert kept[200]["target"] >= TARGET_KEPT * kept[100]["target"]


def test_gym_mode_gets_the_whole_window(open_window: Any, qtbot: QtBot, catalog: Catalog,
                                        clock: FakeClock) -> None:
    """The menu and status bars (taller at 200%) no longer take its height."""
    window = open_window().window
    window.apply_look(text_scale=200)
    plan = SessionPlan.of("Gym", main=[item_from_exercise(catalog.get("glute-bridge"), sets=1)])
    window.start_session(plan, clock)
    host = window.session
    assert host is not None
    qtbot.waitUntil(lambda: host.screen.height() == window.height())
    assert not window.menuBar().isVisible() and not window.statusBar().isVisible()
    assert window.full_screen_action.isEnabled()   # F11 still works without the menu


def test_the_first_window_fills_most_of_a_large_screen(open_window: Any,
                                                       qapp: QApplication) -> None:
    big = first_window_size(QSize(1920, 1080))
    assert (big.width(), big.height()) == (round(1920 * FIRST_WINDOW_SHARE),
                                           round(1080 * FIRST_WINDOW_SHARE))
    assert big.width() * big.height() >= 0.8 * 1920 * 1080
    laptop = first_window_size(QSize(1366, 768))   # as before: 1280 wide, and fits
    assert laptop.width() == DEFAULT_SIZE.width() and laptop.height() <= 768
    small = first_window_size(QSize(1024, 600))
    assert small.width() <= 1024 and small.height() <= 600
    window = open_window().window   # a fresh data folder: no size remembered
    room = window.screen().availableGeometry().size()
    assert window.size() == first_window_size(room)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
@pytest.mark.parametrize("text_scale", SCALES)
def test_the_rest_says_the_next_set_whole(gym: Any, size: QSize, text_scale: int) -> None:
    """'set 2 of 3 · 8–10 reps · 72.5 kg' under the rest's clock: the load was
    cut to '7…' at 1280x720, the one thing the athlete must load before it."""
    screen, engine = gym(size, text_scale)
    engine.start_set()
    engine.finish_set()
    engine.confirm_set(engine.entry_for_set(load=72.5))
    screen.show_view(engine.view(), engine.allowed())
    QApplication.processEvents()
    assert screen.target_line.text() == "set 2 of 3 · 8–10 reps · 72.5 kg"
    shown = screen.target_line.shown_lines()
    assert not any("…" in line for line in shown), shown
    # Every word, in order; a line broken at " · " shows no dot at its end.
    assert " ".join(shown).replace("· ", "").split() == ["set", "2", "of", "3", "8–10", "reps", "72.5", "kg"]
    assert not any(line.endswith("·") or line.startswith("·") for line in shown), shown
    assert screen.target_line.font().pixelSize() >= screen.big.font().pixelSize() * HALF - 1


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_the_log_sheets_last_time_and_plates_read_from_the_bench(gym: Any, size: QSize) -> None:
    """On the log sheet too: last time and the plates at least half the
    height of its own big words ("LOG SET 1"), not the small print."""
    screen, engine = gym(size, 100)
    engine.start_set()
    engine.finish_set()
    screen.sheet.set_plates(20.0, (25.0, 20.0, 15.0, 10.0, 5.0, 2.5, 1.25))
    screen.show_view(engine.view(), engine.allowed())
    screen.open_log_sheet(engine.entry_for_set(), engine.view().last_set)
    QApplication.processEvents()
    sheet = screen.sheet
    assert sheet.last_time.text() == LAST_TIMES[0] and sheet.plates_line.text()
    title = sheet.title.font().pixelSize()
    for label in (sheet.last_time, sheet.plates_line):
        assert label.font().pixelSize() >= title * HALF, (label.text(), title)
