"""What `hamstride session` asks the window to start.

The command line builds it (app.cli.session) and the window reads it
(app.ui.shell.application): it sits below both, so the window needs nothing
from the command line, which is the entry point above it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.coaching.book import ProgramBook
    from app.session.plan import SessionPlan
    from app.usecases.today import TodayView


@dataclass(frozen=True)
class SessionRequest:
    """What `hamstride session` asks the window to start."""

    plan: SessionPlan
    time_scale: float = 1.0
    keep_tempo: bool = False  # an explicit --tempo wins over the athlete's settings
    # The program session it is (--program/--day), so the logged session records it.
    program_slug: str | None = None
    program_day: int | None = None
    # Whether the command line made the start checks (the 48-hour rule, the
    # readiness check: app.cli.start). It does not when an interrupted
    # session is waiting, which the window offers first: then the window
    # makes them (MainWindow.begin_session), so the plan never starts unchecked.
    checks_done: bool = False
    targets_applied: bool = False  # the plan carries its progression targets already
    # Today as it is for the program followed, when the session is one of its
    # days: the due day comes from it, and starting its due session stores
    # the restart after a layoff it applied (app.usecases.today.store_restart).
    today: TodayView | None = field(default=None, compare=False, repr=False)
    # The programs and the library --program was looked up in: the start
    # checks use them again rather than parse the library's TOML a second time.
    book: ProgramBook | None = field(default=None, compare=False, repr=False)
