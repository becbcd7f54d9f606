"""Every message oneonone shows the user, in one place (as jrnl keeps its MsgText): errors,
confirmations, notes, warnings, questions and hints, as str templates filled where they are used:
`messages.NAME.format(...)`. A flat module of plain strings, imported on every run: it imports
nothing. Options' and commands' help texts stay beside them (they document, they do not report)."""


# --- Output and the exit point

NO_ONE_YET = "No one in the journal yet: add someone with 'oneonone add HANDLE'."
DID_YOU_MEAN = "did you mean '{name}'? "
ARGUMENT_NOT_UTF8 = (
    "argument {n} ('{value}') is not valid UTF-8: retype it, or set a UTF-8 locale such as "
    "LANG=C.UTF-8; nothing was written"
)
ERROR_LINE = "oneonone: {message}"
SEE_HELP = " (see '{command} --help')"
USE_COMPLETION_COMMAND = ": print the script with 'oneonone completion bash' (or zsh, fish); see its --help to install it"
DB_GOES_FIRST = " (--db goes before the command: oneonone --db FILE COMMAND ...)"
NOTHING_WRITTEN = "nothing was written"
NOTHING_WRITTEN_TAIL = "; nothing was written"
SAVED_BEFORE = "its change was saved before; check the result before running it again"
SAVED_BEFORE_IT = "its change was saved before it; check the result before running it again"
ROLLED_BACK = "a write it interrupted was rolled back"
STOPPED_BY = "stopped by {signal}: {what}"
INTERRUPTED = "interrupted: nothing was written"
INTERRUPTED_SAVED = (
    "interrupted after its change was saved: check the result before running it again"
)
VALUE_NOT_UTF8 = (
    "a value is not valid UTF-8 (an argument, ONEONONE_DB or a file name): "
    "retype it, or set a UTF-8 locale such as LANG=C.UTF-8"
)
PATH_REFUSED = "cannot use {path} ({reason}): check the path"
OUTPUT_FAILED = (
    "the output could not be written ({reason}): nothing was changed; fix the output and try again"
)
OUTPUT_FAILED_SAVED = (
    "the change WAS saved, but its output could not be written ({reason}): "
    "do not run it again; check it with 'oneonone show' or 'oneonone people'"
)
UNEXPECTED_ERROR = (
    "unexpected error ({error}{where}): {what}."
    " Please report it; ONEONONE_DEBUG=1 shows the full traceback, which may include notes"
)
ERROR_AT = " at {file}:{line}"

# --- The journal file and the run context (--db, ONEONONE_DB, ONEONONE_TODAY)

DB_ENV_EMPTY = (
    "ONEONONE_DB is set but empty: set it to a journal file, or unset it for the default journal"
)
DB_OPTION_EMPTY = "--db is empty: give a journal file, or leave --db out for the default journal"
JOURNAL_READABLE_BY_OTHERS = "warning: {path} can be read by other users: run 'chmod 600 {path}'"
NO_JOURNAL_YET = (
    "note: there is no journal at {missing} yet (check --db or ONEONONE_DB): this was an empty one"
)
TODAY_NOT_A_DATE = (
    "ONEONONE_TODAY='{pinned}' is not a YYYY-MM-DD date: set it to one, such as 2026-03-02, "
    "or unset it to use today's date"
)
TODAY_OUT_OF_RANGE = (
    "ONEONONE_TODAY={pinned} is out of range: use a date between 1970-01-01 and 9000-12-31"
)

JOURNAL_READ_ONLY = (
    "the journal is read-only: check the permissions of the file and of its -wal "
    "and -shm files beside it, or choose another --db"
)
JOURNAL_BUSY = "the journal is busy with another oneonone command: try again in a moment"
JOURNAL_DISK_FULL = "cannot write the journal ({error}): free some disk space and try again"
JOURNAL_UNUSABLE = "cannot use the journal ({error}): check the --db path"

# --- Opening, checking and writing the journal file (store/)

DB_IS_A_FOLDER = "{path} is a folder: give --db a file path such as {path}/journal.db"
DB_FOLDER_MISSING = (
    "the folder {parent} does not exist: create it first or choose another --db path"
)
DB_NOT_A_REGULAR_FILE = "{path} is not a regular file: choose another --db path"
PATH_FOLDER_DENIED = (
    "cannot reach {path}: permission denied on its folder {folder}; "
    "check the folder's permissions or choose another --db path"
)
PATH_UNREACHABLE = "cannot reach {path} ({strerror}): choose another path"
CANNOT_WRITE_IN = (
    "cannot write in {folder} ({reason}): check the folder's permissions, or choose another path"
)
JOURNAL_KEEPS_BEING_REPLACED = "{path} keeps being replaced while it opens: try again in a moment"
JOURNAL_NOT_OURS = (
    "{path} is a SQLite database but not a oneonone journal: choose another --db path"
)
JOURNAL_FROM_NEWER_VERSION = (
    "{path} was written by a newer version of oneonone: "
    "upgrade with 'pip install -U oneonone' before opening it"
)
JOURNAL_STAYED_BUSY = "the journal stayed busy: try again in a moment"
JOURNAL_REPLACED_NOTHING_WRITTEN = (
    "{path} was just replaced by another oneonone command (encrypt): "
    "nothing was written; run the command again"
)
JOURNAL_REPLACED_TRY_AGAIN = "{path} was just replaced by another oneonone command: try again"
JOURNAL_STAYED_IN_USE = (
    "{path} stayed in use by other oneonone commands: nothing was changed; "
    "try again when they are done"
)
CANNOT_WRITE_DISK_FULL = (
    "cannot write {path}: its disk is full; free some space and try again "
    "(nothing was written; the journal is intact)"
)
CANNOT_WRITE_DISK_IO = "cannot write {path} (disk I/O error): check its disk; nothing was written"
CANNOT_WRITE_READ_ONLY = (
    "cannot write {path}: you may only read it (check the permissions of the file, of its "
    "-wal and -shm files and of its folder {folder}, or choose another --db); "
    "nothing was written"
)
CANNOT_READ_DISK_FULL = (
    "cannot read {path}: its disk is full and it holds changes not yet folded into "
    "the file; free some space and try again (the journal is intact)"
)
CANNOT_READ_UNFOLDED = (
    "cannot read {path} ({exc}): you may only read it, and it holds changes not yet "
    "folded into the file; ask its owner to run any oneonone command on it, or copy it"
)
JOURNAL_DAMAGED = (
    "{where} is damaged ({detail}): nothing was written; restore a copy from "
    "{backups}/ beside it, or try {recover}"
)
ROW_BAD_DATE = (
    "a {what} in the journal has a date that is not a date ('{value}'): correct it (YYYY-MM-DD) "
    "with sqlite3, or restore a copy from backups/ beside the journal"
)
NOTE_BAD_TAGS = (
    "a note in the journal (id {id}) has tags that cannot be read (not a JSON list of words): "
    "set them to '[]' with sqlite3, or restore a copy from backups/ beside the journal"
)
NOTE_NOT_TEXT = (
    "a note in the journal (id {id}) has text that is not text (binary data): correct it with "
    "sqlite3, or restore a copy from backups/ beside the journal"
)
RECOVER_COMMAND = "'sqlite3 {where} .recover'"
RECOVER_ANY = "SQLite's .recover"
JOURNAL_NOT_SQLITE = "{where} is not a oneonone journal (not a SQLite file): check the --db path"
CANNOT_USE_DISK_FULL = (
    "cannot use {where}: its disk is full; free some space and try again (nothing was written)"
)
JOURNAL_HELD_ELSEWHERE = "{where} is busy (another program holds it): try again in a moment"
CANNOT_OPEN_JOURNAL = "cannot open {where}: check that it exists and that you may read it"
CANNOT_USE_JOURNAL = "cannot use {where} ({text}): check the --db path"
JOURNAL_UPGRADE_FAILED = (
    "cannot upgrade {path} to this version ({text}): its tables were changed outside "
    "oneonone; nothing was changed; restore a copy from {backups}/ beside it"
)

# --- Backups

BACKED_UP = "Backed up {journal} to {dest}."
NO_JOURNAL_TO_BACK_UP = "there is no journal yet: nothing to back up"
NO_JOURNAL_AT_TO_BACK_UP = "there is no journal at {source} yet: nothing to back up"
BACKUP_PATH_EMPTY = "the backup path is empty: give a file, or leave it out for {default}"
BACKUP_EXISTS = "{dest} already exists: choose a new file for the backup"
BACKUP_FOLDER_MISSING = "the folder {folder} does not exist: create it first"
BACKUP_NOT_A_FOLDER = "{folder} is not a folder: choose another path for the backup"
BACKUP_WRITE_FAILED = (
    "could not write the backup {dest} ({exc}): free some space there or "
    "choose another place; the journal itself is untouched"
)

# --- Encryption

