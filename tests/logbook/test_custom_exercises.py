"""Custom exercises: validated fields, pictures checked and copied, all-or-nothing saves."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from app.catalog.vocabulary import Category
from app.logbook.custom_exercises import (
    MAX_PICTURE_BYTES,
    CustomExercise,
    CustomExerciseError,
    StepInput,
    check_picture,
    is_picture_file_name,
    slugify,
    validate_fields,
)
from app.storage.store import Store

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _picture(tmp_path: Path, name: str = "step.png", data: bytes = PNG) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _save(store: Store, **changes: object) -> CustomExercise:
    values: dict[str, object] = {
        "slug": None, "name": "Sliding leg curl", "equipment": ["bodyweight"], "one_side": "no",
        "category": "strength", "level": "intermediate",
        "steps": [StepInput("Lie on your back, heels on towels."), StepInput("Bridge up and slide.")],
    }
    values.update(changes)
    return store.save_custom_exercise(**values)  # type: ignore[arg-type]


def test_slugs_are_prefixed_and_readable() -> None:
    assert slugify("Sliding Leg-Curl (towels)") == "custom-sliding-leg-curl-towels"
    assert slugify("!!!") == "custom-exercise"


def test_add_then_read_back(store: Store, tmp_path: Path) -> None:
    picture = _picture(tmp_path)
    saved = _save(store, steps=[StepInput("Lie down.", picture), StepInput("Slide the heels in.")])
    [again] = store.custom_exercises()
    assert again == saved
    assert again.slug == "custom-sliding-leg-curl"
    assert again.equipment == ("bodyweight",) and again.level == "intermediate"
    assert [s.text for s in again.steps] == ["Lie down.", "Slide the heels in."]
    copy = again.steps[0].picture
    assert copy is not None and copy.parent == store.pictures_dir and copy.read_bytes() == PNG
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert again.steps[1].picture is None


def test_same_name_gets_a_distinct_slug(store: Store) -> None:
    first = _save(store)
    second = _save(store)
    assert (first.slug, second.slug) == ("custom-sliding-leg-curl", "custom-sliding-leg-curl-2")


def test_edit_replaces_steps_and_drops_unused_pictures(store: Store, tmp_path: Path) -> None:
    saved = _save(store, steps=[StepInput("One.", _picture(tmp_path, "a.png"))])
    old_copy = saved.steps[0].picture
    edited = _save(store, slug=saved.slug, name="Towel curl",
                   steps=[StepInput("First.", _picture(tmp_path, "b.png")), StepInput("Second.")])
    assert edited.slug == saved.slug and edited.name == "Towel curl"
    assert [s.text for s in edited.steps] == ["First.", "Second."]
    assert old_copy is not None and not old_copy.exists()
    kept = _save(store, slug=saved.slug, steps=[StepInput("Only.", edited.steps[0].picture)])
    picture = kept.steps[0].picture
    assert picture == edited.steps[0].picture and picture is not None and picture.exists()


def test_duplicate_of_a_built_in_remembers_its_origin(store: Store) -> None:
    saved = _save(store, name="My Nordic", based_on="nordic-hamstring-curl")
    assert saved.based_on == "nordic-hamstring-curl"


def test_delete_removes_the_row_and_its_pictures(store: Store, tmp_path: Path) -> None:
    saved = _save(store, steps=[StepInput("One.", _picture(tmp_path))])
    store.delete_custom_exercise(saved.slug)
    assert store.custom_exercises() == []
    assert list(store.pictures_dir.iterdir()) == []
    with pytest.raises(LookupError):
        store.delete_custom_exercise(saved.slug)


@pytest.mark.parametrize(("changes", "field"), [
    ({"name": "  "}, "name"),
    ({"name": "x" * 81}, "name"),
    ({"equipment": []}, "equipment"),
    ({"equipment": ["trampoline"]}, "equipment"),
    ({"one_side": "sometimes"}, "one side"),
    ({"category": "cardio"}, "category"),
    ({"level": "elite"}, "level"),
    ({"steps": []}, "steps"),
    ({"steps": [StepInput("ok"), StepInput("   ")]}, "step 2"),
])
def test_bad_fields_are_refused_by_name_and_nothing_is_written(store: Store, changes: dict[str, object],
                                                               field: str) -> None:
    with pytest.raises(CustomExerciseError) as caught:
        _save(store, **changes)
    assert caught.value.field == field
    assert store.custom_exercises() == []


def test_the_validator_returns_the_category_as_stored() -> None:
    steps = ("Swing the leg.",)
    assert validate_fields("Leg swing", ("wall",), "yes", "warmup", None, steps) == "warmup"
    assert validate_fields("Curl", ("mat",), "no", "strength", None, steps) == "strength"
    # The old spelling (an export written before schema v10) is read as today's.
    assert validate_fields("Leg swing", ("wall",), "yes", "warm-up", None, steps) == "warmup"
    with pytest.raises(CustomExerciseError) as caught:
        validate_fields("Leg swing", ("wall",), "yes", "Warm-up", None, steps)
    assert caught.value.field == "category"


def test_a_warm_up_given_the_old_way_is_stored_the_one_way(store: Store) -> None:
    saved = _save(store, name="Hip circles", category="warm-up")
    [again] = store.custom_exercises()
    assert saved.category == again.category == Category.WARM_UP == "warmup"


def test_a_file_that_is_not_a_picture_is_refused(store: Store, tmp_path: Path) -> None:
    fake = _picture(tmp_path, "holiday.png", b"I am a text file pretending\n")
    with pytest.raises(CustomExerciseError, match=r"holiday\.png is not a picture") as caught:
        _save(store, steps=[StepInput("One.", fake)])
    assert caught.value.field == "step 1 picture"
    assert store.custom_exercises() == []
    assert not store.pictures_dir.exists() or list(store.pictures_dir.iterdir()) == []


def test_a_picture_over_20_mb_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.png"
    with big.open("wb") as handle:
        handle.write(PNG)
        handle.truncate(MAX_PICTURE_BYTES + 1)
    with pytest.raises(CustomExerciseError, match="20 MB or less"):
        check_picture(big)


def test_a_failed_save_leaves_no_copied_picture_behind(store: Store, tmp_path: Path) -> None:
    good = _picture(tmp_path, "good.png")
    bad = _picture(tmp_path, "bad.png", b"nope")
    with pytest.raises(CustomExerciseError):
        _save(store, steps=[StepInput("One.", good), StepInput("Two.", bad)])
    assert list(store.pictures_dir.iterdir()) == []  # the first copy was removed again


@pytest.mark.parametrize(("data", "kind"), [
    (PNG, "png"), (b"\xff\xd8\xff\xe0" + b"\0" * 20, "jpg"), (b"GIF89a" + b"\0" * 20, "gif"),
    (b"RIFF\0\0\0\0WEBPVP8 " + b"\0" * 8, "webp"),
])
def test_picture_kinds_are_recognised_by_content(tmp_path: Path, data: bytes, kind: str) -> None:
    assert check_picture(_picture(tmp_path, "x.bin", data)) == kind


def test_a_duplicate_gets_its_own_copy_of_each_picture(store: Store, tmp_path: Path) -> None:
    original = _save(store, steps=[StepInput("One.", _picture(tmp_path))])
    copy = _save(store, name="Copy", steps=[StepInput("One.", original.steps[0].picture)])
    assert copy.steps[0].picture != original.steps[0].picture
    store.delete_custom_exercise(original.slug)
    assert copy.steps[0].picture is not None and copy.steps[0].picture.read_bytes() == PNG


# -- issue 15 point 10: a picture belongs to one exercise ---------------------------


def _import_customs(store: Store, tmp_path: Path, *pictures: str | None) -> None:
    """Import a Hamstride JSON file with one custom exercise per picture name."""
    from app.exchange import read_import
    from app.exchange.plan import prepare_import
    from app.exchange.writer import apply_import

    document = {
        "format": "hamstride-export", "format_version": 1, "app_version": "0.1.0",
        "sessions": [], "settings": {},
        "custom_exercises": [{
            "slug": f"custom-crafted-{n}", "name": f"Crafted {n}", "equipment": ["bodyweight"],
            "one_side": "no", "category": "strength", "level": None, "notes": "",
            "based_on": None, "steps": [{"text": "Step one.", "picture": picture}],
        } for n, picture in enumerate(pictures, start=1)],
    }
    crafted = tmp_path / "crafted.json"
    crafted.write_text(json.dumps(document), encoding="utf-8")
    apply_import(store, prepare_import(read_import(crafted), {}, store.reader.session_uids()))


def _picture_of(store: Store, slug: str) -> Path | None:
    [exercise] = [e for e in store.custom_exercises() if e.slug == slug]
    return exercise.steps[0].picture


def test_an_import_cannot_take_another_exercises_picture(store: Store, tmp_path: Path) -> None:
    original = _save(store, steps=[StepInput("One.", _picture(tmp_path))])
    theirs = original.steps[0].picture
    assert theirs is not None
    _import_customs(store, tmp_path, theirs.name)
    mine = _picture_of(store, "custom-crafted-1")
    assert mine != theirs  # its own copy, if any, never the other's file
    store.delete_custom_exercise("custom-crafted-1")
    assert theirs.read_bytes() == PNG
    assert _picture_of(store, original.slug) == theirs
    assert sorted(store.pictures_dir.iterdir()) == [theirs]  # the copy went with its exercise


def test_two_imported_exercises_never_share_a_picture(store: Store, tmp_path: Path) -> None:
    """A picture the folder holds but no exercise owns goes to the first that
    names it; the second gets a copy."""
    store.pictures_dir.mkdir(mode=0o700, exist_ok=True)
    loose = store.pictures_dir / f"{'a' * 32}.png"
    loose.write_bytes(PNG)
    _import_customs(store, tmp_path, loose.name, loose.name)
    first, second = _picture_of(store, "custom-crafted-1"), _picture_of(store, "custom-crafted-2")
    assert first == loose and second is not None and second != loose
    store.delete_custom_exercise("custom-crafted-2")
    assert loose.read_bytes() == PNG


def test_deleting_removes_only_pictures_no_other_exercise_uses(store: Store, tmp_path: Path) -> None:
    """A log where two exercises already share a file (as a crafted import
    left it before pictures had one owner) loses neither's picture."""
    import sqlite3

    first = _save(store, steps=[StepInput("One.", _picture(tmp_path))])
    second = _save(store, name="Second")
    shared = first.steps[0].picture
    assert shared is not None
    connection = sqlite3.connect(store.db_path)
    try:
        connection.execute("UPDATE custom_step SET picture = ? WHERE position = 1 AND exercise_id = "
                           "(SELECT id FROM custom_exercise WHERE slug = ?)", (shared.name, second.slug))
        connection.commit()
    finally:
        connection.close()
    store.delete_custom_exercise(second.slug)
    assert shared.read_bytes() == PNG
    _save(store, slug=first.slug, steps=[StepInput("One, no picture now.")])
    assert not shared.exists()  # its last owner let it go


@pytest.mark.parametrize("name", ["notes.png", ".hidden.png", f"{'a' * 32}.exe",
                                  f"{'A' * 32}.png"])
def test_an_import_links_only_pictures_the_store_named(store: Store, tmp_path: Path,
                                                       name: str) -> None:
    """Any other file in the pictures folder is no exercise's picture: an
    imported step naming it goes without, and deleting the exercise leaves it."""
    store.pictures_dir.mkdir(mode=0o700, exist_ok=True)
    other = store.pictures_dir / name
    other.write_bytes(PNG)
    _import_customs(store, tmp_path, name)
    assert _picture_of(store, "custom-crafted-1") is None
    store.delete_custom_exercise("custom-crafted-1")
    assert other.read_bytes() == PNG


def test_picture_file_names_are_the_ones_the_store_makes() -> None:
    assert is_picture_file_name(f"{'0f' * 16}.webp")
    for name in ("", ".", "..", "a/b.png", f"{'0' * 31}.png", f"{'0' * 32}.png.png", f"{'0' * 32}"):
        assert not is_picture_file_name(name), name
