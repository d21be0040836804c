"""English help of the command line: ``icplab --help`` and every ``icplab COMMAND --help``
(``cli.help.*``: a command's line, its description ``.about`` and its options), and
argparse's own words (``cli.argparse.*``, :mod:`icplab.cli.usage`)."""

MESSAGES: dict[str, str] = {
    # icplab --help: one line per command
    "cli.help.validate": "check an outreach log (CSV, Parquet, XLSX) and summarise it",
    "cli.help.sample": "write a realistic generated outreach log (seeded, planted effects)",
    "cli.help.init": "create a workspace: icplab.toml, sample data, notebooks, reports/",
    "cli.help.run": "run the report notebooks and publish HTML reports with an index page",
    "cli.help.compare": "compare the levels of a factor on a metric (A/B test)",
    "cli.help.check": "check an ICP thesis (or a segment) against the metric targets",
    "cli.help.refine": "sort every industry x size cell into icp / candidates / not_icp / untested",
    "cli.help.funnel": "every funnel step with its own rate, against benchmark bands",
    "cli.help.cycle": "sales cycle: share reaching a step within N days of the first touch",
    "cli.help.plan": "contacts (meetings, qualified leads) needed per period for N deals",
    "cli.help.reasons": "why sales rejects leads, by segment (closed loop)",
    "cli.help.size": "contacts needed for an A/B test or a segment check",
    "cli.help.lock": "show or accept the locked success-metric definitions",
    "cli.help.next": "where the next N contacts go: the cells (and variants) still open",
    "cli.help.assign": "stratified (blocked) variant assignment of a contact list, seeded",
    "cli.help.description": "Test ICP hypotheses on B2B outreach data: numbers, honestly computed.",
    # options every command that has them describes alike
    "cli.help.opt.version": "show program's version number and exit",
    "cli.help.opt.lang": "language of the terminal output: en or de (default: environment "
    "ICPLAB_LANG, else [reports] language in icplab.toml, else en); --format json is the same "
    "in every language",
    "cli.help.opt.data": "the outreach log (CSV, Parquet, XLSX) or a table, e.g. "
    "duckdb:///growth.duckdb::outreach",
    "cli.help.opt.where": "segment filter, repeatable: industry=IT,Logistik or employees=50-199",
    "cli.help.opt.sequential": "always-valid confidence sequences: safe to re-check every day "
    "(default: [stats] sequential in icplab.toml, else off)",
    "cli.help.opt.as_of": "judge the data as of this ISO date, e.g. 2026-09-30 (maturity "
    "windows{what}; default: [workspace] as_of in icplab.toml, else today)",
    "cli.help.as_of.steps": "each step counts only contacts old enough for its window",
    "cli.help.as_of.censored": "contacts without the step by then are censored there",
    "cli.help.opt.output": "write --format csv/xlsx to FILE (csv default: stdout; xlsx default: "
    "icplab-<command>.xlsx in the current folder)",
    "cli.help.opt.language": "de: CSV in German Excel style (';' and decimal comma); default: "
    "[reports] language of icplab.toml, else en",
    "cli.help.opt.config": "icplab.toml (default: ./icplab.toml)",
    "cli.help.opt.preset": "read a tool's export with a built-in column mapping: {presets} "
    "(overrides [columns] preset; see docs/presets.md)",
    # validate
    "cli.help.validate.about": "Check an outreach log against the input format. On a valid "
    "file, print rows, campaigns, date range, levels per factor and funnel counts. On an "
    "invalid file, list every problem with its rows and column and exit with status 2.",
    "cli.help.validate.path": "the outreach log",
    "cli.help.validate.suggest_mapping": "print a [columns] table for icplab.toml drafted from "
    "the file's headers",
    # sample
    "cli.help.sample.about": "Write a generated German B2B outreach log with known true rates "
    "(see data/samples/README.md). The personal data in it is fake.",
    "cli.help.sample.out": "output file (.csv or .parquet)",
    "cli.help.sample.rows": "number of prospects (default 15000)",
    "cli.help.sample.seed": "random seed (default 7)",
    "cli.help.sample.aggregated": "write counts per segment instead of rows",
    "cli.help.sample.german": "German headers, ';' and Windows-1252, like an Excel export",
    "cli.help.sample.null": "no true effects: every segment replies at 10 %",
    "cli.help.sample.running": "append N prospects of a campaign still running on the snapshot "
    "day (responses after it not in the log yet); default 0",
    "cli.help.sample.force": "replace OUT when it exists (by default an existing file is never "
    "overwritten)",
    "cli.help.sample.snapshot": "export day of the running campaign (default {snapshot})",
    # init
    "cli.help.init.about": "Create a workspace in DIR: icplab.toml with the default metrics, an "
    "example thesis and the default report plan; data/outreach.csv (sample data to try things "
    "out, replace it with your export); notebooks/ with the report notebooks; reports/. "
    "Refuses to touch an existing workspace unless --force.",
    "cli.help.init.dir": "folder to create (may exist if empty)",
    "cli.help.init.force": "overwrite icplab.toml, the sample data and the notebooks in DIR",
    "cli.help.init.data": "your outreach export: copied into DIR/data/ and set as [workspace] "
    "data (default: sample data to try things out)",
    "cli.help.init.preset": "column preset of the export's tool, written to [columns] preset "
    "({presets}; see docs/presets.md)",
    # run
    "cli.help.run.about": "Run every report of the plan in icplab.toml ([[reports]] or "
    "[[reports.plan]], or the default plan: overview, one A/B test per factor, one check per "
    "thesis, ICP refinement, sample-size planner), each notebook in its own process. Good "
    "reports replace reports/<name>.html; a failed one keeps the last good version and its "
    "error page stays in reports/runs/<timestamp>/. Exit status: 0 all ok, 1 a report failed, "
    "2 bad input (nothing is written) or another run in progress in this workspace, 3 the "
    "metrics changed and the change was not accepted, 130 stopped by Ctrl-C (143 by SIGTERM; "
    "nothing new is published).",
    "cli.help.run.config": "workspace config (default: ./icplab.toml, else built-in defaults)",
    "cli.help.run.data": "outreach log or table to report on (default: [workspace] data in the config)",
    "cli.help.run.jobs": "notebooks run in parallel (default: the number of cores, at most 4)",
    "cli.help.run.only": "run only this report (name or name prefix); repeatable",
    "cli.help.run.timeout": "seconds a single notebook cell may run (default 600)",
    "cli.help.run.wait": "when another icplab run is in progress in this workspace, wait up to "
    "this many seconds for it to finish (default 0: exit 2 at once)",
    "cli.help.run.accept_metric_change": "accept changed metric definitions (targets, windows, "
    "the [columns] mapping of the counted columns, size bands) and lock the new ones; without "
    "it a change exits 3",
    "cli.help.run.language": "language of every report and the index (default: [reports] "
    "language in icplab.toml, else English)",
    # compare
    "cli.help.compare.about": "Compare every level of a factor with a baseline level on a "
    "success metric: Wilson intervals, Newcombe difference intervals, pooled z-test or "
    "Fisher's exact test, Holm/BH adjustment, probability of beating the baseline, and a "
    "sample-ratio-mismatch check.",
    "cli.help.compare.by": "factor: industry, size_band, messaging, salutation or any column",
    "cli.help.compare.metric": "metric name, e.g. reply_rate",
    "cli.help.compare.baseline": "baseline level (default: most contacts)",
    "cli.help.compare.correction": "multiple-comparison adjustment (default from icplab.toml: "
    "holm)",
    "cli.help.compare.alpha": "significance level (default 0.05)",
    "cli.help.compare.within": "also compare inside every level of COLUMN (e.g. industry) and "
    "test whether the effect differs across them (likelihood-ratio test of the interaction)",
    # check
    "cli.help.check.about": "Judge a thesis from icplab.toml, every thesis (--all) or an ad-hoc "
    "segment (--where) against the fixed success metrics: pass, fail or not settled yet, with "
    "an estimate of the contacts still needed. Exit status 0 whatever the verdict.",
    "cli.help.check.where": "segment filter, repeatable (narrows a --thesis, or defines an "
    "ad-hoc segment)",
    "cli.help.check.thesis": "thesis name from icplab.toml",
    "cli.help.check.all": "check every thesis in icplab.toml",
    "cli.help.check.metric": "metric to check, repeatable (default: every metric)",
    # refine
    "cli.help.refine.about": "Judge every segment cell against the metric's target, with "
    "partially pooled estimates, and propose the next ICP.",
    "cli.help.refine.where": "segment filter, e.g. industry=IT,Logistik",
    "cli.help.refine.by": "extra cell dimension (repeatable), e.g. --by messaging",
    "cli.help.refine.min_contacts": "cells with fewer are 'untested' (default: config, 30)",
    "cli.help.refine.target": "override the metric's target (needed for value_per_contact "
    "without a target in icplab.toml), e.g. --target 150",
    "cli.help.refine.propose": "print the proposed next thesis as an icplab.toml snippet",
    "cli.help.refine.thesis": "current thesis, for the change log of --propose",
    "cli.help.refine.out": "write the --propose snippet to this file",
    # funnel
    "cli.help.funnel.about": "Show each funnel step (replied of contacted, meeting of replied, "
    "qualified of meeting, deal of qualified) with its 95 % Wilson interval, value per contact "
    "and mean deal value, by segment with --by, against the benchmark bands of [funnel] in "
    "icplab.toml, and the step where each segment leaks most.",
    "cli.help.funnel.by": "one funnel per level: industry, size_band, channel, month",
    # cycle
    "cli.help.cycle.about": "For each level of --by, the Kaplan-Meier estimate of reaching STEP "
    "within --horizon days of sent_at (contacts without the step by --as-of are censored "
    "there, so young contacts count for what they have shown so far), its 95 % interval "
    "(log-log Greenwood), the median days to the step among those who reached it, and the "
    "contacts still at risk at the horizon. --competing lost: Aalen-Johansen cumulative "
    "incidence with lost deals (lost_at) as a competing risk.",
    "cli.help.cycle.step": "the funnel step",
    "cli.help.cycle.by": "one estimate per level, e.g. size_band, industry",
    "cli.help.cycle.horizon": "days since the first touch",
    "cli.help.cycle.competing": "lost: treat lost_at as a competing risk (deals only)",
    # plan
    "cli.help.plan.about": "The reverse funnel of a segment: from its observed step rates, how "
    "many contacts, replies, meetings and qualified leads N deals per period need, with a 95 % "
    "interval from the uncertainty of the rates, and the SLA figures (lead -> qualified, "
    "qualified -> deal, average deal value). Not a sample size: see 'icplab size' for A/B "
    "tests.",
    "cli.help.plan.deals": "deals wanted per period",
    "cli.help.plan.per": "the period (default month)",
    # reasons
    "cli.help.reasons.about": "Tabulate rejection_reason among rejected leads (a meeting that "
    "did not become qualified; a meeting without a deal when there is no qualified column) by "
    "the levels of a column, with the chi-square test of independence of reason and level.",
    "cli.help.reasons.by": "industry, size_band, channel, month (from sent_at), ...",
    # size
    "cli.help.size.about": "A/B test: contacts per arm to detect --lift over --baseline-rate "
    "(two-sided pooled z-test). With --segment: trials a segment check needs so the 95 % "
    "Wilson interval separates an assumed true --rate from the --target.",
    "cli.help.size.baseline_rate": "e.g. 0.12",
    "cli.help.size.lift": "absolute lift, e.g. 0.03 (3 points)",
    "cli.help.size.segment": "plan a segment check instead",
    "cli.help.size.rate": "assumed true rate of the segment",
    "cli.help.size.target": "the metric target, e.g. 0.15",
    # lock
    "cli.help.lock.about": "Show whether the success metrics in icplab.toml match the ones "
    "locked in icplab.lock.json (the first call locks them). --accept locks the current "
    "definitions after a deliberate change (recorded in the lock's history). Exit status 3 "
    "when they changed and were not accepted, or when the lock file was edited by hand. A "
    "deleted lock file is compared with the record of the last lock in "
    ".icplab/lock-record.json.",
    "cli.help.lock.accept": "lock the current definitions",
    # next
    "cli.help.next.about": "Allocate the next batch of contacts over the industry x size cells "
    "that are still open against the metric's target (settled cells get none; contacts still "
    "maturing count as pending). See docs/next-batch.md.",
    "cli.help.next.contacts": "size of the next batch",
    "cli.help.next.by": "cell columns, comma-separated (default: industry,size_band)",
    "cli.help.next.variants": "split each cell's contacts over this column's levels (e.g. "
    "messaging)",
    "cli.help.next.tolerance": "a cell whose interval lies inside target +- T is settled "
    "(default 0.02)",
    # assign
    "cli.help.assign.about": "Assign message variants to a contact list inside every segment "
    "(blocked randomisation in the planned ratio), write the list with the variant column to "
    "FILE and record the plan under [split] in icplab.toml.",
    "cli.help.assign.contacts_name": "contacts",
    "cli.help.name.data": "data",
    "cli.help.name.path": "path",
    "cli.help.name.out": "out",
    "cli.help.name.dir": "dir",
    "cli.help.assign.contacts": "the contact list (CSV, Parquet, XLSX)",
    "cli.help.assign.by": "segments to balance within (default industry,size_band; size_band "
    "comes from employees)",
    "cli.help.assign.variants": "the variant column and its levels, e.g. "
    "messaging=zeitersparnis,fehlerrate",
    "cli.help.assign.ratio": "planned ratio (default equal)",
    "cli.help.assign.seed": "random seed (same seed, same file)",
    "cli.help.assign.config": "icplab.toml to record [split] in (default ./icplab.toml, "
    "created when absent)",
    # argparse's own words (its gettext message ids, icplab.cli.usage)
    "cli.help.command_metavar": "COMMAND",
    "cli.argparse.usage": "usage: ",
    "cli.argparse.positionals": "positional arguments",
    "cli.argparse.options": "options",
    "cli.argparse.help": "show this help message and exit",
    "cli.argparse.argument": "argument %(argument_name)s: %(message)s",
    "cli.argparse.required": "the following arguments are required: %s",
    "cli.argparse.one_of": "one of the arguments %s is required",
    "cli.argparse.unrecognized": "unrecognized arguments: %s",
    "cli.argparse.invalid_choice": "invalid choice: %(value)r (choose from %(choices)s)",
    "cli.argparse.invalid_value": "invalid %(type)s value: %(value)r",
    "cli.type.float": "float",
    "cli.type.int": "int",
    "cli.argparse.ambiguous": "ambiguous option: %(option)s could match %(matches)s",
    "cli.argparse.not_allowed": "not allowed with argument %s",
    "cli.argparse.ignored": "ignored explicit argument %r",
    "cli.argparse.expected_one": "expected one argument",
    "cli.argparse.expected_at_most_one": "expected at most one argument",
    "cli.argparse.expected_at_least_one": "expected at least one argument",
    "cli.argparse.expected_n": "expected %s argument",
    "cli.argparse.expected_ns": "expected %s arguments",
}
