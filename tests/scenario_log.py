"""A training log written day by day, for the scenario tests a coach can read
(tests/test_scenario_*.py): the athlete follows a program, trains on given
days, and then we ask what Today, the start path or the command line says."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest

import app.cli
from app.catalog import Catalog, load_catalog_strict
from app.clock import FakeClock
from app.paths import AppPaths
from app.program_book import ProgramBook
from app.programs.readiness import PainLevel, ReadinessAnswers
from app.resources import resources_dir
from app.session.plan import SessionPlan
from app.session_start import StartCheck, check_start
from app.settings import load_settings
from app.storage.coaching_queries import CoachingReader
from app.storage.entries import SetEntry
from app.storage.queries import LogReader
from app.storage.store import Store
from app.today import TodayView, build_today

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
# Monday 5 January 2026: the first day of every diary.
FIRST_MONDAY = date(2026, 1, 5)


def day(offset: int) -> date:
    """The day ``offset`` days after the first Monday (0 = Mon 5 Jan 2026)."""
    return FIRST_MONDAY + timedelta(days=offset)


class Diary:
    """The athlete's log, written as the days go by (the clock moves with it)."""

    def __init__(self, paths: AppPaths, clock: FakeClock) -> None:
        self.paths = paths
        self.clock = clock
        self.store, _ = Store.open(paths, clock)

    def close(self) -> None:
        self.store.close()

    def at(self, when: date, hour: int = 18, minute: int = 0) -> datetime:
        """Move the clock to ``when`` at ``hour``:``minute`` (UTC)."""
        moment = datetime.combine(when, time(hour, minute), tzinfo=UTC)
        if moment > self.clock.now():
            self.clock.advance((moment - self.clock.now()).total_seconds())
        return self.clock.now()

    def follow(self, program: str, start: date, weekdays: Sequence[int]) -> None:
        self.store.enrol(program, start, list(weekdays))

    def trained(self, when: date, *slugs: str, hour: int = 18, minutes: int = 45,
                program: str | None = None, program_day: int | None = None,
                soreness: int | None = None, reps: int = 8, load: float | None = None,
                sets: int = 3) -> None:
        """A session on ``when`` from ``hour``: ``sets`` sets of each exercise."""
        self.at(when, hour)
        readiness = None if soreness is None else ReadinessAnswers(
            soreness, PainLevel.NONE, False, False, True, PainLevel.NONE).to_dict()
        session = self.store.start_session(title="Session", program_slug=program,
                                           program_day=program_day, readiness=readiness)
        for slug in slugs:
            for number in range(1, sets + 1):
                self.store.log_set(session.id, SetEntry(slug, number, reps=reps, load=load))
        self.clock.advance(minutes * 60)
        self.store.end_session(session.id)


def catalog() -> Catalog:
    return load_catalog_strict(resources_dir())


def today_view(paths: AppPaths, now: datetime) -> TodayView:
    """What Today shows at ``now`` for the program followed (as the Today page
    and `hamstride today` build it), calendar days in UTC."""
    reader = LogReader(paths.database)
    try:
        enrolment = reader.active_enrolment()
        assert enrolment is not None, "the diary follows no program"
        book = ProgramBook(catalog())
        book.set_own(reader.user_programs(), reader.custom_slugs())
        program = book.get(enrolment.program_slug)
        assert program is not None
        with CoachingReader(paths.database) as coaching:
            return build_today(program, enrolment, reader, coaching, book.catalog,
                               load_settings(reader.get_setting), now, UTC)
    finally:
        reader.close()


def start_check(paths: AppPaths, plan: SessionPlan, now: datetime, *,
                targets_applied: bool = False) -> StartCheck:
    """What the start path (app.session_start) makes of ``plan`` at ``now``."""
    reader = LogReader(paths.database)
    try:
        with CoachingReader(paths.database) as coaching:
            return check_start(plan, coaching, catalog(), reader.custom_exercises(),
                               load_settings(reader.get_setting), now, UTC,
                               targets_applied=targets_applied)
    finally:
        reader.close()


class FakeTerminal(io.StringIO):
    """Standard input that says it is a terminal, with the lines typed."""

    def __init__(self, lines: Iterable[str]) -> None:
        super().__init__("".join(f"{line}\n" for line in lines))

    def isatty(self) -> bool:
        return True


class NotATerminal(io.StringIO):
    def isatty(self) -> bool:
        return False


def run_session_command(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                        paths: AppPaths, now: datetime, *argv: str,
                        typed: Iterable[str] | None = None) -> tuple[int, str, str, Any]:
    """`hamstride session ARGV` at ``now``: its exit status, what it printed,
    and the request it would open the window with (None: no window).
    ``typed``: stdin is a terminal and these are the lines typed; else stdin
    is not a terminal."""
    opened: list[Any] = []

    def window(_paths: AppPaths, request: Any = None, time_scale: float = 1.0) -> int:
        opened.append(request)
        return 0

    import app.ui.application

    monkeypatch.setattr(app.ui.application, "run_gui", window)
    monkeypatch.setattr(app.cli, "_now", lambda: now)
    monkeypatch.setattr("sys.stdin", NotATerminal() if typed is None else FakeTerminal(typed))
    try:
        code = app.cli.main(["--data-dir", str(paths.data_dir), "session", *argv])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err, opened[0] if opened else None


def run_today_command(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                      paths: AppPaths, now: datetime) -> list[str]:
    monkeypatch.setattr(app.cli, "_now", lambda: now)
    code = app.cli.main(["--data-dir", str(paths.data_dir), "today"])
    out, err = capsys.readouterr()
    assert code == 0 and err == "", err
    return out.splitlines()


NO_COMPLAINTS = "soreness=1,pain=none,sharp=no,numbness=no,walk=yes,run-pain=none"
