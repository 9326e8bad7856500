"""The "Why hamstrings" page, offscreen: reached from the Library by keyboard
(Ctrl+H, or its button) and from the first-run welcome (Alt+W); every fact
on it, and in every exercise's Sources, carries a source that exists and is
shown by its title; a damaged page says which file and key is wrong."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QTextBrowser, QWidget
from pytestqt.qtbot import QtBot

from app.catalog import load_catalog_strict
from app.catalog.guide import GUIDE_DIR, WHY_HAMSTRINGS, load_guide
from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.kernel.resources import resources_dir
from app.ui.base.alerts import RecordingAlerts
from app.ui.library.library_page import LibraryPage
from app.ui.shell.application import GuiSession
from helpers.library_pages import library_page, show_page

TITLES = (
    "Run Faster And Longer With Stronger Hamstrings",
    "Improve Running Performance: Hamstring Training Benefits & Techniques",
    "Upgrade your running: Hamstring exercises for runners",
    "Why is Hamstring Strength Important for Runners?",
)


page = library_page  # the fixture: the Library page, shown


def test_ctrl_h_opens_the_page_and_esc_goes_back(qtbot: QtBot, page: LibraryPage) -> None:
    assert "(Ctrl+H)" in page.why_button.toolTip()
    assert page.why_button.accessibleName() == "Why hamstrings"
    page.list_view.list.setFocus()
    qtbot.keyClick(page.list_view.list, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert page.is_why_shown and not page.header.isVisible()
    assert QApplication.focusWidget() is page.why_view.text  # arrows scroll the page at once
    assert page.focus_target() is page.why_view.text
    assert page.current_slug() == ""  # Ctrl+Enter starts nothing from here
    assert not page.start_action.isEnabled()
    text = page.why_view.text.toPlainText()
    for words in ("biceps femoris", "semitendinosus", "semimembranosus", "inconclusive",
                  "quadriceps", "left and right", "protein-rich", "electrolytes", "sleep",
                  "step-ups"):
        assert words in text, words
    qtbot.keyClick(page.why_view.text, Qt.Key.Key_Escape)
    assert not page.is_why_shown and page.header.isVisible()
    assert QApplication.focusWidget() is page.list_view.list
    # The button does the same, and the page's Back button comes back.
    page.why_button.click()
    assert page.is_why_shown
    page.why_view.back_button.click()
    assert not page.is_why_shown


def test_every_paragraph_shows_numbered_sources_listed_by_title(page: LibraryPage) -> None:
    page.show_why()
    guide = load_guide(resources_dir()).guide
    assert guide is not None
    text = page.why_view.text.toPlainText()
    body, _, listed = text.rpartition("Sources")
    numbers = [int(n) for refs in re.findall(r"\[([\d, ]+)\]", body)
               for n in refs.split(",")]
    paragraphs = [p for section in guide.sections for p in section.paragraphs]
    assert len(re.findall(r"\[([\d, ]+)\]", body)) == len(paragraphs)  # one per paragraph
    cited = guide.cited_sources()
    assert set(numbers) == set(range(1, len(cited) + 1))
    for number, source in enumerate(cited, 1):
        assert f"[{number}] {source.citation}" in listed, source.id
    for title in TITLES:
        assert f"“{title}”" in listed or f'"{title}"' in listed


def test_every_exercise_shows_its_sources_by_title_and_each_exists(page: LibraryPage) -> None:
    """Every exercise the Library shows lists sources, each one an id that
    exists in sources.toml, shown by its citation; no lumped "articles"."""
    catalog = load_catalog_strict(resources_dir())
    assert "articles" not in catalog.sources
    for exercise in catalog:
        assert exercise.all_source_ids
        assert set(exercise.all_source_ids) <= set(catalog.sources), exercise.slug
        page.open_exercise(exercise.slug)
        shown = page.detail.sources_section.text.text()
        for source_id in exercise.all_source_ids:
            citation = catalog.sources[source_id].citation
            assert html.escape(citation, quote=False) in shown, source_id


def test_a_damaged_page_names_its_file_and_key(qtbot: QtBot, tmp_path: Path,
                                               clock: FakeClock) -> None:
    resources = tmp_path / "resources"
    shutil.copytree(resources_dir(), resources)
    path = resources / GUIDE_DIR / f"{WHY_HAMSTRINGS}.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'sources = ["physio-pain-rule"]', 'sources = ["nope"]'), encoding="utf-8")
    page = show_page(qtbot, LibraryPage(resources_dir=resources, clock=clock))
    page.why_action.trigger()
    text = page.why_view.text.toPlainText()
    assert "This page could not be read" in text
    assert ("resources/guide/why-hamstrings.toml: key 'sections[7].paragraphs[1].sources[1]': "
            "unknown source id \"nope\"") in text
    assert page.list_view.total_count() == 19  # the exercises are not affected


def _welcome(qtbot: QtBot, paths: AppPaths, clock: FakeClock) -> GuiSession:
    gui = GuiSession(paths, RecordingAlerts(), clock, welcome=True)
    qtbot.addWidget(gui.window)
    with qtbot.waitSignal(gui.window.log_ready, timeout=20000):
        gui.start()
    return gui


def test_the_welcome_offers_the_page_by_keyboard_and_keeps_the_choices(
        qtbot: QtBot, paths: AppPaths, clock: FakeClock) -> None:
    window = _welcome(qtbot, paths, clock).window
    dialog = window.welcome_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.why_button.text() == "&Why train hamstrings?"
    assert "Alt+W" in dialog.why_button.toolTip() and dialog.why_button.accessibleName()
    # Its own Alt letter, used by nothing else in the welcome.
    assert QKeySequence.mnemonic(dialog.why_button.text()) == QKeySequence("Alt+W")
    letters = [QKeySequence.mnemonic(b.text()).toString() for b in dialog.findChildren(QAbstractButton)
               if "&" in b.text()]
    assert letters.count("Alt+W") == 1 and len(letters) == len(set(letters))
    dialog.lb_button.setChecked(True)
    # In screen order, just before the units: Shift+Tab from the units, then Space.
    dialog.lb_button.setFocus()
    qtbot.keyClick(dialog.lb_button, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is dialog.why_button
    qtbot.keyClick(dialog.why_button, Qt.Key.Key_Space)
    why = dialog.why_dialog
    assert why is not None
    qtbot.waitUntil(why.isVisible, timeout=5000)
    text = why.view.text.toPlainText()
    assert "three muscles" in text and "inconclusive" in text
    for title in TITLES:
        assert title in text
    assert why.close_button.accessibleName() and "(Esc)" in why.close_button.toolTip()
    controls = [w for w in why.findChildren(QWidget)
                if isinstance(w, QAbstractButton | QTextBrowser) and w.isVisibleTo(why)]
    assert len(controls) == 2  # the text and Close: no Back button in the dialog
    assert all(w.accessibleName() and w.toolTip() for w in controls)
    qtbot.keyClick(why.view.text, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not why.isVisible(), timeout=5000)
    # Back on the welcome, nothing lost; Esc there still skips it.
    assert dialog.isVisible() and dialog.lb_button.isChecked()
    assert QApplication.focusWidget() is dialog.why_button
    dialog.reject()


def test_the_shown_view_alone_sets_the_libraries_width(page: LibraryPage) -> None:
    """A stack is as wide as its widest view: the list's filters made the page
    scroll sideways at 200% text, cutting the page's lines at the edge."""
    list_width = page.list_view.minimumSizeHint().width()
    page.show_why()
    why_width = page.why_view.minimumSizeHint().width()
    assert why_width < list_width
    assert page.stack.minimumSizeHint().width() == why_width
    page.show_list()
    assert page.stack.minimumSizeHint().width() == list_width
