"""Multi-factor binomial GLM of a funnel metric, fitted on aggregated counts.

The two-column binomial GLM on counts per cell reproduces a row-level logistic regression
exactly (same coefficients and standard errors) at a fraction of the cost
(:func:`fit_model`).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import statsmodels.api as sm
import statsmodels.formula.api as smf
from scipy import special, stats

from icplab.core.config import Config
from icplab.core.errors import NotEnoughDataError, UsageError
from icplab.core.metrics import metric_counts
from icplab.core.notes import Note
from icplab.core.schema import FACTORS
from icplab.data.load import OutreachData

#: Most levels of one factor the model estimates one by one; the rest are pooled (see
#: :func:`pool_levels`). A dense design with one column per level of a 5,000-level
#: factor takes minutes and gigabytes, and its thousands of odds ratios say nothing.
MAX_MODEL_LEVELS = 30
#: The label of the pooled level (brackets: no real level is likely to be called so).
POOLED_LEVEL = "(other)"

#: Interactions tried when the data supports them.
INTERACTIONS: tuple[tuple[str, str], ...] = (("salutation", "industry"),)


@dataclass(frozen=True)
class ModelResult:
    """A fitted model: ``terms`` (term, odds_ratio, or_low, or_high, p_value) and
    ``predictions`` (cell columns, n, successes, predicted, pred_low, pred_high)."""

    metric: str
    formula: str
    terms: pd.DataFrame
    predictions: pd.DataFrame
    notes: tuple[str, ...]
    params: pd.Series
    bse: pd.Series


def model_counts(
    data: OutreachData, metric: str, factors: Sequence[str], config: Config | None = None
) -> pd.DataFrame:
    """Successes and failures of ``metric`` per cell of ``factors``."""
    config = config or Config()
    if metric not in config.metrics:
        raise UsageError(
            Note("model.unknown_metric", metric=str(metric), known=tuple(config.metrics))
        )
    table = data.counts(list(factors))
    s, n = metric_counts(table, config.metrics[metric])
    out = table[list(factors)].astype(str).assign(successes=s, failures=n - s, n=n)
    return out[out["n"] > 0].reset_index(drop=True)


def pool_levels(
    cells: pd.DataFrame, factors: Sequence[str], limit: int = MAX_MODEL_LEVELS
) -> tuple[pd.DataFrame, list[str]]:
    """Pool the levels of each factor beyond the ``limit`` largest (by ``n``) into one.

    Returns the cells re-aggregated over the pooled labels and a plain note per pooled
    factor saying how many levels and contacts were pooled.

    Examples
    --------
    >>> c = pd.DataFrame({"industry": list("abcd"), "successes": [5, 4, 1, 1],
    ...                   "failures": [45, 36, 9, 4], "n": [50, 40, 10, 5]})
    >>> pooled, notes = pool_levels(c, ["industry"], limit=2)
    >>> pooled["industry"].tolist(), pooled["n"].tolist()
    (['(other)', 'a', 'b'], [15, 50, 40])
    >>> notes[0]
    "industry: 4 levels; the 2 with most contacts are modelled one by one, the other 2 (15 contacts) are pooled into one level '(other)'."
    """
    notes: list[str] = []
    pooled = False
    out = cells.copy()
    for f in factors:
        size = out.groupby(f, sort=False)["n"].sum().sort_values(ascending=False, kind="stable")
        if len(size) <= limit:
            continue
        keep = set(size.index[:limit])
        rest = size.iloc[limit:]
        out[f] = out[f].where(out[f].isin(keep), POOLED_LEVEL)
        pooled = True
        notes.append(
            Note(
                "model.pooled_levels",
                factor=f,
                levels=len(size),
                limit=limit,
                rest=len(rest),
                contacts=int(rest.sum()),
                pooled=POOLED_LEVEL,
            )
        )
    if pooled:
        out = out.groupby(list(factors), sort=True)[["successes", "failures", "n"]].sum()
        out = out.reset_index()
    return out, notes


def fit_model(
    data: OutreachData,
    metric: str = "reply_rate",
    factors: Sequence[str] = FACTORS,
    config: Config | None = None,
    interactions: bool = True,
) -> ModelResult:
    """Fit ``successes + failures ~ C(f1) + C(f2) + ... [+ C(a):C(b)]`` on cell counts.

    A factor with more than :data:`MAX_MODEL_LEVELS` levels keeps its largest ones and
    pools the rest into one level (:func:`pool_levels`, said in ``notes``), so the cost
    stays bounded however many levels the data has. Factors with one level are left
    out; a level with no successes (or no failures)
    makes its odds ratio infinite (separation): its cells are dropped with a note rather
    than reported as absurd estimates. An interaction enters only when every one of its
    cells has both successes and failures.

    Examples
    --------
    The sample log plants a higher reply rate for the message angle ``fehlerrate`` and a
    salutation effect that differs by industry (:mod:`icplab.data.sample`); the model
    finds both:

    >>> from icplab.data.load import validate_frame
    >>> from icplab.data.sample import generate_outreach
    >>> res = fit_model(validate_frame(generate_outreach(4000, seed=2), source="demo"))
    >>> res.formula.endswith("+ C(salutation) + C(salutation):C(industry)")
    True
    >>> zeitersparnis = res.terms.set_index("term").loc["C(messaging)[T.zeitersparnis]"]
    >>> bool(zeitersparnis["or_high"] < 1)
    True
    """
    factors = [f for f in factors if f in data.frame.columns]
    cells = model_counts(data, metric, factors, config)
    cells, notes = pool_levels(cells, factors)
    if cells["n"].sum() == 0 or cells.empty:
        raise NotEnoughDataError(Note("model.no_observations", metric=metric))
    for f in list(factors):
        g = cells.groupby(f)[["successes", "failures"]].sum()
        bad = g.index[(g["successes"] == 0) | (g["failures"] == 0)].tolist()
        if bad:
            notes.append(Note("model.separation", factor=f, levels=tuple(bad)))
            cells = cells[~cells[f].isin(bad)]
        if cells[f].nunique() < 2:
            factors.remove(f)
            notes.append(Note("model.one_level", factor=f))
    terms = [f"C({f})" for f in factors]
    for a, b in INTERACTIONS if interactions else ():
        if a in factors and b in factors:
            g = cells.groupby([a, b])[["successes", "failures"]].sum()
            full = len(g) == cells[a].nunique() * cells[b].nunique()
            if full and (g.to_numpy() > 0).all():
                terms.append(f"C({a}):C({b})")
            else:
                notes.append(Note("model.interaction_left_out", a=a, b=b))
    formula = "successes + failures ~ " + (" + ".join(terms) if terms else "1")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = smf.glm(formula, cells, family=sm.families.Binomial()).fit()
    z = stats.norm.ppf(0.975)
    est = pd.DataFrame(
        {
            "term": fit.params.index,
            "odds_ratio": np.exp(fit.params.to_numpy()),
            "or_low": np.exp(fit.params.to_numpy() - z * fit.bse.to_numpy()),
            "or_high": np.exp(fit.params.to_numpy() + z * fit.bse.to_numpy()),
            "p_value": fit.pvalues.to_numpy(),
        }
    )
    if (fit.bse > 10).any():
        notes.append(Note("model.huge_se"))
    pred = fit.get_prediction(cells).summary_frame(alpha=0.05)
    eta = special.logit(np.clip(pred["mean"].to_numpy(), 1e-12, 1 - 1e-12))
    predictions = cells.assign(
        predicted=pred["mean"].to_numpy(),
        pred_low=pred["mean_ci_lower"].to_numpy(),
        pred_high=pred["mean_ci_upper"].to_numpy(),
        logit=eta,
    )
    return ModelResult(
        metric, formula, est, predictions.reset_index(drop=True), tuple(notes), fit.params, fit.bse
    )