ENCRYPTED_DRAFT_NEEDS_JOURNAL = "an encrypted draft needs its encrypted journal"
ENCRYPTION_NOT_INSTALLED = "{where}: install encryption support with: {install}"
LOOKS_ENCRYPTED = "{path} looks encrypted"
ENCRYPTION_NEEDS_SQLCIPHER = "encryption needs SQLCipher"
NO_KEYRING = (
    "no OS keyring is available and there is no terminal to type the passphrase: "
    "run this from a terminal, or set up an OS keyring (Secret Service, Keychain)"
)
KEYRING_DID_NOT_ANSWER = "the OS keyring did not answer ({exc}): unlock it and try again"
KEYRING_HAS_NO_KEY = (
    "the OS keyring has no key for {path} (keys are filed under the journal's path: "
    "a moved or copied journal needs its key or passphrase) and there is no terminal "
    "to type it: run this from a terminal"
)
KEYRING_STORE_FAILED = "could not store the key in the OS keyring ({exc}): nothing was changed"
PASSPHRASE_FOR = "passphrase for {path}: "
PASSPHRASE_CHOOSE = "no OS keyring: choose a passphrase for {path}: "
PASSPHRASE_AGAIN = "type it again: "
PASSPHRASE_TOO_SHORT = "the passphrase is too short: use at least 12 characters"
PASSPHRASES_DIFFER = "the passphrases differ: nothing was changed"
WRONG_KEY = (
    "cannot decrypt {path}: the key is wrong (or the journal moved since it was encrypted; "
    "its key in the OS keyring is filed under its old path); nothing was changed"
)
NO_JOURNAL_TO_ENCRYPT = "there is no journal at {given} yet: add someone, then encrypt it"
ALREADY_ENCRYPTED = "{given} is already encrypted (or is not a SQLite file): nothing to do"
ENCRYPTED_COPY_UNVERIFIED = "the encrypted copy did not verify ({check}): nothing was changed"
ENCRYPT_DISK_FULL = (
    "cannot encrypt {path}: its disk is full; free some space and try again (nothing was changed)"
)
ENCRYPTED = (
    "Encrypted {given}; {where}.{drafts} The unencrypted copy {plain}, and any older "
    "copies in {folder}, are NOT encrypted: delete them once you have checked the "
    "journal opens."
)
KEY_IN_KEYRING = "its key is in the OS keyring"
KEY_IS_PASSPHRASE = "type the passphrase to open it"
DRAFT_NOW_ENCRYPTED = " {drafts} in drafts/ is now encrypted too."
DRAFTS_NOW_ENCRYPTED = " {drafts} in drafts/ are now encrypted too."
ENCRYPTED_DRAFT = "{path} is an encrypted draft: open it with its encrypted journal"
DRAFT_UNREADABLE = "cannot read the draft {path} ({exc})"

# --- People: handles, names, add/edit/archive

PERSON_NOT_ARCHIVED = "is not archived"
PERSON_ALREADY_IN_JOURNAL = (
    "'{handle}' is already in the journal: change them with 'oneonone edit {handle}'"
)
NO_ONE_CALLED = "no one called '{handle}' in the journal: {hint}{add}"
ADD_THEM = "add them with 'oneonone add {handle} --name \"Full Name\"'"
PERSON_ALREADY_ARCHIVED = "was already archived on {day}"
HANDLE_IS_COMMAND_WORD = (
    "'{handle}' is a command word and cannot be a handle: choose another, e.g. {handle}-1 "
    "or their first name"
)
INVALID_HANDLE = (
    "'{handle}' is not a valid handle: use 1-32 lowercase letters, digits, '-' or '_', "
    "starting with a letter (e.g. alice, bob-k)"
)
NAME_EMPTY = "--name is empty: give their full name, or leave --name out"
NAME_INVISIBLE = "--name holds a control or invisible character: type the name again as plain text"
NAME_LINE_BREAK = "--name holds a line break: a name is one line of text"
NAME_TOO_LONG = "--name is {length:,} characters long; a name can be at most {max_name_chars}"
NOTHING_TO_CHANGE = "nothing to change: pass --name, --as or --every"
OPTION_EMPTY = "{option} is empty: give a new value, or leave {option} out"
PERSON_ADDED = "Added {who}, {relationship}, every {every}."
PERSON_ARCHIVED = "Archived {who}."
PERSON_ARCHIVE_UNCHANGED = "{who} {state}: nothing changed."
PERSON_RESTORED = "Restored {who}."
PERSON_UNCHANGED = (
    "{who} is already {relationship}, every {every}, with that name: nothing changed."
)
PERSON_UPDATED = "Updated {who}, {relationship}, every {every}."
REASON_EMPTY = "--reason is empty: write why in quotes, or leave --reason out"
UNKNOWN_CHOICE = "unknown {what} '{value}': use one of {allowed}"

# --- Meetings: log, cancel, reschedule, history, due

DUE_CANCELS_CAPTION = "Cancels: in the last 90 days; ⚠ marks repeated cancels, a warning sign."
WHEN_TODAY = "today"
WHEN_ON = "on {day}"
LOGGED_ASKED = ", asked {ids}."
ALREADY_LOGGED_REFUSED = (
    "nothing was written: a 1:1 with {handle} is already logged {when} ('oneonone show "
    "{handle}'); --again logs a second one"
)
CANCELLED_ALREADY = (
    "The 1:1 with {handle} on {day} is already recorded as cancelled: nothing changed."
)
CANCELLED_RECORDED = "Recorded the cancelled 1:1 with {handle} on {day}."
CONFIRM_DATE_FAR = "{day} is more than a year {away}. Record the 1:1 as {what} then?"
CONFIRM_SECOND_ONE = "A 1:1 with {handle} is already logged {when}. Log a second one?"
DATE_FAR_NEEDS_YES = "{day} is more than a year {away}: check the date, or add --yes if it is right"
LAST_TOO_SMALL = "--last must be 1 or more"
LOGGED = "Logged 1:1 with {handle} on {day} (#{meeting}): {notes}{asked}"
LOGGED_NOTE_IDS = " ({ids})"
LOG_PERSON_ARCHIVED = (
    "note: {handle} is archived (since {archived}); 'oneonone archive {handle} --undo' "
    "brings them back into due"
)
NOTHING_TO_LOG = "Nothing to log: no notes were given, so nothing was written."
NOTHING_WRITTEN_WRONG_DATE = "nothing was written: run it again with the right date"
NO_MEETINGS_IN_WINDOW = "No 1:1s with {handle} in this window."
NO_MEETINGS_YET = "No 1:1s with {handle} yet: 'oneonone log {handle}' records one."
NO_NOTES_CONFLICT = (
    "--no-notes records a 1:1 without notes: leave out -R/-M/-F/--asked/--edit, or --no-notes"
)
NOTES_ON_STDIN_AND_FLAGS = (
    "notes are waiting on stdin and {flags} was given too: nothing was logged; give the notes one "
    "way, all piped in (lines 'r: ...', 'm: ...', 'f: ...', 'todo: ...', 'asked: ...') or all as "
    "-R/-M/-F/-T/--asked"
)
NO_NOTES_STDIN_CLOSED = (
    "no notes given and stdin is closed: pass notes with -R/-M, pipe them in, or use --edit "
    "at a terminal"
)
NO_ONE_DUE = "No one is due. 'oneonone due --all' shows everyone's next 1:1."
RESCHEDULED = "Moved the 1:1 with {handle} to {day}."
RESCHEDULED_ALREADY = "The 1:1 with {handle} is already moved to {day}: nothing changed."
SECOND_ONE_LOGGED = (
    "note: a 1:1 with {handle} was already logged {when}, so this is a second one "
    "('oneonone show {handle}' lists both); --again says it is meant"
)
SHOWING_LAST = (
    "Showing the last {limit} of {total} 1:1s: --all for everything, --since 90d for a period."
)

# --- Notes as typed or piped in

LINE_HELP = (
    "start each line with 'r:' (roadblock), 'm:' (morale), 'f:' (feedback), 'todo:' (a "
    "follow-up) or 'asked: PROMPT_ID'"
)
NOT_UTF8 = "is not valid UTF-8 text: check your terminal's or file's encoding"
INPUT_NOT_UTF8 = "the input {not_utf8}"
INPUT_NOT_UTF8_AT = (
    "the input {not_utf8} (byte {start} is not UTF-8; e.g. iconv -f latin1 -t utf-8)"
)
INPUT_TOO_BIG = (
    "the input is over {max_input_bytes:,} bytes, more than the notes of one 1:1 can be: "
    "check what is piped in, or split it into several notes of at most {max_note_chars:,} "
    "characters"
)
LINE_ASKED_NEEDS_IDS = "line {number}: 'asked:' needs prompt IDs, e.g. asked: m-meaning"
LINE_NOTE_EMPTY = "line {number}: the {kind} note is empty: write it after the ':'"
LINE_NO_KIND = "line {number} has no kind: {line_help}"
LINE_TOO_LONG = (
    "line {number} is {size:,} characters long; a note can be at most {max_note_chars:,}: "
    "split it over several lines, one note per line"
)
NOTES_TOO_BIG = (
    "the notes are over {max_input_bytes:,} characters, more than one 1:1 can hold: keep "
    "only what this 1:1 needs"
)
NOTE_EMPTY = "empty {kind} note: write its text after the option, in quotes"
NOTE_NOT_UTF8 = "the {kind} note {not_utf8}"
NOTE_TOO_LONG = (
    "the {kind} note is {length:,} characters long; a note can be at most "
    "{max_note_chars:,}: split it into several notes (repeat the option)"
)

# --- The editor and drafts

DRAFTS_MORE = " (and {n} more in {folder})"
REPLAY_COMMAND = "{command} log {handle} --on {day}{flags}"
REPLAY_IN_EDITOR = "to reopen it in your editor, run: {log} -e"
REPLAY_PIPED = "fix it if needed, then run: {log} < {path}"
NOTHING_LOGGED_TAIL = ": nothing was logged"
KEPT_IN = "kept in"
KEPT_ENCRYPTED_IN = "kept encrypted in"
KEPT_NOT_ENCRYPTED = " (NOT encrypted: delete it once its text is logged)"
TEXT_KEPT = "{reason}; your text is {where} {path}: {hint}"
EDITOR_FILE_KEPT = (
    "{reason}; could not write a recovery file ({detail}): the editor's file is "
    "kept as it is in {path}{plain}: {hint}"
)
EDIT_STOPPED_BY = "stopped by {signal} (the terminal closed, or the command was told to stop)"
EDIT_INTERRUPTED = "interrupted"
THE_JOURNAL = "the journal"
FIX_DISK_SPACE = "free some disk space"
FIX_PERMISSIONS = "check that path and its folder's permissions"
CANNOT_WRITE = "cannot write {where} ({error}): {fix}"
EDIT_UNEXPECTED_ERROR = "unexpected error ({error}); please report it"
DRAFTS_FOLDER_NOT_OWN = (
    "{folder} is not a folder of its own (a link or a file): move it away, so that drafts "
    "stay beside the journal; nothing was written"
)
DRAFT_NEVER_LOGGED = (
    "note: text typed for a 1:1 with {handle} on {day} was never logged; it is kept in "
    "{path}{more}: {hint}"
)
EDITOR_CANNOT_START = "cannot start the editor '{editor}' ({strerror}): check $EDITOR"
EDITOR_EXIT_STATUS = "the editor exited with status {status}"
EDITOR_FILE_GONE = (
    "the editor's file {path} was gone when the editor closed (the editor removed or moved it): "
    "save the notes in the file the editor opens"
)
EDITOR_FILE_NOT_A_FILE = (
    "the editor's file {path} was not a file when the editor closed (a folder, a pipe or a link "
    "was in its place): save the text in the file the editor opens"
)
NO_EDITOR = "no editor found: set $EDITOR (e.g. export EDITOR=nano), or pass notes with -R/-M"

