"""Data types of the exercise catalog, and the fixed vocabularies it uses.

Everything here is immutable and pure Python (stdlib only), so the catalog can
be loaded and inspected without Qt or a database.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from app.catalog.vocabulary import Category, DoseKind, Level
from app.figure.pose import Pose
from app.figure.spec import Arrow, FigureSpec, pose_to_dict

# --------------------------------------------------------------------------
# Vocabularies
# --------------------------------------------------------------------------

# The stored strings in order (the vocabularies are the enums): what the
# loaders check against and their messages list.
CATEGORIES: tuple[str, ...] = tuple(category.value for category in Category)
LEVELS: tuple[str, ...] = tuple(level.value for level in Level)

ONE_SIDE: tuple[str, ...] = ("no", "yes", "alternating")
"""``yes``: all reps on one side, then the other. ``alternating``: switch every rep."""


class HamstringStress(StrEnum):
    """How hard an exercise works the hamstrings, for the 48-hour rule
    (app.coaching.recovery): only HEAVY work needs a rest day before the next
    heavy session. HEAVY: Nordics and heavy hinges (Romanian, stiff-leg, good
    morning), the eccentric work that leaves the soreness of the next days;
    LIGHT: the rest of the strength work (bridges, curls, lunges); NONE:
    warm-ups, stretches, foam rolling. Read from each exercise file's
    ``hamstring_stress`` line."""

    HEAVY = "heavy"
    LIGHT = "light"
    NONE = "none"


GROUP_BODYWEIGHT = "bodyweight only"
GROUP_DUMBBELLS = "dumbbells"
GROUP_BARBELL = "barbell"
GROUP_KETTLEBELL = "kettlebell"
GROUP_BALL = "ball"
GROUP_MACHINE = "machine/cable"

FILTER_GROUPS: tuple[str, ...] = (
    GROUP_BODYWEIGHT,
    GROUP_DUMBBELLS,
    GROUP_BARBELL,
    GROUP_KETTLEBELL,
    GROUP_BALL,
    GROUP_MACHINE,
)
"""Equipment filters offered by the library screen, in display order."""


@dataclass(frozen=True)
class Equipment:
    id: str
    name: str
    group: str


EQUIPMENT: Mapping[str, Equipment] = MappingProxyType({
    e.id: e
    for e in (
        Equipment("bodyweight", "Bodyweight (no equipment)", GROUP_BODYWEIGHT),
        Equipment("mat", "Mat or pad", GROUP_BODYWEIGHT),
        Equipment("anchor", "Partner or fixed anchor for the ankles", GROUP_BODYWEIGHT),
        Equipment("bench", "Bench or sturdy chair", GROUP_BODYWEIGHT),
        Equipment("box", "Box or step", GROUP_BODYWEIGHT),
        Equipment("wall", "Wall or support", GROUP_BODYWEIGHT),
        Equipment("foam-roller", "Foam roller", GROUP_BODYWEIGHT),
        Equipment("barbell", "Barbell", GROUP_BARBELL),
        Equipment("dumbbells", "Dumbbells", GROUP_DUMBBELLS),
        Equipment("kettlebell", "Kettlebell", GROUP_KETTLEBELL),
        Equipment("stability-ball", "Stability ball", GROUP_BALL),
        Equipment("leg-curl-machine", "Leg-curl machine", GROUP_MACHINE),
        Equipment("cable-machine", "Cable machine", GROUP_MACHINE),
        Equipment("ankle-cuff", "Ankle cuff (for the cable)", GROUP_MACHINE),
        Equipment("band", "Resistance band", GROUP_MACHINE),
    )
})
"""Every equipment id an exercise file may use, with display name and filter group."""

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
POSE_RE = re.compile(r"^[a-z0-9-]+$")
TEMPO_RE = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{1,2})-(\d{1,2})$")


# --------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    id: str
    citation: str
    summary: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "citation": self.citation, "summary": self.summary}


RETIRED_SOURCE_IDS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    # One id once stood for four articles at once; each now has its own id, so
    # a reader can check which article says what. An athlete's own program
    # saved before the split may still cite the old id: it reads as all four.
    "articles": ("article-run-faster", "article-improve-running",
                 "article-upgrade-running", "article-why-hamstrings"),
})
"""Source ids no longer in sources.toml, and the ids that replaced each."""


@dataclass(frozen=True)
class Step:
    text: str
    pose: str
    arrow: Arrow | None = None   # which way the body moves in this step
    highlight: str = "none"      # working hamstrings shown: "both", "near", "far" or "none"

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"text": self.text, "pose": self.pose, "highlight": self.highlight}
        if self.arrow is not None:
            data["arrow"] = self.arrow.to_dict()
        return data


@dataclass(frozen=True)
class Variation:
    """An easier or harder option: either another library exercise (``slug``)
    or a named tweak described by ``how``."""

    slug: str | None = None
    name: str | None = None
    how: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _drop_none({"slug": self.slug, "name": self.name, "how": self.how})


@dataclass(frozen=True)
class Prescription:
    """The default dose. Exactly one of ``reps``, ``hold_s`` or ``duration_s`` is set."""

    sets: int
    rest_s: int
    sources: tuple[str, ...]
    reps: tuple[int, int] | None = None
    hold_s: int | None = None
    holds: int | None = None
    relax_s: int | None = None
    duration_s: int | None = None
    tempo: str | None = None
    per_side: bool = False
    note: str | None = None

    @property
    def kind(self) -> DoseKind:
        if self.reps is not None:
            return DoseKind.REPS
        if self.hold_s is not None:
            return DoseKind.HOLD
        return DoseKind.DURATION

    @property
    def tempo_seconds(self) -> tuple[int, int, int, int] | None:
        """Tempo as (lower, pause, lift, pause) seconds, or None."""
        if self.tempo is None:
            return None
        m = TEMPO_RE.match(self.tempo)
        assert m is not None  # validated on load
        a, b, c, d = (int(g) for g in m.groups())
        return (a, b, c, d)

    def to_dict(self) -> dict[str, Any]:
        return _drop_none({
            "sets": self.sets,
            "reps": list(self.reps) if self.reps is not None else None,
            "hold_s": self.hold_s,
            "holds": self.holds,
            "relax_s": self.relax_s,
            "duration_s": self.duration_s,
            "rest_s": self.rest_s,
            "tempo": self.tempo,
            "per_side": self.per_side,
            "sources": list(self.sources),
            "note": self.note,
        })


@dataclass(frozen=True)
class Exercise:
    slug: str
    name: str
    aliases: tuple[str, ...]
    category: str
    equipment: tuple[str, ...]
    level: str
    one_side: str
    muscles: tuple[str, ...]
    why: str
    cues: tuple[str, ...]
    mistakes: tuple[str, ...]
    sources: tuple[str, ...]
    steps: tuple[Step, ...]
    easier: tuple[Variation, ...]
    harder: tuple[Variation, ...]
    prescription: Prescription
    # The picture data: every pose a step names, and the equipment drawn.
    poses: tuple[Pose, ...] = ()
    figure: FigureSpec = field(default_factory=FigureSpec)
    # Every library file states it; the default serves exercises made in code.
    hamstring_stress: HamstringStress = HamstringStress.NONE

    def pose(self, name: str) -> Pose:
        """The pose called ``name``; KeyError if this exercise has none by that name."""
        for pose in self.poses:
            if pose.name == name:
                return pose
        raise KeyError(f"{self.slug} has no pose {name!r}")

    def step_pose(self, index: int) -> Pose:
        return self.pose(self.steps[index].pose)

    @property
    def equipment_groups(self) -> frozenset[str]:
        """Filter groups of this exercise's equipment."""
        return frozenset(EQUIPMENT[e].group for e in self.equipment)

    @property
    def all_source_ids(self) -> tuple[str, ...]:
        """Source ids of the exercise and its prescription, without repeats."""
        return tuple(dict.fromkeys(self.sources + self.prescription.sources))

    def to_dict(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "name": self.name,
            "aliases": list(self.aliases),
            "category": self.category,
            "hamstring_stress": str(self.hamstring_stress),
            "equipment": list(self.equipment),
            "level": self.level,
            "one_side": self.one_side,
            "muscles": list(self.muscles),
            "why": self.why,
            "cues": list(self.cues),
            "mistakes": list(self.mistakes),
            "sources": list(self.sources),
            "steps": [s.to_dict() for s in self.steps],
            "easier": [v.to_dict() for v in self.easier],
            "harder": [v.to_dict() for v in self.harder],
            "prescription": self.prescription.to_dict(),
            "poses": {p.name: pose_to_dict(p) for p in self.poses},
            "figure": self.figure.to_dict(),
        }


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


