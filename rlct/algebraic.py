"""Points with real algebraic coordinates (issue 5 item 1): ``--at "x=sqrt(2)/2,y=root(x**3-x-1, 0)"``.

The engine works at rational points only.  At a point with an irrational coordinate this module
decides, with exact arithmetic in the number field ``Q(p)`` (sympy ``QQ.algebraic_field``), never
with floats:

* ``K(p) != 0``: status ``not-a-zero`` (``K(p) < 0``: input error);
* ``∇K(p) != 0``: input error (``K`` takes negative values near ``p``);
* one variable: ``K = (x-p)^k · u`` with ``u(p) != 0`` (``k`` the first non-vanishing derivative)
  and prior ``(x-p)^o · ψ``: ``λ = (o+1)/k``, ``m = 1``, certificate rule ``order``;
* ``d >= 2``, Hessian non-singular (positive definite: the Morse lemma gives ``Σ y_i²``),
  prior non-zero at ``p``: ``λ = d/2``, ``m = 1``, certificate rule ``morse``;
* otherwise rigorous bounds: ``max(1/ord_p K, rank(Hess)/2) <= λ <= (d + ord_p ψ)/ord_p K``
  (lower: Kollár's ``1/mult`` for the complex lct, which is a lower bound for the real one, and
  the splitting lemma + sum rule; a prior only raises λ.  Upper: ``K <= C |w-p|^k`` near ``p``
  and ``λ(|y|^k, |ψ|) = (d + ord ψ)/k`` in polar coordinates).

Signs of non-zero field elements are decided by rational interval arithmetic over the
expression tree (``sqrt`` of rationals bracketed with integer roots, ``CRootOf`` by its exact
rational approximations), refined until the interval excludes 0.
"""
from __future__ import annotations

import time
from fractions import Fraction
from itertools import combinations_with_replacement
from math import comb

import sympy
from sympy import QQ

from .errors import RLCTInputError

REASON = "irrational point: only the Morse case / one variable is exact yet"
MAX_TAYLOR = 20_000  # Taylor coefficients computed when looking for ord_p K


class Undecided(Exception):
    """A sign could not be decided within the precision cap (never seen; becomes bounds)."""


# ---------------------------------------------------------------- values and signs


def exact_value(v, name: str) -> sympy.Expr:
    """A point coordinate as an exact real algebraic sympy number (str, int, Fraction or sympy)."""
    from .parse import parse_number

    what = f"point coordinate {name}"
    if isinstance(v, bool) or isinstance(v, float):
        raise RLCTInputError(f"{what}: {type(v).__name__} {v!r} is not exact (give a string such as '1/3')")
    if isinstance(v, Fraction):
        return sympy.Rational(v.numerator, v.denominator)
    if isinstance(v, int):
        return sympy.Integer(v)
    if isinstance(v, (str, bytes)):
        v = parse_number(v, what=what)
    if not isinstance(v, sympy.Expr) or v.free_symbols:
        raise RLCTInputError(f"{what}: {str(v)[:60]!r} is not a number")
    for p in v.atoms(sympy.Pow):  # the forms the certificate checker reads back
        if not (p.exp.is_Integer or (p.exp == sympy.S.Half and p.base.is_Rational)):
            raise RLCTInputError(f"{what}: {p} is not supported (only sqrt of a rational number; "
                                 f"write root(p, k) for other roots)")
    _interval(v, 4, what)  # checks the form: rationals, sqrt of rationals, CRootOf, + - * / ints
    return v


def point_str(v: sympy.Expr) -> str:
    """The exact text of a coordinate (readable back by the parser, e.g. ``sqrt(2)/2``)."""
    return str(v)


def _root_bracket(q: Fraction, k: int, n: int) -> tuple[Fraction, Fraction]:
    """Rational bracket of width <= 2^-n of the positive k-th root of q >= 0."""
    scale = 2 ** n
    num = q.numerator * q.denominator ** (k - 1) * scale ** k
    r, exact = sympy.integer_nthroot(num, k)
    den = q.denominator * scale
    return Fraction(int(r), den), Fraction(int(r) + (0 if exact else 1), den)


def _mul(a, b):
    ps = [a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1]]
    return min(ps), max(ps)


