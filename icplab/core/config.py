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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from icplab.core.errors import ConfigError
from icplab.core.metrics import DEFAULT_METRICS, METRIC_KINDS, Metric, lookup_metric
from icplab.core.schema import MAPPABLE_COLUMNS, SIZE_BAND_PRESETS, SizeBands

CONFIG_FILENAME = "icplab.toml"
CORRECTIONS = ("holm", "bh", "none")
#: Accepted ``[stats] correction_scope`` values.
CORRECTION_SCOPES = ("table", "run")
#: Accepted ``[reports] language`` values.
REPORT_LANGUAGES = ("en", "de")
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
#: A table whose keys are free (user-defined names); its values are checked by its parser.
FREE = "free"


@dataclass(frozen=True)
class Leaf:
    """What the value of one key must be: a description, an example and the test.

    ``what`` completes "must be ...", ``example`` is a valid value written as TOML.

    Examples
    --------
    >>> _ALPHA.problem("[stats] alpha", "abc")
    '[stats] alpha must be a number between 0 and 1 (e.g. alpha = 0.05), got "abc"'
    >>> _ALPHA.problem("[stats] alpha", 0.1) is None
    True
    """

    what: str
    example: str
    test: Callable[[Any], bool]

    def problem(self, label: str, value: Any) -> str | None:
        """``None`` when ``value`` fits, else a message naming ``label``."""
        if self.test(value):
            return None
        key = label.rsplit(" ", 1)[-1].rsplit(".", 1)[-1]
        return f"{label} must be {self.what} (e.g. {key} = {self.example}), got {_shown(value)}"


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _is_whole(v: Any) -> bool:
    return _is_number(v) and float(v).is_integer()


def _is_scalar(v: Any) -> bool:
    return isinstance(v, (str, int, float, bool, date))


def _is_date(v: Any) -> bool:
    if isinstance(v, date):
        return True
    if not isinstance(v, str):
        return False
    try:
        return parse_date(v) is not None or not v.strip()
    except ConfigError:
        return False


def _number(lo: float | None = None, hi: float | None = None, *, example: str) -> Leaf:
    """A finite number (never a boolean), ``lo < v < hi`` where given (bounds open)."""
    if lo is not None and hi is not None:
        what = f"a number between {lo:g} and {hi:g}"
    elif lo == 0:
        what = "a positive number"
    else:
        what = "a number"
    return Leaf(
        what,
        example,
        lambda v: _is_number(v) and (lo is None or v > lo) and (hi is None or v < hi),
    )


def _whole(lo: int, *, example: str) -> Leaf:
    """A whole number >= ``lo`` (``2.0`` counts, a boolean does not)."""
    return Leaf(f"a whole number >= {lo}", example, lambda v: _is_whole(v) and v >= lo)


def _text(choices: Sequence[str] = (), *, example: str, nonempty: bool = False) -> Leaf:
    """A string; with ``choices`` one of them (case-insensitive)."""
    if choices:
        return Leaf(
            f"one of {', '.join(choices)}",
            example,
            lambda v: isinstance(v, str) and v.lower() in choices,
        )
    if nonempty:
        return Leaf("a non-empty string", example, lambda v: isinstance(v, str) and bool(v))
    return Leaf("a string", example, lambda v: isinstance(v, str))


def _where_value(v: Any) -> bool:
    return _is_scalar(v) or (isinstance(v, list) and all(_is_scalar(x) for x in v))


def _edges(v: Any) -> bool:
    return (
        isinstance(v, list)
        and bool(v)
        and all(_is_whole(x) and x >= 1 for x in v)
        and all(a < b for a, b in zip(v, v[1:], strict=False))
    )


_FLAG = Leaf("true or false", "true", lambda v: isinstance(v, bool))
_DATE = Leaf("an ISO date such as 2026-09-30", '"2026-09-30"', _is_date)
_PATH = _text(example='"data/outreach.csv"', nonempty=True)
_COLUMN = _text(example='"replied"', nonempty=True)
_ALPHA = _number(0, 1, example="0.05")
_NOTEBOOK = _text(example='"01-overview.ipynb"', nonempty=True)
_HEADER = Leaf(
    "a header name or a table with from",
    '{ from = "Status", in = ["Replied"] }',
    lambda v: isinstance(v, str) and bool(v),
)
_WHERE = Leaf(
    "a table of column = value or list of values",
    '{ industry = ["Logistik"], employees = [50, 199] }',
    lambda v: isinstance(v, Mapping) and all(_where_value(x) for x in v.values()),
)
_SHARES = Leaf(
    "a table of level = share (numbers >= 0)",
    "{ zeitersparnis = 0.5, fehlerrate = 0.5 }",
    lambda v: isinstance(v, Mapping) and all(_is_number(x) and x >= 0 for x in v.values()),
)

