"""Issue 15 points 9 and 14: where an export may be written.

``export -o PATH`` replaced whatever was at PATH (run as root, ``-o
/dev/full`` reported success and replaced the device node). A target that
exists and is not a regular file is refused with one clear line and left as
it was; a file name too long for the file system is one line too, and a long
name the file system takes is not refused because of the temporary file
written beside it.
"""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from app.kernel.atomic import NotARegularFileError, atomic_write, check_target, remove_leftovers
from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from helpers.cli_run import run
from helpers.export_targets import log_one_session, named_pipe

# NAME_MAX on Linux, macOS and Windows file systems alike.
NAME_MAX = 255


@pytest.fixture
def logged(paths: AppPaths, clock: FakeClock) -> AppPaths:
    return log_one_session(paths, clock)


def _targets(tmp_path: Path) -> dict[str, Path]:
    fifo = named_pipe(tmp_path)
    folder = tmp_path / "folder"
    folder.mkdir()
    to_fifo, to_folder = tmp_path / "to-pipe", tmp_path / "to-folder"
    to_fifo.symlink_to(fifo)
    to_folder.symlink_to(folder)
    return {"pipe": fifo, "folder": folder, "link to a pipe": to_fifo,
            "link to a folder": to_folder}


def _kind(path: Path) -> tuple[bool, int]:
    return path.is_symlink(), stat.S_IFMT(path.stat().st_mode)


def test_a_target_that_is_not_a_regular_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    for name, target in _targets(tmp_path).items():
        before = _kind(target)
        with pytest.raises(NotARegularFileError), atomic_write(target) as handle:
            handle.write("an export")
        assert _kind(target) == before, name
    assert remove_leftovers(tmp_path / "pipe") == 0  # nothing written beside it either


def test_a_regular_file_and_a_new_name_are_written(tmp_path: Path) -> None:
    existing = tmp_path / "old.csv"
    existing.write_text("old")
    for target in (existing, tmp_path / "new.csv"):
        check_target(target)
        with atomic_write(target) as handle:
            handle.write("new")
        assert target.read_text() == "new"


def test_cli_export_to_a_pipe_is_one_line(capsys: pytest.CaptureFixture[str], logged: AppPaths,
                                         tmp_path: Path) -> None:
    fifo = named_pipe(tmp_path)
    code, out, err = run(capsys, "--data-dir", str(logged.data_dir), "export", "--format", "csv",
                         "-o", str(fifo))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("hamstride: cannot write ")
    assert "is not a regular file" in err and "Traceback" not in err
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_cli_export_to_a_name_too_long_is_one_line(capsys: pytest.CaptureFixture[str],
                                                  logged: AppPaths, tmp_path: Path) -> None:
    target = tmp_path / ("a" * 300 + ".csv")
    code, out, err = run(capsys, "--data-dir", str(logged.data_dir), "export", "--format", "csv",
                         "-o", str(target))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("hamstride: cannot write ")
    assert "unexpected error" not in err and "Errno" not in err
    assert "too long" in err


def test_a_long_name_the_file_system_takes_is_exported(capsys: pytest.CaptureFixture[str],
                                                      logged: AppPaths, tmp_path: Path) -> None:
    """The temporary file beside the target must not need a longer name than it."""
    target = tmp_path / ("b" * (NAME_MAX - len(".json")) + ".json")
    code, out, err = run(capsys, "--data-dir", str(logged.data_dir), "export", "--format", "json",
                         "-o", str(target))
    assert (code, err) == (0, "")
    assert "Exported 1 set" in out and target.is_file()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
