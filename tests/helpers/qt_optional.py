"""Tests that need an optional system library or tool.

A new athlete's `make test` must pass on a fresh machine without the
README's apt-get line: a test that needs such a package skips there, and its
reason names the Debian package through missing_package(). CI installs every
package, so there a skip for a missing package is a failure (conftest turns
it into one when REQUIRE_PACKAGES_ENV is set, as .ci/run does).

QtMultimedia and QtTextToSpeech raise ImportError on a machine without
PulseAudio's client library: the app runs silent, their tests skip.
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType

import pytest

PULSE_PACKAGE = "libpulse0"
# Every skip for a missing package says this, so CI can find it.
MISSING_PACKAGE_MARK = "needs the Debian package"
REQUIRE_PACKAGES_ENV = "HAMSTRIDE_REQUIRE_SYSTEM_PACKAGES"


def missing_package(packages: str, detail: str = "") -> str:
    """The skip reason for a test that cannot run without `packages`."""
    return f"{MISSING_PACKAGE_MARK} {packages}" + (f" ({detail})" if detail else "")


def skipped_for_a_missing_package(reason: str) -> bool:
    return MISSING_PACKAGE_MARK in reason


def import_or_skip(module: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError as error:
        pytest.skip(missing_package(PULSE_PACKAGE, f"{module} cannot load here: {error}"))


class PackageSkipGate:
    """Fails the run when REQUIRE_PACKAGES_ENV is set and a test skipped for a
    missing package: there (CI) every package is installed, so such a skip
    means CI no longer tests what it claims. Elsewhere skips stay skips."""

    def __init__(self) -> None:
        self.skipped: list[str] = []

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.skipped and skipped_for_a_missing_package(str(report.longrepr)):
            self.skipped.append(report.nodeid)

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if os.environ.get(REQUIRE_PACKAGES_ENV) and self.skipped:
            print(f"\n{REQUIRE_PACKAGES_ENV} is set, yet these tests skipped for a missing "
                  f"system package: {', '.join(sorted(set(self.skipped)))}")
            session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(PackageSkipGate(), "package_skip_gate")
