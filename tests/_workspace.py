"""Shared helpers for the runner and notebook tests: small workspaces with planted PII."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from icplab.data.sample import generate_outreach

#: Personal data planted in the test input; none of it may show up in any output.
PII_MARKERS = ("pii-zz-unique", "Zoltan Quaxwell", "Quaxwell Holding", "+49 555 0199")


def write_pii_log(path: Path, n_rows: int = 1500, seed: int = 11) -> Path:
    """A row-level outreach log whose personal columns hold distinctive fake values."""
    raw = generate_outreach(n_rows, seed=seed)
    idx = pd.RangeIndex(len(raw))
    raw["email"] = [f"pii-zz-unique.{i:05d}@quaxwell.example" for i in idx]
    raw["name"] = [f"Zoltan Quaxwell {i}" for i in idx]
    raw["company"] = [f"Quaxwell Holding {i} GmbH" for i in idx]
    raw["phone"] = [f"+49 555 0199{i:04d}" for i in idx]
    raw["linkedin_url"] = [f"https://linkedin.example/in/pii-zz-unique-{i}" for i in idx]
    path.parent.mkdir(parents=True, exist_ok=True)
    raw.to_csv(path, index=False)
    return path


def outputs_with_pii(folder: Path) -> list[str]:
    """Files under ``folder`` (HTML, JSON, ipynb) that contain any planted PII marker."""
    hits = []
    for p in sorted(folder.rglob("*")):
        if p.suffix not in {".html", ".json", ".ipynb"} or not p.is_file():
            continue
        text = p.read_text(encoding="utf-8", errors="replace")
        hits += [f"{p}: {m}" for m in PII_MARKERS if m in text]
    return hits


def sample_workspace(ws: Path, n_rows: int, seed: int, extra_toml: str = "") -> Path:
    """A workspace in ``ws``: a generated ``log.csv`` of ``n_rows`` contacts and an
    ``icplab.toml`` naming it (``extra_toml`` appended); returns the config's path."""
    generate_outreach(n_rows, seed=seed).to_csv(ws / "log.csv", index=False)
    toml = ws / "icplab.toml"
    toml.write_text('[workspace]\ndata = "log.csv"\n' + extra_toml, encoding="utf-8")
    return toml
