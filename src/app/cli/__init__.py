"""The `hamstride` command: the window by default, subcommands without a display.

Start-up speed matters here: this module imports neither Qt nor SQLAlchemy
at the top. The GUI path shows its window first and opens the database
right after; the subcommands import only what they use.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from app import APP_NAME, __version__
from app.kernel.paths import AppPaths, DataDirError, prepare_dirs, resolve_paths

if TYPE_CHECKING:
    from app.catalog.model import Catalog
    from app.coaching.book import ProgramBook
    from app.coaching.model import ExerciseDose, Program, ProgramDay, ProgramWeek
    from app.coaching.planning import Target
    from app.coaching.schedule import Adherence, StripDay
    from app.logbook.custom_exercises import CustomExercise
    from app.logbook.entries import EnrolmentRecord, LoggedSetRecord, SessionRecord
    from app.session.plan import SessionPlan
    from app.storage.queries import LogReader
    from app.usecases.today import TodayView

log = logging.getLogger(__name__)

TIME_SCALE_ENV = "HAMSTRIDE_TIME_SCALE"  # the name app.session.timing reads too
EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2


class UserError(Exception):
    """A problem the user can fix; printed as one line, never as a traceback."""


@dataclass(frozen=True)
class SessionRequest:
    """What `hamstride session` asks the window to start."""

    plan: SessionPlan
    time_scale: float = 1.0
    keep_tempo: bool = False  # an explicit --tempo wins over the athlete's settings
    # The program session it is (--program/--day), so the logged session records it.
    program_slug: str | None = None
    program_day: int | None = None
    # Whether the command line made the start checks (the 48-hour rule, the
    # readiness check: app.cli.start). It does not when an interrupted
    # session is waiting, which the window offers first: then the window
    # makes them (MainWindow.begin_session), so the plan never starts unchecked.
    checks_done: bool = False
    targets_applied: bool = False  # the plan carries its progression targets already
    # Today as it is for the program followed, when the session is one of its
    # days: the due day comes from it, and starting its due session stores
    # the restart after a layoff it applied (app.usecases.today.store_restart).
    today: TodayView | None = field(default=None, compare=False, repr=False)
    # The programs and the library --program was looked up in: the start
    # checks use them again rather than parse the library's TOML a second time.
    book: ProgramBook | None = field(default=None, compare=False, repr=False)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One clear line instead of argparse's usage block.
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see '{self.prog} --help')\n")


def _window_parser() -> argparse.ArgumentParser:
    """The options the window takes (and every command): no subcommands."""
    parser = _Parser(prog="hamstride",
                     description=f"{APP_NAME}: hamstring training for runners. "
                                 "Without a command, opens the window.")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("--data-dir", metavar="PATH",
                        help="keep the database, backups and logs here "
                             "(default: the platform's user data dir; env HAMSTRIDE_DATA_DIR)")
    return parser


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line, read the way ``build_parser()`` reads it.

    Opening the window is the common start and its options are few: they are
    read first without building every subcommand's parser (a few ms of
    start-up); anything else, help included, goes to the whole parser."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not {"-h", "--help"} & set(args):
        window, rest = _window_parser().parse_known_args(args)
        if not rest:
            window.command = None
            return window
    return build_parser().parse_args(args)


def build_parser() -> argparse.ArgumentParser:
    parser = _window_parser()
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    exercises = commands.add_parser("exercises", help="list the exercise library")
    exercises.add_argument("--json", action="store_true", help="print the whole catalog as JSON")

    history = commands.add_parser("history", help="list logged sessions with their sets")
    history.add_argument("--json", action="store_true", help="print as JSON")
    history.add_argument("--limit", type=_positive_int, metavar="N",
                         help="only the N most recent sessions")

    export = commands.add_parser("export", help="export the whole log to a file")
    export.add_argument("--format", choices=("csv", "json"), required=True)
    export.add_argument("-o", "--output", required=True, metavar="FILE", type=Path)

    commands.add_parser("backup", help="write a backup of the database now")

    importing = commands.add_parser(
        "import", help="add the sessions of an export from Strong, Hevy, FitNotes or Hamstride",
        description="Add the sessions of an export file to the log, in one go: on any error "
                    "nothing is written. The format is recognised from the file's header. "
                    "Sessions already in the log are skipped, so importing a file twice adds "
                    "nothing the second time. Exercise names are matched to the library; the "
                    "rest become custom exercises. A backup is written first.")
    importing.add_argument("file", metavar="FILE", type=Path)
    importing.add_argument("--dry-run", action="store_true",
                           help="print what would be added and write nothing")
    importing.add_argument("--unit", choices=("kg", "lb"),
                           help="the unit of weight columns that do not say theirs "
                                "(Strong's comma export); default: your units setting")

    programs = commands.add_parser("programs", help="list the training programs, week by week")
    programs.add_argument("--json", action="store_true",
                          help="print every program's whole structure as JSON")

    today = commands.add_parser("today", help="the program you follow: the session due, "
                                              "this week and how it is going")
    today.add_argument("--json", action="store_true", help="print as JSON")

    session = commands.add_parser(
        "session", help="open the window straight into a session of one or more exercises, "
                        "or a program's session",
        description="Open the window straight into a session, after the checks every start "
                    "makes: the progression targets, the 48-hour rule and the readiness check "
                    "(asked on the terminal, or given with --readiness; without either the "
                    "session is refused, exit status 2). HAMSTRIDE_TIME_SCALE=K makes "
                    "every session clock run K times faster (demonstrations, tests).")
    what = session.add_mutually_exclusive_group(required=True)
    what.add_argument("--exercise", metavar="SLUG", action="append",
                      help="the exercise (see 'hamstride exercises'); repeat it for a session "
                           "of several, grouped into warm-up, main work and cool-down")
    what.add_argument("--program", metavar="NAME",
                      help="a program's session (see 'hamstride programs'), logged as part "
                           "of that program")
    session.add_argument("--day", metavar="N", type=_positive_int,
                         help="with --program: which session, counted from 1 through the "
                              "program (default: the one due, if you follow it; else 1)")
    session.add_argument("--sets", metavar="N", help="number of sets (one exercise only)")
    dose = session.add_mutually_exclusive_group()
    dose.add_argument("--reps", metavar="N", help="reps per set")
    dose.add_argument("--hold", metavar="S", help="seconds per hold (hold exercises)")
    session.add_argument("--tempo", metavar="L-P-U-P",
                         help="lower-pause-lift-pause seconds, e.g. 5-0-3-0")
    session.add_argument("--readiness", metavar="ANSWERS",
                         help="the readiness check's answers, when there is no terminal to ask "
                              "them on: soreness=N (0-10),pain=none|mild|more,sharp=yes|no,"
                              "numbness=yes|no,walk=yes|no,run-pain=none|mild|more (pain in "
                              "the leg; sharp, electric or spreading pain; numbness or "
                              "tingling; can walk a few steps without real pain; pain during "
                              "or after a run). An easy day (soreness 5-6, mild pain) runs the "
                              "lighter session: one set fewer, a fifth less load")
    session.add_argument("--anyway", action="store_true",
                         help="start although the guidance says not to: less than a full rest "
                              "day after the last heavy hamstring session (the 48-hour rule), "
                              "or after a red flag or soreness from 7 (then without the "
                              "Nordics and heavy hinges)")

    render = commands.add_parser("render-steps", help="draw each step of an exercise as a PNG")
    which = render.add_mutually_exclusive_group(required=True)
    which.add_argument("slug", nargs="?", help="the exercise (see 'hamstride exercises')")
    which.add_argument("--all", action="store_true", help="every exercise in the library")
    render.add_argument("--out", required=True, metavar="DIR", type=Path,
                        help="folder for <slug>-<step>.png (created if missing)")
    render.add_argument("--size", default="800x600", metavar="WxH", type=_picture_size,
                        help="picture size in pixels (default 800x600)")
    render.add_argument("--theme", choices=("dark", "light"), default="dark")
    return parser


# The largest count an option takes: SQLite's LIMIT and the programs' day
# numbers are 64-bit, and no log or program comes near a billion.
MAX_COUNT = 1_000_000_000


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {_shown(text)}") from None
    if not 1 <= value <= MAX_COUNT:
        raise argparse.ArgumentTypeError(f"expected a number from 1 to {MAX_COUNT:,}, "
                                         f"got {_shown(text)}")
    return value


def _shown(text: str, limit: int = 24) -> str:
    """An option's value quoted in a message, cut short: the message stays one line."""
    return repr(text if len(text) <= limit else text[:limit] + "...")


