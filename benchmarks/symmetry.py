#!/usr/bin/env python3
"""Measure issue 7 items 3 and 4: the symmetry cache (on / off) and the task executor.

Usage: python benchmarks/symmetry.py [--only SUBSTR,...] [--skip ID,...] [--repeat 3] [--timeout 60]
                                     [--families reduced_rank_regression,deep_linear_network,...]
                                     [--executor none,threads,processes]

For every selected corpus case and every setting, the case is run ``--repeat`` times in this
process (after one warm-up run of the whole list, so imports and sympy's caches are not
counted), alternating the settings; the table gives the median user CPU seconds
(``time.process_time``, this process only -- worker processes are not included, see the wall
column for them) and the median wall seconds, the status, the number of parameter problems
(group rule, ``pstep``) and of local problems (``solve``) worked on, and the number of repeats
certified as found again up to a permutation (``same``: ``ref`` nodes with ``perm`` and ``same``
program steps).  The machine's load makes wall times noisy; CPU times are the better comparison.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rlct import engine, rlct  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "known_results.json"
FAMILIES = "reduced_rank_regression,deep_linear_network,tanh_network,gaussian_latent_tree,factor_analysis"


class Counter:
    """Counts Solver._solve / Solver._pstep calls that do work (not the repeats)."""

    def __init__(self):
        self.solve = self.pstep = 0
        self._orig = engine.Solver._solve, engine.Solver._pstep
        counter = self

        def solve(s, *a, **k):
            counter.solve += 1
            return counter._orig[0](s, *a, **k)

        def pstep(s, *a, **k):
            counter.pstep += 1
            return counter._orig[1](s, *a, **k)

        self._patched = solve, pstep

    def __enter__(self):
        engine.Solver._solve, engine.Solver._pstep = self._patched
        return self

    def __exit__(self, *exc):
        engine.Solver._solve, engine.Solver._pstep = self._orig


def run(case, timeout, executor=None):
    t0, c0 = time.perf_counter(), time.process_time()
    r = rlct(case["K"], vars=case["vars"], at=case.get("point") or None,
             prior=None if case.get("prior", "1") == "1" else case["prior"], timeout=timeout, executor=executor)
    return r, time.process_time() - c0, time.perf_counter() - t0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", default="")
    ap.add_argument("--skip", default="dln_2x2x2x2x2_r0", help="case ids left out (comma-separated)")
    ap.add_argument("--families", default=FAMILIES)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--executor", default="", help="also time these: none,threads,processes")
    a = ap.parse_args()
    cases = [c for c in json.loads(CORPUS.read_text()) if c["family"] in a.families.split(",")
             and (not a.only or any(s in c["id"] for s in a.only.split(","))) and c["id"] not in a.skip.split(",")]
    for c in cases:   # warm-up
        run(c, a.timeout)
    print(f"{'case':24s} {'d':>3s} {'sym':>4s} {'cpu s':>7s} {'wall s':>7s} {'status':>7s} {'λ':>5s} "
          f"{'pstep':>6s} {'solve':>6s} {'same':>5s}")
    tot = {True: 0.0, False: 0.0}
    for c in cases:
        rows = {True: [], False: []}
        counts = {}
        for _ in range(a.repeat):
            for on in (False, True):
                engine.SYMMETRY = on
                try:
                    with Counter() as cnt:
                        r, cpu, wall = run(c, a.timeout)
                finally:
                    engine.SYMMETRY = True
                rows[on].append((cpu, wall))
                counts[on] = (cnt.pstep, cnt.solve, r)
        for on in (False, True):
            cpu = statistics.median(x for x, _ in rows[on])
            wall = statistics.median(y for _, y in rows[on])
            tot[on] += cpu
            pst, sol, r = counts[on]
            lam = str(r.lam) if r.status == "exact" else "-"
            same = json.dumps(r.certificate).count('"perm"') if r.certificate else 0   # refs + same steps
            print(f"{c['id']:24s} {len(c['vars']):3d} {'on' if on else 'off':>4s} {cpu:7.2f} {wall:7.2f} "
                  f"{r.status:>7s} {lam:>5s} {pst:6d} {sol:6d} {same:5d}", flush=True)
    if tot[False]:
        print(f"\ntotal median CPU: off {tot[False]:.2f} s, on {tot[True]:.2f} s "
              f"(saving {100 * (1 - tot[True] / tot[False]):.0f}%)")
    if a.executor:
        from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

        pools = {"none": None, "threads": ThreadPoolExecutor(2), "processes": ProcessPoolExecutor(2)}
        print(f"\n{'case':24s} {'executor':>10s} {'wall s':>7s} {'cpu s':>7s} {'status':>7s}  same result")
        for c in cases:
            base = None
            for name in a.executor.split(","):
                walls, cpus = [], []
                for _ in range(a.repeat):
                    r, cpu, wall = run(c, a.timeout, pools[name])
                    walls.append(wall)
                    cpus.append(cpu)
                d = r.to_dict()
                d.pop("seconds")
                key = (json.dumps(d, sort_keys=True), json.dumps(r.certificate, sort_keys=True))
                base = base or key
                print(f"{c['id']:24s} {name:>10s} {statistics.median(walls):7.2f} {statistics.median(cpus):7.2f} "
                      f"{r.status:>7s}  {key == base}", flush=True)
        for p in pools.values():
            if p is not None:
                p.shutdown()


if __name__ == "__main__":
    main()
