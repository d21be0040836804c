"""The workspace configuration, ``icplab.toml``: its dataclasses and how a file is read.

One file per workspace fixes the success metrics, the statistical settings, the size bands,
the ICP theses and the report plan. Every value has a default, so a workspace without the
file behaves like one with the defaults of CONTRACT section 2. Every key is declared once,
in :mod:`icplab.core.config_keys` (type, range, default, help); the plain values of
:class:`Config` are read from there, the tables of tables below.

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
>>> cfg.load_engine
'auto'
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from icplab.core.config_keys import (
    COLUMN_SPEC_KEYS,
    CORRECTION_SCOPES,
    CORRECTIONS,
    DEFAULT_FUNNEL_BANDS,
    DEFAULT_KEEP_RUNS,
    FUNNEL_BAND_KEYS,
    KNOWN_KEYS,
    LOAD_ENGINES,
    REPORT_LANGUAGES,
    attribute_keys,
    default,
)
from icplab.core.config_schema import (
    CONFIG_FILENAME,
    FREE,
    Leaf,
    check,
    shown,
    strict_date,
    to_date,
    toml_string,
)
from icplab.core.decode_reason import utf8_reason
from icplab.core.errors import ConfigError
from icplab.core.metrics import DEFAULT_METRICS, Metric, lookup_metric
from icplab.core.notes import Note
from icplab.core.schema import SizeBands
from icplab.core.toml_reason import toml_reason

#: The largest ``icplab.toml`` read (a workspace's config is a few kilobytes; a device or
#: a huge file given as ``--config`` is refused instead of read until memory runs out).
MAX_CONFIG_BYTES = 5 * 1024 * 1024


def config_bytes(path: Path) -> bytes:
    """The bytes of the config file ``path``: a regular file of at most
    :data:`MAX_CONFIG_BYTES` (``/dev/zero`` or a FIFO would never end).

    Raises
    ------
    ConfigError
        When ``path`` is not a regular file or is larger (``OSError`` passes on).
    """
    import stat

    info = path.stat()
    if not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
        raise ConfigError(Note("config.not_a_file", where=str(path)))
    with open(path, "rb") as fh:  # a folder raises IsADirectoryError here, as before
        data = fh.read(MAX_CONFIG_BYTES + 1)
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(
            Note("config.too_large", where=str(path), limit=MAX_CONFIG_BYTES // 2**20)
        )
    return data


__all__ = [
    "COLUMN_SPEC_KEYS",
    "CONFIG_FILENAME",
    "CORRECTIONS",
    "CORRECTION_SCOPES",
    "DEFAULT_FUNNEL_BANDS",
    "DEFAULT_KEEP_RUNS",
    "FREE",
    "FUNNEL_BAND_KEYS",
    "KNOWN_KEYS",
    "LOAD_ENGINES",
    "REPORT_LANGUAGES",
    "Config",
    "CostSettings",
    "Leaf",
    "Range",
    "ReportSpec",
    "Thesis",
    "WhereValue",
    "check_known_keys",
    "parse_date",
    "parse_where_value",
    "strict_date",
    "toml_comment",
    "toml_string",
]

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
class CostSettings:
    """``[costs]``: what a contact costs and what a customer returns (CAC, LTV:CAC, payback).

    ``per_contact`` maps a channel (``email``, ``linkedin``, ...; ``default`` for the rest
    and for logs without a channel column) to EUR per contact; ``monthly_fixed`` is the
    fixed monthly tool cost (EUR), spread over the months the log spans and over the
    contacts; ``gross_margin`` the share of revenue kept; ``ltv_months`` the months of
    revenue a customer is expected to pay; ``deal_value_per`` what ``deal_value`` holds:
    ``month`` (monthly revenue, the default), ``year`` or ``once`` (a one-off amount, LTV is
    then the deal value itself).
    """

    per_contact: tuple[tuple[str, float], ...] = (("default", default("costs", "per_contact")),)
    monthly_fixed: float = default("costs", "monthly_fixed")
    gross_margin: float = default("costs", "gross_margin")
    ltv_months: float = default("costs", "ltv_months")
    deal_value_per: str = default("costs", "deal_value_per")

    def cost_of(self, channel: str) -> float:
        """EUR per contact on ``channel`` (the ``default`` entry when it has none)."""
        table = dict(self.per_contact)
        return float(table.get(str(channel), table.get("default", 0.0)))


@dataclass(frozen=True)
class Config:
    """Everything ``icplab.toml`` can set. Build with :meth:`load` or :meth:`from_toml_text`."""

    metrics: dict[str, Metric] = field(default_factory=lambda: dict(DEFAULT_METRICS))
    alpha: float = default("stats", "alpha")
    correction: str = default("stats", "correction")
    size_bands: SizeBands = field(default_factory=SizeBands)
    theses: tuple[Thesis, ...] = ()
    reports: tuple[ReportSpec, ...] | None = None
    data: str | None = default("workspace", "data")
    reports_dir: str = default("workspace", "reports")
    refine_min_contacts: int = default("refine", "min_contacts")
    split: dict[str, dict[str, float]] = field(default_factory=dict)
    funnel_bands: dict[str, tuple[float, float]] = field(
        default_factory=lambda: dict(DEFAULT_FUNNEL_BANDS)
    )
    sequential: bool = default("stats", "sequential")
    as_of: date | None = default("workspace", "as_of")
    columns: dict[str, Any] = field(default_factory=dict)
    keep_runs: int = default("reports", "keep_runs")
    path: Path | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)
    #: ``[reports] language``: ``en`` / ``de`` for every report and the index (None: English).
    language: str | None = default("reports", "language")
    #: ``[stats] correction_scope``: ``table`` (each comparison table on its own) or ``run``
    #: (Holm/BH across every comparison of a batch run).
    correction_scope: str = default("stats", "correction_scope")
    #: ``[stats] sequential_tuning``: the sample size at which the confidence sequences are
    #: tightest (equals :data:`icplab.stats.sequential.DEFAULT_TUNING` by default).
    sequential_tuning: float = default("stats", "sequential_tuning")
    #: ``[costs]`` (None: not configured; CAC and LTV:CAC are then not computed).
    costs: CostSettings | None = None
    #: ``[load] strict``: blank factor cells are input errors.
    load_strict: bool = default("load", "strict")
    #: ``[load] engine``: ``auto``, ``pandas`` or ``duckdb`` (``ICPLAB_LOAD_ENGINE`` overrides
    #: it where the log is read).
    load_engine: str = default("load", "engine")

    @property
    def root(self) -> Path:
        """The workspace folder (where ``icplab.toml`` lives, else the current folder)."""
        return self.path.parent if self.path is not None else Path.cwd()

    def resolve(self, value: str | Path) -> Path:
        """A path written in ``icplab.toml``, relative to the file's folder (:attr:`root`),
        whatever the current folder; an absolute path stays as it is.

        Examples
        --------
        >>> Config(path=Path("/ws/icplab.toml")).resolve("data/log.csv").as_posix()
        '/ws/data/log.csv'
        """
        p = Path(value).expanduser()
        return p if p.is_absolute() else self.root / p

    def thesis(self, name: str) -> Thesis:
        for t in self.theses:
            if t.name == name:
                return t
        known = ", ".join(t.name for t in self.theses) or Note("config.no_theses")
        raise ConfigError(Note("config.no_thesis", where=self._where(), name=name, known=known))

    def _where(self) -> str:
        return str(self.path) if self.path else CONFIG_FILENAME

    @property
    def where_label(self) -> str:
        """The config file's path for messages (``icplab.toml`` without a file)."""
        return self._where()

    @classmethod
    def load(cls, path: str | Path | None = None, *, text_from: str | Path | None = None) -> Config:
        """Read ``path``, or ``icplab.toml`` in the current folder, or fall back to defaults.

        ``text_from``: read the TOML text from this copy instead (a batch run's snapshot),
        while the workspace (its root, lock and data paths) stays the one of ``path``.
        """
        if path is None:
            candidate = Path.cwd() / CONFIG_FILENAME
            if not candidate.exists():
                return cls()
            path = candidate
        path = Path(path)
        source = Path(text_from) if text_from else path
        if not source.exists():
            raise ConfigError(Note("config.not_found", where=str(source)))
        try:
            text = config_bytes(source).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ConfigError(
                Note("config.not_utf8", where=str(path), detail=utf8_reason(exc))
            ) from None
        return cls.from_toml_text(text, path=path.resolve())

    @classmethod
    def from_toml_text(cls, text: str, path: Path | None = None) -> Config:
        where = str(path) if path else CONFIG_FILENAME
        # Windows Notepad saves UTF-8 with a byte order mark, which TOML does not allow.
        text = text.removeprefix("\ufeff")
        try:
            raw = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(
                Note("config.not_toml", where=where, detail=toml_reason(exc))
            ) from None
        except RecursionError:  # arrays or tables nested thousands deep
            raise ConfigError(
                Note("config.not_toml", where=where, detail=Note("config.toml.too_deep"))
            ) from None
        return _parse(raw, where, path)


