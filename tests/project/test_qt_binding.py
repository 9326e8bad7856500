"""Guards against a known-bad Qt binding.

PySide6 6.12.0 returns None from every Qt method that returns nothing
without taking a reference for it. On Python 3.11 None's count then falls
with each call until the interpreter aborts ("deallocating None") after a
few thousand calls: minutes into a session. pyproject.toml keeps that
version out; this test fails if a binding with the bug comes back.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage, QPainter


def test_void_qt_calls_keep_nones_reference_count(qapp: object) -> None:
    size = QSize(1, 1)
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    gc.collect()
    was_enabled = gc.isenabled()  # the test session keeps it off: see conftest
    gc.disable()
    try:
        before = sys.getrefcount(None)
        for _ in range(500):
            size.setWidth(2)
            painter.drawLine(0, 0, 4, 4)
        after = sys.getrefcount(None)
    finally:
        if was_enabled:
            gc.enable()
        painter.end()
    assert after >= before - 10, f"None lost {before - after} references in 1000 void Qt calls"
