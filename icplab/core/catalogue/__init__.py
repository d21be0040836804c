"""The message catalogues: per language, code -> template.

A language's catalogue is its module (``en.py``, ``de.py``: the statistics and ICP layers)
merged with its domain modules named ``<domain>_<language>.py`` (``cli_de.py``,
``data_de.py``, ...), so each layer keeps its messages beside the others' without one
file growing past reading. Adding a language is adding its modules (each with
``MESSAGES``) and its code to :data:`LANGUAGES`; a test checks that every catalogue has
exactly the English codes and the same fields, and that no code is defined twice.

Examples
--------
>>> messages("de")["srm.few_levels"]
'weniger als zwei Ausprägungen: keine Aufteilung zu prüfen.'
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

#: Languages with a catalogue (the first is the fallback).
LANGUAGES: tuple[str, ...] = ("en", "de")


def catalogue_modules(language: str) -> list[str]:
    """Names of the modules that make up ``language``'s catalogue, the main one first.

    Examples
    --------
    >>> catalogue_modules("de")[0]
    'de'
    """
    domains = sorted(
        info.name for info in pkgutil.iter_modules(__path__) if info.name.endswith(f"_{language}")
    )
    return [language, *domains]


@cache
def messages(language: str) -> dict[str, str]:
    """The catalogue of ``language`` (English for a language without one)."""
    if language not in LANGUAGES:
        language = "en"
    merged: dict[str, str] = {}
    for name in catalogue_modules(language):
        module = importlib.import_module(f"icplab.core.catalogue.{name}")
        twice = merged.keys() & module.MESSAGES.keys()
        if twice:
            raise RuntimeError(
                f"message codes defined twice in the {language} catalogue: {sorted(twice)}"
            )
        merged.update(module.MESSAGES)
    return merged
