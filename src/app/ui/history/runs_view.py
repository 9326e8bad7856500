"""History's Runs tab: the runs read from the athlete's files, newest first.

A table model (not a widget per row) read a page at a time, so thousands of
runs open as fast as ten; the tag of the selected run is changed with a
drop-down (the athlete's tag replaces the importer's guess), a run is
deleted with Delete and comes back with Undo, and run files are imported in
the background with a progress bar and a cancel. The view only shows and
asks: HistoryController writes (the changes below undo themselves on the
Store, like the set corrections) and runs the import (run_import.py).
"""

# One module because the Runs tab's table, its words for a run (tag, sport,
# distance, pace) and the two changes it asks for (a tag, a deletion) say the
# same things about a run: the undo line and the table must word them alike.

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.kernel.i18n import (
    QT_TRANSLATE_NOOP,
    format_datetime,
    format_decimal,
    format_integer,
    translate,
)
from app.logbook.formatting import two_digits
from app.logbook.runs import RunRecord, RunTag, Sport, distance_in, distance_unit
from app.ui.history.models import PAGE_SIZE, NewestFirstModel
from app.ui.look.page import EmptyState
from app.ui.look.side_by_side import SideBySide
from app.ui.look.style import SPACING, keep_rows_in_sight, keep_wrapped_height

if TYPE_CHECKING:
    from app.storage.queries import LogReader
    from app.storage.store import Store

RESIZE_PRECISION_ROWS = 40
# The table's least height in rows: a short window scrolls the page rather
# than squeezing the list to nothing under the import's progress and summary.
MIN_ROWS_IN_SIGHT = 4
# The refused files' list shows this many lines at most, then scrolls.
MAX_REFUSAL_ROWS = 4

IMPORT_FILES_SHORTCUT = "Ctrl+Shift+I"
IMPORT_FOLDER_SHORTCUT = "Ctrl+Shift+F"
TAG_SHORTCUT = "Ctrl+T"
CANCEL_SHORTCUT = "Esc"

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_Index = QModelIndex | QPersistentModelIndex

# What each tag and sport is called in the window (the stored values are the enums').
TAG_WORDS: dict[RunTag, str] = {
    RunTag.EASY: QT_TRANSLATE_NOOP("runs_view", "Easy"),
    RunTag.LONG: QT_TRANSLATE_NOOP("runs_view", "Long"),
    RunTag.QUALITY: QT_TRANSLATE_NOOP("runs_view", "Tempo or intervals"),
    RunTag.RACE: QT_TRANSLATE_NOOP("runs_view", "Race"),
    RunTag.UNKNOWN: QT_TRANSLATE_NOOP("runs_view", "Not tagged"),
}
SPORT_WORDS: dict[Sport, str] = {
    Sport.RUN: QT_TRANSLATE_NOOP("runs_view", "Run"),
    Sport.TRAIL_RUN: QT_TRANSLATE_NOOP("runs_view", "Trail run"),
    Sport.TREADMILL: QT_TRANSLATE_NOOP("runs_view", "Treadmill"),
    Sport.TRACK: QT_TRANSLATE_NOOP("runs_view", "Track"),
}
# Where a run came from: file kinds and apps' names, not translated.
SOURCE_WORDS: dict[str, str] = {
    "fit": "FIT", "gpx": "GPX", "tcx": "TCX", "strava": "Strava",
    "garmin-csv": "Garmin CSV",
}


def tag_word(tag: RunTag) -> str:
    return translate("runs_view", TAG_WORDS[tag])


def sport_word(sport: Sport) -> str:
    return translate("runs_view", SPORT_WORDS[sport])


def source_word(source: str) -> str:
    if source == "typed":
        return translate("runs_view", "typed")
    return SOURCE_WORDS.get(source, source)


def duration_text(seconds: float) -> str:
    """A run's length to the second (h:mm:ss, as a watch shows it)."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{two_digits(minutes)}:{two_digits(secs)}"
    return f"{minutes}:{two_digits(secs)}"


def pace_text(distance_m: float | None, duration_s: float, units: str) -> str:
    """Minutes per kilometer (or mile); nothing for a run without a distance."""
    if not distance_m or distance_m <= 0:
        return ""
    minutes, secs = divmod(round(duration_s / distance_in(distance_m, units)), 60)
    return translate("runs_view", "{minutes}:{seconds} /{unit}").format(
        minutes=minutes, seconds=two_digits(secs), unit=distance_unit(units))


def tag_text(record: RunRecord) -> str:
    """The tag, saying so when it is still the importer's guess."""
    word = tag_word(record.entry.tag)
    if record.entry.tag_guessed and record.entry.tag is not RunTag.UNKNOWN:
        return translate("runs_view", "{tag} (guessed)").format(tag=word)
    return word


