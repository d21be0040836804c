"""``reports/index.html``: one page listing every report of the last run.

Built from the reports' JSON summaries (never by scraping their HTML): name, title, verdict,
key figure, a link, the run time; failed reports with their error message (scrubbed of
anything that looks like personal data) and a link to the last good version when there is
one. A metric change is shown on top, old and new values. Self-contained: inline CSS, no
scripts, nothing loaded from other hosts.
"""

from __future__ import annotations

import html
import os
from collections.abc import Sequence
from pathlib import Path

from icplab.core.files import atomic_write_text
from icplab.report.notebook_kit import badge
from icplab.report.outcome import ReportResult, RunSummary
from icplab.report.summary import load_previous_summary

_CSS = """
body { font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "DejaVu Sans",
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
.icp-info { color: #000; background: #d6e4f0; }
.icp-failed { color: #fff; background: #7b1f1f; }
.warning { border-left: 6px solid #b34700; background: #fff3e8; padding: 12px 16px;
           margin: 0 0 20px; font-weight: 600; white-space: pre-wrap; }
.ok { border-left: 6px solid #00745a; background: #eaf6f1; padding: 12px 16px;
      margin: 0 0 20px; }
tr.earlier td { opacity: 0.75; }
.legend { color: #52606d; font-size: 0.92em; margin-top: 24px; }
"""

_TEXT = {
    "title": "ICP reports",
    "ran": "Last run {when} UTC, {n} reports in {secs:.0f} s.",
    "all_ok": "All reports finished.",
    "some_failed": "{k} of {n} reports failed; their last good version (if any) is still linked.",
    "metric_change": "The success metrics changed since they were locked:",
    "not_accepted": "The change is not accepted, so this run counts as failed. If the change "
    "is intended, run: icplab run --accept-metric-change",
    "accepted": "The change was accepted for this run and is now the locked definition.",
    "legend": "Verdicts judge each rate against its target from its 95 % range of plausible "
    "values: meets target = even the low end reaches the target; misses target = even the "
    "high end stays below; not yet clear = more contacts are needed.",
}


def _when(iso: str) -> str:
    """``2026-05-01T10:00:00Z`` -> ``2026-05-01 10:00 UTC``."""
    return iso[:16].replace("T", " ") + " UTC" if len(iso) >= 16 else iso


def _rel(path: Path, start: Path) -> str:
    return Path(os.path.relpath(path, start)).as_posix()


def _row(res: ReportResult, reports_dir: Path) -> str:
    secs = f"{res.seconds:.1f} s"
    if res.ok and res.summary is not None:
        s = res.summary
        link = f'<a href="{html.escape(_rel(res.html, reports_dir))}">{html.escape(s.title)}</a>'
        return (
            f"<tr><td>{link}<div class='name'>{html.escape(res.name)}</div></td>"
            f"<td>{badge(s.verdict)}</td><td>{html.escape(s.key_figure)}</td>"
            f"<td class='num'>{secs}<br>{html.escape(_when(s.generated_at))}</td></tr>"
        )
    parts = []
    if res.html is not None:
        parts.append(
            f'<a href="{html.escape(_rel(res.html, reports_dir))}">failed run (with the error)</a>'
        )
    prev = load_previous_summary(reports_dir, res.name)
    if prev is not None and (reports_dir / f"{res.name}.html").exists():
        parts.append(
            f'<a href="{html.escape(res.name)}.html">last good report</a> '
            f"({html.escape(_when(prev.generated_at))}: {html.escape(prev.key_figure)})"
        )
    links = "<br>".join(parts) or "no output"
    return (
        f"<tr><td><strong>{html.escape(res.name)}</strong><div class='name'>"
        f"{html.escape(Path(res.notebook).name)}</div></td>"
        f"<td>{badge('failed')}</td><td><div class='error'>{html.escape(res.error)}</div>"
        f"{links}</td><td class='num'>{secs}</td></tr>"
    )


def _earlier_row(name: str, reports_dir: Path) -> str:
    s = load_previous_summary(reports_dir, name)
    if s is None or not (reports_dir / f"{name}.html").exists():
        return ""
    return (
        f"<tr class='earlier'><td><a href=\"{html.escape(name)}.html\">{html.escape(s.title)}</a>"
        f"<div class='name'>{html.escape(name)}</div></td>"
        f"<td>{badge(s.verdict)}</td><td>{html.escape(s.key_figure)}</td>"
        f"<td class='num'>not run this time<br>{html.escape(_when(s.generated_at))}</td></tr>"
    )


def index_html(summary: RunSummary, reports_dir: Path, plan_names: Sequence[str] = ()) -> str:
    """The HTML of the index page for ``summary`` (links relative to ``reports_dir``).

    Reports of ``plan_names`` that were not part of this run (``icplab run --only``) are
    listed with their last published summary.
    """
    r = summary.run_id
    when = f"{r[0:4]}-{r[4:6]}-{r[6:8]} {r[9:11]}:{r[11:13]}"
    n = len(summary.results)
    k = len(summary.failed)
    head = [
        f"<h1>{_TEXT['title']}</h1>",
        f"<p class='sub'>{_TEXT['ran'].format(when=when, n=n, secs=summary.seconds)}</p>",
    ]
    if summary.metric_change:
        verdict = _TEXT["accepted"] if summary.metric_change_accepted else _TEXT["not_accepted"]
        head.append(
            f"<div class='warning'>\u26a0 {_TEXT['metric_change']}\n"
            f"{html.escape(summary.metric_change)}\n{verdict}</div>"
        )
    elif summary.lock_error:
        head.append(f"<div class='warning'>\u26a0 {html.escape(summary.lock_error)}</div>")
    if k:
        head.append(f"<div class='warning'>{_TEXT['some_failed'].format(k=k, n=n)}</div>")
    elif n:
        head.append(f"<div class='ok'>{_TEXT['all_ok']}</div>")
    ran = {r.name: r for r in summary.results}
    order = list(plan_names) + [n for n in ran if n not in plan_names]
    rows = "\n".join(
        _row(ran[n], reports_dir) if n in ran else _earlier_row(n, reports_dir) for n in order
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="generator" content="icplab">
<title>{_TEXT["title"]}</title>
<style>{_CSS}</style>
</head>
<body>
<main>
{"".join(head)}
<table>
<thead><tr><th>Report</th><th>Verdict</th><th>Key figure</th><th>Run time</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
<p class="legend">{_TEXT["legend"]}</p>
</main>
</body>
</html>
"""


def write_index(summary: RunSummary, reports_dir: Path, plan_names: Sequence[str] = ()) -> Path:
    """Write ``reports_dir/index.html`` atomically and return its path."""
    return atomic_write_text(
        reports_dir / "index.html", index_html(summary, reports_dir, plan_names)
    )
