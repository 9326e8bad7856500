"""Commands that only read open a big log as fast as a small one (issue 15, point 15).

`hamstride history` on a 1,000,000-set log took ~9 s: every command ran
SQLite's whole-file integrity check (a read of every page) before opening the
log. The commands that only read (history, today, programs, export) now open
a sound log of the newest schema without it, as the window does; what writes
(import, backup, session) and whatever must create or upgrade the log still
checks the whole file first. A damaged page met while reading is one line,
and the next opening checks the whole file (and sets a damaged one aside).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from app.kernel.paths import AppPaths
from app.storage.database import damage_mark
from helpers.cli_run import run
from helpers.sqlite_work import build_logs, count_sqlite, install, trash_index_page

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from big_log import make_big_log

SMALL_SETS = 2_000
BIG_SETS = 100_000
LIMIT = 5
# What `history --limit 5` may do more of on the big log than on the small
# one, in SQLite instructions: the B-trees' depth. The whole-file check of
# the big log is millions; a scan of its sets ~500,000.
ALLOWED_GROWTH = 5_000
# Read by `history`: the sessions are picked through it, newest first.
READ_INDEX = "ix_workout_session_athlete_started"


@pytest.fixture(scope="module")
def logs(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    return build_logs(tmp_path_factory, (SMALL_SETS, BIG_SETS), make_big_log)


def _history_work(log: Path, paths: AppPaths, capsys: pytest.CaptureFixture[str],
                  patch: pytest.MonkeyPatch) -> int:
    install(log, paths)
    work = count_sqlite(patch)
    code, out, err = run(capsys, "--data-dir", str(paths.data_dir), "history", "--limit",
                         str(LIMIT))
    patch.undo()
    assert (code, err) == (0, "")
    # Each session is a heading, its sets and a blank line.
    assert out.count("\n\n") == LIMIT, out
    return work.steps


def test_history_reads_as_much_of_a_big_log_as_of_a_small_one(
        logs: dict[int, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from app.kernel.paths import prepare_dirs, resolve_paths

    steps = {}
    for sets in (SMALL_SETS, BIG_SETS):
        paths = resolve_paths(tmp_path / f"data{sets}")
        prepare_dirs(paths)
        with monkeypatch.context() as patch:
            steps[sets] = _history_work(logs[sets], paths, capsys, patch)
    assert steps[SMALL_SETS] > 0  # the count works
    assert steps[BIG_SETS] - steps[SMALL_SETS] <= ALLOWED_GROWTH, steps


def test_a_damaged_page_met_by_history_is_one_line_and_the_next_opening_sets_the_log_aside(
        logs: dict[int, Path], paths: AppPaths, capsys: pytest.CaptureFixture[str]) -> None:
    install(logs[SMALL_SETS], paths)
    damaged = trash_index_page(paths.database, READ_INDEX)
    code, out, err = run(capsys, "--data-dir", str(paths.data_dir), "history", "--limit", "5")
    assert code == 1 and out == ""
    assert err == ("hamstride: history: the training log file is damaged. Restart Hamstride: it "
                   "keeps the damaged file aside and offers your backups\n")
    # A read wrote nothing to the log; it left the mark for a whole-file check.
    assert paths.database.read_bytes() == damaged
    assert damage_mark(paths.database).exists()
    code, out, err = run(capsys, "--data-dir", str(paths.data_dir), "history")
    assert code == 0 and "No sessions logged yet" in out
    assert "was moved, unchanged, to" in err
    (aside,) = paths.damaged_dir.glob("*.db")
    assert aside.read_bytes() == damaged


def test_a_command_that_writes_still_checks_the_whole_log_first(
        logs: dict[int, Path], paths: AppPaths, capsys: pytest.CaptureFixture[str]) -> None:
    """A page no read touches (an index only the records use) is damaged:
    history reads on, a backup refuses to copy the damaged file."""
    install(logs[SMALL_SETS], paths)
    damaged = trash_index_page(paths.database, "ix_logged_set_mean_descent")
    code, out, _err = run(capsys, "--data-dir", str(paths.data_dir), "history", "--limit", "1")
    assert code == 0 and out.count("\n\n") == 1
    code, _out, err = run(capsys, "--data-dir", str(paths.data_dir), "backup")
    assert "was moved, unchanged, to" in err
    (aside,) = paths.damaged_dir.glob("*.db")
    assert aside.read_bytes() == damaged
    assert all(backup.read_bytes() != damaged for backup in paths.backups_dir.glob("*.db"))


def test_a_log_a_read_must_upgrade_is_checked_whole_first(
        paths: AppPaths, capsys: pytest.CaptureFixture[str]) -> None:
    """Upgrading writes: the whole-file check runs before it, for a read too."""
    shutil.copyfile(Path(__file__).parents[1] / "fixtures" / "schema_v7.db", paths.database)
    damaged = trash_index_page(paths.database, "ix_logged_set_mean_descent")
    code, out, err = run(capsys, "--data-dir", str(paths.data_dir), "history")
    assert code == 0 and "No sessions logged yet" in out
    assert "was moved, unchanged, to" in err
    (aside,) = paths.damaged_dir.glob("*.db")
    assert aside.read_bytes() == damaged
    assert not list(paths.backups_dir.glob("*before-v*"))  # the damaged file was not upgraded
