"""Keep the screen awake during a session (org.freedesktop.ScreenSaver over D-Bus).

How the inhibition is released. The interface is Inhibit(app, reason) ->
cookie, UnInhibit(cookie), with the cookie a uint32. PySide6 cannot send a
uint32 in a D-Bus call: a Python int goes out as int32, and the services
reject UnInhibit("i") (QtDBus ones find no such method, GDBus ones answer
InvalidArgs). The idle-inhibition spec also ends an inhibition "when the
application disconnects from the D-Bus session bus", and the services do
track the caller's bus name for that. So each inhibition gets a connection
of its own, and release() closes it: immediate, local, and it cannot block.

Nothing here waits for the bus: the call is asynchronous with a timeout.
Where there is no session bus or no such service, the screen simply behaves
as usual (logged at info level).
"""

from __future__ import annotations

import itertools
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal

from app import APP_NAME

if TYPE_CHECKING:  # QtDBus is loaded on first use: start-up time is measured
    from PySide6.QtDBus import QDBusConnection, QDBusPendingCallWatcher

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.ScreenSaver"
OBJECT_PATH = "/org/freedesktop/ScreenSaver"
INTERFACE = "org.freedesktop.ScreenSaver"
CALL_TIMEOUT_MS = 3000

_connection_numbers = itertools.count(1)


class ScreenInhibitor(QObject):
    """``inhibit(reason)`` while a session runs, ``release()`` after it (also
    done at quit). ``bus_address`` picks a bus other than the session bus (tests)."""

    active_changed = Signal(bool)

    def __init__(self, app_name: str = APP_NAME, *, bus_address: str | None = None,
                 timeout_ms: int = CALL_TIMEOUT_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app_name = app_name
        self._bus_address = bus_address
        self._timeout_ms = timeout_ms
        self._connection_name: str | None = None
        self._connection: QDBusConnection | None = None
        self._watcher: QDBusPendingCallWatcher | None = None
        self._cookie: int | None = None
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.release)

    @property
    def active(self) -> bool:
        """The desktop has confirmed that the screen stays on."""
        return self._cookie is not None

    @property
    def cookie(self) -> int | None:
        return self._cookie

    @property
    def bus_name(self) -> str | None:
        """The unique name of the connection holding the inhibition (while it is
        open): what the service watches to end it."""
        return None if self._connection is None else self._connection.baseService()

    def inhibit(self, reason: str) -> None:
        """Ask the desktop to keep the screen on; does nothing if already asked."""
        if self._connection_name is not None:
            return
        connection = self._connect()
        if connection is None:
            return
        from PySide6.QtDBus import QDBusMessage, QDBusPendingCallWatcher

        message = QDBusMessage.createMethodCall(SERVICE, OBJECT_PATH, INTERFACE, "Inhibit")
        message.setArguments([self._app_name, reason])
        # No parent: dropping the last reference deletes the watcher, and with
        # it the pending call, at once (see release()).
        watcher = QDBusPendingCallWatcher(connection.asyncCall(message, self._timeout_ms))
        watcher.finished.connect(self._on_reply)
        self._watcher = watcher

    def release(self) -> None:
        """Let the screen blank again (closing the connection ends the inhibition)."""
        watcher, self._watcher = self._watcher, None
        if watcher is not None:      # still waiting for the answer: it no longer matters
            watcher.finished.disconnect(self._on_reply)
            del watcher              # deleted now: a pending call keeps the connection open
        self._disconnect()

    # -- internals -----------------------------------------------------------------

    def _connect(self) -> QDBusConnection | None:
        from PySide6.QtDBus import QDBusConnection

        name = f"{self._app_name}-screen-inhibit-{next(_connection_numbers)}"
        if self._bus_address is None:
            connection = QDBusConnection.connectToBus(QDBusConnection.BusType.SessionBus, name)
        else:
            connection = QDBusConnection.connectToBus(self._bus_address, name)
        if not connection.isConnected():
            log.info("the screen may blank during sessions: no D-Bus session bus (%s)",
                     connection.lastError().message() or "not connected")
            QDBusConnection.disconnectFromBus(name)
            return None
        self._connection_name, self._connection = name, connection
        return connection

    def _on_reply(self, watcher: QDBusPendingCallWatcher) -> None:
        # It is emitting this very signal: handed to a Qt parent so that losing
        # our reference does not delete it now, and deleted once it is done.
        watcher.setParent(self)
        watcher.deleteLater()
        self._watcher = None
        reply = watcher.reply()
        arguments = reply.arguments()
        if watcher.isError() or not arguments:
            error = watcher.error()
            log.info("the screen may blank during sessions: %s did not inhibit it (%s: %s)",
                     SERVICE, error.name() or "no answer", error.message())
            self._disconnect()
            return
        self._cookie = int(arguments[0])
        log.info("screen blanking inhibited (cookie %s)", self._cookie)
        self.active_changed.emit(True)

    def _disconnect(self) -> None:
        name, self._connection_name = self._connection_name, None
        self._connection = None       # our reference must go for the bus to close it
        was_active = self._cookie is not None
        self._cookie = None
        if name is not None:
            from PySide6.QtDBus import QDBusConnection

            QDBusConnection.disconnectFromBus(name)
        if was_active:
            log.info("screen blanking allowed again")
            self.active_changed.emit(False)
