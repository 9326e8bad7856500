"""Whatever the file holds, read_import returns sets that pass the log's checks
or raises ImportFileError: never anything else.

Inputs: random bytes, random text after a real header, and damaged copies
of every example export (characters deleted, doubled, swapped or inserted,
the file cut short, lines shuffled, the delimiter changed), plus our JSON
export with values replaced by random JSON.
"""

from __future__ import annotations

import json
from datetime import UTC
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from app.exchange import ImportedLog, ImportFileError, read_import
from app.logbook.entries import SetEntry

FIXTURES = Path(__file__).parents[1] / "fixtures" / "imports"
FIXTURE_NAMES = sorted(p.name for p in FIXTURES.iterdir() if p.suffix in (".csv", ".json"))
TEXTS = {name: (FIXTURES / name).read_text(encoding="utf-8") for name in FIXTURE_NAMES}
OSLO = ZoneInfo("Europe/Oslo")

FUZZ = settings(max_examples=120, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


def check(path: Path, content: bytes) -> None:
    path.write_bytes(content)
    # Both units, and both an explicit zone and this machine's own.
    for unit, tz in (("kg", OSLO), ("lb", None)):
        try:
            log = read_import(path, default_unit=unit, tz=tz)
        except ImportFileError as exc:
            # The message always starts with the file's name.
            assert str(exc).startswith(path.name)
            event("refused: " + exc.message.split(" ")[0 if exc.line is None else -1][:20])
            return
        event(f"read: {log.format}")
        assert_valid(log)


def assert_valid(log: ImportedLog) -> None:
    assert isinstance(log, ImportedLog)
    for session in log.sessions:
        assert session.key
        assert session.started_at.tzinfo is UTC
        assert session.ended_at is None or session.ended_at >= session.started_at
        numbers: dict[str, int] = {}
        for s in session.sets:
            # The same checks the log form makes (load as stored, in kg).
            SetEntry(exercise_slug=s.exercise, set_number=s.set_number, side=s.side, reps=s.reps,
                     load=s.load_kg, load_unit="kg", duration_s=s.duration_s, rpe=s.rpe,
                     tempo=s.tempo, descent_s=s.descent_s, set_type=s.set_type, notes=s.notes,
                     distance_m=s.distance_m, rest_s=s.rest_s)
            assert s.load_unit in ("kg", "lb")
            if not log.names_are_slugs:
                numbers[s.exercise] = numbers.get(s.exercise, 0) + 1
                assert s.set_number == numbers[s.exercise]
                assert s.load_kg is None or s.load_kg > 0
                assert s.line >= 2


# -- mutations of the example files -----------------------------------------------

CELL = st.one_of(st.sampled_from(["", "0", "8", "-1", "60", "72,5", "1e3", "W", "D", "F",
                                  "Rest Timer", "normal", "failure", "kgs", "lbs", "mi",
                                  "2026-11-21 18:05:00", "2026-11-21 6:05:00\u202fPM",
                                  "21 Nov 2026, 18:05", "2026-11-21", "0:01:30", "1h 5m",
                                  "Romanian Deadlift (Barbell)", "11", "600", "99999"]),
                 st.text(max_size=12))


INSERTS = st.sampled_from([",", ";", '"', "\n", "\r", "\r\n", " ", "\u202f", "-", ".", "0", "9",
                           "a", "W", "é", "\x00", "\ufeff", "{", "}", "[", "]", ":", "1e9", "NaN"])


ALL_KINDS = ("delete", "duplicate", "swap", "insert", "truncate", "shuffle", "delimiter", "cell")


@st.composite
def mutated(draw: st.DrawFn, kinds: tuple[str, ...] = ALL_KINDS,
            names: tuple[str, ...] = tuple(FIXTURE_NAMES)) -> tuple[str, bytes]:
    name = draw(st.sampled_from(names))
    text = TEXTS[name]
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(kinds))
        size = len(text)
        if size == 0:
            break
        # Mostly past the header: a broken header only tests format detection,
        # and Hypothesis leans towards small numbers (the start of the file).
        header_end = text.find("\n") + 1 if draw(st.integers(0, 3)) else 0
        at = draw(st.integers(min(header_end, size - 1), size - 1))
        if kind == "cell" and not name.endswith(".json"):
            # One value replaced by another an app could have written (or not).
            lines = text.split("\n")
            if len(lines) < 2:  # an earlier mutation cut the file to its first line
                continue
            delimiter = ";" if ";" in lines[0] else ","
            row = draw(st.integers(1, len(lines) - 1))
            cells = lines[row].split(delimiter)
            column = draw(st.integers(0, len(cells) - 1))
            quoted = cells[column].startswith('"')
            value = draw(CELL).replace('"', "")
            cells[column] = f'"{value}"' if quoted else value
            lines[row] = delimiter.join(cells)
            text = "\n".join(lines)
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 20)):]
        elif kind == "duplicate":
            end = min(size, at + draw(st.integers(1, 200)))
            text = text[:end] + text[at:end] + text[end:]
        elif kind == "swap":
            other = draw(st.integers(0, size - 1))
            chars = list(text)
            chars[at], chars[other] = chars[other], chars[at]
            text = "".join(chars)
        elif kind == "insert":
            text = text[:at] + draw(INSERTS) + text[at:]
        elif kind == "truncate":
            text = text[:at]
        elif kind == "shuffle":
            first, *lines = text.split("\n")
            text = "\n".join([first, *draw(st.permutations(lines))] if header_end
                              else draw(st.permutations([first, *lines])))
        else:
            old, new = draw(st.sampled_from([(";", ","), (",", ";"), (",", "\t"), ('"', "")]))
            text = text.replace(old, new)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
    return name, text.encode(encoding, errors="surrogatepass")


