"""The methods paragraph: how the transcripts were made, in Danish or English, from the recorded facts.

Each sentence is written only when the facts it states are recorded (``facts.InterviewFacts``): a study
whose speakers were never found automatically gets no sentence about speaker detection, one whose
appendices are not pseudonymised none about pseudonymisation, and the figures (interviews, words
corrected, lines) are counted from the projects. Settings the interviews share are told once; where
they differ, each appendix is named with its own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .facts import InterviewFacts, Recognition

LANGUAGES = ("da", "en")

_LANGUAGE_NAMES = {
    "da": {"da": "dansk", "en": "engelsk", "sv": "svensk", "no": "norsk", "de": "tysk"},
    "en": {"da": "Danish", "en": "English", "sv": "Swedish", "no": "Norwegian", "de": "German"},
}
_LEVELS = {
    "da": {
        "verbatim": (
            "ordret: alle ord er medtaget, også fyldord som øh og øhm, og pauser er markeret ud fra ordenes "
            "tidsstempler som (.) for 1–2 sekunder, (..) for 2–3 sekunder og (N sek.) fra 3 sekunder "
            "(efter Dresing og Pehls konventioner)"
        ),
        "clean": (
            "renskrevet: fyldord (øh, øhm, hm), tilbagemeldinger midt i en sætning (mm, mhm), afbrudte "
            "ordstumper, gentagelser (»jeg jeg«) og falske starter er udeladt, og tegnsætning og store "
            "bogstaver er tilpasset, mens ord med betydning som »ikke«, »altså« og »jo« er bevaret"
        ),
        "strict": (
            "stramt renskrevet: ud over det, den renskrevne gengivelse udelader (fyldord, tilbagemeldinger, "
            "afbrudte ordstumper, gentagelser og falske starter), er også påhængsspørgsmål (», ikke?«) og "
            "»altså« i begyndelsen af en sætning udeladt"
        ),
    },
    "en": {
        "verbatim": (
            "verbatim: every word is included, fillers such as øh and øhm too, and pauses are "
            "marked from the "
            "word timings as (.) for 1–2 seconds, (..) for 2–3 seconds and (N sek.) from 3 seconds "
            "(following the conventions of Dresing and Pehl)"
        ),
        "clean": (
            "clean: fillers (øh, øhm, hm), backchannels within a sentence (mm, mhm), broken-off word "
            "fragments, repetitions (“jeg jeg”) and false starts are left out, and punctuation and capitals "
            "are adjusted, while words that carry meaning, such as “ikke”, “altså” and “jo”, are kept"
        ),
        "strict": (
            "strictly clean: besides what the clean rendering leaves out (fillers, backchannels, word "
            "fragments, repetitions and false starts), tag questions (“, ikke?”) and sentence-initial "
            "“altså” are left out too"
        ),
    },
}
_NUMBERS_DA = ("nul", "ét", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni", "ti")
_NUMBERS_EN = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def methods_paragraph(facts: Sequence[InterviewFacts], lang: str = "da") -> str:
    """A paragraph for the method chapter about ``facts``' interviews, in ``lang`` (da or en)."""
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}")
    if not facts:
        return ""
    sentences = [
        *_recognition(facts, lang),
        *_conventions(facts, lang),
        *_speakers(facts, lang),
        *_corrections(facts, lang),
        *_pseudonymisation(facts, lang),
        *_lines(facts, lang),
        *_validation(facts, lang),
    ]
    return " ".join(sentences)


# -- recognition ----------------------------------------------------------------------------------


