"""Throwaway keyrings for the encryption tests: one in memory for in-process runs (the
`keyring_memory` fixture in conftest.py), one in a JSON file that subprocesses share."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

FILE_KEYRING = '''
import json, os
from keyring.backend import KeyringBackend

class FileKeyring(KeyringBackend):
    """A throwaway keyring in a JSON file, so that subprocesses share keys (tests only)."""
    priority = 1

    def _load(self):
        try:
            with open(os.environ["TEST_KEYRING_FILE"]) as f:
                return json.load(f)
        except FileNotFoundError:
            return {}

    def get_password(self, service, username):
        return self._load().get(service + "|" + username)

    def set_password(self, service, username, password):
        data = self._load()
        data[service + "|" + username] = password
        path = os.environ["TEST_KEYRING_FILE"]
        with open(path + ".tmp", "w") as f:
            json.dump(data, f)
        os.replace(path + ".tmp", path)

    def delete_password(self, service, username):
        pass
'''


def file_keyring(folder: Path) -> dict[str, str]:
    """Environment entries that make processes share one keyring kept in `folder/kr/keys.json`
    (skips the test without the encryption extra)."""
    pytest.importorskip("sqlcipher3")
    pytest.importorskip("keyring")
    module = folder / "kr" / "testkeyring.py"
    module.parent.mkdir(exist_ok=True)
    module.write_text(FILE_KEYRING)
    return {
        "PYTHONPATH": os.pathsep.join([str(module.parent), os.environ.get("PYTHONPATH", "")]),
        "PYTHON_KEYRING_BACKEND": "testkeyring.FileKeyring",
        "TEST_KEYRING_FILE": str(module.parent / "keys.json"),
    }


def memory_keyring():
    """Install a keyring kept in a dict for this process; yields the dict, restores after."""
    pytest.importorskip("sqlcipher3")
    keyring = pytest.importorskip("keyring")
    from keyring.backend import KeyringBackend

    class Memory(KeyringBackend):
        priority = 1

        def __init__(self):
            super().__init__()
            self.passwords: dict[tuple[str, str], str] = {}

        def get_password(self, service, username):
            return self.passwords.get((service, username))

        def set_password(self, service, username, password):
            self.passwords[(service, username)] = password

        def delete_password(self, service, username):
            self.passwords.pop((service, username), None)

    previous = keyring.get_keyring()
    memory = Memory()
    keyring.set_keyring(memory)
    yield memory.passwords
    keyring.set_keyring(previous)
