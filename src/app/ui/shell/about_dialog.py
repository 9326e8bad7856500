"""Help > About: version, licence, where the data and logs are, and where the
training advice comes from.

The sources are the catalog's own (resources/sources.toml), so the list
shown here is always the one the exercises and doses cite.
"""

from __future__ import annotations

import html
import platform
from collections.abc import Mapping

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME, __version__
from app.catalog.model import Source
from app.kernel.i18n import QT_TRANSLATE_NOOP, translate
from app.kernel.paths import AppPaths
from app.ui.look.app_icon import app_icon
from app.ui.look.style import fit_to_screen, heading_font

DESCRIPTION = QT_TRANSLATE_NOOP("AboutDialog", "Hamstring training for runners: guided sessions, "
                                "set and rest timers, and a training log that stays on this "
                                "computer. No network needed.")
LICENCE = QT_TRANSLATE_NOOP("AboutDialog", "{app} is free software: you can share and change it "
                            "under the GNU General Public License, version 3 or (at your option) "
                            "any later version. It comes with no warranty.")
ICON_SIZE = 64
SECTION_GAP = 10
SELECTABLE = Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard


class AboutDialog(QDialog):
    def __init__(self, paths: AppPaths, sources: Mapping[str, Source],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        about = translate("AboutDialog", "About {app}").format(app=APP_NAME)
        self.setWindowTitle(about)
        self.setAccessibleName(about)
        self.setMinimumSize(620, 560)

        icon = QLabel(self)
        icon.setPixmap(app_icon().pixmap(ICON_SIZE, ICON_SIZE))
        icon.setAccessibleName(translate("AboutDialog", "{app} icon").format(app=APP_NAME))
        self.title = QLabel(f"{APP_NAME} {__version__}", self)
        self.title.setFont(heading_font(self.title.font(), 1.6))
        self.title.setAccessibleName(translate("AboutDialog", "Name and version"))
        self.description = QLabel(translate("AboutDialog", DESCRIPTION), self)
        self.description.setWordWrap(True)
        self.description.setAccessibleName(translate("AboutDialog", "What it is for"))
        heading = QVBoxLayout()
        heading.addWidget(self.title)
        heading.addWidget(self.description)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(heading, 1)

        self.licence = QLabel(translate("AboutDialog", LICENCE).format(app=APP_NAME), self)
        self.licence.setWordWrap(True)
        self.licence.setAccessibleName(translate("AboutDialog", "License"))
        self.licence.setToolTip(translate("AboutDialog", "The license is GPL-3.0-or-later"))
        # Paths as plain text: a folder name must not be read as markup.
        self.data_folder = self._path_label(
            str(paths.data_dir), translate("AboutDialog", "Data folder"),
            translate("AboutDialog", "Your training log, its backups and the window's settings "
                      "are kept here"))
        self.log_folder = self._path_label(
            str(paths.log_dir), translate("AboutDialog", "Log folder"),
            translate("AboutDialog", "The app's log files, useful when reporting a problem"))
        self.built_with = QLabel(translate("AboutDialog", "Python {python}, Qt {qt}, PySide6 {pyside}")
                                 .format(python=platform.python_version(), qt=qVersion(),
                                         pyside=PySide6.__version__), self)
        self.built_with.setAccessibleName(translate("AboutDialog", "Built with"))
        self.built_with.setWordWrap(True)  # as the heading below: no wider than the room
        folders = QFormLayout()
        folders.addRow(translate("AboutDialog", "Data folder:"), self.data_folder)
        folders.addRow(translate("AboutDialog", "Log folder:"), self.log_folder)
        folders.addRow(translate("AboutDialog", "Built with:"), self.built_with)
        for label in (self.licence, self.built_with):
            label.setTextInteractionFlags(SELECTABLE)

        sources_heading = QLabel(translate("AboutDialog", "Where the training advice comes from"),
                                 self)
        sources_heading.setFont(heading_font(sources_heading.font(), 1.15))
        # Wraps at a large text size rather than widen the dialog past its room.
        sources_heading.setWordWrap(True)
        self.sources = QTextBrowser(self)
        self.sources.setAccessibleName(translate("AboutDialog", "Sources of the training content"))
        self.sources.setToolTip(translate("AboutDialog", "The studies and guides behind the "
                                          "exercises, doses, rests and coaching rules"))
        self.sources.setOpenLinks(False)
        self.sources.setHtml(_sources_html(sources))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAccessibleName(translate("AboutDialog", "Close"))
        self.close_button.setToolTip(translate("AboutDialog", "Close this window (Esc)"))
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(SECTION_GAP)
        layout.addWidget(self.licence)
        layout.addSpacing(SECTION_GAP)
        layout.addLayout(folders)
        layout.addSpacing(SECTION_GAP)
        layout.addWidget(sources_heading)
        layout.addWidget(self.sources, 1)
        layout.addWidget(buttons)
        fit_to_screen(self)  # scrolls rather than squeezes on a small screen
        self.close_button.setFocus()

    def _path_label(self, text: str, name: str, tip: str) -> QLabel:
        label = QLabel(text, self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(SELECTABLE)
        label.setWordWrap(True)
        label.setAccessibleName(name)
        label.setToolTip(tip)
        return label


def _sources_html(sources: Mapping[str, Source]) -> str:
    if not sources:
        return "<p>{}</p>".format(html.escape(translate("about_dialog",
                                                        "The list of sources could not be read.")))
    # The sources are the catalog's content (resources/sources.toml): not translated.
    items = "".join(f"<p><b>{html.escape(source.citation)}</b><br>{html.escape(source.summary)}</p>"
                    for source in sources.values())
    return items
