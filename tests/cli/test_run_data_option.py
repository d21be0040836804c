"""``icplab run --data``: a table URL reaches the runner as the text ``[workspace] data``
holds (it was made a file path, ``<cwd>/duckdb:/x.duckdb::t``); a file is made absolute."""

from __future__ import annotations

import pytest

from icplab.cli import build_parser
from icplab.cli.commands import run as run_command


class _Captured(Exception):
    """Stops the command where it hands its options to the runner."""


@pytest.mark.parametrize(
    "value",
    ["duckdb:///srv/growth.duckdb::outreach", "sqlite:///crm.sqlite::outreach", "log.csv"],
)
def test_data_reaches_the_runner_like_the_workspace_key(tmp_path, monkeypatch, value):
    monkeypatch.chdir(tmp_path)
    seen = {}

    def fake_run_reports(options):
        seen["data"] = options.data
        raise _Captured

    monkeypatch.setattr(run_command, "run_reports", fake_run_reports)
    args = build_parser("run").parse_args(["run", "--data", value])
    with pytest.raises(_Captured):
        args.func(args)
    if value.endswith(".csv"):
        assert seen["data"] == tmp_path.resolve() / value
    else:
        assert seen["data"] == value
