"""Real exports in: presets, [columns] mapping, German numbers, personal data (issue 11).

The fixtures in tests/fixtures/exports/ are written by make_fixtures.py from one drawn
truth per file (who replied, met, bought); each test compares what icplab reads with that
truth computed in plain pandas, and checks that no planted personal value comes out.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from _paths import EXPORTS

from icplab.cli import main
from icplab.core.config import Config
from icplab.core.errors import ConfigError, InputError
from icplab.data.load import load, validate_frame
from icplab.data.mapping import ColumnMapping, mapping_snippet
from icplab.data.numbers import parse_amounts, parse_whole
from icplab.data.personal import is_personal_header, looks_personal, pseudonym

_spec = importlib.util.spec_from_file_location("make_fixtures", EXPORTS / "make_fixtures.py")
fixtures = importlib.util.module_from_spec(_spec)
sys.modules["make_fixtures"] = fixtures
_spec.loader.exec_module(fixtures)

#: preset -> (file, seed of its truth, funnel columns the export carries)
PRESET_FILES = {
    "lemlist": ("lemlist.csv", 1, ("replied", "meeting")),
    "apollo": ("apollo.csv", 2, ("replied", "meeting")),
    "hubspot": ("hubspot.xlsx", 3, ("replied", "meeting", "deal")),
    "pipedrive": ("pipedrive.csv", 4, ("replied", "meeting", "deal")),
    "instantly": ("instantly.csv", 5, ("replied", "meeting", "deal")),
    "german-crm": ("german-crm.csv", 6, ("replied", "meeting", "qualified", "deal")),
}
PLANTED = fixtures.planted()


def _no_personal(text: str, where: str) -> None:
    for value in PLANTED:
        assert value not in text, f"personal value {value!r} found in {where}"


# ------------------------------------------------------------------ presets, by hand


@pytest.mark.parametrize("preset", sorted(PRESET_FILES))
def test_preset_counts_equal_the_truth(preset):
    name, seed, flags = PRESET_FILES[preset]
    data = load(EXPORTS / name, preset=preset)
    truth = fixtures.truth(seed)
    expected = truth.groupby("industry")[list(flags)].sum().astype("int64")
    expected["contacted"] = truth.groupby("industry").size()
    got = data.counts(["industry"]).set_index("industry")
    got.index = got.index.astype(str)
    for col in ["contacted", *flags]:
        assert got[col].to_dict() == expected[col].to_dict(), (preset, col)
    # head counts in every number style (2.000, 1,200, numeric cells) read as thousands
    assert data.frame["employees"].sum() == truth["employees"].sum()
    assert sorted(data.frame["employees"].unique()) == sorted(truth["employees"].unique())
    # messaging and salutation as the truth has them
    assert (
        data.counts(["salutation"]).set_index("salutation")["contacted"].to_dict()
        == truth["salutation"].str.lower().value_counts().to_dict()
    )


@pytest.mark.parametrize("preset", ["pipedrive", "german-crm"])
def test_preset_deal_values_equal_the_truth(preset):
    name, seed, _ = PRESET_FILES[preset]
    data = load(EXPORTS / name, preset=preset)
    truth = fixtures.truth(seed)
    assert data.frame["deal_value"].sum() == pytest.approx(truth["value"].sum())
    assert data.read.decimal_mark == ("," if preset == "german-crm" else ".")


@pytest.mark.parametrize("preset", sorted(PRESET_FILES))
def test_preset_frames_hold_no_personal_value(preset):
    name, _, _ = PRESET_FILES[preset]
    data = load(EXPORTS / name, preset=preset)
    text = data.frame.astype(str).to_csv() + " ".join(map(str, data.frame.columns))
    _no_personal(text, f"the loaded frame of {name}")
    assert data.read.personal_dropped  # every fixture has personal columns


def test_email_prospect_id_is_pseudonymised():
    data = load(EXPORTS / "instantly.csv", preset="instantly")
    truth = fixtures.truth(5)
    assert data.read.pseudonymised
    assert data.frame["prospect_id"].tolist() == [pseudonym(e) for e in truth["email"]]
    assert data.frame["prospect_id"].is_unique


def test_duplicate_email_ids_are_reported_by_rows_only(tmp_path):
    p = tmp_path / "log.csv"
    p.write_text(
        "prospect_id,industry,employees,messaging,salutation,replied,meeting\n"
        "Anna.Zwiebelmeyer@zwiebelmeyer-mail.de,IT,5,a,du,1,0\n"
        "anna.zwiebelmeyer@zwiebelmeyer-mail.de,IT,5,a,du,0,0\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        load(p)
    msg = str(info.value)
    assert "rows 2, 3" in msg and "rows 2 and 3 share one" in msg
    # not even the pseudonym: an id identifies a person (issue 13)
    assert pseudonym("anna.zwiebelmeyer@zwiebelmeyer-mail.de") not in msg
    _no_personal(msg, "the duplicate message")


def test_user_keys_override_the_preset(tmp_path):
    cfg = Config.from_toml_text(
        '[columns]\npreset = "lemlist"\n'
        'messaging = { from = "campaignName", pattern = "(zeitersparnis|fehlerrate)" }\n'
        'meeting = { from = "lastState", in = ["meetingBooked"] }\n'
    )
    data = load(EXPORTS / "lemlist.csv", columns=cfg.columns)
    raw = pd.read_csv(EXPORTS / "lemlist.csv")
    assert sorted(data.frame["messaging"].unique()) == ["fehlerrate", "zeitersparnis"]
    assert data.frame["meeting"].sum() == (raw["lastState"] == "meetingBooked").sum()
    # --preset (the argument) wins over preset = in [columns]
    with pytest.raises(InputError):
        load(EXPORTS / "lemlist.csv", columns=cfg.columns, preset="apollo")


def test_mapping_kinds_on_a_hand_made_table():
    raw = pd.DataFrame(
        {
            "Contact": ["c1", "c2", "c3", "c4"],
            "Sector": ["IT", "IT", "Logistik", "Logistik"],
            "Size": ["2.000", "45", "1,200", "7"],
            "Sequence": [
                "Q1 Zeitersparnis v2",
                "Q1 fehlerrate",
                "Q1 FEHLERRATE",
                "Q1 zeitersparnis",
            ],
            "Form": ["Du", "Sie", "per Du", "SIE"],
            "Status": ["Replied", "Sent", "Interested", "Bounced"],
            "Meeting date": ["2026-01-03", "", None, "2026-02-01"],
        }
    )
    cols = {
        "prospect_id": "contact",  # case-insensitive header
        "industry": " Sector ",
        "employees": "Size",
        "messaging": {"from": "Sequence", "pattern": r"q1 (zeitersparnis|fehlerrate)"},
        "salutation": {"from": "Form", "map": {"per Du": "du"}},
        "replied": {"from": "Status", "in": ["replied", "interested"]},
        "meeting": {"from": "Meeting date", "not_empty": True},
    }
    data = validate_frame(raw, source="x.csv", columns=cols)
    f = data.frame
    assert f["employees"].tolist() == [2000, 45, 1200, 7]
    assert f["replied"].tolist() == [1, 0, 1, 0]
    assert f["meeting"].tolist() == [1, 0, 0, 1]
    assert f["salutation"].astype(str).tolist() == ["du", "sie", "du", "sie"]
    assert f["messaging"].astype(str).str.lower().tolist() == [
        "zeitersparnis",
        "fehlerrate",
        "fehlerrate",
        "zeitersparnis",
    ]
    assert data.read.headers["employees"] == "Size"


def test_mapped_value_errors_name_the_files_header():
    raw = pd.DataFrame(
        {
            "Apollo Contact Id": ["a", "b"],
            "Industry": ["IT", "IT"],
            "# Employees": ["12", "viele"],
            "Messaging": ["x", "y"],
            "Ansprache": ["Du", "Herr"],
            "Replied": ["true", "false"],
            "Stage": ["Interested", "Cold"],
        }
    )
    with pytest.raises(InputError) as info:
        validate_frame(raw, source="apollo.csv", preset="apollo")
    msg = str(info.value)
    assert "column '# Employees' (read as employees), row 3" in msg
    assert "column 'Ansprache' (read as salutation), row 3" in msg
    assert "gender" in msg  # Herr/Frau is not du/sie


def test_missing_mapped_header_is_an_input_error():
    raw = pd.DataFrame({"a": [1]})
    with pytest.raises(InputError, match=r"\[columns\] maps it from 'Lead Status'"):
        validate_frame(raw, columns={"replied": {"from": "Lead Status", "in": ["x"]}})


@pytest.mark.parametrize(
    "columns,words",
    [
        ({"preset": "lemlst"}, "Did you mean 'lemlist'"),
        (
            {"replied": {"from": "S", "in": ["a"], "map": {"a": "b"}}},
            "not in and map|not map and in",
        ),
        ({"replied": {"from": "S", "in": "Replied"}}, "in must be a list"),
        ({"meeting": {"from": "S", "not_empty": False}}, "not_empty = true"),
        ({"messaging": {"from": "S", "pattern": "(unclosed"}}, "not a valid regular expression"),
        ({"messaging": {"from": "S", "pattern": "nogroup"}}, "needs a group"),
        ({"replied": {"in": ["a"]}}, "'from' must name"),
    ],
)
def test_mapping_config_errors_teach(columns, words):
    with pytest.raises(ConfigError, match=words):
        ColumnMapping.from_config(columns)


def test_missing_columns_message_is_short_and_proposes_the_preset():
    with pytest.raises(InputError) as info:
        load(EXPORTS / "apollo.csv")
    msg = str(info.value)
    assert len(info.value.problems) == 1
    assert msg.count("A row-level log needs") == 1
    assert "--preset apollo" in msg and "'Apollo Contact Id'" in msg
    assert len(msg) < 1500
    _no_personal(msg, "the missing-column message")
    with pytest.raises(InputError) as info:
        load(EXPORTS / "german-crm.csv")
    msg = str(info.value)
    assert "'Kontakt-ID', 'Anrede', 'Vorname'" in msg  # the file's headers, in file order
    # prospect_id is optional (issue 20): only the size is missing
    assert "employees: maybe 'Mitarbeiteranzahl'" in msg and "prospect_id: maybe" not in msg


def test_suggest_mapping_snippet_is_valid_toml(tmp_path, capsys):
    import tomllib

    assert main(["validate", str(EXPORTS / "apollo.csv"), "--suggest-mapping"]) == 0
    out = capsys.readouterr().out
    assert tomllib.loads(out)["columns"]["preset"] == "apollo"
    snippet = mapping_snippet(['Evil "header"\n=1', "Mitarbeiteranzahl", "Branche"])
    assert tomllib.loads(snippet)["columns"]["employees"] == "Mitarbeiteranzahl"


# ------------------------------------------------------------------ numbers


@pytest.mark.parametrize(
    "text,value",
    [
        ("2.000", 2000),
        ("12.000", 12000),
        ("1,200", 1200),
        ("1.000.000", 1_000_000),
        ("1'500", 1500),
        ("2 000", 2000),
        ("45", 45),
        ("2000.0", 2000),
        (" 7 ", 7),
    ],
)
def test_whole_numbers_in_german_and_english_style(text, value):
    assert parse_whole(pd.Series([text])).value[0] == value


@pytest.mark.parametrize(
    "values,expected,mark",
    [
        (["1.234,56 €", "1234,56", "500"], [1234.56, 1234.56, 500.0], ","),
        (["€1,234.56", "1234.56", "1,500"], [1234.56, 1234.56, 1500.0], "."),
        (["12,5", "1.500"], [12.5, 1500.0], ","),  # the comma settles 1.500 as thousands
        (["12.5", "1,500"], [12.5, 1500.0], "."),
        (["1.234.567", "1,5"], [1234567.0, 1.5], ","),
        (["EUR 99", "0"], [99.0, 0.0], None),
    ],
)
def test_amounts_infer_the_decimal_mark_per_file(values, expected, mark):
    r = parse_amounts(pd.Series(values))
    assert r.value.tolist() == pytest.approx(expected) and r.decimal_mark == mark
    assert not r.bad.any() and not r.ambiguous.any()


def _log(tmp_path, values, sep=","):
    head = sep.join(["prospect_id", "industry", "employees", "messaging", "salutation"])
    head += sep + sep.join(["replied", "meeting", "deal", "deal_value"])
    rows = [
        sep.join([f"p{i}", "IT", "5", "a", "du", "1", "1", "1", f'"{v}"' if v else ""])
        for i, v in enumerate(values)
    ]
    p = tmp_path / "log.csv"
    p.write_text("\n".join([head, *rows]) + "\n", encoding="utf-8")
    return p


def test_ambiguous_amount_is_an_input_error_with_row_and_column(tmp_path):
    with pytest.raises(InputError) as info:
        load(_log(tmp_path, ["1.500", "200"]))
    (p,) = info.value.problems
    assert (p.column, p.rows) == ("deal_value", (2,)) and "ambiguous" in p.message


def test_mixed_decimal_marks_are_an_input_error(tmp_path):
    with pytest.raises(InputError) as info:
        load(_log(tmp_path, ["1.234,56", "99,90", "1,234.56"]))
    (p,) = info.value.problems
    assert (p.column, p.rows) == ("deal_value", (4,))


def test_validate_states_the_decimal_mark(tmp_path, capsys):
    assert main(["validate", str(_log(tmp_path, ["1.234,56", "10"]))]) == 0
    assert "decimal comma" in capsys.readouterr().out
    assert main(["validate", str(_log(tmp_path, ["1.234,56", "10"])), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["decimal_mark"] == ","


def test_thousands_in_employees_go_to_the_right_band(tmp_path):
    p = tmp_path / "de.csv"
    p.write_text(
        "prospect_id;Branche;Mitarbeiter;Botschaft;Anrede;Antwort;Termin\n"
        "p1;IT;2.000;a;Du;ja;nein\np2;IT;12.000;a;Du;ja;nein\np3;IT;1.200;a;Sie;nein;nein\n"
        "p4;IT;45;a;Sie;nein;nein\n",
        encoding="utf-8",
    )
    data = load(p)
    assert data.frame["employees"].tolist() == [2000, 12000, 1200, 45]
    assert data.frame["size_band"].astype(str).tolist() == ["500+", "500+", "500+", "1-49"]


# ------------------------------------------------------------------ personal data


@pytest.mark.parametrize(
    "header",
    [
        "email",
        "E-Mail",
        "E-Mail-Adresse",
        "emailAddress",
        "Person - Email - Work",
        "firstName",
        "lastname",
        "Last Name",
        "Vorname",
        "NACHNAME",
        "Person - Name",
        "full_name",
        "companyName",
        "Company",
        "Firma",
        "Unternehmen",
        "Organization - Name",
        "phone",
        "mobile_phone",
        "Telefonnummer",
        "Handy",
        "Phone Number",
        "linkedin",
        "person_linkedin_url",
        "LinkedIn Profile",
        "Contact owner",
    ],
)
def test_personal_headers_in_every_style(header):
    assert is_personal_header(header)


@pytest.mark.parametrize(
    "header",
    [
        "industry",
        "Branche",
        "campaign",
        "campaignName",
        "Campaign Name",
        "sent_at",
        "prospect_id",
        "rejection_reason",
        "lastState",
        "Company Industry",
        "Email Status",
        "emailsReplied",
        "Lead Status",
        "Mitarbeiter",
        "Apollo Contact Id",
        "Last Contacted",
    ],
)
def test_contract_and_outreach_headers_are_not_personal(header):
    assert not is_personal_header(header)


def test_personal_columns_by_content_are_dropped_and_not_named_with_values():
    raw = pd.DataFrame(
        {
            "prospect_id": ["p1", "p2"],
            "industry": ["IT", "IT"],
            "employees": [5, 6],
            "messaging": ["a", "b"],
            "salutation": ["du", "sie"],
            "replied": [1, 0],
            "meeting": [0, 0],
            "Info": ["schreib an annegret@zwiebelmeyer-mail.de", ""],
            "Durchwahl": ["+49 30 5550123", "0171/5550999"],
        }
    )
    data = validate_frame(raw, source="x.csv")
    assert set(data.read.personal_dropped) == {"Info", "Durchwahl"}
    assert not looks_personal(pd.Series(["2.000", "12.000", "0"]))


def test_mapped_header_is_never_dropped():
    raw = pd.DataFrame(
        {
            "Company Name": ["IT", "Logistik"],  # a badly named column the user maps
            "prospect_id": ["p1", "p2"],
            "employees": [5, 6],
            "messaging": ["a", "b"],
            "salutation": ["du", "sie"],
            "replied": [1, 0],
            "meeting": [0, 0],
        }
    )
    data = validate_frame(raw, columns={"industry": "Company Name"})
    assert data.frame["industry"].astype(str).tolist() == ["IT", "Logistik"]


# ------------------------------------------------------------------ no personal data out


def _xlsx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return " ".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())


@pytest.mark.parametrize("preset", sorted(PRESET_FILES))
def test_no_personal_value_in_any_cli_output(preset, tmp_path, capsys):
    name, _, _ = PRESET_FILES[preset]
    path = str(EXPORTS / name)
    outputs: list[str] = []
    runs = [
        ["validate", path],
        ["validate", path, "--format", "json"],
        ["validate", path, "--suggest-mapping"],
        ["compare", path, "--by", "industry", "--metric", "reply_rate", "--format", "json"],
        ["compare", path, "--by", "messaging", "--metric", "reply_rate", "--format", "csv"],
        ["compare", path, "--by", "salutation", "--metric", "meeting_rate"],
        ["check", path, "--where", "industry=IT", "--format", "json"],
        ["refine", path, "--metric", "reply_rate", "--format", "json"],
    ]
    for argv in runs:
        code = main([*argv, "--preset", preset] if argv[-1] != "--suggest-mapping" else argv)
        out, err = capsys.readouterr()
        assert code == 0, (argv, err)
        outputs.append(out + err)
    _no_personal("\n".join(outputs), f"CLI output on {name}")


def test_no_personal_value_in_spreadsheets(tmp_path, capsys):
    path = str(EXPORTS / "german-crm.csv")
    xlsx = tmp_path / "out.xlsx"
    for argv in (
        ["compare", path, "--by", "industry", "--metric", "reply_rate"],
        ["check", path, "--where", "industry=IT"],
        ["refine", path, "--metric", "reply_rate"],
    ):
        assert (
            main([*argv, "--preset", "german-crm", "--format", "xlsx", "--output", str(xlsx)]) == 0
        )
        _no_personal(_xlsx_text(xlsx), f"{argv[0]} xlsx")
        assert main([*argv, "--preset", "german-crm", "--format", "csv"]) == 0
        out, err = capsys.readouterr()
        _no_personal(out + err, f"{argv[0]} csv")


def test_input_errors_never_quote_personal_values(tmp_path, capsys):
    # an e-mail where a number belongs, and a personal column that is not dropped by header
    p = tmp_path / "log.csv"
    p.write_text(
        "prospect_id,industry,employees,messaging,salutation,replied,meeting,Hinweis\n"
        "annegret@zwiebelmeyer-mail.de,IT,5,a,du,1,0,+49 171 5550123\n"
        "annegret@zwiebelmeyer-mail.de,IT,viele,a,du,maybe,0,+49 171 5550124\n",
        encoding="utf-8",
    )
    assert main(["validate", str(p)]) == 2
    out, err = capsys.readouterr()
    assert "rows 2, 3" in err and "column 'employees', row 3" in err
    _no_personal(out + err, "validate error")


def test_thesis_or_where_matching_nothing_lists_the_levels(tmp_path, capsys, monkeypatch):
    path = str(EXPORTS / "german-crm.csv")
    truth = fixtures.truth(6)
    assert main(["check", path, "--preset", "german-crm", "--where", "industry=Logistics"]) == 2
    err = capsys.readouterr().err
    counts = truth["industry"].value_counts()
    for level, n in counts.items():
        assert f"{level} ({n})" in err
    (tmp_path / "icplab.toml").write_text(
        '[columns]\npreset = "german-crm"\n[[theses]]\nname = "log"\nstatement = "s"\n'
        'where = { industry = ["Logistics"] }\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert main(["check", path, "--thesis", "log"]) == 2
    assert "matches no level; the data has: Großhandel" in capsys.readouterr().err
    assert (
        main(
            [
                "compare",
                path,
                "--by",
                "messaging",
                "--metric",
                "reply_rate",
                "--where",
                "employees=100000-200000",
            ]
        )
        == 2
    )
    assert "employees in the data runs from 12 to 12000" in capsys.readouterr().err


@pytest.mark.slow
def test_lemlist_export_to_first_report_in_three_commands(tmp_path, monkeypatch, capsys):
    """The README's path: init with the export and its preset, cd, run."""
    ws = tmp_path / "my-icp"
    assert (
        main(["init", str(ws), "--data", str(EXPORTS / "lemlist.csv"), "--preset", "lemlist"]) == 0
    )
    monkeypatch.chdir(ws)
    assert main(["run", "--only", "01-overview", "--only", "02-ab-test-salutation"]) == 0
    capsys.readouterr()
    reports = ws / "reports"
    assert (reports / "01-overview.html").exists() and (reports / "tables.xlsx").exists()
    import openpyxl

    sheets = openpyxl.load_workbook(reports / "tables.xlsx").sheetnames
    assert sheets == ["01-overview metrics", "02-ab-test-salutation"]
    truth = fixtures.truth(1)
    ab = pd.read_excel(reports / "tables.xlsx", sheet_name="02-ab-test-salutation")
    got = dict(zip(ab["level"].str.lower(), ab["n"], strict=True))
    assert got == truth["salutation"].str.lower().value_counts().to_dict()
    for path in reports.rglob("*"):
        if path.is_file():
            text = (
                _xlsx_text(path)
                if path.suffix == ".xlsx"
                else path.read_bytes().decode("utf-8", "replace")
            )
            _no_personal(text, str(path))
    # the workspace's cache of validated logs holds no personal value either
    cached = list((ws / ".icplab").rglob("*.parquet"))
    assert cached, "the run should have cached the validated log"
    for path in (ws / ".icplab").rglob("*"):
        if path.is_file():
            text = (
                pd.read_parquet(path).to_csv()
                if path.suffix == ".parquet"
                else path.read_bytes().decode("utf-8", "replace")  # the pseudonym secret is bytes
            )
            _no_personal(text, str(path))


