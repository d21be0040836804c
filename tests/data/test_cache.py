"""The workspace's cache of validated logs: same result as validating, never stale."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from icplab.core.config import Config
from icplab.core.errors import InputError
from icplab.data.cache import CACHE_DIR
from icplab.data.load import load
from icplab.data.sample import generate_outreach


@pytest.fixture()
def workspace(tmp_path: Path) -> tuple[Path, Config]:
    generate_outreach(1500, seed=5, running=200).to_csv(tmp_path / "log.csv", index=False)
    (tmp_path / "icplab.toml").write_text('[workspace]\ndata = "log.csv"\n', encoding="utf-8")
    return tmp_path, Config.load(tmp_path / "icplab.toml")


def entries(root: Path) -> list[Path]:
    return sorted((root / CACHE_DIR).glob("*.parquet"))


def test_second_load_comes_from_the_cache_and_equals_validation(workspace) -> None:
    root, config = workspace
    first = load(root / "log.csv", config=config)
    assert len(entries(root)) == 1
    second = load(root / "log.csv", config=config)
    pd.testing.assert_frame_equal(second.frame, first.frame)
    assert second.read == first.read and second.size_bands == first.size_bands
    assert second.source == first.source and second.aggregated == first.aggregated
    # and both equal a load outside any workspace (no cache at all)
    plain = load(root / "log.csv")
    pd.testing.assert_frame_equal(plain.frame, second.frame)


def test_a_changed_file_is_validated_again(workspace) -> None:
    root, config = workspace
    before = load(root / "log.csv", config=config)
    raw = pd.read_csv(root / "log.csv")
    raw.loc[0, "replied"] = 1 - int(raw.loc[0, "replied"])
    raw.to_csv(root / "log.csv", index=False)
    st = (root / "log.csv").stat()
    os.utime(root / "log.csv", ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    after = load(root / "log.csv", config=config)
    assert int(after.frame["replied"].sum()) != int(before.frame["replied"].sum())
    assert int(after.frame["replied"].sum()) == int(raw["replied"].sum())


def test_bad_input_is_never_cached(workspace) -> None:
    root, config = workspace
    raw = pd.read_csv(root / "log.csv", dtype=str, keep_default_na=False)
    raw.loc[3, "replied"] = "vielleicht"
    raw.to_csv(root / "bad.csv", index=False)
    for _ in range(2):
        with pytest.raises(InputError, match="row 5"):
            load(root / "bad.csv", config=config)
    assert entries(root) == []


def test_mapping_and_size_bands_are_part_of_the_key(workspace) -> None:
    root, config = workspace
    load(root / "log.csv", config=config)
    other = Config.from_toml_text(
        '[workspace]\ndata = "log.csv"\n[size_bands]\npreset = "playbook"\n',
        path=root / "icplab.toml",
    )
    bands = load(root / "log.csv", config=other)
    assert len(entries(root)) == 2
    assert (
        set(bands.frame["size_band"].astype(str))
        <= {
            "KMU 1-49",
            "Mittelstand 50-499",
            "Enterprise 500+",
        }
        or bands.size_bands != config.size_bands
    )


def test_a_broken_entry_falls_back_to_validation(workspace) -> None:
    root, config = workspace
    good = load(root / "log.csv", config=config)
    for entry in entries(root):
        entry.write_bytes(b"not parquet")
    again = load(root / "log.csv", config=config)
    pd.testing.assert_frame_equal(again.frame, good.frame)


def test_no_cache_outside_a_workspace(tmp_path: Path) -> None:
    generate_outreach(100, seed=2).to_csv(tmp_path / "log.csv", index=False)
    load(tmp_path / "log.csv", config=Config())
    load(tmp_path / "log.csv")
    assert not (tmp_path / CACHE_DIR).exists()
