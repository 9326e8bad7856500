"""The session in progress, saved as it goes so a crash or a kill loses nothing.

One JSON file (the app keeps it at ``<data dir>/session-in-progress.json``)::

    {"version": 1, "plan": SessionPlan.to_dict(), "snapshot": engine.snapshot(),
     "session_id": 12, "saved_at": "2026-01-05T17:31:02+00:00",
     "writing": null or a SetEntry being written, "last_set_id": null or 57}

A set is written to the database *before* the engine moves on: if the
program dies between the two, the file still shows the log sheet. The set
on the sheet has an identity in the snapshot from the moment it finished
(``pending.uid``), and its row is written under it: the next start looks for
it and, found, moves on; and a write of it again stores nothing new. So
whatever the sequence of kills and resumes, a set is never stored twice.
``writing`` is what the athlete had typed on the sheet when the write began
(the sheet shows it again if the set was not stored).

No Qt here: the app reads this file at start-up to offer to resume, before
any session screen exists.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.kernel.atomic import atomic_write
from app.kernel.clock import SystemClock
from app.kernel.i18n import QT_TRANSLATE_NOOP, format_integer, translate
from app.logbook.entries import SetEntry, Side

if TYPE_CHECKING:
    from app.session.events import State
    from app.session.plan import SessionPlan

# The session's modules (events, plan, engine: ~10 ms of imports before the
# engine's own) load only when there is a saved session to read: the window's
# start asks at every start, and almost always finds no file.

log = logging.getLogger(__name__)

SAVE_VERSION = 1
SAVED_SESSION_FILE = "session-in-progress.json"

# Where the session stopped: resting before a set, or at a set in one of
# these states, or just at a set (marked here, translated in describe()).
_RESTING = QT_TRANSLATE_NOOP("SavedSession", "resting before set {number} of {count}")
def _at_set(state: State) -> str:
    """Where a session stopped at a set, marked for translation."""
    from app.session.events import State

    return {
        State.READY: QT_TRANSLATE_NOOP("SavedSession", "ready for set {number} of {count}"),
        State.SET_RUNNING: QT_TRANSLATE_NOOP("SavedSession", "during set {number} of {count}"),
        State.SET_DONE: QT_TRANSLATE_NOOP("SavedSession", "logging set {number} of {count}"),
        State.SWITCHING_SIDE: QT_TRANSLATE_NOOP("SavedSession",
                                                "switching to set {number} of {count}"),
    }.get(state, _ANY_SET)


_ANY_SET = QT_TRANSLATE_NOOP("SavedSession", "set {number} of {count}")


@dataclass(frozen=True)
class SavedSession:
    """A session in progress read back from its file, already checked: the
    engine can be restored from it (``SessionEngine.restore``)."""

    path: Path
    plan: SessionPlan
    snapshot: Mapping[str, Any]
    session_id: int | None      # the stored workout session row; None if never created
    saved_at: datetime | None
    writing: SetEntry | None    # a set whose write was under way when the file was saved
    last_set_id: int | None     # stored id of the last confirmed set (Ctrl+Z removes it)

    @property
    def state(self) -> State:
        from app.session.events import State

        return State(self.snapshot["state"])

    def describe(self) -> str:
        """Where the athlete was, for the "resume?" question:
        "Nordic hamstring curl, resting before set 2 of 2, 1 of 2 sets logged"."""
        from app.session.events import State

        snap = self.snapshot
        items = self.plan.items
        logged = len(snap["logged"])
        planned = sum(i.sets * len(i.side_order) for i in items)
        if self.state is State.RESTING and snap.get("rest_target") is not None:
            index, number, side = snap["rest_target"]
            where = _RESTING
        else:
            position = snap["position"]
            index, number, side = position["item"], position["set"], position["side"]
            where = _at_set(self.state)
        item = items[index]
        place = translate("SavedSession", where).format(number=format_integer(number),
                                                       count=format_integer(item.sets))
        if side == Side.LEFT:
            place = translate("SavedSession", "{place} (left leg)").format(place=place)
        elif side == Side.RIGHT:
            place = translate("SavedSession", "{place} (right leg)").format(place=place)
        done = translate("SavedSession", "{logged} of %n set(s) logged", None, planned).format(
            logged=format_integer(logged))
        return translate("SavedSession", "{name}, {place}, {done}").format(
            name=item.name, place=place, done=done)


def entry_to_dict(entry: SetEntry) -> dict[str, Any]:
    data = dataclasses.asdict(entry)
    if entry.descent_s is not None:
        data["descent_s"] = list(entry.descent_s)
    data["descent_held"] = list(entry.descent_held)
    return data


def entry_from_dict(data: Mapping[str, Any]) -> SetEntry:
    """ValueError (InvalidEntryError is one) or TypeError when it is not a set."""
    values = dict(data)
    if values.get("descent_s") is not None:
        values["descent_s"] = tuple(values["descent_s"])
    if "descent_held" in values:  # absent in a session saved before schema v7
        values["descent_held"] = tuple(values["descent_held"])
    return SetEntry(**values)


def session_payload(plan: SessionPlan, snapshot: Mapping[str, Any], *, session_id: int | None,
                    saved_at: datetime, writing: SetEntry | None = None,
                    last_set_id: int | None = None) -> dict[str, Any]:
    return {
        "version": SAVE_VERSION,
        "plan": plan.to_dict(),
        "snapshot": dict(snapshot),
        "session_id": session_id,
        "saved_at": saved_at.isoformat(),
        "writing": None if writing is None else entry_to_dict(writing),
        "last_set_id": last_set_id,
    }


def write_saved_session(path: Path, payload: Mapping[str, Any]) -> None:
    """Replace the file in one step: a reader sees the old state or the new, never half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(payload, indent=1, sort_keys=True)
    with atomic_write(path) as handle:
        handle.write(text)


