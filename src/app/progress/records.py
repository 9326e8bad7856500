"""Personal records: which sets count, what each one is worth, when a record falls.

The rules, in one place:

* Only working and drop sets count. Warm-ups are light on purpose.
* ``heaviest``: the heaviest load for a given number of reps (one record per
  rep count), ``e1rm``: the best estimated one-rep max (Epley). Both only for
  loaded sets (load above 0 kg): a bodyweight or band-assisted set has no
  meaningful load to compare.
* ``most_reps``: the most reps in one set, loaded or not.
* ``longest_descent``: the longest single controlled descent of a rep (the
  Nordic's lowering), ``best_mean_descent``: the best mean descent over a
  set's reps. Only sets that carry descent times. A rep lowered all the way
  to the floor without a break point is stored as its target, marked held:
  it counts as that many seconds, and a record that rests on it is "at
  least" that (``PersonalRecord.at_least``), never a measured time.
* Records are per exercise; one-side sets compete with both sides' sets (the
  record says which side set it).
* A record falls only to a strictly better value; a tie leaves it with the
  set that got there first. "First" is the order the sets were logged in
  (``logged_at``, then the set's id).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from app.kernel.i18n import format_integer, translate
from app.logbook.entries import KG_PER_LB, SetType, Side, held_or_unknown
from app.logbook.formatting import format_fixed, format_weight, side_word

HEAVIEST = "heaviest"
E1RM = "e1rm"
MOST_REPS = "most_reps"
LONGEST_DESCENT = "longest_descent"
BEST_MEAN_DESCENT = "best_mean_descent"
RECORD_KINDS = (HEAVIEST, E1RM, MOST_REPS, LONGEST_DESCENT, BEST_MEAN_DESCENT)
LOAD_KINDS = frozenset({HEAVIEST, E1RM})
DESCENT_KINDS = frozenset({LONGEST_DESCENT, BEST_MEAN_DESCENT})

COUNTED_SET_TYPES = frozenset({SetType.WORKING, SetType.DROP})

RecordKey = tuple[str, str, int | None]
"""(kind, exercise slug, rep count for ``heaviest`` else None): one record each."""


def epley_1rm(load_kg: float, reps: int) -> float | None:
    """Estimated one-rep max, Epley's formula: load x (1 + reps / 30).

    One rep is the load itself (the formula would add 3 %). None when there
    is nothing to estimate from: no reps, or no load above zero (bodyweight
    and band-assisted sets).
    """
    if reps < 1 or load_kg <= 0:
        return None
    if reps == 1:
        return load_kg
    return load_kg * (1 + reps / 30)


@dataclass(frozen=True)
class SetFacts:
    """One logged set, as far as records are concerned."""

    set_id: int
    session_id: int
    exercise_slug: str
    side: str
    reps: int | None
    load_kg: float | None
    load_unit: str
    set_type: str
    descent_s: tuple[float, ...] | None
    logged_at: datetime
    # Per descent: held to the floor (the value is the target, a lower bound).
    # Empty: not known, and every value reads as measured.
    descent_held: tuple[bool, ...] = ()


def held_flags(s: SetFacts) -> tuple[bool, ...]:
    """The set's held flags, one per descent (all False when not known)."""
    return held_or_unknown(s.descent_s, s.descent_held)


def is_lower_bound(kind: str, s: SetFacts) -> bool:
    """Whether the set's value for a descent record is "at least": the longest
    descent is a rep held to the floor, or the mean takes in one."""
    flags = held_flags(s)
    if kind == LONGEST_DESCENT and s.descent_s:
        longest = max(s.descent_s)
        return any(held for value, held in zip(s.descent_s, flags, strict=True) if value == longest)
    if kind == BEST_MEAN_DESCENT:
        return any(flags)
    return False


@dataclass(frozen=True)
class PersonalRecord:
    """The best value of one kind for one exercise (and rep count), and the set
    that first reached it.

    ``value`` is in kg for ``heaviest`` and ``e1rm``, a rep count for
    ``most_reps``, seconds for the descents. ``reps`` is the record's rep
    count for ``heaviest`` and the set's reps otherwise; ``load_kg`` is the
    set's load. ``previous`` is the best value before this set, None when the
    set was the first of its kind.
    """

    kind: str
    exercise_slug: str
    value: float
    reps: int | None
    side: str
    set_id: int
    session_id: int
    achieved_at: datetime
    load_unit: str
    previous: float | None
    load_kg: float | None = None
    # The value rests on reps held to the floor: at least this long, not measured.
    at_least: bool = False

    @property
    def key(self) -> RecordKey:
        return record_key(self.kind, self.exercise_slug, self.reps)


def record_key(kind: str, slug: str, reps: int | None = None) -> RecordKey:
    return (kind, slug, reps if kind == HEAVIEST else None)


def set_values(s: SetFacts) -> list[tuple[RecordKey, float]]:
    """What the set offers to each record it can compete for (none for a warm-up)."""
    if s.set_type not in COUNTED_SET_TYPES:
        return []
    slug = s.exercise_slug
    values: list[tuple[RecordKey, float]] = []
    if s.reps is not None and s.reps >= 1:
        if s.load_kg is not None:
            e1rm = epley_1rm(s.load_kg, s.reps)
            if e1rm is not None:
                values.append(((HEAVIEST, slug, s.reps), s.load_kg))
                values.append(((E1RM, slug, None), e1rm))
        values.append(((MOST_REPS, slug, None), float(s.reps)))
    if s.descent_s:
        values.append(((LONGEST_DESCENT, slug, None), max(s.descent_s)))
        values.append(((BEST_MEAN_DESCENT, slug, None), sum(s.descent_s) / len(s.descent_s)))
    return values