def _recognition(facts: Sequence[InterviewFacts], lang: str) -> list[str]:
    da = lang == "da"
    recognised = [f for f in facts if f.recognition is not None]
    imported = [f for f in facts if f.imported]
    hours = sum(f.duration or 0 for f in facts) / 3600
    several = len(facts) > 1
    if da:
        length = f" med i alt {_duration(hours, lang)} optagelse" if hours else ""
        sentences = [f"Materialet består af {_count(len(facts), lang)} interview{length}."]
    else:
        length = f" with {_duration(hours, lang)} of recording in all" if hours else ""
        sentences = [
            f"The material consists of {_count(len(facts), lang)} interview{'s' if several else ''}{length}."
        ]
    settings = Counter(f.recognition for f in recognised)
    for recognition, _ in settings.most_common():
        group = [f for f in recognised if f.recognition == recognition]
        if len(group) == len(facts):
            subject = ("De" if several else "Det") if da else ("They" if several else "It")
        else:
            subject = _names([f.heading for f in group], lang)
        verb = "blev" if da else ("were" if len(group) > 1 or len(group) == len(facts) and several else "was")
        done = "transskriberet automatisk" if da else "transcribed automatically"
        sentences.append(f"{subject} {verb} {done} {_engine(recognition, lang)}.")
    if recognised:
        sentences.append(
            "Talegenkendelsen kørte offline i Transkript, så optagelserne ikke blev sendt til nogen ekstern "
            "tjeneste."
            if da
            else "Recognition ran offline in Transkript, so no recording was sent to an outside service."
        )
        unfinished = [f.heading for f in recognised if not f.recognition.complete]
        if unfinished:
            sentences.append(
                f"Transskriptionen af {_names(unfinished, lang)} er ikke afsluttet."
                if da
                else f"The transcription of {_names(unfinished, lang)} is not finished."
            )
    if imported:
        names = _names([f.heading for f in imported], lang)
        sentences.append(
            f"{names} forelå som {'skrevne udskrifter' if len(imported) > 1 else 'skreven udskrift'} og blev "
            "indlæst som tekst."
            if da
            else (
                f"{names} existed as typed transcripts and were read in as text."
                if len(imported) > 1
                else f"{names} existed as a typed transcript and was read in as text."
            )
        )
    return sentences


def _engine(recognition: Recognition, lang: str) -> str:
    da = lang == "da"
    model = f"Whisper-modellen {recognition.model}" if da else f"the Whisper model {recognition.model}"
    if not recognition.model:
        model = "Whisper" if da else "Whisper"
    library = " ".join(part for part in (recognition.backend, recognition.library_version) if part)
    app = f"Transkript {recognition.app_version}".strip() if recognition.app_version else "Transkript"
    parts = [f"med {model} ({library}) i {app}" if da else f"with {model} ({library}) in {app}"]
    if recognition.language:
        name = _LANGUAGE_NAMES[lang].get(recognition.language, recognition.language)
        parts.append(f"med sproget sat til {name}" if da else f"with the language set to {name}")
    else:
        parts.append("med sproget fundet automatisk" if da else "with the language detected automatically")
    if recognition.beam_size:
        parts.append(
            f"strålebredde (beam size) {recognition.beam_size}"
            if da
            else f"beam size {recognition.beam_size}"
        )
    if recognition.word_list:
        parts.append(
            "en liste over forventede navne og fagord som hjælp til genkendelsen"
            if da
            else "a list of expected names and terms to guide the recognition"
        )
    if recognition.verbatim_pass:
        parts.append(
            "en ekstra gennemlytning, der alene tilføjede fyldord"
            if da
            else "a second pass that only added fillers"
        )
    return _join(parts, lang)


# -- conventions, speakers, corrections ------------------------------------------------------------


def _conventions(facts: Sequence[InterviewFacts], lang: str) -> list[str]:
    da = lang == "da"
    levels = Counter(f.level for f in facts)
    sentences = []
    for level, _ in levels.most_common():
        rule = _LEVELS[lang][level]
        if len(levels) == 1:
            sentences.append(
                f"{_plural(facts, 'Transskriptionen', 'Transskriptionerne')} er gengivet {rule}."
                if da
                else f"{_plural(facts, 'The transcript is', 'The transcripts are')} {rule}."
            )
        else:
            names = _names([f.heading for f in facts if f.level == level], lang)
            sentences.append(f"{names} er gengivet {rule}." if da else f"{names}: {rule}.")
    if any(level != "verbatim" for level in levels):
        sentences.append(
            "Den ordrette tekst er bevaret i projektfilerne, og udeladelserne kan til enhver tid vises igen."
            if da
            else "The verbatim text is kept in the project files, and what is left out can be shown "
            "again at any time."
        )
    return sentences


