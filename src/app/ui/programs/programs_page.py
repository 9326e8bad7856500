"""Programs: every training plan, what it holds, and which one is followed.

The page shows and asks; ProgramsController follows, stops, and keeps the
athlete's own programs (through the background writer).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.coaching.words import program_html
from app.kernel.i18n import QT_TRANSLATE_NOOP, translate
from app.ui.look.page import Page
from app.ui.look.side_by_side import SideBySide
from app.ui.look.style import SPACING

if TYPE_CHECKING:
    from app.coaching.model import Program
    from app.logbook.entries import EnrolmentRecord

_SLUG = Qt.ItemDataRole.UserRole
# The list's two parts, shown in capitals.
GROUP_TITLES = (QT_TRANSLATE_NOOP("ProgramsPage", "Built in"),
                QT_TRANSLATE_NOOP("ProgramsPage", "Your programs"))


def _button(text: str, tip: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setToolTip(tip)
    button.setAccessibleName(text.replace("&", "").rstrip("…"))
    return button


class ProgramsPage(Page):
    follow_requested = Signal(str)
    stop_requested = Signal()
    new_requested = Signal()
    edit_requested = Signal(str)
    duplicate_requested = Signal(str)
    delete_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("ProgramsPage", "Programs"), parent)
        self._programs: dict[str, Program] = {}
        self._followed: str | None = None
        self.name_of: Callable[[str], str] = lambda slug: slug
        self.sources: Mapping[str, str] = {}

        self.following_label = QLabel(
            translate("ProgramsPage", "You are not following a program yet."), self)
        self.following_label.setAccessibleName(translate("ProgramsPage", "Program followed"))
        self.following_label.setWordWrap(True)
        # Alt letters: none twice on the page, and not F, V or H (the window's menus).
        self.stop_button = _button(translate("ProgramsPage", "S&top following"), translate(
            "ProgramsPage", "Stop following the program (its sessions stay in your history)"), self)
        self.stop_button.hide()
        top = QHBoxLayout()
        top.addWidget(self.following_label, 1)
        top.addWidget(self.stop_button)
        self.body.addLayout(top)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget(left)
        self.list.setAccessibleName(translate("ProgramsPage", "Programs"))
        self.list.setToolTip(translate("ProgramsPage",
                                       "Built-in programs, then your own. Enter: follow the selected one"))
        self.list.setWordWrap(True)  # the one-line summaries wrap rather than run off
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSpacing(3)
        self.list.currentItemChanged.connect(self._on_list_current_item_changed)
        self.list.itemActivated.connect(lambda _item: self._on_follow_button_clicked())
        left_layout.addWidget(self.list, 1)
        self.new_button = _button(translate("ProgramsPage", "&New…"), translate(
            "ProgramsPage", "Make a program or routine of your own (Ctrl+N)"), left)
        self.duplicate_button = _button(translate("ProgramsPage", "D&uplicate…"), translate(
            "ProgramsPage", "Start a program of your own from the selected one (Ctrl+D)"), left)
        self.edit_button = _button(translate("ProgramsPage", "&Edit…"), translate(
            "ProgramsPage", "Change your selected program (Ctrl+E)"), left)
        self.delete_button = _button(translate("ProgramsPage", "De&lete"), translate(
            "ProgramsPage", "Delete your selected program (Delete)"), left)
        # Four in a row, or two rows of two when the column has no room for
        # them (a large text size: the page scrolled sideways).
        buttons_box = QWidget(left)
        buttons = SideBySide(buttons_box)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(SPACING // 2)
        for pair in ((self.new_button, self.duplicate_button),
                     (self.edit_button, self.delete_button)):
            buttons.add_row(pair, 1, SPACING // 2)
        left_layout.addWidget(buttons_box)

        right = QWidget(splitter)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        self.detail = QTextBrowser(right)
        self.detail.setAccessibleName(translate("ProgramsPage", "The selected program"))
        self.detail.setToolTip(translate(
            "ProgramsPage", "The whole program: why, its sessions week by week, and sources"))
        self.detail.setOpenLinks(False)
        self.follow_button = _button(translate("ProgramsPage", "F&ollow this program…"), translate(
            "ProgramsPage", "Choose a start date and your training days; Today then shows each "
            "session as it is due"), right)
        self.follow_button.setObjectName("primaryButton")
        right_layout.addWidget(self.detail, 1)
        right_layout.addWidget(self.follow_button, 0, Qt.AlignmentFlag.AlignRight)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        self.body.addWidget(splitter, 1)

        self.follow_button.clicked.connect(self._on_follow_button_clicked)
        self.stop_button.clicked.connect(self.stop_requested)
        self.new_button.clicked.connect(self.new_requested)
        self.duplicate_button.clicked.connect(lambda: self._emit_selected(self.duplicate_requested))
        self.edit_button.clicked.connect(lambda: self._emit_selected(self.edit_requested, own=True))
        self.delete_button.clicked.connect(
            lambda: self._emit_selected(self.delete_requested, own=True))
        for keys, button in ((["Ctrl+N"], self.new_button), (["Ctrl+D"], self.duplicate_button),
                             (["Ctrl+E"], self.edit_button), (["Delete"], self.delete_button)):
            act = QAction(self)
            act.setShortcuts([QKeySequence(k) for k in keys])
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(button.click)
            self.addAction(act)
        self._update_buttons()

    def focus_target(self) -> QWidget | None:
        return self.list

    # -- showing ------------------------------------------------------------------

    def show_programs(self, built_in: list[Program], own: list[Program],
                      followed: EnrolmentRecord | None, followed_text: str = "") -> None:
        keep = self.selected_slug() or (followed.program_slug if followed else None)
        self._programs = {p.slug: p for p in built_in + own}
        self._followed = followed.program_slug if followed else None
        self.list.blockSignals(True)
        self.list.clear()
        for title, programs in zip(GROUP_TITLES, (built_in, own), strict=True):
            if not programs:
                continue
            header = QListWidgetItem(translate("ProgramsPage", title).upper(), self.list)
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            for program in programs:
                name = program.name
                if program.slug == self._followed:
                    name = translate("ProgramsPage", "{program}  ✓ following").format(program=name)
                item = QListWidgetItem(f"{name}\n{program.summary}", self.list)
                item.setData(_SLUG, program.slug)
                item.setToolTip(program.summary)
        self.list.blockSignals(False)
        # The program shown before (or followed), else the first: a header
        # row (no slug) is never the current one.
        row = next((n for n in range(self.list.count())
                    if keep is not None and self.list.item(n).data(_SLUG) == keep), None)
        if row is None:
            row = next((n for n in range(self.list.count()) if self.list.item(n).data(_SLUG)), -1)
        self.list.setCurrentRow(row)
        self.following_label.setText(followed_text or translate(
            "ProgramsPage", "You are not following a program yet: choose one and press Follow."))
        self.stop_button.setVisible(followed is not None)
        self._show_selected()

    def selected_slug(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else item.data(_SLUG)

    def selected_program(self) -> Program | None:
        slug = self.selected_slug()
        return None if slug is None else self._programs.get(slug)

    def select(self, slug: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(_SLUG) == slug:
                self.list.setCurrentRow(row)
                return

    def _on_list_current_item_changed(self, _current: QListWidgetItem | None,
                                      _previous: QListWidgetItem | None) -> None:
        self._show_selected()

    def _show_selected(self) -> None:
        program = self.selected_program()
        self.detail.setHtml("" if program is None else
                            program_html(program, self.name_of, self.sources))
        self._update_buttons()

    def _update_buttons(self) -> None:
        program = self.selected_program()
        own = program is not None and program.custom
        self.follow_button.setEnabled(program is not None)
        self.follow_button.setText(translate("ProgramsPage", "F&ollow this program…")
                                   if program is None or program.slug != self._followed
                                   else translate("ProgramsPage", "&Restart this program…"))
        self.duplicate_button.setEnabled(program is not None)
        self.edit_button.setEnabled(own)
        self.delete_button.setEnabled(own)

    def _emit_selected(self, signal: SignalInstance, own: bool = False) -> None:
        program = self.selected_program()
        if program is not None and (program.custom or not own):
            signal.emit(program.slug)

    def _on_follow_button_clicked(self) -> None:
        slug = self.selected_slug()
        if slug is not None:
            self.follow_requested.emit(slug)
