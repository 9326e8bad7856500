"""`hamstride exercises` and `hamstride render-steps`: the exercise library,
as a list or JSON, and its step pictures drawn as PNG files."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.common import EXIT_OK, UserError, counted, print_json

if TYPE_CHECKING:
    from app.kernel.paths import AppPaths


def run_exercises(args: argparse.Namespace, paths: AppPaths) -> int:
    from app.catalog import load_catalog
    from app.catalog.model import EQUIPMENT
    from app.kernel.resources import resources_dir

    result = load_catalog(resources_dir())
    for problem in result.problems:
        print(f"hamstride: skipped: {problem}", file=sys.stderr)
    catalog = result.catalog
    if args.json:
        print_json(catalog.to_dict())
        return EXIT_OK
    width = max((len(e.name) for e in catalog.exercises), default=10)
    for exercise in catalog.exercises:
        equipment = ", ".join(EQUIPMENT[e].name for e in exercise.equipment)
        print(f"{exercise.name:<{width}}  {exercise.category:<9} {exercise.level:<12} {equipment}")
    return EXIT_OK


def run_render_steps(args: argparse.Namespace, paths: AppPaths) -> int:
    from app.catalog import load_catalog
    from app.kernel.resources import resources_dir

    result = load_catalog(resources_dir())
    for problem in result.problems:
        print(f"hamstride: skipped: {problem}", file=sys.stderr)
    catalog = result.catalog
    if args.all:
        exercises = list(catalog.exercises)
    elif args.slug in catalog:
        exercises = [catalog.get(args.slug)]
    else:
        raise UserError(f"no exercise {args.slug!r} (see 'hamstride exercises')")
    out: Path = args.out
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"cannot create the folder {out}: {exc.strerror or exc}") from exc

    # No display needed: Qt draws into images on its offscreen platform. Set
    # before anything creates the Qt application.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.ui.look.figure_painter import FigureTheme, write_step_images

    theme = FigureTheme.DARK if args.theme == "dark" else FigureTheme.LIGHT
    try:
        count = write_step_images(exercises, out, args.size, theme)
    except OSError as exc:
        raise UserError(str(exc)) from exc
    print(f"Drew {counted(count, 'step picture')} in {out}")
    return EXIT_OK
