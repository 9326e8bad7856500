"""The `hamstride` command: the window by default, subcommands without a display.

This module reads the command line and runs what it asks: the window, or
one command from its own module (app.cli.exercises, .history, .imports,
.programs, .today, .session), imported only when it runs. It also says a
failure in one line and sets up the log file.

Start-up speed matters here: this module imports neither Qt nor SQLAlchemy
at the top. The GUI path shows its window first and opens the database
right after; the subcommands import only what they use.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import logging
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import NoReturn

from app import APP_NAME, __version__
from app.cli.common import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UserError
from app.kernel.paths import AppPaths, DataDirError, prepare_dirs, resolve_paths

log = logging.getLogger(__name__)


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

    export = commands.add_parser("export", help="export the whole log (or, as FIT, one session) "
                                                "to a file")
    export.add_argument("--format", choices=("csv", "json", "fit"), required=True)
    export.add_argument("--session", type=_positive_int, metavar="ID",
                        help="the session to write as a FIT activity (with --format fit only)")
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

    from app.cli.runs import add_runs_parser  # runs, runs import, runs tag

    add_runs_parser(commands, _positive_int)

    from app.cli.body import add_commands as add_body_commands  # weight, load, sides

    add_body_commands(commands)

    from app.cli.week import add_commands as add_week_commands  # week, plan --ics

    add_week_commands(commands)

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
# or a disk the athlete may not write), which the others refuse at once, in
# one line, before anything is read. `plan --ics` writes outside the data folder.
_READERS = frozenset({"exercises", "history", "export", "programs", "today", "render-steps",
                      "load", "sides", "plan"})
# Commands that read, except for the subcommand named by their parser's
# ``dest`` (`runs import`, `runs tag`, `week plan`, `week race`, `weight add`).
_READING_UNLESS = {"runs": "runs_command", "week": "week_action", "weight": "weight_action"}


def only_reads(args: argparse.Namespace) -> bool:
    """Whether the command asked for works on a read-only log."""
    if args.command in _READERS:
        return True
    dest = _READING_UNLESS.get(args.command)
    return dest is not None and getattr(args, dest, None) is None

# Each command's module and function, imported when the command runs: the
# window's start (no command) loads none of them.
COMMANDS: Mapping[str, tuple[str, str]] = {
    "exercises": ("app.cli.exercises", "run_exercises"),
    "render-steps": ("app.cli.exercises", "run_render_steps"),
    "history": ("app.cli.history", "run_history"),
    "export": ("app.cli.history", "run_export"),
    "backup": ("app.cli.history", "run_backup"),
    "import": ("app.cli.imports", "run_import"),
    "programs": ("app.cli.programs", "run_programs"),
    "today": ("app.cli.today", "run_today"),
    "session": ("app.cli.session", "run_session"),
    "weight": ("app.cli.body", "run_weight"),
    "load": ("app.cli.body", "run_load"),
    "sides": ("app.cli.body", "run_sides"),
    "runs": ("app.cli.runs", "run_runs"),
    "week": ("app.cli.week", "run_week"),
    "plan": ("app.cli.week", "run_plan"),
}

EXIT_INTERRUPTED = 130  # 128 + SIGINT: what a shell reports for a command Ctrl+C stopped


def command(name: str) -> Callable[[argparse.Namespace, AppPaths], int]:
    """The function that runs command ``name`` (its module imported now)."""
    module, function = COMMANDS[name]
    run: Callable[[argparse.Namespace, AppPaths], int] = getattr(
        importlib.import_module(module), function)
    return run


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
        prepare_dirs(paths, read_only_ok=only_reads(args) or args.command in (None, "session"))
    except DataDirError as exc:
        return _fail(str(exc), gui=args.command is None)

    if args.command is None:
        return _open_window(paths)
    logged = _log_to_file(paths)
    try:
        return command(args.command)(args, paths)
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
        # The variable's one name is the session clock's; app.session imports
        # its engine lazily, so this costs the small timing module only.
        from app.session.timing import TIME_SCALE_ENV, parse_time_scale
        from app.ui.shell.application import run_gui

        scale = 1.0
        if os.environ.get(TIME_SCALE_ENV):
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

