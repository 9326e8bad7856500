"""Ready for translation: user-visible text goes through app.kernel.i18n.translate.

A static check over the window's modules: a string literal or f-string with
words in it, handed straight to a call that shows text (setText, tooltips,
titles, buttons, menus, message boxes...), is text a translator never sees.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "app"
sys.path.insert(0, str(SRC.parents[1] / "packaging"))
import translations  # noqa: E402 - packaging/ is a folder of scripts

UI = SRC / "ui"

# Calls whose string arguments end up on screen or in a screen reader.
SHOWS_TEXT = {
    "setText", "setToolTip", "setWindowTitle", "setAccessibleName", "setAccessibleDescription",
    "setPlaceholderText", "setStatusTip", "setWhatsThis", "setTitle", "setTabText",
    "setTabToolTip", "setItemText", "setLabelText", "setHeaderLabels",
    "setHorizontalHeaderLabels", "setVerticalHeaderLabels", "setSpecialValueText",
    "setSuffix", "setPrefix", "showMessage", "setInformativeText", "setDetailedText",
    "addAction", "addMenu", "addTab", "insertTab", "addItem", "addItems", "insertItem",
    "addButton", "addRow", "information", "warning", "critical", "question", "about",
    "getText", "getItem", "getOpenFileName", "getSaveFileName", "getExistingDirectory",
    "QLabel", "QPushButton", "QToolButton", "QCheckBox", "QRadioButton", "QGroupBox",
    "QAction", "QMenu", "QMessageBox", "QListWidgetItem", "QTableWidgetItem",
    "QStandardItem", "QTreeWidgetItem", "setNameFilter", "setNameFilters",
    "setFormat", "setAxisTitle", "setTitleText", "setLabelFormat", "setName",
    "setLabel", "setCheckBoxText",
}
WORDS = re.compile(r"[A-Za-z]{2,}")


def _words_in(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(WORDS.search(node.value))
    if isinstance(node, ast.JoinedStr):
        return any(_words_in(part) for part in node.values)
    if isinstance(node, (ast.List, ast.Tuple)):
        return any(_words_in(item) for item in node.elts)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _words_in(node.left) or _words_in(node.right)
    return False


def _name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


LOGGERS = {"log", "logger", "logging", "_log", "LOG"}


def _is_log_call(call: ast.Call) -> bool:
    """log.warning(...) writes the log file, not a message box."""
    func = call.func
    return (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
            and func.value.id in LOGGERS)


def untranslated_calls(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or _name(node) not in SHOWS_TEXT or _is_log_call(node):
            continue
        arguments = list(node.args) + [k.value for k in node.keywords
                                       if k.arg in {"text", "title", "toolTip", "label"}]
        for argument in arguments:
            if _words_in(argument):
                snippet = ast.get_source_segment(path.read_text(encoding="utf-8"), argument)
                found.append(f"{path.relative_to(SRC.parent)}:{node.lineno} "
                             f"{_name(node)}({(snippet or '')[:60]})")
    return found


def test_window_text_goes_through_translate() -> None:
    found = [line for path in sorted(UI.rglob("*.py")) for line in untranslated_calls(path)]
    assert found == []


def test_the_check_finds_untranslated_text(tmp_path: Path) -> None:
    """The check itself: it flags literals and f-strings, not translate() calls."""
    sample = UI / "_sample_for_test.py"
    code = ('label.setText("Start session")\n'
            'button.setToolTip(f"Rest {seconds} s")\n'
            'QPushButton("&Save", self)\n'
            'label.setText(translate("Ctx", "Start session"))\n'
            'label.setObjectName("startButton")\n'
            'label.setText("12")\n'
            'log.warning("write job %d failed: %s", number, exc)\n')
    try:
        sample.write_text(code, encoding="utf-8")
        found = untranslated_calls(sample)
    finally:
        sample.unlink()
    assert [line.split(" ", 1)[1] for line in found] == [
        'setText("Start session")', 'setToolTip(f"Rest {seconds} s")', 'QPushButton("&Save")']


def _translate_calls(path: Path) -> list[ast.Call]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [node for node in ast.walk(tree)
            if isinstance(node, ast.Call) and translations.is_translate_call(node)]


def test_translate_calls_are_extractable() -> None:
    """The catalogue (packaging/translations.py) reads calls whose context and
    text are literals; only a QT_TRANSLATE_NOOP-marked constant may be passed
    as a variable, and then its context is still a literal."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name in {"i18n.py", "language.py"}:  # the functions themselves
            continue
        for call in _translate_calls(path):
            where = f"{path.relative_to(SRC.parent)}:{call.lineno}"
            unknown = [k.arg for k in call.keywords if k.arg not in {"n", "disambiguation"}]
            if unknown:
                found.append(f"{where} unknown keyword argument(s) {unknown}")
            if len(call.args) < 2:
                found.append(f"{where} needs a context and a text")
            elif isinstance(call.args[1], ast.Constant) and not isinstance(call.args[0], ast.Constant):
                # A literal text is extracted here, so its context must be one too.
                # (A variable text was marked, context and all, by QT_TRANSLATE_NOOP.)
                found.append(f"{where} context is not a literal")
    assert found == []
