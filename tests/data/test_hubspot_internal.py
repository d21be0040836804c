"""HubSpot exports with internal values (API dumps, "export internal values"):
``lifecyclestage`` = ``salesqualifiedlead``, ``hs_lead_status`` = ``IN_PROGRESS``,
``numemployees``, dates as epoch milliseconds; and a deals export read through
``Deal Stage``. Counts are checked against the stages the rows were drawn with."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from icplab.data.load import load

#: Lifecycle stages in funnel order, as HubSpot's API writes them.
LIFECYCLE = ["subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead"]
LIFECYCLE += ["opportunity", "customer"]


def test_internal_values_and_epoch_dates_are_read(tmp_path: Path) -> None:
    n = 120
    rng = np.random.default_rng(8)
    stage = rng.choice(LIFECYCLE, n)
    answered = rng.random(n) < 0.3
    status = np.where(answered, rng.choice(["IN_PROGRESS", "CONNECTED", "BAD_TIMING"], n), "NEW")
    replied_ms = np.where(answered, 1764547200000 + np.arange(n) * 86_400_000, 0)
    frame = pd.DataFrame(
        {
            "hs_object_id": 5000 + np.arange(n),
            "email": [f"p{i}@example.org" for i in range(n)],
            "lifecyclestage": stage,
            "hs_lead_status": status,
            "industry": rng.choice(["COMPUTER_SOFTWARE", "LOGISTICS_AND_SUPPLY_CHAIN"], n),
            "numemployees": rng.integers(2, 3000, n),
            "hs_sales_email_last_replied": [str(v) if v else "" for v in replied_ms],
        }
    )
    path = tmp_path / "hubspot-api.csv"
    frame.to_csv(path, index=False)
    got = load(path, preset="hubspot").frame
    sql_or_later = np.isin(stage, LIFECYCLE[3:])
    assert int(got["replied"].sum()) == int((answered | sql_or_later).sum())
    assert int(got["meeting"].sum()) == int(sql_or_later.sum())
    assert int(got["deal"].sum()) == int((stage == "customer").sum())
    want_at = pd.to_datetime(pd.Series(replied_ms[answered]), unit="ms")
    pd.testing.assert_series_equal(
        got.loc[answered, "replied_at"].reset_index(drop=True).astype("datetime64[ns]"),
        want_at.astype("datetime64[ns]"),
        check_names=False,
    )


def test_a_deals_export_is_read_through_the_deal_stage(tmp_path: Path) -> None:
    # HubSpot's default sales pipeline, in order; Closed Lost says nothing of the reach
    pipeline = ["appointmentscheduled", "qualifiedtobuy", "presentationscheduled"]
    pipeline += ["decisionmakerboughtin", "contractsent", "closedwon"]
    n = 90
    rng = np.random.default_rng(3)
    stage = rng.choice([*pipeline, "closedlost"], n)
    frame = pd.DataFrame(
        {
            "Record ID": np.arange(n),
            "Deal Stage": stage,
            "Industry": rng.choice(["IT", "Logistik"], n),
            "Number of Employees": rng.integers(5, 800, n),
            "Amount": np.where(stage == "closedwon", 1200.0, 0.0),
        }
    )
    path = tmp_path / "deals.csv"
    frame.to_csv(path, index=False)
    got = load(path, preset="hubspot").frame
    reached = {s: i for i, s in enumerate(pipeline)}
    depth = np.array([reached.get(s, -1) for s in stage])
    assert int(got["meeting"].sum()) == int((depth >= 0).sum())
    assert int(got["qualified"].sum()) == int((depth >= 1).sum())
    assert int(got["deal"].sum()) == int((stage == "closedwon").sum())
    assert float(got["deal_value"].fillna(0).sum()) == float(frame["Amount"].sum())
