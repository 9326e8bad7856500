"""Waiting for the window's background writes (app.ui.base.log_writer)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.ui.base.log_writer import LogWriter


def wait_for_writes(qtbot: QtBot, writer: LogWriter, timeout: int = 20000) -> None:
    """Every write queued on ``writer`` so far has run and answered the
    part of the app that asked (jobs run and answer in order)."""
    with qtbot.waitSignal(writer.after_queued().done, timeout=timeout):
        pass
