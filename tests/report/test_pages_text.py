"""The funnel (06), closed-loop (07), next-batch (08), sales-cycle (09) and cost pages speak
through the message catalogue: no inline language pairs, every code they name exists in
both languages, the sentences they compose read as before, and page 08 states the
contacts still maturing once."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest

from icplab.core.catalogue import messages
from icplab.core.config import Config
from icplab.data.load import validate_frame
from icplab.data.sample import generate_outreach
from icplab.report.funnel_report import FunnelValueParams, _icp_conclusion
from icplab.report.next_report import NextBatchParams, next_batch_report
from icplab.report.text import integer

PAGES = Path(__file__).resolve().parents[2] / "icplab" / "report"
FILES = ("funnel_report", "closed_loop", "cost_report", "cycle_report", "next_report")


@pytest.mark.parametrize("name", FILES)
def test_no_inline_language_pair_is_left(name: str) -> None:
    source = (PAGES / f"{name}.py").read_text("utf-8")
    assert not re.findall(r"\btr\(", source)
    assert not re.findall(r"language\s*==|==\s*\"de\"|\bde\s*=\s*language", source)


@pytest.mark.parametrize("name", FILES)
def test_every_page_code_exists_in_both_languages(name: str) -> None:
    source = (PAGES / f"{name}.py").read_text("utf-8")
    used = set(re.findall(r"(?<![{\w])\"(page\.[a-z_]+\.[a-z_.]+)\"", source))
    en, de = messages("en"), messages("de")
    for code in used:
        assert f"report.{code}" in en and f"report.{code}" in de, code


def test_page_codes_are_defined_only_in_the_pages_catalogue() -> None:
    from icplab.core.catalogue import pages_de, pages_en

    assert set(pages_en.MESSAGES) == set(pages_de.MESSAGES)
    assert all(code.startswith("report.page.") for code in pages_en.MESSAGES)
    # German sentences are German: none is the English one copied over
    same = [
        c
        for c, text in pages_en.MESSAGES.items()
        if text and text == pages_de.MESSAGES[c]  # an empty clause is empty in every language
    ]
    assert same == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            "ICP by reply rate: IT 1-49, Handel 50-199. ICP by value per contact (at least "
            "€120): Handel 50-199, Logistik 500+. They differ: only by replies: IT 1-49; "
            "only by money: Logistik 500+.",
        ),
        (
            "de",
            "ICP nach Antwortquote: IT 1-49, Handel 50-199. ICP nach Wert pro Kontakt "
            "(mindestens 120 €): Handel 50-199, Logistik 500+. Sie unterscheiden sich: nur "
            "nach Antworten: IT 1-49; nur nach Umsatz: Logistik 500+.",
        ),
    ],
)
def test_the_funnel_conclusion_reads_as_before(language: str, expected: str) -> None:
    # the sentence as the page wrote it inline before it moved into the catalogue
    p = FunnelValueParams(language=language)
    got = _icp_conclusion(
        p, ("IT 1-49", "Handel 50-199"), ("Handel 50-199", "Logistik 500+"), True, 120.0
    )
    assert got == expected
    agree = _icp_conclusion(p, ("IT 1-49",), ("IT 1-49",), True, 120.0)
    assert agree.endswith("Both agree." if language == "en" else "Beide stimmen überein.")
    assert "  " not in got and "  " not in agree


def _maturing(frame: pd.DataFrame, as_of: date, window: int) -> int:
    """Contacts sent within ``window`` days before ``as_of``: not mature yet (CONTRACT 2)."""
    sent = pd.to_datetime(frame["sent_at"]).dt.date
    return int(((sent > as_of - timedelta(days=window)) & (sent <= as_of)).sum())


@pytest.mark.parametrize("language", ["en", "de"])
def test_page_08_states_the_maturing_contacts_once(language: str) -> None:
    """The contacts still maturing are said once on page 08 (in the honesty paragraph, with
    the window); the result's own note on them is not shown a second time."""
    log = validate_frame(generate_outreach(3000, seed=8), source="x.csv")
    as_of = date(2026, 6, 15)
    maturing = _maturing(log.frame, as_of, 28)  # reply_rate's default window
    assert maturing > 0
    p = NextBatchParams(contacts=500, language=language, as_of=as_of.isoformat())
    rep = next_batch_report(p, log, Config(sequential=True))
    page = " ".join([rep.conclusion, rep.honesty, *rep.notes, *rep.lines])
    needle = integer(maturing, language)  # 1.234 in German
    assert len(re.findall(rf"(?<![\d.,]){re.escape(needle)}(?![\d.,])", page)) == 1, page
    assert needle in rep.honesty
    # the window is still named, once
    days = "28 days" if language == "en" else "28 Tage"
    assert page.count(days) == 1, page


@pytest.mark.parametrize(
    ("language", "said", "contradiction"),
    [
        ("en", "no send dates", "old enough to count"),
        ("de", "keine versanddaten", "alt genug, um zu zählen"),
    ],
)
def test_page_08_on_counts_says_once_that_send_dates_are_missing(
    language: str, said: str, contradiction: str
) -> None:
    """Aggregated counts carry no send dates: page 08 says so once, near its top, and never
    claims beside it that every contact is old enough to count."""
    rows = validate_frame(generate_outreach(3000, seed=8), source="x.csv").frame
    counts = (
        rows.groupby(["industry", "size_band"], observed=True)[["contacted", "replied"]]
        .sum()
        .reset_index()
    )
    log = validate_frame(counts, source="counts.csv")
    p = NextBatchParams(contacts=500, language=language, as_of="2026-06-15")
    rep = next_batch_report(p, log, Config(sequential=False))
    assert rep.result.maturity == "unknown"
    page = " ".join([rep.conclusion, rep.honesty, *rep.notes, *rep.lines]).lower()
    assert page.count(said) == 1, page
    assert contradiction not in page, page
    assert said in rep.honesty.lower()[:120]


def test_page_06_explains_the_funnel_bases_once() -> None:
    """The notebook's introduction explains that each step has its own base; the page's
    intro under the headline said it again (found by looking at the rendered page)."""
    from icplab.core.catalogue import messages

    for language, phrase in (("en", "own base"), ("de", "eigenen Basis")):
        words = messages(language)
        said = [c for c in ("report.nb.06.intro", "report.page.funnel.intro") if phrase in words[c]]
        assert said == ["report.nb.06.intro"], (language, said)
