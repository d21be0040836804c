"""Shared helpers for the benchmark scripts: cached generated data and a timer."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from pathlib import Path

from icplab.data.sample import generate_outreach

DATA_DIR = Path(__file__).resolve().parent / "_data"


def million_rows_parquet(n_rows: int = 1_000_000, seed: int = 7) -> Path:
    """A generated log of ``n_rows`` prospects as Parquet, cached in benchmarks/_data/."""
    DATA_DIR.mkdir(exist_ok=True)
    # The generator's columns are part of the cache key: a new column means a new file.
    cols = generate_outreach(50, seed=seed).columns
    tag = hashlib.sha256(",".join(cols).encode()).hexdigest()[:8]
    path = DATA_DIR / f"outreach-{n_rows}-{seed}-{tag}.parquet"
    if not path.exists():
        generate_outreach(n_rows, seed=seed).to_parquet(path, index=False)
    return path


def best_of(fn: Callable[[], object], repeat: int = 3) -> tuple[float, object]:
    """Best wall time in seconds over ``repeat`` runs, and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result
