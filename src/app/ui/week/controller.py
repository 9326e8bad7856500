"""The Week page's logic in the window: which week is shown, the planned
running week and races written, the calendar exported.

The week itself is built by the use case (app.usecases.week.build_week)
from the log; this controller only chooses the week (this one, or some
weeks before or after) and passes what it returns to the page. Each change
is one job on the window's writer; once it is stored the window reads the
log again (log_changed), and every page, Today's week included, shows it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from app.kernel.clock import Clock, monday_of
from app.kernel.i18n import translate
from app.ui.base.alerts import Alerts
from app.ui.base.background import BackgroundJob
from app.ui.base.log_writer import LogWriter

if TYPE_CHECKING:
    from app.coaching.book import ProgramBook
    from app.coaching.running_week import WeekPlan
    from app.logbook.runs import PlannedDay, RaceRecord
    from app.storage.queries import LogReader
    from app.storage.store import Store
    from app.ui.week.planned_week_dialog import PlannedWeekDialog
    from app.ui.week.races_dialog import RacesDialog
    from app.ui.week.week_page import WeekPage

# How many weeks the calendar file holds, from this week on (as `hamstride
# plan --ics` writes by default).
CALENDAR_WEEKS = 4


class WeekController(QObject):
    log_changed = Signal()
    status_changed = Signal(str)

    def __init__(self, page: WeekPage, book: Callable[[], ProgramBook], writer: LogWriter,
                 alerts: Alerts, clock: Clock, database: Path, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._page = page
        self._book = book
        self._writer = writer
        self._alerts = alerts
        self._clock = clock
        self._database = database
        self._parent_widget = parent_widget
        self._reader: LogReader | None = None
        self.offset = 0  # the week shown, in weeks from this one
        self.plan: WeekPlan | None = None
        self.plan_dialog: PlannedWeekDialog | None = None
        self.races_dialog: RacesDialog | None = None
        self._jobs: list[BackgroundJob] = []
        # Asks where to save the calendar; tests put a function of their own here.
        self.choose_calendar_file: Callable[[], Path | None] = self._ask_calendar_file
        page.previous_requested.connect(self._on_page_previous_requested)
        page.next_requested.connect(self._on_page_next_requested)
        page.this_week_requested.connect(self._on_page_this_week_requested)
        page.plan_requested.connect(self._on_page_plan_requested)
        page.races_requested.connect(self._on_page_races_requested)
        page.export_requested.connect(self._on_page_export_requested)

    def today(self) -> date:
        return self._clock.now().astimezone().date()

    def monday(self) -> date:
        """The Monday of the week shown."""
        return monday_of(self.today()) + timedelta(weeks=self.offset)

    # -- showing ------------------------------------------------------------------------

    def show_log(self, reader: LogReader) -> None:
        self._reader = reader
        if self.races_dialog is not None:
            self.races_dialog.show_races(reader.races())
        self._show()

    def _show(self) -> None:
        reader = self._reader
        if reader is None:
            return
        today = self.today()
        if not reader.has_running():
            self.plan = None
            self._page.show_nothing(today)
            return
        from app.logbook.settings import load_settings

        monday = self.monday()
        self.plan = self._build(reader, today, monday)
        sunday = monday + timedelta(days=6)
        races: dict[date, list[RaceRecord]] = {}
        for race in reader.races(since=monday):
            if race.day <= sunday:
                races.setdefault(race.day, []).append(race)
        citations = {key: source.citation for key, source in self._book().catalog.sources.items()}
        self._page.show_week(self.plan, today, races, load_settings(reader.get_setting).units,
                             citations)

    def _build(self, reader: LogReader, today: date, monday: date) -> WeekPlan:
        from app.usecases.week import build_weeks

        book = self._book()
        book.set_own(reader.user_programs(), (e.slug for e in reader.custom_exercises()))
        # tz None: the system's zone with its summer time, day by day (a fixed
        # offset taken now would put a run near midnight on the wrong day).
        return build_weeks(reader, book.catalog, book, today, None, weeks=1,
                           first_monday=monday)[0]

    def _on_page_previous_requested(self) -> None:
        if self.plan is not None:
            self.offset -= 1
            self._show()

    def _on_page_next_requested(self) -> None:
        if self.plan is not None:
            self.offset += 1
            self._show()

    def _on_page_this_week_requested(self) -> None:
        if self.offset:
            self.offset = 0
            self._show()

    # -- writing ------------------------------------------------------------------------

    def _submit(self, job: Callable[[Store], Any], done: Callable[[Any], None],
                failed: Callable[[str], None]) -> None:
        self._writer.submit(job, done, lambda error: failed(str(error)), receiver=self)

    def _changed(self, message: str) -> None:
        self.status_changed.emit(message)
        self.log_changed.emit()

    # -- the planned week ---------------------------------------------------------------

    def _on_page_plan_requested(self) -> None:
        if self._reader is None:
            return
        if self.plan_dialog is not None:
            self.plan_dialog.raise_()
            return
        from app.ui.week.planned_week_dialog import PlannedWeekDialog

        dialog = PlannedWeekDialog(self._reader.planned_week(), self._parent_widget)
        self.plan_dialog = dialog
        dialog.save_requested.connect(self._on_plan_dialog_save_requested)
        dialog.finished.connect(self._on_plan_dialog_finished)
        dialog.open()

    def _on_plan_dialog_finished(self, _result: int) -> None:
        self.plan_dialog = None

    def _on_plan_dialog_save_requested(self, days: tuple[PlannedDay, ...]) -> None:
        dialog = self.plan_dialog

        def saved(_result: Any) -> None:
            if dialog is not None and self.plan_dialog is dialog:
                dialog.accept()
            self._changed(translate("WeekController", "Your running week is saved"))

        def failed(error: str) -> None:
            if dialog is not None and self.plan_dialog is dialog:
                dialog.show_error(error)  # the choices stay in the dialog
            else:
                self._not_saved(error)

        self._submit(lambda store: store.set_planned_week(days), saved, failed)

    # -- races --------------------------------------------------------------------------

    def _on_page_races_requested(self) -> None:
        if self._reader is None:
            return
        if self.races_dialog is not None:
            self.races_dialog.raise_()
            return
        from app.ui.week.races_dialog import RacesDialog

        dialog = RacesDialog(self._reader.races(), self.today(), self._parent_widget)
        self.races_dialog = dialog
        dialog.add_requested.connect(self._on_races_dialog_add_requested)
        dialog.remove_requested.connect(self._on_races_dialog_remove_requested)
        dialog.finished.connect(self._on_races_dialog_finished)
        dialog.open()

    def _on_races_dialog_finished(self, _result: int) -> None:
        self.races_dialog = None

    def _on_races_dialog_add_requested(self, day: date, name: str) -> None:
        dialog = self.races_dialog

        def added(_result: Any) -> None:
            if dialog is not None and self.races_dialog is dialog:
                dialog.race_added()
            self._changed(translate("WeekController", "Race added: {name}").format(name=name))

        def failed(error: str) -> None:
            if dialog is not None and self.races_dialog is dialog:
                dialog.show_problem(error)  # what was typed stays
            else:
                self._not_saved(error)

        self._submit(lambda store: store.add_race(day, name), added, failed)

    def _on_races_dialog_remove_requested(self, race_id: int) -> None:
        dialog = self.races_dialog

        def failed(error: str) -> None:
            if dialog is not None and self.races_dialog is dialog:
                dialog.show_problem(error)
            else:
                self._not_saved(error)

        self._submit(lambda store: store.delete_race(race_id),
                     lambda _result: self._changed(translate("WeekController", "Race removed")),
                     failed)

    def _not_saved(self, error: str) -> None:
        self._alerts.error(translate("WeekController", "Not saved"),
                           translate("WeekController", "The change could not be saved: {error}")
                           .format(error=error))

    # -- the calendar -------------------------------------------------------------------

    def _ask_calendar_file(self) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(
            self._parent_widget, translate("WeekController", "Export the planned weeks"),
            str(Path.home() / "hamstride-week.ics"),
            translate("WeekController", "iCalendar files (*.ics)"))
        if not name:
            return None
        path = Path(name)
        return path if path.suffix else path.with_suffix(".ics")

    def _on_page_export_requested(self) -> None:
        if self._reader is None:
            return
        path = self.choose_calendar_file()
        if path is not None:
            self.export_calendar(path)

    def export_calendar(self, path: Path) -> None:
        """The planned strength days and runs of CALENDAR_WEEKS weeks from this
        one into ``path`` (app.usecases.week.export_plan, as `hamstride plan
        --ics`), read and written in a worker with a reader of its own."""
        database, today, now = self._database, self.today(), self._clock.now()
        book = self._book()  # its programs are read, not changed, in the worker

        def export() -> Any:
            from app.storage.queries import LogReader
            from app.usecases.week import export_plan

            reader = LogReader(database)
            try:
                plans = export_plan(reader, book.catalog, book, today, None, CALENDAR_WEEKS,
                                    path, now)
            except OSError as exc:  # the system's reason alone, not the path again
                raise RuntimeError(exc.strerror or str(exc)) from exc
            finally:
                reader.close()
            return sum(1 for plan in plans for day in plan.days
                       if day.strength is not None and day.strength.placed)

        self.status_changed.emit(translate("WeekController", "Exporting to {file}…").format(
            file=path.name))
        job = BackgroundJob(export, self)
        job.finished.connect(lambda count: self._on_export_job_finished(path, count))
        job.failed.connect(self._on_export_job_failed)
        self._jobs.append(job)
        job.start()

    def wait(self) -> None:
        """Until an export under way is written (the window waits before closing)."""
        for job in self._jobs:
            job.wait()

    def _on_export_job_finished(self, path: Path, count: int) -> None:
        self._jobs = [job for job in self._jobs if job.is_running()]
        self.status_changed.emit(translate(
            "WeekController", "%n strength session(s) of the next weeks, with the runs they are "
            "placed around, are in {file}", n=count).format(file=path))

    def _on_export_job_failed(self, message: str) -> None:
        self._jobs = [job for job in self._jobs if job.is_running()]
        failed = translate("WeekController", "Export failed")
        self.status_changed.emit(failed)
        self._alerts.error(failed, translate("WeekController", "The calendar file could not be "
                                             "written: {error}").format(error=message))
