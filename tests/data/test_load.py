"""Loading and validation of outreach logs (CONTRACT section 1)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from _paths import SAMPLES

from icplab.cli import main
from icplab.core.errors import InputError
from icplab.core.schema import SizeBands
from icplab.data.load import load, validate_frame
from icplab.data.sample import aggregate_sample, generate_outreach, to_german_export

GOOD_HEADER = "prospect_id,industry,employees,messaging,salutation,replied,meeting"


def write(tmp_path: Path, text: str, name: str = "log.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def problems_of_strict(path: Path) -> InputError:
    from icplab.core.config import Config

    with pytest.raises(InputError) as info:
        load(path, config=Config.from_toml_text("[load]\nstrict = true\n"))
    return info.value


def problems_of(path: Path) -> InputError:
    with pytest.raises(InputError) as info:
        load(path)
    return info.value


def only_problem(err: InputError):
    assert len(err.problems) == 1, str(err)
    return err.problems[0]


# ----------------------------------------------------------------- formats and encodings


@pytest.fixture(scope="module")
def raw_small() -> pd.DataFrame:
    return generate_outreach(400, seed=5)


def reference_counts(raw: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Counts computed independently with plain pandas on the raw table."""
    df = raw.copy()
    df["size_band"] = pd.cut(
        df["employees"], [0, 49, 199, 499, np.inf], labels=["1-49", "50-199", "200-499", "500+"]
    ).astype(str)
    df["salutation"] = df["salutation"].str.lower()
    df["contacted"] = 1
    cols = ["contacted", "replied", "meeting", "qualified", "deal"]
    return df.groupby(by)[cols].sum().reset_index().sort_values(by).reset_index(drop=True)


def assert_counts_match(data, raw, by):
    ours = data.counts(by)
    ours[by] = ours[by].astype(str)
    ours = ours.sort_values(by).reset_index(drop=True)
    ref = reference_counts(raw, by)
    pd.testing.assert_frame_equal(ours[ref.columns], ref, check_dtype=False)


@pytest.mark.parametrize(
    "writer",
    [
        pytest.param(lambda raw, p: raw.to_csv(p, index=False), id="csv-comma-utf8"),
        pytest.param(
            lambda raw, p: raw.to_csv(p, index=False, sep=";", encoding="utf-8-sig"),
            id="csv-semicolon-bom",
        ),
        pytest.param(
            lambda raw, p: raw.to_csv(p, index=False, sep=";", encoding="cp1252"),
            id="csv-semicolon-cp1252",
        ),
        pytest.param(lambda raw, p: raw.to_csv(p, index=False, sep="\t"), id="csv-tab"),
    ],
)
def test_csv_variants_give_same_counts(tmp_path, raw_small, writer):
    path = tmp_path / "log.csv"
    writer(raw_small, path)
    data = load(path)
    assert len(data.frame) == len(raw_small)
    for by in (["industry"], ["size_band", "salutation"], ["campaign", "messaging"]):
        assert_counts_match(data, raw_small, by)


def test_parquet_and_xlsx_give_same_counts(tmp_path, raw_small):
    pq_path = tmp_path / "log.parquet"
    raw_small.to_parquet(pq_path, index=False)
    xl_path = tmp_path / "log.xlsx"
    raw_small.to_excel(xl_path, index=False)
    for path in (pq_path, xl_path):
        data = load(path)
        assert_counts_match(data, raw_small, ["industry", "size_band"])


def test_committed_samples_match_plain_pandas():
    raw = pd.read_csv(SAMPLES / "outreach.csv")
    data = load(SAMPLES / "outreach.csv")
    assert_counts_match(data, raw, ["industry", "size_band", "messaging", "salutation"])
    agg = load(SAMPLES / "outreach_aggregated.csv")
    assert agg.aggregated
    assert_counts_match(agg, raw, ["industry", "size_band"])
    assert agg.n_contacts == len(raw)


def test_umlauts_survive_cp1252_and_utf8(tmp_path):
    rows = "p1,Großhandel Süd,12,Zeitersparnis,Sie,ja,nein\n"
    for enc in ("cp1252", "utf-8", "utf-8-sig"):
        path = write(tmp_path, GOOD_HEADER + "\n" + rows, f"u-{enc}.csv", enc)
        data = load(path)
        assert list(data.frame["industry"].astype(str)) == ["Großhandel Süd"]


