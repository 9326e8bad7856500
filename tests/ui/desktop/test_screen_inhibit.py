"""Screen-blanking inhibition against a fake org.freedesktop.ScreenSaver on a
private bus (a dbus-daemon started here), and with no bus at all."""

from __future__ import annotations

import itertools
import logging
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import SLOT, ClassInfo, QCoreApplication, QObject, Slot
from PySide6.QtDBus import QDBusConnection
from pytestqt.qtbot import QtBot

from app.ui.desktop.screen_inhibit import OBJECT_PATH, SERVICE, ScreenInhibitor
from helpers.qt_optional import missing_package

_names = itertools.count(1)

# A bus of our own: nothing from the developer's desktop session is touched.
_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


@pytest.fixture
def bus(tmp_path: Path) -> Iterator[str]:
    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        pytest.skip(missing_package("dbus-daemon"))
    config = tmp_path / "bus.conf"
    config.write_text(_BUS_CONFIG.format(socket=tmp_path / "bus"))
    process = subprocess.Popen([daemon, f"--config-file={config}", "--print-address", "--nofork",
                                "--nopidfile"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True)
    assert process.stdout is not None
    address = process.stdout.readline().strip()   # printed once it listens; "" if it died
    try:
        if not address:
            pytest.skip("dbus-daemon would not start here")
        yield address
    finally:
        process.stdout.close()
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# PySide's stub for ClassInfo does not describe its documented dict form.
@ClassInfo({"D-Bus Interface": "org.freedesktop.ScreenSaver"})  # type: ignore[call-arg]
class FakeScreenSaver(QObject):  # type: ignore[operator]
    """The interface as KDE and the spec define it (uint32 cookies)."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[object, ...]] = []

    @Slot(str, str, result="uint")
    def Inhibit(self, app_name: str, reason: str) -> int:  # the D-Bus method name
        self.calls.append(("Inhibit", app_name, reason))
        return 4242

    @Slot("uint")
    def UnInhibit(self, cookie: int) -> None:
        self.calls.append(("UnInhibit", cookie))


class BusWatcher(QObject):
    """Records the names that leave the bus, as a screensaver service watches
    the holders of its inhibitions."""

    def __init__(self) -> None:
        super().__init__()
        self.gone: list[str] = []

    @Slot(str, str, str)
    def owner_changed(self, name: str, _old_owner: str, new_owner: str) -> None:
        if not new_owner:
            self.gone.append(name)


class Service:
    def __init__(self, address: str) -> None:
        self.name = f"fake-screensaver-{next(_names)}"
        self.connection = QDBusConnection.connectToBus(address, self.name)
        self.fake = FakeScreenSaver()
        options = QDBusConnection.RegisterOption.ExportAllSlots
        assert self.connection.registerObject(OBJECT_PATH, self.fake, options)
        assert self.connection.registerService(SERVICE)
        self.watcher = BusWatcher()
        bus = "org.freedesktop.DBus"
        slot = SLOT("owner_changed(QString,QString,QString)")   # a str: the stub says bytes, wrongly
        assert self.connection.connect(bus, "/org/freedesktop/DBus", bus, "NameOwnerChanged",  # type: ignore[call-overload]
                                       self.watcher, slot)
        # A round trip to the bus: it handles a connection's messages in order,
        # so the match rule above is in place before any client connects.
        assert self.connection.interface().isServiceRegistered(SERVICE).value()

    def left(self, bus_name: str) -> bool:
        return bus_name in self.watcher.gone

    def close(self) -> None:
        self.connection.unregisterService(SERVICE)
        self.connection.unregisterObject(OBJECT_PATH)
        QDBusConnection.disconnectFromBus(self.name)


@pytest.fixture
def service(qapp: QCoreApplication, bus: str) -> Iterator[Service]:
    fake = Service(bus)
    yield fake
    fake.close()


@pytest.fixture
def inhibitor(qapp: QCoreApplication, bus: str) -> Iterator[ScreenInhibitor]:
    made = ScreenInhibitor(bus_address=bus, timeout_ms=5000)
    yield made
    made.release()


def test_inhibit_reaches_the_screensaver_with_name_and_reason(
        qtbot: QtBot, service: Service, inhibitor: ScreenInhibitor) -> None:
    with qtbot.waitSignal(inhibitor.active_changed, timeout=5000) as changed:
        inhibitor.inhibit("A workout session is running")
    assert changed.args == [True]
    assert service.fake.calls == [("Inhibit", "Hamstride", "A workout session is running")]
    assert inhibitor.active and inhibitor.cookie == 4242


def test_release_ends_the_inhibition(qtbot: QtBot, service: Service, inhibitor: ScreenInhibitor) -> None:
    with qtbot.waitSignal(inhibitor.active_changed, timeout=5000):
        inhibitor.inhibit("session")
    holder = inhibitor.bus_name
    assert holder is not None and not service.left(holder)
    # The spec ends an inhibition when its holder leaves the bus; that is how
    # it is released (see the module: PySide6 cannot send UnInhibit's uint32).
    with qtbot.waitSignal(inhibitor.active_changed, timeout=5000) as changed:
        inhibitor.release()
    assert changed.args == [False]
    qtbot.waitUntil(lambda: service.left(holder), timeout=5000)
    assert not inhibitor.active and inhibitor.bus_name is None
    inhibitor.release()       # twice is harmless


def test_release_before_the_answer_still_lets_go(
        qtbot: QtBot, service: Service, inhibitor: ScreenInhibitor) -> None:
    with qtbot.assertNotEmitted(inhibitor.active_changed):
        inhibitor.inhibit("session")
        holder = inhibitor.bus_name
        assert holder is not None
        inhibitor.release()
        qtbot.waitUntil(lambda: service.left(holder), timeout=5000)
    assert not inhibitor.active


def test_asking_twice_inhibits_once(qtbot: QtBot, service: Service, inhibitor: ScreenInhibitor) -> None:
    with qtbot.waitSignal(inhibitor.active_changed, timeout=5000):
        inhibitor.inhibit("session")
        inhibitor.inhibit("session")
    inhibitor.inhibit("again")
    qtbot.waitUntil(lambda: len(service.fake.calls) >= 1, timeout=5000)
    assert service.fake.calls == [("Inhibit", "Hamstride", "session")]


def test_quitting_releases(qtbot: QtBot, qapp: QCoreApplication, service: Service,
                           inhibitor: ScreenInhibitor) -> None:
    with qtbot.waitSignal(inhibitor.active_changed, timeout=5000):
        inhibitor.inhibit("session")
    with qtbot.waitSignal(inhibitor.active_changed, timeout=5000) as changed:
        qapp.aboutToQuit.emit()
    assert changed.args == [False]


def test_a_bus_without_the_service_changes_nothing(
        qtbot: QtBot, inhibitor: ScreenInhibitor, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="app.ui.desktop.screen_inhibit")
    inhibitor.inhibit("session")
    qtbot.waitUntil(lambda: inhibitor.bus_name is None, timeout=5000)
    assert not inhibitor.active
    said = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    assert any("org.freedesktop.ScreenSaver did not inhibit it" in message for message in said)
    inhibitor.release()


# -- no bus at all ----------------------------------------------------------------------


def _no_bus_check(inhibitor: ScreenInhibitor, caplog: pytest.LogCaptureFixture) -> None:
    inhibitor.inhibit("session")
    assert not inhibitor.active and inhibitor.bus_name is None
    inhibitor.release()
    assert [r.levelno for r in caplog.records if r.name == "app.ui.desktop.screen_inhibit"] == [logging.INFO]


def test_no_bus_at_the_given_address_breaks_nothing(
        qapp: QCoreApplication, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="app.ui.desktop.screen_inhibit")
    _no_bus_check(ScreenInhibitor(bus_address=f"unix:path={tmp_path / 'nothing'}"), caplog)


def test_a_session_bus_address_pointing_nowhere_breaks_nothing(
        qapp: QCoreApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'nothing'}")
    caplog.set_level(logging.INFO, logger="app.ui.desktop.screen_inhibit")
    _no_bus_check(ScreenInhibitor(), caplog)
