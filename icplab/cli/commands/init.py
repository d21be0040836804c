"""``icplab init DIR``: create a workspace with config, sample data, notebooks and reports/."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pandas as pd

from icplab.batch.plan import default_plan, notebooks_dir
from icplab.cli.commands._parser import command, option
from icplab.cli.commands._text import emit
from icplab.cli.terminal import say
from icplab.core.config import CONFIG_FILENAME, Config, ReportSpec, toml_string
from icplab.core.errors import IcpLabError, InputError, Problem, UsageError
from icplab.core.notes import Note
from icplab.core.schema import canonical_header
from icplab.data.mapping import ColumnMapping
from icplab.data.presets import PRESETS

SAMPLE_DATA = Path(__file__).resolve().parents[3] / "data" / "samples" / "outreach.csv"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = command(sub, "init")
    option(p, "dir", metavar=say("cli.help.name.dir"), type=Path)
    option(p, "--force")
    option(p, "--data", metavar="FILE")
    option(p, "--preset", params={"presets": ", ".join(sorted(PRESETS))})
    p.set_defaults(func=run)


def config_text(
    data: str = "data/outreach.csv",
    preset: str | None = None,
    log: Any = None,
    *,
    thesis: tuple[str, str, str] | None | bool = None,
    drafts: tuple[str, ...] = (),
    own_bands: bool = False,
) -> str:
    """The ``icplab.toml`` written by ``icplab init``.

    ``log`` (the loaded export, when it could be read) decides the data-dependent entries
    of the report plan: an A/B test by ``channel`` when it has several channels, the
    closed-loop report only when it has rejection reasons, no A/B test of a factor the
    log lacks (:func:`supported_plan`). ``thesis`` (name, statement, TOML ``where``)
    replaces the sample thesis; ``drafts`` are commented ``[columns]`` lines the user
    completes; ``own_bands`` leaves ``[size_bands]`` out (an export of size ranges).

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
        *(
            [
                "# No [size_bands]: the export writes company sizes as ranges (51-200, ...),",
                "# and those ranges are the bands. Configured bands must contain every range.",
                "# [size_bands]",
                "# edges = [1, 50, 200, 500]",
            ]
            if own_bands
            else ["[size_bands]", "edges = [1, 50, 200, 500]"]
        ),
        "",
        "[refine]",
        "min_contacts = 30",
        "",
        "# An ICP thesis: a named segment with a plain-language statement.",
        "[[theses]]",
        *(
            [
                f"name = {toml_string(thesis[0])}",
                f"statement = {toml_string(thesis[1])}",
                f"where = {thesis[2]}",
            ]
            if isinstance(thesis, tuple)
            else [
                "# (the data gave no industry x size band to start from: edit this example)",
                'name = "logistik-50-199"',
                'statement = "Datenimport-Automatisierung passt zu Logistik-Mittelstand mit '
                '50-199 MA"',
                'where = { industry = ["Logistik"], employees = [50, 199] }',
            ]
            if thesis is False
            else [
                'name = "logistik-50-199"',
                'statement = "Datenimport-Automatisierung passt zu Logistik-Mittelstand mit '
                '50-199 MA"',
                'where = { industry = ["Logistik"], employees = [50, 199] }',
            ]
        ),
        "",
        "# Report settings, then the plan of `icplab run`: one [[reports.plan]] entry per",
        "# report (name, notebook, parameters). Add one for every new thesis you want checked.",
        "[reports]",
        'language = "en"         # en or de: report texts, and CSV in German Excel style',
        "keep_runs = 30          # run folders kept under reports/runs/",
    ]
    if preset or drafts:
        lines[-5:-5] = [
            "# How the export's own headers map to the outreach log (docs/presets.md).",
            "[columns]",
            *([f"preset = {toml_string(preset)}"] if preset else []),
            *(
                [
                    "# TO DO: the mapping cannot be completed without you. Uncomment each line",
                    "# below and keep only the values that mean the column",
                    f"# (icplab validate {data} --suggest-mapping shows the draft again).",
                    *drafts,
                ]
                if drafts
                else []
            ),
            "",
        ]
    example = Config.from_toml_text("\n".join(lines[4:]))
    for spec in supported_plan(default_plan(example, log), log):
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


