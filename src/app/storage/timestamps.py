"""How times are written in the database: naive UTC text, the format
SQLAlchemy's DateTime uses on SQLite, so the ORM and plain SQL agree."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

_FORMAT = "%Y-%m-%d %H:%M:%S.%f"


def to_db_time(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError(f"naive datetime {moment!r}: store aware (UTC) datetimes only")
    return moment.astimezone(UTC).replace(tzinfo=None).strftime(_FORMAT)


def from_db_time(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def file_stamp(moment: datetime) -> str:
    """UTC time for file names: sorts as it reads, and never contains a colon."""
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def first_free(candidate: Callable[[int], Path]) -> Path:
    """``candidate(0)``, or the first of ``candidate(1)``, ``candidate(2)``...
    that does not exist yet (two files in the same second)."""
    n = 0
    while candidate(n).exists():
        n += 1
    return candidate(n)
