"""Gym mode: the guided-session screen and the controller that runs it.

    screen = SessionScreen(catalog, units="kg", break_point_keys=["B", "Space"])
    controller = SessionController(plan, screen, clock=clock, writer=window.writer,
                                   cue_player=player, save_path=data_dir / SAVED_SESSION_FILE)
    controller.finished.connect(...)
    controller.start()

At start-up, ``app.session.saved.load_saved_session(path)`` says whether a
session can be resumed (``SessionController.resume(saved, screen, ...)``).
This package's ``__init__`` loads no Qt: the widgets are imported only when
they are first asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.ui.session.controller import SessionController
    from app.ui.session.screen import SessionScreen

__all__ = ["SessionController", "SessionScreen"]


def __getattr__(name: str) -> Any:
    # The widgets (and Qt with them) load on first use, not when the app
    # merely checks for a session to resume.
    if name == "SessionController":
        from app.ui.session.controller import SessionController
        return SessionController
    if name == "SessionScreen":
        from app.ui.session.screen import SessionScreen
        return SessionScreen
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
