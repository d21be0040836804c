"""Attacks through the workspace's state folder (issue 22): a planted link at
``.icplab/``, the run lock's note or the lock record must not make icplab write a file
elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from icplab.batch.run_lock import workspace_run_lock
from icplab.core.config import Config
from icplab.core.errors import UsageError
from icplab.data.load import load
from icplab.data.sample import generate_outreach
from icplab.icp.lock import check_lock


def test_a_linked_holder_note_is_refused(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    ws = tmp_path / "ws"
    (ws / ".icplab").mkdir(parents=True)
    (ws / ".icplab" / "run.lock.json").symlink_to(victim)
    with pytest.raises(UsageError, match="symbolic link"), workspace_run_lock(ws):
        pass
    assert victim.read_text() == "keep"


def test_a_linked_state_folder_is_refused_by_the_run_lock(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / ".icplab").symlink_to(outside, target_is_directory=True)
    with pytest.raises(UsageError, match="symbolic link"), workspace_run_lock(ws):
        pass
    assert list(outside.iterdir()) == []


def test_the_lock_record_is_not_written_through_a_linked_state_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / ".icplab").symlink_to(outside, target_is_directory=True)
    (ws / "icplab.toml").write_text("")
    with pytest.raises(UsageError, match="symbolic link"):
        check_lock(Config.load(ws / "icplab.toml"))
    assert list(outside.iterdir()) == []


def test_the_cache_is_not_written_through_a_linked_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    ws = tmp_path / "ws"
    (ws / ".icplab").mkdir(parents=True)
    (ws / ".icplab" / "cache").symlink_to(outside, target_is_directory=True)
    generate_outreach(100, seed=4).to_csv(ws / "log.csv", index=False)
    (ws / "icplab.toml").write_text("")
    data = load(ws / "log.csv", config=Config.load(ws / "icplab.toml"))
    assert data.n_contacts == 100  # the cache is skipped, the result is the same
    assert list(outside.iterdir()) == []
