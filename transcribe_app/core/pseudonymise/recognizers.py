"""Presidio recognizers for Danish interview text: roster, name lists, municipalities, places, organisations.

Every recognizer returns Presidio ``RecognizerResult``s with a score and, in
``recognition_metadata``, why it matched (``rule``), the name without a
possessive ending (``base``) and whether it was possessive. The document-wide
reasoning — linking "Storm" to "Karin Storm", promoting a name found with
confidence elsewhere, ambiguity between two people sharing a surname — happens
afterwards in ``detection``; a recognizer only looks at its own words.

Scores: 0.8 and above is *auto* (replaced unless rejected), 0.4–0.8 is
*review* (shown with context, replaced once accepted).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from presidio_analyzer import EntityRecognizer, RecognizerResult

from ..project.record import RosterEntry
from .forms import (
    MIN_COMPOUND_NAME,
    MIN_COMPOUND_TAIL,
    CompoundHeads,
    compound_after_name,
    compound_split,
    may_head_compound,
    spelling_key,
)
from .kinds import AUTO, LOCATION, ORGANIZATION, PERSON, REVIEW
from .lexicon import ABBREVIATED_TITLES, PRONOUNS, Lexicon, is_title
from .tokens import Token, adjacent, scan, strip_possessive

__all__ = ["AUTO", "LOCATION", "ORGANIZATION", "PERSON", "REVIEW"]  # the kinds, named here as before
REGIONS = ("Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland", "Nordjylland")
# Institutions are written as one capitalised word with these endings: Sundhedsstyrelsen, Finansministeriet.
ORG_ENDINGS = (
    "ministeriet", "styrelsen", "direktoratet", "rådet", "tinget", "centret", "centeret", "universitet",
    "hospital", "hospitalet", "fonden", "forbundet", "foreningen", "selskabet", "instituttet", "kommune",
)  # fmt: skip


def _result(entity: str, first: Token, last: Token, score: float, rule: str, base: str, possessive: bool,
            **extra) -> RecognizerResult:  # fmt: skip
    metadata = {"rule": rule, "base": base, "possessive": possessive, **extra}
    return RecognizerResult(entity, first.start, last.end, score, recognition_metadata=metadata)


def _resolve(word: str, known: Callable[[str], bool]) -> tuple[str, bool] | None:
    """The known name a word is, or is the possessive of: Vibekes → (Vibeke, True); Hans → (Hans, False)."""
    if known(word):
        return word, False
    base, possessive = strip_possessive(word)
    if possessive and known(base):
        return base, True
    return None


def _apostrophe_possessive(word: str) -> tuple[str, bool]:
    """For names in no list only the apostrophe marks a possessive (Petrenko's, Hans'); a final -s may
    be the name itself. ``detection`` links "Petrenkos" to "Petrenko" when both occur."""
    base, possessive = strip_possessive(word)
    return (
        (base, True)
        if possessive and not word.endswith("s") or word.endswith(("'s", "’s"))
        else (word, False)
    )


class _TextRecognizer(EntityRecognizer):
    """A recognizer that reads our own word scan rather than spaCy's tokens (hyphenated names, labels)."""

    ENTITIES: tuple[str, ...] = ()

    def __init__(self, name: str, entities: Iterable[str] | None = None):
        super().__init__(
            supported_entities=list(entities or self.ENTITIES), name=name, supported_language="da"
        )

    def load(self) -> None:  # nothing to load: the lists come with the constructor
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        results = list(self.find(text, scan(text)))
        for result in results:
            result.recognition_metadata["source"] = self.name
        return results

    def find(self, text: str, tokens: tuple[Token, ...]) -> Iterable[RecognizerResult]:
        raise NotImplementedError


