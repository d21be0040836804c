"""Pseudonyms: a ``prospect_id`` that is an e-mail address becomes a stable keyed hash.

The key is the workspace's random secret (``.icplab/pseudonym.key``, 0600) inside
:func:`pseudonym_key`, else a random key of this process, so an address never appears in a
message or output and cannot be found again from its pseudonym.

Examples
--------
>>> pseudonym("Anna@Example.de") == pseudonym(" anna@example.de")
True
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import hmac
import secrets
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from icplab.data.scrub import EMAIL_RE

#: The workspace's pseudonym secret, relative to the workspace root (0600).
SECRET_PATH = Path(".icplab") / "pseudonym.key"
_PROCESS_KEY = secrets.token_bytes(32)
_KEY: contextvars.ContextVar[bytes] = contextvars.ContextVar("icplab_pseudonym_key")


def pseudonym(value: str) -> str:
    """A stable pseudonym for an e-mail address used as prospect_id (keyed hash).

    The same address (any case, surrounding spaces) always gives the same pseudonym under
    the same key: the workspace's random secret inside :func:`pseudonym_key`, else a
    random key of this process. Without the key the address cannot be found again from
    the pseudonym (no constant key to try addresses against).
    """
    key = _KEY.get(_PROCESS_KEY)
    digest = hmac.new(key, value.strip().casefold().encode(), hashlib.sha256).hexdigest()
    return f"p-{digest[:16]}"


def workspace_secret(root: Path) -> bytes:
    """The workspace's pseudonym secret (``.icplab/pseudonym.key``), created on first use:
    32 random bytes, readable by the owner only (0600). Falls back to the process key
    when the workspace cannot be written.
    """
    from icplab.core.files import safe_mkdir, write_private

    path = Path(root) / SECRET_PATH
    for _ in range(2):
        try:
            with open(path, "rb") as fh:
                secret = fh.read()
            if len(secret) >= 32:
                return secret
            return _PROCESS_KEY
        except FileNotFoundError:
            pass
        except OSError:
            return _PROCESS_KEY
        try:
            safe_mkdir(path.parent, Path(root))
            write_private(path, secrets.token_bytes(32))
        except FileExistsError:
            continue  # another process wrote it meanwhile: read theirs
        except (OSError, ValueError):
            return _PROCESS_KEY
        except Exception:  # an unsafe path (a linked .icplab): never write through it
            return _PROCESS_KEY
    return _PROCESS_KEY


@contextlib.contextmanager
def pseudonym_key(root: Path | None) -> Iterator[None]:
    """Pseudonyms made inside the block use the secret of workspace ``root`` (outside a
    workspace, ``root=None``: the random key of this process)."""
    token = _KEY.set(workspace_secret(root) if root is not None else _PROCESS_KEY)
    try:
        yield
    finally:
        _KEY.reset(token)


def pseudonymise_ids(ids: pd.Series) -> tuple[pd.Series, bool]:
    """Replace prospect IDs that are e-mail addresses by pseudonyms (per distinct value).

    Returns the new IDs and whether any was replaced.

    Examples
    --------
    >>> new, changed = pseudonymise_ids(pd.Series(["p1", "anna@example.de"]))
    >>> new[0], new[1].startswith("p-"), changed
    ('p1', True, True)
    """
    if pd.api.types.is_numeric_dtype(ids.dtype):
        return ids, False
    # cheap pre-check (vectorised, no regex): only cells with an '@' can be addresses
    if isinstance(ids.dtype, pd.CategoricalDtype):
        has_at = ids.cat.categories.astype(str).str.contains("@", regex=False)
        if not has_at.any():
            return ids, False
        ids = ids.astype(object)
    at = ids.astype(str).str.contains("@", regex=False).to_numpy(dtype=bool, na_value=False)
    if not at.any():
        return ids, False
    codes, uniques = pd.factorize(ids[at], use_na_sentinel=True)
    text = pd.Series(np.asarray(uniques, dtype=object)).astype(str)
    is_mail = text.str.contains(EMAIL_RE, regex=True).to_numpy()
    if not is_mail.any():
        return ids, False
    new = text.to_numpy(dtype=object).copy()
    new[is_mail] = [pseudonym(v) for v in text[is_mail]]
    out = ids.to_numpy(dtype=object).copy()
    out[at] = new[codes]
    return pd.Series(out, index=ids.index, dtype=object), True
