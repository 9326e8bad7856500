"""The Library in the athlete's language and look: its words go through
app.kernel.i18n, the step text follows the text-size setting, and the variation
links read on every theme."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.catalog import load_catalog_strict
from app.catalog.model import EQUIPMENT, Prescription
from app.kernel import i18n
from app.kernel.clock import FakeClock
from app.kernel.resources import resources_dir
from app.ui.history.chart_colours import contrast
from app.ui.library.detail_view import ExerciseDetailView
from app.ui.library.library_page import LibraryPage
from app.ui.library.words import EQUIPMENT_NAMES, describe_prescription, equipment_text, label
from app.ui.look import style
from app.ui.look.theme_switch import look_switch

NORDIC = "nordic-hamstring-curl"
MARK = "⟪{}⟫"


@pytest.fixture
def marked() -> Iterator[None]:
    """Every message "translated" as ⟪source⟫."""
    def translate(context: str, text: str, disambiguation: str | None, n: int) -> str:
        return MARK.format(text)

    i18n.install(translate=translate)
    yield
    i18n.uninstall()


def _shown(qtbot: QtBot, page: LibraryPage) -> LibraryPage:
    qtbot.addWidget(page)
    page.resize(1146, 660)  # the page's share of a 1366x768 screen
    page.show()
    qtbot.waitExposed(page)
    return page


# -- the words -------------------------------------------------------------------------


def test_the_equipment_names_marked_for_translation_are_the_catalogs() -> None:
    assert {key: equipment.name for key, equipment in EQUIPMENT.items()} == EQUIPMENT_NAMES


def test_the_vocabulary_and_the_dose_are_translated(marked: None) -> None:
    assert label("warmup") == "⟪Warm-up⟫"  # the stored word (schema v10), the shown one unchanged
    assert equipment_text(("mat", "bench")) == "⟪Mat or pad⟫, ⟪Bench or sturdy chair⟫"
    dose = describe_prescription(Prescription(sets=3, rest_s=120, sources=("x",), reps=(8, 10),
                                              tempo="3-0-1-0"))
    assert dose.startswith("⟪3 sets of ⟪8-10 reps⟫⟫ · ")
    assert dose.endswith("⟪tempo 3-0-1-0: ⟪lower 3 s⟫, ⟪lift 1 s⟫⟫")


def test_the_library_page_shows_translated_words(qtbot: QtBot, clock: FakeClock,
                                                 marked: None) -> None:
    page = _shown(qtbot, LibraryPage(clock=clock))
    view = page.list_view
    assert view.count_label.text() == "⟪19 of 19 exercise(s)⟫"  # a translator's own plural
    assert view.level_box.itemText(0) == "⟪Any level⟫"
    assert view.group_boxes["dumbbells"].text() == "⟪D&umbbells⟫"
    page.open_exercise(NORDIC)
    detail = page.detail
    assert detail.step_label.text() == "⟪Step 1 of 5⟫"
    assert detail.play_button.text() == "⟪Play⟫"
    assert detail.why_section.title.text() == "⟪Why runners do it⟫"
    link = detail.easier_section.links[0]
    assert link.accessibleName().startswith("⟪Easier variation: open ")


# -- the step text and the text size ------------------------------------------------------


def test_the_step_text_grows_with_the_text_size(qtbot: QtBot, clock: FakeClock,
                                                look_restored: None) -> None:
    look_switch().apply("light", 100)
    page = _shown(qtbot, LibraryPage(clock=clock))
    page.open_exercise(NORDIC)
    QApplication.processEvents()
    step_text = page.detail.step_text
    standard = step_text.font().pointSizeF()
    assert standard >= 20  # reads from 2 m
    look_switch().apply(text_scale=200)
    QApplication.processEvents()
    assert step_text.font().pointSizeF() == pytest.approx(standard * 2, rel=0.05)
    qtbot.keyClick(page.detail.next_button, Qt.Key.Key_Right)  # the next step keeps the size
    assert page.detail.step_index == 1
    assert step_text.font().pointSizeF() == pytest.approx(standard * 2, rel=0.05)
    look_switch().apply(text_scale=100)
    QApplication.processEvents()
    assert step_text.font().pointSizeF() == pytest.approx(standard, rel=0.05)


# -- the variation links ------------------------------------------------------------------


@pytest.mark.parametrize("tokens", [style.LIGHT, style.DARK, style.HIGH_CONTRAST], ids=lambda t: t.name)
def test_variation_links_read_on_every_theme(qtbot: QtBot, qapp: QApplication, clock: FakeClock,
                                             tokens: style.Tokens, look_restored: None) -> None:
    style.apply_look(qapp, tokens, 100)
    catalog = load_catalog_strict(resources_dir())
    view = ExerciseDetailView(clock)
    qtbot.addWidget(view)
    view.show_exercise(catalog.get(NORDIC), catalog)
    view.resize(1100, 700)
    view.show()
    qtbot.waitExposed(view)
    link = view.easier_section.links[0]
    image = link.grab().toImage()
    colours = Counter(image.pixelColor(x, y).name()
                      for x in range(image.width()) for y in range(image.height()))
    background = QColor(tokens.background)
    # The text's own colour: the commonest after the background (the rest is anti-aliasing).
    text = next(QColor(name) for name, _count in colours.most_common() if QColor(name) != background)
    assert text == qapp.palette().color(QPalette.ColorRole.Link)
    assert contrast(text, background) >= 4.5
