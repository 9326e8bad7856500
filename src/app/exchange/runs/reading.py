"""From a path to runs: one run file (read_runs), or the pieces of a folder
or a Strava export (run_pieces), each read on its own so that one bad file
refuses itself and nothing else.

The kind of a file is its name's: .fit, .gpx, .tcx, each also .gz, and .csv
(Garmin Connect's list of activities). A file whose bytes are not what its
name says is refused by its reader, with where it stopped.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path

from app.exchange.runs.model import MAX_RUN_FILE_BYTES, PlaceOf, RunFile, RunFileRefused, Source
from app.kernel.i18n import translate
from app.logbook.runs import RunEntry

RUN_SUFFIXES = (".fit", ".gpx", ".tcx")
CSV_SUFFIX = ".csv"


@dataclass(frozen=True)
class RunPiece:
    """A file (or a part of an export) to read: ``read()`` returns its runs
    or raises RunFileRefused. ``shown`` is the name the report uses."""

    path: Path
    shown: str
    read: Callable[[], RunFile]


def kind_of(name: str) -> str | None:
    """".fit", ".gpx", ".tcx" or ".csv" for a file name (a .gz by the name
    inside it), None for another kind."""
    lowered = name.lower()
    if lowered.endswith(".gz"):
        lowered = lowered[:-3]
        return next((s for s in RUN_SUFFIXES if lowered.endswith(s)), None)
    return next((s for s in (*RUN_SUFFIXES, CSV_SUFFIX) if lowered.endswith(s)), None)


def read_runs(path: Path, *, distance_unit: str = "km", tz: tzinfo | None = None) -> RunFile:
    """The runs of one run file. Raises RunFileRefused (naming the file and
    where) for a file that cannot be read, is not what its name says, holds
    a value that cannot be true, or holds no run."""
    source = Source(path)
    if kind_of(path.name) is None:
        raise source.refuse(translate(
            "runs", "is not a run file Hamstride reads (.fit, .gpx, .tcx, each also .gz, "
                    "Garmin Connect's .csv, or a Strava export's folder or .zip)"))
    try:
        if path.stat().st_size > MAX_RUN_FILE_BYTES:
            raise source.refuse(translate("runs", "is too large to be a run file"))
        data = path.read_bytes()
    except FileNotFoundError:
        raise source.refuse(translate("runs", "does not exist")) from None
    except IsADirectoryError:
        raise source.refuse(translate("runs", "is a folder")) from None
    except OSError as exc:
        raise source.refuse(exc.strerror or translate("runs", "cannot be read")) from None
    return read_data(data, source, distance_unit=distance_unit, tz=tz)


def read_data(data: bytes, source: Source, title: str = "", *, distance_unit: str = "km",
              tz: tzinfo | None = None) -> RunFile:
    """The runs of a file's bytes; its kind from ``source``'s name."""
    kind = kind_of(source.name)
    if kind is None:
        raise source.refuse(translate("runs", "is not a run file Hamstride reads"))
    if source.name.lower().endswith(".gz"):
        data = _gunzip(data, source)
    skipped = 0
    found: list[tuple[RunEntry, PlaceOf]]
    if kind == ".fit":
        from app.exchange.runs.fit import read_fit

        found = read_fit(data, source, title)
    elif kind == ".gpx":
        from app.exchange.runs.gpx import read_gpx

        found = read_gpx(data, source, title)
    elif kind == ".tcx":
        from app.exchange.runs.tcx import read_tcx

        found = read_tcx(data, source, title)
    else:
        from app.exchange.runs.garmin_csv import read_garmin_csv

        found, skipped = read_garmin_csv(data, source, distance_unit=distance_unit, tz=tz)
        if not found:
            raise source.refuse(translate("runs", "holds no runs: its activities are other "
                                                  "sports"), line=1)
    return RunFile(source.path, tuple(entry for entry, _ in found), skipped, source.shown,
                   tuple(place for _, place in found))


def _gunzip(data: bytes, source: Source) -> bytes:
    if not data.startswith(b"\x1f\x8b"):
        raise source.refuse(translate("runs", "is not gzip-compressed (its name ends in .gz)"),
                            byte=0)
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as unpacking:
            out = unpacking.read(MAX_RUN_FILE_BYTES + 1)
    except (OSError, EOFError, zlib.error):
        raise source.refuse(translate("runs", "cannot be unpacked: the .gz file is damaged or "
                                              "cut short")) from None
    if len(out) > MAX_RUN_FILE_BYTES:
        raise source.refuse(translate("runs", "is too large to be a run file"))
    return out


def run_pieces(path: Path, *, distance_unit: str = "km", tz: tzinfo | None = None
               ) -> list[RunPiece]:
    """What importing ``path`` reads, piece by piece: a file is one piece; a
    Strava export (a folder holding activities.csv, or a .zip) is one piece
    per activity file plus its typed-in runs; another folder is every run
    file in it and its subfolders, by name."""
    from app.exchange.runs.strava import is_strava_export, strava_pieces

    def one(file: Path) -> RunPiece:
        return RunPiece(file, file.name,
                        lambda: read_runs(file, distance_unit=distance_unit, tz=tz))

    if is_strava_export(path):
        def read_member(data: bytes, source: Source, title: str) -> RunFile:
            return read_data(data, source, title, distance_unit=distance_unit, tz=tz)

        return [RunPiece(path, piece.shown, piece.read)
                for piece in strava_pieces(path, read_member, distance_unit=distance_unit)]
    if path.is_dir():
        try:
            files = sorted(p for p in path.rglob("*") if p.is_file() and kind_of(p.name))
        except OSError as exc:
            refused = Source(path).refuse(exc.strerror or translate("runs", "cannot be read"))
            return [RunPiece(path, path.name, _raising(refused))]
        if not files:
            refused = Source(path).refuse(translate("runs", "holds no run files (.fit, .gpx, "
                                                            ".tcx, .csv)"))
            return [RunPiece(path, path.name, _raising(refused))]
        return [one(file) for file in files]
    return [one(path)]


def _raising(refused: RunFileRefused) -> Callable[[], RunFile]:
    def read() -> RunFile:
        raise refused
    return read
