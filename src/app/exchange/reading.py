"""``read_import``: any supported export file to an ``ImportedLog``.

The one promise to callers: for any file at all, the result is an
``ImportedLog`` whose every set passes the log form's checks, or an
``ImportFileError`` whose message names the file (and the line and column
where that helps). Nothing else escapes; the fuzz tests hold us to it.

A file is read in one pass that holds a few workouts at a time
(``ImportStream``): the preview of an import (``import_flow``) counts what a
file holds without keeping it, and the write reads the file again
(``sessions_of``). ``read_import`` keeps every session, for small files and
tests.
"""

from __future__ import annotations

import itertools
import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import tzinfo
from pathlib import Path
from typing import Any, TypeVar

from app.exchange import fitnotes, strong
from app.exchange.detect import READABLE, csv_format
from app.exchange.fitnotes import read_fitnotes
from app.exchange.hamstride_json import LABEL as JSON_LABEL
from app.exchange.hamstride_json import NotOurJson, read_hamstride
from app.exchange.hevy import LABEL as HEVY_LABEL
from app.exchange.hevy import read_hevy
from app.exchange.model import ImportedLog, ImportedSession, ImportFileError, ReadSummary
from app.exchange.strong import read_strong
from app.exchange.table import open_table
from app.exchange.text import TextFile
from app.exchange.values import WEIGHT_UNITS
from app.kernel.i18n import translate


class ImportStream:
    """One pass over an export file. Use it as a context manager.

    Opening checks the file and its kind (so a wrong file fails at once);
    ``sessions()`` then yields its workouts as they are read, and ``log()``
    says what the file held once they all were.
    """

    def __init__(self, path: Path, *, default_unit: str = "kg", tz: tzinfo | None = None) -> None:
        unit = WEIGHT_UNITS.get(default_unit.casefold()) if isinstance(default_unit, str) else None
        if unit is None:
            raise ValueError(f"default_unit must be 'kg' or 'lb', not {default_unit!r}")
        self.path = Path(path)
        self.default_unit, self.tz = unit, tz
        self.summary = ReadSummary()
        self.names: dict[str, None] = {}
        self.session_count = self.set_count = 0
        self._done = False
        self._source = TextFile(self.path)
        try:
            self._sessions = self._open()
        except BaseException:
            self._source.close()
            raise

    def __enter__(self) -> ImportStream:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._source.close()

    def _open(self) -> Iterator[ImportedSession]:
        source, summary = self._source, self.summary
        if source.first_text() in "{[":
            summary.format = summary.family = "hamstride"
            summary.label = translate("hamstride_json", JSON_LABEL)
            summary.names_are_slugs = True
            return read_hamstride(self.path, lambda: TextFile(self.path), source, summary)
        lines = source.lines()
        blank = 0
        for line in lines:
            if line.strip():
                break
            blank += 1
        # The header's line, then the file again from its start for the csv reader
        # (blank lines stand in for those before it: only their count matters).
        header = line.rstrip("\r\n")
        found = csv_format(header)
        if found is None:
            raise ImportFileError(self.path, translate(
                "reading", "is not an export we can read: its first line is not a header we know. "
                "We read exports from: {formats}").format(formats=_readable()), blank + 1)
        kind, delimiter = found
        table = open_table(self.path, itertools.chain(itertools.repeat("\n", blank), [line], lines),
                           delimiter)
        summary.format = kind
        if kind.startswith("strong"):
            summary.family, summary.label = "strong", strong.label_of(kind)
            return read_strong(table, kind, self.default_unit, self.tz, summary)
        if kind == "hevy":
            summary.family, summary.label = "hevy", HEVY_LABEL
            return read_hevy(table, self.tz, summary)
        summary.family, summary.label = "fitnotes", fitnotes.label_of(kind)
        return read_fitnotes(table, kind, self.default_unit, self.tz, summary)

    def sessions(self) -> Iterator[ImportedSession]:
        """Every workout (or further part of one) as it is read, checked."""
        names = self.names
        try:
            for session in self._sessions:
                if not session.continued:
                    self.session_count += 1
                self.set_count += len(session.sets)
                for s in session.sets:
                    if s.exercise not in names:
                        names[s.exercise] = None
                yield session
        except NotOurJson:
            raise ImportFileError(self.path, translate(
                "reading", "is JSON, but not a Hamstride export. We read exports from: {formats}")
                .format(formats=_readable())) from None
        self._source.read_rest()
        self._done = True

    def log(self, sessions: tuple[ImportedSession, ...] = ()) -> ImportedLog:
        """What the file held (after ``sessions()`` has run to the end)."""
        assert self._done, "read the sessions first"
        summary = self.summary
        return ImportedLog(
            path=self.path, format=summary.format, family=summary.family, label=summary.label,
            sessions=sessions, custom_exercises=summary.custom_exercises,
            settings=summary.settings, body_notes=summary.body_notes,
            running=summary.running,
            names_are_slugs=summary.names_are_slugs,
            rows=summary.rows, notes=summary.notes, streamed=not sessions,
            session_count=self.session_count, set_count=self.set_count, names=tuple(self.names),
            digest=self._source.digest.hexdigest(), default_unit=self.default_unit, tz=self.tz)


