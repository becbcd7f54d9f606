"""Asking the manager for an encrypted journal's passphrase: the one UI act of encryption.

The store never asks, nor do the services: cli/ hands this function down to them (the run
context when it opens a journal, `encrypt`, `restore`), and store/crypto.py calls it only when
the OS keyring has no key. Imported only then."""

from __future__ import annotations

import sys


def ask(text: str) -> str | None:
    """A passphrase typed at the terminal (not echoed) after `text`; None when no one can be
    asked (stdin is not a terminal): the caller says what to do instead, in one line."""
    if sys.stdin is None or not sys.stdin.isatty():
        return None
    import getpass

    return getpass.getpass(text)
