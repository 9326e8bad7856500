"""The kinds of equipment a figure can use, how each attaches, and their sizes.

Sizes are in body heights (1.0 is a 1.75 m athlete): a 45 cm bumper plate
has a radius of 0.129, a 58 cm stability ball 0.165, a 15 cm foam roller
0.043, a 45 cm bench top stands 0.26 high.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

# kind -> the attachments it accepts (the first is the default).
ATTACHMENTS: Final[dict[str, tuple[str, ...]]] = {
    "barbell": ("hands", "legs", "upper_back", "floor", "floor-grip"),
    "dumbbells": ("hands", "floor"),
    "kettlebell": ("hands", "floor", "floor-grip"),
    "stability-ball": ("support",),
    "foam-roller": ("support",),
    "bench": ("support",),
    "box": ("support",),
    "mat": ("floor",),
    "leg-curl-machine": ("standing", "lying"),
    "cable-machine": ("near_ankle", "far_ankle"),
    "partner": ("ankles",),
    "anchor": ("ankles",),
    "wall": ("behind",),
}
KINDS: Final = tuple(ATTACHMENTS)

# Height of the surface a body point rests on, for props that carry the body.
SUPPORT_HEIGHT: Final[dict[str, float]] = {
    "stability-ball": 0.33,
    "foam-roller": 0.086,
    "bench": 0.26,
    "box": 0.26,
    "leg-curl-machine": 0.30,
}

PLATE_RADIUS: Final = 0.129
BAR_RADIUS: Final = 0.016
BALL_RADIUS: Final = SUPPORT_HEIGHT["stability-ball"] / 2
ROLLER_RADIUS: Final = SUPPORT_HEIGHT["foam-roller"] / 2
KETTLEBELL_RADIUS: Final = 0.062
KETTLEBELL_HANDLE: Final = 0.055   # from the bell's centre to the inside of the handle top
DUMBBELL_HALF_LENGTH: Final = 0.10
DUMBBELL_HEAD: Final = 0.036
MAT_THICKNESS: Final = 0.014
MACHINE_BENCH: Final = SUPPORT_HEIGHT["leg-curl-machine"]
ANKLE_PAD_RADIUS: Final = 0.03


@dataclass(frozen=True)
class PropSpec:
    """One piece of equipment in an exercise's picture."""

    kind: str
    at: str

    @classmethod
    def default(cls, kind: str) -> PropSpec:
        return cls(kind, ATTACHMENTS[kind][0])
