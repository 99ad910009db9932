"""Generators from an expanded ``K``: a sum of squares read off its unique Gram matrix.

Users often paste ``K`` expanded, which hides the generators the rules work with (``K = Σ w g²``).
If every monomial of ``K`` is the product of exactly one pair of *square monomials* (those ``m``
with ``m²`` a term of ``K`` with positive coefficient), the Gram matrix ``Q`` of ``K`` in that
basis is forced; when it is positive semidefinite its rational ``LDLᵀ`` factorisation gives
``K = Σ D_k (Σ_j L_jk m_j)²`` exactly (checked by expanding).  Otherwise there is no answer.

>>> from resolve.poly import Poly
>>> x, y = Poly.variable(2, 0), Poly.variable(2, 1)
>>> K = (x * y + y * y * y) * (x * y + y * y * y) + x * x
>>> [(str(w), g.to_str(["x", "y"])) for w, g in gram_sos(K)]
[('1', 'y**3 + x*y'), ('1', 'x')]
>>> gram_sos(x * x - y * y) is None
True
"""
from __future__ import annotations

from fractions import Fraction

from resolve.poly import Poly, sum_of_squares

__all__ = ["gram_sos"]


def gram_sos(K: Poly, max_basis: int = 60) -> list[tuple[Fraction, Poly]] | None:
    """``[(D_k, g_k)]`` with ``K == Σ D_k g_k²`` (``D_k > 0``), or ``None``."""
    d = K.nvars
    basis = sorted(tuple(x // 2 for x in a) for a, c in K.terms.items() if c > 0 and all(x % 2 == 0 for x in a))
    if not basis or len(basis) > max_basis:
        return None
    n = len(basis)
    pairs: dict = {}
    for i in range(n):
        for j in range(i, n):
            mu = tuple(x + y for x, y in zip(basis[i], basis[j]))
            pairs.setdefault(mu, []).append((i, j))
    if any(a not in pairs for a in K.terms):
        return None
    Q = [[Fraction(0)] * n for _ in range(n)]
    for mu, ps in pairs.items():
        c = Fraction(K.terms.get(mu, 0))
        if len(ps) > 1:
            if c:
                return None   # the Gram matrix is not forced
            continue
        i, j = ps[0]
        if i == j:
            Q[i][i] = c
        else:
            Q[i][j] = Q[j][i] = c / 2
    # LDL^T without pivoting: a zero pivot needs a zero column, a negative one means not PSD
    L = [[Fraction(int(i == j)) for j in range(n)] for i in range(n)]
    D = [Fraction(0)] * n
    A = [row[:] for row in Q]
    for k in range(n):
        D[k] = A[k][k]
        if D[k] < 0:
            return None
        if D[k] == 0:
            if any(A[i][k] for i in range(k + 1, n)):
                return None
            continue
        for i in range(k + 1, n):
            L[i][k] = A[i][k] / D[k]
        for i in range(k + 1, n):
            for j in range(k + 1, n):
                A[i][j] -= L[i][k] * L[j][k] * D[k]
    gens = []
    for k in range(n):
        if D[k]:
            g = Poly(d, {basis[i]: L[i][k] for i in range(k, n) if L[i][k]})
            gens.append((D[k], g))
    if sum_of_squares(gens, d) != K:   # pragma: no cover - the factorisation is exact
        return None
    return gens
