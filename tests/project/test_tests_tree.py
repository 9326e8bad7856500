"""The tests' own rules (issue 17 point 6): test modules share code only through
tests/helpers, and no test reaches into a private name where a public seam can
exist. Pure Python: reads the test files, imports none of them."""

from __future__ import annotations

import ast
import re
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
HELPERS = TESTS / "helpers"
THIS = Path(__file__).resolve()

# The search issue 17 used to find them: an attribute or import starting with
# one underscore, or monkeypatch.setattr on one. A line with a dunder anywhere is
# skipped, as `grep -v "__"` did (dunders are Python's, not private names).
PRIVATE = re.compile(r'[a-z_]\._[a-z][a-z_]+|setattr\([^,]+, "_|import \(?_[a-z]|import .*, _[a-z]')
# What that line search cannot see, read from the syntax tree: `obj._Name`
# after a call or in capitals, a private name among many imported on several
# lines, a private name given to setattr/getattr as text. (The line search, as
# the grep did, also sees a test class's own self._x: such names are public too.)
ACCESSORS = frozenset({"setattr", "getattr", "delattr", "hasattr"})

# Each private name a test still uses, by file and name, with why no public
# seam replaces it. An entry no longer found fails too, so this list stays the
# exact list of what is left.
KEPT_PRIVATE: dict[tuple[str, str], str] = {
    ("tests/kernel/test_logs.py", "_open"):
        "logging.FileHandler opens its stream through _open, the standard library's hook; "
        "RotatingLogFile reopens through it, so the full disk is put there",
    ("tests/project/test_packaging.py", "_MEIPASS"):
        "PyInstaller's own name (sys._MEIPASS) for a frozen bundle's folder, which resources_dir reads",
    ("tests/ui/session/test_i18n_c_session.py", "_replace"):
        "namedtuple's documented _replace (the underscore keeps it from clashing with fields)",
    ("tests/cli/test_cli.py", "_actions"):
        "argparse has no public way to list a parser's subcommands; its _actions is how the "
        "test checks every command the parser offers has a dispatch row",
    ("tests/cli/test_cli.py", "_SubParsersAction"):
        "argparse's class of the subcommands action, found among _actions (no public name for it)",
}


# Test modules that still import another test module (not a helper), with why.
KEPT_TEST_IMPORTS: dict[tuple[str, str], str] = {}


def _test_files() -> list[Path]:
    return sorted(p for p in TESTS.rglob("*.py") if "__pycache__" not in p.parts)


def _name(path: Path) -> str:
    return path.relative_to(TESTS.parent).as_posix()


def _test_module_names() -> set[str]:
    """What a test could import another test file as: under pytest's prepend
    import mode (no __init__.py) a file is its basename; a folder of tests is
    its name (tests/ui, tests/storage...). tests/helpers is the shared code."""
    names: set[str] = set()
    for path in _test_files():
        if HELPERS in path.parents:
            continue
        names.add(path.stem)
        parts = path.relative_to(TESTS).parts
        if len(parts) > 1:
            names.add(parts[0])
    return names


def _imported(tree: ast.AST) -> list[str]:
    """Every absolute import of the module, function-level ones included."""
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append(node.module)
    return found


