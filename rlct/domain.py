"""The RLCT over a compact box: ``rlct(K, domain="x=-1..1,y=0..2")`` (issue 5, item 2).

``ζ(z) = ∫_box K(w)^z dw``: its largest pole ``-λ`` (order ``m``) is the minimum over the real
zeros of ``K`` in the closed box of the local ``λ`` (``m``: the maximum over the minimizing
zeros), where a zero on a face is approached from inside the box only.

* Zeros.  ``K >= 0``, so its real zeros are common zeros of ``K`` and ``∇K``.  A Groebner basis
  over Q of ``{K, ∂K/∂x_i}`` decides whether that set is empty (basis ``{1}``: no zero at all),
  finite or positive-dimensional.  If finite, the eliminant of each variable (lex basis with that
  variable last) has exact real roots (sympy: Rational or algebraic); the zeros are the points of
  the product of those roots in the box where ``K`` vanishes (exact; algebraic values decided by
  their minimal polynomial).
* Local values.  Rational interior zeros: ``rlct(K, at=point)``.  A rational zero on a face: with
  ``x_i = p_i ± t_i²`` for the coordinates on the face (sign pointing into the box),
  ``∫_0^ε f(y) dy = ∫_{-√ε}^{√ε} f(t²)|t| dt``, so the one-sided problem *is* the two-sided one of
  ``K(p ± t²)`` with prior ``|Π t_i|`` at the origin -- same poles, same orders, exact and
  certified by the engine.  An algebraic (irrational) zero: exact ``(d/2, 1)`` when the Hessian
  determinant does not vanish there (Morse lemma; ``K`` is then comparable to ``|w - p|²`` on a
  cone), otherwise the bounds ``1/deg K <= λ <= d/2``.
* Bounds.  Every zero has ``λ >= 1/ord >= 1/deg K`` (Kollár's bound; a one-sided λ is never
  smaller than the two-sided one), and ``λ <= d/2`` (``K = O(|w - p|²)`` at a zero).  A
  positive-dimensional zero set that the stratification below cannot finish gives bounds: the
  minimum of the values at rational zeros found on axis-parallel lines through grid points bounds
  λ from above (``+inf`` if none is found), ``1/deg K`` from below.  The minimum over the zeros is
  exact only when every unfinished zero's lower bound is strictly above the exact minimum (as in
  :func:`rlct.values.combine_min`).
* Variables absent from ``K`` are dropped: ζ is the product of the box lengths in them and the
  ζ of the rest (same poles, same orders).
* Positive-dimensional zero sets (algorithm.md §7 step 3, rules (S)/(C) of §5.1 applied
  globally): :func:`_representations` writes ``K = c · Π_j Q_j``, ``c > 0``,
  ``Q_j ≍ (Σ_{g in G_j} g²)^{s_j}`` -- from the factorization over Q (``|F|^e = (F²)^{e/2}``), a
  sum of squares as written (:func:`rlct.api.sos_structure`, also raised to a power) or
  ``ideal=``.  Pieces with a generator of strict sign on the box (:func:`_signs`) are units.

  **Theorem** (smooth strata).  Let ``p`` be a zero in the box at which only ``Q_j`` vanishes,
  ``T`` the coordinates at a bound at ``p``, and ``g_S`` (``|S| = c``) generators with a ``c×c``
  Jacobian minor ``δ``, ``δ(p) != 0``, on columns outside ``T``, such that every generator lies in
  ``(g_S) : δ^∞`` (Groebner basis of ``(g_S, 1 - tδ)``; :func:`_charts`).  By the implicit
  function theorem ``(u, t, v) = (g_S, ±(x_T - p_T), rest)`` are analytic coordinates at ``p``
  (the Jacobian determinant is ``±δ(p)``); every generator is in ``(u)`` locally (``δ`` is a
  unit), so ``Q_j ≍ |u|^{2 s_j}`` and ``K ≍ |u|^{2 s_j}`` on ``{t >= 0}`` (T3, Lin Prop 3.11 /
  Cor 3.12; the other ``Q_k`` and ``c`` are positive near ``p``).  Integrating out ``t >= 0``
  and ``v`` leaves ``∫|u|^{2 s_j z} Φ(u) du`` with ``Φ`` smooth, ``Φ(0) > 0``: in polar
  coordinates in ``u`` its largest pole is ``-c/(2 s_j)``, simple.  So the local value is
  ``(c/(2 s_j), 1)`` -- inside the box and, by the same argument, where the stratum crosses a
  face transversally (Watanabe 2009: ``d/2`` for regular models; T4 power rule).

  **Theorem** (normal crossings, rule (S)).  Where single-generator pieces ``F_j``, ``j ∈ J``,
  vanish and their Jacobian has rank ``|J|`` on the columns outside ``T``, ``(F_J, t, v)`` are
  coordinates and ``K ≍ Π |F_j|^{e_j}``: by T1, ``λ = min 1/e_j``, ``m`` = #attaining.  A factor
  ``x_i - b`` with ``b`` a bound of ``x_i`` (:func:`_face_of`) is its own one-sided coordinate.
  Zeros on a face where the stratum does not cross transversally but enters the box
  (:func:`_crossing`, :func:`_cone_meets`, :func:`_enters`) have the same value: squeezed between
  the two-sided value and that of the interior points nearby.

  Every other zero (several-generator pieces meeting others, rank drops, singular points,
  non-transversal contact with a face, vertices) is in the "bad locus" (:func:`_bad_locus`),
  which must be finite -- a zero-dimensional Groebner basis on every face -- and is solved point
  by point as above; or, for single-generator pieces free of some variables, a finite union of
  cylinders ``{q} × box`` over the bad points ``q`` of the problem of those pieces alone in their
  own variables (solved recursively; along a cylinder ``K ≍ Π |F_j(x_V)|^{e_j}``, so every point
  where no other piece vanishes has the value of that problem at ``q``).  A stratum counts once
  a point of it is found and checked exactly (:func:`_witnesses`, :func:`_crossing_witness`,
  :func:`_face_witness`, :func:`_cylinder_witness`); a single generator proven not to change
  sign on the box (:func:`_signs`) has no smooth stratum (there ``F`` changes sign), and one
  proven to take both signs has one (:func:`_coprime_to_others`).  A
  stratum with no point found only gives the lower bound (it may tie with the minimum when its
  ``m`` is not larger).  λ is the minimum over strata and points, m the maximum
  over the minimizers (T2, Lin Prop 3.9); ``attained_at`` lists the minimizing strata (their
  equations) and points, ``strata`` every smooth stratum with its codimension, value and a point.
"""
from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from resolve.watchdog import HardTimeout, hard_deadline

