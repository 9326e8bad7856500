"""Progress charts: sessions per week against the 2-3 target, top sets and
estimated 1RM, Nordic descent, left against right, weekly volume.

One chart at a time, read from a ``ProgressReader`` only when it is shown:
switching charts costs one query. Dates run along a QDateTimeAxis in local
time; loads are shown in the athlete's units. Each chart keeps a list of
"readouts" (time, words) so that pointing at a line, or stepping with the
arrow keys on the focused chart, reads the nearest point out below it.
"""

# One module because the charts share one view: the chart picker, the axes in
# local time and the keyboard readouts are common to all five charts, each of
# which is a small builder of series over them.

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from PySide6.QtCharts import (
    QAbstractAxis,
    QAbstractSeries,
    QAreaSeries,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QValueAxis,
    QXYSeries,
)
from PySide6.QtCore import (
    QByteArray,
    QDateTime,
    QEvent,
    QMargins,
    QObject,
    QPointF,
    QRectF,
    QSize,
    QSizeF,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QImageWriter,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPen,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.kernel.i18n import QT_TRANSLATE_NOOP, format_date, format_decimal, format_integer, translate
from app.logbook.entries import KG_PER_LB
from app.logbook.formatting import held_descent_text
from app.progress.series import (
    HAMSTRING_SESSIONS_TARGET_PER_WEEK,
    MEASURE_LOAD,
    MEASURE_REPS,
    DescentPoint,
    SidePoint,
    TopSetPoint,
    WeekCount,
    WeekVolume,
)
from app.ui.base.background import LatestRead
from app.ui.history.chart_colours import ChartColours, colours_for
from app.ui.look.page import EmptyState
from app.ui.look.side_by_side import SideBySide
from app.ui.look.style import SPACING

if TYPE_CHECKING:
    from app.progress.queries import ExerciseStats, ProgressReader


class _Dated(Protocol):
    @property
    def started_at(self) -> datetime: ...


_P = TypeVar("_P", bound=_Dated)

SESSIONS_PER_WEEK = "sessions_per_week"
TOP_SETS = "top_sets"
NORDIC_DESCENT = "nordic_descent"
ASYMMETRY = "asymmetry"
WEEKLY_VOLUME = "weekly_volume"


@dataclass(frozen=True)
class ChartKind:
    key: str
    title: str          # untranslated (QT_TRANSLATE_NOOP): show translate("ProgressView", title)
    per_exercise: bool
    empty_hint: str     # likewise


CHART_KINDS: tuple[ChartKind, ...] = (
    ChartKind(SESSIONS_PER_WEEK, QT_TRANSLATE_NOOP("ProgressView", "Hamstring sessions per week"),
              False,
              QT_TRANSLATE_NOOP("ProgressView", "Each week with a hamstring session shows here, "
                                "next to the 2-3 a week target.")),
    ChartKind(TOP_SETS, QT_TRANSLATE_NOOP("ProgressView", "Top set and estimated 1RM"), True,
              QT_TRANSLATE_NOOP("ProgressView", "Log loaded working sets of an exercise to follow "
                                "its heaviest set and estimated one-rep max from session to "
                                "session.")),
    ChartKind(NORDIC_DESCENT, QT_TRANSLATE_NOOP("ProgressView", "Nordic controlled descent"), False,
              QT_TRANSLATE_NOOP("ProgressView", "Log Nordic hamstring curls with the seconds of "
                                "each lowering to see how long you control the descent.")),
    ChartKind(ASYMMETRY, QT_TRANSLATE_NOOP("ProgressView", "Left vs right"), True,
              QT_TRANSLATE_NOOP("ProgressView", "Log a one-side exercise side by side (left and "
                                "right sets) to compare your legs.")),
    ChartKind(WEEKLY_VOLUME, QT_TRANSLATE_NOOP("ProgressView", "Weekly volume"), False,
              QT_TRANSLATE_NOOP("ProgressView", "Working sets and tonnage of hamstring exercises "
                                "per week show here.")),
)
KINDS = {kind.key: kind for kind in CHART_KINDS}


@dataclass(frozen=True)
class ExtraChart:
    """A chart another module adds to the picker (ProgressView.add_chart): the
    running load, body weight and left/right balance (issue 18). ``read``
    runs where the view reads (a worker: read_in_worker) with a ProgressReader
    and the period's weeks; ``draw`` builds the series with the view's own
    axes and gives the readouts, or None when there is nothing to draw;
    ``note`` is a calm line shown under the chart (None: no line); ``tools``
    a row shown above the chart while it is chosen (the body weight form)."""

    kind: ChartKind
    read: Callable[[ProgressReader, int | None], Any]
    draw: Callable[[ProgressView, QChart, Any], Readouts | None]
    note: Callable[[ProgressView, Any], str | None] = lambda _view, _points: None
    tools: QWidget | None = None

# How far back a chart goes, counted from the latest session in it: a
# decade of weekly bars or of per-session lines is a blur, the last year reads.
PERIODS: tuple[tuple[str, int | None], ...] = (
    (QT_TRANSLATE_NOOP("ProgressView", "Last 3 months"), 13),
    (QT_TRANSLATE_NOOP("ProgressView", "Last year"), 52),
    (QT_TRANSLATE_NOOP("ProgressView", "Last 2 years"), 104),
    (QT_TRANSLATE_NOOP("ProgressView", "All time"), None))
DEFAULT_PERIOD_WEEKS = 52
# The chart and exercise drop-downs' width, in characters (longer entries are
# cut in the box, whole in its list).
CHART_COMBO_CHARS = 14
EXERCISE_COMBO_CHARS = 12

EMPTY_TITLE = QT_TRANSLATE_NOOP("ProgressView", "No data yet for this chart")
HOVER_PROMPT = QT_TRANSLATE_NOOP("ProgressView", "Point at a line, or focus the chart and use the "
                                 "arrow keys, to read its values.")
SAVE_SHORTCUT = "Ctrl+Shift+S"
# The chart's least height, in lines of its text: room for the title, the
# axis labels and the legend, and still a plot between them at any text size.
CHART_MIN_TEXT_LINES = 13
PNG_SIZE = QSize(1600, 900)
MARKERS_UP_TO = 60           # points drawn as dots only while they stay apart
MS_PER_WEEK = 7 * 86400 * 1000
BAR_GAP = 0.1                # of a week, on each side of a weekly bar


class Readouts:
    """Where each point of a chart is (ms since the epoch, ascending) and what
    it says, worded only when asked: thousands of sentences nobody points at
    would cost more than drawing the chart."""

    def __init__(self, xs: Sequence[float] = (), words: Callable[[int], str] = str) -> None:
        self.xs = list(xs)
        self._words = words

    def __len__(self) -> int:
        return len(self.xs)

    def text(self, index: int) -> str:
        return self._words(index)

    def nearest(self, x_ms: float) -> int | None:
        if not self.xs:
            return None
        n = bisect_left(self.xs, x_ms)
        return min((i for i in (n - 1, n) if 0 <= i < len(self.xs)),
                   key=lambda i: abs(self.xs[i] - x_ms))


def _ms(moment: datetime) -> float:
    return moment.timestamp() * 1000


def week_ms(monday: date) -> float:
    """Local midnight starting the week, as the date axis (local time) shows it."""
    return datetime.combine(monday, time()).astimezone().timestamp() * 1000


def _day(moment: datetime) -> str:
    return format_date(moment.astimezone().date())


def _nice_step(rough: float) -> int:
    """A whole tick interval people count in: 1, 2, 5, 10, 20, 50... at least ``rough``."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= rough:
                return step * factor
        step *= 10


def _label_format(low: float, high: float, ticks: int) -> str:
    """A fixed-point label format with the decimals the ticks' spacing needs:
    steps of 50 or 5 need none, of 0.5 one, of 0.25 two."""
    step = (high - low) / max(1, ticks - 1)
    decimals = 0
    while decimals < 3 and step > 0 and abs(round(step, decimals) - step) > step * 1e-6:
        decimals += 1
    return f"%.{decimals}f"


def week_bar(monday: date, height: float) -> list[QPointF]:
    """The outline of one week's bar, a little narrower than the week so that
    neighbouring weeks read as separate bars."""
    start = week_ms(monday)
    gap = MS_PER_WEEK * BAR_GAP
    left, right = start + gap, start + MS_PER_WEEK - gap
    return [QPointF(left, 0), QPointF(left, height), QPointF(right, height), QPointF(right, 0)]


def descent_readout(point: DescentPoint) -> str:
    """A Nordic session in words. Reps lowered to the floor without a break
    point count as their target, a lower bound: the readout says "at least"
    and names them, never passing the target off as a measured time."""
    day = _day(point.started_at)
    longest = (held_descent_text(point.longest_s) if point.longest_held else
               translate("ProgressView", "{seconds} s").format(
                   seconds=format_decimal(point.longest_s, 1)))
    if not point.held_reps:
        return translate(
            "ProgressView", "{day}: mean descent {mean} s over %n rep(s), longest {longest}",
            n=point.reps).format(day=day, mean=format_decimal(point.mean_s, 1), longest=longest)
    held = translate("ProgressView", "%n held to the floor", n=point.held_reps)
    return translate(
        "ProgressView", "{day}: mean descent at least {mean} s over %n rep(s) ({held}), "
        "longest {longest}", n=point.reps).format(
        day=day, mean=format_decimal(point.mean_s, 1), held=held, longest=longest)


def week_of(monday: date) -> str:
    return translate("charts_view", "Week of {date}").format(date=format_date(monday))


def _recent(points: list[_P], weeks: int | None) -> list[_P]:
    """The points of the chosen period, counted back from the last one."""
    if weeks is None or not points:
        return points
    since = points[-1].started_at - timedelta(weeks=weeks)
    return [p for p in points if p.started_at > since]


def _chart_points(reader: ProgressReader, kind: str, slug: str | None, weeks: int | None,
                  hamstring_slugs: Sequence[str]) -> list[Any]:
    """What chart ``kind`` draws, read from the log (in any thread: the
    reader's own). ``slug`` is set for a per-exercise chart."""
    if kind == SESSIONS_PER_WEEK:
        return reader.sessions_per_week(hamstring_slugs, weeks)
    if kind == WEEKLY_VOLUME:
        return reader.weekly_volume(hamstring_slugs, weeks)
    if kind == NORDIC_DESCENT:
        return _recent(reader.nordic_descent(weeks=weeks), weeks)
    assert slug is not None
    if kind == TOP_SETS:
        return _recent(reader.top_sets(slug, weeks), weeks)
    return _recent(reader.asymmetry(slug), weeks)


class ProgressView(QWidget):
    """Chooses and draws one progress chart. Call ``load`` first."""

    chart_shown = Signal(str, str)        # kind, exercise slug ("" for charts of no one exercise)
    chart_saved = Signal(object)          # the PNG's Path
    save_failed = Signal(str)             # why, in words

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(translate("ProgressView", "Progress charts"))
        self._reader: ProgressReader | None = None
        self._names: dict[str, str] = {}
        self._hamstring_slugs: tuple[str, ...] = ()
        self._units = "kg"
        self._exercises_for: dict[str, list[str]] = {}
        self._readouts = Readouts()
        self._readout_index: int | None = None
        self._kind = SESSIONS_PER_WEEK
        self._slug: str | None = None
        self._weeks: int | None = DEFAULT_PERIOD_WEEKS
        self._draw_pending = False
        # read_in_worker's: the log each read opens in a worker thread; of
        # each kind of read, a newer one replaces an older still running.
        self._worker_db: Path | None = None
        self._stats_reads = LatestRead(self)
        self._chart_reads = LatestRead(self)
        self.colours: ChartColours = colours_for(self.palette())
        # The charts this view knows: its own, and those add_chart brings.
        self.kinds: dict[str, ChartKind] = dict(KINDS)
        self._extras: dict[str, ExtraChart] = {}

        self.chart_combo = QComboBox(self)
        for kind in CHART_KINDS:
            self.chart_combo.addItem(translate("ProgressView", kind.title), kind.key)
        self.chart_combo.setAccessibleName(translate("ProgressView", "Chart"))
        # The tooltips name the labels' Alt letters: a translation changes both together.
        self.chart_combo.setToolTip(translate("ProgressView", "Which progress chart to show (Alt+C)"))
        chart_label = QLabel(translate("ProgressView", "&Chart:"), self)
        chart_label.setBuddy(self.chart_combo)

        self.exercise_combo = QComboBox(self)
        self.exercise_combo.setAccessibleName(translate("ProgressView", "Exercise"))
        self.exercise_combo.setToolTip(translate("ProgressView", "The exercise to chart; lists the "
                                                 "exercises you have logged for this chart (Alt+E)"))
        # The drop-downs may be narrower than their longest entry (the list
        # shows it whole): at their widest the row made the window wider than
        # a 1280-px screen. The exercise's takes the row's spare width.
        for combo, chars in ((self.chart_combo, CHART_COMBO_CHARS),
                             (self.exercise_combo, EXERCISE_COMBO_CHARS)):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(chars)
        # Both share the row's spare width: at 1366 px the chart's list showed
        # "Hamstring sessions p" beside a wide, empty exercise list (seen with snap).
        for combo in (self.chart_combo, self.exercise_combo):
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        exercise_label = QLabel(translate("ProgressView", "&Exercise:"), self)
        exercise_label.setBuddy(self.exercise_combo)

        self.period_combo = QComboBox(self)
        for text, weeks in PERIODS:
            self.period_combo.addItem(translate("ProgressView", text), weeks)
        self.period_combo.setCurrentIndex(self.period_combo.findData(DEFAULT_PERIOD_WEEKS))
        self.period_combo.setAccessibleName(translate("ProgressView", "Period"))
        self.period_combo.setToolTip(translate("ProgressView", "How far back the chart goes, "
                                               "counted back from your latest session in it "
                                               "(Alt+P)"))
        period_label = QLabel(translate("ProgressView", "&Period:"), self)
        period_label.setBuddy(self.period_combo)

        self.save_button = QPushButton(translate("ProgressView", "Save as P&NG…"), self)
        self.save_button.setAccessibleName(translate("ProgressView", "Save chart as PNG"))
        self.save_button.setToolTip(translate("ProgressView", "Save this chart as a PNG picture "
                                              "({shortcut})").format(shortcut=SAVE_SHORTCUT))
        self.save_shortcut = QShortcut(QKeySequence(SAVE_SHORTCUT), self)
        self.save_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.chart_view = QChartView(self)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.chart_view.setAccessibleName(translate("ProgressView", "Progress chart"))
        self.chart_view.setToolTip(translate("ProgressView", "Point at a line to read its values; "
                                             "with the chart focused, Left and Right step from "
                                             "point to point"))
        self._fit_chart_height()
        self.chart_view.installEventFilter(self)
        self.empty_state = EmptyState(translate("ProgressView", EMPTY_TITLE), "", self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.chart_view)
        self.stack.addWidget(self.empty_state)

        self.hover_label = QLabel(translate("ProgressView", HOVER_PROMPT), self)
        self.hover_label.setAccessibleName(translate("ProgressView", "Value at the pointer"))
        self.hover_label.setToolTip(translate("ProgressView", "The date and values of the chart "
                                              "point under the pointer"))
        self.hover_label.setWordWrap(True)
        self.hover_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        # A calm line some charts add (a sudden rise in running distance, one
        # side behind): words under the chart, with their source.
        self.note_label = QLabel(self)
        self.note_label.setObjectName("chartNote")
        self.note_label.setAccessibleName(translate("ProgressView", "Note on this chart"))
        self.note_label.setWordWrap(True)
        self.note_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note_label.hide()

        # Chart, exercise and period in a row, or one under the other when
        # the row has no room (a large text size): it made the page wider
        # than the window, which then scrolled sideways.
        controls_box = QWidget(self)
        controls = SideBySide(controls_box)
        controls.setContentsMargins(0, 0, 0, 0)
        controls.setSpacing(SPACING)
        for widgets, stretch in (((chart_label, self.chart_combo), 1),
                                 ((exercise_label, self.exercise_combo), 1),
                                 ((period_label, self.period_combo, self.save_button), 0)):
            group = QWidget(controls_box)
            row = QHBoxLayout(group)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(SPACING // 2)
            for widget in widgets:
                row.addWidget(widget, 1 if widget in (self.chart_combo, self.exercise_combo) else 0)
            if widgets[-1] is self.save_button:
                row.insertSpacing(row.count() - 1, SPACING // 2)
            if stretch == 0:
                row.addStretch(1)  # in a column: at the left, at their own width
            controls.add_widget(group, stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING // 2)
        layout.addWidget(controls_box)
        self._tools_layout = QVBoxLayout()
        self._tools_layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._tools_layout)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.hover_label)
        layout.addWidget(self.note_label)
        self.setTabOrder(self.chart_combo, self.exercise_combo)
        self.setTabOrder(self.exercise_combo, self.period_combo)
        self.setTabOrder(self.period_combo, self.save_button)
        self.setTabOrder(self.save_button, self.chart_view)

        self.chart_combo.currentIndexChanged.connect(self._on_chart_combo_current_index_changed)
        self.exercise_combo.currentIndexChanged.connect(self._on_exercise_combo_current_index_changed)
        self.period_combo.currentIndexChanged.connect(self._on_period_combo_current_index_changed)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.save_shortcut.activated.connect(self._on_save_shortcut_activated)
        self._set_chart(self._new_chart(""))
        self._show_empty(self.kinds[self._kind])   # until load() brings something to draw

    # -- public API ---------------------------------------------------------------------

    def read_in_worker(self, db_path: Path) -> None:
        """From now on read what can be charted and each chart in a worker
        thread, on its own connection to ``db_path``, and draw it once read:
        on a 1,000,000-set log a read takes up to a second, and the window
        answers meanwhile (the History page does this). By default the view
        reads with the reader given to ``load``, at once."""
        self._worker_db = db_path

    def wait_for_reads(self) -> None:
        """Let the reads still running end (the window is closing)."""
        self._stats_reads.wait()
        self._chart_reads.wait()

    def load(self, reader: ProgressReader, exercises: Sequence[tuple[str, str]],
             hamstring_slugs: Collection[str], units: str) -> None:
        """Read what can be charted and show the chosen chart. ``exercises`` are
        (slug, display name) pairs; ``units`` is "kg" or "lb"."""
        self._reader = reader
        self._names = dict(exercises)
        self._hamstring_slugs = tuple(hamstring_slugs)
        self._units = units
        if self._worker_db is None:
            self._show_stats(reader.exercise_stats())
            return
        self._in_worker(self._stats_reads, lambda reader: reader.exercise_stats(),
                        lambda stats: self._show_stats(cast("list[ExerciseStats]", stats)))

    def _in_worker(self, reads: LatestRead, read: Callable[[ProgressReader], object],
                   then: Callable[[object], None]) -> None:
        assert self._worker_db is not None
        database = self._worker_db

        def work() -> object:
            from app.progress.queries import ProgressReader

            reader = ProgressReader(database)  # this thread's own connection
            try:
                return read(reader)
            finally:
                reader.close()

        reads.run(work, then)

    def _show_stats(self, stats: list[ExerciseStats]) -> None:
        self._exercises_for = {
            TOP_SETS: [s.slug for s in stats if s.loaded_sets],
            ASYMMETRY: [s.slug for s in stats if s.sided_sets],
        }
        if self.isVisible():
            self.show_chart(self._kind, self._slug)
        else:
            # Drawn when first shown, unless show_chart asks for another chart
            # first: a hidden view would draw its default chart for nothing.
            self._draw_pending = True

    def show_chart(self, kind: str, slug: str | None = None) -> None:
        """Show chart ``kind`` (one of the CHART_KINDS keys); ``slug`` picks the
        exercise of a per-exercise chart (default: the most logged one)."""
        if kind not in self.kinds:
            raise ValueError(f"unknown chart {kind!r}; known: {', '.join(self.kinds)}")
        self._draw_pending = False
        self._kind = kind
        for key, extra in self._extras.items():
            if extra.tools is not None:
                extra.tools.setVisible(key == kind)
        self._slug = self._fill_exercises(kind, slug)
        self.chart_combo.blockSignals(True)
        self.chart_combo.setCurrentIndex(self.chart_combo.findData(kind))
        self.chart_combo.blockSignals(False)
        self._draw()
        self.chart_shown.emit(kind, self._slug or "")

    def add_chart(self, extra: ExtraChart) -> None:
        """Offer ``extra`` in the chart picker, after the charts there."""
        key = extra.kind.key
        self.kinds[key] = extra.kind
        self._extras[key] = extra
        self.chart_combo.addItem(translate("ProgressView", extra.kind.title), key)
        if extra.tools is not None:
            self._tools_layout.addWidget(extra.tools)
            extra.tools.setVisible(key == self._kind)

    def set_period(self, weeks: int | None) -> None:
        """Show the last ``weeks`` weeks of each chart (None: everything)."""
        index = self.period_combo.findData(weeks)
        if index < 0:
            raise ValueError(f"no period of {weeks} weeks; known: {[w for _, w in PERIODS]}")
        self.period_combo.setCurrentIndex(index)   # redraws through the combo's signal

    @property
    def period_weeks(self) -> int | None:
        return self._weeks

    @property
    def kind(self) -> str:
        return self._kind

    @property
    def slug(self) -> str | None:
        return self._slug

    @property
    def is_empty(self) -> bool:
        return self.stack.currentWidget() is self.empty_state

    @property
    def chart(self) -> QChart:
        return self.chart_view.chart()

    @property
    def readouts(self) -> Readouts:
        return self._readouts

    def save_png(self, path: Path, size: QSize = PNG_SIZE) -> None:
        """Render the current chart at ``size`` (not the size on screen) into ``path``."""
        if self.is_empty:
            raise ValueError("there is no chart to save: it has no data yet")
        chart = self.chart
        image = QImage(size, QImage.Format.Format_ARGB32)
        image.fill(self.colours.background)
        kept = chart.size()
        chart.resize(QSizeF(size))
        chart.layout().activate()   # lay the axes and legend out at the new size now
        painter = QPainter(image)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            chart.scene().render(painter, QRectF(image.rect()), QRectF(chart.pos(), QSizeF(size)))
        finally:
            painter.end()
            chart.resize(kept)
        writer = QImageWriter(str(path))
        writer.setFormat(QByteArray(b"png"))   # whatever the file is called
        if not writer.write(image):
            raise OSError(translate("ProgressView", "could not write {path}: {reason}").format(
                path=path, reason=writer.errorString()))

    # -- choosing ----------------------------------------------------------------------------

    def exercise_name(self, slug: str) -> str:
        return self._names.get(slug, slug)

    def _fill_exercises(self, kind: str, wanted: str | None) -> str | None:
        per_exercise = self.kinds[kind].per_exercise
        slugs = self._exercises_for.get(kind, []) if per_exercise else []
        chosen = wanted if wanted in slugs else (slugs[0] if slugs else None)
        self.exercise_combo.blockSignals(True)
        self.exercise_combo.clear()
        for slug in slugs:
            self.exercise_combo.addItem(self.exercise_name(slug), slug)
        if per_exercise:
            self.exercise_combo.setPlaceholderText(
                translate("ProgressView", "No exercise logged for this chart yet"))
            self.exercise_combo.setCurrentIndex(self.exercise_combo.findData(chosen))
        else:
            self.exercise_combo.setPlaceholderText(translate("ProgressView", "Not needed for this chart"))
            self.exercise_combo.setCurrentIndex(-1)
        self.exercise_combo.setEnabled(per_exercise and bool(slugs))
        self.exercise_combo.blockSignals(False)
        return chosen if per_exercise else None

    def _on_chart_combo_current_index_changed(self, index: int) -> None:
        if index >= 0:
            self.show_chart(self.chart_combo.itemData(index), self._slug)

    def _on_exercise_combo_current_index_changed(self, index: int) -> None:
        if index >= 0:
            self.show_chart(self._kind, self.exercise_combo.itemData(index))

    def _on_period_combo_current_index_changed(self, index: int) -> None:
        if index >= 0:
            self._weeks = self.period_combo.itemData(index)
            self.show_chart(self._kind, self._slug)

    # -- drawing ---------------------------------------------------------------------------------

    def _draw(self) -> None:
        """Read the chosen chart's points (here, or in a worker: read_in_worker)
        and draw them."""
        kind, slug, weeks = self._kind, self._slug, self._weeks
        # A per-exercise chart without an exercise has nothing to draw.
        if self._reader is None or (slug is None and self.kinds[kind].per_exercise):
            self._paint(kind, slug, None)
            return
        hamstrings = self._hamstring_slugs
        extra = self._extras.get(kind)

        def read(reader: ProgressReader) -> list[Any]:
            if extra is not None:
                return cast("list[Any]", extra.read(reader, weeks))
            return _chart_points(reader, kind, slug, weeks, hamstrings)

        if self._worker_db is None:
            self._paint(kind, slug, read(self._reader))
            return
        self._in_worker(self._chart_reads, read,
                        lambda points: self._paint(kind, slug, cast("list[Any]", points)))

    def _paint(self, kind_key: str, slug: str | None, points: list[Any] | None) -> None:
        kind = self.kinds[kind_key]
        title = translate("ProgressView", kind.title)
        if slug is not None:
            title = translate("ProgressView", "{chart}: {exercise}").format(
                chart=title, exercise=self.exercise_name(slug))
        chart = self._new_chart(title)
        self._readouts = Readouts()
        self._readout_index = None
        painters: dict[str, Callable[[QChart, list[Any]], bool]] = {
            SESSIONS_PER_WEEK: self._draw_sessions_per_week,
            TOP_SETS: self._draw_top_sets,
            NORDIC_DESCENT: self._draw_nordic_descent,
            ASYMMETRY: self._draw_asymmetry,
            WEEKLY_VOLUME: self._draw_weekly_volume,
        }
        extra = self._extras.get(kind_key)
        note = None
        if extra is None:
            drawn = bool(points) and painters[kind_key](chart, points or [])
        else:
            readouts = None if points is None else extra.draw(self, chart, points)
            drawn = readouts is not None
            self._readouts = readouts or Readouts()
            note = None if points is None else extra.note(self, points)
        self.note_label.setText(note or "")
        self.note_label.setVisible(bool(note))
        self._set_chart(chart)
        self.chart_view.setAccessibleName(
            translate("ProgressView", "Progress chart: {title}").format(title=title))
        if drawn:
            self.stack.setCurrentWidget(self.chart_view)
            self.save_button.setEnabled(True)
            self.hover_label.setText(translate("ProgressView", HOVER_PROMPT))
        else:
            self._show_empty(kind)

    def _show_empty(self, kind: ChartKind) -> None:
        hint = translate("ProgressView", kind.empty_hint)
        self.empty_state.text_label.setText(hint)
        self.empty_state.setAccessibleDescription(hint)
        self.stack.setCurrentWidget(self.empty_state)
        self.save_button.setEnabled(False)
        self.hover_label.setText("")

    def _new_chart(self, title: str) -> QChart:
        chart = QChart()
        chart.setTitle(title)
        chart.setLocalizeNumbers(True)  # axis labels with the locale's decimal mark, as the readouts
        chart.setMargins(QMargins(8, 8, 8, 8))
        chart.setBackgroundRoundness(0)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        return chart

    def _set_chart(self, chart: QChart) -> None:
        old = self.chart_view.chart()
        self.chart_view.setChart(chart)
        if old is not None and old is not chart:
            old.deleteLater()   # the view lets go of the old chart without deleting it
        self._apply_colours()

    def add_line(self, chart: QChart, name: str, colour: int, points: list[QPointF],
              width: float = 2.0) -> QLineSeries:
        series = QLineSeries()
        series.setName(name)
        series.replace(points)
        series.setPointsVisible(len(points) <= MARKERS_UP_TO)
        series.setProperty("colour_index", colour)
        series.setProperty("line_width", width)
        chart.addSeries(series)
        series.hovered.connect(self._on_series_hovered)
        return series

    def add_area(self, chart: QChart, name: str, colour: int, points: list[QPointF],
              lower: list[QPointF] | None = None, band: bool = False) -> QAreaSeries:
        upper = QLineSeries()
        upper.replace(points)
        series = QAreaSeries(upper)
        if lower is not None:
            bottom = QLineSeries()
            bottom.replace(lower)
            series.setLowerSeries(bottom)
            bottom.setParent(series)
        upper.setParent(series)   # the area series does not own its lines
        series.setName(name)
        series.setProperty("colour_index", colour)
        series.setProperty("band", band)
        chart.addSeries(series)
        if not band:
            series.hovered.connect(self._on_series_hovered)
        return series

    def add_date_axis(self, chart: QChart, first_ms: float, last_ms: float,
                   series: Sequence[QAbstractSeries]) -> QDateTimeAxis:
        axis = QDateTimeAxis()
        span_days = (last_ms - first_ms) / 86_400_000
        axis.setFormat("d MMM" if span_days < 120 else "MMM yyyy")
        pad = max((last_ms - first_ms) * 0.02, 86_400_000.0)
        first_day = datetime.fromtimestamp(first_ms / 1000).date()
        if first_day == datetime.fromtimestamp(last_ms / 1000).date():
            # One day's points (one point, mostly): its date once, under the
            # axis; ticks hours apart would each repeat it.
            axis.setLabelsVisible(False)
            axis.setTitleText(format_date(first_day))
            axis.setTickCount(3)
        else:
            # Ticks at least a day apart: closer ones would repeat a date.
            axis.setTickCount(max(2, min(7, int((last_ms - first_ms + 2 * pad) / 86_400_000) + 1)))
        axis.setRange(QDateTime.fromMSecsSinceEpoch(round(first_ms - pad)),
                      QDateTime.fromMSecsSinceEpoch(round(last_ms + pad)))
        chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
        for s in series:
            s.attachAxis(axis)
        return axis

    def add_value_axis(self, chart: QChart, title: str, top: float, series: Sequence[QAbstractSeries],
                    side: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft, whole: bool = False,
                    bottom: float = 0.0) -> QValueAxis:
        axis = QValueAxis()
        axis.setTitleText(title)
        axis.setRange(bottom, top if top > bottom else bottom + 1)
        # The chart writes numbers the locale's way (setLocalizeNumbers), and
        # then QtCharts draws nothing for a format without a precision ("%d",
        # "%g"): every label states its decimals.
        if whole:
            axis.setTickType(QValueAxis.TickType.TicksDynamic)
            axis.setTickAnchor(0)
            axis.setTickInterval(_nice_step((top - bottom) / 6))
            axis.setLabelFormat("%.0f")
        else:
            axis.applyNiceNumbers()
            axis.setLabelFormat(_label_format(axis.min(), axis.max(), axis.tickCount()))
        chart.addAxis(axis, side)
        # One grid is enough: a second axis's lines would fall between the first's.
        axis.setGridLineVisible(side == Qt.AlignmentFlag.AlignLeft)
        for s in series:
            s.attachAxis(axis)
        return axis

    @property
    def units(self) -> str:
        """The athlete's units setting ("kg" or "lb"; lb goes with miles): the
        added charts (app.ui.history.load_chart, body_weight_view, sides_chart) draw in it."""
        return self._units

    def load_in_units(self, kg: float) -> float:
        return kg / KG_PER_LB if self._units == "lb" else kg

    def _load_text(self, kg: float) -> str:
        return f"{format_decimal(self.load_in_units(kg), 1)} {self._units}"

    def _draw_sessions_per_week(self, chart: QChart, weeks: list[WeekCount]) -> bool:
        low, high = HAMSTRING_SESSIONS_TARGET_PER_WEEK
        bars: list[QPointF] = []
        for week in weeks:
            bars += week_bar(week.week_start, week.sessions)
        target = {"low": format_integer(low), "high": format_integer(high)}
        self._readouts = Readouts(
            [week_ms(w.week_start) + MS_PER_WEEK / 2 for w in weeks],
            lambda n: translate("ProgressView", "{week}: %n hamstring session(s) (target {low}-{high})",
                                n=weeks[n].sessions).format(week=week_of(weeks[n].week_start),
                                                            **target))
        first = week_ms(weeks[0].week_start)
        last = week_ms(weeks[-1].week_start + timedelta(weeks=1))
        sessions = self.add_area(chart, translate("ProgressView", "Sessions"), 1, bars)
        # Drawn over the bars, see-through, so the band shows across every week.
        band = self.add_area(chart, translate("ProgressView", "Target: {low}-{high} a week").format(**target),
                          0, [QPointF(first, high), QPointF(last, high)],
                          [QPointF(first, low), QPointF(last, low)], band=True)
        top = max(max(w.sessions for w in weeks), high) + 1
        self.add_date_axis(chart, first, last, [sessions, band])
        self.add_value_axis(chart, translate("ProgressView", "Sessions"), top, [sessions, band], whole=True)
        return True

    def _draw_top_sets(self, chart: QChart, points: list[TopSetPoint]) -> bool:
        xs = [_ms(p.started_at) for p in points]
        top = self.add_line(chart, translate("ProgressView", "Top set"), 0,
                            [QPointF(x, self.load_in_units(p.top_load_kg))
                             for x, p in zip(xs, points, strict=True)])
        e1rm = self.add_line(chart, translate("ProgressView", "Estimated 1RM"), 1,
                             [QPointF(x, self.load_in_units(p.best_e1rm_kg))
                              for x, p in zip(xs, points, strict=True)], width=1.5)
        self._readouts = Readouts(xs, lambda n: translate(
            "ProgressView", "{day}: top set {load} × {reps}, estimated 1RM {e1rm}").format(
                day=_day(points[n].started_at), load=self._load_text(points[n].top_load_kg),
                reps=format_integer(points[n].top_reps),
                e1rm=self._load_text(points[n].best_e1rm_kg)))
        self.add_date_axis(chart, xs[0], xs[-1], [top, e1rm])
        highest = max(self.load_in_units(p.best_e1rm_kg) for p in points)
        self.add_value_axis(chart, translate("ProgressView", "Load ({units})").format(units=self._units),
                         highest * 1.08, [top, e1rm])
        return True

    def _draw_nordic_descent(self, chart: QChart, points: list[DescentPoint]) -> bool:
        xs = [_ms(p.started_at) for p in points]
        mean = self.add_line(chart, translate("ProgressView", "Mean descent"), 0,
                          [QPointF(x, p.mean_s) for x, p in zip(xs, points, strict=True)])
        longest = self.add_line(chart, translate("ProgressView", "Longest rep"), 1,
                             [QPointF(x, p.longest_s) for x, p in zip(xs, points, strict=True)],
                             width=1.5)
        self._readouts = Readouts(xs, lambda n: descent_readout(points[n]))
        self.add_date_axis(chart, xs[0], xs[-1], [mean, longest])
        self.add_value_axis(chart, translate("ProgressView", "Seconds lowering under control"),
                         max(p.longest_s for p in points) * 1.1, [mean, longest])
        return True

    def _draw_asymmetry(self, chart: QChart, points: list[SidePoint]) -> bool:
        # Left and right share one axis, so they are drawn in the measure most
        # sessions use; the difference in per cent is drawn for every session.
        measure = Counter(p.measure for p in points).most_common(1)[0][0]
        scale = self.load_in_units if measure == MEASURE_LOAD else float
        if measure == MEASURE_LOAD:
            per_side = translate("ProgressView", "Per side: load × reps ({units})").format(
                units=self._units)
        elif measure == MEASURE_REPS:
            per_side = translate("ProgressView", "Per side: reps")
        else:
            per_side = translate("ProgressView", "Per side: seconds")
        difference = translate("ProgressView", "Difference (%)")
        same = [p for p in points if p.measure == measure]
        left = self.add_line(chart, translate("ProgressView", "Left"), 0,
                          [QPointF(_ms(p.started_at), scale(p.left)) for p in same if p.left is not None])
        right = self.add_line(chart, translate("ProgressView", "Right"), 1,
                           [QPointF(_ms(p.started_at), scale(p.right))
                            for p in same if p.right is not None])
        gap = self.add_line(chart, difference, 2, [
            QPointF(_ms(p.started_at), p.asymmetry_pct) for p in points if p.asymmetry_pct is not None],
            width=1.5)
        xs = [_ms(p.started_at) for p in points]
        self._readouts = Readouts(xs, lambda n: self._sides_text(points[n]))
        self.add_date_axis(chart, xs[0], xs[-1], [left, right, gap])
        highest = max((scale(v) for p in same for v in (p.left, p.right) if v is not None), default=1.0)
        self.add_value_axis(chart, per_side, highest * 1.1, [left, right])
        self.add_value_axis(chart, difference, 100, [gap], side=Qt.AlignmentFlag.AlignRight)
        return True

    def _sides_text(self, p: SidePoint) -> str:
        def side(value: float | None) -> str:
            if value is None:
                return translate("ProgressView", "not logged")
            if p.measure == MEASURE_LOAD:
                return translate("ProgressView", "{load} {units}·reps").format(
                    load=format_decimal(self.load_in_units(value), 1), units=self._units)
            if p.measure == MEASURE_REPS:
                return translate("ProgressView", "%n rep(s)", n=round(value))
            return translate("ProgressView", "{seconds} s").format(seconds=format_decimal(value, 1))
        day, left, right = _day(p.started_at), side(p.left), side(p.right)
        if p.asymmetry_pct is None:
            return translate("ProgressView", "{day}: left {left}, right {right}").format(
                day=day, left=left, right=right)
        return translate("ProgressView", "{day}: left {left}, right {right} ({percent} % apart)").format(
            day=day, left=left, right=right, percent=format_integer(round(p.asymmetry_pct)))

    def _draw_weekly_volume(self, chart: QChart, weeks: list[WeekVolume]) -> bool:
        bars: list[QPointF] = []
        sets: list[QPointF] = []
        middles = [week_ms(w.week_start) + MS_PER_WEEK / 2 for w in weeks]
        for week, middle in zip(weeks, middles, strict=True):
            bars += week_bar(week.week_start, self.load_in_units(week.tonnage_kg))
            sets.append(QPointF(middle, week.working_sets))
        self._readouts = Readouts(middles, lambda n: translate(
            "ProgressView", "{week}: %n working set(s), tonnage {tonnage} {units}",
            n=weeks[n].working_sets).format(
                week=week_of(weeks[n].week_start),
                tonnage=format_integer(round(self.load_in_units(weeks[n].tonnage_kg))), units=self._units))
        tonnage = translate("ProgressView", "Tonnage ({units})").format(units=self._units)
        working_sets = translate("ProgressView", "Working sets")
        area = self.add_area(chart, tonnage, 0, bars)
        line = self.add_line(chart, working_sets, 1, sets, width=1.5)
        self.add_date_axis(chart, week_ms(weeks[0].week_start),
                        week_ms(weeks[-1].week_start + timedelta(weeks=1)), [area, line])
        self.add_value_axis(chart, tonnage, max(p.y() for p in bars) * 1.1 or 1.0, [area])
        self.add_value_axis(chart, working_sets, max(w.working_sets for w in weeks) + 1, [line],
                         side=Qt.AlignmentFlag.AlignRight, whole=True)
        return True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._draw_pending:
            self.show_chart(self._kind, self._slug)

    # -- colours ----------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.colours = colours_for(self.palette())
            self._apply_colours()
        elif event.type() == QEvent.Type.FontChange:   # the athlete's text size changed
            self._fit_chart_height()
            self._apply_colours()   # the title, legend and axis fonts follow it

    def _fit_chart_height(self) -> None:
        """Room for the plot besides the chart's text, which grows with the text size."""
        self.chart_view.setMinimumHeight(CHART_MIN_TEXT_LINES * self.fontMetrics().height())

    def _apply_colours(self) -> None:
        colours = self.colours
        chart = self.chart_view.chart()
        self.chart_view.setBackgroundBrush(QBrush(colours.background))
        chart.setBackgroundBrush(QBrush(colours.background))
        chart.setPlotAreaBackgroundVisible(False)
        chart.setTitleBrush(QBrush(colours.text))
        title_font = QFont(self.font())
        title_font.setWeight(QFont.Weight.DemiBold)
        chart.setTitleFont(title_font)
        label_font = QFont(self.font())
        label_font.setPointSizeF(max(8.0, self.font().pointSizeF() * 0.9))
        legend = chart.legend()
        legend.setLabelColor(colours.text)
        legend.setFont(label_font)
        for axis in chart.axes():
            self._colour_axis(axis, colours, label_font)
        for series in chart.series():
            self._colour_series(series, colours)

    @staticmethod
    def _colour_axis(axis: QAbstractAxis, colours: ChartColours, font: QFont) -> None:
        axis.setLabelsColor(colours.text)
        axis.setLabelsFont(font)
        axis.setTitleBrush(QBrush(colours.text))
        axis.setTitleFont(font)
        axis.setLinePenColor(colours.axis)
        axis.setGridLineColor(colours.grid)
        axis.setShadesVisible(False)
        if isinstance(axis, QValueAxis):
            axis.setMinorGridLineVisible(False)

    @staticmethod
    def _colour_series(series: QAbstractSeries, colours: ChartColours) -> None:
        colour = QColor(colours.series[int(series.property("colour_index") or 0)
                                       % len(colours.series)])
        if isinstance(series, QAreaSeries):
            if series.property("band"):
                series.setBrush(QBrush(colours.band_fill))
                edge = QPen(colours.band_edge, 1.5, Qt.PenStyle.DashLine)
                series.setPen(edge)
                return
            fill = QColor(colour)
            fill.setAlpha(150)
            series.setBrush(QBrush(fill))
            series.setPen(QPen(colour, 1.5))
            return
        if isinstance(series, QXYSeries):
            width = float(series.property("line_width") or 2.0)
            # Solid only: QtCharts dashes a long polyline segment by segment,
            # which takes seconds for a few thousand points.
            pen = QPen(colour, width)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            series.setPen(pen)
            series.setColor(colour)

    # -- reading values -------------------------------------------------------------------------------

    def _on_series_hovered(self, point: QPointF, state: bool) -> None:
        if state:
            self._show_readout(self._readouts.nearest(point.x()))

    def _show_readout(self, index: int | None) -> None:
        if index is None:
            return
        self._readout_index = index
        self.hover_label.setText(self._readouts.text(index))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.chart_view and event.type() == QEvent.Type.KeyPress and self._readouts:
            assert isinstance(event, QKeyEvent)
            last = len(self._readouts) - 1
            current = self._readout_index
            step = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}.get(Qt.Key(event.key()))
            if step is not None:
                start = last + 1 if current is None and step < 0 else current
                self._show_readout(min(last, max(0, (-1 if start is None else start) + step)))
                return True
            if event.key() == Qt.Key.Key_Home:
                self._show_readout(0)
                return True
            if event.key() == Qt.Key.Key_End:
                self._show_readout(last)
                return True
        return super().eventFilter(watched, event)

    # -- saving -----------------------------------------------------------------------------------------

    def ask_png_path(self) -> Path | None:
        """Where to save; None when the athlete cancels. A hook: tests replace it
        (monkeypatch) to answer without the file dialog."""
        kind = self.kinds[self._kind].title.lower().replace(" ", "-")
        name = f"hamstride-{kind}{'-' + self._slug if self._slug else ''}.png"
        chosen, _ = QFileDialog.getSaveFileName(
            self, translate("ProgressView", "Save chart as PNG"), str(Path.home() / name),
            translate("ProgressView", "PNG pictures (*.png)"))
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == ".png" else path.with_name(path.name + ".png")

    def _save_asked(self) -> None:
        if self.is_empty:
            return
        path = self.ask_png_path()
        if path is None:
            return
        try:
            self.save_png(path)
        except OSError as exc:
            self.save_failed.emit(
                translate("ProgressView", "The chart could not be saved: {error}").format(error=exc))
            return
        self.chart_saved.emit(path)

    def _on_save_button_clicked(self) -> None:
        self._save_asked()

    def _on_save_shortcut_activated(self) -> None:
        self._save_asked()
