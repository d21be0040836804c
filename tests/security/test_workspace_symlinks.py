"""Attacks on the workspace's folders through symbolic links (issue 22): nothing icplab
prunes or publishes may land outside the workspace."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from icplab.batch.runner import _publish_all, _reports_dir, prune_runs
from icplab.core.config import Config
from icplab.core.errors import UsageError
from icplab.core.files import atomic_write_text, check_inside, safe_mkdir
from icplab.report.outcome import ReportResult


def _outside(tmp_path: Path) -> Path:
    victim = tmp_path / "elsewhere"
    victim.mkdir()
    for name in ("20200101T000000Z", "20200102T000000Z", "home-folder"):
        (victim / name).mkdir()
        (victim / name / "precious.txt").write_text("keep me")
    return victim


def test_keep_runs_does_not_prune_through_a_linked_runs_folder(tmp_path: Path) -> None:
    victim = _outside(tmp_path)
    reports = tmp_path / "ws" / "reports"
    reports.mkdir(parents=True)
    (reports / "runs").symlink_to(victim, target_is_directory=True)
    with pytest.raises(UsageError, match="symbolic link"):
        prune_runs(reports / "runs", keep_runs=1)
    assert sorted(p.name for p in victim.iterdir()) == [
        "20200101T000000Z",
        "20200102T000000Z",
        "home-folder",
    ]
    assert all((p / "precious.txt").is_file() for p in victim.iterdir())


def test_keep_runs_leaves_a_linked_run_folder_alone(tmp_path: Path) -> None:
    victim = _outside(tmp_path)
    runs = tmp_path / "ws" / "reports" / "runs"
    runs.mkdir(parents=True)
    (runs / "20190101T000000Z").symlink_to(victim / "home-folder", target_is_directory=True)
    for name in ("20210101T000000Z", "20210102T000000Z"):
        (runs / name).mkdir()
    pruned = prune_runs(runs, keep_runs=1)
    assert [p.name for p in pruned] == ["20210101T000000Z"]
    assert (victim / "home-folder" / "precious.txt").read_text() == "keep me"
    assert (runs / "20210102T000000Z").is_dir()


def test_a_new_run_refuses_a_linked_runs_folder(tmp_path: Path) -> None:
    victim = _outside(tmp_path)
    ws = tmp_path / "ws"
    (ws / "reports").mkdir(parents=True)
    (ws / "reports" / "runs").symlink_to(victim, target_is_directory=True)
    reports = _reports_dir(ws, Config())
    with pytest.raises(UsageError, match="symbolic link"):
        safe_mkdir(reports / "runs", reports)
    assert len(list(victim.iterdir())) == 3


def test_a_linked_reports_folder_is_refused(tmp_path: Path) -> None:
    victim = _outside(tmp_path)
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "reports").symlink_to(victim, target_is_directory=True)
    with pytest.raises(UsageError, match="symbolic link"):
        _reports_dir(ws, Config())


def _good_result(run_dir: Path, name: str) -> ReportResult:
    run_dir.mkdir(parents=True)
    (run_dir / f"{name}.html").write_text("<html>new report</html>")
    (run_dir / f"{name}.json").write_text("{}")
    return ReportResult(name, "01-overview.ipynb", "ok", 1.0, run_dir, run_dir / f"{name}.html")


def test_publishing_does_not_follow_a_planted_temporary_link(tmp_path: Path) -> None:
    victim = tmp_path / "victim.conf"
    victim.write_text("secret config")
    os.chmod(victim, 0o600)
    reports = tmp_path / "ws" / "reports"
    reports.mkdir(parents=True)
    for suffix in (".html", ".json"):
        # the name the old publisher would use: .NAME.SUFFIX.PID.tmp
        (reports / f".01-overview{suffix}.{os.getpid()}.tmp").symlink_to(victim)
    res = _good_result(tmp_path / "ws" / "reports" / "runs" / "r1" / "01-overview", "01-overview")
    _publish_all([res], reports)
    assert victim.read_text() == "secret config"
    assert stat.S_IMODE(victim.stat().st_mode) == 0o600
    assert (reports / "01-overview.html").read_text() == "<html>new report</html>"
    assert not (reports / "01-overview.html").is_symlink()


def test_publishing_replaces_a_planted_link_at_the_target_not_its_target(tmp_path: Path) -> None:
    victim = tmp_path / "victim.html"
    victim.write_text("keep")
    reports = tmp_path / "ws" / "reports"
    reports.mkdir(parents=True)
    (reports / "01-overview.html").symlink_to(victim)
    res = _good_result(reports / "runs" / "r1" / "01-overview", "01-overview")
    _publish_all([res], reports)
    assert victim.read_text() == "keep"
    assert not (reports / "01-overview.html").is_symlink()


def test_atomic_writes_refuse_a_linked_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / ".icplab").symlink_to(outside, target_is_directory=True)
    with pytest.raises(UsageError, match="symbolic link"):
        atomic_write_text(ws / ".icplab" / "lock-record.json", "{}", base=ws)
    assert list(outside.iterdir()) == []
    with pytest.raises(UsageError, match="outside"):
        check_inside(ws / ".." / "outside" / "x", ws)


def test_icplab_run_with_a_linked_runs_folder_exits_2_and_writes_nothing_outside(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from _workspace import write_pii_log

    from icplab.cli import main

    victim = _outside(tmp_path)
    before = sorted(p.name for p in victim.rglob("*"))
    ws = tmp_path / "ws"
    write_pii_log(ws / "data" / "log.csv", n_rows=200)
    tiny = Path(__file__).resolve().parents[1] / "fixtures" / "tiny.ipynb"
    (ws / "icplab.toml").write_text(
        f'[workspace]\ndata = "data/log.csv"\n\n[[reports]]\nname = "tiny"\n'
        f'notebook = "{tiny.as_posix()}"\n',
        encoding="utf-8",
    )
    (ws / "reports").mkdir()
    (ws / "reports" / "runs").symlink_to(victim, target_is_directory=True)
    code = main(["run", "--config", str(ws / "icplab.toml"), "--timeout", "60"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "symbolic link" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert sorted(p.name for p in victim.rglob("*")) == before
