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
  positive-dimensional zero set gives bounds: the minimum of the values at rational zeros found on
  axis-parallel lines through grid points bounds λ from above (``+inf`` if none is found), ``1/deg K``
  from below.  The minimum over the zeros is exact only when every unfinished zero's lower bound is
  strictly above the exact minimum (as in :func:`rlct.values.combine_min`).
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
    (no real zero in the box: λ = +∞); ``attained_at`` the minimizing zeros (exact answers),
    ``zeros`` the zeros found with their local values, ``domain`` the box."""

    domain: dict = field(default_factory=dict)
    attained_at: list = field(default_factory=list)
    zeros: list = field(default_factory=list)

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
        return out

    def __str__(self) -> str:
        if self.status == "no-zero":
            return f"K = {self.K} has no real zero in the box {self._box()}: lambda = +inf (no pole)"
        if self.status == "exact":
            return (f"RLCT of {self.K} over the box {self._box()}: lambda = {self.lam}, m = {self.m} "
                    f"(exact), attained at {'; '.join(self.attained_at)}")
        return (f"RLCT of {self.K} over the box {self._box()}: {lam_str(self.lambda_lower)} <= lambda <= "
                f"{lam_str(self.lambda_upper)} (bounds: {self.reason})")


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

    def num(v):
        if isinstance(v, sympy.CRootOf):
            return f"root({v.expr}, {v.index})"
        return str(v).replace(" ", "")

    return ",".join(f"{n}={num(v)}" for n, v in zip(names, p))


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


def rlct_domain(K=None, vars=None, domain=None, at=None, prior=None, ideal=None, timeout=60.0,
                **opts) -> DomainResult:
    """``(λ, m)`` of ``∫_box K^z dw`` (module docstring); called by :func:`rlct.rlct` with ``domain=``."""
    import sympy

    from .parse import parse_vars

    t0 = time.monotonic()
    if at is not None:
        raise RLCTInputError("--domain cannot be combined with --at (the box replaces the point)")
    if prior is not None:
        raise RLCTInputError("--domain cannot be combined with --prior")
    if ideal is not None:
        if K is not None:
            raise RLCTInputError("give either K or ideal, not both")
        gens = [_to_expr(f, f"ideal generator {i + 1}") for i, f in enumerate(ideal)]
        if not gens:
            raise RLCTInputError("ideal: no generators given")
        expr = sympy.expand(sympy.Add(*[g ** 2 for g in gens]))
    else:
        if K is None:
            raise RLCTInputError("K is missing")
        expr = sympy.expand(_to_expr(K, "K"))
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
    deadline = t0 + timeout if timeout else None
    pieces = []        # (lo, hi, m or None, point string, note)
    reason = ""
    try:
        kind, cands = _zero_set(expr, syms, box, t0 + 0.3 * timeout if timeout else None)
    except (HardTimeout, _TooMany) as exc:
        kind, cands = "unknown", []
        reason = ("time budget exhausted while finding the zeros" if isinstance(exc, HardTimeout)
                  else f"too many candidate zeros ({exc.args[0]})")
    if kind == "finite" and not cands:
        return DomainResult(None, None, "no-zero", None, None, seconds=time.monotonic() - t0, **base)
    if kind == "finite":
        rational = [(p, z) for p, z in cands if all(v.is_Rational for v in p)]
        for p, z in cands:
            if (p, z) in rational:
                continue
            label = _fmt(names, p)
            if z is None:
                pieces.append((floor, INF, None, label, "undecided candidate"))
                continue
            H = sympy.hessian(expr, syms).subs(dict(zip(syms, p)))   # an interior zero is a minimum:
            morse = cap(p) == Fraction(d, 2) and _is_zero(H.det()) is False   # Morse, λ = d/2, m = 1
            pieces.append((cap(p), cap(p), 1, label, "morse") if morse else (floor, cap(p), None, label, "irrational zero"))
        pts = [tuple(Fraction(int(v.p), int(v.q)) for v in p) for p, _ in rational]
    else:
        pts = []
        if kind == "positive":
            reason = ("the real zero set of K in the box may be positive-dimensional (the critical points "
                      "of K, or of K on a face of the box, are not finitely many over C)")
            sample_end = time.monotonic() + (0.2 * timeout if timeout else 10)
            try:
                with hard_deadline(sample_end + 1):
                    pts = _line_zeros(expr, syms, box, sample_end)
            except HardTimeout:
                pts = []
        pieces.append((floor, INF, None, "", "rest"))
    for k, p in enumerate(pts):
        left = (deadline - time.monotonic()) * 0.9 / (len(pts) - k) if deadline else None
        if left is not None and left < 0.2:
            pieces.append((floor, cap(p), None, _fmt(names, p), "time"))
            continue
        lo, hi, m, why = _local(expr, syms, names, p, box, left, opts)
        pieces.append((lo, hi, m, _fmt(names, p), why))
    exact = [pc for pc in pieces if pc[2] is not None and pc[0] == pc[1]]
    best = min((pc[0] for pc in exact), default=INF)
    seconds = lambda: time.monotonic() - t0  # noqa: E731
    zeros = [{"point": pc[3], **({"lambda": lam_str(pc[0]), "m": pc[2]} if pc in exact else
                                 {"lambda_lower": lam_str(pc[0]), "lambda_upper": lam_str(pc[1])})}
             for pc in pieces if pc[3]]
    base["zeros"] = zeros
    if exact and all(pc[0] > best for pc in pieces if pc not in exact):
        tops = [pc for pc in exact if pc[0] == best]
        return DomainResult(best, max(pc[2] for pc in tops), "exact", best, best, seconds=seconds(),
                            attained_at=[pc[3] for pc in tops], **base)
    lo = min(pc[0] for pc in pieces)
    hi = min(pc[1] for pc in pieces)
    if not reason:
        notes = sorted({pc[4] for pc in pieces if pc not in exact and pc[4]})
        reason = "unfinished zeros: " + "; ".join(notes)[:300]
    return DomainResult(None, None, "bounds", lo, hi, reason=reason, seconds=seconds(), **base)
