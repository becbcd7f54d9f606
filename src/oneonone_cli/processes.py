"""Whether the process named in a temporary file's name still runs, and since when: a file
whose process is gone (or started after the file was last written) was left by a killed run."""

from __future__ import annotations

import os


def runs(pid: int) -> bool | None:
    """True when process `pid` runs (this one included), False when there is none, None when
    the system will not say (another user's process)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):  # another user's process, or no such number
        return None
    return True


def started(pid: int) -> float | None:
    """When process `pid` started (seconds since the epoch), where the system says (Linux's
    /proc: its start in clock ticks after boot, and the boot time); else None."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            ticks = int(handle.read().rsplit(")", 1)[1].split()[19])  # field 22, starttime
        with open("/proc/stat", encoding="ascii", errors="replace") as handle:
            boot = next(int(line.split()[1]) for line in handle if line.startswith("btime "))
        return boot + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return None
