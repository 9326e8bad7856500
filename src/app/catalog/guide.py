"""Reading pages of the Library (the "Why hamstrings" page), kept as TOML data.

Layout under ``resources_dir``::

    guide/<slug>.toml     title, summary, then [[sections]] of heading and
                          [[sections.paragraphs]] of text and sources

Every paragraph names the ``sources.toml`` ids it comes from, so a reader can
see where each fact is from. The file is checked with the catalog's own
toolkit: an unknown, missing or wrong key, an overlong text or an unknown
source id is a ``CatalogError`` naming the file and the dotted key path
(``resources/guide/why-hamstrings.toml: key 'sections[2].paragraphs[1].sources[1]'``).

Pure Python (stdlib only), like the rest of the catalog.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from app.catalog.checks import CatalogChecker, CatalogError
from app.catalog.loader import display_path, load_sources, read_toml
from app.catalog.model import SLUG_RE, Source
from app.kernel.validation import KeyPath

GUIDE_DIR = "guide"
WHY_HAMSTRINGS = "why-hamstrings"
"""The page on what the hamstrings are and why runners train them."""

# Room for a few sentences a paragraph: a reading page, not a gym screen.
_TITLE_MAX = 60
_SUMMARY_MAX = 160
_HEADING_MAX = 60
_PARAGRAPH_MAX = 420
_PARAGRAPH_SENTENCES = 3
_SECTIONS_RANGE = (1, 12)
_PARAGRAPHS_RANGE = (1, 6)

_GUIDE_KEYS = ("title", "summary", "sections")
_SECTION_KEYS = ("heading", "paragraphs")
_PARAGRAPH_KEYS = ("text", "sources")


@dataclass(frozen=True)
class GuideParagraph:
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class GuideSection:
    heading: str
    paragraphs: tuple[GuideParagraph, ...]


@dataclass(frozen=True)
class Guide:
    slug: str
    title: str
    summary: str
    sections: tuple[GuideSection, ...]
    # Every source the page cites (and only those), by id.
    sources: Mapping[str, Source]

    @property
    def cited_ids(self) -> tuple[str, ...]:
        """The source ids in the order the page first cites them."""
        return tuple(dict.fromkeys(
            s for section in self.sections for p in section.paragraphs for s in p.sources))

    def cited_sources(self) -> list[Source]:
        return [self.sources[s] for s in self.cited_ids]


@dataclass(frozen=True)
class GuideResult:
    guide: Guide | None
    errors: tuple[CatalogError, ...]

    @property
    def problems(self) -> tuple[str, ...]:
        return tuple(str(e) for e in self.errors)


def guide_path(resources_dir: Path, slug: str = WHY_HAMSTRINGS) -> Path:
    return Path(resources_dir) / GUIDE_DIR / f"{slug}.toml"


def load_guide(resources_dir: Path, slug: str = WHY_HAMSTRINGS) -> GuideResult:
    """Read and check one page; ``guide`` is None when its file has a problem.

    ``errors`` also holds the problems of ``sources.toml`` (a source that
    did not load cannot be cited), so the page can say what is wrong.
    """
    resources_dir = Path(resources_dir)
    errors: list[CatalogError] = []
    sources = load_sources(resources_dir, errors)
    path = guide_path(resources_dir, slug)
    shown = display_path(path, resources_dir)
    try:
        if not path.is_file():
            raise CatalogError(shown, None, "file not found")
        guide = _parse_guide(read_toml(path, shown), CatalogChecker(shown), slug, sources)
    except CatalogError as exc:
        errors.append(exc)
        return GuideResult(None, tuple(errors))
    return GuideResult(guide, tuple(errors))


def _parse_guide(data: dict[str, Any], ctx: CatalogChecker, slug: str,
                 sources: Mapping[str, Source]) -> Guide:
    top = KeyPath()
    if not SLUG_RE.match(slug):
        ctx.fail(top, f"a page's file name must be lower-case words joined by '-', got {slug!r}")
    ctx.keys(data, _GUIDE_KEYS, _GUIDE_KEYS, top)
    title = ctx.text(data["title"], top / "title", _TITLE_MAX)
    summary = ctx.text(data["summary"], top / "summary", _SUMMARY_MAX, sentences=1)
    tables = ctx.tables(data["sections"], top / "sections")
    ctx.array(tables, top / "sections", _SECTIONS_RANGE)
    sections = []
    for i, table in enumerate(tables, 1):
        section = top / "sections" / i
        ctx.keys(table, _SECTION_KEYS, _SECTION_KEYS, section)
        heading = ctx.text(table["heading"], section / "heading", _HEADING_MAX)
        rows = ctx.tables(table["paragraphs"], section / "paragraphs")
        ctx.array(rows, section / "paragraphs", _PARAGRAPHS_RANGE)
        paragraphs = []
        for j, row in enumerate(rows, 1):
            at = section / "paragraphs" / j
            ctx.keys(row, _PARAGRAPH_KEYS, _PARAGRAPH_KEYS, at)
            paragraphs.append(GuideParagraph(
                text=ctx.text(row["text"], at / "text", _PARAGRAPH_MAX,
                              sentences=_PARAGRAPH_SENTENCES),
                sources=ctx.source_ids(row["sources"], at / "sources", sources)))
        sections.append(GuideSection(heading, tuple(paragraphs)))
    cited = {s for section in sections for p in section.paragraphs for s in p.sources}
    return Guide(slug=slug, title=title, summary=summary, sections=tuple(sections),
                 sources=MappingProxyType({k: v for k, v in sources.items() if k in cited}))
