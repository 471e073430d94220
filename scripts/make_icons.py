"""Render resources/icons/transkript.svg to the PNG (Linux, macOS) and ICO (Windows) the bundle uses."""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"


def render(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(ICONS / "transkript.svg")).render(painter)
    painter.end()
    return image


def main() -> None:
    QGuiApplication(sys.argv[:1] + ["-platform", "offscreen"])
    render(256).save(str(ICONS / "transkript.png"))
    Image.open(ICONS / "transkript.png").save(
        ICONS / "transkript.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)]
    )
    print(f"wrote {ICONS / 'transkript.png'} and {ICONS / 'transkript.ico'}")


if __name__ == "__main__":
    main()
