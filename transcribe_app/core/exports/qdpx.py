"""A REFI-QDA project (``.qdpx``): the interviews of a study for NVivo, MAXQDA, ATLAS.ti and QualCoder.

A ``.qdpx`` is a zip holding ``project.qde`` — XML valid against the REFI-QDA Project schema
(QDA-XML 1.0, ``urn:QDA-XML:project:1.0``; ``tests/data/refi/Project-mrt2019.xsd``) — and a
``Sources/`` folder with the files it points at as ``internal://NAME``. What goes in:

* each interview as an ``AudioSource`` with its recording in ``Sources/`` and one ``Transcript``: the
  numbered appendix as plain text, with ``SyncPoint``s that tie its lines to the recording
  (``qdpx_text``); an interview without its recording is a ``TextSource`` with the same text;
* the informants and interviewers as ``Case``s, with their roster facts as ``Variable``s (code, role,
  kind of interview, date, position, area) and a reference to each interview they are in;
* the quote basket as codes: a code "Citatkurv" with one code per quote under it (named by its
  citation), each quote a selection of its lines coded with it;
* one user (who made the export) as the creator of everything, with the dates the project records.

Every GUID is derived (``uuid5``) from what it stands for — the recording's hash, a person's role
and code, a quote's lines — never from a real name, so a re-export gives the same GUIDs and a GUID
cannot be tested against a list of names. Files in ``Sources/`` are named by GUID, never by title.

``build_package`` makes the package in memory but for the recordings (paths, streamed into the zip
when it is written); ``QdpxPackage.text`` is everything a reader of it can see, for the leak gate.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET  # builds and escapes only: nothing is parsed here
import zipfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import BinaryIO

from .document import ExportDocument
from .printable import printable
from .qdpx_text import PlacedQuote, SyncPoint, place_quotes, sync_points, transcript_text

NAMESPACE = "urn:QDA-XML:project:1.0"
ET.register_namespace("", NAMESPACE)  # the default namespace, as the standard's examples write it
PROJECT_FILE = "project.qde"
SOURCES = "Sources"
# GUIDs are uuid5 in this namespace: the same thing gets the same GUID in every export.
_GUIDS = uuid.uuid5(uuid.NAMESPACE_URL, "https://transkript.invalid/refi-qda")
BASKET_CODE = "Citatkurv"
_YES = "true"
BASKET_DESCRIPTION = (
    "Citaterne i Transkripts citatkurv: hvert citat er en kode under denne, navngivet efter sin "
    "henvisning (kode: linjer i bilaget)."
)
_KIND_NAMES = {"elite": "eliteinterview", "focus_group": "fokusgruppe"}
_ROLE_NAMES = {"informant": "informant", "interviewer": "interviewer"}
# Characters a file name may not hold on Windows, macOS or Linux (QualCoder names files by source name).
_NOT_IN_FILE_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


@dataclass
class Interview:
    """One interview of the package: its document (after the hook), its recording, its identity."""

    document: ExportDocument
    identity: str  # what its GUIDs are made from: the recording's hash, else its appendix facts
    recording: Path | None = None  # packed into Sources/; None: a TextSource
    created: str | None = None  # ISO times from the project (transcribed; last edited)
    modified: str | None = None


@dataclass
class Person:
    """A case: an informant or interviewer, with what the roster and the interviews say of them."""

    identity: str  # role and code (or the label), never the name
    name: str  # as the package shows it: the code when pseudonymised
    code: str
    role: str
    position: str = ""
    area: str = ""
    kinds: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    interviews: list[str] = field(default_factory=list)  # identities of the interviews they are in


@dataclass
class QdpxPackage:
    """The package ready to write: ``project.qde``, the transcripts, the recordings to copy in."""

    qde: bytes
    texts: dict[str, str]  # Sources/NAME → the text
    recordings: dict[str, Path]  # Sources/NAME → the recording on disk
    text: str  # what a reader can see: the XML's words, the transcripts, every member's name
    quotes_left_out: list[tuple[str, str]] = field(default_factory=list)  # (interview, citation)

    def members(self) -> list[str]:
        return [PROJECT_FILE, *self.texts, *self.recordings]

    def write(self, handle: BinaryIO) -> None:
        """The zip into an open file: XML and text compressed, recordings stored as they are."""
        with zipfile.ZipFile(handle, "w", allowZip64=True) as archive:
            archive.writestr(PROJECT_FILE, self.qde, compress_type=zipfile.ZIP_DEFLATED)
            for name, text in self.texts.items():
                archive.writestr(name, text.encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED)
            for name, path in self.recordings.items():
                archive.write(path, name, compress_type=zipfile.ZIP_STORED)


def guid(*parts: object) -> str:
    """The GUID of what ``parts`` name (always the same for the same parts)."""
    return str(uuid.uuid5(_GUIDS, "\x1f".join(str(part) for part in parts)))


def build_package(
    interviews: list[Interview], people: list[Person], *, title: str, user: str, exported: datetime
) -> QdpxPackage:
    """The REFI-QDA package of ``interviews`` and ``people`` (see the module)."""
    user_guid = guid("user", user)
    stamp = _datetime(exported.isoformat()) or ""
    root = _element("Project", name=printable(title) or "Transkript", origin="Transkript",
                    creatingUserGUID=user_guid, creationDateTime=stamp, modifyingUserGUID=user_guid,
                    modifiedDateTime=stamp)  # fmt: skip
    users = _child(root, "Users")
    _child(users, "User", guid=user_guid, name=printable(user), id=printable(user))
    placed = {item.identity: place_quotes(item.document) for item in interviews}
    codebook = _codebook(root, interviews, placed)
    if people:
        _cases(root, people, _variables(root, people))
    texts: dict[str, str] = {}
    recordings: dict[str, Path] = {}
    sources = _child(root, "Sources")
    for item in interviews:
        _source(sources, item, placed[item.identity][0], codebook, (user_guid, stamp), texts, recordings)
    if not len(codebook["codes"]):  # no quote in any basket: the schema wants no empty code book
        root.remove(codebook["book"])
    qde = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    left_out = [(item.document.heading, quote.shown_citation)
                for item in interviews for quote in placed[item.identity][1]]  # fmt: skip
    readable = _readable(root, texts, [PROJECT_FILE, *texts, *recordings])
    return QdpxPackage(qde, texts, recordings, readable, left_out)


# -- the parts of project.qde ------------------------------------------------------------------


def _codebook(root: ET.Element, interviews: list[Interview], placed) -> dict:
    """The basket's code and one code per quote under it (named by its citation)."""
    book = _child(root, "CodeBook")
    codes = _child(book, "Codes")
    quote_codes: dict[tuple[str, int], str] = {}
    basket = None
    for item in interviews:
        keys = _quote_keys(item.document.project.quotes)
        for quote in item.document.project.quotes:
            if not any(p.quote is quote for p in placed[item.identity][0]):
                continue
            if basket is None:
                basket = _child(codes, "Code", guid=guid("code", "basket"), name=BASKET_CODE, isCodable=_YES)
                _text(basket, "Description", BASKET_DESCRIPTION)
            code_guid = guid("code", item.identity, keys[id(quote)])
            name = printable(quote.shown_citation)
            code = _child(basket, "Code", guid=code_guid, name=name, isCodable=_YES)
            if quote.text:
                _text(code, "Description", printable(quote.text))
            quote_codes[(item.identity, id(quote))] = code_guid
    return {"book": book, "codes": codes, "quote_codes": quote_codes}


