"""A FIFO or a link to ``/dev/zero`` planted in the workspace's state never blocks icplab.

``icplab.lock.json``, ``.icplab/lock-record.json`` and the run lock's holder record were
read whole with ``read_text``: a FIFO in their place blocked ``icplab lock`` (and every
command that checks the lock) forever, a link to ``/dev/zero`` read until memory ran out.
Each must be a regular file now: the lock files are an error that names them (exit 2),
a broken record is replaced by the lock's copy, and a holder record is ignored.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs mkfifo")


def _lock(ws, lang: str = "en") -> subprocess.CompletedProcess[str]:
    code = "import sys; from icplab.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run(
        [sys.executable, "-c", code, "--lang", lang, "lock", "--config", str(ws / "icplab.toml")],
        capture_output=True,
        text=True,
        timeout=60,
    )


def _workspace(tmp_path):
    (tmp_path / "icplab.toml").write_text("[metrics.reply_rate]\ntarget = 0.15\n", "utf-8")
    return tmp_path


def test_a_fifo_as_lock_file_is_an_error(tmp_path):
    ws = _workspace(tmp_path)
    os.mkfifo(ws / "icplab.lock.json")
    done = _lock(ws, "de")
    assert done.returncode == 2, done.stderr
    assert "nicht lesbar (keine gewöhnliche Datei)" in done.stderr


def test_a_link_to_dev_zero_as_lock_file_is_an_error(tmp_path):
    ws = _workspace(tmp_path)
    (ws / "icplab.lock.json").symlink_to("/dev/zero")
    done = _lock(ws)
    assert done.returncode == 2 and "not a regular file" in done.stderr, done.stderr


def test_a_fifo_as_record_is_replaced_by_the_locks_copy(tmp_path):
    ws = _workspace(tmp_path)
    assert _lock(ws).returncode == 0  # lock and record written
    record = ws / ".icplab" / "lock-record.json"
    record.unlink()
    os.mkfifo(record)
    done = _lock(ws)
    assert done.returncode == 0, done.stderr
    assert record.is_file() and record.read_text() == (ws / "icplab.lock.json").read_text()


def test_a_fifo_as_run_holder_is_ignored(tmp_path):
    from icplab.batch.run_lock import HOLDER_FILE, holder

    (tmp_path / HOLDER_FILE).parent.mkdir(parents=True)
    os.mkfifo(tmp_path / HOLDER_FILE)
    assert holder(tmp_path) == {}
