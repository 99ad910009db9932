"""Simplicial refinement of the normal fan of a Newton polyhedron: the toric charts.

Each vertex ``a`` of ``P`` has the normal cone ``C_a`` spanned by the normals of the facets
through ``a``.  A cone with exactly ``d`` rays is a chart as it is; a larger one is split by a
regular triangulation without new rays (heights on the rays, lower envelope computed as the
vertices of ``{psi : <psi, r> <= height(r)}``).  Each simplex ``sigma`` keeps the linear
functional ``psi_sigma`` of its lift: for two simplices of one cone, ``psi_sigma - psi_tau`` is
``>= 0`` on ``sigma`` and ``<= 0`` on ``tau`` -- the disjointness witness the certificate
checker uses.  Over ``(0, 1]^d`` the charts tile the cube (Lin 2011 Lemma 5.10, Kaneko & Ueda
2010); unimodularity is not needed there.

>>> from resolve.newton import newton_polyhedron
>>> cones = chart_cones(newton_polyhedron([(2, 0), (0, 4)]))
>>> sorted((c.vertex, c.rays) for c in cones)
[((0, 4), ((1, 0), (2, 1))), ((2, 0), ((0, 1), (2, 1)))]
>>> total_volume(cones)
Fraction(1, 1)
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

from .cones import extreme_rays
from .linalg import det, rank
from .newton import NewtonPolyhedron


@dataclass(frozen=True)
class ChartCone:
    """A simplicial cone: ``rays`` (its ``d`` generators), the dual ``vertex`` and the ``lift``."""

    rays: tuple[tuple[int, ...], ...]
    vertex: tuple[int, ...]
    lift: tuple[Fraction, ...]

    @property
    def B(self) -> list[list[int]]:
        """Matrix with the rays as columns: ``B[i][j] = rays[j][i]``."""
        d = len(self.rays)
        return [[self.rays[j][i] for j in range(d)] for i in range(d)]


def _triangulate(rays: list[tuple[int, ...]], d: int, seed: int, deadline=None) -> list[tuple[tuple, tuple]]:
    """Regular triangulation of the cone spanned by ``rays``: list of (simplex rays, psi)."""
    rng = random.Random(seed)
    for attempt in range(20):
        heights = [rng.randint(1, 10 ** 6) for _ in rays]
        # homogenised polyhedron {(psi, t): t*h(r) - <psi, r> >= 0, t >= 0}
        rows = [[-x for x in r] + [h] for r, h in zip(rays, heights)] + [[0] * d + [1]]
        simplices = []
        ok = True
        for ext in extreme_rays(rows, deadline=deadline):
            t = ext[d]
            if t <= 0:
                continue
            psi = tuple(Fraction(x, t) for x in ext[:d])
            tight = [r for r, h in zip(rays, heights) if sum(p * x for p, x in zip(psi, r)) == h]
            if len(tight) != d or rank(tight) != d:
                ok = False
                break
            simplices.append((tuple(sorted(tight)), psi))
        if ok and simplices:
            return simplices
    raise ValueError("could not find a generic lifting for the triangulation")


def chart_cones(P: NewtonPolyhedron, seed: int = 0, deadline: float | None = None) -> list[ChartCone]:
    """Simplicial cones refining the normal fan of ``P``, one or more per vertex."""
    d = P.d
    out = []
    for a in P.vertices:
        rays = sorted({f.normal for f in P.incident(a)})
        if len(rays) == d:
            out.append(ChartCone(tuple(rays), a, (Fraction(0),) * d))
            continue
        for simplex, psi in _triangulate(rays, d, seed, deadline):
            out.append(ChartCone(simplex, a, psi))
    return out


def cone_volume(rays: Sequence[Sequence[int]]) -> Fraction:
    """Normalized volume of the section of a simplicial cone by ``sum(x) = 1``."""
    prod = 1
    for r in rays:
        prod *= sum(r)
    return abs(det([list(r) for r in rays])) / prod


def total_volume(cones: Sequence[ChartCone]) -> Fraction:
    """Sum of the normalized volumes; ``1`` exactly when the cones tile the orthant."""
    return sum((cone_volume(c.rays) for c in cones), Fraction(0))
