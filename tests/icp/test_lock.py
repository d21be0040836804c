"""The metric lock: created on first use, detects changes, raises unless accepted."""

from __future__ import annotations

import json

import pytest
from _paths import REPO

from icplab.core.config import Config
from icplab.core.errors import ConfigError, MetricLockError
from icplab.core.metrics import DEFAULT_METRICS, metrics_fingerprint
from icplab.icp.lock import LOCK_FILENAME, RECORD_PATH, accept_lock, check_lock


def cfg(tmp_path, text=""):
    path = tmp_path / "icplab.toml"
    path.write_text(text, encoding="utf-8")
    return Config.load(path)


def test_first_run_records_then_ok(tmp_path):
    c = cfg(tmp_path)
    assert check_lock(c, record=False).state == "unlocked"
    assert not (tmp_path / LOCK_FILENAME).exists()
    s = check_lock(c)
    assert s.state == "created" and not s.changed
    payload = json.loads((tmp_path / LOCK_FILENAME).read_text())
    assert payload["fingerprint"] == metrics_fingerprint(DEFAULT_METRICS)
    assert payload["metrics"]["reply_rate"]["target"] == 0.15
    assert check_lock(c).state == "ok"
    s.raise_if_changed(False)  # nothing to raise


def test_change_detected_described_and_raised(tmp_path):
    check_lock(cfg(tmp_path))
    changed = cfg(
        tmp_path,
        "[metrics.reply_rate]\ntarget = 0.12\n"
        "[metrics.demo_rate]\nnumerator = 'meeting'\ndenominator = 'replied'\ntarget = 0.5\n",
    )
    s = check_lock(changed)
    assert s.changed
    text = s.describe()
    assert "reply_rate.target: 0.15 -> 0.12" in text and "demo_rate: added" in text
    with pytest.raises(MetricLockError) as exc:
        s.raise_if_changed(False)
    assert exc.value.exit_code == 3 and "0.15 -> 0.12" in str(exc.value)
    s.raise_if_changed(True)  # accepting re-locks
    assert check_lock(changed).state == "ok"


def test_label_only_is_not_a_change(tmp_path):
    check_lock(cfg(tmp_path))
    assert check_lock(cfg(tmp_path, "[metrics.reply_rate]\nlabel = 'Antwortquote'\n")).state == "ok"


def test_accept_lock_and_unreadable_lock(tmp_path):
    check_lock(cfg(tmp_path))
    c = cfg(tmp_path, "[metrics.meeting_rate]\ntarget = 0.2\n")
    s = accept_lock(c)
    assert s.state == "ok" and [str(x) for x in s.changes] == ["meeting_rate.target: 0.1 -> 0.2"]
    assert check_lock(c).state == "ok"
    (tmp_path / LOCK_FILENAME).write_text("{not json")
    with pytest.raises(ConfigError, match="lock file is unreadable"):
        check_lock(c)


MEAN_METRIC = (
    "[metrics.value_per_contact]\nnumerator = 'deal_value'\ndenominator = 'contacted'\n"
    "kind = 'mean'\ntarget = 150\n"
)


def test_mean_metric_can_be_locked_and_kind_is_locked(tmp_path):
    c = cfg(tmp_path, MEAN_METRIC)
    s = check_lock(c)  # used to fail: "target must be a rate between 0 and 1"
    assert s.state == "created"
    payload = json.loads((tmp_path / LOCK_FILENAME).read_text())
    assert payload["metrics"]["value_per_contact"]["kind"] == "mean"
    assert payload["fingerprint"] == metrics_fingerprint(c.metrics)
    # rate metrics record no kind, so their fingerprint is the one from before kinds existed
    assert "kind" not in payload["metrics"]["reply_rate"]
    assert check_lock(c).state == "ok"
    # changing only the kind is a metric change
    rate = cfg(tmp_path, MEAN_METRIC.replace("'mean'", "'rate'").replace("150", "0.2"))
    changes = {(x.field, x.old, x.new) for x in check_lock(rate).changes}
    assert ("kind", "mean", "rate") in changes and ("target", 150, 0.2) in changes


def test_lock_cli_on_a_mean_metric_workspace(tmp_path, monkeypatch, capsys):
    from icplab.cli import main

    cfg(tmp_path, MEAN_METRIC)
    monkeypatch.chdir(tmp_path)
    assert main(["lock"]) == 0, capsys.readouterr().err
    assert main(["lock"]) == 0
    assert "match the lock" in capsys.readouterr().out


WITH_Q = ["prospect_id", "contacted", "replied", "meeting", "qualified", "deal"]
NO_Q = [c for c in WITH_Q if c != "qualified"]


