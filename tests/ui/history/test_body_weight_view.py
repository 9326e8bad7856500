"""Body weight in Progress (issue 18 point 6): a small form (day, weight in
the athlete's unit) whose wrong input is said next to the field with the
text kept, the weight stored through the window (one a day), and its line
chart in kg or lb, shown with the form only while Body weight is chosen."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtCharts import QLineSeries, QValueAxis
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.logbook.entries import KG_PER_LB
from app.logbook.runs import BODY_WEIGHT_RANGE_KG, BodyWeightRecord
from app.progress.queries import ProgressReader
from app.storage.queries import LogReader
from app.storage.store import Store
from app.ui.history.body_weight_view import (
    AXIS_ROOM,
    BODY_WEIGHT,
    BodyWeightForm,
    body_weight_chart,
)
from app.ui.history.charts_view import SESSIONS_PER_WEEK, ProgressView
from app.ui.shell.application import GuiSession
from helpers.accessibility import unnamed

TODAY = date(2026, 1, 5)


@pytest.fixture
def form(qtbot: QtBot) -> BodyWeightForm:
    widget = BodyWeightForm(TODAY)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _type(qtbot: QtBot, form: BodyWeightForm, text: str) -> list[tuple[date, float]]:
    saved: list[tuple[date, float]] = []
    form.save_requested.connect(lambda day, kg: saved.append((day, kg)))
    form.weight_edit.clear()
    qtbot.keyClicks(form.weight_edit, text)
    qtbot.keyClick(form.weight_edit, Qt.Key.Key_Return)
    return saved


def test_enter_saves_the_weight_of_the_day_in_kg(qtbot: QtBot, form: BodyWeightForm) -> None:
    assert form.day == TODAY and form.unit_label.text() == "kg"
    assert form.date_edit.maximumDate() == QDate(2026, 1, 5)  # no weight in the future
    form.date_edit.setDate(QDate(2026, 1, 3))
    assert _type(qtbot, form, "72,5") == [(date(2026, 1, 3), 72.5)]
    assert not form.save_button.isEnabled()  # until the write answers
    form.show_saved(BodyWeightRecord(1, date(2026, 1, 3), 72.5))
    assert form.weight_edit.text() == "" and form.save_button.isEnabled()
    assert form.status_label.text() == "Saved 72.5 kg for Sat 03 Jan 2026"


def test_pounds_are_stored_as_kilograms(qtbot: QtBot, form: BodyWeightForm) -> None:
    form.set_units("lb")
    assert form.unit_label.text() == "lb"
    [(_day, kg)] = _type(qtbot, form, "160")
    assert kg == pytest.approx(160 * KG_PER_LB)


@pytest.mark.parametrize(("units", "text", "message"), [
    ("kg", "", "Type your weight first."),
    ("kg", "seventy", "Type the weight as a number, such as 72.5."),
    ("kg", "19.9", "A body weight must be between 20 and 400 kg."),
    ("kg", "400.1", "A body weight must be between 20 and 400 kg."),
    ("lb", "44", "A body weight must be between 45 and 881 lb."),
])
def test_a_wrong_weight_is_said_next_to_the_field_and_kept(
        qtbot: QtBot, form: BodyWeightForm, units: str, text: str, message: str) -> None:
    form.set_units(units)
    assert _type(qtbot, form, text) == []
    assert form.problem_label.isVisibleTo(form) and form.problem_label.text() == message
    assert form.weight_edit.text() == text and form.save_button.isEnabled()
    qtbot.keyClicks(form.weight_edit, "0")  # typing again clears the message
    assert form.problem_label.isHidden()


def test_the_limits_are_the_vocabularys(qtbot: QtBot, form: BodyWeightForm) -> None:
    low, high = BODY_WEIGHT_RANGE_KG
    assert _type(qtbot, form, f"{low}") == [(TODAY, low)]
    form.save_button.setEnabled(True)
    assert _type(qtbot, form, f"{high}") == [(TODAY, high)]


def test_the_form_is_named_and_its_keys_are_in_its_tooltips(form: BodyWeightForm) -> None:
    assert unnamed(form) == []
    assert "Alt+B" in form.weight_edit.toolTip() and "Alt+Y" in form.date_edit.toolTip()
    assert "Ctrl+Shift+B" in form.save_button.toolTip()


# -- the chart -------------------------------------------------------------------------------


@pytest.fixture
def logged(paths: AppPaths) -> Iterator[Callable[[dict[date, float]], ProgressReader]]:
    opened: list[ProgressReader] = []

    def log(weights: dict[date, float]) -> ProgressReader:
        store, _ = Store.open(paths, FakeClock())
        try:
            for day, kg in weights.items():
                store.set_body_weight(day, kg)
        finally:
            store.close()
        opened.append(ProgressReader(paths.database))
        return opened[-1]

    yield log
    for reader in opened:
        reader.close()


def _chart_view(qtbot: QtBot, reader: ProgressReader, units: str = "kg") -> ProgressView:
    view = ProgressView()
    qtbot.addWidget(view)
    view.resize(1000, 640)
    view.add_chart(body_weight_chart(BodyWeightForm(TODAY, units)))
    view.show()
    view.load(reader, [], [], units)
    view.show_chart(BODY_WEIGHT)
    return view


def test_the_chart_draws_each_day_in_the_athletes_unit(
        qtbot: QtBot, logged: Callable[[dict[date, float]], ProgressReader]) -> None:
    reader = logged({TODAY - timedelta(days=14): 80.0, TODAY - timedelta(days=7): 79.0,
                     TODAY: 78.5})
    view = _chart_view(qtbot, reader, "lb")
    [line] = [s for s in view.chart.series() if isinstance(s, QLineSeries)]
    assert line.name() == "Body weight (lb)"
    assert [round(p.y() * KG_PER_LB, 6) for p in line.points()] == [80.0, 79.0, 78.5]
    assert view.readouts.text(2) == "Mon 05 Jan 2026: 173.1 lb"
    # The axis spans the weights with a little room, not from zero.
    [axis] = [a for a in view.chart.axes() if isinstance(a, QValueAxis)]
    assert axis.min() <= 78.5 / KG_PER_LB * (1 - AXIS_ROOM)
    assert axis.min() > 78.5 / KG_PER_LB * (1 - 3 * AXIS_ROOM)


def test_the_period_counts_back_from_the_latest_weight_and_none_says_what_to_do(
        qtbot: QtBot, logged: Callable[[dict[date, float]], ProgressReader]) -> None:
    reader = logged({TODAY - timedelta(weeks=20): 82.0, TODAY - timedelta(weeks=1): 80.0,
                     TODAY: 79.5})
    view = _chart_view(qtbot, reader)
    view.set_period(13)
    assert len(view.readouts) == 2
    view.set_period(None)
    assert len(view.readouts) == 3


def test_no_weight_yet_shows_the_form_and_what_will_appear(
        qtbot: QtBot, logged: Callable[[dict[date, float]], ProgressReader]) -> None:
    view = _chart_view(qtbot, logged({}))
    assert view.is_empty and "Type your body weight above" in view.empty_state.text_label.text()


def test_in_the_window_a_weight_typed_is_stored_once_a_day_and_drawn(
        qtbot: QtBot, paths: AppPaths, clock: FakeClock,
        open_window: Callable[[], GuiSession]) -> None:
    window = open_window().window
    window.show_page(3)
    window.history_page.show_runs()  # an empty log: the tabs, as with a run
    window.history_page.tabs.setCurrentIndex(3)
    history = window.history
    assert history is not None and history.progress_view is not None
    view, form = history.progress_view, history.body_weight_form
    assert form is not None and form.isHidden()  # with its chart only
    view.show_chart(BODY_WEIGHT)
    assert form.isVisibleTo(view)
    for text in ("81", "80.4"):  # the second on the same day replaces the first
        with qtbot.waitSignal(history.log_changed, timeout=20000):
            form.weight_edit.setText(text)
            form.weight_edit.returnPressed.emit()
    reader = LogReader(paths.database)
    try:
        assert [(r.day, r.kg) for r in reader.body_weights()] == [(clock.now().date(), 80.4)]
    finally:
        reader.close()
    assert form.status_label.text().startswith("Saved 80.4 kg")
    # Drawn again from the log (in the view's worker) once the weight is stored.
    qtbot.waitUntil(lambda: len(view.readouts) == 1 and view.readouts.text(0).endswith("80.4 kg"),
                    timeout=20000)
    view.show_chart(SESSIONS_PER_WEEK)
    assert form.isHidden()


def test_the_weight_field_keeps_room_for_its_placeholder_at_a_larger_text_size(
        form: BodyWeightForm) -> None:
    before = form.weight_edit.width()
    font = form.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    form.setFont(font)
    needed = form.weight_edit.fontMetrics().horizontalAdvance(form.weight_edit.placeholderText())
    assert form.weight_edit.width() > needed and form.weight_edit.width() > before
