"""Iterated coordinate blow-ups: Hironaka's polyhedra game with Zeillinger's winning strategy.

A second, independent way to produce charts over the positive orthant (docs/algorithm.md §4.2):
blow up the coordinate centre ``{w_k = 0, k in I}`` (``|I| = 2``) and follow every chart
``w_k = y_k y_i`` (``k in I \\ {i}``) until the Newton polyhedron has a single vertex, i.e. the
pulled-back ``K`` is ``y^N (c + ...)`` with ``c != 0``.  On exponents the chart ``i`` maps
``α_i -> Σ_{k in I} α_k``.  Over cubes the charts of one blow-up tile the cube exactly (chart
``i`` is where ``w_i`` is the largest of the ``w_k``, ``k in I``), so the leaves of the tree tile
the orthant.  Centre choice (D. Zeillinger, *A short solution to Hironaka's polyhedra game*,
Enseign. Math. 52 (2006)): over all pairs of vertices take ``δ = a - b`` with the
lexicographically least ``(max δ - min δ, #argmax + #argmin)`` and ``I = {argmax δ, argmin δ}``.

>>> leaves = game_charts([(2, 0), (0, 4)], 2)
>>> [(path, B) for B, path in leaves]
[([[0, 1], 0], [[1, 0], [1, 1]]), ([[0, 1], 1, [0, 1], 0], [[2, 1], [1, 1]]), ([[0, 1], 1, [0, 1], 1], [[1, 2], [0, 1]])]
"""
from __future__ import annotations

import time
from itertools import combinations
from typing import Sequence

from .newton import newton_polyhedron


class GameBudget(Exception):
    """The blow-up tree grew past its budget (leaves, depth or time)."""


def zeillinger_center(vertices: Sequence[Sequence[int]]) -> tuple[int, int]:
    """The centre ``(argmax δ, argmin δ)`` of the pair of vertices with least characteristic."""
    best = None
    for a, b in combinations(sorted(vertices), 2):
        delta = [x - y for x, y in zip(a, b)]
        hi, lo = max(delta), min(delta)
        key = (hi - lo, delta.count(hi) + delta.count(lo), tuple(a), tuple(b))
        if best is None or key < best[0]:
            best = (key, delta.index(hi), delta.index(lo))
    return tuple(sorted((best[1], best[2])))


def game_charts(support: Sequence[Sequence[int]], d: int, max_leaves: int = 5000, max_depth: int = 60,
                deadline: float | None = None) -> list[tuple[list[list[int]], list]]:
    """Leaves ``(B, path)`` of the blow-up tree: ``w_i = Π_j y_j^{B[i][j]}``; ``path`` alternates the
    centre ``[i, k]`` and the chart index chosen."""
    out = []
    stack = [([[int(i == j) for j in range(d)] for i in range(d)], [tuple(a) for a in support], [])]
    while stack:
        if deadline is not None and time.monotonic() > deadline:
            raise GameBudget("time")
        B, pts, path = stack.pop()
        P = newton_polyhedron(pts, deadline=deadline)
        if len(P.vertices) == 1:
            out.append((B, path))
            if len(out) > max_leaves:
                raise GameBudget("leaves")
            continue
        if len(path) // 2 >= max_depth:
            raise GameBudget("depth")
        I = zeillinger_center(P.vertices)
        for i in reversed(I):
            k = I[1] if i == I[0] else I[0]
            # chart i: w_k = y_k * y_i, i.e. column i of B gains column k; α_i -> α_i + α_k
            B2 = [row[:] for row in B]
            for r in range(d):
                B2[r][i] = B[r][i] + B[r][k]
            pts2 = []
            for a in P.points:
                b = list(a)
                b[i] = a[i] + a[k]
                pts2.append(tuple(b))
            stack.append((B2, pts2, path + [list(I), i]))
    out.sort(key=lambda t: str(t[1]))
    return out
