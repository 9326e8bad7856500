"""Keeping the screen on under Windows and macOS, with fake system libraries
(this runs on Linux): the calls and their arguments, the values of the
system constants, failures that change nothing but one log line, and the
choice of implementation by platform."""

from __future__ import annotations

import ctypes
import logging
import subprocess
import sys
from itertools import count
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication

from app.ui.desktop import keep_awake as module
from app.ui.desktop.keep_awake import (
    KeepAwake,
    MacKeepAwake,
    MacLibraries,
    WindowsKeepAwake,
    keep_awake,
)
from app.ui.desktop.screen_inhibit import ScreenInhibitor

LOGGER = "app.ui.desktop.keep_awake"


def _lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == LOGGER]


@pytest.fixture
def caplog_info(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.INFO, logger=LOGGER)
    return caplog


# -- the system constants (their values are the systems', not ours) -----------------------


def test_the_windows_flags_are_those_of_winbase_h() -> None:
    assert module.ES_CONTINUOUS == 0x80000000
    assert module.ES_DISPLAY_REQUIRED == 0x00000002
    assert module.ES_SYSTEM_REQUIRED == 0x00000001


def test_the_macos_values_are_those_of_iopmlib_and_cfstring() -> None:
    assert module.ASSERTION_TYPE == "PreventUserIdleDisplaySleep"
    assert module.ASSERTION_LEVEL_ON == 255
    assert module.CF_STRING_ENCODING_UTF8 == 0x08000100
    assert module.IO_RETURN_SUCCESS == 0


# -- Windows -------------------------------------------------------------------------------


class FakeKernel32:
    """Records SetThreadExecutionState's arguments; answers ``answer`` (the
    previous state; 0 is the system's failure) or raises ``error``."""

    def __init__(self, answer: int = 0x80000000, error: Exception | None = None) -> None:
        self.answer = answer
        self.error = error
        self.calls: list[int] = []

    def SetThreadExecutionState(self, flags: int) -> int:
        self.calls.append(flags)
        if self.error is not None:
            raise self.error
        return self.answer


def test_windows_keeps_display_and_system_on_until_released(caplog_info: pytest.LogCaptureFixture) -> None:
    kernel32 = FakeKernel32()
    awake = WindowsKeepAwake(loader=lambda: kernel32)
    assert kernel32.calls == [] and not awake.active      # nothing loaded or called before a session

    awake.inhibit("A workout is running")
    assert kernel32.calls == [0x80000003] and awake.active

    awake.release()
    assert kernel32.calls == [0x80000003, 0x80000000] and not awake.active


def test_windows_asking_twice_sets_the_state_once() -> None:
    kernel32 = FakeKernel32()
    awake = WindowsKeepAwake(loader=lambda: kernel32)
    awake.inhibit("one")
    awake.inhibit("two")
    assert kernel32.calls == [0x80000003]
    awake.release()
    awake.release()
    assert kernel32.calls == [0x80000003, 0x80000000]


@pytest.mark.parametrize("kernel32", [FakeKernel32(answer=0), FakeKernel32(error=OSError("denied"))],
                         ids=["NULL", "raises"])
def test_windows_a_failed_call_logs_one_line_and_release_does_nothing(
        kernel32: FakeKernel32, caplog_info: pytest.LogCaptureFixture) -> None:
    awake = WindowsKeepAwake(loader=lambda: kernel32)
    awake.inhibit("A workout is running")
    assert not awake.active
    awake.release()
    assert kernel32.calls == [0x80000003]                 # no ES_CONTINUOUS for a state never set
    lines = _lines(caplog_info)
    assert len(lines) == 1 and "SetThreadExecutionState failed" in lines[0]


def test_windows_a_failed_release_logs_one_line_and_raises_nothing(
        caplog_info: pytest.LogCaptureFixture) -> None:
    kernel32 = FakeKernel32()
    awake = WindowsKeepAwake(loader=lambda: kernel32)
    awake.inhibit("A workout is running")
    kernel32.answer = 0
    caplog_info.clear()
    awake.release()
    assert not awake.active and len(_lines(caplog_info)) == 1


