"""Spoken counts ("three, two, one, lower, two, three, four, five, catch").

Off by default. Speech runs in a helper process (``python -m app.ui.desktop.speech
--serve ENGINE``), never in the app's own: with speech-dispatcher installed
but no audio server, creating a QTextToSpeech blocks inside the engine's
connect call while holding Python's GIL, so neither the main thread nor a
worker thread would survive it. A process can be given a deadline and killed.

So nothing here can hang the app:
- ``available``/``reason`` only list the engine plug-ins (reads their metadata;
  nothing is loaded or connected);
- the helper starts only when the user turns spoken counts on, and is killed
  when it is not ready within ``start_timeout_ms`` or stops answering;
- words are written to a pipe and never waited for.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QProcess, QProcessEnvironment, QTimer, Signal

from app.kernel.i18n import QT_TRANSLATE_NOOP, format_decimal, format_integer, translate

log = logging.getLogger(__name__)

START_TIMEOUT_MS = 5000
ANSWER_TIMEOUT_MS = 4000
TEST_ENGINE = "mock"
"""Qt's own test plug-in: it says nothing, so it never counts as available."""

# Why there is no speech, for the Settings page: marked here, translated
# (same context) when the reason is found.
NO_MODULE = QT_TRANSLATE_NOOP("speech", "Spoken counts need Qt's speech module, which could not be "
                                        "loaded ({error}).")
NO_ENGINE = QT_TRANSLATE_NOOP("speech", "No speech engine is installed (on Linux, install "
                                        "speech-dispatcher).")
NOT_STARTED = QT_TRANSLATE_NOOP("speech", "The {engine} speech engine could not start ({error}); "
                                          "spoken counts are off.")
NO_ANSWER = QT_TRANSLATE_NOOP("speech", "The {engine} speech engine did not answer within {seconds} s; "
                                        "spoken counts are off.")
STOPPED = QT_TRANSLATE_NOOP("speech", "The {engine} speech engine stopped ({error}); spoken counts "
                                      "are off.")

# The words said for the cues, in the athlete's language.
_CUE_WORDS = {"lower": QT_TRANSLATE_NOOP("speech", "lower"), "go": QT_TRANSLATE_NOOP("speech", "go"),
              "catch": QT_TRANSLATE_NOOP("speech", "catch"),
              "relax": QT_TRANSLATE_NOOP("speech", "relax"),
              "done": QT_TRANSLATE_NOOP("speech", "done")}


def cue_word(kind: str, count: int | None = None, *, starts_lowering: bool = False) -> str | None:
    """The word for a cue (a CueKind value), or None for a cue that has none.

    The lowering is counted like a coach counts it: "lower" as it begins, then
    the number of each second as it begins, so the tick ``count`` seconds in
    says ``count + 1`` ("lower, two, three, four, five, catch" for 5 s). A
    "go" that starts a lowering (the screen knows: the engine's phase is
    already LOWERING when the cue is delivered) says "lower". The 3-2-1 beeps
    say their number. Numbers go to the engine as numbers, in the locale's
    digits, and it says them in its own language ("3": "three", "drei").
    """
    if kind == "tick":
        return None if count is None else format_integer(count + 1)
    if kind == "beep":
        return None if count is None else format_integer(count)
    if kind == "go":
        return translate("speech", _CUE_WORDS["lower" if starts_lowering else "go"])
    if kind in ("catch", "relax", "done"):
        return translate("speech", _CUE_WORDS[kind])
    raise ValueError(f"unknown cue {kind!r}")


