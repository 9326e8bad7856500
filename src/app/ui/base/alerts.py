"""The one place the app pops up a message box.

Widgets call an ``Alerts`` object instead of QMessageBox directly, so tests
can pass a recorder and never get stuck behind a modal dialog offscreen.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtWidgets import QWidget


class Alerts(Protocol):
    def error(self, title: str, text: str) -> None: ...
    def warning(self, title: str, text: str) -> None: ...
    def info(self, title: str, text: str) -> None: ...
    def confirm(self, title: str, text: str, action: str, *,
                action_is_default: bool = False) -> bool: ...


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

    def confirm(self, title: str, text: str, action: str, *,
                action_is_default: bool = False) -> bool:
        """Ask before something that cannot be undone: Cancel is the default.
        ``action_is_default`` where the action is the safe answer (resuming a
        session: Enter must not throw away where the athlete was)."""
        box, go = confirm_box(title, text, action, action_is_default, self._parent)
        box.exec()
        return box.clickedButton() is go


def confirm_box(title: str, text: str, action: str, action_is_default: bool,
                parent: QWidget | None = None) -> tuple[Any, Any]:
    """The question box and its action button (built apart from showing it,
    so a test can read which button Enter presses)."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    role = QMessageBox.ButtonRole.AcceptRole if action_is_default \
        else QMessageBox.ButtonRole.DestructiveRole
    go = box.addButton(action, role)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(go if action_is_default else cancel)
    return box, go


class RecordingAlerts:
    """Collects messages instead of showing them (tests, headless runs)."""

    def __init__(self, confirm_answer: bool = True) -> None:
        self.shown: list[tuple[str, str, str]] = []
        self.defaults: list[str] = []  # per confirm: the button Enter would press
        self.confirm_answer = confirm_answer

    def error(self, title: str, text: str) -> None:
        self.shown.append(("error", title, text))

    def warning(self, title: str, text: str) -> None:
        self.shown.append(("warning", title, text))

    def info(self, title: str, text: str) -> None:
        self.shown.append(("info", title, text))

    def confirm(self, title: str, text: str, action: str, *,
                action_is_default: bool = False) -> bool:
        self.shown.append(("confirm", title, text))
        self.defaults.append(action if action_is_default else "Cancel")
        return self.confirm_answer
