"""``icplab refine`` in a German terminal: the best-variant lines in German numbers.

The line that names the better variant of a cell was written with English decimals in a
German terminal (``29.3 % vs 17.1 % mit sie; ... plausibel 4.9 bis 19.7``). Its figures
are checked against counts taken from the file and the Newcombe interval of statsmodels.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import confint_proportions_2indep

from icplab.cli import main


def _log(path):
    rows = []
    for industry, employees in (("IT", 120), ("Handel", 20)):
        for salutation, replies in (("du", 60), ("sie", 20)):
            replied = np.arange(200) < replies
            rows += [
                {
                    "industry": industry,
                    "employees": employees,
                    "salutation": salutation,
                    "replied": int(r),
                }
                for r in replied
            ]
    frame = pd.DataFrame(rows)
    frame.insert(0, "prospect_id", range(1, len(frame) + 1))
    frame.to_csv(path, index=False)
    return frame


def _german(x: float) -> str:
    return f"{x:.1f}".replace(".", ",")


def test_best_variant_line_is_german(tmp_path, capsys):
    data = tmp_path / "log.csv"
    frame = _log(data)
    (tmp_path / "icplab.toml").write_text("", encoding="utf-8")
    args = ["refine", str(data), "--metric", "reply_rate"]
    args += ["--config", str(tmp_path / "icplab.toml")]
    assert main(["--lang", "de", *args]) == 0
    out = capsys.readouterr().out
    lines = [x for x in out.splitlines() if x.startswith("  IT 50-199: du (")]
    assert len(lines) == 1, out
    cell = frame[frame["industry"] == "IT"]
    du = cell[cell["salutation"] == "du"]["replied"]
    sie = cell[cell["salutation"] == "sie"]["replied"]
    lo, hi = confint_proportions_2indep(
        du.sum(), len(du), sie.sum(), len(sie), method="newcomb", compare="diff"
    )
    expected = (
        f"{_german(100 * du.mean())} % gegen {_german(100 * sie.mean())} % mit sie; "
        f"+{_german(100 * (du.mean() - sie.mean()))} Prozentpunkte, "
        f"plausibel +{_german(100 * lo)} bis +{_german(100 * hi)}"
    )
    assert lines[0] == f"  IT 50-199: du ({expected})", out
    assert not re.search(r"\d\.\d", lines[0])
    # English keeps its own words and signs
    assert main(["--lang", "en", *args]) == 0
    english = capsys.readouterr().out
    assert f"  IT 50-199: du ({100 * du.mean():.1f} % vs {100 * sie.mean():.1f} % with sie; " in (
        english
    )


def test_proposed_german_statement_has_german_date_and_percent(tmp_path, capsys):
    """The German statement of ``refine --propose`` read "... >= 15% (Stand 2026-09-30)"."""
    from datetime import date

    data = tmp_path / "log.csv"
    _log(data)
    config = tmp_path / "icplab.toml"
    config.write_text('[workspace]\nas_of = "2026-09-30"\n', encoding="utf-8")
    args = ["refine", str(data), "--metric", "reply_rate", "--propose", "--config", str(config)]
    assert main(["--lang", "de", *args]) == 0
    out = capsys.readouterr().out
    statements = [x for x in out.splitlines() if x.startswith("statement = ")]
    stand = date(2026, 9, 30).strftime("%d.%m.%Y")
    assert statements and all(s.endswith(f'>= 15 % (Stand {stand})"') for s in statements), out
    english = [x for x in out.splitlines() if x.startswith("statement_en = ")]
    assert english and all(e.endswith('target of 15% (as of 2026-09-30)"') for e in english)
