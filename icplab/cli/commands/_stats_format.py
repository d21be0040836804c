"""Plain-text tables of the statistics commands (compare, check; the top and closing lines
every judging command shares), written through the terminal voice
(:mod:`icplab.cli.terminal`) in the terminal language."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from icplab.cli.terminal import (
    count,
    day,
    eur,
    headers,
    language,
    metric,
    note_lines,
    num,
    pct,
    pp,
    pval,
    say,
    show,
    table,
    word,
)
from icplab.icp.compare import ComparisonResult
from icplab.icp.disclosure import undated_of
from icplab.icp.verdicts import CheckResult

if TYPE_CHECKING:
    import pandas as pd


def verdict_word(verdict: str) -> str:
    """``PASS``, ``FAIL``, ``not settled yet``, ``untested (...)`` in the terminal language."""
    return say(f"cli.verdict.{verdict}")


def top_lines(payload: Mapping[str, Any]) -> list[str]:
    """What a reader must see first: no send dates, late successes, a too-old ``as_of``.

    Examples
    --------
    >>> top_lines({"maturity": "unknown", "late_successes": "excluded", "after_as_of": 0})
    ['NOTE: no send dates (sent_at): whether recent contacts have had time to reply cannot be checked; a result below target is below target so far, not final.']
    """
    out = []
    if payload.get("maturity") == "unknown":
        out.append(say("cli.top.no_send_dates"))
    if payload.get("after_as_of"):
        out.append(say("cli.top.after_as_of", left=int(payload["after_as_of"])))
    return out


def as_of_line(
    as_of: Any,
    maturing: int,
    sequential: bool | None,
    maturity: str = "checked",
    undated: int = 0,
) -> str:
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
    if maturity == "unknown":
        state = say("cli.as_of.unknown")
    elif maturity == "off":
        state = say("cli.as_of.off")
    elif maturing:
        state = say("cli.as_of.maturing", maturing=maturing)
    elif undated:  # contacts without a send date: their maturity is not known
        state = say("disclosure.as_of_undated", undated=undated)
    else:
        state = say("cli.as_of.mature")
    # None: an output without a choice of inference (funnel): no advice on looks
    mode = "" if sequential is None else say(f"cli.as_of.{'sequential' if sequential else 'fixed'}")
    return say("cli.as_of", day=day(as_of), state=state, mode=mode)


def comparison_text(result: ComparisonResult, where: str = "") -> str:
    """The comparison as a readable table with a one-line summary on top."""
    parts: list[str] = []
    if result.srm is not None and result.srm.mismatch:
        bar = "!" * 78
        parts += [bar, f"{say('cli.warning_upper')}: {show(result.srm.note)}", bar, ""]
    label = result.label or result.metric
    title = say("cli.compare.title", label=metric(result.metric, label.capitalize()), by=result.by)
    parts += top_lines(result.to_dict())
    parts += [title + (f" ({where})" if where else ""), "", show(result.summary()), ""]
    rows = []
    mean = result.kind == "mean"  # a value metric: EUR, not percentages
    fmt = eur if mean else pct
    for r in result.table.to_dict("records"):
        ci = f"[{fmt(r['ci_low'])}, {fmt(r['ci_high'])}]" if not _nan(r["rate"]) else "-"
        if mean:
            r["successes"] = num(r["successes"])
        if r["is_baseline"]:
            level = say("cli.baseline", level=r["level"])
            rows.append(
                [level, f"{count(r['successes'])}/{count(r['n'])}", fmt(r["rate"]), ci, *[""] * 6]
            )
            continue
        dci = _points_range(r)
        if mean and not _nan(r["diff_ci_low"]):
            dci = f"[{eur(r['diff_ci_low'], True)}, {eur(r['diff_ci_high'], True)}]"
        mark = say("cli.significant") if r["significant"] is True else ""
        if r["test"] == "fisher":
            mark = (mark + " (Fisher)").strip()
        rows.append(
            [
                str(r["level"]),
                f"{count(r['successes'])}/{count(r['n'])}",
                fmt(r["rate"]),
                ci,
                eur(r["diff"], True) if mean else pp(r["diff"]),
                dci,
                pval(r["p_value"]),
                pval(r["p_adjusted"]),
                pct(r["prob_beats_baseline"]),
                mark,
            ]
        )
    cols = ("level", "n", "rate", "ci", "diff", "diff_ci", "p", "p_adj", "p_beats", "result")
    parts.append(table(headers(*cols), rows, [False, *[True] * 8, False]))
    denom = say("cli.compare.denominator", metric=result.metric)
    if result.denominator:
        denom = f"{result.denominator} ({denom})"
    test = "sequential" if result.sequential else "welch" if mean else "pooled"
    parts += [
        "",
        say(
            "cli.compare.legend",
            denom=denom,
            test=say(f"cli.compare.test.{test}"),
            correction=say(f"cli.correction.{result.correction}"),
            alpha=result.alpha,
        ),
    ]
    notes = [n for n in result.notes if not (result.srm is not None and n == result.srm.note)]
    if result.srm is not None and result.srm.checked and not result.srm.mismatch:
        notes.append(result.srm.note)
    parts += note_lines(notes)
    if result.within is not None:
        parts += ["", within_text(result)]
    parts.append(
        as_of_line(
            result.as_of,
            result.maturing,
            result.sequential,
            result.to_dict()["maturity"],
            undated_of(result),
        )
    )
    return "\n".join(parts)


def within_text(result: ComparisonResult) -> str:
    """The per-segment comparisons and the interaction test of ``compare --within``."""
    w = result.within
    p = w.test.p_value
    parts = [say("cli.within.title", within=w.by, by=result.by)]
    add = w.additive
    if add is None or math.isnan(add.p_value):
        parts.append(say("cli.within.no_additive"))
    else:
        verdict = say("cli.within.differs" if w.differs else "cli.within.same")
        parts.append(
            say("cli.within.additive", chi2=add.statistic, df=add.df, p=pval(add.p_value))
            + f": {verdict}."
        )
    if not math.isnan(p):
        parts.append(
            say(
                "cli.within.lr",
                by=result.by,
                within=w.by,
                chi2=w.test.statistic,
                df=w.df,
                p=pval(p),
            )
        )
    rows = []
    for seg in w.segments:
        if seg.result is None:
            rows.append([seg.level, "-", count(seg.contacts), "-", "-", "-", "-", show(seg.note)])
            continue
        for r in seg.result.table.to_dict("records"):
            counts = f"{count(r['successes'])}/{count(r['n'])}"
            if r["is_baseline"]:
                level = say("cli.baseline", level=r["level"])
                rows.append([seg.level, level, counts, pct(r["rate"]), "", "", "", ""])
                continue
            rows.append(
                [
                    seg.level,
                    str(r["level"]),
                    counts,
                    pct(r["rate"]),
                    pp(r["diff"]),
                    _points_range(r),
                    pval(r["p_adjusted"]),
                    say("cli.significant") if r["significant"] is True else "",
                ]
            )
    cols = ("segment", "level", "n", "rate", "diff", "diff_ci", "p_adj", "result")
    right = [False, False, True, True, True, True, True, False]
    parts += ["", table(headers(*cols), rows, right)]
    parts += note_lines(w.notes)
    parts += [
        f"{say('cli.note')} ({s.level}): {show(s.note)}" for s in w.segments if s.note and s.result
    ]
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
    if result.thesis != "segment":
        head = say("cli.check.thesis", thesis=result.thesis)
    else:
        head = say("cli.check.segment")
    parts = top_lines(result.to_dict())
    parts += [say("cli.check.head", head=head, verdict=verdict_word(result.verdict), n=result.n)]
    if result.statement:
        parts.append(f'  "{result.statement}"')
    parts.append("")
    rows = []
    for m in result.metrics:
        more_txt = settle_text(m.more_contacts_needed, m.more_contacts_high, m.verdict)
        if m.below_target_so_far:
            more_txt = say("cli.check.below_so_far")
        mean = getattr(m, "kind", "rate") == "mean"
        fmt = eur if mean else pct
        successes = num(m.successes) if mean else count(m.successes)
        rows.append(
            [
                metric(m.metric, m.label),
                f"{successes}/{count(m.n)}",
                word("den", getattr(m, "denominator", "") or "-"),
                fmt(m.rate),
                f"[{fmt(m.ci_low)}, {fmt(m.ci_high)}]",
                f">= {eur(m.target) if mean else pct(m.target, 0)}",
                verdict_word(m.verdict),
                more_txt,
            ]
        )
    if rows:
        ci = "cs" if result.inference == "sequential" else "ci"
        cols = ("metric", "n", "of", "rate", ci, "target", "verdict", "to_settle")
        right = [False, True, False, True, True, True, False, False]
        parts.append(table(headers(*cols), rows, right))
    parts += note_lines(result.notes)
    if result.since is not None:
        parts.append(say("cli.check.since", since=day(result.since)))
    parts.append(
        as_of_line(
            result.as_of,
            result.maturing,
            result.inference == "sequential",
            result.maturity,
            undated_of(result),
        )
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
        return say("cli.check.settle_unknown")
    if _nan(high) or high <= low:
        return say("cli.check.settle_one", low=num(int(low)))
    return say("cli.check.settle_range", low=num(int(low)), high=num(int(high)))


def _points_range(row: Mapping[str, Any]) -> str:
    """A row's difference interval in percentage points, ``[-3.2, +0.3]`` (``-`` if none)."""
    from icplab.report.messages import symbols

    if _nan(row["diff_ci_low"]):
        return "-"
    lo, hi = (symbols(f"{100 * row[k]:+.1f}", language()) for k in ("diff_ci_low", "diff_ci_high"))
    return f"[{lo}, {hi}]"


def _nan(x: Any) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))