def test_german_export_aliases(tmp_path, raw_small):
    path = tmp_path / "export.csv"
    to_german_export(raw_small).to_csv(path, sep=";", index=False, encoding="cp1252")
    data = load(path)
    for col in (
        "industry",
        "employees",
        "messaging",
        "salutation",
        "replied",
        "meeting",
        "qualified",
        "deal",
        "deal_value",
        "rejection_reason",
        "campaign",
    ):
        assert col in data.frame.columns, col
    assert_counts_match(data, raw_small, ["industry", "campaign"])
    assert data.frame["deal_value"].sum() == pytest.approx(raw_small["deal_value"].sum())


def test_headers_case_insensitive_and_trimmed(tmp_path):
    path = write(
        tmp_path,
        " Prospect_ID ; BRANCHE ;Mitarbeiter;Botschaft; anrede ;ANTWORT;termin\np1;IT;5;a;du;1;0\n",
    )
    data = load(path)
    assert data.frame["industry"].tolist() == ["IT"]


@pytest.mark.parametrize(
    "true_word,false_word",
    [("1", "0"), ("true", "false"), ("Yes", "No"), ("JA", "nein"), ("y", "n"), ("x", "")],
)
def test_boolean_spellings(tmp_path, true_word, false_word):
    path = write(
        tmp_path,
        GOOD_HEADER
        + f"\np1,IT,5,a,du,{true_word},{false_word}\np2,IT,5,a,du,{false_word},{true_word}\n",
    )
    data = load(path)
    assert data.frame["replied"].tolist() == [1, 0]
    assert data.frame["meeting"].tolist() == [0, 1]


def test_salutation_spellings_and_level_case_merged(tmp_path):
    path = write(
        tmp_path, GOOD_HEADER + "\np1,IT,5,a,Du,1,0\np2,it,5,a,SIE,0,0\np3,IT ,5,a,sie,0,0\n"
    )
    data = load(path)
    assert data.frame["salutation"].astype(str).tolist() == ["du", "sie", "sie"]
    assert data.frame["industry"].astype(str).tolist() == ["IT", "IT", "IT"]


def test_size_bands_default_and_configurable(tmp_path):
    path = write(
        tmp_path,
        GOOD_HEADER
        + "\n"
        + "\n".join(f"p{e},IT,{e},a,du,0,0" for e in (1, 49, 50, 199, 200, 499, 500, 10000))
        + "\n",
    )
    data = load(path)
    assert data.frame["size_band"].astype(str).tolist() == [
        "1-49",
        "1-49",
        "50-199",
        "50-199",
        "200-499",
        "200-499",
        "500+",
        "500+",
    ]
    custom = load(path, size_bands=SizeBands((1, 10, 1000)))
    assert custom.frame["size_band"].astype(str).tolist() == [
        "1-9",
        "10-999",
        "10-999",
        "10-999",
        "10-999",
        "10-999",
        "10-999",
        "1000+",
    ]


def test_optional_columns_and_extra_columns_kept(tmp_path):
    text = (
        GOOD_HEADER
        + ",campaign,sent_at,region,channel,opened,qualified,deal,deal_value,favourite_colour\n"
    )
    text += "p1,IT,5,a,du,1,1,c1,2026-01-03,DACH,email,1,1,1,1200.5,blue\n"
    text += "p1,IT,5,a,du,0,0,c2,2026-01-04T10:30:00,DACH,linkedin,0,0,0,,red\n"
    data = load(write(tmp_path, text))
    f = data.frame
    assert f["campaign"].astype(str).tolist() == ["c1", "c2"]
    assert f["sent_at"].dt.day.tolist() == [3, 4]
    assert f["deal_value"].tolist() == [1200.5, 0.0]
    assert f["favourite_colour"].tolist() == ["blue", "red"]
    assert data.has_qualified and data.has_deal


def test_campaign_defaults_to_default(tmp_path):
    data = load(write(tmp_path, GOOD_HEADER + "\np1,IT,5,a,du,0,0\n"))
    assert data.frame["campaign"].astype(str).tolist() == ["default"]


def test_blank_padding_rows_are_ignored_and_row_numbers_kept(tmp_path):
    text = GOOD_HEADER + "\np1,IT,5,a,du,0,0\n,,,,,,\np3,IT,0,a,du,0,0\n"
    err = problems_of(write(tmp_path, text))
    p = only_problem(err)
    assert p.column == "employees" and p.rows == (4,)


# ----------------------------------------------------------------- bad input, one class each


def test_missing_required_column(tmp_path):
    # salutation, messaging and meeting are optional now (issue 20); replied is not
    err = problems_of(
        write(
            tmp_path,
            "prospect_id,industry,employees,messaging,salutation,meeting\np1,IT,5,a,du,0\n",
        )
    )
    p = only_problem(err)
    assert p.column == "replied" and p.rows == (1,)
    assert "log.csv" in str(err) and "missing" in str(err)