_VARIABLES = (
    ("Kode", "Text"),
    ("Rolle", "Text"),
    ("Interviewform", "Text"),
    ("Interviewdato", "Date"),
    ("Stilling", "Text"),
    ("Område", "Text"),
)


def _variables(root: ET.Element, people: list[Person]) -> dict[str, str]:
    variables = _child(root, "Variables")
    guids = {}
    for name, kind in _VARIABLES:
        guids[name] = guid("variable", name)
        _child(variables, "Variable", guid=guids[name], name=name, typeOfVariable=kind)
    return guids


def _cases(root: ET.Element, people: list[Person], variables: dict[str, str]) -> None:
    cases = _child(root, "Cases")
    for person in people:
        case = _child(cases, "Case", guid=guid("case", person.identity), name=printable(person.name))
        values = {
            "Kode": person.code,
            "Rolle": _ROLE_NAMES.get(person.role, person.role),
            "Interviewform": ", ".join(dict.fromkeys(_KIND_NAMES.get(k, k) for k in person.kinds)),
            "Interviewdato": min((d for d in person.dates if _date(d)), default=""),
            "Stilling": person.position,
            "Område": person.area,
        }
        for name, kind in _VARIABLES:
            value = printable(values[name])
            if not value:
                continue
            entry = _child(case, "VariableValue")
            _child(entry, "VariableRef", targetGUID=variables[name])
            _text(entry, "DateValue" if kind == "Date" else "TextValue", value)
        for identity in dict.fromkeys(person.interviews):
            _child(case, "SourceRef", targetGUID=guid("source", identity))


