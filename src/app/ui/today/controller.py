"""Today's logic in the window: what is due, and starting it.

Starting hands the session due (with its progression targets) to the
window's start path (MainWindow.begin_session): the 48-hour question, the
readiness check, then the session, stored with its program day and the
answers - the same for every way a session starts.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from app.kernel.clock import Clock
from app.kernel.i18n import format_date, translate
from app.ui.base.alerts import Alerts

if TYPE_CHECKING:
    from app.coaching.book import ProgramBook
    from app.session.plan import SessionPlan
    from app.storage.coaching_queries import CoachingReader
    from app.storage.queries import LogReader
    from app.ui.base.log_writer import LogWriter
    from app.ui.today.body_note_dialog import BodyNoteDialog
    from app.ui.today.today_page import TodayPage
    from app.usecases.today import TodayView

log = logging.getLogger(__name__)


def due_words(view: TodayView, today: date) -> str:
    due = view.due
    if due is None:
        return translate("today_controller", "You have done every session of this program. "
                         "Choose another on the Programs page.")
    if due.planned_date > today:
        return translate("today_controller", "Next session: {date}. You can do it today if you "
                         "like.").format(date=format_date(due.planned_date))
    if due.overdue_days == 0 or due.planned_date == today:
        return translate("today_controller", "Due today.")
    return translate("today_controller", "Was due {date} (%n day(s) ago).",
                     n=due.overdue_days).format(date=format_date(due.planned_date))


def import_today_rules() -> None:
    """Import what building Today's view needs (its rules and queries), from
    any thread: the window's database loader does it in its worker thread
    so that the first show_log on the UI thread does not pay for it."""
    import app.coaching.planning
    import app.coaching.progression
    import app.coaching.schedule
    import app.coaching.watch
    import app.coaching.words
    import app.logbook.settings
    import app.storage.coaching_queries
    import app.usecases.today  # noqa: F401


class TodayController(QObject):
    def __init__(self, page: TodayPage, book: Callable[[], ProgramBook], alerts: Alerts,
                 clock: Clock, db_path: Any, start: Callable[[SessionPlan], None],
                 parent_widget: QWidget, writer: LogWriter | None = None) -> None:
        super().__init__(parent_widget)
        self._page = page
        self._book = book
        self._alerts = alerts
        self._clock = clock
        self._db_path = db_path
        self._start = start
        self._parent_widget = parent_widget
        self._reader: LogReader | None = None
        self._coaching: CoachingReader | None = None
        self.view: TodayView | None = None
        # Today's own writes (a quick note, keeping one's place, the restart)
        # go through the window's writer, in order with the session's.
        self._writer: LogWriter | None = writer if writer is not None else getattr(
            parent_widget, "writer", None)
        self.note_dialog: BodyNoteDialog | None = None
        page.start_requested.connect(self._on_page_start_requested)
        page.note_requested.connect(self._on_page_note_requested)
        page.keep_place_requested.connect(self._on_page_keep_place_requested)

    def now(self) -> datetime:
        return self._clock.now()

    def close(self) -> None:
        if self._coaching is not None:
            self._coaching.close()
            self._coaching = None

    def show_log(self, reader: LogReader) -> None:
        self._reader = reader
        enrolment = reader.active_enrolment()
        if enrolment is None:
            self.view = None
            self._page.show_nothing_followed()
            return
        # Imported once a program is followed: an athlete who follows none
        # never needs Today's rules, and the first screen does not wait for
        # them (~6 ms; the database loader warms them when one is followed).
        from app.logbook.settings import load_settings
        from app.usecases.today import build_today

        book = self._book()
        book.set_own(reader.user_programs(), (e.slug for e in reader.custom_exercises()))
        program = book.get(enrolment.program_slug)
        if program is None:
            self.view = None
            self._page.show_nothing_followed()
            self._page.last_session.setText(translate(
                "TodayController", "The program you follow ({program}) cannot be read any more; "
                "choose one on the Programs page.").format(program=enrolment.program_slug))
            self._page.last_session.show()
            return
        if self._coaching is None:
            from app.storage.coaching_queries import CoachingReader

            self._coaching = CoachingReader(self._db_path)
        now = self.now()
        self.view = build_today(program, enrolment, reader, self._coaching, book.catalog,
                                load_settings(reader.get_setting), now)
        self._page.show_today(self.view, due_words(self.view, now.astimezone().date()),
                              {key: source.citation for key, source in book.catalog.sources.items()})

    # -- starting ---------------------------------------------------------------------

    def _on_page_start_requested(self) -> None:
        view = self.view
        if view is None or view.due is None or self._reader is None:
            return
        if view.restart is not None and self._writer is not None:
            # Starting the session a restart made due accepts the restart: it
            # is stored (ahead of the session, by the same writer) so the
            # program goes on from it.
            from app.usecases.today import store_restart

            self._submit(lambda store: store_restart(store, view))
        self._start(view.plan(self._book().catalog, self._reader.custom_exercises()))

    # -- keeping one's place after a layoff -------------------------------------------

    def _on_page_keep_place_requested(self) -> None:
        view = self.view
        if view is None or view.restart is None or self._writer is None:
            return
        from app.usecases.today import RESTART_DECLINED_SETTING

        value = view.restart.declined_value()
        self._submit(lambda store: store.set_setting(RESTART_DECLINED_SETTING, value))

    # -- the quick note ---------------------------------------------------------------

    def _on_page_note_requested(self) -> None:
        if self._writer is None:
            return
        if self.note_dialog is not None:
            self.note_dialog.raise_()
            return
        from app.ui.today.body_note_dialog import BodyNoteDialog

        dialog = BodyNoteDialog(self._parent_widget)
        self.note_dialog = dialog
        dialog.save_requested.connect(self._on_note_dialog_save_requested)
        dialog.finished.connect(self._on_note_dialog_finished)
        dialog.open()

    def _on_note_dialog_save_requested(self, soreness: object, run_pain: object, words: str) -> None:
        self._submit(lambda store: store.add_body_note(
            soreness=soreness, run_pain=run_pain, words=words), note_dialog=self.note_dialog)

    def _on_note_dialog_finished(self, _result: int) -> None:
        self.note_dialog = None

    # -- writes ------------------------------------------------------------------------

    def _submit(self, job: Callable[[Any], object],
                note_dialog: BodyNoteDialog | None = None) -> None:
        """``job`` on the window's writer; Today is read again once it is
        done. ``note_dialog``: the quick note the job saves, closed once it
        is stored (if it is still the one open)."""
        if self._writer is not None:
            self._writer.submit(job, lambda _result: self._on_written(note_dialog),
                                lambda error: self._on_write_failed(note_dialog, error),
                                receiver=self)

    def _on_written(self, note_dialog: BodyNoteDialog | None) -> None:
        if note_dialog is not None and note_dialog is self.note_dialog:
            note_dialog.accept()
        if self._reader is not None:
            self.show_log(self._reader)

    def _on_write_failed(self, note_dialog: BodyNoteDialog | None, error: object) -> None:
        if note_dialog is not None and note_dialog is self.note_dialog:
            note_dialog.show_error(str(error))  # the note stays in the dialog
            return
        self._alerts.error(translate("TodayController", "Not saved"),
                           translate("TodayController", "Today's change was not saved: {error}")
                           .format(error=error))
