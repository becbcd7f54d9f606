"""The journal: one `Store` over one SQLite connection, the only code that speaks SQL.

`Store` is composed of one mixin class per area, each in its own module: connection.py
(open, integrity, migrations, transactions), files.py (backups, sealed drafts), people.py,
meetings.py (meetings and notes), followups.py (follow-ups), prompts.py, rollup.py (lexicon
entries and the theme roll-up), search.py (full-text search of the notes), exchange.py
(export and import), fixes.py (editing notes and 1:1s, renaming), trash.py (what was removed,
until restored), brief.py (what prep and health read). Callers hold one object with one
connection, so that a transaction opened by one
area includes the writes of another. The store takes plain values and hands back records
(domain/records.py), never raw rows, and runs no domain logic.
"""

from __future__ import annotations

from oneonone_cli.store.brief import BriefMixin
from oneonone_cli.store.connection import Connection
from oneonone_cli.store.exchange import ExchangeMixin
from oneonone_cli.store.files import FilesMixin
from oneonone_cli.store.fixes import FixesMixin
from oneonone_cli.store.followups import FollowUpsMixin
from oneonone_cli.store.meetings import MeetingsMixin
from oneonone_cli.store.pages import PagesMixin
from oneonone_cli.store.people import PeopleMixin
from oneonone_cli.store.prompts import PromptsMixin
from oneonone_cli.store.rollup import RollupMixin
from oneonone_cli.store.search import SearchMixin
from oneonone_cli.store.trash import TrashMixin


class Store(
    PeopleMixin,
    MeetingsMixin,
    FollowUpsMixin,
    PromptsMixin,
    RollupMixin,
    SearchMixin,
    ExchangeMixin,
    FixesMixin,
    TrashMixin,
    BriefMixin,
    PagesMixin,
    FilesMixin,
    Connection,
):
    """The journal behind one SQLite connection."""
