"""Loading outreach logs (CONTRACT section 1): the entry point.

:func:`load` reads a CSV (``,`` or ``;``; UTF-8 with or without BOM, or Windows-1252),
Parquet or XLSX file, matches headers case-insensitively (German aliases included), drops
personal data, checks every rule of the format and returns one canonical form,
:class:`OutreachData`, for row-level and aggregated input alike: a frame of group columns
plus count columns (``contacted`` is 1 on each row of a row-level log).

The work is done in modules with one job each: :mod:`icplab.data.read` (file -> raw frame;
CSV bytes in :mod:`icplab.data.csvtext`), :mod:`icplab.data.tidy` (the raw frame's shape:
foot rows, empty, personal and duplicate columns, required headers),
:mod:`icplab.data.columns` (per-column parsers), :mod:`icplab.data.validate` (raw frame ->
:class:`OutreachData`) and :mod:`icplab.data.outreach` (the result). This module chooses
the path (warehouse table, cache, out-of-core scan, in-memory read) and re-exports the
names other modules import from it.

A file that breaks a rule raises :class:`icplab.core.errors.InputError`, which lists every
problem with the spreadsheet row numbers (header = row 1) and the column.

Examples
--------
>>> import pandas as pd
>>> raw = pd.DataFrame({
...     "Prospect_ID": ["p1", "p2"], "Branche": ["IT", "Logistik"], "Mitarbeiter": [12, 80],
...     "Botschaft": ["zeitersparnis", "fehlerrate"], "Anrede": ["Du", "SIE"],
...     "Antwort": ["ja", "nein"], "Termin": ["x", ""], "email": ["a@b.de", "c@d.de"]})
>>> data = validate_frame(raw, source="export.csv")
>>> data.frame[["industry", "size_band", "salutation", "replied", "meeting"]]
   industry size_band salutation  replied  meeting
0        IT      1-49         du        1        1
1  Logistik    50-199        sie        0        0
>>> "email" in data.frame.columns
False
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from icplab.core.config import Config
from icplab.core.schema import SizeBands
from icplab.data import scan, warehouse
from icplab.data.cache import cache_key, lookup, store
from icplab.data.columns import GENDER_WORDS
from icplab.data.csvtext import decode_csv_bytes, detect_encoding, looks_binary, sniff_delimiter
from icplab.data.keep import config_columns
from icplab.data.limits import check_file
from icplab.data.mapping import ColumnMapping
from icplab.data.outreach import OutreachData, ReadNotes
from icplab.data.personal import pseudonym_key
from icplab.data.read import (
    CSV_SUFFIXES,
    EXCEL_SUFFIXES,
    LOW_CARDINALITY,
    PARQUET_SUFFIXES,
    _read_csv,
    _read_excel,
    _read_parquet,
    checked_parquet_schema,
    read_headers,
    read_raw,
)
from icplab.data.tidy import TOTALS_WORDS, drop_foot_rows, looks_like_gender
from icplab.data.validate import _mapping, validate_frame

__all__ = [
    "CSV_SUFFIXES",
    "EXCEL_SUFFIXES",
    "GENDER_WORDS",
    "LOW_CARDINALITY",
    "PARQUET_SUFFIXES",
    "TOTALS_WORDS",
    "OutreachData",
    "ReadNotes",
    "_read_csv",
    "_read_excel",
    "_read_parquet",
    "decode_csv_bytes",
    "detect_encoding",
    "drop_foot_rows",
    "load",
    "looks_binary",
    "looks_like_gender",
    "read_headers",
    "sniff_delimiter",
    "validate_frame",
]


def load(
    path: str | Path,
    *,
    size_bands: SizeBands | None = None,
    columns: Mapping[str, Any] | ColumnMapping | None = None,
    preset: str | None = None,
    config: Config | None = None,
    needs: Iterable[str] | None = None,
) -> OutreachData:
    """Read and validate an outreach log.

    Parameters
    ----------
    path
        A ``.csv``, ``.parquet`` or ``.xlsx`` file, row-level or aggregated.
    size_bands
        Size bands to derive ``size_band`` from ``employees`` (default 1-49, 50-199,
        200-499, 500+).
    columns
        The ``[columns]`` table of ``icplab.toml`` (``Config.columns``): how the file's
        own headers and values map to the contract (CONTRACT section 6).
    preset
        A built-in column mapping (``lemlist``, ``apollo``, ...); wins over a
        ``preset`` in ``columns``.
    config
        A workspace :class:`~icplab.core.config.Config`: its size bands and ``[columns]``
        apply unless ``size_bands`` or ``columns`` are given.
    needs
        The columns the caller will use besides the contract's and the configuration's
        (``--by``, ``--where``, ``--within``). The workspace's cache stores only those
        two kinds (CONTRACT section 1, :mod:`icplab.data.keep`): a cached log serves a
        caller that needs none of the file's other columns; otherwise, and when
        ``needs`` is ``None`` (not known), a file with other columns is validated again.

    Returns
    -------
    OutreachData

    Raises
    ------
    icplab.core.errors.InputError
        When the file is missing, unreadable, empty, or breaks any rule of the format.
    """
    source = str(path)
    path = Path(path)
    bands_configured = size_bands is not None
    strict = False
    if config is not None:
        bands_configured = bands_configured or "size_bands" in config.raw
        strict = config.load_strict
        size_bands = size_bands or config.size_bands
        if columns is None:
            columns = ColumnMapping.from_config(config.columns, preset, where=config.where_label)
            preset = None
    mapping = _mapping(columns, preset)
    engine = config.load_engine if config is not None else None  # [load] engine
    if warehouse.is_warehouse(source):  # a database table, counted where it lives
        return warehouse.load_table(source, validate_frame, mapping=mapping, size_bands=size_bands)
    check_file(path, source, check_memory=False)
    scanned = scan.wanted(path, mapping, engine)  # out of core: chosen in scan.chosen_engine
    if not scanned:  # the out-of-core path needs no room for the rows
        check_file(path, source)
    # Inside a workspace, a file validated before (same size, time, mapping, size bands)
    # comes from the workspace's cache of validated logs (icplab.data.cache).
    root = config.root if config is not None and config.path is not None else None
    named = config_columns(config)
    key = (
        cache_key(
            path,
            mapping=mapping,
            size_bands=(size_bands, bands_configured, strict),
            engine="duckdb" if scanned else "pandas",
            named=named,
        )
        if root is not None
        else None
    )
    hit = lookup(root, key) if root is not None else None
    if hit is not None and _serves(hit[1], needs):
        frame, meta = hit
        return OutreachData(
            frame, source, bool(meta["aggregated"]), _bands_of(meta), _notes_of(meta["read"])
        )
    if scanned:  # big Parquet/CSV: counted out of core (icplab.data.scan)
        if path.suffix.lower() in (".parquet", ".pq"):  # the ordinary reader's schema checks
            checked_parquet_schema(path, source, mapping)
        data = scan.scan_log(path, validate_frame, source=source, size_bands=size_bands)
        if root is not None and hit is None:
            store(root, key, data, named)
        return data
    raw = read_raw(path, source, mapping)
    with pseudonym_key(root):  # the workspace's secret (personal.py)
        data = validate_frame(
            raw,
            source=source,
            size_bands=size_bands,
            columns=mapping,
            strict=strict,
            bands_configured=bands_configured,
        )
    if root is not None and hit is None:
        store(root, key, data, named)
    return data


def _serves(meta: Mapping[str, Any], needs: Iterable[str] | None) -> bool:
    """Whether a cache entry holds every column a caller ``needs`` (``None``: any column
    of the file), i.e. none of them is among the entry's ``unstored`` columns."""
    unstored = set(meta.get("unstored") or ())
    if not unstored:
        return True
    return needs is not None and not unstored.intersection(needs)


