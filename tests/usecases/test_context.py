"""The application context: what one run of the window shares, built once,
with the library and the programs loaded on first use and only once."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

import app.catalog
from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.logbook.settings import Settings
from app.storage.queries import LogReader
from app.usecases.context import AppContext


def test_building_it_loads_nothing(paths: AppPaths, clock: FakeClock,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    loads: list[object] = []
    monkeypatch.setattr(app.catalog, "load_catalog", lambda *args: loads.append(args))
    context = AppContext(paths, clock)
    assert loads == [] and context.reader is None and not context.log_read_only


def test_the_catalog_is_loaded_once_for_every_asker(paths: AppPaths, clock: FakeClock,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    real = app.catalog.load_catalog
    loads: list[str] = []

    def counted(resources: object) -> object:
        loads.append(threading.current_thread().name)
        return real(resources)  # type: ignore[arg-type]

    monkeypatch.setattr(app.catalog, "load_catalog", counted)
    context = AppContext(paths, clock)
    # The database loader's worker warms it while the UI thread may ask too.
    worker = threading.Thread(target=context.program_book, name="warm")
    worker.start()
    catalog = context.catalog()
    worker.join()
    assert len(loads) == 1
    assert context.catalog() is catalog and context.catalog_result().catalog is catalog
    assert context.program_book() is context.program_book()
    assert context.program_book().catalog is catalog
    assert catalog.get("nordic-hamstring-curl") is not None


def test_settings_are_the_defaults_until_a_log_is_open(paths: AppPaths, clock: FakeClock,
                                                       store: object) -> None:
    context = AppContext(paths, clock)
    assert context.settings() == Settings()
    store.set_setting("units", "lb")  # type: ignore[attr-defined]
    context.reader = LogReader(paths.database)
    try:
        assert context.settings().units == "lb"
    finally:
        context.reader.close()


def test_sessions_run_on_the_clock_unless_a_scaled_one_is_given(paths: AppPaths,
                                                                clock: FakeClock) -> None:
    context = AppContext(paths, clock)
    assert context.session_clock is clock
    faster = FakeClock(clock.now() + timedelta(hours=1))
    context.scaled_clock = faster
    assert context.session_clock is faster and context.clock is clock

