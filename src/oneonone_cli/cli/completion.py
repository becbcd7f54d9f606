"""`oneonone completion SHELL`: the completion script for bash, zsh or fish.

The machinery is Typer's (click's shell_complete): the script runs `oneonone` with
_ONEONONE_COMPLETE set, and the root group (app.py) answers from the app itself, so every
command, subcommand and option is completed, those added later too; values (handles, prompt
IDs, theme keys, note IDs) come from the journal through the helpers of completers.py.
"""

# No `from __future__ import annotations`, as in the command modules (see app.py).
from enum import StrEnum
from typing import Annotated

import typer

from oneonone_cli.cli.app import app
from oneonone_cli.cli.completers import COMPLETE_VAR, PROG_NAME


class Shell(StrEnum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


@app.command()
def completion(
    shell: Annotated[
        Shell,
        typer.Argument(metavar="SHELL", help="bash, zsh or fish.", show_default=False),
    ],
) -> None:
    """Print the shell completion script for bash, zsh or fish.

    Install it once, then open a new shell. bash: oneonone completion bash >
    ~/.local/share/bash-completion/completions/oneonone (with the bash-completion package;
    else add 'source <(oneonone completion bash)' to ~/.bashrc). zsh: oneonone completion zsh
    > ~/.zfunc/_oneonone, with 'fpath+=~/.zfunc; autoload -Uz compinit; compinit' in ~/.zshrc.
    fish: oneonone completion fish > ~/.config/fish/completions/oneonone.fish."""
    from typer._completion_classes import completion_init
    from typer._completion_shared import get_completion_script

    from oneonone_cli.render import output

    completion_init()
    script = get_completion_script(
        prog_name=PROG_NAME, complete_var=COMPLETE_VAR, shell=shell.value
    )
    output.say(script)
