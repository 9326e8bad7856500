"""Chart colours that read well on the widget's own background, dark or light.

The charts do not use QtCharts' built-in themes: their backgrounds and text
colours ignore the app's palette, so a "light" chart would glare inside a
dark window. Everything here is derived from the palette instead, and the
series colours are picked per background so each line keeps a contrast of
at least 3:1 against it (WCAG's figure for graphics).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

# Series colours in order: the app's teal first, then colours that stay
# apart for the common colour-vision deficiencies (orange against blue).
LIGHT_SERIES = ("#2f7d6d", "#b85a00", "#2a62b0", "#8a3ea8")
DARK_SERIES = ("#5fd0b7", "#ffae42", "#7cc4ff", "#d59cf0")
BAND_ALPHA = 70          # the target band: visible, yet the bars show through it


@dataclass(frozen=True)
class ChartColours:
    dark: bool
    background: QColor
    text: QColor
    grid: QColor
    axis: QColor
    series: tuple[QColor, ...]
    band_fill: QColor
    band_edge: QColor


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def blend(a: QColor, b: QColor, amount: float) -> QColor:
    """``amount`` of ``b`` mixed into ``a``."""
    return QColor.fromRgbF(a.redF() + (b.redF() - a.redF()) * amount,
                           a.greenF() + (b.greenF() - a.greenF()) * amount,
                           a.blueF() + (b.blueF() - a.blueF()) * amount)


def colours_for(palette: QPalette) -> ChartColours:
    dark = is_dark(palette)
    background = QColor(palette.color(QPalette.ColorRole.Window))
    text = QColor(palette.color(QPalette.ColorRole.WindowText))
    if contrast(text, background) < 4.5:
        # A palette with weak text (some themes): use plain black or white.
        text = QColor("white" if dark else "black")
    series = tuple(QColor(c) for c in (DARK_SERIES if dark else LIGHT_SERIES))
    band = QColor(series[0])
    band.setAlpha(BAND_ALPHA)
    return ChartColours(dark=dark, background=background, text=text,
                        grid=blend(background, text, 0.16), axis=blend(background, text, 0.5),
                        series=series, band_fill=band, band_edge=QColor(series[0]))


def _luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio, 1 (none) to 21 (black on white)."""
    light, dim = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dim + 0.05)
