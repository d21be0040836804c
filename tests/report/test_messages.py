"""The message catalogues: every language has every code with the same fields, every code
the package emits exists, English notes keep their old wording, German uses German forms."""

from __future__ import annotations

import re
import string
from datetime import date
from pathlib import Path

import pytest

from icplab.core.catalogue import LANGUAGES, messages
from icplab.core.notes import Note
from icplab.report.messages import render

PACKAGE = Path(__file__).resolve().parents[2] / "icplab"


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


@pytest.mark.parametrize("language", LANGUAGES[1:])
def test_every_catalogue_has_the_english_codes_and_fields(language):
    en, other = messages("en"), messages(language)
    assert set(other) == set(en)
    for code, template in en.items():
        assert _fields(other[code]) == _fields(template), code


def test_every_emitted_code_is_in_the_catalogue():
    used = set()
    for path in PACKAGE.rglob("*.py"):
        used |= set(re.findall(r'Note\(\s*"([a-z_]+\.[a-z_]+)"', path.read_text("utf-8")))
    assert len(used) > 40
    assert used <= set(messages("en")), used - set(messages("en"))


def test_no_regex_translation_left():
    source = (PACKAGE / "report" / "text.py").read_text("utf-8")
    assert "_NOTE_GERMAN" not in source and "m.expand" not in source


def test_english_notes_keep_the_wording_of_the_json_outputs():
    # the sentences exactly as the statistics layers wrote them before they became data
    assert Note(
        "maturing.metric", maturing=120, window=28, as_of=date(2026, 9, 30), metric="reply_rate"
    ) == (
        "120 contacts sent in the 28 days before 2026-09-30 are still maturing and not "
        "counted in reply_rate yet."
    )
    p = 0.012345
    assert Note("srm.mismatch", factor="messaging", plan=Note("srm.plan_equal"), p=p) == (
        f"SAMPLE RATIO MISMATCH: the contacts per messaging level are far from an equal "
        f"split (chi-square p = {p:.2g}). Check how prospects were assigned before trusting "
        "any difference."
    )
    bands = (Note("funnel.band", step="deal", lo=0.15, hi=0.25),)
    assert Note("funnel.bands", source=Note("funnel.bands_default"), bands=bands) == (
        "Benchmark bands (playbook defaults): deal 15%-25%."
    )


def test_german_forms_in_rendered_notes():
    n = Note(
        "funnel.maturing",
        as_of=date(2026, 9, 30),
        maturing=1234,
        windows=(Note("funnel.window", step="replied", days=28),),
    )
    de = render(n, "de")
    assert "30.09.2026" in de and "1.234" in de and "Antwort 28 Tage" in de
    assert "2026-09-30" not in de and " days" not in de
    srm = render(Note("srm.fits", factor="x", plan=Note("srm.plan_declared"), p=0.4312), "de")
    assert "p = 0,43" in srm and "geplanten Aufteilung" in srm


def test_notes_survive_pickling_for_worker_processes():
    import pickle

    n = Note("compare.fisher", levels=("IT",))
    back = pickle.loads(pickle.dumps(n))
    assert back == n and back.code == n.code and render(back, "de") == render(n, "de")


def test_second_wave_notes_keep_their_english_and_speak_german():
    import pandas as pd

    from icplab.core.metrics import Metric
    from icplab.data.counts import left_out_note
    from icplab.icp.cycle import window_table_note
    from icplab.icp.disclosure import Disclosure, inference_note
    from icplab.icp.next_batch import explain

    day, n = date(2026, 9, 30), 1234
    (after,) = Disclosure(after_as_of=n).notes(day)
    assert after == (
        f"WARNING: as_of {day.isoformat()} is older than the newest contact: {n} contacts "
        "sent after it are left out."
    )
    de = render(after, "de")
    assert "30.09.2026" in de and "1.234" in de and "WARNUNG" in de
    assert inference_note(False) == (
        "Fixed-horizon inference: valid for one look at the data. If you re-check as data "
        "comes in, use --sequential (or [stats] sequential = true in icplab.toml)."
    )
    f = pd.DataFrame(
        {
            "size_band": [None, None, "1-49"],
            "industry": ["IT", "IT", None],
            "contacted": [1000, 300, 1],
        }
    )
    left = left_out_note(f, ["size_band", "industry"])
    assert left == (
        f"{1300:,} contacts without a company size; 1 contact without an industry: left out "
        "here (counted in every total)."
    )
    assert render(left, "de") == (
        "1.300 Kontakte ohne Unternehmensgröße; 1 Kontakt ohne Branche: hier nicht bewertet "
        "(in jeder Summe gezählt)."
    )
    m = Metric("deal_rate", "deal", "qualified", 0.05, window_table=(("500+", 240),))
    assert render(window_table_note(m), "de").endswith("500+ 240 Tage, alle anderen 90 Tage.")
    assert explain("IT 50-199", 2400, "open", 0.13, 0.035) == (
        "IT 50-199: 2,400 contacts, still open at 13-3.5 %"
    )
    line = render(explain("IT 50-199", 2400, "open", 0.13, 0.035), "de")
    assert line == "IT 50-199: 2.400 Kontakte, noch offen bei 13-3,5 %"
