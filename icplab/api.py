"""The public Python API (CONTRACT section 7): the CLI's answers as Python objects.

``import icplab`` exposes :func:`load`, :func:`compare`, :func:`check`, :func:`refine`, :func:`funnel` and
:class:`~icplab.core.config.Config`. Each function takes a path, a loaded log
(:class:`~icplab.data.load.OutreachData`) or a pandas DataFrame (row-level log or aggregated
counts) and the command's options as named keyword arguments (no catch-all ``**options``:
a misspelt option is a ``TypeError``, not silently ignored). ``config=None`` finds the
configuration as the CLI does: ``icplab.toml`` in the current folder, else the defaults
(CONTRACT section 3). Each returns a result whose
``to_dict()`` equals the command's ``--format json`` output and whose ``to_frame()`` is a
tidy DataFrame.

Examples
--------
>>> import icplab
>>> from icplab.data.sample import generate_outreach
>>> df = generate_outreach(3000, seed=1)
>>> res = icplab.compare(df, by="salutation", metric="reply_rate", config=icplab.Config())
>>> res.to_dict()["by"], list(res.to_frame().columns[:4])
('salutation', ['level', 'n', 'successes', 'rate'])
>>> icplab.check(df, where={"industry": "Logistik"}, config=icplab.Config()).to_dict()["verdict"]
'pass'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeAlias, TypeVar

import pandas as pd

from icplab.core.config import Config, Thesis, WhereValue, parse_where_value
from icplab.core.errors import UsageError
from icplab.core.notes import Note
from icplab.data.counts import parse_where
from icplab.data.keep import command_columns
from icplab.data.load import OutreachData, validate_frame
from icplab.data.load import load as _load_file
from icplab.icp.compare import ComparisonResult, compare_result
from icplab.icp.cycle import CycleResult
from icplab.icp.cycle import cycle as _cycle
from icplab.icp.disclosure import inference_for
from icplab.icp.funnel import FunnelResult
from icplab.icp.funnel import funnel as _funnel
from icplab.icp.refine import DEFAULT_BY, RefineResult
from icplab.icp.refine import refine as _refine
from icplab.icp.scope import Scope
from icplab.icp.verdicts import CheckResult
from icplab.icp.verdicts import check as _check
from icplab.stats.inference import Inference

F = TypeVar("F", bound=Callable[..., Any])
DataLike: TypeAlias = str | Path | OutreachData | pd.DataFrame
ConfigLike: TypeAlias = Config | str | Path | None
WhereLike: TypeAlias = Mapping[str, Any] | Sequence[str] | None

#: The options every function below shares, documented once (numpydoc entries); a
#: docstring names one as ``%(name)s`` on a line of its own (as pandas' ``@doc``).
SHARED_PARAMETERS = {
    "data": """data
    A path (CSV, Parquet, XLSX), an already loaded log, or a DataFrame with the contract's
    columns (row-level or aggregated counts).""",
    "where": """where
    Restrict to a segment first: filters as a dict or as CLI strings (see
    :func:`resolve_where`).""",
    "sequential": """sequential
    Always-valid confidence sequences instead of fixed-horizon intervals (default: the
    workspace's ``[stats] sequential``).""",
    "config": """config
    The workspace (see :func:`resolve_config`).""",
    "preset": """preset
    A built-in column mapping for a tool's export (``lemlist``, ``apollo``, ``hubspot``,
    ``pipedrive``, ``instantly``, ``german-crm``), as ``--preset`` on the CLI.""",
    "as_of": """as_of
    Judge the data as of this date (maturity windows; default: ``[workspace] as_of``,
    else today).""",
}


