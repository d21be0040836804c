"""``icplab assign``: blocked, seeded, stratified variant assignment and the [split] record."""

from __future__ import annotations

import tomllib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from icplab.cli import main
from icplab.core.config import Config
from icplab.stats.srm import srm_check

EMAILS = [f"zq.unique{i}@example.org" for i in range(997)]


def _contacts(path: Path) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    df = pd.DataFrame(
        {
            "Branche": rng.choice(["IT", "Logistik", "Handel"], size=997),
            "Mitarbeiter": rng.choice(["12", "2.000", "50-199", "10000+", "150", ""], size=997),
            "email": EMAILS,
            "Notiz": "hallo",
        }
    )
    df.to_csv(path, sep=";", index=False)
    return df


def _band(v: str) -> str:  # independent reading of employees -> default bands
    if v == "":
        return ""
    lo = int(v.replace(".", "").split("-")[0].rstrip("+"))
    return "1-49" if lo < 50 else "50-199" if lo < 200 else "200-499" if lo < 500 else "500+"


@pytest.mark.parametrize("ratio", [None, "1:3", "2:1:1"])
def test_each_segment_follows_the_ratio_within_one(
    tmp_path: Path, ratio: str | None, capsys
) -> None:
    src = tmp_path / "contacts.csv"
    raw = _contacts(src)
    levels = ["a", "b"] if ratio != "2:1:1" else ["a", "b", "c"]
    weights = [1] * len(levels) if ratio is None else [int(x) for x in ratio.split(":")]
    out = tmp_path / "out.csv"
    cfg = tmp_path / "icplab.toml"
    cfg.write_text("[size_bands]\nedges = [1, 50, 200, 500]\n", encoding="utf-8")
    args = [
        "assign",
        str(src),
        "--variants",
        "messaging=" + ",".join(levels),
        "--seed",
        "7",
        "-o",
        str(out),
        "--config",
        str(cfg),
    ]
    assert main(args + (["--ratio", ratio] if ratio else [])) == 0
    got = pd.read_csv(out, sep=";", dtype=str, keep_default_na=False)
    # the input's rows in their order, every column kept, plus the variant column
    assert got.drop(columns="messaging").equals(raw.astype(str))
    band = raw["Mitarbeiter"].map(_band)
    for _, seg in got.assign(band=band.to_numpy()).groupby(["Branche", "band"]):
        share = np.array(weights) / sum(weights)
        counts = seg["messaging"].value_counts().reindex(levels, fill_value=0).to_numpy()
        assert (np.abs(counts - share * len(seg)) < 1 + 1e-9).all()
    # nothing of the contact data in the messages
    captured = capsys.readouterr()
    assert not any(e in captured.out + captured.err for e in EMAILS[:50])
    assert "zq.unique" not in captured.out + captured.err
    split = tomllib.loads(cfg.read_text(encoding="utf-8"))["split"]["messaging"]
    assert split == dict(zip(levels, weights, strict=True))


def test_same_seed_same_file_other_seed_other_order(tmp_path: Path) -> None:
    src = tmp_path / "contacts.csv"
    _contacts(src)
    outs = []
    (tmp_path / "c.toml").write_text("[size_bands]\nedges = [1, 50, 200, 500]\n", encoding="utf-8")
    for i, seed in enumerate(["7", "7", "8"]):
        out = tmp_path / f"o{i}.csv"
        main(
            [
                "assign",
                str(src),
                "--variants",
                "messaging=a,b",
                "--seed",
                seed,
                "-o",
                str(out),
                "--config",
                str(tmp_path / "c.toml"),
            ]
        )
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] and outs[0] != outs[2]


