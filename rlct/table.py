"""Tables of (λ, m) over grids of model sizes, in parallel, written as they finish.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "rrr.csv"
>>> rows = table("rrr", {"M": [1, 2], "N": [1], "H": [1], "r": [0, 1]}, executor="serial", out=out)
>>> [(r["M"], r["r"], r["lambda"], r["m"], r["known_lambda"]) for r in rows]
[(1, 0, '1/2', 2, '1/2'), (1, 1, '1/2', 1, '1/2'), (2, 0, '1/2', 1, '1/2'), (2, 1, '1', 1, '1')]
>>> len(table("rrr", {"M": [1, 2], "N": [1], "H": [1], "r": [0, 1]}, executor="serial", out=out))  # resumes
4
"""
from __future__ import annotations

import csv
import itertools
import json
import os
import pathlib
import time
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed

from .known import FORMULAS
from .models import BUILDERS

COLUMNS = ["model", "status", "lambda", "m", "lambda_lower", "lambda_upper", "known_lambda", "known_m",
           "seconds", "reason"]


def _grid_points(grid) -> list[dict]:
    if isinstance(grid, dict):
        keys = list(grid)
        return [dict(zip(keys, vals)) for vals in itertools.product(*(list(grid[k]) for k in keys))]
    return [dict(p) for p in grid]


def _key(params: dict) -> str:
    return json.dumps(params, sort_keys=True)


def solve_point(builder: str, params: dict, timeout: float) -> dict:
    """One row: build the model, solve it, add the closed form when one is known."""
    t0 = time.monotonic()
    model = BUILDERS[builder](**params)
    res = model.solve(timeout=timeout)
    row = dict(params)
    row.update({"model": model.name, "status": res.status, "lambda": str(res.lam) if res.lam is not None else "",
                "m": res.m if res.m is not None else "",
                "lambda_lower": str(res.lambda_lower) if res.lambda_lower is not None else "",
                "lambda_upper": str(res.lambda_upper) if res.lambda_upper is not None else "",
                "seconds": round(time.monotonic() - t0, 3), "reason": res.reason})
    known = FORMULAS.get(builder)
    try:
        lam, m = known(**params) if known else ("", "")
    except (ValueError, TypeError):      # no cited closed form for these parameters
        lam, m = "", ""
    row.update({"known_lambda": str(lam), "known_m": m})
    return row


def _read(out: pathlib.Path) -> list[dict]:
    if not out.exists():
        return []
    if out.suffix == ".csv":
        with out.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        for r in rows:
            for k, v in r.items():
                if not isinstance(v, str) or k in ("lambda", "lambda_lower", "lambda_upper", "known_lambda"):
                    continue
                if v.lstrip("-").isdigit():
                    r[k] = int(v)
                elif v.startswith("["):
                    r[k] = json.loads(v)
        return rows
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]


def _append(out: pathlib.Path, row: dict, fields: list[str]) -> None:
    if out.suffix == ".csv":
        new = not out.exists()
        with out.open("a", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=fields, extrasaction="ignore")
            if new:
                w.writeheader()
            w.writerow({k: (json.dumps(v) if isinstance(v, list) else v) for k, v in row.items()})
    else:
        with out.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(row, sort_keys=True) + "\n")


def table(builder: str, grid, executor: Executor | str | None = None, out=None, timeout: float = 60.0,
          jobs: int | None = None) -> list[dict]:
    """``(λ, m, status, seconds)`` of ``rlct.models.BUILDERS[builder]`` over ``grid``.

    Parameters
    ----------
    builder : a key of ``rlct.models.BUILDERS``: ``"rrr"``, ``"dln"``, ``"tanh"``, ``"poly"``,
        ``"mixture"``, ``"ltree"``, ``"factor"``, ``"naive_bayes"``, ``"arrangement"`` (see
        :mod:`rlct.models`).
    grid : mapping parameter -> values (their product) or a list of parameter dicts; points the
        builder rejects (e.g. ``r > min(M, N, H)``) are skipped.
    executor : any ``concurrent.futures.Executor`` (a ``dask.distributed`` client's executor
        works unchanged: ``table("factor", grid, executor=Client(...).get_executor())``, with the
        optional extra ``rlct[dask]``), ``"serial"``, or None for a process pool of ``jobs``
        workers.
    out : ``.csv`` or ``.jsonl`` path; every row is appended as it finishes, so a crash loses
        nothing, and points already in the file are not recomputed (resume).
    timeout : seconds per point.

    Returns
    -------
    list of dict, one row per grid point in grid order (with the closed form of
    :mod:`rlct.known` in ``known_lambda``/``known_m`` where one exists).
    """
    if builder not in BUILDERS:
        raise ValueError(f"unknown model {builder!r} (known: {', '.join(sorted(BUILDERS))})")
    points = []
    for p in _grid_points(grid):
        try:
            BUILDERS[builder](**p)
        except ValueError:
            continue
        points.append(p)
    out = pathlib.Path(out) if out is not None else None
    done = {}
    if out is not None:
        for r in _read(out):
            done[_key({k: r[k] for k in points[0]} if points else {})] = r
    todo = [p for p in points if _key(p) not in done]
    fields = (list(points[0]) if points else []) + COLUMNS

    def record(row):
        done[_key({k: row[k] for k in points[0]})] = row
        if out is not None:
            _append(out, row, fields)

    if executor == "serial" or not todo:
        for p in todo:
            record(solve_point(builder, p, timeout))
    else:
        own = executor is None
        ex = ProcessPoolExecutor(max_workers=jobs or os.cpu_count() or 1) if own else executor
        try:
            futures = [ex.submit(solve_point, builder, p, timeout) for p in todo]
            for f in as_completed(futures):
                record(f.result())
        finally:
            if own:
                ex.shutdown(cancel_futures=True)
    return [done[_key(p)] for p in points]


