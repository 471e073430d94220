"""Indirect identifiers: the third tier, next to people and places.

"Centerchef i Center for Job og Integration i Aarhus siden 2018" names one person in Denmark without a
single name. This tier finds the words that do so — positions, workplaces and units, organisations,
ages and birth years, years and dates, small places (streets, schools, municipalities), a family
relation followed by a name — and generalises each as the researcher decides, per item or per kind:
a category label ("[leder i kommunal forvaltning]", "[40-49 år]", "[2010'erne]"), keep, or remove.

Sources: Danish lists in ``resources/pseudonymise`` (titles; workplaces and organisations: written
for Transkript, CC0; the 98 municipalities), patterns (ages, years, streets, schools, relations), the
roster's own ``position`` and ``area`` fields, and the researcher's additions. It runs after the names
are replaced, on the text an export prints, so it never sees a real name it would have to keep.

An export profile says what happens to an item nobody decided about (``PROFILES``): the thesis
appendix keeps it; the archive copy generalises every item, and a "keep" does not hold there — the
archive leaves no indirect identifier. The informant's validation copy shows the informant's own lines
as the appendix prints them and makes every other line over (``exports/validation_copy.py``).

Loads nothing heavy: plain regular expressions over small lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..errors import BadInputError
from ..resources import resource_path
from .state import IndirectDecision

POSITION, WORKPLACE, ORGANISATION, AGE, DATE, PLACE, RELATION = (
    "position", "workplace", "organisation", "age", "date", "place", "relation",
)  # fmt: skip
# Kinds of small place, each with a label of its own; stored and decided as "place".
STREET, SCHOOL, REGION = "place:street", "place:school", "place:region"
_PLACE_LABELS = {STREET: "[adresse]", SCHOOL: "[skole eller institution]", REGION: "[dansk region]"}
KINDS = (POSITION, WORKPLACE, ORGANISATION, AGE, DATE, PLACE, RELATION)
# The label an item gets when it is generalised without a label of its own (age and date compute one).
DEFAULT_LABELS = {
    POSITION: "[stilling]",
    WORKPLACE: "[arbejdsplads]",
    ORGANISATION: "[organisation]",
    AGE: "[alder]",
    DATE: "[for nogle år siden]",
    PLACE: "[sted]",
    RELATION: "[et familiemedlem]",
}
REMOVED = "[…]"
APPENDIX, VALIDATION, ARCHIVE = "appendix", "validation", "archive"
PROFILES = (APPENDIX, VALIDATION, ARCHIVE)
# What the provenance block says of each profile (Danish, as the appendix).
PROFILE_NAMES = {
    APPENDIX: "bilag (stillinger o.l. bevaret, medmindre forskeren har valgt andet)",
    VALIDATION: "valideringskopi til informanten (egne replikker som i bilaget; andres udeladt)",
    ARCHIVE: "arkivkopi (alle indirekte identifikatorer generaliseret)",
}

_W = r"[A-Za-zÆØÅæøåÉéÜüÖöÄä]"
_UPPER = r"[A-ZÆØÅÉÜÖÄ]"
_DECADES = {
    "tyverne": 20, "trediverne": 30, "fyrrerne": 40, "halvtredserne": 50,
    "tresserne": 60, "halvfjerdserne": 70, "firserne": 80, "halvfemserne": 90,
}  # fmt: skip
_RELATIONS = (
    "mand|kone|hustru|kæreste|søn|datter|bror|søster|mor|far|mormor|morfar|farmor|farfar|svigermor|"
    "svigerfar|svoger|svigerinde|onkel|moster|faster|fætter|kusine|nevø|niece|barnebarn"
)
_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    # "43 år", "43-årig", "er 43", "fylder 50": an age, when the words around say it is one.
    (AGE, re.compile(r"(?<!\d)(\d{1,3})(?:-årige?\b|\s+år\s+gammel\b)")),
    (AGE, re.compile(r"\b(?:er|var|blev)\s+(\d{1,3})\s+år\b(?!\s+(?:siden|i|på|med|til|ved|hos|som))")),
    (AGE, re.compile(r"\b(?:fylder|fyldte|fyldt)\s+(\d{1,3})\b(?![.,]\d)")),
    (AGE, re.compile(r"\bi\s+(?:start|midt|slut)?(?:en\s+af\s+)?(?:de\s+)?(" + "|".join(_DECADES) + r")\b")),
    (AGE, re.compile(r"\b[Ff]ødt\s+i\s+((?:19|20)\d{2})\b")),
    # "12. marts 2019", "i 2018", "siden 2018": a date or a year.
    (
        DATE,
        re.compile(
            r"\b\d{1,2}\.\s*(?:januar|februar|marts|april|maj|juni|juli|august|september|"
            r"oktober|november|december)(?:\s+(?:19|20)\d{2})?\b",
            re.IGNORECASE,
        ),
    ),
    (
        DATE,
        re.compile(
            r"\b(?:(?:i\s+)?(?:sommeren|vinteren|foråret|efteråret)|i|siden|fra|til|indtil|omkring|"
            r"før|efter|år)\s+((?:19|20)\d{2})\b",
            re.IGNORECASE,
        ),
    ),
    # "Søndergade 12", "Ringkøbingvej 4B": a street and number.
    (
        STREET,
        re.compile(
            r"\b" + _UPPER + _W + r"*(?:vej|gade|allé|alle|stræde|boulevard|vænge|torv|plads)"
            r"\s+\d{1,4}[A-Za-z]?\b"
        ),
    ),
    # "Rosenvængets Skole", "Viborg Katedralskole", "Aarhus Gymnasium": a named school or building.
    (
        SCHOOL,
        re.compile(
            r"\b" + _UPPER + _W + r"+s?\s+(?:Skole|Gymnasium|Hospital|Sygehus|"
            r"Friskole|Efterskole|Privatskole|Realskole|Kirke|Hallen|Huset)\b"
        ),
    ),
    (
        SCHOOL,
        re.compile(
            r"\b(?:" + _UPPER + _W + r"+\s+)?" + _UPPER + _W + r"+(?:skole|skolen|gymnasium|gymnasiet|"
            r"hospital|hospitalet|sygehus|sygehuset)\b"
        ),
    ),
    # "Center for Job og Integration", "Afdeling for Voksne": a named unit.
    (
        WORKPLACE,
        re.compile(
            r"\b(?:Center|Centret|Afdeling(?:en)?|Kontor(?:et)?|"
            r"Enhed(?:en)?|Sekretariat(?:et)?)"
            r"\s+for\s+" + _UPPER + _W + r"*(?:(?:,\s*|\s+og\s+|\s+)" + _UPPER + _W + r"*)*"
        ),
    ),
    (WORKPLACE, re.compile(r"\bJobcenter\s+" + _UPPER + _W + r"+")),
    (ORGANISATION, re.compile(r"\b" + _UPPER + _W + r"+(?:ministeriet|styrelsen|ministeriets|styrelsens)\b")),
    (REGION, re.compile(r"\bRegion\s+(?:Hovedstaden|Sjælland|Syddanmark|Midtjylland|Nordjylland)\b")),
    # "min søster Anne", "hans kone [Person 2]": a relation with a name says who.
    (
        RELATION,
        re.compile(
            r"\b(?i:min|mit|mine|hans|hendes|vores|deres|din)\s+(?:" + _RELATIONS + r")\s+"
            r"(?:" + _UPPER + _W + r"+|\[[^\]\n]+\])"
        ),
    ),
)


@dataclass(frozen=True)
class IndirectItem:
    """One indirect identifier found: the words as written, their kind, the turn and where in it."""

    text: str
    kind: str
    part: int
    start: int
    end: int
    source: str  # "titles", "workplaces", "municipalities", "roster", "added", "pattern"
    label: str  # what a generalisation puts there unless the researcher chose another label

    @property
    def key(self) -> str:
        """Items with the same key are one identifier: one decision, one label, everywhere."""
        return self.text.casefold()


@dataclass(frozen=True)
class Generalised:
    """One item as an export printed it: generalised (``replacement``), removed, or kept."""

    item: IndirectItem
    action: str  # "generalise", "remove", "keep"
    replacement: str


def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise BadInputError(f"“{kind}” is not a kind of indirect identifier; use one of {', '.join(KINDS)}.")
    return kind


def check_profile(profile: str | None) -> str | None:
    if profile is not None and profile not in PROFILES:
        raise BadInputError(f"Unknown export profile “{profile}”; use one of {', '.join(PROFILES)}.")
    return profile


# -- the lists ---------------------------------------------------------------------------------------


def _rows(name: str) -> list[list[str]]:
    text = resource_path("pseudonymise", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def _lists() -> tuple[tuple[re.Pattern, str, str, str], ...]:
    """(pattern, kind, label, source) per listed word: titles, workplaces, organisations, municipalities."""
    entries = [(title, POSITION, label, "titles") for title, label in _rows("indirect_titles.tsv")]
    entries += [(words, kind, label, "workplaces") for words, kind, label in _rows("indirect_workplaces.tsv")]
    municipalities = resource_path("pseudonymise", "municipalities.txt").read_text(encoding="utf-8")
    for name in municipalities.splitlines():
        if name.strip():
            entries.append((f"{name.strip()} Kommune", PLACE, "[dansk kommune]", "municipalities"))
            entries.append((name.strip(), PLACE, "[dansk kommune]", "municipalities"))
    return tuple(
        (_word_pattern(words, name=source == "municipalities"), kind, label, source)
        for words, kind, label, source in entries
    )


def _word_pattern(words: str, *, inflected: bool = True, name: bool = False) -> re.Pattern:
    """The words whole, ignoring case (an acronym: its case), in their definite and plural forms
    ("centerchefen", "konsulenter", "teamlederne"). A ``name`` (a municipality) keeps its capital and
    takes only the genitive: "Skive" and "Odder" are towns, "skiver" and "odder" are words."""
    body = r"\s+".join(re.escape(part) for part in words.split())
    if name:
        return re.compile(r"(?<![\wÆØÅæøå\[])" + body + r"s?(?![\wÆØÅæøå])")
    endings = r"(?:en|et|erne|er|ne|e|s|ens|ets)?" if inflected and not words.isupper() else ""
    flags = 0 if words.isupper() else re.IGNORECASE
    return re.compile(r"(?<![\wÆØÅæøå\[])" + body + endings + r"(?![\wÆØÅæøå])", flags)


# -- detection ---------------------------------------------------------------------------------------


def find_indirect(parts: list[str], roster=(), decisions: list[IndirectDecision] = ()) -> list[IndirectItem]:
    """Every indirect identifier in ``parts`` (the turns' texts), longest first where two overlap.

    ``roster``: its entries' ``position`` and ``area`` are identifiers of their own (the informant's
    own title is the likeliest to be said). ``decisions``: the researcher's additions are found too."""
    sources: list[tuple[re.Pattern, str, str, str]] = []
    for decision in decisions:
        if decision.action == "add" and decision.text:
            kind = decision.kind or POSITION
            sources.append(
                (_word_pattern(decision.text, inflected=False), kind, DEFAULT_LABELS[kind], "added")
            )
    for entry in roster:
        if getattr(entry, "position", "").strip():
            sources.append(
                (_word_pattern(entry.position.strip()), POSITION, DEFAULT_LABELS[POSITION], "roster")
            )
        if getattr(entry, "area", "").strip():
            sources.append(
                (_word_pattern(entry.area.strip()), WORKPLACE, DEFAULT_LABELS[WORKPLACE], "roster")
            )
    sources += _lists()
    items = []
    for part, text in enumerate(parts):
        found = []
        for pattern, kind, label, source in sources:
            found += [(m.start(), m.end(), kind, label, source) for m in pattern.finditer(text)]
        for rule, pattern in _PATTERNS:
            kind = PLACE if rule in _PLACE_LABELS else rule  # a street, a school: decided as places
            for match in pattern.finditer(text):
                label = _PLACE_LABELS.get(rule) or _computed_label(rule, match) or DEFAULT_LABELS[rule]
                found.append((match.start(), match.end(), kind, label, "pattern"))
        items += _settled(text, part, found)
    return items