from .api import RLCTResult, _to_expr
from .errors import RLCTInputError
from .strata import lam_str
from .values import INF

MAX_CANDIDATES = 4000   #: most candidate points (product of the coordinates' real roots)
MAX_SAMPLED = 8         #: most rational zeros evaluated on a positive-dimensional zero set
MAX_BOX_VARS = 8        #: most variables for the search over the 3^d faces of the box


@dataclass
class DomainResult(RLCTResult):
    """:class:`rlct.api.RLCTResult` for a box: ``status`` ``"exact"``, ``"bounds"`` or ``"no-zero"``
    (no real zero in the box: λ = +∞); ``attained_at`` where the minimum λ is attained (exact
    answers): equations of smooth strata (``"x**2 + y**2 - 1 = 0"``, crossings joined by ``and``)
    and points (``"x=0,y=0"``); ``zeros`` the isolated zeros solved one by one, with their local
    values; ``strata`` the smooth strata found (``equations``, ``codim``, ``lambda``, ``m``, a
    ``point`` of it or ``None``); ``domain`` the box."""

    domain: dict = field(default_factory=dict)
    attained_at: list = field(default_factory=list)
    zeros: list = field(default_factory=list)
    strata: list = field(default_factory=list)

    def _box(self) -> str:
        return ", ".join(f"{n}={lo}..{hi}" for n, (lo, hi) in self.domain.items())

    def to_dict(self) -> dict:
        out: dict[str, Any] = {"status": self.status}
        if self.status == "exact":
            out["lambda"], out["m"] = str(self.lam), self.m
        if self.status == "bounds":
            out["lambda_lower"], out["lambda_upper"] = lam_str(self.lambda_lower), lam_str(self.lambda_upper)
            out["reason"] = self.reason
        out.update({"vars": self.vars, "K": self.K, "domain": {n: f"{lo}..{hi}" for n, (lo, hi) in self.domain.items()},
                    "attained_at": self.attained_at, "zeros": self.zeros, "seconds": round(self.seconds, 4)})
        if self.strata:
            out["strata"] = self.strata
        return out

    def _strata_str(self) -> str:
        if not self.strata:
            return ""
        parts = [f"{' and '.join(s['equations'])} (smooth, codim {s['codim']}: lambda = {s['lambda']}, m = {s['m']}; "
                 + (("e.g. at " if s["point"][0] != "(" else "") + f"{s['point']})" if s["point"]
                    else "no point found in the box)") for s in self.strata]
        return "; smooth strata: " + "; ".join(parts)

    def __str__(self) -> str:
        if self.status == "no-zero":
            return f"K = {self.K} has no real zero in the box {self._box()}: lambda = +inf (no pole)"
        if self.status == "exact":
            return (f"RLCT of {self.K} over the box {self._box()}: lambda = {self.lam}, m = {self.m} "
                    f"(exact), attained at {'; '.join(self.attained_at)}{self._strata_str()}")
        return (f"RLCT of {self.K} over the box {self._box()}: {lam_str(self.lambda_lower)} <= lambda <= "
                f"{lam_str(self.lambda_upper)} (bounds: {self.reason}){self._strata_str()}")


