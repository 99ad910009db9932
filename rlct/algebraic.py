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
* ``d >= 2``, prior non-zero at ``p``, ``K`` in *crossing form* (rule ``crossing``, see
  :func:`crossing`): ``K = c · Π U_u^{a_u} · Π_k (Σ_b w_kb Π_t G_kbt^{f_kbt})^{s_k}`` over ``Q``
  with ``U_u(p) != 0``, every ``G`` vanishing at ``p`` and the gradients of all the ``G`` linearly
  independent at ``p`` (a non-zero maximal minor, exactly in ``Q(p)``): the ``G`` are part of an
  analytic coordinate system at ``p`` and ``K`` is a unit times a product (over disjoint sets of
  coordinates) of powers of sums (over disjoint sets) of monomials; T1 + the sum/product/power
  rules (Lin 2011 Prop 4.5) give ``(λ, m)``.  The form is found from the factorisation of ``K``
  over ``Q``, splitting a factor with a singular zero into parts in disjoint variables, or from
  the generators of a sum of squares / ``ideal=`` (argument ``gens``, else a forced Gram matrix),
  where generators dependent on the kept ones must be polynomial combinations of them
  (``redundant``, cofactors by linear algebra);
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

REASON = ("irrational point: only the Morse case / one variable is exact yet (and the crossing form: "
          "factors or generators with independent gradients)")
MAX_TAYLOR = 20_000  # Taylor coefficients computed when looking for ord_p K
MAX_CROSSING_TERMS = 3_000  # larger K: no factorisation attempt (crossing form)


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


# ---------------------------------------------------------------- crossing form


def _qq(c) -> Fraction:
    return Fraction(int(c.numerator), int(c.denominator))


def _terms_of(p: dict) -> list:
    """A polynomial ``{exponents: Fraction}`` as certificate terms ``[[[a..], "c"], ...]``."""
    return [[list(a), str(c)] for a, c in sorted(p.items())]


def _factors(p: dict, syms) -> tuple[Fraction, list]:
    """``(c, [(F, e)])`` with ``p = c · Π F^e``, the ``F`` irreducible over ``Q`` (sympy)."""
    P = sympy.Poly.from_dict({a: QQ(c.numerator, c.denominator) for a, c in p.items()}, *syms, domain=QQ)
    c, fl = P.factor_list()
    return _qq(QQ.convert(c)), [({a: _qq(v) for a, v in F.terms()}, int(e)) for F, e in fl]


def _components(p: dict, d: int) -> list[set]:
    """The variables of ``p`` grouped by the monomials that contain them (connected components)."""
    groups: list[set] = []
    for a in p:
        vs = {i for i in range(d) if a[i]}
        if not vs:
            continue
        touching = [g for g in groups if g & vs]
        for g in touching:
            groups.remove(g)
            vs |= g
        groups.append(vs)
    return groups


class _NoCrossing(Exception):
    """The crossing form does not apply (the caller falls back to bounds)."""


def crossing(Kp, names: list[str], vals: list, A, gens=None) -> dict | None:
    """The crossing form of ``K`` at ``p`` (see the module docstring), as the fields of a
    ``crossing`` certificate node plus ``lambda`` / ``m``, or ``None``.  Raises
    :class:`RLCTInputError` when the verified form shows that ``K`` changes sign near ``p``.

    Why it is sound: the ``G`` vanish at ``p`` with linearly independent gradients, so together with
    suitable linear forms they are analytic coordinates ``y`` at ``p`` (inverse function theorem);
    the Jacobian and the prior are units there, the ``U`` are units, so ``K ≍ Π_k S_k^{s_k}`` with
    ``S_k = Σ_b w_kb y^{α_kb}`` in pairwise disjoint sets of coordinates.  A monomial ``y^α`` has
    ``(min 1/α_t, #argmin)`` (T1); a sum of non-negative functions of disjoint coordinates adds the
    ``λ`` and has ``m = Σ m − (n − 1)``, a power ``s`` divides ``λ`` by ``s``, a product of
    functions of disjoint coordinates takes the least ``λ`` and adds the ``m`` attaining it
    (Lin 2011 Prop 4.5)."""
    d = len(names)
    syms = [sympy.Symbol(n) for n in names]
    K = {a: Fraction(c) for a, c in Kp.terms.items()}
    if len(K) > MAX_CROSSING_TERMS:
        return None
    if not gens and len(K) <= 400:   # K given expanded: generators from its Gram matrix, when forced
        from resolve.sos import gram_sos

        found = gram_sos(Kp)
        gens = [(w, g.terms) for w, g in found] if found and len(found) > 1 else None
    for attempt in ("factors", "gens"):
        if attempt == "gens" and not gens:
            break
        try:
            form = _form_from_factors(K, syms, vals, A) if attempt == "factors" else \
                _form_from_gens(gens, syms, vals, A)
            return _finish(form, d, vals, A)
        except _NoCrossing:
            continue
    return None


