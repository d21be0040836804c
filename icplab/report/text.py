"""Every user-facing word of the reports (English and German), number formats and escaping.

One home for the report layer's wording: verdict words, the index page, badges, table
headers, figure labels; the number formats of each language (``13.8 %`` / ``13,8 %``,
``3,275`` / ``3.275``); and one escaping helper per medium, so a user-provided label
(industry, message variant, thesis, campaign, file name) never becomes live markup.

Examples
--------
>>> pct(0.138, "de"), integer(3275, "de"), integer(3275)
('13,8 %', '3.275', '3,275')
>>> md("<img src=x onerror=alert(1)>")
'&lt;img src=x onerror=alert\\\\(1\\\\)&gt;'
>>> word("title", "de")
'ICP-Berichte'
"""

from __future__ import annotations

import html as _html
import math
import re
from typing import Any

from icplab.core.catalogue import messages as messages_of
from icplab.report import messages

# -- escaping: one helper per medium -------------------------------------------------------

_MD_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-!|~.:$])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def html_text(value: Any) -> str:
    """``value`` as inert HTML text (``<``, ``>``, ``&`` and quotes escaped).

    Examples
    --------
    >>> html_text('<script>alert("x")</script>')
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
    """
    return _html.escape(str(value), quote=True)


def md(value: Any) -> str:
    """``value`` as inert Markdown text (rendered to HTML by nbconvert / JupyterLab).

    HTML-escapes the text (raw HTML in Markdown is passed through by the renderers, so a
    tag must never survive), then backslash-escapes every Markdown special character, so
    ``*``, ``_``, ``|``, ``[x](javascript:...)`` and autolinks stay literal text. Line
    breaks become spaces (a label never starts a new block).

    Examples
    --------
    >>> md("[x](javascript:alert(1))")
    '\\\\[x\\\\]\\\\(javascript\\\\:alert\\\\(1\\\\)\\\\)'
    >>> md("a_b*c|d")
    'a\\\\_b\\\\*c\\\\|d'
    """
    text = _CONTROL.sub(" ", str(value)).replace("\n", " ").replace("\r", " ")
    # Markdown specials first, then the HTML characters (their entities must stay whole)
    return _html.escape(_MD_SPECIALS.sub(r"\\\1", text), quote=False)


#: Characters of a user label shown in a figure (tick labels, legends) and in a report
#: table cell; longer labels are cut with "…" (the full label stays in the JSON, the
#: spreadsheets and, for a table cell, its tooltip).
PLOT_LABEL_LIMIT = 40
TABLE_LABEL_LIMIT = 60
TITLE_LIMIT = 100


def short_label(value: Any, limit: int = TABLE_LABEL_LIMIT) -> str:
    """A user label for display: every run of white space (line breaks, tabs) becomes one
    space, and a label longer than ``limit`` is cut with "…".

    Examples
    --------
    >>> short_label("IT\\n# Heading\\n```")
    'IT # Heading ```'
    >>> short_label("Lang" + "x" * 100, limit=10)
    'Langxxxxx…'
    """
    s = " ".join(str(value).split())
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"


def plot_text(value: Any) -> str:
    """``value`` for a matplotlib label: ``$`` would start mathtext, so it is escaped.

    Examples
    --------
    >>> plot_text("$5 deal")
    '\\\\$5 deal'
    """
    return _CONTROL.sub(" ", str(value)).replace("$", r"\$")


def terminal(value: Any) -> str:
    """``value`` for a terminal: control characters (ANSI escapes, bells) removed.

    Examples
    --------
    >>> terminal("IT\\x1b[31m")
    'IT [31m'
    """
    return _CONTROL.sub(" ", str(value))


# -- numbers --------------------------------------------------------------------------------


def _missing(x: Any) -> bool:
    if x is None:
        return True
    try:
        return bool(isinstance(x, float) and math.isnan(x)) or x != x
    except (TypeError, ValueError):
        return False


