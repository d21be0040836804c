"""Every statistics JSON is strict JSON, names its inference and carries maturity."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from icplab.cli import main
from icplab.data.sample import generate_outreach


def _refuse(token: str) -> None:
    raise ValueError(f"non-JSON constant {token}")


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> tuple[Path, Path, Path]:
    d = tmp_path_factory.mktemp("strict")
    raw = generate_outreach(2500, seed=31, running=400)
    dated = d / "dated.csv"
    raw.to_csv(dated, index=False)
    undated = d / "undated.csv"
    raw.drop(columns=["sent_at"]).to_csv(undated, index=False)
    cfg = d / "icplab.toml"
    cfg.write_text(
        '[[theses]]\nname = "it"\nstatement = "s"\nwhere = { industry = ["IT"] }\n'
        '[metrics.value_per_contact]\nnumerator = "deal_value"\ndenominator = "contacted"\n'
        'kind = "mean"\ntarget = 150\n',
        encoding="utf-8",
    )
    return dated, undated, cfg


COMMANDS = [
    ["check", "--thesis", "it"],
    ["check", "--thesis", "it", "--sequential"],
    ["compare", "--by", "salutation", "--metric", "reply_rate"],
    ["compare", "--by", "industry", "--metric", "value_per_contact", "--sequential"],
    ["compare", "--by", "salutation", "--metric", "reply_rate", "--within", "industry"],
    ["refine", "--metric", "reply_rate"],
    ["refine", "--metric", "value_per_contact", "--sequential"],
    ["funnel"],
]


@pytest.mark.parametrize("cmd", COMMANDS, ids=lambda c: "-".join(c[:3]))
def test_outputs_are_strict_json_with_maturity_and_inference(files, cmd, capsys):
    dated, undated, cfg = files
    for path, maturity in ((dated, "checked"), (undated, "unknown")):
        argv = [cmd[0], str(path), *cmd[1:], "--config", str(cfg), "--format", "json"]
        assert main([*argv, "--as-of", "2026-09-30"]) == 0
        captured = capsys.readouterr()
        d = json.loads(captured.out, parse_constant=_refuse)
        assert d["maturity"] == maturity, (cmd, path.name)
        if cmd[0] == "funnel":
            continue
        assert d["inference"] in ("fixed", "sequential")
        if d["inference"] == "fixed":
            assert "one look" in d["inference_note"] and "--sequential" in d["inference_note"]
        if "value_per_contact" in cmd:  # no always-valid interval for a mean: never claimed
            assert d["inference"] == "fixed"
        if cmd[0] == "check" and "--sequential" in cmd:
            inf = {m["metric"]: m["inference"] for m in d["metrics"]}
            assert inf["reply_rate"] == "sequential" and inf["value_per_contact"] == "fixed"
            assert d["more_contacts_method"]


def test_as_of_older_than_newest_contact_warns_with_the_number(files, capsys):
    dated, _, cfg = files
    argv = ["check", str(dated), "--thesis", "it", "--config", str(cfg), "--format", "json"]
    assert main([*argv, "--as-of", "2026-07-01"]) == 0
    captured = capsys.readouterr()
    d = json.loads(captured.out, parse_constant=_refuse)
    import pandas as pd

    raw = pd.read_csv(dated)
    it = raw[raw["industry"] == "IT"]
    later = int((pd.to_datetime(it["sent_at"]).dt.floor("D") > "2026-07-01").sum())
    assert later > 0 and d["after_as_of"] == later
    assert f"{later} contacts sent after it are left out" in captured.err
    assert any(str(later) in n for n in d["notes"])


@pytest.mark.parametrize(
    "cmd",
    [
        ["refine", "--metric", "reply_rate"],
        ["compare", "--by", "salutation", "--metric", "reply_rate"],
        ["funnel"],
    ],
    ids=lambda c: c[0],
)
def test_every_command_counts_the_contacts_after_as_of(files, cmd, capsys):
    dated, _, cfg = files
    import pandas as pd

    raw = pd.read_csv(dated)
    later = int((pd.to_datetime(raw["sent_at"]).dt.floor("D") > "2026-07-01").sum())
    argv = [cmd[0], str(dated), *cmd[1:], "--config", str(cfg), "--format", "json"]
    assert main([*argv, "--as-of", "2026-07-01"]) == 0
    captured = capsys.readouterr()
    d = json.loads(captured.out, parse_constant=_refuse)
    assert d["after_as_of"] == later > 0
    assert f"{later} contacts sent after it are left out" in captured.err
