from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from app.kernel.paths import DATA_DIR_ENV, DataDirError, prepare_dirs, resolve_paths


def test_explicit_dir_wins_over_environment(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path / "arg", environ={DATA_DIR_ENV: str(tmp_path / "env")})
    assert paths.data_dir == tmp_path / "arg"
    assert paths.log_dir == tmp_path / "arg" / "logs"
    assert paths.database == tmp_path / "arg" / "hamstride.db"


def test_environment_wins_over_platform_default(tmp_path: Path) -> None:
    paths = resolve_paths(None, environ={DATA_DIR_ENV: str(tmp_path / "env")})
    assert paths.data_dir == tmp_path / "env"


def test_platform_default_uses_app_name() -> None:
    paths = resolve_paths(None, environ={})
    # HOME and XDG_* point into a temp dir (conftest), so this is safe to inspect.
    assert paths.data_dir.name == "Hamstride"
    assert "Hamstride" in paths.log_dir.parts
    assert paths.data_dir != paths.log_dir


def test_data_dir_is_created_private(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path / "new" / "data")
    prepare_dirs(paths)
    assert stat.S_IMODE(paths.data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(paths.log_dir.stat().st_mode) == 0o700


def test_a_file_in_the_way_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("not a dir")
    with pytest.raises(DataDirError, match=str(blocker)):
        prepare_dirs(resolve_paths(blocker))


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_read_only_dir_is_a_clear_error_naming_it(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    with pytest.raises(DataDirError, match=str(locked)):
        prepare_dirs(resolve_paths(locked))


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
def test_uncreatable_dir_is_a_clear_error_naming_it() -> None:
    # Nobody, root included, can make a directory inside /proc/self.
    target = Path("/proc/self/hamstride-data")
    with pytest.raises(DataDirError, match="cannot create the data directory /proc/self/hamstride-data"):
        prepare_dirs(resolve_paths(target))


def test_a_read_only_data_dir_is_refused_for_writing_and_accepted_for_reading(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import tempfile

    from app.kernel.paths import ReadOnlyDataDirError

    paths = resolve_paths(tmp_path / "data")
    prepare_dirs(paths)
    assert prepare_dirs(paths, read_only_ok=True) is True

    def read_only_disk(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "TemporaryFile", read_only_disk)
    with pytest.raises(ReadOnlyDataDirError) as refused:
        prepare_dirs(paths)
    assert str(refused.value) == (f"{paths.data_dir} is read-only (the folder or its disk): "
                                  "nothing can be written there")
    assert prepare_dirs(paths, read_only_ok=True) is False
