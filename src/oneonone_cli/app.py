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
from typer.core import TyperGroup

from oneonone_cli import __version__, render
from oneonone_cli.errors import Exit, OneOnOneError

# ---------------------------------------------------------------- the one exit point


class Group(TyperGroup):
    """Runs the app and turns every problem the user can fix into one line on stderr."""

    def main(self, *args, standalone_mode: bool = True, **kwargs):
        from typer._click.exceptions import ClickException
        from typer.exceptions import Abort

        code = Exit.OK
        try:
            result = super().main(*args, standalone_mode=False, **kwargs)
            code = result if isinstance(result, int) else Exit.OK
        except OneOnOneError as exc:
            render.error(str(exc))
            code = exc.exit_code
        except ClickException as exc:
            hint = " (see 'oneonone --help')"
            ctx = getattr(exc, "ctx", None)
            if ctx is not None and ctx.command_path:
                hint = f" (see '{ctx.command_path} --help')"
            render.error(exc.format_message() + hint)
            code = exc.exit_code
        except (Abort, KeyboardInterrupt):
            render.error("interrupted: nothing was written")
            code = Exit.PROBLEM
        except Exception as exc:
            # sqlite3 is looked up, not imported: a command that never opened the journal
            # (--help) cannot have raised its errors, and should not pay for loading it.
            # An encrypted journal raises SQLCipher's own (unrelated) classes.
            drivers = (sys.modules.get("sqlite3"), sys.modules.get("sqlcipher3.dbapi2"))
            if any(m is not None and isinstance(exc, m.DatabaseError) for m in drivers):
                render.error(_sqlite_message(exc))
            elif debugging():
                raise
            else:  # a bug: say where, never what (messages may hold note text)
                render.error(_crash_message(exc))
            code = Exit.PROBLEM
        if standalone_mode:
            sys.exit(code)
        return code


def debugging() -> bool:
    """ONEONONE_DEBUG=1 (or true, yes) shows tracebacks; 0, false, no or empty do not."""
    return os.environ.get("ONEONONE_DEBUG", "").strip().lower() in ("1", "true", "yes", "on")


def _crash_message(exc: BaseException) -> str:
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    return (
        f"unexpected error ({type(exc).__name__}{where}): a write it interrupted was rolled back."
        " Please report it; ONEONONE_DEBUG=1 shows the full traceback, which may include notes"
    )


def _sqlite_message(exc: Exception) -> str:
    text = str(exc)
    if type(exc).__name__ != "OperationalError" or "malformed" in text:  # sqlite3's or SQLCipher's
        from oneonone_cli.store import unreadable_message

        return unreadable_message(None, exc)
    if "readonly" in text:
        return "the journal is read-only: check the file's permissions or choose another --db"
    if "locked" in text or "busy" in text:
        return "the journal is busy with another oneonone command: try again in a moment"
    if "disk" in text or "full" in text:
        return f"cannot write the journal ({text}): free some disk space and try again"
    return f"cannot use the journal ({text}): check the --db path or restore a backup"


app = typer.Typer(
    cls=Group,
    help="A local-first journal for your 1:1s: notes, cadence, prompts and recurring themes.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,  # notes are private: never print locals
    rich_markup_mode=None,
)
themes_app = typer.Typer(
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

    __slots__ = ("db", "opened", "today")

    def __init__(self, db: Path | None, today: date) -> None:
        self.db = db  # None: the default journal
        self.today = today
        self.opened: list = []

    def close(self) -> None:
        """Close every journal this command opened (registered to run when the command ends)."""
        while self.opened:
            self.opened.pop().close()

    def journal_path(self) -> Path:
        return self.db if self.db is not None else default_db_path()

    def store(self, *, write: bool = False):
        from oneonone_cli.store import Store, loose_permissions

        path = self.journal_path()
        store = Store.open(path, create=write, make_parents=self.db is None)
        self.opened.append(store)
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
            return date.fromisoformat(pinned)
        except ValueError:
            raise OneOnOneError(f"ONEONONE_TODAY='{pinned}' is not a YYYY-MM-DD date") from None
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
    ctx.obj = Settings(Path(db).expanduser() if db else None, _today())
    ctx.call_on_close(ctx.obj.close)


def settings(ctx: typer.Context) -> Settings:
    return ctx.find_root().obj
