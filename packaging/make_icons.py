"""Render Hamstride's icon files from resources/icons/hamstride.svg.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py

Writes resources/icons/hamstride-<size>.png for every size in SIZES (the app
loads these at start-up: decoding a PNG is cheaper than loading QtSvg), and
packaging/hamstride.ico and packaging/hamstride.icns for the Windows and
macOS bundles (PyInstaller would otherwise need Pillow to convert a PNG).
Run it again after editing the SVG and commit what it wrote.

The smallest sizes leave out the SVG's "speed" group: two lines a pixel or
two thick only smear into the leg there.
"""

from __future__ import annotations

import os
import struct
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
SVG = ICONS / "hamstride.svg"
PACKAGING = ROOT / "packaging"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
SMALL = 24  # at this size and below, detail groups are dropped
DETAIL_GROUPS = ("speed",)
SVG_NS = "http://www.w3.org/2000/svg"

# ICNS entry types holding PNG data, by pixel size. Retina entries repeat a
# size under a second type (ic11 is 16 pt at 2x = 32 px, and so on).
ICNS_TYPES = {16: (b"icp4",), 32: (b"icp5", b"ic11"), 64: (b"icp6", b"ic12"),
              128: (b"ic07",), 256: (b"ic08", b"ic13"), 512: (b"ic09", b"ic14")}


def svg_bytes(small: bool) -> bytes:
    """The SVG as rendered at one size: without detail groups when small."""
    ET.register_namespace("", SVG_NS)
    tree = ET.parse(SVG)
    root = tree.getroot()
    if small:
        for group in list(root):
            if group.get("id") in DETAIL_GROUPS:
                root.remove(group)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def render(size: int) -> bytes:
    """One PNG of size x size pixels, as bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(svg_bytes(size <= SMALL)))
    if not renderer.isValid():
        raise SystemExit(f"{SVG} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.convertToFormat(QImage.Format.Format_ARGB32).save(buffer, "PNG"):
        raise SystemExit(f"could not encode the {size} px PNG")
    buffer.close()
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico holding PNG images (supported since Windows Vista)."""
    sizes = [size for size in sorted(pngs) if size <= 256]  # ICO's largest size
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, images = b"", b""
    for size in sizes:
        data = pngs[size]
        side = 0 if size == 256 else size  # 0 means 256 in an ICO entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        images += data
        offset += len(data)
    return header + entries + images


def icns(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns: a list of (type, length, PNG) entries."""
    body = b""
    for size, types in ICNS_TYPES.items():
        for kind in types:
            body += kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(sys.argv[:1])  # QPainter on a QImage needs one for fonts and such
    pngs = {size: render(size) for size in SIZES}
    for size, data in pngs.items():
        target = ICONS / f"hamstride-{size}.png"
        target.write_bytes(data)
        print(f"wrote {target.relative_to(ROOT)} ({len(data)} bytes)")
    for name, data in (("hamstride.ico", ico(pngs)), ("hamstride.icns", icns(pngs))):
        target = PACKAGING / name
        target.write_bytes(data)
        print(f"wrote {target.relative_to(ROOT)} ({len(data)} bytes)")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
