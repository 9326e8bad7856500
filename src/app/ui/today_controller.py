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

from app.clock import Clock
from app.i18n import format_date, translate
from app.ui.alerts import Alerts

if TYPE_CHECKING:
    from app.program_book import ProgramBook
    from app.session.plan import SessionPlan
    from app.storage.coaching_queries import CoachingReader
    from app.storage.queries import LogReader
    from app.today import TodayView
    from app.ui.pages.today_page import TodayPage

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
    import app.programs.planning
    import app.programs.progression
    import app.programs.schedule
    import app.programs.watch
    import app.programs.words
    import app.settings
    import app.storage.coaching_queries
    import app.today  # noqa: F401


class TodayController(QObject):
    def __init__(self, page: TodayPage, book: Callable[[], ProgramBook], alerts: Alerts,
                 clock: Clock, db_path: Any, start: Callable[[SessionPlan], None],
                 parent_widget: QWidget) -> None:
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
        page.start_requested.connect(self._on_page_start_requested)

    def now(self) -> datetime:
        return self._clock.now()

    def close(self) -> None:
        if self._coaching is not None:
            self._coaching.close()
            self._coaching = None

    def show_log(self, reader: LogReader) -> None:
        from app.settings import load_settings
        from app.today import build_today

        self._reader = reader
        enrolment = reader.active_enrolment()
        if enrolment is None:
            self.view = None
            self._page.show_nothing_followed()
            return
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
        self._page.show_today(self.view, due_words(self.view, now.astimezone().date()))

    # -- starting ---------------------------------------------------------------------

    def _on_page_start_requested(self) -> None:
        view = self.view
        if view is None or view.due is None or self._reader is None:
            return
        self._start(view.plan(self._book().catalog, self._reader.custom_exercises()))
