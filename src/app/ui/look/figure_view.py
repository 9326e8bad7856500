"""A widget showing one exercise step as a picture, scaled to fit its space.

The picture keeps its 4:3 aspect ratio and is centred; the widget's own
background shows around it.

The poses of an exercise never drawn before are placed off the UI thread
(``FigurePreparer``): until they are, the view paints an empty picture (its
background and floor) for a frame or two, so opening an exercise or starting
a session never waits for the geometry.
"""

from __future__ import annotations

import functools
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPointF, QRectF, QSize, QTimer, Signal
from PySide6.QtGui import QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.kernel.i18n import format_integer, translate
from app.ui.base.background import BackgroundJob
from app.ui.look.figure_painter import (
    FigureTheme,
    figures_ready,
    paint_placeholder,
    paint_step,
    prepare_figures,
    render_step_image,
)

if TYPE_CHECKING:
    from app.catalog import Exercise

ASPECT = 4 / 3
_MINIMUM = QSize(160, 120)
_HINT = QSize(480, 360)


Still = tuple[int, int, int]  # step, width, height: a picture to draw as well


@dataclass(frozen=True)
class Prepared:
    """What a job made: the exercise placed, and the still picture asked for."""

    exercise: Exercise
    theme: FigureTheme
    still: Still | None = None
    image: QImage | None = None


def _prepare(exercise: Exercise, theme: FigureTheme, still: Still | None) -> Prepared:
    # In the worker thread: QPainter on a QImage is safe off the UI thread.
    prepare_figures(exercise, theme)
    if still is None:
        return Prepared(exercise, theme)
    step, width, height = still
    return Prepared(exercise, theme, still,
                    render_step_image(exercise, step, QSize(width, height), theme))


class FigurePreparer(QObject):
    """Places exercises' poses in a background job, one exercise at a time,
    most wanted first; ``prepared(Prepared)`` arrives on the UI thread."""

    prepared = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._waiting: deque[tuple[Exercise, FigureTheme]] = deque()
        self._stills: dict[tuple[Exercise, FigureTheme], Still] = {}
        # The running job has no parent: its thread keeps it alive until it
        # has emitted, even if this preparer (and its view) is gone by then.
        self._job: BackgroundJob | None = None
        self._failed: set[tuple[Exercise, FigureTheme]] = set()
        # A job starts once the event loop is back: a Python thread busy with
        # geometry makes every Qt call of the UI thread wait up to the
        # interpreter's switch interval (5 ms) for the GIL, so the placeholder
        # and the rest of the current event are done first.
        self._start_timer = QTimer(self)
        self._start_timer.setSingleShot(True)
        self._start_timer.setInterval(0)
        self._start_timer.timeout.connect(self._on_start_timer_timeout)

    def request(self, exercise: Exercise, theme: FigureTheme, *, first: bool = False,
                still: Still | None = None) -> None:
        """Prepare ``exercise`` (``first``: before anything already waiting;
        ``still``: and draw that step at that size, so its first paint is a copy)."""
        key = (exercise, theme)
        if figures_ready(exercise, theme) or key in self._failed:
            return
        if still is not None:
            self._stills[key] = still
        if key in self._waiting:
            if not first:
                return
            self._waiting.remove(key)
        if first:
            self._waiting.appendleft(key)
        else:
            self._waiting.append(key)
        if self._job is None and not self._start_timer.isActive():
            self._start_timer.start()

    def failed(self, exercise: Exercise, theme: FigureTheme) -> bool:
        """True when placing ``exercise`` raised: painting it will say why."""
        return (exercise, theme) in self._failed

    def is_busy(self) -> bool:
        return self._job is not None or bool(self._waiting)

    def _on_start_timer_timeout(self) -> None:
        self._next()

    def _next(self) -> None:
        if self._job is not None:
            return
        while self._waiting:
            exercise, theme = self._waiting.popleft()
            if figures_ready(exercise, theme):
                continue
            still = self._stills.pop((exercise, theme), None)
            job = BackgroundJob(functools.partial(_prepare, exercise, theme, still))
            job.finished.connect(self._on_job_finished)
            job.failed.connect(lambda _reason, key=(exercise, theme): self._on_job_failed(key))
            self._job = job
            job.start()
            return

    def _on_job_finished(self, prepared: Prepared) -> None:
        self._job = None
        self.prepared.emit(prepared)
        self._next()

    def _on_job_failed(self, key: tuple[Exercise, FigureTheme]) -> None:
        self._job = None
        self._failed.add(key)
        self._stills.pop(key, None)
        self.prepared.emit(Prepared(*key))
        self._next()


