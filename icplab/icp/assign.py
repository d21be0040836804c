"""Stratified (blocked) variant assignment of a contact list (CONTRACT section 9).

Inside every segment of ``by`` (size bands derived from ``employees`` as the loader
does), the variants follow the planned ratio to within one contact, in a random order
made of shuffled blocks (blocked randomisation: every block of ``sum(ratio)`` contacts
holds each variant ``ratio`` times; the last, partial block is shuffled too). One seeded
generator walks the segments in sorted order, so the same seed gives the same file.

The contact list is the user's own file: its rows (all columns, personal ones included)
go to the output file they asked for and nowhere else; no value of it appears in a
message, a log or a cache.

Examples
--------
>>> import pandas as pd
>>> raw = pd.DataFrame({"Branche": ["IT"] * 5 + ["Handel"] * 4, "Mitarbeiter": ["120"] * 9})
>>> plan = Assignment(["industry", "size_band"], "messaging", ["a", "b"], [1, 1], seed=7)
>>> out = assign_frame(raw, plan)
>>> out.groupby("Branche")["messaging"].value_counts().sort_index().tolist()
[2, 2, 3, 2]
"""

from __future__ import annotations

import io
import math
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import reduce
from pathlib import Path

import numpy as np
import pandas as pd

from icplab.core.errors import ConfigError, UsageError
from icplab.core.files import atomic_write_text
from icplab.core.notes import Note
from icplab.core.schema import SizeBands, canonical_header
from icplab.core.toml_reason import toml_reason
from icplab.data.load import decode_csv_bytes, sniff_delimiter
from icplab.data.numbers import parse_whole

_RANGE_PARTS = re.compile(r"^\s*([\d.,]+)\s*(?:-\s*([\d.,]+)|(\+))\s*$")


@dataclass(frozen=True)
class AssignSummary:
    """What was written: rows, segments and contacts per variant (no contact data)."""

    rows: int
    segments: int
    per_variant: dict[str, int]


def parse_variants(text: str) -> tuple[str, list[str]]:
    """``messaging=zeitersparnis,fehlerrate`` -> ``("messaging", [...])``.

    Examples
    --------
    >>> parse_variants("messaging=zeitersparnis,fehlerrate")
    ('messaging', ['zeitersparnis', 'fehlerrate'])
    """
    column, sep, rest = text.partition("=")
    levels = [x.strip() for x in rest.split(",") if x.strip()]
    if not sep or not column.strip() or len(levels) < 2 or len(set(levels)) != len(levels):
        raise UsageError(Note("assign.bad_variants", text=text))
    return column.strip(), levels


def parse_ratio(text: str | None, k: int) -> list[int]:
    """``1:1`` (default equal) -> whole weights, one per variant.

    Examples
    --------
    >>> parse_ratio("1:20", 2), parse_ratio(None, 3)
    ([1, 20], [1, 1, 1])
    """
    if text is None:
        return [1] * k
    try:
        parts = [int(x) for x in text.split(":")]
    except ValueError:
        parts = []
    if len(parts) != k or any(p < 1 for p in parts):
        raise UsageError(Note("assign.bad_ratio", text=text, k=k, example=":".join(["1"] * k)))
    return parts


def read_contacts(path: Path) -> tuple[pd.DataFrame, str]:
    """The contact list as text columns, exactly as written, and its CSV delimiter."""
    if not path.exists():
        raise UsageError(Note("assign.not_found", path=str(path)))
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        return pd.read_parquet(path).astype(str), ","
    if suffix in (".xlsx", ".xlsm", ".xls"):
        return pd.read_excel(path, dtype=str, keep_default_na=False), ","
    data, encoding = decode_csv_bytes(path.read_bytes())
    text = data.decode(encoding, errors="replace")
    first = text.split("\n", 1)[0]
    sep = sniff_delimiter(first)
    frame = pd.read_csv(
        io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, skip_blank_lines=True
    )
    return frame, sep


def segment_keys(
    raw: pd.DataFrame, by: Sequence[str], size_bands: SizeBands, configured: bool = True
) -> pd.DataFrame:
    """The segment columns of ``by`` read off the raw list (headers matched as the loader does).

    ``size_band`` comes from a ``size_band`` column, else from ``employees`` (a head count
    such as ``2.000`` or a range such as ``51-200`` / ``10000+``, placed by its lower end).
    Blank values form a segment of their own.
    """
    names = {canonical_header(h): h for h in raw.columns}
    out = {}
    for col in by:
        key = canonical_header(col)
        if key in names:
            out[col] = raw[names[key]].astype(str).str.strip().to_numpy()
        elif key == "size_band" and "employees" in names:
            out[col] = _bands(raw[names["employees"]], size_bands, configured)
        else:
            code = "assign.no_band_column" if key == "size_band" else "assign.no_column"
            raise UsageError(Note(code, col=col, headers=tuple(map(str, raw.columns))))
    return pd.DataFrame(out, index=raw.index)