def read_import(path: Path, *, default_unit: str = "kg", tz: tzinfo | None = None) -> ImportedLog:
    """Read, check and keep every session of an export from Strong, Hevy, FitNotes or Hamstride.

    ``default_unit`` ("kg" or "lb") is the unit of weight columns that do
    not name one (Strong's comma export). ``tz`` is the time zone the file's
    local times are in; None means this machine's. Times come back as
    timezone-aware UTC. Raises ``ImportFileError`` for anything wrong with
    the file; nothing is written anywhere.
    """
    with ImportStream(path, default_unit=default_unit, tz=tz) as stream:
        merged: dict[str, ImportedSession] = {}
        for session in stream.sessions():
            before = merged.get(session.key)
            if before is None:
                merged[session.key] = replace(session, continued=False)
            else:  # a further part of a workout the file scatters: one session again
                merged[session.key] = replace(before, title=session.title,
                                              sets=before.sets + session.sets)
        log = stream.log(tuple(merged.values()))
    return replace(log, streamed=False)


def sessions_of(log: ImportedLog,
                read: Callable[[ImportedLog], None] | None = None) -> Iterator[ImportedSession]:
    """The sessions of ``log`` to write: kept ones, or read again from its file
    (then ``read`` is given what the file held, once it is all read).

    Reading again raises ``ImportFileError`` when the file is no longer what
    was read the first time (so an import never writes something other than
    what its preview showed)."""
    if not log.streamed:
        yield from log.sessions
        return
    with ImportStream(log.path, default_unit=log.default_unit, tz=log.tz) as stream:
        yield from stream.sessions()
        if read is not None:
            read(stream.log())
        if log.digest is not None and stream.log().digest != log.digest:
            raise ImportFileError(log.path, translate(
                "reading", "changed after it was read: import it again"))


T = TypeVar("T")


def prefetched(items: Iterator[T], depth: int = 2) -> Iterator[T]:
    """``items``, produced by a thread of their own up to ``depth`` ahead.

    The write of an import reads the file while SQLite inserts the batch
    before (SQLite lets go of the interpreter while it works): a million
    rows took 57 s read and written in turn. An error of the reading is
    raised here, where the items are taken; stopping early stops the thread.
    """
    handoff: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(message: tuple[str, Any]) -> bool:
        while not stop.is_set():
            try:
                handoff.put(message, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put(("item", item)):
                    return
            put(("end", None))
        except BaseException as exc:  # handed to the taker, raised there
            put(("error", exc))
        finally:
            close = getattr(items, "close", None)
            if close is not None:
                close()

    worker = threading.Thread(target=produce, name="import-reader", daemon=True)
    worker.start()
    try:
        while True:
            kind, value = handoff.get()
            if kind == "end":
                return
            if kind == "error":
                raise value
            yield value
    finally:
        stop.set()
        worker.join()


def _readable() -> str:
    return "; ".join(translate("detect", kind) for kind in READABLE)
