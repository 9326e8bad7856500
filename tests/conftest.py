"""Shared fixtures. Every test runs on its own data dir under tmp_path, with
a fake clock, offscreen Qt, and no way to touch the real user's files."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before any Qt import: tests never open a real window unless they ask for Xvfb.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths, prepare_dirs, resolve_paths
from helpers.look import restored_look

# Skips for a missing system package fail the run where CI asks (qt_optional).
# (The translation tests' fixtures, which import Qt, are in tests/ui/conftest.py.)
pytest_plugins = ["helpers.qt_optional"]

# The tests of the Qt-free packages, by their folder under tests/ (the tree
# mirrors src/app): marked `core`, so `make test-core` runs them alone and
# without Qt (pytest -m core -p no:pytest-qt). The command line's tests are
# here too: the window they start runs in a subprocess.
# tests/project/test_core_run.py checks that such a run loads no PySide6.
CORE_TEST_FOLDERS = frozenset({
    "kernel", "figure", "catalog", "logbook", "storage", "session", "coaching", "exchange",
    "progress", "usecases", "cli",
})
# pytest-qt's settings in pyproject.toml: a run without pytest-qt must still
# know them, or --strict-config refuses them.
_QT_PLUGIN_SETTINGS = ("qt_api", "qt_log_level_fail")
_QT_PLUGIN_LIST_SETTINGS = ("qt_log_ignore",)


def pytest_addoption(parser: pytest.Parser, pluginmanager: pytest.PytestPluginManager) -> None:
    if not pluginmanager.has_plugin("pytest-qt"):
        unused = "pytest-qt's setting, unused in a run without it"
        for name in _QT_PLUGIN_SETTINGS:
            parser.addini(name, unused, type="string")
        for name in _QT_PLUGIN_LIST_SETTINGS:
            parser.addini(name, unused, type="linelist")


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """A run without pytest-qt (make test-core) collects the core folders only:
    the others' test modules import Qt and use pytest-qt's markers."""
    if config.pluginmanager.has_plugin("pytest-qt"):
        return None
    tests = Path(__file__).parent
    if collection_path.parent == tests and collection_path.is_dir():
        return collection_path.name not in CORE_TEST_FOLDERS
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    tests = Path(__file__).parent
    for item in items:
        parts = item.path.relative_to(tests).parts if item.path.is_relative_to(tests) else ()
        if len(parts) > 1 and parts[0] in CORE_TEST_FOLDERS:
            item.add_marker(pytest.mark.core)


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
def _garbage_collected_on_the_main_thread(pytestconfig: pytest.Config) -> Iterator[bool]:
    """As in the app (app.ui.shell.main_thread_gc): no automatic collection, which
    could run in a worker thread and destroy a Qt object there; the main
    thread collects after each test instead. A run without pytest-qt (make
    test-core) makes no Qt object, so it keeps automatic collection (yields False)."""
    if not pytestconfig.pluginmanager.has_plugin("pytest-qt"):
        yield False
        return
    was_enabled = gc.isenabled()
    gc.disable()
    yield True
    if was_enabled:
        gc.enable()


@pytest.fixture(autouse=True)
def _collect_after_each_test(_garbage_collected_on_the_main_thread: bool) -> Iterator[None]:
    yield
    if not _garbage_collected_on_the_main_thread:
        return
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


@pytest.fixture
def open_window(qtbot: object, paths: AppPaths, clock: FakeClock) -> object:
    """``open_window(alerts=None, paths=None)``: the app's window on the test's
    data dir (or ``paths``), started as the app starts it, once its log is open."""
    from app.ui.base.alerts import Alerts, RecordingAlerts
    from app.ui.shell.application import GuiSession

    def start(alerts: Alerts | None = None, on: AppPaths | None = None) -> GuiSession:
        gui = GuiSession(on or paths, alerts or RecordingAlerts(), clock)
        qtbot.addWidget(gui.window)  # type: ignore[attr-defined]
        with qtbot.waitSignal(gui.window.log_ready, timeout=20000):  # type: ignore[attr-defined]
            gui.start()
        return gui

    return start

