"""What the library lists, and which of it a filter lets through.

Built-in exercises (catalog ``Exercise``) and the athlete's own
(``CustomExercise``) share one list, so both are wrapped in a
``LibraryEntry`` with its search text worked out once. No Qt here: the
rules are plain functions, tested without a window.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.catalog.model import EQUIPMENT, FILTER_GROUPS, GROUP_BODYWEIGHT, Exercise
from app.logbook.custom_exercises import CustomExercise
from app.ui.library.words import equipment_name

# Words are runs of letters or digits in any script: an athlete's own
# exercise may be called "Fentes sautées". For the catalog's ASCII text this
# splits exactly as Catalog.search does, so both kinds match alike.
_NOT_WORD = re.compile(r"[\W_]+")

NAME_MATCH, OTHER_MATCH = 0, 1


def normalise(text: str) -> str:
    """Case-folded, every run of spaces and punctuation turned into one space."""
    return " ".join(_NOT_WORD.split(text.casefold())).strip()


def search_words(text: str) -> tuple[str, ...]:
    return tuple(normalise(text).split())


def matches_group(equipment: tuple[str, ...], group: str) -> bool:
    """Whether an exercise with this equipment fits an equipment filter group.

    "Bodyweight only" must not let in an exercise that also needs, say, a
    barbell because it lists a bench: it matches when every item belongs to
    the bodyweight group, or when plain "bodyweight" is listed (the list then
    names alternatives, "bodyweight or dumbbells"). The other groups match
    when any listed item belongs to them.
    """
    if group not in FILTER_GROUPS:
        raise ValueError(f"unknown equipment group {group!r}")
    groups = [EQUIPMENT[e].group if e in EQUIPMENT else None for e in equipment]
    if group == GROUP_BODYWEIGHT:
        return "bodyweight" in equipment or (bool(groups) and all(g == group for g in groups))
    return group in groups


@dataclass(frozen=True)
class LibraryEntry:
    """One row of the library: a built-in or a custom exercise."""

    item: Exercise | CustomExercise
    names_text: str = field(repr=False)   # normalised name and aliases
    search_text: str = field(repr=False)  # ... plus equipment and muscles

    @classmethod
    def of(cls, item: Exercise | CustomExercise) -> LibraryEntry:
        names = (item.name, *item.aliases)
        # Equipment is found by its English name and by the one shown, which
        # may be translated; the names and muscles are the catalog's English.
        everything = (*names, *item.equipment,
                      *(EQUIPMENT[e].name for e in item.equipment if e in EQUIPMENT),
                      *(equipment_name(e) for e in item.equipment), *item.muscles)
        return cls(item, normalise(" | ".join(names)), normalise(" | ".join(everything)))

    @property
    def slug(self) -> str:
        return self.item.slug

    @property
    def name(self) -> str:
        return self.item.name

    @property
    def is_custom(self) -> bool:
        return isinstance(self.item, CustomExercise)

    @property
    def level(self) -> str | None:
        return self.item.level

    @property
    def category(self) -> str:
        return self.item.category

    @property
    def equipment(self) -> tuple[str, ...]:
        return self.item.equipment


@dataclass(frozen=True)
class LibraryFilter:
    """What the athlete asked for: typed text, equipment at hand, level, category.

    Equipment groups add up (dumbbells *or* a kettlebell at hand); the text,
    the level and the category narrow down. Empty means "no limit".
    """

    text: str = ""
    groups: frozenset[str] = frozenset()
    level: str | None = None
    category: str | None = None

    @property
    def words(self) -> tuple[str, ...]:
        return search_words(self.text)

    @property
    def is_empty(self) -> bool:
        return not self.words and not self.groups and self.level is None and self.category is None

    def accepts(self, entry: LibraryEntry) -> bool:
        if self.level is not None and entry.level != self.level:
            return False
        if self.category is not None and entry.category != self.category:
            return False
        if self.groups and not any(matches_group(entry.equipment, g) for g in self.groups):
            return False
        words = self.words
        return all(w in entry.search_text for w in words)

    def rank(self, entry: LibraryEntry) -> int:
        """Name and alias matches are listed before equipment and muscle matches."""
        words = self.words
        if words and not all(w in entry.names_text for w in words):
            return OTHER_MATCH
        return NAME_MATCH
