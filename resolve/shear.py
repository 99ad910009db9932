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
from typing import Sequence

from resolve.poly import Poly

__all__ = ["shear", "sparsify"]


def shear(p: Poly, i: int, j: int, c: int) -> Poly:
    """``p`` with ``w_i`` replaced by ``w_i + c·w_j`` (``i != j``)."""
    return p.substitute(i, Poly.variable(p.nvars, i) + Poly.variable(p.nvars, j).scale(c))


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
