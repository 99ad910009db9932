"""Step ``stratified`` of the group rule: a ``linear`` step whose parameter matrix drops rank on a
smooth parameter locus.

Setting (as for ``linear``, :func:`rlct.groups.linear_step`): generators ``g_i = L^{μ_i}·F_i·q_i``
(``i ∈ I``) whose ``q_i`` vanish on ``{L = 0}`` and have linear terms ``Σ_{y∈Y} M_iy(P)·y`` in
two-sided locals ``Y`` with ``e = 0`` that divide no ``μ`` and occur in no other generator.  At a
parameter point ``p`` where some ``k``-minor of ``M`` (``k = |I|``) is non-zero the ``q_i`` are
coordinates (inverse function theorem), so the local value there is that of the ``off`` problem
(``g_i ↦ L^{μ_i}·F_i·y_i``).  Where every ``k``-minor vanishes it is not, and the plain step
declines.  The stratified step splits the points of the cube:

* ``off``: the points where some ``k``-minor is non-zero.  There the local value equals the
  ``off`` problem's local value, which is at least the ``off`` problem's value (its minimum over
  the whole cube);
* ``locus``: the points where every ``k``-minor vanishes.  Some of the minors, scaled,
  ``φ_r = s_r·minor_r`` (``r = 1..c``), are *triangular*: ``φ_r = a_r·x_{j_r} + ψ_r`` with
  ``a_r`` a non-zero constant, ``ψ_r`` free of ``x_{j_r}, …, x_{j_c}``.  Then
  ``y_r = φ_r(P)``, ``x' = P∖J`` are polynomial coordinates of the parameter space (inverse
  polynomial, constant Jacobian ``Π a_r``); every point where the minors vanish has ``y = 0`` and
  ``x' ∈ cube``, so in these coordinates, with the ``y_r`` *local* (role ``L``, two-sided,
  ``e = 0``), the ``locus`` problem's value is at most the local value at every such point;
* hence ``value >= min(off, locus)``.  Upper bounds: a ``box`` inside the cube (any program;
  the value on a sub-box is at least the value) and, when the locus's base points
  ``x_J = h(x')`` (``y = 0``) stay in the cube for every ``x'`` in the cube (every ``h_r`` has
  ``Σ |coefficients| <= 1``), the ``locus`` value itself.  The step is exact when the lower bound
  equals the smallest upper bound.

The search here (engine side) only proposes; :mod:`rlct.checker_stratified` re-derives every
claim from the certificate.
"""
from __future__ import annotations

import itertools
from fractions import Fraction

from resolve.poly import Poly

MAX_MINORS = 60        # k-minors computed for the locus
MAX_LOCUS = 4          # equations of the locus
MAX_COMPONENTS = 3     # loci (factors of a minor) solved one by one


def _linear_in(f: Poly, j: int):
    """``(a, ψ)`` when ``f = a·x_j + ψ`` with ``a`` a non-zero constant and ``ψ`` free of ``x_j``."""
    a = Fraction(0)
    psi = {}
    for e, c in f.terms.items():
        if e[j] == 0:
            psi[e] = c
        elif e[j] == 1 and not any(x for i, x in enumerate(e) if i != j):
            a = c
        else:
            return None
    if not a:
        return None
    return a, Poly(f.nvars, psi)


def base_point_map(phis, d: int):
    """``x_{j_r} = h_r(x')`` on ``{y = 0}``: the parametrisation of the locus by the other parameters
    (``phis = [(j_r, a_r, ψ_r)]``, triangular)."""
    h = {}
    for j, a, psi in phis:
        X = psi.scale(-1 / a)
        for jj, hh in h.items():   # earlier pivots in ψ_r are the earlier h
            if jj in X.used_vars():
                X = X.substitute(jj, hh)
        h[j] = X
    return h


def to_locus_coordinates(f: Poly, phis) -> Poly:
    """``f`` in the coordinates ``y_r = φ_r`` (kept in the slot ``j_r``): the pivots are replaced
    last to first by ``x_{j_r} = (y_r − ψ_r)/a_r``."""
    d = f.nvars
    for j, a, psi in reversed(phis):
        if j in f.used_vars():
            X = (Poly.variable(d, j) - psi).scale(1 / a)
            f = f.substitute(j, X)
    return f


def _inside(psi: Poly, a: Fraction) -> bool:
    """``x_j = −ψ/a`` stays in ``[-1, 1]`` on the cube (a heuristic for the pivot's choice; with
    earlier pivots substituted the checker decides)."""
    return sum(abs(c) for c in psi.terms.values()) <= abs(a)


def _on_locus(m: Poly, h: dict) -> Poly:
    for jj, hh in h.items():
        if jj in m.used_vars():
            m = m.substitute(jj, hh)
    return m


def _extend(chosen: list, minors: list, P: list[int]) -> list:
    """Add scaled minors to the triangular system ``chosen`` (``[(kind, ref, scale, j, a, ψ)]``)
    while one does not vanish on its zero set and is linear in a fresh pivot; ``None`` if the
    result has more than :data:`MAX_LOCUS` equations."""
    d = minors[0].nvars
    order = sorted(range(len(minors)), key=lambda i: (minors[i].degree(), len(minors[i]), i))
    for i in order:
        m = minors[i]
        h = base_point_map([(j, a, psi) for *_, j, a, psi in chosen], d)
        if _on_locus(m, h).is_zero():
            continue        # already zero on the locus chosen so far
        pivots = [c[3] for c in chosen]
        used = set()
        for c in chosen:
            used.update(c[5].used_vars())
        best = _best_pivot(m, {j for j in P if j not in pivots and j not in used})
        if best is None:
            continue        # not triangular here: left to a later step on the locus
        if len(chosen) >= MAX_LOCUS:
            break
        _, j, a, psi = best
        chosen.append(("minor", i, 1 / a, j, Fraction(1), psi.scale(1 / a)))
    return chosen


