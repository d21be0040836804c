"""Every rendered page in one language: a German workspace (maturing contacts, value,
closed-loop, next-batch and sales-cycle reports, and a log without send dates) shows no
English sentence, German dates and numbers and German figures;
an English one shows no German. ``--only`` keeps the index in the workspace's language.

The scan reads the visible text of each HTML page (outside scripts, styles and code) and the
alt text of every figure (its title, axes, legend and annotations:
:func:`icplab.report.plots.figure_text`). The word lists are independent of the package's
catalogues: common function words of each language that no label of the test data holds.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from icplab.batch.runner import run_reports
from icplab.core.config import Config
from icplab.data.sample import generate_outreach

pytestmark = pytest.mark.slow

#: One report of every kind: overview, A/B, thesis, refinement, planner, funnel and value,
#: closed loop, next batch, sales cycle.
REPORTS = [
    "01-overview",
    "02-ab-test-salutation",
    "03-thesis-logistik",
    "04-icp-refinement",
    "05-sample-size",
    "06-funnel-value",
    "07-closed-loop",
    "08-next-batch",
    "09-sales-cycle",
]
#: The reports rendered on a log without send dates (maturity unknown).
UNDATED_REPORTS = ["03-thesis-logistik", "08-next-batch"]

#: Words that mark a sentence as English / German (whole words, case-sensitive).
ENGLISH = re.compile(
    r"\b(the|and|of|with|is|are|not|yet|than|which|contacts|days|per|"
    r"[Rr]eply rate|[Nn]ot enough|still maturing|[Jj]udged|[Pp]eriod|level)\b"
)
GERMAN = re.compile(r"\b(und|der|die|das|nicht|noch|Kontakte|Tage|Antwortquote|Ziel erreicht)\b")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
GERMAN_DATE = re.compile(r"\b\d{2}\.\d{2}\.\d{4}\b")
#: A decimal point (``13.8 %``); German thousands (``6.000``) and dates do not match.
DECIMAL_POINT = re.compile(r"\b\d+\.\d{1,2}(?![\d.])")
DECIMAL_COMMA = re.compile(r"\b\d+,\d{1,2}(?![\d,])")


class _Visible(HTMLParser):
    """Text nodes a reader sees, and the alt text of every image."""

    HIDDEN = {"script", "style", "code", "pre"}

    def __init__(self) -> None:
        super().__init__()
        self.hidden = 0
        self.texts: list[str] = []
        self.alts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        if tag == "img":
            self.alts.append(dict(attrs).get("alt") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)

    def handle_data(self, data: str) -> None:
        words = " ".join(data.split())
        if words and not self.hidden:
            self.texts.append(words)


def visible(page: Path) -> _Visible:
    parser = _Visible()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def _workspace(root: Path, language: str, dated: bool = True) -> Config:
    # a running campaign: its recent contacts are still maturing on the as-of day
    log = generate_outreach(2000, seed=5, running=400)
    if not dated:  # no send dates: maturity unknown, every report says so at the top
        log = log.drop(columns=[c for c in log.columns if c == "sent_at" or c.endswith("_at")])
    log.to_csv(root / "log.csv", index=False)
    (root / "icplab.toml").write_text(
        f'[workspace]\ndata = "log.csv"\nas_of = "2026-09-30"\n\n'
        f'[reports]\nlanguage = "{language}"\n\n'
        '[metrics.value_per_contact]\nnumerator = "deal_value"\ndenominator = "contacted"\n'
        'kind = "mean"\ntarget = 50\n\n'
        '[[theses]]\nname = "logistik"\nstatement = "Logistik"\n'
        'where = { industry = ["Logistik"] }\n',
        encoding="utf-8",
    )
    return Config.load(root / "icplab.toml")


@pytest.fixture(scope="module", params=["de", "en"])
def rendered(request, tmp_path_factory) -> tuple[str, Path]:
    language = request.param
    root = tmp_path_factory.mktemp(f"scan-{language}")
    summary = run_reports(_workspace(root, language), only=REPORTS, jobs=1)
    assert [r.name for r in summary.results if not r.ok] == []
    return language, root / "reports"


@pytest.fixture(scope="module", params=["de", "en"])
def undated(request, tmp_path_factory) -> tuple[str, Path]:
    language = request.param
    root = tmp_path_factory.mktemp(f"undated-{language}")
    summary = run_reports(_workspace(root, language, dated=False), only=UNDATED_REPORTS, jobs=1)
    assert [r.name for r in summary.results if not r.ok] == []
    return language, root / "reports"


def _leaks(language: str, pages: list[Path]) -> list[str]:
    other = ENGLISH if language == "de" else GERMAN
    leaks = []
    for page in pages:
        seen = visible(page)
        leaks += [f"{page.name}: {t}" for t in seen.texts if other.search(t)]
        leaks += [f"{page.name} (figure): {a}" for a in seen.alts if other.search(a)]
    return leaks


def _pages(reports: Path) -> list[Path]:
    pages = sorted(reports.glob("*.html"))
    assert {p.stem for p in pages} >= {*REPORTS, "index"}
    return pages


def test_no_sentence_of_the_other_language(rendered):
    language, reports = rendered
    assert _leaks(language, _pages(reports)) == []


def test_index_and_ab_page_in_the_workspace_language(rendered):
    """(Was tests/report/test_german.py's own 6,000-contact run.) The index, an A/B page and
    the overview's JSON summary speak the workspace's language, numbers in its form."""
    language, reports = rendered
    index = (reports / "index.html").read_text(encoding="utf-8")
    ab = (reports / "02-ab-test-salutation.html").read_text(encoding="utf-8")
    overview = (reports / "01-overview.json").read_text(encoding="utf-8")
    assert f'<html lang="{language}">' in index and f'<html lang="{language}">' in ab
    german = ("ICP-Berichte", "Bericht", "Ergebnis", "Kennzahl", "Laufzeit", "Vergleiche")
    english = ("Last run", "Key figure", "meets target", "All reports finished")
    if language == "en":
        german, english = english[:2], german[:1]
    assert [w for w in german if w not in index] == []
    assert [w for w in english if w in index] == []
    if language == "de":
        for words in ("Ausprägung", "plausibler Bereich", "relative Änderung", "Antwortquote"):
            assert words in ab
        assert "Innerhalb jeder Branche" in ab
        # numbers: decimal comma, thousands point (2,400 contacts: "2.400 Kontakte")
        assert re.search(r"\d+,\d %", ab) and not re.search(r"\d+\.\d %", ab)
        assert re.search(r"\b\d\.\d{3} Kontakte", ab)
        assert "Kontakte" in overview and re.search(r"\d+,\d %", overview)


def test_without_send_dates_the_pages_say_so_in_one_language(undated):
    language, reports = undated
    pages = [reports / f"{name}.html" for name in UNDATED_REPORTS]
    assert _leaks(language, pages) == []
    said = "keine versanddaten" if language == "de" else "no send dates"
    for page in pages:
        assert said in " ".join(visible(page).texts).lower(), page.name
    if language == "de":  # the honesty line of a log without send dates dated the German way
        texts = {p.name: " ".join(visible(p).texts + visible(p).alts) for p in pages}
        assert [n for n, t in texts.items() if ISO_DATE.search(t)] == []
        assert [n for n, t in texts.items() if DECIMAL_POINT.search(t)] == []
    # the value metric (EUR per contact) is an amount, not a percentage in the thousands
    seen = visible(reports / "03-thesis-logistik.html")
    thesis = " ".join(seen.texts + seen.alts)
    assert not re.search(r"\d[.,]\d{3}[.,]\d %", thesis)


def test_each_report_shows_its_title_once(rendered):
    _, reports = rendered
    for name in REPORTS:
        assert (reports / f"{name}.html").read_text(encoding="utf-8").count("<h1") == 1, name


def test_every_figure_carries_its_words(rendered):
    _, reports = rendered
    alts = [a for page in _pages(reports) for a in visible(page).alts]
    assert len(alts) >= 9 and all(alts), alts


def test_dates_and_numbers_in_the_language_form(rendered):
    language, reports = rendered
    pages = _pages(reports)
    texts = {p.name: " ".join(visible(p).texts + visible(p).alts) for p in pages}
    if language == "de":
        assert [n for n, t in texts.items() if ISO_DATE.search(t)] == []
        assert [n for n, t in texts.items() if DECIMAL_POINT.search(t)] == []
        assert all(
            GERMAN_DATE.search(texts[f"{r}.html"]) for r in ("01-overview", "06-funnel-value")
        )
        assert sum(bool(DECIMAL_COMMA.search(t)) for t in texts.values()) >= 6
    else:
        assert [n for n, t in texts.items() if GERMAN_DATE.search(t)] == []
        assert [n for n, t in texts.items() if DECIMAL_COMMA.search(t)] == []


def test_maturing_contacts_are_said_in_the_language(rendered):
    language, reports = rendered
    funnel = " ".join(visible(reports / "06-funnel-value.html").texts)
    assert ("reifen" if language == "de" else "still maturing") in funnel


def test_only_keeps_the_index_in_the_workspace_language(rendered):
    language, reports = rendered
    config = Config.load(reports.parent / "icplab.toml")
    summary = run_reports(config, only=["05-sample-size"], jobs=1)
    assert all(r.ok for r in summary.results)
    index = reports / "index.html"
    assert f'<html lang="{language}">' in index.read_text(encoding="utf-8")
    other = ENGLISH if language == "de" else GERMAN
    assert [t for t in visible(index).texts if other.search(t)] == []
