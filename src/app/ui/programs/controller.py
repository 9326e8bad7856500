"""The Programs page's writing side: follow, stop, and the athlete's own programs.

Every change is one job on the background writer; when it is stored the
window shows the log again (Today picks up the program followed).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.kernel.clock import Clock
from app.kernel.i18n import format_date, translate
from app.ui.base.alerts import Alerts
from app.ui.base.log_writer import LogWriter
from app.ui.programs.follow_dialog import FollowDialog

if TYPE_CHECKING:
    from app.coaching.book import ProgramBook
    from app.coaching.model import Program
    from app.logbook.entries import EnrolmentRecord
    from app.storage.queries import LogReader
    from app.storage.store import Store
    from app.ui.programs.editor import ProgramEditor
    from app.ui.programs.programs_page import ProgramsPage


def followed_words(program: Program | None, enrolment: EnrolmentRecord | None, today: date) -> str:
    if enrolment is None:
        return ""
    from app.ui.today.today_page import short_weekday_name

    name = program.name if program is not None else enrolment.program_slug
    start = enrolment.start_date
    days = ", ".join(short_weekday_name(d) for d in enrolment.weekdays)
    if start <= today:
        text = translate("programs_controller", "You follow <b>{program}</b> since {date}, on "
                         "{days}. Today (Ctrl+1) shows the session due.")
    else:
        text = translate("programs_controller", "You follow <b>{program}</b> from {date}, on "
                         "{days}. Today (Ctrl+1) shows the session due.")
    return text.format(program=name, date=format_date(start), days=days)


class ProgramsController(QObject):
    log_changed = Signal()
    status_changed = Signal(str)

    def __init__(self, page: ProgramsPage, book: Callable[[], ProgramBook], writer: LogWriter,
                 alerts: Alerts, clock: Clock, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._page = page
        self._book = book
        self._writer = writer
        self._alerts = alerts
        self._clock = clock
        self._parent_widget = parent_widget
        self._reader: LogReader | None = None
        self.follow_dialog: FollowDialog | None = None
        page.follow_requested.connect(self._on_page_follow_requested)
        page.stop_requested.connect(self._on_page_stop_requested)
        page.delete_requested.connect(self._on_page_delete_requested)
        page.new_requested.connect(self._on_page_new_requested)
        page.edit_requested.connect(self._on_page_edit_requested)
        page.duplicate_requested.connect(self._on_page_duplicate_requested)
        self.editor: ProgramEditor | None = None

    def today(self) -> date:
        return self._clock.now().astimezone().date()

    def show_log(self, reader: LogReader) -> None:
        self._reader = reader
        book = self._book()
        book.set_own(reader.user_programs(), (e.slug for e in reader.custom_exercises()))
        catalog = book.catalog
        names = {e.slug: e.name for e in catalog.exercises}
        names.update({e.slug: e.name for e in reader.custom_exercises()})
        self._page.name_of = lambda slug: names.get(slug, slug)
        self._page.sources = {s.id: f"{s.citation}. {s.summary}" for s in catalog.sources.values()}
        enrolment = reader.active_enrolment()
        followed = book.get(enrolment.program_slug) if enrolment else None
        self._page.show_programs(book.built_in(), book.own(), enrolment,
                                 followed_words(followed, enrolment, self.today()))

    # -- writing -------------------------------------------------------------------

    def _submit(self, job: Callable[[Store], Any], done: Callable[[Any], None],
                failed: Callable[[Exception], None] | None = None) -> None:
        def not_written(error: object) -> None:
            if failed is not None:
                failed(error if isinstance(error, Exception) else RuntimeError(str(error)))
            else:
                self._on_write_failed(error)

        self._writer.submit(job, done, not_written, receiver=self)

    def _on_write_failed(self, error: object) -> None:
        self._alerts.error(translate("ProgramsController", "Not saved"), translate(
            "ProgramsController", "The change could not be saved: {error}").format(error=error))

    def _changed(self, message: str) -> None:
        self.status_changed.emit(message)
        self.log_changed.emit()

    # -- following ------------------------------------------------------------------

    def _on_page_follow_requested(self, slug: str) -> None:
        program = self._book().get(slug)
        if program is None:
            return
        current = self._reader.active_enrolment() if self._reader is not None else None
        weekdays = current.weekdays if current is not None else None
        if weekdays is None and self._reader is not None:  # the days given in the welcome
            days = self._reader.get_setting("training_weekdays")
            if isinstance(days, list) and days and all(isinstance(d, int) for d in days):
                weekdays = tuple(days)
        dialog = FollowDialog(program, self.today(), weekdays, self._parent_widget)
        self.follow_dialog = dialog
        dialog.follow_requested.connect(self._on_follow_dialog_follow_requested)
        dialog.finished.connect(self._on_follow_dialog_finished)
        dialog.open()

    def _on_follow_dialog_finished(self, _result: int) -> None:
        self.follow_dialog = None

    def _on_follow_dialog_follow_requested(self, slug: str, start: date,
                                           weekdays: tuple[int, ...]) -> None:
        dialog = self.follow_dialog
        program = self._book().get(slug)
        name = program.name if program else slug

        def followed(_result: Any) -> None:
            if dialog is not None and self.follow_dialog is dialog:
                dialog.accept()
            self._changed(translate("ProgramsController", "You now follow {program}").format(
                program=name))

        def failed(exc: Exception) -> None:
            if dialog is not None and self.follow_dialog is dialog:
                dialog.warning.setText(
                    translate("ProgramsController", "Not saved: {error}").format(error=exc))

        self._submit(lambda store: store.enrol(slug, start, weekdays), followed, failed)

    def _on_page_stop_requested(self) -> None:
        if not self._alerts.confirm(
                translate("ProgramsController", "Stop following"),
                translate("ProgramsController", "Stop following this program? The sessions you did "
                          "stay in your history."),
                translate("ProgramsController", "Stop following")):
            return
        self._submit(lambda store: store.end_enrolment(), lambda _r: self._changed(
            translate("ProgramsController", "You no longer follow a program")))

    # -- the athlete's own programs --------------------------------------------------

    def _open_editor(self, title: str, definition: dict[str, Any], slug: str | None) -> None:
        from app.coaching.loader import program_check
        from app.ui.programs.editor import ProgramEditor

        book = self._book()
        customs = self._reader.custom_exercises() if self._reader is not None else []
        exercises = [(e.slug, e.name) for e in book.catalog.exercises]
        exercises += [(e.slug, e.name) for e in customs]
        # Where the loader's complaints say they are: the program being edited.
        check = program_check(book.catalog, [e.slug for e in customs],
                              translate("ProgramsController", "your program"), slug)

        editor = ProgramEditor(title, definition, slug, exercises, check, self._parent_widget)
        self.editor = editor
        editor.save_requested.connect(self._on_editor_save_requested)
        editor.finished.connect(self._on_editor_finished)
        editor.open()

    def _on_editor_finished(self, _result: int) -> None:
        self.editor = None

    def _on_page_new_requested(self) -> None:
        # No weeks yet: the editor starts the program with its first session.
        self._open_editor(translate("ProgramsController", "New program"), {
            "name": "", "summary": "", "level": "beginner", "repeat": True, "weeks": []}, None)

    def _on_page_edit_requested(self, slug: str) -> None:
        from app.coaching.loader import program_to_dict

        program = self._book().get(slug)
        if program is not None and program.custom:
            self._open_editor(translate("ProgramsController", "Edit {program}").format(
                program=program.name), program_to_dict(program), slug)

    def _on_page_duplicate_requested(self, slug: str) -> None:
        from app.coaching.loader import program_to_dict

        program = self._book().get(slug)
        if program is None:
            return
        definition = program_to_dict(program)
        definition.pop("slug", None)
        definition["name"] = translate("ProgramsController", "{program} (my version)").format(
            program=program.name)[:80]
        self._open_editor(translate("ProgramsController", "Duplicate {program}").format(
            program=program.name), definition, None)

    def _on_editor_save_requested(self, slug: str | None, name: str,
                                  definition: dict[str, Any]) -> None:
        editor = self.editor
        stored = {k: v for k, v in definition.items() if k not in ("slug", "name")}

        def saved(new_slug: Any) -> None:
            if editor is not None and self.editor is editor:
                editor.accept()
            self._changed(translate("ProgramsController", "Saved {program}").format(program=name))
            self._page.select(str(new_slug))

        def failed(exc: Exception) -> None:
            if editor is not None and self.editor is editor:
                editor.show_save_failed(str(exc))

        self._submit(lambda store: store.save_user_program(slug, name, stored), saved, failed)

    def _on_page_delete_requested(self, slug: str) -> None:
        program = self._book().get(slug)
        if program is None or not program.custom:
            return
        if not self._alerts.confirm(
                translate("ProgramsController", "Delete program"),
                translate("ProgramsController", "Delete “{program}”? Sessions you did with it stay "
                          "in your history.").format(program=program.name),
                translate("ProgramsController", "Delete")):
            return
        self._submit(lambda store: store.delete_user_program(slug), lambda _r: self._changed(
            translate("ProgramsController", "Deleted {program}").format(program=program.name)))
