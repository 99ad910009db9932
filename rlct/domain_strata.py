"""Stratification of a positive-dimensional zero set over a box (rules (S)/(C) of algorithm.md
§5.1 applied globally; the theorems are stated in the docstring of :mod:`rlct.domain`).

:func:`_representations` writes ``K = c·Π Q_j`` with ``Q_j ≍ (Σ_{g in G_j} g²)^{s_j}``;
:func:`_charts` finds each piece's smooth charts ``(c, δ, cols)`` (a Jacobian minor and the
saturation ``(g_S) : δ^∞``); :func:`_bad_locus` the finite set of points outside every smooth or
normal-crossing stratum; :func:`_witnesses` and friends a checked point on each stratum;
:func:`_crossing` the value at a bad point by rule (S); :func:`_stratify` puts them together."""
from __future__ import annotations

import itertools
import time
from dataclasses import dataclass
from fractions import Fraction

from .domain_exact import (MAX_CANDIDATES, _interior_grid, _interval_sign, _is_zero,  # noqa: F401
                           _points, _q, _sample_signs, _signs, _TooMany)
from .errors import RLCTInputError

# ---------------------------------------------------------------- positive-dimensional zero sets

_NO_POINT = "stratum: a smooth stratum with no point found in the box (it may miss the box)"

MAX_GENS = 5            #: most generators of one piece for the stratification

MAX_LINES = 60          #: most lines searched for a witness point of each stratum

@dataclass
class _Piece:
    """A factor ``Q`` of ``K`` with ``Q ≍ (Σ_{g in gens} g²)^s`` (``K = c·Π Q_j``, ``c > 0``)."""

    gens: list
    s: Fraction
    charts: list | None = None   # [(c, delta, cols)]; None: V_C(gens) is finite (no smooth stratum)
    one_sign: bool = False       # a single generator proven not to change sign on the box
    two_signs: bool = False      # ... proven to take both strict signs on the box
    face: tuple | None = None    # (i, b): the generator is a multiple of x_i - b, b a bound of x_i
    weights: list | None = None  # Q = (Σ w_i g_i²)^s (sums of squares); None: Q = |F|^{2s} (a factor)
    unit: tuple | None = None    # (generator index, ±1): that generator has a strict sign on the box
    sign: int = 0                # one_sign: ±1, F >= 0 (<= 0) on the box

    def label(self) -> str:
        return " and ".join(f"{g} = 0" for g in self.gens)

def _sympy_pieces(expr, syms, s: Fraction) -> list:
    """``expr^(2s)`` as single-generator pieces ``([F_j], s·e_j)`` (factorization over Q)."""
    import sympy

    _, facs = sympy.factor_list(sympy.expand(expr), *syms)
    return [_Piece([sympy.expand(f)], s * e) for f, e in facs if sympy.Poly(f, *syms).total_degree() > 0]

def _representations(orig, expr, ideal_gens, syms) -> list:
    """Ways of writing ``K = c · Π_j Q_j`` with ``c > 0`` and ``Q_j ≍ (Σ g²)^s`` (lists of pieces).

    * factors: ``K = c Π F_j^{e_j}`` over Q, ``Q_j = |F_j|^{e_j} = (F_j²)^{e_j/2}``;
    * sums of squares as written (``ideal=``, or ``(a)**2 + 3*(b)**2`` via
      :func:`rlct.api.sos_structure`, also as a factor raised to a power): ``Q = (Σ w_i g_i²)^e``,
      ``w_i > 0``, which is ``≍ (Σ g_i²)^e``."""
    import sympy

    from .api import sos_structure

    reps = [_sympy_pieces(expr, syms, Fraction(1, 2))]
    if ideal_gens is not None:
        gens = [sympy.expand(g) for g in ideal_gens if sympy.expand(g) != 0]
        return [[_Piece(gens, Fraction(1), weights=[sympy.Integer(1)] * len(gens))]] + reps
    coeff, rest = orig.as_coeff_Mul()
    if not coeff.is_Rational or coeff <= 0:
        return reps
    pieces, other, found = [], sympy.Integer(1), False
    for fac in sympy.Mul.make_args(rest):
        base, e = fac.as_base_exp()
        sos = sos_structure(base) if base.is_Add and e.is_Integer and e > 0 else None
        if sos and len(sos) >= 2:
            pieces.append(_Piece([sympy.expand(g) for _, g in sos], Fraction(int(e)), weights=[w for w, _ in sos]))
            found = True
        else:
            other = other * fac
    if found:
        reps.insert(0, pieces + _sympy_pieces(other, syms, Fraction(1, 2)) if other != 1 else pieces)
    return reps

