"""The report plan: which reports a run makes, and the checks every plan passes.

The default plan (:func:`default_plan`, adapted to the columns of the log), the plan of
``icplab.toml`` restricted by ``--only`` (:func:`report_plan`), and the refusal of report
names that would overwrite other files of ``reports/`` and of parameters that are not plain
names or that only the runner sets. It runs nothing and writes nothing.

Examples
--------
>>> from icplab.core.config import Config
>>> [s.name for s in default_plan(Config())][:3]
['01-overview', '02-ab-test-industry', '02-ab-test-size_band']
"""

from __future__ import annotations

import hashlib
import keyword
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from icplab.core.config import Config, ReportSpec
from icplab.core.errors import ConfigError, UsageError, printable
from icplab.core.notes import Note
from icplab.core.schema import FACTORS

#: Longest report name (it becomes file names such as ``NAME.tables.json``).
MAX_NAME = 120
#: Longest thesis part of a report name; a longer one is cut and given a short hash.
MAX_SLUG = 80
#: Notebook parameters only the runner sets, with the reason a plan may not set them.
RESERVED_PARAMETERS: dict[str, str] = {
    "summary_path": Note("errors.plan.reserved.summary_path"),
    "data": Note("errors.plan.reserved.data"),
    "workspace": Note("errors.plan.reserved.workspace"),
    "config": Note("errors.plan.reserved.config"),
    "report_name": Note("errors.plan.reserved.report_name"),
    "metric_change": Note("errors.plan.reserved.metric_change"),
    "run_p_adjusted": Note("errors.plan.reserved.run_comparisons"),
    "run_comparisons": Note("errors.plan.reserved.run_comparisons"),
    "config_copy": Note("errors.plan.reserved.config_copy"),
}


def notebooks_dir() -> Path:
    """The folder with icplab's report notebooks.

    Installed from a wheel they live in ``icplab/notebooks``; in a source checkout
    (editable install, development) in the repository's ``notebooks/``.

    Examples
    --------
    >>> (notebooks_dir() / "01-overview.ipynb").name
    '01-overview.ipynb'
    """
    here = Path(__file__).resolve().parents[1]  # the icplab package folder
    for candidate in (here / "notebooks", here.parent / "notebooks"):
        if candidate.is_dir() and any(candidate.glob("*.ipynb")):
            return candidate
    return here.parent / "notebooks"


def default_plan(config: Config, data: Any = None) -> tuple[ReportSpec, ...]:
    """The report plan used when ``icplab.toml`` has no ``[[reports]]``.

    One overview, one A/B test per factor (reply rate, also inside every industry and
    company size; ``channel`` too when ``data``, a loaded log or its frame, has more than
    one channel), one check per thesis, one ICP refinement (reply rate), one sample-size
    planner, the funnel-and-value report, the next-batch planner, when the log has
    rejection reasons, the closed-loop report, and, when it dates the first touch and a
    later step, the sales-cycle report.
    """
    plan = [ReportSpec("01-overview", "01-overview.ipynb", {})]
    factors = list(FACTORS) + (["channel"] if _levels(data, "channel") > 1 else [])
    segment_columns = ("industry", "size_band")
    plan += [
        ReportSpec(
            f"02-ab-test-{f}",
            "02-ab-test.ipynb",
            {
                "factor": f,
                "metric": "reply_rate",
                "within": [w for w in segment_columns if w != f],
            },
        )
        for f in factors
    ]
    plan += [
        ReportSpec(f"03-thesis-{_slug(t.name)}", "03-thesis-check.ipynb", {"thesis": t.name})
        for t in config.theses
    ]
    plan.append(
        ReportSpec("04-icp-refinement", "04-icp-refinement.ipynb", {"metric": "reply_rate"})
    )
    plan.append(ReportSpec("05-sample-size", "05-sample-size.ipynb", {"metric": "reply_rate"}))
    plan.append(ReportSpec("06-funnel-value", "06-funnel-value.ipynb", {}))
    # the closed loop needs rejection reasons: a tool export without them (lemlist, Apollo)
    # gets no report that could only fail; a log that cannot be read keeps it (its report
    # then says what is wrong)
    if data is None or _levels(data, "rejection_reason") > 0:
        plan.append(ReportSpec("07-closed-loop", "07-closed-loop.ipynb", {}))
    plan.append(ReportSpec("08-next-batch", "08-next-batch.ipynb", {"metric": "reply_rate"}))
    # the sales cycle needs the dates of the first touch and of at least one later step
    # (a log that cannot be read keeps it, like the closed loop)
    if (
        data is None
        or _levels(data, "sent_at")
        and any(_levels(data, c) for c in ("replied_at", "meeting_at", "qualified_at", "deal_at"))
    ):
        plan.append(ReportSpec("09-sales-cycle", "09-sales-cycle.ipynb", {}))
    return tuple(plan)


def _levels(data: Any, column: str) -> int:
    """Distinct non-empty values of ``column`` in a loaded log or frame (0 without)."""
    frame = getattr(data, "frame", data)
    if not isinstance(frame, pd.DataFrame) or column not in frame.columns:
        return 0
    return int(frame[column].dropna().astype(str).str.strip().replace("", pd.NA).nunique())


