"""A Slurm array job for a batch: one array task per interview, each a ``batch --task-index`` run.

The job lists the interviews by their absolute paths, in the order ``interviews_in`` gave
them, so that task N transcribes the same interview however the folder changes after the
job was written (a project made by task 0 does not move task 1's interview). Each task takes
the interview's project lock like any batch, so a rerun of the whole array, or a task
started twice, skips what is complete, resumes what was interrupted and never writes a
project twice at once. Slurm's SIGTERM at the time limit stops a task cleanly (its work is
saved; the next run resumes it).
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import BadInputError
from .discovery import Interview

_TIME = re.compile(r"^(\d+-)?\d{1,3}(:\d{2}){0,2}$")  # Slurm's forms: MM, MM:SS, HH:MM:SS, D-HH(:MM(:SS))
_PARTITION = re.compile(r"^[A-Za-z0-9_.,-]+$")


@dataclass(frozen=True)
class SlurmSettings:
    """What the cluster is asked for, per task (one interview)."""

    partition: str | None = None
    gpus: int = 0
    time: str | None = None  # HH:MM:SS, or any of Slurm's time forms
    cpus: int | None = None
    memory: str | None = None  # e.g. 16G
    setup: tuple[str, ...] = ()  # shell lines run first: module load …, source venv/bin/activate
    log_folder: Path | None = None  # where each task's log goes (default: beside the job file)

    def check(self) -> SlurmSettings:
        """These settings, or a ``BadInputError`` naming the one Slurm would refuse."""
        if self.partition is not None and not _PARTITION.match(self.partition):
            raise BadInputError(f"“{self.partition}” is not a partition name Slurm accepts.")
        if self.time is not None and not _TIME.match(self.time):
            raise BadInputError(f"The time limit “{self.time}” is not a Slurm time; write it as HH:MM:SS.")
        if self.gpus < 0 or (self.cpus is not None and self.cpus < 1):
            raise BadInputError("--gpus must be 0 or more and --cpus 1 or more.")
        if self.memory is not None and not re.match(r"^\d+[KMGT]?$", self.memory):
            raise BadInputError(f"The memory “{self.memory}” is not a Slurm size; write it as e.g. 16G.")
        for line in self.setup:
            if "\n" in line or "\r" in line:
                raise BadInputError("Each --setup line must be one line.")
        return self


def slurm_script(
    interviews: Sequence[Interview],
    batch_options: Sequence[str],
    settings: SlurmSettings,
    *,
    program: Sequence[str],
    job_file: Path,
    environment: dict[str, str] | None = None,
) -> str:
    """The text of the ``sbatch`` file: ``#SBATCH`` lines, the offline setup, and the task's command.

    ``batch_options``: the transcription options as ``batch`` takes them; ``program``: the
    command that runs ``transcribe-app`` on the cluster (this Python, which a shared home
    folder makes the same there); ``environment``: variables to set in every task (where the
    models are).
    """
    settings.check()
    if not interviews:
        raise BadInputError("There is no interview to put in a Slurm job.")
    logs = settings.log_folder or job_file.parent
    header = [
        "#!/bin/bash",
        f"# Transkript: {len(interviews)} interview(s), one Slurm array task each "
        "(written by transcribe-app batch --slurm).",
        f"# Submit: sbatch {shlex.quote(job_file.name)}   Rerunning it is safe: complete interviews are "
        "skipped, interrupted ones resumed,",
        "# and a project being transcribed by another task is left to it (the project locks).",
        "#SBATCH --job-name=transkript",
        f"#SBATCH --array=0-{len(interviews) - 1}",
        f"#SBATCH --output={_sbatch_path(logs / 'transkript-%A_%a.log')}",
        "#SBATCH --ntasks=1",
    ]
    if settings.partition:
        header.append(f"#SBATCH --partition={settings.partition}")
    if settings.gpus:
        header.append(f"#SBATCH --gres=gpu:{settings.gpus}")
    if settings.time:
        header.append(f"#SBATCH --time={settings.time}")
    if settings.cpus:
        header.append(f"#SBATCH --cpus-per-task={settings.cpus}")
    if settings.memory:
        header.append(f"#SBATCH --mem={settings.memory}")
    body = [
        "",
        "set -eu",
        "# Offline: the models are read from disk, never fetched (compute nodes often have no internet).",
        "export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1",
        'export OMP_NUM_THREADS="${SLURM_CPUS_PER_TASK:-1}"',
    ]
    for name, value in sorted((environment or {}).items()):
        body.append(f"export {name}={shlex.quote(value)}")
    body += list(settings.setup)
    command = [*program, "batch", '--task-index "$SLURM_ARRAY_TASK_ID"', *map(shlex.quote, batch_options)]
    command += ["--", *(shlex.quote(str(_task_path(i))) for i in interviews)]
    body += [
        "",
        "# Task N transcribes interview N of this list (0 is the first).",
        "exec " + " \\\n    ".join(_lines(command)),
        "",
    ]
    return "\n".join(header + body)


def _task_path(interview: Interview) -> Path:
    """The path a task is given: the project when it exists or when no recording is known, else the
    recording (whose project the task then makes under the name ``transcribe`` gives it)."""
    if interview.recording is None or interview.project_path.exists():
        return interview.project_path
    return interview.recording


def _sbatch_path(path: Path) -> str:
    # #SBATCH lines are not read by a shell: no quoting; a space would end the value.
    text = str(path)
    if any(c.isspace() for c in text):
        raise BadInputError(
            f"Slurm cannot write its logs to “{text}” (a space in the path); write the job file (-o) "
            "into a folder without spaces."
        )
    return text


def _lines(words: list[str]) -> list[str]:
    """The command's words on lines of a readable length (continued with a backslash)."""
    lines, current = [], ""
    for word in words:
        if current and len(current) + len(word) > 90:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return lines
