"""Helpers that keep the report notebooks thin.

A report notebook has a ``parameters`` cell with plain values, then parses them into one of
the frozen dataclasses below (unknown names and invalid values are rejected with a clear
message: papermill itself only warns), opens the workspace (config + data), calls into
icplab, shows figures and tables with :func:`show` / :func:`show_table`, and finally
writes its summary JSON with :meth:`ReportParams.finish`.

Examples
--------
>>> p = ABTestParams.from_namespace({"factor": "salutation", "language": "de"})
>>> p.factor, p.tr("reply", "Antwort")
('salutation', 'Antwort')
>>> ABTestParams.from_namespace({"factr": "salutation"})
Traceback (most recent call last):
...
icplab.core.errors.UsageError: unknown report parameter 'factr'. Known parameters: as_of, baseline, config, data, factor, language, metric, metric_change, report_name, summary_path, where, workspace.
"""

from __future__ import annotations

import html as _html
import types
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, ClassVar

import pandas as pd

from icplab.core.config import CONFIG_FILENAME, Config
from icplab.core.errors import ConfigError, UsageError
from icplab.core.metrics import lookup_metric
from icplab.report.summary import ReportSummary, write_summary
from icplab.report.tables import record_table

LANGUAGES: tuple[str, ...] = ("en", "de")
#: Names that are not parameters even though they are visible in a notebook's namespace.
_NAMESPACE_NOISE = frozenset({"In", "Out", "get_ipython", "exit", "quit", "open"})

VERDICT_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "pass": "meets target",
        "fail": "misses target",
        "inconclusive": "not yet clear",
        "untested": "too few contacts",
        "info": "for information",
        "failed": "report failed",
    },
    "de": {
        "pass": "Ziel erreicht",
        "fail": "Ziel verfehlt",
        "inconclusive": "noch offen",
        "untested": "zu wenige Kontakte",
        "info": "zur Information",
        "failed": "Bericht fehlgeschlagen",
    },
}


