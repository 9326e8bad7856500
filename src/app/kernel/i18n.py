"""Words and numbers in the athlete's language, without Qt in the core.

Every user-visible string is written as ``translate("Context", "Source text")``
(``translate("Context", "%n set(s)", None, count)`` for a count).
``packaging/translations.py`` (``make translations``) extracts those calls
from every module, UI or not, into Qt Linguist ``.ts`` files that translators
fill in; ``lrelease`` compiles them to the ``.qm`` files that
``resources/translations`` ships.

The core cannot import Qt, so the window installs Qt's translator and QLocale
number and date formatting here once at start-up (``install``). Until then,
and always in the command line, English text and plain C-locale numbers are
used: a script reading ``hamstride export`` output wants stable figures.

The installed functions are process-wide on purpose, like Qt's own
``QCoreApplication.installTranslator`` and Python's ``gettext.install``: the
language is one choice for the whole process and threading it through every
formatter would add a parameter to hundreds of calls and change nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

# Qt's translate(context, source, disambiguation, n)
TranslateFunction = Callable[[str, str, "str | None", int], str]
NumberFunction = Callable[[float, int], str]
DateFunction = Callable[[date], str]
DateTimeFunction = Callable[[datetime], str]

_PLURAL_MARK = re.compile(r"\((\w+)\)")
_COUNT = "%n"


def _untranslated(context: str, text: str, disambiguation: str | None, n: int) -> str:
    return text


def _plain_number(value: float, decimals: int) -> str:
    """At most ``decimals`` places, no trailing zeros: 60 -> '60', 22.5 -> '22.5'."""
    text = f"{round(value, decimals):.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def _plain_date(day: date) -> str:
    return day.strftime("%a %d %b %Y")


def _plain_datetime(moment: datetime) -> str:
    return moment.strftime("%a %d %b %Y %H:%M")


def _plain_time(moment: datetime) -> str:
    return moment.strftime("%H:%M")


@dataclass
class _Language:
    translate: TranslateFunction = _untranslated
    number: NumberFunction = _plain_number
    date: DateFunction = _plain_date
    datetime: DateTimeFunction = _plain_datetime
    time: DateTimeFunction = _plain_time
    decimal_point: str = "."


_language = _Language()


def install(*, translate: TranslateFunction | None = None, number: NumberFunction | None = None,
            date_text: DateFunction | None = None, datetime_text: DateTimeFunction | None = None,
            time_text: DateTimeFunction | None = None, decimal_point: str | None = None) -> None:
    """Called by the window at start-up with Qt's translator and QLocale."""
    given = {"translate": translate, "number": number, "date": date_text,
             "datetime": datetime_text, "time": time_text, "decimal_point": decimal_point}
    for field, value in given.items():
        if value is not None:
            setattr(_language, field, value)


def uninstall() -> None:
    """Back to English and C-locale numbers (tests, and the window closing)."""
    vars(_language).update(vars(_Language()))


def translate(context: str, text: str, disambiguation: str | None = None,
              n: int | None = None) -> str:
    """``text`` in the athlete's language; ``%n`` is replaced by ``n``.


    With no translation for a count, English plural marks are resolved:
    "%n set(s)" reads "1 set" or "3 sets".
    """
    count = -1 if n is None else n
    result = _language.translate(context, text, disambiguation, count)
    if n is None:
        return result
    # Not translated (Qt may already have put the count in): English plural rule.
    if result in (text, text.replace(_COUNT, str(n))):
        result = _PLURAL_MARK.sub("" if n == 1 else r"\1", text)
    return result.replace(_COUNT, format_integer(n))


def format_integer(value: int) -> str:
    return _language.number(value, 0)


def format_decimal(value: float, decimals: int = 1) -> str:
    """A number with at most ``decimals`` places and no trailing zeros, in the locale."""
    return _language.number(value, decimals)


def format_date(day: date) -> str:
    return _language.date(day)


def format_datetime(moment: datetime) -> str:
    return _language.datetime(moment)


def format_time(moment: datetime) -> str:
    return _language.time(moment)


def decimal_point() -> str:
    return _language.decimal_point


def parse_decimal(text: str) -> float:
    """A number typed by the athlete, with a dot, a comma or the locale's own
    decimal mark ("82.5", "82,5"); ValueError for anything else.

    Every mark is accepted in every language: a load is never typed with a
    thousands separator, and a gym laptop's locale says little about the
    habits of the hand typing on it. Two different marks are refused.
    """
    cleaned = text.strip().replace("\u2212", "-")
    marks = {mark for mark in {".", ",", _language.decimal_point} if mark in cleaned}
    if len(marks) > 1:
        raise ValueError(text)
    for mark in marks:
        cleaned = cleaned.replace(mark, ".")
    return float(cleaned)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name Qt tools look for
    """Marks ``text`` for translation where it is defined (a module constant,
    read before any translator is installed); ``translate(context, text)``
    at the point of showing it does the translating."""
    return text
