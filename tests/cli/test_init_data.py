"""``icplab init WS --data FILE --preset NAME``: validated first, all or nothing, a plan
and a thesis the data supports, and drafts for the mapping a preset cannot know."""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from pathlib import Path

import pandas as pd
import pytest

from icplab.cli import main
from icplab.core.config import Config
from icplab.data.load import load

EXPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "exports"
_spec = importlib.util.spec_from_file_location("make_fixtures_init", EXPORTS / "make_fixtures.py")
fixtures = importlib.util.module_from_spec(_spec)
sys.modules["make_fixtures_init"] = fixtures
_spec.loader.exec_module(fixtures)


def _custom_status_export(path: Path) -> pd.DataFrame:
    """The German HubSpot export with the account's own lead-status labels."""
    raw = pd.read_csv(EXPORTS / "hubspot-de.csv", sep=";", encoding="utf-8-sig", dtype=str)
    own = {
        "Verbunden": "Antwort erhalten",
        "In Bearbeitung": "Im Gespräch",
        "Verbindungsversuch": "Angeschrieben",
        "Neu": "Angeschrieben",
    }
    raw["Lead-Status"] = raw["Lead-Status"].map(own)
    raw.to_csv(path, sep=";", index=False, encoding="utf-8-sig")
    return raw


def test_a_refused_export_leaves_nothing_and_a_retry_works(tmp_path, capsys):
    bad = tmp_path / "export.csv"
    raw = pd.read_csv(EXPORTS / "instantly.csv", dtype=str)
    raw.loc[3, "Employees"] = "viele"
    raw.to_csv(bad, index=False)
    ws = tmp_path / "ws"
    assert main(["init", str(ws), "--data", str(bad), "--preset", "instantly"]) == 2
    err = capsys.readouterr().err
    assert "row 5" in err and "Employees" in err
    assert not ws.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.csv"]  # no staging left
    raw.loc[3, "Employees"] = "45"
    raw.to_csv(bad, index=False)
    assert main(["init", str(ws), "--data", str(bad), "--preset", "instantly"]) == 0
    assert (ws / "icplab.toml").is_file() and (ws / "data" / "export.csv").is_file()


def test_an_all_empty_optional_column_never_leaves_half_a_workspace(tmp_path, capsys):
    src = tmp_path / "export.csv"
    raw = pd.read_csv(EXPORTS / "lemlist.csv", dtype=str)
    raw["region"] = ""
    raw.to_csv(src, index=False)
    ws = tmp_path / "ws"
    code = main(["init", str(ws), "--data", str(src), "--preset", "lemlist"])
    err = capsys.readouterr().err
    # blanks in an optional factor keep their rows (CONTRACT section 1): not an input error
    assert code == 0, err
    assert "Traceback" not in err
    assert (ws / "icplab.toml").is_file() and (ws / "data" / "export.csv").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.csv", "ws"]  # no staging left


def test_thesis_is_the_largest_industry_by_band_cell_and_inference_is_sequential(tmp_path):
    ws = tmp_path / "ws"
    assert (
        main(["init", str(ws), "--data", str(EXPORTS / "lemlist.csv"), "--preset", "lemlist"]) == 0
    )
    cfg = Config.load(ws / "icplab.toml")
    assert cfg.sequential is True
    truth = fixtures.truth(1)
    bands = pd.cut(
        truth.employees,
        [0, 49, 199, 499, float("inf")],
        labels=["1-49", "50-199", "200-499", "500+"],
    )
    sizes = truth.groupby([truth.industry, bands], observed=True).size()
    top = sizes[sizes == sizes.max()].index
    (thesis,) = cfg.theses
    assert (thesis.where["industry"][0], thesis.where["size_band"][0]) in set(top)
    assert thesis.where["industry"][0] != "Logistik" or ("Logistik", "50-199") in set(top)
    # the thesis selects exactly its cell's contacts
    data = load(ws / "data" / "lemlist.csv", config=cfg)
    sub = data.where(thesis.where)
    assert sub.n_contacts == sizes.max()


def test_the_plan_holds_only_reports_the_data_supports(tmp_path):
    src = tmp_path / "export.csv"
    raw = pd.read_csv(EXPORTS / "lemlist.csv", dtype=str)
    raw["salutation"] = "Sie"  # one form of address: nothing to compare
    raw.to_csv(src, index=False)
    ws = tmp_path / "ws"
    assert main(["init", str(ws), "--data", str(src), "--preset", "lemlist"]) == 0
    names = [s.name for s in Config.load(ws / "icplab.toml").reports]
    assert "02-ab-test-salutation" not in names  # one level
    assert "07-closed-loop" not in names  # lemlist has no rejection reasons
    assert {"01-overview", "02-ab-test-industry", "02-ab-test-messaging"} <= set(names)


