"""HTML export: no code, no outside hosts, images embedded, tags honoured, errors visible."""

from __future__ import annotations

import base64
import re

import nbformat
import pytest
from _paths import FIXTURES
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from icplab.report.export import atomic_write_text, external_references, to_html, write_html
from icplab.report.plots import message_figure, to_png

PNG = to_png(message_figure("a figure"))


def _notebook() -> nbformat.NotebookNode:
    image = new_output("display_data", data={"image/png": base64.b64encode(PNG).decode()})
    return new_notebook(
        cells=[
            new_markdown_cell("# Report title\n\nSome narrative."),
            new_code_cell(
                "SECRET_INPUT_CODE = 1\nprint('visible output')",
                outputs=[new_output("stream", text="visible output\n")],
            ),
            new_code_cell(
                "HIDDEN_CELL_CODE",
                metadata={"tags": ["remove-cell"]},
                outputs=[new_output("stream", text="HIDDEN_CELL_OUTPUT\n")],
            ),
            new_code_cell(
                "HIDDEN_INPUT_CODE",
                metadata={"tags": ["remove-input"]},
                outputs=[new_output("stream", text="kept output of remove-input\n")],
            ),
            new_code_cell("show_figure()", outputs=[image]),
            new_markdown_cell("Inline maths $x^2$ stays plain text."),
        ]
    )


def test_inputs_hidden_and_tags_honoured():
    html = to_html(_notebook())
    assert "Report title" in html
    assert "visible output" in html
    assert "kept output of remove-input" in html
    for hidden in (
        "SECRET_INPUT_CODE",
        "HIDDEN_CELL_CODE",
        "HIDDEN_CELL_OUTPUT",
        "HIDDEN_INPUT_CODE",
        "show_figure",
    ):
        assert hidden not in html
    assert not re.search(r'class="[^"]*(jp-CodeMirrorEditor|highlight)', html)  # no code blocks
    assert "jp-mod-noInput" in html


def test_no_outside_hosts_and_no_scripts():
    html = to_html(_notebook())
    assert external_references(html) == []
    # independent, blunter scan: no src/href attribute or @import to any http(s) URL
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    assert not re.search(r"@import", html, re.I)
    assert "require.js" not in html and "require.min.js" not in html
    assert "mathjax" not in html.lower()
    assert "<script" not in html.lower()


def test_external_reference_scanner_finds_each_form():
    html = (
        '<script src="https://a.example/x.js"></script><link href="//b.example/s.css">'
        '<style>@import url("http://c.example/f.css"); .x{background:url(https://d.example/i.png)}'
        '</style><a href="#local">ok</a><img src="data:image/png;base64,AAAA">'
    )
    assert external_references(html) == [
        "https://a.example/x.js",
        "//b.example/s.css",
        "http://c.example/f.css",
        "https://d.example/i.png",
    ]


def test_images_embedded_as_data_uris():
    html = to_html(_notebook())
    srcs = re.findall(r"<img[^>]*\ssrc=\"([^\"]+)\"", html)
    assert len(srcs) == 1
    assert srcs[0].startswith("data:image/png;base64,")
    assert base64.b64decode(srcs[0].split(",", 1)[1]) == PNG


def test_papermill_error_banner_stays_visible(tmp_path):
    pm = pytest.importorskip("papermill")
    out = tmp_path / "broken.ipynb"
    with pytest.raises(pm.PapermillExecutionError):
        pm.execute_notebook(
            str(FIXTURES / "broken.ipynb"),
            str(out),
            kernel_name="python3",
            progress_bar=False,
            cwd=str(tmp_path),
        )
    html = to_html(out)
    assert "An Exception was encountered at" in html
    assert "Execution using papermill encountered an exception here" in html
    assert html.count('class="icp-error-banner"') == 2  # emphasised, not plain text
    assert 'id="papermill-error-cell"' in html and 'href="#papermill-error-cell"' in html
    assert "planted failure for the runner test" in html
    assert "before the error" in html
    assert "raise RuntimeError" not in html  # the code itself stays hidden
    assert external_references(html) == []


def test_write_html_is_atomic_and_keeps_old_file_on_error(tmp_path):
    target = tmp_path / "r.html"
    write_html(_notebook(), target)
    first = target.read_text()
    with pytest.raises(FileNotFoundError):
        write_html(tmp_path / "missing.ipynb", target)
    assert target.read_text() == first
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]  # no temp files left behind
    atomic_write_text(target, "new")
    assert target.read_text() == "new"


@pytest.mark.slow
def test_personal_data_never_reaches_html_or_json(tmp_path):
    """A log full of distinctive fake contact details: none of it in any output file."""
    from _workspace import PII_MARKERS, outputs_with_pii, write_pii_log

    pm = pytest.importorskip("papermill")
    data = write_pii_log(tmp_path / "in" / "log.csv", n_rows=300)
    assert all(m in data.read_text(encoding="utf-8") for m in PII_MARKERS)  # planted
    out = tmp_path / "out"
    out.mkdir()
    pm.execute_notebook(
        str(FIXTURES / "tiny.ipynb"),
        str(out / "tiny.ipynb"),
        kernel_name="python3",
        progress_bar=False,
        cwd=str(out),
        parameters={
            "workspace": str(tmp_path),
            "data": "in/log.csv",
            "summary_path": str(out / "tiny.json"),
            "report_name": "tiny",
        },
    )
    write_html(out / "tiny.ipynb", out / "tiny.html")
    assert (out / "tiny.json").exists() and (out / "tiny.html").exists()
    assert outputs_with_pii(out) == []
