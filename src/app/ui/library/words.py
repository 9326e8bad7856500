"""The library's numbers and codes said in words, as a coach would say them."""

from __future__ import annotations

from app.catalog.model import EQUIPMENT, GROUP_MACHINE, Prescription
from app.formatting import format_duration

SEPARATOR = " · "
_TEMPO_PHASES = ("lower", "pause", "lift", "pause")


def label(code: str) -> str:
    """A vocabulary word as a label: "warm-up" -> "Warm-up"."""
    return code[:1].upper() + code[1:]


def group_label(group: str) -> str:
    return "Machine or cable" if group == GROUP_MACHINE else label(group)


def equipment_text(equipment: tuple[str, ...]) -> str:
    return ", ".join(EQUIPMENT[e].name if e in EQUIPMENT else e for e in equipment)


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def describe_tempo(tempo: str) -> str:
    """ "3-0-1-0" -> "tempo 3-0-1-0: lower 3 s, lift 1 s" (phases of 0 s left out)."""
    seconds = [int(part) for part in tempo.split("-")]
    phases = [f"{phase} {s} s" for phase, s in zip(_TEMPO_PHASES, seconds, strict=False) if s]
    return f"tempo {tempo}: " + ", ".join(phases) if phases else f"tempo {tempo}"


def describe_prescription(p: Prescription) -> str:
    """The default dose in words.

    "3 sets of 8-10 reps · rest 2 min · tempo 3-0-1-0: lower 3 s, lift 1 s";
    "6 holds of 10 s per side, relax 5 s"; "5 min". One set is not counted
    out loud ("1 set of ...").
    """
    side = " per side" if p.per_side else ""
    if p.reps is not None:
        low, high = p.reps
        reps = f"{low} reps" if low == high else f"{low}-{high} reps"
        if low == high == 1:
            reps = "1 rep"
        dose = reps + side
        if p.sets > 1:
            dose = f"{p.sets} sets of {dose}"
    elif p.hold_s is not None:
        holds = p.holds or 1
        dose = f"{_count(holds, 'hold', 'holds')} of {format_duration(p.hold_s)}{side}"
        if p.relax_s:
            dose += f", relax {format_duration(p.relax_s)}"
        if p.sets > 1:
            dose = f"{p.sets} sets of {dose}"
    else:
        dose = format_duration(p.duration_s or 0) + side
        if p.sets > 1:
            dose = f"{p.sets} rounds of {dose}"
    parts = [dose]
    if p.rest_s:
        parts.append(f"rest {format_duration(p.rest_s)}")
    if p.tempo:
        parts.append(describe_tempo(p.tempo))
    return SEPARATOR.join(parts)
