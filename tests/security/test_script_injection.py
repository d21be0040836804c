"""Hostile labels stay inert in every medium they land in (issue 13, script injection).

Labels from the data (industry, message variant, campaign, rejection reason) and from
icplab.toml (thesis name and statement, metric label) carry terminal escape sequences,
spreadsheet formulas, HTML and TOML payloads. Each output medium gets its own check:
the terminal (text and JSON of every command), CSV and XLSX (every command's
``--format csv|xlsx``), the ``refine --propose`` TOML and the Content-Security-Policy of
every HTML page. The browser check of a whole ``icplab run`` is in test_browser.py.
"""

from __future__ import annotations

import io
import json
import re
import tomllib
from html.parser import HTMLParser

import openpyxl
import pandas as pd
import pytest
import tomli_w
from _paths import REPO

from icplab.cli import main
from icplab.data.sample import generate_outreach

ESC = "\x1b]0;evil\x07\x1b[2J"
#: Every label a spreadsheet would run as a formula or a terminal would obey.
INDUSTRIES = {
    "IT": '=HYPERLINK("http://evil.invalid","x")',
    "Logistik": "-2+3",
    "Maschinenbau": "+49 Angebot",
    "Handel": "@SUM(A1)",
    "Finanzdienstleister": f"IT{ESC}red",
    "Gesundheitswesen": "Gesundheit\x9b31m",
}
#: A label that tries to leave the proposal's TOML string and set a metric target.
TOML_BREAKOUT = 'Handel"]\n[metrics.reply_rate]\ntarget = 0.01\n#x'
#: Characters a terminal acts on (C0 except line feed and tab, DEL, C1).
TERMINAL_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    ws = tmp_path_factory.mktemp("hostile")
    raw = generate_outreach(1500, seed=5)
    raw["industry"] = raw["industry"].map(INDUSTRIES)
    raw["rejection_reason"] = raw["rejection_reason"].replace(
        {"Timing": f"=cmd|'/C calc'!A0{ESC}", "kein Budget": f"-Budget{ESC}"}
    )
    raw["campaign"] = "@camp" + ESC
    raw.to_csv(ws / "log.csv", index=False)
    config = {
        "metrics": {"reply_rate": {"label": f"=Reply{ESC}", "target": 0.15}},
        "theses": [
            {
                "name": f"=thesis{ESC}",
                "statement": f"-statement{ESC}",
                "where": {"industry": [INDUSTRIES["IT"], INDUSTRIES["Finanzdienstleister"]]},
            }
        ],
    }
    (ws / "icplab.toml").write_text(tomli_w.dumps(config), encoding="utf-8")
    return ws


COMMANDS = {
    "compare": ["compare", "log.csv", "--by", "industry", "--metric", "reply_rate"],
    "compare-within": [
        *("compare", "log.csv", "--by", "salutation", "--within", "industry"),
        *("--metric", "reply_rate"),
    ],
    "check": ["check", "log.csv", "--all"],
    "refine": ["refine", "log.csv", "--metric", "reply_rate"],
    "funnel": ["funnel", "log.csv", "--by", "industry"],
    "plan": ["plan", "log.csv", "--deals", "5", "--where", f"industry=IT{ESC}red"],
    "reasons": ["reasons", "log.csv", "--by", "industry"],
}


def _run(ws, monkeypatch, capsys, args):
    monkeypatch.chdir(ws)
    code = main(args)
    out = capsys.readouterr()
    assert code == 0, out.err[-2000:]
    return out


# -- terminal ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["table", "json"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_cli_prints_no_terminal_control_characters(hostile, monkeypatch, capsys, command, fmt):
    extra = ["--propose"] if command == "refine" and fmt == "table" else []
    out = _run(hostile, monkeypatch, capsys, [*COMMANDS[command], "--format", fmt, *extra])
    for stream in (out.out, out.err):
        assert TERMINAL_CONTROL.findall(stream) == []
    if fmt == "json" and command not in {"check", "plan"}:
        # lossless: the JSON still holds the labels exactly
        assert "IT" + ESC + "red" in _strings(json.loads(out.out))


