"""The Typer apps, the one exit point that turns errors into one line, and shared settings.

Commands live in `commands/`; each parses options, calls the store and the domain, and hands
rows to the renderer."""

# No `from __future__ import annotations` here, as in commands/: Typer would evaluate the root
# callback's annotations from strings on every run.
import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer
from typer.core import TyperCommand, TyperGroup

from oneonone_cli import __version__
from oneonone_cli.render import views as render
from oneonone_cli.errors import Exit, OneOnOneError, Signalled

# ---------------------------------------------------------------- the one exit point


class Group(TyperGroup):
    """Runs the app and turns every problem the user can fix into one line on stderr."""

    def main(self, *args, standalone_mode: bool = True, **kwargs):
        from typer._click.exceptions import ClickException
        from typer.exceptions import Abort

        code = Exit.OK
        before = _journal_activity()
        stops = _stop_on_signals()
        if sys.stdout is None:  # started with stdout closed (>&-): output goes nowhere
            sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
        try:
            argv = kwargs.get("args", args[0] if args else None)
            _check_arguments(sys.argv[1:] if argv is None else argv)
            result = super().main(*args, standalone_mode=False, **kwargs)
            code = result if isinstance(result, int) else Exit.OK
            sys.stdout.flush()  # output that cannot be written fails here, not at exit
        except OneOnOneError as exc:
            render.error(str(exc))
            code = exc.exit_code
        except ClickException as exc:
            hint = " (see 'oneonone --help')"
            ctx = getattr(exc, "ctx", None)
            if ctx is not None and ctx.command_path:
                hint = f" (see '{ctx.command_path} --help')"
            if "--db" in exc.format_message() and "No such option" in exc.format_message():
                hint = " (--db goes before the command: oneonone --db FILE COMMAND ...)"
            render.error(exc.format_message() + hint)
            code = exc.exit_code
        except Signalled as exc:
            saved = _journal_activity()[0] > before[0]
            render.error(f"stopped by {exc.name}: " + (
                "its change was saved before; check the result before running it again"
                if saved else "nothing was written"))  # fmt: skip
            code = 128 + exc.signum
        except (Abort, KeyboardInterrupt):
            saved = _journal_activity()[0] > before[0]
            render.error(
                "interrupted after its change was saved: check the result before running it again"
                if saved else "interrupted: nothing was written"
            )
            code = Exit.PROBLEM
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

            by_rich = any(f.name == "on_broken_pipe" for f in traceback.extract_tb(exc.__traceback__))
            if type(sys.stdout).__name__ != "PacifyFlushWrapper" and not by_rich:
                raise
            sys.stdout = getattr(sys.stdout, "wrapped", sys.stdout)
            _silence_stdout()
            code = Exit.OK if exc.code == 1 else exc.code
        except Exception as exc:
            saved, rolled_back = (now - then for now, then in zip(_journal_activity(), before))
            # sqlite3 is looked up, not imported: a command that never opened the journal
            # (--help) cannot have raised its errors, and should not pay for loading it.
            # An encrypted journal raises SQLCipher's own (unrelated) classes.
            drivers = (sys.modules.get("sqlite3"), sys.modules.get("sqlcipher3.dbapi2"))
            if isinstance(exc, UnicodeEncodeError) and "surrogate" in str(exc):
                render.error(
                    "a value is not valid UTF-8 (an argument, ONEONONE_DB or a file name): "
                    "retype it, or set a UTF-8 locale such as LANG=C.UTF-8"
                    + ("" if saved else "; nothing was written")
                )
            elif _output_failed(exc):
                _silence_stdout()
                render.error(_output_message(exc, saved=bool(saved)))
            elif any(m is not None and isinstance(exc, m.DatabaseError) for m in drivers):
                render.error(_sqlite_message(exc))
            elif isinstance(exc, OSError) and exc.filename is not None and not debugging():
                # A path the system refuses (a name too long, a loop of links, a file where a
                # folder should be): our own code checks the usual cases; this says the rest.
                render.error(
                    f"cannot use {exc.filename} ({exc.strerror or type(exc).__name__}): check "
                    "the path" + ("" if saved else "; nothing was written")
                )
            elif debugging():
                raise
            else:  # a bug: say where, never what (messages may hold note text)
                render.error(_crash_message(exc, saved=bool(saved), rolled_back=bool(rolled_back)))
            code = Exit.PROBLEM
        finally:
            _restore_signals(stops)
        if standalone_mode:
            sys.exit(code)
        return code


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
            raise OneOnOneError(
                f"argument {n} ('{shown}') is not valid UTF-8: retype it, or set a UTF-8 "
                "locale such as LANG=C.UTF-8; nothing was written"
            ) from None


