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
    def confirm(self, title: str, text: str, action: str) -> bool: ...


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

    def confirm(self, title: str, text: str, action: str) -> bool:
        """Ask before something that cannot be undone; Cancel is the default."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self._parent)
        go = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.exec()
        return box.clickedButton() is go


class RecordingAlerts:
    """Collects messages instead of showing them (tests, headless runs)."""

    def __init__(self, confirm_answer: bool = True) -> None:
        self.shown: list[tuple[str, str, str]] = []
        self.confirm_answer = confirm_answer

    def error(self, title: str, text: str) -> None:
        self.shown.append(("error", title, text))

    def warning(self, title: str, text: str) -> None:
        self.shown.append(("warning", title, text))

    def info(self, title: str, text: str) -> None:
        self.shown.append(("info", title, text))

    def confirm(self, title: str, text: str, action: str) -> bool:
        self.shown.append(("confirm", title, text))
        return self.confirm_answer
