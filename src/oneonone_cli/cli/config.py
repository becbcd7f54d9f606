"""`oneonone config`: where the settings file is, what it sets, and changing it."""

# No `from __future__ import annotations`, as in the command modules (see app.py).
from typing import Annotated

import typer

from oneonone_cli import messages
from oneonone_cli.cli.app import JsonOption, sub_app
from oneonone_cli.render import output


def _complete_key(incomplete: str) -> list[tuple[str, str]]:
    from oneonone_cli.config import SETTINGS

    return [(k, s.help) for k, s in SETTINGS.items() if k.startswith(incomplete)]


KeyArgument = Annotated[
    str,
    typer.Argument(
        metavar="KEY",
        help="editor, color, themes.since or cadence.RELATIONSHIP (cadence.report...).",
        show_default=False,
        autocompletion=_complete_key,
    ),
]

config_app = sub_app(
    "config",
    help="Your settings file: editor, color, themes.since and cadence.RELATIONSHIP "
    "(the default --every of add). Alone: config show.",
)


@config_app.callback()
def config(ctx: typer.Context) -> None:
    """Your settings file (TOML): the editor, colour, each relationship's default cadence and
    the default window of themes. Alone: what `config show` shows."""
    if ctx.invoked_subcommand is None:
        show(as_json=False)


@config_app.command("path")
def path() -> None:
    """Print where the settings file is (it may not exist yet)."""
    from oneonone_cli.config import config_path

    output.say(str(config_path()))


@config_app.command("show")
def show(as_json: JsonOption = False) -> None:
    """Every setting, its value and where the value comes from."""
    from oneonone_cli.config import config_path
    from oneonone_cli.render.config import settings_view
    from oneonone_cli.services.config import effective_settings

    settings_view(effective_settings(), config_path(), as_json)


# A value such as -5d is a value, not an option (and then said not to be a span).
@config_app.command("set", context_settings={"ignore_unknown_options": True})
def set_(
    key: KeyArgument,
    value: Annotated[str, typer.Argument(metavar="VALUE", help="The value, e.g. 2w.")],
) -> None:
    """Set KEY to VALUE in the settings file (checked first; the file is replaced whole)."""
    from oneonone_cli.services.config import set_setting

    key, value, where = set_setting(key, value)
    output.say(messages.CONFIG_SET.format(key=key, value=value, path=where))


@config_app.command("unset")
def unset(key: KeyArgument) -> None:
    """Take KEY out of the settings file: its default applies again."""
    from oneonone_cli.config import SETTINGS
    from oneonone_cli.services.config import unset_setting

    key, where, was_set = unset_setting(key)
    template = messages.CONFIG_UNSET if was_set else messages.CONFIG_NOT_SET
    if was_set and key not in SETTINGS:  # a typo or an old key taken out of the file
        template = messages.CONFIG_REMOVED
    output.say(template.format(key=key, path=where))