def _output_failed(exc: BaseException) -> bool:
    """True when writing the command's output (stdout) failed: the disk behind a redirect is
    full, the stream was closed, ... (not the journal, whose errors are SQLite's own)."""
    if not isinstance(exc, (OSError, ValueError)):
        return False
    import traceback

    for frame in traceback.extract_tb(exc.__traceback__):
        name = frame.filename.replace(os.sep, "/")
        if name.endswith("oneonone_cli/render.py") or "/rich/" in name or "/_click/" in name:
            return True  # our output, or Typer's (--help, usage)
        if name.endswith("oneonone_cli/app.py") and frame.name == "_version":
            return True
        if name.endswith("oneonone_cli/app.py") and frame.name == "main" and "flush" in (frame.line or ""):
            return True
    return False


def _output_message(exc: BaseException, *, saved: bool) -> str:
    reason = getattr(exc, "strerror", None) or type(exc).__name__
    if saved:
        return (
            f"the change WAS saved, but its output could not be written ({reason}): "
            "do not run it again; check it with 'oneonone show' or 'oneonone people'"
        )
    return f"the output could not be written ({reason}): nothing was changed; fix the output and try again"


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
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    if rolled_back:
        what = "a write it interrupted was rolled back"
    elif saved:
        what = "its change was saved before it; check the result before running it again"
    else:
        what = "nothing was written"
    return (
        f"unexpected error ({type(exc).__name__}{where}): {what}."
        " Please report it; ONEONONE_DEBUG=1 shows the full traceback, which may include notes"
    )


def _sqlite_message(exc: Exception) -> str:
    text = str(exc)
    if type(exc).__name__ != "OperationalError" or "malformed" in text:  # sqlite3's or SQLCipher's
        from oneonone_cli.store.connection import unreadable_message

        return unreadable_message(None, exc)
    if "readonly" in text:
        return ("the journal is read-only: check the permissions of the file and of its -wal "
                "and -shm files beside it, or choose another --db")
    if "locked" in text or "busy" in text:
        return "the journal is busy with another oneonone command: try again in a moment"
    if "disk" in text or "full" in text:
        return f"cannot write the journal ({text}): free some disk space and try again"
    return f"cannot use the journal ({text}): check the --db path"


# The order a manager meets the commands in: --help lists them so, not by module.
COMMAND_ORDER = ("add", "log", "due", "themes", "prompts", "show", "people", "edit", "archive",
                 "cancel", "reschedule", "demo", "backup", "encrypt")  # fmt: skip


class RootGroup(Group):
    """The root command: its --help lists the commands in COMMAND_ORDER."""

    def list_commands(self, ctx):
        names = super().list_commands(ctx)
        rank = {name: i for i, name in enumerate(COMMAND_ORDER)}
        return sorted(names, key=lambda name: rank.get(name, len(rank)))


class Command(TyperCommand):
    """A command whose usage line names a required argument plainly: `log HANDLE`, where Typer
    writes `log {HANDLE}`."""

    def collect_usage_pieces(self, ctx):
        return [p[1:-1] if p.startswith("{") and p.endswith("}") else p
                for p in super().collect_usage_pieces(ctx)]  # fmt: skip


class Typer(typer.Typer):
    """typer.Typer whose commands are `Command`s."""

    def command(self, *args, cls=None, **kwargs):
        return super().command(*args, cls=cls or Command, **kwargs)


