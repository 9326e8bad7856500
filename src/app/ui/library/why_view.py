"""The "Why hamstrings" page: what the hamstrings are, why runners train
them, balance, recovery and the optional extras, each paragraph with its
sources as numbered references and the sources listed by title at the end.

The words are data (resources/guide/why-hamstrings.toml, read by
app.catalog.guide), like the exercises; this view only lays them out. The
Library shows it (Ctrl+H there), and the first-run welcome offers it in a
dialog of its own (``WhyDialog``).
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.catalog.guide import Guide, GuideResult, load_guide
from app.kernel.i18n import format_integer, translate
from app.kernel.resources import resources_dir
from app.ui.look.style import SPACING, heading_font

# Preferred size of the welcome's dialog; fit to smaller screens.
DIALOG_SIZE = (760, 620)


def guide_html(guide: Guide) -> str:
    """The page as rich text: sections, paragraphs with their reference
    numbers, then the numbered sources by title (the catalog's citation)."""
    numbers = {source_id: n for n, source_id in enumerate(guide.cited_ids, 1)}
    parts = [f"<p><i>{html.escape(guide.summary)}</i></p>"]
    for section in guide.sections:
        parts.append(f"<h3>{html.escape(section.heading)}</h3>")
        for paragraph in section.paragraphs:
            refs = ", ".join(format_integer(n) for n in sorted(numbers[s] for s in paragraph.sources))
            parts.append(f"<p>{html.escape(paragraph.text)} <span>[{refs}]</span></p>")
    parts.append(f"<h3>{html.escape(translate('WhyView', 'Sources'))}</h3>")
    for source in guide.cited_sources():
        parts.append(f"<p>[{format_integer(numbers[source.id])}] "
                     f"<b>{html.escape(source.citation)}</b><br>{html.escape(source.summary)}</p>")
    return "".join(parts)


def problems_html(result: GuideResult) -> str:
    title = translate("WhyView", "This page could not be read. Reinstalling Hamstride should "
                                 "bring it back; what is wrong:")
    items = "".join(f"<li>{html.escape(problem)}</li>" for problem in result.problems)
    return f"<p>{html.escape(title)}</p><ul>{items}</ul>"


class WhyView(QWidget):
    """The page's heading and its text; ``back`` adds a Back button (Esc)."""

    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *, back: bool = True) -> None:
        super().__init__(parent)
        self.result: GuideResult | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING // 2)
        row = QHBoxLayout()
        self.back_button = QPushButton(translate("WhyView", "Back to the exercises"), self)
        self.back_button.setAccessibleName(translate("WhyView", "Back to the exercises"))
        self.back_button.setToolTip(translate("WhyView", "Back to the exercise list (Esc)"))
        self.back_button.setVisible(back)
        row.addWidget(self.back_button)
        self.heading = QLabel(translate("WhyView", "Why hamstrings"), self)
        self.heading.setFont(heading_font(self.heading.font(), 1.5))
        self.heading.setWordWrap(True)
        self.heading.setAccessibleName(translate("WhyView", "Page title"))
        row.addWidget(self.heading, 1)
        layout.addLayout(row)
        self.text = QTextBrowser(self)
        self.text.setOpenLinks(False)
        self.text.setAccessibleName(translate("WhyView", "Why hamstrings"))
        self.text.setToolTip(translate(
            "WhyView", "What the hamstrings are and why runners train them. The numbers in "
                       "brackets are the sources, listed by title at the end (arrows and "
                       "Page Up / Page Down scroll)"))
        layout.addWidget(self.text, 1)
        self.back_button.clicked.connect(self._on_back_button_clicked)
        # Esc goes back while the page shows (a hidden widget's shortcut is off).
        self.back_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        self.back_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.back_shortcut.setEnabled(back)
        self.back_shortcut.activated.connect(self._on_back_button_clicked)

    def _on_back_button_clicked(self) -> None:
        self.back_requested.emit()

    def load(self, resources: Path | None = None) -> GuideResult:
        """Read the page (once) and show it, or what is wrong with its file."""
        if self.result is None:
            self.set_result(load_guide(resources or resources_dir()))
        assert self.result is not None
        return self.result

    def set_result(self, result: GuideResult) -> None:
        self.result = result
        guide = result.guide
        if guide is None:
            self.heading.setText(translate("WhyView", "Why hamstrings"))
            self.text.setHtml(problems_html(result))
        else:
            self.heading.setText(guide.title)
            self.text.setHtml(guide_html(guide))
        self.text.setAccessibleDescription(self.text.toPlainText()[:200])


class WhyDialog(QDialog):
    """The page on its own, for the first-run welcome."""

    def __init__(self, resources: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("WhyDialog", "Why hamstrings"))
        self.setAccessibleName(translate("WhyDialog", "Why hamstrings"))
        self.setModal(True)
        self.view = WhyView(self, back=False)
        self.view.load(resources)
        buttons = QDialogButtonBox(self)
        self.close_button = buttons.addButton(translate("WhyDialog", "&Close"),
                                              QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.setAccessibleName(translate("WhyDialog", "Close"))
        self.close_button.setToolTip(translate("WhyDialog", "Back to the welcome (Esc)"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        width, height = DIALOG_SIZE
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 80)
        self.resize(width, height)
        self.view.text.setFocus()
