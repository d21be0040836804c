"""``icplab assign`` counts its segments in words that agree with the number."""

from __future__ import annotations

import pandas as pd
import pytest

from icplab.cli import main
from icplab.data.sample import generate_outreach


@pytest.mark.parametrize(
    ("lang", "one", "many"),
    [("en", "in one segment", "segments"), ("de", "in einem Segment", "Segmenten")],
)
def test_one_segment_is_singular(tmp_path, capsys, monkeypatch, lang, one, many):
    monkeypatch.chdir(tmp_path)
    contacts = generate_outreach(120, seed=4)
    contacts.assign(industry="IT").to_csv("one.csv", index=False)
    contacts.to_csv("many.csv", index=False)
    args = ["--variants", "messaging=a,b", "--seed", "1", "--by", "industry"]
    assert main(["--lang", lang, "assign", "one.csv", *args, "-o", "a.csv"]) == 0
    err = capsys.readouterr().err
    assert one in err and many not in err, err
    assert pd.read_csv("a.csv")["industry"].nunique() == 1  # independent: the file written
    assert main(["--lang", lang, "assign", "many.csv", *args, "-o", "b.csv"]) == 0
    n = pd.read_csv("b.csv")["industry"].nunique()
    assert f"{n} {many}" in capsys.readouterr().err
