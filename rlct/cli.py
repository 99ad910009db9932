"""Command line: ``rlct K [options]``, ``rlct verify FILE`` and ``rlct table MODEL --PARAM a..b``.

Exit codes: 0 answer printed (exact, bounds, or not a zero) / certificate holds; 1 certificate
does not hold; 2 bad input (one line on stderr, no traceback); 3 internal error (one line);
130 interrupted.
"""
from __future__ import annotations

import argparse
import json
import os
import sys


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit code 2
        sys.stderr.write(f"rlct: error: {message}\n")
        sys.exit(2)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="rlct", description="Exact real log canonical threshold (lambda, m) of a polynomial K >= 0. "
                "Also: 'rlct verify FILE' re-checks a certificate; "
                "'rlct table rrr --M 1..3 --N 1..3 --H 1..3 --r 0..1 --out rrr.csv' tabulates a model; "
                "'rlct check K --claim 1/2,2' or 'rlct check K --charts FILE.json' checks a hand calculation.")
    p.add_argument("K", nargs="?", help="the polynomial K(w) >= 0, e.g. 'x**2*y**2 + x**4'")
    p.add_argument("--vars", help="comma-separated variables (default: those of K, sorted)")
    p.add_argument("--at", help="the point, e.g. x=1,y=1/2 (default: the origin)")
    p.add_argument("--domain", help="a box, e.g. x=-1..1,y=0..2: the global lambda over it (not with --at)")
    p.add_argument("--prior", help="prior: a monomial times a factor positive at the point")
    p.add_argument("--ideal", nargs="+", metavar="F", help="generators f_i; K = sum f_i**2")
    p.add_argument("--json", action="store_true", help="print one line of JSON")
    p.add_argument("--timeout", type=float, default=60.0,
                   help="seconds (default 60); unfinished pieces become rigorous bounds")
    p.add_argument("--jobs", type=int, default=1, metavar="N",
                   help="solve independent pieces (orthants, charts) in N worker processes (default 1: "
                        "sequential); the answer and certificate are the same")
    p.add_argument("--strategy", default="auto", choices=["auto", "toric", "polyhedra-game"],
                   help="how charts are made (default auto = toric)")
    p.add_argument("--graph", metavar="FILE", help="write the resolution graph as node-link JSON")
    p.add_argument("--certificate", metavar="FILE", help="write the certificate (exact answers)")
    p.add_argument("--explain", action="store_true", help="print the worked derivation (Markdown)")
    p.add_argument("--latex", action="store_true", help="with --explain: a LaTeX fragment (amsmath)")
    p.add_argument("--latex-standalone", action="store_true",
                   help="with --explain: a complete LaTeX document for pdflatex")
    p.add_argument("--figure", metavar="FILE", help="draw the resolution graph: FILE.tex (TikZ) or, "
                   "with matplotlib, .svg/.png/.pdf")
    return p


def _write(path: str, obj) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(obj, fh, sort_keys=True, indent=1)
        fh.write("\n")


def _verify_main(argv: list[str]) -> int:
    if len(argv) != 1:
        sys.stderr.write("rlct: error: usage: rlct verify FILE\n")
        return 2
    from . import verify

    try:
        with open(argv[0], "rb") as fh:
            raw = fh.read(50_000_001)
    except OSError as exc:
        sys.stderr.write(f"rlct: error: cannot read {argv[0]}: {exc.strerror}\n")
        return 2
    res = verify(raw.decode("utf-8", errors="replace"))
    if res.ok:
        print(f"certificate holds: lambda = {res.lam}, m = {res.m}")
        return 0
    print(f"certificate does not hold: {res.reason}")
    return 1


def _check_main(argv: list[str]) -> int:
    """``rlct check K --claim LAM[,M] | --charts FILE [--vars ...] [--at ...] [--prior ...] [--timeout T]``:
    exit 0 when the claim (or the charts) is proven, 1 when it is not."""
    p = _Parser(prog="rlct check", description="Check a claimed (lambda, m) for K, or hand-made charts.")
    p.add_argument("K")
    p.add_argument("--claim", help="lambda or lambda,m, e.g. 1/2,2")
    p.add_argument("--charts", metavar="FILE", help="blow-up charts as JSON (docs/charts.md)")
    p.add_argument("--vars")
    p.add_argument("--at")
    p.add_argument("--prior")
    p.add_argument("--timeout", type=float, default=60.0)
    try:
        args = p.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if (args.claim is None) == (args.charts is None):
        sys.stderr.write("rlct: error: give --claim LAM[,M] or --charts FILE (one of them)\n")
        return 2
    if args.charts is not None:
        from .charts_check import main as charts_main

        return charts_main(args.charts, args.K, vars=args.vars, at=args.at, prior=args.prior, timeout=args.timeout)
    from .claims import check
    from .errors import RLCTInputError

    lam, _, m = args.claim.partition(",")
    try:
        res = check(args.K, lam=lam.strip(), m=int(m) if m.strip() else None, vars=args.vars, at=args.at,
                    prior=args.prior, timeout=args.timeout)
    except ValueError as exc:  # RLCTInputError and a non-integer m
        msg = str(exc).splitlines()[0] if str(exc) else "bad input"
        sys.stderr.write(f"rlct: error: {msg if isinstance(exc, RLCTInputError) else '--claim: m must be an integer'}\n")
        return 2
    print(res.explanation)
    return 0 if res.agrees else 1