def report_plan(
    config: Config, only: Iterable[str] | None = None, data: Any = None
) -> tuple[ReportSpec, ...]:
    """The plan of ``config`` (or :func:`default_plan`), restricted to ``only`` names.

    An ``only`` entry matches a report name exactly or as a prefix (``02-ab-test`` selects
    all A/B tests); one that matches nothing is an error listing the known names.
    """
    plan = config.reports if config.reports is not None else default_plan(config, data)
    names = [s.name for s in plan]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ConfigError(Note("errors.plan.repeated_names", names=tuple(dupes)))
    for s in plan:
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", s.name):
            raise ConfigError(Note("errors.plan.name_chars", name=s.name))
        if len(s.name) > MAX_NAME:
            raise ConfigError(
                Note(
                    "errors.plan.name_length",
                    name=s.name[:40],
                    length=len(s.name),
                    limit=MAX_NAME,
                )
            )
        _check_name_is_free(s.name, names)
        _check_parameter_names(s)
        reserved = sorted(set(s.parameters) & set(RESERVED_PARAMETERS))
        if reserved:
            key = reserved[0]
            raise ConfigError(
                Note(
                    "errors.plan.reserved_parameter",
                    name=s.name,
                    key=key,
                    reason=RESERVED_PARAMETERS[key],
                )
            )
    if not only:
        return tuple(plan)
    chosen: list[ReportSpec] = []
    for sel in only:
        hits = [s for s in plan if s.name == sel] or [s for s in plan if s.name.startswith(sel)]
        if not hits:
            raise UsageError(Note("errors.plan.unknown_report", name=sel, known=tuple(names)))
        chosen += [s for s in hits if s not in chosen]
    return tuple(s for s in plan if s in chosen)


#: Report names whose files would replace other files of ``reports/`` (the index page,
#: the tables workbook, the run folders, the cron log).
RESERVED_REPORT_NAMES = frozenset({"index", "tables", "runs", "cron", "run"})


def _check_name_is_free(name: str, names: list[str]) -> None:
    """Refuse a report name whose files would overwrite another file of ``reports/``.

    Examples
    --------
    >>> _check_name_is_free("01-overview", ["01-overview"])
    >>> _check_name_is_free("Index", ["Index"])
    Traceback (most recent call last):
    icplab.core.errors.ConfigError: report name 'Index' would overwrite reports/index.html (or another file icplab keeps in reports/); choose another name.
    """
    folded = name.casefold()
    if folded in RESERVED_REPORT_NAMES or folded.split(".")[0] in RESERVED_REPORT_NAMES:
        raise ConfigError(Note("errors.plan.reserved_name", name=name, file=folded.split(".")[0]))
    for other in names:
        if other == name:
            continue
        if other.casefold() == folded:
            raise ConfigError(Note("errors.plan.case_only", other=other, name=name))
        if folded == f"{other.casefold()}.tables":
            raise ConfigError(Note("errors.plan.tables_name", name=name, other=other))


def _check_parameter_names(spec: ReportSpec) -> None:
    """Refuse plan parameters whose names are not plain Python names: papermill writes
    them as ``NAME = value`` into the notebook's parameter cell, so a name such as
    ``import os; x`` would be run as code.

    Examples
    --------
    >>> _check_parameter_names(ReportSpec("r", "01-overview.ipynb", {"metric": "x"}))
    >>> _check_parameter_names(ReportSpec("r", "01-overview.ipynb", {"class": 1}))
    Traceback (most recent call last):
    icplab.core.errors.ConfigError: [[reports]] entry 'r': parameter name 'class' is a Python keyword; a parameter name must be a plain name (letters, digits, '_', not starting with a digit), e.g. metric or factor.
    """
    for key in spec.parameters:
        text = str(key)
        why = ""
        if not text.isidentifier() or not text.isascii():
            why = "not_plain"
        elif keyword.iskeyword(text) or keyword.issoftkeyword(text):
            why = "keyword"
        elif text.startswith("__"):
            why = "dunder"
        if why:
            raise ConfigError(
                Note(
                    "errors.plan.parameter_name",
                    name=spec.name,
                    key=printable(text)[:60],
                    why=Note(f"errors.plan.why.{why}"),
                )
            )


def _resolve_notebook(root: Path, notebook: str) -> Path:
    p = Path(notebook).expanduser()
    candidates = [p] if p.is_absolute() else [root / p, root / "notebooks" / p, notebooks_dir() / p]
    for c in candidates:
        if c.is_file():
            return c.resolve()
    raise ConfigError(
        Note(
            "errors.plan.no_notebook",
            notebook=notebook,
            folders=tuple(str(c.parent) for c in candidates),
        )
    )


def _slug(name: str) -> str:
    """A file-name-safe form of a thesis name, at most :data:`MAX_SLUG` characters (a
    longer one keeps its start and gets a short hash of the whole name, so two long names
    stay apart).

    Examples
    --------
    >>> _slug("Logistik 50-199 / DACH")
    'Logistik-50-199-DACH'
    >>> s = _slug("x" * 300)
    >>> len(s), s[:3], s == _slug("x" * 300) != _slug("x" * 299)
    (80, 'xxx', True)
    """
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "thesis"
    if len(slug) <= MAX_SLUG:
        return slug
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
    return slug[: MAX_SLUG - 9].rstrip("-.") + "-" + digest


__all__ = [
    "MAX_NAME",
    "MAX_SLUG",
    "RESERVED_PARAMETERS",
    "RESERVED_REPORT_NAMES",
    "default_plan",
    "notebooks_dir",
    "report_plan",
]
