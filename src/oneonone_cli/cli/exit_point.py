"""The one exit point: every run ends in `ExitPoint.main`, which turns each problem the user can
fix into one line on stderr and an exit code, stops cleanly on SIGTERM/SIGHUP and Ctrl-C, and
says when the output could not be written (a full disk, a closed pipe)."""

# No `from __future__ import annotations`, as in the command modules (see app.py).
import os
import sys
from pathlib import Path

from typer.core import TyperGroup

from oneonone_cli import messages
from oneonone_cli.errors import Exit, OneOnOneError, Signalled
from oneonone_cli.render import output

# ---------------------------------------------------------------- the one exit point


class ExitPoint(TyperGroup):
    """Runs the app and turns every problem the user can fix into one line on stderr."""

    def main(self, *args, standalone_mode: bool = True, **kwargs):
        from typer._click.exceptions import ClickException
        from typer.exceptions import Abort

        from oneonone_cli import errors

        code = Exit.OK
        before = _journal_activity()
        stops = _stop_on_signals()
        unraisable = errors.quiet_swallowed_signals()
        if sys.stdout is None:  # started with stdout closed (>&-): output goes nowhere
            sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
        if sys.stderr is None:  # started with stderr closed (2>&-): the exit code still tells
            sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
        try:
            argv = kwargs.get("args", args[0] if args else None)
            _check_arguments(sys.argv[1:] if argv is None else argv)
            result = super().main(*args, standalone_mode=False, **kwargs)
            code = result if isinstance(result, int) else Exit.OK
            if code == INTERRUPTED:  # Typer's silent answer to Ctrl-C (no command returns 130)
                raise KeyboardInterrupt
            errors.raise_if_signalled()  # one whose raise was swallowed: answered here
            sys.stdout.flush()  # output that cannot be written fails here, not at exit
        except OneOnOneError as exc:
            output.error(str(exc))
            code = exc.exit_code
        except ClickException as exc:
            hint = messages.SEE_HELP.format(command="oneonone")
            ctx = getattr(exc, "ctx", None)
            if ctx is not None and ctx.command_path:
                hint = messages.SEE_HELP.format(command=ctx.command_path)
            if "--db" in exc.format_message() and "No such option" in exc.format_message():
                hint = messages.DB_GOES_FIRST
            elif "No such option: --install-completion" in exc.format_message() or (
                "No such option: --show-completion" in exc.format_message()
            ):
                hint = messages.USE_COMPLETION_COMMAND
            elif (
                "No such option: --json" in exc.format_message()
                and ctx is not None
                and ctx.command_path.split()[1:2] == ["prompts"]
            ):
                hint = messages.PROMPTS_JSON_GOES_WITH_SHOW
            output.error(exc.format_message() + hint)
            code = exc.exit_code
        except Signalled as exc:
            errors.answered()
            saved = _journal_activity()[0] > before[0]
            output.error(
                messages.STOPPED_BY.format(
                    signal=exc.name,
                    what=messages.SAVED_BEFORE if saved else messages.NOTHING_WRITTEN,
                )
            )
            code = 128 + exc.signum
        except (Abort, KeyboardInterrupt) as exc:
            saved = _journal_activity()[0] > before[0]
            output.error(messages.INTERRUPTED_SAVED if saved else messages.INTERRUPTED)
            code = INTERRUPTED if isinstance(exc, KeyboardInterrupt) else Exit.PROBLEM
        except BrokenPipeError:
            # The reader went away (`| head`, `| true`): not an error, as for git. What this
            # command did is kept; its output has nowhere to go.
            _silence_stdout()
            code = Exit.OK
        except SystemExit as exc:
            # Typer's own answer to a closed pipe during the command (exit 1 in silence, with
            # stdout wrapped), or rich's (exit 1 from Console.on_broken_pipe). A closed pipe
            # is not an error (see above).
            import traceback

            by_rich = any(
                f.name == "on_broken_pipe" for f in traceback.extract_tb(exc.__traceback__)
            )
            if type(sys.stdout).__name__ != "PacifyFlushWrapper" and not by_rich:
                raise
            sys.stdout = getattr(sys.stdout, "wrapped", sys.stdout)
            _silence_stdout()
            code = Exit.OK if exc.code == 1 else exc.code
        except Exception as exc:
            saved, rolled_back = (
                now - then for now, then in zip(_journal_activity(), before, strict=True)
            )
            # sqlite3 is looked up, not imported: a command that never opened the journal
            # (--help) cannot have raised its errors, and should not pay for loading it.
            # An encrypted journal raises SQLCipher's own (unrelated) classes.
            drivers = (sys.modules.get("sqlite3"), sys.modules.get("sqlcipher3.dbapi2"))
            if isinstance(exc, UnicodeEncodeError) and "surrogate" in str(exc):
                output.error(
                    messages.VALUE_NOT_UTF8 + ("" if saved else messages.NOTHING_WRITTEN_TAIL)
                )
            elif _output_failed(exc):
                _silence_stdout()
                output.error(_output_message(exc, saved=bool(saved)))
            elif any(m is not None and isinstance(exc, m.DatabaseError) for m in drivers):
                output.error(_sqlite_message(exc))
            elif isinstance(exc, OSError) and exc.filename is not None and not debugging():
                # A path the system refuses (a name too long, a loop of links, a file where a
                # folder should be): our own code checks the usual cases; this says the rest.
                output.error(
                    messages.PATH_REFUSED.format(
                        path=exc.filename, reason=exc.strerror or type(exc).__name__
                    )
                    + ("" if saved else messages.NOTHING_WRITTEN_TAIL)
                )
            elif debugging():
                raise
            else:  # a bug: say where, never what (messages may hold note text)
                output.error(_crash_message(exc, saved=bool(saved), rolled_back=bool(rolled_back)))
            code = Exit.PROBLEM
        finally:
            errors.answered()  # a later run in this process (tests, embedding) starts clean
            sys.unraisablehook = unraisable
            if standalone_mode:
                _end_on_signals(stops, code)
            else:
                _restore_signals(stops)
        if standalone_mode:
            sys.exit(code)
        return code