def _picture_size(text: str) -> tuple[int, int]:
    width, sep, height = text.lower().partition("x")
    if not (sep and width.isdigit() and height.isdigit()):
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT in pixels, like 800x600, got {text!r}")
    w, h = int(width), int(height)
    if not (16 <= w <= 8000 and 16 <= h <= 8000):
        raise argparse.ArgumentTypeError(f"each side must be 16 to 8000 pixels, got {text!r}")
    return w, h


# The commands that only read the log: they work on a read-only log (a file
# or a disk the athlete may not write), which the others refuse at once.
_READERS = frozenset({"exercises", "history", "export", "programs", "today", "render-steps"})


EXIT_INTERRUPTED = 130  # 128 + SIGINT: what a shell reports for a command Ctrl+C stopped


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; Ctrl+C anywhere in it is one line and 130, not
    Python's traceback. Nothing is half-written by it: an import is one
    transaction (rolled back), a backup or export is written beside its
    name and renamed only once whole."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print("hamstride: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _main(argv: Sequence[str] | None) -> int:
    args = parse_arguments(argv)
    try:
        paths = resolve_paths(args.data_dir)
        # The window opens on a read-only folder too: it shows the log and
        # says it cannot be written (a session is not started there).
        prepare_dirs(paths, read_only_ok=args.command in _READERS
                     or args.command in (None, "session"))
    except DataDirError as exc:
        return _fail(str(exc), gui=args.command is None)

    if args.command is None:
        return _open_window(paths)
    logged = _log_to_file(paths)
    try:
        return _COMMANDS[args.command](args, paths)
    except BrokenPipeError:
        # The reader went away (`hamstride history | head`): not an error. Point
        # stdout at nothing so the interpreter's final flush cannot fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except UserError as exc:
        return _fail(str(exc))
    except Exception as exc:  # the last net: a line for the user, the traceback for the log
        log.exception("command %s failed", args.command)
        _remember_damage(exc, paths)
        return _fail(failure_sentence(exc, args.command, paths.log_file if logged else None,
                                      paths.data_dir))


def _remember_damage(exc: BaseException, paths: AppPaths) -> None:
    """A damaged page met by a command (one that only reads opens the log
    without the whole-file check): have the next opening check the whole
    file, and so set a damaged log aside, as the window's check does."""
    from app.storage.database import is_damage, mark_damaged

    seen = exc if is_damage(exc) else exc.__cause__ or exc.__context__
    # Nothing can be marked on a read-only disk (and its warning would be a
    # second line): the next opening finds the damage as this one did.
    if seen is not None and is_damage(seen) and os.access(paths.database.parent, os.W_OK):
        mark_damaged(paths.database)


def failure_sentence(exc: BaseException, command: str, log_file: Path | None,
                     data_dir: Path | None = None) -> str:
    """What the athlete reads when a command failed for a reason it did not
    foresee: the disk, a lock or the permissions in words (the one mapping,
    app.storage.errors), else that it failed and where the details are.
    Never the exception's own text: SQLAlchemy's holds the statement and
    every value it was writing (the athlete's sets)."""
    from app.storage.errors import explain

    sentence = explain(exc, data_dir)
    if sentence is not None:
        return f"{command}: {sentence}"
    # A fault in Hamstride itself: say what did not happen and where the
    # details for a bug report are, not a word of the exception.
    where = f"; the details for a bug report are in {log_file}" if log_file is not None else ""
    return f"{command} could not finish{where}"


