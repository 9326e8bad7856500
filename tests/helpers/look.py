"""The application's look (theme, text size) put back after a test that changes it."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator


@contextlib.contextmanager
def restored_look(qapp: object) -> Iterator[None]:
    """The application's look as it was once the block ends: its widgets go
    first, while their style sheet is still set (Qt can crash deleting a
    widget polished by a style sheet that is gone), then the look is put
    back, so the tests after it see the app as it was. (Also for a module's
    fixture: tests/ui/shell/test_layout_overlap.py.)"""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from app.ui.look import style
    from app.ui.look.theme_switch import look_switch

    assert isinstance(qapp, QApplication)
    palette, font, sheet = QPalette(qapp.palette()), qapp.font(), qapp.styleSheet()
    applied = style.look()
    switch = look_switch()
    theme, scheme = switch.theme, switch.scheme
    yield
    for widget in qapp.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    switch.theme, switch.scheme = theme, scheme
    style.set_look(qapp, applied)
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setFont(font)
