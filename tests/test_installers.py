"""The bundle and installer recipes are checked for syntax here (they are built on their platforms)."""

from __future__ import annotations

import ast
import configparser
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
INSTALLERS = REPO / "scripts" / "installers"


def test_build_spec_is_valid_python_and_bundles_resources_and_models():
    source = (REPO / "build.spec").read_text(encoding="utf-8")
    tree = ast.parse(source)
    calls = {
        node.func.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }
    assert {"Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE"} <= calls
    assert '"resources"' in source and "models" in source
    assert (REPO / "scripts" / "transkript_main.py").is_file()


@pytest.mark.parametrize(
    "script", ["scripts/build_bundle", "scripts/smoke_bundle", "scripts/installers/make_dmg.sh",
               "scripts/installers/make_linux.sh"],
)  # fmt: skip
def test_shell_recipes_parse(script):
    subprocess.run(["bash", "-n", str(REPO / script)], check=True)


def test_inno_setup_recipe_installs_per_user_from_the_bundle():
    text = (INSTALLERS / "transkript.iss").read_text(encoding="utf-8")
    sections: dict[str, list[str]] = {}
    current = None
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith(";") or line.startswith("#define"):
            continue
        if line.startswith("["):
            assert line.endswith("]"), f"line {number}: unclosed section"
            current = line[1:-1]
            sections[current] = []
            continue
        assert current is not None, f"line {number}: outside a section"
        if current == "Setup":
            assert "=" in line, f"line {number}: Setup needs key=value"
        else:
            assert ":" in line, f"line {number}: entries are Name: value; …"
        sections[current].append(line)
    assert {"Setup", "Languages", "Files", "Icons"} <= set(sections)
    setup = dict(entry.split("=", 1) for entry in sections["Setup"])
    assert setup["PrivilegesRequired"] == "lowest"  # no administrator rights
    assert any("{#BundleDir}" in entry for entry in sections["Files"])
    assert '#define BundleDir "..\\..\\dist\\Transkript"' in text
    assert any("Danish.isl" in entry for entry in sections["Languages"])


def test_linux_desktop_entry_is_valid():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(INSTALLERS / "transkript.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Exec"].startswith("Transkript")
