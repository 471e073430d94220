"""The roster: who speaks or is named in an interview, and the informant codes exports show for them.

Researchers keep their informants in a spreadsheet (name, code, role, other
names the talk uses for them). This module reads such a roster from CSV — as
Excel writes it in Danish and English locales — or JSON, suggests informant
codes from initials (Vibeke Jensen → VJ), merges the roster into a project
without losing the speaker labels diarisation found, and produces the plain
rows of the thesis tables: the informant table and the appendix overview.

Every problem in a roster file is reported as a ``BadInputError`` that names
the line (as a spreadsheet numbers its rows) or the JSON entry, so the
researcher can find and fix it; a roster with an error changes nothing.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from ..errors import BadInputError
from ..text_form import normalise, normalise_roster_entry, removed_notice
from .file import atomic_write_text
from .record import PROJECT_SUFFIX, ROLES, Project, RosterEntry

log = logging.getLogger(__name__)

# The columns (CSV) and keys (JSON) of a roster file, in the order write_roster writes them.
COLUMNS = ("name", "code", "role", "aliases", "label", "position", "area", "addressed_by_first_name")
FLAG = "addressed_by_first_name"  # yes/no: a lone first name in the talk is this person (detection.py)
_YES, _NO = {"yes", "y", "ja", "j", "x", "true", "1"}, {"", "no", "n", "nej", "false", "0"}

# Header words a researcher may type, Danish or English, for each column.
_COLUMN_WORDS = {
    "name": "name",
    "navn": "name",
    "code": "code",
    "kode": "code",
    "informant code": "code",
    "informantkode": "code",
    "role": "role",
    "rolle": "role",
    "aliases": "aliases",
    "alias": "aliases",
    "aliaser": "aliases",
    "label": "label",
    "speaker": "label",
    "speaker label": "label",
    "taler": "label",
    "position": "position",
    "stilling": "position",
    "area": "area",
    "område": "area",
    "addressed_by_first_name": FLAG,
    "addressed by first name": FLAG,
    "first name": FLAG,
    "tiltales ved fornavn": FLAG,
    "fornavn": FLAG,
}

# Role words, Danish and English; the roster's role is always one of ROLES.
_ROLE_WORDS = {
    word: role
    for role, words in (
        ("informant", "informant informanten interviewee interviewperson deltager participant"),
        ("interviewer", "interviewer intervieweer intervieweren moderator moderatoren"),
        (
            "organisation",
            "organisation organization organisationen municipality kommune kommunen region regionen",
        ),
        ("other", "other andet anden andre øvrig øvrige"),
    )
    for word in words.split()
}

_ROSTER_SUFFIXES = {".csv": "csv", ".tsv": "csv", ".json": "json"}
_DELIMITERS = (",", ";", "\t")
# A code is cited as "(VJ: 79-80; HEK: 12)", so it may not contain what separates citations.
_CODE_BREAKERS = re.compile(r"[\s:;,()\[\]\"]")
# UTF-8 æ ø å Æ Ø Å read as Windows-1252: the mark of a file that mixes both encodings.
_MOJIBAKE = re.compile("Ã[¦¸¥†˜…]")
_FIX_HINT = "type another code in the roster if you prefer"


@dataclass(frozen=True)
class InformantRow:
    """One row of the thesis's informant table."""

    name: str
    position: str
    area: str
    code: str


@dataclass(frozen=True)
class AppendixRow:
    """One row of the appendix overview: which appendix ("Bilag N") holds whose interview."""

    code: str
    appendix: int | None
    title: str


# -- informant codes --------------------------------------------------------------


