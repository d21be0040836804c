"""Ctrl-C and SIGTERM during a batch run: stop at once and publish nothing.

While :class:`StopSignals` is active (in the main thread), SIGINT and SIGTERM raise
:class:`Interrupted` there, which the runner turns into a clean stop: no new notebook
starts, the worker processes and their kernels are ended, the unfinished run folder is
removed and nothing is published. Inside :meth:`StopSignals.deferred` (publishing, which
takes a moment and must not stop half-way, and the clean-up itself) a signal is only
noted.

Examples
--------
>>> Interrupted(signal.SIGINT).exit_code, Interrupted(signal.SIGTERM).exit_code
(130, 143)
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType
from typing import Any

from icplab.core.errors import IcpLabError
from icplab.core.notes import Note


class Interrupted(BaseException):
    """Raised in the main thread by SIGINT / SIGTERM (a ``BaseException``, so that no
    ``except Exception`` swallows it)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        """128 + the signal number: 130 for Ctrl-C, 143 for SIGTERM."""
        return 128 + int(self.signum)


class RunStopped(IcpLabError):
    """The run was stopped by a signal; nothing new was published."""

    def __init__(self, exit_code: int) -> None:
        super().__init__(Note("errors.run.stopped"))
        self.exit_code = exit_code


class StopSignals:
    """Context manager: SIGINT / SIGTERM raise :class:`Interrupted` (main thread only;
    elsewhere it does nothing and the caller's handlers stay)."""

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self) -> None:
        self._old: dict[int, Any] = {}
        self._defer = False
        self.pending: int | None = None

    def _handler(self, signum: int, frame: FrameType | None) -> None:
        if self._defer:
            self.pending = signum
            return
        raise Interrupted(signum)

    def __enter__(self) -> StopSignals:
        if threading.current_thread() is threading.main_thread():
            for sig in self.SIGNALS:
                self._old[sig] = signal.signal(sig, self._handler)
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, old in self._old.items():
            signal.signal(sig, old)
        self._old.clear()

    @contextlib.contextmanager
    def deferred(self) -> Iterator[None]:
        """Note signals instead of raising them inside the block."""
        before, self._defer = self._defer, True
        try:
            yield
        finally:
            self._defer = before
