"""Polyhedral cones: extreme rays by the double description method, exact integers.

``extreme_rays(H)`` returns the extreme rays of the pointed cone ``{x : H x >= 0}``
(Motzkin et al. 1953; Fukuda & Prodon, *Double description method revisited*, 1996), with the
combinatorial adjacency test.  All arithmetic is on Python integers (rays are kept primitive).

>>> sorted(extreme_rays([[1, 0], [0, 1]]))
[(0, 1), (1, 0)]
>>> sorted(extreme_rays([[1, 0], [0, 1], [1, -1]]))     # the cone x >= y >= 0
[(1, 0), (1, 1)]
"""
from __future__ import annotations

import time
from fractions import Fraction
from math import gcd
from typing import Sequence

from .linalg import _echelon, primitive


class ConeError(ValueError):
    """The cone is not pointed, or the computation exceeded its budget."""


def _prim(v: Sequence[int]) -> tuple[int, ...]:
    g = 0
    for x in v:
        g = gcd(g, x)
    return tuple(x // g for x in v) if g else tuple(v)


def _inverse_columns(rows: list[list[int]]) -> list[tuple[int, ...]]:
    n = len(rows)
    aug = [[Fraction(x) for x in r] + [Fraction(int(i == j)) for j in range(n)] for i, r in enumerate(rows)]
    m, _ = _echelon(aug)
    inv = [row[n:] for row in m]
    return [primitive([inv[i][k] for i in range(n)]) for k in range(n)]


def extreme_rays(H: Sequence[Sequence[int]], max_rays: int = 20000,
                 deadline: float | None = None) -> list[tuple[int, ...]]:
    """Extreme rays of the pointed polyhedral cone ``{x : <h, x> >= 0 for h in H}``.

    Parameters
    ----------
    H : rows of integers, all of the same length ``n``; they must have rank ``n``.
    max_rays : budget on the number of intermediate rays (raises :class:`ConeError`).
    deadline : ``time.monotonic()`` value after which :class:`ConeError` is raised.
    """
    H = [tuple(int(a) for a in h) for h in H]
    n = len(H[0])
    # choose n independent rows greedily
    basis: list[int] = []
    for i, h in enumerate(H):
        trial = [H[j] for j in basis] + [h]
        if len(_echelon(trial)[1]) == len(trial):
            basis.append(i)
            if len(basis) == n:
                break
    if len(basis) < n:
        raise ConeError("cone is not pointed")
    rays = _inverse_columns([list(H[j]) for j in basis])
    # zero sets as bitmasks over constraint indices processed so far
    zero = []
    for k, r in enumerate(rays):
        z = 0
        for b, j in enumerate(basis):
            if b != k:
                z |= 1 << j
        zero.append(z)
    done = set(basis)
    checks = 0
    for i, h in enumerate(H):
        if i in done:
            continue
        if deadline is not None and time.monotonic() > deadline:
            raise ConeError("time budget exhausted")
        vals = [sum(a * b for a, b in zip(h, r)) for r in rays]
        pos = [k for k, v in enumerate(vals) if v > 0]
        neg = [k for k, v in enumerate(vals) if v < 0]
        zer = [k for k, v in enumerate(vals) if v == 0]
        new_rays, new_zero = [], []
        for p in pos:
            if deadline is not None and time.monotonic() > deadline:
                raise ConeError("time budget exhausted")
            for q in neg:
                common = zero[p] & zero[q]
                # combinatorial adjacency: no third ray's zero set contains the common one
                if common.bit_count() < n - 2:
                    continue
                checks += 1
                if deadline is not None and checks % 64 == 0 and time.monotonic() > deadline:
                    raise ConeError("time budget exhausted")
                if any(k != p and k != q and (zero[k] & common) == common for k in range(len(rays))):
                    continue
                r = _prim([vals[p] * b - vals[q] * a for a, b in zip(rays[p], rays[q])])
                new_rays.append(r)
                new_zero.append(common | (1 << i))
        keep = pos + zer
        rays = [rays[k] for k in keep] + new_rays
        zero = [zero[k] | ((1 << i) if vals[k] == 0 else 0) for k in keep] + new_zero
        done.add(i)
        if len(rays) > max_rays:
            raise ConeError(f"more than {max_rays} rays")
    return sorted(set(rays))
