"""A pseudo-translation built the way make translations does, and the texts a window shows."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from app.ui.shell.language import Language

# Registered as a plugin by tests/conftest.py (the fixtures below), so every
# run loads this module: Qt is imported only inside the fixtures and
# functions that use it, or a `make test-core` run would load PySide6.

# packaging/ is not a package: its translations script is the tool.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "packaging"))
import translations

OPEN, CLOSE = "⟪", "⟫"


def extract_messages(ts: Path) -> None:
    """What `make translations` does."""
    translations.extract([ts])


def message_sources(ts: Path) -> dict[str, set[str]]:
    """Context -> source texts."""
    found: dict[str, set[str]] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        found.setdefault(name, set()).update(m.findtext("source") or ""
                                             for m in context.iter("message"))
    return found


@pytest.fixture(scope="module")
def pseudo_translation(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, set[str]]]:
    """hamstride_fr.qm with every message wrapped in ⟪ ⟫ (French: two plural forms)."""
    folder = tmp_path_factory.mktemp("translations")
    ts = folder / "hamstride_fr.ts"
    extract_messages(ts)
    tree = ET.parse(ts)
    tree.getroot().set("language", "fr_FR")
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        translation.attrib.pop("type", None)
        if message.get("numerus") == "yes":
            for form in list(translation):
                translation.remove(form)
            for plural in ("", "s"):
                ET.SubElement(translation, "numerusform").text = (
                    OPEN + source.replace("(s)", plural) + CLOSE)
        else:
            translation.text = OPEN + source + CLOSE
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    translations.compile_catalogue(ts, folder / "hamstride_fr.qm")
    return folder, message_sources(ts)


@pytest.fixture
def french(pseudo_translation: tuple[Path, dict[str, set[str]]], qapp: object) -> Iterator[Language]:
    from PySide6.QtCore import QLocale

    from app.ui.shell.language import Language

    folder, _ = pseudo_translation
    language = Language(QLocale(QLocale.Language.French, QLocale.Country.France), folder)
    language.install()
    yield language
    language.uninstall()


def shown_texts(root: QWidget) -> list[tuple[str, str]]:
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMenu, QTabWidget, QWidget

    texts: list[tuple[str, str]] = []
    for widget in [root, *root.findChildren(QWidget)]:
        kind = type(widget).__name__
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append((kind, widget.text()))
        if isinstance(widget, QGroupBox):
            texts.append((kind, widget.title()))
        if isinstance(widget, QMenu):
            texts.append((kind, widget.title()))
            texts.extend(("QAction", a.text()) for a in widget.actions())
        if isinstance(widget, QTabWidget):
            texts.extend(("tab", widget.tabText(i)) for i in range(widget.count()))
        texts.append((kind + ".toolTip", widget.toolTip()))
        texts.append((kind + ".accessibleName", widget.accessibleName()))
    texts.append(("window", root.windowTitle()))
    return [(kind, text) for kind, text in texts if any(c.isalpha() for c in text)]
