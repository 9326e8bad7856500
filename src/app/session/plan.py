"""What a session will do: blocks of items, each item one exercise with its dose.

A plan is plain immutable data, checked when it is made (ValueError naming
the field), and turns into JSON-ready dicts and back so the session in
progress can be saved next to the engine's snapshot.
"""

# One module because a plan's blocks and items are one immutable structure
# checked as a whole when it is made, with its JSON form (to_dict/from_dict)
# beside the checks it must round-trip through.

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from app.catalog.vocabulary import Category, DoseKind
from app.kernel.i18n import QT_TRANSLATE_NOOP, format_decimal, format_integer, translate
from app.logbook.entries import SetType, Side
from app.session.tempo import TEMPO_MAX_S, Tempo, parse_tempo

if TYPE_CHECKING:  # only read through attributes: no need to load the catalog (and figure) code
    from app.catalog.model import Exercise


class Block(StrEnum):
    """Where an item sits in a session, in this order. The warm-up is spelled
    as a warm-up set's type and a warm-up exercise's category (issue 17: one
    word, one spelling); the saved session in progress holds these values."""

    WARM_UP = "warmup"
    MAIN = "main"
    COOL_DOWN = "cool-down"


BLOCK_NAMES: tuple[str, ...] = tuple(block.value for block in Block)
# A session saved before issue 17 named its warm-up block "warm-up": read, never written.
_OLD_BLOCK_SPELLINGS: dict[str, Block] = {"warm-up": Block.WARM_UP}
_BLOCK_OF_KEYWORD: dict[str, Block] = {"warm_up": Block.WARM_UP, "main": Block.MAIN,
                                       "cool_down": Block.COOL_DOWN}
SIDE_MODES: tuple[str, ...] = ("both", "left-right", "alternating")
"""``left-right``: every set on the left, then the right. ``alternating``: both
legs within one set, switching every rep."""

NORDIC_SLUG = "nordic-hamstring-curl"
"""The one exercise whose eccentric cue is on unless switched off."""

LOWERING_RANGE_S = (2.0, 10.0)
DEFAULT_LOWERING_S = 5.0
RETURN_RANGE_S = (1.0, 10.0)
DEFAULT_RETURN_S = 3.0
MAX_SETS = 20
MAX_REPS = 100
MAX_HOLD_S = 600.0
MAX_HOLDS = 50
MAX_DURATION_S = 4 * 3600.0
MAX_REST_S = 30 * 60.0
MAX_LOAD_KG = 500.0

_SIDES_FOR_ONE_SIDE = {"no": "both", "yes": "left-right", "alternating": "alternating"}
_BLOCK_FOR_CATEGORY: dict[str, Block] = {Category.WARM_UP: Block.WARM_UP,
                                         Category.STRENGTH: Block.MAIN,
                                         Category.MOBILITY: Block.COOL_DOWN}

# Default of the fields resolved in PlanItem.__post_init__. Typed Any so that the
# resolved fields can be declared with their real type (bool, float).
_AUTO: Any = None


def _is_number(value: object) -> bool:
    return not isinstance(value, bool) and isinstance(value, int | float) and math.isfinite(value)


