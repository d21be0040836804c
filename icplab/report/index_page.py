"""``reports/index.html``: one page listing every report of the last run.

Built from the reports' JSON summaries (never by scraping their HTML): name, title, verdict,
key figure, a link, the run time; failed reports with their error message (scrubbed of
anything that looks like personal data) and a link to the last good version when there is
one. A metric change is shown on top, old and new values. Self-contained: inline CSS, no
scripts, nothing loaded from other hosts, and a Content-Security-Policy that enforces it.
The page is a Jinja2 template with autoescape (``templates/index_page/index.html.j2``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template
from markupsafe import Markup

from icplab.core.catalogue import LANGUAGES
from icplab.core.files import atomic_write_text
from icplab.report import text
from icplab.report.export import CSP_META, TEMPLATES_DIR
from icplab.report.notebook_kit import answer_badge, badge
from icplab.report.outcome import ReportResult, RunSummary
from icplab.report.summary import ReportSummary, load_previous_summary

_CSS = """
body { overflow-wrap: break-word; font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "DejaVu Sans",
       sans-serif; color: #1f2933; background: #fafbfc; margin: 0; font-size: 17px;
       line-height: 1.5; }
main { max-width: 1100px; margin: 0 auto; padding: 32px 40px 64px; background: #fff;
       box-shadow: 0 0 0 1px #e4e7eb; min-height: 100vh; }
h1 { font-size: 2em; margin: 0 0 4px; }
.sub { color: #52606d; margin: 0 0 24px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 10px 12px; border-bottom: 1px solid #e4e7eb;
         vertical-align: top; }
th { background: #f5f7fa; font-size: 0.9em; text-transform: uppercase; letter-spacing: .04em;
     color: #52606d; }
td.num { white-space: nowrap; color: #52606d; }
a { color: #0b5cad; }
.name { font-size: 0.85em; color: #52606d; font-family: ui-monospace, "DejaVu Sans Mono",
        monospace; }
.error { color: #7b1f1f; font-family: ui-monospace, "DejaVu Sans Mono", monospace;
         font-size: 0.85em; white-space: pre-wrap; word-break: break-word; }
.icp-verdict { font-weight: 700; padding: 2px 8px; border-radius: 4px; white-space: nowrap; }
.icp-pass { color: #fff; background: #00745a; }
.icp-fail { color: #fff; background: #b34700; }
.icp-inconclusive { color: #000; background: #f6c75a; }
.icp-so_far, .icp-below_target_so_far { color: #000; background: #fbd5c0;
    border: 1px dashed #b34700; }
.icp-info { color: #000; background: #d6e4f0; }
.icp-failed { color: #fff; background: #7b1f1f; }
.icp-answer-winner { color: #fff; background: #00745a; }
.icp-answer-differences { color: #000; background: #d6e4f0; }
.icp-answer-no_difference { color: #000; background: #e4e7eb; }
.icp-answer-nothing_to_compare { color: #000; background: #e4e7eb; }
.icp-answer-differs_by_segment { color: #000; background: #f6c75a; }
.family { color: #52606d; margin: 0 0 20px; }
.warning { border-left: 6px solid #b34700; background: #fff3e8; padding: 12px 16px;
           margin: 0 0 20px; font-weight: 600; white-space: pre-wrap; }
.ok { border-left: 6px solid #00745a; background: #eaf6f1; padding: 12px 16px;
      margin: 0 0 20px; }
tr.earlier td { opacity: 0.75; }
.legend { color: #52606d; font-size: 0.92em; margin-top: 24px; }
"""


def _when(iso: str, lang: str = "en") -> str:
    """``2026-05-01T10:00:00Z`` -> ``2026-05-01 10:00 UTC`` (German: ``01.05.2026 10:00 UTC``)."""
    if len(iso) < 16:
        return iso
    return _run_time(lang, iso[0:4], iso[5:7], iso[8:10], iso[11:13], iso[14:16]) + " UTC"


def _run_time(lang: str, year: str, month: str, day: str, hour: str, minute: str) -> str:
    """A run's date and time by the catalogue's ``report.run_time`` (``2026-05-01 10:00`` /
    ``01.05.2026 10:00``)."""
    return text.word("run_time", lang, year=year, month=month, day=day, hour=hour, minute=minute)


def _rel(path: Path, start: Path) -> str:
    return Path(os.path.relpath(path, start)).as_posix()


def summary_badge(s: ReportSummary, language: str = "en") -> str:
    """The badge of a report: its answer (A/B reports) or its target verdict.

    Examples
    --------
    >>> s = ReportSummary("ab", "A/B", "info", "du wins", answer="winner", answer_level="du")
    >>> summary_badge(s)
    '<span class="icp-verdict icp-answer-winner">✓ clear winner: du</span>'
    """
    if s.answer:
        return answer_badge(s.answer, s.answer_level, language)
    return badge(s.verdict, language)


def _row(res: ReportResult, reports_dir: Path, lang: str) -> dict[str, Any]:
    """One report of this run, as the template's row."""
    secs = f"{text.number(res.seconds, lang, 1)} s"
    if res.ok and res.summary is not None and res.html is not None:
        s = res.summary
        return {
            "kind": "ok",
            "href": _rel(res.html, reports_dir),
            "title": s.title,
            "name": res.name,
            "badge": Markup(summary_badge(s, lang)),
            "key_figure": s.key_figure,
            "secs": secs,
            "when": _when(s.generated_at, lang),
        }
    links = []
    if res.html is not None:
        links.append(
            {
                "href": _rel(res.html, reports_dir),
                "text": text.word("failed_run", lang),
                "after": "",
            }
        )
    prev = load_previous_summary(reports_dir, res.name)
    if prev is not None and (reports_dir / f"{res.name}.html").exists():
        links.append(
            {
                "href": f"{res.name}.html",
                "text": text.word("last_good", lang),
                "after": f"{_when(prev.generated_at, lang)}: {prev.key_figure}",
            }
        )
    return {
        "kind": "failed",
        "name": res.name,
        "notebook": Path(res.notebook).name,
        "badge": Markup(badge("failed", lang)),
        "error": text.note(res.error, lang),
        "links": links,
        "no_output": text.word("no_output", lang),
        "secs": secs,
    }


def _earlier_row(name: str, reports_dir: Path, lang: str) -> dict[str, Any] | None:
    """A report of the plan that this run left out (``--only``): its last good version."""
    s = load_previous_summary(reports_dir, name)
    if s is None or not (reports_dir / f"{name}.html").exists():
        return None
    return {
        "kind": "earlier",
        "href": f"{name}.html",
        "title": s.title,
        "name": name,
        "badge": Markup(summary_badge(s, lang)),
        "key_figure": s.key_figure,
        "not_run": text.word("not_run", lang),
        "when": _when(s.generated_at, lang),
    }


def _family_text(summary: RunSummary, lang: str) -> str:
    if not summary.comparison_reports:
        return ""
    from icplab.stats.multiplicity import METHOD_NAMES

    method = METHOD_NAMES.get(summary.correction, summary.correction)
    scope = text.word(
        "scope_run" if summary.correction_scope == "run" else "scope_table", lang, method=method
    )
    return text.word(
        "comparisons",
        lang,
        m=text.integer(summary.comparisons, lang),
        reports=text.integer(summary.comparison_reports, lang),
        scope=scope,
    )


def _data_line(data: Mapping[str, Any] | None, lang: str) -> str:
    """What the run judged, as of when, on how many contacts (from the run's data record).

    Examples
    --------
    >>> print(_data_line({"file": "/ws/data/log.csv", "modified": "2026-09-30T07:05:00+00:00",
    ...                   "rows": 15000, "as_of": "2026-09-30"}, "de"))
    Alle Berichte lasen dieselben Daten: log.csv (geändert 30.09.2026 07:05 UTC, 15.000 Kontakte), bewertet zum 30.09.2026.
    """
    if not data or "file" not in data:
        return ""
    modified = str(data.get("modified", ""))
    day, clock = modified[:10], modified[11:16]
    return text.word(
        "data_line",
        lang,
        file=Path(str(data["file"])).name,
        modified=f"{text.date(day, lang) if day else ''} {clock}".strip(),
        rows=text.integer(int(data.get("rows", 0)), lang),
        as_of=text.date(str(data.get("as_of", day)), lang),
    )


@cache
def _template() -> Template:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR / "index_page"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    return env.get_template("index.html.j2")


def index_html(summary: RunSummary, reports_dir: Path, plan_names: Sequence[str] = ()) -> str:
    """The HTML of the index page for ``summary`` (links relative to ``reports_dir``).

    Rendered from the Jinja2 template ``templates/index_page/index.html.j2`` with
    autoescape, so every label, title, key figure and error is inert text. Reports of
    ``plan_names`` that were not part of this run (``icplab run --only``) are listed with
    their last published summary; the page is in the run's language either way.
    """
    lang = summary.language if summary.language in LANGUAGES else "en"
    r = summary.run_id
    when = _run_time(lang, r[0:4], r[4:6], r[6:8], r[9:11], r[11:13])
    n = len(summary.results)
    k = len(summary.failed)
    warnings = []
    if summary.metric_change:
        verdict = text.word("accepted" if summary.metric_change_accepted else "not_accepted", lang)
        warnings.append(
            f"\u26a0 {text.word('metric_change', lang)}\n"
            f"{text.change_lines(text.note(summary.metric_change, lang), lang)}\n{verdict}"
        )
    elif summary.lock_error:
        warnings.append(f"\u26a0 {text.note(summary.lock_error, lang)}")
    if k:
        warnings.append(text.word("some_failed", lang, k=k, n=n))
    ran = {r.name: r for r in summary.results}
    order = list(plan_names) + [n for n in ran if n not in plan_names]
    rows = [
        _row(ran[n], reports_dir, lang) if n in ran else _earlier_row(n, reports_dir, lang)
        for n in order
    ]
    return _template().render(
        lang=lang,
        csp_meta=Markup(CSP_META),
        css=Markup(_CSS),
        title=text.word("title", lang),
        ran=text.word("ran", lang, when=when, n=n, secs=text.integer(summary.seconds, lang)),
        data_line=_data_line(summary.data, lang),
        warnings=warnings,
        all_ok=text.word("all_ok", lang) if n and not k else "",
        family=_family_text(summary, lang),
        columns=[text.word(c, lang) for c in ("col_report", "col_verdict", "col_key", "col_time")],
        rows=[row for row in rows if row is not None],
        legend=text.word("legend", lang),
    )


def write_index(summary: RunSummary, reports_dir: Path, plan_names: Sequence[str] = ()) -> Path:
    """Write ``reports_dir/index.html`` atomically and return its path."""
    return atomic_write_text(
        reports_dir / "index.html", index_html(summary, reports_dir, plan_names)
    )
