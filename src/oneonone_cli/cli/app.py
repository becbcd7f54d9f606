"""The Typer app: the root command and its options, the command classes, and the order --help
lists the commands in. Runs end in the exit point (exit_point.py); what a run shares is its
context (context.py). Each module beside this one registers the commands of one area."""

# No `from __future__ import annotations` here, as in the command modules: Typer would evaluate
# the root callback's annotations from strings on every run.
import sys
from typing import Annotated

import typer
from typer.core import TyperCommand

from oneonone_cli import __version__
from oneonone_cli.cli.completers import complete_any_handle, complete_handle
from oneonone_cli.cli.context import Settings, db_path, read_today
from oneonone_cli.cli.exit_point import ExitPoint
from oneonone_cli.cli.main import COMMANDS

# The order a manager meets the commands in: --help lists them so, not by module.
COMMAND_ORDER = tuple(COMMANDS)


class RootGroup(ExitPoint):
    """The root command: its --help lists the commands in COMMAND_ORDER."""

    def list_commands(self, ctx):
        names = super().list_commands(ctx)
        rank = {name: i for i, name in enumerate(COMMAND_ORDER)}
        return sorted(names, key=lambda name: rank.get(name, len(rank)))

    def _main_shell_completion(self, ctx_args, prog_name, complete_var=None):
        """A Tab press in a shell whose completion script is installed (_ONEONONE_COMPLETE
        set, however oneonone was started): answered from the whole app (cli/completers.py)."""
        import os

        from oneonone_cli.cli import completers

        if os.environ.get(completers.COMPLETE_VAR):
            completers.answer(self, ctx_args, prog_name)


class Command(TyperCommand):
    """A command whose usage line names a required argument plainly: `log HANDLE`, where Typer
    writes `log {HANDLE}`."""

    def collect_usage_pieces(self, ctx):
        return [
            p[1:-1] if p.startswith("{") and p.endswith("}") else p
            for p in super().collect_usage_pieces(ctx)
        ]


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


def sub_app(name: str, *, cls: type = ExitPoint, **help_text: str) -> Typer:
    """A group of commands under `oneonone NAME` (themes, prompts): alone, it runs its own
    callback; its commands are `Command`s; notes are private, so locals are never printed.
    Its help is `help=` or else its callback's docstring."""
    sub = Typer(
        cls=cls,
        invoke_without_command=True,
        pretty_exceptions_show_locals=False,
        rich_markup_mode=None,
        **help_text,
    )
    app.add_typer(sub, name=name)
    return sub


themes_app = sub_app(
    "themes", help="Roadblocks (or morale themes) that keep coming back across people and weeks."
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"oneonone {__version__}\n")
        raise typer.Exit()


DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="ONEONONE_DB",
        metavar="FILE",
        help="The journal file (default: in your user data folder).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
HandleArgument = Annotated[
    str,
    typer.Argument(
        metavar="HANDLE",
        help="Who, e.g. alice.",
        show_default=False,
        autocompletion=complete_handle,
    ),
]
# Completes archived people too (show, archive --undo).
AnyHandleArgument = Annotated[
    str,
    typer.Argument(
        metavar="HANDLE",
        help="Who, e.g. alice.",
        show_default=False,
        autocompletion=complete_any_handle,
    ),
]


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
    ctx.obj = Settings(db_path(db), read_today())
    ctx.call_on_close(ctx.obj.close)