def _speakers(facts: Sequence[InterviewFacts], lang: str) -> list[str]:
    da = lang == "da"
    found = [f for f in facts if f.diariser]
    if not found:
        return []
    methods = _join(sorted({f.diariser for f in found}), lang)
    if len(facts) == 1:
        which = ""
    elif len(found) == len(facts):
        which = " i alle interview" if da else " in every interview"
    else:
        which = f" {'i' if da else 'in'} {_names([f.heading for f in found], lang)}"
    coded = all(f.coded_speakers for f in found)
    if da:
        linked = ", og talerne blev derefter knyttet til informantkoderne" if coded else ""
        sentences = [
            f"Hvem der taler hvornår, blev fundet automatisk{which} ved talerdiarisering ({methods}){linked}."
        ]
    else:
        linked = ", and the speakers were then linked to the informant codes" if coded else ""
        sentences = [
            f"Who speaks when was found automatically{which} by speaker diarisation ({methods}){linked}."
        ]
    edits = sum(f.speaker_edits for f in found)
    if edits:
        places = (
            (f"{_count(edits, lang)} sted" + ("er" if edits != 1 else ""))
            if da
            else f"{_count(edits, lang)} place{'s' if edits != 1 else ''}"
        )
        sentences.append(
            f"Forskeren rettede taleren i hånden {places}."
            if da
            else f"The researcher corrected the speaker by hand in {places}."
        )
    return sentences


def _corrections(facts: Sequence[InterviewFacts], lang: str) -> list[str]:
    da = lang == "da"
    recognised = [f for f in facts if f.recognition is not None and f.words]
    if not recognised:
        return []
    corrected = sum(f.corrected for f in recognised)
    words = sum(f.words for f in recognised)
    if not corrected:
        return [
            "Der er ikke registreret rettelser af den automatiske tekst."
            if da
            else "No corrections of the automatic text are recorded."
        ]
    share = _percent(corrected, words, lang)
    sentence = (
        f"Den automatiske tekst blev derefter rettet i hånden: {_int(corrected, lang)} af "
        f"{_int(words, lang)} "
        f"ord ({share}) er ændret eller skrevet af forskeren"
        if da
        else f"The automatic text was then corrected by hand: the researcher changed or typed "
        f"{_int(corrected, lang)} "
        f"of {_int(words, lang)} words ({share})"
    )
    if len(recognised) > 1:
        each = [
            f"{f.heading.split(':')[0]}: {_int(f.corrected, lang)} ({_percent(f.corrected, f.words, lang)})"
            for f in recognised
        ]
        sentence += f" ({'pr. interview: ' if da else 'per interview: '}{'; '.join(each)})"
    return [sentence + "."]


# -- pseudonymisation, lines, validation -----------------------------------------------------------


