"""``icplab init``: a complete workspace, and no clobbering of an existing one."""

from __future__ import annotations

import nbformat
import pandas as pd
import pytest
from _paths import REPO

from icplab.batch.runner import default_plan, notebooks_dir, report_plan
from icplab.cli import main
from icplab.cli.commands.init import config_text, init_workspace
from icplab.core.config import Config
from icplab.core.errors import UsageError
from icplab.data.load import load


def test_init_creates_a_complete_workspace(tmp_path, capsys):
    target = tmp_path / "ws"
    assert main(["init", str(target)]) == 0
    assert "icplab run" in capsys.readouterr().err
    cfg = Config.load(target / "icplab.toml")
    assert {m: cfg.metrics[m].target for m in cfg.metrics} == {
        "reply_rate": 0.15,
        "meeting_rate": 0.10,
        "deal_rate": 0.05,
    }
    assert [t.name for t in cfg.theses] == ["logistik-50-199"]
    assert cfg.data == "data/outreach.csv"
    # the plan written into the file is the default plan for the workspace's log (the
    # sample has three channels and rejection reasons), and every notebook resolves

    plan = report_plan(cfg)
    log = load(target / "data" / "outreach.csv")
    assert [(s.name, s.notebook, s.parameters) for s in plan] == [
        (s.name, s.notebook, s.parameters) for s in default_plan(cfg, log)
    ]
    assert {"02-ab-test-channel", "07-closed-loop"} <= {s.name for s in plan}
    for spec in plan:
        nb = target / "notebooks" / spec.notebook
        assert nbformat.read(nb, as_version=4).cells
    shipped = sorted(p.name for p in notebooks_dir().glob("[0-9][0-9]-*.ipynb"))
    assert sorted(p.name for p in (target / "notebooks").glob("*.ipynb")) == shipped
    assert (target / "reports").is_dir()
    data = load(target / "data" / "outreach.csv")
    assert data.n_contacts > 1000
    assert "email" not in data.frame.columns


def test_init_refuses_to_overwrite(tmp_path, capsys):
    target = tmp_path / "ws"
    init_workspace(target)
    (target / "icplab.toml").write_text("# my edits\n", encoding="utf-8")
    assert main(["init", str(target)]) == 2
    err = capsys.readouterr().err
    assert "already a workspace" in err and "--force" in err
    assert (target / "icplab.toml").read_text() == "# my edits\n"
    assert main(["init", str(target), "--force"]) == 0
    assert "[[theses]]" in (target / "icplab.toml").read_text()


def test_init_refuses_a_non_empty_folder(tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(UsageError, match="not empty"):
        init_workspace(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_config_text_parses():
    cfg = Config.from_toml_text(config_text("data/x.csv"))
    assert cfg.data == "data/x.csv"
    assert cfg.reports is not None and cfg.reports[0].name == "01-overview"


@pytest.mark.slow
@pytest.mark.parametrize("where", ["workspace", "notebooks"])
def test_notebook_in_an_init_workspace_runs_with_plain_papermill(tmp_path, where):
    """papermill from the workspace (cron) or from notebooks/ (as JupyterLab runs it),
    without any parameter: the notebook finds icplab.toml and its [workspace] data."""
    import os
    import subprocess
    import sys

    ws = tmp_path / "ws"
    assert main(["init", str(ws)]) == 0
    # the workspace's own data, not the repository sample: a smaller log at another path
    log = pd.read_csv(ws / "data" / "outreach.csv").head(600)
    (ws / "data" / "outreach.csv").unlink()
    log.to_csv(ws / "data" / "mine.csv", index=False)
    toml = (ws / "icplab.toml").read_text(encoding="utf-8")
    (ws / "icplab.toml").write_text(
        toml.replace('data = "data/outreach.csv"', 'data = "data/mine.csv"'), encoding="utf-8"
    )
    cwd = ws if where == "workspace" else ws / "notebooks"
    nb = "notebooks/01-overview.ipynb" if where == "workspace" else "01-overview.ipynb"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "papermill",
            nb,
            str(tmp_path / "out.ipynb"),
            "--log-level",
            "ERROR",
        ],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    text = "".join(
        o.get("text", "") + str(o.get("data", {}).get("text/markdown", ""))
        for c in out.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
    )
    # the file name is Markdown-escaped in the report text (mine\\.csv)
    assert "600" in text and ("mine.csv" in text or "mine\\.csv" in text)
