"""A factor with 5,000 levels: ``refine`` and the A/B + refinement reports on 20k rows.

The sample generator's 20,000 prospects with ``industry`` overwritten by 5,000 skewed
labels (every label used at least once). Times ``icplab refine`` in a fresh process, then
``icplab run`` of the A/B reports by industry and by messaging (within industry) and the
ICP refinement in a fresh workspace; reports wall time, the peak memory of the child
processes (``resource.getrusage(RUSAGE_CHILDREN)``), the HTML sizes and the tallest image.

Run: ``.venv/bin/python benchmarks/bench_many_levels.py [--rows N] [--levels K]``.
"""

from __future__ import annotations

import argparse
import base64
import re
import resource
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from icplab.data.sample import generate_outreach

REPORTS = ("02-ab-test-industry", "02-ab-test-messaging", "04-icp-refinement")


def many_levels_csv(path: Path, rows: int, levels: int, seed: int = 3) -> Path:
    raw = generate_outreach(rows, seed=7)
    rng = np.random.default_rng(seed)
    w = 1.0 / np.arange(1, levels + 1) ** 1.1
    idx = rng.choice(levels, size=rows, p=w / w.sum())
    idx[:levels] = rng.permutation(levels)
    raw["industry"] = [f"Branche {i}" for i in idx]
    raw.to_csv(path, index=False)
    return path


def run(cmd: list[str], cwd: Path) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - t0


def image_heights(html: str) -> list[int]:
    out = []
    for m in re.finditer(r"data:image/png;base64,([A-Za-z0-9+/=]{40})", html):
        out.append(struct.unpack(">II", base64.b64decode(m.group(1))[16:24])[1])
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--levels", type=int, default=5_000)
    args = parser.parse_args()
    py = [sys.executable, "-m", "icplab"]
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        data = many_levels_csv(tmp_path / "many.csv", args.rows, args.levels)
        t_refine = run([*py, "refine", str(data), "--format", "json"], tmp_path)
        peak_refine = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        run([*py, "init", "ws", "--data", str(data)], tmp_path)
        ws = tmp_path / "ws"
        print(f"rows {args.rows:,}, industries {args.levels:,}")
        print(f"icplab refine --format json        {t_refine:6.1f} s, peak {peak_refine:5.0f} MB")
        for name in REPORTS:
            t = run([*py, "run", "--only", name], ws)
            html = (ws / "reports" / f"{name}.html").read_text(encoding="utf-8")
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            print(
                f"icplab run --only {name:22s} {t:6.1f} s, peak so far {peak:5.0f} MB, "
                f"HTML {len(html.encode()) / 1e6:4.2f} MB, tallest image "
                f"{max(image_heights(html), default=0):,} px"
            )


if __name__ == "__main__":
    main()