def _charts(piece, syms) -> None:
    """The smooth strata of ``V(gens)``: ``(c, δ, cols)`` for a ``c``-subset ``S`` of the generators
    and a non-zero ``c×c`` minor ``δ`` (columns ``cols``) of the Jacobian of ``g_S`` such that every
    generator lies in ``(g_S) : δ^∞`` (Groebner basis of ``(g_S, 1 - t δ)``).  Where ``δ(p) != 0``
    and ``g(p) = 0``, ``g_S`` are part of a coordinate system and every ``g`` is in the ideal
    ``(g_S)`` of the local ring, so ``Σ g² ≍ Σ_{S} g²``.  ``None`` if ``V_C(gens)`` is finite."""
    import sympy

    G = piece.gens
    GB = sympy.groebner(G, *syms, order="grevlex", domain="QQ")
    if GB.is_zero_dimensional or any(h.is_number for h in GB.exprs):   # finite (or empty): no stratum
        piece.charts = None
        return
    t = sympy.Dummy("t")
    out = []
    for c in range(1, min(len(G), len(syms)) + 1):
        for S in itertools.combinations(range(len(G)), c):
            J = sympy.Matrix([[sympy.diff(G[i], s) for s in syms] for i in S])
            rest = [G[i] for i in range(len(G)) if i not in S]
            for cols in itertools.combinations(range(len(syms)), c):
                delta = sympy.expand(J[:, list(cols)].det())
                if delta == 0:
                    continue
                if rest:
                    B = sympy.groebner([G[i] for i in S] + [1 - t * delta], *syms, t, order="grevlex", domain="QQ")
                    if not all(B.contains(g) for g in rest):
                        continue
                out.append((c, delta, cols))
    piece.charts = out

MAX_SINGLE = 6   #: most single-generator pieces whose crossings are stratified