def _bands(values: pd.Series, size_bands: SizeBands, configured: bool = True) -> np.ndarray:
    """Size band of each row (CONTRACT section 1), ``""`` where blank.

    Without configured bands, a file that holds ranges uses its own ranges as bands (an
    exact head count goes to the range that holds it); with configured bands, a range
    must lie inside one band.
    """
    text = values.astype(str).str.strip()
    parts = text.str.extract(_RANGE_PARTS)
    is_range = parts[0].notna().to_numpy()
    lower = parse_whole(parts[0].where(parts[0].notna(), text)).value
    upper_text = parts[1].where(parts[1].notna(), "")
    upper = parse_whole(upper_text).value
    open_end = (parts[2].fillna("") == "+").to_numpy()
    blank = (text == "").to_numpy()
    bad = ~blank & (np.isnan(lower) | (lower < 1) | (is_range & ~open_end & np.isnan(upper)))
    if bad.any():
        rows = (np.flatnonzero(bad) + 2)[:5].tolist()
        raise UsageError(Note("assign.bad_sizes", rows=", ".join(map(str, rows))))
    hi = np.where(is_range, np.where(open_end, np.inf, upper), lower)
    out = np.full(len(text), "", dtype=object)
    if is_range.any() and not configured:
        ranges = sorted(
            {(float(a), float(b)) for a, b, r in zip(lower, hi, is_range, strict=True) if r}
        )
        labels = [f"{a:.0f}+" if np.isinf(b) else f"{a:.0f}-{b:.0f}" for a, b in ranges]
        for k in np.flatnonzero(~blank):
            for (a, b), lab in zip(ranges, labels, strict=True):
                if a <= lower[k] and hi[k] <= b:
                    out[k] = lab
                    break
            else:
                raise UsageError(
                    Note("assign.outside_ranges", row=str(k + 2), ranges=tuple(labels))
                )
        return out
    lo_band = size_bands.assign(pd.Series(np.where(blank, np.nan, lower))).astype(str)
    hi_band = size_bands.assign(
        pd.Series(np.where(blank, np.nan, np.where(np.isinf(hi), 1e12, hi)))
    ).astype(str)
    straddle = ~blank & (lo_band.to_numpy() != hi_band.to_numpy())
    if straddle.any():
        first = int(np.flatnonzero(straddle)[0])
        rows = (np.flatnonzero(straddle) + 2)[:5].tolist()
        raise UsageError(
            Note(
                "assign.straddles",
                rows=", ".join(map(str, rows)),
                low=str(lo_band.iloc[first]),
                high=str(hi_band.iloc[first]),
            )
        )
    out[~blank] = lo_band.to_numpy()[~blank]
    return out


@dataclass(frozen=True)
class Assignment:
    """What to assign: the ``levels`` of ``column`` in ``ratio``, blocked inside every
    segment of ``by``, from ``seed``; ``size_bands`` are the workspace's configured bands
    (``None`` when it configures none: a file of head-count ranges uses its own ranges)."""

    by: Sequence[str]
    column: str
    levels: Sequence[str]
    ratio: Sequence[int]
    seed: int
    size_bands: SizeBands | None = None

    def segments(self, raw: pd.DataFrame) -> pd.DataFrame:
        """Each row's segment: the ``by`` columns (size bands derived as the loader does)."""
        bands = self.size_bands or SizeBands()
        return segment_keys(raw, self.by, bands, self.size_bands is not None)


