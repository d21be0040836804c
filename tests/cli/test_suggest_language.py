"""The drafted ``[columns]`` table speaks the terminal's language in its comments.

``icplab --lang de validate EXPORT --suggest-mapping`` (and the draft ``validate`` prints
for an export whose headers are not the contract's) wrote its comments in English ("# the
preset reads industry from Branche") inside German output; the data layer can write them
in German, the CLI did not ask it to.
"""

from __future__ import annotations

import tomllib

import pytest
from _paths import FIXTURES

from icplab.cli import main

EXPORT = FIXTURES / "exports" / "hubspot-de.csv"


@pytest.mark.parametrize("extra", [["--suggest-mapping"], []], ids=["suggest", "draft"])
def test_draft_comments_are_german(capsys, monkeypatch, tmp_path, extra):
    monkeypatch.chdir(tmp_path)
    main(["--lang", "de", "validate", str(EXPORT), *extra])
    captured = capsys.readouterr()
    out = captured.out + captured.err  # the draft follows the error on stderr
    comments = [x for x in out.splitlines() if x.startswith("# ")]
    assert comments, out
    assert any(c.startswith("# die Vorlage liest industry aus ") for c in comments), comments
    assert not any(" the preset reads " in c or " reads " in c for c in comments), comments
    main(["--lang", "en", "validate", str(EXPORT), *extra])
    captured = capsys.readouterr()
    english = captured.out + captured.err
    assert "# the preset reads industry from " in english


def test_the_german_draft_is_still_the_same_toml(capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    tables = []
    for lang in ("en", "de"):
        main(["--lang", lang, "validate", str(EXPORT), "--suggest-mapping"])
        tables.append(tomllib.loads(capsys.readouterr().out))
    assert tables[0] == tables[1]
