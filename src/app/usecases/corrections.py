"""Corrections to the log, and how to take the last one back.

Each change the athlete makes in History (an edit, a deleted set, a deleted
session) is described by an object that knows how to undo itself on the
Store and how to say what it did. Pure Python: the Store is only a type.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from app.kernel.i18n import format_integer, translate
from app.logbook.entries import LoggedSetRecord, SessionRecord

if TYPE_CHECKING:
    from app.storage.store import Store


class Change(Protocol):
    @property
    def description(self) -> str: ...

    def undo(self, store: Store) -> None: ...


@dataclass(frozen=True)
class SetEdited:
    before: LoggedSetRecord
    after: LoggedSetRecord
    name: str

    @property
    def description(self) -> str:
        return translate("SetEdited", "Changed {exercise} set {number}").format(
            exercise=self.name, number=format_integer(self.before.set_number))

    def undo(self, store: Store) -> None:
        store.replace_set(self.before)


@dataclass(frozen=True)
class SetDeleted:
    record: LoggedSetRecord
    name: str

    @property
    def description(self) -> str:
        return translate("SetDeleted", "Deleted {exercise} set {number}").format(
            exercise=self.name, number=format_integer(self.record.set_number))

    def undo(self, store: Store) -> None:
        store.restore_set(self.record)


@dataclass(frozen=True)
class SessionDeleted:
    session: SessionRecord
    sets: tuple[LoggedSetRecord, ...]
    title: str

    @property
    def description(self) -> str:
        return translate("SessionDeleted", "Deleted the session {title} (%n set(s))",
                         n=len(self.sets)).format(title=self.title)

    def undo(self, store: Store) -> None:
        store.restore_session(self.session, self.sets)
