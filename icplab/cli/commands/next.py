"""``icplab next DATA --contacts N``: where the next batch of contacts should go."""

from __future__ import annotations

import argparse

from icplab.cli.commands._data import (
    add_as_of_option,
    add_data_argument,
    add_output_options,
    add_sequential_option,
    add_where_option,
    emit_result,
    load_data,
    warn_if_metrics_changed,
)
from icplab.cli.commands._stats_format import as_of_line
from icplab.core.config import Config
from icplab.data.counts import parse_where
from icplab.icp.next_batch import DEFAULT_BY, NextBatchResult, next_batch


def _columns(text: str) -> list[str]:
    return [c.strip() for c in text.split(",") if c.strip()]


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "next",
        help="where the next N contacts go: the cells (and variants) still open",
        description="Allocate the next batch of contacts over the industry x size cells "
        "that are still open against the metric's target (settled cells get none; "
        "contacts still maturing count as pending). See docs/next-batch.md.",
    )
    add_data_argument(p)
    p.add_argument("--contacts", type=int, required=True, help="size of the next batch")
    p.add_argument("--metric", default="reply_rate")
    p.add_argument(
        "--by",
        default=None,
        metavar="COLUMN,...",
        help="cell columns, comma-separated (default: industry,size_band)",
    )
    p.add_argument(
        "--variants",
        default=None,
        metavar="COLUMN",
        help="split each cell's contacts over this column's levels (e.g. messaging)",
    )
    p.add_argument(
        "--tolerance",
        type=float,
        default=None,
        help="a cell whose interval lies inside target +- T is settled (default 0.02)",
    )
    add_where_option(p)
    add_sequential_option(p)
    add_as_of_option(p)
    add_output_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    config = Config.load(args.config)
    data = load_data(args.data, config, args)
    by = _columns(args.by) if args.by else list(DEFAULT_BY)
    res = next_batch(
        data,
        contacts=args.contacts,
        metric=args.metric,
        by=by,
        variants=args.variants,
        tolerance=args.tolerance,
        where=parse_where(args.where, config.size_bands) or None,
        config=config,
        sequential=args.sequential,
        as_of=args.as_of,
    )
    warn_if_metrics_changed(config)
    language = getattr(args, "language", None) or config.language or "en"
    emit_result(args, config, "next", res.to_dict, res.to_frame, lambda: table(res, language))
    return 0


def table(res: NextBatchResult, language: str = "en") -> str:
    """The plain-text allocation: one explained line per cell, then the notes."""
    de = language == "de"
    n = f"{res.contacts:,}".replace(",", "." if de else ",")
    target = f"{res.target * 100:g} %"
    tol = f"{res.tolerance * 100:g}"
    head = (
        f"Nächste {n} Kontakte für {res.metric.name} (Ziel {target}, "
        f"Toleranz ±{tol} Punkte)".replace(".", ",").replace(n.replace(".", ","), n)
        if de
        else f"Next {n} contacts for {res.metric.name} (target {target}, tolerance ±{tol} points)"
    )
    col = "explanation_de" if de else "explanation"
    lines = [head, ""] + [f"  {x}" for x in res.rows[col]]
    if de:
        lines += ["", *(f"Hinweis: {n}" for n in res.notes_de)]
        maturing = f"{res.maturing:,}".replace(",", ".")
        lines.append(
            f"Stand {res.as_of:%d.%m.%Y}; "
            + (
                f"{maturing} Kontakte reifen noch (noch nicht gezählt)."
                if res.maturing
                else "jeder Kontakt ist ausgereift (gezählt)."
            )
            + (
                " Stets gültige Bereiche: tägliches Nachsehen ist unbedenklich."
                if res.sequential
                else ""
            )
        )
    else:
        lines += ["", *(f"Note: {n}" for n in res.notes)]
        lines.append(as_of_line(res.as_of, res.maturing, res.sequential))
    return "\n".join(lines)
