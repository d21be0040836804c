"""Outreach logs that live in a database or warehouse, counted where they live (Ibis).

``DATA`` (a command's argument, ``icplab.load``/``compare``/... in Python, or ``[workspace]
data``) may name a table instead of a file::

    duckdb:///srv/growth.duckdb::outreach_events
    sqlite:///srv/crm.sqlite::outreach
    postgres://user@host:5432/growth::public.outreach
    bigquery://my-project/growth::outreach_events
    snowflake://user@account/GROWTH/PUBLIC?warehouse=WH::OUTREACH
    pyspark::growth.outreach_events          (the active SparkSession)

The part before ``::`` is an Ibis connection string (:func:`ibis.connect`; ``pyspark``
uses ``SparkSession.builder.getOrCreate()``), the part after it the table (``schema.table``
where the backend has schemas). Install the backend's extra, e.g. ``pip install
'ibis-framework[postgres]'``.

The warehouse runs one ``GROUP BY`` over the contract's columns (and the columns the
``[columns]`` mapping reads) and one duplicate check on (campaign, prospect_id); only the
distinct combinations of values travel, with their number of rows. Those go through the
ordinary validation and mapping (:func:`icplab.data.load.validate_frame`, so a mapping's
``map``/``in``/``pattern``/``json`` rules and every value rule apply exactly as to a file)
and are weighted as in :mod:`icplab.data.scan`. A table has no row numbers: a problem names
the column, how many rows it affects and a SQL condition to find them.

Examples
--------
>>> is_warehouse("duckdb:///data/x.duckdb::events"), is_warehouse("data/outreach.csv")
(True, False)
>>> split_url("sqlite:///srv/crm.sqlite::outreach")
('sqlite:///srv/crm.sqlite', None, 'outreach')
>>> split_url("postgres://u@h/db::public.outreach")
('postgres://u@h/db', 'public', 'outreach')
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd

from icplab.core.errors import InputError, Problem, UsageError
from icplab.core.notes import Note
from icplab.core.schema import (
    DEFAULT_CAMPAIGN,
    MAPPABLE_COLUMNS,
    PERSONAL_COLUMNS,
    SizeBands,
    canonical_header,
)
from icplab.data.scan import weighted

_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|pyspark(?:$|::))", re.IGNORECASE)
_WEIGHT = "__icplab_rows"


def is_warehouse(data: object) -> bool:
    """Whether ``data`` names a database table (``scheme://...::table`` or ``pyspark::t``)."""
    return isinstance(data, str) and bool(_URL.match(data.strip()))


def split_url(url: str) -> tuple[str, str | None, str]:
    """(connection string, schema or ``None``, table) of a table URL.

    Raises
    ------
    icplab.core.errors.UsageError
        When the table part is missing.
    """
    url = url.strip()
    if "::" not in url:
        raise UsageError(Note("errors.table.no_table", url=_safe(url)))
    conn, table = url.rsplit("::", 1)
    schema, _, name = table.strip().rpartition(".")
    if not name:
        raise UsageError(Note("errors.table.empty_name", url=_safe(url)))
    return conn.strip(), schema or None, name


def _safe(url: str) -> str:
    """``url`` without a password (``user:secret@host`` -> ``user:***@host``)."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


def connect(conn: str) -> Any:
    """An Ibis backend for the connection string (``pyspark``: the active SparkSession)."""
    try:
        import ibis
    except ImportError:
        raise UsageError(Note("errors.table.needs_ibis")) from None
    try:
        if conn.lower() == "pyspark":
            from pyspark.sql import SparkSession

            return ibis.pyspark.connect(SparkSession.builder.getOrCreate())
        backend = ibis.connect(conn)
        if getattr(backend, "name", "") == "duckdb":  # its progress bar would go to stdout
            backend.raw_sql("SET enable_progress_bar = false")
        return backend
    except ImportError as exc:
        raise UsageError(
            Note("errors.table.no_backend", conn=_safe(conn), reason=str(exc))
        ) from None
    except Exception as exc:
        raise UsageError(
            Note("errors.table.cannot_connect", conn=_safe(conn), reason=type(exc).__name__)
        ) from None


def load_table(
    url: str,
    validate: Callable[..., Any],
    *,
    mapping: Any = None,
    size_bands: SizeBands | None = None,
) -> Any:
    """Validate and count a row-level log held in a database table.

    Parameters
    ----------
    url
        ``CONNECTION::TABLE`` (see the module docstring).
    validate
        :func:`icplab.data.load.validate_frame` (passed in: the loader calls this module).
    mapping
        The resolved ``[columns]`` mapping (a :class:`icplab.data.mapping.ColumnMapping`).
    size_bands
        Size bands to derive ``size_band`` with.

    Returns
    -------
    icplab.data.load.OutreachData
        Weighted rows, as :func:`icplab.data.scan.scan_log` returns them.

    Raises
    ------
    icplab.core.errors.InputError
        A rule of the log format is broken (the message names column and number of rows).
    icplab.core.errors.UsageError
        Ibis or the backend is missing, the connection fails, or the table does not exist.
    """
    import ibis

    source, table = _open(url)
    bands = size_bands or SizeBands()
    canon, mapped, pid, keep = _kept(table, mapping)
    exprs: dict[str, Any] = {}
    bucketed = False
    for h in keep:
        col = table[h]
        if (
            canon[h] == "employees"
            and h.strip().casefold() not in mapped
            and col.type().is_integer()
        ):
            exprs[h] = _band_floor(col, bands)
            bucketed = True
        else:
            exprs[h] = col
    if pid is not None:
        exprs["__pid_missing"] = table[pid].isnull() | (table[pid].cast("string").strip() == "")
    grouped = table.group_by([v.name(k) for k, v in exprs.items()])
    frame = grouped.aggregate(**{_WEIGHT: ibis._.count()}).to_pandas()
    order = [c for c in frame.columns if c != _WEIGHT]
    frame = frame.sort_values(order, kind="stable", na_position="last").reset_index(drop=True)
    weights = frame.pop(_WEIGHT).to_numpy(dtype="int64")
    problems: list[Problem] = []
    if pid is not None:
        missing = frame.pop("__pid_missing").fillna(False).to_numpy(dtype=bool)
        frame[pid] = ["" if m else f"g{i}" for i, m in enumerate(missing)]
        problems += _duplicates(table, pid, canon)
    try:
        data = validate(frame, source=source, size_bands=bands, columns=mapping)
    except InputError as exc:
        raise InputError(
            source, [*problems, *(_without_rows(p, weights) for p in exc.problems)]
        ) from None
    if problems:
        raise InputError(source, problems)
    return weighted(data, weights, frame.index, drop_employees=bucketed)


def _open(url: str) -> tuple[str, Any]:
    """(the table's name for messages, without a password; the Ibis table) of ``url``."""
    conn, schema, name = split_url(url)
    source = f"{_safe(conn)}::{(schema + '.') if schema else ''}{name}"
    backend = connect(conn)
    try:
        table = backend.table(name, database=schema) if schema else backend.table(name)
    except Exception:
        raise UsageError(Note("errors.table.not_found", source=source)) from None
    return source, table


def _kept(table: Any, mapping: Any) -> tuple[dict[str, str], set[str], str | None, list[str]]:
    """(canonical name of every header, the mapping's source headers, the prospect_id
    header checked for duplicates or ``None``, the headers read besides it): the
    contract's columns that are not personal, and the headers the mapping reads."""
    canon = {h: canonical_header(h) for h in table.columns}
    mapped = {str(h).strip().casefold() for h in getattr(mapping, "source_headers", ())}
    pid = next((h for h, c in canon.items() if c == "prospect_id"), None)
    if mapping:  # a mapped prospect_id is resolved by the mapping: no duplicate check here
        pid = pid if pid is not None and pid.strip().casefold() not in mapped else None
    keep = [
        h
        for h, c in canon.items()
        if h != pid
        and (
            h.strip().casefold() in mapped
            or (c in MAPPABLE_COLUMNS and c not in PERSONAL_COLUMNS and c != "prospect_id")
        )
    ]
    return canon, mapped, pid, keep


def export_table(url: str, target: Path, *, mapping: Any = None) -> str:
    """Write the rows of a table to the Parquet file ``target``, with only the columns a
    command may read: the contract's columns that are not personal, ``prospect_id`` and
    the headers the ``[columns]`` mapping reads (what :func:`load_table` groups on). The
    batch runner's snapshot of a table (:mod:`icplab.batch.snapshot`): every report of a
    run reads that one copy with the ordinary reader, so it names spreadsheet-like row
    numbers of the copy, in the table's order as the database returns it.

    Returns
    -------
    str
        The table's name for messages (the connection string without a password).

    Raises
    ------
    icplab.core.errors.UsageError
        Ibis or the backend is missing, the connection fails, or the table does not exist.
    """
    source, table = _open(url)
    _canon, _mapped, pid, keep = _kept(table, mapping)
    columns = ([pid] if pid is not None else []) + keep
    if not columns:
        raise UsageError(Note("errors.table.no_log_columns", source=source))
    try:
        table.select(columns).to_parquet(str(target))
    except Exception as exc:
        raise UsageError(
            Note("errors.table.cannot_export", source=source, reason=type(exc).__name__)
        ) from None
    return source


def _band_floor(col: Any, bands: SizeBands) -> Any:
    """A whole-number head count as the lower edge of its size band (see
    :func:`icplab.data.duck_sql.band_floor_sql`)."""
    import ibis

    expr = ibis.cases(*[(col >= e, e) for e in reversed(bands.edges)], else_=col)
    return ibis.ifelse(col.isnull() | (col < 1), col, expr)


def _duplicates(table: Any, pid: str, canon: dict[str, str]) -> list[Problem]:
    camp = next((h for h, c in canon.items() if c == "campaign"), None)
    import ibis

    key = table[pid].cast("string").strip()
    campaign = (
        ibis.coalesce(table[camp].cast("string").strip().nullif(""), ibis.literal(DEFAULT_CAMPAIGN))
        if camp
        else ibis.literal(DEFAULT_CAMPAIGN)
    )
    dup = (
        table.filter(key != "")
        .group_by([campaign.name("c"), key.name("k")])
        .aggregate(n=ibis._.count())
        .filter(lambda t: t.n > 1)
    )
    n_ids = int(dup.count().execute())
    if not n_ids:
        return []
    n_rows = int(dup.n.sum().execute())
    return [
        Problem(
            "prospect_id",
            (),
            Note(
                "errors.table.duplicate_ids" if n_ids > 1 else "errors.table.duplicate_id",
                n=n_ids,
                rows=n_rows,
                header=pid,
            ),
        )
    ]


def _without_rows(problem: Problem, weights: Any) -> Problem:
    """A validation problem found on the value combinations, restated for a table: it has
    no row numbers, so the message says how many rows hold the offending values."""
    if not problem.rows:
        return problem
    positions = [r - 2 for r in problem.rows if 0 <= r - 2 < len(weights)]
    n = int(pd.Series(weights).iloc[positions].sum()) if positions else len(problem.rows)
    return replace(problem, rows=(), message=f"{problem.message} ({n} rows of the table)")


__all__ = ["connect", "is_warehouse", "load_table", "split_url"]
