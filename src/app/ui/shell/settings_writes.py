"""A setting changed (on the Settings page, or raised by a session): checked,
written through the log writer, and the theme and text size put on screen
at once, with no restart (app.ui.look.theme_switch, imported when the log
opens)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.ui.base.log_writer import LogWriter

if TYPE_CHECKING:
    from app.logbook.settings import Settings

LOOK_SETTINGS = ("theme", "text_scale")


class SettingsWrites(QObject):
    refused = Signal(str)   # why a value was not saved (for the status bar)
    look_applied = Signal()  # a theme or text size is on screen: the window dresses its frame
    look_changed = Signal()  # ...and it changed by itself (the desktop's colour scheme)

    def __init__(self, writer: LogWriter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._writer = writer
        self._following = False  # connected to the look switch (once a look is applied)

    def change(self, key: str, value: object) -> None:
        from app.kernel.i18n import translate
        from app.logbook.settings import SettingError, stored_value

        try:
            stored = stored_value(key, value)
        except SettingError as exc:  # the widgets' ranges should make this impossible
            self.refused.emit(translate("MainWindow", "Not saved: {error}").format(error=exc))
            return
        self._writer.submit(lambda store: store.set_setting(key, stored))
        if key in LOOK_SETTINGS:
            self.apply_look(**{key: stored})

    def apply_stored_look(self, settings: Settings) -> None:
        """The theme and text size the log holds, on screen."""
        self.apply_look(theme=settings.theme, text_scale=settings.text_scale)

    def apply_look(self, theme: str | None = None, text_scale: int | None = None) -> None:
        """Theme and text size, on the whole app at once (no restart); None
        keeps the current one."""
        from app.ui.look.theme_switch import look_switch

        switch = look_switch()
        if not self._following:  # also when the desktop's colour scheme changes
            self._following = True
            switch.changed.connect(self._on_look_switch_changed)
        switch.apply(theme, text_scale)
        self.look_applied.emit()

    def _on_look_switch_changed(self) -> None:
        self.look_applied.emit()
        self.look_changed.emit()
