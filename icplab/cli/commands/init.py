"""``icplab init DIR``: create a workspace with config, sample data, notebooks and reports/."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import Any

from icplab.batch.runner import default_plan, notebooks_dir
from icplab.cli.commands._text import emit
from icplab.core.config import CONFIG_FILENAME, Config, toml_string
from icplab.core.errors import UsageError
from icplab.data.mapping import ColumnMapping
from icplab.data.presets import PRESETS

SAMPLE_DATA = Path(__file__).resolve().parents[3] / "data" / "samples" / "outreach.csv"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "init",
        help="create a workspace: icplab.toml, sample data, notebooks, reports/",
        description="Create a workspace in DIR: icplab.toml with the default metrics, an "
        "example thesis and the default report plan; data/outreach.csv (sample data to try "
        "things out, replace it with your export); notebooks/ with the report notebooks; "
        "reports/. Refuses to touch an existing workspace unless --force.",
    )
    p.add_argument("dir", type=Path, help="folder to create (may exist if empty)")
    p.add_argument(
        "--force",
        action="store_true",
        help="overwrite icplab.toml, the sample data and the notebooks in DIR",
    )
    p.add_argument(
        "--data",
        type=Path,
        default=None,
        metavar="FILE",
        help="your outreach export: copied into DIR/data/ and set as [workspace] data "
        "(default: sample data to try things out)",
    )
    p.add_argument(
        "--preset",
        default=None,
        metavar="NAME",
        help="column preset of the export's tool, written to [columns] preset "
        f"({', '.join(sorted(PRESETS))}; see docs/presets.md)",
    )
    p.set_defaults(func=run)


def config_text(data: str = "data/outreach.csv", preset: str | None = None, log: Any = None) -> str:
    """The ``icplab.toml`` written by ``icplab init``.

    ``log`` (the loaded export, when it could be read) decides the data-dependent entries
    of the report plan: an A/B test by ``channel`` when it has several channels, the
    closed-loop report only when it has rejection reasons.

    Examples
    --------
    >>> cfg = Config.from_toml_text(config_text())
    >>> cfg.metrics["reply_rate"].target, [t.name for t in cfg.theses]
    (0.15, ['logistik-50-199'])
    >>> [r.name for r in cfg.reports][:2]
    ['01-overview', '02-ab-test-industry']
    """
    lines = [
        "# icplab workspace: the fixed success metrics, the ICP theses and the report plan.",
        "# The metrics are locked on the first `icplab run`; changing them later is flagged in",
        "# every report and fails the run until you accept it (--accept-metric-change).",
        "",
        "[workspace]",
        f"data = {toml_string(data)}",
        'reports = "reports"',
        "",
        "[metrics.reply_rate]",
        'numerator = "replied"',
        'denominator = "contacted"',
        "target = 0.15",
        "",
        "[metrics.meeting_rate]",
        'numerator = "meeting"',
        'denominator = "contacted"',
        "target = 0.10",
        "",
        "[metrics.deal_rate]",
        'numerator = "deal"',
        'denominator = "qualified"',
        'fallback_denominator = "meeting"',
        "target = 0.05",
        "",
        "[stats]",
        "alpha = 0.05",
        'correction = "holm"',
        "# Always-valid verdicts: the reports are re-rendered every night, so every look must",
        "# stay honest (confidence sequences instead of one-look intervals).",
        "sequential = true",
        "",
        "# Size bands: without this table a head count uses 1-49, 50-199, 200-499, 500+ and",
        "# an export's size ranges (51-200, 10000+) are the bands themselves.",
        "# [size_bands]",
        "# edges = [1, 50, 200, 500]",
        "",
        "[refine]",
        "min_contacts = 30",
        "",
        "# An ICP thesis: a named segment with a plain-language statement.",
        "[[theses]]",
        'name = "logistik-50-199"',
        'statement = "Datenimport-Automatisierung passt zu Logistik-Mittelstand mit 50-199 MA"',
        'where = { industry = ["Logistik"], employees = [50, 199] }',
        "",
        "# Report settings, then the plan of `icplab run`: one [[reports.plan]] entry per",
        "# report (name, notebook, parameters). Add one for every new thesis you want checked.",
        "[reports]",
        'language = "en"         # en or de: report texts, and CSV in German Excel style',
        "keep_runs = 30          # run folders kept under reports/runs/",
    ]
    if preset:
        lines[-5:-5] = [
            "# How the export's own headers map to the outreach log (docs/presets.md).",
            "[columns]",
            f"preset = {toml_string(preset)}",
            "",
        ]
    example = Config.from_toml_text("\n".join(lines[4:]))
    for spec in default_plan(example, log):
        lines += [
            "",
            "[[reports.plan]]",
            f"name = {toml_string(spec.name)}",
            f"notebook = {toml_string(spec.notebook)}",
        ]
        if spec.parameters:
            params = ", ".join(f"{k} = {_toml_value(v)}" for k, v in spec.parameters.items())
            lines.append(f"parameters = {{ {params} }}")
    return "\n".join(lines) + "\n"


def init_workspace(
    target: Path, force: bool = False, data: Path | None = None, preset: str | None = None
) -> list[Path]:
    """Create the workspace in ``target`` and return the files written.

    ``data`` (the user's export) is copied into ``data/`` and becomes ``[workspace] data``;
    ``preset`` is written as ``[columns] preset``. Without ``data`` the sample log is used.
    """
    target = Path(target)
    if preset is not None:
        ColumnMapping.from_config({}, preset, where="--preset")
    if data is not None and not Path(data).is_file():
        raise UsageError(f"{data}: no such file; give the path of your export with --data.")
    config_path = target / CONFIG_FILENAME
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target}: exists and is not a folder.")
    if config_path.exists() and not force:
        raise UsageError(
            f"{target}: already a workspace ({CONFIG_FILENAME} exists); nothing was changed. "
            "Use --force to overwrite the config, sample data and notebooks."
        )
    if target.exists() and any(target.iterdir()) and not force:
        raise UsageError(
            f"{target}: folder is not empty; nothing was changed. Choose a new folder or "
            "use --force."
        )
    source_notebooks = sorted(notebooks_dir().glob("[0-9][0-9]-*.ipynb"))
    if not source_notebooks:
        raise UsageError(f"no report notebooks found in {notebooks_dir()}; reinstall icplab.")
    sample = SAMPLE_DATA if SAMPLE_DATA.exists() else None
    written: list[Path] = []
    (target / "data").mkdir(parents=True, exist_ok=True)
    (target / "notebooks").mkdir(exist_ok=True)
    (target / "reports").mkdir(exist_ok=True)
    data_file = target / "data" / (Path(data).name if data is not None else "outreach.csv")
    if data is not None:
        shutil.copyfile(data, data_file)
    elif sample is not None:
        shutil.copyfile(sample, data_file)
    else:  # installed without the repository's samples: generate the same kind of data
        from icplab.data.sample import generate_outreach

        generate_outreach(15_000).to_csv(data_file, index=False)
    written.append(data_file)
    for nb in source_notebooks:
        dst = target / "notebooks" / nb.name
        shutil.copyfile(nb, dst)
        written.append(dst)
    config_path.write_text(
        config_text(data_file.relative_to(target).as_posix(), preset, _try_load(data_file, preset)),
        encoding="utf-8",
    )
    written.append(config_path)
    return written


def _try_load(path: Path, preset: str | None) -> Any:
    """The export as loaded with ``preset``, or ``None`` when it cannot be read (then
    ``icplab validate`` and the reports say what is wrong)."""
    from icplab.core.errors import IcpLabError
    from icplab.data.load import load

    try:
        return load(path, preset=preset)
    except IcpLabError:
        return None


def run(args: argparse.Namespace) -> int:
    written = init_workspace(args.dir, force=args.force, data=args.data, preset=args.preset)
    emit(f"created workspace {args.dir} ({len(written)} files):", file=sys.stderr)
    for p in written:
        emit(f"  {p}", file=sys.stderr)
    emit(f"next: cd {args.dir} && icplab run", file=sys.stderr)
    return 0


def _toml_value(value: object) -> str:
    """A TOML literal for a plan parameter (text, number, boolean or a list of them)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return toml_string(value)
