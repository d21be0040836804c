"""English headings, narrative and table labels of the report notebooks.

Codes ``report.nb.<notebook>.<name>`` (``report.nb.shared.*`` where several notebooks say
the same, ``report.nb.col.*`` for table column labels); a notebook shows one with
``p.word("nb.06.funnel_head")``. Values are ``str.format`` templates.
"""

MESSAGES: dict[str, str] = {
    # 01 (01-overview.ipynb)
    "report.nb.01.intro": (
        "# Outreach overview\n"
        "\n"
        "How the outreach went so far: how many prospects moved through each funnel step, how each\n"
        "success metric stands against its target, and how the rates developed week by week."
    ),
    "report.nb.01.funnel_head": (
        "## Funnel\n"
        "\n"
        "Each bar is one step of the funnel. The label says how many prospects reached it and what "
        "share of the previous step that is."
    ),
    "report.nb.01.metrics_head": "## Every metric against its target",
    "report.nb.01.over_time_head": (
        "## Rates over time\n"
        "\n"
        "The line is the rate of all contacts up to that week, so it settles as data comes in. "
        "Hollow dots are single weeks. Grey hatched weeks are still maturing: their replies and "
        "meetings are not all in yet, so they are not counted (this is not a drop)."
    ),
    # 02 (02-ab-test.ipynb)
    "report.nb.02.intro": (
        "# A/B test\n"
        "\n"
        "Compares the levels of one factor (for example *Du* vs *Sie*, or two message angles) on one\n"
        "success metric: each level's rate with its range of plausible values, the difference to\n"
        "the baseline level, and whether that difference is clear or could be chance."
    ),
    "report.nb.02.rates_head": "## Rates per level",
    "report.nb.02.diff_head": (
        "## Differences to the baseline\n"
        "\n"
        "A difference marked with `*` is *clear*: it stays significant after correcting for the\n"
        "number of comparisons (so it is unlikely to be chance). Hollow dots could well be chance."
    ),
    "report.nb.02.segments_head": (
        "## Inside each industry and company size\n"
        "\n"
        "The same comparison inside every segment, with its range of plausible values. When the\n"
        "effect differs between segments, the overall average can point the wrong way for part of\n"
        "the market: then follow the segments, not the average."
    ),
    "report.nb.02.quality_head": (
        "## Reply quality\n"
        "\n"
        "Not every answer is a good lead: next to the reply rate, the share of contacts who\n"
        'answered positively or "not now" (from the `reply_class` column, when the log has it).'
    ),
    "report.nb.02.no_reply_class": "*(no reply_class column in this log)*",
    "report.nb.02.model_head": (
        "## For analysts: the model\n"
        "\n"
        "A binomial GLM (logistic regression on the counts) of the metric on the factor and the\n"
        "segment columns, as odds ratios with 95 % ranges. The interaction tests above compare this\n"
        "model with one that lets the factor's effect differ per segment (likelihood-ratio test)."
    ),
    # 03 (03-thesis-check.ipynb)
    "report.nb.03.intro": (
        "# ICP thesis check\n"
        "\n"
        "Checks one ICP thesis from `icplab.toml` (a named segment, e.g. *logistics companies with\n"
        "50-199 employees*) against every fixed success metric."
    ),
    "report.nb.03.metrics_head": "## Verdict per metric",
    # 04 (04-icp-refinement.ipynb)
    "report.nb.04.intro": (
        "# ICP refinement\n"
        "\n"
        "Which industry x company-size cells reach the target? Every cell lands in one list:\n"
        "**ICP** (the data shows the target is met), **candidates** (still open, may well meet it:\n"
        "keep testing there), **not ICP** (the data shows the target is missed) and **untested**\n"
        "(too few contacts to say anything). Small cells are pulled towards the overall rate\n"
        "(*estimate*), so one lucky week does not make a segment look great."
    ),
    "report.nb.04.lists_head": "## The four lists",
    "report.nb.04.reco_head": (
        "## Best message and salutation\n"
        "\n"
        "Inside the ICP and candidate cells: where one message angle or form of address is clearly "
        "better\n"
        "(a difference unlikely to be chance, corrected for testing many cells), use it."
    ),
    "report.nb.04.proposal_head": (
        "## Proposed thesis\n"
        "\n"
        "Copy this into `icplab.toml` to check the proposed ICP in future runs."
    ),
    # 05 (05-sample-size.ipynb)
    "report.nb.05.intro": (
        "# Sample-size planner\n"
        "\n"
        "How many contacts does an A/B test need per variant to detect a given difference in a rate?\n"
        "And how many more contacts would settle the metrics that are *not yet clear*?"
    ),
    "report.nb.05.settle_head": (
        "## More contacts to settle the open metrics\n"
        "\n"
        "For each metric on all contacts: its verdict and roughly how many more contacts would turn\n"
        "a *not yet clear* into a clear *meets* or *misses target*."
    ),
    # 06 (06-funnel-value.ipynb)
    "report.nb.06.intro": (
        "# Funnel and value\n"
        "\n"
        "Where does each segment lose its prospects, and which segments bring the most money? Each\n"
        "funnel step is shown with its own base (replies of contacts, meetings of replies, qualified\n"
        "leads of meetings, deals of qualified leads) against the benchmark bands of the sales\n"
        "playbook (SQL to customer typically 15-25 %, the whole pipeline from meeting to deal\n"
        "20-30 %). Then the value per contact and the mean deal value per segment, and the ICP\n"
        "judged by reply rate next to the ICP judged by money."
    ),
    "report.nb.06.funnel_head": "## The funnel step by step",
    "report.nb.06.leaks_head": "## Where each segment leaks most",
    "report.nb.06.no_leaks": "No segment falls clearly behind at any step.",
    "report.nb.06.value_head": (
        "## Value per segment\n"
        "\n"
        "Value per contact: all deal values of a segment divided by its contacts; its plausible\n"
        "range comes from a model built for mostly-zero, skewed amounts (few deals, some large).\n"
        '"open" means fewer than three deals: the upper end is still unknown.'
    ),
    "report.nb.06.no_deal_values": "The log has no deal values (row-level deal_value column).",
    "report.nb.06.value_title": "Value per contact (EUR), highest cells",
    "report.nb.06.icp_head": "## ICP by reply rate and by money",
    "report.nb.06.candidate": "candidate",
    "report.nb.06.not_icp": "not ICP",
    "report.nb.06.untested": "untested",
    "report.nb.06.no_costs": (
        "Add `[costs]` to icplab.toml to see CAC, LTV:CAC and payback per segment."
    ),
    # 07 (07-closed-loop.ipynb)
    "report.nb.07.intro": (
        "# Rejection reasons (closed loop)\n"
        "\n"
        "Why does sales reject the leads outreach brings in? A rejected lead is a meeting that did\n"
        "not become a qualified lead (or, without a qualified column, a meeting without a deal).\n"
        "The reasons are compared by segment and by month; a chi-square test says whether they\n"
        "differ more than chance would explain."
    ),
    "report.nb.07.segments_head": "## Reasons by segment",
    "report.nb.07.reasons_title": "Rejection reasons by segment",
    "report.nb.07.months_head": "## Reasons by month",
    "report.nb.07.no_dates": "No dates (sent_at) in the log, so no monthly view.",
    # 08 (08-next-batch.ipynb)
    "report.nb.08.intro": (
        "# Where the next contacts go\n"
        "\n"
        "You can write to more people next week. Which industries and company sizes should they\n"
        "come from, so that every cell is decided against the target as soon as possible? Cells\n"
        "that are already **settled** (clearly above or below the target, or so close to it that\n"
        "the difference does not matter) get **no** new contacts; the cells still **open** share\n"
        "the batch. Contacts sent recently whose replies are still coming count as on their way,\n"
        "not as failures."
    ),
    "report.nb.08.lines_head": "## The allocation, line by line",
    "report.nb.08.split_head": (
        "## How the contacts are split\n"
        "\n"
        "Each cell's range is the plausible range of its rate on the workspace's statistics\n"
        "(always-valid when `[stats] sequential = true`, safe to re-check after every wave). The\n"
        "batch goes only to open cells; a cell that sits right at the target can only be settled\n"
        "as *at target* after many contacts, so it gets less until the others are decided. With\n"
        "`variants`, each cell's contacts are split so the variants stay balanced. The method and\n"
        "its simulations are described in `docs/next-batch.md`."
    ),
    # 09 (09-sales-cycle.ipynb)
    "report.nb.09.intro": (
        "# Sales cycle\n"
        "\n"
        "How long from the first touch to a reply, a meeting, a qualified lead and a deal, per\n"
        "segment, and what share gets there within the horizon. Contacts that have not reached a\n"
        "step yet are not dropped and not counted as failures: they count for the days they have\n"
        "been observed (Kaplan-Meier), so slow segments are judged by their fit, not by their pace."
    ),
    "report.nb.09.curves_head": "## Share reaching each step, by day since the first touch",
    "report.nb.09.horizon_head": "## Within the horizon",
    "report.nb.09.medians_head": "## Median cycle length",
    "report.nb.09.medians_text": (
        "The median days from the first touch among the contacts that reached the step."
    ),
    "report.nb.09.replies_head": "## Replies by message of the sequence",
    "report.nb.09.first_touch": (
        "The reply-rate target of the playbook is on the first e-mail: `reply_rate_first_touch` "
        "counts only replies to message 1."
    ),
    "report.nb.09.no_reply_step": (
        "The log has no reply_step column (which message was answered)."
    ),
    "report.nb.09.opens_head": "## Opens (diagnostic only)",
    "report.nb.09.no_costs": (
        "Add `[costs]` to icplab.toml (cost per contact by channel, fixed monthly tool cost, gross "
        "margin, months of revenue) to see CAC, LTV:CAC and payback per segment."
    ),
    # the same words in several notebooks
    "report.nb.shared.how_to_read": (
        '<div class="icp-muted">\n'
        "\n"
        "**How to read the verdicts.** Each rate comes with a 95 % range of plausible values (the "
        "bar\n"
        "in the plots). *Meets target*: even the low end of that range reaches the target.\n"
        "*Misses target*: even the high end stays below it. *Not yet clear*: the target lies inside\n"
        "the range, so more contacts are needed to decide.\n"
        "\n"
        "</div>"
    ),
    "report.nb.shared.costs_head": "## What a customer costs",
    # table column labels
    "report.nb.col.by_reply": "by reply rate",
    "report.nb.col.by_value": "by value per contact",
    "report.nb.col.cac_range": "CAC range",
    "report.nb.col.cell": "cell",
    "report.nb.col.contacts": "contacts",
    "report.nb.col.deals": "deals",
    "report.nb.col.industry": "industry",
    "report.nb.col.level": "level",
    "report.nb.col.ltv_cac_range": "LTV:CAC range",
    "report.nb.col.mean_deal_value": "mean deal value",
    "report.nb.col.message": "message",
    "report.nb.col.observed": "observed {days}+ days",
    "report.nb.col.open_rate": "open rate",
    "report.nb.col.payback": "payback",
    "report.nb.col.plausible_range": "plausible range",
    "report.nb.col.positive_reply_rate": "positive reply rate",
    "report.nb.col.positive_share": "positive among replies",
    "report.nb.col.range_95": "plausible range (95 %)",
    "report.nb.col.reached": "reached so far",
    "report.nb.col.replies": "replies",
    "report.nb.col.reply_rate": "reply rate",
    "report.nb.col.segment": "segment",
    "report.nb.col.share_of_replies": "share of replies",
    "report.nb.col.share_within": "share within {days} days",
    "report.nb.col.size_band": "company size",
    "report.nb.col.step": "step",
    "report.nb.col.value_estimate": "value per contact (smoothed)",
    "report.nb.col.value_per_contact": "value per contact",
    "report.nb.col.vs_benchmark": "vs 3:1",
    "report.nb.col.why": "why",
}
