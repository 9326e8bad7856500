"""Qt modules that need optional system libraries.

QtMultimedia and QtTextToSpeech raise ImportError on a machine without
PulseAudio's client library: tests that need the real module skip there and
name the Debian package (CI installs it), so `make test` stays green on a
fresh machine without it.
"""

from __future__ import annotations

import importlib
from types import ModuleType

import pytest

PULSE_PACKAGE = "libpulse0"


def import_or_skip(module: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError as error:
        pytest.skip(f"{module} cannot load here ({error}); install the Debian package {PULSE_PACKAGE}")
