"""From a path to checked text: the file checks every format shares.

The order matters for the message people see: a folder or a missing file is
reported before its size, a huge file before anything is read (so a 2 GB
video chosen by mistake costs one ``stat``), and an empty file before its
encoding.
"""

from __future__ import annotations

import codecs
import stat
from pathlib import Path

from app.importing.model import MAX_IMPORT_BYTES, ImportFileError

_MB = 1024 * 1024

_SAVE_AS_UTF8 = ("save it as UTF-8 text (in Excel: \"CSV UTF-8\"; in other programs: "
                 "encoding UTF-8) and import it again")


def read_text(path: Path) -> str:
    """The file's text, with any byte-order mark removed and line ends untouched."""
    raw = _read_bytes(path)
    if not raw.strip():
        raise ImportFileError(path, "is empty")
    text = _decode(path, raw)
    if not text.strip():  # a lone BOM, or a UTF-16 file of spaces
        raise ImportFileError(path, "is empty")
    return text


def _read_bytes(path: Path) -> bytes:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ImportFileError(path, "does not exist (was it moved or deleted?)") from None
    except PermissionError:
        raise ImportFileError(path, "cannot be read: permission denied") from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the name
        raise ImportFileError(path, f"cannot be read: {_reason(exc)}") from None
    if stat.S_ISDIR(info.st_mode):
        raise ImportFileError(path, "is a folder, not a file: choose the export file inside it")
    if not stat.S_ISREG(info.st_mode):
        # A pipe or a device could block forever or never end: never open one.
        raise ImportFileError(path, "is not a regular file")
    if info.st_size > MAX_IMPORT_BYTES:
        raise ImportFileError(path, _too_big(info.st_size))
    try:
        with open(path, "rb") as handle:
            # One byte over the limit tells us the file grew after the stat.
            raw = handle.read(MAX_IMPORT_BYTES + 1)
    except PermissionError:
        raise ImportFileError(path, "cannot be read: permission denied") from None
    except OSError as exc:
        raise ImportFileError(path, f"cannot be read: {_reason(exc)}") from None
    if len(raw) > MAX_IMPORT_BYTES:
        raise ImportFileError(path, _too_big(len(raw)))
    return raw


def _too_big(size: int) -> str:
    return f"is {size / _MB:.1f} MB; the limit is {MAX_IMPORT_BYTES // _MB} MB"


def _reason(exc: Exception) -> str:
    return (exc.strerror if isinstance(exc, OSError) else None) or str(exc) or type(exc).__name__


def _decode(path: Path, raw: bytes) -> str:
    # UTF-16 first: its text is full of NUL bytes, which would otherwise look binary.
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) \
            and not raw.startswith(codecs.BOM_UTF32_LE):
        codec = "utf-16-le" if raw.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
        try:
            text = raw[2:].decode(codec)
        except UnicodeDecodeError as exc:
            good = raw[2:2 + exc.start - exc.start % 2].decode(codec)
            line, column = _position(good)
            raise ImportFileError(path, f"is damaged UTF-16 text; {_SAVE_AS_UTF8}",
                                  line, column) from None
        if "\x00" in text:
            raise ImportFileError(path, _NOT_TEXT)
        return text.removeprefix("\ufeff")
    if b"\x00" in raw:
        raise ImportFileError(path, _NOT_TEXT)
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]  # Excel writes one; it is not part of the header
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(raw[:exc.start].decode("utf-8"))
        raise ImportFileError(
            path, f"is not UTF-8 text (byte 0x{raw[exc.start]:02X} here is not valid UTF-8); "
            + _SAVE_AS_UTF8, line, column) from None


_NOT_TEXT = ("contains NUL bytes, so it is not a text export (a spreadsheet .xlsx, a "
             "database or a picture?); export CSV or JSON from the app and import that")


def _position(before: str) -> tuple[int, int]:
    """1-based line and column just after ``before``, counting line ends as csv does."""
    # Only \n, \r\n and \r end a line, the way the CSV reader counts them.
    line = before.count("\n") + before.count("\r") - before.count("\r\n") + 1
    tail = before[max(before.rfind("\n"), before.rfind("\r")) + 1:]
    return line, len(tail) + 1
