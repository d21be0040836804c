"""English sentences of the funnel (06), closed-loop (07), next-batch (08) and sales-cycle
(09) pages, and of the cost table (06, 09) (code -> ``str.format`` template).

Codes start with ``report.page.<page>.``; the page modules look them up with
``p.word("page.<page>.<name>", **fields)``. Numbers, percentages, amounts and dates go in
already written in the page's language.
"""

MESSAGES: dict[str, str] = {
    # 06 funnel and value
    "report.page.funnel.title": "Funnel and value",
    "report.page.funnel.all": "all",
    "report.page.funnel.intro": "Counted: all {contacts} contacts, overall and per {column}. "
    "\u2193 / \u2191: clearly below / above the benchmark band.",
    "report.page.funnel.leak_below_band": "{rate}, below the benchmark band (from {reference})",
    "report.page.funnel.leak_relative": "{rate} vs {reference} overall",
    "report.page.funnel.target_report": "the report's target",
    "report.page.funnel.target_workspace": "the workspace target",
    "report.page.funnel.target_average": "the average of all contacts (no value target set)",
    "report.page.funnel.value_icp": "Value ICP: cells that clearly bring at least {target} per "
    "contact ({source}).",
    "report.page.funnel.value_too_few": "Value ICP: too few data to judge the cells by value.",
    "report.page.funnel.window": "{step} {days} days",
    "report.page.funnel.windows": "each step counts contacts older than its window: {windows}",
    "report.page.funnel.no_cell": "no cell yet",
    "report.page.funnel.no_value": "ICP by reply rate: {by_reply}. The log has no deal_value "
    "column, so the ICP cannot be judged by money yet.",
    "report.page.funnel.no_value_yet": "ICP by reply rate: {by_reply}. No deal carries a value "
    "above 0 yet and no value target is set, so the ICP cannot be judged by money yet.",
    "report.page.funnel.few_deals": "; no cell has {need} deals yet (most: {cell} with {deals}), "
    "too few to name a highest-value cell",
    "report.page.funnel.no_deals": "; no cell has a deal yet, so none can be named as the "
    "highest-value cell",
    "report.page.funnel.agree": "Both agree.",
    "report.page.funnel.only_reply": "only by replies: {cells}",
    "report.page.funnel.only_value": "only by money: {cells}",
    "report.page.funnel.differ": "They differ: {parts}.",
    "report.page.funnel.conclusion": "ICP by reply rate: {by_reply}. ICP by value per contact "
    "(at least {target}): {by_value}. {diff}",
    "report.page.funnel.cell_deals": "{cell} ({deals} deals)",
    "report.page.funnel.top_value": "; highest value per contact by evidence (at least {low}, "
    "lower end of the plausible range, cells with at least {need} deals): {cells}",
    "report.page.funnel.top_value_tie": "; highest value per contact by evidence (at least {low}, "
    "lower end of the plausible range, cells with at least {need} deals): a tie between {cells}",
    # 07 closed loop
    "report.page.closed_loop.title": "Rejection reasons (closed loop)",
    "report.page.closed_loop.window_qualified": "a meeting counts as rejected once its qualified "
    "decision is due, 90 days after the first touch",
    "report.page.closed_loop.window_deal": "a meeting counts as rejected once its deal decision "
    "is due, 90 days after the first touch",
    "report.page.closed_loop.one_look": " The chi-square p-values assume one look at the data: "
    "when this report is opened every day, read a single small p-value as a hint, not as proof.",
    "report.page.closed_loop.top_reason": "Most frequent reason: {reason} ({count} of {total} "
    "rejected leads with a reason).",
    "report.page.closed_loop.no_reason": "No rejected lead has a reason yet.",
    "report.page.closed_loop.between_levels": "between the levels of {column}",
    "report.page.closed_loop.between_months": "between months",
    "report.page.closed_loop.too_few": "Too few rejected leads with a reason to compare {what}.",
    "report.page.closed_loop.differ": "The reasons differ clearly {what} (chi-square test, "
    "{p_value}).",
    "report.page.closed_loop.no_difference": "No clear difference in the reasons {what} "
    "(chi-square test, {p_value}; could be chance).",
    "report.page.closed_loop.intro": "A rejected lead is a {rejected_as}; {rejected} in this log. "
    "Reviewing why, by segment and month, closes the loop between sales and outreach.",
    # 02 A/B test: reply quality (closed_loop.py)
    "report.page.reply_quality.also_leads": "{level} also leads on positive replies ({rate} of "
    "contacts).",
    "report.page.reply_quality.careful": "Careful: {most} gets the most replies ({reply_rate}), "
    "but {best} gets the most positive ones ({positive_rate}).",
    # CAC, LTV:CAC and payback (06, 09)
    "report.page.cost.open": "open",
    "report.page.cost.unbounded": "unbounded (no cost)",
    "report.page.cost.vs.above": "above 3:1",
    "report.page.cost.vs.below": "below 3:1",
    "report.page.cost.vs.open": "not settled",
    "report.page.cost.months": "{months} months",
    "report.page.cost.note": "CAC: cost of a segment's contacts (per channel, plus its share of "
    "the fixed tool cost) divided by its deals. LTV: mean deal value x gross margin x the months "
    "a customer pays. The ranges come from the uncertainty of the deal count (95 %); the deal "
    "value is taken as known. Benchmark: a customer should return at least three times its cost "
    "(3:1).",
    # 08 next batch
    "report.page.next.title": "Where the next contacts go",
    "report.page.next.column.cell": "cell",
    "report.page.next.column.contacts": "next contacts",
    "report.page.next.column.status": "status",
    "report.page.next.column.counted": "contacts counted",
    "report.page.next.column.maturing": "still maturing",
    "report.page.next.column.rate": "rate",
    "report.page.next.column.range": "plausible range",
    "report.page.next.all_settled": "Every cell is settled against the target of {target}: no "
    "further contacts are needed to decide the ICP.",
    "report.page.next.to_one": "the one cell still open against the target of {target}",
    "report.page.next.to_all": "the {open} cells still open against the target of {target}",
    "report.page.next.to_some": "{getting} of the {open} cells still open against the target of {target}",
    "report.page.next.settled_none": "",
    "report.page.next.settled_one": "; 1 settled cell gets none",
    "report.page.next.settled_many": "; {settled} settled cells get none",
    "report.page.next.conclusion": "Send the next {contacts} contacts to {to}{settled}. Most go to "
    "{top} ({top_contacts}).",
    "report.page.next.window": "{metric}: contacts count {days} days after the first touch",
    "report.page.next.more_lines": "... and {rest} more lines (the figure and this list show the "
    "{shown} with the most contacts; the table has all)",
    "report.page.next.axis": "{metric}: plausible range, target {target} ± tolerance (grey)",
    # 09 sales cycle
    "report.page.cycle.title": "Sales cycle",
    "report.page.cycle.days": "{days} days",
    "report.page.cycle.not_estimable": "not yet estimable",
    "report.page.cycle.intro": "How long does it take from the first touch to a reply, a meeting, "
    "a qualified lead and a deal, and how many get there within {horizon} days, by {column}? "
    "Contacts that have not reached a step yet count for the days they have been observed "
    "(Kaplan-Meier), so a young campaign and a slow segment are not mistaken for a bad one.",
    "report.page.cycle.honesty": "Judged as of **{day}**. The bands are 95 % intervals (log-log "
    "Greenwood). Where few contacts are still observed late in the cycle, the band widens: the "
    "curve's right end rests on fewer contacts.",
    "report.page.cycle.no_dates": "The log has no dates of the steps (sent_at and replied_at, "
    "meeting_at, qualified_at or deal_at): the sales cycle cannot be shown.",
    "report.page.cycle.median_one": "Median time to a {step}: {days} ({level}).",
    "report.page.cycle.median_two": "Median time to a {step}: {fast_days} in {fast}, {slow_days} "
    "in {slow}. Judge slow segments on the cycle's clock, not on a short fixed window.",
    "report.page.cycle.median_one_few": "Median time to a {step}: {days} ({level}), from only {n} "
    "contact(s) that got there: too few to rely on yet.",
    "report.page.cycle.median_two_few": "Median time to a {step}: {fast_days} in {fast}, {slow_days} "
    "in {slow}, from only {fast_n} and {slow_n} contact(s) that got there: too few to compare the "
    "segments' pace yet.",
    "report.page.cycle.x_axis": "days since the first touch",
    "report.page.cycle.opens": "Opens are a diagnostic only, never a target: Apple Mail Privacy "
    "Protection loads every e-mail's images in advance, so many opens are counted that nobody "
    "made.",
}
