"""A training log built day by day on a fake clock, and what Today says about
it: the shared steps of the coaching scenarios (tests/test_scenario_*.py).

Dates are read in UTC; the athlete trains at 6 pm.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

from app.catalog import load_catalog
from app.clock import FakeClock
from app.paths import AppPaths
from app.program_book import ProgramBook
from app.programs.readiness import PainLevel, ReadinessAnswers
from app.resources import resources_dir
from app.settings import load_settings
from app.storage.coaching_queries import CoachingReader
from app.storage.entries import SetEntry
from app.storage.queries import LogReader
from app.storage.store import Store
from app.today import TodayView, build_today

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
EVENING = 18
NORDIC = "nordic-hamstring-curl"


def evening(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, EVENING, tzinfo=UTC)


def go_to(clock: FakeClock, day: date) -> None:
    """The evening of ``day``."""
    clock.advance((evening(day) - clock.now()).total_seconds())


def answers(soreness: int, pain: str = "none", run_pain: str | None = "none") -> dict[str, object]:
    """The readiness check as stored with a session: nothing alarming but the
    soreness (0-10), leg pain and run pain given."""
    return ReadinessAnswers(soreness=soreness, pain=PainLevel(pain), sharp_pain=False,
                            numbness=False,
                            run_pain=None if run_pain is None else PainLevel(run_pain)).to_dict()


def today(paths: AppPaths, clock: FakeClock) -> TodayView:
    reader, coaching = LogReader(paths.database), CoachingReader(paths.database)
    try:
        enrolment = reader.active_enrolment()
        assert enrolment is not None
        book = ProgramBook(load_catalog(resources_dir()).catalog)
        book.set_own(reader.user_programs(), (e.slug for e in reader.custom_exercises()))
        program = book.get(enrolment.program_slug)
        assert program is not None
        return build_today(program, enrolment, reader, coaching, book.catalog,
                           load_settings(reader.get_setting), clock.now(), UTC)
    finally:
        reader.close()
        coaching.close()


def train(log: Store, clock: FakeClock, view: TodayView, *, soreness: int | None = 2,
          nordic_reps: Sequence[int] | None = None, lowering_s: float = 5.5,
          loads: dict[str, float] | None = None) -> None:
    """Do the session Today says is due, now, as Today planned it: every set
    of the main work at its target reps, Nordics lowered for ``lowering_s``
    each rep (``nordic_reps``: the reps of each Nordic set instead), loaded
    exercises at ``loads`` (kg) or bodyweight. ``soreness`` is the readiness
    answer (None: not asked)."""
    from app.catalog import load_catalog as catalog_of

    assert view.due is not None
    plan = view.plan(catalog_of(resources_dir()).catalog)
    session = log.start_session(title=plan.title, program_slug=plan.program_slug,
                                program_day=plan.program_day,
                                readiness=None if soreness is None else answers(soreness))
    main = next(block for block in plan.blocks if block.name == "main")
    for item in main.items:
        if item.kind != "reps" or item.reps is None:
            continue
        per_set = (list(nordic_reps) if item.slug == NORDIC and nordic_reps is not None else
                   [item.reps_per_set[min(n, len(item.reps_per_set) - 1)] if item.reps_per_set
                    else item.reps[0] for n in range(item.sets)])
        for number, reps in enumerate(per_set, start=1):
            clock.advance(120)
            descents = (lowering_s,) * reps if item.slug == NORDIC else None
            log.log_set(session.id, SetEntry(item.slug, number, reps=reps,
                                             load=(loads or {}).get(item.slug),
                                             descent_s=descents))
    clock.advance(20 * 60)
    log.end_session(session.id)


def week(view: TodayView) -> list[str]:
    """The strip as a coach reads it: "Mon 5: day 1 planned", "Tue 6: rest"."""
    out = []
    for day in view.strip:
        numbers = day.done or day.planned
        what = f"day {', '.join(str(n) for n in numbers)} {day.status}" if numbers else day.status
        out.append(f"{SHORT[day.date.weekday()]} {day.date.day}: {what}")
    return out


def nordic_line(view: TodayView) -> tuple[str, str]:
    """The Nordic line of Today: its dose and the suggestion's reason."""
    (line,) = [line for line in view.lines if line.slug == NORDIC]
    return line.dose, line.advice