def _interval(e, n: int, what: str = "number") -> tuple[Fraction, Fraction]:
    """Exact rational interval containing the real number ``e`` (tighter for larger ``n``)."""
    if e.is_Rational:
        q = Fraction(int(e.p), int(e.q))
        return q, q
    if isinstance(e, sympy.CRootOf):
        if not e.is_real:
            raise RLCTInputError(f"{what}: {e} is not real")
        dx = sympy.Rational(1, 2 ** n)
        v = e.eval_rational(dx=dx, dy=dx, n=max(15, n // 3))
        v = Fraction(int(v.p), int(v.q))
        return v - Fraction(1, 2 ** n), v + Fraction(1, 2 ** n)
    if e.is_Add or e.is_Mul:
        parts = [_interval(a, n, what) for a in e.args]
        acc = parts[0]
        for p in parts[1:]:
            acc = (acc[0] + p[0], acc[1] + p[1]) if e.is_Add else _mul(acc, p)
        return acc
    if e.is_Pow and e.exp.is_Integer:
        b, k = _interval(e.base, n, what), int(e.exp)
        if k < 0:
            if b[0] <= 0 <= b[1]:
                raise Undecided(f"{what}: cannot bound 1/({e.base})")
            b, k = (1 / b[1], 1 / b[0]), -k
        acc = (Fraction(1), Fraction(1))
        for _ in range(k):
            acc = _mul(acc, b)
        return acc
    if e.is_Pow and e.exp.is_Rational and e.base.is_Rational and e.base > 0:
        q = Fraction(int(e.base.p), int(e.base.q)) ** int(e.exp.p)
        return _root_bracket(q, int(e.exp.q), n)
    if e.is_Pow and e.exp.is_Rational:
        raise RLCTInputError(f"{what}: roots of irrational or negative numbers ({e}) are not supported; "
                             f"write root(p, k)")
    raise RLCTInputError(f"{what}: {str(e)[:60]} is not a real algebraic number of the supported forms "
                         f"(rationals, sqrt(q), root(p, k), + - * /)")


def sign(e: sympy.Expr) -> int:
    """Sign of a real algebraic number that is known to be non-zero (exactly: rational intervals)."""
    n = 16
    while n <= 1 << 14:
        try:
            lo, hi = _interval(e, n)
        except Undecided:
            lo, hi = -1, 1
        if lo > 0:
            return 1
        if hi < 0:
            return -1
        n *= 2
    raise Undecided(f"cannot decide the sign of {str(e)[:60]}")


# ---------------------------------------------------------------- local analysis


class _Local:
    """Taylor coefficients of a rational polynomial at an algebraic point, exactly in Q(p)."""

    def __init__(self, terms: dict, point: list, field):
        self.terms, self.A, self.d = terms, field, len(point)
        self.p = [field.from_sympy(v) for v in point]
        top = max((max(a) for a in terms), default=0)
        self.pw = []
        for x in self.p:
            row = [field.one]
            for _ in range(top):
                row.append(row[-1] * x)
            self.pw.append(row)
        self.cache = {}

    def coef(self, beta: tuple):
        """``∂^β f(p) / β!``."""
        if beta not in self.cache:
            A, acc = self.A, self.A.zero
            for a, c in self.terms.items():
                if any(ai < bi for ai, bi in zip(a, beta)):
                    continue
                t = A.convert_from(QQ(c.numerator * _binom(a, beta), c.denominator), QQ)
                for i in range(self.d):
                    if a[i] - beta[i]:
                        t = t * self.pw[i][a[i] - beta[i]]
                acc = acc + t
            self.cache[beta] = acc
        return self.cache[beta]

    def sign(self, x) -> int:
        return 0 if not x else sign(self.A.to_sympy(x))

    def order(self, cap: int) -> tuple[int, bool]:
        """``(k, True)``: ``k = ord_p f`` (first degree with a non-zero Taylor coefficient), or
        ``(j, False)``: every coefficient of degree ``< j`` vanishes (stopped at ``cap`` coefficients)."""
        deg = max(sum(a) for a in self.terms)
        count = 0
        for j in range(deg + 1):
            for idx in combinations_with_replacement(range(self.d), j):
                beta = tuple(idx.count(i) for i in range(self.d))
                if self.coef(beta):
                    return j, True
                count += 1
                if count > cap:
                    return j, False
        raise AssertionError("a non-zero polynomial vanishes to every order")  # pragma: no cover

    def hessian(self) -> list:
        H = [[None] * self.d for _ in range(self.d)]
        for i in range(self.d):
            for j in range(i, self.d):
                beta = tuple((k == i) + (k == j) for k in range(self.d))
                v = self.coef(beta)
                H[i][j] = H[j][i] = v + v if i == j else v
        return H


def _binom(a, b) -> int:
    out = 1
    for x, y in zip(a, b):
        out *= comb(x, y)
    return out


def psd_rank(H: list, sgn) -> tuple[int, bool]:
    """Rank of a symmetric matrix over a field and whether it is positive semidefinite
    (symmetric elimination with diagonal pivots: a negative pivot, or a zero pivot with a
    non-zero row, means an indefinite form)."""
    H = [row[:] for row in H]
    d, rank = len(H), 0
    alive = list(range(d))
    while alive:
        piv = next((i for i in alive if H[i][i]), None)
        if piv is None:
            return rank, not any(H[i][j] for i in alive for j in alive)
        if sgn(H[piv][piv]) < 0:
            return rank, False
        rank += 1
        alive.remove(piv)
        for i in alive:
            f = H[i][piv] / H[piv][piv]
            for j in alive:
                H[i][j] = H[i][j] - f * H[piv][j]
    return rank, True


def solve(Kp, names: list[str], point: dict, prior_expr, t0: float, check: bool):
    """The :class:`rlct.api.RLCTResult` at a point with an irrational coordinate."""
    from .api import FORMAT, RLCTResult

    d = len(names)
    vals = [point[n] for n in names]
    irr = list(dict.fromkeys(v for v in vals if not v.is_Rational))
    try:
        A = QQ.algebraic_field(*irr)
    except Exception as exc:  # noqa: BLE001 - sympy raises many kinds for unsupported numbers
        raise RLCTInputError(f"--at: cannot build the number field of the point ({type(exc).__name__})") from None
    K = _Local(dict(Kp.terms), vals, A)
    syms = [sympy.Symbol(n) for n in names]
    pr = sympy.Poly(prior_expr, *syms, domain=QQ)
    P = _Local({a: Fraction(int(c.p), int(c.q)) for a, c in pr.terms()}, vals, A)
    point_s = {n: point_str(point[n]) for n in names}
    K_str = Kp.to_str(names)
    if not P.terms:
        raise RLCTInputError("prior is identically zero")
    o, exact_o = P.order(MAX_TAYLOR)  # ord_p of the prior
    if not exact_o and d == 1:  # pragma: no cover - degree over 20000
        raise RLCTInputError("prior: degree too large at an irrational point")
    if not exact_o:  # only a lower bound: use the degree (an upper bound) where it matters
        o = max(sum(a) for a in P.terms)
    h = [o] if d == 1 else [0] * d
    base = dict(vars=names, K=K_str, point=point_s, prior_exponents=h)
    k0 = K.coef((0,) * d)
    if k0:
        if K.sign(k0) < 0:
            raise RLCTInputError("K is negative at the point (it must be >= 0 near it)")
        return RLCTResult(None, None, "not-a-zero", None, None, seconds=time.monotonic() - t0, **base)
    if any(K.coef(tuple(int(i == j) for j in range(d))) for i in range(d)):
        raise RLCTInputError("K takes negative values near the point (K = 0 there but its gradient is not)")
    if d == 1:
        k, _ = K.order(MAX_TAYLOR)
        if k % 2 or K.sign(K.coef((k,))) < 0:
            raise RLCTInputError(f"K takes negative values near the point (its first non-zero derivative "
                                 f"there, of order {k}, {'is odd' if k % 2 else 'is negative'})")
        lam, root = Fraction(o + 1, k), {"rule": "order", "order": k}
    else:
        H = K.hessian()
        try:
            r, psd = psd_rank(H, K.sign)
        except Undecided:
            r, psd = None, True
        if not psd:
            raise RLCTInputError("K takes negative values near the point (its Hessian there is indefinite)")
        if r == d and o == 0:
            lam, root = Fraction(d, 2), {"rule": "morse", "hessian_det": "nonzero"}
        else:
            k, exact_k = K.order(MAX_TAYLOR)
            lo = max(Fraction(1, k) if exact_k else Fraction(1, max(sum(a) for a in K.terms)),
                     Fraction(r or 0, 2))
            hi = Fraction(d + o, k)
            why = REASON + ("" if o == 0 else "; the prior vanishes at the point")
            return RLCTResult(None, None, "bounds", lo, hi, reason=why, seconds=time.monotonic() - t0, **base)
    root = {"id": "n0", "vars": names, "e": h, "sides": ["two"] * d, "point": dict(point_s), **root,
            "lambda": str(lam), "m": 1}
    cert = {"format": FORMAT, "vars": names, "K": K_str, "K_terms": Kp.to_terms(), "point": point_s,
            "prior_exponents": h, "lambda": str(lam), "m": 1, "root": root}
    if check:
        from .checker import verify

        verdict = verify(cert)
        if not verdict.ok:  # pragma: no cover - a safety net
            return RLCTResult(None, None, "bounds", Fraction(1, max(sum(a) for a in K.terms)), Fraction(d + o, 2),
                              reason=f"internal: the certificate did not verify ({verdict.reason[:200]})",
                              seconds=time.monotonic() - t0, **base)
    res = RLCTResult(lam, 1, "exact", lam, lam, certificate=cert, seconds=time.monotonic() - t0, **base)
    res._graph = graph(cert)
    return res


def graph(cert: dict):
    """The one-node resolution graph of a ``morse`` / ``order`` certificate."""
    import networkx as nx

    root, g = cert["root"], nx.DiGraph()
    g.add_node(root["id"], rule=root["rule"], K=cert["K"], e=list(root["e"]), sides=list(root["sides"]),
               point=dict(root["point"]), **{k: root[k] for k in ("lambda", "m")})
    return g


def is_irrational(point: dict) -> bool:
    """Whether a result's point (coordinates as text) has an irrational coordinate."""
    import re

    return any(not re.fullmatch(r"-?[0-9]+(/[0-9]+)?", v) for v in point.values())


def explain(result, format: str = "markdown", standalone: bool = False) -> str:
    """The derivation of an answer at an irrational point (Markdown or LaTeX)."""
    d = len(result.vars)
    at = ", ".join(f"{n} = {v}" for n, v in result.point.items())
    root = (result.certificate or {}).get("root", {})
    if result.status == "not-a-zero":
        steps = [f"K({at}) is not zero (exact arithmetic in Q(point)): lambda = +inf, no pole."]
    elif result.status != "exact":
        steps = [f"K({at}) = 0 and the gradient of K vanishes there (exact arithmetic in Q(point)).",
                 f"Proven: {result.lambda_lower} <= lambda <= {result.lambda_upper}: below, max(1/ord_p K, "
                 f"rank(Hess K)/2); above, (d + ord_p prior)/ord_p K.",
                 f"Not exact: {result.reason}."]
    elif root.get("rule") == "morse":
        steps = [f"K({at}) = 0 and the gradient of K vanishes there (exact arithmetic in Q(point)).",
                 "The Hessian of K there has non-zero determinant; as K >= 0 it is positive definite, so by the "
                 f"Morse lemma K is a sum of d = {d} squares of analytic coordinates at the point.",
                 f"The prior does not vanish at the point, so lambda = d/2 = {result.lam}, m = 1."]
    else:
        k, e = root["order"], root["e"][0]
        steps = [f"K and its first {k - 1} derivatives vanish at {at}, the derivative of order {k} does not "
                 f"(exact arithmetic in Q(point)): K = (x - p)^{k} * unit.",
                 f"The prior is |x - p|^{e} times a factor non-zero at the point: lambda = ({e} + 1)/{k} = "
                 f"{result.lam}, m = 1."]
    if format == "latex":
        body = "\\begin{enumerate}\n" + "".join(f"\\item \\verb|{s}|\n" for s in steps) + "\\end{enumerate}\n"
        if standalone:
            body = "\\documentclass{article}\n\\usepackage{amsmath}\n\\begin{document}\n" + body + "\\end{document}\n"
        return body
    return f"# RLCT of `{result.K}` at {at}\n\n" + "".join(f"{i + 1}. {s}\n" for i, s in enumerate(steps))
