"""The picture data of an exercise file, checked: poses, equipment, arrows.

Pure parsing, no geometry: loading the whole catalog stays fast. Problems
raise ``FigureDataError`` with the dotted key, which the catalog loader turns
into its usual "file: key '...': detail" message.

    [poses.kneel-upright]
    trunk = 0
    both = { knee = 100, ankle = -20 }     # both sides, unless near/far say otherwise
    near = { shoulder = 30, elbow = 110 }
    ground = ["near_knee", "far_knee", "near_toe", "far_toe"]
    on = { near_heel = "stability-ball" }  # rests on a prop instead of the floor
    props = { kettlebell = "floor" }       # this pose moves a prop elsewhere
    facing = "left"                        # turned round
    air = 0.1                              # no contacts: floats this high
    contacts = ["knees-mat", "hands-chest"] # what the step's words say touches what
    form = ["hips-in-line"]                # and the shape they describe (see CONTACT_*, FORMS)

    [figure]
    props = ["mat", { kind = "barbell", at = "hands" }]
    highlight = "near"                     # default for the steps

    [[steps]] ... arrow = "hips-up" (or { part = "heel", way = "up", side = "far" }),
                  highlight = "both" | "near" | "far" | "none" | true | false
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Final

from app.figure.equipment import ATTACHMENTS, SUPPORT_HEIGHT, PropSpec
from app.figure.pose import (
    ANGLE_RANGES,
    JOINTS,
    LANDMARKS,
    SIDES,
    Contact,
    Form,
    Limbs,
    Pose,
    Thing,
)

POSE_NAME_RE: Final = re.compile(r"^[a-z0-9-]+$")
HIGHLIGHTS: Final = ("both", "near", "far", "none")
ARROW_PARTS: Final = (
    "hips", "heel", "knee", "leg", "chest", "body", "head", "hands",
    "bar", "bell", "ball", "roller",
)
ARROW_WAYS: Final = ("up", "down", "forward", "back")

_POSE_KEYS: Final = ("trunk", "head", "near", "far", "both", "ground", "on", "air", "facing", "props",
                     "contacts", "form")

# The words a step uses for what touches what, "<body part>-<thing>": the
# pose check (app.catalog.pose_check) measures each on the placed figure. A part
# names one landmark per side it covers ("hands" is both hands).
CONTACT_PARTS: Final[dict[str, tuple[str, ...]]] = {
    **{plural: (f"near_{one}", f"far_{one}") for plural, one in (
        ("hands", "hand"), ("feet", "foot"), ("heels", "heel"), ("toes", "toe"),
        ("calves", "calf"), ("knees", "knee"), ("shins", "shin"), ("thighs", "thigh"),
        ("ankles", "ankle"))},
    **{f"{side}-{one}": (f"{side}_{one}",) for side in SIDES
       for one in ("hand", "foot", "heel", "toe", "calf", "knee", "shin", "thigh", "ankle")},
    "upper-back": ("upper_back",), "seat": ("seat",), "chest": ("chest",),
    "belly": ("belly",), "head": ("head",),
}
# Things touched and shapes described: app.figure.pose.Thing and Form.
CONTACT_THINGS: Final = tuple(Thing)
FORMS: Final = tuple(Form)
_FIGURE_KEYS: Final = ("props", "highlight")
_PROP_KEYS: Final = ("kind", "at")
_ARROW_KEYS: Final = ("part", "way", "side")
_MAX_AIR: Final = 0.5


class FigureDataError(ValueError):
    def __init__(self, key: str, detail: str) -> None:
        super().__init__(f"{key}: {detail}")
        self.key = key
        self.detail = detail


@dataclass(frozen=True)
class Arrow:
    """Which way a body part (or the equipment) moves during a step."""

    part: str
    way: str
    side: str = "near"

    def to_dict(self) -> dict[str, str]:
        return {"part": self.part, "way": self.way, "side": self.side}


@dataclass(frozen=True)
class FigureSpec:
    props: tuple[PropSpec, ...] = ()
    highlight: str | None = None   # None: the catalog's default for the exercise

    def prop(self, kind: str) -> PropSpec | None:
        return next((p for p in self.props if p.kind == kind), None)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"props": [{"kind": p.kind, "at": p.at} for p in self.props]}
        if self.highlight is not None:
            data["highlight"] = self.highlight
        return data


def _fail(key: str, detail: str) -> FigureDataError:
    return FigureDataError(key, detail)


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if not isinstance(value, (int, float)) else f"{value:g}"


def _choices(values: tuple[str, ...] | list[str]) -> str:
    return ", ".join(f'"{v}"' for v in values)


def _table(value: Any, key: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(key, f"expected a table, got {_show(value)}")
    return value


def _keys(table: dict[str, Any], allowed: tuple[str, ...], key: str) -> None:
    for name in table:
        if name not in allowed:
            raise _fail(f"{key}.{name}", "unknown key (allowed here: " + ", ".join(allowed) + ")")


def _number(value: Any, key: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _fail(key, f"expected a number, got {_show(value)}")
    if not (math.isfinite(value) and low <= value <= high):
        raise _fail(key, f"expected {low:g} to {high:g}, got {value:g}")
    return float(value)


def _choice(value: Any, key: str, choices: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in choices:
        raise _fail(key, f"expected one of {_choices(choices)}, got {_show(value)}")
    return value


# --------------------------------------------------------------------------
# [figure]
# --------------------------------------------------------------------------


def parse_figure(value: Any, key: str = "figure") -> FigureSpec:
    table = _table(value, key)
    _keys(table, _FIGURE_KEYS, key)
    props: list[PropSpec] = []
    raw = table.get("props", [])
    if not isinstance(raw, list):
        raise _fail(f"{key}.props", f"expected an array, got {_show(raw)}")
    for i, item in enumerate(raw, 1):
        item_key = f"{key}.props[{i}]"
        if isinstance(item, str):
            kind = _choice(item, item_key, tuple(ATTACHMENTS))
            spec = PropSpec.default(kind)
        else:
            entry = _table(item, item_key)
            _keys(entry, _PROP_KEYS, item_key)
            if "kind" not in entry:
                raise _fail(f"{item_key}.kind", "missing required key")
            kind = _choice(entry["kind"], f"{item_key}.kind", tuple(ATTACHMENTS))
            at = entry.get("at", ATTACHMENTS[kind][0])
            spec = PropSpec(kind, _choice(at, f"{item_key}.at", ATTACHMENTS[kind]))
        if any(p.kind == spec.kind for p in props):
            raise _fail(item_key, f"repeats {_show(spec.kind)}")
        props.append(spec)
    highlight = None
    if "highlight" in table:
        highlight = parse_highlight(table["highlight"], f"{key}.highlight")
    return FigureSpec(tuple(props), highlight)


def parse_highlight(value: Any, key: str) -> str:
    if value is True:
        return "both"
    if value is False:
        return "none"
    return _choice(value, key, HIGHLIGHTS)


def parse_arrow(value: Any, key: str) -> Arrow:
    if isinstance(value, str):
        part, sep, way = value.rpartition("-")
        if not sep or part not in ARROW_PARTS or way not in ARROW_WAYS:
            raise _fail(key, f"expected \"<part>-<way>\" with a part from {_choices(ARROW_PARTS)} "
                             f"and a way from {_choices(ARROW_WAYS)}, got {_show(value)}")
        return Arrow(part, way)
    table = _table(value, key)
    _keys(table, _ARROW_KEYS, key)
    for required in ("part", "way"):
        if required not in table:
            raise _fail(f"{key}.{required}", "missing required key")
    return Arrow(
        part=_choice(table["part"], f"{key}.part", ARROW_PARTS),
        way=_choice(table["way"], f"{key}.way", ARROW_WAYS),
        side=_choice(table.get("side", "near"), f"{key}.side", SIDES),
    )


# --------------------------------------------------------------------------
# [poses.<name>]
# --------------------------------------------------------------------------


def parse_poses(value: Any, figure: FigureSpec, key: str = "poses") -> tuple[Pose, ...]:
    table = _table(value, key)
    poses = []
    for name, data in table.items():
        pose_key = f"{key}.{name}"
        if not POSE_NAME_RE.match(name):
            raise _fail(pose_key, "a pose name is lower-case letters, digits and '-'")
        poses.append(parse_pose(name, data, figure, pose_key))
    return tuple(poses)


def _limbs(base: Limbs, value: Any, key: str) -> Limbs:
    table = _table(value, key)
    _keys(table, JOINTS, key)
    angles = {j: _number(v, f"{key}.{j}", *ANGLE_RANGES[j]) for j, v in table.items()}
    return base.with_angles(**angles)


def _landmark(value: Any, key: str) -> str:
    if not isinstance(value, str) or value not in LANDMARKS:
        raise _fail(key, f"expected a body point ({', '.join(LANDMARKS)}), got {_show(value)}")
    return value


def parse_pose(name: str, value: Any, figure: FigureSpec, key: str) -> Pose:
    table = _table(value, key)
    _keys(table, _POSE_KEYS, key)
    trunk = _number(table.get("trunk", 0.0), f"{key}.trunk", *ANGLE_RANGES["trunk"])
    head = _number(table.get("head", 0.0), f"{key}.head", *ANGLE_RANGES["head"])
    both = _limbs(Limbs(), table["both"], f"{key}.both") if "both" in table else Limbs()
    near = _limbs(both, table["near"], f"{key}.near") if "near" in table else both
    far = _limbs(both, table["far"], f"{key}.far") if "far" in table else both

    contacts: list[Contact] = []
    ground = table.get("ground", [])
    if not isinstance(ground, list):
        raise _fail(f"{key}.ground", f"expected an array of body points, got {_show(ground)}")
    for i, item in enumerate(ground, 1):
        contacts.append(Contact(_landmark(item, f"{key}.ground[{i}]")))
    on = _table(table.get("on", {}), f"{key}.on")
    kinds = {p.kind for p in figure.props}
    for landmark, surface in on.items():
        item_key = f"{key}.on.{landmark}"
        _landmark(landmark, item_key)
        supports = tuple(k for k in SUPPORT_HEIGHT if k in kinds)
        if not isinstance(surface, str) or surface not in supports:
            where = (f"one of {_choices(supports)}" if supports
                     else "a support listed in [figure].props (none is)")
            raise _fail(item_key, f"expected {where}, got {_show(surface)}")
        contacts.append(Contact(landmark, surface))
    seen: set[str] = set()
    for contact in contacts:
        if contact.landmark in seen:
            raise _fail(f"{key}.on.{contact.landmark}",
                        f"{_show(contact.landmark)} already rests on the floor")
        seen.add(contact.landmark)

    air = 0.0
    if "air" in table:
        air = _number(table["air"], f"{key}.air", 0.0, _MAX_AIR)
        if contacts:
            raise _fail(f"{key}.air", "a pose with contacts cannot float; drop 'air' or the contacts")
    if not contacts and air <= 0.0:
        raise _fail(key, "give 'ground' (or 'on') to say what the body rests on, "
                         "or 'air' for how high it floats")

    facing = _choice(table.get("facing", "right"), f"{key}.facing", ("right", "left"))
    overrides = []
    for kind, at in _table(table.get("props", {}), f"{key}.props").items():
        item_key = f"{key}.props.{kind}"
        if kind not in kinds:
            raise _fail(item_key, f"no {_show(kind)} in [figure].props")
        overrides.append((kind, _choice(at, item_key, ATTACHMENTS[kind])))
    named = None
    if "contacts" in table:
        named = tuple(_words(table["contacts"], f"{key}.contacts", parse_contact_word))
    form = tuple(Form(w) for w in _words(table.get("form", []), f"{key}.form",
                                         lambda v, k: _choice(v, k, FORMS)))
    return Pose(name=name, trunk=trunk, head=head, near=near, far=far,
                contacts=tuple(contacts), air=air, facing=1 if facing == "right" else -1,
                props=tuple(overrides), named_contacts=named, form=form)


def _words(value: Any, key: str, parse: Any) -> list[str]:
    if not isinstance(value, list):
        raise _fail(key, f"expected an array of words, got {_show(value)}")
    words: list[str] = []
    for i, item in enumerate(value, 1):
        word = parse(item, f"{key}[{i}]")
        if word in words:
            raise _fail(f"{key}[{i}]", f"repeats {_show(word)}")
        words.append(word)
    return words


def split_contact(word: str) -> tuple[str, Thing] | None:
    """``"near-hand-wall"`` -> ``("near-hand", Thing.WALL)``; None if it is not one."""
    part, sep, thing = word.rpartition("-")
    if not sep or part not in CONTACT_PARTS or thing not in CONTACT_THINGS:
        return None
    return part, Thing(thing)


def parse_contact_word(value: Any, key: str) -> str:
    if not isinstance(value, str) or split_contact(value) is None:
        raise _fail(key, f"expected \"<body part>-<thing>\" with a part from "
                         f"{_choices(tuple(CONTACT_PARTS))} and a thing from "
                         f"{_choices(CONTACT_THINGS)}, got {_show(value)}")
    return value


def pose_to_dict(pose: Pose) -> dict[str, Any]:
    """A pose as plain data (the shape of its TOML table, every key given)."""
    data: dict[str, Any] = {
        "trunk": pose.trunk, "head": pose.head,
        "near": {j: getattr(pose.near, j) for j in JOINTS},
        "far": {j: getattr(pose.far, j) for j in JOINTS},
        "ground": [c.landmark for c in pose.contacts if c.surface == "floor"],
        "on": {c.landmark: c.surface for c in pose.contacts if c.surface != "floor"},
        "facing": "right" if pose.facing > 0 else "left",
    }
    if pose.air:
        data["air"] = pose.air
    if pose.props:
        data["props"] = dict(pose.props)
    if pose.named_contacts is not None:
        data["contacts"] = list(pose.named_contacts)
    if pose.form:
        data["form"] = [str(f) for f in pose.form]
    return data
