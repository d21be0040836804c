"""The sales-cycle report (09): its tables, figures and words in English and German."""

from __future__ import annotations

import pandas as pd
import pytest

from icplab.core.config import Config
from icplab.data.load import validate_frame
from icplab.data.sample import generate_outreach
from icplab.icp.cycle import cycle
from icplab.icp.scope import Scope
from icplab.report import cycle_report as cr
from icplab.report import text

COSTS = "[costs]\nper_contact = { email = 0.4, linkedin = 2.5 }\nmonthly_fixed = 450\n"


@pytest.fixture(scope="module")
def log():
    return validate_frame(generate_outreach(3000, seed=4), source="sample")


@pytest.mark.parametrize("language", ["en", "de"])
def test_report_has_every_dated_step_and_speaks_the_language(log, language):
    p = cr.CycleParams(language=language, as_of="2026-09-30", horizon=120)
    rep = cr.cycle_report(p, log, Config.from_toml_text(COSTS))
    assert list(rep.results) == ["replied", "meeting", "qualified", "deal"]
    # the table's shares are the estimates of icplab.cycle on the same log
    ref = cycle(log, step="deal", by="size_band", horizon=120, scope=Scope(as_of="2026-09-30"))
    shown = rep.shares[rep.shares["step"] == {"en": "deal", "de": "Abschluss"}[language]]
    assert shown["share"].tolist() == [p.pct(lv.cumulative) for lv in ref.levels]
    assert rep.costs is not None and len(rep.costs) == 4
    words = rep.intro + rep.honesty + rep.conclusion
    if language == "de":
        assert "Erstkontakt" in words and "Tage" in rep.conclusion
        assert "," in shown["share"].iloc[0]  # German decimal comma
    else:
        assert "first touch" in words and "days" in rep.conclusion
    fig = cr.curves_figure(p, rep.results["deal"])
    assert fig.axes[0].get_xlim()[1] == 120
    assert text.word("page.cycle.opens", "en").startswith("Opens")
    assert "Apple" in text.word("page.cycle.opens", "de")


def test_log_without_dates_says_so():
    frame = generate_outreach(500, seed=1).drop(
        columns=["sent_at", "replied_at", "meeting_at", "qualified_at", "deal_at"]
    )
    log = validate_frame(frame, source="x")
    rep = cr.cycle_report(cr.CycleParams(), log, Config())
    assert rep.results == {} and "sent_at" in rep.conclusion


def test_replies_by_step_counts_replies_only():
    f = pd.DataFrame({"replied": [1, 1, 1, 0, 1], "reply_step": pd.array([1, 3, 1, 2, None])})
    t = cr.replies_by_step(f)
    assert t["reply_step"].tolist() == [1, 3] and t["replies"].tolist() == [2, 1]