def test_windows_without_kernel32_is_a_no_op_logged_once(caplog_info: pytest.LogCaptureFixture) -> None:
    loads: list[int] = []

    def cannot_load() -> Any:
        loads.append(1)
        raise OSError("no such library")

    awake = WindowsKeepAwake(loader=cannot_load)
    awake.inhibit("one")
    awake.inhibit("two")       # not tried again, not logged again
    awake.release()
    assert not awake.active and loads == [1]
    lines = _lines(caplog_info)
    assert len(lines) == 1 and "kernel32 cannot be loaded" in lines[0]


@pytest.mark.skipif(sys.platform == "win32", reason="the real kernel32 is there")
def test_windows_default_loader_off_windows_is_a_no_op(caplog_info: pytest.LogCaptureFixture) -> None:
    awake = WindowsKeepAwake()
    awake.inhibit("A workout is running")
    awake.release()
    assert not awake.active and len(_lines(caplog_info)) == 1


# -- macOS ---------------------------------------------------------------------------------


class FakeCoreFoundation:
    """CFStrings are numbers from 100 on; records creations and releases.
    ``fail_at``: the creation (counted from 0) that answers NULL."""

    def __init__(self, fail_at: int | None = None) -> None:
        self.fail_at = fail_at
        self.created: list[tuple[Any, bytes, int]] = []
        self.handles: dict[int, bytes] = {}
        self.released: list[int] = []
        self.numbers = count(100)

    def CFStringCreateWithCString(self, allocator: Any, text: bytes, encoding: int) -> int:
        index = len(self.created)
        self.created.append((allocator, text, encoding))
        if index == self.fail_at:
            return 0
        handle = next(self.numbers)
        self.handles[handle] = text
        return handle

    def CFRelease(self, handle: int) -> None:
        self.released.append(handle)


class FakeIOKit:
    """Hands out assertion ids from 7 on (written through the pointer, as
    IOKit does); ``create_result``/``release_result``: the IOReturn answered."""

    def __init__(self, create_result: int = 0, release_result: int = 0) -> None:
        self.create_result = create_result
        self.release_result = release_result
        self.created: list[tuple[int, int, int]] = []
        self.released: list[int] = []
        self.ids = count(7)

    def IOPMAssertionCreateWithName(
            self, assertion_type: int, level: int, name: int, assertion_id: Any) -> int:
        self.created.append((assertion_type, level, name))
        if self.create_result == 0:
            assertion_id.contents.value = next(self.ids)
        return self.create_result

    def IOPMAssertionRelease(self, assertion_id: int) -> int:
        self.released.append(assertion_id)
        return self.release_result


def _mac(iokit: FakeIOKit, cf: FakeCoreFoundation) -> MacKeepAwake:
    return MacKeepAwake(loader=lambda: MacLibraries(iokit=iokit, core_foundation=cf))


def test_macos_holds_a_display_assertion_named_for_the_reason(caplog_info: pytest.LogCaptureFixture) -> None:
    iokit, cf = FakeIOKit(), FakeCoreFoundation()
    awake = _mac(iokit, cf)
    assert cf.created == [] and not awake.active

    awake.inhibit("Ein Training läuft")
    assert cf.created == [(None, b"PreventUserIdleDisplaySleep", 0x08000100),
                          (None, "Ein Training läuft".encode(), 0x08000100)]
    [(type_string, level, name_string)] = iokit.created
    assert cf.handles[type_string] == b"PreventUserIdleDisplaySleep"
    assert level == 255
    assert cf.handles[name_string] == "Ein Training läuft".encode()
    assert awake.active and awake.assertion_id == 7
    assert sorted(cf.released) == sorted(cf.handles)       # our strings are not leaked

    awake.release()
    assert iokit.released == [7] and not awake.active and awake.assertion_id is None


def test_macos_asking_twice_holds_one_assertion() -> None:
    iokit, cf = FakeIOKit(), FakeCoreFoundation()
    awake = _mac(iokit, cf)
    awake.inhibit("one")
    awake.inhibit("two")
    assert len(iokit.created) == 1
    awake.release()
    awake.release()
    assert iokit.released == [7]