#: The keys a ``[columns]`` entry given as a table may have (CONTRACT section 6).
COLUMN_SPEC_KEYS: dict[str, Any] = {
    "from": Leaf(
        "a header name or a list of header names",
        '"Status"',
        lambda v: (
            isinstance(v, str) or (isinstance(v, list) and all(isinstance(x, str) for x in v))
        ),
    ),
    "map": Leaf(
        "a table of file value = log value",
        '{ "Du" = "du", "Sie" = "sie" }',
        lambda v: isinstance(v, Mapping) and all(_is_scalar(x) for x in v.values()),
    ),
    "in": Leaf(
        "a list of values",
        '["Replied", "Interested"]',
        lambda v: isinstance(v, list) and all(_is_scalar(x) for x in v),
    ),
    "not_empty": Leaf("true", "true", lambda v: v is True),
    "pattern": _text(example='"(zeitersparnis|fehlerrate)"', nonempty=True),
    "min": Leaf(
        "a number >= 0 (a count column is true at >= min)",
        "1",
        lambda v: v is True or (_is_number(v) and v >= 0),
    ),
    "json": _text(example='"Branche"', nonempty=True),
    "date_format": _text(example='"%d.%m.%Y %H:%M"', nonempty=True),
}
_EUR = Leaf("an amount in EUR >= 0", "0.8", lambda v: _is_number(v) and v >= 0)
_METRIC_KEYS: dict[str, Any] = {
    "numerator": _COLUMN,
    "denominator": _text(example='"contacted"', nonempty=True),
    # the range depends on kind (a rate or a mean): checked by Metric
    "target": _number(example="0.15"),
    "fallback_denominator": _text(example='"meeting"', nonempty=True),
    "label": _text(example='"Reply rate"'),
    # a whole number, or a table by size band or industry: { default = 90, "500+" = 240 }
    "window_days": (_whole(0, example="28"), {"*": _whole(0, example="240")}),
    "horizon_days": _whole(1, example="180"),
    "kind": _text(METRIC_KINDS, example='"rate"'),
}
_REPORT_KEYS: dict[str, Any] = {
    "name": _text(example='"overview"', nonempty=True),
    "notebook": _NOTEBOOK,
    "parameters": FREE,
}

#: Every table and key ``icplab.toml`` may contain, and the type of every value, in one
#: place. A dict is a table with exactly these keys; ``{"*": spec}`` a table of named
#: sub-tables; ``[spec]`` an array of tables; a tuple lists alternative shapes (by TOML
#: type); a :class:`Leaf` a value of that type and range; ``FREE`` a table with any keys.
#: Add new keys here (and parse them in :func:`_parse`).
KNOWN_KEYS: dict[str, Any] = {
    "workspace": {
        "data": _PATH,
        "reports": _text(example='"reports"', nonempty=True),
        "as_of": _DATE,
    },
    "metrics": {"*": _METRIC_KEYS},
    "stats": {
        "alpha": _ALPHA,
        "correction": _text(CORRECTIONS, example='"holm"'),
        "sequential": _FLAG,
        "sequential_tuning": _number(0, example="2000"),
        "correction_scope": _text(CORRECTION_SCOPES, example='"table"'),
    },
    "size_bands": {
        "edges": Leaf("a list of increasing whole numbers >= 1", "[1, 50, 200, 500]", _edges),
        "preset": _text(tuple(SIZE_BAND_PRESETS), example='"default"'),
    },
    "refine": {"min_contacts": _whole(1, example="30")},
    "load": {"strict": _FLAG},
    "theses": [
        {
            "name": _text(example='"logistik-50-199"', nonempty=True),
            "statement": _text(example='"Logistik-Mittelstand answers"'),
            "statement_en": _text(example='"Logistik-Mittelstand answers"'),
            "statement_de": _text(example='"Logistik-Mittelstand antwortet"'),
            "where": _WHERE,
            "since": _DATE,
        }
    ],
    # [[reports]] is the report plan; a [reports] table holds report settings instead,
    # with the plan as [[reports.plan]].
    "reports": (
        [_REPORT_KEYS],
        {
            "language": _text(REPORT_LANGUAGES, example='"de"'),
            "keep_runs": _whole(1, example="30"),
            "plan": [_REPORT_KEYS],
        },
    ),
    "columns": {
        "preset": _text(example='"lemlist"', nonempty=True),
        "personal": Leaf(
            "a list of header names",
            '["Empfänger", "Zuname"]',
            lambda v: isinstance(v, list) and all(isinstance(h, str) and h.strip() for h in v),
        ),
        **{c: (_HEADER, COLUMN_SPEC_KEYS) for c in MAPPABLE_COLUMNS},
    },
    "costs": {
        # EUR per contact: one number, or a table by channel with an optional default
        "per_contact": (_EUR, {"*": _EUR}),
        "monthly_fixed": _EUR,
        "gross_margin": Leaf(
            "a share above 0 and at most 1", "0.8", lambda v: _is_number(v) and 0 < v <= 1
        ),
        "ltv_months": _number(0, example="24"),
        "deal_value_per": _text(("month", "year", "once"), example='"month"'),
    },
    "funnel": FREE,  # its bands are checked by _parse_funnel
    "split": {"*": _SHARES},
}


