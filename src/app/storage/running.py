"""The running week aggregate: runs, the planned week, races, body weight.

Each write is one short unit of work (``with db.writing()``): all of it is
on disk when the method returns, or none of it. Reads go through
``LogReader`` (app.storage.run_queries).

A run is one run whatever file it came from (issue 18): the same run read
from a watch's FIT file and from a Strava export differs by a few seconds
in its start, never by minutes, so a run starting within
``RUN_SAME_START_S`` of one stored (or of one earlier in the same batch) is
that run, already in the log. ``same_run`` is the one definition: the
importer's dry run calls it on ``LogReader.runs_between`` to say what an
import would add without writing.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left, insort
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from app.kernel.i18n import format_integer, translate
from app.logbook.runs import (
    BodyWeightRecord,
    PlannedDay,
    RaceRecord,
    RunEntry,
    RunRecord,
    RunRefusal,
    RunTag,
    Sport,
    validate_body_weight,
    validate_race_name,
    validate_run,
)
from app.storage import rows
from app.storage.models import BodyWeight, PlannedRunDay, Race, Run
from app.storage.unit_of_work import LogDatabase

# Two runs starting at most this far apart are the same run (two exports of
# one recording differ by seconds: a device's start button against the
# first GPS fix). Two real runs of one athlete are never two minutes apart.
RUN_SAME_START_S = 120


def same_run(a_start: datetime, b_start: datetime) -> bool:
    """Whether runs starting at these (aware) times are one run."""
    return abs((a_start - b_start).total_seconds()) <= RUN_SAME_START_S


@dataclass(frozen=True)
class RunsAdded:
    """What ``add_runs`` did: the runs it stored, and the entries it did not
    store because the log (or the batch itself) already had them."""

    added: list[RunRecord]
    already: list[RunEntry]


def _stored_form(entry: RunEntry) -> RunEntry:
    """The entry as the log gives it back: start in UTC, enums as enums."""
    return dataclasses.replace(entry, started_at=entry.started_at.astimezone(UTC),
                               sport=Sport(entry.sport), tag=RunTag(entry.tag),
                               tag_guessed=bool(entry.tag_guessed))


def _has_same(starts: list[datetime], start: datetime) -> bool:
    """Whether sorted ``starts`` holds one that is the same run as ``start``
    (only its neighbours on either side can be)."""
    i = bisect_left(starts, start)
    return any(same_run(starts[j], start) for j in (i - 1, i) if 0 <= j < len(starts))


class RunningRecords:
    def __init__(self, db: LogDatabase) -> None:
        self._db = db

    # -- runs -----------------------------------------------------------------

    def add_runs(self, entries: Sequence[RunEntry]) -> RunsAdded:
        """Store the runs not in the log yet, all in one transaction.

        Every entry is checked first (``validate_run`` against the clock's
        now): one refused (RunRefusal) and nothing is written. An entry
        starting within RUN_SAME_START_S of a stored run, or of an entry
        before it in ``entries``, is not stored again: it is listed in
        ``already`` (the stored run, and its tag, stay as they are)."""
        now = self._db.now()
        for entry in entries:
            validate_run(entry, now)
        if not entries:
            return RunsAdded(added=[], already=[])
        stored_forms = [_stored_form(entry) for entry in entries]
        margin = timedelta(seconds=RUN_SAME_START_S)
        low = min(e.started_at for e in stored_forms) - margin
        high = max(e.started_at for e in stored_forms) + margin
        athlete_id = self._db.athlete_id
        added_rows: list[Run] = []
        already: list[RunEntry] = []
        with self._db.writing() as session:
            starts = sorted(session.scalars(
                select(Run.started_at).where(Run.athlete_id == athlete_id,
                                             Run.started_at >= low, Run.started_at <= high)))
            for original, entry in zip(entries, stored_forms, strict=True):
                if _has_same(starts, entry.started_at):
                    already.append(original)
                    continue
                insort(starts, entry.started_at)
                row = Run(athlete_id=athlete_id, **rows.run_values(entry))
                session.add(row)
                added_rows.append(row)
            session.flush()
            return RunsAdded(added=[rows.run_record_of(row) for row in added_rows],
                             already=already)

    def set_run_tag(self, run_id: int, tag: RunTag) -> RunRecord:
        """The athlete's own tag for a run: no longer a guess, and never
        overwritten by one (a later import finds the run already there)."""
        tag = RunTag(tag)
        with self._db.writing() as session:
            row = _get_run(session, run_id, self._db.athlete_id)
            row.tag, row.tag_guessed = tag.value, False
            session.flush()
            return rows.run_record_of(row)

    def delete_run(self, run_id: int) -> RunRecord:
        """Delete a run; returns it for ``restore_run`` (undo)."""
        with self._db.writing() as session:
            row = _get_run(session, run_id, self._db.athlete_id)
            record = rows.run_record_of(row)
            session.delete(row)
            return record

    def restore_run(self, record: RunRecord) -> None:
        """Put a deleted run back as it was, id and all (undo)."""
        with self._db.writing() as session:
            session.add(Run(id=record.id, athlete_id=self._db.athlete_id,
                            **rows.run_values(_stored_form(record.entry))))

    # -- the planned week -------------------------------------------------------

    def set_planned_week(self, days: Sequence[PlannedDay]) -> None:
        """The planned running week, Monday first: exactly seven days."""
        if len(days) != 7:
            raise RunRefusal("weekday", translate("runs", "a planned week has seven days, "
                                                          "Monday first"))
        try:
            kinds = [PlannedDay(day) for day in days]
        except ValueError:
            raise RunRefusal("weekday", translate(
                "runs", "a planned day is rest, easy, long, quality or race")) from None
        athlete_id = self._db.athlete_id
        with self._db.writing() as session:
            session.execute(delete(PlannedRunDay).where(PlannedRunDay.athlete_id == athlete_id))
            session.execute(insert(PlannedRunDay), [
                {"athlete_id": athlete_id, "weekday": weekday, "kind": kind.value}
                for weekday, kind in enumerate(kinds)])

    # -- races ------------------------------------------------------------------

    def add_race(self, day: date, name: str) -> RaceRecord:
        """A one-off race on ``day`` (the athlete's calendar day)."""
        name = validate_race_name(name)
        with self._db.writing() as session:
            row = Race(athlete_id=self._db.athlete_id, day=day.isoformat(), name=name)
            session.add(row)
            session.flush()
            return rows.race_record((row.id, row.day, row.name))

    def delete_race(self, race_id: int) -> None:
        with self._db.writing() as session:
            row = session.get(Race, race_id)
            if row is None or row.athlete_id != self._db.athlete_id:
                raise LookupError(translate("Store", "no race with id {id}")
                                  .format(id=format_integer(race_id)))
            session.delete(row)

    # -- body weight ------------------------------------------------------------

    def set_body_weight(self, day: date, kg: float) -> BodyWeightRecord:
        """The body weight of ``day``: one value per day, so a second one on
        the same day replaces the first."""
        validate_body_weight(kg)
        athlete_id = self._db.athlete_id
        with self._db.writing() as session:
            row = session.scalar(select(BodyWeight).where(BodyWeight.athlete_id == athlete_id,
                                                          BodyWeight.day == day.isoformat()))
            if row is None:
                row = BodyWeight(athlete_id=athlete_id, day=day.isoformat(), kg=float(kg))
                session.add(row)
            else:
                row.kg = float(kg)
            session.flush()
            return rows.body_weight_record((row.id, row.day, row.kg))

    def delete_body_weight(self, record_id: int) -> None:
        with self._db.writing() as session:
            row = session.get(BodyWeight, record_id)
            if row is None or row.athlete_id != self._db.athlete_id:
                raise LookupError(translate("Store", "no body weight with id {id}")
                                  .format(id=format_integer(record_id)))
            session.delete(row)


def _get_run(session: Session, run_id: int, athlete_id: int) -> Run:
    row = session.get(Run, run_id)
    if row is None or row.athlete_id != athlete_id:
        raise LookupError(translate("Store", "no run with id {id}")
                          .format(id=format_integer(run_id)))
    return row
