"""`todo edit ID [TEXT]`: a follow-up's text, given, piped, or in $VISUAL/$EDITOR.

As `note edit`, what the manager types in the editor is never lost (the engine of both is
cli/text_edit.py): when it cannot be saved it is kept in drafts/ beside the journal
(JOURNAL.todo-ID-kept-RANDOM.txt|.draft; JOURNAL.todo-ID-edit-PID-RANDOM.txt is the editor's file
of a running or killed edit), encrypted with an encrypted journal's key, and the message gives
the command that applies it (`todo edit ID < FILE`, which removes the file once applied). The
next `todo edit ID` in the editor reopens the newest of them. On an encrypted journal, the
plaintext ones (of a killed run) are sealed by the next command that opens it, and by `encrypt`
(cli/editor.py `fold_plaintext`), as `note edit`'s are."""

from __future__ import annotations

from oneonone_cli import messages
from oneonone_cli.cli import text_edit
from oneonone_cli.render import output


def edit(s, fid: int, text: str | None, force_editor: bool, at_terminal: bool, as_json: bool):
    """The command's body: the follow-up's new text from TEXT, stdin or the editor."""
    from oneonone_cli.services import followups

    store = s.store(write=True)
    current = followups.known(store, [fid])[0]  # an unknown ID: one line, before the editor

    def save(typed: str, expect=None):
        return followups.edit_text(store, fid, typed, expect=expect)

    if text is None and (force_editor or at_terminal):
        done = messages.TODO_EDITED_DONE.format(done=current.done) if current.done else ""
        head = messages.TODO_EDIT_TEMPLATE.format(
            id=current.id, handle=current.person, added=current.added, done=done
        )
        change = text_edit.in_editor(
            s, store, text_edit.TODO, current, head, save, _not_saved(s, fid)
        )
    elif text is None:
        change = text_edit.piped(s, store, text_edit.TODO, fid, save)
    else:
        change = save(text)
    if change is None:
        return
    _said(change, s.today, as_json)


def _said(change, today, as_json: bool) -> None:
    before, after = change
    if as_json:
        from oneonone_cli.render.todo import todo_json

        return output.print_json(todo_json([after or before], today)[0])
    if after is None:
        return output.say(messages.TODO_EDIT_UNCHANGED.format(id=before.id))
    done = messages.TODO_EDITED_DONE.format(done=after.done) if after.done else ""
    output.say(
        messages.TODO_EDITED.format(id=after.id, handle=after.person, done=done, text=after.text)
    )


def _not_saved(s, fid: int):
    """Words why an edit in the editor was not saved, where its text is kept and how to apply
    it (see text_edit.in_editor)."""
    from oneonone_cli.cli import editor

    def said(kept, path, reason, meanwhile) -> str:
        command = s.command()
        if kept is None:  # no room: the editor's own file is kept, the next edit offers it
            kept, hint = path, messages.TODO_EDIT_NEXT_OFFERS.format(command=command, id=fid)
        elif meanwhile is not None and meanwhile.gone:
            hint = messages.TODO_EDIT_GONE_HINT
        else:
            hint = messages.TODO_EDIT_REPLAY.format(
                command=command, id=fid, path=editor.quote(kept)
            )
        return messages.TODO_EDIT_NOT_SAVED.format(
            reason=reason, id=fid, path=editor.quote(kept), hint=hint
        )

    return said