def _bad_locus(pieces, syms, box):
    """``(points, crossings)``: the points of the box (each in the relative interior of its face)
    outside every smooth stratum, and the crossing strata found.  ``None`` if that set of points
    is not finite.  Bad points are: for each piece, the zeros of its generators where every chart
    minor on the face's free coordinates vanishes (singular points, rank drops, non-transversal
    contact with the face, vertices); the common zeros of a several-generator piece with another
    piece; and, for a set ``J_r`` of single-generator pieces ``F_j`` (with the face pieces of the
    face, ``J_f``, at least two pieces), the common zeros of ``F_{J_r}`` on the face where every
    ``|J_r|×|J_r|`` minor of their Jacobian on the free columns vanishes -- or all their common
    zeros when those are finitely many (then each is solved as a point).  Where such a minor is
    non-zero the pieces ``J_r ∪ J_f`` cross normally: the crossing stratum ``(J_r, J_f)``."""
    import sympy

    found, crossings, cylinders = {}, set(), []
    single = [j for j, pc in enumerate(pieces) if len(pc.gens) == 1 and not pc.face]
    multi = [j for j, pc in enumerate(pieces) if len(pc.gens) > 1]
    if len(single) > MAX_SINGLE:
        return None
    memo = {}

    def recurse(S) -> bool:
        """Pieces ``S`` (single generators) all free of some variable: a point where only pieces
        of ``S`` vanish is bad iff its projection ``q`` to their variables ``V`` is bad for the
        problem of ``S`` alone in ``V`` (every condition involves ``V`` only), and there ``K ≍
        Π_S |F_j|^{e_j}`` times a unit: the value at ``(q, y)`` is that problem's value at ``q``.
        Solve it (recursively) once: its bad points become cylinders ``{q} × box``, its crossing
        strata crossing strata here.  ``False`` if it does not apply or is not finite."""
        S = tuple(sorted(S))
        if S not in memo:
            memo[S] = False
            V = set().union(*(pieces[j].gens[0].free_symbols for j in S))
            if len(V) < len(syms) and all(len(pieces[j].gens) == 1 for j in S):
                keep = [k for k, s in enumerate(syms) if s in V]
                vs, vb = [syms[k] for k in keep], [box[k] for k in keep]
                subs = []
                for j in S:
                    pc = _Piece(pieces[j].gens, pieces[j].s)
                    _charts(pc, vs)
                    pc.face = _face_of(pc, vs, vb)
                    subs.append(pc)
                got = _bad_locus(subs, vs, vb)
                if got is not None:
                    pts, crs, cys = got
                    cylinders.extend((S, keep, q, z) for q, z in pts)
                    crossings.update((tuple(S[a] for a in Jr), tuple(S[a] for a in Jf)) for Jr, Jf in crs)
                    cylinders.extend((tuple(S[a] for a in S2), [keep[k] for k in k2], q, z) for S2, k2, q, z in cys)
                    memo[S] = True
        return memo[S]

    def add(eqs, fixed, free, fs):
        """Add the common zeros of ``eqs`` on the face; ``False`` if they are not finitely many."""
        eqs = [sympy.expand(e) for e in eqs]
        if not fs:
            if all(e == 0 for e in eqs):
                found.setdefault(tuple(fixed[s] for s in syms), True)
            return True
        pts = _points(eqs, fs, [box[i] for i in free])
        if pts is None:
            return False
        for vals, z in pts:
            sub = dict(zip(fs, vals))
            p = tuple(fixed[s] if s in fixed else sub[s] for s in syms)
            if found.get(p) is not True:
                found[p] = z
        return True

    for where in itertools.product(*[("free", 0, 1)] * len(syms)):
        fixed = {s: _q(b[w]) for s, b, w in zip(syms, box, where) if w != "free"}
        free = [i for i, w in enumerate(where) if w == "free"]
        fs = [syms[i] for i in free]
        on_face = tuple(j for j, pc in enumerate(pieces) if pc.face and fixed.get(syms[pc.face[0]]) == _q(pc.face[1]))
        for j, pc in enumerate(pieces):
            if j in on_face:   # a face piece t^e on its own face: t is a coordinate, all good
                continue
            eqs = [g.xreplace(fixed) for g in pc.gens]
            if pc.charts is not None:
                eqs += [dl.xreplace(fixed) for _, dl, cols in pc.charts if set(cols) <= set(free)]
            if not add(eqs, fixed, free, fs) and not _enters(pc, fixed, free, syms, box) and not recurse((j,)):
                return None
        for k in multi:
            for l in range(len(pieces)):
                if l != k and (l not in multi or l > k):
                    if not add([g.xreplace(fixed) for g in pieces[k].gens + pieces[l].gens], fixed, free, fs):
                        return None
        for r in range(len(single) + 1):
            for Jr in itertools.combinations(single, r):
                if r + len(on_face) < 2:
                    continue
                eqs = [pieces[j].gens[0].xreplace(fixed) for j in Jr]
                if not fs or not Jr:
                    if fs:
                        crossings.add((Jr, on_face))      # only face pieces: the whole face
                    elif not add(eqs, fixed, free, fs):
                        return None
                    continue
                if add(eqs, fixed, free, fs):             # finitely many: solved point by point
                    continue
                grads = [[sympy.diff(e, fs[c]) for c in range(len(fs))] for e in eqs]
                minors = [sympy.Matrix([[g[c] for c in cols] for g in grads]).det()
                          for cols in itertools.combinations(range(len(fs)), r)]
                if minors and add(eqs + minors, fixed, free, fs):
                    crossings.add((Jr, on_face))
                elif not recurse(Jr + on_face):
                    return None
    return list(found.items()), crossings, cylinders

