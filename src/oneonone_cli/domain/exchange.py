"""The exchange formats, pure: our JSON (its header, version and the checks of a file to
import, each failure one line naming the section, record and field), the CSV header, a jrnl
JSON export read as one person's 1:1s, and the plan of an import (what is already in the
journal, what is new, which IDs the new records get).

A file to import becomes a `Bundle`: for each table of EXCHANGE_TABLES, its rows as tuples in
that table's columns, IDs as the file gives them (a file of ours) or numbered in file order
(CSV, jrnl), which `plan_import` then keeps (into a journal with no 1:1s yet) or replaces.

CSV cells safe in a spreadsheet (CSV injection, OWASP): a cell starting with `=`, `+`, `-`,
`@`, a tab or a carriage return is run as a formula when the file is opened in a spreadsheet,
so a note quoting `=HYPERLINK(...)` would become live. The rule, on every cell of the CSV
export (note text, reasons, tags, prompt IDs, handles...):

    export: a cell matching ^'*[=+\\-@\\t\\r] gets one `'` in front  ("=x" -> "'=x",
            "'=x" -> "''=x", "- item" -> "'- item"); any other cell is written as it is;
    import: a cell matching ^'+[=+\\-@\\t\\r] loses one `'` from its front; any other as it is.

A bijection: import undoes export exactly, so export -> import -> export is byte-identical;
a spreadsheet shows such a cell as text (its `'` may show), never runs it. A CSV file
written before the rule (no `'`) imports as it did: `=x` stays `=x`; the one cell such a
file gives otherwise is a text that itself began with `'` and then one of those characters
(it loses that `'`). JSON, Markdown and HTML exports are not changed.
"""

from __future__ import annotations

import json
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from json.encoder import encode_basestring
from typing import Any, NamedTuple

from oneonone_cli import messages
from oneonone_cli.domain.records import (
    AUDIENCES,
    CANCELLED,
    EXCHANGE_TABLES,
    HELD,
    KINDS,
    RELATIONSHIPS,
    RESCHEDULED,
    check_handle,
    check_name,
)
from oneonone_cli.errors import OneOnOneError, shown

FORMAT = "oneonone"
VERSION = 1
NOTE_KINDS = (*KINDS, "feedback")  # feedback given is a note of its own kind (m006)
STATUSES = (HELD, CANCELLED, RESCHEDULED)
# The limits of what an import takes (text no one typed is refused, never stored): a note of
# ours at most as long as all the notes of one 1:1 may be (older journals may hold notes longer
# than today's limit: their export must import); a note from jrnl or CSV, what `log` takes.
MAX_IMPORTED_NOTE_CHARS = 1_000_000
MAX_SHORT_TEXT = 1_000  # prompt texts, theme keys and names, terms, reasons' IDs

# The CSV format, export and import: one row per note, the 1:1's columns repeated on each of
# its notes; a 1:1 without notes is one row with empty note columns. `meeting_id` groups the
# rows of one 1:1 (blank: the rows of one person, date and status are one 1:1); `note_id` is
# written for reference and ignored on import. `tags` and `asked` are space-separated.
CSV_HEADER = (
    "date",
    "person",
    "status",
    "kind",
    "text",
    "tags",
    "reason",
    "moved_to",
    "mood",
    "talk",
    "status_update",
    "asked",
    "meeting_id",
    "note_id",
)
CSV_REQUIRED = ("date", "kind", "text")  # a blank or missing status is a held 1:1
# jrnl entries tagged so become notes of that kind (first match wins); others, --kind's.
JRNL_KIND_TAGS = (
    ("roadblock", ("roadblock", "blocker", "blocked")),
    ("feedback", ("feedback",)),
    ("morale", ("morale",)),
)


class Bundle(NamedTuple):
    """What a file to import holds: table -> rows in the columns of EXCHANGE_TABLES; `ids`
    tells whether the IDs are the file's own (our JSON) or only link its rows."""

    tables: Mapping[str, list[tuple]]
    ids: bool


class Existing(NamedTuple):
    """What the journal already holds of the people a file names (read under the write lock)."""

    handles: set[str]
    meetings: list[tuple]  # (id, person, date, status, reason, moved_to), by id
    notes: list[tuple]  # (meeting_id, kind, text) of those 1:1s
    prompt_uses: set[tuple[int, str]]  # (meeting_id, prompt_id)
    follow_ups: list[tuple]  # (person, meeting_id, text, added)


class Plan(NamedTuple):
    """The rows to insert, table -> rows, and how many of the file's were already there."""

    rows: dict[str, list[tuple]]
    already: dict[str, int]


