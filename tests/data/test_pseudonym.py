"""icplab.data.pseudonym: e-mail ids become keyed hashes under the workspace's own secret.

The expected pseudonyms are computed here with :mod:`hmac` from the secret file's bytes,
independently of icplab's code.
"""

from __future__ import annotations

import hashlib
import hmac
import stat
from pathlib import Path

import pandas as pd

from icplab.data import personal
from icplab.data import pseudonym as module
from icplab.data.pseudonym import SECRET_PATH, pseudonym, pseudonym_key, pseudonymise_ids


def _expected(key: bytes, address: str) -> str:
    digest = hmac.new(key, address.strip().casefold().encode(), hashlib.sha256).hexdigest()
    return "p-" + digest[:16]


def test_a_pseudonym_is_the_hmac_under_the_workspace_secret(tmp_path: Path) -> None:
    with pseudonym_key(tmp_path):
        got = pseudonym(" Anna.Roth@Example.DE ")
    secret = (tmp_path / SECRET_PATH).read_bytes()
    assert len(secret) >= 32
    assert stat.S_IMODE((tmp_path / SECRET_PATH).stat().st_mode) == 0o600
    assert got == _expected(secret, "anna.roth@example.de")


def test_two_workspaces_give_two_pseudonyms(tmp_path: Path) -> None:
    with pseudonym_key(tmp_path / "a"):
        a = pseudonym("lead@kunde.example")
    with pseudonym_key(tmp_path / "b"):
        b = pseudonym("lead@kunde.example")
    assert a != b


def test_only_addresses_are_replaced_and_the_same_one_alike(tmp_path: Path) -> None:
    ids = pd.Series(["p1", "x@kunde.example", "p2", "X@Kunde.example", "at@home"])
    with pseudonym_key(tmp_path):
        new, changed = pseudonymise_ids(ids.astype("category"))
    secret = (tmp_path / SECRET_PATH).read_bytes()
    assert changed
    assert new.tolist() == [
        "p1",
        _expected(secret, "x@kunde.example"),
        "p2",
        _expected(secret, "x@kunde.example"),
        "at@home",  # no domain: not an address
    ]


def test_the_old_module_still_exports_the_same_objects() -> None:
    for name in ("SECRET_PATH", "pseudonym", "pseudonym_key", "pseudonymise_ids"):
        assert getattr(personal, name) is getattr(module, name)
    assert personal.workspace_secret is module.workspace_secret