def _enters(pc, fixed, free, syms, box) -> bool:
    """Whether a single generator ``F`` has, on the whole face, two face coordinates whose signed
    partials (sign: pointing into the box) are proven of opposite strict signs (:func:`_signs`).
    Then at every zero of ``F`` on the face the tangent hyperplane meets the interior of the box's
    tangent cone, so (as in :func:`_crossing`) the value there is ``(1/(2s), 1)`` and interior smooth
    zeros of ``F`` lie arbitrarily near: such zeros add nothing to ``F``'s smooth stratum."""
    import sympy

    if len(pc.gens) != 1 or pc.face:
        return False
    fs, fbox = [syms[i] for i in free], [box[i] for i in free]
    signs = set()
    for s, v in fixed.items():
        i = syms.index(s)
        side = 1 if v == _q(box[i][0]) else -1
        got = _signs(sympy.expand(side * sympy.diff(pc.gens[0], s).xreplace(fixed)), fs, fbox)
        if got in ({1}, {-1}):
            signs |= got
    return signs == {1, -1}

def _crossing_witness(Jr, Jf, pieces, syms, box):
    """A point of the crossing stratum ``(J_r, J_f)``: on the face of the face pieces ``J_f``, the
    common zeros of ``F_{J_r}`` with ``|J_r|`` free coordinates solved for (the others on interior
    grid points), checked exactly: a non-zero minor on the free columns, no other piece vanishing."""
    import sympy

    fixed = {pieces[j].face[0]: _q(pieces[j].face[1]) for j in Jf}
    free = [k for k in range(len(syms)) if k not in fixed]
    others = [pc for k, pc in enumerate(pieces) if k not in Jr and k not in Jf]
    r = len(Jr)
    for unknown in itertools.combinations(free, r):
        params = [k for k in free if k not in unknown]
        for vals in itertools.islice(itertools.product(*[_interior_grid(*box[k]) for k in params]), MAX_LINES):
            sub = {syms[k]: v for k, v in fixed.items()}
            sub.update({syms[k]: _q(v) for k, v in zip(params, vals)})
            us = [syms[k] for k in unknown]
            try:
                pts = _points([sympy.expand(pieces[j].gens[0].xreplace(sub)) for j in Jr], us,
                              [box[k] for k in unknown]) if r else [((), True)]
            except _TooMany:
                pts = None
            for vals_u, z in pts or []:
                if z is not True:
                    continue
                full = dict(sub)
                full.update(zip(us, vals_u))
                if any(all(_is_zero(sympy.expand(g.xreplace(full))) is not False for g in pc.gens) for pc in others):
                    continue
                if r:
                    grads = [[sympy.diff(pieces[j].gens[0], syms[k]).xreplace(full) for k in free] for j in Jr]
                    minors = (sympy.Matrix([[g[c] for c in cols] for g in grads]).det()
                              for cols in itertools.combinations(range(len(free)), r))
                    if not any(_is_zero(sympy.expand(mn)) is False for mn in minors):
                        continue
                return tuple(full[s] for s in syms)
    return None