def _shown(value: Any, limit: int = 60) -> str:
    """``value`` as TOML would write it (a table as "a table"), cut to ``limit`` characters.

    Examples
    --------
    >>> _shown("abc"), _shown(True), _shown([200, 50]), _shown({"a": 1})
    ('"abc"', 'true', '[200, 50]', 'a table')
    """
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = toml_string(value)
    elif isinstance(value, list):
        text = "[" + ", ".join(_shown(v, limit) for v in value) + "]"
    else:
        text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _close(name: str, known: Any) -> str:
    match = difflib.get_close_matches(str(name), [str(k) for k in known], n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


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
    problems: list[str] = []
    _walk(raw, KNOWN_KEYS, (), problems)
    if len(problems) == 1:
        raise ConfigError(f"{where}: {problems[0]}. Fix it in {Path(where).name}.")
    if problems:
        raise ConfigError(
            f"{where}: {len(problems)} problems; fix them in {Path(where).name}:\n"
            + "\n".join(f"  - {p}" for p in problems)
        )


#: A path into the parsed config: table and key names, and 0-based indexes of array items.
KeyPath = tuple[str | int, ...]


def _label(path: KeyPath, table: bool = False) -> str:
    """How a key or table reads in a message.

    Examples
    --------
    >>> _label(("stats", "alpha")), _label(("stats",), table=True)
    ('[stats] alpha', '[stats]')
    >>> _label(("theses", 1, "where")), _label(("reports", "plan"), table=True)
    ('[[theses]] #2 where', '[reports.plan]')
    """
    items = [i for i, p in enumerate(path) if isinstance(p, int)]
    if items:
        j = items[-1]
        rest = ".".join(str(p) for p in path[j + 1 :])
        head = f"[[{'.'.join(str(p) for p in path[:j])}]] #{int(path[j]) + 1}"
        return f"{head} {rest}" if rest else head
    names = [str(p) for p in path]
    if table or len(names) == 1:
        return f"[{'.'.join(names)}]"
    return f"[{'.'.join(names[:-1])}] {names[-1]}"


def _shape(spec: Any) -> str:
    """What a table-like spec expects, for "must be ..." messages."""
    if isinstance(spec, list):
        return "an array of tables"
    if isinstance(spec, Leaf):
        return spec.what
    return "a table"


def _walk(value: Any, spec: Any, path: KeyPath, problems: list[str]) -> None:
    if isinstance(spec, Leaf):
        problem = spec.problem(_label(path), value)
        if problem:
            problems.append(problem)
        return
    if isinstance(spec, tuple):
        for alt in spec:
            fits = (
                isinstance(value, list)
                if isinstance(alt, list)
                else isinstance(value, Mapping)
                if isinstance(alt, (dict, str))
                else not isinstance(value, Mapping)
            )
            if fits:
                _walk(value, alt, path, problems)
                return
        shapes = " or ".join(_shape(alt) for alt in spec)
        problems.append(f"{_label(path, table=True)} must be {shapes}, got {_shown(value)}")
        return
    if isinstance(spec, list):
        if not isinstance(value, list):
            dotted = ".".join(str(p) for p in path)
            problems.append(
                f"[[{dotted}]] must be an array of tables ([[{dotted}]] entries), "
                f"got {_shown(value)}"
            )
            return
        for i, item in enumerate(value):
            if isinstance(item, Mapping):
                _walk(item, spec[0], (*path, i), problems)
            else:
                problems.append(f"{_label((*path, i))} must be a table, got {_shown(item)}")
        return
    if not isinstance(value, Mapping):
        problems.append(f"{_label(path, table=True)} must be a table, got {_shown(value)}")
        return
    if spec == FREE:
        return
    if set(spec) == {"*"}:
        for name, sub in value.items():
            _walk(sub, spec["*"], (*path, str(name)), problems)
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
            f"unknown keys in {_label(path, table=True)}: {', '.join(repr(str(k)) for k in unknown)}"
            + "".join(_close(k, spec) for k in unknown[:1])
            + f". Allowed: {', '.join(sorted(spec))}"
        )
    for k, sub in value.items():
        if k in spec:
            _walk(sub, spec[k], (*path, str(k)), problems)


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

    per_contact: tuple[tuple[str, float], ...] = (("default", 0.0),)
    monthly_fixed: float = 0.0
    gross_margin: float = 1.0
    ltv_months: float = 24.0
    deal_value_per: str = "month"

    def cost_of(self, channel: str) -> float:
        """EUR per contact on ``channel`` (the ``default`` entry when it has none)."""
        table = dict(self.per_contact)
        return float(table.get(str(channel), table.get("default", 0.0)))


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
    #: ``[costs]`` (None: not configured; CAC and LTV:CAC are then not computed).
    costs: CostSettings | None = None

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
            raise ConfigError(f"{source}: config file not found. Create one with 'icplab init'.")
        try:
            text = source.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise ConfigError(f"{path}: not UTF-8 text ({exc}).") from None
        return cls.from_toml_text(text, path=path.resolve())

    @classmethod
    def from_toml_text(cls, text: str, path: Path | None = None) -> Config:
        where = str(path) if path else CONFIG_FILENAME
        # Windows Notepad saves UTF-8 with a byte order mark, which TOML does not allow.
        text = text.removeprefix("\ufeff")
        try:
            raw = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{where}: not valid TOML: {exc}") from None
        return _parse(raw, where, path)


