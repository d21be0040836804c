"""The runner and workers import the notebook stack without compiling rfc3987_syntax."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("rfc3987_syntax") is None, reason="rfc3987_syntax not installed"
)

CHECK = """
import json, sys
from icplab.batch.lean import import_notebook_stack
spared = import_notebook_stack()
during = "rfc3987_syntax" in sys.modules
import nbformat
nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
nbformat.validate(nb)  # a notebook still validates
after_nbformat = "rfc3987_syntax" in sys.modules
import rfc3987_syntax  # and the package can still be imported on purpose
print(json.dumps([spared, during, after_nbformat, "rfc3987_syntax" in sys.modules]))
"""


def test_nbformat_works_without_the_grammars_and_the_package_stays_importable() -> None:
    out = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, check=True
    ).stdout
    spared, during, after_nbformat, importable = json.loads(out.strip().splitlines()[-1])
    assert spared is True
    assert during is False and after_nbformat is False  # never imported by jsonschema
    assert importable is True


def test_a_plain_import_does_compile_them() -> None:
    """The reference: without the helper, importing nbformat imports the package."""
    code = "import sys, nbformat; print('rfc3987_syntax' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
