"""Our own JSON export read back: everything kept exactly, every problem named by its path."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from app.exchange import ImportedExercise, ImportFileError, read_import
from app.exchange.hamstride_json import FORMAT_VERSION
from app.exchange.plan import prepare_import
from app.exchange.writer import apply_import
from app.logbook.custom_exercises import StepInput
from app.logbook.entries import KG_PER_LB, SetEntry, from_kg
from app.usecases.export import export_data

FIXTURES = Path(__file__).parents[1] / "fixtures" / "imports"


def fixture_document() -> dict[str, Any]:
    return json.loads((FIXTURES / "hamstride.json").read_text(encoding="utf-8"))


def write_json(tmp_path: Path, document: Any, name: str = "export.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    return path


def error_for(tmp_path: Path, document: Any) -> ImportFileError:
    with pytest.raises(ImportFileError) as raised:
        read_import(write_json(tmp_path, document))
    return raised.value


def test_fixture_is_read_exactly() -> None:
    log = read_import(FIXTURES / "hamstride.json")
    assert (log.format, log.family, log.label) == ("hamstride", "hamstride", "Hamstride (JSON export)")
    assert log.names_are_slugs
    assert log.notes == ("1 custom exercise", "3 settings")
    first, second = log.sessions
    assert first.uid == first.key == "7d0b4c6e-1f0a-4b1e-9a8c-2f6c1f3d9a01"
    assert first.started_at == datetime(2026, 11, 2, 17, 5, tzinfo=UTC)
    assert first.ended_at == datetime(2026, 11, 2, 17, 48, 30, tzinfo=UTC)
    assert (first.program_slug, first.program_day) == ("nordic-progression", 5)
    assert first.readiness == {"soreness": 2, "pain": False, "sleep": "ok"}
    assert first.notes == "Left hamstring a bit tight"
    assert (first.source, second.source) == (None, "strong")
    assert second.ended_at is None

    nordic, single, custom = first.sets
    assert nordic.uid == "0a9e7d3c-6b21-4a55-8f0d-5e6b7c8d9e01"
    assert nordic.exercise == "nordic-hamstring-curl"
    assert nordic.load_kg == -8.0  # band assistance is allowed in our own data
    assert (nordic.tempo, nordic.descent_s) == ("5-0-1-0", (5.2, 4.8, 4.9, 4.1, 3.6))
    assert (nordic.rpe, nordic.rest_s, nordic.notes) == (7.5, 150.0, "band: green")
    assert nordic.logged_at == datetime(2026, 11, 2, 17, 12, 41, 250000, tzinfo=UTC)
    assert (single.side, single.load_unit, single.load_kg) == ("left", "lb", 23.813599425)
    assert single.load_kg is not None and round(from_kg(single.load_kg, "lb"), 3) == 52.5
    assert single.distance_m is None and single.rest_s is None  # older exports lack the keys
    assert custom.set_type == "warmup"
    rdl, jog = second.sets
    assert rdl.load_kg == 135 * KG_PER_LB
    assert (jog.duration_s, jog.distance_m) == (600.0, 1609.344)

    [exercise] = log.custom_exercises
    assert exercise == ImportedExercise(
        slug="custom-sliding-leg-curl", name="Sliding leg curl", equipment=("mat",),
        one_side="no", category="strength", level="intermediate",
        notes="Heels on towels, hips up.", based_on="stability-ball-hamstring-curl",
        steps=(("Lie on your back, heels on two towels, hips lifted.", "3f2a9c.png"),
               ("Pull the heels towards you, then slide them out slowly.", None)))
    assert log.settings == {"units": "kg", "lowering_seconds": 5, "spoken_counts": True}


def test_round_trip_through_a_real_export(store: Any, tmp_path: Path) -> None:
    store.set_setting("units", "lb")
    custom = store.save_custom_exercise(slug=None, name="Sliding leg curl", equipment=["mat"],
                                        one_side="no", category="strength", level=None,
                                        steps=[StepInput("Heels on towels.")])
    session = store.start_session(title="Nordics", readiness={"soreness": 1},
                                  started_at=datetime(2026, 11, 2, 17, 5, tzinfo=UTC))
    store.log_set(session.id, SetEntry("nordic-hamstring-curl", 1, reps=5, load=-10.0,
                                       load_unit="lb", tempo="5-0-1-0", descent_s=(5.0, 4.5)))
    store.log_set(session.id, SetEntry(custom.slug, 1, side="left", reps=8, load=52.5,
                                       load_unit="lb", rpe=8.5, notes="slow"))
    store.end_session(session.id, ended_at=datetime(2026, 11, 2, 17, 45, tzinfo=UTC))
    data = export_data(store.reader)
    log = read_import(write_json(tmp_path, data))
    [imported] = log.sessions
    [record] = store.list_sessions()
    assert imported.uid == record.uid
    assert (imported.started_at, imported.ended_at) == (record.started_at, record.ended_at)
    assert imported.readiness == {"soreness": 1}
    for got, stored in zip(imported.sets, store.sets_of_session(record.id), strict=True):
        assert (got.uid, got.exercise, got.load_kg, got.load_unit, got.logged_at, got.descent_s,
                got.side, got.rpe, got.notes, got.tempo) == (
            stored.uid, stored.exercise_slug, stored.load_kg, stored.load_unit, stored.logged_at,
            stored.descent_s, stored.side, stored.rpe, stored.notes, stored.tempo)
    assert [e.slug for e in log.custom_exercises] == [custom.slug]
    assert log.settings == store.all_settings()


def test_a_warm_up_exercise_of_an_older_export_is_imported_as_warmup(store: Any,
                                                                     tmp_path: Path) -> None:
    # Exports written before schema v10 spell a custom warm-up's category "warm-up".
    document = fixture_document()
    document["custom_exercises"][0]["category"] = "warm-up"
    log = read_import(write_json(tmp_path, document))
    [exercise] = log.custom_exercises
    assert exercise.category == "warmup"
    apply_import(store, prepare_import(log, {}))
    [stored] = store.custom_exercises()
    assert stored.category == "warmup"
    # Exported again, it says the one spelling.
    [written] = export_data(store.reader)["custom_exercises"]
    assert written["category"] == "warmup"


def test_newer_format_version_is_refused(tmp_path: Path) -> None:
    document = fixture_document()
    document["format_version"] = FORMAT_VERSION + 1  # 3 (the running week) is read now
    error = error_for(tmp_path, document)
    assert FORMAT_VERSION == 3
    assert str(error).startswith("export.json, column format_version: this export is format "
                                 "version 4, from a newer Hamstride; this one reads version 3")
    assert "Update Hamstride" in str(error)


def test_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    text = (FIXTURES / "hamstride.json").read_text(encoding="utf-8")
    broken = text.replace('"title": "Nordic block, week 3",', '"title": "Nordic block, week 3"', 1)
    path = tmp_path / "broken.json"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(ImportFileError) as raised:
        read_import(path)
    # The comma missing after "title" (line 10) shows where the next key starts.
    assert (raised.value.line, raised.value.column) == (11, 7)
    assert str(raised.value).startswith("broken.json, line 11, column 7: is not valid JSON: Expecting")


@pytest.mark.parametrize(("change", "where", "words"), [
    (lambda d: d["sessions"][1]["sets"][1].update(reps=-1), "sessions[2].sets[2].reps",
     "cannot be negative"),
    (lambda d: d["sessions"][0]["sets"][0].update(reps="ten"), "sessions[1].sets[1].reps",
     "whole number"),
    (lambda d: d["sessions"][0]["sets"][1].update(rpe=11), "sessions[1].sets[2].rpe",
     "between 1 and 10"),
    (lambda d: d["sessions"][0]["sets"][0].update(load_kg=501), "sessions[1].sets[1].load_kg",
     "between -500 and 500"),
    (lambda d: d["sessions"][0]["sets"][0].update(load_unit="stone"),
     "sessions[1].sets[1].load_unit", "kg or lb"),
    (lambda d: d["sessions"][0]["sets"][0].update(tempo="slow"), "sessions[1].sets[1].tempo",
     "four numbers"),
    (lambda d: d["sessions"][0]["sets"][0].update(descent_s=[1, 99]),
     "sessions[1].sets[1].descent_s", "between 0 and 60"),
    (lambda d: d["sessions"][0]["sets"][0].update(rest_s=-5), "sessions[1].sets[1].rest_s",
     "between 0 and"),
    (lambda d: d["sessions"][0]["sets"][0].update(distance_m=2e6),
     "sessions[1].sets[1].distance_m", "between 0 and"),
    (lambda d: d["sessions"][0]["sets"][0].update(side="middle"), "sessions[1].sets[1].side",
     "left, right, both"),
    (lambda d: d["sessions"][0]["sets"][0].update(set_number=0),
     "sessions[1].sets[1].set_number", "from 1"),
    (lambda d: d["sessions"][0]["sets"][0].pop("exercise"), "sessions[1].sets[1].exercise",
     "is missing"),
    (lambda d: d["sessions"][0]["sets"][2].update(uid=d["sessions"][0]["sets"][0]["uid"]),
     "sessions[1].sets[3].uid", "appears twice"),
    (lambda d: d["sessions"][0].update(started_at="yesterday"), "sessions[1].started_at",
     "not an ISO 8601 time"),
    (lambda d: d["sessions"][0].update(started_at="2026-11-02T17:05:00"),
     "sessions[1].started_at", "no time zone"),
    (lambda d: d["sessions"][0].update(ended_at="2026-11-01T00:00:00Z"), "sessions[1].ended_at",
     "before the session's start"),
    (lambda d: d["sessions"][0].update(program_day=0), "sessions[1].program_day", "1 or more"),
    (lambda d: d["sessions"][0].update(readiness=[1]), "sessions[1].readiness", "an object"),
    (lambda d: d["sessions"][1].update(sets={}), "sessions[2].sets", "must be a list"),
    (lambda d: d.update(sessions=None), "sessions", "is missing"),
    (lambda d: d["custom_exercises"][0].update(slug="sliding"), "custom_exercises[1].slug",
     "custom-"),
    (lambda d: d["custom_exercises"][0].update(equipment=["trampoline"]),
     "custom_exercises[1].equipment", "unknown equipment"),
    (lambda d: d["custom_exercises"][0]["steps"][0].update(picture="../../etc/passwd"),
     "custom_exercises[1].steps[1].picture", "file name, not a path"),
    (lambda d: d.update(settings=[]), "settings", "an object"),
])
def test_semantic_errors_name_the_json_path(tmp_path: Path, change: Any, where: str,
                                            words: str) -> None:
    document = copy.deepcopy(fixture_document())
    change(document)
    error = error_for(tmp_path, document)
    assert error.column == where
    assert error.line is None
    assert str(error).startswith(f"export.json, column {where}: ")
    assert words in error.message


@pytest.mark.parametrize(("change", "logged"), [
    (lambda d: d["sessions"][0]["sets"][0].update(load_unit="stone-weight"), "stone-weight"),
    (lambda d: d["sessions"][0].update(started_at="monday-evening-1730"), "monday-evening-1730"),
])
def test_a_refusal_does_not_repeat_the_logged_value(tmp_path: Path, change: Any,
                                                     logged: str) -> None:
    """An error text never repeats what was logged (the quality bar): the
    path and the rule say what is wrong."""
    document = copy.deepcopy(fixture_document())
    change(document)
    error = error_for(tmp_path, document)
    assert logged not in str(error)
    assert logged not in error.message


def test_json_that_is_not_ours(tmp_path: Path) -> None:
    error = error_for(tmp_path, {"format": "strong-export", "sessions": []})
    assert "is JSON, but not a Hamstride export" in str(error)
    assert "Strong (CSV export" in str(error)
    assert "is JSON, but not" in str(error_for(tmp_path, [1, 2, 3]))


@pytest.mark.parametrize("text", ['{"format": "hamstride-export", "x": NaN}',
                                  '{"format": "hamstride-export", "x": -Infinity}'])
def test_nan_and_infinity_are_not_json(tmp_path: Path, text: str) -> None:
    path = tmp_path / "odd.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportFileError, match="is not valid JSON"):
        read_import(path)


def test_deep_nesting_and_huge_numbers(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(ImportFileError, match="nested too deeply"):
        read_import(deep)
    huge = tmp_path / "huge.json"
    document = fixture_document()
    document["sessions"][0]["sets"][0]["reps"] = 10 ** 400
    huge.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"sets\[1\]\.reps"):
        read_import(huge)


def test_an_export_with_no_sessions_is_fine(tmp_path: Path) -> None:
    document = fixture_document()
    document["sessions"] = []
    log = read_import(write_json(tmp_path, document))
    assert log.sessions == () and len(log.custom_exercises) == 1
