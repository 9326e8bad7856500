"""FIT activity files (Garmin, Coros, Wahoo, Polar, Suunto), read with
Garmin's own decoder, garmin-fit-sdk, which checks the file's CRC.

A run is a session message of a running sport: its start, elapsed time,
distance, sub-sport, total ascent and average heart rate. The record
messages give the pace's variation for the tag's guess. The decoder is
imported when a FIT file is read, never at the window's start.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from app.exchange.runs.model import PlaceOf, Source, Where, fixed_place
from app.exchange.runs.tags import guess_tag, pace_cv
from app.kernel.i18n import translate
from app.logbook.runs import RunEntry, Sport

SESSION_MESG = 18  # the FIT profile's message numbers
RECORD_MESG = 20
HEADER_SIZES = (12, 14)
# FIT times are seconds since 1989-12-31 00:00 UTC; the decoder is asked to
# leave them as numbers (making a datetime for each record costs a fifth of
# the decoding) and the few kept become datetimes here.
FIT_EPOCH_S = 631_065_600
CRC_SIZE = 2

# The FIT profile's sub-sports of running that the log tells apart.
_SUB_SPORTS = {"trail": Sport.TRAIL_RUN, "treadmill": Sport.TREADMILL, "track": Sport.TRACK,
               "indoor_running": Sport.TREADMILL, "virtual_activity": Sport.TREADMILL}

_AT_BYTE = re.compile(r"at byte: (\d+)")


def read_fit(data: bytes, source: Source, title: str = "") -> list[tuple[RunEntry, PlaceOf]]:
    """The runs of a FIT file (one per running session; a multisport file
    may hold several). Refuses a file that is not FIT, is cut short, fails
    its CRC, holds no session or holds no running session."""
    from garmin_fit_sdk import Decoder, Stream

    _check_header(data, source)
    count = 0
    sessions: list[tuple[int, int, dict[str, Any]]] = []
    stream = Stream.from_byte_array(bytearray(data))
    samples: list[tuple[float, float]] = []

    def listen(mesg_num: int, message: dict[str, Any]) -> None:
        # Called for each message as it is decoded, so that a refusal can
        # name the message it is about, and the records are read once.
        nonlocal count
        if mesg_num == SESSION_MESG:
            # The stream stands just past the message: its offset, for a refusal.
            sessions.append((count, stream.position(), message))
        elif mesg_num == RECORD_MESG:
            moment, distance = message.get("timestamp"), message.get("distance")
            if isinstance(moment, int) and isinstance(distance, (int, float)):
                samples.append((float(moment), float(distance)))
        count += 1

    decoder = Decoder(stream)
    # Component and sub-field expansion and heart-rate merging are off: the
    # session's fields are read as stored, and decoding a 1-hour run
    # recorded every second takes ~60 ms instead of ~400.
    _messages, errors = decoder.read(expand_components=False, expand_sub_fields=False,
                                     merge_heart_rates=False, convert_datetimes_to_dates=False,
                                     mesg_listener=listen)
    if errors:
        raise _decode_refusal(errors[0], source, count, len(data))
    if not sessions:
        raise source.refuse(translate(
            "runs", "holds no session message (the watch did not finish saving the activity)"),
            fit_message=count, byte=len(data))
    entries: list[tuple[RunEntry, PlaceOf]] = []
    other: tuple[int, int, str] | None = None
    # The records' pace belongs to the session when there is one session
    # (a multisport file's records mix its sports).
    cv = pace_cv(samples) if len(sessions) == 1 else None
    for index, byte, session in sessions:
        sport = str(session.get("sport", ""))
        if sport != "running":
            other = other or (index, byte, sport)
            continue
        entries.append((_entry(session, index, byte, source, title, cv),
                        fixed_place(Where(fit_message=index, byte=byte))))
    if not entries:
        assert other is not None
        index, byte, sport = other
        if not sport or sport.isdigit():  # no sport, or one this profile does not name
            raise source.refuse(translate("runs", "its session has no running sport: not read "
                                                  "as a run"), fit_message=index, byte=byte)
        raise source.refuse(translate("runs", "holds a {sport} activity, not a run").format(
            sport=sport.replace("_", " ")), fit_message=index, byte=byte)
    return entries


def _check_header(data: bytes, source: Source) -> None:
    """A file that is not FIT, or shorter than its header says, in words:
    the decoder's own error for those is "list index out of range"."""
    if len(data) < HEADER_SIZES[0] or data[0] not in HEADER_SIZES or data[8:12] != b".FIT":
        raise source.refuse(translate("runs", "is not a FIT file (its header is not FIT's)"),
                            fit_message=0, byte=0)
    header_size = data[0]
    data_size = int.from_bytes(data[4:8], "little")
    if len(data) < header_size + data_size + CRC_SIZE:
        raise source.refuse(translate("runs", "is cut short: the file ends before its data "
                                              "does (a copy that stopped midway?)"),
                            byte=len(data))


def _decode_refusal(error: Exception, source: Source, count: int, size: int) -> Exception:
    text = str(error)
    found = _AT_BYTE.search(text)
    byte = int(found.group(1)) if found else size
    if "CRC" in text:
        reason = translate("runs", "fails its CRC check: the file is damaged")
    else:
        reason = translate("runs", "cannot be decoded: the file is damaged")
    return source.refuse(reason, fit_message=count, byte=byte)


def _number(value: object) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return None


def _entry(session: dict[str, Any], index: int, byte: int, source: Source, title: str,
           cv: float | None) -> RunEntry:
    seconds = session.get("start_time")
    duration = _number(session.get("total_elapsed_time")) or _number(session.get("total_timer_time"))
    if not isinstance(seconds, int) or duration is None:
        raise source.refuse(translate("runs", "its session has no start time or duration"),
                            fit_message=index, byte=byte)
    distance = _number(session.get("total_distance"))
    ascent = _number(session.get("total_ascent"))
    heart_rate = _number(session.get("avg_heart_rate"))
    sport = _SUB_SPORTS.get(str(session.get("sub_sport", "")), Sport.RUN)
    name = title or source.name
    return RunEntry(
        started_at=datetime.fromtimestamp(FIT_EPOCH_S + seconds, UTC), duration_s=duration, sport=sport,
        distance_m=distance, elevation_gain_m=ascent,
        average_heart_rate=round(heart_rate) if heart_rate is not None else None,
        tag=guess_tag(name, distance, duration, cv), tag_guessed=True, source="fit",
        title=title)