def test_missing_required_value_is_kept_unless_strict(tmp_path):
    path = write(tmp_path, GOOD_HEADER + "\np1,IT,5,a,du,1,0\np2,,5,a,du,1,0\np3,IT,5,a,du,1,0\n")
    data = load(path)
    assert data.n_contacts == 3 and data.read.left_out("industry") == 1
    assert data.counts(["industry"])["contacted"].tolist() == [2]
    err = problems_of_strict(path)
    p = only_problem(err)
    assert (p.column, p.rows) == ("industry", (3,))


def test_missing_prospect_id_is_an_error_blank_employees_is_not(tmp_path):
    err = problems_of(write(tmp_path, GOOD_HEADER + "\n,IT,5,a,du,1,0\np2,IT,,a,du,1,0\n"))
    cols = {p.column: p.rows for p in err.problems}
    assert cols == {"prospect_id": (2,)}
    data = load(write(tmp_path, GOOD_HEADER + "\np1,IT,5,a,du,1,0\np2,IT,,a,du,1,0\n"))
    assert data.read.left_out("size_band") == 1 and data.n_contacts == 2


def test_non_boolean(tmp_path):
    err = problems_of(write(tmp_path, GOOD_HEADER + "\np1,IT,5,a,du,maybe,0\np2,IT,5,a,du,2,0\n"))
    p = only_problem(err)
    assert (p.column, p.rows) == ("replied", (2, 3))
    assert "'maybe'" in p.message and "ja/nein" in p.message


def test_non_boolean_in_numeric_parquet(tmp_path):
    raw = pd.DataFrame(
        {
            "prospect_id": ["a", "b"],
            "industry": ["IT", "IT"],
            "employees": [3, 4],
            "messaging": ["m", "m"],
            "salutation": ["du", "sie"],
            "replied": [1, 2],
            "meeting": [0, 0],
        }
    )
    path = tmp_path / "x.parquet"
    raw.to_parquet(path)
    p = only_problem(problems_of(path))
    assert (p.column, p.rows) == ("replied", (3,))


@pytest.mark.parametrize("value", ["0", "-4", "12.5", "viele", "1.20", "2,5"])
def test_employees_below_one_or_not_whole(tmp_path, value):
    err = problems_of(
        write(tmp_path, GOOD_HEADER + f'\np1,IT,5,a,du,0,0\np2,IT,"{value}",a,du,0,0\n')
    )
    p = only_problem(err)
    assert (p.column, p.rows) == ("employees", (3,))


def test_bad_salutation(tmp_path):
    p = only_problem(problems_of(write(tmp_path, GOOD_HEADER + "\np1,IT,5,a,Ihr,0,0\n")))
    assert (p.column, p.rows) == ("salutation", (2,))


def test_gender_in_salutation_is_dropped_as_personal(tmp_path):
    data = load(write(tmp_path, GOOD_HEADER + "\np1,IT,5,a,Herr,0,0\np2,IT,5,a,Frau,1,0\n"))
    assert "salutation" not in data.frame.columns
    assert "salutation" in data.read.personal_dropped


def test_duplicate_prospect_within_campaign(tmp_path):
    text = (
        GOOD_HEADER
        + ",campaign\np1,IT,5,a,du,0,0,c1\np1,IT,5,a,du,0,0,c2\np2,IT,5,a,du,0,0,c1\np2,IT,5,a,du,0,0,c1\n"
    )
    p = only_problem(problems_of(write(tmp_path, text)))
    assert (p.column, p.rows) == ("prospect_id", (4, 5))
    assert "p2" not in p.message  # an id identifies a person: rows only (issue 13)
    assert "rows 4 and 5" in p.message
    assert p.message.startswith("1 prospect_id appears more than once")


def test_duplicate_prospects_counted_in_plural(tmp_path):
    text = (
        GOOD_HEADER + "\np1,IT,5,a,du,0,0\np1,IT,5,a,du,0,0\np2,IT,5,a,du,0,0\np2,IT,5,a,du,0,0\n"
    )
    p = only_problem(problems_of(write(tmp_path, text)))
    assert p.message.startswith("2 prospect_ids appear more than once")


