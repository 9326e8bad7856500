"""Garbage collection on the UI thread only.

Python's cyclic garbage collector runs in whichever thread happens to
allocate when a generation's threshold is crossed. If that is one of our
worker threads (the log writer, the database loader, an export) and the
garbage holds a Qt object, the object is destroyed off the UI thread, which
Qt does not allow: seen here as a log writer spinning forever inside
QObject's destructor, and as the rare fatal crash of a test run.

So automatic collection is switched off, and the UI thread collects instead:
a coarse timer looks at the collector's counters and runs the generation
that automatic collection would have run by now. Reference counting still
frees everything that is not in a cycle at once, in any thread.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_INTERVAL_MS = 500


def collect_if_due() -> int | None:
    """Collect the oldest generation whose threshold has been crossed, as the
    automatic collector would; returns that generation, or None if none is due."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    due = None
    for generation in range(3):
        # A generation is only examined when the younger one is also due,
        # and a threshold of 0 means "never" (as gc.set_threshold documents).
        if thresholds[generation] and counts[generation] > thresholds[generation]:
            due = generation
        else:
            break
    if due is not None:
        gc.collect(due)
    return due


class MainThreadGarbageCollector(QObject):
    """While it lives, garbage is collected on the thread that created it."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = CHECK_INTERVAL_MS) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)  # coarse by default: no need to be punctual
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._was_enabled:
            gc.enable()

    def _on_timer_timeout(self) -> None:
        collect_if_due()
