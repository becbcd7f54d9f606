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
def restore(
    ctx: typer.Context,
    backup_file: Annotated[
        str,
        typer.Argument(metavar="BACKUP", help="The backup file to put in the journal's place."),
    ],
    yes: Annotated[bool, typer.Option("--yes", help="Replace without asking (scripts).")] = False,
) -> None:
    """Replace the journal with a backup, after checking it; the current journal is kept in
    backups/ first.

    The backup must be a whole oneonone journal (of this version or older); an encrypted
    backup is read with the journal's key. Asks before replacing, unless --yes."""
    from oneonone_cli.cli.meetings import at_terminal
    from oneonone_cli.errors import OneOnOneError
    from oneonone_cli.services import journal
    from oneonone_cli.store.files import BACKUP_FOLDER

    s = settings(ctx)
    path = s.journal_path()
    folder = path.parent / BACKUP_FOLDER

    def summary(found) -> str:
        if found is None:
            return messages.RESTORE_SUMMARY_UNREADABLE
        return messages.RESTORE_SUMMARY.format(
            people=count(found.people, "person", "people"),
            notes=count(found.notes, "note"),
            last=found.last or messages.RESTORE_SUMMARY_NEVER,
        )

    def confirm(now, then) -> bool:
        if yes:
            return True
        if not at_terminal():
            raise OneOnOneError(
                messages.RESTORE_NEEDS_YES.format(journal=path, backup=backup_file, folder=folder)
            )
        return typer.confirm(
            messages.RESTORE_CONFIRM.format(
                journal=path,
                now=summary(now),
                backup=backup_file,
                then=summary(then),
                folder=folder,
            ),
            default=False,
            err=True,
        )

    done = journal.restore(path, backup_file, s.now(), confirm, _ask)
    then = summary(done.summary)
    if done.kept is None:
        message = messages.RESTORED_NEW.format(journal=path, backup=backup_file, then=then)
    else:
        message = messages.RESTORED.format(
            journal=path, backup=backup_file, then=then, kept=done.kept
        )
    output.say(message + (messages.RESTORED_PLAIN if done.now_plain else ""))


@app.command()
def encrypt(ctx: typer.Context) -> None:
    """Encrypt the journal at rest with SQLCipher (the 'encryption' extra).

    The key goes into the OS keyring; with no keyring you choose a passphrase. A key is never
    taken on the command line."""
    from oneonone_cli.services import journal

    given = settings(ctx).journal_path()
    done = journal.encrypt(given, settings(ctx).now(), _ask)
    drafts = ""
    if (done.path.parent / "drafts").is_dir():  # text typed in the editor and never logged
        from oneonone_cli.cli import editor
        from oneonone_cli.store.files import write_sealed

        sealed, failed = editor.seal_drafts(
            done.path, lambda dest, data: write_sealed(done.cipher, dest, data)
        )
        for left in failed:  # said, never dropped: the next command tries again
            output.info(
                messages.LEFTOVER_NOT_ENCRYPTED.format(
                    detail=left.detail, path=editor.quote(left.path)
                )
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


def _ask(text: str) -> str | None:
    """A passphrase typed at the terminal (cli/passphrase.py, loaded only when asked)."""
    from oneonone_cli.cli.passphrase import ask

    return ask(text)
