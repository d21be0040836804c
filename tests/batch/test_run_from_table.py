"""``icplab run`` on ``[workspace] data = "duckdb:///FILE::TABLE"``: the run's copy of a table."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from _workspace import PII_MARKERS, outputs_with_pii, write_pii_log

import icplab
from icplab.batch.runner import run_reports
from icplab.core.config import Config
from icplab.core.schema import PERSONAL_COLUMNS
from icplab.data.warehouse import export_table

duckdb = pytest.importorskip("duckdb")
pytest.importorskip("ibis")

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _table(ws: Path, rows: int) -> tuple[Path, str]:
    """A DuckDB file holding the log (with its personal columns) as table ``outreach``."""
    csv = write_pii_log(ws / "data" / "log.csv", n_rows=rows)
    db = ws / "data" / "growth.duckdb"
    con = duckdb.connect(str(db))
    con.execute(f"CREATE TABLE outreach AS SELECT * FROM read_csv_auto('{csv.as_posix()}')")
    con.close()
    return csv, f"duckdb:///{db.as_posix()}::outreach"


def test_the_export_keeps_no_personal_column_and_counts_alike(tmp_path: Path) -> None:
    csv, url = _table(tmp_path, 600)
    target = tmp_path / "copy.parquet"
    assert export_table(url, target) == url  # no password to hide
    exported = pd.read_parquet(target)
    original = pd.read_csv(csv)
    personal = [c for c in original.columns if c in PERSONAL_COLUMNS]
    assert personal, "the planted log must have personal columns"
    assert not set(personal) & set(exported.columns)
    assert "prospect_id" in exported.columns and len(exported) == len(original)
    text = exported.astype(str).to_csv()
    assert not [m for m in PII_MARKERS if m in text]
    for by in ("industry", "salutation"):
        a = icplab.compare(target, by=by, metric="reply_rate", as_of="2026-09-30").to_dict()
        b = icplab.compare(csv, by=by, metric="reply_rate", as_of="2026-09-30").to_dict()
        assert a == b


@pytest.mark.slow
def test_a_run_reads_a_duckdb_table(tmp_path: Path) -> None:
    csv, url = _table(tmp_path, 400)
    (tmp_path / "icplab.toml").write_text(
        f'[workspace]\ndata = "{url}"\n\n[[reports]]\nname = "tiny"\n'
        f'notebook = "{(FIXTURES / "tiny.ipynb").as_posix()}"\n',
        encoding="utf-8",
    )
    summary = run_reports(Config.load(tmp_path / "icplab.toml"), timeout=120)
    assert [r.status for r in summary.results] == ["ok"], summary.results
    rows = len(pd.read_csv(csv))
    tiny = json.loads((tmp_path / "reports" / "tiny.json").read_text(encoding="utf-8"))
    assert f"{rows} contacts" in json.dumps(tiny)
    record = json.loads((summary.run_dir / "run.json").read_text(encoding="utf-8"))
    assert record["data"]["file"] == url and record["data"]["rows"] == rows
    assert not outputs_with_pii(tmp_path / "reports")
    assert not list((tmp_path / ".icplab" / "snapshots").glob("*/*"))  # the copy is gone
