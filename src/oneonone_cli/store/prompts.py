"""The prompt tables: the manager's own prompts, retired ones, and which were asked of whom."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from oneonone_cli import messages
from oneonone_cli.domain.records import Prompt, PromptSource
from oneonone_cli.errors import OneOnOneError


class PromptsMixin:
    """The Store's prompts (see `Store`)."""

    def own_prompts(self) -> list[Prompt]:
        """The manager's own prompts, by ID (the bank is merged in services/prompts.py)."""
        return [
            Prompt(pid, kind, audience, text, topic or "", builtin=False, source=source or "")
            for pid, kind, audience, text, topic, source in self.conn.execute(
                "SELECT id, kind, audience, text, topic, source FROM prompts ORDER BY id"
            )
        ]

    def prompt_sources(self) -> list[PromptSource]:
        """The question banks imported from files, in the order they were first imported."""
        return [
            PromptSource(key, title, attribution, licence, file, date.fromisoformat(added))
            for key, title, attribution, licence, file, added in self.conn.execute(
                "SELECT key, title, attribution, licence, file, added FROM prompt_sources"
                " ORDER BY rowid"
            )
        ]

    def import_prompts(
        self, source: PromptSource, prompts: Iterable[Prompt], known: set[str]
    ) -> list[Prompt]:
        """Add a question bank's prompts and its attribution in one transaction: all or none.
        `known`: the casefolded texts of the built-in prompts; the manager's own are read
        again inside the transaction, so that two imports at once add each question once.
        The prompts added (a bank imported before keeps its first attribution)."""
        with self.transaction():
            own = {
                text.casefold(): pid
                for pid, text in self.conn.execute("SELECT id, text FROM prompts")
            }
            taken = set(own.values())
            added = []
            for prompt in prompts:
                if prompt.text.casefold() in known or prompt.text.casefold() in own:
                    continue
                if prompt.id in taken:
                    raise OneOnOneError(messages.PROMPT_ID_TAKEN.format(id=prompt.id))
                self.conn.execute(
                    "INSERT INTO prompts (id, kind, audience, text, topic, source)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    [
                        prompt.id,
                        prompt.kind,
                        prompt.audience,
                        prompt.text,
                        prompt.topic,
                        prompt.source,
                    ],
                )
                own[prompt.text.casefold()] = prompt.id
                added.append(prompt)
            if added:
                self.conn.execute(
                    "INSERT OR IGNORE INTO prompt_sources"
                    " (key, title, attribution, licence, file, added) VALUES (?, ?, ?, ?, ?, ?)",
                    [
                        source.key,
                        source.title,
                        source.attribution,
                        source.licence,
                        source.file,
                        source.added.isoformat(),
                    ],
                )
            return added

    def retired_prompt_ids(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT id FROM retired_prompts")}

    def add_prompt(self, prompt: Prompt) -> None:
        """A prompt whose text (of that kind) is already in the bank, or whose ID another
        command took meanwhile, already exists: checked and inserted in one transaction."""
        with self.transaction():
            row = self.conn.execute(
                "SELECT id FROM prompts WHERE kind = ? AND text = ?", [prompt.kind, prompt.text]
            ).fetchone()
            if row is not None:
                raise OneOnOneError(messages.PROMPT_EXISTS_AS.format(kind=prompt.kind, id=row[0]))
            try:
                self.conn.execute(
                    "INSERT INTO prompts (id, kind, audience, text, topic) VALUES (?, ?, ?, ?, ?)",
                    [prompt.id, prompt.kind, prompt.audience, prompt.text, prompt.topic],
                )
            except self.errors.IntegrityError:
                raise OneOnOneError(messages.PROMPT_ID_TAKEN.format(id=prompt.id)) from None

    def retire_prompt(self, prompt_id: str, on: date) -> None:
        """Retire a prompt (its ID checked by the caller: services/prompts.py)."""
        with self.transaction():
            self.conn.execute(
                "INSERT OR IGNORE INTO retired_prompts (id, retired) VALUES (?, ?)",
                [prompt_id, on.isoformat()],
            )

    def asked_of(self, handle: str) -> dict[str, date]:
        """Each prompt asked of this person, with the last date it was asked."""
        return {
            pid: date.fromisoformat(on)
            for pid, on in self.conn.execute(
                "SELECT prompt_id, MAX(date) FROM prompt_uses WHERE person = ? GROUP BY prompt_id",
                [handle],
            )
        }

    def asked_by_person(self) -> dict[str, set[str]]:
        """Each person -> the prompts ever asked of them. One row a person (the distinct ids
        joined by commas, which a prompt id never holds: domain/prompts.py _ID), not one a
        (person, prompt): half the time on 80k uses."""
        return {
            person: set(ids.split(","))
            for person, ids in self.conn.execute(
                "SELECT person, group_concat(DISTINCT prompt_id) FROM prompt_uses"
                " WHERE prompt_id IS NOT NULL GROUP BY person"
            )
        }

    def team_last_asked(self, prompt_ids: Iterable[str]) -> dict[str, date]:
        """When each of these prompts was last asked of anyone: one index seek per prompt."""
        result = {}
        for prompt_id in prompt_ids:
            (on,) = self.conn.execute(
                "SELECT MAX(date) FROM prompt_uses WHERE prompt_id = ?", [prompt_id]
            ).fetchone()
            if on is not None:
                result[prompt_id] = date.fromisoformat(on)
        return result
