"""The training content a user reads: every fact names a source a user can
check (an article by its exact title, or a paper), contested claims are shown
as one article's view, and the "Why hamstrings" page holds the articles'
facts and is checked on load like the catalog (issue 16 points 8-10)."""

from __future__ import annotations

import re
import shutil
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.catalog import load_catalog_strict
from app.catalog.guide import GUIDE_DIR, WHY_HAMSTRINGS, load_guide
from app.catalog.model import RETIRED_SOURCE_IDS
from app.coaching.loader import load_programs, program_from_dict, programs_dir
from app.coaching.model import ProgramError

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"

# CONTENT.md: the five articles, by their titles as published (the drill's video is untitled).
ARTICLE_TITLES = {
    "article-run-faster": "Run Faster And Longer With Stronger Hamstrings",
    "article-improve-running": "Improve Running Performance: Hamstring Training Benefits & Techniques",
    "article-upgrade-running": "Upgrade your running: Hamstring exercises for runners",
    "article-why-hamstrings": "Why is Hamstring Strength Important for Runners?",
}
# Sources that are not an article or a paper: they never stand alone behind a fact.
CONVENTIONS = {"coaching-convention"}


def _toml(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _data_files() -> list[Path]:
    return sorted([*(RESOURCES / "exercises").glob("*.toml"),
                   *(RESOURCES / "programs").glob("*.toml"),
                   *(RESOURCES / GUIDE_DIR).glob("*.toml")])


def _cited(value: Any) -> Iterator[str]:
    """Every source id a data file cites, at any depth (keys 'sources' and 'source')."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("sources", "source"):
                yield from ([item] if isinstance(item, str) else item)
            else:
                yield from _cited(item)
    elif isinstance(value, list):
        for item in value:
            yield from _cited(item)


def _texts(value: Any) -> Iterator[str]:
    """Every string a data file holds (the words a user may read)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


@pytest.fixture(scope="module")
def sources() -> dict[str, Any]:
    return _toml(RESOURCES / "sources.toml")


# --------------------------------------------------------------------------
# Sources a user can check
# --------------------------------------------------------------------------


def test_each_article_has_its_own_id_cited_by_its_exact_title(sources: dict[str, Any]) -> None:
    assert "articles" not in sources, "the lumped id is split into one id per article"
    for source_id, title in ARTICLE_TITLES.items():
        citation = sources[source_id]["citation"]
        assert citation.startswith(f'"{title}"'), (source_id, citation)
        # One article per id: no other article's title in its citation.
        for other in set(ARTICLE_TITLES.values()) - {title}:
            assert other not in citation
    assert "RunSmart" in sources["runner-drill"]["citation"]


def test_every_source_has_a_title_and_a_summary_and_no_brief(sources: dict[str, Any]) -> None:
    for source_id, table in sources.items():
        assert table["citation"].strip() and table["summary"].strip(), source_id
        assert "brief" not in (table["citation"] + table["summary"]).lower(), source_id


@pytest.mark.parametrize("path", _data_files(), ids=lambda p: p.relative_to(RESOURCES).as_posix())
def test_every_cited_id_exists_and_the_old_lumped_id_is_gone(path: Path,
                                                             sources: dict[str, Any]) -> None:
    cited = list(_cited(_toml(path)))
    assert cited, f"{path.name} cites no source"
    assert "articles" not in cited
    assert set(cited) <= set(sources), set(cited) - set(sources)
    # Behind every fact an article or a paper, never only a coaching habit.
    assert set(cited) - CONVENTIONS, path.name


def test_every_exercise_and_program_cites_an_article_or_paper() -> None:
    catalog = load_catalog_strict(RESOURCES)
    for exercise in catalog:
        assert set(exercise.sources) - CONVENTIONS, exercise.slug
    programs = load_programs(programs_dir(RESOURCES), catalog)
    assert programs.ok, programs.problems
    assert len(programs.programs) == 6
    for program in programs.programs:
        assert set(program.sources) - CONVENTIONS, program.slug


def test_facts_cite_the_article_they_come_from() -> None:
    """CONTENT.md's table: which article gives which fact."""
    catalog = load_catalog_strict(RESOURCES)

    def cites(slug: str) -> set[str]:
        return set(catalog.get(slug).all_source_ids)

    # The heavy-gym approach: stiff-leg deadlift, leg curls, foam rolling.
    for slug in ("stiff-leg-deadlift", "machine-leg-curl", "single-leg-cable-curl",
                 "foam-rolling-hamstrings"):
        assert "article-run-faster" in cites(slug), slug
    # The sample session: its warm-up and its three exercises.
    for slug in ("leg-swings", "walking-lunges", "light-jog", "glute-bridge",
                 "stability-ball-hamstring-curl", "romanian-deadlift"):
        assert "article-improve-running" in cites(slug), slug
    # The exercise list with form notes.
    for slug in ("nordic-hamstring-curl", "good-morning", "kettlebell-swing", "reverse-lunge",
                 "single-leg-deadlift"):
        assert "article-upgrade-running" in cites(slug), slug
    assert "article-why-hamstrings" in cites("nordic-hamstring-curl")
    assert cites("single-leg-hinge-to-march") == {"runner-drill"}
    programs = load_programs(programs_dir(RESOURCES), catalog)
    assert "article-run-faster" in programs.get("heavy-gym").sources
    assert "article-improve-running" in programs.get("sample-session").sources


# --------------------------------------------------------------------------
# Contested and pseudo-precise claims
# --------------------------------------------------------------------------


def test_fast_twitch_is_shown_as_one_articles_view() -> None:
    """"Mostly fast-twitch" is contested: it is said as the article's view,
    and what says it cites that article."""
    seen = 0
    for path in _data_files():
        data = _toml(path)
        for text in _texts(data):
            if "fast-twitch" not in text.lower():
                continue
            seen += 1
            assert "article" in text.lower() and "contested" in text.lower(), (path.name, text)
            assert "article-run-faster" in set(_cited(data)), path.name
    assert seen >= 3  # the stiff-leg deadlift's why, the heavy-gym description and note
    stiff = load_catalog_strict(RESOURCES).get("stiff-leg-deadlift")
    assert stiff.why.startswith("A heavy hinge") and "One article holds" in stiff.why


PSEUDO_PRECISE = re.compile(
    r"recovered in|fully recovered|\babout \d+(\.\d+)? ?(h|hours?|min|minutes)\b to recover",
    re.IGNORECASE)


@pytest.mark.parametrize("path", [*_data_files(), RESOURCES / "sources.toml"],
                         ids=lambda p: p.relative_to(RESOURCES).as_posix())
def test_no_pseudo_precise_recovery_claims(path: Path) -> None:
    for text in _texts(_toml(path)):
        assert not PSEUDO_PRECISE.search(text), (path.name, text)


# --------------------------------------------------------------------------
# Form facts the articles give (points 8 and 10)
# --------------------------------------------------------------------------


def _words(exercise: Any) -> str:
    parts = [exercise.why, *exercise.cues, *exercise.mistakes,
             *(s.text for s in exercise.steps), exercise.prescription.note or "",
             *(f"{v.name or ''} {v.how or ''}" for v in (*exercise.easier, *exercise.harder))]
    return " ".join(parts).lower()


def test_stiff_leg_deadlift_lowers_only_as_far_as_a_flat_back_and_goes_light_before_heavy() -> None:
    stiff = load_catalog_strict(RESOURCES).get("stiff-leg-deadlift")
    assert "Lower only as far as your back stays flat" in stiff.cues
    assert any("light sets first" in cue.lower() for cue in stiff.cues)
    # The lowering step says where to stop, and no step or variation sends the bar to the floor.
    assert "only as far as your back stays flat" in stiff.steps[3].text
    assert "floor" not in " ".join(v.how or "" for v in stiff.harder).lower()
    note = stiff.prescription.note or ""
    assert note.startswith("Light before heavy") and "flat back" in note
    assert "add load on the bar each set" in note.lower()
    heavy = load_programs(programs_dir(RESOURCES), load_catalog_strict(RESOURCES)).get("heavy-gym")
    doses = [d for week in heavy.weeks for day in week.days for d in day.exercises
             if d.slug == "stiff-leg-deadlift"]
    assert doses and all((d.note or "").startswith("Light before heavy") for d in doses)


def test_nordic_can_return_without_the_hands() -> None:
    nordic = load_catalog_strict(RESOURCES).get("nordic-hamstring-curl")
    back = [v for v in nordic.harder if v.name == "Back up without the hands"]
    assert back and "without pushing off the floor" in (back[0].how or "")


def test_good_morning_keeps_the_weight_on_the_heels() -> None:
    good = load_catalog_strict(RESOURCES).get("good-morning")
    assert "Weight on your heels, not your toes" in good.cues
    assert "weight on your heels" in good.steps[1].text


# --------------------------------------------------------------------------
# The "Why hamstrings" page
# --------------------------------------------------------------------------


def test_the_why_page_holds_the_articles_facts_each_with_its_sources() -> None:
    result = load_guide(RESOURCES)
    assert result.errors == ()
    guide = result.guide
    assert guide is not None and guide.title == "Why hamstrings"
    paragraphs = [p for section in guide.sections for p in section.paragraphs]
    for paragraph in paragraphs:
        assert paragraph.sources and set(paragraph.sources) <= set(guide.sources)
    text = " ".join(p.text for p in paragraphs)

    def said(*words: str) -> list[str]:
        """The paragraphs holding every one of ``words``, with their source ids."""
        return [" ".join(p.sources) for p in paragraphs if all(w in p.text for w in words)]

    assert said("biceps femoris", "largest", "outer", "semitendinosus", "middle",
                "semimembranosus", "inner")
    assert said("straighten the hip", "bend the knee", "push-off", "kick back", "shock",
                "knee steady")
    assert any("article-why-hamstrings" in ids for ids in said("inconclusive", "faster"))
    assert any("article-why-hamstrings" in ids for ids in said("quadriceps", "strain"))
    assert said("left and right")
    assert any("article-run-faster" in ids for ids in said("protein-rich"))
    assert any("article-improve-running" in ids for ids in said("electrolytes", "sleep"))
    assert any("article-upgrade-running" in ids for ids in said("Squats", "step-ups", "lunges"))
    assert "not a diagnosis" in text
    # The page names every source it cites by title, once, in first-cited order.
    assert [s.id for s in guide.cited_sources()] == list(guide.cited_ids)
    assert set(ARTICLE_TITLES) <= set(guide.cited_ids)


def _copy_resources(tmp_path: Path) -> Path:
    folder = tmp_path / "resources"
    (folder / GUIDE_DIR).mkdir(parents=True)
    shutil.copy(RESOURCES / "sources.toml", folder / "sources.toml")
    shutil.copy(RESOURCES / GUIDE_DIR / f"{WHY_HAMSTRINGS}.toml",
                folder / GUIDE_DIR / f"{WHY_HAMSTRINGS}.toml")
    return folder


GUIDE_FILE = f"resources/{GUIDE_DIR}/{WHY_HAMSTRINGS}.toml"


@pytest.mark.parametrize(("change", "message"), [
    (lambda t: t.replace('sources = ["article-run-faster"]', 'sources = ["articles"]', 1),
     f"{GUIDE_FILE}: key 'sections[2].paragraphs[2].sources[1]': unknown source id "
     f"\"articles\" (not in sources.toml)"),
    (lambda t: t.replace('sources = ["physio-pain-rule"]', "sources = []"),
     f"{GUIDE_FILE}: key 'sections[7].paragraphs[1].sources': must name at least one source id"),
    (lambda t: t.replace('heading = "Recovery"', 'heading = "Recovery"\nsubtitle = "x"'),
     f"{GUIDE_FILE}: key 'sections[5].subtitle': unknown key (allowed here: heading, "
     f"paragraphs)"),
    (lambda t: t.replace('title = "Why hamstrings"\n', ""),
     f"{GUIDE_FILE}: key 'title': missing required key"),
    (lambda t: t.replace("Sprinters can add plyometrics and sprint drills.", "x" * 421),
     f"{GUIDE_FILE}: key 'sections[6].paragraphs[2].text': too long: 421 characters, "
     f"at most 420"),
    (lambda t: t + "\nthis is not toml\n", f"{GUIDE_FILE}: TOML syntax error at line"),
])
def test_a_damaged_why_page_is_named_with_its_file_and_key(tmp_path: Path, change: Any,
                                                           message: str) -> None:
    folder = _copy_resources(tmp_path)
    path = folder / GUIDE_DIR / f"{WHY_HAMSTRINGS}.toml"
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    result = load_guide(folder)
    assert result.guide is None
    assert len(result.problems) == 1 and result.problems[0].startswith(message), result.problems


def test_a_missing_why_page_says_so(tmp_path: Path) -> None:
    folder = _copy_resources(tmp_path)
    (folder / GUIDE_DIR / f"{WHY_HAMSTRINGS}.toml").unlink()
    result = load_guide(folder)
    assert result.guide is None and result.problems == (f"{GUIDE_FILE}: file not found",)


# --------------------------------------------------------------------------
# The retired id in the athlete's own programs
# --------------------------------------------------------------------------


def test_an_own_program_saved_with_the_old_id_cites_the_four_articles() -> None:
    """A copy of a built-in saved before the split cited "articles": it still
    loads, now citing each article by its own id. A built-in may not."""
    catalog = load_catalog_strict(RESOURCES)
    data = {"name": "Mine", "sources": ["articles", "acsm2009"],
            "weeks": [{"number": 1, "sessions": [{"exercises": [
                {"exercise": "glute-bridge", "sets": 2, "reps": [10, 12], "rest_s": 60}]}]}]}
    own = program_from_dict(data, "your program “Mine”", catalog, slug="my-mine")
    assert own.sources == (*RETIRED_SOURCE_IDS["articles"], "acsm2009")
    assert set(RETIRED_SOURCE_IDS["articles"]) == set(ARTICLE_TITLES)
    built_in = {**data, "slug": "mine", "summary": "s", "description": "d", "level": "beginner"}
    with pytest.raises(ProgramError, match=r"sources\[1\].*unknown source id \"articles\""):
        program_from_dict(built_in, "resources/programs/mine.toml", catalog)