def _pseudonymisation(facts: Sequence[InterviewFacts], lang: str) -> list[str]:
    da = lang == "da"
    done = [f for f in facts if f.pseudonymised]
    if not done:
        return []
    which = (
        (
            _plural(facts, "Bilaget", "Bilagene")
            if len(done) == len(facts)
            else _names([f.heading for f in done], lang)
        )
        if da
        else (
            _plural(facts, "The appendix", "The appendices")
            if len(done) == len(facts)
            else _names([f.heading for f in done], lang)
        )
    )
    # An example of what stands for a name: a person's label first ("[Person 1]"), else a place's.
    persons = sorted({r for f in done for r in f.replacements if r.startswith("[")},
                     key=lambda r: (not r.startswith("[Person"), r))  # fmt: skip
    example = f" som {persons[0]}" if da and persons else (f" such as {persons[0]}" if persons else "")
    sources = (
        ["deltagerlisten", "danske navnelister"] if da else ["the list of participants", "Danish name lists"]
    )
    if any(f.ner_model for f in done):
        sources.append("en sprogmodel til genkendelse af navne" if da else "a named-entity model")
    kinds = []
    if any(f.places for f in done):
        kinds.append("stednavne" if da else "place names")
    if any(f.organisations for f in done):
        kinds.append("organisationer" if da else "organisations")
    also = (
        (f"; også {_join(kinds, lang)} blev erstattet" if da else f"; {_join(kinds, lang)} were replaced too")
        if kinds
        else ""
    )
    coded = all(f.coded_speakers for f in done)  # the speakers carry roster codes in the appendix
    if da:
        who = "informanterne optræder med deres koder, og andre personnavne" if coded else "personnavne"
        sentences = [
            f"{which} er pseudonymiseret: {who} er erstattet af neutrale betegnelser{example}{also}. "
            f"Navnene blev fundet ud fra {_join(sources, lang)}."
        ]
    else:
        verb = "are" if len(done) > 1 or which == "The appendices" else "is"
        who = "the informants appear by their codes, and other personal names" if coded else "personal names"
        sentences = [
            f"{which} {verb} pseudonymised: {who} are replaced by neutral labels{example}{also}. "
            f"The names were found from {_join(sources, lang)}."
        ]
    decisions = sum((f.decisions for f in done), Counter())
    if decisions:
        rejected, added = decisions["reject"], decisions["add"]
        detail = []
        if rejected:
            detail.append(
                f"{_count(rejected, lang)} fund afvist som {'ikke-navn' if rejected == 1 else 'ikke-navne'}"
                if da
                else f"{_count(rejected, lang)} rejected as not {'a name' if rejected == 1 else 'names'}"
            )
        if added:
            detail.append(
                f"{_count(added, lang)} {'navn' if added == 1 else 'navne'} tilføjet"
                if da
                else f"{_count(added, lang)} {'name' if added == 1 else 'names'} added"
            )
        more = f" ({_join(detail, lang)})" if detail else ""
        total = sum(decisions.values())
        sentences.append(
            f"Forskeren gennemgik fundene og traf {_count(total, lang)} "
            f"{'beslutning' if total == 1 else 'beslutninger'}{more}."
            if da
            else f"The researcher reviewed the findings and made {_count(total, lang)} "
            f"decision{'' if total == 1 else 's'}{more}."
        )
    if any(f.accepted_review_unseen for f in done):
        sentences.append(
            "Usikre fund blev accepteret samlet uden gennemsyn ét for ét."
            if da
            else "Uncertain findings were accepted together, without being reviewed one by one."
        )
    sentences.append(
        "Hver pseudonymiseret fil blev kontrolleret for tilbageværende navne, før den blev skrevet, "
        "og nøglen "
        "mellem koder og navne opbevares adskilt fra bilagene."
        if da
        else "Every pseudonymised file was checked for remaining names before it was written, and "
        "the key between "
        "codes and names is kept apart from the appendices."
    )
    overrides = sum(f.leaks_let_through for f in done)
    if overrides:
        sentences.append(
            f"I {_count(overrides, lang)} tilfælde blev en fil skrevet trods mulige navne; det er "
            f"registreret i "
            "projektets log."
            if da
            else f"In {_count(overrides, lang)} case{'s' if overrides != 1 else ''} a file was "
            f"written despite possible "
            "names; the project's log records it."
        )
    return sentences


