"""Runner output (issue 11): file permissions, pruned run folders, tables.xlsx, progress."""

from __future__ import annotations

import io
import stat

import openpyxl
import pandas as pd
import pytest
from _paths import FIXTURES

from icplab.batch.runner import prune_runs, run_reports, write_tables_workbook
from icplab.cli.commands._progress import RunProgress
from icplab.core.config import Config
from icplab.report.tables import record_table
from tests._workspace import write_pii_log


@pytest.mark.slow  # two runs
def test_reports_are_world_readable_and_old_runs_pruned(tmp_path):
    write_pii_log(tmp_path / "data" / "log.csv", n_rows=200)
    (tmp_path / "icplab.toml").write_text(
        f"""
[workspace]
data = "data/log.csv"
[reports]
keep_runs = 1
[[reports.plan]]
name = "tiny"
notebook = "{(FIXTURES / "tiny.ipynb").as_posix()}"
""",
        encoding="utf-8",
    )
    config = Config.load(tmp_path / "icplab.toml")
    runs = [run_reports(config, timeout=120) for _ in range(2)]
    assert all(r.exit_code == 0 for r in runs)
    reports = tmp_path / "reports"
    for name in ("tiny.html", "tiny.json", "index.html", "tables.xlsx"):
        assert stat.S_IMODE((reports / name).stat().st_mode) == 0o644, name
    left = sorted(p.name for p in (reports / "runs").iterdir())
    assert left == sorted(r.run_dir.name for r in runs[1:])


def test_prune_keeps_the_newest_and_the_current(tmp_path):
    for name in ("20260101T000000Z", "20260102T000000Z", "20260103T000000Z", "20260104T000000Z"):
        (tmp_path / name).mkdir()
    removed = prune_runs(tmp_path, 2, keep=tmp_path / "20260101T000000Z")
    assert sorted(p.name for p in removed) == ["20260102T000000Z"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "20260101T000000Z",
        "20260103T000000Z",
        "20260104T000000Z",
    ]


def test_tables_workbook_has_one_sheet_per_recorded_table(tmp_path):
    record_table(str(tmp_path / "overview.json"), "metrics", pd.DataFrame({"rate": [0.25]}))
    record_table(str(tmp_path / "ab.json"), "comparison", pd.DataFrame({"level": ["=x", "b"]}))
    record_table(str(tmp_path / "ab.json"), "comparison", pd.DataFrame({"level": ["c"]}))
    path = write_tables_workbook(tmp_path, ["overview", "ab", "missing"])
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["overview metrics", "ab comparison", "ab comparison (2)"]
    assert wb["ab comparison"]["A2"].value == "'=x"
    assert wb["overview metrics"]["A2"].value == 0.25


def test_progress_plain_lines_with_time_left():
    out = io.StringIO()
    ticks = iter([0.0, 30.0, 60.0, 90.0])
    bar = RunProgress(total=3, stream=out, tty=False, clock=lambda: next(ticks))
    bar.done("a", True, 30.0)
    bar.done("b", False, 30.0, "boom")
    bar.done("c", True, 30.0)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("[1/3] ok") and lines[0].endswith("about 1 min left")
    assert "FAILED b" in lines[1] and "about 30 s left" in lines[1] and "boom" in lines[1]
    assert "left" not in lines[2]
    assert "\r" not in out.getvalue()


def test_progress_bar_on_a_terminal():
    out = io.StringIO()
    ticks = iter([0.0, 10.0])
    bar = RunProgress(total=2, stream=out, tty=True, clock=lambda: next(ticks))
    bar.done("a", True, 10.0)
    assert "[" + "#" * 12 + "-" * 12 + "] 1/2  about 10 s left" in out.getvalue()
