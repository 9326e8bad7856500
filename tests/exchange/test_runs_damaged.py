"""Damaged run files of every kind (cut at many places, bytes changed)
are read or refused with RunFileRefused: never another exception, which
would reach the athlete as a traceback."""

from __future__ import annotations

import gzip
import random
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.exchange.runs import RunFile, RunFileRefused, read_runs
from helpers.run_files import (
    fit_bytes,
    garmin_row,
    gpx_text,
    tcx_text,
    write_garmin_csv,
)

START = datetime(2025, 8, 3, 7, 0, tzinfo=UTC)


def _csv(tmp_path: Path) -> bytes:
    return write_garmin_csv(tmp_path / "source.csv", [
        garmin_row("Running", datetime(2025, 8, 3, 9, 0), "Easy", 8.0, 2800, avg_hr=140,
                   ascent=50),
        garmin_row("Cycling", datetime(2025, 8, 4, 9, 0), "Ride", 30.0, 3600)]).read_bytes()


KINDS: dict[str, Callable[[Path], bytes]] = {
    "run.fit": lambda _: fit_bytes(START, 900, 3.0, heart_rate=150, ascent_m=10, every_s=15),
    "run.gpx": lambda _: gpx_text(START, 900, 3.0, heart_rate=150, climb_every_s=60,
                                  every_s=15).encode(),
    "run.tcx": lambda _: tcx_text(START, 900, 3.0, heart_rate=150, laps=2, every_s=15).encode(),
    "run.csv": _csv,
    "run.fit.gz": lambda _: gzip.compress(fit_bytes(START, 900, 3.0, every_s=15)),
}


def _outcome(path: Path) -> RunFile | RunFileRefused:
    try:
        return read_runs(path, tz=UTC)
    except RunFileRefused as refused:
        assert str(refused).startswith(path.name)
        return refused


@pytest.mark.parametrize("name", sorted(KINDS))
def test_cut_anywhere(tmp_path: Path, name: str) -> None:
    whole = KINDS[name](tmp_path)
    path = tmp_path / name
    for keep in range(0, len(whole), max(1, len(whole) // 60)):
        path.write_bytes(whole[:keep])
        _outcome(path)
    path.write_bytes(whole)
    assert isinstance(_outcome(path), RunFile)


@pytest.mark.parametrize("name", sorted(KINDS))
def test_bytes_changed(tmp_path: Path, name: str) -> None:
    whole = KINDS[name](tmp_path)
    path = tmp_path / name
    chance = random.Random(18)
    for _ in range(80):
        data = bytearray(whole)
        for _ in range(chance.randint(1, 4)):
            data[chance.randrange(len(data))] = chance.randrange(256)
        path.write_bytes(bytes(data))
        _outcome(path)


def test_a_changed_fit_byte_is_always_refused(tmp_path: Path) -> None:
    whole = fit_bytes(START, 900, 3.0, every_s=15)
    path = tmp_path / "run.fit"
    for index in range(14, len(whole), 37):  # past the header: the CRC covers the data
        data = bytearray(whole)
        data[index] ^= 0x01
        path.write_bytes(bytes(data))
        assert isinstance(_outcome(path), RunFileRefused)
