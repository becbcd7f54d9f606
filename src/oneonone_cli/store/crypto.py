"""Encryption at rest (the optional `encryption` extra): SQLCipher journals, keys in the OS keyring.

Imported only when a journal file turns out not to be plain SQLite, or by `oneonone encrypt`:
plain journals never load SQLCipher or keyring. The key comes from the OS keyring (service
"oneonone", user name the journal's absolute path) or, with no keyring and a terminal, from a
typed passphrase, asked for by the caller's `ask` (cli/passphrase.py: this module never
prompts); never from the command line or the environment.

A key kept in the keyring is 256 random bits, handed to SQLCipher raw (`x'...'`), which skips
its deliberately slow key derivation (PBKDF2, 256,000 rounds: ~115 ms on every command). A
typed passphrase goes through that derivation, as it should.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from oneonone_cli import messages
from oneonone_cli.errors import OneOnOneError

SERVICE = "oneonone"
# The encryption extra's requirements (pyproject.toml), when the installed metadata cannot say.
ENCRYPTION_REQUIREMENTS = ("sqlcipher3>=0.6.2", "keyring>=25")
SQLITE_MAGIC = b"SQLite format 3\x00"
_RAW_KEY = re.compile(r"[0-9a-f]{64}")


def looks_encrypted(path: Path) -> bool:
    """SQLCipher files start with a random salt instead of SQLite's header, in whole pages."""
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(len(SQLITE_MAGIC))
    except OSError:
        return False
    return size >= 1024 and size % 512 == 0 and head != SQLITE_MAGIC


def driver(path: Path | None = None) -> ModuleType:
    """SQLCipher's DB-API module, or a one-line error naming the extra to install."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        where = (
            messages.LOOKS_ENCRYPTED.format(path=path)
            if path is not None
            else messages.ENCRYPTION_NEEDS_SQLCIPHER
        )
        raise OneOnOneError(
            messages.ENCRYPTION_NOT_INSTALLED.format(where=where, install=install_hint())
        ) from None
    return dbapi2


def install_hint(prefix: str | None = None, python: str | None = None) -> str:
    """The command that installs encryption support into the environment oneonone runs in:
    `pipx inject` for a pipx install, else this Python's pip. Never `pip install oneonone[...]`:
    a clone is not what the package index would install under that name."""
    import shlex
    import sys

    prefix = sys.prefix if prefix is None else prefix
    python = sys.executable if python is None else python
    wanted = " ".join(shlex.quote(r) for r in encryption_requirements())
    if (Path(prefix) / "pipx_metadata.json").is_file():  # a venv pipx made (any PIPX_HOME)
        return messages.INSTALL_WITH_PIPX.format(venv=Path(prefix).name, requirements=wanted)
    return messages.INSTALL_WITH_PIP.format(python=shlex.quote(python), requirements=wanted)


def encryption_requirements() -> tuple[str, ...]:
    """What the `encryption` extra asks for, read from the installed package's metadata."""
    try:
        from importlib.metadata import requires

        found = tuple(
            r.partition(";")[0].strip()
            for r in requires("oneonone") or ()
            if "extra" in r and "encryption" in r.partition(";")[2]
        )
    except Exception:  # not installed (run from a source tree): the pyproject's own
        found = ()
    return found or ENCRYPTION_REQUIREMENTS


def _pragma_key(secret: str) -> str:
    if _RAW_KEY.fullmatch(secret):
        return f"\"x'{secret}'\""
    return "'" + secret.replace("'", "''") + "'"


@dataclass(frozen=True)
class Cipher:
    """How to open one encrypted journal: SQLCipher's module and the key."""

    dbapi2: ModuleType
    secret: str

    def connect(self, database: str, **kwargs):
        """Like `sqlite3.connect`, keyed. A new (empty) file becomes an encrypted database."""
        conn = self.dbapi2.connect(database, **kwargs)
        conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key logs to stderr otherwise
        conn.execute(f"PRAGMA key = {_pragma_key(self.secret)}")
        return conn

    @classmethod
    def for_journal(cls, path: Path, ask: Ask | None = None) -> Cipher:
        return cls(driver(path), journal_secret(path, ask))


def open_journal(path: Path, *, timeout: float, ask: Ask | None = None, reading: str | None = None):
    """The key and a connection for the encrypted journal at `path`; a wrong key is one line.
    `ask` asks for a passphrase when the keyring has no key (see `Ask`). `reading`: a URI
    that opens it for reading only (a read-only file system: store/connection.py), and the
    PRAGMA that goes with it, if any, as "URI PRAGMA"."""
    cipher = Cipher.for_journal(path, ask)
    if reading is None:
        conn = cipher.connect(str(path), timeout=timeout, isolation_level=None)
    else:
        uri, _, pragma = reading.partition(" ")
        conn = cipher.connect(uri, uri=True, timeout=timeout, isolation_level=None)
        if pragma:
            conn.execute(f"PRAGMA {pragma}")
    try:
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    except cipher.dbapi2.DatabaseError as exc:
        conn.close()
        if "not a database" in str(exc):
            raise wrong_key(path) from None
        raise
    return cipher, conn


