"""Fixtures of the window's tests only. They import Qt, so they are not in
tests/conftest.py: `make test-core` runs the Qt-free tests without it."""

from __future__ import annotations

# The translation tests' fixtures (tests/ui/shell/test_language.py,
# test_i18n_b_window.py), found by pytest in this module's namespace.
from helpers.language import french, pseudo_translation

__all__ = ["french", "pseudo_translation"]