def test_parquet_export_with_preset_and_email_ids(tmp_path):
    raw = pd.read_csv(EXPORTS / "instantly.csv", keep_default_na=False)
    path = tmp_path / "instantly.parquet"
    raw.to_parquet(path, index=False)
    data = load(path, preset="instantly")
    truth = fixtures.truth(5)
    assert data.read.pseudonymised and "First Name" in data.read.personal_dropped
    assert int(data.frame["replied"].sum()) == int(truth["replied"].sum())
    assert int(data.frame["meeting"].sum()) == int(truth["meeting"].sum())
    _no_personal(data.frame.astype(str).to_csv(), "parquet frame")


def test_aggregated_counts_in_german_style(tmp_path):
    p = tmp_path / "agg.csv"
    p.write_text(
        "Branche;contacted;replied;meeting\nIT;1.200;300;45\nLogistik;2.000;1.050;120\n",
        encoding="utf-8",
    )
    data = load(p)
    assert data.aggregated
    assert data.frame["contacted"].tolist() == [1200, 2000]
    assert data.frame["replied"].tolist() == [300, 1050]


def test_emails_in_free_text_contract_columns_are_scrubbed():
    raw = pd.DataFrame(
        {
            "prospect_id": ["p1", "p2"],
            "industry": ["IT", "IT"],
            "employees": [5, 6],
            "messaging": ["a", "b"],
            "salutation": ["du", "sie"],
            "replied": [1, 1],
            "meeting": [1, 1],
            "rejection_reason": ["kein Budget", "bitte an annegret@zwiebelmeyer-mail.de"],
        }
    )
    data = validate_frame(raw)
    assert data.frame["rejection_reason"].astype(str).tolist() == [
        "kein Budget",
        "bitte an [e-mail removed]",
    ]


def test_control_characters_in_headers_and_levels_are_escaped(tmp_path, capsys):
    p = tmp_path / "log.csv"
    p.write_text(
        "prospect_id,industry,employees,messaging,salutation,replied,meeting\n"
        'p1,"IT\x1b[2J",5,a,du,1,0\n',
        encoding="utf-8",
    )
    assert main(["check", str(p), "--where", "industry=Handel"]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "IT\\x1b[2J (1)" in err


def test_validate_drafts_a_mapping_for_an_unmapped_export(capsys):
    import tomllib

    assert main(["validate", str(EXPORTS / "lemlist.csv")]) == 2
    err = capsys.readouterr().err
    assert "This looks like an export of lemlist: try --preset lemlist" in err
    snippet = err[err.index("\n[columns]") :]
    assert tomllib.loads(snippet)["columns"]["preset"] == "lemlist"
    _no_personal(err, "validate on an unmapped export")
