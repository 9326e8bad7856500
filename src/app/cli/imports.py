"""`hamstride import`: the sessions of an export from Strong, Hevy, FitNotes
or Hamstride added to the log in one go, or counted with --dry-run."""

from __future__ import annotations

import argparse
import contextlib
from typing import TYPE_CHECKING

from app.cli.common import EXIT_OK, UserError, counted, open_log, write_lock

if TYPE_CHECKING:
    from app.catalog.model import Catalog
    from app.kernel.paths import AppPaths


def run_import(args: argparse.Namespace, paths: AppPaths) -> int:
    from app.catalog import load_catalog
    from app.kernel.resources import resources_dir

    catalog = load_catalog(resources_dir()).catalog
    # A real import holds the write lock from reading the log to writing it:
    # another import at the same time would find the same sessions new.
    with contextlib.nullcontext() if args.dry_run else write_lock(paths):
        return import_file(args, paths, catalog)


def import_file(args: argparse.Namespace, paths: AppPaths, catalog: Catalog) -> int:
    """The import of ``args.file``; a real one runs under the write lock its
    caller holds (run_import, or a test that holds it as run_import does)."""
    from app.exchange.model import ImportFileError
    from app.exchange.plan import file_line
    from app.usecases.import_flow import automatic_plan, read_and_plan

    reader = open_log(paths, for_writing=not args.dry_run, lock_held=not args.dry_run)
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
    from app.exchange.writer import ImportWriteError, apply_import, running_parts
    from app.kernel.clock import SystemClock
    from app.storage.store import Store

    store = Store(paths.database, paths.backups_dir, SystemClock(), paths.pictures_dir)
    try:
        result = apply_import(store, plan, lock_held=True)  # taken by run_import
    except ImportFileError as exc:  # found as the file was read and written
        raise UserError(f"{exc} (nothing was imported)") from exc
    except ImportWriteError as exc:
        raise UserError(str(exc)) from exc
    except OSError as exc:
        raise UserError(f"nothing was imported: {exc.strerror or exc}") from exc
    finally:
        store.close()
    print(file_line(result.log or plan.log))
    # The running week (our own JSON): added, and what the log had already.
    running = running_parts(result)
    if running:
        print(f"Running week: {'; '.join(running)}.")
    if not result.sets_added and not result.exercises_created and not result.body_notes_added \
            and not result.running_added:
        print(f"Nothing new: {'all ' if result.skipped_sessions > 1 else ''}{result.skipped_sessions} "
              f"session{'s are' if result.skipped_sessions != 1 else ' is'} already in the log.")
        return EXIT_OK
    if result.sessions_added:
        print(f"Added {counted(result.sessions_added, 'session')} "
              f"with {counted(result.sets_added - result.sets_added_to_existing, 'set')}"
              + (f"; skipped {result.skipped_sessions} already in the log"
                 if result.skipped_sessions else "") + ".")
    # A workout that gained sets since the last import: what was added, set by set.
    for line in result.tally.grown_lines(lambda name: names.get(name, name), would=False):
        print(line)
    if result.body_notes_added:
        print(f"Added {counted(result.body_notes_added, 'quick note')}.")
    if result.exercises_created:
        print("New custom exercises: " + ", ".join(result.exercises_created) + ".")
    if result.backup is not None:
        print(f"The log before the import is backed up in {result.backup}")
    return EXIT_OK
