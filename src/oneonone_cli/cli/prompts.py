"""The `prompts` sub-app: the prompts to use with someone, and the bank's own commands.

`prompts add` and `prompts retire` manage the bank and `prompts show HANDLE` lists someone's
prompts. A name after `prompts` that is not one of these subcommands is a person:
`prompts alice` is `prompts show alice`, as it always was. A subcommand's name wins over a
handle; `prompts show HANDLE` reaches any handle, even one spelled like a subcommand.
`prompts` alone counts each person's unused prompts; `prompts --all` lists the whole bank.
"""

from typing import Annotated

import typer

from oneonone_cli import messages
from oneonone_cli.cli.app import Command, HandleArgument, JsonOption, sub_app
from oneonone_cli.cli.completers import complete_prompt_id
from oneonone_cli.cli.context import settings
from oneonone_cli.cli.exit_point import ExitPoint
from oneonone_cli.cli.main import first_positional
from oneonone_cli.errors import usage_error
from oneonone_cli.render import output
from oneonone_cli.render.prompts import bank_view, prompt_counts_view, prompts_view

# The options of `prompts` and its subcommands that take a value: what follows them is never
# the subcommand or the handle.
OPTIONS_WITH_VALUE = frozenset({"--kind", "--for"})


class PromptsGroup(ExitPoint):
    """`prompts`: a name that is not a subcommand is a person's handle (`prompts alice` runs
    `prompts show alice`); the subcommand or `show` goes first, so every option given around
    it is its own (`prompts --kind morale add "..."` works as before)."""

    def parse_args(self, ctx, args):
        position = first_positional(args, OPTIONS_WITH_VALUE)
        if position is not None:
            name = args[position]
            rest = args[:position] + args[position + 1 :]
            args = [name, *rest] if name in self.commands else ["show", *args]
        elif "--" in args[:-1]:  # `prompts -- HANDLE`: a handle, whatever it is spelled like
            args = ["show", *args]
        return super().parse_args(ctx, args)

    def collect_usage_pieces(self, ctx):
        return ["[OPTIONS]", "[HANDLE | COMMAND [ARGS]...]"]


class ShowCommand(Command):
    """`prompts show`: its usage line leaves out the hidden argument that catches a second name."""

    def collect_usage_pieces(self, ctx):
        return [p for p in super().collect_usage_pieces(ctx) if p != "[]"]


prompts_app = sub_app("prompts", cls=PromptsGroup)

KindOption = Annotated[str | None, typer.Option(metavar="KIND", help="morale or roadblock.")]


