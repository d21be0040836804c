"""Attack on the metric lock (issues 20 and 22): re-mapping ``replied`` in ``[columns]``
moves the reply rate from 22 % to 61 % and must be a metric change that ``icplab run``
refuses (exit 3) unless accepted, however the lock is deleted or edited."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from icplab.cli import build_parser, main
from icplab.core.config import Config
from icplab.core.errors import MetricLockError
from icplab.data.load import load
from icplab.icp.lock import check_lock

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
N = 1000

NARROW = 'replied = { from = "Status", in = ["Replied"] }\n'
WIDE = 'replied = { from = "Status", in = ["Replied", "Opened"] }\n'


def _log(path: Path) -> pd.Series:
    """1,000 contacts: 22 % 'Replied', 39 % 'Opened', the rest 'Sent'."""
    rng = np.random.default_rng(7)
    status = np.array(["Replied"] * 220 + ["Opened"] * 390 + ["Sent"] * 390)
    rng.shuffle(status)
    frame = pd.DataFrame(
        {
            "prospect_id": [f"P{i}" for i in range(N)],
            "industry": rng.choice(["IT", "Logistik"], N),
            "employees": rng.integers(5, 900, N),
            "messaging": rng.choice(["zeitersparnis", "fehlerrate"], N),
            "salutation": rng.choice(["du", "sie"], N),
            "meeting": 0,
            "Status": status,
        }
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False)
    return frame["Status"]


def _config(ws: Path, columns: str, plan: bool = False, extra: str = "") -> Path:
    path = ws / "icplab.toml"
    reports = (
        f'\n[[reports]]\nname = "tiny"\nnotebook = "{(FIXTURES / "tiny.ipynb").as_posix()}"\n'
        if plan
        else ""
    )
    path.write_text(
        f'[workspace]\ndata = "data/log.csv"\n{extra}\n[columns]\n{columns}{reports}',
        encoding="utf-8",
    )
    return path


def test_the_remapping_moves_the_rate_from_22_to_61_percent(tmp_path: Path) -> None:
    status = _log(tmp_path / "data" / "log.csv")
    narrow = load(tmp_path / "data" / "log.csv", config=Config.load(_config(tmp_path, NARROW)))
    wide = load(tmp_path / "data" / "log.csv", config=Config.load(_config(tmp_path, WIDE)))
    assert narrow.frame["replied"].mean() == pytest.approx((status == "Replied").mean())
    assert wide.frame["replied"].mean() == pytest.approx(status.isin(["Replied", "Opened"]).mean())
    assert round(narrow.frame["replied"].mean(), 2) == 0.22
    assert round(wide.frame["replied"].mean(), 2) == 0.61


def test_changing_the_replied_mapping_is_a_metric_change(tmp_path: Path) -> None:
    _log(tmp_path / "data" / "log.csv")
    assert check_lock(Config.load(_config(tmp_path, NARROW))).state == "created"
    status = check_lock(Config.load(_config(tmp_path, WIDE)))
    assert status.changed
    (change,) = [c for c in status.changes if c.metric == "reply_rate"]
    assert '"Replied"' in str(change.old) and '"Opened"' not in str(change.old)
    assert '"Opened"' in str(change.new)
    assert "reply_rate.columns" in status.describe()
    with pytest.raises(MetricLockError) as err:
        status.raise_if_changed()
    assert err.value.exit_code == 3


def test_deleting_or_editing_the_lock_does_not_hide_the_mapping_change(tmp_path: Path) -> None:
    _log(tmp_path / "data" / "log.csv")
    check_lock(Config.load(_config(tmp_path, NARROW)))
    wide = Config.load(_config(tmp_path, WIDE))
    lock = tmp_path / "icplab.lock.json"
    # edit the lock to the new mapping by hand: tampered
    payload = json.loads(lock.read_text())
    payload["metrics"]["reply_rate"]["columns"]["replied"] = json.dumps(
        {"from": "Status", "in": ["Replied", "Opened"]}, sort_keys=True, separators=(",", ":")
    )
    lock.write_text(json.dumps(payload))
    assert check_lock(wide).state == "tampered"
    # delete it: the record in .icplab/ still knows the old mapping
    lock.unlink()
    status = check_lock(wide)
    assert status.state == "changed"
    assert any(c.field == "columns" for c in status.changes)


def test_preset_and_size_bands_are_locked_too(tmp_path: Path) -> None:
    _log(tmp_path / "data" / "log.csv")
    check_lock(Config.load(_config(tmp_path, NARROW)))
    bands = Config.load(_config(tmp_path, NARROW, extra="[size_bands]\nedges = [1, 10, 100]\n"))
    assert {c.field for c in check_lock(bands, record=False).changes} == {"size_bands"}
    preset = Config.load(_config(tmp_path, 'preset = "lemlist"\n'))
    changes = check_lock(preset, record=False).changes
    assert any(c.field == "columns" and "preset lemlist" in str(c.new) for c in changes)


def test_run_help_states_exit_3() -> None:
    text = build_parser("run")._subparsers._group_actions[0].choices["run"].format_help()  # type: ignore[union-attr]
    assert "3 the metrics changed" in " ".join(text.split())
    assert "--accept-metric-change" in text


@pytest.mark.slow
def test_icplab_run_exits_3_on_the_remapping_unless_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _log(tmp_path / "data" / "log.csv")
    path = _config(tmp_path, NARROW, plan=True)
    assert main(["run", "--config", str(path), "--timeout", "120"]) == 0, capsys.readouterr().err
    _config(tmp_path, WIDE, plan=True)
    capsys.readouterr()
    assert main(["run", "--config", str(path), "--timeout", "120"]) == 3
    err = capsys.readouterr().err
    assert '"in":["Replied"]' in err and '"in":["Replied","Opened"]' in err
    html = sorted((tmp_path / "reports" / "runs").glob("*/tiny/tiny.html"))[-1].read_text()
    assert "Opened" in html  # the report shows the change, old and new
    # deleting the lock and the state folder does not make the change go away: the first
    # run's record still holds the narrow mapping (what the next run checks, without
    # writing anything; that a change stops a run with exit 3 is shown just above)
    (tmp_path / "icplab.lock.json").unlink()
    shutil.rmtree(tmp_path / ".icplab")
    status = check_lock(Config.load(path), record=False)
    assert status.changed and status.state == "changed"
    (change,) = [c for c in status.changes if c.metric == "reply_rate"]
    assert change.field == "columns" and '"Opened"' not in str(change.old)
    assert "run.json" in status.describe()
    assert not (tmp_path / "icplab.lock.json").exists()
    assert main(["run", "--config", str(path), "--timeout", "120", "--accept-metric-change"]) == 0
