"""Cue sounds offscreen: the tones the app writes, the fallback to a flash and
the system beep, and the settings. No test here needs a sound device; the
one that plays for real starts its own PulseAudio null sink, or is skipped."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.ui.desktop import sound
from app.ui.desktop.sound import CUE_KINDS, NO_DEVICE, NOT_PLAYING, CuePlayer, tone_path, write_tones
from helpers.qt_optional import import_or_skip, missing_package

# QtMultimedia's first use complains about optional libraries (PipeWire,
# VA-API) and, with no sound server, about PulseAudio: expected here.
MULTIMEDIA_NOISE = [r"^Couldn't (load|resolve) ", r"^PulseAudioService: ",
                    r"^QSoundEffect: playback of this format is not supported"]


@pytest.fixture
def beeps(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: calls.append("beep")))
    return calls


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "sounds"


def _flashes(player: CuePlayer) -> list[str]:
    seen: list[str] = []
    player.flash_requested.connect(seen.append)
    return seen


class _Status:
    """Stands for QSoundEffect.Status: the player only reads its name."""

    def __init__(self, name: str) -> None:
        self.name = name


class FakeEffect(QObject):
    statusChanged = Signal()

    def __init__(self, status: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = _Status("Loading")
        self.final = status
        self.source = ""
        self.volume = -1.0
        self.plays = 0

    def status(self) -> _Status:
        return self.state

    def setSource(self, url: object) -> None:  # QSoundEffect's names
        self.source = str(url)

    def setVolume(self, volume: float) -> None:
        self.volume = volume

    def play(self) -> None:
        self.plays += 1

    def finish_loading(self) -> None:
        self.state = _Status(self.final)
        self.statusChanged.emit()


def _fake_player(cache: Path, status: str, **options: object) -> tuple[CuePlayer, list[FakeEffect]]:
    made: list[FakeEffect] = []

    def factory(parent: QObject) -> FakeEffect:
        made.append(FakeEffect(status, parent))
        return made[-1]

    player = CuePlayer(cache, audio_outputs=lambda: ["a device"], effect_factory=factory,
                       **options)  # type: ignore[arg-type]
    return player, made


# -- no sound: a flash and the system beep instead ---------------------------------


def test_without_qtmultimedia_every_cue_flashes_and_beeps(
        qapp: QApplication, monkeypatch: pytest.MonkeyPatch, beeps: list[str], cache: Path) -> None:
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)  # import raises ImportError
    player = CuePlayer(cache)
    flashes = _flashes(player)
    player.prepare()
    for kind in ("beep", "go", "tick"):
        player.play(kind, 3)
    assert flashes == ["beep", "go", "tick"]
    assert beeps == ["beep"] * 3
    assert player.available is False
    assert player.reason.startswith("The sound system could not be loaded (")
    assert player.reason.endswith("cues are shown as flashes.")
    assert not cache.exists()  # nothing written for sounds that cannot play


def test_no_output_device_means_flashes_with_a_reason(
        qapp: QApplication, beeps: list[str], cache: Path) -> None:
    player = CuePlayer(cache, audio_outputs=lambda: [])
    flashes = _flashes(player)
    assert player.available is False
    assert player.reason == NO_DEVICE == "No sound device found; cues are shown as flashes."
    player.prepare()
    player.play("catch")
    assert flashes == ["catch"] and beeps == ["beep"]


@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
def test_the_real_qtmultimedia_here_never_breaks_a_cue(
        qapp: QApplication, beeps: list[str], cache: Path) -> None:
    multimedia = import_or_skip("PySide6.QtMultimedia")
    if multimedia.QMediaDevices.audioOutputs():
        pytest.skip("this machine has a sound device; the tests stay silent")
    player = CuePlayer(cache)
    flashes = _flashes(player)
    player.prepare()
    player.play("done")
    assert (player.available, player.reason) == (False, NO_DEVICE)
    assert flashes == ["done"] and beeps == ["beep"]


def test_a_tone_that_fails_to_load_turns_sound_off(
        qapp: QApplication, qtbot: QtBot, beeps: list[str], cache: Path) -> None:
    player, effects = _fake_player(cache, "Error")
    flashes = _flashes(player)
    player.prepare()
    assert player.available is True
    with qtbot.waitSignal(player.availability_changed, timeout=1000):
        effects[0].finish_loading()
    assert (player.available, player.reason) == (False, NOT_PLAYING)
    player.play("tick")
    assert flashes == ["tick"] and beeps == ["beep"]
    assert all(effect.plays == 0 for effect in effects)


# -- sound --------------------------------------------------------------------------


def test_a_loaded_tone_plays_without_flash_or_beep(
        qapp: QApplication, beeps: list[str], cache: Path) -> None:
    player, effects = _fake_player(cache, "Ready", volume=0.5)
    flashes = _flashes(player)
    player.prepare()
    for effect in effects:
        effect.finish_loading()
    player.play("go")
    player.play("go")
    by_kind = dict(zip(CUE_KINDS, effects, strict=True))
    assert by_kind["go"].plays == 2
    assert sum(effect.plays for effect in effects) == 2
    assert by_kind["go"].source.endswith(f"{tone_path(cache, 'go').name}')")
    assert flashes == [] and beeps == []
    assert {effect.volume for effect in effects} == {0.5}
    assert player.available and player.reason == ""


def test_a_cue_while_its_tone_still_loads_is_played_not_dropped(qapp: QApplication, cache: Path) -> None:
    player, effects = _fake_player(cache, "Ready")
    player.prepare()
    player.play("beep")     # QSoundEffect plays it once loaded
    assert dict(zip(CUE_KINDS, effects, strict=True))["beep"].plays == 1


def test_first_cue_prepares_when_the_screen_did_not(qapp: QApplication, cache: Path) -> None:
    player, effects = _fake_player(cache, "Ready")
    player.play("tick")
    assert len(effects) == len(CUE_KINDS) and cache.is_dir()


def test_volume_is_kept_between_0_and_1_and_reaches_every_tone(qapp: QApplication, cache: Path) -> None:
    player, effects = _fake_player(cache, "Ready")
    player.prepare()
    player.volume = 1.7
    assert player.volume == 1.0 and {e.volume for e in effects} == {1.0}
    player.volume = -2
    assert player.volume == 0.0 and {e.volume for e in effects} == {0.0}
    with pytest.raises(ValueError, match="volume"):
        player.volume = float("nan")


def test_disabled_sounds_do_nothing_at_all(qapp: QApplication, beeps: list[str], cache: Path) -> None:
    for outputs in ([], ["a device"]):
        player = CuePlayer(cache, enabled=False, audio_outputs=lambda o=outputs: o)  # type: ignore[misc]
        flashes = _flashes(player)
        player.play("beep")
        assert flashes == [] and beeps == []
    assert not cache.exists()
    player.enabled = True
    assert player.enabled


def test_an_unknown_cue_is_a_programming_error(qapp: QApplication, cache: Path) -> None:
    with pytest.raises(ValueError, match="unknown cue 'boom'"):
        CuePlayer(cache, audio_outputs=lambda: []).play("boom")


def test_a_cache_that_cannot_be_written_falls_back(
        qapp: QApplication, beeps: list[str], tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    player, _effects = _fake_player(blocker / "sounds", "Ready")
    flashes = _flashes(player)
    player.play("go")
    assert flashes == ["go"] and beeps == ["beep"]
    assert player.reason.startswith(f"The cue tones could not be written to {blocker / 'sounds'} (")


def test_recheck_looks_for_a_device_again(qapp: QApplication, qtbot: QtBot, cache: Path) -> None:
    outputs: list[str] = []
    player = CuePlayer(cache, audio_outputs=lambda: outputs,
                       effect_factory=lambda parent: FakeEffect("Ready", parent))
    assert not player.available
    outputs.append("headphones")
    with qtbot.waitSignal(player.availability_changed, timeout=1000):
        player.recheck()
    assert player.available


# -- the tones ----------------------------------------------------------------------


def test_each_cue_has_its_own_valid_wav(cache: Path) -> None:
    paths = write_tones(cache)
    assert sorted(paths) == sorted(CUE_KINDS)
    seconds, digests = {}, set()
    for kind, path in paths.items():
        data = path.read_bytes()
        assert data[:4] == b"RIFF" and data[8:16] == b"WAVEfmt "
        assert int.from_bytes(data[4:8], "little") == len(data) - 8
        with wave.open(str(path), "rb") as wav:
            assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 44100)
            frames = wav.readframes(wav.getnframes())
            seconds[kind] = wav.getnframes() / wav.getframerate()
        samples = memoryview(frames).cast("h")
        assert 15000 < max(abs(s) for s in samples) < 32767     # loud, never clipped
        assert abs(samples[0]) < 500 and abs(samples[-1]) < 500  # no click at either end
        digests.add(hashlib.sha256(frames).hexdigest())
    assert len(digests) == len(CUE_KINDS)
    assert 0.02 <= seconds["tick"] <= 0.06          # a tick, not a beep
    assert 0.1 <= seconds["beep"] <= 0.2
    assert seconds["go"] >= 3 * seconds["beep"]     # zero sounds longer than 3-2-1
    assert all(s <= 0.7 for s in seconds.values())  # over before the next second's cue


def test_tones_are_written_once(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = write_tones(cache)
    stamps = {kind: path.stat().st_mtime_ns for kind, path in first.items()}

    def no_second_time(kind: str) -> bytes:
        raise AssertionError(f"{kind} was made again")

    monkeypatch.setattr(sound, "tone_wav", no_second_time)
    again = write_tones(cache)
    assert again == first
    assert {kind: path.stat().st_mtime_ns for kind, path in again.items()} == stamps


# -- for real, on a PulseAudio null sink --------------------------------------------

_PLAY_SCRIPT = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from app.ui.desktop.sound import CuePlayer

app = QApplication([])
player = CuePlayer(Path(sys.argv[1]))
result = {"available": player.available, "reason": player.reason, "playing": False}
player.prepare()
effects = player.effects

def loaded():
    if all(e.status().name != "Loading" for e in effects.values()):
        result["status"] = sorted({e.status().name for e in effects.values()})
        effects["go"].playingChanged.connect(heard)
        player.play("go")

def heard():
    result["playing"] = result["playing"] or effects["go"].isPlaying()
    app.quit()

for effect in effects.values():
    effect.statusChanged.connect(loaded)
QTimer.singleShot(15000, app.quit)  # a deadline, not a wait: the test reads what happened
if effects:
    app.exec()
print(json.dumps(result))
"""