class StepFigureView(QWidget):
    """Paints the current step of an exercise; empty until ``show_step``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._exercise: Exercise | None = None
        self._step_index = 0
        self._theme = FigureTheme.DARK
        self._progress: float | None = None
        self._still: Prepared | None = None   # the first picture, drawn off the UI thread
        self.preparer = FigurePreparer(self)
        self.preparer.prepared.connect(self._on_prepared)
        self.setAccessibleName(translate("StepFigureView", "Exercise step picture"))
        self.setToolTip(translate("StepFigureView", "No exercise chosen"))
        self.setMinimumSize(_MINIMUM)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    # -- API --------------------------------------------------------------

    def show_step(self, exercise: Exercise, step_index: int) -> None:
        if not 0 <= step_index < len(exercise.steps):
            raise IndexError(f"{exercise.slug} has no step {step_index + 1}")
        self._exercise = exercise
        self._step_index = step_index
        self._progress = None
        number, total = format_integer(step_index + 1), format_integer(len(exercise.steps))
        text = exercise.steps[step_index].text
        self.setToolTip(translate("StepFigureView", "Step {number} of {count}: {text}").format(
            number=number, count=total, text=text))
        self.setAccessibleName(translate("StepFigureView", "{name}, step {number} of {count}").format(
            name=exercise.name, number=number, count=total))
        self.setAccessibleDescription(text)
        self.preparer.request(exercise, self._theme, first=True, still=self._still_wanted())
        self.update()

    def set_theme(self, theme: FigureTheme) -> None:
        if theme is not self._theme:
            self._theme = theme
            if self._exercise is not None:
                self.preparer.request(self._exercise, theme, first=True,
                                      still=self._still_wanted())
            self.update()

    def prepare_ahead(self, exercises: Iterable[Exercise]) -> None:
        """Place these exercises' poses in the background, in this order, so
        their first pictures (the next ones in a session, the Library's
        neighbours) paint at once."""
        for exercise in exercises:
            if exercise.steps:
                self.preparer.request(exercise, self._theme)

    def is_picture_ready(self) -> bool:
        """True when the current step paints as a picture, not the placeholder."""
        return self._exercise is not None and figures_ready(self._exercise, self._theme)

    def _on_prepared(self, prepared: Prepared) -> None:
        if prepared.exercise is self._exercise:
            if prepared.image is not None and prepared.theme is self._theme:
                self._still = prepared
            self.update()

    def _still_wanted(self) -> Still | None:
        rect = self.picture_rect()
        if rect.width() < 2 or rect.height() < 2:
            return None
        return self._step_index, round(rect.width()), round(rect.height())

    def _still_image(self) -> QImage | None:
        """The picture drawn in the background, if it is the one to show now."""
        still = self._still
        if (still is None or still.exercise is not self._exercise or still.theme is not self._theme
                or self._progress is not None or still.still != self._still_wanted()):
            return None
        return still.image

    def set_progress(self, t: float | None) -> None:
        if t is not None:
            t = min(1.0, max(0.0, float(t)))
        if t != self._progress:
            self._progress = t
            self.update()

    @property
    def exercise(self) -> Exercise | None:
        return self._exercise

    @property
    def step_index(self) -> int:
        return self._step_index

    @property
    def theme(self) -> FigureTheme:
        return self._theme

    @property
    def progress(self) -> float | None:
        return self._progress

    # -- Qt ---------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return _HINT

    def minimumSizeHint(self) -> QSize:
        return _MINIMUM

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return round(width / ASPECT)

    def picture_rect(self) -> QRectF:
        """The largest 4:3 rectangle centred in the widget."""
        w, h = float(self.width()), float(self.height())
        if w / max(h, 1.0) > ASPECT:
            pw, ph = h * ASPECT, h
        else:
            pw, ph = w, w / ASPECT
        return QRectF((w - pw) / 2, (h - ph) / 2, pw, ph)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._exercise is None:
            return
        painter = QPainter(self)
        try:
            still = self._still_image()
            rect = self.picture_rect()
            if still is not None:
                painter.drawImage(QPointF(round(rect.x()), round(rect.y())), still)
            elif self.is_picture_ready() or self.preparer.failed(self._exercise, self._theme):
                paint_step(painter, rect, self._exercise, self._step_index, self._theme,
                           self._progress)
            else:
                self.preparer.request(self._exercise, self._theme, first=True,
                                      still=self._still_wanted())
                paint_placeholder(painter, rect, self._theme)
        finally:
            painter.end()
