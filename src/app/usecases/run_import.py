"""Runs from the athlete's files into the log (issue 18): `hamstride runs
import` and the window's run import share this.

Every path is read piece by piece (a file; a Strava export's activity
files and its typed-in runs; every run file of a folder), all pieces before
any is written, so that the week's longest run can be told from the whole
import. Then each piece is written in its own unit of work: all of it or
nothing (a refused piece writes nothing, the others are still imported). A
run already in the log, whatever file it came from, is not added again
(``same_run`` of app.storage.running, the rule ``Store.add_runs`` keeps); a
guess never replaces a tag, as a stored run is never touched. A dry run
reads the log and writes nothing.

The original files are not copied anywhere: only the runs' RunEntry fields
are kept.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from app.exchange.runs import RunFile, RunFileRefused, longest_of_week, run_pieces
from app.logbook.runs import RunEntry, RunRecord
from app.storage.running import RUN_SAME_START_S, same_run

if TYPE_CHECKING:
    from app.storage.store import Store

Progress = Callable[[int, int], None]  # (pieces done, pieces in all)


@dataclass(frozen=True)
class RunPieceReport:
    """What became of one file (or piece of an export). ``added``: the runs
    added, or that a dry run would add; ``already``: those the log (or an
    earlier piece of the same import) has; ``skipped``: activities that are
    not runs; ``refused``: the line saying why nothing was taken from it."""

    shown: str
    added: tuple[RunEntry, ...] = ()
    already: tuple[RunEntry, ...] = ()
    skipped: int = 0
    refused: str | None = None
    records: tuple[RunRecord, ...] = ()  # the stored runs (none in a dry run)


@dataclass(frozen=True)
class RunImportReport:
    pieces: tuple[RunPieceReport, ...]
    dry_run: bool

    @property
    def added(self) -> int:
        return sum(len(piece.added) for piece in self.pieces)

    @property
    def already(self) -> int:
        return sum(len(piece.already) for piece in self.pieces)

    @property
    def skipped(self) -> int:
        return sum(piece.skipped for piece in self.pieces)

    @property
    def refused(self) -> tuple[str, ...]:
        return tuple(piece.refused for piece in self.pieces if piece.refused is not None)

    @property
    def records(self) -> tuple[RunRecord, ...]:
        return tuple(record for piece in self.pieces for record in piece.records)


def import_runs(paths: Sequence[Path], store: Store, *, dry_run: bool,
                progress: Progress | None = None, distance_unit: str = "km",
                tz: tzinfo | None = None) -> RunImportReport:
    """Import the runs of ``paths`` (files, folders, Strava exports).
    ``progress(done, total)`` is called as pieces are read and written
    (a piece counts once read and once written: total is twice the pieces).
    ``distance_unit`` ("km" or "mi"): a Garmin CSV's distance unit when it
    does not say; ``tz``: the zone of a Garmin CSV's local times (None: the
    machine's)."""
    pieces = [piece for path in paths
              for piece in run_pieces(path, distance_unit=distance_unit, tz=tz)]
    total = 2 * len(pieces)
    tell = progress or (lambda done, all_: None)
    tell(0, total)
    now = store.db.now()
    read: list[RunFile | RunFileRefused] = []
    for done, piece in enumerate(pieces, start=1):
        try:
            found = piece.read()
            found.check(now)
        except RunFileRefused as refused:
            read.append(refused)
        else:
            read.append(found)
        tell(done, total)
    new_of, already_of = _split_known(read, store)
    guessed = _with_long_runs(new_of, store, tz)
    reports = []
    for index, (piece, outcome) in enumerate(zip(pieces, read, strict=True)):
        if isinstance(outcome, RunFileRefused):
            reports.append(RunPieceReport(piece.shown, refused=str(outcome)))
        elif dry_run:
            reports.append(RunPieceReport(outcome.name, guessed[index], already_of[index],
                                          outcome.skipped))
        else:
            reports.append(_write(store, outcome, guessed[index], already_of[index]))
        tell(len(pieces) + index + 1, total)
    return RunImportReport(tuple(reports), dry_run)


def _write(store: Store, found: RunFile, new: tuple[RunEntry, ...],
           known: tuple[RunEntry, ...]) -> RunPieceReport:
    from app.logbook.runs import RunRefusal

    try:
        # One unit of work per piece; add_runs decides again what is new
        # (another Hamstride may have written since the log was read).
        result = store.add_runs(new)
    except RunRefusal as refusal:  # checked when read; the clock may have moved since
        return RunPieceReport(found.name, refused=str(RunFileRefused(
            found.path, str(refusal), shown=found.shown)))
    return RunPieceReport(found.name, tuple(record.entry for record in result.added),
                          known + tuple(result.already), found.skipped, None,
                          tuple(result.added))


def _split_known(read: Sequence[RunFile | RunFileRefused], store: Store
                 ) -> tuple[list[tuple[RunEntry, ...]], list[tuple[RunEntry, ...]]]:
    """Each piece's runs split into new ones and those the log has, or an
    earlier piece of this import has (the same run in two files)."""
    entries = [entry for found in read if isinstance(found, RunFile) for entry in found.entries]
    starts: list[datetime] = []
    if entries:
        margin = timedelta(seconds=RUN_SAME_START_S + 1)
        low = min(entry.started_at for entry in entries) - margin
        high = max(entry.started_at for entry in entries) + margin
        starts = sorted(record.started_at for record in store.reader.runs_between(low, high))
    new_of: list[tuple[RunEntry, ...]] = []
    already_of: list[tuple[RunEntry, ...]] = []
    for found in read:
        new: list[RunEntry] = []
        known: list[RunEntry] = []
        for entry in found.entries if isinstance(found, RunFile) else ():
            if _has_same(starts, entry.started_at):
                known.append(entry)
            else:
                insort(starts, entry.started_at)
                new.append(entry)
        new_of.append(tuple(new))
        already_of.append(tuple(known))
    return new_of, already_of


def _has_same(starts: list[datetime], start: datetime) -> bool:
    i = bisect_left(starts, start)
    return any(same_run(starts[j], start) for j in (i - 1, i) if 0 <= j < len(starts))


def _with_long_runs(new_of: list[tuple[RunEntry, ...]], store: Store, tz: tzinfo | None
                    ) -> list[tuple[RunEntry, ...]]:
    """The new runs with the week's longest guessed long, each week counted
    with the runs the log has (app.exchange.runs.tags.longest_of_week)."""
    new = [entry for entries in new_of for entry in entries]
    if not new:
        return new_of
    week = timedelta(days=8)  # a week either side covers any local Monday-to-Sunday
    stored = [record.entry for record in store.reader.runs_between(
        min(entry.started_at for entry in new) - week, max(entry.started_at for entry in new) + week)]
    tagged = iter(longest_of_week(new, stored, tz))
    return [tuple(next(tagged) for _ in entries) for entries in new_of]