def suggest_code(name: str, role: str = "informant", *, kind: str = "elite") -> str:
    """The code a person or organisation gets unless the researcher types one.

    Persons get their initials, one letter for each part of the name, hyphenated
    parts included: Mette Skou Seiersen → MSS, Anne-Mette Kragh → AMK, Øjvind
    Ærø → ØÆ. Organisations get the initials of their words (Silkeborg Kommune
    → SK); their codes are usually typed by the researcher (HEK), and a typed
    code always wins. The interviewer is "I" — in a focus group the moderator,
    "M" — as in the thesis convention. An empty name gives "".
    """
    if role == "interviewer":
        return "M" if kind == "focus_group" else "I"
    return "".join(_initial(part) for part in _name_parts(name))


def assign_codes(entries: list[RosterEntry], *, kind: str = "elite") -> list[str]:
    """Give every named entry without a code its suggested code, unique within ``entries``.

    Codes already present are never changed: they are the researcher's. When a
    suggestion is taken, a person gets a number (BL2) and an organisation a
    longer code (Herning Kommune and Holstebro Kommune → HEK and HOK, the
    convention of the thesis); each such change is returned as a warning.
    """
    taken = {entry.code.casefold(): entry for entry in entries if entry.code}
    pending = [
        entry for entry in entries if not entry.code and suggest_code(entry.name, entry.role, kind=kind)
    ]
    organisation_initials = Counter(
        suggest_code(e.name, e.role).casefold() for e in pending if e.role == "organisation"
    )
    warnings = []
    for entry in pending:
        code = suggest_code(entry.name, entry.role, kind=kind)
        shared = organisation_initials[code.casefold()] > 1 or code.casefold() in taken
        if entry.role == "organisation" and shared:
            longer = _longer_organisation_code(entry.name)
            if longer.casefold() not in taken:
                warnings.append(_organisation_warning(entry, code, longer, pending, taken))
                code = longer
        holder = taken.get(code.casefold())
        if holder is not None:
            unique = _numbered(code, taken)
            warnings.append(_clash_warning(entry, code, unique, holder, kind))
            code = unique
        entry.code = code
        taken[code.casefold()] = entry
    return warnings


def _name_parts(name: str) -> list[str]:
    # "Anne-Mette" and "H.C." give a letter per part, as people write their initials.
    return [part for part in re.split(r"[\s\-‐–.]+", name) if any(ch.isalpha() for ch in part)]


def _initial(part: str) -> str:
    return next(ch for ch in part if ch.isalpha()).upper()


def _longer_organisation_code(name: str) -> str:
    parts = _name_parts(name)
    letters = [ch for ch in parts[0] if ch.isalpha()]
    return "".join(letters[:2]).upper() + "".join(_initial(part) for part in parts[1:])


def _organisation_warning(
    entry: RosterEntry, code: str, longer: str, pending: list[RosterEntry], taken: dict[str, RosterEntry]
) -> str:
    if code.casefold() in taken:
        other = describe_entry(taken[code.casefold()])
    else:
        other = next(e.name for e in pending if e is not entry and suggest_code(e.name, e.role) == code)
    return f"{entry.name} and {other} both have the initials {code}: {entry.name} got {longer} — {_FIX_HINT}."


def _numbered(code: str, taken: dict[str, RosterEntry]) -> str:
    number = 2
    while f"{code}{number}".casefold() in taken:
        number += 1
    return f"{code}{number}"


def _clash_warning(entry: RosterEntry, code: str, unique: str, holder: RosterEntry, kind: str) -> str:
    what = f"the interviewer code {code}" if entry.role == "interviewer" else f"the initials {code}"
    who = describe_entry(entry)
    # "Both have the initials BL" only when it is true: not for an interviewer's I and an Ida's I.
    same = (
        holder.name
        and (holder.role == "interviewer") == (entry.role == "interviewer")
        and suggest_code(holder.name, holder.role, kind=kind).casefold() == code.casefold()
    )
    if same:
        return f"{holder.name} and {who} both have {what}: {who} got {unique} — {_FIX_HINT}."
    holder_is = f"which is already the code of {describe_entry(holder)}"
    return f"{who} has {what}, {holder_is}: {who} got {unique} — {_FIX_HINT}."


