"""The custom exercises aggregate: the athlete's own exercises and their pictures.

An exercise owns the picture files its steps show (in the pictures folder):
a picture is copied in when chosen, never shared with another exercise, and
deleted once no exercise shows it. Reads go through ``LogReader``.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.kernel.i18n import translate
from app.logbook.custom_exercises import (
    CustomExercise,
    CustomExerciseError,
    StepInput,
    check_picture,
    is_picture_file_name,
    slugify,
    step_picture_error,
    validate_fields,
)
from app.storage.models import CustomExerciseRow, CustomStepRow
from app.storage.unit_of_work import LogDatabase


class CustomExercises:
    def __init__(self, db: LogDatabase, pictures_dir: Path) -> None:
        self._db = db
        self.pictures_dir = pictures_dir

    def save_custom_exercise(self, *, slug: str | None, name: str, equipment: Sequence[str],
                             one_side: str, category: str, level: str | None,
                             steps: Sequence[StepInput], notes: str = "",
                             based_on: str | None = None) -> CustomExercise:
        """Add (``slug`` None) or replace a custom exercise; all or nothing.

        Newly chosen pictures are checked and copied into the pictures folder
        first; if anything then fails, the copies are removed again, and the
        database is untouched. Pictures the exercise no longer uses are
        deleted only after the commit.
        """
        name = name.strip()
        category = validate_fields(name, tuple(equipment), one_side, category, level,
                                   tuple(step.text for step in steps))
        copied: list[Path] = []
        owned = self._pictures_of(slug) if slug is not None else set()
        try:
            stored = [self.store_picture(step.picture, number, owned, copied)
                      for number, step in enumerate(steps, start=1)]
            now = self._db.now()
            with self._db.writing() as session:
                if slug is None:
                    row = CustomExerciseRow(slug=free_slug(session, slugify(name)),
                                            created_at=now)
                    session.add(row)
                    old_pictures: set[str] = set()
                else:
                    found = session.scalar(select(CustomExerciseRow)
                                           .where(CustomExerciseRow.slug == slug))
                    if found is None:
                        raise _no_custom_exercise(slug)
                    row = found
                    old_pictures = {s.picture for s in row.steps if s.picture}
                    row.steps.clear()
                    session.flush()  # the old steps go before the new take their positions
                row.name, row.equipment = name, json.dumps(list(equipment))
                row.one_side, row.category, row.level = one_side, category, level
                row.notes, row.based_on, row.updated_at = notes, based_on, now
                row.steps.extend(CustomStepRow(position=n, text=step.text.strip(), picture=picture)
                                 for n, (step, picture) in enumerate(zip(steps, stored, strict=True),
                                                                     start=1))
                saved_slug = row.slug
        except BaseException:
            for path in copied:
                path.unlink(missing_ok=True)
            raise
        self._remove_pictures(old_pictures - {p for p in stored if p})
        return next(e for e in self._db.reader.custom_exercises() if e.slug == saved_slug)

    def delete_custom_exercise(self, slug: str) -> None:
        with self._db.writing() as session:
            row = session.scalar(select(CustomExerciseRow).where(CustomExerciseRow.slug == slug))
            if row is None:
                raise _no_custom_exercise(slug)
            pictures = {s.picture for s in row.steps if s.picture}
            session.delete(row)
        self._remove_pictures(pictures)

    # -- pictures ---------------------------------------------------------

    def _pictures_of(self, slug: str) -> set[str]:
        exercise = next((e for e in self._db.reader.custom_exercises() if e.slug == slug), None)
        return {s.picture.name for s in exercise.steps if s.picture} if exercise else set()

    def store_picture(self, picture: Path | None, number: int, owned: set[str],
                      copied: list[Path]) -> str | None:
        """The file name in the pictures folder for step ``number``'s picture.

        A picture this exercise already has (``owned``) is kept; any other
        file (even another exercise's copy, when duplicating) is copied, so
        deleting one exercise never takes a picture away from another."""
        if picture is None:
            return None
        if picture.parent == self.pictures_dir and picture.name in owned:
            return picture.name
        try:
            kind = check_picture(picture)
        except CustomExerciseError as exc:
            raise step_picture_error(number, exc.message) from exc
        self.pictures_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        target = self.pictures_dir / f"{uuid.uuid4().hex}.{kind}"
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        copied.append(target)
        with os.fdopen(fd, "wb") as out, picture.open("rb") as source:
            shutil.copyfileobj(source, out)
            out.flush()
            os.fsync(out.fileno())
        return target.name

    def imported_picture(self, name: str | None, claimed: set[str],
                         copied: list[Path]) -> str | None:
        """The picture file an imported step keeps, or None.

        A picture travels only by name: kept where the file is here, as this
        exercise's own. A file another exercise has (``claimed``, or an earlier
        one of this import) is copied, never shared: deleting one exercise must
        never take another's picture (a crafted file once made one point at
        another's). Copies made go in ``copied``, for the caller to remove if
        its transaction fails."""
        if name is None or not is_picture_file_name(name) or not (self.pictures_dir / name).is_file():
            return None
        if name in claimed:
            try:
                copy = self.store_picture(self.pictures_dir / name, 1, set(), copied)
            except CustomExerciseError:  # not a picture after all: the step goes without
                return None
            if copy is None:
                return None
            name = copy
        claimed.add(name)
        return name

    def _remove_pictures(self, names: set[str]) -> None:
        """Delete the pictures an exercise let go of, but never one another
        exercise still shows (a log a crafted import left sharing a file)."""
        if not names:
            return
        with self._db.writing() as session:
            in_use = pictures_in_use(session)
        for name in names - in_use:
            (self.pictures_dir / name).unlink(missing_ok=True)


def free_slug(session: Session, wanted: str) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``... the first no custom exercise has."""
    taken = set(session.scalars(select(CustomExerciseRow.slug)
                                .where(CustomExerciseRow.slug.like(f"{wanted}%"))))
    candidate, n = wanted, 2
    while candidate in taken:
        candidate, n = f"{wanted}-{n}", n + 1
    return candidate


def pictures_in_use(session: Session) -> set[str]:
    """The picture files the custom exercises' steps show."""
    return {name for name in session.scalars(select(CustomStepRow.picture)) if name}


def custom_slugs(session: Session) -> set[str]:
    return set(session.scalars(select(CustomExerciseRow.slug)))


def _no_custom_exercise(slug: str) -> LookupError:
    return LookupError(translate("store", "no custom exercise {slug}").format(slug=repr(slug)))
