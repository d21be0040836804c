"""Attack: a ``[[reports]]`` parameter name that papermill writes into the parameter cell
as code (issue 22), and report names whose files replace other files of ``reports/``."""

from __future__ import annotations

import keyword
from pathlib import Path

import pytest

from icplab.batch.runner import report_plan
from icplab.cli import main
from icplab.core.config import Config
from icplab.core.errors import ConfigError


def _workspace(tmp_path: Path, entries: str) -> Path:
    path = tmp_path / "icplab.toml"
    path.write_text(entries, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "name",
    [
        "import os; os.system('touch pwned'); x",
        "x\nimport os",
        "a b",
        "1x",
        "class",
        "match",
        "__import__",
        "x-y",
    ],
)
def test_a_parameter_name_that_is_not_a_plain_name_is_refused(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    key = name.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    path = _workspace(
        tmp_path,
        f'[[reports]]\nname = "r"\nnotebook = "01-overview.ipynb"\nparameters = {{ "{key}" = 1 }}\n',
    )
    with pytest.raises(ConfigError, match="parameter name"):
        report_plan(Config.load(path))
    code = main(["run", "--config", str(path)])
    err = capsys.readouterr().err
    assert code == 2
    assert "parameter name" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "reports").exists() and not (tmp_path / "pwned").exists()


def test_plain_parameter_names_pass() -> None:
    names = ["metric", "factor", "within_", "x2", "Ä"[:0] + "level"]
    cfg = Config.from_toml_text(
        '[[reports]]\nname = "r"\nnotebook = "01-overview.ipynb"\nparameters = { '
        + ", ".join(f"{n} = 1" for n in names)
        + " }\n"
    )
    assert [s.name for s in report_plan(cfg)] == ["r"]
    assert not any(keyword.iskeyword(n) for n in names)


@pytest.mark.parametrize("name", ["index", "Index", "INDEX.x", "tables", "runs"])
def test_a_report_name_that_would_replace_the_index_is_refused(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _workspace(tmp_path, f'[[reports]]\nname = "{name}"\nnotebook = "01-overview.ipynb"\n')
    assert main(["run", "--config", str(path)]) == 2
    err = capsys.readouterr().err
    assert "would overwrite" in err and "Traceback" not in err
    assert not (tmp_path / "reports").exists()


@pytest.mark.parametrize(("first", "second"), [("overview", "Overview"), ("a", "a.tables")])
def test_report_names_whose_files_collide_are_refused(
    tmp_path: Path, first: str, second: str
) -> None:
    path = _workspace(
        tmp_path,
        "".join(
            f'[[reports]]\nname = "{n}"\nnotebook = "01-overview.ipynb"\n' for n in (first, second)
        ),
    )
    with pytest.raises(ConfigError, match="overwrite|differ only in case"):
        report_plan(Config.load(path))