@settings(FUZZ, max_examples=400)
@given(mutated())
def test_mutated_fixtures(tmp_path: Path, case: tuple[str, bytes]) -> None:
    name, content = case
    check(tmp_path / name, content)


CSV_NAMES = tuple(name for name in FIXTURE_NAMES if name.endswith(".csv"))


@settings(FUZZ, max_examples=300)
@given(mutated(kinds=("cell",), names=CSV_NAMES))
def test_fixtures_with_changed_values(tmp_path: Path, case: tuple[str, bytes]) -> None:
    """Rows that still parse as CSV: the checks on values are what is tested."""
    name, content = case
    check(tmp_path / name, content)


@settings(FUZZ, max_examples=200)
@given(st.binary(max_size=2000))
def test_random_bytes(tmp_path: Path, content: bytes) -> None:
    check(tmp_path / "random.csv", content)


HEADERS = [text.split("\n", 1)[0] for name, text in TEXTS.items() if name.endswith(".csv")]
@st.composite
def rows_after_a_header(draw: st.DrawFn) -> str:
    header = draw(st.sampled_from(HEADERS))
    delimiter = ";" if header.startswith('"Workout #";') else ","
    width = len(header.split(delimiter))
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        cells = draw(st.lists(CELL, min_size=width - 1, max_size=width + 1))
        rows.append(delimiter.join(f'"{c}"' if draw(st.booleans()) else c for c in cells))
    return header + "\n" + "\n".join(rows) + "\n"


@settings(FUZZ, max_examples=200)
@given(rows_after_a_header())
def test_random_rows_after_a_real_header(tmp_path: Path, text: str) -> None:
    check(tmp_path / "rows.csv", text.encode("utf-8", errors="surrogatepass"))


@settings(FUZZ, max_examples=100)
@given(st.text(max_size=500))
def test_random_text(tmp_path: Path, text: str) -> None:
    check(tmp_path / "text.csv", text.encode("utf-8", errors="surrogatepass"))


# -- our JSON, with values replaced -------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-10**20, 10**20)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=40)
    | st.sampled_from(["2026-11-21T18:05:00Z", "2026-11-21T18:05:00", "custom-x", "lb", "left",
                       "drop", "5-0-3-0", "hamstride-export"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4),
    max_leaves=10)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


@st.composite
def changed_json(draw: st.DrawFn) -> str:
    document = json.loads(TEXTS["hamstride.json"])
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_paths(document)[1:]))
        target = document
        for step in path[:-1]:
            target = target[step]
        old = target[path[-1]]
        choice = draw(st.integers(0, 3))
        if choice == 0 and isinstance(target, dict):
            del target[path[-1]]
        elif choice == 1 and isinstance(old, int | float) and not isinstance(old, bool):
            target[path[-1]] = draw(st.integers(-1100, 1100) | st.floats(-1100, 1100))
        elif choice == 1 and isinstance(old, str):
            target[path[-1]] = draw(st.text(max_size=40))
        else:
            target[path[-1]] = draw(JSON_VALUES)
    return json.dumps(document)


@settings(FUZZ, max_examples=300)
@given(changed_json())
def test_changed_json_values(tmp_path: Path, text: str) -> None:
    check(tmp_path / "export.json", text.encode("utf-8", errors="surrogatepass"))
