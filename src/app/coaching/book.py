"""Every program the athlete can follow: the built-in ones and their own.

Built-in programs are read from resources/programs once; the athlete's own
come from the log (JSON checked by the same loader) each time it changes. A
damaged file or stored program is left out and reported, never fatal: the
app must start with whatever can be read.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.coaching.model import Program

if TYPE_CHECKING:
    from app.catalog.model import Catalog


class ProgramBook:
    def __init__(self, catalog: Catalog, programs_dir: Path | None = None) -> None:
        self._catalog = catalog
        self._programs_dir = programs_dir
        self._built_in: list[Program] | None = None
        self._own: list[Program] = []
        self._built_in_problems: list[str] = []
        self._own_problems: list[str] = []

    @property
    def catalog(self) -> Catalog:
        return self._catalog

    def built_in(self) -> list[Program]:
        if self._built_in is None:
            from app.coaching.loader import load_programs
            from app.kernel.resources import resources_dir

            folder = self._programs_dir or resources_dir() / "programs"
            result = load_programs(folder, self._catalog)
            self._built_in = list(result.programs)
            self._built_in_problems = [str(p) for p in result.problems]
        return self._built_in

    def set_own(self, stored: Iterable[tuple[str, str, dict[str, Any]]],
                custom_slugs: Iterable[str] = ()) -> None:
        """The athlete's own programs from ``LogReader.user_programs()``."""
        from app.coaching.loader import load_user_programs

        built_in = self.built_in()
        result = load_user_programs(stored, self._catalog, custom_slugs,
                                    taken=(p.slug for p in built_in))
        self._own = [dataclasses.replace(p, custom=True) for p in result.programs]
        self._own_problems = list(result.problems)

    def own(self) -> list[Program]:
        return list(self._own)

    @property
    def problems(self) -> list[str]:
        """Programs left out, and why: damaged files, own programs that no longer check out."""
        return self._built_in_problems + self._own_problems

    def all(self) -> list[Program]:
        return self.built_in() + self._own

    def get(self, slug: str) -> Program | None:
        return next((p for p in self.all() if p.slug == slug), None)
