"""Terminal-safe text: user-provided labels (levels, reasons) without control characters.

Examples
--------
>>> term_safe("IT\\x1b[31m red")
'IT?[31m red'
"""

from __future__ import annotations

import re
from typing import Any

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def term_safe(value: Any) -> str:
    """``value`` as text with control characters (escape sequences, ...) replaced by ``?``."""
    return _CONTROL.sub("?", str(value))