def cli_problem(args) -> str | None:
    """What cannot go with ``--domain`` on the command line (one line), or ``None``."""
    for opt, val in (("--at", args.at), ("--prior", args.prior), ("--explain", args.explain or None),
                     ("--graph", args.graph), ("--certificate", args.certificate), ("--figure", args.figure)):
        if val is not None:
            return f"--domain cannot be combined with {opt}"
    return None


def parse_domain(text, names: list[str]) -> dict[str, tuple[Fraction, Fraction]]:
    """``"x=-1..1, y=0..2"`` into ``{name: (lo, hi)}`` with rational ``lo < hi``, every variable bounded.

    >>> parse_domain("x=-1..1/2, y=0..2", ["x", "y"])
    {'x': (Fraction(-1, 1), Fraction(1, 2)), 'y': (Fraction(0, 1), Fraction(2, 1))}
    """
    from .parse import _identifier, _split_top

    if isinstance(text, dict):
        items = [(str(k), v) for k, v in text.items()]
    else:
        if isinstance(text, bytes):
            text = text.decode("utf-8", errors="replace")
        if not isinstance(text, str) or not text.strip():
            raise RLCTInputError("--domain: empty (write e.g. x=-1..1,y=0..2)")
        items = []
        for _, item in _split_top(text):
            name, eq, rng = item.partition("=")
            if not eq:
                raise RLCTInputError(f"--domain: missing '=' in '{' '.join(item.split())[:40]}' (write name=lo..hi)")
            items.append((name, rng))
    box: dict[str, tuple[Fraction, Fraction]] = {}
    for name, rng in items:
        name = _identifier(name, "--domain")
        if name in box:
            raise RLCTInputError(f"--domain: '{name}' is given twice")
        if name not in names:
            raise RLCTInputError(f"--domain: '{name}' is not a variable of K (variables: {', '.join(names)})")
        if isinstance(rng, str):
            lo_s, dots, hi_s = rng.partition("..")
            if not dots or not lo_s.strip() or not hi_s.strip():
                raise RLCTInputError(f"--domain: '{name}' needs a range lo..hi, got '{rng.strip()[:40]}'")
            rng = (lo_s, hi_s)
        try:
            lo_v, hi_v = rng
        except (TypeError, ValueError):
            raise RLCTInputError(f"--domain: '{name}' needs a pair (lo, hi)") from None
        lo, hi = (_rational(v, f"--domain {name}") for v in (lo_v, hi_v))
        if lo >= hi:
            raise RLCTInputError(f"--domain: {name}={lo}..{hi} is empty or flat (need lo < hi)")
        box[name] = (lo, hi)
    missing = [n for n in names if n not in box]
    if missing:
        raise RLCTInputError(f"--domain: no range for {', '.join(missing)} (every variable needs one)")
    return {n: box[n] for n in names}


def _rational(v, what: str) -> Fraction:
    from .parse import parse_number

    if isinstance(v, (int, Fraction)):
        return Fraction(v)
    x = parse_number(v.strip(), what=what) if isinstance(v, str) else v
    if getattr(x, "is_Rational", False):
        return Fraction(int(x.p), int(x.q))
    raise RLCTInputError(f"{what}: bounds must be rational numbers, got {x}")


def _q(f: Fraction):
    import sympy

    return sympy.Rational(f.numerator, f.denominator)


def _is_zero(e) -> bool | None:
    """Exact: is the algebraic number ``e`` zero?  ``None`` if sympy cannot decide."""
    import sympy

    if e.is_Rational:
        return e == 0
    try:
        t = sympy.Dummy("t")
        return sympy.minimal_polynomial(e, t) == t
    except Exception:  # noqa: BLE001 -- undecided, the caller stays conservative
        return None


def _fmt(names, p) -> str:
    import sympy

    def num(n, v):
        if isinstance(v, sympy.CRootOf):    # in the coordinate's own name (readable back by the parser)
            return f"root({v.poly.as_expr().xreplace({v.poly.gen: sympy.Symbol(n)})}, {v.index})"
        return str(v).replace(" ", "")

    return ",".join(f"{n}={num(n, v)}" for n, v in zip(names, p))