def _log_to_file(paths: AppPaths) -> bool:
    """Log to the log file when its folder can be written. A record that
    cannot be written later (a full disk) is dropped, never printed as
    logging's traceback over the command's one line."""
    if not os.access(paths.log_dir, os.W_OK):
        return False
    from app.kernel.logs import configure_logging

    try:
        handler = configure_logging(paths.log_file)
    except OSError:
        return False
    handler.handleError = lambda record: None  # type: ignore[method-assign]
    return True


def _open_window(paths: AppPaths) -> int:
    # The window's own collector (app.ui.shell.main_thread_gc) collects on the UI
    # thread once the event loop runs. Until then nothing the start-up
    # makes needs collecting, yet the automatic collector would walk the
    # ever-growing heap of Qt's and our modules' objects some 40 times on
    # the way to the first frame (about 6 ms, a tenth of what the window adds
    # to a bare one).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        from app.ui.shell.application import run_gui

        scale = 1.0
        if os.environ.get(TIME_SCALE_ENV):  # the session package is imported only if needed
            from app.session.timing import parse_time_scale

            try:
                scale = parse_time_scale(os.environ[TIME_SCALE_ENV])
            except ValueError as exc:
                return _fail(str(exc), gui=True)
        # The window sets up its log file itself, off the UI thread.
        return run_gui(paths, time_scale=scale)
    finally:
        if was_enabled:
            gc.enable()


def _fail(message: str, gui: bool = False) -> int:
    print(f"hamstride: {message}", file=sys.stderr)
    if gui:
        from app.ui.shell.startup_errors import show_startup_error

        show_startup_error(message)
    return EXIT_FAILURE


def _open_log(paths: AppPaths, for_writing: bool = False, lock_held: bool = False,
              only_reads: bool = False) -> LogReader:
    """Check (and if needed migrate) the database, then open it for reading.
    ``for_writing``: the command will write the log, so a read-only log is
    refused now, before anything (a backup) is done for the write.
    ``lock_held``: the command holds the log's write lock already.
    ``only_reads``: the command writes nothing (history, today, programs,
    export): a sound log of the newest schema is opened without SQLite's
    whole-file check, a read of every page (~8 s on a 1,000,000-set log,
    for five sessions of history). A damaged page the command meets is
    then one line (_main), and the next opening checks the whole file.
    Creating, upgrading, or a log marked damaged are still checked first.

    Plain sqlite3 only: the commands that read the log start without
    SQLAlchemy's import cost."""
    from app.kernel.clock import SystemClock
    from app.storage.database import DatabaseError, open_database
    from app.storage.queries import LogReader

    try:
        report = open_database(paths.database, paths.backups_dir, paths.damaged_dir,
                               SystemClock().now(), on_wait=_say_waiting, lock_held=lock_held,
                               check_later=only_reads and not for_writing)
        reader = LogReader(paths.database)
    except DatabaseError as exc:
        raise UserError(str(exc)) from exc
    if for_writing and report.read_only:
        reader.close()
        raise UserError(f"{paths.database} is read-only (the file or its disk): nothing was "
                        "written")
    for notice in report.notices:
        print(f"hamstride: {notice}", file=sys.stderr)
    return reader


def _cmd_exercises(args: argparse.Namespace, paths: AppPaths) -> int:
    from app.catalog import load_catalog
    from app.catalog.model import EQUIPMENT
    from app.kernel.resources import resources_dir

    result = load_catalog(resources_dir())
    for problem in result.problems:
        print(f"hamstride: skipped: {problem}", file=sys.stderr)
    catalog = result.catalog
    if args.json:
        _print_json(catalog.to_dict())
        return EXIT_OK
    width = max((len(e.name) for e in catalog.exercises), default=10)
    for exercise in catalog.exercises:
        equipment = ", ".join(EQUIPMENT[e].name for e in exercise.equipment)
        print(f"{exercise.name:<{width}}  {exercise.category:<9} {exercise.level:<12} {equipment}")
    return EXIT_OK


def _cmd_history(args: argparse.Namespace, paths: AppPaths) -> int:
    from app.usecases.export import export_data

    reader = _open_log(paths, only_reads=True)
    try:
        if args.json:
            data = export_data(reader)
            sessions = data["sessions"][::-1]  # newest first, like the text view
            _print_json(sessions[: args.limit] if args.limit else sessions)
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

    print(session_heading(record))
    for s in sets:
        print(f"  {describe_set(s)}")
    print()


def _cmd_export(args: argparse.Namespace, paths: AppPaths) -> int:
    from app.kernel.atomic import check_target
    from app.usecases.export import export_csv, export_json

    output: Path = args.output
    try:  # a folder, device or pipe is refused before the log is read (issue 15 point 9)
        check_target(output)
    except OSError as exc:  # also a name too long for the file system
        raise UserError(f"cannot write {output}: {exc.strerror or exc}") from exc
    if not output.parent.is_dir():
        raise UserError(f"the folder {output.parent} does not exist")
    reader = _open_log(paths, only_reads=True)
    try:
        writer = export_csv if args.format == "csv" else export_json
        try:
            count = writer(reader, output)
        except OSError as exc:
            raise UserError(f"cannot write {output}: {exc.strerror or exc}") from exc
    finally:
        reader.close()
    print(f"Exported {_counted(count, 'set')} to {output}")
    return EXIT_OK