@dataclass(frozen=True)
class InitResult:
    """What ``init`` wrote, and the ``[columns]`` lines the user still has to complete."""

    written: tuple[Path, ...]
    missing: tuple[str, ...] = ()
    drafts: tuple[str, ...] = ()
    chosen_preset: str | None = None


def init_workspace(
    target: Path, force: bool = False, data: Path | None = None, preset: str | None = None
) -> list[Path]:
    """Create the workspace in ``target`` and return the files written.

    ``data`` (the user's export) is validated first, then copied into ``data/`` and
    becomes ``[workspace] data``; ``preset`` is written as ``[columns] preset``. Without
    ``data`` the sample log is used. All or nothing: the workspace is built in a
    temporary folder beside ``target`` and moved into place only when complete.

    Raises
    ------
    icplab.core.errors.InputError
        When the export cannot be read for a reason other than a mapping the user has
        to complete (nothing is written).
    """
    return list(create_workspace(target, force, data, preset).written)


def create_workspace(
    target: Path, force: bool = False, data: Path | None = None, preset: str | None = None
) -> InitResult:
    """:func:`init_workspace`, also returning the mapping lines still to be completed
    (then the workspace is written with them as commented drafts)."""
    target = Path(target)
    if preset is not None:
        ColumnMapping.from_config({}, preset, where="--preset")
    if data is not None and not Path(data).is_file():
        raise UsageError(Note("cli.init.no_data", data=str(data)))
    config_path = target / CONFIG_FILENAME
    if target.exists() and not target.is_dir():
        raise UsageError(Note("cli.init.not_folder", target=str(target)))
    if config_path.exists() and not force:
        raise UsageError(Note("cli.init.exists", target=str(target), config=CONFIG_FILENAME))
    if target.exists() and any(target.iterdir()) and not force:
        raise UsageError(Note("cli.init.not_empty", target=str(target)))
    source_notebooks = sorted(notebooks_dir().glob("[0-9][0-9]-*.ipynb"))
    if not source_notebooks:
        raise UsageError(Note("cli.init.no_notebooks", folder=str(notebooks_dir())))
    check = _check_data(Path(data), preset) if data is not None else None
    chosen = None
    if data is not None and check is not None and check.missing and preset is None:
        guess = _fitting_preset(Path(data))  # the headers are a known tool's: use its preset
        if guess is not None:
            preset, chosen = guess, guess
            check = _check_data(Path(data), preset)
    parent = target.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{target.name}.init-", dir=parent))
    try:
        rel = _build(stage, data, preset, source_notebooks, check)
        written = _publish(stage, target, rel)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return InitResult(
        tuple(written),
        check.missing if check else (),
        check.drafts if check else (),
        chosen,
    )


@dataclass(frozen=True)
class _DataCheck:
    log: Any
    missing: tuple[str, ...] = ()
    drafts: tuple[str, ...] = ()
    ranges: bool = False


#: A company size written as a range (``51-200``, ``11 - 50``, ``10000+``, ``10.001+``).
_RANGE = re.compile(r"^\s*\d[\d.,]*\s*(?:[-–]\s*\d[\d.,]*|\+)\s*$")


def size_ranges(path: Path, preset: str | None) -> bool:
    """Whether the export's company sizes are ranges (then its ranges are the bands).

    Examples
    --------
    >>> bool(_RANGE.match("51-200")), bool(_RANGE.match("10.001+")), bool(_RANGE.match("1.200"))
    (True, True, False)
    """
    from icplab.data.suggest import read_raw

    try:
        raw = read_raw(path)
        table, _ = ColumnMapping.from_config({}, preset).apply(raw, str(path))
    except Exception:
        return False
    columns = [c for c in table.columns if canonical_header(c) == "employees"]
    if not columns:
        return False
    values = table[columns[0]].dropna().astype(str)
    return bool(values.str.match(_RANGE).any())


#: Messages of mapping problems init can draft (the rest are refused, nothing written).
_DRAFTABLE = ("none of the preset's values", "required column")


def _fitting_preset(path: Path) -> str | None:
    """The preset whose headers the export has (None when none fits or it is unreadable)."""
    from icplab.data.load import read_headers
    from icplab.data.mapping import best_preset

    try:
        return best_preset(read_headers(path))
    except IcpLabError:
        return None


