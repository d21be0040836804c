"""Plain-text tables for the statistics commands (compare, check, size, lock)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from icplab.icp.compare import ComparisonResult
from icplab.icp.verdicts import CheckResult

if TYPE_CHECKING:
    import pandas as pd

VERDICT_WORDS = {
    "pass": "PASS",
    "fail": "FAIL",
    "inconclusive": "not settled yet",
    "untested": "untested (contacts still maturing)",
}


def top_lines(payload: Mapping[str, Any]) -> list[str]:
    """What a reader must see first: no send dates, late successes, a too-old ``as_of``.

    Examples
    --------
    >>> top_lines({"maturity": "unknown", "late_successes": "excluded", "after_as_of": 0})
    ['NOTE: no send dates (sent_at): whether recent contacts have had time to reply cannot be checked; a result below target is below target so far, not final.']
    """
    out = []
    if payload.get("maturity") == "unknown":
        out.append(
            "NOTE: no send dates (sent_at): whether recent contacts have had time to reply "
            "cannot be checked; a result below target is below target so far, not final."
        )
    if payload.get("after_as_of"):
        out.append(
            f"WARNING: as_of is older than the newest contact: {payload['after_as_of']} "
            "contacts sent after it are left out."
        )
    return out


def as_of_line(as_of: Any, maturing: int, sequential: bool, maturity: str = "checked") -> str:
    """The closing line of every text output: the judging date, maturing contacts, mode.

    Examples
    --------
    >>> from datetime import date
    >>> as_of_line(date(2026, 9, 30), 0, False)
    'As of 2026-09-30; every contact is mature (counted). Fixed-horizon: valid for one look; use --sequential to re-check as data comes in.'
    >>> as_of_line(date(2026, 9, 30), 12, True)  # doctest: +NORMALIZE_WHITESPACE
    'As of 2026-09-30; 12 contacts are still maturing (not counted yet). Always-valid
    bounds: safe to look at every day.'
    """
    day = as_of.isoformat() if as_of is not None else "today"
    if maturity == "unknown":
        state = "no send dates, so maturity cannot be checked (every contact counted)."
    elif maturity == "off":
        state = "maturity windows are off (every contact counted)."
    elif maturing:
        state = f"{maturing} contacts are still maturing (not counted yet)."
    else:
        state = "every contact is mature (counted)."
    text = f"As of {day}; {state}"
    if sequential:
        text += " Always-valid bounds: safe to look at every day."
    else:
        text += " Fixed-horizon: valid for one look; use --sequential to re-check as data comes in."
    return text


def pct(x: Any, digits: int = 1) -> str:
    """``0.1234`` -> ``12.3 %``; empty for missing values."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    return f"{100 * float(x):.{digits}f} %"


