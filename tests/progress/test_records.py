"""Personal record rules (app.progress.records): pure, no database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.logbook.entries import KG_PER_LB
from app.progress.records import (
    BEST_MEAN_DESCENT,
    E1RM,
    HEAVIEST,
    LONGEST_DESCENT,
    MOST_REPS,
    PersonalRecord,
    RecordBook,
    SetFacts,
    describe_record,
    epley_1rm,
    find_records,
    format_load,
    format_record_values,
    record_key,
    records_set_in,
    set_values,
)

RDL = "romanian-deadlift"
NORDIC = "nordic-hamstring-curl"
BRIDGE = "glute-bridge"
SLDL = "single-leg-deadlift"
T0 = datetime(2025, 3, 3, 18, 0, tzinfo=UTC)
NAMES = {RDL: "Romanian deadlift", NORDIC: "Nordic hamstring curl", BRIDGE: "Glute bridge",
         SLDL: "Single-leg deadlift"}


def a_set(set_id: int, slug: str = RDL, *, reps: int | None = 8, load_kg: float | None = 80.0,
          minutes: float | None = None, session_id: int = 1, side: str = "both",
          load_unit: str = "kg", set_type: str = "working",
          descent_s: tuple[float, ...] | None = None) -> SetFacts:
    logged_at = T0 + timedelta(minutes=set_id if minutes is None else minutes)
    return SetFacts(set_id=set_id, session_id=session_id, exercise_slug=slug, side=side, reps=reps,
                    load_kg=load_kg, load_unit=load_unit, set_type=set_type, descent_s=descent_s,
                    logged_at=logged_at)


def by_key(records: list[PersonalRecord]) -> dict[tuple[str, str, int | None], PersonalRecord]:
    return {r.key: r for r in records}


# -- Epley --------------------------------------------------------------------------


def test_epley_is_load_times_one_plus_reps_over_30() -> None:
    assert epley_1rm(100.0, 8) == pytest.approx(100 * (1 + 8 / 30))
    assert epley_1rm(60.0, 10) == pytest.approx(80.0)


def test_epley_of_a_single_rep_is_the_load_itself() -> None:
    assert epley_1rm(120.0, 1) == 120.0


@pytest.mark.parametrize(("load", "reps"), [(100.0, 0), (100.0, -1), (0.0, 5), (-15.0, 5)])
def test_epley_has_no_estimate_without_reps_or_without_load(load: float, reps: int) -> None:
    assert epley_1rm(load, reps) is None


# -- what a set offers ------------------------------------------------------------------


def test_a_warm_up_offers_nothing_even_when_heavier() -> None:
    assert set_values(a_set(1, load_kg=200.0, set_type="warmup")) == []


def test_a_loaded_working_set_competes_for_heaviest_e1rm_and_most_reps() -> None:
    values = dict(set_values(a_set(1, reps=5, load_kg=100.0)))
    assert values == {(HEAVIEST, RDL, 5): 100.0, (E1RM, RDL, None): pytest.approx(100 * (1 + 5 / 30)),
                      (MOST_REPS, RDL, None): 5.0}


@pytest.mark.parametrize("load", [None, 0.0, -20.0])
def test_bodyweight_and_band_assisted_sets_only_count_for_reps(load: float | None) -> None:
    assert dict(set_values(a_set(1, BRIDGE, reps=15, load_kg=load))) == {(MOST_REPS, BRIDGE, None): 15.0}


def test_a_drop_set_counts() -> None:
    assert set_values(a_set(1, set_type="drop"))


def test_descent_times_give_the_longest_rep_and_the_mean() -> None:
    values = dict(set_values(a_set(1, NORDIC, reps=3, load_kg=None, descent_s=(6.0, 5.0, 4.0))))
    assert values[(LONGEST_DESCENT, NORDIC, None)] == 6.0
    assert values[(BEST_MEAN_DESCENT, NORDIC, None)] == pytest.approx(5.0)


def test_a_set_without_reps_or_descents_offers_nothing() -> None:
    assert set_values(a_set(1, reps=None, load_kg=80.0, descent_s=())) == []


def test_descents_count_even_without_a_rep_count() -> None:
    values = dict(set_values(a_set(1, NORDIC, reps=None, load_kg=None, descent_s=(3.0,))))
    assert set(values) == {(LONGEST_DESCENT, NORDIC, None), (BEST_MEAN_DESCENT, NORDIC, None)}


# -- breaking records -----------------------------------------------------------------


def test_the_first_set_sets_every_record_with_nothing_before() -> None:
    records = find_records([a_set(1, reps=8, load_kg=80.0)])
    assert {r.kind for r in records} == {HEAVIEST, E1RM, MOST_REPS}
    assert all(r.previous is None and r.set_id == 1 for r in records)


def test_a_heavier_set_breaks_the_record_and_remembers_what_it_beat() -> None:
    records = by_key(find_records([a_set(1, load_kg=80.0), a_set(2, load_kg=82.5)]))
    heaviest = records[(HEAVIEST, RDL, 8)]
    assert (heaviest.value, heaviest.previous, heaviest.set_id) == (82.5, 80.0, 2)


def test_a_tie_does_not_break_a_record() -> None:
    records = by_key(find_records([a_set(1, load_kg=80.0), a_set(2, load_kg=80.0, session_id=2)]))
    assert records[(HEAVIEST, RDL, 8)].set_id == 1
    assert records[(E1RM, RDL, None)].set_id == 1
    assert records[(MOST_REPS, RDL, None)].set_id == 1


def test_heaviest_is_kept_per_rep_count() -> None:
    records = by_key(find_records([a_set(1, reps=5, load_kg=100.0), a_set(2, reps=8, load_kg=85.0),
                                   a_set(3, reps=5, load_kg=97.5)]))
    assert records[(HEAVIEST, RDL, 5)].value == 100.0
    assert records[(HEAVIEST, RDL, 8)].value == 85.0
    assert records[(HEAVIEST, RDL, 8)].reps == 8


def test_the_e1rm_record_can_come_from_a_lighter_set_with_more_reps() -> None:
    records = by_key(find_records([a_set(1, reps=1, load_kg=100.0), a_set(2, reps=10, load_kg=80.0)]))
    e1rm = records[(E1RM, RDL, None)]
    assert (e1rm.set_id, e1rm.previous) == (2, 100.0)
    assert e1rm.value == pytest.approx(80 * (1 + 10 / 30))
    assert e1rm.load_kg == 80.0


def test_most_reps_counts_bodyweight_sets() -> None:
    records = by_key(find_records([a_set(1, BRIDGE, reps=15, load_kg=None),
                                   a_set(2, BRIDGE, reps=20, load_kg=None)]))
    assert records[(MOST_REPS, BRIDGE, None)].value == 20
    assert records[(MOST_REPS, BRIDGE, None)].previous == 15
    assert (HEAVIEST, BRIDGE, 20) not in records


def test_warm_ups_never_hold_a_record() -> None:
    records = by_key(find_records([a_set(1, load_kg=60.0), a_set(2, load_kg=140.0, set_type="warmup")]))
    assert records[(HEAVIEST, RDL, 8)].set_id == 1


def test_descent_records_need_strictly_longer_times() -> None:
    sets = [a_set(1, NORDIC, reps=2, load_kg=None, descent_s=(5.0, 4.0)),
            a_set(2, NORDIC, reps=2, load_kg=None, descent_s=(5.0, 3.0)),       # ties the longest
            a_set(3, NORDIC, reps=2, load_kg=None, descent_s=(4.6, 4.6))]       # better mean only
    records = by_key(find_records(sets))
    assert records[(LONGEST_DESCENT, NORDIC, None)].set_id == 1
    mean = records[(BEST_MEAN_DESCENT, NORDIC, None)]
    assert (mean.set_id, mean.previous) == (3, 4.5)
    assert mean.value == pytest.approx(4.6)


def test_sides_compete_for_the_same_record_and_the_record_says_which_side() -> None:
    records = by_key(find_records([a_set(1, SLDL, side="left", load_kg=24.0),
                                   a_set(2, SLDL, side="right", load_kg=26.0)]))
    assert records[(HEAVIEST, SLDL, 8)].side == "right"
    assert records[(HEAVIEST, SLDL, 8)].previous == 24.0


def test_a_pound_entry_is_compared_in_kg_and_keeps_its_unit() -> None:
    in_lb = 185 * KG_PER_LB   # 83.9 kg
    records = by_key(find_records([a_set(1, load_kg=82.5), a_set(2, load_kg=in_lb, load_unit="lb")]))
    heaviest = records[(HEAVIEST, RDL, 8)]
    assert (heaviest.value, heaviest.load_unit, heaviest.previous) == (in_lb, "lb", 82.5)


def test_records_follow_the_order_sets_were_logged_not_the_order_given() -> None:
    later, earlier = a_set(1, load_kg=100.0, minutes=60), a_set(2, load_kg=90.0, minutes=0)
    heaviest = by_key(find_records([later, earlier]))[(HEAVIEST, RDL, 8)]
    assert (heaviest.set_id, heaviest.previous) == (1, 90.0)


def test_sets_logged_at_the_same_moment_are_taken_in_id_order() -> None:
    first, second = a_set(7, load_kg=100.0, minutes=5), a_set(9, load_kg=100.0, minutes=5)
    assert by_key(find_records([second, first]))[(HEAVIEST, RDL, 8)].set_id == 7


def test_the_book_reports_each_record_a_set_breaks() -> None:
    book = RecordBook()
    assert {r.kind for r in book.offer(a_set(1, reps=5, load_kg=100.0))} == {HEAVIEST, E1RM, MOST_REPS}
    assert book.offer(a_set(2, reps=5, load_kg=100.0)) == []
    broken = book.offer(a_set(3, reps=6, load_kg=100.0))
    assert sorted((r.kind, r.previous) for r in broken) == [
        (E1RM, epley_1rm(100.0, 5)), (HEAVIEST, None), (MOST_REPS, 5.0)]


def test_no_sets_no_records() -> None:
    assert find_records([]) == []


# -- one session against what came before ------------------------------------------------


def test_a_session_reports_one_record_per_key_against_the_best_before_it() -> None:
    before = {record_key(HEAVIEST, RDL, 8): 80.0, record_key(E1RM, RDL): 200.0,
              record_key(MOST_REPS, RDL): 12.0}
    session = [a_set(1, load_kg=82.5), a_set(2, load_kg=85.0), a_set(3, load_kg=85.0)]
    records = records_set_in(session, before)
    assert [(r.kind, r.value, r.previous, r.set_id) for r in records] == [(HEAVIEST, 85.0, 80.0, 2)]


def test_a_session_that_only_ties_sets_no_record() -> None:
    assert records_set_in([a_set(1, load_kg=80.0)], {record_key(HEAVIEST, RDL, 8): 80.0,
                                                    record_key(E1RM, RDL): 500.0,
                                                    record_key(MOST_REPS, RDL): 8.0}) == []


def test_a_first_time_in_a_session_is_a_record_with_nothing_before() -> None:
    records = records_set_in([a_set(1, BRIDGE, reps=12, load_kg=None)], {})
    assert [(r.kind, r.previous) for r in records] == [(MOST_REPS, None)]


def test_warm_ups_in_a_session_set_no_record() -> None:
    assert records_set_in([a_set(1, set_type="warmup")], {}) == []


# -- words ------------------------------------------------------------------------------


def _record(kind: str, value: float, previous: float | None, **more: object) -> PersonalRecord:
    fields: dict[str, object] = {
        "kind": kind, "exercise_slug": RDL, "value": value, "reps": 8, "side": "both",
        "set_id": 1, "session_id": 1, "achieved_at": T0, "load_unit": "kg", "previous": previous}
    fields.update(more)
    return PersonalRecord(**fields)  # type: ignore[arg-type]


def test_describe_a_heavier_lift_in_kg() -> None:
    text = describe_record(_record(HEAVIEST, 82.5, 80.0), "kg", NAMES.__getitem__)
    assert text == "Romanian deadlift: heaviest for 8 reps, 82.5 kg (was 80 kg)"


def test_describe_in_pounds_rounds_to_a_tenth() -> None:
    text = describe_record(_record(HEAVIEST, 82.5, 80.0), "lb", NAMES.__getitem__)
    assert text == "Romanian deadlift: heaviest for 8 reps, 181.9 lb (was 176.4 lb)"


def test_a_load_entered_in_pounds_reads_back_exactly() -> None:
    assert format_load(185 * KG_PER_LB, "lb") == "185 lb"


def test_describe_a_first_record_a_single_rep_and_a_side() -> None:
    text = describe_record(_record(HEAVIEST, 30.0, None, reps=1, side="left",
                                   exercise_slug=SLDL), "kg", NAMES.__getitem__)
    assert text == "Single-leg deadlift (left): heaviest for 1 rep, 30 kg (first)"


@pytest.mark.parametrize(("kind", "value", "previous", "expected"), [
    (E1RM, 104.53, 101.0, "best estimated 1RM, 104.5 kg (was 101 kg)"),
    (MOST_REPS, 20.0, 18.0, "most reps in a set, 20 (was 18)"),
    (LONGEST_DESCENT, 7.4, 7.1, "longest controlled descent, 7.4 s (was 7.1 s)"),
    (BEST_MEAN_DESCENT, 6.25, None, "best mean descent over a set, 6.2 s (first)"),
])
def test_describe_every_kind(kind: str, value: float, previous: float | None, expected: str) -> None:
    text = describe_record(_record(kind, value, previous), "kg", NAMES.__getitem__)
    assert text == f"Romanian deadlift: {expected}"


def test_a_second_decimal_when_record_and_previous_would_read_the_same() -> None:
    text = describe_record(_record(BEST_MEAN_DESCENT, 6.71, 6.66), "kg", NAMES.__getitem__)
    assert text.endswith("best mean descent over a set, 6.71 s (was 6.66 s)")
    text = describe_record(_record(HEAVIEST, 57.515, 57.5), "kg", NAMES.__getitem__)
    assert text.endswith("57.52 kg (was 57.5 kg)")
    assert format_record_values(_record(HEAVIEST, 60.0, 57.5), "kg") == ("60 kg", "57.5 kg")
    assert format_record_values(_record(MOST_REPS, 9.0, None), "kg") == ("9", None)


def test_describe_falls_back_to_the_slug_without_names() -> None:
    assert describe_record(_record(MOST_REPS, 9.0, None), "kg").startswith("romanian-deadlift: ")


# -- the book against the definition ---------------------------------------------------------


_sets = st.lists(
    st.builds(
        lambda n, slug, reps, load, kind, minutes, descents: (slug, reps, load, kind, minutes, descents),
        st.integers(),
        st.sampled_from([RDL, NORDIC]),
        st.one_of(st.none(), st.integers(0, 6)),
        st.one_of(st.none(), st.sampled_from([-10.0, 0.0, 40.0, 60.0, 62.5, 80.0])),
        st.sampled_from(["working", "drop", "warmup"]),
        st.integers(0, 20),
        st.one_of(st.none(), st.lists(st.sampled_from([2.0, 3.5, 5.0, 6.0]), max_size=4).map(tuple)),
    ),
    max_size=25,
)


@settings(max_examples=150, deadline=None)
@given(_sets)
def test_every_record_is_the_first_set_to_reach_the_best_value(raw: list[tuple[Any, ...]]) -> None:
    sets = [a_set(n, slug, reps=reps, load_kg=load, set_type=kind, minutes=minutes, descent_s=descents)
            for n, (slug, reps, load, kind, minutes, descents) in enumerate(raw, start=1)]
    offers: dict[tuple[str, str, int | None], list[tuple[datetime, int, float]]] = {}
    for s in sets:
        for key, value in set_values(s):
            offers.setdefault(key, []).append((s.logged_at, s.set_id, value))
    records = by_key(find_records(sets))
    assert set(records) == set(offers)
    for key, candidates in offers.items():
        best = max(value for _, _, value in candidates)
        when, set_id, _ = min((t, i, v) for t, i, v in candidates if v == best)
        earlier = [v for t, i, v in candidates if (t, i) < (when, set_id)]
        record = records[key]
        assert (record.value, record.set_id) == (best, set_id)
        assert record.previous == (max(earlier) if earlier else None)
