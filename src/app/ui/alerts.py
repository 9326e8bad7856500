"""The one place the app pops up a message box.

Widgets call an ``Alerts`` object instead of QMessageBox directly, so tests
can pass a recorder and never get stuck behind a modal dialog offscreen.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QWidget


class Alerts(Protocol):
    def error(self, title: str, text: str) -> None: ...
    def warning(self, title: str, text: str) -> None: ...
    def info(self, title: str, text: str) -> None: ...


class MessageBoxAlerts:
    def __init__(self, parent: QWidget | None = None) -> None:
        self._parent = parent

    # QMessageBox is imported on first use: most runs never show one, and
    # start-up time is measured.
    def error(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(self._parent, title, text)

    def warning(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self._parent, title, text)

    def info(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(self._parent, title, text)


class RecordingAlerts:
    """Collects messages instead of showing them (tests, headless runs)."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []

    def error(self, title: str, text: str) -> None:
        self.shown.append(("error", title, text))

    def warning(self, title: str, text: str) -> None:
        self.shown.append(("warning", title, text))

    def info(self, title: str, text: str) -> None:
        self.shown.append(("info", title, text))