def check_known_keys(raw: Mapping[str, Any], where: str = CONFIG_FILENAME) -> None:
    """Raise :class:`ConfigError` naming every unknown table or key of a parsed config,
    and every value of the wrong type or out of range (:data:`KNOWN_KEYS`).

    Examples
    --------
    >>> check_known_keys({"stats": {"alpha": 0.05}})
    >>> check_known_keys({"stat": {"alpha": 0.05}})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    icplab.core.errors.ConfigError: icplab.toml: unknown table [stat] (did you mean '[stats]'?). Known tables: ...
    >>> check_known_keys({"stats": {"alpha": "abc"}})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    icplab.core.errors.ConfigError: icplab.toml: [stats] alpha must be a number between 0 and 1 (e.g. alpha = 0.05), got "abc". Fix it in icplab.toml.
    """
    check(raw, KNOWN_KEYS, where)


def _at(raw: Mapping[str, Any], path: tuple[str, ...]) -> Any:
    """The value at ``path`` of a checked file, ``None`` where a table or key is absent."""
    node: Any = raw
    for p in path:
        if not isinstance(node, Mapping) or p not in node:
            return None
        node = node[p]
    return node


def _parse(raw: Mapping[str, Any], where: str, path: Path | None) -> Config:
    check_known_keys(raw, where)  # from here on every value has its type and range
    # the plain values: each declared key with an attribute, read the same way
    plain = {str(leaf.attr): leaf.value(_at(raw, keys)) for keys, leaf in attribute_keys()}
    reports = raw.get("reports")
    if isinstance(reports, Mapping):
        reports = reports.get("plan")
    if reports is not None:
        reports = tuple(_parse_report(r, i, where) for i, r in enumerate(reports))
    split = {
        k: {str(a): float(b) for a, b in v.items()} for k, v in (raw.get("split") or {}).items()
    }
    return Config(
        path=path,
        raw=dict(raw),
        costs=_parse_costs(raw.get("costs")),
        funnel_bands=_parse_funnel(raw.get("funnel"), where),
        metrics=_parse_metrics(raw.get("metrics") or {}, where),
        size_bands=_parse_size_bands(raw.get("size_bands") or {}, where),
        theses=_parse_theses(raw.get("theses") or [], where),
        reports=reports,
        split=split,
        columns=dict(raw.get("columns") or {}),
        **plain,
    )


