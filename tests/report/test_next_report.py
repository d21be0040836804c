"""Report 08-next-batch: words in both languages, the figure, the summary JSON."""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from icplab.core.config import Config
from icplab.data.load import validate_frame
from icplab.data.sample import generate_outreach
from icplab.report.next_report import (
    NextBatchParams,
    allocation_figure,
    finish_next_batch,
    next_batch_report,
)


def test_report_in_german_and_english_with_summary(tmp_path: Path) -> None:
    log = validate_frame(generate_outreach(4000, seed=5), source="x.csv")
    cfg = Config(sequential=True)
    out = {}
    for lang in ("en", "de"):
        summary = tmp_path / f"{lang}.json"
        p = NextBatchParams(
            contacts=800, language=lang, summary_path=str(summary), as_of="2026-06-15"
        )
        rep = next_batch_report(p, log, cfg)
        fig = allocation_figure(rep.result, lang)
        assert len(fig.axes) == 2
        finish_next_batch(p, rep)
        out[lang] = (rep, json.loads(summary.read_text(encoding="utf-8")))
    en, de = out["en"][0], out["de"][0]
    assert "contacts" in en.conclusion and "Kontakte" in de.conclusion
    assert any("Kontakte" in line or ": 0," in line for line in de.lines)
    assert "Zelle" in de.table.columns and "cell" in en.table.columns
    # German number forms in the table: decimal comma in the rates
    assert de.table["Quote"].str.contains(",").any()
    details = out["en"][1]["details"]
    assert sum(r["contacts"] for r in details["allocation"]) == 800
    assert details["open_cells"] == sum(r["status"] == "open" for r in details["allocation"])


def test_the_inference_line_is_said_once() -> None:
    """The fixed-horizon line ("one look at the data") appears once on the page: the result
    carries it as a note, and the honesty paragraph says it, so the notes shown leave it out."""
    log = validate_frame(generate_outreach(3000, seed=8), source="x.csv")
    needles = {"en": "Fixed-horizon", "de": "einzigen Blick"}
    for lang in ("en", "de"):
        p = NextBatchParams(contacts=500, language=lang, as_of="2026-06-15")
        rep = next_batch_report(p, log, Config(sequential=False))
        assert "next.fixed" in [getattr(n, "code", "") for n in rep.result.notes]
        page = " ".join([rep.conclusion, rep.honesty, *rep.notes, *rep.lines])
        assert page.count(needles[lang]) == 1, page


def test_the_headline_names_how_many_open_cells_get_contacts() -> None:
    """Open cells that already hold a large share get none this wave: the headline counts
    the cells the allocation table gives contacts, not every open cell."""
    log = validate_frame(generate_outreach(18000, seed=7), source="x.csv")
    for lang, words in (("en", "{g} of the {o} cells"), ("de", "{g} der {o} Zellen")):
        p = NextBatchParams(contacts=1000, language=lang, as_of="2026-09-30")
        rep = next_batch_report(p, log, Config(sequential=True))
        allocation = rep.result.to_dict()["allocation"]
        getting = sum(r["contacts"] > 0 for r in allocation)
        still_open = sum(r["status"] == "open" for r in allocation)
        if getting < still_open:
            assert words.format(g=getting, o=still_open) in rep.conclusion, rep.conclusion
        else:
            assert f" {still_open} " in rep.conclusion and " of the " not in rep.conclusion


def test_the_headline_counts_cells_in_singular_and_plural() -> None:
    """One cell is "the one cell ... is" / "1 settled cell gets", several are "cells"; no
    settled clause when nothing is settled (the page said "1 settled cells get none")."""
    from icplab.report.next_report import cells_words
    from icplab.report.params import ReportParams

    en, de = ReportParams(language="en"), ReportParams(language="de")
    one = cells_words(en, 1, 1, 1, "15%")
    assert one["to"] == "the one cell still open against the target of 15%"
    assert one["settled"] == "; 1 settled cell gets none"
    many = cells_words(en, 4, 9, 3, "15%")
    assert many["to"] == "4 of the 9 cells still open against the target of 15%"
    assert many["settled"] == "; 3 settled cells get none"
    assert cells_words(en, 2, 2, 0, "15%") == {
        "to": "the 2 cells still open against the target of 15%",
        "settled": "",
    }
    de_one = cells_words(de, 1, 1, 1, "15 %")
    assert de_one["to"].endswith("noch offen ist") and "eine Zelle" in de_one["to"]
    assert de_one["settled"] == "; 1 entschiedene Zelle bekommt keine"
    assert (
        cells_words(de, 4, 9, 1200, "15 %")["settled"]
        == "; 1.200 entschiedene Zellen bekommen keine"
    )
