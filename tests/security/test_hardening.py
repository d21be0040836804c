"""User labels never become live HTML: render every report of a log full of payloads.

Industry names, message labels, campaign names, the thesis name, statement and segment, and
the file name carry HTML/script payloads and Markdown specials. After a full ``run`` the
HTML of every report and of the index must hold no script, no event-handler attribute, no
``javascript:`` link and no image other than the embedded figures, while the labels are
still shown as text.
"""

from __future__ import annotations

from html.parser import HTMLParser

import numpy as np
import pytest

from icplab.batch.runner import run_reports
from icplab.core.config import Config
from icplab.data.sample import generate_outreach
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
def payload_run(tmp_path_factory):
    ws = tmp_path_factory.mktemp("xss")
    raw = generate_outreach(3000, seed=5)
    raw["industry"] = raw["industry"].map(PAYLOADS)
    rng = np.random.default_rng([5, 99])
    raw["messaging"] = np.where(
        raw["messaging"] == "fehlerrate", "<b>fehler</b>", "zeit_[y](javascript:z)"
    )
    raw["campaign"] = rng.choice(["<script>alert(6)</script>", "Q1 **launch**"], len(raw))
    name = "evil <img src=x onerror=alert(7)> *log*.csv"
    raw.to_csv(ws / name, index=False)
    (ws / "icplab.toml").write_text(
        f"""
[workspace]
data = "{name}"

[[theses]]
name = "xss-thesis"
statement = "<script>alert(8)</script> passt zu [x](javascript:alert(9)) | *Handel*"
where = {{ industry = ['{PAYLOADS["IT"]}'] }}
""",
        encoding="utf-8",
    )
    config = Config.load(ws / "icplab.toml")
    summary = run_reports(config, jobs=1, timeout=180)
    return ws, summary


@pytest.mark.slow
def test_no_live_markup_survives(payload_run):
    ws, summary = payload_run
    bad = {r.name: r.error for r in summary.results if not r.ok}
    assert bad == {}
    pages = sorted((ws / "reports").glob("*.html"))
    assert len(pages) >= 8
    for page in pages:
        audit = Audit()
        audit.feed(page.read_text(encoding="utf-8"))
        assert audit.problems == [], (page.name, audit.problems[:5])


@pytest.mark.slow
def test_labels_are_still_readable_as_text(payload_run):
    ws, _ = payload_run
    ab = Audit()
    ab.feed((ws / "reports" / "02-ab-test-industry.html").read_text(encoding="utf-8"))
    shown = " ".join(ab.text)
    assert "<img src=x onerror=alert(1)>" in shown  # shown literally, as text
    thesis = Audit()
    thesis.feed((ws / "reports" / "03-thesis-xss-thesis.html").read_text(encoding="utf-8"))
    assert "<script>alert(8)</script> passt zu [x](javascript:alert(9))" in " ".join(thesis.text)
    index = Audit()
    index.feed((ws / "reports" / "index.html").read_text(encoding="utf-8"))
    assert index.problems == []


def test_md_escapes_every_markdown_special():
    import nbconvert.filters.markdown as m

    for raw in [*PAYLOADS.values(), "<javascript:alert(1)>", "# head", "> quote", "1. list"]:
        out = m.markdown2html_mistune(md(raw))
        audit = Audit()
        audit.feed(out)
        assert audit.problems == []
        assert "<a" not in out and "<em>" not in out and "<strong>" not in out
        assert "<h1" not in out and "<blockquote" not in out and "<ol" not in out
