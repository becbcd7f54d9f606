"""The prompt bank and who was asked what: the prompts to use with someone, each person's
count of unused ones, adding and retiring prompts. Returns records; prints nothing."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from oneonone_cli import messages
from oneonone_cli.domain.records import Prompt, audience_of
from oneonone_cli.store.core import Store


def person_prompts(
    store: Store, handle: str, *, kind: str | None = None, include_used: bool = False
):
    from oneonone_cli.domain.prompts import prompts_for

    person = store.person(handle)
    bank = prompt_bank(store)
    return prompts_for(
        bank,
        audience_of(person.relationship),
        store.asked_of(handle),
        store.team_last_asked(p.id for p in bank),
        kind=kind,
        include_used=include_used,
    )


def prompt_handful(store: Store, handle: str, *, kind: str | None = None):
    """The prompts `prompts HANDLE` shows without --all: a handful of the unused ones, morale
    and roadblock in turn (as the editor template offers them), and how many more there are."""
    from oneonone_cli.domain.prompts import SHOWN_PROMPTS, prompt_mix

    unused = person_prompts(store, handle, kind=kind)
    handful = prompt_mix(unused, store.meeting_count(handle), count=SHOWN_PROMPTS)
    return handful, len(unused) - len(handful)


def editor_prompts(store: Store, handle: str):
    """The prompts the editor template offers for someone's next 1:1."""
    from oneonone_cli.domain.prompts import prompt_mix

    return prompt_mix(person_prompts(store, handle), store.meeting_count(handle))


def prompt_counts(store: Store):
    from oneonone_cli.domain.prompts import unused_counts
    from oneonone_cli.domain.records import PromptCount

    bank = prompt_bank(store)
    asked = store.asked_by_person()
    rows = []
    for person in store.people():
        counts = unused_counts(
            bank, audience_of(person.relationship), asked.get(person.handle, set())
        )
        rows.append(PromptCount(person.handle, person.name, person.relationship, **counts))
    return rows


def bank_prompts(store: Store, *, kind: str | None = None):
    """The whole bank, retired prompts too; only one kind when `kind` is given."""
    return [p for p in prompt_bank(store) if kind is None or p.kind == kind]


def add_prompt(store: Store, text: str, kind: str, audience: str):
    """The manager's own prompt, added to the bank under a new ID; the same question twice
    (in any case) is refused."""
    from oneonone_cli.domain import prompts as bank
    from oneonone_cli.errors import OneOnOneError

    known = prompt_bank(store)
    prompt = bank.new_prompt(text, kind, audience, {p.id for p in known})
    same = [p for p in known if p.text.casefold() == prompt.text.casefold()]
    if same:
        retired = messages.PROMPT_RETIRED_MARK if same[0].retired else ""
        raise OneOnOneError(messages.PROMPT_ALREADY_IN_BANK.format(id=same[0].id, retired=retired))
    store.add_prompt(prompt)
    return prompt


def retire_prompt(store: Store, prompt_id: str, today: date) -> tuple[str, bool]:
    """Retire a prompt: (its ID, False when it already was and nothing changed)."""
    from oneonone_cli.domain.prompts import check_prompt_id

    prompt_id = check_prompt_id(prompt_id)
    if any(p.id == prompt_id and p.retired for p in prompt_bank(store)):
        return prompt_id, False
    check_prompts_exist(store, [prompt_id])
    store.retire_prompt(prompt_id, today)
    return prompt_id, True


def prompt_bank(store: Store) -> list[Prompt]:
    """Built-in prompts plus the manager's own, with retired ones marked."""
    from oneonone_cli.domain.prompts import builtin_prompts

    retired = store.retired_prompt_ids()
    return [
        Prompt(p.id, p.kind, p.audience, p.text, p.topic, p.builtin, p.id in retired, p.source)
        for p in (*builtin_prompts(), *store.own_prompts())
    ]


def check_prompts_exist(store: Store, prompt_ids: Iterable[str]) -> None:
    """Each ID is a prompt of the bank; an unknown one suggests the closest."""
    ids = list(prompt_ids)
    if not ids:
        return
    from oneonone_cli.errors import OneOnOneError, shown
    from oneonone_cli.suggest import did_you_mean

    known = {p.id for p in prompt_bank(store)}
    for pid in ids:
        if pid not in known:
            raise OneOnOneError(
                messages.UNKNOWN_PROMPT.format(prompt_id=shown(pid), hint=did_you_mean(pid, known))
            )


# Licence files looked for beside an imported question bank (FILE's stem first): kept with
# the bank's attribution in the journal.
LICENCE_NAMES = ("{stem}.LICENSE", "{stem}.LICENSE.txt", "LICENSE", "LICENSE.txt", "LICENSE.md")
MAX_BANK_BYTES = 5_000_000


def import_bank(
    store: Store,
    file: str,
    today: date,
    *,
    kind: str | None = None,
    audience: str | None = None,
):
    """Import the question bank in `file` (JSON or CSV, see domain/question_bank.py) into the
    manager's own prompts, with its attribution: every question not yet in the bank, in one
    transaction. The same file twice adds nothing the second time."""
    from pathlib import Path

    from oneonone_cli.domain import question_bank
    from oneonone_cli.domain.prompts import builtin_prompts, make_prompt_id
    from oneonone_cli.domain.records import ImportResult, check_audience, check_kind

    if kind is not None:
        check_kind(kind)
    if audience is not None:
        check_audience(audience)
    path = Path(file).expanduser()
    text = _read_text(path, file)
    licence = None
    for name in LICENCE_NAMES:
        candidate = path.with_name(name.format(stem=path.stem))
        if candidate.is_file():
            try:
                licence = candidate.read_text(encoding="utf-8")[:20_000]
            except (OSError, UnicodeDecodeError):
                continue
            break
    bank = question_bank.read_bank(
        text, path.name, today=today, licence=licence, kind=kind, audience=audience
    )
    known = {p.text.casefold() for p in builtin_prompts()}
    taken = {p.id for p in prompt_bank(store)}
    prompts = []
    for p in bank.prompts:
        pid = make_prompt_id(p.text, p.kind, taken)
        taken.add(pid)
        prompts.append(p._replace(id=pid))
    added = store.import_prompts(bank.source, prompts, known)
    return ImportResult(bank.source, tuple(added), len(prompts) - len(added))


def _read_text(path, given: str) -> str:
    from oneonone_cli.errors import OneOnOneError

    try:
        if not path.exists():
            raise OneOnOneError(messages.BANK_IMPORT_NO_FILE.format(file=given))
        if not path.is_file():
            raise OneOnOneError(messages.BANK_IMPORT_NOT_A_FILE.format(file=given))
        with path.open("rb") as f:
            data = f.read(MAX_BANK_BYTES + 1)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise OneOnOneError(
            messages.BANK_IMPORT_UNREADABLE.format(file=given, reason=reason)
        ) from None
    if len(data) > MAX_BANK_BYTES:
        raise OneOnOneError(
            messages.BANK_IMPORT_TOO_BIG.format(file=given, mb=MAX_BANK_BYTES // 10**6)
        )
    if b"\0" in data:
        raise OneOnOneError(messages.BANK_IMPORT_NOT_TEXT.format(file=given))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise OneOnOneError(messages.BANK_IMPORT_NOT_TEXT.format(file=given)) from None


def prompt_sources(store: Store):
    return store.prompt_sources()