_WORD_SPLIT = re.compile(r"[^a-z0-9]+")


def _normalise(text: str) -> str:
    """Lower-case, with every run of punctuation/space turned into one space."""
    return " ".join(_WORD_SPLIT.split(text.lower())).strip()


class Catalog:
    """The loaded exercise library. Read-only."""

    def __init__(self, exercises: tuple[Exercise, ...] | list[Exercise],
                 sources: Mapping[str, Source]) -> None:
        ordered = sorted(exercises, key=lambda e: (e.name.casefold(), e.slug))
        self._exercises: tuple[Exercise, ...] = tuple(ordered)
        self._by_slug: dict[str, Exercise] = {e.slug: e for e in ordered}
        self._sources: dict[str, Source] = dict(sources)
        # Pre-normalised search text: (name + aliases, everything searchable).
        self._index: tuple[tuple[Exercise, str, str], ...] = tuple(
            (e, _normalise(" | ".join((e.name, *e.aliases))),
             _normalise(" | ".join((
                 e.name, *e.aliases, *e.equipment,
                 *(EQUIPMENT[q].name for q in e.equipment), *e.muscles,
             ))))
            for e in ordered
        )

    @property
    def exercises(self) -> tuple[Exercise, ...]:
        """All exercises, sorted by name."""
        return self._exercises

    @property
    def sources(self) -> dict[str, Source]:
        """Source id -> Source (a copy; the catalog itself does not change)."""
        return dict(self._sources)

    @property
    def equipment(self) -> Mapping[str, Equipment]:
        return EQUIPMENT

    def get(self, slug: str) -> Exercise:
        """The exercise with this slug; KeyError if there is none."""
        try:
            return self._by_slug[slug]
        except KeyError:
            raise KeyError(f"no exercise with slug {slug!r}") from None

    def __contains__(self, slug: object) -> bool:
        return slug in self._by_slug

    def __len__(self) -> int:
        return len(self._exercises)

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self._exercises)

    def search(self, text: str) -> list[Exercise]:
        """Exercises whose name, alias, equipment or muscle match ``text``.

        Case-insensitive; hyphens and spaces are interchangeable. Every word of
        the query must appear somewhere in the exercise's searchable text.
        Exercises matched on name/alias come first; each part stays in name
        order. An empty query returns everything.
        """
        words = _normalise(text).split()
        if not words:
            return list(self._exercises)
        by_name: list[Exercise] = []
        others: list[Exercise] = []
        for exercise, names, everything in self._index:
            if all(w in names for w in words):
                by_name.append(exercise)
            elif all(w in everything for w in words):
                others.append(exercise)
        return by_name + others

    def in_group(self, group: str) -> list[Exercise]:
        """Exercises for an equipment filter group (see FILTER_GROUPS).

        An exercise's equipment list names what it can be done with, so it
        matches a group when any of its equipment belongs to that group.
        """
        if group not in FILTER_GROUPS:
            raise ValueError(f"unknown equipment group {group!r}")
        return [e for e in self._exercises if group in e.equipment_groups]

    def sources_for(self, exercise: Exercise) -> list[Source]:
        """The Source records cited by an exercise and its prescription."""
        return [self._sources[s] for s in exercise.all_source_ids if s in self._sources]

    def to_dict(self) -> dict[str, Any]:
        """Everything as plain JSON-ready data."""
        return {
            "sources": {k: v.to_dict() for k, v in sorted(self._sources.items())},
            "equipment": {
                k: {"name": v.name, "group": v.group} for k, v in EQUIPMENT.items()
            },
            "filter_groups": list(FILTER_GROUPS),
            "exercises": [e.to_dict() for e in self._exercises],
        }