@pytest.mark.parametrize(
    "header,row,column",
    [
        (",qualified", "p1,IT,5,a,du,1,0,1", "qualified"),  # qualified without meeting
        (",qualified,deal", "p1,IT,5,a,du,1,1,0,1", "deal"),  # deal without qualified
        (",deal", "p1,IT,5,a,du,1,0,1", "deal"),  # deal without meeting (no qualified column)
    ],
)
def test_funnel_order(tmp_path, header, row, column):
    p = only_problem(
        problems_of(
            write(
                tmp_path,
                GOOD_HEADER
                + header
                + "\np0,IT,5,a,du,1,1"
                + ",1" * header.count(",")
                + "\n"
                + row
                + "\n",
            )
        )
    )
    assert (p.column, p.rows) == (column, (3,))
    assert "funnel" in p.message


def test_bad_sent_at_and_deal_value(tmp_path):
    text = GOOD_HEADER + ",sent_at,deal_value\np1,IT,5,a,du,0,0,2026-13-45,-5\np2,IT,5,a,du,0,0,,\n"
    cols = {p.column: p.rows for p in problems_of(write(tmp_path, text)).problems}
    assert cols == {"sent_at": (2,), "deal_value": (2,)}


def test_empty_file_and_header_only(tmp_path):
    for text, words in (("", "empty"), ("  \n\n", "empty"), (GOOD_HEADER + "\n", "no data rows")):
        err = problems_of(write(tmp_path, text))
        assert words in str(err)


def test_all_problems_reported_at_once_with_row_limit(tmp_path):
    rows = "\n".join(f"p{i},IT,0,a,du,1,0" for i in range(20))
    err = problems_of(write(tmp_path, GOOD_HEADER + "\n" + rows + "\np99,IT,5,a,xx,1,0\n"))
    text = str(err)
    assert "rows 2, 3, 4, 5, 6 and 15 more" in text
    assert {p.column for p in err.problems} == {"employees", "salutation"}


def test_unknown_file_type_and_missing_file(tmp_path):
    assert "unknown file type" in str(problems_of(write(tmp_path, "x", "log.json")))
    assert "not found" in str(problems_of(tmp_path / "nope.csv"))


def test_broken_parquet_and_xlsx(tmp_path):
    for name in ("bad.parquet", "bad.xlsx"):
        assert "cannot be read" in str(problems_of(write(tmp_path, "not really", name)))


def test_ragged_csv_names_the_rows(tmp_path):
    text = (
        GOOD_HEADER + "\np1,IT,5,a,du,1,0\np2,IT,5,a,du,1,0,Müller, Schmidt GmbH\np3,IT,5,a,du,1\n"
    )
    p = only_problem(problems_of(write(tmp_path, text)))
    assert p.rows == (3, 4)
    assert "number of fields" in p.message


def test_ragged_csv_with_quotes(tmp_path):
    text = GOOD_HEADER + ',company\np1,IT,5,a,du,1,0,"Müller, Schmidt GmbH"\np2,IT,5,a,du,1,0,x,y\n'
    err = problems_of(write(tmp_path, text))
    assert "line 3 has 9" in str(err) and "(8 fields)" in str(err)
    assert "Müller" not in str(err)


def test_quoted_values_with_delimiters_are_fine(tmp_path):
    text = GOOD_HEADER + ',company\np1,"IT, Software",5,a,du,1,0,"Müller, Schmidt GmbH"\n'
    data = load(write(tmp_path, text))
    assert data.frame["industry"].tolist() == ["IT, Software"]


# ----------------------------------------------------------------- aggregated input

AGG_HEADER = "industry,size_band,salutation,contacted,replied,meeting,qualified,deal"


def test_aggregated_valid(tmp_path):
    data = load(
        write(tmp_path, AGG_HEADER + "\nIT,1-49,du,100,20,10,5,1\nIT,1-49,sie,80,9,4,2,0\n")
    )
    assert data.aggregated and data.n_contacts == 180
    c = data.counts(["salutation"])
    assert c["replied"].tolist() == [20, 9]


def test_aggregated_employees_give_size_band(tmp_path):
    data = load(write(tmp_path, "industry,employees,contacted,replied,meeting\nIT,120,10,2,1\n"))
    assert data.frame["size_band"].astype(str).tolist() == ["50-199"]


@pytest.mark.parametrize(
    "row,column",
    [
        ("IT,1-49,du,100,120,10,5,1", "replied"),  # replied > contacted
        ("IT,1-49,du,100,20,101,5,1", "meeting"),  # meeting > contacted
        ("IT,1-49,du,100,20,10,11,1", "qualified"),  # qualified > meeting
        ("IT,1-49,du,100,20,10,5,6", "deal"),  # deal > qualified
        ("IT,1-49,du,100,20.5,10,5,1", "replied"),  # not whole
        ("IT,1-49,du,-1,0,0,0,0", "contacted"),  # negative
        ("IT,1-49,du,100,,10,5,1", "replied"),  # missing
    ],
)
def test_aggregated_count_rules(tmp_path, row, column):
    err = problems_of(write(tmp_path, AGG_HEADER + "\nIT,50-199,sie,10,1,1,1,0\n" + row + "\n"))
    assert column in {p.column for p in err.problems}
    assert all(p.rows == (3,) for p in err.problems)


