"""The coaching records aggregate: what the athlete follows and tells the coach.

Enrolments in a program (and the restart after a layoff), the athlete's own
programs, and quick notes on how the body feels. Reads go through
``LogReader`` and ``CoachingReader``; each write here is one unit of work.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.kernel.i18n import translate
from app.logbook.custom_exercises import slugify
from app.logbook.entries import (
    BodyNoteRecord,
    EnrolmentRecord,
    InvalidEntryError,
    validate_body_note,
    validate_enrolment,
)
from app.storage import rows
from app.storage.models import BodyNote, Enrolment, UserProgram
from app.storage.unit_of_work import LogDatabase

# What a quick note says, with its time: (noted_at, soreness, run_pain, words).
BodyNoteKey = tuple[datetime, int | None, str | None, str]


class CoachingRecords:
    def __init__(self, db: LogDatabase) -> None:
        self._db = db

    # -- programs followed --------------------------------------------------

    def enrol(self, program_slug: str, start_date: date,
              weekdays: Sequence[int], first_day: int = 1) -> EnrolmentRecord:
        """Follow ``program_slug`` from ``start_date`` on ``weekdays`` (0 = Monday),
        beginning at its session ``first_day`` (a restart after a layoff begins
        part-way through); the program followed until now, if any, ends in the
        same transaction."""
        days = tuple(sorted(weekdays))
        validate_enrolment(program_slug, start_date, days, first_day)
        now = self._db.now()
        with self._db.writing() as session:
            for row in session.scalars(select(Enrolment).where(Enrolment.ended_at.is_(None))):
                row.ended_at = now
            session.flush()  # the old one ends before the new one takes its place
            row = Enrolment(athlete_id=self._db.athlete_id, program_slug=program_slug,
                            start_date=start_date.isoformat(), weekdays=json.dumps(list(days)),
                            created_at=now, first_day=first_day)
            session.add(row)
            session.flush()
            return rows.enrolment_record_of(row)

    def restart_enrolment(self, program_slug: str, start_date: date,
                          first_day: int) -> EnrolmentRecord:
        """The restart after a layoff (app.usecases.today.Restart): the program followed
        begins again on ``start_date`` at its session ``first_day``, on the same
        weekdays, as a new enrolment (the old one ends; its sessions stay in the
        log). Done again for the same day and session it changes nothing, so
        starting the restarted session twice stores one restart. LookupError
        when ``program_slug`` is not the program followed (it changed meanwhile)."""
        active = self._db.reader.active_enrolment()
        if active is None or active.program_slug != program_slug:
            raise LookupError(f"not following {program_slug!r}: nothing to restart")
        if active.start_date == start_date and active.first_day == first_day:
            return active
        return self.enrol(program_slug, start_date, active.weekdays, first_day)

    def end_enrolment(self) -> None:
        """Stop following the current program (its sessions stay in the log)."""
        with self._db.writing() as session:
            for row in session.scalars(select(Enrolment).where(Enrolment.ended_at.is_(None))):
                row.ended_at = self._db.now()

    # -- the athlete's own programs -------------------------------------------

    def save_user_program(self, slug: str | None, name: str,
                          definition: Mapping[str, Any]) -> str:
        """Add (``slug`` None) or replace one of the athlete's programs; returns its
        slug. ``definition`` must already be checked by the program loader."""
        name = name.strip()
        if not name:
            raise InvalidEntryError("name", translate("Store", "give the program a name"))
        encoded = json.dumps(definition, sort_keys=True)
        now = self._db.now()
        with self._db.writing() as session:
            if slug is None:
                base = "my-" + (slugify(name).removeprefix("custom-") or "program")
                taken = set(session.scalars(select(UserProgram.slug)
                                            .where(UserProgram.slug.like(f"{base}%"))))
                slug, n = base, 2
                while slug in taken:
                    slug, n = f"{base}-{n}", n + 1
                session.add(UserProgram(slug=slug, name=name, definition=encoded, created_at=now,
                                        updated_at=now))
            else:
                row = session.scalar(select(UserProgram).where(UserProgram.slug == slug))
                if row is None:
                    raise _no_program(slug)
                row.name, row.definition, row.updated_at = name, encoded, now
        return slug

    def delete_user_program(self, slug: str) -> None:
        with self._db.writing() as session:
            row = session.scalar(select(UserProgram).where(UserProgram.slug == slug))
            if row is None:
                raise _no_program(slug)
            session.delete(row)

    # -- quick notes -------------------------------------------------------

    def add_body_note(self, *, soreness: int | None = None, run_pain: str | None = None,
                      words: str = "") -> BodyNoteRecord:
        """A quick note on how the body feels, now. What the athlete left out
        is stored as NULL, never as a 0; a note with nothing in it is refused."""
        words = validate_body_note(soreness, run_pain, words)
        with self._db.writing() as session:
            row = BodyNote(athlete_id=self._db.athlete_id, noted_at=self._db.now(),
                           soreness=soreness, run_pain=None if run_pain is None else str(run_pain),
                           words=words)
            session.add(row)
            session.flush()
            return rows.body_note_record_of(row)

    def body_note_keys(self) -> set[BodyNoteKey]:
        """What the athlete's quick notes say, each with its time."""
        with self._db.reading() as session:
            return body_note_keys(session, self._db.athlete_id)


def body_note_keys(session: Session, athlete_id: int) -> set[BodyNoteKey]:
    """What ``athlete_id``'s quick notes say, each with its time, as ``session`` sees them."""
    return {(noted_at, soreness, run_pain, words) for noted_at, soreness, run_pain, words
            in session.execute(select(BodyNote.noted_at, BodyNote.soreness, BodyNote.run_pain,
                                      BodyNote.words).where(BodyNote.athlete_id == athlete_id))}


def _no_program(slug: str) -> LookupError:
    return LookupError(translate("store", "no program of yours called {slug}").format(slug=repr(slug)))
