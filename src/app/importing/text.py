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

from app.i18n import decimal_point, format_integer, translate
from app.importing.model import MAX_IMPORT_BYTES, ImportFileError

_MB = 1024 * 1024


def read_text(path: Path) -> str:
    """The file's text, with any byte-order mark removed and line ends untouched."""
    raw = _read_bytes(path)
    if not raw.strip():
        raise ImportFileError(path, translate("text", "is empty"))
    text = _decode(path, raw)
    if not text.strip():  # a lone BOM, or a UTF-16 file of spaces
        raise ImportFileError(path, translate("text", "is empty"))
    return text


def _read_bytes(path: Path) -> bytes:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ImportFileError(path, translate("text", "does not exist (was it moved or deleted?)")) \
            from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the name
        raise ImportFileError(path, _cannot_read(exc)) from None
    if stat.S_ISDIR(info.st_mode):
        raise ImportFileError(path, translate(
            "text", "is a folder, not a file: choose the export file inside it"))
    if not stat.S_ISREG(info.st_mode):
        # A pipe or a device could block forever or never end: never open one.
        raise ImportFileError(path, translate("text", "is not a regular file"))
    if info.st_size > MAX_IMPORT_BYTES:
        raise ImportFileError(path, _too_big(info.st_size))
    try:
        with open(path, "rb") as handle:
            # One byte over the limit tells us the file grew after the stat.
            raw = handle.read(MAX_IMPORT_BYTES + 1)
    except OSError as exc:
        raise ImportFileError(path, _cannot_read(exc)) from None
    if len(raw) > MAX_IMPORT_BYTES:
        raise ImportFileError(path, _too_big(len(raw)))
    return raw


def _too_big(size: int) -> str:
    # Always one decimal ("51.0 MB" reads as a size), in the locale's decimal mark.
    megabytes = f"{size / _MB:.1f}".replace(".", decimal_point())
    return translate("text", "is {size} MB; the limit is {limit} MB").format(
        size=megabytes, limit=format_integer(MAX_IMPORT_BYTES // _MB))


def _cannot_read(exc: Exception) -> str:
    if isinstance(exc, PermissionError):
        return translate("text", "cannot be read: permission denied")
    # Otherwise the system's own words (strerror), in the system's language.
    reason = (exc.strerror if isinstance(exc, OSError) else None) or str(exc) or type(exc).__name__
    return translate("text", "cannot be read: {reason}").format(reason=reason)


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
            raise ImportFileError(path, translate("text", "is damaged UTF-16 text; {advice}")
                                  .format(advice=_save_as_utf8()), line, column) from None
        if "\x00" in text:
            raise ImportFileError(path, _not_text())
        return text.removeprefix("\ufeff")
    if b"\x00" in raw:
        raise ImportFileError(path, _not_text())
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]  # Excel writes one; it is not part of the header
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(raw[:exc.start].decode("utf-8"))
        raise ImportFileError(path, translate(
            "text", "is not UTF-8 text (byte {byte} here is not valid UTF-8); {advice}")
            .format(byte=f"0x{raw[exc.start]:02X}", advice=_save_as_utf8()), line, column) from None


def _save_as_utf8() -> str:
    """The way out of a wrongly encoded file, after a semicolon in its message."""
    return translate("text", "save it as UTF-8 text (in Excel: \"CSV UTF-8\"; in other programs: "
                             "encoding UTF-8) and import it again")


def _not_text() -> str:
    return translate("text", "contains NUL bytes, so it is not a text export (a spreadsheet "
                             ".xlsx, a database or a picture?); export CSV or JSON from the app "
                             "and import that")


def _position(before: str) -> tuple[int, int]:
    """1-based line and column just after ``before``, counting line ends as csv does."""
    # Only \n, \r\n and \r end a line, the way the CSV reader counts them.
    line = before.count("\n") + before.count("\r") - before.count("\r\n") + 1
    tail = before[max(before.rfind("\n"), before.rfind("\r")) + 1:]
    return line, len(tail) + 1
