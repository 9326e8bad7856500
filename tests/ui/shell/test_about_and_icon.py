"""The app icon (its PNGs, the window's icon) and Help > About."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractButton, QTextBrowser
from pytestqt.qtbot import QtBot

from app import __version__
from app.catalog import load_catalog
from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.kernel.resources import resources_dir
from app.ui.base.alerts import RecordingAlerts
from app.ui.look.app_icon import ICON_SIZES, WINDOW_ICON_SIZES, app_icon, icon_path
from app.ui.shell.about_dialog import AboutDialog
from app.ui.shell.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[3]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("size", ICON_SIZES)
def test_every_icon_size_is_a_png_of_that_size(size: int) -> None:
    path = Path(icon_path(size))
    assert path.read_bytes()[:8] == PNG_SIGNATURE
    image = QImage(str(path))
    assert (image.width(), image.height()) == (size, size)
    # A rounded tile: see-through corners, an opaque middle.
    assert image.pixelColor(0, 0).alpha() == 0
    assert image.pixelColor(size // 2, size // 2).alpha() == 255


def test_the_pngs_were_rendered_from_the_current_svg(qapp: object) -> None:
    """Editing the SVG without running packaging/make_icons.py fails here.
    Compared loosely: another Qt version may antialias a little differently."""
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import make_icons
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    for size in (16, 64):
        fresh = QImage.fromData(make_icons.render(size))
        stored = QImage(icon_path(size))
        total = sum(abs(fresh.pixelColor(x, y).red() - stored.pixelColor(x, y).red())
                    + abs(fresh.pixelColor(x, y).alpha() - stored.pixelColor(x, y).alpha())
                    for x in range(size) for y in range(size))
        assert total / (size * size) < 4, f"the {size} px PNG is out of date"


def test_the_window_icon_comes_from_the_pngs(qtbot: QtBot, paths: AppPaths, clock: FakeClock) -> None:
    icon = app_icon()
    assert [size.width() for size in icon.availableSizes()] == list(WINDOW_ICON_SIZES)
    assert not icon.pixmap(32, 32).isNull()
    window = MainWindow(paths, RecordingAlerts(), clock)
    qtbot.addWidget(window)
    assert [size.width() for size in window.windowIcon().availableSizes()] == list(WINDOW_ICON_SIZES)


def test_a_missing_icon_file_gives_an_empty_icon_not_an_error(monkeypatch: pytest.MonkeyPatch,
                                                              tmp_path: Path, qapp: object) -> None:
    monkeypatch.setenv("HAMSTRIDE_RESOURCES", str(tmp_path))
    assert app_icon().isNull()


def _open_about(qtbot: QtBot, paths: AppPaths, clock: FakeClock) -> tuple[MainWindow, AboutDialog]:
    alerts = RecordingAlerts()
    window = MainWindow(paths, alerts, clock)
    qtbot.addWidget(window)
    window.show()
    window.about_action.trigger()
    dialog = window.about_dialog
    assert isinstance(dialog, AboutDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert alerts.shown == []  # a dialog of its own, not a message box
    return window, dialog


def test_about_shows_version_licence_folders_and_sources(qtbot: QtBot, paths: AppPaths,
                                                         clock: FakeClock) -> None:
    _window, dialog = _open_about(qtbot, paths, clock)
    assert __version__ in dialog.title.text()
    assert "GNU General Public License, version 3 or (at your option) any later version" \
        in dialog.licence.text()
    assert dialog.data_folder.text() == str(paths.data_dir)
    assert dialog.log_folder.text() == str(paths.log_dir)
    shown = dialog.sources.toPlainText()
    sources = load_catalog(resources_dir()).catalog.sources
    assert len(sources) >= 5
    for source in sources.values():
        assert source.citation in shown
        assert source.summary in shown


def test_about_text_can_be_selected_and_every_control_is_named(qtbot: QtBot, paths: AppPaths,
                                                               clock: FakeClock) -> None:
    _window, dialog = _open_about(qtbot, paths, clock)
    for label in (dialog.licence, dialog.data_folder, dialog.log_folder):
        assert label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert dialog.sources.isReadOnly()
    controls = [*dialog.findChildren(QAbstractButton), *dialog.findChildren(QTextBrowser)]
    assert controls
    for control in controls:
        assert control.accessibleName() and control.toolTip(), control


def test_escape_closes_about_and_f1_brings_the_same_one_back(qtbot: QtBot, paths: AppPaths,
                                                             clock: FakeClock) -> None:
    window, dialog = _open_about(qtbot, paths, clock)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    window.about_action.trigger()
    assert window.about_dialog is dialog
    qtbot.waitUntil(dialog.isVisible)
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_about_says_so_when_the_sources_cannot_be_read(qtbot: QtBot, paths: AppPaths) -> None:
    dialog = AboutDialog(paths, {})
    qtbot.addWidget(dialog)
    assert "could not be read" in dialog.sources.toPlainText()
