"""Group blow-ups with parameters: the Aoyagi-type recursion, derived from ``K`` (rule ``group``).

Models built from products of parameter blocks (reduced-rank regression, deep linear networks,
tanh networks) are homogeneous in blocks of variables.  Blowing up the origin of one block ``S``
(a smooth centre) gives charts ``w_k = t``, ``w_j = t·v_j`` (``j ∈ S∖k``, ``|v_j| <= 1``) in which
generators lose a power of ``t`` and often become linear in a variable with a constant
coefficient.  The new coordinates ``v_j`` range over a whole cube, so the chart is a *parameter
problem*:

* ``K = Σ w_i g_i²`` on variables with roles ``"L"`` (local: near 0, with the exponent ``e_j`` of
  ``|y_j|`` in prior x Jacobian, two- or one-sided), ``"P"`` (parameter: any point of a
  neighbourhood of the cube ``[-1, 1]``; taking the closed cube slightly enlarged keeps every
  point two-sided, and overlapping charts are harmless for a minimum) and ``"G"`` (occurs in no
  generator: a smooth factor of the integral, no pole);
* its value is the minimum over the points ``p`` of the cube of the local ``(λ, m)`` at
  ``(L = 0, P = p)``, ``m`` the maximum over the minimizers (the zeta function of a
  neighbourhood of the compact set ``{L = 0} × cube``).

Steps (each verified by :mod:`rlct.checker`):

* ``blowup``: ``S`` local, two-sided, ``e = 0``, every generator homogeneous in ``S``: the
  charts ``k ∈ S`` cover; ``t = w_k`` gets ``e = |S| − 1``, the ``v_j`` become parameters;
* ``eliminate``: a generator ``g = μ·F·(u·x + r)`` with ``μ`` a monomial in local variables,
  ``F`` a parameter polynomial, ``x`` local, two-sided, ``e_x = 0``, ``r`` free of ``x`` and zero
  on ``{L = 0}``, and ``u`` a unit near ``{L = 0} × cube`` (on ``L = 0`` a parameter polynomial
  whose constant term exceeds the sum of the other coefficients' absolute values): in the
  coordinate ``x' = u·x + r`` (an automorphism fixing ``{L = 0} × cube``, Jacobian ``u``)
  ``g = μ·F·x'``, and the other generators times the unit ``u^{deg_x}`` are polynomials
  (Lin 2011 Prop 4.3 and Cor 3.12);
* ``linear``: generators linear in some locals ``Y`` with a parameter matrix of full rank at
  every point of the cube become coordinates (:func:`linear_step`);
* ``shift``: ``x' = x + c(P)·y`` for two locals (``x`` two-sided, ``e_x = 0``): a polynomial
  automorphism with Jacobian 1 fixing ``y``, the parameters and ``{L = 0} × cube``; taken where a
  generator depends on ``x, y`` only through ``x + c·y`` and followed by
* ``rowop``: ``g_j ↦ g_j − c(P)·g_i`` (same ideal); together they absorb a blown-up block's
  parameter matrix ``V`` into the next block (``W2·V``: the column with the unit entry becomes a
  coordinate column, the other one ``det V`` times a column of ``W2``), :func:`shift_step`;
* ``subdivide``: the cube halved along a parameter (each half mapped back onto the cube), where
  on smaller boxes some pivot coefficient is a unit (:func:`split_candidates`);
* ``recombine``: the generators replaced by another basis of their Q-span (same ideal);
* ``reduce``: a generator that is a monomial ``c·μ`` removes from the others every term
  divisible by ``μ`` (same ideal, so ``K ≍ K'`` on compact sets; Lin 2011 Cor 3.12);
* ``separated``: every ``g_i = c_i(P)·h_i(L)``.  Let ``F_1..F_s`` be the irreducible factors of
  the ``c_i``.  If every set ``F_I`` with a common complex zero is a smooth complete intersection
  (``<F_I, |I|-minors of the Jacobian> = <1>``), then at ``p`` the vanishing ``F_j`` are
  coordinates and the local problem is ``K_I = Σ w_i c'_i² Π_{j∈I} y_j^{2 m_ij} h_i²``
  (``I = I(p)``); ``K_I`` only grows more singular as ``I`` grows (``K_J <= C·K_I`` for
  ``I ⊆ J``), so every point is at least the minimum over the maximal sets with a common zero
  (a factor with a dominant constant term vanishes nowhere near the cube and is left out).  A
  case is attained at ``p = 0`` (``I0 = {j : F_j(0) = 0}``) or at a rational witness point of
  the cube where exactly its factors vanish (:func:`cube_witnesses`); it is exact when an
  attained case is the minimum;
* ``subsum``: when the factors of all the ``c_i`` fail that test (or are too large for it),
  a subset ``S`` of the generators whose factors pass it: ``K >= K_S = Σ_{i∈S} w_i g_i²``, so
  at every point the local value is at least ``K_S``'s (comparison, Lin 2011 Prop 3.11; Watanabe
  2009 §7), hence at least the minimum of ``K_S``'s maximal cases; a rational witness point at
  which the vanishing factors of *all* the ``c_i`` have independent differentials has the full
  local problem ``K_{I(p)}``; when its value equals that bound it is the value (T2: the value is
  a minimum over the points).  This is the step that decides Vandermonde-type parameter loci
  (tanh networks), whose full locus is singular where several units collide;
* ``stratified`` (:mod:`rlct.groups_strata`, checked by :mod:`rlct.checker_stratified`): a
  ``linear`` step whose matrix drops rank on a parameter locus (kind ``linear``), or a generator
  ``μ·F·q`` whose ``q`` is a unit except where its value ``c(P)`` on ``{L = 0}`` vanishes (kind
  ``unit``).  Off the locus the step is valid (problem ``off``); the locus is covered by
  components given by triangular equations (scaled minors, or the factors of one minor), which
  become local coordinates (one problem per component; it may blow up once more than
  ``MAX_LEVEL`` allows).  ``value >= min(off, components)``, attained by a component whose base
  points stay in the cube or by a box away from the locus.  Tried before ``separated`` unless a
  halving of the cube settles a pivot (then after ``subdivide``); kind ``unit`` after
  ``subdivide``; each attempt within :data:`STRATIFIED_SECONDS`.  This decides ``det`` of a
  generic 3×3 matrix (rows parallel) and the 4-layer deep linear network 2x2x2x2x2.

Anything else (no homogeneous block, a chart not separated after the allowed levels, a
singular intersection, a case not exact) makes the rule decline, and the solver goes on with the
orthant split and the charts.
"""
from __future__ import annotations

import itertools
import time
from dataclasses import dataclass
from fractions import Fraction

from resolve.poly import Poly, TooLarge, from_flint, sum_of_squares, to_flint
from resolve.zeros import common_zero_free

from .rules import factor
from .values import combine_min

MAX_LEVEL = 3          # nested block blow-ups
MAX_TERMS = 20_000     # terms in any generator
MAX_FACTORS = 8        # irreducible parameter factors in a separated problem
MAX_PARAMS = 10         # parameters occurring in a separated problem
MAX_GROUPS_TRIED = 3   # candidate blocks tried per level
MAX_SPLITS = 3         # nested halvings of the parameter cube along one branch
MAX_GB_TERMS = 40      # Groebner bases (sympy, not interruptible) only for small factor sets
MAX_GB_DEGREE = 6
SUBMERSION_SECONDS = 3.0   # time share of the (exploratory) submersion step's sub-problem
STRATIFIED_SECONDS = 6.0   # time share of a stratified step (with its locus problems)
MAX_STRATIFIED_DEPTH = 2   # nested stratified steps whose locus problem gets one more blow-up level


class NoGo(Exception):
    """The group rule does not finish this problem (the solver falls back)."""


@dataclass(frozen=True)
class PState:
    """A parameter problem: generators ``(w, g)``, roles ``L/P/G``, exponents ``e``, sides."""

    gens: tuple
    roles: tuple
    e: tuple
    sides: tuple

    def record(self) -> dict:
        return {"gens": [[str(w), g.to_terms()] for w, g in self.gens], "roles": list(self.roles),
                "e": list(self.e), "sides": list(self.sides)}


def normalize(st: PState) -> PState:
    """Drop zero generators; variables in no generator get role ``"G"``."""
    gens = tuple((w, g) for w, g in st.gens if not g.is_zero())
    used = set()
    for _, g in gens:
        used.update(g.used_vars())
    roles = tuple(r if i in used else "G" for i, r in enumerate(st.roles))
    return PState(gens, roles, st.e, st.sides)