# ---- Editor files left by killed runs on an encrypted journal (wt/drafts: cli/context.py)
LEFTOVER_LOG = "for a 1:1 with {handle} on {day}"
LEFTOVER_NOTE_EDIT = "in an edit of note #{id}"
LEFTOVER_TODO_EDIT = "in an edit of follow-up #{id}"
LEFTOVER_OFFERED_BY_TODO_EDIT = "{command} todo edit {id}"
LEFTOVERS_MORE = " (and {n} more)"
LEFTOVER_OFFERED_BY_LOG = "{command} log {handle} --on {day}{flags} -e"
LEFTOVER_OFFERED_BY_EDIT = "{command} note edit {id}"
LEFTOVERS_ENCRYPTED = (
    "note: text typed {what}{more} in an editor that a killed command left open is now kept "
    "encrypted in {folder}, and its plaintext file is gone; to reopen it, run: {hint}"
)
LEFTOVER_NOT_ENCRYPTED = (
    "note: an editor file left by a killed command could not be encrypted ({detail}); its "
    "text stays, NOT encrypted, in {path}: free some space, and the next command encrypts it"
)

# --- Dates, spans and cadences

DATE_HELP = (
    "use YYYY-MM-DD, Nov 20, today, yesterday, a weekday (friday, last friday, next "
    "monday), '3 days ago' or 'in 2 weeks'"
)
SPAN_HELP = "use a length such as 30d, 2w, 3m, 1y, or a date (YYYY-MM-DD)"
CADENCE_HELP = "use 1w, 2w, 10d, 1m, 3m, weekly, biweekly, fortnightly, monthly or quarterly"
CADENCE_OUT_OF_RANGE = "cadence '{text}' is out of range: from 1{unit} to {limit}{unit}"
CADENCE_UNREADABLE = "cannot read '{text}' as a cadence: {help}"
DATE_EMPTY = "empty date: {help}"
DATE_FUTURE_CANCEL = (
    "{day} is in the future: record a cancelled 1:1 on its day or after (to move it, "
    "'oneonone reschedule {handle} --to {day}')"
)
DATE_FUTURE_LOG = "{day} is in the future: log a 1:1 once it has been held"
DATE_NOT_REAL = "'{raw}' is not a real calendar date: {help}"
DATE_OUT_OF_RANGE_FOR_MEETING = (
    "{day} is out of range for a 1:1: use a date between {earliest} and {latest}"
)
DATE_OUT_OF_YEARS = "'{text}' is out of range: use a date between years 1 and 9999"
DATE_PAST_RESCHEDULE = "{day} is in the past: reschedule to today or later"
DATE_UNREADABLE = "cannot read '{raw}' as a date: {help}"
SINCE_IN_FUTURE = (
    "'{text}' is in the future: --since looks back (a span such as 30d, or a date up to today)"
)
SPAN_DATE_OUT_OF_RANGE = (
    "'{text}' is out of range: use a date between {earliest} and {latest}, or a span of at "
    "most {max_span_years}y"
)
SPAN_TOO_LONG = "the span '{text}' is too long: use at most {max_span_years}y (or a date)"
SPAN_UNKNOWN_UNIT = "unknown unit in the span '{text}': {help}"
SPAN_UNREADABLE = "cannot read '{text}' as a span: {help}"
WITHIN_IN_PAST = (
    "'{text}' is in the past: --within looks ahead (a span such as 7d, or a date from today on)"
)

# --- Prompts

PROMPTS_USED_CAPTION = "Used: when anyone on the team was last asked it."
PROMPTS_MORE_CAPTION = (
    " {more} not yet used with {person}: 'oneonone prompts {person}{flags} --all' lists them."
)
NOT_A_PROMPT_ID = (
    "'{prompt_id}' is not a prompt ID: IDs look like m-meaning; list them with 'oneonone "
    "prompts --all'"
)
PROMPTS_ADD_USAGE = 'usage: oneonone prompts add "QUESTION" --kind morale|roadblock{show_hint}'
PROMPTS_SHOW_HINT = " (a person's prompts, even one named {name}: 'oneonone prompts show HANDLE')"
PROMPTS_KIND_NEEDS_HANDLE = (
    "--kind goes with a person or --all: 'oneonone prompts HANDLE --kind {kind}', or "
    "'oneonone prompts --all --kind {kind}'"
)
PROMPTS_JSON_GOES_WITH_SHOW = (
    " (--json goes with the lists: 'oneonone prompts show HANDLE --json', "
    "'oneonone prompts --json')"
)
PROMPTS_ALL_USED = (
    "Every suitable prompt has been used with {person}: add your own with 'oneonone prompts "
    'add "..." --kind morale\'.'
)
PROMPTS_RETIRE_USAGE = "usage: oneonone prompts retire PROMPT_ID{show_hint}"
PROMPTS_UNEXPECTED = "unexpected '{extra}': use 'oneonone prompts HANDLE'"
PROMPT_ADDED = "Added prompt {id}: {text}"
PROMPT_ALREADY_IN_BANK = (
    "that prompt is already in the bank as {id}{retired}: 'oneonone prompts --all' lists them"
)
PROMPT_ALREADY_RETIRED = "Prompt {known_id} was already retired: nothing changed."
PROMPT_RETIRED = "Retired prompt {prompt_id}: it will not be suggested again."
PROMPT_RETIRED_MARK = " (retired)"
PROMPT_TEXT_EMPTY = "the prompt text is empty: write the question in quotes"
PROMPT_EXISTS_AS = (
    "that {kind} prompt already exists as {id}: use it with 'oneonone log HANDLE --asked {id}'"
)
PROMPT_ID_TAKEN = (
    "a prompt {id} already exists (added by another command just now): "
    "run the command again to add yours under a new ID"
)
UNKNOWN_PROMPT = "unknown prompt '{prompt_id}': {hint}list IDs with 'oneonone prompts --all'"

# --- Themes and the lexicon
ANALYSING_NOTES = "Analysing notes"  # the progress bar of a long first analysis