def test_aggregated_needs_group_and_counts(tmp_path):
    assert "group column" in str(
        problems_of(write(tmp_path, "contacted,replied,meeting\n10,1,1\n"))
    )
    p = only_problem(problems_of(write(tmp_path, "industry,contacted,meeting\nIT,10,1\n")))
    assert p.column == "replied"
    # meeting is optional in aggregated input too
    assert "meeting" not in load(write(tmp_path, "industry,contacted,replied\nIT,10,1\n")).frame


# ----------------------------------------------------------------- personal data and the CLI

PII = (
    "anna.geheim@example.org",
    "Anna Geheimnis",
    "Geheim GmbH",
    "+49 170 5550123",
    "linkedin.com/in/anna-geheim",
)


def pii_file(tmp_path: Path, bad: bool) -> Path:
    header = GOOD_HEADER + ",email,name,company,phone,linkedin_url"
    employees = "0" if bad else "5"
    text = header + f"\np1,IT,{employees},a,du,1,0," + ",".join(PII) + "\n"
    return write(tmp_path, text)


def test_personal_data_dropped_at_load(tmp_path):
    data = load(pii_file(tmp_path, bad=False))
    assert not {"email", "name", "company", "phone", "linkedin_url"} & set(data.frame.columns)
    blob = data.frame.to_csv()
    assert not any(v in blob for v in PII)


def test_error_messages_never_quote_personal_data(tmp_path):
    # personal columns in the wrong place still do not leak: a bad value in a
    # personal column is never examined
    raw = pd.DataFrame(
        {
            "prospect_id": ["p1"],
            "industry": ["IT"],
            "employees": ["x"],
            "messaging": ["m"],
            "salutation": ["du"],
            "replied": ["1"],
            "meeting": ["0"],
            "E-Mail": [PII[0]],
            "Telefon": [PII[3]],
        }
    )
    with pytest.raises(InputError) as info:
        validate_frame(raw, source="mem.csv")
    assert not any(v in str(info.value) for v in PII)


def test_cli_validate_bad_file_exit_2_no_traceback_nothing_written(tmp_path, capsys):
    path = pii_file(tmp_path, bad=True)
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in tmp_path.iterdir()}
    assert main(["validate", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "Traceback" not in err and "employees" in err and "row 2" in err and str(path) in err
    assert not any(v in err for v in PII)
    after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in tmp_path.iterdir()}
    assert before == after


def test_cli_validate_summary(tmp_path, capsys):
    raw = generate_outreach(250, seed=9)
    path = tmp_path / "ok.csv"
    raw.to_csv(path, index=False)
    assert main(["validate", str(path), "--format", "json"]) == 0
    import json

    summary = json.loads(capsys.readouterr().out)
    assert summary["rows"] == 250
    assert summary["funnel"]["replied"] == int(raw["replied"].sum())
    assert summary["levels"]["salutation"] == {
        k.lower(): int(v) for k, v in raw["salutation"].value_counts().items()
    }
    assert summary["first_sent"] == raw["sent_at"].min()
    assert not any(e in json.dumps(summary) for e in raw["email"].head(20))


def test_cli_sample_roundtrip(tmp_path, capsys):
    for args, name in (
        (["--rows", "300"], "s.csv"),
        (["--rows", "300", "--german"], "de.csv"),
        (["--rows", "300", "--aggregated"], "agg.csv"),
        (["--rows", "300"], "s.parquet"),
    ):
        out = tmp_path / name
        assert main(["sample", str(out), *args]) == 0
        assert load(out).n_contacts == 300


def test_aggregated_sample_equals_counts_of_rows():
    raw = generate_outreach(1000, seed=4)
    rows = validate_frame(raw, source="rows")
    agg = validate_frame(aggregate_sample(raw), source="agg")
    by = ["industry", "size_band", "messaging", "salutation"]
    a = rows.counts(by)
    b = agg.counts(by)
    for c in by:
        a[c] = a[c].astype(str)
        b[c] = b[c].astype(str)
    cols = [*by, "contacted", "replied", "meeting", "qualified", "deal"]
    pd.testing.assert_frame_equal(
        a[cols].sort_values(by).reset_index(drop=True),
        b[cols].sort_values(by).reset_index(drop=True),
        check_dtype=False,
    )
