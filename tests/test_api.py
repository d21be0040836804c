"""The public Python API (CONTRACT section 7): same answers as the CLI's JSON."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pandas as pd
import pytest

import icplab
from icplab.cli import main
from icplab.data.counts import counts
from icplab.data.sample import generate_outreach


@pytest.fixture(scope="module")
def log_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api") / "log.csv"
    generate_outreach(4000, seed=11).to_csv(path, index=False)
    return path


def cli_json(*argv: str) -> dict:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main([*argv, "--format", "json"]) == 0
    return json.loads(out.getvalue())


def test_public_names() -> None:
    for name in ("load", "compare", "check", "refine", "funnel", "Config"):
        assert callable(getattr(icplab, name)), name
    with pytest.raises(AttributeError):
        _ = icplab.no_such_name


def test_compare_equals_cli_json(log_csv: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(log_csv.parent)
    expected = cli_json(
        "compare", str(log_csv), "--by", "messaging", "--metric", "meeting_rate",
        "--where", "industry=IT,Logistik",
    )  # fmt: skip
    got = icplab.compare(
        log_csv, by="messaging", metric="meeting_rate", where={"industry": ["IT", "Logistik"]}
    )
    assert json.loads(json.dumps(got.to_dict())) == expected
    frame = got.to_frame()
    assert list(frame["level"]) == [r["level"] for r in expected["rows"]]
    assert frame["n"].tolist() == [r["n"] for r in expected["rows"]]


def test_check_and_refine_equal_cli_json(log_csv: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(log_csv.parent)
    expected = cli_json(
        "check", str(log_csv), "--where", "industry=Logistik", "--where", "employees=50-199"
    )
    got = icplab.check(log_csv, where={"industry": "Logistik", "employees": [50, 199]})
    assert json.loads(json.dumps(got.to_dict())) == expected
    assert got.to_frame()["verdict"].tolist() == [m["verdict"] for m in expected["metrics"]]

    expected = cli_json("refine", str(log_csv), "--metric", "reply_rate")
    got = icplab.refine(log_csv, metric="reply_rate")
    assert json.loads(json.dumps(got.to_dict())) == expected
    frame = got.to_frame()
    assert len(frame) == len(expected["segments"])
    assert sorted(frame.loc[frame["list"] == "icp", "industry"].astype(str)) == sorted(
        c["industry"] for c in expected["icp"]
    )


def test_dataframe_inputs_row_level_and_aggregated(log_csv: Path) -> None:
    """A raw DataFrame and its aggregated counts give the same comparison as the file."""
    cfg = icplab.Config()
    raw = pd.read_csv(log_csv)
    from_file = icplab.compare(log_csv, by="salutation", config=cfg).to_dict()
    from_rows = icplab.compare(raw, by="salutation", config=cfg).to_dict()
    table = counts(icplab.load(raw, config=cfg).frame, ["salutation", "industry"])
    from_counts = icplab.compare(table, by="salutation", config=cfg).to_dict()
    assert from_rows == from_file
    # Independent reference: plain pandas on the raw rows.
    raw["salutation"] = raw["salutation"].str.strip().str.lower()
    raw["replied"] = (
        raw["replied"]
        .astype(str)
        .str.strip()
        .str.lower()
        .isin(["1", "true", "yes", "ja", "x", "y"])
    )
    truth = raw.groupby("salutation")["replied"].agg(["sum", "count"])
    for row in from_counts["rows"]:
        assert row["n"] == truth.loc[row["level"], "count"]
        assert row["successes"] == truth.loc[row["level"], "sum"]
    assert [r["rate"] for r in from_counts["rows"]] == [r["rate"] for r in from_file["rows"]]


def test_where_as_dict_or_cli_strings(log_csv: Path) -> None:
    cfg = icplab.Config()
    a = icplab.check(log_csv, where={"employees": [200, 100000]}, config=cfg).to_dict()
    b = icplab.check(log_csv, where=["employees=200-100000"], config=cfg).to_dict()
    assert a == b
    raw = pd.read_csv(log_csv)
    assert a["n"] == int((raw["employees"] >= 200).sum())


def test_bad_input_is_a_clear_error() -> None:
    with pytest.raises(icplab.IcpLabError, match="expected a file path"):
        icplab.load(42)  # type: ignore[arg-type]
    with pytest.raises(icplab.IcpLabError):
        icplab.load(pd.DataFrame({"industry": ["IT"]}))


def test_funnel_equals_cli_json(log_csv: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(log_csv.parent)
    expected = cli_json("funnel", str(log_csv), "--by", "industry")
    got = icplab.funnel(log_csv, by="industry")
    assert json.loads(json.dumps(got.to_dict())) == expected
    raw = pd.read_csv(log_csv)
    assert expected["stages"][0]["n"] == len(raw)
    assert expected["stages"][0]["successes"] == int(raw["replied"].sum())


def test_preset_equals_cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A tool's export read through a preset gives the CLI's answer (--preset)."""
    export = Path(__file__).parent / "fixtures" / "exports" / "lemlist.csv"
    monkeypatch.chdir(tmp_path)
    expected = cli_json(
        "compare", str(export), "--preset", "lemlist", "--by", "industry",
        "--metric", "reply_rate", "--as-of", "2100-01-01",
    )  # fmt: skip
    got = icplab.compare(
        export, by="industry", metric="reply_rate", preset="lemlist", as_of="2100-01-01"
    )
    assert json.loads(json.dumps(got.to_dict())) == expected
    assert sum(r["n"] for r in expected["rows"]) == icplab.load(export, preset="lemlist").n_contacts