def _zero_set(expr, syms, box, deadline):
    """``("finite" | "positive", [(point, is_zero: True/None)])``: the zeros of ``K`` in the closed box.

    ``K >= 0`` on the box only, so a zero on a face need not be a critical point of ``K``: every
    face ``F`` of the box (each coordinate free, at ``lo`` or at ``hi``) is searched for the zeros
    in its relative interior, which are critical points of ``K|F`` (a minimum on ``F``)."""
    import sympy

    out = []
    with hard_deadline(deadline):
        for where in itertools.product(*[("free", 0, 1)] * len(syms)):
            fixed = {s: _q(b[w]) for s, b, w in zip(syms, box, where) if w != "free"}
            free = [i for i, w in enumerate(where) if w == "free"]
            g = sympy.expand(expr.xreplace(fixed))
            if not free:
                if g == 0:
                    out.append((tuple(fixed[s] for s in syms), True))
                continue
            if g == 0:
                return "positive", []
            fs = [syms[i] for i in free]
            gens = [h for h in [g] + [sympy.diff(g, s) for s in fs] if h != 0]
            G = sympy.groebner(gens, *fs, order="grevlex", domain="QQ")
            if any(h.is_number for h in G.exprs):
                continue
            if not G.is_zero_dimensional:
                return "positive", []
            per_var = []
            for i in free:
                s, (lo, hi) = syms[i], box[i]
                Gs = sympy.groebner(G.exprs, *([u for u in fs if u != s] + [s]), order="lex", domain="QQ")
                uni = [h for h in Gs.exprs if h.free_symbols <= {s}]
                roots = []
                for r in sympy.real_roots(sympy.Poly(uni[-1], s)):
                    if r not in roots and bool(r > _q(lo)) and bool(r < _q(hi)):   # relative interior
                        roots.append(r)
                per_var.append(roots)
            n = 1
            for r in per_var:
                n *= len(r)
            if n > MAX_CANDIDATES:
                raise _TooMany(n)
            for vals in itertools.product(*per_var):
                sub = dict(zip(fs, vals))
                z = _is_zero(g.xreplace(sub))
                if z is not False:
                    out.append((tuple(fixed[s] if s in fixed else sub[s] for s in syms), z))
    return "finite", out


class _TooMany(Exception):
    pass


def _line_zeros(expr, syms, box, deadline):
    """Rational zeros of ``K`` in the box on axis-parallel lines through grid points (a sample)."""
    import sympy

    grid = []
    for lo, hi in box:
        vals = [lo, hi, (lo + hi) / 2] + [Fraction(k) for k in range(int(lo), int(hi) + 1)][:5]
        grid.append(sorted({v for v in vals if lo <= v <= hi}))
    found = []
    for i, s in enumerate(syms):
        others = [j for j in range(len(syms)) if j != i]
        for vals in itertools.product(*[grid[j] for j in others]):
            if time.monotonic() > deadline or len(found) >= MAX_SAMPLED:
                return found
            f = sympy.expand(expr.subs({syms[j]: _q(v) for j, v in zip(others, vals)}))
            if f == 0:
                roots = [_q(v) for v in grid[i]]
            else:
                roots = [r for r in sympy.real_roots(sympy.Poly(f, s)) if r.is_Rational]
            for r in roots:
                if _q(box[i][0]) <= r <= _q(box[i][1]):
                    p = [None] * len(syms)
                    p[i] = Fraction(int(r.p), int(r.q))
                    for j, v in zip(others, vals):
                        p[j] = v
                    if tuple(p) not in found:
                        found.append(tuple(p))
    return found



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
        return [[_Piece(gens, Fraction(1))]] + reps
    coeff, rest = orig.as_coeff_Mul()
    if not coeff.is_Rational or coeff <= 0:
        return reps
    pieces, other, found = [], sympy.Integer(1), False
    for fac in sympy.Mul.make_args(rest):
        base, e = fac.as_base_exp()
        sos = sos_structure(base) if base.is_Add and e.is_Integer and e > 0 else None
        if sos and len(sos) >= 2:
            pieces.append(_Piece([sympy.expand(g) for _, g in sos], Fraction(int(e))))
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


def _points(exprs, fs, ranges):
    """The common zeros of ``exprs`` (in the variables ``fs``) in the open box ``ranges``:
    ``[(values, True/None)]`` (``None``: undecided), ``None`` if ``V_C`` is not finite."""
    import sympy

    exprs = [e for e in exprs if e != 0]
    if not exprs:
        return None
    if any(e.is_number for e in exprs):
        return []
    G = sympy.groebner(exprs, *fs, order="grevlex", domain="QQ")
    if any(h.is_number for h in G.exprs):
        return []
    if not G.is_zero_dimensional:
        return None
    per_var = []
    for s, (lo, hi) in zip(fs, ranges):
        Gs = sympy.groebner(G.exprs, *([u for u in fs if u != s] + [s]), order="lex", domain="QQ")
        uni = [h for h in Gs.exprs if h.free_symbols <= {s}]
        roots = []
        for r in sympy.real_roots(sympy.Poly(uni[-1], s)):
            if r not in roots and bool(r > _q(lo)) and bool(r < _q(hi)):
                roots.append(r)
        per_var.append(roots)
    n = 1
    for r in per_var:
        n *= len(r)
    if n > MAX_CANDIDATES:
        raise _TooMany(n)
    out = []
    for vals in itertools.product(*per_var):
        sub = dict(zip(fs, vals))
        zs = [_is_zero(sympy.expand(h.xreplace(sub))) for h in G.exprs]
        if all(z is True for z in zs):
            out.append((tuple(vals), True))
        elif all(z is not False for z in zs):
            out.append((tuple(vals), None))
    return out


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