def export_fixtures(builder: str, rows: list[dict], path) -> list[dict]:
    """Write the exact rows as JSON fixtures an estimator's test suite can load: for each, the
    model's ``K`` (and generators), variables, true point, prior exponents, ``lambda`` and ``m``
    (strings / ints), the citation of the model, and the published closed form when known."""
    out = []
    for r in rows:
        if r["status"] != "exact":
            continue
        params = {k: r[k] for k in r if k not in COLUMNS}
        model = BUILDERS[builder](**params)
        fx = model.to_dict()
        fx.update({"lambda": str(r["lambda"]), "m": int(r["m"]), "known_lambda": str(r["known_lambda"]),
                   "known_m": r["known_m"], "computed_by": "rlct (exact, certificate verified)"})
        out.append(fx)
    pathlib.Path(path).write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return out


def parse_values(name: str, text: str) -> list:
    """``"1..3"`` -> [1, 2, 3]; ``"1,4"`` -> [1, 4]; for ``widths``: ``"2x2x2,1x2x1"``; for
    ``activation_coeffs``: ``"0x1x0x-1/3,0x1"`` (rationals)."""
    try:
        if name == "widths":
            return [[int(x) for x in w.split("x")] for w in text.split(",")]
        if name == "activation_coeffs":
            from fractions import Fraction

            return [[str(Fraction(x)) for x in w.split("x")] for w in text.split(",")]
        if ".." in text:
            a, b = text.split("..")
            return list(range(int(a), int(b) + 1))
        return [int(x) for x in text.split(",")]
    except ValueError:
        raise ValueError(f"--{name}: expected a..b, a,b,c or an integer, not {text!r}") from None


def main(argv: list[str]) -> int:
    """``rlct table MODEL --PARAM VALUES ... [--out FILE] [--fixtures FILE.json] [--timeout T]
    [--jobs J] [--serial]``."""
    import sys

    if not argv or argv[0] not in BUILDERS:
        sys.stderr.write(f"rlct: error: usage: rlct table {{{','.join(sorted(BUILDERS))}}} --PARAM a..b ... "
                         "[--out FILE.csv] [--timeout T] [--jobs J]\n")
        return 2
    builder, rest = argv[0], argv[1:]
    grid, out, timeout, jobs, executor, fixtures = {}, None, 60.0, None, None, None
    i = 0
    try:
        while i < len(rest):
            opt = rest[i]
            if opt == "--serial":
                executor, i = "serial", i + 1
                continue
            if not opt.startswith("--") or i + 1 >= len(rest):
                raise ValueError(f"expected --NAME VALUE, got {opt!r}")
            name, val = opt[2:], rest[i + 1]
            i += 2
            if name == "out":
                out = val
            elif name == "timeout":
                timeout = float(val)
                if not timeout > 0:
                    raise ValueError("--timeout must be positive")
            elif name == "jobs":
                jobs = int(val)
            elif name == "fixtures":
                fixtures = val
            elif name.isidentifier():
                grid[name] = parse_values(name, val)
            else:
                raise ValueError(f"bad option {opt!r}")
        rows = table(builder, grid, executor=executor, out=out, timeout=timeout, jobs=jobs)
        if fixtures:
            export_fixtures(builder, rows, fixtures)
    except (ValueError, TypeError, OSError) as exc:
        sys.stderr.write(f"rlct: error: {str(exc).splitlines()[0]}\n")
        return 2
    keys = list(grid)
    print("\t".join(keys + ["status", "lambda", "m", "bounds", "known_lambda", "known_m", "seconds"]))
    for r in rows:
        bounds = f"[{r['lambda_lower']}, {r['lambda_upper']}]"
        print("\t".join([str(r[k]) for k in keys] + [r["status"], str(r["lambda"]), str(r["m"]), bounds,
                                                      str(r["known_lambda"]), str(r["known_m"]), str(r["seconds"])]))
    return 0