class SpeechBackend(QObject):
    """Where words go: emits ``ready`` once it can speak, ``failed(sentence)``
    if it cannot (before or after ready). Subclassed by tests as a fake."""

    ready = Signal()
    failed = Signal(str)

    def start(self) -> None:
        raise NotImplementedError

    def say(self, text: str) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Stop for good, at once; no signal follows."""
        raise NotImplementedError


BackendFactory = Callable[[str, QObject], SpeechBackend]


class SpokenCounts(QObject):
    """Says the session cues aloud when turned on and an engine works.

    ``engine_names`` lists the installed engines and ``backend_factory``
    makes the backend for one (engine name, parent); tests pass fakes. By
    default they are QTextToSpeech.availableEngines and the helper process.
    """

    availability_changed = Signal()

    def __init__(self, *, engine_names: Callable[[], Sequence[str]] | None = None,
                 backend_factory: BackendFactory | None = None,
                 start_timeout_ms: int = START_TIMEOUT_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._engine_names = engine_names
        self._backend_factory = backend_factory or HelperProcessBackend
        self._start_timeout_ms = start_timeout_ms
        self._enabled = False
        self._checked = False
        self._engine: str | None = None
        self._reason = ""
        self._backend: SpeechBackend | None = None
        self._ready = False
        self._start_timer = QTimer(self)
        self._start_timer.setSingleShot(True)
        self._start_timer.timeout.connect(self._on_start_timeout)
        app = QCoreApplication.instance()
        if app is not None:      # the helper must not outlive the app, nor warn as it goes
            app.aboutToQuit.connect(self.shutdown)

    # -- state -------------------------------------------------------------------

    @property
    def enabled(self) -> bool:
        """The user's setting (off by default); speech also needs ``available``."""
        return self._enabled

    @enabled.setter
    def enabled(self, on: bool) -> None:
        self._enabled = bool(on)
        if self._enabled:
            self._start()
        else:
            self._stop()

    @property
    def available(self) -> bool:
        self._check()
        return self._engine is not None and not self._reason

    @property
    def reason(self) -> str:
        """Why there is no speech, for the Settings page; "" when there may be."""
        self._check()
        return self._reason

    @property
    def engine(self) -> str | None:
        self._check()
        return self._engine

    @property
    def speaking(self) -> bool:
        """On, and the engine has said it is ready."""
        return self._ready

    # -- speaking ----------------------------------------------------------------

    def speak_cue(self, kind: str, count: int | None = None, *, starts_lowering: bool = False) -> None:
        word = cue_word(kind, count, starts_lowering=starts_lowering)
        if word is not None:
            self.say(word)

    def say(self, text: str) -> None:
        # Words that arrive before the engine is ready are dropped: a count
        # spoken late is worse than none.
        if self._ready and self._backend is not None:
            self._backend.say(text)

    def shutdown(self) -> None:
        """Stop the engine (at quit, or before the owner goes away)."""
        self._stop()

    def recheck(self) -> None:
        """Forget a failure and look again (the user fixed their speech set-up);
        starts the engine again when spoken counts are on."""
        self._stop()
        self._checked, self._engine, self._reason = False, None, ""
        self.availability_changed.emit()
        if self._enabled:
            self._start()

    # -- internals ---------------------------------------------------------------

    def _check(self) -> None:
        if self._checked:
            return
        self._checked = True
        lister = self._engine_names
        if lister is None:
            try:
                from PySide6.QtTextToSpeech import QTextToSpeech
            except ImportError as error:
                self._reason = translate("speech", NO_MODULE).format(error=error)
                return
            lister = QTextToSpeech.availableEngines
        engines = [name for name in lister() if name != TEST_ENGINE]
        if not engines:
            self._reason = translate("speech", NO_ENGINE)
            return
        self._engine = engines[0]

    def _start(self) -> None:
        if self._backend is not None or not self.available:
            return
        assert self._engine is not None
        backend = self._backend_factory(self._engine, self)
        backend.ready.connect(self._on_ready)
        backend.failed.connect(self._on_failed)
        self._backend = backend
        self._start_timer.start(self._start_timeout_ms)
        backend.start()

    def _stop(self) -> None:
        self._start_timer.stop()
        self._ready = False
        backend, self._backend = self._backend, None
        if backend is not None:
            backend.ready.disconnect(self._on_ready)
            backend.failed.disconnect(self._on_failed)
            backend.close()
            backend.deleteLater()

    def _on_ready(self) -> None:
        self._start_timer.stop()
        self._ready = True
        log.info("spoken counts: the %s engine is ready", self._engine)

    def _on_failed(self, error: str) -> None:
        template = STOPPED if self._ready else NOT_STARTED
        self._give_up(translate("speech", template).format(engine=self._engine, error=error))

    def _on_start_timeout(self) -> None:
        self._give_up(translate("speech", NO_ANSWER).format(
            engine=self._engine, seconds=format_decimal(self._start_timeout_ms / 1000, 3)))

    def _give_up(self, reason: str) -> None:
        log.info("spoken counts off: %s", reason)
        self._stop()
        self._reason = reason
        self.availability_changed.emit()


