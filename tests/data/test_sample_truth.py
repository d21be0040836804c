"""The generator's planted value, reply classes and rejection reasons are recovered."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from icplab.data.load import validate_frame
from icplab.data.sample import (
    REJECTION_BY_INDUSTRY,
    REJECTION_REASONS,
    REPLY_CLASS_GIVEN_NO_MEETING,
    generate_outreach,
    plant_reply_classes_and_reasons,
    planted_value,
)
from icplab.icp.reasons import reasons
from icplab.icp.value import value_by_segment


@pytest.fixture(scope="module")
def big():
    return generate_outreach(60_000, seed=13)


def test_value_per_contact_truth_inside_intervals(big):
    data = validate_frame(big, source="big.csv")
    got = value_by_segment(data.frame, ["industry", "size_band"])
    got = got.assign(industry=got["industry"].astype(str), size_band=got["size_band"].astype(str))
    truth = planted_value().set_index(["industry", "size_band"])
    merged = got.merge(truth.reset_index(), on=["industry", "size_band"], suffixes=("", "_true"))
    inside = (merged["ci_low"] <= merged["value_per_contact_true"]) & (
        merged["ci_high"].isna() | (merged["value_per_contact_true"] <= merged["ci_high"])
    )
    assert inside.mean() >= 0.85, merged[~inside]
    # the planted ordering: IT 500+ is worth far more per contact than Logistik 50-199
    t = truth["value_per_contact"]
    assert t[("IT", "500+")] > 2.5 * t[("Logistik", "50-199")]


def test_reply_classes_follow_the_planted_shares(big):
    no_meeting = big[(big["replied"] == 1) & (big["meeting"] == 0)]
    assert (big.loc[big["replied"] == 0, "reply_class"] == "").all()
    assert (big.loc[big["meeting"] == 1, "reply_class"] == "positive").all()
    for angle, probs in REPLY_CLASS_GIVEN_NO_MEETING.items():
        part = no_meeting[no_meeting["messaging"] == angle]["reply_class"]
        shares = part.value_counts(normalize=True)
        for cls, p in probs.items():
            se = np.sqrt(p * (1 - p) / len(part))
            assert abs(shares.get(cls, 0.0) - p) < 4 * se + 1e-9, (angle, cls)


def test_rejection_reasons_differ_by_industry_as_planted(big):
    data = validate_frame(big, source="big.csv")
    res = reasons(data, "industry")
    assert res.p_value is not None and res.p_value < 1e-6
    t = res.to_frame().set_index(["level", "reason"])["share"]
    for industry, probs in REJECTION_BY_INDUSTRY.items():
        n = int(res.to_frame().query("level == @industry")["count"].sum())
        for reason, p in zip(REJECTION_REASONS, probs, strict=True):
            se = np.sqrt(p * (1 - p) / n)
            assert abs(t.get((industry, reason), 0.0) - p) < 4 * se, (industry, reason)


def test_extras_touch_only_their_own_columns():
    a = generate_outreach(3000, seed=7)
    again = plant_reply_classes_and_reasons(a.drop(columns=["reply_class"]), seed=99)
    other = [c for c in a.columns if c not in ("reply_class", "rejection_reason")]
    pd.testing.assert_frame_equal(a[other], again[other])
    assert not again["reply_class"].equals(a["reply_class"])  # its own seeded stream
    rejected = (a["meeting"] == 1) & (a["qualified"] == 0)
    assert (a.loc[rejected, "rejection_reason"] != "").all()
    assert (a.loc[~rejected, "rejection_reason"] == "").all()
