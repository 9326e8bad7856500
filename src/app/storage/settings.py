"""The settings aggregate: one JSON value per key.

Reads go through ``LogReader`` (plain SQL, for the first screen); writes are
here, each one short unit of work. ``put_setting`` and
``add_setting_if_absent`` write inside a transaction the caller holds (the
import writes the settings of our own JSON export with everything else).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.storage.models import Setting
from app.storage.unit_of_work import LogDatabase


class StoredSettings:
    def __init__(self, db: LogDatabase) -> None:
        self._db = db

    def set_setting(self, key: str, value: Any) -> None:
        with self._db.writing() as session:
            put_setting(session, key, value, self._db.now())


def put_setting(session: Session, key: str, value: Any, now: datetime) -> None:
    """Set ``key`` to ``value`` (JSON), adding or replacing its row."""
    encoded = json.dumps(value, sort_keys=True)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=encoded, updated_at=now))
    else:
        row.value, row.updated_at = encoded, now


def add_setting_if_absent(session: Session, key: str, value: Any, now: datetime) -> bool:
    """Add ``key`` unless the log has it (a choice the athlete made wins); True when added."""
    if session.get(Setting, key) is not None:
        return False
    session.add(Setting(key=key, value=json.dumps(value, sort_keys=True), updated_at=now))
    return True