# ------------------------------------------------------------------------------ our JSON: writing


def header(exported: date, person: str | None, since: date | None) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported": exported.isoformat(),
        "person": person,
        "since": since and since.isoformat(),
    }


def record(table: str, row: tuple) -> dict[str, Any]:
    """A row of `table` as our JSON writes it: notes' tags as a list, status_update as
    true/false."""
    data = dict(zip(EXCHANGE_TABLES[table], row, strict=True))
    if table == "notes":
        try:
            data["tags"] = json.loads(data["tags"])
        except (TypeError, ValueError):
            data["tags"] = None
        if not isinstance(data["tags"], list) or not all(isinstance(t, str) for t in data["tags"]):
            raise OneOnOneError(messages.NOTE_BAD_TAGS.format(id=data["id"]))
    elif table == "meetings" and data["status_update"] is not None:
        data["status_update"] = bool(data["status_update"])
    return data


def _value(value: Any) -> str:
    """A column's value as JSON (text, a number or null)."""
    if type(value) is str:
        return _quoted(value)
    if value is None:
        return "null"
    if type(value) in (int, float):
        return repr(value)
    raise OneOnOneError(messages.EXPORT_DAMAGED_VALUE)


_quoted = encode_basestring  # the C one where there is one


def json_lines(table: str) -> Callable[[tuple], str]:
    """How our JSON writes a row of `table`: a function from the row to its record as one line
    of JSON, the same text as `json.dumps(record(table, row), ensure_ascii=False)`. The notes
    and 1:1s are written without a dict or the encoder's Python loop (300k notes)."""
    q, v = encode_basestring, _value
    if table == "notes":

        def note(row: tuple) -> str:
            nid, mid, who, day, kind, text, tags = row
            if tags != "[]":
                tags = json.dumps(record("notes", row)["tags"], ensure_ascii=False)
            if type(nid) is not int or type(mid) is not int:
                raise OneOnOneError(messages.EXPORT_DAMAGED_VALUE)
            try:
                return (
                    f'{{"id": {nid}, "meeting_id": {mid}, "person": {q(who)}, "date": {q(day)},'
                    f' "kind": {q(kind)}, "text": {q(text)}, "tags": {tags}}}'
                )
            except TypeError:  # not text
                raise OneOnOneError(messages.EXPORT_DAMAGED_VALUE) from None

        return note
    if table == "meetings":

        def meeting(row: tuple) -> str:
            mid, who, day, status, reason, moved, mood, talk, flag = row
            if type(mid) is not int:
                raise OneOnOneError(messages.EXPORT_DAMAGED_VALUE)
            flag_text = "null" if flag is None else "true" if flag else "false"
            return (
                f'{{"id": {mid}, "person": {v(who)}, "date": {v(day)}, "status": {v(status)},'
                f' "reason": {v(reason)}, "moved_to": {v(moved)}, "mood": {v(mood)},'
                f' "talk": {v(talk)}, "status_update": {flag_text}}}'
            )

        return meeting
    encode = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
    return lambda row: encode(record(table, row))


# ------------------------------------------------------------------------------ our JSON: reading


class _Bad(Exception):
    """A field's problem, said as the end of a sentence naming the field."""


def _text(limit: int, *, optional: bool = False) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if value is None and optional:
            return None
        if not isinstance(value, str):
            raise _Bad(messages.FIELD_NOT_TEXT)
        if not value.strip():
            raise _Bad(messages.FIELD_EMPTY)
        if len(value) > limit:
            raise _Bad(messages.FIELD_TOO_LONG.format(length=len(value), limit=limit))
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise _Bad(messages.FIELD_NOT_UTF8) from None
        return value

    return check


def _date(*, optional: bool = False) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if value is None and optional:
            return None
        if isinstance(value, str) and len(value) == 10:
            try:
                if date.fromisoformat(value).isoformat() == value:
                    return value
            except ValueError:
                pass
        raise _Bad(messages.FIELD_NOT_DATE)

    return check


def _whole(low: int, high: int, *, optional: bool = False) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if value is None and optional:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
            return value
        raise _Bad(messages.FIELD_NOT_WHOLE.format(low=low, high=high))

    return check


def _choice(allowed: Iterable[str]) -> Callable[[Any], Any]:
    allowed = tuple(allowed)

    def check(value: Any) -> Any:
        if value not in allowed:
            raise _Bad(messages.FIELD_NOT_ONE_OF.format(allowed=", ".join(allowed)))
        return value

    return check