@dataclass(frozen=True)
class ReportParams:
    """Parameters every report notebook takes.

    Parameters
    ----------
    workspace
        Workspace folder (holds ``icplab.toml`` and the data); relative paths are relative
        to the notebook's working folder. Default ``..`` (the notebook sits in ``notebooks/``).
    data
        Outreach log, relative to ``workspace`` unless absolute; empty (the default): the
        ``[workspace] data`` of the workspace's ``icplab.toml``.
    config
        ``icplab.toml`` relative to ``workspace``; when it does not exist, the defaults apply.
    language
        ``en`` or ``de``.
    summary_path
        Where to write the summary JSON; empty: write nothing.
    report_name
        Name of the report (the runner passes the plan entry's name).
    metric_change
        Non-empty when the locked metrics changed: shown as a banner on top of the report.
    as_of
        ISO date the data is judged as of (maturity windows); empty: ``[workspace] as_of``
        of ``icplab.toml``, else the day the report runs.
    """

    workspace: str = ".."
    data: str = ""
    config: str = CONFIG_FILENAME
    language: str = "en"
    summary_path: str = ""
    report_name: str = ""
    metric_change: str = ""
    as_of: str = ""

    default_name: ClassVar[str] = "report"

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            want = f.type if isinstance(f.type, type) else _TYPES.get(str(f.type))
            if want is not None and not _is_type(value, want):
                raise UsageError(
                    f"report parameter '{f.name}' must be {_TYPE_WORDS.get(str(f.type), f.type)}, "
                    f"got {value!r}."
                )
        if self.language not in LANGUAGES:
            raise UsageError(
                f"report parameter 'language' must be one of {', '.join(LANGUAGES)}, "
                f"got {self.language!r}."
            )

    @classmethod
    def from_namespace(cls, namespace: Mapping[str, Any]) -> ReportParams:
        """Collect the parameters from a notebook's namespace (``globals()``).

        Names that are not fields of the dataclass are rejected, so a typo in a report
        plan fails loudly instead of being ignored.
        """
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {}
        for name, value in namespace.items():
            if name.startswith("_") or name in _NAMESPACE_NOISE:
                continue
            if isinstance(value, (types.ModuleType, type)) or callable(value):
                continue
            if name not in known:
                raise UsageError(
                    f"unknown report parameter '{name}'. Known parameters: "
                    f"{', '.join(sorted(known))}."
                )
            values[name] = value
        return cls(**values)

    # -- language -----------------------------------------------------------------------
    def tr(self, en: str, de: str) -> str:
        """The English or German text, by ``language``."""
        return de if self.language == "de" else en

    def verdict_text(self, verdict: str) -> str:
        return VERDICT_TEXT[self.language].get(verdict, verdict)

    # -- workspace ----------------------------------------------------------------------
    @property
    def workspace_path(self) -> Path:
        """The workspace folder.

        ``workspace`` (default ``..``: the notebook sits in ``notebooks/`` and runs there, as
        in JupyterLab). When that folder has no config file, the nearest folder upwards
        from the working folder that has one is used, so ``papermill notebooks/x.ipynb
        out.ipynb`` run from the workspace itself finds it too.
        """
        given = Path(self.workspace).expanduser().resolve()
        if Path(self.config).is_absolute() or (given / self.config).exists():
            return given
        here = Path.cwd().resolve()
        for folder in (here, *here.parents):
            if (folder / self.config).exists():
                return folder
        return given

    @property
    def data_path(self) -> Path:
        """The outreach log: ``data``, or ``[workspace] data`` of the config when empty."""
        data = self.data or (self.load_config().data or "")
        if not data:
            raise UsageError(
                "no outreach log given: set [workspace] data in icplab.toml (relative to the "
                "workspace) or the report parameter 'data'."
            )
        p = Path(data).expanduser()
        return p if p.is_absolute() else self.workspace_path / p

    def load_config(self) -> Config:
        """``icplab.toml`` of the workspace, or the defaults when there is none."""
        p = Path(self.config).expanduser()
        p = p if p.is_absolute() else self.workspace_path / p
        return Config.load(p) if p.exists() else Config()

    def load_data(self, config: Config | None = None):
        """The outreach log (validated, personal data dropped)."""
        from icplab.data.load import load

        config = config or self.load_config()
        if not self.data_path.exists():
            raise UsageError(
                f"{self.data_path}: data file not found. Set the report parameter 'data' "
                "(relative to the workspace) or [workspace] data in icplab.toml."
            )
        return load(self.data_path, config=config)

    @property
    def name(self) -> str:
        return self.report_name or self.default_name

    def judged_as_of(self, config: Config | None = None):
        """The ``as_of`` date: the parameter, else the config's, else today."""
        from icplab.data.maturity import resolve_as_of

        return resolve_as_of(self.as_of or None, (config or self.load_config()).as_of)

    # -- output ---------------------------------------------------------------------------
    def finish(
        self, title: str, verdict: str, key_figure: str, details: Mapping[str, Any] | None = None
    ) -> ReportSummary:
        """Write the summary JSON (when ``summary_path`` is set) and return it."""
        return write_summary(
            self.summary_path or None,
            report=self.name,
            title=title,
            verdict=verdict,
            key_figure=key_figure,
            details=dict(details or {}),
            metric_change=self.metric_change,
        )


_TYPES: dict[str, type | tuple[type, ...]] = {
    "str": str,
    "int": int,
    "float": (int, float),
    "bool": bool,
    "list[str]": (list, tuple),
    "tuple[str, ...]": (list, tuple),
}
_TYPE_WORDS = {
    "str": "text",
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "list[str]": "a list of text values",
    "tuple[str, ...]": "a list of text values",
}


def _is_type(value: Any, want: type | tuple[type, ...]) -> bool:
    if (want is int or want == (int, float)) and isinstance(value, bool):
        return False
    return isinstance(value, want)


def metric_param(config: Config, metric: str):
    """The metric named ``metric`` in ``config``, or a clear error listing the known ones."""
    found = lookup_metric(metric, config.metrics)  # also positive_reply_rate, value_per_contact
    if found is None:
        raise ConfigError(
            f"unknown metric '{metric}'. Known metrics: {', '.join(sorted(config.metrics))}."
        )
    return found


