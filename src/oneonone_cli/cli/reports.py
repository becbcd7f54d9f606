"""Reports: who is due, which prompts to use, someone's history."""


from typing import Annotated, Optional

import typer

from oneonone_cli.render import views as render
from oneonone_cli.cli.app import JsonOption, app, settings
from oneonone_cli.errors import OneOnOneError, usage_error


@app.command()
def due(
    ctx: typer.Context,
    within: Annotated[
        Optional[str],
        typer.Option(metavar="SPAN", help="Also list who is due within this span: 7d, 2w, a date."),
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="List everyone, due or not.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Who is due a 1:1, most overdue first."""
    from oneonone_cli.domain.dates import parse_until
    from oneonone_cli.services.reports import due_report

    s = settings(ctx)
    until = parse_until(within, s.today) if within is not None else s.today
    store = s.store()
    rows = due_report(store, s.today, until=until, include_all=all_)
    render.due_view(rows, as_json, anyone=bool(rows) or bool(store.people()))


@app.command()
def prompts(
    ctx: typer.Context,
    handle: Annotated[
        Optional[str],
        typer.Argument(metavar="[HANDLE]",
                       help="A person; or 'add' / 'retire' to manage the bank."),
    ] = None,
    text: Annotated[
        Optional[str],
        typer.Argument(metavar="[TEXT]", help="With add: the question. With retire: its ID."),
    ] = None,
    kind: Annotated[Optional[str], typer.Option(metavar="KIND", help="morale or roadblock.")] = None,
    for_: Annotated[
        str,
        typer.Option("--for", metavar="AUDIENCE", help="With add: reports, non-reports or all."),
    ] = "all",
    all_: Annotated[
        bool,
        typer.Option("--all", help="Every prompt for them, used ones too (not only a handful); "
                     "alone: the whole bank."),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """A handful of open-ended prompts not yet used with someone, least used first.

    'prompts' alone: each person's count of unused prompts. 'prompts add "TEXT" --kind K
    [--for reports|non-reports|all]' adds your own; 'prompts retire ID' hides one.
    """
    from oneonone_cli.domain import prompts as bank
    from oneonone_cli.domain.records import check_handle, check_kind
    from oneonone_cli.services.prompts import check_prompts_exist, prompt_bank
    from oneonone_cli.services.reports import person_prompts, prompt_counts, prompt_handful

    s = settings(ctx)
    if kind is not None:
        check_kind(kind)
    if handle == "add":
        if text is None or kind is None:
            raise usage_error("usage: oneonone prompts add \"QUESTION\" --kind morale|roadblock")
        store = s.store(write=True)
        known = prompt_bank(store)
        prompt = bank.new_prompt(text, kind, for_, {p.id for p in known})
        same = [p for p in known if p.text.casefold() == prompt.text.casefold()]
        if same:
            raise OneOnOneError(f"that prompt is already in the bank as {same[0].id}"
                                + (" (retired)" if same[0].retired else "")
                                + ": 'oneonone prompts --all' lists them")  # fmt: skip
        store.add_prompt(prompt)
        render.say(f"Added prompt {prompt.id}: {prompt.text}")
        return
    if handle == "retire":
        if text is None:
            raise usage_error("usage: oneonone prompts retire PROMPT_ID")
        store = s.store(write=True)
        prompt_id = bank.check_prompt_id(text)
        if any(p.id == prompt_id and p.retired for p in prompt_bank(store)):
            render.say(f"Prompt {prompt_id} was already retired: nothing changed.")
            return
        check_prompts_exist(store, [prompt_id])
        store.retire_prompt(prompt_id, s.today)
        render.say(f"Retired prompt {text}: it will not be suggested again.")
        return
    if text is not None:
        raise usage_error(f"unexpected '{text}': use 'oneonone prompts HANDLE'")
    store = s.store()
    if handle is None and all_:
        chosen = [p for p in prompt_bank(store) if kind is None or p.kind == kind]
        return render.bank_view(chosen, as_json)
    if handle is None:
        return render.prompt_counts_view(prompt_counts(store), as_json)
    handle = check_handle(handle)
    if all_:
        rows, more = person_prompts(store, handle, kind=kind, include_used=True), 0
    else:
        rows, more = prompt_handful(store, handle, kind=kind)
    render.prompts_view(rows, as_json, person=handle, more=more)


@app.command()
def show(
    ctx: typer.Context,
    handle: Annotated[str, typer.Argument(metavar="HANDLE", help="Who, e.g. alice.")],
    since: Annotated[
        Optional[str], typer.Option(metavar="SPAN", help="Only this recent: 30d, 3m, a date.")
    ] = None,
    kind: Annotated[
        Optional[str], typer.Option(metavar="KIND", help="Only roadblock or morale notes.")
    ] = None,
    last: Annotated[
        int,
        typer.Option(metavar="N", min=1, max=1_000_000, help="How many of the latest 1:1s to show."),
    ] = 10,
    all_: Annotated[bool, typer.Option("--all", help="The whole history.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Someone's 1:1s and notes, newest first: the last 10 unless --since, --last or --all."""
    from oneonone_cli.domain.dates import parse_since
    from oneonone_cli.domain.records import check_handle, check_kind

    s = settings(ctx)
    handle = check_handle(handle)
    start = parse_since(since, s.today) if since is not None else None
    if kind is not None:
        check_kind(kind)
    if last < 1:
        raise OneOnOneError("--last must be 1 or more")
    limit = None if all_ or since is not None else last
    store = s.store()
    person = store.person(handle)
    meetings = store.history(handle, since=start, kind=kind, limit=limit)
    render.history_view(person, meetings, as_json, window=since is not None or kind is not None)
    if limit is not None and len(meetings) == limit and not as_json:
        total = store.meeting_count(handle)
        if total > limit:
            render.info(f"Showing the last {limit} of {total} 1:1s: --all for everything, "
                        "--since 90d for a period.")  # fmt: skip
