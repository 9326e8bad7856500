"""What Today shows: the session due, how it should go, and how the program is going.

Pure Python: it reads the log through the plain-SQL readers and applies the
program's schedule and the coaching rules (progression, the 48-hour rule,
the overtraining watch and the restart after a layoff). The Today page and
`hamstride today` both use it.

The restart after a layoff is applied, not only advised. In a program with
Nordic curls (any program: the Nordic programme, the advanced one, one of
the athlete's own), when the last session with Nordics is more than
``watch.NORDIC_MAX_GAP_DAYS`` old (Ripley et al. 2021), Today is built as
the restart will be: a new enrolment from today at the first session of the
week ``watch.restart_week`` goes back to (``Restart``). The notice, the due
line, the week label and the strip all come from that one enrolment, so
they agree. Starting that session stores the restart (``store_restart``);
the athlete may keep their place instead (``RESTART_DECLINED_SETTING``,
remembered for that last session, so it is not asked again). Programs
without Nordics are not moved back: the 3-week rule is the Nordic studies'
finding, and their double progression already meets a layoff where the
athlete is (it holds or reduces the load after sessions below the range).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from app.catalog.vocabulary import Category
from app.coaching.model import ExerciseDose, Program
from app.kernel.i18n import translate

if TYPE_CHECKING:
    from app.catalog.model import Catalog
    from app.coaching.planning import Target
    from app.coaching.running_week import WeekPlan
    from app.coaching.schedule import Adherence, DueSession, StripDay
    from app.coaching.watch import Notice
    from app.logbook.custom_exercises import CustomExercise
    from app.logbook.entries import EnrolmentRecord, LoggedSetRecord, SessionRecord
    from app.logbook.runs import RaceRecord
    from app.logbook.settings import Settings
    from app.session.plan import PlanItem, SessionPlan
    from app.storage.coaching_queries import CoachingReader
    from app.storage.queries import LogReader
    from app.storage.store import Store

# The setting that remembers "keep my place": {"program": slug, "session": uid
# of the last session with Nordics when the athlete declined}. A later
# session, and so a later layoff, is asked about afresh.
RESTART_DECLINED_SETTING = "restart_declined"
NORDIC_SLUG = "nordic-hamstring-curl"


def hamstring_slugs(catalog: Catalog, customs: Iterable[CustomExercise] = ()) -> set[str]:
    """What counts as hamstring work: the library's strength exercises, and the
    athlete's own exercises based on one of them."""
    strength = {e.slug for e in catalog.exercises if e.category == Category.STRENGTH}
    return strength | {e.slug for e in customs if e.based_on in strength}


@dataclass(frozen=True)
class DueLine:
    slug: str
    name: str
    dose: str  # "3 × 8-10 (rest 90 s)"
    advice: str = ""  # the suggestion and its reason, one line


@dataclass(frozen=True)
class Restart:
    """The restart after a layoff that Today applies: the program begins
    again on ``start_date`` at session ``first_day``, the first of program
    week ``week``, instead of session ``from_day`` (due before the break).
    ``last_session_uid``: the last session with Nordics, the key a decline
    is remembered by."""

    program_slug: str
    start_date: date
    first_day: int
    week: int
    from_day: int
    gap_days: int
    last_session_uid: str

    def declined_value(self) -> dict[str, str]:
        """What RESTART_DECLINED_SETTING stores when the athlete keeps their place."""
        return {"program": self.program_slug, "session": self.last_session_uid}


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
    notices: tuple[Notice, ...] = ()  # signs of overtraining, the restart after a layoff
    restart: Restart | None = None  # applied: due, label and strip are the restart's
    # The running week (app.usecases.week), None when the athlete has no runs,
    # planned runs or races (reader.has_running()).
    week: WeekPlan | None = None
    # Today is in this race's week: the session runs at half the sets.
    race: RaceRecord | None = None

    def plan(self, catalog: Catalog, customs: Sequence[CustomExercise] = ()) -> SessionPlan:
        """The due session as a plan the window runs, with the suggestions
        applied (in race week, at half the sets: ``halved``)."""
        from app.coaching.planning import plan_for_day

        assert self.due is not None, "a finished program has no session due"
        plan = plan_for_day(self.program, self.due.day_number, catalog, customs, self.targets)
        if self.race is not None:
            plan = halved(plan)
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


def _nordic_slugs(program: Program) -> set[str]:
    weeks = list(program.weeks) + ([program.maintenance] if program.maintenance else [])
    return {dose.slug for week in weeks for day in week.days for dose in day.exercises
            if dose.slug == NORDIC_SLUG or dose.progression == "nordic"}


def store_restart(store: Store, view: TodayView) -> None:
    """Store the restart Today applied (a new enrolment from its date at its
    first session), when the athlete starts the session it made due; nothing
    when there is none. Every way of starting Today's session calls this."""
    if view.restart is not None:
        store.restart_enrolment(view.restart.program_slug, view.restart.start_date,
                                view.restart.first_day)