def recombine_step(st: PState):
    """The generators' span in reduced row echelon form (weights 1), or ``None`` if unchanged.

    Same span, hence the same ideal and ``K ≍ K'`` (undoes constant linear mixing of the
    generators, e.g. invertible maps on the input and output spaces of a regression)."""
    from resolve.linalg import _echelon

    if len(st.gens) < 2:
        return None
    d = len(st.roles)
    mons = sorted({a for _, g in st.gens for a in g.terms}, reverse=True)
    m, piv = _echelon([[g.terms.get(a, 0) for a in mons] for _, g in st.gens])
    new = tuple((Fraction(1), Poly(d, {a: c for a, c in zip(mons, m[i]) if c})) for i in range(len(piv)))
    if new == st.gens:
        return None
    return PState(new, st.roles, st.e, st.sides)


def local_groups(g: Poly, roles) -> dict:
    """``g = Σ_β L^β · C_β(P)``: the parameter coefficient of every monomial in the locals."""
    out: dict = {}
    for a, c in g.terms.items():
        lpart = tuple(x if roles[j] == "L" else 0 for j, x in enumerate(a))
        ppart = tuple(0 if roles[j] == "L" else x for j, x in enumerate(a))
        out.setdefault(lpart, {})[ppart] = c
    return {b: Poly(g.nvars, t) for b, t in out.items()}


def reduce_step(st: PState):
    """A pivot ``μ·F`` (one monomial ``μ`` in the locals times a parameter polynomial ``F``)
    removes from another generator every group ``L^β C_β`` with ``μ | L^β`` and ``F | C_β``
    (``g_j − (C_β/F) L^{β−μ} g_p``: same ideal).  Returns ``(p, state)`` or ``None``."""
    d = len(st.roles)
    for p, (_, g) in enumerate(st.gens):
        gp = local_groups(g, st.roles)
        if len(gp) != 1:
            continue
        mu, F = next(iter(gp.items()))
        Ff = to_flint(F)
        new, changed = [], False
        for i, (w, f) in enumerate(st.gens):
            if i != p:
                kept = {}
                for beta, C in local_groups(f, st.roles).items():
                    if all(x >= y for x, y in zip(beta, mu)) and divmod(to_flint(C), Ff)[1] == 0:
                        changed = True
                        continue
                    kept.update({tuple(x + y for x, y in zip(a, beta)): c for a, c in C.terms.items()})
                if len(kept) != len(f):
                    f = Poly(d, kept)
            new.append((w, f))
        if changed:
            return p, PState(tuple(new), st.roles, st.e, st.sides)
    return None


def substitute(f: Poly, x: int, X: Poly, u: Poly | None = None) -> Poly:
    """``u^{deg_x f} · f(x ↦ X/u)`` (``u = 1``: plain substitution).  With ``X = x − r`` and ``u`` a
    unit near ``{L = 0}`` this is ``f`` in the coordinate ``x' = u·x + r`` times the unit
    ``u^{deg_x f}`` (``K ≍ K'``).  Too many terms: :class:`NoGo`."""
    try:
        return f.substitute(x, X, u, MAX_TERMS)
    except TooLarge:
        raise NoGo("substitution too large") from None


def dominant_constant(c: Poly) -> bool:
    """``|c(0)| > Σ_{a != 0} |c_a|``: then ``c`` has no zero where every variable has ``|p_j| <= 1``,
    nor on a small enlargement of that cube (the parameters' range; a local variable near 0 only
    helps).  The certificate of "``u`` is a unit near ``{L = 0} × cube``" in ``eliminate``.

    >>> dominant_constant(Poly(1, {(0,): 4, (1,): -2}))      # 4 - 2v
    True
    >>> dominant_constant(Poly(1, {(0,): 1, (1,): 1}))       # 1 + v vanishes at v = -1
    False
    """
    c0 = c.constant_term()
    return c0 != 0 and abs(c0) > sum(abs(v) for a, v in c.terms.items() if any(a))


def _pivot_candidates(st: PState):
    """Every ``(p, x, μ, F, u, r, u_on_C)`` with generator ``p = μ·F·(u·x + r)`` (:func:`_content`),
    ``x`` local, two-sided, ``e_x = 0``, not in ``μ``, of degree 1; ``u_on_C`` is ``u`` on
    ``{L = 0}`` (a polynomial in the parameters)."""
    d = len(st.roles)
    local = [j for j in range(d) if st.roles[j] == "L"]
    for p, (_, g) in enumerate(st.gens):
        mu, F, q = _content(g, st.roles)
        if len(q) < 2:
            continue
        for x in local:
            if st.sides[x] != "two" or st.e[x] != 0 or mu[x] or max(a[x] for a in q.terms) != 1:
                continue
            u = Poly(d, {a[:x] + (0,) + a[x + 1:]: c for a, c in q.terms.items() if a[x]})
            r = Poly(d, {a: c for a, c in q.terms.items() if not a[x]})
            u_on_C = Poly(d, {a: c for a, c in u.terms.items() if not any(a[j] for j in local)})
            yield p, x, mu, F, u, r, u_on_C


def eliminate_step(st: PState, avoid=None):
    """A pivot ``g = μ·F·(u·x + r)`` (``μ`` a monomial in the locals, ``F`` the parameter content,
    ``u`` a unit near ``{L = 0} × cube``: on ``L = 0`` a polynomial in the parameters with a
    dominant constant term, see :func:`dominant_constant`): ``(p, x, F, state)`` or ``None``."""
    d = len(st.roles)
    local = [j for j in range(d) if st.roles[j] == "L"]
    best = []
    for p, x, mu, F, u, r, u_on_C in _pivot_candidates(st):
        if r.is_zero() or any(not any(a[j] for j in local) for a in r.terms):
            continue
        if not dominant_constant(u_on_C):   # u must be a unit near {L = 0} x cube
            continue
        score = (len(u) > 1, len(u_on_C) > 1, len(F) > 1 or sum(F.min_exponents()) > 0, len(r) + len(u),
                 len(st.gens[p][1]), p, x)
        best.append((score, p, x, u, r, F, mu))
    for _, p, x, u, r, F, mu in sorted(best, key=lambda b: b[0]):
        if len(u) == 1:
            X = (Poly.variable(d, x) - r).scale(1 / u.constant_term())
            gens = tuple((w, substitute(g, x, X)) for w, g in st.gens)
        else:   # in the coordinate x' = u·x + r the pivot is exactly μ·F·x'
            pivot = (F * Poly.variable(d, x)).mul_monomial(mu)
            X = Poly.variable(d, x) - r
            gens = tuple((w, pivot if i == p else substitute(g, x, X, u)) for i, (w, g) in enumerate(st.gens))
        st2 = PState(gens, st.roles, st.e, st.sides)
        if avoid and normalize(st2) in avoid:   # back to a state of this chain (pivots taking turns)
            continue
        return p, x, F, st2
    return None


def _content(g: Poly, roles) -> tuple[tuple, Poly, Poly]:
    """``g = L^μ · F(P) · q``: ``μ`` the exponents common to all local monomials, ``F`` the gcd of
    their parameter coefficients (leading coefficient 1), ``q`` the cofactor."""
    d = g.nvars
    groups = local_groups(g, roles)
    mu = tuple(min(b[j] for b in groups) if roles[j] == "L" else 0 for j in range(d))
    if any(len(C) == 1 and not any(next(iter(C.terms))) for C in groups.values()):   # a constant: F = 1
        q = Poly(d, {tuple(x - (y if roles[j] == "L" else 0) for j, (x, y) in enumerate(zip(a, mu))): c
                     for a, c in g.terms.items()})
        return mu, Poly.constant(d, 1), q
    F = None
    for C in groups.values():
        F = to_flint(C) if F is None else F.gcd(to_flint(C))
    F = from_flint(F, d)
    F = F.scale(1 / F.terms[min(F.terms)])
    Ff = to_flint(F)
    q = Poly(d, {})
    for beta, C in groups.items():
        quo, rem = divmod(to_flint(C), Ff)
        if rem != 0:  # pragma: no cover - F is a gcd
            raise NoGo("gcd")
        q = q + from_flint(quo, d).mul_monomial(tuple(x - y for x, y in zip(beta, mu)))
    return mu, F, q


