"""Cue sounds: tones the app makes itself, played with QSoundEffect.

Where there is no sound (QtMultimedia cannot load, no output device, a tone
that will not play) every cue falls back to the system beep and a
``flash_requested`` signal, so the session screen can flash instead: a cue is
never lost and nothing here raises or blocks because audio is missing.

Nothing touches QtMultimedia until it is needed (start-up time is measured):
reading ``available`` probes the outputs once, and ``prepare()`` (called when
a session starts, not at the first cue) writes the tones and loads them.
"""

from __future__ import annotations

import functools
import io
import logging
import math
import wave
from array import array
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtWidgets import QApplication

from app.kernel.atomic import atomic_write
from app.kernel.i18n import QT_TRANSLATE_NOOP, translate

log = logging.getLogger(__name__)

CUE_KINDS: tuple[str, ...] = ("tick", "catch", "beep", "go", "relax", "done")
"""The engine's CueKind values, one tone each."""

SAMPLE_RATE = 44100
TONE_VERSION = 1
"""Part of each file name: a change to the tones below must bump it, so that an
old cache is never played with new code."""

# Why cues are not heard, for the Settings page: marked here, translated
# (same context) when the reason is found.
NO_MULTIMEDIA = QT_TRANSLATE_NOOP("sound", "The sound system could not be loaded ({error}); cues are "
                                           "shown as flashes.")
NO_DEVICE = QT_TRANSLATE_NOOP("sound", "No sound device found; cues are shown as flashes.")
NOT_WRITTEN = QT_TRANSLATE_NOOP("sound", "The cue tones could not be written to {folder} ({error}); "
                                         "cues are shown as flashes.")
NOT_PLAYING = QT_TRANSLATE_NOOP("sound", "The sound device would not play the cue tones; cues are "
                                         "shown as flashes.")

_PEAK = 0.85 * 32767    # loud for a gym, with headroom: the two partials never clip
_ATTACK_S = 0.004       # ramps at both ends of every note: a hard edge clicks
_RELEASE_S = 0.012


@dataclass(frozen=True)
class _Note:
    hz: float
    seconds: float
    end_hz: float | None = None      # a glide from hz to end_hz
    decay_s: float | None = None     # exponential fade, for percussive tones


# Short and percussive for the tick (it sounds every second while lowering);
# a high beep for 3-2-1; a two-note rise, longer, for "go"; a falling glide
# ("down to the floor") for the catch; a falling pair to relax; a rising
# three-note figure when a set is done. Pitches sit at 0.5-1.8 kHz, where
# small laptop speakers are loudest and gym noise is thinner.
TONES: dict[str, tuple[_Note, ...]] = {
    "tick": (_Note(1600, 0.035, decay_s=0.012),),
    "beep": (_Note(1760, 0.13),),
    "go": (_Note(988, 0.12), _Note(1319, 0.42, decay_s=0.3)),
    "catch": (_Note(1400, 0.28, end_hz=500),),
    "relax": (_Note(659, 0.16), _Note(494, 0.28, decay_s=0.2)),
    "done": (_Note(659, 0.11), _Note(880, 0.11), _Note(1319, 0.42, decay_s=0.3)),
}


def _render(notes: Sequence[_Note]) -> array[int]:
    samples: array[int] = array("h")
    for note in notes:
        count = round(note.seconds * SAMPLE_RATE)
        end_hz = note.hz if note.end_hz is None else note.end_hz
        phase = 0.0
        for i in range(count):
            t = i / SAMPLE_RATE
            # Accumulated phase keeps a glide free of jumps.
            phase += 2 * math.pi * (note.hz + (end_hz - note.hz) * i / count) / SAMPLE_RATE
            level = min(1.0, t / _ATTACK_S, (count - i) / (_RELEASE_S * SAMPLE_RATE))
            if note.decay_s is not None:   # the fade starts at full level, after the attack
                level *= math.exp(-max(0.0, t - _ATTACK_S) / note.decay_s)
            # A little second harmonic: a pure sine sounds dull and thin from 3 m.
            value = math.sin(phase) + 0.25 * math.sin(2 * phase)
            samples.append(round(_PEAK / 1.25 * level * value))
    return samples


