"""The import writer (app.exchange.writer) over storage's import transaction
(issue 17 point 1: storage knows nothing of the import formats).

Its guarantees, each with a plan built in code: all or nothing (the pictures
copied for the import's exercises included), the before-import backup, the
database's own rule named with the file, a custom exercise for a name
mapped to none (with a free slug, the name cut to fit), quick notes keeping
their uid unless the log has it.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.exchange.model import (
    ImportedBodyNote,
    ImportedExercise,
    ImportedLog,
    ImportedSession,
    ImportedSet,
)
from app.exchange.plan import prepare_import
from app.exchange.writer import ImportWriteError, apply_import
from app.logbook.custom_exercises import MAX_NAME, StepInput
from app.storage.backup import BackupKind, backup_kind
from app.storage.coaching_queries import CoachingReader
from app.storage.store import Store

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
WHEN = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)


def _log(family: str, *sessions: ImportedSession, **more: object) -> ImportedLog:
    return ImportedLog(path=Path(f"/nowhere/{family}-export.json"), format=family, family=family,
                       label=family.title(), sessions=sessions,
                       names_are_slugs=family == "hamstride", **more)  # type: ignore[arg-type]


def _session(*sets: ImportedSet, key: str = "day-1") -> ImportedSession:
    return ImportedSession(key=key, started_at=WHEN, ended_at=None, title="Imported day",
                           sets=sets)


def _files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


def test_storage_loads_nothing_of_the_import_formats() -> None:
    """The writer is above storage: opening the log and its import
    transaction import no module of app.exchange (nor anything higher)."""
    code = ("import sys, app.storage.store, app.storage.import_writes\n"
            "print(sorted(m for m in sys.modules if m.split('.')[:2] in "
            "(['app', 'exchange'], ['app', 'usecases'], ['app', 'coaching'], ['app', 'ui'])))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_a_set_the_log_refuses_writes_nothing_and_removes_the_copied_pictures(
        store: Store, tmp_path: Path) -> None:
    picture = tmp_path / "step.png"
    picture.write_bytes(PNG)
    mine = store.save_custom_exercise(slug=None, name="Mine", equipment=["bodyweight"],
                                      one_side="no", category="strength", level=None,
                                      steps=[StepInput("One.", picture)])
    shown = mine.steps[0].picture
    assert shown is not None
    pictures_before = _files(store.pictures_dir)
    # Our own JSON: an exercise whose step shows the picture Mine has (so the
    # import copies it), and a set the database's rule refuses (RPE 1-10).
    crafted = ImportedExercise(slug="custom-crafted", name="Crafted", equipment=("bodyweight",),
                               one_side="no", category="strength", level=None, notes="",
                               based_on=None, steps=(("Step one.", shown.name),))
    log = _log("hamstride", _session(ImportedSet("custom-crafted", 1, reps=5, rpe=11.0)),
               custom_exercises=(crafted,))
    with pytest.raises(ImportWriteError) as refused:
        apply_import(store, prepare_import(log, {}))
    assert "hamstride-export.json" in str(refused.value)
    assert "set_rpe_1_to_10" in str(refused.value)  # the database's own words
    assert _files(store.pictures_dir) == pictures_before  # the copy went again
    assert [e.slug for e in store.custom_exercises()] == [mine.slug]
    assert store.count_sessions() == 0 and store.count_sets() == 0
    # The backup came first: the log as it was before the import.
    kinds = [backup_kind(p) for p in store.backups_dir.iterdir()]
    assert BackupKind.BEFORE_IMPORT in kinds


def test_a_name_mapped_to_none_becomes_a_custom_exercise_with_a_free_slug(store: Store) -> None:
    taken = store.save_custom_exercise(slug=None, name="Glute ham raise", equipment=["bodyweight"],
                                       one_side="no", category="strength", level=None,
                                       steps=[StepInput("Mine.")])
    long_name = "Glute ham raise " + "x" * MAX_NAME
    log = _log("strong", _session(ImportedSet("Glute ham raise", 1, reps=6),
                                  ImportedSet(long_name, 1, reps=4)))
    result = apply_import(store, prepare_import(log, {"Glute ham raise": None, long_name: None}))
    assert result.exercises_created == ["Glute ham raise", long_name]
    assert (result.sessions_added, result.sets_added) == (1, 2)
    made = {e.slug: e for e in store.custom_exercises()}
    assert taken.slug == "custom-glute-ham-raise"
    assert made["custom-glute-ham-raise-2"].name == "Glute ham raise"
    [cut] = [e for slug, e in made.items() if slug.startswith("custom-glute-ham-raise-x")]
    assert cut.name == long_name[:MAX_NAME].strip() and len(cut.name) == MAX_NAME
    assert [s.text for s in cut.steps] == ["Imported exercise: edit it to add your own steps."]
    [session] = store.list_sessions()
    assert session.source == "strong" and session.started_at == WHEN
    assert {s.exercise_slug for s in store.sets_of_session(session.id)} == {
        "custom-glute-ham-raise-2", cut.slug}


def test_a_note_keeps_its_uid_unless_the_log_has_it(store: Store) -> None:
    mine = store.add_body_note(soreness=3, words="tight after the run")
    log = _log("hamstride", body_notes=(
        ImportedBodyNote(uid=mine.uid, noted_at=WHEN, soreness=5, run_pain=None, words="edited"),
        ImportedBodyNote(uid="note-from-the-file", noted_at=WHEN, soreness=None,
                         run_pain="mild", words=""),
        # The log's own note again: not added twice.
        ImportedBodyNote(uid=mine.uid, noted_at=mine.noted_at, soreness=3, run_pain=None,
                         words="tight after the run")))
    result = apply_import(store, prepare_import(log, {}))
    assert result.body_notes_added == 2
    with CoachingReader(store.db_path) as coaching:
        notes = coaching.body_notes(datetime(2000, 1, 1, tzinfo=UTC))
    by_words = {n.words: n for n in notes}
    assert set(by_words) == {"tight after the run", "edited", ""}
    assert by_words["tight after the run"].uid == mine.uid
    assert by_words["edited"].uid not in (mine.uid, "note-from-the-file")  # a new one
    assert by_words[""].uid == "note-from-the-file"
    # The same file again adds nothing, and makes no backup.
    before = _files(store.backups_dir)
    again = apply_import(store, prepare_import(log, {}))
    assert again.body_notes_added == 0 and again.backup is None
    assert _files(store.backups_dir) == before


def test_settings_the_athlete_chose_win_and_remembered_names_merge(store: Store) -> None:
    store.set_setting("units", "lb")
    store.set_setting("import_exercise_names", {"rdl": "romanian-deadlift"})
    log = _log("hamstride", settings={"units": "kg", "rest_s": 90})
    plan = prepare_import(log, {})
    apply_import(store, plan, {"ghr": "nordic-curl"})
    assert store.get_setting("units") == "lb"  # set before: kept
    assert store.get_setting("rest_s") == 90
    assert store.get_setting("import_exercise_names") == {"rdl": "romanian-deadlift",
                                                          "ghr": "nordic-curl"}
