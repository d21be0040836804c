"""The attacks of the third red-team round that held (issue 22) keep a regression test.

Most live in the older hardening suites; moving them would break their history, so this
module pins them by name (a test renamed or deleted there fails here) and adds small
tests for the ones without a direct test."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

from icplab.batch.runner import report_plan
from icplab.core.config import Config, toml_string
from icplab.core.errors import ConfigError
from icplab.report.spreadsheet import safe_cell
from icplab.report.text import md

TESTS = Path(__file__).resolve().parents[1]

#: attack that held -> tests that keep it held (file, test function)
HELD: dict[str, list[tuple[str, str]]] = {
    "HTML: a label with markup or script does not run (Content-Security-Policy)": [
        ("test_browser.py", "test_no_label_runs_as_script_in_any_published_page"),
        ("test_script_injection.py", "test_every_html_writer_sets_the_content_security_policy"),
        ("test_browser.py", "test_failed_report_page_and_index_carry_the_policy"),
    ],
    "HTML: labels are escaped, shown as text": [
        ("test_hardening.py", "test_no_live_markup_survives"),
        ("test_browser.py", "test_hostile_labels_are_shown_as_text"),
        ("test_hardening.py", "test_md_escapes_every_markdown_special"),
        ("test_script_injection.py", "test_notebook_markup_interpolates_only_escaped_values"),
    ],
    "figures: mathtext in labels is drawn literally": [
        ("test_script_injection.py", "test_value_figures_draw_mathtext_labels_literally"),
    ],
    "terminal: no escape sequences from labels": [
        ("test_script_injection.py", "test_cli_prints_no_terminal_control_characters"),
        ("test_script_injection.py", "test_error_messages_print_no_terminal_control_characters"),
        ("test_script_injection.py", "test_lock_and_progress_print_no_terminal_control_characters"),
    ],
    "two concurrent runs in one workspace": [
        ("test_run_hardening.py", "test_a_second_run_in_the_same_workspace_waits_or_exits_2"),
    ],
    "data or config replaced during a run": [
        (
            "test_run_hardening.py",
            "test_data_or_config_replaced_during_the_run_does_not_mix_versions",
        ),
    ],
    "Ctrl-C / SIGTERM during a run": [
        ("test_run_hardening.py", "test_a_stopped_run_ends_its_kernels_and_publishes_nothing"),
    ],
    "path traversal: summary_path / report names leave reports/": [
        ("test_run_hardening.py", "test_a_plan_cannot_set_the_summary_path"),
        ("test_run_hardening.py", "test_a_job_whose_summary_path_leaves_its_run_folder_is_not_run"),
    ],
    "spreadsheet formula injection": [
        ("test_spreadsheet.py", "test_formula_starts_are_defused"),
        ("test_spreadsheet.py", "test_csv_and_xlsx_cells_never_start_a_formula"),
        ("test_script_injection.py", "test_csv_cells_never_start_a_formula_nor_hold_escapes"),
        ("test_script_injection.py", "test_run_tables_workbook_defuses_report_tables"),
    ],
    "TOML escaping of labels written into icplab.toml": [
        ("test_script_injection.py", "test_propose_toml_keeps_a_hostile_label_a_string"),
        ("test_exports.py", "test_suggest_mapping_snippet_is_valid_toml"),
    ],
    "German numbers (2.000 employees are two thousand)": [
        ("test_exports.py", "test_whole_numbers_in_german_and_english_style"),
        ("test_spreadsheet.py", "test_german_csv_reads_back_in_german_excel_style"),
    ],
    "UTF-16 and other encodings": [
        ("test_loader_hardening.py", "test_utf16_without_a_byte_order_mark_is_read"),
        ("test_loader_hardening.py", "test_excel_unicode_text_is_read"),
        ("test_loader_hardening.py", "test_utf8_bom_is_read"),
    ],
    "hostile CSV layout (quotes, short rows, binary)": [
        ("test_loader_hardening.py", "test_unclosed_quote_that_swallows_a_row_is_an_error"),
        ("test_loader_hardening.py", "test_short_row_in_a_quoted_file_is_an_error_not_a_no"),
        ("test_loader_hardening.py", "test_a_binary_file_named_csv_is_said_to_be_one"),
    ],
    "grouping or filtering by a personal or id column": [
        ("test_loader_hardening.py", "test_every_command_refuses_to_group_or_filter_by_ids"),
    ],
    "an unwritable or blocked reports folder": [
        ("test_run_hardening.py", "test_reports_folder_under_a_file_is_exit_2_without_traceback"),
        ("test_run_hardening.py", "test_permission_denied_on_reports_is_exit_2"),
        (
            "test_run_hardening.py",
            "test_a_failure_while_publishing_leaves_the_published_reports_and_index",
        ),
    ],
    "deleting the lock and the state folder": [
        (
            "test_run_hardening.py",
            "test_a_run_record_keeps_the_lock_when_lock_file_and_state_folder_are_gone",
        ),
    ],
}


def _functions(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}


@pytest.mark.parametrize("attack", sorted(HELD))
def test_each_held_attack_keeps_its_tests(attack: str) -> None:
    # basenames are unique across tests/ (conftest.py), wherever the module lives
    found = {file: sorted(TESTS.rglob(file)) for file, _ in HELD[attack]}
    missing = [
        f"{file}::{name}"
        for file, name in HELD[attack]
        if len(found[file]) != 1 or name not in _functions(found[file][0])
    ]
    assert missing == [], f"{attack}: regression tests gone: {missing}"


@pytest.mark.parametrize("name", ["../outside", "..", "a/b", "/etc/x", "x\\y", ".hidden"])
def test_a_report_name_cannot_leave_reports(name: str) -> None:
    cfg = Config.from_toml_text(
        f'[[reports]]\nname = {toml_string(name)}\nnotebook = "01-overview.ipynb"\n'
    )
    with pytest.raises(ConfigError):
        report_plan(cfg)


@pytest.mark.parametrize(
    "label",
    ['IT"\n[metrics.reply_rate]\ntarget = 0.0\n#', "a\\", "x'''y", "\u202eTI", 'q"""z'],
)
def test_toml_strings_round_trip_hostile_labels(label: str) -> None:
    assert tomllib.loads(f"x = {toml_string(label)}\n")["x"] == label


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1"])
def test_formula_starts_stay_text(cell: str) -> None:
    assert not str(safe_cell(cell)).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_markdown_specials_are_escaped() -> None:
    out = md("<script>alert(1)</script> [x](javascript:y) *b*")
    assert "<script>" not in out and "](" not in out