def _strings(obj: object) -> set[str]:
    if isinstance(obj, str):
        return {obj}
    if isinstance(obj, dict):
        obj = [*obj.keys(), *obj.values()]
    if isinstance(obj, list):
        return set().union(*(_strings(x) for x in obj)) if obj else set()
    return set()


def test_size_prints_plain_text(monkeypatch, capsys, tmp_path):
    out = _run(tmp_path, monkeypatch, capsys, ["size", "--baseline-rate", "0.1", "--lift", "0.05"])
    assert "contacts per variant" in out.out and not TERMINAL_CONTROL.search(out.out)


# -- CSV and XLSX --------------------------------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _assert_inert_text(cells: list[object]) -> None:
    texts = [c for c in cells if isinstance(c, str)]
    assert texts
    assert [t for t in texts if t.startswith(FORMULA_STARTS)] == []
    assert [t for t in texts if TERMINAL_CONTROL.search(t)] == []


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_csv_cells_never_start_a_formula_nor_hold_escapes(hostile, monkeypatch, capsys, command):
    out = _run(hostile, monkeypatch, capsys, [*COMMANDS[command], "--format", "csv"])
    assert not TERMINAL_CONTROL.search(out.out)
    frame = pd.read_csv(io.StringIO(out.out))
    _assert_inert_text([*frame.columns, *frame.to_numpy().ravel().tolist()])
    if command in {"compare", "refine", "funnel", "reasons"}:
        shown = set(frame["level" if "level" in frame else "industry"].astype(str))
        assert "'" + INDUSTRIES["IT"] in shown  # defused, still readable
        assert "'-2+3" in shown or command == "reasons"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_xlsx_cells_are_text_numbers_stay_numbers(hostile, monkeypatch, capsys, command):
    out_file = hostile / f"{command}.xlsx"
    _run(
        hostile,
        monkeypatch,
        capsys,
        [*COMMANDS[command], "--format", "xlsx", "--output", str(out_file)],
    )
    ws = openpyxl.load_workbook(out_file).active
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in cells)
    _assert_inert_text([c.value for c in cells])
    if command == "compare":  # a real negative difference is still a number
        header = [c.value for c in next(ws.iter_rows())]
        diffs = [r[header.index("diff")].value for r in ws.iter_rows(min_row=2)]
        assert any(isinstance(d, float) and d < 0 for d in diffs)


# -- the refine --propose TOML ---------------------------------------------------------------