def _whole(field: str, value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{field}: must be a whole number from {low} to {high}, got {value!r}")
    return value


def _seconds(field: str, value: object, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) \
            or not math.isfinite(value) or not low <= value <= high:
        raise ValueError(f"{field}: must be a number of seconds from {low:g} to {high:g}, got {value!r}")
    return float(value)


@dataclass(frozen=True)
class PlanItem:
    """One exercise of a session with its dose.

    ``kind`` decides which dose fields apply: ``reps`` (a (min, max) target,
    optionally a tempo), ``hold`` (``hold_s`` seconds, ``holds`` times, with
    ``relax_s`` between) or ``duration`` (``duration_s`` seconds). ``sets``
    counts per side for a ``left-right`` item.

    ``eccentric_cue``, ``lowering_s`` and ``return_s`` may be left out: the cue
    is then on for the Nordic curl only, the lowering takes the tempo's first
    figure (kept within 2-10 s) or 5 s, and the return takes the tempo's lift
    figure or 3 s.

    ``lowering_coached``: ``lowering_s`` is the lowering target the coaching
    set for this session (app.coaching.progression's Nordic rule, through
    planning.apply_target), so the athlete's own lowering setting does not
    replace it when the session is readied (app.ui.session.session_host.apply_settings).
    """

    slug: str
    name: str
    kind: DoseKind
    sets: int
    rest_s: float
    reps: tuple[int, int] | None = None
    hold_s: float | None = None
    holds: int | None = None
    relax_s: float | None = None
    duration_s: float | None = None
    tempo: Tempo | None = None
    sides: str = "both"
    per_side: bool = False
    target_load_kg: float | None = None
    eccentric_cue: bool = _AUTO
    lowering_s: float = _AUTO
    return_s: float = _AUTO
    # Two consecutive items with the same label are a superset: done
    # alternately, set by set, with the rest after each pair.
    superset: str | None = None
    # Each set's own rep target (the Nordic programme's 12, 10, 8); ``reps``
    # then spans them. The last number holds for any set beyond the list.
    reps_per_set: tuple[int, ...] | None = None
    drop_last: bool = False  # the last set is a drop set
    lowering_coached: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.slug, str) or not self.slug.strip():
            raise ValueError("slug: is missing")
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError("name: is missing")
        if self.kind not in tuple(DoseKind):
            raise ValueError(f"kind: must be one of {', '.join(DoseKind)}, got {self.kind!r}")
        _whole("sets", self.sets, 1, MAX_SETS)
        set_ = object.__setattr__  # frozen: normalise in place once, here
        set_(self, "kind", DoseKind(self.kind))  # a saved plan's kind is read back as a string
        set_(self, "rest_s", _seconds("rest_s", self.rest_s, 0, MAX_REST_S))
        if self.sides not in SIDE_MODES:
            raise ValueError(f"sides: must be one of {', '.join(SIDE_MODES)}, got {self.sides!r}")
        self._check_dose()
        if self.reps_per_set is not None:
            if self.kind != DoseKind.REPS or not self.reps_per_set:
                raise ValueError("reps_per_set: only for an item done for reps, one number per set")
            set_(self, "reps_per_set", tuple(_whole("reps_per_set", n, 1, MAX_REPS)
                                             for n in self.reps_per_set))
        if self.target_load_kg is not None:
            if not _is_number(self.target_load_kg) or abs(self.target_load_kg) > MAX_LOAD_KG:
                raise ValueError(f"target_load_kg: must be a number from -{MAX_LOAD_KG:g} to "
                                 f"{MAX_LOAD_KG:g}, got {self.target_load_kg!r}")
            set_(self, "target_load_kg", float(self.target_load_kg))
        self._resolve_cue()

    def _check_dose(self) -> None:
        set_ = object.__setattr__
        given = {name for name in ("reps", "hold_s", "holds", "relax_s", "duration_s")
                 if getattr(self, name) is not None}
        allowed = {DoseKind.REPS: {"reps"}, DoseKind.HOLD: {"hold_s", "holds", "relax_s"},
                   DoseKind.DURATION: {"duration_s"}}[self.kind]
        extras = sorted(given - allowed)
        if extras:
            raise ValueError(f"{extras[0]}: does not apply to a {self.kind} item")
        if self.kind == DoseKind.REPS:
            reps = self.reps
            if not isinstance(reps, tuple | list) or len(reps) != 2:
                raise ValueError(f"reps: must be a (min, max) pair, got {reps!r}")
            low = _whole("reps", reps[0], 1, MAX_REPS)
            high = _whole("reps", reps[1], 1, MAX_REPS)
            if low > high:
                raise ValueError(f"reps: the minimum {low} is above the maximum {high}")
            set_(self, "reps", (low, high))
        elif self.kind == DoseKind.HOLD:
            if self.hold_s is None:
                raise ValueError("hold_s: is missing")
            set_(self, "hold_s", _seconds("hold_s", self.hold_s, 1, MAX_HOLD_S))
            _whole("holds", self.holds, 1, MAX_HOLDS)
            relax = 0.0 if self.relax_s is None else self.relax_s
            set_(self, "relax_s", _seconds("relax_s", relax, 0, MAX_HOLD_S))
        else:
            if self.duration_s is None:
                raise ValueError("duration_s: is missing")
            set_(self, "duration_s", _seconds("duration_s", self.duration_s, 1, MAX_DURATION_S))
        if self.tempo is not None:
            if self.kind != DoseKind.REPS:
                raise ValueError("tempo: only a reps item has a tempo")
            if not isinstance(self.tempo, tuple) or len(self.tempo) != 4 or \
                    any(isinstance(p, bool) or not isinstance(p, int) or not 0 <= p <= TEMPO_MAX_S
                        for p in self.tempo):
                raise ValueError(f"tempo: must be four whole seconds 0-{TEMPO_MAX_S}, got {self.tempo!r}")
            set_(self, "tempo", Tempo(*self.tempo))

    def _resolve_cue(self) -> None:
        set_ = object.__setattr__
        if self.eccentric_cue is None:
            set_(self, "eccentric_cue", self.kind == DoseKind.REPS and self.slug == NORDIC_SLUG)
        elif not isinstance(self.eccentric_cue, bool):
            raise ValueError(f"eccentric_cue: must be true or false, got {self.eccentric_cue!r}")
        if not isinstance(self.lowering_coached, bool):
            raise ValueError(f"lowering_coached: must be true or false, got {self.lowering_coached!r}")
        if self.eccentric_cue and self.kind != DoseKind.REPS:
            raise ValueError("eccentric_cue: only a reps item can have the lowering cue")
        if self.eccentric_cue and self.tempo is None and self.slug != NORDIC_SLUG:
            raise ValueError("eccentric_cue: needs a tempo (the Nordic curl is the one exception)")
        if self.lowering_s is None:
            lower = DEFAULT_LOWERING_S if self.tempo is None or self.tempo.lower_s == 0 \
                else float(self.tempo.lower_s)
            # A tempo figure of 0-1 s or above 10 s would make a useless cue: keep it in range.
            set_(self, "lowering_s", min(max(lower, LOWERING_RANGE_S[0]), LOWERING_RANGE_S[1]))
        else:
            set_(self, "lowering_s", _seconds("lowering_s", self.lowering_s, *LOWERING_RANGE_S))
        if self.return_s is None:
            lift = DEFAULT_RETURN_S if self.tempo is None or self.tempo.lift_s == 0 \
                else float(self.tempo.lift_s)
            set_(self, "return_s", min(max(lift, RETURN_RANGE_S[0]), RETURN_RANGE_S[1]))
        else:
            set_(self, "return_s", _seconds("return_s", self.return_s, *RETURN_RANGE_S))

    # -- derived -------------------------------------------------------------

    @property
    def side_order(self) -> tuple[str, ...]:
        """The sides one set is logged for, in order (as SetEntry.side values)."""
        return (Side.LEFT, Side.RIGHT) if self.sides == "left-right" else (Side.BOTH,)

    @property
    def rep_count(self) -> int | None:
        """Reps a cued set runs through by itself: the top of the target."""
        return None if self.reps is None else self.reps[1]

    def reps_for_set(self, set_number: int) -> int | None:
        """Reps set ``set_number`` (from 1) runs through: its own target, or the top of the range."""
        if self.reps_per_set:
            return self.reps_per_set[min(set_number, len(self.reps_per_set)) - 1]
        return self.rep_count

    def set_type_of(self, set_number: int, warm_up: bool) -> SetType:
        if warm_up:
            return SetType.WARMUP
        return SetType.DROP if self.drop_last and set_number >= self.sets else SetType.WORKING

    @property
    def tempo_text(self) -> str | None:
        return None if self.tempo is None else self.tempo.text

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "slug": self.slug, "name": self.name, "kind": self.kind, "sets": self.sets,
            "rest_s": self.rest_s, "sides": self.sides, "per_side": self.per_side,
            "eccentric_cue": self.eccentric_cue, "lowering_s": self.lowering_s,
            "return_s": self.return_s,
        }
        optional = {
            "reps": None if self.reps is None else list(self.reps),
            "hold_s": self.hold_s, "holds": self.holds, "relax_s": self.relax_s,
            "duration_s": self.duration_s, "tempo": self.tempo_text,
            "target_load_kg": self.target_load_kg, "superset": self.superset,
            "reps_per_set": None if self.reps_per_set is None else list(self.reps_per_set),
            "drop_last": self.drop_last or None,
            # Only when set: a plan saved before the field reads the same.
            "lowering_coached": self.lowering_coached or None,
        }
        data.update({k: v for k, v in optional.items() if v is not None})
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PlanItem:
        known = {"slug", "name", "kind", "sets", "rest_s", "reps", "hold_s", "holds", "relax_s",
                 "duration_s", "tempo", "sides", "per_side", "target_load_kg", "eccentric_cue",
                 "lowering_s", "return_s", "superset", "reps_per_set", "drop_last",
                 "lowering_coached"}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"{unknown[0]}: unknown plan item field")
        values = dict(data)
        if values.get("reps") is not None:
            values["reps"] = tuple(values["reps"])
        if values.get("reps_per_set") is not None:
            values["reps_per_set"] = tuple(values["reps_per_set"])
        if values.get("tempo") is not None:
            values["tempo"] = parse_tempo(values["tempo"])
        try:
            return cls(**values)
        except TypeError as error:  # a required field is missing
            raise ValueError(f"plan item: {error}") from None


