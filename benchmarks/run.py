#!/usr/bin/env python3
"""Time every public corpus case in-process and print a table.

Usage: python benchmarks/run.py [--timeout S] [--only SUBSTR] [--data FILE]

Columns: case, variables, λ, m, status, seconds, charts.  The summary line gives the counts and
the median time over the cases whose Newton polyhedron is nondegenerate (families basic, newton,
prior, real_vs_complex, rules).
"""
import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rlct import rlct  # noqa: E402

NONDEGENERATE = {"basic", "newton", "prior", "real_vs_complex", "rules"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(ROOT / "tests" / "data" / "known_results.json"))
    ap.add_argument("--timeout", type=float, default=10)
    ap.add_argument("--only", default="")
    a = ap.parse_args()
    cases = [c for c in json.loads(Path(a.data).read_text()) if a.only in c["id"]]
    rows, nondeg = [], []
    print(f"{'case':32s} {'vars':>4s} {'lambda':>8s} {'m':>3s} {'status':>8s} {'seconds':>8s} {'charts':>6s}  truth")
    for c in cases:
        t0 = time.perf_counter()
        try:
            r = rlct(c["K"], vars=c["vars"], at=c.get("point") or None,
                     prior=None if c.get("prior", "1") == "1" else c["prior"], timeout=a.timeout)
            lam = str(r.lam) if r.status == "exact" else f"[{r.lambda_lower},{r.lambda_upper}]"
            m, status, charts = (r.m if r.m is not None else "-"), r.status, r.charts
        except Exception as exc:  # report, keep going
            lam, m, status, charts = type(exc).__name__, "-", "error", 0
        dt = time.perf_counter() - t0
        rows.append((c, status, dt))
        if c["family"] in NONDEGENERATE:
            nondeg.append(dt)
        print(f"{c['id']:32s} {len(c['vars']):4d} {lam:>8s} {str(m):>3s} {status:>8s} {dt:8.3f} {charts:6d}  "
              f"({c['lam']}, {c['m']})")
    exact = sum(1 for _, s, _ in rows if s == "exact")
    times = sorted(dt for _, _, dt in rows)
    nondeg.sort()
    med = nondeg[len(nondeg) // 2] if nondeg else 0.0
    print(f"\n{len(rows)} cases: {exact} exact, {sum(1 for _, s, _ in rows if s == 'bounds')} bounds; "
          f"total {sum(times):.1f}s, max {times[-1] if times else 0:.2f}s, "
          f"median nondegenerate {med * 1000:.1f} ms, over 10 s: {sum(1 for t in times if t > 10)}")


if __name__ == "__main__":
    main()
