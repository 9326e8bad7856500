"""Exercises the athlete adds: what they are, and the checks on what is typed.

Built-in exercises come from the catalog (resources/) and are read-only; a
custom exercise lives in the database, with optional pictures copied into
the data dir. Pure Python: the window and the command line share it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from app.catalog.model import CATEGORIES, EQUIPMENT, LEVELS, ONE_SIDE
from app.catalog.vocabulary import category_of
from app.kernel.i18n import QT_TRANSLATE_NOOP, format_decimal, format_integer, translate
from app.kernel.refusal import FieldRefusal

CUSTOM_SLUG_PREFIX = "custom-"
MAX_NAME = 80
MAX_STEP_TEXT = 400
MAX_STEPS = 12
MAX_PICTURE_BYTES = 20 * 1024 * 1024
# What a picture file may be, by its first bytes (the extension can lie).
_IMAGE_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"BM", "bmp"),
)


# The name the store gives a picture it copies in: a random hex id and the
# kind read from its first bytes. Only such a name is a picture an exercise
# can own; an import naming anything else is refused.
PICTURE_FILE_NAME = re.compile(r"^[0-9a-f]{32}\.(?:png|jpg|gif|bmp|webp)$")


def is_picture_file_name(name: str) -> bool:
    """True for a file name the store makes for a picture (never a path)."""
    return PICTURE_FILE_NAME.fullmatch(name) is not None


# The fields as messages name them (translated in CustomExerciseError).
_FIELD_LABELS = {
    "name": QT_TRANSLATE_NOOP("CustomExerciseError", "name"),
    "equipment": QT_TRANSLATE_NOOP("CustomExerciseError", "equipment"),
    "one side": QT_TRANSLATE_NOOP("CustomExerciseError", "one side"),
    "category": QT_TRANSLATE_NOOP("CustomExerciseError", "category"),
    "level": QT_TRANSLATE_NOOP("CustomExerciseError", "level"),
    "steps": QT_TRANSLATE_NOOP("CustomExerciseError", "steps"),
    "picture": QT_TRANSLATE_NOOP("CustomExerciseError", "picture"),
}


class CustomExerciseError(FieldRefusal):
    """A value that cannot be saved; ``field`` names it for the form.

    ``field`` is the key the form matches on ("name", "step 2") and stays in
    English; ``label`` is the field in the athlete's language.
    """

    LABELS = _FIELD_LABELS
    LABEL_CONTEXT = "CustomExerciseError"


def _step_error(number: int, message: str) -> CustomExerciseError:
    """A problem with the text of step ``number`` (from 1)."""
    return CustomExerciseError(f"step {number}", message, translate(
        "custom_exercises", "step {number}").format(number=format_integer(number)))


def step_picture_error(number: int, message: str) -> CustomExerciseError:
    """A problem with the picture of step ``number`` (from 1)."""
    return CustomExerciseError(f"step {number} picture", message, translate(
        "custom_exercises", "step {number} picture").format(number=format_integer(number)))


@dataclass(frozen=True)
class CustomStep:
    text: str
    picture: Path | None = None  # absolute path of the copy in the data dir


@dataclass(frozen=True)
class CustomExercise:
    """Shaped like a catalog Exercise where the library list needs it."""

    slug: str
    name: str
    equipment: tuple[str, ...]
    one_side: str
    category: str = "strength"
    level: str | None = None
    steps: tuple[CustomStep, ...] = ()
    notes: str = ""
    based_on: str | None = None  # slug of the built-in it was duplicated from
    aliases: tuple[str, ...] = field(default=())
    muscles: tuple[str, ...] = field(default=())

    @property
    def is_custom(self) -> bool:
        return True


def slugify(name: str) -> str:
    words = re.findall(r"[a-z0-9]+", name.lower())
    return CUSTOM_SLUG_PREFIX + ("-".join(words) or "exercise")


def validate_fields(name: str, equipment: tuple[str, ...], one_side: str, category: str,
                    level: str | None, steps: tuple[str, ...]) -> str:
    """Raise CustomExerciseError for the first value that cannot be saved;
    return the category as it is stored (an export written before schema
    v10 says "warm-up": it is read as "warmup", the one spelling stored)."""
    # Equipment, sides, categories and levels are named as stored: the form
    # offers only valid ones, so only an import file can get them wrong - and
    # a file can hold anything, so the kinds of value are checked first.
    if not isinstance(name, str):
        raise CustomExerciseError("name", translate("custom_exercises", "must be text"))
    if not _texts(equipment):
        raise CustomExerciseError("equipment", translate("custom_exercises", "must be a list of "
                                                                             "equipment names"))
    if not _texts(steps):
        raise CustomExerciseError("steps", translate("custom_exercises", "must be a list of texts"))
    if not name.strip():
        raise CustomExerciseError("name", translate("custom_exercises", "give the exercise a name"))
    if len(name) > MAX_NAME:
        raise CustomExerciseError("name", _too_long(MAX_NAME))
    if not equipment:
        raise CustomExerciseError("equipment", translate("custom_exercises", "choose at least one "
                                                                             "(Bodyweight if none)"))
    unknown = [e for e in equipment if e not in EQUIPMENT]
    if unknown:
        raise CustomExerciseError("equipment", translate("custom_exercises", "unknown equipment "
                                                                             "{values}")
                                  .format(values=", ".join(unknown)))
    if one_side not in ONE_SIDE:
        raise CustomExerciseError("one side", _not_one_of(ONE_SIDE))
    stored_category = category_of(category)
    if stored_category not in CATEGORIES:
        raise CustomExerciseError("category", _not_one_of(CATEGORIES))
    if level is not None and level not in LEVELS:
        raise CustomExerciseError("level", _not_one_of(LEVELS))
    if not steps:
        raise CustomExerciseError("steps", translate("custom_exercises", "write at least one step"))
    if len(steps) > MAX_STEPS:
        raise CustomExerciseError("steps", translate("custom_exercises", "at most {limit} steps")
                                  .format(limit=format_integer(MAX_STEPS)))
    for number, text in enumerate(steps, start=1):
        if not text.strip():
            raise _step_error(number, translate("custom_exercises", "is empty"))
        if len(text) > MAX_STEP_TEXT:
            raise _step_error(number, _too_long(MAX_STEP_TEXT))
    return str(stored_category)


def _texts(values: object) -> bool:
    """A list or tuple of strings (a lone string would read as its letters)."""
    return isinstance(values, list | tuple) and all(isinstance(v, str) for v in values)


def _too_long(limit: int) -> str:
    return translate("custom_exercises", "keep it under {limit} characters").format(
        limit=format_integer(limit))


def _not_one_of(values: tuple[str, ...]) -> str:
    return translate("custom_exercises", "must be one of {values}").format(values=", ".join(values))


def check_picture(path: Path) -> str:
    """Return the image type of ``path`` ("png", "jpg", ...) or raise with a message."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise CustomExerciseError("picture", _cannot_read(path, exc)) from exc
    if size > MAX_PICTURE_BYTES:
        raise CustomExerciseError("picture", translate(
            "custom_exercises", "{file} is {size} MB; pictures must be {limit} MB or less")
            .format(file=path.name, size=format_decimal(size / 1024 / 1024, 0),
                    limit=format_integer(MAX_PICTURE_BYTES // (1024 * 1024))))
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError as exc:
        raise CustomExerciseError("picture", _cannot_read(path, exc)) from exc
    for signature, kind in _IMAGE_SIGNATURES:
        if head.startswith(signature):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    raise CustomExerciseError("picture", translate(
        "custom_exercises", "{file} is not a picture (PNG, JPEG, GIF, BMP or WebP)")
        .format(file=path.name))


def _cannot_read(path: Path, exc: OSError) -> str:
    # The reason is the system's own words (strerror).
    return translate("custom_exercises", "cannot read {file}: {reason}").format(
        file=path.name, reason=exc.strerror or exc)


@dataclass(frozen=True)
class StepInput:
    """A step as the form gives it: ``picture`` is a file the athlete chose
    (copied in on save) or the stored copy of an earlier one (kept)."""

    text: str
    picture: Path | None = None
