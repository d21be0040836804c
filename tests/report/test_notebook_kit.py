"""Notebook parameters: re-running the setup cell, workspace paths from any folder, one
language visible per run, no notebook falling back to the sample data in a workspace."""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest
from _workspace import sample_workspace

from icplab.batch.runner import notebooks_dir
from icplab.core.errors import UsageError
from icplab.report.params import OverviewParams, ReportParams, SampleSizeParams

NOTEBOOKS = sorted(notebooks_dir().glob("[0-9][0-9]-*.ipynb"))


def _parameters(path: Path) -> dict[str, object]:
    nb = nbformat.read(path, as_version=4)
    (cell,) = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    tree = ast.parse(cell.source)
    return {
        node.targets[0].id: ast.literal_eval(node.value)  # type: ignore[attr-defined]
        for node in tree.body
        if isinstance(node, ast.Assign)
    }


def test_setup_reads_the_same_parameters_when_run_again():
    ns: dict[str, object] = {"by": "industry", "language": "de", "In": [], "__name__": "x"}
    first = OverviewParams.from_namespace(ns)
    # what later cells leave behind: results, loop variables, plain values
    ns.update(p=first, cfg=object(), summary=object(), note="a note", words={"icp": "ICP"})
    assert OverviewParams.from_namespace(ns) == first
    ns["by"] = "channel"  # the user edits a parameter and runs the setup cell again
    assert OverviewParams.from_namespace(ns).by == "channel"


def test_a_typo_in_the_parameters_still_fails():
    with pytest.raises(UsageError, match="unknown report parameter 'factr'"):
        ReportParams.from_namespace({"factr": "salutation"})


def test_data_and_config_resolve_against_the_config_folder(tmp_path, monkeypatch):
    ws, elsewhere = tmp_path / "ws", tmp_path / "elsewhere"
    (ws / "data").mkdir(parents=True)
    elsewhere.mkdir()
    (ws / "icplab.toml").write_text('[workspace]\ndata = "data/log.csv"\n', encoding="utf-8")
    monkeypatch.chdir(elsewhere)  # papermill started from another folder
    p = SampleSizeParams(config=str(ws / "icplab.toml"))
    assert p.load_config().path == (ws / "icplab.toml").resolve()
    assert p.data_path == (ws / "data" / "log.csv").resolve()
    # a relative data parameter is relative to the workspace too
    assert (
        SampleSizeParams(config=str(ws / "icplab.toml"), data="x.csv").data_path
        == (ws / "x.csv").resolve()
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_read_the_workspace_data_and_show_one_language(path):
    assert _parameters(path)["data"] == ""  # [workspace] data, never the bundled sample
    nb = nbformat.read(path, as_version=4)
    tags = {t for c in nb.cells for t in c.metadata.get("tags", [])}
    assert not {t for t in tags if t.startswith("lang-")}
    # every heading comes from code, in the run's language
    assert all(not c.source.lstrip().startswith("#") for c in nb.cells if c.cell_type == "markdown")


@pytest.mark.slow
def test_notebook_runs_from_another_folder_and_setup_runs_twice(tmp_path):
    import papermill

    from icplab.batch.runner import DEFAULT_KERNEL

    ws, elsewhere = tmp_path / "ws", tmp_path / "elsewhere"
    ws.mkdir()
    elsewhere.mkdir()
    sample_workspace(ws, 800, 2)
    nb = nbformat.read(notebooks_dir() / "05-sample-size.ipynb", as_version=4)
    setup = next(c for c in nb.cells if "from_namespace(globals())" in c.source)
    nb.cells.append(nbformat.v4.new_code_cell(setup.source))  # the setup cell, run again
    nbformat.write(nb, tmp_path / "in.ipynb")
    out = papermill.execute_notebook(
        str(tmp_path / "in.ipynb"),
        str(tmp_path / "out.ipynb"),
        parameters={"config": str(ws / "icplab.toml"), "language": "de"},
        cwd=str(elsewhere),  # papermill started from another folder
        kernel_name=DEFAULT_KERNEL,
        progress_bar=False,
    )
    errors = [o for c in out.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors == []
    shown = [
        o["data"].get("text/markdown", "")
        for o in out.cells[-1].outputs
        if o.output_type == "display_data"
    ]
    assert shown and shown[0].startswith("# Stichprobenplanung")
