"""Keep the screen awake during a session, on every desktop the app runs on.

One small interface, ``KeepAwake`` (``inhibit(reason)``, ``release()``,
``active``), and one implementation per system, picked by ``keep_awake()``:

- Linux and the BSDs: ``ScreenInhibitor`` (org.freedesktop.ScreenSaver over
  D-Bus, screen_inhibit.py), unchanged.
- Windows: ``WindowsKeepAwake``, kernel32's SetThreadExecutionState.
- macOS: ``MacKeepAwake``, an IOKit power assertion.

The Windows and macOS classes reach their system libraries through ctypes,
loaded on first use by an injected loader: nothing here imports a
platform-only module at import time, so this module loads (and is tested,
with fake libraries) on Linux. None of them imports Qt. A call that fails
leaves the screen as the system would have it and logs one line: keeping the
screen on is a comfort, never a reason to stop a session.

Neither Windows nor macOS needs a release at quit: the execution state
belongs to the thread and an assertion to the process, and both end with it.
The session host still releases at the end of every session.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

log = logging.getLogger(__name__)

# -- Windows (winbase.h: EXECUTION_STATE flags) -------------------------------------
ES_CONTINUOUS = 0x80000000
"""The state set stays until the next call (without it, it only resets the idle timers once)."""
ES_DISPLAY_REQUIRED = 0x00000002
ES_SYSTEM_REQUIRED = 0x00000001
KEEP_AWAKE_STATE = ES_CONTINUOUS | ES_DISPLAY_REQUIRED | ES_SYSTEM_REQUIRED

# -- macOS (IOKit/pwr_mgt/IOPMLib.h, CoreFoundation/CFString.h) ----------------------
ASSERTION_TYPE = "PreventUserIdleDisplaySleep"
"""kIOPMAssertionTypePreventUserIdleDisplaySleep: the display stays on (and so the Mac)."""
ASSERTION_LEVEL_ON = 255
"""kIOPMAssertionLevelOn."""
CF_STRING_ENCODING_UTF8 = 0x08000100
"""kCFStringEncodingUTF8."""
IO_RETURN_SUCCESS = 0
"""kIOReturnSuccess."""
IOKIT_PATH = "/System/Library/Frameworks/IOKit.framework/IOKit"
CORE_FOUNDATION_PATH = "/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation"

# What a foreign call can raise: a missing symbol, a wrong argument, the OS.
_CALL_ERRORS = (OSError, AttributeError, TypeError, ValueError, ctypes.ArgumentError)


class KeepAwake(Protocol):
    """What the session host asks of each system's way of keeping the screen on."""

    @property
    def active(self) -> bool:
        """The system has agreed to keep the screen on."""
        ...

    def inhibit(self, reason: str) -> None:
        """Keep the screen on; does nothing if already asked."""
        ...

    def release(self) -> None:
        """Let the screen blank again; does nothing if not inhibited."""
        ...


class _LazyLibrary:
    """The library, loaded by ``loader`` on the first call: once; a library that
    cannot be loaded is logged once and the keep-awake does nothing after."""

    def __init__(self, loader: Callable[[], Any], what: str) -> None:
        self._loader: Callable[[], Any] | None = loader
        self._what = what
        self._library: Any = None

    def get(self) -> Any:
        if self._loader is not None:
            loader, self._loader = self._loader, None
            try:
                self._library = loader()
            except _CALL_ERRORS as error:
                log.info("the screen may blank during sessions: %s cannot be loaded (%s)",
                         self._what, error)
        return self._library


# -- Windows -------------------------------------------------------------------------

def load_kernel32() -> Any:
    """kernel32 with SetThreadExecutionState's types declared (Windows only)."""
    if sys.platform != "win32":
        raise OSError("kernel32 exists only on Windows")
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.SetThreadExecutionState.argtypes = [ctypes.c_uint32]
    kernel32.SetThreadExecutionState.restype = ctypes.c_uint32
    return kernel32


class WindowsKeepAwake:
    """SetThreadExecutionState(ES_CONTINUOUS | ES_DISPLAY_REQUIRED |
    ES_SYSTEM_REQUIRED) while a session runs, ES_CONTINUOUS alone after it.
    The state belongs to the calling thread: the session host calls from the
    window's thread, which lives as long as the app."""

    def __init__(self, loader: Callable[[], Any] = load_kernel32) -> None:
        self._kernel32 = _LazyLibrary(loader, "kernel32")
        self._active = False

    @property
    def active(self) -> bool:
        return self._active

    def inhibit(self, reason: str) -> None:
        # Windows shows no reason for an execution state (powercfg names the process).
        if self._active:
            return
        kernel32 = self._kernel32.get()
        if kernel32 is None:
            return
        try:
            previous = kernel32.SetThreadExecutionState(KEEP_AWAKE_STATE)
        except _CALL_ERRORS as error:
            log.info("the screen may blank during sessions: SetThreadExecutionState failed (%s)", error)
            return
        if not previous:  # NULL: the call failed
            log.info("the screen may blank during sessions: SetThreadExecutionState failed")
            return
        self._active = True
        log.info("screen blanking inhibited (SetThreadExecutionState)")

    def release(self) -> None:
        if not self._active:
            return
        self._active = False
        try:
            restored = self._kernel32.get().SetThreadExecutionState(ES_CONTINUOUS)
        except _CALL_ERRORS as error:
            log.info("could not allow screen blanking again: SetThreadExecutionState failed (%s)", error)
            return
        if not restored:
            log.info("could not allow screen blanking again: SetThreadExecutionState failed")
            return
        log.info("screen blanking allowed again")


