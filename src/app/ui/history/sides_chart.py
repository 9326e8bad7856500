"""Left against right over time, every one-side exercise on one chart
(issue 18 point 7).

Per session and exercise, how far the weaker side was behind the stronger
(app.progress.sides: reps x load, reps, or hold time), one line per
exercise named in the legend, and each point's readout saying in words
which side was behind and by how much, never by color alone. A thin line
marks the 15 % the studies looked at. Under the chart, the calm note of
app.progress.sides when one side stayed more than 15 % behind for three
sessions running, with its sources: information about the training, never
a verdict on the athlete's risk.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCharts import QChart, QLineSeries
from PySide6.QtCore import QPointF

from app.kernel.i18n import QT_TRANSLATE_NOOP, format_date, format_decimal, format_integer, translate
from app.logbook.entries import Side
from app.progress.sides import (
    SIDE_NOTE_PCT,
    SIDE_NOTE_SOURCES,
    SideBalance,
    SideMeasure,
    side_balances,
    side_note,
)
from app.ui.history.charts_view import ChartKind, ExtraChart, Readouts
from app.ui.history.load_chart import with_sources

if TYPE_CHECKING:
    from app.progress.queries import ProgressReader
    from app.ui.history.charts_view import ProgressView

SIDE_BALANCE = "side_balance"
KIND = ChartKind(
    SIDE_BALANCE, QT_TRANSLATE_NOOP("ProgressView", "Left/right balance"), False,
    QT_TRANSLATE_NOOP("ProgressView", "Log one-side exercises side by side (a left set and a "
                      "right set in the same session) to follow the gap between your sides, "
                      "session by session."))


def _day_ms(day: date) -> float:
    return datetime.combine(day, time(12)).astimezone().timestamp() * 1000


def read_balances(reader: ProgressReader, weeks: int | None) -> list[SideBalance]:
    """The balances of the period, counted back from the latest session with one."""
    balances = side_balances(reader)
    if weeks is None or not balances:
        return balances
    since = balances[-1].day - timedelta(weeks=weeks)
    return [balance for balance in balances if balance.day > since]


def side_value_text(view: ProgressView, value: float, measure: SideMeasure) -> str:
    if measure is SideMeasure.LOAD:
        return translate("sides_chart", "{load} {units}·reps").format(
            load=format_decimal(view.load_in_units(value), 1), units=view.units)
    if measure is SideMeasure.REPS:
        return translate("sides_chart", "%n rep(s)", n=round(value))
    return translate("sides_chart", "{seconds} s").format(seconds=format_decimal(value, 1))


def balance_words(view: ProgressView, balance: SideBalance) -> str:
    """One session of one exercise: which side was behind, by how much, and each side's total."""
    left = side_value_text(view, balance.left, balance.measure)
    right = side_value_text(view, balance.right, balance.measure)
    head = translate("sides_chart", "{day}, {exercise}").format(
        day=format_date(balance.day), exercise=view.exercise_name(balance.exercise_slug))
    if balance.weaker is None:
        return translate("sides_chart", "{head}: left and right even ({left} each)").format(
            head=head, left=left)
    text = (translate("sides_chart", "{head}: left {percent} % behind right (left {left}, right "
                      "{right})")
            if balance.weaker is Side.LEFT else
            translate("sides_chart", "{head}: right {percent} % behind left (left {left}, right "
                      "{right})"))
    return text.format(head=head, percent=format_integer(round(balance.difference_pct)),
                       left=left, right=right)


def draw_balances(view: ProgressView, chart: QChart,
                  balances: Sequence[SideBalance]) -> Readouts | None:
    if not balances:
        return None
    by_exercise: dict[str, list[SideBalance]] = {}
    for balance in balances:
        by_exercise.setdefault(balance.exercise_slug, []).append(balance)
    # The most logged exercise first: it takes the first color and legend place.
    order = sorted(by_exercise, key=lambda slug: (-len(by_exercise[slug]), view.exercise_name(slug)))
    first, last = _day_ms(balances[0].day), _day_ms(balances[-1].day)
    reference = view.add_line(
        chart, translate("sides_chart", "{percent} % (the gap the studies compared)").format(
            percent=format_integer(SIDE_NOTE_PCT)), 3,
        [QPointF(first, SIDE_NOTE_PCT), QPointF(last, SIDE_NOTE_PCT)], width=1.0)
    reference.setPointsVisible(False)
    lines: list[QLineSeries] = [reference]
    for colour, slug in enumerate(order):
        lines.append(view.add_line(chart, view.exercise_name(slug), colour % 3, [
            QPointF(_day_ms(b.day), b.difference_pct) for b in by_exercise[slug]]))
    view.add_date_axis(chart, first, last, lines)
    top = max(max(b.difference_pct for b in balances) * 1.1, SIDE_NOTE_PCT * 2.0)
    view.add_value_axis(chart, translate("sides_chart", "Weaker side behind (%)"), min(top, 100.0),
                     lines)
    # Readouts in time order, whichever exercise: Left and Right step through them all.
    ordered = sorted(balances, key=lambda b: (b.day, view.exercise_name(b.exercise_slug)))
    return Readouts([_day_ms(b.day) for b in ordered], lambda n: balance_words(view, ordered[n]))


def sides_chart(sources: Mapping[str, str]) -> ExtraChart:
    """The chart for ProgressView.add_chart; ``sources`` citations by key."""

    def read(reader: ProgressReader, weeks: int | None) -> Any:
        return read_balances(reader, weeks)

    def note(view: ProgressView, balances: Any) -> str | None:
        names = {b.exercise_slug: view.exercise_name(b.exercise_slug) for b in balances}
        return with_sources(side_note(balances, names), SIDE_NOTE_SOURCES, sources)

    return ExtraChart(KIND, read, draw_balances, note)
