"""A personal value of any row, standing whole in another column, is never shown.

The scrubber masked the row's own name and company wherever they occur in its other
cells. A shifted export puts another row's name into ``employees`` or ``replied`` (or an
industry label), and the error then quoted it: "found 'Sophie Weber'". A cell that is,
whole, a value of some row's personal column is masked now. In a German terminal the
marks read in German; JSON keeps the one English mark in every language.
"""

from __future__ import annotations

import json

import pytest

from icplab.cli import main
from icplab.data.sample import generate_outreach


@pytest.fixture()
def shifted(tmp_path):
    frame = generate_outreach(300, seed=2).astype({"replied": object, "employees": object})
    names = {
        "name": frame.loc[20, "name"],
        "company": frame.loc[30, "company"],
        "label": frame.loc[40, "name"],
    }
    frame.loc[6, "employees"] = names["name"]
    frame.loc[7, "replied"] = names["company"]
    path = tmp_path / "log.csv"
    frame.to_csv(path, index=False)
    labelled = generate_outreach(300, seed=2)
    labelled.loc[labelled.index % 10 == 0, "industry"] = names["label"]
    labels = tmp_path / "labels.csv"
    labelled.to_csv(labels, index=False)
    return path, labels, names


def test_errors_never_quote_another_rows_name(capsys, shifted):
    path, _, names = shifted
    for lang, mark in (("en", "[name removed]"), ("de", "[Name entfernt]")):
        assert main(["--lang", lang, "validate", str(path)]) == 2
        err = capsys.readouterr().err
        assert names["name"] not in err and names["company"] not in err, err
        assert err.count(mark) == 2, err


def test_labels_never_show_another_rows_name(capsys, shifted):
    _, labels, names = shifted
    args = ["compare", str(labels), "--by", "industry", "--metric", "reply_rate"]
    assert main([*args, "--format", "json"]) == 0
    levels = [r["level"] for r in json.loads(capsys.readouterr().out)["rows"]]
    assert names["label"] not in levels and "[name removed]" in levels
    assert main(["--lang", "de", *args]) == 0
    out = capsys.readouterr().out
    assert names["label"] not in out and "[Name entfernt]" in out
    assert "[name removed]" not in out
