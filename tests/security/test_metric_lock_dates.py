"""The metric lock covers how the dates that decide maturity are read.

With a maturity window, a contact counts only once ``sent_at`` is old enough, and a
success only when its timestamp (``replied_at``, ...) lies in the window. Remapping
``sent_at`` (another ``date_format``: day and month swapped) or ``replied_at`` (another
column) changed the reply rate without any lock warning. It is a metric change now; a lock
file of version 1 (written before dates were recorded) is not flagged by the upgrade.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from icplab.api import check
from icplab.core.config import Config
from icplab.icp.lock import LOCK_FILENAME, accept_lock, check_lock

BASE = '[workspace]\nas_of = "2026-06-30"\n'


def _log(path):
    """Contacts sent on the 1st to 12th of a month, each one replied 20 days later; read
    with day and month swapped, the same dates move by months."""
    rows = []
    for month in range(1, 7):
        for day in range(1, 13):
            sent = pd.Timestamp(2026, month, day)
            rows.append(
                {
                    "industry": "IT",
                    "employees": 20,
                    "replied": 1 if day % 3 == 0 else 0,
                    "sent_at": sent.strftime("%Y-%m-%d"),
                    "reply_date": (sent + pd.Timedelta(days=20)).strftime("%Y-%m-%d"),
                    "meeting_date": (sent + pd.Timedelta(days=60)).strftime("%Y-%m-%d"),
                }
            )
    pd.DataFrame(rows).to_csv(path, index=False)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("", 'sent_at = { from = "sent_at", date_format = "%Y-%d-%m" }'),
        ('replied_at = "reply_date"', 'replied_at = "meeting_date"'),
    ],
)
def test_remapped_dates_are_a_metric_change(tmp_path, old, new):
    path = tmp_path / "icplab.toml"
    path.write_text(BASE + "[columns]\n" + old + "\n", encoding="utf-8")
    _log(tmp_path / "log.csv")
    before = check(tmp_path / "log.csv", where={"industry": "IT"}, config=Config.load(path))
    check_lock(Config.load(path))
    path.write_text(BASE + "[columns]\n" + new + "\n", encoding="utf-8")
    after = check(tmp_path / "log.csv", where={"industry": "IT"}, config=Config.load(path))

    # the remapping really moves the reply rate's counts (independent of the lock)
    def rate(result):
        metrics = result.to_dict()["metrics"]
        return [(m["successes"], m["n"]) for m in metrics if m["metric"] == "reply_rate"]

    assert rate(before) != rate(after)
    status = check_lock(Config.load(path))
    assert status.changed
    assert any(c.metric == "reply_rate" and c.field == "dates" for c in status.changes)
    accept_lock(Config.load(path))
    assert not check_lock(Config.load(path)).changed


def test_a_version_1_lock_is_not_flagged_by_the_upgrade(tmp_path):
    path = tmp_path / "icplab.toml"
    path.write_text(BASE + '[columns]\nsent_at = "Erstkontakt"\n', encoding="utf-8")
    check_lock(Config.load(path))
    lock = tmp_path / LOCK_FILENAME
    payload = json.loads(lock.read_text())
    assert payload["version"] == 2 and payload["metrics"]["reply_rate"]["dates"]
    # the same lock as version 1 wrote it: no dates, the fingerprint without them
    from icplab.icp.lock import _fingerprint

    for d in payload["metrics"].values():
        d.pop("dates", None)
    payload["version"] = 1
    payload["fingerprint"] = _fingerprint(payload["metrics"])
    lock.write_text(json.dumps(payload))
    (tmp_path / ".icplab" / "lock-record.json").write_text(json.dumps(payload))
    assert check_lock(Config.load(path)).state == "ok"
