"""History's writing side: corrections with undo, imports and exports.

Binds the History page's *_requested signals to dialogs and to the
background writer. Every write is one job on the writer's thread; the page
is shown again when it is stored, and the last change can be undone.
"""

# One module because every correction, import and export here shares one undo
# slot and one way back to the page (show the log again once the write is
# stored); split, two parts could each undo or refresh on their own.

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from app.kernel.clock import Clock, SystemClock
from app.kernel.i18n import QT_TRANSLATE_NOOP, format_integer, translate
from app.logbook.entries import LoggedSetRecord, SessionRecord, SetEntry
from app.logbook.formatting import session_title
from app.ui.base.alerts import Alerts
from app.ui.base.background import BackgroundJob, LatestRead
from app.ui.base.log_writer import LogWriter
from app.ui.history.additions import SessionAdded, SetAdded
from app.ui.history.import_dialog import ImportDialog
from app.ui.history.records_lookup import RecordsLookup
from app.ui.history.session_dialog import AddSessionDialog, PastSession
from app.ui.history.set_dialog import SetEditDialog
from app.usecases.corrections import Change, SessionDeleted, SetDeleted, SetEdited

if TYPE_CHECKING:
    from datetime import date

    from app.catalog.model import Catalog
    from app.exchange.model import ImportedLog
    from app.exchange.plan import ImportPlan
    from app.exchange.writer import ImportResult
    from app.kernel.paths import AppPaths
    from app.logbook.runs import RunRecord, RunTag
    from app.progress.calendar import TrainingDay
    from app.progress.queries import ProgressReader
    from app.progress.records import PersonalRecord
    from app.storage.queries import LogReader
    from app.storage.store import Store
    from app.ui.history.body_weight_view import BodyWeightForm
    from app.ui.history.calendar_view import CalendarView
    from app.ui.history.charts_view import ProgressView
    from app.ui.history.history_page import HistoryPage
    from app.ui.history.records_view import RecordsView
    from app.ui.history.run_import import RunImportJob, RunImportOutcome
    from app.ui.history.runs_view import RunsView

log = logging.getLogger(__name__)

EXPORT_FILTERS = {"csv": QT_TRANSLATE_NOOP("HistoryController", "CSV files (*.csv)"),
                  "json": QT_TRANSLATE_NOOP("HistoryController", "JSON files (*.json)")}
IMPORT_FILTER = QT_TRANSLATE_NOOP("HistoryController",
                                  "Exports (*.csv *.json *.txt);;All files (*)")


