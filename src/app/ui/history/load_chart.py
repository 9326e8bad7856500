"""The weekly running load, beside the strength charts (issue 18 point 5).

Each week's distance as a bar and its running time as a line, weeks from
Monday to Sunday in local time up to this week, with the number of runs and
quality runs in each week's readout; and under the chart the calm note of
app.progress.running_load when this week's distance rose more than 30 % over
the four weeks before, with its source. A week with a run whose file had no
distance says so in words: its bar is not the whole distance.

Added to the Progress charts' picker with ProgressView.add_chart; read in
the view's worker on a reader of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCharts import QChart
from PySide6.QtCore import QPointF, Qt

from app.kernel.clock import monday_of
from app.kernel.i18n import QT_TRANSLATE_NOOP, format_decimal, translate
from app.logbook.formatting import format_duration
from app.logbook.runs import distance_in, distance_unit
from app.progress.running_load import (
    DISTANCE_JUMP_SOURCES,
    WeekLoad,
    distance_jump,
    weekly_load,
)
from app.ui.history.charts_view import (
    MS_PER_WEEK,
    ChartKind,
    ExtraChart,
    Readouts,
    week_bar,
    week_ms,
    week_of,
)

if TYPE_CHECKING:
    from app.progress.queries import ProgressReader
    from app.ui.history.charts_view import ProgressView

RUNNING_LOAD = "running_load"
KIND = ChartKind(
    RUNNING_LOAD, QT_TRANSLATE_NOOP("ProgressView", "Weekly running load"), False,
    QT_TRANSLATE_NOOP("ProgressView", "Import your runs (History, Runs tab, Ctrl+Shift+I) to see "
                      "each week's distance, time and quality runs here, beside your strength "
                      "work."))


def with_sources(note: str | None, keys: Sequence[str], sources: Mapping[str, str]) -> str | None:
    """``note`` followed by the full citation of each of ``keys`` the catalog
    holds (the note names the study; this says where to read it)."""
    if note is None:
        return None
    citations = [sources[key] for key in keys if key in sources]
    if not citations:
        return note
    return translate("load_chart", "{note}\nSource: {sources}").format(
        note=note, sources="; ".join(citations))


def read_loads(reader: ProgressReader, weeks: int | None, today: date) -> list[WeekLoad]:
    """The weeks up to this one: ``weeks`` of them (None: all), from the week
    of the first run in them (a year of empty weeks before the athlete's
    first imported run says nothing), read through a LogReader of its own
    (safe in a worker thread)."""
    from app.storage.queries import LogReader

    this_monday = monday_of(today)
    log = LogReader(reader.db_path)
    try:
        if weeks is None:
            runs = log.list_runs()[::-1]
        else:
            # Local midnights, as weekly_load puts each run in its local week.
            start = datetime.combine(this_monday - timedelta(weeks=weeks - 1), time()).astimezone()
            end = datetime.combine(today + timedelta(days=1), time()).astimezone()
            runs = log.runs_between(start, end)
    finally:
        log.close()
    if not runs:
        return []
    first = monday_of(runs[0].started_at.astimezone().date())
    return weekly_load(runs, today, (this_monday - first).days // 7 + 1, None)


def week_words(week: WeekLoad, units: str = "kg") -> str:
    """One week in words: what the bar and the line show, and the runs
    (distance in km, or miles for an athlete who weighs in pounds)."""
    if not week.runs:
        return translate("load_chart", "{week}: no run").format(week=week_of(week.monday))
    runs = translate("load_chart", "%n run(s)", n=week.runs)
    if week.quality_runs:
        runs = translate("load_chart", "{runs}, %n quality run(s) (tempo, intervals or a race)",
                         n=week.quality_runs).format(runs=runs)
    text = translate("load_chart", "{week}: {distance} {unit} in {time}, {runs}").format(
        week=week_of(week.monday), distance=format_decimal(distance_in(week.distance_m, units), 1),
        unit=distance_unit(units),
        time=format_duration(week.duration_s),
        runs=runs)
    if week.runs_without_distance:
        text += translate("load_chart", " (%n run(s) without a distance, not counted in it)",
                          n=week.runs_without_distance)
    return text


def draw_loads(view: ProgressView, chart: QChart, loads: Sequence[WeekLoad]) -> Readouts | None:
    """Distance bars and a time line over the weeks; None when no week has a run."""
    if not any(week.runs for week in loads):
        return None
    units = view.units
    middles = [week_ms(week.monday) + MS_PER_WEEK / 2 for week in loads]
    bars: list[QPointF] = []
    hours: list[QPointF] = []
    for week, middle in zip(loads, middles, strict=True):
        bars += week_bar(week.monday, distance_in(week.distance_m, units))
        hours.append(QPointF(middle, week.duration_s / 3600))
    distance = translate("load_chart", "Distance ({unit})").format(unit=distance_unit(units))
    duration = translate("load_chart", "Time (hours)")
    # The view's own builders, as its strength charts use them: the same
    # axes, colours, hover readouts and text size.
    area = view.add_area(chart, distance, 0, bars)
    line = view.add_line(chart, duration, 1, hours, width=1.5)
    view.add_date_axis(chart, week_ms(loads[0].monday),
                    week_ms(loads[-1].monday + timedelta(weeks=1)), [area, line])
    view.add_value_axis(chart, distance, max(p.y() for p in bars) * 1.1 or 1.0, [area])
    view.add_value_axis(chart, duration, max(p.y() for p in hours) * 1.1 or 1.0, [line],
                     side=Qt.AlignmentFlag.AlignRight)
    return Readouts(middles, lambda n: week_words(loads[n], units))


def running_load_chart(today: Callable[[], date], sources: Mapping[str, str]) -> ExtraChart:
    """The chart for ProgressView.add_chart. ``today`` is the clock's local
    date (the last week drawn is its week); ``sources`` citations by key."""

    def read(reader: ProgressReader, weeks: int | None) -> Any:
        return read_loads(reader, weeks, today())

    def note(view: ProgressView, loads: Any) -> str | None:
        return with_sources(distance_jump(loads, view.units), DISTANCE_JUMP_SOURCES, sources)

    return ExtraChart(KIND, read, draw_loads, note)
