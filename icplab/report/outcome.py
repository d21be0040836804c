"""What a batch run produced: one :class:`ReportResult` per report and the :class:`RunSummary`.

The runner (:mod:`icplab.batch.runner`) creates them; the index page
(:mod:`icplab.report.index_page`) and the CLI read them.

Examples
--------
>>> from pathlib import Path
>>> r = ReportResult("01-overview", "01-overview.ipynb", "ok", 1.5, Path("."), None)
>>> RunSummary("x", Path("."), Path("index.html"), (r,), 1.5).exit_code
0
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from icplab.core.errors import MetricLockError
from icplab.report.summary import ReportSummary

#: Exit status of a batch run in which a report failed.
EXIT_REPORT_FAILED = 1


@dataclass(frozen=True)
class ReportResult:
    """Outcome of one report in a run.

    ``status`` is ``ok`` or ``failed``; ``html`` the report to open (the published one when
    ok, the failed one in the run folder otherwise); ``summary`` the notebook's summary
    (``None`` when it failed before writing one); ``error`` a one-line message.
    """

    name: str
    notebook: str
    status: str
    seconds: float
    run_dir: Path
    html: Path | None
    summary: ReportSummary | None = None
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "ok"


@dataclass(frozen=True)
class RunSummary:
    """Outcome of a batch run.

    ``exit_code`` is 0 when every report succeeded and the metrics are unchanged (or the
    change was accepted), 3 when the metrics changed without acceptance, else 1.
    """

    run_id: str
    run_dir: Path
    index: Path
    results: tuple[ReportResult, ...]
    seconds: float
    metric_change: str = ""
    metric_change_accepted: bool = False
    lock_error: str = ""
    #: Comparisons (level vs baseline) the run's A/B reports make, and in how many reports.
    comparisons: int = 0
    comparison_reports: int = 0
    correction: str = "holm"
    #: ``table`` (each report corrects its own comparisons) or ``run`` (across the run).
    correction_scope: str = "table"
    language: str = "en"
    #: The data every report read (``file``, ``sha256``, ``size``, ``modified``, ``rows``,
    #: ``as_of``: the day it was judged as of); empty for a summary built by hand.
    data: dict[str, Any] | None = None

    @property
    def failed(self) -> tuple[ReportResult, ...]:
        return tuple(r for r in self.results if not r.ok)

    @property
    def exit_code(self) -> int:
        if self.lock_error:
            return MetricLockError.exit_code
        return EXIT_REPORT_FAILED if self.failed else 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "run_dir": str(self.run_dir),
            "index": str(self.index),
            "seconds": round(self.seconds, 2),
            "exit_code": self.exit_code,
            "metric_change": self.metric_change,
            "metric_change_accepted": self.metric_change_accepted,
            "lock_error": self.lock_error,
            "comparisons": self.comparisons,
            "correction": self.correction,
            "correction_scope": self.correction_scope,
            "language": self.language,
            "data": dict(self.data) if self.data else None,
            "reports": [
                {
                    "name": r.name,
                    "status": r.status,
                    "seconds": round(r.seconds, 2),
                    "html": str(r.html) if r.html else None,
                    "error": r.error,
                    "verdict": r.summary.verdict if r.summary else "failed",
                    "answer": r.summary.answer if r.summary else "",
                }
                for r in self.results
            ],
        }