class HistoryController(QObject):
    log_changed = Signal()  # something was written: pages showing the log should read it again
    status_changed = Signal(str)  # a line for the status bar

    def __init__(self, page: HistoryPage, writer: LogWriter, alerts: Alerts, paths: AppPaths,
                 catalog: Callable[[], Catalog], parent_widget: QWidget, *,
                 clock: Clock | None = None) -> None:
        super().__init__(parent_widget)
        self._clock: Clock = clock or SystemClock()
        self._page = page
        self._writer = writer
        self._alerts = alerts
        self._paths = paths
        self._catalog = catalog
        self._parent_widget = parent_widget
        self._reader: LogReader | None = None
        self._names: dict[str, str] = {}
        self._jobs: list[BackgroundJob] = []
        # The Records tab's reads: a newer one replaces an older still running.
        self._records_reads = LatestRead(self)
        self.last_change: Change | None = None
        self.set_dialog: SetEditDialog | None = None
        self.import_dialog: ImportDialog | None = None
        self.session_dialog: AddSessionDialog | None = None
        # Seams: tests answer these instead of a file dialog.
        self.choose_import_file: Callable[[], Path | None] = self._ask_import_file
        self.choose_export_file: Callable[[str], Path | None] = self._ask_export_file
        page.edit_set_requested.connect(self._on_page_edit_set_requested)
        page.delete_set_requested.connect(self._on_page_delete_set_requested)
        page.delete_session_requested.connect(self._on_page_delete_session_requested)
        page.undo_requested.connect(self._on_page_undo_requested)
        page.import_requested.connect(self._on_page_import_requested)
        page.export_requested.connect(self._on_page_export_requested)
        page.session_shown.connect(self._on_page_session_shown)
        page.tab_shown.connect(self._on_page_tab_shown)
        page.add_session_requested.connect(self._on_page_add_session_requested)
        page.add_set_requested.connect(self._on_page_add_set_requested)
        page.import_runs_requested.connect(self._on_page_import_runs_requested)
        # The Runs tab, the running and body charts (issue 18): built when first shown.
        self.runs_view: RunsView | None = None
        self.run_import: RunImportJob | None = None
        self.body_weight_form: BodyWeightForm | None = None
        self.choose_run_sources: Callable[[bool], list[Path]] = self._ask_run_sources
        # In a process of its own (None: where run_import decides); tests that
        # stand in for the use case keep it in this process.
        self.import_runs_in_process: bool | None = None
        self._progress_reader: ProgressReader | None = None
        self.records_view: RecordsView | None = None
        self.progress_view: ProgressView | None = None
        self.calendar_view: CalendarView | None = None
        self.records_lookup = RecordsLookup(paths.database, self)
        self.records_lookup.found.connect(self._on_records_lookup_found)

    def show_log(self, reader: LogReader) -> None:
        """Read the exercise names once per refresh: the tables ask for a name
        every time they paint a cell."""
        self._reader = reader
        self._names = self.names()
        self._page.name_of = self.name_of

    def name_of(self, slug: str) -> str:
        return self._names.get(slug, slug)

    def exercise_choices(self) -> list[tuple[str, str]]:
        pairs = [(e.slug, e.name) for e in self._catalog().exercises]
        if self._reader is not None:
            pairs += [(e.slug, e.name) for e in self._reader.custom_exercises()]
        return pairs

    def wait(self) -> None:
        """Let running imports and exports finish (the window is closing)."""
        for job in self._jobs:
            job.wait()
        if self.run_import is not None:  # stops after the file being read
            self.run_import.cancel()
            self.run_import.wait()
        self._records_reads.wait()
        self._page.wait_for_reads()
        if self.progress_view is not None:
            self.progress_view.wait_for_reads()
        self.records_lookup.close()
        if self._progress_reader is not None:
            self._progress_reader.close()
            self._progress_reader = None

    # -- the records and progress tabs -------------------------------------------

    def names(self) -> dict[str, str]:
        """Exercise names by slug: the library and the athlete's own."""
        return dict(self.exercise_choices())

    def hamstring_slugs(self) -> set[str]:
        from app.usecases.today import hamstring_slugs

        customs = self._reader.custom_exercises() if self._reader is not None else []
        return hamstring_slugs(self._catalog(), customs)

    def _progress(self) -> ProgressReader:
        if self._progress_reader is None:
            from app.progress.queries import ProgressReader

            self._progress_reader = ProgressReader(self._paths.database)
        return self._progress_reader

    def _on_page_tab_shown(self, index: int) -> None:
        from app.ui.history.history_page import CALENDAR_TAB, PROGRESS_TAB, RECORDS_TAB, RUNS_TAB

        if self._reader is not None and index == CALENDAR_TAB:
            self._show_calendar()
            return
        if self._reader is not None and index == RUNS_TAB:
            self._show_runs()
            return
        if self._reader is None or index not in (RECORDS_TAB, PROGRESS_TAB):
            return
        names = self.names()
        if index == RECORDS_TAB:
            if self.records_view is None:
                from app.ui.history.records_view import RecordsView

                self.records_view = RecordsView()
                self._page.set_tab_content(RECORDS_TAB, self.records_view)
            self._read_records(names)
        else:
            if self.progress_view is None:
                from app.ui.history.charts_view import ProgressView

                self.progress_view = ProgressView()
                # Charts read every set of an exercise (up to ~1 s on a
                # 1,000,000-set log): in a worker thread, drawn when read.
                self.progress_view.read_in_worker(self._paths.database)
                self.progress_view.chart_saved.connect(self._on_progress_view_chart_saved)
                self.progress_view.save_failed.connect(self._on_progress_view_save_failed)
                self._add_running_charts(self.progress_view)
                self._page.set_tab_content(PROGRESS_TAB, self.progress_view)
            if self.body_weight_form is not None:
                self.body_weight_form.set_units(self._page.units)
                self.body_weight_form.set_today(self._today())
            self.progress_view.load(self._progress(), sorted(names.items(), key=lambda p: p[1]),
                                    self.hamstring_slugs(), self._page.units)

    def _read_records(self, names: dict[str, str]) -> None:
        """Records look at every set of the log (~0.5 s on a 1,000,000-set
        log): read in a worker thread on its own connection, shown when read,
        the window answering meanwhile."""
        database = self._paths.database
        units = self._page.units

        def read() -> Any:
            from app.progress.queries import ProgressReader

            reader = ProgressReader(database)  # this thread's own connection
            try:
                return reader.records()
            finally:
                reader.close()

        def show(records: object) -> None:
            if self.records_view is not None:
                self.records_view.show_records(cast("list[PersonalRecord]", records),
                                               lambda slug: names.get(slug, slug), units)

        self._records_reads.run(read, show, self._on_records_job_failed)

    def _on_records_job_failed(self, _message: str) -> None:
        # The reason is in the log file; a message would repeat SQLite's words.
        self.status_changed.emit(translate("HistoryController", "Your records could not be read"))

    # -- the calendar --------------------------------------------------------------

    def _today(self) -> date:
        return self._clock.now().astimezone().date()

    def _show_calendar(self) -> None:
        from app.ui.history.history_page import CALENDAR_TAB

        if self.calendar_view is None:
            from app.ui.history.calendar_view import CalendarView

            self.calendar_view = CalendarView(self._today())
            self.calendar_view.year_wanted.connect(self._on_calendar_view_year_wanted)
            self.calendar_view.day_activated.connect(self._on_calendar_view_day_activated)
            self.calendar_view.empty_day_activated.connect(
                self._on_calendar_view_empty_day_activated)
            self._page.set_tab_content(CALENDAR_TAB, self.calendar_view)
        self.calendar_view.set_today(self._today())
        self.calendar_view.reload()

    def _on_calendar_view_year_wanted(self, year: int) -> None:
        from app.progress.calendar import training_days, year_range

        if self.calendar_view is None:
            return
        # A year is a few hundred sessions through the session index: read here.
        sessions = self._progress().calendar_sessions(*year_range(year))
        self.calendar_view.set_days(year, training_days(sessions, year))

    def _on_calendar_view_day_activated(self, day: TrainingDay) -> None:
        from app.kernel.i18n import format_date

        if not self._page.open_sessions(day.session_ids):
            return
        if len(day.sessions) > 1:
            self.status_changed.emit(translate(
                "HistoryController", "%n sessions on {day}: the list shows them one under the "
                "other (Down for the next)", n=len(day.sessions)).format(day=format_date(day.day)))

    def _on_calendar_view_empty_day_activated(self, day: date) -> None:
        from app.kernel.i18n import format_date

        self.status_changed.emit(translate(
            "HistoryController", "No session on {day}: Ctrl+N adds one you did").format(
            day=format_date(day)))

    def _on_progress_view_chart_saved(self, path: Path) -> None:
        self.status_changed.emit(
            translate("HistoryController", "Chart saved to {file}").format(file=path))

    def _on_progress_view_save_failed(self, message: str) -> None:
        self._alerts.error(translate("HistoryController", "Chart not saved"), message)

    # -- the runs, the running load, body weight, left and right (issue 18) --------

    def _add_running_charts(self, view: ProgressView) -> None:
        from app.ui.history.body_weight_view import BodyWeightForm, body_weight_chart
        from app.ui.history.load_chart import running_load_chart
        from app.ui.history.sides_chart import sides_chart

        sources = {source.id: source.citation for source in self._catalog().sources.values()}
        view.add_chart(running_load_chart(self._today, sources))
        self.body_weight_form = BodyWeightForm(self._today(), self._page.units)
        self.body_weight_form.save_requested.connect(self._on_body_weight_form_save_requested)
        view.add_chart(body_weight_chart(self.body_weight_form))
        view.add_chart(sides_chart(sources))

    def _on_body_weight_form_save_requested(self, day: date, kg: float) -> None:
        form = self.body_weight_form

        def saved(record: Any) -> None:
            if form is not None:
                form.show_saved(record)
            self.log_changed.emit()  # the chart, and loads shown relative to it

        def failed(exc: Exception) -> None:
            if form is not None:
                form.show_save_failed(str(exc))

        self._submit(lambda store: store.set_body_weight(day, kg), saved, failed)

    def _show_runs(self) -> None:
        from app.ui.history.history_page import RUNS_TAB

        if self.runs_view is None:
            from app.ui.history.runs_view import RunsView

            view = RunsView()
            view.import_files_requested.connect(lambda: self._on_page_import_runs_requested(False))
            view.import_folder_requested.connect(lambda: self._on_page_import_runs_requested(True))
            view.cancel_import_requested.connect(self._on_runs_view_cancel_import_requested)
            view.retag_requested.connect(self._on_runs_view_retag_requested)
            view.delete_requested.connect(self._on_runs_view_delete_requested)
            self.runs_view = view
            self._page.set_tab_content(RUNS_TAB, view)
        if self._reader is not None:
            self.runs_view.show_runs(self._reader, self._page.units)

    def _on_runs_view_retag_requested(self, record: RunRecord, tag: RunTag) -> None:
        from app.ui.history.runs_view import RunTagged

        def tagged(after: Any) -> None:
            change = RunTagged(record, after)
            self._changed(change, change.description)

        self._submit(lambda store: store.set_run_tag(record.id, tag), tagged)

    def _on_runs_view_delete_requested(self, record: RunRecord) -> None:
        from app.ui.history.runs_view import RunDeleted

        def deleted(result: Any) -> None:
            change = RunDeleted(result)
            self._changed(change, change.description)

        self._submit(lambda store: store.delete_run(record.id), deleted)

    def _ask_run_sources(self, folder: bool) -> list[Path]:
        from app.ui.history.run_import import ask_run_sources

        return ask_run_sources(self._parent_widget, folder)

    def _on_page_import_runs_requested(self, folder: bool) -> None:
        if self._reader is None or self.run_import is not None:
            return
        sources = self.choose_run_sources(folder)
        if sources:
            self.start_run_import(sources)

    def start_run_import(self, sources: list[Path]) -> None:
        """Import ``sources`` (files, folders, zips) in the background, the Runs
        tab showing how far it is; the summary comes when it ends."""
        from app.logbook.runs import distance_unit
        from app.ui.history.run_import import RunImportJob

        self._page.show_runs()
        self._show_runs()
        assert self.runs_view is not None
        where = {} if self.import_runs_in_process is None else {
            "in_process": self.import_runs_in_process}
        job = RunImportJob(sources, self._paths, self._clock, self,
                           distance_unit=distance_unit(self._page.units), **where)
        job.progress.connect(self.runs_view.show_progress)
        job.finished.connect(self._on_run_import_finished)
        job.failed.connect(self._on_run_import_failed)
        self.run_import = job
        self.runs_view.show_import_started(len(sources))
        self.status_changed.emit(translate("HistoryController", "Importing runs…"))
        job.start()

    def _on_runs_view_cancel_import_requested(self) -> None:
        if self.run_import is not None and self.runs_view is not None:
            self.run_import.cancel()
            self.runs_view.show_cancelling()

    def _on_run_import_finished(self, outcome: RunImportOutcome) -> None:
        from app.ui.history.run_import import import_summary

        self.run_import = None
        summary, refused = import_summary(outcome)
        if self.runs_view is not None:
            self.runs_view.show_import_ended(summary, refused)
        self._changed(None, summary)

    def _on_run_import_failed(self, message: str) -> None:
        self.run_import = None
        failed = translate("HistoryController", "The import stopped: {error}. The files read "
                           "before it stopped are in the log.").format(error=message)
        if self.runs_view is not None:
            self.runs_view.show_import_ended(failed, [])
        self._changed(None, failed)

    # -- records of the session shown --------------------------------------------

    def _on_page_session_shown(self, session_id: int) -> None:
        self._page.show_session_records([])
        self.records_lookup.ask(session_id)

    def _on_records_lookup_found(self, session_id: int, records: object) -> None:
        shown = self._page.selected_session
        if shown is None or shown.id != session_id:
            return  # the athlete has moved on
        from app.progress.records import describe_record

        beaten = [r for r in records if r.previous is not None]  # type: ignore[attr-defined]
        self._page.show_session_records(
            [describe_record(r, self._page.units, self.name_of) for r in beaten])

    # -- writing through the writer ------------------------------------------------

    def _submit(self, job: Callable[[Store], Any], done: Callable[[Any], None],
                failed: Callable[[Exception], None] | None = None) -> None:
        self._writer.submit(job, done, lambda error: self._on_write_failed(error, failed),
                            receiver=self)

    def _on_write_failed(self, error: object, failed: Callable[[Exception], None] | None) -> None:
        exc = error if isinstance(error, Exception) else RuntimeError(str(error))
        if failed is not None:
            failed(exc)
        else:
            self._alerts.error(translate("HistoryController", "Not saved"),
                               translate("HistoryController", "The change could not be saved: "
                                         "{error}").format(error=exc))
            self.log_changed.emit()  # show what is really stored

    def _changed(self, change: Change | None, message: str) -> None:
        self.last_change = change
        shown = translate("HistoryController", "{change} · Ctrl+Z to undo").format(
            change=message) if change else message
        self._page.show_last_change(shown, change is not None)
        self.status_changed.emit(message)
        self.log_changed.emit()

    # -- corrections ------------------------------------------------------------

    def _on_page_edit_set_requested(self, record: LoggedSetRecord) -> None:
        name = self.name_of(record.exercise_slug)
        title = translate("HistoryController", "Change {exercise} set {number}").format(
            exercise=name, number=format_integer(record.set_number))
        dialog = SetEditDialog(record, self.exercise_choices(), title, self._parent_widget)
        self.set_dialog = dialog
        dialog.save_requested.connect(self._on_set_dialog_save_requested)
        dialog.finished.connect(self._on_set_dialog_finished)
        dialog.open()

    def _on_set_dialog_finished(self, _result: int) -> None:
        self.set_dialog = None

    def _on_set_dialog_save_requested(self, entry: SetEntry) -> None:
        dialog = self.set_dialog
        if dialog is None or dialog.record is None:
            return
        set_id = dialog.record.id

        def saved(result: Any) -> None:
            before, after = result
            if self.set_dialog is dialog:
                dialog.accept()
            change = SetEdited(before, after, self.name_of(before.exercise_slug))
            self._changed(change, change.description)

        def failed(exc: Exception) -> None:
            if self.set_dialog is dialog:
                dialog.show_save_failed(str(exc))

        self._submit(lambda store: store.update_set(set_id, entry), saved, failed)

    # -- additions by hand ---------------------------------------------------------

    def _units(self) -> str:
        return self._page.units

    def _on_page_add_session_requested(self, day: date | None) -> None:
        if self.session_dialog is not None:
            return
        dialog = AddSessionDialog(self.exercise_choices(), self._clock.now(), self._units(), day,
                                  self._parent_widget)
        self.session_dialog = dialog
        dialog.save_requested.connect(self._on_session_dialog_save_requested)
        dialog.finished.connect(self._on_session_dialog_finished)
        dialog.open()

    def _on_session_dialog_finished(self, _result: int) -> None:
        self.session_dialog = None

    def _on_session_dialog_save_requested(self, session: PastSession) -> None:
        dialog = self.session_dialog
        if dialog is None:
            return

        def saved(result: Any) -> None:
            record, sets = result
            if self.session_dialog is dialog:
                dialog.accept()
            self._page.keep_session(record.id)
            change = SessionAdded(record, tuple(sets), session_title(record))
            self._changed(change, change.description)

        def failed(exc: Exception) -> None:
            if self.session_dialog is not dialog:
                return
            from app.logbook.entries import InvalidEntryError

            if isinstance(exc, InvalidEntryError):  # the Store's own checks: next to the field
                dialog.buttons.setEnabled(True)
                dialog.status.clear()
                dialog.show_problem(exc.field, exc.message)
            else:
                dialog.show_save_failed(str(exc))

        self._submit(lambda store: store.add_session(session.started_at, session.ended_at,
                                                     session.title, session.sets), saved, failed)

    def _on_page_add_set_requested(self, record: SessionRecord) -> None:
        if self.set_dialog is not None or self._reader is None:
            return
        sets = self._reader.sets_of_session(record.id)
        last = sets[-1] if sets else None
        exercise = last.exercise_slug if last is not None else None
        number = sum(1 for s in sets if s.exercise_slug == exercise) + 1
        title = translate("HistoryController", "Add a set to {session}").format(
            session=session_title(record))
        dialog = SetEditDialog(None, self.exercise_choices(), title, self._parent_widget,
                               exercise=exercise, set_number=number,
                               load_unit=last.load_unit if last is not None else self._units())
        self.set_dialog = dialog
        dialog.save_requested.connect(
            lambda entry: self._on_add_set_dialog_save_requested(record.id, entry))
        dialog.finished.connect(self._on_set_dialog_finished)
        dialog.open()

    def _on_add_set_dialog_save_requested(self, session_id: int, entry: SetEntry) -> None:
        dialog = self.set_dialog
        if dialog is None:
            return

        def saved(result: Any) -> None:
            if self.set_dialog is dialog:
                dialog.accept()
            change = SetAdded(result, self.name_of(result.exercise_slug))
            self._changed(change, change.description)

        def failed(exc: Exception) -> None:
            if self.set_dialog is dialog:
                dialog.show_save_failed(str(exc))

        self._submit(lambda store: store.add_set(session_id, entry), saved, failed)

    def _on_page_delete_set_requested(self, record: LoggedSetRecord) -> None:
        name = self.name_of(record.exercise_slug)

        def deleted(result: Any) -> None:
            change = SetDeleted(result, name)
            self._changed(change, change.description)

        self._submit(lambda store: store.delete_set(record.id), deleted)

    def _on_page_delete_session_requested(self, record: SessionRecord) -> None:
        title = session_title(record)
        if not self._alerts.confirm(
                translate("HistoryController", "Delete session"),
                translate("HistoryController", "Delete “{title}” and its %n set(s)? Undo (Ctrl+Z) "
                          "brings them back.", n=record.set_count).format(title=title),
                translate("HistoryController", "Delete")):
            return

        def deleted(result: Any) -> None:
            session, sets = result
            change = SessionDeleted(session, tuple(sets), title)
            self._changed(change, change.description)

        self._submit(lambda store: store.delete_session(record.id), deleted)

    def _on_page_undo_requested(self) -> None:
        change = self.last_change
        if change is None:
            return
        self.last_change = None
        self._page.show_last_change(translate("HistoryController", "Undoing…"), False)
        self._submit(change.undo, lambda _result: self._changed(
            None, translate("HistoryController", "Undone: {change}").format(
                change=change.description)))

    # -- import ---------------------------------------------------------------------

    def _ask_import_file(self) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(
            self._parent_widget, translate("HistoryController", "Import sessions from a file"),
            str(Path.home()), translate("HistoryController", IMPORT_FILTER))
        return Path(name) if name else None

    def _on_page_import_requested(self) -> None:
        if self._reader is None or any(job.is_running() for job in self._jobs):
            return
        path = self.choose_import_file()
        if path is None:
            return
        self.start_import(path)

    def start_import(self, path: Path) -> None:
        """Read and plan ``path`` off the UI thread, then show the import dialog."""
        from app.logbook.settings import load_settings

        assert self._reader is not None
        units = load_settings(self._reader.get_setting).units
        catalog = self._catalog()
        database = self._paths.database

        def read() -> Any:
            from app.storage.queries import LogReader
            from app.usecases.import_flow import read_and_plan

            reader = LogReader(database)  # this thread's own connection
            try:
                return read_and_plan(path, catalog, reader, default_unit=units)
            finally:
                reader.close()

        self.status_changed.emit(
            translate("HistoryController", "Reading {file}…").format(file=path.name))
        job = BackgroundJob(read, self)
        job.finished.connect(self._on_read_job_finished)
        job.failed.connect(self._on_read_job_failed)
        self._jobs.append(job)
        job.start()

    def _on_read_job_failed(self, message: str) -> None:
        self._jobs = [j for j in self._jobs if j.is_running()]
        self.status_changed.emit(translate("HistoryController", "Nothing was imported"))
        self._alerts.error(translate("HistoryController", "Cannot import this file"),
                           translate("HistoryController", "{error}\n\nNothing was imported.")
                           .format(error=message))

    def _on_read_job_finished(self, result: object) -> None:
        self._jobs = [j for j in self._jobs if j.is_running()]
        imported, mapping, plan = cast("tuple[ImportedLog, dict[str, str | None], ImportPlan]",
                                       result)
        self.status_changed.emit("")
        dialog = ImportDialog(plan, self.exercise_choices(), self._parent_widget)
        self.import_dialog = dialog
        dialog.import_confirmed.connect(
            lambda chosen: self._on_import_dialog_import_confirmed(dialog, imported, mapping, chosen))
        dialog.finished.connect(self._on_import_dialog_finished)
        dialog.open()

    def _on_import_dialog_finished(self, _result: int) -> None:
        self.import_dialog = None

    def _on_import_dialog_import_confirmed(self, dialog: ImportDialog, imported: ImportedLog,
                                           automatic: dict[str, str | None],
                                           chosen: dict[str, str | None]) -> None:
        from app.exchange.writer import apply_import
        from app.usecases.import_flow import remembered_choices

        assert self._reader is not None
        # The write decides every session again with this mapping: no second read here.
        plan = dialog.plan.with_mapping(chosen)
        remember = remembered_choices(chosen, automatic)

        def imported_ok(result: Any) -> None:
            if self.import_dialog is dialog:
                dialog.accept()
            self._changed(None, import_summary(imported.path, result))

        def failed(exc: Exception) -> None:
            if self.import_dialog is dialog:
                dialog.show_failed(str(exc))

        self._submit(lambda store: apply_import(store, plan, remember), imported_ok, failed)

    # -- export ---------------------------------------------------------------------

    def _ask_export_file(self, fmt: str) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(
            self._parent_widget,
            translate("HistoryController", "Export the log as {format}").format(format=fmt.upper()),
            str(Path.home() / f"hamstride-log.{fmt}"),
            translate("HistoryController", EXPORT_FILTERS[fmt]))
        if not name:
            return None
        path = Path(name)
        return path if path.suffix else path.with_suffix(f".{fmt}")

    def _on_page_export_requested(self, fmt: str) -> None:
        if self._reader is None:
            return
        path = self.choose_export_file(fmt)
        if path is None:
            return
        self.start_export(fmt, path)

    def start_export(self, fmt: str, path: Path) -> None:
        database = self._paths.database

        def export() -> Any:
            from app.storage.queries import LogReader
            from app.usecases.export import export_csv, export_json

            reader = LogReader(database)
            try:
                return (export_csv if fmt == "csv" else export_json)(reader, path)
            except OSError as exc:  # the system's reason alone, not "[Errno 36] ... '/path'"
                raise RuntimeError(exc.strerror or str(exc)) from exc
            finally:
                reader.close()

        self.status_changed.emit(
            translate("HistoryController", "Exporting to {file}…").format(file=path.name))
        job = BackgroundJob(export, self)
        job.finished.connect(lambda count: self._on_export_job_finished(path, count))
        job.failed.connect(self._on_export_job_failed)
        self._jobs.append(job)
        job.start()

    def _on_export_job_finished(self, path: Path, count: int) -> None:
        self._jobs = [j for j in self._jobs if j.is_running()]
        exported = translate("HistoryController", "Exported %n set(s) to {file}", n=count)
        self.status_changed.emit(exported.format(file=path))
        self._page.show_last_change(exported.format(file=path.name), self.last_change is not None)

    def _on_export_job_failed(self, message: str) -> None:
        self._jobs = [j for j in self._jobs if j.is_running()]
        failed = translate("HistoryController", "Export failed")
        self.status_changed.emit(failed)
        self._alerts.error(failed, translate("HistoryController", "The file could not be written: "
                                             "{error}").format(error=message))


