"""Custom exercises: validated fields, pictures checked and copied, all-or-nothing saves."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from app.custom_exercises import (
    MAX_PICTURE_BYTES,
    CustomExerciseError,
    StepInput,
    check_picture,
    slugify,
)
from app.storage.store import Store

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _picture(tmp_path: Path, name: str = "step.png", data: bytes = PNG) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _save(store: Store, **changes: object) -> object:
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
    assert kept.steps[0].picture == edited.steps[0].picture and kept.steps[0].picture.exists()


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