THEMES_TREND_CAPTION = "Trend bars: the weeks from {since} (left) to {today} (right).\n"
THEMES_NORMALISED_CAPTION = (
    "⚠ normalised: raised in many weeks by several people; the team may "
    "have stopped noticing. {show_hint} lists the notes."
)
THEMES_TITLE = "Recurring {kind}{who} since {since} (trend against the {days} days before)"
THEMES_OF_BOTH_KINDS = "themes (roadblock and morale)"
THEMES_OF_KIND = "{kind} themes"
THEMES_FOR_PERSON = " for {person}"
THEMES_TRY_LONGER_SINCE = "Try a longer one: --since {since}."
THEMES_TRY_BOTH_KINDS = "Try both kinds of note: --kind all."
THEMES_NEED_MENTIONS = (
    "A theme needs --min mentions in different 1:1s: log more 1:1s, or try --min 2."
)
NONE = "none"
BUILT_IN = "built in"
YOURS_ALREADY = "yours already"
THEMES_SHOW_CAPTION = "{show_hint} lists a theme's notes."
THEMES_FOUND_CAPTION = (
    "{mark} found in your notes: 'oneonone themes{window} keep KEY \"Name\"' makes it yours, "
    "'oneonone themes{window} dismiss KEY' stops it.\n"
)
NO_THEMES_IN_WINDOW = "none in this window (a longer --since may find it)"
SINCE_FLAG = " --since {since}"
SHOW_THEME_COMMAND = "'oneonone themes show KEY{since}'"
LEXICON_IS_FOLDER = (
    "{path} is a folder, not a lexicon file: move it away, or make it a JSON file such as "
    '{{"terms": {{}}, "aliases": {{}}}}'
)
LEXICON_BAD_JSON = "cannot read {path} ({exc}): fix the JSON or move the file away"
LEXICON_ENTRY_PROBLEM = "{path}: {problem}"
FOUND_PREFIX_KEY = (
    "theme '{key}': '{prefix}' is for themes found in your notes: "
    "name a theme of yours without it, e.g. '{plain}'"
)
LEXICON_TOO_BIG = (
    "{path} is over {megabytes} MB, far more than a lexicon of terms needs: check the file, "
    "or move it away"
)
LEXICON_TOO_DEEP = "cannot read {path} (nested too deeply): fix the JSON or move the file away"
LEXICON_UNKNOWN_KEY = (
    '{path} has an unknown key \'{unknown}\': it may hold only "terms" and "aliases"'
)
LEXICON_UNREADABLE = "cannot read {path} ({strerror}): check its permissions, or move it away"
LEXICON_WRONG_SHAPE = (
    '{path} has the wrong shape: use {{"terms": {{"theme": ["term", ...]}}, "aliases": '
    '{{"tag": "theme"}}}}'
)
MIN_TOO_SMALL = "--min must be 2 or more: a theme is something that recurs"
NORMAL_TOO_SMALL = "{option} must be 1 or more (got {value}): e.g. {option} {default}"
NOT_A_TAG = "'{tag}' is not a tag: use a word such as '#pager'"
THEME_NO_NOTES_IN_WINDOW = (
    "No notes in theme {theme} since {since} (it does not recur in this window): a longer "
    "--since may find some."
)
NO_RECURRING_THEMES = "No recurring themes in this window. {empty_hint}"
NO_SUCH_RECURRING_THEME = "no recurring theme '{theme}' since {since}: {hint}themes here: {known}"
TAG_ALIASED = "#{clean} now counts as {theme}."
TAG_TAKEN = "#{clean} was {was}'s; now it counts as {theme}."
TAG_TAKEN_BUILT_IN = (
    "#{clean} was a built-in tag of {was}; now it counts as {theme} "
    "(notes that use {was}'s words still count as {was})."
)
TAG_ALREADY_ALIASED = "#{clean} already counts as {theme}: nothing changed."
TERM_ADDED = "'{clean}' now counts as {theme}."
TERM_ALREADY_ADDED = "'{clean}' already counts as {theme}: nothing changed."
TERM_REMOVED = "'{clean}' no longer counts as {theme}."
TAG_UNALIASED = "#{tag} no longer counts as {theme}."
OWN_THEME_GONE = " {theme} had nothing else of yours: it is gone."
THEME_KEPT = (
    "{kept_from} is now {name} ({key}), a theme of yours: {terms}. "
    "'oneonone themes add-term {key} TERM' teaches it more."
)
THEME_ALREADY_DISMISSED = "{key} is dismissed already: nothing changed."
THEME_DISMISSED = (
    '{key} is dismissed: those notes stop forming it (oneonone themes undismiss "{key}" undoes it).'
)
THEME_UNDISMISSED = "{key} can form again."
UNKNOWN_THEME_KEY = "unknown theme '{key}': {hint}--new creates a theme of yours: {retry} --new"
UNKNOWN_THEME_TO_UNTEACH = "unknown theme '{theme}': {hint}see 'oneonone themes lexicon'"
THEME_NAME_EMPTY = 'the name is empty: give the theme a name in quotes, e.g. "Staging"'
THEME_NAME_MAKES_NO_KEY = (
    "'{name}' makes no theme key: start the name with a letter "
    "and use at least two letters or digits"
)
THEME_KEY_TAKEN = (
    "'{name}' makes the key '{key}', a theme already ({clash}): choose another name, or teach "
    "'{key}' its terms with 'oneonone themes add-term {key} TERM'"
)
THEME_NOT_DISMISSED = "'{key}' is not dismissed: {hint}dismissed: {known}"
THEME_IS_DISMISSED = "'{key}' is dismissed: 'oneonone themes undismiss {quoted}' lets it form again"
THEME_KEPT_ALREADY = (
    "{key} is kept already as {name} ({kept}): nothing changed; "
    "'oneonone themes add-term {kept} TERM' teaches it more"
)
NOT_A_FOUND_THEME = "'{key}' is {what}, not a found theme: only a found theme can be {done}"
FOUND_IN_MORALE = (
    "'{key}' was found in morale notes: see it with 'oneonone themes --kind morale', "
    "'oneonone themes --since {since} --kind morale dismiss {quoted}' dismisses it"
)
MORALE_NOT_KEPT = (
    "'{key}' was found in morale notes: a theme of yours counts roadblock notes only, so it "
    "cannot be kept; 'oneonone themes --since {since} --kind morale dismiss {quoted}' stops it "
    "forming"
)
FOUND_HERE = " (found here: {found})"
NO_SUCH_FOUND_THEME = "no found theme '{key}' since {since}: {hint}found here: {found}"
NO_FOUND_THEMES = (
    "no theme was found in your notes since {since}: a longer window may have some "
    "(see 'oneonone themes --since {longer}', then 'oneonone themes --since {longer} {verb} KEY')"
)
TERM_IN_LEXICON_FILE = "'{term}' is in {file}: remove it there"
TERM_BUILT_IN = "'{term}' is a built-in term of {theme}: only your own terms can be removed"
TERM_NOT_YOURS = "'{term}' is not one of your terms for {theme}: {hint}yours: {yours}"
TAG_IN_LEXICON_FILE = "#{tag} is in {file}: remove it there"
TAG_BUILT_IN = "#{tag} is a built-in tag of {theme}: only your own aliases can be removed"
TAG_NOT_YOURS = "#{tag} is not one of your aliases: {hint}yours: {yours}"
TERM_EMPTY = "the term is empty: give a word or phrase in quotes"
# --- Search
SEARCH_BAD_QUERY = (
    "cannot search for '{query}': put a phrase or a word with punctuation in double quotes "
    "(oneonone search '\"on-call\"'), write AND, OR, NOT in capitals, and * only at a word's end"
)
SEARCH_EMPTY = "the search is empty: give a word or a phrase to look for (oneonone search ci)"
SEARCH_UNCLOSED_QUOTE = (
    "'{query}' opens a \" it does not close: close the quote, or put the phrase in"
    ' "double quotes" (oneonone search \'"code review"\')'
)
SEARCH_NOTHING_FOUND = "No notes match '{query}'{where}."
SEARCH_WHERE_PERSON = " with {handle}"
SEARCH_WHERE_KIND = " among {kind} notes"
SEARCH_WHERE_SINCE = " since {since}"
SEARCH_SHOWING = "Showing the first {limit}: --limit N for more, --newest for the latest."
SEARCH_TITLE = "Notes matching '{query}'"

# --- The demo journal

DEMO_DB_EMPTY = (
    "--db is empty: give a file that does not exist yet, or leave --db out for a temporary one"
)
DEMO_EXPLORE = (
    '\nExplore it:\n  DEMO={path}\n  oneonone --db "$DEMO" show alice\n  oneonone --db '
    '"$DEMO" due --all\n  oneonone --db "$DEMO" themes --since 90d --json'
)
DEMO_PATH_EXISTS = (
    "{path} already exists: the demo writes a new file, choose a path that does not exist"
)
DEMO_WRITTEN = "Demo journal written to {path}\n"

# --- Follow-ups, meeting signals, feedback and week (issue 15)

TODO_UNKNOWN_ID = (
    "no follow-up {ids} in the journal: nothing was changed; 'oneonone todo --all' lists them "
    "with their IDs"
)
MOOD_INVALID = (
    "--mood is '{value}': give how they seemed as a whole number from 1 (low) to 5 (great); "
    "nothing was written"
)
TALK_INVALID = (
    "--talk is '{value}': give the share of the time you talked, 0 to 100 (40 or 40%); "
    "nothing was written"
)
LOGGED_FOLLOW_UPS = ", {follow_ups} ({ids})"
SHOW_ASKED = "asked: {ids}"
SHOW_JOIN = "; "
SHOW_MOOD = "mood {mood}/5"
SHOW_TALK = "you talked {talk}%"
SHOW_STATUS = "a status update"
SHOW_FOLLOW_UP_OPEN = "{text} (#{id}, open)"
SHOW_FOLLOW_UP_DONE = "{text} (#{id}, done {done})"
TODO_OF = " with {handle}"
TODO_TITLE = "Open follow-ups{who}, oldest first"
TODO_TITLE_ALL = "Follow-ups{who}, oldest first"
TODO_AGE = "{days}d"
TODO_NONE_OPEN = (
    "No open follow-ups{who}. Add one in a 1:1 with 'oneonone log HANDLE -T TEXT', or "
    "'oneonone todo add HANDLE TEXT'."
)
TODO_NONE_AT_ALL = "No follow-ups{who} yet: 'oneonone log HANDLE -T TEXT' adds one."
TODO_ADDED = "Added follow-up #{id} with {handle}: {text}"
TODO_DONE = "Done: #{id} with {handle}: {text}"
TODO_ALREADY_DONE = "#{id} was already done on {done}: {text}"
TODO_REOPENED = "Open again: #{id} with {handle}: {text}"
TODO_ALREADY_OPEN = "#{id} was already open: {text}"
TODO_ADD_COMMAND_WORD = (
    "no one called '{handle}' in the journal: '{handle}' is a todo command"
    " ('oneonone todo {handle} ID...'); to add a follow-up: 'oneonone todo add HANDLE TEXT'"
)
FOLLOW_UP_TOO_LONG = (
    "the follow-up is {length:,} characters long; one can be at most {max_note_chars:,}: keep"
    " the task itself, with the details in a note"
)
TODO_REMOVED = (
    "Follow-up #{id} with {handle} ({text}) is in the trash as #{tid}: 'oneonone trash restore"
    " {tid}' undoes it."
)
CONFIRM_RM_TODO = "Remove {follow_ups}?"
WEEK_TITLE = "What came up from {since} to {until}"
WEEK_THEMES_TITLE = "Recurring roadblock themes mentioned again this week"
WEEK_NOTHING = "Nothing was logged from {since} to {until}: 'oneonone due' shows who is due a 1:1."

# --- Export and import (cli/exchange.py, services/export.py, services/importing.py,
# domain/exchange.py)

