"""`hamstride history`, `hamstride export` and `hamstride backup`: the log
read back as text or JSON, written whole to a file, or copied aside."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.common import EXIT_OK, UserError, counted, open_log, print_json, write_lock

if TYPE_CHECKING:
    from app.kernel.paths import AppPaths
    from app.logbook.entries import LoggedSetRecord, SessionRecord


def run_history(args: argparse.Namespace, paths: AppPaths) -> int:
    from app.usecases.export import export_data

    reader = open_log(paths, only_reads=True)
    try:
        if args.json:
            data = export_data(reader)
            sessions = data["sessions"][::-1]  # newest first, like the text view
            print_json(sessions[: args.limit] if args.limit else sessions)
            return EXIT_OK
        records = reader.list_sessions(limit=args.limit)
        if not records:
            print("No sessions logged yet. Sets you log in the window appear here.")
        for record in records:
            _print_session(record, reader.sets_of_session(record.id))
    finally:
        reader.close()
    return EXIT_OK


def _print_session(record: SessionRecord, sets: list[LoggedSetRecord]) -> None:
    from app.logbook.formatting import describe_set, session_heading

    # The id first: what `export --format fit --session ID` takes.
    print(f"#{record.id} · {session_heading(record)}")
    for s in sets:
        print(f"  {describe_set(s)}")
    print()


def run_export(args: argparse.Namespace, paths: AppPaths) -> int:
    from app.kernel.atomic import check_target
    from app.usecases.export import export_csv, export_json

    output: Path = args.output
    # FIT holds one activity: it needs the session, which the whole-log formats refuse.
    if args.format == "fit" and args.session is None:
        raise UserError("--format fit needs --session ID")
    if args.format != "fit" and args.session is not None:
        raise UserError(f"--session is for --format fit only; {args.format} exports the whole log")
    try:  # a folder, device or pipe is refused before the log is read (issue 15 point 9)
        check_target(output)
    except OSError as exc:  # also a name too long for the file system
        raise UserError(f"cannot write {output}: {exc.strerror or exc}") from exc
    if not output.parent.is_dir():
        raise UserError(f"the folder {output.parent} does not exist")
    if args.format == "fit":
        return _export_fit(args.session, output, paths)
    reader = open_log(paths, only_reads=True)
    try:
        writer = export_csv if args.format == "csv" else export_json
        try:
            count = writer(reader, output)
        except OSError as exc:
            raise UserError(f"cannot write {output}: {exc.strerror or exc}") from exc
    finally:
        reader.close()
    print(f"Exported {counted(count, 'set')} to {output}")
    return EXIT_OK


def _export_fit(session_id: int, output: Path, paths: AppPaths) -> int:
    from app.usecases.fit_export import UnknownSessionError, export_session_fit

    reader = open_log(paths, only_reads=True)
    try:
        count = export_session_fit(reader, session_id, output)
    except UnknownSessionError as exc:
        raise UserError(f"no session has the id {session_id}") from exc
    except OSError as exc:
        raise UserError(f"cannot write {output}: {exc.strerror or exc}") from exc
    finally:
        reader.close()
    print(f"Exported session {session_id} ({counted(count, 'set')}) as FIT to {output}")
    return EXIT_OK


def run_backup(args: argparse.Namespace, paths: AppPaths) -> int:
    from app.kernel.clock import SystemClock
    from app.storage.backup import BackupKind, backup_file

    open_log(paths).close()  # the same checks as any start: never back up a damaged file
    try:
        # Under the write lock: two backups at once would pick one name.
        with write_lock(paths):
            path = backup_file(paths.database, paths.backups_dir, SystemClock().now(),
                               BackupKind.MANUAL)
    except OSError as exc:
        from app.storage.errors import explain

        reason = explain(exc, paths.backups_dir) or exc.strerror or type(exc).__name__
        raise UserError(f"cannot write the backup in {paths.backups_dir}: {reason}") from exc
    print(f"Backup written to {path}")
    return EXIT_OK
