"""Packages whose names load on first use (core/lazy_names.py): cheap to import, whole when used."""

from __future__ import annotations

import subprocess
import sys

import pytest

from transcribe_app.core import citations, diarise, pseudonymise


@pytest.mark.parametrize("package", [citations, diarise, pseudonymise])
def test_every_listed_name_loads_and_an_unknown_one_is_an_attribute_error(package):
    assert set(package.__all__) <= set(dir(package))
    name = sorted(package.__all__)[0]
    value = getattr(package, name)
    assert vars(package)[name] is value  # kept: the next use does not load it again
    with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
        package.no_such_name  # noqa: B018 - the lookup is the test


def test_importing_the_packages_loads_none_of_their_heavy_modules():
    code = (
        "import sys\n"
        "from transcribe_app.core import citations, diarise, pseudonymise\n"
        "heavy = {'numpy', 'presidio_analyzer', 'spacy', 'torch', 'docx'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"
