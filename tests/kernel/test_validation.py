"""The validation toolkit every reader checks with (issue 17 point 4): how a
path reads, what each check accepts up to its boundaries and how it refuses."""

from __future__ import annotations

import math
from enum import StrEnum
from typing import Any

import pytest

from app.kernel.validation import (
    ROOT,
    SHOWN_MAX,
    Checker,
    Invalid,
    KeyPath,
    describe,
    is_int,
    is_number,
    show,
    show_number,
)

AT = KeyPath("weeks") / 1 / "sessions" / 2 / "reps"
check = Checker("programs/nordic.toml")


def refusal(call: Any, *args: Any, **kwargs: Any) -> Invalid:
    with pytest.raises(Invalid) as raised:
        call(*args, **kwargs)
    return raised.value


# -- paths and the error -------------------------------------------------------------


def test_a_path_reads_as_a_person_finds_the_value() -> None:
    assert str(AT) == "weeks[1].sessions[2].reps"
    assert str(KeyPath("weeks", 1, "sessions", 2, "reps")) == str(AT)
    assert KeyPath("weeks", 1, "sessions", 2, "reps") == AT
    assert hash(AT) == hash(KeyPath("weeks", 1, "sessions", 2, "reps"))
    assert KeyPath("weeks", 1, "sessions", 2) != AT
    assert str(KeyPath("poses", "pose-b", "on", "near_heel")) == "poses.pose-b.on.near_heel"
    assert str(ROOT / "slug") == "slug"
    assert str(ROOT) == "" and not ROOT and AT


def test_a_refusal_names_the_file_the_path_and_what_is_wrong() -> None:
    error = refusal(check.integer, 0, AT, 1, 20)
    assert str(error) == ("programs/nordic.toml: weeks[1].sessions[2].reps: "
                          "expected a whole number from 1 to 20, got 0")
    assert (error.at, error.source) == (AT, "programs/nordic.toml")
    assert error.message == "expected a whole number from 1 to 20, got 0"
    assert isinstance(error, ValueError)
    assert str(Invalid(ROOT, "expected a table")) == "expected a table"
    assert str(Invalid(AT, "too big")) == "weeks[1].sessions[2].reps: too big"


def test_a_reader_raises_its_own_error_type_and_says_things_its_way() -> None:
    class ReaderError(ValueError):
        pass

    class Reader(Checker):
        NOT_TABLE = "must be an object, not {value}"

        def error(self, at: KeyPath, message: str) -> Exception:
            return ReaderError(f"{at} -> {message}")

        def describe(self, value: Any) -> str:
            return "something"  # never the value

    with pytest.raises(ReaderError, match=r"^sessions\[3\] -> must be an object, not something$"):
        Reader().table([1], KeyPath("sessions", 3))


# -- scalars -------------------------------------------------------------------------


def test_a_whole_number_passes_from_low_to_high_and_true_is_not_one() -> None:
    assert check.integer(1, AT, 1, 20) == 1
    assert check.integer(20, AT, 1, 20) == 20
    assert "from 1 to 20, got 21" in refusal(check.integer, 21, AT, 1, 20).message
    assert "from 1 to 20, got 0" in refusal(check.integer, 0, AT, 1, 20).message
    assert refusal(check.integer, True, AT, 0, 1).message == "expected a whole number, got a boolean true"
    assert refusal(check.integer, 2.0, AT, 1, 20).message == "expected a whole number, got a float 2.0"
    assert refusal(check.integer, "3", AT, 1, 20).message == 'expected a whole number, got a string "3"'
    assert is_int(0) and not is_int(False) and not is_int(1.0)


def test_a_number_passes_from_low_to_high_finite_and_not_a_boolean() -> None:
    assert check.number(0, AT, 0, 165) == 0.0 and isinstance(check.number(0, AT, 0, 165), float)
    assert check.number(165, AT, 0, 165) == 165.0
    assert check.number(-180.0, AT, -180, 180) == -180.0
    assert refusal(check.number, 165.5, AT, 0, 165).message == "expected 0 to 165, got 165.5"
    assert refusal(check.number, -0.1, AT, 0, 165).message == "expected 0 to 165, got -0.1"
    for bad in (math.nan, math.inf, -math.inf, True, "45", None):
        assert refusal(check.number, bad, AT, 0, 165).message.startswith("expected a number, got ")
    assert not is_number(math.nan) and not is_number(True) and is_number(10**30)


def test_a_number_may_say_its_unit() -> None:
    error = refusal(check.number, 3600, AT, 0, 1800,
                    out_of_range="expected {low} to {high} seconds, got {value}")
    assert error.message == "expected 0 to 1800 seconds, got 3600"
    # A huge number is shown short, not as 301 digits.
    assert refusal(check.number, 1e300, AT, 0, 1800).message == "expected 0 to 1800, got 1e+300"
    assert show_number(2.5) == "2.5" and show_number(1e9) == "1e+09"


def test_text_is_one_unpadded_line_of_at_most_max_len_characters() -> None:
    assert check.text("x" * 8, AT, 8) == "x" * 8
    assert refusal(check.text, "x" * 9, AT, 8).message == "too long: 9 characters, at most 8"
    assert refusal(check.text, "", AT, 8).message == "must not be empty"
    assert refusal(check.text, "   ", AT, 8).message == "must not be empty"
    assert refusal(check.text, " a", AT, 8).message == "has leading or trailing spaces"
    assert refusal(check.text, "a\nb", AT, 8).message == "must be a single line"
    assert refusal(check.text, "a\rb", AT, 8).message == "must be a single line"
    assert check.text("a\nb", AT, 8, multiline=True) == "a\nb"
    assert check.text("", AT, 8, allow_empty=True) == ""
    assert refusal(check.text, 5, AT, 8).message == "expected a string, got an integer 5"


