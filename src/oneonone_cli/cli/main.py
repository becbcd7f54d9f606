"""The command-line entry point: the app, with the commands a run needs registered.

Each module in `cli/` beside this one registers its commands on `app` when imported. Building a
command's options costs time on every run, so `main()` imports only the module that
defines the command named on the command line (its --help too); a name it does not know
imports them all, so "no such command" stays exactly Typer's own. The root's own --help (or
`oneonone` alone) lists the commands from cli/help_index.py, written from their help by
tests/help_index.py, which checks that it prints exactly what the real commands would.
`from oneonone_cli.cli.main import app` (tests, embedding) gets the app with every command.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys

__all__ = ["COMMANDS", "app", "main"]  # noqa: F822  app comes from __getattr__, all commands registered

# Command name -> the module in oneonone_cli.cli that registers it. A test checks it
# against what the modules register, so a new command cannot be left out; --help lists the
# commands in this order (cli/app.py).
COMMANDS = {  # in the order --help lists them: the order a manager meets them in
    "add": "people",
    "log": "meetings",
    "due": "history",
    "prep": "brief",
    "themes": "themes",
    "prompts": "prompts",
    "show": "history",
    "health": "brief",
    "search": "search",
    "todo": "todo",
    "week": "week",
    "people": "people",
    "edit": "people",
    "archive": "people",
    "cancel": "meetings",
    "reschedule": "meetings",
    "note": "fix",
    "meeting": "fix",
    "rename": "fix",
    "trash": "trash",
    "export": "exchange",
    "import": "exchange",
    "calendar": "calendar",
    "demo": "demo",
    "backup": "journal",
    "restore": "journal",
    "encrypt": "journal",
    "db": "location",
    "config": "config",
    "completion": "completion",
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


ROOT_ONLY = frozenset({"--help", "-h", "--version"})


def root_only(args: list[str]) -> bool:
    """Whether `args` name no command and only root options that print something and stop (or
    nothing at all: `oneonone` alone prints the help)."""
    rest = iter(args)
    for arg in rest:
        if arg in ROOT_OPTIONS_WITH_VALUE:
            next(rest, None)
        elif not (arg in ROOT_ONLY or arg.startswith("--db=")):
            return False
    return True


def register_index() -> None:
    """Every command as a stand-in with its help's first paragraph (cli/help_index.py), in
    table order: all that the root's --help lists of a command, without loading the modules
    (half of `oneonone --help`'s time). A stand-in is never run: any argument that names a
    command, or an option the root does not stop at, loads the real ones (`root_only`)."""
    from oneonone_cli.cli.app import app
    from oneonone_cli.cli.help_index import FIRST_PARAGRAPHS

    registered = {c.name for c in app.registered_commands} | {g.name for g in app.registered_groups}
    for name, text in FIRST_PARAGRAPHS.items():
        if name not in registered:
            app.command(name, help=text, add_help_option=False)(_stand_in)


def _stand_in() -> None:
    raise AssertionError("a stand-in of cli/help_index.py ran")  # root_only keeps them idle


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
        from oneonone_cli.errors import (
            STOP_SIGNALS,
            Signalled,
            quiet_swallowed_signals,
            raise_signalled,
        )

        # SIGTERM and SIGHUP stop the run in one line from the start (the exit point takes
        # them over while the command runs); Ctrl-C's KeyboardInterrupt is answered here too.
        _handle(STOP_SIGNALS, raise_signalled)
        quiet_swallowed_signals()
    except KeyboardInterrupt:
        interrupted()
    try:
        try:
            from oneonone_cli.cli.app import app

            args = sys.argv[1:]
            if "_ONEONONE_COMPLETE" in os.environ:
                register()  # a Tab press (cli/completers.py) completes from every command
            elif root_only(args):
                register_index()
            else:
                name = command_name(args)
                # A command's own --help needs its module; any other help, every module.
                register(None if name is None and ("--help" in args or "-h" in args) else name)
            app()  # Typer builds the command before the exit point runs: covered too
        except KeyboardInterrupt:  # Ctrl-C before the exit point runs
            interrupted()
        except Signalled as exc:  # SIGTERM/SIGHUP before the exit point runs
            interrupted(exc)
    finally:
        # The exit point has answered: the run ends with its code. A stop signal or Ctrl-C
        # from here on is held, so that it can neither kill the run with no line after its
        # output nor print a traceback from the interpreter's last steps.
        _hold_to_the_end(STOP_SIGNALS)
        gc.freeze()
        if collecting:
            gc.enable()


def _handle(signals, handler) -> None:
    import signal

    for signum in signals:
        try:
            signal.signal(signum, handler)
        except ValueError:  # not the main thread (embedding)
            return


def _hold_to_the_end(signals) -> None:
    """Until the interpreter's last steps the exit point's handlers end the run with its code;
    from its exit callbacks on (after which Python puts back the default action, death with
    no line), the signals are blocked. Blocked at exit, not now: a blocked mask is inherited
    by the programs a caller of main() in the same process (tests) starts later."""
    import atexit
    import signal

    block = getattr(signal, "pthread_sigmask", None)
    if block is not None:
        atexit.register(block, signal.SIG_BLOCK, {*signals, signal.SIGINT})


def interrupted(stopped=None) -> None:
    """Ctrl-C (or SIGTERM/SIGHUP: `stopped`) before the exit point runs (while the modules
    load and Typer builds the command): its one line, exit 130 (128 + the signal)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C cannot cut this short
    from oneonone_cli import errors, messages

    _handle(errors.STOP_SIGNALS, signal.SIG_IGN)
    errors.answered()
    store = sys.modules.get("oneonone_cli.store.connection")
    saved = store is not None and store.COMMITS > 0
    if stopped is None:
        message, code = (messages.INTERRUPTED_SAVED if saved else messages.INTERRUPTED), 130
    else:
        what = messages.SAVED_BEFORE if saved else messages.NOTHING_WRITTEN
        message = messages.STOPPED_BY.format(signal=stopped.name, what=what)
        code = 128 + stopped.signum
    if sys.stderr is not None:  # started with stderr closed (2>&-): the exit code still tells
        sys.stderr.write(messages.ERROR_LINE.format(message=message) + "\n")
        sys.stderr.flush()
    sys.exit(code)


def __getattr__(name: str):
    """`cli.app` is the app with every command registered."""
    if name == "app":
        from oneonone_cli.cli.app import app

        register()
        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
