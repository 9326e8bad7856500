"""Answering the checks every session start asks in the window (issue 16
point 1): the readiness dialog, with its defaults (no soreness, no pain)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.ui.main_window import MainWindow


def answer_readiness(qtbot: QtBot, window: MainWindow) -> None:
    """Start from the open readiness check with its default answers (Enter)."""
    dialog = window.readiness_dialog
    assert dialog is not None, "no readiness check was asked"
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert window.readiness_dialog is None
