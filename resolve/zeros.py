"""Exact decisions about zeros of a strict transform on a fiber stratum.

On a stratum the restricted strict transform ``g >= 0`` (it is a face polynomial of ``K`` in
disguise, docs/algorithm.md T8), so every zero in the open orthant is a critical point.  Three
proofs that ``g`` has no zero with ``0 < y_k <= 1`` on its free variables, cheapest first:

* ``positive``: every coefficient is positive;
* ``univariate``: ``g = y^c p(y_k)`` and ``p`` has no root in ``(0, 1]`` (exact real root
  counting: a Sturm sequence over Q, python-flint);
* ``groebner``: the Groebner basis of ``{g, dg/dy_k, 1 - t prod y_k}`` is ``{1}`` (no critical
  point in the complex torus; python-flint's Buchberger within limits, else sympy).

Each returns the JSON proof record of docs/certificate.md, or ``None`` if undecided.

>>> from resolve.poly import Poly
>>> stratum_proof(Poly.from_dict(2, {(0, 0): 1, (0, 4): 1}), [1])
{'kind': 'positive'}
>>> stratum_proof(Poly.from_dict(2, {(0, 0): 1, (0, 1): -2, (0, 2): 1}), [1]) is None
True
"""
from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Sequence

from .poly import Poly

# limits of the flint Buchberger call (basis length, terms per polynomial, coefficient bits):
# it is one C call that the deadline watchdog cannot interrupt, so it must stay short; beyond
# them the (interruptible) sympy code decides.  Measured on random systems in 2-6 variables
# (small or 100-digit coefficients, 1-55 generators): worst call about 40 ms (bits dominate:
# 4096 bits allowed calls of a minute).  The benchmark and corpus calls need at most a basis of
# 21 polynomials of 80 terms and 20-bit coefficients.
GB_LIMITS = (60, 200, 1024)


def unit_roots(coeffs: dict[int, Fraction], inclusive_one: bool = True) -> tuple[list[Fraction], bool]:
    """The rational real roots of ``sum c_k t^k`` in ``(0, 1]`` (``(0, 1)`` unless
    ``inclusive_one``), increasing, and whether it also has irrational roots there, without sympy
    (python-flint: factorization over Q, Sturm counts of the non-linear factors)."""
    import flint

    terms = {int(k): Fraction(c) for k, c in coeffs.items() if c}
    if not terms:
        raise ValueError("the zero polynomial")
    p = flint.fmpq_poly([flint.fmpq(terms[k].numerator, terms[k].denominator) if k in terms else 0
                         for k in range(max(terms) + 1)])
    if p.degree() <= 0:
        return [], False
    rational, irrational = set(), False
    for fac, _mult in p.factor()[1]:
        if fac.degree() == 1:
            c = fac.coeffs()   # [c0, c1]
            r = Fraction(int((-c[0]).p), int((-c[0]).q)) / Fraction(int(c[1].p), int(c[1].q))
            if 0 < r < 1 or (inclusive_one and r == 1):
                rational.add(r)
        elif not irrational:
            irrational = sturm_count_unit({k: Fraction(int(a.p), int(a.q)) for k, a in enumerate(fac.coeffs())}) > 0
    return sorted(rational), irrational


