"""A cache of validated logs, so the many reads of one file in a nightly run validate it once.

A nightly ``icplab run`` reads the same export in every report notebook, and scripts call
``icplab compare`` / ``check`` on it again and again. Validation of every row (funnel
order, duplicates, booleans, dates, personal data by content) is most of the time a
command takes on a large file, and its result only changes when the file, the column
mapping or the size bands change.

The cache lives in the workspace (``.icplab/cache/`` next to ``icplab.toml``) and is used
only inside a workspace. An entry is keyed by the file's absolute path, size,
modification time and content hash (SHA-256: an edit that keeps the size and restores the
modification time is still a new file), the column mapping, the size bands, the reader
(``engine``: the DuckDB scan's log holds value combinations without ``prospect_id``, the
ordinary reader's one row per contact, so neither may stand in for the other) and the
icplab version; a changed file is validated again. Only what validation produced is stored (personal columns are
already dropped, e-mail ids already pseudonymised), and only after validation succeeded.
Of its columns only the contract's and those the configuration names are stored
(:mod:`icplab.data.keep`); the names of the others are recorded (``unstored``), so a
command that names one of them (``--by status``) validates the file again instead.
Any problem with the cache (unreadable, read-only folder, a column Parquet cannot hold)
falls back to validating the file: the cache never changes a result.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> from icplab.data.sample import generate_outreach
>>> root = Path(tempfile.mkdtemp())
>>> generate_outreach(200, seed=1).to_csv(root / "log.csv", index=False)
>>> key = cache_key(root / "log.csv", mapping=None, size_bands=None, engine="pandas")
>>> lookup(root, key) is None
True
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from icplab.data.keep import kept_columns

#: Bump when the canonical frame's layout changes, so old entries are not read.
CACHE_VERSION = "2"
#: Folder of the cache, relative to the workspace root.
CACHE_DIR = Path(".icplab") / "cache"


def cache_key(
    path: Path, *, mapping: Any, size_bands: Any, engine: str, named: Iterable[str] = ()
) -> str | None:
    """The key of ``path`` as validated with ``mapping`` and ``size_bands`` by the reader
    ``engine`` (``"pandas"`` or ``"duckdb"``, :func:`icplab.data.scan.chosen_engine`),
    storing the columns ``named`` besides the contract's (``None`` when the file cannot be
    stat'ed)."""
    from icplab import __version__

    try:
        st = Path(path).stat()
        with open(path, "rb") as fh:
            content = hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None
    material = json.dumps(
        [
            str(Path(path).resolve()),
            st.st_size,
            st.st_mtime_ns,
            content,
            repr(mapping),
            repr(size_bands),
            sorted(named),
            engine,
            __version__,
            CACHE_VERSION,
        ]
    )
    return hashlib.sha256(material.encode()).hexdigest()[:32]


def _entry(root: Path, key: str) -> tuple[Path, Path]:
    folder = Path(root) / CACHE_DIR
    return folder / f"{key}.parquet", folder / f"{key}.json"


def lookup(root: Path, key: str | None) -> tuple[Any, dict[str, Any]] | None:
    """The cached validated frame and its metadata (``source``, ``aggregated``,
    ``size_bands``, ``read``, ``unstored``: the names of the file's columns not stored)
    for ``key``, or ``None``."""
    if key is None:
        return None
    frame_file, meta_file = _entry(root, key)
    if not (frame_file.is_file() and meta_file.is_file()):
        return None
    try:
        import pandas as pd

        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        frame = pd.read_parquet(frame_file)
        # Parquet may change the dtype of a categorical's categories: restore the original
        for col, cat_dtype in meta.get("category_dtypes", {}).items():
            dtype = frame[col].dtype
            if isinstance(dtype, pd.CategoricalDtype) and str(dtype.categories.dtype) != cat_dtype:
                cats = pd.Index(list(dtype.categories), dtype=cat_dtype)
                frame[col] = pd.Categorical.from_codes(
                    frame[col].cat.codes.to_numpy(), categories=cats, ordered=dtype.ordered
                )
        return frame, meta
    except Exception:
        return None


def store(root: Path, key: str | None, data: Any, named: Iterable[str] = ()) -> None:
    """Keep the validated log ``data`` (an ``OutreachData``) for ``key``: its contract
    columns and those in ``named`` (atomic writes; the oldest entries go)."""
    if key is None:
        return
    frame_file, meta_file = _entry(root, key)
    try:
        import pandas as pd

        from icplab.core.files import safe_mkdir

        folder = frame_file.parent
        safe_mkdir(folder, Path(root))  # never a cache written through a planted link
        bands = data.size_bands
        kept = kept_columns(data.frame.columns, named)
        frame = data.frame[kept]
        meta = {
            "source": data.source,
            "aggregated": data.aggregated,
            "size_bands": {
                "edges": list(bands.edges),
                "names": list(bands.names),
            },
            "read": dataclasses.asdict(data.read),
            "unstored": [str(c) for c in data.frame.columns if c not in set(kept)],
            "category_dtypes": {
                str(col): str(frame[col].cat.categories.dtype)
                for col in frame.columns
                if isinstance(frame[col].dtype, pd.CategoricalDtype)
            },
        }
        fd, tmp = tempfile.mkstemp(prefix=".entry.", suffix=".parquet", dir=folder)
        os.close(fd)
        try:
            frame.to_parquet(tmp)
            os.replace(tmp, frame_file)
        finally:
            Path(tmp).unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".entry.", suffix=".json", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(meta, fh)
        os.replace(tmp, meta_file)
        _prune(folder, keep=key)
    except Exception:
        with contextlib.suppress(OSError):
            frame_file.unlink(missing_ok=True)
            meta_file.unlink(missing_ok=True)


def _prune(folder: Path, keep: str, max_entries: int = 8) -> None:
    """Keep the newest ``max_entries`` entries (and always ``keep``)."""
    entries = sorted(folder.glob("*.parquet"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[max_entries:]:
        if old.stem != keep:
            old.unlink(missing_ok=True)
            old.with_suffix(".json").unlink(missing_ok=True)
