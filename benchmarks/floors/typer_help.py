"""The floor of `oneonone --help`: see README.md beside this file."""

import gc
import sys

gc.disable()  # as oneonone's main() does

import typer  # noqa: E402

# Plain help, as oneonone prints it (rich_markup_mode=None: no panels).
app = typer.Typer(
    add_completion=False, rich_markup_mode=None, help="A local-first journal for your 1:1s."
)
COMMANDS = int(sys.argv.pop(1)) if len(sys.argv) > 2 else 30


def make(n: int):
    def command(handle: str = "", as_json: bool = False) -> None:
        pass

    command.__doc__ = f"Command number {n}: what it does, in a line or so of plain words."
    return command


for n in range(COMMANDS):
    app.command(f"command-{n}")(make(n))

app()
