#!/usr/bin/env python3
"""Group ``transcribe_app/core`` by subsystem, so that the folder tree reads like the pipeline.

This script *is* the record of the move (issue 14): the table ``MOVES`` says
where every module went. Run it from anywhere in a clean checkout:

    python scripts/regroup_core.py            # move, rewrite, sort the touched imports
    python scripts/regroup_core.py --dry-run  # only print what it would do

It ``git mv``s each module in the table (making the new packages with an
``__init__.py``), then rewrites every reference to a moved module in
``transcribe_app/``, ``tests/``, ``bench/`` and ``scripts/``:

- imports, absolute (``transcribe_app.core.views``) and relative (``from .views
  import``, ``from .. import plain_export``, lazy ones inside functions), found
  with ``ast``; a relative import gets the level it needs from the file's *new*
  place, and a module imported by name keeps its local name (``from . import
  plain as plain_export``), so the code that uses it does not change;
- dotted names in strings and comments (``"transcribe_app.core.importer"`` as a
  logger name, ``monkeypatch``/``mock.patch`` targets, code run by a test in a
  subprocess), also in ``build.spec``, ``pyproject.toml`` and the Markdown files;
- file paths in docs and comments (``core/speaker_stage.py``, ``core/project_lock``).

Running it again on a moved tree changes nothing; a branch merged later that
still uses the old names is put right by running it again. An import of
``transcribe_app`` that resolves to no module (or to a name the module does not
define) stops the script before anything is changed.

``transcribe_app.core.project`` was a module and becomes a package: its
``__init__`` stays empty (importing a part of the project never pulls in the
rest, and no cycles), and every import of the old module is rewritten to the
module that now holds it (``core.project.record``). In a dotted name,
``core.project.X`` is read as the new package when ``X`` is one of its modules,
and as the old module otherwise.
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

CORE = "transcribe_app.core"

# Old module → new module, both under transcribe_app.core, in the order of the pipeline. A row
# whose old module is not in the tree (one another branch adds, or already moved) is skipped.
MOVES: dict[str, str] = {
    # The project: the record, its parts, its file and lock, and the roster.
    "project": "project.record",
    "projectfile": "project.file",
    "project_lock": "project.lock",
    "fieldcheck": "project.fieldcheck",
    "stored_parts": "project.parts",
    "transcript": "project.transcript",
    "metadata": "project.metadata",
    "summary": "project.summary",
    "roster": "project.roster",
    "edit_log": "project.edit_log",  # typed parts from the records branch (issue 14): light modules,
    "diarisation_record": "project.diarisation",  # so not in diarise/, whose __init__ loads numpy
    "backup": "project.backup",  # restoring the .bak (issue 14)
    # Recording → words: decoding, model lookup, backends (already here), the stage.
    "audio": "asr.audio",
    "models": "asr.models",
    "transcription": "asr.stage",
    "verbatim_fillers": "asr.verbatim_fillers",
    "run_events": "asr.run_events",  # the run's typed events: the worker protocol (issue 14)
    # Typed transcripts and the documents they come in.
    "importer": "imports.typed",
    "importer_docx": "imports.docx_turns",
    "docx_reading": "imports.docx_reading",
    "text_decoding": "imports.text_decoding",
    # Who speaks: diarisation (already here), the S1/S2 labels, the stage on a project.
    "speakers": "diarise.labels",
    "speaker_stage": "diarise.stage",
    # Talk language: the word-level levels and the transcript as a reader sees it.
    "cleanup.view": "cleanup.levels",
    "views": "cleanup.transcript_view",
    "cleanup_review": "cleanup.review",
    # Exports: the plain formats beside the others.
    "plain_export": "exports.plain",
}

# Foundations every subsystem uses, and the editing stage (one module): they stay in core/. The one
# layout function is among them: exports, citations and the project's appendix record all use it,
# and inside exports/ loading the record would load every renderer and, through them, the record.
KEEP_FLAT = {
    "__init__", "errors", "file_safety", "safe_write", "text_form", "resources", "lazy_names",
    "editing", "layout",
}

# Docstrings of the packages this move creates.
NEW_PACKAGES = {
    "project": "The project: one interview's record, its parts, its file on disk, its lock and its roster.",
    "imports": "Typed transcripts (plain text or Word) read into a project, and the documents they come in.",
}

SOURCE_DIRS = ("transcribe_app", "tests", "bench", "scripts")
# The table itself, and the test that feeds the script old names on purpose, are never rewritten.
NEVER_REWRITTEN = {"scripts/regroup_core.py", "tests/test_regroup_core.py"}
SKIP_DIRS = ("tests/data/", "resources/", "models/")
TEXT_SUFFIXES = {".md", ".toml", ".spec", ".txt", ".cfg", ".ini", ".sh", ".iss", ".yml", ".yaml", ""}
LINE_LENGTH = 110

OLD = {f"{CORE}.{old}": f"{CORE}.{new}" for old, new in MOVES.items()}
_OLD_LONGEST_FIRST = sorted(OLD, key=len, reverse=True)
DOTTED = re.compile(r"(?<![\w.])transcribe_app(?:\.[A-Za-z_]\w*)+")
CORE_PATH = re.compile(r"(?<![\w.])((?:transcribe_app/)?core/)((?:\w+/)*\w+)(\.py\b|(?![\w/]))")


class RegroupError(Exception):
    """Something the script cannot do safely; nothing has been changed when it is raised."""


def module_path(module: str) -> Path:
    """``transcribe_app.core.project.record`` → ``transcribe_app/core/project/record.py``."""
    return Path(*module.split(".")).with_suffix(".py")


def module_of(path: Path) -> str:
    """The dotted name of a source file (a package's ``__init__.py`` is the package)."""
    parts = list(path.with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def package_of(path: Path) -> str:
    """The package a file's relative imports start from."""
    return ".".join(path.parent.parts)


@dataclass
class Tree:
    """The modules of the checkout now, and where each file will be once moved."""

    root: Path
    files: list[Path]  # every .py file to rewrite, relative to root
    moves: dict[Path, Path]  # pending moves: current path → new path
    final: set[str]  # every module and package of transcribe_app after the move

    def final_path(self, path: Path) -> Path:
        return self.moves.get(path, path)


def map_dotted(name: str, final: set[str], *, bare_package_is_new: bool = False) -> str:
    """The new name for a dotted name that starts with a moved module; others unchanged.

    ``core.project.record`` is left alone (``record`` is a module of the new package
    ``core.project``); ``core.project.Project`` is the old module's ``Project``. The
    bare ``core.project`` is the old module in an import, and the new package in
    prose (``bare_package_is_new``), so that running the script twice changes nothing.
    """
    for old in _OLD_LONGEST_FIRST:
        if name == old or name.startswith(old + "."):
            rest = name[len(old) + 1 :]
            if rest and f"{old}.{rest.split('.')[0]}" in final:
                return name
            if not rest and bare_package_is_new and old in final:
                return name
            return OLD[old] + (f".{rest}" if rest else "")
    return name


def scan(root: Path) -> Tree:
    """List the files, plan the pending moves and the modules the moved tree will have."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "-co", "--exclude-standard", *SOURCE_DIRS, "build.spec"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    files = sorted(
        {Path(p) for p in listed if p.endswith(".py") and (root / p).is_file() and p not in NEVER_REWRITTEN}
    )
    moves: dict[Path, Path] = {}
    for old, new in OLD.items():
        old_path, new_path = module_path(old), module_path(new)
        here, there = (root / old_path).is_file(), (root / new_path).is_file()
        if here and there:
            raise RegroupError(
                f"both {old_path} and {new_path} exist: merge them by hand, then run this again"
            )
        if here:
            moves[old_path] = new_path
            package = root / new_path.parent
            if not (package / "__init__.py").exists() and package.name not in NEW_PACKAGES:
                raise RegroupError(f"{new_path.parent} is a new package: give it a docstring in NEW_PACKAGES")
    final = {"transcribe_app"}
    for path in files:
        if path.parts[0] == "transcribe_app":
            name = module_of(moves.get(path, path))
            parts = name.split(".")
            final.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    for new in OLD.values():
        parts = new.split(".")
        final.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return Tree(root, files, moves, final)


# ---- imports ---------------------------------------------------------------------------------


def absolute_module(node: ast.ImportFrom, path: Path) -> str | None:
    """The module a ``from … import`` names, relative ones resolved from the file's place now."""
    if not node.level:
        return node.module
    parts = package_of(path).split(".") if package_of(path) else []
    if node.level - 1 > len(parts) or (node.level - 1 == len(parts) and not node.module):
        raise RegroupError(f"{path}:{node.lineno}: a relative import reaches above the top package")
    base = parts[: len(parts) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def relative_to(target: str, package: str) -> str:
    """``from X import`` text for ``target``, written relative to ``package`` (dots and rest)."""
    pkg, tgt = package.split("."), target.split(".")
    common = 0
    while common < min(len(pkg), len(tgt)) and pkg[common] == tgt[common]:
        common += 1
    if common == 0:
        return target
    return "." * (len(pkg) - common + 1) + ".".join(tgt[common:])


def bound(alias: ast.alias) -> str:
    return alias.asname or alias.name


def plan_from(node: ast.ImportFrom, path: Path, tree: Tree) -> list[tuple[str, list[str]]] | None:
    """New ``(module text, names)`` statements for one ``from … import``, or None if unchanged."""
    module = absolute_module(node, path)
    if module is None or not (module == "transcribe_app" or module.startswith("transcribe_app.")):
        return None
    target_package = package_of(tree.final_path(path))
    groups: dict[str, list[str]] = {}
    for alias in node.names:
        full = f"{module}.{alias.name}"
        if full in OLD:  # a moved module, imported by name: keep its local name
            new_full = OLD[full]
            parent, last = new_full.rsplit(".", 1)
            name = last if bound(alias) == last else f"{last} as {bound(alias)}"
        elif full in tree.final:  # a module of the new layout, or one that stays where it is
            parent, name = module, _alias_text(alias)
        else:  # a name the module defines
            parent, name = map_dotted(module, tree.final), _alias_text(alias)
            check_defined(parent, alias.name, path, node.lineno, tree)
        if parent not in tree.final:
            raise RegroupError(
                f"{path}:{node.lineno}: cannot resolve the import of {full} (no module {parent})"
            )
        text = relative_to(parent, target_package) if node.level else parent
        groups.setdefault(text, []).append(name)
    original = ("." * node.level + (node.module or "")) if node.level else node.module
    if list(groups) == [original] and groups[original] == [_alias_text(a) for a in node.names]:
        return None
    return list(groups.items())


def _alias_text(alias: ast.alias) -> str:
    return f"{alias.name} as {alias.asname}" if alias.asname else alias.name


def plan_import(node: ast.Import, path: Path, tree: Tree) -> list[str] | None:
    """New names for ``import transcribe_app.…`` (code using the dotted name is rewritten as text)."""
    names, changed = [], False
    for alias in node.names:
        new = map_dotted(alias.name, tree.final) if alias.name.startswith("transcribe_app") else alias.name
        if alias.name.startswith("transcribe_app") and new not in tree.final:
            raise RegroupError(f"{path}:{node.lineno}: cannot resolve the import of {alias.name}")
        changed |= new != alias.name
        names.append(f"{new} as {alias.asname}" if alias.asname else new)
    return names if changed else None


_DEFINED: dict[str, set[str] | None] = {}


def check_defined(module: str, name: str, path: Path, line: int, tree: Tree) -> None:
    """Stop when ``from module import name`` would fail: the module defines no such name."""
    if module not in _DEFINED:
        _DEFINED[module] = defined_names(module, tree)
    names = _DEFINED[module]
    if names is not None and name not in names and name != "*":
        raise RegroupError(
            f"{path}:{line}: {module} defines no “{name}” (imported as from {module} import {name})"
        )


def defined_names(module: str, tree: Tree) -> set[str] | None:
    """The names a module binds at its top level (None when it cannot be read, or has __getattr__)."""
    back = {new: old for old, new in tree.moves.items()}
    for candidate in (module_path(module), Path(*module.split("."), "__init__.py")):
        source = tree.root / back.get(candidate, candidate)
        if source.is_file():
            break
    else:
        return None
    names: set[str] = set()
    for node in ast.walk(parse(source.read_text(encoding="utf-8"), source.relative_to(tree.root))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update(bound(a).split(".")[0] for a in node.names)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
    if "__getattr__" in names:
        return None
    if source.name == "__init__.py":  # a package also offers its modules
        names.update(p.stem for p in source.parent.glob("*.py"))
        names.update(p.name for p in source.parent.iterdir() if (p / "__init__.py").is_file())
    return names


def format_from(module: str, names: list[str], indent: int) -> str:
    line = f"from {module} import {', '.join(names)}"
    if indent + len(line) <= LINE_LENGTH:
        return line
    pad = " " * (indent + 4)
    return f"from {module} import (\n" + "".join(f"{pad}{n},\n" for n in names) + " " * indent + ")"


def rewrite_imports(source: str, path: Path, tree: Tree) -> tuple[str, int]:
    """The source with every import of a moved module rewritten, and how many were."""
    data = source.encode("utf-8")
    starts = [0]
    for line in data.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    edits = []
    for node in ast.walk(parse(source, path)):
        if isinstance(node, ast.ImportFrom):
            groups = plan_from(node, path, tree)
            if groups is None:
                continue
            text = ("\n" + " " * node.col_offset).join(
                format_from(module, names, node.col_offset) for module, names in groups
            )
        elif isinstance(node, ast.Import):
            names = plan_import(node, path, tree)
            if names is None:
                continue
            text = f"import {', '.join(names)}"
        else:
            continue
        begin = starts[node.lineno - 1] + node.col_offset
        end = starts[node.end_lineno - 1] + node.end_col_offset
        edits.append((begin, end, text.encode("utf-8")))
    for begin, end, text in sorted(edits, reverse=True):
        data = data[:begin] + text + data[end:]
    return data.decode("utf-8"), len(edits)


# ---- names and paths in text -----------------------------------------------------------------


def rewrite_python_text(source: str, path: Path, final: set[str]) -> tuple[str, int]:
    """``rewrite_text`` on every line of Python source that is not part of an import statement."""
    imports = set()
    for node in ast.walk(parse(source, path)):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            imports.update(range(node.lineno, node.end_lineno + 1))
    lines, count = source.splitlines(keepends=True), 0
    for number, line in enumerate(lines, start=1):
        if number not in imports:
            lines[number - 1], found = rewrite_text(line, final)
            count += found
    return "".join(lines), count


def rewrite_text(text: str, final: set[str]) -> tuple[str, int]:
    """Dotted module names and ``core/…py`` paths of moved modules, anywhere in a text."""
    count = 0

    def dotted(match: re.Match[str]) -> str:
        nonlocal count
        new = map_dotted(match.group(0), final, bare_package_is_new=True)
        count += new != match.group(0)
        return new

    def path(match: re.Match[str]) -> str:
        nonlocal count
        old = f"{CORE}.{match.group(2).replace('/', '.')}"
        if not match.group(3) and old not in OLD:  # ``core/diarise``: a folder, or a module named in prose
            return match.group(0)
        new = map_dotted(old, final, bare_package_is_new=not match.group(3))  # core/project.py: the module
        if new == old:
            return match.group(0)
        count += 1
        return match.group(1) + new[len(CORE) + 1 :].replace(".", "/") + match.group(3)

    text = DOTTED.sub(dotted, text)
    text = CORE_PATH.sub(path, text)
    return text, count


def text_files(root: Path) -> list[Path]:
    """Tracked text files other than Python that can name a module (docs, build recipes)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "-co", "--exclude-standard"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    found = []
    for name in filter(None, listed):
        path = Path(name)
        if name.startswith(SKIP_DIRS) or name in NEVER_REWRITTEN or not (root / path).is_file():
            continue
        if path.suffix not in TEXT_SUFFIXES:
            continue
        if path.suffix == "" and path.parts[0] != "scripts":
            continue
        found.append(path)
    return found


# ---- running ---------------------------------------------------------------------------------


def flat_leftovers(root: Path) -> list[str]:
    core = root / "transcribe_app" / "core"
    placed = {old for old in MOVES if "." not in old} | KEEP_FLAT
    return sorted(p.stem for p in core.glob("*.py") if p.stem not in placed)


def parse(source: str, path: Path) -> ast.Module:
    try:
        return ast.parse(source, filename=str(path))
    except SyntaxError as error:
        raise RegroupError(f"{path}:{error.lineno}: not valid Python (a merge conflict left?)") from None


def regroup(root: Path, dry_run: bool) -> int:
    tree = scan(root)
    # Plan every rewrite before changing anything, so that an unresolvable import stops a clean tree.
    rewritten: dict[Path, tuple[str, int, int]] = {}
    for path in tree.files:
        source = (root / path).read_text(encoding="utf-8")
        new, imports = rewrite_imports(source, path, tree)
        new, names = rewrite_python_text(new, path, tree.final)
        if new != source:
            rewritten[path] = (new, imports, names)
    others: dict[Path, tuple[str, int]] = {}
    for path in text_files(root):
        try:
            source = (root / path).read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        new, names = rewrite_text(source, tree.final)
        if new != source:
            others[path] = (new, names)

    verb = "would " if dry_run else ""
    for old_path, new_path in tree.moves.items():
        print(f"{verb}move    {old_path} → {new_path}")
    for path, (_, imports, names) in rewritten.items():
        where = tree.final_path(path)
        print(f"{verb}rewrite {where}: {imports} import statement(s), {names} name(s)/path(s) in text")
    for path, (_, names) in others.items():
        print(f"{verb}rewrite {path}: {names} name(s)/path(s)")
    for stem in flat_leftovers(root):
        if f"{CORE}.{stem}" not in OLD:
            print(
                f"note: core/{stem}.py is in no row of MOVES and not a foundation: it stays flat. "
                "Add a row if it belongs to a subsystem, and run this again."
            )
    if not (tree.moves or rewritten or others):
        print("nothing to do: the tree is already grouped")
        return 0
    if dry_run:
        return 0

    for old_path, new_path in tree.moves.items():
        package = (root / new_path).parent
        if not package.is_dir():
            package.mkdir(parents=True)
        init = package / "__init__.py"
        if not init.exists():
            init.write_text(f'"""{NEW_PACKAGES[package.name]}"""\n', encoding="utf-8")
            subprocess.run(["git", "add", str(init.relative_to(root))], cwd=root, check=True)
            print(f"made    {init.relative_to(root)}")
        subprocess.run(["git", "mv", str(old_path), str(new_path)], cwd=root, check=True)
    for path, (new, _, _) in rewritten.items():
        (root / tree.final_path(path)).write_text(new, encoding="utf-8")
    for path, (new, _) in others.items():
        (root / path).write_text(new, encoding="utf-8")
    sort_imports(root, [tree.final_path(p) for p in rewritten])
    return 0


def sort_imports(root: Path, paths: list[Path]) -> None:
    """Put the rewritten imports back in the project's order (ruff's isort rule)."""
    if not paths:
        return
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if not Path(ruff).is_file() and not shutil.which(ruff):
        print("note: ruff not found; run `ruff check --select I --fix` on the rewritten files")
        return
    subprocess.run(
        [ruff, "check", "--select", "I", "--fix", "--quiet", *map(str, paths)], cwd=root, check=False
    )
    print(f"sorted  the imports of {len(paths)} rewritten file(s) with ruff")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="print what would change, change nothing")
    parser.add_argument(
        "--allow-dirty", action="store_true", help="run although git shows uncommitted changes"
    )
    args = parser.parse_args(argv)
    root = Path(
        subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=Path.cwd(),
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    if not (root / "transcribe_app" / "core").is_dir():
        print(f"{root} is not a Transkript checkout (no transcribe_app/core)", file=sys.stderr)
        return 2
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True).stdout
    if dirty and not (args.dry_run or args.allow_dirty):
        print("the checkout has uncommitted changes; commit them first (or --allow-dirty)", file=sys.stderr)
        return 2
    try:
        return regroup(root, args.dry_run)
    except RegroupError as error:
        print(f"regroup_core: {error}; nothing was changed", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
