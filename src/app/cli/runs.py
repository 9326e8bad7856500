"""`hamstride runs`: the runs in the log, read from the athlete's files
(`runs import`), and their tags (`runs tag`).

    hamstride runs [--json] [--limit N]
    hamstride runs import PATH... [--dry-run] [--unit km|mi]
    hamstride runs tag ID TAG

A folder's import says how far it is on stderr; each file refused is one
line on stderr naming the file and where (nothing is taken from that file,
the others are imported), and the exit status is then 1.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.common import (
    EXIT_FAILURE,
    EXIT_OK,
    UserError,
    counted,
    open_log,
    print_json,
    write_lock,
)

if TYPE_CHECKING:
    from app.kernel.paths import AppPaths
    from app.logbook.runs import RunEntry, RunRecord
    from app.storage.queries import LogReader
    from app.usecases.run_import import RunImportReport


# What `runs tag` takes: the tags, and the words the issue uses for a quality run.
TAG_WORDS = {"easy": "easy", "long": "long", "quality": "quality", "tempo": "quality",
             "intervals": "quality", "race": "race", "unknown": "unknown"}


def add_runs_parser(commands: argparse._SubParsersAction[Any],
                    positive_int: Callable[[str], int]) -> None:
    """The `runs` command's options (app.cli.main's parser calls this)."""
    runs = commands.add_parser(
        "runs", help="list the runs in the log; import them from FIT, GPX, TCX, Garmin "
                     "Connect or Strava files; tag them",
        description="Without a subcommand: the runs in the log, newest first (start in local "
                    "time, distance, time, pace, average heart rate, tag; a guessed tag says "
                    "so).")
    runs.add_argument("--json", action="store_true", help="print as JSON")
    runs.add_argument("--limit", type=positive_int, metavar="N",
                      help="only the N most recent runs")
    what = runs.add_subparsers(dest="runs_command", metavar="SUBCOMMAND")
    importing = what.add_parser(
        "import", help="add the runs of files, folders or a Strava export",
        description="Add the runs of run files to the log: .fit, .gpx, .tcx (each also .gz), "
                    "Garmin Connect's activities .csv, a Strava bulk export (its folder or "
                    ".zip), or a folder of such files (its subfolders too). Each file is "
                    "imported whole or not at all: a file that cannot be read, or holds a run "
                    "in the future or of more than 48 hours, is refused with a line naming it "
                    "and where, and the other files are still imported. A run already in the "
                    "log, from whatever file, is not added again. The tag (easy, long, "
                    "quality, race) is guessed from the title or file name, the pace's "
                    "variation and the length; change it with 'hamstride runs tag'. The files "
                    "themselves are not copied.")
    importing.add_argument("paths", metavar="PATH", nargs="+", type=Path)
    importing.add_argument("--dry-run", action="store_true",
                           help="print what would be added and write nothing")
    importing.add_argument("--unit", choices=("km", "mi"),
                           help="the distance unit of a Garmin Connect CSV whose header does "
                                "not say (default: your units setting: kg -> km, lb -> mi)")
    tagging = what.add_parser("tag", help="set a run's tag (your tag is never replaced by a "
                                          "guess)")
    tagging.add_argument("run_id", metavar="ID", type=positive_int,
                         help="the run's number, as 'hamstride runs' shows it")
    tagging.add_argument("tag", metavar="TAG", choices=sorted(TAG_WORDS),
                         help="easy, long, quality (or tempo, intervals), race or unknown")


def run_runs(args: argparse.Namespace, paths: AppPaths) -> int:
    command = getattr(args, "runs_command", None)
    if command == "import":
        # A real import holds the write lock from reading the log to writing
        # it: another import at the same time would find the same runs new.
        if args.dry_run:
            return _import(args, paths)
        with write_lock(paths):
            return _import(args, paths)
    if command == "tag":
        return _tag(args, paths)
    return _list(args, paths)


def _units(reader: LogReader) -> str:
    """The distance unit of the athlete's units setting: kg -> km, lb -> mi."""
    return "mi" if reader.get_setting("units", "kg") == "lb" else "km"


def _list(args: argparse.Namespace, paths: AppPaths) -> int:
    reader = open_log(paths, only_reads=True)
    try:
        records = reader.list_runs(limit=args.limit)
        unit = _units(reader)
    finally:
        reader.close()
    if args.json:
        print_json([run_json(record) for record in records])
        return EXIT_OK
    if not records:
        print("No runs in the log yet. Add them with 'hamstride runs import PATH'.")
    for record in records:
        print(f"#{record.id:<5} {describe_run(record.entry, unit)}")
    return EXIT_OK


