"""Attack: an edit that keeps the file's size and restores its modification time made the
cache of validated logs serve the old results (issue 22)."""

from __future__ import annotations

import os
from pathlib import Path

from icplab.core.config import Config
from icplab.data.load import load
from icplab.data.sample import generate_outreach


def test_a_same_size_edit_with_the_old_mtime_is_validated_again(tmp_path: Path) -> None:
    data = tmp_path / "log.csv"
    frame = generate_outreach(300, seed=3)
    frame["replied"] = 0
    frame["meeting"] = 0
    for col in ("qualified", "deal"):
        if col in frame.columns:
            frame[col] = 0
    frame.to_csv(data, index=False)
    (tmp_path / "icplab.toml").write_text("")
    config = Config.load(tmp_path / "icplab.toml")
    assert int(load(data, config=config).frame["replied"].sum()) == 0
    st = data.stat()
    text = data.read_text()
    # flip the replied flag of the first rows: same length, same size
    header, *rows = text.splitlines(keepends=True)
    col = header.rstrip("\n").split(",").index("replied")
    for i in range(10):
        cells = rows[i].rstrip("\n").split(",")
        cells[col] = "1"
        rows[i] = ",".join(cells) + "\n"
    edited = header + "".join(rows)
    assert len(edited.encode()) == st.st_size
    data.write_text(edited)
    os.utime(data, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert data.stat().st_size == st.st_size and data.stat().st_mtime_ns == st.st_mtime_ns
    truth = sum(1 for r in rows if r.rstrip("\n").split(",")[col] == "1")
    assert int(load(data, config=config).frame["replied"].sum()) == truth == 10
