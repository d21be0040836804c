"""A variant nested in the industry is flagged by validate and by every comparison of it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from icplab.cli import main
from icplab.data.load import validate_frame
from icplab.data.nesting import Confounding, _pair_counts, confounded, nested_in
from icplab.icp.compare import compare_result
from icplab.icp.scope import Scope


def _log(nested: bool, n: int = 400, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    industry = rng.choice(["IT", "Logistik", "Bau"], n)
    if nested:  # the sequence name carries the industry: one variant per industry
        messaging = np.array(
            [{"IT": "it-v1", "Logistik": "log-v1", "Bau": "bau-v1"}[i] for i in industry]
        )
    else:
        messaging = rng.choice(["zeitersparnis", "fehlerrate"], n)
    return pd.DataFrame(
        {
            "prospect_id": [f"p{i}" for i in range(n)],
            "industry": industry,
            "employees": rng.choice([20, 80, 300, 900], n),
            "messaging": messaging,
            "salutation": rng.choice(["du", "sie"], n),
            "replied": (rng.random(n) < 0.2).astype(int),
            "meeting": 0,
        }
    )


def _nested_by_hand(frame: pd.DataFrame, factor: str, other: str) -> bool:
    """Each level of factor within one level of other (plain set logic, every level)."""
    groups = {f: set(frame.loc[frame[factor] == f, other]) for f in set(frame[factor])}
    return all(len(v) == 1 for v in groups.values()) and len(set(frame[other])) > 1


@pytest.mark.parametrize("nested", [True, False])
def test_nesting_matches_a_direct_set_computation(nested):
    frame = _log(nested)
    assert nested_in(frame, "messaging", "industry") == _nested_by_hand(
        frame, "messaging", "industry"
    )
    found = confounded(frame)
    assert (Confounding("messaging", "industry") in found) is nested
    assert all(c.factor != "salutation" for c in found)


def test_random_assignment_is_never_flagged():
    flagged = sum(bool(confounded(_log(False, n=200, seed=s))) for s in range(30))
    assert flagged == 0


def test_compare_of_a_nested_variant_carries_the_warning():
    data = validate_frame(_log(True), source="x.csv")
    res = compare_result(data, "messaging", "reply_rate")
    assert any("messaging is confounded with industry" in n for n in res.notes)
    plain = compare_result(validate_frame(_log(False), source="x.csv"), "messaging", "reply_rate")
    assert not any("confounded" in n for n in plain.notes)
    assert not any("confounded" in n for n in compare_result(data, "industry", "reply_rate").notes)


@pytest.mark.parametrize(
    "language,words",
    [
        ("en", "warning: messaging is confounded with industry"),
        ("de", "messaging ist mit industry vermengt"),
    ],
)
def test_validate_warns_in_the_workspace_language(tmp_path, capsys, monkeypatch, language, words):
    _log(True).to_csv(tmp_path / "log.csv", index=False)
    (tmp_path / "icplab.toml").write_text(f'[reports]\nlanguage = "{language}"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "log.csv"]) == 0
    assert words in capsys.readouterr().err


def test_suggest_mapping_cuts_the_variant_and_warns_when_it_is_the_industry(tmp_path, capsys):
    frame = _log(True).drop(columns="messaging")
    frame["Sequence"] = [
        f"Q3 {m}" for m in _log(True)["messaging"]
    ]  # "Q3 it-v1": the variant is the industry
    frame.to_csv(tmp_path / "log.csv", index=False)
    assert main(["validate", str(tmp_path / "log.csv"), "--suggest-mapping"]) == 0
    out = capsys.readouterr().out
    assert 'messaging = { from = "Sequence", pattern = "(' in out
    assert "confounded with industry" in out


def test_the_comparison_warning_follows_the_workspace_language():
    from icplab.core.config import Config
    from icplab.report.messages import render

    data = validate_frame(_log(True), source="x.csv")
    cfg = Config.from_toml_text('[reports]\nlanguage = "de"\n')
    res = compare_result(data, "messaging", "reply_rate", scope=Scope(config=cfg))
    # the note is data: English in the JSON, German on a German page
    assert any("messaging is confounded with industry" in n for n in res.notes)
    assert any("messaging ist mit industry vermengt" in render(n, "de") for n in res.notes)


def _nested_by_rules(frame: pd.DataFrame, factor: str, other: str, min_contacts: int) -> bool:
    """The module's rule in plain Python: blank and zero-contact cells out, levels with at
    least ``min_contacts`` contacts judged, each within one level of ``other``, two or more
    levels of ``other`` spanned."""
    weight = frame["contacted"] if "contacted" in frame.columns else pd.Series(1, frame.index)
    total: dict[tuple[str, str], float] = {}
    for f, o, n in zip(frame[factor], frame[other], weight, strict=True):
        if pd.isna(f) or pd.isna(o) or not str(f).strip() or not str(o).strip():
            continue
        key = (str(f).strip(), str(o).strip())
        total[key] = total.get(key, 0) + n
    pairs = {k: v for k, v in total.items() if v > 0}
    sizes: dict[str, float] = {}
    for (f, _), n in pairs.items():
        sizes[f] = sizes.get(f, 0) + n
    judged = {f for f, n in sizes.items() if n >= min_contacts}
    if len(judged) < 2:
        return False
    spans = {f: {o for (g, o) in pairs if g == f} for f in judged}
    return all(len(s) == 1 for s in spans.values()) and len(set().union(*spans.values())) >= 2


@pytest.mark.parametrize("seed", range(12))
def test_categorical_columns_counted_on_codes_follow_the_rules(seed):
    # a validated log holds categoricals (counted with one bincount), a raw one text
    rng = np.random.default_rng(seed)
    n = int(rng.integers(20, 300))
    industry = rng.choice(["IT", "Logistik", " IT ", "", None, "Bau"], n)
    messaging = np.array([f"{i}-v" if rng.random() < 0.9 else "x" for i in industry], dtype=object)
    messaging[rng.random(n) < 0.05] = None
    frame = pd.DataFrame({"industry": industry, "messaging": messaging})
    if seed % 2:
        frame["contacted"] = rng.integers(0, 4, n)
    cats = frame.astype({"industry": "category", "messaging": "category"})
    for k in (1, 5, 40):
        expected = _nested_by_rules(frame, "messaging", "industry", k)
        assert nested_in(frame, "messaging", "industry", k) == expected
        assert nested_in(cats, "messaging", "industry", k) == expected


def test_the_rules_can_say_both():
    frame = pd.DataFrame({"industry": ["IT"] * 6 + ["Bau"] * 6, "messaging": ["a"] * 6 + ["b"] * 6})
    cats = frame.astype("category")
    assert nested_in(cats, "messaging", "industry") and _nested_by_rules(
        frame, "messaging", "industry", 5
    )
    frame.loc[0, "messaging"] = "b"
    cats = frame.astype("category")
    assert not nested_in(cats, "messaging", "industry")
    assert not _nested_by_rules(frame, "messaging", "industry", 5)


@pytest.mark.parametrize("weighted", [False, True])
def test_pair_counts_of_categoricals_match_a_group_by(weighted: bool) -> None:
    rng = np.random.default_rng(11)
    n = 5000
    f = pd.Series(pd.Categorical(rng.choice(["du", "sie", None], n, p=[0.45, 0.45, 0.1])))
    o = pd.Series(pd.Categorical(rng.choice(["IT", "Bau", "Handel", None], n)))
    w = pd.Series(rng.integers(0, 4, n) if weighted else np.ones(n, dtype="int64"))
    got = _pair_counts(f, o, w)
    got = got[got["n"] > 0].set_index(["f", "o"])["n"].astype(float).sort_index()
    ref = pd.DataFrame({"f": f.astype(str), "o": o.astype(str), "n": w})
    ref = ref[(ref["f"] != "nan") & (ref["o"] != "nan")]
    ref = ref.groupby(["f", "o"])["n"].sum().astype(float)
    ref = ref[ref > 0]
    got.index = got.index.set_levels([lv.astype(str) for lv in got.index.levels])
    assert got.to_dict() == ref.to_dict()
