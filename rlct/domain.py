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
* Certificate.  An exact answer carries ``certificate`` (``rlct-domain-certificate/1``,
  docs/certificate.md "Domain certificates"; written by :mod:`rlct.domain_cert`): the pieces and
  charts, a witness on each stratum, every solved point with its proof (a local certificate,
  ``morse`` or ``rule``) and the cylinders.  :mod:`rlct.checker_domain`, which shares no code
  with this module, re-derives the covering and ``(λ, m)`` from it; with ``check=True`` an
  answer whose certificate does not verify comes back as bounds.

Modules: this one (box, zeros, local values, the result), :mod:`rlct.domain_strata` (the
stratification), :mod:`rlct.domain_exact` (exact helpers), :mod:`rlct.domain_cert`.
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

from .domain_cert import attach
from .domain_cert import build as build_certificate
from .domain_exact import (MAX_CANDIDATES, _fmt, _interior_grid, _interval_sign, _is_zero,  # noqa: F401
                           _points, _q, _sample_signs, _signs, _TooMany)
from .domain_strata import (_NO_POINT, _SIGN_CHANGE, MAX_GENS, MAX_LINES, MAX_SINGLE,  # noqa: F401
                            _bad_locus, _charts, _cone_meets, _coprime_to_others, _crossing,
                            _crossing_witness, _cylinder_witness, _enters, _face_of, _face_witness,
                            _Piece, _representations, _Stratum, _stratify, _sympy_pieces, _witnesses)

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

    @property
    def graph(self):
        """No resolution graph for a box (the certificate is a domain certificate)."""
        return None

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
                     ("--graph", args.graph), ("--figure", args.figure)):
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
            # zeros in the relative interior: critical points of K|F (exact, domain_exact._points)
            pts = _points([g] + [sympy.diff(g, s) for s in fs], fs, [box[i] for i in free])
            if pts is None:
                return "positive", []
            for vals, z in pts:
                sub = dict(zip(fs, vals))
                out.append((tuple(fixed[s] if s in fixed else sub[s] for s in syms), z))
    return "finite", out


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


