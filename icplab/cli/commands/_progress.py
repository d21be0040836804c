"""Progress of ``icplab run`` on stderr: a bar with the time left on a terminal, plain
lines elsewhere (cron, CI logs).

Examples
--------
>>> import io
>>> out = io.StringIO()
>>> bar = RunProgress(total=4, stream=out, tty=False, clock=iter([0.0, 10.0, 20.0]).__next__)
>>> bar.done("overview", True, 10.0)
>>> print(out.getvalue(), end="")
[1/4] ok     overview                           10.0 s   about 30 s left
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

from icplab.cli.commands._text import term_safe
from icplab.cli.terminal import num, say

#: Characters of the bar on a terminal.
BAR_WIDTH = 24


def format_seconds(seconds: float) -> str:
    """``45 s``, ``3 min 20 s``, ``1 h 05 min``.

    Examples
    --------
    >>> format_seconds(45.2), format_seconds(200), format_seconds(3900)
    ('45 s', '3 min 20 s', '1 h 05 min')
    """
    s = int(round(seconds))
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min {s % 60:02d} s" if s % 60 else f"{s // 60} min"
    return f"{s // 3600} h {s % 3600 // 60:02d} min"  # the same units in English and German


class RunProgress:
    """Reports finished notebooks with the estimated time left.

    The estimate is the mean wall time per finished report (parallel slots included)
    times the reports still to come.
    """

    def __init__(
        self,
        total: int,
        stream: TextIO | None = None,
        tty: bool | None = None,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        self.total = max(total, 0)
        self.stream = stream if stream is not None else sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.clock = clock
        self.start = clock()
        self.finished = 0

    def left(self) -> str:
        if self.finished == 0 or self.finished >= self.total:
            return ""
        per = (self.clock() - self.start) / self.finished
        return say("cli.run.left", left=format_seconds(per * (self.total - self.finished)))

    def done(self, name: str, ok: bool, seconds: float, error: str = "") -> None:
        """One report finished."""
        self.finished += 1
        status = f"{say('cli.run.ok' if ok else 'cli.run.failed'):<6}"
        count = f"[{self.finished}/{self.total}]"
        left = self.left()
        line = f"{count} {status} {term_safe(name):<32} {num(seconds, 1):>6} s"
        error = term_safe(error)
        if self.tty:
            filled = int(BAR_WIDTH * self.finished / max(self.total, 1))
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            # clear the bar, print the finished report, redraw the bar below it
            self.stream.write("\r\033[K" + line + (f"  {error}" if error else "") + "\n")
            if self.finished < self.total:
                self.stream.write(f"[{bar}] {self.finished}/{self.total}  {left}")
        else:
            self.stream.write(
                line + (f"   {left}" if left else "") + (f"  {error}" if error else "") + "\n"
            )
        self.stream.flush()