def describe_entry(entry: RosterEntry) -> str:
    """How a message names a roster entry: the name, else the speaker label, else role and code."""
    if entry.name:
        return entry.name
    if entry.label:
        return f"speaker {entry.label}"
    return f"the {entry.role} coded {entry.code or '(no code)'}"


def role_from_word(word: str) -> str | None:
    """The roster role for a typed role word (Danish or English, any case); None if unknown.

    An empty word means "informant": most rows of a roster are informants.
    """
    word = " ".join(word.split()).casefold()
    return "informant" if not word else _ROLE_WORDS.get(word)


# -- reading ------------------------------------------------------------------------


def read_roster(
    path: str | os.PathLike[str], *, on_notice: Callable[[str], None] | None = None
) -> list[RosterEntry]:
    """Read a roster from a ``.csv`` (or ``.tsv``) or ``.json`` file.

    CSV: a header row with at least ``name``; optional ``code``, ``role``,
    ``aliases``, ``label``, ``position``, ``area`` (Danish headers such as navn,
    kode, rolle work too). Commas, semicolons (Excel in Danish) or tabs separate
    the cells; the file may be UTF-8, with or without BOM, or Windows-1252.
    Aliases are separated by ";" or "|". An empty role means informant. Blank
    rows are skipped. A row may leave the name empty only if it has a speaker
    label (a voice that is not named yet).

    JSON: a list of objects with the same keys, or ``{"roster": [...]}``;
    aliases may be a list or a ";"-separated string.

    Codes left empty stay empty here: merge_roster (or assign_codes) suggests
    them, so that a suggestion can take the rest of the roster into account.
    Names come out in one written form (``text_form``: NFC, no invisible characters), the
    form the transcript's text has; ``on_notice`` hears how many characters that removed.
    Raises BadInputError, naming the line or entry, for anything it cannot use.
    """
    path = Path(path)
    form = _ROSTER_SUFFIXES.get(path.suffix.lower())
    if form is None:
        raise BadInputError(
            f"“{path.name}” is not a roster file Transkript can read: use a .csv file "
            f"(saved from a spreadsheet) or a .json file."
        )
    normalised = normalise(_read_text(path))
    text, removed = normalised.text, normalised.removed
    rows = _csv_rows(text, path.name) if form == "csv" else _json_rows(text, path.name)
    entries = [_entry(where, values, path.name) for where, values in rows]
    removed += sum(normalise_roster_entry(entry) for entry in entries)  # JSON may spell them as \u00ad
    if removed:
        (on_notice or log.warning)(removed_notice(removed, f"the roster “{path.name}”"))
    _check_unique(entries, [where for where, _ in rows], path.name)
    return entries


def _read_text(path: Path) -> str:
    if not path.is_file():
        raise BadInputError(f"The roster file “{path}” does not exist.")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadInputError(f"The roster file “{path}” cannot be read: {exc.strerror}.") from exc
    if data.startswith(b"PK\x03\x04"):
        raise BadInputError(
            f"“{path.name}” is an Excel workbook, not a CSV file. In Excel choose "
            f"File → Save As → “CSV UTF-8” and import that file."
        )
    text = _decode(data, path.name)
    if not text.lstrip("\ufeff").strip():
        raise BadInputError(f"The roster file “{path.name}” is empty.")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise BadInputError(f"{path.name}, line {line}: this is not a text file (it holds a NUL character).")
    return text


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise BadInputError(f"{name} is damaged: it is not readable as UTF-16 text.") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("cp1252")  # Excel's "CSV (semikolonsepareret)" on Danish Windows
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            raise BadInputError(
                f"{name}, line {line}: some characters are neither UTF-8 nor Windows (cp1252) text. "
                f"Save the file again as “CSV UTF-8”."
            ) from exc
        if _MOJIBAKE.search(text):
            line = data.count(b"\n", 0, utf8_error.start) + 1
            raise BadInputError(
                f"{name}, line {line}: the file mixes two text encodings (UTF-8 and Windows), so "
                f"æ, ø and å cannot be read reliably. Save the file again as “CSV UTF-8”."
            ) from utf8_error
        return text