def _crossing(p, rep, syms, box):
    """Rule (S) of algorithm.md §5.1 at a bad point ``p`` where only single-generator pieces
    ``|F_i|^{2 s_i}`` vanish: ``(λ, m, note)`` or ``None``.

    * Normal crossing: a non-zero ``r×r`` minor of ``(∂F_i/∂x_k)(p)`` on columns ``k`` free at
      ``p``: ``(F_1..F_r, t_T, rest)`` are coordinates, ``K ≍ Π |F_i|^{2 s_i}`` on ``{t >= 0}``
      and, integrating ``t`` and the rest out, T1 gives ``λ = min 1/(2 s_i)``, ``m`` = #attaining.
      Face pieces ``|x_i - b|^e`` (:func:`_face_of`) enter as their own one-sided coordinate
      ``t_i`` (T1 holds on ``t_i >= 0``) and are left out of the minor.
    * One regular ``F`` (``r = 1``, free partials zero) whose signed partials along the face
      coordinates (sign: pointing into the box) take both strict signs: the tangent hyperplane
      meets the interior of the box's tangent cone, so by the implicit function theorem ``V(F)``
      has interior points arbitrarily near ``p``, of value ``1/(2s)`` (T2: ``λ_p <= 1/(2s)``); the
      one-sided value is ``>=`` the two-sided ``(1/(2s), 1)``, and when equal its ``m`` is ``<= 1``
      (the two-sided ζ is the sum of the orthants' ζ, each with a positive leading coefficient).
    All decisions exact (``_is_zero``; signs by :func:`rlct.algebraic.sign`)."""
    import sympy

    from .algebraic import Undecided, sign

    sub = dict(zip(syms, p))
    vanish = []
    for pc in rep:
        zs = [_is_zero(sympy.expand(g.xreplace(sub))) for g in pc.gens]
        if None in zs:
            return None
        if all(zs):
            vanish.append(pc)
    side = {i: (1 if v == _q(lo) else -1) for i, (v, (lo, hi)) in enumerate(zip(p, box)) if v in (_q(lo), _q(hi))}
    free = [i for i in range(len(syms)) if i not in side]
    if len(vanish) == 1 and len(vanish[0].gens) > 1:   # one sum of squares Σ g², all g independent:
        G = vanish[0].gens                              # (g) are coordinates, (Σ g²)^s: c/(2s)
        grads = [[sympy.expand(sympy.diff(g, syms[i]).xreplace(sub)) for i in free] for g in G]
        for cols in itertools.combinations(range(len(free)), len(G)):
            if _is_zero(sympy.expand(sympy.Matrix([[g[c] for c in cols] for g in grads]).det())) is False:
                return Fraction(len(G)) / (2 * vanish[0].s), 1, "smooth complete intersection (rule C)"
        return None
    if not vanish or any(len(pc.gens) != 1 for pc in vanish):
        return None
    vals = [Fraction(1) / (2 * pc.s) for pc in vanish]
    rest = [pc for pc in vanish if not pc.face]     # face pieces: t_i itself is a coordinate
    grads = [[sympy.expand(sympy.diff(pc.gens[0], s).xreplace(sub)) for s in syms] for pc in rest]
    if not rest and len(vanish) > 1:
        lam = min(vals)
        return lam, vals.count(lam), "normal crossing of faces (rule S)"
    for cols in itertools.combinations(free, len(rest)):
        if _is_zero(sympy.expand(sympy.Matrix([[g[i] for i in cols] for g in grads]).det())) is False:
            lam = min(vals)
            return lam, vals.count(lam), "normal crossing (rule S)"
    if len(vanish) != len(rest):
        return None
    if len(vanish) == 1 and side:
        signs = set()
        for i, sd in side.items():
            z = _is_zero(grads[0][i])
            if z is None:
                return None
            if not z:
                try:
                    signs.add(sd * sign(grads[0][i]))
                except (Undecided, RLCTInputError):
                    return None
        if signs == {1, -1}:
            return vals[0], 1, "smooth zero set entering the box at a face (rule S)"
    if rest:   # the same for several pieces, by exact linear algebra over Q(p)
        fcols = {pc.face[0] for pc in vanish if pc.face}
        cols = [i for i in range(len(syms)) if i not in fcols]
        irr = list(dict.fromkeys(v for v in p if not v.is_Rational))
        if _cone_meets([[g[i] for i in cols] for g in grads], [side.get(i, 0) for i in cols], irr):
            lam = min(vals)
            return lam, vals.count(lam), "normal crossing entering the box at a face (rule S)"
    return None