def delete_saved_session(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        Path(path).unlink()


def load_saved_session(path: Path) -> SavedSession | None:
    """The session saved in ``path``, or None when there is nothing to resume:
    no file, a finished session, or a damaged file (the reason is logged, and
    the file is left as it is for whoever wants to look at it)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as error:
        log.warning("cannot read the saved session %s: %s", path, error)
        return None
    try:
        saved = _parse(path, text)
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        log.warning("the saved session %s is damaged and cannot be resumed: %s", path, error)
        return None
    from app.session.events import State

    if saved.state is State.SUMMARY:
        log.info("the saved session %s had already finished; nothing to resume", path)
        return None
    return saved


def _parse(path: Path, text: str) -> SavedSession:
    # The engine and the plan (~30 ms of imports) load only when there is a
    # saved session to read: the start-up's worker asks at every start, and
    # almost always finds no file.
    from app.session.engine import SessionEngine
    from app.session.plan import SessionPlan

    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    if data.get("version") != SAVE_VERSION:
        raise ValueError(f"version {data.get('version')!r} is not supported")
    plan = SessionPlan.from_dict(data["plan"])
    snapshot = data["snapshot"]
    if not isinstance(snapshot, dict):
        raise ValueError("the snapshot is not an object")
    # Restoring is the real check: it refuses a snapshot that contradicts
    # itself or belongs to another plan. The engine made here is thrown away.
    SessionEngine.restore(snapshot, plan, SystemClock())
    session_id = _optional_id("session_id", data.get("session_id"))
    last_set_id = _optional_id("last_set_id", data.get("last_set_id"))
    saved_at = data.get("saved_at")
    moment = None if saved_at is None else datetime.fromisoformat(saved_at)
    writing = data.get("writing")
    entry = None if writing is None else entry_from_dict(writing)
    return SavedSession(path=path, plan=plan, snapshot=snapshot, session_id=session_id,
                        saved_at=moment, writing=entry, last_set_id=last_set_id)


def _optional_id(name: str, value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{name} must be a positive whole number, got {value!r}")
    return value
