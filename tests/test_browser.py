"""Open the index and a report in a real headless Chromium: images load, nothing external.

Skipped when no Chromium is installed. The screenshots are kept in the test's tmp folder
for a human look (pytest prints the path with -s).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from _workspace import write_pii_log

from icplab.batch.runner import run_reports
from icplab.core.config import Config

FIXTURES = Path(__file__).parent / "fixtures"
CHROMIUM = next(
    (
        p
        for p in (
            shutil.which("chromium"),
            shutil.which("chromium-browser"),
            shutil.which("google-chrome"),
        )
        if p
    ),
    None,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="no chromium browser installed"),
]


def _chromium(args: list[str], profile: Path) -> subprocess.CompletedProcess:
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--no-first-run",
        "--disable-extensions",
        f"--user-data-dir={profile}",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        *args,
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    ws = tmp_path_factory.mktemp("browser")
    write_pii_log(ws / "data" / "log.csv", n_rows=1200)
    (ws / "icplab.toml").write_text(
        f"""
[workspace]
data = "data/log.csv"
[[reports]]
name = "01-overview"
notebook = "01-overview.ipynb"
[[reports]]
name = "broken"
notebook = "{(FIXTURES / "broken.ipynb").as_posix()}"
""",
        encoding="utf-8",
    )
    summary = run_reports(Config.load(ws / "icplab.toml"), jobs=2, timeout=120)
    assert [r.status for r in summary.results] == ["ok", "failed"]
    return ws / "reports"


def _screenshot(page: Path, out: Path, profile: Path) -> tuple[np.ndarray, str]:
    proc = _chromium(
        [f"--screenshot={out}", "--window-size=1280,2000", "--hide-scrollbars", page.as_uri()],
        profile,
    )
    assert out.exists(), proc.stderr[-2000:]
    from matplotlib.image import imread

    return imread(out), proc.stderr


def _assert_not_blank(img: np.ndarray) -> None:
    grey = img[..., :3].mean(axis=2)
    assert grey.std() > 0.05  # text, tables and figures, not an empty page
    assert (grey < 0.5).mean() > 0.005  # some dark ink


@pytest.mark.parametrize("page", ["index.html", "01-overview.html"])
def test_page_renders_with_all_images(published, tmp_path, page):
    path = published / page
    html = path.read_text(encoding="utf-8")
    srcs = re.findall(r"<img[^>]*\ssrc=\"([^\"]+)\"", html)
    assert all(s.startswith("data:image/png;base64,") for s in srcs)
    img, _ = _screenshot(path, tmp_path / f"{page}.png", tmp_path / "profile")
    _assert_not_blank(img)


PROBE = (
    "<script>window.addEventListener('load', () => {"
    "const imgs = [...document.images];"
    "const bad = imgs.filter(i => !i.complete || i.naturalWidth === 0).length;"
    "const ext = performance.getEntriesByType('resource').map(e => e.name)"
    ".filter(n => /^(https?:)?\\/\\//.test(n));"
    "document.body.setAttribute('data-images', imgs.length + '/' + bad);"
    "document.body.setAttribute('data-external', ext.length + ':' + ext.join(' '));"
    "});</script>"
)


def _probe(page: Path, tmp_path: Path) -> tuple[int, int, str]:
    """Load ``page`` with a probe script: (images, broken images, external requests)."""
    probe = page.with_name(f".probe-{page.name}")
    probe.write_text(
        page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8"
    )
    try:
        proc = _chromium(
            ["--dump-dom", "--virtual-time-budget=5000", probe.as_uri()], tmp_path / "profile"
        )
    finally:
        probe.unlink()
    m = re.search(r'data-images="(\d+)/(\d+)"', proc.stdout)
    e = re.search(r'data-external="([^"]*)"', proc.stdout)
    assert m and e, proc.stderr[-2000:]
    return int(m.group(1)), int(m.group(2)), e.group(1)


@pytest.mark.parametrize("page", ["index.html", "01-overview.html"])
def test_browser_loads_every_image_and_nothing_external(published, tmp_path, page):
    """Ask the browser itself: every <img> decoded, no request to any other host."""
    total, broken, external = _probe(published / page, tmp_path)
    assert broken == 0
    assert external == "0:"
    if page != "index.html":
        assert total >= 3


def test_probe_detects_an_outside_request(tmp_path):
    page = tmp_path / "ext.html"
    page.write_text('<html><body><img src="https://cdn.example.invalid/y.png"></body></html>')
    total, broken, external = _probe(page, tmp_path)
    assert (total, broken) == (1, 1)
    assert external.startswith("1:https://cdn.example.invalid/")


def test_failed_report_page_shows_the_error(published, tmp_path):
    failed = next((published / "runs").glob("*/broken/broken.html"))
    proc = _chromium(["--dump-dom", failed.as_uri()], tmp_path / "profile")
    assert "An Exception was encountered at" in proc.stdout
    assert "planted failure for the runner test" in proc.stdout
    index = _chromium(["--dump-dom", (published / "index.html").as_uri()], tmp_path / "p2")
    assert "report failed" in index.stdout
