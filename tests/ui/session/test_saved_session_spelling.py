"""A session in progress saved before issue 17 named its warm-up block
"warm-up"; it still resumes, its warm-up read as today's one spelling."""

from __future__ import annotations

import json
from pathlib import Path

from app.catalog.vocabulary import DoseKind
from app.kernel.clock import FakeClock
from app.logbook.entries import SetType
from app.session.engine import SessionEngine
from app.session.plan import Block, PlanItem, SessionPlan
from app.session.saved import load_saved_session, session_payload, write_saved_session


def _plan() -> SessionPlan:
    swings = PlanItem(slug="leg-swings", name="Leg swings", kind=DoseKind.REPS, sets=1, rest_s=30,
                      reps=(10, 10))
    curls = PlanItem(slug="glute-bridge", name="Glute bridge", kind=DoseKind.REPS, sets=2,
                     rest_s=60, reps=(12, 15))
    return SessionPlan.of("Bridges", warm_up=[swings], main=[curls])


def test_a_session_saved_with_the_old_warm_up_block_resumes(tmp_path: Path,
                                                             clock: FakeClock) -> None:
    plan = _plan()
    engine = SessionEngine(plan, clock)
    path = tmp_path / "session.json"
    payload = session_payload(plan, engine.snapshot(), session_id=3, saved_at=clock.now())
    assert [b["name"] for b in payload["plan"]["blocks"]] == ["warmup", "main"]  # written today
    payload["plan"]["blocks"][0]["name"] = "warm-up"                             # written before
    write_saved_session(path, payload)
    assert json.loads(path.read_text(encoding="utf-8"))["plan"]["blocks"][0]["name"] == "warm-up"

    saved = load_saved_session(path)
    assert saved is not None  # resumed, not dropped as damaged
    assert [b.name for b in saved.plan.blocks] == [Block.WARM_UP, Block.MAIN]
    resumed = SessionEngine.restore(saved.snapshot, saved.plan, clock)
    assert resumed.plan.block_of(0) == SetType.WARMUP == "warmup"
