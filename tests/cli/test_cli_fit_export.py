"""`hamstride export --format fit --session ID -o FILE` (issue 19, point 8)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.logbook.entries import SetEntry
from app.storage.store import Store
from helpers.cli_run import run


@pytest.fixture
def one_session(paths: AppPaths, clock: FakeClock) -> tuple[AppPaths, int]:
    store, _ = Store.open(paths, clock)
    session = store.start_session(title="Tuesday gym")
    clock.advance(60)
    store.log_set(session.id, SetEntry("romanian-deadlift", 1, reps=8, load=60))
    clock.advance(120)
    store.log_set(session.id, SetEntry("nordic-hamstring-curl", 1, reps=5, descent_s=(5.0, 4.0)))
    clock.advance(1020)
    store.end_session(session.id)
    store.close()
    return paths, session.id


def test_the_command_writes_a_file_that_decodes(capsys: pytest.CaptureFixture[str],
                                                one_session: tuple[AppPaths, int],
                                                tmp_path: Path) -> None:
    from garmin_fit_sdk import Decoder, Stream

    paths, session_id = one_session
    target = tmp_path / "gym.fit"
    code, out, err = run(capsys, "--data-dir", str(paths.data_dir), "export", "--format", "fit",
                         "--session", str(session_id), "-o", str(target))
    assert code == 0, err
    assert out == f"Exported session {session_id} (2 sets) as FIT to {target}\n"
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    data = bytearray(target.read_bytes())
    assert Decoder(Stream.from_byte_array(data)).check_integrity()
    messages, errors = Decoder(Stream.from_byte_array(data)).read()
    assert errors == []
    sets = messages["set_mesgs"]
    assert [(s["repetitions"], s.get("weight")) for s in sets] == [(8, 60.0), (5, None)]
    assert messages["session_mesgs"][0]["total_elapsed_time"] == 1200.0


def test_an_unknown_session_is_one_line_and_exit_1(capsys: pytest.CaptureFixture[str],
                                                   one_session: tuple[AppPaths, int],
                                                   tmp_path: Path) -> None:
    paths, session_id = one_session
    target = tmp_path / "gym.fit"
    code, out, err = run(capsys, "--data-dir", str(paths.data_dir), "export", "--format", "fit",
                         "--session", str(session_id + 99), "-o", str(target))
    assert code == 1 and out == ""
    assert err == f"hamstride: no session has the id {session_id + 99}\n"
    assert not target.exists()


@pytest.mark.parametrize(("options", "message"), [
    (["--format", "fit"], "--format fit needs --session ID"),
    (["--format", "csv", "--session", "1"],
     "--session is for --format fit only; csv exports the whole log"),
])
def test_session_goes_with_fit_only(capsys: pytest.CaptureFixture[str],
                                    one_session: tuple[AppPaths, int], tmp_path: Path,
                                    options: list[str], message: str) -> None:
    paths, _ = one_session
    code, out, err = run(capsys, "--data-dir", str(paths.data_dir), "export", *options,
                         "-o", str(tmp_path / "x"))
    assert code == 1 and out == ""
    assert err == f"hamstride: {message}\n"


def test_a_folder_as_the_target_is_refused(capsys: pytest.CaptureFixture[str],
                                           one_session: tuple[AppPaths, int],
                                           tmp_path: Path) -> None:
    paths, session_id = one_session
    code, _, err = run(capsys, "--data-dir", str(paths.data_dir), "export", "--format", "fit",
                       "--session", str(session_id), "-o", str(tmp_path))
    assert code == 1 and "is not a regular file" in err
    assert tmp_path.is_dir()
