"""Machines, a partner, an anchor and a wall, fitted around the athlete.

A machine's pivot lines up with the knee and its pad sits on the ankle; the
cable runs from a low pulley to the ankle cuff; a partner kneels behind the
feet and pins the ankles with both hands.
"""

from __future__ import annotations

from dataclasses import replace

from app.figure import body
from app.figure import equipment as eq
from app.figure.holding import Frame, PlacedProp, fist_centre, fists, grip
from app.figure.kinematics import HAND_FLAT, Point, Skeleton, direction, front_of
from app.figure.placement import Placement, place
from app.figure.pose import Contact, Limbs, Pose


def leg_curl_machine(placement: Placement, frame: Frame, kind: str,
                     at: str) -> tuple[Placement, PlacedProp]:
    if at == "lying":
        return _lying_machine(placement, frame, kind, at)
    skel = frame.skel
    side = "near"
    knee, ankle = skel[f"{side}_knee"], skel[f"{side}_ankle"]
    shank_a = skel.angles[f"{side}_shank"]
    back = tuple(-c for c in front_of(shank_a))
    u = direction(shank_a)
    _, b = body.profile_at(body.SHANK_PROFILE, 0.85)
    pad = (ankle[0] - u[0] * 0.03 + back[0] * (b + eq.ANKLE_PAD_RADIUS),
           ankle[1] - u[1] * 0.03 + back[1] * (b + eq.ANKLE_PAD_RADIUS))
    thigh_a = skel.angles[f"{side}_thigh"]
    tf = front_of(thigh_a)
    tu = direction(thigh_a)
    f, _ = body.profile_at(body.THIGH_PROFILE, 0.75)
    hip = skel["hip"]
    thigh_pad = (hip[0] + tu[0] * body.THIGH * 0.75 + tf[0] * (f + 0.022),
                 hip[1] + tu[1] * body.THIGH * 0.75 + tf[1] * (f + 0.022))
    placement = fists(placement, ("near", "far"))
    fist = fist_centre(Frame(placement).skel, "near")
    post_x = max(thigh_pad[0] + 0.05, fist[0] + 0.04)
    points = {"pivot": knee, "pad": pad, "thigh_pad": thigh_pad, "handle": fist,
              "post_bottom": (post_x, 0.0), "post_top": (post_x, fist[1] + 0.03)}
    values = {"thigh_angle": thigh_a, "pad_radius": eq.ANKLE_PAD_RADIUS}
    return placement, PlacedProp(kind, at, points, values)


# Where a lying machine's handles are, from the front top corner of its bench.
LYING_HANDLE_AHEAD = 0.12
LYING_HANDLE_BELOW = 0.12


def _lying_machine(placement: Placement, frame: Frame, kind: str, at: str) -> tuple[Placement, PlacedProp]:
    skel = frame.skel
    knee = skel["near_knee"]
    ankle = skel["near_ankle"]
    shank_a = skel.angles["near_shank"]
    back = tuple(-c for c in front_of(shank_a))
    u = direction(shank_a)
    _, b = body.profile_at(body.SHANK_PROFILE, 0.85)
    pad = (ankle[0] - u[0] * 0.03 + back[0] * (b + eq.ANKLE_PAD_RADIUS),
           ankle[1] - u[1] * 0.03 + back[1] * (b + eq.ANKLE_PAD_RADIUS))
    head_x = skel["head"][0]
    top = eq.MACHINE_BENCH
    # The bench carries the body from the chest to just short of
    # the knees, so the knees line up with the pivot; the handles are under
    # its front end, where the hands reach down to them.
    toward_knee = 1.0 if knee[0] > head_x else -1.0
    end = knee[0] - toward_knee * 0.05
    start = skel["shoulder"][0] + toward_knee * 0.035
    handle = (start - toward_knee * LYING_HANDLE_AHEAD, top - LYING_HANDLE_BELOW)
    placement = grip(placement, ("near", "far"), handle)
    points = {"pivot": knee, "pad": pad, "bench_start": (start, top), "bench_end": (end, top),
              "handle": handle}
    return placement, PlacedProp(kind, at, points, {"pad_radius": eq.ANKLE_PAD_RADIUS})


