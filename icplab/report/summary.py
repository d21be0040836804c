"""The small JSON every report notebook writes next to its HTML: its key numbers.

The batch runner and the index page read these files; nobody scrapes HTML. A summary holds
no personal data: only the report's name, title, verdict, one key-figure sentence and a
few aggregated numbers.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> path = Path(tempfile.mkdtemp()) / "02-ab-test-salutation.json"
>>> s = write_summary(path, report="02-ab-test-salutation", title="A/B test: salutation",
...                   verdict="pass", key_figure="du 17.0 % vs sie 12.5 %",
...                   generated_at="2026-05-01T10:00:00Z")
>>> read_summary(path) == s
True
>>> s.to_dict()["verdict"]
'pass'
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from icplab.core.errors import IcpLabError, UsageError
from icplab.core.notes import Note

#: Verdicts a report can carry. ``untested`` is a thesis whose contacts are all still
#: maturing (or too few); ``info`` is for reports without a target to judge (the
#: sample-size planner); ``failed`` is set by the runner when a notebook did not finish.
REPORT_VERDICTS: tuple[str, ...] = (
    "pass",
    "fail",
    "inconclusive",
    "untested",
    "info",
    "failed",
)
#: Answers of an A/B report (its index badge instead of a target verdict), each with the
#: sign its badge shows before the words (colour is never the only cue).
ANSWER_MARKS: dict[str, str] = {
    "winner": "\u2713 ",  # check mark
    "differences": "\u2260 ",  # not equal
    "no_difference": "= ",
    "nothing_to_compare": "\u2013 ",  # en dash
    "differs_by_segment": "\u21c4 ",  # arrows both ways
}
#: The answers alone.
ANSWERS: tuple[str, ...] = tuple(ANSWER_MARKS)


def utc_now() -> str:
    """Current UTC time as ISO 8601 with a ``Z``, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class ReportSummary:
    """Key numbers of one report.

    Parameters
    ----------
    report
        Report name (the file stem of its HTML in ``reports/``).
    title
        Plain-language title.
    verdict
        One of :data:`REPORT_VERDICTS`.
    key_figure
        One sentence with the number that matters, e.g. ``"Reply rate 17.0 % (target 15 %)"``.
    generated_at
        UTC ISO timestamp.
    details
        Optional aggregated numbers (JSON-serialisable, no personal data).
    metric_change
        Non-empty when the locked metric definitions changed: what changed (old and new).
    error
        For failed reports: the error message.
    answer, answer_level
        A/B reports: the answer to their own question (one of :data:`ANSWERS`; the index
        shows it as the badge) and, for ``winner``, the winning level. Empty otherwise.
    language
        The report's language (``en`` / ``de``).
    """

    report: str
    title: str
    verdict: str
    key_figure: str
    generated_at: str = field(default_factory=utc_now)
    details: dict[str, Any] = field(default_factory=dict)
    metric_change: str = ""
    error: str = ""
    answer: str = ""
    answer_level: str = ""
    language: str = "en"

    def __post_init__(self) -> None:
        for name, known in (("verdict", REPORT_VERDICTS), ("answer", ANSWERS)):
            value = getattr(self, name)
            if value not in known and (value or name == "verdict"):  # no answer: not A/B
                raise UsageError(
                    Note(
                        "report.summary_field",
                        report=self.report,
                        field=name,
                        known=known,
                        got=value,
                    )
                )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ReportSummary:
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in d.items() if k in known})


def write_summary(path: str | Path | None, **fields: Any) -> ReportSummary:
    """Build a :class:`ReportSummary` from ``fields`` and write it as JSON to ``path``.

    ``path`` empty or ``None`` (a notebook run by hand) writes nothing but still returns
    the summary. The file is written atomically.
    """
    summary = ReportSummary(**fields)
    if path:
        from icplab.core.files import atomic_write_text

        text = json.dumps(summary.to_dict(), ensure_ascii=False, indent=2, default=_jsonable)
        atomic_write_text(Path(path), text + "\n")
    return summary


def read_summary(path: str | Path) -> ReportSummary:
    """Read a summary JSON written by :func:`write_summary`."""
    return ReportSummary.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def _jsonable(value: Any) -> Any:
    if hasattr(value, "item"):
        return value.item()
    if hasattr(value, "tolist"):
        return value.tolist()
    return str(value)


def load_previous_summary(reports_dir: Path, name: str) -> ReportSummary | None:
    """The last published summary of ``name``, if any."""
    p = reports_dir / f"{name}.json"
    try:
        return read_summary(p)
    except (FileNotFoundError, ValueError, TypeError, IcpLabError):
        return None