def assign_frame(raw: pd.DataFrame, plan: Assignment) -> pd.DataFrame:
    """``raw`` in its order with ``plan.column`` holding each row's variant (blocked per
    segment of ``plan.by``)."""
    by, levels = plan.by, plan.levels
    g = reduce(math.gcd, plan.ratio)
    weights = np.array([r // g for r in plan.ratio], dtype="int64")
    keys = plan.segments(raw)
    codes = keys.astype(str).agg("\x1f".join, axis=1) if len(by) else pd.Series("", raw.index)
    rng = np.random.default_rng(plan.seed)
    variant = np.empty(len(raw), dtype=object)
    positions = np.arange(len(raw))
    for code in sorted(codes.unique()):
        where = positions[(codes == code).to_numpy()]
        variant[where] = np.asarray(levels, dtype=object)[_blocked(len(where), weights, rng)]
    out = raw.copy()
    out[plan.column] = variant
    return out


def _blocked(m: int, weights: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Variant indices for ``m`` contacts: shuffled full blocks, then a shuffled partial one.

    Each variant's count is its exact share rounded by largest remainder (within one).
    """
    block = int(weights.sum())
    exact = m * weights / block
    counts = np.floor(exact).astype("int64")
    short = m - int(counts.sum())
    order = np.argsort(-(exact - counts), kind="stable")
    counts[order[:short]] += 1
    full = m // block
    parts = []
    for _ in range(full):
        parts.append(rng.permutation(np.repeat(np.arange(len(weights)), weights)))
    rest = counts - full * weights
    parts.append(rng.permutation(np.repeat(np.arange(len(weights)), rest)))
    return np.concatenate(parts).astype("int64") if parts else np.zeros(0, dtype="int64")


def assign_file(
    source: Path,
    output: Path,
    by: Sequence[str],
    column: str,
    levels: Sequence[str],
    ratio: Sequence[int],
    seed: int,
    size_bands: SizeBands | None = None,
) -> AssignSummary:
    """Read ``source``, assign, write ``output`` (CSV, or XLSX / Parquet by its suffix).

    ``size_bands``: the workspace's configured bands, ``None`` when it configures none.
    """
    raw, sep = read_contacts(Path(source))
    if raw.empty:
        raise UsageError(Note("assign.no_rows", source=str(source)))
    plan = Assignment(by, column, levels, ratio, seed, size_bands)
    out = assign_frame(raw, plan)
    output = Path(output)
    suffix = output.suffix.lower()
    if suffix == ".xlsx":
        out.to_excel(output, index=False)
    elif suffix == ".parquet":
        out.to_parquet(output, index=False)
    else:
        atomic_write_text(output, out.to_csv(index=False, sep=sep, lineterminator="\n"))
    segments = len(plan.segments(raw).drop_duplicates()) if len(by) else 1
    per = {str(v): int((out[column] == v).sum()) for v in levels}
    return AssignSummary(len(out), segments, per)


def record_split(path: Path, column: str, shares: Mapping[str, int]) -> None:
    """Record ``[split] COLUMN = {A = 1, B = 1}`` in ``path``, keeping the rest of the file.

    A file without ``[split]`` gets the table appended (its comments and layout stay); a
    file that already declares a split gets the ``COLUMN`` entry replaced in place when it
    is one line of ``[split]``, else the file is rewritten by a TOML writer.

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "icplab.toml"
    >>> _ = p.write_text("# my workspace\\n[stats]\\nsequential = true\\n", encoding="utf-8")
    >>> record_split(p, "messaging", {"a": 1, "b": 20})
    >>> print(p.read_text(encoding="utf-8"))
    # my workspace
    [stats]
    sequential = true
    <BLANKLINE>
    [split]
    messaging = { a = 1, b = 20 }
    <BLANKLINE>
    """
    import tomli_w

    inline = "{ " + ", ".join(f"{_key(k)} = {int(v)}" for k, v in shares.items()) + " }"
    line = f"{_key(column)} = {inline}"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            Note("assign.bad_toml", path=str(path), reason=toml_reason(exc))
        ) from None
    split = doc.get("split")
    if split is None:
        sep = "" if not text or text.endswith("\n\n") else ("\n" if text.endswith("\n") else "\n\n")
        new = f"{text}{sep}[split]\n{line}\n"
    else:
        lines = text.splitlines(keepends=True)
        header = next((i for i, x in enumerate(lines) if x.strip() == "[split]"), None)
        if header is not None and isinstance(split, dict) and column not in split:
            lines.insert(header + 1, line + "\n")
            new = "".join(lines)
        else:
            own = _own_line(lines, header, column)
            if own is not None:
                lines[own] = line + "\n"
                new = "".join(lines)
            else:
                doc["split"] = {**split, column: {str(k): int(v) for k, v in shares.items()}}
                new = tomli_w.dumps(doc)
    tomllib.loads(new)  # never write a file that does not parse
    atomic_write_text(path, new)


def _key(k: str) -> str:
    return k if re.fullmatch(r"[A-Za-z0-9_-]+", k) else '"' + k.replace('"', '\\"') + '"'


def _own_line(lines: list[str], header: int | None, column: str) -> int | None:
    """The line ``COLUMN = {...}`` inside the ``[split]`` table, if it is a single line."""
    if header is None:
        return None
    pattern = re.compile(rf"^\s*{re.escape(_key(column))}\s*=\s*\{{.*\}}\s*(#.*)?$")
    for i in range(header + 1, len(lines)):
        if lines[i].lstrip().startswith("["):
            return None
        if pattern.match(lines[i].rstrip("\n")):
            return i
    return None