def _csv_rows(text: str, name: str) -> list[tuple[str, dict[str, Any]]]:
    records = _csv_records(text, _sniff_delimiter(text, name), name)
    header_at = next(i for i, record in enumerate(records) if any(cell.strip() for cell in record))
    columns = _columns(records[header_at], header_at + 1, name)
    rows = []
    for index in range(header_at + 1, len(records)):
        record, where = records[index], f"line {index + 1}"
        if not any(cell.strip() for cell in record):
            continue  # spreadsheets leave blank rows; they say nothing
        if len(record) > len(columns) and any(cell.strip() for cell in record[len(columns) :]):
            raise BadInputError(
                f"{name}, {where}: this row has {len(record)} cells but the header has {len(columns)} "
                f"columns. A comma (or semicolon) inside a name or alias needs quotes around the cell."
            )
        values = {column: cell for column, cell in zip(columns, record, strict=False) if column is not None}
        rows.append((where, values))
    return rows


def _sniff_delimiter(text: str, name: str) -> str:
    # The header tells: the delimiter that splits it into known column names is the file's.
    first = next(line for line in text.lstrip("\ufeff").splitlines() if line.strip())
    best, best_known = None, 0
    for delimiter in _DELIMITERS:
        try:
            cells = next(csv.reader([first], delimiter=delimiter, strict=True))
        except csv.Error:
            continue
        words = [_header_word(cell) for cell in cells]
        known = sum(word in _COLUMN_WORDS for word in words)
        if "name" in {_COLUMN_WORDS.get(word) for word in words} and known > best_known:
            best, best_known = delimiter, known
    if best is None:
        line = text.lstrip("\ufeff").splitlines().index(first) + 1
        raise BadInputError(
            f"{name}, line {line}: there is no “name” column. The first row must name the columns, "
            f"for example: name,code,role,aliases"
        )
    return best