def run_title(record: RunRecord) -> str:
    """A run as a change names it: its start, to the minute (two runs a day
    are told apart)."""
    return format_datetime(record.started_at.astimezone())


# -- changes that undo themselves (the controller's one undo slot) ------------------


@dataclass(frozen=True)
class RunDeleted:
    record: RunRecord

    @property
    def description(self) -> str:
        return translate("RunDeleted", "Deleted the run of {start}").format(
            start=run_title(self.record))

    def undo(self, store: Store) -> None:
        store.restore_run(self.record)


@dataclass(frozen=True)
class RunTagged:
    before: RunRecord
    after: RunRecord

    @property
    def description(self) -> str:
        return translate("RunTagged", "Tagged the run of {start}: {tag}").format(
            start=run_title(self.before), tag=tag_word(self.after.entry.tag))

    def undo(self, store: Store) -> None:
        # The tag goes back, as the athlete's own from now on (set_run_tag
        # has no way to say "a guess" again): undoing is choosing it.
        store.set_run_tag(self.before.id, self.before.entry.tag)


# -- the table ----------------------------------------------------------------------------


class RunsModel(NewestFirstModel[RunRecord]):
    """The runs, newest first, a page at a time."""

    COLUMNS = (QT_TRANSLATE_NOOP("RunsModel", "Date"), QT_TRANSLATE_NOOP("RunsModel", "Sport"),
               QT_TRANSLATE_NOOP("RunsModel", "Tag"), QT_TRANSLATE_NOOP("RunsModel", "Distance"),
               QT_TRANSLATE_NOOP("RunsModel", "Duration"), QT_TRANSLATE_NOOP("RunsModel", "Pace"),
               QT_TRANSLATE_NOOP("RunsModel", "Average heart rate"),
               QT_TRANSLATE_NOOP("RunsModel", "Source"))
    DATE, SPORT, TAG, DISTANCE, DURATION, PACE, HEART_RATE, SOURCE = range(8)

    def read_page(self, reader: LogReader, after: RunRecord | None) -> list[RunRecord]:
        return reader.list_runs(limit=PAGE_SIZE, before=None if after is None
                                else (after.started_at, after.id))

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        unit = distance_unit(self.units)
        if role == Qt.ItemDataRole.ToolTipRole:  # the short headings in full
            if section == self.DISTANCE:
                return translate("RunsModel", "Distance, in {unit}").format(unit=unit)
            if section == self.HEART_RATE:
                return translate("RunsModel", "Average heart rate, in beats per minute")
            if section == self.PACE:
                return translate("RunsModel", "Average pace: minutes and seconds per {unit}").format(
                    unit=unit)
            return translate("RunsModel", self.COLUMNS[section])
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        # Short headings over the numbers: at a large text size a heading as
        # wide as "Average heart rate" made the table wider than the page.
        if section == self.DISTANCE:
            return unit
        if section == self.HEART_RATE:
            return translate("RunsModel", "HR")
        if section == self.DURATION:
            return translate("RunsModel", "Time")
        return translate("RunsModel", self.COLUMNS[section])

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(record, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
                self.DISTANCE, self.DURATION, self.PACE, self.HEART_RATE):
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            keys = translate("RunsModel", "Ctrl+T: change the tag · Delete: delete the run · "
                             "Ctrl+Z: undo the last change")
            if column == self.SOURCE and record.entry.title:
                return translate("RunsModel", "Named “{title}” in its file").format(
                    title=record.entry.title) + "\n" + keys
            if column in WORD_COLUMNS:  # whole, when the column is too narrow for it
                return self._text(record, column) + "\n" + keys
            return keys
        return None

    def _text(self, record: RunRecord, column: int) -> str:
        entry = record.entry
        if column == self.DATE:
            return format_datetime(entry.started_at.astimezone())
        if column == self.SPORT:
            return sport_word(entry.sport)
        if column == self.TAG:
            return tag_text(record)
        if column == self.DISTANCE:
            return "" if entry.distance_m is None else format_decimal(
                distance_in(entry.distance_m, self.units), 2)
        if column == self.DURATION:
            return duration_text(entry.duration_s)
        if column == self.PACE:
            return pace_text(entry.distance_m, entry.duration_s, self.units)
        if column == self.HEART_RATE:
            return "" if entry.average_heart_rate is None else str(entry.average_heart_rate)
        return source_word(entry.source)