def import_summary(path: Path, result: ImportResult) -> str:
    # One count per message (Qt's plural forms take one): the sets are a
    # counted phrase of their own, put into the sentence about the sessions.
    sets = translate("history_controller", "%n set(s)",
                     n=result.sets_added - result.sets_added_to_existing)
    from app.exchange.writer import running_parts  # (loaded with the import itself)

    running = running_parts(result)  # runs, races, body weights, the planned week
    if result.sessions_added or not (result.sets_added_to_existing or running):
        parts = [translate("history_controller", "Imported %n session(s) with {sets} from {file}",
                           n=result.sessions_added).format(sets=sets, file=path.name)]
    else:  # only sets of workouts already in the log, or a running week: no "0 sessions"
        parts = [translate("history_controller", "Imported from {file}").format(file=path.name)]
    if result.sets_added_to_existing:
        parts.append(translate("history_controller", "%n set(s) added to sessions already in "
                               "the log", n=result.sets_added_to_existing))
    if result.skipped_sessions:
        parts.append(translate("history_controller", "%n were already in the log",
                               n=result.skipped_sessions))
    if result.body_notes_added:
        parts.append(translate("history_controller", "%n quick note(s)",
                               n=result.body_notes_added))
    parts.extend(running)
    if result.exercises_created:
        parts.append(translate("history_controller", "new custom exercises: {names}").format(
            names=", ".join(result.exercises_created)))
    return "; ".join(parts)
