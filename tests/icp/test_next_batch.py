"""``icplab next`` / ``icplab.next_batch``: the allocation on a log (CONTRACT section 9)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.proportion import proportion_confint

import icplab
from icplab.cli import main
from icplab.core.config import Config


def _log(rates: dict[tuple[str, str], tuple[int, int]], recent: int = 0) -> pd.DataFrame:
    """Rows per cell: (n, successes) sent long ago, plus ``recent`` rows sent 3 days ago."""
    rows = []
    for (ind, size), (n, s) in rates.items():
        emp = {"1-49": 20, "50-199": 100, "500+": 900}[size]
        for i in range(n):
            rows.append((ind, emp, i < s, "2026-01-05"))
        for _ in range(recent):
            rows.append((ind, emp, False, "2026-06-27"))
    df = pd.DataFrame(rows, columns=["industry", "employees", "replied", "sent_at"])
    df.insert(0, "prospect_id", [f"p{i}" for i in range(len(df))])
    df["salutation"] = "sie"
    df["meeting"] = False
    if "messaging" not in df.columns:
        df["messaging"] = "zeitersparnis"
    return df


def _pct(x: float) -> str:
    """Whole percent from 10 % up, one decimal below (as the lines are written)."""
    v = round(x * 100, 1)
    return f"{v:.0f}" if v >= 10 or v == int(v) else f"{v:.1f}"


CELLS = {
    ("IT", "50-199"): (400, 120),  # 30 %: settled above
    ("Handel", "500+"): (400, 8),  # 2 %: settled below
    ("Logistik", "1-49"): (60, 9),  # 15 % on 60: open
    ("Bau", "1-49"): (80, 10),  # open
}


def test_contacts_sum_to_n_and_statuses_match_wilson() -> None:
    res = icplab.next_batch(_log(CELLS), contacts=1000, config=Config(), as_of="2026-07-01")
    d = res.to_dict()
    assert sum(r["contacts"] for r in d["allocation"]) == 1000
    for r in d["allocation"]:
        lo, hi = proportion_confint(r["successes"], r["n"], alpha=0.05, method="wilson")
        assert math.isclose(r["ci_low"], lo, abs_tol=1e-9) and math.isclose(
            r["ci_high"], hi, abs_tol=1e-9
        )
        want = "settled_above" if lo >= 0.15 else "settled_below" if hi < 0.15 else "open"
        assert r["status"] == want
        assert (r["contacts"] == 0) == (want != "open")
    by_cell = {(r["industry"], r["size_band"]): r for r in d["allocation"]}
    assert by_cell[("IT", "50-199")]["explanation"]["en"] == "IT 50-199: 0, settled above target"
    assert (
        by_cell[("Handel", "500+")]["explanation"]["de"]
        == "Handel 500+: 0, unter dem Ziel entschieden"
    )
    log = by_cell[("Logistik", "1-49")]
    lo, hi = (_pct(log["ci_low"]), _pct(log["ci_high"]))
    assert (
        log["explanation"]["en"]
        == f"Logistik 1-49: {log['contacts']} contacts, still open at {lo}-{hi} %"
    )
    assert log["explanation"]["de"].startswith(
        f"Logistik 1-49: {log['contacts']} Kontakte, noch offen bei"
    )
    for key in ("inference", "as_of", "maturing", "maturity", "method", "metric", "target"):
        assert key in d
    assert d["maturity"] == "checked" and d["inference"] == "fixed"
    assert len(res.to_frame()) == len(d["allocation"])


def test_maturing_contacts_are_pending_not_failures() -> None:
    base = icplab.next_batch(_log(CELLS), contacts=500, config=Config(), as_of="2026-07-01")
    late = icplab.next_batch(
        _log(CELLS, recent=300), contacts=500, config=Config(), as_of="2026-07-01"
    )
    a = {(r["industry"], r["size_band"]): r for r in base.to_dict()["allocation"]}
    b = {(r["industry"], r["size_band"]): r for r in late.to_dict()["allocation"]}
    for k in a:  # the 300 recent non-replies do not drag any cell down
        assert (a[k]["n"], a[k]["status"], a[k]["rate"]) == (
            b[k]["n"],
            b[k]["status"],
            b[k]["rate"],
        )
        assert b[k]["pending"] == 300
    assert late.to_dict()["maturing"] == 300 * len(CELLS)


def test_aggregated_counts_have_unknown_maturity_and_say_so() -> None:
    agg = pd.DataFrame(
        {
            "industry": ["IT", "Handel"],
            "size_band": ["50-199", "500+"],
            "contacted": [400, 400],
            "replied": [120, 8],
            "meeting": [0, 0],
        }
    )
    d = icplab.next_batch(agg, contacts=100, config=Config()).to_dict()
    assert d["maturity"] == "unknown"
    assert any("final" in n for n in d["notes"])
    below = [r for r in d["allocation"] if r["status"] == "settled_below"][0]
    assert "so far" in below["explanation"]["en"] and "bisher" in below["explanation"]["de"]
    assert d["unallocated"] == 100  # every cell settled: nothing to learn


def test_variants_split_each_cell_balanced() -> None:
    df = _log(CELLS)
    df["messaging"] = np.where(np.arange(len(df)) % 2 == 0, "zeitersparnis", "fehlerrate")
    d = icplab.next_batch(
        df, contacts=1000, variants="messaging", config=Config(), as_of="2026-07-01"
    ).to_dict()
    assert sum(r["contacts"] for r in d["allocation"]) == 1000
    cells: dict[tuple[str, str], list[dict]] = {}
    for r in d["allocation"]:
        cells.setdefault((r["industry"], r["size_band"]), []).append(r)
    for lines in cells.values():
        assert {r["messaging"] for r in lines} == {"zeitersparnis", "fehlerrate"}
        totals = [r["n"] + r["pending"] + r["contacts"] for r in lines]
        if sum(r["contacts"] for r in lines):
            assert max(totals) - min(totals) <= 1


def test_sequential_statuses_are_wider_than_fixed() -> None:
    fixed = icplab.next_batch(
        _log(CELLS), contacts=100, config=Config(), as_of="2026-07-01"
    ).to_frame()
    seq = icplab.next_batch(
        _log(CELLS), contacts=100, config=Config(sequential=True), as_of="2026-07-01"
    ).to_frame()
    assert (seq["ci_high"] - seq["ci_low"] > fixed["ci_high"] - fixed["ci_low"]).all()
    assert (
        icplab.next_batch(_log(CELLS), contacts=1, config=Config(sequential=True)).to_dict()[
            "inference"
        ]
        == "sequential"
    )


def test_cli_json_equals_api_and_bad_input_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    path = tmp_path / "log.csv"
    _log(CELLS).to_csv(path, index=False)
    cfg = tmp_path / "icplab.toml"
    cfg.write_text("", encoding="utf-8")
    rc = main(
        [
            "next",
            str(path),
            "--contacts",
            "700",
            "--format",
            "json",
            "--as-of",
            "2026-07-01",
            "--config",
            str(cfg),
        ]
    )
    assert rc == 0
    out = capsys.readouterr().out
    assert "NaN" not in out and "Infinity" not in out
    got = json.loads(out)
    api = icplab.next_batch(path, contacts=700, as_of="2026-07-01", config=cfg).to_dict()
    assert got == json.loads(json.dumps(api))
    assert main(["next", str(path), "--contacts", "0", "--config", str(cfg)]) == 2
    assert main(["next", str(path), "--contacts", "10", "--by", "nope", "--config", str(cfg)]) == 2
    assert (
        main(["next", str(path), "--contacts", "10", "--by", "prospect_id", "--config", str(cfg)])
        == 2
    )
    assert "p17" not in capsys.readouterr().err
    assert (
        main(["next", str(path), "--contacts", "10", "--config", str(cfg), "--language", "de"]) == 0
    )
    assert "Kontakte" in capsys.readouterr().out


def test_every_json_field_is_documented() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "json-output.md").read_text(
        encoding="utf-8"
    )
    section = docs[docs.index("## next\n") : docs.index("## Report summary JSON")]
    df = _log(CELLS)
    df["messaging"] = np.where(np.arange(len(df)) % 2 == 0, "a", "b")
    d = icplab.next_batch(df, contacts=100, variants="messaging", config=Config()).to_dict()
    keys = set(d) | {k for r in d["allocation"] for k in r} - {"industry", "size_band", "messaging"}
    missing = sorted(k for k in keys if f"`{k}`" not in section)
    assert missing == []
