"""Tempo notation, the phases of a cued rep, descent statistics."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.logbook.entries import TEMPO_PATTERN
from app.session.events import Phase
from app.session.tempo import (
    Tempo,
    descent_stats,
    lowering_tick_offsets,
    mean_descent,
    parse_tempo,
    rep_phases,
)


def test_parse_tempo() -> None:
    tempo = parse_tempo("5-0-3-0")
    assert tempo == Tempo(5, 0, 3, 0) == (5, 0, 3, 0)
    assert (tempo.lower_s, tempo.bottom_pause_s, tempo.lift_s, tempo.top_pause_s) == (5, 0, 3, 0)
    assert tempo.text == "5-0-3-0"
    assert parse_tempo(" 10-1-1-10 ") == Tempo(10, 1, 1, 10)


@pytest.mark.parametrize("text", ["", "5", "5-0-3", "5-0-3-0-1", "a-b-c-d", "11-0-3-0", "5-0-3-99",
                                  "5 0 3 0", "-1-0-3-0", "5.5-0-3-0"])
def test_parse_tempo_refuses_what_is_not_four_figures_of_0_to_10(text: str) -> None:
    with pytest.raises(ValueError, match="tempo"):
        parse_tempo(text)


@given(st.tuples(*[st.integers(0, 10)] * 4))
def test_tempo_text_round_trips_and_the_log_sheet_accepts_it(parts: tuple[int, int, int, int]) -> None:
    tempo = Tempo(*parts)
    assert parse_tempo(tempo.text) == tempo
    assert TEMPO_PATTERN.match(tempo.text)


def test_rep_phases_in_order_with_their_seconds() -> None:
    assert rep_phases(5, 3, get_ready_s=3, catch_s=1) == (
        (Phase.GET_READY, 3.0), (Phase.LOWERING, 5.0), (Phase.CATCH, 1.0), (Phase.RETURN, 3.0))


def test_rep_phases_leave_out_zero_length_phases() -> None:
    assert rep_phases(4, 2, get_ready_s=0, catch_s=0) == ((Phase.LOWERING, 4.0), (Phase.RETURN, 2.0))


@pytest.mark.parametrize(("lowering", "ticks"), [
    (5, (1, 2, 3, 4)), (2, (1,)), (10, tuple(range(1, 10))), (4.5, (1, 2, 3, 4)), (2.01, (1, 2)),
])
def test_a_tick_sounds_each_whole_second_before_the_end(lowering: float, ticks: tuple[int, ...]) -> None:
    assert lowering_tick_offsets(lowering) == ticks


def test_descent_statistics() -> None:
    stats = descent_stats([5.0, 2.4, 5.0, 3.7, 5.0])
    assert stats is not None
    assert stats.count == 5
    assert stats.mean_s == pytest.approx(4.22)
    assert (stats.shortest_s, stats.longest_s) == (2.4, 5.0)
    assert mean_descent([4, 6]) == 5
    assert descent_stats([]) is None
    assert mean_descent(()) is None
