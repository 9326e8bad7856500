"""Spoken counts: off by default, availability without touching an engine, the
words for each cue, and an engine that never answers. Every test uses a fake
backend, except two that opt in to the helper process with Qt's own silent
"mock" engine (never speech-dispatcher, which can hang)."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from app.kernel.clock import FakeClock
from app.session import CueDue, Phase, SessionEngine, SessionPlan, item_from_exercise
from app.ui.desktop.speech import (
    NO_ENGINE,
    HelperProcessBackend,
    SpeechBackend,
    SpokenCounts,
    cue_word,
)
from helpers.qt_optional import import_or_skip


class FakeBackend(SpeechBackend):
    def __init__(self, engine: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.started = self.closed = False
        self.said: list[str] = []

    def start(self) -> None:
        self.started = True

    def say(self, text: str) -> None:
        self.said.append(text)

    def close(self) -> None:
        self.closed = True


class Backends:
    """The factory SpokenCounts is given: records every backend it makes."""

    def __init__(self) -> None:
        self.made: list[FakeBackend] = []

    def __call__(self, engine: str, parent: QObject) -> FakeBackend:
        self.made.append(FakeBackend(engine, parent))
        return self.made[-1]


# Loading Qt's speech module loads QtMultimedia, whose first use complains
# about optional libraries (PipeWire, VA-API): expected here.
MULTIMEDIA_NOISE = [r"^Couldn't (load|resolve) "]


def _never_called(engine: str, parent: QObject) -> SpeechBackend:
    raise AssertionError("an engine was started")


@pytest.fixture
def backends() -> Backends:
    return Backends()


@pytest.fixture
def speech(qapp: object, backends: Backends) -> SpokenCounts:
    return SpokenCounts(engine_names=lambda: ["speechd", "mock"], backend_factory=backends)


# -- off by default, and availability from the plug-in list alone ---------------------


def test_off_by_default_and_silent(speech: SpokenCounts, backends: Backends) -> None:
    assert speech.enabled is False
    speech.speak_cue("catch")
    assert backends.made == [] and not speech.speaking


def test_available_is_decided_without_starting_an_engine(qapp: object) -> None:
    counts = SpokenCounts(engine_names=lambda: ["mock", "speechd"], backend_factory=_never_called)
    assert (counts.available, counts.reason, counts.engine) == (True, "", "speechd")


@pytest.mark.parametrize("engines", [[], ["mock"]])
def test_without_a_real_engine_the_setting_says_why(qapp: object, engines: list[str]) -> None:
    counts = SpokenCounts(engine_names=lambda: engines, backend_factory=_never_called)
    counts.enabled = True      # the user may tick it; nothing starts
    assert counts.available is False
    assert counts.reason == NO_ENGINE
    assert NO_ENGINE == "No speech engine is installed (on Linux, install speech-dispatcher)."


@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
def test_without_the_qt_speech_module_the_setting_says_why(
        qapp: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "PySide6.QtTextToSpeech", None)
    counts = SpokenCounts(backend_factory=_never_called)
    assert counts.available is False
    assert counts.reason.startswith("Spoken counts need Qt's speech module, which could not be loaded (")


@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
def test_the_default_check_only_lists_plug_ins(qapp: object) -> None:
    """QTextToSpeech.availableEngines() reads plug-in metadata: safe even where
    speech-dispatcher would hang, and it must not start anything."""
    counts = SpokenCounts(backend_factory=_never_called)
    assert counts.available == (counts.engine is not None)
    assert counts.engine != "mock"


# -- turning it on ------------------------------------------------------------------------


def test_turning_on_starts_the_engine_and_speaks_once_ready(
        speech: SpokenCounts, backends: Backends) -> None:
    speech.enabled = True
    (backend,) = backends.made
    assert backend.engine == "speechd" and backend.started
    speech.speak_cue("tick", 1)        # not ready yet: dropped, never spoken late
    backend.ready.emit()
    assert speech.speaking
    speech.speak_cue("tick", 1)
    speech.speak_cue("catch")
    assert backend.said == ["2", "catch"]


def test_turning_off_closes_the_engine(speech: SpokenCounts, backends: Backends) -> None:
    speech.enabled = True
    backends.made[0].ready.emit()
    speech.enabled = False
    assert backends.made[0].closed and not speech.speaking
    speech.speak_cue("go")
    assert backends.made[0].said == []


def test_an_engine_that_never_answers_is_given_up(qtbot: QtBot, backends: Backends) -> None:
    counts = SpokenCounts(engine_names=lambda: ["speechd"], backend_factory=backends, start_timeout_ms=50)
    with qtbot.waitSignal(counts.availability_changed, timeout=5000):
        counts.enabled = True
    assert backends.made[0].closed
    assert counts.available is False
    assert counts.reason == "The speechd speech engine did not answer within 0.05 s; spoken counts are off."
    assert counts.enabled      # the user's setting stays; the next start tries again


def test_an_engine_that_fails_gives_its_reason(speech: SpokenCounts, backends: Backends) -> None:
    speech.enabled = True
    backends.made[0].failed.emit("no audio server")
    assert speech.reason == ("The speechd speech engine could not start (no audio server); "
                             "spoken counts are off.")
    speech.recheck()            # the user fixed it and asks again
    assert speech.available and len(backends.made) == 2 and backends.made[1].started
    backends.made[1].ready.emit()
    backends.made[1].failed.emit("it stopped answering")
    assert speech.reason == "The speechd speech engine stopped (it stopped answering); spoken counts are off."
    assert not speech.speaking and backends.made[1].closed


# -- the words ------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "count", "lowering", "word"), [
    # Counts go to the engine as numbers (in the locale's digits): it says them
    # in its own language.
    ("tick", 1, False, "2"), ("tick", 4, False, "5"), ("tick", 9, False, "10"),
    ("beep", 3, False, "3"), ("beep", 1, False, "1"),
    ("go", None, False, "go"), ("go", None, True, "lower"),
    ("catch", None, False, "catch"), ("relax", None, False, "relax"), ("done", None, False, "done"),
])
def test_cue_words(kind: str, count: int | None, lowering: bool, word: str) -> None:
    assert cue_word(kind, count, starts_lowering=lowering) == word


def test_a_nordic_rep_is_counted_like_a_coach(speech: SpokenCounts, backends: Backends) -> None:
    from app.catalog import load_catalog_strict
    from app.kernel.resources import resources_dir

    nordic = load_catalog_strict(resources_dir()).get("nordic-hamstring-curl")
    plan = SessionPlan.of(main=[item_from_exercise(nordic, sets=1, reps=(1, 1))])
    clock = FakeClock()
    engine = SessionEngine(plan, clock)

    def on_event(event: object) -> None:
        if isinstance(event, CueDue):
            speech.speak_cue(event.kind, event.count, starts_lowering=engine.phase is Phase.LOWERING)

    engine.subscribe(on_event)
    speech.enabled = True
    backends.made[0].ready.emit()
    engine.start_set()
    for _ in range(20):
        clock.advance(1)
        engine.tick()
    assert backends.made[0].said == ["3", "2", "1", "lower", "2", "3", "4", "5", "catch", "done"]


# -- the helper process, opted in with Qt's silent test engine -------------------------------


@pytest.fixture
def mock_engine() -> None:
    speech = import_or_skip("PySide6.QtTextToSpeech")
    if "mock" not in speech.QTextToSpeech.availableEngines():
        pytest.skip("this Qt has no 'mock' text-to-speech plug-in")


@pytest.mark.usefixtures("mock_engine")
@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
def test_the_helper_process_speaks_and_answers(qtbot: QtBot) -> None:
    backend = HelperProcessBackend("mock")
    try:
        with qtbot.waitSignal(backend.ready, timeout=30000):
            backend.start()
        backend.say("two")
        backend.say("three\ncatch")     # one line per word, whatever the text holds
        assert backend.unanswered == 2
        qtbot.waitUntil(lambda: backend.unanswered == 0, timeout=10000)
    finally:
        backend.close()


@pytest.mark.usefixtures("mock_engine")
@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
def test_the_helper_reports_an_engine_that_cannot_start(qtbot: QtBot) -> None:
    backend = HelperProcessBackend("no-such-engine")
    try:
        with qtbot.waitSignal(backend.failed, timeout=30000) as failure:
            backend.start()
        assert failure.args and "not initialized" in failure.args[0]
    finally:
        backend.close()
