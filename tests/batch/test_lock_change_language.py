"""A run stopped by a metric change says so in the terminal's and the index's language.

``icplab run`` in a German workspace printed "Fehler: The success metrics changed since
they were locked ..." and the German index listed "default bands (...)": the runner kept
only the English text of the lock's note. It keeps the note now; ``run.json`` keeps the
English text.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from icplab.batch.runner import _check_lock
from icplab.core.config import Config
from icplab.core.notes import Note, render
from icplab.icp.lock import check_lock
from icplab.report.index_page import index_html
from icplab.report.outcome import RunSummary

TOML = "[metrics.reply_rate]\ntarget = {target}\n[size_bands]\nedges = {edges}\n"


def _changed(tmp_path: Path) -> Config:
    path = tmp_path / "icplab.toml"
    path.write_text(TOML.format(target=0.15, edges="[1, 50, 200, 500]"), encoding="utf-8")
    check_lock(Config.load(path))
    path.write_text(TOML.format(target=0.2, edges="[1, 50, 250, 500]"), encoding="utf-8")
    return Config.load(path)


def _summary(tmp_path: Path, **kw) -> RunSummary:
    return RunSummary(
        "20261207T000000Z", tmp_path, tmp_path / "index.html", (), 1.0, language="de", **kw
    )


def _text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_the_lock_error_stays_a_note(tmp_path):
    change, accepted, error = _check_lock(_changed(tmp_path), accept=False)
    assert not accepted and isinstance(error, Note) and isinstance(change, Note)
    assert "reply_rate.target: 0.15 -> 0.2" in str(error)  # the run record's English
    german = render(error, "de")
    assert "reply_rate.target: 0,15 -> 0,2" in german
    assert "Standard-Größenklassen (1-49, 50-199, 200-499, 500+)" in german
    assert "default bands" not in german and "changed since" not in german


def test_the_german_index_lists_the_change_in_german(tmp_path):
    change, _, error = _check_lock(_changed(tmp_path), accept=False)
    page = _text(index_html(_summary(tmp_path, metric_change=change, lock_error=error), tmp_path))
    assert "reply_rate.target: 0,15 -> 0,2" in page
    assert "Standard-Größenklassen (1-49, 50-199, 200-499, 500+) -> 1-49, 50-249" in page
    assert "default bands" not in page
    only_error = _text(index_html(_summary(tmp_path, lock_error=error), tmp_path))
    assert "Die Erfolgskennzahlen haben sich" in only_error
    assert "The success metrics" not in only_error
