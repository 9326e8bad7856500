"""Qt Multimedia's probes for a sound server, which test machines lack (not failures)."""

from __future__ import annotations

# QtMultimedia describes the missing audio server on first use: not our warnings.
MULTIMEDIA_NOISE = (r"^Couldn't (load|resolve) ", r"^PulseAudioService: ",
                    r"^QSoundEffect: playback of this format is not supported")
