"""``icplab funnel DATA [--where ...] [--by COLUMN]``: every funnel step with its own
denominator, against benchmark bands, and the step where each segment leaks most."""

from __future__ import annotations

import argparse

from icplab.cli.commands._data import add_log_options, open_log, show_result
from icplab.cli.commands._parser import command, option
from icplab.cli.commands._stats_format import as_of_line, top_lines
from icplab.cli.commands._text import term_safe
from icplab.cli.terminal import count, eur, headers, label, note_lines, pct, say, table, word
from icplab.icp.funnel import FunnelLevel, FunnelResult, Stage, funnel


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = command(sub, "funnel")
    add_log_options(p, as_of="steps")
    option(p, "--by")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    scope, data = open_log(args)
    result = funnel(data, by=args.by, scope=scope)
    show_result(args, scope.config, result, lambda: funnel_text(result, ", ".join(args.where)))
    return 0


def _row(s: Stage) -> list[str]:
    band = f"{pct(s.band[0], 0)}-{pct(s.band[1], 0)}" if s.band else ""
    return [
        word("stage", s.stage),
        f"{count(s.successes)}/{count(s.n)} {word('stage', s.of)}",
        pct(s.rate),
        f"[{pct(s.ci_low)}, {pct(s.ci_high)}]" if s.n else "-",
        band,
        word("vs_band", s.vs_band) if s.vs_band else "",
    ]


def _level_text(lv: FunnelLevel, title: str) -> list[str]:
    rows = [_row(s) for s in lv.stages]
    if lv.pipeline is not None:
        rows.append(_row(lv.pipeline))
    out = [say("cli.funnel.level", title=title, contacts=lv.contacts)]
    cols = headers("step", "of", "rate", "ci", "band", "vs_band")
    out.append(table(cols, rows, [False, True, True, True, True, False]))
    if lv.value_per_contact is not None:
        out.append(
            say("cli.funnel.value", vpc=eur(lv.value_per_contact), mdv=eur(lv.mean_deal_value))
        )
    if lv.leak:
        lk = lv.leak
        stage = word("stage", lk["stage"])
        rate, ref = pct(lk["rate"]), pct(lk["reference"])
        if lk["reason"] == "below_band":
            out.append(say("cli.funnel.leak", stage=stage, rate=rate, reference=ref))
        else:
            code = "cli.funnel.weakest" if lk.get("clear") else "cli.funnel.weakest_chance"
            out.append(say(code, stage=stage, rate=rate, reference=ref))
    return out


def funnel_text(result: FunnelResult, where: str = "") -> str:
    """The funnel as plain-text tables, the whole selection first, then each level."""
    head = say("cli.funnel.title") + (f" ({term_safe(where)})" if where else "")
    parts = top_lines(result.to_dict()) + _level_text(result.overall, head)
    for lv in result.levels:
        parts += ["", *_level_text(lv, term_safe(f"{result.by} = {label(lv.level)}"))]
    parts += ["", *note_lines(result.notes)]
    told = result.disclosure  # as of when, how many still maturing: like every other output
    parts.append(as_of_line(result.as_of, result.maturing, None, told.maturity, told.undated))
    return "\n".join(parts)
