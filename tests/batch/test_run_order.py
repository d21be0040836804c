"""Reports are handed to the workers longest first, by their times in the previous run."""

from __future__ import annotations

import json
import os
from pathlib import Path

from icplab.batch.execute import Job
from icplab.batch.runner import longest_first, previous_seconds


def _run(runs: Path, name: str, reports: list[dict]) -> Path:
    folder = runs / name
    folder.mkdir(parents=True)
    (folder / "run.json").write_text(json.dumps({"reports": reports}), encoding="utf-8")
    return folder


def _job(name: str) -> Job:
    return Job(name, "nb.ipynb", "out", {}, "python3", 60.0)


def test_the_newest_earlier_run_gives_the_times(tmp_path: Path) -> None:
    runs = tmp_path / "runs"
    _run(runs, "20261201T000000Z", [{"name": "a", "status": "ok", "seconds": 9.0}])
    _run(
        runs,
        "20261202T000000Z",
        [
            {"name": "a", "status": "ok", "seconds": 1.5},
            {"name": "b", "status": "ok", "seconds": 4.0},
            {"name": "c", "status": "failed", "seconds": 0.1},
        ],
    )
    current = runs / "20261203T000000Z"
    current.mkdir()
    assert previous_seconds(runs, current) == {"a": 1.5, "b": 4.0}


def test_a_linked_or_broken_run_is_skipped(tmp_path: Path) -> None:
    runs = tmp_path / "runs"
    _run(runs, "20261201T000000Z", [{"name": "a", "status": "ok", "seconds": 2.0}])
    elsewhere = _run(tmp_path / "other", "x", [{"name": "a", "status": "ok", "seconds": 99.0}])
    os.symlink(elsewhere, runs / "20261203T000000Z")
    broken = runs / "20261202T000000Z"
    broken.mkdir()
    (broken / "run.json").write_text("{not json", encoding="utf-8")
    assert previous_seconds(runs) == {"a": 2.0}
    assert previous_seconds(tmp_path / "missing") == {}


def test_longest_first_puts_unknown_then_slow_reports_first() -> None:
    jobs = [_job(n) for n in ("quick", "new", "slow", "middle", "also-new")]
    times = {"quick": 0.5, "slow": 9.0, "middle": 3.0}
    order = [j.name for j in longest_first(jobs, times)]
    # reference: unknown times first in plan order, then by time, longest first
    unknown = [j.name for j in jobs if j.name not in times]
    known = sorted((n for n in times), key=lambda n: times[n], reverse=True)
    assert order == unknown + known
    assert sorted(order) == sorted(j.name for j in jobs)  # nothing lost or doubled
