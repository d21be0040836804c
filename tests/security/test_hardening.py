"""User labels never become live HTML: render every report of a log full of payloads.

Industry names, message labels, campaign names, the thesis name, statement and segment, and
the file name carry HTML/script payloads and Markdown specials (tests/_hostile.py; the same
rendering that tests/report/test_browser.py loads in Chromium). After a full ``run`` the
HTML of every report and of the index must hold no script, no event-handler attribute, no
``javascript:`` link and no image other than the embedded figures, while the labels are
still shown as text.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from _hostile import FILE_NAME, MARKDOWN, RAW_LINK, build_hostile_run, payloads
from _shared_runs import shared_run

from icplab.report.text import md

PAYLOADS = {
    "IT": "<img src=x onerror=alert(1)>",
    "Logistik": "<script>alert(2)</script>",
    "Maschinenbau": "[x](javascript:alert(3))",
    "Handel": "*bold* _it_ | pipe $5$",
    "Finanzdienstleister": '"><svg onload=alert(4)>',
    "Gesundheitswesen": "<a href='javascript:alert(5)'>klick</a>",
}


class Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            v = (value or "").strip().lower()
            if name.lower().startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name.lower() in {"href", "src", "action", "formaction", "xlink:href"} and (
                v.startswith("javascript:") or v.startswith("vbscript:")
            ):
                self.problems.append(f"<{tag} {name}={value}>")
        if tag in {"script", "iframe", "object", "embed", "svg"}:
            self.problems.append(f"<{tag}>")
        if tag == "img":
            src = dict(attrs).get("src") or ""
            if not src.startswith("data:image/"):
                self.problems.append(f"<img src={src}>")

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture(scope="module")
def hostile_reports(tmp_path_factory) -> Path:
    """The published pages of a full run on the hostile workspace (tests/_hostile.py; shared
    with tests/report/test_browser.py, which loads the same pages in Chromium)."""
    return shared_run(tmp_path_factory, "hostile", build_hostile_run) / "reports"


def _pages(reports: Path) -> list[Path]:
    return sorted(p for p in reports.glob("*.html") if not p.name.startswith("."))


@pytest.mark.slow
def test_no_live_markup_survives(hostile_reports):
    pages = _pages(hostile_reports)
    assert len(pages) >= 12
    for page in pages:
        audit = Audit()
        audit.feed(page.read_text(encoding="utf-8"))
        assert audit.problems == [], (page.name, audit.problems[:5])


@pytest.mark.slow
def test_labels_are_still_readable_as_text(hostile_reports):
    ab = Audit()
    ab.feed((hostile_reports / "02-ab-test-industry.html").read_text(encoding="utf-8"))
    shown = " ".join(ab.text)
    for label in (payloads("industry")["img"], MARKDOWN, RAW_LINK):
        assert label in shown, label  # shown literally, as text
    thesis = Audit()
    thesis.feed(next(hostile_reports.glob("03-thesis-*.html")).read_text(encoding="utf-8"))
    shown = " ".join(thesis.text)
    assert payloads("thesis")["img"] in shown and "| *Handel*" in shown
    index = Audit()
    index.feed((hostile_reports / "index.html").read_text(encoding="utf-8"))
    assert index.problems == []
    assert FILE_NAME in " ".join(index.text)


def test_md_escapes_every_markdown_special():
    import nbconvert.filters.markdown as m

    for raw in [*PAYLOADS.values(), "<javascript:alert(1)>", "# head", "> quote", "1. list"]:
        out = m.markdown2html_mistune(md(raw))
        audit = Audit()
        audit.feed(out)
        assert audit.problems == []
        assert "<a" not in out and "<em>" not in out and "<strong>" not in out
        assert "<h1" not in out and "<blockquote" not in out and "<ol" not in out
