"""The progress widgets with qtbot: every chart with data and without, hover
and keyboard readouts, PNG export, dark and light palettes, the records table."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCharts import QAreaSeries, QLineSeries, QValueAxis, QXYSeries
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QStyle, QWidget
from pytestqt.qtbot import QtBot

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.progress.queries import ProgressReader
from app.progress.records import HEAVIEST, MOST_REPS, PersonalRecord
from app.storage.store import Store
from app.ui.history.chart_colours import colours_for, contrast
from app.ui.history.charts_view import (
    ASYMMETRY,
    CHART_KINDS,
    EMPTY_TITLE,
    HOVER_PROMPT,
    NORDIC_DESCENT,
    SESSIONS_PER_WEEK,
    TOP_SETS,
    WEEKLY_VOLUME,
    ProgressView,
)
from app.ui.history.records_view import DATE, EXERCISE, NO_PREVIOUS, PREVIOUS, VALUE, RecordsView
from helpers.progress_log import BRIDGE, HAMSTRINGS, NAMES, RDL, SLDL, log_weeks

PER_EXERCISE = {TOP_SETS: RDL, ASYMMETRY: SLDL}




@pytest.fixture
def reader(store: Store, clock: FakeClock, paths: AppPaths) -> Iterator[ProgressReader]:
    log_weeks(store, clock)
    opened = ProgressReader(paths.database)
    yield opened
    opened.close()


@pytest.fixture
def empty_reader(store: Store, paths: AppPaths) -> Iterator[ProgressReader]:
    opened = ProgressReader(paths.database)
    yield opened
    opened.close()


@pytest.fixture
def view(qtbot: QtBot) -> ProgressView:
    widget = ProgressView()
    qtbot.addWidget(widget)
    widget.resize(1000, 640)
    return widget


def _loaded(view: ProgressView, reader: ProgressReader, units: str = "kg") -> ProgressView:
    view.show()
    view.load(reader, NAMES, HAMSTRINGS, units)
    return view


def _data_series(view: ProgressView) -> list[Any]:
    """The chart's series but the target band (line or area series)."""
    return [s for s in view.chart.series() if not s.property("band")]


# -- every chart, with data and without ------------------------------------------------------------


@pytest.mark.parametrize("kind", [k.key for k in CHART_KINDS])
def test_every_chart_draws_with_data(view: ProgressView, reader: ProgressReader, kind: str) -> None:
    _loaded(view, reader)
    view.show_chart(kind, PER_EXERCISE.get(kind))
    assert not view.is_empty
    assert view.stack.currentWidget() is view.chart_view
    assert _data_series(view)
    assert len(view.readouts) > 0
    assert view.save_button.isEnabled()
    assert view.hover_label.text() == HOVER_PROMPT
    assert view.chart.title().startswith(next(k.title for k in CHART_KINDS if k.key == kind))
    assert len(view.chart.axes(Qt.Orientation.Horizontal)) == 1


@pytest.mark.parametrize("kind", [k.key for k in CHART_KINDS])
def test_every_value_axis_draws_its_numbers(view: ProgressView, reader: ProgressReader,
                                            kind: str) -> None:
    """The numbers beside each value axis are on screen: with the locale's
    numbers on, QtCharts draws nothing for a label format without a precision."""
    _loaded(view, reader)
    view.show_chart(kind, PER_EXERCISE.get(kind))
    QApplication.processEvents()
    image = view.chart_view.grab().toImage()
    plot = view.chart.mapToScene(view.chart.plotArea()).boundingRect()
    origin = view.chart_view.mapFromScene(plot.topLeft())
    bottom = view.chart_view.mapFromScene(plot.bottomLeft()).y()
    background = QColor(view.colours.background).rgb()
    # Right-aligned labels end just left of the axis line; the axis title is further out.
    inked = {(x, y) for x in range(max(0, origin.x() - 14), origin.x() - 3)
             for y in range(origin.y(), bottom) if image.pixel(x, y) != background}
    assert len(inked) > 20, f"no labels left of the value axis of {kind}"
    for axis in view.chart.axes(Qt.Orientation.Vertical):
        assert isinstance(axis, QValueAxis), axis   # values run up the side, dates along the bottom
        assert axis.labelFormat().startswith("%."), axis.labelFormat()


