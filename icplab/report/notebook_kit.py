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
icplab.core.errors.UsageError: unknown report parameter 'factr'. Known parameters: as_of, baseline, config, config_copy, data, factor, language, metric, metric_change, report_name, run_comparisons, run_p_adjusted, summary_path, where, within, workspace.
"""

from __future__ import annotations

import types
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, ClassVar

import pandas as pd

from icplab.core.config import CONFIG_FILENAME, Config
from icplab.core.errors import ConfigError, UsageError
from icplab.core.metrics import lookup_metric
from icplab.report import text
from icplab.report.summary import ReportSummary, write_summary
from icplab.report.tables import MAX_ROWS_SHOWN, record_table, rows_sentence, top_rows

LANGUAGES: tuple[str, ...] = ("en", "de")
#: Names that are not parameters even though they are visible in a notebook's namespace.
_NAMESPACE_NOISE = frozenset({"In", "Out", "get_ipython", "exit", "quit", "open"})
#: Where :meth:`ReportParams.from_namespace` notes, in the notebook's namespace, which
#: names held the parameters on its first run (later cells add names of their own).
_PARAMETER_NAMES = "_icplab_parameter_names"

#: Verdict words per language (kept here for old imports; the home is :mod:`icplab.report.text`).
VERDICT_TEXT = text.VERDICT_TEXT


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
    config_copy
        Set by ``icplab run``: the copy of ``icplab.toml`` taken when the run started. The
        report reads its settings from it, so a config edited during a run cannot mix two
        versions in one batch (the workspace stays the one of ``config``).
    """

    workspace: str = ".."
    data: str = ""
    config: str = CONFIG_FILENAME
    language: str = "en"
    summary_path: str = ""
    report_name: str = ""
    metric_change: str = ""
    as_of: str = ""
    config_copy: str = ""

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
        plan fails loudly instead of being ignored. The first call notes the names it saw
        in the namespace; running the setup cell again (after later cells added names of
        their own) reads only those, so a notebook can be re-run top to bottom.

        Examples
        --------
        >>> ns = {"language": "de", "workspace": "."}
        >>> ReportParams.from_namespace(ns).language
        'de'
        >>> ns["summary"] = "a later cell's result"
        >>> ReportParams.from_namespace(ns).language
        'de'
        >>> ReportParams.from_namespace({"langauge": "de"})  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        icplab.core.errors.UsageError: unknown report parameter 'langauge'. ...
        """
        known = {f.name for f in fields(cls)}
        seen = namespace.get(_PARAMETER_NAMES)
        if seen is None:
            seen = frozenset(namespace)
            if isinstance(namespace, MutableMapping):
                namespace[_PARAMETER_NAMES] = seen
        values: dict[str, Any] = {}
        for name, value in namespace.items():
            if name not in seen or name.startswith("_") or name in _NAMESPACE_NOISE:
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
        return text.tr(en, de, self.language)

    def word(self, key: str, **fmt: Any) -> str:
        """The text ``key`` of :data:`icplab.report.text.TEXT` in this report's language."""
        return text.word(key, self.language, **fmt)

    def verdict_text(self, verdict: str) -> str:
        return text.verdict_word(verdict, self.language)

    def pct(self, x: Any, digits: int = 1) -> str:
        """A rate as a percentage in this report's language (``13,8 %`` in German)."""
        return text.pct(x, self.language, digits)

    def num(self, x: Any) -> str:
        """A whole number with this language's thousands separator (``3.275``)."""
        return text.integer(x, self.language)

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
        config = Path(self.config).expanduser()
        if config.is_absolute() and not (given / config.name).exists():
            return config.parent  # run from elsewhere with the config's full path
        if config.is_absolute() or (given / self.config).exists():
            return given
        here = Path.cwd().resolve()
        for folder in (here, *here.parents):
            if (folder / self.config).exists():
                return folder
        return given

    @property
    def data_path(self) -> Path:
        """The outreach log: ``data``, or ``[workspace] data`` of the config when empty;
        a relative path is relative to the folder of ``icplab.toml`` (not the folder the
        notebook happens to run in)."""
        config = self.load_config()
        data = self.data or (config.data or "")
        if not data:
            raise UsageError(
                "no outreach log given: set [workspace] data in icplab.toml (relative to the "
                "workspace) or the report parameter 'data'."
            )
        if config.path is not None:
            return config.resolve(data)
        p = Path(data).expanduser()
        return p if p.is_absolute() else self.workspace_path / p

    def load_config(self) -> Config:
        """``icplab.toml`` of the workspace, or the defaults when there is none."""
        p = Path(self.config).expanduser()
        p = p if p.is_absolute() else self.workspace_path / p
        if self.config_copy:  # icplab run: every report reads the text the run started with
            return Config.load(p, text_from=self.config_copy)
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
        # a report reads the contract's and the configuration's columns: the cache serves it
        return load(self.data_path, config=config, needs=())

    @property
    def name(self) -> str:
        return self.report_name or self.default_name

    def judged_as_of(self, config: Config | None = None):
        """The ``as_of`` date: the parameter, else the config's, else today."""
        from icplab.data.maturity import resolve_as_of

        return resolve_as_of(self.as_of or None, (config or self.load_config()).as_of)

    # -- output ---------------------------------------------------------------------------
    def finish(
        self,
        title: str,
        verdict: str,
        key_figure: str,
        details: Mapping[str, Any] | None = None,
        answer: str = "",
        answer_level: str = "",
    ) -> ReportSummary:
        """Write the summary JSON (when ``summary_path`` is set) and return it.

        ``answer`` (A/B reports): the badge that answers the report's question
        (:data:`icplab.report.summary.ANSWERS`), ``answer_level`` the winner.
        """
        return write_summary(
            self.summary_path or None,
            report=self.name,
            title=title,
            verdict=verdict,
            key_figure=key_figure,
            details=dict(details or {}),
            metric_change=self.metric_change,
            answer=answer,
            answer_level=answer_level,
            language=self.language,
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
    like ``["industry=IT,Logistik"]``, ``within`` the columns inside whose levels the
    factor is also compared (the factor itself and columns the log lacks are skipped).
    ``run_p_adjusted`` and ``run_comparisons`` are set by ``icplab run`` when
    ``[stats] correction_scope = "run"``: this report's p-values adjusted across the whole
    run, and the number of comparisons in that run.
    """

    factor: str = "salutation"
    metric: str = "reply_rate"
    baseline: str = ""
    where: list[str] = field(default_factory=list)
    within: list[str] = field(default_factory=lambda: ["industry", "size_band"])
    run_p_adjusted: list[float] = field(default_factory=list)
    run_comparisons: int = 0
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
    """Display a matplotlib figure as an embedded PNG (works without pyplot), with the
    figure's words (title, axes, legend, annotations) as its alt text for screen readers."""
    from IPython.display import Image, display

    from icplab.report.plots import figure_text, to_png

    display(Image(data=to_png(fig), format="png", alt=figure_text(fig)))


def show_html(markup: str) -> None:
    """Display trusted HTML (user text inside must go through :func:`text.html_text`)."""
    from IPython.display import HTML, display

    display(HTML(markup))


def show_markdown(markup: str) -> None:
    """Display trusted Markdown (user text inside must go through :func:`text.md`)."""
    from IPython.display import Markdown, display

    display(Markdown(markup))


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
        "so_far": "\u2193 ",
        "below_target_so_far": "\u2193 ",
        "failed": "\u26a0 ",
    }
    word = text.verdict_word(verdict, language)
    return (
        f'<span class="icp-verdict icp-{text.html_text(verdict)}">'
        f"{marks.get(verdict, '')}{text.html_text(word)}</span>"
    )