def linear_step(st: PState, max_minors: int = 400):
    """Generators linear in some locals with a parameter matrix of full rank on the whole cube.

    Every generator ``g_i = L^{μ_i}·F_i(P)·q_i`` that has linear terms ``Σ_{y∈Y} M_iy(P)·y`` in
    the variables ``Y`` (local, two-sided, ``e = 0``, dividing no ``μ``) has ``q_i = 0`` on
    ``{L = 0}``, no other generator contains ``Y``, and the ``k``-minors of ``M`` (``k`` rows)
    have no common zero on the cube (one minor with a dominant constant term, or none common
    in ``C``: Groebner basis ``{1}``).  Then at every point of ``{L = 0} × cube`` the ``q_i``,
    some ``|Y| − k`` of ``Y`` and the other variables are coordinates (inverse function
    theorem, Jacobian a non-zero minor), and ``g_i = L^{μ_i}·F_i·y'_i``: the ``q_i`` become new
    variables, the rest of ``Y`` drops out.  Returns ``(I, Y, slots, F, proof, state)`` or ``None``.
    """
    from resolve.linalg import det_poly

    data = linear_data(st)
    if data is None:
        return None
    I, Ys, M, parts = data
    d = len(st.roles)
    P = [j for j in range(d) if st.roles[j] == "P"]
    k = len(I)
    proof = None
    cols_all = list(itertools.combinations(range(len(Ys)), k))
    if len(cols_all) > max_minors:
        return None
    minors = []
    for cols in cols_all:
        m = det_poly([[row[c] for c in cols] for row in M])
        if m.is_zero():
            continue
        if dominant_constant(m):
            proof = {"minor": [Ys[c] for c in cols]}
            break
        minors.append(m)
    if proof is None:
        if not minors or sum(len(m) for m in minors) > 4 * MAX_GB_TERMS or not P:
            return None
        if not common_zero_free(minors, P):
            return None
        proof = {"groebner": True}
    slots, st2 = linear_substitution(st, I, Ys, parts)
    return I, Ys, slots, [parts[i][1] for i in I], proof, st2


def linear_substitution(st: PState, I, Ys, parts):
    """The generators ``I`` replaced by ``L^{μ_i}·F_i·y_i`` with ``y_i`` the first ``k`` of ``Y``
    (``slots``): ``(slots, state)``."""
    d = len(st.roles)
    slots = Ys[:len(I)]
    gens = list(st.gens)
    for pos, i in enumerate(I):
        mu, F, _ = parts[i]
        gens[i] = (st.gens[i][0], (F * Poly.variable(d, slots[pos])).mul_monomial(mu))
    return slots, PState(tuple(gens), st.roles, st.e, st.sides)


def linear_data(st: PState):
    """The data of a would-be ``linear`` step, without the rank proof: ``(I, Ys, M, parts)`` with
    ``M[r][c]`` the coefficient of ``Ys[c]`` in ``q_{I[r]}`` and ``parts[i] = (μ_i, F_i, q_i)``
    (:func:`_content`), or ``None``."""
    d = len(st.roles)
    local = [j for j in range(d) if st.roles[j] == "L"]
    parts = [_content(g, st.roles) for _, g in st.gens]
    Y = {j for j in local if st.sides[j] == "two" and st.e[j] == 0 and not any(mu[j] for mu, _, _ in parts)}

    def linear_part(q, Y):
        rows = {}
        for a, c in q.terms.items():
            ls = [j for j in local if a[j]]
            if len(ls) == 1 and ls[0] in Y and a[ls[0]] == 1:
                rows.setdefault(ls[0], {})[tuple(0 if j == ls[0] else x for j, x in enumerate(a))] = c
        return {y: Poly(d, t) for y, t in rows.items()}

    while True:
        lin = [linear_part(q, Y) for _, _, q in parts]
        I = [i for i, (row, (_, _, q)) in enumerate(zip(lin, parts)) if row and
             all(any(a[j] for j in local) for a in q.terms)]
        outside = {j for i, (_, g) in enumerate(st.gens) if i not in I for j in g.used_vars()} & Y
        if not outside:
            break
        Y -= outside
    Ys = sorted(Y)
    k = len(I)
    if k == 0 or k > len(Ys):
        return None
    M = [[lin[i].get(y, Poly(d, {})) for y in Ys] for i in I]
    return I, Ys, M, parts


def _total_terms(st: PState) -> int:
    return sum(len(g) for _, g in st.gens)


def _param_poly(c: Poly, roles) -> bool:
    return all(roles[j] == "P" for j in c.used_vars())


def rowop_step(st: PState):
    """A generator ``g_j`` replaced by ``g_j − c·g_i`` with ``c`` a polynomial in the parameters
    (same ideal: ``g_j = g'_j + c·g_i``), when that has fewer terms: ``(j, i, c, state)`` or ``None``.
    The multiplier is read off a local monomial whose coefficient in ``g_i`` is a constant."""
    if any(w <= 0 for w, _ in st.gens):
        return None
    groups = [local_groups(g, st.roles) for _, g in st.gens]
    for j, (wj, gj) in enumerate(st.gens):
        best = None
        for i, (_, gi) in enumerate(st.gens):
            if i == j:
                continue
            for beta, C in groups[i].items():
                if len(C) != 1 or C.used_vars() or beta not in groups[j]:
                    continue
                c = groups[j][beta].scale(1 / C.constant_term())
                new = gj - c * gi
                if len(new) < len(gj) and (best is None or len(new) < len(best[3])):
                    best = (j, i, c, new)
                break   # one multiplier per pivot generator
        if best is not None:
            j, i, c, new = best
            gens = tuple((w, new) if k == j else (w, g) for k, (w, g) in enumerate(st.gens))
            return j, i, c, PState(gens, st.roles, st.e, st.sides)
    return None


def shift_step(st: PState, max_rowops: int = 12):
    """A parameter-dependent shear ``x' = x + c(P)·y`` of two locals (``x`` two-sided, ``e_x = 0``):
    an automorphism of a neighbourhood of ``{L = 0} × cube`` with Jacobian 1 fixing that set and
    ``y``, found where a generator depends on ``x, y`` only through ``x + c·y``
    (``∂_y g = c·∂_x g``, ``c`` a non-constant parameter polynomial), followed by row operations
    (:func:`rowop_step`).  Taken only when the total number of terms drops.  Returns
    ``(x, y, c, states, ops)`` or ``None``: ``states[0]`` the shifted state, ``states[k + 1]`` that
    after the row operation ``ops[k] = (j, i, c_j)`` (all normalized).

    This absorbs a parameter matrix into the next block: after ``W1 = t·V`` the product ``W2·V``
    has the column ``W2·(1, v)ᵀ`` with a unit entry, which becomes a coordinate column, and the
    other column, less ``v_{12}`` times it, is ``det V`` times a column of ``W2``."""
    d = len(st.roles)
    if not any(r == "P" for r in st.roles):
        return None
    before = _total_terms(st)
    tried = set()
    for _, g in st.gens:
        used = [j for j in g.used_vars() if st.roles[j] == "L"]
        for x in used:
            if st.sides[x] != "two" or st.e[x] != 0:
                continue
            gx = g.diff(x)
            if gx.is_zero():
                continue
            gxg = local_groups(gx, st.roles)
            beta0, C0 = min(gxg.items())
            C0f = to_flint(C0)
            for y in used:
                if y == x or (x, y) in tried:
                    continue
                gy = g.diff(y)
                gyg = local_groups(gy, st.roles)
                if set(gyg) != set(gxg):
                    continue
                quo, rem = divmod(to_flint(gyg[beta0]), C0f)
                if rem != 0:
                    continue
                c = from_flint(quo, d)
                if c.is_zero() or not c.used_vars() or not _param_poly(c, st.roles):
                    continue
                if gy != c * gx:
                    continue
                tried.add((x, y))
                X = Poly.variable(d, x) - c * Poly.variable(d, y)
                cur = normalize(PState(tuple((w, substitute(f, x, X)) for w, f in st.gens),
                                       st.roles, st.e, st.sides))
                states, ops = [cur], []
                while len(ops) < max_rowops:
                    op = rowop_step(cur)
                    if op is None:
                        break
                    ops.append(op[:3])
                    cur = normalize(op[3])
                    states.append(cur)
                if _total_terms(cur) < before:
                    return x, y, c, states, ops
    return None


