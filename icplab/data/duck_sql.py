"""The DuckDB SQL pieces of the out-of-core scan (:mod:`icplab.data.scan`).

Quoting of names and text, DuckDB results as Arrow tables, batches or pandas frames, the
tests of a column's DuckDB type, and the SQL that reads a boolean column or a head count
the way the validation (:mod:`icplab.data.validate`) reads them.

Examples
--------
>>> ident("reply class"), sql_text("it's")
('"reply class"', "it''s")
>>> is_int_type("BIGINT"), is_int_type("INTEGER[]"), is_float_type("DECIMAL(9,2)")
(True, False, True)
>>> band_floor_sql("employees", SizeBands())
'CASE WHEN "employees" IS NULL OR "employees" < 1 THEN "employees" WHEN "employees" >= 500 THEN 500 WHEN "employees" >= 200 THEN 200 WHEN "employees" >= 50 THEN 50 WHEN "employees" >= 1 THEN 1 END'
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from icplab.core.schema import FALSE_SPELLINGS, TRUE_SPELLINGS, SizeBands


def sql_text(value: str) -> str:
    """``value`` for a single-quoted SQL string (quotes doubled)."""
    return value.replace("'", "''")


def ident(name: str) -> str:
    """``name`` as a double-quoted SQL identifier (any header, quotes doubled)."""
    return '"' + name.replace('"', '""') + '"'


def arrow_table(result: Any) -> Any:
    """A DuckDB result as a pyarrow Table (the method's name differs between versions)."""
    for name in ("to_arrow_table", "fetch_arrow_table", "arrow"):
        method = getattr(result, name, None)
        if method is not None:
            table = method()
            return table.read_all() if hasattr(table, "read_all") else table
    raise RuntimeError("this DuckDB version cannot return Arrow tables")


def arrow_batches(result: Any, rows: int) -> Any:
    """A DuckDB result as a reader of Arrow record batches of ``rows`` rows (the method's
    name differs between versions)."""
    for name in ("to_arrow_reader", "fetch_record_batch"):
        method = getattr(result, name, None)
        if method is not None:
            return method(rows)
    raise RuntimeError("this DuckDB version cannot return Arrow batches")


def to_pandas(table: Any) -> pd.DataFrame:
    """Arrow -> pandas with text columns as categoricals (as the Parquet reader gives the
    low-cardinality ones): the validation factorizes them per distinct value."""
    import pyarrow as pa
    import pyarrow.compute as pc

    columns = [
        pc.dictionary_encode(col)
        if pa.types.is_string(col.type) or pa.types.is_large_string(col.type)
        else col
        for col in table.columns
    ]
    return pa.table(columns, names=table.column_names).to_pandas()


def is_int_type(sql_type: str) -> bool:
    return any(t in sql_type for t in ("INT", "BOOLEAN")) and "[]" not in sql_type


def is_float_type(sql_type: str) -> bool:
    return sql_type in ("DOUBLE", "FLOAT", "REAL") or sql_type.startswith("DECIMAL")


def truthy_sql(col: str, sql_type: str) -> str:
    """SQL: the boolean column ``col`` read as 0/1 (blank = 0), as the validation reads it."""
    c = ident(col)
    if sql_type == "BOOLEAN":
        return f"coalesce(CAST({c} AS INTEGER), 0) = 1"
    if is_int_type(sql_type) or is_float_type(sql_type):
        return f"coalesce({c}, 0) = 1"
    trues = ", ".join(f"'{s}'" for s in sorted(TRUE_SPELLINGS))
    return f"lower(trim(coalesce(CAST({c} AS VARCHAR), ''))) IN ({trues})"


def not_boolean_sql(col: str, sql_type: str) -> str:
    """SQL: the cell of ``col`` is not blank and not a yes/no spelling."""
    c = ident(col)
    if sql_type == "BOOLEAN":
        return "false"
    if is_int_type(sql_type) or is_float_type(sql_type):
        return f"({c} IS NOT NULL AND {c} NOT IN (0, 1))"
    ok = ", ".join(f"'{s}'" for s in sorted(TRUE_SPELLINGS | FALSE_SPELLINGS))
    return f"({c} IS NOT NULL AND lower(trim(CAST({c} AS VARCHAR))) NOT IN ({ok}))"


def band_floor_sql(col: str, bands: SizeBands) -> str:
    """SQL: a whole-number head count replaced by the lower edge of its size band (values
    below 1 and blanks stay as they are, so the validation still sees them)."""
    c = ident(col)
    cases = " ".join(f"WHEN {c} >= {e} THEN {e}" for e in reversed(bands.edges))
    return f"CASE WHEN {c} IS NULL OR {c} < 1 THEN {c} {cases} END"
