"""Plays an exercise's steps one after another, like a slow flip-book.

Where the playback is comes from the elapsed time on the injected clock,
never from counting timer ticks: a late or skipped tick (a busy machine, a
laptop waking up) cannot slow the demonstration down, and tests move a
FakeClock instead of waiting. The timer only asks for a repaint.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from app.kernel.clock import Clock

STEP_SECONDS = 2.5
# Each step first holds its pose, so it can be read and copied, then moves
# towards the next step's pose over the rest of its time.
HOLD_FRACTION = 0.6
FRAME_MS = 33  # about 30 pictures a second while moving: smooth, and cheap


class StepPlayer(QObject):
    """Emits ``position_changed(step_index, progress)`` while playing.

    ``progress`` is None while a pose is held, then runs from 0 to 1 as the
    figure moves towards the next step. After the last step it starts over.
    """

    position_changed = Signal(int, object)
    playing_changed = Signal(bool)

    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._count = 0
        self._first_step = 0
        self._started_at = 0.0
        self._position: tuple[int, float | None] = (0, None)

    @property
    def is_playing(self) -> bool:
        return self._timer.isActive()

    @property
    def position(self) -> tuple[int, float | None]:
        return self._position

    @property
    def timer(self) -> QTimer:
        return self._timer

    def play(self, step_index: int, step_count: int) -> None:
        """Start at ``step_index`` (its pose held first) of ``step_count`` steps."""
        if step_count < 1:
            return
        self._count = step_count
        self._first_step = step_index % step_count
        self._started_at = self._clock.monotonic()
        self._position = (self._first_step, None)
        if not self._timer.isActive():
            self._timer.start()
            self.playing_changed.emit(True)

    def stop(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.playing_changed.emit(False)

    def _on_timer_timeout(self) -> None:
        self.update_position()

    def update_position(self) -> None:
        """Work out where the playback is now, and say so if that changed."""
        if not self._timer.isActive() or self._count < 1:
            return
        elapsed = max(0.0, self._clock.monotonic() - self._started_at)
        steps_done, into_step = divmod(elapsed, STEP_SECONDS)
        index = (self._first_step + int(steps_done)) % self._count
        phase = into_step / STEP_SECONDS
        progress = None if phase < HOLD_FRACTION else (phase - HOLD_FRACTION) / (1 - HOLD_FRACTION)
        if (index, progress) != self._position:
            self._position = (index, progress)
            self.position_changed.emit(index, progress)