def localise(text: str, language: str) -> str:
    """An English-formatted number with the language's signs (Babel's locale data)."""
    return messages.symbols(text, language)


def number(x: Any, language: str = "en", digits: int = 1) -> str:
    """A number with ``digits`` decimals and thousands separators.

    Examples
    --------
    >>> number(1234.56, "de", 2), number(1234.56, "en", 2)
    ('1.234,56', '1,234.56')
    """
    if _missing(x):
        return word("na", language)
    return messages.decimal(float(x), language, digits)


def integer(x: Any, language: str = "en") -> str:
    """A whole number with thousands separators (``3,275`` / ``3.275``)."""
    if _missing(x):
        return word("na", language)
    return messages.decimal(int(round(float(x))), language, 0)


def money(x: Any, language: str = "en", digits: int = 0) -> str:
    """An amount in EUR (``€1,580`` / ``1.580 €``), ``n/a`` when undefined.

    Examples
    --------
    >>> money(1580.2), money(1580.25, "de", 2), money(None, "de")
    ('€1,580', '1.580,25 €', 'k. A.')
    """
    if _missing(x):
        return word("na", language)
    return messages.money(float(x), language, digits)


def money_range(lo: Any, hi: Any, language: str = "en") -> str:
    """A range of amounts (``€120 – €480``); an unbounded upper end (NaN) reads ``open``
    (``offen``); ``""`` without a lower end.

    Examples
    --------
    >>> money_range(120.4, 480.0), money_range(0.0, float("nan"), "de")
    ('€120 – €480', '0 € – offen')
    """
    if _missing(lo):
        return ""
    top = word("open", language) if _missing(hi) else money(hi, language)
    return f"{money(lo, language)} \u2013 {top}"


def pct(x: Any, language: str = "en", digits: int = 1) -> str:
    """A rate as a percentage (``13.8 %`` / ``13,8 %``); ``n/a`` when undefined.

    Examples
    --------
    >>> pct(0.1234), pct(float("nan")), pct(0.15, "de", 0)
    ('12.3 %', 'n/a', '15 %')
    """
    if _missing(x):
        return word("na", language)
    return messages.percent(float(x), language, digits)


def pp(x: Any, language: str = "en", digits: int = 1) -> str:
    """A rate difference in percentage points, signed (``+1.6 pts`` / ``+1,6 Pkt.``)."""
    if _missing(x):
        return ""
    return localise(f"{100 * float(x):+.{digits}f}", language) + " " + word("pts", language)


def signed(x: Any, language: str = "en", digits: int = 1) -> str:
    """A signed number in percentage points without unit (``+1.6`` / ``+1,6``)."""
    if _missing(x):
        return ""
    return localise(f"{100 * float(x):+.{digits}f}", language)


def pvalue(p: Any, language: str = "en") -> str:
    """A p-value for prose: ``p = 0.004``, ``p < 0.001`` (German decimal comma)."""
    if _missing(p):
        return ""
    if p < 0.001:
        return "p < " + localise("0.001", language)
    return "p = " + localise(f"{p:.3f}" if p >= 0.01 else f"{p:.2g}", language)


def lift(x: Any, language: str = "en") -> str:
    """A relative change, signed (``+12 %`` / ``-8 %``)."""
    if _missing(x) or not math.isfinite(float(x)):
        return ""
    return localise(f"{100 * float(x):+.0f}", language) + " %"


