"""Body weight: pounds to kilograms, the weight on a day, the trend and loads
relative to body weight (issue 18, point 6)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.logbook.runs import BodyWeightRecord
from app.progress.body import (
    TREND_DAYS,
    body_weight_kg,
    body_weight_on,
    relative_load,
    relative_load_words,
    weight_trend,
    weight_words,
)

DAY = date(2026, 3, 2)


def test_pounds_become_kilograms_with_the_international_pound() -> None:
    # 0.45359237 kg exactly: the test fails if the pound used changes.
    assert body_weight_kg(160.0, "lb") == pytest.approx(72.5747792, abs=1e-9)
    assert body_weight_kg(72.5, "kg") == 72.5


def test_weight_words_in_the_athletes_unit() -> None:
    assert weight_words(72.5, "kg") == "72.5 kg"
    assert weight_words(body_weight_kg(160.0, "lb"), "lb") == "160 lb"


def _log(*entries: tuple[int, float]) -> list[BodyWeightRecord]:
    return [BodyWeightRecord(n + 1, DAY + timedelta(days=days), kg)
            for n, (days, kg) in enumerate(entries)]


def test_the_weight_on_a_day_is_the_latest_on_or_before_it() -> None:
    log = _log((0, 72.0), (10, 73.0))
    assert body_weight_on(log, DAY - timedelta(days=1)) is None
    assert body_weight_on(log, DAY) == 72.0
    assert body_weight_on(log, DAY + timedelta(days=9)) == 72.0
    assert body_weight_on(log, DAY + timedelta(days=10)) == 73.0
    assert body_weight_on(log, DAY + timedelta(days=400)) == 73.0
    assert body_weight_on([], DAY) is None


def test_the_trend_compares_with_the_weight_four_weeks_before_the_latest() -> None:
    assert weight_trend([]) is None
    log = _log((0, 74.0), (5, 73.8), (TREND_DAYS + 1, 73.0), (TREND_DAYS + 6, 72.5))
    trend = weight_trend(log)
    assert trend is not None
    assert trend.latest == log[-1]
    assert trend.earlier == log[1]          # the latest on or before 28 days earlier
    assert trend.change_kg == pytest.approx(-1.3)
    # One day less of log and there is nothing that far back to compare with.
    short = weight_trend(_log((0, 74.0), (TREND_DAYS - 1, 73.0)))
    assert short is not None and short.earlier is None and short.change_kg is None
    exact = weight_trend(_log((0, 74.0), (TREND_DAYS, 73.0)))
    assert exact is not None and exact.change_kg == pytest.approx(-1.0)


def test_a_load_relative_to_body_weight() -> None:
    assert relative_load(20.0, 80.0) == 25.0
    assert relative_load(-20.0, 80.0) == -25.0        # band assistance
    assert relative_load(20.0, None) is None
    assert relative_load_words(21.6, 80.0) == "27 % of body weight"
    assert relative_load_words(-20.0, 80.0) == "assistance: 25 % of body weight"
    assert relative_load_words(20.0, None) is None    # no weight logged: nothing guessed
    assert relative_load_words(0.0, 80.0) is None     # a bodyweight set
