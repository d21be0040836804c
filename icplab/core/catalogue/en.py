"""English messages of the statistics and ICP layers (code -> ``str.format`` template)."""

MESSAGES: dict[str, str] = {
    # count columns in words ({x:den})
    "den.contacted": "contacts",
    "den.replied": "replies",
    "den.meeting": "meetings",
    "den.qualified": "qualified leads",
    "den.deal": "deals",
    # metrics
    "metric.fallback": "{metric} uses {used:den} as its denominator: the log has no "
    "{wanted} column.",
    "maturing.metric": "{maturing} contacts sent in the {window} days before {as_of:date} are "
    "still maturing and not counted in {metric} yet.",
    "maturing.check": "{metric}: {maturing} contacts sent in the last {window} days are still "
    "maturing and not counted yet ({counted} counted).",
    # comparison tables
    "compare.baseline_empty": "The baseline '{baseline}' has no {denom}, so no level can be "
    "compared with it; choose another --baseline.",
    "compare.empty_levels": "No {denom} in {levels:list}: rate and comparison left empty "
    "(null) there.",
    "compare.one_level": "Only one level of '{by}' ({base}) has data: there is nothing to compare.",
    "compare.sequential": "Sequential mode: difference intervals and p-values are "
    "always-valid (asymptotic confidence sequence, tuned for {tuning:g} contacts, each "
    "group's variance bounded by its 95 % Wilson interval), so looking every day is fine.",
    "compare.fisher": "Fisher's exact test used for {levels:list} (small counts).",
    "compare.segment": "{by} = {level}: {note}",
    # heterogeneity (--within)
    "within.dropped_within": "Left out of the interaction test: {within} = {levels:list} "
    "(some {factor} level has no data there, or no successes or no failures at all).",
    "within.dropped_factor": "Left out of the interaction test: {factor} = {levels:list} "
    "(no data, or no successes or no failures at all).",
    "within.sequential": "Sequential mode: the interaction p-value is always-valid "
    "(Gaussian-mixture sequence on the likelihood-ratio statistic), so re-testing every "
    "night is fine.",
    "within.untestable": "The interaction test needs at least two {factor} levels in at "
    "least two {within} levels with data; here it cannot be made.",
    "within.baseline_missing": "The baseline '{baseline}' has no contacts in {within} = "
    "{level}; compared with the level with most contacts there instead.",
    # thesis check
    "check.left_out": "{metric} left out: {error}",
    "check.late": "{metric}: {late} {numerator} came more than {window} days after the first "
    "touch and are not counted (outside the window).",
    "check.no_denominator": "{metric}: no {denom} in this segment yet, so no rate and no "
    "estimate of the contacts needed.",
    "check.rate_at_target": "{metric}: the observed rate equals the target exactly; more "
    "contacts alone would not settle it, so no estimate is given.",
    "check.per_contact": "{metric}: contacts needed assume {ratio:.3f} {denom} per contact "
    "as observed.",
    # value metrics
    "value.no_sequential": "{metric} is a value metric: always-valid (sequential) intervals "
    "are not available for it; its interval is fixed-horizon.",
    "value.no_sequential_cells": "{metric} is a value metric: always-valid (sequential) "
    "intervals are not available for it; the cell intervals are fixed-horizon.",
    "value.few_nonzero_check": "{metric}: fewer than three contacts with a {numerator} > 0, "
    "so the spread of the values is unknown and the interval has no upper end yet.",
    "value.method_compare": "{title}: mean {numerator} per {denominator}; intervals by a "
    "two-part (hurdle) log-scale model, differences by Welch's t-test.",
    "value.method_refine": "{title}: mean {numerator} per {denominator}; cell intervals by a "
    "two-part (hurdle) log-scale model, estimates by normal-normal empirical Bayes pooling.",
    "value.few_nonzero": "Fewer than three contacts with a {numerator} > 0 in {levels:list}: "
    "the interval has no upper end there (null).",
    "value.one_level": "Only one level of '{by}' has data: there is nothing to compare.",
    # refinement
    "refine.own_evidence": "Each cell is judged on its own counts: exact (Clopper-Pearson) "
    "bounds of each cell's own counts; each side at one-sided level alpha * 1/2 / R, R = the "
    "cells whose estimate is on that side of the target (selective Bonferroni, Zhao, Small & "
    "Su 2019), so no more than alpha of campaigns show a false icp (or a false not_icp) cell "
    "at one look. The pooled estimate only ranks the cells.",
    "refine.below_so_far": "{cells} cells are below target so far; without send dates recent "
    "contacts may still reply, so they stay open (candidates), not not_icp.",
    "refine.sequential": "Sequential mode: cell bounds are always-valid confidence sequences, "
    "split over {cells} cells (Bonferroni), so re-running every night does not produce "
    "false ICP cells.",
    "pooling.near_complete": "cells look alike: near-complete pooling",
    # sample-ratio check
    "srm.not_assigned": "'{factor}' is not randomly assigned, so its split was not checked "
    "(declare [split.{factor}] shares in icplab.toml to check it).",
    "srm.few_levels": "fewer than two levels: nothing to check the split against.",
    "srm.plan_equal": "an equal split",
    "srm.plan_declared": "the declared split",
    "srm.mismatch": "SAMPLE RATIO MISMATCH: the contacts per {factor} level are far from "
    "{plan} (chi-square p = {p:.2g}). Check how prospects were assigned before trusting "
    "any difference.",
    "srm.fits": "Contacts per {factor} level fit {plan} (chi-square p = {p:.2g}).",
    # binomial GLM
    "model.pooled_levels": "{factor}: {levels} levels; the {limit} with most contacts are "
    "modelled one by one, the other {rest} ({contacts} contacts) are pooled into one level "
    "'{pooled}'.",
    "model.separation": "{factor} = {levels:list}: no successes or no failures (separation); "
    "left out of the model",
    "model.one_level": "{factor}: fewer than two levels with data; not in the model",
    "model.interaction_left_out": "{a} x {b}: some cells are empty or lack successes; "
    "interaction left out",
    "model.huge_se": "some standard errors are huge (quasi-separation): read those odds "
    "ratios as unreliable",
    # funnel and reverse funnel
    "funnel.missing_steps": "No {missing:list} column: left out; the next step counts of the "
    "last one present ({present:arrows}).",
    "funnel.unvalued_deal": "1 won deal of the log has no deal_value: value per contact "
    "and mean deal value count it as 0 EUR.",
    "funnel.unvalued_deals": "{n} won deals of the log have no deal_value: value per contact "
    "and mean deal value count them as 0 EUR.",
    "funnel.no_deal_column": "No deal column: mean_deal_value is over contacts with a "
    "deal_value > 0.",
    "step.replied": "replied",
    "step.meeting": "meeting",
    "step.qualified": "qualified",
    "step.deal": "deal",
    "step.deal_value": "deal_value",
    "step.pipeline": "pipeline",
    "funnel.window": "{step:step} {days} days",
    "funnel.maturing": "As of {as_of:date}, {maturing} recent contact(s) are still maturing: "
    "each step counts only the contacts older than its window ({windows:list}).",
    "funnel.band": "{step:step} {lo:.0%}-{hi:.0%}",
    "funnel.bands_default": "playbook defaults",
    "funnel.bands": "Benchmark bands ({source}): {bands:list}.",
    "plan.no_deals": "No deals in this segment yet: the point estimate is unbounded (null); "
    "the interval comes from the prior alone and is very wide.",
    "plan.no_mature_deals": "No deals among the contacts old enough for the deal window yet: "
    "the point estimate is unbounded (null); the interval comes from the prior alone and is "
    "very wide.",
    "plan.no_qualified": "No qualified column: lead -> qualified and qualified -> deal are "
    "unknown.",
    "period.week": "week",
    "period.month": "month",
    "period.quarter": "quarter",
    "period.year": "year",
    "plan.chance": "About {contacts:,.0f} contacts give an 80 % chance of at least {deals} "
    "deals in a {per:period}, if the rates stay near today's (with the month-to-month variation seen "
    "in the log).",
    "plan.chance_flat": "About {contacts:,.0f} contacts give an 80 % chance of at least "
    "{deals} deals in a {per:period}, if the rates stay near today's (no month-to-month variation "
    "beyond chance measured).",
    "plan.maturing": "As of {as_of:date}, {maturing} recent contact(s) are still maturing: "
    "each step rate counts only the contacts older than its window.",
    # rejection reasons
    "reasons.rule_qualified": "meeting that did not become qualified",
    "reasons.rule_no_qualified": "meeting without a deal (no qualified column)",
    "reasons.rule": "Rejected lead: a {rule}.",
    "reasons.maturing": "As of {as_of:date}, {maturing} recent contact(s) are left out: their "
    "decision is not due yet ({decision:step} counts {window} days after the first touch), so an "
    "open meeting is not counted as rejected.",
    "reasons.no_reason": "{missing} rejected lead(s) without a reason: left out.",
    "reasons.rough": "More than 20 % of the expected counts are below 5: the chi-square "
    "p-value is only a rough guide here.",
    "reasons.no_test": "Fewer than two levels or two reasons with counts: no test.",
    # disclosure (CONTRACT sections 2-4)
    "disclosure.maturity_unknown": "Maturity unknown: the data has no sent_at, so recent contacts that may still "
    "reply cannot be told apart; a below-target result is below target so far, never final.",
    "disclosure.undated": "{undated} contacts have no send date (sent_at): they are counted, but whether "
    "they have had time to reply cannot be checked, so their part of any result is not final.",
    "disclosure.as_of_undated": "every contact with a send date is mature (counted); {undated} without one "
    "are counted as they are.",
    "disclosure.late_successes": "Late successes cannot be excluded for {columns:list} (no matching *_at column): a "
    "success that came after the maturity window still counts.",
    "disclosure.after_as_of": "WARNING: as_of {as_of:date} is older than the newest contact: {after} contacts "
    "sent after it are left out.",
    "disclosure.after_as_of_undated": "WARNING: as_of as_of is older than the newest contact: {after} contacts sent after "
    "it are left out.",
    "disclosure.fixed": "Fixed-horizon inference: valid for one look at the data. If you re-check as data "
    "comes in, use --sequential (or [stats] sequential = true in icplab.toml).",
    "disclosure.sequential": "Always-valid inference (confidence sequences): safe to re-check every day as data "
    "comes in.",
    # contacts left out for a blank value (CONTRACT section 1)
    "blank.contacts": "{n:,} contacts without {what}",
    "blank.contact": "{n:,} contact without {what}",
    "blank.left_out": "{blanks:items}: left out here (counted in every total).",
    "blank.other": "a value in {column}",
    "blank.industry": "an industry",
    "blank.size_band": "a company size",
    "blank.messaging": "a message variant",
    "blank.salutation": "a form of address",
    "blank.region": "a region",
    "blank.channel": "a channel",
    "blank.campaign": "a campaign",
    # factors nested in others (CONTRACT section 6); factor names ({x:factor})
    "nesting.confounded_a": "{factor} is confounded with {other}: each {factor} level occurs in only one {other}, "
    "so a difference between them cannot be told apart from a {other} difference.",
    "nesting.confounded_an": "{factor} is confounded with {other}: each {factor} level occurs in only one {other}, "
    "so a difference between them cannot be told apart from an {other} difference.",
    "factor.industry": "industry",
    "factor.size_band": "size_band",
    "factor.region": "region",
    "factor.messaging": "messaging",
    "factor.salutation": "salutation",
    "factor.channel": "channel",
    "factor.campaign": "campaign",
    # merged spellings of a level
    "labels.merged": "{n} spellings of {level} merged",
    "labels.merged_column": "{column}: {parts:items}",
    # sales cycle (Kaplan-Meier / Aalen-Johansen)
    "cycle.bad_step": "--step '{step}': use one of {steps:list}.",
    "cycle.bad_competing": "--competing {competing}: only 'lost' is a competing outcome, and only for --step deal (a lost deal ends the chance of a won one).",
    "cycle.bad_horizon": "--horizon '{horizon}': give a whole number of days > 0, e.g. 180.",
    "cycle.needs_columns": "cycle --step {step} needs the column(s) {columns:list} (the dates of {dates:list}). Add them to the export (or map them under [columns] in icplab.toml); aggregated counts carry no dates.",
    "cycle.date_of.first_touch": "the first touch",
    "cycle.date_of.lost": "lost deals",
    "cycle.date_of.replied": "the replied",
    "cycle.date_of.meeting": "the meeting",
    "cycle.date_of.qualified": "the qualified",
    "cycle.date_of.deal": "the deal",
    "cycle.after_as_of": "{later} contact(s) sent after {as_of:date} are not counted.",
    "cycle.reason_count": "{n} {reason}",
    "cycle.no_date": "no date",
    "cycle.date_before_sent": "with {date_col} before sent_at",
    "cycle.no_sent_at": "no sent_at",
    "cycle.left_out": "Left out: {reasons:list} (rows with {step} marked yes but no {date_col} cannot be "
    "timed).",
    "cycle.left_out_plain": "Left out: {reasons:list}.",
    "cycle.zero_events": "No contact in {levels:list} has reached {step} yet: the estimate is 0, and the "
    "interval runs from 0 to the exact (Clopper-Pearson) bound on the contacts followed for the whole "
    "horizon.",
    "cycle.zero_events_all": "No contact has reached {step} yet: the estimate is 0, and the interval runs "
    "from 0 to the exact (Clopper-Pearson) bound on the contacts followed for the whole horizon.",
    "cycle.out_of_order": "{n} contact(s) reached {step} before an earlier step ({columns:list}): "
    "their dates break the funnel order and are timed as they are; check the export.",
    "cycle.short": "No contact in {levels:list} was observed for {horizon} days: the estimate there is "
    "the value at the longest follow-up, not a measurement at the horizon.",
    "cycle.window_part": "{segment} {days} days",
    "cycle.window_table": "{metric} counts each segment on its own window: {parts:list}, every other {window} "
    "days.",
    "cycle.horizon": "{metric} is judged on the cycle's clock: the Kaplan-Meier share reaching {numerator} "
    "within {days} days of the first touch (young contacts count for the days observed), as "
    "effective counts (estimate x effective sample size from Greenwood's variance).",
    # next batch
    "next.per_unit": "{metric} is counted per {used}, not per contact: the cells are judged and weighted "
    "in {used} units, so a cell that turns few contacts into {used} needs more contacts than "
    "its share suggests.",
    "next.maturity_unknown": "The data has no send dates (sent_at), so no contact can be shown to be mature: the "
    "statuses treat the counts as final, and a cell below the target is below it so far, not "
    "for good.",
    "next.maturing": "{maturing} contacts sent in the {window} days before {as_of:date} are still maturing: "
    "they count as pending (their replies are coming), not as failures.",
    "next.all_settled": "Every one of the {cells} cells is settled: no contacts are needed to settle them, so "
    "none are allocated (unallocated = all).",
    "next.fixed": "Fixed-horizon inference: statuses re-checked after every wave are not always-valid; "
    "set [stats] sequential = true for verdicts that stay honest under repeated looks.",
    # costs, interaction in points, below target so far
    "costs.maturing": "{maturing} contacts sent in the deal window before {as_of:date} are not counted yet "
    "(neither their cost nor their deals).",
    "costs.no_deal_value": "No deal_value column: LTV, LTV:CAC and payback cannot be computed.",
    "costs.fixed": "Fixed tool cost EUR {monthly:,.0f} a month over {months:.1f} months, spread evenly "
    "over all contacts.",
    "within.additive_excluded": "Left out of the test on differences in points: {within} = {levels:list} (a cell "
    "with fewer than {min_n} {denom}).",
    "check.below_so_far": "{metric}: below target so far ({s} of {n}); without send dates recent contacts may "
    "still reply, so this is not a final fail.",
    # sales-cycle page
    "cycle.no_dated": "{step}: no contact with a sent_at date in the selection, so its cycle cannot be "
    "estimated.",
    "cycle.step_failed": "{step}: {error}",
    "cycle.not_estimable": "{step}: the cycle cannot be estimated here.",
    "cycle.step_note": "{step}: {note}",
    # next batch: one line per allocation row
    "next.line": "{label}: {amount}, {what}",
    "next.contacts": "{n:,} contacts",
    "next.one_contact": "1 contact",
    "next.open": "still open at {lo}-{hi} %",
    "next.open_wave_small": "still open at {lo}-{hi} %; this wave is too small to reach every open cell",
    "next.wave_small": "The wave of {contacts} contacts is smaller than the {open_cells} open cells: a cell with "
    "0 is still open and needs contacts in a later wave.",
    "next.open_none": "still open at {lo}-{hi} %, but it already has a large share of the contacts",
    "next.open_new": "still open (no contacts yet)",
    "next.open_maturing": "still open (all its contacts are still maturing)",
    "next.settled_above": "settled above target",
    "next.settled_below": "settled below target",
    "next.settled_below_so_far": "below target so far (counts treated as final)",
    "next.within_tolerance": "within tolerance of the target ({lo}-{hi} %)",
    "by.no_column": "cannot {doing} by '{by}': no such column. Available: {columns}.",
    "by.doing.funnel": "show the funnel",
    "by.doing.cycle": "show the cycle",
    "by.doing.reasons": "tabulate reasons",
    "compare.summary.metric": "{metric:metric}",
    "compare.summary.no_data": "no level besides the baseline has data.",
    "compare.summary.nothing": "Nothing to compare on {label}: {why}",
    "compare.summary.same_rate": "every level is at {rate:.1f} % so far, so nothing tells them apart.",
    "compare.summary.after": " after {method}",
    "compare.summary.pp": "{d:+.1f} pp",
    "compare.summary.ci": "[{lo:.1f}, {hi:.1f}]",
    "compare.summary.eur": "{sign}EUR {amount:,.0f}",
    "compare.summary.eur_ci": "[EUR {lo:,.0f}, {hi:,.0f}]",
    "compare.summary.beats": "{level} beats {baseline} on {label}: {diff} {ci}, significant{corr}",
    "compare.summary.trails": "{level} trails {baseline} on {label}: {diff} {ci}, "
    "significant{corr}",
    "compare.summary.no_clear": "No clear difference to {baseline} on {label}: the largest "
    "signal is {level} at {diff} {ci}, not significant{corr} (could be chance)",
    "compare.summary.several": "; {n} levels differ significantly",
    "compare.summary.sequential": "; always-valid sequential p-values",
    "compare.summary.sentence": "{main}{several}{how}.",
    "compare.summary.differs": "The difference in points of {by} differs by {within} (p = "
    "{p:.2g}), so there is no single winner: {per}. Overall: {overall}",
    "metric_word.reply_rate": "reply rate",
    "metric_word.positive_reply_rate": "positive reply rate",
    "metric_word.meeting_rate": "meeting rate",
    "metric_word.deal_rate": "deal rate",
    "metric_word.value_per_contact": "value per contact",
    "assign.bad_variants": "--variants {text!r}: write COLUMN=A,B with at least two different variants, e.g. --variants messaging=zeitersparnis,fehlerrate.",
    "assign.bad_ratio": "--ratio {text!r}: give {k} whole numbers >= 1 separated by ':', one per variant, e.g. {example}.",
    "assign.not_found": "{path}: file not found. Check the path.",
    "assign.no_column": "--by {col}: the contact list has no such column. Its headers: {headers:list}.",
    "assign.no_band_column": "--by {col}: the contact list has no such column (and no employees column to derive it from). Its headers: {headers:list}.",
    "assign.bad_sizes": "employees: row(s) {rows} hold no head count >= 1 or range (e.g. 120, 2.000, 51-200, 10000+). Fix the cells or leave them blank.",
    "assign.outside_ranges": "employees: row {row} holds a head count that lies in none of the file's ranges ({ranges:list}). Configure [size_bands] edges in icplab.toml or fix the cell.",
    "assign.straddles": "employees: the range in row(s) {rows} straddles the size bands {low} and {high}. Configure [size_bands] edges that match the export's ranges, or fix the cells.",
    "assign.no_rows": "{source}: the contact list has no rows; nothing to assign.",
    "assign.bad_toml": "{path}: not valid TOML ({reason}); fix it before assigning.",
    "lock.unreadable": "{path}: {what} is unreadable ({reason}). Restore {name} from version control, or delete it and run 'icplab lock --accept' to lock the current metrics.",
    "lock.cannot_write": "{path}: cannot write the metric lock ({reason}).",
    "lock.cannot_write_record": "{path}: cannot write the record of the metric lock ({reason}).",
    "lock.what.file": "the metric lock file",
    "lock.what.record": "the record of the last metric lock",
    "compare.unknown_metric": "unknown metric '{metric}'; known metrics: {known:list}. Define new ones under [metrics.NAME] in icplab.toml.",
    "compare.needs_data": "compare needs an OutreachData (icplab.data.load.load) or a DataFrame.",
    "compare.no_contacted": "the table has no 'contacted' column; pass a loaded outreach log (icplab.data.load.load) or a count table from icplab.data.counts.counts.",
    "compare.by_rejection_reason": "compare --by rejection_reason has nothing to compare: a rejection reason exists only for rejected leads, so every rate by it is empty. Tabulate the reasons with 'icplab reasons DATA --by industry' (or --by size_band, channel, month).",
    "compare.no_by_column": "cannot compare by '{by}': no such column. Available: {columns:list}.",
    "compare.no_match": "no contacts match the --where filters: {why} Loosen the filters or fix the level names.",
    "compare.all_maturing": "every contact here was sent in the last {window} days and is still maturing for {metric} (as of {as_of:date}); nothing can be compared yet (untested). Look again later, or pass an earlier --as-of.",
    "compare.within_mean": "--within works on rate metrics; {metric} is a value metric. Compare it per segment with --where instead.",
    "within.same_as_factor": "--within {within}: choose a column other than the compared factor '{factor}'.",
    "within.no_column": "cannot compare within '{within}': no such column. Available: {columns:list}.",
    "compare.no_columns": "no such column: {missing:list}. Available: {columns:list}.",
    "compare.bad_alpha": "alpha must be between 0 and 1, got {alpha}.",
    "compare.no_denominator": "{metric}: no level has any {denom} (its denominator), so there is no rate to compare. Pick another metric or widen the --where filters.",
    "compare.bad_baseline": "baseline '{baseline}' is not a level of '{by}' here; levels: {levels:list}.",
    "costs.not_configured": "CAC and LTV:CAC need [costs] in icplab.toml, e.g. per_contact = {{ email = 0.5, linkedin = 2.5 }}, monthly_fixed = 450, gross_margin = 0.8, ltv_months = 24.",
    "costs.no_deal": "CAC needs a deal column (1/0), but the data has none.",
    "costs.no_by_column": "cannot show costs by '{by}': no such column.",
    "cycle.no_sent_at_selected": "no contact with a sent_at date in the selection: the {step} cycle cannot be estimated. Check the sent_at column and the --where filters.",
    "funnel.needs_data": "funnel needs a path, an OutreachData or a pandas DataFrame.",
    "where.no_match": "no contacts match the --where filters; loosen them or check the level names.",
    "next.mean_metric": "{metric} is a value metric (a mean): the next-batch planner works on rates. Use --metric reply_rate, meeting_rate or deal_rate.",
    "next.bad_contacts": "--contacts {contacts}: give a whole number of contacts, at least 1.",
    "next.bad_tolerance": "--tolerance {tolerance}: give a rate between 0 and 1, e.g. 0.02.",
    "next.variants_in_by": "--variants {variants} is also in --by; name it in one of them only.",
    "next.no_column": "cannot plan by {names}: no such column in {source}. Check --by / --variants.",
    "next.no_contacts": "{source}: no contacts in this segment, nothing to plan.",
    "plan.bad_deals": "--deals must be a number of deals > 0, got {deals}.",
    "plan.bad_per": "--per must be one of {periods:list}, got '{per}'.",
    "plan.no_deal": "plan needs a 'deal' column (1 when the prospect became a customer): without deals there is no rate to plan from. Add it to the export.",
    "reasons.no_meeting": "reasons needs a 'meeting' column.",
    "reasons.no_decision": "reasons needs a 'qualified' or a 'deal' column to tell rejected leads (a meeting that did not become qualified) from accepted ones.",
    "reasons.no_column": "the data has no rejection_reason column (German: Ablehnungsgrund). Add one with the reason sales gave for each rejected lead, from a fixed list.",
    "reasons.aggregated": "reasons needs the row-level log (one prospect per row), not aggregated counts.",
    "reasons.by_reason": "--by rejection_reason: choose the segment column, e.g. --by industry.",
    "refine.no_column": "cannot refine by {names}: no such column in {source}.",
    "refine.no_contacts": "{source}: no contacts in this segment, nothing to refine.",
    "refine.zero_denominator": "{metric}: the denominator ({denom}) is zero in every cell; there is nothing to judge yet.",
    "value.no_target": "metric '{metric}' has no target (a value metric has no default). Set one in icplab.toml, e.g. [metrics.{metric}] target = 150 (EUR per contact), or pass a target (refine --target).",
    "value.no_contacts": "{metric}: no contacts to compare.",
    "value.no_contacts_refine": "no contacts in this segment, nothing to refine.",
    "check.needs_thesis": "check needs a thesis name, a Thesis or a where-filter dict.",
    "check.needs_data": "check needs an OutreachData (icplab.data.load.load) or a count table.",
    "check.what_thesis": "thesis '{name}'",
    "check.what_segment": "the segment",
    "check.all_later": "{what}: none of its contacts had been sent as of {as_of:date} (they were all sent later), so there is nothing to judge yet on that day.",
    "check.no_match": "{what}: no contacts match its filters ({filters}). {why} Check the level names and ranges, or collect data there first.",
    "check.no_match_since": "{what}: no contacts match its filters ({filters}, sent on or after {since:date}). {why} Check the level names and ranges, or collect data there first.",
    "check.none_since": "{what}: none of its {n} contacts was sent on or after {since:date}, and it is "
    "checked only on contacts sent since then (since, e.g. set by refine --propose). Send new "
    "contacts to this segment, then check again.",
    "check.no_filters": "no filters",
    "check.unknown_metric": "unknown metric '{metric}'; known metrics: {known:list}.",
    "check.none_computable": "thesis '{name}': none of the metrics can be computed on this data. {notes}",
    "check.no_theses": "{path}: no theses defined. Add [[theses]] entries with name, statement and where (see 'icplab init').",
    "model.unknown_metric": "unknown metric '{metric}'. Known: {known:list}.",
    "model.no_observations": "{metric}: no observations to model.",
    "stats.unknown_correction": "unknown correction '{method}'; use one of {methods:list}.",
    "planning.bad_rate": "{name} must be a rate between 0 and 1 (e.g. 0.12 for 12 %), got {value}.",
    "planning.zero_lift": "lift must not be 0: no sample size can detect no difference.",
    "planning.rate_is_target": "rate equals the target: no number of contacts can separate them. Plan with the smallest difference that matters, e.g. --rate 0.18 --target 0.15.",
    "srm.missing_share": "[split.{factor}] in icplab.toml has no share for {missing:list}; declared: {declared:list}. Add a weight for every level.",
    "srm.share_not_positive": "[split.{factor}]: every share must be positive.",
    "api.bad_data": "expected a file path, an OutreachData or a pandas DataFrame, got {kind}.",
    "lock.ok": "Metrics match the lock ({name}, locked {locked_at:date}).",
    "lock.ok_note": "Metrics match the lock ({name}, locked {locked_at:date}). {note}",
    "lock.created": "Metrics locked now in {path}.",
    "lock.restored": "{name} was missing; the metrics match the record of the last lock ({source}, locked {locked_at:date}), so it was written again.",
    "lock.unlocked": "Metrics are not locked yet; the first 'icplab run' or 'icplab lock' locks them in {path}.",
    "lock.tampered": "The metric lock {name} was edited by hand: the metrics in it do not match its fingerprint, so it no longer shows what was locked.",
    "lock.tampered_changes": "Changes since the last lock ({record}):",
    "lock.tampered_advice": "Change metrics openly in icplab.toml and accept them with 'icplab lock --accept' (the change is recorded), or restore the lock file from version control.",
    "lock.changed": "The success metrics changed since they were locked ({name}):",
    "lock.changed_advice": "Accept the change with 'icplab lock --accept' (or 'icplab run --accept-metric-change').",
    "lock.change_item": "  - {change}",
    "lock.change_field": "{metric}.{field}: {old} -> {new}",
    "lock.change_added": "{metric}: added ({definition})",
    "lock.change_removed": "{metric}: removed (was {definition})",
    "lock.line_then": "{first}\n{rest}",
    "lock.missing_note": "{name} is missing; the locked values come from the record of the last lock, {source}.",
    "lock.history_tampered": "{name} had been edited by hand; the current metrics were locked",
    "compare.mean_fixed": "{metric} is a value metric: always-valid (sequential) intervals are not available for it; the intervals and p-values are fixed-horizon.",
}