@dataclass(frozen=True)
class OverviewParams(ReportParams):
    """Parameters of ``01-overview.ipynb``: ``by`` is the column whose funnels are shown."""

    by: str = "campaign"
    default_name: ClassVar[str] = "01-overview"


@dataclass(frozen=True)
class ABTestParams(ReportParams):
    """Parameters of ``02-ab-test.ipynb``.

    ``factor`` is the column whose levels are compared, ``metric`` the metric, ``baseline``
    the reference level (empty: the level with most contacts), ``where`` optional filters
    like ``["industry=IT,Logistik"]``.
    """

    factor: str = "salutation"
    metric: str = "reply_rate"
    baseline: str = ""
    where: list[str] = field(default_factory=list)
    default_name: ClassVar[str] = "02-ab-test"


@dataclass(frozen=True)
class ThesisParams(ReportParams):
    """Parameters of ``03-thesis-check.ipynb``: the name of a thesis in ``icplab.toml``."""

    thesis: str = "logistik-50-199"
    default_name: ClassVar[str] = "03-thesis-check"


@dataclass(frozen=True)
class RefineParams(ReportParams):
    """Parameters of ``04-icp-refinement.ipynb`` (``min_contacts`` 0: the config's value)."""

    metric: str = "reply_rate"
    min_contacts: int = 0
    default_name: ClassVar[str] = "04-icp-refinement"


@dataclass(frozen=True)
class SampleSizeParams(ReportParams):
    """Parameters of ``05-sample-size.ipynb``.

    ``metric`` to plan for; ``baseline_rate`` 0: the observed rate; ``lifts``: absolute
    differences (in rate, e.g. 0.03 for 3 percentage points) to be able to detect;
    ``power`` the chance to detect such a difference.
    """

    metric: str = "reply_rate"
    baseline_rate: float = 0.0
    lifts: list[float] = field(default_factory=lambda: [0.02, 0.03, 0.05])
    power: float = 0.8
    default_name: ClassVar[str] = "05-sample-size"

    def __post_init__(self) -> None:
        super().__post_init__()
        if not 0 < self.power < 1:
            raise UsageError(f"report parameter 'power' must be between 0 and 1, got {self.power}.")
        if not 0 <= self.baseline_rate < 1:
            raise UsageError(
                f"report parameter 'baseline_rate' must be between 0 and 1, got {self.baseline_rate}."
            )
        if not self.lifts or not all(isinstance(x, (int, float)) and 0 < x < 1 for x in self.lifts):
            raise UsageError(
                "report parameter 'lifts' must be a list of rate differences between 0 and 1, "
                f"e.g. [0.02, 0.05]; got {self.lifts!r}."
            )


# -- display ----------------------------------------------------------------------------


def show(fig) -> None:
    """Display a matplotlib figure as an embedded PNG (works without pyplot)."""
    from IPython.display import Image, display

    from icplab.report.plots import to_png

    display(Image(data=to_png(fig), format="png"))


def show_html(text: str) -> None:
    from IPython.display import HTML, display

    display(HTML(text))


def show_markdown(text: str) -> None:
    from IPython.display import Markdown, display

    display(Markdown(text))


def badge(verdict: str, language: str = "en") -> str:
    """An HTML badge for a verdict (styled by the report template).

    Examples
    --------
    >>> badge("pass")
    '<span class="icp-verdict icp-pass">✓ meets target</span>'
    """
    marks = {
        "pass": "\u2713 ",
        "fail": "\u2717 ",
        "inconclusive": "? ",
        "untested": "\u2013 ",
        "failed": "\u26a0 ",
    }
    word = VERDICT_TEXT.get(language, VERDICT_TEXT["en"]).get(verdict, verdict)
    return (
        f'<span class="icp-verdict icp-{_html.escape(verdict)}">'
        f"{marks.get(verdict, '')}{_html.escape(word)}</span>"
    )


