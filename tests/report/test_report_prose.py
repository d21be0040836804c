"""Report prose comes from the catalogues: no inline English/German pair is left in the
report's own files, every ``word("...")`` code they use exists, and the language rules that
moved into the catalogues (date patterns, locale, CSV signs) agree with Babel's data."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from babel.dates import format_date
from babel.numbers import get_decimal_symbol

from icplab.core.catalogue import LANGUAGES, messages
from icplab.report import honesty, text
from icplab.report.content import settle_range
from icplab.report.params import ReportParams
from icplab.report.spreadsheet import to_csv_text

REPORT = Path(__file__).resolve().parents[2] / "icplab" / "report"
#: The files whose prose moved into the catalogues (the others are being moved in parallel).
MOVED = [
    *(REPORT / "plots").glob("*.py"),
    *(
        REPORT / f"{name}.py"
        for name in [
            "ab",
            "ab_decision",
            "content",
            "notebook_kit",
            "params",
            "export",
            "summary",
            "text",
            "honesty",
            "messages",
            "tables",
            "outcome",
            "index_page",
            "spreadsheet",
        ]
    ),
]


@pytest.mark.parametrize("path", MOVED, ids=lambda p: p.name)
def test_no_inline_language_pair_left(path: Path) -> None:
    source = path.read_text("utf-8")
    assert not re.findall(r"\btr\(", source)  # no inline pair, and no helper to write one
    assert not re.search(r'language\s*[!=]=\s*"(en|de)"|lang\s*[!=]=\s*"(en|de)"', source) or (
        path.name == "text.py"  # the lock's English description kept whole
    )


def test_every_word_code_of_the_report_files_exists() -> None:
    used: set[str] = set()
    for path in MOVED:
        used |= set(re.findall(r'\bword\(\s*"([a-z_.]+)"', path.read_text("utf-8")))
    assert len(used) > 50
    missing = {code for code in used if f"report.{code}" not in messages("en")}
    assert not missing


@pytest.mark.parametrize("language", LANGUAGES)
def test_dates_follow_babel_and_the_json(language: str) -> None:
    day = date(2026, 9, 30)
    # English keeps the ISO date of the JSON and the CLI; German writes Babel's dd.MM.yyyy
    want = day.isoformat() if language == "en" else format_date(day, "dd.MM.yyyy", "de_DE")
    assert text.judged_date(day, language) == want
    p = ReportParams(language=language)
    sentence = honesty.honesty_text(p, as_of=day, maturing=0, inference=None)
    assert f"**{want}**" in sentence


@pytest.mark.parametrize("language", LANGUAGES)
def test_csv_signs_follow_the_locale(language: str) -> None:
    import pandas as pd

    decimal = get_decimal_symbol(messages(language)["report.locale"])
    csv = to_csv_text(pd.DataFrame({"a": [1.5], "b": [2]}), language=language)
    sep = ";" if decimal == "," else ","
    assert csv == f"a{sep}b\n1{decimal}5{sep}2\n"


def test_settle_range_numbers_in_the_language() -> None:
    de = settle_range(ReportParams(language="de"), 1200, 34000, "inconclusive")
    en = settle_range(ReportParams(), 1200, 34000, "inconclusive")
    assert "1.200" in de and "34.000" in de and "1,200" in en and "34,000" in en
    assert settle_range(ReportParams(), float("nan"), None, "inconclusive") != ""
    assert settle_range(ReportParams(), 1200, 34000, "pass") == ""


def test_figures_without_a_title_speak_the_report_language() -> None:
    import pandas as pd

    from icplab.report import plots

    rates = pd.DataFrame(
        {"level": ["du", "sie"], "n": [200, 180], "rate": [0.2, 0.1], "ci_low": [0.15, 0.07],
         "ci_high": [0.26, 0.16], "diff": [None, -0.1], "diff_ci_low": [None, -0.16],
         "diff_ci_high": [None, -0.04], "significant": [None, True]}
    )  # fmt: skip
    cells = pd.DataFrame(
        {"industry": ["IT", "IT"], "size_band": ["1-49", "50-199"], "n": [40, 60],
         "rate": [0.1, 0.25]}
    )  # fmt: skip
    counts = pd.DataFrame({"contacted": [10], "replied": [2], "meeting": [1]})
    english = {v for k, v in messages("en").items() if k.startswith("report.plot.title_")}
    english.add(messages("en")["report.funnel_title"])
    for language in LANGUAGES:
        figures = [
            plots.rates(rates, language=language),
            plots.differences(rates, language=language),
            plots.heatmap(cells, language=language),
            plots.funnel(counts, language=language),
        ]
        titles = [
            " ".join(ax.get_title(loc=loc) for ax in f.axes for loc in ("center", "left"))
            + f.get_suptitle()
            for f in figures
        ]
        for title in titles:
            assert title.strip()
            assert (language == "en") == any(e in title for e in english), title


def test_parameter_errors_are_notes_in_both_languages() -> None:
    from icplab.core.errors import UsageError
    from icplab.core.notes import render
    from icplab.report.params import SampleSizeParams

    with pytest.raises(UsageError) as caught:
        SampleSizeParams(power=2.0)
    note = caught.value.args[0]
    assert str(note) == "report parameter 'power' must be between 0 and 1, got 2.0."
    german = render(note, "de")
    assert german != str(note) and "power" in german and "report parameter" not in german


def test_an_open_thesis_counts_in_the_language() -> None:
    """ "Not settled yet: ... (1.234 of 12.000)" in German; the counts were written with
    English thousands separators (and ``n`` with none) on a German page."""
    from icplab.report.content import _thesis_conclusion

    table = pd.DataFrame(
        {
            "label": ["Reply rate"],
            "verdict": ["inconclusive"],
            "more_contacts_needed": [500.0],
            "more_contacts_high": [900.0],
            "successes": [1234],
            "n": [12000],
            "rate": [1234 / 12000],
        }
    )
    de = _thesis_conclusion(ReportParams(language="de"), "inconclusive", table)
    en = _thesis_conclusion(ReportParams(language="en"), "inconclusive", table)
    assert "1.234" in de and "12.000" in de and "1,234" not in de, de
    assert "1,234" in en and "12,000" in en, en
