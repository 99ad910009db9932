"""Checker of the group rule's step ``stratified`` (dispatched from :mod:`rlct.checker`).

Independent of the resolver: only exact rational arithmetic on term dictionaries and the
checker's own helpers (JSON parsing, the recursive check of child program steps).

The step, on a parameter problem ``(w, f, roles, e, sides)`` (value: the minimum over the points
``p`` of the cube ``[-1, 1]^P`` of the local value at ``(L = 0, P = p)``):

1. *linear data*: generators ``I`` with ``f_i = L^{μ_i}·F_i(P)·q_i`` (``μ_i`` the smallest local
   exponents of ``f_i``, ``q_i`` given, checked by multiplication), every term of ``q_i`` containing
   a local; ``Y`` two-sided locals with ``e = 0``, in no ``μ_i`` and in no other generator; ``M``
   the coefficients of the terms of ``q_i`` linear in one ``y ∈ Y`` and free of other locals
   (polynomials in the parameters).  At a point ``p`` where some ``k``-minor of ``M`` is non-zero
   the ``q_i`` are coordinates (inverse function theorem, ``e_Y = 0``), so the local value is that
   of the ``off`` problem ``f_i ↦ L^{μ_i}·F_i·y_{slot_i}``, which is at least its value;
2. *locus*: polynomials ``φ_r = s_r·minor(cols_r)`` (so all minors vanish only where every
   ``φ_r`` does), triangular: ``φ_r = a_r·x_{j_r} + ψ_r`` with ``a_r`` a non-zero constant,
   ``j_r`` distinct parameters (``e = 0``, two-sided), ``ψ_r`` free of ``x_{j_r}, ..., x_{j_c}``.
   ``(y = φ(P), x' = P∖J)`` are polynomial coordinates with a constant Jacobian, and a point where
   every minor vanishes has ``y = 0``, ``x' ∈ cube``: in these coordinates with the ``y_r`` local
   (``on`` problem) its local value is at least the ``on`` problem's value;
3. hence ``value >= min(off, on)``.  Upper bounds: ``box`` (a box inside the cube, the problem
   carried onto the cube by ``x_j = a_j + b_j·x'_j``: a minimum over fewer points), and ``on``
   itself when the base points ``x_J = h(x')`` stay in the cube (``Σ |coefficients of h_r| <= 1``).
   The step's value is the lower bound, which must equal the smallest upper bound.
"""
from __future__ import annotations

from fractions import Fraction
from itertools import combinations

MAX_K = 6            # size of the minors
MAX_COLS = 200       # column sets


def _checker():
    from . import checker as C   # the helpers of the main checker (no resolver code)

    return C


def _det(C, M: list, d: int) -> dict:
    """Determinant of a square matrix of term dictionaries (Laplace expansion along row 0)."""
    n = len(M)
    if n == 0:
        return {(0,) * d: Fraction(1)}
    if n == 1:
        return dict(M[0][0])
    out: dict = {}
    for c in range(n):
        if not M[0][c]:
            continue
        sub = [row[:c] + row[c + 1:] for row in M[1:]]
        term = C._mul(M[0][c], _det(C, sub, d))
        sign = -1 if c % 2 else 1
        for a, v in term.items():
            out[a] = out.get(a, Fraction(0)) + sign * v
    return C._clean(out)


def _add(p: dict, q: dict, s=1) -> dict:
    out = dict(p)
    for a, v in q.items():
        out[a] = out.get(a, Fraction(0)) + s * v
    return {a: v for a, v in out.items() if v}


def _subst(C, f: dict, x: int, X: dict, d: int) -> dict:
    """``f`` with ``y_x`` replaced by the polynomial ``X``."""
    out: dict = {}
    powers = {0: {(0,) * d: Fraction(1)}}
    for a, c in f.items():
        k = a[x]
        if k not in powers:
            powers[k] = C._pow(X, k, d)
        for b, v in C._mul({a[:x] + (0,) + a[x + 1:]: c}, powers[k]).items():
            out[b] = out.get(b, Fraction(0)) + v
    return C._clean(out)


def _unit_part(C, raw, fs, roles, L, d: int, n: int):
    """Kind ``unit``: ``f_i = L^μ·F·q`` (``μ`` the smallest local exponents of ``f_i``, ``F`` in the
    parameters); ``c = q|_{L = 0}`` (a polynomial in the parameters, the only "minor", named by the
    empty column list).  Near a point where ``c != 0``, ``q`` is a unit, so ``K ≍ K_off`` with
    ``f_i ↦ L^μ·F`` there (same local value)."""
    need, field = C._need, C._field
    i = C._int(C._list(field(raw, "I"), 1, "I")[0], "I entry", 0, n - 1)
    F = C._poly(C._list(field(raw, "F"), 1, "F")[0], d, "F")
    q = C._poly(C._list(field(raw, "q"), 1, "q")[0], d, "q")
    need(F and all(roles[j] == "P" for a in F for j in range(d) if a[j]),
         "F is not a non-zero polynomial in the parameters")
    f = fs[i]
    mu = tuple(min(a[j] for a in f) if roles[j] == "L" else 0 for j in range(d))
    need(C._times_monomial(C._mul(F, q), mu) == f, f"generator {i} != monomial * F * q")
    c = {a: v for a, v in q.items() if not any(a[j] for j in L)}
    need(c, "q vanishes on {L = 0}: nothing to stratify")
    need(all(roles[j] == "P" for a in c for j in range(d) if a[j]), "q on {L = 0} is not in the parameters")
    off = list(fs)
    off[i] = C._times_monomial(F, mu)

    def minor(cols):
        need(cols == [], "kind unit: the only minor is q on {L = 0} (columns [])")
        return c

    return minor, off



