"""The athlete's language for the window: Qt translators and QLocale formats.

Loads ``resources/translations/hamstride_<locale>.qm`` when one matches the
locale (and Qt's own translations for its standard buttons), then hands Qt's
translate function and QLocale's number and date formats to ``app.kernel.i18n``,
where every module, Qt or not, takes its words and numbers from.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QLibraryInfo, QLocale, QTime, QTranslator

from app.kernel import i18n
from app.kernel.resources import resources_dir

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = "translations"
CATALOG_PREFIX = "hamstride"


class Language:
    """The translators installed on the application, kept alive by this object."""

    def __init__(self, locale: QLocale | None = None,
                 translations_dir: Path | None = None) -> None:
        self.locale = QLocale(locale) if locale is not None else QLocale()
        # Numbers typed back into fields must parse: no thousands separators.
        self.locale.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)
        self._dir = translations_dir or resources_dir() / TRANSLATIONS_DIR
        self._translators: list[QTranslator] = []
        self.loaded: list[str] = []

    def install(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            self._load(app, CATALOG_PREFIX, self._dir)
            qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
            self._load(app, "qtbase", qt_dir)
        if self.locale.language() == QLocale.Language.C:
            # No locale set (LANG=C, a bare container): Qt's C formats read
            # "17 11 2026"; the plain English ones read "Tue 17 Nov 2026".
            i18n.install(translate=_qt_translate)
            return
        i18n.install(translate=_qt_translate, number=self.number, date_text=self.date_text,
                     datetime_text=self.datetime_text, time_text=self.time_text,
                     decimal_point=self.locale.decimalPoint())

    def uninstall(self) -> None:
        app = QCoreApplication.instance()
        for translator in self._translators:
            if app is not None:
                app.removeTranslator(translator)
        self._translators.clear()
        self.loaded.clear()
        i18n.uninstall()

    def _load(self, app: QCoreApplication, prefix: str, directory: Path) -> None:
        translator = QTranslator(app)
        # Looks for prefix_de_DE.qm, prefix_de.qm... in the locale's UI languages.
        if translator.load(self.locale, prefix, "_", str(directory)):
            app.installTranslator(translator)
            self._translators.append(translator)
            self.loaded.append(translator.filePath())
            log.info("translation loaded: %s", translator.filePath())

    # QLocale formats, handed to app.kernel.i18n

    def number(self, value: float, decimals: int) -> str:
        if decimals == 0:
            return self.locale.toString(round(value))
        text = self.locale.toString(float(round(value, decimals)), "f", decimals)
        point = self.locale.decimalPoint()
        if point in text:
            text = text.rstrip(self.locale.zeroDigit()).rstrip(point)
        return text

    def date_text(self, day: date) -> str:
        qdate = QDate(day.year, day.month, day.day)
        weekday = self.locale.dayName(qdate.dayOfWeek(), QLocale.FormatType.ShortFormat)
        return f"{weekday} {self.locale.toString(qdate, QLocale.FormatType.ShortFormat)}"

    def time_text(self, moment: datetime) -> str:
        return self.locale.toString(QTime(moment.hour, moment.minute),
                                    QLocale.FormatType.ShortFormat)

    def datetime_text(self, moment: datetime) -> str:
        return f"{self.date_text(moment.date())} {self.time_text(moment)}"


def _qt_translate(context: str, text: str, disambiguation: str | None, n: int) -> str:
    return QCoreApplication.translate(context, text, disambiguation, n)
