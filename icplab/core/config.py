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

import difflib
import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from icplab.core.errors import ConfigError
from icplab.core.metrics import DEFAULT_METRICS, Metric, lookup_metric
from icplab.core.schema import MAPPABLE_COLUMNS, SizeBands

CONFIG_FILENAME = "icplab.toml"
CORRECTIONS = ("holm", "bh", "none")
#: Benchmark bands of funnel steps (``[funnel] bands`` in icplab.toml): the typical range
#: of each step's conversion, as the sales playbooks our users follow state it.
#: ``deal``: SQL -> customer (deals of qualified leads) typically 15-25 %; ``pipeline``:
#: the whole pipeline, meeting -> deal, typically 20-30 %. Keys: the funnel steps
#: (``replied``, ``meeting``, ``qualified``, ``deal``) and ``pipeline``.
DEFAULT_FUNNEL_BANDS: dict[str, tuple[float, float]] = {
    "deal": (0.15, 0.25),
    "pipeline": (0.20, 0.30),
}
FUNNEL_BAND_KEYS: tuple[str, ...] = ("replied", "meeting", "qualified", "deal", "pipeline")
#: How many run folders ``icplab run`` keeps by default ([reports] keep_runs).
DEFAULT_KEEP_RUNS = 30

# --------------------------------------------------------------------------- known keys
#: A key whose value is not checked further here (its own parser checks it).
VALUE = "value"
#: A table whose keys are free (user-defined names).
FREE = "free"
#: The keys a ``[columns]`` entry given as a table may have (CONTRACT section 6).
COLUMN_SPEC_KEYS: dict[str, Any] = {
    "from": VALUE,
    "map": FREE,
    "in": VALUE,
    "not_empty": VALUE,
    "pattern": VALUE,
}
_METRIC_KEYS: dict[str, Any] = {
    "numerator": VALUE,
    "denominator": VALUE,
    "target": VALUE,
    "fallback_denominator": VALUE,
    "label": VALUE,
    "window_days": VALUE,
    "kind": VALUE,
}
_REPORT_KEYS: dict[str, Any] = {"name": VALUE, "notebook": VALUE, "parameters": FREE}

#: Every table and key ``icplab.toml`` may contain, in one place. A dict is a table with
#: exactly these keys; ``{"*": spec}`` a table of named sub-tables; ``[spec]`` an array of
#: tables; a tuple lists alternative shapes (by TOML type); ``VALUE`` any value; ``FREE``
#: a table with any keys. Add new keys here (and parse them in :func:`_parse`).
KNOWN_KEYS: dict[str, Any] = {
    "workspace": {"data": VALUE, "reports": VALUE, "as_of": VALUE},
    "metrics": {"*": _METRIC_KEYS},
    "stats": {
        "alpha": VALUE,
        "correction": VALUE,
        "sequential": VALUE,
        "sequential_tuning": VALUE,
        "correction_scope": VALUE,
    },
    "size_bands": {"edges": VALUE, "preset": VALUE},
    "refine": {"min_contacts": VALUE},
    "theses": [
        {
            "name": VALUE,
            "statement": VALUE,
            "statement_en": VALUE,
            "statement_de": VALUE,
            "where": FREE,
            "since": VALUE,
        }
    ],
    # [[reports]] is the report plan; a [reports] table holds report settings instead,
    # with the plan as [[reports.plan]].
    "reports": (
        [_REPORT_KEYS],
        {"language": VALUE, "keep_runs": VALUE, "plan": [_REPORT_KEYS]},
    ),
    "columns": {"preset": VALUE, **{c: (VALUE, COLUMN_SPEC_KEYS) for c in MAPPABLE_COLUMNS}},
    "funnel": FREE,
    "split": {"*": FREE},
}


