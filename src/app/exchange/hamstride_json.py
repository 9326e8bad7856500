"""Our own JSON export (``export_data`` in app/usecases/export.py), read back exactly.

Everything the export holds is kept as it is: uids (so importing the same
export twice adds nothing), logged_at, load_kg to the last bit, the unit it
was entered in, tempo, descents, readiness, program, custom exercises,
settings, (format version 2) the quick notes on how the body felt and
(format version 3) the running week: runs, the planned week, races and body
weights. Exercises are named by slug, so there is nothing to match. A file
of version 1 or 2 lacks what came later and reads as it always did.

A problem names its JSON path, e.g. ``sessions[3].sets[2].reps``; items are
counted from 1, as in the catalog's messages (the kernel's validation
toolkit's KeyPath and checks, which say what kind of value was given but
never the value itself: it is someone's log).

The file is read in pieces (issue 15: the 50 MB limit refused the export of
a 100,000-set log). ``_Scanner`` walks the top-level object itself and has
the json module decode each value in it, and each session of "sessions" on
its own, so memory holds one session at a time whatever the file's size.
The protections stay: a value (one session with its sets, the settings)
over ``MAX_VALUE_CHARS`` is refused, nesting too deep is refused, numbers
must be finite and of sane size.
"""

# One module because it is one format: the scanner that walks the file and
# the reader that checks what it yields share the format's facts (the header
# keys, the version, where a value's path starts) and change together.

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Generator, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, ClassVar, NoReturn, TypeVar

from app.exchange.model import (
    ImportedBodyNote,
    ImportedBodyWeight,
    ImportedExercise,
    ImportedRace,
    ImportedRun,
    ImportedRunning,
    ImportedSession,
    ImportedSet,
    ImportFileError,
    ReadSummary,
)
from app.exchange.text import TextFile
from app.exchange.values import MAX_YEAR, MIN_YEAR
from app.kernel.i18n import QT_TRANSLATE_NOOP, format_integer, translate
from app.kernel.validation import ROOT, Checker, KeyPath, is_int
from app.logbook.custom_exercises import CUSTOM_SLUG_PREFIX, CustomExerciseError, validate_fields
from app.logbook.entries import (
    LOAD_UNITS,
    InvalidEntryError,
    SetEntry,
    SetType,
    Side,
    validate_body_note,
)
from app.logbook.runs import (
    PlannedDay,
    RunEntry,
    RunRefusal,
    RunTag,
    Sport,
    planned_week_of,
    validate_body_weight,
    validate_race_name,
    validate_run,
)

FORMAT = "hamstride-export"
# The newest app/usecases/export.py writes; newer files are refused. 2 added "body_notes"
# (an older Hamstride refusing such a file beats one dropping the notes unsaid), 3 the
# running week ("runs", "planned_week", "races", "body_weights"), for the same reason.
FORMAT_VERSION = 3
LABEL = QT_TRANSLATE_NOOP("hamstride_json", "Hamstride (JSON export)")
MAX_UID = 36  # the database's column width
# The most text one value of the file may take: a session with all its sets,
# the settings, a custom exercise. Far above any real one (a session of 500
# sets is about 300 KB); it bounds what a hostile file can make us hold.
MAX_VALUE_CHARS = 32 * 1024 * 1024

_VERSION_AT = KeyPath("format_version")
# export_data's set keys to SetEntry's field names, for messages.
_SET_FIELD_KEYS = {"exercise": "exercise", "set number": "set_number", "side": "side",
                   "reps": "reps", "load": "load_kg", "load unit": "load_unit",
                   "duration": "duration_s", "RPE": "rpe", "tempo": "tempo", "set type": "set_type",
                   "notes": "notes", "distance": "distance_m", "rest": "rest_s", "RIR": "rir",
                   "descent held": "descent_held"}
