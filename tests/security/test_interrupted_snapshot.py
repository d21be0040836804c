"""Attacks on the run's copy of the data (issue 22): a Ctrl-C in the middle of the copy
leaves no raw copy behind, and a copy left by a killed run is never reused."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

import icplab.batch.snapshot as snapshot_module
from icplab.batch.snapshot import SNAPSHOT_DIR, take_snapshot

CONTENT = b"prospect_id,industry,employees,replied\nP1,IT,20,1\nP2,Logistik,80,0\n"


def _workspace(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "ws"
    root.mkdir()
    data = root / "log.csv"
    data.write_bytes(CONTENT)
    return root, data


def test_ctrl_c_during_the_copy_leaves_no_raw_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, data = _workspace(tmp_path)

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(snapshot_module.os, "utime", interrupted)
    with pytest.raises(KeyboardInterrupt):
        take_snapshot(root, data)
    leftovers = [p.name for p in (root / SNAPSHOT_DIR).iterdir()]
    assert leftovers == []


def test_a_snapshot_left_by_a_killed_run_is_not_reused(tmp_path: Path) -> None:
    root, data = _workspace(tmp_path)
    # a killed run left a folder under the content's name whose file is not that content
    stale = root / SNAPSHOT_DIR / hashlib.sha256(CONTENT).hexdigest()[:16]
    stale.mkdir(parents=True)
    (stale / "log.csv").write_bytes(b"prospect_id,industry,employees,replied\nOLD,IT,1,1\n")
    other = root / SNAPSHOT_DIR / "0123456789abcdef"  # and an older copy with personal data
    other.mkdir()
    (other / "log.csv").write_bytes(b"old copy")
    snap = take_snapshot(root, data)
    assert snap.path.read_bytes() == CONTENT
    assert hashlib.sha256(snap.path.read_bytes()).hexdigest() == snap.sha256
    assert not other.exists()
    assert snap.path.stat().st_mtime_ns == data.stat().st_mtime_ns  # cache path stays stable


def test_a_stale_temporary_copy_is_removed(tmp_path: Path) -> None:
    root, data = _workspace(tmp_path)
    leftover = root / SNAPSHOT_DIR / ".take.abcd1234"
    leftover.mkdir(parents=True)
    (leftover / "log.csv").write_bytes(CONTENT)
    snap = take_snapshot(root, data)
    assert not leftover.exists()
    assert sorted(os.listdir(root / SNAPSHOT_DIR)) == [snap.path.parent.name]
