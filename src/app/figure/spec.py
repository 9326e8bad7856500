"""The picture data of an exercise file, checked: poses, equipment, arrows.

Pure parsing, no geometry: loading the whole catalog stays fast. The checks
are the kernel's validation toolkit's; a problem raises ``FigureDataError``
(an ``Invalid``) with the key path, which the catalog loader turns into its
usual "file: key '...': detail" message.

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

import re
from collections.abc import Callable
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
from app.kernel.validation import Checker, Invalid, KeyPath, quoted, show

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


class FigureDataError(Invalid):
    """A refused value of the picture data: ``key`` is its path as text, ``detail`` what is wrong."""

    def __init__(self, at: KeyPath, detail: str) -> None:
        super().__init__(at, detail)
        self.key = str(at)
        self.detail = detail


class _FigureChecker(Checker):
    def error(self, at: KeyPath, message: str) -> FigureDataError:
        return FigureDataError(at, message)


_check = _FigureChecker()  # keeps no state: one for every file
_FIGURE_AT: Final = KeyPath("figure")
_POSES_AT: Final = KeyPath("poses")


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


# --------------------------------------------------------------------------
# [figure]
# --------------------------------------------------------------------------


def parse_figure(value: Any, at: KeyPath = _FIGURE_AT) -> FigureSpec:
    table = _check.table(value, at)
    _check.keys(table, _FIGURE_KEYS, (), at)
    props: list[PropSpec] = []
    raw = table.get("props", [])
    for i, item in enumerate(_check.array(raw, at / "props"), 1):
        item_at = at / "props" / i
        if isinstance(item, str):
            kind = _check.choice(item, item_at, tuple(ATTACHMENTS))
            spec = PropSpec.default(kind)
        else:
            entry = _check.table(item, item_at)
            _check.keys(entry, _PROP_KEYS, ("kind",), item_at)
            kind = _check.choice(entry["kind"], item_at / "kind", tuple(ATTACHMENTS))
            place = entry.get("at", ATTACHMENTS[kind][0])
            spec = PropSpec(kind, _check.choice(place, item_at / "at", ATTACHMENTS[kind]))
        if any(p.kind == spec.kind for p in props):
            _check.fail(item_at, f"repeats {show(spec.kind)}")
        props.append(spec)
    highlight = None
    if "highlight" in table:
        highlight = parse_highlight(table["highlight"], at / "highlight")
    return FigureSpec(tuple(props), highlight)


def parse_highlight(value: Any, at: KeyPath) -> str:
    if value is True:
        return "both"
    if value is False:
        return "none"
    return _check.choice(value, at, HIGHLIGHTS)


def parse_arrow(value: Any, at: KeyPath) -> Arrow:
    if isinstance(value, str):
        part, sep, way = value.rpartition("-")
        if not sep or part not in ARROW_PARTS or way not in ARROW_WAYS:
            _check.fail(at, f"expected \"<part>-<way>\" with a part from {quoted(ARROW_PARTS)} "
                            f"and a way from {quoted(ARROW_WAYS)}, got {show(value)}")
        return Arrow(part, way)
    table = _check.table(value, at)
    _check.keys(table, _ARROW_KEYS, ("part", "way"), at)
    return Arrow(
        part=_check.choice(table["part"], at / "part", ARROW_PARTS),
        way=_check.choice(table["way"], at / "way", ARROW_WAYS),
        side=_check.choice(table.get("side", "near"), at / "side", SIDES),
    )


# --------------------------------------------------------------------------
# [poses.<name>]
# --------------------------------------------------------------------------


def parse_poses(value: Any, figure: FigureSpec, at: KeyPath = _POSES_AT) -> tuple[Pose, ...]:
    table = _check.table(value, at)
    poses = []
    for name, data in table.items():
        if not POSE_NAME_RE.match(name):
            _check.fail(at / name, "a pose name is lower-case letters, digits and '-'")
        poses.append(parse_pose(name, data, figure, at / name))
    return tuple(poses)


def _limbs(base: Limbs, value: Any, at: KeyPath) -> Limbs:
    table = _check.table(value, at)
    _check.keys(table, JOINTS, (), at)
    angles = {j: _check.number(v, at / j, *ANGLE_RANGES[j]) for j, v in table.items()}
    return base.with_angles(**angles)


def _landmark(value: Any, at: KeyPath) -> str:
    if not isinstance(value, str) or value not in LANDMARKS:
        _check.fail(at, f"expected a body point ({', '.join(LANDMARKS)}), got {show(value)}")
    return value


def parse_pose(name: str, value: Any, figure: FigureSpec, at: KeyPath) -> Pose:
    table = _check.table(value, at)
    _check.keys(table, _POSE_KEYS, (), at)
    trunk = _check.number(table.get("trunk", 0.0), at / "trunk", *ANGLE_RANGES["trunk"])
    head = _check.number(table.get("head", 0.0), at / "head", *ANGLE_RANGES["head"])
    both = _limbs(Limbs(), table["both"], at / "both") if "both" in table else Limbs()
    near = _limbs(both, table["near"], at / "near") if "near" in table else both
    far = _limbs(both, table["far"], at / "far") if "far" in table else both

    contacts: list[Contact] = []
    ground = table.get("ground", [])
    if not isinstance(ground, list):
        _check.fail(at / "ground", f"expected an array of body points, got {show(ground)}")
    for i, item in enumerate(ground, 1):
        contacts.append(Contact(_landmark(item, at / "ground" / i)))
    on = _check.table(table.get("on", {}), at / "on")
    kinds = {p.kind for p in figure.props}
    for landmark, surface in on.items():
        item_at = at / "on" / landmark
        _landmark(landmark, item_at)
        supports = tuple(k for k in SUPPORT_HEIGHT if k in kinds)
        if not isinstance(surface, str) or surface not in supports:
            where = (f"one of {quoted(supports)}" if supports
                     else "a support listed in [figure].props (none is)")
            _check.fail(item_at, f"expected {where}, got {show(surface)}")
        contacts.append(Contact(landmark, surface))
    seen: set[str] = set()
    for contact in contacts:
        if contact.landmark in seen:
            _check.fail(at / "on" / contact.landmark,
                        f"{show(contact.landmark)} already rests on the floor")
        seen.add(contact.landmark)

    air = 0.0
    if "air" in table:
        air = _check.number(table["air"], at / "air", 0.0, _MAX_AIR)
        if contacts:
            _check.fail(at / "air", "a pose with contacts cannot float; drop 'air' or the contacts")
    if not contacts and air <= 0.0:
        _check.fail(at, "give 'ground' (or 'on') to say what the body rests on, "
                        "or 'air' for how high it floats")

    facing = _check.choice(table.get("facing", "right"), at / "facing", ("right", "left"))
    overrides = []
    for kind, place in _check.table(table.get("props", {}), at / "props").items():
        item_at = at / "props" / kind
        if kind not in kinds:
            _check.fail(item_at, f"no {show(kind)} in [figure].props")
        overrides.append((kind, _check.choice(place, item_at, ATTACHMENTS[kind])))
    named = None
    if "contacts" in table:
        named = _words(table["contacts"], at / "contacts", parse_contact_word)
    form = tuple(Form(w) for w in _words(table.get("form", []), at / "form",
                                         lambda v, a: _check.choice(v, a, FORMS)))
    return Pose(name=name, trunk=trunk, head=head, near=near, far=far,
                contacts=tuple(contacts), air=air, facing=1 if facing == "right" else -1,
                props=tuple(overrides), named_contacts=named, form=form)


def _words(value: Any, at: KeyPath, parse: Callable[[Any, KeyPath], str]) -> tuple[str, ...]:
    if not isinstance(value, list):
        _check.fail(at, f"expected an array of words, got {show(value)}")
    return _check.list_of(value, at, parse, unique=True)


def split_contact(word: str) -> tuple[str, Thing] | None:
    """``"near-hand-wall"`` -> ``("near-hand", Thing.WALL)``; None if it is not one."""
    part, sep, thing = word.rpartition("-")
    if not sep or part not in CONTACT_PARTS or thing not in CONTACT_THINGS:
        return None
    return part, Thing(thing)


def parse_contact_word(value: Any, at: KeyPath) -> str:
    if not isinstance(value, str) or split_contact(value) is None:
        _check.fail(at, f"expected \"<body part>-<thing>\" with a part from "
                        f"{quoted(tuple(CONTACT_PARTS))} and a thing from "
                        f"{quoted(CONTACT_THINGS)}, got {show(value)}")
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