class RosterRecognizer(_TextRecognizer):
    """The people and organisations the researcher listed: full names, aliases, first names, surnames.

    Case matters on purpose: "per måned" is not Per. A roster first name at the
    start of a sentence that is also a word ("Per kom ind …") still counts — the
    researcher told us this person is in the interview. Every written form of a
    roster name is found (``forms``): other spellings (Soeren, Kaare Aas), the
    shouted VIBEKE JENSEN, compounds (Vibeke-sagen, Vibekesagen), hashtags and
    handles (#VibekeJensen, @vibekejensen), "V. Jensen", a name broken by a
    hyphen at the end of a line, and — for review — a name that is no Danish word
    written in lower case ("vibeke").
    """

    ENTITIES = (PERSON, ORGANIZATION)

    def __init__(self, roster: list[RosterEntry], lexicon: Lexicon):
        super().__init__("roster")
        self.lexicon = lexicon
        # spelling keys of the words → (code/name, entity, form, the words as the roster writes them)
        self.forms: dict[tuple[str, ...], list[tuple[str, str, str, tuple[str, ...]]]] = {}
        self.first_names: dict[str, str] = {}  # who → first name, for "V. Jensen"
        for entry in roster:
            if entry.name.strip():
                self._add_entry(entry)
        self.longest = max((len(k) for k in self.forms), default=0)
        self.starts = {key[0] for key in self.forms}
        self.joined = {"".join(key): key for key in self.forms if len(key) > 1}
        self.heads = CompoundHeads(
            e[0][3][0]
            for key, e in self.forms.items()
            if len(key) == 1 and may_head_compound(e[0][3][0], lexicon)
        )
        self.shortest_joined = min((len(k) for k in self.joined), default=1_000_000)
        self.joined_initials = {k[:1] for k in self.joined}
        # The first words as they may be written, possessive included: "vibeke", "vibekes", "hans'".
        self.start_forms = {k + ending for k in self.starts for ending in ("", "s", "'", "'s", "’", "’s")}
        self.shortest_one_word = min(self.shortest_joined, MIN_COMPOUND_NAME + MIN_COMPOUND_TAIL)

    def _add_entry(self, entry: RosterEntry) -> None:
        who = entry.code or entry.name
        entity = ORGANIZATION if entry.role == "organisation" else PERSON
        words = tuple(entry.name.split())
        self._add(words, who, entity, "full name")
        for alias in entry.aliases:
            if alias.strip():
                self._add(tuple(alias.split()), who, entity, "alias")
        if entity == PERSON and len(words) > 1:
            self._add(words[:1], who, entity, "first name")
            self._add(words[-1:], who, entity, "surname")
            self.first_names[who] = words[0]
            if len(words) > 2:
                self._add((words[0], words[-1]), who, entity, "first name and surname")

    def _add(self, words: tuple[str, ...], who: str, entity: str, form: str) -> None:
        entries = self.forms.setdefault(tuple(spelling_key(w) for w in words), [])
        if all(existing[0] != who for existing in entries):
            entries.append((who, entity, form, words))

    def find(self, text, tokens):
        i = 0
        while i < len(tokens):
            token = tokens[i]
            found = None
            key = _key(token.text)
            if not token.label or key in self.starts:  # "VIBEKE:" labels a turn with a name
                if key in self.start_forms:  # the cheap test first: most words are no name
                    found = self._match_at(text, tokens, i)
                if found is None and (
                    len(token.text) >= self.shortest_one_word or text.startswith("-", token.end)
                ):
                    found = self._written_as_one(text, tokens, i)
            if found is None:
                if "-" in token.text or "'" in token.text or "’" in token.text:
                    yield from self._parts_of(text, token)
                i += 1
                continue
            length, result = found
            yield result
            i += length

    def _match_at(self, text: str, tokens: tuple[Token, ...], i: int):
        for length in range(min(self.longest, len(tokens) - i), 0, -1):
            run = tokens[i : i + length]
            if any(not adjacent(text, a, b) for a, b in zip(run, run[1:], strict=False)):
                continue
            head = tuple(_key(t.text) for t in run[:-1])
            last = run[-1].text
            resolved = _resolve(last, lambda w, head=head: head + (_key(w),) in self.forms)
            joiner = ""
            if resolved is None and length > 1:
                name = self._name_ending_in(last, head)
                if name is not None:
                    # "kåre ås-sagen", "Kåre Åssagen": the full name ends inside a compound
                    resolved, joiner = (name[0], False), name[1]
                    end = run[-1].start + len(name[0]) + (joiner == "-" and name[2])
                    run = (*run[:-1], Token(text[run[-1].start : end], run[-1].start, end, False, False))
            if resolved is None:
                continue
            entries = self.forms[head + (_key(resolved[0]),)]
            result = self._result(text, tokens, i, run, entries, resolved[1])
            if result is not None and joiner:
                result.recognition_metadata.update(joiner=joiner)
                result.recognition_metadata["rule"] += " in a compound"
            if result is not None:
                return length, result
        return None

    def _name_ending_in(self, word: str, head: tuple[str, ...]) -> tuple[str, str, bool] | None:
        """(last name word as written, joiner, joining -s-) when the full name ``head`` + … ends inside
        ``word``: "ås-sagen", "ås'ernes" (what follows stays), "Åssagen" (a hyphen goes in)."""
        if "-" in word or "'" in word or "’" in word:  # "ås-sagen", "ås'ernes": the ending stays as it is
            name = re.split(r"[-'’]", word, maxsplit=1)[0]
            return (name, "", False) if head + (_key(name),) in self.forms else None
        for key, entries in self.forms.items():
            if len(key) == len(head) + 1 and key[:-1] == head:
                split = compound_after_name(word, entries[0][3][-1], self.lexicon)
                if split is not None:
                    return word[: split[0] - split[1]], "-", split[1]
        return None

    def _result(self, text, tokens, i, run, entries, possessive) -> RecognizerResult | None:
        """The hit for ``run`` written as it is: capitalised, shouted or in lower case."""
        who, entity, form, words = entries[0]
        score = 1.0 if form in ("full name", "alias", "first name and surname") else 0.95
        rule, extra = f"roster {form}", {}
        lower = any(not t.text[:1].isupper() for t in run)
        shouted = not lower and all(t.text.isupper() and len(t.text) > 1 for t in run)
        if lower:
            # "vibeke" is Vibeke, for review (or for sure in a hashtag); "per" never is Per. The same
            # rule as the gate's: a single name that is a dictionary word counts only capitalised.
            if len(words) == 1 and words[0].lower() in self.lexicon.words:
                return None
            score, rule = (
                (0.85, f"{rule} in a hashtag") if run[0].tagged else (0.6, f"{rule} written in lower case")
            )
        elif len(run) == 1 and (run[0].sentence_start or shouted) and self.lexicon.is_word(words[0]):
            score = 0.85
            if shouted and words[0].lower() in self.lexicon.words:
                score, rule = 0.6, f"{rule} in capitals, also a word"  # PER, STORM: a heading's word?
            # "Lykke er ikke noget, man kan planlægge" — a surname the same speakers also use as a
            # word ("held og lykke") is as likely the word: review, however sure the rest is.
            elif form == "surname" and not possessive and words[0].lower() in _lowercase_words(text):
                score, rule = 0.6, f"{rule} starting a sentence, also used as a word in this text"
                extra["promote"] = False
        first = run[0]
        if (
            form == "surname"
            and len(run) == 1
            and i > 0
            and self._initial_before(text, tokens[i - 1], first, who)
        ):
            first, rule, score = tokens[i - 1], f"{rule} with the first name's initial", max(score, 0.95)
            form = "initial and surname"
        # The form says how sure the link to the person is: a lone first name or surname may be someone
        # else of that name (detection puts the link up for review); a turn's label names a speaker.
        extra.update(form=form, label=run[0].label)
        return _result(entity, first, run[-1], score, rule, " ".join(words), possessive,
                       codes=[e[0] for e in entries], **extra)  # fmt: skip

    def _initial_before(self, text: str, initial: Token, surname: Token, who: str) -> bool:
        """ "V. Jensen": the initial of the roster person's first name, a full stop, the surname."""
        first_name = self.first_names.get(who, "")
        return (
            len(initial.text) == 1
            and initial.text.isupper()
            and text[initial.end : surname.start] in (". ", " ")
            and _key(first_name[:1]) == _key(initial.text)
        )

    def _written_as_one(self, text: str, tokens: tuple[Token, ...], i: int):
        """A roster name written as one word: "VibekeJensen", a compound "Vibekesagen", or broken by a
        hyphen at the end of a line ("Vibe-⏎ke")."""
        token = tokens[i]
        word, possessive = token.text, False
        key = ""
        if len(word) >= self.shortest_joined and _key(word[:1])[:1] in self.joined_initials:
            key = _key(_SEPARATORS.sub("", word))
        if key and key not in self.joined:
            base, possessive = strip_possessive(word)
            key = _key(_SEPARATORS.sub("", base)) if possessive else key
        if key in self.joined:
            entries = self.forms[self.joined[key]]
            result = self._result(text, tokens, i, (token,), entries, possessive)
            if result is not None:
                result.recognition_metadata["rule"] += ", written as one word"
                return 1, result
        if i + 1 < len(tokens) and text.startswith("-", token.end) and token.text[:1].isupper():
            after = tokens[i + 1]
            if _BROKEN.fullmatch(text, token.end, after.start) and after.text[:1].islower():
                resolved = _resolve(token.text + after.text, lambda w: (_key(w),) in self.forms)
                if resolved is not None:
                    who, entity, form, words = self.forms[(_key(resolved[0]),)][0]
                    rule = f"roster {form}, broken at the end of a line"
                    return 2, _result(entity, token, after, 0.95, rule, words[0], resolved[1], codes=[who],
                                      form=form)  # fmt: skip
        if self.heads:
            split = compound_split(token.text, self.heads, self.lexicon)
            if split is not None:
                cut, joint = split
                name = token.text[: cut - joint]
                who, entity, form, words = self.forms[(_key(name),)][0]
                part = Token(token.text[:cut], token.start, token.start + cut, token.sentence_start, False)
                score = (
                    0.95 if token.text[:1].isupper() else 0.85 if token.tagged else 0.6
                )  # lower case: review
                return 1, _result(entity, part, part, score, f"roster {form} in a compound", words[0], False,
                                  codes=[who], joiner="-", form=form)  # fmt: skip
        return None

    def _parts_of(self, text: str, token: Token) -> Iterable[RecognizerResult]:
        """Roster names inside a word with hyphens or an apostrophe that is no name as a whole:
        "VIBEKE-SAGEN", "Jensen-Vibeke", "anne-mette-sagen", "Bækgaard'ernes" (the name, then its
        ending: what follows an apostrophe is never another name)."""
        word = _APOSTROPHE.split(token.text, maxsplit=1)[0]
        parts = word.split("-")
        starts = [token.start]
        for part in parts:
            starts.append(starts[-1] + len(part) + 1)
        first = 0
        while first < len(parts):
            for last in range(len(parts), first, -1):  # the longest run of parts first: "anne-mette"
                piece = "-".join(parts[first:last])
                if piece and (_key(piece),) in self.forms:  # in lower case: for review
                    part = Token(
                        piece, starts[first], starts[first] + len(piece), token.sentence_start, False
                    )
                    found = self._result(text, (part,), 0, (part,), self.forms[(_key(piece),)], False)
                    if found is not None:
                        found.recognition_metadata["rule"] += " inside a longer word"
                        yield found
                        first = last - 1
                        break
            first += 1


