"""The layering rules, enforced: Qt only under app/ui, no star imports."""

from __future__ import annotations

import ast
import itertools
import subprocess
import sys
import tomllib
from collections.abc import Mapping
from pathlib import Path

import grimp

from helpers import import_graph

SRC = Path(__file__).resolve().parents[2] / "src" / "app"
UI = SRC / "ui"


def _python_files() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_module_outside_ui_imports_qt() -> None:
    offenders = []
    for path in _python_files():
        if UI in path.parents:
            continue
        qt = {name for name in _imported_modules(path)
              if name.split(".")[0] in {"PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2"}}
        if qt:
            offenders.append(f"{path.relative_to(SRC.parent)} imports {sorted(qt)}")
    assert offenders == []


def test_importing_the_core_loads_no_qt() -> None:
    """Also catches Qt arriving indirectly, through another module."""
    core = [
        ".".join(path.relative_to(SRC.parent).with_suffix("").parts).removesuffix(".__init__")
        for path in _python_files()
        if UI not in path.parents and path.name != "__main__.py"
    ]
    code = ("import sys\n" + "".join(f"import {name}\n" for name in core)
            + "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'PySide6')\n"
            + "print(','.join(bad))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert len(core) > 10
    assert result.stdout.strip() == ""


def test_cli_start_imports_neither_qt_nor_sqlalchemy() -> None:
    """Start-up speed: the command line's modules stay light until a command needs more."""
    modules = sorted(f"app.cli.{path.stem}" for path in (SRC / "cli").glob("*.py"))
    assert "app.cli.main" in modules and len(modules) >= 9
    code = ("import sys\n" + "".join(f"import {name}\n" for name in modules)
            + "print(sorted({m.split('.')[0] for m in sys.modules} & {'PySide6', 'sqlalchemy'}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_window_start_loads_no_command_module() -> None:
    """`hamstride` without a command opens the window: the entry point
    imports each command's module only when that command runs."""
    code = ("import sys, app.cli.main\n"
            "print(sorted(m for m in sys.modules if m.startswith('app.cli.')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "['app.cli.common', 'app.cli.main']"


def test_the_window_imports_nothing_from_the_command_line() -> None:
    """app.cli is the entry point above the window: it may import app.ui
    (lazily), never the reverse, not even for a type."""
    offenders = [f"{path.relative_to(SRC.parent)} imports {name}"
                 for path in _python_files() if UI in path.parents
                 for name in sorted(_imported_modules(path))
                 if name == "app.cli" or name.startswith("app.cli.")]
    assert offenders == []


def test_no_star_imports() -> None:
    offenders = []
    for path in _python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names):
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []


def test_window_modules_leave_sqlalchemy_to_the_loader_thread() -> None:
    """The window paints before the database layer is imported (start-up time)."""
    code = ("import sys, app.ui.shell.application\n"
            "print('sqlalchemy' in {m.split('.')[0] for m in sys.modules})")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_the_welcome_reads_the_why_page_only_when_asked() -> None:
    """The welcome opens at a first start, inside the start-up figures (peak
    memory while the log opens): the "Why hamstrings" page and its TOML
    reader are imported when its button is pressed, not with the welcome."""
    code = ("import sys, app.ui.shell.welcome_dialog\n"
            "print(sorted(m for m in sys.modules\n"
            "             if m in ('app.catalog.guide', 'app.ui.library.why_view')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_first_screen_sets_no_shortcut_with_set_shortcut() -> None:
    """QAction.setShortcut(...)'s overloads make PySide build the whole Qt
    namespace: ~50 ms and ~1 MB of the start-up (Today's quick note did it,
    issue 16: rss_ratio 1.52 against 1.5). The window and Today use
    setShortcuts([...])."""
    first_screen = ("ui/shell/main_window.py", "ui/today/today_page.py", "ui/look/page.py",
                    "ui/shell/application.py", "ui/today/controller.py")
    offenders = [name for name in first_screen
                 if ".setShortcut(" in (SRC / name).read_text(encoding="utf-8")]
    assert offenders == []


def test_the_time_scale_variable_is_named_in_one_place() -> None:
    """The command line reads HAMSTRIDE_TIME_SCALE through the session clock's
    TIME_SCALE_ENV: no second copy of the name that could drift from it."""
    from app.session import timing

    holders = [path.relative_to(SRC).as_posix() for path in _python_files()
               if f'"{timing.TIME_SCALE_ENV}"' in path.read_text(encoding="utf-8")]
    assert holders == ["session/timing.py"]


def test_the_layer_contracts_hold() -> None:
    """import-linter reads the whole import graph (indirect imports too) against
    the contracts in pyproject.toml."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    root = SRC.parents[1]
    result = subprocess.run([str(lint_imports), "--no-logo", str(root / "pyproject.toml")],
                            capture_output=True, text=True, cwd=root, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
    contracts = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))[
        "tool"]["importlinter"]["contracts"]
    assert result.stdout.count(" KEPT") == len(contracts)
    # Issue 17's rules, by name (a contract renamed or dropped fails here).
    assert {"No Qt outside app.ui", "Storage imports no higher layer", "Session imports no storage",
            "No import cycle, lazy imports included",
            "The window's folders, top to bottom (docs/ARCHITECTURE.md)"} <= {
                contract["name"] for contract in contracts}
    # The app's layers and the window's folders.
    assert sorted(contract["containers"] for contract in contracts
                  if contract["type"] == "layers") == [["app"], ["app.ui"]]
    assert not any("ignore_imports" in contract for contract in contracts)


def _cycles_named(graph: grimp.ImportGraph, modules: Mapping[str, frozenset[str]]) -> list[str]:
    """Each cycle as one of its paths, with the lines of the module-level imports along it."""
    named = []
    for part in import_graph.cycles(modules):
        path = import_graph.cycle_path(modules, part)
        steps = []
        for importer, imported in itertools.pairwise(path):
            lines = import_graph.import_lines(graph, importer, imported) if importer in graph.modules else ""
            steps.append(f"{importer} -> {imported}" + (f" ({lines})" if lines else ""))
        named.append(f"cycle of {len(part)}: " + "; ".join(steps))
    return named


def test_no_import_cycle_between_packages_or_modules() -> None:
    """Lazy (function-level) imports count: a cycle through one still ties
    the modules together (issue 17: no import cycle, lazy or not). Between
    the packages of app (app.storage, app.ui...) and between any modules."""
    graph = import_graph.app_graph()
    modules = import_graph.module_graph(graph)
    packages = import_graph.package_graph(modules)
    assert {"app.kernel", "app.storage", "app.ui"} <= set(packages)
    found = _cycles_named(graph, packages) + _cycles_named(graph, modules)
    assert found == [], "\n".join(found)


def test_the_cycle_finder_finds_a_cycle_and_names_it() -> None:
    """The finder above, on a graph with one cycle of three and a tail."""
    graph = {"a": frozenset({"b"}), "b": frozenset({"c"}), "c": frozenset({"a", "d"}),
             "d": frozenset(), "e": frozenset({"e"})}
    assert import_graph.cycles(graph) == [["a", "b", "c"], ["e"]]
    assert import_graph.cycle_path(graph, ["a", "b", "c"]) == ["a", "b", "c", "a"]
    assert import_graph.cycle_path(graph, ["e"]) == ["e", "e"]


# Reading the time or waiting: app.kernel.clock's job alone (an injected Clock).
WALL_CLOCK = {("datetime", "now"), ("datetime", "utcnow"), ("datetime", "today"), ("date", "today"),
              ("time", "time"), ("time", "time_ns"), ("time", "monotonic"), ("time", "monotonic_ns"),
              ("time", "perf_counter"), ("time", "perf_counter_ns"), ("time", "sleep"),
              ("time", "localtime"), ("time", "gmtime"), ("QDateTime", "currentDateTime"),
              ("QDate", "currentDate"), ("QTime", "currentTime")}


def _wall_clock_reads(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and (node.value.id, node.attr) in WALL_CLOCK):
            found.append(f"{path.relative_to(SRC.parent)}:{node.lineno} {node.value.id}.{node.attr}")
        elif isinstance(node, ast.ImportFrom) and node.module == "time":
            found.append(f"{path.relative_to(SRC.parent)}:{node.lineno} from time import ...")
    return found


def test_only_the_clock_module_reads_the_time() -> None:
    """Time comes from an injected clock (app.kernel.clock): a test on a
    FakeClock must see every moment the app sees."""
    clock = SRC / "kernel" / "clock.py"
    assert _wall_clock_reads(clock)  # the check sees the real clock's own reads
    offenders = [read for path in _python_files() if path != clock for read in _wall_clock_reads(path)]
    assert offenders == []