def _cone_meets(A, sides, irr=()) -> bool:
    """Whether some ``y`` with ``A y = 0`` has ``sides[i] * y_i > 0`` wherever ``sides[i] != 0``
    (exact: null space over ``Q(p)``, then Fourier-Motzkin elimination on ``σ_i (N z)_i >= 1``, signs of
    field elements by :func:`rlct.algebraic.sign`).

    Used at a zero ``p`` on a face where the pieces ``F_J`` cross normally two-sidedly
    (``A = ∂F_J(p)`` of full rank; face pieces' own coordinates left out, ``y`` tangent to their
    face): then the crossing manifold ``V(F_J)`` has points strictly inside the box's part of
    that face arbitrarily near ``p`` (implicit function theorem), all of value ``(λ_J, m_J)``, so by
    localization (T2) the one-sided value at ``p`` is ``⪯ (λ_J, m_J)``; it is also ``⪰`` the value
    over the larger region where only the face pieces' coordinates are one-sided, which is
    ``(λ_J, m_J)`` by T1 (a region's ζ is the sum of its parts' ζ, each with a positive leading
    coefficient, so a part never has a larger pole order at the same pole)."""
    import sympy
    from sympy import QQ
    from sympy.polys.matrices import DomainMatrix

    from .algebraic import Undecided, sign

    K = QQ.algebraic_field(*irr) if irr else QQ
    try:
        M = DomainMatrix([[K.from_sympy(sympy.sympify(e)) for e in row] for row in A],
                         (len(A), len(A[0])), K)
        if M.rank() != len(A):
            return False
        N = M.nullspace().to_list()          # rows: a basis of the null space
    except Exception:  # noqa: BLE001 -- an unsupported number: undecided, stay conservative
        return False
    if not N:
        return False

    def sgn(x) -> int:
        return 0 if not x else (1 if x > 0 else -1) if K == QQ else sign(K.to_sympy(x))

    rows = [([K.convert(sd) * v[i] for v in N], K.one) for i, sd in enumerate(sides) if sd]
    try:
        for k in range(len(N)):    # eliminate z_k: rows are (coefficients, rhs) meaning c·z >= rhs
            s = [sgn(r[0][k]) for r in rows]
            pos = [r for r, t in zip(rows, s) if t > 0]
            neg = [r for r, t in zip(rows, s) if t < 0]
            out = [r for r, t in zip(rows, s) if t == 0]
            for cp, bp in pos:
                for cn, bn in neg:
                    a, b = -cn[k], cp[k]
                    out.append(([a * x + b * y for x, y in zip(cp, cn)], a * bp + b * bn))
            rows = out
            if len(rows) > 4000:
                return False
        return all(sgn(rhs) <= 0 for _, rhs in rows)
    except (Undecided, RLCTInputError):
        return False

def _face_of(pc, syms, box):
    """``(i, b)`` when the piece is ``|x_i - b|^e`` with ``b`` a bound of ``x_i`` (its zero set is a
    face of the box), else ``None``.  On ``{x_i = b}``, ``t = ±(x_i - b) >= 0`` is a coordinate, so
    at a point where no other piece vanishes ``K ≍ t^e`` on ``{t >= 0}`` (the other face
    coordinates integrate out): ``(1/e, 1)``, the value ``c/(2s)`` with ``c = 1``."""
    import sympy

    if len(pc.gens) != 1:
        return None
    P = sympy.Poly(pc.gens[0], *syms)
    if P.total_degree() != 1 or len(P.free_symbols) != 1:
        return None
    i = syms.index(next(iter(P.free_symbols)))
    a, c = P.coeff_monomial(syms[i]), P.coeff_monomial(1)
    b = Fraction(int((-c / a).p), int((-c / a).q))
    return (i, b) if b in box[i] else None

def _face_witness(j, pieces, syms, box):
    """A rational point in the relative interior of the face of the face piece ``j`` where no
    other piece vanishes (exact evaluation), or ``None``."""
    import sympy

    i, b = pieces[j].face
    others = [k for k in range(len(syms)) if k != i]
    for vals in itertools.islice(itertools.product(*[_interior_grid(*box[k]) for k in others]), MAX_LINES):
        pt = [None] * len(syms)
        pt[i] = _q(b)
        for k, v in zip(others, vals):
            pt[k] = _q(v)
        sub = dict(zip(syms, pt))
        if all(any(sympy.expand(g.xreplace(sub)) != 0 for g in pk.gens) for k, pk in enumerate(pieces) if k != j):
            return tuple(pt)
    return None