def shared_parameters(func: F) -> F:
    """Fill the ``%(name)s`` lines of ``func``'s docstring from :data:`SHARED_PARAMETERS`,
    each at the line's indent.

    Examples
    --------
    >>> @shared_parameters
    ... def f(config=None):
    ...     \"\"\"Parameters
    ...     ----------
    ...     %(config)s
    ...     \"\"\"
    >>> print(f.__doc__.splitlines()[3].strip())
    The workspace (see :func:`resolve_config`).
    """

    def fill(match: re.Match[str]) -> str:
        indent, name = match.group(1), match.group(2)
        return "\n".join(indent + line for line in SHARED_PARAMETERS[name].splitlines())

    func.__doc__ = re.sub(r"^([ \t]*)%\((\w+)\)s$", fill, func.__doc__ or "", flags=re.M)
    return func


def resolve_config(config: ConfigLike = None) -> Config:
    """A :class:`Config` from a Config, a path to ``icplab.toml``, or ``None``.

    ``None`` does what the CLI does: ``icplab.toml`` in the current folder when there is
    one, else the defaults.

    Examples
    --------
    >>> resolve_config(Config()).alpha
    0.05
    """
    if isinstance(config, Config):
        return config
    return Config.load(config)


@shared_parameters
def load(data: DataLike, *, config: ConfigLike = None, preset: str | None = None) -> OutreachData:
    """Load and validate an outreach log (CONTRACT section 1).

    Parameters
    ----------
    %(data)s
    config
        The workspace (size bands, ``[columns]`` mapping); see :func:`resolve_config`.
    %(preset)s

    Returns
    -------
    OutreachData
        ``frame`` holds the canonical columns (``industry``, ``size_band``, ``messaging``,
        ``salutation``, ``replied``, ``meeting``, ...); personal columns are dropped.

    Examples
    --------
    >>> from icplab.data.sample import generate_outreach
    >>> load(generate_outreach(100, seed=1), config=Config()).n_contacts
    100
    """
    return _log(data, resolve_config(config), preset, needs=None)


def _log(
    data: DataLike, cfg: Config, preset: str | None, needs: Iterable[str] | None
) -> OutreachData:
    """:func:`load` for a call that names the columns it ``needs`` beyond the contract's
    and the configuration's (``by``, ``where``, ``within``): the workspace's cache serves
    it unless one of them is a column the cache does not store (CONTRACT section 1)."""
    if isinstance(data, OutreachData):
        return data
    if isinstance(data, pd.DataFrame):
        raw = data.reset_index(drop=True)
        return validate_frame(
            raw,
            source="<DataFrame>",
            size_bands=cfg.size_bands,
            columns=cfg.columns,
            preset=preset,
        )
    if isinstance(data, (str, Path)):
        return _load_file(data, config=cfg, preset=preset, needs=needs)
    raise UsageError(Note("api.bad_data", kind=type(data).__name__))


def inference_of(config: Config, sequential: bool | None = None) -> Inference:
    """The contract's ``sequential=`` (``--sequential`` / ``--no-sequential``) as the one
    :class:`~icplab.stats.inference.Inference` that the judgement takes: the switch when
    given, else the workspace's ``[stats] sequential``; with ``[stats] sequential_tuning``.

    Examples
    --------
    >>> on = Config(sequential=True)
    >>> inference_of(Config()).kind, inference_of(on).kind, inference_of(on, False).kind
    ('fixed', 'sequential', 'fixed')
    """
    if sequential is None:
        return inference_for(config)
    return Inference.of(bool(sequential), config.sequential_tuning)


def scope_of(
    config: ConfigLike = None,
    *,
    where: WhereLike = None,
    as_of: Any = None,
    sequential: bool | None = None,
) -> Scope:
    """The contract's user-facing options as the one :class:`~icplab.icp.scope.Scope` that
    the ICP entry points take: the workspace (:func:`resolve_config`), the filters
    (:func:`resolve_where`; none: ``None``), the as-of date as given and the inference
    (:func:`inference_of`). The public API, the CLI, the reports and the batch runner all
    make their scope here.

    Examples
    --------
    >>> s = scope_of(Config(), where=["industry=IT"], as_of="2026-09-30", sequential=True)
    >>> s.where, s.as_of, s.judged_by().kind
    ({'industry': ('IT',)}, '2026-09-30', 'sequential')
    >>> scope_of(Config()).where is None
    True
    """
    cfg = resolve_config(config)
    return Scope(resolve_where(where, cfg) or None, cfg, as_of, inference_of(cfg, sequential))