def _handle(value: Any) -> Any:
    if not isinstance(value, str):
        raise _Bad(messages.FIELD_NOT_TEXT)
    try:
        if check_handle(value) == value:
            return value
    except OneOnOneError:
        pass
    raise _Bad(messages.FIELD_NOT_HANDLE)


def _name(value: Any) -> Any:
    if not isinstance(value, str):
        raise _Bad(messages.FIELD_NOT_TEXT)
    try:
        return check_name(value)
    except OneOnOneError as exc:
        raise _Bad(str(exc)) from None


def _cadence(value: Any) -> Any:
    from oneonone_cli.domain.dates import parse_cadence

    if not isinstance(value, str):
        raise _Bad(messages.FIELD_NOT_TEXT)
    try:
        return str(parse_cadence(value))
    except OneOnOneError:
        raise _Bad(messages.FIELD_NOT_CADENCE) from None


def _flag(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        return int(value)
    raise _Bad(messages.FIELD_NOT_FLAG)


def _tags(value: Any) -> Any:
    if value == [] and type(value) is list:
        return "[]"
    if not isinstance(value, list) or not all(
        isinstance(t, str) and t.strip() and len(t) <= MAX_SHORT_TEXT for t in value
    ):
        raise _Bad(messages.FIELD_NOT_TAGS)
    return json.dumps(value, ensure_ascii=False)


def _ints(low: int, high: int, optional: bool) -> Callable[[list], bool]:
    allowed = {int, type(None)} if optional else {int}

    def check(values: list) -> bool:
        if not set(map(type, values)) <= allowed:
            return False
        numbers = [v for v in values if v is not None]
        return not numbers or (low <= min(numbers) and max(numbers) <= high)

    return check


_ID = _whole(1, 2**63 - 1)
_ID_OPT = _whole(1, 2**63 - 1, optional=True)
_MOOD = _whole(1, 5, optional=True)
_TALK = _whole(0, 100, optional=True)
_SHORT = _text(MAX_SHORT_TEXT)
_SHORT_OPT = _text(MAX_SHORT_TEXT, optional=True)


def _topic(value: Any) -> Any:
    """A prompt's topic: text, possibly empty, or left out."""
    if value is None or (isinstance(value, str) and not value):
        return value
    return _SHORT(value)


_LONG_OPT = _text(MAX_IMPORTED_NOTE_CHARS, optional=True)
_DATE = _date()
_DATE_OPT = _date(optional=True)
_ATTRIBUTION = _text(MAX_IMPORTED_NOTE_CHARS)

# table -> (column -> check), in the columns of EXCHANGE_TABLES.
CHECKS: dict[str, tuple[Callable[[Any], Any], ...]] = {
    "people": (_handle, _name, _choice(RELATIONSHIPS), _cadence, _DATE, _DATE_OPT),
    "prompt_sources": (_SHORT, _SHORT, _ATTRIBUTION, _LONG_OPT, _LONG_OPT, _DATE),
    "prompts": (_SHORT, _choice(KINDS), _choice(AUDIENCES), _SHORT, _topic, _SHORT_OPT),
    "retired_prompts": (_SHORT, _DATE),
    "lexicon_terms": (_SHORT, _SHORT),
    "lexicon_aliases": (_SHORT, _SHORT),
    "user_themes": (_SHORT, _SHORT, _SHORT_OPT, _DATE),
    "dismissed_themes": (_SHORT, _DATE),
    "meetings": (
        _ID,
        _handle,
        _DATE,
        _choice(STATUSES),
        _LONG_OPT,
        _DATE_OPT,
        _MOOD,
        _TALK,
        _flag,
    ),
    "prompt_uses": (_ID, _handle, _SHORT, _DATE),
    "notes": (
        _ID,
        _ID,
        _handle,
        _DATE,
        _choice(NOTE_KINDS),
        _text(MAX_IMPORTED_NOTE_CHARS),
        _tags,
    ),
    "follow_ups": (_ID, _handle, _ID_OPT, _SHORT, _DATE, _DATE_OPT),
}
# The checks of whole numbers and flags, made on a whole column at once (see _checked_fast).
_VECTOR: dict[Callable[[Any], Any], Callable[[list], bool]] = {
    _ID: _ints(1, 2**63 - 1, False),
    _ID_OPT: _ints(1, 2**63 - 1, True),
    _MOOD: _ints(1, 5, True),
    _TALK: _ints(0, 100, True),
    _flag: lambda values: set(map(type, values)) <= {bool, type(None)},
}
_OPTIONAL_COLUMNS = {"topic", "archived", "kept_from", "reason", "moved_to", "mood", "talk"}
_OPTIONAL_COLUMNS |= {"status_update", "done"}
# A question bank's licence text and file, and a prompt's bank: files of version 1 written
# before banks were exported have none (and still read: the format stays version 1).
_OPTIONAL_COLUMNS |= {"licence", "file", "source"}


def _fail(name: str, section: str, n: int, ident: str, problem: str) -> OneOnOneError:
    return OneOnOneError(
        messages.IMPORT_BAD_RECORD.format(
            file=name, section=section, n=n, ident=ident, problem=problem
        )
    )


def read_ours(data: Any, name: str) -> Bundle:
    """Check a parsed JSON file of ours, every record and the references between them; the
    first problem is one line naming the section, the record (its number from 1, and its ID)
    and the field."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        if isinstance(data, dict) and isinstance(data.get("entries"), list):
            raise OneOnOneError(messages.IMPORT_IS_JRNL.format(file=name))
        raise OneOnOneError(messages.IMPORT_NOT_OURS.format(file=name))
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise OneOnOneError(messages.IMPORT_BAD_VERSION.format(file=name))
    if version > VERSION:
        raise OneOnOneError(
            messages.IMPORT_NEWER_VERSION.format(file=name, version=version, ours=VERSION)
        )
    unknown = sorted(set(data) - set(EXCHANGE_TABLES) - set(header(date.min, None, None)))
    if unknown:
        raise OneOnOneError(
            messages.IMPORT_UNKNOWN_SECTION.format(file=name, section=shown(unknown[0]))
        )
    tables: dict[str, list[tuple]] = {}
    for section in EXCHANGE_TABLES:
        # Taken out of the parsed file as it is read: each section's objects go once checked.
        records = data.pop(section, [])
        if not isinstance(records, list):
            raise OneOnOneError(messages.IMPORT_SECTION_NOT_LIST.format(file=name, section=section))
        rows = _checked_fast(records, section)
        if rows is None:  # something is wrong: the record by record reading names it
            rows = _checked_one_by_one(records, section, name)
        tables[section] = rows
    _check_references(tables, name)
    return Bundle(tables, ids=True)


def _checked_one_by_one(records: list, section: str, name: str) -> list[tuple]:
    columns = EXCHANGE_TABLES[section]
    checks = CHECKS[section]
    rows = []
    for n, item in enumerate(records, start=1):
        if not isinstance(item, dict):
            raise _fail(name, section, n, "", messages.RECORD_NOT_OBJECT)
        extra = set(item) - set(columns)
        if extra:
            field = shown(sorted(extra)[0])
            raise _fail(name, section, n, _ident(item), messages.FIELD_UNKNOWN.format(field=field))
        values = []
        for column, check in zip(columns, checks, strict=True):
            if column not in item and column not in _OPTIONAL_COLUMNS:
                raise _fail(
                    name, section, n, _ident(item), messages.FIELD_MISSING.format(field=column)
                )
            try:
                values.append(check(item.get(column)))
            except _Bad as bad:
                problem = messages.FIELD_PROBLEM.format(field=column, problem=bad)
                raise _fail(name, section, n, _ident(item), problem) from None
        rows.append(tuple(values))
    return rows


def _checked_fast(records: list, section: str) -> list[tuple] | None:
    """The same checks column by column, each distinct value checked once (an export of 300k
    notes has a few thousand dates, five hundred handles, three kinds); None on any problem,
    for `_checked_one_by_one` to name it."""
    columns = EXCHANGE_TABLES[section]
    if not all(type(r) is dict for r in records):
        return None
    if set().union(*records) - set(columns):
        return None
    out = []
    for column, check in zip(columns, CHECKS[section], strict=True):
        if column not in _OPTIONAL_COLUMNS and not all(column in r for r in records):
            return None
        values = [r.get(column) for r in records]
        kind = _VECTOR.get(check)
        try:
            if kind is not None:
                if not kind(values):
                    return None
                if check is _flag:
                    values = [None if v is None else int(v) for v in values]
            elif check is _tags:
                values = [check(v) for v in values]
            else:
                if not all(type(v) in (str, type(None)) for v in values):
                    return None  # (a set would take True for 1)
                seen = {v: check(v) for v in set(values)}
                values = [seen[v] for v in values]
        except _Bad:
            return None
        out.append(values)
    return list(zip(*out, strict=True)) if records else []


def _ident(item: dict) -> str:
    for key in ("id", "handle", "key"):
        value = item.get(key)
        if isinstance(value, (int, str)) and not isinstance(value, bool):
            return messages.RECORD_IDENT.format(key=key, value=shown(str(value)))
    return ""


def _check_references(tables: Mapping[str, list[tuple]], name: str) -> None:
    """Unique IDs and handles; every 1:1's person in the file; every note, prompt use and
    follow-up pointing at a 1:1 of the file, of the same person."""
    people = _unique(tables["people"], "people", "handle", name)
    meetings = {}
    for n, row in enumerate(tables["meetings"], start=1):
        if row[0] in meetings:
            raise _fail(name, "meetings", n, _id(row[0]), messages.RECORD_DUPLICATE)
        if row[1] not in people:
            raise _fail(name, "meetings", n, _id(row[0]), messages.RECORD_UNKNOWN_PERSON)
        meetings[row[0]] = row[1]
    links = (("notes", 1, 2, True), ("prompt_uses", 0, 1, False), ("follow_ups", 2, 1, True))
    for section, at, who, has_id in links:
        seen = set()
        for n, row in enumerate(tables[section], start=1):
            ident = _id(row[0]) if has_id else ""
            if has_id:
                if row[0] in seen:
                    raise _fail(name, section, n, ident, messages.RECORD_DUPLICATE)
                seen.add(row[0])
            if row[who] not in people:
                raise _fail(name, section, n, ident, messages.RECORD_UNKNOWN_PERSON)
            meeting = row[at]
            if meeting is None:
                continue
            if meetings.get(meeting) is None:
                raise _fail(name, section, n, ident, messages.RECORD_UNKNOWN_MEETING)
            if meetings[meeting] != row[who]:
                raise _fail(name, section, n, ident, messages.RECORD_OTHER_PERSON)


def _unique(rows: list[tuple], section: str, what: str, name: str) -> set:
    seen: set = set()
    for n, row in enumerate(rows, start=1):
        if row[0] in seen:
            raise _fail(
                name,
                section,
                n,
                messages.RECORD_IDENT.format(key=what, value=row[0]),
                messages.RECORD_DUPLICATE,
            )
        seen.add(row[0])
    return seen


def _id(value: int) -> str:
    return messages.RECORD_IDENT.format(key="id", value=value)


# ------------------------------------------------------------------------------ jrnl


def read_jrnl(data: Any, name: str, person: str, default_kind: str) -> Bundle:
    """A jrnl JSON export (`jrnl --format json`: {"tags": {...}, "entries": [{"title",
    "body", "date", "time", "tags", "starred"}, ...]}) as `person`'s 1:1s: one held 1:1 per
    day, one note per entry (title, then body on the next line). jrnl's @tags and #tags become
    tags; an entry tagged roadblock/blocker/blocked, feedback or morale is a note of that kind,
    any other one of `default_kind`. The time of day and the star are not kept; an empty entry
    is skipped."""
    from oneonone_cli.domain.noteinput import MAX_NOTE_CHARS

    if isinstance(data, dict) and data.get("format") == FORMAT:
        raise OneOnOneError(messages.IMPORT_OURS_AS_JRNL.format(file=name))
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise OneOnOneError(messages.IMPORT_NOT_JRNL.format(file=name))
    meetings: dict[str, int] = {}
    notes = []
    for n, entry in enumerate(data["entries"], start=1):
        where = messages.JRNL_ENTRY.format(file=name, n=n)
        if not isinstance(entry, dict):
            raise OneOnOneError(messages.JRNL_BAD_ENTRY.format(where=where))
        try:
            day = _DATE(entry.get("date"))
            title = _text_or_empty(entry.get("title"))
            body = _text_or_empty(entry.get("body"))
            tags = entry.get("tags", [])
            if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
                raise _Bad(messages.FIELD_NOT_TAGS)
        except _Bad as bad:
            raise OneOnOneError(messages.JRNL_BAD_FIELD.format(where=where, problem=bad)) from None
        text = "\n".join(part for part in (title.strip(), body.strip()) if part)
        if not text:
            continue
        if len(text) > MAX_NOTE_CHARS:
            raise OneOnOneError(
                messages.JRNL_TOO_LONG.format(
                    where=where, length=len(text), max_note_chars=MAX_NOTE_CHARS
                )
            )
        tag_list = _merged_tags(text, (t.lstrip("@#") for t in sorted(tags)))
        kind = next(
            (k for k, words in JRNL_KIND_TAGS if any(w in tag_list for w in words)),
            default_kind,
        )
        meeting = meetings.setdefault(day, len(meetings) + 1)
        notes.append(
            (
                len(notes) + 1,
                meeting,
                person,
                day,
                kind,
                text,
                json.dumps(tag_list, ensure_ascii=False),
            )
        )
    meeting_rows = [
        (mid, person, day, HELD, None, None, None, None, None) for day, mid in meetings.items()
    ]
    return Bundle(_only(meetings=meeting_rows, notes=notes), ids=False)


def _text_or_empty(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _Bad(messages.FIELD_NOT_TEXT)
    return value


def _merged_tags(text: str, more: Iterable[str]) -> list[str]:
    """The #tags of the text (our rule), then the other tags given, in our form."""
    from oneonone_cli.domain.tags import extract_tags

    found = list(extract_tags(text))
    for tag in more:
        found.extend(extract_tags("#" + tag.strip().lstrip("#")))
    return list(dict.fromkeys(found))


def _only(**tables: list[tuple]) -> dict[str, list[tuple]]:
    return {section: tables.get(section, []) for section in EXCHANGE_TABLES}


# ------------------------------------------------------------------------------ CSV


def read_csv(rows: Iterable[list[str]], name: str, person: str | None) -> Bundle:
    """Rows of a CSV file (the header first) as 1:1s and notes; `person` fills blank person
    cells. Prompt IDs in `asked` are checked by the caller (they need the bank)."""
    from oneonone_cli.domain.noteinput import MAX_NOTE_CHARS

    rows = iter(rows)
    head = next(rows, None)
    if head is None:
        raise OneOnOneError(messages.CSV_EMPTY.format(file=name, header=",".join(CSV_HEADER)))
    head = [h.strip().lstrip("\ufeff") for h in head]
    unknown = [h for h in head if h not in CSV_HEADER]
    missing = [h for h in CSV_REQUIRED if h not in head]
    if unknown or missing or len(set(head)) != len(head) or ("person" not in head and not person):
        raise OneOnOneError(
            messages.CSV_BAD_HEADER.format(
                file=name,
                header=",".join(CSV_HEADER),
                required=", ".join(CSV_REQUIRED),
            )
        )
    at = {h: i for i, h in enumerate(head)}
    groups: dict[tuple, int] = {}
    meetings: list[tuple] = []
    notes: list[tuple] = []
    uses: list[tuple] = []
    note_check = _text(MAX_NOTE_CHARS)
    for line, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(head):
            raise OneOnOneError(messages.CSV_TOO_MANY_CELLS.format(file=name, line=line))
        cell = {h: (csv_cell(row[i]) if i < len(row) else "") for h, i in at.items()}
        field = "person"
        try:
            who = _any_case_handle(cell.get("person") or person or "")
            field = "date"
            day = _DATE(cell["date"])
            field = "status"
            status = _choice(STATUSES)(cell.get("status") or HELD)
            field = "reason"
            reason = _LONG_OPT(cell.get("reason") or None)
            field = "moved_to"
            moved_to = _DATE_OPT(cell.get("moved_to") or None)
            field = "mood"
            mood = _whole(1, 5, optional=True)(_number(cell.get("mood")))
            field = "talk"
            talk = _whole(0, 100, optional=True)(_number(cell.get("talk")))
            field = "status_update"
            flag = _yes_no(cell.get("status_update"))
            field = "text"
            text = note_check(cell["text"]) if cell["text"] else None
            field = "kind"
            kind = _choice(NOTE_KINDS)(cell["kind"]) if text or cell["kind"] else None
            if kind is not None and text is None:
                field = "text"
                raise _Bad(messages.FIELD_EMPTY)
        except _Bad as bad:
            raise OneOnOneError(
                messages.CSV_BAD_CELL.format(file=name, line=line, field=field, problem=bad)
            ) from None
        group = cell.get("meeting_id") or ""
        key = ("id", group) if group else ("day", who, day, status, reason, moved_to)
        meeting = groups.get(key)
        if text is not None and status != HELD:
            raise OneOnOneError(
                messages.CSV_NOTE_NOT_HELD.format(file=name, line=line, status=status)
            )
        if meeting is not None:
            meetings[meeting - 1] = _same_meeting(
                meetings[meeting - 1],
                (meeting, who, day, status, reason, moved_to, mood, talk, flag),
                cell,
                name,
                line,
            )
        if meeting is None:
            meeting = groups[key] = len(meetings) + 1
            meetings.append((meeting, who, day, status, reason, moved_to, mood, talk, flag))
            for prompt_id in dict.fromkeys((cell.get("asked") or "").replace(",", " ").split()):
                uses.append((meeting, who, prompt_id, day))
        elif meetings[meeting - 1][1] != who:
            raise OneOnOneError(messages.CSV_GROUP_OTHER_PERSON.format(file=name, line=line))
        if text is not None:
            tags = _merged_tags(text, (cell.get("tags") or "").split())
            meeting_day = meetings[meeting - 1][2]
            notes.append(
                (
                    len(notes) + 1,
                    meeting,
                    who,
                    meeting_day,
                    kind,
                    text,
                    json.dumps(tags, ensure_ascii=False),
                )
            )
    return Bundle(_only(meetings=meetings, notes=notes, prompt_uses=uses), ids=False)


# The columns of a 1:1 that rows sharing its meeting_id must agree on, by their place in a
# meetings tuple. A blank optional cell agrees with any value, in whichever row it is: the
# 1:1 takes the value one of its rows gives.
_MEETING_CELLS = (
    (2, "date"),
    (3, "status"),
    (4, "reason"),
    (5, "moved_to"),
    (6, "mood"),
    (7, "talk"),
    (8, "status_update"),
)


def _same_meeting(first: tuple, this: tuple, cell: dict, name: str, line: int) -> tuple:
    """The 1:1 of the rows read so far, with what this row adds: a row whose 1:1 (by
    meeting_id) says another date, status, mood ... than the rows before is refused (which is
    right cannot be told, and the first must not silently win); a cell left blank before and
    given now fills it in."""
    merged = list(first)
    for at, field in _MEETING_CELLS:
        given = field == "date" or bool(cell.get(field))
        if not given:
            continue
        if first[at] is None:
            merged[at] = this[at]
        elif first[at] != this[at]:
            raise OneOnOneError(
                messages.CSV_GROUP_CONFLICT.format(file=name, line=line, field=field)
            )
    return tuple(merged)


def _any_case_handle(value: Any) -> Any:
    """A CSV person cell: matched case-insensitively, as --person is (`Alice` is alice)."""
    if not isinstance(value, str):
        raise _Bad(messages.FIELD_NOT_TEXT)
    try:
        return check_handle(value)
    except OneOnOneError:
        raise _Bad(messages.FIELD_NOT_HANDLE) from None


def _number(value: str | None) -> Any:
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        return value  # refused by the check, named


def _yes_no(value: str | None) -> int | None:
    if not value:
        return None
    answer = {"1": 1, "0": 0, "yes": 1, "no": 0, "true": 1, "false": 0}.get(value.lower())
    if answer is None:
        raise _Bad(messages.FIELD_NOT_YES_NO)
    return answer


# What makes a spreadsheet read a cell as a formula (OWASP's list), and what a cell made safe
# may start with (see the module's docstring).
FORMULA_START = frozenset("=+-@\t\r")
_SAFE_START = FORMULA_START | {"'"}


def csv_safe(text: str) -> str:
    """A CSV cell's text made safe in a spreadsheet: one `'` before a text matching
    ^'*[=+\\-@\\t\\r], any other as it is (undone by `csv_unsafe`)."""
    if text[:1] in _SAFE_START and text.lstrip("'")[:1] in FORMULA_START:
        return "'" + text
    return text


def csv_unsafe(cell: str) -> str:
    """A CSV cell as it was before `csv_safe`: one `'` less before a cell matching
    ^'+[=+\\-@\\t\\r], any other as it is (a file written before the rule imports as it did)."""
    if cell[:1] == "'" and cell.lstrip("'")[:1] in FORMULA_START:
        return cell[1:]
    return cell


def csv_cell(raw: str) -> str:
    """A cell of a CSV file as imported: one made safe by `csv_safe` is given back exactly as
    it was written (`csv_unsafe`); any other is trimmed, as a hand-made file's cells are. The
    safe prefix is looked for before trimming: a cell that only starts with `'=` once trimmed
    (' \u00a0\'@x') was not made safe, and keeps its `'`."""
    if raw[:1] == "'":
        unsafe = csv_unsafe(raw)
        if unsafe is not raw:
            return unsafe
    return raw.strip()


def csv_row(row: tuple) -> list[Any]:
    """One row of `meetings_with_notes` (store/exchange.py) as the CSV columns, every cell
    made safe in a spreadsheet (`csv_safe`)."""
    (mid, who, day, status, reason, moved_to, mood, talk, flag, asked, nid, kind, text, tags) = row
    tag_text = " ".join("#" + t for t in json.loads(tags)) if tags is not None else ""
    flag_text = "" if flag is None else ("yes" if flag else "no")
    kind, text, reason, moved_to, asked = (
        kind or "",
        text or "",
        reason or "",
        moved_to or "",
        asked or "",
    )
    cells = [
        day,
        who,
        status,
        kind,
        text,
        tag_text,
        reason,
        moved_to,
        "" if mood is None else mood,
        "" if talk is None else talk,
        flag_text,
        asked,
        mid,
        "" if nid is None else nid,
    ]
    # The row of every day (no cell that could start so) is told cheaply (300k notes); tags
    # start with #, the flag is yes or no. A damaged journal may hold text anywhere: then every
    # cell is looked at.
    s = _SAFE_START
    try:
        plain = not (
            text[:1] in s
            or reason[:1] in s
            or who[:1] in s
            or day[:1] in s
            or status[:1] in s
            or kind[:1] in s
            or moved_to[:1] in s
            or asked[:1] in s
            or type(mood) is str
            or type(talk) is str
            or type(mid) is str
            or type(nid) is str
        )
    except TypeError:  # a cell that is not text where text belongs
        plain = False
    return cells if plain else [csv_safe(c) if type(c) is str else c for c in cells]


# ------------------------------------------------------------------------------ the plan


def plan_import(
    bundle: Bundle, existing: Existing, next_ids: Mapping[str, int], *, keep_ids: bool
) -> Plan:
    """What to insert. People are matched by handle (the journal's own are kept as they are);
    a 1:1 by person, date, status, reason and moved-to date; a note by its 1:1, kind and text;
    a follow-up by person, 1:1, text and day added; a prompt use by 1:1 and prompt (each the
    k-th of its kind in the file matching the k-th in the journal, so two 1:1s of one day stay
    two). What matches is already there and skipped: importing a file twice adds nothing.
    With `keep_ids` (a file of ours into a journal with no 1:1s, notes or follow-ups), new
    records keep the file's IDs; otherwise they are numbered from `next_ids` in file order.
    The small tables (prompts, themes taught) are inserted keeping the journal's own on a
    clash of keys, by the store."""
    t = bundle.tables
    rows: dict[str, list[tuple]] = {section: [] for section in EXCHANGE_TABLES}
    already: dict[str, int] = defaultdict(int)
    for row in t["people"]:
        if row[0] in existing.handles:
            already["people"] += 1
        else:
            rows["people"].append(row)
    for section in EXCHANGE_TABLES:
        if section not in ("people", "meetings", "notes", "prompt_uses", "follow_ups"):
            rows[section] = list(t[section])
    if keep_ids and not (existing.meetings or existing.follow_ups or existing.prompt_uses):
        for section in ("meetings", "notes", "prompt_uses", "follow_ups"):
            rows[section] = list(t[section])  # nothing to match: the file's rows as they are
        return Plan(rows, dict(already))
    counter = dict(next_ids)

    def new_id(section: str, old: int) -> int:
        if keep_ids:
            return old
        value = counter[section]
        counter[section] += 1
        return value

    free: dict[tuple, deque] = defaultdict(deque)
    for mid, *key in existing.meetings:
        free[tuple(key)].append(mid)
    meeting_ids: dict[int, int] = {}
    for row in t["meetings"]:
        spot = free.get(tuple(row[1:6]))
        if spot:
            meeting_ids[row[0]] = spot.popleft()
            already["meetings"] += 1
        else:
            meeting_ids[row[0]] = new_id("meetings", row[0])
            rows["meetings"].append((meeting_ids[row[0]], *row[1:]))
    have_notes: dict[tuple, int] = defaultdict(int)
    for key in existing.notes:
        have_notes[key] += 1
    for row in t["notes"]:
        mid = meeting_ids[row[1]]
        key = (mid, row[4], row[5])
        if have_notes.get(key):
            have_notes[key] -= 1
            already["notes"] += 1
        else:
            rows["notes"].append((new_id("notes", row[0]), mid, *row[2:]))
    seen = set(existing.prompt_uses)
    for row in t["prompt_uses"]:
        key = (meeting_ids[row[0]], row[2])
        if key in seen:
            already["prompt_uses"] += 1
        else:
            seen.add(key)
            rows["prompt_uses"].append((key[0], *row[1:]))
    have_follow: dict[tuple, int] = defaultdict(int)
    for key in existing.follow_ups:
        have_follow[key] += 1
    for row in t["follow_ups"]:
        mid = None if row[2] is None else meeting_ids[row[2]]
        key = (row[1], mid, row[3], row[4])
        if have_follow.get(key):
            have_follow[key] -= 1
            already["follow_ups"] += 1
        else:
            rows["follow_ups"].append((new_id("follow_ups", row[0]), row[1], mid, *row[3:]))
    return Plan(rows, dict(already))


def people_named(bundle: Bundle) -> set[str]:
    """Every handle the file's records name."""
    t = bundle.tables
    found = {row[0] for row in t["people"]}
    for section, at in (("meetings", 1), ("notes", 2), ("prompt_uses", 1), ("follow_ups", 1)):
        found.update(row[at] for row in t[section])
    return found
