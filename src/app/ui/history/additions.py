"""Additions to the log made in History, and how to take the last one back.

The counterparts of ``app.usecases.corrections`` (edits and deletions) for what the
athlete adds by hand: a past session with its sets, or a set forgotten in a
logged session. Each undoes itself on the Store and says what it did, so the
History controller keeps one undo for every kind of change. Pure Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.kernel.i18n import format_integer, translate
from app.logbook.entries import LoggedSetRecord, SessionRecord

if TYPE_CHECKING:
    from app.storage.store import Store


@dataclass(frozen=True)
class SessionAdded:
    session: SessionRecord
    sets: tuple[LoggedSetRecord, ...]
    title: str

    @property
    def description(self) -> str:
        return translate("SessionAdded", "Added the session {title} (%n set(s))",
                         n=len(self.sets)).format(title=self.title)

    def undo(self, store: Store) -> None:
        store.delete_session(self.session.id)


@dataclass(frozen=True)
class SetAdded:
    record: LoggedSetRecord
    name: str

    @property
    def description(self) -> str:
        return translate("SetAdded", "Added {exercise} set {number}").format(
            exercise=self.name, number=format_integer(self.record.set_number))

    def undo(self, store: Store) -> None:
        store.delete_set(self.record.id)