def test_an_incomplete_mapping_writes_the_workspace_with_drafts_and_exits_2(tmp_path, capsys):
    src = tmp_path / "hubspot.csv"
    raw = _custom_status_export(src)
    ws = tmp_path / "ws"
    assert main(["init", str(ws), "--data", str(src), "--preset", "hubspot"]) == 2
    err = capsys.readouterr().err
    assert "incomplete: replied" in err
    text = (ws / "icplab.toml").read_text(encoding="utf-8")
    draft = next(line for line in text.splitlines() if line.startswith("# replied = "))
    for value in set(raw["Lead-Status"]):
        assert f'"{value}"' in draft
    assert len(list((ws / "notebooks").glob("*.ipynb"))) >= 7
    cfg = Config.load(ws / "icplab.toml")  # the commented draft keeps the file valid
    assert cfg.columns.get("preset") == "hubspot"
    # the user keeps the values that mean a reply: then the log reads as the truth says
    entry = draft.removeprefix("# ").split("  # ")[0]
    entry = entry.replace('"Angeschrieben", ', "")
    (ws / "icplab.toml").write_text(text.replace(draft, entry), encoding="utf-8")
    cfg = Config.load(ws / "icplab.toml")
    assert tomllib.loads(entry)["replied"]["in"] == ["Im Gespräch", "Antwort erhalten"]
    data = load(ws / "data" / "hubspot.csv", config=cfg)
    truth = fixtures.truth(9)
    assert int(data.frame["replied"].sum()) == int(truth.replied.sum())
    assert int(data.frame["deal"].sum()) == int(truth.deal.sum())


def _walk_text(ws: Path) -> str:
    parts = []
    for p in ws.rglob("*"):
        if not p.is_file() or p.parent == ws / "data":
            continue
        if p.suffix == ".parquet":
            parts.append(pd.read_parquet(p).to_csv())
        else:
            parts.append(p.read_bytes().decode("utf-8", "replace"))
    return "\n".join(parts)


@pytest.mark.slow
@pytest.mark.parametrize(
    "name,preset",
    [("instantly-api.csv", "instantly"), ("pipedrive.csv", "pipedrive")],
)
def test_init_then_run_keeps_every_personal_value_in_the_copied_data(
    tmp_path, monkeypatch, capsys, name, preset
):
    ws = tmp_path / "ws"
    assert main(["init", str(ws), "--data", str(EXPORTS / name), "--preset", preset]) == 0
    monkeypatch.chdir(ws)
    assert main(["run", "--only", "01-overview"]) == 0
    text = _walk_text(ws) + capsys.readouterr().err
    # companies are planted values, so a Pipedrive deal title ("<company> deal") is covered
    for value in [*fixtures.planted(), "Hallo ", ", kurze Frage"]:
        assert value not in text, f"{value!r} left the copied data"


def test_an_export_of_size_ranges_keeps_its_own_ranges_as_bands(tmp_path):
    src = tmp_path / "export.csv"
    raw = pd.read_csv(EXPORTS / "smartlead.csv", dtype=str, keep_default_na=False)
    raw["custom_fields"] = raw["custom_fields"].str.replace(
        r'"Mitarbeiter": (\d+)',
        lambda m: '"Mitarbeiter": "11-50"' if int(m[1]) < 51 else '"Mitarbeiter": "51-200"',
        regex=True,
    )
    raw.to_csv(src, index=False)
    ws = tmp_path / "ws"
    assert main(["init", str(ws), "--data", str(src), "--preset", "smartlead"]) == 0
    text = (ws / "icplab.toml").read_text(encoding="utf-8")
    assert "\n[size_bands]" not in text and "# [size_bands]" in text
    (thesis,) = Config.load(ws / "icplab.toml").theses
    assert thesis.where["size_band"][0] in {"11-50", "51-200"}


def test_size_ranges_are_recognised_in_the_mapped_column(tmp_path):
    from icplab.cli.commands.init import size_ranges

    src = tmp_path / "export.csv"
    raw = pd.read_csv(EXPORTS / "instantly.csv", dtype=str)
    raw.to_csv(src, index=False)
    assert size_ranges(src, "instantly") is False
    raw["Employees"] = ["51-200", "10.001+"] * (len(raw) // 2)
    raw.to_csv(src, index=False)
    assert size_ranges(src, "instantly") is True


def test_without_a_preset_the_fitting_one_is_written(tmp_path, capsys):
    ws = tmp_path / "ws"
    assert main(["init", str(ws), "--data", str(EXPORTS / "close.csv")]) == 0
    assert "Close export" in capsys.readouterr().err
    cfg = Config.load(ws / "icplab.toml")
    assert cfg.columns["preset"] == "close"
    data = load(ws / "data" / "close.csv", config=cfg)
    assert int(data.frame["deal"].sum()) == int(fixtures.truth(11).deal.sum())


def test_suggest_mapping_drafts_the_values_a_preset_cannot_know(tmp_path, capsys):
    src = tmp_path / "hubspot.csv"
    raw = _custom_status_export(src)
    assert main(["validate", str(src), "--suggest-mapping"]) == 0
    out = capsys.readouterr().out
    assert 'preset = "hubspot"' in out
    draft = next(line for line in out.splitlines() if line.startswith("# replied = "))
    assert all(f'"{v}"' in draft for v in set(raw["Lead-Status"]))
    assert main(["validate", str(EXPORTS / "smartlead.csv"), "--suggest-mapping"]) == 0
    out = capsys.readouterr().out
    assert 'industry = { from = "custom_fields", json = "Branche" }' in out
    assert "Vorname" not in out  # a personal key is never proposed
