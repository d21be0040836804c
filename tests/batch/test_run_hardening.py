"""``icplab run`` hardening (issue 13): one run per workspace, one version of the data per
run, a clean stop on Ctrl-C / SIGTERM, nothing written on bad input, outputs confined to
``reports/``, long names, an unwritable ``reports/``."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest
from _paths import FIXTURES, REPO
from _workspace import write_pii_log

from icplab.batch.runner import Job, execute_job, run_reports
from icplab.cli import main
from icplab.core.config import Config


def _workspace(ws: Path, reports: list[tuple[str, ...]], extra: str = "", rows: int = 400) -> Path:
    """A workspace with a PII log of ``rows`` rows and a plan of (name, fixture notebook)
    or (name, fixture notebook, parameters as TOML inline-table items)."""
    write_pii_log(ws / "data" / "log.csv", n_rows=rows)
    return _write_config(ws, reports, extra)


def _write_config(ws: Path, reports: list[tuple[str, ...]], extra: str = "") -> Path:
    plan = "".join(
        f'\n[[reports]]\nname = "{name}"\nnotebook = "{(FIXTURES / nb).as_posix()}"\n'
        + "".join(f"parameters = {{ {p} }}\n" for p in params)
        for name, nb, *params in reports
    )
    path = ws / "icplab.toml"
    path.write_text(f'[workspace]\ndata = "data/log.csv"\n{extra}{plan}', encoding="utf-8")
    return path


def _icplab(ws: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", "icplab", "run", "--timeout", "120", *args],
        cwd=ws,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for(check, seconds: float = 60):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError("timed out waiting")


def _loaded(ws: Path, report: str) -> list[Path]:
    return list((ws / "reports" / "runs").glob(f"*/{report}/loaded"))


def _run_dirs(ws: Path) -> list[str]:
    runs = ws / "reports" / "runs"
    return sorted(p.name for p in runs.iterdir() if p.is_dir()) if runs.is_dir() else []


# -- one batch, one truth ------------------------------------------------------------------


@pytest.mark.slow
def test_a_second_run_in_the_same_workspace_waits_or_exits_2(tmp_path):
    _workspace(tmp_path, [("slow", "slow.ipynb"), ("broken", "broken.ipynb")])
    first = _icplab(tmp_path)
    _wait_for(lambda: _loaded(tmp_path, "slow"))
    # the first run holds its own copy of the config; the second need not wait 4 s again
    _write_config(tmp_path, [("slow", "slow.ipynb", "_seconds = 0"), ("broken", "broken.ipynb")])
    # --wait: the second run waits for the first and only then starts (started at once, while
    # the first is surely still inside slow's 4 s: on a busy machine a later start found it done)
    second = _icplab(tmp_path, "--wait", "120")
    # --wait 0 (the default): exit 2 at once, saying who holds the workspace; nothing written
    refused = subprocess.run(
        [sys.executable, "-m", "icplab", "run"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode == 2, refused.stderr
    assert "another icplab run is in progress in this workspace" in refused.stderr
    assert f"pid {first.pid}, started " in refused.stderr
    assert "Traceback" not in refused.stderr
    assert len(_run_dirs(tmp_path)) == 1
    _, err_first = first.communicate(timeout=120)
    _, err_second = second.communicate(timeout=120)
    assert first.returncode == 1, err_first  # broken.ipynb fails, slow is ok
    assert second.returncode == 1, err_second
    assert "waiting up to 120 s" in err_second
    run_a, run_b = _run_dirs(tmp_path)
    record_a = tmp_path / "reports" / "runs" / run_a / "run.json"
    # run B's folder was created (its id is its start time) after run A had finished
    assert (tmp_path / "reports" / "runs" / run_b).stat().st_mtime >= record_a.stat().st_mtime
    index = (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")
    assert f"runs/{run_b}/broken/broken.html" in index and run_a not in index


@pytest.mark.slow
def test_data_or_config_replaced_during_the_run_does_not_mix_versions(tmp_path):
    plan = [("slow-a", "slow.ipynb"), ("slow-b", "slow.ipynb", "_seconds = 0")]
    config = Config.load(_workspace(tmp_path, plan))
    log = tmp_path / "data" / "log.csv"
    original = hashlib.sha256(log.read_bytes()).hexdigest()
    out: dict[str, object] = {}
    runner = threading.Thread(target=lambda: out.update(summary=run_reports(config, jobs=1)))
    runner.start()
    _wait_for(lambda: _loaded(tmp_path, "slow-a"))
    # a new export lands while slow-a runs and before slow-b has read anything, and the
    # config is edited too
    write_pii_log(tmp_path / "new.csv", n_rows=300, seed=3)
    os.replace(tmp_path / "new.csv", log)
    toml = tmp_path / "icplab.toml"
    toml.write_text(toml.read_text() + "\n[stats]\nalpha = 0.1\n", encoding="utf-8")
    runner.join(timeout=180)
    summary = out["summary"]
    assert [r.status for r in summary.results] == ["ok", "ok"]  # type: ignore[attr-defined]
    figures = {
        name: json.loads((tmp_path / "reports" / f"{name}.json").read_text())["key_figure"]
        for name in ("slow-a", "slow-b")
    }
    same = "400 contacts, alpha 0.05"
    assert figures == {"slow-a": same, "slow-b": same}
    record = json.loads((summary.run_dir / "run.json").read_text())  # type: ignore[attr-defined]
    assert record["data"]["sha256"] == original
    assert record["data"]["rows"] == 400
    assert record["data"]["file"] == str(log)
    # the run's copy of the data (with its personal columns) is gone, never in reports/
    assert not list((tmp_path / ".icplab" / "snapshots").iterdir())
    assert not [p for p in (tmp_path / "reports").rglob("*.csv")]


@pytest.mark.slow
@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_stopped_run_ends_its_kernels_and_publishes_nothing(tmp_path, signum, code):
    _workspace(tmp_path, [("sleepy", "sleepy.ipynb"), ("tiny", "tiny.ipynb")])
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "index.html").write_text("<p>the last good index</p>", encoding="utf-8")
    before = (reports / "index.html").stat().st_mtime_ns
    proc = _icplab(tmp_path)
    me = psutil.Process(proc.pid)

    def kernel_running() -> list[psutil.Process]:
        kids = me.children(recursive=True)
        running = False
        for kid in kids:
            with contextlib.suppress(psutil.Error):
                running = running or "ipykernel" in " ".join(kid.cmdline())
        return kids if running else []

    children = _wait_for(kernel_running)
    time.sleep(1)  # the kernel is now inside sleepy's time.sleep(60)
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == code, err
    assert "stopped: nothing new was published" in err
    assert "Traceback" not in err
    assert (reports / "index.html").read_text() == "<p>the last good index</p>"
    assert (reports / "index.html").stat().st_mtime_ns == before
    assert not (reports / "tiny.html").exists()  # the next report never started
    assert _run_dirs(tmp_path) == []  # the unfinished run folder is removed

    def all_gone() -> bool:
        return not any(c.is_running() and c.status() != psutil.STATUS_ZOMBIE for c in children)

    _wait_for(all_gone, seconds=10)


def test_invalid_data_exits_2_and_writes_nothing(tmp_path, capsys):
    path = _workspace(tmp_path, [("tiny", "tiny.ipynb")])
    log = tmp_path / "data" / "log.csv"
    text = log.read_text(encoding="utf-8").splitlines()
    header = text[0].split(",")
    col = header.index("employees")
    bad = text[:5] + [",".join("0" if i == col else v for i, v in enumerate(text[5].split(",")))]
    log.write_text("\n".join(bad + text[6:]) + "\n", encoding="utf-8")
    code = main(["run", "--config", str(path), "--timeout", "120"])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{log}: 1 problem found" in err and "employees" in err and "row 6" in err
    assert ".icplab" not in err  # names the user's file, not the run's copy
    assert not (tmp_path / "reports").exists()
    assert not list((tmp_path / ".icplab" / "snapshots").iterdir())


# -- plan and outputs ----------------------------------------------------------------------


@pytest.mark.parametrize("target", ["../../outside.json", "ABSOLUTE", "x.json"])
def test_a_plan_cannot_set_the_summary_path(tmp_path, capsys, target):
    target = (tmp_path / "outside.json").as_posix() if target == "ABSOLUTE" else target
    path = _workspace(tmp_path / "ws", [("tiny", "tiny.ipynb")])
    path.write_text(
        path.read_text() + f'parameters = {{ summary_path = "{target}" }}\n', encoding="utf-8"
    )
    code = main(["run", "--config", str(path), "--timeout", "120"])
    err = capsys.readouterr().err
    assert code == 2
    assert "[[reports]] entry 'tiny': parameter 'summary_path' cannot be set" in err
    assert not (tmp_path / "outside.json").exists()
    assert not (tmp_path / "ws" / "reports").exists()


def test_a_job_whose_summary_path_leaves_its_run_folder_is_not_run(tmp_path):
    out = tmp_path / "reports" / "runs" / "r" / "tiny"
    out.mkdir(parents=True)
    link = out / "escape"
    link.symlink_to(tmp_path, target_is_directory=True)  # resolves outside the run folder
    job = Job(
        "tiny",
        str(FIXTURES / "tiny.ipynb"),
        str(out),
        {"summary_path": str(link / "x.json")},
        "python3",
        60.0,
    )
    res = execute_job(job)
    assert res.status == "failed" and "outside its run folder" in res.error
    assert not (tmp_path / "x.json").exists() and not (out / "tiny.ipynb").exists()


@pytest.mark.slow
def test_a_300_character_thesis_name_gives_capped_file_names(tmp_path, capsys):
    name = "logistik-" + "sehr-lange-these-" * 17 + "ende"
    assert len(name) > 290
    thesis = (
        f'\n[[theses]]\nname = "{name}"\nstatement = "lang"\n'
        'where = { industry = ["Logistik"] }\n'
    )
    path = _workspace(tmp_path, [], extra=thesis)
    code = main(["run", "--config", str(path), "--only", "03-thesis", "--timeout", "120"])
    err = capsys.readouterr().err
    assert code == 0, err  # a failing verdict is a result (exit 0); 1 would be a failed report
    assert "Traceback" not in err
    names = [p.name for p in (tmp_path / "reports").rglob("*")]
    assert max(len(n.encode()) for n in names) <= 120  # far below the 255 of file systems
    (html,) = [p.name for p in (tmp_path / "reports").glob("03-thesis-*.html")]
    index = (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")
    assert f'href="{html}"' in index


def test_reports_folder_under_a_file_is_exit_2_without_traceback(tmp_path, capsys):
    (tmp_path / "blocker").write_text("a file, not a folder", encoding="utf-8")
    path = _workspace(tmp_path, [("tiny", "tiny.ipynb")])
    path.write_text(
        path.read_text().replace(
            'data = "data/log.csv"\n', 'data = "data/log.csv"\nreports = "blocker/reports"\n'
        ),
        encoding="utf-8",
    )
    code = main(["run", "--config", str(path), "--timeout", "120"])
    err = capsys.readouterr().err
    assert code == 2
    assert "cannot write to reports/ (a part of the path is a file, not a folder)" in err
    assert "Traceback" not in err


def test_permission_denied_on_reports_is_exit_2(tmp_path, capsys, monkeypatch):
    # we may run as root, where chmod 0o555 does not stop writes: refuse at the system call
    path = _workspace(tmp_path, [("tiny", "tiny.ipynb")])
    reports = tmp_path / "reports"
    real_mkdir = os.mkdir

    def mkdir(p, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(p).is_relative_to(reports):
            raise PermissionError(errno.EACCES, "Permission denied", str(p))
        return real_mkdir(p, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", mkdir)
    code = main(["run", "--config", str(path), "--timeout", "120"])
    err = capsys.readouterr().err
    assert code == 2
    assert "cannot write to reports/ (permission denied):" in err
    assert "Traceback" not in err


@pytest.mark.slow
def test_a_failure_while_publishing_leaves_the_published_reports_and_index(
    tmp_path, capsys, monkeypatch
):
    path = _workspace(tmp_path, [("tiny", "tiny.ipynb"), ("tiny2", "tiny.ipynb")])
    reports = tmp_path / "reports"
    reports.mkdir()
    for name in ("index.html", "tiny.html", "tiny2.html"):
        (reports / name).write_text(f"old {name}", encoding="utf-8")
    import icplab.batch.publish as publish_module

    real_stage = publish_module.stage_copy
    copies: list[str] = []

    def stage_copy(src, folder, name, base):  # type: ignore[no-untyped-def]
        if Path(folder) == reports:
            copies.append(name)
            if len(copies) > 2:  # tiny done, tiny2 refused
                raise PermissionError(errno.EACCES, "Permission denied", str(folder / name))
        return real_stage(src, folder, name, base)

    monkeypatch.setattr(publish_module, "stage_copy", stage_copy)
    code = main(["run", "--config", str(path), "--timeout", "120"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "cannot write to reports/ (permission denied)" in err
    assert "Traceback" not in err
    for name in ("index.html", "tiny.html", "tiny2.html"):
        assert (reports / name).read_text() == f"old {name}"
    assert not list(reports.glob(".*.tmp"))
    assert not (reports / "tiny.json").exists()


# -- the metric lock ---------------------------------------------------------------------


@pytest.mark.slow  # two runs
def test_a_run_record_keeps_the_lock_when_lock_file_and_state_folder_are_gone(tmp_path, capsys):
    """Deleting icplab.lock.json and .icplab/ (a cache folder people clear) and lowering a
    target was a fresh, silent lock; the last run's record still knows the locked values."""
    path = _workspace(tmp_path, [("tiny", "tiny.ipynb")])
    assert main(["run", "--config", str(path), "--timeout", "120"]) == 0, capsys.readouterr().err
    (record,) = (tmp_path / "reports" / "runs").glob("*/run.json")
    assert json.loads(record.read_text())["metric_lock"]["metrics"]["reply_rate"]["target"] == 0.15
    (tmp_path / "icplab.lock.json").unlink()
    shutil.rmtree(tmp_path / ".icplab")
    path.write_text(path.read_text() + "\n[metrics.reply_rate]\ntarget = 0.1\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["run", "--config", str(path), "--timeout", "120"]) == 3
    err = capsys.readouterr().err
    assert "reply_rate.target: 0.15 -> 0.1" in err and "run.json" in err
    assert not (tmp_path / "icplab.lock.json").exists()


@pytest.mark.slow
def test_the_index_says_what_data_was_judged_as_of_when(tmp_path, capsys):
    """One run, one truth, said in words: the file, its change time, the contacts, as of."""
    path = _workspace(tmp_path, [("tiny", "tiny.ipynb")], extra='as_of = "2026-09-30"\n')
    argv = ["run", "--config", str(path), "--timeout", "120", "--language", "de"]
    assert main(argv) == 0, capsys.readouterr().err
    (record,) = (tmp_path / "reports" / "runs").glob("*/run.json")
    data = json.loads(record.read_text())["data"]
    assert data["rows"] == 400 and data["as_of"] == "2026-09-30"
    index = (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")
    assert "Alle Berichte lasen dieselben Daten: log.csv (geändert " in index
    assert "400 Kontakte), bewertet zum 30.09.2026." in index
