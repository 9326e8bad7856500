"""Table models for History, read a page at a time.

A ten-year log has thousands of sessions; the models fetch the newest page
when shown and the next one only as the athlete scrolls (Qt's
canFetchMore/fetchMore), so opening History costs the same on any log.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.exchange.plan import SOURCE_LABELS
from app.kernel.i18n import QT_TRANSLATE_NOOP, format_datetime, format_decimal, format_integer, translate
from app.logbook.entries import (
    HELD_MARK,
    LoggedSetRecord,
    SessionRecord,
    SetType,
    Side,
    from_kg,
    held_or_unknown,
)
from app.logbook.formatting import format_duration, session_title
from app.storage.queries import LogReader

if TYPE_CHECKING:
    from app.logbook.runs import RunRecord

PAGE_SIZE = 200
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_Index = QModelIndex | QPersistentModelIndex
Record = TypeVar("Record", bound="SessionRecord | RunRecord")
# Stored set types and sides, as the athlete reads them (History and its set dialog).
SET_TYPE_WORDS: dict[str, str] = {
    SetType.WARMUP: QT_TRANSLATE_NOOP("history_models", "warm-up"),
    SetType.WORKING: QT_TRANSLATE_NOOP("history_models", "working"),
    SetType.DROP: QT_TRANSLATE_NOOP("history_models", "drop set")}
SIDE_WORDS: dict[str, str] = {Side.BOTH: QT_TRANSLATE_NOOP("history_models", "both sides"),
                              Side.LEFT: QT_TRANSLATE_NOOP("history_models", "left"),
                              Side.RIGHT: QT_TRANSLATE_NOOP("history_models", "right")}


def set_type_word(code: str) -> str:
    return translate("history_models", SET_TYPE_WORDS[code]) if code in SET_TYPE_WORDS else code


def side_word(side: str) -> str:
    return translate("history_models", SIDE_WORDS[side]) if side in SIDE_WORDS else side


def load_text(kg: float | None, entered_unit: str, units: str) -> str:
    """A load in the athlete's units; assistance (negative) says so."""
    if kg is None:
        return ""
    value = from_kg(kg, units)
    if entered_unit == units:  # shown exactly as typed (lb round-trips through kg)
        value = round(value, 3)
    text = f"{format_decimal(abs(value), 1)} {units}"
    return translate("history_models", "band −{load}").format(load=text) if value < 0 else text


def _minutes(seconds: float) -> str:
    """A session's length to the minute: seconds are noise in a list."""
    return format_duration(max(60, round(seconds / 60) * 60))


