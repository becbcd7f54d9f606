"""Looking after the journal file itself."""

from typing import Annotated

import typer

from oneonone_cli import messages
from oneonone_cli.cli.app import app
from oneonone_cli.cli.context import settings
from oneonone_cli.render import output
from oneonone_cli.render.text import count


@app.command()
def backup(
    ctx: typer.Context,
    path: Annotated[
        str | None,
        typer.Argument(
            metavar="PATH",
            help="Where to write the copy: a new file, or a folder "
            "(default: backups/ beside the journal).",
        ),
    ] = None,
) -> None:
    """Write a consistent copy of the journal, safe while other commands are writing."""
    from oneonone_cli.services import journal

    s = settings(ctx)
    dest = journal.backup(s.journal_path(), path, s.now(), s.store)
    output.say(messages.BACKED_UP.format(journal=s.journal_path(), dest=dest))


@app.command()
def encrypt(ctx: typer.Context) -> None:
    """Encrypt the journal at rest with SQLCipher (the 'encryption' extra).

    The key goes into the OS keyring; with no keyring you choose a passphrase. A key is never
    taken on the command line."""
    from oneonone_cli.services import journal

    given = settings(ctx).journal_path()
    done = journal.encrypt(given, settings(ctx).now())
    drafts = ""
    if (done.path.parent / "drafts").is_dir():  # text typed in the editor and never logged
        from oneonone_cli.cli import editor
        from oneonone_cli.store.files import write_sealed

        sealed = editor.seal_drafts(
            done.path, lambda dest, data: write_sealed(done.cipher, dest, data)
        )
        if sealed:
            template = (
                messages.DRAFT_NOW_ENCRYPTED if sealed == 1 else messages.DRAFTS_NOW_ENCRYPTED
            )
            drafts = template.format(drafts=count(sealed, "draft"))
    where = messages.KEY_IN_KEYRING if done.in_keyring else messages.KEY_IS_PASSPHRASE
    output.say(
        messages.ENCRYPTED.format(
            given=given, where=where, drafts=drafts, plain=done.plain, folder=done.folder
        )
    )
