"""Every way a file can be wrong gives an ImportFileError naming the file, line and column."""

from __future__ import annotations

import codecs
import csv
import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import app.exchange.text as text_module
from app.exchange import MAX_IMPORT_BYTES, ImportFileError, read_import

FIXTURES = Path(__file__).parents[1] / "fixtures" / "imports"
OSLO = ZoneInfo("Europe/Oslo")


def error_of(path: Path, **kwargs: object) -> ImportFileError:
    with pytest.raises(ImportFileError) as raised:
        read_import(path, tz=OSLO, **kwargs)  # type: ignore[arg-type]
    return raised.value


# -- the file itself ---------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"   \r\n\n\t ", codecs.BOM_UTF8, codecs.BOM_UTF8 + b"\n\n",
                                     codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")])
def test_empty(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "strong.csv"
    path.write_bytes(content)
    assert str(error_of(path)) == "strong.csv: is empty"


def test_too_big_is_refused_before_reading(tmp_path: Path) -> None:
    # Imports are read in pieces (issue 15), so the limit is far above any log's
    # export: only what no log could be is refused, before a byte is read.
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.truncate(MAX_IMPORT_BYTES + 1024 * 1024)  # sparse: nothing written
    assert str(error_of(path)) == "huge.csv: is 4097.0 MB; the limit is 4096 MB"


def test_the_limit_itself_is_allowed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A smaller limit for the test: reading 50 MB of rows here would only cost time.
    content = b"Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n2026-11-21 18:05:00,W,RDL,1,60,8\n"
    monkeypatch.setattr(text_module, "MAX_IMPORT_BYTES", len(content))
    path = tmp_path / "s.csv"
    path.write_bytes(content)
    assert read_import(path, tz=OSLO).rows == 1
    path.write_bytes(content + b"\n")
    assert str(error_of(path)) == "s.csv: is 0.0 MB; the limit is 0 MB"
    assert MAX_IMPORT_BYTES == 4 * 1024 * 1024 * 1024


def test_not_a_file(tmp_path: Path) -> None:
    assert str(error_of(tmp_path / "gone.csv")) == \
        "gone.csv: does not exist (was it moved or deleted?)"
    folder = tmp_path / "export"
    folder.mkdir()
    assert "export: is a folder, not a file" in str(error_of(folder))
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    assert str(error_of(fifo)) == "pipe.csv: is not a regular file"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "locked.csv"
    path.write_text("x", encoding="utf-8")
    path.chmod(0)
    assert str(error_of(path)) == "locked.csv: cannot be read: permission denied"


def test_utf8_bom_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "strong.csv"
    path.write_bytes(codecs.BOM_UTF8 + (FIXTURES / "strong.csv").read_bytes())
    assert read_import(path, tz=OSLO).sessions == read_import(FIXTURES / "strong.csv",
                                                              tz=OSLO).sessions


@pytest.mark.parametrize(("bom", "codec"), [(codecs.BOM_UTF16_LE, "utf-16-le"),
                                            (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_utf16_with_bom_is_decoded(tmp_path: Path, bom: bytes, codec: str) -> None:
    path = tmp_path / "hevy.csv"
    path.write_bytes(bom + (FIXTURES / "hevy_kg.csv").read_text(encoding="utf-8").encode(codec))
    assert read_import(path, tz=OSLO).sessions == read_import(FIXTURES / "hevy_kg.csv",
                                                              tz=OSLO).sessions


def test_damaged_utf16(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(codecs.BOM_UTF16_LE + "Date\nab".encode("utf-16-le") + b"\x00\xd8")  # lone surrogate
    error = error_of(path)
    assert (error.line, error.column) == (2, 3)
    assert "is damaged UTF-16 text" in str(error)


def test_latin1_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "fitnotes.csv"
    text = (FIXTURES / "fitnotes.csv").read_text(encoding="utf-8")
    path.write_bytes(text.replace("Plank", "Planke på tå").encode("latin-1"))
    error = error_of(path)
    assert (error.line, error.column) == (7, 20)
    assert str(error).startswith("fitnotes.csv, line 7, column 20: is not UTF-8 text "
                                 "(byte 0xE5 here is not valid UTF-8); save it as UTF-8")


def test_nul_bytes_are_not_text(tmp_path: Path) -> None:
    path = tmp_path / "workouts.xlsx"
    path.write_bytes(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00")
    assert "workouts.xlsx: contains NUL bytes, so it is not a text export" in str(error_of(path))


@pytest.mark.parametrize("first_line", [
    "name,sets,reps,weight", "hello world", "Date;Exercise;Reps",
    '"Workout #","Date","Workout Name"'])
def test_unknown_header_lists_what_we_read(tmp_path: Path, first_line: str) -> None:
    path = tmp_path / "log.csv"
    path.write_text(first_line + "\n1,2,3,4\n", encoding="utf-8")
    error = error_of(path)
    assert error.line == 1
    assert str(error).startswith("log.csv, line 1: is not an export we can read")
    for app in ("Strong", "Hevy", "FitNotes", "Hamstride"):
        assert app in str(error)


def test_header_only_has_no_sets(tmp_path: Path) -> None:
    path = tmp_path / "hevy.csv"
    path.write_text((FIXTURES / "hevy_kg.csv").read_text(encoding="utf-8").splitlines()[0] + "\n",
                    encoding="utf-8")
    assert str(error_of(path)) == "hevy.csv: has no sets (only a header row)"


def test_a_column_twice(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Reps\n", encoding="utf-8")
    assert str(error_of(path)) == "s.csv, line 1, column 7 (Reps): the column 'Reps' appears twice"


def test_a_missing_column(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("Date,Workout Name,Exercise Name,Set Order,Weight\n", encoding="utf-8")
    assert str(error_of(path)) == \
        "s.csv, line 1: this Strong (comma export) export has no 'Reps' column"


def test_unclosed_quote_names_the_line_it_opens(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n"
                    "2026-11-21 18:05:00,W,RDL,1,60,8\n"
                    '2026-11-21 18:05:00,W,"RDL,2,60,8\n'
                    "2026-11-21 18:05:00,W,RDL,3,60,8\n", encoding="utf-8")
    error = error_of(path)
    assert error.line == 3


# -- bad values, in every CSV format -------------------------------------------------


@dataclass
class Shape:
    name: str
    header: list[str]
    good: dict[str, str]
    delimiter: str = ","
    quote_all: bool = False
    columns: dict[str, str] = field(default_factory=dict)  # what -> header name

    def write(self, tmp_path: Path, bad: dict[str, str], extra: bool = False) -> Path:
        out = io.StringIO()
        writer = csv.writer(out, delimiter=self.delimiter, lineterminator="\n",
                            quoting=csv.QUOTE_ALL if self.quote_all else csv.QUOTE_MINIMAL)
        writer.writerow(self.header)
        writer.writerow([self.good.get(h, "") for h in self.header])
        row = {**self.good, **bad}
        writer.writerow([row.get(h, "") for h in self.header] + (["surplus"] if extra else []))
        path = tmp_path / f"{self.name}.csv"
        path.write_text(out.getvalue(), encoding="utf-8")
        return path

    def where(self, what: str) -> str:
        name = self.columns[what]
        return f"{self.header.index(name) + 1} ({name})"


SHAPES = [
    Shape("strong", ["Workout #", "Date", "Workout Name", "Duration (sec)", "Exercise Name",
                     "Set Order", "Weight (kg)", "Reps", "RPE", "Distance (meters)", "Seconds",
                     "Notes", "Workout Notes"],
          {"Workout #": "1", "Date": "2026-11-21 18:05:00", "Workout Name": "A",
           "Duration (sec)": "3000", "Exercise Name": "RDL", "Set Order": "1",
           "Weight (kg)": "60", "Reps": "8", "Seconds": "0"},
          delimiter=";", quote_all=True,
          columns={"date": "Date", "weight": "Weight (kg)", "reps": "Reps", "rpe": "RPE",
                   "seconds": "Seconds"}),
    Shape("strong_comma", ["Date", "Workout Name", "Duration", "Exercise Name", "Set Order",
                           "Weight", "Reps", "Distance", "Seconds", "Notes", "Workout Notes", "RPE"],
          {"Date": "2026-11-21 18:05:00", "Workout Name": "A", "Duration": "49m",
           "Exercise Name": "RDL", "Set Order": "1", "Weight": "60", "Reps": "8"},
          columns={"date": "Date", "weight": "Weight", "reps": "Reps", "rpe": "RPE",
                   "seconds": "Seconds"}),
    Shape("strong_legacy", ["Date", "Workout Name", "Exercise Name", "Set Order", "Weight",
                            "Weight Unit", "Reps", "RPE", "Distance", "Distance Unit", "Seconds",
                            "Notes", "Workout Notes"],
          {"Date": "2026-11-21 18:05:00", "Workout Name": "A", "Exercise Name": "RDL",
           "Set Order": "1", "Weight": "60", "Weight Unit": "kg", "Reps": "8"},
          columns={"date": "Date", "weight": "Weight", "reps": "Reps", "rpe": "RPE",
                   "seconds": "Seconds"}),
    Shape("hevy", ["title", "start_time", "end_time", "description", "exercise_title",
                   "superset_id", "exercise_notes", "set_index", "set_type", "weight_kg", "reps",
                   "distance_km", "duration_seconds", "rpe"],
          {"title": "A", "start_time": "21 Nov 2026, 18:05", "end_time": "21 Nov 2026, 19:00",
           "exercise_title": "RDL", "set_index": "0", "set_type": "normal", "weight_kg": "60",
           "reps": "8"},
          quote_all=True,
          columns={"date": "start_time", "weight": "weight_kg", "reps": "reps", "rpe": "rpe",
                   "seconds": "duration_seconds"}),
    Shape("fitnotes", ["Date", "Exercise", "Category", "Weight", "Weight Unit", "Reps",
                       "Distance", "Distance Unit", "Time"],
          {"Date": "2026-11-21", "Exercise": "RDL", "Category": "Legs", "Weight": "60.0",
           "Weight Unit": "kgs", "Reps": "8"},
          columns={"date": "Date", "weight": "Weight", "reps": "Reps", "seconds": "Time"}),
    Shape("fitnotes_legacy", ["Date", "Exercise", "Category", "Weight (lbs)", "Reps", "Distance",
                              "Distance Unit", "Time", "Comment"],
          {"Date": "2026-11-21", "Exercise": "RDL", "Category": "Legs", "Weight (lbs)": "135",
           "Reps": "8"},
          columns={"date": "Date", "weight": "Weight (lbs)", "reps": "Reps", "seconds": "Time"}),
]

BAD_VALUES = [
    ("date", "21.11.2026", "is not a date"),
    ("date", "2026-02-30 18:05:00", "is not a real date"),
    ("date", "", "is missing"),
    ("weight", "-20", "a negative weight"),
    ("weight", "1200", "is above the limit"),
    ("weight", "ten", "'ten' is not a number"),
    ("weight", "nan", "'nan' is not a number"),
    ("weight", "1_000", "is not a number"),
    ("reps", "ten", "'ten' is not a number"),
    ("reps", "8a", "'8a' is not a number"),
    ("reps", "-3", "reps cannot be negative"),
    ("reps", "8.5", "reps must be a whole number"),
    ("reps", "1001", "reps must be at most 1000"),
    ("rpe", "11", "RPE must be between 1 and 10, not 11"),
    ("rpe", "-1", "RPE must be between 1 and 10"),
    ("seconds", "99999", "duration must be between 0 and 21600 seconds"),
]


def _fitnotes_date(shape: Shape, value: str) -> str:
    # FitNotes writes days, not times.
    return value.split(" ")[0] if shape.name.startswith("fitnotes") else value


@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: s.name)
@pytest.mark.parametrize(("what", "value", "words"), BAD_VALUES,
                         ids=[f"{w}={v!r}" for w, v, _ in BAD_VALUES])
def test_bad_value_names_line_and_column(tmp_path: Path, shape: Shape, what: str, value: str,
                                         words: str) -> None:
    if what not in shape.columns:
        pytest.skip(f"{shape.name} has no {what} column")
    if what == "date":
        value = _fitnotes_date(shape, value)
        if shape.name == "hevy" and value and "." not in value:
            value = "30 Feb 2026, 18:05"
    if what == "weight" and value == "1200" and shape.name == "fitnotes_legacy":
        value = "1200"  # lb: 544 kg, still over
    path = shape.write(tmp_path, {shape.columns[what]: value})
    error = error_of(path)
    assert (error.line, error.column) == (3, shape.where(what))
    assert str(error).startswith(f"{path.name}, line 3, column {shape.where(what)}: ")
    assert words in error.message, error.message


@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: s.name)
def test_wrong_number_of_fields(tmp_path: Path, shape: Shape) -> None:
    path = shape.write(tmp_path, {}, extra=True)
    error = error_of(path)
    assert error.line == 3
    width = len(shape.header)
    assert f"this row has {width + 1} fields but the header has {width}" in str(error)


@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: s.name)
def test_a_good_row_reads(tmp_path: Path, shape: Shape) -> None:
    log = read_import(shape.write(tmp_path, {}), tz=OSLO)
    assert log.rows == 2
    assert [s.reps for s in log.sessions[0].sets] == [8, 8]


def test_decimal_comma_only_in_the_semicolon_export(tmp_path: Path) -> None:
    semicolon, comma = SHAPES[0], SHAPES[1]
    log = read_import(semicolon.write(tmp_path, {"Weight (kg)": "62,5", "RPE": "7,5"}), tz=OSLO)
    assert (log.sessions[0].sets[1].load_kg, log.sessions[0].sets[1].rpe) == (62.5, 7.5)
    error = error_of(comma.write(tmp_path, {"Weight": "62,5"}))
    assert error.column == "6 (Weight)"
    assert "write decimals with a point, like 1.5" in error.message


def test_unknown_weight_and_distance_units(tmp_path: Path) -> None:
    legacy = SHAPES[2]
    error = error_of(legacy.write(tmp_path, {"Weight Unit": "stone"}))
    assert (error.line, error.column) == (3, "6 (Weight Unit)")
    error = error_of(legacy.write(tmp_path, {"Distance": "3", "Distance Unit": "furlong"}))
    assert (error.line, error.column) == (3, "10 (Distance Unit)")


def test_bad_set_order_and_duration(tmp_path: Path) -> None:
    error = error_of(SHAPES[0].write(tmp_path, {"Set Order": "X"}))
    assert (error.line, error.column) == (3, "6 (Set Order)")
    error = error_of(SHAPES[1].write(tmp_path, {"Duration": "an hour"}))
    assert (error.line, error.column) == (3, "3 (Duration)")


def test_am_pm_hour_out_of_range(tmp_path: Path) -> None:
    error = error_of(SHAPES[1].write(tmp_path, {"Date": "2026-11-21 13:05:00\u202fPM"}))
    assert (error.line, error.column) == (3, "1 (Date)")
    assert "not 1-12" in error.message


def test_bad_default_unit_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="default_unit"):
        read_import(FIXTURES / "strong.csv", default_unit="stone")
