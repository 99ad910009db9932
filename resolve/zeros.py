"""Exact decisions about zeros of a strict transform on a fiber stratum.

On a stratum the restricted strict transform ``g >= 0`` (it is a face polynomial of ``K`` in
disguise, docs/algorithm.md T8), so every zero in the open orthant is a critical point.  Three
proofs that ``g`` has no zero with ``0 < y_k <= 1`` on its free variables, cheapest first:

* ``positive``: every coefficient is positive;
* ``univariate``: ``g = y^c p(y_k)`` and ``p`` has no root in ``(0, 1]`` (exact real root
  counting, Sturm/Vincent--Akritas in sympy);
* ``groebner``: the Groebner basis of ``{g, dg/dy_k, 1 - t prod y_k}`` is ``{1}`` (no critical
  point in the complex torus).

Each returns the JSON proof record of docs/certificate.md, or ``None`` if undecided.

>>> from resolve.poly import Poly
>>> stratum_proof(Poly.from_dict(2, {(0, 0): 1, (0, 4): 1}), [1])
{'kind': 'positive'}
>>> stratum_proof(Poly.from_dict(2, {(0, 0): 1, (0, 1): -2, (0, 2): 1}), [1]) is None
True
"""
from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from .poly import Poly


def univariate_roots_in_unit(coeffs: dict[int, Fraction], inclusive_one: bool = True) -> list:
    """Real roots of ``sum c_k t^k`` in ``(0, 1]`` as exact sympy numbers (Rational or CRootOf)."""
    import sympy

    t = sympy.Symbol("t")
    p = sympy.Poly({(k,): sympy.Rational(c.numerator, c.denominator) for k, c in coeffs.items()}, t, domain="QQ")
    out = []
    for r in sympy.real_roots(p):
        if r > 0 and (r < 1 or (inclusive_one and r == 1)):
            if r not in out:
                out.append(r)
    return out


def _univariate_count(coeffs: dict[int, Fraction]) -> int:
    import sympy

    t = sympy.Symbol("t")
    p = sympy.Poly({(k,): sympy.Rational(c.numerator, c.denominator) for k, c in coeffs.items()}, t, domain="QQ")
    n = p.count_roots(0, 1)
    if p.eval(0) == 0:
        n -= 1
    return int(n)


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
    variables ``free`` (and ``t``) equals ``{1}``; a sympy failure means undecided (False)."""
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
