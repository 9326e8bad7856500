"""What the whole app shares for one run of the window: built once at start
(app.ui.shell.application builds it, the main window hands it to its pages
and controllers) instead of each part reaching for its own.

Qt-free, and cheap to build: the window is shown before anything here is
read. The exercise library and the programs (~80 ms of TOML) are loaded the
first time something asks, once for the whole run: the Library, Today, the
session builder and every session share them. They may be asked for from
the database loader's worker thread (warming the first screen) while a page
asks on the UI thread, hence the lock.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.kernel.clock import Clock
from app.kernel.paths import AppPaths

if TYPE_CHECKING:
    from app.catalog.loader import LoadResult
    from app.catalog.model import Catalog
    from app.coaching.book import ProgramBook
    from app.logbook.settings import Settings
    from app.storage.queries import LogReader


@dataclass(eq=False)
class AppContext:
    paths: AppPaths
    clock: Clock
    # A faster clock for sessions, for demonstrations and end-to-end tests
    # (HAMSTRIDE_TIME_SCALE); None: sessions run on ``clock``.
    scaled_clock: Clock | None = None
    # The log, open for reading (None until the database loader opens it, and
    # while a damaged log is swapped for a new one).
    reader: LogReader | None = None
    log_read_only: bool = False  # the log can be read but not written
    _catalog: LoadResult | None = field(default=None, init=False, repr=False)
    _program_book: ProgramBook | None = field(default=None, init=False, repr=False)
    _loads: threading.RLock = field(default_factory=threading.RLock, init=False, repr=False)

    @property
    def session_clock(self) -> Clock:
        """The clock sessions run on."""
        return self.scaled_clock if self.scaled_clock is not None else self.clock

    def catalog_result(self) -> LoadResult:
        """The exercise library with what could not be read (the Library says
        so), loaded the first time it is asked for."""
        with self._loads:
            if self._catalog is None:
                from app.catalog import load_catalog
                from app.kernel.resources import resources_dir

                self._catalog = load_catalog(resources_dir())
            return self._catalog

    def catalog(self) -> Catalog:
        """The exercise library (loaded on first use)."""
        return self.catalog_result().catalog

    def program_book(self) -> ProgramBook:
        """Every program (built in and the athlete's own), loaded on first use."""
        with self._loads:
            if self._program_book is None:
                from app.coaching.book import ProgramBook

                self._program_book = ProgramBook(self.catalog())
            return self._program_book

    def settings(self) -> Settings:
        """The athlete's settings as the log holds them (the defaults while
        no log is open)."""
        from app.logbook.settings import Settings, load_settings

        return load_settings(self.reader.get_setting) if self.reader is not None else Settings()
