"""A custom exercise's step picture: a photo or drawing the athlete added.

The file is read when the step is shown and kept, shrunk to at most
``MAX_SIDE`` pixels; the copy that fits the widget is made when the widget
is resized. Painting only draws that ready copy.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QImageReader, QPainter, QPaintEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.kernel.i18n import translate

MAX_SIDE = 2048
_CACHE_SIZE = 12  # a custom exercise has at most 12 steps


class StepPictureView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cache: dict[Path, QPixmap] = {}
        self._pixmap = QPixmap()
        self._scaled = QPixmap()
        self._path: Path | None = None
        self.error = ""
        self.setAccessibleName(translate("StepPictureView", "Step picture"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 120)

    @property
    def path(self) -> Path | None:
        return self._path

    def has_picture(self) -> bool:
        return not self._pixmap.isNull()

    def set_picture(self, path: Path | None, description: str = "") -> bool:
        """Show the picture at ``path``; False (and ``error`` set) if it cannot be read."""
        self._path = path
        self.error = ""
        self._pixmap = QPixmap() if path is None else self._load(path)
        self.setAccessibleDescription(description)
        self.setToolTip(description)
        self._rescale()
        self.update()
        return not self._pixmap.isNull()

    def clear_cache(self) -> None:
        self._cache.clear()

    def _load(self, path: Path) -> QPixmap:
        cached = self._cache.get(path)
        if cached is not None:
            return cached
        reader = QImageReader(str(path))
        reader.setAutoTransform(True)  # phone photos carry their rotation in EXIF
        size = reader.size()
        if size.isValid() and max(size.width(), size.height()) > MAX_SIDE:
            reader.setScaledSize(size.scaled(MAX_SIDE, MAX_SIDE, Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()
        if image.isNull():
            self.error = translate("StepPictureView", "{file} could not be shown: {reason}").format(
                file=path.name, reason=reader.errorString())
            return QPixmap()
        pixmap = QPixmap.fromImage(image)
        if len(self._cache) >= _CACHE_SIZE:
            self._cache.pop(next(iter(self._cache)))
        self._cache[path] = pixmap
        return pixmap

    def _rescale(self) -> None:
        if self._pixmap.isNull() or self.width() < 2 or self.height() < 2:
            self._scaled = QPixmap()
            return
        # Scaled for the screen's real pixels, so a high-density screen stays sharp.
        ratio = self.devicePixelRatioF()
        self._scaled = self._pixmap.scaled(self.size() * ratio, Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation)
        self._scaled.setDevicePixelRatio(ratio)

    def sizeHint(self) -> QSize:
        return QSize(480, 360)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._rescale()
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._scaled.isNull():
            return
        painter = QPainter(self)
        size = self._scaled.deviceIndependentSize()
        x = (self.width() - size.width()) / 2
        y = (self.height() - size.height()) / 2
        painter.drawPixmap(QPointF(x, y), self._scaled)
        painter.end()