def _keyring():
    """The keyring module when a usable backend is installed, else None."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    if isinstance(keyring.get_keyring(), fail.Keyring):
        return None
    return keyring


def _user(path: Path) -> str:
    return str(path.resolve())


Ask = Callable[[str], "str | None"]
"""How a passphrase is asked for (cli/passphrase.py `ask`): the text to show, and the
passphrase typed, or None when no one can be asked. The store never asks by itself."""


def _asked(ask: Ask | None, text: str, no_terminal: str = messages.NO_KEYRING) -> str:
    """The passphrase `ask` got; the one line `no_terminal` when there is no one to ask."""
    typed = ask(text) if ask is not None else None
    if typed is None:
        raise OneOnOneError(no_terminal)
    return typed


def journal_secret(path: Path, ask: Ask | None = None) -> str:
    """The key of an encrypted journal: from the OS keyring, else asked for with `ask`."""
    keyring = _keyring()
    if keyring is not None:
        from keyring.errors import KeyringError

        try:
            secret = keyring.get_password(SERVICE, _user(path))
        except KeyringError as exc:
            raise OneOnOneError(messages.KEYRING_DID_NOT_ANSWER.format(exc=exc)) from None
        if secret is not None:
            return secret
        return _asked(
            ask,
            messages.PASSPHRASE_FOR.format(path=path),
            messages.KEYRING_HAS_NO_KEY.format(path=path),
        )
    return _asked(ask, messages.PASSPHRASE_FOR.format(path=path))


def filed_secret(path: Path, ask: Ask | None = None) -> str | None:
    """The key filed for `path` without asking for one where none can help: from the OS
    keyring (None when it has none); with no keyring, asked for with `ask` (a passphrase), and
    None when no one can be asked."""
    keyring = _keyring()
    if keyring is not None:
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(SERVICE, _user(path))
        except KeyringError as exc:
            raise OneOnOneError(messages.KEYRING_DID_NOT_ANSWER.format(exc=exc)) from None
    return ask(messages.PASSPHRASE_FOR.format(path=path)) if ask is not None else None


def wrong_key(path: Path) -> OneOnOneError:
    return OneOnOneError(messages.WRONG_KEY.format(path=path))


def new_secret(path: Path, ask: Ask | None = None) -> tuple[str, bool]:
    """A key for a journal about to be encrypted, and whether it goes into the keyring; with
    no keyring, a passphrase chosen (asked for twice with `ask`)."""
    if _keyring() is not None:
        return secrets.token_hex(32), True
    first = _asked(ask, messages.PASSPHRASE_CHOOSE.format(path=path))
    if len(first) < 12:
        raise OneOnOneError(messages.PASSPHRASE_TOO_SHORT)
    if _asked(ask, messages.PASSPHRASE_AGAIN) != first:
        raise OneOnOneError(messages.PASSPHRASES_DIFFER)
    return first, False


def remember(path: Path, secret: str) -> None:
    from keyring.errors import KeyringError

    try:
        _keyring().set_password(SERVICE, _user(path), secret)
    except KeyringError as exc:
        raise OneOnOneError(messages.KEYRING_STORE_FAILED.format(exc=exc)) from None


def encrypt_copy(source: Path, dest: Path, cipher: Cipher) -> None:
    """An encrypted, verified copy of the plain journal `source` at the new path `dest`.

    `encrypt` passes a private byte copy of the journal, taken while it holds the journal
    alone (`store.alone`): SQLCipher never opens the journal itself."""
    dbapi2 = cipher.dbapi2
    old_umask = os.umask(0o077)
    try:
        plain = dbapi2.connect(str(source), isolation_level=None, timeout=10)
        try:
            plain.execute("ATTACH DATABASE ? AS enc KEY " + _pragma_key(cipher.secret), [str(dest)])
            plain.execute("BEGIN IMMEDIATE")
            plain.execute("SELECT sqlcipher_export('enc')")
            counts = _counts(plain, "main")
            plain.execute("COMMIT")
            plain.execute("DETACH DATABASE enc")
        finally:
            plain.close()
        enc = cipher.connect(str(dest), isolation_level=None)
        try:
            check = enc.execute("PRAGMA integrity_check").fetchone()[0]
            if check != "ok" or _counts(enc, "main") != counts:
                raise OneOnOneError(messages.ENCRYPTED_COPY_UNVERIFIED.format(check=check))
            enc.execute("PRAGMA journal_mode=WAL")
        finally:
            enc.close()
    except BaseException:
        dest.unlink(missing_ok=True)
        raise
    finally:
        os.umask(old_umask)


def _counts(conn, schema: str) -> dict[str, int]:
    tables = [
        r[0]
        for r in conn.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {t: conn.execute(f'SELECT COUNT(*) FROM {schema}."{t}"').fetchone()[0] for t in tables}