class HelperProcessBackend(SpeechBackend):
    """Runs ``python -m app.ui.desktop.speech --serve ENGINE`` and talks to it by lines:
    it answers "ready" or "error ..." once, then "ok" after each word."""

    def __init__(self, engine: str, parent: QObject | None = None,
                 answer_timeout_ms: int = ANSWER_TIMEOUT_MS) -> None:
        super().__init__(parent)
        self._engine = engine
        self._unanswered = 0
        self._closed = False
        self._buffer = b""
        self._process = QProcess(self)
        self._process.setProgram(sys.executable)
        self._process.setArguments(["-m", "app.ui.desktop.speech", "--serve", engine])
        self._process.setProcessEnvironment(_helper_environment())
        # The helper's complaints (Qt's plug-in warnings) go where ours go.
        self._process.setProcessChannelMode(QProcess.ProcessChannelMode.ForwardedErrorChannel)
        self._process.readyReadStandardOutput.connect(self._on_output)
        self._process.finished.connect(self._on_finished)
        self._process.errorOccurred.connect(self._on_error)
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.setInterval(answer_timeout_ms)
        self._watchdog.timeout.connect(self._on_silent)

    @property
    def unanswered(self) -> int:
        """Words sent that the helper has not yet taken."""
        return self._unanswered

    def start(self) -> None:
        self._process.start()

    def say(self, text: str) -> None:
        if self._closed or self._process.state() is not QProcess.ProcessState.Running:
            return
        line = " ".join(text.split())      # one line per word, whatever the text held
        self._process.write(f"say {line}\n".encode())
        self._unanswered += 1
        if not self._watchdog.isActive():
            self._watchdog.start()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._watchdog.stop()
        if self._process.state() is not QProcess.ProcessState.NotRunning:
            # Killed, not asked: a helper stuck in the engine would not hear.
            # SIGKILL takes effect at once, so the wait is short and bounded.
            self._process.kill()
            self._process.waitForFinished(1000)

    def _on_output(self) -> None:
        self._buffer += bytes(self._process.readAllStandardOutput().data())
        *lines, self._buffer = self._buffer.split(b"\n")
        for raw in lines:
            answer, _, detail = raw.decode(errors="replace").strip().partition(" ")
            if answer == "ready":
                self.ready.emit()
            elif answer == "error":
                self._fail(detail or translate("HelperProcessBackend", "no reason given"))
            elif answer == "ok":
                self._unanswered = max(0, self._unanswered - 1)
                if self._unanswered == 0:
                    self._watchdog.stop()
                else:
                    self._watchdog.start()

    def _on_finished(self, exit_code: int, _status: QProcess.ExitStatus) -> None:
        self._fail(translate("HelperProcessBackend", "the helper exited with status {status}")
                   .format(status=exit_code))

    def _on_error(self, error: QProcess.ProcessError) -> None:
        if error is QProcess.ProcessError.FailedToStart:
            self._fail(translate("HelperProcessBackend", "the helper could not be started: {reason}")
                       .format(reason=self._process.errorString()))

    def _on_silent(self) -> None:
        self._fail(translate("HelperProcessBackend", "it stopped answering"))

    def _fail(self, error: str) -> None:
        if self._closed:
            return
        self.close()
        self.failed.emit(error)


def _helper_environment() -> QProcessEnvironment:
    """Ours, plus the folder this package is in on PYTHONPATH, so the helper
    finds ``app`` however this process was started."""
    env = QProcessEnvironment.systemEnvironment()
    here = str(Path(__file__).resolve().parents[3])
    existing = env.value("PYTHONPATH")
    env.insert("PYTHONPATH", here if not existing else os.pathsep.join((here, existing)))
    return env


# ---------------------------------------------------------------------------
# The helper process
# ---------------------------------------------------------------------------


def _answer(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def serve(engine: str) -> int:
    """Speak the words read from stdin with ``engine`` until stdin closes."""
    from PySide6.QtCore import QSocketNotifier

    app = QCoreApplication([sys.argv[0]])
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError as error:
        _answer(f"error {error}")
        return 1
    tts = QTextToSpeech(engine)       # this is the call that may never return
    if tts.state() is QTextToSpeech.State.Error:
        _answer(f"error {tts.errorString() or 'the engine did not start'}")
        return 1
    _answer("ready")

    pending = b""
    stdin = sys.stdin.fileno()

    def on_input() -> None:
        nonlocal pending
        data = os.read(stdin, 4096)
        if not data:                  # the app closed the pipe or went away
            app.quit()
            return
        *lines, pending = (pending + data).split(b"\n")
        for raw in lines:
            command, _, text = raw.decode(errors="replace").partition(" ")
            if command == "say":
                tts.say(text)         # interrupts a word still being spoken
                _answer("ok")

    notifier = QSocketNotifier(stdin, QSocketNotifier.Type.Read)
    notifier.activated.connect(on_input)
    return app.exec()


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--serve":
        sys.exit(serve(sys.argv[2]))
    sys.exit("usage: python -m app.ui.desktop.speech --serve ENGINE")
