"""The processes a build forks (file readers, Whoosh's writers, character index builders) end with the
process that started them, however it ends — Ctrl-C, SIGTERM, ``kill -9`` — and never hold its index lock.

Why both: the index lock is an ``flock`` on ``.lock``, and an flock belongs to the open file
*description*, which a forked child shares (close-on-exec does nothing for a fork without exec). So a
child that outlived its parent kept the index locked: after ``kill -9`` two Whoosh writers blocked on
their job queue, parent PID 1, and every later ``index`` waited 30 s and gave up. Hence, in each child,
right after the fork:

- ``prctl(PR_SET_PDEATHSIG, SIGKILL)`` (Linux): the kernel kills the child when its parent dies, then a
  ``getppid()`` check closes the race of a parent that died before the call;
- every lock descriptor the parent holds is pointed at ``/dev/null`` (``dup2``, not ``close``: the
  parent's file object, copied into the child, must never close or unlock a reused number), so only
  the parent's descriptor holds the lock and it is released the moment the parent dies, even where
  there is no ``prctl``;
- Ctrl-C is ignored (the terminal sends it to the whole group; the parent alone stops the run and ends
  its workers) and SIGTERM does what it does by default: a worker sent it just ends, silently.

flock stays rather than a POSIX record lock (``F_SETLK``, which no child inherits): a record lock is
per process, so two threads of one process (the web app, tests) would both "hold" it, and closing any
descriptor of the file releases it. OFD locks (``F_OFD_SETLK``) are shared with children as flock is.

A caveat of ``PR_SET_PDEATHSIG``: it fires when the *thread* that forked exits. Every fork here happens
in the thread that runs ``update_index``, and its children are done before it returns.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import sys
from collections.abc import Iterator

_PR_SET_PDEATHSIG = 1
_scopes: list[list[int]] = []  # one entry per open ``tied()``: the descriptors children must drop
_parent = os.getpid()


def _prctl():
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True).prctl
    except (OSError, AttributeError):
        return None


_PRCTL = _prctl()


def _in_child() -> None:
    global _parent
    parent, _parent = _parent, os.getpid()  # a child's own children are tied to it
    if not _scopes:
        return
    if _PRCTL is not None:
        _PRCTL(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:  # the parent died before the line above: die too, at once
            os._exit(1)
    drop = {fd for scope in _scopes for fd in scope}
    _scopes[:] = [[]]  # its own children (none today) die with it; it holds no lock to drop
    if drop:
        null = os.open(os.devnull, os.O_RDONLY)
        for fd in drop:
            try:
                os.dup2(null, fd)
            except OSError:
                pass
        os.close(null)
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    except ValueError:  # not the main interpreter
        pass


def _in_parent() -> None:
    global _parent
    _parent = os.getpid()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=_in_parent, after_in_child=_in_child)


@contextlib.contextmanager
def tied(*lock_fds: int) -> Iterator[None]:
    """While inside, every process forked by this one dies with it and drops ``lock_fds``."""
    scope = list(lock_fds)
    _scopes.append(scope)
    try:
        yield
    finally:  # by identity: a suspended generator may leave its scope after a later one
        del _scopes[next(i for i, open_scope in enumerate(_scopes) if open_scope is scope)]


def pdeathsig_available() -> bool:
    """Whether children can be told by the kernel that their parent died (Linux)."""
    return _PRCTL is not None
