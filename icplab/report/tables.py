"""The main tables of a report, recorded beside its summary JSON for ``reports/tables.xlsx``.

A notebook run by ``icplab run`` shows its tables through :mod:`icplab.report.notebook_kit`,
which also records each one here (``<report>.tables.json`` next to ``<report>.json``); the
runner gathers them into one workbook with a sheet per table. Interactive runs (no
``summary_path``) record nothing.

Examples
--------
>>> import tempfile, pandas as pd
>>> from pathlib import Path
>>> summary = Path(tempfile.mkdtemp()) / "overview.json"
>>> _ = record_table(str(summary), "metrics", pd.DataFrame({"metric": ["reply_rate"], "rate": [0.2]}))
>>> [(t, f.to_dict("records")) for t, f in read_tables(tables_path(summary))]
[('metrics', [{'metric': 'reply_rate', 'rate': 0.2}])]
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from icplab.core.files import atomic_write_text


def tables_path(summary_path: str | Path) -> Path:
    """``<report>.tables.json`` beside ``<report>.json``."""
    p = Path(summary_path)
    return p.with_name(f"{p.stem}.tables.json")


def record_table(summary_path: str, title: str, table: pd.DataFrame) -> Path | None:
    """Append ``table`` under ``title`` to the report's tables file (no-op without a path)."""
    if not summary_path:
        return None
    path = tables_path(summary_path)
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"tables": []}
    frame = table.copy()
    for col in frame.columns:
        if isinstance(frame[col].dtype, pd.CategoricalDtype):
            frame[col] = frame[col].astype(str)
    split = json.loads(frame.to_json(orient="split", index=False, default_handler=str))
    data["tables"].append({"title": str(title), "columns": split["columns"], "data": split["data"]})
    return atomic_write_text(path, json.dumps(data, ensure_ascii=False))


def read_tables(path: str | Path) -> list[tuple[str, pd.DataFrame]]:
    """The recorded tables of one report, in the order they were shown."""
    path = Path(path)
    if not path.exists():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        (t["title"], pd.DataFrame(t["data"], columns=t["columns"])) for t in data.get("tables", [])
    ]
