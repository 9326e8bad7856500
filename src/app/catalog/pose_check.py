"""Does a step's picture show what its words say? Measured, not eyeballed.

Each pose lists the contacts its step's text names (``contacts =
["hands-bar", "calves-ball"]``) and the shape it describes (``form =
["hinge"]``). ``check_step`` places the pose exactly as the picture does
(the same solver, the same equipment) and measures, on the landmark
outlines:

- every named contact: the body part touches the thing (a hand closes on
  the bar, the calves rest on the ball, the feet stand on the floor, the
  body lies on the bench and not beside it);
- every named form: "hinge" is hips bent and knees soft, and so on;
- nothing passes through the floor or a support (ball, roller, bench, the
  machine's bench), and a bar never runs through the legs;
- every joint angle stays in a range a trained human reaches (tighter than
  the loader's sanity ranges, which only catch typos).

A problem names the exercise, the step, the pose and the contact or form at
fault, so a failing test says which picture to fix. Pure Python, no Qt.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from app.figure import body, landmarks, outline
from app.figure import equipment as eq
from app.figure.holding import Frame, PlacedProp, fist_centre, mirrored
from app.figure.kinematics import HAND_FIST, Point, Skeleton
from app.figure.placement import Placement, place
from app.figure.pose import JOINTS, SIDES, Form, Pose, Thing
from app.figure.props import arrange
from app.figure.spec import CONTACT_PARTS, split_contact

if TYPE_CHECKING:
    from app.catalog.model import Exercise

# How far (body heights, 1.0 = 1.75 m) a touching part may be from what it
# touches, or sink into it: about 1.5 cm. The solver is exact; the slack is
# for parts such as a fist, whose drawn edge is not its centre.
TOUCH: Final = 0.009
# A hand holds something when the thing's grip point is inside the drawn
# hand, give or take this much (a fist is 0.022 in radius).
GRIP: Final = 0.03

# Joint ranges a trained athlete reaches, degrees, in the pose's own terms
# (see app.figure.pose). Tighter than ANGLE_RANGES, which only catch typos.
HUMAN_RANGES: Final[dict[str, tuple[float, float]]] = {
    "head": (-60.0, 60.0),
    "shoulder": (-65.0, 185.0),   # extension about 60, full overhead reach
    "elbow": (0.0, 150.0),
    "wrist": (-90.0, 90.0),       # a flat palm under a push-up is at 90
    "hip": (-35.0, 135.0),        # a long lunge's back leg, a deep fold
    "knee": (0.0, 160.0),         # kneeling back on the heels
    "ankle": (-40.0, 80.0),       # toes tucked under, the instep on the floor
}

# Hands on a bar across the upper back: the arms turn out, and seen from the
# side the elbow draws bent "backwards" (placement.bend's elbow_down) this far.
BAR_ON_BACK_ELBOW: Final = 165.0

# Forms, measured.
IN_LINE_DEGREES: Final = 15.0      # shoulder-hip-knee bent by no more than this
HINGE_HIP_MIN: Final = 45.0        # a hinge bends the hips at least this much...
HINGE_KNEE_MAX: Final = 25.0       # ...and the knees no more than this
SHALLOW_KNEE: Final = (25.0, 80.0)  # a shallow squat's knee bend: a dip, not a full squat
STRAIGHT_ARM_MAX: Final = 15.0
UNDER_SHOULDER: Final = 0.06       # hands this close to under the shoulders (x)
UPRIGHT_DEGREES: Final = 12.0
# A leg called straight ("lower back to straight") may keep a soft knee, no more:
# a curl drawn with the shin swung 20 degrees back reads as still curling.
STRAIGHT_LEG_MAX: Final = 8.0
BELL_HANDS_ALONG_THIGH: Final = 0.7  # a backswing's hands are high between the thighs

_BESIDE_A_BENCH: Final = ("upper_arm", "forearm", "hand")
_SUPPORTS: Final = {Thing.BALL: "stability-ball", Thing.ROLLER: "foam-roller", Thing.BENCH: "bench",
                    Thing.BOX: "box"}


@dataclass(frozen=True)
class PoseProblem:
    exercise: str
    step: int            # counted from 1, as the picture's caption counts
    pose: str
    item: str            # the contact ("hands-bar"), form ("hinge"), joint or "floor"
    detail: str

    def __str__(self) -> str:
        return (f"{self.exercise}, step {self.step} (pose {self.pose!r}): "
                f"{self.item}: {self.detail}")


@dataclass(frozen=True)
class World:
    """A placed step seen facing right (the solver's frame)."""

    pose: Pose                       # the angles drawn, after reaching and gripping
    skel: Skeleton
    props: dict[str, PlacedProp]
    problems: tuple[str, ...]


def check_step(exercise: Exercise, index: int) -> list[PoseProblem]:
    """Every way step ``index`` (from 0) of ``exercise`` differs from its words."""
    step = exercise.steps[index]
    declared = exercise.pose(step.pose)
    world = place_world(exercise, declared)

    def problem(item: str, detail: str) -> PoseProblem:
        return PoseProblem(exercise.slug, index + 1, declared.name, item, detail)

    found = [problem("placement", p) for p in world.problems]
    if declared.named_contacts is None:
        found.append(problem("contacts", "the pose does not say what touches what "
                                         "(add contacts = [...] to it)"))
    for word in declared.named_contacts or ():
        detail = contact_detail(world, word)
        if detail:
            found.append(problem(word, detail))
    for form in declared.form:
        detail = FORM_CHECKS[form](world)
        if detail:
            found.append(problem(form, detail))
    found += [problem(item, detail) for item, detail in through_details(world)]
    found += [problem(item, detail) for item, detail in _ranges(world)]
    return found


def check_exercise(exercise: Exercise) -> list[PoseProblem]:
    return [p for i in range(len(exercise.steps)) for p in check_step(exercise, i)]


def place_world(exercise: Exercise, pose: Pose) -> World:
    """``pose`` placed as ``exercise``'s picture places it, with its equipment."""
    placed: Placement = place(pose, dict(eq.SUPPORT_HEIGHT))
    placed, props = arrange(exercise.figure.props, pose, placed)
    skel = Frame(placed).skel
    if placed.pose.facing < 0:
        props = tuple(mirrored(p) for p in props)
    return World(placed.pose, skel, {p.kind: p for p in props if p.points}, placed.problems)


# --------------------------------------------------------------------------
# Contacts
# --------------------------------------------------------------------------


def contact_detail(world: World, word: str) -> str | None:
    """How the contact ``word`` ("hands-bar") fails in ``world``; None when it holds."""
    split = split_contact(word)
    assert split is not None, word  # the loader refused anything else
    part, thing = split
    for landmark in CONTACT_PARTS[part]:
        detail = _touches(world, landmark, thing)
        if detail:
            return f"{landmark.replace('_', ' ')} {detail}"
    return None


def _touches(world: World, landmark: str, thing: Thing) -> str | None:
    skel, props = world.skel, world.props
    points = landmarks.points(skel, landmark)
    if thing in (Thing.FLOOR, Thing.MAT):
        low = min(y for _, y in points)
        return None if abs(low) <= TOUCH else f"is {low:+.3f} body heights off the floor"
    if thing in _SUPPORTS:
        prop = props.get(_SUPPORTS[thing])
        if prop is None:
            return f"has no {thing} in the picture"
        if thing in (Thing.BALL, Thing.ROLLER):
            centre, radius = prop.points["centre"], prop.values["radius"]
            gap = min(math.dist(p, centre) for p in points) - radius
            return None if abs(gap) <= TOUCH else f"is {gap:+.3f} body heights from the {thing}"
        return _on_top(points, prop.points["top_left"], prop.points["top_right"], thing)
    if thing == Thing.MACHINE:
        prop = props.get("leg-curl-machine")
        if prop is None or "bench_start" not in prop.points:
            return "has no lying machine's bench in the picture"
        return _on_top(points, prop.points["bench_start"], prop.points["bench_end"], "machine's bench")
    if thing == Thing.PAD:
        prop = props.get("leg-curl-machine")
        if prop is None:
            return "has no leg-curl machine in the picture"
        pad, radius = prop.points["pad"], prop.values["pad_radius"]
        gap = min(math.dist(p, pad) for p in points) - radius
        return None if abs(gap) <= TOUCH else f"is {gap:+.3f} body heights from the pad"
    if thing == Thing.WALL:
        prop = props.get("wall")
        if prop is None:
            return "has no wall in the picture"
        (x0, y0), (x1, y1) = prop.points["bottom_left"], prop.points["top_right"]
        cx, cy = _centre(points)
        inside = x0 <= cx <= x1 and y0 <= cy <= y1
        flat = landmark.endswith("hand") and skel.hand(landmark.split("_")[0]) != HAND_FIST
        if not inside:
            return "is not against the wall"
        return None if flat or not landmark.endswith("hand") else "is not laid flat on the wall"
    if thing == Thing.PARTNER:
        prop = props.get("partner")
        if prop is None:
            return "has no partner in the picture"
        gap = min(math.dist(p, prop.points["hands"]) for p in points)
        return None if gap <= GRIP else f"is {gap:.3f} body heights from the partner's hands"
    # Things held: the grip point must be inside the hand.
    if not landmark.endswith("hand"):
        return f"cannot hold the {thing}"
    side = landmark.split("_")[0]
    grip = _grip_point(props, thing, side)
    if grip is None:
        return f"has no {thing} in the picture"
    hand = fist_centre(skel, side) if skel.hand(side) == HAND_FIST else _centre(points)
    gap = math.dist(hand, grip)
    return None if gap <= GRIP else f"is {gap:.3f} body heights from the {thing}"


def _on_top(points: list[Point], left: Point, right: Point, what: str) -> str | None:
    top = left[1]
    x0, x1 = min(left[0], right[0]), max(left[0], right[0])
    low = min(y for _, y in points)
    if abs(low - top) > TOUCH:
        return f"is {low - top:+.3f} body heights from the top of the {what}"
    resting = [x for x, y in points if y - low <= TOUCH]
    if not any(x0 <= x <= x1 for x in resting):
        return f"is beside the {what}, not on it"
    return None


def _grip_point(props: dict[str, PlacedProp], thing: Thing, side: str) -> Point | None:
    if thing == Thing.BAR and "barbell" in props:
        return props["barbell"].points["centre"]
    if thing == Thing.BELL and "kettlebell" in props:
        return props["kettlebell"].points["handle"]
    if thing == Thing.DUMBBELLS and "dumbbells" in props:
        return props["dumbbells"].points.get(side)
    if thing == Thing.HANDLES:
        for kind in ("leg-curl-machine", "cable-machine"):
            if kind in props and "handle" in props[kind].points:
                return props[kind].points["handle"]
    return None


def _centre(points: list[Point]) -> Point:
    return (sum(x for x, _ in points) / len(points), sum(y for _, y in points) / len(points))


# --------------------------------------------------------------------------
# Forms: angles measured on the drawn skeleton
# --------------------------------------------------------------------------


def _bend(a: Point, joint: Point, b: Point) -> float:
    """How far the line a-joint-b is bent from straight, in degrees."""
    v1 = (a[0] - joint[0], a[1] - joint[1])
    v2 = (b[0] - joint[0], b[1] - joint[1])
    cos = (v1[0] * v2[0] + v1[1] * v2[1]) / (math.hypot(*v1) * math.hypot(*v2))
    return 180.0 - math.degrees(math.acos(max(-1.0, min(1.0, cos))))


def _hip_bend(skel: Skeleton, side: str) -> float:
    return _bend(skel["shoulder"], skel["hip"], skel[f"{side}_knee"])


def _knee_bend(skel: Skeleton, side: str) -> float:
    return _bend(skel["hip"], skel[f"{side}_knee"], skel[f"{side}_ankle"])


def _in_line(world: World) -> str | None:
    worst = max(_hip_bend(world.skel, s) for s in SIDES)
    return None if worst <= IN_LINE_DEGREES else f"the hips are bent {worst:.0f} degrees (a pike)"


def _standing(world: World) -> tuple[str, ...]:
    """The legs whose foot is on the floor (both, if none is: a floating pose)."""
    sides = tuple(s for s in SIDES if any(
        c.landmark.startswith(f"{s}_") and c.landmark.endswith(("foot", "heel", "toe"))
        for c in world.pose.contacts))
    return sides or SIDES


def _hinge(world: World) -> str | None:
    # Only the standing legs: a single-leg hinge's free leg reaches back straight.
    skel, legs = world.skel, _standing(world)
    hip = min(_hip_bend(skel, s) for s in legs)
    knee = max(_knee_bend(skel, s) for s in legs)
    if hip < HINGE_HIP_MIN:
        return f"the hips are bent only {hip:.0f} degrees"
    if knee > HINGE_KNEE_MAX:
        return f"the knees are bent {knee:.0f} degrees: a squat, not a hinge"
    return None


def _shallow(world: World) -> str | None:
    low, high = SHALLOW_KNEE
    knee = max(_knee_bend(world.skel, s) for s in _standing(world))
    if knee > high:
        return f"the knees are bent {knee:.0f} degrees: deeper than a shallow squat"
    if knee < low:
        return f"the knees are bent only {knee:.0f} degrees: no squat"
    return None


def _arms_straight(world: World) -> str | None:
    skel = world.skel
    worst = max(_bend(skel["shoulder"], skel[f"{s}_elbow"], skel[f"{s}_wrist"]) for s in SIDES)
    return None if worst <= STRAIGHT_ARM_MAX else f"the elbows are bent {worst:.0f} degrees"


def _under_shoulders(world: World) -> str | None:
    skel = world.skel
    worst = max(abs(skel[f"{s}_wrist"][0] - skel["shoulder"][0]) for s in SIDES)
    if worst <= UNDER_SHOULDER:
        return None
    return f"the hands are {worst:.3f} body heights from under the shoulders"


def _bell_between_thighs(world: World) -> str | None:
    bell = world.props.get("kettlebell")
    if bell is None:
        return "there is no kettlebell in the picture"
    skel = world.skel
    handle, centre = bell.points["handle"], bell.points["centre"]
    thighs = [outline.limb(skel["hip"], skel[f"{s}_knee"], skel.angles[f"{s}_thigh"],
                           body.THIGH_PROFILE)[0] for s in SIDES]
    if not any(_inside(handle, t) for t in thighs):
        return "the hands are not between the thighs"
    hip, knee = skel["hip"], skel["near_knee"]
    along = ((handle[0] - hip[0]) * (knee[0] - hip[0]) + (handle[1] - hip[1]) * (knee[1] - hip[1])
             ) / body.THIGH ** 2
    if along > BELL_HANDS_ALONG_THIGH:
        return f"the hands are down by the knees ({along:.0%} of the way), not up between the thighs"
    knee_x = min(skel[f"{s}_knee"][0] for s in SIDES)
    if centre[0] > knee_x:
        return "the bell hangs in front of the knees, not back between the legs"
    return None


def _leg_straight(world: World) -> str | None:
    # The working leg is the one off the floor (a standing curl's); with both
    # feet down or none, both legs are meant.
    standing = _standing(world)
    legs = tuple(s for s in SIDES if s not in standing) or SIDES
    bend, side = max((_knee_bend(world.skel, s), s) for s in legs)
    return None if bend <= STRAIGHT_LEG_MAX else f"the {side} knee is bent {bend:.0f} degrees"


def _upright(world: World) -> str | None:
    lean = abs(world.pose.trunk)
    return None if lean <= UPRIGHT_DEGREES else f"the trunk leans {lean:.0f} degrees"


# Each form's measure: how the world fails it, or None. Every Form has one (a test checks).
FORM_CHECKS = {
    Form.HIPS_IN_LINE: _in_line,
    Form.HINGE: _hinge,
    Form.SHALLOW_SQUAT: _shallow,
    Form.ARMS_STRAIGHT: _arms_straight,
    Form.HANDS_UNDER_SHOULDERS: _under_shoulders,
    Form.BELL_BETWEEN_THIGHS: _bell_between_thighs,
    Form.UPRIGHT: _upright,
    Form.LEG_STRAIGHT: _leg_straight,
}


def _inside(p: Point, polygon: list[Point]) -> bool:
    x, y = p
    inside = False
    for (x0, y0), (x1, y1) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (x1 - x0) * (y - y0) / (y1 - y0):
            inside = not inside
    return inside


# --------------------------------------------------------------------------
# Nothing through the floor or the equipment; joints in human range
# --------------------------------------------------------------------------


def through_details(world: World) -> list[tuple[str, str]]:
    """(item, detail) for each body part passing through the floor or a support."""
    found: list[tuple[str, str]] = []
    parts = outline.parts(world.skel)
    for name, part in parts.items():
        low = min(y for _, y in part.polygon)
        if low < -TOUCH:
            found.append(("floor", f"the {name.replace('_', ' ')} is {-low:.3f} below the floor"))
    for kind in ("stability-ball", "foam-roller"):
        prop = world.props.get(kind)
        if prop is None:
            continue
        centre, radius = prop.points["centre"], prop.values["radius"]
        for name, part in parts.items():
            depth = radius - min(math.dist(p, centre) for p in part.polygon)
            if depth > TOUCH:
                found.append((kind, f"the {name.replace('_', ' ')} sinks {depth:.3f} into it"))
    slabs = [(k, p.points["top_left"], p.points["top_right"]) for k, p in world.props.items()
             if k in ("bench", "box")]
    machine = world.props.get("leg-curl-machine")
    if machine is not None and "bench_start" in machine.points:
        slabs.append(("machine's bench", machine.points["bench_start"], machine.points["bench_end"]))
    for kind, left, right in slabs:
        x0, x1 = min(left[0], right[0]), max(left[0], right[0])
        top = left[1]
        for name, part in parts.items():
            if name.endswith(_BESIDE_A_BENCH):
                continue  # a bench is narrower than the shoulders: arms hang past its sides
            depth = max((top - y for x, y in part.polygon if x0 < x < x1 and y < top), default=0.0)
            if TOUCH < depth < top:
                found.append((kind, f"the {name.replace('_', ' ')} sinks {depth:.3f} into it"))
    bar = world.props.get("barbell")
    if bar is not None:
        centre = bar.points["centre"]
        for side in SIDES:
            for segment in ("thigh", "shank"):
                poly = parts[f"{side}_{segment}"].polygon
                if _inside(centre, poly) and _depth(centre, poly) > eq.BAR_RADIUS:
                    found.append(("barbell", f"the bar runs through the {side} {segment}"))
    return found


def _depth(p: Point, polygon: list[Point]) -> float:
    """Distance from a point inside ``polygon`` to its edge."""
    best = math.inf
    for a, b in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        dx, dy = b[0] - a[0], b[1] - a[1]
        length2 = dx * dx + dy * dy or 1e-12
        t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
        best = min(best, math.hypot(p[0] - a[0] - dx * t, p[1] - a[1] - dy * t))
    return best


def _ranges(world: World) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    pose = world.pose
    low, high = HUMAN_RANGES["head"]
    if not low <= pose.head <= high:
        found.append(("head", f"{pose.head:.0f} degrees, outside {low:g} to {high:g}"))
    bar_on_back = "barbell" in world.props and world.props["barbell"].at == "upper_back"
    for side in SIDES:
        limbs = pose.side(side)
        for joint in JOINTS:
            value = getattr(limbs, joint)
            low, high = HUMAN_RANGES[joint]
            if joint == "elbow" and bar_on_back:
                # Hands on a bar behind the neck: the arm turns out, which seen
                # from the side draws as an elbow bent "backwards" (see placement.bend).
                low = -BAR_ON_BACK_ELBOW
            if not low - 0.5 <= value <= high + 0.5:
                found.append((f"{side} {joint}", f"{value:.0f} degrees, outside {low:g} to {high:g}"))
    return found
