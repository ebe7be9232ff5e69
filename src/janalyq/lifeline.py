"""Worker processes end with the process that started them, whatever ends it.

A parallel import's workers come from a fork server and wait on a queue whose write end they
hold themselves: when the importing process is killed (SIGKILL included, which runs no clean-up)
nothing ever wakes them, and they stayed, 225 MB each.  So each worker watches the importing
process from a thread: a pidfd becomes readable when that process ends (Linux 5.3 and later);
elsewhere the thread looks once a second.  When it has ended, the worker exits at once.
"""

from __future__ import annotations

import os
import select
import threading
import time

POLL_SECONDS = 1.0


def gone(pid: int) -> bool:
    """Whether no process has this id (one of another user counts as alive)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _wait_for_end(pid: int) -> None:
    try:
        fd = os.pidfd_open(pid)
    except (AttributeError, OSError):  # no pidfd here: look now and then
        while not gone(pid):
            time.sleep(POLL_SECONDS)
        return
    try:
        select.select([fd], [], [])
    finally:
        os.close(fd)


def _exit_when_gone(pid: int) -> None:
    _wait_for_end(pid)
    os._exit(1)  # no clean-up to run: the work was for the process that is gone


def follow(pid: int) -> None:
    """End this process as soon as process `pid` ends (a daemon thread watches it)."""
    if gone(pid):
        os._exit(1)
    threading.Thread(target=_exit_when_gone, args=(pid,), name="lifeline", daemon=True).start()
