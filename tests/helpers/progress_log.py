"""Weeks of hamstring training logged for the progress views."""

from __future__ import annotations

from app.kernel.clock import FakeClock
from app.logbook.entries import SetEntry
from app.storage.store import Store

RDL = "romanian-deadlift"


NORDIC = "nordic-hamstring-curl"


SLDL = "single-leg-deadlift"


BRIDGE = "glute-bridge"


NAMES = [(RDL, "Romanian deadlift"), (NORDIC, "Nordic hamstring curl"), (SLDL, "Single-leg deadlift"),
         (BRIDGE, "Glute bridge")]


HAMSTRINGS = [RDL, NORDIC, SLDL, BRIDGE]


def log_weeks(store: Store, clock: FakeClock, weeks: int = 6) -> None:
    """Two sessions a week: RDL getting heavier, Nordics, single-leg deadlifts per side."""
    for week in range(weeks):
        for day in (0, 3):
            session = store.start_session(title="Hamstrings")
            entries = [SetEntry(RDL, 1, reps=8, load=60 + 2.5 * week),
                       SetEntry(RDL, 2, reps=6, load=65 + 2.5 * week),
                       SetEntry(NORDIC, 1, reps=4, descent_s=(3.0 + week * 0.2, 3.0, 2.8, 2.5)),
                       SetEntry(SLDL, 1, side="left", reps=8, load=20),
                       SetEntry(SLDL, 1, side="right", reps=7, load=20),
                       SetEntry(BRIDGE, 1, reps=15)]
            for entry in entries:
                clock.advance(90)
                store.log_set(session.id, entry)
            store.end_session(session.id)
            clock.advance(3 * 86400 if day == 0 else 4 * 86400 - len(entries) * 180)