def _key(word: str) -> str:
    return spelling_key(word)


_APOSTROPHE = re.compile(r"['’]")


_SEPARATORS = re.compile(r"[._\-]")
# "Vibe-⏎ke" (a wrapped line reads as a space: ``Document.analysis_text``), and "Vibe- ke" where an
# import joined the lines. Never across a line break that stays one: that is where a turn ends.
_BROKEN = re.compile(r"-[ \t]+")


@lru_cache(maxsize=4)
def _lowercase_words(text: str) -> frozenset[str]:
    return frozenset(t.text for t in scan(text) if t.text[0].islower())


class DanishNameRecognizer(_TextRecognizer):
    """People not on the roster, from the first-name and surname lists and Danish capitalisation.

    A capitalised word mid-sentence is a name in Danish; at the start of a
    sentence it is a name only if it is not also an ordinary word ("Per", "Bo",
    "Skov", "Storm" are), unless a first name or a title comes with it.
    """

    ENTITIES = (PERSON,)

    def __init__(self, lexicon: Lexicon):
        super().__init__("danish names")
        self.lexicon = lexicon
        self._shouted: set[int] = set()

    def find(self, text, tokens):
        # A word in capitals (METTE FREDERIKSEN) is read as the capitalised word, but as if it started
        # a sentence: capitals say nothing about being a name. Never as a name in no list (KORA, VIVE).
        self._shouted = {t.start for t in tokens if _shouted(t)}
        if self._shouted:
            tokens = tuple(_unshouted(t) if t.start in self._shouted else t for t in tokens)
        i = 0
        while i < len(tokens):
            result, used = self._person_at(text, tokens, i)
            if result is not None:
                yield result
            i += max(used, 1)

    def _person_at(self, text: str, tokens: tuple[Token, ...], i: int) -> tuple[RecognizerResult | None, int]:
        token = tokens[i]
        if not token.capitalised or token.label or token.acronym or token.text in PRONOUNS:
            return None, 1
        lex = self.lexicon
        titled = _after_title(text, tokens, i)
        first = _resolve(token.text, lex.is_first_name)
        if first is not None:
            end = self._surnames_after(text, tokens, i) if not first[1] else i
            if end > i:
                last = _resolve(tokens[end].text, lex.is_name) or _apostrophe_possessive(tokens[end].text)
                base = " ".join([t.text for t in tokens[i:end]] + [last[0]])
                rule = "first name and surname"
                return _result(PERSON, token, tokens[end], 0.9, rule, base, last[1]), end - i + 1
            return self._single(token, first, "first name", titled), 1
        surname = _resolve(token.text, lex.is_surname)
        if surname is not None:
            return self._single(token, surname, "surname", titled), 1
        return self._unknown(text, tokens, i, titled)

    def _surnames_after(self, text: str, tokens: tuple[Token, ...], i: int) -> int:
        """The last word of a full name starting with the first name at ``i`` (``i`` if none follows)."""
        end = i
        while end + 1 < len(tokens) and end - i < 3:
            nxt = tokens[end + 1]
            if not (nxt.capitalised and adjacent(text, tokens[end], nxt)) or nxt.label or nxt.acronym:
                break
            end += 1
            if strip_possessive(nxt.text)[1] and not self.lexicon.is_name(nxt.text):
                break  # "Karin Storms stilling": the possessive ends the name
        return end

    def _single(self, token: Token, resolved: tuple[str, bool], kind: str, titled: bool) -> RecognizerResult:
        base, possessive = resolved
        also_word = self.lexicon.is_word(base)
        if titled:
            score, rule = 0.9, f"{kind} after a title"
        elif not token.sentence_start:
            score, rule = 0.85, f"{kind}, capitalised mid-sentence"
        elif not also_word:
            score, rule = 0.8, f"{kind} starting a sentence"
        else:
            score, rule = 0.5, f"{kind} starting a sentence, also an ordinary word"
        if kind == "surname" and self.lexicon.is_place(base) and not titled:
            score, rule = min(score, 0.6), f"{kind}, also a place"
        return _result(PERSON, token, token, score, rule, base, possessive, also_word=also_word)

    def _unknown(self, text: str, tokens: tuple[Token, ...], i: int, titled: bool):
        """Names in no list (Oksana Petrenko): capitalised words that are not Danish words."""
        if not self._unknown_word(tokens[i]):
            return None, 1
        end = i
        while end + 1 < len(tokens) and adjacent(text, tokens[end], tokens[end + 1]):
            nxt = tokens[end + 1]
            if not (self._unknown_word(nxt) or self.lexicon.is_surname(strip_possessive(nxt.text)[0])):
                break
            end += 1
        last_base, possessive = _resolve(tokens[end].text, self.lexicon.is_surname) or (
            _apostrophe_possessive(tokens[end].text)
        )
        base = " ".join([t.text for t in tokens[i:end]] + [last_base])
        if end > i:
            known_surname = self.lexicon.is_surname(last_base)
            score = 0.85 if titled or known_surname else 0.6
            rule = "unknown name " + ("after a title" if titled else "with a known surname" if known_surname
                                      else "(two capitalised words that are not Danish words)")  # fmt: skip
            return _result(PERSON, tokens[i], tokens[end], score, rule, base, possessive), end - i + 1
        if titled or _after_word(text, tokens, i, "hedder"):
            return _result(
                PERSON, tokens[i], tokens[i], 0.85, "unknown name after a title", base, possessive
            ), 1
        return None, 1

    def _unknown_word(self, token: Token) -> bool:
        return (
            token.start not in self._shouted
            and token.capitalised
            and not token.label
            and not token.acronym
            and self._unknown_word_text(token.text)
        )

    def _unknown_word_text(self, word: str) -> bool:
        lex = self.lexicon
        return not (lex.is_word(word) or lex.is_place(word) or word in lex.municipalities or word in PRONOUNS)


