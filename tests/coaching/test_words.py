"""One spelling in everything the athlete reads: American English (program,
meters, color, center), and no sentence left unfinished.

The shown text is every message the window translates (the same extraction
as the translation catalogue), every prose string of the training content
(resources/**/*.toml: a string with a space in it; slugs such as
nordic-programme are identifiers, and the citations keep the spelling of the
titles they quote) and the README outside its code.
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
import translations  # noqa: E402 - packaging/ is a folder of scripts

# British spellings and their American forms (the form is what the message says).
BRITISH = {
    "programme": "program", "programmes": "programs",
    "metre": "meter", "metres": "meters", "kilometre": "kilometer", "kilometres": "kilometers",
    "centimetre": "centimeter", "centimetres": "centimeters",
    "colour": "color", "colours": "colors", "coloured": "colored",
    "centre": "center", "centres": "centers", "centred": "centered",
    "behaviour": "behavior", "favourite": "favorite", "favourites": "favorites",
    "recognise": "recognize", "recognises": "recognizes", "recognised": "recognized",
    "organise": "organize", "organised": "organized", "realise": "realize",
    "analyse": "analyze", "analysed": "analyzed", "optimise": "optimize",
    "summarise": "summarize", "summarised": "summarized", "stabilise": "stabilize",
    "stabilises": "stabilizes", "stabilising": "stabilizing", "minimise": "minimize",
    "maximise": "maximize", "prioritise": "prioritize", "customise": "customize",
    "personalise": "personalize", "normalise": "normalize", "visualise": "visualize",
    "emphasise": "emphasize", "memorise": "memorize", "utilise": "utilize",
    "synchronise": "synchronize", "apologise": "apologize", "criticise": "criticize",
    "licence": "license", "grey": "gray", "practise": "practice", "catalogue": "catalog",
    "litre": "liter", "litres": "liters", "labour": "labor", "honour": "honor",
    "neighbour": "neighbor", "neighbours": "neighbors", "defence": "defense",
    "travelled": "traveled", "travelling": "traveling", "cancelled": "canceled",
    "cancelling": "canceling", "modelling": "modeling", "labelled": "labeled",
    "labelling": "labeling", "fulfil": "fulfill", "enrol": "enroll", "enrols": "enrolls",
    "enrolment": "enrollment", "judgement": "judgment", "whilst": "while",
    "amongst": "among", "aluminium": "aluminum", "tyre": "tire", "fibre": "fiber",
    "manoeuvre": "maneuver", "sceptical": "skeptical", "tonne": "metric ton",
    "tonnes": "metric tons", "mould": "mold", "plough": "plow", "storey": "story",
}
_BRITISH_RE = re.compile(r"\b(" + "|".join(sorted(BRITISH, key=len, reverse=True)) + r")\b",
                         re.IGNORECASE)

# A sentence does not end on a word that needs more after it ("... until all are").
# Not prepositions: "What it is for" and "the set it belongs to" are finished.
DANGLING = ("are", "the", "a", "an", "and", "or", "until", "than", "your", "their",
            "its", "if", "because", "whose")
# Case-sensitive: "Session A" ends on a name, not on the article.
_DANGLING_RE = re.compile(r"\b(" + "|".join(DANGLING) + r")\s*(?:[.!?]\s*)?$")
# Keys whose strings are identifiers or quote a title as published.
_TOML_SKIP = {"citation"}


def shown_messages() -> Iterator[tuple[str, str]]:
    """(where, text) for every message the window translates."""
    for message in translations.collect():
        path, line = message.locations[0]
        yield f"{path.relative_to(ROOT)}:{line}", message.source


def _toml_strings(value: object, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        if " " in value.strip():
            yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in _TOML_SKIP:
                yield from _toml_strings(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _toml_strings(item, f"{where}[{index}]")


def content_texts() -> Iterator[tuple[str, str]]:
    for path in sorted((ROOT / "resources").rglob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        yield from _toml_strings(data, str(path.relative_to(ROOT)))


def readme_texts() -> Iterator[tuple[str, str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    text = re.sub(r"```.*?```", "", text, flags=re.DOTALL)   # command examples
    for number, line in enumerate(text.splitlines(), 1):
        prose = re.sub(r"`[^`]*`", "", line)                 # slugs, paths, keys
        if prose.strip():
            yield f"README.md (block-stripped line {number})", prose


def british_words(texts: Iterator[tuple[str, str]]) -> list[str]:
    found = []
    for where, text in texts:
        for match in _BRITISH_RE.finditer(text):
            word = match.group(1)
            found.append(f"{where}: {word!r} -> {BRITISH[word.lower()]!r} in {text[:70]!r}")
    return found


def unfinished(texts: Iterator[tuple[str, str]]) -> list[str]:
    """Texts whose last sentence stops on a word that needs more after it.
    Placeholders count as words: "... at {load}" is finished."""
    return [f"{where}: {text[-60:]!r}" for where, text in texts
            if len(text.split()) >= 4 and _DANGLING_RE.search(text.rstrip())]


@pytest.mark.parametrize("source", [shown_messages, content_texts, readme_texts],
                         ids=["window", "content", "readme"])
def test_american_spelling_throughout(source) -> None:
    assert british_words(source()) == []


@pytest.mark.parametrize("source", [shown_messages, content_texts],
                         ids=["window", "content"])
def test_no_unfinished_sentences(source) -> None:
    assert unfinished(source()) == []


def test_the_checks_find_what_they_look_for() -> None:
    samples = [("a", "Follow the Nordic programme for ten weeks"),
               ("b", "the bar is 20 metres away"),
               ("c", "2 of 3 reps were lowered for 5 s or longer: keep that target until all are"),
               ("d", "Colour theme"),
               ("e", "Follow the Nordic program, nordic-programme stays a slug"),
               ("f", "stay there until all of them do")]
    assert [line.split(":")[0] for line in british_words(iter(samples))] == ["a", "b", "d", "e"]
    assert [line.split(":")[0] for line in unfinished(iter(samples))] == ["c"]
    # The slug in README code spans is left alone; prose around it is read.
    assert not list(_toml_strings({"slug": "nordic-programme"}, "x"))
    assert not list(_toml_strings({"citation": "Injury prevention programmes"}, "x"))


def test_counts_read_correctly_with_one() -> None:
    """"0 of 1 sets" is wrong: a count of sets takes its plural form from the total."""
    from app.kernel.i18n import translate

    offenders = [f"{where}: {text!r}" for where, text in shown_messages()
                 if re.search(r"of %n (sets|reps|exercises|sessions)\b", text)]
    assert offenders == []
    assert translate("SessionScreen", "{logged} of %n set(s)", None, 1).format(logged=0) == \
        "0 of 1 set"
    assert translate("SessionScreen", "{logged} of %n set(s)", None, 3).format(logged=0) == \
        "0 of 3 sets"


def test_a_count_of_one_reads_in_the_singular_in_doses_and_reasons() -> None:
    from app.catalog.vocabulary import DoseKind
    from app.coaching.model import ExerciseDose
    from app.coaching.progression import range_words
    from app.coaching.words import dose_words

    one = ExerciseDose(slug="nordic-hamstring-curl", sets=1, kind=DoseKind.REPS, reps_per_set=(5,),
                       rest_s=120)
    assert dose_words(one) == "1 set: 5 (rest 2 min)"
    assert range_words([(8, 1)], 1) == "1 rep"
    assert range_words([(8, 10), (8, 10)], 1) == "10 reps"
