"""Report figures: funnel, rates against target, differences, segment heatmap, rate over time,
value per contact and reason shares.

Every function is pure: it takes a tidy DataFrame and returns a new
:class:`matplotlib.figure.Figure` built without pyplot (safe under the ``Agg`` backend, no
global state, nothing shown). Figures use large fonts, plain-language titles, percent axes,
the colour-blind-safe Okabe-Ito palette (verdicts are also marked with a symbol, so colour is
never the only cue) and labelled target lines. With nothing to plot, a figure says so in
words instead of raising. The common look lives in :mod:`icplab.report.plots.style`.

Examples
--------
>>> import pandas as pd
>>> table = pd.DataFrame({"level": ["du", "sie"], "n": [200, 180], "successes": [40, 20],
...                       "rate": [0.2, 20 / 180], "ci_low": [0.15, 0.07],
...                       "ci_high": [0.26, 0.16], "verdict": ["pass", "inconclusive"]})
>>> fig = rates(table, target=0.15, title="Reply rate by salutation")
>>> fig.axes[0].get_title(loc="left")
'Reply rate by salutation'
"""

from icplab.report.plots.funnel import FUNNEL_PANELS, funnel
from icplab.report.plots.heatmap import heatmap
from icplab.report.plots.over_time import rate_over_time, weekly_rates
from icplab.report.plots.style import (
    PALETTE,
    STYLE,
    VERDICT_COLOURS,
    VERDICT_MARKS,
    figure_text,
    message_figure,
    to_png,
)
from icplab.report.plots.value import reason_shares, value_per_contact
from icplab.report.plots.verdicts import differences, rates, segment_effects

__all__ = [
    "FUNNEL_PANELS",
    "PALETTE",
    "STYLE",
    "VERDICT_COLOURS",
    "VERDICT_MARKS",
    "differences",
    "figure_text",
    "funnel",
    "heatmap",
    "message_figure",
    "rate_over_time",
    "reason_shares",
    "rates",
    "segment_effects",
    "to_png",
    "value_per_contact",
    "weekly_rates",
]