def split_candidates(st: PState, settled: list | None = None) -> list[int]:
    """Parameters worth splitting: those in the coefficient ``u`` (on ``{L = 0}``) of a would-be
    pivot ``g = μ·F·(u·x + r)`` that is not a unit on the whole cube; on smaller boxes one of
    several such coefficients may be (``(1 + v)·x + v·y``: ``1 + v`` on ``v >= -1/2``, ``v`` on
    ``v <= -1/2``)."""
    counts: dict[int, int] = {}
    coeffs = []
    for *_, u0 in _pivot_candidates(st):
        if u0.is_zero() or dominant_constant(u0):
            continue
        coeffs.append(u0)
        for j in u0.used_vars():
            counts[j] = counts.get(j, 0) + 1

    def halves_settled(j):   # both halves get a coefficient that is a unit there
        return all(any(dominant_constant(substitute(u, j, X)) for u in coeffs if j in u.used_vars())
                   for X in _halves(len(st.roles), j))

    out = sorted(counts, key=lambda j: (not halves_settled(j), -counts[j], j))
    if settled is not None:
        settled.append(bool(out) and halves_settled(out[0]))
    return out


def subdivide(st: PState, j: int) -> list[tuple[Fraction, Fraction, PState]]:
    """The two halves ``p_j ∈ [-1, 0]`` and ``[0, 1]`` of the cube, each carried back onto the
    cube by ``p_j = a + b·p'_j`` (``b = 1/2``): ``[(a, b, state)]``."""
    return [(X.constant_term(), Fraction(1, 2), PState(tuple((w, substitute(g, j, X)) for w, g in st.gens),
                                                         st.roles, st.e, st.sides))
            for X in _halves(len(st.roles), j)]


def _halves(d: int, j: int) -> list[Poly]:
    """``p_j = a + p'_j/2`` for ``a = -1/2, 1/2``: the two halves of ``[-1, 1]`` in the new ``p'_j``."""
    return [Poly.constant(d, a) + Poly.variable(d, j).scale(Fraction(1, 2)) for a in (Fraction(-1, 2), Fraction(1, 2))]


def homogeneous_blocks(st: PState, max_nodes: int = 200_000, max_found: int = 400,
                       deadline: float | None = None) -> list[tuple]:
    """Sets ``S`` (``|S| >= 2``) of local, two-sided variables with ``e = 0`` in which every
    generator is homogeneous, best first: most generators of positive degree, equal degrees,
    smallest ``S``."""
    d = len(st.roles)
    elig = [j for j in range(d) if st.roles[j] == "L" and st.sides[j] == "two" and st.e[j] == 0]
    if len(elig) < 2:
        return []
    rows = set()
    for _, g in st.gens:
        exps = [tuple(a[j] for j in elig) for a in g.terms]
        for a in exps[1:]:
            diff = tuple(x - y for x, y in zip(a, exps[0]))
            if any(diff):
                rows.add(diff)
    rows = sorted(rows)
    last = {}
    for r in rows:
        last.setdefault(max(i for i, v in enumerate(r) if v), []).append(r)
    found, nodes = [], 0
    s = [0] * len(elig)

    def walk(i):
        nonlocal nodes
        nodes += 1
        if nodes > max_nodes or len(found) >= max_found:
            return
        if deadline is not None and nodes % 2000 == 0 and time.monotonic() > deadline:
            raise NoGo("time")
        if i == len(elig):
            if sum(s) >= 2:
                found.append(tuple(elig[k] for k in range(len(elig)) if s[k]))
            return
        for v in (0, 1):
            s[i] = v
            if all(sum(a * b for a, b in zip(r, s)) == 0 for r in last.get(i, ())):
                walk(i + 1)
        s[i] = 0

    walk(0)

    def key(S):
        degs = []
        for _, g in st.gens:
            a = next(iter(g.terms))
            degs.append(sum(a[j] for j in S))
        pos = [x for x in degs if x > 0]
        return (-len(pos), len(set(pos)), len(S), S)

    return sorted(found, key=key)


def lookahead(st: PState, max_steps: int = 12, deadline: float | None = None) -> int:
    """How many generators reduce / eliminate / linear / shift steps settle in a row (a cheap
    measure of progress)."""
    n = 0
    while n < max_steps:
        if deadline is not None and time.monotonic() > deadline:
            raise NoGo("time")
        red = reduce_step(st)
        if red is not None:
            st = normalize(red[1])
            n += 1
            continue
        el = eliminate_step(st)
        if el is not None:
            st = normalize(el[3])
            n += 1
            continue
        lin = linear_step(st)
        if lin is not None:
            st = normalize(lin[5])
            n += len(lin[0])
            continue
        sh = shift_step(st) if separate(st) is None else None
        if sh is None:
            break
        st = sh[3][-1]
        n += 1
    return n


def ranked_blocks(st: PState, candidates: int = 8, deadline: float | None = None) -> list[tuple]:
    """Homogeneous blocks, those whose worst chart allows the most eliminations first."""
    blocks = homogeneous_blocks(st, deadline=deadline)[:candidates]
    scored, best = [], -1
    for pos, S in enumerate(blocks):
        score = None   # the worst chart decides: every chart has to finish
        for k in S:
            try:
                n = lookahead(normalize(blowup(st, S, k)), deadline=deadline)
            except NoGo as exc:
                if str(exc) == "time":
                    raise
                n = 0
            score = n if score is None else min(score, n)
            if score < best:   # already worse than a block seen: its rank is settled
                break
        best = max(best, score)
        scored.append((-score, pos, S))
    return [S for _, _, S in sorted(scored)]


def blowup(st: PState, S: tuple, k: int) -> PState:
    """Chart ``w_k = t``, ``w_j = t·v_j`` (``j ∈ S∖k``) of the blow-up of ``{w_S = 0}``."""
    d = len(st.roles)
    B = [[int(i == j) for j in range(d)] for i in range(d)]
    for j in S:
        if j != k:
            B[j][k] = 1
    gens = tuple((w, g.monomial_map(B)) for w, g in st.gens)
    roles = tuple("P" if (j in S and j != k) else r for j, r in enumerate(st.roles))
    e = tuple(len(S) - 1 if j == k else (0 if j in S else x) for j, x in enumerate(st.e))
    return PState(gens, roles, e, st.sides)


def separate(st: PState):
    """``[(c_i, h_i)]`` with ``g_i = c_i(P)·h_i(L)``, or ``None``."""
    d = len(st.roles)
    out = []
    for _, g in st.gens:
        items = sorted(local_groups(g, st.roles).items())
        c0 = items[0][1].terms
        t0 = min(c0)
        h = {}
        for lpart, C in items:
            cb = C.terms
            ratio = cb.get(t0, Fraction(0)) / c0[t0]
            if not ratio or any(cb.get(a, 0) != ratio * v for a, v in c0.items()) or len(cb) != len(c0):
                return None
            h[lpart] = ratio
        out.append((Poly(d, dict(c0)), Poly(d, h)))
    return out


def _normal_factor(f: Poly) -> tuple[Poly, Fraction]:
    """``f = k·F`` with the coefficient of ``F`` at its smallest exponent equal to 1."""
    k = f.terms[min(f.terms)]
    return f.scale(1 / k), k


def parameter_factors(cs: list[Poly]):
    """Irreducible factors ``F_j`` of the ``c_i``: ``(F, consts, mult)`` with
    ``c_i = consts[i]·Π_j F_j^{mult[i][j]}``."""
    F: list[Poly] = []
    consts, mults = [], []
    for c in cs:
        k, facs = factor(c)
        row = {}
        for f, m in facs:
            f, kf = _normal_factor(f)
            k *= kf ** m
            if f not in F:
                F.append(f)
            row[F.index(f)] = row.get(F.index(f), 0) + m
        consts.append(k)
        mults.append(row)
    order = sorted(range(len(F)), key=lambda j: F[j].to_terms())
    F = [F[j] for j in order]
    mults = [[row.get(j, 0) for j in order] for row in mults]
    return F, consts, mults


WITNESS_GRID = (Fraction(0), Fraction(1, 2), Fraction(-1, 2), Fraction(1), Fraction(-1), Fraction(1, 3),
                Fraction(-1, 3), Fraction(1, 4), Fraction(-1, 4), Fraction(2, 3), Fraction(-2, 3))


