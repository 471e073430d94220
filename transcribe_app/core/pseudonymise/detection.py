"""From recognizer hits to mentions of people and places, each with a tier, linked to who they are.

Presidio finds spans; what it does not do is reason over the whole transcript.
That happens here:

- overlapping hits are settled (the longer name wins, then the roster, then the score);
- every mention is linked to a *referent*: a roster entry, a full name found in
  the text ("Karin Storm"), or a name standing alone. "Storm" and "Karin" link to
  "Karin Storm" when she is the only one they fit; when two people fit — the
  informant Anne Holm and Mads Holm — the mention is *ambiguous* and goes to
  review, never silently to the informant;
- a *lone* first name or surname that fits a roster person ("Mette", "Jensens",
  "Mette-sagen") is only a suggestion: in a focus group "Mette fra jobcentret" is
  as likely another Mette, and a wrong link puts the informant's code on someone
  else's words. It goes to review (never promoted), unless the roster says the
  talk calls that person by their first name (``addressed_by_first_name``). A full
  name, an alias, "V. Jensen" and a turn's label link for sure;
- tiers: *auto* (score ≥ 0.8), *review* (uncertain or ambiguous), promoted to
  auto when the same person is found with confidence elsewhere; places and
  organisations are *off* unless the user turns them on (they still count as
  claimed, so they are not leftovers);
- *leftovers*: capitalised words nobody claimed, listed for a last look.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field

from ..project.record import RosterEntry
from .forms import CompoundHeads, compound_split, may_head_compound, spelling_key
from .kinds import AUTO, LOCATION, ORGANIZATION, PERSON, REVIEW
from .lexicon import PRONOUNS, danish_lexicon
from .state import AUTO_TIER, OFF_TIER, REVIEW_TIER  # stored in the entity summaries
from .tokens import scan, strip_possessive

# A line break that only wraps: text before it on its line, and after it a line that is not blank
# and does not start a new turn ("VJ:", "[00:01:02] I:", "Interviewer 2:").
_SOFT_WRAP = re.compile(
    r"(?<=\S)[ \t]*\r?\n"
    r"(?![ \t]*(?:\r?\n|$|[\[(]?\d{1,2}:\d{2}|[A-ZÆØÅ][\wÆØÅæøå]{0,19}(?: \d{1,2})?[ \t]*:))"
)
_SOURCE_PRIORITY = {"added by the researcher": 4, "roster": 3, "municipalities": 2, "danish names": 1}


@dataclass
class Document:
    """The text detection reads: the turns joined by line breaks, and where each turn starts.

    ``analysis_text`` is what the recognizers read: the same text, character for character,
    except that a line break inside a turn that only wraps a sentence (the next line is no new
    turn "CODE: …", no blank line) reads as a space — "Vibeke\nJensen" in a typed transcript is
    one name. Replacements are made in ``text``.
    """

    parts: list[str]
    text: str = ""
    starts: list[int] = field(default_factory=list)
    analysis_text: str = ""

    def __post_init__(self) -> None:
        self.text = "\n".join(self.parts)
        position, self.starts = 0, []
        for part in self.parts:
            self.starts.append(position)
            position += len(part) + 1
        self.analysis_text = "\n".join(
            _SOFT_WRAP.sub(_spaces, part) if "\n" in part else part for part in self.parts
        )

    def locate(self, position: int) -> tuple[int, int]:
        """(turn index, offset in that turn) of a position in the joined text."""
        part = bisect.bisect_right(self.starts, position) - 1
        return part, position - self.starts[part]

    def context(self, start: int, end: int, width: int = 40) -> str:
        before = self.text[max(0, start - width) : start].split("\n")[-1]
        after = self.text[end : end + width].split("\n")[0]
        return f"…{before}[{self.text[start:end]}]{after}…"


def _spaces(match: re.Match) -> str:
    return " " * len(match.group())  # the same length: positions in both texts are the same


@dataclass
class Referent:
    """Who or what mentions point at: a roster entry, a full name from the text, a place."""

    key: str
    name: str  # the real name as best known: "Karin Storm", "Aarhus"
    entity: str  # PERSON, LOCATION, ORGANIZATION
    code: str | None = None  # roster code or user pseudonym: replaces every mention
    place: str | None = None  # municipality, region, place — for [Kommune]/[Sted]


@dataclass
class Mention:
    start: int
    end: int
    text: str  # as written: "Vibekes"
    entity: str
    base: str  # without a possessive ending: "Vibeke"
    possessive: bool
    score: float
    rule: str
    source: str
    part: int = 0
    nth: int = 0  # how many times the same words came earlier in this turn: finds it again after re-detection
    referent: str | None = None
    candidates: list[str] = field(default_factory=list)  # referents an ambiguous mention could be
    promote: bool = True  # may "found with confidence elsewhere" lift it to auto?
    place: str | None = None  # municipality, region or place, for a LOCATION
    tier: str = REVIEW_TIER
    decision: str | None = None  # accepted | rejected, from the user's decisions
    joiner: str = ""  # after the replacement: "-" for the name of a compound written as one word
    form: str = ""  # which roster form matched: "full name", "alias", "first name", "surname" …
    label: bool = False  # the words label a turn ("METTE: …")
    lone: bool = False  # a lone first name or surname linked to a roster person: the researcher confirms

    @property
    def replaced(self) -> bool:
        if self.decision == "rejected" or self.tier == OFF_TIER:
            return False
        return self.tier == AUTO_TIER or self.decision == "accepted"


@dataclass
class Leftover:
    """A capitalised word nobody claimed: maybe a name no list knows."""

    text: str
    positions: list[int]
    contexts: list[str]


@dataclass
class Detection:
    document: Document
    mentions: list[Mention]
    referents: dict[str, Referent]
    leftovers: list[Leftover]


def detect_mentions(document: Document, results, roster: list[RosterEntry], settings) -> Detection:
    """Settle, link and tier the analyzer's results for ``document`` (no decisions applied yet)."""
    mentions = _settle(document, results)
    referents = _roster_referents(roster)
    _link(mentions, referents, roster)
    mentions = _number_occurrences(document, mentions + _more_mentions(document, mentions, referents))
    _mark_lone_links(mentions, roster)
    _tier(mentions, settings)
    leftovers = _leftovers(document, mentions)
    return Detection(document, mentions, referents, leftovers)


