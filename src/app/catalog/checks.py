"""The catalog's checks: the kernel's validation toolkit raising CatalogError.

Apart from the loader so the guide (``app.catalog.guide``) checks its page
with the same words, and the loader stays a reader of files.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from app.catalog.model import Source
from app.kernel.i18n import QT_TRANSLATE_NOOP
from app.kernel.validation import Checker, Invalid, KeyPath, describe, show

SOURCES_FILE = "sources.toml"


class CatalogError(Invalid):
    """A problem in one catalog file.

    ``path`` is the file as shown to people (relative to the parent of the
    resources dir, e.g. ``resources/exercises/foo.toml``); ``key`` is the
    dotted key path, or None when the problem is not about one key (a TOML
    syntax error, an unreadable file); ``line`` is set for syntax errors.
    As an ``Invalid`` it also has ``at`` (the key as a KeyPath), ``message``
    (= ``detail``) and ``source`` (= ``path``).
    """

    def __init__(self, path: str, key: str | KeyPath | None, detail: str,
                 line: int | None = None) -> None:
        self.path = path
        self.key = str(key) if key else None
        self.detail = detail
        self.line = line
        at = key if isinstance(key, KeyPath) else KeyPath(*([key] if key else []))
        super().__init__(at, detail, path)

    def text(self) -> str:
        # The catalog's own shape, which its checks and people grep for.
        where = f"{self.path}: key '{self.key}'" if self.key else self.path
        return f"{where}: {self.detail}"


class CatalogChecker(Checker):
    """The toolkit's checks, raising CatalogError naming one file, plus the
    catalog's own: lists of texts and of words, and source ids."""

    # The catalog has always said "integer" where the programs say "whole number".
    NOT_INTEGER: ClassVar[str] = QT_TRANSLATE_NOOP("Checker", "expected an integer, got {value}")
    INTEGER_RANGE: ClassVar[str] = QT_TRANSLATE_NOOP(
        "Checker", "expected an integer from {low} to {high}, got {value}")

    def __init__(self, shown: str) -> None:
        super().__init__(shown)
        self.shown = shown

    def error(self, at: KeyPath, message: str) -> CatalogError:
        return CatalogError(self.shown, at or None, message)

    def text_list(self, value: Any, at: KeyPath, count: tuple[int, int],
                  max_len: int) -> tuple[str, ...]:
        return self.list_of(value, at, lambda v, a: self.text(v, a, max_len), count=count,
                            unique=True)

    def choice_list(self, value: Any, at: KeyPath, choices: tuple[str, ...]) -> tuple[str, ...]:
        if not self.array(value, at):
            self.fail(at, "must not be empty")
        return self.list_of(value, at, lambda v, a: self.choice(v, a, choices), unique=True)

    def source_ids(self, value: Any, at: KeyPath,
                   sources: Mapping[str, Source]) -> tuple[str, ...]:
        """A list of known source ids; a single string stands for a one-item list."""
        single = isinstance(value, str)
        items = [value] if single else self.array(value, at)
        if not items:
            self.fail(at, "must name at least one source id")
        out = []
        for i, item in enumerate(items, 1):
            item_at = at if single else at / i
            if not isinstance(item, str):
                self.fail(item_at, f"expected a source id string, got {describe(item)}")
            if item not in sources:
                self.fail(item_at, f"unknown source id {show(item)} (not in {SOURCES_FILE})")
            out.append(item)
        result = tuple(out)
        self.unique(result, at)
        return result
