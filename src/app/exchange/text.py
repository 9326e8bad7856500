"""From a path to checked text, read in pieces: the file checks every format shares.

The order matters for the message people see: a folder or a missing file is
reported before its size, a huge file before anything is read (so a 2 GB
video chosen by mistake costs one ``stat``), and an empty file before its
encoding.

The text is never held whole: ``TextFile`` decodes the file a megabyte at a
time, so an import's memory does not grow with the file (issue 15: a
1,000,000-row export took 980 MB read whole). It also keeps a digest of the
bytes, so a second pass (the write after the preview) can tell the file
changed in between.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from app.exchange.model import MAX_IMPORT_BYTES, ImportFileError
from app.kernel.i18n import decimal_point, format_integer, translate

_MB = 1024 * 1024
CHUNK_BYTES = _MB  # read at a time; a module constant so a test can make it tiny
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)")  # csv's line ends: \n, \r\n and \r alone


class TextFile:
    """An export's text, decoded piece by piece. Use it as a context manager."""

    def __init__(self, path: Path) -> None:
        self.path = path
        info = _checked_stat(path)
        self.size, self.mtime_ns = info.st_size, info.st_mtime_ns
        try:
            self._handle: BinaryIO = open(path, "rb")  # noqa: SIM115 - closed by close()
        except OSError as exc:
            raise ImportFileError(path, _cannot_read(exc)) from None
        self.digest = hashlib.sha256()
        self._read = 0
        head = self._raw(4)
        self.utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) \
            and not head.startswith(codecs.BOM_UTF32_LE)
        if self.utf16:
            codec, skip = ("utf-16-le" if head.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"), 2
        else:
            # Excel writes a UTF-8 BOM; it is not part of the header.
            codec, skip = "utf-8", len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0
        self._codec = codec
        self._decoder = codecs.getincrementaldecoder(codec)("strict")
        self._pending = head[skip:]
        self._pushed: list[str] = []
        self._eof = False
        # Where the text decoded so far ends, csv-style, for messages.
        self._lines = 0
        self._column = 0
        self._after_cr = False

    def __enter__(self) -> TextFile:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._handle.close()

    def _raw(self, count: int) -> bytes:
        try:
            data = self._handle.read(count)
        except OSError as exc:
            raise ImportFileError(self.path, _cannot_read(exc)) from None
        self._read += len(data)
        if self._read > MAX_IMPORT_BYTES:  # the file grew after the stat
            raise ImportFileError(self.path, _too_big(self._read))
        self.digest.update(data)
        return data

    def chunks(self) -> Iterator[str]:
        """The text in pieces of any length (line ends may fall between two)."""
        while True:
            if self._pushed:
                yield self._pushed.pop()
                continue
            if self._eof:
                return
            read = self._raw(CHUNK_BYTES)
            data = self._pending + read
            self._pending = b""
            # A short read is the end: decoding it as final reports a character
            # cut off there now, before the header is looked at.
            final = len(read) < CHUNK_BYTES
            self._eof = final
            if b"\x00" in data and not self.utf16:
                raise ImportFileError(self.path, _not_text())
            try:
                text = self._decoder.decode(data, final)
            except UnicodeDecodeError as exc:
                raise self._decode_error(exc) from None
            if self.utf16 and "\x00" in text:
                raise ImportFileError(self.path, _not_text())
            if text:
                self._advance(text)
                yield text

    def push_back(self, text: str) -> None:
        """Give ``text`` (the end of the last piece) back to the next ``chunks()``."""
        if text:
            self._pushed.append(text)

    def first_text(self) -> str:
        """The first character that is not white space; raises "is empty" if none."""
        for piece in self.chunks():
            stripped = piece.lstrip()
            if stripped:
                self.push_back(piece)
                return stripped[0]
        raise ImportFileError(self.path, translate("text", "is empty"))

    def lines(self) -> Iterator[str]:
        """Each line with its line end, split as csv (and io with newline="") split them."""
        carry = ""
        for piece in self.chunks():
            text = carry + piece
            end = 0
            for match in _LINE.finditer(text):
                if match.end() == len(text) and text.endswith("\r"):
                    break  # a \n may follow in the next piece
                end = match.end()
                yield match.group()
            carry = text[end:]
        if carry:
            yield carry

    def _advance(self, text: str) -> None:
        breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
        if self._after_cr and text.startswith("\n"):
            breaks -= 1  # \r\n split between two pieces is one line end
        self._lines += breaks
        last = max(text.rfind("\n"), text.rfind("\r"))
        self._column = len(text) - last - 1 if last >= 0 else self._column + len(text)
        self._after_cr = text.endswith("\r")

    def _decode_error(self, exc: UnicodeDecodeError) -> ImportFileError:
        good_bytes = exc.object[:exc.start]
        if self.utf16:
            good_bytes = good_bytes[:len(good_bytes) - len(good_bytes) % 2]
        good = good_bytes.decode(self._codec, "replace")  # valid up to the error
        if good:
            self._advance(good)
        line, column = self._lines + 1, self._column + 1
        if self.utf16:
            return ImportFileError(self.path, translate("text", "is damaged UTF-16 text; {advice}")
                                   .format(advice=_save_as_utf8()), line, column)
        return ImportFileError(self.path, translate(
            "text", "is not UTF-8 text (byte {byte} here is not valid UTF-8); {advice}")
            .format(byte=f"0x{exc.object[exc.start]:02X}", advice=_save_as_utf8()), line, column)

    def read_rest(self) -> None:
        """Read to the end (for the digest) without keeping anything."""
        for _ in self.chunks():
            pass


def _checked_stat(path: Path) -> os.stat_result:
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
    return info


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


def _save_as_utf8() -> str:
    """The way out of a wrongly encoded file, after a semicolon in its message."""
    return translate("text", "save it as UTF-8 text (in Excel: \"CSV UTF-8\"; in other programs: "
                             "encoding UTF-8) and import it again")


def _not_text() -> str:
    return translate("text", "contains NUL bytes, so it is not a text export (a spreadsheet "
                             ".xlsx, a database or a picture?); export CSV or JSON from the app "
                             "and import that")
