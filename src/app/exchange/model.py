"""The neutral shape every importer produces.

Times are timezone-aware UTC. Loads are in kilograms (``load_unit`` keeps
the unit the source used, so a pound value reads back exactly). ``line`` is
the 1-based line of the source file a record came from, for messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

from app.kernel.i18n import format_integer, translate
from app.logbook.entries import SetType, Side
from app.logbook.runs import PlannedDay, RunEntry

# Imports are read in pieces (issue 15), so the size of a file costs time,
# not memory: the limit only refuses what no log could be. The app's own JSON
# export of 5,000,000 sets is about 2.7 GB.
MAX_IMPORT_BYTES = 4 * 1024 * 1024 * 1024


class ImportFileError(ValueError):
    """A file that cannot be imported; the message names the file and where."""

    def __init__(self, path: Path, message: str, line: int | None = None,
                 column: int | str | None = None) -> None:
        # One whole template per shape, so a language can order "file, line,
        # column: reason" its own way. ``column`` is a number, a numbered CSV
        # header ("7 (Weight (kg))") or a JSON path ("sessions[3].reps").
        if line is not None and column is not None:
            template = translate("ImportFileError", "{file}, line {line}, column {column}: {reason}")
        elif line is not None:
            template = translate("ImportFileError", "{file}, line {line}: {reason}")
        elif column is not None:
            template = translate("ImportFileError", "{file}, column {column}: {reason}")
        else:
            template = translate("ImportFileError", "{file}: {reason}")
        super().__init__(template.format(
            file=path.name, line="" if line is None else format_integer(line),
            column=format_integer(column) if isinstance(column, int) else column,
            reason=message))
        self.path = path
        self.line = line
        self.column = column
        self.message = message


@dataclass(frozen=True)
class ImportedSet:
    exercise: str  # the name as written in the file; a slug for our own JSON
    set_number: int  # from 1, within its exercise in the session
    side: str = Side.BOTH
    reps: int | None = None
    load_kg: float | None = None
    load_unit: str = "kg"
    duration_s: float | None = None
    distance_m: float | None = None
    rpe: float | None = None
    tempo: str | None = None
    descent_s: tuple[float, ...] | None = None
    set_type: str = SetType.WORKING
    notes: str = ""
    rest_s: float | None = None  # rest taken after this set (Strong's "Rest Timer" rows)
    uid: str | None = None  # kept from our own export; made up otherwise
    logged_at: datetime | None = None
    line: int = 0
    rir: int | None = None  # our own JSON (schema v7): reps in reserve
    descent_held: tuple[bool, ...] = ()  # our own JSON: descents held to the floor


@dataclass(frozen=True)
class ImportedSession:
    key: str  # identity in the source: the same workout gives the same key in every export
    started_at: datetime
    ended_at: datetime | None
    title: str
    notes: str = ""
    sets: tuple[ImportedSet, ...] = ()
    program_slug: str | None = None
    program_day: int | None = None
    readiness: dict[str, Any] | None = None
    uid: str | None = None
    line: int = 0
    source: str | None = None  # our own JSON: the app the session first came from
    # A further part of a workout whose rows the file scatters among others'
    # (see building.SessionPool): its sets belong to the session of the same
    # key read earlier, numbered on from it.
    continued: bool = False


@dataclass(frozen=True)
class ImportedExercise:
    """A custom exercise carried by our own JSON export."""

    slug: str
    name: str
    equipment: tuple[str, ...]
    one_side: str
    category: str
    level: str | None
    notes: str
    based_on: str | None
    steps: tuple[tuple[str, str | None], ...]  # (text, picture file name)


@dataclass(frozen=True)
class ImportedBodyNote:
    """A quick note on how the body felt (schema v9), carried by our own JSON
    export from format version 2. ``soreness`` (0-10) and ``run_pain`` (none,
    mild or more) are None when the athlete left them out; ``words`` are
    trimmed, as the log keeps them."""

    uid: str
    noted_at: datetime
    soreness: int | None
    run_pain: str | None
    words: str

    @property
    def key(self) -> tuple[datetime, int | None, str | None, str]:
        """What makes two notes the same note: its time and what it says (the
        uid alone would not do: an export edited by hand may reuse one)."""
        return (self.noted_at, self.soreness, self.run_pain, self.words)


@dataclass(frozen=True)
class ImportedRun:
    """A run carried by our own JSON export (format version 3), checked with
    the vocabulary's validate_run (all but the start in the future, which the
    write checks against the log's clock). ``where`` is its JSON path
    ("runs[3]"), so a refusal at the write still names it."""

    entry: RunEntry
    where: str


@dataclass(frozen=True)
class ImportedRace:
    """A race of our own JSON export (format version 3): its day and name."""

    day: date
    name: str


@dataclass(frozen=True)
class ImportedBodyWeight:
    """A day's body weight of our own JSON export (format version 3), in kg."""

    day: date
    kg: float