def answer_badge(kind: str, level: str = "", language: str = "en") -> str:
    """An HTML badge answering an A/B report's question (``level`` is escaped).

    Examples
    --------
    >>> answer_badge("winner", "<b>du</b>")
    '<span class="icp-verdict icp-answer-winner">✓ clear winner: &lt;b&gt;du&lt;/b&gt;</span>'
    """
    marks = {
        "winner": "\u2713 ",
        "differences": "\u2260 ",
        "no_difference": "= ",
        "nothing_to_compare": "\u2013 ",
        "differs_by_segment": "\u21c4 ",
    }
    words = text.html_text(text.answer_word(kind, language, "\x00"))
    words = words.replace("\x00", text.html_text(level))
    return (
        f'<span class="icp-verdict icp-answer-{text.html_text(kind)}">'
        f"{marks.get(kind, '')}{words}</span>"
    )


def metric_change_banner(params: ReportParams) -> None:
    """Show the metric-change warning on top of a report, when there is one."""
    if not params.metric_change:
        return
    head = params.word("change_head")
    tail = params.word("change_tail")
    body = text.html_text(text.change_lines(params.metric_change, params.language))
    body = body.replace("\n", "<br>")
    show_html(
        f'<div class="icp-warning">\u26a0 {head}<br>{body}<br>'
        f'<span style="font-weight:400">{tail}</span></div>'
    )


