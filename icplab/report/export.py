"""Executed notebook -> one self-contained HTML file for founders.

The HTML hides all code (inputs and prompts), drops cells tagged ``remove-cell``, the input
of cells tagged ``remove-input`` and the output of cells tagged ``remove-output``, embeds
every figure as an inline base64 PNG and loads nothing from any other host: the report
template (``icplab/report/templates/icplab_report``) extends JupyterLab's HTML export but leaves
out require.js, MathJax, Mermaid and the widget manager, which nbconvert would fetch from a
CDN. papermill's error banner ("An Exception was encountered at ...") and the error output
of the failing cell are ordinary cells, so a failed report still shows them.

Examples
--------
>>> import nbformat
>>> nb = nbformat.v4.new_notebook(cells=[
...     nbformat.v4.new_markdown_cell("# Hello"),
...     nbformat.v4.new_code_cell("secret_code = 1")])
>>> html = to_html(nb)
>>> "Hello" in html, "secret_code" in html
(True, False)
>>> external_references(html)
[]
>>> 'http-equiv="Content-Security-Policy"' in html
True
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from traitlets.config import Config as TraitletsConfig

from icplab.core.files import atomic_write_text

#: Folder holding icplab's nbconvert templates.
TEMPLATES_DIR = Path(__file__).parent / "templates"
#: The report template's name (a folder under :data:`TEMPLATES_DIR`).
TEMPLATE_NAME = "icplab_report"
#: The Content-Security-Policy of every HTML page icplab writes (reports, failed reports,
#: the index): a second wall behind the escaping. No script may run, nothing may load from
#: anywhere; only the inline styles and the embedded ``data:`` figures, icons and fonts.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; "
    "base-uri 'none'; form-action 'none'"
)
#: The ``<meta>`` element carrying :data:`CONTENT_SECURITY_POLICY` (first thing in ``<head>``).
CSP_META = f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'
#: Cell tags that remove a cell, its input or its output from the HTML.
REMOVE_CELL_TAGS = frozenset({"remove-cell", "remove_cell", "hide-cell"})
REMOVE_INPUT_TAGS = frozenset({"remove-input", "remove_input", "hide-input"})
REMOVE_OUTPUT_TAGS = frozenset({"remove-output", "remove_output", "hide-output"})

_EXTERNAL = re.compile(
    r"""(?:\b(?:src|href|action|poster|data)\s*=\s*["']?\s*|@import\s+(?:url\()?\s*["']?|"""
    r"""url\(\s*["']?)((?:https?:)?//[^"')\s>]+)""",
    re.IGNORECASE,
)


#: nbconvert's text for an image without alternative text.
NO_ALT = "No description has been provided for this image"
_IMG_WITHOUT_ALT = re.compile(r"<img(?![^>]*\balt=)", re.IGNORECASE)
_FOCUSABLE = re.compile(
    r'(<div\b[^>]*\bclass="[^"]*\b(?:jp-OutputArea-output|jp-Cell-inputWrapper)\b[^"]*")'
)


class ReportExporter(HTMLExporter):
    """nbconvert's HTML exporter without its BeautifulSoup pass over the finished page.

    nbconvert parses every page it wrote with BeautifulSoup only to add ``alt`` text to
    images and ``tabindex="0"`` to cells, which costs two thirds of the export of a report
    with figures; the same two additions are made here on the text.

    Examples
    --------
    >>> _accessible('<div class="jp-OutputArea-output x"><img src="data:,"></div>')
    '<div class="jp-OutputArea-output x" tabindex="0"><img alt="No description has been provided for this image" src="data:,"></div>'
    """

    def from_notebook_node(  # type: ignore[override]
        self, nb: nbformat.NotebookNode, resources: dict | None = None, **kw: object
    ) -> tuple[str, dict]:
        from nbconvert.exporters.templateexporter import TemplateExporter
        from nbconvert.filters.highlight import Highlight2HTML
        from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

        langinfo = nb.metadata.get("language_info", {})
        lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
        highlight = self.filters.get(
            "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)
        )
        resources = self._init_resources(resources)
        data_type = WidgetsDataTypeFilter(
            notebook_metadata=self._nb_metadata, parent=self, resources=resources
        )
        self.register_filter("highlight_code", highlight)
        self.register_filter("filter_data_type", data_type)
        html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        return _accessible(html), resources


def _accessible(html: str) -> str:
    """``alt`` text on images that lack it, ``tabindex="0"`` on cell inputs and outputs."""
    html = _IMG_WITHOUT_ALT.sub(f'<img alt="{NO_ALT}"', html)
    return _FOCUSABLE.sub(r'\1 tabindex="0"', html)


def exporter(title: str | None = None) -> HTMLExporter:
    """An :class:`~nbconvert.HTMLExporter` configured for icplab reports.

    Examples
    --------
    >>> exporter().exclude_input
    True
    """
    c = TraitletsConfig()
    c.TagRemovePreprocessor.enabled = True
    c.TagRemovePreprocessor.remove_cell_tags = set(REMOVE_CELL_TAGS)
    c.TagRemovePreprocessor.remove_input_tags = set(REMOVE_INPUT_TAGS)
    c.TagRemovePreprocessor.remove_all_outputs_tags = set(REMOVE_OUTPUT_TAGS)
    exp = ReportExporter(
        config=c,
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_anchor_links=True,
        embed_images=True,
    )
    return exp


#: One exporter per page language, built on first use: compiling nbconvert's templates
#: costs about half a second, rendering a report with a built exporter a quarter of that.
_EXPORTERS: dict[str, HTMLExporter] = {}


def _shared_exporter(language: str) -> HTMLExporter:
    """The process's exporter for ``language`` (``""``: nbconvert's default ``lang``).

    Examples
    --------
    >>> _shared_exporter("de") is _shared_exporter("de"), _shared_exporter("de").language_code
    (True, 'de')
    """
    exp = _EXPORTERS.get(language)
    if exp is None:
        exp = exporter()
        if language:
            exp.language_code = language  # <html lang="de">
        _EXPORTERS[language] = exp
    return exp


def to_html(
    notebook: nbformat.NotebookNode | str | Path,
    title: str | None = None,
    language: str | None = None,
) -> str:
    """Render an (executed) notebook as self-contained HTML.

    Parameters
    ----------
    notebook
        A notebook object or the path of an ``.ipynb`` file.
    title
        The page title (``<title>``); default: the notebook's metadata title or file name.
    language
        Keep only the narrative in this language: cells tagged ``lang-<other>`` are
        dropped (``lang-en`` / ``lang-de`` twins of a markdown cell), and the page says
        ``<html lang="...">``. ``None`` keeps all.

    Returns
    -------
    str
        The HTML document.
    """
    if isinstance(notebook, (str, Path)):
        path = Path(notebook)
        nb = nbformat.read(path, as_version=4)
        name = path.stem
    else:
        nb = notebook
        name = "report"
    if title:
        nb.metadata["title"] = title
    if language:
        nb = select_language(nb, language)
    nb = _emphasise_error_banner(nb)
    exp = _shared_exporter(language or "")
    html, _ = exp.from_notebook_node(
        nb, resources={"metadata": {"name": name}, "icplab_csp_meta": CSP_META}
    )
    return html


def write_html(
    notebook: nbformat.NotebookNode | str | Path,
    path: str | Path,
    title: str | None = None,
    language: str | None = None,
) -> Path:
    """Render ``notebook`` and write it to ``path`` atomically (temp file, then replace).

    Returns the written path.
    """
    return atomic_write_text(Path(path), to_html(notebook, title=title, language=language))


#: Tag papermill puts on the error banner cells it inserts into a failed notebook.
PAPERMILL_ERROR_TAG = "papermill-error-cell-tag"


def _emphasise_error_banner(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Turn papermill's error banner cells into block HTML the report styles in red.

    papermill writes its banner as inline ``<span style=...>`` markdown, which nbconvert's
    markdown renderer splits apart (the text survives, the emphasis does not). The text is
    kept, with a clear link to the failing cell.
    """
    if not any(PAPERMILL_ERROR_TAG in c.get("metadata", {}).get("tags", []) for c in nb.cells):
        return nb
    import copy

    out = copy.deepcopy(nb)
    for cell in out.cells:
        if PAPERMILL_ERROR_TAG not in cell.get("metadata", {}).get("tags", []):
            continue
        text = re.sub(r"<[^>]+>", "", "".join(cell.source)).strip()
        anchor = ' id="papermill-error-cell"' if 'id="papermill-error-cell"' in cell.source else ""
        if anchor:
            body = f"\u26a0 {text}"
        else:
            body = (
                f"\u26a0 {text} This report did not finish: "
                '<a href="#papermill-error-cell">jump to the error</a>.'
            )
        cell.source = f'<div class="icp-error-banner"{anchor}>{body}</div>'
    return out


def select_language(nb: nbformat.NotebookNode, language: str) -> nbformat.NotebookNode:
    """A copy of ``nb`` without the cells tagged for another language (``lang-xx``).

    Examples
    --------
    >>> from nbformat.v4 import new_markdown_cell, new_notebook
    >>> nb = new_notebook(cells=[new_markdown_cell("Hi", metadata={"tags": ["lang-en"]}),
    ...                          new_markdown_cell("Hallo", metadata={"tags": ["lang-de"]}),
    ...                          new_markdown_cell("42")])
    >>> [c.source for c in select_language(nb, "de").cells]
    ['Hallo', '42']
    """
    import copy

    keep = f"lang-{language}"
    out = copy.deepcopy(nb)
    out.cells = [
        c
        for c in nb.cells
        if not any(
            t.startswith("lang-") and t != keep for t in c.get("metadata", {}).get("tags", [])
        )
    ]
    return out


def external_references(html: str) -> list[str]:
    """URLs on other hosts that ``html`` would load or link to (src, href, @import, url()).

    A self-contained report returns an empty list.

    Examples
    --------
    >>> external_references('<script src="https://cdn.example/x.js"></script><img src="data:,">')
    ['https://cdn.example/x.js']
    """
    return [m.group(1) for m in _EXTERNAL.finditer(html)]
