"""Shared fixtures. Every test runs on its own data dir under tmp_path, with
a fake clock, offscreen Qt, and no way to touch the real user's files."""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before any Qt import: tests never open a real window unless they ask for Xvfb.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths, prepare_dirs, resolve_paths

# Skips for a missing system package fail the run where CI asks (qt_optional).
pytest_plugins = ["helpers.qt_optional"]


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point every default location into a temp dir, so a test that forgets
    --data-dir still cannot write into the developer's real data."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for var in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    monkeypatch.delenv("HAMSTRIDE_DATA_DIR", raising=False)
    monkeypatch.delenv("HAMSTRIDE_STARTUP_PROBE", raising=False)


@pytest.fixture(scope="session", autouse=True)
def _garbage_collected_on_the_main_thread() -> Iterator[None]:
    """As in the app (app.ui.shell.main_thread_gc): no automatic collection, which
    could run in a worker thread and destroy a Qt object there; the main
    thread collects after each test instead."""
    was_enabled = gc.isenabled()
    gc.disable()
    yield
    if was_enabled:
        gc.enable()


@pytest.fixture(autouse=True)
def _collect_after_each_test() -> Iterator[None]:
    yield
    from app.ui.shell.main_thread_gc import collect_if_due

    # A test that switched automatic collection back on would let the next
    # tests' worker threads destroy Qt objects: say which one did it.
    assert not gc.isenabled(), "this test left automatic garbage collection on"
    collect_if_due()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    app_paths = resolve_paths(tmp_path / "data")
    prepare_dirs(app_paths)
    return app_paths


@pytest.fixture
def store(paths: AppPaths, clock: FakeClock) -> Iterator[object]:
    from app.storage.store import Store

    opened, _report = Store.open(paths, clock)
    yield opened
    opened.close()


@pytest.fixture
def look_restored(qapp: object, qtbot: object) -> Iterator[None]:
    """For a test that changes the one application's look (theme, text size):
    see restored_look."""
    with restored_look(qapp):
        yield


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


@pytest.fixture
def open_window(qtbot: object, paths: AppPaths, clock: FakeClock) -> object:
    """``open_window(alerts=None, paths=None)``: the app's window on the test's
    data dir (or ``paths``), started as the app starts it, once its log is open."""
    from app.ui.shell.alerts import Alerts, RecordingAlerts
    from app.ui.shell.application import GuiSession

    def start(alerts: Alerts | None = None, on: AppPaths | None = None) -> GuiSession:
        gui = GuiSession(on or paths, alerts or RecordingAlerts(), clock)
        qtbot.addWidget(gui.window)  # type: ignore[attr-defined]
        with qtbot.waitSignal(gui.window.log_ready, timeout=20000):  # type: ignore[attr-defined]
            gui.start()
        return gui

    return start