def _cmd_backup(args: argparse.Namespace, paths: AppPaths) -> int:
    from app.kernel.clock import SystemClock
    from app.storage.backup import BackupKind, backup_file

    _open_log(paths).close()  # the same checks as any start: never back up a damaged file
    try:
        # Under the write lock: two backups at once would pick one name.
        with _write_lock(paths):
            path = backup_file(paths.database, paths.backups_dir, SystemClock().now(),
                               BackupKind.MANUAL)
    except OSError as exc:
        from app.storage.errors import explain

        reason = explain(exc, paths.backups_dir) or exc.strerror or type(exc).__name__
        raise UserError(f"cannot write the backup in {paths.backups_dir}: {reason}") from exc
    print(f"Backup written to {path}")
    return EXIT_OK


def _write_lock(paths: AppPaths) -> contextlib.AbstractContextManager[None]:
    """The log's write lock (app.storage.write_lock), saying on stderr when it
    waits for another Hamstride that holds it."""
    from app.storage.write_lock import hold_write_lock

    return hold_write_lock(paths.database, _say_waiting)


def _say_waiting() -> None:
    print("hamstride: waiting for another Hamstride to finish writing the log...",
          file=sys.stderr, flush=True)


def _cmd_import(args: argparse.Namespace, paths: AppPaths) -> int:
    from app.catalog import load_catalog
    from app.kernel.resources import resources_dir

    catalog = load_catalog(resources_dir()).catalog
    # A real import holds the write lock from reading the log to writing it:
    # another import at the same time would find the same sessions new.
    with contextlib.nullcontext() if args.dry_run else _write_lock(paths):
        return _import(args, paths, catalog)


def _import(args: argparse.Namespace, paths: AppPaths, catalog: Catalog) -> int:
    from app.exchange.model import ImportFileError
    from app.exchange.plan import file_line
    from app.usecases.import_flow import automatic_plan, read_and_plan

    reader = _open_log(paths, for_writing=not args.dry_run, lock_held=not args.dry_run)
    try:
        unit = args.unit or reader.get_setting("units", "kg")
        unit = unit if unit in ("kg", "lb") else "kg"
        try:
            # A real import reads the file once, as it writes (a dry run reads it to count).
            plan = read_and_plan(args.file, catalog, reader, default_unit=unit)[2] \
                if args.dry_run else automatic_plan(args.file, catalog, reader, default_unit=unit)
        except ImportFileError as exc:
            raise UserError(f"{exc} (nothing was imported)") from exc
        names = {e.slug: e.name for e in catalog.exercises}
        names.update({e.slug: e.name for e in reader.custom_exercises()})
    finally:
        reader.close()
    if args.dry_run:
        print("\n".join(plan.describe(names)))
        print("Dry run: nothing was written.")
        return EXIT_OK
    from app.kernel.clock import SystemClock
    from app.exchange.writer import ImportWriteError, apply_import
    from app.storage.store import Store

    store = Store(paths.database, paths.backups_dir, SystemClock(), paths.pictures_dir)
    try:
        result = apply_import(store, plan, lock_held=True)  # taken by _cmd_import
    except ImportFileError as exc:  # found as the file was read and written
        raise UserError(f"{exc} (nothing was imported)") from exc
    except ImportWriteError as exc:
        raise UserError(str(exc)) from exc
    except OSError as exc:
        raise UserError(f"nothing was imported: {exc.strerror or exc}") from exc
    finally:
        store.close()
    print(file_line(result.log or plan.log))
    if not result.sets_added and not result.exercises_created and not result.body_notes_added:
        print(f"Nothing new: {'all ' if result.skipped_sessions > 1 else ''}{result.skipped_sessions} "
              f"session{'s are' if result.skipped_sessions != 1 else ' is'} already in the log.")
        return EXIT_OK
    if result.sessions_added:
        print(f"Added {_counted(result.sessions_added, 'session')} "
              f"with {_counted(result.sets_added - result.sets_added_to_existing, 'set')}"
              + (f"; skipped {result.skipped_sessions} already in the log"
                 if result.skipped_sessions else "") + ".")
    # A workout that gained sets since the last import: what was added, set by set.
    for line in result.tally.grown_lines(lambda name: names.get(name, name), would=False):
        print(line)
    if result.body_notes_added:
        print(f"Added {_counted(result.body_notes_added, 'quick note')}.")
    if result.exercises_created:
        print("New custom exercises: " + ", ".join(result.exercises_created) + ".")
    if result.backup is not None:
        print(f"The log before the import is backed up in {result.backup}")
    return EXIT_OK


def session_request(args: argparse.Namespace, environ: dict[str, str] | None = None,
                    paths: AppPaths | None = None) -> SessionRequest:
    """Check the quick-start options before any window opens: a mistake is
    one line on stderr, not a window that closes again. ``paths`` lets
    --program find the athlete's own programs (without it: built-ins only)."""
    from app.catalog import load_catalog
    from app.kernel.resources import resources_dir
    from app.session.plan import plan_from_exercise, plan_of_exercises
    from app.session.timing import TIME_SCALE_ENV, parse_time_scale

    env = os.environ if environ is None else environ
    if getattr(args, "program", None) is not None:
        return _program_session_request(args, env, paths)
    if getattr(args, "day", None) is not None:
        raise UserError("--day: goes with --program")
    catalog = load_catalog(resources_dir()).catalog
    slugs = [args.exercise] if isinstance(args.exercise, str) else list(args.exercise)
    exercises = []
    for slug in slugs:
        try:
            exercises.append(catalog.get(slug))
        except KeyError:
            raise UserError(f"--exercise: no exercise {slug!r} "
                            "(see 'hamstride exercises')") from None
    try:
        if len(exercises) == 1:
            plan = plan_from_exercise(exercises[0], sets=args.sets, reps=args.reps,
                                      hold=args.hold, tempo=args.tempo)
        else:
            for option in ("sets", "reps", "hold", "tempo"):
                if getattr(args, option) is not None:
                    raise ValueError(f"--{option}: applies to a single --exercise; several "
                                     "use their own prescriptions")
            plan = plan_of_exercises(exercises)
        scale = parse_time_scale(env[TIME_SCALE_ENV]) if env.get(TIME_SCALE_ENV) else 1.0
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    return SessionRequest(plan=plan, time_scale=scale, keep_tempo=args.tempo is not None)


