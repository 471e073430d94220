"""How many numbered lines of a DOCX appendix a real reader wraps onto an unnumbered line.

LibreOffice (headless) lays the DOCX out, under the system's fonts and under a fontconfig that
hides Calibri, Carlito, Arial and its metric twins (DejaVu Sans is then the fallback); poppler's
pdftotext reads the pages back (tests/reader_fixtures.py). Per font setting:

- ``calibri-0.5em`` — before issue 19: Calibri, sized for 0.5 em a character;
- ``arial-measured`` — now: ``layout.docx_typeface`` (Arial, sized on the lines' widths in the
  wider of Arial and DejaVu Sans, with slack).

The PDF appendix (``pdf``, DejaVu Sans embedded) is read back the same way, for comparison.

Run from the repository root (needs soffice and pdftotext):

    python bench/appendix_wrapping.py [--turns 60] [--widths 60 85 100]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.export_fixtures import interview  # noqa: E402
from tests.reader_fixtures import (  # noqa: E402
    fallback_for,
    hiding_fontconfig,
    read_body_lines,
    reader_missing,
    render_with_libreoffice,
)
from transcribe_app.core.exports.document import prepare  # noqa: E402
from transcribe_app.core.exports.pdf import render_pdf  # noqa: E402
from transcribe_app.core.exports.word import render_docx  # noqa: E402
from transcribe_app.core.layout import (  # noqa: E402
    PAGE,
    LayoutSettings,
    Typeface,
    docx_typeface,
    pdf_typeface,
)


def calibri_before(width: int) -> Typeface:
    """The rule before issue 19: Calibri at the half point where ``width`` × 0.5 em fills the column."""
    size = max(7.0, min(11.0, int(PAGE.column_pt / (width * 0.5) * 2) / 2))
    return Typeface("Calibri", size, max(7.0, size - 1.5))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--turns", type=int, default=60, help="turns of the generated interview (default 60)")
    parser.add_argument("--widths", type=int, nargs="+", default=[60, 85, 100])
    args = parser.parse_args()
    if (why := reader_missing()) is not None:
        print(f"Cannot run: {why}", file=sys.stderr)
        return 2
    folder = Path(tempfile.mkdtemp(prefix="wrapping-"))
    hidden = hiding_fontconfig(folder)
    fonts = {"system fonts": None, "Calibri/Carlito/Arial/Liberation hidden": hidden}
    for name, config in fonts.items():
        print(f"{name}: Calibri → {fallback_for('Calibri', config)}, Arial → {fallback_for('Arial', config)}")
    print(f"{'width':>5}  {'setting':<15} {'size':>5}  {'fonts':<40} {'lines':>5}  wrapped without a number")
    project = interview(args.turns, seed=3)
    for width in args.widths:
        document = prepare(project, settings=LayoutSettings(width=width))
        settings = {"calibri-0.5em": calibri_before(width), "arial-measured": docx_typeface(document.lines)}
        for setting, typeface in settings.items():
            docx = folder / f"{setting}-{width}.docx"
            docx.write_bytes(render_docx(document, typeface))
            for name, config in fonts.items():
                out = folder / f"{setting}-{width}-{'hidden' if config else 'system'}"
                out.mkdir()
                rendered = read_body_lines(render_with_libreoffice(docx, out, config))
                intact = rendered.numbered == list(range(1, len(document.lines) + 1))
                print(
                    f"{width:>5}  {setting:<15} {typeface.size:>5}  {name:<40} {len(document.lines):>5}  "
                    f"{rendered.wrapped}"
                    + ("" if intact else "  (numbers lost)")
                )
        pdf = folder / f"pdf-{width}.pdf"
        pdf.write_bytes(render_pdf(document))
        rendered = read_body_lines(pdf)
        print(
            f"{width:>5}  {'pdf':<15} {pdf_typeface(document.lines).size:>5}  {'embedded DejaVu Sans':<40} "
            f"{len(document.lines):>5}  {rendered.wrapped}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
