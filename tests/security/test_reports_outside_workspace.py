"""``[workspace] reports`` may not point outside the workspace, written either way.

``reports = "../elsewhere"`` was refused, but the same folder written as an absolute path
was taken as it came: ``icplab run`` created the folder and wrote the reports, the index
and the run records outside the workspace. Both are refused now (exit 2, nothing
written), with advice that fits (the old one spoke of replacing a link); an absolute path
that lies inside the workspace still works.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from icplab.batch.publish import reports_folder
from icplab.cli import main
from icplab.core.config import Config
from icplab.core.errors import UnsafePathError
from icplab.data.sample import generate_outreach


def _workspace(tmp_path: Path, reports: str) -> Path:
    ws = tmp_path / "ws"
    ws.mkdir()
    generate_outreach(200, seed=1).to_csv(ws / "log.csv", index=False)
    path = ws / "icplab.toml"
    path.write_text(f'[workspace]\ndata = "log.csv"\nreports = "{reports}"\n', encoding="utf-8")
    return path


@pytest.mark.parametrize("how", ["absolute", "relative"])
def test_reports_outside_the_workspace_are_refused(tmp_path, capsys, how):
    outside = tmp_path / "elsewhere"
    reports = outside.as_posix() if how == "absolute" else "../elsewhere"
    config_path = _workspace(tmp_path, reports)
    with pytest.raises(UnsafePathError):
        reports_folder(config_path.parent, Config.load(config_path))
    assert main(["--lang", "de", "run", "--config", str(config_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Fehler: ../elsewhere liegt außerhalb"), err
    assert "Wählen Sie einen Ordner darin" in err and "Link" not in err
    assert main(["--lang", "en", "run", "--config", str(config_path)]) == 2
    assert "Choose a folder inside it" in capsys.readouterr().err
    assert not outside.exists()
    # inside the workspace only the run's own state (the run lock in .icplab/)
    names = {p.name for p in config_path.parent.iterdir()}
    assert names <= {"icplab.toml", "log.csv", ".icplab", "icplab.lock.json"}, names


def test_an_absolute_path_inside_the_workspace_is_fine(tmp_path):
    config_path = _workspace(tmp_path, (tmp_path / "ws" / "out" / "reports").as_posix())
    folder = reports_folder(config_path.parent, Config.load(config_path))
    assert folder == (tmp_path / "ws" / "out" / "reports").resolve()