def _program_session_request(args: argparse.Namespace, env: Mapping[str, str],
                             paths: AppPaths | None) -> SessionRequest:
    from app.coaching.planning import plan_for_day
    from app.session.timing import TIME_SCALE_ENV, parse_time_scale

    for option in ("sets", "reps", "hold", "tempo"):
        if getattr(args, option, None) is not None:
            raise UserError(f"--{option}: applies to --exercise; a program's session uses the "
                            "program's doses")
    reader = _open_log(paths) if paths is not None else None
    view: TodayView | None = None
    try:
        book, _problems = _program_book(reader)
        program = book.get(args.program)
        if program is None:
            raise UserError(f"--program: no program {args.program!r} (see 'hamstride programs')")
        if reader is not None and paths is not None:
            view = _today_of(paths, reader, book, program)
        day = args.day if args.day is not None else _due_day(view)
        customs = reader.custom_exercises() if reader is not None else []
    finally:
        if reader is not None:
            reader.close()
    if not program.open_ended and day > program.planned_sessions:
        count = program.planned_sessions
        raise UserError(f"--day: {program.name} has {_counted(count, 'session')}; "
                        + ("choose day 1" if count == 1 else f"choose 1 to {count}"))
    try:
        plan = plan_for_day(program, day, book.catalog, customs)
        scale = parse_time_scale(env[TIME_SCALE_ENV]) if env.get(TIME_SCALE_ENV) else 1.0
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    return SessionRequest(plan=plan, time_scale=scale, program_slug=program.slug,
                          program_day=day, today=view, book=book)


def _today_of(paths: AppPaths, reader: LogReader, book: ProgramBook,
              program: Program) -> TodayView | None:
    """Today as the window shows it, when the athlete follows ``program``; else None."""
    enrolment = reader.active_enrolment()
    if enrolment is None or enrolment.program_slug != program.slug:
        return None
    return _today_view(paths, reader, book, program, enrolment)


def _due_day(view: TodayView | None) -> int:
    """The session Today has due (after its first day and any restart after
    a layoff: one source, build_today's view); else the program's first."""
    return 1 if view is None or view.due is None else view.due.day_number


def _cmd_session(args: argparse.Namespace, paths: AppPaths) -> int:
    import dataclasses

    from app.cli.start import StartRefused

    request = session_request(args, paths=paths)
    try:
        if _interrupted_session_waiting(paths):
            # The window offers it first (Resume is its default); answers asked
            # here would be dropped by a resume. Declined, the window makes the
            # start checks itself (MainWindow.begin_session).
            print("An interrupted session is waiting: the window offers to resume it first.")
            request = _session_for_the_window(request, paths)
        else:
            plan = _checked_session(args, request, paths)
            if plan is None:  # the athlete chose on the terminal not to start
                return EXIT_OK
            request = dataclasses.replace(request, plan=plan, checks_done=True,
                                          targets_applied=True)
    except StartRefused as exc:
        print(f"hamstride: session: {exc}", file=sys.stderr)
        return exc.exit_code
    _store_restart(paths, request)
    from app.ui.shell.application import run_gui

    return run_gui(paths, request, time_scale=request.time_scale)


def _interrupted_session_waiting(paths: AppPaths) -> bool:
    """Whether a session cut off by a crash or a kill can be resumed (the file
    the window offers it from; app.ui.session.saved loads no Qt)."""
    from app.ui.session.saved import SAVED_SESSION_FILE, load_saved_session

    return load_saved_session(paths.data_dir / SAVED_SESSION_FILE) is not None


def _store_restart(paths: AppPaths, request: SessionRequest) -> None:
    """Starting the session a restart after a layoff made due accepts the
    restart, as Start on the Today page does: it is stored now (a new
    enrolment from today at that session), before the window opens, so the
    session is logged in the restarted program and the program goes on from it."""
    view = request.today
    if view is None or view.restart is None or view.due is None \
            or request.program_day != view.due.day_number:
        return
    from app.kernel.clock import SystemClock
    from app.storage.store import Store
    from app.usecases.today import store_restart

    with _write_lock(paths):
        _open_log(paths, for_writing=True, lock_held=True).close()
        store = Store(paths.database, paths.backups_dir, SystemClock(), paths.pictures_dir)
        try:
            store_restart(store, view)
        except LookupError as exc:  # the program followed changed meanwhile
            raise UserError(f"session: {exc}") from exc
        finally:
            store.close()
    restart = view.restart
    print(f"The restart after your break is kept: {view.program.name} goes on from week "
          f"{restart.week} (day {restart.first_day}).")


def _session_for_the_window(request: SessionRequest, paths: AppPaths) -> SessionRequest:
    """``request`` for the window to check (an interrupted session was waiting):
    a program's session with its progression targets (as Today has them),
    a free session as asked (the window's start path gives it its targets)."""
    if request.program_slug is None or request.program_day is None:
        return request
    import dataclasses

    from app.cli.start import program_plan
    from app.logbook.settings import load_settings
    from app.storage.coaching_queries import CoachingReader

    # Only reads: the window that follows opens the log for writing with its
    # own checks; a second whole-file check here cost ~8 s on a 1,000,000-set log.
    reader = _open_log(paths, only_reads=True)
    try:
        book = request.book if request.book is not None else _program_book(reader)[0]
        program = book.get(request.program_slug)
        if program is None:
            return request
        with CoachingReader(paths.database) as coaching:
            plan = program_plan(program, request.program_day, reader, coaching, book.catalog,
                                load_settings(reader.get_setting), _now(), request.today)
    finally:
        reader.close()
    return dataclasses.replace(request, plan=plan, targets_applied=True)