def _witnesses(pieces, syms, box, deadline):
    """For each smooth stratum ``(piece j, codim c)``, a point of it in the box, found on
    axis-parallel lines through interior grid points of the box and of its facets (a root of an
    irreducible factor ``q`` over Q of the gcd of the generators on the line, in the open range;
    the point is on the stratum when ``q`` divides no chart minor ``δ`` of codim ``c`` on the line
    -- on a facet only minors on its free columns count, i.e. the crossing is transversal -- and
    every other piece has a generator not divisible by ``q``: exact polynomial arithmetic over Q)."""
    import sympy

    t = sympy.Dummy("t")
    out = {}
    want = {(j, c) for j, pc in enumerate(pieces) for c, _, _ in (pc.charts or [])}
    grids = [_interior_grid(lo, hi) for lo, hi in box]
    faces = [{}] + [{k: b} for k in range(len(syms)) for b in box[k]]     # the box, then its facets
    lines = 0
    for fixed_face in faces:
        for i, s in enumerate(syms):
            if i in fixed_face:
                continue
            others = [k for k in range(len(syms)) if k != i and k not in fixed_face]
            free = set(range(len(syms))) - set(fixed_face)
            for vals in itertools.product(*[grids[k] for k in others]):
                if not want - set(out) or lines >= MAX_LINES * len(syms) * 2 or time.monotonic() > deadline:
                    return out
                lines += 1
                sub = {syms[k]: _q(v) for k, v in zip(others, vals)}
                sub.update({syms[k]: _q(b) for k, b in fixed_face.items()})
                sub[s] = t
                on = lambda e: sympy.Poly(sympy.expand(e.xreplace(sub)), t, domain="QQ")  # noqa: E731
                for j, pc in enumerate(pieces):
                    cs = {c for jj, c in want - set(out) if jj == j}
                    if not cs:
                        continue
                    polys = [on(g) for g in pc.gens]
                    h = polys[0]
                    for p in polys[1:]:
                        h = h.gcd(p)
                    if h.is_zero:     # the whole line is in V(gens): take its rational mid point
                        h = sympy.Poly(t - _q((box[i][0] + box[i][1]) / 2), t, domain="QQ")
                    if h.degree() <= 0:
                        continue
                    for q, _ in h.factor_list()[1]:
                        roots = [r for r in sympy.real_roots(q) if bool(r > _q(box[i][0])) and bool(r < _q(box[i][1]))]
                        if not roots:
                            continue
                        if any(all(on(g).rem(q).is_zero for g in pk.gens) for k, pk in enumerate(pieces) if k != j):
                            continue
                        for c, dl, cols in pc.charts:
                            if (c in cs and (j, c) not in out and set(cols) <= free
                                    and not on(dl).rem(q).is_zero):
                                pt = [None] * len(syms)
                                pt[i] = roots[0]
                                for k, v in list(zip(others, vals)) + list(fixed_face.items()):
                                    pt[k] = _q(v)
                                out[(j, c)] = tuple(pt)
    return out

@dataclass
class _Stratum:
    """A smooth stratum: every point of it has the local value ``(lam, m)``."""

    equations: list
    codim: int
    lam: Fraction
    m: int
    witness: tuple | None
    label: str
    odd: str | None = None     # a factor of odd power changing sign on it (then K < 0 nearby)

