"""`hamstride render-steps`: every step drawn to a PNG, without a display.

The command runs in a subprocess (as a user would run it), so its Qt
application never meets the one pytest-qt keeps for the widget tests.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from app.catalog import load_catalog_strict
from app.kernel.resources import resources_dir

SIZE = (320, 240)
DARK_BACKGROUND = QColor("#172127")
LIGHT_BACKGROUND = QColor("#f6f7f5")
# Neighbouring steps must differ by at least this share of their pixels: a
# new pose, or at least the arrow of what moves in that step.
MIN_CHANGED = 0.002


def _run(tmp_path: Path, *args: str,
         env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}  # the command sets it itself
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(tmp_path / "data"), "render-steps", *args],
        capture_output=True, text=True, env=env, timeout=300, check=False)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog_strict(resources_dir())


@pytest.fixture(scope="module")
def all_steps(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("render")
    out = tmp / "steps"
    result = _run(tmp, "--all", "--out", str(out), "--size", f"{SIZE[0]}x{SIZE[1]}")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return out


def _load(path: Path) -> QImage:
    image = QImage(str(path))
    assert not image.isNull(), path
    return image.convertToFormat(QImage.Format.Format_RGB32)


def _close(a: QColor, b: QColor, tolerance: int = 6) -> bool:
    return (abs(a.red() - b.red()) <= tolerance and abs(a.green() - b.green()) <= tolerance
            and abs(a.blue() - b.blue()) <= tolerance)


def test_every_step_of_every_exercise_is_drawn(qapp, all_steps, catalog):
    expected = {f"{e.slug}-{i}.png" for e in catalog.exercises for i in range(1, len(e.steps) + 1)}
    assert {p.name for p in all_steps.iterdir()} == expected
    for name in sorted(expected)[:5]:
        image = _load(all_steps / name)
        assert (image.width(), image.height()) == SIZE


def test_neighbouring_steps_look_different(qapp, all_steps, catalog):
    for exercise in catalog.exercises:
        images = [_load(all_steps / f"{exercise.slug}-{i}.png")
                  for i in range(1, len(exercise.steps) + 1)]
        for i, (a, b) in enumerate(itertools.pairwise(images), 1):
            changed = _changed_share(a, b)
            assert changed > MIN_CHANGED, f"{exercise.slug} steps {i} and {i + 1}: {changed:.4f}"


def _changed_share(a: QImage, b: QImage) -> float:
    changed = 0
    for y in range(0, a.height(), 2):   # every other row and column is plenty
        for x in range(0, a.width(), 2):
            if not _close(a.pixelColor(x, y), b.pixelColor(x, y), 24):
                changed += 1
    return changed / ((a.height() + 1) // 2 * ((a.width() + 1) // 2))


def test_the_figure_stays_inside_the_frame(qapp, all_steps):
    """Only the floor line may reach the edges: on the left and right, in the
    same few rows near the bottom, and nothing at all on the top or bottom edge."""
    for path in sorted(all_steps.iterdir()):
        image = _load(path)
        w, h = image.width(), image.height()
        assert _edge_rows(image, 0) == _edge_rows(image, w - 1), path.name
        rows = _edge_rows(image, 0)
        assert rows, f"{path.name}: no floor line"
        assert len(rows) <= 3 and rows == list(range(rows[0], rows[0] + len(rows))), (path.name, rows)
        assert h * 0.6 < rows[0] < h - 3, (path.name, rows)
        for x in range(w):
            for y in (0, 1, h - 2, h - 1):
                assert _close(image.pixelColor(x, y), DARK_BACKGROUND), (path.name, x, y)
        for y in range(h):
            if y in rows:
                continue
            for x in (1, w - 2):
                assert _close(image.pixelColor(x, y), DARK_BACKGROUND), (path.name, x, y)


def _edge_rows(image: QImage, x: int) -> list[int]:
    return [y for y in range(image.height()) if not _close(image.pixelColor(x, y), DARK_BACKGROUND)]


def test_size_and_theme_are_respected(qapp, tmp_path):
    out = tmp_path / "light"
    result = _run(tmp_path, "glute-bridge", "--out", str(out), "--size", "200x150", "--theme", "light")
    assert result.returncode == 0, result.stderr
    assert "Drew 4 step pictures" in result.stdout
    names = sorted(p.name for p in out.iterdir())
    assert names == [f"glute-bridge-{i}.png" for i in range(1, 5)]
    image = _load(out / "glute-bridge-1.png")
    assert (image.width(), image.height()) == (200, 150)
    assert _close(image.pixelColor(0, 0), LIGHT_BACKGROUND)

    big = tmp_path / "big"
    result = _run(tmp_path, "nordic-hamstring-curl", "--out", str(big), "--size", "1200x900")
    assert result.returncode == 0, result.stderr
    image = _load(big / "nordic-hamstring-curl-3.png")
    assert (image.width(), image.height()) == (1200, 900)


def test_works_with_no_display_and_no_platform_set(qapp, tmp_path):
    result = _run(tmp_path, "light-jog", "--out", str(tmp_path / "o"), "--size", "64x48",
                  env_extra={"DISPLAY": "", "WAYLAND_DISPLAY": ""})
    assert result.returncode == 0, result.stderr
    assert len(list((tmp_path / "o").iterdir())) == 3


@pytest.mark.parametrize(("args", "words"), [
    (("no-such-exercise", "--out", "OUT"), "no exercise 'no-such-exercise'"),
    (("glute-bridge", "--out", "OUT", "--size", "big"), "expected WIDTHxHEIGHT"),
    (("glute-bridge", "--out", "OUT", "--size", "0x100"), "16 to 8000"),
    (("glute-bridge", "--out", "OUT", "--theme", "pink"), "invalid choice"),
    (("glute-bridge",), "--out"),
    (("--out", "OUT"), "one of the arguments"),
])
def test_a_mistake_is_one_line_and_a_failure_status(tmp_path, args, words):
    args = tuple(str(tmp_path / "o") if a == "OUT" else a for a in args)
    result = _run(tmp_path, *args)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert words in lines[0]
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())


def test_an_output_path_that_is_a_file_is_refused(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = _run(tmp_path, "glute-bridge", "--out", str(blocker))
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1
    assert "cannot create the folder" in result.stderr
