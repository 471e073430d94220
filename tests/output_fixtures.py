"""Every output a project can leave Transkript through, run through the CLI and read back as text.

``every_output(project, folder, capsys)`` runs each output of a project whose appendix
is pseudonymised — every export format to a file and to standard output, the REFI-QDA project, ``cite``,
the validation package, the quote basket's list and the thesis tables — and returns, per output, the exit
status and what a reader of it sees (the file read back: DOCX paragraphs, cells and
properties, PDF text and info, plus the file's name), or "" when nothing was written.
A leak test asserts for each: stopped (exit 4, or 2 when the format cannot be made,
such as subtitles of a typed transcript without times) with nothing written, or no
real name in the text.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from pypdf import PdfReader

from transcribe_app.cli import main
from transcribe_app.core.exports import FORMATS

FILE_SUFFIX = {"nvivo": "_nvivo.txt", "maxqda": "_maxqda.txt", "plain": "_plain.txt"}


def read_back(path: Path) -> str:
    """What a reader of an output file sees, as text (with its file name)."""
    if path.suffix == ".docx":
        document = docx.Document(str(path))
        parts = [p.text for p in document.paragraphs]
        parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
        props = document.core_properties
        parts += [props.title, props.author, props.subject, props.keywords, props.comments]
    elif path.suffix == ".qdpx":  # a REFI-QDA project: its XML, its transcripts and its members' names
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            parts = [archive.read(n).decode("utf-8") for n in names if n.endswith((".qde", ".txt"))] + names
    elif path.suffix == ".pdf":
        reader = PdfReader(io.BytesIO(path.read_bytes()))
        parts = [page.extract_text() for page in reader.pages]
        parts += [str(value) for value in (reader.metadata or {}).values()]
    else:
        parts = [path.read_text(encoding="utf-8")]
    return "\n".join([*parts, path.name])


def every_output(project: Path, folder: Path, capsys, *, quote: str = "1-3") -> dict[str, tuple[int, str]]:
    """Run every output of ``project`` (its pseudonymised appendix already exported); see the module."""
    outputs: dict[str, tuple[int, str]] = {}
    key = folder / "every_output.key.json"
    for fmt in FORMATS:
        out = folder / f"bilag{FILE_SUFFIX.get(fmt, '.' + fmt)}"
        args = ["export", str(project), "--pseudonymise", "--format", fmt]
        code = main([*args, "--key", str(key), "-o", str(out)])
        outputs[f"export {fmt}"] = (code, read_back(out) if out.exists() else "")
        if fmt not in ("docx", "pdf"):
            capsys.readouterr()
            code = main(args)
            outputs[f"standard output {fmt}"] = (code, capsys.readouterr().out)
    qdpx = folder / "studie.qdpx"  # the REFI-QDA project of this interview, with its recording if any
    args = ["export", str(project), "--pseudonymise", "--key", str(key), "--format", "qdpx"]
    code = main([*args, "-o", str(qdpx)])
    outputs["export qdpx"] = (code, read_back(qdpx) if qdpx.exists() else "")
    capsys.readouterr()
    code = main(["cite", str(project), "--lines", quote])
    outputs["cite"] = (code, capsys.readouterr().out)
    pack = folder / "citater.docx"
    code = main(["validation-pack", str(project), "--quote", quote, "-o", str(pack)])
    outputs["validation pack"] = (code, read_back(pack) if pack.exists() else "")
    code = main(["quotes", str(project), "--add", quote])  # into the basket: prints only the citation
    capsys.readouterr()
    code = main(["quotes", str(project), "--list"]) if code == 0 else code
    outputs["quotes list"] = (code, capsys.readouterr().out)
    tables = folder / "tabeller.docx"
    code = main(["export", str(project), "--format", "tables", "-o", str(tables)])
    outputs["tables"] = (code, read_back(tables) if tables.exists() else "")
    capsys.readouterr()
    return outputs
