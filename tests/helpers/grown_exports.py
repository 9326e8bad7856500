"""Other apps' exports as they were before their first workout gained two
sets, for the re-import tests (issue 15, point 3)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

IMPORTS = Path(__file__).parents[1] / "fixtures" / "imports"

# Each export, and the columns that say which workout a row belongs to.
CSV_WORKOUT_COLUMNS = {"strong.csv": ("Date", "Workout Name"), "hevy_kg.csv": ("title", "start_time"),
                       "fitnotes.csv": ("Date",)}


def without_two_sets(name: str, folder: Path) -> Path:
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
