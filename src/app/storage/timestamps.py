"""How times are written in the database: naive UTC text, the format
SQLAlchemy's DateTime uses on SQLite, so the ORM and plain SQL agree."""

from __future__ import annotations

from datetime import UTC, datetime

_FORMAT = "%Y-%m-%d %H:%M:%S.%f"


def to_db_time(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError(f"naive datetime {moment!r}: store aware (UTC) datetimes only")
    return moment.astimezone(UTC).replace(tzinfo=None).strftime(_FORMAT)


def from_db_time(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)
