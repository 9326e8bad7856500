"""Garbage holding Qt objects is collected on the UI thread, never in a worker."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from app.ui.shell.main_thread_gc import MainThreadGarbageCollector, collect_if_due


@pytest.fixture
def small_thresholds() -> Iterator[None]:
    saved = gc.get_threshold()
    gc.set_threshold(50, 5, 5)
    yield
    gc.set_threshold(*saved)


class _Cycle:
    """Garbage only the cyclic collector can free, holding a Qt object."""

    def __init__(self) -> None:
        self.qt_object = QObject()
        self.itself = self


def _allocate_containers(count: int) -> list[list[object]]:
    # Live container allocations are what advance the collector's counters
    # (one allocated and freed again leaves them as they were).
    return [[{}] for _ in range(count)]


def test_the_collector_switches_automatic_collection_off_while_it_lives(qtbot: QtBot) -> None:
    gc.enable()
    try:
        collector = MainThreadGarbageCollector()
        assert not gc.isenabled()
        collector.stop()
        assert gc.isenabled()
    finally:
        gc.disable()  # as the test session keeps it (see conftest)


def test_a_worker_thread_never_collects_and_the_ui_thread_does(qtbot: QtBot,
                                                               small_thresholds: None) -> None:
    collected_in: list[str] = []
    collector = MainThreadGarbageCollector(interval_ms=10)
    try:
        cycle = _Cycle()
        weakref.finalize(cycle, lambda: collected_in.append(threading.current_thread().name))
        del cycle
        kept: list[object] = []
        worker = threading.Thread(target=lambda: kept.append(_allocate_containers(20_000)),
                                  name="worker")
        worker.start()
        worker.join()
        assert gc.get_count()[0] > 50
        assert collected_in == []  # far past every threshold, and still nothing in the worker
        qtbot.waitUntil(lambda: bool(collected_in), timeout=5000)
        assert collected_in == ["MainThread"]
    finally:
        collector.stop()
        gc.disable()


def test_collect_if_due_runs_the_generation_automatic_collection_would(small_thresholds: None) -> None:
    gc.collect()
    assert collect_if_due() is None  # nothing allocated since: nothing due
    kept = _allocate_containers(100)
    assert collect_if_due() == 0
    assert gc.get_count()[0] < 50
    assert len(kept) == 100