def test_split_is_recorded_keeping_comments_and_srm_respects_it(
    tmp_path: Path, monkeypatch
) -> None:
    src = tmp_path / "contacts.csv"
    _contacts(src)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "icplab.toml").write_text(
        "# mine\n[stats]\nsequential = true # keep\n\n[size_bands]\nedges = [1, 50, 200, 500]\n",
        encoding="utf-8",
    )
    assert (
        main(
            [
                "assign",
                str(src),
                "--variants",
                "messaging=a,b",
                "--ratio",
                "1:20",
                "--seed",
                "1",
                "-o",
                "x.csv",
            ]
        )
        == 0
    )
    text = (tmp_path / "icplab.toml").read_text(encoding="utf-8")
    assert "# mine" in text and "# keep" in text
    cfg = Config.load(tmp_path / "icplab.toml")
    assert cfg.split["messaging"] == {"a": 1.0, "b": 20.0}
    # a deliberate 1:20 split is not a mismatch; against an equal split it would be
    planned = srm_check("messaging", ["a", "b"], [100, 2000], cfg.split)
    assert planned.checked and not planned.mismatch
    assert srm_check("messaging", ["a", "b"], [100, 2000]).mismatch
    # a second assign replaces the entry in place
    assert (
        main(["assign", str(src), "--variants", "messaging=a,b", "--seed", "1", "-o", "x.csv"]) == 0
    )
    assert Config.load(tmp_path / "icplab.toml").split["messaging"] == {"a": 1.0, "b": 1.0}


def test_bad_variants_and_missing_column_exit_2(tmp_path: Path) -> None:
    src = tmp_path / "contacts.csv"
    _contacts(src)
    base = [
        str(src),
        "--seed",
        "1",
        "-o",
        str(tmp_path / "o.csv"),
        "--config",
        str(tmp_path / "c.toml"),
    ]
    assert main(["assign", *base, "--variants", "messaging=a"]) == 2
    assert main(["assign", *base, "--variants", "messaging=a,b", "--ratio", "1:0"]) == 2
    assert main(["assign", *base, "--variants", "messaging=a,b", "--by", "region"]) == 2


def test_ranges_without_configured_bands_are_their_own_bands(tmp_path: Path) -> None:
    src = tmp_path / "c.csv"
    emp = ["11-50", "51-200", "10.001+", "120", "30", ""] * 20
    pd.DataFrame({"industry": ["IT"] * len(emp), "employees": emp}).to_csv(src, index=False)
    out = tmp_path / "o.csv"
    args = ["assign", str(src), "--variants", "messaging=a,b", "--seed", "3", "-o", str(out)]
    assert main([*args, "--config", str(tmp_path / "none.toml")]) == 0
    got = pd.read_csv(out, dtype=str, keep_default_na=False)
    # the export's own ranges: 120 belongs to 51-200, 30 to 11-50
    own = {
        "11-50": "11-50",
        "51-200": "51-200",
        "10.001+": "10001+",
        "120": "51-200",
        "30": "11-50",
        "": "",
    }
    for _, seg in got.assign(band=got["employees"].map(own)).groupby("band"):
        counts = seg["messaging"].value_counts().reindex(["a", "b"], fill_value=0)
        assert abs(int(counts["a"]) - int(counts["b"])) <= 1
    # with configured default bands, 51-200 straddles 50-199 and 200-499: an input error
    cfg = tmp_path / "bands.toml"
    cfg.write_text("[size_bands]\nedges = [1, 50, 200, 500]\n", encoding="utf-8")
    assert main([*args, "--config", str(cfg)]) == 2


def test_compare_checks_the_split_assign_recorded(tmp_path: Path, monkeypatch) -> None:
    """End to end: a deliberate 1:20 split recorded by assign is no mismatch in compare."""
    import icplab
    from icplab.data.sample import generate_outreach

    log = generate_outreach(2100, seed=4)
    log["messaging"] = np.where(np.arange(len(log)) % 21 == 0, "a", "b")
    src = tmp_path / "contacts.csv"
    _contacts(src)
    cfg = tmp_path / "icplab.toml"
    cfg.write_text("[size_bands]\nedges = [1, 50, 200, 500]\n", encoding="utf-8")
    before = icplab.compare(log, by="messaging", config=cfg)
    assert before.srm.checked and before.srm.mismatch
    args = ["assign", str(src), "--variants", "messaging=a,b", "--ratio", "1:20", "--seed", "1"]
    assert main([*args, "-o", str(tmp_path / "x.csv"), "--config", str(cfg)]) == 0
    after = icplab.compare(log, by="messaging", config=cfg)
    assert after.srm.checked and not after.srm.mismatch
