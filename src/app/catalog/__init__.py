"""The exercise catalog: exercises and their sources, kept as TOML data files.

Pure Python (stdlib only): no Qt and no database here, so loading is cheap
and can run in tests and CI on its own.

    result = load_catalog(resources_dir)
    result.catalog.get("nordic-hamstring-curl")
    result.problems   # one message per damaged file (those files are skipped)
"""

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

__all__ = [
    "CATEGORIES",
    "EQUIPMENT",
    "FILTER_GROUPS",
    "LEVELS",
    "ONE_SIDE",
    "Catalog",
    "CatalogError",
    "Equipment",
    "Exercise",
    "LoadResult",
    "Prescription",
    "Source",
    "Step",
    "Variation",
    "default_resources_dir",
    "load_catalog",
    "load_catalog_strict",
]