def _check_data(path: Path, preset: str | None) -> _DataCheck:
    """Validate the export: its log, or the mapping lines the user must complete."""
    from icplab.data.load import load

    ranges = size_ranges(path, preset)
    try:
        return _DataCheck(load(path, preset=preset), ranges=ranges)
    except InputError as exc:
        if not all(p.message.startswith(_DRAFTABLE) for p in exc.problems):
            raise
        problems = exc.problems
    except IcpLabError:
        raise
    except Exception as exc:  # a reader's own failure: never a traceback, never half a workspace
        raise InputError(
            str(path),
            [Problem(None, (), Note("cli.init.unreadable", kind=type(exc).__name__))],
        ) from None
    from icplab.data.suggest import draft_for_problem, read_raw

    raw = read_raw(path)
    missing: list[str] = []
    drafts: list[str] = []
    for p in problems:
        columns = [p.column] if p.column else _missing_from(p.message)
        for column in columns:
            if column in missing:
                continue
            missing.append(column)
            line = draft_for_problem(raw, column, p.header)
            drafts.append(
                line.render()
                if line is not None and not line.final
                else f"# {line.text}  # check it"
                if line is not None
                else f'# {column} = {{ from = "HEADER", in = ["VALUE"] }}  # not found: name its column'
            )
    log = _provisional_log(path, preset, drafts)
    return _DataCheck(log, tuple(missing), tuple(drafts), ranges)


def _missing_from(message: str) -> list[str]:
    """The columns named by a 'required column(s) missing: a, b.' message."""
    head = message.split(":", 1)[1].split(".", 1)[0] if ":" in message else ""
    return [c.strip() for c in head.split(",") if c.strip()]


def _provisional_log(path: Path, preset: str | None, drafts: list[str]) -> Any:
    """The log read with the drafts as if every listed value counted, for the plan and
    the thesis only (``None`` when even that cannot be read)."""
    import tomllib

    from icplab.data.load import load

    body = "\n".join(line.lstrip("# ").split("  # ")[0] for line in drafts)
    try:
        columns = tomllib.loads(body) if body.strip() else {}
        if preset:
            columns["preset"] = preset
        return load(path, columns=columns)
    except Exception:
        return None


def _build(
    stage: Path,
    data: Path | None,
    preset: str | None,
    source_notebooks: list[Path],
    check: _DataCheck | None,
) -> list[Path]:
    """Write the whole workspace into ``stage``; returns the paths relative to it."""
    sample = SAMPLE_DATA if SAMPLE_DATA.exists() else None
    for folder in ("data", "notebooks", "reports"):
        (stage / folder).mkdir()
    data_file = Path("data") / (Path(data).name if data is not None else "outreach.csv")
    if data is not None:
        shutil.copyfile(data, stage / data_file)
    elif sample is not None:
        shutil.copyfile(sample, stage / data_file)
    else:  # installed without the repository's samples: generate the same kind of data
        from icplab.data.sample import generate_outreach

        generate_outreach(15_000).to_csv(stage / data_file, index=False)
    written = [data_file]
    for nb in source_notebooks:
        shutil.copyfile(nb, stage / "notebooks" / nb.name)
        written.append(Path("notebooks") / nb.name)
    log = check.log if check is not None else _try_load(stage / data_file, preset)
    text = config_text(
        data_file.as_posix(),
        preset,
        log,
        thesis=(thesis_from_data(log) or False) if data is not None else None,
        drafts=check.drafts if check is not None else (),
        own_bands=check.ranges if check is not None else False,
    )
    (stage / CONFIG_FILENAME).write_text(text, encoding="utf-8")
    written.append(Path(CONFIG_FILENAME))
    return written


def _publish(stage: Path, target: Path, rel: list[Path]) -> list[Path]:
    """Move the staged workspace into ``target`` (one rename when ``target`` is new or
    empty; file by file over an existing workspace under ``--force``)."""
    if target.is_dir() and not any(target.iterdir()):
        target.rmdir()
    if not target.exists():
        os.replace(stage, target)
        stage.mkdir()  # the caller removes it
        return [target / r for r in rel]
    for r in rel:
        (target / r).parent.mkdir(parents=True, exist_ok=True)
        os.replace(stage / r, target / r)
    (target / "reports").mkdir(exist_ok=True)
    return [target / r for r in rel]