def join(items: list[str], language: str = "en") -> str:
    """``a, b and c`` / ``a, b und c``."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word('and', language)} " + items[-1]


# -- words ------------------------------------------------------------------------------------
# The words and sentences live in the message catalogues (``icplab/core/catalogue/report_en.py``,
# ``report_de.py``; codes ``report.*``): adding a language is adding its catalogue modules.


def word(key: str, language: str = "en", **fmt: Any) -> str:
    """The text ``report.<key>`` of the catalogue of ``language``, formatted with ``fmt``.

    Examples
    --------
    >>> word("other_levels", "de", k=3)
    'übrige (3 Ausprägungen)'
    """
    text = messages_of(language)[f"report.{key}"]
    return text.format(**fmt) if fmt else text


def has_word(key: str) -> bool:
    """Whether the catalogues define ``report.<key>``."""
    return f"report.{key}" in messages_of("en")


def word_or(key: str, default: str, language: str = "en") -> str:
    """The text ``report.<key>`` in ``language``, or ``default`` when the catalogues lack it.

    Examples
    --------
    >>> word_or("stage.deal", "deal", "de"), word_or("stage.x", "x", "de")
    ('Abschluss', 'x')
    """
    return word(key, language) if has_word(key) else default


def verdict_word(verdict: str, language: str = "en", short: bool = False) -> str:
    """The verdict in words (``pass`` -> ``meets target`` / ``Ziel erreicht``); ``short``:
    the form of a figure's legend (``below target so far``, without the reason).

    Examples
    --------
    >>> verdict_word("so_far", "de", short=True), verdict_word("pass", "de")
    ('bisher unter dem Ziel', 'Ziel erreicht')
    """
    if short and has_word(f"verdict_short.{verdict}"):
        return word(f"verdict_short.{verdict}", language)
    return word_or(f"verdict.{verdict}", verdict, language)


def answer_word(kind: str, language: str = "en", level: str = "") -> str:
    """An A/B badge in words (``winner`` -> ``clear winner: du``); ``level`` is not escaped."""
    return word_or(f"answer.{kind}", kind, language).replace("{level}", level)


def column_word(column: str, language: str = "en") -> str:
    """A column name in words (``size_band`` -> ``company size``)."""
    return word_or(f"column.{column}", column.replace("_", " "), language)


def metric_word(name: str, title: str, language: str = "en") -> str:
    """A metric's name in ``language``: the catalogue's word for a default metric whose label
    was not changed, else the configured label.

    Examples
    --------
    >>> metric_word("reply_rate", "Reply rate", "de"), metric_word("x", "X rate", "de")
    ('Antwortquote', 'X rate')
    """
    key = f"metric.{name}"
    if has_word(key) and title == word(key, "en"):
        return word(key, language)
    return title


def change_lines(description: str, language: str = "en") -> str:
    """The metric lock's description of a change (English, from :mod:`icplab.icp.lock`) for
    a page in ``language``: whole in English; in another language only its list of changed
    values (``- reply_rate.target: 0.15 -> 0.1``), which names keys and numbers, not words
    (the page says the rest in its own language).

    Examples
    --------
    >>> d = "The metrics changed (x):\\n  - reply_rate.target: 0.15 -> 0.1\\nAccept it."
    >>> change_lines(d, "de")
    '- reply_rate.target: 0,15 -> 0,1'
    """
    if language == "en":
        return description
    items = [line.strip() for line in description.splitlines() if line.strip().startswith("- ")]
    return "\n".join(
        re.sub(r"\d+\.\d+", lambda m: localise(m.group(0), language), i) for i in items
    )


def in_sentence(title: str, language: str = "en") -> str:
    """A metric's title inside a sentence: with a small first letter where the language
    writes it so (``report.lowercase_in_sentence``: English ``Reply rate`` -> ``reply
    rate``; German nouns keep theirs), unless the title starts with an acronym (``ICP``).

    Examples
    --------
    >>> in_sentence("Reply rate"), in_sentence("ICP rate"), in_sentence("Antwortquote", "de")
    ('reply rate', 'ICP rate', 'Antwortquote')
    """
    if word("lowercase_in_sentence", language) == "yes" and title[1:2].islower():
        return title[0].lower() + title[1:]
    return title


def count_word(column: str, language: str = "en") -> str:
    """A count column in words (``qualified`` -> ``qualified leads``)."""
    key = f"{column}_words"
    return word(key, language) if has_word(key) else column.replace("_", " ")


def bases_text(used: list[tuple[Any, str]], language: str = "en") -> str:
    """The denominator each metric actually used, in words (CONTRACT section 2), with a
    sentence for every metric that fell back (deal_rate on meetings without ``qualified``).

    ``used``: ``(metric, denominator column)`` pairs (a :class:`icplab.core.metrics.Metric`).

    Examples
    --------
    >>> from icplab.core.metrics import DEFAULT_METRICS as M
    >>> print(bases_text([(M["reply_rate"], "contacted"), (M["deal_rate"], "meeting")]))
    Base of each rate: Reply rate = replies / contacted prospects; Deal rate = deals / meetings. The log has no column 'qualified', so Deal rate falls back to meetings as its base.
    """
    if not used:
        return ""
    items = "; ".join(
        f"{md(metric_word(m.name, m.title, language))} = {count_word(m.numerator, language)}"
        f" / {count_word(den, language)}"
        for m, den in used
    )
    out = word("metric_bases", language, items=items)
    for m, den in used:
        if den and den != m.denominator:
            out += word(
                "ab_fallback",
                language,
                wanted=md(m.denominator),
                metric=md(metric_word(m.name, m.title, language)),
                den=count_word(den, language),
            )
    return out


def date(value: Any, language: str = "en") -> str:
    """A date as ``12 Jan 2026`` / ``12.01.2026``."""
    return messages.day(value, language)


def judged_date(value: Any, language: str = "en") -> str:
    """The date a report is judged as of, or an end of the period judged: ``2026-09-30``
    in English (as the JSON and the CLI write it), ``30.09.2026`` in German (the
    catalogue's pattern ``report.date_pattern.judged``).

    Examples
    --------
    >>> from datetime import date as day
    >>> judged_date(day(2026, 9, 30)), judged_date(day(2026, 9, 30), "de")
    ('2026-09-30', '30.09.2026')
    """
    return messages.day(value, language, word("date_pattern.judged", language))


def recommendation_lines(recs: list[dict[str, Any]], language: str = "en") -> list[str]:
    """One plain line per refinement cell where a variant is clearly better (Markdown-safe).

    Examples
    --------
    >>> line, = recommendation_lines([{"cell": {"industry": "IT", "size_band": "50-199"},
    ...     "best": "du", "other": "sie", "best_rate": 0.287, "other_rate": 0.165,
    ...     "diff": 0.122, "diff_ci_low": 0.074, "diff_ci_high": 0.169, "significant": True}],
    ...     "de")
    >>> print(line)
    IT 50\\-199: du (28,7 % gegen 16,5 % mit sie; +12,2 Prozentpunkte, plausibel +7,4 bis +16,9)
    """
    by_cell: dict[tuple, list[dict[str, Any]]] = {}
    for r in recs:
        if r.get("significant"):
            by_cell.setdefault(tuple(r["cell"].values()), []).append(r)
    lines = []
    for cell, rs in by_cell.items():
        best = " + ".join(md(r["best"]) for r in rs)
        ev = "; ".join(
            word(
                "refine_reco",
                language,
                best_rate=pct(r["best_rate"], language),
                other_rate=pct(r["other_rate"], language),
                other=md(r["other"]),
                diff=signed(r["diff"], language),
                lo=signed(r["diff_ci_low"], language),
                hi=signed(r["diff_ci_high"], language),
            )
            for r in rs
        )
        lines.append(f"{' '.join(md(c) for c in cell)}: {best} ({ev})")
    return lines


def note(text: str, language: str = "en") -> str:
    """A note of the statistics layers in ``language``, from the message catalogue.

    Notes are :class:`icplab.core.notes.Note` objects (a code and its parameters); any
    other text is shown as it is (no translation of prose).

    Examples
    --------
    >>> from icplab.core.notes import Note
    >>> note(Note("compare.fisher", levels=("Handel",)), "de")
    'Exakter Fisher-Test für Handel (kleine Zahlen).'
    """
    return messages.render(text, language)
