"""Exact linear algebra over Q on small dense matrices (lists of rows).

Plain Gaussian elimination on ``Fraction`` entries: the matrices of the resolver are tiny
(at most a few dozen rows and columns), where this beats converting to sympy matrices.

>>> rank([[1, 2], [2, 4]])
1
>>> det([[2, 0], [1, 1]])
Fraction(2, 1)
"""
from __future__ import annotations

from fractions import Fraction
from math import gcd
from typing import Sequence


def _echelon(rows: Sequence[Sequence]) -> tuple[list[list[Fraction]], list[int]]:
    m = [[Fraction(x) for x in r] for r in rows]
    pivots: list[int] = []
    r = 0
    ncols = len(m[0]) if m else 0
    for c in range(ncols):
        p = next((i for i in range(r, len(m)) if m[i][c]), None)
        if p is None:
            continue
        m[r], m[p] = m[p], m[r]
        pv = m[r][c]
        m[r] = [x / pv for x in m[r]]
        for i in range(len(m)):
            if i != r and m[i][c]:
                f = m[i][c]
                m[i] = [a - f * b for a, b in zip(m[i], m[r])]
        pivots.append(c)
        r += 1
        if r == len(m):
            break
    return m, pivots


_SMALL = 64   # entries: smaller integer matrices stay in Python (importing python-flint costs ~20 ms)


def _rref(rows: Sequence[Sequence]) -> tuple[list[list[Fraction]], list[int]]:
    """The reduced row echelon form (unique, so any method gives the same) and its pivots;
    integer matrices go to python-flint's fraction-free ``fmpz_mat.rref`` (tall matrices, such
    as the support differences of a polynomial with thousands of terms, are common)."""
    if rows and len(rows) * len(rows[0]) > _SMALL and all(type(x) is int for r in rows for x in r):
        import flint

        R, den, _rank = flint.fmpz_mat([list(r) for r in rows]).rref()
        m, piv = [], []
        for i in range(R.nrows()):
            row = [Fraction(int(R[i, j]), int(den)) for j in range(R.ncols())]
            c = next((j for j, x in enumerate(row) if x), None)
            if c is None:
                break
            m.append(row)
            piv.append(c)
        return m, piv
    return _echelon(rows)


def rank(rows: Sequence[Sequence]) -> int:
    """Rank of a matrix given as a list of rows (0 for an empty list).

    Integer matrices go to python-flint's ``fmpz_mat.rank`` (exact, fraction-free); others to
    Gaussian elimination over ``Fraction``.
    """
    if not rows:
        return 0
    if not rows[0]:
        return 0
    if len(rows) * len(rows[0]) > _SMALL and all(type(x) is int for r in rows for x in r):
        import flint

        return flint.fmpz_mat([list(r) for r in rows]).rank()
    return len(_echelon(rows)[1])


def det(rows: Sequence[Sequence]) -> Fraction:
    """Determinant of a square matrix."""
    m = [[Fraction(x) for x in r] for r in rows]
    n = len(m)
    d = Fraction(1)
    for c in range(n):
        p = next((i for i in range(c, n) if m[i][c]), None)
        if p is None:
            return Fraction(0)
        if p != c:
            m[c], m[p] = m[p], m[c]
            d = -d
        d *= m[c][c]
        for i in range(c + 1, n):
            if m[i][c]:
                f = m[i][c] / m[c][c]
                m[i] = [a - f * b for a, b in zip(m[i], m[c])]
    return d


def nullspace(rows: Sequence[Sequence], ncols: int) -> list[list[Fraction]]:
    """A basis of ``{x : A x = 0}``."""
    if not rows:
        return [[Fraction(int(i == j)) for j in range(ncols)] for i in range(ncols)]
    m, piv = _rref(rows)
    free = [c for c in range(ncols) if c not in piv]
    basis = []
    for f in free:
        x = [Fraction(0)] * ncols
        x[f] = Fraction(1)
        for r, c in enumerate(piv):
            x[c] = -m[r][f]
        basis.append(x)
    return basis


def primitive(v: Sequence) -> tuple[int, ...]:
    """Scale a rational vector to the primitive integer vector with the same direction."""
    fr = [Fraction(x) for x in v]
    den = 1
    for x in fr:
        den = den * x.denominator // gcd(den, x.denominator)
    ints = [int(x * den) for x in fr]
    g = 0
    for x in ints:
        g = gcd(g, abs(x))
    return tuple(x // g for x in ints) if g else tuple(ints)


def dot(u: Sequence, v: Sequence):
    return sum(a * b for a, b in zip(u, v))


def det_poly(M):
    """Determinant of a small square matrix of polynomials (cofactor expansion along row 0).

    >>> from resolve.poly import Poly
    >>> x, y = Poly.variable(2, 0), Poly.variable(2, 1)
    >>> det_poly([[x, y], [y, x]]).to_str(["x", "y"])
    'x**2 - y**2'
    """
    n = len(M)
    if n == 0:
        raise ValueError("empty matrix")
    if n == 1:
        return M[0][0]
    out = None
    for j in range(n):
        if M[0][j].is_zero():
            continue
        minor = [row[:j] + row[j + 1:] for row in M[1:]]
        term = M[0][j] * det_poly(minor)
        if j % 2:
            term = -term
        out = term if out is None else out + term
    return out if out is not None else M[0][0] - M[0][0]
