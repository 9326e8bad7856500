"""What Today shows: the session due, how it should go, and how the program is going.

Pure Python: it reads the log through the plain-SQL readers and applies the
program's schedule and the coaching rules (progression, the 48-hour rule,
the slump and gap watches). The Today page and `hamstride today` both use it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING

from app.i18n import translate
from app.programs.model import Program

if TYPE_CHECKING:
    from app.catalog.model import Catalog
    from app.custom_exercises import CustomExercise
    from app.programs.planning import Target
    from app.programs.schedule import Adherence, DueSession, StripDay
    from app.programs.watch import Notice
    from app.session.plan import PlanItem, SessionPlan
    from app.settings import Settings
    from app.storage.coaching_queries import CoachingReader
    from app.storage.entries import EnrolmentRecord, SessionRecord
    from app.storage.queries import LogReader


def hamstring_slugs(catalog: Catalog, customs: Iterable[CustomExercise] = ()) -> set[str]:
    """What counts as hamstring work: the library's strength exercises, and the
    athlete's own exercises based on one of them."""
    strength = {e.slug for e in catalog.exercises if e.category == "strength"}
    return strength | {e.slug for e in customs if e.based_on in strength}


@dataclass(frozen=True)
class DueLine:
    slug: str
    name: str
    dose: str  # "3 × 8-10 (rest 90 s)"
    advice: str = ""  # the suggestion and its reason, one line


@dataclass(frozen=True)
class TodayView:
    program: Program
    enrolment: EnrolmentRecord
    due: DueSession | None  # None: a finished program
    label: str  # "Week 3 · session 2 of 3"
    lines: tuple[DueLine, ...]
    strip: tuple[StripDay, ...]
    adherence: Adherence
    targets: dict[str, Target] = field(default_factory=dict)
    too_soon: Notice | None = None  # the 48-hour rule
    notices: tuple[Notice, ...] = ()  # slump, Nordic gap

    def plan(self, catalog: Catalog, customs: Sequence[CustomExercise] = ()) -> SessionPlan:
        """The due session as a plan the window runs, with the suggestions applied."""
        from app.programs.planning import plan_for_day

        assert self.due is not None, "a finished program has no session due"
        plan = plan_for_day(self.program, self.due.day_number, catalog, customs, self.targets)
        return _with_program(plan, self.program.slug, self.due.day_number)


def _with_program(plan: SessionPlan, slug: str, day: int) -> SessionPlan:
    import dataclasses

    return dataclasses.replace(plan, program_slug=slug, program_day=day)


def local_date(moment: datetime, tz: tzinfo | None = None) -> date:
    return moment.astimezone(tz).date()


def done_sessions(reader: LogReader, enrolment: EnrolmentRecord,
                  tz: tzinfo | None = None) -> list[SessionRecord]:
    """The program's sessions logged since this enrolment's start date (an
    earlier run of the same program does not count)."""
    return [s for s in reader.program_sessions(enrolment.program_slug, since=enrolment.start_date)
            if local_date(s.started_at, tz) >= enrolment.start_date and s.program_day]


def build_today(program: Program, enrolment: EnrolmentRecord, reader: LogReader,
                coaching: CoachingReader, catalog: Catalog, settings: Settings, now: datetime,
                tz: tzinfo | None = None) -> TodayView:
    from app.programs import schedule
    from app.programs.planning import Target, day_label
    from app.programs.progression import suggest
    from app.programs.recovery import too_soon_for
    from app.programs.watch import nordic_gap_notice, slump_notice
    from app.programs.words import dose_words

    today = local_date(now, tz)
    sessions = done_sessions(reader, enrolment, tz)
    done_days = {s.program_day for s in sessions if s.program_day}
    done_by_date: dict[date, list[int]] = {}
    for s in sessions:
        done_by_date.setdefault(local_date(s.started_at, tz), []).append(s.program_day or 0)
    start, weekdays = enrolment.start_date, tuple(enrolment.weekdays)
    due = schedule.next_due(program, start, weekdays, done_days, today)
    strip = tuple(schedule.week_strip(program, start, weekdays, done_by_date, today))
    adherence = schedule.adherence(program, start, weekdays,
                                   sorted(local_date(s.started_at, tz) for s in sessions), today)
    customs = reader.custom_exercises()
    names = {e.slug: e.name for e in catalog.exercises} | {e.slug: e.name for e in customs}
    hamstrings = hamstring_slugs(catalog, customs)

    lines: list[DueLine] = []
    targets: dict[str, Target] = {}
    label = translate("today", "Program finished")
    notices: list[Notice] = []
    if due is not None:
        week, day = program.day(due.day_number)
        label = day_label(program, due.day_number)
        for dose in day.exercises:
            advice = ""
            if dose.progression != "none":
                suggestion = suggest(dose, coaching.recent_sets(dose.slug), units=settings.units,
                                     load_step=settings.load_step(),
                                     lowering_target_s=float(settings.lowering_s))
                targets[dose.slug] = Target(load_kg=suggestion.load_kg, reps=suggestion.reps,
                                            lowering_s=suggestion.lowering_s,
                                            reason=suggestion.reason)
                advice = suggestion.reason
            lines.append(DueLine(dose.slug, names.get(dose.slug, dose.slug), dose_words(dose),
                                 advice))
        if program.slug == "nordic-programme":
            last = coaching.last_program_session(program.slug)
            gap = nordic_gap_notice(None if last is None else local_date(last.started_at, tz),
                                    week.number, today)
            if gap is not None:
                notices.append(gap)
    slump = slump_notice(coaching.recent_hamstring_sessions(hamstrings, count=3),
                         units=settings.units, names=names)
    if slump is not None:
        notices.insert(0, slump)
    # The 48-hour rule weighs the session due: only its heavy work counts.
    due_slugs = [] if due is None else [d.slug for d in program.day(due.day_number)[1].exercises]
    too_soon = too_soon_for(due_slugs, coaching, catalog, customs, now, tz)
    return TodayView(program=program, enrolment=enrolment, due=due, label=label,
                     lines=tuple(lines), strip=strip, adherence=adherence, targets=targets,
                     too_soon=too_soon, notices=tuple(notices))



LIGHTER_LOAD = 0.8  # a lighter day: a fifth off the load...
LIGHTER_SETS = 1  # ...and one set fewer (never below one)


def lighter(plan: SessionPlan) -> SessionPlan:
    """The main work of ``plan`` made lighter, for a day the readiness check
    says to take it easy: one set fewer and a fifth less load."""
    import dataclasses

    def ease(item: PlanItem) -> PlanItem:
        load = item.target_load_kg
        return dataclasses.replace(item, sets=max(1, item.sets - LIGHTER_SETS),
                                   target_load_kg=None if load is None else round(load * LIGHTER_LOAD, 1))

    blocks = tuple(dataclasses.replace(b, items=tuple(ease(i) for i in b.items))
                   if b.name == "main" else b for b in plan.blocks)
    title = translate("today", "{title} (lighter)").format(title=plan.title)
    return dataclasses.replace(plan, blocks=blocks, title=title)