@pytest.fixture
def null_sink(tmp_path: Path) -> Iterator[str]:
    if shutil.which("pulseaudio") is None:
        pytest.skip(missing_package("pulseaudio"))
    home = tmp_path / "pulse"
    home.mkdir()
    socket = home / "native"
    env = {**os.environ, "HOME": str(home), "XDG_RUNTIME_DIR": str(home), "XDG_CONFIG_HOME": str(home)}
    command = ["pulseaudio", "-n", "--daemonize=yes", "--use-pid-file=yes", "--exit-idle-time=-1",
               "--disable-shm=yes", "--log-target=stderr", "-L", "module-null-sink",
               "-L", f"module-native-protocol-unix socket={socket} auth-anonymous=1"]
    # With --daemonize the command returns once the server is ready to serve.
    started = subprocess.run(command, env=env, capture_output=True, text=True, timeout=30, check=False)
    pid_file = home / "pulse" / "pid"
    if started.returncode != 0 or not pid_file.exists():
        pytest.skip(f"pulseaudio would not start here: {started.stderr.strip()[-300:]}")
    try:
        yield f"unix:{socket}"
    finally:
        pid = int(pid_file.read_text().split()[0]) if pid_file.exists() else None
        if pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def test_tones_play_on_a_real_sound_server(null_sink: str, tmp_path: Path) -> None:
    env = {**os.environ, "PULSE_SERVER": null_sink, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([sys.executable, "-c", _PLAY_SCRIPT, str(tmp_path / "sounds")], env=env,
                         capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result == {"available": True, "reason": "", "status": ["Ready"], "playing": True}
