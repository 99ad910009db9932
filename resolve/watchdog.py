"""A hard deadline for pure-Python work that cannot check the clock itself.

The engine checks its deadline cooperatively, but some library calls (sympy's Groebner
bases, its factorisation) run for an unbounded time without returning control.  Issue 4
requires ``--timeout T`` to hold, so :func:`hard_deadline` arms a timer thread that, when it
fires, raises :class:`HardTimeout` *in the thread that armed it* at its next bytecode
(CPython's ``PyThreadState_SetAsyncExc``).  Work inside C code (python-flint) finishes its
current call first; such calls are kept small by the term budgets.

:class:`HardTimeout` derives from ``BaseException`` so that ``except Exception`` clauses
inside the engine or sympy cannot swallow it.  The interrupted computation is abandoned:
callers turn it into honest bounds, never into an answer.

Examples
--------
>>> import time
>>> try:
...     with hard_deadline(time.monotonic() + 0.05):
...         while True:
...             pass
... except HardTimeout:
...     print("stopped")
stopped
>>> with hard_deadline(None):   # no deadline: a no-op
...     1 + 1
2
"""
from __future__ import annotations

import ctypes
import threading
import time
from contextlib import contextmanager

__all__ = ["HardTimeout", "hard_deadline"]

REPEAT = 0.1   # seconds between deliveries while the block has not ended


class HardTimeout(BaseException):
    """Raised asynchronously when a hard deadline passes."""


try:
    _async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc   # PyDLL: called with the GIL held
except AttributeError:  # pragma: no cover - not CPython: cooperative deadlines only
    _async_exc = None


def _raise_in(tid: int) -> None:
    _async_exc(ctypes.c_ulong(tid), ctypes.py_object(HardTimeout))


def _clear(tid: int) -> None:
    _async_exc(ctypes.c_ulong(tid), None)  # NULL clears an exception not yet delivered


@contextmanager
def hard_deadline(deadline: float | None):
    """Raise :class:`HardTimeout` in the current thread once ``time.monotonic() > deadline``.

    Parameters
    ----------
    deadline : a ``time.monotonic()`` value, or ``None`` for no limit.

    Notes
    -----
    A delivery can be lost if it lands in a garbage-collector or weakref callback (the
    interpreter reports it as "Exception ignored" and goes on), so while the block is still
    running the exception is delivered again every :data:`REPEAT` seconds.  This is as safe as a
    single delivery: only an armed timer fires, and leaving the block disarms it first (below).
    (A full test-suite run once went on for 12 minutes and 4.5 GB after a single lost delivery.)

    When the block ends first, the timer is disarmed under a lock, and an exception that was
    scheduled but not yet delivered is cleared, so it can never surface in unrelated code
    after the block.  If it is delivered while the block is being left, it propagates from the
    ``with`` statement, as if the deadline had passed inside it.
    """
    if deadline is None or _async_exc is None:
        yield
        return
    if time.monotonic() >= deadline:
        raise HardTimeout("time")
    tid = threading.get_ident()
    lock = threading.Lock()
    done = threading.Event()
    state = {"armed": True, "fired": False}

    def watch():
        wait = max(0.0, deadline - time.monotonic())
        while not done.wait(wait):
            with lock:
                if not state["armed"]:
                    return
                state["fired"] = True
                _raise_in(tid)
            wait = REPEAT        # still inside the block: the delivery may have been lost

    watcher = threading.Thread(target=watch, name="rlct-hard-deadline", daemon=True)
    try:
        watcher.start()
        yield
    finally:
        with lock:
            state["armed"] = False
            fired = state["fired"]
        done.set()
        if fired:
            _clear(tid)
