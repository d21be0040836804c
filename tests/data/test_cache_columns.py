"""CONTRACT section 1: only the contract's columns and those a command or the
configuration names are ever written; other columns stay in the user's file."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from icplab.cli import main
from icplab.core.config import Config
from icplab.data import load as load_module
from icplab.data.cache import CACHE_DIR
from icplab.data.load import load
from icplab.data.sample import generate_outreach

#: Planted values of the two columns outside the contract; none may be written anywhere.
STATUS = ("zqstatus-warm", "zqstatus-cold")
FREE_TEXT = "zqfree saw your post on automation"


def _workspace(root: Path, toml: str = "") -> Path:
    raw = generate_outreach(600, seed=3)
    raw["status"] = [STATUS[i % 2] for i in range(len(raw))]
    raw["personalisation line"] = [f"{FREE_TEXT} {i}" for i in range(len(raw))]
    raw.to_csv(root / "log.csv", index=False)
    (root / "icplab.toml").write_text(
        '[workspace]\ndata = "log.csv"\n\n[stats]\nsequential = false\n' + toml,
        encoding="utf-8",
    )
    return root


def _written_text(ws: Path) -> str:
    """Every file under the workspace except the user's own, as text (Parquet and XLSX
    read as tables)."""
    parts = []
    for p in sorted(ws.rglob("*")):
        if not p.is_file() or p in (ws / "log.csv", ws / "icplab.toml"):
            continue
        if p.suffix == ".parquet":
            parts.append(pd.read_parquet(p).to_csv())
        elif p.suffix == ".xlsx":
            import openpyxl

            book = openpyxl.load_workbook(p, read_only=True)
            parts += [
                str(c) for s in book.worksheets for r in s.iter_rows(values_only=True) for c in r
            ]
        else:
            parts.append(p.read_bytes().decode("utf-8", "replace"))
    return "\n".join(parts)


def _leaks(text: str) -> list[str]:
    return [v for v in (*STATUS, "zqfree") if v in text]


def test_the_cache_holds_no_unnamed_column_and_a_named_one_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = _workspace(tmp_path)
    config = Config.load(ws / "icplab.toml")
    first = load(ws / "log.csv", config=config, needs=())
    assert "status" in first.frame.columns  # in memory for --by / --where
    assert _leaks(_written_text(ws)) == [] and list((ws / CACHE_DIR).glob("*.parquet"))
    # a command that names only contract columns is served by the cache: no read at all
    monkeypatch.setattr(load_module, "read_raw", lambda *a, **k: pytest.fail("file read"))
    cached = load(ws / "log.csv", config=config, needs=("industry",))
    assert "status" not in cached.frame.columns
    pd.testing.assert_frame_equal(cached.frame, first.frame[list(cached.frame.columns)])
    monkeypatch.undo()
    # a command that names `status` reads it from the file, with the file's values
    named = load(ws / "log.csv", config=config, needs=("status",))
    truth = pd.read_csv(ws / "log.csv")["status"]
    assert named.frame["status"].astype(str).tolist() == truth.tolist()
    # and so does a caller that does not say what it needs
    assert "status" in load(ws / "log.csv", config=config).frame.columns
    assert _leaks(_written_text(ws)) == []


def test_a_column_the_configuration_names_is_cached(tmp_path: Path, monkeypatch) -> None:
    toml = '\n[[theses]]\nname = "warm"\nstatement = "s"\nwhere = { status = ["zqstatus-warm"] }\n'
    ws = _workspace(tmp_path, toml)
    config = Config.load(ws / "icplab.toml")
    load(ws / "log.csv", config=config, needs=())
    monkeypatch.setattr(load_module, "read_raw", lambda *a, **k: pytest.fail("file read"))
    cached = load(ws / "log.csv", config=config, needs=("status",))
    assert set(cached.frame["status"].astype(str)) == set(STATUS)
    assert "personalisation line" not in cached.frame.columns


@pytest.mark.slow
def test_validate_compare_and_run_write_no_value_of_other_columns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = _workspace(tmp_path)
    monkeypatch.chdir(ws)
    assert main(["validate", "log.csv"]) == 0
    capsys.readouterr()
    for _ in range(2):  # the second time with the validated log in the cache
        assert (
            main(
                [
                    "compare",
                    "log.csv",
                    "--by",
                    "status",
                    "--metric",
                    "reply_rate",
                    "--format",
                    "json",
                ]
            )
            == 0
        )
        out = json.loads(capsys.readouterr().out)
        levels = {r["level"]: r["n"] for r in out["rows"]}
        assert levels == {s: 300 for s in STATUS}
    assert main(["run", "--only", "01-overview"]) == 0
    capsys.readouterr()
    assert (ws / "reports" / "01-overview.html").is_file()
    assert _leaks(_written_text(ws)) == []


def test_a_report_parameter_naming_a_column_keeps_it_in_the_cache(tmp_path: Path) -> None:
    from icplab.data.keep import config_columns

    toml = (
        '\n[[reports]]\nname = "ab"\nnotebook = "02-ab-test.ipynb"\n'
        'parameters = { factor = "status", where = { region = ["DACH"] } }\n'
    )
    ws = _workspace(tmp_path, toml)
    named = config_columns(Config.load(ws / "icplab.toml"))
    assert {"status", "region"} <= named and "personalisation line" not in named


def test_the_api_says_what_it_needs_so_the_cache_serves_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``icplab.compare`` names its columns: by a contract column the cache serves it
    (no read of the file); by ``status`` it reads the file and counts its values."""
    import icplab

    ws = _workspace(tmp_path)
    config = Config.load(ws / "icplab.toml")
    load(ws / "log.csv", config=config, needs=())  # fills the cache
    monkeypatch.setattr(load_module, "read_raw", lambda *a, **k: pytest.fail("file read"))
    by_industry = icplab.compare(ws / "log.csv", by="industry", metric="reply_rate", config=config)
    truth = pd.read_csv(ws / "log.csv")
    assert by_industry.to_frame().set_index("level")["n"].to_dict() == (
        truth["industry"].value_counts().to_dict()
    )
    monkeypatch.undo()
    by_status = icplab.compare(ws / "log.csv", by="status", metric="reply_rate", config=config)
    assert by_status.to_frame().set_index("level")["n"].to_dict() == (
        truth["status"].value_counts().to_dict()
    )
    assert _leaks(_written_text(ws)) == []
