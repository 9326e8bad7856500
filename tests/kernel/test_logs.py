"""The log file rotates by size and keeps a fixed number of old files."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from app.kernel.logs import RotatingLogFile


def _logger(handler: logging.Handler) -> logging.Logger:
    logger = logging.getLogger(f"test-rotation-{id(handler)}")
    logger.propagate = False
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    return logger


def test_the_log_rotates_by_size_and_keeps_the_newest_files(tmp_path: Path) -> None:
    path = tmp_path / "hamstride.log"
    handler = RotatingLogFile(path, max_bytes=200, backup_count=2)
    logger = _logger(handler)
    try:
        for number in range(40):
            logger.info("record %02d %s", number, "x" * 20)
    finally:
        handler.close()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["hamstride.log", "hamstride.log.1", "hamstride.log.2"]
    for file in tmp_path.iterdir():
        assert file.stat().st_size <= 200
    newest = path.read_text(encoding="utf-8")
    assert "record 39" in newest
    # The newest records are kept, the oldest dropped.
    kept = "".join(p.read_text(encoding="utf-8") for p in tmp_path.iterdir())
    assert "record 00" not in kept and "record 38" in kept


def test_a_record_larger_than_the_limit_is_still_written(tmp_path: Path) -> None:
    path = tmp_path / "hamstride.log"
    handler = RotatingLogFile(path, max_bytes=50, backup_count=1)
    logger = _logger(handler)
    try:
        logger.info("short")
        logger.info("long %s", "y" * 100)
    finally:
        handler.close()
    assert "y" * 100 in path.read_text(encoding="utf-8")
    assert "short" in (tmp_path / "hamstride.log.1").read_text(encoding="utf-8")


def test_logging_to_a_file_brings_no_network_module(tmp_path: Path) -> None:
    code = ("import sys, logging\nfrom pathlib import Path\nfrom app.kernel.logs import configure_logging\n"
            f"configure_logging(Path({str(tmp_path / 'x.log')!r}))\n"
            "logging.getLogger('t').warning('hello')\n"
            "print(sorted(m for m in ('socket', 'pickle', 'logging.handlers') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_full_disk_is_one_line_not_a_traceback_per_record(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 15 point 11: on a full disk every record printed logging's
    '--- Logging error ---' and a traceback on stderr. Now one line says the
    log cannot be written, and the next record that fits is written again."""
    import errno
    import io

    class FullDisk(io.StringIO):
        full = True

        def write(self, text: str) -> int:
            if FullDisk.full:
                raise OSError(errno.ENOSPC, "No space left on device")
            return super().write(text)

    path = tmp_path / "hamstride.log"
    handler = RotatingLogFile(path)
    # Private, but the standard library's: FileHandler opens its stream through _open (kept in
    # tests/project/test_tests_tree.py's KEPT_PRIVATE).
    monkeypatch.setattr(handler, "_open", lambda: FullDisk())
    logger = _logger(handler)
    try:
        for number in range(3):
            logger.info("record %d", number)
        err = capsys.readouterr().err
        assert err == f"hamstride: cannot write the log {path}: No space left on device\n"
        FullDisk.full = False
        logger.info("room again")
        stream = handler.stream
        assert isinstance(stream, FullDisk) and "room again" in stream.getvalue()
    finally:
        handler.close()
