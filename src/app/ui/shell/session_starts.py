"""Every way into a session from the window: the Library's exercise, Today's
session, the free session builder, the command line's request and a session
a crash cut off.

All of them go through the same checks (app.usecases.session_start): a saved
session is offered first, then the 48-hour question and the readiness check.
The window only frames what happens here: ``entered`` hands it the session's
screen to fill the window with, ``ended`` gives it back. Not imported at
start-up: the window makes one the first time a session is asked for.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from app import APP_NAME
from app.kernel.clock import Clock
from app.kernel.i18n import format_datetime, translate
from app.ui.base.alerts import Alerts
from app.ui.base.log_writer import LogWriter
from app.usecases.context import AppContext

if TYPE_CHECKING:
    from app.session.plan import SessionPlan
    from app.session.saved import SavedSession
    from app.ui.programs.readiness_dialog import ReadinessDialog
    from app.ui.session.session_builder import SessionBuilderDialog
    from app.ui.session.session_host import SessionHost
    from app.ui.session.start_flow import StartFlow

log = logging.getLogger(__name__)

WARM_SESSION_MS = 300
"""After the Library or the builder first shows: time to paint it before the
session's code is loaded in the background of the athlete's choosing."""


def warm_sessions() -> None:
    """Load the session screen's code (about 40 ms, more with no bytecode
    cached) ahead of a start, so Ctrl+Enter shows the session at once."""
    import app.ui.session.session_host  # noqa: F401


class SessionStarts(QObject):
    entered = Signal(object)        # SessionHost: its screen is to fill the window
    named = Signal(str)             # the running session's title, for the window's
    ended = Signal(object)          # SessionHost, ended: the window shows its pages again
    setting_raised = Signal(str, object)  # a setting the session raised (key, value)
    program_saved = Signal(str)     # the builder saved a program of this name

    def __init__(self, context: AppContext, writer: LogWriter, alerts: Alerts,
                 parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._context = context
        self._writer = writer
        self._alerts = alerts
        self._parent_widget = parent_widget
        self.session: SessionHost | None = None
        self.session_builder: SessionBuilderDialog | None = None
        self._starts: StartFlow | None = None  # the 48-hour question and readiness check

    @property
    def readiness_dialog(self) -> ReadinessDialog | None:
        """The readiness check open before a session, if any."""
        return None if self._starts is None else self._starts.readiness_dialog

    def start_session(self, plan: SessionPlan, clock: Clock, keep_tempo: bool = False) -> None:
        """Switch to gym mode and run ``plan`` (after the log is open).

        A session cut off by a crash is offered first, on every path that
        starts one (the command line, the Library, Today, the builder): the
        new session's saved state would overwrite it, so it goes only when
        the athlete declines; Resume carries on the old one instead."""
        context = self._context
        if context.log_read_only:
            # Said before the athlete does sets that could not be saved (issue 15 point 12).
            self._alerts.warning(
                translate("MainWindow", "Your training log is read-only"),
                translate("MainWindow", "{path} can be read but not written, so the sets of a "
                          "session cannot be saved: no session was started. Make it writable, "
                          "then start {app} again.").format(path=context.paths.database,
                                                            app=APP_NAME))
            return
        if self.session is None and context.reader is not None:
            saved = self._saved_session()
            if saved is not None and self.offer_resume(saved, clock):
                return
            self._keep_unreadable_saved_session()
        self._raise_lowering_target(plan)
        host = self._new_session_host(clock)
        self.named.emit(plan.title)
        host.start(self._prepared(plan, keep_tempo))

    def _raise_lowering_target(self, plan: SessionPlan) -> None:
        """The Nordic lowering target this session was coached to, kept as
        the athlete's setting when it is above it (app.usecases.session_start.
        raised_lowering_s; never lowered): written as the Settings page writes
        a change, and shown there as one until the log holds it."""
        from app.usecases.session_start import raised_lowering_s

        raised = raised_lowering_s(plan, self._context.settings())
        if raised is not None and self._context.reader is not None:
            self.setting_raised.emit("lowering_s", raised)

    def begin_session(self, plan: SessionPlan, *, targets_applied: bool = False) -> bool:
        """Every path in the window into a new session (Today, the Library,
        the builder) goes through here, so none skips a safety rule: a
        session cut off by a crash is offered first (resumed, it is not
        asked again); then the 48-hour question, the readiness check and
        the session it leaves to run, with the progression targets
        (app.usecases.session_start; ``targets_applied``: Today's plan has them).
        False when no session can start now."""
        context = self._context
        if context.log_read_only:
            self.start_session(plan, context.session_clock)  # says why nothing starts
            return False
        reader = context.reader
        if reader is None or self.session is not None:
            return False
        saved = self._saved_session()
        if saved is not None and self.offer_resume(saved, context.session_clock):
            return True
        self._keep_unreadable_saved_session()
        if self._starts is None:
            from app.ui.session.start_flow import StartFlow

            self._starts = StartFlow(self._alerts, self._parent_widget, context.paths.database,
                                     self._run_checked_session)
        self._starts.begin(plan, context.catalog(), reader.custom_exercises(), context.settings(),
                           context.clock.now(), targets_applied=targets_applied)
        return True

    def _run_checked_session(self, plan: SessionPlan) -> None:
        if self.session is None:
            self.start_session(plan, self._context.session_clock)

    def _saved_session(self) -> SavedSession | None:
        """The session a crash left to resume, read from the data dir now."""
        from app.session.saved import SAVED_SESSION_FILE, load_saved_session

        return load_saved_session(self._context.paths.data_dir / SAVED_SESSION_FILE)

    def _keep_unreadable_saved_session(self) -> None:
        """A saved session that cannot be read (damaged, or from another
        version) is moved to the damaged folder, not overwritten by the new
        session's: it may still be rescued by hand."""
        from app.session.saved import SAVED_SESSION_FILE
        from app.storage.timestamps import file_stamp, first_free

        paths = self._context.paths
        path = paths.data_dir / SAVED_SESSION_FILE
        if not path.exists():
            return
        stamp = file_stamp(self._context.clock.now())
        try:
            paths.damaged_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            aside = first_free(lambda n: paths.damaged_dir / (
                f"{path.stem}-{stamp}{f'-{n}' if n else ''}{path.suffix}"))
            path.replace(aside)
            log.warning("an unreadable saved session was moved to %s", aside)
        except OSError as exc:  # the new session's own save will say if the folder is unwritable
            log.warning("could not move the unreadable saved session aside: %s", exc)

    def _prepared(self, plan: SessionPlan, keep_tempo: bool = False) -> SessionPlan:
        """``plan`` as a session runs it: last time's loads, the athlete's settings
        (also for an exercise added during the session)."""
        from app.session.plan import with_last_loads
        from app.ui.session.session_host import apply_settings

        reader = self._context.reader
        if reader is not None:
            plan = with_last_loads(plan, reader.last_loads([i.slug for i in plan.items]))
        return apply_settings(plan, self._context.settings(), keep_tempo)

    def start_exercise(self, slug: str) -> bool:
        """A session of one Library exercise with its usual dose, the rest
        from Settings: the plan ``hamstride session --exercise SLUG`` runs
        (an exercise of the athlete's own gets the builder's default dose),
        through the checks of ``begin_session``. False when there is no such
        exercise or a session cannot start now."""
        from app.coaching.session_builder import plan_for_slug

        reader = self._context.reader
        if reader is None or self.session is not None:
            return False
        plan = plan_for_slug(slug, self._context.catalog(), reader.custom_exercises())
        if plan is None:
            return False
        return self.begin_session(plan)

    # -- the free session builder -----------------------------------------------------

    def open_session_builder(self) -> None:
        """The free session builder (Today's Free session, Ctrl+Shift+N)."""
        reader = self._context.reader
        if reader is None or self.session is not None:
            return
        QTimer.singleShot(WARM_SESSION_MS, warm_sessions)
        if self.session_builder is not None:
            self.session_builder.raise_()
            self.session_builder.activateWindow()
            return
        from app.coaching.loader import program_check
        from app.ui.session.session_builder import SessionBuilderDialog

        catalog = self._context.catalog()
        custom = reader.custom_exercises()
        check = program_check(catalog, [e.slug for e in custom],
                              translate("MainWindow", "your program"))
        dialog = SessionBuilderDialog(catalog, custom, self._context.settings().units, check,
                                      self._parent_widget)
        self.session_builder = dialog
        dialog.start_requested.connect(self._on_session_builder_start_requested)
        dialog.save_requested.connect(self._on_session_builder_save_requested)
        dialog.finished.connect(self._on_session_builder_finished)
        dialog.open()

    def _on_session_builder_start_requested(self, plan: SessionPlan) -> None:
        dialog = self.session_builder
        if dialog is not None:
            dialog.accept()
        self.begin_session(plan)

    def _on_session_builder_save_requested(self, name: str, definition: dict[str, object]) -> None:
        stored = {k: v for k, v in definition.items() if k not in ("slug", "name")}
        self._writer.submit(lambda store: store.save_user_program(None, name, stored),
                            lambda _result: self._on_builder_program_saved(name),
                            self._on_builder_program_not_saved, receiver=self)

    def _on_builder_program_not_saved(self, error: object) -> None:
        if self.session_builder is not None:
            self.session_builder.show_save_failed(str(error))

    def _on_builder_program_saved(self, name: str) -> None:
        self.program_saved.emit(name)  # the window reads the log again: Programs lists it
        if self.session_builder is not None:
            self.session_builder.show_saved(name)

    def _on_session_builder_finished(self, _result: int) -> None:
        self.session_builder = None

    # -- a session cut off ---------------------------------------------------------------

    def offer_resume(self, saved: SavedSession, clock: Clock) -> bool:
        """A session was cut off (a crash, a kill, a flat battery): offer to carry on."""
        if self._context.log_read_only:  # its sets could not be saved: kept for when the log can be
            return False
        path = saved.path
        if saved.saved_at is not None:
            question = translate(
                "MainWindow", "“{title}” was interrupted ({when}). Every set you confirmed is "
                "saved. Carry on exactly where you were?").format(
                    title=saved.plan.title, when=format_datetime(saved.saved_at.astimezone()))
        else:
            question = translate(
                "MainWindow", "“{title}” was interrupted (earlier). Every set you confirmed is "
                "saved. Carry on exactly where you were?").format(title=saved.plan.title)
        # Resume is the default: Enter keeps where the athlete was (it was
        # Cancel, and Enter threw the saved position away).
        if not self._alerts.confirm(translate("MainWindow", "Resume your session?"), question,
                                    translate("MainWindow", "Resume"), action_is_default=True):
            path.unlink(missing_ok=True)  # the sets stay in the log; only the position goes
            # A session cut off before its first set is not kept (issue 14).
            self._writer.submit(lambda store: store.discard_empty_sessions())
            return False
        host = self._new_session_host(clock)
        self.named.emit(saved.plan.title)
        host.resume(saved)
        return True

    # -- the running session -------------------------------------------------------------

    def _new_session_host(self, clock: Clock) -> SessionHost:
        from app.ui.session.session_host import SessionHost

        context = self._context
        reader = context.reader
        if reader is None:
            raise RuntimeError("the log is not open yet")
        if self.session is not None:
            raise RuntimeError("a session is already running")
        catalog = context.catalog()  # loaded once for the run: a start pays nothing for it
        host = SessionHost(context.paths, catalog, context.settings(), clock, self._writer,
                           self._parent_widget, custom_exercises=reader.custom_exercises,
                           prepare=self._prepared)
        host.ended.connect(self._on_session_ended)
        from app.ui.look.wheel_guard import protect

        protect(host.screen)  # the log sheet's set type
        self.session = host
        self.entered.emit(host)
        return host

    def _on_session_ended(self) -> None:
        host = self.session
        if host is None:
            return
        self.session = None
        self.ended.emit(host)

    def stop(self) -> None:
        """The window is closing: the session stops, its saved state stays
        (the next start offers to resume it)."""
        if self.session is not None:
            self.session.stop()