# -- macOS ---------------------------------------------------------------------------

@dataclass(frozen=True)
class MacLibraries:
    """IOKit (the assertion) and CoreFoundation (the strings it takes)."""

    iokit: Any
    core_foundation: Any


def load_mac_libraries() -> MacLibraries:
    """IOKit and CoreFoundation with the used functions' types declared."""
    iokit = ctypes.CDLL(IOKIT_PATH)
    core_foundation = ctypes.CDLL(CORE_FOUNDATION_PATH)
    core_foundation.CFStringCreateWithCString.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_uint32]
    core_foundation.CFStringCreateWithCString.restype = ctypes.c_void_p
    core_foundation.CFRelease.argtypes = [ctypes.c_void_p]
    core_foundation.CFRelease.restype = None
    iokit.IOPMAssertionCreateWithName.argtypes = [
        ctypes.c_void_p, ctypes.c_uint32, ctypes.c_void_p, ctypes.POINTER(ctypes.c_uint32)]
    iokit.IOPMAssertionCreateWithName.restype = ctypes.c_int32
    iokit.IOPMAssertionRelease.argtypes = [ctypes.c_uint32]
    iokit.IOPMAssertionRelease.restype = ctypes.c_int32
    return MacLibraries(iokit, core_foundation)


class MacKeepAwake:
    """An IOPMAssertionCreateWithName(PreventUserIdleDisplaySleep) assertion
    while a session runs, released with IOPMAssertionRelease after it. The
    reason is what `pmset -g assertions` and Activity Monitor show."""

    def __init__(self, loader: Callable[[], MacLibraries] = load_mac_libraries) -> None:
        self._libraries = _LazyLibrary(loader, "IOKit")
        self._assertion_id: int | None = None

    @property
    def active(self) -> bool:
        return self._assertion_id is not None

    @property
    def assertion_id(self) -> int | None:
        return self._assertion_id

    def inhibit(self, reason: str) -> None:
        if self._assertion_id is not None:
            return
        libraries: MacLibraries | None = self._libraries.get()
        if libraries is None:
            return
        cf = libraries.core_foundation
        strings: list[Any] = []
        try:
            for text in (ASSERTION_TYPE, reason):
                string = cf.CFStringCreateWithCString(None, text.encode("utf-8"), CF_STRING_ENCODING_UTF8)
                if not string:
                    log.info("the screen may blank during sessions: CFStringCreateWithCString failed")
                    return
                strings.append(string)
            assertion_id = ctypes.c_uint32(0)
            result = libraries.iokit.IOPMAssertionCreateWithName(
                strings[0], ASSERTION_LEVEL_ON, strings[1], ctypes.pointer(assertion_id))
            if result != IO_RETURN_SUCCESS:
                log.info("the screen may blank during sessions: IOPMAssertionCreateWithName "
                         "returned %#x", result & 0xFFFFFFFF)
                return
            self._assertion_id = assertion_id.value
            log.info("screen blanking inhibited (assertion %s)", self._assertion_id)
        except _CALL_ERRORS as error:
            log.info("the screen may blank during sessions: IOKit failed (%s)", error)
        finally:
            # The assertion keeps what it needs of the strings: ours go now.
            for string in strings:
                with contextlib.suppress(*_CALL_ERRORS):  # nothing more to do about a leak
                    cf.CFRelease(string)

    def release(self) -> None:
        assertion_id, self._assertion_id = self._assertion_id, None
        if assertion_id is None:
            return
        try:
            result = self._libraries.get().iokit.IOPMAssertionRelease(assertion_id)
        except _CALL_ERRORS as error:
            log.info("could not allow screen blanking again: IOKit failed (%s)", error)
            return
        if result != IO_RETURN_SUCCESS:
            log.info("could not allow screen blanking again: IOPMAssertionRelease returned %#x",
                     result & 0xFFFFFFFF)
            return
        log.info("screen blanking allowed again")


# -- the choice ----------------------------------------------------------------------

def keep_awake(platform: str = sys.platform) -> KeepAwake:
    """The way ``platform`` (a ``sys.platform`` value) keeps the screen on.
    Anything but Windows and macOS is taken for a freedesktop one (D-Bus)."""
    if platform == "win32":
        return WindowsKeepAwake()
    if platform == "darwin":
        return MacKeepAwake()
    # Imported here: Qt's D-Bus inhibitor is needed on these systems only.
    from app.ui.desktop.screen_inhibit import ScreenInhibitor

    return ScreenInhibitor()