def _output_problem(args) -> str | None:
    """What is wrong with the output options (one line), before any computing."""
    if args.domain is not None:
        from .domain import cli_problem

        if cli_problem(args):
            return cli_problem(args)
    if (args.latex or args.latex_standalone) and not args.explain:
        return "--latex and --latex-standalone go with --explain"
    if args.explain and args.json:
        return "--explain and --json cannot be combined (both print the answer)"
    if args.figure:
        from .plot import figure_problem

        return figure_problem(args.figure)
    return None


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "verify":
            return _verify_main(argv[1:])
        if argv and argv[0] == "check":
            return _check_main(argv[1:])
        if argv and argv[0] == "table":
            from .table import main as table_main

            return table_main(argv[1:])
        try:
            args = _parser().parse_args(argv)
        except SystemExit as exc:  # --help (0) or a usage error (2, one line already printed)
            return int(exc.code or 0)
        from .api import rlct
        from .errors import RLCTInputError

        if args.K is None and not args.ideal:
            sys.stderr.write("rlct: error: give a polynomial K (or --ideal F1 F2 ...)\n")
            return 2
        if args.timeout is not None and not (args.timeout > 0):
            sys.stderr.write("rlct: error: --timeout must be a positive number of seconds\n")
            return 2
        problem = _output_problem(args)
        if problem:
            sys.stderr.write(f"rlct: error: {problem}\n")
            return 2
        if not 1 <= args.jobs <= 256:
            sys.stderr.write("rlct: error: --jobs must be between 1 and 256\n")
            return 2
        if args.jobs > 1 and args.domain:
            sys.stderr.write("rlct: error: --jobs does not apply to --domain\n")
            return 2
        pool = None
        try:
            kw = {}
            if args.jobs > 1:
                from concurrent.futures import ProcessPoolExecutor

                pool = kw["executor"] = ProcessPoolExecutor(max_workers=args.jobs)
            res = rlct(args.K if not args.ideal else None, vars=args.vars, at=args.at, prior=args.prior,
                       ideal=args.ideal, timeout=args.timeout, strategy=args.strategy, domain=args.domain, **kw)
        except RLCTInputError as exc:
            sys.stderr.write(f"rlct: error: {str(exc).splitlines()[0] if str(exc) else 'bad input'}\n")
            return 2
        finally:
            if pool is not None:
                pool.shutdown(cancel_futures=True)
        if args.graph:
            import networkx as nx

            g = res.graph
            _write(args.graph, nx.node_link_data(g, edges="edges") if g is not None else {"nodes": [], "edges": []})
        if args.certificate:
            _write(args.certificate, res.certificate if res.certificate is not None
                   else {"status": res.status, "reason": "no certificate: the answer is not exact"})
        if args.figure:
            from .plot import save_figure

            try:
                save_figure(res, args.figure)
            except OSError as exc:
                sys.stderr.write(f"rlct: error: cannot write {args.figure}: {exc.strerror or exc}\n")
                return 2
        if args.explain:
            fmt = "latex" if args.latex or args.latex_standalone else "markdown"
            print(res.explain(format=fmt, standalone=args.latex_standalone), end="")
        else:
            print(res.to_json() if args.json else str(res))
        return 0
    except KeyboardInterrupt:
        sys.stderr.write("rlct: interrupted\n")
        return 130
    except RecursionError:
        sys.stderr.write("rlct: error: input too deeply nested\n")
        return 2
    except BrokenPipeError:   # the reader went away (e.g. `| head`): nothing left to say
        try:
            sys.stdout = open(os.devnull, "w")   # no second error when Python flushes stdout at exit
        except OSError:
            pass
        return 0
    except Exception as exc:  # never a traceback
        sys.stderr.write(f"rlct: internal error: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}\n")
        return 3


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
