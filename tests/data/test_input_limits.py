"""Hostile input files (issue 22): each attack ends in a one-line input error, quickly,
without echoing the cell, or the offending column is dropped with a note."""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from icplab.core.errors import InputError
from icplab.data import limits
from icplab.data.load import load


def _refused(path: Path) -> str:
    with pytest.raises(InputError) as info:
        load(path)
    return str(info.value)


def test_dev_zero_is_not_a_regular_file() -> None:
    assert "not a regular file" in _refused(Path("/dev/zero"))


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "log.csv"
    os.mkfifo(fifo)
    assert "not a regular file" in _refused(fifo)


def test_100000_columns_are_answered_in_seconds(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    header = ",".join(["industry", "employees", "replied"] + [f"c{i}" for i in range(100_000)])
    path.write_text(header + "\n" + ",".join(["IT", "5", "1"] + ["0"] * 100_000) + "\n")
    start = time.perf_counter()
    msg = _refused(path)
    assert time.perf_counter() - start < 10
    assert "100,003 columns" in msg


def test_long_cell_in_a_contract_column_is_named_not_echoed(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    secret = "Z" * 50_000
    path.write_text(f"industry,employees,replied\nIT,5,1\n{secret},5,0\n")
    msg = _refused(path)
    assert "row 3" in msg and "industry" in msg and "ZZZZZZZZZZ" not in msg
    assert len(msg) < 600


def test_long_cell_in_a_free_column_drops_the_column(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text(f"industry,employees,replied,details\nIT,5,1,{'Q' * 20_000}\nIT,5,0,ok\n")
    data = load(path)
    assert "details" not in data.frame and any("details" in d for d in data.read.dropped)


def test_parquet_nested_and_binary_columns_are_dropped_with_a_note(tmp_path: Path) -> None:
    table = pa.table(
        {
            "industry": ["IT", "Bau"],
            "employees": [5, 7],
            "replied": [1, 0],
            "tags": pa.array([["a"], ["b", "c"]]),
            "meta": pa.array([{"x": 1}, {"x": 2}]),
            "blob": pa.array([b"\x00\x01", b"\x02"], type=pa.binary()),
            "attrs": pa.array([[("k", "v")], [("k", "w")]], type=pa.map_(pa.string(), pa.string())),
        }
    )
    path = tmp_path / "log.parquet"
    pq.write_table(table, path)
    data = load(path)
    assert data.n_contacts == 2
    dropped = " ".join(data.read.dropped)
    for name in ("tags", "meta", "blob", "attrs"):
        assert name in dropped and name not in data.frame


def test_parquet_list_in_a_contract_column_is_an_error(tmp_path: Path) -> None:
    table = pa.table(
        {"industry": pa.array([["IT"], ["Bau"]]), "employees": [5, 7], "replied": [1, 0]}
    )
    path = tmp_path / "log.parquet"
    pq.write_table(table, path)
    assert "lists" in _refused(path)


def test_xlsx_with_oversized_shared_strings_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "log.xlsx"
    pd.DataFrame({"industry": ["IT", "Bau"], "employees": [5, 6], "replied": [1, 0]}).to_excel(
        path, index=False
    )
    giant = "<sst><si><t>" + "x" * 200_000 + "</t></si></sst>"
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("xl/sharedStrings.xml", giant, compress_type=zipfile.ZIP_DEFLATED)
    assert path.stat().st_size < 50_000  # compressed it is small: the zip directory tells
    monkeypatch.setattr(limits, "MAX_XLSX_MEMBER", 100_000)
    called = []
    monkeypatch.setattr(pd, "read_excel", lambda *a, **k: called.append(1))
    msg = _refused(path)
    assert "shared strings" in msg and not called


def test_file_larger_than_free_memory_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "log.csv"
    path.write_text("industry,employees,replied\n" + "IT,5,1\n" * 1000)
    monkeypatch.setattr(limits, "available_memory", lambda: 1000)
    assert "too large" in _refused(path)


def test_examples_in_messages_are_cut(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    bad = "J" * 500
    path.write_text(f"industry,employees,replied\nIT,5,{bad}\n")
    msg = _refused(path)
    assert "J" * 60 not in msg and "J" * 20 in msg


def test_uint64_employees_never_turn_negative_or_nan(tmp_path: Path) -> None:
    values = np.array([3, 2**63 + 10, 9], dtype="uint64")
    path = tmp_path / "log.parquet"
    pd.DataFrame({"industry": ["IT"] * 3, "employees": values, "replied": [1, 0, 0]}).to_parquet(
        path
    )
    msg = _refused(path)
    assert "row 3" in msg and "nan" not in msg.casefold() and "-" + str(2**63)[:5] not in msg


def test_a_long_header_is_cut_in_the_missing_column_message(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text(f"industry,{'H' * 5000},replied\nIT,5,1\n")
    msg = _refused(path)
    assert "employees" in msg and "H" * 60 not in msg


def test_anrede_with_du_sie_is_the_salutation(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text(
        "Branche;Mitarbeiter;Anrede;Antwort\nIT;5;Du;ja\nIT;5;Sie;nein\n", encoding="utf-8"
    )
    data = load(path)
    assert data.frame["salutation"].astype(str).tolist() == ["du", "sie"]


def test_xlsx_with_too_many_columns_is_refused_from_its_dimension(tmp_path: Path) -> None:
    path = tmp_path / "wide.xlsx"
    pd.DataFrame({"industry": ["IT"], "employees": [5], "replied": [1]}).to_excel(path, index=False)
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = sheet.replace('ref="A1:C2"', 'ref="A1:EQXD2"').encode()
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    assert "100,000 columns" in _refused(path)


def test_read_headers_refuses_a_device_too() -> None:
    from icplab.data.load import read_headers

    with pytest.raises(InputError, match="not a regular file"):
        read_headers("/dev/zero")
