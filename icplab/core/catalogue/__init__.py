"""The message catalogues: one module per language, code -> template.

Adding a language is adding a module here (``fr.py`` with ``MESSAGES``) and its code to
:data:`LANGUAGES`; a test checks that every catalogue has exactly the English codes and
the same fields.

Examples
--------
>>> messages("de")["srm.few_levels"]
'weniger als zwei Ausprägungen: keine Aufteilung zu prüfen.'
"""

from __future__ import annotations

import importlib
from functools import cache

#: Languages with a catalogue (the first is the fallback).
LANGUAGES: tuple[str, ...] = ("en", "de")


@cache
def messages(language: str) -> dict[str, str]:
    """The catalogue of ``language`` (English for a language without one)."""
    if language not in LANGUAGES:
        language = "en"
    module = importlib.import_module(f"icplab.core.catalogue.{language}")
    return dict(module.MESSAGES)