def _parse(raw: Mapping[str, Any], where: str, path: Path | None) -> Config:
    check_known_keys(raw, where)  # from here on every value has its type and range
    cfg = Config(path=path, raw=dict(raw))
    stats = raw.get("stats") or {}
    bands = raw.get("size_bands") or {}
    if "preset" in bands and "edges" in bands:
        raise ConfigError(
            f"{where}: [size_bands] takes either edges (e.g. edges = [1, 50, 200, 500]) or "
            'preset = "default" / "playbook", not both.'
        )
    if "preset" in bands:
        size_bands = SizeBands.preset(str(bands["preset"]).lower())
    else:
        size_bands = SizeBands(tuple(int(e) for e in bands["edges"])) if bands else SizeBands()
    theses = tuple(_parse_thesis(t, i, where) for i, t in enumerate(raw.get("theses") or []))
    names = [t.name for t in theses]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ConfigError(f"{where}: thesis names must be unique; repeated: {', '.join(dupes)}.")
    reports = raw.get("reports")
    report_settings: Mapping[str, Any] = {}
    if isinstance(reports, Mapping):
        report_settings, reports = reports, reports.get("plan")
    if reports is not None:
        reports = tuple(_parse_report(r, i, where) for i, r in enumerate(reports))
    workspace = raw.get("workspace") or {}
    refine = raw.get("refine") or {}
    split = {
        k: {str(a): float(b) for a, b in v.items()} for k, v in (raw.get("split") or {}).items()
    }
    return replace(
        cfg,
        costs=_parse_costs(raw.get("costs")),
        funnel_bands=_parse_funnel(raw.get("funnel"), where),
        metrics=_parse_metrics(raw.get("metrics") or {}, where),
        alpha=float(stats.get("alpha", cfg.alpha)),
        correction=str(stats.get("correction", cfg.correction)).lower(),
        size_bands=size_bands,
        theses=theses,
        reports=reports,
        data=workspace.get("data"),
        reports_dir=str(workspace.get("reports", "reports")),
        refine_min_contacts=int(refine.get("min_contacts", cfg.refine_min_contacts)),
        split=split,
        sequential=stats.get("sequential", cfg.sequential),
        as_of=parse_date(workspace.get("as_of"), f"{where}: [workspace] as_of"),
        columns=dict(raw.get("columns") or {}),
        keep_runs=int(report_settings.get("keep_runs", DEFAULT_KEEP_RUNS)),
        language=report_settings.get("language"),
        correction_scope=str(stats.get("correction_scope", cfg.correction_scope)).lower(),
        sequential_tuning=float(stats.get("sequential_tuning", cfg.sequential_tuning)),
    )


