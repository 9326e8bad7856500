"""The Qt-free core speaks the installed language: import errors, custom
exercise and logged-value checks, session options and storage refusals.

A fake translator wraps every message in << >> and records the (context,
source) it was asked for, so each check sees that the words were translated
in the context lupdate extracts them from, and that values were filled in
after translating (a value inside << >> would mean the reverse).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.catalog import load_catalog
from app.exchange import ImportFileError, read_import
from app.kernel import i18n
from app.kernel.resources import resources_dir
from app.logbook.custom_exercises import CustomExerciseError, validate_fields
from app.logbook.entries import InvalidEntryError, SetEntry
from app.session.plan import plan_from_exercise
from app.session.timing import parse_time_scale
from app.storage.database import NewerSchemaError, open_database
from app.storage.migrations import SCHEMA_VERSION

NOW = datetime(2026, 11, 21, 18, 5, tzinfo=UTC)


def _comma_number(value: float, decimals: int) -> str:
    text = f"{round(value, decimals):.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


@pytest.fixture
def asked() -> Iterator[list[tuple[str, str]]]:
    """Install the fake language; yields the (context, source) pairs asked for."""
    calls: list[tuple[str, str]] = []

    def fake(context: str, text: str, disambiguation: str | None, n: int) -> str:
        calls.append((context, text))
        return "<<" + text + ">>"

    i18n.install(translate=fake, number=_comma_number, decimal_point=",")
    yield calls
    i18n.uninstall()


def _import_error(path: Path) -> ImportFileError:
    with pytest.raises(ImportFileError) as raised:
        read_import(path)
    return raised.value


def test_an_import_error_names_file_line_and_column_in_the_language(
        tmp_path: Path, asked: list[tuple[str, str]]) -> None:
    path = tmp_path / "strong.csv"
    path.write_text("Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n"
                    "2026-11-21 18:05:00,W,RDL,1,60,8\n"
                    "2026-11-21 18:05:00,W,RDL,2,ten,8\n", encoding="utf-8")
    error = _import_error(path)
    assert str(error) == ("<<strong.csv, line 3, column 5 (Weight): "
                          "<<<<the weight>> 'ten' is not a number>>>>")
    assert ("ImportFileError", "{file}, line {line}, column {column}: {reason}") in asked
    assert ("values", "the weight") in asked  # marked with QT_TRANSLATE_NOOP in that context
    # The column and line stay values a program can compare.
    assert (error.line, error.column) == (3, "5 (Weight)")


def test_import_values_and_sizes_use_the_locale(tmp_path: Path,
                                                asked: list[tuple[str, str]]) -> None:
    path = tmp_path / "strong.csv"
    path.write_text("Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n"
                    "2026-11-21 18:05:00,W,RDL,1,1200.5,8\n", encoding="utf-8")
    assert str(_import_error(path)).endswith(
        "<<a weight of 1200,5 kg is above the limit of 500 kg>>>>")
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as handle:
        handle.truncate(4097 * 1024 * 1024 + 512 * 1024)  # sparse; over the 4 GiB limit (issue 15)
    assert str(_import_error(huge)) == "<<huge.csv: <<is 4097,5 MB; the limit is 4096 MB>>>>"


def test_an_unknown_file_lists_the_readable_exports_translated(
        tmp_path: Path, asked: list[tuple[str, str]]) -> None:
    path = tmp_path / "log.csv"
    path.write_text("hello world\n", encoding="utf-8")
    message = str(_import_error(path))
    assert "<<Hevy (CSV export)>>; <<FitNotes (CSV export)>>" in message
    assert ("detect", "Hevy (CSV export)") in asked


def test_import_notes_count_in_the_language(asked: list[tuple[str, str]]) -> None:
    fixtures = Path(__file__).parents[1] / "fixtures" / "imports"
    log = read_import(fixtures / "fitnotes.csv")
    assert log.notes[0] == "<<FitNotes saves no time of day: each day's workout is placed at 12:00>>"
    assert all(note.startswith("<<") for note in log.notes)


def test_a_custom_exercise_check_is_translated(asked: list[tuple[str, str]]) -> None:
    with pytest.raises(CustomExerciseError) as raised:
        validate_fields("Towel curl", ("bodyweight",), "no", "strength", None, ("Kneel.", " "))
    error = raised.value
    assert error.field == "step 2"  # the form's key stays English
    assert error.label == "<<step 2>>"
    assert error.message == "<<is empty>>"
    assert str(error) == "<<<<step 2>>: <<is empty>>>>"
    with pytest.raises(CustomExerciseError) as raised:
        validate_fields("x" * 81, ("bodyweight",), "no", "strength", None, ("Kneel.",))
    assert raised.value.message == "<<keep it under 80 characters>>"


def test_a_logged_value_check_is_translated_with_locale_numbers(
        asked: list[tuple[str, str]]) -> None:
    with pytest.raises(InvalidEntryError) as raised:
        SetEntry(exercise_slug="nordic-hamstring-curl", set_number=1, load=2000, load_unit="lb")
    error = raised.value
    assert error.field == "load"
    assert error.label == "<<load>>"
    assert error.message == "<<must be between -1102,31 and 1102,31 lb>>"
    with pytest.raises(InvalidEntryError) as raised:
        SetEntry(exercise_slug="nordic-hamstring-curl", set_number=1, descent_s=(4.0, 75.0))
    assert raised.value.field == "descent of rep 2"
    assert raised.value.label == "<<descent of rep 2>>"
    assert raised.value.message == "<<must be between 0 and 60 seconds>>"


def test_session_options_are_refused_in_the_language(asked: list[tuple[str, str]]) -> None:
    catalog = load_catalog(resources_dir()).catalog
    hold = next(e for e in catalog.exercises if e.prescription.kind == "hold")
    with pytest.raises(ValueError) as raised:
        plan_from_exercise(hold, reps="5")
    assert str(raised.value) == f"<<--reps: <<{hold.name} is done as timed holds, not reps>>>>"
    with pytest.raises(ValueError) as raised:
        plan_from_exercise(catalog.get("nordic-hamstring-curl"), sets="0")
    assert str(raised.value) == "<<--sets: <<must be a whole number from 1 to 20, got '0'>>>>"
    with pytest.raises(ValueError) as raised:
        parse_time_scale("fast")
    assert str(raised.value) == \
        "<<HAMSTRIDE_TIME_SCALE must be a number greater than 0, got 'fast'>>"


def test_a_newer_database_is_refused_in_the_language(tmp_path: Path,
                                                     asked: list[tuple[str, str]]) -> None:
    db = tmp_path / "hamstride.db"
    open_database(db, tmp_path / "backups", tmp_path / "damaged", NOW)
    connection = sqlite3.connect(db)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    connection.close()
    with pytest.raises(NewerSchemaError) as raised:
        open_database(db, tmp_path / "backups", tmp_path / "damaged", NOW)
    assert str(raised.value) == (
        f"<<{db} was written by a newer Hamstride (database schema {SCHEMA_VERSION + 5}; this "
        f"version knows up to {SCHEMA_VERSION}). Nothing was changed: install the newer "
        "Hamstride to use it.>>")
    assert ("database", "{path} was written by a newer Hamstride (database schema {version}; "
            "this version knows up to {newest}). Nothing was changed: install the newer Hamstride "
            "to use it.") in asked


def test_without_a_language_the_english_is_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "strong.csv"
    path.write_text("Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n"
                    "2026-11-21 18:05:00,W,RDL,1,ten,8\n", encoding="utf-8")
    assert str(_import_error(path)) == \
        "strong.csv, line 2, column 5 (Weight): the weight 'ten' is not a number"
    with pytest.raises(InvalidEntryError) as raised:
        SetEntry(exercise_slug="x", set_number=1, reps=1001)
    assert str(raised.value) == "reps: must be at most 1000"
