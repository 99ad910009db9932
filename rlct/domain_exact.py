"""Exact helpers of :mod:`rlct.domain`: rational box bounds as sympy numbers, zero tests of real
algebraic numbers (minimal polynomials), the real points of a zero-dimensional system in an open
box (Groebner bases over Q, exact real roots), and sign proofs of a polynomial on a box (interval
arithmetic; critical values on every face).  No floating point decides anything."""
from __future__ import annotations

import itertools
from fractions import Fraction

from .errors import RLCTInputError  # noqa: F401

MAX_CANDIDATES = 4000   #: most candidate points (product of the coordinates' real roots)

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

class _TooMany(Exception):
    pass

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