# The columns of words, which share the width the numbers leave when not
# every column fits at its content's width.
WORD_COLUMNS = (RunsModel.SPORT, RunsModel.TAG, RunsModel.SOURCE)


def _button(text: str, tip: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setToolTip(tip)
    button.setAccessibleName(text.replace("&", "").rstrip("…"))
    return button


class RunsView(QWidget):
    """The Runs tab. Call ``show_runs`` with the log; the requests go to the controller."""

    import_files_requested = Signal()
    import_folder_requested = Signal()
    cancel_import_requested = Signal()
    retag_requested = Signal(object, object)  # RunRecord, RunTag
    delete_requested = Signal(object)  # RunRecord

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(translate("RunsView", "Runs"))
        self._kept_run: int | None = None

        self.import_files_button = _button(
            translate("RunsView", "Import run files…"),
            translate("RunsView", "Add runs from FIT, GPX or TCX files, a Garmin Connect CSV or a "
                      "Strava export zip ({shortcut})").format(shortcut=IMPORT_FILES_SHORTCUT), self)
        self.import_folder_button = _button(
            translate("RunsView", "Import a folder…"),
            translate("RunsView", "Add every run in a folder, such as an unzipped Strava export "
                      "({shortcut})").format(shortcut=IMPORT_FOLDER_SHORTCUT), self)
        self.tag_combo = QComboBox(self)
        for tag in RunTag:
            self.tag_combo.addItem(tag_word(tag), tag)
        self.tag_combo.setAccessibleName(translate("RunsView", "Tag of the selected run"))
        self.tag_combo.setToolTip(translate(
            "RunsView", "What the selected run was: your tag replaces the importer's guess, and "
            "long runs, tempo runs, intervals and races keep heavy hamstring work away "
            "({shortcut})").format(shortcut=TAG_SHORTCUT))
        tag_label = QLabel(translate("RunsView", "Tag:"), self)
        tag_label.setBuddy(self.tag_combo)
        self.delete_button = _button(
            translate("RunsView", "Delete run"),
            translate("RunsView", "Delete the selected run (Delete); Undo (Ctrl+Z) brings it back"),
            self)

        tools_box = QWidget(self)
        tools = SideBySide(tools_box)
        tools.setContentsMargins(0, 0, 0, 0)
        tools.setSpacing(SPACING)
        tools.add_row((self.import_files_button, self.import_folder_button))
        tag_box = QWidget(tools_box)
        tag_row = QHBoxLayout(tag_box)
        tag_row.setContentsMargins(0, 0, 0, 0)
        tag_row.setSpacing(SPACING // 2)
        tag_row.addWidget(tag_label)
        tag_row.addWidget(self.tag_combo)
        tag_row.addSpacing(SPACING)
        tag_row.addWidget(self.delete_button)
        tag_row.addStretch(1)
        tools.add_widget(tag_box, 1)

        # The import under way: what it reads, how far it is, and a way out.
        self.progress_box = QWidget(self)
        progress = QHBoxLayout(self.progress_box)
        progress.setContentsMargins(0, 0, 0, 0)
        self.progress_label = QLabel(self.progress_box)
        self.progress_label.setAccessibleName(translate("RunsView", "Import progress"))
        self.progress_bar = QProgressBar(self.progress_box)
        self.progress_bar.setAccessibleName(translate("RunsView", "Files read"))
        self.progress_bar.setToolTip(translate("RunsView", "How many of the chosen files have "
                                               "been read"))
        # The count in words beside it, not only the bar's length.
        self.progress_bar.setTextVisible(False)
        self.cancel_button = _button(
            translate("RunsView", "Cancel import"),
            translate("RunsView", "Stop after the file being read ({shortcut}); the files already "
                      "read stay in the log").format(shortcut=CANCEL_SHORTCUT), self.progress_box)
        progress.addWidget(self.progress_label)
        progress.addWidget(self.progress_bar, 1)
        progress.addWidget(self.cancel_button)
        self.progress_box.hide()

        # What the last import did, and each file it refused with its reason.
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        self.summary_label.setAccessibleName(translate("RunsView", "Last import"))
        self.summary_label.hide()
        self.refusals_list = QListWidget(self)
        self.refusals_list.setAccessibleName(translate("RunsView", "Files not imported"))
        self.refusals_list.setToolTip(translate("RunsView", "Each file that was not imported, "
                                                "and where in it the problem is"))
        self.refusals_list.setWordWrap(True)
        self.refusals_list.hide()

        self.model = RunsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(translate("RunsView", "Runs"))
        self.table.setToolTip(translate("RunsView", "Your runs, newest first; scroll for older "
                                        "ones"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.horizontalHeader().setResizeContentsPrecision(RESIZE_PRECISION_ROWS)
        keep_rows_in_sight(self.table, MIN_ROWS_IN_SIGHT)
        keep_wrapped_height(self.summary_label)

        self.empty_state = EmptyState(
            translate("RunsView", "No runs yet"),
            translate("RunsView", "Bring in the runs your watch or phone recorded: FIT, GPX or TCX "
                      "files, a Garmin Connect CSV, or a Strava export (its zip or its folder). "
                      "Only what strength planning needs is kept: the start, duration, distance, "
                      "climb, average heart rate and your tag."), self)
        self.empty_import_button = self.empty_state.add_button(
            translate("RunsView", "Import run files…"), self.import_files_button.toolTip())
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty_state)
        self.stack.addWidget(self.table)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, SPACING, 0, 0)
        layout.setSpacing(SPACING // 2)
        layout.addWidget(tools_box)
        layout.addWidget(self.progress_box)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.refusals_list)
        layout.addWidget(self.stack, 1)
        self.setTabOrder(self.import_files_button, self.import_folder_button)
        self.setTabOrder(self.import_folder_button, self.tag_combo)
        self.setTabOrder(self.tag_combo, self.delete_button)
        self.setTabOrder(self.delete_button, self.cancel_button)
        self.setTabOrder(self.cancel_button, self.refusals_list)
        self.setTabOrder(self.refusals_list, self.table)

        self._build_actions()
        self.import_files_button.clicked.connect(self.import_files_requested)
        self.empty_import_button.clicked.connect(self.import_files_requested)
        self.import_folder_button.clicked.connect(self.import_folder_requested)
        self.cancel_button.clicked.connect(self.cancel_import_requested)
        self.delete_button.clicked.connect(self._on_delete_triggered)
        self.tag_combo.activated.connect(self._on_tag_combo_activated)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self._show_selected(None)

    def _build_actions(self) -> None:
        def action(keys: str | QKeySequence.StandardKey, slot: Any, widget: QWidget) -> QAction:
            act = QAction(self)
            act.setShortcut(QKeySequence(keys))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            widget.addAction(act)
            return act

        # The import's own keys are the History page's (they work on every tab).
        self.tag_action = action(TAG_SHORTCUT, self._on_tag_action_triggered, self)
        self.delete_action = action(QKeySequence.StandardKey.Delete, self._on_delete_triggered,
                                    self.table)
        self.cancel_action = action(CANCEL_SHORTCUT, self._on_cancel_action_triggered, self)

    # -- showing --------------------------------------------------------------------------

    def show_runs(self, reader: LogReader, units: str) -> None:
        """(Re)read the runs, keeping the selected one when it is still there."""
        keep = self._kept_run
        current = self.selected_run
        if keep is None and current is not None:
            keep = current.id
        self._kept_run = None
        self.model.load(reader, units)
        has_runs = self.model.rowCount() > 0
        self.stack.setCurrentWidget(self.table if has_runs else self.empty_state)
        self._fit_columns()
        row = self.model.row_of(keep) if keep is not None else None
        if row is None and has_runs:
            row = 0
        if row is not None:
            self.select_row(row)
        else:
            self._show_selected(None)

    def focus_first(self) -> None:
        """The keys to the runs (arrows, Delete, Ctrl+T), or to the import when there are none."""
        target = self.table if self.model.rowCount() else self.empty_import_button
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _fit_columns(self) -> None:
        """Every column as wide as its content when they all fit, the tag's
        taking what is left; when they do not (a large text size, a narrow
        window), the numbers and the date keep their width and the words
        share the rest, cut short with the whole word in the cell's tooltip:
        better than the page scrolling sideways or a number cut."""
        header = self.table.horizontalHeader()
        columns = range(self.model.columnCount())
        wanted = [max(self.table.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in columns]
        fits = sum(wanted) <= self.table.viewport().width()
        for column in columns:
            if column == RunsModel.TAG or (not fits and column in WORD_COLUMNS):
                mode = QHeaderView.ResizeMode.Stretch
            else:
                mode = QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(column, mode)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.model.rowCount():
            self._fit_columns()

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        self._show_selected(self.model.record(row))

    def keep_run(self, run_id: int) -> None:
        """Select ``run_id`` when the runs are next shown (a run just retagged)."""
        self._kept_run = run_id

    @property
    def selected_run(self) -> RunRecord | None:
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def _on_table_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_selected(self.model.record(current.row()) if current.isValid() else None)

    def _show_selected(self, record: RunRecord | None) -> None:
        self.tag_combo.setEnabled(record is not None)
        self.delete_button.setEnabled(record is not None)
        if record is not None:
            self.tag_combo.setCurrentIndex(self.tag_combo.findData(record.entry.tag))

    # -- the import -----------------------------------------------------------------------

    @property
    def importing(self) -> bool:
        return self.progress_box.isVisibleTo(self)

    def show_import_started(self, files: int) -> None:
        self.summary_label.hide()
        self.refusals_list.clear()
        self.refusals_list.hide()
        self.import_files_button.setEnabled(False)
        self.import_folder_button.setEnabled(False)
        self.empty_import_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress_bar.setRange(0, 0)
        # Busy until the first count: a folder or an export is listed first.
        self.progress_label.setText(translate("RunsView", "Looking through %n chosen item(s)…",
                                              n=files))
        self.progress_box.show()

    def show_progress(self, done: int, total: int) -> None:
        """``done`` of ``total`` steps: each file is read, then (once all are
        read) written, so a file counts twice (app.usecases.run_import)."""
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)
        files = total // 2
        if done < files:
            text = translate("RunsView", "Reading file {number} of %n…", n=files).format(
                number=format_integer(done + 1))
        else:
            text = translate("RunsView", "Saving the runs of file {number} of %n…", n=files).format(
                number=format_integer(min(done - files + 1, files)))
        self.progress_label.setText(text)
        self.progress_bar.setAccessibleDescription(text)

    def show_cancelling(self) -> None:
        self.cancel_button.setEnabled(False)
        self.progress_label.setText(translate("RunsView", "Stopping after this file…"))

    def show_import_ended(self, summary: str, refusals: Sequence[str]) -> None:
        self.progress_box.hide()
        self.import_files_button.setEnabled(True)
        self.import_folder_button.setEnabled(True)
        self.empty_import_button.setEnabled(True)
        self.summary_label.setText(summary)
        self.summary_label.show()
        self.refusals_list.clear()
        self.refusals_list.addItems(list(refusals))
        # As tall as its lines, up to a few (then it scrolls): the runs stay in sight.
        rows = min(len(refusals), MAX_REFUSAL_ROWS)
        self.refusals_list.setFixedHeight(
            rows * max(self.refusals_list.sizeHintForRow(0), self.fontMetrics().height())
            + 2 * self.refusals_list.frameWidth() + 4)
        self.refusals_list.setVisible(bool(refusals))

    # -- requests -------------------------------------------------------------------------

    def _on_tag_combo_activated(self, index: int) -> None:
        record = self.selected_run
        tag = self.tag_combo.itemData(index)
        if record is None or tag is None:
            return
        if tag == record.entry.tag and not record.entry.tag_guessed:
            return  # already the athlete's own tag
        self.keep_run(record.id)
        self.retag_requested.emit(record, RunTag(tag))

    def _on_tag_action_triggered(self) -> None:
        if self.tag_combo.isEnabled():
            self.tag_combo.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.tag_combo.showPopup()

    def _on_delete_triggered(self) -> None:
        record = self.selected_run
        if record is not None:
            self.delete_requested.emit(record)

    def _on_cancel_action_triggered(self) -> None:
        if self.importing and self.cancel_button.isEnabled():
            self.cancel_import_requested.emit()