def callout(message: str) -> None:
    """A highlighted plain-language conclusion (plain text: it is HTML-escaped here)."""
    show_html(f'<div class="icp-callout">{text.html_text(message)}</div>')


def pct(x: float, digits: int = 1, language: str = "en") -> str:
    """A rate as a percentage, ``n/a`` when undefined (see :func:`icplab.report.text.pct`).

    Examples
    --------
    >>> pct(0.1234), pct(float("nan")), pct(0.1234, language="de")
    ('12.3 %', 'n/a', '12,3 %')
    """
    return text.pct(x, language, digits)


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

    A table longer than :data:`icplab.report.tables.MAX_ROWS_SHOWN` lists the rows with
    most contacts (the baseline row always) and says below how many it leaves out.
    """
    keep = (
        frame["is_baseline"].fillna(False).astype(bool).to_numpy()
        if "is_baseline" in frame
        else None
    )
    shown = top_rows(frame, MAX_ROWS_SHOWN, keep=keep)
    show_html(table_html(shown.table, columns, percent, points, verdict_col, language))
    if shown.hidden:
        show_html(f'<div class="icp-muted">{text.html_text(rows_sentence(shown, language))}</div>')


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
            cells = ["" if v is None or v is pd.NA else pct(v, language=language) for v in values]
        elif col in points:
            cells = ["" if v is None or v != v else text.pp(v, language) for v in values]
        elif col == verdict_col:
            cells = [badge(str(v), language) for v in values]
        else:
            cells = [_label_cell(_fmt(v, language)) for v in values]
        out[text.html_text(header)] = cells
    return out.to_html(index=False, escape=False, border=0, classes="icp-table")


def _label_cell(value: str) -> str:
    """A table cell's text as inert HTML on one line; a label longer than
    :data:`icplab.report.text.TABLE_LABEL_LIMIT` is cut with "…", the whole label in its
    tooltip.

    Examples
    --------
    >>> _label_cell("IT")
    'IT'
    >>> _label_cell("<b>" + "x" * 80)[:40]
    '<span title="&lt;b&gt;xxxxxxxxxxxxxxxxxx'
    """
    short = text.short_label(value)
    if short == value:
        return text.html_text(value)
    whole = " ".join(value.split())
    if short == whole:
        return text.html_text(short)
    return f'<span title="{text.html_text(whole)}">{text.html_text(short)}</span>'


def _fmt(v: Any, language: str = "en") -> str:
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return ""
    if isinstance(v, bool):
        return text.word("yes" if v else "no", language)
    if isinstance(v, int) or (
        hasattr(v, "dtype") and str(getattr(v, "dtype", "")).startswith("int")
    ):
        return text.integer(v, language)
    if isinstance(v, float):
        return text.localise(f"{v:.3g}", language)
    return str(v)


# -- report tables ------------------------------------------------------------------------


def with_range(table: pd.DataFrame, language: str = "en") -> pd.DataFrame:
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
        else text.pct(lo, language).removesuffix(" %") + " \u2013 " + text.pct(hi, language)
        for lo, hi in zip(t["ci_low"], t["ci_high"], strict=True)
    ]
    return t


def show_metrics_table(table: pd.DataFrame, p: ReportParams) -> None:
    """Metric verdict table (overview, thesis check, planner); a default metric's name in
    the report's language."""
    record_table(p.summary_path, "metrics", table)
    if {"metric", "label"} <= set(table.columns):
        table = table.assign(
            label=[
                text.metric_word(str(m), str(label), p.language)
                for m, label in zip(table["metric"], table["label"], strict=True)
            ]
        )
    shown = with_range(table, p.language)
    percent: tuple[str, ...] = ("rate", "target")
    if "kind" in shown.columns and (shown["kind"] == "mean").any():
        shown, percent = _value_rows(shown, p.language), ()
    show_table(
        shown,
        {
            "label": p.word("h_metric"),
            "successes": p.word("h_successes"),
            "n": p.word("h_out_of"),
            "rate": p.word("h_rate"),
            "range": p.word("h_range"),
            "target": p.word("h_target"),
            "verdict": p.word("h_verdict"),
            "more_contacts_needed": p.word("h_more"),
        },
        percent=percent,
        verdict_col="verdict",
        language=p.language,
    )