def _sample_signs(F, syms, box) -> set:
    """The signs of ``F`` at the vertices and the centre of the box (exact rational values)."""
    import sympy

    pts = list(itertools.product(*box)) + [tuple((lo + hi) / 2 for lo, hi in box)]
    return {int(sympy.sign(F.xreplace({s: _q(v) for s, v in zip(syms, p)}))) for p in pts}


def _interval_sign(F, syms, box) -> int:
    """``±1`` if exact rational interval arithmetic (term by term over the box) proves ``F > 0``
    or ``F < 0`` on the whole box, else ``0``."""
    import sympy

    lo_s, hi_s = Fraction(0), Fraction(0)
    for mono, c in sympy.Poly(F, *syms).terms():
        lo_t = hi_t = Fraction(int(c.p), int(c.q))
        for a, (lo, hi) in zip(mono, box):
            if not a:
                continue
            ends = [lo ** a, hi ** a]
            lo_p, hi_p = min(ends), max(ends)
            if a % 2 == 0 and lo < 0 < hi:
                lo_p = Fraction(0)
            cands = [lo_t * lo_p, lo_t * hi_p, hi_t * lo_p, hi_t * hi_p]
            lo_t, hi_t = min(cands), max(cands)
        lo_s, hi_s = lo_s + lo_t, hi_s + hi_t
    return 1 if lo_s > 0 else -1 if hi_s < 0 else 0


def _signs(F, syms, box):
    """The signs (-1, 0, 1) of ``F`` at its critical points on the relative interiors of the
    faces of the box (vertices included), or ``None`` if they are not finitely many.  ``F``
    takes its extreme values there, so ``{1}`` (``{-1}``) proves ``F > 0`` (``< 0``) on the box and
    a set without ``-1`` (``1``) proves ``F >= 0`` (``<= 0``).  Only the variables of ``F`` count
    (the box projects onto their box).  Exact: rational arithmetic, algebraic signs by
    :func:`rlct.algebraic.sign`."""
    import sympy

    from .algebraic import Undecided, sign

    keep = [k for k, s in enumerate(syms) if s in F.free_symbols]
    syms, box = [syms[k] for k in keep], [box[k] for k in keep]
    signs = set()
    for where in itertools.product(*[("free", 0, 1)] * len(syms)):
        fixed = {s: _q(b[w]) for s, b, w in zip(syms, box, where) if w != "free"}
        free = [i for i, w in enumerate(where) if w == "free"]
        fs = [syms[i] for i in free]
        g = sympy.expand(F.xreplace(fixed))
        if not fs:
            pts = [((), True)]
        elif g.is_number:
            pts = [(tuple(_q((box[i][0] + box[i][1]) / 2) for i in free), True)]
        else:
            pts = _points([sympy.diff(g, s) for s in fs], fs, [box[i] for i in free])
            if pts is None:
                return None
        for vals, z in pts:
            if z is not True:
                return None
            v = sympy.expand(g.xreplace(dict(zip(fs, vals))))
            zero = _is_zero(v)
            if zero is None:
                return None
            try:
                signs.add(0 if zero else sign(v))
            except (Undecided, RLCTInputError):
                return None
            if {1, -1} <= signs:
                return signs
    return signs


def _interior_grid(lo: Fraction, hi: Fraction) -> list:
    vals = [(lo + hi) / 2, lo + (hi - lo) / 4, lo + 3 * (hi - lo) / 4, lo + (hi - lo) / 3]
    vals += [Fraction(k) for k in range(int(lo) - 1, int(hi) + 2) if lo < k < hi][:4]
    return list(dict.fromkeys(vals))


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


