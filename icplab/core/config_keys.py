"""Every table and key of ``icplab.toml``, declared once.

Each key is a :class:`~icplab.core.config_schema.Leaf` with its type and range, an
example, its default, its help text and the attribute it sets. From this one declaration
follow the check of a file (:func:`~icplab.core.config.check_known_keys`), the
parsing into :class:`~icplab.core.config.Config` (its defaults come from here too), the
key reference of ``docs/configuration.md`` and ``docs/icplab.schema.json``
(:mod:`icplab.core.config_docs`). Add a key here, and read it in ``config.py`` only when
it is not a plain value of ``Config`` (tables of tables, alternatives).

Examples
--------
>>> KNOWN_KEYS["stats"]["alpha"].default
0.05
>>> leaf("load", "engine").default
'auto'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from icplab.core import config_schema as cs
from icplab.core.config_schema import DATE, FLAG, FREE, SCALAR_SCHEMA, Array, Leaf, Table
from icplab.core.metrics import METRIC_KINDS
from icplab.core.notes import Note
from icplab.core.schema import MAPPABLE_COLUMNS, SIZE_BAND_PRESETS

CORRECTIONS = ("holm", "bh", "none")
#: Accepted ``[stats] correction_scope`` values.
CORRECTION_SCOPES = ("table", "run")
#: Accepted ``[reports] language`` values.
REPORT_LANGUAGES = ("en", "de")
#: Accepted ``[load] engine`` values.
LOAD_ENGINES = ("auto", "pandas", "duckdb")
#: How many run folders ``icplab run`` keeps by default ([reports] keep_runs).
DEFAULT_KEEP_RUNS = 30
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


def _where_value(v: Any) -> bool:
    return cs.is_scalar(v) or (isinstance(v, list) and all(cs.is_scalar(x) for x in v))


def _edges(v: Any) -> bool:
    return (
        isinstance(v, list)
        and bool(v)
        and all(cs.is_whole(x) and x >= 1 for x in v)
        and all(a < b for a, b in zip(v, v[1:], strict=False))
    )


def _table_of(values: Mapping[str, Any]) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": dict(values)}


_SCALARS = {"type": "array", "items": SCALAR_SCHEMA}
_COLUMN = cs.text(example='"replied"', nonempty=True)
_EUR = Leaf(
    Note("config.what.eur"),
    "0.8",
    lambda v: cs.is_number(v) and v >= 0,
    {"type": "number", "minimum": 0},
)
_HEADER = Leaf(
    Note("config.what.header"),
    '{ from = "Status", in = ["Replied"] }',
    lambda v: isinstance(v, str) and bool(v),
    {"type": "string", "minLength": 1},
    help="a mappable column: the file's header for it, or a table with `from` and one rule",
)
_REPORT_NAME = cs.text(example='"overview"', nonempty=True)

#: The keys a ``[columns]`` entry given as a table may have (CONTRACT section 6).
COLUMN_SPEC_KEYS: dict[str, Any] = Table(
    {
        "from": Leaf(
            Note("config.what.from"),
            '"Status"',
            lambda v: (
                isinstance(v, str) or (isinstance(v, list) and all(isinstance(x, str) for x in v))
            ),
            {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
            help="the file's header (a list: the first of these headers the file has)",
        ),
        "map": Leaf(
            Note("config.what.map"),
            '{ "Du" = "du", "Sie" = "sie" }',
            lambda v: isinstance(v, Mapping) and all(cs.is_scalar(x) for x in v.values()),
            _table_of(SCALAR_SCHEMA),
            help='value -> value, e.g. `{ "Du" = "du", "Sie" = "sie" }`',
        ),
        "in": Leaf(
            Note("config.what.in"),
            '["Replied", "Interested"]',
            lambda v: isinstance(v, list) and all(cs.is_scalar(x) for x in v),
            _SCALARS,
            help="true when the value is in the list",
        ),
        "not_empty": Leaf(
            Note("config.what.true"),
            "true",
            lambda v: v is True,
            {"const": True},
            help="true when the cell has any value",
        ),
        "pattern": cs.text(example='"(zeitersparnis|fehlerrate)"', nonempty=True).about(
            "a regular expression: the first group of the match is the value"
        ),
        "min": Leaf(
            Note("config.what.min"),
            "1",
            lambda v: v is True or (cs.is_number(v) and v >= 0),
            {"anyOf": [{"type": "number", "minimum": 0}, {"const": True}]},
            help="a count column: true when the number is at least `min` (`min = 1`: any reply)",
        ),
        "json": cs.text(example='"Branche"', nonempty=True).about(
            "the value of this key in a cell holding a JSON object (e.g. Smartlead's "
            "`custom_fields`); combinable with the rules above"
        ),
        "date_format": cs.text(example='"%d.%m.%Y %H:%M"', nonempty=True).about(
            "a strptime format for a date column; errors name the rows"
        ),
    },
    help="A mappable column given as a table: `from` and one rule.",
)

_METRIC_KEYS = Table(
    {
        "numerator": _COLUMN.about(
            "count column of successes (`replied`, `meeting`, `qualified`, `deal`, `opened`, "
            "`positive_reply`) or, for a mean, the value column (`deal_value`)",
            default_text="see below",
        ),
        "denominator": cs.text(example='"contacted"', nonempty=True).about(
            "`contacted` (the number of rows, or the `contacted` count) or another count column",
            default_text="see below",
        ),
        # the range depends on kind (a rate or a mean): checked by Metric
        "target": cs.number(example="0.15").about(
            "rate metric: a rate strictly between 0 and 1 (0.15 = 15 %); mean metric: a value "
            ">= 0 in the value's unit (EUR)",
            default_text="see below",
        ),
        "fallback_denominator": cs.text(example='"meeting"', nonempty=True).about(
            "used when the data lacks `denominator` (deal_rate: `meeting` when there is no "
            "`qualified` column)"
        ),
        "label": cs.text(example='"Reply rate"').about(
            "display name in reports (default: the name with `_` as spaces, capitalised)",
            default="",
        ),
        # a whole number, or a table by size band or industry: { default = 90, "500+" = 240 }
        "window_days": (
            cs.whole(0, example="28").about(
                "maturity window in days; `0` switches it off. A table gives windows by "
                "segment: `default` and size bands or industries as keys",
                default_text="by numerator",
            ),
            Table(
                {"*": cs.whole(0, example="240").about("window of this segment, in days")},
                help="Windows by size band or industry, with `default` for every other row.",
            ),
        ),
        "horizon_days": cs.whole(1, example="180").about(
            "judge the metric on the sales cycle's clock: the Kaplan-Meier share reaching the "
            "numerator's step within this many days of `sent_at`"
        ),
        "kind": cs.text(METRIC_KINDS, example='"rate"').about(
            "`mean`: a value metric (mean of `numerator` per unit of `denominator`)",
            default="rate",
        ),
    },
    help="One table per metric; a default metric's name changes only the keys given.",
)

_REPORT_KEYS = Table(
    {
        "name": _REPORT_NAME.about(
            "report name: `reports/NAME.html` and `reports/NAME.json` (letters, digits, `.`, "
            "`_`, `-`; rules in the plan section below)",
            default_text="file stem of `notebook`",
        ),
        "notebook": cs.text(example='"01-overview.ipynb"', nonempty=True).about(
            "notebook file in `notebooks/` (required)"
        ),
        "parameters": FREE,
    },
    help="One report of the plan: a notebook and the parameters it runs with.",
)

#: Help texts of :data:`FREE` tables (their keys are names chosen by the user).
FREE_HELP: dict[tuple[str, ...], str] = {
    ("reports", "parameters"): "papermill parameters injected into the notebook (a table)",
    ("reports", "plan", "parameters"): "papermill parameters injected into the notebook (a table)",
    ("funnel",): "Benchmark bands of funnel steps: `bands = { step = [low, high] }` (keys: "
    "`replied`, `meeting`, `qualified`, `deal`, `pipeline`).",
}

_BAND = {
    "anyOf": [
        {"type": "array", "maxItems": 0},
        {
            "type": "array",
            "items": {"type": "number", "minimum": 0, "maximum": 1},
            "minItems": 2,
            "maxItems": 2,
        },
    ]
}
#: JSON schemas of :data:`FREE` tables whose keys their parser checks.
FREE_SCHEMA: dict[tuple[str, ...], dict[str, Any]] = {
    ("funnel",): {
        "type": "object",
        "properties": {
            "bands": {
                "type": "object",
                "properties": {k: _BAND for k in FUNNEL_BAND_KEYS},
                "additionalProperties": False,
            }
        },
        "additionalProperties": False,
    }
}

#: Every table and key ``icplab.toml`` may contain, and the type of every value, in one
#: place. A dict is a table with exactly these keys; ``{"*": spec}`` a table of named
#: sub-tables; ``[spec]`` an array of tables; a tuple lists alternative shapes (by TOML
#: type); a :class:`Leaf` a value of that type and range; ``FREE`` a table with any keys.
KNOWN_KEYS: dict[str, Any] = Table(
    {
        "workspace": Table(
            {
                "data": cs.text(example='"data/outreach.csv"', nonempty=True).about(
                    "outreach log used by `icplab run` (relative to the folder of "
                    "`icplab.toml`); the bundled sample data when unset",
                    default=None,
                    attr="data",
                    convert=None,
                ),
                "reports": cs.text(example='"reports"', nonempty=True).about(
                    "folder that receives the HTML reports, their summary JSON, `index.html` "
                    "and `runs/`",
                    default="reports",
                    attr="reports_dir",
                ),
                "as_of": DATE.about(
                    "the date every command and report judges the data as of (maturity "
                    "windows). `--as-of DATE` (CLI) or `as_of=` (API) override it. Leave it "
                    "out in a live workspace",
                    default=None,
                    default_text="none (today)",
                    attr="as_of",
                ),
            },
            help="The data file, the reports folder and a fixed `as_of` date.",
        ),
        "metrics": Table(
            {"*": _METRIC_KEYS},
            help="The success metrics (rate or mean), their targets and maturity windows.",
        ),
        "stats": Table(
            {
                "alpha": cs.number(0, 1, example="0.05").about(
                    "significance level of comparisons (`significant` is `p_adjusted < alpha`)",
                    default=0.05,
                    attr="alpha",
                ),
                "correction": cs.text(CORRECTIONS, example='"holm"').about(
                    "multiple-testing correction over the comparisons of one table (Holm, "
                    "Benjamini-Hochberg, none)",
                    default="holm",
                    attr="correction",
                ),
                "sequential": FLAG.about(
                    "`true`: every command and report uses always-valid confidence sequences "
                    "instead of fixed-horizon intervals (same as `--sequential`; "
                    "`--no-sequential` overrides). `icplab init` and the sample workspace "
                    "set `true`",
                    default=False,
                    attr="sequential",
                ),
                "sequential_tuning": cs.number(0, example="2000").about(
                    "contacts per arm at which the confidence sequence of a difference "
                    "(`compare`) is tightest; verdicts and refine use their own fixed tuning "
                    "(1000)",
                    default=2000.0,
                    attr="sequential_tuning",
                ),
                "correction_scope": cs.text(CORRECTION_SCOPES, example='"table"').about(
                    "`table`: each comparison table is corrected on its own; `run`: Holm/BH "
                    "across every comparison of a batch run (`icplab run`)",
                    default="table",
                    attr="correction_scope",
                ),
            },
            help="Significance level, multiple-testing correction, always-valid mode.",
        ),
        "size_bands": Table(
            {
                "edges": Leaf(
                    Note("config.what.edges"),
                    "[1, 50, 200, 500]",
                    _edges,
                    {"type": "array", "items": {"type": "integer", "minimum": 1}, "minItems": 1},
                    help="lower edges; `[1, 50, 200, 500]` gives `1-49`, `50-199`, "
                    "`200-499`, `500+`",
                    default_text="`[1, 50, 200, 500]`",
                ),
                "preset": cs.text(tuple(SIZE_BAND_PRESETS), example='"default"').about(
                    "`default`: as above; `playbook`: `KMU 1-49`, `Mittelstand 50-499`, "
                    "`Enterprise 500+`"
                ),
            },
            help="How `employees` is cut into size bands: `edges` or `preset`, not both.",
        ),
        "refine": Table(
            {
                "min_contacts": cs.whole(1, example="30").about(
                    "a refine cell with fewer than this many in the metric's denominator is "
                    "`untested` (`refine --min-contacts` overrides)",
                    default=30,
                    attr="refine_min_contacts",
                )
            },
            help="The minimum contacts before a cell is judged.",
        ),
        "load": Table(
            {
                "strict": FLAG.about(
                    "`true`: a blank `employees`/`size_band` or a blank factor (`industry`, "
                    "`messaging`, `salutation`, `region`, `channel`) is an input error naming "
                    "the rows (exit 2). `false`: such a row is kept, counts in every total and "
                    "is left out, counted and stated only where that factor is judged",
                    default=False,
                    attr="load_strict",
                ),
                "engine": cs.text(LOAD_ENGINES, example='"auto"').about(
                    "how a log is read: `auto` reads with pandas when the file fits in memory "
                    "and scans with DuckDB otherwise; `pandas` always reads it whole, `duckdb` "
                    "always scans it. The environment variable `ICPLAB_LOAD_ENGINE` overrides it",
                    default="auto",
                    attr="load_engine",
                ),
            },
            help="How the outreach log is read.",
        ),
        "theses": Array(
            Table(
                {
                    "name": cs.text(example='"logistik-50-199"', nonempty=True).about(
                        "identifier used by `check --thesis NAME` (required; unique)"
                    ),
                    "statement": cs.text(example='"Logistik-Mittelstand answers"').about(
                        "plain-language thesis shown in reports and the `check` JSON", default=""
                    ),
                    "statement_en": cs.text(example='"Logistik-Mittelstand answers"').about(
                        "English statement, written by `refine --propose` (reports show "
                        "`statement`)"
                    ),
                    "statement_de": cs.text(example='"Logistik-Mittelstand antwortet"').about(
                        "German statement (reports show `statement`)"
                    ),
                    "where": Leaf(
                        Note("config.what.where"),
                        '{ industry = ["Logistik"], employees = [50, 199] }',
                        lambda v: (
                            isinstance(v, Mapping) and all(_where_value(x) for x in v.values())
                        ),
                        _table_of({"anyOf": [SCALAR_SCHEMA, _SCALARS]}),
                        help='segment filter (required): `column = ["level", ...]` (any of '
                        "several values) or, for `employees`, `[lo, hi]` (inclusive range)",
                    ),
                    "since": DATE.about(
                        "check the thesis only on contacts sent on or after this date "
                        "(`refine --propose` sets it to the day after its data ends)"
                    ),
                }
            ),
            help="The ICP theses checked by `icplab check` and the reports; names are unique.",
        ),
        # [[reports]] is the report plan; a [reports] table holds report settings instead,
        # with the plan as [[reports.plan]].
        "reports": (
            Array(_REPORT_KEYS, help="The report plan (an array of tables)."),
            Table(
                {
                    "language": cs.text(REPORT_LANGUAGES, example='"de"').about(
                        "language of every report and the index page; `--language` "
                        "overrides. Also the default of `--language` of `compare`/`check`/"
                        "`refine` (German CSV style)",
                        default=None,
                        default_text="none (English)",
                        attr="language",
                    ),
                    "keep_runs": cs.whole(1, example="30").about(
                        "how many run folders under `reports/runs/` `icplab run` keeps",
                        default=DEFAULT_KEEP_RUNS,
                        attr="keep_runs",
                    ),
                    "plan": Array(_REPORT_KEYS, help="The report plan (keys as `[[reports]]`)."),
                },
                help="Report settings, with the plan as `[[reports.plan]]`.",
            ),
        ),
        "columns": Table(
            {
                "preset": cs.text(example='"lemlist"', nonempty=True).about(
                    "start from a built-in mapping (`lemlist`, `apollo`, `hubspot`, "
                    "`pipedrive`, `instantly`, `smartlead`, `woodpecker`, `close`, "
                    "`german-crm`); keys beside it override it; `--preset NAME` overrides it"
                ),
                "personal": Leaf(
                    Note("config.what.headers"),
                    '["Empfänger", "Zuname"]',
                    lambda v: (
                        isinstance(v, list) and all(isinstance(h, str) and h.strip() for h in v)
                    ),
                    {"type": "array", "items": {"type": "string", "pattern": r"\S"}},
                    help="headers of columns that hold personal data the recogniser misses: "
                    "dropped at read like `email`, their values masked in the row's other cells",
                ),
                **{c: (_HEADER, COLUMN_SPEC_KEYS) for c in MAPPABLE_COLUMNS},
            },
            help="Mapping of a tool's export onto the input columns ([presets.md](presets.md)).",
        ),
        "costs": Table(
            {
                # EUR per contact: one number, or a table by channel with an optional default
                "per_contact": (
                    _EUR.about(
                        "cost per contact in EUR; a table maps `channel` values (`email`, "
                        "`linkedin`, ...) to EUR, `default` for the rest",
                        default=0.0,
                    ),
                    Table({"*": _EUR.about("EUR per contact on this channel")}),
                ),
                "monthly_fixed": _EUR.about(
                    "fixed monthly tool cost in EUR, times the months the log spans, spread "
                    "evenly over its contacts",
                    default=0.0,
                    attr="monthly_fixed",
                    convert=float,
                ),
                "gross_margin": Leaf(
                    Note("config.what.share"),
                    "0.8",
                    lambda v: cs.is_number(v) and 0 < v <= 1,
                    {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
                    help="share of revenue kept",
                    default=1.0,
                    attr="gross_margin",
                    convert=float,
                ),
                "ltv_months": cs.number(0, example="24").about(
                    "months a customer pays (LTV = monthly revenue x margin x months)",
                    default=24.0,
                    attr="ltv_months",
                ),
                "deal_value_per": cs.text(("month", "year", "once"), example='"month"').about(
                    "what `deal_value` holds: monthly revenue, yearly revenue (divided by 12), "
                    "or a one-off amount (LTV = deal value x margin; no payback)",
                    default="month",
                    attr="deal_value_per",
                    convert=str,
                ),
            },
            help="What a contact costs and a customer returns (CAC, LTV:CAC, payback).",
            of="CostSettings",
        ),
        "funnel": FREE,  # its bands are checked by _parse_funnel
        "split": Table(
            {
                "*": Leaf(
                    Note("config.what.shares"),
                    "{ zeitersparnis = 0.5, fehlerrate = 0.5 }",
                    lambda v: (
                        isinstance(v, Mapping)
                        and all(cs.is_number(x) and x >= 0 for x in v.values())
                    ),
                    _table_of({"type": "number", "minimum": 0}),
                    help="declared shares of a randomised factor: `level = weight`",
                )
            },
            help="Declared assignment shares for the sample-ratio check.",
        ),
    }
)


def leaf(*path: str) -> Leaf:
    """The declared key at ``path`` (table shapes: the table one).

    Examples
    --------
    >>> leaf("stats", "alpha").attr
    'alpha'
    """
    node: Any = KNOWN_KEYS
    for p in path:
        if isinstance(node, tuple):
            node = next(alt for alt in node if isinstance(alt, dict) and p in alt)
        node = node[p]
    if isinstance(node, tuple):
        node = next(alt for alt in node if isinstance(alt, Leaf))
    if not isinstance(node, Leaf):
        raise KeyError(f"not a key of icplab.toml: {'.'.join(path)}")
    return node


def attribute_keys(
    spec: Any = KNOWN_KEYS, path: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], Leaf]]:
    """Every key of plain tables that sets an attribute of ``Config``, with its path."""
    found: list[tuple[tuple[str, ...], Leaf]] = []
    if isinstance(spec, tuple):
        for alt in spec:
            found += attribute_keys(alt, path)
    elif isinstance(spec, Table) and "*" not in spec and spec.of is None:
        for key, sub in spec.items():
            if isinstance(sub, Leaf) and sub.attr:
                found.append(((*path, key), sub))
            elif not isinstance(sub, Leaf):
                found += attribute_keys(sub, (*path, key))
    return found


def default(*path: str) -> Any:
    """The declared default of the key at ``path`` (for the dataclass fields).

    Examples
    --------
    >>> default("refine", "min_contacts")
    30
    """
    return leaf(*path).default
