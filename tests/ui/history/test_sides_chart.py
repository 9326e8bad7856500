"""Left against right over time in Progress (issue 18 point 7): per session
and one-side exercise how far the weaker side was behind, a line per
exercise named in the legend, each point read out naming the weaker side in
words, the 15 % line, and the calm note (information, not a verdict) with
both studies' sources when one side stayed behind three sessions running."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest
from PySide6.QtCharts import QLineSeries
from pytestqt.qtbot import QtBot

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.logbook.entries import SetEntry
from app.progress.queries import ProgressReader
from app.progress.sides import SIDE_NOTE_PCT, SIDE_NOTE_SESSIONS
from app.storage.store import Store
from app.ui.history.charts_view import ProgressView
from app.ui.history.sides_chart import SIDE_BALANCE, sides_chart

SLDL = "single-leg-deadlift"
CURL = "single-leg-hamstring-curl"
NAMES = [(SLDL, "Single-leg deadlift"), (CURL, "Single-leg curl")]
SOURCES = {"bourne2015": "Bourne MN, et al. 2015. Am J Sports Med 43:2663",
           "opar2015": "Opar DA, et al. 2015. Med Sci Sports Exerc 47:857"}


def _log(paths: AppPaths, sessions: Sequence[Sequence[tuple[str, int, int]]]) -> None:
    """One session a week per item: (exercise, left reps, right reps) at 20 kg each side."""
    clock = FakeClock()
    store, _ = Store.open(paths, clock)
    try:
        for sets in sessions:
            session = store.start_session(title="Legs")
            for exercise, left, right in sets:
                store.log_set(session.id, SetEntry(exercise, 1, side="left", reps=left, load=20))
                store.log_set(session.id, SetEntry(exercise, 1, side="right", reps=right, load=20))
            clock.advance(3600)
            store.end_session(session.id)
            clock.advance(7 * 86400)
    finally:
        store.close()


@pytest.fixture
def view(qtbot: QtBot, paths: AppPaths) -> Iterator[ProgressView]:
    widget = ProgressView()
    qtbot.addWidget(widget)
    widget.resize(1000, 640)
    widget.add_chart(sides_chart(SOURCES))
    widget.show()
    yield widget


def _show(view: ProgressView, paths: AppPaths) -> ProgressReader:
    reader = ProgressReader(paths.database)
    view.load(reader, NAMES, [], "kg")
    view.show_chart(SIDE_BALANCE)
    return reader


def test_each_exercise_is_a_line_of_how_far_the_weaker_side_was_behind(
        view: ProgressView, paths: AppPaths) -> None:
    _log(paths, [[(SLDL, 10, 8), (CURL, 10, 10)], [(SLDL, 10, 9)]])
    reader = _show(view, paths)
    try:
        lines = {s.name(): s for s in view.chart.series() if isinstance(s, QLineSeries)}
        assert set(lines) == {"Single-leg deadlift", "Single-leg curl",
                              "15 % (the gap the studies compared)"}
        assert [round(p.y(), 6) for p in lines["Single-leg deadlift"].points()] == [20.0, 10.0]
        assert [p.y() for p in lines["Single-leg curl"].points()] == [0.0]
        reference = lines["15 % (the gap the studies compared)"]
        assert {p.y() for p in reference.points()} == {float(SIDE_NOTE_PCT)}
        texts = [view.readouts.text(n) for n in range(len(view.readouts))]
        assert texts[0].endswith("Single-leg curl: left and right even (200 kg·reps each)")
        assert texts[1].endswith("Single-leg deadlift: right 20 % behind left "
                                 "(left 200 kg·reps, right 160 kg·reps)")
        assert texts[2].endswith("right 10 % behind left (left 200 kg·reps, right 180 kg·reps)")
        assert view.note_label.isHidden()
    finally:
        reader.close()


def test_one_side_behind_three_sessions_running_gets_the_calm_note_and_both_sources(
        view: ProgressView, paths: AppPaths) -> None:
    # The left 20 % behind in each of the last three sessions.
    _log(paths, [[(SLDL, 8, 10)]] * SIDE_NOTE_SESSIONS)
    reader = _show(view, paths)
    try:
        note = view.note_label.text()
        assert view.note_label.isVisibleTo(view)
        assert note.startswith("Single-leg deadlift: your left side was more than 15 % behind")
        assert "the studies disagree" in note and "not a verdict" in note
        assert note.endswith("Source: " + "; ".join(SOURCES.values()))
        assert view.readouts.text(0).endswith("left 20 % behind right "
                                              "(left 160 kg·reps, right 200 kg·reps)")
    finally:
        reader.close()


def test_two_sessions_behind_are_not_yet_a_note(view: ProgressView, paths: AppPaths) -> None:
    _log(paths, [[(SLDL, 10, 10)]] + [[(SLDL, 8, 10)]] * (SIDE_NOTE_SESSIONS - 1))
    reader = _show(view, paths)
    try:
        assert not view.is_empty and view.note_label.isHidden()
    finally:
        reader.close()


def test_the_period_counts_back_from_the_latest_session(view: ProgressView, paths: AppPaths) -> None:
    _log(paths, [[(SLDL, 10, 9)]] * 20)  # twenty weekly sessions
    reader = _show(view, paths)
    try:
        view.set_period(13)
        assert len(view.readouts) == 13
        view.set_period(None)
        assert len(view.readouts) == 20
    finally:
        reader.close()


def test_no_one_side_sets_say_what_will_appear(view: ProgressView, paths: AppPaths) -> None:
    Store.open(paths, FakeClock())[0].close()
    reader = _show(view, paths)
    try:
        assert view.is_empty and "a left set and a right set" in view.empty_state.text_label.text()
        assert view.note_label.isHidden()
    finally:
        reader.close()

