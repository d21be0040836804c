"""Draft ``[columns]`` from a file's headers: the best-fitting preset and a TOML snippet.

:func:`best_preset` scores each built-in preset by the tool-specific headers the file has,
:func:`suggest_mapping` names the contract columns it recognises, and
:func:`mapping_snippet` writes both as a ``[columns]`` table for ``icplab.toml``
(``icplab validate FILE --suggest-mapping``, ``icplab init``).

Examples
--------
>>> best_preset(["leadId", "lastState", "campaignName", "industry"])
'lemlist'
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from icplab.core.config import toml_string
from icplab.core.notes import Note, render
from icplab.core.schema import MAPPABLE_COLUMNS, canonical_header
from icplab.data.mapping_rules import KINDS, MODIFIERS, header_key
from icplab.data.personal import is_personal_header
from icplab.data.presets import PRESETS


def preset_entries(value: Any) -> list[Any]:
    """A preset column's entries as a list (a preset may give several, see presets.py)."""
    return list(value) if isinstance(value, list) else [value]


def _entry_headers(entry: Any) -> tuple[str, ...]:
    src = entry if isinstance(entry, str) else entry.get("from")
    return (src,) if isinstance(src, str) else tuple(src or ())


def suggest_mapping(headers: list[str]) -> dict[str, str]:
    """Guess ``[columns]`` entries from a file's headers (contract column -> header).

    Recognises the plain headers of every preset (never a personal one, such as an
    e-mail column). Only columns that are not already read directly are suggested.

    Examples
    --------
    >>> suggest_mapping(["Apollo Contact Id", "Industry", "# Employees", "Replied"])
    {'prospect_id': 'Apollo Contact Id', 'employees': '# Employees'}
    """
    direct = {canonical_header(h) for h in headers}
    by_key = {header_key(h): h for h in headers}
    out: dict[str, str] = {}
    for preset in PRESETS.values():
        for column, value in preset.columns.items():
            for entry in preset_entries(value):
                if column in direct or column in out or column not in MAPPABLE_COLUMNS:
                    continue
                if isinstance(entry, Mapping) and set(entry) & {*KINDS, *MODIFIERS}:
                    continue
                hit = next(
                    (
                        by_key[header_key(a)]
                        for a in _entry_headers(entry)
                        if header_key(a) in by_key and not is_personal_header(a)
                    ),
                    None,
                )
                if hit is not None:
                    out[column] = hit
    return out


#: Headers too common to tell one tool from another.
_GENERIC_HEADERS = frozenset({"id", "email", "status", "category", "campaign", "stage"})


def preset_scores(headers: list[str]) -> dict[str, int]:
    """How many of each preset's tool-specific headers the file has.

    Examples
    --------
    >>> preset_scores(["leadId", "lastState", "emailsReplied", "industry"])["lemlist"]
    3
    """
    keys = {header_key(h) for h in headers}
    scores: dict[str, int] = {}
    for name, preset in PRESETS.items():
        hits: set[str] = set()
        for value in preset.columns.values():
            for entry in preset_entries(value):
                for a in _entry_headers(entry):
                    k = header_key(a)
                    # a generic header (industry, Branche, id) says little about the tool
                    if (
                        k in keys
                        and k not in _GENERIC_HEADERS
                        and canonical_header(a) not in MAPPABLE_COLUMNS
                    ):
                        hits.add(k)
        hits |= {header_key(m) for m in preset.markers if header_key(m) in keys}
        scores[name] = len(hits)
    return scores


def best_preset(headers: list[str]) -> str | None:
    """The preset whose headers the file matches best (None when none fits well).

    Examples
    --------
    >>> best_preset(["leadId", "lastState", "campaignName", "industry"])
    'lemlist'
    >>> best_preset(["Record ID", "Lifecycle-Phase", "Lead-Status", "Branche"])
    'hubspot'
    """
    scores = preset_scores(headers)
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] >= 2 else None


def mapping_snippet(headers: list[str], language: str = "en") -> str:
    """A ``[columns]`` table for ``icplab.toml`` drafted from a file's headers.

    Starts from the best-fitting preset (if any), names every header it recognises, and
    lists the required columns it could not find as comments (in ``language``). Every
    string is TOML-escaped.

    Examples
    --------
    >>> import tomllib
    >>> print(mapping_snippet(["Apollo Contact Id", "Industry", "# Employees", "Replied"]), end="")
    [columns]
    preset = "apollo"
    >>> text = mapping_snippet(["Contact", "Mitarbeiteranzahl", 'Massage "A"'])
    >>> tomllib.loads(text)["columns"]
    {'employees': 'Mitarbeiteranzahl'}
    >>> print(text.splitlines()[-1])
    # replied = "..."  # not recognised
    """
    from icplab.core.schema import REQUIRED_COLUMNS

    preset = best_preset(headers)
    lines = ["[columns]"]
    if preset:
        lines.append(f"preset = {toml_string(preset)}")
    direct = {canonical_header(h) for h in headers}
    keys = {header_key(x) for x in headers}
    covered: set[str] = set()
    if preset:
        covered = {  # the columns whose preset entries name a header of the file
            c
            for c, value in PRESETS[preset].columns.items()
            if any(header_key(h) in keys for e in preset_entries(value) for h in _entry_headers(e))
        }
    found = {c: h for c, h in suggest_mapping(headers).items() if c not in covered}
    for column, header in found.items():
        lines.append(f"{column} = {toml_string(header)}")
    for column in REQUIRED_COLUMNS:
        if column not in direct and column not in found and column not in covered:
            close = difflib.get_close_matches(column, headers, n=2, cutoff=0.5)
            hint = (
                Note("data_note.maybe", headers=", ".join(toml_string(c) for c in close))
                if close
                else ""
            )
            note = render(Note("data_note.not_recognised", hint=hint), language)
            lines.append(f'# {column} = "..."  # {note}')
    return "\n".join(lines) + "\n"
