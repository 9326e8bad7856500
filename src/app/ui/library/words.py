"""The library's numbers and codes said in words, as a coach would say them.

The catalog's vocabulary (categories, equipment, filter groups) is stored
as codes; the words shown for them are here (levels: app.coaching.words, the
one place every page takes them from), marked for translation
(the exercises' own text is data, written in English, and is shown as it is).
"""

from __future__ import annotations

from app.catalog.model import EQUIPMENT, Prescription
from app.catalog.vocabulary import Category
from app.coaching.words import LEVEL_WORDS, level_word
from app.kernel.i18n import QT_TRANSLATE_NOOP, format_integer, translate
from app.logbook.formatting import format_duration

SEPARATOR = " · "

# Read at import time, before a translator is installed: marked here,
# translated (same context) where shown.
_LABELS: dict[str, str] = {
    Category.WARM_UP: QT_TRANSLATE_NOOP("library_words", "Warm-up"),
    Category.STRENGTH: QT_TRANSLATE_NOOP("library_words", "Strength"),
    Category.MOBILITY: QT_TRANSLATE_NOOP("library_words", "Mobility"),
}
_GROUP_LABELS = {
    "bodyweight only": QT_TRANSLATE_NOOP("library_words", "Bodyweight only"),
    "dumbbells": QT_TRANSLATE_NOOP("library_words", "Dumbbells"),
    "barbell": QT_TRANSLATE_NOOP("library_words", "Barbell"),
    "kettlebell": QT_TRANSLATE_NOOP("library_words", "Kettlebell"),
    "ball": QT_TRANSLATE_NOOP("library_words", "Ball"),
    "machine/cable": QT_TRANSLATE_NOOP("library_words", "Machine or cable"),
}
# The catalog's equipment names (app.catalog.model.EQUIPMENT), by id, marked
# for translation; tests/ui/library/test_i18n_c_library.py keeps the two lists equal.
EQUIPMENT_NAMES = {
    "bodyweight": QT_TRANSLATE_NOOP("Equipment", "Bodyweight (no equipment)"),
    "mat": QT_TRANSLATE_NOOP("Equipment", "Mat or pad"),
    "anchor": QT_TRANSLATE_NOOP("Equipment", "Partner or fixed anchor for the ankles"),
    "bench": QT_TRANSLATE_NOOP("Equipment", "Bench or sturdy chair"),
    "box": QT_TRANSLATE_NOOP("Equipment", "Box or step"),
    "wall": QT_TRANSLATE_NOOP("Equipment", "Wall or support"),
    "foam-roller": QT_TRANSLATE_NOOP("Equipment", "Foam roller"),
    "barbell": QT_TRANSLATE_NOOP("Equipment", "Barbell"),
    "dumbbells": QT_TRANSLATE_NOOP("Equipment", "Dumbbells"),
    "kettlebell": QT_TRANSLATE_NOOP("Equipment", "Kettlebell"),
    "stability-ball": QT_TRANSLATE_NOOP("Equipment", "Stability ball"),
    "leg-curl-machine": QT_TRANSLATE_NOOP("Equipment", "Leg-curl machine"),
    "cable-machine": QT_TRANSLATE_NOOP("Equipment", "Cable machine"),
    "ankle-cuff": QT_TRANSLATE_NOOP("Equipment", "Ankle cuff (for the cable)"),
    "band": QT_TRANSLATE_NOOP("Equipment", "Resistance band"),
}
# The four phases of a tempo "3-0-1-0", each with its seconds.
_TEMPO_PHASES = (
    QT_TRANSLATE_NOOP("library_words", "lower {seconds} s"),
    QT_TRANSLATE_NOOP("library_words", "pause {seconds} s"),
    QT_TRANSLATE_NOOP("library_words", "lift {seconds} s"),
    QT_TRANSLATE_NOOP("library_words", "pause {seconds} s"),
)


def label(code: str) -> str:
    """A vocabulary word as a label: "warmup" -> "Warm-up"; a level as
    every page says it (app.coaching.words.level_word)."""
    if code in _LABELS:
        return translate("library_words", _LABELS[code])
    if code in LEVEL_WORDS:
        return level_word(code)
    return code[:1].upper() + code[1:]


def group_label(group: str) -> str:
    if group in _GROUP_LABELS:
        return translate("library_words", _GROUP_LABELS[group])
    return label(group)


def equipment_name(equipment: str) -> str:
    """One piece of equipment by its id, in the athlete's language."""
    if equipment in EQUIPMENT_NAMES:
        return translate("Equipment", EQUIPMENT_NAMES[equipment])
    return EQUIPMENT[equipment].name if equipment in EQUIPMENT else equipment


def equipment_text(equipment: tuple[str, ...]) -> str:
    return ", ".join(equipment_name(e) for e in equipment)


def describe_tempo(tempo: str) -> str:
    """ "3-0-1-0" -> "tempo 3-0-1-0: lower 3 s, lift 1 s" (phases of 0 s left out)."""
    seconds = [int(part) for part in tempo.split("-")]
    phases = [translate("library_words", phase).format(seconds=format_integer(s))
              for phase, s in zip(_TEMPO_PHASES, seconds, strict=False) if s]
    if not phases:
        return translate("library_words", "tempo {tempo}").format(tempo=tempo)
    return translate("library_words", "tempo {tempo}: {phases}").format(
        tempo=tempo, phases=", ".join(phases))


def describe_prescription(p: Prescription) -> str:
    """The default dose in words.

    "3 sets of 8-10 reps · rest 2 min · tempo 3-0-1-0: lower 3 s, lift 1 s";
    "6 holds of 10 s per side, relax 5 s"; "5 min". One set is not counted
    out loud ("1 set of ...").
    """
    # Counts go to translate() as plain names: lupdate skips a call whose
    # count is an expression.
    sets = p.sets
    if p.reps is not None:
        low, high = p.reps
        if low == high:
            dose = translate("library_words", "%n rep(s)", None, low)
        else:
            dose = translate("library_words", "{low}-{high} reps").format(
                low=format_integer(low), high=format_integer(high))
        dose = _per_side(dose, p.per_side)
        if sets > 1:
            dose = translate("library_words", "%n sets of {dose}", None, sets).format(dose=dose)
    elif p.hold_s is not None:
        holds = p.holds or 1
        dose = translate("library_words", "%n hold(s) of {time}", None, holds).format(
            time=format_duration(p.hold_s))
        dose = _per_side(dose, p.per_side)
        if p.relax_s:
            dose = translate("library_words", "{dose}, relax {time}").format(
                dose=dose, time=format_duration(p.relax_s))
        if sets > 1:
            dose = translate("library_words", "%n sets of {dose}", None, sets).format(dose=dose)
    else:
        dose = _per_side(format_duration(p.duration_s or 0), p.per_side)
        if sets > 1:
            dose = translate("library_words", "%n rounds of {dose}", None, sets).format(dose=dose)
    parts = [dose]
    if p.rest_s:
        parts.append(translate("library_words", "rest {time}").format(
            time=format_duration(p.rest_s)))
    if p.tempo:
        parts.append(describe_tempo(p.tempo))
    return SEPARATOR.join(parts)


def _per_side(dose: str, per_side: bool) -> str:
    return translate("library_words", "{dose} per side").format(dose=dose) if per_side else dose
