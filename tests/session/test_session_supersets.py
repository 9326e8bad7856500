"""Supersets: two exercises done alternately, set by set, resting after each pair."""

from __future__ import annotations

import pytest

from app.catalog.vocabulary import DoseKind
from app.kernel.clock import FakeClock
from app.session.engine import SessionEngine
from app.session.events import SessionFinished, State
from app.session.plan import PlanItem, SessionPlan


def _item(slug: str, superset: str | None, sets: int = 2, sides: str = "both") -> PlanItem:
    return PlanItem(slug, slug.replace("-", " "), DoseKind.REPS, sets, 60, reps=(8, 10), sides=sides,
                    superset=superset)


def _do_set(engine: SessionEngine, clock: FakeClock) -> None:
    if engine.state is State.READY:  # the other side of a set starts by itself
        engine.start_set()
    clock.advance(30)
    engine.finish_set()
    engine.confirm_set()


def test_a_superset_alternates_and_rests_after_each_pair() -> None:
    clock = FakeClock()
    plan = SessionPlan.of(main=[_item("glute-bridge", "A"), _item("stability-ball-hamstring-curl", "A"),
                                _item("romanian-deadlift", None)])
    engine = SessionEngine(plan, clock)
    order = []
    rests = []
    while engine.state is not State.SUMMARY:
        order.append(engine.position[:2])
        _do_set(engine, clock)
        rests.append(engine.state is State.RESTING)
        if engine.state is State.RESTING:
            engine.skip_rest()
    assert order == [(0, 1), (1, 1), (0, 2), (1, 2), (2, 1), (2, 2)]
    # No rest between the two exercises of a round; a rest after each pair.
    assert rests == [False, True, False, True, True, False]


def test_one_side_exercises_in_a_superset_do_both_sides_before_the_partner() -> None:
    clock = FakeClock()
    plan = SessionPlan.of(main=[_item("single-leg-deadlift", "A", sides="left-right"),
                                _item("glute-bridge", "A")])
    engine = SessionEngine(plan, clock, switch_side_s=0)
    seen = []
    while engine.state is not State.SUMMARY:
        seen.append(engine.position)
        _do_set(engine, clock)
        if engine.state is State.RESTING:
            engine.skip_rest()
    assert seen == [(0, 1, "left"), (0, 1, "right"), (1, 1, "both"),
                    (0, 2, "left"), (0, 2, "right"), (1, 2, "both")]


def test_a_restored_superset_carries_on_in_the_same_order() -> None:
    clock = FakeClock()
    plan = SessionPlan.of(main=[_item("glute-bridge", "A"), _item("stability-ball-hamstring-curl", "A")])
    engine = SessionEngine(plan, clock)
    _do_set(engine, clock)  # glute bridge set 1
    restored = SessionEngine.restore(engine.snapshot(), plan, clock)
    assert restored.position[:2] == (1, 1)
    finished = []
    restored.subscribe(lambda e: finished.append(e) if isinstance(e, SessionFinished) else None)
    while restored.state is not State.SUMMARY:
        _do_set(restored, clock)
        if restored.state is State.RESTING:
            restored.skip_rest()
    assert finished and finished[0].sets_logged == 4


@pytest.mark.parametrize("labels", [("A", None, None), ("A", None, "A"), ("A", "A", "A")])
def test_a_superset_label_must_join_exactly_two_neighbours(labels: tuple[str | None, ...]) -> None:
    items = [_item(f"exercise-{n}", label) for n, label in enumerate(labels)]
    with pytest.raises(ValueError, match="superset"):
        SessionPlan.of(main=items)