def _settle(document: Document, results) -> list[Mention]:
    """Keep non-overlapping hits: longest first, then the roster over the lists, then the score."""
    ranked = sorted(
        results,
        key=lambda r: (
            -(r.end - r.start),
            -_SOURCE_PRIORITY.get(_source(r), 0),
            -r.score,
            r.start,
        ),
    )
    covered = bytearray(len(document.text) + 1)
    kept = []
    for result in ranked:
        if result.score < REVIEW or any(covered[result.start : result.end]):
            continue
        covered[result.start : result.end] = b"\x01" * (result.end - result.start)
        kept.append(result)
    kept.sort(key=lambda r: r.start)
    mentions = []
    for result in kept:
        meta = result.recognition_metadata or {}
        text = document.text[result.start : result.end]
        mention = Mention(
            result.start,
            result.end,
            text,
            result.entity_type,
            meta.get("base", text),
            bool(meta.get("possessive")),
            result.score,
            meta.get("rule", _source(result)),
            _source(result),
        )
        mention.candidates = list(meta.get("codes", []))
        mention.promote = meta.get("promote", True)
        mention.place = meta.get("place")
        mention.joiner = meta.get("joiner", "")
        mention.form = meta.get("form", "")
        mention.label = bool(meta.get("label"))
        mentions.append(mention)
    return mentions


def _number_occurrences(document: Document, mentions: list[Mention]) -> list[Mention]:
    """Sort by position and count each text's occurrences per turn: decisions name them that way."""
    mentions.sort(key=lambda m: m.start)
    seen: dict[tuple[int, str], int] = defaultdict(int)
    for mention in mentions:
        mention.part = document.locate(mention.start)[0]
        mention.nth = seen[(mention.part, mention.text)]
        seen[(mention.part, mention.text)] += 1
    return mentions