EXPORTED = "Exported {what} to {dest}"
EXPORT_WHAT = "{people}, {meetings} and {notes} ({format})"
EXPORT_DEST_FOLDER = "{path} is a folder: give a file name to export to, or - for stdout"
EXPORT_DEST_MISSING_FOLDER = (
    "the folder of {path} does not exist: create it first, or choose another"
)
EXPORT_CANNOT_WRITE = "cannot write the export to {path} ({reason}): nothing was written there"
EXPORT_DAMAGED_VALUE = (
    "the journal holds a value that is not text or a number (a row changed by another program): "
    "check it with 'sqlite3', or restore a backup; nothing was exported"
)
EXPORT_EMPTY_OUTPUT = "-o is empty: give a file name, or - for stdout"
# export/import fixes (issue 16's tester)
EXPORT_NOT_AN_EXPORT = (
    "{path} exists and is not an export of oneonone ({format}): choose another name "
    "(nothing was written)"
)
EXPORT_NO_JOURNAL = (
    "there is no journal at {path} (check --db or ONEONONE_DB): nothing was exported"
)
CSV_GROUP_CONFLICT = (
    "{file}: line {line}: '{field}' differs from the first row of the same meeting_id: "
    "make them agree; nothing was written"
)
CSV_NOTE_NOT_HELD = (
    "{file}: line {line}: a note on a {status} 1:1 (log refuses it too): move the note to a "
    "held 1:1 or empty its text; nothing was written"
)
IMPORT_NOT_A_FILE = "{file} is not a regular file: give a file to import, or - for stdin"
IMPORT_FUTURE = (
    "{file}: the 1:1 of {person} on {day} is after today ({today}), which log refuses too: "
    "fix its date, or import once it has been held; nothing was written"
)
IMPORT_TOO_BIG = (
    "{file} is over {cap} (the most import reads): split it, or check it is the right file"
)
IMPORTED = "Imported {file}: added {added}{already}"
IMPORTED_NOTHING = "Imported {file}: nothing new, everything in it was already in the journal"
IMPORT_ALREADY = "; already there: {already}"
IMPORT_NO_FILE = "{file} does not exist: check the path"
IMPORT_IS_FOLDER = "{file} is a folder: give the file to import"
IMPORT_CANNOT_READ = "cannot read {file} ({reason}): check the path and its permissions"
IMPORT_NOT_UTF8 = "{file} is not UTF-8 text (byte {start}): nothing was written; save it as UTF-8"
IMPORT_NOT_JSON = (
    "{file} is not JSON ({problem} at line {line}, column {column}): "
    "expected a oneonone export ('oneonone export --format json'){hint}; nothing was written"
)
IMPORT_JSON_TOO_DEEP = "{file} is nested too deeply to be an export: nothing was written"
IMPORT_HINT_CSV = ", or a CSV file: add --format csv"
IMPORT_NOT_OURS = (
    '{file} is not a oneonone export: expected a JSON object with "format": "oneonone" '
    "(from 'oneonone export --format json'); for other files use --format jrnl or csv; "
    "nothing was written"
)
IMPORT_IS_JRNL = (
    "{file} is a jrnl export, not a oneonone one: import it with --format jrnl --person HANDLE; "
    "nothing was written"
)
IMPORT_OURS_AS_JRNL = (
    "{file} is a oneonone export, not a jrnl one: import it without --format jrnl; "
    "nothing was written"
)
IMPORT_NOT_JRNL = (
    '{file} is not a jrnl JSON export: expected an object with a list of "entries" '
    "(from 'jrnl --format json'); nothing was written"
)
IMPORT_BAD_VERSION = (
    '{file} has no valid "version": expected a whole number from 1; nothing was written'
)
IMPORT_NEWER_VERSION = (
    "{file} is format version {version}, newer than this oneonone reads ({ours}): "
    "upgrade oneonone, then import it; nothing was written"
)
IMPORT_UNKNOWN_SECTION = (
    "{file}: unknown section '{section}': expected only the sections an export writes; "
    "nothing was written"
)
IMPORT_SECTION_NOT_LIST = "{file}: '{section}' must be a list of records; nothing was written"
IMPORT_BAD_RECORD = (
    "{file}: {section} record {n}{ident}: {problem}; nothing was written: fix the file, "
    "or export it again"
)
IMPORT_NEEDS_PERSON = (
    "importing a {format} file needs --person HANDLE: whose 1:1s they are; nothing was written"
)
IMPORT_PERSON_FOR_OURS = (
    "--person is for --format jrnl or csv: an export of oneonone names its people itself"
)
IMPORT_KIND_FOR_JRNL = "--kind is for --format jrnl: other files name each note's kind"
IMPORT_UNKNOWN_PROMPT = (
    "{file} names the prompt '{prompt}', which is not in the bank: {hint}"
    "see 'oneonone prompts --all'; nothing was written"
)
IMPORT_PROGRESS = "Importing"
EXPORT_PROGRESS = "Exporting"
RECORD_IDENT = " ({key} {value})"
RECORD_NOT_OBJECT = "expected an object"
RECORD_DUPLICATE = "appears twice in the file"
RECORD_UNKNOWN_PERSON = "its person is not in the file's people"
RECORD_UNKNOWN_MEETING = "its 1:1 (meeting_id) is not in the file's meetings"
RECORD_OTHER_PERSON = "its person is not its 1:1's person"
FIELD_MISSING = "'{field}' is missing"
FIELD_UNKNOWN = "unknown field '{field}'"
FIELD_PROBLEM = "'{field}' {problem}"
FIELD_NOT_TEXT = "must be text"
FIELD_EMPTY = "must not be empty"
FIELD_TOO_LONG = "is {length} characters long, more than {limit}"
FIELD_NOT_UTF8 = "is not valid UTF-8 text"
FIELD_NOT_DATE = "must be a date written YYYY-MM-DD"
FIELD_NOT_WHOLE = "must be a whole number from {low} to {high}"
FIELD_NOT_ONE_OF = "must be one of {allowed}"
FIELD_NOT_HANDLE = "must be a handle (lowercase letters, digits, - and _, as 'oneonone add' takes)"
FIELD_NOT_CADENCE = "must be a cadence such as 1w, 2w, 10d or 1m"
FIELD_NOT_FLAG = "must be true, false or null"
FIELD_NOT_TAGS = "must be a list of tags (text)"
FIELD_NOT_YES_NO = "must be yes, no, or left empty"
JRNL_ENTRY = "{file}: entry {n}"
JRNL_BAD_ENTRY = "{where} is not an object as jrnl writes; nothing was written"
JRNL_BAD_FIELD = "{where}: {problem}; nothing was written"
JRNL_TOO_LONG = (
    "{where} is {length} characters long, more than a note may be ({max_note_chars}): "
    "split it in jrnl, then import again; nothing was written"
)
CSV_EMPTY = "{file} is empty: expected a CSV file with the header {header}; nothing was written"
CSV_BAD_HEADER = (
    "{file}: the first line is not the header expected: {header} (columns in any order, "
    "{required} required, person too unless --person is given); nothing was written"
)
CSV_TOO_MANY_CELLS = "{file}: line {line} has more cells than the header; nothing was written"
CSV_BAD_CELL = "{file}: line {line}: '{field}' {problem}; nothing was written"
CSV_GROUP_OTHER_PERSON = (
    "{file}: line {line} has a meeting_id of another person's 1:1; nothing was written"
)
CSV_NOT_CSV = "{file} is not a CSV file ({problem}); nothing was written"
MD_TITLE = "# 1:1 notes: {name} ({handle})"
MD_PERSON = "{relationship}, 1:1s every {every}; in the journal since {added}{archived}."
MD_ARCHIVED = ", archived {archived}"
MD_EXPORTED = "Exported {exported}{since}."
MD_SINCE = ", 1:1s since {since}"
MD_MEETING_HELD = "## {date}: 1:1"
MD_MEETING_CANCELLED = "## {date}: cancelled"
MD_MEETING_MOVED = "## {date}: moved to {moved_to}"
MD_REASON = "Reason: {reason}"
MD_SIGNALS = "How it went: {signals}."
MD_MOOD = "mood {mood}/5"
MD_TALK = "you talked {talk}% of the time"
MD_STATUS_UPDATE = "it turned into a status update"
MD_NO_STATUS_UPDATE = "not a status update"
MD_NOTE = "- **{kind}:** {text}"
MD_ASKED = "- Asked: {prompt}"
MD_NO_NOTES = "No notes."
MD_NO_MEETINGS = "No 1:1s recorded{since}."
MD_FOLLOW_UPS = "## Follow-ups"
MD_FOLLOW_UP_OPEN = "- [ ] {text} (agreed {added})"
MD_FOLLOW_UP_DONE = "- [x] {text} (agreed {added}, done {done})"
TODO_SHOWING = (
    "Showing the oldest {limit} of {total} follow-ups: --limit N for more, 'oneonone todo "
    "HANDLE' for one person's, or mark old ones done ('oneonone todo done ID...')."
)
# --- Settings (config.py, cli/config.py), the journal's location (cli/location.py)

