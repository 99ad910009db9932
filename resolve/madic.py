"""Newton polygons at irrational zeros on an exceptional divisor, without algebraic arithmetic.

Setting: a chart of a plane problem, ``y^N · s(y)`` with the divisor ``y_j = 0`` (exponent
``N_j``, prior x Jacobian exponent ``e_j``) and the stratum polynomial ``s(0, y_k)`` vanishing at
a real root ``ρ`` of an irreducible ``m ∈ Q[t]`` of degree >= 2.  Near ``(0, ρ)`` the function
``u = m(y_k)`` is a coordinate (``m'(ρ) != 0``, Jacobian a unit).  Expand ``s`` ``m``-adically,
``s = Σ_k a_k(y_j, y_k) m(y_k)^k`` with ``deg_{y_k} a_k < deg m``; for each power ``y_j^i`` let
``k_i`` be the least ``k`` with ``[y_j^i] a_k != 0`` and ``c_i(t)`` that coefficient.  Since
``c_i(ρ) != 0`` (degree below ``deg m``) and ``y_k - ρ = u · unit``, the analytic function
``y_j^{N_j} s`` in ``(y_j, u)`` has the Newton polygon of the points ``(i + N_j, k_i)`` with
vertex / edge coefficients ``c_i(ρ)``; the other terms lie strictly above those points.

Nondegeneracy (Varchenko 1976 / Lin 2011 Thm 4.15, valid for analytic functions) is decided for
all conjugates at once: the edge polynomial ``Σ c_i(t) s^i`` can only vanish at roots of its
norm ``Res_t(m(t), Σ c_i(t) s^i) ∈ Q[s]``.  If no edge norm has a root in the relevant real
range, every real root ``ρ`` of ``m`` gives the Newton value ``(1/l, θ)`` with ``τ = (e_j+1, 1)``.
Otherwise :func:`madic_value` returns ``None`` and the caller (``rlct.strata``) falls back to the
full recursion over the number field ``Q(ρ)`` (:mod:`resolve.numberfield`).

>>> from resolve.poly import Poly
>>> s = Poly.from_dict(2, {(0, 0): 1, (0, 2): -4, (0, 4): 4, (2, 6): 1})   # (1-2y²)² + x²y⁶
>>> madic_value(s, j=0, k=1, N_j=4, e_j=1, m={0: -1, 2: 2})
(Fraction(1, 2), 2)
"""
from __future__ import annotations

from fractions import Fraction

from .newton import newton_polyhedron
from .poly import Poly


def _sym():
    import sympy

    return sympy.symbols("y_j t_k s_edge")


def madic_points(strict: Poly, j: int, k: int, m: dict[int, Fraction]):
    """``{i: (k_i, c_i)}``: least ``m``-adic order and its coefficient polynomial (sympy Poly in t)."""
    import sympy

    yj, t, _ = _sym()
    M = sympy.Poly({(a,): sympy.Rational(c.numerator, c.denominator) for a, c in m.items()}, t, domain="QQ")
    # s as a polynomial in t with coefficients polynomials in y_j (other variables must be absent)
    terms = {}
    for ex, c in strict.terms.items():
        if any(ex[i] for i in range(strict.nvars) if i not in (j, k)):
            raise ValueError("strict transform depends on more than two variables")
        terms[(ex[j], ex[k])] = sympy.Rational(c.numerator, c.denominator)
    by_i: dict[int, sympy.Poly] = {}
    for (i, a), c in terms.items():
        by_i.setdefault(i, sympy.Poly(0, t, domain="QQ"))
        by_i[i] = by_i[i] + sympy.Poly(c * t ** a, t, domain="QQ")
    out = {}
    for i, p in sorted(by_i.items()):
        order = 0
        while not p.is_zero:
            q, r = p.div(M)
            if not r.is_zero:
                out[i] = (order, r)
                break
            p, order = q, order + 1
    return out, M


def madic_value(strict: Poly, j: int, k: int, N_j: int, e_j: int, m: dict[int, Fraction]):
    """``(λ, m)`` at every real root of ``m`` on the divisor ``y_j = 0``, or ``None`` if degenerate."""
    import sympy

    _, t, s = _sym()
    pts, M = madic_points(strict, j, k, m)
    if not pts:
        return None
    support = [(i + N_j, order) for i, (order, _) in pts.items()]
    P = newton_polyhedron(support)
    coeff = {(i + N_j, order): c for i, (order, c) in pts.items()}
    for F, _v in P.compact_faces():
        F = sorted(F)
        (j0, k0), (j1, k1) = F[0], F[-1]
        dj, dk = j1 - j0, k0 - k1
        from math import gcd

        g = gcd(dj, dk)
        p, q = dj // g, dk // g
        edge = sympy.Integer(0)
        for (a, b) in F:
            i = (a - j0) // p
            edge += coeff[(a, b)].as_expr() * s ** i
        norm = sympy.Poly(sympy.resultant(M.as_expr(), edge, t), s, domain="QQ")
        if norm.is_zero:
            return None
        if norm.count_roots(0, None) - (1 if norm.eval(0) == 0 else 0) > 0:
            return None
        if q % 2 == 1 and norm.count_roots(None, 0) - (1 if norm.eval(0) == 0 else 0) > 0:
            return None
    l, theta = P.tau_distance((e_j + 1, 1))
    return (1 / l, theta)