# validate_body_note's fields to export_data's note keys, for messages.
_NOTE_FIELD_KEYS = {"soreness": "soreness", "run pain": "run_pain", "words": "words"}
# The reader has no clock: a run is checked against the latest time the file
# may hold, so every rule of validate_run but "not in the future" applies
# here; the write checks that one against the log's clock (app.exchange.writer).
_Word = TypeVar("_Word", Sport, RunTag)  # a vocabulary a run's value is one of
_NO_FUTURE = datetime(MAX_YEAR, 12, 31, 23, 59, tzinfo=UTC)


def _not_json(reason: str) -> str:
    return translate("hamstride_json", "is not valid JSON: {reason}").format(reason=reason)


class _Constant(ValueError):
    pass


def _no_constant(name: str) -> NoReturn:
    # json accepts NaN and Infinity by default; no export of ours writes them.
    raise _Constant(name)


def is_hamstride(document: Any) -> bool:
    return isinstance(document, dict) and document.get("format") == FORMAT


class NotOurJson(Exception):
    """Valid JSON, but not a Hamstride export (the caller says what we read)."""


def read_hamstride(path: Path, reopen: Callable[[], TextFile], first: TextFile,
                   summary: ReadSummary) -> Iterator[ImportedSession]:
    """The sessions of our JSON export as they are read; ``summary`` gets the rest.

    ``first`` is the opened file. The export writes "format" and
    "format_version" before "sessions"; a file that has them after (edited
    by hand) is read twice, the first time for them alone (``reopen``).
    """
    reader = _Reader(path)
    try:
        header = yield from _Scanner(path, first).document(reader, None)
    except _NeedHeader:
        first.close()
        with reopen() as again:
            header = yield from _Scanner(path, again).document(None, None)
        with reopen() as third:
            header = yield from _Scanner(path, third).document(reader, header)
    reader.finish(header, summary)


class _NeedHeader(Exception):
    """The sessions came before the format was known."""


_BLANK = re.compile(r"[ \t\n\r]*")