def metric_change_banner(params: ReportParams) -> None:
    """Show the metric-change warning on top of a report, when there is one."""
    if not params.metric_change:
        return
    head = params.tr(
        "The success metrics changed since they were locked.",
        "Die Erfolgskennzahlen wurden seit dem Festschreiben geändert.",
    )
    tail = params.tr(
        "Results are not comparable with earlier reports. Accept the change explicitly "
        "(icplab run --accept-metric-change) once you are sure.",
        "Ergebnisse sind nicht mit früheren Berichten vergleichbar. Bestätigen Sie die "
        "Änderung ausdrücklich (icplab run --accept-metric-change), wenn sie gewollt ist.",
    )
    body = _html.escape(params.metric_change).replace("\n", "<br>")
    show_html(
        f'<div class="icp-warning">\u26a0 {head}<br>{body}<br>'
        f'<span style="font-weight:400">{tail}</span></div>'
    )


def callout(text: str) -> None:
    """A highlighted plain-language conclusion (``text`` is Markdown-free HTML-safe text)."""
    show_html(f'<div class="icp-callout">{_html.escape(text)}</div>')


def pct(x: float, digits: int = 1) -> str:
    """A rate as a percentage, ``n/a`` when undefined.

    Examples
    --------
    >>> pct(0.1234), pct(float("nan"))
    ('12.3 %', 'n/a')
    """
    if x is None or x != x:
        return "n/a"
    return f"{100 * float(x):.{digits}f} %"


def show_table(
    frame: pd.DataFrame,
    columns: Mapping[str, str] | None = None,
    percent: tuple[str, ...] = (),
    points: tuple[str, ...] = (),
    verdict_col: str | None = None,
    language: str = "en",
) -> None:
    """Display a table with friendly headers, percentages and verdict badges, no index.

    Parameters
    ----------
    frame
        The table.
    columns
        Column -> header to show, in display order (others are dropped); default: all.
    percent
        Columns holding rates (shown as ``12.3 %``).
    points
        Columns holding rate differences (shown as ``+1.2 pts``).
    verdict_col
        Column holding verdicts (shown as badges).
    """
    show_html(table_html(frame, columns, percent, points, verdict_col, language))


def table_html(
    frame: pd.DataFrame,
    columns: Mapping[str, str] | None = None,
    percent: tuple[str, ...] = (),
    points: tuple[str, ...] = (),
    verdict_col: str | None = None,
    language: str = "en",
) -> str:
    """The HTML of :func:`show_table`.

    Examples
    --------
    >>> t = pd.DataFrame({"level": ["du"], "rate": [0.171], "verdict": ["pass"]})
    >>> "17.1 %" in table_html(t, percent=("rate",), verdict_col="verdict")
    True
    """
    columns = dict(columns) if columns else {c: c for c in frame.columns}
    out = pd.DataFrame(index=range(len(frame)))
    for col, header in columns.items():
        if col not in frame.columns:
            continue
        values = frame[col].tolist()
        if col in percent:
            cells = ["" if v is None or v is pd.NA else pct(v) for v in values]
        elif col in points:
            cells = ["" if v is None or v != v else f"{100 * float(v):+.1f} pts" for v in values]
        elif col == verdict_col:
            cells = [badge(str(v), language) for v in values]
        else:
            cells = [_html.escape(_fmt(v)) for v in values]
        out[header] = cells
    return out.to_html(index=False, escape=False, border=0, classes="icp-table")


def _fmt(v: Any) -> str:
    if v is None or (isinstance(v, float) and v != v):
        return ""
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, int) or (
        hasattr(v, "dtype") and str(getattr(v, "dtype", "")).startswith("int")
    ):
        return f"{int(v):,}"
    if isinstance(v, float):
        return f"{v:.3g}"
    return str(v)


# -- report tables ------------------------------------------------------------------------


def with_range(table: pd.DataFrame) -> pd.DataFrame:
    """Add a ``range`` column ``"13.9-15.5 %"`` from ``ci_low`` and ``ci_high``.

    Examples
    --------
    >>> with_range(pd.DataFrame({"ci_low": [0.139], "ci_high": [0.155]}))["range"].tolist()
    ['13.9 – 15.5 %']
    """
    t = table.copy()
    t["range"] = [
        ""
        if lo is None or hi is None or lo != lo or hi != hi
        else f"{100 * float(lo):.1f} \u2013 {100 * float(hi):.1f} %"
        for lo, hi in zip(t["ci_low"], t["ci_high"], strict=True)
    ]
    return t


