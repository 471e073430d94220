"""One set of pseudonyms for a whole study: one roster, one ``[Person N]`` register, one key, one gate.

A project in a study (its project file listed in a ``study.json`` in its folder or
the folder above) is pseudonymised with:

- the study's roster, extended by the project's own entries (``study_roster``): a
  study informant has one code in every transcript; the project's speaker labels stay;
- the study's register of third persons (``Register``): the person who is
  ``[Person 3]`` in one interview is ``[Person 3]`` in every other; a person first met
  now gets the next free number, stored in ``study.json`` when the export is written;
- the leak gate reading every name of the study (``gate_roster``): the study roster,
  the register and every interview's own roster, in every export of every interview;
- the study's key file, which gathers the key of every export (``write_study_key``);
- every interview's decisions about indirect identifiers (``indirect_decisions``): "centerchef"
  generalised in one interview is generalised alike in the others, unless this one decided otherwise.

``load_project`` gives every project a ``StudyLink`` (``project/study_link.py``) when a
``study.json`` lies in reach (cheap: two file checks); the study is read only when a
pseudonymisation needs it, so a damaged ``study.json`` stops a pseudonymised export with
a sentence and never stops anything else.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import BadInputError
from ..project.file import atomic_write_text, read_json
from ..project.record import RosterEntry
from ..project.study_link import STUDY_FILE, StudyLink
from .record import Study, StudyPerson, interview_of, interviews, load_study, save_study

log = logging.getLogger(__name__)

STUDY_KEY_FORMAT = "transkript-study-key"


def study_pseudonyms(project: Any) -> StudyPseudonyms | None:
    """The study pseudonyms of a loaded project, or None outside a study.

    ``project.study`` is the ``StudyLink`` that ``load_project`` found; the study is read at the
    first call and kept on the link. Raises ``BadInputError`` (naming the file) when the
    ``study.json`` is damaged: a pseudonymisation without the study's register would number
    people differently.
    """
    link: StudyLink | None = getattr(project, "study", None)
    if link is None:
        return None
    if not link.looked:
        study = load_study(link.study_path)
        if interview_of(study, link.project_path) is not None:
            link.loaded = StudyPseudonyms(study, link.project_path)
        link.looked = True
    return link.loaded


class StudyPseudonyms:
    """The study's roster, register and names, as one project of it is pseudonymised."""

    def __init__(self, study: Study, project_path: Path):
        self.study = study
        self.project_path = project_path
        self.register = Register(study.persons)

    def roster(self, project_roster: list[RosterEntry]) -> list[RosterEntry]:
        return study_roster(self.study.roster, project_roster)

    def gate_roster(self, project_roster: list[RosterEntry]) -> list[RosterEntry]:
        """Every name of the study as roster entries, for the leak gate of this project's export."""
        entries = list(self.roster(project_roster))
        persons = self.register.persons
        entries += [RosterEntry(name=p.name, aliases=list(p.aliases), role="other") for p in persons]
        for path in interviews(self.study):
            if path.resolve() == self.project_path.resolve() or not path.is_file():
                continue
            entries += [e for e in _roster_of(path) if e.name.strip() or e.aliases]
        return entries

    def indirect_decisions(self, own: list) -> list:
        """The decisions about indirect identifiers of every other interview of the study, oldest first,
        then this interview's own (a later decision wins, so its own have the last word)."""
        from ..pseudonymise.state import IndirectDecision

        others = []
        for path in interviews(self.study):
            if path.resolve() == self.project_path.resolve() or not path.is_file():
                continue
            try:
                data = read_json(path)
                stored = (
                    (data.get("pseudonymisation") or {}).get("indirect", []) if isinstance(data, dict) else []
                )
                others += [IndirectDecision.from_dict(item) for item in stored]
            except (OSError, ValueError, UnicodeDecodeError, AttributeError) as error:
                raise BadInputError(
                    f"The interview “{path.name}” of the study cannot be read ({error}), so its decisions "
                    "about positions, ages and places cannot be applied alike here. Mend or remove it from "
                    "the study, then export again."
                ) from None
        return sorted(others, key=lambda d: d.at or "") + list(own)

    def write_key(self, key: dict, path: str | os.PathLike[str], output) -> None:
        """Write an export's key: into the study's key file when ``path`` is it, else on its own."""
        target = Path(path).resolve()
        if target == self.study.path.resolve():
            raise BadInputError(
                f"The key cannot be written over the study's {STUDY_FILE}; give the study's key file "
                f"({self.study.key_path.name}) or another file."
            )
        if target == self.study.key_path.resolve():
            write_study_key(self, key, getattr(output, "name", str(output)))
            return
        from ..pseudonymise.key import write_key

        write_key(key, path, [output])

    def save_register(self) -> None:
        """Store the persons numbered since the study was read in ``study.json`` (under its lock).

        The file is read again first: another export may have numbered people meanwhile. If it
        gave a number of ours to someone else (or numbered one of ours differently), nothing is
        saved and the export stops: exporting again gives consistent numbers.
        """
        if not self.register.added:
            return
        from ..project.lock import ProjectLock

        with ProjectLock(self.study.path, "export"):
            on_disk = load_study(self.study.folder)
            by_number = {p.number: p for p in on_disk.persons}
            by_name = {p.name.casefold(): p for p in on_disk.persons}
            for person in self.register.added:
                found = by_number.get(person.number)
                named = by_name.get(person.name.casefold())
                if (found is not None and found is not named) or (named is not None and found is None):
                    raise BadInputError(
                        f"Another export numbered [Person {person.number}] in the study “{on_disk.title}” "
                        "while this one ran. Nothing was written; export again."
                    )
                if found is None:
                    on_disk.persons.append(person)
            on_disk.persons.sort(key=lambda p: p.number)
            save_study(on_disk)
            self.study.persons[:] = on_disk.persons
            self.register = Register(self.study.persons)


