"""docs/ARCHITECTURE.md's layer picture is the import graph's.

The layers are read from the doc itself (its "## Layers" text block), so the
doc and the code cannot drift: a package the picture leaves out, a package
in two layers, or an import from a lower layer up to a higher one (or
between two siblings of one layer) fails here, named with its lines.
import-linter's `layers` contract in pyproject.toml must list the same.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from helpers import import_graph

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "ARCHITECTURE.md"
SRC = ROOT / "src" / "app"
# Outside the layers: the name and version (any layer may read them) and
# `python -m app`, which runs the command line.
OUTSIDE_THE_LAYERS = {"app", "app.__main__"}


def documented_layers(text: str, section_heading: str = "\n## Layers\n",
                      prefix: str = "app.") -> list[list[str]]:
    """Top to bottom; each layer its packages ("app.a | app.b": siblings).
    The window's folders are read the same way from the app.ui section
    (``ui.a | ui.b``)."""
    section = text.split(section_heading, 1)[1].split("\n#", 1)[0]
    block = section.split("```text\n", 1)[1].split("```", 1)[0]
    layers = []
    for line in block.splitlines():
        if line.startswith(prefix):
            # The packages, then two or more spaces, then what they are.
            names = re.split(r"\s{2,}", line.strip(), maxsplit=1)[0]
            layers.append([name.strip() for name in names.split("|")])
    return layers


def _packages() -> list[str]:
    return sorted(f"app.{path.parent.name}" for path in SRC.glob("*/__init__.py"))


def _layer_of(layers: list[list[str]]) -> dict[str, int]:
    return {package: depth for depth, layer in enumerate(layers) for package in layer}


def test_the_doc_lists_every_package_in_exactly_one_layer() -> None:
    layers = documented_layers(DOC.read_text(encoding="utf-8"))
    listed = [package for layer in layers for package in layer]
    assert len(layers) >= 8 and layers[-1] == ["app.kernel"] and layers[0] == ["app.cli"]
    assert sorted(listed) == sorted(set(listed)), "a package in two layers"
    assert sorted(listed) == _packages()
    # Every module sits in a package of a layer; only these two are loose.
    assert sorted(path.name for path in SRC.glob("*.py")) == ["__init__.py", "__main__.py"]


def test_no_package_imports_a_higher_layer_or_a_sibling() -> None:
    layer_of = _layer_of(documented_layers(DOC.read_text(encoding="utf-8")))
    graph = import_graph.app_graph()
    crossings = []
    for importer, imported in import_graph.module_graph(graph).items():
        source = import_graph.package_of(importer)
        if source in OUTSIDE_THE_LAYERS:
            continue
        for name in sorted(imported):
            target = import_graph.package_of(name)
            if target in OUTSIDE_THE_LAYERS or target == source:
                continue
            if layer_of[target] <= layer_of[source]:
                lines = import_graph.import_lines(graph, importer, name)
                kind = "a sibling" if layer_of[target] == layer_of[source] else "a higher layer"
                crossings.append(f"{importer} -> {name} ({lines}): {source} imports {kind}")
    assert crossings == [], "\n".join(crossings)


def test_the_import_linter_layers_are_the_doc_s() -> None:
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "tool"]["importlinter"]["contracts"]
    (layers_contract,) = [c for c in contracts
                          if c["type"] == "layers" and c["containers"] == ["app"]]
    in_the_contract = [sorted(f"app.{name.strip()}" for name in layer.split("|"))
                       for layer in layers_contract["layers"]]
    documented = [sorted(layer) for layer in documented_layers(DOC.read_text(encoding="utf-8"))]
    assert in_the_contract == documented


def test_the_doc_has_a_paragraph_for_each_package_and_ui_folder() -> None:
    text = DOC.read_text(encoding="utf-8")
    headed = set(re.findall(r"^### (app(?:\.\w+)+)$", text, flags=re.MULTILINE))
    folders = {f"app.ui.{path.parent.name}" for path in (SRC / "ui").glob("*/__init__.py")}
    assert headed == set(_packages()) | folders


def test_the_doc_parser_reads_siblings_and_skips_the_drawing() -> None:
    text = ("# A\n\n## Layers\n\n```text\napp.top        what it is\n   |\n"
            "app.a | app.b   two siblings\n   |\napp.kernel\n```\n\n## Next\n```text\napp.no\n```\n")
    assert documented_layers(text) == [["app.top"], ["app.a", "app.b"], ["app.kernel"]]


# -- the window's folders ------------------------------------------------------

UI_SECTION = "\n### app.ui\n"


def _ui_layers() -> list[list[str]]:
    return documented_layers(DOC.read_text(encoding="utf-8"), UI_SECTION, "ui.")


def _ui_folder_of(module: str) -> str | None:
    parts = module.split(".")
    return f"ui.{parts[2]}" if len(parts) > 3 and parts[1] == "ui" else None


def test_the_doc_lists_every_ui_folder_in_exactly_one_layer() -> None:
    listed = [folder for layer in _ui_layers() for folder in layer]
    folders = sorted(f"ui.{path.parent.name}" for path in (SRC / "ui").glob("*/__init__.py"))
    assert sorted(listed) == folders
    assert _ui_layers()[0] == ["ui.shell"] and _ui_layers()[-1] == ["ui.base"]


def test_no_ui_folder_imports_a_higher_folder_or_a_sibling() -> None:
    layer_of = _layer_of(_ui_layers())
    graph = import_graph.app_graph()
    crossings = []
    for importer, imported in import_graph.module_graph(graph).items():
        source = _ui_folder_of(importer)
        if source is None:
            continue
        for name in sorted(imported):
            target = _ui_folder_of(name)
            if target is None or target == source:
                continue
            if layer_of[target] <= layer_of[source]:
                lines = import_graph.import_lines(graph, importer, name)
                crossings.append(f"{importer} -> {name} ({lines}): {source} imports {target}")
    assert crossings == [], "\n".join(crossings)


def test_the_import_linter_ui_layers_are_the_doc_s() -> None:
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "tool"]["importlinter"]["contracts"]
    (ui_contract,) = [c for c in contracts if c["type"] == "layers" and c["containers"] == ["app.ui"]]
    in_the_contract = [sorted(f"ui.{name.strip()}" for name in layer.split("|"))
                       for layer in ui_contract["layers"]]
    assert in_the_contract == [sorted(layer) for layer in _ui_layers()]
