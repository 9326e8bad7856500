"""Benchmark of the session screen: how long one repaint takes at 1366x768
during the lowering phase of a Nordic curl, the busiest moment (the figure
moves, the bar drains, the number counts down).

One frame is what the repaint timer does: ``engine.tick()``, ``screen.render(view)``
and the paint itself, here into a QImage. The figure frames are drawn ahead
of time (``warm_figure``), as the controller does while the athlete gets
ready, so a frame copies the figure rather than drawing it.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_session_screen.py
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time

from bench import Figure, figure

WIDTH, HEIGHT = 1366, 768
STEP_S = 0.05           # the controller's repaint interval
WARM_SECONDS = 30.0     # more than enough to place the poses and draw every frame


def session_screen_figures() -> list[Figure]:
    """Measured in a child process: widgets need a QApplication, and another
    suite of the same run may already have made a (widget-less) QGuiApplication."""
    env = {**os.environ}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    result = subprocess.run([sys.executable, __file__, "--measure"], capture_output=True, text=True,
                            env=env, check=True)
    measured = json.loads(result.stdout.strip().splitlines()[-1])
    times = sorted(measured["times"])
    return [
        figure("frame_ms", statistics.median(times) * 1000, "ms", "<= 4"),
        figure("frame_p95_ms", times[round(0.95 * (len(times) - 1))] * 1000, "ms"),
        figure("frame_figures_drawn", float(measured["drawn"]), "frames"),
    ]


def _measure() -> dict[str, object]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication, QWidget

    from app.catalog import load_catalog_strict
    from app.kernel.clock import FakeClock
    from app.kernel.resources import resources_dir
    from app.session import Phase, SessionEngine, SessionPlan, item_from_exercise
    from app.ui.session.screen import SessionScreen

    app = QApplication.instance() or QApplication([])
    catalog = load_catalog_strict(resources_dir())
    clock = FakeClock()
    plan = SessionPlan.of("bench", main=[item_from_exercise(catalog.get("nordic-hamstring-curl"))])
    engine = SessionEngine(plan, clock)
    screen = SessionScreen(catalog)
    screen.resize(WIDTH, HEIGHT)
    screen.show()
    app.processEvents()
    screen.render(engine.view(), engine.allowed())
    # The poses are placed by a background job first (warm_figure says True
    # meanwhile), then each call draws one frame.
    deadline = time.monotonic() + WARM_SECONDS
    while screen.warm_figure() and time.monotonic() < deadline:
        app.processEvents()
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_ARGB32_Premultiplied)
    engine.start_set()
    times: list[float] = []
    drawn_before = screen.figure.frames_drawn
    while engine.state.value == "set_running":
        clock.advance(STEP_S)
        started = time.perf_counter()
        engine.tick()
        screen.render(engine.view(), engine.allowed())
        QWidget.render(screen, image)
        elapsed = time.perf_counter() - started
        if engine.phase is Phase.LOWERING:
            times.append(elapsed)
    drawn_during = screen.figure.frames_drawn - drawn_before
    screen.close()
    screen.deleteLater()
    app.processEvents()
    # How many figure frames had to be drawn during the set (0: all were ready).
    return {"times": times, "drawn": drawn_during}


if __name__ == "__main__":
    if sys.argv[1:] == ["--measure"]:
        print(json.dumps(_measure()))
        sys.exit(0)
    for result in session_screen_figures():
        print(f"{result.name:<24} {result.value:>10.3f} {result.unit:<6} {result.target or ''}")
