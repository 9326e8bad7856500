"""Put a pose on the floor: turn and move the figure so its contacts touch.

The rules, in order:

1. One or two contacts fix the placement: the whole figure is turned (by
   changing the trunk angle) so both touch their surfaces, then moved so
   the first rests at x = 0. The first is the first listed contact on the
   trunk, a thigh, a knee or an elbow; the second the next such contact
   elsewhere, or else, for a body resting on its trunk, the first foot,
   heel, toe, ankle, calf or shin of a leg whose knee rests on nothing (a
   bridge: upper back and feet). With no
   trunk, thigh, knee or elbow contact, the first limb-end contact alone
   fixes it and the trunk keeps its angle (standing, even on one leg).
   A contact at the same spot as the first (both knees of a kneeling
   figure) does not count as a second.
2. Every other contact on a limb's end is reached by moving that limb: the
   head turns on the neck, an arm turns at the shoulder (the hand laid
   flat); a heel, toe, ankle, calf or shin swings the leg at the knee if that
   knee rests on something, else at the hip; a whole foot bends hip and
   knee to stand flat where it is.
3. Any other later contact must already touch; if not, it is reported.
   A free leg whose foot would go through the floor bends its knee.
4. A pose with no contacts floats with its lowest point ``air`` above the
   floor, its ankles over x = 0.

Problems (a contact out of reach, a body part below the floor) are
reported, never raised, so a damaged pose still draws.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Protocol

from app.figure import body, landmarks, outline
from app.figure.equipment import SUPPORT_HEIGHT
from app.figure.kinematics import (
    HAND_FLAT,
    HAND_OPEN,
    Point,
    Skeleton,
    angle_of,
    direction,
    forward,
    head_points,
)
from app.figure.pose import (
    ANGLE_RANGES,
    REACHING_PARTS,
    SIDES,
    Contact,
    Pose,
    interpolate,
    landmark_part,
    landmark_side,
)

TOLERANCE = 1e-6
_ITERATIONS = 40
_TURN_LIMIT = 150.0
_LIMB_ENDS = tuple(p for p in REACHING_PARTS if p not in ("head", "hand"))
_KNEE_PARTS = ("knee", "thigh", "thigh_low")
_LEG_PARTS = (*_KNEE_PARTS, "calf", "shin", "ankle", "heel", "toe", "foot")


@dataclass(frozen=True)
class Placement:
    pose: Pose                    # the angles actually drawn (after turning and reaching)
    skeleton: Skeleton            # world coordinates, floor at y = 0
    contacts: dict[str, Point]    # landmark -> where it touches (world)
    problems: tuple[str, ...] = ()
    root: Point = (0.0, 0.0)      # the hip, before mirroring: forward(pose, root) redraws it


def surface_height(contact: Contact, heights: Mapping[str, float] | None = None) -> float:
    if contact.surface == "floor":
        return 0.0
    table = heights if heights is not None else SUPPORT_HEIGHT
    return table.get(contact.surface, SUPPORT_HEIGHT.get(contact.surface, 0.0))


def place(pose: Pose, heights: Mapping[str, float] | None = None) -> Placement:
    """Solve ``pose`` onto the floor (and its props); see the module docstring."""
    problems: list[str] = []
    work = replace(pose, facing=1)
    flat_feet = [landmark_side(c.landmark) for c in pose.contacts
                 if landmark_part(c.landmark) == "foot"]
    flat_hands = [landmark_side(c.landmark) for c in pose.contacts
                  if landmark_part(c.landmark) == "hand"]

    def skeleton(pose: Pose, root: Point = (0.0, 0.0)) -> Skeleton:
        skel = forward(_lay_flat(pose, flat_feet, flat_hands), root)
        near = HAND_FLAT if "near" in flat_hands else HAND_OPEN
        far = HAND_FLAT if "far" in flat_hands else HAND_OPEN
        return skel.with_hands(near, far)

    anchors, later = _split_contacts(work, pose.contacts, skeleton)
    if anchors:
        work = _turn_to_anchors(work, anchors, heights, skeleton, problems)
        skel = skeleton(work)
        first = anchors[0]
        cx, cy = landmarks.contact_point(skel, first.landmark)
        root = (-cx, surface_height(first, heights) - cy)
    else:
        skel = skeleton(work)
        low = outline.lowest_y(skel)
        mid_x = (skel["near_ankle"][0] + skel["far_ankle"][0]) / 2
        root = (-mid_x, pose.air - low)

    for contact in later:
        work = _reach(work, contact, root, heights, skeleton, problems)
    work = _lay_flat(work, flat_feet, flat_hands)
    work = _clear_floor(work, root, skeleton)
    skel = skeleton(work, root)

    touching: dict[str, Point] = {}
    for contact in pose.contacts:
        point = landmarks.contact_point(skel, contact.landmark)
        touching[contact.landmark] = point
        gap = point[1] - surface_height(contact, heights)
        if abs(gap) > TOLERANCE:
            problems.append(f"{contact.landmark} does not reach the {contact.surface} "
                            f"({gap:+.3f} body heights)")
    for name, part in outline.parts(skel).items():
        low = min(y for _, y in part.polygon)
        if low < -TOLERANCE:
            problems.append(f"{name.replace('_', ' ')} is {-low:.3f} body heights below the floor")

    if pose.facing < 0:
        skel = skel.mirrored()
        touching = {k: (-x, y) for k, (x, y) in touching.items()}
    return Placement(replace(work, facing=pose.facing), skel, touching, tuple(problems), root)


def place_between(pose_a: Pose, pose_b: Pose, t: float,
                  heights: Mapping[str, float] | None = None,
                  placed: tuple[Placement, Placement] | None = None) -> Placement:
    """The placed figure a fraction ``t`` of the way from ``pose_a`` to ``pose_b``.

    The blend starts from the two poses as solved (turned, limbs reached),
    so a hand that reaches the floor at the end does not first dive through
    it. With contacts in common the blend is solved like any pose (what
    stays planted stays planted). Without, it floats from where ``pose_a``
    stood to where ``pose_b`` stands (a jump): its hips move in a straight
    line between the two placements. ``placed``: the two poses already
    placed, to save solving them again.
    """
    if t <= 0.0:
        return placed[0] if placed else place(pose_a, heights)
    if t >= 1.0:
        return placed[1] if placed else place(pose_b, heights)
    a, b = placed if placed else (place(pose_a, heights), place(pose_b, heights))
    solved_a = replace(a.pose, contacts=pose_a.contacts)
    solved_b = replace(b.pose, contacts=pose_b.contacts)
    blend = interpolate(solved_a, solved_b, t)
    if blend.contacts:
        return place(blend, heights)
    ha, hb = a.skeleton["hip"], b.skeleton["hip"]
    facing = blend.facing
    skel = forward(replace(blend, facing=1))
    hx = ha[0] + (hb[0] - ha[0]) * t
    hy = ha[1] + (hb[1] - ha[1]) * t
    skel = skel.moved(-hx, hy).mirrored() if facing < 0 else skel.moved(hx, hy)
    low = outline.lowest_y(skel)
    if low < 0.0:  # never dip through the floor on the way
        skel = skel.moved(0.0, -low)
    root = skel["hip"] if facing > 0 else (-skel["hip"][0], skel["hip"][1])
    return Placement(blend, skel, {}, (), root)


def _lay_flat(pose: Pose, feet: list[str | None], hands: list[str | None]) -> Pose:
    """Level the feet and hands that rest whole on a surface.

    A level foot points straight ahead; a level hand points ahead or back,
    whichever is nearer to the way the pose holds it.
    """
    if not feet and not hands:
        return pose
    for side in feet:
        if side is None:
            continue
        limbs = pose.side(side)
        shank = -pose.trunk + limbs.hip - limbs.knee
        pose = pose.with_side(side, limbs.with_angles(ankle=_wrap_deg(shank)))
    for side in hands:
        if side is None:
            continue
        limbs = pose.side(side)
        fore = -pose.trunk + limbs.shoulder + limbs.elbow
        level = 90.0 if math.sin(math.radians(fore + limbs.wrist)) >= 0 else -90.0
        pose = pose.with_side(side, limbs.with_angles(wrist=_wrap_deg(level - fore)))
    return pose


def _clear_floor(pose: Pose, root: Point, skeleton: _SkeletonFn) -> Pose:
    """Bend the knee of a free leg whose foot would go through the floor.

    A straight leg swinging past the standing one is longer than it: a real
    swing clears the floor with a little knee bend, and so does this.
    """
    resting = {landmark_side(c.landmark) for c in pose.contacts
               if landmark_part(c.landmark) in _LEG_PARTS}
    for side in SIDES:
        if side in resting:
            continue

        def gap(knee: float, side: str = side, pose: Pose = pose) -> float:
            limbs = pose.side(side).with_angles(knee=knee)
            skel = skeleton(pose.with_side(side, limbs), root)
            return min(y for _, y in outline.foot(skel, side) + landmarks.points(skel, f"{side}_ankle"))

        knee = pose.side(side).knee
        if gap(knee) >= 0.0:
            continue
        low, high = knee, knee
        while gap(high) < 0.0 and high < 160.0:
            low, high = high, min(160.0, high + 5.0)
        for _ in range(30):
            mid = (low + high) / 2
            low, high = (mid, high) if gap(mid) < 0.0 else (low, mid)
        pose = pose.with_side(side, pose.side(side).with_angles(knee=high))
    return pose


def _split_contacts(pose: Pose, contacts: tuple[Contact, ...],
                    skeleton: _SkeletonFn) -> tuple[list[Contact], list[Contact]]:
    skel = skeleton(pose)
    resting = [c for c in contacts if landmark_part(c.landmark) not in REACHING_PARTS]
    if not resting:
        # Standing (or hopping) on a limb end: it alone fixes the placement.
        ends = [c for c in contacts if landmark_part(c.landmark) in _LIMB_ENDS]
        return ends[:1], [c for c in contacts if c not in ends[:1]]
    anchors = [resting[0]]
    first = landmarks.contact_point(skel, resting[0].landmark)
    candidates = resting[1:]
    if landmark_side(resting[0].landmark) is None:
        # Lying on the trunk: the feet at the other end can hold the body's angle.
        pinned = {landmark_side(c.landmark) for c in contacts
                  if landmark_part(c.landmark) in _KNEE_PARTS}
        candidates += [c for c in contacts if landmark_part(c.landmark) in _LIMB_ENDS
                       and landmark_side(c.landmark) not in pinned]
    for contact in candidates:
        if contact.surface == resting[0].surface and math.dist(
                landmarks.contact_point(skel, contact.landmark), first) < 1e-9:
            continue
        anchors.append(contact)
        break
    return anchors, [c for c in contacts if c not in anchors]


def _turn_to_anchors(pose: Pose, anchors: list[Contact], heights: Mapping[str, float] | None,
                     skeleton: _SkeletonFn, problems: list[str]) -> Pose:
    if len(anchors) < 2:
        return pose
    first, second = anchors
    rise = surface_height(second, heights) - surface_height(first, heights)
    for _ in range(_ITERATIONS):
        skel = skeleton(pose)
        x1, y1 = landmarks.contact_point(skel, first.landmark)
        x2, y2 = landmarks.contact_point(skel, second.landmark)
        dx, dy = x2 - x1, y2 - y1
        reach = math.hypot(dx, dy)
        if reach < 1e-9:
            return pose
        if abs(rise) > reach:
            problems.append(f"{second.landmark} cannot reach the {second.surface}")
            return pose
        if abs(dy - rise) < 1e-12:
            return pose
        beta = math.atan2(dy, dx)
        s = math.asin(rise / reach)
        options = [_wrap(s - beta), _wrap(math.pi - s - beta)]
        alpha = min(options, key=abs)
        pose = replace(pose, trunk=_wrap_deg(pose.trunk - math.degrees(alpha)))
    return pose


def _reach(pose: Pose, contact: Contact, root: Point, heights: Mapping[str, float] | None,
           skeleton: _SkeletonFn, problems: list[str]) -> Pose:
    part = landmark_part(contact.landmark)
    side = landmark_side(contact.landmark)
    target_y = surface_height(contact, heights) - root[1]  # in the unmoved frame
    if part == "head":
        return _turn_head(pose, target_y, skeleton, problems)
    if side is None or part not in REACHING_PARTS:
        return pose  # must already touch: checked by the caller
    if part == "foot":
        return _set_foot(pose, side, contact, target_y, skeleton, problems)
    # A leg whose knee (or thigh) already rests on something swings from the knee.
    pinned = any(landmark_side(c.landmark) == side and landmark_part(c.landmark) in _KNEE_PARTS
                 for c in pose.contacts)
    joint = "shoulder" if part == "hand" else ("knee" if pinned else "hip")

    def gap(angle: float) -> float:
        limbs = pose.side(side).with_angles(**{joint: angle})
        skel = skeleton(pose.with_side(side, limbs))
        return landmarks.contact_point(skel, contact.landmark)[1] - target_y

    angle = _nearest_root(gap, getattr(pose.side(side), joint), _TURN_LIMIT)
    if angle is None:
        problems.append(f"{contact.landmark} cannot reach the {contact.surface}")
        return pose
    return pose.with_side(side, pose.side(side).with_angles(**{joint: angle}))


def _set_foot(pose: Pose, side: str, contact: Contact, target_y: float, skeleton: _SkeletonFn,
              problems: list[str]) -> Pose:
    """Bend hip and knee so the (flat) foot stands on the surface where it is."""
    for _ in range(_ITERATIONS):
        skel = skeleton(pose)
        low = landmarks.contact_point(skel, contact.landmark)
        gap = low[1] - target_y
        if abs(gap) < 1e-10:
            return pose
        end = skel[f"{side}_ankle"]
        moved = bend(pose, skel, side, "leg", (end[0], end[1] - gap))
        if moved is None:
            problems.append(f"{contact.landmark} cannot reach the {contact.surface}")
            return pose
        pose = moved
    return pose


def _nearest_root(gap: Callable[[float], float], start: float, limit: float) -> float | None:
    """The angle nearest ``start`` (within ``limit`` degrees) where ``gap`` is zero."""
    g_start = gap(start)
    if abs(g_start) < 1e-10:
        return start
    step = 3.0
    previous = {1.0: (start, g_start), -1.0: (start, g_start)}
    for k in range(1, int(limit / step) + 1):
        for sign in (1.0, -1.0):
            a0, g0 = previous[sign]
            a1 = start + sign * step * k
            g1 = gap(a1)
            previous[sign] = (a1, g1)
            if g0 * g1 > 0.0:
                continue
            return _refine(gap, a0, g0, a1, g1)
    return None


def _refine(gap: Callable[[float], float], a0: float, g0: float, a1: float, g1: float) -> float:
    """The root of ``gap`` between a0 and a1 (signs differ): regula falsi, Illinois style.

    A handful of steps instead of bisection's forty: this runs for every
    frame of an animation.
    """
    for _ in range(60):
        if g0 == g1:
            break
        a = a1 - g1 * (a1 - a0) / (g1 - g0)
        g = gap(a)
        if abs(g) < 1e-11:
            return a
        if g * g1 < 0.0:
            a0, g0 = a1, g1
        else:
            g0 /= 2  # the end kept twice pulls less, so the bracket keeps shrinking
        a1, g1 = a, g
    return a1


def bend(pose: Pose, skel: Skeleton, side: str, limb: str, target: Point,
         elbow_down: bool = False) -> Pose | None:
    """Two-joint reach: put the wrist (arm) or ankle (leg) on ``target``.

    Knees and elbows bend their natural way. ``elbow_down`` instead takes
    whichever arm has the elbow lower: seen from the side, hands holding a
    bar behind the neck reach it with the arm turned out, which in the
    picture looks like an elbow bent backwards.
    """
    limbs = pose.side(side)
    if limb == "arm":
        origin, l1, l2 = skel["shoulder"], body.UPPER_ARM, body.FOREARM
    else:
        origin, l1, l2 = skel["hip"], body.THIGH, body.SHANK
    d = math.dist(origin, target)
    if d > l1 + l2 - 1e-9 or d < abs(l1 - l2) + 1e-9:
        return None
    base = angle_of(target[0] - origin[0], target[1] - origin[1])
    spread = math.acos(max(-1.0, min(1.0, (l1 * l1 + d * d - l2 * l2) / (2 * l1 * d))))
    best: Pose | None = None
    best_cost = math.inf
    for sign in (1.0, -1.0):
        a1 = base + sign * spread
        jx, jy = origin[0] + l1 * direction(a1)[0], origin[1] + l1 * direction(a1)[1]
        a2 = angle_of(target[0] - jx, target[1] - jy)
        if limb == "arm":
            shoulder = limbs.shoulder + _wrap_deg(math.degrees(a1) + pose.trunk - limbs.shoulder)
            elbow = _wrap_deg(math.degrees(a2 - a1))
            if elbow_down:
                candidate = limbs.with_angles(shoulder=shoulder, elbow=elbow)
                cost = jy
            else:
                if elbow < -1e-6:
                    continue
                candidate = limbs.with_angles(shoulder=shoulder, elbow=max(0.0, elbow))
                cost = abs(shoulder - limbs.shoulder) + abs(elbow - limbs.elbow)
        else:
            hip = limbs.hip + _wrap_deg(math.degrees(a1) + pose.trunk - limbs.hip)
            knee = _wrap_deg(math.degrees(a1 - a2))
            if knee < -1e-6:
                continue
            candidate = limbs.with_angles(hip=hip, knee=max(0.0, knee))
            cost = abs(hip - limbs.hip) + abs(knee - limbs.knee)
        if cost < best_cost:
            best, best_cost = pose.with_side(side, candidate), cost
    return best


def _turn_head(pose: Pose, target_y: float, skeleton: _SkeletonFn, problems: list[str]) -> Pose:
    shoulder = skeleton(pose)["shoulder"]
    low, high = ANGLE_RANGES["head"]

    def gap(head: float) -> float:
        a = math.pi - math.radians(pose.trunk + min(high, max(low, head)))
        _, centre = head_points(shoulder, a)
        return outline.head_bottom(centre, a) - target_y

    angle = _nearest_root(gap, pose.head, high - low)
    if angle is None or not low <= angle <= high:
        problems.append("head cannot reach the floor")
        return pose
    return replace(pose, head=angle)


def _wrap(a: float) -> float:
    return (a + math.pi) % (2 * math.pi) - math.pi


def _wrap_deg(a: float) -> float:
    return (a + 180.0) % 360.0 - 180.0


class _SkeletonFn(Protocol):
    def __call__(self, pose: Pose, root: Point = (0.0, 0.0)) -> Skeleton: ...
