"""The main tables of a report, recorded beside its summary JSON for ``reports/tables.xlsx``.

A notebook run by ``icplab run`` shows its tables through :mod:`icplab.report.notebook_kit`,
which also records each one here (``<report>.tables.json`` next to ``<report>.json``); the
runner gathers them into one workbook with a sheet per table. Interactive runs (no
``summary_path``) record nothing.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> summary = Path(tempfile.mkdtemp()) / "overview.json"
>>> _ = record_table(str(summary), "metrics", pd.DataFrame({"metric": ["reply_rate"], "rate": [0.2]}))
>>> [(t, f.to_dict("records")) for t, f in read_tables(tables_path(summary))]
[('metrics', [{'metric': 'reply_rate', 'rate': 0.2}])]

A factor can have thousands of levels (5,000 industries in one export). Reports stay
readable and bounded: plots draw at most :data:`MAX_LEVELS_SHOWN` levels and tables list at
most :data:`MAX_ROWS_SHOWN` rows, those with most contacts, and say in words how many were
left out (:func:`top_rows`, :func:`left_out_sentence`). The statistics themselves always
run over every level; only the display is summarised.

>>> t = pd.DataFrame({"level": list("abcd"), "n": [5, 40, 1, 30]})
>>> shown = top_rows(t, limit=2)
>>> shown.table["level"].tolist(), shown.hidden, shown.hidden_contacts
(['b', 'd'], 2, 6)
>>> left_out_sentence(shown, "industry")
'Showing the 2 industry levels with most contacts of 4; the other 2 (6 contacts) are not drawn.'
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from icplab.core.files import atomic_write_text
from icplab.report import text

#: Most levels a plot draws (the largest by contacts; the rest are summarised in words).
MAX_LEVELS_SHOWN = 20
#: Most rows a report table lists (the largest by contacts; the rest are counted in words).
MAX_ROWS_SHOWN = 50
#: Columns that measure a row's size, in order of preference.
SIZE_COLUMNS: tuple[str, ...] = ("contacts", "contacted", "n")


@dataclass(frozen=True)
class Shown:
    """The rows of a table a report shows, and what was left out.

    ``table`` keeps the original order; ``hidden`` rows with ``hidden_contacts`` contacts
    (0 when the table has no size column) are not in it; ``rest`` holds them.
    """

    table: pd.DataFrame
    total: int
    hidden: int
    hidden_contacts: int
    rest: pd.DataFrame
    by_size: bool = True


def size_column(table: pd.DataFrame) -> str | None:
    """The column that measures each row's size (contacts), or ``None``."""
    return next((c for c in SIZE_COLUMNS if c in table.columns), None)


def baseline_mask(table: pd.DataFrame) -> np.ndarray | None:
    """The rows a report always shows (the baseline, ``is_baseline``), or ``None``.

    Examples
    --------
    >>> baseline_mask(pd.DataFrame({"is_baseline": [True, None]})).tolist()
    [True, False]
    """
    if "is_baseline" not in table.columns:
        return None
    return table["is_baseline"].fillna(False).astype(bool).to_numpy()


def top_rows(
    table: pd.DataFrame,
    limit: int = MAX_LEVELS_SHOWN,
    size_col: str | None = None,
    keep: np.ndarray | None = None,
) -> Shown:
    """The ``limit`` rows of ``table`` with most contacts, in their original order.

    Parameters
    ----------
    table
        Any report table; rows are ranked by ``size_col`` (default: the first of
        :data:`SIZE_COLUMNS` present; without one, the first ``limit`` rows are kept).
    keep
        Optional boolean mask of rows always shown (e.g. the baseline); they count
        towards ``limit``.
    """
    t = table.reset_index(drop=True)
    if len(t) <= limit:
        return Shown(t, len(t), 0, 0, t.iloc[0:0])
    size_col = size_col or size_column(t)
    forced = np.zeros(len(t), dtype=bool) if keep is None else np.asarray(keep, dtype=bool)
    if size_col is None:
        rank = np.arange(len(t))
    else:
        sizes = pd.to_numeric(t[size_col], errors="coerce").fillna(0).to_numpy(dtype="float64")
        rank = np.argsort(-sizes, kind="stable")
    chosen = np.zeros(len(t), dtype=bool)
    chosen[forced] = True
    room = max(0, limit - int(chosen.sum()))
    free = [i for i in rank if not chosen[i]][:room]
    chosen[free] = True
    rest = t[~chosen]
    contacts = (
        int(pd.to_numeric(rest[size_col], errors="coerce").fillna(0).sum()) if size_col else 0
    )
    return Shown(t[chosen], len(t), len(rest), contacts, rest, size_col is not None)


def left_out_sentence(
    shown: Shown, column: str, how: str = "not_drawn", language: str = "en"
) -> str:
    """A sentence on the levels a plot leaves out (empty when none): ``how`` is
    ``not_drawn``, ``pooled`` or ``not_listed``."""
    if not shown.hidden:
        return ""
    return text.word(
        "levels_shown",
        language,
        shown=text.integer(shown.total - shown.hidden, language),
        column=text.column_word(column, language),
        total=text.integer(shown.total, language),
        hidden=text.integer(shown.hidden, language),
        contacts=text.integer(shown.hidden_contacts, language),
        how=text.word(f"levels_{how}", language),
    )


def rows_sentence(shown: Shown, language: str = "en") -> str:
    """A sentence on the rows a table leaves out (empty when none)."""
    if not shown.hidden:
        return ""
    fields = {
        "shown": text.integer(shown.total - shown.hidden, language),
        "total": text.integer(shown.total, language),
        "hidden": text.integer(shown.hidden, language),
        "contacts": text.integer(shown.hidden_contacts, language),
    }
    key = "rows_shown" if shown.by_size else "rows_shown_first"
    return text.word(key, language, **fields)


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
