"""Reading other apps' exports (and our own) into one neutral shape.

Pure Python and no database: ``read_import`` parses and checks a file and
returns an ``ImportedLog``; writing it is the storage layer's job, in one
transaction.
"""

from app.exchange.matching import match_exercises, normalise_name
from app.exchange.model import (
    MAX_IMPORT_BYTES,
    ImportedBodyNote,
    ImportedExercise,
    ImportedLog,
    ImportedSession,
    ImportedSet,
    ImportFileError,
)
from app.exchange.reading import read_import

__all__ = [
    "MAX_IMPORT_BYTES",
    "ImportFileError",
    "ImportedBodyNote",
    "ImportedExercise",
    "ImportedLog",
    "ImportedSession",
    "ImportedSet",
    "match_exercises",
    "normalise_name",
    "read_import",
]