def _value_rows(table: pd.DataFrame, language: str) -> pd.DataFrame:
    """``rate``, ``target`` and ``range`` as text: percentages for rate metrics, plain
    amounts (two decimals, the language's signs) for value metrics (``kind == "mean"``).

    Examples
    --------
    >>> t = pd.DataFrame({"kind": ["rate", "mean"], "rate": [0.138, 487.6],
    ...                   "target": [0.15, 50.0], "ci_low": [0.1, 133.5],
    ...                   "ci_high": [0.2, 1780.1]})
    >>> _value_rows(with_range(t, "de"), "de")[["rate", "target", "range"]].values.tolist()
    [['13,8 %', '15,0 %', '10,0 – 20,0 %'], ['487,60', '50,00', '133,50 – 1.780,10']]
    """
    t = table.copy()
    mean = (t["kind"] == "mean").to_numpy()

    def amount(v: Any) -> str:
        return "" if v is None or v != v else text.number(float(v), language, 2)

    for col in ("rate", "target"):
        t[col] = [
            amount(v) if m else ("" if v is None or v is pd.NA else pct(v, language=language))
            for v, m in zip(t[col], mean, strict=True)
        ]
    t["range"] = [
        f"{amount(lo)} \u2013 {amount(hi)}" if m and lo == lo and hi == hi else r
        for lo, hi, m, r in zip(t["ci_low"], t["ci_high"], mean, t["range"], strict=True)
    ]
    return t


def show_compare_table(table: pd.DataFrame, p: ReportParams) -> None:
    """A/B comparison table with plain headers (relative lift beside the difference)."""
    record_table(p.summary_path, "comparison", table)
    t = with_range(table, p.language)
    if "significant" in t.columns:
        t["clear"] = [
            "" if v is None or v is pd.NA or v != v else p.word("yes" if v else "no")
            for v in t["significant"]
        ]
    if "prob_beats_baseline" in t.columns:
        t["prob"] = t["prob_beats_baseline"]
    if "diff" in t.columns and "rate" in t.columns and len(t):
        base_rate = float(t["rate"].iloc[0]) if t["rate"].notna().iloc[0] else float("nan")
        t["lift"] = [
            text.lift(d / base_rate, p.language) if base_rate and d == d else ""
            for d in t["diff"].astype(float)
        ]
    if "is_baseline" in t.columns:
        base = t["is_baseline"].astype(bool).to_numpy()
        t["level"] = [
            p.word("baseline_mark", level=lv) if b else lv
            for lv, b in zip(t["level"], base, strict=True)
        ]
        for col in ("prob", "diff", "clear", "lift"):
            if col in t.columns:
                t[col] = t[col].astype(object).where(~base, None)
    show_table(
        t,
        {
            "level": p.word("h_level"),
            "n": p.word("h_out_of"),
            "successes": p.word("h_successes"),
            "rate": p.word("h_rate"),
            "range": p.word("h_range"),
            "diff": p.word("h_diff"),
            "lift": p.word("h_lift"),
            "prob": p.word("h_prob"),
            "clear": p.word("h_clear"),
            "verdict": p.word("h_verdict"),
        },
        percent=("rate", "prob"),
        points=("diff",),
        verdict_col="verdict",
        language=p.language,
    )


