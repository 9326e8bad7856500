"""The command line's words: English by design, every count with its right
singular or plural ("1 day", "none of 1 planned session", "1 rep")."""

from __future__ import annotations

from datetime import date

import pytest

from app.cli.common import counted
from app.cli.main import main
from app.cli.today import adherence_line, strip_line
from app.coaching.schedule import Adherence, StripDay
from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.logbook.entries import SetEntry
from app.storage.store import Store

MONDAY = date(2026, 1, 19)
NORDIC = "nordic-hamstring-curl"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def test_a_count_of_one_is_singular_and_any_other_plural() -> None:
    assert [counted(n, "day") for n in (0, 1, 2)] == ["0 days", "1 day", "2 days"]
    assert counted(1, "step picture") == "1 step picture"
    assert counted(3, "person", "people") == "3 people"


@pytest.mark.parametrize(("adherence", "line"), [
    (Adherence(0, 1, 0.0, 1, 1),
     "So far: none of 1 planned session done yet"),
    (Adherence(0, 4, 0.0, 9, 9),
     "So far: none of 4 planned sessions done yet"),
    (Adherence(1, 1, 1.0, 1, 1),
     "So far: 1 of 1 planned session done (100%); longest gap 1 day, 1 day since the last "
     "session"),
    (Adherence(1, 2, 0.5, 2, 0),
     "So far: 1 of 2 planned sessions done (50%); longest gap 2 days, 0 days since the last "
     "session"),
    (Adherence(0, 0, None, 0, 0), "So far: nothing was planned yet."),
])
def test_adherence_counts_read_right(adherence: Adherence, line: str) -> None:
    assert adherence_line(adherence) == line


def test_a_day_of_the_week_names_its_day_or_days() -> None:
    one = StripDay(MONDAY, planned=(4,), done=(), status="missed", today=False)
    assert strip_line(one) == "  Mon 19 Jan 2026: missed (day 4)"
    two = StripDay(MONDAY, planned=(4,), done=(3, 4), status="done", today=True)
    assert strip_line(two) == "  Mon 19 Jan 2026: done (days 3, 4)  <- today"
    rest = StripDay(MONDAY, planned=(), done=(), status="rest", today=False)
    assert strip_line(rest) == "  Mon 19 Jan 2026: rest"


def test_history_says_1_rep_and_exports_say_1_set(capsys: pytest.CaptureFixture[str],
                                                   paths: AppPaths, clock: FakeClock) -> None:
    store, _ = Store.open(paths, clock)
    session = store.start_session(title="Test")
    store.log_set(session.id, SetEntry("romanian-deadlift", 1, reps=1, load=100))
    clock.advance(600)
    store.end_session(session.id)
    store.close()
    out = _run(capsys, "--data-dir", str(paths.data_dir), "history")
    assert "  romanian-deadlift set 1, 1 rep, 100 kg" in out.splitlines()
    assert " · 1 set · " in out
    target = paths.data_dir.parent / "sets.csv"
    out = _run(capsys, "--data-dir", str(paths.data_dir), "export", "--format", "csv",
               "--output", str(target))
    assert out.strip() == f"Exported 1 set to {target}"


def test_history_marks_nordic_reps_held_to_the_floor(capsys: pytest.CaptureFixture[str],
                                                      paths: AppPaths, clock: FakeClock) -> None:
    """A rep lowered to the floor without a break point is stored as its
    target, a lower bound: the line says "at least" and marks the rep with a +."""
    store, _ = Store.open(paths, clock)
    session = store.start_session(title="Nordics")
    store.log_set(session.id, SetEntry(NORDIC, 1, reps=3, descent_s=(5.0, 2.4, 5.0),
                                       descent_held=(True, False, True)))
    store.log_set(session.id, SetEntry(NORDIC, 2, reps=2, descent_s=(3.0, 3.6),
                                       descent_held=(False, False)))
    store.log_set(session.id, SetEntry(NORDIC, 3, reps=2, descent_s=(4.0, 4.4)))  # not known
    clock.advance(600)
    store.end_session(session.id)
    store.close()
    lines = _run(capsys, "--data-dir", str(paths.data_dir), "history").splitlines()
    assert (f"  {NORDIC} set 1, 3 reps, descent mean at least 4.1 s "
            "(5.0+ · 2.4 · 5.0+ s, +: to the floor)") in lines
    assert f"  {NORDIC} set 2, 2 reps, descent mean 3.3 s" in lines  # every rep measured
    assert f"  {NORDIC} set 3, 2 reps, descent mean 4.2 s" in lines
