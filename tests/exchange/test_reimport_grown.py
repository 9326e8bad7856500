"""Re-importing an export whose workout gained sets since the last import (issue 15, point 3).

The sets added in the app after the first export must be added to the session
already imported, exactly those, nothing doubled; the preview and the report
say, set by set, what is added and what is skipped as already in the log.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from app.kernel.paths import AppPaths
from app.storage.queries import LogReader
from helpers.cli_run import run
from helpers.grown_exports import CSV_WORKOUT_COLUMNS, IMPORTS, without_two_sets


def _sets(data_dir: Path) -> Counter[tuple[object, ...]]:
    """Every set of the log, by its session's start and its values."""
    reader = LogReader(AppPaths(data_dir, data_dir / "logs").database)
    try:
        return Counter((r.started_at, s.exercise_slug, s.set_number, s.side, s.reps, s.load_kg)
                       for r in reader.list_sessions() for s in reader.sets_of_session(r.id))
    finally:
        reader.close()


@pytest.mark.parametrize("name", [*CSV_WORKOUT_COLUMNS, "hamstride.json"])
def test_the_two_sets_a_workout_gained_are_added_and_nothing_is_doubled(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str) -> None:
    fresh, grown = tmp_path / "fresh", tmp_path / "grown"
    code, _out, err = run(capsys, "--data-dir", str(fresh), "import", str(IMPORTS / name))
    assert code == 0, err
    expected = _sets(fresh)  # the whole export imported into an empty log

    earlier = without_two_sets(name, tmp_path)
    code, _out, err = run(capsys, "--data-dir", str(grown), "import", str(earlier))
    assert code == 0, err
    before = _sets(grown)
    assert sum(before.values()) == sum(expected.values()) - 2

    code, out, err = run(capsys, "--data-dir", str(grown), "import", str(IMPORTS / name),
                         "--dry-run")
    assert code == 0, err
    assert "Would add 2 sets to sessions already in the log:" in out
    assert "Nothing new" not in out
    assert _sets(grown) == before  # a dry run writes nothing

    code, out, err = run(capsys, "--data-dir", str(grown), "import", str(IMPORTS / name))
    assert code == 0, err
    assert "Added 2 sets to sessions already in the log:" in out
    grown_line = next(line for line in out.splitlines() if line.startswith("  ") and " set " in line)
    assert grown_line.split(";")[0].count(" set ") == 2  # the two sets, one by one
    assert "skipped: already in the log" in grown_line  # and what was not added
    assert _sets(grown) == expected  # exactly the two, nothing doubled

    code, out, err = run(capsys, "--data-dir", str(grown), "import", str(IMPORTS / name))
    assert code == 0, err
    assert "Nothing new" in out
    assert _sets(grown) == expected


def test_the_preview_lists_the_first_grown_sessions_and_counts_the_rest(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from app.exchange import plan as plan_module

    days = plan_module.MAX_LISTED + 3
    head = "Date,Exercise,Category,Weight,Weight Unit,Reps\n"
    one = "".join(f"2026-{1 + d // 28:02d}-{1 + d % 28:02d},Romanian Deadlift,Legs,60.0,kgs,8\n"
                  for d in range(days))
    earlier, later = tmp_path / "earlier.csv", tmp_path / "later.csv"
    earlier.write_text(head + one, encoding="utf-8")
    later.write_text(head + one + one, encoding="utf-8")  # every day gained a second set
    data = str(tmp_path / "data")
    assert run(capsys, "--data-dir", data, "import", str(earlier))[0] == 0
    code, out, err = run(capsys, "--data-dir", data, "import", str(later), "--dry-run")
    assert code == 0, err
    assert f"Would add {days} sets to sessions already in the log:" in out
    assert sum(" set 2" in line for line in out.splitlines()) == plan_module.MAX_LISTED
    assert "and 3 more sessions" in out



#END