def _linear_part(C, raw, fs, roles, e, sides, L, d: int, n: int):
    """Kind ``linear`` (module docstring): the ``off`` generators and the ``k``-minors of the matrix
    of linear terms, as a function of the column list (computed once each)."""
    need, field = C._need, C._field
    I, Y, slots = field(raw, "I"), field(raw, "Y"), field(raw, "slots")
    need(isinstance(I, list) and I and len(set(I)) == len(I), "I is not a non-empty set of generators")
    I = [C._int(i, "I entry", 0, n - 1) for i in I]
    need(isinstance(Y, list) and len(set(Y)) == len(Y) and len(Y) >= len(I), "Y is not a set of >= |I| variables")
    Y = [C._int(y, "Y entry", 0, d - 1) for y in Y]
    for y in Y:
        need(roles[y] == "L" and sides[y] == "two" and e[y] == 0, "a Y variable is not local, two-sided, e = 0")
    need(isinstance(slots, list) and len(slots) == len(I) and len(set(slots)) == len(slots)
         and all(y in Y for y in slots), "slots are not |I| distinct Y variables")
    k = len(I)
    need(k <= MAX_K, "stratified: minors too large to check")
    for i, f in enumerate(fs):
        if i not in I:
            need(not any(a[y] for a in f for y in Y), "a generator outside I contains a Y variable")
    Fr = C._list(field(raw, "F"), k, "F")
    qr = C._list(field(raw, "q"), k, "q")
    rows, off = [], list(fs)
    for pos, i in enumerate(I):
        f = fs[i]
        F = C._poly(Fr[pos], d, "F")
        q = C._poly(qr[pos], d, "q")
        need(F and all(roles[j] == "P" for a in F for j in range(d) if a[j]),
             "F is not a non-zero polynomial in the parameters")
        mu = tuple(min(a[j] for a in f) if roles[j] == "L" else 0 for j in range(d))
        need(not any(mu[y] for y in Y), "a Y variable divides a generator")
        need(C._times_monomial(C._mul(F, q), mu) == f, f"generator {i} != monomial * F * q")
        need(all(any(a[j] for j in L) for a in q), f"q of generator {i} is not zero on {{L = 0}}")
        row = []
        for y in Y:
            entry = {a[:y] + (0,) + a[y + 1:]: c for a, c in q.items()
                     if a[y] == 1 and not any(a[j] for j in L if j != y)}
            need(all(roles[j] == "P" for a in entry for j in range(d) if a[j]), "a matrix entry is not in P")
            row.append(entry)
        rows.append(row)
        off[i] = C._times_monomial(C._mul(F, {tuple(int(j == slots[pos]) for j in range(d)): Fraction(1)}), mu)

    minors: dict = {}

    def minor(cols):
        need(isinstance(cols, list) and len(cols) == k and len(set(cols)) == k and all(c in Y for c in cols),
             "a minor is not k distinct Y columns")
        key = tuple(sorted(cols))
        if key not in minors:
            need(len(minors) < MAX_COLS, "stratified: too many minors to check")
            minors[key] = _det(C, [[row[Y.index(c)] for c in key] for row in rows], d)
        return minors[key]

    return minor, off