def _test_imports() -> set[tuple[str, str]]:
    test_modules = _test_module_names()
    found: set[tuple[str, str]] = set()
    for path in _test_files():
        if HELPERS in path.parents:
            continue
        for module in _imported(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if module.split(".")[0] in test_modules:
                found.add((_name(path), module))
    return found


# Where in a hit the private name starts: the underscore after a dot, quote,
# bracket or space ('_open' in 'setattr(handler, "_', not my_obj's).
NAME_IN_HIT = re.compile(r'(?<=[."( ])_\w*')


def _line_sites(text: str) -> list[tuple[str, int]]:
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        if "__" in line:
            continue
        for hit in PRIVATE.finditer(line):
            name = NAME_IN_HIT.search(line, hit.start())
            assert name is not None, line
            found.append((name.group(), number))
    return found


def _is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _tree_sites(text: str) -> list[tuple[str, int]]:
    found = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Attribute) and _is_private(node.attr):
            if not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")):
                found.append((node.attr, node.lineno))
        elif isinstance(node, ast.ImportFrom):
            found += [(alias.name, node.lineno) for alias in node.names if _is_private(alias.name)]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute | ast.Name):
            called = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
            # setattr(obj, "_name"), and monkeypatch's setattr("module._name", value)
            named = [arg.value for arg in node.args[:2]
                     if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
            if called in ACCESSORS:
                found += [(name.rsplit(".", 1)[-1], node.lineno) for name in named
                          if _is_private(name.rsplit(".", 1)[-1])]
    return found


def _private_sites() -> dict[tuple[str, str], list[str]]:
    """(file, private name) -> where, for every test file but this one."""
    sites: dict[tuple[str, str], list[str]] = {}
    for path in _test_files():
        if path == THIS:
            continue
        text = path.read_text(encoding="utf-8")
        for name, number in sorted(set(_line_sites(text) + _tree_sites(text))):
            sites.setdefault((_name(path), name), []).append(f"{_name(path)}:{number}: {name}")
    return sites


def test_test_modules_share_code_only_through_helpers() -> None:
    found = _test_imports()
    unexplained = sorted(found - set(KEPT_TEST_IMPORTS))
    assert unexplained == [], (
        "a test module imports another test module; move what they share to tests/helpers "
        f"(imported as helpers.NAME): {unexplained}")
    assert sorted(set(KEPT_TEST_IMPORTS) - found) == [], "no longer imported: drop it from KEPT_TEST_IMPORTS"


def test_no_test_reaches_into_a_private_name_without_a_reason() -> None:
    sites = _private_sites()
    unexplained = [line for key, lines in sorted(sites.items()) if key not in KEPT_PRIVATE
                   for line in lines]
    assert unexplained == [], (
        "a test uses a private name: give the code a public seam (a read-only property, a "
        "public function, an injected dependency, the signal the slot is connected to) and "
        "use it, or add the site to KEPT_PRIVATE with why none can exist:\n" + "\n".join(unexplained))
    assert sorted(set(KEPT_PRIVATE) - set(sites)) == [], "no longer used: drop it from KEPT_PRIVATE"


def test_the_checks_find_what_they_are_meant_to_find() -> None:
    """The search itself, on lines written for it (a check that finds nothing
    proves nothing)."""
    found = [bool(PRIVATE.search(line)) for line in (
        "window._apply_look(theme)",
        'monkeypatch.setattr(view, "_ask_png_path", lambda: None)',
        "from app.charts import _descent_readout",
        "from app.charts import readout, _descent_readout",
        "window.apply_look(theme)",
        "from app.charts import descent_readout",
    )]
    assert found == [True, True, True, True, False, False]
    sample = """import argparse
from app.x import (
    a,
    _b,
)
parser = make()._actions
kind = argparse._SubParsersAction
getattr(obj, "_c")
monkeypatch.setattr("app.mod._dd", 1)
self._own = 1
size = obj.__sizeof__()
w._apply_look(x)
monkeypatch.setattr(my_view, "_ask_png_path", f)
"""
    assert sorted(set(_tree_sites(sample))) == [
        ("_SubParsersAction", 7), ("_actions", 6), ("_apply_look", 12), ("_ask_png_path", 13),
        ("_b", 2), ("_c", 8), ("_dd", 9)]
    assert _line_sites(sample) == [("_dd", 9), ("_own", 10), ("_apply_look", 12), ("_ask_png_path", 13)]
    tree = ast.parse("import os\ndef f():\n    from conftest import restored_look\n"
                     "    import helpers.window\n")
    assert _imported(tree) == ["os", "conftest", "helpers.window"]
    names = _test_module_names()
    assert {"conftest", "test_tests_tree", "ui", "storage"} <= names
    assert "helpers" not in names and "window" not in names  # tests/helpers/window.py is shared code
