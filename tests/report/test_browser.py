"""Open the index and the reports in a real headless Chromium: images load, nothing
external, and no label from the data or the config runs as a script.

Skipped when no Chromium is installed. The screenshots are kept in the test's tmp folder
for a human look (pytest prints the path with -s). Pages are loaded in one browser per
module (:class:`Browser`, the DevTools protocol over ``--remote-debugging-pipe``), each in a
fresh tab, rather than one Chromium launch per page (about 0.6 s of CPU each).
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import select
import shutil
import subprocess
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
from _hostile import build_hostile_run, payloads
from _paths import FIXTURES
from _shared_runs import shared_run
from _workspace import write_pii_log

from icplab.batch.runner import run_reports
from icplab.core.config import Config

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


_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-extensions",
    "--host-resolver-rules=MAP * ~NOTFOUND",
]


def _chromium(args: list[str], profile: Path) -> subprocess.CompletedProcess:
    cmd = [CHROMIUM, *_FLAGS, f"--user-data-dir={profile}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


class Browser:
    """One headless Chromium driven over the DevTools protocol (``--remote-debugging-pipe``:
    JSON commands on the child's fd 3, replies and events on its fd 4, each ended by NUL).

    :meth:`dump_dom` does what ``chromium --dump-dom --virtual-time-budget=N page`` does,
    in a fresh tab of the running browser, and also returns the console's security entries.
    """

    def __init__(self, profile: Path) -> None:
        to_child, self._commands = os.pipe()
        self._replies, from_child = os.pipe()

        def pipe_fds() -> None:  # in the child, before exec: the pipe ends become fds 3 and 4
            high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_child, from_child)]
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        self._proc = subprocess.Popen(
            [CHROMIUM, *_FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            preexec_fn=pipe_fds,
            close_fds=False,  # keep fds 3 and 4 (every other fd of ours is close-on-exec)
        )
        os.close(to_child)
        os.close(from_child)
        self._stderr = b""
        self._drain = threading.Thread(target=self._read_stderr, daemon=True)
        self._drain.start()
        self._buffer = b""
        self._last_id = 0
        self._events: list[dict] = []

    def _read_stderr(self) -> None:
        assert self._proc.stderr is not None
        for line in self._proc.stderr:
            self._stderr = (self._stderr + line)[-4000:]

    def _receive(self, timeout: float = 120) -> dict:
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._replies], [], [], timeout)
            assert ready, f"chromium said nothing for {timeout} s: {self._stderr[-2000:]!r}"
            chunk = os.read(self._replies, 1 << 16)
            if not chunk:
                raise AssertionError(f"chromium ended: {self._stderr.decode(errors='replace')}")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method: str, session: str | None = None, **params: object) -> dict:
        """Send a command (to the tab ``session``) and return its result."""
        self._last_id += 1
        message: dict[str, object] = {"id": self._last_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._receive()
            if reply.get("id") == self._last_id:
                assert "error" not in reply, (method, reply["error"])
                return reply.get("result", {})
            self._events.append(reply)

    def _wait_for(self, method: str, session: str) -> None:
        while not any(
            e.get("method") == method and e.get("sessionId") == session for e in self._events
        ):
            self._events.append(self._receive())

    def dump_dom(self, page: Path, budget_ms: int = 3000) -> tuple[str, list[str]]:
        """(the DOM once ``page`` has loaded and ``budget_ms`` of virtual time have passed,
        the texts of the console's security entries, such as policy violations)."""
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        tab = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.send("Page.enable", tab)
        self.send("Log.enable", tab)
        self.send("Page.navigate", tab, url=page.as_uri())
        self._wait_for("Page.loadEventFired", tab)
        self.send("Emulation.setVirtualTimePolicy", tab, policy="advance", budget=budget_ms)
        self._wait_for("Emulation.virtualTimeBudgetExpired", tab)
        dom = self.send(
            "Runtime.evaluate",
            tab,
            expression="document.documentElement.outerHTML",
            returnByValue=True,
        )["result"]["value"]
        self.send("Target.closeTarget", targetId=target)
        mine = [e for e in self._events if e.get("sessionId") == tab]
        self._events = [e for e in self._events if e.get("sessionId") != tab]
        security = [
            e["params"]["entry"]["text"]
            for e in mine
            if e.get("method") == "Log.entryAdded" and e["params"]["entry"]["source"] == "security"
        ]
        return dom, security

    def close(self) -> None:
        try:
            self.send("Browser.close")
            self._proc.wait(timeout=30)
        finally:
            if self._proc.poll() is None:
                self._proc.kill()
                self._proc.wait()
            os.close(self._commands)
            os.close(self._replies)
            self._drain.join(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory) -> Iterator[Browser]:
    """One Chromium for the module's page loads."""
    b = Browser(tmp_path_factory.mktemp("chromium-profile"))
    yield b
    b.close()


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
    summary = run_reports(Config.load(ws / "icplab.toml"), jobs=1, timeout=120)
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


def _allow_probe(html: str) -> str:
    """``html`` with the probe script added and allowed by a nonce (the rest of the page's
    Content-Security-Policy still holds, so an image it blocks counts as broken)."""
    html = re.sub(
        r"""(content=["']default-src 'none';)""", r"\1 script-src 'nonce-icplabprobe';", html
    )
    return html.replace(
        "</body>", PROBE.replace("<script>", '<script nonce="icplabprobe">') + "</body>"
    )


def _probe(page: Path, browser: Browser) -> tuple[int, int, str]:
    """Load ``page`` with a probe script: (images, broken images, external requests)."""
    probe = page.with_name(f".probe-{page.name}")
    probe.write_text(_allow_probe(page.read_text(encoding="utf-8")), encoding="utf-8")
    try:
        dom, security = browser.dump_dom(probe, budget_ms=5000)
    finally:
        probe.unlink()
    m = re.search(r'data-images="(\d+)/(\d+)"', dom)
    e = re.search(r'data-external="([^"]*)"', dom)
    assert m and e, (dom[:2000], security)
    return int(m.group(1)), int(m.group(2)), e.group(1)


@pytest.mark.parametrize("page", ["index.html", "01-overview.html"])
def test_browser_loads_every_image_and_nothing_external(published, browser, page):
    """Ask the browser itself: every <img> decoded, no request to any other host."""
    total, broken, external = _probe(published / page, browser)
    assert broken == 0
    assert external == "0:"
    if page != "index.html":
        assert total >= 3


def test_probe_detects_an_outside_request(tmp_path, browser):
    page = tmp_path / "ext.html"
    page.write_text('<html><body><img src="https://cdn.example.invalid/y.png"></body></html>')
    total, broken, external = _probe(page, browser)
    assert (total, broken) == (1, 1)
    assert external.startswith("1:https://cdn.example.invalid/")


def test_failed_report_page_shows_the_error(published, browser):
    failed = next((published / "runs").glob("*/broken/broken.html"))
    dom, _ = browser.dump_dom(failed)
    assert "An Exception was encountered at" in dom
    assert "planted failure for the runner test" in dom
    index, _ = browser.dump_dom(published / "index.html")
    assert "report failed" in index


# -- hostile labels: no script runs in any published page ------------------------------------

CSP_VIOLATION = "Content Security Policy"


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """A full ``icplab run`` of a log and a config full of script payloads (shared with
    tests/security/test_hardening.py: one rendering for both)."""
    return shared_run(tmp_path_factory, "hostile", build_hostile_run) / "reports"


def _load(page: Path, browser: Browser) -> tuple[str, list[str]]:
    """(the DOM after loading ``page``, the Content-Security-Policy violations reported)."""
    dom, security = browser.dump_dom(page, budget_ms=3000)
    assert "<html" in dom, dom[:2000]
    return dom, [text for text in security if CSP_VIOLATION in text]


class _LiveMarkup(HTMLParser):
    """Real elements (not text) that a payload made: marks, handlers, script links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.signs: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self._in_title = tag == "title"
        for name, value in attrs:
            v = (value or "").strip().lower()
            if name == "data-pwned" or name.startswith("on"):
                self.signs.append(f"<{tag} {name}={value}>")
            if name in {"href", "src", "action", "formaction"} and v.startswith("javascript:"):
                self.signs.append(f"<{tag} {name}={value}>")
        if tag in {"script", "iframe", "svg", "object", "embed"}:
            self.signs.append(f"<{tag}>")

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title and data.strip() == "PWNED":
            self.signs.append("<title>PWNED</title>")


def _ran(dom: str) -> list[str]:
    """Signs in a dumped DOM that a payload ran or became live markup."""
    parser = _LiveMarkup()
    parser.feed(dom)
    return parser.signs


def test_probe_sees_a_payload_that_runs(tmp_path, browser):
    page = tmp_path / "live.html"
    page.write_text(f"<html><body>{payloads('live')['img']}</body></html>", encoding="utf-8")
    dom, _ = _load(page, browser)
    assert "<html data-pwned=live>" in _ran(dom)
    assert "<title>PWNED</title>" in _ran(dom)
    # under a policy the payload is blocked, and the browser reports the violation
    from icplab.report.export import CONTENT_SECURITY_POLICY

    page.write_text(
        f'<html><head><meta http-equiv="Content-Security-Policy" '
        f'content="{CONTENT_SECURITY_POLICY}"></head>'
        f"<body>{payloads('live')['img']}</body></html>",
        encoding="utf-8",
    )
    dom, violations = _load(page, browser)
    assert "<html data-pwned=live>" not in _ran(dom) and "<title>PWNED</title>" not in _ran(dom)
    assert any("inline event handler" in v for v in violations), violations


def test_no_label_runs_as_script_in_any_published_page(hostile_run, browser):
    from icplab.report.export import CONTENT_SECURITY_POLICY

    pages = sorted(hostile_run.glob("*.html"))
    assert hostile_run / "index.html" in pages and len(pages) >= 12
    assert any(p.name.startswith("03-thesis-") for p in pages)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert html.count("Content-Security-Policy") == 1, page.name
        assert f'content="{CONTENT_SECURITY_POLICY}"' in html, page.name
        # as published: nothing ran, and nothing even tried (no policy violation reported,
        # which also means every figure and style the report needs is allowed)
        dom, violations = _load(page, browser)
        assert (page.name, _ran(dom), violations) == (page.name, [], [])
        # and without the policy: the escaping alone keeps every label inert
        bare = page.with_name(f".bare-{page.name}")
        bare.write_text(html.replace("Content-Security-Policy", "X-No-Policy"), encoding="utf-8")
        try:
            dom, _ = _load(bare, browser)
        finally:
            bare.unlink()
        assert (page.name, _ran(dom)) == (page.name, [])


def test_hostile_labels_are_shown_as_text(hostile_run):
    refinement = (hostile_run / "04-icp-refinement.html").read_text(encoding="utf-8")
    # the ICP cell's label, newline and fence included, sits inside the escaped proposal
    pre = re.findall(r"<pre>(.*?)</pre>", refinement, re.DOTALL)
    assert any("```" in block and "&lt;/pre&gt;&lt;img src=x" in block for block in pre)
    thesis = next(hostile_run.glob("03-thesis-*.html")).read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=" in thesis and "PWNED" in thesis


def test_failed_report_page_and_index_carry_the_policy(published):
    from icplab.report.export import CONTENT_SECURITY_POLICY

    pages = [published / "index.html", next((published / "runs").glob("*/broken/broken.html"))]
    for page in pages:
        assert f'content="{CONTENT_SECURITY_POLICY}"' in page.read_text(encoding="utf-8")
