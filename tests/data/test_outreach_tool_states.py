"""Smartlead and Instantly exports as their APIs name things (Smartlead: categories by
id in ``lead_category_id``, the default names ``Uncategorizable`` and ``Bounce``,
``is_interested``, ``last_reply_at``; Instantly: ``timestamp_last_reply``): replies and
meeting requests counted as the categories say.

Smartlead's default categories (``/leads/fetch-categories``): 1 Interested, 2 Meeting
Request, 3 Not Interested, 4 Do Not Contact, 5 Information Request, 6 Out Of Office,
7 Wrong Person, 8 Uncategorizable, 9 Bounce. Every one but Bounce is set on a reply;
1, 2 and 5 ask for a meeting or more information."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from icplab.data.load import load

NAMES = {1: "Interested", 2: "Meeting Request", 3: "Not Interested", 4: "Do Not Contact"}
NAMES |= {5: "Information Request", 6: "Out Of Office", 7: "Wrong Person"}
NAMES |= {8: "Uncategorizable", 9: "Bounce"}


def _export(n: int = 150) -> tuple[pd.DataFrame, np.ndarray]:
    rng = np.random.default_rng(21)
    ids = rng.choice([0, 0, 0, *NAMES], n)  # 0: no category
    frame = pd.DataFrame(
        {
            "id": np.arange(n),
            "email": [f"lead{i}@example.org" for i in range(n)],
            "company_name": "Beispiel GmbH",
            "custom_fields": ['{"Branche": "IT", "Mitarbeiter": "120"}'] * n,
        }
    )
    return frame, ids


def test_category_ids_are_read(tmp_path: Path) -> None:
    frame, ids = _export()
    frame["lead_category_id"] = [str(i) if i else "" for i in ids]
    frame.to_csv(tmp_path / "sl.csv", index=False)
    got = load(tmp_path / "sl.csv", preset="smartlead").frame
    assert int(got["replied"].sum()) == int(np.isin(ids, range(1, 9)).sum())
    assert int(got["meeting"].sum()) == int(np.isin(ids, [1, 2, 5]).sum())


def test_default_category_names_and_is_interested_are_read(tmp_path: Path) -> None:
    frame, ids = _export()
    frame["category"] = [NAMES.get(int(i), "") for i in ids]
    frame["is_interested"] = np.where(ids == 1, "true", "false")
    frame.to_csv(tmp_path / "sl.csv", index=False)
    got = load(tmp_path / "sl.csv", preset="smartlead").frame
    assert int(got["replied"].sum()) == int(np.isin(ids, range(1, 9)).sum())
    assert int(got["meeting"].sum()) == int(np.isin(ids, [1, 2, 5]).sum())


def test_instantly_api_last_reply_timestamp_counts_a_reply(tmp_path: Path) -> None:
    # Instantly's API lead: timestamp_last_reply is set once the lead has replied, even
    # where email_reply_count is missing from the dump
    rng = np.random.default_rng(5)
    n = 80
    replied = rng.random(n) < 0.3
    frame = pd.DataFrame(
        {
            "id": [f"l{i}" for i in range(n)],
            "email": [f"lead{i}@example.org" for i in range(n)],
            "payload": ['{"industry": "IT", "employees": "40"}'] * n,
            "timestamp_last_reply": np.where(replied, "2026-01-05T10:00:00.000Z", ""),
        }
    )
    frame.to_csv(tmp_path / "inst.csv", index=False)
    got = load(tmp_path / "inst.csv", preset="instantly").frame
    assert int(got["replied"].sum()) == int(replied.sum())
