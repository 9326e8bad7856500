"""Translation end to end: lupdate finds the strings, a compiled translation
reaches the window, and QLocale decides how numbers and dates read.

The translation here is a pseudo-translation built at test time with Qt's own
tools (every source wrapped in ⟪ ⟫), so the check needs no translator and
fails for any shown string that was extracted but never passed through
translate() in the right context.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QLocale

from app.kernel import i18n
from app.ui.shell.application import GuiSession
from app.ui.shell.language import Language
from app.ui.shell.pages import PAGE_TITLES
from helpers.language import (
    CLOSE,
    OPEN,
    extract_messages,
    message_sources,
    shown_texts,
)

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "packaging"))
import translations  # noqa: E402 - packaging/ is not a package; its script is the tool


def test_the_catalogue_holds_the_core_and_the_window(tmp_path: Path) -> None:
    ts = tmp_path / "all.ts"
    extract_messages(ts)
    sources = message_sources(ts)
    count = sum(len(texts) for texts in sources.values())
    assert count > 800, count
    # Both halves: window modules and the Qt-free core feed the same catalogue.
    assert any(ctx[0].isupper() and "Window" in ctx for ctx in sources)
    assert "%n set(s)" in {text for texts in sources.values() for text in texts}


def test_the_translation_is_loaded_and_used(french: Language) -> None:
    assert any(path.endswith("hamstride_fr.qm") for path in french.loaded)
    some_context = "MainWindow"
    assert i18n.translate(some_context, "&File").startswith(OPEN)
    # A count picks the translator's plural form and fills in the number.
    assert i18n.translate("formatting", "%n set(s)", n=3) in {f"{OPEN}3 sets{CLOSE}",
                                                            f"{OPEN}3 set{CLOSE}"}




def test_every_shown_message_is_translated(open_window: Callable[[], GuiSession], french: Language,
                                           pseudo_translation: tuple[Path, dict[str, set[str]]]
                                           ) -> None:
    _, sources = pseudo_translation
    all_sources = {text for texts in sources.values() for text in texts}
    window = open_window().window
    for row in range(len(PAGE_TITLES)):
        window.show_page(row)
    shown = shown_texts(window)
    translated = [text for _, text in shown if OPEN in text]
    # A source string shown as it is: extracted, but not translated in its context.
    missed = sorted({f"{kind}: {text!r}" for kind, text in shown
                     if text in all_sources and OPEN not in text})
    assert missed == []
    assert len(translated) > 200, len(translated)


def test_numbers_and_dates_follow_the_locale(qapp: object) -> None:
    german = Language(QLocale(QLocale.Language.German, QLocale.Country.Germany), Path("/nonexistent"))
    german.install()
    try:
        assert i18n.format_decimal(82.5) == "82,5"
        assert i18n.format_decimal(60.0) == "60"
        assert i18n.format_decimal(1234.25, 2) == "1234,25"  # no grouping: typed back in fields
        assert i18n.parse_decimal("82,5") == 82.5
        assert i18n.parse_decimal("82.5") == 82.5
        assert i18n.decimal_point() == ","
        day = i18n.format_date(date(2026, 11, 22))
        assert day.startswith("So") and "22.11." in day
        assert i18n.format_time(datetime(2026, 11, 22, 17, 5)) == "17:05"
    finally:
        german.uninstall()
    assert i18n.format_decimal(82.5) == "82.5"
    assert i18n.format_date(date(2026, 11, 22)) == "Sun 22 Nov 2026"


def test_american_english_dates_and_times(qapp: object) -> None:
    american = Language(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates),
                        Path("/nonexistent"))
    american.install()
    try:
        assert i18n.format_date(date(2026, 11, 22)) == "Sun 11/22/26"
        assert i18n.format_time(datetime(2026, 11, 22, 17, 5)).replace("\u202f", " ") == "5:05 PM"
        assert i18n.format_decimal(82.5) == "82.5"
    finally:
        american.uninstall()


def test_a_catalogue_update_keeps_translations_and_gives_counts_plural_forms(
        tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text('from app.kernel.i18n import translate\n'
                      'translate("C", "%n set(s)", None, len(sets))\n'
                      'translate("C", "Start")\n'
                      'translate("C", "Rest", "noun: the pause between sets")\n', encoding="utf-8")
    messages = translations.messages_in(module)
    assert [(m.source, m.numerus, m.comment) for m in messages] == [
        ("%n set(s)", True, None), ("Start", False, None),
        ("Rest", False, "noun: the pause between sets")]
    ts = tmp_path / "hamstride_de.ts"
    translations.write_ts(ts, messages)
    tree = ET.parse(ts)
    for message in tree.getroot().iter("message"):  # a translator at work
        translation = message.find("translation")
        assert translation is not None
        translation.attrib.pop("type")
        if message.get("numerus") == "yes":
            [form] = list(translation)
            form.text = "%n Satz"
            ET.SubElement(translation, "numerusform").text = "%n Sätze"
        else:
            translation.text = "Los" if message.findtext("source") == "Start" else "Pause"
    tree.write(ts, encoding="utf-8")
    translations.write_ts(ts, messages[:2])  # "Rest" left the code
    again = {m.findtext("source"): m for m in ET.parse(ts).getroot().iter("message")}
    assert set(again) == {"%n set(s)", "Start"}
    assert [f.text for f in again["%n set(s)"].iter("numerusform")] == ["%n Satz", "%n Sätze"]
    assert again["Start"].findtext("translation") == "Los"
    assert ET.parse(ts).getroot().get("language") == "de"


def test_no_locale_keeps_the_plain_english_formats(qapp: object) -> None:
    """LANG=C: Qt's C locale writes dates as "22 11 2026"; ours stay readable."""
    bare = Language(QLocale.c(), Path("/nonexistent"))
    bare.install()
    try:
        assert i18n.format_date(date(2026, 11, 22)) == "Sun 22 Nov 2026"
        assert i18n.format_decimal(82.5) == "82.5"
    finally:
        bare.uninstall()
