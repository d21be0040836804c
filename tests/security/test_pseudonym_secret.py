"""Attack: e-mail prospect ids re-identified from the cache (issue 22). The pseudonym key
was a constant in the source, so anyone could hash candidate addresses and compare."""

from __future__ import annotations

import hashlib
import hmac
import os
import stat
import subprocess
import sys
from pathlib import Path

import pandas as pd

from icplab.core.config import Config
from icplab.data.load import load
from icplab.data.sample import generate_outreach

OLD_CONSTANT_KEY = b"icplab prospect pseudonym v1"
REPO = Path(__file__).resolve().parents[2]


def _workspace(root: Path) -> Config:
    root.mkdir(parents=True, exist_ok=True)
    raw = generate_outreach(100, seed=2)
    raw["prospect_id"] = [f"lead{i}@kunde.example" for i in range(len(raw))]
    raw.to_csv(root / "log.csv", index=False)
    (root / "icplab.toml").write_text("")
    return Config.load(root / "icplab.toml")


def _old(address: str) -> str:
    digest = hmac.new(OLD_CONSTANT_KEY, address.encode(), hashlib.sha256).hexdigest()
    return f"p-{digest[:16]}"


def test_pseudonyms_cannot_be_recomputed_with_a_public_key(tmp_path: Path) -> None:
    config = _workspace(tmp_path / "ws")
    ids = load(tmp_path / "ws" / "log.csv", config=config).frame["prospect_id"].astype(str)
    assert ids.str.startswith("p-").all()
    assert _old("lead0@kunde.example") not in set(ids)
    secret = tmp_path / "ws" / ".icplab" / "pseudonym.key"
    assert secret.is_file() and len(secret.read_bytes()) >= 32
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    cached = b"".join(p.read_bytes() for p in (tmp_path / "ws" / ".icplab" / "cache").glob("*"))
    assert b"kunde.example" not in cached


def test_pseudonyms_are_stable_in_a_workspace_and_differ_between_workspaces(
    tmp_path: Path,
) -> None:
    a = _workspace(tmp_path / "a")
    b = _workspace(tmp_path / "b")
    first = load(tmp_path / "a" / "log.csv", config=a).frame["prospect_id"].tolist()
    # another process (a report notebook) gets the same ids in the same workspace
    code = (
        "from icplab.core.config import Config; from icplab.data.load import load; "
        f"c = Config.load({str(tmp_path / 'a' / 'icplab.toml')!r}); "
        "(c.root / '.icplab' / 'cache').exists() and __import__('shutil').rmtree(c.root / '.icplab' / 'cache'); "
        f"print(','.join(map(str, load({str(tmp_path / 'a' / 'log.csv')!r}, config=c).frame['prospect_id'])))"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    again = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert again.split(",") == [str(x) for x in first]
    other = load(tmp_path / "b" / "log.csv", config=b).frame["prospect_id"].tolist()
    assert set(map(str, first)).isdisjoint(map(str, other))
    assert pd.Series(first).nunique() == len(first)  # duplicates would still be found
