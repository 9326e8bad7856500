"""The first screen does not grow with the log (issue 15, point 15).

A start on a 1,000,000-set log took 7.7 s before the window showed the log:
the whole-file integrity check read every page before anything else. These
tests start the window as the app does on a small and on a 100,000-set log
(benchmarks/big_log.py, the athlete following the Nordic program so that
Today does its real work) and count what SQLite does until the log is on
the first screen: the work must not depend on the log's size, and no
start-up statement may scan the set table. The integrity check now runs
after the first screen, in a worker thread, and still sets a damaged log
aside (at the next start).
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.storage.database import IntegrityCheck, damage_mark, open_database
from helpers.sqlite_work import SqliteWork, build_logs, count_sqlite, install, trash_index_page

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from big_log import follow_program, make_big_log

SMALL_SETS = 2_000
BIG_SETS = 100_000
PROGRAM = "nordic-programme"
# What the start may do more of on the big log than on the small one, in
# SQLite instructions. A scan of the big log's sets is ~500,000 (5 per row)
# and its integrity check millions. What grows with the log is the status
# bar's count of the sessions, off an index: ~3 instructions a session
# (~4,500 more sessions: ~14,000), and the B-trees' depth.
COUNT_STEPS_PER_SESSION = 3
ALLOWED_GROWTH_BESIDES = 5_000


@pytest.fixture(scope="module")
def logs(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    def make(path: Path, sets: int) -> None:
        make_big_log(path, sets)
        follow_program(path, PROGRAM, sessions=6, weeks=3)

    return build_logs(tmp_path_factory, (SMALL_SETS, BIG_SETS), make)


@pytest.fixture
def sqlite_work(monkeypatch: pytest.MonkeyPatch) -> SqliteWork:
    return count_sqlite(monkeypatch)


def _start_until_log_shown(qtbot: Any, paths: AppPaths, clock: FakeClock,
                           work: SqliteWork) -> Any:
    """The window started as the app starts it; counting stops when the log
    is on the first screen (before the integrity check begins)."""
    from app.ui.base.alerts import RecordingAlerts
    from app.ui.shell.application import GuiSession

    gui = GuiSession(paths, RecordingAlerts(), clock)
    qtbot.addWidget(gui.window)

    def stop_counting() -> None:
        work.counting = False

    gui.window.log_ready.connect(stop_counting)
    with qtbot.waitSignal(gui.window.log_ready, timeout=60000):
        gui.start()
    return gui


def _stop(gui: Any) -> None:
    gui.window.close()  # stops the integrity check, if it still runs


def _start_work(sets: int, logs: dict[int, Path], qtbot: Any, paths: AppPaths,
                clock: FakeClock, work: SqliteWork) -> int:
    install(logs[sets], paths)
    gui = _start_until_log_shown(qtbot, paths, clock, work)
    try:
        assert gui.window.today is not None and gui.window.today.view is not None  # Today read it
        assert gui.window.today.view.program.slug == PROGRAM
    finally:
        _stop(gui)
    return work.steps


def _assert_the_big_log_costs_no_more(logs: dict[int, Path], qtbot: Any, tmp_path: Path,
                                      clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    """The window's start on the big log does as much SQLite work as on the
    small one, but for the status bar's count of the sessions."""
    from app.kernel.paths import prepare_dirs, resolve_paths

    steps = {}
    for sets in (SMALL_SETS, BIG_SETS):
        paths = resolve_paths(tmp_path / f"data{sets}")
        prepare_dirs(paths)
        with monkeypatch.context() as patch:
            steps[sets] = _start_work(sets, logs, qtbot, paths, clock, count_sqlite(patch))
    assert steps[SMALL_SETS] > 0  # the count works
    more_sessions = _sessions(logs[BIG_SETS]) - _sessions(logs[SMALL_SETS])
    allowed = COUNT_STEPS_PER_SESSION * more_sessions + ALLOWED_GROWTH_BESIDES
    assert steps[BIG_SETS] - steps[SMALL_SETS] <= allowed, steps


def test_the_first_screen_reads_as_much_of_a_big_log_as_of_a_small_one(
        logs: dict[int, Path], qtbot: Any, tmp_path: Path, clock: FakeClock,
        monkeypatch: pytest.MonkeyPatch) -> None:
    _assert_the_big_log_costs_no_more(logs, qtbot, tmp_path, clock, monkeypatch)