CONFIG_ENV_EMPTY = (
    "ONEONONE_CONFIG is set but empty: set it to a settings file, or unset it for the default one"
)
CONFIG_UNKNOWN_KEY = "there is no setting '{key}': {hint}the settings are {keys}"
CONFIG_FILE_UNKNOWN_KEY = (
    "{path}: there is no setting '{key}': {hint}remove it with 'oneonone config unset {key}'"
)
CONFIG_SINCE_UNDER_A_DAY = "a window of themes is at least one day (1d)"
CONFIG_FILE_NOT_TEXT = '{path}: {key} must be text in double quotes, such as {key} = "..."'
CONFIG_FILE_BAD_VALUE = "{path}: {key}: {why}; fix it with 'oneonone config set {key} VALUE'"
CONFIG_NOT_TOML = "{path} is not a valid settings file ({error}): fix it, or remove it"
CONFIG_IS_A_FOLDER = "{path} is a folder, not a settings file: remove it or set ONEONONE_CONFIG"
CONFIG_UNREADABLE = "cannot read {path} ({error}): check its permissions"
CONFIG_CANNOT_WRITE = "cannot write {path} ({error}): check its folder; nothing was changed"
CONFIG_BAD_VALUE = "'{value}' is not a valid {key}: {why}; nothing was changed"
CONFIG_EMPTY = "it is empty"
CONFIG_CONTROL_CHARACTER = "it holds a control character (a line break, a tab...)"
CONFIG_EDITOR_UNREADABLE = "it cannot be read as a command ({error})"
CONFIG_COLOR_CHOICES = "use one of {choices}"
CONFIG_EDITOR_NOT_FOUND = "'{program}' is not a program on your PATH"
CONFIG_SET = "{key} = {value} (in {path})"
CONFIG_UNSET = "{key} is back to its default (in {path})"
CONFIG_REMOVED = "{key} (no setting of oneonone) was taken out of {path}"
CONFIG_NOT_SET = "{key} was not set (in {path}): nothing was changed"
CONFIG_FILE_HEADER = "# oneonone settings: change them with 'oneonone config set KEY VALUE'"
CONFIG_SHOW_TITLE = "Settings (from {path})"
CONFIG_SOURCE_FILE = "config file"
CONFIG_SOURCE_DEFAULT = "default"
CONFIG_SOURCE_ENV = "${name}"
CONFIG_EDITOR_FALLBACK = "$VISUAL, $EDITOR, then vi or nano"
DB_PATH_NO_FOLDER = (
    "note: there is no journal at {path} and its folder {folder} does not exist: create the "
    "folder first, or choose another --db"
)
DB_PATH_IS_FOLDER = (
    "note: {path} is a folder, not a journal: give a file path, such as {path}/journal.db"
)
DB_PATH_NOT_A_JOURNAL = (
    "note: {path} is not a oneonone journal (another kind of file): choose another --db"
)
DB_PATH_UNREADABLE = "note: cannot read {path} ({reason}): check its permissions"
DB_PATH_MISSING = "note: there is no journal at {path} yet: the first 'oneonone add' creates it"
INSTALL_WITH_PIP = "{python} -m pip install {requirements}"
INSTALL_WITH_PIPX = "pipx inject {venv} {requirements}"
NO_JOURNAL_THERE = " (there was no journal at {path}: check --db or ONEONONE_DB)"
# --- Fixing notes and 1:1s, renaming, the trash (note, meeting, rename, trash, prompts unretire)

NOT_AN_ID = "'{value}' is not a {what} ID: give its number as shown, e.g. 12 or #12"
NO_SUCH_NOTE = "no note #{id}: {hint}'oneonone show HANDLE' lists notes with their IDs"
NO_SUCH_MEETING = "no 1:1 #{id}: {hint}'oneonone show HANDLE' lists 1:1s with their IDs"
NO_SUCH_TRASH = "nothing in the trash as #{id}: {hint}'oneonone trash' lists it"
ID_HINT_TRASHED = "it is in the trash as #{tid} ('oneonone trash restore {tid}'); "
NOTE_EDIT_NO_TEXT = (
    "no new text: pass --text TEXT, pipe the text in, or run it at a terminal for the editor"
)
NOTE_EDIT_LEFT_EMPTY = (
    "The edited text was empty: note #{id} is unchanged ('oneonone note rm {id}' removes a note)."
)
NOTE_EDIT_UNCHANGED = "Note #{id} is unchanged: nothing was written."
NOTE_EDIT_EMPTIED = (
    "the edited text of note #{id} is empty: nothing was changed ('oneonone note rm {id}'"
    " removes a note)"
)
NOTE_EDITED = "Edited note #{id} ({kind}, {handle}, {day}){tags}."
NOTE_EDITED_TAGS = ", tags: {tags}"
NOTE_EDIT_TEMPLATE = (
    "#! Edit note #{id} ({kind}, {handle}, {day}).\n"
    "#! The lines up to the marker line are left out; empty the text, or quit\n"
    "#! without saving, to leave the note as it is.\n"
)
NOTE_EDIT_NOT_SAVED = "{reason}: note #{id} is unchanged; your text is kept in {path}{hint}"
NOTE_EDIT_REPLAY = " (apply it with: {command} note edit {id} < {path})"
NOTE_EDIT_KEPT_ENCRYPTED = (
    " (encrypted with the journal's key; to reopen it in your editor, run: {command} note edit"
    " {id} -e)"
)

# ---- note edit: safe saves (issue 15, wt/edsafe)
NOTE_CHANGED_MEANWHILE = "note #{id} was changed by another command while it was in the editor"
NOTE_GONE_MEANWHILE = (
    "note #{id} was removed while it was in the editor (#{id} may now be another note)"
)
NOTE_EDIT_NOT_SAVED_MEANWHILE = "{reason}: your text was not saved; it is kept in {path}{hint}"
NOTE_EDIT_REPLAY_OVER = (
    " ('oneonone show {handle}' shows the note now; to put your text in its place:"
    " {command} note edit {id} < {path})"
)
NOTE_EDIT_GONE_HINT = " ('oneonone trash' lists removed notes; 'oneonone log' notes it again)"
NOTE_EDIT_MARKER = "#! ---- the note's text is below this line; nothing below it is left out ----"
NOTE_EDIT_OFFERED = (
    "#! Below is the text of an earlier edit that was not saved, kept in\n#!   {name}\n"
    "#! (edit it and save to replace the note's text; saved unchanged or quit, the note\n"
    "#! stays as it is); the note now reads:"
)
NOTE_EDIT_OFFER_STAYS = "The text of the earlier edit is still kept in {path}."
NOTE_EDIT_OFFER_UNCHANGED = (
    "Note #{id} was left as it is: the earlier edit was not changed, so it was not applied; it"
    " is still kept in {path} ('{command} note edit {id} < {path}' applies it as it is)."
)
NOTHING_TO_LOG_SIGNALS = (
    "Nothing to log: no notes were given, so nothing was written; to record the 1:1 with only"
    " how it went, run: {command} log {handle} --on {day} --no-notes{flags}"
)
EDITOR_KILLED = "the editor was killed by {signal}"
NOTE_KIND_SAME = "Note #{id} is already {kind}: nothing changed."
NOTE_KIND_SET = "Note #{id} is now {kind}."
NOTE_MOVE_SAME = "Note #{id} is already {handle}'s: nothing changed."
NOTE_MOVED = "Moved note #{id} to {handle}'s 1:1 #{meeting} of {day}{made}."
NOTE_MOVED_MADE = " (recorded as a held 1:1: they had none that day)"
NOTE_MOVED_REVIVED = (
    " (their 1:1 of that day, emptied by an earlier move, came back from the trash: #{tid})"
)
NOTE_MOVED_EMPTIED = (
    "; {handle}'s 1:1 #{meeting} it left had nothing else in it, so it went to the trash too"
    " ('oneonone trash restore {tid}' brings it back)"
)
NOTE_REMOVED_EMPTY = (
    "1:1 #{meeting} with {handle} now has nothing in it: 'oneonone meeting rm {meeting}' if it"
    " did not happen"
)
NOTE_REMOVED = "Note #{id} is in the trash as #{tid}: 'oneonone trash restore {tid}' undoes it."
CONFIRM_RM_NOTE = "Remove note #{id} ({kind}, {handle}, {day}): {text}?"
CONFIRM_RM_MEETING = "Remove the {status} 1:1 #{id} with {handle} on {day}{what}?"
CONFIRM_RM_MEETING_WITH = " with {parts}"
RM_NEEDS_YES = "removing {what} needs confirming: pass --yes (it goes to the trash, restorable)"
RM_DECLINED = "nothing was removed"
MEETING_REMOVED = (
    "The {status} 1:1 #{id} with {handle} on {day}{what} is in the trash as #{tid}:"
    " 'oneonone trash restore {tid}' undoes it."
)
MEETING_DATE_SAME = "1:1 #{id} is already on {day}: nothing changed."
CONFIRM_MEETING_ONTO_HELD = (
    "A 1:1 with {handle} is already logged on {day} (#{other}). Move #{id} there too, as a"
    " second one?"
)
MEETING_ONTO_HELD_NEEDS_AGAIN = (
    "nothing was changed: a 1:1 with {handle} is already logged on {day} (#{other}); --again"
    " moves #{id} there as a second one ('oneonone meeting rm' removes one that did not happen)"
)
MEETING_EDIT_DECLINED = "nothing was changed"
MEETING_DATE_MOVED = "1:1 #{id} with {handle} moved from {old} to {day}{what}."
UNDO_NOTHING = "no {status} 1:1 with {handle} to undo: 'oneonone show {handle}' lists them"
UNDONE = "Undid the {status} 1:1 #{id} with {handle} ({day}{moved}); it is in the trash as #{tid}."
UNDONE_MOVED = ", moved to {moved_to}"
UNDO_TAKES_NO = "--undo takes back the latest one: leave out {option}"
RESCHEDULE_NEEDS_TO = (
    "Missing option '--to': give the new date (or --undo to take back the last move)"
)
RENAMED = "Renamed {old} to {new}: their {meetings} and {notes} go with them."
RENAMED_NOTHING_YET = "Renamed {old} to {new} (no 1:1s or notes yet)."
RENAME_SAME = "{old} is already called {new}: nothing changed."
TRASH_EMPTY_LIST = "The trash is empty."
TRASH_TITLE = "Trash (removed notes and 1:1s; 'oneonone trash restore ID' puts one back)"
TRASH_PERSON_GONE = (
    "trash #{id} belongs to '{handle}', who is no longer in the journal: add them again"
    " ('oneonone add {handle}') to restore it; it stays in the trash"
)
TRASH_RESTORED = "Restored {what} #{now} ({handle}, {day}) from the trash{renumbered}{made}."
TRASH_RENUMBERED = "; its ID #{old} had been given to another since, so it is now #{now}"
TRASH_RENUMBERED_NOTES = "; notes renumbered: {pairs}"
TRASH_BROUGHT = "; its 1:1, removed since, came back with it (trash {ids})"
TRASH_BROUGHT_RENUMBERED = "#{tid}, now 1:1 #{now}: its ID #{old} had been given to another since"
TRASH_MADE_MEETING = (
    "; its 1:1 is gone (not in the trash either), so it went into a held 1:1 record #{meeting}"
    " of that day"
)
TRASH_RESTORED_ARCHIVED = "note: {handle} is archived; the restored item is theirs all the same"
CONFIRM_EMPTY_TRASH = "Delete {items} from the trash for good{older}?"
TRASH_EMPTY_OLDER = " (removed before {day})"
TRASH_EMPTIED = "Deleted {items} from the trash for good."
TRASH_NOTHING_TO_EMPTY = "Nothing in the trash{older}: nothing deleted."
TRASH_NOTHING_THAT_OLD = (
    "Nothing in the trash was removed before {day} ({items} in it {are} newer): nothing deleted."
)
TRASH_OLDER_THAN_FUTURE = (
    "'{text}' is in the future: --older-than looks back (a span such as 30d, or a date up to today)"
)
TRASH_EMPTY_NEEDS_YES = "emptying the trash deletes for good: pass --yes to confirm"
PROMPT_UNRETIRED = "Prompt {prompt_id} will be suggested again."
PROMPT_NOT_RETIRED = "Prompt {prompt_id} is not retired: nothing changed."
# --- meeting edit's signals, todo edit (issue 15, wt/fixsig)
SIGNAL_CLEAR_HINT = " ('none' clears one recorded by mistake)"
STATUS_AND_CLEAR_STATUS = "--status/--no-status and --clear-status contradict: give one"
MEETING_EDIT_NOTHING = (
    "nothing to change: give --on DATE, --mood 1..5, --talk PCT, --status/--no-status or"
    " --clear-status ('none' clears --mood or --talk)"
)
MEETING_SIGNALS_NOT_HELD = (
    "1:1 #{id} with {handle} on {day} was {status}, not held: only a held 1:1 has a mood, a"
    " talk share or a status update; nothing was written"
)
MEETING_SIGNALS_SET = "1:1 #{id} with {handle} on {day}: {changes}."
MEETING_SIGNALS_MOVED = "moved from {old}{what}"
MEETING_SIGNALS_SAME = "1:1 #{id} with {handle} on {day} is already so ({values}): nothing changed."
SIGNAL_CHANGED = "{name} {old} -> {new}"
SIGNAL_VALUE = "{name} {value}"
SIGNAL_MOOD = "mood"
SIGNAL_TALK = "talk"
SIGNAL_STATUS = "status update"
SIGNAL_TALK_SHARE = "{talk}%"
SIGNAL_YES = "yes"
SIGNAL_NO = "no"
SIGNAL_NOT_RECORDED = "not recorded"
TODO_EDITED = "Follow-up #{id} with {handle}{done}: {text}"
TODO_EDITED_DONE = " (done {done})"
TODO_EDIT_EMPTIED = (
    "the new text of follow-up #{id} is empty: nothing was changed ('oneonone todo rm {id}'"
    " removes a follow-up, 'oneonone todo done {id}' marks it done)"
)
TODO_EDIT_UNCHANGED = "Follow-up #{id} is unchanged: nothing was written."
TODO_EDIT_NO_TEXT = (
    "no text for follow-up #{id}: give it ('todo edit ID TEXT'), pipe it in, or run"
    " 'todo edit ID' at a terminal to edit it in $EDITOR; 'todo rm ID' removes one"
)
TODO_EDIT_TEMPLATE = (
    "#! Editing follow-up #{id} with {handle}, added {added}{done}.\n"
    "#! Save to change its text; save it empty, or unchanged, to leave it as it is.\n"
)
TODO_EDIT_MARKER = "#! ---- the follow-up's text is below this line ----"
TODO_EDIT_LEFT_EMPTY = "Follow-up #{id} was left as it is: the text was saved empty."
TODO_EDIT_NOT_SAVED = "{reason}: follow-up #{id} was not changed; your text is kept in {path}{hint}"
TODO_EDIT_REPLAY = " (to apply it: {command} todo edit {id} < {path})"
TODO_EDIT_NEXT_OFFERS = " ('{command} todo edit {id} -e' reopens it once there is room)"
TODO_EDIT_CHANGED_MEANWHILE = (
    "follow-up #{id} was changed by another command while you were editing it"
)
TODO_EDIT_GONE_MEANWHILE = (
    "follow-up #{id} was removed by another command while you were editing it"
)
TODO_EDIT_OFFERED = (
    "#! Below is the text of an earlier edit that was not saved, kept in\n#!   {name}\n"
    "#! (edit it and save to replace the follow-up's text; saved unchanged or quit, it\n"
    "#! stays as it is); the follow-up now reads:"
)
TODO_EDIT_OFFER_STAYS = "The text of the earlier edit is still kept in {path}."
TODO_EDIT_OFFER_UNCHANGED = (
    "Follow-up #{id} was left as it is: the earlier edit was not changed, so it was not"
    " applied; it is still kept in {path} ('{command} todo edit {id} < {path}' applies it)."
)
TODO_EDIT_GONE_HINT = " ('oneonone trash' lists removed follow-ups)"
# --- prep and health (issue 15): the 1:1 brief and the health of 1:1 habits

