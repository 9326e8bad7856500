"""No module over MAX_LINES lines without saying why it is one module.

A long module is often several jobs that grew together. One that is long
for a reason (one state machine, one table of rules read side by side)
says so near its top, in a comment line starting with WHY_ONE_MODULE before
its first def or class, e.g.:

    # One module because the engine's states and their transitions are one
    # table: split, a transition would have to be read in two files.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "app"
MAX_LINES = 500
WHY_ONE_MODULE = "# One module because"


def says_why_it_is_one_module(source: str) -> bool:
    """The marker as a comment line of its own, above the first def or class."""
    lines = source.splitlines()
    first = len(lines) + 1
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            first = min([node.lineno, *(decorator.lineno for decorator in node.decorator_list)])
            break
    return any(line.lstrip().startswith(WHY_ONE_MODULE) for line in lines[:first - 1])


def test_a_long_module_says_why_it_is_one_module() -> None:
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        lines = len(source.splitlines())
        if lines > MAX_LINES and not says_why_it_is_one_module(source):
            offenders.append(f"{path.relative_to(SRC.parent)}: {lines} lines")
    assert offenders == [], (f"over {MAX_LINES} lines without a '{WHY_ONE_MODULE}' comment "
                             "above the first def or class (or split them):\n" + "\n".join(offenders))


def test_the_marker_counts_only_above_the_first_definition() -> None:
    why = f"{WHY_ONE_MODULE} it is one table.\n"
    assert says_why_it_is_one_module(f'"""Doc."""\n\nimport os\n\n{why}\ndef f():\n    pass\n')
    assert not says_why_it_is_one_module(f'"""Doc."""\n\ndef f():\n    pass\n\n{why}')
    assert not says_why_it_is_one_module('"""Doc."""\n\n# one module, lower case\ndef f():\n    pass\n')
    assert says_why_it_is_one_module(f"{why}x = 1\n")
    assert not says_why_it_is_one_module(f"@decorated\n{why}def f():\n    pass\n")