@dataclass(frozen=True)
class PlanBlock:
    name: str
    items: tuple[PlanItem, ...]

    def __post_init__(self) -> None:
        if self.name not in BLOCK_NAMES:
            raise ValueError(f"block: must be one of {', '.join(BLOCK_NAMES)}, got {self.name!r}")
        object.__setattr__(self, "name", Block(self.name))
        object.__setattr__(self, "items", tuple(self.items))
        if not self.items:
            raise ValueError(f"block {self.name}: has no items")
        if not all(isinstance(item, PlanItem) for item in self.items):
            raise ValueError(f"block {self.name}: items must be PlanItem")


def _check_supersets(block: PlanBlock) -> None:
    """A superset is exactly two consecutive items of one block sharing a label."""
    labels = [item.superset for item in block.items]
    for label in {label for label in labels if label is not None}:
        where = [i for i, other in enumerate(labels) if other == label]
        if len(where) != 2 or where[1] != where[0] + 1:
            raise ValueError(f"superset {label!r}: must join exactly two consecutive exercises "
                             f"of the {block.name} block")


@dataclass(frozen=True)
class SessionPlan:
    """Blocks in the order warm-up, main, cool-down (each optional, at most once)."""

    blocks: tuple[PlanBlock, ...]
    title: str = "Session"
    # What the stored session records about where it came from: a program's
    # day, and the readiness answers given before it (kept with the plan so a
    # resumed session is stored the same way).
    program_slug: str | None = None
    program_day: int | None = None
    readiness: Mapping[str, Any] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "blocks", tuple(self.blocks))
        if self.program_day is not None and (isinstance(self.program_day, bool)
                                             or not isinstance(self.program_day, int)
                                             or self.program_day < 1):
            raise ValueError(f"program_day: must be a whole number from 1, got {self.program_day!r}")
        if not self.blocks:
            raise ValueError("plan: has no blocks")
        order = [BLOCK_NAMES.index(block.name) for block in self.blocks]
        if order != sorted(set(order)):
            raise ValueError("plan: blocks must come in the order warm-up, main, cool-down, "
                             "each at most once")
        for block in self.blocks:
            _check_supersets(block)

    @classmethod
    def of(cls, title: str = "Session", **blocks: Sequence[PlanItem]) -> SessionPlan:
        """Build from keyword blocks: ``warm_up=[...], main=[...], cool_down=[...]``."""
        made = [PlanBlock(_BLOCK_OF_KEYWORD.get(key, key), tuple(items))
                for key, items in blocks.items()]
        made.sort(key=lambda block: BLOCK_NAMES.index(block.name))
        return cls(tuple(made), title)

    @property
    def items(self) -> tuple[PlanItem, ...]:
        """Every item, blocks flattened in order; the engine's positions index this."""
        return tuple(item for block in self.blocks for item in block.items)

    def block_of(self, index: int) -> str:
        """The block name of the item at ``index`` in ``items``."""
        for block_name, _item in self._walk():
            if index == 0:
                return block_name
            index -= 1
        raise IndexError("no item at that index")

    def _walk(self) -> Iterator[tuple[str, PlanItem]]:
        for block in self.blocks:
            for item in block.items:
                yield block.name, item

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "title": self.title,
            "blocks": [{"name": b.name, "items": [i.to_dict() for i in b.items]}
                       for b in self.blocks]}
        if self.program_slug is not None:
            data["program_slug"], data["program_day"] = self.program_slug, self.program_day
        if self.readiness is not None:
            data["readiness"] = dict(self.readiness)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SessionPlan:
        try:
            blocks = tuple(PlanBlock(_block_read(b["name"]),
                                     tuple(PlanItem.from_dict(i) for i in b["items"]))
                           for b in data["blocks"])
            return cls(blocks, str(data.get("title", "Session")), data.get("program_slug"),
                       data.get("program_day"), data.get("readiness"))
        except (KeyError, TypeError) as error:
            raise ValueError(f"plan: malformed ({error!r})") from None


