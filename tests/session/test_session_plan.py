"""Session plans: items, blocks, defaults of the eccentric cue, and the quick
start's plan_from_exercise with the shipped catalog."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest

from app.catalog import Catalog, load_catalog_strict
from app.catalog.vocabulary import Category, DoseKind
from app.kernel.resources import resources_dir
from app.logbook.entries import SetType
from app.session.plan import (
    BLOCK_NAMES,
    NORDIC_SLUG,
    Block,
    PlanBlock,
    PlanItem,
    SessionPlan,
    item_from_exercise,
    plan_from_exercise,
)
from app.session.tempo import Tempo


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog_strict(resources_dir())


def reps_item(**changes: Any) -> PlanItem:
    values: dict[str, Any] = {"slug": "romanian-deadlift", "name": "Romanian deadlift", "kind": "reps",
                              "sets": 3, "rest_s": 120, "reps": (8, 10)}
    values.update(changes)
    return PlanItem(**values)


# --------------------------------------------------------------------------
# PlanItem
# --------------------------------------------------------------------------


def test_eccentric_cue_is_on_by_default_for_the_nordic_only() -> None:
    nordic = reps_item(slug=NORDIC_SLUG, name="Nordic hamstring curl", tempo=Tempo(5, 0, 3, 0))
    assert nordic.eccentric_cue is True
    assert reps_item(tempo=Tempo(3, 1, 1, 0)).eccentric_cue is False
    # ... and may be turned on for any item with a tempo, or off for the Nordic.
    assert reps_item(tempo=Tempo(3, 1, 1, 0), eccentric_cue=True).eccentric_cue is True
    assert replace(nordic, eccentric_cue=False).eccentric_cue is False


def test_the_nordic_cue_works_without_a_tempo() -> None:
    nordic = reps_item(slug=NORDIC_SLUG, tempo=None)
    assert nordic.eccentric_cue and nordic.lowering_s == 5.0 and nordic.return_s == 3.0


def test_lowering_and_return_default_from_the_tempo() -> None:
    item = reps_item(tempo=Tempo(4, 1, 2, 0), eccentric_cue=True)
    assert (item.lowering_s, item.return_s) == (4.0, 2.0)
    # A tempo figure outside 2-10 s is kept in range; a lift of 0 means the default.
    item = reps_item(tempo=Tempo(1, 0, 0, 0), eccentric_cue=True)
    assert (item.lowering_s, item.return_s) == (2.0, 3.0)
    assert reps_item().lowering_s == 5.0 and reps_item().return_s == 3.0


def test_lowering_and_return_can_be_set() -> None:
    item = reps_item(slug=NORDIC_SLUG, lowering_s=8, return_s=4)
    assert (item.lowering_s, item.return_s) == (8.0, 4.0)


@pytest.mark.parametrize(("changes", "field"), [
    ({"lowering_s": 1.5}, "lowering_s"),
    ({"lowering_s": 11}, "lowering_s"),
    ({"return_s": 0}, "return_s"),
    ({"eccentric_cue": True}, "eccentric_cue"),          # no tempo, not the Nordic
    ({"eccentric_cue": "yes"}, "eccentric_cue"),
    ({"sets": 0}, "sets"),
    ({"sets": 21}, "sets"),
    ({"sets": 2.5}, "sets"),
    ({"reps": (10, 8)}, "reps"),
    ({"reps": (0, 8)}, "reps"),
    ({"reps": None}, "reps"),
    ({"reps": 8}, "reps"),
    ({"rest_s": -1}, "rest_s"),
    ({"kind": "sprint"}, "kind"),
    ({"sides": "left"}, "sides"),
    ({"slug": ""}, "slug"),
    ({"name": " "}, "name"),
    ({"target_load_kg": 900}, "target_load_kg"),
    ({"hold_s": 10}, "hold_s"),
    ({"tempo": (5, 0, 3)}, "tempo"),
    ({"tempo": (11, 0, 3, 0)}, "tempo"),
])
def test_item_validation_names_the_field(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(ValueError, match=rf"^{field}:"):
        reps_item(**changes)


def test_hold_and_duration_items() -> None:
    stretch = PlanItem(slug="standing-hamstring-stretch", name="Stretch", kind=DoseKind.HOLD, sets=1,
                       rest_s=0, hold_s=10, holds=6, relax_s=5, sides="left-right", per_side=True)
    assert (stretch.hold_s, stretch.holds, stretch.relax_s) == (10.0, 6, 5.0)
    assert stretch.side_order == ("left", "right")
    assert not stretch.eccentric_cue and stretch.rep_count is None
    jog = PlanItem(slug="light-jog", name="Light jog", kind=DoseKind.DURATION, sets=1, rest_s=0,
                   duration_s=300)
    assert jog.duration_s == 300.0 and jog.side_order == ("both",)
    with pytest.raises(ValueError, match=r"^holds:"):
        PlanItem(slug="s", name="S", kind=DoseKind.HOLD, sets=1, rest_s=0, hold_s=10)
    with pytest.raises(ValueError, match=r"^duration_s:"):
        PlanItem(slug="j", name="J", kind=DoseKind.DURATION, sets=1, rest_s=0)
    with pytest.raises(ValueError, match=r"^tempo:"):
        PlanItem(slug="j", name="J", kind=DoseKind.DURATION, sets=1, rest_s=0, duration_s=60,
                 tempo=Tempo(1, 1, 1, 1))
    with pytest.raises(ValueError, match=r"^eccentric_cue:"):
        PlanItem(slug=NORDIC_SLUG, name="N", kind=DoseKind.DURATION, sets=1, rest_s=0, duration_s=60,
                 eccentric_cue=True)


def test_negative_target_load_means_band_assistance() -> None:
    assert reps_item(target_load_kg=-15).target_load_kg == -15.0


# --------------------------------------------------------------------------
# SessionPlan
# --------------------------------------------------------------------------


def test_plan_blocks_flatten_in_order() -> None:
    jog = PlanItem(slug="light-jog", name="Light jog", kind=DoseKind.DURATION, sets=1, rest_s=0,
                   duration_s=300)
    rdl = reps_item()
    stretch = PlanItem(slug="standing-hamstring-stretch", name="Stretch", kind=DoseKind.HOLD, sets=1,
                       rest_s=0, hold_s=10, holds=6, relax_s=5)
    plan = SessionPlan.of("Tuesday", cool_down=[stretch], warm_up=[jog], main=[rdl])
    assert [b.name for b in plan.blocks] == ["warmup", "main", "cool-down"]
    assert plan.items == (jog, rdl, stretch)
    assert [plan.block_of(i) for i in range(3)] == ["warmup", "main", "cool-down"]
    with pytest.raises(IndexError):
        plan.block_of(3)


def test_plan_block_rules() -> None:
    rdl = reps_item()
    with pytest.raises(ValueError, match="order"):
        SessionPlan((PlanBlock("main", (rdl,)), PlanBlock("warmup", (rdl,))))
    with pytest.raises(ValueError, match="order"):
        SessionPlan((PlanBlock("main", (rdl,)), PlanBlock("main", (rdl,))))
    with pytest.raises(ValueError, match="no blocks"):
        SessionPlan(())
    with pytest.raises(ValueError, match="no items"):
        PlanBlock("main", ())
    with pytest.raises(ValueError, match="block"):
        PlanBlock("finisher", (rdl,))


def test_plan_round_trips_through_json() -> None:
    plan = SessionPlan.of(
        "Mixed",
        warm_up=[PlanItem(slug="light-jog", name="Light jog", kind=DoseKind.DURATION, sets=1, rest_s=0,
                          duration_s=300)],
        main=[reps_item(slug=NORDIC_SLUG, tempo=Tempo(5, 0, 3, 0), target_load_kg=-10, lowering_s=6),
              reps_item(sides="left-right", per_side=True)],
        cool_down=[PlanItem(slug="standing-hamstring-stretch", name="Stretch", kind=DoseKind.HOLD, sets=1,
                            rest_s=0, hold_s=10, holds=6, relax_s=5, sides="left-right")],
    )
    again = SessionPlan.from_dict(json.loads(json.dumps(plan.to_dict())))
    assert again == plan


def test_plan_from_a_damaged_dict_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        SessionPlan.from_dict({"blocks": [{"name": "main"}]})
    with pytest.raises(ValueError, match="unknown"):
        PlanItem.from_dict({**reps_item().to_dict(), "colour": "red"})
    with pytest.raises(ValueError):
        PlanItem.from_dict({"slug": "x"})


# --------------------------------------------------------------------------
# From the catalog: the quick start
# --------------------------------------------------------------------------


def test_quick_start_nordic_with_the_catalog_defaults(catalog: Catalog) -> None:
    plan = plan_from_exercise(catalog.get(NORDIC_SLUG))
    assert plan.title == "Nordic hamstring curl"
    assert [b.name for b in plan.blocks] == ["main"]
    (item,) = plan.items
    assert (item.kind, item.sets, item.reps, item.rest_s) == ("reps", 2, (5, 5), 90.0)
    assert item.tempo == Tempo(5, 0, 3, 0)
    assert item.eccentric_cue and item.lowering_s == 5.0 and item.return_s == 3.0
    assert item.sides == "both"


def test_quick_start_options_override_the_prescription(catalog: Catalog) -> None:
    (item,) = plan_from_exercise(catalog.get(NORDIC_SLUG), sets="3", reps="6", tempo="7-0-3-0").items
    assert (item.sets, item.reps, item.lowering_s) == (3, (6, 6), 7.0)
    (item,) = plan_from_exercise(catalog.get("romanian-deadlift"), sets=4, reps=8, tempo="3-1-1-0").items
    assert (item.sets, item.reps, item.tempo) == (4, (8, 8), Tempo(3, 1, 1, 0))
    assert item.eccentric_cue is False     # a tempo alone does not switch the cue on ...
    (item,) = plan_from_exercise(catalog.get("romanian-deadlift"), tempo="3-1-1-0",
                                 eccentric_cue=True).items
    assert item.eccentric_cue is True      # ... but it may be asked for


def test_a_block_is_named_as_stored_and_warm_up_is_spelled_once() -> None:
    # The saved session in progress holds these names (issue 17: one spelling
    # of a warm-up, the set type's and the category's).
    assert BLOCK_NAMES == ("warmup", "main", "cool-down") == tuple(Block)
    assert Block.WARM_UP == SetType.WARMUP == Category.WARM_UP
    jog = PlanItem(slug="light-jog", name="Light jog", kind=DoseKind.DURATION, sets=1, rest_s=0,
                   duration_s=300)
    plan = SessionPlan.of("Run", warm_up=[jog], main=[reps_item()])
    assert plan.blocks[0].name is Block.WARM_UP
    assert [b["name"] for b in plan.to_dict()["blocks"]] == ["warmup", "main"]
    with pytest.raises(ValueError, match="block: must be one of warmup, main, cool-down"):
        PlanBlock("warm-up", (jog,))  # made today: the one spelling only


def test_a_plan_saved_with_the_old_warm_up_spelling_reads_back() -> None:
    jog = PlanItem(slug="light-jog", name="Light jog", kind=DoseKind.DURATION, sets=1, rest_s=0,
                   duration_s=300)
    data = SessionPlan.of("Run", warm_up=[jog], main=[reps_item()]).to_dict()
    data["blocks"][0]["name"] = "warm-up"  # as a session saved before issue 17 says it
    plan = SessionPlan.from_dict(data)
    assert [b.name for b in plan.blocks] == [Block.WARM_UP, Block.MAIN]
    assert plan.to_dict()["blocks"][0]["name"] == "warmup"
    data["blocks"][0]["name"] = "Warm-up"
    with pytest.raises(ValueError, match="block: must be one of"):
        SessionPlan.from_dict(data)


def test_quick_start_hold_and_duration_and_sides(catalog: Catalog) -> None:
    plan = plan_from_exercise(catalog.get("standing-hamstring-stretch"), hold="8")
    (item,) = plan.items
    assert [b.name for b in plan.blocks] == ["cool-down"]
    assert (item.kind, item.hold_s, item.holds, item.relax_s, item.sides) == ("hold", 8.0, 6, 5.0,
                                                                                 "left-right")
    plan = plan_from_exercise(catalog.get("light-jog"))
    assert [b.name for b in plan.blocks] == ["warmup"]
    assert plan.items[0].duration_s == 300.0
    assert plan_from_exercise(catalog.get("reverse-lunge")).items[0].sides == "alternating"
    assert plan_from_exercise(catalog.get("single-leg-cable-curl")).items[0].sides == "left-right"


@pytest.mark.parametrize(("slug", "options", "option"), [
    (NORDIC_SLUG, {"sets": 0}, "--sets"),
    (NORDIC_SLUG, {"sets": "three"}, "--sets"),
    (NORDIC_SLUG, {"sets": 99}, "--sets"),
    (NORDIC_SLUG, {"sets": True}, "--sets"),
    (NORDIC_SLUG, {"reps": 0}, "--reps"),
    (NORDIC_SLUG, {"reps": "lots"}, "--reps"),
    (NORDIC_SLUG, {"reps": 101}, "--reps"),
    (NORDIC_SLUG, {"hold": 10}, "--hold"),                  # a reps exercise
    (NORDIC_SLUG, {"tempo": "5-0-3"}, "--tempo"),
    (NORDIC_SLUG, {"tempo": "12-0-3-0"}, "--tempo"),
    (NORDIC_SLUG, {"reps": 5, "hold": 10}, "--reps, --hold"),
    ("standing-hamstring-stretch", {"reps": 10}, "--reps"),   # a hold exercise
    ("standing-hamstring-stretch", {"hold": 0}, "--hold"),
    ("standing-hamstring-stretch", {"hold": "long"}, "--hold"),
    ("standing-hamstring-stretch", {"tempo": "3-0-3-0"}, "--tempo"),
    ("light-jog", {"hold": 30}, "--hold"),
    ("light-jog", {"reps": 30}, "--reps"),
    ("romanian-deadlift", {"eccentric_cue": True}, "--tempo"),   # the cue needs a tempo
])
def test_quick_start_errors_name_the_option(catalog: Catalog, slug: str, options: dict[str, Any],
                                            option: str) -> None:
    with pytest.raises(ValueError) as raised:
        plan_from_exercise(catalog.get(slug), **options)
    assert str(raised.value).startswith(f"{option}:")


def test_every_catalog_exercise_makes_a_plan_item(catalog: Catalog) -> None:
    for exercise in catalog:
        item = item_from_exercise(exercise)
        assert item.slug == exercise.slug
        assert item.kind == exercise.prescription.kind
        assert item.sets == exercise.prescription.sets
        assert item.eccentric_cue is (exercise.slug == NORDIC_SLUG)


def test_item_from_exercise_with_a_target_load(catalog: Catalog) -> None:
    item = item_from_exercise(catalog.get("stiff-leg-deadlift"), target_load_kg=100)
    assert item.target_load_kg == 100.0 and item.rest_s == 180.0


def test_items_without_a_load_start_from_the_last_one() -> None:
    from app.session.plan import PlanItem, SessionPlan, with_last_loads

    rdl = PlanItem("romanian-deadlift", "Romanian deadlift", DoseKind.REPS, 3, 90, reps=(8, 10))
    set_load = PlanItem("stiff-leg-deadlift", "Stiff-leg deadlift", DoseKind.REPS, 3, 120, reps=(5, 6),
                        target_load_kg=60)
    bridge = PlanItem("glute-bridge", "Glute bridge", DoseKind.REPS, 3, 60, reps=(12, 15))
    plan = SessionPlan.of(main=[rdl, set_load, bridge])
    filled = with_last_loads(plan, {"romanian-deadlift": 72.5, "stiff-leg-deadlift": 80.0})
    assert [i.target_load_kg for i in filled.items] == [72.5, 60.0, None]
    assert with_last_loads(plan, {}) == plan


def test_a_plan_keeps_its_program_day_and_readiness_through_a_save() -> None:
    from app.session.plan import PlanItem, SessionPlan

    item = PlanItem("glute-bridge", "Glute bridge", DoseKind.REPS, 3, 60, reps=(12, 15))
    plan = SessionPlan.of(main=[item])
    plan = SessionPlan(plan.blocks, "Sample · Session A", "sample-session", 4,
                       {"version": 1, "soreness": 2})
    again = SessionPlan.from_dict(plan.to_dict())
    assert (again.program_slug, again.program_day, again.readiness) == \
        ("sample-session", 4, {"version": 1, "soreness": 2})
    with pytest.raises(ValueError, match="program_day"):
        SessionPlan(plan.blocks, "x", "sample-session", 0)
