"""Read and validate the exercise catalog from TOML files.

Layout under ``resources_dir``::

    sources.toml            one table per source id: citation, summary
    exercises/<slug>.toml   one file per exercise (schema: see ``_EXERCISE_KEYS``)

Validation is strict: an unknown key, a missing key, a wrong type or a value
outside its range or vocabulary is an error. Each error names the file and
the dotted key path (array items are counted from 1, e.g. ``steps[2].pose``).
``load_catalog`` skips a damaged file and reports it in ``problems``; the rest
still load. ``load_catalog_strict`` raises on the first problem instead.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.catalog.checks import SOURCES_FILE, CatalogChecker, CatalogError
from app.catalog.model import (
    EQUIPMENT,
    LEVELS,
    ONE_SIDE,
    POSE_RE,
    SLUG_RE,
    TEMPO_RE,
    Catalog,
    Exercise,
    HamstringStress,
    Prescription,
    Source,
    Step,
    Variation,
)
from app.catalog.vocabulary import Category, category_of
from app.figure.spec import (
    FigureDataError,
    FigureSpec,
    parse_arrow,
    parse_figure,
    parse_highlight,
    parse_poses,
)
from app.kernel.validation import KeyPath, describe, is_int, show

EXERCISES_DIR = "exercises"

# Limits for the text fields: short enough to read on a screen from 2 m away.
_NAME_MAX = 60
_STEP_MAX = 160
_WHY_MAX = 300
_CUE_MAX = 90
_MISTAKE_MAX = 130
_HOW_MAX = 160
_NOTE_MAX = 200
_CITATION_MAX = 400  # a citation may name several articles or papers by their full titles
_SUMMARY_MAX = 320

_STEPS_RANGE = (3, 7)
_CUES_RANGE = (2, 6)
_MISTAKES_RANGE = (2, 5)

_EXERCISE_REQUIRED = (
    "slug", "name", "category", "hamstring_stress", "equipment", "level", "one_side", "muscles",
    "why", "cues", "mistakes", "sources", "steps", "prescription",
)
_EXERCISE_OPTIONAL = ("aliases", "easier", "harder", "poses", "figure")
_EXERCISE_KEYS = _EXERCISE_REQUIRED + _EXERCISE_OPTIONAL
_STEP_KEYS = ("text", "pose", "arrow", "highlight")
_STEP_REQUIRED = ("text", "pose")
_VARIATION_KEYS = ("slug", "name", "how")
_PRESCRIPTION_REQUIRED = ("sets", "rest_s", "source")
_PRESCRIPTION_KEYS = (
    "sets", "reps", "hold_s", "holds", "relax_s", "duration_s", "rest_s", "tempo",
    "per_side", "source", "note",
)
_SOURCE_KEYS = ("citation", "summary")

_TOML_POS = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


@dataclass(frozen=True)
class LoadResult:
    catalog: Catalog
    problems: tuple[str, ...]
    errors: tuple[CatalogError, ...]

    @property
    def ok(self) -> bool:
        return not self.errors


def default_resources_dir() -> Path:
    """The ``resources`` folder of a source checkout (``<repo>/resources``)."""
    return Path(__file__).resolve().parents[3] / "resources"


def load_catalog(resources_dir: Path) -> LoadResult:
    """Load every source and exercise; damaged files are skipped and reported."""
    resources_dir = Path(resources_dir)
    errors: list[CatalogError] = []

    sources = load_sources(resources_dir, errors)

    exercises_dir = resources_dir / EXERCISES_DIR
    loaded: list[tuple[Exercise, str]] = []  # (exercise, display path)
    failed_stems: set[str] = set()
    if not exercises_dir.is_dir():
        errors.append(CatalogError(display_path(exercises_dir, resources_dir), None,
                                   "exercise folder not found"))
        files: list[Path] = []
    else:
        files = sorted(p for p in exercises_dir.glob("*.toml")
                       if p.is_file() and not p.name.startswith("."))

    seen_slugs: dict[str, str] = {}
    seen_names: dict[str, str] = {}
    for path in files:
        shown = display_path(path, resources_dir)
        try:
            data = read_toml(path, shown)
            exercise = _parse_exercise(data, CatalogChecker(shown), path.stem, sources)
            if exercise.slug in seen_slugs:
                raise CatalogError(shown, "slug", f"duplicate slug {exercise.slug!r} "
                                   f"(already used by {seen_slugs[exercise.slug]})")
            folded = exercise.name.casefold()
            if folded in seen_names:
                raise CatalogError(shown, "name", f"duplicate name {exercise.name!r} "
                                   f"(already used by {seen_names[folded]})")
        except CatalogError as exc:
            errors.append(exc)
            failed_stems.add(path.stem)
            continue
        seen_slugs[exercise.slug] = shown
        seen_names[folded] = shown
        loaded.append((exercise, shown))

    loaded = _drop_dangling_variations(loaded, failed_stems, errors)
    catalog = Catalog([e for e, _ in loaded], sources)
    return LoadResult(catalog, tuple(str(e) for e in errors), tuple(errors))


def load_catalog_strict(resources_dir: Path) -> Catalog:
    """Like ``load_catalog`` but raise the first CatalogError found."""
    result = load_catalog(resources_dir)
    if result.errors:
        raise result.errors[0]
    return result.catalog


# --------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------


def display_path(path: Path, resources_dir: Path) -> str:
    """The file as messages show it: from the resources folder's parent."""
    try:
        return path.relative_to(resources_dir.parent).as_posix()
    except ValueError:
        return path.as_posix()


