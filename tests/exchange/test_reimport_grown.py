"""Re-importing an export whose workout gained sets since the last import (issue 15, point 3).

The sets added in the app after the first export must be added to the session
already imported, exactly those, nothing doubled; the preview and the report
say, set by set, what is added and what is skipped as already in the log.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import pytest

from app.kernel.paths import AppPaths
from app.storage.queries import LogReader
from helpers.cli_run import run

IMPORTS = Path(__file__).parents[1] / "fixtures" / "imports"

# Each export, and the columns that say which workout a row belongs to.
CSV_WORKOUT_COLUMNS = {"strong.csv": ("Date", "Workout Name"), "hevy_kg.csv": ("title", "start_time"),
                       "fitnotes.csv": ("Date",)}


def _sets(data_dir: Path) -> Counter[tuple[object, ...]]:
    """Every set of the log, by its session's start and its values."""
    reader = LogReader(AppPaths(data_dir, data_dir / "logs").database)
    try:
        return Counter((r.started_at, s.exercise_slug, s.set_number, s.side, s.reps, s.load_kg)
                       for r in reader.list_sessions() for s in reader.sets_of_session(r.id))
    finally:
        reader.close()


def _without_two_sets(name: str, folder: Path) -> Path:
    """The export as it was before its first workout's last two sets were logged."""
    source = IMPORTS / name
    target = folder / name
    if name.endswith(".json"):
        document = json.loads(source.read_text(encoding="utf-8"))
        sets = document["sessions"][0]["sets"]
        assert len(sets) > 2
        del sets[-2:]
        target.write_text(json.dumps(document), encoding="utf-8")
        return target
    text = source.read_text(encoding="utf-8")
    delimiter = ";" if text.startswith('"Workout #";') else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    header, body = rows[0], rows[1:]
    keys = [header.index(c) for c in CSV_WORKOUT_COLUMNS[name]]
    first = [body[0][k] for k in keys]
    order = header.index("Set Order") if "Set Order" in header else None
    of_first = [i for i, row in enumerate(body) if [row[k] for k in keys] == first
                and (order is None or row[order] != "Rest Timer")]
    dropped = set(of_first[-2:])
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n",
                        quoting=csv.QUOTE_ALL if delimiter == ";" else csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(row for i, row in enumerate(body) if i not in dropped)
    target.write_text(out.getvalue(), encoding="utf-8")
    return target


@pytest.mark.parametrize("name", [*CSV_WORKOUT_COLUMNS, "hamstride.json"])
def test_the_two_sets_a_workout_gained_are_added_and_nothing_is_doubled(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str) -> None:
    fresh, grown = tmp_path / "fresh", tmp_path / "grown"
    code, _out, err = run(capsys, "--data-dir", str(fresh), "import", str(IMPORTS / name))
    assert code == 0, err
    expected = _sets(fresh)  # the whole export imported into an empty log

    earlier = _without_two_sets(name, tmp_path)
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


def test_the_window_shows_the_grown_sets_before_and_after(qtbot: object, tmp_path: Path) -> None:
    from app.catalog import load_catalog_strict
    from app.exchange.writer import apply_import
    from app.kernel.clock import FakeClock
    from app.kernel.resources import resources_dir
    from app.storage.store import Store
    from app.ui.history.controller import import_summary
    from app.ui.history.import_dialog import ImportDialog
    from app.usecases.import_flow import read_and_plan

    catalog = load_catalog_strict(resources_dir())
    folder = tmp_path / "data"
    folder.mkdir()
    store, _ = Store.open(AppPaths(folder, folder / "logs"), FakeClock())
    try:
        apply_import(store, read_and_plan(_without_two_sets("fitnotes.csv", tmp_path), catalog,
                                         store.reader)[2])
        _log, _mapping, plan = read_and_plan(IMPORTS / "fitnotes.csv", catalog, store.reader)
        dialog = ImportDialog(plan, [(e.slug, e.name) for e in catalog.exercises])
        qtbot.addWidget(dialog)  # type: ignore[attr-defined]
        shown = dialog.summary.text()
        assert "Would add 2 sets to sessions already in the log:" in shown
        assert shown.count(" set ") >= 2 and dialog.import_button.isEnabled()
        result = apply_import(store, plan.with_mapping(dialog.mapping()))
    finally:
        store.close()
    assert (result.sessions_added, result.sets_added_to_existing, result.grown_sessions) == (0, 2, 1)
    assert import_summary(IMPORTS / "fitnotes.csv", result).startswith(
        "Imported from fitnotes.csv; 2 sets added to sessions already in the log")
