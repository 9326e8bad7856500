"""Body proportions, in units of body height (1.0 = the top of the head).

Segment lengths follow the classic anthropometric fractions of stature
(Drillis & Contini, as tabulated by Winter, *Biomechanics and Motor Control
of Human Movement*): standing, the ankle joint is at 0.039, the knee at
0.285, the hip at 0.530 and the shoulder at 0.818 of body height. The
thicknesses are a lean, athletic build, slightly stylised so the figure
still reads when drawn 150 px tall.

Thickness profiles give the half-depth of a body part seen from the side,
in front of ("front") and behind ("back") its bone line, at stations along
it (0 = the near joint, 1 = the far joint). Keeping front and back apart is
what gives the calf its bulge behind a straight shin, and the glutes theirs.
"""

from __future__ import annotations

import itertools
from typing import Final

THIGH: Final = 0.245        # hip to knee
SHANK: Final = 0.246        # knee to ankle
UPPER_ARM: Final = 0.186    # shoulder to elbow
FOREARM: Final = 0.146      # elbow to wrist
HAND: Final = 0.100         # wrist to fingertips (open hand)
FIST: Final = 0.055         # wrist to the far side of a closed fist
TRUNK: Final = 0.288        # hip joint to shoulder joint
NECK: Final = 0.052         # shoulder joint to the base of the skull

HEAD_RX: Final = 0.056      # head half-length, back of the skull to the brow
HEAD_RY: Final = 0.066      # head half-height, chin to crown
HEAD_LIFT: Final = 0.060    # from the base of the skull to the head's centre, along the neck
HEAD_FORWARD: Final = 0.012  # the head's centre sits a little in front of the neck line

# The foot, in its own frame: u forward along the foot, w down from the ankle
# joint (the sole is at w = ANKLE_HEIGHT).
ANKLE_HEIGHT: Final = 0.039
HEEL_BACK: Final = 0.036    # heel behind the ankle joint
BALL_FORWARD: Final = 0.082  # ball of the foot in front of the ankle joint
TOE_FORWARD: Final = 0.118  # toe tip in front of the ankle joint

Profile = tuple[tuple[float, float, float], ...]  # (station, front, back)

THIGH_PROFILE: Final[Profile] = (
    (0.00, 0.050, 0.060),
    (0.30, 0.050, 0.052),
    (0.42, 0.048, 0.049),
    (0.70, 0.042, 0.040),
    (1.00, 0.034, 0.032),
)
SHANK_PROFILE: Final[Profile] = (
    (0.00, 0.032, 0.030),
    (0.28, 0.026, 0.043),
    (0.60, 0.022, 0.030),
    (1.00, 0.019, 0.019),
)
UPPER_ARM_PROFILE: Final[Profile] = (
    (0.00, 0.034, 0.034),
    (0.35, 0.030, 0.030),
    (1.00, 0.022, 0.022),
)
FOREARM_PROFILE: Final[Profile] = (
    (0.00, 0.022, 0.022),
    (0.30, 0.024, 0.023),
    (1.00, 0.016, 0.015),
)
NECK_RADIUS: Final = 0.026

# The torso: stations from -0.22 (below the hip joint, the bottom of the
# glutes) to 1.10 (the top of the shoulders), as fractions of TRUNK.
TORSO_PROFILE: Final[Profile] = (
    (-0.22, 0.020, 0.040),
    (-0.12, 0.040, 0.062),
    (0.04, 0.050, 0.066),
    (0.16, 0.053, 0.058),
    (0.25, 0.056, 0.050),
    (0.45, 0.058, 0.046),
    (0.70, 0.064, 0.054),
    (0.90, 0.054, 0.056),
    (1.04, 0.040, 0.046),
    (1.10, 0.026, 0.034),
)

PALM_THICKNESS: Final = 0.017   # wrist joint above a flat palm (no less than the wrist's radius)
FIST_RADIUS: Final = 0.022


def profile_at(profile: Profile, station: float) -> tuple[float, float]:
    """(front, back) half-depths at ``station``, linearly between the table's rows."""
    if station <= profile[0][0]:
        return profile[0][1], profile[0][2]
    for (s0, f0, b0), (s1, f1, b1) in itertools.pairwise(profile):
        if station <= s1:
            k = (station - s0) / (s1 - s0)
            return f0 + (f1 - f0) * k, b0 + (b1 - b0) * k
    return profile[-1][1], profile[-1][2]
