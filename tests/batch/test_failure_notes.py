"""A failed report's error is a note across the worker's process boundary, scrubbed.

The worker hands its result to the runner as JSON; the error's note (code and parameters)
goes with it, so the terminal and the index can write it in their language, while the run
record keeps the English text. Personal data in the notebook's exception text is masked
in the note's parameters as it was in the text.
"""

from __future__ import annotations

import json
from pathlib import Path

from icplab.batch.execute import (
    _scrubbed,
    result_from_dict,
    result_to_dict,
    result_to_worker,
)
from icplab.core.notes import Note, render
from icplab.report.outcome import ReportResult


def _failed(error: str) -> ReportResult:
    return ReportResult("r", "r.ipynb", "failed", 1.0, Path("."), None, None, error)


def test_note_survives_the_worker_json_and_the_record_stays_english():
    note = Note("errors.run.cell_failed", error="KeyError: 'x'", cell=7)
    sent = json.loads(json.dumps(result_to_worker(_failed(note))))
    back = result_from_dict(sent)
    assert isinstance(back.error, Note) and back.error.code == "errors.run.cell_failed"
    assert str(back.error) == "KeyError: 'x' (cell 7)"
    assert render(back.error, "de") == "KeyError: 'x' (Zelle 7)"
    assert result_to_dict(back)["error"] == "KeyError: 'x' (cell 7)"  # the run record
    assert "error_note" not in result_to_dict(back)


def test_plain_errors_and_old_records_read_as_before():
    assert result_from_dict(result_to_worker(_failed("boom"))).error == "boom"
    record = result_to_dict(_failed("boom"))
    assert result_from_dict(record).error == "boom"
    broken = {**record, "error_note": {"code": "no.such.code", "params": {}}}
    assert result_from_dict(broken).error == "boom"


def test_personal_data_in_the_note_is_masked():
    note = Note(
        "errors.run.cell_failed",
        error="ValueError: bad row for max.muster@firma.example, call +49 30 1234567",
        cell=3,
    )
    shown = _scrubbed(note)
    for language in ("en", "de"):
        text = render(shown, language)
        assert "max.muster@firma.example" not in text and "1234567" not in text, text
    assert isinstance(shown, Note)
    assert _scrubbed("mail max.muster@firma.example") == "mail [e-mail removed]"