BRIEF_TITLE = "{name} ({handle}, {relationship}, every {every}): 1:1 brief on {today}"
BRIEF_NEVER_MET = "No 1:1 yet"
BRIEF_LAST = "Last 1:1 {last} ({ago} days ago)"
BRIEF_DUE_OVERDUE = "next due {due}, {days}d overdue"
BRIEF_DUE_TODAY = "next due today ({due})"
BRIEF_DUE_IN = "next due {due}, in {days}d"
BRIEF_CADENCE = "Cadence since {since}: {on_time} of {due} 1:1s on time; {cancels}, {reschedules}"
BRIEF_MOOD = "Mood, last {n} 1:1s: {sparkline}  {values} (of 5)"
BRIEF_NO_MOOD = "Mood: not recorded in the window"
BRIEF_FOLLOW_UPS = "Open follow-ups ({n}):"
BRIEF_NO_FOLLOW_UPS = "Open follow-ups: none"
BRIEF_MORE = "  ... and {n} more"
BRIEF_RECENT = "Recent {kind} notes:"
BRIEF_NO_RECENT = "Recent {kind} notes: none"
BRIEF_THEMES = "Their roadblocks in recurring themes since {since}:"
BRIEF_THEME_OTHERS = "also raised by {n}: {people}"
BRIEF_THEME_ONLY_THEM = "no one else raised it"
BRIEF_PROMPTS = "Prompts to try (unused first; both kinds; not last time's topics):"
BRIEF_MORE_PROMPTS = "More prompts not yet used with them:"

HEALTH_TEAM = "Team"
HEALTH_WARN_CADENCE = (
    "only {on_time} of {due} 1:1s on time ({share}, under {least}): keep the cadence"
    " predictable; when the slot cannot happen, move it rather than let it slip"
)
HEALTH_WARN_CANCELS = (
    "{cancels} against {reschedules}: reschedule rather than cancel, so the 1:1 still happens"
)
HEALTH_WARN_TALK = (
    "you talked {talk}% of the time on average over {n} 1:1s (over {limit}%): let them drive;"
    " ask, then listen"
)
HEALTH_WARN_STATUS = (
    "{flagged} of {recorded} 1:1s were status updates (over {limit}): take status to a standup"
    " or a written update, keep the 1:1 for them"
)
HEALTH_WARN_MOOD = (
    "the last two moods average {after} against {before} before: ask what changed, early in the"
    " next one"
)
HEALTH_WARN_PROMPTS = (
    "only {n} of {total} prompts asked were {kind} ones (under {least}): balance morale and"
    " roadblock questions"
)
HEALTH_WARN_FEEDBACK = (
    "no feedback logged for {days} days (over {limit}): give feedback privately, soon after"
    " the event"
)
HEALTH_WARN_NO_FEEDBACK = (
    "no feedback logged in over {limit} days: give feedback privately, soon after the event"
)
HEALTH_WARN_FOLLOW_UPS = (
    "{n} open for more than {cadences} cadences (the oldest since {oldest}): close"
    " them, or drop them and say so"
)
HEALTH_TITLE_TEAM = "Health of your 1:1s since {since} ({people})"
HEALTH_TITLE_PERSON = "Health of your 1:1s with {name} ({handle}, every {every}) since {since}"
HEALTH_CAPTION = (
    "On time: held by the due date + {grace}d (a reschedule moves it); a 1:1 overdue today"
    " counts as late. Talk: your share. Old follow-ups: open over {cadences} cadences."
)
HEALTH_NO_ONE = "No one to report on yet: add someone with `oneonone add HANDLE`."
HEALTH_WARNING_LINE = "⚠ {who}: {text}"
HEALTH_NO_WARNINGS = "No warnings: the habits these figures measure look right."
HEALTH_NOT_RECORDED = "not recorded"
HEALTH_HABIT_LINE = "⚠ {habit}: {people}"
HEALTH_HABIT_DETAIL = "`oneonone health HANDLE` gives each one's figures."
HEALTH_HABIT_CADENCE = "under {least} of 1:1s on time: keep the cadence predictable"
HEALTH_HABIT_CANCELS = "more cancels than reschedules: reschedule rather than cancel"
HEALTH_HABIT_TALK = "you talk over {limit}% of the time: let them drive"
HEALTH_HABIT_STATUS = "over {limit} of 1:1s were status updates: keep the 1:1 for them"
HEALTH_HABIT_MOOD = "mood fell by {drop:g} point or more: ask what changed"
HEALTH_HABIT_PROMPTS = "prompts lean to one kind: balance morale and roadblock questions"
HEALTH_HABIT_FEEDBACK = (
    "no feedback logged in over {limit} days: give it privately, soon after the event"
)
HEALTH_HABIT_FOLLOW_UPS = "follow-ups open over {cadences} cadences: close them or drop them"


# --- Question banks imported from a file (prompts import)