@pytest.mark.parametrize(
    "argv",
    [
        ["funnel", "--by", "industry"],
        ["reasons", "--by", "industry"],
        ["plan", "--deals", "5", "--per", "month"],
    ],
)
def test_funnel_plan_reasons_write_spreadsheets(
    argv: list[str], log_csv: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The commands added with the funnel write the same table as CSV (German style) and
    XLSX that their to_frame() holds."""
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main([argv[0], str(log_csv), *argv[1:], "--format", "csv", "--language", "de"]) == 0
    got = pd.read_csv(io.StringIO(out.getvalue()), sep=";", decimal=",")
    xlsx = tmp_path / "t.xlsx"
    assert main([argv[0], str(log_csv), *argv[1:], "--format", "xlsx", "-o", str(xlsx)]) == 0
    from_xlsx = pd.read_excel(xlsx)
    assert list(got.columns) == list(from_xlsx.columns)
    assert len(got) == len(from_xlsx) > 0
    count_col = "count" if argv[0] == "reasons" else "n"
    assert got[count_col].fillna(-1).tolist() == from_xlsx[count_col].fillna(-1).tolist()


def test_public_api_takes_named_options_only() -> None:
    import inspect

    for name in ("load", "compare", "check", "refine", "funnel"):
        params = inspect.signature(getattr(icplab, name)).parameters.values()
        assert all(p.kind is not p.VAR_KEYWORD for p in params), name
    contract = {"by", "metric", "where", "baseline", "within", "sequential", "as_of", "config"}
    assert contract <= set(inspect.signature(icplab.compare).parameters)
    with pytest.raises(TypeError, match="sequentail"):
        icplab.compare(generate_outreach(200, seed=1), by="industry", sequentail=True)  # type: ignore[call-arg]


def test_config_from_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    df = generate_outreach(2000, seed=4)
    (tmp_path / "icplab.toml").write_text(
        '[metrics.reply_rate]\nnumerator = "replied"\ndenominator = "contacted"\n'
        "target = 0.5\n\n[stats]\nsequential = true\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    found = icplab.check(df, metric="reply_rate").to_dict()
    assert found["inference"] == "sequential" and found["metrics"][0]["target"] == 0.5
    given = icplab.check(df, metric="reply_rate", config=icplab.Config()).to_dict()
    assert given["inference"] == "fixed" and given["metrics"][0]["target"] == 0.15
    # an explicit option wins over the workspace
    assert icplab.compare(df, by="industry", sequential=False).to_dict()["inference"] == "fixed"
