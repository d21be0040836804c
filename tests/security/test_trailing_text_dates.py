"""Attack: a date with trailing text (``2026-09-30garbage``), on the command line and in
``icplab.toml`` (issue 22). It was cut to its first ten characters and accepted."""

from __future__ import annotations

from pathlib import Path

import pytest

from icplab.cli import main
from icplab.core.config import Config
from icplab.core.errors import ConfigError, UsageError
from icplab.data.maturity import resolve_as_of


@pytest.mark.parametrize("value", ["2026-09-30garbage", "2026-09-30 x", "2026-09-301"])
def test_as_of_option_refuses_trailing_text(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["compare", "x.csv", "--by", "industry", "--metric", "reply_rate", "--as-of", value]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert "--as-of" in err and "ISO date" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_as_of_in_the_config_refuses_trailing_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "icplab.toml").write_text('[workspace]\nas_of = "2026-09-30garbage"\n')
    with pytest.raises(ConfigError, match="as_of"):
        Config.load(tmp_path / "icplab.toml")
    assert main(["lock", "--config", str(tmp_path / "icplab.toml")]) == 2
    err = capsys.readouterr().err
    assert "as_of" in err and "Traceback" not in err


def test_the_api_refuses_trailing_text() -> None:
    with pytest.raises(UsageError):
        resolve_as_of("2026-09-30garbage")
    assert resolve_as_of("2026-09-30T08:15").isoformat() == "2026-09-30"
