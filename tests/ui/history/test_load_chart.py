"""The weekly running load in the Progress charts (issue 18 point 5): each
week's distance as a bar and its time as a line up to this week, each week
read out in words (runs, quality runs, runs without a distance), the calm
note above a 30 % rise with its source, miles for an athlete in pounds, and
the chart offered beside the strength charts in the window."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCharts import QAreaSeries, QLineSeries, QValueAxis
from pytestqt.qtbot import QtBot

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.logbook.runs import RunEntry, RunTag
from app.progress.queries import ProgressReader
from app.progress.running_load import DISTANCE_JUMP_PCT, JUMP_BASE_WEEKS
from app.storage.store import Store
from app.ui.history.charts_view import PERIODS, ProgressView
from app.ui.history.load_chart import RUNNING_LOAD, running_load_chart
from app.ui.shell.application import GuiSession

TODAY = date(2026, 1, 5)  # a Monday: the FakeClock's day
SOURCES = {"nielsen2014": "Nielsen RØ, et al. 2014. J Orthop Sports Phys Ther 44:739"}


def _at(day: date, hour: int = 8) -> datetime:
    """Local ``hour`` of ``day``, as the athlete's watch starts a run."""
    return datetime.combine(day, time(hour)).astimezone()


def _run(day: date, km: float | None, *, minutes: float = 50.0, tag: RunTag = RunTag.EASY,
         hour: int = 8) -> RunEntry:
    return RunEntry(_at(day, hour), minutes * 60, distance_m=None if km is None else km * 1000,
                    tag=tag)


def _base_weeks(km_a_week: float = 20.0) -> list[RunEntry]:
    """The four weeks before this one, two equal runs each."""
    runs = []
    for weeks_back in range(1, JUMP_BASE_WEEKS + 1):
        monday = TODAY - timedelta(weeks=weeks_back)
        runs += [_run(monday + timedelta(days=1), km_a_week / 2),
                 _run(monday + timedelta(days=4), km_a_week / 2)]
    return runs


@pytest.fixture
def reader(paths: AppPaths) -> Iterator[Callable[[list[RunEntry]], ProgressReader]]:
    opened: list[ProgressReader] = []

    def log(runs: list[RunEntry]) -> ProgressReader:
        store, _ = Store.open(paths, FakeClock())
        try:
            store.add_runs(runs)
        finally:
            store.close()
        opened.append(ProgressReader(paths.database))
        return opened[-1]

    yield log
    for one in opened:
        one.close()


@pytest.fixture
def view(qtbot: QtBot) -> ProgressView:
    widget = ProgressView()
    qtbot.addWidget(widget)
    widget.resize(1000, 640)
    widget.add_chart(running_load_chart(lambda: TODAY, SOURCES))
    widget.show()
    return widget


def _show(view: ProgressView, reader: ProgressReader, units: str = "kg",
          weeks: int | None = 13) -> None:
    view.load(reader, [], [], units)
    view.set_period(weeks)
    view.show_chart(RUNNING_LOAD)


def test_each_week_is_a_distance_bar_and_a_time_point_up_to_this_week(
        view: ProgressView, reader: Callable[[list[RunEntry]], ProgressReader]) -> None:
    _show(view, reader([*_base_weeks(), _run(TODAY, 8.0, minutes=45, tag=RunTag.QUALITY)]))
    assert not view.is_empty
    area = next(s for s in view.chart.series() if isinstance(s, QAreaSeries))
    line = next(s for s in view.chart.series() if isinstance(s, QLineSeries))
    assert area.name() == "Distance (km)" and line.name() == "Time (hours)"
    # From the first run's week (not 13 weeks of the period, the first empty),
    # each a bar of four corners: the last is this week's 8 km.
    heights = [p.y() for p in area.upperSeries().points()]
    assert len(heights) == (JUMP_BASE_WEEKS + 1) * 4
    assert heights[-3:-1] == [8.0, 8.0] and heights[-7:-5] == [20.0, 20.0]
    assert [round(p.y(), 3) for p in line.points()][-2:] == [round(100 / 60, 3), 0.75]
    assert view.readouts.text(len(view.readouts) - 1) == (
        "Week of Mon 05 Jan 2026: 8 km in 45 min, 1 run, 1 quality run (tempo, intervals or a race)")
    assert view.readouts.text(len(view.readouts) - 2).endswith("20 km in 1 h 40 min, 2 runs")
    titles = {axis.titleText() for axis in view.chart.axes() if isinstance(axis, QValueAxis)}
    assert titles == {"Distance (km)", "Time (hours)"}
    assert view.note_label.isHidden()


