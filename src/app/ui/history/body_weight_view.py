"""Body weight: a small form to log it and its chart (issue 18 point 6).

The form (a day, the weight in the athlete's unit) sits above the chart
while the Body weight chart is chosen in Progress; one weight a day (a
second on the same day replaces the first, Store.set_body_weight). A wrong
number is said next to the field and the typed text stays. The chart draws
the log in the athlete's unit; loads relative to body weight are worked
out elsewhere from the same log (app.progress.body).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCharts import QChart
from PySide6.QtCore import QDate, QEvent, QLocale, QPointF, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.kernel.i18n import QT_TRANSLATE_NOOP, format_date, format_integer, parse_decimal, translate
from app.logbook.entries import from_kg
from app.logbook.runs import (
    BODY_WEIGHT_RANGE_KG,
    BodyWeightRecord,
    RunRefusal,
    validate_body_weight,
)
from app.progress.body import body_weight_kg, weight_words
from app.ui.history.charts_view import ChartKind, ExtraChart, Readouts
from app.ui.look.side_by_side import SideBySide
from app.ui.look.style import SPACING

if TYPE_CHECKING:
    from app.progress.queries import ProgressReader
    from app.ui.history.charts_view import ProgressView

BODY_WEIGHT = "body_weight"
KIND = ChartKind(
    BODY_WEIGHT, QT_TRANSLATE_NOOP("ProgressView", "Body weight"), False,
    QT_TRANSLATE_NOOP("ProgressView", "Type your body weight above and press Enter: each day "
                      "you log shows here, and loads such as a Nordic's band assistance can be "
                      "shown relative to it."))
SAVE_SHORTCUT = "Ctrl+Shift+B"
# The value axis spans the weights with this much room above and below, so
# that a change of a kilogram is visible rather than flattened against zero.
AXIS_ROOM = 0.03


class BodyWeightForm(QWidget):
    """Day, weight, unit and Save. ``save_requested(day, kg)`` once the
    weight is a number in range; the controller writes it."""

    save_requested = Signal(object, float)  # date, kg

    def __init__(self, today: date, units: str = "kg", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(translate("BodyWeightForm", "Log body weight"))
        self.units = units
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        # As the past-session dialog shows a day: with its weekday.
        self.date_edit.setDisplayFormat(QLocale().dateFormat(QLocale.FormatType.LongFormat))
        self.date_edit.setAccessibleName(translate("BodyWeightForm", "Day of the weight"))
        self.date_edit.setToolTip(translate("BodyWeightForm", "The day you weighed yourself; a "
                                            "second weight on a day replaces the first (Alt+Y)"))
        day_label = QLabel(translate("BodyWeightForm", "Da&y:"), self)
        day_label.setBuddy(self.date_edit)
        self.weight_edit = QLineEdit(self)
        self.weight_edit.setAccessibleName(translate("BodyWeightForm", "Body weight"))
        self.weight_edit.setToolTip(translate("BodyWeightForm", "Your body weight, then Enter to "
                                              "save it (Alt+B)"))
        weight_label = QLabel(translate("BodyWeightForm", "&Body weight:"), self)
        weight_label.setBuddy(self.weight_edit)
        self.unit_label = QLabel(self)
        self.unit_label.setAccessibleName(translate("BodyWeightForm", "Unit"))
        self.save_button = QPushButton(translate("BodyWeightForm", "Save weight"), self)
        self.save_button.setAccessibleName(translate("BodyWeightForm", "Save weight"))
        self.save_button.setToolTip(translate("BodyWeightForm", "Log this weight for this day "
                                              "(Enter in the weight, or {shortcut})")
                                    .format(shortcut=SAVE_SHORTCUT))
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("fieldProblem")
        self.problem_label.setProperty("role", "error")
        self.problem_label.setWordWrap(True)
        self.problem_label.setAccessibleName(translate("BodyWeightForm", "Problem with the body "
                                                       "weight"))
        self.problem_label.hide()
        self.status_label = QLabel(self)
        self.status_label.setAccessibleName(translate("BodyWeightForm", "Body weight saved"))
        self.status_label.setWordWrap(True)

        # The day, the weight and what was saved side by side, or one under the
        # other when the row has no room (a large text size).
        row_box = QWidget(self)
        row = SideBySide(row_box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(SPACING)
        for widgets, stretch in (((day_label, self.date_edit), 0),
                                 ((weight_label, self.weight_edit, self.unit_label,
                                   self.save_button), 0),
                                 ((self.status_label,), 1)):
            group = QWidget(row_box)
            group_row = QHBoxLayout(group)
            group_row.setContentsMargins(0, 0, 0, 0)
            group_row.setSpacing(SPACING // 2)
            for widget in widgets:
                group_row.addWidget(widget)
            if stretch == 0:
                group_row.addStretch(1)
            row.add_widget(group, stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING // 4)
        layout.addWidget(row_box)
        layout.addWidget(self.problem_label)
        self.setTabOrder(self.date_edit, self.weight_edit)
        self.setTabOrder(self.weight_edit, self.save_button)

        save = QAction(self)
        save.setShortcut(QKeySequence(SAVE_SHORTCUT))
        save.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.triggered.connect(self._on_save_triggered)
        self.addAction(save)
        self.save_action = save
        self.date_edit.setDate(QDate(today.year, today.month, today.day))
        self.weight_edit.returnPressed.connect(self._on_save_triggered)
        self.save_button.clicked.connect(self._on_save_triggered)
        self.weight_edit.textEdited.connect(self._on_weight_edit_text_edited)
        self.set_today(today)
        self.set_units(units)
        self._fit_weight_edit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the athlete's text size
            self._fit_weight_edit()

    def _fit_weight_edit(self) -> None:
        """Room for a weight and its placeholder, at any text size (a row short
        of room squeezed the field to a letter at 150 %)."""
        width = self.fontMetrics().horizontalAdvance(
            self.weight_edit.placeholderText() + "00") + 2 * SPACING
        self.weight_edit.setFixedWidth(width)

    def set_today(self, today: date) -> None:
        """No weight in the future (a day chosen before stays chosen)."""
        self.date_edit.setMaximumDate(QDate(today.year, today.month, today.day))

    def set_units(self, units: str) -> None:
        self.units = units
        self.unit_label.setText(units)
        self.weight_edit.setPlaceholderText(translate("BodyWeightForm", "e.g. {example}").format(
            example="72.5" if units == "kg" else "160"))
        self._fit_weight_edit()

    @property
    def day(self) -> date:
        chosen = self.date_edit.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def show_problem(self, message: str) -> None:
        self.status_label.clear()
        self.problem_label.setText(message[:1].upper() + message[1:] + ".")
        self.problem_label.show()

    def show_saved(self, record: BodyWeightRecord) -> None:
        """The weight is stored: the field empties for the next one."""
        self.problem_label.hide()
        self.weight_edit.clear()
        self.save_button.setEnabled(True)
        self.status_label.setText(translate("BodyWeightForm", "Saved {weight} for {day}").format(
            weight=weight_words(record.kg, self.units), day=format_date(record.day)))

    def show_save_failed(self, message: str) -> None:
        self.save_button.setEnabled(True)
        self.show_problem(translate("BodyWeightForm", "not saved: {error}").format(error=message))

    def _on_weight_edit_text_edited(self, _text: str) -> None:
        self.problem_label.hide()
        self.status_label.clear()

    def _on_save_triggered(self) -> None:
        if not self.save_button.isEnabled():
            return  # a save is on its way
        text = self.weight_edit.text()
        if not text.strip():
            self.show_problem(translate("BodyWeightForm", "type your weight first"))
            self.weight_edit.setFocus()
            return
        try:
            kg = body_weight_kg(parse_decimal(text), self.units)
            validate_body_weight(kg)
        except RunRefusal as exc:
            self.show_problem(exc.message if self.units == "kg" else _lb_range_message())
            self.weight_edit.setFocus()
            return
        except ValueError:
            self.show_problem(translate("BodyWeightForm", "type the weight as a number, such "
                                        "as {example}").format(
                example="72.5" if self.units == "kg" else "160"))
            self.weight_edit.setFocus()
            return
        self.save_button.setEnabled(False)
        self.status_label.setText(translate("BodyWeightForm", "Saving…"))
        self.save_requested.emit(self.day, kg)


def _lb_range_message() -> str:
    """The body weight range in pounds, whole pounds inside the kilogram range."""
    low, high = BODY_WEIGHT_RANGE_KG
    return translate("BodyWeightForm", "a body weight must be between {low} and {high} lb").format(
        low=format_integer(math.ceil(from_kg(low, "lb"))),
        high=format_integer(math.floor(from_kg(high, "lb"))))


# -- the chart -----------------------------------------------------------------------------


def _day_ms(day: date) -> float:
    """Local noon of ``day``: a day's point sits in the middle of its day."""
    return datetime.combine(day, time(12)).astimezone().timestamp() * 1000