def resolve_where(where: WhereLike, config: Config) -> dict[str, WhereValue]:
    """Filters as a dict (``{"industry": ["IT", "Logistik"], "employees": [50, 199]}``)
    or as CLI strings (``["industry=IT,Logistik", "employees=50-199"]``).

    Examples
    --------
    >>> resolve_where({"industry": "IT", "employees": [50, 199]}, Config())
    {'industry': ('IT',), 'employees': Range(lo=50, hi=199)}
    >>> resolve_where(["employees=500+"], Config())
    {'employees': Range(lo=500.0, hi=None)}
    """
    if not where:
        return {}
    if isinstance(where, Mapping):
        return {
            str(k).strip().lower(): parse_where_value(str(k).strip().lower(), v, "where")
            for k, v in where.items()
        }
    if isinstance(where, str):
        where = [where]
    return parse_where(list(where), config.size_bands)


@shared_parameters
def compare(
    data: DataLike,
    *,
    by: str,
    metric: str = "reply_rate",
    where: WhereLike = None,
    baseline: str | None = None,
    alpha: float | None = None,
    correction: str | None = None,
    sequential: bool | None = None,
    config: ConfigLike = None,
    preset: str | None = None,
    within: str | None = None,
    as_of: Any = None,
) -> ComparisonResult:
    """Compare the levels of a factor on a metric, like ``icplab compare``.

    Parameters
    ----------
    %(data)s
    by
        The factor: ``industry``, ``size_band``, ``messaging``, ``salutation`` or any column.
    metric
        A metric of the workspace (default ``reply_rate``).
    %(where)s
    baseline
        Level to compare with (default: the level with most contacts).
    alpha, correction
        Significance level and multiple-comparison method (default: the workspace's).
    %(sequential)s
    %(config)s
    %(preset)s
    within
        Also compare inside every level of this column, with a test of whether the effect
        differs across them (CONTRACT section 3, ``--within``).
    %(as_of)s

    Returns
    -------
    ComparisonResult
        ``to_dict()`` is the JSON of CONTRACT section 4. ``to_frame()`` has one row per level:
        ``level``, ``n`` (the metric's denominator), ``successes``, ``rate``, ``ci_low``,
        ``ci_high``, and for every level but the baseline ``diff``, ``diff_ci_low``,
        ``diff_ci_high``, ``p_value``, ``p_adjusted``, ``prob_beats_baseline``,
        ``significant``.
    """
    cfg = resolve_config(config)
    log = _log(data, cfg, preset, needs=command_columns(by, where, within))
    scope = scope_of(cfg, where=where, as_of=as_of, sequential=sequential)
    return compare_result(log, by, metric, baseline, alpha, correction, scope, within=within)


@shared_parameters
def check(
    data: DataLike,
    thesis: str | Thesis | None = None,
    *,
    where: WhereLike = None,
    metric: str | Sequence[str] | None = None,
    config: ConfigLike = None,
    preset: str | None = None,
    sequential: bool | None = None,
    as_of: Any = None,
) -> CheckResult:
    """Check a thesis (or an ad-hoc segment) against the fixed metrics, like ``icplab check``.

    Parameters
    ----------
    %(data)s
    thesis
        A thesis name from the workspace or a :class:`Thesis`. With ``where`` too, the
        filters narrow the thesis' segment, as on the command line.
    where
        The segment to check when no thesis is given (``None``: all data).
    metric
        One metric name or several (default: every metric of the workspace).
    %(config)s
    %(preset)s
    %(sequential)s
    %(as_of)s

    Returns
    -------
    CheckResult
        ``to_dict()`` is the JSON of CONTRACT section 4; ``to_frame()`` has one row per
        metric: ``metric``, ``target``, ``successes``, ``n``, ``rate``, ``ci_low``,
        ``ci_high``, ``verdict``, ``more_contacts_needed``, ``label``.
    """
    cfg = resolve_config(config)
    scope = scope_of(cfg, where=where, as_of=as_of, sequential=sequential)
    target = cfg.thesis(thesis) if isinstance(thesis, str) else thesis
    metrics = [metric] if isinstance(metric, str) else metric
    log = _log(data, cfg, preset, needs=command_columns(where, getattr(thesis, "where", None)))
    return _check(log, target, metrics, scope, name=None if thesis is not None else "segment")


