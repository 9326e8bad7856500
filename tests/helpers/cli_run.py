"""Run the command line in-process as a test does: its exit code and what it
printed (argparse's usage errors exit through SystemExit)."""

from __future__ import annotations

import pytest

from app.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err