def tone_wav(kind: str) -> bytes:
    """The WAV file (16-bit mono PCM) for one cue kind."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(_render(TONES[kind]).tobytes())
    return buffer.getvalue()


def tone_path(cache_dir: Path, kind: str) -> Path:
    return Path(cache_dir) / f"cue-{kind}-v{TONE_VERSION}.wav"


def write_tones(cache_dir: Path) -> dict[str, Path]:
    """Write the tones that are not there yet; returns every kind's file.

    Written atomically, so a file that exists is whole and can be trusted as
    it is: the tones are only computed on the first run (about 0.1 s).
    """
    Path(cache_dir).mkdir(parents=True, exist_ok=True)
    paths = {}
    for kind in CUE_KINDS:
        path = tone_path(cache_dir, kind)
        if not path.is_file():
            with atomic_write(path, "wb") as handle:
                handle.write(tone_wav(kind))
        paths[kind] = path
    return paths


def _is_error(effect: Any) -> bool:
    # By name rather than QSoundEffect.Status.Error: comparing to the enum would
    # mean importing QtMultimedia here, which may be the very thing that fails.
    return getattr(effect.status(), "name", "") == "Error"


class CuePlayer(QObject):
    """Plays the session cues.

    ``audio_outputs`` (lists the output devices) and ``effect_factory`` (makes
    one QSoundEffect-like object, given its parent) are for tests; by default
    they come from QtMultimedia.
    """

    flash_requested = Signal(str)
    """No sound for this cue (the kind is passed): show it instead."""
    availability_changed = Signal()
    """``available`` or ``reason`` changed (for the Settings page)."""

    def __init__(self, cache_dir: Path, *, volume: float = 0.8, enabled: bool = True,
                 audio_outputs: Callable[[], Sequence[object]] | None = None,
                 effect_factory: Callable[[QObject], Any] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cache_dir = Path(cache_dir)
        self._volume = _clamp_volume(volume)
        self._enabled = bool(enabled)
        self._audio_outputs = audio_outputs
        self._effect_factory = effect_factory
        self._probed = False
        self._prepared = False
        self._available = False
        self._reason = ""
        self._effects: dict[str, Any] = {}

    # -- settings --------------------------------------------------------------

    @property
    def volume(self) -> float:
        return self._volume

    @volume.setter
    def volume(self, value: float) -> None:
        self._volume = _clamp_volume(value)
        for effect in self._effects.values():
            effect.setVolume(self._volume)

    @property
    def enabled(self) -> bool:
        return self._enabled

    @enabled.setter
    def enabled(self, value: bool) -> None:
        self._enabled = bool(value)

    @property
    def available(self) -> bool:
        """Whether cues are heard (the first read looks for an output device)."""
        self._probe()
        return self._available

    @property
    def reason(self) -> str:
        """Why cues are not heard, as a sentence for the Settings page; "" when they are."""
        self._probe()
        return self._reason

    @property
    def effects(self) -> Mapping[str, Any]:
        """Each cue kind's sound effect once ``prepare`` made them (read-only), so a
        check on a real audio backend can listen to what the player loaded."""
        return MappingProxyType(self._effects)

    # -- playing ----------------------------------------------------------------

    def prepare(self) -> None:
        """Write the tones (first run only) and start loading them, so the first
        cue plays at once. Call it when a session starts; later calls do nothing."""
        if self._prepared:
            return
        self._prepared = True
        if not self.available:
            return
        try:
            paths = write_tones(self._cache_dir)
        except OSError as error:
            self._give_up(translate("sound", NOT_WRITTEN).format(folder=self._cache_dir,
                                                                 error=error.strerror or error))
            return
        factory = self._effect_factory or _qt_effect_factory()
        for kind, path in paths.items():
            effect = factory(self)
            effect.statusChanged.connect(functools.partial(self._on_status, kind))
            effect.setVolume(self._volume)
            effect.setSource(QUrl.fromLocalFile(str(path)))   # loads in the background
            self._effects[kind] = effect

    def play(self, kind: str, count: int | None = None) -> None:
        """Sound one cue (a CueKind value). ``count`` (the second or the seconds
        left) does not change the tone; it is taken for symmetry with speech."""
        del count
        if kind not in CUE_KINDS:
            raise ValueError(f"unknown cue {kind!r}; expected one of {', '.join(CUE_KINDS)}")
        if not self._enabled:
            return
        self.prepare()       # a no-op once done; a cue before any session still sounds
        effect = self._effects.get(kind) if self._available else None
        if effect is None or _is_error(effect):
            self._fallback(kind)
            return
        # Still loading (a cue within milliseconds of prepare()): QSoundEffect
        # plays it as soon as the tone is loaded.
        effect.play()

    def recheck(self) -> None:
        """Forget what was found and look again (a device was plugged in)."""
        for effect in self._effects.values():
            effect.deleteLater()
        self._effects.clear()
        self._probed = self._prepared = False
        self._available, self._reason = False, ""
        self.availability_changed.emit()

    # -- internals ----------------------------------------------------------------

    def _probe(self) -> None:
        if self._probed:
            return
        self._probed = True
        outputs = self._audio_outputs
        if outputs is None:
            try:
                from PySide6.QtMultimedia import QMediaDevices
            except ImportError as error:   # libpulse missing, Qt built without it...
                self._give_up(translate("sound", NO_MULTIMEDIA).format(error=error))
                return
            outputs = QMediaDevices.audioOutputs
        try:
            found = list(outputs())
        except Exception as error:  # a backend that fails must cost a flash, not the session
            log.info("listing the sound outputs failed: %r", error)
            found = []
        if not found:
            self._give_up(translate("sound", NO_DEVICE))
            return
        self._available, self._reason = True, ""
        log.info("cue sounds: %d output device(s)", len(found))

    def _on_status(self, kind: str) -> None:
        effect = self._effects.get(kind)
        if effect is not None and _is_error(effect) and self._available:
            self._give_up(translate("sound", NOT_PLAYING))

    def _give_up(self, reason: str) -> None:
        log.info("cue sounds off: %s", reason)
        changed = self._available or self._reason != reason
        self._available, self._reason = False, reason
        if changed:
            self.availability_changed.emit()

    def _fallback(self, kind: str) -> None:
        # QApplication.beep needs a widgets application; with only a
        # QGuiApplication (or none) it is skipped and the flash remains.
        if isinstance(QApplication.instance(), QApplication):
            QApplication.beep()
        self.flash_requested.emit(kind)


def _qt_effect_factory() -> Callable[[QObject], Any]:
    from PySide6.QtMultimedia import QSoundEffect

    return lambda parent: QSoundEffect(parent)


def _clamp_volume(value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        raise ValueError(f"volume must be a number from 0 to 1, got {value!r}")
    return min(1.0, max(0.0, float(value)))