def _shouted(token: Token) -> bool:
    return len(token.text) >= 3 and token.text.isupper() and not token.label


def _unshouted(token: Token) -> Token:
    """ "METTE" read as "Mette" starting a sentence; "ANNE-METTE" as "Anne-Mette", "HANS'" as "Hans'"."""
    word = "-".join(part[:1] + part[1:].lower() for part in token.text.split("-"))
    return dataclasses.replace(token, text=word, sentence_start=True)


def _previous_word(text: str, tokens: tuple[Token, ...], i: int) -> str | None:
    """The word before ``tokens[i]`` when only a space or a comma stands between them."""
    if i == 0:
        return None
    between = text[tokens[i - 1].end : tokens[i].start]
    return tokens[i - 1].text if between in (" ", ", ") else None


def _after_title(text: str, tokens: tuple[Token, ...], i: int) -> bool:
    word = _previous_word(text, tokens, i)
    if word is None and i > 0 and text[tokens[i - 1].end : tokens[i].start] == ". ":
        return tokens[i - 1].text.lower() in ABBREVIATED_TITLES  # "hr. Olsen"
    return word is not None and is_title(word)


def _after_word(text: str, tokens: tuple[Token, ...], i: int, expected: str) -> bool:
    word = _previous_word(text, tokens, i)
    return word is not None and word.lower() == expected


