"""Independent local problems as tasks for a ``concurrent.futures`` executor (issue 7 item 4).

The root :class:`rlct.engine.Solver` of a call to :func:`rlct.rlct` treats the pieces of its
orthant splits and toric subdivisions as *tasks*: each piece is solved by a fresh solver of its
own (own caches, node ids prefixed ``t<batch>.<piece>.``, the chart budget that was left when
the batch started), and the results are combined in the pieces' order.  With ``executor=None``
the tasks run one after the other in the calling thread; with an executor (a
``ThreadPoolExecutor``, a ``ProcessPoolExecutor``, ``dask.distributed.Client.get_executor()``,
anything whose ``submit`` returns futures with ``result(timeout=...)``) they run concurrently.
Either way every task is the same pure function of its picklable arguments (:func:`run_task`),
and a failure (budget, input error) is taken from the first failing piece in order, the later
ones being dropped, just as the sequential loop would stop there.  So the value, the certificate
and the chart count do not depend on the executor (nor on the timing, unless a time budget runs
out, which is machine dependent anyway).

Deadlines: a task gets the budget that is left when it is submitted (seconds, converted to the
worker's own clock when it starts) and a hard deadline a little later in the worker; the caller
waits with a short timeout, so its own hard deadline (:mod:`resolve.watchdog`) can interrupt the
wait, and tasks not started yet are cancelled then.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass

AUTO = ("auto", "processes")
MIN_WORK = 100          # executor="auto": Σ terms x 2^variables over a batch's pieces below which it runs inline


@dataclass(frozen=True)
class TaskConfig:
    """What a task's solver needs from its parent (picklable)."""

    remaining: float | None     # seconds of the parent's budget left at submission (None: no limit)
    submitted: float            # time.time() at submission
    max_charts: int
    max_strata_vars: int
    max_depth: int
    strategy: str
    use_rules: bool
    symmetry: bool
    depth: int
    group_nesting: int
    prefix: str

    def solver(self):
        from .engine import Solver

        deadline = None
        if self.remaining is not None:
            deadline = time.monotonic() + self.remaining - max(0.0, time.time() - self.submitted)
        s = Solver(deadline=deadline, max_charts=self.max_charts, max_strata_vars=self.max_strata_vars,
                   max_depth=self.max_depth, strategy=self.strategy, use_rules=self.use_rules,
                   symmetry=self.symmetry)
        s.depth, s.group_nesting, s.id_prefix, s.tasks = self.depth, self.group_nesting, self.prefix, False
        return s


@dataclass
class TaskResult:
    """``status`` ``"ok"`` (``value``, ``out``), ``"budget"`` (``error`` the message), ``"nogo"``
    (the group rule gave up) or ``"raise"`` (``error`` the exception to re-raise); the solver's
    counters for the parent."""

    status: str
    value: object = None
    out: object = None
    error: object = None
    charts: int = 0
    budget_hit: frozenset = frozenset()
    sym_hits: tuple = (0, 0, 0)


def run_task(cfg: TaskConfig, kind: str, args: tuple, hard: bool = False) -> TaskResult:
    """Solve one piece: ``kind`` ``"solve"`` (``args`` = ``(K, e, sides, rules)``), ``"chart"``
    (``args`` = ``(K, e, cone)``) -- both optionally with generators ``gens`` (``K = Σ w g²``)
    last -- or ``"pstep"`` (a group-rule parameter problem, ``args`` =
    ``(state, level, blown, fresh, steps, splits)``).  ``hard``: arm a hard deadline (in a worker, not in the
    caller's thread, whose own watchdog is armed already)."""
    from contextlib import nullcontext

    from resolve.poly import TooLarge
    from resolve.watchdog import HardTimeout, hard_deadline

    from .engine import BudgetExceeded
    from .errors import RLCTInputError
    from .groups import NoGo

    solver = cfg.solver()
    guard = nullcontext()
    if hard and solver.deadline is not None:
        guard = hard_deadline(solver.deadline + 0.1 * max(cfg.remaining, 0.0) + 0.05)

    def done(status, value=None, out=None, error=None):
        return TaskResult(status, value, out, error, solver.charts, frozenset(solver.budget_hit),
                          (solver.sym_hits["solve"], solver.sym_hits["pstep"], solver.sym_hits["nogo"]))

    try:
        with guard:
            if kind == "solve":
                K, e, sides, rules, *gens = args   # gens: optional [(w, g)] with K = Σ w g²
                v, node = solver.solve(K, e, sides, rules=rules, gens=gens[0] if gens else None)
                return done("ok", v, node)
            if kind == "pstep":
                v, rec = solver._pstep(*args)
                return done("ok", v, rec)
            chart, v = solver._chart(*args)   # (K, e, cone) or (K, e, cone, gens)
            return done("ok", v, chart)
    except BudgetExceeded as exc:
        return done("budget", error=str(exc))
    except HardTimeout:
        if not hard:   # inline in the caller's thread: the caller's own hard deadline; let it stop
            raise      # the caller (caught here, a search could go on past its time budget)
        solver.budget_hit.add("time")
        return done("budget", error="time")
    except NoGo as exc:
        return done("nogo", error=str(exc))
    except (RLCTInputError, TooLarge, RecursionError) as exc:
        return done("raise", error=exc)


def _wait(fut, poll: float = 0.05):
    """``fut.result()``, polling so that an asynchronous exception (the caller's hard deadline)
    is delivered between polls."""
    import concurrent.futures

    while True:
        try:
            return fut.result(timeout=poll)
        except concurrent.futures.TimeoutError:
            continue


def run_batch(executor, cfgs: list, kind: str, argss: list) -> list:
    """The tasks' results in order, up to and including the first one that did not finish."""
    out = []
    if executor is None:
        for cfg, args in zip(cfgs, argss):
            out.append(run_task(cfg, kind, args))
            if out[-1].status != "ok":
                break
        return out
    futs = [executor.submit(run_task, cfg, kind, args, True) for cfg, args in zip(cfgs, argss)]
    try:
        for fut in futs:
            out.append(_wait(fut))
            if out[-1].status != "ok":
                break
    finally:
        for fut in futs:
            fut.cancel()
    return out


class AutoExecutor:
    """``executor="auto"``: a process pool (one worker per core), started on the first batch that
    is large enough, shut down by :meth:`close`."""

    def __init__(self, workers: int | None = None):
        self.workers = workers or os.cpu_count() or 1
        self._pool = None

    def get(self):
        if self.workers < 2:
            return None
        if self._pool is None:
            import concurrent.futures   # here, not at import: it costs a few ms of every start-up

            self._pool = concurrent.futures.ProcessPoolExecutor(self.workers)
        return self._pool

    def close(self):
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
