"""Every preset on a real-shaped export: counts equal the planted truth, nothing misread.

The fixtures are written by tests/fixtures/exports/make_fixtures.py with each tool's real
headers and value spellings (sources in docs/presets.md); the truth of each file is drawn
once and computed here in plain pandas.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pandas as pd
import pytest

from icplab.core.errors import InputError
from icplab.data.load import load, read_headers, validate_frame
from icplab.data.mapping import best_preset
from icplab.data.presets import LEMLIST_REPLIED, PRESETS

EXPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "exports"
_spec = importlib.util.spec_from_file_location(
    "make_fixtures_presets", EXPORTS / "make_fixtures.py"
)
fixtures = importlib.util.module_from_spec(_spec)
sys.modules["make_fixtures_presets"] = fixtures
_spec.loader.exec_module(fixtures)

#: (preset, file, seed, {column read: column of the truth})
CASES = [
    ("lemlist", "lemlist.csv", 1, {"replied": "replied", "meeting": "meeting"}),
    ("apollo", "apollo.csv", 2, {"replied": "replied", "meeting": "meeting"}),
    (
        "hubspot",
        "hubspot.xlsx",
        3,
        {"replied": "replied", "meeting": "meeting", "qualified": "meeting", "deal": "deal"},
    ),
    (
        "hubspot",
        "hubspot-de.csv",
        9,
        {"replied": "replied", "meeting": "meeting", "qualified": "meeting", "deal": "deal"},
    ),
    ("pipedrive", "pipedrive.csv", 4, {"replied": "replied", "meeting": "meeting", "deal": "deal"}),
    ("instantly", "instantly.csv", 5, {"replied": "replied", "meeting": "meeting", "deal": "deal"}),
    (
        "instantly",
        "instantly-api.csv",
        7,
        {"replied": "replied", "meeting": "meeting", "deal": "deal"},
    ),
    ("smartlead", "smartlead.csv", 8, {"replied": "replied", "meeting": "meeting"}),
    ("woodpecker", "woodpecker.csv", 10, {"replied": "replied", "meeting": "meeting"}),
    (
        "close",
        "close.csv",
        11,
        {"replied": "replied", "meeting": "meeting", "qualified": "meeting", "deal": "deal"},
    ),
    (
        "german-crm",
        "german-crm.csv",
        6,
        {"replied": "replied", "meeting": "meeting", "qualified": "qualified", "deal": "deal"},
    ),
    (
        "german-crm",
        "german-crm.xlsx",
        6,
        {"replied": "replied", "meeting": "meeting", "qualified": "qualified", "deal": "deal"},
    ),
]
IDS = [c[1] for c in CASES]


#: What the user adds beside the preset (Woodpecker keeps the size in a snippet).
OVERRIDES = {"woodpecker.csv": {"employees": "snippet1"}}


def _load(preset: str, name: str):
    return load(EXPORTS / name, columns={"preset": preset, **OVERRIDES.get(name, {})})


@pytest.mark.parametrize("preset,name,seed,flags", CASES, ids=IDS)
def test_counts_by_industry_equal_the_truth(preset, name, seed, flags):
    data = _load(preset, name)
    truth = fixtures.truth(seed)
    expected = pd.DataFrame(
        {col: truth.groupby("industry")[src].sum() for col, src in flags.items()}
    ).astype("int64")
    expected["contacted"] = truth.groupby("industry").size()
    got = data.counts(["industry"]).set_index("industry")
    got.index = got.index.astype(str)
    cols = ["contacted", *flags]
    pd.testing.assert_frame_equal(
        got[cols].sort_index(), expected[cols].sort_index(), check_names=False
    )
    # the variant and the form of address are read too, with the truth's levels
    assert sorted(data.frame["messaging"].astype(str).unique()) == sorted(truth.messaging.unique())
    assert set(data.frame["salutation"].astype(str).str.lower()) == {"du", "sie"}


@pytest.mark.parametrize("preset,name,seed,flags", CASES, ids=IDS)
def test_no_planted_personal_value_and_no_free_text_is_kept(preset, name, seed, flags):
    data = _load(preset, name)
    text = data.frame.to_csv() + " ".join(map(str, data.frame.columns))
    for value in [*fixtures.planted(), "Hallo ", "Herr", "Frau"]:
        assert value not in text, f"{value!r} kept from {name}"
    assert not {"personalization", "Deal - Title", "custom_fields", "payload"} & set(
        data.frame.columns
    )


@pytest.mark.parametrize("preset,name", [(c[0], c[1]) for c in CASES], ids=IDS)
def test_validate_suggests_the_tools_preset_from_its_headers(preset, name):
    assert best_preset(read_headers(EXPORTS / name)) == preset


def test_woodpeckers_snippet_is_drafted_as_the_size(capsys):
    from icplab.cli import main

    assert main(["validate", str(EXPORTS / "woodpecker.csv"), "--suggest-mapping"]) == 0
    assert '# employees = "snippet1"' in capsys.readouterr().out


def test_lemlist_reply_count_finds_the_replies_the_last_state_hides():
    raw = pd.read_csv(EXPORTS / "lemlist.csv")
    truth = fixtures.truth(1)
    by_state = raw["lastState"].isin(LEMLIST_REPLIED).sum()
    assert by_state < truth.replied.sum()  # the old preset's misread, computed directly
    data = load(EXPORTS / "lemlist.csv", preset="lemlist")
    assert data.frame["replied"].sum() == truth.replied.sum() == (raw["emailsReplied"] >= 1).sum()


def _hubspot(statuses: list[str], stages: list[str]) -> pd.DataFrame:
    n = len(statuses)
    return pd.DataFrame(
        {
            "Record ID": range(n),
            "Industry": ["IT", "Bau"] * (n // 2),
            "Number of Employees": [20, 300] * (n // 2),
            "Messaging": ["a", "b"] * (n // 2),
            "Ansprache": ["Du", "Sie"] * (n // 2),
            "Lead Status": statuses,
            "Lifecycle Stage": stages,
        }
    )


def test_an_accounts_own_status_labels_are_refused_with_the_values_found():
    raw = _hubspot(["Angeschrieben", "Antwort erhalten"] * 3, ["Lead"] * 6)
    with pytest.raises(InputError) as info:
        validate_frame(raw, source="hs.csv", preset="hubspot")
    msg = str(info.value)
    assert "column 'Lead Status' (read as replied)" in msg
    assert "'Angeschrieben'" in msg and "'Antwort erhalten'" in msg


def test_a_preset_list_may_hold_values_the_file_lacks():
    # only "New" and "Connected" occur: known values, so the rest of the list is no error;
    # SQL in the lifecycle stage implies the reply (a later stage implies the earlier ones)
    stages = ["Lead", "Sales Qualified Lead", "Lead", "Customer", "Lead", "Lead"]
    statuses = ["New", "New", "Connected", "New", "New", "New"]
    data = validate_frame(_hubspot(statuses, stages), source="hs.csv", preset="hubspot")
    expected_reply = [
        int(s == "Connected" or g in ("Sales Qualified Lead", "Customer"))
        for s, g in zip(statuses, stages, strict=True)
    ]
    assert data.frame["replied"].tolist() == expected_reply
    assert data.frame["meeting"].tolist() == [int(g != "Lead") for g in stages]
    assert data.frame["deal"].tolist() == [int(g == "Customer") for g in stages]


def test_keys_beside_the_preset_override_it():
    raw = _hubspot(["Angeschrieben", "Antwort erhalten"] * 3, ["Lead"] * 6)
    cols = {"preset": "hubspot", "replied": {"from": "Lead Status", "in": ["Antwort erhalten"]}}
    data = validate_frame(raw, source="hs.csv", columns=cols)
    assert data.frame["replied"].tolist() == [0, 1] * 3


def test_custom_fields_are_read_without_a_mapping():
    raw = pd.read_csv(EXPORTS / "smartlead.csv", dtype=str, keep_default_na=False)
    cols = {
        "prospect_id": "id",
        "replied": {"from": "reply_count", "min": 1},
        "meeting": {"from": "category", "in": ["Meeting Request"]},
    }
    data = validate_frame(raw, source="smartlead.csv", columns=cols)
    truth = fixtures.truth(8)
    assert data.frame["industry"].astype(str).tolist() == truth.industry.tolist()
    assert data.frame["employees"].tolist() == truth.employees.tolist()
    assert data.read.headers["industry"] == "custom_fields.Branche"


def test_german_crm_never_reads_anrede_herr_frau_as_salutation():
    data = load(EXPORTS / "german-crm.csv", preset="german-crm")
    raw = pd.read_csv(EXPORTS / "german-crm.csv", sep=";", encoding="cp1252")
    assert data.frame["salutation"].astype(str).str.lower().tolist() == (
        raw["Ansprache"].str.lower().tolist()
    )
    headers = PRESETS["german-crm"].columns["salutation"]["from"]
    assert "Anrede" not in headers  # the mapped header would be kept, not dropped as personal


_PROBE = pd.DataFrame(
    {
        "Kontakt-ID": ["a", "b"],
        "Branche": ["IT", "IT"],
        "Mitarbeiteranzahl": ["12", ""],
        "Antwort": ["ja", "nein"],
        "Termin": ["", ""],
        "Botschaft": ["x", "y"],
        "Ansprache": ["Du", "Sie"],
    }
)


def test_anrede_herr_frau_alone_is_dropped_not_read():
    raw = _PROBE.drop(columns="Ansprache").assign(
        Mitarbeiteranzahl=["12", "40"], Anrede=["Herr", "Frau"]
    )
    data = validate_frame(raw, source="crm.csv", preset="german-crm")
    assert "salutation" not in data.frame.columns
    assert "Herr" not in data.frame.to_csv()


def test_blank_sizes_keep_their_rows_through_the_preset():
    data = validate_frame(_PROBE, source="crm.csv", preset="german-crm")
    assert data.n_contacts == 2 and int(data.frame["replied"].sum()) == 1


def test_a_totals_row_at_the_foot_is_dropped_through_the_preset():
    raw = pd.concat(
        [
            _PROBE.assign(Mitarbeiteranzahl=["12", "40"]),
            pd.DataFrame([{"Kontakt-ID": "Summe", "Antwort": "1"}]),
        ],
        ignore_index=True,
    ).fillna("")
    data = validate_frame(raw, source="crm.csv", preset="german-crm")
    assert data.n_contacts == 2