def _stratify(rep, syms, box, deadline):
    """One representation's strata: ``(strata, bad)`` with ``strata`` a list of
    :class:`_Stratum` and ``bad`` the finite bad locus ``[(point, is_zero)]``; ``None`` with a
    reason when it does not apply (too many generators, a bad locus that is not finite)."""
    if any(len(pc.gens) > MAX_GENS or not pc.gens for pc in rep):
        return None, "too many generators"
    # a piece with a generator of strict sign on the box has no zero there: a positive unit of K
    for pc in rep:
        for i, g in enumerate(pc.gens):
            sg = _interval_sign(g, syms, box) or {frozenset({1}): 1, frozenset({-1}): -1}.get(
                frozenset(_signs(g, syms, box) or ()), 0)
            if sg:
                pc.unit = (i, sg)
                break
    rep = [pc for pc in rep if pc.unit is None]
    for pc in rep:
        _charts(pc, syms)
        pc.face = _face_of(pc, syms, box)
        signs = _signs(pc.gens[0], syms, box) if len(pc.gens) == 1 and not pc.face else None
        pc.one_sign = signs is not None and not {1, -1} <= signs
        pc.sign = (-1 if -1 in signs else 1) if pc.one_sign else 0
        pc.two_signs = len(pc.gens) == 1 and not pc.face and (
            (signs is not None and {1, -1} <= signs) or {1, -1} <= _sample_signs(pc.gens[0], syms, box))
    got = _bad_locus(rep, syms, box)
    if got is None:
        return None, ("the non-smooth part of the zero set (singular points, rank drops, contact with the "
                      "box's faces) is not finite")
    bad, crossings, cylinders = got
    wit = _witnesses(rep, syms, box, deadline)
    for j, pc in enumerate(rep):
        if pc.face:
            wit[(j, 1)] = _face_witness(j, rep, syms, box)
    strata = []
    for j, pc in enumerate(rep):
        if pc.one_sign:   # F >= 0 (or <= 0) on the box: every zero is a critical point of F on its
            continue      # face, i.e. in the bad locus; the smooth stratum (F changes sign) is empty
        codims = sorted({c for c, _, _ in pc.charts or []})
        for c in codims:
            label = pc.label() + (f" (its smooth part of codim {c})" if len(codims) > 1 else "")
            odd = pc.gens[0] if pc.s.denominator == 2 and len(pc.gens) == 1 and not pc.face else None
            w = wit.get((j, c))
            if w is None and c == 1 and pc.two_signs and _coprime_to_others(j, rep, syms):
                w = _SIGN_CHANGE
            strata.append(_Stratum([f"{g} = 0" for g in pc.gens], c, Fraction(c) / (2 * pc.s), 1,
                                   w, label, odd))
    for Jr, Jf in sorted(crossings):
        if any(rep[j].one_sign for j in Jr):
            continue      # no point where such an F vanishes is smooth and transversal
        J = sorted(Jf + Jr)
        vals = [Fraction(1) / (2 * rep[j].s) for j in J]
        eqs = [f"{rep[j].gens[0]} = 0" for j in J]
        w = _crossing_witness(Jr, Jf, rep, syms, box) if time.monotonic() < deadline else None
        strata.append(_Stratum(eqs, len(J), min(vals), vals.count(min(vals)), w,
                               " and ".join(eqs) + " (normal crossing)"))
    cyl = []
    for S, keep, q, z in dict.fromkeys((S, tuple(keep), q, z) for S, keep, q, z in cylinders):
        w = _cylinder_witness(S, keep, q, rep, syms, box) if z is True and time.monotonic() < deadline else None
        cyl.append(([rep[j] for j in S], list(keep), q, z, w))
    return (strata, bad, cyl), ""

_SIGN_CHANGE = "(exists: the factor takes both signs in the box)"

def _coprime_to_others(j, pieces, syms) -> bool:
    """Whether every other piece has a generator not divisible by ``F_j`` (exact division over Q).

    Used with :func:`_signs`: if the irreducible ``F = F_j`` takes both strict signs on the box
    (``d >= 2``), its smooth stratum has points strictly inside the box where no other piece
    vanishes.  Proof: ``Sing(F) = V(F, ∇F)`` has dimension ``<= d - 2`` (``F`` is squarefree), so
    the open box minus it is connected and ``F`` takes both signs there: it vanishes at a regular
    interior point, and near it ``V(F)`` is a ``(d-1)``-manifold.  Another piece vanishes there
    only on ``V(F, g)`` for a generator ``g`` coprime to ``F``, of dimension ``<= d - 2``."""
    import sympy

    F = sympy.Poly(pieces[j].gens[0], *syms, domain="QQ")
    return all(any(not sympy.Poly(g, *syms, domain="QQ").rem(F).is_zero for g in pk.gens)
               for k, pk in enumerate(pieces) if k != j)

def _cylinder_witness(S, keep, q, pieces, syms, box):
    """A point ``(q, y)`` with ``y`` an interior grid point of the other coordinates' box where no
    piece outside ``S`` vanishes (exact), or ``None``."""
    import sympy

    rest = [k for k in range(len(syms)) if k not in keep]
    for vals in itertools.islice(itertools.product(*[_interior_grid(*box[k]) for k in rest]), MAX_LINES):
        pt = [None] * len(syms)
        for k, v in zip(keep, q):
            pt[k] = v
        for k, v in zip(rest, vals):
            pt[k] = _q(v)
        sub = dict(zip(syms, pt))
        if all(any(_is_zero(sympy.expand(g.xreplace(sub))) is False for g in pk.gens)
               for k, pk in enumerate(pieces) if k not in S):
            return tuple(pt)
    return None
