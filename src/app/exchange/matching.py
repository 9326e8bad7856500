"""Matching other apps' exercise names to ours.

Apps name the same movement differently: "Romanian Deadlift (Dumbbell)",
"Nordic Hamstrings Curls", "Stiff-Legged Deadlift". A name matches an
exercise when, after ``normalise_name``, it equals the exercise's name or
one of its aliases; failing that, the same name without its trailing
parenthesised part ("(Dumbbell)") is tried, with that part as a leading
word first ("Dumbbell Romanian Deadlift").

The rule is deliberately exact rather than fuzzy: a wrong match silently
files a bench press under a hamstring exercise, while no match only asks
the athlete to choose once (the choice is remembered). So a name two
exercises share matches neither.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

_TRAILING_PART = re.compile(r"^(.*\S)\s*\(([^()]*)\)\s*$")
_APOSTROPHES = re.compile(r"['\u2019\u02bc`\u00b4]")
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def normalise_name(name: str) -> str:
    """The form names are compared in: "Nordic Hamstrings Curls" and
    "nordic hamstring curl" give the same. Also the key of remembered choices."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = _APOSTROPHES.sub("", plain.replace("&", " and "))
    return " ".join(_singular(word) for word in _NOT_WORD.split(plain) if word)


def _singular(word: str) -> str:
    """A simple plural to its singular; applied to both sides, so it need
    only be consistent, not good English."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2]  # stretches, presses
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1]  # curls, bridges, lunges


def candidates(name: str) -> list[str]:
    """The normalised forms of ``name`` to look up, best first."""
    found = [normalise_name(name)]
    m = _TRAILING_PART.match(name.strip())
    if m:
        base, part = normalise_name(m.group(1)), normalise_name(m.group(2))
        if part:
            found.append(f"{part} {base}")
        found.append(base)
    return [c for i, c in enumerate(found) if c and c not in found[:i]]


def match_exercises(names: Iterable[str], exercises: Iterable[tuple[str, str, Sequence[str]]],
                    remembered: Mapping[str, str] | None = None) -> dict[str, str | None]:
    """Each source name -> the slug it matches, or None.

    ``exercises`` are (slug, name, aliases), built-in and custom alike.
    ``remembered`` maps a normalised name to the slug the athlete chose
    before; it wins, as long as that exercise still exists.
    """
    matcher = Matcher(exercises, remembered)
    result: dict[str, str | None] = {}
    for name in names:
        if name not in result:
            result[name] = matcher(name)
    return result


class Matcher:
    """``match_exercises`` one name at a time, for a file read as it streams."""

    def __init__(self, exercises: Iterable[tuple[str, str, Sequence[str]]],
                 remembered: Mapping[str, str] | None = None) -> None:
        self._index: dict[str, set[str]] = {}
        known: set[str] = set()
        for slug, name, aliases in exercises:
            known.add(slug)
            for label in (name, *aliases):
                key = normalise_name(label)
                if key:
                    self._index.setdefault(key, set()).add(slug)
        self._chosen = {normalise_name(k): v for k, v in (remembered or {}).items()
                        if isinstance(k, str) and isinstance(v, str) and v in known}

    def __call__(self, name: str) -> str | None:
        return self._chosen.get(normalise_name(name)) or _lookup(name, self._index)


def _lookup(name: str, index: Mapping[str, set[str]]) -> str | None:
    for key in candidates(name):
        slugs = index.get(key)
        if slugs:
            # Two exercises answer to this name: guessing would be wrong half the time.
            return next(iter(slugs)) if len(slugs) == 1 else None
    return None
