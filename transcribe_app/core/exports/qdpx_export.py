"""Several interviews as one REFI-QDA project: what ``transcribe-app export … --format qdpx`` runs.

    outcome = export_qdpx(load_interviews(paths), QdpxRequest(Path("studie.qdpx"), pseudonymise=True,
                                                                key=Path("studie.key.json")))

The export's usual steps, for each interview and then for the package (DESIGN.md): the view at the
level and layout of its last appendix → the pseudonymisation hook (``ExportPseudonymiser``) → the
layout → the REFI-QDA renderer (``qdpx.build_package``) → the leak gate over everything in the
package (every word of ``project.qde``, every transcript, every file name in the zip and the zip's
own name, against every real name of every interview) → the key → one atomic write.

Interviews without text are left out with a sentence; an interview whose recording is missing, or
larger than a zip member should be (``MAX_RECORDING_BYTES``), goes in as text without its sound, with
a sentence saying why. Like every use case it changes the projects in memory only (a pseudonymised
export's audit entries); ``QdpxOutcome.changed`` names those the caller must save.
"""

from __future__ import annotations

import copy
import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ..errors import BadInputError
from ..file_safety import is_file
from ..layout import LayoutSettings
from ..project.record import PROJECT_SUFFIX, Project
from ..pseudonymise.gate import Leak, LeakError
from .document import ExportDocument, citation_code, prepare
from .files import atomic_write_stream
from .qdpx import Interview, Person, QdpxPackage, build_package

# Larger recordings stay out of the zip: the REFI-QDA standard keeps sources over 2 GB outside the
# package, and QualCoder does the same; not every program reads a zip member that large.
MAX_RECORDING_BYTES = 2 * 1024**3


@dataclass
class LoadedInterview:
    """A project and the file it was read from (for its recording's path and the notes)."""

    path: Path
    project: Project


@dataclass(frozen=True)
class QdpxRequest:
    output: Path
    pseudonymise: bool = False
    key: Path | None = None
    accept_review: bool = False
    allow_leaks: bool = False
    title: str | None = None

    def check(self) -> None:
        if not self.pseudonymise and (self.key is not None or self.accept_review or self.allow_leaks):
            raise BadInputError(
                "A key, accepting the review unseen and letting names through belong to a pseudonymised "
                "export."
            )
        if self.pseudonymise and self.key is None:
            raise BadInputError(
                "A pseudonymised REFI-QDA project needs a key file: the file that links codes to real "
                "names, kept apart from the export."
            )


@dataclass
class QdpxOutcome:
    request: QdpxRequest
    interviews: int = 0
    recordings: int = 0
    quotes: int = 0
    notes: list[str] = field(default_factory=list)  # sentences: what was left out and why
    leaks: int = 0
    changed: list[LoadedInterview] = field(default_factory=list)  # audit entries added: save these


class QdpxStopped(LeakError):
    """The leak gate stopped the REFI-QDA project: nothing was written."""


