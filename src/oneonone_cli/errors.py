"""The one exception type for everything the user can fix, and named exit codes."""

from __future__ import annotations

import signal
from enum import IntEnum


class Exit(IntEnum):
    OK = 0
    PROBLEM = 1  # something the user can fix: unknown handle, bad date, unreadable database
    USAGE = 2  # the command line itself is wrong


class OneOnOneError(Exception):
    """A problem the user can fix. The message is one line: what is wrong and what to do."""

    exit_code: int = Exit.PROBLEM

    def __init__(self, message: str, *, exit_code: int = Exit.PROBLEM) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class NotInJournal(OneOnOneError):
    """Someone or something named is not in the journal. When the journal itself was missing
    (a typo in --db), the one line says that too: the name was probably right."""


class NoteChangedMeanwhile(OneOnOneError):
    """A note edited in the editor was changed (or removed: `gone`) by another command before
    the save: nothing was written."""

    def __init__(self, message: str, *, gone: bool) -> None:
        super().__init__(message)
        self.gone = gone


def usage_error(message: str) -> OneOnOneError:
    return OneOnOneError(message, exit_code=Exit.USAGE)


def shown(value: str, limit: int = 40) -> str:
    """A value the user typed, as an error message quotes it: at most `limit` characters (a
    100,000-character argument must not make a 100 KB line)."""
    return value if len(value) <= limit else value[: limit - 3] + "..."


# The signals that stop a command, and that it answers by rolling back and keeping what was typed.
STOP_SIGNALS = tuple(getattr(signal, n) for n in ("SIGHUP", "SIGTERM") if hasattr(signal, n))


class Signalled(BaseException):
    """SIGHUP or SIGTERM arrived while a command ran (a BaseException, like Ctrl-C's
    KeyboardInterrupt: no `except Exception` may swallow it). Raised where the command was,
    so that its transaction rolls back and its temporary files go."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name


def raise_signalled(signum, frame) -> None:
    raise Signalled(signum)


# The stop signals whose `Signalled` Python swallowed. The handler raises where the command is,
# but Python ignores what is raised in some places (a weakref callback of the import machinery,
# a __del__) and hands it to sys.unraisablehook: there the run would go on as if no signal
# came. Remembered here by the hook below, the signal is raised again at the next safe point
# (before a transaction commits) and answered at the exit point in any case.
_PENDING: list[int] = []


def pending_signal() -> int | None:
    """The first stop signal that arrived and was not yet answered; None if none."""
    return _PENDING[0] if _PENDING else None


def answered() -> None:
    """The swallowed stop signals so far are answered (the exit point said so): forget them."""
    _PENDING.clear()


def raise_if_signalled() -> None:
    """Raise `Signalled` again for a stop signal whose first raise was swallowed."""
    signum = pending_signal()
    if signum is not None:
        raise Signalled(signum)


def quiet_swallowed_signals():
    """From now on a `Signalled` that Python cannot raise (the handler ran in a weakref callback
    or a __del__) prints no 'Exception ignored' traceback: the signal is remembered, to be
    raised again and answered in one line. The previous hook, to put back."""
    import sys

    previous = sys.unraisablehook

    def hook(unraisable) -> None:
        if isinstance(unraisable.exc_value, Signalled):
            _PENDING.append(unraisable.exc_value.signum)
        else:
            previous(unraisable)

    sys.unraisablehook = hook
    return previous