def _parse_size_bands(bands: Mapping[str, Any], where: str) -> SizeBands:
    if "preset" in bands and "edges" in bands:
        raise ConfigError(Note("config.bands_both", where=where))
    if "preset" in bands:
        return SizeBands.preset(str(bands["preset"]).lower())
    return SizeBands(tuple(int(e) for e in bands["edges"])) if bands else SizeBands()


def _parse_theses(raw: list[Any], where: str) -> tuple[Thesis, ...]:
    theses = tuple(_parse_thesis(t, i, where) for i, t in enumerate(raw))
    names = [t.name for t in theses]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ConfigError(Note("config.theses_unique", where=where, names=tuple(dupes)))
    return theses


def _parse_metrics(raw: Mapping[str, Any], where: str) -> dict[str, Metric]:
    """The default metrics with the ``[metrics.NAME]`` tables applied (types checked)."""
    metrics = dict(DEFAULT_METRICS)
    for name, spec in raw.items():
        base = lookup_metric(name, metrics)
        given = {k: v for k, v in spec.items() if k in Metric.__dataclass_fields__}
        window = spec.get("window_days")
        if isinstance(window, Mapping):  # a table by size band or industry
            table = {str(k): int(v) for k, v in window.items()}
            given["window_days"] = table.pop("default", None)
            given["window_table"] = tuple(sorted(table.items()))
        elif "window_days" in given:
            given["window_days"] = int(given["window_days"])
        if "horizon_days" in given:
            given["horizon_days"] = int(given["horizon_days"])
        if base is None:
            missing = [k for k in ("numerator", "denominator", "target") if k not in given]
            if missing:
                raise ConfigError(
                    Note("config.metric_needs", where=where, name=name, missing=tuple(missing))
                )
            base = Metric(name=name, numerator="", denominator="", target=0.5)
        try:
            metric = replace(base, name=name, **given)
        except ConfigError as exc:  # the target's range, which depends on kind
            note = exc.args[0]
            detail = note.params["detail"] if isinstance(note, Note) else str(exc)
            raise ConfigError(
                Note("config.metric_problem", where=where, name=name, detail=detail)
            ) from None
        metrics[name] = replace(metric, target=float(metric.target))
    return metrics