def _at(p: dict, vals, A):
    loc = _Local(p, vals, A)
    return loc, loc.coef((0,) * len(vals))


def _term_of(p: dict, syms, vals, A, weight: Fraction, square: bool = False) -> dict:
    """``weight · p`` (``square``: ``weight · p²``) as a crossing term ``w · Π u^{2a} · Π G^f`` with
    every ``G`` vanishing at ``p`` and every ``u`` not (a positive unit: even exponents only)."""
    c, fl = _factors(p, syms)
    k = 2 if square else 1
    units = [(F, k * e) for F, e in fl if _at(F, vals, A)[1]]
    zeros = [(F, k * e) for F, e in fl if not _at(F, vals, A)[1]]
    w = weight * c ** k
    if w <= 0 or not zeros or any(e % 2 for _, e in units):
        raise _NoCrossing
    return {"weight": w, "units": units, "factors": zeros}


def _split(F: dict, syms, vals, A) -> list | None:
    """``F = Σ_b P_b`` with the ``P_b`` in disjoint sets of variables and ``P_b(p) = 0``
    (constants rational), each as a crossing term; ``None`` if ``F`` does not so split."""
    d = len(syms)
    comps = _components(F, d)
    if len(comps) < 2:
        return None
    parts, const = [], F.get((0,) * d, Fraction(0))
    for vs in comps:
        P = {a: c for a, c in F.items() if any(a[i] for i in vs)}
        v = _at(P, vals, A)[1]
        sv = A.to_sympy(v)
        if not sv.is_Rational:
            return None
        q = Fraction(int(sv.p), int(sv.q))
        if q:
            P[(0,) * d] = -q
        const += q
        parts.append(P)
    if const != 0:  # pragma: no cover - F(p) = 0
        return None
    try:
        return [_term_of(P, syms, vals, A, Fraction(1)) for P in parts]
    except _NoCrossing:
        return None


def _form_from_factors(K: dict, syms, vals, A) -> dict:
    c, fl = _factors(K, syms)
    units, blocks = [], []
    for F, e in fl:
        loc, v = _at(F, vals, A)
        if v:
            units.append((F, e))
        elif any(loc.coef(tuple(int(i == j) for j in range(len(syms)))) for i in range(len(syms))):
            blocks.append({"power": e, "terms": [{"weight": Fraction(1), "units": [], "factors": [(F, 1)]}]})
        else:
            terms = _split(F, syms, vals, A)
            if terms is None:
                raise _NoCrossing
            blocks.append({"power": e, "terms": terms})
    return {"const": c, "units": units, "blocks": blocks}


