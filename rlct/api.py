"""The public entry point :func:`rlct` and its result type.

>>> r = rlct("x**2 + y**4")
>>> (r.lam, r.m, r.status)
(Fraction(3, 4), 1, 'exact')
>>> rlct("x**2*y**2", prior="x").lam
Fraction(1, 2)
>>> rlct("(a*b - 1)**2", at={"a": 1, "b": 1}).status in ("exact", "bounds")
True
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Mapping, Sequence

from resolve.linalg import rank
from resolve.newton import newton_polyhedron
from resolve.poly import Poly, TooLarge, from_sympy, sum_of_squares
from resolve.watchdog import HardTimeout, hard_deadline

from .engine import BudgetExceeded, Solver, lam_str
from .errors import RLCTInputError
from .values import INF, Value

FORMAT = "rlct-certificate/1"


@dataclass
class RLCTResult:
    """The answer for ``ζ(z) = ∫ K(w)^z φ(w) dw`` near the point: largest pole ``-λ`` of order ``m``.

    ``status`` is ``"exact"`` (``lam``, ``m`` proven, ``certificate`` re-checkable by
    :func:`rlct.verify`), ``"bounds"`` (``lambda_lower <= λ <= lambda_upper``; ``reason`` says
    what was not finished) or ``"not-a-zero"`` (``K`` does not vanish at the point: λ = +∞).
    """

    lam: Fraction | None
    m: int | None
    status: str
    lambda_lower: Fraction | None
    lambda_upper: Fraction | None
    vars: list[str]
    K: str
    point: dict[str, str]
    prior_exponents: list[int]
    certificate: dict | None = None
    reason: str = ""
    seconds: float = 0.0
    charts: int = 0
    _graph: Any = field(default=None, repr=False)

    @property
    def graph(self):
        """The resolution graph (``networkx.DiGraph``) built from the certificate tree."""
        if self._graph is None and self.certificate is not None:
            from .graph import resolution_graph

            self._graph = resolution_graph(self.certificate)
        return self._graph

    def explain(self, format: str = "markdown", **kw) -> str:
        """The worked derivation, ``"markdown"`` or ``"latex"`` (:func:`rlct.explain.explain`)."""
        from .algebraic import is_irrational

        if is_irrational(self.point):
            from .algebraic import explain as explain_point  # rlct/algebraic.py

            return explain_point(self, format=format, standalone=kw.get("standalone", False))
        from .explain import explain

        return explain(self, format=format, **kw)

    def to_tikz(self, **kw) -> str:
        """The resolution graph as a TikZ picture (:func:`rlct.tikz.to_tikz`)."""
        from .tikz import to_tikz

        return to_tikz(self, **kw)

    def draw(self, ax=None, **kw):
        """The resolution graph as a matplotlib Figure (:func:`rlct.plot.draw`; needs matplotlib)."""
        from .plot import draw

        return draw(self, ax=ax, **kw)

    def _repr_markdown_(self) -> str:
        from .explain import summary

        return summary(self)

    def to_dict(self) -> dict:
        out: dict[str, Any] = {"status": self.status}
        if self.status == "exact":
            out["lambda"] = str(self.lam)
            out["m"] = self.m
        if self.lambda_lower is not None:
            out["lambda_lower"] = lam_str(self.lambda_lower)
        if self.lambda_upper is not None:
            out["lambda_upper"] = lam_str(self.lambda_upper)
        if self.reason:
            out["reason"] = self.reason
        out.update({"vars": self.vars, "K": self.K, "point": self.point, "prior_exponents": self.prior_exponents,
                    "seconds": round(self.seconds, 4)})
        if self.status == "exact":  # a time-limited search's chart count depends on the machine
            out["charts"] = self.charts
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True)

    def __str__(self) -> str:
        at = ", ".join(f"{k}={v}" for k, v in self.point.items() if v != "0") or "the origin"
        if self.status == "exact":
            return f"RLCT of {self.K} at {at}: lambda = {self.lam}, m = {self.m} (exact, {self.charts} charts)"
        if self.status == "not-a-zero":
            return f"K = {self.K} does not vanish at {at}: lambda = +inf (no pole)"
        return (f"RLCT of {self.K} at {at}: {self.lambda_lower} <= lambda <= {self.lambda_upper} "
                f"(bounds: {self.reason})")


def _to_expr(obj, what: str):
    import sympy

    from .parse import parse_polynomial

    if isinstance(obj, (str, bytes)):
        return parse_polynomial(obj, what=what)
    if isinstance(obj, (int, Fraction)):
        return sympy.Rational(obj.numerator, obj.denominator) if isinstance(obj, Fraction) else sympy.Integer(obj)
    if isinstance(obj, sympy.Basic):
        return obj
    raise RLCTInputError(f"{what}: expected a string or a sympy expression, got {type(obj).__name__}")


def _point_value(v, name: str):
    """A coordinate: a Fraction when rational, else an exact real algebraic sympy number
    (:mod:`rlct.algebraic`)."""
    from .algebraic import exact_value

    if isinstance(v, Fraction) or (isinstance(v, int) and not isinstance(v, bool)):
        return Fraction(v)
    v = exact_value(v, name)
    return Fraction(int(v.p), int(v.q)) if v.is_Rational else v


def rlct(K=None, vars: Sequence[str] | str | None = None, at: Mapping | str | None = None, prior=None,
         ideal: Sequence | None = None, timeout: float | None = 60.0, max_charts: int = 20000,
         strategy: str = "auto", exact_rules: bool = True, check: bool = True, domain=None,
         executor=None) -> RLCTResult:
    """Exact real log canonical threshold ``(λ, m)`` of ``K >= 0`` at a point.

    Parameters
    ----------
    K : str or sympy expression
        The polynomial ``K(w) >= 0``.  Omit it when ``ideal`` is given.
    vars : list of names, or "x,y"; default: the variables of ``K`` (and the prior) sorted.
    at : mapping or "x=1,y=1/2"; the point ``w0`` (default the origin).
    prior : str or expression; taken in absolute value, ``|(w-w0)^h| * |ψ(w)|`` with
        ``ψ(w0) != 0`` (default 1).
    ideal : generators ``f_i``; then ``K = Σ f_i²`` (Watanabe's convention; Lin's RLCT of the
        ideal is ``2λ``).
    timeout : seconds (default 60; None for no limit); unfinished pieces become rigorous bounds.
    exact_rules : ``False`` skips the cheap exact rules (sum, product, power, squares,
        elimination, rule S at the origin) so that the charts do all the work -- for cross-checks.
    check : re-verify every exact answer's certificate with the independent checker
        (:func:`rlct.verify`) before returning it; a certificate that fails turns the answer
        into bounds (a safety net: it has never been seen to fail on the test suites).
    strategy : how charts are made: ``"toric"`` (simplicial refinement of the normal fan),
        ``"polyhedra-game"`` (iterated coordinate blow-ups, Zeillinger's strategy) or ``"auto"``.
    domain : ``"x=-1..1,y=0..2"`` (or ``{name: (lo, hi)}``, rational): the global value over that
        box instead of a point (:mod:`rlct.domain`; a :class:`rlct.domain.DomainResult`).
    executor : ``None`` (default: sequential), a ``concurrent.futures`` executor (threads,
        processes, ``dask.distributed.Client.get_executor()``) or ``"auto"`` (a process pool, started
        when the work is large): the pieces of the top-level splits and chart subdivisions run
        there as independent tasks (:mod:`rlct.parallel`); the result and certificate are the
        same as the sequential ones.

    Returns
    -------
    RLCTResult
    """
    if domain is not None:
        from .domain import rlct_domain

        return rlct_domain(K, vars=vars, domain=domain, at=at, prior=prior, ideal=ideal, timeout=timeout,
                           max_charts=max_charts, strategy=strategy, exact_rules=exact_rules, check=check)
    t0 = time.monotonic()
    inputs = _inputs_fast(K, ideal, prior, vars, at) or _inputs_sympy(K, ideal, prior, vars, at)
    if not isinstance(inputs, _Inputs):   # an irrational point: rlct.algebraic
        from .algebraic import solve

        Kp, names, point, prior_expr, gen_exprs = inputs
        return solve(Kp, names, point, prior_expr, t0, check, gens=gen_exprs)
    names, Kp, point = inputs.names, inputs.K, inputs.point
    w0 = [point[n] for n in names]
    Kt = Kp.translate(w0)
    Pr = inputs.prior.translate(w0)
    if Pr.is_zero():
        raise RLCTInputError("prior is identically zero")
    h = Pr.min_exponents()
    if Pr.div_monomial(h).constant_term() == 0:   # the prior enters as |prior| (Lin's |w^h| ψ)
        raise RLCTInputError("prior must be a monomial times a factor non-zero at the point")
    point_s = {n: str(point[n]) for n in names}
    K_str = Kp.to_str(names)
    base = dict(vars=names, K=K_str, point=point_s, prior_exponents=list(h))
    if Kt.constant_term() != 0:
        if Kt.constant_term() < 0:
            raise RLCTInputError("K is negative at the point (it must be >= 0 near it)")
        return RLCTResult(None, None, "not-a-zero", None, None, seconds=time.monotonic() - t0, **base)
    gens = None
    if inputs.gens and any(not g.is_zero() for _, g in inputs.gens):   # a zero generator adds nothing to K
        gens = [(w, g.translate(w0)) for w, g in inputs.gens if not g.is_zero()]
    elif len(Kp) <= 400:   # K given expanded: generators from its Gram matrix, when it is forced
        from resolve.sos import gram_sos

        found = gram_sos(Kp)
        gens = [(w, g.translate(w0)) for w, g in found] if found else None
    if gens and any(g.constant_term() for _, g in gens):
        gens = None
    # Time plan for --timeout T (issue 4: return within T): the search stops itself at 0.7 T and
    # is stopped at 0.8 T (library calls that cannot check the clock); the fallback bounds get
    # until 0.95 T, the certificate self-check until 0.98 T.
    deadline = t0 + timeout if timeout else None

    def by(share):   # the time by which a share of the budget is used up
        return t0 + share * timeout if timeout else None

    solver = Solver(deadline=by(0.7), max_charts=max_charts, strategy=strategy, use_rules=exact_rules,
                    tasks=True, executor=executor)
    lo_g, hi_g = global_bounds(Kt, h, deadline=min(by(0.3), time.monotonic() + 2) if deadline else time.monotonic() + 5)
    try:
        with hard_deadline(by(0.8)):
            val, root = _solve_sparsest(solver, Kt, h, gens, by(0.1))
    except (BudgetExceeded, HardTimeout, TooLarge) as exc:  # one wording per budget, whichever step noticed it
        kind = "time" if "time" in str(exc) or isinstance(exc, HardTimeout) else \
            "terms" if isinstance(exc, TooLarge) else "charts" if "chart" in str(exc) else str(exc).split()[0]
        val, root = Value.bounds(lo_g, hi_g, f"{kind} budget exhausted"), None
    except RecursionError:
        val, root = Value.bounds(lo_g, hi_g, "recursion depth exhausted"), None
    finally:
        solver.close()
    if not val.is_exact and gens and len(gens) > 1:
        lo_g = max(lo_g, subsum_lower_bound(Kt, h, gens, by(0.85)))
    if not val.is_exact:
        hi_g = min(hi_g, orbit_upper_bound(Kt, h, gens, by(0.95)))
    if val.is_exact:
        cert = {"format": FORMAT, "vars": names, "K": K_str, "K_terms": Kp.to_terms(), "point": point_s,
                "prior_exponents": list(h), "lambda": lam_str(val.lo), "m": val.m, "root": root}
        if check:
            from .checker import verify

            try:
                with hard_deadline(by(0.98)):
                    verdict = verify(cert)
                failure = None if verdict.ok else f"internal: the certificate did not verify ({verdict.reason[:200]})"
            except HardTimeout:
                failure = "time budget exhausted (during the certificate self-check)"
            if failure:
                val, root = Value.bounds(lo_g, hi_g, failure), None
    seconds = time.monotonic() - t0
    if val.is_exact:
        return RLCTResult(val.lo, val.m, "exact", val.lo, val.lo, certificate=cert, seconds=seconds,
                          charts=solver.charts, **base)
    lo = max(val.lo, lo_g) if val.lo is not INF else lo_g
    hi = min(val.hi, hi_g)
    if lo > hi:  # pragma: no cover - would mean a bug in a bound
        raise RuntimeError(f"inconsistent bounds {lo} > {hi}")
    reason = val.reason or "unfinished"
    extra = sorted(b for b in solver.budget_hit if b not in reason)
    if extra:
        reason += "; budgets exhausted: " + ", ".join(extra)
    res = RLCTResult(None, None, "bounds", lo, hi, reason=reason, seconds=seconds,
                     charts=solver.charts, **base)
    if root is not None:  # the partial resolution, for the graph (not a certificate)
        from .graph import resolution_graph

        res._graph = resolution_graph({"root": root})
    return res


@dataclass(frozen=True)
class _Inputs:
    """What :func:`rlct` reads from its arguments: variables, ``K``, the prior (both untranslated),
    generators ``[(w, g)]`` with ``K = Σ w g²`` as written (or ``None``) and a rational point."""

    names: list
    K: Poly
    prior: Poly
    gens: list | None
    point: dict


def _inputs_fast(K, ideal, prior, vars, at) -> _Inputs | None:
    """The inputs read without sympy (:mod:`rlct.parse_fast`): plain polynomial text and a rational
    point.  ``None`` for anything else, or anything wrong: :func:`_inputs_sympy` then reads it and
    words the error, so both paths accept the same inputs and give the same messages."""
    from . import parse_fast as pf

    texts = list(ideal) if ideal is not None else [K]
    if K is not None and ideal is not None or not texts or not all(isinstance(t, str) for t in texts) \
            or not (prior is None or isinstance(prior, str)) or not (at is None or isinstance(at, str)) \
            or not (vars is None or isinstance(vars, str) or all(isinstance(v, str) for v in vars)):
        return None
    exprs = [pf.read(t) for t in texts]
    pexpr = pf.read(prior) if prior is not None else None
    if any(e is None for e in exprs) or (prior is not None and pexpr is None):
        return None
    names_in = sorted(set().union(*(e.names for e in exprs), pexpr.names if pexpr else ()))
    if vars is None:
        names = names_in
    else:
        from .parse import parse_vars

        try:
            names = parse_vars(vars) if isinstance(vars, str) else list(vars)
        except RLCTInputError:
            return None
        if len(set(names)) != len(names) or not set(names_in) <= set(names):
            return None
    if not names:
        return None
    if ideal is not None:
        gs = [pf.to_poly(e, names) for e in exprs]
        if any(g is None for g in gs):
            return None
        gens = [(Fraction(1), g) for g in gs]
        try:
            Kp = sum_of_squares(gens, len(names))
        except TooLarge:
            return None
    else:
        Kp = pf.to_poly(exprs[0], names)
        gens = pf.to_squares(exprs[0], names) if Kp is not None else None
        if gens is not None and len(Kp) <= 5000 and sum_of_squares(gens, len(names)) != Kp:
            raise AssertionError("parse_fast: the squares do not add up to K")  # pragma: no cover
    Pr = pf.to_poly(pexpr, names) if pexpr is not None else Poly.constant(len(names), 1)
    if Kp is None or Pr is None or Kp.is_zero():
        return None
    point = {n: Fraction(0) for n in names}
    if at is not None:
        given = pf.read_point(at, names)
        if given is None:
            return None
        point.update(given)
    return _Inputs(names, Kp, Pr, gens, point)


def _inputs_sympy(K, ideal, prior, vars, at):
    """The inputs read with :mod:`rlct.parse` (sympy): any text the language allows, sympy
    expressions, irrational points.  At an irrational point it returns the tuple that
    :func:`rlct.algebraic.solve` takes instead of :class:`_Inputs`."""
    import sympy

    from .parse import parse_point, parse_vars

    gen_exprs = None
    if ideal is not None:
        gens = [_to_expr(f, f"ideal generator {i + 1}") for i, f in enumerate(ideal)]
        if not gens:
            raise RLCTInputError("ideal: no generators given")
        expr = sympy.Add(*[g ** 2 for g in gens])
        gen_exprs = [(sympy.Integer(1), g) for g in gens]
        if K is not None:
            raise RLCTInputError("give either K or ideal, not both")
    else:
        if K is None:
            raise RLCTInputError("K is missing")
        expr = _to_expr(K, "K")
        gen_exprs = sos_structure(expr)
    prior_expr = _to_expr(prior, "prior") if prior is not None else sympy.Integer(1)
    names_in = sorted({s.name for s in expr.free_symbols} | {s.name for s in prior_expr.free_symbols})
    if vars is None:
        names = names_in
    else:
        names = parse_vars(vars) if isinstance(vars, str) else [str(v) for v in vars]
        missing = [n for n in names_in if n not in names]
        if missing:
            raise RLCTInputError(f"variable(s) {', '.join(missing)} of K or the prior are not in vars ({', '.join(names)})")
        if len(set(names)) != len(names):
            raise RLCTInputError("vars: a variable is listed twice")
    if not names:
        raise RLCTInputError("K has no variables")
    syms = [sympy.Symbol(n) for n in names]
    try:
        Kp = from_sympy(expr, syms)
    except TooLarge as exc:
        raise RLCTInputError(f"K is too large: {exc}") from None
    if Kp.is_zero():
        raise RLCTInputError("K is identically zero (λ is undefined)")
    if isinstance(at, str):
        at = parse_point(at, names)
    point = {n: Fraction(0) for n in names}
    for k, v in (at or {}).items():
        if str(k) not in point:
            raise RLCTInputError(f"--at: '{k}' is not a variable (variables: {', '.join(names)})")
        point[str(k)] = _point_value(v, str(k))
    if any(not isinstance(v, Fraction) for v in point.values()):  # an irrational coordinate
        return Kp, names, {n: sympy.Rational(v.numerator, v.denominator) if isinstance(v, Fraction)
                           else v for n, v in point.items()}, prior_expr, gen_exprs
    gens = [(Fraction(int(w.p), int(w.q)), from_sympy(g, syms)) for w, g in gen_exprs] if gen_exprs else None
    return _Inputs(names, Kp, from_sympy(prior_expr, syms), gens, point)


def _solve_sparsest(solver: Solver, K: Poly, h, gens, deadline: float | None):
    """Solve ``K`` at the origin, first in coordinates where it has fewer terms when an
    elementary-shear change of coordinates finds them (``resolve.shear``; determinant 1, so with
    ``h = 0`` the value is unchanged); the certificate's root is then a ``shear`` node."""
    from resolve.shear import sparsify

    d = K.nvars
    sides = ["two"] * d
    polys = [g for _, g in gens] if gens else [K]
    if not 2 <= d <= 8 or any(h) or sum(len(p) for p in polys) > 200:   # measured: ms below these sizes
        return solver.solve(K, h, sides, gens=gens)
    A, new = sparsify(polys, d, deadline=min(deadline, time.monotonic() + 1) if deadline else time.monotonic() + 1)
    if all(A[i][j] == int(i == j) for i in range(d) for j in range(d)):
        return solver.solve(K, h, sides, gens=gens)
    if gens:
        gens = [(w, g) for (w, _), g in zip(gens, new)]
        K2 = sum_of_squares(gens, d)
    else:
        K2 = new[0]
    val, child = solver.solve(K2, h, sides, gens=gens)
    root = {"id": "n_shear", "K": K.to_terms(), "e": list(h), "sides": sides, "rule": "shear",
            "matrix": A, "node": child}
    if val.is_exact:
        root["lambda"], root["m"] = lam_str(val.lo), val.m
    return val, root


def global_bounds(K: Poly, h, deadline: float | None = None) -> tuple[Fraction, Fraction]:
    """Rigorous bounds on λ at the origin (docs/algorithm.md T7, T9).

    Lower: ``1/ord(K)`` (complex lct bound, Kollár 1997 §8) and ``r/2`` with ``r`` the rank of the
    Hessian (splitting lemma + sum rule); the monomial prior only raises λ.
    Upper: the Newton value ``1/l_τ`` (Lin 2011 Thm 4.18) and ``(d + |h|)/2``.
    """
    d = K.nvars
    lo = Fraction(1, max(K.order(), 1))
    quad = {e: c for e, c in K.terms.items() if sum(e) == 2}
    if quad:
        H = [[Fraction(0)] * d for _ in range(d)]
        for e, c in quad.items():
            idx = [i for i in range(d) for _ in range(e[i])]
            i, j = idx
            if i == j:
                H[i][i] += 2 * c
            else:
                H[i][j] += c
                H[j][i] += c
        lo = max(lo, Fraction(rank(H), 2))
    hi = Fraction(d + sum(h), 2)
    try:
        with hard_deadline(deadline):
            l, _ = newton_polyhedron(K.support(), max_rays=5000, deadline=deadline).tau_distance([x + 1 for x in h])
        if l > 0:
            hi = min(hi, 1 / l)
    except (Exception, HardTimeout):  # the Newton bound is optional; the polar bound always holds
        pass
    return lo, hi


def sos_structure(expr) -> list | None:
    """``[(w_i, g_i)]`` with ``expr = Σ w_i g_i²`` (``w_i > 0`` rational) read off the expression
    as written, e.g. ``(a*b - 1)**2 + 3*(a*c)**2`` or ``x**2*y**4``; ``None`` if it is not so written."""
    import sympy

    out = []
    for term in sympy.Add.make_args(expr):
        coeff, rest = term.as_coeff_Mul()
        if not coeff.is_Rational or coeff <= 0 or rest == 1:
            return None
        gen = sympy.Integer(1)
        for fac in sympy.Mul.make_args(rest):
            base, ex = fac.as_base_exp()
            if not (ex.is_Integer and int(ex) % 2 == 0 and int(ex) > 0):
                return None
            gen = gen * base ** (int(ex) // 2)
        out.append((coeff, gen))
    return out


def subsum_lower_bound(K: Poly, h, gens, deadline: float | None) -> Fraction:
    """Rigorous lower bound from a sub-sum of the squares (comparison, Lin 2011 Prop 3.11):
    ``K_S = Σ_{i in S} w_i g_i² <= K`` gives ``λ(K_S) <= λ(K)``.  ``S`` is a greedy set of
    generators in pairwise disjoint variables, so the engine usually finishes ``K_S`` (sum rule).
    Returns 0 when no sub-sum finishes within a small share of the remaining time."""
    chosen, used = [], set()
    for w, g in sorted(gens, key=lambda t: (len(t[1].used_vars()), t[1].to_terms())):
        vs = set(g.used_vars())
        if vs and not vs & used:
            chosen.append((w, g))
            used |= vs
    if len(chosen) == len(gens):
        return Fraction(0)
    now = time.monotonic()
    share = (deadline - now) / 4 if deadline else 5.0
    if share <= 0.05:
        return Fraction(0)
    try:
        with hard_deadline(deadline):
            KS = sum_of_squares(chosen, K.nvars)
            v, _ = Solver(deadline=now + share).solve(KS, h, ["two"] * K.nvars, gens=chosen)
    except (BudgetExceeded, RecursionError, RLCTInputError, HardTimeout, TooLarge):
        return Fraction(0)
    return v.lo if v.is_exact and v.lo is not INF else Fraction(0)


def orbit_upper_bound(K: Poly, h, gens, deadline: float | None) -> Fraction | object:
    """Rigorous upper bound from zeros on a scaling orbit through the origin.

    If ``K(t^k y) = t^δ K(y)`` for an integer weight vector ``k`` (``<k, α>`` constant on the
    support) and ``w`` is a real zero with ``k_i > 0`` wherever ``w_i != 0``, then ``t^k w -> 0``
    and the map ``y -> t^k y`` carries the local problem at ``w`` to the one at ``t^k w`` (``K``
    and the monomial prior only pick up constant factors).  Every neighbourhood of 0 contains
    such points, so ``λ_0 <= λ_w`` (Lin 2011 Prop 3.9).  Candidate zeros: ``±e_i``,
    ``e_i ± e_j``; ``λ_w`` is computed by the engine with a small budget (exact values only).
    """
    from resolve.linalg import nullspace, primitive

    d = K.nvars
    pts = sorted(K.terms)
    if len(pts) < 2 or d > 24:
        return INF
    a0 = pts[0]
    diffs = [[x - y for x, y in zip(a, a0)] for a in pts[1:]]
    basis = [primitive(v) for v in nullspace(diffs, d)]
    weights = []
    if len({sum(a) for a in pts}) == 1:       # homogeneous: every zero lies on a scaling orbit
        weights.append(tuple([1] * d))
    for v in basis:
        weights += [v, tuple(-x for x in v)]
    if len(basis) > 1:
        weights.append(primitive([sum(col) for col in zip(*basis)]))
    start = time.monotonic()
    end = deadline if deadline else start + 5.0
    best = INF
    tried = set()
    try:
        with hard_deadline(end):   # translations and evaluations of big K cannot check the clock
            for k in weights:
                pos = [i for i in range(d) if k[i] > 0]
                cands = [{i: 1, j: s} for i in pos for j in pos if i < j for s in (1, -1)] + [{i: 1} for i in pos]
                for c in cands:
                    if time.monotonic() > end:
                        return best
                    w = [Fraction(c.get(i, 0)) for i in range(d)]
                    if tuple(w) in tried or K.evaluate(w) != 0:
                        continue
                    tried.add(tuple(w))
                    Kw = K.translate(w)
                    sub_gens = [(wt, g.translate(w)) for wt, g in gens] if gens else None
                    hw = h if not any(h[i] and w[i] for i in range(d)) else [0 if w[i] else h[i] for i in range(d)]
                    try:
                        v, _ = Solver(deadline=min(end, time.monotonic() + 0.5)).solve(Kw, hw, ["two"] * d,
                                                                                         gens=sub_gens)
                    except (BudgetExceeded, RecursionError, RLCTInputError, TooLarge):
                        continue
                    if v.is_exact and v.lo is not INF and v.lo < best:
                        best = v.lo
    except HardTimeout:
        pass
    return best