# --------------------------------------------------------------------------
# From the catalog
# --------------------------------------------------------------------------


def _block_read(name: Any) -> Any:
    """A saved block's name as written today (its old spelling read too)."""
    return _OLD_BLOCK_SPELLINGS.get(name, name) if isinstance(name, str) else name


def block_for(exercise: Exercise) -> Block:
    """Where an exercise belongs by its category: warm-up, main or cool-down."""
    return _BLOCK_FOR_CATEGORY.get(exercise.category, Block.MAIN)


def item_from_exercise(exercise: Exercise, *, sets: int | None = None,
                       reps: tuple[int, int] | None = None, hold_s: float | None = None,
                       tempo: Tempo | None = None, eccentric_cue: bool | None = None,
                       target_load_kg: float | None = None) -> PlanItem:
    """A plan item with the exercise's prescription, overridden where given.

    ``hold_s`` changes the seconds of each hold of a hold exercise. Giving reps
    to a hold or duration exercise (or a hold to a reps exercise) is a
    ValueError: the exercise is not done that way.
    """
    p = exercise.prescription
    kind = p.kind
    if reps is not None and kind != DoseKind.REPS:
        raise _wrong_dose("reps", kind, exercise.name)
    if hold_s is not None and kind != DoseKind.HOLD:
        raise _wrong_dose("hold", kind, exercise.name)
    if tempo is not None and kind != DoseKind.REPS:
        raise _wrong_dose("tempo", kind, exercise.name)
    catalog_tempo = parse_tempo(p.tempo) if p.tempo is not None else None
    return PlanItem(
        slug=exercise.slug, name=exercise.name, kind=kind,
        sets=p.sets if sets is None else sets,
        rest_s=p.rest_s,
        reps=(reps if reps is not None else p.reps) if kind == DoseKind.REPS else None,
        hold_s=(hold_s if hold_s is not None else p.hold_s) if kind == DoseKind.HOLD else None,
        holds=p.holds if kind == DoseKind.HOLD else None,
        relax_s=p.relax_s if kind == DoseKind.HOLD else None,
        duration_s=p.duration_s if kind == DoseKind.DURATION else None,
        tempo=tempo if tempo is not None else catalog_tempo,
        sides=_SIDES_FOR_ONE_SIDE.get(exercise.one_side, "both"),
        per_side=p.per_side,
        target_load_kg=target_load_kg,
        eccentric_cue=_AUTO if eccentric_cue is None else eccentric_cue,
    )


