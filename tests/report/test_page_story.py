"""Each report page tells one story: no contradicting verdict words (en and de).

The A/B, thesis-check, refinement and value pages are built (the text a reader sees:
intro, conclusion, honesty line, notes, verdict words of the tables) on a dated log, the
same log without send dates, and aggregated counts, in both languages; the words are then
scanned for pairs that must never stand on one page.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from icplab.core.config import Config
from icplab.data.load import validate_frame
from icplab.data.sample import generate_outreach
from icplab.report import content as rc
from icplab.report import funnel_report as fr
from icplab.report import text
from icplab.report.ab import ab_report
from icplab.report.params import ABTestParams, RefineParams, ThesisParams

TOML = (
    '[workspace]\nas_of = "2026-09-30"\n'
    '[[theses]]\nname = "it"\nstatement = "IT"\nwhere = { industry = ["IT"] }\n'
    '[[theses]]\nname = "handel"\nstatement = "Handel"\nwhere = { industry = ["Handel"] }\n'
)

#: Pairs of phrases that contradict each other on one page.
CONTRADICTIONS = [
    ("no send dates", "every contact is old enough"),
    ("keine versanddaten", "jeder kontakt ist alt genug"),
    ("always-valid", "one look"),
    ("stets gültige", "einzigen blick"),
]


@pytest.fixture(scope="module")
def logs():
    raw = generate_outreach(6000, seed=41, running=800)
    dated = validate_frame(raw, source="dated.csv")
    undated = validate_frame(raw.drop(columns=["sent_at"]), source="undated.csv")
    agg = (
        undated.frame.groupby(["industry", "size_band", "salutation"], observed=True)[
            ["contacted", "replied", "meeting", "qualified", "deal"]
        ]
        .sum()
        .reset_index()
    )
    counts = validate_frame(agg, source="counts.csv")
    return {"dated": dated, "undated": undated, "counts": counts}


def _words(table: pd.DataFrame, lang: str) -> list[str]:
    if "verdict" not in table.columns:
        return []
    return [text.verdict_word(str(v), lang) for v in table["verdict"]]


def _pages(log, config: Config, lang: str) -> dict[str, tuple[str, dict]]:
    pages: dict[str, tuple[str, dict]] = {}
    ab = ab_report(
        ABTestParams(factor="salutation", language=lang, within=["industry"]), log, config
    )
    ab_text = [ab.intro, ab.conclusion, ab.honesty, ab.srm_warning, *ab.notes]
    ab_text += [s.sentence for s in ab.segments] + _words(ab.table, lang)
    pages["ab"] = ("\n".join(ab_text), ab.result.to_dict())
    for name in ("it", "handel"):
        chk = rc.thesis_check(ThesisParams(thesis=name, language=lang), log, config)
        body = [chk.intro, chk.conclusion, chk.honesty, *_words(chk.table, lang)]
        pages[f"check-{name}"] = ("\n".join(body), chk.result)
    ref = rc.icp_refinement(RefineParams(language=lang), log, config)
    body = [ref.conclusion, ref.honesty, *ref.recommendations]
    body += [w for _, t in ref.lists for w in _words(t, lang)]
    pages["refine"] = ("\n".join(body), ref.result)
    if "deal" in log.frame.columns and "deal_value" in log.frame.columns:
        rep = fr.funnel_value(fr.FunnelValueParams(language=lang), log, config)
        pages["value"] = ("\n".join([rep.conclusion, rep.intro, rep.honesty]), {})
    return pages


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("kind", ["dated", "undated", "counts"])
@pytest.mark.parametrize("sequential", [False, True])
def test_no_page_contradicts_itself(logs, kind, lang, sequential):
    config = replace(Config.from_toml_text(TOML), sequential=sequential)
    for name, (page, result) in _pages(logs[kind], config, lang).items():
        low = page.lower()
        for a, b in CONTRADICTIONS:
            assert not (a in low and b in low), (kind, lang, name, a, b)
        # the sample-ratio warning at most once on a page
        assert low.count("sample ratio") + low.count("stichprobenverhältnis") <= 1, name
        if kind != "dated":  # no send dates: the page says so at the top, nothing is final
            assert result.get("maturity", "unknown") == "unknown", name
            if name != "value":
                head = page.lstrip()[:200].lower()
                assert "no send dates" in head or "keine versanddaten" in head, (name, head)
            for bad in ("misses target", "ziel verfehlt"):
                assert bad not in low, (kind, lang, name)
        # a probability beside the verdict only from the page's own method: none on A/B
        if name == "ab":
            assert "chance it beats" not in low and "chance, die basis" not in low
        # a value headline never rests on cells without deals, and ties read as ties
        if name == "value":
            assert "(smoothed)" not in low and "(geglättet)" not in low
        # the inference is named; a fixed-horizon page says it holds for one look
        if name in ("ab", "refine") or name.startswith("check"):
            if sequential:
                assert "always-valid" in low or "stets gültige" in low, name
            else:
                assert "one look" in low or "einzigen blick" in low, name
