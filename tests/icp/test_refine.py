"""ICP refinement: pooling, classification and recovery of planted truth."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from icplab.cli import main
from icplab.core.config import Config
from icplab.core.errors import UsageError
from icplab.data.load import validate_frame
from icplab.data.sample import generate_outreach, planted_segment_rates
from icplab.icp.propose import propose_thesis
from icplab.icp.refine import refine
from icplab.icp.refine_result import LISTS
from icplab.icp.scope import Scope
from icplab.stats.pooling import fit_beta_prior, pooled_rates

TRUTH = planted_segment_rates(("industry", "size_band")).set_index(["industry", "size_band"])


def _refuse(token: str) -> None:
    raise ValueError(f"non-JSON constant {token}")


def lists_of(res) -> dict[tuple[str, str], str]:
    return {(r.industry, r.size_band): r.list for r in res.cells.itertuples()}


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_recovers_planted_icp(seed):
    data = validate_frame(generate_outreach(15_000, seed=seed), source="gen")
    res = refine(data, "reply_rate")
    for cell, lst in lists_of(res).items():
        true = TRUTH.loc[cell, "reply_rate"]
        if true >= 0.15:
            assert lst in ("icp", "candidates", "untested"), (cell, true, lst)
        if true < 0.15:
            assert lst != "icp", (cell, true, lst)
    # the clearly-good cells are found, not just left open
    assert lists_of(res)[("IT", "50-199")] == "icp"


@pytest.mark.parametrize("seed", [5, 6, 7])
def test_null_data_gives_empty_icp(seed):
    data = validate_frame(generate_outreach(15_000, seed=seed, null=True), source="null")
    res = refine(data, "reply_rate")
    assert res.cells_in("icp").empty
    assert res.to_dict()["icp"] == []


def test_every_cell_in_exactly_one_list_and_json_keys():
    data = validate_frame(generate_outreach(4000, seed=8), source="gen")
    d = refine(data, "meeting_rate", by=("industry", "size_band", "messaging")).to_dict()
    assert {"metric", "target", "segments", "icp", "candidates", "not_icp", "untested"} <= set(d)
    keys = ("industry", "size_band", "messaging")
    placed = [tuple(c[k] for k in keys) for name in LISTS for c in d[name]]
    assert sorted(placed) == sorted(tuple(s[k] for k in keys) for s in d["segments"])
    assert len(set(placed)) == len(placed)
    # each cell's own exact bounds, each side Bonferroni-split over the eligible cells whose
    # estimate lies on that side of the target (selective Bonferroni, tau = 1/2)
    t, segs = d["target"], d["segments"]
    elig = [s["n"] >= d["min_contacts"] and s["n"] > 0 for s in segs]
    r_up = max(sum(e and s["rate"] >= t for s, e in zip(segs, elig, strict=True)), 1)
    r_dn = max(sum(e and s["rate"] <= t for s, e in zip(segs, elig, strict=True)), 1)
    for s, e in zip(segs, elig, strict=True):
        assert {"n", "rate", "estimate", "ci_low", "ci_high", "verdict", "in_icp"} <= set(s)
        k = round(s["rate"] * s["n"])
        a_up, a_dn = (0.025 / r_up, 0.025 / r_dn) if e else (0.025, 0.025)
        ref = stats.binomtest(k, s["n"])
        lo = ref.proportion_ci(confidence_level=1 - 2 * a_up, method="exact").low
        hi = ref.proportion_ci(confidence_level=1 - 2 * a_dn, method="exact").high
        assert s["ci_low"] == pytest.approx(lo) and s["ci_high"] == pytest.approx(hi)
        assert s["ci_low"] <= s["estimate"] <= s["ci_high"]
    json.loads(json.dumps(d), parse_constant=_refuse)


def test_small_lucky_cell_is_untested_or_open_not_icp():
    rows = [("IT", "1-49", 3, 8)] + [(ind, "50-199", 60, 600) for ind in ("A", "B", "C", "D", "E")]
    agg = pd.DataFrame(
        [
            {"industry": i, "size_band": b, "contacted": n, "replied": s, "meeting": 0}
            for i, b, s, n in rows
        ]
    )
    data = validate_frame(agg, source="agg")
    res = refine(data, "reply_rate", min_contacts=5)
    cell = res.cells[res.cells.industry == "IT"].iloc[0]
    assert cell["list"] == "candidates"
    assert cell["estimate"] < 0.2 < 3 / 8  # pooled toward the 10 % of the other cells
    assert refine(data, "reply_rate").cells.set_index("industry").loc["IT", "list"] == "untested"


def test_prior_fit_recovers_known_beta():
    rng = np.random.default_rng(0)
    a, b = 6.0, 34.0
    p = rng.beta(a, b, 400)
    n = rng.integers(200, 800, 400)
    s = rng.binomial(n, p)
    prior = fit_beta_prior(s, n)
    assert prior.mean == pytest.approx(a / (a + b), abs=0.01)
    assert prior.strength == pytest.approx(a + b, rel=0.35)


def test_posterior_matches_conjugate_beta():
    prior = fit_beta_prior([10, 30, 50], [100, 200, 300])
    post = pooled_rates([10], [100], prior, target=0.15)
    ref = stats.beta(prior.a + 10, prior.b + 90)
    assert post["estimate"].iloc[0] == pytest.approx(ref.mean())
    assert post["post_low"].iloc[0] == pytest.approx(ref.ppf(0.025))
    assert post["prob_meets"].iloc[0] == pytest.approx(ref.sf(0.15))


def test_prior_edge_cases():
    one = fit_beta_prior([5], [50])
    assert one.method == "weak" and "fewer than two" in one.note
    zero = fit_beta_prior([0, 0, 0], [100, 100, 100])
    assert 0 < zero.mean < 0.02


def test_unknown_metric_and_column():
    data = validate_frame(generate_outreach(300, seed=1), source="gen")
    with pytest.raises(UsageError, match="unknown metric"):
        refine(data, "open_rate")
    with pytest.raises(UsageError, match="no such column"):
        refine(data, "reply_rate", by=("industry", "colour"))


def test_proposal_from_icp_cells():
    cfg = Config.from_toml_text(
        "[[theses]]\nname='l'\nstatement='s'\nwhere={industry=['Logistik'], employees=[50, 199]}"
    )
    data = validate_frame(generate_outreach(15_000, seed=7), source="gen")
    res = refine(data, "reply_rate", scope=Scope(config=cfg))
    prop = propose_thesis(res, current=cfg.thesis("l"), config=cfg)
    toml = prop.to_toml()
    parsed = Config.from_toml_text(toml.split("# Changes")[0])
    icp_industries = set(res.cells_in("icp")["industry"])
    assert {t.where["industry"][0] for t in parsed.theses} == icp_industries
    assert any(c["change"] == "added" for c in prop.changes)


def test_cli_refine_json(tmp_path, capsys):
    path = tmp_path / "log.csv"
    generate_outreach(5000, seed=3).to_csv(path, index=False)
    assert main(["refine", str(path), "--metric", "reply_rate", "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["metric"] == "reply_rate" and d["target"] == 0.15
    assert main(["refine", str(path), "--metric", "nope"]) == 2
    assert "unknown metric" in capsys.readouterr().err
    assert main(["refine", str(path), "--propose"]) == 0
    assert "[[theses]]" in capsys.readouterr().out


def test_proposal_escapes_level_names_and_uses_the_results_as_of():
    import tomllib

    nasty = 'Han"del\n[stats]\nalpha = 0.9'
    frame = generate_outreach(15_000, seed=7)
    first = refine(validate_frame(frame.copy(), source="gen"), "reply_rate")
    target = first.cells_in("icp")["industry"].iloc[0]
    frame["industry"] = frame["industry"].astype(str).replace(target, nasty)
    res = refine(validate_frame(frame, source="gen"), "reply_rate", scope=Scope(as_of="2026-09-30"))
    nasty = " ".join(nasty.split())  # labels are normalised at read: line breaks are spaces
    assert nasty in set(res.cells_in("icp")["industry"])
    cfg = Config.from_toml_text(
        "[[theses]]\nname='l'\nstatement='s'\nwhere={industry=['Logistik'], employees=[50, 199]}"
    )
    toml = propose_thesis(res, current=cfg.thesis("l"), config=cfg).to_toml()
    parsed = tomllib.loads(toml)
    assert set(parsed) == {"theses"}  # nothing injected
    industries = {t["where"]["industry"][0] for t in parsed["theses"]}
    assert industries == set(res.cells_in("icp")["industry"])
    assert nasty in industries
    ours = [t for t in parsed["theses"] if t["where"]["industry"] == [nasty]]
    assert ours and ours[0]["name"].startswith("icp-v2-" + nasty.lower())
    # the change log is comment text: the nasty name stays on one comment line
    assert all(line.startswith("#") for line in toml.split("# Changes")[1].splitlines()[1:])
    # "as of" is the result's as_of, not today
    assert str(res.as_of) == "2026-09-30"
    assert all(f"as of {res.as_of:%Y-%m-%d}" in t["statement_en"] for t in parsed["theses"])
    assert all(f"Stand {res.as_of:%d.%m.%Y}" in t["statement"] for t in parsed["theses"])
