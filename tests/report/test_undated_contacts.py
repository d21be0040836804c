"""Some contacts without a send date: every output counts them, says so, and no page claims
that every contact is old enough to count (CONTRACT section 2)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

import icplab
from icplab.core.config import Config
from icplab.data.load import validate_frame
from icplab.data.sample import generate_outreach
from icplab.report import content as rc
from icplab.report.honesty import judged_honesty, maturity_warning
from icplab.report.params import ReportParams

AS_OF = date(2026, 9, 30)


def _raw(blank: int) -> pd.DataFrame:
    raw = generate_outreach(600, seed=5)
    raw = raw[pd.to_datetime(raw["sent_at"]) <= pd.Timestamp("2026-05-01")]  # all mature
    raw = raw.reset_index(drop=True)
    raw["sent_at"] = raw["sent_at"].astype(object)
    raw.loc[raw.index[:blank], "sent_at"] = None
    return raw


def test_check_counts_the_undated_contacts_and_says_so() -> None:
    raw = _raw(57)
    expected = int(pd.to_datetime(raw["sent_at"]).isna().sum())  # independent count
    res = icplab.check(raw, where={}, as_of=AS_OF, config=Config())
    out = res.to_dict()
    assert out["maturity"] == "checked"
    assert out["undated"] == expected == 57
    assert any("57 contacts have no send date" in n for n in out["notes"])


def test_fully_dated_log_has_no_undated_field() -> None:
    out = icplab.check(_raw(0), where={}, as_of=AS_OF, config=Config()).to_dict()
    assert "undated" not in out


def test_pages_never_claim_every_contact_is_old_enough() -> None:
    raw = _raw(57)
    log = validate_frame(raw, source="x.csv")
    cfg = Config()
    res = icplab.check(log, where={}, as_of=AS_OF, config=cfg)
    for lang, claim, named in (
        ("en", "every contact is old enough", "57 contacts"),
        ("de", "jeder Kontakt ist alt genug", "57 Kontakte"),
    ):
        p = ReportParams(language=lang)
        honesty = judged_honesty(p, res)
        assert claim not in honesty and named in honesty
        assert named in maturity_warning(p, res.to_dict())
        overall = rc.metrics_overview(log, cfg, as_of=AS_OF, language=lang)
        overview = rc.overview_honesty(p, overall, cfg)
        assert claim not in overview and named in overview


def test_next_batch_names_the_undated_contacts() -> None:
    raw = _raw(31)
    res = icplab.next_batch(raw, contacts=100, as_of=AS_OF, config=Config())
    assert any("31 contacts have no send date" in n for n in res.to_dict()["notes"])
    assert np.sum([r["contacts"] for r in res.to_dict()["allocation"]]) == 100


def test_next_batch_page_does_not_claim_every_contact_is_old_enough() -> None:
    res = icplab.next_batch(_raw(31), contacts=100, as_of=AS_OF, config=Config())
    assert res.to_dict()["undated"] == 31
    for lang, claim, named in (
        ("en", "every contact is old enough", "31 contacts"),
        ("de", "jeder Kontakt ist alt genug", "31 Kontakte"),
    ):
        honesty = judged_honesty(ReportParams(language=lang), res)
        assert claim not in honesty and named in honesty


def test_cli_closing_line_does_not_claim_every_contact_is_mature() -> None:
    from icplab.cli.commands._stats_format import as_of_line
    from icplab.icp.disclosure import undated_of

    res = icplab.check(_raw(57), where={}, as_of=AS_OF, config=Config())
    line = as_of_line(res.as_of, res.maturing, True, res.maturity, undated_of(res))
    assert "every contact is mature" not in line and "57 without one" in line
    full = icplab.check(_raw(0), where={}, as_of=AS_OF, config=Config())
    line = as_of_line(full.as_of, full.maturing, True, full.maturity, undated_of(full))
    assert "every contact is mature (counted)" in line


def test_next_text_on_counts_does_not_claim_maturity(tmp_path, capsys) -> None:
    from icplab.cli import main

    counts = pd.DataFrame(
        {
            "industry": ["IT", "IT", "Handel", "Handel"],
            "size_band": ["1-49", "50-199", "1-49", "50-199"],
            "contacted": [200, 180, 220, 160],
            "replied": [30, 20, 25, 12],
        }
    )
    path = tmp_path / "agg.csv"
    counts.to_csv(path, index=False)
    assert main(["next", str(path), "--contacts", "100", "--as-of", "2026-09-30"]) == 0
    out = capsys.readouterr().out
    assert "every contact is mature" not in out
    assert "no send dates, so maturity cannot be checked" in out


def test_funnel_text_says_as_of_when_and_no_sequential_advice(tmp_path, capsys) -> None:
    from icplab.cli import main

    path = tmp_path / "log.csv"
    _raw(40).to_csv(path, index=False)
    assert main(["funnel", str(path), "--as-of", "2026-09-30"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("As of 2026-09-30; every contact with a send date is mature")
    assert "40 without one" in last and "--sequential" not in last  # funnel has no such option
