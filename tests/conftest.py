"""Shared pytest set-up.

Tests mirror the package (``tests/stats/test_sequential.py`` tests
``icplab/stats/sequential.py``). Sub-folders have no ``__init__.py``, so every test
module's basename must be unique across ``tests/``; this folder is put on ``sys.path``
so that helpers such as ``_workspace`` import from any sub-folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

_TESTS = str(Path(__file__).resolve().parent)
if _TESTS not in sys.path:
    sys.path.insert(0, _TESTS)