class MunicipalityRecognizer(_TextRecognizer):
    """The 98 municipalities (Herning, Herning Kommune, Københavns Kommune) and the five regions."""

    ENTITIES = (LOCATION,)

    def __init__(self, lexicon: Lexicon):
        super().__init__("municipalities")
        self.names = frozenset(lexicon.municipalities) | {"Bornholm"}

    def find(self, text, tokens):
        for i, token in enumerate(tokens):
            if not token.capitalised or token.label:
                continue
            following = (
                tokens[i + 1] if i + 1 < len(tokens) and adjacent(text, token, tokens[i + 1]) else None
            )
            if token.text == "Region" and following is not None:
                region = _resolve(following.text, REGIONS.__contains__)
                if region:
                    yield _result(LOCATION, token, following, 0.95, "region", f"Region {region[0]}",
                                  region[1], place="region")  # fmt: skip
                continue
            name = _resolve(token.text, self.names.__contains__)
            if name is None:
                continue
            if following is not None and following.text in ("Kommune", "Kommunes", "Regionskommune"):
                yield _result(LOCATION, token, following, 0.95, "municipality", f"{name[0]} Kommune",
                              following.text.endswith("s"), place="municipality")  # fmt: skip
            else:
                yield _result(LOCATION, token, token, 0.85, "municipality name", name[0], name[1],
                              place="municipality")  # fmt: skip


