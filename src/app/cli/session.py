"""`hamstride session`: the window opened straight into a session of one
or more exercises, or a program's session, after the checks every start
makes (asked here by app.cli.start)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING

from app.cli import common
from app.cli.common import EXIT_OK, UserError, counted, open_log, write_lock
from app.cli.programs import program_book
from app.cli.today import today_view
from app.usecases.session_request import SessionRequest

if TYPE_CHECKING:
    from app.coaching.book import ProgramBook
    from app.coaching.model import Program
    from app.kernel.paths import AppPaths
    from app.session.plan import SessionPlan
    from app.storage.queries import LogReader
    from app.usecases.today import TodayView


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
    reader = open_log(paths) if paths is not None else None
    view: TodayView | None = None
    try:
        book, _problems = program_book(reader)
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
        raise UserError(f"--day: {program.name} has {counted(count, 'session')}; "
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
    return today_view(paths, reader, book, program, enrolment)


def _due_day(view: TodayView | None) -> int:
    """The session Today has due (after its first day and any restart after
    a layoff: one source, build_today's view); else the program's first."""
    return 1 if view is None or view.due is None else view.due.day_number


def run_session(args: argparse.Namespace, paths: AppPaths) -> int:
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
    the window offers it from; app.session.saved loads no Qt)."""
    from app.session.saved import SAVED_SESSION_FILE, load_saved_session

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

    with write_lock(paths):
        open_log(paths, for_writing=True, lock_held=True).close()
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
    reader = open_log(paths, only_reads=True)
    try:
        book = request.book if request.book is not None else program_book(reader)[0]
        program = book.get(request.program_slug)
        if program is None:
            return request
        with CoachingReader(paths.database) as coaching:
            plan = program_plan(program, request.program_day, reader, coaching, book.catalog,
                                load_settings(reader.get_setting), common.now(), request.today)
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
    reader = open_log(paths, only_reads=True)  # as _session_for_the_window: the window checks
    try:
        book = request.book if request.book is not None else program_book(reader)[0]
        program = book.get(request.program_slug) if request.program_slug is not None else None
        with CoachingReader(paths.database) as coaching:
            return checked_plan(request.plan, program=program, day=request.program_day,
                                reader=reader, coaching=coaching, catalog=book.catalog,
                                settings=load_settings(reader.get_setting), now=common.now(),
                                answers=answers, anyway=bool(getattr(args, "anyway", False)),
                                terminal=terminal, today=request.today,
                                keep_tempo=request.keep_tempo)
    finally:
        reader.close()