@shared_parameters
def refine(
    data: DataLike,
    *,
    metric: str = "reply_rate",
    by: Sequence[str] = (),
    where: WhereLike = None,
    min_contacts: int | None = None,
    config: ConfigLike = None,
    preset: str | None = None,
    sequential: bool | None = None,
    as_of: Any = None,
    target: float | None = None,
) -> RefineResult:
    """Sort every industry x size cell into icp / candidates / not_icp / untested, like
    ``icplab refine``.

    Parameters
    ----------
    %(data)s
    metric
        The metric to judge the cells on (default ``reply_rate``).
    by
        Extra cell dimensions beside industry x size band (e.g. ``["messaging"]``).
    %(where)s
    min_contacts
        Cells with fewer contacts are ``untested`` (default: the workspace's ``[refine]``).
    %(config)s
    %(preset)s
    %(sequential)s
    %(as_of)s
    target
        Judge the cells against this target instead of the metric's.

    Returns
    -------
    RefineResult
        ``to_dict()`` is the JSON of CONTRACT section 5; ``to_frame()`` has one row per cell:
        the cell's columns, ``contacts``, ``n``, ``successes``, ``rate``, ``estimate``
        (partially pooled), ``ci_low``, ``ci_high``, ``verdict`` and ``list``.
    """
    cfg = resolve_config(config)
    log = _log(data, cfg, preset, needs=command_columns(list(by), where))
    return _refine(
        log,
        metric,
        (*DEFAULT_BY, *[b for b in by if b not in DEFAULT_BY]),
        min_contacts=min_contacts,
        scope=scope_of(cfg, where=where, as_of=as_of, sequential=sequential),
        target=target,
    )


@shared_parameters
def funnel(
    data: DataLike,
    *,
    by: str | None = None,
    where: WhereLike = None,
    config: ConfigLike = None,
    preset: str | None = None,
    bands: Mapping[str, tuple[float, float]] | None = None,
    as_of: Any = None,
) -> FunnelResult:
    """Every funnel step with its own denominator, like ``icplab funnel`` (CONTRACT section 8).

    Parameters
    ----------
    %(data)s
    by
        One funnel per level of this column (``industry``, ``size_band``, ``channel``,
        ``month``).
    %(where)s
    config
        The workspace (size bands, ``[funnel] bands``; see :func:`resolve_config`).
    %(preset)s
    bands
        Benchmark bands by step (default: the workspace's ``[funnel] bands``).
    as_of
        Judge the data as of this date, each step counting only contacts mature for its
        window.

    Returns
    -------
    FunnelResult
        ``to_dict()`` is the JSON of CONTRACT section 8; ``to_frame()`` has one row per
        step (and level): ``level``, ``stage``, ``of``, ``n``, ``successes``, ``rate``,
        ``ci_low``, ``ci_high`` and the step's benchmark band.

    Examples
    --------
    >>> from icplab.data.sample import generate_outreach
    >>> res = funnel(generate_outreach(2000, seed=3), config=Config())
    >>> [s["stage"] for s in res.to_dict()["stages"]]
    ['replied', 'meeting', 'qualified', 'deal']
    """
    cfg = resolve_config(config)
    log = _log(data, cfg, preset, needs=command_columns(by, where))
    return _funnel(log, by=by, scope=scope_of(cfg, where=where, as_of=as_of), bands=bands)