def _close(name: str, known: Any) -> str:
    match = difflib.get_close_matches(str(name), [str(k) for k in known], n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


def check_known_keys(raw: Mapping[str, Any], where: str = CONFIG_FILENAME) -> None:
    """Raise :class:`ConfigError` naming every unknown table or key of a parsed config.

    Examples
    --------
    >>> check_known_keys({"stats": {"alpha": 0.05}})
    >>> check_known_keys({"stat": {"alpha": 0.05}})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    icplab.core.errors.ConfigError: icplab.toml: unknown table [stat] (did you mean '[stats]'?). Known tables: ...
    """
    problems: list[str] = []
    _walk(raw, KNOWN_KEYS, "", problems)
    if problems:
        raise ConfigError(f"{where}: " + "; ".join(problems))


def _walk(value: Any, spec: Any, path: str, problems: list[str]) -> None:
    if isinstance(spec, str):  # VALUE or FREE
        return
    if isinstance(spec, tuple):
        for alt in spec:
            if (alt == VALUE and not isinstance(value, (Mapping, list))) or (
                isinstance(alt, list) == isinstance(value, list)
                and isinstance(alt, dict) == isinstance(value, Mapping)
            ):
                _walk(value, alt, path, problems)
                return
        return  # a wrong type is reported by the key's own parser
    if isinstance(spec, list):
        if isinstance(value, list):
            for item in value:
                if isinstance(item, Mapping):
                    _walk(item, spec[0], path, problems)
        return
    if not isinstance(value, Mapping):
        return
    if set(spec) == {"*"}:
        for name, sub in value.items():
            _walk(sub, spec["*"], f"{path}.{name}" if path else str(name), problems)
        return
    unknown = [k for k in value if k not in spec]
    if not path:
        for k in unknown:
            match = difflib.get_close_matches(str(k), list(spec), n=1, cutoff=0.6)
            hint = f" (did you mean '[{match[0]}]'?)" if match else ""
            problems.append(
                f"unknown table [{k}]{hint}. Known tables: {', '.join(f'[{t}]' for t in spec)}"
            )
    elif unknown:
        problems.append(
            f"unknown keys in [{path}]: {', '.join(repr(str(k)) for k in unknown)}"
            + "".join(_close(k, spec) for k in unknown[:1])
            + f". Allowed: {', '.join(sorted(spec))}"
        )
    for k, sub in value.items():
        if k in spec:
            _walk(sub, spec[k], f"{path}.{k}" if path else str(k), problems)


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
    """A named ICP segment with a plain-language statement (CONTRACT section 5).

    ``since`` (optional): the thesis is checked only on contacts sent on or after that
    date, so an ICP proposed from earlier data is confirmed on new contacts.
    """

    name: str
    statement: str
    where: dict[str, WhereValue]
    since: date | None = None


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
    funnel_bands: dict[str, tuple[float, float]] = field(
        default_factory=lambda: dict(DEFAULT_FUNNEL_BANDS)
    )
    sequential: bool = False
    as_of: date | None = None
    columns: dict[str, Any] = field(default_factory=dict)
    keep_runs: int = DEFAULT_KEEP_RUNS
    path: Path | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)
    #: ``[reports] language``: ``en`` / ``de`` for every report and the index (None: English).
    language: str | None = None
    #: ``[stats] correction_scope``: ``table`` (each comparison table on its own) or ``run``
    #: (Holm/BH across every comparison of a batch run).
    correction_scope: str = "table"
    #: ``[stats] sequential_tuning``: the sample size at which the confidence sequences are
    #: tightest (equals :data:`icplab.stats.sequential.DEFAULT_TUNING` by default).
    sequential_tuning: float = 2000.0

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

    @property
    def where_label(self) -> str:
        """The config file's path for messages (``icplab.toml`` without a file)."""
        return self._where()

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
    check_known_keys(raw, where)
    cfg = Config(path=path, raw=dict(raw))
    metrics = dict(DEFAULT_METRICS)
    for name, spec in (raw.get("metrics") or {}).items():
        if not isinstance(spec, Mapping):
            raise ConfigError(f"{where}: [metrics.{name}] must be a table.")
        base = lookup_metric(name, metrics)
        try:
            if base is None:
                metrics[name] = Metric(
                    name=name,
                    numerator=str(spec["numerator"]),
                    denominator=str(spec["denominator"]),
                    target=float(spec["target"]),
                    fallback_denominator=spec.get("fallback_denominator"),
                    label=str(spec.get("label", "")),
                    kind=str(spec.get("kind", "rate")),
                    window_days=spec.get("window_days"),
                )
            else:
                own = set(Metric.__dataclass_fields__)
                metrics[name] = replace(base, **{k: spec[k] for k in spec if k in own})
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
    sequential = stats.get("sequential", cfg.sequential)
    if not isinstance(sequential, bool):
        raise ConfigError(f"{where}: [stats] sequential must be true or false, got {sequential!r}.")
    tuning = stats.get("sequential_tuning", cfg.sequential_tuning)
    if (
        isinstance(tuning, bool)
        or not isinstance(tuning, (int, float))
        or not math.isfinite(tuning)
        or tuning <= 0
    ):
        raise ConfigError(
            f"{where}: [stats] sequential_tuning must be a positive number (the number of "
            f"contacts at which the confidence sequences are tightest, e.g. 2000), got {tuning!r}."
        )
    bands = raw.get("size_bands")
    try:
        if bands and "preset" in bands:
            if "edges" in bands:
                raise ValueError("give either preset or edges, not both")
            size_bands = SizeBands.preset(str(bands["preset"]))
        else:
            size_bands = SizeBands(tuple(bands["edges"])) if bands else SizeBands()
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(
            f"{where}: [size_bands] needs edges (increasing head counts, e.g. "
            f'edges = [1, 50, 200, 500]) or preset = "default" / "playbook" ({exc}).'
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
    report_settings: Mapping[str, Any] = {}
    if isinstance(reports, Mapping):
        report_settings, reports = reports, reports.get("plan")
    if reports is not None:
        reports = tuple(_parse_report(r, i, where) for i, r in enumerate(reports))
    keep_runs = report_settings.get("keep_runs", DEFAULT_KEEP_RUNS)
    if isinstance(keep_runs, bool) or not isinstance(keep_runs, int) or keep_runs < 1:
        raise ConfigError(
            f"{where}: [reports] keep_runs must be a whole number >= 1 (how many run "
            f"folders to keep), got {keep_runs!r}."
        )
    language = report_settings.get("language")
    if language is not None and language not in REPORT_LANGUAGES:
        raise ConfigError(
            f"{where}: [reports] language must be one of {', '.join(REPORT_LANGUAGES)}, "
            f"got {language!r}."
        )
    columns = raw.get("columns") or {}
    if not isinstance(columns, Mapping):
        raise ConfigError(f'{where}: [columns] must be a table, e.g. prospect_id = "Contact ID".')
    workspace = raw.get("workspace") or {}
    refine = raw.get("refine") or {}
    split = {
        k: {str(a): float(b) for a, b in v.items()} for k, v in (raw.get("split") or {}).items()
    }
    funnel_bands = _parse_funnel(raw.get("funnel"), where)
    return replace(
        cfg,
        funnel_bands=funnel_bands,
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
        sequential=sequential,
        as_of=parse_date(workspace.get("as_of"), f"{where}: [workspace] as_of"),
        columns=dict(columns),
        keep_runs=keep_runs,
        language=language,
        correction_scope=scope,
        sequential_tuning=float(tuning),
    )


def _parse_funnel(raw: Any, where: str) -> dict[str, tuple[float, float]]:
    """``[funnel] bands = { deal = [0.15, 0.25], ... }``: replaces the default bands
    key by key; ``bands = {}`` keeps the defaults, ``deal = []`` switches one off."""
    bands = dict(DEFAULT_FUNNEL_BANDS)
    if raw is None:
        return bands
    if not isinstance(raw, Mapping) or set(raw) - {"bands"}:
        raise ConfigError(
            f"{where}: [funnel] takes one key, bands, e.g. "
            "bands = { deal = [0.15, 0.25], pipeline = [0.20, 0.30] }."
        )
    spec = raw.get("bands") or {}
    if not isinstance(spec, Mapping):
        raise ConfigError(f"{where}: [funnel] bands must be a table of [low, high] pairs.")
    for key, value in spec.items():
        if key not in FUNNEL_BAND_KEYS:
            raise ConfigError(
                f"{where}: [funnel] bands: unknown step '{key}'; known: "
                f"{', '.join(FUNNEL_BAND_KEYS)}."
            )
        if value in ([], ()):
            bands.pop(key, None)
            continue
        ok = isinstance(value, (list, tuple)) and len(value) == 2
        ok = ok and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
        if not ok or not 0 <= value[0] <= value[1] <= 1:
            raise ConfigError(
                f"{where}: [funnel] bands.{key} must be [low, high] rates between 0 and 1, "
                f"e.g. {key} = [0.15, 0.25]; got {value!r}."
            )
        bands[key] = (float(value[0]), float(value[1]))
    return bands


def toml_string(text: Any) -> str:
    r"""``text`` as a TOML basic string, written by a TOML writer (:mod:`tomli_w`).

    Quotes, backslashes, line breaks and every control character are escaped. Use this
    for every string icplab writes into a TOML file by hand, so a quote or a newline in a
    level name cannot break it or inject keys.

    Examples
    --------
    >>> print(toml_string('Han"del\n[stats]'))
    "Han\"del\n[stats]"
    >>> tomllib.loads("x = " + toml_string('a"b\nc\x7f'))["x"] == 'a"b\nc\x7f'
    True
    """
    import tomli_w

    return tomli_w.dumps({"x": str(text)}, multiline_strings=False)[len("x = ") :].rstrip("\n")


def toml_comment(text: Any) -> str:
    r"""``text`` safe inside a ``#`` comment: line breaks and control characters escaped.

    Examples
    --------
    >>> print(toml_comment("a\n[stats]"))
    a\n[stats]
    """
    return toml_string(text)[1:-1]


def parse_date(value: Any, what: str = "date") -> date | None:
    """A date from TOML (a date, a datetime or an ISO string); ``None``/empty stays ``None``.

    Examples
    --------
    >>> parse_date("2026-09-30")
    datetime.date(2026, 9, 30)
    >>> parse_date("") is None
    True
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise ConfigError(
            f"{what}: expected an ISO date such as 2026-09-30, got {value!r}."
        ) from None


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
    since = parse_date(raw.get("since"), f"{where}: thesis '{name}': since")
    return Thesis(name=name, statement=str(raw.get("statement", "")), where=parsed, since=since)


def _parse_report(raw: Any, i: int, where: str) -> ReportSpec:
    if not isinstance(raw, Mapping) or "notebook" not in raw:
        raise ConfigError(f"{where}: [[reports]] entry #{i + 1} needs a notebook name.")
    notebook = str(raw["notebook"])
    name = str(raw.get("name", Path(notebook).stem))
    params = raw.get("parameters") or {}
    if not isinstance(params, Mapping):
        raise ConfigError(f"{where}: report '{name}': parameters must be a table.")
    return ReportSpec(name=name, notebook=notebook, parameters=dict(params))
