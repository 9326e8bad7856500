"""The end-of-session summary: per exercise the sets x reps x load, the volume,
the change from last time and, for a Nordic, the best and mean descent; what
it compares with is read on the writer's thread."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.catalog import load_catalog_strict
from app.catalog.vocabulary import DoseKind
from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.kernel.resources import resources_dir
from app.logbook.entries import LastTime, LoggedSetRecord, SetEntry
from app.session.events import SessionFinished
from app.session.plan import NORDIC_SLUG, PlanItem, SessionPlan, plan_from_exercise
from app.storage.queries import LogReader
from app.storage.store import Store
from app.ui.base.alerts import RecordingAlerts
from app.ui.session.summary import (
    COUNTED,
    DescentFacts,
    build_summary,
    change_text,
    summary_facts,
    volume_kg,
)
from app.ui.shell.application import GuiSession
from helpers.multimedia import MULTIMEDIA_NOISE

RDL = "romanian-deadlift"
BRIDGE = "glute-bridge"
NOW = datetime(2026, 1, 10, 18, 0, tzinfo=UTC)
FINISHED = SessionFinished(sets_logged=3, sets_planned=3, ended_early=False, duration_s=1800)


def _set(slug: str, number: int, reps: int | None, load: float | None = None, *,
         set_type: str = "working", descents: tuple[float, ...] | None = None,
         held: tuple[bool, ...] = (), session: int = 2, days_ago: int = 0) -> LoggedSetRecord:
    return LoggedSetRecord(
        id=number, uid=f"u{session}-{number}", session_id=session, exercise_slug=slug,
        set_number=number, side="both", reps=reps, load_kg=load, load_unit="kg", duration_s=None,
        rpe=None, tempo=None, descent_s=descents, set_type=set_type, notes="",
        logged_at=NOW - timedelta(days=days_ago), descent_held=held)


def _plan(*slugs: str) -> SessionPlan:
    items = [PlanItem(slug=slug, name={RDL: "Romanian deadlift", BRIDGE: "Glute bridge",
                                       NORDIC_SLUG: "Nordic hamstring curl"}[slug],
                      kind=DoseKind.REPS, sets=3, rest_s=90, reps=(8, 8)) for slug in slugs]
    return SessionPlan.of(main=items)


def _last(*sets: LoggedSetRecord) -> LastTime:
    return LastTime(started_at=sets[0].logged_at, session_id=1, sets=sets)


def test_a_loaded_lift_says_sets_reps_load_volume_and_the_change() -> None:
    today = [_set(RDL, 1, 10, 40, set_type="warmup"), _set(RDL, 1, 8, 60), _set(RDL, 2, 8, 60),
             _set(RDL, 3, 8, 60)]
    before = _last(*(_set(RDL, n, 8, 57.5, session=1, days_ago=5) for n in (1, 2, 3)))
    summary = build_summary(_plan(RDL), FINISHED, today, units="kg", last_times={RDL: before},
                            now=NOW)
    (line,) = summary.lines
    assert line.text() == ("Romanian deadlift: 3 x 8 @ 60 kg · 4 of 3 sets · volume 1440 kg\n"
                           "last time: 3 x 8 @ 57.5 kg, 5 days ago · volume +60 kg (+4 %)")
    # The warm-up's 400 kg is no volume; pounds for an athlete who counts in them.
    assert volume_kg(today) == 1440 and frozenset({"working", "drop"}) == COUNTED
    pounds = build_summary(_plan(RDL), FINISHED, today, units="lb")
    assert pounds.lines[0].text() == "Romanian deadlift: 3 x 8 @ 132.3 lb · 4 of 3 sets · volume 3175 lb"


def test_the_change_uses_a_measure_both_sessions_have() -> None:
    bodyweight = [_set(BRIDGE, n, 15) for n in (1, 2, 3)]
    assert change_text(bodyweight, _last(*(_set(BRIDGE, n, 14, session=1) for n in (1, 2, 3))),
                       "kg") == "reps +3"
    assert change_text(bodyweight, _last(*(_set(BRIDGE, n, 15, session=1) for n in (1, 2, 3))),
                       "kg") == "reps ±0"
    lighter = [_set(RDL, 1, 8, 50)]
    assert change_text(lighter, _last(_set(RDL, 1, 8, 60, session=1)), "kg") == \
        "volume −80 kg (−17 %)"


def test_a_nordic_says_its_best_and_mean_descent_and_what_changed() -> None:
    today = [_set(NORDIC_SLUG, 1, 3, descents=(5.0, 4.0, 5.0), held=(True, False, True)),
             _set(NORDIC_SLUG, 2, 3, descents=(3.0, 3.5, 4.0), held=(False, False, False))]
    before = _last(_set(NORDIC_SLUG, 1, 3, descents=(3.0, 3.0, 3.6), session=1, days_ago=3))
    summary = build_summary(_plan(NORDIC_SLUG), FINISHED, today, last_times={NORDIC_SLUG: before},
                            now=NOW)
    assert summary.lines[0].text() == (
        "Nordic hamstring curl: 2 x 3 · 2 of 3 sets · best descent 5.0 s+ (to the floor) · mean at "
        "least 4.1 s\nlast time: 1 x 3, 3 days ago · mean descent +0.9 s")
    measured = DescentFacts.of([_set(NORDIC_SLUG, 1, 2, descents=(4.2, 6.1))])
    assert measured is not None and measured.text() == "best descent 6.1 s · mean 5.2 s"


def test_a_first_time_and_a_summary_before_the_log_answers() -> None:
    today = [_set(RDL, 1, 8, 60)]
    assert build_summary(_plan(RDL, BRIDGE), FINISHED, today, last_times={},
                         now=NOW).lines[0].last_time == "first time"
    early = build_summary(_plan(RDL, BRIDGE), FINISHED, today)  # last times not read yet
    assert [line.text() for line in early.lines] == [
        "Romanian deadlift: 1 x 8 @ 60 kg · 1 of 3 sets · volume 480 kg",
        "Glute bridge: 0 of 3 sets"]


def test_the_facts_come_from_the_log_without_this_session(store: Store, clock: FakeClock) -> None:
    earlier = store.start_session(title="Monday")
    store.log_set(earlier.id, SetEntry(RDL, 1, reps=8, load=60))
    store.log_set(earlier.id, SetEntry(RDL, 2, reps=8, load=60, set_type="warmup"))
    store.end_session(earlier.id)
    clock.advance(2 * 86400)
    now = store.start_session(title="Wednesday")
    logged = store.log_set(now.id, SetEntry(RDL, 1, reps=8, load=65))
    facts = summary_facts(store, now.id, [RDL, BRIDGE, RDL], ["a record"])
    assert facts.sets == (logged,) and facts.records == ("a record",)
    assert set(facts.last_times) == {RDL}
    last = facts.last_times[RDL]
    assert last.session_id == earlier.id and [s.load_kg for s in last.sets] == [60]


@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
def test_the_window_summary_compares_with_last_time_read_off_the_ui_thread(
        qtbot: QtBot, paths: AppPaths, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    store, _ = Store.open(paths, clock)
    earlier = store.start_session(title="Last week")
    store.log_set(earlier.id, SetEntry(RDL, 1, reps=8, load=60))
    store.end_session(earlier.id)
    store.close()
    clock.advance(3 * 86400)
    threads: list[str] = []
    original = LogReader.last_time

    def watched(self: LogReader, slug: str, **kwargs: object) -> LastTime | None:
        threads.append(threading.current_thread().name)
        return original(self, slug, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(LogReader, "last_time", watched)
    gui = GuiSession(paths, RecordingAlerts(), clock)
    qtbot.addWidget(gui.window)
    with qtbot.waitSignal(gui.window.log_ready, timeout=20000):
        gui.start()
    catalog = load_catalog_strict(resources_dir())
    gui.window.start_session(plan_from_exercise(catalog.get(RDL), sets=1, reps=8), clock)
    host = gui.window.session
    assert host is not None and host.controller is not None
    controller = host.controller
    qtbot.waitUntil(lambda: controller.session_id is not None, timeout=20000)
    qtbot.keyClick(host.screen, Qt.Key.Key_Space)
    clock.advance(40)
    qtbot.keyClick(host.screen, Qt.Key.Key_Space)
    host.screen.sheet.load_edit.setText("65")
    with qtbot.waitSignal(controller.set_logged, timeout=20000):
        qtbot.keyClick(host.screen, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.engine.state.value == "summary", timeout=20000)
    qtbot.waitUntil(lambda: not controller.writes_pending, timeout=20000)
    texts = host.screen.summary_page.texts()
    assert texts[0] == ("Romanian deadlift: 1 x 8 @ 65 kg · 1 of 1 set · volume 520 kg\n"
                        "last time: 1 x 8 @ 60 kg, 3 days ago · volume +40 kg (+8 %)")
    assert "NEW RECORD · Romanian deadlift: heaviest for 8 reps, 65 kg (was 60 kg)" in texts
    summary_reads = [name for name in threads if name != "MainThread"]
    assert summary_reads and set(summary_reads) == {"log-writer"}


def test_a_nordic_load_and_any_assistance_are_said_relative_to_body_weight() -> None:
    """Issue 18, point 6: a band's help (a negative load) and a Nordic's added
    load as a share of the body weight logged; a barbell's load stays in kg."""
    assisted = [_set(NORDIC_SLUG, n, 5, -20.0) for n in (1, 2)] + [_set(NORDIC_SLUG, 3, 5, -8.0)]
    (line,) = build_summary(_plan(NORDIC_SLUG), FINISHED, assisted, body_kg=80.0).lines
    # The least help of the session: 8 of 80 kg.
    assert "assistance: 10 % of body weight" in line.text()
    loaded = [_set(NORDIC_SLUG, n, 5, 12.0) for n in (1, 2, 3)]
    (line,) = build_summary(_plan(NORDIC_SLUG), FINISHED, loaded, body_kg=80.0).lines
    assert line.relative == "15 % of body weight"
    lift = [_set(RDL, n, 8, 60.0) for n in (1, 2, 3)]
    (line,) = build_summary(_plan(RDL), FINISHED, lift, body_kg=80.0).lines
    assert line.relative == ""
    # Without a body weight logged, nothing is guessed.
    (line,) = build_summary(_plan(NORDIC_SLUG), FINISHED, assisted).lines
    assert line.relative == "" and "body weight" not in line.text()


def test_the_facts_read_the_body_weight_of_the_session_day(store: Store, clock: FakeClock) -> None:
    store.set_body_weight(NOW.date() - timedelta(days=3), 81.0)
    store.set_body_weight(NOW.date() + timedelta(days=1), 79.0)  # after the session: not used
    session = store.start_session(title="today")
    store.log_set(session.id, SetEntry(NORDIC_SLUG, 1, reps=5, load=-10.0))
    facts = summary_facts(store, session.id, [NORDIC_SLUG], (), day=NOW.date())
    assert facts.body_kg == 81.0
    assert summary_facts(store, session.id, [NORDIC_SLUG], ()).body_kg is None