def read_toml(path: Path, shown: str) -> dict[str, Any]:
    """The file's TOML; a CatalogError names an unreadable file or the syntax error's line."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CatalogError(shown, None, f"cannot read the file: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CatalogError(shown, None, f"not valid UTF-8 text (byte {exc.start})") from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        m = _TOML_POS.search(message)
        if m:
            line, column = int(m.group(1)), int(m.group(2))
            detail = f"TOML syntax error at line {line}, column {column}: {message[:m.start()]}"
            raise CatalogError(shown, None, detail, line=line) from exc
        raise CatalogError(shown, None, f"TOML syntax error: {message}") from exc


def load_sources(resources_dir: Path, errors: list[CatalogError]) -> dict[str, Source]:
    """``sources.toml``'s sources by id; each problem is appended to ``errors``."""
    path = resources_dir / SOURCES_FILE
    shown = display_path(path, resources_dir)
    if not path.is_file():
        errors.append(CatalogError(shown, None, "file not found"))
        return {}
    try:
        data = read_toml(path, shown)
    except CatalogError as exc:
        errors.append(exc)
        return {}
    ctx = CatalogChecker(shown)
    sources: dict[str, Source] = {}
    for source_id, table in data.items():
        at = KeyPath(source_id)
        try:
            if not SLUG_RE.match(source_id):
                ctx.fail(at, "a source id must be lower-case words joined by '-'")
            ctx.table(table, at)
            ctx.keys(table, _SOURCE_KEYS, _SOURCE_KEYS, at)
            sources[source_id] = Source(
                id=source_id,
                citation=ctx.text(table["citation"], at / "citation", _CITATION_MAX),
                summary=ctx.text(table["summary"], at / "summary", _SUMMARY_MAX),
            )
        except CatalogError as exc:
            errors.append(exc)
    return sources


def _drop_dangling_variations(loaded: list[tuple[Exercise, str]], failed: set[str],
                              errors: list[CatalogError]) -> list[tuple[Exercise, str]]:
    """Skip exercises whose easier/harder slugs are not in the library.

    Repeats until stable: skipping one exercise can leave another pointing at it.
    """
    while True:
        known = {e.slug for e, _ in loaded}
        kept: list[tuple[Exercise, str]] = []
        for exercise, shown in loaded:
            problem = _first_dangling(exercise, known, failed)
            if problem is None:
                kept.append((exercise, shown))
            else:
                at, detail = problem
                errors.append(CatalogError(shown, at, detail))
                failed.add(exercise.slug)
        if len(kept) == len(loaded):
            return kept
        loaded = kept


def _first_dangling(exercise: Exercise, known: set[str],
                    failed: set[str]) -> tuple[KeyPath, str] | None:
    for field in ("easier", "harder"):
        variations: tuple[Variation, ...] = getattr(exercise, field)
        for i, v in enumerate(variations, 1):
            if v.slug is not None and v.slug not in known:
                if v.slug in failed:
                    why = f"exercise {v.slug!r} was skipped because its own file has a problem"
                else:
                    why = f"no exercise with slug {v.slug!r} in the library"
                return KeyPath(field, i, "slug"), why
    return None


# --------------------------------------------------------------------------
# Exercise files
# --------------------------------------------------------------------------


