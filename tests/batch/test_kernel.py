"""The worker's warm kernel (icplab/batch/kernel.py): reports run one after another in one
kernel see nothing of each other, each works in its own folder, and a failing report
leaves the next one a fresh kernel.

The reference is what each notebook itself prints: its globals, its process id (the
kernel) and its working folder, read back from the executed notebooks.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from icplab.batch import kernel
from icplab.batch.kernel import WarmKernel
from icplab.batch.runner import DEFAULT_KERNEL, Job, execute_job

PROBE = (
    "import json, os\n"
    "print(json.dumps({'leaked': 'leaked' in globals(), 'pid': os.getpid(),"
    " 'cwd': os.getcwd()}))"
)


def _notebook(path: Path, *sources: str) -> str:
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(s) for s in sources],
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
    )
    nbformat.write(nb, path)
    return str(path)


def _run(tmp: Path, name: str, notebook: str, warm: WarmKernel):
    out = tmp / name
    out.mkdir()
    job = Job(
        name, notebook, str(out), {"summary_path": str(out / f"{name}.json")}, DEFAULT_KERNEL, 60.0
    )
    result = execute_job(job, warm)
    nb = nbformat.read(out / f"{name}.ipynb", as_version=4)
    printed = [
        json.loads(o["text"].strip().splitlines()[-1])
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if o.get("name") == "stdout" and o["text"].strip().startswith("{")
    ]
    return result, (printed[-1] if printed else None), out


@pytest.mark.slow
def test_reports_share_a_kernel_but_nothing_else(tmp_path, monkeypatch):
    monkeypatch.setattr(kernel, "WARM_IMPORTS", "pass")  # the reports' imports: not needed
    nbs = tmp_path / "nbs"
    nbs.mkdir()
    setter = _notebook(
        nbs / "set.ipynb", "leaked = 1\nimport matplotlib.pyplot as plt\nplt.figure()", PROBE
    )
    probe = _notebook(nbs / "probe.ipynb", PROBE)
    broken = _notebook(nbs / "broken.ipynb", "raise RuntimeError('planted')")
    warm = WarmKernel(DEFAULT_KERNEL)
    try:
        _, first, out1 = _run(tmp_path, "one", setter, warm)
        assert first["leaked"] is True and first["cwd"] == str(out1)

        _, second, out2 = _run(tmp_path, "two", probe, warm)
        assert second["pid"] == first["pid"]  # the same, warm kernel
        assert second["leaked"] is False  # but none of the first report's names
        assert second["cwd"] == str(out2)  # and its own folder

        failed, _, _ = _run(tmp_path, "three", broken, warm)
        assert failed.status == "failed" and "planted" in failed.error

        _, fourth, out4 = _run(tmp_path, "four", probe, warm)
        assert fourth["pid"] != first["pid"]  # a fresh kernel after the failure
        assert fourth["leaked"] is False and fourth["cwd"] == str(out4)
    finally:
        warm.discard()
    assert not warm.alive()