def project_files(paths: list[Path]) -> list[Path]:
    """The project files named, a folder standing for every ``*.transkript.json`` in it (sorted)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(path.glob(f"*{PROJECT_SUFFIX}"))
            if not inside:
                raise BadInputError(f"The folder {path} holds no Transkript projects (*{PROJECT_SUFFIX}).")
            found += inside
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def load_interviews(paths: list[Path]) -> list[LoadedInterview]:
    from ..project.file import load_project

    return [LoadedInterview(path, load_project(path)) for path in project_files(paths)]


def export_qdpx(interviews: list[LoadedInterview], request: QdpxRequest) -> QdpxOutcome:
    """Write ``interviews`` as one REFI-QDA project (see the module); changes the projects in memory only."""
    request.check()
    outcome = QdpxOutcome(request)
    audit_before = [item.project.pseudonymisation.audit_count() for item in interviews]
    prepared = _prepared(interviews, request, outcome)
    package = build_package(
        [interview for _, interview, _ in prepared],
        _people(prepared, request.pseudonymise),
        title=request.title or request.output.stem,
        user=_user(),
        exported=datetime.now(timezone.utc),
    )
    outcome.notes += [
        f"The quote {citation} of “{heading}” is left out: its words are no longer on any lines of the "
        "transcript (they changed since it was added to the basket)."
        for heading, citation in package.quotes_left_out
    ]
    if request.pseudonymise:
        _gate_and_key(prepared, package, request, outcome)
    atomic_write_stream(request.output, package.write)
    outcome.interviews = len(prepared)
    outcome.recordings = len(package.recordings)
    outcome.quotes = sum(len(item.project.quotes) for item, _, _ in prepared) - len(package.quotes_left_out)
    outcome.changed = [item for item, before in zip(interviews, audit_before, strict=True)
                       if item.project.pseudonymisation.audit_count() != before]  # fmt: skip
    return outcome


# -- each interview: view → hook → layout ------------------------------------------------------


def _prepared(interviews: list[LoadedInterview], request: QdpxRequest, outcome: QdpxOutcome):
    """(interview, its package entry, its pseudonymiser or None) for each interview with text."""
    if not interviews:
        raise BadInputError("Give the projects (or a folder of them) to put in the REFI-QDA project.")
    prepared = []
    identities: Counter[str] = Counter()
    for item in interviews:
        pseudonymiser = _pseudonymiser(item.project, request)
        try:
            document = _document(item.project, pseudonymiser)
        except BadInputError:
            outcome.notes.append(f"{item.path.name} is left out: it has no text yet (transcribe it first).")
            continue
        recording = _recording(item, outcome)
        project = item.project
        run = project.transcription
        edited = [entry.at for entry in project.edits if entry.at]
        identity = _identity(item)
        identities[identity] += 1  # two projects of one recording (a copy to try something) stay two
        interview = Interview(
            document=document,
            identity=identity if identities[identity] == 1 else f"{identity}:{identities[identity]}",
            recording=recording,
            created=(run.started_at if run else None) or None,
            modified=max(edited, default=None) or (run.finished_at if run else None),
        )
        prepared.append((item, interview, pseudonymiser))
    if not prepared:
        raise BadInputError(
            "None of the projects has any text yet, so there is nothing to put in a REFI-QDA project."
        )
    return prepared


def _pseudonymiser(project: Project, request: QdpxRequest):
    if not request.pseudonymise:
        return None
    from ..pseudonymise.stage import ExportPseudonymiser

    # The appendix's profile too: the quotes stand on the same lines, identifiers generalised alike.
    profile = project.layout.profile if project.layout is not None and project.layout.pseudonymised else None
    return ExportPseudonymiser(
        project, None, accept_review=request.accept_review, allow_leaks=True, profile=profile
    )


def _document(project: Project, pseudonymiser) -> ExportDocument:
    """The interview as its last appendix was laid out (width, timestamps, level): the quotes' lines."""
    recorded = project.layout
    settings = recorded.settings if recorded else LayoutSettings()
    return prepare(
        project,
        level=recorded.level if recorded else None,
        settings=settings,
        turns_hook=pseudonymiser.hook if pseudonymiser else None,
        pseudonymised=pseudonymiser is not None,
        profile=pseudonymiser.profile if pseudonymiser else None,
    )


def _recording(item: LoadedInterview, outcome: QdpxOutcome) -> Path | None:
    """The recording to pack, or None with a sentence why it is not."""
    audio = item.project.audio_file(item.path)
    if audio is None:
        return None
    if not is_file(audio):
        outcome.notes.append(
            f"The recording of {item.path.name} is not at {audio}: the interview goes in as text without "
            "sound. Put the recording back (or point the project at it) and export again to link it."
        )
        return None
    size = audio.stat().st_size
    if size > MAX_RECORDING_BYTES:
        outcome.notes.append(
            f"The recording of {item.path.name} is {size / 1024**3:.1f} GB, more than the 2 GB a REFI-QDA "
            "project holds inside: the interview goes in as text without sound. Make a compressed copy "
            "(for example M4A or MP3), point the project at it and export again, or add the recording "
            "in the QDA program."
        )
        return None
    return audio


