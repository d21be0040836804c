"""Sufficient statistics and segment filters."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from icplab.core.config import Range
from icplab.core.errors import UsageError
from icplab.data.counts import apply_where, counts, parse_where
from icplab.data.load import validate_frame
from icplab.data.sample import generate_outreach


@pytest.fixture(scope="module")
def data():
    return validate_frame(generate_outreach(3000, seed=21), source="gen.csv")


def test_counts_equal_plain_pandas_for_every_grouping(data):
    raw = data.frame
    for by in (
        ["industry"],
        ["size_band"],
        ["messaging", "salutation"],
        ["campaign", "industry", "size_band"],
    ):
        ours = counts(raw, by)
        ref = (
            raw.groupby(by, observed=True)[["contacted", "replied", "meeting", "qualified", "deal"]]
            .sum()
            .reset_index()
        )
        ref = ref[ref.contacted > 0].reset_index(drop=True)
        pd.testing.assert_frame_equal(
            ours[ref.columns].reset_index(drop=True),
            ref,
            check_dtype=False,
            check_categorical=False,
        )
        assert ours["contacted"].sum() == len(raw)


def test_total_row(data):
    total = counts(data.frame, [])
    assert total["contacted"].tolist() == [len(data.frame)]
    assert total["deal_value"].iloc[0] == pytest.approx(data.frame["deal_value"].sum())


def test_unknown_group_column(data):
    with pytest.raises(UsageError, match="no such column"):
        counts(data.frame, ["colour"])


def test_parse_where_forms():
    w = parse_where(["industry=IT,Logistik", "employees=50-199", "salutation=du"])
    assert w == {"industry": ("IT", "Logistik"), "employees": Range(50, 199), "salutation": ("du",)}
    assert parse_where(["employees=500+"])["employees"] == Range(500, None)
    assert parse_where(["employees=12"])["employees"] == Range(12, 12)
    for bad in ("industry", "=IT", "employees=abc", "employees=200-50"):
        with pytest.raises(UsageError):
            parse_where([bad])


def test_apply_where_matches_boolean_mask(data):
    f = data.frame
    got = apply_where(f, parse_where(["industry=it,Logistik", "employees=50-199"]))
    mask = f["industry"].astype(str).isin(["IT", "Logistik"]) & f["employees"].between(50, 199)
    assert got.index.equals(f.index[mask])


def test_apply_where_on_aggregated_by_size_band():
    agg = pd.DataFrame(
        {
            "industry": ["IT", "IT"],
            "size_band": ["1-49", "50-199"],
            "contacted": [10, 20],
            "replied": [1, 2],
            "meeting": [0, 1],
        }
    )
    d = validate_frame(agg, source="agg.csv")
    assert d.where(parse_where(["employees=50-199"])).n_contacts == 20
    with pytest.raises(UsageError, match="size band"):
        d.where(parse_where(["employees=50-100"]))


def test_empty_segment_gives_empty_counts(data):
    seg = data.where({"industry": ("Bergbau",)})
    assert seg.n_contacts == 0
    assert counts(seg.frame, ["industry"]).empty


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from("abc"), st.booleans(), st.booleans()), min_size=1, max_size=60
    )
)
def test_counts_invariants(rows):
    df = pd.DataFrame(rows, columns=["g", "replied", "meeting"]).assign(contacted=1)
    df["replied"] = df["replied"].astype(int)
    df["meeting"] = df["meeting"].astype(int)
    c = counts(df, ["g"])
    assert c["contacted"].sum() == len(df)
    assert (c["replied"] <= c["contacted"]).all()
    for g, sub in df.groupby("g"):
        row = c[c.g == g].iloc[0]
        assert row.replied == sub.replied.sum() and row.meeting == sub.meeting.sum()
    assert np.array_equal(np.sort(c["g"].to_numpy()), np.sort(df["g"].unique()))
