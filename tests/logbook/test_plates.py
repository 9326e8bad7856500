"""Plates per side of a barbell (app.logbook.plates), in kg and in lb."""

from __future__ import annotations

import pytest

from app.logbook.plates import MAX_PLATES_PER_SIDE, PlateLoad, plates_per_side
from app.logbook.settings import SettingError, Settings, check

KG = Settings().plates("kg")
LB = Settings().plates("lb")


@pytest.mark.parametrize(("load", "per_side"), [
    (20, ()),                       # the bar alone
    (60, (20.0,)),
    (100, (25.0, 15.0)),
    (102.5, (25.0, 15.0, 1.25)),
    (142.5, (25.0, 25.0, 10.0, 1.25)),
    (220, (25.0, 25.0, 25.0, 25.0)),
])
def test_kilograms(load: float, per_side: tuple[float, ...]) -> None:
    assert plates_per_side(load, 20, KG) == PlateLoad(per_side=per_side, total=load, exact=True)


@pytest.mark.parametrize(("load", "per_side"), [
    (45, ()),
    (135, (45.0,)),
    (225, (45.0, 45.0)),
    (185, (45.0, 25.0)),
    (150, (45.0, 5.0, 2.5)),
    (315, (45.0, 45.0, 45.0)),
])
def test_pounds(load: float, per_side: tuple[float, ...]) -> None:
    assert plates_per_side(load, 45, LB) == PlateLoad(per_side=per_side, total=load, exact=True)


def test_a_load_the_plates_cannot_make_gives_the_nearest_below() -> None:
    found = plates_per_side(61, 20, KG)   # 0.5 kg a side is no plate here
    assert found == PlateLoad(per_side=(20.0,), total=60.0, exact=False)
    found = plates_per_side(137, 45, LB)
    assert found is not None and (found.total, found.exact) == (135.0, False)
    # Only 10 kg plates: 55 kg on a 20 kg bar is 10 a side, 40 kg, not exact.
    assert plates_per_side(55, 20, (10.0,)) == PlateLoad((10.0,), 40.0, False)


def test_below_the_bar_or_beyond_a_barbell_is_no_answer() -> None:
    assert plates_per_side(15, 20, KG) is None
    assert plates_per_side(19.99, 20, KG) is None
    assert plates_per_side(20, 20, KG) == PlateLoad((), 20.0, True)
    most = 20 + 2 * 2.5 * MAX_PLATES_PER_SIDE
    assert plates_per_side(most, 20, (2.5,)) is not None
    assert plates_per_side(most + 5, 20, (2.5,)) is None


def test_the_bar_and_plates_are_settings_per_unit() -> None:
    settings = Settings()
    assert (settings.bar("kg"), settings.bar("lb")) == (20.0, 45.0)
    assert check("plates_kg", [5, 25, 20, 20]) == (25.0, 20.0, 5.0)   # sorted, once each
    assert check("bar_lb", 35) == 35.0
    for key, value in [("plates_kg", []), ("plates_kg", [0]), ("plates_kg", [60]),
                       ("plates_lb", ["45"]), ("bar_kg", 51), ("bar_kg", True),
                       ("plates_kg", [1.0] * 13)]:
        with pytest.raises(SettingError):
            check(key, value)