def _form_from_gens(gens, syms, vals, A) -> dict:
    """``K = Σ w_i g_i²`` (``w_i > 0``): one block, the term of ``g_i = c Π G^f`` is ``w_i c² Π G^{2f}``.
    Generators whose factors are not independent of those kept before them are *redundant* when
    they are polynomial combinations ``g = Σ a_i r_i`` of the kept roots ``r_i = g_i / c``
    (division with remainder 0): locally ``g² <= C Σ r_i²``, so ``K`` is comparable to the kept
    sub-sum (Lin 2011 Cor 3.12) and has its ``(λ, m)``."""
    d = len(syms)
    kept, rows, redundant = [], [], []
    for w, g in gens:
        w = Fraction(str(w))
        gd = {a: Fraction(c) for a, c in g.items()} if isinstance(g, dict) else \
            {a: _qq(c) for a, c in sympy.Poly(sympy.sympify(g), *syms, domain=QQ).terms()}
        if not gd:
            raise _NoCrossing
        t = _term_of(gd, syms, vals, A, w, square=True)
        new = [[_Local(G, vals, A).coef(tuple(int(i == j) for j in range(d))) for i in range(d)]
               for G, _ in t["factors"]]
        if len(rows) + len(new) <= d and _pivots(rows + new) is not None:
            kept.append(t)
            rows += new
        else:
            redundant.append((w, gd))
    form = {"const": Fraction(1), "units": [], "blocks": [{"power": 1, "terms": kept}]}
    if redundant:
        roots = [_root(t, d) for t in kept]
        form["redundant"] = []
        for w, gd in redundant:
            qs = _cofactors(gd, roots, d)
            if qs is None:
                raise _NoCrossing
            form["redundant"].append((w, gd, qs))
    return form


MAX_COFACTOR_UNKNOWNS = 800


def _cofactors(g: dict, roots: list, d: int) -> list | None:
    """Polynomials ``a_i`` over ``Q`` with ``g == Σ a_i r_i`` (a linear system in the coefficients of
    ``a_i`` of degree ``<= deg g - deg r_i + extra``, ``extra = 0, 1, 2``), or ``None``."""
    from itertools import product as iproduct

    from sympy.polys.matrices import DomainMatrix

    deg = lambda p: max(sum(a) for a in p)  # noqa: E731
    for extra in range(3):
        unknowns = []
        for i, r in enumerate(roots):
            D = deg(g) - deg(r) + extra
            if D >= 0:
                unknowns += [(i, b) for b in iproduct(range(D + 1), repeat=d) if sum(b) <= D]
        if not unknowns or len(unknowns) > MAX_COFACTOR_UNKNOWNS:
            return None
        rows: dict = {}
        for j, (i, b) in enumerate(unknowns):
            for a, c in roots[i].items():
                k = tuple(x + y for x, y in zip(a, b))
                rows.setdefault(k, {})[j] = c
        for k in g:
            rows.setdefault(k, {})
        keys, n = list(rows), len(unknowns)

        def q(v):
            v = Fraction(v)
            return QQ(v.numerator, v.denominator)

        M = DomainMatrix([[q(rows[k].get(j, 0)) for j in range(n)] + [q(g.get(k, 0))] for k in keys],
                         (len(keys), n + 1), QQ)
        R, piv = M.rref()
        if n in piv:
            continue   # inconsistent at this degree
        sol, Rl = [Fraction(0)] * n, R.to_list()
        for r_i, c in enumerate(piv):
            sol[c] = _qq(Rl[r_i][n])
        out = [dict() for _ in roots]
        for (i, b), v in zip(unknowns, sol):
            if v:
                out[i][b] = v
        return out
    return None


def _pmul(p: dict, q: dict) -> dict:
    r: dict = {}
    for a, c in p.items():
        for b, e in q.items():
            k = tuple(i + j for i, j in zip(a, b))
            r[k] = r.get(k, 0) + c * e
    return {a: c for a, c in r.items() if c}