def _local(expr, syms, names, p, box, timeout, opts):
    """Local value at the rational zero ``p``: ``(lo, hi, m or None, reason)`` (one-sided on faces)."""
    import sympy

    from .api import rlct

    faces = [i for i, (v, (lo, hi)) in enumerate(zip(p, box)) if v in (lo, hi)]
    if faces:   # x_i = p_i ± t_i² (into the box), prior |Π t_i|: the same zeta function
        sub = {s: _q(v) + (s ** 2 if v == box[i][0] else -s ** 2) if i in faces else _q(v) + s
               for i, (s, v) in enumerate(zip(syms, p))}
        r = rlct(sympy.expand(expr.xreplace(sub)), vars=names, prior=sympy.Mul(*[syms[i] for i in faces]),
                 timeout=timeout, **opts)
    else:
        r = rlct(expr, vars=names, at={n: v for n, v in zip(names, p)}, timeout=timeout, **opts)
    if r.status == "exact":
        return r.lam, r.lam, r.m, ""
    return r.lambda_lower, r.lambda_upper, None, r.reason


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
    rep = [pc for pc in rep if not any(_interval_sign(g, syms, box) or _signs(g, syms, box) in ({1}, {-1})
                                       for g in pc.gens)]
    for pc in rep:
        _charts(pc, syms)
        pc.face = _face_of(pc, syms, box)
        signs = _signs(pc.gens[0], syms, box) if len(pc.gens) == 1 and not pc.face else None
        pc.one_sign = signs is not None and not {1, -1} <= signs
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


def _irrational(expr, syms, names, p, z, cap, floor):
    """A piece for a zero with an irrational coordinate: exact ``(d/2, 1)`` in the Morse case."""
    import sympy

    label = _fmt(names, p)
    if z is None:
        return (floor, INF, None, label, "undecided candidate")
    d = len(syms)
    H = sympy.hessian(expr, syms).subs(dict(zip(syms, p)))   # an interior zero is a minimum:
    morse = cap(p) == Fraction(d, 2) and _is_zero(H.det()) is False   # Morse, λ = d/2, m = 1
    return (cap(p), cap(p), 1, label, "morse") if morse else (floor, cap(p), None, label, "irrational zero")


def _combine(pieces, base, reason, seconds, strata=()):
    """The result from local pieces ``(lo, hi, m or None, label, note)``: exact when every
    unfinished piece's lower bound is above the exact minimum (a stratum with no point found,
    note ``_NO_POINT``, may tie when its ``m`` -- the 6th entry -- is at most the minimizers' ``m``:
    its points, if any, change nothing)."""
    exact = [pc for pc in pieces if pc[2] is not None and pc[0] == pc[1]]
    best = min((pc[0] for pc in exact), default=INF)
    zeros = [{"point": pc[3], **({"lambda": lam_str(pc[0]), "m": pc[2]} if pc in exact else
                                 {"lambda_lower": lam_str(pc[0]), "lambda_upper": lam_str(pc[1])})}
             for pc in pieces if pc[3] and not pc[4].startswith("stratum")]
    base = dict(base, zeros=zeros, strata=list(strata))
    top_m = max((pc[2] for pc in exact if pc[0] == best), default=0)
    if exact and all(pc[0] > best or (pc[4] == _NO_POINT and pc[0] == best and pc[5] <= top_m)
                     for pc in pieces if pc not in exact):
        tops = [pc for pc in exact if pc[0] == best]
        return DomainResult(best, max(pc[2] for pc in tops), "exact", best, best, seconds=seconds(),
                            attained_at=[pc[3] for pc in tops], **base)
    lo = min(pc[0] for pc in pieces)
    hi = min(pc[1] for pc in pieces)
    if not reason:
        notes = sorted({pc[4] for pc in pieces if pc not in exact and pc[4]})
        reason = "unfinished zeros: " + "; ".join(notes)[:300]
    return DomainResult(None, None, "bounds", lo, hi, reason=reason, seconds=seconds(), **base)


