"""Reading the bytes of a typed transcript as text, honestly: every line in the encoding it was written in.

A transcript typed over months passes through several programs: most of it is
UTF-8, but a paragraph pasted from an old Windows program arrives as
Windows-1252 (cp1252). Decoding the whole file as cp1252 because of one such
line turns every æ, ø and å of the rest into mojibake ("SÃ¸ren"), and a name
written that way escapes the roster. So the decoding goes line by line:

- a byte-order mark decides for the whole file (UTF-8, UTF-16, UTF-32);
- without one, each line is UTF-8 if it can be, otherwise cp1252 — and every
  such line is named, by its number and never by its text, in a notice;
- what cannot be read honestly is refused with a sentence: NUL bytes (UTF-16 or
  UTF-32 without a byte-order mark, or a binary file), other binary data, a
  line that is neither UTF-8 nor cp1252, and text whose odd bytes read as
  Danish letters only in Mac Roman (an old Mac encoding: guessing it wrong
  would garble every æøå, and guessing is not reading).

Lines keep their own line endings, so ``"".join`` of the decoded lines is the
file as written.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

from ..errors import BadInputError

# Byte-order marks, longest first: UTF-32 LE's starts with UTF-16 LE's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
# Files that are not text whatever their name says (the first bytes of each format).
_SIGNATURES = (
    (b"PK\x03\x04", "a Word document or another zip archive (a .docx must be named .docx)"),
    (b"%PDF", "a PDF document (save it from the PDF reader as text, or import the Word file)"),
    (b"{\\rtf", "an RTF document (save it from Word as .docx or as plain text)"),
    (b"\xd0\xcf\x11\xe0", "an old Word .doc file (save it from Word as .docx)"),
)
# C0 control characters a text file may hold: tab, line feed, vertical tab, form feed, carriage
# return and the old end-of-file mark; any other (or many) says binary data.
_TEXT_CONTROLS = b"\t\n\x0b\x0c\r\x1a"
_BINARY_CONTROLS = bytes(b for b in [*range(0x20), 0x7F] if b not in _TEXT_CONTROLS)
_MAX_CONTROL_SHARE = 0.01
MAX_NAMED_LINES = 10  # line numbers named in a notice; the rest are counted


@dataclass
class DecodedText:
    """The decoded text and what the decoding had to say about it."""

    text: str
    encoding: str  # "UTF-8", "UTF-16", "UTF-32", "Windows-1252" or "UTF-8 and Windows-1252"
    cp1252_lines: list[int] = field(default_factory=list)  # 1-based numbers of the lines read as cp1252
    notices: list[str] = field(default_factory=list)


def decode_transcript(raw: bytes, name: str) -> DecodedText:
    """``raw`` (the bytes of the file called ``name``) as text, or a ``BadInputError`` saying why not."""
    for bom, codec, label in _BOMS:
        if raw.startswith(bom):
            if label == "UTF-8":
                return _line_by_line(raw[len(bom) :], name)
            return _whole(raw[len(bom) :], codec, label, name)
    _refuse_binary(raw, name)
    return _line_by_line(raw, name)


def _whole(raw: bytes, codec: str, label: str, name: str) -> DecodedText:
    """A file with a UTF-16 or UTF-32 byte-order mark: all of it in that encoding, or nothing."""
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError as error:
        raise BadInputError(
            f"“{name}” starts as {label} text, but byte {error.start + 1} after its byte-order mark is not "
            f"{label}: the file is damaged or mixes encodings. Save it again as UTF-8 text and import it."
        ) from None
    if "\x00" in text:
        raise BadInputError(f"“{name}” is not a text file: it holds NUL characters.")
    return DecodedText(text, label)


def _refuse_binary(raw: bytes, name: str) -> None:
    for signature, what in _SIGNATURES:
        if raw.startswith(signature):
            raise BadInputError(f"“{name}” is not a text file: it is {what}.")
    if b"\x00" in raw:
        raise BadInputError(f"“{name}” is not a text file Transkript can read: {_nul_kind(raw)}")
    controls = len(raw) - len(raw.translate(None, _BINARY_CONTROLS))
    if controls > max(2, _MAX_CONTROL_SHARE * len(raw)):
        raise BadInputError(
            f"“{name}” is not a text file: {controls} of its {len(raw)} bytes are control characters "
            "(binary data)."
        )


def _nul_kind(raw: bytes) -> str:
    """Why a file holds NUL bytes, in words: UTF-32 or UTF-16 without a byte-order mark, or binary data."""
    sample = raw[: 4096 - 4096 % 4]
    if len(sample) >= 4:
        quads = [sample[i : i + 4] for i in range(0, len(sample), 4)]
        if all(q[2:] == b"\0\0" or q[:2] == b"\0\0" for q in quads if q.strip(b"\0")):
            return (
                "it looks like UTF-32 text without a byte-order mark, which cannot be told apart from "
                "binary data for certain. Save it again as UTF-8 text and import it."
            )
    pairs = [sample[i : i + 2] for i in range(0, len(sample) - 1, 2)]
    if pairs and sum(1 for p in pairs if p.count(0) == 1) > 0.6 * len(pairs):
        return (
            "it looks like UTF-16 text without a byte-order mark. Save it again as UTF-8 text (in Word: "
            "Plain Text, Unicode (UTF-8)) and import it."
        )
    return "it holds NUL bytes (binary data)."


def _line_by_line(raw: bytes, name: str) -> DecodedText:
    lines: list[str] = []
    odd: list[tuple[int, bytes]] = []  # (line number, bytes) of the lines that are not UTF-8
    utf8_letters = False  # a line with non-ASCII UTF-8 in it: the file is UTF-8 at heart
    for number, line in enumerate(raw.splitlines(keepends=True), start=1):
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            odd.append((number, line))
            lines.append("")  # filled in below, once the whole file has been judged
            continue
        utf8_letters = utf8_letters or not line.isascii()
        lines.append(text)
    if not odd:
        return DecodedText("".join(lines), "UTF-8")
    _refuse_mac_roman(odd, name)
    for number, line in odd:
        try:
            lines[number - 1] = line.decode("cp1252")
        except UnicodeDecodeError:
            raise BadInputError(
                f"“{name}”: line {number} is neither UTF-8 nor Windows-1252 text, so Transkript cannot "
                "tell which letters it holds. Save the file again as UTF-8 text and import it."
            ) from None
    numbers = [number for number, _ in odd]
    encoding = "UTF-8 and Windows-1252" if utf8_letters else "Windows-1252"
    return DecodedText("".join(lines), encoding, numbers, [_cp1252_notice(name, numbers, utf8_letters)])


def _cp1252_notice(name: str, numbers: list[int], mixed: bool) -> str:
    shown = ", ".join(str(n) for n in numbers[:MAX_NAMED_LINES])
    if len(numbers) > MAX_NAMED_LINES:
        shown += f" and {len(numbers) - MAX_NAMED_LINES} more"
    lines = f"line {shown}" if len(numbers) == 1 else f"lines {shown}"
    if mixed:
        return (
            f"“{name}”: {lines} {'is' if len(numbers) == 1 else 'are'} not UTF-8 like the rest of the file; "
            "read as Windows-1252 (cp1252). Check æ, ø and å there: text pasted from another program "
            "often brings its own encoding."
        )
    return (
        f"“{name}” is not UTF-8; read as Windows-1252 (cp1252), the encoding of text saved on Danish "
        f"Windows ({lines})."
    )


def _refuse_mac_roman(odd: list[tuple[int, bytes]], name: str) -> None:
    """Refuse text whose odd bytes make Danish letters and punctuation in Mac Roman, not in Windows-1252."""
    windows = sum(_danish_bytes(line, "cp1252") for _, line in odd)
    mac = sum(_danish_bytes(line, "mac_roman") for _, line in odd)
    if mac > windows:
        first = odd[0][0]
        raise BadInputError(
            f"“{name}” (from line {first}) looks like Mac Roman text, an old Mac encoding, not UTF-8 or "
            "Windows-1252; guessing would garble æ, ø and å. Save it again as UTF-8 text and import it."
        )


# What the non-ASCII bytes of a Danish text are: its letters, and Word's typographic punctuation. Read
# in the wrong one of the two encodings, nearly every such byte becomes something else ("¿", "Œ", "ì").
_DANISH = frozenset("æøåÆØÅéÉüÜ“”„‘’‚–—…•«»€§°½×")


def _danish_bytes(line: bytes, codec: str) -> int:
    """How many of the line's non-ASCII bytes read, in ``codec``, as Danish letters or punctuation."""
    text = line.decode(codec, errors="replace")  # one character per byte in both codecs
    return sum(1 for byte, char in zip(line, text, strict=True) if byte >= 0x80 and char in _DANISH)