def _bands_of(meta: Mapping[str, Any]) -> SizeBands:
    """The size bands of a cache entry (the export's own ranges when it had them)."""
    ranges = meta["read"].get("size_ranges") or []
    if ranges:
        return SizeBands.from_ranges([(int(a), None if b is None else int(b)) for a, b in ranges])
    bands = meta["size_bands"]
    return SizeBands(tuple(bands["edges"]), tuple(bands["names"] or ()))


def _notes_of(notes: Mapping[str, Any]) -> ReadNotes:
    """:class:`ReadNotes` from their JSON form (a cache entry)."""
    return ReadNotes(
        headers=dict(notes["headers"]),
        preset=notes["preset"],
        personal_dropped=tuple(notes["personal_dropped"]),
        pseudonymised=bool(notes["pseudonymised"]),
        decimal_mark=notes["decimal_mark"],
        blanks={str(k): int(v) for k, v in (notes.get("blanks") or {}).items()},
        merged={str(k): dict(v) for k, v in (notes.get("merged") or {}).items()},
        has_ids=bool(notes.get("has_ids", True)),
        size_ranges=tuple(
            (int(a), None if b is None else int(b)) for a, b in notes.get("size_ranges") or []
        ),
        date_styles=dict(notes.get("date_styles") or {}),
        foot_rows=int(notes.get("foot_rows", 0)),
        empty_columns=tuple(notes.get("empty_columns") or ()),
        dropped=tuple(notes.get("dropped") or ()),
        unknown_labels={str(h): tuple(v) for h, v in (notes.get("unknown_labels") or {}).items()},
        unvalued_deals=int(notes.get("unvalued_deals", 0)),
    )