def test_propose_toml_keeps_a_hostile_label_a_string(tmp_path, monkeypatch, capsys):
    from icplab.icp.refine import refine

    frame = generate_outreach(15_000, seed=7)
    from icplab.data.load import validate_frame

    first = refine(validate_frame(frame.copy(), source="gen"), "reply_rate")
    target = first.cells_in("icp")["industry"].iloc[0]
    frame["industry"] = frame["industry"].astype(str).replace(target, TOML_BREAKOUT)
    frame.to_csv(tmp_path / "log.csv", index=False)
    (tmp_path / "icplab.toml").write_text(
        tomli_w.dumps(
            {
                "theses": [
                    {
                        "name": "now",
                        "statement": "s",
                        "where": {"industry": ["Logistik"], "employees": [50, 199]},
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    out = tmp_path / "proposal.toml"
    args = ["refine", "log.csv", "--metric", "reply_rate", "--propose", "--thesis", "now"]
    _run(tmp_path, monkeypatch, capsys, [*args, "--out", str(out)])
    snippet = out.read_text(encoding="utf-8")
    parsed = tomllib.loads(snippet)
    assert set(parsed) == {"theses"}  # no [metrics] table, nothing else injected
    industries = [t["where"]["industry"] for t in parsed["theses"]]
    # labels are normalised at read (one line), and the label is one string value
    assert [" ".join(TOML_BREAKOUT.split())] in industries
    # every line outside the theses is a comment: the change log cannot start a table
    body = [line for line in snippet.splitlines() if line and not line.startswith("#")]
    assert all(not line.startswith("[metrics") for line in body)
    # and the printed snippet parses the same
    printed = _run(tmp_path, monkeypatch, capsys, args).out
    assert tomllib.loads(printed.split("(icplab.toml):\n", 1)[1]) == parsed


# -- HTML: a Content-Security-Policy on every page -----------------------------------------


class _HeadPolicy(HTMLParser):
    """The Content-Security-Policy metas of a page's head, and whether one came first."""

    def __init__(self) -> None:
        super().__init__()
        self.policies: list[str] = []
        self.before_content = False
        self._content_seen = False

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): v or "" for k, v in attrs}
        if tag == "meta" and a.get("http-equiv", "").lower() == "content-security-policy":
            self.policies.append(a.get("content", ""))
            self.before_content = self.before_content or not self._content_seen
        elif tag in {"style", "link", "img", "body", "script", "base"}:
            self._content_seen = True


def page_policies(html: str) -> tuple[list[str], bool]:
    """(every CSP of ``html``, whether the first one precedes all styles and content)."""
    parser = _HeadPolicy()
    parser.feed(html)
    return parser.policies, parser.before_content


def test_every_html_writer_sets_the_content_security_policy(tmp_path):
    import nbformat

    from icplab.report.export import CONTENT_SECURITY_POLICY, to_html
    from icplab.report.index_page import index_html
    from icplab.report.outcome import RunSummary

    assert "script-src" not in CONTENT_SECURITY_POLICY
    assert "default-src 'none'" in CONTENT_SECURITY_POLICY
    report = to_html(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Hi")]))
    index = index_html(
        RunSummary("20260501T100000Z", tmp_path, tmp_path / "index.html", (), 1.0), tmp_path
    )
    for page in (report, index):
        assert page_policies(page) == ([CONTENT_SECURITY_POLICY], True)


def test_run_tables_workbook_defuses_report_tables(tmp_path):
    """``reports/tables.xlsx`` (from the reports' recorded tables): same guard, no crash."""
    from icplab.batch.runner import write_tables_workbook
    from icplab.report.tables import record_table

    table = pd.DataFrame(
        {"level": [INDUSTRIES["IT"], f"IT{ESC}red", "-2+3"], "diff": [-0.25, 0.1, -1.5]}
    )
    record_table(str(tmp_path / "02-ab.json"), f"=Rates{ESC}", table)
    book = openpyxl.load_workbook(write_tables_workbook(tmp_path, ["02-ab"]))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value]
    assert all(c.data_type != "f" for c in cells)
    _assert_inert_text([c.value for c in cells])
    assert [c.value for c in cells if isinstance(c.value, float)] == [-0.25, 0.1, -1.5]


# -- figures: a label is text, never mathtext ----------------------------------------------

MATHTEXT = r"$\nosuch{x}$ IT"


def test_value_figures_draw_mathtext_labels_literally():
    import matplotlib

    matplotlib.use("Agg")
    from icplab.report import plots as vp

    cells = pd.DataFrame(
        {
            "cell": [MATHTEXT, "Handel 1-49"],
            "value_per_contact": [5.0, 3.0],
            "ci_low": [1.0, 1.0],
            "ci_high": [9.0, 5.0],
        }
    )
    reasons = pd.DataFrame(
        {
            "level": [MATHTEXT, MATHTEXT, "Handel"],
            "reason": [r"$\bad$", "Timing", "Timing"],
            "count": [1, 3, 2],
            "share": [0.25, 0.75, 1.0],
        }
    )
    for fig in (vp.value_per_contact(cells, target=4.0), vp.reason_shares(reasons)):
        fig.savefig(io.BytesIO(), format="png")  # mathtext would raise here
        ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
        assert r"\$\nosuch{x}\$ IT" in ticks  # shown as typed, the $ escaped


# -- notebooks: every value put into Markdown or HTML by a notebook is escaped -------------

#: Values the notebooks interpolate that are icplab's own words, never user text.
TRUSTED = {"heading"}


def test_notebook_markup_interpolates_only_escaped_values():

    import nbformat

    calls = re.compile(r"(?:show_markdown|show_html)\(\s*f([\"'])(.*?)\1", re.DOTALL)
    unescaped = []
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            for _, template in calls.findall(cell.source):
                for expr in re.findall(r"\{([^{}]+)\}", template):
                    safe = re.match(r"(kit\.)?text\.(md|html_text)\(", expr) or expr in TRUSTED
                    if not safe:
                        unescaped.append(f"{path.name}: {{{expr}}}")
    assert unescaped == []


@pytest.mark.parametrize(
    "args",
    [
        ["validate", f"missing{ESC}.csv"],
        ["compare", "log.csv", "--by", f"no{ESC}such", "--metric", "reply_rate"],
        ["check", "log.csv", "--where", f"industry=None{ESC}"],
    ],
    ids=["file name", "column", "filter value"],
)
def test_error_messages_print_no_terminal_control_characters(hostile, monkeypatch, capsys, args):
    """The one error printer (`error: ...`) goes through the same terminal boundary."""
    monkeypatch.chdir(hostile)
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and TERMINAL_CONTROL.findall(err) == []


@pytest.mark.parametrize(
    "extra", [[], ["--format", "json"], ["--suggest-mapping"]], ids=["table", "json", "mapping"]
)
def test_validate_prints_no_terminal_control_characters(hostile, monkeypatch, capsys, extra):
    """validate listed every level of the log raw: an escape sequence in a label reached the
    terminal (it printed with print(), not through the terminal-safe boundary)."""
    out = _run(hostile, monkeypatch, capsys, ["validate", "log.csv", *extra])
    for stream in (out.out, out.err):
        assert TERMINAL_CONTROL.findall(stream) == []
    if extra == ["--format", "json"]:
        assert "IT" + ESC + "red" in _strings(json.loads(out.out))


def test_lock_and_progress_print_no_terminal_control_characters(tmp_path, monkeypatch, capsys):
    from icplab.cli.commands._progress import RunProgress

    (tmp_path / "icplab.toml").write_text(
        tomli_w.dumps(
            {
                "metrics": {
                    f"m{ESC}": {"numerator": "replied", "denominator": "contacted", "target": 0.1}
                }
            }
        ),
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert main(["lock"]) == 0
    (tmp_path / "icplab.toml").write_text(
        tomli_w.dumps(
            {
                "metrics": {
                    f"m{ESC}": {"numerator": "replied", "denominator": "contacted", "target": 0.2}
                }
            }
        ),
        encoding="utf-8",
    )
    assert main(["lock"]) == 3
    out = capsys.readouterr()
    assert "0.1 -> 0.2" in out.out
    assert TERMINAL_CONTROL.findall(out.out + out.err) == []
    stream = io.StringIO()
    RunProgress(total=2, stream=stream, tty=False).done(f"03-thesis-{ESC}", False, 1.0, ESC)
    assert TERMINAL_CONTROL.findall(stream.getvalue()) == []


@pytest.mark.parametrize(
    "argv",
    [
        ["sample", "/proc/icplab-test/x.csv"],
        ["init", "/proc/icplab-test"],
        ["refine", "log.csv", "--metric", "reply_rate", "--propose", "--out", "/proc/x/p.toml"],
    ],
    ids=["sample", "init", "refine --out"],
)
def test_a_path_that_cannot_be_written_is_exit_2_without_traceback(
    hostile, monkeypatch, capsys, argv
):
    """These ended in a FileNotFoundError traceback."""
    monkeypatch.chdir(hostile)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Traceback" not in err and "/proc/" in err
