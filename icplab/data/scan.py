"""Big row-level logs, read out of core with DuckDB: validated and counted, never held as rows.

Every statistic of icplab needs counts, not rows. For a Parquet or CSV log of millions of
rows, :func:`scan_log` lets DuckDB (with a memory limit, spilling to disk) group the file by
the raw values of the columns the commands use, so that Python only sees one row per
*distinct combination* of values (the sample generator's 20 million rows collapse to about
a million combinations, real exports to far fewer), with its number of contacts and its
first row in the file. That small table then goes through the very same validation as
every other file (:func:`icplab.data.load.validate_frame`: header aliases, booleans, size
bands, dates, German numbers, maturity columns), and the counts are multiplied by the
combination's size. The result is an :class:`~icplab.data.load.OutreachData` whose rows
hold several contacts each (``contacted`` > 1), which every count-based command (compare,
check, refine, funnel, next, the reports) accepts as it is.

What the scan path checks in SQL, naming every row as a spreadsheet does (header = row 1):
a missing ``prospect_id``, a duplicate (campaign, prospect_id), a non-boolean value in a
boolean column, ``employees`` < 1, and the funnel order (``deal`` implies ``qualified``,
``qualified`` implies ``meeting``). Any other problem is found by the ordinary validation
on the combinations and named by the first row that holds the value. The duplicate check
first tries a cheap proof that every pair is unique (the raw pairs' 64-bit hashes, sorted
in numpy: :func:`_ids_unique`), in a thread beside the grouping when a core is idle;
only a file where that fails (a duplicate, an id that is blank or needs trimming, or a
hash collision) gets the exact check in SQL, which names the rows, and a grouping that
marks missing ids.
:func:`scan_log` mutates no global state and opens its own DuckDB connection, so it may
itself be called from a thread.

What it leaves out: the exact head count (``employees`` of whole numbers becomes its size
band, so ``--where employees=50-199`` works when the range is a band, as on aggregated
data), columns outside the contract (no ``--by`` on them), ``prospect_id`` (only used for
the duplicate check) and the spread of value metrics (``kind = "mean"`` needs one contact
per row and says so). When the file needs a ``[columns]`` mapping or a preset, or a CSV is
not UTF-8, :func:`wanted` says no and the ordinary reader is used.

When is it used? For row-level ``.parquet`` files of at least :data:`SCAN_MIN_ROWS` rows
and ``.csv`` files of at least :data:`SCAN_MIN_BYTES` bytes, or for every such file when the environment variable
``ICPLAB_LOAD_ENGINE=duckdb`` (or ``[load] engine = "duckdb"``) is set (``pandas`` switches
it off); :func:`chosen_engine` is the one place that decides.

Examples
--------
>>> import tempfile, pathlib
>>> from icplab.data.sample import generate_outreach
>>> from icplab.data.load import validate_frame
>>> log = generate_outreach(400, seed=3)
>>> f = pathlib.Path(tempfile.mkdtemp()) / "log.parquet"
>>> log.to_parquet(f, index=False)
>>> scanned = scan_log(f, validate_frame)
>>> int(scanned.frame["contacted"].sum()), len(scanned.frame) <= 400
(400, True)
>>> plain = validate_frame(log).counts(["industry"])
>>> scanned.counts(["industry"])[["industry", "contacted", "replied"]].equals(
...     plain[["industry", "contacted", "replied"]])
True
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from icplab.core.errors import InputError, Problem
from icplab.core.notes import Note
from icplab.core.schema import (
    BOOLEAN_COLUMNS,
    COUNT_COLUMNS,
    DEFAULT_CAMPAIGN,
    MAPPABLE_COLUMNS,
    PERSONAL_COLUMNS,
    SizeBands,
    canonical_header,
)
from icplab.data.columns import _amount_problems, and_list
from icplab.data.counts import blank_contacts
from icplab.data.duck_sql import (
    arrow_batches,
    arrow_table,
    band_floor_sql,
    ident,
    is_int_type,
    not_boolean_sql,
    sql_text,
    to_pandas,
    truthy_sql,
)

#: Parquet files with at least this many rows are scanned with DuckDB instead of read into
#: pandas (below it pandas is as fast and keeps every column; see docs/performance.md).
SCAN_MIN_ROWS = 2_000_000
#: CSV files at least this large (bytes; about two million rows of an export) are scanned.
SCAN_MIN_BYTES = 256 * 2**20
#: DuckDB's memory limit; beyond it, it spills to a temporary folder.
MEMORY_LIMIT = "1GB"
#: Environment variable that chooses the reader: ``duckdb`` (always scan), ``pandas``
#: (never), anything else or unset: by size (:data:`SCAN_MIN_BYTES`).
ENGINE_VARIABLE = "ICPLAB_LOAD_ENGINE"
#: Up to this many rows the duplicate check sorts the pairs' hashes in memory (8 bytes a
#: row, twice at the peak: 640 MB at the limit); larger files get the SQL check, which
#: spills to disk, so memory stays bounded whatever the row count.
SORT_MAX_ROWS = 40_000_000
#: At most this many row numbers are collected per problem.
MAX_ROWS = 1000
#: Column of the grouped table holding how many rows share the combination.
_WEIGHT = "__icplab_rows"
_FIRST = "__icplab_first_row"


#: The engines :func:`chosen_engine` chooses from (``auto``: by the file's size).
ENGINES = ("auto", "pandas", "duckdb")


def chosen_engine(path: Path, configured: str | None = None, mapping: Any = None) -> str:
    """The reader of ``path``: ``"duckdb"`` (:func:`scan_log`) or ``"pandas"`` (in memory).

    The one place where the reader is chosen. The environment variable
    :data:`ENGINE_VARIABLE` wins over ``configured`` (``[load] engine`` of ``icplab.toml``),
    which wins over ``auto``; each is ``auto``, ``pandas`` or ``duckdb``. ``auto`` scans
    row-level Parquet files of at least :data:`SCAN_MIN_ROWS` rows and CSV files of at
    least :data:`SCAN_MIN_BYTES` bytes. Whatever is asked for, files the scan cannot read
    as the contract says (XLSX, a ``[columns]`` mapping or preset, aggregated counts, a
    CSV that is not UTF-8) are read by pandas.

    Examples
    --------
    >>> chosen_engine(Path("tiny.xlsx"), "duckdb")
    'pandas'
    >>> chosen_engine(Path("missing.parquet"), "pandas")
    'pandas'
    """
    engine = os.environ.get(ENGINE_VARIABLE, "").strip().lower()
    if engine not in ENGINES:
        engine = ""
    if not engine:
        engine = (configured or "auto").strip().lower()
    suffix = path.suffix.lower()
    if engine == "pandas" or suffix not in (".parquet", ".pq", ".csv") or mapping:
        return "pandas"
    if engine != "duckdb" and not _big(path, suffix):
        return "pandas"
    try:
        import duckdb  # noqa: F401
    except ImportError:  # pragma: no cover - duckdb is a dependency
        return "pandas"
    if suffix != ".csv" and engine == "duckdb" and _aggregated(path):
        return "pandas"
    if suffix == ".csv":
        with open(path, "rb") as fh:
            head = fh.read(1 << 20)
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:  # not just a character cut at the end
                return "pandas"
        first = head.split(b"\n", 1)[0].decode("utf-8", "replace")
        if "contacted" in {canonical_header(h) for h in _split_header(first)}:
            return "pandas"  # aggregated counts: small by nature, read as they are
    return "duckdb"


def wanted(path: Path, mapping: Any = None, configured: str | None = None) -> bool:
    """Whether :func:`icplab.data.load.load` should hand ``path`` to :func:`scan_log`
    (:func:`chosen_engine` says ``duckdb``).

    Examples
    --------
    >>> wanted(Path("tiny.xlsx"))
    False
    """
    return chosen_engine(path, configured, mapping) == "duckdb"


def _big(path: Path, suffix: str) -> bool:
    """Whether ``path`` reaches :data:`SCAN_MIN_ROWS` rows (Parquet, from its footer) or
    :data:`SCAN_MIN_BYTES` bytes (CSV)."""
    try:
        if suffix == ".csv":
            return path.stat().st_size >= SCAN_MIN_BYTES
        import pyarrow.parquet as pq

        return int(pq.read_metadata(path).num_rows) >= SCAN_MIN_ROWS and not _aggregated(path)
    except Exception:  # unreadable: the ordinary reader names the problem
        return False


def _aggregated(path: Path) -> bool:
    """Whether a Parquet file holds counts (a ``contacted`` column): read as it is."""
    import pyarrow.parquet as pq

    try:
        names = pq.read_schema(path).names
    except Exception:
        return True  # unreadable: the ordinary reader names the problem
    return "contacted" in {canonical_header(n) for n in names}


def _split_header(line: str) -> list[str]:
    sep = ";" if line.count(";") > line.count(",") else ","
    return [h.strip().strip('"') for h in line.split(sep)]


def _connect() -> Any:
    import duckdb

    # no progress bar: DuckDB would draw it on stdout, into a command's JSON
    con = duckdb.connect(config={"memory_limit": MEMORY_LIMIT})
    con.execute("SET enable_progress_bar = false")
    spill = Path(tempfile.gettempdir()) / "icplab-duckdb"
    spill.mkdir(exist_ok=True)
    con.execute(f"SET temp_directory = '{sql_text(str(spill))}'")
    return con


def _source_sql(con: Any, path: Path) -> tuple[str, str, dict[str, str]]:
    """A SQL table expression over the file with a ``__row`` column (0-based data row),
    the same without it (cheaper to read where no row is named), and the file's columns
    with their DuckDB types."""
    p = sql_text(str(path))
    if path.suffix.lower() in (".parquet", ".pq"):
        reader = f"read_parquet('{p}')"
        rel = (
            f"(SELECT *, file_row_number AS __row FROM read_parquet('{p}', file_row_number = true))"
        )
    else:
        with open(path, encoding="utf-8-sig", errors="replace") as fh:
            first = fh.readline()
        sep = ";" if first.count(";") > first.count(",") else ","
        reader = f"read_csv('{p}', delim = '{sep}', header = true, all_varchar = true, quote = '\"', escape = '\"')"
        rel = f"(SELECT *, row_number() OVER () - 1 AS __row FROM {reader})"
    described = con.execute(f"DESCRIBE SELECT * FROM {reader}").fetchall()
    return rel, reader, {str(r[0]): str(r[1]).upper() for r in described}


def scan_log(
    path: str | Path,
    validate: Callable[..., Any],
    *,
    source: str | None = None,
    size_bands: SizeBands | None = None,
) -> Any:
    """Validate and count a row-level Parquet/CSV log out of core (see the module docstring).

    Parameters
    ----------
    path
        A row-level ``.parquet`` or UTF-8 ``.csv`` file with the contract's headers.
    validate
        :func:`icplab.data.load.validate_frame` (passed in: this module sits below the
        loader, which calls it).
    source
        The file name errors should name (default ``path``).
    size_bands
        Size bands to derive ``size_band`` with (default 1-49, 50-199, 200-499, 500+).

    Returns
    -------
    icplab.data.load.OutreachData
        One row per distinct combination of values; ``contacted`` holds its contacts and
        the other count columns (and ``deal_value``) its sums.

    Raises
    ------
    icplab.core.errors.InputError
        As :func:`icplab.data.load.load`, naming the rows of the file.
    """
    path = Path(path)
    source = source or str(path)
    bands = size_bands or SizeBands()
    import duckdb

    con = _connect()
    try:
        return _scan(con, path, validate, source, bands)
    except duckdb.Error as exc:
        kind = "Parquet" if path.suffix.lower() != ".csv" else "CSV"
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(
            source,
            [
                Problem(
                    None,
                    (),
                    Note(
                        "errors.scan.unreadable",
                        kind=kind,
                        reason=first[:200],
                        variable=ENGINE_VARIABLE,
                    ),
                )
            ],
        ) from None
    finally:
        con.close()


def _scan(con: Any, path: Path, validate: Callable[..., Any], source: str, bands: SizeBands) -> Any:
    """:func:`scan_log` on an open DuckDB connection."""
    rel, plain, types = _source_sql(con, path)
    canon = {h: canonical_header(h) for h in types}
    pid = next((h for h, c in canon.items() if c == "prospect_id"), None)
    keep = [
        h
        for h, c in canon.items()
        if c in MAPPABLE_COLUMNS and c not in PERSONAL_COLUMNS and c != "prospect_id"
    ]
    keys: list[str] = []
    bucketed = False
    csv = path.suffix.lower() == ".csv"
    for h in keep:
        if canon[h] == "employees" and is_int_type(types[h]):
            keys.append(f"{band_floor_sql(h, bands)} AS {ident(h)}")
            bucketed = True
        elif csv:  # an empty cell is "" to the CSV reader, NULL to DuckDB
            keys.append(f"coalesce({ident(h)}, '') AS {ident(h)}")
        else:
            keys.append(ident(h))
    table, ids_clean = _grouped_and_proven(con, rel, plain, pid, types, canon, keys)
    weights = table.pop(_WEIGHT).to_numpy(dtype="int64")
    sql_problems: list[Problem] = []
    if pid is not None:
        missing = (
            np.zeros(len(table), dtype=bool)
            if ids_clean
            else table.pop("__pid_missing").to_numpy(dtype=bool)
        )
        # each combination stands for its rows: a stand-in id, blank where ids are missing
        ids = np.arange(1, len(table) + 1, dtype="int64")
        table[pid] = np.where(missing, "", ids.astype(str)) if missing.any() else ids
        if not ids_clean:
            sql_problems += _duplicate_ids(con, rel, pid, canon, source)
    if len(table) == 0:
        table.attrs["file_headers"] = list(types)
    value = next((h for h, c in canon.items() if c == "deal_value" and h in table.columns), None)
    unvalued = (
        pd.Series(_amount_problems(table[value], table.index)[3], index=table.index)
        if value is not None
        else None
    )
    try:
        data = validate(table, source=source, size_bands=bands)
    except InputError as exc:
        raise _with_all_rows(con, rel, types, canon, pid, exc, sql_problems) from None
    if sql_problems:
        header = {"prospect_id": pid}
        raise InputError(
            source, [replace(p, header=header.get(p.column or "")) for p in sql_problems]
        )
    return weighted(data, weights, table.index, drop_employees=bucketed, unvalued=unvalued)


def _grouped(con: Any, rel: str, keys: list[str]) -> pd.DataFrame:
    """The file grouped by ``keys`` (SQL expressions): one row per distinct combination,
    in the order of their first rows, indexed by that first row (0-based), with the
    number of rows in column :data:`_WEIGHT`."""
    sql = (
        f"SELECT {', '.join(keys)}, count(*) AS {_WEIGHT}, min(__row) AS {_FIRST} "
        f"FROM {rel} GROUP BY ALL ORDER BY {_FIRST}"
    )
    table = to_pandas(arrow_table(con.sql(sql)))
    table.index = pd.Index(table.pop(_FIRST).to_numpy(dtype="int64"))
    return table


def _spare_core() -> bool:
    """Whether another core looks idle right now (:func:`_idle_core` on ``/proc/loadavg``
    and the cores this process may run on; ``False`` where they cannot be read).

    Only then do the duplicate proof beside the grouping and the sort on two threads
    shorten the wall time; on a busy machine they add CPU and no speed (docs/performance.md,
    "Logs past memory", round 6).
    """
    try:
        return _idle_core(Path("/proc/loadavg").read_text(), len(os.sched_getaffinity(0)))
    except (AttributeError, OSError, ValueError, IndexError):
        return False


def _idle_core(loadavg: str, cores: int) -> bool:
    """Whether fewer tasks are runnable (the fourth field of ``/proc/loadavg``,
    ``running/total``, the asking process included) than there are ``cores``.

    Examples
    --------
    >>> _idle_core("0.52 0.80 1.10 1/133 4242", 2), _idle_core("3.10 2.90 2.70 2/140 4242", 2)
    (True, False)
    >>> _idle_core("0.00 0.00 0.00 1/90 17", 1)
    False
    """
    running = int(loadavg.split()[3].split("/")[0])
    return cores > 1 and running < cores


def _grouped_and_proven(
    con: Any,
    rel: str,
    plain: str,
    pid: str | None,
    types: dict[str, str],
    canon: dict[str, str],
    keys: list[str],
) -> tuple[pd.DataFrame, bool]:
    """The file grouped by ``keys`` (:func:`_grouped`) and whether :func:`_ids_unique`
    proved every (campaign, ``pid``) pair present, trimmed and unique; where it did not,
    the grouping has the key ``__pid_missing`` (the row's id is blank) too.

    Every id present, already trimmed, and no pair twice: then the grouping needs no id
    column and the exact check in SQL is spared. With a core idle (:func:`_spare_core`)
    the proof runs in a thread beside the grouping (both wait mostly in DuckDB and numpy,
    which release the GIL) and the grouping is redone with the missing-id key where the
    proof fails; otherwise the proof runs first, on one thread, as before round 6.
    """
    if pid is None:
        return _grouped(con, rel, keys), False
    p = ident(pid)
    missing = [*keys, f"({p} IS NULL OR trim(CAST({p} AS VARCHAR)) = '') AS __pid_missing"]
    if not _spare_core():
        clean = _ids_unique(con, plain, pid, types, canon)
        return _grouped(con, rel, keys if clean else missing), clean
    proof = _beside(_ids_unique, con, plain, pid, types, canon, threads=True)
    try:
        table = _grouped(con, rel, keys)
    except BaseException:
        with contextlib.suppress(BaseException):  # its cursor closes before the connection
            proof()
        raise
    if proof():
        return table, True
    return _grouped(con, rel, missing), False


def _beside(work: Callable[..., bool], con: Any, *args: Any, **kwargs: Any) -> Callable[[], bool]:
    """Start ``work(cursor, *args, **kwargs)`` in a thread on a cursor of its own (a
    DuckDB connection is not shared between threads; the cursor shares the database, its
    memory limit and its threads); the returned function waits for the answer (re-raising
    the thread's error) and closes the cursor."""
    cursor = con.cursor()
    cursor.execute("SET enable_progress_bar = false")
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["answer"] = work(cursor, *args, **kwargs)
        except BaseException as exc:  # handed to the waiting thread
            box["error"] = exc

    thread = threading.Thread(target=run, name="icplab-scan-ids", daemon=True)
    thread.start()

    def wait() -> bool:
        thread.join()
        cursor.close()
        if "error" in box:
            raise box["error"]
        return bool(box["answer"])

    return wait


def weighted(
    data: Any,
    weights: Any,
    index: pd.Index,
    *,
    drop_employees: bool = False,
    unvalued: pd.Series | None = None,
) -> Any:
    """``data`` (validated value combinations, index ``index``) with each combination's
    count columns and ``deal_value`` multiplied by its number of rows ``weights``, and its
    blanks (:attr:`~icplab.data.outreach.ReadNotes.blanks`) counted in contacts.

    ``prospect_id`` (stand-ins) is dropped, and ``employees`` when it held the size bands'
    lower edges instead of head counts (``drop_employees``). ``unvalued`` (by combination:
    its ``deal_value`` is blank) counts the won deals without an amount in contacts.
    """
    frame = data.frame.copy()
    w = pd.Series(weights, index=index).reindex(frame.index).to_numpy(dtype="int64")
    for col in (*COUNT_COLUMNS, "deal_value"):
        if col in frame.columns:
            frame[col] = w if col == "contacted" else frame[col].to_numpy() * w
    drop = ["prospect_id"] + (["employees"] if drop_employees else [])
    frame = frame.drop(columns=[c for c in drop if c in frame.columns])
    # the blanks were counted per combination; a statement names contacts
    blanks = blank_contacts(frame, list(data.read.blanks))
    read = replace(data.read, blanks=blanks)
    if unvalued is not None and "deal" in frame.columns:
        blank = unvalued.reindex(frame.index, fill_value=False).to_numpy(dtype=bool)
        read = replace(read, unvalued_deals=int(frame["deal"].to_numpy()[blank].sum()))
    return replace(data, frame=frame, read=read)


#: The characters DuckDB's ``trim`` strips (Unicode category Zs; found by trying every
#: code point): an id that starts or ends with none of them is its own trimmed value.
_TRIMMED = (32, 160, 5760, *range(8192, 8203), 8239, 8287, 12288)


def _campaign_sql(canon: dict[str, str]) -> str:
    """SQL: the campaign of a row as the validation reads it (trimmed, blank = default)."""
    camp = next((h for h, c in canon.items() if c == "campaign"), None)
    if camp is None:
        return f"'{DEFAULT_CAMPAIGN}'"
    return f"coalesce(nullif(trim(CAST({ident(camp)} AS VARCHAR)), ''), '{DEFAULT_CAMPAIGN}')"


def _ids_unique(
    con: Any,
    plain: str,
    pid: str,
    types: dict[str, str],
    canon: dict[str, str],
    *,
    threads: bool = False,
) -> bool:
    """Whether every row has a ``prospect_id`` that needs no trimming and no (campaign,
    prospect_id) occurs twice, proven cheaply; ``False`` when that is not shown (then
    :func:`_duplicate_ids` and the missing-id check decide, exactly as before).

    DuckDB reads the raw pairs and hashes each (64 bits; a row whose id is blank or starts
    or ends with a character ``trim`` strips gets hash 0 instead); numpy sorts the hashes,
    in two halves (by their top bit), on two threads when ``threads``. No two equal hashes
    and no 0 means no
    two equal pairs: exact, since equal pairs have equal hashes. On the 20M-row log this
    takes a third of the CPU of a hash aggregate over the pairs (docs/performance.md).
    """
    p = ident(pid)
    if types[pid] == "VARCHAR":
        zs = ", ".join(map(str, _TRIMMED))
        # the last character is found only in ids that are not plain ASCII (every
        # character trim strips but the space is not): cheaper than p[-1] on each row
        odd = (
            f"{p} IS NULL OR {p} = '' OR unicode({p}) IN ({zs}) OR suffix({p}, ' ') OR "
            f"(strlen({p}) <> length({p}) AND unicode({p}[-1]) IN ({zs}))"
        )
        key = p
    elif is_int_type(types[pid]):  # whole numbers: their text is never blank nor padded
        odd = f"{p} IS NULL"
        key = f"CAST({p} AS VARCHAR)"
    else:  # anything else: its text as the exact check reads it
        key = f"CAST({p} AS VARCHAR)"
        odd = f"{key} IS NULL OR {key} = '' OR {key} <> trim({key})"
    campaign = _campaign_key(con, plain, types, canon)
    sql = f"SELECT CASE WHEN {odd} THEN 0 ELSE hash({campaign}, {key}) END AS h FROM {plain}"
    low: list[np.ndarray] = []
    high: list[np.ndarray] = []
    n = 0
    top = np.uint64(1 << 63)
    for batch in arrow_batches(con.sql(sql), 1 << 20):
        n += batch.num_rows
        if n > SORT_MAX_ROWS:  # memory grows with the rows: leave it to the SQL check
            return False
        h = batch.column(0).to_numpy(zero_copy_only=False).astype(np.uint64, copy=False)
        upper = h >= top
        low.append(h[~upper])
        high.append(h[upper])
    if n == 0:
        return True
    halves = [_joined(low), _joined(high)]
    del low, high
    if len(halves[0]) and halves[0].min() == 0:
        return False  # a blank or untrimmed id
    if threads:
        _sort_both(halves)
    else:
        for half in halves:
            half.sort()
    return not any(bool((a[1:] == a[:-1]).any()) for a in halves)


def _joined(parts: list[np.ndarray]) -> np.ndarray:
    """The arrays ``parts`` end to end (emptied as they are joined)."""
    joined = np.concatenate(parts) if parts else np.zeros(0, dtype=np.uint64)
    parts.clear()
    return joined


def _sort_both(arrays: list[np.ndarray]) -> None:
    """Sort two arrays in place, the first in a thread of its own (numpy's sort releases
    the GIL, so with a core free the two halves take half the time)."""
    helper = threading.Thread(target=arrays[0].sort, name="icplab-scan-sort", daemon=True)
    helper.start()
    try:
        arrays[1].sort()
    finally:
        helper.join()


def _campaign_key(con: Any, plain: str, types: dict[str, str], canon: dict[str, str]) -> str:
    """SQL: the campaign of a row for the proof's hash. In a Parquet file whose campaigns
    are all present, not blank and trimmed (read from its few distinct values), the raw
    column is what the validation reads, which spares trimming every row; otherwise
    :func:`_campaign_sql`."""
    camp = next((h for h, c in canon.items() if c == "campaign"), None)
    if camp is None or types[camp] != "VARCHAR" or not plain.startswith("read_parquet("):
        return _campaign_sql(canon)
    c = ident(camp)
    odd = con.execute(
        f"SELECT count(*) FROM (SELECT DISTINCT {c} AS c FROM {plain}) "
        "WHERE c IS NULL OR c = '' OR c <> trim(c)"
    ).fetchall()[0][0]
    return c if not odd else _campaign_sql(canon)


def _duplicate_ids(
    con: Any, rel: str, pid: str, canon: dict[str, str], source: str
) -> list[Problem]:
    """Rows whose (campaign, prospect_id) occurs more than once, in SQL."""
    camp_sql = _campaign_sql(canon)
    p = f"trim(CAST({ident(pid)} AS VARCHAR))"
    # the heavy pass groups 64-bit hashes of the pairs (one per row of the file); only the
    # rows of hashes seen twice (true duplicates or, rarely, colliding pairs) are then
    # grouped by the pairs themselves, which is exact
    hashed = f"hash({camp_sql}, {p})"
    seen_twice = f"SELECT {hashed} AS h FROM {rel} WHERE {p} <> '' GROUP BY 1 HAVING count(*) > 1"
    if not con.execute(f"SELECT count(*) FROM ({seen_twice})").fetchall()[0][0]:
        return []
    dup = (
        f"SELECT {camp_sql} AS c, {p} AS k FROM {rel} WHERE {p} <> '' AND {hashed} IN "
        f"(SELECT h FROM ({seen_twice})) GROUP BY ALL HAVING count(*) > 1"
    )
    n_ids = con.execute(f"SELECT count(*) FROM ({dup})").fetchall()[0][0]
    if not n_ids:
        return []
    rows = [
        int(r[0]) + 2
        for r in con.execute(
            f"SELECT __row FROM {rel} WHERE ({camp_sql}, {p}) IN (SELECT (c, k) FROM ({dup})) "
            f"ORDER BY __row LIMIT {MAX_ROWS}"
        ).fetchall()
    ]
    return [
        Problem(
            "prospect_id",
            tuple(rows),
            Note(
                "data_row.duplicate_ids" if n_ids > 1 else "data_row.duplicate_id",
                n=n_ids,
                rows=and_list(str(r) for r in rows[:2]),
            ),
        )
    ]


def _with_all_rows(
    con: Any,
    rel: str,
    types: dict[str, str],
    canon: dict[str, str],
    pid: str | None,
    exc: InputError,
    sql_problems: list[Problem],
) -> InputError:
    """The validation's error, with the contract's row checks redone in SQL so that they
    name every row (up to :data:`MAX_ROWS`), not only the first of each combination."""
    by_canon = {c: h for h, c in canon.items()}
    checks: list[tuple[str, str, Note]] = []
    for col in BOOLEAN_COLUMNS:
        h = by_canon.get(col)
        if h is not None:
            checks.append(
                (
                    col,
                    not_boolean_sql(h, types[h]),
                    Note("data_row.bool_bad", found=""),
                )
            )
    h = by_canon.get("employees")
    if h is not None and is_int_type(types[h]):
        checks.append(("employees", f"{ident(h)} < 1", Note("errors.scan.employees_below_one")))
    flags: dict[str, str] = {
        c: by_canon[c] for c in ("meeting", "qualified", "deal") if c in by_canon
    }
    order = [("qualified", "meeting")] if "qualified" in flags else []
    if "deal" in flags:
        order.insert(0, ("deal", "qualified" if "qualified" in flags else "meeting"))
    for later, earlier in order:
        if earlier not in flags:
            continue
        hl, he = flags[later], flags[earlier]
        checks.append(
            (
                later,
                f"({truthy_sql(hl, types[hl])}) AND NOT ({truthy_sql(he, types[he])})",
                Note("data_row.funnel_order", later=later, earlier=earlier),
            )
        )
    if pid is not None:
        checks.append(
            (
                "prospect_id",
                f"({ident(pid)} IS NULL OR trim(CAST({ident(pid)} AS VARCHAR)) = '')",
                Note("data_row.id_missing"),
            )
        )
    found: list[Problem] = []
    for col, cond, message in checks:
        rows = con.execute(
            f"SELECT __row FROM {rel} WHERE {cond} ORDER BY __row LIMIT {MAX_ROWS}"
        ).fetchall()
        if rows:
            found.append(Problem(col, tuple(int(r[0]) + 2 for r in rows), message))
    redone = {p.column for p in found}
    rest = [p for p in exc.problems if p.column not in redone]
    found = [replace(p, header=p.header or by_canon.get(p.column or "")) for p in found]
    return InputError(exc.source, [*found, *sql_problems, *rest])


__all__ = [
    "ENGINE_VARIABLE",
    "MEMORY_LIMIT",
    "SCAN_MIN_BYTES",
    "SCAN_MIN_ROWS",
    "SORT_MAX_ROWS",
    "scan_log",
    "wanted",
    "weighted",
]