def torus_points(gens: Sequence[Poly], free: Sequence[int]):
    """All common zeros of ``gens`` in the complex torus of ``free`` (other variables absent),
    when they are finitely many and all rational: ``(True, set of tuples of Fractions)``;
    ``(True, None)`` when they are infinitely many or some are not rational; ``None`` when
    python-flint could not decide within :data:`GB_LIMITS` (the caller then uses sympy).

    Per free variable ``x``: a lex Groebner basis (with ``1 - t prod y_free``) whose last
    variable is ``x`` contains the generator ``m_x`` of the elimination ideal ``I ∩ Q[x]``; the
    solutions are finitely many iff every ``m_x != 0``, and all their coordinates are rational iff
    every ``m_x`` splits into linear factors over Q (its roots are exactly the ``x``-coordinates of
    the solutions).  The solutions are then the products of those roots that are common zeros.
    """
    import flint

    free = list(free)
    if not gens or not free:
        return None
    fset = set(free)
    nv = gens[0].nvars
    if any(ex[i] for g in gens for ex in g.terms for i in range(nv) if i not in fset):
        return None
    gens = [g for g in gens if g.terms]
    if any(all(not any(ex) for ex in g.terms) for g in gens):
        return True, set()
    if not gens:
        return True, None
    roots = []
    for x in free:
        order = ["t_sat"] + [f"y{k}" for k in free if k != x] + [f"y{x}"]
        pos = {k: order.index(f"y{k}") for k in free}
        ctx = flint.fmpz_mpoly_ctx.get(tuple(order), "lex")
        polys = [ctx.from_dict(_int_terms(g, pos, len(order))) for g in gens]
        sat = {(0,) * len(order): 1, (1,) * len(order): -1}
        polys.append(ctx.from_dict(sat))
        basis, ok = flint.fmpz_mpoly_vec(polys, ctx).buchberger_naive(limits=GB_LIMITS)
        if any(b != 0 and b.is_constant() for b in basis):
            return True, set()
        if not ok:
            return None
        last = len(order) - 1
        elim = None
        for b in basis:
            if b != 0 and all(not any(m[:last]) for m in b.monoms()):
                u = flint.fmpz_poly(_dense(b, last))
                elim = u if elim is None else elim.gcd(u)
        if elim is None:
            return True, None   # positive-dimensional
        rs = []
        for fac, _mult in elim.factor()[1]:
            if fac.degree() != 1:
                return True, None
            c = fac.coeffs()
            rs.append(Fraction(-int(c[0]), int(c[1])))
        roots.append(rs)
    return True, _common_points(gens, free, roots)


def torus_points_sympy(gens: Sequence[Poly], free: Sequence[int]):
    """:func:`torus_points` with sympy's Groebner bases and factorization (the fallback when the
    flint limits are hit; interruptible by the watchdog).  Same method, never ``None``."""
    import sympy

    free = list(free)
    ys = sympy.symbols(f"y0:{gens[0].nvars}")
    t = sympy.Symbol("t_sat")
    polys = [g.to_sympy(ys) for g in gens] + [1 - t * sympy.Mul(*[ys[k] for k in free])]
    roots = []
    for x in free:
        order = [t] + [ys[k] for k in free if k != x] + [ys[x]]
        G = sympy.groebner(polys, *order, order="lex", domain="QQ")
        if list(G.exprs) == [1]:
            return True, set()
        elim = [p for p in G.polys if all(not any(m[:-1]) for m in p.monoms())]
        if not elim:
            return True, None
        m = elim[0]
        for p in elim[1:]:
            m = m.gcd(p)
        rs = []
        for fac, _mult in m.factor_list()[1]:
            if fac.total_degree() != 1:
                return True, None
            c = dict(fac.terms())
            a1 = c.get((0,) * (len(order) - 1) + (1,), 0)
            a0 = c.get((0,) * len(order), 0)
            r = -sympy.Rational(a0) / sympy.Rational(a1)
            rs.append(Fraction(int(r.p), int(r.q)))
        roots.append(rs)
    return True, _common_points(gens, free, roots)


def _common_points(gens: Sequence[Poly], free: Sequence[int], roots) -> set:
    """The points of ``prod roots`` (coordinates ``free``, all non-zero) where every ``gens`` vanishes."""
    out = set()
    for vals in itertools.product(*roots):
        if any(v == 0 for v in vals):
            continue
        pt = [Fraction(0)] * gens[0].nvars
        for k, v in zip(free, vals):
            pt[k] = v
        if all(g.evaluate(pt) == 0 for g in gens):
            out.add(tuple(vals))
    return out