def _checked_session(args: argparse.Namespace, request: SessionRequest,
                     paths: AppPaths) -> SessionPlan | None:
    """The checks every start makes (app.usecases.session_start), on the command
    line: asked on the terminal (stdin is a tty), or the --readiness answers."""
    from app.cli.start import Terminal, checked_plan, parse_readiness
    from app.logbook.settings import load_settings
    from app.storage.coaching_queries import CoachingReader

    given = getattr(args, "readiness", None)
    answers = parse_readiness(given) if given is not None else None
    terminal = Terminal(ask=input, say=print) if sys.stdin is not None and sys.stdin.isatty() \
        else None
    reader = _open_log(paths, only_reads=True)  # as _session_for_the_window: the window checks
    try:
        book = request.book if request.book is not None else _program_book(reader)[0]
        program = book.get(request.program_slug) if request.program_slug is not None else None
        with CoachingReader(paths.database) as coaching:
            return checked_plan(request.plan, program=program, day=request.program_day,
                                reader=reader, coaching=coaching, catalog=book.catalog,
                                settings=load_settings(reader.get_setting), now=_now(),
                                answers=answers, anyway=bool(getattr(args, "anyway", False)),
                                terminal=terminal, today=request.today,
                                keep_tempo=request.keep_tempo)
    finally:
        reader.close()


def _cmd_render_steps(args: argparse.Namespace, paths: AppPaths) -> int:
    import os

    from app.catalog import load_catalog
    from app.kernel.resources import resources_dir

    result = load_catalog(resources_dir())
    for problem in result.problems:
        print(f"hamstride: skipped: {problem}", file=sys.stderr)
    catalog = result.catalog
    if args.all:
        exercises = list(catalog.exercises)
    elif args.slug in catalog:
        exercises = [catalog.get(args.slug)]
    else:
        raise UserError(f"no exercise {args.slug!r} (see 'hamstride exercises')")
    out: Path = args.out
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"cannot create the folder {out}: {exc.strerror or exc}") from exc

    # No display needed: Qt draws into images on its offscreen platform. Set
    # before anything creates the Qt application.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.ui.look.figure_painter import FigureTheme, write_step_images

    theme = FigureTheme.DARK if args.theme == "dark" else FigureTheme.LIGHT
    try:
        count = write_step_images(exercises, out, args.size, theme)
    except OSError as exc:
        raise UserError(str(exc)) from exc
    print(f"Drew {_counted(count, 'step picture')} in {out}")
    return EXIT_OK


def _now() -> datetime:
    """The current time, local; one place for tests to pin it."""
    from app.kernel.clock import SystemClock

    return SystemClock().now().astimezone()


def _program_book(reader: LogReader | None) -> tuple[ProgramBook, list[str]]:
    """Every program: the built-in ones and, given the log, the athlete's own.
    The second item lists what was left out and why (a damaged file)."""
    from app.catalog import load_catalog
    from app.coaching.book import ProgramBook
    from app.kernel.resources import resources_dir

    loaded = load_catalog(resources_dir())
    book = ProgramBook(loaded.catalog)
    if reader is not None:
        book.set_own(reader.user_programs(), reader.custom_slugs())
    else:
        book.built_in()
    return book, list(loaded.problems) + book.problems


def _cmd_programs(args: argparse.Namespace, paths: AppPaths) -> int:
    from app.coaching.loader import program_to_dict

    reader = _open_log(paths, only_reads=True)
    try:
        book, problems = _program_book(reader)
        customs = reader.custom_exercises()
    finally:
        reader.close()
    for problem in problems:
        print(f"hamstride: skipped: {problem}", file=sys.stderr)
    programs = book.all()
    if args.json:
        _print_json([{**program_to_dict(p), "custom": p.custom,
                      "planned_sessions": p.planned_sessions} for p in programs])
        return EXIT_OK
    names = _Names(book.catalog, customs)
    for i, program in enumerate(programs):
        if i:
            print()
        for line in _program_lines(program, names):
            print(line)
    return EXIT_OK


def _program_lines(program: Program, names: _Names) -> list[str]:
    """A program as plain text: what it is, then every week and session."""
    from app.coaching.words import LEVEL_WORDS, frequency_words

    own = ", yours" if program.custom else ""
    lines = [f"{program.name} ({program.slug}{own})",
             f"  {LEVEL_WORDS.get(program.level, program.level)} · {frequency_words(program)}"]
    if program.summary:
        lines.append(f"  {program.summary}")
    if program.sources:
        # By title, as every screen cites them (an id is no use to a reader).
        lines.append("  Sources:")
        lines.extend(f"    {names.citation(key)}" for key in program.sources)
    lines.extend(f"  - {note}" for note in program.notes)
    if program.warm_up:
        lines.append("  Warm-up")
        lines.extend(_dose_lines(program.warm_up, names, "    "))
    # Weeks that are the same session for session are shown once ("Weeks 5-10").
    groups: list[list[ProgramWeek]] = []
    for week in program.weeks:
        if groups and _same_week(groups[-1][0], week):
            groups[-1].append(week)
        else:
            groups.append([week])
    for group in groups:
        first, last = group[0].number, group[-1].number
        title = f"Week {first}" if first == last else f"Weeks {first}-{last}"
        lines.extend(_week_lines(title, group[0], names, per_week=first != last))
    if program.maintenance is not None:
        lines.extend(_week_lines(f"Then every week (from week {program.maintenance.number})",
                                 program.maintenance, names, per_week=False))
    elif program.repeat:
        lines.append("  Then again from week 1, for as long as you like")
    if program.cool_down:
        lines.append("  Cool-down")
        lines.extend(_dose_lines(program.cool_down, names, "    "))
    return lines