def _parse_exercise(data: dict[str, Any], ctx: CatalogChecker, stem: str,
                    sources: Mapping[str, Source]) -> Exercise:
    top = KeyPath()
    ctx.keys(data, _EXERCISE_KEYS, _EXERCISE_REQUIRED, top)

    slug = ctx.text(data["slug"], top / "slug", _NAME_MAX)
    if not SLUG_RE.match(slug):
        ctx.fail(top / "slug", f"expected lower-case words joined by '-', got {show(slug)}")
    if slug != stem:
        ctx.fail(top / "slug", f"{show(slug)} does not match the file name '{stem}.toml'")

    one_side = ctx.choice(data["one_side"], top / "one_side", ONE_SIDE)
    # An exercise file written before schema v10 may say "warm-up": read as "warmup".
    category = ctx.member(category_of(data["category"]), top / "category", Category)
    try:
        figure = parse_figure(data["figure"]) if "figure" in data else FigureSpec()
        poses = parse_poses(data.get("poses", {}), figure)
    except FigureDataError as exc:
        ctx.fail(exc.at, exc.detail)
    # Working hamstrings are highlighted in strength work unless the file says otherwise.
    highlight = figure.highlight or ("both" if category == Category.STRENGTH else "none")
    exercise = Exercise(
        slug=slug,
        name=ctx.text(data["name"], top / "name", _NAME_MAX),
        aliases=ctx.text_list(data.get("aliases", []), top / "aliases", (0, 10), _NAME_MAX),
        category=category,
        equipment=ctx.choice_list(data["equipment"], top / "equipment", tuple(EQUIPMENT)),
        level=ctx.choice(data["level"], top / "level", LEVELS),
        one_side=one_side,
        muscles=ctx.text_list(data["muscles"], top / "muscles", (1, 10), _NAME_MAX),
        why=ctx.text(data["why"], top / "why", _WHY_MAX, sentences=2),
        cues=ctx.text_list(data["cues"], top / "cues", _CUES_RANGE, _CUE_MAX),
        mistakes=ctx.text_list(data["mistakes"], top / "mistakes", _MISTAKES_RANGE, _MISTAKE_MAX),
        sources=ctx.source_ids(data["sources"], top / "sources", sources),
        steps=_parse_steps(data["steps"], ctx, {p.name for p in poses}, highlight),
        easier=_parse_variations(data.get("easier", []), top / "easier", ctx, slug),
        harder=_parse_variations(data.get("harder", []), top / "harder", ctx, slug),
        prescription=_parse_prescription(data["prescription"], ctx, one_side, sources),
        poses=poses,
        figure=figure,
        hamstring_stress=ctx.member(data["hamstring_stress"], top / "hamstring_stress",
                                    HamstringStress),
    )
    return exercise


def _parse_steps(value: Any, ctx: CatalogChecker, pose_names: set[str],
                 highlight: str) -> tuple[Step, ...]:
    at = KeyPath("steps")
    tables = ctx.tables(value, at)
    low, high = _STEPS_RANGE
    if not low <= len(tables) <= high:
        ctx.fail(at, f"expected {low}-{high} steps, got {len(tables)}")
    steps = []
    for i, table in enumerate(tables, 1):
        step = at / i
        ctx.keys(table, _STEP_KEYS, _STEP_REQUIRED, step)
        text = ctx.text(table["text"], step / "text", _STEP_MAX, sentences=2)
        pose = ctx.text(table["pose"], step / "pose", _NAME_MAX)
        if not POSE_RE.match(pose):
            ctx.fail(step / "pose", f"expected lower-case letters, digits and '-', "
                     f"got {show(pose)}")
        if pose not in pose_names:
            ctx.fail(step / "pose", f"no pose {show(pose)} in this file "
                     f"(add a [poses.{pose}] table)")
        try:
            arrow = parse_arrow(table["arrow"], step / "arrow") if "arrow" in table else None
            step_highlight = (parse_highlight(table["highlight"], step / "highlight")
                              if "highlight" in table else highlight)
        except FigureDataError as exc:
            ctx.fail(exc.at, exc.detail)
        steps.append(Step(text=text, pose=pose, arrow=arrow, highlight=step_highlight))
    return tuple(steps)