@pytest.fixture(scope="module")
def begun_logs(logs: dict[int, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """The same logs, the athlete having just begun the program: no session
    is one of its days yet (Today then looks for its last session in vain)."""
    made = {}
    for sets, log in logs.items():
        path = tmp_path_factory.mktemp(f"begun{sets}") / "hamstride.db"
        shutil.copyfile(log, path)
        connection = sqlite3.connect(path)
        try:
            connection.execute("UPDATE workout_session SET program_slug = NULL, program_day = NULL")
            connection.commit()
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()
        made[sets] = path
    return made


def test_the_first_screen_of_a_program_just_begun_reads_as_much_of_a_big_log_as_of_a_small_one(
        begun_logs: dict[int, Path], qtbot: Any, tmp_path: Path, clock: FakeClock,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Finding the program's last session walked every session of the log
    when there was none (+124,000 instructions on the big log) before the
    index of schema v8 (ix_workout_session_program)."""
    _assert_the_big_log_costs_no_more(begun_logs, qtbot, tmp_path, clock, monkeypatch)


def _sessions(log: Path) -> int:
    connection = sqlite3.connect(f"{log.as_uri()}?mode=ro", uri=True)
    try:
        return int(connection.execute("SELECT count(*) FROM workout_session").fetchone()[0])
    finally:
        connection.close()


def _logged_set_aliases(sql: str) -> set[str]:
    return {"logged_set"} | set(re.findall(r"\blogged_set\s+(?:AS\s+)?(?!WHERE|ON|JOIN|LEFT|"
                                           r"GROUP|ORDER|LIMIT|USING)(\w+)", sql, re.IGNORECASE))


def test_no_start_up_statement_scans_the_set_table(
        logs: dict[int, Path], qtbot: Any, paths: AppPaths, clock: FakeClock,
        sqlite_work: SqliteWork) -> None:
    install(logs[BIG_SETS], paths)
    gui = _start_until_log_shown(qtbot, paths, clock, sqlite_work)
    _stop(gui)
    queries = [sql for sql in sqlite_work.statements
               if sql.lstrip().upper().startswith(("SELECT", "WITH"))]
    assert any("logged_set" in sql for sql in queries)  # Today read the sets it needs
    # The plans on the big log itself (SQLite plans by its statistics).
    connection = sqlite3.connect(f"{paths.database.as_uri()}?mode=ro", uri=True)
    try:
        scans = []
        for sql in queries:
            aliases = _logged_set_aliases(sql)
            for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}"):
                found = re.match(r"SCAN (\w+)", row[3])
                if found and found.group(1) in aliases:
                    scans.append((row[3], sql))
    finally:
        connection.close()
    assert not scans, scans


def test_the_scan_check_sees_a_scan(logs: dict[int, Path]) -> None:
    """The check above would catch a statement reading every set."""
    sql = "SELECT count(l.id) FROM workout_session s JOIN logged_set l ON l.session_id = s.id"
    assert _logged_set_aliases(sql) == {"logged_set", "l"}
    connection = sqlite3.connect(f"{logs[SMALL_SETS].as_uri()}?mode=ro", uri=True)
    try:
        details = [row[3] for row in connection.execute(
            "EXPLAIN QUERY PLAN SELECT sum(length(notes)) FROM logged_set")]
    finally:
        connection.close()
    assert any(re.match(r"SCAN (\w+)", d) and d.split()[1] == "logged_set" for d in details)


# -- the integrity check, after the first screen ---------------------------------------------


SHOWN_INDEX = "ix_logged_set_exercise_logged"  # Today reads the last sessions off it
UNSHOWN_INDEX = "ix_logged_set_mean_descent"  # only the records read it


def _warnings(gui: Any) -> list[tuple[str, str, str]]:
    return [shown for shown in gui.alerts.shown if shown[0] == "warning"]


def _check_done(gui: Any) -> None:
    thread = gui.loader.check_thread
    assert thread is not None  # the check was started once the log was shown
    thread.join()


def test_a_sound_log_is_checked_after_the_first_screen(
        logs: dict[int, Path], qtbot: Any, paths: AppPaths, clock: FakeClock,
        sqlite_work: SqliteWork) -> None:
    install(logs[SMALL_SETS], paths)
    sqlite_work.counting = True
    gui = _start_until_log_shown(qtbot, paths, clock, sqlite_work)
    try:
        # Not before the log was shown...
        assert not any("integrity_check" in sql for sql in sqlite_work.statements)
        _check_done(gui)
        # ...but after it (its statement traced: the check's thread starts as
        # the log is shown, so it may run before this test could count again),
        # its result delivered, and nothing found.
        assert any("integrity_check" in sql for sql in sqlite_work.every_statement)
        from PySide6.QtWidgets import QApplication

        QApplication.processEvents()  # the check's signal, if any, reaches the UI thread
        assert not _warnings(gui)
        assert not damage_mark(paths.database).exists()
    finally:
        _stop(gui)


def test_damage_found_after_the_first_screen_is_told_and_set_aside_at_the_next_start(
        logs: dict[int, Path], qtbot: Any, paths: AppPaths, clock: FakeClock) -> None:
    install(logs[SMALL_SETS], paths)
    trash_index_page(paths.database, UNSHOWN_INDEX)
    damaged = paths.database.read_bytes()
    gui = _start_until_log_shown(qtbot, paths, clock, SqliteWork())
    try:
        assert gui.window.reader is not None  # the log is shown first...
        _check_done(gui)
        qtbot.waitUntil(lambda: bool(_warnings(gui)), timeout=5000)  # ...then the damage told
        (_, title, text), = _warnings(gui)
        assert title == "Your training log is damaged"
        assert "integrity check failed" in text and str(paths.damaged_dir) in text
        assert damage_mark(paths.database).exists()
    finally:
        _stop(gui)
    # The next start checks in full before use and moves the file aside, as
    # for any damaged log, even where the window would check it later.
    report = open_database(paths.database, paths.backups_dir, paths.damaged_dir, clock.now(),
                           check_later=True)
    assert report.moved_aside is not None and report.moved_aside.read_bytes() == damaged
    assert report.created and not damage_mark(paths.database).exists()


def test_damage_met_by_the_first_screen_sets_the_log_aside_at_once(
        logs: dict[int, Path], qtbot: Any, paths: AppPaths, clock: FakeClock) -> None:
    """Today's first reads meet the damage before the check does: the log is
    opened again with the whole-file check first, moved aside, a new one
    shown and the athlete told, as when the check ran before the window."""
    install(logs[SMALL_SETS], paths)
    trash_index_page(paths.database, SHOWN_INDEX)
    damaged = paths.database.read_bytes()
    from app.ui.base.alerts import RecordingAlerts
    from app.ui.shell.application import GuiSession

    gui = GuiSession(paths, RecordingAlerts(), clock)
    qtbot.addWidget(gui.window)
    try:
        with qtbot.waitSignal(gui.window.log_ready, timeout=20000):
            gui.start()
        (_, title, text), = _warnings(gui)
        assert title == "Your training log"
        assert "moved, unchanged" in text
        moved = list(paths.damaged_dir.glob("hamstride*.db"))
        assert [path.read_bytes() for path in moved] == [damaged]
        assert gui.window.reader is not None and gui.window.reader.count_sessions() == 0
        assert not damage_mark(paths.database).exists()
    finally:
        _stop(gui)


def test_a_damaged_log_opened_for_a_command_is_still_checked_first(
        logs: dict[int, Path], paths: AppPaths, clock: FakeClock) -> None:
    """Only the window defers the check: a command (and Store.open) checks first."""
    install(logs[SMALL_SETS], paths)
    trash_index_page(paths.database, UNSHOWN_INDEX)
    report = open_database(paths.database, paths.backups_dir, paths.damaged_dir, clock.now())
    assert report.moved_aside is not None


def test_closing_the_window_stops_the_check(logs: dict[int, Path], paths: AppPaths,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """interrupt() (the window's close) stops a running check: on a damaged
    log, stopped before its end, it says nothing and leaves no mark."""
    install(logs[SMALL_SETS], paths)
    trash_index_page(paths.database, UNSHOWN_INDEX)
    work = count_sqlite(monkeypatch)
    check = IntegrityCheck(paths.database)
    trace = work.trace

    def interrupt_once_running(sql: str) -> None:
        trace(sql)
        if "integrity_check" in sql:
            check.interrupt()  # from the check's own thread, as soon as it runs

    work.trace = interrupt_once_running  # type: ignore[method-assign]
    outcome: list[str | None] = []
    thread = threading.Thread(target=lambda: outcome.append(check.run()))
    thread.start()
    thread.join()
    check.interrupt()  # after the end: harmless
    assert any("integrity_check" in sql for sql in work.statements)  # it did start
    assert outcome == [None]  # nothing known, nothing said
    assert not damage_mark(paths.database).exists()


# -- Today's program sessions, from the enrolment's start ------------------------------------


@pytest.mark.parametrize(("zone", "first_hour_utc"), [
    ("Pacific/Kiritimati", -14),  # UTC+14: the start day begins at 10:00 UTC the day before
    ("Etc/GMT+12", 12),           # UTC-12: it begins at 12:00 UTC that day
])
def test_todays_sessions_are_those_since_the_enrolments_local_start_day(
        store: Any, clock: FakeClock, zone: str, first_hour_utc: int) -> None:
    """done_sessions asks the log for the sessions since a day before the
    start (in UTC) and keeps those of the start day or later in local time:
    one minute into the start day counts, one minute before it does not,
    at both ends of the world's time zones."""
    from datetime import date, datetime, timedelta
    from zoneinfo import ZoneInfo

    from app.logbook.entries import SetEntry
    from app.usecases.today import done_sessions

    start = date(2026, 1, 5)
    first_moment = datetime(2026, 1, 5, tzinfo=ZoneInfo("UTC")) + timedelta(hours=first_hour_utc)
    for day, moment in enumerate((first_moment - timedelta(minutes=1),
                                  first_moment + timedelta(minutes=1),
                                  first_moment + timedelta(days=2)), start=1):
        session = store.start_session(title=f"Day {day}", program_slug=PROGRAM, program_day=day,
                                      started_at=moment, source="test")
        store.log_set(session.id, SetEntry("nordic-hamstring-curl", 1, reps=5), logged_at=moment)
    enrolment = store.enrol(PROGRAM, start, (0, 2, 4))
    done = done_sessions(store.reader, enrolment, ZoneInfo(zone))
    assert [s.program_day for s in done] == [2, 3]
    # The log is asked from a day before the start (UTC) only: a range of the index.
    assert [s.program_day for s in store.reader.program_sessions(PROGRAM, since=start)] == [1, 2, 3]
    assert [s.program_day for s in store.reader.program_sessions(
        PROGRAM, since=start + timedelta(days=2))] == [3]



def test_the_library_and_programs_today_needs_are_read_off_the_ui_thread(
        logs: dict[int, Path], qtbot: Any, paths: AppPaths, clock: FakeClock,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Parsing the library and the built-in programs (~80 ms of TOML) is
    done by the loader's worker thread, not by the UI thread as the log arrives."""
    import app.catalog
    import app.coaching.loader

    read_on: list[tuple[str, threading.Thread]] = []
    load_catalog, load_programs = app.catalog.load_catalog, app.coaching.loader.load_programs

    def catalog_recorded(*args: Any, **kwargs: Any) -> Any:
        read_on.append(("catalog", threading.current_thread()))
        return load_catalog(*args, **kwargs)

    def programs_recorded(*args: Any, **kwargs: Any) -> Any:
        read_on.append(("programs", threading.current_thread()))
        return load_programs(*args, **kwargs)

    monkeypatch.setattr(app.catalog, "load_catalog", catalog_recorded)
    monkeypatch.setattr(app.coaching.loader, "load_programs", programs_recorded)
    install(logs[SMALL_SETS], paths)
    gui = _start_until_log_shown(qtbot, paths, clock, SqliteWork())
    try:
        assert gui.window.today is not None and gui.window.today.view is not None
        assert sorted(what for what, _ in read_on) == ["catalog", "programs"]  # once each
        assert all(thread is not threading.main_thread() for _, thread in read_on)
    finally:
        _stop(gui)
