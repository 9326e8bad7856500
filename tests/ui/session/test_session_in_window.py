"""A session inside the main window: gym mode, the resume offer after a
crash, and the way back to the pages."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.catalog import load_catalog_strict
from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.kernel.resources import resources_dir
from app.logbook.settings import Settings
from app.session.plan import SessionPlan, plan_from_exercise
from app.ui.base.alerts import RecordingAlerts
from app.ui.session.session_host import apply_settings, saved_session_path
from app.ui.shell.application import GuiSession
from helpers.multimedia import MULTIMEDIA_NOISE


def _plan() -> SessionPlan:
    catalog = load_catalog_strict(resources_dir())
    return plan_from_exercise(catalog.get("glute-bridge"), sets=1, reps=3)


def test_the_athletes_lowering_target_reaches_the_nordic_but_not_an_explicit_tempo() -> None:
    catalog = load_catalog_strict(resources_dir())
    nordic = plan_from_exercise(catalog.get("nordic-hamstring-curl"))
    settings = Settings(lowering_s=8, return_s=4)
    [item] = apply_settings(nordic, settings, keep_tempo=False).items
    assert (item.lowering_s, item.return_s) == (8, 4)
    [kept] = apply_settings(nordic, settings, keep_tempo=True).items
    assert kept.lowering_s == nordic.items[0].lowering_s


@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
def test_gym_mode_then_back_to_history(qtbot: QtBot, paths: AppPaths, clock: FakeClock) -> None:
    gui = GuiSession(paths, RecordingAlerts(), clock)
    qtbot.addWidget(gui.window)
    with qtbot.waitSignal(gui.window.log_ready, timeout=20000):
        gui.start()
    window = gui.window
    window.start_session(_plan(), clock)
    host = window.session
    assert host is not None and window.modes.currentWidget() is host.screen
    assert not window.page_actions[0].isEnabled()  # Ctrl+1.. would hide the session
    controller = host.controller
    assert controller is not None
    qtbot.waitUntil(lambda: controller.session_id is not None, timeout=20000)
    qtbot.keyClick(host.screen, Qt.Key.Key_Space)   # start the set
    clock.advance(20)
    qtbot.keyClick(host.screen, Qt.Key.Key_Space)   # finish it
    with qtbot.waitSignal(controller.set_logged, timeout=20000):
        qtbot.keyClick(host.screen, Qt.Key.Key_Return)  # log it
    qtbot.waitUntil(lambda: controller.engine.state.value == "summary", timeout=20000)
    qtbot.waitUntil(lambda: not controller.writes_pending, timeout=20000)
    qtbot.keyClick(host.screen, Qt.Key.Key_Return)  # close the summary
    qtbot.waitUntil(lambda: window.session is None, timeout=20000)
    assert window.modes.currentWidget() is window.pages_area
    assert window.current_page().title == "History"
    assert window.history_page.sessions_model.rowCount() == 1
    assert not saved_session_path(paths).exists()


@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
def test_an_interrupted_session_is_offered_for_resume(qtbot: QtBot, paths: AppPaths,
                                                     clock: FakeClock) -> None:
    first = GuiSession(paths, RecordingAlerts(), clock)
    qtbot.addWidget(first.window)
    with qtbot.waitSignal(first.window.log_ready, timeout=20000):
        first.start()
    first.window.start_session(_plan(), clock)
    host = first.window.session
    assert host is not None and host.controller is not None
    qtbot.waitUntil(lambda: saved_session_path(paths).exists(), timeout=20000)
    qtbot.keyClick(host.screen, Qt.Key.Key_Space)   # a set is running when "the laptop dies"
    qtbot.waitUntil(lambda: not host.controller.writes_pending, timeout=20000)  # type: ignore[union-attr]
    first.window.close()

    alerts = RecordingAlerts(confirm_answer=True)
    second = GuiSession(paths, alerts, clock)
    qtbot.addWidget(second.window)
    with qtbot.waitSignal(second.window.log_ready, timeout=20000):
        second.start()
    assert [kind for kind, _t, _x in alerts.shown] == ["confirm"]
    assert alerts.defaults == ["Resume"]   # Enter resumes; it never throws the position away
    resumed = second.window.session
    assert resumed is not None and resumed.controller is not None
    assert resumed.controller.engine.paused  # a running set comes back paused


def test_declining_the_resume_forgets_only_the_position(qtbot: QtBot, paths: AppPaths,
                                                        clock: FakeClock) -> None:
    path = saved_session_path(paths)
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    path.write_text("{ not a session }")  # damaged: nothing to offer, and kept for inspection
    gui = GuiSession(paths, RecordingAlerts(confirm_answer=False), clock)
    qtbot.addWidget(gui.window)
    with qtbot.waitSignal(gui.window.log_ready, timeout=20000):
        gui.start()
    assert gui.window.session is None and path.exists()


def test_session_cues_sound_and_speak_when_counts_are_on(qtbot: QtBot) -> None:
    from PySide6.QtCore import QObject, Signal

    from app.ui.session.session_host import SessionCues

    class FakeSound(QObject):
        flash_requested = Signal(str)

        def __init__(self) -> None:
            super().__init__()
            self.played: list[tuple[str, int | None]] = []

        def play(self, kind: str, count: int | None = None) -> None:
            self.played.append((kind, count))

    class FakeSpeech:
        def __init__(self) -> None:
            self.spoken: list[tuple[str, int | None, bool]] = []

        def speak_cue(self, kind: str, count: int | None = None, *, starts_lowering: bool = False) -> None:
            self.spoken.append((kind, count, starts_lowering))

        def shutdown(self) -> None:
            self.spoken.append(("shutdown", None, False))

    sound, speech = FakeSound(), FakeSpeech()
    cues = SessionCues(sound, speech, lambda: True)  # type: ignore[arg-type]
    flashes: list[str] = []
    cues.flash_requested.connect(flashes.append)
    cues.play("tick", 2)
    sound.flash_requested.emit("tick")
    cues.shutdown()
    assert sound.played == [("tick", 2)]
    assert speech.spoken == [("tick", 2, True), ("shutdown", None, False)]
    assert flashes == ["tick"]
    silent = SessionCues(FakeSound(), None, lambda: False)  # type: ignore[arg-type]
    silent.play("go")  # no speech object: sound only, no error


@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
def test_the_sheet_starts_from_last_load_and_the_summary_shows_a_record_beaten(
        qtbot: QtBot, paths: AppPaths, clock: FakeClock) -> None:
    from app.logbook.entries import SetEntry
    from app.storage.store import Store

    store, _ = Store.open(paths, clock)
    earlier = store.start_session(title="Last week")
    store.log_set(earlier.id, SetEntry("romanian-deadlift", 1, reps=8, load=60))
    store.end_session(earlier.id)
    store.close()
    clock.advance(7 * 86400)
    gui = GuiSession(paths, RecordingAlerts(), clock)
    qtbot.addWidget(gui.window)
    with qtbot.waitSignal(gui.window.log_ready, timeout=20000):
        gui.start()
    window = gui.window
    catalog = load_catalog_strict(resources_dir())
    window.start_session(plan_from_exercise(catalog.get("romanian-deadlift"), sets=1, reps=8), clock)
    host = window.session
    assert host is not None and host.controller is not None
    controller = host.controller
    qtbot.waitUntil(lambda: controller.session_id is not None, timeout=20000)
    qtbot.keyClick(host.screen, Qt.Key.Key_Space)
    clock.advance(40)
    qtbot.keyClick(host.screen, Qt.Key.Key_Space)
    sheet = host.screen.sheet
    assert sheet.load_edit.text() == "60"  # what was lifted last time
    sheet.load_edit.setText("65")
    with qtbot.waitSignal(controller.set_logged, timeout=20000):
        qtbot.keyClick(host.screen, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.engine.state.value == "summary", timeout=20000)
    qtbot.waitUntil(lambda: not controller.writes_pending, timeout=20000)
    texts = host.screen.summary_page.texts()
    assert "NEW RECORD · Romanian deadlift: heaviest for 8 reps, 65 kg (was 60 kg)" in texts


def test_the_question_box_presses_what_it_is_told_on_enter(qtbot: QtBot) -> None:
    from app.ui.base.alerts import confirm_box

    box, go = confirm_box("Resume your session?", "Carry on?", "Resume", True)
    assert box.defaultButton() is go
    box, go = confirm_box("Delete the session?", "For good?", "Delete", False)
    assert box.defaultButton() is not go and box.defaultButton().text() == "Cancel"