PROMPTS_IMPORT_USAGE = "usage: oneonone prompts import FILE [--kind K] [--for AUDIENCE]{show_hint}"
BANK_IMPORT_CREDIT_FILE = "imported from {file}"
BANK_IMPORT_WRONG_FORMAT = (
    "{file} is not a question bank oneonone reads ({found}): expected JSON (a list of "
    '{{"question", "category"}} objects, or the 1on1-questions file) or CSV with a header row '
    "naming question and category columns; nothing was imported"
)
BANK_IMPORT_BAD_JSON = (
    "{file} is not valid JSON (line {line}): expected a list of "
    '{{"question", "category"}} objects or the 1on1-questions file; nothing was imported'
)
BANK_IMPORT_NO_QUESTION = (
    "{file}: item {n} has no question: fix it and import again; nothing was imported"
)
BANK_IMPORT_QUESTION_TOO_LONG = (
    "{file}: the question of item {n} is longer than {max} characters: shorten it; "
    "nothing was imported"
)
BANK_IMPORT_NO_CATEGORY = (
    "{file}: item {n} has no category: give each question a category, or say the kind of "
    "them all with --kind morale|roadblock; nothing was imported"
)
BANK_IMPORT_UNKNOWN_CATEGORY = (
    "{file}: item {n}'s category '{category}' is neither morale nor roadblock: add --kind "
    "morale|roadblock to file the questions of such categories under one kind; nothing was imported"
)
BANK_IMPORT_BAD_AUDIENCE = (
    "{file}: item {n} is for '{audience}': use one of {audiences}; nothing was imported"
)
BANK_IMPORT_EMPTY = "{file} holds no questions: nothing was imported"
BANK_IMPORT_TOO_MANY = "{file} holds more than {max} questions: split it; nothing was imported"
BANK_IMPORT_TOO_BIG = "{file} is larger than {mb} MB: no question bank is; nothing was imported"
BANK_IMPORT_NO_FILE = "there is no file {file}: give the path of a JSON or CSV question bank"
BANK_IMPORT_NOT_A_FILE = "{file} is not a file: give the path of a JSON or CSV question bank"
BANK_IMPORT_UNREADABLE = "cannot read {file} ({reason}): check the path and that you may read it"
BANK_IMPORT_NOT_TEXT = (
    "{file} is not UTF-8 text: save it as UTF-8 JSON or CSV and import again; nothing was imported"
)
BANK_IMPORTED_PROMPTS = (
    "Imported {added} from {key} ({morale} morale, {roadblock} roadblock){already}. "
    "Credit: {attribution}. 'oneonone prompts --all' lists them."
)
BANK_IMPORTED_ALREADY = "; {already} already in the bank"
BANK_IMPORTED_NOTHING = "Nothing to import: the {already} of {file} are already in the bank."
BANK_SOURCES_CAPTION = "Imported: {sources}."

# --- The calendar file (calendar)

ICS_CALENDAR_NAME = "1:1s"
ICS_TITLE = "1:1 {name} ({handle})"
ICS_DESCRIPTION = "Every {every} ({relationship}). Log it with: oneonone log {handle}"
ICS_WRITTEN = "Wrote {events} to {dest}: import it into your calendar (again to update it)."
ICS_NO_ONE = "No one to put in a calendar: add someone with 'oneonone add HANDLE'."
ICS_DEST_IS_FOLDER = "{dest} is a folder: give a file name such as {dest}/1on1s.ics"
ICS_DEST_NOT_CALENDAR = (
    "{dest} exists and was not written by 'oneonone calendar': choose a new name (only a "
    "calendar oneonone wrote is replaced); nothing was written"
)
ICS_FOLDER_MISSING = "the folder {folder} does not exist: create it first"
ICS_CANNOT_WRITE = "cannot write {dest} ({reason}): check the path and that you may write there"

# --- Restoring a backup (restore)

RESTORE_NO_BACKUP = "there is no file {backup}: give the path of a backup (see {folder}/)"
RESTORE_NOT_A_FILE = "{backup} is not a file: give the path of a backup file (see {folder}/)"
RESTORE_IS_THE_JOURNAL = "{backup} is the journal itself: give the path of a backup of it"
RESTORE_CANNOT_READ = "cannot read {backup} ({reason}): check the path and that you may read it"
RESTORE_NOT_A_JOURNAL = (
    "{backup} is not a oneonone journal: give a backup written by 'oneonone backup'; "
    "the journal is untouched"
)
RESTORE_NEWER = (
    "{backup} was written by a newer version of oneonone: upgrade oneonone to restore it; "
    "the journal is untouched"
)
RESTORE_DAMAGED = (
    "{backup} is damaged ({problem}): restore another backup; the journal is untouched"
)
RESTORE_NEEDS_KEY = (
    "{backup} is encrypted and no key was found for it: restore it where its journal was "
    "encrypted (the key is filed under the journal's path); the journal is untouched"
)
RESTORE_WRONG_KEY = (
    "{backup} is encrypted with a key other than this journal's: restore it with the --db "
    "of the journal it was taken from; the journal is untouched"
)
RESTORE_KEY_NOT_HERE = (
    "{backup} is encrypted with a key this journal ({journal}) does not have: restore it "
    "with the --db of the journal it was taken from (its key is filed under that path); "
    "the journal is untouched"
)
RESTORE_DISK_FULL = (
    "cannot restore: the disk of {folder} is full (the backup is copied there first); free "
    "some space and try again; the journal is unchanged"
)
RESTORE_CANNOT_WRITE = (
    "cannot write the copy of the backup in {folder} ({reason}): check that you may write "
    "there; the journal is unchanged"
)
RESTORE_NEEDS_YES = (
    "restore replaces the journal {journal} with {backup}: run it at a terminal to be asked, "
    "or add --yes (the current journal is kept in {folder}/ first)"
)
RESTORE_CONFIRM = (
    "Replace the journal {journal} ({now}) with {backup} ({then})? The current journal is "
    "kept in {folder}/ first."
)
RESTORE_SUMMARY = "{people}, {notes}, last 1:1 {last}"
RESTORE_SUMMARY_NEVER = "never"
RESTORE_SUMMARY_UNREADABLE = "unreadable"
RESTORE_DECLINED = "nothing was restored: the journal is untouched"
RESTORED = "Restored {journal} from {backup} ({then}). The journal before it is kept as {kept}."
RESTORED_NEW = "Restored {journal} from {backup} ({then})."
RESTORED_PLAIN = (
    " The backup was not encrypted, so neither is the journal now: 'oneonone encrypt' "
    "encrypts it again."
)

# --- The printable page (HTML)

HTML_TITLE_PERSON = "1:1s with {name} ({handle})"
HTML_TITLE_TEAM = "The team's 1:1s"
HTML_WINDOW = "From {since} to {today}"
HTML_FOOTER = "Written by oneonone on {today}. Private: your 1:1 notes; keep it so."
HTML_CADENCE = "Cadence kept"
HTML_CADENCE_COLUMNS = "Person|Every|On time|Cadence kept|Cancels|Moves|Last 1:1|Next due"
HTML_CADENCE_NOTE = (
    "On time: held by the due date + {grace}d (a reschedule moves it); a 1:1 overdue today"
    " counts as late. Cadence kept: the share of the 1:1s due in the window held on time (under"
    " {least} is flagged). Cancels, moves: in the window. The same figures as `oneonone health`."
)
HTML_NOTHING_DUE = "no 1:1 due yet"
HTML_NO_ONE = "No one in the journal yet."
HTML_NEVER = "never"
HTML_ARCHIVED = "archived"
HTML_OVERDUE = "{days}d overdue"
HTML_THEMES = "Themes raised"
HTML_ROADBLOCKS = "Roadblocks"
HTML_MORALE = "Morale"
HTML_NO_THEMES = "None recurring in this window."
HTML_NORMALISED = "⚠ normalised"
HTML_MENTIONS = "{n} notes"
HTML_TREND = "{trend} (from {previous})"
HTML_WEEKS_LABEL = "Notes a week over {n} weeks: {total} in all"
HTML_MOOD = "Mood"
HTML_NO_MOOD = "No mood recorded in this window."
HTML_MOOD_PERSON = "Mood at each 1:1 (1 low, 5 high): {n} recorded."
HTML_MOOD_TEAM = (
    "The team's mood, the average of each week (1 low, 5 high; a week without a mood is a gap):"
    " {n} recorded."
)
HTML_MOOD_LABEL = "Mood over the window: {n} points"
HTML_FOLLOW_UPS = "Follow-ups"
HTML_NO_FOLLOW_UPS = "No follow-ups open or done in this window."
HTML_FOLLOW_OPEN = "open since {added}"
HTML_FOLLOW_DONE = "done {done}"
HTML_EXPORTED = "Exported {people}, {held} and {notes} from {since} on (html) to {dest}"
HTML_HELD = "{meetings} held"

# --- Completing IDs and formats on a Tab press (services/completion.py, cli/completers.py): the
# short help zsh and fish show beside each choice
COMPLETE_MEETING_HELD = "{day} {handle}: held, {notes}"
COMPLETE_MEETING_CANCELLED = "{day} {handle}: cancelled{why}"
COMPLETE_MEETING_MOVED = "{day} {handle}: moved to {moved_to}{why}"
COMPLETE_WHY = " ({reason})"
COMPLETE_NOTES = "{n} notes"
COMPLETE_ONE_NOTE = "1 note"
COMPLETE_NO_NOTES = "no notes"
COMPLETE_FOLLOW_UP = "{day} {handle}: {text}"
COMPLETE_FOLLOW_UP_DONE = "{day} {handle}, done {done}: {text}"
COMPLETE_TRASH = "{what} #{item} {handle} {day}: {summary}"
COMPLETE_EXPORT_JSON = "complete; imports back"
COMPLETE_EXPORT_CSV = "one row per note, for a spreadsheet"
COMPLETE_EXPORT_MARKDOWN = "a document per person"
COMPLETE_EXPORT_HTML = "a printable page"
COMPLETE_IMPORT_JSON = "an export of oneonone"
COMPLETE_IMPORT_JRNL = "jrnl --format json, with --person"
COMPLETE_IMPORT_CSV = "export's columns"