def eur(x: Any, sign: bool = False) -> str:
    """``1234.5`` -> ``EUR 1,234``; empty for missing values (an unbounded end: ``open``)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    s = "+" if sign and x >= 0 else "-" if x < 0 else ""
    return f"{s}EUR {abs(float(x)):,.0f}"


def pp(x: Any) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    return f"{100 * float(x):+.1f} pp"


def pval(x: Any) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    return "<0.001" if x < 0.001 else f"{x:.3f}"


def render(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool]) -> str:
    """A plain-text table with aligned columns."""
    widths = [
        max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)
    ]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c.rjust(w) if r else c.ljust(w) for c, w, r in zip(cells, widths, right, strict=True)
        ).rstrip()

    out = [line(headers), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in rows]
    return "\n".join(out)


def comparison_text(result: ComparisonResult, where: str = "") -> str:
    """The comparison as a readable table with a one-line summary on top."""
    parts: list[str] = []
    if result.srm is not None and result.srm.mismatch:
        bar = "!" * 78
        parts += [bar, "WARNING: " + result.srm.note, bar, ""]
    label = result.label or result.metric
    title = f"{label.capitalize()} by {result.by}" + (f" ({where})" if where else "")
    parts += top_lines(result.to_dict())
    parts += [title, "", result.summary(), ""]
    headers = [
        "level",
        "n",
        "rate",
        "95 % CI",
        "diff",
        "95 % CI of diff",
        "p",
        "p adj.",
        "P(beats)",
        "result",
    ]
    rows = []
    mean = result.kind == "mean"  # a value metric: EUR, not percentages
    fmt = eur if mean else pct
    for r in result.table.to_dict("records"):
        ci = f"[{fmt(r['ci_low'])}, {fmt(r['ci_high'])}]" if not _nan(r["rate"]) else "-"
        if mean:
            r["successes"] = f"{r['successes']:,.0f}"
        if r["is_baseline"]:
            rows.append(
                [
                    f"{r['level']} (baseline)",
                    f"{r['successes']}/{r['n']}",
                    fmt(r["rate"]),
                    ci,
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                ]
            )
            continue
        dci = _points_range(r)
        if mean and not _nan(r["diff_ci_low"]):
            dci = f"[{eur(r['diff_ci_low'], True)}, {eur(r['diff_ci_high'], True)}]"
        sig = r["significant"]
        mark = "significant" if sig is True else ("" if sig is None or sig is False else "")
        if r["test"] == "fisher":
            mark = (mark + " (Fisher)").strip()
        rows.append(
            [
                str(r["level"]),
                f"{r['successes']}/{r['n']}",
                fmt(r["rate"]),
                ci,
                eur(r["diff"], True) if mean else pp(r["diff"]),
                dci,
                pval(r["p_value"]),
                pval(r["p_adjusted"]),
                pct(r["prob_beats_baseline"]) if not _nan(r["prob_beats_baseline"]) else "-",
                mark,
            ]
        )
    parts.append(
        render(headers, rows, [False, True, True, True, True, True, True, True, True, False])
    )
    corr = {"holm": "Holm", "bh": "Benjamini-Hochberg", "none": "no"}[result.correction]
    parts.append("")
    denom = f"the {result.metric} denominator"
    if result.denominator:
        denom = f"{result.denominator} ({denom})"
    parts.append(
        f"n = {denom}; p: "
        + (
            "always-valid sequential"
            if result.sequential
            else "Welch t-test"
            if mean
            else "pooled z-test (Fisher on small counts)"
        )
        + f"; p adj.: {corr} correction; significant when p adj. < {result.alpha:g}."
    )
    notes = [n for n in result.notes if not (result.srm is not None and n == result.srm.note)]
    if result.srm is not None and result.srm.checked and not result.srm.mismatch:
        notes.append(result.srm.note)
    parts += [f"Note: {n}" for n in notes]
    if result.within is not None:
        parts += ["", within_text(result)]
    parts.append(
        as_of_line(result.as_of, result.maturing, result.sequential, result.to_dict()["maturity"])
    )
    return "\n".join(parts)


def within_text(result: ComparisonResult) -> str:
    """The per-segment comparisons and the interaction test of ``compare --within``."""
    w = result.within
    p = w.test.p_value
    parts = [f"Within {w.by}: does the effect of {result.by} differ across {w.by}?"]
    add = w.additive
    if add is None or math.isnan(add.p_value):
        parts.append("Test on differences in points: not possible here (see the notes).")
    else:
        verdict = (
            "yes, the difference in points differs by segment: read the segments, not the "
            "overall winner"
            if w.differs
            else "no clear sign that the difference in points differs"
        )
        parts.append(
            f"Differences in points (Wald test of equal differences): chi2 = "
            f"{add.statistic:.2f}, df = {add.df}, p = {pval(add.p_value)}: {verdict}."
        )
    if not math.isnan(p):
        parts.append(
            f"On the log-odds scale (likelihood ratio, binomial GLM {result.by} * {w.by} vs "
            f"{result.by} + {w.by}): chi2 = {w.test.statistic:.2f}, df = {w.df}, "
            f"p = {pval(p)} (a uniform lift in points can differ here when base rates differ)."
        )
    headers = ["segment", "level", "n", "rate", "diff", "95 % CI of diff", "p adj.", "result"]
    rows = []
    for seg in w.segments:
        if seg.result is None:
            rows.append([seg.level, "-", str(seg.contacts), "-", "-", "-", "-", seg.note])
            continue
        for r in seg.result.table.to_dict("records"):
            if r["is_baseline"]:
                rows.append(
                    [
                        seg.level,
                        f"{r['level']} (baseline)",
                        f"{r['successes']}/{r['n']}",
                        pct(r["rate"]),
                        "",
                        "",
                        "",
                        "",
                    ]
                )
                continue
            dci = _points_range(r)
            rows.append(
                [
                    seg.level,
                    str(r["level"]),
                    f"{r['successes']}/{r['n']}",
                    pct(r["rate"]),
                    pp(r["diff"]),
                    dci,
                    pval(r["p_adjusted"]),
                    "significant" if r["significant"] is True else "",
                ]
            )
    parts += ["", render(headers, rows, [False, False, True, True, True, True, True, False])]
    parts += [f"Note: {n}" for n in w.notes]
    parts += [f"Note ({s.level}): {s.note}" for s in w.segments if s.note and s.result]
    return "\n".join(parts)


def within_frame(result: ComparisonResult) -> pd.DataFrame:
    """One table for ``compare --within``: a ``within`` and a ``segment`` column first; the
    overall comparison has an empty segment, then the rows of every segment follow."""
    import pandas as pd

    w = result.within
    frames = [result.to_frame().assign(within=w.by, segment="")]
    frames += [
        s.result.to_frame().assign(within=w.by, segment=s.level) for s in w.segments if s.result
    ]
    t = pd.concat(frames, ignore_index=True)
    return t[["within", "segment"] + [c for c in t.columns if c not in ("within", "segment")]]


def check_text(result: CheckResult) -> str:
    """A thesis check as a readable table with the verdict on top."""
    head = f"Thesis '{result.thesis}'" if result.thesis != "segment" else "Segment"
    parts = top_lines(result.to_dict())
    parts += [f"{head}: {VERDICT_WORDS[result.verdict]}  ({result.n} contacts)"]
    if result.statement:
        parts.append(f'  "{result.statement}"')
    parts.append("")
    rows = []
    for m in result.metrics:
        more_txt = settle_text(m.more_contacts_needed, m.more_contacts_high, m.verdict)
        if m.below_target_so_far:
            more_txt = "below target so far"
        fmt = eur if getattr(m, "kind", "rate") == "mean" else pct
        rows.append(
            [
                m.label or m.metric,
                f"{m.successes:,.0f}/{m.n}" if fmt is eur else f"{m.successes}/{m.n}",
                getattr(m, "denominator", "") or "-",
                fmt(m.rate),
                f"[{fmt(m.ci_low)}, {fmt(m.ci_high)}]",
                f">= {eur(m.target) if fmt is eur else pct(m.target, 0)}",
                VERDICT_WORDS[m.verdict],
                more_txt,
            ]
        )
    if rows:
        parts.append(
            render(
                [
                    "metric",
                    "n",
                    "of",
                    "rate",
                    "95 % CS" if result.inference == "sequential" else "95 % CI",
                    "target",
                    "verdict",
                    "to settle",
                ],
                rows,
                [False, True, False, True, True, True, False, False],
            )
        )
    parts += [f"Note: {n}" for n in result.notes]
    if result.since is not None:
        parts.append(f"Judged on contacts sent on or after {result.since.isoformat()} (since).")
    parts.append(
        as_of_line(result.as_of, result.maturing, result.inference == "sequential", result.maturity)
    )
    return "\n".join(parts)


def settle_text(low: float, high: float, verdict: str) -> str:
    """The "to settle" cell: a range that does not promise.

    Examples
    --------
    >>> settle_text(300.0, 1200.0, "inconclusive")
    "~300 to 1,200 more, if the rate stays near today's"
    >>> settle_text(float("nan"), float("nan"), "inconclusive"), settle_text(0.0, 0.0, "pass")
    ('unknown', '-')
    """
    if verdict != "inconclusive":
        return "-"
    if _nan(low):
        return "unknown"
    if _nan(high) or high <= low:
        return f"~{int(low):,} more, if the rate stays near today's"
    return f"~{int(low):,} to {int(high):,} more, if the rate stays near today's"


def _points_range(row: Mapping[str, Any]) -> str:
    """A row's difference interval in percentage points, ``[-3.2, +0.3]`` (``-`` if none)."""
    if _nan(row["diff_ci_low"]):
        return "-"
    return f"[{100 * row['diff_ci_low']:+.1f}, {100 * row['diff_ci_high']:+.1f}]"


def _nan(x: Any) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))