# (what was asked for, how the exercise is done): why they do not fit, as
# whole sentences (translated in _wrong_dose).
_WRONG_DOSE = {
    ("reps", DoseKind.HOLD): QT_TRANSLATE_NOOP("plan", "{exercise} is done as timed holds, not reps"),
    ("reps", DoseKind.DURATION): QT_TRANSLATE_NOOP("plan", "{exercise} is done as a timed effort, "
                                                           "not reps"),
    ("hold", DoseKind.REPS): QT_TRANSLATE_NOOP("plan", "{exercise} is done as reps, not holds"),
    ("hold", DoseKind.DURATION): QT_TRANSLATE_NOOP("plan", "{exercise} is done as a timed effort, "
                                                           "not holds"),
    ("tempo", DoseKind.HOLD): QT_TRANSLATE_NOOP("plan", "{exercise} is done as timed holds; a "
                                                        "tempo needs reps"),
    ("tempo", DoseKind.DURATION): QT_TRANSLATE_NOOP("plan", "{exercise} is done as a timed effort; "
                                                            "a tempo needs reps"),
}


def _wrong_dose(field: str, kind: DoseKind, exercise: str) -> ValueError:
    # "field: message", the field in English: plan_from_exercise reads it to name the option.
    return ValueError(f"{field}: " + translate("plan", _WRONG_DOSE[field, kind]).format(
        exercise=exercise))


def _option_error(option: str, message: str) -> ValueError:
    return ValueError(translate("plan", "{option}: {problem}",
                                "a command-line option, then what is wrong with its value")
                      .format(option=option, problem=message))