class NewestFirstModel(QAbstractTableModel, Generic[Record]):
    """A log's records (sessions, runs), newest first, read a page of
    PAGE_SIZE at a time as the view scrolls (canFetchMore / fetchMore), each
    page after the last record shown: a page costs the same on a ten-year
    log as on a new one. Subclasses say how a page is read and shown."""

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._reader: LogReader | None = None
        self._rows: list[Record] = []
        self._exhausted = True
        self.units = "kg"

    def read_page(self, reader: LogReader, after: Record | None) -> list[Record]:
        """PAGE_SIZE records, newest first: the newest, or those older than ``after``."""
        raise NotImplementedError

    def load(self, reader: LogReader, units: str) -> None:
        """Start again from the newest record (after a change, or a new log)."""
        self.beginResetModel()
        self._reader, self.units = reader, units
        self._rows = self.read_page(reader, None)
        self._exhausted = len(self._rows) < PAGE_SIZE
        self.endResetModel()

    def record(self, row: int) -> Record:
        return self._rows[row]

    def row_of(self, record_id: int) -> int | None:
        return next((n for n, r in enumerate(self._rows) if r.id == record_id), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and self._reader is not None

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or not self._rows:
            return
        assert self._reader is not None
        more = self.read_page(self._reader, self._rows[-1])
        self._exhausted = len(more) < PAGE_SIZE
        if more:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()


class SessionsModel(NewestFirstModel[SessionRecord]):
    COLUMNS = (QT_TRANSLATE_NOOP("SessionsModel", "Date"), QT_TRANSLATE_NOOP("SessionsModel", "Session"),
               QT_TRANSLATE_NOOP("SessionsModel", "Duration"), QT_TRANSLATE_NOOP("SessionsModel", "Sets"),
               QT_TRANSLATE_NOOP("SessionsModel", "Volume"))

    def read_page(self, reader: LogReader, after: SessionRecord | None) -> list[SessionRecord]:
        return reader.list_sessions(limit=PAGE_SIZE, before=None if after is None
                                    else (after.started_at, after.id))

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            name = self.COLUMNS[section]
            if name == "Volume":
                return translate("SessionsModel", "Volume ({units})").format(units=self.units)
            return translate("SessionsModel", name)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return format_datetime(record.started_at.astimezone())
            if column == 1:
                title = session_title(record)
                if record.title and record.program_day:  # the program day, when not in the title
                    title = translate("SessionsModel", "{title} · day {day}").format(
                        title=title, day=format_integer(record.program_day))
                if not record.source:
                    return title
                # The source is an app's name (Strong, Hevy...): not translated.
                return translate("SessionsModel", "{title} (from {source})").format(
                    title=title, source=SOURCE_LABELS.get(record.source, record.source))
            if column == 2:
                return "" if record.duration_s is None else _minutes(record.duration_s)
            if column == 3:
                return format_integer(record.set_count)
            if column == 4:
                return format_integer(round(from_kg(record.volume_kg, self.units))) \
                    if record.volume_kg else ""
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 2:
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            return translate("SessionsModel",
                             "Enter: show this session's sets · Shift+Delete: delete the session")
        return None


class SetsModel(QAbstractTableModel):
    """Sets, either one session's (in order) or one exercise's (newest first, paged)."""

    # The columns' untranslated names are also their keys (see _text).
    COLUMNS = (QT_TRANSLATE_NOOP("SetsModel", "Exercise"), QT_TRANSLATE_NOOP("SetsModel", "Set"),
               QT_TRANSLATE_NOOP("SetsModel", "Side"), QT_TRANSLATE_NOOP("SetsModel", "Type"),
               QT_TRANSLATE_NOOP("SetsModel", "Reps"), QT_TRANSLATE_NOOP("SetsModel", "Load"),
               QT_TRANSLATE_NOOP("SetsModel", "Time"), QT_TRANSLATE_NOOP("SetsModel", "RPE"),
               QT_TRANSLATE_NOOP("SetsModel", "RIR"), QT_TRANSLATE_NOOP("SetsModel", "Descent"),
               QT_TRANSLATE_NOOP("SetsModel", "Notes"))

    def __init__(self, name_of: Callable[[str], str], with_date: bool = False,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self._name_of = name_of
        self._with_date = with_date
        self._rows: list[LoggedSetRecord] = []
        self._dates: dict[int, Any] = {}
        self._more: Callable[[LoggedSetRecord], list[LoggedSetRecord]] | None = None
        self.units = "kg"
        self._columns = ((QT_TRANSLATE_NOOP("SetsModel", "Date"),) if with_date else ()) + self.COLUMNS

    def show_sets(self, sets: Sequence[LoggedSetRecord], units: str,
                  more: Callable[[LoggedSetRecord], list[LoggedSetRecord]] | None = None,
                  dates: dict[int, Any] | None = None) -> None:
        """Show ``sets``; ``more`` (given the last set) reads the next page, if any."""
        self.beginResetModel()
        self._rows, self.units, self._more = list(sets), units, more
        self._dates = dict(dates or {})
        self.endResetModel()

    def record(self, row: int) -> LoggedSetRecord:
        return self._rows[row]

    def records(self) -> list[LoggedSetRecord]:
        return list(self._rows)

    def row_of(self, set_id: int) -> int | None:
        return next((n for n, r in enumerate(self._rows) if r.id == set_id), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more is not None and bool(self._rows)

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        assert self._more is not None
        more = self._more(self._rows[-1])
        if len(more) < PAGE_SIZE:
            self._more = None
        if more:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()

    def add_dates(self, dates: dict[int, Any]) -> None:
        self._dates.update(dates)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translate("SetsModel", self._columns[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        s = self._rows[index.row()]
        name = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(s, name)
        if role == Qt.ItemDataRole.TextAlignmentRole and name in ("Set", "Reps", "Load", "Time", "RPE",
                                                                   "RIR", "Descent"):
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            return translate("SetsModel", "Enter or F2: change this set · Delete: delete it · "
                             "Ctrl+Z: undo the last change")
        return None

    def _text(self, s: LoggedSetRecord, column: str) -> str:
        if column == "Date":
            started = self._dates.get(s.session_id)
            return format_datetime(started.astimezone()) if started is not None else ""
        if column == "Exercise":
            return self._name_of(s.exercise_slug)
        if column == "Set":
            return format_integer(s.set_number)
        if column == "Side":
            return "" if s.side == Side.BOTH else side_word(s.side)
        if column == "Type":  # only what is not a plain working set stands out
            return "" if s.set_type == SetType.WORKING else set_type_word(s.set_type)
        if column == "Reps":
            return "" if s.reps is None else format_integer(s.reps)
        if column == "Load":
            return load_text(s.load_kg, s.load_unit, self.units)
        if column == "Time":
            parts = []
            if s.duration_s is not None:
                parts.append(format_duration(s.duration_s))
            if s.distance_m is not None:
                parts.append(f"{format_decimal(s.distance_m, 1)} m")
            return " · ".join(parts)
        if column == "RPE":
            return "" if s.rpe is None else format_decimal(s.rpe, 1)
        if column == "RIR":  # reps in reserve, a whole number
            return "" if s.rir is None else format_integer(s.rir)
        if column == "Descent":
            if not s.descent_s:
                return ""
            held = held_or_unknown(s.descent_s, s.descent_held)
            best = max(s.descent_s)
            # Reps held to the floor are their target, a lower bound: said with ≥ and +.
            mean = format_decimal(sum(s.descent_s) / len(s.descent_s), 1)
            return translate("SetsModel", "{mean} s mean · {best} best").format(
                mean=f"≥ {mean}" if any(held) else mean,
                best=format_decimal(best, 1) + (HELD_MARK if any(
                    h for d, h in zip(s.descent_s, held, strict=True) if d == best) else ""))
        if column == "Notes":
            return s.notes
        return ""
