"""Hamstride: an offline workout companion for runners who train their hamstrings."""

__version__ = "0.1.0"
APP_NAME = "Hamstride"