def _int_terms(g: Poly, pos: dict[int, int], n: int) -> dict:
    """``g`` times the lcm of its denominators (integer coefficients) as exponent tuples of a
    context with ``n`` variables, variable ``k`` of ``g`` at position ``pos[k]``."""
    from math import lcm

    den = lcm(*(c.denominator for c in g.terms.values()))
    out = {}
    for ex, c in g.terms.items():
        e = [0] * n
        for k, i in pos.items():
            e[i] = ex[k]
        out[tuple(e)] = int(c.numerator * (den // c.denominator))
    return out


def _dense(b, last: int) -> list[int]:
    """Integer coefficient list of a flint polynomial in its variable number ``last`` only."""
    d = {}
    for m, c in zip(b.monoms(), b.coeffs()):
        d[m[last]] = int(c)
    return [d.get(i, 0) for i in range(max(d) + 1)]


def _univariate_count(coeffs: dict[int, Fraction]) -> int:
    """Distinct real roots of ``sum c_k t^k`` in ``(0, 1]`` (sympy's ``count_roots(0, 1)`` minus a
    root at 0), exactly by a Sturm sequence (:func:`sturm_count_unit`)."""
    return sturm_count_unit(coeffs)


def sturm_count_unit(coeffs: dict[int, Fraction]) -> int:
    """Number of distinct real roots of ``p = sum c_k t^k`` in ``(0, 1]``, exactly (python-flint
    ``fmpq_poly``; no floats).  Non-zero constants have no roots; ``p = 0`` gives -1, as the sympy
    reference does (``count_roots`` 0, minus the "root" at 0; the engine never asks).

    Method: ``q = p / gcd(p, p')`` (square-free, same distinct roots); the roots ``t = 0, 1`` are
    divided out of ``q`` (a root at 1 is counted separately); then the Sturm sequence of the
    remaining ``q`` counts its roots in the open interval ``(0, 1)`` as ``V(0) - V(1)`` (``q`` is
    non-zero at both ends).
    """
    import flint

    terms = {int(k): Fraction(c) for k, c in coeffs.items() if c}
    if not terms:
        return -1
    deg = max(terms)
    p = flint.fmpq_poly([flint.fmpq(terms[k].numerator, terms[k].denominator) if k in terms else 0
                         for k in range(deg + 1)])
    if p.degree() <= 0:
        return 0
    d = p.derivative()
    q = p // p.gcd(d)
    n = 0
    t = flint.fmpq_poly([0, 1])
    t_minus_1 = flint.fmpq_poly([-1, 1])
    while q(0) == 0:
        q = q // t
    if q(1) == 0:
        n += 1
        q = q // t_minus_1
    if q.degree() <= 0:
        return n
    seq = [q, q.derivative()]
    while seq[-1].degree() > 0:
        r = seq[-2] % seq[-1]
        if r == 0:  # pragma: no cover - q is square-free, so the last remainder is a constant
            break
        seq.append(-r)
    return n + _variations([s(0) for s in seq]) - _variations([s(1) for s in seq])


def _variations(vals) -> int:
    signs = [v > 0 for v in vals if v != 0]
    return sum(1 for a, b in zip(signs, signs[1:]) if a != b)


def single_variable(g: Poly, free: Sequence[int]) -> int | None:
    """The one free variable ``g`` depends on after removing its monomial content, if any."""
    content = g.min_exponents()
    used = [k for k in free if any(e[k] != content[k] for e in g.terms)]
    return used[0] if len(used) == 1 else (free[0] if not used and free else None)


def stratum_proof(g: Poly, free: Sequence[int], use_groebner: bool = True) -> dict | None:
    """A proof that ``g`` has no zero on ``{0 < y_k <= 1, k in free}``, or ``None``."""
    if g.is_zero():
        return None
    if all(c > 0 for c in g.terms.values()):
        return {"kind": "positive"}
    k = single_variable(g, free)
    if k is not None:
        content = g.min_exponents()
        coeffs = {e[k] - content[k]: c for e, c in g.terms.items()}
        return {"kind": "univariate", "var": k} if _univariate_count(coeffs) == 0 else None
    if use_groebner and len(g) <= 80 and len(free) <= 4:
        return {"kind": "groebner"} if groebner_is_one(g, free) else None
    return None


def groebner_is_one(g: Poly, free: Sequence[int]) -> bool:
    """True if ``g``, its partial derivatives in ``free`` and ``1 - t prod y_free`` generate ``<1>``:
    ``g`` has no singular point (in particular no zero of ``g >= 0``) in the complex torus."""
    return no_common_torus_zero([g] + [g.diff(k) for k in free], free)


def no_common_torus_zero(gens: Sequence[Poly], free: Sequence[int]) -> bool:
    """True if the polynomials ``gens`` have no common zero in the complex torus of ``free``
    (the Groebner basis of ``gens`` and ``1 - t prod y_free`` is ``{1}``)."""
    return _basis_is_one(gens, free, saturate=True)


def common_zero_free(gens: Sequence[Poly], free: Sequence[int]) -> bool:
    """True if the polynomials ``gens`` (in the variables ``free``) have no common complex zero:
    their Groebner basis over Q is ``{1}`` (weak Nullstellensatz)."""
    return _basis_is_one(gens, free, saturate=False)


def _basis_is_one(gens: Sequence[Poly], free: Sequence[int], saturate: bool) -> bool:
    """Reduced Groebner basis over Q of ``gens`` (and ``1 - t prod y_free`` if ``saturate``) in the
    variables ``free`` (and ``t``) equals ``{1}``; a sympy failure means undecided (False).

    First python-flint's Buchberger (``fmpz_mpoly_vec.buchberger_naive``, degrevlex, with
    :data:`GB_LIMITS`); when it hits the limits (or a generator uses a variable outside ``free``),
    the sympy code (:func:`_basis_is_one_sympy`) decides.
    """
    fast = _basis_is_one_flint(gens, free, saturate)
    if fast is not None:
        return fast
    return _basis_is_one_sympy(gens, free, saturate)


def _basis_is_one_flint(gens: Sequence[Poly], free: Sequence[int], saturate: bool) -> bool | None:
    """:func:`_basis_is_one` by python-flint, or ``None`` when it cannot decide within the limits."""
    if not gens:
        return False
    free = list(free)
    fset = set(free)
    nv = gens[0].nvars
    outside = [i for i in range(nv) if i not in fset]
    if any(ex[i] for g in gens for ex in g.terms for i in outside):
        return None  # other symbols in the coefficients: sympy's behaviour decides
    if any(g.terms and all(not any(ex) for ex in g.terms) for g in gens):
        return True  # a non-zero constant generator
    if not free and not saturate:
        return False
    import flint

    names = (("t_sat",) if saturate else ()) + tuple(f"y{k}" for k in free)
    pos = {k: names.index(f"y{k}") for k in free}
    ctx = flint.fmpz_mpoly_ctx.get(names, "degrevlex")
    polys = [ctx.from_dict(_int_terms(g, pos, len(names))) for g in gens if g.terms]
    if saturate:
        polys.append(ctx.from_dict({(0,) * len(names): 1, (1,) * len(names): -1}))   # 1 - t prod y
    if not polys:
        return False
    basis, ok = flint.fmpz_mpoly_vec(polys, ctx).buchberger_naive(limits=GB_LIMITS)
    if any(b != 0 and b.is_constant() for b in basis):
        return True   # the basis generates the same ideal, finished or not
    return False if ok else None


def _basis_is_one_sympy(gens: Sequence[Poly], free: Sequence[int], saturate: bool) -> bool:
    """The sympy implementation of :func:`_basis_is_one` (fallback and test reference)."""
    import sympy

    if not gens:
        return False
    ys = sympy.symbols(f"y0:{gens[0].nvars}")
    vs = [ys[k] for k in free]
    polys = [g.to_sympy(ys) for g in gens]
    if saturate:
        t = sympy.Symbol("t_sat")
        polys.append(1 - t * sympy.Mul(*vs))
        vs.append(t)
    if any(p.is_number and p != 0 for p in polys):
        return True
    if not vs:
        return False
    try:
        G = sympy.groebner(polys, *vs, order="grevlex", domain="QQ")
    except Exception:  # pragma: no cover - a sympy failure means undecided
        return False
    return list(G.exprs) == [1]
