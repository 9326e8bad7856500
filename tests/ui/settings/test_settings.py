from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from app.kernel.paths import AppPaths
from app.logbook.settings import EffortScale, SettingError, Settings, check, load_settings, stored_value

if TYPE_CHECKING:  # the page's tests import Qt in their bodies
    from pytestqt.qtbot import QtBot


def test_defaults() -> None:
    settings = load_settings(lambda key, default: default)
    assert settings == Settings()
    assert settings.break_point_keys == ("B", "Space") and settings.lowering_s == 5


def test_stored_values_are_read_and_bad_ones_fall_back() -> None:
    stored: dict[str, Any] = {"units": "lb", "lowering_s": 7, "break_point_keys": ["PgDown"],
                              "return_s": 99, "sounds": "yes"}
    settings = load_settings(lambda key, default: stored.get(key, default))
    assert settings.units == "lb" and settings.lowering_s == 7
    assert settings.break_point_keys == ("PgDown",)
    assert settings.return_s == 3 and settings.sounds is True  # defaults, not the nonsense


@pytest.mark.parametrize(("key", "value"), [
    ("units", "stone"), ("lowering_s", 1), ("lowering_s", 11), ("lowering_s", 5.5),
    ("return_s", 0), ("break_point_keys", []), ("break_point_keys", [""]), ("volume", 2),
    ("sounds", 1), ("colour", "red"),
])
def test_bad_values_are_refused_with_the_key(key: str, value: Any) -> None:
    with pytest.raises(SettingError) as caught:
        check(key, value)
    assert caught.value.key == key


def test_stored_values_are_json_ready() -> None:
    assert stored_value("break_point_keys", ("B", "Space")) == ["B", "Space"]
    assert stored_value("volume", 1) == 1.0


def test_load_steps_are_checked_per_unit() -> None:
    from app.logbook.settings import SettingError, Settings, check

    assert check("load_step_kg", 1.25) == 1.25
    assert Settings(load_step_kg=1.25).load_step("kg") == 1.25
    assert Settings(units="lb").load_step() == 5.0
    for key, value in (("load_step_kg", 0), ("load_step_lb", 100), ("load_step_kg", "2.5")):
        with pytest.raises(SettingError):
            check(key, value)


def test_the_load_step_follows_the_unit_on_the_settings_page(qtbot: QtBot, paths: AppPaths) -> None:
    from app.logbook.settings import Settings
    from app.ui.settings.settings_page import SettingsPage

    page = SettingsPage(paths)
    qtbot.addWidget(page)
    page.show_settings(Settings(units="kg", load_step_kg=1.25))
    assert (page.step_spin.value(), page.step_spin.suffix()) == (1.25, " kg")
    changes: list[tuple[str, object]] = []
    page.setting_changed.connect(lambda key, value: changes.append((key, value)))
    page.units_box.setCurrentIndex(page.units_box.findData("lb"))
    assert (page.step_spin.value(), page.step_spin.suffix()) == (5.0, " lb")
    page.step_spin.setValue(2.5)
    assert changes == [("units", "lb"), ("load_step_lb", 2.5)]


def test_the_rest_between_sets_is_checked() -> None:
    assert check("rest_s", 0) == 0 and check("rest_s", 120) == 120
    for bad in (-15, 610, 100, 1.5, "90", True):
        with pytest.raises(SettingError, match="rest_s"):
            check("rest_s", bad)


def test_volume_and_rest_on_the_settings_page(qtbot: QtBot, paths: AppPaths) -> None:
    from PySide6.QtCore import Qt

    from app.ui.settings.settings_page import SettingsPage

    page = SettingsPage(paths)
    qtbot.addWidget(page)
    page.show_settings(Settings(volume=0.4, rest_s=0, sounds=True))
    assert page.volume_slider.value() == 40
    assert page.rest_spin.text() == "Each exercise's own"
    changes: list[tuple[str, object]] = []
    page.setting_changed.connect(lambda key, value: changes.append((key, value)))
    page.volume_slider.setFocus()
    qtbot.keyClick(page.volume_slider, Qt.Key.Key_PageUp)     # by keyboard, 10 % louder
    page.rest_spin.setValue(95)                                # typed between steps
    assert changes == [("volume", 0.5), ("rest_s", 90)]
    page.sounds_check.setChecked(False)
    assert not page.volume_slider.isEnabled()                 # no volume without sounds


def test_the_rest_setting_reaches_library_sessions_not_programs() -> None:
    import dataclasses

    from app.catalog import load_catalog_strict
    from app.kernel.resources import resources_dir
    from app.session.plan import plan_from_exercise
    from app.ui.session.session_host import apply_settings

    catalog = load_catalog_strict(resources_dir())
    plan = plan_from_exercise(catalog.get("romanian-deadlift"))
    [item] = apply_settings(plan, Settings(rest_s=150), keep_tempo=False).items
    assert item.rest_s == 150
    [own] = apply_settings(plan, Settings(rest_s=0), keep_tempo=False).items
    assert own.rest_s == plan.items[0].rest_s
    program = dataclasses.replace(plan, program_slug="sample-session", program_day=1)
    [kept] = apply_settings(program, Settings(rest_s=150), keep_tempo=False).items
    assert kept.rest_s == plan.items[0].rest_s
    jog = plan_from_exercise(catalog.get("light-jog"))
    [no_rest] = apply_settings(jog, Settings(rest_s=150), keep_tempo=False).items
    assert no_rest.rest_s == jog.items[0].rest_s == 0


def test_the_effort_scale_is_an_enum_stored_as_before(store: Any) -> None:
    """EffortScale keeps the strings the setting table has always held, so a
    log written before the enum reads the same, and a change writes them."""
    assert [scale.value for scale in EffortScale] == ["rpe", "rir"]
    assert Settings().effort_scale is EffortScale.RPE
    assert load_settings({"effort_scale": "rir"}.get).effort_scale is EffortScale.RIR
    for bad in ("RIR", "borg", 1, None, ["rir"]):
        assert load_settings({"effort_scale": bad}.get).effort_scale is EffortScale.RPE
        if bad is not None:
            with pytest.raises(SettingError, match="effort_scale"):
                check("effort_scale", bad)
    stored = stored_value("effort_scale", EffortScale.RIR)
    assert stored == "rir" and type(stored) is str
    store.set_setting("effort_scale", "rir")  # as an older version wrote it
    assert load_settings(store.reader.get_setting).effort_scale is EffortScale.RIR
    store.set_setting("effort_scale", stored_value("effort_scale", EffortScale.RPE))
    assert store.reader.get_setting("effort_scale", None) == "rpe"
    assert load_settings(store.reader.get_setting).effort_scale is EffortScale.RPE
