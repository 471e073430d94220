"""What the projects record about how each transcript was made: the facts a method chapter states.

Only stored provenance is read — the transcription run (model, library, options), the cleanup level
of the appendix, the diarisation record, the edit log, the words the researcher corrected (a corrected
word loses Whisper's probability: ``editing.py``), the pseudonymisation's settings, decisions and
audit log, the recorded appendix layout and the quote basket. Nothing is inferred that a project does
not record: a fact missing from a project is None or zero here, and the paragraph leaves it out.
No real name is read into these facts (the appendix heading carries codes).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..cleanup.transcript_view import project_level
from ..project.record import COMPLETE, Project


@dataclass(frozen=True)
class Recognition:
    """How the words were recognised: what ``TranscriptionRun`` stores (None: not recorded)."""

    backend: str
    library_version: str
    model: str | None
    language: str | None  # None: detected per recording
    beam_size: int | None
    word_list: bool  # an initial prompt (names, terms) was given; its words are never repeated here
    verbatim_pass: bool  # the second pass that only adds fillers
    app_version: str
    complete: bool


@dataclass
class InterviewFacts:
    """The recorded facts of one interview."""

    heading: str  # "Bilag 1: Interview med VJ": codes, never names
    code: str | None  # the citation code
    imported: bool  # a typed transcript, imported as text
    recognition: Recognition | None
    duration: float | None
    level: str  # the cleanup level of the appendix (else the project's)
    diariser: str | None  # the diarisation record's method; None: speakers were not found automatically
    speakers_found: int | None
    speaker_edits: int  # turns the researcher gave another speaker by hand
    coded_speakers: bool  # the roster links speaker labels to informant codes
    words: int
    corrected: int  # words whose text the researcher changed or typed
    pseudonymised: bool  # the recorded appendix is pseudonymised
    decisions: Counter = field(default_factory=Counter)  # by action: accept, reject, add …
    accepted_review_unseen: bool = False
    places: bool = False
    organisations: bool = False
    ner_model: bool = False
    replacements: list[str] = field(default_factory=list)  # what replaced names: VJ, [Person 1], [Sted]
    leaks_let_through: int = 0  # exports written despite the gate, on record
    width: int | None = None  # the appendix's line width; None: no appendix exported
    timestamps: bool = False
    overlap_marks: str = "none"  # how the appendix marks overlapped speech (none, slashes, brackets)
    quotes: int = 0  # quotes in the basket
    quote_example: str | None = None  # the first quote's citation, "(VJ: 79-80)"


def interview_facts(project: Project) -> InterviewFacts:
    """The facts ``project`` records (see the module)."""
    from ..exports.document import appendix_heading, citation_code

    layout = project.layout
    state = project.pseudonymisation
    words = [w for s in project.segments for w in s.words if w.text.strip()]
    imported = project.source == "import"
    diarisation = project.diarisation
    settings = state.settings_in_use
    return InterviewFacts(
        heading=appendix_heading(project),
        code=citation_code(project),
        imported=imported,
        recognition=None if imported else _recognition(project),
        duration=project.audio.duration,
        level=(layout.level if layout and layout.level else None) or project_level(project),
        diariser=diarisation.method if diarisation is not None else None,
        speakers_found=diarisation.speakers_found if diarisation is not None else None,
        speaker_edits=sum(1 for entry in project.edits if entry.kind == "speaker"),
        coded_speakers=any(entry.label and entry.code for entry in project.roster),
        words=len(words),
        corrected=0 if imported else sum(1 for w in words if w.probability is None),
        pseudonymised=bool(layout and layout.pseudonymised),
        decisions=Counter(decision.action for decision in state.decisions),
        accepted_review_unseen=any(entry.event == "accepted all review" for entry in state.audit),
        places=settings.places,
        organisations=settings.organisations,
        ner_model=bool(settings.ner_model),
        replacements=sorted({e.replacement for e in state.entities if e.replacement}),
        leaks_let_through=sum(1 for entry in state.audit if entry.event == "export despite leaks"),
        width=layout.width if layout else None,
        timestamps=bool(layout and layout.timestamps),
        overlap_marks=layout.overlap_marks if layout else "none",
        quotes=len(project.quotes),
        quote_example=next((q.citation for q in project.quotes if q.citation), None),
    )


def _recognition(project: Project) -> Recognition | None:
    run = project.transcription
    if run is None:
        return None
    options = run.options
    return Recognition(
        backend=run.backend,
        library_version=run.library_version,
        model=run.model.get("name") or options.get("model"),
        language=options.get("language"),
        beam_size=options.get("beam_size"),
        word_list=bool(options.get("initial_prompt")),
        verbatim_pass=run.verbatim_fillers is not None,
        app_version=run.app_version,
        complete=run.status == COMPLETE,
    )
