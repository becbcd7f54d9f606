"""The command-line entry point: the app, with the commands a run needs registered.

Each module in `cli/` beside this one registers its commands on `app` when imported. Building a
command's options costs time on every run, so `main()` imports only the module that
defines the command named on the command line; `--help`, no command or a name it does not
know imports them all, so help and "no such command" stay exactly Typer's own.
`from oneonone_cli.cli.main import app` (tests, embedding) gets the app with every command.
"""

from __future__ import annotations

import gc
import importlib
import sys

__all__ = ["COMMANDS", "app", "main"]  # noqa: F822  app comes from __getattr__, all commands registered

# Command name -> the module in oneonone_cli.cli that registers it. A test checks it
# against what the modules register, so a new command cannot be left out; --help lists the
# commands in this order (cli/app.py).
COMMANDS = {  # in the order --help lists them: the order a manager meets them in
    "add": "people",
    "log": "meetings",
    "due": "history",
    "themes": "themes",
    "prompts": "prompts",
    "show": "history",
    "search": "search",
    "people": "people",
    "edit": "people",
    "archive": "people",
    "cancel": "meetings",
    "reschedule": "meetings",
    "demo": "demo",
    "backup": "journal",
    "encrypt": "journal",
}
ROOT_OPTIONS_WITH_VALUE = frozenset({"--db"})


def command_name(args: list[str]) -> str | None:
    """The command named in `args`, skipping the root options before it; None if there is none."""
    position = first_positional(args, ROOT_OPTIONS_WITH_VALUE)
    return None if position is None else args[position]


def first_positional(args: list[str], with_value: frozenset[str]) -> int | None:
    """Where in `args` the first argument that is neither an option nor the value of one of the
    options `with_value` stands; None if there is none (or only after `--`). Also `prompts`'
    way to find its subcommand or handle (cli/prompts.py)."""
    skip = False
    for n, arg in enumerate(args):
        if skip:
            skip = False
        elif arg in with_value:
            skip = True
        elif arg == "--":
            return None
        elif not arg.startswith("-"):
            return n
    return None


def register(name: str | None = None) -> None:
    """Import the module that defines command `name`, or every command module."""
    module = COMMANDS.get(name)
    # Registration order is the order of --help's command list: always load in table order.
    modules = [module] if module else list(dict.fromkeys(COMMANDS.values()))
    for m in modules:
        importlib.import_module(f"oneonone_cli.cli.{m}")


def main() -> None:
    # A run builds tens of thousands of objects that live as long as the process (modules,
    # classes, the click commands, rich's styles) and the cyclic garbage collector walks them
    # again and again while they are built, then once more as the interpreter exits: a fifth
    # of a short command's time. A run is short and leaves almost no cyclic garbage (the peak
    # memory of `themes --since 365d` on 300k notes did not grow), so the collector is paused
    # for the run; at the end its objects are frozen out of the collector's sight, so that the
    # interpreter's exit does not walk them either, and the collector is left as it was found.
    # (Resuming it once the app is built cost log, due and show 3-7 ms again.)
    collecting = gc.isenabled()
    gc.disable()
    try:
        try:
            from oneonone_cli.cli.app import app

            args = sys.argv[1:]
            register(None if "--help" in args or "-h" in args else command_name(args))
        except KeyboardInterrupt:  # Ctrl-C while starting: before the exit point runs
            interrupted()
        app()
    finally:
        gc.freeze()
        if collecting:
            gc.enable()


def interrupted() -> None:
    """Ctrl-C before the exit point runs (while the modules load): its one line, exit 130."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C cannot cut this short
    from oneonone_cli import messages

    sys.stderr.write(messages.ERROR_LINE.format(message=messages.INTERRUPTED) + "\n")
    sys.stderr.flush()
    sys.exit(130)


def __getattr__(name: str):
    """`cli.app` is the app with every command registered."""
    if name == "app":
        from oneonone_cli.cli.app import app

        register()
        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
