"""What the information pages (06 funnel and value, 07 closed loop, 08 next batch, 09 sales
cycle) share: the words every one of them shows, and how its summary JSON is written.

These pages inform; they judge no target (the thesis and refinement reports do), so their
badge is ``info`` and their key figure on the index page is the page's own conclusion.

Examples
--------
>>> from icplab.report.params import ReportParams
>>> words = PageWords(conclusion="Most go to IT 1-49.")
>>> finish_info(ReportParams(language="de"), "cycle", words, {}).title
'Verkaufszyklus'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from icplab.report.params import ReportParams
from icplab.report.summary import ReportSummary


@dataclass(frozen=True, kw_only=True)
class PageWords:
    """The sentences of a page, in its language: ``conclusion`` (the callout at the top and
    the index page's key figure), ``intro``, ``honesty`` (as of when, what is not counted
    yet) and ``notes`` (one line each)."""

    conclusion: str
    intro: str = ""
    honesty: str = ""
    notes: tuple[str, ...] = ()


def finish_info(
    p: ReportParams, page: str, words: PageWords, details: Mapping[str, Any]
) -> ReportSummary:
    """Write the summary JSON of information page ``page`` (``funnel``, ``closed_loop``,
    ``next``, ``cycle``): its title ``report.page.<page>.title``, the badge ``info`` and
    the page's conclusion as key figure."""
    return p.finish(
        title=p.word(f"page.{page}.title"),
        verdict="info",
        key_figure=words.conclusion,
        details=details,
    )
