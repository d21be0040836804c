"""``icplab sample`` never overwrites an existing file without ``--force`` (issue 13)."""

from __future__ import annotations

import pytest

from icplab.cli import main


@pytest.mark.parametrize("name", ["real.csv", "real.parquet"])
def test_sample_refuses_to_overwrite_an_existing_file(tmp_path, capsys, name):
    real = tmp_path / name
    real.write_bytes(b"prospect_id,industry\nreal-1,Logistik\n")
    before = real.read_bytes()
    assert main(["sample", str(real), "--rows", "50"]) == 2
    err = capsys.readouterr().err
    assert str(real) in err and "--force" in err and "Traceback" not in err
    assert real.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no temporary left behind


def test_sample_force_overwrites(tmp_path, capsys):
    real = tmp_path / "real.csv"
    real.write_text("old\n")
    assert main(["sample", str(real), "--rows", "50", "--force"]) == 0
    assert real.read_text().startswith("prospect_id,") and len(real.read_text().splitlines()) == 51
    assert sorted(p.name for p in tmp_path.iterdir()) == ["real.csv"]


def test_sample_checks_the_file_name_before_generating(tmp_path, capsys):
    assert main(["sample", str(tmp_path / "x.txt"), "--rows", "50"]) == 2
    assert ".csv or .parquet" in capsys.readouterr().err
    assert main(["sample", str(tmp_path), "--rows", "50"]) == 2
    assert not list(tmp_path.iterdir())
