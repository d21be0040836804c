"""Real-shaped exports (issue 20, CONTRACT section 1): size ranges, blank sizes and factors,
totals rows, German dates and aliases, Herr/Frau, numbers, empty columns, look-alike labels.

Every count is checked against an independent tally of the frame the file was written from.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from icplab.core.config import Config
from icplab.core.errors import InputError, UsageError
from icplab.core.schema import SizeBands
from icplab.data.load import load

RANGES = ["1-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000", "10001+"]


def _export(n: int, seed: int) -> pd.DataFrame:
    """A lemlist/Instantly-like export: ranges as company size, a reply count."""
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "Industry": rng.choice(["IT", "Logistik", "Handel"], n),
            "Company Size": rng.choice(RANGES, n),
            "replied": rng.choice(["true", "false"], n, p=[0.2, 0.8]),
        }
    )


def _lo(label: str) -> int:
    return int(label.split("-")[0].rstrip("+"))


def test_ranges_become_the_bands_with_counts_equal_to_the_file(tmp_path: Path) -> None:
    raw = _export(900, 1)
    path = tmp_path / "lemlist.csv"
    raw.to_csv(path, index=False)
    data = load(path, columns={"employees": "Company Size"})
    assert list(data.size_bands.labels) == sorted(set(raw["Company Size"]), key=_lo)
    got = data.counts(["size_band"]).set_index("size_band")["contacted"]
    truth = raw["Company Size"].value_counts()
    assert {str(k): int(v) for k, v in got.items()} == {k: int(v) for k, v in truth.items()}
    replied = data.counts(["size_band"]).set_index("size_band")["replied"]
    truth_r = raw.assign(r=raw["replied"] == "true").groupby("Company Size")["r"].sum()
    assert {str(k): int(v) for k, v in replied.items()} == {k: int(v) for k, v in truth_r.items()}


@pytest.mark.parametrize(
    "cell,band",
    [("11 - 50", "11-50"), ("10.001+", "10001+"), ("1,001-5,000", "1001-5000"), ("30", "11-50")],
)
def test_range_spellings_and_exact_counts_go_to_their_range(
    tmp_path: Path, cell: str, band: str
) -> None:
    text = "industry;employees;replied\nIT;1-10;1\nIT;11-50;0\nIT;1001-5000;0\nIT;10001+;0\n"
    text += f"Handel;{cell};1\n"
    path = tmp_path / "log.csv"
    path.write_text(text, encoding="utf-8")
    data = load(path)
    assert str(data.frame["size_band"].iloc[-1]) == band


def test_configured_bands_take_ranges_inside_and_name_a_straddling_one(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text(
        "industry,employees,replied\nIT,1-10,1\nIT,51-200,0\nIT,501-1000,0\nIT,10001+,1\n"
    )
    data = load(path, size_bands=SizeBands((1, 50, 500)))
    assert data.frame["size_band"].astype(str).tolist() == ["1-49", "50-499", "500+", "500+"]
    path.write_text("industry,employees,replied\nIT,1-10,1\nIT,11-50,0\nIT,11-50,1\n")
    with pytest.raises(InputError) as info:
        load(path, size_bands=SizeBands((1, 50, 500)))
    (p,) = info.value.problems
    assert p.rows == (3, 4) and "11-50 straddles 1-49 and 50-499" in p.message


def test_where_on_ranges_selects_ranges_inside_and_refuses_a_cut(tmp_path: Path) -> None:
    raw = _export(300, 2)
    path = tmp_path / "log.csv"
    raw.rename(columns={"Company Size": "employees"}).to_csv(path, index=False)
    data = load(path)
    inside = data.where({"employees": [11, 200]})
    truth = raw["Company Size"].isin(["11-50", "51-200"]).sum()
    assert inside.n_contacts == truth
    with pytest.raises(UsageError, match="51-200"):
        data.where({"employees": [100, 500]})
    # an open band as refine writes it (upper end 10**9) takes the open range
    top = data.where({"employees": [10001, 10**9]})
    assert top.n_contacts == (raw["Company Size"] == "10001+").sum()


def test_pipedrive_blank_head_counts_keep_the_row(tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    n, blank = 1500, 95
    emp = rng.integers(1, 3000, n).astype(object)
    emp[rng.choice(n, blank, replace=False)] = ""
    raw = pd.DataFrame(
        {
            "Branche": rng.choice(["IT", "Bau"], n),
            "Mitarbeiter": emp,
            "Antwort": rng.integers(0, 2, n),
        }
    )
    path = tmp_path / "pipedrive.csv"
    raw.to_csv(path, index=False, sep=";")
    data = load(path)
    assert data.n_contacts == n
    assert data.read.left_out("size_band") == blank
    assert int(data.counts(["size_band"])["contacted"].sum()) == n - blank
    # judgements that do not use size keep every contact
    assert int(data.counts(["industry"])["replied"].sum()) == int(raw["Antwort"].sum())
    with pytest.raises(InputError) as info:
        load(path, config=Config.from_toml_text("[load]\nstrict = true\n"))
    (p,) = info.value.problems
    assert p.column == "employees" and len(p.rows) == blank


def test_only_industry_size_and_replied_are_needed(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text("Industry,Employees,Replied\nIT,12,yes\nIT,12,no\n")
    data = load(path)
    assert data.n_contacts == 2 and not data.read.has_ids
    assert "messaging" not in data.frame and "meeting" not in data.frame
    with pytest.raises(UsageError, match="no 'messaging' column"):
        data.counts(["messaging"])


def test_totals_row_at_the_foot_is_dropped_not_in_the_middle(tmp_path: Path) -> None:
    body = "Branche;Mitarbeiter;Antwort\nIT;12;ja\nBau;2.000;nein\nIT;80;ja\n"
    path = tmp_path / "crm.csv"
    path.write_bytes((body + "Summe;2.092;2\n;;\n").encode("cp1252"))
    data = load(path)
    # the empty line is dropped at read already; the totals row at the foot here
    assert data.n_contacts == 3 and data.read.foot_rows == 1
    path.write_bytes(
        ("Branche;Mitarbeiter;Antwort\nIT;12;ja\nSumme;12;1\nIT;80;ja\n").encode("cp1252")
    )
    middle = load(path)  # in the middle of the sheet it is data, not dropped
    assert middle.n_contacts == 3 and middle.read.foot_rows == 0


def test_totals_row_in_xlsx(tmp_path: Path) -> None:
    raw = pd.DataFrame(
        {
            "Branche": ["Maschinenbau", "Logistik", "Gesamt"],
            "Mitarbeiter": [350, 12, 362],
            "Antwort": ["ja", "nein", None],
        }
    )
    path = tmp_path / "crm.xlsx"
    raw.to_excel(path, index=False)
    data = load(path)
    assert data.n_contacts == 2 and data.read.foot_rows == 1


def test_german_dates_and_aliases(tmp_path: Path) -> None:
    text = (
        "\ufeffKunden-Nr.;Anrede;Ansprache;Branche;Anzahl der Mitarbeiter;Erstkontakt;Antwort\n"
        "K1;Herr;Du;IT;1.200;14.03.2026 09:30;ja\n"
        "K2;Frau;Sie;Bau;12.000;01.04.2026 17:05;nein\n"
    )
    path = tmp_path / "hubspot-de.csv"
    path.write_text(text, encoding="utf-8")
    data = load(path)
    f = data.frame
    assert f["salutation"].astype(str).tolist() == ["du", "sie"]
    assert f["employees"].tolist() == [1200, 12000]
    assert f["sent_at"].tolist() == [
        pd.Timestamp("2026-03-14 09:30"),
        pd.Timestamp("2026-04-01 17:05"),
    ]
    assert "Anrede" in data.read.personal_dropped
    assert not any("Herr" in str(v) or "Frau" in str(v) for v in f.astype(str).to_numpy().ravel())
    assert data.read.date_styles == {"sent_at": "german"}


def test_slash_dates_are_ambiguous(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text("industry,employees,replied,sent_at\nIT,5,1,14.03.2026\nIT,5,0,03/04/2026\n")
    with pytest.raises(InputError) as info:
        load(path)
    (p,) = info.value.problems
    assert p.column == "sent_at" and p.rows == (2, 3) and "ambiguous" in p.message


def test_huge_and_phone_employees_are_refused_without_echo(tmp_path: Path) -> None:
    raw = pd.DataFrame(
        {
            "industry": ["IT", "IT", "Bau"],
            "replied": [1, 0, 1],
            "employees": pd.array([12, 2**64 - 5, 40], dtype="uint64"),
        }
    )
    path = tmp_path / "log.parquet"
    raw.to_parquet(path)
    with pytest.raises(InputError) as info:
        load(path)
    (p,) = info.value.problems
    assert p.rows == (3,) and str(2**64 - 5) not in str(info.value)
    phones = ["+49 30 1234567", "030/9876543", "0171 2345678"]
    path = tmp_path / "log.csv"
    pd.DataFrame({"industry": ["IT"] * 3, "employees": phones, "replied": [1, 0, 1]}).to_csv(
        path, index=False
    )
    with pytest.raises(InputError) as info:
        load(path)
    msg = str(info.value)
    assert "phone numbers" in msg and not any(x in msg for x in ("1234567", "9876543"))


def test_empty_optional_columns_are_absent(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text("industry,employees,replied,meeting,region\nIT,5,1,,\nBau,7,0,,\n")
    data = load(path)
    assert "meeting" not in data.frame and "region" not in data.frame
    assert set(data.read.empty_columns) == {"meeting", "region"}


def test_look_alike_labels_are_one_level_and_stated(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    labels = ["IT", "I\u200bT", "it ", "\u202aIT\u202c", "Bau"]
    pd.DataFrame({"industry": labels, "employees": 5, "replied": [1, 0, 1, 0, 1]}).to_csv(
        path, index=False
    )
    data = load(path)
    c = data.counts(["industry"]).set_index("industry")["contacted"]
    assert c.to_dict() == {"Bau": 1, "IT": 4}
    assert data.read.merged == {"industry": {"IT": 4}}


def test_per_du_spellings(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text("industry,employees,replied,salutation\nIT,5,1,per Du\nIT,5,0,SIE\nIT,5,0,Du\n")
    assert load(path).frame["salutation"].astype(str).tolist() == ["du", "sie", "du"]


def test_aggregated_ranges_and_blank_groups(tmp_path: Path) -> None:
    path = tmp_path / "agg.csv"
    path.write_text(
        "industry,employees,contacted,replied\nIT,11-50,100,12\nIT,51-200,80,9\n,51-200,40,3\n"
        "Bau,,30,2\n"
    )
    data = load(path)
    assert data.n_contacts == 250
    assert data.read.left_out("industry") == 40 and data.read.left_out("size_band") == 30
    by_band = data.counts(["size_band"]).set_index("size_band")["contacted"].to_dict()
    assert {str(k): int(v) for k, v in by_band.items()} == {"11-50": 100, "51-200": 120}
    assert "meeting" not in data.frame


def test_cached_load_keeps_range_bands_and_notes(tmp_path: Path) -> None:
    (tmp_path / "icplab.toml").write_text("[workspace]\n")
    path = tmp_path / "log.csv"
    path.write_text("industry,employees,replied\nIT,11-50,1\nIT,51-200,0\nBau,,1\n")
    cfg = Config.load(tmp_path / "icplab.toml")
    first = load(path, config=cfg)
    assert any((tmp_path / ".icplab" / "cache").glob("*.json"))
    second = load(path, config=cfg)  # from the cache
    assert second.size_bands == first.size_bands and second.read == first.read
    assert second.counts(["size_band"]).equals(first.counts(["size_band"]))
    strict = Config.from_toml_text(
        "[workspace]\n[load]\nstrict = true\n", path=(tmp_path / "icplab.toml").resolve()
    )
    with pytest.raises(InputError):  # strict is part of the cache key
        load(path, config=strict)


def test_compare_refine_check_state_the_left_out_contacts(tmp_path: Path) -> None:
    import icplab
    from icplab.core.config import Thesis

    rng = np.random.default_rng(8)
    n, blank = 600, 37
    emp = rng.choice(["11-50", "51-200"], n).astype(object)
    emp[rng.choice(n, blank, replace=False)] = ""
    path = tmp_path / "log.csv"
    pd.DataFrame(
        {
            "industry": rng.choice(["IT", "Bau"], n),
            "employees": emp,
            "replied": rng.integers(0, 2, n),
        }
    ).to_csv(path, index=False)
    data = load(path)
    words = f"{blank} contacts without a company size"
    cmp = icplab.compare(data, by="size_band", metric="reply_rate")
    assert any(words in n_ for n_ in cmp.notes)
    assert sum(r["n"] for r in cmp.to_dict()["rows"]) == n - blank
    assert any(words in n_ for n_ in icplab.refine(data, metric="reply_rate").notes)
    thesis = Thesis("t", "s", where={"employees": (11, 50)})
    assert any(words in n_ for n_ in icplab.check(data, thesis, metric="reply_rate").notes)
    # a judgement that does not use the size says nothing about it
    by_industry = icplab.compare(data, by="industry", metric="reply_rate")
    assert not any("company size" in n_ for n_ in by_industry.notes)
    assert sum(r["n"] for r in by_industry.to_dict()["rows"]) == n


def test_totals_row_under_a_personal_first_column(tmp_path: Path) -> None:
    # the Name column is not even read (personal): its "Summe" still marks the totals row
    body = "Name;Branche;Mitarbeiter;Antwort\nA. Muster;IT;12;1\nB. Beispiel;Bau;80;0\n"
    path = tmp_path / "crm.csv"
    path.write_bytes((body + "Summe;;92;1\n").encode("cp1252"))
    data = load(path)
    assert data.n_contacts == 2 and data.read.foot_rows == 1
