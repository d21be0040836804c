"""icplab.core.errors.usage_error_on_os_error: the runner's operating-system failures become
usage errors (exit 2) that say what could not be done and why, and leave no partial copy behind."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from icplab.batch.run_lock import STATE_DIR, workspace_run_lock
from icplab.batch.snapshot import SNAPSHOT_DIR, take_snapshot
from icplab.core.errors import UsageError, message_of, usage_error_on_os_error
from icplab.core.notes import render


def test_an_os_error_becomes_the_note_with_the_systems_reason() -> None:
    err = PermissionError(errno.EACCES, os.strerror(errno.EACCES), "/ws/.icplab")
    with (
        pytest.raises(UsageError) as caught,
        usage_error_on_os_error("errors.run.no_state_folder", folder="/ws/.icplab"),
    ):
        raise err
    note = message_of(caught.value)
    assert note.code == "errors.run.no_state_folder"
    assert note.params == {"folder": "/ws/.icplab", "reason": "permission denied"}
    assert note.params["reason"].code == "errors.os.denied"
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    assert "keine Berechtigung" in render(note, "de")
    assert os.strerror(errno.EACCES) not in render(note, "de")


def test_an_uncommon_os_error_keeps_the_systems_text() -> None:
    err = OSError(errno.ENOTSUP, os.strerror(errno.ENOTSUP))
    with (
        pytest.raises(UsageError) as caught,
        usage_error_on_os_error("errors.run.cannot_write_copy", folder="f"),
    ):
        raise err
    assert message_of(caught.value).params["reason"] == os.strerror(errno.ENOTSUP)


def test_an_os_error_without_strerror_gives_its_text() -> None:
    with (
        pytest.raises(UsageError) as caught,
        usage_error_on_os_error("errors.run.cannot_write_copy", folder="f"),
    ):
        raise OSError("no space")
    assert message_of(caught.value).params["reason"] == "no space"


def test_other_errors_pass_unchanged() -> None:
    with (
        pytest.raises(KeyError),
        usage_error_on_os_error("errors.run.cannot_write_copy", folder="f"),
    ):
        raise KeyError("x")


def test_a_missing_data_file_leaves_no_partial_copy(tmp_path: Path) -> None:
    missing = tmp_path / "gone.csv"
    with pytest.raises(UsageError) as caught:
        take_snapshot(tmp_path, missing)
    note = message_of(caught.value)
    assert note.code == "errors.run.cannot_copy_data"
    assert note.params["reason"].code == "errors.os.not_found"
    assert list((tmp_path / SNAPSHOT_DIR).iterdir()) == []


def test_a_state_path_that_is_a_file_stops_the_lock(tmp_path: Path) -> None:
    (tmp_path / STATE_DIR).write_text("not a folder")
    with pytest.raises(UsageError) as caught, workspace_run_lock(tmp_path):
        pass
    assert message_of(caught.value).code == "errors.run.no_state_folder"
