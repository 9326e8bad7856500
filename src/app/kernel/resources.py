"""Where the shipped data (exercises, poses, sounds, icons) is found."""

from __future__ import annotations

import os
import sys
from pathlib import Path

RESOURCES_ENV = "HAMSTRIDE_RESOURCES"


def resources_dir() -> Path:
    override = os.environ.get(RESOURCES_ENV)
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)  # a PyInstaller bundle unpacks data here
    if bundle:
        return Path(bundle) / "resources"
    # Source checkout or editable install: src/app/kernel/resources.py -> <repo>/resources
    return Path(__file__).resolve().parents[3] / "resources"