def test_a_run_without_a_distance_is_said_not_counted(
        view: ProgressView, reader: Callable[[list[RunEntry]], ProgressReader]) -> None:
    _show(view, reader([_run(TODAY, 5.0, hour=7), _run(TODAY, None, minutes=30, hour=9)]))
    assert view.readouts.text(len(view.readouts) - 1).endswith(
        "5 km in 1 h 20 min, 2 runs (1 run without a distance, not counted in it)")


def test_a_rise_above_thirty_percent_gets_the_calm_note_and_its_source(
        view: ProgressView, reader: Callable[[list[RunEntry]], ProgressReader]) -> None:
    # Exactly 30 % more than the four weeks' average: no note.
    exactly = 20.0 * (100 + DISTANCE_JUMP_PCT) / 100
    _show(view, reader([*_base_weeks(), _run(TODAY, exactly)]))
    assert view.note_label.isHidden() and view.note_label.text() == ""


def test_a_rise_just_above_the_limit_is_noted(
        view: ProgressView, reader: Callable[[list[RunEntry]], ProgressReader]) -> None:
    _show(view, reader([*_base_weeks(), _run(TODAY, 20.0 * (100 + DISTANCE_JUMP_PCT) / 100 + 0.1)]))
    note = view.note_label.text()
    assert view.note_label.isVisibleTo(view)
    assert "Nielsen et al. 2014" in note and "not a rule" in note
    assert note.endswith("Source: " + SOURCES["nielsen2014"])


def test_miles_for_an_athlete_in_pounds(
        view: ProgressView, reader: Callable[[list[RunEntry]], ProgressReader]) -> None:
    _show(view, reader([_run(TODAY, 1.609344 * 6)]), units="lb")
    area = next(s for s in view.chart.series() if isinstance(s, QAreaSeries))
    assert area.name() == "Distance (mi)"
    assert round(max(p.y() for p in area.upperSeries().points()), 6) == 6.0
    assert "6 mi in 50 min" in view.readouts.text(len(view.readouts) - 1)


def test_a_late_evening_run_counts_in_its_local_week(
        view: ProgressView, reader: Callable[[list[RunEntry]], ProgressReader]) -> None:
    # Sunday 23:00 local is Monday in some zones' UTC: still last week here.
    sunday = TODAY - timedelta(days=1)
    _show(view, reader([_run(sunday, 7.0, hour=23)]))
    texts = [view.readouts.text(n) for n in range(len(view.readouts))]
    assert texts[-2].endswith("7 km in 50 min, 1 run") and texts[-1].endswith(": no run")


def test_no_run_in_the_period_says_what_will_appear(
        view: ProgressView, reader: Callable[[list[RunEntry]], ProgressReader]) -> None:
    _show(view, reader([_run(TODAY - timedelta(weeks=30), 10.0)]), weeks=13)
    assert view.is_empty
    assert "Import your runs" in view.empty_state.text_label.text()
    assert view.note_label.isHidden()
    view.set_period(None)  # all time: from the first run's week
    assert not view.is_empty and len(view.readouts) == 31
    assert [weeks for _, weeks in PERIODS][-1] is None


def test_the_window_offers_the_running_charts_beside_the_strength_charts(
        qtbot: QtBot, paths: AppPaths, clock: FakeClock,
        open_window: Callable[[], GuiSession]) -> None:
    store, _ = Store.open(paths, clock)
    store.add_runs([_run(TODAY - timedelta(days=2), 12.0)])
    store.close()
    window = open_window().window
    window.show_page(3)
    page = window.history_page
    page.tabs.setCurrentIndex(3)  # Progress
    assert window.history is not None and window.history.progress_view is not None
    view = window.history.progress_view
    keys = [view.chart_combo.itemData(n) for n in range(view.chart_combo.count())]
    assert keys[-3:] == [RUNNING_LOAD, "body_weight", "side_balance"]
    view.show_chart(RUNNING_LOAD)
    qtbot.waitUntil(lambda: not view.is_empty, timeout=20000)
    assert "12 km" in view.readouts.text(len(view.readouts) - 2)