def _rational_roots(f: Poly, x: int, pt: dict) -> list[Fraction]:
    """Rational roots in ``[-1, 1]`` of ``f`` with the variables ``pt`` set, as a polynomial in ``x``
    (``[]`` if something else remains or it vanishes identically)."""
    import flint

    coeffs: dict = {}
    for a, c in f.terms.items():
        t = c
        for v, k in enumerate(a):
            if k and v != x:
                if v not in pt:
                    return []
                t *= pt[v] ** k
        coeffs[a[x]] = coeffs.get(a[x], Fraction(0)) + t
    u = flint.fmpq_poly([flint.fmpq(int(coeffs.get(k, 0).numerator), int(coeffs.get(k, 0).denominator))
                         for k in range(max(coeffs) + 1)])
    if u == 0 or u.degree() < 1:
        return []
    out = []
    for h, _ in u.factor()[1]:
        if h.degree() == 1:
            root = -Fraction(int(h[0].p), int(h[0].q)) / Fraction(int(h[1].p), int(h[1].q))
            if abs(root) <= 1:
                out.append(root)
    return sorted(out, key=lambda r: (abs(r), r))


def cube_witnesses(F: list[Poly], I: tuple, P: list[int], max_tries: int = 400):
    """Rational points ``p`` of the cube ``[-1, 1]^P`` where the factors ``F_I`` vanish (a generator).

    Factors in one variable fix it first (a rational root in ``[-1, 1]``).  Then every free
    parameter but one, ``x``, gets a small rational (:data:`WITNESS_GRID`: first all 0, then draws
    by a seeded generator, the same points on every run) and the rational roots in ``[-1, 1]`` of
    the remaining factors as polynomials in ``x`` are tried.  The point is returned as values for
    ``P`` (in that order); it is re-checked exactly by the caller and by the checker (``F_j(p) = 0``
    exactly for ``j ∈ I``, ``|p_j| <= 1``)."""
    import random

    d = F[0].nvars if F else 0
    FI = [F[j] for j in I]
    used = sorted({v for f in FI for v in f.used_vars()})
    if not FI or not set(used) <= set(P):
        return
    fixed: dict = {}
    for f in FI:
        vs = f.used_vars()
        if len(vs) == 1 and vs[0] not in fixed:
            roots = _rational_roots(f, vs[0], {})
            if not roots:
                return
            fixed[vs[0]] = roots[0]
    rest = [f for f in FI if not set(f.used_vars()) <= set(fixed)]
    free = [v for v in used if v not in fixed]
    if not rest:
        point = [fixed.get(v, Fraction(0)) for v in range(d)]
        if all(f.evaluate(point) == 0 for f in FI):
            yield [point[v] for v in P]
        return
    rng = random.Random(0)      # deterministic: the same points on every run
    tries = 0
    for x in free:
        others = [v for v in free if v != x]
        combos = itertools.chain([(Fraction(0),) * len(others)],
                                 (tuple(rng.choice(WITNESS_GRID) for _ in others) for _ in range(max_tries)))
        for vals in combos:
            tries += 1
            if tries > max_tries:
                return
            pt = dict(fixed)
            pt.update(zip(others, vals))
            roots = None
            for f in rest:
                r = set(_rational_roots(f, x, pt))
                roots = r if roots is None else roots & r
            for root in sorted(roots or (), key=lambda r: (abs(r), r)):
                full = dict(pt)
                full[x] = root
                point = [full.get(v, Fraction(0)) for v in range(d)]
                if all(f.evaluate(point) == 0 for f in FI):
                    yield [point[v] for v in P]


def jacobian_minors(F: list[Poly], P: list[int]) -> list[Poly]:
    """The ``|F| x |F|`` minors of the Jacobian of ``F`` in the variables ``P``."""
    from resolve.linalg import det_poly

    J = [[f.diff(j) for j in P] for f in F]
    return [det_poly([[row[c] for c in cols] for row in J]) for cols in itertools.combinations(range(len(P)), len(F))]


def coefficient_form(st: PState):
    """Write every generator as ``g_i = G_i(L, z = Φ(P))`` with ``Φ = (φ_1..φ_J)`` a basis of the
    span of the parameter coefficients minus their values at 0.  Returns ``(phi, G, Lidx)``:
    ``G_i`` in the variables ``L`` (in index order) followed by ``z_1..z_J``."""
    from resolve.linalg import _echelon

    d = len(st.roles)
    L = [j for j in range(d) if st.roles[j] == "L"]
    parts = [{tuple(b[j] for j in L): C.terms for b, C in local_groups(g, st.roles).items()} for _, g in st.gens]
    zero = (0,) * d
    vecs = [{a: c for a, c in cb.items() if a != zero} for by in parts for cb in by.values()]
    vecs = [v for v in vecs if v]
    if not vecs:
        return None
    mons = sorted({a for v in vecs for a in v}, reverse=True)
    m, piv = _echelon([[v.get(a, 0) for a in mons] for v in vecs])
    phi = [Poly(d, {a: c for a, c in zip(mons, m[i]) if c}) for i in range(len(piv))]
    J = len(phi)
    n = len(L) + J
    G = []
    for by in parts:
        out: dict = {}
        for lpart, cb in by.items():
            c0 = cb.get(zero, Fraction(0))
            if c0:
                out[lpart + (0,) * J] = out.get(lpart + (0,) * J, 0) + c0
            # coordinates in the RREF basis are the values at the pivot columns
            for i, col in enumerate(piv):
                coef = cb.get(mons[col], Fraction(0))
                if coef:
                    key = lpart + tuple(int(k == i) for k in range(J))
                    out[key] = out.get(key, 0) + coef
        G.append(Poly(n, {a: c for a, c in out.items() if c}))
    return phi, G, L


def submersion_columns(phi: list[Poly], P: list[int], deadline: float | None = None):
    """Columns ``P' ⊆ P`` whose Jacobian minor of ``phi`` is a non-zero constant, or ``None``."""
    from resolve.linalg import det, det_poly

    J = len(phi)
    if J > len(P):
        return None
    jac = [[f.diff(j) for j in P] for f in phi]
    d = phi[0].nvars
    # a constant minor has the same non-zero value at every point: compare two rational points
    # first (cheap, exact); only the survivors' determinants are expanded and checked
    pts = [[Fraction(0)] * d, [Fraction(k % 5 + 1, k % 3 + 2) for k in range(d)]]
    num = [[[g.evaluate(pt) for g in row] for row in jac] for pt in pts]
    for n, cols in enumerate(itertools.combinations(range(len(P)), J)):
        if n > 500:
            return None
        if deadline is not None and time.monotonic() > deadline:
            raise NoGo("time")
        vals = [det([[row[c] for c in cols] for row in M]) for M in num]
        if vals[0] == 0 or vals[0] != vals[1]:
            continue
        D = det_poly([[row[c] for c in cols] for row in jac])
        if not D.is_zero() and D.used_vars() == [] and D.constant_term():
            return [P[c] for c in cols]
    return None


def homogeneity_weights(G: list[Poly], positive: list[int], deadline: float | None = None):
    """Integer weights ``w >= 0`` making every ``G_i`` homogeneous of one common degree, with
    ``w_j > 0`` for ``j`` in ``positive``; ``None`` if there are none."""
    from resolve.cones import ConeError, extreme_rays

    n = G[0].nvars
    first = next(iter(G[0].terms))
    rows = set()
    for g in G:
        for a in g.terms:
            diff = tuple(x - y for x, y in zip(a, first))
            if any(diff):
                rows.add(diff)
    H = [tuple(int(i == j) for j in range(n)) for i in range(n)]
    for r in sorted(rows):
        H.append(r)
        H.append(tuple(-x for x in r))
    try:
        rays = extreme_rays(H, max_rays=2000, deadline=deadline)
    except ConeError:
        return None
    w = [sum(r[j] for r in rays) for j in range(n)]
    if any(w[j] <= 0 for j in positive):
        return None
    return w


_GB_CACHE: dict = {}   # (factors, parameters, smooth) -> bool: the same sets recur across steps


