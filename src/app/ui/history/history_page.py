"""History: every session, its sets, each exercise's sets, records and progress.

The page only shows and asks; HistoryController does the writing (edits,
deletions, undo, imports and exports) and tells the page to show the log
again. Tables read the log a page at a time, so ten years open as fast as
ten days.
"""

# One module because the page's tabs (sessions, exercises, records, progress)
# share one toolbar, one selection and one paged reading of the log; the
# writing lives in HistoryController and the tables' models in models.py.

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.kernel.i18n import translate
from app.logbook.formatting import session_heading
from app.ui.base.background import LatestRead
from app.ui.history.models import PAGE_SIZE, SessionsModel, SetsModel
from app.ui.look.page import EmptyState, Page
from app.ui.look.side_by_side import SideBySide
from app.ui.look.style import SPACING, keep_rows_in_sight, keep_wrapped_height
from app.ui.look.wheel_guard import protect

if TYPE_CHECKING:
    from app.logbook.entries import LoggedSetRecord, SessionRecord
    from app.storage.queries import LogReader
    from app.ui.history.calendar_view import CalendarView
    from app.ui.history.runs_view import RunsView

SESSIONS_TAB, EXERCISES_TAB, RECORDS_TAB, PROGRESS_TAB, CALENDAR_TAB, RUNS_TAB = range(6)
# The Runs tab's keys: its letters are taken by the tabs and buttons before it.
RUNS_TAB_SHORTCUT = "Ctrl+Shift+R"
IMPORT_RUNS_SHORTCUT = "Ctrl+Shift+I"
IMPORT_RUN_FOLDER_SHORTCUT = "Ctrl+Shift+F"
RESIZE_PRECISION_ROWS = 40


