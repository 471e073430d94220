"""A real reader for the appendices: LibreOffice lays a DOCX out, poppler reads the pages back.

Word and LibreOffice wrap a paragraph themselves; when the font the DOCX asks for is
missing they take another, and a wider one wraps a numbered line onto a second,
unnumbered one — every citation after it points at the wrong words. So the tests
render the DOCX with LibreOffice headless under a fontconfig that hides Calibri,
Carlito, Arial and its metric twins (Liberation, Arimo, Nimbus Sans): what is left for
a sans-serif is DejaVu Sans, the widest common fallback. Then every body line of the
rendered pages must start with its number.

Needs ``soffice`` (Debian: libreoffice-writer-nogui) and ``pdftotext`` (poppler-utils);
``reader_missing()`` says which is absent so that a test can skip with the reason.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

# Font files hidden from LibreOffice: Microsoft's Calibri and Arial and their free metric twins.
HIDDEN_FONT_FILES = ("*alibri*", "*arlito*", "*rial*", "*iberation*", "*rimo*", "*NimbusSans*")
INSTALL = "apt-get install -y libreoffice-writer-nogui poppler-utils fonts-dejavu-core"


def reader_missing() -> str | None:
    """Why the real-reader check cannot run here, or None when it can."""
    missing = [tool for tool in ("soffice", "pdftotext", "fc-match") if shutil.which(tool) is None]
    if missing:
        return f"{', '.join(missing)} not installed (Debian: {INSTALL})"
    return None


def hiding_fontconfig(folder: Path) -> Path:
    """A fontconfig file that is the system's, less the hidden fonts."""
    rejects = "".join(f"<glob>{pattern}</glob>" for pattern in HIDDEN_FONT_FILES)
    config = folder / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <cachedir>{folder / 'cache'}</cachedir>\n"
        f"  <selectfont><rejectfont>{rejects}</rejectfont></selectfont>\n</fontconfig>\n",
        encoding="utf-8",
    )
    return config


def fallback_for(family: str, fontconfig: Path | None) -> str:
    """The family fontconfig gives for ``family`` (what LibreOffice falls back to)."""
    env = _env(fontconfig)
    result = subprocess.run(
        ["fc-match", "--format=%{family[0]}", family], env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def _env(fontconfig: Path | None) -> dict[str, str]:
    env = dict(os.environ)
    if fontconfig is not None:
        env["FONTCONFIG_FILE"] = str(fontconfig)
    return env


def render_with_libreoffice(docx: Path, folder: Path, fontconfig: Path | None) -> Path:
    """The DOCX as LibreOffice lays it out, as a PDF in ``folder``."""
    profile = folder / "lo-profile"
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(docx),
        ],
        env=_env(fontconfig),
        capture_output=True,
        text=True,
        timeout=300,
    )
    pdf = folder / (docx.stem + ".pdf")
    if result.returncode != 0 or not pdf.is_file():
        raise RuntimeError(f"LibreOffice did not convert {docx.name}: {result.stderr.strip()[-500:]}")
    return pdf


@dataclass(frozen=True)
class RenderedLines:
    """The body lines of rendered pages: those that start with a number, and those that do not."""

    numbered: list[int]  # the numbers, in reading order
    unnumbered: list[str]  # body lines without a number: a numbered line wrapped onto them

    @property
    def wrapped(self) -> int:
        return len(self.unnumbered)


_FOOTER = re.compile(r"\s*Side \d+ af \d+\s*")


def read_body_lines(pdf: Path) -> RenderedLines:
    """Every body line of ``pdf`` (pdftotext -layout): from the first numbered line of each page on,
    without the page footer. A line is numbered when it starts with the number after the last one
    (a wrapped piece that happens to start with a figure does not count)."""
    text = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    numbered, unnumbered = [], []
    for page in text.split("\f"):
        in_body = False
        for row in page.splitlines():
            if not row.strip() or _FOOTER.fullmatch(row):
                continue
            expected = str(numbered[-1] + 1 if numbered else 1)
            if row.split(maxsplit=1)[0] == expected:
                in_body = True
                numbered.append(int(expected))
            elif in_body:
                unnumbered.append(row.strip())
    return RenderedLines(numbered, unnumbered)
