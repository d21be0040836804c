"""The header row alone (``read_headers``: preset guessing, ``--suggest-mapping``,
``init``) as real exports hold it: Excel's "Unicode text" (UTF-16, tabs), a title row or
Excel's ``sep=;`` line above the headers, UTF-8 umlauts in a file longer than the bytes
read. Checked against the headers the file was written with."""

from __future__ import annotations

from pathlib import Path

import pytest

from icplab.cli import main
from icplab.data.read import _HEAD_BYTES, read_headers

HEADERS = ["Kontakt-ID", "Branche", "Mitarbeiteranzahl", "Größe", "Antwort"]
ROW = ["K-1", "Maschinenbau", "120", "groß", "ja"]


@pytest.mark.parametrize(
    ("prefix", "sep", "encoding"),
    [
        ("", "\t", "utf-16"),
        ("", ";", "utf-16-le"),
        ("Kontaktliste Herbst;;;;\n;;;;\n", ";", "cp1252"),
        ("sep=;\n", ";", "utf-8-sig"),
        ("", ",", "utf-8"),
    ],
)
def test_headers_as_written(tmp_path: Path, prefix: str, sep: str, encoding: str) -> None:
    text = prefix + sep.join(HEADERS) + "\r\n" + (sep.join(ROW) + "\r\n") * 20
    path = tmp_path / "export.csv"
    path.write_bytes(text.encode(encoding))
    assert read_headers(path) == HEADERS


def test_utf8_umlauts_cut_at_the_read_limit_keep_the_encoding(tmp_path: Path) -> None:
    head = (";".join(HEADERS) + "\n").encode()
    pad = b"K-1;" + b"x" * ((_HEAD_BYTES - len(head) - 4) % 2 == 0)
    # a long value of two-byte characters: the read limit falls inside one of them
    data = head + pad + ("ä" * _HEAD_BYTES).encode() + b";120;gro\xc3\x9f;ja\n"
    assert (_HEAD_BYTES - len(head) - len(pad)) % 2 == 1
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    assert read_headers(path) == HEADERS


def test_suggest_mapping_reads_a_utf16_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "export.csv"
    text = "\t".join(HEADERS) + "\r\n" + ("\t".join(ROW) + "\r\n") * 20
    path.write_bytes(text.encode("utf-16"))
    assert main(["validate", str(path), "--suggest-mapping"]) == 0
    assert 'preset = "german-crm"' in capsys.readouterr().out
