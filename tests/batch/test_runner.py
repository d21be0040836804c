"""The batch runner: failures are isolated, reported in the index, and never publish."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _paths import FIXTURES
from _workspace import outputs_with_pii, write_pii_log

from icplab.batch.runner import default_plan, notebooks_dir, report_plan, run_reports, scrub
from icplab.cli import main
from icplab.core.config import Config
from icplab.core.errors import ConfigError, UsageError
from icplab.report.export import external_references


def _config(ws: Path, tiny_notebook: str = "tiny.ipynb") -> Path:
    text = f"""
[workspace]
data = "data/log.csv"

[[reports]]
name = "tiny"
notebook = "{(FIXTURES / tiny_notebook).as_posix()}"

[[reports]]
name = "broken"
notebook = "{(FIXTURES / "broken.ipynb").as_posix()}"
"""
    path = ws / "icplab.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    ws = tmp_path_factory.mktemp("ws")
    write_pii_log(ws / "data" / "log.csv", n_rows=400)
    config = Config.load(_config(ws))
    seen = []
    summary = run_reports(config, jobs=2, timeout=120, progress=seen.append)
    return ws, summary, seen


@pytest.mark.slow
def test_failed_notebook_is_isolated(first_run):
    ws, summary, seen = first_run
    status = {r.name: r.status for r in summary.results}
    assert status == {"tiny": "ok", "broken": "failed"}
    assert summary.exit_code == 1
    assert sorted(r.name for r in seen) == ["broken", "tiny"]  # progress once per report
    broken = next(r for r in summary.results if r.name == "broken")
    assert "RuntimeError: planted failure for the runner test" in broken.error
    # the failed report is not published, its HTML with the error banner stays in the run
    assert not (ws / "reports" / "broken.html").exists()
    failed_html = broken.html.read_text(encoding="utf-8")
    assert broken.html.parent == summary.run_dir / "broken"
    assert "An Exception was encountered at" in failed_html
    # the good one is published with its summary
    assert (ws / "reports" / "tiny.html").exists()
    assert json.loads((ws / "reports" / "tiny.json").read_text())["key_figure"] == "400 contacts"


@pytest.mark.slow
def test_run_folder_layout(first_run):
    ws, summary, _ = first_run
    assert summary.run_dir.parent == ws / "reports" / "runs"
    for name in ("tiny", "broken"):
        folder = summary.run_dir / name
        assert (folder / f"{name}.ipynb").exists()
        assert (folder / f"{name}.html").exists()
    assert (summary.run_dir / "tiny" / "tiny.json").exists()
    run = json.loads((summary.run_dir / "run.json").read_text())
    assert run["exit_code"] == 1
    assert [r["status"] for r in run["reports"]] == ["ok", "failed"]


@pytest.mark.slow
def test_index_lists_every_report(first_run):
    ws, summary, _ = first_run
    index = (ws / "reports" / "index.html").read_text(encoding="utf-8")
    assert 'href="tiny.html"' in index
    assert "Tiny report" in index and "400 contacts" in index
    assert "report failed" in index
    assert "planted failure for the runner test" in index
    assert f'href="runs/{summary.run_id}/broken/broken.html"' in index
    assert "1 of 2 reports failed" in index
    assert external_references(index) == []


@pytest.mark.slow
def test_no_personal_data_in_any_output(first_run):
    ws, _, _ = first_run
    assert outputs_with_pii(ws / "reports") == []


@pytest.mark.slow
def test_failure_keeps_last_good_report(first_run, capsys):
    ws, _, _ = first_run
    good_html = (ws / "reports" / "tiny.html").read_bytes()
    good_json = (ws / "reports" / "tiny.json").read_bytes()
    # same report name, now pointing at the broken notebook: must not replace the good one
    config_path = _config(ws, tiny_notebook="broken.ipynb")
    code = main(["run", "--config", str(config_path), "--only", "tiny", "--timeout", "120"])
    assert code == 1
    assert (ws / "reports" / "tiny.html").read_bytes() == good_html
    assert (ws / "reports" / "tiny.json").read_bytes() == good_json
    err = capsys.readouterr().err
    assert "FAILED tiny" in err and "planted failure" in err
    index = (ws / "reports" / "index.html").read_text(encoding="utf-8")
    assert 'href="tiny.html">last good report' in index
    assert not list((ws / "reports").glob(".*.tmp"))


@pytest.mark.slow
def test_failure_is_told_in_the_terminal_and_index_language(first_run, capsys):
    """A failed report's error reads "(Zelle 4)" in a German terminal and index (it read
    "(cell 4)"); the run record keeps the English text."""
    ws, _, _ = first_run
    config_path = _config(ws, tiny_notebook="broken.ipynb")
    argv = ["run", "--config", str(config_path), "--only", "tiny", "--timeout", "120"]
    code = main(["--lang", "de", *argv, "--language", "de"])
    assert code == 1
    err = capsys.readouterr().err
    line = next(x for x in err.splitlines() if "planted failure" in x)
    assert "FEHLER tiny" in line and line.endswith(" (Zelle 4)") and "(cell" not in line, err
    index = (ws / "reports" / "index.html").read_text(encoding="utf-8")
    assert "planted failure for the runner test (Zelle 4)" in index
    assert "(cell 4)" not in index
    newest = max((ws / "reports" / "runs").glob("*/run.json"), key=lambda p: p.parent.name)
    record = json.loads(newest.read_text(encoding="utf-8"))
    (tiny,) = [r for r in record["reports"] if r["name"] == "tiny"]
    assert tiny["error"] == "RuntimeError: planted failure for the runner test (cell 4)"


def test_unknown_only_name_is_a_usage_error(tmp_path):
    config = Config.load(_config(tmp_path))
    with pytest.raises(UsageError, match="no report named 'nope'.*Known: tiny, broken"):
        report_plan(config, ["nope"])
    assert [s.name for s in report_plan(config, ["bro"])] == ["broken"]


def test_missing_data_is_reported_before_running(tmp_path):
    config = Config.load(_config(tmp_path))
    with pytest.raises(UsageError, match="data file not found"):
        run_reports(config)
    assert not (tmp_path / "reports").exists()


def test_bad_jobs_and_missing_notebook(tmp_path):
    write_pii_log(tmp_path / "data" / "log.csv", n_rows=50)
    config = Config.load(_config(tmp_path))
    with pytest.raises(UsageError, match="--jobs"):
        run_reports(config, jobs=0)
    bad = Config.from_toml_text(
        '[[reports]]\nnotebook = "nope.ipynb"\n', path=tmp_path / "icplab.toml"
    )
    with pytest.raises(ConfigError, match="'nope.ipynb' not found"):
        run_reports(bad, data=tmp_path / "data" / "log.csv")


def test_default_plan_covers_factors_theses_and_planner():
    config = Config.from_toml_text(
        '[[theses]]\nname = "it small"\nstatement = "x"\nwhere = { industry = ["IT"] }\n'
    )
    plan = default_plan(config)
    names = [s.name for s in plan]
    assert names == [
        "01-overview",
        "02-ab-test-industry",
        "02-ab-test-size_band",
        "02-ab-test-messaging",
        "02-ab-test-salutation",
        "03-thesis-it-small",
        "04-icp-refinement",
        "05-sample-size",
        "06-funnel-value",
        "07-closed-loop",
        "08-next-batch",
        "09-sales-cycle",
    ]
    assert plan[5].parameters == {"thesis": "it small"}
    assert all(s.parameters.get("metric", "reply_rate") == "reply_rate" for s in plan)
    for spec in plan:
        assert (notebooks_dir() / spec.notebook).exists()


def test_scrub_removes_contact_details():
    assert "@" not in scrub("KeyError: 'pii-zz-unique.00001@quaxwell.example'")
    assert "0199" not in scrub("phone +49 555 01990001 invalid")


@pytest.mark.slow
def test_metric_change_fails_the_batch_but_every_report_says_so(tmp_path):
    from icplab.icp.lock import check_lock

    write_pii_log(tmp_path / "data" / "log.csv", n_rows=100)
    path = _config(tmp_path)
    assert check_lock(Config.load(path)).state == "created"  # what a first run records
    path.write_text(path.read_text() + "\n[metrics.reply_rate]\ntarget = 0.12\n")
    changed = run_reports(Config.load(path), only=["tiny"], timeout=120)
    assert changed.exit_code == 3
    assert "reply_rate.target: 0.15 -> 0.12" in changed.metric_change
    index = (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")
    assert "0.15 -&gt; 0.12" in index and "--accept-metric-change" in index
    report = (changed.run_dir / "tiny" / "tiny.html").read_text(encoding="utf-8")
    assert "The success metrics changed" in report and "0.15 -&gt; 0.12" in report
    assert json.loads((tmp_path / "reports" / "tiny.json").read_text())["metric_change"]
    # accepting re-locks: afterwards the metrics match the lock again
    accepted = run_reports(Config.load(path), only=["tiny"], timeout=120, accept_metric_change=True)
    assert accepted.exit_code == 0 and accepted.metric_change_accepted
    assert not check_lock(Config.load(path)).changed


@pytest.mark.slow
def test_a_hanging_cell_times_out(tmp_path):
    write_pii_log(tmp_path / "data" / "log.csv", n_rows=50)
    config = Config.from_toml_text(
        f'[workspace]\ndata = "data/log.csv"\n[[reports]]\nname = "sleepy"\n'
        f'notebook = "{(FIXTURES / "sleepy.ipynb").as_posix()}"\n',
        path=tmp_path / "icplab.toml",
    )
    summary = run_reports(config, timeout=3)
    (res,) = summary.results
    assert res.status == "failed" and "timed out" in res.error and "3 s" in res.error
    assert res.seconds < 30
    assert summary.exit_code == 1


def test_default_plan_leaves_out_the_closed_loop_without_rejection_reasons():
    """A tool export without rejection reasons gets no report that could only fail."""
    from icplab.core.config import Config
    from icplab.data.sample import generate_outreach

    log = generate_outreach(300, seed=4)
    with_reasons = [s.name for s in default_plan(Config(), log)]
    without = [s.name for s in default_plan(Config(), log.drop(columns=["rejection_reason"]))]
    assert "07-closed-loop" in with_reasons
    assert "07-closed-loop" not in without
    assert set(with_reasons) - set(without) == {"07-closed-loop"}