def thesis_from_data(log: Any) -> tuple[str, str, str] | None:
    """A first thesis built from the data: its largest industry x size band cell.

    Returns (name, statement, TOML ``where``), or ``None`` when the log has no industry
    or size band (then the sample thesis stays, to be edited).

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"industry": ["IT", "IT", "Bau"], "size_band": ["50-199"] * 3})
    >>> thesis_from_data(f)
    ('it-50-199', 'Our offer fits IT with 50-199 employees', '{ industry = ["IT"], size_band = ["50-199"] }')
    """
    frame = getattr(log, "frame", log)
    if not isinstance(frame, pd.DataFrame) or not {"industry", "size_band"} <= set(frame.columns):
        return None
    weights = frame["contacted"] if "contacted" in frame.columns else pd.Series(1, frame.index)
    cells = (
        pd.DataFrame(
            {
                "industry": frame["industry"].astype("string"),
                "size_band": frame["size_band"].astype("string"),
                "n": weights,
            }
        )
        .dropna()
        .groupby(["industry", "size_band"], observed=True)["n"]
        .sum()
    )
    cells = cells[cells > 0]
    if cells.empty:
        return None
    industry, band = cells.sort_values(ascending=False, kind="stable").index[0]
    slug = re.sub(r"[^a-z0-9]+", "-", f"{industry}-{band}".casefold()).strip("-") or "icp"
    return (
        slug[:60],
        f"Our offer fits {industry} with {band} employees",
        f"{{ industry = [{toml_string(str(industry))}], size_band = [{toml_string(str(band))}] }}",
    )


def supported_plan(plan: tuple[ReportSpec, ...], log: Any) -> tuple[ReportSpec, ...]:
    """The reports of ``plan`` the log supports: no A/B test of a factor it lacks (or
    has one level of), ``within`` only over segments with several levels. Without a
    log the plan is kept as it is.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"industry": ["IT", "Bau"], "size_band": ["1-49", "1-49"],
    ...                   "messaging": ["a", "b"]})
    >>> plan = (ReportSpec("02-ab-test-salutation", "02-ab-test.ipynb", {"factor": "salutation",
    ...         "within": ["industry", "size_band"]}),
    ...         ReportSpec("02-ab-test-messaging", "02-ab-test.ipynb", {"factor": "messaging",
    ...         "within": ["industry", "size_band"]}))
    >>> [(s.name, s.parameters["within"]) for s in supported_plan(plan, f)]
    [('02-ab-test-messaging', ['industry'])]
    """
    frame = getattr(log, "frame", log)
    if not isinstance(frame, pd.DataFrame):
        return plan
    out = []
    for spec in plan:
        factor = spec.parameters.get("factor")
        if spec.notebook == "02-ab-test.ipynb" and factor is not None:
            if _levels(frame, str(factor)) < 2:
                continue
            within = [w for w in spec.parameters.get("within", []) if _levels(frame, w) > 1]
            spec = replace(spec, parameters={**spec.parameters, "within": within})
        out.append(spec)
    return tuple(out)


def _levels(frame: pd.DataFrame, column: str) -> int:
    if column not in frame.columns:
        return 0
    return int(frame[column].dropna().astype(str).str.strip().replace("", pd.NA).nunique())


def _try_load(path: Path, preset: str | None) -> Any:
    """The export as loaded with ``preset``, or ``None`` when it cannot be read (then
    ``icplab validate`` and the reports say what is wrong)."""
    from icplab.data.load import load

    try:
        return load(path, preset=preset)
    except Exception:
        return None


def run(args: argparse.Namespace) -> int:
    result = create_workspace(args.dir, force=args.force, data=args.data, preset=args.preset)
    if result.chosen_preset:
        tool = PRESETS[result.chosen_preset].title
        emit(say("cli.init.preset", tool=tool, preset=result.chosen_preset), file=sys.stderr)
    emit(say("cli.init.created", dir=str(args.dir), n=len(result.written)), file=sys.stderr)
    for p in result.written:
        emit(f"  {p}", file=sys.stderr)
    if result.missing:
        cols = ", ".join(result.missing)
        incomplete = say(
            "cli.init.incomplete", cols=cols, dir=str(args.dir), config=CONFIG_FILENAME
        )
        emit(f"{say('cli.error')}: {incomplete}", file=sys.stderr)
        for line in result.drafts:
            emit(f"  {line}", file=sys.stderr)
        return 2
    emit(say("cli.init.next", dir=str(args.dir)), file=sys.stderr)
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
