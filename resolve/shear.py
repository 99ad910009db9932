"""Linear changes of coordinates that make a polynomial sparser (greedy elementary shears).

A model written in mixed coordinates (``K(A w)`` for an invertible integer ``A``) hides the
structure the rules look for: blocks, monomial pivots, Newton non-degeneracy.  Elementary shears
``w_i ↦ w_i + c·w_j`` (determinant 1, so the Lebesgue measure and a prior that is a unit at the
point are unchanged and ``(λ, m)`` is too) are tried greedily while they lower the number of
terms; the composed matrix is returned so that a certificate can record the change.

>>> from resolve.poly import Poly
>>> x, y = Poly.variable(2, 0), Poly.variable(2, 1)
>>> K = ((x + y) * (x + y)) * ((x + y) * (x + y)) + y * y     # (x + y)^4 + y^2
>>> A, (K2,) = sparsify([K], 2)
>>> K2.to_str(["x", "y"])
'x**4 + y**2'
>>> A
[[1, -1], [0, 1]]
"""
from __future__ import annotations

import time
from math import comb
from typing import Sequence

from resolve.poly import Poly

__all__ = ["shear", "apply_matrix", "sparsify"]


def shear(p: Poly, i: int, j: int, c: int) -> Poly:
    """``p`` with ``w_i`` replaced by ``w_i + c·w_j`` (``i != j``)."""
    out: dict = {}
    for a, v in p.terms.items():
        k = a[i]
        for t in range(k + 1):   # (w_i + c w_j)^k = Σ C(k,t) c^t w_i^(k-t) w_j^t
            b = list(a)
            b[i] = k - t
            b[j] += t
            b = tuple(b)
            out[b] = out.get(b, 0) + v * comb(k, t) * c ** t
    return Poly(p.nvars, {b: v for b, v in out.items() if v})


def apply_matrix(p: Poly, A: Sequence[Sequence[int]]) -> Poly:
    """``p(A·w)``: every variable ``w_i`` replaced by ``Σ_j A_ij w_j``."""
    d = p.nvars
    lin = [Poly(d, {tuple(int(k == j) for k in range(d)): A[i][j] for j in range(d) if A[i][j]}) for i in range(d)]
    out = Poly(d, {})
    for a, v in p.terms.items():
        term = Poly.constant(d, v)
        for i, k in enumerate(a):
            for _ in range(k):
                term = term * lin[i]
        out = out + term
    return out


def sparsify(polys: Sequence[Poly], d: int, max_steps: int = 40, coefficients=(1, -1, 2, -2),
             deadline: float | None = None) -> tuple[list[list[int]], list[Poly]]:
    """Greedy elementary shears lowering the total number of terms of ``polys``.

    Returns ``(A, polys')`` with ``polys'[k](w) == polys[k](A w)`` and ``det A = 1``; ``A`` is
    the identity when no shear helps.  Each step takes the shear with the fewest terms (ties:
    the first in a fixed order, so the result is deterministic)."""
    A = [[int(i == j) for j in range(d)] for i in range(d)]
    cur = list(polys)
    size = sum(len(p) for p in cur)
    for _ in range(max_steps):
        best = None
        for i in range(d):
            for j in range(d):
                if i == j or not any(a[i] for p in cur for a in p.terms):
                    continue
                for c in coefficients:
                    if deadline is not None and time.monotonic() > deadline:
                        return A, cur
                    new = [shear(p, i, j, c) for p in cur]
                    s = sum(len(p) for p in new)
                    if s < size and (best is None or s < best[0]):
                        best = (s, i, j, c, new)
        if best is None:
            break
        size, i, j, c, cur = best
        # w = A w'; the shear w'_i = w''_i + c w''_j: A <- A·E with E = I + c e_i e_j^T
        for row in A:
            row[j] += c * row[i]
    return A, cur
