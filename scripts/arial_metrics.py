"""Write resources/fonts/arial-widths.json: where Arial is wider than DejaVu Sans, per character.

The DOCX appendix asks for Arial and is sized so that its widest line fits in DejaVu Sans, the
widest common fallback (core/layout.py). For most characters Arial is narrower, but not for all
(capitals such as J, P, Y; "@", "§"): there the appendix must be measured in Arial's widths.
Arial's widths are those of its metric twin Liberation Sans (SIL Open Font Licence; by design the
same advance widths). Run on a machine with fonts-liberation2:

    python scripts/arial_metrics.py /usr/share/fonts/truetype/liberation2
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from reportlab.pdfbase.ttfonts import TTFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "resources" / "fonts"
# Latin with its extensions, general punctuation (dashes, „“, …) and currency signs.
BLOCKS = [(0x20, 0x250), (0x2000, 0x2070), (0x20A0, 0x20C0)]


def wider(liberation: Path, dejavu: Path) -> dict[str, int]:
    """Characters whose advance in ``liberation`` exceeds that in ``dejavu``: width in 1/1000 em."""
    arial, fallback = TTFont("a", str(liberation)), TTFont("d", str(dejavu))
    widths = {}
    for begin, end in BLOCKS:
        for code in range(begin, end):
            if code not in arial.face.charToGlyph:
                continue
            character = chr(code)
            width = arial.stringWidth(character, 1000)
            if width > fallback.stringWidth(character, 1000) + 0.5:
                widths[character] = round(width + 0.5)
    return widths


def main(folder: str) -> None:
    source = Path(folder)
    table = {
        "regular": wider(source / "LiberationSans-Regular.ttf", FONTS / "DejaVuSans.ttf"),
        "bold": wider(source / "LiberationSans-Bold.ttf", FONTS / "DejaVuSans-Bold.ttf"),
    }
    target = FONTS / "arial-widths.json"
    text = json.dumps(table, ensure_ascii=False, indent=0, sort_keys=True) + "\n"
    target.write_text(text, encoding="utf-8")
    print(f"{target}: {len(table['regular'])} regular, {len(table['bold'])} bold characters")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/liberation2")