def chronological(sets: Iterable[SetFacts]) -> list[SetFacts]:
    """The order records are decided in: as logged, the set id breaking ties."""
    return sorted(sets, key=lambda s: (s.logged_at, s.set_id))


def make_record(key: RecordKey, value: float, s: SetFacts, previous: float | None) -> PersonalRecord:
    """The record ``key`` held by set ``s`` at ``value``, beating ``previous``."""
    return PersonalRecord(kind=key[0], exercise_slug=key[1], value=value, reps=s.reps, side=s.side,
                          set_id=s.set_id, session_id=s.session_id, achieved_at=s.logged_at,
                          load_unit=s.load_unit, previous=previous, load_kg=s.load_kg,
                          at_least=is_lower_bound(key[0], s))


class RecordBook:
    """The bests so far, fed sets in the order they were logged.

    The reference implementation of the rules: ``ProgressReader`` finds the
    same records with SQL aggregates, and the tests hold the two together.
    """

    def __init__(self) -> None:
        self._held: dict[RecordKey, PersonalRecord] = {}

    def offer(self, s: SetFacts) -> list[PersonalRecord]:
        """The records this set breaks (each with the value it beat)."""
        broken = []
        for key, value in set_values(s):
            held = self._held.get(key)
            if held is None or value > held.value:
                record = make_record(key, value, s, None if held is None else held.value)
                self._held[key] = record
                broken.append(record)
        return broken

    def records(self) -> list[PersonalRecord]:
        return sort_records(self._held.values())


def find_records(sets: Iterable[SetFacts]) -> list[PersonalRecord]:
    """The current records among ``sets`` (in any order), by brute force."""
    book = RecordBook()
    for s in chronological(sets):
        book.offer(s)
    return book.records()


def records_set_in(session_sets: Iterable[SetFacts],
                   bests_before: Mapping[RecordKey, float]) -> list[PersonalRecord]:
    """The records one session set: for each record, the session's best set if it
    beats the best before the session (``bests_before``; a key missing there
    means the session did it first). One record per key even when the session
    improved on itself set after set: the summary tells the final word."""
    best: dict[RecordKey, tuple[float, SetFacts]] = {}
    for s in chronological(session_sets):
        for key, value in set_values(s):
            if key not in best or value > best[key][0]:
                best[key] = (value, s)
    records = []
    for key, (value, s) in best.items():
        before = bests_before.get(key)
        if before is None or value > before:
            records.append(make_record(key, value, s, before))
    return sort_records(records)


def sort_records(records: Iterable[PersonalRecord]) -> list[PersonalRecord]:
    """By exercise, then kind in RECORD_KINDS order, then rep count."""
    order = {kind: n for n, kind in enumerate(RECORD_KINDS)}
    return sorted(records, key=lambda r: (r.exercise_slug, order[r.kind], r.reps or 0))


# -- words ----------------------------------------------------------------------


def format_load(kg: float, units: str, decimals: int = 1) -> str:
    """A load for people in their units: at most ``decimals`` decimals, no
    trailing zeros.

    Loads entered in pounds come back through kg unchanged (180 lb shows as
    180 lb), because the conversion is exact both ways before rounding.
    """
    return format_weight(kg / KG_PER_LB if units == "lb" else kg, units, decimals)


def record_title(record: PersonalRecord) -> str:
    """What the record is, without its value: "heaviest for 8 reps"."""
    if record.kind == HEAVIEST:
        return translate("records", "heaviest for %n rep(s)", n=record.reps or 0)
    if record.kind == E1RM:
        return translate("records", "best estimated 1RM")
    if record.kind == MOST_REPS:
        return translate("records", "most reps in a set")
    if record.kind == LONGEST_DESCENT:
        return translate("records", "longest controlled descent")
    if record.kind == BEST_MEAN_DESCENT:
        return translate("records", "best mean descent over a set")
    raise KeyError(record.kind)


def format_record_value(kind: str, value: float, units: str, decimals: int = 1,
                        at_least: bool = False) -> str:
    if kind in LOAD_KINDS:
        return format_load(value, units, decimals)
    if kind == MOST_REPS:
        return format_integer(round(value))
    if at_least:  # held to the floor: the target reached, not a measured break point
        return translate("records", "≥ {seconds} s").format(seconds=format_fixed(value, decimals))
    return translate("records", "{seconds} s").format(seconds=format_fixed(value, decimals))


def format_record_values(record: PersonalRecord, units: str) -> tuple[str, str | None]:
    """The record's value and the value it beat, with a second decimal when one
    would read the same as the other ("6.7 s, was 6.7 s" says nothing)."""
    value = format_record_value(record.kind, record.value, units, at_least=record.at_least)
    if record.previous is None:
        return value, None
    previous = format_record_value(record.kind, record.previous, units)
    if previous == format_record_value(record.kind, record.value, units):
        value = format_record_value(record.kind, record.value, units, 2, at_least=record.at_least)
        previous = format_record_value(record.kind, record.previous, units, 2)
    return value, previous


def describe_record(record: PersonalRecord, units: str,
                    name_of: Callable[[str], str] = lambda slug: slug) -> str:
    """One line for people, e.g.
    "Romanian deadlift: heaviest for 8 reps, 82.5 kg (was 80 kg)"."""
    exercise = name_of(record.exercise_slug)
    if record.side != Side.BOTH:
        exercise = translate("records", "{exercise} ({side})").format(
            exercise=exercise, side=side_word(record.side))
    value, previous = format_record_values(record, units)
    if previous is None:
        return translate("records", "{exercise}: {record}, {value} (first)").format(
            exercise=exercise, record=record_title(record), value=value)
    return translate("records", "{exercise}: {record}, {value} (was {previous})").format(
        exercise=exercise, record=record_title(record), value=value, previous=previous)