@prompts_app.callback()
def prompts(
    ctx: typer.Context,
    kind: KindOption = None,
    all_: Annotated[
        bool, typer.Option("--all", help="Alone: the whole bank, retired prompts too.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """A handful of open-ended prompts not yet used with someone, least used first.

    'prompts HANDLE' (or 'prompts show HANDLE'): a handful for them. 'prompts' alone: each
    person's count of unused prompts. 'prompts add "TEXT" --kind K [--for
    reports|non-reports|all]' adds your own; 'prompts retire ID' hides one. A handle spelled
    like a subcommand: 'prompts show HANDLE'.
    """
    if ctx.invoked_subcommand is not None:
        return
    from oneonone_cli.domain.records import check_kind
    from oneonone_cli.services.prompts import bank_prompts, prompt_counts

    if kind is not None:
        check_kind(kind)
        if not all_:  # the counts are of both kinds: --kind would be silently ignored
            raise usage_error(messages.PROMPTS_KIND_NEEDS_HANDLE.format(kind=kind))
    store = settings(ctx).store()
    if all_:
        from oneonone_cli.services.prompts import prompt_sources

        return bank_view(bank_prompts(store, kind=kind), as_json, prompt_sources(store))
    return prompt_counts_view(prompt_counts(store), as_json)


@prompts_app.command(cls=ShowCommand)
def show(
    ctx: typer.Context,
    handle: HandleArgument,
    extra: Annotated[str | None, typer.Argument(hidden=True, metavar="")] = None,
    kind: KindOption = None,
    all_: Annotated[
        bool,
        typer.Option("--all", help="Every prompt for them, used ones too (not only a handful)."),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """A handful of prompts not yet used with someone, least used first ('prompts HANDLE')."""
    from oneonone_cli.domain.records import check_handle, check_kind
    from oneonone_cli.services.prompts import person_prompts, prompt_handful

    if kind is not None:
        check_kind(kind)
    if extra is not None:
        raise usage_error(messages.PROMPTS_UNEXPECTED.format(extra=extra))
    store = settings(ctx).store()
    handle = check_handle(handle)
    if all_:
        rows, more = person_prompts(store, handle, kind=kind, include_used=True), 0
    else:
        rows, more = prompt_handful(store, handle, kind=kind)
    flags = f" --kind {kind}" if kind is not None else ""
    prompts_view(rows, as_json, person=handle, more=more, flags=flags)


@prompts_app.command()
def add(
    ctx: typer.Context,
    text: Annotated[str | None, typer.Argument(metavar="TEXT", help="The question.")] = None,
    kind: KindOption = None,
    for_: Annotated[
        str, typer.Option("--for", metavar="AUDIENCE", help="reports, non-reports or all.")
    ] = "all",
) -> None:
    """Add your own prompt to the bank: 'prompts add "TEXT" --kind morale|roadblock'."""
    from oneonone_cli.domain.records import check_kind
    from oneonone_cli.services.prompts import add_prompt

    if kind is not None:
        check_kind(kind)
    if text is None or kind is None:
        raise usage_error(
            messages.PROMPTS_ADD_USAGE.format(
                show_hint=messages.PROMPTS_SHOW_HINT.format(name="add")
            )
        )
    prompt = add_prompt(settings(ctx).store(write=True), text, kind, for_)
    output.say(messages.PROMPT_ADDED.format(id=prompt.id, text=prompt.text))


@prompts_app.command()
def retire(
    ctx: typer.Context,
    prompt_id: Annotated[
        str | None,
        typer.Argument(metavar="ID", help="The prompt's ID.", autocompletion=complete_prompt_id),
    ] = None,
) -> None:
    """Hide a prompt: it will not be suggested again (its past uses are kept)."""
    from oneonone_cli.services.prompts import retire_prompt

    if prompt_id is None:
        raise usage_error(
            messages.PROMPTS_RETIRE_USAGE.format(
                show_hint=messages.PROMPTS_SHOW_HINT.format(name="retire")
            )
        )
    s = settings(ctx)
    known_id, retired = retire_prompt(s.store(write=True), prompt_id, s.today)
    if not retired:
        output.say(messages.PROMPT_ALREADY_RETIRED.format(known_id=known_id))
        return
    output.say(messages.PROMPT_RETIRED.format(prompt_id=prompt_id))


@prompts_app.command()
def unretire(
    ctx: typer.Context,
    prompt_id: Annotated[str, typer.Argument(metavar="ID", help="The prompt's ID.")],
) -> None:
    """Suggest a retired prompt again."""
    from oneonone_cli.services.fixes import unretire_prompt

    if not unretire_prompt(settings(ctx).store(write=True), prompt_id):
        output.say(messages.PROMPT_NOT_RETIRED.format(prompt_id=prompt_id))
        return
    output.say(messages.PROMPT_UNRETIRED.format(prompt_id=prompt_id))


@prompts_app.command(name="import")
def import_(
    ctx: typer.Context,
    file: Annotated[
        str | None,
        typer.Argument(metavar="FILE", help="A question bank: JSON or CSV.", show_default=False),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            metavar="KIND",
            help="morale or roadblock: the kind of questions whose category is neither.",
        ),
    ] = None,
    for_: Annotated[
        str | None,
        typer.Option(
            "--for",
            metavar="AUDIENCE",
            help="reports, non-reports or all (default: the file's own, else all).",
        ),
    ] = None,
) -> None:
    """Import a question bank (JSON or CSV, e.g. the 1on1-questions list) as your prompts.

    Each question needs a category: morale, roadblock, or one of the 1on1-questions list's
    (Team and company is roadblock, the others morale); --kind files other categories. The
    bank's credit (its licence's copyright line) is kept and shown by 'prompts --all'.
    Questions already in the bank are skipped: the same file twice adds nothing."""
    from oneonone_cli.services.prompts import import_bank

    if file is None:
        raise usage_error(
            messages.PROMPTS_IMPORT_USAGE.format(
                show_hint=messages.PROMPTS_SHOW_HINT.format(name="import")
            )
        )
    s = settings(ctx)
    done = import_bank(s.store(write=True), file, s.today, kind=kind, audience=for_)
    from oneonone_cli.render.prompts import imported_view

    imported_view(done, file)