@pytest.mark.parametrize("kind", [k.key for k in CHART_KINDS])
def test_every_chart_says_when_there_is_no_data(view: ProgressView, empty_reader: ProgressReader,
                                                kind: str, tmp_path: Path) -> None:
    _loaded(view, empty_reader)
    view.show_chart(kind)
    assert view.is_empty
    assert view.empty_state.title_label.text() == EMPTY_TITLE
    assert view.empty_state.text_label.text()            # what to log to fill it
    assert not view.save_button.isEnabled()
    assert view.chart.series() == []
    with pytest.raises(ValueError, match="no data"):
        view.save_png(tmp_path / "empty.png")


def test_a_view_never_loaded_shows_the_empty_state(view: ProgressView) -> None:
    view.show()
    assert view.is_empty


def test_an_unknown_chart_is_refused(view: ProgressView, reader: ProgressReader) -> None:
    _loaded(view, reader)
    with pytest.raises(ValueError, match="unknown chart"):
        view.show_chart("pie")


def test_the_sessions_chart_shows_the_target_band_in_the_legend(view: ProgressView, reader: ProgressReader,
                                                                 qtbot: QtBot) -> None:
    _loaded(view, reader)
    view.show_chart(SESSIONS_PER_WEEK)
    band = [s for s in view.chart.series() if s.property("band")]
    assert len(band) == 1
    assert band[0].name() == "Target: 2-3 a week"
    assert isinstance(band[0], QAreaSeries)
    assert {band[0].upperSeries().at(0).y(), band[0].lowerSeries().at(0).y()} == {2.0, 3.0}
    assert view.chart.legend().isVisible()
    markers = view.chart.legend().markers(band[0])
    assert markers
    qtbot.waitUntil(markers[0].isVisible)        # once the legend is laid out


def test_loads_follow_the_units(view: ProgressView, reader: ProgressReader) -> None:
    _loaded(view, reader, units="lb")
    view.show_chart(TOP_SETS, RDL)
    top = _data_series(view)[0]
    assert isinstance(top, QLineSeries)
    assert top.at(0).y() == pytest.approx(65 / 0.45359237)
    assert " lb" in view.readouts.text(0)
    assert view.chart.axes(Qt.Orientation.Vertical)[0].titleText() == "Load (lb)"


# -- choosing ----------------------------------------------------------------------------------------


def test_the_exercise_chooser_is_for_per_exercise_charts_and_lists_exercises_with_data(
        view: ProgressView, reader: ProgressReader) -> None:
    _loaded(view, reader)
    view.show_chart(TOP_SETS)
    assert view.exercise_combo.isEnabled()
    listed = [view.exercise_combo.itemData(i) for i in range(view.exercise_combo.count())]
    assert set(listed) == {RDL, SLDL}                     # Nordics and bridges carry no load
    assert view.slug == listed[0]
    view.show_chart(ASYMMETRY)
    assert [view.exercise_combo.itemData(i) for i in range(view.exercise_combo.count())] == [SLDL]
    for kind in (SESSIONS_PER_WEEK, NORDIC_DESCENT, WEEKLY_VOLUME):
        view.show_chart(kind)
        assert not view.exercise_combo.isEnabled()
        assert view.exercise_combo.count() == 0
        assert view.slug is None


def test_choosing_in_the_combos_shows_the_chart_and_says_so(view: ProgressView, reader: ProgressReader,
                                                            qtbot: QtBot) -> None:
    _loaded(view, reader)
    with qtbot.waitSignal(view.chart_shown) as shown:
        view.chart_combo.setCurrentIndex(view.chart_combo.findData(TOP_SETS))
    assert view.kind == TOP_SETS
    with qtbot.waitSignal(view.chart_shown) as shown:
        view.exercise_combo.setCurrentIndex(view.exercise_combo.findData(SLDL))
    assert shown.args == [TOP_SETS, SLDL]
    assert view.chart.title() == "Top set and estimated 1RM: Single-leg deadlift"


