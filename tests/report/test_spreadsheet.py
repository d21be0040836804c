"""Spreadsheet output: CSV in English and German style, XLSX, formula injection (issue 11)."""

from __future__ import annotations

import io
import stat

import openpyxl
import pandas as pd
import pytest

from icplab.cli import main
from icplab.report.spreadsheet import readable, safe_cell, to_csv_text, write_xlsx

EVIL = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


@pytest.mark.parametrize("label", EVIL)
def test_formula_starts_are_defused(label):
    assert safe_cell(label) == "'" + label


def _log_with_labels(tmp_path, labels):
    rows = ["prospect_id,industry,employees,messaging,salutation,replied,meeting"]
    for i in range(80):
        lab = labels[i % len(labels)]
        rows.append(f'p{i},IT,{10 + i},"{lab}",{"du" if i % 2 else "sie"},{int(i % 3 == 0)},0')
    p = tmp_path / "log.csv"
    p.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return p


def test_csv_and_xlsx_cells_never_start_a_formula(tmp_path, capsys):
    labels = ["=cmd|'/C calc'!A0", "+49 Angebot", "-Rabatt", "@Team", "normal"]
    p = _log_with_labels(tmp_path, labels)
    assert (
        main(["compare", str(p), "--by", "messaging", "--metric", "reply_rate", "--format", "csv"])
        == 0
    )
    frame = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype=str)
    assert set(frame["level"]) == {"'" + x for x in labels[:4]} | {"normal"}
    out = tmp_path / "cmp.xlsx"
    assert (
        main(
            [
                "compare",
                str(p),
                "--by",
                "messaging",
                "--metric",
                "reply_rate",
                "--format",
                "xlsx",
                "--output",
                str(out),
            ]
        )
        == 0
    )
    ws = openpyxl.load_workbook(out).active
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert cells and all(c.data_type != "f" for c in cells)
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert not any(t.startswith(("=", "+", "-", "@", "\t", "\r")) for t in texts)
    assert "'=cmd|'/C calc'!A0" in texts


def test_german_csv_reads_back_in_german_excel_style(tmp_path, capsys):
    p = _log_with_labels(tmp_path, ["a", "b"])
    args = ["compare", str(p), "--by", "messaging", "--metric", "reply_rate", "--format", "csv"]
    assert main(args) == 0
    en = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert main([*args, "--language", "de"]) == 0
    text = capsys.readouterr().out
    de = pd.read_csv(io.StringIO(text), sep=";", decimal=",")
    assert text.splitlines()[0].count(";") == len(en.columns) - 1
    pd.testing.assert_frame_equal(de, en)
    # rounded and readable: at most four decimals in a rate
    assert all(len(str(v).split(".")[-1]) <= 4 for v in en["rate"])
    assert en["rate"].tolist() == pytest.approx([round(x, 4) for x in (en["successes"] / en["n"])])


def test_language_from_config(tmp_path, capsys, monkeypatch):
    p = _log_with_labels(tmp_path, ["a", "b"])
    (tmp_path / "icplab.toml").write_text('[reports]\nlanguage = "de"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", str(p), "--where", "industry=IT", "--format", "csv"]) == 0
    head = capsys.readouterr().out.splitlines()[0]
    assert head.startswith("thesis;thesis_verdict;metric")


def test_xlsx_default_name_and_permissions(tmp_path, capsys, monkeypatch):
    p = _log_with_labels(tmp_path, ["a", "b"])
    monkeypatch.chdir(tmp_path)
    assert main(["refine", str(p), "--format", "xlsx"]) == 0
    err = capsys.readouterr().err
    out = tmp_path / "icplab-refine.xlsx"
    assert out.exists() and "icplab-refine.xlsx" in err and "default name" in err
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    frame = pd.read_excel(out)
    assert frame["n"].sum() == 80


def test_readable_rounds_and_keeps_small_p_values():
    t = readable(pd.DataFrame({"rate": [0.123456789], "p_adjusted": [3.14159e-7], "n": [5]}))
    assert t.iloc[0].tolist() == [0.1235, 3.14e-07, 5]


def test_write_xlsx_sheet_names_are_valid_and_unique(tmp_path):
    frames = {
        "a/b:c*?[x]" + "y" * 40: pd.DataFrame({"x": [1]}),
        "A/B:C*?[X]" + "Y" * 40: pd.DataFrame({"x": [2]}),
    }
    out = write_xlsx(frames, tmp_path / "t.xlsx")
    names = openpyxl.load_workbook(out).sheetnames
    assert len(names) == 2 and len(set(n.casefold() for n in names)) == 2
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)


def test_csv_german_decimal_comma_via_writer():
    text = to_csv_text(pd.DataFrame({"level": ["du"], "rate": [0.5]}), language="de")
    assert text == "level;rate\ndu;0,5\n"
