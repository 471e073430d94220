"""The methods paragraph: how the transcripts were made, for the thesis' method chapter.

``facts.interview_facts(project)`` reads what a project records about its making;
``paragraph.methods_paragraph(facts, lang)`` writes it as prose in Danish or English, claiming nothing
the projects do not record. ``methods_text(paths, lang)`` does both for project files and folders.
"""

from __future__ import annotations

from pathlib import Path

from .facts import InterviewFacts, interview_facts
from .paragraph import LANGUAGES, methods_paragraph

__all__ = ["LANGUAGES", "InterviewFacts", "interview_facts", "methods_paragraph", "methods_text"]


def methods_text(paths: list[Path], lang: str = "da") -> str:
    """The paragraph for the projects in ``paths`` (a folder: every project in it), in ``lang``."""
    from ..exports.qdpx_export import project_files
    from ..project.file import load_project

    facts = [interview_facts(load_project(path)) for path in project_files(paths)]
    return methods_paragraph(facts, lang)