def cable(placement: Placement, frame: Frame, kind: str, at: str) -> tuple[Placement, PlacedProp]:
    skel = frame.skel
    side = at.split("_")[0]
    reach = max(fist_centre(skel, s)[0] for s in ("near", "far"))
    toes = max(skel["near_toe"][0], skel["far_toe"][0])
    tower_x = max(reach, toes + 0.12) + 0.03
    hold = (tower_x - 0.02, fist_centre(skel, "near")[1])
    placement = grip(placement, ("near", "far"), hold)
    skel = Frame(placement).skel
    ankle = skel[f"{side}_ankle"]
    u = direction(skel.angles[f"{side}_shank"])
    cuff = (ankle[0] - u[0] * 0.03, ankle[1] - u[1] * 0.03)
    points = {"tower_bottom": (tower_x, 0.0), "tower_top": (tower_x, 1.12),
              "pulley": (tower_x - 0.03, 0.07), "cuff": cuff, "handle": hold}
    return placement, PlacedProp(kind, at, points, {"shank_angle": skel.angles[f"{side}_shank"]})


# The partner kneels behind the athlete's feet, sits back and leans in to
# pin the ankles down with straight arms.
_PARTNER = Pose(
    "partner-hold", trunk=58.0, head=-25.0,
    near=Limbs(shoulder=62.0, elbow=8.0, hip=110.0, knee=135.0, ankle=70.0),
    far=Limbs(shoulder=56.0, elbow=12.0, hip=110.0, knee=135.0, ankle=70.0),
    contacts=(Contact("near_knee"), Contact("far_knee"), Contact("near_shin"), Contact("far_shin")),
)


def _ankle_top(skel: Skeleton, side: str, lift: float) -> Point:
    """A point just above the back of the ankle (the shin faces the floor when kneeling)."""
    ankle = skel[f"{side}_ankle"]
    a = skel.angles[f"{side}_shank"]
    u = direction(a)
    n = front_of(a)
    _, b = body.profile_at(body.SHANK_PROFILE, 0.8)
    out = (-n[0], -n[1]) if -n[1] >= n[1] else n   # whichever side of the shank faces up
    return (ankle[0] - u[0] * 0.04 + out[0] * (b + lift), ankle[1] - u[1] * 0.04 + out[1] * (b + lift))


def partner(placement: Placement, frame: Frame, kind: str, at: str) -> tuple[Placement, PlacedProp]:
    target = _ankle_top(frame.skel, "near", body.FIST_RADIUS * 0.7)
    helper = place(_PARTNER)
    # Kneel so the shoulders are a little behind the hands.
    shift = target[0] - helper.skeleton["shoulder"][0] - 0.06
    moved = replace(helper, skeleton=helper.skeleton.moved(shift, 0.0),
                    root=(helper.root[0] + shift, helper.root[1]))
    moved = grip(moved, ("near", "far"), target)
    return placement, PlacedProp(kind, at, {"hands": target}, figure=moved.skeleton)


def anchor(placement: Placement, frame: Frame, kind: str, at: str) -> tuple[Placement, PlacedProp]:
    pad = _ankle_top(frame.skel, "near", 0.03)
    return placement, PlacedProp(kind, at, {"pad": pad, "base": (pad[0] - 0.09, 0.0)}, {"radius": 0.03})


def wall(placement: Placement, frame: Frame, kind: str, at: str) -> tuple[Placement, PlacedProp]:
    # The far hand is laid flat on the wall (straight fingers, not a loose hand).
    skel = placement.skeleton
    placement = replace(placement, skeleton=skel.with_hands(skel.hand("near"), HAND_FLAT))
    frame = Frame(placement)
    x = frame.skel["hip"][0]
    points = {"bottom_left": (x - 0.62, 0.0), "top_right": (x + 0.62, 1.22)}
    # The far hand rests on the wall (the wall is behind the athlete).
    wrist, fingers = frame.skel["far_wrist"], frame.skel["far_fingers"]
    points["hand"] = ((wrist[0] + fingers[0]) / 2, (wrist[1] + fingers[1]) / 2)
    return placement, PlacedProp(kind, at, points)
