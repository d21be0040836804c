"""``icplab refine DATA --metric M``: propose the next ICP from the evidence."""

from __future__ import annotations

import argparse
from pathlib import Path

from icplab.cli.commands._data import (
    add_as_of_option,
    add_data_argument,
    add_output_options,
    add_sequential_option,
    emit_result,
    load_data,
    warn_if_metrics_changed,
)
from icplab.cli.commands._stats_format import as_of_line, top_lines
from icplab.cli.commands._text import emit
from icplab.core.config import Config
from icplab.data.counts import parse_where
from icplab.icp.refine import DEFAULT_BY, LISTS, propose_thesis, recommendation_text, refine


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "refine",
        help="sort every industry x size cell into icp / candidates / not_icp / untested",
        description="Judge every segment cell against the metric's target, with partially "
        "pooled estimates, and propose the next ICP.",
    )
    add_data_argument(p)
    p.add_argument("--metric", default="reply_rate")
    p.add_argument(
        "--by",
        action="append",
        default=[],
        help="extra cell dimension (repeatable), e.g. --by messaging",
    )
    p.add_argument(
        "--where", action="append", default=[], help="segment filter, e.g. industry=IT,Logistik"
    )
    p.add_argument(
        "--min-contacts",
        type=int,
        default=None,
        help="cells with fewer are 'untested' (default: config, 30)",
    )
    p.add_argument(
        "--target",
        type=float,
        default=None,
        help="override the metric's target (needed for value_per_contact without a target "
        "in icplab.toml), e.g. --target 150",
    )
    add_sequential_option(p)
    add_as_of_option(p)
    p.add_argument(
        "--propose",
        action="store_true",
        help="print the proposed next thesis as an icplab.toml snippet",
    )
    p.add_argument("--thesis", default=None, help="current thesis, for the change log of --propose")
    p.add_argument(
        "--out", type=Path, default=None, help="write the --propose snippet to this file"
    )
    add_output_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    config = Config.load(args.config)
    data = load_data(args.data, config, args)
    by = (*DEFAULT_BY, *args.by)
    res = refine(
        data,
        args.metric,
        by,
        min_contacts=args.min_contacts,
        target=args.target,
        where=parse_where(args.where, config.size_bands) or None,
        config=config,
        sequential=args.sequential,
        as_of=args.as_of,
    )
    warn_if_metrics_changed(config)
    emit_result(args, config, "refine", res.to_dict, lambda: res.cells, lambda: _table(res))
    if args.propose:
        current = config.thesis(args.thesis) if args.thesis else None
        snippet = propose_thesis(res, current=current, config=config).to_toml()
        if args.out:
            args.out.write_text(snippet, encoding="utf-8")
        elif args.format == "table":
            emit("\nProposed next ICP (icplab.toml):\n" + snippet)
    return 0


def _table(res) -> str:
    cells = res.cells
    keys = list(res.by)
    mean = res.metric.is_mean
    tgt = f"EUR {res.target:,.0f}" if mean else f"{res.target:.0%}"
    head = f"{res.metric.title} per {' x '.join(keys)} — target {tgt}, cells with < {res.min_contacts} {res.denominator or res.metric.denominator} untested"
    widths = [max(len(k), *(len(str(v)) for v in cells[k])) for k in keys]
    lines = [*top_lines(res.to_dict()), head, ""]
    ci_head = "interval        " if mean or res.sequential else "own interval    "
    lines.append(
        "  ".join(k.ljust(w) for k, w in zip(keys, widths, strict=True))
        + f"       n    rate  estimate  {ci_head}  list"
    )
    for _, r in cells.iterrows():
        if mean:
            hi = "open" if r["ci_high"] != r["ci_high"] else f"{r['ci_high']:5.0f}"
            nums = f"{r['rate']:6.0f}  {r['estimate']:7.0f}  [{r['ci_low']:5.0f}, {hi}]"
        else:
            nums = (
                f"{r['rate']:6.1%}  {r['estimate']:7.1%}  [{r['ci_low']:5.1%}, {r['ci_high']:5.1%}]"
            )
        lines.append(
            "  ".join(str(r[k]).ljust(w) for k, w in zip(keys, widths, strict=True))
            + f"  {int(r['n']):6d}  {nums}  {r['list']}"
        )
    counts = {k: int((cells["list"] == k).sum()) for k in LISTS}
    icp = (
        ", ".join(" ".join(str(r[k]) for k in keys) for _, r in res.cells_in("icp").iterrows())
        or "none yet"
    )
    lines += [
        "",
        f"ICP: {icp}. ({counts['icp']} icp, {counts['candidates']} candidates, {counts['not_icp']} not icp, {counts['untested']} untested)",
    ]
    recs = recommendation_text(res.recommendations)
    if recs:
        lines += ["Best variant where the evidence shows a difference:"] + [f"  {x}" for x in recs]
    fallback = res.metric.fallback_note([res.denominator])
    lines += [
        f"Note: {n}"
        for n in res.notes
        if n.startswith(("Sequential", "Each cell", str(res.maturing))) or n == fallback
    ]
    lines.append(as_of_line(res.as_of, res.maturing, res.sequential, res.maturity))
    return "\n".join(lines)
