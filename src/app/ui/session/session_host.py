"""Running one session inside the main window.

Builds the session screen and its controller with what the app knows (the
catalog, the athlete's settings, the cue player, the background writer),
keeps the screen awake while it runs, and hands the window back at the end.
Imported when a session starts, or a moment after the Library or the session
builder first shows (MainWindow._warm_sessions): none of this is on the
start-up path.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from app.catalog import Catalog
from app.kernel.clock import Clock
from app.kernel.i18n import translate
from app.kernel.paths import AppPaths
from app.logbook.settings import Settings
from app.session.events import Phase
from app.session.plan import PlanItem, SessionPlan
from app.session.saved import SAVED_SESSION_FILE, SavedSession
from app.ui.base.log_writer import LogWriter
from app.ui.desktop.keep_awake import keep_awake
from app.ui.desktop.sound import CuePlayer
from app.ui.desktop.speech import SpokenCounts
from app.ui.session import keys
from app.ui.session.controller import SessionController
from app.ui.session.screen import SessionScreen

if TYPE_CHECKING:
    from app.logbook.custom_exercises import CustomExercise
    from app.ui.session.picker import ExercisePickerDialog

log = logging.getLogger(__name__)

SOUND_AFTER_MS = 250
"""The sound device is looked for this long after a start: the first picture
of the session comes first (the first cue is seconds away)."""


def saved_session_path(paths: AppPaths) -> Path:
    return paths.data_dir / SAVED_SESSION_FILE


class SessionCues(QObject):
    """Sounds, and the spoken counts when the athlete turned them on: one
    ``play`` for the controller, which knows neither."""

    flash_requested = Signal(str)

    def __init__(self, sound: CuePlayer, speech: SpokenCounts | None,
                 lowering: Callable[[], bool], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sound = sound
        self.speech = speech
        self._lowering = lowering  # is the engine in a lowering phase now (speech says "lower")
        sound.flash_requested.connect(self.flash_requested)

    def play(self, kind: str, count: int | None = None) -> None:
        self.sound.play(kind, count)
        if self.speech is not None:
            self.speech.speak_cue(kind, count, starts_lowering=self._lowering())

    def shutdown(self) -> None:
        if self.speech is not None:
            self.speech.shutdown()


def apply_settings(plan: SessionPlan, settings: Settings, keep_tempo: bool) -> SessionPlan:
    """The athlete's settings on a plan: their lowering and return seconds on
    eccentric items (unless the session was asked for with an explicit tempo),
    and their rest between sets (unless the plan is a program's, whose rests
    are part of what it prescribes, or the item has no rest, like a jog).

    A lowering target the coaching set (``PlanItem.lowering_coached``: the
    Nordic rule's, see app.coaching.progression) is kept: it is the target
    this session runs, its cue, its held descents and its log. The setting
    is raised to it as the session starts (app.usecases.session_start.raised_lowering_s)."""
    own_rest = settings.rest_s if settings.rest_s and plan.program_slug is None else None

    def adjusted(item: PlanItem) -> PlanItem:
        if item.eccentric_cue and not keep_tempo:
            lowering = item.lowering_s if item.lowering_coached else settings.lowering_s
            item = dataclasses.replace(item, lowering_s=lowering, return_s=settings.return_s)
        if own_rest is not None and item.rest_s > 0:
            item = dataclasses.replace(item, rest_s=own_rest)
        return item

    blocks = tuple(dataclasses.replace(block, items=tuple(adjusted(i) for i in block.items))
                   for block in plan.blocks)
    return dataclasses.replace(plan, blocks=blocks)


class SessionHost(QObject):
    ended = Signal()  # the athlete closed the summary

    def __init__(self, paths: AppPaths, catalog: Catalog, settings: Settings, clock: Clock,
                 writer: LogWriter, parent: QObject | None = None, *,
                 custom_exercises: Callable[[], Sequence[CustomExercise]] = tuple,
                 prepare: Callable[[SessionPlan], SessionPlan] | None = None) -> None:
        """``custom_exercises`` lists the athlete's own (for the A and W
        picker); ``prepare`` readies a plan as the window readies a session's
        (last time's loads, the athlete's settings); without it, the settings."""
        super().__init__(parent)
        self._catalog = catalog
        self._custom_exercises = custom_exercises
        self._prepare = prepare or (lambda plan: apply_settings(plan, settings, keep_tempo=False))
        self.picker: ExercisePickerDialog | None = None
        self.screen = SessionScreen(catalog, units=settings.units,
                                    break_point_keys=list(settings.break_point_keys))
        self.screen.setAccessibleName(translate("SessionHost", "Session"))
        # The log sheet asks RPE or RIR, and shows a barbell's plates, as Settings say.
        self.screen.sheet.set_effort_scale(settings.effort_scale)
        self.screen.sheet.set_plates(settings.bar(), settings.plates())
        speech = None
        if settings.spoken_counts:
            speech = SpokenCounts(parent=self)
            speech.enabled = True  # starts its helper now, well before the first count
        self.cues = SessionCues(
            CuePlayer(paths.data_dir / "sounds", volume=settings.volume, enabled=settings.sounds,
                      parent=self),
            speech, self._lowering_now, self)
        # D-Bus on Linux and the BSDs, SetThreadExecutionState on Windows, IOKit on macOS.
        self.inhibitor = keep_awake()
        self._paths = paths
        self._clock = clock
        self._writer = writer
        self.controller: SessionController | None = None

    def start(self, plan: SessionPlan) -> None:
        self._run(SessionController(plan, self.screen, clock=self._clock, writer=self._writer,
                                    cue_player=self.cues,
                                    save_path=saved_session_path(self._paths), parent=self))

    def resume(self, saved: SavedSession) -> None:
        self._run(SessionController.resume(saved, self.screen, clock=self._clock,
                                           writer=self._writer, cue_player=self.cues,
                                           parent=self))

    def _run(self, controller: SessionController) -> None:
        self.controller = controller
        controller.finished.connect(self._on_controller_finished)
        controller.exercise_wanted.connect(self._on_controller_exercise_wanted)
        # The sound device and the tones once the screen is up (the first cue is
        # seconds away, and play() prepares them itself if need be): a start
        # does not wait for the audio system. A timer of ours: gone with us.
        self._prepare_sound = QTimer(self)
        self._prepare_sound.setSingleShot(True)
        self._prepare_sound.timeout.connect(self.cues.sound.prepare)
        self._prepare_sound.start(SOUND_AFTER_MS)
        # The desktop shows the reason (e.g. in its power menu).
        self.inhibitor.inhibit(translate("SessionHost", "A workout is running"))
        controller.start()
        self.screen.setFocus()

    def stop(self) -> None:
        """The window is closing: stop the timers; the saved session stays for a resume."""
        if self.controller is not None:
            self.controller.stop()
        self.inhibitor.release()
        self.cues.shutdown()

    def _lowering_now(self) -> bool:
        return self.controller is not None and self.controller.engine.phase is Phase.LOWERING

    def _on_controller_finished(self) -> None:
        self.stop()
        self.ended.emit()

    # -- adding an exercise (A) or swapping the one at hand (W) --------------------------

    def _on_controller_exercise_wanted(self, action: str) -> None:
        if self.picker is not None:
            return
        from app.ui.session.picker import ExercisePickerDialog

        title = (translate("SessionHost", "Add an exercise") if action == keys.ADD_EXERCISE
                 else translate("SessionHost", "Swap this exercise for"))
        custom = list(self._custom_exercises())
        # Over the window, not the screen: gym mode's dark style sheet stays its own.
        dialog = ExercisePickerDialog(title, [*self._catalog.exercises, *custom], self.screen.window())
        dialog.setProperty("action", action)
        self.picker = dialog
        dialog.finished.connect(self._on_picker_finished)
        dialog.open()

    def _on_picker_finished(self, _result: int) -> None:
        dialog = self.picker
        self.picker = None
        self.screen.setFocus()
        if dialog is None or self.controller is None or dialog.chosen is None:
            return
        made = self.item_for(dialog.chosen)
        if made is None:
            return
        item, block = made
        if dialog.property("action") == keys.ADD_EXERCISE:
            done = self.controller.add_exercise(item, block)
        else:
            done = self.controller.swap_exercise(item)
        if not done:   # a set began meanwhile: nothing changed, and the athlete is told
            self.screen.show_notice(translate("SessionHost", "Not changed: add or swap an exercise "
                                              "between sets"))

    def item_for(self, slug: str) -> tuple[PlanItem, str] | None:
        """The plan item for an exercise picked during the session, with its
        usual dose readied as the session's own were, and its block."""
        from app.coaching.session_builder import plan_for_slug
        from app.session.plan import block_for

        plan = plan_for_slug(slug, self._catalog, self._custom_exercises())
        if plan is None:
            return None
        block = block_for(self._catalog.get(slug)) if slug in self._catalog else "main"
        return self._prepare(plan).items[0], block
