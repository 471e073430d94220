"""Opening a Word document someone else made, safely: a sentence for anything that is not one.

A ``.docx`` is a zip of XML parts. What arrives may be a renamed text file, a cut-off
download, a part with broken XML, an XML "entity bomb" (a few hundred bytes that expand
to gigabytes) or a zip bomb (a part that unpacks to far more than a document holds).

- Entities are never expanded: python-docx's parser is made with ``resolve_entities=False``
  (tests/test_fuzz_inputs.py checks that it stays so), and libxml2 refuses entity
  amplification besides. ``safe_xml`` parses other parts (foot- and endnotes)
  the same way.
- Sizes are checked before anything is unpacked, from the zip's directory; Python's
  zip reader never unpacks a part past the size the directory states, so the check holds
  even for a zip that lies.
- Every way opening can fail becomes ``BadInputError`` naming the file.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from ..errors import BadInputError

# A two-hour focus group's document.xml is about 5 MB; a thesis with figures can hold
# hundreds of MB of pictures, which python-docx also reads whole.
MAX_XML_PART_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 768 * 1024 * 1024


def open_docx(path: str | Path, what: str = "document"):
    """The python-docx ``Document`` at ``path``; ``BadInputError`` (naming it as ``what``) if unusable."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import LxmlError

    path = Path(path)
    check_package(path, what)
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, zlib.error, LxmlError, EOFError) as exc:
        raise BadInputError(_not_readable(path, what, _reason(exc))) from None
    except (KeyError, ValueError, NotImplementedError, OSError) as exc:  # a part missing, odd compression
        raise BadInputError(_not_readable(path, what, type(exc).__name__)) from None


def check_package(path: Path, what: str = "document") -> None:
    """Refuse what is not a zip, or unpacks to more than a Word document holds, before reading it."""
    try:
        with zipfile.ZipFile(path) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
        raise BadInputError(_not_readable(path, what, _reason(exc))) from None
    except OSError as exc:
        raise BadInputError(f"The {what} “{path.name}” cannot be read: {exc.strerror or exc}.") from None
    total = sum(part.file_size for part in parts)
    for part in parts:
        if part.filename.endswith((".xml", ".rels")) and part.file_size > MAX_XML_PART_BYTES:
            raise BadInputError(
                f"“{path.name}” cannot be read safely: its part {part.filename} unpacks to "
                f"{_megabytes(part.file_size)}, far more than the text of a Word document. It may be damaged "
                "or made to harm; open it in Word or LibreOffice and save it again as .docx."
            )
    if total > MAX_TOTAL_BYTES:
        raise BadInputError(
            f"“{path.name}” cannot be read safely: it unpacks to {_megabytes(total)} (Transkript reads up "
            f"to {_megabytes(MAX_TOTAL_BYTES)}). Save a copy without pictures and try again."
        )


def safe_xml(data: bytes):
    """Parse an XML part without expanding entities or reaching the network; ``BadInputError`` if broken."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.LxmlError as exc:
        raise BadInputError(f"A part of the Word document is damaged ({_reason(exc)}).") from None


def _reason(exc: BaseException) -> str:
    message = str(exc).split("\n")[0]
    # lxml and zipfile messages name parts and positions, never the document's words.
    return message[:160] if message else type(exc).__name__


def _not_readable(path: Path, what: str, reason: str) -> str:
    return (
        f"“{path.name}” cannot be read as a Word document (.docx) ({reason}). If it is not a Word document "
        f"but an older .doc or another format, save the {what} as .docx (Word or LibreOffice: Save as) and "
        "try again."
    )


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:,.0f} MB"