def _same_day(a: ProgramDay, b: ProgramDay) -> bool:
    """The same work (the names may differ: "Week 5 · session 1", "Week 6 · session 1")."""
    return (a.exercises, a.warm_up, a.cool_down) == (b.exercises, b.warm_up, b.cool_down)


def _same_week(a: ProgramWeek, b: ProgramWeek) -> bool:
    return len(a.days) == len(b.days) and all(map(_same_day, a.days, b.days))


def _week_lines(title: str, week: ProgramWeek, names: _Names, *,
                per_week: bool) -> list[str]:
    count = len(week.days)
    sessions = _counted(count, "session") + (" a week" if per_week else "")
    if count > 1 and all(_same_day(week.days[0], d) for d in week.days):
        return [f"  {title} · {sessions}, each:", *_day_lines(week.days[0], names, "    ")]
    if count == 1:
        return [f"  {title} · {sessions}", *_day_lines(week.days[0], names, "    ")]
    lines = [f"  {title} · {sessions}"]
    for day in week.days:
        lines.append(f"    {day.name}")
        lines.extend(_day_lines(day, names, "      "))
    return lines


def _day_lines(day: ProgramDay, names: _Names, indent: str) -> list[str]:
    lines = []
    if day.warm_up is not None:
        lines.append(f"{indent}warm-up: " + (", ".join(names.get(d.slug, d.slug) for d in day.warm_up)
                                             or "none"))
    lines.extend(_dose_lines(day.exercises, names, indent))
    if day.cool_down is not None:
        lines.append(f"{indent}cool-down: " + (", ".join(names.get(d.slug, d.slug)
                                                          for d in day.cool_down) or "none"))
    return lines


def _dose_lines(doses: Sequence[ExerciseDose], names: _Names, indent: str) -> list[str]:
    lines = []
    for dose in doses:
        lines.append(f"{indent}{names.get(dose.slug, dose.slug)}: {_dose_text(dose, names)}")
        if dose.note:
            lines.append(f"{indent}  {dose.note}")
    return lines


def _dose_text(dose: ExerciseDose, names: _Names, words: str | None = None) -> str:
    """"3 × 10 per side (rest 1 min) · progression: double". ``words``: the
    dose as it will run (Today's line), in place of the program's."""
    from app.coaching.words import dose_words

    text = dose_words(dose) if words is None else words
    if dose.slug in names.sided:
        # The dose counts each side: say so before any "(rest ...)" part.
        head, sep, tail = text.partition(" (")
        text = f"{head} per side{sep}{tail}"
    if dose.progression != "none":
        text += f" · progression: {dose.progression}"
    return text


class _Names(dict[str, str]):
    """Exercise names by slug, and which exercises are done one side at a time."""

    def __init__(self, catalog: Catalog, customs: Sequence[CustomExercise] = ()) -> None:
        super().__init__({e.slug: e.name for e in catalog.exercises})
        self.update({e.slug: e.name for e in customs})
        self.sided = {e.slug for e in catalog.exercises if e.one_side != "no"} | {
            e.slug for e in customs if e.one_side != "no"}
        self._sources = catalog.sources

    def citation(self, key: str) -> str:
        """A source by its title (resources/sources.toml), or its id when unknown."""
        source = self._sources.get(key)
        return key if source is None else source.citation


