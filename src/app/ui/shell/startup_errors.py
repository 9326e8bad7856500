"""Telling the user about a problem that stops the window from opening.

Someone who starts Hamstride from a desktop menu never sees stderr, so the
one-line message also goes into a dialog, but only when there is a real
display: an offscreen or missing display must never wait on a dialog.
"""

from __future__ import annotations

import os
import sys

from app import APP_NAME
from app.kernel.i18n import translate

_HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc")


def has_display(environ: dict[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    platform = env.get("QT_QPA_PLATFORM", "")
    if platform.startswith(_HEADLESS_PLATFORMS):
        return False
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))
    return True


def show_startup_error(message: str, title: str | None = None) -> None:
    if not has_display():
        return
    if title is None:
        title = translate("startup_errors", "{app} cannot start").format(app=APP_NAME)
    from PySide6.QtWidgets import QApplication, QMessageBox

    # Hold the reference until the dialog closes: dropping a Python-made
    # QApplication destroys it.
    app = QApplication.instance() or QApplication(sys.argv[:1])
    QMessageBox.critical(None, title, message)
    app.processEvents()