def gstratified(raw, st, d: int, depth: int) -> tuple:
    C = _checker()
    need, field = C._need, C._field
    ws, fs, roles, e, sides = st
    L = [j for j in range(d) if roles[j] == "L"]
    P = [j for j in range(d) if roles[j] == "P"]
    n = len(fs)
    kind = raw.get("kind", "linear")
    need(kind in ("linear", "unit"), "unknown kind of stratified step")
    if kind == "unit":
        need(all(w > 0 for w in ws), "kind unit: a weight is not positive (K ≍ K_off needs a sum of squares)")
        minor, off = _unit_part(C, raw, fs, roles, L, d, n)
    else:
        minor, off = _linear_part(C, raw, fs, roles, e, sides, L, d, n)

    # the cover: every point where all k-minors vanish is on one of the components
    comps = field(raw, "components")
    need(isinstance(comps, list), "components is not a list")
    factors = None
    if "cover" in raw:
        cov = raw["cover"]
        m0 = minor(field(cov, "minor"))
        need(m0, "the cover's minor is zero")
        kappa = C._rational(field(cov, "const"), "const")
        factors = [C._poly(A, d, "factor") for A in field(cov, "factors")]
        exps = C._ints(field(cov, "exps"), len(factors), "exps", 1, 100)
        need(len(comps) == len(factors), "not one component per factor of the cover's minor")
        prod = {(0,) * d: kappa}
        for A, x in zip(factors, exps):
            need(A and all(roles[j] == "P" for a in A for j in range(d) if a[j]), "a factor is not in the parameters")
            prod = C._mul(prod, C._pow(A, x, d))
        need(prod == m0, "the cover's minor != const * product of the factors")
        for A, comp in zip(factors, comps):
            if comp is None:   # no zero on (a neighbourhood of) the cube
                c0 = A.get((0,) * d, Fraction(0))
                need(c0 != 0 and abs(c0) > sum(abs(v) for a, v in A.items() if any(a)),
                     "a factor without a component has no dominant constant term")
    else:
        need(len(comps) == 1 and comps[0] is not None, "without a cover there is exactly one component")
    # children in the engine's order (off, components, box): a repeated problem refers to an
    # earlier one
    ws2, fs2, ro2 = C._gnorm(ws, off, roles)
    v_off = C._located("stratified off", C._gstep, field(raw, "off"), (ws2, fs2, ro2, e, sides), d, depth + 1)
    ons, upper = [], []
    for n_c, comp in enumerate(comps):
        if comp is None:
            continue
        eqs, piv = field(comp, "eqs"), field(comp, "pivots")
        need(isinstance(eqs, list) and isinstance(piv, list) and eqs and len(eqs) == len(piv) <= len(P),
             "a component's equations and pivots do not match")
        piv = [C._int(j, "pivot", 0, d - 1) for j in piv]
        need(len(set(piv)) == len(piv), "pivots repeat")
        need(all(isinstance(q, dict) for q in eqs), "a locus equation is not an object")
        kinds = [("factor" in q) for q in eqs]
        if factors is None:
            need(not any(kinds), "a factor equation without a cover")
        else:   # component n_c: the factor n_c, then scaled minors
            need(sum(kinds) == 1 and field(eqs[kinds.index(True)], "factor") == n_c,
                 "a component does not hold exactly its own factor")
        phis = []
        for r, (q, j) in enumerate(zip(eqs, piv)):
            s = C._rational(field(q, "scale"), "scale")
            need(s != 0, "a locus scale is 0")
            need(roles[j] == "P" and e[j] == 0 and sides[j] == "two", "a pivot is not a two-sided parameter, e = 0")
            base = factors[n_c] if "factor" in q else minor(field(q, "minor"))
            phi = {a: s * v for a, v in base.items()}
            lin = tuple(int(i == j) for i in range(d))
            a_r = phi.get(lin, Fraction(0))
            need(a_r != 0 and all(a == lin or a[j] == 0 for a in phi),
                 f"locus equation {r} is not a·x + psi in its pivot")
            psi = {a: v for a, v in phi.items() if a != lin}
            need(not any(a[jj] for a in psi for jj in piv[r:]), f"locus equation {r} is not triangular")
            phis.append((j, a_r, psi))
        # the on problem: x_{j_r} = (y_r - psi_r)/a_r, last pivot first
        on = list(fs)
        for j, a_r, psi in reversed(phis):
            X = {a: -v / a_r for a, v in psi.items()}
            X[tuple(int(i == j) for i in range(d))] = 1 / a_r
            on = [_subst(C, f, j, X, d) for f in on]
        roles_on = ["L" if j in piv else r for j, r in enumerate(roles)]
        # base points of the locus (y = 0) inside the cube?
        h: dict = {}
        for j, a_r, psi in phis:
            X = {a: -v / a_r for a, v in psi.items()}
            for jj, hh in h.items():
                X = _subst(C, X, jj, hh, d)
            h[j] = X
        ws3, fs3, ro3 = C._gnorm(ws, on, roles_on)
        v_on = C._located(f"stratified component {n_c}", C._gstep, field(comp, "node"),
                          (ws3, fs3, ro3, e, sides), d, depth + 1)
        ons.append(v_on)
        if all(sum(abs(v) for v in p.values()) <= 1 for p in h.values()):
            upper.append(v_on)

    low = C._min_value([v_off] + ons)
    if "box" in raw:
        box = raw["box"]
        a = [C._rational(x, "a") for x in C._list(field(box, "a"), len(P), "a")]
        b = [C._rational(x, "b") for x in C._list(field(box, "b"), len(P), "b")]
        new = list(fs)
        for j, aj, bj in zip(P, a, b):
            need(bj > 0 and -1 <= aj - bj and aj + bj <= 1, "the box is empty or reaches outside the cube")
            X = {tuple(int(i == j) for i in range(d)): bj}
            if aj:
                X[(0,) * d] = aj
            new = [_subst(C, f, j, X, d) for f in new]
        ws4, fs4, ro4 = C._gnorm(ws, new, roles)
        upper.append(C._located("stratified box", C._gstep, field(box, "node"), (ws4, fs4, ro4, e, sides), d,
                                depth + 1))
    if not ons:   # no component: every point of the cube is an off point, the value is off's
        upper.append(v_off)
    need(upper, "stratified: no upper bound (no box, locus base points not in the cube)")
    need(C._min_value(upper) == low, "stratified: the lower bound min(off, on) is not attained")
    return low
