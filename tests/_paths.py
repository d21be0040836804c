"""Fixed places of the repository, for tests in any sub-folder of ``tests/``.

Import as ``from _paths import REPO, FIXTURES`` (``tests/conftest.py`` puts ``tests/`` on
``sys.path``), instead of counting ``Path(__file__).parents[...]`` in each module.
"""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
PACKAGE = REPO / "icplab"
FIXTURES = TESTS / "fixtures"
EXPORTS = FIXTURES / "exports"
SAMPLES = REPO / "data" / "samples"