def test_the_period_trims_every_chart_to_its_last_weeks(view: ProgressView, reader: ProgressReader) -> None:
    _loaded(view, reader)
    view.set_period(None)
    view.show_chart(TOP_SETS, RDL)
    everything = len(view.readouts)
    view.set_period(13)
    assert view.period_weeks == 13
    assert len(view.readouts) == everything          # six weeks fit in three months
    view.show_chart(SESSIONS_PER_WEEK)
    assert len(view.readouts) == 6
    with pytest.raises(ValueError, match="no period"):
        view.set_period(7)


def test_a_hidden_view_draws_when_first_shown(view: ProgressView, reader: ProgressReader) -> None:
    view.load(reader, NAMES, HAMSTRINGS, "kg")
    assert view.is_empty                                 # nothing drawn yet, nothing wasted
    view.show()
    assert not view.is_empty
    assert view.kind == SESSIONS_PER_WEEK


# -- reading values ----------------------------------------------------------------------------------


def test_hovering_a_line_reads_out_its_nearest_point(view: ProgressView, reader: ProgressReader) -> None:
    _loaded(view, reader)
    view.show_chart(TOP_SETS, RDL)
    top = _data_series(view)[0]
    assert isinstance(top, QXYSeries)
    third = top.at(2)                  # the second week's first session
    top.hovered.emit(QPointF(third.x() + 1000, third.y()), True)
    text = view.hover_label.text()
    assert text == view.readouts.text(2)
    assert "top set 67.5 kg × 6, estimated 1RM 81 kg" in text
    started = datetime.fromtimestamp(third.x() / 1000, UTC).astimezone()
    assert started.strftime("%d %b %Y") in text
    top.hovered.emit(QPointF(third.x(), third.y()), False)   # leaving keeps the last reading
    assert view.hover_label.text() == text


def test_hovering_a_weekly_bar_reads_out_its_week(view: ProgressView, reader: ProgressReader) -> None:
    _loaded(view, reader)
    view.show_chart(SESSIONS_PER_WEEK)
    bars = _data_series(view)[0]
    assert isinstance(bars, QAreaSeries)
    bars.hovered.emit(QPointF(view.readouts.xs[1], 1.0), True)
    assert view.hover_label.text().startswith("Week of ")
    assert "2 hamstring sessions (target 2-3)" in view.hover_label.text()


def test_hovering_the_other_charts(view: ProgressView, reader: ProgressReader) -> None:
    _loaded(view, reader)
    expected = {NORDIC_DESCENT: "mean descent", ASYMMETRY: "% apart", WEEKLY_VOLUME: "working sets"}
    for kind, words in expected.items():
        view.show_chart(kind, PER_EXERCISE.get(kind))
        series = _data_series(view)[-1]
        series.hovered.emit(QPointF(view.readouts.xs[0], 1.0), True)
        assert words in view.hover_label.text(), kind


def test_the_arrow_keys_step_through_the_points(view: ProgressView, reader: ProgressReader,
                                                qtbot: QtBot) -> None:
    _loaded(view, reader)
    view.show_chart(TOP_SETS, RDL)
    view.chart_view.setFocus()
    qtbot.keyClick(view.chart_view, Qt.Key.Key_Right)
    assert view.hover_label.text() == view.readouts.text(0)
    qtbot.keyClick(view.chart_view, Qt.Key.Key_Right)
    assert view.hover_label.text() == view.readouts.text(1)
    qtbot.keyClick(view.chart_view, Qt.Key.Key_End)
    assert view.hover_label.text() == view.readouts.text(len(view.readouts) - 1)
    qtbot.keyClick(view.chart_view, Qt.Key.Key_Right)        # stays on the last
    assert view.hover_label.text() == view.readouts.text(len(view.readouts) - 1)
    qtbot.keyClick(view.chart_view, Qt.Key.Key_Left)
    assert view.hover_label.text() == view.readouts.text(len(view.readouts) - 2)
    qtbot.keyClick(view.chart_view, Qt.Key.Key_Home)
    assert view.hover_label.text() == view.readouts.text(0)


