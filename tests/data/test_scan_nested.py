"""A Parquet log with a nested or binary contract column is an input error for the
out-of-core scan exactly as for the ordinary reader (it was a traceback); a nested column
outside the contract is left out by both."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from icplab.cli import main
from icplab.data.sample import generate_outreach

KINDS = {
    "list": lambda v: pa.array([[x] for x in v]),
    "struct": lambda v: pa.array([{"name": x} for x in v]),
    "binary": lambda v: pa.array([str(x).encode() for x in v], type=pa.binary()),
}


def _log(tmp_path, kind: str | None, extra: bool = False):
    df = generate_outreach(300, seed=5)
    table = pa.Table.from_pandas(df, preserve_index=False)
    if kind is not None:
        i = table.schema.get_field_index("industry")
        table = table.set_column(i, "industry", KINDS[kind](df["industry"]))
    if extra:
        table = table.append_column("tags", pa.array([[1, 2]] * len(df)))
    path = tmp_path / f"log-{kind}-{extra}.parquet"
    pq.write_table(table, path)
    return path


def _run(monkeypatch, capsys, engine, path, *lang):
    monkeypatch.setenv("ICPLAB_LOAD_ENGINE", engine)
    code = main([*lang, "compare", str(path), "--by", "salutation", "--metric", "reply_rate"])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_nested_contract_column_is_the_same_input_error(tmp_path, monkeypatch, capsys, kind):
    path = _log(tmp_path, kind)
    for lang in ((), ("--lang", "de")):
        read = _run(monkeypatch, capsys, "pandas", path, *lang)
        scanned = _run(monkeypatch, capsys, "duckdb", path, *lang)
        assert read[0] == 2 and "industry" in read[2] and "Traceback" not in scanned[2]
        assert scanned == read


def test_nested_extra_column_is_left_out_by_both(tmp_path, monkeypatch, capsys):
    path = _log(tmp_path, None, extra=True)
    read = _run(monkeypatch, capsys, "pandas", path, "--lang", "de")
    scanned = _run(monkeypatch, capsys, "duckdb", path, "--lang", "de")
    assert read[0] == 0 and scanned[0] == 0
    assert scanned[1] == read[1]