def test_macos_a_refused_assertion_logs_one_line_and_release_does_nothing(
        caplog_info: pytest.LogCaptureFixture) -> None:
    iokit, cf = FakeIOKit(create_result=-536870206), FakeCoreFoundation()   # kIOReturnBadArgument
    awake = _mac(iokit, cf)
    awake.inhibit("A workout is running")
    assert not awake.active
    awake.release()
    assert iokit.released == []
    assert sorted(cf.released) == sorted(cf.handles)
    lines = _lines(caplog_info)
    assert len(lines) == 1 and "0xe00002c2" in lines[0]


@pytest.mark.parametrize("fail_at", [0, 1], ids=["type", "reason"])
def test_macos_a_string_that_cannot_be_made_asks_no_assertion(
        fail_at: int, caplog_info: pytest.LogCaptureFixture) -> None:
    iokit, cf = FakeIOKit(), FakeCoreFoundation(fail_at=fail_at)
    awake = _mac(iokit, cf)
    awake.inhibit("A workout is running")
    assert not awake.active and iokit.created == []
    assert sorted(cf.released) == sorted(cf.handles)      # the one made is released
    assert len(_lines(caplog_info)) == 1


def test_macos_an_iokit_call_that_raises_is_logged_not_raised(caplog_info: pytest.LogCaptureFixture) -> None:
    class Raising(FakeIOKit):
        def IOPMAssertionCreateWithName(self, *arguments: Any) -> int:
            raise ctypes.ArgumentError("wrong type")

    awake = _mac(Raising(), FakeCoreFoundation())
    awake.inhibit("A workout is running")
    awake.release()
    assert not awake.active and len(_lines(caplog_info)) == 1


def test_macos_a_failed_release_logs_one_line(caplog_info: pytest.LogCaptureFixture) -> None:
    iokit = FakeIOKit(release_result=-536870208)
    awake = _mac(iokit, FakeCoreFoundation())
    awake.inhibit("A workout is running")
    caplog_info.clear()
    awake.release()
    assert not awake.active and iokit.released == [7]
    lines = _lines(caplog_info)
    assert len(lines) == 1 and "IOPMAssertionRelease" in lines[0]


def test_macos_without_iokit_is_a_no_op_logged_once(caplog_info: pytest.LogCaptureFixture) -> None:
    def cannot_load() -> MacLibraries:
        raise OSError("image not found")

    awake = MacKeepAwake(loader=cannot_load)
    awake.inhibit("one")
    awake.inhibit("two")
    awake.release()
    assert not awake.active
    lines = _lines(caplog_info)
    assert len(lines) == 1 and "IOKit cannot be loaded" in lines[0]


@pytest.mark.skipif(sys.platform == "darwin", reason="the real IOKit is there")
def test_macos_default_loader_off_macos_is_a_no_op(caplog_info: pytest.LogCaptureFixture) -> None:
    awake = MacKeepAwake()
    awake.inhibit("A workout is running")
    awake.release()
    assert not awake.active and len(_lines(caplog_info)) == 1


# -- the choice by platform ----------------------------------------------------------------


def test_each_platform_gets_its_own_way(qapp: QCoreApplication) -> None:
    assert type(keep_awake("win32")) is WindowsKeepAwake
    assert type(keep_awake("darwin")) is MacKeepAwake
    for platform in ("linux", "freebsd14", "openbsd7"):
        assert type(keep_awake(platform)) is ScreenInhibitor
    if sys.platform.startswith("linux"):
        assert type(keep_awake()) is ScreenInhibitor


def test_every_way_fits_the_interface(qapp: QCoreApplication) -> None:
    ways: list[KeepAwake] = [WindowsKeepAwake(loader=FakeKernel32),
                             _mac(FakeIOKit(), FakeCoreFoundation()), ScreenInhibitor()]
    for way in ways:
        assert way.active is False


def test_the_module_imports_neither_qt_nor_a_system_library() -> None:
    # Loaded alone (as on Windows and macOS): no Qt, no library opened yet.
    code = ("import sys, ctypes; opened = []; ctypes.CDLL.__init__ = lambda *a, **k: opened.append(a); "
            "import app.ui.desktop.keep_awake; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')), opened)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          timeout=60)
    assert done.stdout.strip() == "[] []"