# ----------------------------------------------------------------------------- next batch


@shared_parameters
def next_batch(
    data: DataLike,
    *,
    contacts: int,
    metric: str = "reply_rate",
    by: Sequence[str] | str | None = None,
    variants: str | None = None,
    tolerance: float | None = None,
    where: WhereLike = None,
    config: ConfigLike = None,
    preset: str | None = None,
    sequential: bool | None = None,
    as_of: Any = None,
) -> Any:
    """Where the next ``contacts`` go, like ``icplab next`` (CONTRACT section 9).

    Parameters
    ----------
    %(data)s
    contacts
        Size of the next batch.
    metric, by, variants, tolerance
        As the command's options (``by`` a list or ``"industry,size_band"``; default
        industry x size band).
    %(where)s
    %(config)s
    %(preset)s
    %(sequential)s
    %(as_of)s

    Returns
    -------
    icplab.icp.next_batch.NextBatchResult
        ``to_dict()`` is the command's JSON; ``to_frame()`` one row per allocation line.
    """
    from icplab.icp.next_batch import DEFAULT_BY as NEXT_BY
    from icplab.icp.next_batch import next_batch as _next_batch

    cfg = resolve_config(config)
    log = _log(data, cfg, preset, needs=command_columns(by, variants, where))
    if isinstance(by, str):
        by = [b.strip() for b in by.split(",") if b.strip()]
    return _next_batch(
        log,
        contacts,
        metric,
        tuple(by) if by else NEXT_BY,
        variants=variants,
        tolerance=tolerance,
        scope=scope_of(cfg, where=where, as_of=as_of, sequential=sequential),
    )


__all__ = [
    "Config",
    "check",
    "compare",
    "funnel",
    "inference_of",
    "load",
    "next_batch",
    "refine",
    "resolve_config",
    "resolve_where",
    "scope_of",
]


@shared_parameters
def cycle(
    data: DataLike,
    *,
    step: str = "deal",
    by: str | None = None,
    horizon: int = 180,
    as_of: Any = None,
    competing: str | None = None,
    where: WhereLike = None,
    config: ConfigLike = None,
    preset: str | None = None,
) -> CycleResult:
    """Time from first touch to a funnel step, by level, like ``icplab cycle`` (CONTRACT
    section 10).

    Parameters
    ----------
    data
        Path, loaded log or DataFrame (row-level, with ``sent_at`` and the step's date).
    step
        ``replied``, ``meeting``, ``qualified`` or ``deal``.
    by
        One estimate per level of this column (default: one level, ``all``).
    horizon
        Days since the first touch at which the cumulative share is read.
    as_of
        Censoring date (default ``[workspace] as_of``, else today).
    competing
        ``"lost"``: deals with lost deals as a competing risk (Aalen-Johansen).
    %(where)s
    %(config)s
    %(preset)s

    Returns
    -------
    CycleResult
        ``to_dict()`` is the JSON of ``icplab cycle``; ``to_frame()`` has one row per level
        (``level``, ``n``, ``events``, ``cumulative``, ``ci_low``, ``ci_high``,
        ``median_days``, ``at_risk``); ``curves()`` the cumulative share by day.

    Examples
    --------
    >>> from icplab.data.sample import generate_outreach
    >>> res = cycle(generate_outreach(2000, seed=3), step="replied", horizon=28,
    ...             as_of="2026-12-31", config=Config())
    >>> res.to_dict()["levels"][0]["level"], res.to_dict()["method"].split(" ")[0]
    ('all', 'Kaplan-Meier')
    """
    cfg = resolve_config(config)
    log = _log(data, cfg, preset, needs=command_columns(by, where))
    return _cycle(
        log,
        step=step,
        by=by,
        horizon=horizon,
        competing=competing,
        scope=scope_of(cfg, where=where, as_of=as_of),
    )


__all__ += ["cycle"]