def _parse_metrics(raw: Mapping[str, Any], where: str) -> dict[str, Metric]:
    """The default metrics with the ``[metrics.NAME]`` tables applied (types checked)."""
    metrics = dict(DEFAULT_METRICS)
    for name, spec in raw.items():
        base = lookup_metric(name, metrics)
        given = {k: v for k, v in spec.items() if k in Metric.__dataclass_fields__}
        window = spec.get("window_days")
        if isinstance(window, Mapping):  # a table by size band or industry
            table = {str(k): int(v) for k, v in window.items()}
            default = table.pop("default", None)
            given["window_days"] = default
            given["window_table"] = tuple(sorted(table.items()))
        elif "window_days" in given:
            given["window_days"] = int(given["window_days"])
        if "horizon_days" in given:
            given["horizon_days"] = int(given["horizon_days"])
        if base is None:
            missing = [k for k in ("numerator", "denominator", "target") if k not in given]
            if missing:
                raise ConfigError(
                    f"{where}: [metrics.{name}] needs numerator, denominator and target "
                    f'(missing {", ".join(missing)}), e.g. numerator = "meeting", '
                    'denominator = "contacted", target = 0.1.'
                )
            base = Metric(name=name, numerator="", denominator="", target=0.5)
        try:
            metric = replace(base, name=name, **given)
        except ConfigError as exc:  # the target's range, which depends on kind
            detail = str(exc).removeprefix(f"metric '{name}': ")
            raise ConfigError(f"{where}: [metrics.{name}] {detail}.") from None
        metrics[name] = replace(metric, target=float(metric.target))
    return metrics


def _parse_costs(raw: Any) -> CostSettings | None:
    """``[costs]`` (types already checked against :data:`KNOWN_KEYS`)."""
    if not raw:
        return None
    base = CostSettings()
    per = raw.get("per_contact", 0.0)
    table = (
        {str(k): float(v) for k, v in per.items()}
        if isinstance(per, Mapping)
        else {"default": float(per)}
    )
    table.setdefault("default", 0.0)
    return CostSettings(
        per_contact=tuple(sorted(table.items())),
        monthly_fixed=float(raw.get("monthly_fixed", base.monthly_fixed)),
        gross_margin=float(raw.get("gross_margin", base.gross_margin)),
        ltv_months=float(raw.get("ltv_months", base.ltv_months)),
        deal_value_per=str(raw.get("deal_value_per", base.deal_value_per)),
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
        return strict_date(str(value))
    except ValueError:
        raise ConfigError(
            f"{what}: expected an ISO date such as 2026-09-30, got {_shown(value)}."
        ) from None


def strict_date(text: str) -> date:
    """An ISO date (or datetime: its day) read whole: trailing text is an error.

    Examples
    --------
    >>> strict_date("2026-09-30"), strict_date(" 2026-09-30T08:00 ")
    (datetime.date(2026, 9, 30), datetime.date(2026, 9, 30))
    >>> strict_date("2026-09-30garbage")
    Traceback (most recent call last):
    ValueError: not an ISO date: '2026-09-30garbage'
    """
    text = str(text).strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        raise ValueError(f"not an ISO date: {text[:40]!r}") from None


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
    filt = raw["where"]  # a table (checked by KNOWN_KEYS)
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
    return ReportSpec(name=name, notebook=notebook, parameters=dict(params))
