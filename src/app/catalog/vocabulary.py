"""The catalog's fixed vocabularies: how a dose is given, an exercise's
category and its level (also a program's level).

Each member's value is the string the exercise and program files, the
athlete's own exercises and programs (in the database) and every export
already store, so a member compares equal to what was read and is written
out unchanged. Stdlib only: the session engine and the program model import
these without loading the catalog (see ``app.catalog``'s lazy names).

A warm-up has one spelling, ``warmup``, the log's set type's (schema v10):
what was written as ``warm-up`` before is read through ``category_of``.
"""

from __future__ import annotations

from enum import StrEnum


class DoseKind(StrEnum):
    """How a dose's amount is given: reps per set, seconds of each hold
    (``holds`` times per set), or seconds of work per set."""

    REPS = "reps"
    HOLD = "hold"
    DURATION = "duration"


class Category(StrEnum):
    """What an exercise is for; where a session puts it (warm-up, main work,
    cool-down). ``mobility`` covers mobility and cool-down work (stretching,
    foam rolling)."""

    WARM_UP = "warmup"
    STRENGTH = "strength"
    MOBILITY = "mobility"


# What exercise files, exports and the log held before schema v10 (issue 17:
# one word, one spelling): still read, never written.
_OLD_CATEGORY_SPELLINGS: dict[str, Category] = {"warm-up": Category.WARM_UP}


def category_of(value: object) -> object:
    """``value`` as stored today: a category's old spelling becomes its
    member; anything else comes back as it was, for the reader to check."""
    if isinstance(value, str):
        return _OLD_CATEGORY_SPELLINGS.get(value, value)
    return value


class Level(StrEnum):
    """How trained the athlete should be for an exercise or a program."""

    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"