# -- saving ----------------------------------------------------------------------------------------------


def test_save_png_writes_a_picture_of_the_chart(view: ProgressView, reader: ProgressReader,
                                                 tmp_path: Path) -> None:
    _loaded(view, reader)
    view.show_chart(TOP_SETS, RDL)
    shown_size = view.chart.size()
    path = tmp_path / "chart.png"
    view.save_png(path)
    image = QImage(str(path))
    assert not image.isNull()
    assert (image.width(), image.height()) == (1600, 900)
    colours = {image.pixelColor(x, y).name() for x in range(0, 1600, 40) for y in range(0, 900, 40)}
    assert len(colours) > 3                                   # more than a blank background
    assert view.chart.size() == shown_size                    # the view is left as it was


def test_the_save_button_and_its_shortcut_ask_where_and_save(view: ProgressView, reader: ProgressReader,
                                                              qtbot: QtBot, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    _loaded(view, reader)
    view.show_chart(NORDIC_DESCENT)
    target = tmp_path / "descent.png"
    monkeypatch.setattr(view, "ask_png_path", lambda: target)
    with qtbot.waitSignal(view.chart_saved) as saved:
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert saved.args == [target]
    assert not QImage(str(target)).isNull()
    target.unlink()
    view.activateWindow()     # shortcuts need an active window; offscreen has no window manager
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    view.chart_combo.setFocus()
    with qtbot.waitSignal(view.chart_saved):
        qtbot.keyClick(view.chart_combo, Qt.Key.Key_S,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert target.exists()


def test_cancelling_the_dialog_saves_nothing(view: ProgressView, reader: ProgressReader, qtbot: QtBot,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    _loaded(view, reader)
    monkeypatch.setattr(view, "ask_png_path", lambda: None)
    with qtbot.assertNotEmitted(view.chart_saved), qtbot.assertNotEmitted(view.save_failed):
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)


def test_a_failed_save_is_reported(view: ProgressView, reader: ProgressReader, qtbot: QtBot,
                                   tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _loaded(view, reader)
    monkeypatch.setattr(view, "ask_png_path", lambda: tmp_path / "missing" / "chart.png")
    with qtbot.waitSignal(view.save_failed) as failed:
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert "could not be saved" in failed.args[0]


# -- dark and light ---------------------------------------------------------------------------------------


def _palette(window: str, text: str) -> QPalette:
    palette = QPalette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled):
        palette.setColor(group, QPalette.ColorRole.Window, QColor(window))
        palette.setColor(group, QPalette.ColorRole.WindowText, QColor(text))
        palette.setColor(group, QPalette.ColorRole.Base, QColor(window))
        palette.setColor(group, QPalette.ColorRole.Text, QColor(text))
    return palette


@pytest.mark.parametrize(("window", "text", "dark"), [("#1e2226", "#e8eaec", True),
                                                      ("#f4f4f2", "#1a1a1a", False)])
def test_chart_colours_follow_a_dark_or_light_palette(view: ProgressView, reader: ProgressReader,
                                                      window: str, text: str, dark: bool) -> None:
    _loaded(view, reader)
    view.setPalette(_palette(window, text))
    for kind in (SESSIONS_PER_WEEK, TOP_SETS, ASYMMETRY):
        view.show_chart(kind, PER_EXERCISE.get(kind))
        chart = view.chart
        background = chart.backgroundBrush().color()
        assert view.colours.dark is dark
        assert background == QColor(window)
        assert contrast(chart.titleBrush().color(), background) >= 4.5
        assert contrast(chart.legend().labelColor(), background) >= 4.5
        for axis in chart.axes():
            assert contrast(axis.labelsColor(), background) >= 4.5
            assert contrast(axis.titleBrush().color(), background) >= 4.5
        for series in _data_series(view):
            assert contrast(series.pen().color(), background) >= 3.0, series.name()


def test_changing_the_palette_recolours_the_shown_chart(view: ProgressView, reader: ProgressReader) -> None:
    _loaded(view, reader)
    view.show_chart(TOP_SETS, RDL)
    view.setPalette(_palette("#f4f4f2", "#1a1a1a"))
    light_pen = _data_series(view)[0].pen().color()
    view.setPalette(_palette("#1e2226", "#e8eaec"))
    assert view.chart.backgroundBrush().color() == QColor("#1e2226")
    assert view.chart.axes()[0].labelsColor() == QColor("#e8eaec")
    assert _data_series(view)[0].pen().color() != light_pen


def test_weak_palette_text_is_replaced_by_black_or_white() -> None:
    colours = colours_for(_palette("#808080", "#8a8a8a"))
    assert contrast(colours.text, colours.background) >= 4.5


# -- keyboard and accessibility ------------------------------------------------------------------------------


def test_controls_are_named_explained_and_reachable(view: ProgressView, reader: ProgressReader) -> None:
    _loaded(view, reader)
    controls = (view.chart_combo, view.exercise_combo, view.period_combo, view.save_button,
                view.chart_view, view.hover_label)
    for control in controls:
        assert control.accessibleName(), control
        assert control.toolTip(), control
    buddies = {label.text(): label.buddy() for label in view.findChildren(QLabel) if label.buddy()}
    assert buddies == {"&Chart:": view.chart_combo, "&Exercise:": view.exercise_combo,
                       "&Period:": view.period_combo}
    assert view.save_button.text() == "Save as P&NG…"
    assert view.save_shortcut.key().toString() == "Ctrl+Shift+S"
    assert view.save_shortcut.context() == Qt.ShortcutContext.WidgetWithChildrenShortcut
    order: list[QWidget] = [view.chart_combo]
    while len(order) < 5:
        following = order[-1].nextInFocusChain()
        while following is not None and following.focusPolicy() == Qt.FocusPolicy.NoFocus:
            following = following.nextInFocusChain()
        assert following is not None
        order.append(following)
    assert order == [view.chart_combo, view.exercise_combo, view.period_combo, view.save_button,
                     view.chart_view]


# What was app.ui.progress before the layout of issue 17 (now in ui/history).
PROGRESS_VIEWS = ("app.ui.history.charts_view", "app.ui.history.records_view",
                  "app.ui.history.chart_colours")


def test_the_charts_are_not_imported_at_start_up() -> None:
    code = ("import sys, app.ui.shell.application, app.ui.shell.main_window\n"
            f"print(sorted(m for m in sys.modules if 'QtCharts' in m or m in {PROGRESS_VIEWS!r}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# -- the records table ---------------------------------------------------------------------------------

T0 = datetime(2025, 3, 3, 18, 0, tzinfo=UTC)


def _record(kind: str, slug: str, value: float, previous: float | None, day: int,
            reps: int | None = 8, side: str = "both") -> PersonalRecord:
    return PersonalRecord(kind=kind, exercise_slug=slug, value=value, reps=reps, side=side, set_id=day,
                          session_id=day, achieved_at=T0.replace(day=day), load_unit="kg",
                          previous=previous)


RECORDS = [_record(HEAVIEST, RDL, 100.0, 95.0, 3), _record(HEAVIEST, SLDL, 24.0, None, 5, side="left"),
           _record(MOST_REPS, BRIDGE, 20.0, 15.0, 4, reps=20)]


@pytest.fixture
def records_view(qtbot: QtBot) -> RecordsView:
    widget = RecordsView()
    qtbot.addWidget(widget)
    widget.resize(900, 400)
    widget.show()
    return widget


def _cells(view: RecordsView, column: int) -> list[str]:
    model = view.table.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_records_show_one_row_each_in_the_athletes_words(records_view: RecordsView) -> None:
    records_view.show_records(RECORDS, dict(NAMES).__getitem__, "kg")
    assert not records_view.showing_empty_state
    assert _cells(records_view, EXERCISE) == ["Glute bridge", "Romanian deadlift", "Single-leg deadlift"]
    model = records_view.table.model()
    rows = [[model.index(row, column).data() for column in range(5)] for row in range(3)]
    assert rows[1][:3] == ["Romanian deadlift", "Heaviest for 8 reps", "100 kg"]
    assert rows[1][4] == "95 kg"
    assert rows[2][1] == "Heaviest for 8 reps, left"
    assert rows[2][4] == NO_PREVIOUS
    assert model.index(2, PREVIOUS).data(Qt.ItemDataRole.AccessibleTextRole) == "none, the first record"
    assert "Romanian deadlift: heaviest for 8 reps, 100 kg (was 95 kg)" in model.index(1, 0).data(
        Qt.ItemDataRole.ToolTipRole)
    assert rows[0][DATE] == T0.replace(day=4).astimezone().strftime("%a %d %b %Y %H:%M")


def test_records_in_pounds(records_view: RecordsView) -> None:
    records_view.show_records(RECORDS, dict(NAMES).__getitem__, "lb")
    assert "220.5 lb" in _cells(records_view, VALUE)


def test_records_sort_by_number_and_by_date(records_view: RecordsView) -> None:
    records_view.show_records(RECORDS, dict(NAMES).__getitem__, "kg")
    records_view.table.sortByColumn(VALUE, Qt.SortOrder.DescendingOrder)
    assert _cells(records_view, VALUE) == ["100 kg", "24 kg", "20"]     # by number, not by text
    records_view.table.sortByColumn(DATE, Qt.SortOrder.AscendingOrder)
    assert _cells(records_view, EXERCISE) == ["Romanian deadlift", "Glute bridge", "Single-leg deadlift"]
    records_view.table.sortByColumn(PREVIOUS, Qt.SortOrder.AscendingOrder)
    assert _cells(records_view, PREVIOUS)[0] == NO_PREVIOUS


def test_no_records_shows_what_will_appear(records_view: RecordsView) -> None:
    records_view.show_records([], dict(NAMES).__getitem__, "kg")
    assert records_view.showing_empty_state
    assert records_view.empty_state.title_label.text() == "No records yet"


def test_the_records_table_is_named_and_explained(records_view: RecordsView) -> None:
    assert records_view.accessibleName() == "Personal records"
    assert records_view.table.accessibleName() and records_view.table.toolTip()
    assert records_view.table.isSortingEnabled()
    assert records_view.table.horizontalHeader().toolTip()


def test_the_records_table_shows_a_real_logs_records(records_view: RecordsView,
                                                      reader: ProgressReader) -> None:
    records = reader.records()
    records_view.show_records(records, dict(NAMES).__getitem__, "kg")
    assert records_view.table.model().rowCount() == len(records) > 5


def test_the_chart_list_shows_its_whole_title_when_the_row_has_room(
        view: ProgressView, reader: ProgressReader) -> None:
    """The chart's and the exercise's lists share the row's spare width: at
    1,000 px the chart's list cut "Hamstring sessions per week" to "Hamstring
    sessions p" beside a wide, empty exercise list (seen with snap)."""
    _loaded(view, reader)
    QApplication.processEvents()
    combo = view.chart_combo
    for index in range(combo.count()):
        combo.setCurrentIndex(index)
        shown = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, _combo_option(combo),
                                             QStyle.SubControl.SC_ComboBoxEditField, combo)
        assert combo.fontMetrics().horizontalAdvance(combo.currentText()) <= shown.width(), \
            combo.currentText()


def _combo_option(combo: Any) -> Any:
    from PySide6.QtWidgets import QStyleOptionComboBox

    option = QStyleOptionComboBox()
    option.initFrom(combo)
    return option
