"""A very long label does not blow up the terminal's tables.

One industry label of 3,000 characters made every row of ``icplab compare`` and
``icplab refine`` over 3,000 characters wide. Tables now cut a label cell at 60
characters with "…" (and the funnel its headings); the JSON output keeps the label whole.
"""

from __future__ import annotations

import json

import pytest

from icplab.cli import main
from icplab.data.sample import generate_outreach

LONG = "Maschinen" + "x" * 2991


@pytest.fixture(scope="module")
def log(tmp_path_factory):
    frame = generate_outreach(1200, seed=4).drop(columns=["sent_at"])
    frame.loc[frame.index % 3 == 0, "industry"] = LONG
    path = tmp_path_factory.mktemp("long") / "log.csv"
    frame.to_csv(path, index=False)
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["compare", "--by", "industry", "--metric", "reply_rate"],
        ["refine", "--metric", "reply_rate", "--min-contacts", "5"],
        ["funnel", "--by", "industry"],
    ],
    ids=lambda c: c[0],
)
@pytest.mark.parametrize("lang", ["en", "de"])
def test_tables_cut_a_long_label(capsys, log, command, lang):
    assert main(["--lang", lang, command[0], str(log), *command[1:]]) in (0, 1)
    out = capsys.readouterr().out
    # the table rows (refine: after the cell's other columns) and the funnel's headings
    table_lines = [
        x for x in out.splitlines() if x.startswith("Maschinenxxx") or " = Maschinenxxx" in x
    ]
    assert table_lines, out
    assert all(len(line) < 300 for line in table_lines), [x[:80] for x in table_lines]
    assert any("Maschinen" + "x" * 50 + "…" in x for x in table_lines), out[:2000]


def test_json_keeps_the_label_whole(capsys, log):
    args = ["compare", str(log), "--by", "industry", "--metric", "reply_rate", "--format", "json"]
    assert main(args) == 0
    levels = [r["level"] for r in json.loads(capsys.readouterr().out)["rows"]]
    assert LONG in levels