def _source(sources, item: Interview, placed: list[PlacedQuote], codebook, made, texts, recordings):
    """The interview as a TextSource, or an AudioSource with its Transcript; ``made``: (user, export time)."""
    user, exported = made
    document = item.document
    text = transcript_text(document)
    name = _file_name(document.heading)
    dates = _dates(item, user, exported)
    source_guid = guid("source", item.identity)
    text_name = f"{guid('text', item.identity)}.txt"
    texts[f"{SOURCES}/{text_name}"] = text.text
    if item.recording is None:
        source = _child(sources, "TextSource", guid=source_guid, name=name,
                        plainTextPath=f"internal://{text_name}", **dates)  # fmt: skip
        for piece in placed:
            number = _piece_key(item, piece)
            start, end = text.span(piece.first, piece.last)
            selection = _child(source, "PlainTextSelection", guid=guid("selection", item.identity, number),
                               name=printable(piece.quote.shown_citation), startPosition=str(start),
                               endPosition=str(end), **_quote_dates(piece, user))  # fmt: skip
            _coding(selection, codebook, item, piece, number, user)
        return
    recording_name = f"{guid('recording', item.identity)}{item.recording.suffix.lower()}"
    recordings[f"{SOURCES}/{recording_name}"] = item.recording
    source = _child(sources, "AudioSource", guid=source_guid, name=f"{name}{item.recording.suffix.lower()}",
                    path=f"internal://{recording_name}", **dates)  # fmt: skip
    transcript = _child(source, "Transcript", guid=guid("transcript", item.identity), name=f"{name}.txt",
                        plainTextPath=f"internal://{text_name}", **dates)  # fmt: skip
    points = sync_points(document, text)
    point_guids = _sync(transcript, item, points)
    for piece in placed:
        number = _piece_key(item, piece)
        start, end = text.span(piece.first, piece.last)
        from_guid = point_guids[start]
        to_guid = point_guids[_after(points, end)]
        selection = _child(transcript, "TranscriptSelection", guid=guid("selection", item.identity, number),
                           name=printable(piece.quote.shown_citation), fromSyncPoint=from_guid,
                           toSyncPoint=to_guid, **_quote_dates(piece, user))  # fmt: skip
        _coding(selection, codebook, item, piece, number, user)


def _sync(transcript: ET.Element, item: Interview, points: list[SyncPoint]) -> dict[int, str]:
    guids = {}
    for point in points:
        attributes = {"guid": guid("sync", item.identity, point.position), "position": str(point.position)}
        if point.time_ms is not None:
            attributes["timeStamp"] = str(point.time_ms)
        _child(transcript, "SyncPoint", **attributes)
        guids[point.position] = attributes["guid"]
    return guids


