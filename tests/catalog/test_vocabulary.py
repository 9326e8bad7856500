"""The catalog's vocabularies (dose kinds, categories, levels): their stored
values are what the exercise and program files, the database and exports hold,
so changing one is a format change, not a rename."""

from __future__ import annotations

import subprocess
import sys

from app.catalog.model import CATEGORIES, LEVELS, Prescription
from app.catalog.vocabulary import Category, DoseKind, Level, category_of
from app.logbook.entries import SetType


def test_stored_values_of_each_vocabulary() -> None:
    assert [kind.value for kind in DoseKind] == ["reps", "hold", "duration"]
    assert [category.value for category in Category] == ["warmup", "strength", "mobility"]
    assert [level.value for level in Level] == ["beginner", "intermediate", "advanced"]


def test_the_loaders_tuples_are_the_enums_values_in_order() -> None:
    assert CATEGORIES == ("warmup", "strength", "mobility")
    assert LEVELS == ("beginner", "intermediate", "advanced")
    assert all(type(value) is str for value in CATEGORIES + LEVELS)  # plain strings in messages


def test_a_member_is_the_string_that_was_read() -> None:
    # Values read from a file are plain strings: they compare, hash and format as members.
    assert DoseKind.HOLD == "hold" and {"hold": 1}[DoseKind.HOLD] == 1
    assert f"{Category.WARM_UP}" == "warmup" and str(Level.ADVANCED) == "advanced"


def test_a_warm_up_is_spelled_as_its_sets_type() -> None:
    # One word, one spelling (schema v10): the category is the log's set type.
    assert Category.WARM_UP == SetType.WARMUP == "warmup"


def test_the_old_spelling_of_a_category_is_read_as_todays() -> None:
    # Exercise files, exports and logs written before schema v10 say "warm-up".
    assert category_of("warm-up") is Category.WARM_UP
    assert category_of("warmup") == "warmup" and category_of("strength") == "strength"
    assert category_of("Warm-up") == "Warm-up" and category_of(3) == 3  # left for the reader to refuse


def test_a_prescription_says_its_kind_as_a_member() -> None:
    def kind(**dose: object) -> DoseKind:
        return Prescription(sets=3, rest_s=60, sources=(), **dose).kind  # type: ignore[arg-type]

    assert kind(reps=(8, 10)) is DoseKind.REPS
    assert kind(hold_s=30) is DoseKind.HOLD
    assert kind(duration_s=300) is DoseKind.DURATION


def test_the_vocabulary_loads_without_the_catalog_code() -> None:
    # The session engine and the program model import it: the loader, the
    # model and the figure code (~30 ms) must stay unloaded.
    code = ("import sys, app.catalog.vocabulary; "
            "print(sorted(m for m in ('app.catalog.model', 'app.catalog.loader', 'app.figure.pose') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
