"""The tag guessed at import (issue 18): title words, then the pace's
variation, then the length; the week's longest of three runs or more."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from app.exchange.runs import guess_tag, longest_of_week, pace_cv, title_tag
from app.exchange.runs.tags import LONG_RUN_S, QUALITY_PACE_CV
from app.logbook.runs import RunEntry, RunTag


@pytest.mark.parametrize(("title", "tag"), [
    ("Sunday Long Run", RunTag.LONG), ("tempo", RunTag.QUALITY),
    ("6x800 intervals", RunTag.QUALITY), ("City Race", RunTag.RACE),
    ("Bushy parkrun", RunTag.RACE), ("easy", RunTag.EASY), ("Recovery jog", RunTag.EASY),
    ("long race", RunTag.RACE), ("long tempo", RunTag.QUALITY), ("long easy", RunTag.LONG),
    ("Morning Run", None), ("2025-06-01-longrun.fit", None), ("", None),
    ("2025-06-01-long.fit", RunTag.LONG)])
def test_title_words(title: str, tag: RunTag | None) -> None:
    assert title_tag(title) is tag


def test_the_title_comes_first() -> None:
    assert guess_tag("easy", 20000, 2 * 3600, 0.3) is RunTag.EASY


def test_pace_variation_at_its_boundary() -> None:
    assert QUALITY_PACE_CV == 0.08
    assert guess_tag("Run", 10000, 3000, 0.08) is RunTag.QUALITY
    assert guess_tag("Run", 10000, 3000, 0.0799) is RunTag.EASY


def test_ninety_minutes_is_long() -> None:
    assert LONG_RUN_S == 90 * 60
    assert guess_tag("Run", None, 90 * 60, None) is RunTag.LONG
    assert guess_tag("Run", None, 90 * 60 - 1, None) is RunTag.UNKNOWN
    assert guess_tag("Run", None, 90 * 60 - 1, 0.01) is RunTag.EASY


def _even(seconds_per_km: list[float]) -> list[tuple[float, float]]:
    """Samples every 100 m with each kilometer at its own pace."""
    samples, t = [(0.0, 0.0)], 0.0
    for km, pace in enumerate(seconds_per_km):
        for step in range(1, 11):
            t += pace / 10
            samples.append((t, km * 1000 + step * 100.0))
    return samples


def test_pace_cv_of_per_km_splits() -> None:
    assert pace_cv(_even([300, 300, 300])) == pytest.approx(0.0)
    assert pace_cv(_even([300, 300])) is None  # fewer than three kilometers say nothing
    # splits 240 and 360: mean 300, population deviation 60
    assert pace_cv(_even([240, 360, 240, 360])) == pytest.approx(0.2)


def _run(day: int, minutes: float, tag: RunTag = RunTag.EASY, guessed: bool = True) -> RunEntry:
    # 2025-06-02 is a Monday
    return RunEntry(datetime(2025, 6, 2, 7, tzinfo=UTC) + timedelta(days=day),
                    minutes * 60, tag=tag, tag_guessed=guessed)


def test_the_weeks_longest_of_three_is_long() -> None:
    week = [_run(0, 40), _run(2, 45), _run(5, 70)]
    assert [e.tag for e in longest_of_week(week, [], UTC)] == [RunTag.EASY, RunTag.EASY,
                                                              RunTag.LONG]


def test_two_runs_make_no_long_run() -> None:
    assert [e.tag for e in longest_of_week([_run(0, 40), _run(5, 70)], [], UTC)] == [
        RunTag.EASY, RunTag.EASY]


def test_stored_runs_count_and_are_not_changed() -> None:
    stored = [_run(1, 80), _run(3, 30)]
    new = [_run(5, 70), _run(12, 70)]  # the second is the next week's
    out = longest_of_week(new, stored, UTC)
    assert [e.tag for e in out] == [RunTag.EASY, RunTag.EASY]
    out = longest_of_week([_run(5, 90 - 1)], [_run(1, 30), _run(3, 30)], UTC)
    assert out[0].tag is RunTag.LONG


def test_a_tag_not_guessed_or_quality_is_kept() -> None:
    week = [_run(0, 40), _run(2, 45)]
    assert longest_of_week([*week, replace(_run(5, 70), tag=RunTag.QUALITY)], [], UTC)[2].tag \
        is RunTag.QUALITY
    assert longest_of_week([*week, _run(5, 70, guessed=False)], [], UTC)[2].tag is RunTag.EASY


def test_a_title_that_says_easy_stays_easy() -> None:
    week = [_run(0, 40), _run(2, 45), replace(_run(5, 70), title="Easy with friends")]
    assert longest_of_week(week, [], UTC)[2].tag is RunTag.EASY
