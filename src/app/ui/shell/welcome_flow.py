"""The welcome's flow: offered once on a new log, and from Help > Welcome;
the athlete's choices (units, training days, a program to follow) written
through the log writer. The dialog itself is app.ui.shell.welcome_dialog,
imported when the welcome is first shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.ui.base.log_writer import LogWriter
from app.usecases.context import AppContext

if TYPE_CHECKING:
    from app.storage.database import OpenReport
    from app.storage.queries import LogReader
    from app.storage.store import Store
    from app.ui.shell.welcome_dialog import WelcomeDialog

WELCOME_SETTING = "welcome_seen"
TRAINING_DAYS_SETTING = "training_weekdays"  # the welcome's days: the default when following
DEFAULT_TRAINING_DAYS = (0, 2, 4)            # Monday, Wednesday, Friday


def welcome_is_due(reader: LogReader, report: OpenReport) -> bool:
    """A log that has never seen the welcome, with nothing in it yet. Not a
    read-only one: none of the welcome's choices could be kept."""
    return (not report.read_only and reader.get_setting(WELCOME_SETTING) is None
            and reader.count_sessions() == 0 and reader.active_enrolment() is None)


class WelcomeFlow(QObject):
    kept = Signal()  # the athlete's choices are in the log

    def __init__(self, context: AppContext, writer: LogWriter, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._context = context
        self._writer = writer
        self._parent_widget = parent_widget
        self.dialog: WelcomeDialog | None = None

    def show(self) -> None:
        """The welcome: units, training days, a program (once the log is open)."""
        reader = self._context.reader
        if reader is None or self.dialog is not None:
            return
        from app.ui.shell.welcome_dialog import WelcomeDialog

        days = reader.get_setting(TRAINING_DAYS_SETTING, list(DEFAULT_TRAINING_DAYS))
        dialog = WelcomeDialog(self._context.program_book().built_in(),
                               self._context.settings().units,
                               tuple(days) if isinstance(days, list) else DEFAULT_TRAINING_DAYS,
                               self._parent_widget)
        self.dialog = dialog
        dialog.done_requested.connect(self._on_dialog_done_requested)
        dialog.finished.connect(self._on_dialog_finished)
        dialog.open()

    def _on_dialog_finished(self, _result: int) -> None:
        self.dialog = None
        # Seen, whether kept or skipped: it is not offered again by itself.
        self._writer.submit(lambda store: store.set_setting(WELCOME_SETTING, True))

    def _on_dialog_done_requested(self, units: str, weekdays: tuple[int, ...],
                                  program: str) -> None:
        from app.logbook.settings import stored_value

        today = self._context.clock.now().astimezone().date()

        def keep(store: Store) -> None:
            store.set_setting("units", stored_value("units", units))
            store.set_setting(TRAINING_DAYS_SETTING, list(weekdays))
            if program:
                store.enrol(program, today, weekdays)

        self._writer.submit(keep, self._on_kept)

    def _on_kept(self, _result: object) -> None:
        self.kept.emit()
