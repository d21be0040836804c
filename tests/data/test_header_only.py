"""Files with a header and no data, as exports of an empty view or filter come out: an
input error ("a header but no data rows", exit 2), never a crash, whatever the header
holds (personal columns that are skipped at read, blank names, a title row, a report
footer); a file of a byte-order mark alone is empty."""

from __future__ import annotations

from pathlib import Path

import pytest

from icplab.cli import main
from icplab.core.errors import InputError
from icplab.data.load import load

NO_ROWS = "a header but no data rows"


@pytest.mark.parametrize(
    "text",
    [
        "Kontakt-ID;Vorname;E-Mail;Branche;Mitarbeiteranzahl;Antwort\n",
        "Kontakt-ID;Vorname;E-Mail;Branche;Mitarbeiteranzahl;Antwort",
        '"industry","email","replied"\r\n',
        "Kontaktliste;;;\n;;;\nBranche;Mitarbeiter;Antwort;E-Mail\n",
        'industry,employees,replied\n\n"Grand Totals (0 records)"\n',
    ],
)
def test_a_header_without_data_is_an_input_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "leer.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=NO_ROWS):
        load(path)


@pytest.mark.parametrize("data", [b"\xef\xbb\xbf", b"\xef\xbb\xbf\r\n\r\n"])
def test_a_byte_order_mark_alone_is_an_empty_file(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "leer.csv"
    path.write_bytes(data)
    with pytest.raises(InputError, match="the file is empty"):
        load(path)


def test_validate_exits_2_on_a_header_only_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "leer.csv"
    path.write_text("Kontakt-ID;Vorname;E-Mail;Branche;Mitarbeiteranzahl;Antwort\n")
    assert main(["--lang", "de", "validate", str(path), "--preset", "german-crm"]) == 2
    assert "keine Datenzeilen" in capsys.readouterr().err