def _best_pivot(f: Poly, allowed: set):
    """The parameter ``j`` in ``allowed`` in which ``f = a x_j + ψ`` is linear with a constant
    ``a``, preferring ``ψ/a`` that keeps the cube inside and then fewer terms:
    ``(key, j, a, ψ)`` or ``None``."""
    best = None
    for j in f.used_vars():
        if j not in allowed:
            continue
        lin = _linear_in(f, j)
        if lin is None:
            continue
        a, psi = lin
        key = (not _inside(psi, a), len(psi), j)
        if best is None or key < best[0]:
            best = (key, j, a, psi)
    return best


def _triangular_start(f: Poly, P: list[int]):
    """``f`` scaled to ``x_j + ψ`` for the best pivot ``j``: ``(scale, j, ψ)`` or ``None``."""
    best = _best_pivot(f, set(P))
    if best is None:
        return None
    _, j, a, psi = best
    return 1 / a, j, psi.scale(1 / a)


def find_components(minors: list, P: list[int], factor, dominant):
    """Triangular systems whose zero sets cover the common zero set of the ``minors``.

    First one system of scaled minors (its zero set contains every common zero); else the factors
    ``A_j`` of one minor ``m0 = κ·Π A_j^{e_j}`` (every common zero is a zero of some ``A_j``), each
    linear in a pivot with a constant coefficient, each extended by scaled minors; a factor with a
    dominant constant term vanishes nowhere near the cube and gets no system.  Returns
    ``(components, cover)`` with ``cover = None`` or ``(index of m0, κ, [(A_j, e_j)])`` and a
    component ``None`` or ``[(kind, ref, scale, j, a, ψ)]`` (kind ``"minor"``: ``ref`` the minor's
    index; ``"factor"``: the factor's index); ``None`` if nothing fits."""
    one = _extend([], minors, P)
    if one:
        h = base_point_map([(j, a, psi) for *_, j, a, psi in one], minors[0].nvars)
        if all(_on_locus(m, h).is_zero() for m in minors):
            return [one], None
    i0 = min(range(len(minors)), key=lambda i: (len(minors[i]), minors[i].degree(), i))
    kappa, facs = factor(minors[i0])
    if len(facs) < 2 and one:
        return [one], None   # a single irreducible minor: the scaled-minor system covers
    comps = []
    for jf, (A, _) in enumerate(facs):
        if dominant(A):
            comps.append(None)
            continue
        start = _triangular_start(A, P)
        if start is None:
            return ([one], None) if one else None
        sc, j, psi = start
        comps.append(_extend([("factor", jf, sc, j, Fraction(1), psi)], minors, P))
    if sum(c is not None for c in comps) > MAX_COMPONENTS:
        return ([one], None) if one else None   # many loci (Vandermonde-like): left to subsum
    return comps, (i0, kappa, facs)


def inside_cube(h: dict) -> bool:
    """Every ``h_r`` maps the cube into ``[-1, 1]`` (``Σ |coefficients| <= 1``)."""
    return all(sum(abs(c) for c in p.terms.values()) <= 1 for p in h.values())


def box_candidates(P: list[int], d: int, minors: list, dominant, max_halvings: int = 5):
    """Boxes ``(a, b)`` (per parameter, half-widths ``b``) inside the cube on which some minor has a
    dominant constant term after ``x_j = a_j + b_j·x'_j``: a region away from the locus."""
    grid = (Fraction(1, 2), Fraction(-1, 2), Fraction(1, 3), Fraction(-1, 3), Fraction(0), Fraction(2, 3))
    seen = 0
    for vals in itertools.product(grid, repeat=len(P)):
        seen += 1
        if seen > 64:
            return
        pt = [Fraction(0)] * d
        for j, v in zip(P, vals):
            pt[j] = v
        nz = [m for m in minors if m.evaluate(pt) != 0]
        b = Fraction(1, 4)
        for _ in range(max_halvings if nz else 0):
            if all(abs(v) + b <= 1 for v in vals) and any(dominant(_on_box(m, P, vals, b)) for m in nz):
                yield list(vals), [b] * len(P)
                break
            b /= 2


def _on_box(m: Poly, P: list[int], a: list, b: Fraction) -> Poly:
    d = m.nvars
    for j, v in zip(P, a):
        if j in m.used_vars():
            m = m.substitute(j, Poly.constant(d, v) + Poly.variable(d, j).scale(b))
    return m


def unit_candidate(st, content, param_poly):
    """A generator ``g = μ·F·q`` (:func:`rlct.groups._content`) whose ``q`` has local terms and a
    non-zero value ``c(P) = q|_{L = 0}``: near a point where ``c != 0`` it is ``μ·F`` times a unit.
    ``(i, μ, F, q, c)`` or ``None``."""
    d = len(st.roles)
    if any(w <= 0 for w, _ in st.gens):   # K ≍ K_off needs a sum of squares
        return None
    local = [j for j in range(d) if st.roles[j] == "L"]
    best = None
    for i, (_, g) in enumerate(st.gens):
        mu, F, q = content(g, st.roles)
        c = Poly(d, {a: v for a, v in q.terms.items() if not any(a[j] for j in local)})
        if c.is_zero() or len(c) == len(q) or not param_poly(c, st.roles):
            continue
        key = (len(c), len(q), i)
        if best is None or key < best[0]:
            best = (key, i, mu, F, q, c)
    return None if best is None else best[1:]