def _csv_records(text: str, delimiter: str, name: str) -> list[list[str]]:
    """Every row of the file; a quoted cell may span lines, as in a spreadsheet."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter, strict=True)
    records: list[list[str]] = []
    while True:
        try:
            records.append(next(reader))
        except StopIteration:
            return records
        except csv.Error as exc:
            raise BadInputError(
                f"{name}, line {len(records) + 1}: a quotation mark is not closed or stands in the "
                f'wrong place ({exc}). Put quotes around the whole cell, e.g. "Jensen, Vibeke".'
            ) from exc


def _header_word(cell: str) -> str:
    return " ".join(cell.replace("\ufeff", "").split()).casefold()


def _columns(header: list[str], line: int, name: str) -> list[str | None]:
    columns: list[str | None] = []
    for cell in header:
        word = _header_word(cell)
        if not word:
            columns.append(None)  # an unnamed column (Excel adds them) must stay empty
            continue
        column = _COLUMN_WORDS.get(word)
        if column is None:
            raise BadInputError(
                f"{name}, line {line}: the column “{cell.strip()}” is unknown. "
                f"Columns Transkript reads: {', '.join(COLUMNS)}."
            )
        if column in columns:
            raise BadInputError(f"{name}, line {line}: the column “{column}” appears twice.")
        columns.append(column)
    return columns


def _json_rows(text: str, name: str) -> list[tuple[str, dict[str, Any]]]:
    try:
        data = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        raise BadInputError(
            f"{name} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}."
        ) from exc
    except (
        ValueError,
        RecursionError,
    ):  # a number of thousands of digits; nesting deeper than Python's parser
        raise BadInputError(
            f"{name} is not a roster: it is nested far too deep, or holds absurd numbers."
        ) from None
    if isinstance(data, dict) and set(data) == {"roster"}:
        data = data["roster"]
    if not isinstance(data, list):
        raise BadInputError(f'{name} must hold a list of people, or {{"roster": [...]}} with such a list.')
    rows = []
    for number, item in enumerate(data, start=1):
        where = f"entry {number}"
        if not isinstance(item, dict):
            raise BadInputError(
                f'{name}, {where}: expected an object such as {{"name": "Vibeke Jensen", "code": "VJ"}}.'
            )
        values: dict[str, Any] = {}
        for key, value in item.items():
            column = _COLUMN_WORDS.get(_header_word(str(key)))
            if column is None:
                raise BadInputError(
                    f"{name}, {where}: the key “{key}” is unknown. "
                    f"Keys Transkript reads: {', '.join(COLUMNS)}."
                )
            if column in values:
                raise BadInputError(f"{name}, {where}: “{column}” is given twice.")
            values[column] = _json_value(value, column, f"{name}, {where}")
        rows.append((where, values))
    return rows


def _json_value(value: Any, column: str, where: str) -> str | list[str]:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if column == "aliases" and isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    if column == FLAG and isinstance(value, bool):
        return "yes" if value else "no"
    kind = {"aliases": "text or a list of texts", FLAG: "true or false"}.get(column, "text")
    raise BadInputError(f"{where}: “{column}” must be {kind}, not {json.dumps(value, ensure_ascii=False)}.")


def _entry(where: str, values: dict[str, Any], name: str) -> RosterEntry:
    """One roster entry from a row's cells, or a BadInputError that names the row."""
    text = {
        column: " ".join(str(values.get(column) or "").split()) for column in COLUMNS if column != "aliases"
    }
    flag = text[FLAG].casefold()
    if flag not in _YES | _NO:
        raise BadInputError(
            f"{name}, {where}: “{text[FLAG]}” under {FLAG} is neither yes nor no. Write yes (ja) when the "
            f"talk calls this person by their first name, or leave it empty."
        )
    if not text["name"] and not text["label"]:
        raise BadInputError(
            f"{name}, {where}: the name is empty. Every row needs the person's or organisation's name "
            f"(or a speaker label, for a voice that is not named yet)."
        )
    role = role_from_word(text["role"])
    if role is None:
        raise BadInputError(
            f"{name}, {where}: the role “{text['role']}” is unknown. Use informant, interviewer, "
            f"organisation or other (Danish words such as kommune or andet work too)."
        )
    if _CODE_BREAKERS.search(text["code"]):
        raise BadInputError(
            f"{name}, {where}: the code “{text['code']}” cannot be cited; a code may not contain spaces "
            f'or any of : ; , ( ) [ ] ".'
        )
    return RosterEntry(
        label=text["label"],
        name=text["name"],
        code=text["code"],
        role=role,
        aliases=_aliases(values.get("aliases")),
        position=text["position"],
        area=text["area"],
        addressed_by_first_name=flag in _YES,
    )


def _aliases(value: str | list[str] | None) -> list[str]:
    parts = value if isinstance(value, list) else re.split(r"[;|]", value or "")
    aliases: list[str] = []
    for part in parts:
        alias = " ".join(part.split())
        if alias and alias not in aliases:
            aliases.append(alias)
    return aliases


def _check_unique(entries: list[RosterEntry], places: list[str], name: str) -> None:
    for attribute, what, why in (
        ("code", "code", "every person needs their own code"),
        ("name", "name", "each person belongs on one row; put other spellings under aliases"),
        ("label", "speaker label", "a speaker label belongs to one person"),
    ):
        seen: dict[str, tuple[str, str]] = {}
        for entry, where in zip(entries, places, strict=True):
            value = getattr(entry, attribute)
            if not value:
                continue
            if value.casefold() in seen:
                first_where, first = seen[value.casefold()]
                raise BadInputError(
                    f"{name}: {first_where} and {where} both have the {what} {_quoted(first, value)}; {why}."
                )
            seen[value.casefold()] = where, value


def _quoted(first: str, second: str) -> str:
    # Codes are compared ignoring case (VJ and vj look like one informant in a thesis): show both.
    return f"“{first}”" if first == second else f"“{first}” (and “{second}”)"