def test_lock_covers_the_effective_denominator_both_ways(tmp_path):
    c = cfg(tmp_path)
    assert check_lock(c, columns=WITH_Q).state == "created"
    payload = json.loads((tmp_path / LOCK_FILENAME).read_text())
    # nothing falls back: the lock is exactly the one written without the log's columns
    assert payload["fingerprint"] == metrics_fingerprint(DEFAULT_METRICS)
    assert "effective_denominator" not in payload["metrics"]["deal_rate"]
    assert check_lock(c, columns=WITH_Q).state == "ok"
    # the log loses its qualified column: deal_rate would silently count meetings
    s = check_lock(c, columns=NO_Q)
    assert s.changed
    assert [str(x) for x in s.changes] == ["deal_rate.effective_denominator: qualified -> meeting"]
    with pytest.raises(MetricLockError, match="qualified -> meeting"):
        s.raise_if_changed(False)
    s.raise_if_changed(True)  # accepted: the fallback is locked now
    payload = json.loads((tmp_path / LOCK_FILENAME).read_text())
    assert payload["metrics"]["deal_rate"]["effective_denominator"] == "meeting"
    assert payload["fingerprint"] != metrics_fingerprint(DEFAULT_METRICS)
    assert check_lock(c, columns=NO_Q).state == "ok"
    assert check_lock(c).state == "ok"  # log unknown (compare/check): the locked value is kept
    accept_lock(c)  # re-locking without the log keeps the recorded fallback
    assert (
        json.loads((tmp_path / LOCK_FILENAME).read_text())["metrics"]["deal_rate"][
            "effective_denominator"
        ]
        == "meeting"
    )
    # and the way back: the qualified column returns
    back = check_lock(c, columns=WITH_Q)
    assert [str(x) for x in back.changes] == [
        "deal_rate.effective_denominator: meeting -> qualified"
    ]
    accept_lock(c, columns=WITH_Q)
    payload = json.loads((tmp_path / LOCK_FILENAME).read_text())
    assert payload["fingerprint"] == metrics_fingerprint(DEFAULT_METRICS)


def test_run_checks_the_lock_on_the_logs_columns(tmp_path):
    from icplab.batch.runner import _check_lock

    c = cfg(tmp_path)
    check_lock(c, columns=WITH_Q)
    assert _check_lock(c, False, WITH_Q) == ("", False, "")
    change, accepted, error = _check_lock(c, False, NO_Q)
    assert not accepted and "qualified -> meeting" in change and "qualified -> meeting" in error
    change, accepted, error = _check_lock(c, True, NO_Q)
    assert accepted and not error
    assert _check_lock(c, False, NO_Q) == ("", False, "")


def test_committed_lock_stays_valid_on_the_sample_log():

    root = REPO
    columns = (root / "data/samples/outreach.csv").read_text(encoding="utf-8").split("\n", 1)[0]
    status = check_lock(Config.load(root / "icplab.toml"), record=False, columns=columns.split(","))
    assert status.state == "ok", status.describe()


# --------------------------------------------------------------------------- sidestepping
# Issue 13: deleting icplab.lock.json or editing it by hand must not re-lock silently.
LOWER = "[metrics.reply_rate]\ntarget = 0.1\n"


def test_every_lock_is_recorded_in_the_workspace_state_folder(tmp_path):
    check_lock(cfg(tmp_path))
    record = tmp_path / RECORD_PATH
    assert record.read_text() == (tmp_path / LOCK_FILENAME).read_text()


def test_deleted_lock_and_changed_target_is_a_change(tmp_path, capsys):
    from icplab.batch.runner import _check_lock
    from icplab.cli import main

    check_lock(cfg(tmp_path))
    (tmp_path / LOCK_FILENAME).unlink()
    c = cfg(tmp_path, LOWER)
    s = check_lock(c)
    assert s.state == "changed" and s.changed
    assert [(x.field, x.old, x.new) for x in s.changes] == [("target", 0.15, 0.1)]
    assert "is missing" in s.describe() and str(RECORD_PATH) in s.describe()
    assert not (tmp_path / LOCK_FILENAME).exists()  # not re-locked behind the user's back
    change, accepted, error = _check_lock(c, False, None)  # icplab run: exit 3
    assert not accepted and "0.15 -> 0.1" in change and "0.15 -> 0.1" in error
    assert main(["lock", "--config", str(tmp_path / "icplab.toml")]) == 3
    assert "0.15 -> 0.1" in capsys.readouterr().out
    # accepting openly re-locks and records the change with its date
    assert main(["lock", "--accept", "--config", str(tmp_path / "icplab.toml")]) == 0
    capsys.readouterr()
    assert check_lock(c).state == "ok"
    assert main(["lock", "--config", str(tmp_path / "icplab.toml")]) == 0
    out = capsys.readouterr().out
    assert "Accepted changes" in out and "reply_rate.target: 0.15 -> 0.1" in out


def test_deleted_lock_with_the_same_metrics_is_written_again(tmp_path):
    c = cfg(tmp_path)
    check_lock(c)
    before = (tmp_path / LOCK_FILENAME).read_bytes()
    (tmp_path / LOCK_FILENAME).unlink()
    quiet = check_lock(c, record=False)  # compare/check: nothing written
    assert quiet.state == "ok" and not (tmp_path / LOCK_FILENAME).exists()
    s = check_lock(c)
    assert s.state == "restored" and not s.changed and "missing" in s.describe()
    assert (tmp_path / LOCK_FILENAME).read_bytes() == before  # as it was, same locked_at
    assert check_lock(c).state == "ok"