def _after(points: list[SyncPoint], end: int) -> int:
    """The first sync point at or after ``end`` (a line's end: the next line's start, or the text's end)."""
    return next(point.position for point in points if point.position >= end)


def _quote_keys(quotes) -> dict[int, str]:
    """A key for each quote that stays when others are added to or taken from the basket: its lines
    and when it was added (a second, identical quote gets a number)."""
    keys, seen = {}, Counter()
    for quote in quotes:
        key = f"{quote.lines}|{quote.added}"
        seen[key] += 1
        keys[id(quote)] = key if seen[key] == 1 else f"{key}|{seen[key]}"
    return keys


def _piece_key(item: Interview, piece: PlacedQuote) -> str:
    """One range of one quote: its selection's and coding's GUIDs are made from this."""
    key = _quote_keys(item.document.project.quotes)[id(piece.quote)]
    return f"{key}|{piece.first}-{piece.last}"


def _coding(selection: ET.Element, codebook, item: Interview, piece: PlacedQuote, number: str, user: str):
    code_guid = codebook["quote_codes"][(item.identity, id(piece.quote))]
    coding = _child(selection, "Coding", guid=guid("coding", item.identity, number), creatingUser=user,
                    **({"creationDateTime": d} if (d := _datetime(piece.quote.added)) else {}))  # fmt: skip
    _child(coding, "CodeRef", targetGUID=code_guid)


def _dates(item: Interview, user: str, exported: str) -> dict[str, str]:
    """Who made the source and when: as the project records it; a transcript with no recorded time (a
    typed one) was last modified by this export (programs such as QualCoder need a date)."""
    dates = {"creatingUser": user, "modifyingUser": user}
    created = _datetime(item.created)
    modified = _datetime(item.modified) or created or exported
    if created:
        dates["creationDateTime"] = created
    if modified:
        dates["modifiedDateTime"] = modified
    return dates


def _quote_dates(piece: PlacedQuote, user: str) -> dict[str, str]:
    added = _datetime(piece.quote.added)
    return {"creatingUser": user, **({"creationDateTime": added} if added else {})}


# -- small helpers ------------------------------------------------------------------------------


def _tag(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def _element(tag: str, /, **attributes: str) -> ET.Element:
    return ET.Element(_tag(tag), {key: value for key, value in attributes.items() if value})


def _child(parent: ET.Element, tag: str, /, **attributes: str) -> ET.Element:
    return ET.SubElement(parent, _tag(tag), {key: value for key, value in attributes.items() if value})


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = _child(parent, tag)
    element.text = text
    return element


def _file_name(heading: str) -> str:
    """The interview's name as programs that name files by it can use it: "Bilag 1 - Interview med VJ"."""
    name = " ".join(_NOT_IN_FILE_NAMES.sub(" - ", printable(heading)).split()).strip(" .-")
    return name[:120] or "Interview"


def _datetime(value: str | None) -> str | None:
    """An ISO time as xsd:dateTime in UTC (``2026-03-02T09:00:00Z``); None when there is none."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


_NOT_READ = frozenset(("guid", "targetGUID", "creatingUserGUID", "modifyingUserGUID", "creatingUser",
                       "modifyingUser", "fromSyncPoint", "toSyncPoint", "position", "timeStamp",
                       "startPosition", "endPosition", "creationDateTime", "modifiedDateTime"))  # fmt: skip


def _readable(root: ET.Element, texts: dict[str, str], members: Iterable[str]) -> str:
    """Every word of the package a reader can see: the XML's texts and names, the transcripts, the
    members' names (GUIDs, positions and times carry no words and are left out)."""
    words = []
    for element in root.iter():
        words += [value for key, value in element.attrib.items() if key not in _NOT_READ]
        if element.text and element.text.strip():
            words.append(element.text)
    return "\n".join([*words, *texts.values(), *(f"file name: {m}" for m in members)]) + "\n"
