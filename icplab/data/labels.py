"""Text labels as they are compared: normalised once at read (CONTRACT section 1).

A label that looks the same must be the same level: Unicode NFKC, zero-width and
bidirectional control characters removed, runs of whitespace collapsed to one space and
the ends trimmed. Spellings that differ only in case are merged into one level as well
(the first one seen is kept); :func:`normalise_labels` reports how many spellings each
level merged, so ``validate`` can state it ("2 spellings of IT merged").

Examples
--------
>>> normalise_label("I\\u200bT "), normalise_label("Ｌｏｇｉｓｔｉｋ"), normalise_label("a\\t\\n b")
('IT', 'Logistik', 'a b')
"""

from __future__ import annotations

import re
import unicodedata

from icplab.core.notes import Note

#: Zero-width characters, soft hyphen, bidirectional marks, embeddings, overrides and
#: isolates, word joiners and the byte-order mark: invisible, so they make look-alikes.
INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]"
)
_SPACE = re.compile(r"\s+")


def normalise_label(text: str) -> str:
    """One label in its compared form: NFKC, invisible characters removed, whitespace
    collapsed and trimmed.

    Examples
    --------
    >>> normalise_label("\\u202eTI\\u202c")
    'TI'
    """
    return _SPACE.sub(" ", INVISIBLE.sub("", unicodedata.normalize("NFKC", str(text)))).strip()


def normalise_labels(labels: list[str]) -> tuple[list[str], list[int], dict[str, int]]:
    """Normalise distinct labels and merge those that become equal (case-insensitively).

    Parameters
    ----------
    labels
        Distinct raw labels of a column.

    Returns
    -------
    levels
        The merged levels (the first spelling seen of each), in first-seen order; an
        empty label is no level.
    codes
        For each input label, its position in ``levels`` (-1 for an empty label).
    merged
        Level -> number of distinct spellings merged into it (only levels with two or more).

    Examples
    --------
    >>> normalise_labels(["IT", "I\\u200bT", "it ", "Handel", ""])
    (['IT', 'Handel'], [0, 0, 0, 1, -1], {'IT': 3})
    """
    first: dict[str, int] = {}
    levels: list[str] = []
    codes: list[int] = []
    spellings: dict[int, int] = {}
    for raw in labels:
        label = normalise_label(raw)
        if label == "":
            codes.append(-1)
            continue
        key = label.casefold()
        j = first.get(key)
        if j is None:
            j = first[key] = len(levels)
            levels.append(label)
        spellings[j] = spellings.get(j, 0) + 1
        codes.append(j)
    merged = {levels[j]: n for j, n in spellings.items() if n > 1}
    return levels, codes, merged


def merged_statement(column: str, merged: dict[str, int]) -> Note:
    """Words for the merged spellings of a column, as a :class:`~icplab.core.notes.Note`.

    Examples
    --------
    >>> merged_statement("industry", {"IT": 2, "Handel": 3})
    'industry: 2 spellings of IT merged; 3 spellings of Handel merged'
    """
    parts = tuple(Note("labels.merged", n=n, level=k) for k, n in merged.items())
    return Note("labels.merged_column", column=column, parts=parts)