app = Typer(
    cls=RootGroup,
    help="A local-first journal for your 1:1s: notes, cadence, prompts and recurring themes.",
    invoke_without_command=True,  # no command: the help, as normal text (see root)
    context_settings={"help_option_names": ["-h", "--help"]},  # subcommands inherit it
    add_completion=False,
    pretty_exceptions_show_locals=False,  # notes are private: never print locals
    rich_markup_mode=None,
)
themes_app = Typer(
    cls=Group,
    help="Roadblocks (or morale themes) that keep coming back across people and weeks.",
    invoke_without_command=True,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)
app.add_typer(themes_app, name="themes")


class Settings:
    """What a command's run shares: the journal, today, and the journals it opened.

    A plain class: making a dataclass costs about a millisecond at import, on every run."""

    __slots__ = ("db", "missing", "opened", "today")

    def __init__(self, db: Path | None, today: date) -> None:
        self.db = db  # None: the default journal
        self.today = today
        self.opened: list = []
        self.missing: Path | None = None  # a --db read that found no journal there

    def close(self) -> None:
        """Close every journal this command opened (registered to run when the command ends).
        A report that read a --db path with no journal says so after it succeeded (a failed
        command has its one line): a typo in the path must not look like an empty team."""
        while self.opened:
            self.opened.pop().close()
        if self.missing is not None and sys.exc_info()[0] is None:
            render.info(f"note: there is no journal at {self.missing} yet (check --db or "
                        "ONEONONE_DB): this was an empty one")  # fmt: skip

    def journal_path(self) -> Path:
        return self.db if self.db is not None else default_db_path()

    def store(self, *, write: bool = False):
        from oneonone_cli.store.connection import loose_permissions
        from oneonone_cli.store.core import Store
        from oneonone_cli.store.files import _exists

        path = self.journal_path()
        store = Store.open(path, create=write, make_parents=self.db is None)
        self.opened.append(store)
        if store.path is None and self.db is not None and not write and not _exists(path):
            self.missing = path  # said once the report is out (see close)
        if store.path is not None and loose_permissions(store.path):
            render.info(
                f"warning: {store.path} can be read by other users: run 'chmod 600 {store.path}'"
            )
        return store


def default_db_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("oneonone", appauthor=False)) / "journal.db"


def _today() -> date:
    """The one place the clock is read. ONEONONE_TODAY pins it (tests, reproducible reports)."""
    pinned = os.environ.get("ONEONONE_TODAY")
    if pinned:
        try:
            today = date.fromisoformat(pinned)
        except ValueError:
            raise OneOnOneError(f"ONEONONE_TODAY='{pinned}' is not a YYYY-MM-DD date") from None
        if not date(1970, 1, 1) <= today <= date(9000, 12, 31):
            # Reports reach a century back and a decade ahead of today: keep that arithmetic
            # within the calendar.
            raise OneOnOneError(f"ONEONONE_TODAY={pinned} is out of range: use a date between "
                                "1970-01-01 and 9000-12-31")  # fmt: skip
        return today
    return date.today()


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"oneonone {__version__}\n")
        raise typer.Exit()


DbOption = Annotated[
    Optional[str],
    typer.Option(
        "--db",
        envvar="ONEONONE_DB",
        metavar="FILE",
        help="The journal file (default: in your user data folder).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


@app.callback()
def root(
    ctx: typer.Context,
    db: DbOption = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    if ctx.invoked_subcommand is None:  # `oneonone` alone: the help, not an error
        sys.stdout.write(ctx.get_help() + "\n")
        raise typer.Exit()
    ctx.obj = Settings(_db_path(db), _today())
    ctx.call_on_close(ctx.obj.close)


def _db_path(db: Optional[str]) -> Optional[Path]:
    """The journal --db or ONEONONE_DB names; None for the default one. Empty is an error, never
    the default journal (click reads an empty ONEONONE_DB as unset, so it is looked at here)."""
    if db is None and os.environ.get("ONEONONE_DB") == "":
        raise OneOnOneError("ONEONONE_DB is set but empty: set it to a journal file, or unset it "
                            "for the default journal")  # fmt: skip
    if db is not None and not db.strip():
        raise OneOnOneError("--db is empty: give a journal file, or leave --db out for the "
                            "default journal")  # fmt: skip
    return Path(db).expanduser() if db is not None else None


def settings(ctx: typer.Context) -> Settings:
    return ctx.find_root().obj
