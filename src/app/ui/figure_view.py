"""A widget showing one exercise step as a picture, scaled to fit its space.

The picture keeps its 4:3 aspect ratio and is centred; the widget's own
background shows around it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.i18n import format_integer, translate
from app.ui.figure_painter import FigureTheme, paint_step

if TYPE_CHECKING:
    from app.catalog import Exercise

ASPECT = 4 / 3
_MINIMUM = QSize(160, 120)
_HINT = QSize(480, 360)


class StepFigureView(QWidget):
    """Paints the current step of an exercise; empty until ``show_step``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._exercise: Exercise | None = None
        self._step_index = 0
        self._theme = FigureTheme.DARK
        self._progress: float | None = None
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
        self.update()

    def set_theme(self, theme: FigureTheme) -> None:
        if theme is not self._theme:
            self._theme = theme
            self.update()

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
            paint_step(painter, self.picture_rect(), self._exercise, self._step_index,
                       self._theme, self._progress)
        finally:
            painter.end()