# -- writing ------------------------------------------------------------------------


def check_roster_output(path: str | os.PathLike[str]) -> str:
    """The form (``csv`` or ``json``) a roster written to ``path`` takes, or a sentence why it cannot be."""
    path = Path(path)
    form = _ROSTER_SUFFIXES.get(path.suffix.lower())
    if form is None:
        raise BadInputError(f"“{path.name}”: a roster can be written as a .csv or a .json file.")
    if path.name.endswith(PROJECT_SUFFIX):
        # A slip of the tab key must not replace an interview with its roster.
        raise BadInputError(f"“{path.name}” is a project file; write the roster to another file.")
    return form


def write_roster(entries: Iterable[RosterEntry], path: str | os.PathLike[str]) -> None:
    """Write a roster as ``.csv`` or ``.json`` (by the suffix), all at once; read_roster reads it back.

    The CSV is UTF-8 with a BOM, so that Excel shows æ, ø and å correctly.
    A roster holds real names: no ``.bak`` copy of an older file is left behind.
    """
    path = Path(path)
    form = check_roster_output(path)
    entries = list(entries)
    if form == "json":
        records = [{column: getattr(entry, column) for column in COLUMNS} for entry in entries]
        text = json.dumps({"roster": records}, ensure_ascii=False, indent=1) + "\n"
    else:
        buffer = io.StringIO()
        writer = csv.writer(
            buffer, delimiter="\t" if path.suffix.lower() == ".tsv" else ",", lineterminator="\n"
        )
        writer.writerow(COLUMNS)
        for entry in entries:
            writer.writerow(_cell(entry, column) for column in COLUMNS)
        text = "\ufeff" + buffer.getvalue()
    atomic_write_text(path, text, keep_backup=False)


def _cell(entry: RosterEntry, column: str) -> str:
    if column == "aliases":
        return "; ".join(entry.aliases)
    if column == FLAG:
        return "yes" if entry.addressed_by_first_name else ""
    return getattr(entry, column)


# -- merging into a project -------------------------------------------------------


def merge_roster(project: Project, entries: Iterable[RosterEntry]) -> list[str]:
    """Bring an imported roster into ``project``; return warnings worth showing the researcher.

    Each imported entry updates the project's entry for the same person, found
    by speaker label, then code, then name (ignoring case), then — for an entry
    without a code — the unnamed placeholder diarisation made with the code it
    would get (the interviewer "I", the informant coded with the citation code).
    The project's speaker labels are kept. Other entries are added. Filled cells
    overwrite; empty cells never erase what the project knows. Entries still
    without a code get one (assign_codes). Nothing changes if the result is not
    a valid roster (two people with one code): a BadInputError says why.
    """
    kind = project.metadata.kind
    roster = [_copy(entry) for entry in project.roster]
    matched: dict[int, RosterEntry] = {}
    added: list[RosterEntry] = []
    warnings: list[str] = []
    for imported in entries:
        index = _match(roster, imported, kind)
        if index is None:
            added.append(_copy(imported))
            continue
        if index in matched:
            raise BadInputError(
                f"The imported roster has two entries for {describe_entry(roster[index])}: "
                f"{describe_entry(matched[index])} and {describe_entry(imported)}. Keep one of them."
            )
        matched[index] = imported
        warnings += _update(roster[index], imported)
    merged = roster + added
    warnings += assign_codes(merged, kind=kind)
    validate_roster(merged, "The roster after the import")
    for original, updated in zip(project.roster, roster, strict=True):
        for field in fields(RosterEntry):
            setattr(original, field.name, getattr(updated, field.name))
    project.roster.extend(added)
    return warnings


