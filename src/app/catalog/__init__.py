"""The exercise catalog: exercises and their sources, kept as TOML data files.

Pure Python (stdlib only): no Qt and no database here, so loading is cheap
and can run in tests and CI on its own.

    result = load_catalog(resources_dir)
    result.catalog.get("nordic-hamstring-curl")
    result.problems   # one message per damaged file (those files are skipped)

The names below load on first use (as in ``app.figure``): the session engine
and the program model import ``app.catalog.vocabulary`` (the dose kinds,
categories and levels), which must not pay for the loader, the model and the
figure code they pull in (~30 ms).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.catalog.loader import (
        CatalogError,
        LoadResult,
        default_resources_dir,
        load_catalog,
        load_catalog_strict,
    )
    from app.catalog.model import (
        CATEGORIES,
        EQUIPMENT,
        FILTER_GROUPS,
        LEVELS,
        ONE_SIDE,
        Catalog,
        Equipment,
        Exercise,
        Prescription,
        Source,
        Step,
        Variation,
    )
    from app.catalog.vocabulary import Category, DoseKind, Level

_EXPORTS = {
    "CATEGORIES": "app.catalog.model",
    "EQUIPMENT": "app.catalog.model",
    "FILTER_GROUPS": "app.catalog.model",
    "LEVELS": "app.catalog.model",
    "ONE_SIDE": "app.catalog.model",
    "Catalog": "app.catalog.model",
    "CatalogError": "app.catalog.loader",
    "Category": "app.catalog.vocabulary",
    "DoseKind": "app.catalog.vocabulary",
    "Equipment": "app.catalog.model",
    "Exercise": "app.catalog.model",
    "Level": "app.catalog.vocabulary",
    "LoadResult": "app.catalog.loader",
    "Prescription": "app.catalog.model",
    "Source": "app.catalog.model",
    "Step": "app.catalog.model",
    "Variation": "app.catalog.model",
    "default_resources_dir": "app.catalog.loader",
    "load_catalog": "app.catalog.loader",
    "load_catalog_strict": "app.catalog.loader",
}

__all__ = [
    "CATEGORIES",
    "EQUIPMENT",
    "FILTER_GROUPS",
    "LEVELS",
    "ONE_SIDE",
    "Catalog",
    "CatalogError",
    "Category",
    "DoseKind",
    "Equipment",
    "Exercise",
    "Level",
    "LoadResult",
    "Prescription",
    "Source",
    "Step",
    "Variation",
    "default_resources_dir",
    "load_catalog",
    "load_catalog_strict",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'app.catalog' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
