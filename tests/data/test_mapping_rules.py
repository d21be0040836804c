"""``[columns]`` rules of CONTRACT section 6: min, json, date_format, values that never occur.

Every expectation is computed independently from the hand-made table (plain Python on
the cells), never from icplab's own output.
"""

from __future__ import annotations

import json
from datetime import datetime

import pandas as pd
import pytest

from icplab.core.errors import ConfigError, InputError
from icplab.data.load import validate_frame
from icplab.data.mapping import ColumnMapping


def _raw(n: int = 12) -> pd.DataFrame:
    status = ["Connected", "New", "Attempted to Connect", "In Progress"]
    return pd.DataFrame(
        {
            "id": [f"p{i}" for i in range(n)],
            "Sector": ["IT", "Logistik", "Bau"][:3] * (n // 3),
            "Size": ["45", "120", "2.000"] * (n // 3),
            "Variant": ["a", "b"] * (n // 2),
            "Form": ["Du", "Sie"] * (n // 2),
            "Replies": [0, 1, 2, 0, 3, 0] * (n // 6),
            "Status": [status[i % 4] for i in range(n)],
            "Meet": [""] * n,
            "Created": [f"{1 + i:02d}.03.2026 09:{i:02d}" for i in range(n)],
            "custom_fields": [
                json.dumps({"Segment": s, "Vorname": "Anna"}) for s in ["x", "y", "z"] * (n // 3)
            ],
        }
    )


BASE = {
    "prospect_id": "id",
    "industry": "Sector",
    "employees": "Size",
    "messaging": "Variant",
    "salutation": {"from": "Form", "map": {"Du": "du", "Sie": "sie"}},
    "meeting": {"from": "Meet", "not_empty": True},
}


def _load(raw: pd.DataFrame, **cols):
    return validate_frame(raw, source="x.csv", columns={**BASE, **cols})


@pytest.mark.parametrize("threshold", [1, 2, 3])
def test_min_counts_a_count_column_at_or_above_the_threshold(threshold):
    raw = _raw()
    data = _load(raw, replied={"from": "Replies", "min": threshold})
    expected = [int(v >= threshold) for v in raw["Replies"]]
    assert data.frame["replied"].tolist() == expected


def test_min_on_text_names_the_rows_and_the_files_header():
    raw = _raw()
    raw["Replies"] = raw["Replies"].astype(object)
    raw.loc[4, "Replies"] = "viele"
    with pytest.raises(InputError) as info:
        _load(raw, replied={"from": "Replies", "min": 1})
    msg = str(info.value)
    assert "column 'Replies' (read as replied), row 6" in msg and "count" in msg


def test_json_reads_a_key_and_combines_with_in():
    raw = _raw()
    data = _load(
        raw,
        replied={"from": "Replies", "min": 1},
        region={"from": "custom_fields", "json": "segment"},  # keys match without case
    )
    expected = [json.loads(c)["Segment"] for c in raw["custom_fields"]]
    assert data.frame["region"].astype(str).tolist() == expected
    flag = _load(
        raw,
        replied={"from": "custom_fields", "json": "Segment", "in": ["x", "z"]},
    )
    assert flag.frame["replied"].tolist() == [int(v in ("x", "z")) for v in expected]
    assert "Anna" not in flag.frame.to_csv()  # the JSON's other (personal) keys are gone


def test_malformed_json_cells_are_errors_naming_their_rows():
    raw = _raw()
    raw.loc[[2, 7], "custom_fields"] = ["{broken", "[1, 2]"]
    with pytest.raises(InputError) as info:
        _load(
            raw,
            replied={"from": "Replies", "min": 1},
            region={"from": "custom_fields", "json": "Segment"},
        )
    msg = str(info.value)
    assert "column 'custom_fields' (read as region), rows 4, 9" in msg
    assert "JSON object" in msg


def test_date_format_converts_to_iso_so_the_validator_reads_it():
    raw = _raw()
    data = _load(
        raw,
        replied={"from": "Replies", "min": 1},
        sent_at={"from": "Created", "date_format": "%d.%m.%Y %H:%M"},
    )
    expected = [datetime.strptime(c, "%d.%m.%Y %H:%M") for c in raw["Created"]]
    got = pd.to_datetime(data.frame["sent_at"]).tolist()
    assert got == expected


def test_date_format_mismatch_names_rows_and_header():
    raw = _raw()
    raw.loc[5, "Created"] = "2026-03-06"
    with pytest.raises(InputError) as info:
        _load(
            raw,
            replied={"from": "Replies", "min": 1},
            sent_at={"from": "Created", "date_format": "%d.%m.%Y %H:%M"},
        )
    msg = str(info.value)
    assert "column 'Created' (read as sent_at), row 7" in msg and "date_format" in msg


def test_a_typo_in_an_in_list_is_an_error_naming_the_values_that_occur():
    """The `Conected` case: a silent typo would drop a quarter of the replies."""
    raw = _raw()
    with pytest.raises(InputError) as info:
        _load(raw, replied={"from": "Status", "in": ["Conected", "In Progress"]})
    msg = str(info.value)
    assert "'Conected'" in msg and "never occurs" in msg
    for value in set(raw["Status"]):
        assert repr(value) in msg
    assert "'In Progress', which" not in msg  # only the value that is missing is named


def test_a_map_key_that_never_occurs_is_an_error():
    raw = _raw()
    with pytest.raises(InputError, match="'per Du'.*never occurs"):
        _load(
            raw,
            replied={"from": "Replies", "min": 1},
            salutation={"from": "Form", "map": {"Du": "du", "Sie": "sie", "per Du": "du"}},
        )


def test_values_that_all_occur_are_read():
    raw = _raw()
    data = _load(raw, replied={"from": "Status", "in": ["connected", "In Progress"]})
    assert data.frame["replied"].tolist() == [
        int(s in ("Connected", "In Progress")) for s in raw["Status"]
    ]


@pytest.mark.parametrize(
    "entry,words",
    [
        ({"from": "S", "min": -1}, "min must be a number"),
        ({"from": "S", "min": "one"}, "min must be a number"),
        ({"from": "S", "json": ""}, "json must name a key"),
        ({"from": "S", "date_format": "dd.mm.yyyy"}, "strptime format"),
        ({"from": "S", "mni": 1}, "Did you mean 'min'"),
        ({"from": "S", "others": ["x"]}, "unknown key 'others'"),  # a preset's key only
    ],
)
def test_rule_errors_teach(entry, words):
    with pytest.raises(ConfigError, match=words):
        ColumnMapping.from_config({"replied": entry})