def _more_mentions(
    document: Document, mentions: list[Mention], referents: dict[str, Referent]
) -> list[Mention]:
    """Words of a name found elsewhere that no list knows: "Wilbeks linje" once "Ulrik Wilbek" was found."""
    lexicon = danish_lexicon()
    owners: dict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        if mention.entity == PERSON and mention.referent and mention.score >= AUTO:
            for word in referents[mention.referent].name.split() if mention.referent in referents else ():
                owners[word].add(mention.referent)
    claimed = bytearray(len(document.text) + 1)
    for mention in mentions:
        claimed[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
    # The same names heading a compound written as one word: "Petrenkosagen" once "Oksana Petrenko" was found.
    heads = {spelling_key(word): word for word in owners if may_head_compound(word, lexicon)}
    compound_heads = CompoundHeads(heads.values())
    found = []
    for token in scan(document.analysis_text):
        if not token.capitalised or token.label or claimed[token.start]:
            continue
        base, possessive, end, joiner = token.text, False, token.end, ""
        if base not in owners:
            base, possessive = strip_possessive(token.text)
        if base not in owners:
            split = compound_split(token.text, compound_heads, lexicon) if heads else None
            if split is None:
                continue
            cut, joint = split
            base, possessive, end, joiner = (
                heads[spelling_key(token.text[: cut - joint])],
                False,
                token.start + cut,
                "-",
            )
        keys = sorted(owners[base])
        if token.sentence_start and lexicon.is_word(base):
            score, rule = 0.5, "word of a name found elsewhere, starting a sentence, also an ordinary word"
        else:
            score, rule = 0.85, "word of a name found elsewhere in the transcript"
        text = document.text[token.start : end]
        mention = Mention(
            token.start, end, text, PERSON, base, possessive, score, rule, "linked", joiner=joiner
        )
        if len(keys) == 1:
            mention.referent = keys[0]
        else:
            mention.candidates = keys
        found.append(mention)
    return found


def _source(result) -> str:
    meta = result.recognition_metadata or {}
    return meta.get("recognizer_name") or meta.get("source") or "?"


def _roster_referents(roster: list[RosterEntry]) -> dict[str, Referent]:
    referents = {}
    for entry in roster:
        if entry.name.strip():
            key = roster_key(entry)
            entity = ORGANIZATION if entry.role == "organisation" else PERSON
            # Someone only mentioned ("other") is a [Person N] like anyone else: initials would identify.
            code = entry.code if entry.code and entry.role != "other" else None
            referents[key] = Referent(key, entry.name, entity, code)
    return referents


def roster_key(entry: RosterEntry) -> str:
    return f"roster:{entry.code or entry.name}"


def _link(mentions: list[Mention], referents: dict[str, Referent], roster: list[RosterEntry]) -> None:
    by_code = {entry.code or entry.name: roster_key(entry) for entry in roster if entry.name.strip()}
    in_text = [m for m in mentions if m.entity == PERSON and m.source != "roster" and " " in m.base]
    bases = {m.base for m in in_text}
    # Full names from the text become referents first, in order of appearance.
    full_names: dict[str, Referent] = {}
    for mention in in_text:
        mention.base = _possessive_of_known(mention, bases) or mention.base
        full_names.setdefault(mention.base, Referent(mention.base, mention.base, PERSON))
    _join_partial_names(full_names)
    # Which people each single word can mean: "Storm" → Karin Storm; "Holm" → Anne Holm and Mads Holm.
    people_with_word: dict[str, list[str]] = defaultdict(list)
    for key, ref in referents.items():
        if ref.entity == PERSON:
            for word in ref.name.split():
                people_with_word[word].append(key)
    for name, ref in full_names.items():
        if ref.key == name:
            for word in name.split():
                people_with_word[word].append(name)
    for mention in mentions:
        if mention.entity != PERSON:
            _link_place(mention, referents, roster)
        elif mention.source == "roster":
            _link_roster_mention(mention, by_code, people_with_word, referents)
        elif " " in mention.base:
            mention.referent = full_names[mention.base].key
            referents.setdefault(mention.referent, Referent(mention.referent, mention.referent, PERSON))
        else:
            _link_single(mention, people_with_word, referents)


def _possessive_of_known(mention: Mention, full_names: set[str]) -> str | None:
    """ "Lars Løkkes" is the possessive of "Lars Løkke" when that name (or a longer one) occurs."""
    if mention.possessive or not mention.base.endswith("s"):
        return None
    stem = mention.base[:-1]
    for name in full_names:
        if name == stem or name.startswith(stem + " "):
            mention.possessive = True
            return stem
    return None


def _join_partial_names(full_names: dict[str, Referent]) -> None:
    """ "Lars Løkke" is "Lars Løkke Rasmussen" when that is the only longer name that fits."""
    by_first: dict[str, list[list[str]]] = defaultdict(list)
    for name in full_names:
        by_first[name.split()[0]].append(name.split())
    for name, ref in full_names.items():
        words = name.split()
        longer = [
            " ".join(other)
            for other in by_first[words[0]]
            if len(other) > len(words) and set(words[1:]) <= set(other[1:])
        ]
        if len(longer) == 1:
            ref.key = ref.name = longer[0]
    for ref in full_names.values():  # names only ever point at longer ones, so this ends
        while full_names[ref.key].key != ref.key:
            ref.key = ref.name = full_names[ref.key].key


def _link_roster_mention(mention, by_code, people_with_word, referents) -> None:
    keys = [by_code[code] for code in mention.candidates if code in by_code]
    # Another person in the text with the same first name or surname makes a single name ambiguous.
    if " " not in mention.base:
        keys += people_with_word.get(mention.base, [])
    keys = list(dict.fromkeys(keys))
    mention.candidates = keys if len(keys) > 1 else []
    mention.referent = keys[0] if len(keys) == 1 else None
    for key in keys:
        referents.setdefault(key, Referent(key, key, PERSON))


def _link_single(mention, people_with_word, referents) -> None:
    fits = list(dict.fromkeys(people_with_word.get(mention.base, [])))
    if len(fits) == 1:
        mention.referent = fits[0]
        referents.setdefault(fits[0], Referent(fits[0], fits[0], PERSON))
    elif len(fits) > 1:
        mention.candidates = fits
        for key in fits:
            referents.setdefault(key, Referent(key, key, PERSON))
    else:
        mention.referent = f"name:{mention.base}"
        referents.setdefault(mention.referent, Referent(mention.referent, mention.base, PERSON))


def _link_place(mention: Mention, referents: dict[str, Referent], roster: list[RosterEntry]) -> None:
    place = mention.place
    mention.candidates = []  # roster codes of an organisation: one entry, nothing to choose between
    name = mention.base.removesuffix(" Kommune")
    for entry in roster:  # "Herning" is the roster's "Herning Kommune" (HEK)
        if (
            entry.role == "organisation"
            and entry.name.removesuffix(" Kommune") == name
            and entry.name.strip()
        ):
            mention.referent = roster_key(entry)
            return
    key = f"{place or mention.entity.lower()}:{name}"
    mention.referent = key
    referents.setdefault(key, Referent(key, name, mention.entity, place=place or mention.entity.lower()))


# Roster forms that say who it is: the researcher wrote them down for this person.
LINKED_FOR_SURE = frozenset(("full name", "alias", "first name and surname", "initial and surname"))
LONE_RULE = "a lone name: is it this roster person? (yours to confirm)"


def _mark_lone_links(mentions: list[Mention], roster: list[RosterEntry]) -> None:
    """Mark a lone first name or surname linked to a roster person: a suggestion for review.

    "Mette" fits the informant Mette Skov Sørensen, but "Mette fra jobcentret" is someone else; "Jensen"
    in the interviewer's question may be any Jensen. The link is the researcher's to make — unless the
    roster says the talk calls the person by their first name (and it is their first name)."""
    people = {roster_key(e): e for e in roster if e.name.strip() and e.role != "organisation"}
    for mention in mentions:
        if (
            mention.entity != PERSON
            or mention.referent not in people
            or mention.label
            or mention.form in LINKED_FOR_SURE
            or " " in mention.base
        ):
            continue
        entry = people[mention.referent]
        words = entry.name.split()
        if len(words) < 2:  # a one-word roster name is the full name the researcher wrote
            continue
        if entry.addressed_by_first_name and spelling_key(mention.base) == spelling_key(words[0]):
            continue
        mention.lone, mention.promote = True, False
        mention.rule += f"; {LONE_RULE}"


def _tier(mentions: list[Mention], settings) -> None:
    confident = set()
    for mention in mentions:
        if _off(mention, settings):
            mention.tier = OFF_TIER
        elif mention.lone:
            mention.tier = REVIEW_TIER
        elif mention.score >= AUTO and not mention.candidates:
            mention.tier = AUTO_TIER
            confident.add(mention.referent)
        else:
            mention.tier = REVIEW_TIER
    for mention in mentions:  # found with confidence elsewhere in the same transcript
        if (
            mention.tier == REVIEW_TIER
            and mention.promote
            and not mention.candidates
            and mention.referent in confident
        ):
            mention.tier = AUTO_TIER
            mention.rule += "; the same name was found with confidence elsewhere"


def _off(mention: Mention, settings) -> bool:
    """Places and organisations are kept unless turned on — except the roster's and those added by hand."""
    if (
        mention.referent
        and mention.referent.startswith("roster:")
        or mention.source == "added by the researcher"
    ):
        return False
    if mention.entity == LOCATION:
        return not settings.places
    if mention.entity == ORGANIZATION:
        return not settings.organisations
    return False


def _leftovers(document: Document, mentions: list[Mention]) -> list[Leftover]:
    lexicon = danish_lexicon()
    claimed = bytearray(len(document.text) + 1)
    for mention in mentions:
        claimed[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
    found: dict[str, Leftover] = {}
    for token in scan(document.analysis_text):
        if not token.capitalised or token.label or token.text in PRONOUNS or claimed[token.start]:
            continue
        if token.acronym and lexicon.is_word(token.text):
            continue
        if token.sentence_start and lexicon.is_word(token.text):
            continue
        leftover = found.setdefault(token.text, Leftover(token.text, [], []))
        leftover.positions.append(token.start)
        if len(leftover.contexts) < 3:
            leftover.contexts.append(document.context(token.start, token.end))
    return sorted(found.values(), key=lambda item: item.positions[0])