def _identity(item: LoadedInterview) -> str:
    """What the interview's GUIDs are made from: the recording's hash, else its appendix facts."""
    project = item.project
    if project.audio.sha256:
        return f"audio:{project.audio.sha256}"
    meta = project.metadata
    return f"project:{meta.appendix}:{citation_code(project)}:{meta.date}:{item.path.name}"


# -- the cases ------------------------------------------------------------------------------------


def _people(prepared, pseudonymised: bool) -> list[Person]:
    """The informants and interviewers of every interview, each once (by role and code)."""
    people: dict[tuple[str, str], Person] = {}
    for item, interview, _ in prepared:
        project = item.project
        for number, entry in enumerate(e for e in project.roster if e.role in ("informant", "interviewer")):
            # A typed transcript may label turns with names ("Vibeke:"): such a label is never shown.
            label = "" if entry.name and entry.label.casefold() in entry.name.casefold() else entry.label
            code = entry.code or label
            key = (entry.role, code or f"{interview.identity}:{number}")
            if pseudonymised:
                name = code or f"{entry.role.capitalize()} {len(people) + 1}"
            else:
                name = f"{entry.name} ({code})" if entry.name and code else entry.name or code
            person = people.setdefault(
                key, Person(f"{key[0]}:{key[1]}", name or entry.role, code, entry.role)
            )
            person.position = person.position or entry.position
            person.area = person.area or entry.area
            person.kinds.append(project.metadata.kind)
            if project.metadata.date:
                person.dates.append(project.metadata.date)
            person.interviews.append(interview.identity)
    return list(people.values())


def _user() -> str:
    from ..pseudonymise.state import who

    return who()


# -- the gate and the key ---------------------------------------------------------------------------


def _gate_and_key(prepared, package: QdpxPackage, request: QdpxRequest, outcome: QdpxOutcome) -> None:
    """No real name of any interview anywhere in the package (or the override, audited), then the key."""
    from ..pseudonymise.gate import find_leaks, protected_names
    from ..pseudonymise.outputs import gated_text, pass_gate

    names: set[str] = set()
    rejected: Counter[str] = Counter()
    for item, _, pseudonymiser in prepared:
        mentions = pseudonymiser.result.detection.mentions
        names.update(protected_names(item.project.roster, {m.base for m in mentions if m.replaced}))
        rejected.update(m.text for m in mentions if m.decision == "rejected")
    ordered = sorted(names, key=len, reverse=True)
    leaks: list[Leak] = find_leaks(gated_text(package.text, request.output), ordered, rejected)
    if leaks and not request.allow_leaks:
        raise QdpxStopped(leaks)
    for item, _, _ in prepared:
        pass_gate(item.project.pseudonymisation, leaks, allow_leaks=True, output=request.output, what="qdpx")
    outcome.leaks = len(leaks)
    _write_key(prepared, package, request)


def _write_key(prepared, package: QdpxPackage, request: QdpxRequest) -> None:
    from ..pseudonymise.key import build_key, key_record, write_key

    entries: dict[tuple[str, str], dict] = {}
    audit = []
    name = os.path.basename(os.fspath(request.output))
    for item, interview, pseudonymiser in prepared:
        state = item.project.pseudonymisation
        state.record("key written", output=name, format="qdpx")
        key = build_key(pseudonymiser.result, item.project.roster, state.audit, interview.document.heading)
        for entry in key["entries"]:
            entries.setdefault((entry["replacement"], entry["name"]), entry)
        audit += copy.deepcopy(state.audit)
    record = key_record("qdpx", package.text, list(entries.values()), occurrences=[], audit=audit)
    write_key(record, request.key, [request.output])
