"""Build the translation catalogues: extract, mark counts, compile.

    python packaging/translations.py [LANGUAGE ...]      (make translations LANGUAGE=de)

1. ``pyside6-lupdate`` reads every module of ``src/app`` and updates
   ``resources/translations/hamstride_<language>.ts`` (new languages are
   created; without a language every existing .ts is updated).
2. lupdate gives plural forms only to ``tr()`` calls, not to
   ``translate(context, text, None, n)``: every message with ``%n`` is marked
   ``numerus="yes"`` here, so translators get a form per plural of their
   language and Qt picks the right one at run time.
3. ``pyside6-lrelease`` compiles each .ts to the .qm the app loads.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "src" / "app"
TRANSLATIONS = ROOT / "resources" / "translations"
COUNT = "%n"


def qt_tool(name: str) -> str:
    """A PySide6 tool from the same environment as this Python."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: it comes with PySide6 (pip install PySide6)")
    return found


def extract(ts_files: list[Path]) -> None:
    sources = sorted(str(p) for p in SOURCES.rglob("*.py"))
    subprocess.run([qt_tool("pyside6-lupdate"), *sources, "-no-obsolete", "-locations",
                    "relative", "-ts", *map(str, ts_files)], check=True, capture_output=True)
    for ts in ts_files:
        mark_counts(ts)


def mark_counts(ts: Path) -> int:
    """Give every %n message plural forms; returns how many were marked."""
    tree = ET.parse(ts)
    marked = 0
    for message in tree.getroot().iter("message"):
        if COUNT not in (message.findtext("source") or "") or message.get("numerus") == "yes":
            continue
        message.set("numerus", "yes")
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation", type="unfinished")
        single = translation.text or ""
        translation.text = None
        if not list(translation):
            ET.SubElement(translation, "numerusform").text = single
        marked += 1
    if marked:
        ET.indent(tree)
        tree.write(ts, encoding="utf-8", xml_declaration=True)
    return marked


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