def study_roster(study: list[RosterEntry], project: list[RosterEntry]) -> list[RosterEntry]:
    """The study's roster extended by the project's own entries.

    A project entry for a study person (same name, else same code) is that person: the
    study's name, code, role and aliases, the project's speaker label. Other project
    entries are the project's own people, added after the study's.
    """
    merged = [replace(entry, aliases=list(entry.aliases), label="") for entry in study]
    own = []
    for entry in project:
        index = _same_person(merged, entry)
        if index is None:
            own.append(entry)
        elif not merged[index].label:
            merged[index].label = entry.label  # the study's person, speaking in this interview
    taken = {e.code.casefold() for e in merged if e.code}
    for entry in own:
        if entry.code and entry.code.casefold() in taken and entry.name:
            log.warning("An interview's roster gives %s a code the study gives someone else.", entry.code)
        merged.append(entry)
    return merged


def _same_person(study: list[RosterEntry], entry: RosterEntry) -> int | None:
    def same(a: str, b: str) -> bool:
        return bool(a.strip()) and a.casefold() == b.casefold()

    for test in (lambda s: same(entry.name, s.name), lambda s: not entry.name and same(entry.code, s.code)):
        index = next((i for i, s in enumerate(study) if test(s)), None)
        if index is not None:
            return index
    return None


def _roster_of(path: Path) -> list[RosterEntry]:
    """Another interview's roster, read without its transcript's checks mattering for the gate."""
    try:
        data = read_json(path)
        entries = data.get("roster", []) if isinstance(data, dict) else []
        return [_entry(item) for item in entries if isinstance(item, dict)]
    except (OSError, ValueError, UnicodeDecodeError) as error:
        raise BadInputError(
            f"The interview “{path.name}” of the study cannot be read ({error}), so its names cannot be "
            "checked in this export. Mend or remove it from the study, then export again."
        ) from None


def _entry(item: dict) -> RosterEntry:
    """The names of a stored roster entry, whatever else it holds: all the gate needs."""
    name = item.get("name")
    aliases = item.get("aliases")
    return RosterEntry(
        name=name if isinstance(name, str) else "",
        aliases=[a for a in aliases if isinstance(a, str)] if isinstance(aliases, list) else [],
        role="other",
    )


class Register:
    """``[Person N]`` for each third person, the same in every transcript of the study."""

    def __init__(self, persons: list[StudyPerson]):
        self.persons = list(persons)
        self.added: list[StudyPerson] = []

    def label_for(self, name: str) -> str:
        """The person's label; a person not yet in the register gets the next free number."""
        person = self.find(name)
        if person is None:
            number = max((p.number for p in self.persons), default=0) + 1
            person = StudyPerson(number, " ".join(name.split()))
            self.persons.append(person)
            self.added.append(person)
        return person.label

    def find(self, name: str) -> StudyPerson | None:
        """The registered person called ``name``: the same name or alias, else — for a single name —
        the one registered full name it is the first name or surname of."""
        wanted = " ".join(name.split()).casefold()
        for person in self.persons:
            if wanted in {person.name.casefold(), *(a.casefold() for a in person.aliases)}:
                return person
        if " " not in wanted:
            fits = [p for p in self.persons if " " in p.name.strip() and wanted in _first_and_last(p.name)]
            if len(fits) == 1:
                return fits[0]
        return None


def _first_and_last(name: str) -> set[str]:
    words = name.casefold().split()
    return {words[0], words[-1]}


# -- the study's key ---------------------------------------------------------------------------------


def write_study_key(pseudonyms: StudyPseudonyms, record: dict, output: str) -> Path:
    """Put one export's key ``record`` into the study's key file, replacing that output's earlier one.

    The study key also lists the register and the roster codes: the one file that undoes every
    pseudonymised export of the study. Written atomically, the previous version kept as ``.bak``.
    """
    study = pseudonyms.study
    path = study.key_path
    outputs = [o for o in _study_key_outputs(path) if o.get("output") != output]
    outputs.append({"output": output, "project": pseudonyms.project_path.name, **record})
    key = {
        "format": STUDY_KEY_FORMAT,
        "version": 1,
        "warning": "This file holds the real names behind the codes of a whole study. Keep it apart from "
        "the transcripts.",
        "study": study.title,
        "persons": [{"replacement": p.label, "name": p.name} for p in study.persons],
        "roster": [{"replacement": e.code, "name": e.name, "role": e.role} for e in study.roster if e.name],
        "outputs": outputs,
    }
    atomic_write_text(path, json.dumps(key, ensure_ascii=False, indent=2) + "\n", keep_backup=True)
    return path


def _study_key_outputs(path: Path) -> list[dict]:
    if not path.exists():
        return []
    try:
        key = read_json(path)
    except (OSError, ValueError, UnicodeDecodeError) as error:
        raise BadInputError(
            f"The study's key file “{path}” cannot be read ({error}); it is left as it is. Mend it or move "
            "it away, then export again."
        ) from None
    if (
        not isinstance(key, dict)
        or key.get("format") != STUDY_KEY_FORMAT
        or not isinstance(key.get("outputs"), list)
    ):
        raise BadInputError(f"“{path}” is not the study's key file; it is left as it is.")
    return [o for o in key["outputs"] if isinstance(o, dict)]