def test_hand_edited_lock_is_refused(tmp_path, capsys):
    from icplab.batch.runner import _check_lock
    from icplab.cli import main

    check_lock(cfg(tmp_path))
    lock = tmp_path / LOCK_FILENAME
    payload = json.loads(lock.read_text())
    payload["metrics"]["reply_rate"]["target"] = 0.1  # to match the lowered target
    lock.write_text(json.dumps(payload))
    c = cfg(tmp_path, LOWER)
    s = check_lock(c)
    assert s.state == "tampered" and s.changed
    assert [(x.field, x.old, x.new) for x in s.changes] == [("target", 0.15, 0.1)]
    with pytest.raises(MetricLockError) as exc:
        s.raise_if_changed(False)
    assert exc.value.exit_code == 3
    assert "edited by hand" in str(exc.value) and "icplab lock --accept" in str(exc.value)
    change, accepted, error = _check_lock(c, False, None)  # icplab run: exit 3, banner
    assert not accepted and "edited by hand" in change and error
    assert main(["lock", "--config", str(tmp_path / "icplab.toml")]) == 3
    assert "edited by hand" in capsys.readouterr().out
    accepted_status = accept_lock(c)
    assert [str(x) for x in accepted_status.changes] == ["reply_rate.target: 0.15 -> 0.1"]
    assert check_lock(c).state == "ok"
    history = json.loads(lock.read_text())["history"]
    assert any("edited by hand" in t for t in history[-1]["changes"])


@pytest.mark.parametrize("edit", ["target", "drop_fingerprint", "garbage_target"])
def test_hand_edited_lock_without_a_record_is_refused_too(tmp_path, edit):
    import shutil

    check_lock(cfg(tmp_path))
    shutil.rmtree(tmp_path / ".icplab")
    lock = tmp_path / LOCK_FILENAME
    payload = json.loads(lock.read_text())
    if edit == "drop_fingerprint":
        payload["metrics"]["reply_rate"]["target"] = 0.1
        del payload["fingerprint"]
    else:
        payload["metrics"]["reply_rate"]["target"] = 0.1 if edit == "target" else "low"
    lock.write_text(json.dumps(payload))
    s = check_lock(cfg(tmp_path, LOWER))
    assert s.state == "tampered" and s.changed and "edited by hand" in s.describe()


def test_a_lock_from_before_records_gets_one(tmp_path):
    c = cfg(tmp_path)
    check_lock(c)
    legacy = json.loads((tmp_path / LOCK_FILENAME).read_text())
    del legacy["history"]
    (tmp_path / LOCK_FILENAME).write_text(json.dumps(legacy))
    (tmp_path / RECORD_PATH).unlink()
    assert check_lock(c, record=False).state == "ok"
    assert not (tmp_path / RECORD_PATH).exists()
    assert check_lock(c).state == "ok"
    assert json.loads((tmp_path / RECORD_PATH).read_text())["fingerprint"] == legacy["fingerprint"]


def test_compare_and_check_warn_about_a_change_behind_a_deleted_lock(tmp_path, capsys):
    from icplab.cli.commands._data import warn_if_metrics_changed

    check_lock(cfg(tmp_path))
    (tmp_path / LOCK_FILENAME).unlink()
    warn_if_metrics_changed(cfg(tmp_path, LOWER))
    assert "WARNING" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["compare", "log.csv", "--by", "industry", "--metric", "reply_rate"],
        ["check", "log.csv", "--where", "industry=IT"],
        ["refine", "log.csv", "--metric", "reply_rate"],
    ],
    ids=lambda a: a[0],
)
def test_every_judging_command_warns_about_a_changed_target(tmp_path, monkeypatch, capsys, argv):
    """compare and check warned about a changed metric; refine judged silently."""
    from icplab.cli import main
    from icplab.data.sample import generate_outreach

    generate_outreach(600, seed=3).to_csv(tmp_path / "log.csv", index=False)
    (tmp_path / "icplab.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["lock"]) == 0
    (tmp_path / "icplab.toml").write_text(LOWER, encoding="utf-8")
    capsys.readouterr()
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert "WARNING" in err and "reply_rate.target: 0.15 -> 0.1" in err


def test_accepting_a_change_lists_it_in_the_terminal_language(tmp_path, capsys):
    """``lock --accept`` listed the accepted changes with their English ``str``; under
    ``--lang de`` an added metric read "added"."""
    from icplab.cli import main

    check_lock(cfg(tmp_path))
    extra = '[metrics.opened_rate]\nnumerator = "opened"\ndenominator = "contacted"\ntarget = 0.3\n'
    cfg(tmp_path, extra)
    toml = str(tmp_path / "icplab.toml")
    assert main(["--lang", "de", "lock", "--accept", "--config", toml]) == 0
    out = capsys.readouterr().out
    assert "opened_rate: hinzugefügt" in out and "added" not in out, out
