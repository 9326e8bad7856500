"""Which muscles a step picture colours, from the names an exercise lists.

An exercise lists its muscles in words ("biceps femoris", "glutes", "lower
back"); the picture can show five groups, each as a band inside the body
part it lies in. A name the figure has no drawing for ("core", "hip
flexors") is known here too, so a new name in a file is a decision, not a
silent omission (tests/figure/test_figure_muscles.py checks every listed name).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Final


class Muscle(StrEnum):
    HAMSTRINGS = "hamstrings"
    GLUTES = "glutes"
    QUADRICEPS = "quadriceps"
    CALVES = "calves"
    LOWER_BACK = "lower back"


# The legs' groups, drawn on the highlighted leg(s); the rest on the trunk.
LEG_MUSCLES: Final = frozenset({Muscle.HAMSTRINGS, Muscle.QUADRICEPS, Muscle.CALVES})

MUSCLE_WORDS: Final[dict[str, Muscle]] = {
    "hamstrings": Muscle.HAMSTRINGS,
    "biceps femoris": Muscle.HAMSTRINGS,
    "semitendinosus": Muscle.HAMSTRINGS,
    "semimembranosus": Muscle.HAMSTRINGS,
    "glutes": Muscle.GLUTES,
    "gluteus maximus": Muscle.GLUTES,
    "quadriceps": Muscle.QUADRICEPS,
    "calves": Muscle.CALVES,
    "lower back": Muscle.LOWER_BACK,
    "erector spinae": Muscle.LOWER_BACK,
}
# Named by exercises, but deep or at the front of the trunk: a side view
# has no honest place to colour them.
NOT_DRAWN: Final = frozenset({"core", "hip flexors"})


def drawn_muscles(names: Iterable[str]) -> frozenset[Muscle]:
    """The groups a picture colours for an exercise listing ``names``."""
    return frozenset(MUSCLE_WORDS[n.lower()] for n in names if n.lower() in MUSCLE_WORDS)
