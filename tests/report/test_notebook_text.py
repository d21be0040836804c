"""The notebooks' headings, narrative and table labels come from the message catalogues.

Every text a notebook shows is a code ``report.nb.*`` rendered with ``p.word``: no inline
English/German pair (``p.tr``) and no language branch is left in a notebook, every code a
notebook uses exists in every catalogue with the fields the notebook passes, no
``report.nb.*`` code is unused, and the two languages' texts have the same markdown
skeleton (heading levels, paragraphs, code spans, HTML blocks).
"""

from __future__ import annotations

import ast
import re
import string

import nbformat
import pytest
from babel.numbers import format_decimal

from icplab.batch.plan import notebooks_dir
from icplab.core.catalogue import LANGUAGES, messages
from icplab.report import text

NOTEBOOKS = sorted(notebooks_dir().glob("[0-9][0-9]-*.ipynb"))
PREFIX = "report.nb."


def _cells(path):
    nb = nbformat.read(path, as_version=4)
    return [c for c in nb.cells if c.cell_type == "code"]


def _word_calls(source: str) -> list[ast.Call]:
    """The ``p.word(...)`` calls of a cell."""
    return [
        node
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "word"
    ]


def _notebook_calls():
    """(notebook, code, call) of every ``p.word("nb....")`` of the notebooks."""
    for path in NOTEBOOKS:
        for cell in _cells(path):
            for call in _word_calls(cell.source):
                first = call.args[0]
                if isinstance(first, ast.Constant) and first.value.startswith("nb."):
                    yield path.name, "report." + first.value, call


def _notebook_codes() -> dict[str, set[str]]:
    """Code -> the keyword fields the notebooks pass with it (``report.nb.*`` codes only)."""
    used: dict[str, set[str]] = {}
    for name, code, call in _notebook_calls():
        fields = {k.arg for k in call.keywords if k.arg}
        assert used.get(code, fields) == fields, (name, code)
        used[code] = fields
    return used


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


def test_every_notebook_is_scanned():
    assert len(NOTEBOOKS) == 9


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_inline_translation_or_language_branch(path):
    for cell in nbformat.read(path, as_version=4).cells:
        src = cell.source
        assert not re.search(r"\btr\(", src), (path.name, src)
        if "parameters" in cell.metadata.get("tags", []):
            continue
        # the run's language is passed on (language=p.language), never branched on
        assert not re.search(r"language\s*(==|!=|\bin\b)", src), (path.name, src)
        assert not re.search(r"""["'](de|en)["']""", src), (path.name, src)


def test_every_code_used_exists_in_every_catalogue_with_its_fields():
    used = _notebook_codes()
    assert len(used) > 60
    for language in LANGUAGES:
        catalogue = messages(language)
        missing = sorted(set(used) - set(catalogue))
        assert missing == [], (language, missing)
        for code, fields in used.items():
            assert _fields(catalogue[code]) == fields, (language, code)


def test_no_notebook_code_is_unused():
    defined = {c for c in messages("en") if c.startswith(PREFIX)}
    assert defined == set(_notebook_codes())


def test_numbers_in_notebook_texts_go_through_the_number_helpers():
    """A field of a notebook text is a number written by ``p.num`` or ``p.pct``."""
    with_fields = 0
    for name, code, call in _notebook_calls():
        for kw in call.keywords:
            value = kw.value
            helper = isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute)
            assert helper and value.func.attr in {"num", "pct"}, (name, code, kw.arg)
            with_fields += 1
    assert with_fields >= 2


def test_a_field_keeps_the_german_number_form():
    days = 1000
    for language, locale in (("en", "en"), ("de", "de_DE")):
        rendered = text.word("nb.col.share_within", language, days=text.integer(days, language))
        assert format_decimal(days, locale=locale) in rendered
    assert text.word("nb.col.share_within", "de", days=text.integer(days, "de")) == (
        "Anteil in 1.000 Tagen"
    )


def _skeleton(template: str) -> tuple:
    """What must not differ between languages: headings, paragraphs, code spans, HTML."""
    lines = template.split("\n")
    headings = tuple(re.match(r"#*", line).group(0) for line in lines if line.startswith("#"))
    paragraphs = template.count("\n\n")
    code_spans = tuple(sorted(re.findall(r"`[^`]+`", template)))
    tags = tuple(re.findall(r"<[^>]+>", template))
    return headings, paragraphs, code_spans, tags, template.startswith("#")


@pytest.mark.parametrize("language", LANGUAGES[1:])
def test_every_language_has_the_markdown_skeleton_of_english(language):
    en, other = messages("en"), messages(language)
    for code in (c for c in en if c.startswith(PREFIX)):
        assert _skeleton(other[code]) == _skeleton(en[code]), code
        assert other[code] != en[code] or not re.search(r"[a-z]{4}", en[code]), code