def test_text_may_hold_at_most_so_many_sentences() -> None:
    assert check.text("One. Two.", AT, 60, sentences=2) == "One. Two."
    # A sentence ends at a mark followed by a space: "3.5 kg" is not two.
    assert check.text("Lift 3.5 kg. Hold it", AT, 60, sentences=2) == "Lift 3.5 kg. Hold it"
    assert refusal(check.text, "One. Two! Three?", AT, 60, sentences=2).message == \
        "at most 2 sentences, got 3"


def test_a_boolean_is_true_or_false_only() -> None:
    assert check.boolean(True, AT) is True and check.boolean(False, AT) is False
    assert refusal(check.boolean, 1, AT).message == "expected true or false, got an integer 1"


class Colour(StrEnum):
    RED = "red"
    BLUE = "blue"


def test_a_choice_is_one_of_the_words_of_a_vocabulary() -> None:
    assert check.choice("red", AT, ("red", "blue")) == "red"
    assert check.member("blue", AT, Colour) is Colour.BLUE
    assert refusal(check.member, "green", AT, Colour).message == \
        'expected one of "red", "blue", got "green"'
    assert refusal(check.choice, "Red", AT, ("red",)).message == 'expected one of "red", got "Red"'
    assert refusal(check.choice, 1, AT, ("red",)).message == "expected a string, got an integer 1"


# -- tables and arrays ---------------------------------------------------------------


def test_a_table_has_only_its_keys_and_all_the_required_ones() -> None:
    at = KeyPath("prescription")
    check.keys({"sets": 3}, ("sets", "reps"), ("sets",), at)
    unknown = refusal(check.keys, {"sets": 3, "repz": 4}, ("sets", "reps"), ("sets",), at)
    assert (str(unknown.at), unknown.message) == ("prescription.repz",
                                                 "unknown key (allowed here: sets, reps)")
    missing = refusal(check.keys, {"reps": 3}, ("sets", "reps"), ("sets",), at)
    assert (str(missing.at), missing.message) == ("prescription.sets", "missing required key")
    assert refusal(check.table, [1], at).message == "expected a table, got an array [1]"
    assert check.table({"a": 1}, at) == {"a": 1}


def test_a_required_key_is_checked_and_an_optional_one_has_its_default() -> None:
    def sets(value: Any, at: KeyPath) -> int:
        return check.integer(value, at, 1, 10)

    assert check.required({"sets": 3}, "sets", AT, sets) == 3
    assert str(refusal(check.required, {}, "sets", AT, sets).at) == "weeks[1].sessions[2].reps.sets"
    assert check.optional({}, "sets", AT, sets, 1) == 1
    assert check.optional({"sets": 4}, "sets", AT, sets, 1) == 4
    assert str(refusal(check.optional, {"sets": 0}, "sets", AT, sets, 1).at).endswith("reps.sets")


def test_an_array_holds_from_low_to_high_items() -> None:
    assert check.array([1, 2], AT, (2, 3)) == [1, 2]
    assert check.array((1, 2, 3), AT, (2, 3)) == [1, 2, 3]
    assert refusal(check.array, [1], AT, (2, 3)).message == "expected 2-3 items, got 1"
    assert refusal(check.array, [1, 2, 3, 4], AT, (2, 3)).message == "expected 2-3 items, got 4"
    assert refusal(check.array, "8-10", AT).message == 'expected an array, got a string "8-10"'


def test_a_list_of_checks_each_item_at_its_place_counted_from_1() -> None:
    def word(value: Any, at: KeyPath) -> str:
        return check.choice(value, at, ("a", "b"))

    assert check.list_of(["a", "b"], KeyPath("form"), word, unique=True) == ("a", "b")
    bad = refusal(check.list_of, ["a", "c"], KeyPath("form"), word)
    assert str(bad.at) == "form[2]"
    repeated = refusal(check.list_of, ["a", "b", "a"], KeyPath("form"), word, unique=True)
    assert (str(repeated.at), repeated.message) == ("form[3]", 'repeats "a"')
    assert check.list_of(["a", "a"], KeyPath("form"), word) == ("a", "a")  # unique not asked
    tables = refusal(check.tables, [{}, 5], KeyPath("steps"))
    assert (str(tables.at), tables.message) == ("steps[2]", "expected a table, got an integer 5")


# -- how a value is shown --------------------------------------------------------------


def test_a_value_is_shown_as_in_toml_and_cut_after_shown_max_characters() -> None:
    assert show("a\"b") == '"a\\"b"'
    assert show([1, True, {"k": None}]) == "[1, true, {k = None}]"
    fits = "x" * (SHOWN_MAX - 2)  # with its two quotes: exactly SHOWN_MAX
    assert describe(fits) == f'a string "{fits}"'
    longer = fits + "x"
    assert describe(longer) == f'a string "{longer[:SHOWN_MAX - 4]}...'
    assert describe("x" * 45) == 'a string "' + "x" * 36 + "..."  # 40 characters shown
    assert describe(None) == "a NoneType None"