def _parse_costs(raw: Any) -> CostSettings | None:
    """``[costs]`` (types already checked against :data:`KNOWN_KEYS`)."""
    if not raw:
        return None
    per = raw.get("per_contact", default("costs", "per_contact"))
    table = (
        {str(k): float(v) for k, v in per.items()}
        if isinstance(per, Mapping)
        else {"default": float(per)}
    )
    table.setdefault("default", default("costs", "per_contact"))
    costs: Mapping[str, Leaf] = KNOWN_KEYS["costs"]
    given = {
        str(c.attr): c.value(raw.get(k)) for k, c in costs.items() if isinstance(c, Leaf) and c.attr
    }
    return CostSettings(per_contact=tuple(sorted(table.items())), **given)


def _parse_funnel(raw: Any, where: str) -> dict[str, tuple[float, float]]:
    """``[funnel] bands = { deal = [0.15, 0.25], ... }``: replaces the default bands
    key by key; ``bands = {}`` keeps the defaults, ``deal = []`` switches one off."""
    bands = dict(DEFAULT_FUNNEL_BANDS)
    if raw is None:
        return bands
    if not isinstance(raw, Mapping) or set(raw) - {"bands"}:
        raise ConfigError(Note("config.funnel_keys", where=where))
    spec = raw.get("bands") or {}
    if not isinstance(spec, Mapping):
        raise ConfigError(Note("config.funnel_table", where=where))
    for key, value in spec.items():
        if key not in FUNNEL_BAND_KEYS:
            raise ConfigError(
                Note("config.funnel_step", where=where, step=key, known=FUNNEL_BAND_KEYS)
            )
        if value in ([], ()):
            bands.pop(key, None)
            continue
        ok = isinstance(value, (list, tuple)) and len(value) == 2
        ok = ok and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
        if not ok or not 0 <= value[0] <= value[1] <= 1:
            raise ConfigError(Note("config.funnel_band", where=where, step=key, got=repr(value)))
        bands[key] = (float(value[0]), float(value[1]))
    return bands


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
    try:
        return to_date(value)
    except ValueError:
        raise ConfigError(Note("config.bad_date", what=what, got=shown(value))) from None


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
                raise ConfigError(
                    Note("config.range_order", where=where, column=column, got=str(list(value)))
                )
            return Range(lo, hi)
        return tuple(str(v) for v in value)
    return (str(value),)


def _parse_thesis(raw: Any, i: int, where: str) -> Thesis:
    if not isinstance(raw, Mapping) or "name" not in raw or "where" not in raw:
        raise ConfigError(Note("config.thesis_needs", where=where, number=i + 1))
    name = str(raw["name"])
    filt = raw["where"]  # a table (checked by KNOWN_KEYS)
    context = Note("config.thesis_where", where=where, name=name)
    parsed = {str(k): parse_where_value(str(k), v, context) for k, v in filt.items()}
    since = parse_date(raw.get("since"), Note("config.thesis_since", where=where, name=name))
    return Thesis(name=name, statement=str(raw.get("statement", "")), where=parsed, since=since)


def _parse_report(raw: Any, i: int, where: str) -> ReportSpec:
    if not isinstance(raw, Mapping) or "notebook" not in raw:
        raise ConfigError(Note("config.report_needs", where=where, number=i + 1))
    notebook = str(raw["notebook"])
    name = str(raw.get("name", Path(notebook).stem))
    params = raw.get("parameters") or {}
    return ReportSpec(name=name, notebook=notebook, parameters=dict(params))
