"""Newton polyhedra: facets, vertices, the tau-distance and its codimension, compact faces.

``P(K) = conv(supp K) + R^d_{>=0}`` (Varchenko 1976; Lin 2011 §4.2).  Facets are computed
exactly as the extreme rays of the homogenised polar cone
``{(v, s) : <v, a> + s >= 0 for a in supp K, v >= 0}`` (double description, :mod:`.cones`);
a ray ``(v, s)`` with ``v != 0`` is the facet ``<v, x> >= -s``.

The tau-distance (Lin 2011 Def. 4.xx / facet formula of T5 in docs/algorithm.md):
``l = max_k N_k / <v_k, tau>`` and ``theta = rank{v_k : <v_k, l tau> = N_k}`` -- the
**codimension** of the face hit by the ray, not the number of facets through the point.

>>> P = newton_polyhedron([(2, 0), (0, 4)])
>>> P.tau_distance((1, 1))
(Fraction(4, 3), 1)
>>> newton_polyhedron([(2, 2), (6, 0), (0, 6)]).tau_distance((1, 1))
(Fraction(2, 1), 2)
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

import time

from .cones import ConeError, extreme_rays
from .linalg import rank


@dataclass(frozen=True)
class Facet:
    """The facet ``{x in P : <normal, x> = N}`` of ``P`` (``<normal, x> >= N`` on ``P``)."""

    normal: tuple[int, ...]
    N: int


def minimal_points(points: Sequence[Sequence[int]]) -> list[tuple[int, ...]]:
    """Points not dominated componentwise by another point (only these matter for ``P``)."""
    pts = sorted(set(tuple(p) for p in points), key=sum)
    keep: list[tuple[int, ...]] = []
    for p in pts:
        if not any(all(a <= b for a, b in zip(q, p)) for q in keep):
            keep.append(p)
    return sorted(keep)


@dataclass(frozen=True)
class NewtonPolyhedron:
    d: int
    points: tuple[tuple[int, ...], ...]      # minimal support points
    facets: tuple[Facet, ...]
    vertices: tuple[tuple[int, ...], ...]

    def incident(self, a: Sequence[int]) -> list[Facet]:
        return [f for f in self.facets if sum(v * x for v, x in zip(f.normal, a)) == f.N]

    def tau_distance(self, tau: Sequence[int]) -> tuple[Fraction, int]:
        """``(l, theta)``: the ray ``t*tau`` enters ``P`` at ``t = l``; ``theta`` = codim of the face hit."""
        best = None
        for f in self.facets:
            den = sum(v * t for v, t in zip(f.normal, tau))
            val = Fraction(f.N, den)
            if best is None or val > best:
                best = val
        if best is None or best <= 0:
            return Fraction(0), 0
        tight = [f.normal for f in self.facets
                 if Fraction(f.N) == best * sum(v * t for v, t in zip(f.normal, tau))]
        return best, rank(tight)

    def compact_faces(self, max_faces: int = 100000) -> list[tuple[frozenset, tuple[int, ...]]]:
        """Compact faces of dimension >= 1 as ``(points on the face, an interior normal v > 0)``.

        A face is the set of support points on an intersection of facets; it is compact iff
        the sum of the normals of the facets containing it is positive in every coordinate.
        """
        on = []
        for f in self.facets:
            on.append(frozenset(p for p in self.points if sum(v * x for v, x in zip(f.normal, p)) == f.N))
        faces = set(on)
        frontier = list(faces)
        while frontier:
            nxt = []
            for F in frontier:
                for G in on:
                    H = F & G
                    if H and H not in faces:
                        faces.add(H)
                        nxt.append(H)
                        if len(faces) > max_faces:
                            raise ValueError("too many faces")
            frontier = nxt
        out = []
        for F in faces:
            if len(F) < 2:
                continue
            normals = [f.normal for f, pts in zip(self.facets, on) if F <= pts]
            v = tuple(sum(n[i] for n in normals) for i in range(self.d))
            if all(x > 0 for x in v):
                out.append((F, v))
        return sorted(out, key=lambda t: (len(t[0]), sorted(t[0])))


def newton_polyhedron(support: Sequence[Sequence[int]], max_rays: int = 20000,
                      deadline: float | None = None) -> NewtonPolyhedron:
    """Exact Newton polyhedron of a finite set of exponent vectors (non-empty, not containing 0)."""
    pts = minimal_points(support)
    d = len(pts[0])
    rows = [list(p) + [1] for p in pts] + [[int(i == j) for j in range(d)] + [0] for i in range(d)]
    facets = []
    for r in extreme_rays(rows, max_rays=max_rays, deadline=deadline):
        v, s = r[:d], r[d]
        if any(v):
            facets.append(Facet(tuple(v), -s))
    facets.sort(key=lambda f: (f.normal, f.N))
    vertices = []
    for p in pts:
        if deadline is not None and time.monotonic() > deadline:
            raise ConeError("time budget exhausted")
        tight = [f.normal for f in facets if sum(v * x for v, x in zip(f.normal, p)) == f.N]
        if rank(tight) == d:
            vertices.append(p)
    return NewtonPolyhedron(d, tuple(pts), tuple(facets), tuple(sorted(vertices)))
