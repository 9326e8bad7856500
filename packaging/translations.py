"""Build the translation catalogues: extract, merge, compile.

    python packaging/translations.py [LANGUAGE ...]      (make translations LANGUAGE=de)

1. Every ``translate("Context", "Text", disambiguation, count)`` and
   ``QT_TRANSLATE_NOOP("Context", "Text")`` call in ``src/app`` is read with
   Python's own parser. (``pyside6-lupdate``'s Python reader drops a call
   whose count is an expression like ``len(sets)`` or is passed by keyword,
   and gives plural forms only to ``tr()``: too much of this code would be
   lost.) A message with ``%n`` gets plural forms.
2. ``resources/translations/hamstride_<language>.ts`` (Qt Linguist's format)
   is written with those messages, keeping every translation already made;
   messages no longer in the code are dropped. New languages are created;
   without a language every existing .ts is updated.
3. ``pyside6-lrelease`` compiles each .ts to the .qm the app loads.
"""

from __future__ import annotations

import argparse
import ast
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "src" / "app"
TRANSLATIONS = ROOT / "resources" / "translations"
COUNT = "%n"
CALLS = {"translate", "QT_TRANSLATE_NOOP"}
RECEIVERS = {"i18n", "QCoreApplication"}


@dataclass
class Message:
    context: str
    source: str
    comment: str | None
    numerus: bool
    locations: list[tuple[Path, int]] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, str]:
        return self.context, self.source, self.comment or ""


def _literal(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def is_translate_call(node: ast.Call) -> bool:
    """translate(...), i18n.translate(...), QCoreApplication.translate(...) or
    QT_TRANSLATE_NOOP(...) - not QPainter.translate(dx, dy)."""
    func = node.func
    if isinstance(func, ast.Name):
        return func.id in CALLS
    return (isinstance(func, ast.Attribute) and func.attr in CALLS
            and isinstance(func.value, ast.Name) and func.value.id in RECEIVERS)


def messages_in(path: Path) -> list[Message]:
    """The translatable messages of one module, in the order they appear."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        if not is_translate_call(node) or len(node.args) < 2:
            continue
        context, source = _literal(node.args[0]), _literal(node.args[1])
        if context is None or source is None:  # e.g. translate(ctx, LABELS[key]): marked elsewhere
            continue
        comment = _literal(node.args[2]) if len(node.args) > 2 else None
        comment = comment or _literal(next((k.value for k in node.keywords
                                            if k.arg == "disambiguation"), None))
        counted = (len(node.args) > 3 or any(k.arg == "n" for k in node.keywords)
                   or COUNT in source)
        found.append(Message(context, source, comment, counted, [(path, node.lineno)]))
    return sorted(found, key=lambda m: m.locations[0][1])


def collect(sources: Path = SOURCES) -> list[Message]:
    """Every message of the app, one entry per (context, source, comment)."""
    merged: dict[tuple[str, str, str], Message] = {}
    for path in sorted(sources.rglob("*.py")):
        for message in messages_in(path):
            known = merged.setdefault(message.key, message)
            if known is not message:
                known.locations += message.locations
                known.numerus = known.numerus or message.numerus
    return list(merged.values())


def _existing(ts: Path) -> tuple[str | None, dict[tuple[str, str, str], ET.Element]]:
    if not ts.exists():
        return None, {}
    root = ET.parse(ts).getroot()
    translations = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            key = (name, message.findtext("source") or "", message.findtext("comment") or "")
            translation = message.find("translation")
            if translation is not None:
                translations[key] = translation
    return root.get("language"), translations


def write_ts(ts: Path, messages: list[Message], language: str | None = None) -> None:
    """Write ``ts`` with ``messages``, keeping the translations it already holds."""
    old_language, old = _existing(ts)
    root = ET.Element("TS", version="2.1")
    code = language or old_language or ts.stem.removeprefix("hamstride_")
    root.set("language", code)
    by_context: dict[str, list[Message]] = {}
    for message in messages:
        by_context.setdefault(message.context, []).append(message)
    for context_name in sorted(by_context):
        context = ET.SubElement(root, "context")
        ET.SubElement(context, "name").text = context_name
        for message in by_context[context_name]:
            element = ET.SubElement(context, "message")
            if message.numerus:
                element.set("numerus", "yes")
            for path, line in message.locations:
                ET.SubElement(element, "location", filename=os.path.relpath(path, ts.parent),
                              line=str(line))
            ET.SubElement(element, "source").text = message.source
            if message.comment:
                ET.SubElement(element, "comment").text = message.comment
            element.append(_translation(old.get(message.key), message.numerus))
    ET.indent(root)
    ts.parent.mkdir(parents=True, exist_ok=True)
    with open(ts, "w", encoding="utf-8") as handle:
        handle.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        handle.write(ET.tostring(root, encoding="unicode"))
        handle.write("\n")


def _translation(old: ET.Element | None, numerus: bool) -> ET.Element:
    translation = ET.Element("translation")
    forms = [] if old is None else [f.text or "" for f in old.iter("numerusform")]
    single = None if old is None else old.text
    if old is None or old.get("type") == "unfinished":
        translation.set("type", "unfinished")
    if numerus:
        for text in forms or [single or ""]:
            ET.SubElement(translation, "numerusform").text = text
    else:
        translation.text = single if single and single.strip() else (forms[0] if forms else None)
    return translation


def qt_tool(name: str) -> str:
    """A PySide6 tool from the same environment as this Python."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: it comes with PySide6 (pip install PySide6)")
    return found


def extract(ts_files: list[Path]) -> None:
    messages = collect()
    for ts in ts_files:
        write_ts(ts, messages)


def compile_catalogue(ts: Path, qm: Path | None = None) -> Path:
    qm = qm or ts.with_suffix(".qm")
    subprocess.run([qt_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True,
                   capture_output=True)
    return qm


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("languages", nargs="*", help="e.g. de, fr, pt_BR")
    args = parser.parse_args(argv)
    ts_files = [TRANSLATIONS / f"hamstride_{language}.ts" for language in args.languages]
    ts_files = ts_files or sorted(TRANSLATIONS.glob("hamstride_*.ts"))
    if not ts_files:
        print("No translations yet: make translations LANGUAGE=de")
        return 0
    extract(ts_files)
    for ts in ts_files:
        print(f"{compile_catalogue(ts).relative_to(ROOT)} from {ts.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
