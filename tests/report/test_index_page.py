"""The index page from its Jinja2 template: every user-provided string is inert text, the
Content-Security-Policy comes first, each report kind has its row, in the run's language."""

from __future__ import annotations

import html
from html.parser import HTMLParser
from pathlib import Path

import pytest

from icplab.report.export import CONTENT_SECURITY_POLICY
from icplab.report.index_page import index_html
from icplab.report.outcome import ReportResult, RunSummary
from icplab.report.summary import ReportSummary, write_summary

HOSTILE = "<script>alert('x')</script>\"&<img src=x onerror=alert(1)>"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.csp: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        a = dict(attrs)
        if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy":
            self.csp.append(a.get("content") or "")

    def handle_data(self, data):
        self.text.append(data)


def _summary(tmp_path: Path, language: str) -> RunSummary:
    reports = tmp_path
    (reports / "ok.html").write_text("ok", encoding="utf-8")
    (reports / "earlier.html").write_text("old", encoding="utf-8")
    write_summary(
        reports / "earlier.json",
        report="earlier",
        title=HOSTILE,
        verdict="pass",
        key_figure=HOSTILE,
    )
    ok = ReportResult(
        "ok",
        "01-overview.ipynb",
        "ok",
        1.25,
        reports,
        reports / "ok.html",
        ReportSummary("ok", HOSTILE, "fail", HOSTILE),
    )
    (reports / "runs").mkdir(exist_ok=True)
    (reports / "runs" / "broken.html").write_text("failed", encoding="utf-8")
    failed = ReportResult(
        "broken",
        "02-ab-test.ipynb",
        "failed",
        2.5,
        reports,
        reports / "runs" / "broken.html",
        None,
        error=HOSTILE,
    )
    return RunSummary(
        "20260501T100000Z",
        reports,
        reports / "index.html",
        (ok, failed),
        3.0,
        language=language,
        metric_change=HOSTILE,
    )


@pytest.mark.parametrize("language", ["en", "de"])
def test_labels_are_text_and_the_policy_comes_first(tmp_path, language):
    page = index_html(_summary(tmp_path, language), tmp_path, ["ok", "earlier", "broken"])
    parsed = _Page()
    parsed.feed(page)
    assert parsed.csp == [CONTENT_SECURITY_POLICY]
    assert "script" not in parsed.tags and "img" not in parsed.tags
    # the hostile string survives as text: in the ok row, the earlier row, the error, the banner
    assert sum(HOSTILE in t for t in parsed.text) >= 5
    assert html.escape(HOSTILE, quote=False) in page or "&lt;script&gt;" in page
    assert f'<html lang="{language}">' in page
    assert page.index("Content-Security-Policy") < page.index("<style>")


def test_rows_and_words_follow_the_language(tmp_path):
    de = index_html(_summary(tmp_path, "de"), tmp_path, ["ok", "earlier", "broken"])
    en = index_html(_summary(tmp_path, "en"), tmp_path, ["ok", "earlier", "broken"])
    assert "diesmal nicht gelaufen" in de and "not run this time" in en
    assert "Bericht fehlgeschlagen" in de and "report failed" in en
    assert "1,2 s" in de and "1.2 s" in en  # the run time of the ok report
    assert "01.05.2026 10:00" in de and "2026-05-01 10:00" in en
    assert 'href="ok.html"' in en and 'href="earlier.html"' in en
    assert 'href="runs/broken.html">failed run (with the error)' in en
    for english in ("not run this time", "Last run", "Key figure"):
        assert english not in de


def test_a_metric_change_is_told_in_the_page_language(tmp_path):
    from dataclasses import replace

    change = (
        "The success metrics changed since they were locked (icplab.lock.json):\n"
        "  - reply_rate.target: 0.15 -> 0.12\n"
        "Accept the change with 'icplab lock --accept'."
    )
    base = replace(_summary(tmp_path, "de"), metric_change=change)
    de = index_html(base, tmp_path)
    en = index_html(replace(base, language="en"), tmp_path)
    assert "Erfolgskennzahlen wurden seit dem Festschreiben" in de
    assert "reply_rate.target: 0,15 -&gt; 0,12" in de
    assert "success metrics changed" not in de and "Accept the change" not in de
    assert "0.15 -&gt; 0.12" in en and "Accept the change" in en