INTERRUPTED = 130  # 128 + SIGINT, as a shell reports Ctrl-C


def _stop_on_signals() -> dict:
    """SIGTERM and SIGHUP raise `Signalled` where the command is, so that a write in progress
    rolls back and temporary files (a backup's partial copy) go; the previous handlers, to put
    back. (Only in the main thread: an embedding program's threads keep theirs.)"""
    import signal

    from oneonone_cli.errors import STOP_SIGNALS, raise_signalled

    previous = {}
    for signum in STOP_SIGNALS:
        try:
            previous[signum] = signal.signal(signum, raise_signalled)
        except ValueError:  # not the main thread
            break
    return previous


def _end_on_signals(previous: dict, code: int) -> None:
    """The command is done and has said how it went; the process ends now. A stop signal from
    here on ends it with that same code, never by the default action (killed, no message,
    after its change may have been saved)."""
    import signal

    def end(signum, frame):
        raise SystemExit(code)

    for signum in previous:
        signal.signal(signum, end)


def _restore_signals(previous: dict) -> None:
    import signal

    for signum, handler in previous.items():
        signal.signal(signum, handler)


def debugging() -> bool:
    """ONEONONE_DEBUG=1 (or true, yes) shows tracebacks; 0, false, no or empty do not."""
    return os.environ.get("ONEONONE_DEBUG", "").strip().lower() in ("1", "true", "yes", "on")


def _journal_activity() -> tuple[int, int]:
    """(commits, rollbacks) of journal transactions so far in this process."""
    store = sys.modules.get("oneonone_cli.store.connection")
    return (0, 0) if store is None else (store.COMMITS, store.ROLLBACKS)


def _check_arguments(argv) -> None:
    """Refuse, before anything runs, an argument that is not valid UTF-8 (Python carries its
    bytes as lone surrogates, which nothing can store or print). `--db` takes a file name,
    which may be any bytes."""
    after_db = False
    for n, arg in enumerate(argv or (), start=1):
        path, after_db = after_db, arg == "--db"
        if not isinstance(arg, str) or path or arg.startswith("--db="):
            continue  # a file name is any bytes the system allows
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            raise OneOnOneError(messages.ARGUMENT_NOT_UTF8.format(n=n, value=shown)) from None


def _output_failed(exc: BaseException) -> bool:
    """True when writing the command's output (stdout) failed: the disk behind a redirect is
    full, the stream was closed, ... (not the journal, whose errors are SQLite's own). Judged
    by where the error was raised - the innermost frame outside the standard library - not by
    any frame on the way: bad data met while a report is rendered is not an output failure."""
    if not isinstance(exc, (OSError, ValueError)):
        return False
    frame = _raised_at(exc)
    return frame is not None and _writes_output(frame.filename.replace(os.sep, "/"), frame)


def _raised_at(exc: BaseException):
    """The innermost frame of the traceback outside the standard library (json, codecs, ...:
    their caller is where it went wrong); the innermost one if all are in it; None if none."""
    import sysconfig
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)
    stdlib = sysconfig.get_paths()["stdlib"].replace(os.sep, "/") + "/"
    for frame in reversed(frames):
        name = frame.filename.replace(os.sep, "/")
        if not name.startswith(stdlib) or "-packages/" in name:
            return frame
    return frames[-1] if frames else None


def _writes_output(name: str, frame) -> bool:
    """Whether this frame is one that writes the command's output."""
    if name.endswith("/oneonone_cli/render/output.py") or "/rich/" in name or "/_click/" in name:
        return True  # our output, or Typer's (--help, usage)
    if name.endswith("oneonone_cli/cli/app.py") and frame.name in ("_version", "root"):
        return True
    return (
        name.endswith("oneonone_cli/cli/exit_point.py")
        and frame.name == "main"
        and "flush" in (frame.line or "")
    )


def _output_message(exc: BaseException, *, saved: bool) -> str:
    reason = getattr(exc, "strerror", None) or type(exc).__name__
    if saved:
        return messages.OUTPUT_FAILED_SAVED.format(reason=reason)
    return messages.OUTPUT_FAILED.format(reason=reason)


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's last flush at exit cannot fail again."""
    try:
        fd = sys.stdout.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a real file (tests), or already closed
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


def _crash_message(exc: BaseException, *, saved: bool = False, rolled_back: bool = False) -> str:
    frame = _raised_at(exc)
    where = (
        messages.ERROR_AT.format(file=Path(frame.filename).name, line=frame.lineno)
        if frame is not None
        else ""
    )
    if rolled_back:
        what = messages.ROLLED_BACK
    elif saved:
        what = messages.SAVED_BEFORE_IT
    else:
        what = messages.NOTHING_WRITTEN
    return messages.UNEXPECTED_ERROR.format(error=type(exc).__name__, where=where, what=what)


def _sqlite_message(exc: Exception) -> str:
    text = str(exc)
    if type(exc).__name__ != "OperationalError" or "malformed" in text:  # sqlite3's or SQLCipher's
        from oneonone_cli.store.connection import unreadable_message

        return unreadable_message(None, exc)
    if "readonly" in text:
        return messages.JOURNAL_READ_ONLY
    if "locked" in text or "busy" in text:
        return messages.JOURNAL_BUSY
    if "disk" in text or "full" in text:
        return messages.JOURNAL_DISK_FULL.format(error=text)
    return messages.JOURNAL_UNUSABLE.format(error=text)
