"""Which picture the session shows, and a figure view fast enough to animate it.

The lowering animation walks the figure through the exercise's downward
steps (for the Nordic curl: kneeling upright, leaning, low) in step with the
seconds. Drawing a moving figure costs about 15 ms, too much for a screen
that repaints every 50 ms and must leave the cues on time, so the view keeps
each frame as an image: the motion is cut into ``FRAMES_PER_STEP`` frames per
step, drawn once (ahead of time, while the athlete gets ready: ``warm``) and
then only copied to the screen. An exercise not yet placed is placed in the
background first (see ``StepFigureView``); until then ``warm`` waits and a
paint shows the empty picture.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from app.session.events import Phase, State
from app.session.view import SessionView
from app.ui.look.figure_painter import figures_ready, paint_placeholder, paint_step
from app.ui.look.figure_view import StepFigureView

if TYPE_CHECKING:
    from app.catalog import Exercise, Step

FRAMES_PER_STEP = 10
"""Frames between two step poses: about 3 degrees of trunk per frame for the
Nordic curl, smooth from across the room. A Nordic set needs 35 frames."""
CACHE_FRAMES = 48
"""At 1366x768 a frame is about 1 MB (opaque 32-bit: a 16-bit image would
halve it but shifts the dark background's colour); the oldest go first."""
FLIP_SECONDS = 3.0
"""A plain set pages through the steps like the library does, one every 3 s."""

Find = Callable[[str], "Exercise | None"]


def _moves_down(step: Step) -> bool:
    # The hands going down is the catch at the end of a Nordic, not the lowering.
    return step.arrow is not None and step.arrow.way == "down" and step.arrow.part != "hands"


def lowering_steps(exercise: Exercise) -> tuple[int, ...]:
    """The steps the figure passes through while lowering: the pose before the
    first downward step, then every downward step after it."""
    steps = exercise.steps
    down = [index for index, step in enumerate(steps) if _moves_down(step)]
    if not down:
        return (0, 1) if len(steps) > 1 else (0,)
    last = down[0]
    while last + 1 < len(steps) and _moves_down(steps[last + 1]):
        last += 1
    first = max(0, down[0] - 1)
    if first == last:
        return (first, first + 1) if first + 1 < len(steps) else (first,)
    return tuple(range(first, last + 1))


def catch_step(exercise: Exercise) -> int:
    """The step just after the lowering (the Nordic's catch on the hands)."""
    last = lowering_steps(exercise)[-1]
    return min(last + 1, len(exercise.steps) - 1)


def lowering_frame(chain: tuple[int, ...], fraction: float) -> tuple[int, float | None]:
    """Where the figure is ``fraction`` (0 top, 1 bottom) of the way down ``chain``:
    a step and how far it is on its way to the next one."""
    moves = len(chain) - 1
    if moves < 1:
        return chain[0], None
    where = min(1.0, max(0.0, fraction)) * moves
    segment = min(int(where), moves - 1)
    return chain[segment], where - segment


@dataclass(frozen=True)
class Shot:
    """One picture to show: step ``step`` of ``exercise``, ``t`` of the way to the next."""

    exercise: Exercise
    step: int
    t: float | None = None


def shot_for(view: SessionView, find: Find) -> Shot | None:
    """The picture for this moment of the session (None: no picture)."""
    state = view.state
    if state is State.RESTING:   # the picture of what comes next
        slug = view.next_up.item.slug if view.next_up is not None else view.item.slug
        exercise = find(slug)
        return None if exercise is None else Shot(exercise, 0)
    exercise = find(view.item.slug)
    if exercise is None or not exercise.steps:
        return None
    if state in (State.READY, State.SWITCHING_SIDE):
        return Shot(exercise, 0)
    if state is not State.SET_RUNNING:
        return None
    chain = lowering_steps(exercise)
    left = view.timer_fraction
    phase = view.phase
    if view.item.eccentric_cue:
        if phase is Phase.LOWERING:
            step, t = lowering_frame(chain, 1.0 - (1.0 if left is None else left))
            return Shot(exercise, step, t)
        catch = catch_step(exercise)
        if phase is Phase.CATCH:
            return Shot(exercise, catch)
        if phase is Phase.RETURN and catch + 1 < len(exercise.steps):
            return Shot(exercise, catch, 1.0 - (1.0 if left is None else left))
        return Shot(exercise, chain[0])
    if phase is Phase.HOLD:
        return Shot(exercise, chain[-1])   # the held position: the bottom of the move
    if phase is Phase.RELAX:
        return Shot(exercise, chain[0])
    elapsed = view.elapsed_s or 0.0
    return Shot(exercise, int(elapsed / FLIP_SECONDS) % len(exercise.steps))


def frames_to_warm(exercise: Exercise, cued: bool) -> list[tuple[int, float | None]]:
    """Every frame a set of ``exercise`` can show, the ones needed first first."""
    if not cued:
        return [(index, None) for index in range(len(exercise.steps))]
    chain = lowering_steps(exercise)
    frames: list[tuple[int, float | None]] = [(chain[0], None)]
    for step in chain[:-1]:
        frames.extend((step, quantized(k / FRAMES_PER_STEP)) for k in range(FRAMES_PER_STEP + 1))
    catch = catch_step(exercise)
    frames.append((catch, None))
    if catch + 1 < len(exercise.steps):
        frames.extend((catch, quantized(k / FRAMES_PER_STEP)) for k in range(FRAMES_PER_STEP + 1))
    return list(dict.fromkeys(frames))


def quantized(t: float | None) -> float | None:
    if t is None:
        return None
    return round(min(1.0, max(0.0, t)) * FRAMES_PER_STEP) / FRAMES_PER_STEP


class SessionFigureView(StepFigureView):
    """A StepFigureView that draws each frame once and then copies it.

    ``set_progress`` snaps to the nearest of ``FRAMES_PER_STEP`` frames, so a
    repaint between two frames changes nothing and costs nothing.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._frames: OrderedDict[tuple[object, ...], QImage] = OrderedDict()
        self.frames_drawn = 0   # for tests and the benchmark: how often a frame was drawn

    def _still_wanted(self) -> None:
        return None   # this view keeps its own frames (see warm), drawn at its size

    def show_shot(self, shot: Shot | None) -> None:
        if shot is None:
            if self.isVisible():
                self.hide()
            return
        if shot.exercise is not self.exercise or shot.step != self.step_index:
            self.show_step(shot.exercise, shot.step)
        self.set_progress(shot.t)
        if not self.isVisible():
            self.show()

    def set_progress(self, t: float | None) -> None:
        super().set_progress(quantized(t))

    def warm(self, exercise: Exercise, frames: list[tuple[int, float | None]]) -> bool:
        """Draw the first of ``frames`` not kept yet, at the current size; False
        when all are kept (or the view has no size yet). While the exercise's poses
        are being placed in the background it draws nothing and returns True."""
        if not figures_ready(exercise, self.theme) and not self.preparer.failed(exercise,
                                                                                 self.theme):
            self.preparer.request(exercise, self.theme)
            return True
        rect = self.picture_rect()
        if rect.width() < 2 or rect.height() < 2:
            return False
        for step, t in frames:
            key = self._key(exercise, step, t, rect)
            if key not in self._frames:
                self._keep(key, self._draw(exercise, step, t, rect))
                return True
        return False

    def _key(self, exercise: Exercise, step: int, t: float | None, rect: QRectF) -> tuple[object, ...]:
        # id(), not the exercise: hashing a whole Exercise (poses and all) on
        # every repaint costs more than copying the frame. The slug guards
        # against an id reused by another exercise.
        return (id(exercise), exercise.slug, step, t, round(rect.width()), round(rect.height()),
                self.theme)

    def _keep(self, key: tuple[object, ...], image: QImage) -> None:
        self._frames[key] = image
        while len(self._frames) > CACHE_FRAMES:
            self._frames.popitem(last=False)

    def _draw(self, exercise: Exercise, step: int, t: float | None, rect: QRectF) -> QImage:
        image = QImage(round(rect.width()), round(rect.height()), QImage.Format.Format_RGB32)
        painter = QPainter(image)
        try:
            paint_step(painter, QRectF(0, 0, image.width(), image.height()), exercise, step,
                       self.theme, t)
        finally:
            painter.end()
        self.frames_drawn += 1
        return image

    def paintEvent(self, event: QPaintEvent) -> None:
        exercise = self.exercise
        if exercise is None:
            return
        rect = self.picture_rect()
        if rect.width() < 2 or rect.height() < 2:
            return
        key = self._key(exercise, self.step_index, self.progress, rect)
        image = self._frames.get(key)
        if image is None and not self.is_picture_ready() and not self.preparer.failed(
                exercise, self.theme):
            self.preparer.request(exercise, self.theme, first=True)
            painter = QPainter(self)
            paint_placeholder(painter, rect, self.theme)
            painter.end()
            return
        if image is None:
            image = self._draw(exercise, self.step_index, self.progress, rect)
            self._keep(key, image)
        else:
            self._frames.move_to_end(key)
        painter = QPainter(self)
        painter.drawImage(QPointF(round(rect.x()), round(rect.y())), image)
        painter.end()