def _table(parent: QWidget, name: str, tip: str) -> QTableView:
    view = QTableView(parent)
    view.setAccessibleName(name)
    view.setToolTip(tip)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    # Tab moves to the next control, as everywhere else; arrows move in the table.
    view.setTabKeyNavigation(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setHighlightSections(False)
    # Column widths from the first rows only: measuring every row of a long
    # table is most of the cost of opening it.
    view.horizontalHeader().setResizeContentsPrecision(RESIZE_PRECISION_ROWS)
    return view


def _button(text: str, tip: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setToolTip(tip)
    button.setAccessibleName(text.replace("&", "").rstrip("…"))
    return button


class HistoryPage(Page):
    edit_set_requested = Signal(object)  # LoggedSetRecord
    delete_set_requested = Signal(object)  # LoggedSetRecord
    delete_session_requested = Signal(object)  # SessionRecord
    undo_requested = Signal()
    import_requested = Signal()
    import_runs_requested = Signal(bool)  # True: a folder (an unzipped Strava export), else files
    export_requested = Signal(str)  # "csv" or "json"
    tab_shown = Signal(int)
    add_session_requested = Signal(object)  # the day to start from (a date), or None: today
    add_set_requested = Signal(object)  # SessionRecord: the session the set goes into
    session_shown = Signal(int)  # the session whose sets the detail now lists

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("HistoryPage", "History"), parent)
        self._reader: LogReader | None = None
        self.units = "kg"
        self.name_of: Callable[[str], str] = lambda slug: slug
        self._selected_session: int | None = None
        self._exercises_stale = True
        # The Exercises tab's counts are read off the UI thread (every set of
        # the log: ~0.4 s on a 1,000,000-set log); only the newest read is shown.
        self._count_reads = LatestRead(self)
        self._exercise_to_show: str | None = None  # show_exercise's, once the list is read

        import_tip = translate("HistoryPage", "Add sessions from a Strong, Hevy, FitNotes or "
                               "Hamstride export (Ctrl+I)")
        self.import_button = _button(translate("HistoryPage", "&Import…"), import_tip, self)
        # Ctrl+E and Ctrl+Shift+E rather than Alt mnemonics: the tabs and the
        # chart controls below take most letters.
        self.export_csv_button = _button(
            translate("HistoryPage", "Export CSV…"),
            translate("HistoryPage", "Save every set as a spreadsheet file, one row per set "
                      "(Ctrl+E)"), self)
        self.export_json_button = _button(
            translate("HistoryPage", "Export JSON…"),
            translate("HistoryPage", "Save the whole log (sessions, sets, custom exercises, "
                      "settings) to re-import later (Ctrl+Shift+E)"), self)
        self.undo_button = _button(translate("HistoryPage", "&Undo"),
                                   translate("HistoryPage", "Take back the last change (Ctrl+Z)"),
                                   self)
        self.undo_button.setEnabled(False)
        self.add_session_button = _button(
            translate("HistoryPage", "&Add session…"),
            translate("HistoryPage", "Add a past session by hand: its day, time and sets (Ctrl+N)"),
            self)
        self.change_label = QLabel(self)
        self.change_label.setAccessibleName(translate("HistoryPage", "Last change"))
        self.change_label.setWordWrap(True)
        # The buttons in pairs, and the last change with Undo, wrap onto more
        # lines when one row has no room for them (a large text size): past
        # the page's edge it scrolled sideways.
        tools_box = QWidget(self)
        tools = SideBySide(tools_box)
        tools.setContentsMargins(0, 0, 0, 0)
        tools.setSpacing(SPACING)
        tools.add_row((self.add_session_button, self.import_button))
        tools.add_row((self.export_csv_button, self.export_json_button))
        change_box = QWidget(tools_box)
        change = QHBoxLayout(change_box)
        change.setContentsMargins(SPACING // 2, 0, 0, 0)
        change.addWidget(self.change_label, 1)
        change.addWidget(self.undo_button)
        tools.add_widget(change_box, 1)
        self.body.addWidget(tools_box)

        self.stack = QStackedWidget(self)
        self.empty_state = EmptyState(
            translate("HistoryPage", "No sessions logged yet"),
            translate("HistoryPage", "Each set you log during a session is saved here at once, "
                      "with its reps, load and times. Start a session from the Today page, or "
                      "bring in the history you already have in Strong, Hevy or FitNotes."),
            self,
        )
        self.empty_import_button = self.empty_state.add_button(
            translate("HistoryPage", "Import from another app…"), import_tip)
        self.empty_add_button = self.empty_state.add_button(
            translate("HistoryPage", "Add a past session…"),
            translate("HistoryPage", "Type in a session you did without the app (Ctrl+N)"))
        # On a row of its own under the two: three in one row were wider than
        # the page at 200 %.
        self.empty_runs_button = QPushButton(translate("HistoryPage", "Import runs…"),
                                             self.empty_state)
        self.empty_runs_button.setToolTip(
            translate("HistoryPage", "Add runs from your watch's or Strava's files, so strength "
                      "work is placed around them ({shortcut})").format(
                shortcut=IMPORT_RUNS_SHORTCUT))
        self.empty_runs_button.setAccessibleName(translate("HistoryPage", "Import runs"))
        runs_row = QHBoxLayout()
        runs_row.addStretch(1)
        runs_row.addWidget(self.empty_runs_button)
        runs_row.addStretch(1)
        empty_layout = self.empty_state.layout()
        assert isinstance(empty_layout, QVBoxLayout)
        empty_layout.insertLayout(empty_layout.count() - 1, runs_row)  # above the last stretch
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(translate("HistoryPage", "History views"))
        # The letters are the tabs' mnemonics below: a translation changes both together.
        self.tabs.setToolTip(translate("HistoryPage", "Alt+S sessions · Alt+X exercises · "
                                       "Alt+R records · Alt+G progress · Alt+L or Ctrl+L calendar · "
                                       "{runs} runs").format(runs=RUNS_TAB_SHORTCUT))
        self.tabs.addTab(self._build_sessions_tab(), translate("HistoryPage", "&Sessions"))
        self.tabs.addTab(self._build_exercises_tab(), translate("HistoryPage", "E&xercises"))
        self.records_holder = self._holder(
            translate("HistoryPage", "Personal records are worked out when you open this tab."))
        self.progress_holder = self._holder(
            translate("HistoryPage", "Charts are drawn when you open this tab."))
        self.tabs.addTab(self.records_holder, translate("HistoryPage", "&Records"))
        self.tabs.addTab(self.progress_holder, translate("HistoryPage", "Pro&gress"))
        self.calendar_holder = self._holder(
            translate("HistoryPage", "The calendar is drawn when you open this tab."))
        self.tabs.addTab(self.calendar_holder, translate("HistoryPage", "Ca&lendar"))
        self.runs_holder = self._holder(
            translate("HistoryPage", "Your runs are listed when you open this tab."))
        self.tabs.addTab(self.runs_holder, translate("HistoryPage", "Runs"))
        self.stack.addWidget(self.empty_state)
        self.stack.addWidget(self.tabs)
        self.body.addWidget(self.stack, 1)

        self._build_actions()
        self.import_button.clicked.connect(self.import_requested)
        self.empty_import_button.clicked.connect(self.import_requested)
        self.add_session_button.clicked.connect(self._on_add_session_triggered)
        self.empty_add_button.clicked.connect(self._on_add_session_triggered)
        self.empty_runs_button.clicked.connect(lambda: self.import_runs_requested.emit(False))
        self.export_csv_button.clicked.connect(lambda: self.export_requested.emit("csv"))
        self.export_json_button.clicked.connect(lambda: self.export_requested.emit("json"))
        self.undo_button.clicked.connect(self.undo_requested)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)

    # -- building -------------------------------------------------------------

    def _holder(self, text: str) -> QWidget:
        holder = QWidget(self)
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(text, holder)
        label.setAccessibleName(text)
        layout.addWidget(label)
        return holder

    def _build_sessions_tab(self) -> QWidget:
        # The list above its session's sets: both get the page's full width, so
        # no column is cut at 1366 px.
        tab = QSplitter(Qt.Orientation.Vertical, self)
        self.sessions_model = SessionsModel(self)
        self.sessions_view = _table(
            tab, translate("HistoryPage", "Logged sessions"),
            translate("HistoryPage", "Your sessions, newest first; scroll for older ones"))
        self.sessions_view.setModel(self.sessions_model)
        self.sessions_view.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch)
        self.sessions_view.selectionModel().currentRowChanged.connect(
            self._on_sessions_view_current_row_changed)

        detail = QWidget(tab)
        layout = QVBoxLayout(detail)
        layout.setContentsMargins(0, 8, 0, 0)
        self.detail_heading = QLabel(detail)
        self.detail_heading.setObjectName("sectionHeading")
        self.detail_heading.setWordWrap(True)
        self.detail_heading.setAccessibleName(translate("HistoryPage", "Session"))
        self.detail_records = QLabel(detail)
        self.detail_records.setWordWrap(True)
        self.detail_records.setAccessibleName(translate("HistoryPage", "Records set in this session"))
        self.detail_records.hide()
        self.session_sets_model = SetsModel(lambda slug: self.name_of(slug), parent=self)
        self.sets_view = _table(
            detail, translate("HistoryPage", "Sets of the session"),
            translate("HistoryPage", "Enter or F2: change the set · Delete: delete it"))
        self.sets_view.setModel(self.session_sets_model)
        self.sets_view.horizontalHeader().setStretchLastSection(True)
        self.sets_view.activated.connect(self._on_sets_view_activated)
        self.edit_button = _button(translate("HistoryPage", "&Edit set…"),
                                   translate("HistoryPage", "Change the selected set (Enter or F2)"),
                                   detail)
        self.delete_set_button = _button(
            translate("HistoryPage", "&Delete set"),
            translate("HistoryPage", "Delete the selected set (Delete); Undo brings it back"),
            detail)
        self.delete_session_button = _button(
            translate("HistoryPage", "Delete sessio&n"),
            translate("HistoryPage", "Delete this session and all its sets (Shift+Delete); Undo "
                      "brings them back"), detail)
        self.add_set_button = _button(
            translate("HistoryPage", "Add se&t…"),
            translate("HistoryPage", "Add a set you forgot to this session (Insert)"), detail)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.add_set_button.clicked.connect(self._on_add_set_triggered)
        self.delete_set_button.clicked.connect(self._on_delete_set_button_clicked)
        self.delete_session_button.clicked.connect(self._on_delete_session_button_clicked)
        buttons = QHBoxLayout()
        for button in (self.add_set_button, self.edit_button, self.delete_set_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_session_button)
        layout.addWidget(self.detail_heading)
        layout.addWidget(self.detail_records)
        layout.addWidget(self.sets_view, 1)
        # A large text size in a short window: the page scrolls rather than
        # cutting the heading's second line or drawing the table over itself.
        for label in (self.detail_heading, self.detail_records):
            keep_wrapped_height(label)
        for view in (self.sessions_view, self.sets_view):
            keep_rows_in_sight(view)
        layout.addLayout(buttons)
        tab.addWidget(self.sessions_view)
        tab.addWidget(detail)
        tab.setStretchFactor(0, 1)
        tab.setStretchFactor(1, 1)
        tab.setChildrenCollapsible(False)
        self._set_detail_enabled(False)
        return tab

    def _build_exercises_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 8, 0, 0)
        row = QHBoxLayout()
        label = QLabel(translate("HistoryPage", "&Exercise"), tab)
        self.exercise_combo = QComboBox(tab)
        self.exercise_combo.setAccessibleName(translate("HistoryPage", "Exercise"))
        self.exercise_combo.setToolTip(
            translate("HistoryPage", "The exercise whose sets are listed, most logged first"))
        self.exercise_combo.setMinimumContentsLength(28)
        label.setBuddy(self.exercise_combo)
        row.addWidget(label)
        row.addWidget(self.exercise_combo)
        row.addStretch(1)
        self.exercise_sets_model = SetsModel(lambda slug: self.name_of(slug), with_date=True,
                                             parent=self)
        self.exercise_view = _table(
            tab, translate("HistoryPage", "Sets of the exercise"),
            translate("HistoryPage", "Every set of this exercise, newest first; Enter or F2 to "
                      "change one"))
        self.exercise_view.setModel(self.exercise_sets_model)
        self.exercise_view.horizontalHeader().setStretchLastSection(True)
        self.exercise_view.activated.connect(self._on_exercise_view_activated)
        self.exercise_combo.currentIndexChanged.connect(self._on_exercise_combo_current_index_changed)
        layout.addLayout(row)
        layout.addWidget(self.exercise_view, 1)
        return tab

    def _build_actions(self) -> None:
        def action(keys: list[QKeySequence | QKeySequence.StandardKey | str], slot: Callable[[], None],
                   widget: QWidget) -> QAction:
            act = QAction(self)
            act.setShortcuts([QKeySequence(k) for k in keys])
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            widget.addAction(act)
            return act

        self.undo_action = action([QKeySequence.StandardKey.Undo], self._on_undo_action_triggered, self)
        self.import_action = action(["Ctrl+I"], self.import_requested.emit, self)
        self.export_csv_action = action(["Ctrl+E"], lambda: self.export_requested.emit("csv"), self)
        self.export_json_action = action(["Ctrl+Shift+E"], lambda: self.export_requested.emit("json"),
                                         self)
        self.edit_action = action(["F2"], self._on_edit_button_clicked, self.sets_view)
        self.delete_action = action([QKeySequence.StandardKey.Delete],
                                    self._on_delete_set_button_clicked, self.sets_view)
        self.delete_session_action = action(["Shift+Delete"], self._on_delete_session_button_clicked,
                                            self)
        self.add_session_action = action([QKeySequence.StandardKey.New],
                                         self._on_add_session_triggered, self)
        # Insert in the session list or its sets: the session shown is the one the set goes into.
        self.add_set_actions = [action(["Insert"], self._on_add_set_triggered, view)
                                for view in (self.sessions_view, self.sets_view)]
        self.calendar_action = action(["Ctrl+L"], self.show_calendar, self)
        self.runs_action = action([RUNS_TAB_SHORTCUT], self.show_runs, self)
        self.import_runs_action = action([IMPORT_RUNS_SHORTCUT],
                                         lambda: self.import_runs_requested.emit(False), self)
        self.import_run_folder_action = action([IMPORT_RUN_FOLDER_SHORTCUT],
                                               lambda: self.import_runs_requested.emit(True), self)
        self.edit_exercise_set_action = action(["F2"], self._on_exercise_edit_triggered,
                                               self.exercise_view)
        self.delete_exercise_set_action = action([QKeySequence.StandardKey.Delete],
                                                 self._on_exercise_delete_triggered,
                                                 self.exercise_view)

    # -- showing the log --------------------------------------------------------

    def show_log(self, reader: LogReader) -> None:
        """(Re)read what the page shows, keeping the selected session when it is still there."""
        from app.logbook.settings import load_settings

        self._reader = reader
        self.units = load_settings(reader.get_setting).units
        keep = self._selected_session
        self.sessions_model.load(reader, self.units)
        has_sessions = self.sessions_model.rowCount() > 0
        # Runs or body weights alone (a runner who has not lifted with the app
        # yet) open the tabs too: the Runs tab and the Progress charts show them.
        self.stack.setCurrentWidget(
            self.tabs if has_sessions or reader.count_runs() > 0 or reader.body_weights()
            else self.empty_state)
        self.sessions_view.resizeColumnsToContents()
        self.sessions_view.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch)
        row = self._reveal(keep) if keep is not None else None
        if row is None and has_sessions:
            row = 0
        if row is not None:
            self.select_session_row(row)
        else:
            self._show_session(None)
        # The Exercises tab reads its list when it is shown, not on every refresh.
        self._exercises_stale = True
        if self.tabs.currentIndex() == EXERCISES_TAB:
            self._load_exercise_list()
        self.tab_shown.emit(self.tabs.currentIndex())

    def focus_target(self) -> QWidget | None:
        if self.stack.currentWidget() is self.empty_state:
            return self.empty_import_button
        view = self.calendar_view()
        if self.tabs.currentIndex() == CALENDAR_TAB and view is not None:
            return view
        return self.sessions_view if self.tabs.currentIndex() == SESSIONS_TAB else self.tabs

    def calendar_view(self) -> CalendarView | None:
        """The calendar, once the controller has put it in its tab (it is
        imported with it: the page opens without it)."""
        layout = self.calendar_holder.layout()
        item = layout.itemAt(0) if layout is not None else None
        widget = item.widget() if item is not None else None
        return None if widget is None or isinstance(widget, QLabel) else cast("CalendarView", widget)

    def show_calendar(self) -> None:
        """Ctrl+L: the Calendar tab, with the keys in it."""
        if self.stack.currentWidget() is self.empty_state:
            return
        self.tabs.setCurrentIndex(CALENDAR_TAB)
        view = self.calendar_view()
        if view is not None:
            view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_runs(self) -> None:
        """Ctrl+Shift+R: the Runs tab (the controller fills it when it opens)."""
        if self.stack.currentWidget() is self.empty_state:
            self.stack.setCurrentWidget(self.tabs)
        self.tabs.setCurrentIndex(RUNS_TAB)
        layout = self.runs_holder.layout()
        item = layout.itemAt(0) if layout is not None else None
        view = item.widget() if item is not None else None
        if view is not None and not isinstance(view, QLabel):  # built: the keys go into it
            cast("RunsView", view).focus_first()

    def select_session_row(self, row: int) -> None:
        index = self.sessions_model.index(row, 0)
        self.sessions_view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.sessions_view.scrollTo(index)
        self._show_session(self.sessions_model.record(row))

    def _reveal(self, session_id: int) -> int | None:
        """The row of ``session_id``, reading older pages of the list until it is
        there; None at once for a session no longer in the log (one just deleted)."""
        row = self.sessions_model.row_of(session_id)
        if row is not None or self._reader is None:
            return row
        wanted = self._reader.get_session(session_id)
        if wanted is None:
            return None
        model = self.sessions_model
        while row is None and model.canFetchMore():
            last = model.record(model.rowCount() - 1)
            if (last.started_at, last.id) < (wanted.started_at, wanted.id):
                return None  # older than it already, newest first: not in this list
            model.fetchMore()
            row = model.row_of(session_id)
        return row

    def keep_session(self, session_id: int) -> None:
        """Show ``session_id`` when the log is next shown (a session just added)."""
        self._selected_session = session_id

    def open_sessions(self, session_ids: Sequence[int]) -> bool:
        """The Sessions tab on the first of ``session_ids`` (a day's sessions from
        the calendar: they are next to each other in the list, newest first)."""
        rows = [row for row in (self._reveal(i) for i in session_ids) if row is not None]
        if not rows:
            return False
        self.tabs.setCurrentIndex(SESSIONS_TAB)
        self.select_session_row(min(rows))
        self.sessions_view.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _on_sessions_view_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._show_session(self.sessions_model.record(current.row()))

    def _show_session(self, record: SessionRecord | None) -> None:
        self._selected_session = None if record is None else record.id
        if record is None or self._reader is None:
            self.detail_heading.setText("")
            self.session_sets_model.show_sets([], self.units)
            self.detail_records.hide()
            self._set_detail_enabled(False)
            return
        self.detail_heading.setText(session_heading(record, self.units))
        self.session_sets_model.show_sets(self._reader.sets_of_session(record.id), self.units)
        self.sets_view.resizeColumnsToContents()
        self._set_detail_enabled(True)
        if self.session_sets_model.rowCount():
            self.sets_view.selectRow(0)
        self.session_shown.emit(record.id)

    def show_session_records(self, lines: list[str]) -> None:
        """The records this session set (the controller works them out)."""
        if lines:
            self.detail_records.setText(
                translate("HistoryPage", "Records set: {records}").format(records=" · ".join(lines)))
            self.detail_records.show()
        else:
            self.detail_records.hide()

    def _set_detail_enabled(self, enabled: bool) -> None:
        for widget in (self.add_set_button, self.edit_button, self.delete_set_button,
                       self.delete_session_button):
            widget.setEnabled(enabled)

    @property
    def selected_session(self) -> SessionRecord | None:
        index = self.sessions_view.currentIndex()
        return self.sessions_model.record(index.row()) if index.isValid() else None

    def _selected_set(self, view: QTableView, model: SetsModel) -> LoggedSetRecord | None:
        index = view.currentIndex()
        return model.record(index.row()) if index.isValid() else None

    # -- exercises tab ----------------------------------------------------------------

    def _load_exercise_list(self) -> None:
        if self._reader is None:
            return
        self._exercises_stale = False
        db_path = self._reader.db_path

        def read() -> dict[str, int]:
            from app.storage.queries import LogReader

            reader = LogReader(db_path)  # this thread's own connection
            try:
                return reader.exercise_set_counts()
            finally:
                reader.close()

        self._count_reads.run(
            read, lambda counts: self._show_exercise_list(cast("dict[str, int]", counts)))

    def wait_for_reads(self) -> None:
        """Let the reads still running end (the window is closing)."""
        self._count_reads.wait()

    def _show_exercise_list(self, counts: dict[str, int]) -> None:
        current = self._exercise_to_show or self.exercise_combo.currentData()
        self._exercise_to_show = None
        self.exercise_combo.blockSignals(True)
        self.exercise_combo.clear()
        for slug, count in sorted(counts.items(), key=lambda pair: (-pair[1], self.name_of(pair[0]))):
            self.exercise_combo.addItem(
                translate("HistoryPage", "{name} (%n set(s))", n=count).format(name=self.name_of(slug)),
                slug)
        index = self.exercise_combo.findData(current) if current is not None else 0
        self.exercise_combo.setCurrentIndex(max(index, 0) if counts else -1)
        self.exercise_combo.blockSignals(False)
        self._show_exercise(self.exercise_combo.currentData())

    def _on_exercise_combo_current_index_changed(self, _index: int) -> None:
        self._show_exercise(self.exercise_combo.currentData())

    def _show_exercise(self, slug: str | None) -> None:
        reader = self._reader
        if reader is None or slug is None:
            self.exercise_sets_model.show_sets([], self.units)
            return
        first = reader.sets_of_exercise(slug, limit=PAGE_SIZE)

        def more(last: LoggedSetRecord) -> list[LoggedSetRecord]:
            page = reader.sets_of_exercise(slug, limit=PAGE_SIZE, before=(last.logged_at, last.id))
            self.exercise_sets_model.add_dates(reader.session_starts(
                sorted({s.session_id for s in page})))
            return page

        self.exercise_sets_model.show_sets(
            first, self.units, more if len(first) == PAGE_SIZE else None,
            reader.session_starts(sorted({s.session_id for s in first})))
        self.exercise_view.resizeColumnsToContents()

    def show_exercise(self, slug: str) -> None:
        """Open the Exercises tab on ``slug``."""
        self.tabs.setCurrentIndex(EXERCISES_TAB)
        if self._exercises_stale or self._count_reads.running():
            self._exercise_to_show = slug  # chosen when the list has been read
            if self._exercises_stale:
                self._load_exercise_list()
            return
        index = self.exercise_combo.findData(slug)
        if index >= 0:
            self.exercise_combo.setCurrentIndex(index)

    # -- records and progress tabs (built by the controller when first opened) ------

    def set_tab_content(self, tab: int, widget: QWidget) -> None:
        holder = {RECORDS_TAB: self.records_holder, PROGRESS_TAB: self.progress_holder,
                  CALENDAR_TAB: self.calendar_holder, RUNS_TAB: self.runs_holder}[tab]
        protect(widget)  # a tab built when first opened: its drop-downs too
        layout = holder.layout()
        assert layout is not None
        while layout.count():
            item = layout.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                old.hide()  # at once: deleteLater waits for the event loop
                old.deleteLater()
        layout.addWidget(widget)
        widget.show()  # a child added to a page already on screen starts hidden

    def _on_tabs_current_changed(self, index: int) -> None:
        if index == EXERCISES_TAB and self._exercises_stale:
            self._load_exercise_list()
        self.tab_shown.emit(index)

    # -- requests -------------------------------------------------------------

    def _on_sets_view_activated(self, _index: QModelIndex) -> None:
        self._on_edit_button_clicked()

    def _on_exercise_view_activated(self, _index: QModelIndex) -> None:
        self._on_exercise_edit_triggered()

    def _on_edit_button_clicked(self) -> None:
        record = self._selected_set(self.sets_view, self.session_sets_model)
        if record is not None:
            self.edit_set_requested.emit(record)

    def _on_delete_set_button_clicked(self) -> None:
        record = self._selected_set(self.sets_view, self.session_sets_model)
        if record is not None:
            self.delete_set_requested.emit(record)

    def _on_exercise_edit_triggered(self) -> None:
        record = self._selected_set(self.exercise_view, self.exercise_sets_model)
        if record is not None:
            self.edit_set_requested.emit(record)

    def _on_exercise_delete_triggered(self) -> None:
        record = self._selected_set(self.exercise_view, self.exercise_sets_model)
        if record is not None:
            self.delete_set_requested.emit(record)

    def _on_delete_session_button_clicked(self) -> None:
        if self.tabs.currentIndex() != SESSIONS_TAB:
            return
        record = self.selected_session
        if record is not None:
            self.delete_session_requested.emit(record)

    def _on_add_session_triggered(self) -> None:
        day = None
        view = self.calendar_view()
        if self.tabs.currentIndex() == CALENDAR_TAB and view is not None:
            day = view.current
        self.add_session_requested.emit(day)

    def _on_add_set_triggered(self) -> None:
        if self.tabs.currentIndex() != SESSIONS_TAB:
            return
        record = self.selected_session
        if record is not None:
            self.add_set_requested.emit(record)

    def _on_undo_action_triggered(self) -> None:
        if self.undo_button.isEnabled():
            self.undo_requested.emit()

    def show_last_change(self, text: str, can_undo: bool) -> None:
        self.change_label.setText(text)
        self.undo_button.setEnabled(can_undo)
