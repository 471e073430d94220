"""The study's roster: the informants and interviewers of every interview, with their codes.

It is read and merged as an interview's roster is (``project/roster.py``): a spreadsheet
or JSON file, codes suggested from initials where none is typed, every code unique.
Speaker labels belong to one recording, so the study's roster keeps none: each
interview links its speakers to the study's people (``pseudonyms.study_roster``).
"""

from __future__ import annotations

import os

from ..project.record import Project
from ..project.roster import merge_roster, read_roster
from .record import Study


def import_study_roster(study: Study, path: str | os.PathLike[str]) -> list[str]:
    """Merge the roster file ``path`` into the study's roster; the warnings worth showing.

    Nothing changes if the file or the merged roster is not valid (a ``BadInputError`` says why).
    """
    entries = read_roster(path)
    for entry in entries:
        entry.label = ""
    holder = Project(roster=list(study.roster))  # the interview's merge, on the study's people
    warnings = merge_roster(holder, entries)
    study.roster = holder.roster
    return warnings
