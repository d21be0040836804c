"""A warm Jupyter kernel that a batch worker reuses for its notebooks, one after another.

Starting a kernel and importing numpy, pandas, scipy, statsmodels, matplotlib and icplab
takes about two seconds of CPU per notebook, more than most reports need for their own
work. A worker therefore keeps one kernel and runs its notebooks in it in turn:

* before each notebook the kernel's namespace is cleared (``%reset -f``), open figures
  are closed and its working folder is set to the notebook's run folder, so a report sees
  only its own parameters and writes only into its own folder;
* after a notebook that failed in any way (an error in a cell, a timeout, a kernel that
  died) the kernel is shut down and the next notebook gets a fresh one, so one failing
  report cannot take another down;
* after :data:`MAX_NOTEBOOKS` notebooks the kernel is replaced too (bounded memory).

The modules every report needs are imported once, when the kernel starts
(:data:`WARM_IMPORTS`); a worker starts its kernel in a thread
(:meth:`WarmKernel.start_in_background`) before its own imports, so the two overlap.
"""

from __future__ import annotations

import contextlib
import threading
from typing import Any

#: Notebooks one kernel runs before it is replaced by a fresh one.
MAX_NOTEBOOKS = 40
#: Seconds to wait for a kernel to start and answer.
START_TIMEOUT = 120.0
#: Code run once in every new kernel: the imports all reports share.
WARM_IMPORTS = """\
import matplotlib
import matplotlib.pyplot
import icplab.report.notebook_kit
import icplab.report.plots
import icplab.report.content
import icplab.report.funnel_report
import icplab.data.load
"""
#: Code run in the kernel before each notebook (``{cwd!r}`` is its run folder).
PRELUDE = '__import__("icplab.batch.kernel", fromlist=["fresh"]).fresh({cwd!r})'


def fresh(cwd: str) -> None:
    """Clear the calling IPython kernel for the next notebook (runs inside the kernel).

    Deletes every user name (what ``%reset -f`` deletes, without its slow garbage
    collection), the output history, closes all figures, restores matplotlib's settings of
    the kernel's start and moves to ``cwd``.
    """
    import os

    import matplotlib
    import matplotlib.pyplot as plt
    from IPython import get_ipython

    ip = get_ipython()
    hidden = ip.user_ns_hidden
    for name in [k for k in ip.user_ns if k not in hidden]:
        del ip.user_ns[name]
    ip.user_ns.get("_oh", {}).clear()
    plt.close("all")
    saved = getattr(fresh, "rc", None)
    if saved is None:
        fresh.rc = dict(matplotlib.rcParams)  # type: ignore[attr-defined]
    else:
        with contextlib.suppress(Exception):
            matplotlib.rcParams.update(saved)
    os.chdir(cwd)


class KernelPrepareError(RuntimeError):
    """The warm kernel could not be started or prepared for the next notebook."""


class WarmKernel:
    """One kernel reused for successive notebooks of a worker (see the module docstring).

    Parameters
    ----------
    kernel_name
        Jupyter kernel to start (``python3``).
    """

    def __init__(self, kernel_name: str):
        self.kernel_name = kernel_name
        self.km: Any = None
        self.notebooks = 0

    def alive(self) -> bool:
        """Whether a kernel is running."""
        if self.km is None:
            return False
        from jupyter_client.utils import run_sync

        try:
            return bool(run_sync(self.km.is_alive)())
        except Exception:
            return False

    def ready(self) -> Any:
        """The kernel manager of a running kernel (the engine of :func:`warm_engine_name`
        clears it with :data:`PRELUDE` before the notebook's first cell).

        Starts a fresh kernel when there is none, it died or it ran
        :data:`MAX_NOTEBOOKS` notebooks.

        Raises
        ------
        KernelPrepareError
            When no kernel could be started or prepared (the caller then runs the notebook
            the ordinary way, in a kernel of its own).
        """
        if self.km is not None and (self.notebooks >= MAX_NOTEBOOKS or not self.alive()):
            self.discard()
        try:
            if self.km is None:
                self._start()
        except Exception as exc:
            self.discard()
            raise KernelPrepareError(f"{type(exc).__name__}: {exc}") from exc
        self.notebooks += 1
        return self.km

    def start_in_background(self) -> threading.Thread:
        """Start the kernel (and its imports) in a thread; join it before :meth:`ready`.

        A failure is not raised here: the kernel is then absent and :meth:`ready` starts
        one (or reports why it cannot).
        """

        def start() -> None:
            try:
                if self.km is None:
                    self._start()
            except Exception:
                self.discard()

        thread = threading.Thread(target=start, name="icplab-kernel-start", daemon=True)
        thread.start()
        return thread

    def _start(self) -> None:
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_client.utils import run_sync

        km = AsyncKernelManager(kernel_name=self.kernel_name)
        run_sync(km.start_kernel)()
        self.km = km
        self.notebooks = 0
        self._run(WARM_IMPORTS + "\n" + PRELUDE.format(cwd="."))  # records the rc settings

    def _run(self, code: str) -> None:
        """Execute ``code`` in the kernel (output discarded); raise when it fails."""
        kc = self.km.blocking_client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=START_TIMEOUT)
            reply = kc.execute_interactive(
                code,
                silent=False,
                store_history=False,
                timeout=START_TIMEOUT,
                output_hook=lambda msg: None,
            )
            content = reply.get("content", {})
            if content.get("status") != "ok":
                raise RuntimeError(f"{content.get('ename', 'error')}: {content.get('evalue', '')}")
        finally:
            kc.stop_channels()

    def discard(self) -> None:
        """Shut the kernel down now (the next :meth:`ready` starts a fresh one)."""
        km, self.km = self.km, None
        if km is None:
            return
        from jupyter_client.utils import run_sync

        with contextlib.suppress(Exception):
            run_sync(km.shutdown_kernel)(now=True)


