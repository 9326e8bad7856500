"""`hamstride session` asks what the window asks before a session starts.

The rules are app.usecases.session_start's, as on every other path: the progression
targets, the 48-hour rule and the readiness check. On a terminal the
command asks the questions; else it takes the answers from ``--readiness``;
else it refuses with the reason (exit status 2). A session too soon after
the last heavy one is refused with the reason unless ``--anyway``; after a
red flag or soreness from 7 it starts only with ``--anyway`` (or a yes on
the terminal), and then without its heavy work. It never starts silently:
what starts, and why it differs from the plan, is printed first.

The command line is English by design (as the rest of app.cli).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from app.coaching.readiness import (
    QUESTIONS,
    SORENESS_RANGE,
    PainLevel,
    Question,
    ReadinessAnswers,
    ReadinessError,
)

if TYPE_CHECKING:
    from app.catalog.model import Catalog
    from app.coaching.model import Program
    from app.logbook.custom_exercises import CustomExercise
    from app.logbook.settings import Settings
    from app.session.plan import SessionPlan
    from app.storage.coaching_queries import CoachingReader
    from app.storage.queries import LogReader
    from app.usecases.session_start import StartCheck
    from app.usecases.today import TodayView

EXIT_REFUSED = 2

# --readiness keys, the answer each fills, and how it is written.
_KEYS = {"soreness": "soreness", "pain": "pain", "sharp": "sharp_pain", "numbness": "numbness",
         "walk": "can_walk", "run-pain": "run_pain"}
READINESS_FORMAT = ("soreness=N,pain=none|mild|more,sharp=yes|no,numbness=yes|no,walk=yes|no,"
                    "run-pain=none|mild|more")
_YES = {"yes": True, "y": True, "no": False, "n": False}


class StartRefused(Exception):
    """The session does not start, for a reason the athlete is told in one
    line (exit status 2)."""

    exit_code = EXIT_REFUSED


@dataclass(frozen=True)
class Terminal:
    """Where the questions go and the answers come from (a tty, or a test's)."""

    ask: Callable[[str], str]  # prints the prompt, returns the line typed; EOFError at the end
    say: Callable[[str], None]


def parse_readiness(text: str) -> ReadinessAnswers:
    """The answers of ``--readiness``: every key once, as READINESS_FORMAT
    writes them. StartRefused names what is wrong."""
    given: dict[str, str] = {}
    for part in (p.strip() for p in text.split(",")):
        key, sep, value = part.partition("=")
        key, value = key.strip().lower(), value.strip().lower()
        if not sep or key not in _KEYS:
            raise StartRefused(f"--readiness: {part!r} is not one of {', '.join(_KEYS)} "
                               f"with a value (give {READINESS_FORMAT})")
        if key in given:
            raise StartRefused(f"--readiness: {key} is given twice")
        given[key] = value
    missing = [key for key in _KEYS if key not in given]
    if missing:
        raise StartRefused(f"--readiness: {', '.join(missing)} missing (give {READINESS_FORMAT})")
    values: dict[str, Any] = {}
    for key, field in _KEYS.items():
        value = given[key]
        if key == "soreness":
            low, high = SORENESS_RANGE
            if not value.isdigit() or not low <= int(value) <= high:
                raise StartRefused(f"--readiness: soreness must be a whole number from {low} to "
                                   f"{high}, got {value!r}")
            values[field] = int(value)
        elif key in ("pain", "run-pain"):
            if value not in {p.value for p in PainLevel}:
                raise StartRefused(f"--readiness: {key} must be none, mild or more, got {value!r}")
            values[field] = PainLevel(value)
        else:
            if value not in _YES:
                raise StartRefused(f"--readiness: {key} must be yes or no, got {value!r}")
            values[field] = _YES[value]
    try:
        return ReadinessAnswers(**values)
    except ReadinessError as exc:  # the checks above should have caught it
        raise StartRefused(f"--readiness: {exc}") from None


def ask_readiness(terminal: Terminal) -> ReadinessAnswers:
    """The questions of the readiness check, one by one; Enter takes the default."""
    terminal.say("Before you start: a quick check. Your answers are kept with the session.")
    values = {question.key: _ask(terminal, question) for question in QUESTIONS}
    return ReadinessAnswers(**values)


def _ask(terminal: Terminal, question: Question) -> Any:
    if question.kind == "scale":
        low, high = question.options[0].value, question.options[-1].value
        prompt = f"{question.text} {question.help} ({low}-{high}) [{question.default}]: "
    elif question.kind == "choice":
        choices = " / ".join(f"{o.value} ({o.label})" if o.label.lower() != str(o.value) else
                             str(o.value) for o in question.options)
        prompt = f"{question.text} {choices} [{question.default}]: "
    else:
        prompt = f"{question.text} [y/n, Enter: {'y' if question.default else 'n'}]: "
    while True:
        try:
            line = terminal.ask(prompt).strip().lower()
        except EOFError:
            raise StartRefused("the readiness check was not answered: nothing started") from None
        if not line:
            return question.default
        if question.kind == "scale" and line.isdigit() and low <= int(line) <= high:
            return int(line)
        if question.kind == "choice":
            for option in question.options:
                if line == str(option.value):
                    return option.value
        if question.kind == "yes-no" and line in _YES:
            return _YES[line]
        terminal.say("  Please answer with one of the choices shown (Enter takes the one in "
                      "brackets).")


def confirm(terminal: Terminal, question: str, default: bool = False) -> bool:
    while True:
        try:
            line = terminal.ask(f"{question} [{'Y/n' if default else 'y/N'}]: ").strip().lower()
        except EOFError:
            return False
        if not line:
            return default
        if line in _YES:
            return _YES[line]
        terminal.say("  Please answer y or n.")


def program_plan(program: Program, day: int, reader: LogReader, coaching: CoachingReader,
                 catalog: Catalog, settings: Settings, now: datetime,
                 today: TodayView | None = None,
                 customs: Sequence[CustomExercise] | None = None) -> SessionPlan:
    """Session ``day`` of ``program`` with its progression targets: the
    session due of the program followed exactly as Today has it (the same
    view, so the same targets: ``today``, else built here), any other day
    with each dose's own rule."""
    from app.coaching.planning import plan_for_day
    from app.usecases.session_start import target_for

    if customs is None:
        customs = reader.custom_exercises()
    view = today
    if view is None:
        enrolment = reader.active_enrolment()
        if enrolment is not None and enrolment.program_slug == program.slug:
            from app.usecases.today import build_today

            view = build_today(program, enrolment, reader, coaching, catalog, settings, now,
                               now.tzinfo)
    if view is not None and view.program.slug == program.slug and view.due is not None \
            and view.due.day_number == day:
        return view.plan(catalog, customs)
    _week, program_day = program.day(day)
    targets = {dose.slug: target_for(dose, coaching, settings)
               for dose in program_day.exercises if dose.progression != "none"}
    plan = plan_for_day(program, day, catalog, customs, targets)
    return dataclasses.replace(plan, program_slug=program.slug, program_day=day)


def decide(check: StartCheck, *, answers: ReadinessAnswers | None, anyway: bool,
           terminal: Terminal | None, catalog: Catalog,
           customs: Sequence[CustomExercise]) -> SessionPlan | None:
    """The plan that starts, after the 48-hour rule and the readiness check,
    or None when the athlete chose on the terminal not to start.
    StartRefused when it cannot start and cannot ask."""
    from app.usecases.session_start import lighter_by_default, session_to_run

    if check.too_soon is not None and not anyway:
        notice = check.too_soon
        if terminal is None:
            raise StartRefused(f"{notice.title}: {'; '.join(notice.numbers)}. A full rest day "
                               "between heavy sessions is the rule; start anyway with --anyway")
        terminal.say(f"Wait: {notice.title}. {notice.text}")
        if not confirm(terminal, "Start anyway?"):
            terminal.say("Nothing started: today stays for other work.")
            return None
    if answers is None:
        if terminal is None:
            raise StartRefused("the readiness check needs answers and there is no terminal to "
                               f"ask on: give --readiness {READINESS_FORMAT}")
        answers = ask_readiness(terminal)
    to_run = session_to_run(check, answers, lighter=False, catalog=catalog, customs=customs)
    guidance = to_run.guidance
    say = terminal.say if terminal is not None else print
    say(f"Guidance: {guidance.title}. {guidance.text}")
    if guidance.holds_back_heavy_work:
        if to_run.plan is None:
            raise StartRefused(to_run.note)
        if not anyway:
            if terminal is None:
                raise StartRefused(f"{guidance.title}: the guidance is not to train today; "
                                   "--anyway starts the session without its heavy work")
            say(to_run.note)
            if not confirm(terminal, "Start anyway, without the heavy work?"):
                say("Nothing started.")
                return None
    elif lighter_by_default(guidance):
        lighter = True  # an easy day is lighter unless the athlete declines it
        if terminal is not None:
            lighter = confirm(terminal, "Make the session lighter (one set fewer, a fifth less "
                              "load)?", default=True)
        to_run = session_to_run(check, answers, lighter=lighter, catalog=catalog,
                                customs=customs)
    assert to_run.plan is not None
    say(f"Starting: {to_run.plan.title}")
    if to_run.note:
        say(f"  {to_run.note}")
    for advice in check.advice:
        say(f"  {advice.name}: {advice.reason}")
    return to_run.plan


def checked_plan(plan: SessionPlan, *, program: Program | None, day: int | None,
                 reader: LogReader, coaching: CoachingReader, catalog: Catalog,
                 settings: Settings, now: datetime, answers: ReadinessAnswers | None,
                 anyway: bool, terminal: Terminal | None,
                 today: TodayView | None = None, keep_tempo: bool = False) -> SessionPlan | None:
    """The command line's start path: ``plan`` (or ``program``'s ``day``,
    from ``today``'s view when it is the session due) through
    app.usecases.session_start and the questions. None: not started, by the
    athlete's choice."""
    from app.usecases.session_start import check_start

    customs = reader.custom_exercises()
    if program is not None and day is not None:
        plan = program_plan(program, day, reader, coaching, catalog, settings, now, today,
                            customs)
    check = check_start(plan, coaching, catalog, customs, settings, now, now.tzinfo,
                        targets_applied=program is not None, keep_tempo=keep_tempo)
    return decide(check, answers=answers, anyway=anyway, terminal=terminal, catalog=catalog,
                  customs=customs)