def _settled(text: str, part: int, found: list) -> list[IndirectItem]:
    """No two items overlap: the longer wins (a listed one over a pattern at the same length); a span
    inside a bracket (a label already put there, "[Person 1]") is never an item."""
    brackets = [(m.start(), m.end()) for m in re.finditer(r"\[[^\]\n]*\]", text)]
    covered = bytearray(len(text) + 1)
    kept = []
    order = {"added": 0, "roster": 1, "titles": 2, "workplaces": 2, "municipalities": 3, "pattern": 4}
    for start, end, kind, label, source in sorted(found, key=lambda f: (f[0] - f[1], order[f[4]], f[0])):
        if any(covered[start:end]) or any(s <= start and end <= e for s, e in brackets):
            continue
        covered[start:end] = b"\x01" * (end - start)
        kept.append(IndirectItem(text[start:end], kind, part, start, end, source, label))
    return sorted(kept, key=lambda item: item.start)


def _computed_label(kind: str, match: re.Match) -> str | None:
    """An age becomes its decade ("43 år" → "[40-49 år]"), a year its decade ("i 2018" → "[2010'erne]");
    the word before the year stays in the text only when it is part of the match, so it is kept here."""
    if kind == AGE:
        value = match.group(1)
        if value in _DECADES:
            decade = _DECADES[value]
            return f"[{decade}-{decade + 9} år]"
        if len(value) == 4:  # a birth year
            return f"[født i {value[:3]}0'erne]"
        age = int(value)
        lead = match.group(0)[: match.start(1) - match.start(0)]  # "er 43 år" → "er [40-49 år]"
        return f"{lead}[{age // 10 * 10}-{age // 10 * 10 + 9} år]" if 0 < age < 120 else None
    if kind == DATE and match.lastindex:
        year = match.group(1)
        lead = match.group(0)[: match.start(1) - match.start(0)]
        return f"{lead}[{year[:3]}0'erne]"
    return None


