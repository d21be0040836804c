"""Attacks with personal data inside other cells (issue 22): e-mails, phone numbers and
the row's own names inside industry labels, rejection reasons and free text, names under
headers the recogniser missed, and personal values quoted in error messages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from icplab.cli import main
from icplab.core.config import Config
from icplab.data.load import load

NAME = "Maximilian Quastenberg"
MAIL = "maximilian@quastenberg-gmbh.example"
PHONE = "+49 30 5550 1234"
COMPANY = "Quastenberg Anlagenbau GmbH"
SECRETS = (NAME, "Quastenberg", MAIL, "5550 1234", "5550")


def _frame(n: int = 200) -> pd.DataFrame:
    rng = np.random.default_rng(5)
    f = pd.DataFrame(
        {
            "prospect_id": [f"P{i}" for i in range(n)],
            "Vollständiger Name": [f"Person Nummer{i}" for i in range(n)],
            "Firma": [f"Firma Nummer{i} GmbH" for i in range(n)],
            "industry": rng.choice(["IT", "Logistik"], n),
            "employees": rng.integers(5, 900, n),
            "messaging": rng.choice(["zeitersparnis", "fehlerrate"], n),
            "salutation": rng.choice(["du", "sie"], n),
            "replied": 1,
            "meeting": 1,
            "qualified": 0,
            "rejection_reason": rng.choice(["budget", "timing"], n),
        }
    )
    f.loc[0, "Vollständiger Name"] = NAME
    f.loc[0, "Firma"] = COMPANY
    f.loc[0, "industry"] = f"IT {NAME} <{MAIL}>"
    f.loc[0, "rejection_reason"] = f"{NAME} will erst mit {COMPANY} sprechen, Tel {PHONE}"
    f.loc[1, "rejection_reason"] = f"Rückruf unter {PHONE} oder {MAIL}"
    return f


def _leaks(text: str) -> list[str]:
    return [s for s in SECRETS if s.casefold() in text.casefold()]


def test_names_mails_and_phones_inside_labels_and_reasons_are_masked(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    _frame().to_csv(path, index=False)
    data = load(path)
    assert _leaks(data.frame.astype(str).to_csv()) == []
    assert "[name removed]" in data.frame.loc[0, "industry"]
    assert "[e-mail removed]" in data.frame.loc[0, "industry"]
    assert "[phone removed]" in str(data.frame.loc[1, "rejection_reason"])
    assert data.frame.loc[3, "rejection_reason"] in {"budget", "timing"}  # others untouched


def test_reasons_output_shows_no_personal_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "log.csv"
    _frame().to_csv(path, index=False)
    for fmt in ("json", "table"):
        main(["reasons", str(path), "--by", "industry", "--format", fmt])
        out = capsys.readouterr()
        assert _leaks(out.out + out.err) == []
    main(["validate", str(path), "--format", "json"])
    assert _leaks(capsys.readouterr().out) == []


def test_personal_values_in_error_messages_are_masked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = _frame()
    f["employees"] = f["employees"].astype(object)
    f.loc[4, "employees"] = f"ruf an {PHONE}"
    f.loc[5, "employees"] = MAIL
    f.loc[6, "Vollständiger Name"] = "Hildegard Oberwasser"
    f.loc[6, "employees"] = "Hildegard Oberwasser"
    path = tmp_path / "log.csv"
    f.to_csv(path, index=False)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "employees" in err and "Traceback" not in err
    assert _leaks(err) == [] and "Oberwasser" not in err


@pytest.mark.parametrize("header", ["Empfänger", "Zuname", "Ansprechpartner", "Kontakt"])
def test_names_under_headers_the_recogniser_missed_are_dropped(tmp_path: Path, header: str) -> None:
    f = _frame()
    f[header] = [f"Gerlinde Zauberkraut{i}" for i in range(len(f))]
    path = tmp_path / "log.csv"
    f.to_csv(path, index=False)
    data = load(path)
    assert header in data.read.personal_dropped
    assert "Zauberkraut" not in data.frame.astype(str).to_csv()


def test_a_column_of_names_is_warned_about_and_can_be_declared_personal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = _frame()
    first = ["Anna", "Thomas", "Julia", "Stefan", "Sabine", "Markus"]
    f["Feld 7"] = [f"{first[i % 6]} Zauberkraut{chr(97 + i % 26)}" for i in range(len(f))]
    path = tmp_path / "log.csv"
    f.to_csv(path, index=False)
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "feld_7" in out.casefold().replace(" ", "_") and "personal = [" in out
    assert "Zauberkraut" not in out
    (tmp_path / "icplab.toml").write_text('[columns]\npersonal = ["Feld 7"]\n', encoding="utf-8")
    data = load(path, config=Config.load(tmp_path / "icplab.toml"))
    assert "Feld 7" not in data.frame.columns
    assert "Feld 7" in data.read.personal_dropped
    cache = tmp_path / ".icplab" / "cache"
    cached = b"".join(p.read_bytes() for p in cache.glob("*")) if cache.is_dir() else b""
    assert b"Zauberkraut" not in cached


def test_runner_error_lines_are_scrubbed() -> None:
    from icplab.batch.execute import Job, _failed

    job = Job("r", "n.ipynb", "runs/x", {}, "python3", 1.0)
    res = _failed(job, 0.0, f"KeyError: '{MAIL}' (call {PHONE})")
    assert _leaks(res.error) == []
    assert re.search(r"\[e-mail removed\].*\[phone removed\]", res.error)


def test_json_outputs_never_name_the_declared_column_values(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    _frame().to_csv(path, index=False)
    data = load(path)
    assert _leaks(json.dumps(data.frame.astype(str).to_dict(), ensure_ascii=False)) == []
