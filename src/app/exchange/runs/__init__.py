"""Runs read from the athlete's own files, offline (issue 18): FIT, GPX,
TCX (each also .gz), Garmin Connect's activities CSV and a Strava bulk
export. Pure Python and no database: each reader returns RunEntry values
(app.logbook.runs) or refuses the whole file with RunFileRefused; adding
them to the log is app.usecases.run_import.

The decoders (garmin-fit-sdk, gpxpy) are imported when a file of their kind
is read: the window's start imports none of them.
"""

from app.exchange.runs.model import (
    MAX_RUN_FILE_BYTES,
    RunFile,
    RunFileRefused,
    Source,
    Where,
)
from app.exchange.runs.reading import RunPiece, kind_of, read_data, read_runs, run_pieces
from app.exchange.runs.tags import guess_tag, longest_of_week, pace_cv, title_tag

__all__ = [
    "MAX_RUN_FILE_BYTES",
    "RunFile",
    "RunFileRefused",
    "RunPiece",
    "Source",
    "Where",
    "guess_tag",
    "kind_of",
    "longest_of_week",
    "pace_cv",
    "read_data",
    "read_runs",
    "run_pieces",
    "title_tag",
]