def plan_from_exercise(exercise: Exercise, sets: int | str | None = None,
                       reps: int | str | None = None, hold: float | str | None = None,
                       tempo: str | None = None, *,
                       eccentric_cue: bool | None = None) -> SessionPlan:
    """The one-exercise session of the quick start
    ``hamstride session --exercise SLUG [--sets N] [--reps N | --hold S] [--tempo L-P-U-P]``.

    Values may come as typed on the command line (strings) or as numbers. A bad
    value is a ValueError whose message starts with the option's name.
    """
    if reps is not None and hold is not None:
        raise _option_error("--reps, --hold", translate("plan", "give one or the other, not both"))
    n_sets = None if sets is None else _option_whole("--sets", sets, 1, MAX_SETS)
    n_reps = None if reps is None else _option_whole("--reps", reps, 1, MAX_REPS)
    hold_s = None if hold is None else _option_seconds("--hold", hold, 1, MAX_HOLD_S)
    parsed_tempo = None
    if tempo is not None:
        try:
            parsed_tempo = parse_tempo(tempo)
        except ValueError as error:
            raise _option_error("--tempo", str(error)) from None
    options = {"reps": "--reps", "hold": "--hold", "tempo": "--tempo", "sets": "--sets",
               "eccentric_cue": "--tempo"}
    try:
        item = item_from_exercise(
            exercise, sets=n_sets, reps=None if n_reps is None else (n_reps, n_reps),
            hold_s=hold_s, tempo=parsed_tempo, eccentric_cue=eccentric_cue)
    except ValueError as error:
        field, _, message = str(error).partition(": ")
        if field in options:
            raise _option_error(options[field], message) from None
        raise
    return SessionPlan((PlanBlock(block_for(exercise), (item,)),), title=exercise.name)


def _option_whole(option: str, value: int | str, low: int, high: int) -> int:
    number: object = value
    if isinstance(value, str):
        try:
            number = int(value.strip())
        except ValueError:
            raise _option_error(option, translate("plan", "must be a whole number, got {value}")
                                .format(value=repr(value))) from None
    if isinstance(number, bool) or not isinstance(number, int) or not low <= number <= high:
        raise _option_error(option, translate("plan", "must be a whole number from {low} to {high}, "
                                                      "got {value}")
                            .format(low=format_integer(low), high=format_integer(high),
                                    value=repr(value)))
    return number


def _option_seconds(option: str, value: float | str, low: float, high: float) -> float:
    number: object = value
    if isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            raise _option_error(option, translate("plan", "must be a number of seconds, got {value}")
                                .format(value=repr(value))) from None
    try:
        return _seconds(option, number, low, high)
    except ValueError:
        raise _option_error(option, translate("plan", "must be a number of seconds from {low} to "
                                                      "{high}, got {value}")
                            .format(low=format_decimal(low, 2), high=format_decimal(high, 2),
                                    value=repr(value))) from None


def plan_of_exercises(exercises: Sequence[Exercise], title: str | None = None) -> SessionPlan:
    """A session of several catalog exercises, each with its own prescription,
    grouped the way a session runs: warm-up items first, the main work, then
    mobility and cool-down (the order within each group is kept)."""
    if not exercises:
        raise _option_error("--exercise", translate("plan", "give at least one"))
    groups: dict[str, list[PlanItem]] = {"warm_up": [], "main": [], "cool_down": []}
    group_of: dict[str, str] = {Category.WARM_UP: "warm_up", Category.STRENGTH: "main",
                                Category.MOBILITY: "cool_down"}
    for exercise in exercises:
        groups[group_of.get(exercise.category, "main")].append(item_from_exercise(exercise))
    main_names = [e.name for e in exercises if group_of.get(e.category) == "main"]
    name = title or (" + ".join(main_names[:2]) if main_names else exercises[0].name)
    return SessionPlan.of(name, **{key: items for key, items in groups.items() if items})


def with_last_loads(plan: SessionPlan, last_loads: Mapping[str, float]) -> SessionPlan:
    """``plan`` with each item that names no load starting from the load of
    its exercise's last working set, so the log sheet opens on what the
    athlete lifted last time rather than on nothing."""
    def filled(item: PlanItem) -> PlanItem:
        if item.target_load_kg is not None or item.slug not in last_loads:
            return item
        return dataclasses.replace(item, target_load_kg=last_loads[item.slug])

    blocks = tuple(dataclasses.replace(block, items=tuple(filled(i) for i in block.items))
                   for block in plan.blocks)
    return dataclasses.replace(plan, blocks=blocks)
