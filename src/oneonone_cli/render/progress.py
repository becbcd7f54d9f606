"""The progress bar of a long first analysis, on stderr and only on a terminal.

`analysis_progress()` gives the callback the services call as `progress(done, total)` while
they analyse notes not analysed yet, or None when stderr is not a terminal (a script or a pipe
never sees a bar). The bar appears only once the work is worth it: straight away for more than
MANY notes, otherwise after DELAY seconds. rich is imported only when a bar is drawn."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any, TextIO

from oneonone_cli import messages

DELAY = 1.0  # seconds of analysis before a bar appears
MANY = 5_000  # more notes than this to analyse: the bar appears at once


class AnalysisBar:
    """A `progress(done, total)` callback that draws a transient bar on `stream` when due."""

    def __init__(
        self,
        stream: TextIO,
        *,
        delay: float = DELAY,
        many: int = MANY,
        clock: Callable[[], float] = time.monotonic,
        label: str | None = None,
    ) -> None:
        self.stream = stream
        self.label = messages.ANALYSING_NOTES if label is None else label
        self.delay = delay
        self.many = many
        self.clock = clock
        self._started = 0.0
        self._bar: Any = None
        self._task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if done == 0:
            self._started = self.clock()  # a new batch of notes
        if self._bar is None:
            if done >= total:
                return
            if total <= self.many and self.clock() - self._started < self.delay:
                return
            self._open(total)
        self._bar.update(self._task, completed=done, total=total)
        if done >= total:
            self.close()

    def _open(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self._bar = Progress(
            TextColumn(self.label),
            BarColumn(),
            MofNCompleteColumn(),
            console=Console(file=self.stream),
            transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task("analyse", total=total)

    def close(self) -> None:
        """Take the bar away (also when the analysis stopped half way)."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def analysis_progress(
    stream: TextIO | None = None, *, label: str | None = None, many: int = MANY
) -> AnalysisBar | None:
    """The progress callback for a first analysis (or what `label` names: an export, an
    import), or None when `stream` (stderr by default) is not a terminal."""
    stream = sys.stderr if stream is None else stream
    isatty = getattr(stream, "isatty", None)
    try:
        tty = bool(isatty()) if isatty is not None else False
    except (OSError, ValueError):  # a closed or odd stream
        tty = False
    return AnalysisBar(stream, label=label, many=many) if tty else None