class _Scanner:
    """The top level of a JSON document, read piece by piece; each value in it
    (and each item of "sessions") decoded by the json module on its own."""

    def __init__(self, path: Path, source: TextFile) -> None:
        self.path = path
        self._pieces = source.chunks()
        self.buf = ""
        self.pos = 0
        self.eof = False
        self._lines = 0  # line ends in the text dropped from buf
        self._column = 0  # characters after the last of them
        self._decoder = json.JSONDecoder(parse_constant=_no_constant)

    def document(self, reader: _Reader | None, known: dict[str, Any] | None
                 ) -> Generator[ImportedSession, None, dict[str, Any]]:
        """Yield the checked sessions (none when ``reader`` is None); return the other keys.

        ``known``: the other keys from a first reading, when they came after
        the sessions."""
        header: dict[str, Any] = {}
        self._blank()
        if self._peek() != "{":
            value = self._value()  # a syntax error is reported as such
            raise NotOurJson(value)
        self.pos += 1
        first = True
        while True:
            self._blank()
            if self._peek() == "}":
                self.pos += 1
                break
            if not first:
                self._expect(",")
                self._blank()
            first = False
            key = self._value()
            if not isinstance(key, str):
                self._syntax("Expecting property name enclosed in double quotes")
            self._blank()
            self._expect(":")
            self._blank()
            if key == "sessions" and self._peek() == "[":
                facts = known if known is not None else header
                if reader is not None:
                    if known is None and ("format" not in facts or "format_version" not in facts):
                        raise _NeedHeader
                    _check_ours(facts)
                    reader.check_version(facts)
                yield from self._sessions(reader)
                header[key] = []
            else:
                header[key] = self._value()
        self._blank()
        if self._peek():
            self._syntax("Extra data")
        if not is_hamstride(header):
            raise NotOurJson(header)
        return header

    def _sessions(self, reader: _Reader | None) -> Iterator[ImportedSession]:
        self.pos += 1  # the [
        number = 0
        while True:
            self._blank()
            if self._peek() == "]":
                self.pos += 1
                return
            if number:
                self._expect(",")
                self._blank()
            number += 1
            item = self._value()
            if reader is not None:
                yield reader.session(item, KeyPath("sessions", number))

    # -- the text ---------------------------------------------------------------------

    def _more(self) -> bool:
        """Read the next piece into buf (dropping what was read); False at the end."""
        if self.eof:
            return False
        piece = next(self._pieces, None)
        if piece is None:
            self.eof = True  # buf stays as it is: an error's position is in it
            return False
        if self.pos:
            dropped = self.buf[:self.pos]
            breaks = dropped.count("\n")
            self._lines += breaks
            self._column = len(dropped) - dropped.rfind("\n") - 1 if breaks \
                else self._column + len(dropped)
            self.buf, self.pos = self.buf[self.pos:], 0
        self.buf += piece
        return True

    def _blank(self) -> None:
        while True:
            match = _BLANK.match(self.buf, self.pos)
            self.pos = match.end() if match else self.pos
            if self.pos < len(self.buf) or not self._more():
                return

    def _peek(self) -> str:
        if self.pos >= len(self.buf):
            self._more()
        return self.buf[self.pos:self.pos + 1]

    def _expect(self, char: str) -> None:
        if self._peek() != char:
            self._syntax(f"Expecting {char!r} delimiter")
        self.pos += 1

    def _value(self) -> Any:
        while True:
            try:
                value, end = self._decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                if self._grow():
                    continue
                raise ImportFileError(self.path, _not_json(exc.msg), *self._where(exc.pos)) \
                    from None
            except _Constant as exc:
                raise ImportFileError(self.path, translate(
                    "hamstride_json", "is not valid JSON: {value} is not a number JSON allows")
                    .format(value=exc)) from None
            except RecursionError:
                raise ImportFileError(self.path, translate(
                    "hamstride_json", "is not a Hamstride export: its JSON is nested too deeply")) \
                    from None
            except ValueError as exc:  # e.g. an integer with thousands of digits
                raise ImportFileError(self.path, _not_json(str(exc))) from None
            if end == len(self.buf) and self._grow():
                continue  # a number may go on in the next piece
            if end - self.pos > MAX_VALUE_CHARS:
                self._too_long()
            self.pos = end
            return value

    def _grow(self) -> bool:
        """More text for a value that does not end in buf; False at the end of the file."""
        if len(self.buf) - self.pos > MAX_VALUE_CHARS:
            self._too_long()
        return self._more()

    def _too_long(self) -> NoReturn:
        raise ImportFileError(self.path, translate(
            "hamstride_json", "is not a Hamstride export: one value in it is over {limit} MB")
            .format(limit=format_integer(MAX_VALUE_CHARS // (1024 * 1024))))

    def _where(self, pos: int) -> tuple[int, int]:
        before = self.buf[:pos]
        breaks = before.count("\n")
        if breaks:
            return self._lines + breaks + 1, len(before) - before.rfind("\n")
        return self._lines + 1, self._column + len(before) + 1

    def _syntax(self, reason: str) -> NoReturn:
        raise ImportFileError(self.path, _not_json(reason), *self._where(self.pos))


def _check_ours(facts: dict[str, Any]) -> None:
    if not is_hamstride(facts):
        raise NotOurJson(facts)


class _Reader(Checker):
    """The export's checks: the validation toolkit's, said the JSON way ("an
    object", "a list", "text"), each refusal an ImportFileError naming the
    JSON path; ``*_in(obj, key, where)`` read one member of an object, a
    missing or null one being None."""

    NOT_TABLE: ClassVar[str] = QT_TRANSLATE_NOOP("Checker", "must be an object, not {value}")
    NOT_ARRAY: ClassVar[str] = QT_TRANSLATE_NOOP("Checker", "must be a list, not {value}")
    NOT_TEXT: ClassVar[str] = QT_TRANSLATE_NOOP("Checker", "must be text, not {value}")
    NOT_INTEGER: ClassVar[str] = QT_TRANSLATE_NOOP("Checker", "must be a whole number, not {value}")
    NOT_NUMBER: ClassVar[str] = QT_TRANSLATE_NOOP("Checker", "must be a number, not {value}")
    MISSING: ClassVar[str] = QT_TRANSLATE_NOOP("Checker", "is missing")

    def __init__(self, path: Path) -> None:
        super().__init__(path.name)
        self.path = path
        self.session_uids: set[str] = set()
        self.set_uids: set[str] = set()
        self.note_uids: set[str] = set()
        self.running = ImportedRunning()

    def error(self, at: KeyPath, message: str) -> ImportFileError:
        return ImportFileError(self.path, message, column=str(at) or None)

    def describe(self, value: Any) -> str:
        # Its kind only: the value is from someone's log, and an error text may be
        # shown, copied or reported anywhere.
        return _kind(value)

    # -- the document -----------------------------------------------------------

    def check_version(self, doc: dict[str, Any]) -> None:
        version = doc.get("format_version")
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            self.fail(_VERSION_AT, translate("_Reader", "must be a whole number from 1"))
        if version > FORMAT_VERSION:
            self.fail(_VERSION_AT, translate(
                "_Reader", "this export is format version {version}, from a newer Hamstride; this "
                "one reads version {newest}. Update Hamstride to import it")
                .format(version=format_integer(version), newest=format_integer(FORMAT_VERSION)))

    def finish(self, doc: dict[str, Any], summary: ReadSummary) -> None:
        """The rest of the document, once the sessions are read."""
        self.check_version(doc)
        self.list_in(doc, "sessions", ROOT)
        customs = []
        slugs: set[str] = set()
        for n, item in enumerate(self.list_in(doc, "custom_exercises", ROOT, required=False), start=1):
            exercise = self.custom(item, KeyPath("custom_exercises", n))
            if exercise.slug in slugs:
                self.fail(KeyPath("custom_exercises", n, "slug"), translate(
                    "_Reader", "the slug {slug} appears twice").format(slug=repr(exercise.slug)))
            slugs.add(exercise.slug)
            customs.append(exercise)
        settings = doc.get("settings")
        if settings is not None and not isinstance(settings, dict):
            self.fail(KeyPath("settings"), translate("_Reader", "must be an object"))
        body_notes = tuple(self.body_note(item, KeyPath("body_notes", n)) for n, item in enumerate(
            self.list_in(doc, "body_notes", ROOT, required=False), start=1))
        running = self.running = self.running_week(doc)
        notes = []
        if body_notes:
            notes.append(translate("_Reader", "%n quick note(s)", n=len(body_notes)))
        if running.runs:
            notes.append(translate("_Reader", "%n run(s)", n=len(running.runs)))
        if running.plans_a_week:
            notes.append(translate("_Reader", "a planned running week"))
        if running.races:
            notes.append(translate("_Reader", "%n race(s)", n=len(running.races)))
        if running.body_weights:
            notes.append(translate("_Reader", "%n body weight(s)", n=len(running.body_weights)))
        if customs:
            notes.append(translate("_Reader", "%n custom exercise(s)", n=len(customs)))
        if settings:
            notes.append(translate("_Reader", "%n setting(s)", n=len(settings)))
        # rows: the sets read (JSON has no rows; sets are what a person counts).
        summary.rows = len(self.set_uids)
        summary.notes = tuple(notes)
        summary.custom_exercises = tuple(customs)
        summary.settings = settings
        summary.body_notes = body_notes
        summary.running = running

    # -- sessions and sets ------------------------------------------------------------

    def session(self, item: Any, where: KeyPath) -> ImportedSession:
        obj = self.object(item, where)
        uid = self.uid(obj, where, self.session_uids)
        started = self.time(obj, "started_at", where)
        ended = self.time(obj, "ended_at", where, required=False)
        if started is None:
            self.missing(where / "started_at")
        if ended is not None and ended < started:
            self.fail(where / "ended_at", translate("_Reader", "is before the session's start"))
        program_day = self.whole(obj, "program_day", where)
        if program_day is not None and program_day < 1:
            self.fail(where / "program_day", translate("_Reader", "must be 1 or more"))
        readiness = obj.get("readiness")
        if readiness is not None and not isinstance(readiness, dict):
            self.fail(where / "readiness", translate("_Reader", "must be an object or null"))
        sets = tuple(self.one_set(s, where / "sets" / n)
                     for n, s in enumerate(self.list_in(obj, "sets", where), start=1))
        return ImportedSession(
            key=uid, started_at=started, ended_at=ended,
            title=self.text_in(obj, "title", where) or "", notes=self.text_in(obj, "notes", where) or "",
            sets=sets, program_slug=self.text_in(obj, "program", where),
            program_day=program_day, readiness=readiness, uid=uid,
            source=self.text_in(obj, "source", where))

    def one_set(self, item: Any, where: KeyPath) -> ImportedSet:
        obj = self.object(item, where)
        uid = self.uid(obj, where, self.set_uids)
        exercise = self.text_in(obj, "exercise", where)
        if not exercise:
            self.missing(where / "exercise")
        set_number = self.whole(obj, "set_number", where)
        if set_number is None:
            self.missing(where / "set_number")
        load_kg = self.number_in(obj, "load_kg", where)
        load_unit = self.text_in(obj, "load_unit", where) or "kg"
        if load_unit not in LOAD_UNITS:
            # Not the value itself: an error text never repeats what was logged.
            self.fail(where / "load_unit", translate("_Reader", "must be kg or lb"))
        descent = obj.get("descent_s")
        if descent is not None:
            if not isinstance(descent, list):
                self.fail(where / "descent_s", translate("_Reader", "must be a list of seconds "
                                                                     "or null"))
            for n, value in enumerate(descent, start=1):
                if isinstance(value, int | float) and not isinstance(value, bool) \
                        and not _is_number(value):
                    self.fail(where / "descent_s" / n, translate("_Reader", "is far too large"))
                if not _is_number(value):
                    self.fail(where / "descent_s" / n, translate("_Reader", "must be a number"))
            descent = tuple(float(v) for v in descent)
        held = obj.get("descent_held")
        if held is not None:
            if not isinstance(held, list):
                self.fail(where / "descent_held", translate("_Reader", "must be a list of true or "
                                                                        "false, or null"))
            for n, value in enumerate(held, start=1):
                if not isinstance(value, bool):
                    self.fail(where / "descent_held" / n, translate("_Reader",
                                                                      "must be true or false"))
            held = tuple(held)
        values: dict[str, Any] = {
            "side": self.text_in(obj, "side", where) or Side.BOTH,
            "reps": self.whole(obj, "reps", where),
            "duration_s": self.number_in(obj, "duration_s", where),
            "rpe": self.number_in(obj, "rpe", where),
            "tempo": self.text_in(obj, "tempo", where),
            "descent_s": descent,
            "set_type": self.text_in(obj, "set_type", where) or SetType.WORKING,
            "notes": self.text_in(obj, "notes", where) or "",
            "distance_m": self.number_in(obj, "distance_m", where),
            "rest_s": self.number_in(obj, "rest_s", where),
            "rir": self.whole(obj, "rir", where),
            "descent_held": held or (),
        }
        try:
            # The load is checked in kilograms, as stored: converting to the
            # entered unit and back could move a value at the limit by a bit.
            SetEntry(exercise_slug=exercise, set_number=set_number, load=load_kg, load_unit="kg",
                     **values)
        except InvalidEntryError as exc:
            key = _SET_FIELD_KEYS.get(exc.field, "descent_s" if exc.field.startswith("descent")
                                      else exc.field)
            self.fail(where / key, exc.message)
        return ImportedSet(exercise=exercise, set_number=set_number, load_kg=load_kg,
                           load_unit=load_unit, uid=uid,
                           logged_at=self.time(obj, "logged_at", where, required=False),
                           **values)

    # -- quick notes ------------------------------------------------------------------

    def body_note(self, item: Any, where: KeyPath) -> ImportedBodyNote:
        """One quick note, checked as the Today page's note form checks it: what
        the file leaves out (null or no key) stays None, never a 0."""
        obj = self.object(item, where)
        uid = self.uid(obj, where, self.note_uids)
        noted_at = self.time(obj, "noted_at", where)
        assert noted_at is not None  # required: a missing one failed above
        soreness = self.whole(obj, "soreness", where)
        run_pain = self.text_in(obj, "run_pain", where)
        try:
            words = validate_body_note(soreness, run_pain, self.text_in(obj, "words", where) or "")
        except InvalidEntryError as exc:
            self.fail(where / _NOTE_FIELD_KEYS.get(exc.field, exc.field), exc.message)
        return ImportedBodyNote(uid=uid, noted_at=noted_at, soreness=soreness, run_pain=run_pain,
                                words=words)

    # -- the running week (format version 3) -----------------------------------------

    def running_week(self, doc: dict[str, Any]) -> ImportedRunning:
        """Runs, planned week, races and body weights; an older file has none."""
        runs = tuple(self.run(item, KeyPath("runs", n)) for n, item in enumerate(
            self.list_in(doc, "runs", ROOT, required=False), start=1))
        week = doc.get("planned_week")
        planned = None if week is None else self.planned_week(week, KeyPath("planned_week"))
        races = tuple(self.race(item, KeyPath("races", n)) for n, item in enumerate(
            self.list_in(doc, "races", ROOT, required=False), start=1))
        weights = []
        days: set[date] = set()
        for n, item in enumerate(self.list_in(doc, "body_weights", ROOT, required=False),
                                 start=1):
            weight = self.body_weight(item, KeyPath("body_weights", n))
            if weight.day in days:  # the log keeps one a day: which would be the day's?
                self.fail(KeyPath("body_weights", n, "day"),
                          translate("_Reader", "this day appears twice in the file"))
            days.add(weight.day)
            weights.append(weight)
        return ImportedRunning(runs=runs, planned_week=planned, races=races,
                               body_weights=tuple(weights))

    def run(self, item: Any, where: KeyPath) -> ImportedRun:
        """One run, checked by the vocabulary's validate_run; what the file
        leaves out (distance, climb, heart rate: null) stays None."""
        obj = self.object(item, where)
        started = self.time(obj, "started_at", where)
        assert started is not None  # required: a missing one failed above
        duration = self.number_in(obj, "duration_s", where)
        if duration is None:
            self.missing(where / "duration_s")
        tag_guessed = obj.get("tag_guessed")
        if not isinstance(tag_guessed, bool):
            if tag_guessed is None:
                self.missing(where / "tag_guessed")
            self.fail(where / "tag_guessed", translate("_Reader", "must be true or false"))
        source = self.text_in(obj, "source", where)
        if not source:
            self.missing(where / "source")
        entry = RunEntry(
            started_at=started, duration_s=duration,
            sport=self.word_in(obj, "sport", where, Sport),
            distance_m=self.number_in(obj, "distance_m", where),
            elevation_gain_m=self.number_in(obj, "elevation_gain_m", where),
            average_heart_rate=self.whole(obj, "average_heart_rate", where),
            tag=self.word_in(obj, "tag", where, RunTag), tag_guessed=tag_guessed,
            source=source, title=self.text_in(obj, "title", where) or "")
        try:
            validate_run(entry, _NO_FUTURE)
        except RunRefusal as exc:
            self.fail(where / exc.field, exc.message)
        return ImportedRun(entry=entry, where=str(where))

    def planned_week(self, value: Any, where: KeyPath) -> tuple[PlannedDay, ...]:
        """Seven planned days, Monday first."""
        days = self.array(value, where)
        if len(days) != 7:
            self.fail(where, translate("_Reader", "must list seven days, Monday first"))
        kinds: dict[int, PlannedDay] = {}
        for weekday, day in enumerate(days):
            if not isinstance(day, str) or day not in PlannedDay.__members__.values():
                self.fail(where / (weekday + 1), translate(
                    "_Reader", "must be rest, easy, long, quality or race"))
            kinds[weekday] = PlannedDay(day)
        return planned_week_of(kinds)

    def race(self, item: Any, where: KeyPath) -> ImportedRace:
        obj = self.object(item, where)
        day = self.day(obj, where)
        try:
            name = validate_race_name(self.text_in(obj, "name", where) or "")
        except RunRefusal as exc:
            self.fail(where / exc.field, exc.message)
        return ImportedRace(day=day, name=name)

    def body_weight(self, item: Any, where: KeyPath) -> ImportedBodyWeight:
        obj = self.object(item, where)
        day = self.day(obj, where)
        kg = self.number_in(obj, "kg", where)
        if kg is None:
            self.missing(where / "kg")
        try:
            validate_body_weight(kg)
        except RunRefusal as exc:
            self.fail(where / exc.field, exc.message)
        return ImportedBodyWeight(day=day, kg=kg)

    def word_in(self, obj: dict[str, Any], key: str, where: KeyPath, kind: type[_Word]) -> _Word:
        """A value of the vocabulary ``kind`` (required); the refusal lists the
        vocabulary, never the value given (Checker.member's would show it)."""
        text = self.text_in(obj, key, where)
        if text is None:
            self.missing(where / key)
        if text not in {member.value for member in kind}:
            self.fail(where / key, translate("_Reader", "must be one of: {values}").format(
                values=", ".join(member.value for member in kind)))
        return kind(text)

    def day(self, obj: dict[str, Any], where: KeyPath) -> date:
        """A calendar day (ISO 8601, 2026-03-01), in the years a log holds."""
        text = self.text_in(obj, "day", where)
        if text is None:
            self.missing(where / "day")
        try:
            day = date.fromisoformat(text)
        except ValueError:
            self.fail(where / "day", translate("_Reader", "is not an ISO 8601 day"))
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            self.fail(where / "day", translate("_Reader", "is out of range (years "
                                                          "{first}-{last})")
                      .format(first=format_integer(MIN_YEAR), last=format_integer(MAX_YEAR)))
        return day

    # -- custom exercises -----------------------------------------------------------

    def custom(self, item: Any, where: KeyPath) -> ImportedExercise:
        obj = self.object(item, where)
        slug = self.text_in(obj, "slug", where) or ""
        if not slug.startswith(CUSTOM_SLUG_PREFIX) or len(slug) > 100:
            self.fail(where / "slug", translate("_Reader", "must start with {prefix} (and be at "
                                                            "most {limit} characters)")
                      .format(prefix=repr(CUSTOM_SLUG_PREFIX), limit=format_integer(100)))
        equipment = []
        for n, value in enumerate(self.list_in(obj, "equipment", where), start=1):
            if not isinstance(value, str):
                self.fail(where / "equipment" / n, translate("_Reader", "must be text"))
            equipment.append(value)
        steps: list[tuple[str, str | None]] = []
        for n, value in enumerate(self.list_in(obj, "steps", where), start=1):
            step = self.object(value, where / "steps" / n)
            text = self.text_in(step, "text", where / "steps" / n) or ""
            picture = self.text_in(step, "picture", where / "steps" / n)
            if picture is not None and (not picture or picture in (".", "..")
                                        or "/" in picture or "\\" in picture):
                # Only a file name travels; a path could point anywhere on this machine.
                self.fail(where / "steps" / n / "picture", translate("_Reader", "must be a file name, "
                                                                              "not a path"))
            steps.append((text, picture))
        name = self.text_in(obj, "name", where) or ""
        one_side = self.text_in(obj, "one_side", where) or ""
        category = self.text_in(obj, "category", where) or ""
        level = self.text_in(obj, "level", where)
        try:
            # An export written before schema v10 says "warm-up": stored as "warmup".
            category = validate_fields(name, tuple(equipment), one_side, category, level,
                                       tuple(text for text, _ in steps))
        except CustomExerciseError as exc:
            self.fail(where / exc.field.replace(' ', '_'), exc.message)
        return ImportedExercise(slug=slug, name=name, equipment=tuple(equipment),
                                one_side=one_side, category=category, level=level,
                                notes=self.text_in(obj, "notes", where) or "",
                                based_on=self.text_in(obj, "based_on", where), steps=tuple(steps))

    # -- values ---------------------------------------------------------------------

    def object(self, item: Any, where: KeyPath) -> dict[str, Any]:
        self.table(item, where)
        return item  # a dict: what json makes of an object

    def list_in(self, obj: dict[str, Any], key: str, where: KeyPath,
                required: bool = True) -> list[Any]:
        value = obj.get(key)
        if value is None:
            if not required:
                return []
            self.missing(where / key)
        return self.array(value, where / key)

    def text_in(self, obj: dict[str, Any], key: str, where: KeyPath) -> str | None:
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            self.expected(where / key, self.NOT_TEXT, value)
        return value

    def whole(self, obj: dict[str, Any], key: str, where: KeyPath) -> int | None:
        value = obj.get(key)
        if value is None:
            return None
        if isinstance(value, float) and abs(value) > 2**62:  # 1e308 is a number, too large
            self.fail(where / key, translate("_Reader", "is far too large"))
        if isinstance(value, float):
            self.fail(where / key, translate("_Reader", "must be a whole number, without "
                                                              "decimals"))
        if not is_int(value):
            self.expected(where / key, self.NOT_INTEGER, value)
        if abs(value) > 2**62:
            self.fail(where / key, translate("_Reader", "is far too large"))
        return value

    def number_in(self, obj: dict[str, Any], key: str, where: KeyPath) -> float | None:
        value = obj.get(key)
        if value is None:
            return None
        if not _is_number(value):
            if isinstance(value, int | float) and not isinstance(value, bool):
                # A number all the same (1e308): "must be a number, not a number" said nothing.
                self.fail(where / key, translate("_Reader", "is far too large"))
            self.expected(where / key, self.NOT_NUMBER, value)
        return float(value)

    def uid(self, obj: dict[str, Any], where: KeyPath, seen: set[str]) -> str:
        uid = self.text_in(obj, "uid", where)
        if not uid or len(uid) > MAX_UID:
            self.fail(where / "uid", translate("_Reader", "must be an identity of 1-{limit} "
                                                           "characters")
                      .format(limit=format_integer(MAX_UID)))
        if uid in seen:
            self.fail(where / "uid", translate("_Reader", "{uid} appears twice in the file")
                      .format(uid=repr(uid)))
        seen.add(uid)
        return uid

    def time(self, obj: dict[str, Any], key: str, where: KeyPath,
             required: bool = True) -> datetime | None:
        text = self.text_in(obj, key, where)
        if text is None:
            if required:
                self.missing(where / key)
            return None
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            self.fail(where / key, translate("_Reader", "is not an ISO 8601 time"))
        if moment.tzinfo is None:
            self.fail(where / key, translate("_Reader", "has no time zone (the export writes "
                                                              "UTC, ending in Z)"))
        if not MIN_YEAR <= moment.year <= MAX_YEAR:
            self.fail(where / key, translate("_Reader", "is out of range (years "
                                                              "{first}-{last})")
                      .format(first=format_integer(MIN_YEAR), last=format_integer(MAX_YEAR)))
        return moment.astimezone(UTC)


def _is_number(value: Any) -> bool:
    # abs() first: math.isfinite of an int with hundreds of digits overflows.
    return (isinstance(value, int | float) and not isinstance(value, bool)
            and abs(value) < 1e15 and math.isfinite(value))


# What a JSON value is, for "must be text, not a list" (translated there).
_KINDS = {dict: QT_TRANSLATE_NOOP("hamstride_json", "an object"),
          list: QT_TRANSLATE_NOOP("hamstride_json", "a list"),
          str: QT_TRANSLATE_NOOP("hamstride_json", "text"),
          bool: QT_TRANSLATE_NOOP("hamstride_json", "true/false"),
          type(None): QT_TRANSLATE_NOOP("hamstride_json", "null")}


def _kind(value: Any) -> str:
    return translate("hamstride_json", _KINDS.get(type(value),
                                                  QT_TRANSLATE_NOOP("hamstride_json", "a number")))