def rlct_domain(K=None, vars=None, domain=None, at=None, prior=None, ideal=None, timeout=60.0,
                **opts) -> DomainResult:
    """``(λ, m)`` of ``∫_box K^z dw`` (module docstring); called by :func:`rlct.rlct` with ``domain=``.

    Positive-dimensional zero sets (algorithm.md §7 step 3) are stratified; see the module
    docstring for the method and why it is sound."""
    import sympy

    from .parse import parse_vars

    t0 = time.monotonic()
    if at is not None:
        raise RLCTInputError("--domain cannot be combined with --at (the box replaces the point)")
    if prior is not None:
        raise RLCTInputError("--domain cannot be combined with --prior")
    ideal_gens = None
    if ideal is not None:
        if K is not None:
            raise RLCTInputError("give either K or ideal, not both")
        ideal_gens = [_to_expr(f, f"ideal generator {i + 1}") for i, f in enumerate(ideal)]
        if not ideal_gens:
            raise RLCTInputError("ideal: no generators given")
        orig = sympy.Add(*[g ** 2 for g in ideal_gens])
    else:
        if K is None:
            raise RLCTInputError("K is missing")
        orig = _to_expr(K, "K")
    expr = sympy.expand(orig)
    names_in = sorted(s.name for s in expr.free_symbols)
    names = names_in if vars is None else (parse_vars(vars) if isinstance(vars, str) else [str(v) for v in vars])
    missing = [n for n in names_in if n not in names]
    if missing:
        raise RLCTInputError(f"variable(s) {', '.join(missing)} of K are not in vars ({', '.join(names)})")
    if not names:
        raise RLCTInputError("K has no variables")
    if expr == 0:
        raise RLCTInputError("K is identically zero (λ is undefined)")
    boxd = parse_domain(domain, names)
    box = [boxd[n] for n in names]
    syms = [sympy.Symbol(n) for n in names]
    d = len(names)
    deg = sympy.Poly(expr, *syms).total_degree()
    floor = Fraction(1, max(deg, 1))          # λ >= 1/ord >= 1/deg K at every zero

    def cap(p):   # λ <= d/2 at an interior zero (K = O(|w - p|^2)), λ <= d on a face (K = O(|w - p|))
        return Fraction(d, 2) if all(_q(lo) < v < _q(hi) for v, (lo, hi) in zip(p, box)) else Fraction(d)
    base = dict(vars=names, K=str(expr), point={}, prior_exponents=[0] * d,
                domain={n: (str(lo), str(hi)) for n, (lo, hi) in boxd.items()})
    if d > MAX_BOX_VARS:
        raise RLCTInputError(f"--domain: at most {MAX_BOX_VARS} variables (the box has 3^d faces to search)")
    for corner in itertools.product(*box):   # a cheap sanity check of K >= 0
        if expr.subs(dict(zip(syms, map(_q, corner)))) < 0:
            raise RLCTInputError(f"K is negative at {_fmt(names, map(_q, corner))} (it must be >= 0 on the box)")
    absent = [n for n in names if n not in names_in]
    if absent and names_in:
        # ζ(z) = (Π of the absent variables' lengths) · ∫ over the box of the others: same poles
        sub = rlct_domain(orig, vars=names_in, domain={n: boxd[n] for n in names_in}, timeout=timeout, **opts)
        note = f" (any {', '.join(absent)})"
        sub.vars, sub.domain, sub.prior_exponents = names, base["domain"], [0] * d
        sub.attained_at = [a if " = " in a else a + note for a in sub.attained_at]
        for zr in sub.zeros:
            zr["point"] += note
        for st in sub.strata:
            if st.get("point"):
                st["point"] += note
        sub.seconds = time.monotonic() - t0
        return sub
    seconds = lambda: time.monotonic() - t0  # noqa: E731
    reason = ""
    try:
        kind, cands = _zero_set(expr, syms, box, t0 + 0.3 * timeout if timeout else None)
    except (HardTimeout, _TooMany) as exc:
        kind, cands = "unknown", []
        reason = ("time budget exhausted while finding the zeros" if isinstance(exc, HardTimeout)
                  else f"too many candidate zeros ({exc.args[0]})")
    if kind == "finite" and not cands:
        return DomainResult(None, None, "no-zero", None, None, seconds=seconds(), **base)

    def evaluate(cands, share, reps=()):
        """Local pieces of the zeros ``cands`` (rule (S) for the pieces of ``rep``; rational: the
        engine; irrational: Morse or bounds)."""
        out, rational = [], []
        end = t0 + share * timeout if timeout else None
        for p, z in cands:
            rule = None
            try:
                with hard_deadline(end):
                    for rp in (reps if z is True else ()):
                        rule = rule or _crossing(p, rp, syms, box)
                    if rule is None and not (all(v.is_Rational for v in p) and z is True):
                        out.append(_irrational(expr, syms, names, p, z, cap, floor))
                        continue
            except HardTimeout:
                out.append((floor, cap(p), None, _fmt(names, p), "time"))
                continue
            if rule is not None:
                out.append((rule[0], rule[0], rule[1], _fmt(names, p), rule[2]))
            else:
                rational.append(tuple(Fraction(int(v.p), int(v.q)) for v in p))
        for k, p in enumerate(rational):
            left = (end - time.monotonic()) * 0.9 / (len(rational) - k) if end else None
            if left is not None and left < 0.2:
                out.append((floor, cap(p), None, _fmt(names, p), "time"))
                continue
            lo, hi, m, why = _local(expr, syms, names, p, box, left, opts)
            out.append((lo, hi, m, _fmt(names, p), why))
        return out

    if kind == "finite":   # rules (S)/(C) with the factors / squares first (exact also at irrational zeros)
        reps = _representations(orig, expr, ideal_gens, syms)
        for pc in itertools.chain(*reps):
            pc.face = _face_of(pc, syms, box)
        return _combine(evaluate(cands, 1.0, reps), base, "", seconds)
    if kind == "positive":
        reason = ("the real zero set of K in the box may be positive-dimensional (the critical points "
                  "of K, or of K on a face of the box, are not finitely many over C)")
        best_bounds = None
        reps = _representations(orig, expr, ideal_gens, syms)
        for n_rep, rep in enumerate(reps):
            share = 0.3 + 0.6 * (n_rep + 1) / len(reps)
            if timeout and time.monotonic() > t0 + share * timeout - 0.5:
                break
            try:
                with hard_deadline(t0 + (share - 0.3 / len(reps)) * timeout if timeout else None):
                    got, why = _stratify(rep, syms, box, t0 + (share - 0.4 / len(reps)) * timeout
                                         if timeout else time.monotonic() + 30)
            except (HardTimeout, _TooMany) as exc:
                got, why = None, ("time budget exhausted while stratifying the zero set"
                                  if isinstance(exc, HardTimeout) else f"too many candidate points ({exc.args[0]})")
            if got is None:
                kind_s = ("ideal generators" if ideal_gens is not None and n_rep == 0 else
                          "factors over Q" if n_rep == len(reps) - 1 else "sums of squares as written")
                reason += f"; stratification by the {kind_s}: {why}"
                continue
            strata, bad, cyl = got
            pieces, desc = [], []
            for st in strata:
                where = (_fmt(names, st.witness) if isinstance(st.witness, tuple) else st.witness)
                if st.witness is not None and st.odd is not None:
                    raise RLCTInputError(f"K takes negative values in the box (the factor {st.odd} changes sign "
                                         f"at its smooth zeros: {where})")
                pieces.append((st.lam, st.lam, st.m, st.label, "stratum") if st.witness is not None
                              else (st.lam, INF, None, st.label, _NO_POINT, st.m))
                desc.append({"equations": st.equations, "codim": st.codim, "lambda": lam_str(st.lam),
                             "m": st.m, "point": where})
            pieces += evaluate(bad, share, [rep])
            for k, (pcs, keep, q, z, w) in enumerate(cyl):     # cylinders over points of a subproblem
                vn, vs, vb = [names[i] for i in keep], [syms[i] for i in keep], [box[i] for i in keep]
                label = _fmt(vn, q) + f" (any {', '.join(n for n in names if n not in vn)})"
                Fe = sympy.expand(sympy.Mul(*[pc.gens[0] ** int(2 * pc.s) for pc in pcs]))
                end = t0 + share * timeout if timeout else None
                left = (end - time.monotonic()) * 0.9 / (len(cyl) - k) if end else None
                subs = [_Piece(pc.gens, pc.s) for pc in pcs]
                for sp in subs:
                    sp.face = _face_of(sp, vs, vb)
                try:
                    with hard_deadline(end):
                        rule = _crossing(q, subs, vs, vb) if z is True else None
                        if rule is not None:
                            lo, hi, m, why = rule[0], rule[0], rule[1], rule[2]
                        elif z is not True:
                            lo, hi, m, why = floor, INF, None, "undecided candidate"
                        elif not all(v.is_Rational for v in q):
                            def cap_v(p, vb=vb):
                                inner = all(_q(a) < v < _q(b) for v, (a, b) in zip(p, vb))
                                return Fraction(len(vb), 2) if inner else Fraction(len(vb))
                            lo, hi, m, _, why = _irrational(Fe, vs, vn, q, z, cap_v, floor)
                        elif left is not None and left < 0.2:
                            lo, hi, m, why = floor, Fraction(d), None, "time"
                        else:
                            qf = tuple(Fraction(int(v.p), int(v.q)) for v in q)
                            lo, hi, m, why = _local(Fe, vs, vn, qf, vb, left, opts)
                except HardTimeout:
                    lo, hi, m, why = floor, INF, None, "time"
                if m is not None and lo == hi:
                    pieces.append((lo, lo, m, label, "cylinder") if w is not None
                                  else (lo, INF, None, label, _NO_POINT, m))
                else:
                    pieces.append((lo, hi if w is not None else INF, None, label, why or "cylinder"))
            if not pieces:   # no stratum and no bad point: no real zero at all
                return DomainResult(None, None, "no-zero", None, None, seconds=seconds(), **base)
            res = _combine(pieces, base, "", seconds, desc)
            if res.status == "exact":
                return res
            if best_bounds is None:
                best_bounds = res
            else:   # both are rigorous bounds on the same λ: intersect them
                best_bounds.lambda_lower = max(best_bounds.lambda_lower, res.lambda_lower)
                best_bounds.lambda_upper = min(best_bounds.lambda_upper, res.lambda_upper)
        if best_bounds is not None:
            return best_bounds
        sample_end = time.monotonic() + (0.05 * timeout if timeout else 10)
        try:
            with hard_deadline(sample_end + 1):
                pts = _line_zeros(expr, syms, box, sample_end)
        except HardTimeout:
            pts = []
        cands = [(tuple(_q(v) for v in p), True) for p in pts]
        return _combine(evaluate(cands, 0.98) + [(floor, INF, None, "", "rest")], base, reason, seconds)
    return _combine([(floor, INF, None, "", "rest")], base, reason, seconds)