def run_json(record: RunRecord) -> dict[str, object]:
    entry = record.entry
    return {"id": record.id, "started_at": entry.started_at.isoformat(),
            "local_start": entry.started_at.astimezone().isoformat(),
            "duration_s": entry.duration_s, "sport": entry.sport.value,
            "distance_m": entry.distance_m, "elevation_gain_m": entry.elevation_gain_m,
            "average_heart_rate": entry.average_heart_rate, "tag": entry.tag.value,
            "tag_guessed": entry.tag_guessed, "source": entry.source, "title": entry.title}


def _clock(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def describe_run(entry: RunEntry, unit: str = "km") -> str:
    """One line: local start, distance, time, pace, heart rate, tag, title."""
    local = entry.started_at.astimezone()
    parts = [local.strftime("%a %Y-%m-%d %H:%M")]
    from app.logbook.runs import METERS_PER_KM, METERS_PER_MILE

    per = METERS_PER_MILE if unit == "mi" else METERS_PER_KM
    if entry.distance_m:
        parts.append(f"{entry.distance_m / per:.2f} {unit}")
    else:
        parts.append("distance not recorded")
    parts.append(_clock(entry.duration_s))
    if entry.distance_m:
        pace = entry.duration_s / (entry.distance_m / per)
        parts.append(f"{int(pace // 60)}:{int(pace % 60):02d} /{unit}")
    if entry.average_heart_rate is not None:
        parts.append(f"{entry.average_heart_rate} bpm")
    parts.append(entry.tag.value + (" (guessed)" if entry.tag_guessed else ""))
    if entry.sport.value != "run":
        parts.append(entry.sport.value.replace("_", " "))
    line = "  ".join(parts)
    return f"{line}  {entry.title}" if entry.title else line


class _Progress:
    """How far a folder's import is, on stderr: one line rewritten on a
    terminal, else a line at each tenth (a log file stays short). A
    percentage: each file counts once read and once written."""

    def __init__(self) -> None:
        self.terminal = sys.stderr.isatty()
        self.said = -1

    def __call__(self, done: int, total: int) -> None:
        if total <= 2:  # one file: nothing to follow
            return
        if self.terminal:
            end = "\n" if done == total else ""
            print(f"\rhamstride: importing runs {done * 100 // total}%", end=end,
                  file=sys.stderr, flush=True)
            return
        tenth = done * 10 // total
        if tenth != self.said:
            self.said = tenth
            print(f"hamstride: importing runs {tenth * 10}%", file=sys.stderr, flush=True)


def _import(args: argparse.Namespace, paths: AppPaths) -> int:
    from app.kernel.clock import SystemClock
    from app.storage.store import Store
    from app.usecases.run_import import import_runs

    reader = open_log(paths, for_writing=not args.dry_run, lock_held=not args.dry_run)
    try:
        unit = args.unit or _units(reader)
    finally:
        reader.close()
    store = Store(paths.database, paths.backups_dir, SystemClock(), paths.pictures_dir)
    try:
        report = import_runs(args.paths, store, dry_run=args.dry_run, progress=_Progress(),
                             distance_unit=unit)
    except OSError as exc:
        raise UserError(f"nothing more was imported: {exc.strerror or exc}") from exc
    finally:
        store.close()
    return _say(report, unit)


def _say(report: RunImportReport, unit: str) -> int:
    for line in report.refused:
        print(f"hamstride: {line} (nothing imported from it)", file=sys.stderr)
    would = report.dry_run
    if would:
        for piece in report.pieces:
            for entry in piece.added:
                print(f"would add: {describe_run(entry, unit)}")
    parts = [f"{'Would add' if would else 'Added'} {counted(report.added, 'run')}"]
    if report.already:
        parts.append(f"{counted(report.already, 'run')} already in the log")
    if report.skipped:
        parts.append(f"skipped {counted(report.skipped, 'activity', 'activities')} that "
                     f"{'is' if report.skipped == 1 else 'are'} not a run")
    if report.refused:
        parts.append(f"{counted(len(report.refused), 'file')} refused")
    print("; ".join(parts) + ".")
    if would:
        print("Dry run: nothing was written.")
    return EXIT_FAILURE if report.refused else EXIT_OK


def _tag(args: argparse.Namespace, paths: AppPaths) -> int:
    from app.kernel.clock import SystemClock
    from app.logbook.runs import RunTag
    from app.storage.store import Store

    with write_lock(paths):
        reader = open_log(paths, for_writing=True, lock_held=True)
        try:
            unit = _units(reader)
        finally:
            reader.close()
        store = Store(paths.database, paths.backups_dir, SystemClock(), paths.pictures_dir)
        try:
            record = store.set_run_tag(args.run_id, RunTag(TAG_WORDS[args.tag]))
        except LookupError as exc:
            raise UserError(f"runs tag: {exc.args[0] if exc.args else exc}") from exc
        finally:
            store.close()
    print(f"#{record.id:<5} {describe_run(record.entry, unit)}")
    return EXIT_OK