def _zero_free(FI: list, P: list, smooth: bool = False) -> bool:
    """``common_zero_free(F_I)`` (``smooth``: together with the ``|I|``-minors of the Jacobian),
    remembered: ``subsum`` and the boxes of ``subdivide`` ask about the same factor sets again."""
    key = (tuple(FI), tuple(P), smooth)
    if not smooth and all(f.constant_term() == 0 for f in FI):
        return False   # a common zero at the origin (no Groebner basis needed)
    if not smooth and len(FI) == 1 and FI[0].used_vars() and set(FI[0].used_vars()) <= set(P):
        return False   # one non-constant polynomial in P has a complex zero
    if key not in _GB_CACHE:
        if len(_GB_CACHE) > 20_000:
            _GB_CACHE.clear()
        _GB_CACHE[key] = common_zero_free(FI + jacobian_minors(FI, P) if smooth else FI, P)
    return _GB_CACHE[key]


class GroupMixin:
    group_nesting = 0
    _strat_depth = 0   # stratified steps on the current path (their locus problems get a level back)
    _chain: set = frozenset()   # states eliminated from on the current path (a set while running)

    def _group_rule(self, K: Poly, e, sides, gens):
        """Rule ``group``: solve by block blow-ups with parameters, or ``None`` (falls back)."""
        if self.group_nesting >= 2 or len(gens) > 60:
            return None
        st = normalize(PState(tuple(gens), tuple("L" for _ in e), tuple(e), tuple(sides)))
        self.group_nesting += 1
        saved_chain, self._chain = self._chain, set()
        try:
            val, prog = self._attempt(self._pstep, st, 0, False, True)
        except NoGo:
            return None
        finally:
            self.group_nesting -= 1
            self._chain = saved_chain
        node = self._new(K, e, sides, "group", gens=[[str(w), g.to_terms()] for w, g in gens], program=prog)
        return self._finish(node, val)

    def _attempt(self, fn, *args):
        """Run ``fn``; if it gives up (NoGo), forget the nodes it cached: they are not in the
        certificate, so later ``ref`` nodes must not point to them."""
        saved = dict(self._cache)
        try:
            return fn(*args)
        except NoGo:
            self._cache = saved
            raise

    def _capped(self, seconds: float, fn, *args):
        """Run ``fn`` with at most ``seconds`` of the budget; running out of that share is a
        :class:`NoGo` (giving up is never wrong), running out of the whole budget is not."""
        from .engine import BudgetExceeded

        saved, had = self.deadline, "time" in self.budget_hit
        cap = time.monotonic() + seconds
        if saved is None or cap < saved:
            self.deadline = cap
        try:
            return fn(*args)
        except BudgetExceeded:
            if self.deadline is saved or (saved is not None and time.monotonic() > saved):
                raise
            if not had:
                self.budget_hit.discard("time")
            raise NoGo("step time share") from None
        finally:
            self.deadline = saved

    def _subdivided(self, st: PState, j: int, level: int, blown: bool, splits: int, steps: int):
        boxes, vals = [], []
        for a, b, st2 in subdivide(st, j):
            v, child = self._pstep(normalize(st2), level, blown, False, steps + 1, splits + 1)
            if not v.is_exact:
                raise NoGo("box not exact")
            boxes.append({"a": str(a), "b": str(b), "node": child})
            vals.append(v)
        return combine_min(vals), boxes

    def _pstep(self, st: PState, level: int, blown: bool, fresh: bool = False, steps: int = 0, splits: int = 0):
        self._check_time()
        if steps > 200:
            raise NoGo("too many steps")
        pn = st.record()
        if fresh:
            st2 = recombine_step(st)
            if st2 is not None:
                v, child = self._pstep(normalize(st2), level, blown, False, steps + 1, splits)
                pn.update(step="recombine", node=child)
                return v, pn
        red = reduce_step(st)
        if red is not None:
            p, st2 = red
            v, child = self._pstep(normalize(st2), level, blown, False, steps + 1, splits)
            pn.update(step="reduce", pivot=p, reduced=[g.to_terms() for _, g in st2.gens], node=child)
            return v, pn
        el = eliminate_step(st, self._chain)
        if el is not None:
            p, x, F, st2 = el
            if not isinstance(self._chain, set):   # _pstep called outside _group_rule
                self._chain = set()
            self._chain.add(st)
            try:
                v, child = self._pstep(normalize(st2), level, blown, False, steps + 1, splits)
            finally:
                self._chain.discard(st)
            pn.update(step="eliminate", pivot=p, var=x, node=child)
            if F != Poly.constant(len(st.roles), 1):
                pn["F"] = F.to_terms()
            return v, pn
        lin = linear_step(st)
        if lin is not None:
            I, Ys, slots, Fs, proof, st2 = lin
            v, child = self._pstep(normalize(st2), level, blown, False, steps + 1, splits)
            pn.update(step="linear", I=I, Y=Ys, slots=slots, F=[F.to_terms() for F in Fs], proof=proof, node=child)
            return v, pn
        sh = shift_step(st) if blown and separate(st) is None else None
        if sh is not None:
            x, y, c, states, ops = sh
            v, child = self._pstep(states[-1], level, blown, False, steps + 1 + len(ops), splits)
            for k in range(len(ops) - 1, -1, -1):   # each rowop node carries the state it acts on
                j, i, cj = ops[k]
                child = dict(states[k].record(), step="rowop", target=j, pivot=i, c=cj.to_terms(), node=child)
            pn.update(step="shift", var=x, by=y, c=c.to_terms(), node=child)
            return v, pn
        sep = separate(st) if blown else None
        settled: list = []
        cands = split_candidates(st, settled) if splits < MAX_SPLITS and blown and sep is None else []
        # a split whose halves both get a unit pivot comes first (step subdivide below); otherwise
        # the stratified step (halving does not remove a locus where a matrix drops rank)
        strat_first = blown and sep is None and not (settled and settled[0])
        if strat_first:
            out = self._try_stratified(st, level, blown, steps, splits, ("linear",))
            if out is not None:
                pn.update(step="stratified", **out[1])
                return out[0], pn
        # a separated problem whose h_i are not monomials still has a block of locals to blow up
        # within the levels: those blow-ups first (the cases of `separated` would be solved as
        # whole problems with the factors' coordinates mixed in, which are harder)
        defer = sep is not None and level < MAX_LEVEL and any(len(h) > 1 for _, h in sep)
        if defer:
            out = self._blowups(st, level, steps, splits)
            if out is not None:
                pn.update(step="blowup", S=out[1], charts=out[2])
                return out[0], pn
        if blown:
            if sep is not None:
                try:
                    v, fields = self._attempt(self._separated, st, sep)
                    pn.update(step="separated", **fields)
                    return v, pn
                except NoGo:
                    pass
                try:
                    v, fields = self._attempt(self._subsum, st, sep)
                    pn.update(step="subsum", **fields)
                    return v, pn
                except NoGo:
                    pass
            try:   # exploratory: a sub-problem that needs many charts is not worth the budget here
                out = self._attempt(self._capped, SUBMERSION_SECONDS, self._submersion, st)
            except NoGo:
                out = None
            if out is not None:
                v, fields = out
                pn.update(step="submersion", **fields)
                return v, pn
        if splits < MAX_SPLITS:
            for j in (cands if blown and sep is None else split_candidates(st))[:2]:
                try:
                    v, boxes = self._attempt(self._subdivided, st, j, level, blown, splits, steps)
                except NoGo:
                    continue
                pn.update(step="subdivide", var=j, boxes=boxes)
                return v, pn
        if blown and sep is None:
            out = self._try_stratified(st, level, blown, steps, splits, ("unit",) if strat_first else ("linear", "unit"))
            if out is not None:
                pn.update(step="stratified", **out[1])
                return out[0], pn
        if level >= MAX_LEVEL or defer:
            raise NoGo("levels")
        out = self._blowups(st, level, steps, splits)
        if out is not None:
            pn.update(step="blowup", S=out[1], charts=out[2])
            return out[0], pn
        raise NoGo("no block")

    def _try_stratified(self, st: PState, level: int, blown: bool, steps: int, splits: int, kinds=("linear", "unit")):
        """Step ``stratified`` within a time share (its locus problems can be long, and giving up
        is never wrong): ``(value, fields)`` or ``None``."""
        try:
            return self._attempt(self._capped, STRATIFIED_SECONDS, self._stratified, st, level, blown, steps,
                                 splits, kinds)
        except NoGo:
            return None

    def _stratified(self, st: PState, level: int, blown: bool, steps: int, splits: int, kinds=("linear", "unit")):
        """Step ``stratified`` (:mod:`rlct.groups_strata`): a ``linear`` step whose matrix drops
        rank on parameter loci (kind ``linear``), or a generator ``μ·F·q`` whose ``q`` is a unit
        except where its value ``c(P)`` on ``{L = 0}`` vanishes (kind ``unit``); the loci's
        equations become local coordinates.  ``(value, fields)`` or ``None`` (not applicable);
        :class:`NoGo` when it does not decide."""
        from resolve.linalg import det_poly

        from . import groups_strata as GS

        d = len(st.roles)
        P = [j for j in range(d) if st.roles[j] == "P"]
        if not P:
            return None
        data = linear_data(st) if "linear" in kinds else None
        if data is not None:
            I, Ys, M, parts = data
            k = len(I)
            cols_all = list(itertools.combinations(range(len(Ys)), k))
            if len(cols_all) > GS.MAX_MINORS:
                return None
            minors, cols_of = [], []
            for cols in cols_all:
                self._check_time()
                m = det_poly([[row[c] for c in cols] for row in M])
                if m.is_zero():
                    continue
                if dominant_constant(m):
                    return None      # the plain linear step applies
                minors.append(m)
                cols_of.append([Ys[c] for c in cols])
            if not minors or any(not _param_poly(m, st.roles) for m in minors):
                return None
            slots, off = linear_substitution(st, I, Ys, parts)
            fields = {"kind": "linear", "I": I, "Y": Ys, "slots": slots,
                      "F": [parts[i][1].to_terms() for i in I], "q": [parts[i][2].to_terms() for i in I]}
            return self._stratified_core(st, level, blown, steps, splits, minors, cols_of, off, fields)
        unit = GS.unit_candidate(st, _content, _param_poly) if "unit" in kinds and linear_data(st) is None else None
        if unit is None:
            return None
        i, mu, F, q, c = unit
        gens = tuple((w, F.mul_monomial(mu) if n == i else g) for n, (w, g) in enumerate(st.gens))
        fields = {"kind": "unit", "I": [i], "F": [F.to_terms()], "q": [q.to_terms()]}
        return self._stratified_core(st, level, blown, steps, splits, [c], [[]], PState(gens, st.roles, st.e, st.sides),
                                     fields)

    def _stratified_core(self, st, level, blown, steps, splits, minors, cols_of, off, fields):
        from . import groups_strata as GS

        d = len(st.roles)
        P = [j for j in range(d) if st.roles[j] == "P"]
        found = GS.find_components(minors, P, factor, dominant_constant)
        if found is None:
            return None
        comps, cover = found
        for comp in comps:
            for eq in comp or ():
                if st.e[eq[3]] != 0 or st.sides[eq[3]] != "two":
                    return None
        # the off problem: where some minor is non-zero
        v_off, n_off = self._pstep(normalize(off), level, blown, False, steps + 1, splits)
        if not v_off.is_exact:
            raise NoGo("stratified: off part not exact")
        # a locus problem per component: its equations y_r = phi_r local
        vals, inside, comp_fields = [v_off], [], []
        for comp in comps:
            if comp is None:
                comp_fields.append(None)
                continue
            phis = [(j, a, psi) for *_, j, a, psi in comp]
            try:
                gens = tuple((w, GS.to_locus_coordinates(g, phis)) for w, g in st.gens)
            except TooLarge:
                raise NoGo("stratified: substitution too large") from None
            if any(len(g) > MAX_TERMS for _, g in gens):
                raise NoGo("stratified: substitution too large")
            pivots = [j for j, _, _ in phis]
            roles = tuple("L" if j in pivots else r for j, r in enumerate(st.roles))
            # the locus's new coordinates usually need one more blow-up: the on problem gets one
            # level back, at most MAX_STRATIFIED_DEPTH times along a path (each stratified step
            # turns parameters into locals)
            bonus = self._strat_depth < MAX_STRATIFIED_DEPTH
            self._strat_depth += 1
            try:
                v_loc, n_loc = self._pstep(normalize(PState(gens, roles, st.e, st.sides)),
                                           level - 1 if bonus else level, blown, True, steps + 1, splits)
            finally:
                self._strat_depth -= 1
            if not v_loc.is_exact:
                raise NoGo("stratified: locus part not exact")
            vals.append(v_loc)
            if GS.inside_cube(GS.base_point_map(phis, d)):
                inside.append(v_loc)
            eqs = [{"minor" if kind == "minor" else "factor": cols_of[ref] if kind == "minor" else ref,
                    "scale": str(sc)} for kind, ref, sc, *_ in comp]
            comp_fields.append({"eqs": eqs, "pivots": pivots, "node": n_loc})
        low = combine_min(vals)
        fields.update(components=comp_fields, off=n_off)
        if cover is not None:   # also when every factor is zero-free near the cube (no component)
            i0, kappa, facs = cover
            fields["cover"] = {"minor": cols_of[i0], "const": str(kappa), "factors": [A.to_terms() for A, _ in facs],
                               "exps": [e for _, e in facs]}
        if len(vals) == 1:   # no locus meets the cube: every point is an off point
            return low, fields
        if any((v.lo, v.m) == (low.lo, low.m) for v in inside):
            return low, fields
        for a, b in GS.box_candidates(P, d, minors, dominant_constant):
            self._check_time()
            saved = dict(self._cache)
            X = {j: Poly.constant(d, aj) + Poly.variable(d, j).scale(bj) for j, aj, bj in zip(P, a, b)}
            gens = st.gens
            for j, Xj in X.items():
                gens = tuple((w, substitute(g, j, Xj)) for w, g in gens)
            try:
                v_box, n_box = self._pstep(normalize(PState(gens, st.roles, st.e, st.sides)), level, blown,
                                           False, steps + 1, splits)
            except NoGo:
                self._cache = saved
                continue
            if v_box.is_exact and (v_box.lo, v_box.m) == (low.lo, low.m):
                fields["box"] = {"a": [str(x) for x in a], "b": [str(x) for x in b], "node": n_box}
                return low, fields
            self._cache = saved
            break       # another box of the off part gives the same value
        raise NoGo("stratified: lower bound not attained")

    def _blowups(self, st: PState, level: int, steps: int, splits: int):
        """The first of the best-ranked blocks whose charts all finish: ``(value, S, charts)``."""
        def charts_of(S):
            charts, vals = [], []
            for k in S:
                v, child = self._pstep(normalize(blowup(st, S, k)), level + 1, True, True, steps + 1, splits)
                charts.append({"k": k, "node": child})
                vals.append(v)
            return charts, vals

        for S in ranked_blocks(st, deadline=self.deadline)[:MAX_GROUPS_TRIED]:
            try:
                charts, vals = self._attempt(charts_of, S)
            except NoGo:
                continue
            return combine_min(vals), list(S), charts
        return None

    def _submersion(self, st: PState):
        """Coefficients as coordinates: ``K(P, L) = K̃(Φ(P), L)`` with ``Φ`` a submersion on a
        neighbourhood of the cube (a Jacobian minor is a non-zero constant), ``Φ(0) = 0``, and
        ``K̃`` weighted homogeneous with positive weights on ``z``: the local value at ``(Φ(p), 0)``
        is that at ``(s^w Φ(p), 0)`` for every ``s > 0``, hence (semicontinuity) at least the value
        at the origin, which is attained at ``p = 0``.  The value is ``K̃``'s at the origin."""
        self._check_time()
        form = coefficient_form(st)
        if form is None:
            return None
        phi, G, L = form
        d = len(st.roles)
        P = [j for j in range(d) if st.roles[j] == "P"]
        self._check_time()
        cols = submersion_columns(phi, P, self.deadline)
        if cols is None:
            return None
        J = len(phi)
        self._check_time()
        w = homogeneity_weights(G, list(range(len(L), len(L) + J)), self.deadline)
        if w is None:
            return None
        n = len(L) + J
        gens = [(st.gens[i][0], g) for i, g in enumerate(G)]
        Kt = sum_of_squares(gens, n)
        e = [st.e[j] for j in L] + [0] * J
        sides = [st.sides[j] for j in L] + ["two"] * J
        v, node = self.solve(Kt, e, sides, gens=[(wt, g) for wt, g in gens if not g.is_zero()])
        if not v.is_exact:
            raise NoGo("submersion case not exact")
        return v, {"phi": [f.to_terms() for f in phi], "G": [g.to_terms() for g in G], "columns": cols,
                   "weights": w, "node": node}

    def _zero_sets(self, F: list[Poly], idx: list[int], P: list[int]) -> list[tuple]:
        """The maximal sets ``I ⊆ idx`` of factors with a common complex zero, after checking that
        every such set is a smooth complete intersection (``<F_I, |I|-minors> = <1>``); a factor
        with a dominant constant term vanishes nowhere near the cube and is left out.  Raises
        :class:`NoGo` for a singular set or factors too large for Groebner bases."""
        zero_sets = []   # subsets I with a common complex zero
        # subsets without one (their supersets neither); a factor with a dominant constant term
        # has no zero on (a neighbourhood of) the cube, so it vanishes at no parameter point
        empty = [(j,) for j in idx if dominant_constant(F[j])]
        for size in range(1, len(idx) + 1):
            for I in itertools.combinations(idx, size):
                if any(set(E) <= set(I) for E in empty):
                    continue
                FI = [F[j] for j in I]
                self._check_time()
                if sum(len(f) for f in FI) > MAX_GB_TERMS or max(f.degree() for f in FI) > MAX_GB_DEGREE:
                    raise NoGo("parameter factors too large for Groebner bases")
                if _zero_free(FI, P):
                    empty.append(I)
                    continue
                if size > len(P) or not _zero_free(FI, P, smooth=True):
                    raise NoGo("singular parameter locus")
                zero_sets.append(I)
        return [I for I in zero_sets if not any(set(I) < set(J) for J in zero_sets)]

    def _case(self, st: PState, sep, consts, mults, I: tuple, S=None):
        """The local problem ``K_I = Σ_{i ∈ S} w_i (c'_i Π_{j∈I} y_j^{m_ij} h_i)²`` in the locals and new
        coordinates ``y_j = F_j`` (``j ∈ I``), solved: ``(value, node)`` (``S`` = all generators by
        default)."""
        d = len(st.roles)
        L = [j for j in range(d) if st.roles[j] == "L"]
        n = len(L) + len(I)
        if n == 0:
            raise NoGo("no variables left")
        gens_I = []
        for i, (c, h) in enumerate(sep):
            if S is not None and i not in S:
                continue
            mono = [mults[i][j] for j in I]
            hh = Poly(n, {tuple(a[j] for j in L) + tuple(mono): consts[i] * v for a, v in h.terms.items()})
            gens_I.append((st.gens[i][0], hh))
        KI = sum_of_squares(gens_I, n)
        eI = [st.e[j] for j in L] + [0] * len(I)
        sI = [st.sides[j] for j in L] + ["two"] * len(I)
        v, node = self.solve(KI, eI, sI, gens=gens_I)
        if not v.is_exact:
            raise NoGo("case not exact")
        return v, node

    def _separated(self, st: PState, sep):
        d = len(st.roles)
        P = [j for j in range(d) if st.roles[j] == "P"]
        cs = [c for c, _ in sep]
        F, consts, mults = parameter_factors(cs)
        if len(F) > MAX_FACTORS or len(P) > MAX_PARAMS:
            raise NoGo("too many parameter factors")
        maximal = self._zero_sets(F, list(range(len(F))), P)
        origin = tuple(j for j in range(len(F)) if F[j].constant_term() == 0)
        witnesses = {origin: None}
        for I in maximal:
            if I not in witnesses:
                self._check_time()
                pt = next(cube_witnesses(F, I, P), None)
                if pt is not None:
                    witnesses[I] = pt
        cases, vals = [], []
        for I in sorted(set(maximal) | {origin}, key=lambda I: (len(I), I)):
            v, node = self._case(st, sep, consts, mults, I)
            case = {"I": list(I), "node": node}
            if witnesses.get(I) is not None:
                case["point"] = [str(x) for x in witnesses[I]]
            cases.append(case)
            vals.append(v)
        low = combine_min(vals)
        attained = [v for c, v in zip(cases, vals) if tuple(c["I"]) in witnesses]
        if not any((v.lo, v.m) == (low.lo, low.m) for v in attained):
            raise NoGo("cases disagree")
        fields = {"c": [c.to_terms() for c in cs], "h": [h.to_terms() for _, h in sep],
                  "factors": [f.to_terms() for f in F], "consts": [str(k) for k in consts],
                  "mult": mults, "cases": cases}
        return low, fields

    def _subsum(self, st: PState, sep):
        """Step ``subsum``: a lower bound from a sub-sum, attained at a witness point.

        ``K_S = Σ_{i ∈ S} w_i g_i² <= K`` (``S`` a subset of the generators), so at every point the
        local value of ``K`` is at least that of ``K_S`` (comparison, Lin 2011 Prop 3.11); if the
        factors of the ``c_i`` (``i ∈ S``) pass the test of ``separated``, ``K_S``'s value at every
        point is at least the minimum over its maximal cases.  A rational point ``p`` of the cube
        at which the vanishing factors of *all* the ``c_i`` have independent differentials (the
        Jacobian at ``p`` has full rank) has the local problem ``K_{I(p)}``; if its value equals
        that minimum, it is the value of the parameter problem (T2: a minimum over the points)."""
        d = len(st.roles)
        P = [j for j in range(d) if st.roles[j] == "P"]
        L = [j for j in range(d) if st.roles[j] == "L"]
        cs = [c for c, _ in sep]
        F, consts, mults = parameter_factors(cs)
        if len(F) > 2 * MAX_FACTORS or len(P) > MAX_PARAMS:
            raise NoGo("too many parameter factors")
        with_f = [i for i in range(len(sep)) if any(mults[i])]
        if len(with_f) < 2 or any(w <= 0 for w, _ in st.gens):   # dropping a term needs w > 0
            raise NoGo("no proper sub-sum")
        if len(with_f) < 2:
            raise NoGo("no proper sub-sum")

        def order(i):   # lowest order in the locals first: those decide the value
            return (min(sum(a[j] for j in L) for a in sep[i][1].terms), i)

        with_f.sort(key=order)
        free = [i for i in range(len(sep)) if not any(mults[i])]
        for k in range(len(with_f) - 1, 0, -1):
            saved = dict(self._cache)   # nodes of a failed attempt are not in the certificate
            S = sorted(free + with_f[:k])
            idx = sorted({j for i in S for j in range(len(F)) if mults[i][j]})
            try:
                maximal = self._zero_sets(F, idx, P)
            except NoGo:
                continue
            if not maximal:
                maximal = [()]
            cases, vals = [], []
            try:
                for I in sorted(maximal, key=lambda I: (len(I), I)):
                    v, node = self._case(st, sep, consts, mults, I, S)
                    cases.append({"I": list(I), "node": node})
                    vals.append(v)
            except NoGo:
                self._cache = saved
                continue
            low = combine_min(vals)
            wit = self._subsum_witness(st, sep, F, consts, mults, P, maximal, low)
            if wit is None:
                self._cache = saved
                continue
            fields = {"S": S, "c": [c.to_terms() for c in cs], "h": [h.to_terms() for _, h in sep],
                      "factors": [f.to_terms() for f in F], "consts": [str(k) for k in consts],
                      "mult": mults, "cases": cases, "witness": wit}
            return low, fields
        raise NoGo("no sub-sum decides")

    def _subsum_witness(self, st, sep, F, consts, mults, P, maximal, low, max_points: int = 40):
        """A point of the cube whose full local problem is known and has the value ``low``."""
        from resolve.linalg import _echelon

        d = len(st.roles)
        seen = set()
        cands = itertools.chain([[Fraction(0)] * len(P)], *(cube_witnesses(F, I, P) for I in maximal if I))
        for n, pt in enumerate(cands):
            if n >= max_points:
                return None
            self._check_time()
            key = tuple(pt)
            if key in seen:
                continue
            seen.add(key)
            full = [Fraction(0)] * d
            for j, x in zip(P, pt):
                full[j] = x
            I = tuple(j for j in range(len(F)) if F[j].evaluate(full) == 0)
            if len(I) > len(P):
                continue
            jac = [[F[j].diff(k).evaluate(full) for k in P] for j in I]
            if I and len(_echelon(jac)[1]) < len(I):
                continue     # the vanishing factors are not coordinates at this point
            if not I and not any(st.gens):   # pragma: no cover - normalized states have generators
                continue
            saved = dict(self._cache)   # a rejected candidate's nodes are not in the certificate
            try:
                v, node = self._case(st, sep, consts, mults, I)
            except NoGo:
                self._cache = saved
                continue
            if (v.lo, v.m) == (low.lo, low.m):
                return {"point": [str(x) for x in pt], "I": list(I), "node": node}
            self._cache = saved
        return None
