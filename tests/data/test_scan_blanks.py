"""The DuckDB scan states blank factors in contacts, as the ordinary reader does.

The scan validates one row per distinct combination of values; its blank counts
(``validate``'s "95 contacts without a company size", JSON ``left_out``) must still count
contacts, not combinations.
"""

from __future__ import annotations

import numpy as np
import pytest

from icplab.data.load import validate_frame
from icplab.data.sample import generate_outreach
from icplab.data.scan import scan_log


@pytest.fixture(scope="module")
def log_with_blanks(tmp_path_factory):
    log = generate_outreach(3000, seed=5)
    rng = np.random.default_rng(11)
    log.loc[rng.random(len(log)) < 0.15, "industry"] = None
    log.loc[rng.random(len(log)) < 0.05, "employees"] = None
    path = tmp_path_factory.mktemp("blanks") / "log.parquet"
    log.to_parquet(path, index=False)
    return log, path


def test_scan_counts_blank_contacts_not_combinations(log_with_blanks):
    log, path = log_with_blanks
    scanned = scan_log(path, validate_frame)
    expected = {
        "industry": int(log["industry"].isna().sum()),
        "size_band": int(log["employees"].isna().sum()),
    }
    assert scanned.read.blanks == expected
    # the combinations are fewer than the contacts, so a per-combination count would differ
    assert len(scanned.frame) < len(log)
    assert validate_frame(log).read.blanks == expected
