"""Starting a session in the window, by every path: Today, the Library, the builder.

The rules are app.usecases.session_start's; this is their dialogs. In order: the
48-hour question (Start anyway, or keep today for other work), the
readiness check (app.ui.programs.readiness_dialog), then the session that
check leaves to run. A session cut off by a crash is offered first by the
window (MainWindow.begin_session), and a resumed one is not asked again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from app.kernel.i18n import translate
from app.ui.base.alerts import Alerts

if TYPE_CHECKING:
    from app.catalog.model import Catalog
    from app.coaching.readiness import ReadinessAnswers
    from app.logbook.custom_exercises import CustomExercise
    from app.logbook.settings import Settings
    from app.session.plan import SessionPlan
    from app.ui.programs.readiness_dialog import ReadinessDialog
    from app.usecases.session_start import SessionToRun, StartCheck


class StartFlow:
    """One start at a time: ``begin`` asks, then calls ``run`` with the plan to run."""

    def __init__(self, alerts: Alerts, parent: QWidget, database: Path,
                 run: Callable[[SessionPlan], None]) -> None:
        self._alerts = alerts
        self._parent = parent
        self._database = database
        self._run = run
        self.readiness_dialog: ReadinessDialog | None = None
        self._check: StartCheck | None = None
        self._catalog: Catalog | None = None
        self._customs: Sequence[CustomExercise] = ()

    def begin(self, plan: SessionPlan, catalog: Catalog, customs: Sequence[CustomExercise],
              settings: Settings, now: datetime, *, targets_applied: bool) -> None:
        from app.storage.coaching_queries import CoachingReader
        from app.usecases.session_start import check_start

        if self.readiness_dialog is not None:  # a check is already open: finish that one
            self.readiness_dialog.raise_()
            return
        with CoachingReader(self._database) as coaching:
            check = check_start(plan, coaching, catalog, customs, settings, now,
                                targets_applied=targets_applied)
        if check.too_soon is not None and not self._alerts.confirm(
                check.too_soon.title,
                translate("StartFlow", "{warning}\n\nStart anyway?").format(
                    warning=check.too_soon.text),
                translate("StartFlow", "&Start anyway")):
            return  # today stays for other work
        from app.ui.programs.readiness_dialog import ReadinessDialog

        self._check, self._catalog, self._customs = check, catalog, tuple(customs)
        dialog = ReadinessDialog(check.plan.title, self._parent, preview=self._preview,
                                hard_run=check.hard_run)
        self.readiness_dialog = dialog
        dialog.start_requested.connect(self._on_readiness_dialog_start_requested)
        dialog.finished.connect(self._on_readiness_dialog_finished)
        dialog.open()

    def _preview(self, answers: ReadinessAnswers, lighter: bool) -> SessionToRun:
        from app.usecases.session_start import session_to_run

        assert self._check is not None and self._catalog is not None
        return session_to_run(self._check, answers, lighter=lighter, catalog=self._catalog,
                              customs=self._customs)

    def _on_readiness_dialog_finished(self, _result: int) -> None:
        self.readiness_dialog = None
        self._check = None

    def _on_readiness_dialog_start_requested(self, answers: ReadinessAnswers,
                                             lighter: bool) -> None:
        if self._check is None:
            return
        to_run = self._preview(answers, lighter)
        if to_run.plan is not None:
            self._run(to_run.plan)