def show_metrics_table(table: pd.DataFrame, p: ReportParams) -> None:
    """Metric verdict table (overview, thesis check)."""
    record_table(p.summary_path, "metrics", table)
    show_table(
        with_range(table),
        {
            "label": p.tr("metric", "Kennzahl"),
            "successes": p.tr("successes", "Erfolge"),
            "n": p.tr("out of", "von"),
            "rate": p.tr("rate", "Quote"),
            "range": p.tr("plausible range", "plausibler Bereich"),
            "target": p.tr("target", "Ziel"),
            "verdict": p.tr("verdict", "Ergebnis"),
            "more_contacts_needed": p.tr("more contacts needed", "weitere Kontakte nötig"),
        },
        percent=("rate", "target"),
        verdict_col="verdict",
        language=p.language,
    )


def show_compare_table(table: pd.DataFrame, p: ReportParams) -> None:
    """A/B comparison table with plain headers."""
    record_table(p.summary_path, "comparison", table)
    t = with_range(table)
    if "significant" in t.columns:
        t["clear"] = [
            ""
            if v is None or v is pd.NA or v != v
            else (p.tr("yes", "ja") if v else p.tr("no", "nein"))
            for v in t["significant"]
        ]
    if "prob_beats_baseline" in t.columns:
        t["prob"] = t["prob_beats_baseline"]
    if "is_baseline" in t.columns:
        base = t["is_baseline"].astype(bool).to_numpy()
        t["level"] = [
            f"{lv} (baseline)" if b else lv for lv, b in zip(t["level"], base, strict=True)
        ]
        for col in ("prob", "diff", "clear"):
            if col in t.columns:
                t[col] = t[col].astype(object).where(~base, None)
    show_table(
        t,
        {
            "level": p.tr("level", "Ausprägung"),
            "n": p.tr("contacts", "Kontakte"),
            "successes": p.tr("successes", "Erfolge"),
            "rate": p.tr("rate", "Quote"),
            "range": p.tr("plausible range", "plausibler Bereich"),
            "diff": p.tr("difference", "Unterschied"),
            "prob": p.tr("chance it beats the baseline", "Chance, die Basis zu schlagen"),
            "clear": p.tr("clear difference?", "klarer Unterschied?"),
            "verdict": p.tr("verdict", "Ergebnis"),
        },
        percent=("rate", "prob"),
        points=("diff",),
        verdict_col="verdict",
        language=p.language,
    )


def show_segments_table(table: pd.DataFrame, p: ReportParams) -> None:
    """Refinement cells (industry x size band) with rate, shrunk estimate and range."""
    record_table(p.summary_path, "segments", table)
    if table.empty:
        show_markdown(p.tr("*(none)*", "*(keine)*"))
        return
    show_table(
        with_range(table),
        {
            "industry": p.tr("industry", "Branche"),
            "size_band": p.tr("company size", "Unternehmensgröße"),
            "n": p.tr("contacts", "Kontakte"),
            "rate": p.tr("rate", "Quote"),
            "estimate": p.tr("estimate (smoothed)", "Schätzung (geglättet)"),
            "range": p.tr("plausible range", "plausibler Bereich"),
            "verdict": p.tr("verdict", "Ergebnis"),
        },
        percent=("rate", "estimate"),
        verdict_col="verdict",
        language=p.language,
    )


def show_plan_table(table: pd.DataFrame, p: ReportParams) -> None:
    """Sample-size plan table."""
    record_table(p.summary_path, "sample size", table)
    show_table(
        table,
        {
            "lift": p.tr("difference to detect", "zu erkennender Unterschied"),
            "target_rate": p.tr("rate of the better variant", "Quote der besseren Variante"),
            "n_per_group": p.tr("contacts per variant", "Kontakte pro Variante"),
            "n_total": p.tr("contacts in total", "Kontakte insgesamt"),
        },
        percent=("target_rate",),
        points=("lift",),
        language=p.language,
    )
