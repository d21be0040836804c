"""The verdict "below target so far" (a log without send dates) has its own look: a badge
style and a plot colour and mark of its own, never the grey of an untested or failed
result, and its words in English and German."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from matplotlib.colors import to_rgb

from icplab.report import index_page, plots
from icplab.report.notebook_kit import badge
from icplab.report.plots import figure_text, heatmap, rates

TEMPLATE = (
    Path(__file__).resolve().parents[2]
    / "icplab"
    / "report"
    / "templates"
    / "icplab_report"
    / "index.html.j2"
)


def _css_rule(css: str, cls: str) -> str:
    """The declarations of the first rule whose selector list names ``.cls``."""
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", css):
        names = {s.strip() for s in selectors.split(",")}
        if f".{cls}" in names:
            return body
    return ""


@pytest.mark.parametrize("verdict", ["so_far", "below_target_so_far"])
@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "below target so far"), ("de", "bisher unter dem Ziel")],
)
def test_badge_says_below_target_so_far_in_each_language(verdict, language, words):
    html = badge(verdict, language)
    assert f'class="icp-verdict icp-{verdict}"' in html
    assert words in html
    assert "\u2193" in html  # a mark of its own: colour is never the only cue


@pytest.mark.parametrize("css", [TEMPLATE.read_text(encoding="utf-8"), index_page._CSS])
def test_the_badge_has_a_style_of_its_own(css):
    for cls in ("icp-so_far", "icp-below_target_so_far"):
        body = _css_rule(css, cls)
        assert "background" in body, cls
        # not the look of an untested result or of a report that failed
        for other in ("icp-untested", "icp-failed"):
            other_body = _css_rule(css, other)
            if other_body:
                assert body != other_body


def _distance(a: str, b: str) -> float:
    return sum((x - y) ** 2 for x, y in zip(to_rgb(a), to_rgb(b), strict=True)) ** 0.5


def test_the_plot_colour_is_its_own():
    colour = plots.VERDICT_COLOURS["so_far"]
    assert plots.VERDICT_COLOURS["below_target_so_far"] == colour
    for other in ("pass", "fail", "inconclusive", "untested", "other"):
        assert _distance(colour, plots.VERDICT_COLOURS[other]) > 0.15, other
    # a grey has equal channels; this colour is clearly not one
    r, g, b = to_rgb(colour)
    assert max(r, g, b) - min(r, g, b) > 0.3


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "below target so far"), ("de", "bisher unter dem Ziel")],
)
def test_rates_figure_colours_and_names_the_verdict(language, words):
    t = pd.DataFrame(
        {
            "level": ["IT", "Handel"],
            "n": [80, 90],
            "rate": [0.08, 0.2],
            "ci_low": [0.04, 0.13],
            "ci_high": [0.16, 0.29],
            "verdict": ["so_far", "pass"],
        }
    )
    fig = rates(t, target=0.15, language=language)
    drawn = [tuple(c[:3]) for c in fig.axes[0].collections[0].get_facecolors()]
    assert any(_distance(plots.VERDICT_COLOURS["so_far"], c) < 1e-6 for c in drawn)
    assert words in figure_text(fig)


def test_heatmap_names_so_far_only_when_a_cell_has_it():
    s = pd.DataFrame(
        {
            "industry": ["IT", "IT"],
            "size_band": ["1-49", "50-199"],
            "n": [40, 60],
            "rate": [0.1, 0.25],
            "verdict": ["so_far", "pass"],
        }
    )
    assert "bisher unter dem Ziel" in figure_text(heatmap(s, target=0.15, language="de"))
    s["verdict"] = ["fail", "pass"]
    assert "below target so far" not in figure_text(heatmap(s, target=0.15))
