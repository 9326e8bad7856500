"""The progress charts' date axis names each date once: one point is one date
label, and ticks never come closer than a day (each would repeat the date)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from PySide6.QtCharts import QDateTimeAxis
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.kernel.clock import FakeClock
from app.kernel.i18n import format_date
from app.kernel.paths import AppPaths
from app.logbook.entries import SetEntry
from app.progress.queries import ProgressReader
from app.storage.store import Store
from app.ui.history.charts_view import TOP_SETS, ProgressView

RDL = "romanian-deadlift"


def _sessions(store: Store, clock: FakeClock, days_apart: list[int]) -> list[datetime]:
    starts = []
    for gap in days_apart:
        clock.advance(gap * 86400)
        session = store.start_session(title="Gym")
        starts.append(session.started_at)
        store.log_set(session.id, SetEntry(RDL, 1, reps=8, load=60))
        store.end_session(session.id)
    return starts


@pytest.fixture
def view(qtbot: QtBot) -> ProgressView:
    widget = ProgressView()
    qtbot.addWidget(widget)
    widget.resize(1000, 640)
    widget.show()
    return widget


@pytest.fixture
def reader(paths: AppPaths) -> Iterator[ProgressReader]:
    opened = ProgressReader(paths.database)
    yield opened
    opened.close()


def _date_axis(view: ProgressView) -> QDateTimeAxis:
    (axis,) = view.chart.axes(Qt.Orientation.Horizontal)
    assert isinstance(axis, QDateTimeAxis)
    return axis


def _tick_labels(axis: QDateTimeAxis) -> list[str]:
    low, high = axis.min().toMSecsSinceEpoch(), axis.max().toMSecsSinceEpoch()
    count = axis.tickCount()
    return [axis.min().addMSecs(round((high - low) * n / (count - 1))).toString(axis.format())
            for n in range(count)]


def test_one_point_has_one_date_label(view: ProgressView, store: Store, clock: FakeClock,
                                      reader: ProgressReader) -> None:
    (started,) = _sessions(store, clock, [0])
    view.load(reader, [(RDL, "Romanian deadlift")], [RDL], "kg")
    view.show_chart(TOP_SETS, RDL)
    axis = _date_axis(view)
    assert not axis.labelsVisible()
    assert axis.titleText() == format_date(started.astimezone().date())


@pytest.mark.parametrize("gaps", [[0, 2], [0, 1, 1], [0, 3, 4, 7], [0, 30, 30]])
def test_no_date_label_is_repeated(view: ProgressView, store: Store, clock: FakeClock,
                                   reader: ProgressReader, gaps: list[int]) -> None:
    _sessions(store, clock, gaps)
    view.load(reader, [(RDL, "Romanian deadlift")], [RDL], "kg")
    view.show_chart(TOP_SETS, RDL)
    axis = _date_axis(view)
    assert axis.labelsVisible() and axis.titleText() == ""
    labels = _tick_labels(axis)
    assert len(labels) == len(set(labels)), labels
    assert 2 <= axis.tickCount() <= 7