def read_weights(reader: ProgressReader, weeks: int | None) -> list[BodyWeightRecord]:
    """The weights of the period, counted back from the latest (as the other
    charts count back from the latest session), through a reader of its own."""
    from app.storage.queries import LogReader

    log = LogReader(reader.db_path)
    try:
        weights = log.body_weights()
    finally:
        log.close()
    if weeks is None or not weights:
        return weights
    since = weights[-1].day - timedelta(weeks=weeks)
    return [record for record in weights if record.day > since]


def draw_weights(view: ProgressView, chart: QChart,
                 weights: Sequence[BodyWeightRecord]) -> Readouts | None:
    if not weights:
        return None
    units = view.units
    values = [view.load_in_units(record.kg) for record in weights]
    xs = [_day_ms(record.day) for record in weights]
    name = translate("body_weight_view", "Body weight ({units})").format(units=units)
    # The view's own builders, as its strength charts use them.
    line = view.add_line(chart, name, 0, [QPointF(x, v) for x, v in zip(xs, values, strict=True)])
    view.add_date_axis(chart, xs[0], xs[-1], [line])
    low, high = min(values), max(values)
    view.add_value_axis(chart, name, high * (1 + AXIS_ROOM), [line], bottom=low * (1 - AXIS_ROOM))
    return Readouts(xs, lambda n: translate("body_weight_view", "{day}: {weight}").format(
        day=format_date(weights[n].day), weight=weight_words(weights[n].kg, units)))


def body_weight_chart(form: BodyWeightForm) -> ExtraChart:
    """The chart for ProgressView.add_chart, with ``form`` above it."""

    def read(reader: ProgressReader, weeks: int | None) -> Any:
        return read_weights(reader, weeks)

    return ExtraChart(KIND, read, draw_weights, tools=form)
