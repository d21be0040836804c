"""``icplab run`` with an as-of day before the log's first send stops before any report.

Every report would fail alike on it ("nothing had been sent yet"), one by one; the run
says it once, in the terminal's language, and exits 2 without writing a report.
"""

from __future__ import annotations

import pandas as pd
import pytest
from _workspace import sample_workspace

from icplab.cli import main


@pytest.mark.parametrize(
    ("lang", "words"), [("en", "nothing had been sent yet"), ("de", "noch nichts versandt")]
)
def test_as_of_before_first_send_stops_the_run(tmp_path, capsys, monkeypatch, lang, words):
    sample_workspace(tmp_path, 300, seed=3, extra_toml='as_of = "2001-02-03"\n')
    first = pd.to_datetime(pd.read_csv(tmp_path / "log.csv")["sent_at"]).min().date()
    assert first.year > 2001  # independent: the generated log starts later
    monkeypatch.chdir(tmp_path)
    assert main(["--lang", lang, "run"]) == 2
    err = capsys.readouterr().err
    assert words in err, err
    day = first.isoformat() if lang == "en" else first.strftime("%d.%m.%Y")
    assert day in err, err
    assert (
        not list((tmp_path / "reports").rglob("*.html"))
        if (tmp_path / "reports").exists()
        else True
    )