def _restart(program: Program, enrolment: EnrolmentRecord, due: DueSession,
             coaching: CoachingReader, declined: Any, today: date,
             tz: tzinfo | None) -> tuple[Restart, Notice] | None:
    """The restart after a layoff, and its notice; None within the rule, when
    nothing would move, or when the athlete kept their place for this gap."""
    from app.coaching import schedule
    from app.coaching.watch import nordic_gap_notice

    nordics = _nordic_slugs(program)
    if not nordics:
        return None
    found = coaching.recent_hamstring_sessions(sorted(nordics), count=1)
    if not found:
        return None  # no Nordics yet: the first-exposure dose looks after that
    last = found[0][0]
    # An enrolment begun after the last Nordics (a restart stored, or a new
    # program) counts from its own start.
    since = max(local_date(last.started_at, tz), enrolment.start_date)
    weekdays = tuple(enrolment.weekdays)
    week = schedule.place_of_day(program, due.day_number, weekdays).week
    notice = nordic_gap_notice(since, week, today)
    if notice is None or notice.restart_week is None:
        return None
    first = schedule.first_day_of_week(program, notice.restart_week, weekdays)
    if first >= due.day_number:
        return None  # already at the start of that week: nothing to move
    restart = Restart(program.slug, today, first, notice.restart_week, due.day_number,
                      (today - since).days, last.uid)
    if declined == restart.declined_value():
        return None
    return restart, notice


def soreness_around(recent: Sequence[Sequence[LoggedSetRecord]],
                    coaching: CoachingReader) -> int | None:
    """The highest hamstring soreness known around the last session of
    ``recent`` (an exercise's sets, newest session first): that session's
    readiness answer and the quick notes since. None when none was given
    (the Nordic rule then keeps its target). Every path that suggests a
    Nordic target passes this to ``progression.suggest(soreness=...)``."""
    return _soreness_at(_last_session(recent, coaching), coaching)


def _last_session(recent: Sequence[Sequence[LoggedSetRecord]],
                  coaching: CoachingReader) -> SessionRecord | None:
    """The session of the newest sets in ``recent``, read once for both the
    soreness around it and the dose it prescribed."""
    sessions = [sets for sets in recent if sets]
    return coaching.session(sessions[0][0].session_id) if sessions else None


def _soreness_at(record: SessionRecord | None, coaching: CoachingReader) -> int | None:
    from app.coaching.readiness import stored_soreness

    if record is None:
        return None
    known = [stored_soreness(record.readiness)]
    known += [note.soreness for note in coaching.body_notes(record.started_at)]
    values = [v for v in known if v is not None]
    return max(values) if values else None


def _prescribed(dose: ExerciseDose, record: SessionRecord | None,
                program: Program) -> ExerciseDose | None:
    """The dose the last session (``record``) prescribed for ``dose``'s
    exercise, when it was a day of ``program``; else None."""
    if record is None or record.program_slug != program.slug or not record.program_day:
        return None
    try:
        _week, day = program.day(record.program_day)
    except ValueError:  # a day the program no longer has (edited since)
        return None
    return next((d for d in day.exercises if d.slug == dose.slug), None)


