"""A human figure drawn from data: poses, kinematics, placement, equipment.

Pure Python (no Qt): ``app.catalog.scene`` builds a step's scene (figure,
equipment, arrow, frame) from an exercise with this geometry, and the painter
in ``app.ui.look.figure_painter`` turns it into pixels.

    pose = exercise.step_pose(0)
    placed = place(pose)                 # on the floor, contacts touching
    placed.skeleton["near_knee"]         # (x, y) in body heights, floor at y = 0

The names below load on first use: the catalog needs only the pose and
spec modules, and loading it should not pay for the solver.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "Arrow": "app.figure.spec",
    "Contact": "app.figure.pose",
    "FigureDataError": "app.figure.spec",
    "FigureSpec": "app.figure.spec",
    "Limbs": "app.figure.pose",
    "Placement": "app.figure.placement",
    "Pose": "app.figure.pose",
    "Skeleton": "app.figure.kinematics",
    "forward": "app.figure.kinematics",
    "interpolate": "app.figure.pose",
    "place": "app.figure.placement",
    "place_between": "app.figure.placement",
    "segment_lengths": "app.figure.kinematics",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'app.figure' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