def _parse_variations(value: Any, at: KeyPath, ctx: CatalogChecker,
                      own_slug: str) -> tuple[Variation, ...]:
    tables = ctx.tables(value, at)
    variations = []
    for i, table in enumerate(tables, 1):
        item = at / i
        ctx.keys(table, _VARIATION_KEYS, (), item)
        has_slug, has_name = "slug" in table, "name" in table
        if has_slug == has_name:
            ctx.fail(item, "give either 'slug' (an exercise in the library) or 'name' "
                     "with 'how', not " + ("both" if has_slug else "neither"))
        how = ctx.text(table["how"], item / "how", _HOW_MAX) if "how" in table else None
        if has_slug:
            slug = ctx.text(table["slug"], item / "slug", _NAME_MAX)
            if not SLUG_RE.match(slug):
                ctx.fail(item / "slug", f"not a valid slug: {show(slug)}")
            if slug == own_slug:
                ctx.fail(item / "slug", "an exercise cannot be its own variation")
            variations.append(Variation(slug=slug, how=how))
        else:
            name = ctx.text(table["name"], item / "name", _NAME_MAX)
            if how is None:
                ctx.fail(item / "how", "missing required key (a named variation "
                         "needs 'how')")
            variations.append(Variation(name=name, how=how))
    return tuple(variations)


def _parse_prescription(value: Any, ctx: CatalogChecker, one_side: str,
                        sources: Mapping[str, Source]) -> Prescription:
    p = KeyPath("prescription")
    ctx.table(value, p)
    ctx.keys(value, _PRESCRIPTION_KEYS, _PRESCRIPTION_REQUIRED, p)

    modes = [k for k in ("reps", "hold_s", "duration_s") if k in value]
    if len(modes) != 1:
        got = "none" if not modes else ", ".join(modes)
        ctx.fail(p, f"give exactly one of 'reps', 'hold_s' (with 'holds') or "
                 f"'duration_s', got {got}")
    mode = modes[0]

    reps: tuple[int, int] | None = None
    hold_s = holds = relax_s = duration_s = None
    if mode == "reps":
        reps = _parse_reps(value["reps"], ctx, p / "reps")
    elif mode == "hold_s":
        hold_s = ctx.integer(value["hold_s"], p / "hold_s", 1, 600)
        if "holds" not in value:
            ctx.fail(p / "holds", "missing required key (needed with 'hold_s')")
        holds = ctx.integer(value["holds"], p / "holds", 1, 50)
        if "relax_s" in value:
            relax_s = ctx.integer(value["relax_s"], p / "relax_s", 0, 600)
    else:
        duration_s = ctx.integer(value["duration_s"], p / "duration_s", 1, 3600)
    if mode != "hold_s":
        for extra in ("holds", "relax_s"):
            if extra in value:
                ctx.fail(p / extra, "only allowed together with 'hold_s'")

    tempo = None
    if "tempo" in value:
        if mode != "reps":
            ctx.fail(p / "tempo", "only allowed together with 'reps'")
        tempo = ctx.text(value["tempo"], p / "tempo", 11)
        m = TEMPO_RE.match(tempo)
        if m is None or any(int(g) > 10 for g in m.groups()):
            ctx.fail(p / "tempo", "expected lower-pause-lift-pause seconds, each 0-10, "
                     f"like \"3-1-1-0\", got {show(tempo)}")

    per_side = False
    if "per_side" in value:
        per_side = ctx.boolean(value["per_side"], p / "per_side")
        if per_side and one_side == "no":
            ctx.fail(p / "per_side", "is true but the exercise has one_side = \"no\"")

    if not isinstance(value["source"], (str, list)):
        ctx.fail(p / "source", f"expected a source id or a list of source ids, "
                 f"got {describe(value['source'])}")

    return Prescription(
        sets=ctx.integer(value["sets"], p / "sets", 1, 10),
        rest_s=ctx.integer(value["rest_s"], p / "rest_s", 0, 600),
        sources=ctx.source_ids(value["source"], p / "source", sources),
        reps=reps,
        hold_s=hold_s,
        holds=holds,
        relax_s=relax_s,
        duration_s=duration_s,
        tempo=tempo,
        per_side=per_side,
        note=ctx.text(value["note"], p / "note", _NOTE_MAX) if "note" in value else None,
    )


def _parse_reps(value: Any, ctx: CatalogChecker, at: KeyPath) -> tuple[int, int]:
    if not (isinstance(value, list) and len(value) == 2 and all(is_int(v) for v in value)
            and 1 <= value[0] <= value[1]):
        ctx.fail(at, f"expected [min, max] with 1 <= min <= max, got {show(value)}")
    if value[1] > 100:
        ctx.fail(at, f"at most 100 reps, got {show(value)}")
    return (value[0], value[1])
