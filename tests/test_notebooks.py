"""Every report notebook, executed with papermill on small sample data, over parameter sets.

The executions are shared: one batch run (the default plan plus extra parameter sets) in a
module-scoped fixture; the tests then read its outputs.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import nbformat
import pytest
from _workspace import outputs_with_pii, write_pii_log

from icplab.batch.runner import default_plan, notebooks_dir, run_reports
from icplab.core.config import Config
from icplab.report.export import external_references
from icplab.report.summary import REPORT_VERDICTS

pytestmark = pytest.mark.slow

NOTEBOOKS = sorted(p.name for p in notebooks_dir().glob("[0-9][0-9]-*.ipynb"))

EXTRA = """
[[theses]]
name = "handel"
statement = "Handel braucht Datenimport-Automatisierung"
where = { industry = ["Handel"] }
"""


def _plan_toml(config: Config) -> str:
    lines = []
    extra = [
        (
            "ab-meeting-messaging-it",
            "02-ab-test.ipynb",
            {
                "factor": "messaging",
                "metric": "meeting_rate",
                "where": ["industry=IT,Logistik"],
                "language": "de",
            },
        ),
        ("thesis-de", "03-thesis-check.ipynb", {"thesis": "handel", "language": "de"}),
        (
            "refine-meeting",
            "04-icp-refinement.ipynb",
            {"metric": "meeting_rate", "min_contacts": 50},
        ),
        (
            "plan-fixed-base",
            "05-sample-size.ipynb",
            {"baseline_rate": 0.1, "lifts": [0.05], "power": 0.9, "language": "de"},
        ),
        ("typo-param", "02-ab-test.ipynb", {"factr": "salutation"}),
        ("bad-factor", "02-ab-test.ipynb", {"factor": "no_such_column"}),
    ]
    plan = [(s.name, s.notebook, s.parameters) for s in default_plan(config)] + extra
    for name, nb, params in plan:
        lines += ["[[reports]]", f'name = "{name}"', f'notebook = "{nb}"']
        if params:
            lines.append(
                "parameters = { "
                + ", ".join(f"{k} = {json.dumps(v)}" for k, v in params.items())
                + " }"
            )
    return "\n".join(lines)


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    ws = tmp_path_factory.mktemp("nbws")
    write_pii_log(ws / "data" / "outreach.csv", n_rows=2500, seed=5)
    base = Config.from_toml_text('[workspace]\ndata = "data/outreach.csv"\n' + EXTRA)
    (ws / "icplab.toml").write_text(
        '[workspace]\ndata = "data/outreach.csv"\n' + EXTRA + "\n" + _plan_toml(base),
        encoding="utf-8",
    )
    config = Config.load(ws / "icplab.toml")
    summary = run_reports(config, jobs=1, timeout=300)
    return ws, summary, {r.name: r for r in summary.results}


def test_every_notebook_in_the_plan():
    plan = {s.notebook for s in default_plan(Config.from_toml_text(EXTRA))}
    assert plan == set(NOTEBOOKS)


def test_default_plan_and_extra_parameter_sets_succeed(batch):
    _, summary, by_name = batch
    expected_failures = {"typo-param", "bad-factor"}
    bad = {n: r.error for n, r in by_name.items() if not r.ok and n not in expected_failures}
    assert bad == {}
    assert len(summary.results) == 9 + 3 + 6  # default plan (one thesis) + extra sets


def test_invalid_parameters_fail_with_a_clear_message(batch):
    _, _, by_name = batch
    typo = by_name["typo-param"]
    assert not typo.ok
    assert "unknown report parameter 'factr'" in typo.error
    assert "factor" in typo.error  # lists the known ones
    bad = by_name["bad-factor"]
    assert not bad.ok
    assert "no_such_column" in bad.error


def test_summaries_are_complete(batch):
    ws, _, by_name = batch
    for name, res in by_name.items():
        if not res.ok:
            continue
        s = json.loads((ws / "reports" / f"{name}.json").read_text(encoding="utf-8"))
        assert s["report"] == name
        assert s["verdict"] in REPORT_VERDICTS and s["verdict"] != "failed"
        assert s["title"] and s["key_figure"] and s["generated_at"].endswith("Z")
    assert json.loads((ws / "reports" / "05-sample-size.json").read_text())["verdict"] == "info"


def test_summary_numbers_match_the_data(batch):
    """Key numbers in the JSON are recomputed here from the raw file, independently."""
    import pandas as pd
    from statsmodels.stats.proportion import proportion_confint

    ws, _, _ = batch
    raw = pd.read_csv(ws / "data" / "outreach.csv")
    overview = json.loads((ws / "reports" / "01-overview.json").read_text())
    assert overview["details"]["contacts"] == len(raw)
    reply = next(m for m in overview["details"]["metrics"] if m["metric"] == "reply_rate")
    assert reply["successes"] == int(raw["replied"].sum())
    lo, hi = proportion_confint(raw["replied"].sum(), len(raw), method="wilson")
    assert reply["ci_low"] == pytest.approx(lo) and reply["ci_high"] == pytest.approx(hi)
    ab = json.loads((ws / "reports" / "02-ab-test-salutation.json").read_text())
    sal = raw["salutation"].str.lower()
    for row in ab["details"]["rows"]:
        sel = sal == row["level"]
        assert row["n"] == int(sel.sum())
        assert row["successes"] == int(raw.loc[sel, "replied"].sum())
    plan = json.loads((ws / "reports" / "plan-fixed-base.json").read_text())
    # closed form (Fleiss, pooled z-test) for 10 % -> 15 %, alpha 0.05, power 0.9
    from scipy.stats import norm

    p1, p2 = 0.10, 0.15
    pbar = (p1 + p2) / 2
    n = (
        (
            norm.ppf(0.975) * (2 * pbar * (1 - pbar)) ** 0.5
            + norm.ppf(0.9) * (p1 * (1 - p1) + p2 * (1 - p2)) ** 0.5
        )
        / 0.05
    ) ** 2
    assert plan["details"]["rows"][0]["n_per_group"] == int(-(-n // 1))


def test_html_is_self_contained_and_code_free(batch):
    ws, _, by_name = batch
    for name, res in by_name.items():
        html = res.html.read_text(encoding="utf-8")
        assert external_references(html) == [], name
        srcs = re.findall(r"<img[^>]*\ssrc=\"([^\"]+)\"", html)
        assert all(s.startswith("data:image/png;base64,") for s in srcs), name
        assert "from icplab import" not in html, name
        if res.ok and not name.startswith(("03-", "thesis", "05-", "plan")):
            assert srcs, f"{name} shows no figure"


def test_language_parameter_switches_the_text(batch):
    ws, _, _ = batch
    de = (ws / "reports" / "thesis-de.html").read_text(encoding="utf-8")
    assert "Kontakte" in de and "These" in de
    assert "ICP-Thesen-Check" in de and "Checks one ICP thesis" not in de
    en = (ws / "reports" / "01-overview.html").read_text(encoding="utf-8")
    assert "How the outreach went so far" in en and "Trichter" not in en
    de_ab = (ws / "reports" / "ab-meeting-messaging-it.html").read_text(encoding="utf-8")
    assert "innerhalb von industry=IT,Logistik" in de_ab


def test_no_personal_data_anywhere(batch):
    ws, _, _ = batch
    assert outputs_with_pii(ws / "reports") == []


def test_committed_notebooks_have_no_outputs_and_a_parameters_cell():
    for name in NOTEBOOKS:
        nb = nbformat.read(notebooks_dir() / name, as_version=4)
        tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1, name
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, name


def test_notebooks_run_as_committed_with_nbval(tmp_path):
    """Execute two notebooks as a user would open them (defaults: repo sample data)."""
    repo = notebooks_dir().parent
    if not (repo / "data" / "samples" / "outreach.csv").exists():
        pytest.skip("needs the repository's sample data")
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "--nbval-lax",
        "-p",
        "no:cacheprovider",
        "--override-ini",
        "addopts=",
        "--rootdir",
        str(tmp_path),
        str(notebooks_dir() / "01-overview.ipynb"),
        str(notebooks_dir() / "05-sample-size.ipynb"),
    ]
    proc = subprocess.run(
        cmd, cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]


def test_refinement_report(batch):
    ws, _, by_name = batch
    assert by_name["04-icp-refinement"].ok and by_name["refine-meeting"].ok
    s = json.loads((ws / "reports" / "04-icp-refinement.json").read_text())
    assert set(s["details"]["counts"]) == {"icp", "candidates", "not_icp", "untested"}
    # the best-variant section shows exactly what refine() finds on the same data
    import html as html_mod

    from icplab.data.load import load as load_log
    from icplab.icp.recommend import recommendation_text
    from icplab.icp.refine import refine

    page = html_mod.unescape(
        (ws / "reports" / "04-icp-refinement.html").read_text(encoding="utf-8")
    )
    assert "Best message and salutation" in page
    lines = recommendation_text(
        refine(load_log(ws / "data" / "outreach.csv"), "reply_rate").recommendations
    )
    if lines:
        assert all(line in page for line in lines)
    else:
        assert "No message angle or salutation is clearly better" in page
