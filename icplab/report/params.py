"""The parameters of the report notebooks, parsed into frozen dataclasses.

A report notebook has a ``parameters`` cell with plain values, then parses them into one of
the dataclasses below (unknown names and invalid values are rejected with a clear message:
papermill itself only warns); the object opens the workspace (config + data), speaks the
report's language and finally writes its summary JSON with :meth:`ReportParams.finish`.

Examples
--------
>>> p = ABTestParams.from_namespace({"factor": "salutation", "language": "de"})
>>> p.factor, p.word("verdict.pass")
('salutation', 'Ziel erreicht')
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

from icplab.core.catalogue import LANGUAGES
from icplab.core.config import CONFIG_FILENAME, Config
from icplab.core.errors import ConfigError, UsageError
from icplab.core.metrics import lookup_metric
from icplab.core.notes import Note
from icplab.report import text
from icplab.report.summary import ReportSummary, write_summary

#: Names that are not parameters even though they are visible in a notebook's namespace.
_NAMESPACE_NOISE = frozenset({"In", "Out", "get_ipython", "exit", "quit", "open"})
#: Where :meth:`ReportParams.from_namespace` notes, in the notebook's namespace, which
#: names held the parameters on its first run (later cells add names of their own).
_PARAMETER_NAMES = "_icplab_parameter_names"


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

    def __init_subclass__(cls, notebook: str = "", **kwargs: Any) -> None:
        """``class X(ReportParams, notebook="02-ab-test")``: the report's default name is
        its notebook's."""
        super().__init_subclass__(**kwargs)
        if notebook:
            cls.default_name = notebook

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            want = f.type if isinstance(f.type, type) else _TYPES.get(str(f.type))
            if want is not None and not _is_type(value, want):
                kind = _TYPE_WORDS.get(str(f.type))
                raise UsageError(
                    Note(
                        "report.param_type",
                        name=f.name,
                        kind=Note(kind) if kind else str(f.type),
                        got=repr(value),
                    )
                )
        if self.language not in LANGUAGES:
            raise UsageError(
                Note("report.param_language", known=LANGUAGES, got=repr(self.language))
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
                    Note("report.param_unknown", name=name, known=tuple(sorted(known)))
                )
            values[name] = value
        return cls(**values)

    # -- language -----------------------------------------------------------------------
    def word(self, key: str, **fmt: Any) -> str:
        """The text ``key`` of the catalogues (``report.<key>``) in this report's language."""
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
            raise UsageError(Note("report.no_data_given"))
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
            raise UsageError(Note("report.data_not_found", path=str(self.data_path)))
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
#: The catalogue code of each parameter type's words (``text``, ``a whole number``).
_TYPE_WORDS = {
    "str": "report.type_text",
    "int": "report.type_int",
    "float": "report.type_number",
    "bool": "report.type_bool",
    "list[str]": "report.type_list",
    "tuple[str, ...]": "report.type_list",
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
            Note("report.metric_unknown", metric=metric, known=tuple(sorted(config.metrics)))
        )
    return found


@dataclass(frozen=True)
class OverviewParams(ReportParams, notebook="01-overview"):
    """Parameters of ``01-overview.ipynb``: ``by`` is the column whose funnels are shown."""

    by: str = "campaign"


@dataclass(frozen=True)
class ABTestParams(ReportParams, notebook="02-ab-test"):
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


@dataclass(frozen=True)
class ThesisParams(ReportParams, notebook="03-thesis-check"):
    """Parameters of ``03-thesis-check.ipynb``: the name of a thesis in ``icplab.toml``."""

    thesis: str = "logistik-50-199"


@dataclass(frozen=True)
class RefineParams(ReportParams, notebook="04-icp-refinement"):
    """Parameters of ``04-icp-refinement.ipynb`` (``min_contacts`` 0: the config's value)."""

    metric: str = "reply_rate"
    min_contacts: int = 0


@dataclass(frozen=True)
class SampleSizeParams(ReportParams, notebook="05-sample-size"):
    """Parameters of ``05-sample-size.ipynb``.

    ``metric`` to plan for; ``baseline_rate`` 0: the observed rate; ``lifts``: absolute
    differences (in rate, e.g. 0.03 for 3 percentage points) to be able to detect;
    ``power`` the chance to detect such a difference.
    """

    metric: str = "reply_rate"
    baseline_rate: float = 0.0
    lifts: list[float] = field(default_factory=lambda: [0.02, 0.03, 0.05])
    power: float = 0.8

    def __post_init__(self) -> None:
        super().__post_init__()
        if not 0 < self.power < 1:
            raise UsageError(Note("report.param_between", name="power", got=str(self.power)))
        if not 0 <= self.baseline_rate < 1:
            raise UsageError(
                Note("report.param_between", name="baseline_rate", got=str(self.baseline_rate))
            )
        if not self.lifts or not all(isinstance(x, (int, float)) and 0 < x < 1 for x in self.lifts):
            raise UsageError(Note("report.param_lifts", got=repr(self.lifts)))