def show_effects_table(effects: pd.DataFrame, p: ReportParams) -> None:
    """Per-segment differences (``WithinResult.effects()``) with their ranges."""
    if effects.empty:
        show_markdown(p.word("none"))
        return
    t = effects.copy()
    t["diff_range"] = [
        "" if lo != lo else f"{text.signed(lo, p.language)} \u2013 {text.pp(hi, p.language)}"
        for lo, hi in zip(t["diff_ci_low"], t["diff_ci_high"], strict=True)
    ]
    t["lift"] = [
        text.lift(d / b, p.language) if b and b == b and d == d else ""
        for d, b in zip(t["diff"].astype(float), t["base_rate"].astype(float), strict=True)
    ]
    t["clear"] = [p.word("yes" if v else "no") for v in t["significant"]]
    show_table(
        t,
        {
            "segment": p.word("h_segment"),
            "level": p.word("h_level"),
            "rate": p.word("h_rate"),
            "base_rate": p.word("h_rate") + p.word("base_rate_suffix"),
            "diff": p.word("h_diff"),
            "diff_range": p.word("h_diff_range"),
            "lift": p.word("h_lift"),
            "clear": p.word("h_clear"),
        },
        percent=("rate", "base_rate"),
        points=("diff",),
        language=p.language,
    )


def show_odds_table(terms: pd.DataFrame, p: ReportParams) -> None:
    """Odds ratios of the GLM with their 95 % ranges (analyst section)."""
    t = terms.copy()
    t["or"] = [text.number(v, p.language, 2) for v in t["odds_ratio"]]
    t["or_range"] = [
        f"{text.number(a, p.language, 2)} \u2013 {text.number(b, p.language, 2)}"
        for a, b in zip(t["or_low"], t["or_high"], strict=True)
    ]
    t["p"] = [text.pvalue(v, p.language).removeprefix("p = ") for v in t["p_value"]]
    show_table(
        t,
        {
            "term": p.word("h_term"),
            "or": p.word("h_or"),
            "or_range": p.word("h_or_range"),
            "p": p.word("h_p"),
        },
        language=p.language,
    )


def show_segments_table(table: pd.DataFrame, p: ReportParams) -> None:
    """Refinement cells (industry x size band) with rate, shrunk estimate and range."""
    record_table(p.summary_path, "segments", table)
    if table.empty:
        show_markdown(p.word("none"))
        return
    show_table(
        with_range(table, p.language),
        {
            "industry": text.column_word("industry", p.language),
            "size_band": text.column_word("size_band", p.language),
            "n": p.word("h_contacts"),
            "rate": p.word("h_rate"),
            "estimate": p.word("h_estimate"),
            "range": p.word("h_range"),
            "verdict": p.word("h_verdict"),
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
            "lift": p.word("h_plan_lift"),
            "target_rate": p.word("h_plan_rate"),
            "n_per_group": p.word("h_plan_n"),
            "n_total": p.word("h_plan_total"),
            "weeks": p.word("h_plan_weeks"),
        },
        percent=("target_rate",),
        points=("lift",),
        language=p.language,
    )
