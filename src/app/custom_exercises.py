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


class CustomExerciseError(ValueError):
    """A value that cannot be saved; ``field`` names it for the form."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


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
                    level: str | None, steps: tuple[str, ...]) -> None:
    if not name.strip():
        raise CustomExerciseError("name", "give the exercise a name")
    if len(name) > MAX_NAME:
        raise CustomExerciseError("name", f"keep it under {MAX_NAME} characters")
    if not equipment:
        raise CustomExerciseError("equipment", "choose at least one (Bodyweight if none)")
    unknown = [e for e in equipment if e not in EQUIPMENT]
    if unknown:
        raise CustomExerciseError("equipment", f"unknown equipment {', '.join(unknown)}")
    if one_side not in ONE_SIDE:
        raise CustomExerciseError("one side", f"must be one of {', '.join(ONE_SIDE)}")
    if category not in CATEGORIES:
        raise CustomExerciseError("category", f"must be one of {', '.join(CATEGORIES)}")
    if level is not None and level not in LEVELS:
        raise CustomExerciseError("level", f"must be one of {', '.join(LEVELS)}")
    if not steps:
        raise CustomExerciseError("steps", "write at least one step")
    if len(steps) > MAX_STEPS:
        raise CustomExerciseError("steps", f"at most {MAX_STEPS} steps")
    for number, text in enumerate(steps, start=1):
        if not text.strip():
            raise CustomExerciseError(f"step {number}", "is empty")
        if len(text) > MAX_STEP_TEXT:
            raise CustomExerciseError(f"step {number}", f"keep it under {MAX_STEP_TEXT} characters")


def check_picture(path: Path) -> str:
    """Return the image type of ``path`` ("png", "jpg", ...) or raise with a message."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise CustomExerciseError("picture", f"cannot read {path.name}: {exc.strerror or exc}") from exc
    if size > MAX_PICTURE_BYTES:
        raise CustomExerciseError(
            "picture", f"{path.name} is {size / 1024 / 1024:.0f} MB; pictures must be 20 MB or less")
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError as exc:
        raise CustomExerciseError("picture", f"cannot read {path.name}: {exc.strerror or exc}") from exc
    for signature, kind in _IMAGE_SIGNATURES:
        if head.startswith(signature):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    raise CustomExerciseError("picture", f"{path.name} is not a picture (PNG, JPEG, GIF, BMP or WebP)")


@dataclass(frozen=True)
class StepInput:
    """A step as the form gives it: ``picture`` is a file the athlete chose
    (copied in on save) or the stored copy of an earlier one (kept)."""

    text: str
    picture: Path | None = None
