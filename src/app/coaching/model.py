"""What a training program is.

A program is a list of weeks; each week holds its sessions (``ProgramDay``)
in order; each session lists the exercises with their dose. Sessions are
numbered through the whole program ("day 1" .. "day N"), which is what
``workout_session.program_day`` stores. An open-ended program (``repeat``)
runs its weeks again and again; a program with a ``maintenance`` week runs
that week for good once the planned weeks are done.

Validation here checks the shape (numbers in range, one superset partner);
whether an exercise slug exists is the loader's check (it has the catalog).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.catalog.vocabulary import DoseKind

PROGRESSIONS = ("double", "nordic", "load-each-set", "none")
MAX_SETS = 20
MAX_REPS = 100
MAX_REST_S = 30 * 60.0
MAX_HOLD_S = 600.0
MAX_DURATION_S = 4 * 3600.0
MAX_WEEKS = 104
MAX_SESSIONS_PER_WEEK = 7


class ProgramError(ValueError):
    """A program that cannot be used; ``where`` names the file and key (or the form field)."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


@dataclass(frozen=True)
class ExerciseDose:
    """One exercise of a session and how much of it.

    ``kind`` "reps": ``reps`` is a (low, high) range, equal ends for a fixed
    number; ``reps_per_set`` gives each set its own target instead (the
    Nordic programme's 12, 10, 8). "hold": ``hold_s`` seconds, ``holds``
    times per set. "duration": ``duration_s`` seconds per set.
    ``progression`` names the rule that moves it on ("double": double
    progression on load; "nordic": the Nordic programme's own; "load-each-set":
    heavier with each set; "none"). Two consecutive doses with the same
    ``superset`` label are done alternately, set by set, resting after the pair.
    """

    slug: str
    sets: int
    rest_s: float
    kind: DoseKind = DoseKind.REPS
    reps: tuple[int, int] | None = None
    reps_per_set: tuple[int, ...] | None = None
    hold_s: float | None = None
    holds: int | None = None
    duration_s: float | None = None
    tempo: str | None = None
    progression: str = "none"
    superset: str | None = None
    drop_set: bool = False  # the last set is a drop set
    note: str = ""  # a line for the athlete: "add load on the bar with each set"

    def rep_target(self, set_number: int) -> tuple[int, int] | None:
        """The (low, high) reps of set ``set_number`` (from 1)."""
        if self.reps_per_set:
            n = self.reps_per_set[min(set_number, len(self.reps_per_set)) - 1]
            return (n, n)
        return self.reps


@dataclass(frozen=True)
class ProgramDay:
    name: str  # "Session A", "Week 3 · session 2"
    exercises: tuple[ExerciseDose, ...]
    warm_up: tuple[ExerciseDose, ...] | None = None  # None: the program's warm-up
    cool_down: tuple[ExerciseDose, ...] | None = None  # None: the program's cool-down


@dataclass(frozen=True)
class ProgramWeek:
    number: int  # from 1
    days: tuple[ProgramDay, ...]  # the week's sessions, in order


@dataclass(frozen=True)
class Program:
    slug: str
    name: str
    summary: str  # one line for lists
    description: str  # a paragraph, in our own words
    level: str  # beginner, intermediate or advanced
    sources: tuple[str, ...]  # ids in resources/sources.toml
    weeks: tuple[ProgramWeek, ...]
    warm_up: tuple[ExerciseDose, ...] = ()
    cool_down: tuple[ExerciseDose, ...] = ()
    sessions_per_week: tuple[int, int] = (2, 3)  # the advice, for open-ended programs
    repeat: bool = False  # the weeks run again and again
    maintenance: ProgramWeek | None = None  # run weekly once the planned weeks are done
    custom: bool = False  # the athlete's own
    notes: tuple[str, ...] = field(default=())  # rules and tips shown with the program

    @property
    def planned_sessions(self) -> int:
        """Sessions in the planned weeks (the Nordic programme: 27)."""
        return sum(len(w.days) for w in self.weeks)

    def day(self, number: int) -> tuple[ProgramWeek, ProgramDay]:
        """Session ``number`` (from 1) with its week: through the planned weeks,
        then round the weeks again (``repeat``) or on through the maintenance week."""
        if number < 1:
            raise ValueError(f"day: must be 1 or more, got {number}")
        index = number - 1
        planned = self.planned_sessions
        if index >= planned:
            if self.maintenance is not None:
                week = self.maintenance
                return week, week.days[(index - planned) % len(week.days)]
            if not self.repeat:
                raise ValueError(f"day: {self.name} has {planned} sessions, not {number}")
            index %= planned
        for week in self.weeks:
            if index < len(week.days):
                return week, week.days[index]
            index -= len(week.days)
        raise AssertionError("unreachable: index within planned sessions")

    @property
    def open_ended(self) -> bool:
        return self.repeat or self.maintenance is not None