def _lines(facts: Sequence[InterviewFacts], lang: str) -> list[str]:
    da = lang == "da"
    laid_out = [f for f in facts if f.width]
    if not laid_out:
        return []
    widths = sorted({f.width for f in laid_out})
    width = f"højst {widths[0]} tegn pr. linje" if da else f"at most {widths[0]} characters a line"
    if len(widths) > 1:
        width = (
            f"højst {'–'.join(map(str, (widths[0], widths[-1])))} tegn pr. linje"
            if da
            else f"at most {widths[0]}–{widths[-1]} characters a line"
        )
    stamps = [f for f in laid_out if f.timestamps]
    stamp = ""
    if stamps:
        stamp = ", med tidsangivelse ved hver replik" if da else ", with the time at each turn"
    example = next((f.quote_example for f in laid_out if f.quote_example), None)
    code = next((f.code for f in laid_out if f.code), None)
    if example is None and code:
        example = f"({code}: 12-14)"
    cite = (f", fx {example}" if da else f", e.g. {example}") if example else ""
    return [
        f"{_plural(facts, 'Bilaget', 'Bilagene')} har fortløbende linjenumre ({width}{stamp}), og citater "
        f"henvises med informantkode og linjenumre{cite}."
        if da
        else f"{_plural(facts, 'The appendix has', 'The appendices have')} continuous line numbers "
        f"({width}{stamp}), and quotations are referenced by informant code and line numbers{cite}."
    ] + _overlap(laid_out, lang)


_OVERLAP_EXAMPLES = {"slashes": "//sådan//", "brackets": "[sådan]"}


def _overlap(laid_out: Sequence[InterviewFacts], lang: str) -> list[str]:
    """How overlapped speech is marked, when an appendix marks it (one sentence per convention)."""
    conventions = sorted({f.overlap_marks for f in laid_out if f.overlap_marks in _OVERLAP_EXAMPLES})
    return [
        f"Overlappende tale (to stemmer på én gang, som talergenkendelsen fandt den) er markeret "
        f"{_OVERLAP_EXAMPLES[c]}."
        if lang == "da"
        else f"Overlapping speech (two voices at once, as the speaker recognition found it) is marked "
        f"{_OVERLAP_EXAMPLES[c].replace('sådan', 'like this')}."
        for c in conventions
    ]


def _validation(facts: Sequence[InterviewFacts], lang: str) -> list[str]:
    da = lang == "da"
    quotes = sum(f.quotes for f in facts)
    if not quotes:
        return []
    if da:
        what = "ét citat" if quotes == 1 else f"{_count(quotes, lang)} citater"
        return [f"Til validering hos informanterne blev {what} samlet i en citatkurv."]
    what = "one quotation" if quotes == 1 else f"{_count(quotes, lang)} quotations"
    return [f"For validation with the informants, {what} {'was' if quotes == 1 else 'were'} collected."]


# -- words and numbers ----------------------------------------------------------------------------


def _names(names: Sequence[str], lang: str) -> str:
    return _join([name.split(":")[0] for name in names], lang)


def _join(items: Sequence[str], lang: str) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    word = " og " if lang == "da" else " and "
    return ", ".join(items[:-1]) + word + items[-1]


def _count(n: int, lang: str) -> str:
    """Small numbers in words, as academic prose writes them ("fire interview"); larger ones in figures."""
    words = _NUMBERS_DA if lang == "da" else _NUMBERS_EN
    return words[n] if n < len(words) else str(n)


def _int(n: int, lang: str) -> str:
    text = f"{n:,}"
    return text.replace(",", ".") if lang == "da" else text


def _decimal(value: float, lang: str) -> str:
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang == "da" else text


def _percent(part: int, whole: int, lang: str) -> str:
    share = 100 * part / whole if whole else 0.0
    return f"{_decimal(share, lang)} %" if lang == "da" else f"{share:.1f}%"


def _plural(facts: Sequence[InterviewFacts], one: str, several: str) -> str:
    return one if len(facts) == 1 else several


def _duration(hours: float, lang: str) -> str:
    """ "3,2 timers" from an hour, else "25 minutters" (the genitive the Danish sentence needs)."""
    if hours >= 1:
        return f"{_decimal(hours, lang)} timers" if lang == "da" else f"{_decimal(hours, lang)} hours"
    minutes = max(1, round(hours * 60))
    if lang == "da":
        return f"{minutes} minutters" if minutes != 1 else "ét minuts"
    return f"{minutes} minute{'s' if minutes != 1 else ''}"
