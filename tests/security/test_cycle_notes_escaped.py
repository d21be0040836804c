"""The sales-cycle page's notes name segments (a segment without any deal, one followed too
briefly): those names are the data's, so they reach the page as inert text, never as HTML
or Markdown."""

from __future__ import annotations

import numpy as np
from _workspace import sample_workspace

from icplab.cli import main

PAYLOAD = "<img src=x onerror=alert(9)>"


def test_segment_names_in_cycle_notes_are_inert(tmp_path, monkeypatch):
    plan = (
        '\n[[reports]]\nname = "cycle"\nnotebook = "09-sales-cycle.ipynb"\n'
        'parameters = { by = "industry" }\n'
    )
    sample_workspace(tmp_path, 900, seed=21, extra_toml=plan)
    log_path = tmp_path / "log.csv"
    import pandas as pd

    log = pd.read_csv(log_path)
    rows = np.flatnonzero(log["industry"].to_numpy() == log["industry"].iloc[0])[:40]
    log.loc[rows, "industry"] = PAYLOAD
    for col in ("deal", "qualified"):
        if col in log.columns:
            log.loc[rows, col] = 0
    log.loc[rows, [c for c in ("deal_at", "qualified_at") if c in log.columns]] = None
    log.to_csv(log_path, index=False)
    monkeypatch.chdir(tmp_path)
    assert main(["run"]) == 0
    page = (tmp_path / "reports" / "cycle.html").read_text(encoding="utf-8")
    assert "alert(9)" in page  # the segment is named on the page (as text)
    # never as a tag (the HTML exporter would write it as <img ... onerror="alert(9)" ...>),
    # only escaped: &lt;img src=x onerror=alert(9)&gt;
    assert PAYLOAD not in page and 'onerror="alert(9)"' not in page
    assert "No contact in &lt;img src=x onerror=alert(9)&gt;" in page  # the note names it
