"""English messages of the command line (``errors.*``: input errors; ``cli.*``: what the
commands print for people)."""

MESSAGES: dict[str, str] = {
    # input errors (icplab/core/errors.py)
    "errors.input_head_one": "{source}: {n} problem found; nothing was changed.",
    "errors.input_head": "{source}: {n} problems found; nothing was changed.",
    "errors.row": "row {row}",
    "errors.rows": "rows {rows}",
    "errors.rows_more": "rows {rows} and {more} more",
    "errors.column": "column '{column}'",
    "errors.column_read_as": "column '{header}' (read as {column})",
    "errors.cannot_write": "cannot write {target}: {reason}.",
    # the command line (icplab/cli)
    "cli.error": "error",
    "cli.warning": "warning",
    "cli.warning_upper": "WARNING",
    "cli.note": "Note",
    "cli.note_upper": "NOTE",
    "cli.usage_error": "{prog}: error: {message} (see {prog} --help)",
    "cli.interrupted": "interrupted",
    "cli.os_error": "cannot use {path}: {reason}. Check that the folder exists and is "
    "writable (and the file readable); nothing else was changed.",
    "cli.os_error_nopath": "cannot use: {reason}. Check that the folder exists and is "
    "writable (and the file readable); nothing else was changed.",
    "cli.today": "today",
    "cli.unit.pp": "pp",
    "cli.wrote_rows": "wrote {rows} rows to {path}",
    # verdicts
    "cli.verdict.pass": "PASS",
    "cli.verdict.fail": "FAIL",
    "cli.verdict.inconclusive": "not settled yet",
    "cli.verdict.untested": "untested (contacts still maturing)",
    # the first and the last lines of a judgement
    "cli.top.no_send_dates": "NOTE: no send dates (sent_at): whether recent contacts have had "
    "time to reply cannot be checked; a result below target is below target so far, not final.",
    "cli.top.after_as_of": "WARNING: as_of is older than the newest contact: {left} contacts "
    "sent after it are left out.",
    "cli.as_of": "As of {day}; {state}{mode}",
    "cli.as_of.unknown": "no send dates, so maturity cannot be checked (every contact counted).",
    "cli.as_of.off": "maturity windows are off (every contact counted).",
    "cli.as_of.maturing": "{maturing} contacts are still maturing (not counted yet).",
    "cli.as_of.mature": "every contact is mature (counted).",
    "cli.as_of.sequential": " Always-valid bounds: safe to look at every day.",
    "cli.as_of.fixed": " Fixed-horizon: valid for one look; use --sequential to re-check as "
    "data comes in.",
    # table columns
    "cli.col.level": "level",
    "cli.col.n": "n",
    "cli.col.rate": "rate",
    "cli.col.ci": "95 % CI",
    "cli.col.cs": "95 % CS",
    "cli.col.diff": "diff",
    "cli.col.diff_ci": "95 % CI of diff",
    "cli.col.p": "p",
    "cli.col.p_adj": "p adj.",
    "cli.col.p_beats": "P(beats)",
    "cli.col.result": "result",
    "cli.col.segment": "segment",
    "cli.col.metric": "metric",
    "cli.col.of": "of",
    "cli.col.target": "target",
    "cli.col.verdict": "verdict",
    "cli.col.to_settle": "to settle",
    # compare
    "cli.compare.title": "{label} by {by}",
    "cli.baseline": "{level} (baseline)",
    "cli.significant": "significant",
    "cli.compare.denominator": "the {metric} denominator",
    "cli.compare.test.sequential": "always-valid sequential",
    "cli.compare.test.welch": "Welch t-test",
    "cli.compare.test.pooled": "pooled z-test (Fisher on small counts)",
    "cli.correction.holm": "Holm",
    "cli.correction.bh": "Benjamini-Hochberg",
    "cli.correction.none": "no",
    "cli.compare.legend": "n = {denom}; p: {test}; p adj.: {correction} correction; "
    "significant when p adj. < {alpha:g}.",
    "cli.within.title": "Within {within}: does the effect of {by} differ across {within}?",
    "cli.within.no_additive": "Test on differences in points: not possible here (see the notes).",
    "cli.within.differs": "yes, the difference in points differs by segment: read the "
    "segments, not the overall winner",
    "cli.within.same": "no clear sign that the difference in points differs",
    "cli.within.additive": "Differences in points (Wald test of equal differences): chi2 = "
    "{chi2:.2f}, df = {df}, p = {p}",
    "cli.within.lr": "On the log-odds scale (likelihood ratio, binomial GLM {by} * {within} vs "
    "{by} + {within}): chi2 = {chi2:.2f}, df = {df}, p = {p} (a uniform lift in points can "
    "differ here when base rates differ).",
    # check
    "cli.check.thesis": "Thesis '{thesis}'",
    "cli.check.segment": "Segment",
    "cli.check.head": "{head}: {verdict}  ({n} contacts)",
    "cli.check.below_so_far": "below target so far",
    "cli.check.settle_unknown": "unknown",
    "cli.check.settle_one": "~{low} more, if the rate stays near today's",
    "cli.check.settle_range": "~{low} to {high} more, if the rate stays near today's",
    "cli.check.since": "Judged on contacts sent on or after {since} (since).",
    "cli.after_as_of": "WARNING: as_of {day} is older than the newest contact: {left} contacts "
    "sent after it are left out. Drop --as-of / [workspace] as_of to judge every contact.",
    "cli.wrote": "wrote {path}",
    "cli.wrote_default": "wrote {path} (no --output given: default name)",
    "cli.check.thesis_or_all": "give either --thesis NAME or --all, not both.",
    "cli.check.what": "say what to check: --thesis NAME (from icplab.toml), --all, or --where "
    "filters, e.g. icplab check data.csv --where industry=Logistik --where employees=50-199.",
    "cli.check.all_where": "--all checks the theses as defined; drop --where or use --thesis.",
    # refine
    "cli.refine.head": "{metric} per {by} — target {target}, cells with < {min} {denominator} "
    "untested",
    "cli.col.estimate": "estimate",
    "cli.col.interval": "interval",
    "cli.col.own_ci": "own interval",
    "cli.col.list": "list",
    "cli.open": "open",
    "cli.list.icp": "icp",
    "cli.list.candidates": "candidates",
    "cli.list.not_icp": "not_icp",
    "cli.list.untested": "untested",
    "cli.refine.icp": "ICP: {icp}. ({n_icp} icp, {n_candidates} candidates, {n_not_icp} not icp, "
    "{n_untested} untested)",
    "cli.refine.none_yet": "none yet",
    "cli.refine.best_variant": "Best variant where the evidence shows a difference:",
    "cli.refine.reco": "{best_rate:.1f} % vs {other_rate:.1f} % with {other}; +{diff:.1f} "
    "percentage points, plausible range {lo:.1f} to {hi:.1f}",
    "cli.refine.min_contacts": "--min-contacts must be a whole number of contacts >= 1, got {value}.",
    "cli.refine.proposed": "Proposed next ICP (icplab.toml):",
    # next
    "cli.next.head": "Next {contacts} contacts for {metric} (target {target}, tolerance "
    "±{tolerance} points)",
    # funnel, cycle, plan, reasons
    "cli.stage.contacted": "contacted",
    "cli.stage.replied": "replied",
    "cli.stage.meeting": "meeting",
    "cli.stage.qualified": "qualified",
    "cli.stage.deal": "deal",
    "cli.stage.pipeline": "pipeline (meeting -> deal)",
    "cli.vs_band.below": "below",
    "cli.vs_band.within": "within",
    "cli.vs_band.above": "above",
    "cli.col.step": "step",
    "cli.col.band": "band",
    "cli.col.vs_band": "vs band",
    "cli.funnel.title": "Funnel",
    "cli.funnel.level": "{title} ({contacts} contacts)",
    "cli.funnel.value": "Value per contact: {vpc}; mean deal value: {mdv}",
    "cli.funnel.leak": "Leaks most at: {stage} ({rate}, below the {reference} lower end of its "
    "band)",
    "cli.funnel.weakest": "Weakest step: {stage} ({rate} vs {reference} overall)",
    "cli.funnel.weakest_chance": "Weakest step: {stage} ({rate} vs {reference} overall; could "
    "be chance)",
    "cli.method": "Method: {method}.",
    "cli.method.kaplan_meier": "Kaplan-Meier (statsmodels SurvfuncRight), 1 - S(horizon), other "
    "outcomes censored; 95 % interval: log-log transformed Greenwood",
    "cli.method.aalen_johansen": "Aalen-Johansen cumulative incidence with lost deals (lost_at) "
    "as a competing risk; 95 % interval: log-log transformed, delta-method variance (Collett)",
    "cli.method.plan": "needed = deals / product of step rates; 95 % interval from 20,000 draws "
    "of the step rates' Beta(1+s, 1+n-s) posteriors",
    "cli.left_out": "Left out: {rows} rows.",
    "cli.days": "{days} days",
    "cli.col.contacts": "contacts",
    "cli.col.events": "events",
    "cli.col.reached": "reached",
    "cli.col.median": "median",
    "cli.col.at_risk": "at risk",
    "cli.cycle.all": "all",
    "cli.cycle.head": "{step} within {horizon} days of the first touch",
    "cli.cycle.by": ", by {by}",
    "cli.cycle.censored": "As of {day}; {maturing} contacts observed for less than {horizon} "
    "days without the step count for the days observed (censored).",
    "cli.period.week": "week",
    "cli.period.month": "month",
    "cli.period.quarter": "quarter",
    "cli.period.year": "year",
    "cli.plan.head_one": "For {deals} deal per {per}:",
    "cli.plan.head": "For {deals} deals per {per}:",
    "cli.plan.in": " in {where}",
    "cli.col.needed": "needed",
    "cli.col.interval95": "95 % interval",
    "cli.col.rate_next": "rate to next step",
    "cli.plan.sla": "SLA figures: lead (meeting) -> qualified {lead}, qualified -> deal {deal}, "
    "average deal value {value}",
    "cli.plan.revenue": "Expected revenue per {per}: {revenue}",
    "cli.plan.pace": "Sending pace so far: about {pace} contacts per {per} (from {observed} "
    "contacts).",
    "cli.reasons.no_test": "no test (too few levels or reasons)",
    "cli.reasons.test": "chi-square {chi2:.1f}, df {df}, p = {p}",
    "cli.reasons.differ": "the reasons differ between the levels",
    "cli.reasons.same": "no clear difference between the levels (could be chance)",
    "cli.reasons.head": "Rejection reasons by {by} ({rejected} rejected leads)",
    "cli.col.reason": "reason",
    "cli.col.count": "count",
    "cli.col.share": "share",
    "cli.reasons.none": "No rejected lead with a reason yet.",
    # size, sample, assign, lock
    "cli.size.rate.baseline_rate": "baseline rate",
    "cli.size.rate.new_rate": "baseline rate + lift",
    "cli.size.rate.alpha": "alpha",
    "cli.size.rate.power": "power",
    "cli.size.rate.rate": "rate",
    "cli.size.rate.target": "target",
    "cli.size.segment_needs": "--segment needs --rate and --target, e.g. --rate 0.18 --target "
    "0.15.",
    "cli.size.ab_needs": "give --baseline-rate and --lift (e.g. --baseline-rate 0.12 --lift "
    "0.03), or --segment --rate R --target T.",
    "cli.size.segment": "A segment with a true rate of {rate} needs about {n} contacts (trials "
    "of the metric's denominator) for its {confidence} Wilson interval to clear the {target} "
    "target with {power} probability.",
    "cli.size.ab": "To detect {base} -> {new} ({lift}) with {power} power at alpha {alpha:g} "
    "(two-sided): {n} contacts per variant, {total} in total.",
    "cli.sample.rows": "--rows must be at least 1.",
    "cli.sample.running": "--running must be 0 or more.",
    "cli.sample.snapshot": "--snapshot {snapshot}: expected an ISO date, e.g. 2026-09-30.",
    "cli.sample.snapshot_after": "--snapshot must be on or after {first}.",
    "cli.sample.suffix": "{out}: use a .csv or .parquet file name.",
    "cli.sample.folder": "{out}: is a folder; give a file name such as {example}.",
    "cli.sample.exists": "{out}: the file exists and was left unchanged. icplab sample writes "
    "generated (fake) data; pass --force to replace the file, or choose another name.",
    "cli.sample.cannot_write": "cannot write {out}: {reason}. Choose a folder that exists and "
    "is writable.",
    "cli.output_is_input": "{path} is an input of this command (its data or its icplab.toml); "
    "icplab does not overwrite its input. Pass another file.",
    "cli.assign.config_link": "{path} is a symbolic link; icplab does not write [split] through "
    "it (the link would be replaced by a file). Pass the linked file with --config, or "
    "replace the link by a copy.",
    "cli.assign.wrote_one": "wrote {rows} contacts in one segment to {output}; planned "
    "split recorded under [split] in {config}",
    "cli.assign.wrote": "wrote {rows} contacts in {segments} segments to {output}; planned "
    "split recorded under [split] in {config}",
    "cli.lock.accepted": "Accepted the changed metric definitions:",
    "cli.lock.locked": "Metrics locked in {path}.",
    "cli.mask.email": "[e-mail removed]",
    "cli.mask.phone": "[phone removed]",
    "cli.mask.name": "[name removed]",
    "cli.lock.at": "{day:date}T{time}+00:00",
    "cli.lock.history": "Accepted changes (oldest first):",
    # init
    "cli.init.no_data": "{data}: no such file; give the path of your export with --data.",
    "cli.init.not_folder": "{target}: exists and is not a folder.",
    "cli.init.exists": "{target}: already a workspace ({config} exists); nothing was changed. "
    "Use --force to overwrite the config, sample data and notebooks.",
    "cli.init.not_empty": "{target}: folder is not empty; nothing was changed. Choose a new "
    "folder or use --force.",
    "cli.init.no_notebooks": "no report notebooks found in {folder}; reinstall icplab.",
    "cli.init.unreadable": "cannot be read ({kind}); nothing was written.",
    "cli.init.preset": "note: the headers are those of a {tool} export; [columns] preset = "
    '"{preset}" is written (docs/presets.md).',
    "cli.init.created": "created workspace {dir} ({n} files):",
    "cli.init.incomplete": "the [columns] mapping is incomplete: {cols}. The workspace is "
    "written; {dir}/{config} lists a commented draft for each under [columns] with the values "
    "found in the export. Uncomment them, keep only the values that mean the column, then: "
    "cd {dir} && icplab run",
    "cli.init.next": "next: cd {dir} && icplab run",
    # validate, run, options
    "cli.validate.no_header": "the first line looks like data, not a header ({reason}); add a "
    "header row, then draft the mapping.",
    "cli.validate.draft": "A [columns] table for icplab.toml, drafted from the file's headers "
    "(check it, fill in what is missing):",
    "cli.validate.preset": "note: the headers look like an export of {tool}; --preset {preset} "
    "reads it with its built-in mapping (docs/presets.md).",
    "cli.run.done": "{ok} of {n} reports ok in {seconds} s; index: {index}",
    "cli.run.left": "about {left} left",
    "cli.run.ok": "ok",
    "cli.run.failed": "FAILED",
    "cli.option.finite": "{option} {value}: expected a finite number (not nan or inf).",
    "cli.option.date": "{option} '{value}': {dest} must be an ISO date such as 2026-09-30.",
    "cli.vs_band.inconclusive": "inconclusive",
    "cli.den.contacted": "contacted",
    "cli.den.replied": "replied",
    "cli.den.meeting": "meeting",
    "cli.den.qualified": "qualified",
    "cli.den.deal": "deal",
    "cli.stage.positive_reply": "positive_reply",
}