def _root(t: dict, d: int) -> dict:
    """``Π V^{c/2} Π G^{f/2}`` of a term (all exponents even)."""
    r = {(0,) * d: Fraction(1)}
    for F, e in t["units"] + t["factors"]:
        for _ in range(e // 2):
            r = _pmul(r, F)
    return r


def _pivots(rows: list) -> list | None:
    """Pivot columns of a full-row-rank matrix over a field (row echelon), or ``None``."""
    rows = [r[:] for r in rows]
    cols: list[int] = []
    for i in range(len(rows)):
        c = next((j for j in range(len(rows[i])) if rows[i][j]), None)
        if c is None:
            return None
        cols.append(c)
        for k in range(i + 1, len(rows)):
            if rows[k][c]:
                f = rows[k][c] / rows[i][c]
                rows[k] = [x - f * y for x, y in zip(rows[k], rows[i])]
    return sorted(cols)


def _finish(form: dict, d: int, vals, A) -> dict:
    from sympy.polys.matrices import DomainMatrix

    blocks = form["blocks"]
    if not blocks:
        raise _NoCrossing
    Gs = [F for b in blocks for t in b["terms"] for F, _ in t["factors"]]
    if len(Gs) > d:
        raise _NoCrossing
    rows = []
    for G in Gs:
        loc = _Local(G, vals, A)
        rows.append([loc.coef(tuple(int(i == j) for j in range(d))) for i in range(d)])
    cols = _pivots(rows)
    if cols is None:
        raise _NoCrossing  # dependent gradients
    M = DomainMatrix([[r[c] for c in cols] for r in rows], (len(Gs), len(Gs)), A)
    if M.det() == A.zero:  # pragma: no cover - the pivot columns of a full-rank matrix
        raise _NoCrossing
    # K = (c Π U^a) · Π S_k^{s_k} in coordinates: signs
    for b in blocks:
        single = len(b["terms"]) == 1
        for t in b["terms"]:
            for _, f in t["factors"]:
                if single and (f * b["power"]) % 2:
                    raise RLCTInputError("K takes negative values near the point (a factor vanishing there with "
                                         f"non-zero gradient has the odd exponent {f * b['power']})")
                if not single and f % 2:
                    raise _NoCrossing
    unit = A.convert_from(QQ(form["const"].numerator, form["const"].denominator), QQ)
    for U, a in form["units"]:
        unit = unit * _at(U, vals, A)[1] ** a
    try:
        s = sign(A.to_sympy(unit))
    except Undecided:  # pragma: no cover
        raise _NoCrossing from None
    if s < 0:
        raise RLCTInputError("K is negative near the point (it is a negative unit times a non-negative form)")
    lam, m = _crossing_value(blocks)
    fields = {"const": str(form["const"]),
              "units": [{"f": _terms_of(U), "exp": a} for U, a in form["units"]],
              "blocks": [{"power": b["power"],
                          "terms": [{"weight": str(t["weight"]),
                                     **({"units": [{"f": _terms_of(U), "exp": a} for U, a in t["units"]]}
                                        if t.get("units") else {}),
                                     "factors": [{"f": _terms_of(F), "exp": f} for F, f in t["factors"]]}
                                    for t in b["terms"]]} for b in blocks],
              "columns": cols}
    if form.get("redundant"):
        fields["redundant"] = [{"weight": str(w), "g": _terms_of(g), "cofactors": [_terms_of(q) for q in qs]}
                               for w, g, qs in form["redundant"]]
    return {"fields": fields, "lambda": lam, "m": m}


def _crossing_value(blocks) -> tuple[Fraction, int]:
    vals = []
    for b in blocks:
        lam_b, m_b = Fraction(0), 1
        for t in b["terms"]:
            rs = [Fraction(1, f) for _, f in t["factors"]]
            lam_b += min(rs)
            m_b += rs.count(min(rs)) - 1
        vals.append((lam_b / b["power"], m_b))
    lam = min(v for v, _ in vals)
    return lam, sum(m for v, m in vals if v == lam)


def solve(Kp, names: list[str], point: dict, prior_expr, t0: float, check: bool, gens=None):
    """The :class:`rlct.api.RLCTResult` at a point with an irrational coordinate.  ``gens``:
    optional ``[(w_i, g_i)]`` (sympy) with ``K = Σ w_i g_i²`` as written / ``ideal=``, for the
    crossing form."""
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
    mult = 1
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
        found = None
        if r == d and o == 0:
            lam, root = Fraction(d, 2), {"rule": "morse", "hessian_det": "nonzero"}
        elif o == 0:
            found = crossing(Kp, names, vals, A, gens)
        if found is not None:
            lam, mult, root = found["lambda"], found["m"], {"rule": "crossing", **found["fields"]}
        elif not (r == d and o == 0):
            k, exact_k = K.order(MAX_TAYLOR)
            lo = max(Fraction(1, k) if exact_k else Fraction(1, max(sum(a) for a in K.terms)),
                     Fraction(r or 0, 2))
            hi = Fraction(d + o, k)
            why = REASON + ("" if o == 0 else "; the prior vanishes at the point")
            return RLCTResult(None, None, "bounds", lo, hi, reason=why, seconds=time.monotonic() - t0, **base)
    root = {"id": "n0", "vars": names, "e": h, "sides": ["two"] * d, "point": dict(point_s), **root,
            "lambda": str(lam), "m": mult}
    cert = {"format": FORMAT, "vars": names, "K": K_str, "K_terms": Kp.to_terms(), "point": point_s,
            "prior_exponents": h, "lambda": str(lam), "m": mult, "root": root}
    if check:
        from .checker import verify

        verdict = verify(cert)
        if not verdict.ok:  # pragma: no cover - a safety net
            return RLCTResult(None, None, "bounds", Fraction(1, max(sum(a) for a in K.terms)), Fraction(d + o, 2),
                              reason=f"internal: the certificate did not verify ({verdict.reason[:200]})",
                              seconds=time.monotonic() - t0, **base)
    res = RLCTResult(lam, mult, "exact", lam, lam, certificate=cert, seconds=time.monotonic() - t0, **base)
    res._graph = graph(cert)
    return res


def graph(cert: dict):
    """The one-node resolution graph of a ``morse`` / ``order`` / ``crossing`` certificate."""
    import networkx as nx

    root, g = cert["root"], nx.DiGraph()
    g.add_node(root["id"], rule=root["rule"], K=cert["K"], e=list(root["e"]), sides=list(root["sides"]),
               point=dict(root["point"]), **{k: root[k] for k in ("lambda", "m")})
    return g


def _crossing_str(root: dict, names: list) -> str:
    """The crossing form of a certificate node as text (the factors in the variables' names)."""
    syms = [sympy.Symbol(n) for n in names]

    def poly(terms):
        return sympy.Add(*[sympy.Rational(c) * sympy.Mul(*[s ** k for s, k in zip(syms, a)]) for a, c in terms])

    def pw(f, e):
        return f"({poly(f)})" + (f"**{e}" if e != 1 else "")

    parts = [pw(u["f"], u["exp"]) for u in root["units"]]
    for b in root["blocks"]:
        ts = b["terms"]
        if len(ts) == 1 and ts[0]["weight"] == "1" and not ts[0].get("units") and len(ts[0]["factors"]) == 1:
            g = ts[0]["factors"][0]
            parts.append(pw(g["f"], g["exp"] * b["power"]))
            continue
        terms = [" * ".join(([t["weight"]] if t["weight"] != "1" else [])
                            + [pw(u["f"], u["exp"]) for u in t.get("units", [])]
                            + [pw(g["f"], g["exp"]) for g in t["factors"]]) for t in ts]
        body = " + ".join(terms)
        parts.append(f"({body})" + (f"**{b['power']}" if b["power"] != 1 else ""))
    out = " * ".join(([root["const"]] if root["const"] != "1" else []) + parts)
    if root.get("redundant"):
        out += " + " + " + ".join(f"{r['weight']} * ({poly(r['g'])})**2" for r in root["redundant"])
    return out


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
    elif root.get("rule") == "crossing":
        n = sum(len(t["factors"]) for b in root["blocks"] for t in b["terms"])
        steps = [f"K = {_crossing_str(root, result.vars)}.",
                 f"K({at}) = 0 (exact arithmetic in Q(point)). Over Q, K = const * (factors non-zero at the point) * "
                 f"a product of powers of sums of monomials in {n} polynomial(s) that vanish at the point with "
                 "linearly independent gradients (a non-zero maximal minor in Q(point)), so those polynomials are "
                 "part of an analytic coordinate system there: K is a unit times a normal-crossing product / "
                 "disjoint sum in coordinates (rule crossing).",
                 f"Normal crossing (lambda = min 1/exponent per monomial), the sum rule (lambdas add) and the product "
                 f"rule (least lambda, multiplicities add) give lambda = {result.lam}, m = {result.m}."]
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