def build_today(program: Program, enrolment: EnrolmentRecord, reader: LogReader,
                coaching: CoachingReader, catalog: Catalog, settings: Settings, now: datetime,
                tz: tzinfo | None = None) -> TodayView:
    import dataclasses

    from app.coaching import schedule
    from app.coaching.planning import Target, day_label
    from app.coaching.progression import suggest
    from app.coaching.recovery import HARD_RUN_LOOKBACK, too_soon_for
    from app.coaching.watch import SLUMP_SESSIONS, WATCH_DAYS, overtraining_notice
    from app.coaching.words import dose_words

    today = local_date(now, tz)
    sessions = done_sessions(reader, enrolment, tz)
    start, weekdays = enrolment.start_date, tuple(enrolment.weekdays)
    first_day = enrolment.first_day
    due = schedule.next_due(program, start, weekdays,
                            {s.program_day for s in sessions if s.program_day}, today, first_day)
    notices: list[Notice] = []
    restart: Restart | None = None
    if due is not None:
        applied = _restart(program, enrolment, due, coaching,
                           reader.get_setting(RESTART_DECLINED_SETTING), today, tz)
        if applied is not None:
            # Applied: Today is what the restart enrolment from today will be.
            restart, gap = applied
            notices.append(gap)
            start, first_day = restart.start_date, restart.first_day
            sessions = [s for s in sessions if local_date(s.started_at, tz) >= start]
            due = schedule.next_due(program, start, weekdays,
                                    {s.program_day for s in sessions if s.program_day}, today,
                                    first_day)
    done_by_date: dict[date, list[int]] = {}
    for s in sessions:
        done_by_date.setdefault(local_date(s.started_at, tz), []).append(s.program_day or 0)
    strip = tuple(schedule.week_strip(program, start, weekdays, done_by_date, today, first_day))
    adherence = schedule.adherence(program, start, weekdays,
                                   sorted(local_date(s.started_at, tz) for s in sessions), today,
                                   first_day)
    week, race = _running_week(program, enrolment, reader, catalog, start, first_day, today, tz)
    customs = reader.custom_exercises()
    names = {e.slug: e.name for e in catalog.exercises} | {e.slug: e.name for e in customs}
    hamstrings = hamstring_slugs(catalog, customs)

    lines: list[DueLine] = []
    targets: dict[str, Target] = {}
    label = translate("today", "Program finished")
    if due is not None:
        _week, day = program.day(due.day_number)
        label = day_label(program, due.day_number, weekdays)
        for dose in day.exercises:
            advice = ""
            shown = dose
            if dose.progression != "none":
                recent = coaching.recent_sets(dose.slug)
                nordic = dose.progression == "nordic"
                last = _last_session(recent, coaching) if nordic else None
                soreness = _soreness_at(last, coaching) if nordic else None
                last_dose = _prescribed(dose, last, program) if nordic else None
                suggestion = suggest(dose, recent, units=settings.units,
                                     load_step=settings.load_step(),
                                     lowering_target_s=float(settings.lowering_s),
                                     soreness=soreness, last_dose=last_dose)
                targets[dose.slug] = Target(load_kg=suggestion.load_kg, reps=suggestion.reps,
                                            lowering_s=suggestion.lowering_s,
                                            reason=suggestion.reason, sets=suggestion.sets)
                advice = suggestion.reason
                if suggestion.sets is not None and suggestion.reps is not None:
                    # The line shows the dose the session will run (the first Nordics: 2 × 5).
                    shown = dataclasses.replace(dose, sets=suggestion.sets, reps=suggestion.reps,
                                                reps_per_set=None)
            if race is not None:  # the dose that will run: race week's half
                shown = dataclasses.replace(shown, sets=race_week_sets(shown.sets))
            lines.append(DueLine(dose.slug, names.get(dose.slug, dose.slug), dose_words(shown),
                                 advice))
    ease_off = overtraining_notice(
        coaching.recent_hamstring_sessions(hamstrings, count=SLUMP_SESSIONS),
        coaching.body_notes(now - timedelta(days=WATCH_DAYS + 1)), today, tz=tz,
        units=settings.units, names=names)
    if ease_off is not None:
        notices.insert(0, ease_off)
    # The 48-hour rule weighs the session due: only its heavy work counts.
    due_slugs = [] if due is None else [d.slug for d in program.day(due.day_number)[1].exercises]
    # A hard run done counts like a heavy session (app.coaching.recovery).
    hard_runs = reader.runs_between(now - HARD_RUN_LOOKBACK, now) if week is not None else []
    too_soon = too_soon_for(due_slugs, coaching, catalog, customs, now, tz, hard_runs)
    return TodayView(program=program, enrolment=enrolment, due=due, label=label,
                     lines=tuple(lines), strip=strip, adherence=adherence, targets=targets,
                     too_soon=too_soon, notices=tuple(notices), restart=restart, week=week,
                     race=race)


def _running_week(program: Program, enrolment: EnrolmentRecord, reader: LogReader,
                  catalog: Catalog, start: date, first_day: int, today: date,
                  tz: tzinfo | None) -> tuple[WeekPlan | None, RaceRecord | None]:
    """This week placed around the runs, and the race whose week today is in;
    (None, None) for an athlete with no runs, planned runs or races."""
    if not reader.has_running():
        return None, None
    from app.usecases.week import ProgramFollowed, race_of_week, weeks_for

    followed = ProgramFollowed(program, enrolment, start, first_day)
    week = weeks_for(reader, catalog, followed, today, tz)[0]
    return week, race_of_week(reader.races(since=today), today)


def race_week_sets(sets: int) -> int:
    """Race week's sets of a dose (app.coaching.running_week.race_week_sets)."""
    from app.coaching.running_week import race_week_sets as halve

    return halve(sets)


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


def halved(plan: SessionPlan) -> SessionPlan:
    """The main work of ``plan`` at race week's volume: half the sets
    (rounded up, never below one), the same reps and load (coaching
    convention: app.coaching.running_week.RACE_VOLUME)."""
    import dataclasses

    def halve(item: PlanItem) -> PlanItem:
        return dataclasses.replace(item, sets=race_week_sets(item.sets))

    blocks = tuple(dataclasses.replace(b, items=tuple(halve(i) for i in b.items))
                   if b.name == "main" else b for b in plan.blocks)
    title = translate("today", "{title} (race week: half the sets)").format(title=plan.title)
    return dataclasses.replace(plan, blocks=blocks, title=title)
