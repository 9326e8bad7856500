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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from app.catalog.model import (
    CATEGORIES,
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
from app.figure.spec import (
    FigureDataError,
    FigureSpec,
    parse_arrow,
    parse_figure,
    parse_highlight,
    parse_poses,
)

SOURCES_FILE = "sources.toml"
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

_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+")
_TOML_POS = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


class CatalogError(ValueError):
    """A problem in one catalog file.

    ``path`` is the file as shown to people (relative to the parent of the
    resources dir, e.g. ``resources/exercises/foo.toml``); ``key`` is the
    dotted key path, or None when the problem is not about one key (a TOML
    syntax error, an unreadable file); ``line`` is set for syntax errors.
    """

    def __init__(self, path: str, key: str | None, detail: str,
                 line: int | None = None) -> None:
        self.path = path
        self.key = key
        self.detail = detail
        self.line = line
        where = f"{path}: key '{key}'" if key else path
        super().__init__(f"{where}: {detail}")


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

    sources = _load_sources(resources_dir, errors)

    exercises_dir = resources_dir / EXERCISES_DIR
    loaded: list[tuple[Exercise, str]] = []  # (exercise, display path)
    failed_stems: set[str] = set()
    if not exercises_dir.is_dir():
        errors.append(CatalogError(_display(exercises_dir, resources_dir), None,
                                   "exercise folder not found"))
        files: list[Path] = []
    else:
        files = sorted(p for p in exercises_dir.glob("*.toml")
                       if p.is_file() and not p.name.startswith("."))

    seen_slugs: dict[str, str] = {}
    seen_names: dict[str, str] = {}
    for path in files:
        shown = _display(path, resources_dir)
        try:
            data = _read_toml(path, shown)
            exercise = _parse_exercise(data, _Ctx(shown), path.stem, sources)
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


def _display(path: Path, resources_dir: Path) -> str:
    try:
        return path.relative_to(resources_dir.parent).as_posix()
    except ValueError:
        return path.as_posix()


def _read_toml(path: Path, shown: str) -> dict[str, Any]:
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


def _load_sources(resources_dir: Path, errors: list[CatalogError]) -> dict[str, Source]:
    path = resources_dir / SOURCES_FILE
    shown = _display(path, resources_dir)
    if not path.is_file():
        errors.append(CatalogError(shown, None, "file not found"))
        return {}
    try:
        data = _read_toml(path, shown)
    except CatalogError as exc:
        errors.append(exc)
        return {}
    ctx = _Ctx(shown)
    sources: dict[str, Source] = {}
    for source_id, table in data.items():
        try:
            if not SLUG_RE.match(source_id):
                ctx.fail(source_id, "a source id must be lower-case words joined by '-'")
            if not isinstance(table, dict):
                ctx.fail(source_id, f"expected a table, got {_describe(table)}")
            ctx.keys(table, _SOURCE_KEYS, _SOURCE_KEYS, source_id)
            sources[source_id] = Source(
                id=source_id,
                citation=ctx.text(table["citation"], f"{source_id}.citation", _CITATION_MAX),
                summary=ctx.text(table["summary"], f"{source_id}.summary", _SUMMARY_MAX),
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
                key, detail = problem
                errors.append(CatalogError(shown, key, detail))
                failed.add(exercise.slug)
        if len(kept) == len(loaded):
            return kept
        loaded = kept


def _first_dangling(exercise: Exercise, known: set[str],
                    failed: set[str]) -> tuple[str, str] | None:
    for field in ("easier", "harder"):
        variations: tuple[Variation, ...] = getattr(exercise, field)
        for i, v in enumerate(variations, 1):
            if v.slug is not None and v.slug not in known:
                if v.slug in failed:
                    why = f"exercise {v.slug!r} was skipped because its own file has a problem"
                else:
                    why = f"no exercise with slug {v.slug!r} in the library"
                return f"{field}[{i}].slug", why
    return None


# --------------------------------------------------------------------------
# Exercise files
# --------------------------------------------------------------------------


def _parse_exercise(data: dict[str, Any], ctx: _Ctx, stem: str,
                    sources: Mapping[str, Source]) -> Exercise:
    ctx.keys(data, _EXERCISE_KEYS, _EXERCISE_REQUIRED, "")

    slug = ctx.text(data["slug"], "slug", _NAME_MAX)
    if not SLUG_RE.match(slug):
        ctx.fail("slug", f"expected lower-case words joined by '-', got {_show(slug)}")
    if slug != stem:
        ctx.fail("slug", f"{_show(slug)} does not match the file name '{stem}.toml'")

    one_side = ctx.choice(data["one_side"], "one_side", ONE_SIDE)
    category = ctx.choice(data["category"], "category", CATEGORIES)
    try:
        figure = parse_figure(data["figure"]) if "figure" in data else FigureSpec()
        poses = parse_poses(data.get("poses", {}), figure)
    except FigureDataError as exc:
        ctx.fail(exc.key, exc.detail)
    # Working hamstrings are highlighted in strength work unless the file says otherwise.
    highlight = figure.highlight or ("both" if category == "strength" else "none")
    exercise = Exercise(
        slug=slug,
        name=ctx.text(data["name"], "name", _NAME_MAX),
        aliases=ctx.text_list(data.get("aliases", []), "aliases", (0, 10), _NAME_MAX),
        category=category,
        equipment=ctx.choice_list(data["equipment"], "equipment", tuple(EQUIPMENT)),
        level=ctx.choice(data["level"], "level", LEVELS),
        one_side=one_side,
        muscles=ctx.text_list(data["muscles"], "muscles", (1, 10), _NAME_MAX),
        why=ctx.text(data["why"], "why", _WHY_MAX, sentences=2),
        cues=ctx.text_list(data["cues"], "cues", _CUES_RANGE, _CUE_MAX),
        mistakes=ctx.text_list(data["mistakes"], "mistakes", _MISTAKES_RANGE, _MISTAKE_MAX),
        sources=ctx.source_ids(data["sources"], "sources", sources),
        steps=_parse_steps(data["steps"], ctx, {p.name for p in poses}, highlight),
        easier=_parse_variations(data.get("easier", []), "easier", ctx, slug),
        harder=_parse_variations(data.get("harder", []), "harder", ctx, slug),
        prescription=_parse_prescription(data["prescription"], ctx, one_side, sources),
        poses=poses,
        figure=figure,
        hamstring_stress=HamstringStress(ctx.choice(data["hamstring_stress"], "hamstring_stress",
                                                    tuple(s.value for s in HamstringStress))),
    )
    return exercise


def _parse_steps(value: Any, ctx: _Ctx, pose_names: set[str],
                 highlight: str) -> tuple[Step, ...]:
    tables = ctx.table_list(value, "steps")
    low, high = _STEPS_RANGE
    if not low <= len(tables) <= high:
        ctx.fail("steps", f"expected {low}-{high} steps, got {len(tables)}")
    steps = []
    for i, table in enumerate(tables, 1):
        prefix = f"steps[{i}]"
        ctx.keys(table, _STEP_KEYS, _STEP_REQUIRED, prefix)
        text = ctx.text(table["text"], f"{prefix}.text", _STEP_MAX, sentences=2)
        pose = ctx.text(table["pose"], f"{prefix}.pose", _NAME_MAX)
        if not POSE_RE.match(pose):
            ctx.fail(f"{prefix}.pose", f"expected lower-case letters, digits and '-', "
                     f"got {_show(pose)}")
        if pose not in pose_names:
            ctx.fail(f"{prefix}.pose", f"no pose {_show(pose)} in this file "
                     f"(add a [poses.{pose}] table)")
        try:
            arrow = parse_arrow(table["arrow"], f"{prefix}.arrow") if "arrow" in table else None
            step_highlight = (parse_highlight(table["highlight"], f"{prefix}.highlight")
                              if "highlight" in table else highlight)
        except FigureDataError as exc:
            ctx.fail(exc.key, exc.detail)
        steps.append(Step(text=text, pose=pose, arrow=arrow, highlight=step_highlight))
    return tuple(steps)


def _parse_variations(value: Any, field: str, ctx: _Ctx, own_slug: str) -> tuple[Variation, ...]:
    tables = ctx.table_list(value, field)
    variations = []
    for i, table in enumerate(tables, 1):
        prefix = f"{field}[{i}]"
        ctx.keys(table, _VARIATION_KEYS, (), prefix)
        has_slug, has_name = "slug" in table, "name" in table
        if has_slug == has_name:
            ctx.fail(prefix, "give either 'slug' (an exercise in the library) or 'name' "
                     "with 'how', not " + ("both" if has_slug else "neither"))
        how = ctx.text(table["how"], f"{prefix}.how", _HOW_MAX) if "how" in table else None
        if has_slug:
            slug = ctx.text(table["slug"], f"{prefix}.slug", _NAME_MAX)
            if not SLUG_RE.match(slug):
                ctx.fail(f"{prefix}.slug", f"not a valid slug: {_show(slug)}")
            if slug == own_slug:
                ctx.fail(f"{prefix}.slug", "an exercise cannot be its own variation")
            variations.append(Variation(slug=slug, how=how))
        else:
            name = ctx.text(table["name"], f"{prefix}.name", _NAME_MAX)
            if how is None:
                ctx.fail(f"{prefix}.how", "missing required key (a named variation "
                         "needs 'how')")
            variations.append(Variation(name=name, how=how))
    return tuple(variations)


def _parse_prescription(value: Any, ctx: _Ctx, one_side: str,
                        sources: Mapping[str, Source]) -> Prescription:
    p = "prescription"
    if not isinstance(value, dict):
        ctx.fail(p, f"expected a table, got {_describe(value)}")
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
        reps = _parse_reps(value["reps"], ctx, f"{p}.reps")
    elif mode == "hold_s":
        hold_s = ctx.integer(value["hold_s"], f"{p}.hold_s", 1, 600)
        if "holds" not in value:
            ctx.fail(f"{p}.holds", "missing required key (needed with 'hold_s')")
        holds = ctx.integer(value["holds"], f"{p}.holds", 1, 50)
        if "relax_s" in value:
            relax_s = ctx.integer(value["relax_s"], f"{p}.relax_s", 0, 600)
    else:
        duration_s = ctx.integer(value["duration_s"], f"{p}.duration_s", 1, 3600)
    if mode != "hold_s":
        for extra in ("holds", "relax_s"):
            if extra in value:
                ctx.fail(f"{p}.{extra}", "only allowed together with 'hold_s'")

    tempo = None
    if "tempo" in value:
        if mode != "reps":
            ctx.fail(f"{p}.tempo", "only allowed together with 'reps'")
        tempo = ctx.text(value["tempo"], f"{p}.tempo", 11)
        m = TEMPO_RE.match(tempo)
        if m is None or any(int(g) > 10 for g in m.groups()):
            ctx.fail(f"{p}.tempo", "expected lower-pause-lift-pause seconds, each 0-10, "
                     f"like \"3-1-1-0\", got {_show(tempo)}")

    per_side = False
    if "per_side" in value:
        per_side = ctx.boolean(value["per_side"], f"{p}.per_side")
        if per_side and one_side == "no":
            ctx.fail(f"{p}.per_side", "is true but the exercise has one_side = \"no\"")

    if not isinstance(value["source"], (str, list)):
        ctx.fail(f"{p}.source", f"expected a source id or a list of source ids, "
                 f"got {_describe(value['source'])}")

    return Prescription(
        sets=ctx.integer(value["sets"], f"{p}.sets", 1, 10),
        rest_s=ctx.integer(value["rest_s"], f"{p}.rest_s", 0, 600),
        sources=ctx.source_ids(value["source"], f"{p}.source", sources),
        reps=reps,
        hold_s=hold_s,
        holds=holds,
        relax_s=relax_s,
        duration_s=duration_s,
        tempo=tempo,
        per_side=per_side,
        note=ctx.text(value["note"], f"{p}.note", _NOTE_MAX) if "note" in value else None,
    )


def _parse_reps(value: Any, ctx: _Ctx, key: str) -> tuple[int, int]:
    if not (isinstance(value, list) and len(value) == 2 and all(_is_int(v) for v in value)
            and 1 <= value[0] <= value[1]):
        ctx.fail(key, f"expected [min, max] with 1 <= min <= max, got {_show(value)}")
    if value[1] > 100:
        ctx.fail(key, f"at most 100 reps, got {_show(value)}")
    return (value[0], value[1])


# --------------------------------------------------------------------------
# Checking helpers
# --------------------------------------------------------------------------


class _Ctx:
    """Validation helpers that raise CatalogError naming one file."""

    def __init__(self, shown: str) -> None:
        self.shown = shown

    def fail(self, key: str | None, detail: str) -> NoReturn:
        raise CatalogError(self.shown, key or None, detail)

    def keys(self, table: dict[str, Any], allowed: Iterable[str],
             required: Iterable[str], prefix: str) -> None:
        allowed = tuple(allowed)
        for key in table:
            if key not in allowed:
                self.fail(_join(prefix, key),
                          "unknown key (allowed here: " + ", ".join(allowed) + ")")
        for key in required:
            if key not in table:
                self.fail(_join(prefix, key), "missing required key")

    def text(self, value: Any, key: str, max_len: int, *, sentences: int | None = None) -> str:
        if not isinstance(value, str):
            self.fail(key, f"expected a string, got {_describe(value)}")
        if not value.strip():
            self.fail(key, "must not be empty")
        if value != value.strip():
            self.fail(key, "has leading or trailing spaces")
        if "\n" in value or "\r" in value:
            self.fail(key, "must be a single line")
        if len(value) > max_len:
            self.fail(key, f"too long: {len(value)} characters, at most {max_len}")
        if sentences is not None:
            count = len(_SENTENCE_SPLIT.split(value))
            if count > sentences:
                self.fail(key, f"at most {sentences} sentences, got {count}")
        return value

    def integer(self, value: Any, key: str, low: int, high: int) -> int:
        if not _is_int(value):
            self.fail(key, f"expected an integer, got {_describe(value)}")
        if not low <= value <= high:
            self.fail(key, f"expected an integer from {low} to {high}, got {value}")
        return int(value)

    def boolean(self, value: Any, key: str) -> bool:
        if not isinstance(value, bool):
            self.fail(key, f"expected true or false, got {_describe(value)}")
        return value

    def choice(self, value: Any, key: str, choices: tuple[str, ...]) -> str:
        if not isinstance(value, str):
            self.fail(key, f"expected a string, got {_describe(value)}")
        if value not in choices:
            self.fail(key, f"expected one of {_show_list(choices)}, got {_show(value)}")
        return value

    def _list(self, value: Any, key: str) -> list[Any]:
        if not isinstance(value, list):
            self.fail(key, f"expected an array, got {_describe(value)}")
        return value

    def text_list(self, value: Any, key: str, count: tuple[int, int],
                  max_len: int) -> tuple[str, ...]:
        items = self._list(value, key)
        low, high = count
        if not low <= len(items) <= high:
            self.fail(key, f"expected {low}-{high} items, got {len(items)}")
        out = tuple(self.text(v, f"{key}[{i}]", max_len) for i, v in enumerate(items, 1))
        self._no_repeats(out, key)
        return out

    def choice_list(self, value: Any, key: str, choices: tuple[str, ...]) -> tuple[str, ...]:
        items = self._list(value, key)
        if not items:
            self.fail(key, "must not be empty")
        out = tuple(self.choice(v, f"{key}[{i}]", choices) for i, v in enumerate(items, 1))
        self._no_repeats(out, key)
        return out

    def source_ids(self, value: Any, key: str, sources: Mapping[str, Source]) -> tuple[str, ...]:
        """A list of known source ids; a single string stands for a one-item list."""
        single = isinstance(value, str)
        items = [value] if single else self._list(value, key)
        if not items:
            self.fail(key, "must name at least one source id")
        out = []
        for i, item in enumerate(items, 1):
            item_key = key if single else f"{key}[{i}]"
            if not isinstance(item, str):
                self.fail(item_key, f"expected a source id string, got {_describe(item)}")
            if item not in sources:
                self.fail(item_key, f"unknown source id {_show(item)} (not in {SOURCES_FILE})")
            out.append(item)
        result = tuple(out)
        self._no_repeats(result, key)
        return result

    def table_list(self, value: Any, key: str) -> list[dict[str, Any]]:
        items = self._list(value, key)
        for i, item in enumerate(items, 1):
            if not isinstance(item, dict):
                self.fail(f"{key}[{i}]", f"expected a table, got {_describe(item)}")
        return items

    def _no_repeats(self, items: tuple[str, ...], key: str) -> None:
        seen: set[str] = set()
        for i, item in enumerate(items, 1):
            if item in seen:
                self.fail(f"{key}[{i}]", f"repeats {_show(item)}")
            seen.add(item)


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _show(value: Any) -> str:
    """A value written the way it looks in TOML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k} = {_show(v)}" for k, v in value.items()) + "}"
    return str(value)


def _show_list(choices: Iterable[str]) -> str:
    return ", ".join(f'"{c}"' for c in choices)


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        kind = "a boolean"
    elif isinstance(value, int):
        kind = "an integer"
    elif isinstance(value, float):
        kind = "a float"
    elif isinstance(value, str):
        kind = "a string"
    elif isinstance(value, list):
        kind = "an array"
    elif isinstance(value, dict):
        kind = "a table"
    else:
        kind = f"a {type(value).__name__}"
    shown = _show(value)
    if len(shown) > 40:
        shown = shown[:37] + "..."
    return f"{kind} {shown}"
