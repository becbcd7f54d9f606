"""Question banks read from a file (`prompts import`): JSON or CSV, including the public
"1on1-questions" list. Pure: the file's text (and its licence's, when one lies beside it) is
passed in; nothing is read or written here.

Accepted shapes, each question with a category (or a kind):
- the 1on1-questions file: {"questions": [{"question": {"en": ...}, "category": ...}, ...]};
- JSON: a list of objects {"question" (or "text"), "category" (or "kind"), "topic"?, "for"?};
- CSV with a header row naming the columns question (or text) and category (or kind), and
  optionally topic and for (or audience).

A category becomes a kind: morale or roadblock themselves, the 1on1-questions categories, and a
few common names (below); any other category needs `--kind` to say which kind its questions
are. The category is kept as the prompt's topic.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from datetime import date

from oneonone_cli import messages
from oneonone_cli.domain.records import (
    AUDIENCES,
    ImportedBank,
    Prompt,
    PromptSource,
)
from oneonone_cli.errors import OneOnOneError, shown

# The public 1on1-questions list (github.com/VGraupera/1on1-questions, MIT): its categories are
# about the person (morale) except "Team and company", which asks what is in their way.
ONE_ON_ONE_QUESTIONS = "1on1-questions"
ONE_ON_ONE_TITLE = "1on1-questions by Vidal Graupera"
ONE_ON_ONE_CREDIT = (
    "Copyright (c) Vidal Graupera, MIT License, https://github.com/VGraupera/1on1-questions"
)
CATEGORY_KINDS = {
    "morale": "morale",
    "roadblock": "roadblock",
    "roadblocks": "roadblock",
    # 1on1-questions
    "about manager": "morale",
    "career development": "morale",
    "conversation starters": "morale",
    "job satisfaction": "morale",
    "other": "morale",
    "team and company": "roadblock",
    "work-life": "morale",
    # common names in other lists
    "blockers": "roadblock",
    "obstacles": "roadblock",
    "process": "roadblock",
    "career": "morale",
    "growth": "morale",
    "feedback": "morale",
    "wellbeing": "morale",
}
MAX_QUESTION = 500  # characters: a question longer than this is no question
MAX_ITEMS = 5000
LANGUAGE = "en"
_KEY = re.compile(r"[^a-z0-9]+")


def source_key(name: str) -> str:
    """The short name a bank goes by, from its file name: 'My Questions.csv' -> my-questions."""
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return _KEY.sub("-", stem.lower()).strip("-")[:30].strip("-") or "imported"


def read_bank(
    text: str,
    file_name: str,
    *,
    today: date,
    licence: str | None = None,
    kind: str | None = None,
    audience: str | None = None,
    credit: str | None = None,
) -> ImportedBank:
    """The bank in `text` (the contents of `file_name`). `kind`: the kind of questions whose
    category is not known; `audience`: who they suit (default: reports for 1on1-questions,
    else the file's own column, else all); `credit`: the attribution line (default: the
    1on1-questions notice for that file, else the licence's copyright line, else the file)."""
    shape, items = _items(text, file_name)
    if shape == ONE_ON_ONE_QUESTIONS:
        key, title = ONE_ON_ONE_QUESTIONS, ONE_ON_ONE_TITLE
        default_credit = ONE_ON_ONE_CREDIT
        default_audience = "reports"
    else:
        key, title = source_key(file_name), file_name.rsplit("/", 1)[-1]
        default_credit = _licence_credit(licence) or messages.BANK_IMPORT_CREDIT_FILE.format(
            file=title
        )
        default_audience = "all"
    prompts: list[Prompt] = []
    seen: set[str] = set()
    for number, item in enumerate(items, 1):
        question = " ".join(str(item.get("question") or "").split())
        if not question:
            raise OneOnOneError(messages.BANK_IMPORT_NO_QUESTION.format(file=file_name, n=number))
        if len(question) > MAX_QUESTION:
            raise OneOnOneError(
                messages.BANK_IMPORT_QUESTION_TOO_LONG.format(
                    file=file_name, n=number, max=MAX_QUESTION
                )
            )
        category = " ".join(str(item.get("category") or "").split())
        item_kind = _kind_of(category, kind, file_name, number)
        item_audience = audience or (item.get("for") or "").strip().lower() or default_audience
        if item_audience not in AUDIENCES:
            raise OneOnOneError(
                messages.BANK_IMPORT_BAD_AUDIENCE.format(
                    file=file_name,
                    n=number,
                    audience=shown(item_audience),
                    audiences=", ".join(AUDIENCES),
                )
            )
        folded = question.casefold()
        if folded in seen:
            continue
        seen.add(folded)
        topic = str(item.get("topic") or category).strip().lower()[:40]
        prompts.append(
            Prompt("", item_kind, item_audience, question, topic, builtin=False, source=key)
        )
    if not prompts:
        raise OneOnOneError(messages.BANK_IMPORT_EMPTY.format(file=file_name))
    source = PromptSource(key, title, credit or default_credit, licence, title, today)
    return ImportedBank(source, tuple(prompts))


def _kind_of(category: str, kind: str | None, file_name: str, number: int) -> str:
    known = CATEGORY_KINDS.get(category.casefold())
    if known is not None:
        return known
    if kind is not None:
        return kind
    if not category:
        raise OneOnOneError(messages.BANK_IMPORT_NO_CATEGORY.format(file=file_name, n=number))
    raise OneOnOneError(
        messages.BANK_IMPORT_UNKNOWN_CATEGORY.format(
            file=file_name, n=number, category=shown(category)
        )
    )


def _items(text: str, file_name: str) -> tuple[str, list[Mapping[str, object]]]:
    """The file's shape and its questions as {question, category, topic?, for?}."""
    stripped = text.lstrip("\ufeff").strip()
    if stripped[:1] in ("[", "{"):
        try:
            data = json.loads(stripped)
        except ValueError as exc:
            raise OneOnOneError(
                messages.BANK_IMPORT_BAD_JSON.format(
                    file=file_name, line=getattr(exc, "lineno", "?")
                )
            ) from None
        return _json_items(data, file_name)
    if file_name.lower().endswith(".json"):
        raise _wrong_format(file_name, "not JSON")
    return "csv", _csv_items(stripped, file_name)


def _wrong_format(file_name: str, found: str) -> OneOnOneError:
    return OneOnOneError(messages.BANK_IMPORT_WRONG_FORMAT.format(file=file_name, found=found))


def _json_items(data: object, file_name: str) -> tuple[str, list[Mapping[str, object]]]:
    if isinstance(data, dict) and isinstance(data.get("questions"), list):
        items = []
        for entry in _bounded(data["questions"], file_name):
            if not isinstance(entry, dict):
                raise _wrong_format(file_name, "a question that is not an object")
            question = entry.get("question")
            if isinstance(question, dict):  # {"en": ..., "ja_JP": ...}
                question = question.get(LANGUAGE) or next(iter(question.values()), "")
            items.append({"question": question, "category": entry.get("category")})
        return ONE_ON_ONE_QUESTIONS, items
    if isinstance(data, list):
        items = []
        for entry in _bounded(data, file_name):
            if not isinstance(entry, dict) or not ({"question", "text"} & entry.keys()):
                raise _wrong_format(file_name, "an item without a question")
            items.append(
                {
                    "question": entry.get("question", entry.get("text")),
                    "category": entry.get("category", entry.get("kind")),
                    "topic": entry.get("topic"),
                    "for": entry.get("for", entry.get("audience")),
                }
            )
        return "json", items
    raise _wrong_format(file_name, "JSON of another shape")


def _bounded(entries: list, file_name: str) -> list:
    if len(entries) > MAX_ITEMS:
        raise OneOnOneError(messages.BANK_IMPORT_TOO_MANY.format(file=file_name, max=MAX_ITEMS))
    return entries


def _csv_items(text: str, file_name: str) -> list[Mapping[str, object]]:
    # The delimiter is the header row's: a comma, else a tab, else a semicolon.
    first = text.split("\n", 1)[0]
    delimiter = next((d for d in ",\t;" if d in first), ",")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in next(reader, [])]
        column = _columns(header, file_name)
        items = []
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(items) >= MAX_ITEMS:
                raise OneOnOneError(
                    messages.BANK_IMPORT_TOO_MANY.format(file=file_name, max=MAX_ITEMS)
                )
            items.append({name: row[i] if i < len(row) else "" for name, i in column.items()})
    except csv.Error as exc:
        raise _wrong_format(file_name, f"CSV it cannot read ({exc})") from None
    return items


def _columns(header: Iterable[str], file_name: str) -> dict[str, int]:
    names = {"question": ("question", "text", "prompt"), "category": ("category", "kind")}
    optional = {"topic": ("topic",), "for": ("for", "audience")}
    header = list(header)
    found: dict[str, int] = {}
    for name, spellings in (*names.items(), *optional.items()):
        for spelling in spellings:
            if spelling in header:
                found[name] = header.index(spelling)
                break
    if "question" not in found:
        raise _wrong_format(file_name, "no header row naming a question column")
    found.setdefault("category", len(header) + 1)  # no category column: --kind says the kind
    return found


def _licence_credit(licence: str | None) -> str | None:
    """The line of a licence that credits the author ('Copyright (c) ...'), with its name."""
    if not licence:
        return None
    lines = [line.strip() for line in licence.splitlines() if line.strip()]
    copyright_line = next((li for li in lines if li.lower().startswith("copyright")), None)
    if copyright_line is None:
        return None
    name = lines[0] if lines[0] != copyright_line else ""
    return f"{copyright_line}, {name}".strip(", ")[:200]