class PlaceRecognizer(_TextRecognizer):
    """Towns, areas and countries from the Danish dictionary's place names (when places are replaced)."""

    ENTITIES = (LOCATION,)

    def __init__(self, lexicon: Lexicon):
        super().__init__("places")
        self.lexicon = lexicon

    def find(self, text, tokens):
        for token in tokens:
            if not token.capitalised or token.label:
                continue
            place = _resolve(token.text, self.lexicon.is_place)
            if place is None:
                continue
            score = 0.6 if token.sentence_start and self.lexicon.is_word(place[0]) else 0.8
            yield _result(LOCATION, token, token, score, "place name", place[0], place[1], place="place")


class OrganisationRecognizer(_TextRecognizer):
    """Institutions by their endings (Sundhedsstyrelsen) and acronyms (KL, DR), when turned on."""

    ENTITIES = (ORGANIZATION,)

    def __init__(self, lexicon: Lexicon):
        super().__init__("organisations")
        self.lexicon = lexicon

    def find(self, text, tokens):
        for token in tokens:
            if token.label or not token.capitalised:
                continue
            base, possessive = strip_possessive(token.text)
            if token.acronym and 2 <= len(token.text) <= 6 and not self.lexicon.is_word(token.text):
                yield _result(ORGANIZATION, token, token, 0.6, "acronym", token.text, False)
            elif base.lower().endswith(ORG_ENDINGS) and base.lower() not in self.lexicon.words:
                yield _result(ORGANIZATION, token, token, 0.8, "institution", base, possessive)
            elif token.text.lower().endswith(ORG_ENDINGS) and token.text.lower() not in self.lexicon.words:
                yield _result(ORGANIZATION, token, token, 0.8, "institution", token.text, False)


class AddedNameRecognizer(_TextRecognizer):
    """Names the researcher added by hand: found everywhere they are written (and possessive)."""

    ENTITIES = (PERSON, LOCATION, ORGANIZATION)

    def __init__(self, added: list[tuple[str, str]]):
        super().__init__("added by the researcher")
        self.forms = {tuple(name.split()): entity for name, entity in added if name.strip()}
        self.longest = max((len(k) for k in self.forms), default=0)

    def find(self, text, tokens):
        for i in range(len(tokens)):
            for length in range(min(self.longest, len(tokens) - i), 0, -1):
                run = tokens[i : i + length]
                if any(not adjacent(text, a, b) for a, b in zip(run, run[1:], strict=False)):
                    continue
                head = tuple(t.text for t in run[:-1])
                resolved = _resolve(run[-1].text, lambda w, head=head: head + (w,) in self.forms)
                if resolved:
                    key = head + (resolved[0],)
                    yield _result(self.forms[key], run[0], run[-1], 1.0, "added by the researcher",
                                  " ".join(key), resolved[1])  # fmt: skip
                    break
