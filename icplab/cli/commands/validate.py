"""``icplab validate PATH``: check an outreach log and summarise a valid one."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from icplab.cli.commands._data import add_preset_option, load_data
from icplab.cli.commands._parser import command, option
from icplab.cli.commands._text import emit, emit_error, emit_json
from icplab.cli.terminal import day, language, num, pct, say, show, word
from icplab.core.config import Config
from icplab.core.errors import InputError, Problem
from icplab.core.notes import Note
from icplab.data.counts import blank_statement
from icplab.data.labels import merged_statement
from icplab.data.load import read_headers
from icplab.data.mapping import best_preset, mapping_snippet
from icplab.data.nesting import confounded
from icplab.data.personal import header_looks_like_data
from icplab.data.presets import PRESETS
from icplab.data.suggest import suggest_for_file
from icplab.data.summary import LogSummary, describe


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = command(sub, "validate")
    option(p, "path", type=Path)
    option(p, "--format", choices=("text", "json"), default="text")
    option(p, "--config")
    option(p, "--suggest-mapping", action="store_true")
    add_preset_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.suggest_mapping:
        headers = read_headers(args.path)
        reason = header_looks_like_data(headers)
        if reason:  # the first prospect's details, not headers: never echo them
            raise InputError(
                str(args.path),
                [Problem(None, (1,), Note("cli.validate.no_header", reason=reason))],
            )
        emit(suggest_for_file(args.path, args.preset).rstrip("\n"))
        return 0
    config = Config.load(args.config)
    try:
        data = load_data(args.path, config, args)
    except InputError as exc:
        if not any(p.message.startswith("required column") for p in exc.problems):
            raise
        # an export whose headers are not the contract's: draft the mapping right away
        emit_error(exc)
        emit(
            "\n" + say("cli.validate.draft") + "\n" + _draft(args.path, args.preset),
            file=sys.stderr,
        )
        return exc.exit_code
    summary = describe(data)
    if args.format == "json":
        emit_json(summary.to_dict(), indent=2)
    else:
        emit(summary_text(summary))
    for found in confounded(data.frame):
        emit(f"{say('cli.warning')}: {found.message(language())}", file=sys.stderr)
    preset = args.preset or config.columns.get("preset")
    guess = best_preset(read_headers(args.path)) if not preset else None
    if guess:
        hint = say("cli.validate.preset", preset=guess, tool=PRESETS[guess].title)
        emit(hint, file=sys.stderr)
    return 0


def _draft(path: Path, preset: str | None) -> str:
    """The drafted [columns] table, or the header-only draft when the cells cannot be read."""
    try:
        return suggest_for_file(path, preset) + "\n"
    except InputError:
        return mapping_snippet(read_headers(path))


def _counts(items: dict[str, int]) -> str:
    return ", ".join(f"{k} ({num(v)})" for k, v in items.items())


def summary_text(s: LogSummary) -> str:
    """What ``icplab validate`` says about a valid log, in the terminal language."""
    form = say(f"cli.validate.form.{s.form}") if s.form in _FORMS else s.form
    lines = [
        say("cli.validate.valid", source=s.source, form=form),
        "  " + say("cli.validate.rows", rows=num(s.rows), contacts=num(s.contacts)),
        "  " + say("cli.validate.campaigns", campaigns=_counts(s.campaigns)),
    ]
    if s.first_sent:
        lines.append(
            "  " + say("cli.validate.sent", first=day(s.first_sent), last=day(s.last_sent))
        )
    lines += [f"  {factor}: {_counts(levels)}" for factor, levels in s.levels.items()]
    total = s.funnel.get("contacted", 0) or 1
    steps = [
        f"{word('stage', k)} {num(v)}" + (f" ({pct(v / total)})" if k != "contacted" else "")
        for k, v in s.funnel.items()
    ]
    lines.append("  " + say("cli.validate.funnel", steps=" -> ".join(steps)))
    if s.extra_columns:
        lines.append("  " + say("cli.validate.extra", columns=", ".join(s.extra_columns)))
    if s.columns_read:
        via = say("cli.validate.via", preset=s.preset) if s.preset else ""
        read = ", ".join(f"{k} <- {v!r}" for k, v in s.columns_read.items())
        lines.append("  " + say("cli.validate.read", via=via, columns=read))
    if s.personal_dropped:
        dropped = ", ".join(repr(h) for h in s.personal_dropped)
        lines.append("  " + say("cli.validate.personal", columns=dropped))
    if s.names_suspected:
        shown = ", ".join(repr(h) for h in s.names_suspected)
        listed = ", ".join(json.dumps(h, ensure_ascii=False) for h in s.names_suspected)
        lines.append("  " + say("cli.validate.names", columns=shown, listed=listed))
    if s.pseudonymised_ids:
        lines.append("  " + say("cli.validate.pseudonyms"))
    mark = {",": "comma", ".": "point"}.get(s.decimal_mark or "", "none")
    lines.append("  " + say("cli.validate.mark", mark=say(f"cli.validate.mark.{mark}")))
    if s.size_bands_from_ranges:
        lines.append("  " + say("cli.validate.ranges", bands=", ".join(s.size_bands)))
    for factor, n in s.left_out.items():
        what = say("cli.validate.company_size") if factor == "size_band" else factor
        statement = show(blank_statement(factor, n))
        lines.append("  " + say("cli.validate.blank", statement=statement, factor=what))
    lines += [f"  {show(merged_statement(f, m))}" for f, m in s.merged_spellings.items()]
    if s.foot_rows_dropped:
        code = "cli.validate.foot_one" if s.foot_rows_dropped == 1 else "cli.validate.foot"
        lines.append("  " + say(code, n=s.foot_rows_dropped))
    if not s.has_prospect_ids and s.form == "row-level":
        lines.append("  " + say("cli.validate.no_ids"))
    if s.empty_columns:
        lines.append("  " + say("cli.validate.empty", columns=", ".join(s.empty_columns)))
    if s.dropped_columns:
        lines.append("  " + say("cli.validate.dropped", columns=", ".join(s.dropped_columns)))
    lines += [
        "  " + say("cli.validate.german_dates", column=col)
        for col, style in s.date_styles.items()
        if style == "german"
    ]
    return "\n".join(lines)


#: Forms of a log with a word of their own.
_FORMS = ("row-level", "aggregated")