_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day_text(day: date) -> str:
    """"Mon 19 Jan 2026": the same in every locale."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def _cmd_today(args: argparse.Namespace, paths: AppPaths) -> int:
    from app.coaching.schedule import check_weekdays

    reader = _open_log(paths, only_reads=True)
    try:
        enrolment = reader.active_enrolment()
        if enrolment is None:
            if args.json:
                _print_json({"program": None})
            else:
                print("You are not following a program: choose one on the Programs page of the "
                      "window (Ctrl+3), or see 'hamstride programs'.")
            return EXIT_OK
        book, problems = _program_book(reader)
        for problem in problems:
            print(f"hamstride: skipped: {problem}", file=sys.stderr)
        program = book.get(enrolment.program_slug)
        if program is None:
            raise UserError(f"the program you follow, {enrolment.program_slug!r}, is no longer "
                            "available; choose another on the Programs page")
        view = _today_view(paths, reader, book, program, enrolment)
        plan = view.plan(book.catalog, reader.custom_exercises()) if view.due is not None else None
        names = _Names(book.catalog, reader.custom_exercises())
    finally:
        reader.close()
    warning = check_weekdays(program, enrolment.weekdays)
    citations = {key: source.citation for key, source in book.catalog.sources.items()}
    if args.json:
        _print_json(_today_json(view, plan, warning, citations))
    else:
        for line in _today_lines(view, warning, names, citations):
            print(line)
    return EXIT_OK


def _today_view(paths: AppPaths, reader: LogReader, book: ProgramBook, program: Program,
                enrolment: EnrolmentRecord) -> TodayView:
    from app.logbook.settings import load_settings
    from app.storage.coaching_queries import CoachingReader
    from app.usecases.today import build_today

    now = _now()
    coaching = CoachingReader(paths.database)
    try:
        return build_today(program, enrolment, reader, coaching, book.catalog,
                           load_settings(reader.get_setting), now, now.tzinfo)
    finally:
        coaching.close()


def _today_lines(view: TodayView, warning: str | None, names: _Names,
                 citations: Mapping[str, str]) -> list[str]:
    program, enrolment, due = view.program, view.enrolment, view.due
    days = ", ".join(_WEEKDAYS[d] for d in sorted(enrolment.weekdays))
    lines = [f"Following: {program.name} ({program.slug}), since "
             f"{_day_text(enrolment.start_date)}, on {days}"]
    if warning:
        lines.append(f"  Note: {warning}")
    if due is None:
        lines.append("Finished: every session is done. Choose what comes next on the Programs "
                     "page.")
        if view.too_soon is not None:
            lines.append(f"Wait: {view.too_soon.title}. {view.too_soon.text}")
    else:
        late = f", {_counted(due.overdue_days, 'day')} overdue" if due.overdue_days else ""
        lines.append(f"Due: day {due.day_number} · {view.label} · planned for "
                     f"{_day_text(due.planned_date)}{late}")
        _week, day = program.day(due.day_number)
        warm_up = program.warm_up if day.warm_up is None else day.warm_up
        cool_down = program.cool_down if day.cool_down is None else day.cool_down
        if warm_up:
            lines.append("  Warm-up")
            lines.extend(_dose_lines(warm_up, names, "    "))
        lines.append("  Main")
        for dose, line in zip(day.exercises, view.lines, strict=True):
            # What will run (the view's targets: the first Nordics are 2 × 5), not the table's dose.
            lines.append(f"    {line.name}: {_dose_text(dose, names, line.dose)}")
            if line.advice:
                lines.append(f"      suggested: {line.advice}")
            if dose.note:
                lines.append(f"      {dose.note}")
        if cool_down:
            lines.append("  Cool-down")
            lines.extend(_dose_lines(cool_down, names, "    "))
        start = f"hamstride session --program {program.slug} --day {due.day_number}"
        if view.too_soon is not None:
            # The wait comes first; a start command under it would contradict it.
            lines.append(f"Wait: {view.too_soon.title}. {view.too_soon.text}")
            lines.append(f"  To start anyway: {start} --anyway")
        else:
            lines.append(f"  Start it: {start}")
    for notice in view.notices:
        lines.append(f"Notice: {notice.title}. {notice.text}")
        if notice.sources:  # as the Today page ends each notice: its sources by title
            lines.append("  Sources: " + "; ".join(citations.get(key, key)
                                                   for key in notice.sources))
    lines.append("This week:")
    lines.extend(_strip_line(day_) for day_ in view.strip)
    lines.append(_adherence_line(view.adherence))
    return lines


def _counted(count: int, one: str, many: str | None = None) -> str:
    """"1 day", "2 days", "0 days": the command line is English by design,
    so English plurals (``many`` when adding an s is not it)."""
    return f"{count} {one if count == 1 else many or one + 's'}"


def _strip_line(day: StripDay) -> str:
    """"  Mon 19 Jan 2026: missed (day 4)", "...: done (days 3, 4)"."""
    numbers = day.done or day.planned
    listed = ", ".join(str(n) for n in numbers)
    what = day.status + (f" ({'day' if len(numbers) == 1 else 'days'} {listed})" if numbers else "")
    marker = "  <- today" if day.today else ""
    return f"  {_day_text(day.date)}: {what}{marker}"


def _adherence_line(a: Adherence) -> str:
    """The sessions done of those planned so far; the noun takes its number
    from the total ("1 of 3 planned sessions", "0 of 1 planned session")."""
    if not a.planned_so_far:
        return "So far: nothing was planned yet."
    planned = _counted(a.planned_so_far, "planned session")
    if not a.done:
        return f"So far: none of {planned} done yet"
    ratio = f" ({round((a.ratio or 0) * 100)}%)"
    return (f"So far: {a.done} of {planned} done{ratio}; longest gap "
            f"{_counted(a.longest_gap_days, 'day')}, {_counted(a.current_gap_days, 'day')} since "
            f"the last session")


def _today_json(view: TodayView, plan: SessionPlan | None, warning: str | None,
                citations: Mapping[str, str]) -> dict[str, object]:
    program, enrolment, due, a = view.program, view.enrolment, view.due, view.adherence
    restart = view.restart
    return {
        "program": {"slug": program.slug, "name": program.name, "custom": program.custom},
        "start_date": enrolment.start_date.isoformat(),
        "weekdays": list(enrolment.weekdays),
        "warning": warning,
        "due": None if due is None else {
            "day": due.day_number, "label": view.label,
            "planned_date": due.planned_date.isoformat(), "overdue_days": due.overdue_days,
            "exercises": [{"slug": line.slug, "name": line.name, "dose": line.dose,
                           "suggestion": line.advice,
                           "target": _target_json(view.targets.get(line.slug))}
                          for line in view.lines],
            "plan": None if plan is None else plan.to_dict(),
        },
        "too_soon": None if view.too_soon is None else {"title": view.too_soon.title,
                                                        "text": view.too_soon.text},
        # Applied: the due session, label and week are the restart's already.
        "restart": None if restart is None else {
            "start_date": restart.start_date.isoformat(), "first_day": restart.first_day,
            "week": restart.week, "from_day": restart.from_day, "gap_days": restart.gap_days},
        "notices": [{"kind": n.kind, "title": n.title, "text": n.text,
                     "sources": [{"id": key, "citation": citations.get(key, key)}
                                 for key in n.sources]} for n in view.notices],
        "week": [{"date": d.date.isoformat(), "planned": list(d.planned), "done": list(d.done),
                  "status": d.status, "today": d.today} for d in view.strip],
        "adherence": {"done": a.done, "planned_so_far": a.planned_so_far, "ratio": a.ratio,
                      "longest_gap_days": a.longest_gap_days,
                      "current_gap_days": a.current_gap_days},
    }


def _target_json(target: Target | None) -> dict[str, object] | None:
    """What the progression rule set for the session (None: the program's dose as it is)."""
    if target is None:
        return None
    return {"sets": target.sets, "reps": None if target.reps is None else list(target.reps),
            "load_kg": target.load_kg, "lowering_s": target.lowering_s, "reason": target.reason}


def _print_json(data: object) -> None:
    import json

    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


_COMMANDS = {
    "exercises": _cmd_exercises,
    "history": _cmd_history,
    "export": _cmd_export,
    "backup": _cmd_backup,
    "import": _cmd_import,
    "render-steps": _cmd_render_steps,
    "session": _cmd_session,
    "programs": _cmd_programs,
    "today": _cmd_today,
}
