"""The 48-hour rule (app.coaching.recovery): a full rest day between two heavy
hamstring sessions, by local calendar days; only heavy work counts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from app.catalog import Catalog, load_catalog_strict
from app.catalog.model import HamstringStress
from app.coaching.recovery import (
    REST_DAYS_BETWEEN_HEAVY,
    heavy_slugs,
    rest_days_between,
    stress_of,
    too_soon_notice,
)
from app.kernel.resources import resources_dir
from app.logbook.custom_exercises import CustomExercise

MONDAY_EVENING = datetime(2026, 1, 5, 19, tzinfo=UTC)  # Mon 5 Jan 2026


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog_strict(resources_dir())


def test_no_heavy_session_no_notice() -> None:
    assert too_soon_notice(None, MONDAY_EVENING, heavy_today=True, tz=UTC) is None


@pytest.mark.parametrize(("later", "warned"), [
    (timedelta(hours=1), True),                      # the same evening
    (timedelta(hours=4, minutes=59), True),          # 23:59 the same day
    (timedelta(hours=5), True),                      # Tuesday 00:00: no rest day yet
    (timedelta(hours=28, minutes=59), True),         # Tuesday 23:59
    (timedelta(hours=29), False),                    # Wednesday 00:00: Tuesday was a rest day
    (timedelta(hours=37), False),                    # Wednesday 08:00, 37 h later
    (timedelta(days=5), False),
])
def test_one_full_rest_day_satisfies_the_rule_whatever_the_hours(later: timedelta,
                                                                 warned: bool) -> None:
    notice = too_soon_notice(MONDAY_EVENING, MONDAY_EVENING + later, heavy_today=True, tz=UTC)
    assert (notice is not None) == warned


def test_the_rule_is_one_rest_day() -> None:
    assert REST_DAYS_BETWEEN_HEAVY == 1
    monday = MONDAY_EVENING.date()
    assert rest_days_between(monday, monday + timedelta(days=1)) == 0
    assert rest_days_between(monday, monday + timedelta(days=2)) == 1
    assert rest_days_between(monday, monday - timedelta(days=1)) == 0  # the clock went back


def test_light_work_today_is_never_too_soon() -> None:
    assert too_soon_notice(MONDAY_EVENING, MONDAY_EVENING + timedelta(hours=2),
                           heavy_today=False, tz=UTC) is None


def test_the_notice_explains_why_cites_its_sources_and_makes_no_hour_claim() -> None:
    notice = too_soon_notice(MONDAY_EVENING, MONDAY_EVENING + timedelta(hours=14), heavy_today=True,
                             tz=UTC)
    assert notice is not None and notice.kind == "too-soon"
    assert notice.title == "Heavy hamstring work done yesterday"
    assert "about 48 hours" in notice.text and "full rest day" in notice.text
    assert "go ahead anyway" in notice.text and "bridges does not count" in notice.text
    assert notice.numbers == ("last heavy hamstring session: Mon 05 Jan 2026",
                              "heavy work again from: Wed 07 Jan 2026")
    assert not any("recovered" in line for line in notice.numbers)
    assert set(notice.sources) == {"acsm2009", "nordic-soreness"}


def test_calendar_days_are_local() -> None:
    # 19:00 UTC Monday is 08:00 Tuesday in Auckland (UTC+13): by Auckland's
    # calendar the session was on Tuesday, so Wednesday there is still too soon.
    auckland = timezone(timedelta(hours=13))
    wednesday_auckland = datetime(2026, 1, 7, 14, tzinfo=auckland)  # Wed 01:00 UTC
    assert too_soon_notice(MONDAY_EVENING, wednesday_auckland, heavy_today=True,
                           tz=auckland) is not None
    assert too_soon_notice(MONDAY_EVENING, wednesday_auckland, heavy_today=True, tz=UTC) is None


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        too_soon_notice(datetime(2026, 1, 5, 18), MONDAY_EVENING, heavy_today=True)
    with pytest.raises(ValueError, match="aware"):
        too_soon_notice(MONDAY_EVENING, datetime(2026, 1, 6, 18), heavy_today=True)


def test_own_exercises_take_the_stress_of_the_one_they_are_based_on(catalog: Catalog) -> None:
    mine = CustomExercise("custom-my-nordics", "My Nordics", ("anchor",), "no",
                          based_on="nordic-hamstring-curl")
    bridge = CustomExercise("custom-my-bridge", "My bridge", ("mat",), "no", based_on="glute-bridge")
    unknown = CustomExercise("custom-thing", "Thing", ("mat",), "no")
    customs = (mine, bridge, unknown)
    assert stress_of("custom-my-nordics", catalog, customs) is HamstringStress.HEAVY
    assert stress_of("custom-my-bridge", catalog, customs) is HamstringStress.LIGHT
    assert stress_of("custom-thing", catalog, customs) is HamstringStress.NONE
    assert heavy_slugs(catalog, customs) == {"nordic-hamstring-curl", "romanian-deadlift",
                                             "stiff-leg-deadlift", "good-morning",
                                             "custom-my-nordics"}
