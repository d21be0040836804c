"""Size-band presets and the data-dependent default report plan."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from icplab.batch.runner import default_plan
from icplab.core.config import Config
from icplab.core.errors import ConfigError
from icplab.core.schema import SizeBands
from icplab.data.load import validate_frame
from icplab.data.sample import generate_outreach


def test_playbook_preset_bands_and_labels():
    cfg = Config.from_toml_text('[size_bands]\npreset = "playbook"\n')
    assert cfg.size_bands.labels == ("KMU 1-49", "Mittelstand 50-499", "Enterprise 500+")
    emp = pd.Series([1, 49, 50, 499, 500, 12000])
    got = cfg.size_bands.assign(emp).astype(str).tolist()
    # independent: plain pandas cut on the playbook's ranges
    ref = pd.cut(emp, [0, 49, 499, np.inf], labels=list(cfg.size_bands.labels)).astype(str)
    assert got == ref.tolist()
    assert cfg.size_bands.range_of("Mittelstand 50-499") == (50, 499)
    assert Config.from_toml_text('[size_bands]\npreset = "default"\n').size_bands == SizeBands()


def test_preset_errors_teach():
    with pytest.raises(ConfigError, match="playbook"):
        Config.from_toml_text('[size_bands]\npreset = "huge"\n')
    with pytest.raises(ConfigError, match="not both"):
        Config.from_toml_text('[size_bands]\npreset = "playbook"\nedges = [1, 10]\n')


def test_playbook_bands_through_load_and_counts():
    bands = SizeBands.preset("playbook")
    raw = generate_outreach(800, seed=2)
    data = validate_frame(raw, source="x.csv", size_bands=bands)
    t = data.counts(["size_band"])
    assert t["size_band"].astype(str).tolist() == list(bands.labels)
    kmu = int((raw["employees"] < 50).sum())
    assert int(t.loc[t["size_band"] == "KMU 1-49", "contacted"].iloc[0]) == kmu


def test_channel_factor_only_with_several_channels():
    raw = generate_outreach(300, seed=1)
    data = validate_frame(raw, source="x.csv")
    names = [s.name for s in default_plan(Config(), data)]
    assert "02-ab-test-channel" in names
    one = validate_frame(raw.assign(channel="email"), source="x.csv")
    assert "02-ab-test-channel" not in [s.name for s in default_plan(Config(), one)]
    assert "02-ab-test-channel" not in [s.name for s in default_plan(Config())]
    assert names[-4:] == ["06-funnel-value", "07-closed-loop", "08-next-batch", "09-sales-cycle"]
