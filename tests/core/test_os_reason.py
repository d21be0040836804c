"""icplab.core.errors.os_reason: the system's reason for a failed write, in the terminal's
language, for every command that writes (here `icplab sample` into a path under a file)."""

from __future__ import annotations

import errno
import os

import pytest

from icplab.cli import main
from icplab.core.errors import os_reason
from icplab.core.notes import render


@pytest.mark.parametrize(
    "code", [errno.EACCES, errno.EROFS, errno.ENOSPC, errno.ENOTDIR, errno.ENOENT, errno.EEXIST]
)
def test_common_causes_are_notes_in_both_languages(code):
    reason = os_reason(OSError(code, os.strerror(code), "/some/path"))
    english, german = render(reason, "en"), render(reason, "de")
    assert english and german and english != german
    assert "/some/path" not in english + german


def test_a_german_terminal_gets_the_reason_in_german(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "afile").write_text("x")
    assert main(["--lang", "de", "sample", "afile/x.csv"]) == 2
    err = capsys.readouterr().err
    assert "existiert bereits" in err, err
    assert os.strerror(errno.EEXIST) not in err
    assert main(["sample", "afile/x.csv"]) == 2
    assert "already exists" in capsys.readouterr().err