def _local(expr, syms, names, p, box, timeout, opts, certs=None):
    """Local value at the rational zero ``p``: ``(lo, hi, m or None, reason)`` (one-sided on faces);
    an exact answer's local certificate is appended to ``certs``."""
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
        if certs is not None:
            certs.append(r.certificate)
        return r.lam, r.lam, r.m, ""
    return r.lambda_lower, r.lambda_upper, None, r.reason


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
        if sub.certificate is not None:    # the same certificate; the absent variables only scale ζ
            sub.certificate["extra_vars"] = {n: [str(lo), str(hi)] for n, (lo, hi) in boxd.items() if n in absent}
        sub.seconds = time.monotonic() - t0
        return sub
    seconds = lambda: time.monotonic() - t0  # noqa: E731
    reason = ""
    proofs = []   # (point, proof, λ, m) of the points solved exactly, for the certificate
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
                    for ri, rp in enumerate(reps if z is True else ()):
                        got = _crossing(p, rp, syms, box) if rule is None else None
                        rule = (*got, ri) if got else rule
                    if rule is None and not (all(v.is_Rational for v in p) and z is True):
                        out.append(_irrational(expr, syms, names, p, z, cap, floor))
                        morse = out[-1][4] == "morse"
                        proofs.append((p, {"kind": "morse" if morse else "none"}, out[-1][0] if morse else None,
                                       1 if morse else None))
                        continue
            except HardTimeout:
                out.append((floor, cap(p), None, _fmt(names, p), "time"))
                proofs.append((p, {"kind": "none"}, None, None))
                continue
            if rule is not None:
                out.append((rule[0], rule[0], rule[1], _fmt(names, p), rule[2]))
                proofs.append((p, {"kind": "rule", "rule": rule[2], "representation": rule[3]}, rule[0], rule[1]))
            else:
                rational.append(tuple(Fraction(int(v.p), int(v.q)) for v in p))
        for k, p in enumerate(rational):
            left = (end - time.monotonic()) * 0.9 / (len(rational) - k) if end else None
            if left is not None and left < 0.2:
                out.append((floor, cap(p), None, _fmt(names, p), "time"))
                proofs.append((tuple(map(_q, p)), {"kind": "none"}, None, None))
                continue
            certs = []
            lo, hi, m, why = _local(expr, syms, names, p, box, left, opts, certs)
            out.append((lo, hi, m, _fmt(names, p), why))
            proofs.append((tuple(map(_q, p)), {"kind": "local", "certificate": certs[0]} if certs else {"kind": "none"},
                           lo if certs else None, m if certs else None))
        return out

    def certified(res, kind, pieces, strata=(), cylinders=()):
        """Attach the domain certificate to an exact ``res`` (self-checked with ``check``)."""
        if res.status == "exact":
            cert = build_certificate(expr, names, syms, box, res.lam, res.m, kind, pieces, proofs, strata,
                                     cylinders)
            attach(res, cert, opts.get("check", True), floor,
                   max(t0 + 0.98 * timeout, time.monotonic() + 1.0) if timeout else None)
        return res

    if kind == "finite":   # rules (S)/(C) with the factors / squares first (exact also at irrational zeros)
        reps = _representations(orig, expr, ideal_gens, syms)
        for pc in itertools.chain(*reps):
            pc.face = _face_of(pc, syms, box)
        res = _combine(evaluate(cands, 1.0, reps), base, "", seconds)
        used = [pr.get("representation", 0) for _, pr, _, _ in proofs if pr["kind"] == "rule"]
        return certified(res, "finite", reps[max(set(used), key=used.count) if used else 0])
    if kind == "positive":
        reason = ("the real zero set of K in the box may be positive-dimensional (the critical points "
                  "of K, or of K on a face of the box, are not finitely many over C)")
        best_bounds = None
        reps = _representations(orig, expr, ideal_gens, syms)
        for n_rep, rep in enumerate(reps):
            proofs.clear()
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
            cyl_recs = []
            for k, (pcs, keep, q, z, w) in enumerate(cyl):     # cylinders over points of a subproblem
                vn, vs, vb = [names[i] for i in keep], [syms[i] for i in keep], [box[i] for i in keep]
                label = _fmt(vn, q) + f" (any {', '.join(n for n in names if n not in vn)})"
                Fe = sympy.expand(sympy.Mul(*[pc.gens[0] ** int(2 * pc.s) for pc in pcs]))
                end = t0 + share * timeout if timeout else None
                left = (end - time.monotonic()) * 0.9 / (len(cyl) - k) if end else None
                subs = [_Piece(pc.gens, pc.s) for pc in pcs]
                for sp in subs:
                    sp.face = _face_of(sp, vs, vb)
                certs, proof = [], {"kind": "none"}
                try:
                    with hard_deadline(end):
                        rule = _crossing(q, subs, vs, vb) if z is True else None
                        if rule is not None:
                            lo, hi, m, why = rule[0], rule[0], rule[1], rule[2]
                            proof = {"kind": "rule", "rule": why}
                        elif z is not True:
                            lo, hi, m, why = floor, INF, None, "undecided candidate"
                        elif not all(v.is_Rational for v in q):
                            def cap_v(p, vb=vb):
                                inner = all(_q(a) < v < _q(b) for v, (a, b) in zip(p, vb))
                                return Fraction(len(vb), 2) if inner else Fraction(len(vb))
                            lo, hi, m, _, why = _irrational(Fe, vs, vn, q, z, cap_v, floor)
                            proof = {"kind": "morse"} if why == "morse" else proof
                        elif left is not None and left < 0.2:
                            lo, hi, m, why = floor, Fraction(d), None, "time"
                        else:
                            qf = tuple(Fraction(int(v.p), int(v.q)) for v in q)
                            lo, hi, m, why = _local(Fe, vs, vn, qf, vb, left, opts, certs)
                            proof = {"kind": "local", "certificate": certs[0]} if certs else proof
                except HardTimeout:
                    lo, hi, m, why = floor, INF, None, "time"
                exact_cyl = m is not None and lo == hi
                cyl_recs.append({"vars": vn, "point": {n: str(v) for n, v in zip(vn, q)},
                                 "pieces": [next(j for j, pc in enumerate(rep) if pc is sp) for sp in pcs],
                                 "witness": None if w is None else {n: str(v) for n, v in zip(names, w)},
                                 "proof": proof if exact_cyl else {"kind": "none"},
                                 "lambda": lam_str(lo) if exact_cyl else None, "m": m if exact_cyl else None})
                if m is not None and lo == hi:
                    pieces.append((lo, lo, m, label, "cylinder") if w is not None
                                  else (lo, INF, None, label, _NO_POINT, m))
                else:
                    pieces.append((lo, hi if w is not None else INF, None, label, why or "cylinder"))
            if not pieces:   # no stratum and no bad point: no real zero at all
                return DomainResult(None, None, "no-zero", None, None, seconds=seconds(), **base)
            res = _combine(pieces, base, "", seconds, desc)
            if res.status == "exact":
                return certified(res, "strata", rep, strata, cyl_recs)
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