#: Options of papermill's execution manager (progress, saving) among an engine's keywords.
_MANAGER = ("output_path", "progress_bar", "log_output", "autosave_cell_every")


def warm_engine_name() -> str:
    """Register (once) and return the papermill engine that runs on a given kernel manager.

    papermill's own engine creates a kernel per notebook; this one takes ``km=`` (a running
    :class:`jupyter_client.AsyncKernelManager`) and ``prelude=`` (code run before the first
    cell, :data:`PRELUDE`), leaves the kernel running afterwards and closes its own
    client's channels. It writes the output notebook when the run ends (and at most every
    ``autosave_cell_every`` seconds during it), not twice per cell as papermill does.
    """
    from papermill.engines import NBClientEngine, NotebookExecutionManager, papermill_engines
    from papermill.utils import merge_kwargs, remove_args

    name = "icplab-warm"
    if name in papermill_engines._engines:
        return name

    class LazySaves(NotebookExecutionManager):
        final = False

        def save(self, **kwargs: Any) -> None:
            if kwargs.get("nb") is not None:
                self.nb = kwargs["nb"]
            age = (self.now() - self.last_save_time).total_seconds()
            if self.final or age >= self.autosave_cell_every:
                super().save()

        def notebook_complete(self, **kwargs: Any) -> None:
            self.final = True
            super().notebook_complete(**kwargs)

    class WarmEngine(NBClientEngine):
        @classmethod
        def execute_notebook(cls, nb: Any, kernel_name: str, **kwargs: Any) -> Any:
            # papermill passes the manager's options with the kernel's: split them
            manager = {"progress_bar": False, **{k: kwargs.pop(k) for k in _MANAGER if k in kwargs}}
            nb_man = LazySaves(nb, **manager)
            nb_man.notebook_start()
            try:
                log_output = manager.get("log_output", False)
                cls.execute_managed_notebook(nb_man, kernel_name, log_output=log_output, **kwargs)
            finally:
                nb_man.cleanup_pbar()
                nb_man.notebook_complete()
            return nb_man.nb

        @classmethod
        def execute_managed_notebook(
            cls,
            nb_man: Any,
            kernel_name: str,
            log_output: bool = False,
            stdout_file: Any = None,
            stderr_file: Any = None,
            start_timeout: float = 60,
            execution_timeout: float | None = None,
            **kwargs: Any,
        ) -> Any:
            from jupyter_client.utils import run_sync
            from papermill.clientwrap import PapermillNotebookClient

            km = kwargs.pop("km")
            prelude = kwargs.pop("prelude", "")
            kwargs = remove_args(["input_path", "timeout", "startup_timeout", "cwd"], **kwargs)
            final = merge_kwargs(
                kwargs,
                timeout=execution_timeout,
                startup_timeout=start_timeout,
                kernel_name=kernel_name,
                log_output=log_output,
                stdout_file=stdout_file,
                stderr_file=stderr_file,
            )
            client = PapermillNotebookClient(nb_man, km=km, **final)
            try:
                if prelude:
                    run_sync(client.async_start_new_kernel_client)()
                    reply = client.wait_for_reply(
                        client.kc.execute(prelude, silent=True, store_history=False)
                    )
                    content = (reply or {}).get("content", {})
                    if content.get("status") != "ok":
                        raise KernelPrepareError(
                            f"{content.get('ename', 'no reply')}: {content.get('evalue', '')}"
                        )
                return client.execute()
            finally:
                if client.kc is not None:
                    with contextlib.suppress(Exception):
                        client.kc.stop_channels()

    papermill_engines.register(name, WarmEngine)
    return name
