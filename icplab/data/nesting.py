"""Factors nested in other factors: a variant that is really an industry (CONTRACT section 6).

A message variant cut from a sequence name that contains the industry ("IT - Zeitersparnis",
"Logistik - Fehlerrate") occurs in one industry each: any difference between the variants
is an industry difference as well, and no comparison can tell the two apart. ``validate``
warns about it and every comparison of the factor carries the warning.

A factor is *nested* in another when each of its levels (with at least ``min_contacts``
contacts) occurs within one level of the other, and together they span at least two
levels of it. Blank values are left out.

Examples
--------
>>> import pandas as pd
>>> f = pd.DataFrame({"industry": ["IT"] * 6 + ["Logistik"] * 6,
...                   "messaging": ["it-a"] * 6 + ["log-b"] * 6,
...                   "contacted": 1})
>>> [c.message("en") for c in confounded(f)]
['messaging is confounded with industry: each messaging level occurs in only one industry, so a difference between them cannot be told apart from an industry difference.']
>>> nested_in(f, "messaging", "size_band") is False
True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from icplab.core.notes import Note, render

#: Factors whose levels are treatments (what was tried).
TREATMENTS: tuple[str, ...] = ("messaging", "salutation", "channel")
#: Factors whose levels are segments (who was contacted).
SEGMENTS: tuple[str, ...] = ("industry", "size_band", "region")
#: Levels with fewer contacts than this are not judged (a handful can fall anywhere).
MIN_CONTACTS = 5


@dataclass(frozen=True)
class Confounding:
    """``factor`` is nested in ``other``: each level of it occurs in one level of ``other``."""

    factor: str
    other: str

    def note(self) -> Note:
        """The warning as a :class:`~icplab.core.notes.Note` (English as text)."""
        vowel = self.other[:1] in "aeiou"
        return Note(
            "nesting.confounded_an" if vowel else "nesting.confounded_a",
            factor=self.factor,
            other=self.other,
        )

    def message(self, language: str = "en") -> str:
        """The warning in English (``en``) or German (``de``).

        Examples
        --------
        >>> print(Confounding("messaging", "industry").message("de"))  # doctest: +ELLIPSIS
        messaging ist mit industry vermengt: jede Ausprägung von Botschaft kommt nur in ...
        """
        return render(self.note(), language)


def _weights(frame: pd.DataFrame) -> pd.Series:
    if "contacted" in frame.columns:
        if frame["contacted"].dtype == np.int64:  # a validated log: whole numbers, no blanks
            return frame["contacted"]
        return pd.to_numeric(frame["contacted"], errors="coerce").fillna(0)
    return pd.Series(1, index=frame.index)


#: Most (factor, other) level pairs counted in one array (else a group-by).
_MAX_PAIRS = 1_000_000


def _pair_counts(f: pd.Series, o: pd.Series, n: pd.Series) -> pd.DataFrame:
    """The contacts ``n`` summed per pair of levels ``f``, ``o`` that occur together
    (blank levels left out): columns ``f``, ``o``, ``n``. Two categorical columns (as a
    validated log has them) are counted on their codes with one ``bincount``; pairs with
    no contacts may be left out (the caller drops them)."""
    if isinstance(f.dtype, pd.CategoricalDtype) and isinstance(o.dtype, pd.CategoricalDtype):
        n_f, n_o = len(f.cat.categories), len(o.cat.categories)
        if 0 < n_f * n_o <= _MAX_PAIRS:
            fc = f.cat.codes.to_numpy()
            oc = o.cat.codes.to_numpy()
            key = fc.astype(np.int64) * n_o
            key += oc
            weights = n.to_numpy(dtype=np.float64)
            ok = (fc >= 0) & (oc >= 0)
            if not ok.all():  # blank levels left out
                key, weights = key[ok], weights[ok]
            sums: np.ndarray = (
                np.bincount(key, minlength=n_f * n_o).astype(np.float64)  # sums of ones: exact
                if (weights == 1).all()  # one contact per row: counted, not summed
                else np.bincount(key, weights=weights, minlength=n_f * n_o)
            )
            used = np.flatnonzero(sums > 0)
            return pd.DataFrame(
                {
                    "f": pd.Categorical.from_codes(used // n_o, dtype=f.dtype),
                    "o": pd.Categorical.from_codes(used % n_o, dtype=o.dtype),
                    "n": sums[used],
                }
            )
    return (
        pd.DataFrame({"f": f, "o": o, "n": n})
        .groupby(["f", "o"], observed=True, dropna=True, sort=False)["n"]
        .sum()
        .reset_index()
    )


def nested_in(
    frame: pd.DataFrame, factor: str, other: str, min_contacts: int = MIN_CONTACTS
) -> bool:
    """Whether ``factor`` is nested in ``other`` in ``frame`` (rows or count rows).

    Examples
    --------
    >>> f = pd.DataFrame({"industry": list("AABB") * 5, "messaging": list("xyxy") * 5})
    >>> nested_in(f, "messaging", "industry")
    False
    """
    if factor not in frame.columns or other not in frame.columns or factor == other:
        return False
    # counted per (factor, other) first: the labels are cleaned on the few pairs, not per row
    cells = _pair_counts(frame[factor], frame[other], _weights(frame))
    pairs = pd.DataFrame(
        {
            "f": cells["f"].astype("string").str.strip(),
            "o": cells["o"].astype("string").str.strip(),
            "n": cells["n"],
        }
    ).dropna()
    pairs = pairs[(pairs["f"] != "") & (pairs["o"] != "") & (pairs["n"] > 0)]
    sizes = pairs.groupby("f")["n"].sum()
    judged = sizes[sizes >= min_contacts].index
    pairs = pairs[pairs["f"].isin(judged)]
    if len(judged) < 2:
        return False
    spans = pairs.groupby("f")["o"].nunique()
    return bool((spans == 1).all() and pairs["o"].nunique() >= 2)


def confounded(
    frame: pd.DataFrame,
    factors: tuple[str, ...] | None = None,
    min_contacts: int = MIN_CONTACTS,
) -> list[Confounding]:
    """Every treatment factor nested in a segment factor of ``frame``.

    ``factors`` limits the treatments checked (default :data:`TREATMENTS`); a factor
    given that is not a treatment (e.g. ``--by campaign``) is checked against the
    segments too.
    """
    found = []
    for factor in factors or TREATMENTS:
        for other in SEGMENTS:
            if other != factor and nested_in(frame, factor, other, min_contacts):
                found.append(Confounding(factor, other))
                break  # one warning per factor: the first segment it is nested in
    return found


def confounding_notes(frame: pd.DataFrame, by: str) -> list[Note]:
    """The warnings for a comparison by ``by`` (empty when ``by`` is a segment factor)."""
    if by in SEGMENTS:
        return []
    return [c.note() for c in confounded(frame, (by,))]
