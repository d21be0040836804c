"""``--config`` naming a device, a pipe or a huge file is refused, not read forever.

``icplab lock --config /dev/zero`` never ended (the config and, before it, the terminal's
language lookup read the whole "file"); a FIFO blocked the same way. A config must be a
regular file of at most 5 MB: anything else is a one-line error, exit 2.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from icplab.cli import main
from icplab.core.config import MAX_CONFIG_BYTES


def _run(argv: list[str]) -> subprocess.CompletedProcess[str]:
    code = "import sys; from icplab.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run(
        [sys.executable, "-c", code, *argv], capture_output=True, text=True, timeout=60
    )


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_is_refused(tmp_path):
    done = _run(["--lang", "de", "lock", "--config", "/dev/zero"])
    assert done.returncode == 2, done.stderr
    assert "keine gewöhnliche Datei" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs mkfifo")
def test_a_pipe_is_refused(tmp_path):
    fifo = tmp_path / "icplab.toml"
    os.mkfifo(fifo)
    done = _run(["lock", "--config", str(fifo)])
    assert done.returncode == 2, done.stderr
    assert "not a regular file" in done.stderr


def test_a_huge_file_is_refused(tmp_path, capsys):
    big = tmp_path / "icplab.toml"
    line = "# " + "x" * 1022 + "\n"
    big.write_text(line * (MAX_CONFIG_BYTES // len(line) + 2), encoding="utf-8")
    assert big.stat().st_size > MAX_CONFIG_BYTES
    assert main(["--lang", "de", "lock", "--config", str(big)]) == 2
    assert "größer als 5 MB" in capsys.readouterr().err
    big.write_text(line * 10 + "[metrics.reply_rate]\ntarget = 0.15\n", encoding="utf-8")
    assert main(["lock", "--config", str(big)]) == 0  # an ordinary config still reads
