"""Yes/no columns written with check marks or ``j``/``n`` (hand-kept German sheets) are read
as booleans, by the ordinary reader and the DuckDB scan alike."""

from __future__ import annotations

import pandas as pd
import pytest

from icplab.data.load import load


@pytest.mark.parametrize("engine", ["pandas", "duckdb"])
def test_check_marks_and_j_n(tmp_path, monkeypatch, engine):
    monkeypatch.setenv("ICPLAB_LOAD_ENGINE", engine)
    yes, no = ["✓", "✔", "☑", "j", "J"], ["✗", "✘", "☐", "n", ""]
    replied = (yes + no) * 3
    log = pd.DataFrame(
        {
            "prospect_id": range(len(replied)),
            "industry": ["IT", "Bau"] * (len(replied) // 2),
            "employees": 20,
            "replied": replied,
        }
    )
    log.to_csv(tmp_path / "log.csv", index=False)
    frame = load(tmp_path / "log.csv").frame
    expected = sum(v in yes for v in replied)  # independent: the marks written above
    assert int(frame["replied"].sum()) == expected == 15
    assert int(frame["contacted"].sum()) == len(replied)
