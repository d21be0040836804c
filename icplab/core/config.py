"""The workspace configuration, ``icplab.toml``.

One file per workspace fixes the success metrics, the statistical settings, the size bands,
the ICP theses and the report plan. Every value has a default, so a workspace without the
file behaves like one with the defaults of CONTRACT section 2.

Examples
--------
>>> cfg = Config.from_toml_text('''
... [metrics.reply_rate]
... target = 0.2
... [[theses]]
... name = "it"
... statement = "IT fits"
... where = { industry = ["IT"] }
... ''')
>>> cfg.metrics["reply_rate"].target, cfg.metrics["meeting_rate"].target
(0.2, 0.1)
>>> cfg.thesis("it").where
{'industry': ('IT',)}
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from icplab.core.errors import ConfigError
from icplab.core.metrics import DEFAULT_METRICS, Metric
from icplab.core.schema import SizeBands

CONFIG_FILENAME = "icplab.toml"
CORRECTIONS = ("holm", "bh", "none")
#: Accepted ``[stats] correction_scope`` values.
CORRECTION_SCOPES = ("table", "run")
#: Accepted ``[reports] language`` values.
REPORT_LANGUAGES = ("en", "de")

#: Filter values: a tuple of accepted values, or an inclusive numeric range ``(lo, hi)``
#: given as a :class:`Range`.
WhereValue = Any


@dataclass(frozen=True)
class Range:
    """An inclusive numeric range used in a ``where`` filter (``hi=None``: open upwards)."""

    lo: float
    hi: float | None = None

    def __str__(self) -> str:
        lo = int(self.lo) if float(self.lo).is_integer() else self.lo
        if self.hi is None:
            return f"{lo}+"
        hi = int(self.hi) if float(self.hi).is_integer() else self.hi
        return f"{lo}-{hi}"


@dataclass(frozen=True)
class Thesis:
    """A named ICP segment with a plain-language statement (CONTRACT section 5)."""

    name: str
    statement: str
    where: dict[str, WhereValue]


@dataclass(frozen=True)
class ReportSpec:
    """One entry of the report plan: a notebook and the parameters it runs with."""

    name: str
    notebook: str
    parameters: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Config:
    """Everything ``icplab.toml`` can set. Build with :meth:`load` or :meth:`from_toml_text`."""

    metrics: dict[str, Metric] = field(default_factory=lambda: dict(DEFAULT_METRICS))
    alpha: float = 0.05
    correction: str = "holm"
    size_bands: SizeBands = field(default_factory=SizeBands)
    theses: tuple[Thesis, ...] = ()
    reports: tuple[ReportSpec, ...] | None = None
    data: str | None = None
    reports_dir: str = "reports"
    refine_min_contacts: int = 30
    split: dict[str, dict[str, float]] = field(default_factory=dict)
    path: Path | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)
    #: ``[reports] language``: ``en`` / ``de`` for every report and the index (None: English).
    language: str | None = None
    #: ``[stats] correction_scope``: ``table`` (each comparison table on its own) or ``run``
    #: (Holm/BH across every comparison of a batch run).
    correction_scope: str = "table"

    @property
    def root(self) -> Path:
        """The workspace folder (where ``icplab.toml`` lives, else the current folder)."""
        return self.path.parent if self.path is not None else Path.cwd()

    def thesis(self, name: str) -> Thesis:
        for t in self.theses:
            if t.name == name:
                return t
        known = ", ".join(t.name for t in self.theses) or "none defined"
        raise ConfigError(
            f"{self._where()}: no thesis named '{name}' (known theses: {known}). "
            "Add it as a [[theses]] entry with name, statement and where."
        )

    def _where(self) -> str:
        return str(self.path) if self.path else CONFIG_FILENAME

    @classmethod
    def load(cls, path: str | Path | None = None) -> Config:
        """Read ``path``, or ``icplab.toml`` in the current folder, or fall back to defaults."""
        if path is None:
            candidate = Path.cwd() / CONFIG_FILENAME
            if not candidate.exists():
                return cls()
            path = candidate
        path = Path(path)
        if not path.exists():
            raise ConfigError(f"{path}: config file not found. Create one with 'icplab init'.")
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise ConfigError(f"{path}: not UTF-8 text ({exc}).") from None
        return cls.from_toml_text(text, path=path.resolve())

    @classmethod
    def from_toml_text(cls, text: str, path: Path | None = None) -> Config:
        where = str(path) if path else CONFIG_FILENAME
        try:
            raw = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{where}: not valid TOML: {exc}") from None
        return _parse(raw, where, path)


def _parse(raw: Mapping[str, Any], where: str, path: Path | None) -> Config:
    cfg = Config(path=path, raw=dict(raw))
    metrics = dict(DEFAULT_METRICS)
    for name, spec in (raw.get("metrics") or {}).items():
        if not isinstance(spec, Mapping):
            raise ConfigError(f"{where}: [metrics.{name}] must be a table.")
        base = metrics.get(name)
        try:
            if base is None:
                metrics[name] = Metric(
                    name=name,
                    numerator=str(spec["numerator"]),
                    denominator=str(spec["denominator"]),
                    target=float(spec["target"]),
                    fallback_denominator=spec.get("fallback_denominator"),
                    label=str(spec.get("label", "")),
                )
            else:
                known = {"numerator", "denominator", "target", "fallback_denominator", "label"}
                unknown = set(spec) - known
                if unknown:
                    raise ConfigError(
                        f"{where}: [metrics.{name}] has unknown keys {sorted(unknown)}; "
                        f"allowed: {sorted(known)}."
                    )
                metrics[name] = replace(base, **{k: spec[k] for k in spec})
        except KeyError as exc:
            raise ConfigError(
                f"{where}: [metrics.{name}] needs numerator, denominator and target "
                f"(missing {exc})."
            ) from None
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"{where}: [metrics.{name}]: {exc}") from None
    stats = raw.get("stats") or {}
    alpha = float(stats.get("alpha", cfg.alpha))
    if not 0 < alpha < 1:
        raise ConfigError(f"{where}: [stats] alpha must be between 0 and 1, got {alpha}.")
    correction = str(stats.get("correction", cfg.correction)).lower()
    if correction not in CORRECTIONS:
        raise ConfigError(
            f"{where}: [stats] correction must be one of {', '.join(CORRECTIONS)}, "
            f"got '{correction}'."
        )
    bands = raw.get("size_bands")
    try:
        size_bands = SizeBands(tuple(bands["edges"])) if bands else SizeBands()
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(
            f"{where}: [size_bands] edges must be increasing head counts, e.g. "
            f"edges = [1, 50, 200, 500] ({exc})."
        ) from None
    theses = tuple(_parse_thesis(t, i, where) for i, t in enumerate(raw.get("theses") or []))
    names = [t.name for t in theses]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ConfigError(f"{where}: thesis names must be unique; repeated: {', '.join(dupes)}.")
    scope = str(stats.get("correction_scope", cfg.correction_scope)).lower()
    if scope not in CORRECTION_SCOPES:
        raise ConfigError(
            f"{where}: [stats] correction_scope must be one of {', '.join(CORRECTION_SCOPES)}, "
            f"got '{scope}'."
        )
    reports = raw.get("reports")
    language = None
    if isinstance(reports, Mapping):
        # [reports] as a table: settings (language) and an optional plan [[reports.plan]]
        unknown = set(reports) - {"language", "plan"}
        if unknown:
            raise ConfigError(
                f"{where}: [reports] has unknown keys {sorted(unknown)}; allowed: "
                "['language', 'plan'] (a report plan is written [[reports]] or [[reports.plan]])."
            )
        language = reports.get("language")
        if language is not None and language not in REPORT_LANGUAGES:
            raise ConfigError(
                f"{where}: [reports] language must be one of {', '.join(REPORT_LANGUAGES)}, "
                f"got '{language}'."
            )
        reports = reports.get("plan")
    if reports is not None:
        reports = tuple(_parse_report(r, i, where) for i, r in enumerate(reports))
    workspace = raw.get("workspace") or {}
    refine = raw.get("refine") or {}
    split = {
        k: {str(a): float(b) for a, b in v.items()} for k, v in (raw.get("split") or {}).items()
    }
    return replace(
        cfg,
        metrics=metrics,
        alpha=alpha,
        correction=correction,
        size_bands=size_bands,
        theses=theses,
        reports=reports,
        data=workspace.get("data"),
        reports_dir=str(workspace.get("reports", "reports")),
        refine_min_contacts=int(refine.get("min_contacts", cfg.refine_min_contacts)),
        split=split,
        language=language,
        correction_scope=scope,
    )


def parse_where_value(column: str, value: Any, where: str = "filter") -> WhereValue:
    """Normalise one filter value: a list of levels, or an inclusive numeric range.

    A two-element numeric list on ``employees`` is a range, as in CONTRACT section 5.

    Examples
    --------
    >>> parse_where_value("employees", [50, 199])
    Range(lo=50, hi=199)
    >>> parse_where_value("industry", "IT")
    ('IT',)
    """
    if isinstance(value, Range):
        return value
    if isinstance(value, (list, tuple)):
        numeric = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
        if column == "employees" and numeric and len(value) == 2:
            lo, hi = value
            if lo > hi:
                raise ConfigError(f"{where}: range for '{column}' has lo > hi: {list(value)}.")
            return Range(lo, hi)
        return tuple(str(v) for v in value)
    return (str(value),)


def _parse_thesis(raw: Any, i: int, where: str) -> Thesis:
    if not isinstance(raw, Mapping) or "name" not in raw or "where" not in raw:
        raise ConfigError(
            f"{where}: thesis #{i + 1} needs name, statement and where, e.g. "
            'where = { industry = ["Logistik"], employees = [50, 199] }.'
        )
    name = str(raw["name"])
    filt = raw["where"]
    if not isinstance(filt, Mapping):
        raise ConfigError(f"{where}: thesis '{name}': where must be a table.")
    parsed = {
        str(k): parse_where_value(str(k), v, f"{where}: thesis '{name}'") for k, v in filt.items()
    }
    return Thesis(name=name, statement=str(raw.get("statement", "")), where=parsed)


def _parse_report(raw: Any, i: int, where: str) -> ReportSpec:
    if not isinstance(raw, Mapping) or "notebook" not in raw:
        raise ConfigError(f"{where}: [[reports]] entry #{i + 1} needs a notebook name.")
    notebook = str(raw["notebook"])
    name = str(raw.get("name", Path(notebook).stem))
    params = raw.get("parameters") or {}
    if not isinstance(params, Mapping):
        raise ConfigError(f"{where}: report '{name}': parameters must be a table.")
    return ReportSpec(name=name, notebook=notebook, parameters=dict(params))