# -- deciding and generalising -----------------------------------------------------------------------


def resolve(item: IndirectItem, decisions: list[IndirectDecision], profile: str | None) -> Generalised:
    """What becomes of ``item``: the latest decision about its words, else about its kind, else the
    profile's default (the archive generalises; the appendix and validation pack keep). The archive
    generalises a kept item too: it may hold no indirect identifier."""
    chosen = None
    for decision in decisions:
        if decision.action == "add":
            continue
        if decision.text is not None and decision.text.casefold() == item.key:
            chosen = decision
        elif decision.text is None and decision.kind == item.kind and (chosen is None or chosen.text is None):
            chosen = decision
    action = chosen.action if chosen is not None else ("generalise" if profile == ARCHIVE else "keep")
    if action == "keep" and profile == ARCHIVE:
        action = "generalise"
    if action == "keep":
        return Generalised(item, "keep", item.text)
    if action == "remove":
        return Generalised(item, "remove", REMOVED)
    label = (
        chosen.label if chosen is not None and chosen.action == "generalise" and chosen.label else item.label
    )
    return Generalised(item, "generalise", label)


def generalise_parts(
    parts: list[str], items: list[IndirectItem], decisions: list[IndirectDecision], profile: str | None
) -> tuple[list[str], list[Generalised]]:
    """``parts`` with every item generalised or removed as decided; the same words get the same label
    everywhere (one resolution per key)."""
    by_key: dict[str, Generalised] = {}
    done: list[Generalised] = []
    out = list(parts)
    for part in sorted({item.part for item in items}):
        text = parts[part]
        pieces, position = [], 0
        for item in (i for i in items if i.part == part):
            first = by_key.setdefault(item.key, resolve(item, decisions, profile))
            outcome = Generalised(item, first.action, first.replacement)
            done.append(outcome)
            pieces += [text[position : item.start], outcome.replacement]
            position = item.end
        pieces.append(text[position:])
        out[part] = "".join(pieces)
    return out, done


def make_indirect_decision(
    action: str, text: str | None = None, *, kind: str | None = None, label: str | None = None
) -> IndirectDecision:
    """A decision made now about the words ``text`` (or, without text, every item of ``kind``)."""
    from .state import INDIRECT_ACTIONS, now, who

    if action not in INDIRECT_ACTIONS:
        raise BadInputError(f"Unknown decision “{action}”; use one of {', '.join(INDIRECT_ACTIONS)}.")
    if text is not None and not text.strip():
        raise BadInputError("A decision about an indirect identifier needs its words.")
    if text is None and kind is None:
        raise BadInputError("A decision about indirect identifiers needs the words or a kind.")
    if kind is not None:
        check_kind(kind)
    if label is not None and not label.strip():
        label = None
    if label is not None and not (label.startswith("[") and label.endswith("]")):
        label = f"[{label.strip()}]"  # a label reads as one in the text: "[leder]", never bare words
    return IndirectDecision(
        action, text.strip() if text else None, kind=kind, label=label, by=who(), at=now()
    )
