"""Shared helpers of the tests (imported as helpers.NAME)."""