@dataclass(frozen=True)
class ImportedRunning:
    """The running week a JSON export of format version 3 carries: the runs
    (oldest first), the planned week (None: the file has none, as in an
    older export), the races and the body weights. Few (a run a day for a
    lifetime is some tens of thousands): read whole, like the quick notes."""

    runs: tuple[ImportedRun, ...] = ()
    planned_week: tuple[PlannedDay, ...] | None = None
    races: tuple[ImportedRace, ...] = ()
    body_weights: tuple[ImportedBodyWeight, ...] = ()

    @property
    def plans_a_week(self) -> bool:
        """Whether the file's planned week has a day that is not rest."""
        return self.planned_week is not None and any(
            day is not PlannedDay.REST for day in self.planned_week)

    def __bool__(self) -> bool:
        return bool(self.runs or self.races or self.body_weights or self.plans_a_week)


@dataclass(frozen=True)
class ImportedLog:
    path: Path
    format: str  # "strong", "strong-csv", "strong-legacy", "hevy", "fitnotes", "fitnotes-legacy", "hamstride"
    family: str  # "strong", "hevy", "fitnotes" or "hamstride": variants of one app share it
    label: str  # for people: "Strong (semicolon export)"
    sessions: tuple[ImportedSession, ...]
    custom_exercises: tuple[ImportedExercise, ...] = ()
    settings: dict[str, Any] | None = None
    # Our own JSON (format version 2): the quick notes, oldest first. Few (one
    # a day at most, as a rule): read whole, like the custom exercises.
    body_notes: tuple[ImportedBodyNote, ...] = ()
    # Our own JSON (format version 3): runs, planned week, races, body weights.
    running: ImportedRunning = field(default_factory=ImportedRunning)
    names_are_slugs: bool = False  # our own JSON names exercises by slug: nothing to match
    rows: int = 0  # data rows read
    notes: tuple[str, ...] = field(default=())  # things worth telling: "12 rest-timer rows"
    # A log read in one pass without keeping its sessions (``sessions`` is
    # then empty): the counts say what the file held, and the sessions are
    # read again from the file to be written (``reading.sessions_of``), the
    # digest telling whether the file changed in between.
    streamed: bool = False
    session_count: int = 0
    set_count: int = 0
    names: tuple[str, ...] = ()  # the exercise names the sets use, in file order
    digest: str | None = None
    default_unit: str = "kg"
    tz: tzinfo | None = None

    @property
    def sessions_read(self) -> int:
        return self.session_count if self.streamed else len(self.sessions)


@dataclass
class ReadSummary:
    """What a reader learns about a file as it reads it, beside the sessions."""

    format: str = ""
    family: str = ""
    label: str = ""
    names_are_slugs: bool = False
    rows: int = 0
    notes: tuple[str, ...] = ()
    custom_exercises: tuple[ImportedExercise, ...] = ()
    settings: dict[str, Any] | None = None
    body_notes: tuple[ImportedBodyNote, ...] = ()
    running: ImportedRunning = field(default_factory=ImportedRunning)