def validate_roster(entries: list[RosterEntry], where: str = "The roster") -> None:
    """Raise BadInputError if two entries share a code or a speaker label, or a role is unknown."""
    for entry in entries:
        if entry.role not in ROLES:
            raise BadInputError(
                f"{where}: {describe_entry(entry)} has the role “{entry.role}”; "
                f"use one of {', '.join(ROLES)}."
            )
    for attribute, what in (("code", "code"), ("label", "speaker label")):
        seen: dict[str, RosterEntry] = {}
        for entry in entries:
            value = getattr(entry, attribute)
            if value and value.casefold() in seen:
                raise BadInputError(
                    f"{where}: {describe_entry(seen[value.casefold()])} and {describe_entry(entry)} "
                    f"both have the {what} {_quoted(getattr(seen[value.casefold()], attribute), value)}; "
                    f"each must be unique."
                )
            if value:
                seen[value.casefold()] = entry


def _copy(entry: RosterEntry) -> RosterEntry:
    values = {field.name: getattr(entry, field.name) for field in fields(RosterEntry)}
    values["aliases"] = list(entry.aliases)
    return RosterEntry(**values)


def _match(roster: list[RosterEntry], imported: RosterEntry, kind: str) -> int | None:
    def first(test) -> int | None:
        return next((i for i, entry in enumerate(roster) if test(entry)), None)

    def same(a: str, b: str) -> bool:
        return bool(a) and a.casefold() == b.casefold()

    for index in (
        first(lambda e: same(imported.label, e.label)),
        first(lambda e: same(imported.code, e.code)),
        first(lambda e: same(imported.name, e.name)),
    ):
        if index is not None:
            return index
    if imported.code:
        return None
    suggested = suggest_code(imported.name, imported.role, kind=kind)
    return first(lambda e: not e.name and e.role == imported.role and same(suggested, e.code))


def _update(entry: RosterEntry, imported: RosterEntry) -> list[str]:
    warnings = []
    who = describe_entry(entry)
    if imported.name and entry.name and imported.name.casefold() != entry.name.casefold():
        warnings.append(f"{who} is renamed {imported.name}, as the imported roster says.")
    if imported.role != entry.role:
        warnings.append(
            f"{imported.name or who} was {entry.role} in the project and is "
            f"now {imported.role}, as the imported roster says."
        )
    if imported.label and entry.label and imported.label != entry.label:
        warnings.append(
            f"The imported roster gives {who} the speaker label {imported.label}, but in the transcript "
            f"they are {entry.label}; {entry.label} is kept (swap speakers to change who is who)."
        )
    entry.label = entry.label or imported.label
    entry.role = imported.role
    for column in ("name", "code", "position", "area"):
        if getattr(imported, column):
            setattr(entry, column, getattr(imported, column))
    if imported.aliases:
        entry.aliases = list(imported.aliases)
    if imported.addressed_by_first_name:  # an empty cell never erases what the project knows
        entry.addressed_by_first_name = True
    return warnings


# -- thesis tables -----------------------------------------------------------------


def informant_table(entries: Iterable[RosterEntry]) -> list[InformantRow]:
    """The informant table (name, position, area, code) of the named informants, sorted by code."""
    rows = [
        InformantRow(entry.name, entry.position, entry.area, entry.code)
        for entry in entries
        if entry.role == "informant" and entry.name
    ]
    return sorted(rows, key=lambda row: _natural(row.code))


def appendix_overview(projects: Iterable[Project]) -> list[AppendixRow]:
    """Code → appendix number ("Bilag N") → title, one row per interview, by appendix number.

    The code is the one citations of the transcript use (metadata.citation_code),
    else the codes of its informants (B1, B2 in a focus group without one).
    Interviews without an appendix number come last, in the order given.
    """
    rows = []
    for project in projects:
        code = project.metadata.citation_code or ", ".join(
            sorted((e.code for e in project.roster if e.role == "informant" and e.code), key=_natural)
        )
        rows.append(AppendixRow(code, project.metadata.appendix, project.metadata.title))
    return sorted(rows, key=lambda row: (row.appendix is None, row.appendix or 0))


def _natural(code: str) -> list[Any]:
    # B2 before B10, as a reader expects.
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", code.casefold())]
