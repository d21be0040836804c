"""The overview's status sentence must not claim maturity the data cannot show."""

from __future__ import annotations

from datetime import date

from icplab.core.config import Config
from icplab.data.load import validate_frame
from icplab.data.sample import generate_outreach
from icplab.report import content as rc
from icplab.report.params import ReportParams


def _sentence(frame, language: str) -> str:
    log = validate_frame(frame, source="x.csv")
    cfg = Config()
    overall = rc.metrics_overview(log, cfg, as_of=date(2026, 9, 30), language=language)
    return rc.overview_honesty(ReportParams(language=language), overall, cfg)


def test_without_send_dates_the_overview_says_so_and_claims_no_maturity() -> None:
    raw = generate_outreach(600, seed=3).drop(columns=["sent_at"], errors="ignore")
    raw = raw.drop(columns=[c for c in raw.columns if c.endswith("_at")])
    en, de = _sentence(raw, "en"), _sentence(raw, "de")
    assert "no send dates" in en and "old enough" not in en
    assert "keine Versanddaten" in de and "alt genug" not in de


def test_with_send_dates_the_overview_does_not_speak_of_missing_dates() -> None:
    en = _sentence(generate_outreach(600, seed=3), "en")
    assert "no send dates" not in en
