"""The screen's painted parts: big text lines, the draining bar, the session
strip and the flash. Each paints itself in a few calls, because the screen
repaints ten or more times a second."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from app.kernel.i18n import QT_TRANSLATE_NOOP, format_integer, translate
from app.session.view import ItemProgress
from app.ui.look.style import LAYERED_PROPERTY, SEE_THROUGH
from app.ui.session import theme
from app.ui.session.words import SEPARATOR


class TextLine(QWidget):
    """Text painted in one colour on one line (or up to ``max_lines``),
    optionally shrunk to fit its width.

    Not a QLabel: the colour changes with every phase, and a QLabel under a
    style sheet would re-polish for each change; this just repaints. A text
    too wide goes on more lines when it may (broken at " · " first, then
    between words), then shrinks down to its floor, then is cut with "…".
    """

    def __init__(self, accessible_name: str, parent: QWidget | None = None, *,
                 align: Qt.AlignmentFlag | None = None, max_lines: int = 1) -> None:
        super().__init__(parent)
        self._text = ""
        self._lines: list[str] = []       # the text as painted: cut with "…" if it cannot fit
        self._colour = QColor(theme.TEXT)
        # (A default of AlignCenter would touch the Qt namespace at import time.)
        self._align = Qt.AlignmentFlag.AlignCenter if align is None else align
        self._size_px = 12
        self._floor_px = 12
        self._bold = False
        self.max_lines = max_lines
        self.setAccessibleName(accessible_name)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def text(self) -> str:
        return self._text

    def shown_lines(self) -> list[str]:
        """The lines as painted."""
        return list(self._lines)

    def colour(self) -> QColor:
        return QColor(self._colour)

    def set_size(self, size_px: int, *, bold: bool = False, floor_px: int | None = None) -> None:
        """Type of ``size_px`` pixels; with ``floor_px``, a text too wide for the
        line is shrunk, but never below ``floor_px``."""
        self._size_px, self._bold = size_px, bold
        self._floor_px = size_px if floor_px is None else min(size_px, floor_px)
        self._fit()

    def size_px(self) -> int:
        """The type size asked for (the painted one may be smaller: ``font()``)."""
        return self._size_px

    def line_height(self, lines: int = 1) -> int:
        """The height ``lines`` lines of text at the asked size need."""
        return round(QFontMetricsF(theme.font(self._size_px, bold=self._bold)).height() * lines)

    def lines_wanted(self, width: int) -> int:
        """How many lines the text takes at ``width`` and the asked size (at most max_lines)."""
        if not self._text:
            return 0
        metrics = QFontMetricsF(theme.font(self._size_px, bold=self._bold))
        return len(self._wrap(self._text, metrics, width)) if self.max_lines > 1 else 1

    def set_text(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.setAccessibleDescription(text)
            self._fit()

    def set_colour(self, colour: str) -> None:
        if QColor(colour) != self._colour:
            self._colour = QColor(colour)
            self.update()

    def resizeEvent(self, event: object) -> None:
        self._fit()

    def _wrap(self, text: str, metrics: QFontMetricsF, width: int) -> list[str]:
        """``text`` in as few lines as fit ``width`` (at most max_lines; the
        last one may still be too wide): broken between its " · " parts first,
        then between words."""
        lines: list[str] = []
        for piece in self._pieces(text, metrics, width):
            if lines and metrics.horizontalAdvance(lines[-1] + piece) <= width:
                lines[-1] += piece
            else:
                lines.append(piece)
        if len(lines) > self.max_lines:
            lines[self.max_lines - 1:] = ["".join(lines[self.max_lines - 1:])]
        # A line break stands in for the " · " it was made at: a dot left at
        # the end of a line reads as a stray mark ("set 2 of 3 ·").
        return [line.removesuffix(SEPARATOR).strip() for line in lines]

    @staticmethod
    def _pieces(text: str, metrics: QFontMetricsF, width: int) -> list[str]:
        """``text`` cut where a line may end: after " · ", else after ", "
        (a list of sets), else between words; the first that gives pieces
        narrower than ``width``."""
        for mark in (SEPARATOR, ", ", " "):
            parts = text.split(mark)
            pieces = [part + (mark if i < len(parts) - 1 else "") for i, part in enumerate(parts)]
            if mark == " ":
                return numbers_kept_with_their_words(pieces)
            if all(metrics.horizontalAdvance(p) <= width for p in pieces):
                return pieces
        return [text]


    def _fits(self, size: int, width: int) -> list[str] | None:
        metrics = QFontMetricsF(theme.font(size, bold=self._bold))
        lines = self._wrap(self._text, metrics, width) if self.max_lines > 1 else [self._text]
        if all(metrics.horizontalAdvance(line) <= width for line in lines):
            return lines
        return None

    def _fit(self) -> None:
        size = self._size_px
        lines = [self._text] if self._text else []
        width = self.width()
        if self._text and width > 0:
            fitted = self._fits(size, width)
            while fitted is None and size > self._floor_px:
                size = max(self._floor_px, int(size * 0.92))
                fitted = self._fits(size, width)
            if fitted is None:   # still too long at the floor: cut with "…"
                metrics = QFontMetricsF(theme.font(size, bold=self._bold))
                lines = self._wrap(self._text, metrics, width) if self.max_lines > 1 else [self._text]
                lines[-1] = metrics.elidedText(lines[-1], Qt.TextElideMode.ElideRight, width)
            else:
                lines = fitted
        self._lines = lines
        wanted = theme.font(size, bold=self._bold)
        if wanted != self.font():
            self.setFont(wanted)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._lines:
            return
        painter = QPainter(self)
        painter.setFont(self.font())
        painter.setPen(self._colour)
        painter.drawText(self.rect(), int(self._align), "\n".join(self._lines))
        painter.end()


class SideBadge(TextLine):
    """LEFT LEG / RIGHT LEG in dark type on the side's colour: said in words,
    the colour only helps."""

    def __init__(self, parent: QWidget | None = None, *, look: theme.GymLook = theme.STANDARD) -> None:
        super().__init__(translate("SideBadge", "Side", "which leg: left or right"), parent)
        self._side = ""
        self._background = QColor(theme.TEXT)
        self.set_colour(look.background)

    @property
    def side(self) -> str:
        return self._side

    def set_side(self, side: str, words: str) -> None:
        self._side = side
        self._background = QColor(theme.SIDE_COLOURS.get(side, theme.TEXT))
        self.set_text(words)
        self.setVisible(bool(words))

    def wanted_width(self) -> int:
        if not self.text():
            return 0
        return round(QFontMetricsF(self.font()).horizontalAdvance(self.text()) + self.font().pixelSize())

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.text():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._background)
        radius = self.height() * 0.18
        painter.drawRoundedRect(QRectF(self.rect()), radius, radius)
        painter.setFont(self.font())
        painter.setPen(self.colour())
        painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter), self.text())
        painter.end()


class DrainBar(QWidget):
    """A tall bar that drains toward the floor as a countdown runs: during the
    lowering it falls with the athlete. Notches mark whole seconds."""

    def __init__(self, parent: QWidget | None = None, *, look: theme.GymLook = theme.STANDARD) -> None:
        super().__init__(parent)
        self._look = look
        self._fraction: float | None = None
        self._colour = QColor(theme.LOWER)
        self._seconds = 0
        self._shown_px = -1
        self.setAccessibleName(translate("DrainBar", "Time left, as a bar draining to the floor"))
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    @property
    def fraction(self) -> float | None:
        return self._fraction

    def set_level(self, fraction: float | None, colour: str, seconds: float | None = None) -> None:
        """Show ``fraction`` (1 full, 0 empty; None hides the bar) of the countdown
        left; ``seconds`` (its length) draws a notch at every whole second."""
        notches = int(seconds) if seconds is not None and 1 < seconds <= 20 else 0
        px = -1 if fraction is None else round(fraction * max(1, self.height()))
        changed = (px != self._shown_px or QColor(colour) != self._colour or notches != self._seconds)
        self._fraction = fraction
        if changed:
            self._shown_px, self._colour, self._seconds = px, QColor(colour), notches
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._fraction is None:
            return
        w, h = float(self.width()), float(self.height())
        radius = w * 0.18
        look = self._look
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(look.track))
        painter.drawRoundedRect(QRectF(0, 0, w, h), radius, radius)
        level = h * self._fraction
        if level > 0:
            painter.setBrush(self._colour)
            painter.drawRoundedRect(QRectF(0, h - level, w, level), radius, radius)
        if self._seconds:
            painter.setPen(QPen(QColor(look.background), max(2.0, h * 0.006)))
            for k in range(1, self._seconds):
                y = h * k / self._seconds
                painter.drawLine(QPointF(0, y), QPointF(w, y))
        if look.track_edge is not None:
            edge = max(2.0, w * 0.04)
            painter.setPen(QPen(QColor(look.track_edge), edge))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(edge / 2, edge / 2, w - edge, h - edge), radius, radius)
        painter.end()


class ProgressStrip(QWidget):
    """The whole session as one strip: a segment per exercise, as wide as its
    planned sets, filled by the sets logged; the current one is outlined."""

    def __init__(self, parent: QWidget | None = None, *, look: theme.GymLook = theme.STANDARD) -> None:
        super().__init__(parent)
        self._look = look
        self._items: tuple[ItemProgress, ...] = ()
        self._current = -1
        self.setAccessibleName(translate("ProgressStrip", "Session progress"))
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def set_progress(self, items: Sequence[ItemProgress], current: int) -> None:
        items = tuple(items)
        if items != self._items or current != self._current:
            self._items, self._current = items, current
            logged = sum(i.logged for i in items)
            planned = sum(i.planned for i in items)
            self.setAccessibleDescription(
                translate("ProgressStrip", "{logged} of %n set(s) logged", None, planned)
                .format(logged=format_integer(logged)))
            self.setToolTip("\n".join(self._item_text(item) for item in items))
            self.update()

    @staticmethod
    def _item_text(item: ItemProgress) -> str:
        planned = item.planned   # a plain name: lupdate skips a count given as an expression
        return translate("ProgressStrip", "{name}: {logged} of %n set(s)", None, planned).format(
            name=item.name, logged=format_integer(item.logged))

    def paintEvent(self, event: QPaintEvent) -> None:
        planned = sum(max(1, i.planned) for i in self._items)
        if not planned:
            return
        w, h = float(self.width()), float(self.height())
        gap = max(3.0, h * 0.25)
        usable = w - gap * (len(self._items) - 1)
        edge = max(2.0, h * 0.16)
        look = self._look
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        x = 0.0
        for index, item in enumerate(self._items):
            width = usable * max(1, item.planned) / planned
            box = QRectF(x, 0, width, h)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(look.track))
            painter.drawRect(box)
            if item.planned and item.logged:
                painter.setBrush(QColor(theme.DONE))
                painter.drawRect(QRectF(x, 0, width * min(1.0, item.logged / item.planned), h))
            # The current exercise outlined thick; with a track edge, the others thin.
            outline = edge if index == self._current else edge / 2 if look.track_edge else 0.0
            if outline:
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(QColor(theme.TEXT if index == self._current else look.track_edge),
                                    outline))
                painter.drawRect(box.adjusted(outline / 2, outline / 2, -outline / 2, -outline / 2))
            x += width + gap
        painter.end()


class FlashOverlay(QWidget):
    """A short flash: the visual cue when no sound can be played (the cue
    player asks for it). The moments to act on (go, catch, done) fill the
    screen with their word; the counting cues (ticks, 3-2-1 beeps) only
    light its edge, so the lowering visual stays in sight every second."""

    FLASH_MS = 350
    # The moments that fill the screen, with the word shown for each.
    FULL_WORDS: ClassVar[dict[str, str]] = {"go": QT_TRANSLATE_NOOP("FlashOverlay", "GO"),
                                            "catch": QT_TRANSLATE_NOOP("FlashOverlay", "CATCH"),
                                            "done": QT_TRANSLATE_NOOP("FlashOverlay", "DONE")}
    FULL_KINDS = frozenset(FULL_WORDS)

    def __init__(self, parent: QWidget, *, look: theme.GymLook = theme.STANDARD) -> None:
        super().__init__(parent)
        self._look = look
        self._text = ""
        self._full = True
        self.setAccessibleName(translate("FlashOverlay", "Visual cue"))
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        # Over everything for a moment; the counting cues light only the edge,
        # leaving the screen in sight on purpose.
        self.setProperty(LAYERED_PROPERTY, SEE_THROUGH)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.hide()

    def text(self) -> str:
        return self._text

    def flash(self, text: str) -> None:
        """Flash for the cue ``text`` (its kind: "go", "tick"...)."""
        self._text = text
        self._full = text in self.FULL_KINDS
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()
        self.update()
        self._timer.start(self.FLASH_MS)

    def _on_timer_timeout(self) -> None:
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        if not self._full:
            edge = max(8.0, self.height() * 0.03)
            painter.setPen(QPen(QColor(theme.TEXT), edge))
            painter.drawRect(self.rect().adjusted(int(edge / 2), int(edge / 2),
                                                  -int(edge / 2), -int(edge / 2)))
            painter.end()
            return
        painter.fillRect(self.rect(), QColor(theme.TEXT))
        word = self.FULL_WORDS.get(self._text)
        if word:
            painter.setPen(QColor(self._look.background))
            painter.setFont(theme.font(theme.pixels(self.height(), theme.BIG), bold=True))
            painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter),
                             translate("FlashOverlay", word))
        painter.end()


def numbers_kept_with_their_words(words: list[str]) -> list[str]:
    """Between words, a number stays with the word after it ("60 kg",
    "20 days"): "60" at the end of one line and "kg" at the start of the
    next read as two things from a bench (seen in "last time: 2 x 8 @ 60
    kg, 20 days ago" at 1366x768)."""
    kept: list[str] = []
    for word in words:
        if kept and kept[-1].rstrip()[-1:].isdigit():
            kept[-1] += word
        else:
            kept.append(word)
    return kept
