"""Independent checker for domain certificates ``rlct-domain-certificate/1`` (docs/certificate.md,
"Domain certificates").

It shares no code with the resolver (:mod:`rlct.domain`, :mod:`rlct.domain_strata`,
:mod:`rlct.engine`, ``resolve``): it reads the record, parses every polynomial and number by
walking its syntax tree against a whitelist (never ``eval`` / ``sympify``), and re-derives
``(λ, m) = (min, max over the minimizers)`` of the local values at the real zeros of ``K`` in the
closed box from the data alone, with sympy's exact arithmetic (Gröbner bases over Q, exact real
roots, minimal polynomials).  Local certificates of single points are checked by
:func:`rlct.checker.verify`.

Soundness assumption (as for local certificates): ``K >= 0`` on the box.

Claims re-derived (each with the theorem it rests on):

* ``K == c · Π_j B_j^{k_j}`` by expansion, ``c != 0`` rational, ``B_j = F`` (a factor) or
  ``Σ w_i g_i²`` with ``w_i > 0`` (then ``|B_j|^{k_j} ≍ (Σ g_i²)^{s_j}``, ``s_j = k_j/2`` or
  ``k_j``; Lin 2011 Cor 3.12).  Unit pieces: a generator of strict sign on the box (interval
  arithmetic, or its critical values on every face of the box).
* Charts ``(S, cols, δ)``: ``δ = det (∂g_S/∂x_cols)`` by expansion, every generator of the piece
  in ``(g_S) : δ^∞`` (a Gröbner basis of ``(g_S, 1 - tδ)`` computed here).  At a point where only
  that piece vanishes and ``δ != 0`` with ``cols`` free (not at a bound), ``g_S`` and the face
  coordinates are part of a coordinate system and the value is ``(|S|/(2s), 1)`` (implicit
  function theorem, T3/T4).  Where only single-generator pieces vanish and their gradients have
  full rank on the free columns (face pieces ``a(x_i - b)``, ``b`` a bound, are their own
  one-sided coordinate), T1: ``(min 1/(2s_j), #attaining)``.
* Covering: on the relative interior of every face of the box, the zeros outside those two cases
  lie in zero-dimensional systems (Gröbner basis recomputed here) whose real points (exact real
  roots) are all either classified by the two cases or listed with a proof: a local certificate
  (rational points; on a face, of ``K(p ± t²)`` with prior ``|Π t|``, the same zeta function), or
  ``morse`` (an interior zero with ``∇K = 0`` and ``det Hess K != 0``: ``(d/2, 1)``).  For finite
  zero sets the systems are ``{K, ∇K}`` restricted to each face.
* Every possible stratum type not witnessed by a point (a smooth chart, a face piece, a normal
  crossing) must have a value above ``λ``, or equal with ``m`` at most the claimed ``m``.

Not re-derived (the checker refuses such certificates): cylinders over points of a subproblem,
zero sets entering the box non-transversally along a face (a covering system that is not
zero-dimensional), irrational zeros that are neither Morse nor classified.
"""
from __future__ import annotations

import ast
import itertools
import json
import pathlib
from dataclasses import dataclass
from fractions import Fraction

import sympy

from .checker import Verification

FORMAT = "rlct-domain-certificate/1"
MAX_POINTS = 4000
_FUNCS = ("sqrt", "CRootOf", "root")


class _Refuse(Exception):
    """A claim that does not hold or cannot be re-derived."""


def _need(cond, msg: str) -> None:
    if not cond:
        raise _Refuse(msg)


DomainVerification = Verification   # the outcome of verify_domain: ok, reason, lam, m


# ---------------------------------------------------------------- reading (whitelisted syntax trees)


def _walk(node, env: dict, depth: int = 0):
    """A sympy value for an expression of integers, names in ``env``, ``+ - * / **`` and
    ``sqrt(q)`` / ``CRootOf(p, k)`` / ``root(p, k)`` (``k``-th real root, ascending)."""
    _need(depth < 200, "expression too deep")
    w = lambda n: _walk(n, env, depth + 1)  # noqa: E731
    if isinstance(node, ast.Expression):
        return w(node.body)
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return sympy.Integer(node.value)
    if isinstance(node, ast.Name) and node.id in env:
        return env[node.id]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        v = w(node.operand)
        return -v if isinstance(node.op, ast.USub) else v
    if isinstance(node, ast.BinOp):
        a, b = w(node.left), w(node.right)
        if isinstance(node.op, ast.Add):
            return a + b
        if isinstance(node.op, ast.Sub):
            return a - b
        if isinstance(node.op, ast.Mult):
            return a * b
        if isinstance(node.op, ast.Div):
            _need(b.is_Rational and b != 0, "division by something other than a non-zero rational")
            return a / b
        if isinstance(node.op, ast.Pow):
            _need(b.is_Rational and abs(b) <= 10_000, "exponent is not a small rational")
            _need(b.is_Integer and b >= 0 or (a.is_Rational and a > 0), "non-polynomial power")
            return a ** b
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _FUNCS:
        _need(not node.keywords, "keywords in a call")
        if node.func.id == "sqrt":
            _need(len(node.args) == 1, "sqrt takes one argument")
            q = w(node.args[0])
            _need(q.is_Rational and q >= 0, "sqrt of something other than a rational >= 0")
            return sympy.sqrt(q)
        _need(len(node.args) == 2, "root(p, k) takes two arguments")
        names = {n.id for n in ast.walk(node.args[0]) if isinstance(n, ast.Name)}
        _need(len(names) == 1, "root(p, k): p must be a polynomial in one variable")
        t = sympy.Symbol(names.pop())
        p = _walk(node.args[0], {t.name: t}, depth + 1)
        k = w(node.args[1])
        _need(k.is_Integer and k >= 0, "root(p, k): k must be an integer >= 0")
        P = sympy.Poly(p, t, domain="QQ")
        _need(0 < P.degree() <= 200 and int(k) < len(sympy.real_roots(P)), "root(p, k): no such real root")
        return sympy.CRootOf(P, int(k))
    raise _Refuse(f"unsupported syntax {type(node).__name__}")


def _parse(text, env: dict, what: str):
    _need(isinstance(text, str) and 0 < len(text) <= 200_000, f"{what}: not a string")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError:
        raise _Refuse(f"{what}: syntax error") from None
    try:
        return _walk(tree, env)
    except _Refuse as exc:
        raise _Refuse(f"{what}: {exc}") from None


class _Ctx:
    """The problem: variables, box, ``K``."""

    def __init__(self, cert: dict):
        names = cert.get("vars")
        _need(isinstance(names, list) and 1 <= len(names) <= 8 and all(isinstance(n, str) and n.isidentifier()
                                                                      for n in names)
              and len(set(names)) == len(names), "vars: a list of 1 to 8 distinct identifiers")
        self.names = names
        self.syms = [sympy.Symbol(n) for n in names]
        self.env = dict(zip(names, self.syms))
        box = cert.get("box")
        _need(isinstance(box, dict) and set(box) == set(names), "box: a range for every variable")
        self.box = []
        for n in names:
            rng = box[n]
            _need(isinstance(rng, list) and len(rng) == 2, f"box[{n}]: [lo, hi]")
            lo, hi = (self.number(v, f"box[{n}]") for v in rng)
            _need(lo.is_Rational and hi.is_Rational and lo < hi, f"box[{n}]: rational lo < hi")
            self.box.append((lo, hi))
        self.K = self.poly(cert.get("K"), "K")
        _need(self.K != 0, "K is zero")
        self.d = len(names)

    def poly(self, text, what):
        e = sympy.expand(_parse(text, self.env, what))
        try:
            sympy.Poly(e, *self.syms, domain="QQ")
        except Exception:  # noqa: BLE001
            raise _Refuse(f"{what}: not a polynomial with rational coefficients in the variables") from None
        return e

    def number(self, text, what):
        v = _parse(text, {}, what)
        _need(v.is_real is True, f"{what}: not a real number")
        return v

    def point(self, raw, what):
        _need(isinstance(raw, dict) and set(raw) == set(self.names), f"{what}: a value for every variable")
        p = tuple(self.number(raw[n], f"{what}[{n}]") for n in self.names)
        for v, (lo, hi) in zip(p, self.box):
            _need(_sign(v - lo) >= 0 and _sign(hi - v) >= 0, f"{what}: outside the box")
        return p

    def at(self, e, p):
        return sympy.expand(e.xreplace(dict(zip(self.syms, p))))

    def sides(self, p):
        """``{i: +1 (at lo) / -1 (at hi)}`` for the coordinates of ``p`` at a bound."""
        return {i: (1 if _zero(v - lo) else -1) for i, (v, (lo, hi)) in enumerate(zip(p, self.box))
                if _zero(v - lo) or _zero(v - hi)}


# ---------------------------------------------------------------- exact real algebraic arithmetic


def _minpoly(v, t):
    """The minimal polynomial of the (irrational) algebraic number ``v`` in ``t``."""
    try:
        return sympy.minimal_polynomial(v, t)
    except Exception:  # noqa: BLE001
        raise _Refuse(f"cannot decide whether {str(v)[:60]} is zero") from None


def _zero(v) -> bool:
    """Exactly: is the real algebraic number ``v`` zero (its minimal polynomial is ``t``)?"""
    v = sympy.expand(v)
    if v.is_Rational:
        return v == 0
    t = sympy.Dummy("t")
    return _minpoly(v, t) == t


def _sign(v) -> int:
    v = sympy.expand(v)
    if v.is_Rational:
        return int(bool(v > 0)) - int(bool(v < 0))
    t = sympy.Dummy("t")
    mp = _minpoly(v, t)
    if mp == t:
        return 0
    try:   # exact: all real roots of the minimal polynomial on one side of 0 (isolating intervals)
        ivs = sympy.Poly(mp, t).intervals()
        signs = {1 if lo >= 0 else -1 for (lo, hi), _ in ivs if lo >= 0 or hi <= 0}
        if len(signs) == 1 and all(lo >= 0 or hi <= 0 for (lo, hi), _ in ivs):
            return signs.pop()
    except Exception:  # noqa: BLE001  (fall through to the evaluation below)
        pass
    for prec in (30, 120, 400):   # non-zero: enough digits separate it from 0
        a = v.evalf(prec)
        if a.is_real and abs(a) > sympy.Float(10) ** (-(prec // 2)):
            return 1 if a > 0 else -1
    raise _Refuse(f"cannot decide the sign of {str(v)[:60]}")


def _real_points(eqs, fs, ranges):
    """The common real zeros of ``eqs`` in the open box ``ranges`` of the variables ``fs``, or
    ``None`` if they are not finitely many over C (Gröbner basis over Q, exact real roots of each
    variable's eliminant)."""
    eqs = [e for e in (sympy.expand(e) for e in eqs) if e != 0]
    if not eqs:
        return None
    if any(e.is_number for e in eqs):
        return []
    G = sympy.groebner(eqs, *fs, order="grevlex", domain="QQ")
    if any(h.is_number for h in G.exprs):
        return []
    if not G.is_zero_dimensional:
        return None
    per_var = []
    for s, (lo, hi) in zip(fs, ranges):
        L = sympy.groebner(G.exprs, *([u for u in fs if u != s] + [s]), order="lex", domain="QQ")
        uni = [h for h in L.exprs if h.free_symbols <= {s}]
        _need(len(uni) > 0, "no eliminant in a zero-dimensional system")
        roots = list(dict.fromkeys(sympy.real_roots(sympy.Poly(uni[0], s))))
        per_var.append([r for r in roots if _sign(r - lo) > 0 and _sign(hi - r) > 0])
    n = 1
    for r in per_var:
        n *= len(r)
    _need(n <= MAX_POINTS, f"too many candidate points ({n})")
    return [vals for vals in itertools.product(*per_var)
            if all(_zero(h.xreplace(dict(zip(fs, vals)))) for h in G.exprs)]


class _Box:
    """Variables and a box (a face's free coordinates): what :func:`_face_signs` needs."""

    def __init__(self, syms, box):
        self.syms, self.box, self.d = list(syms), list(box), len(syms)

    def at(self, e, p):
        return sympy.expand(e.xreplace(dict(zip(self.syms, p))))


def _enters(ctx, F, fixed, free) -> bool:
    """Two bound coordinates along which the signed partials of ``F`` (sign: into the box) are
    proven of opposite strict signs on the whole face: at every zero of ``F`` there the tangent
    hyperplane meets the interior of the box's tangent cone (value ``(1/(2s), 1)``, as in
    :func:`_classify`)."""
    sub = {ctx.syms[i]: v for i, v in fixed.items()}
    face = _Box([ctx.syms[i] for i in free], [ctx.box[i] for i in free])
    signs = set()
    for i, v in fixed.items():
        side = 1 if v == ctx.box[i][0] else -1
        G = sympy.expand(side * sympy.diff(F, ctx.syms[i]).xreplace(sub))
        if G.is_number:
            sg = {_sign(G)}
        elif not free:
            sg = None
        else:
            sg = _face_signs(face, G)
        if sg in ({1}, {-1}):
            signs |= sg
    return signs == {1, -1}


def _faces(ctx):
    """Every face of the box: ``(fixed {index: bound}, free indices)``."""
    for where in itertools.product(*[("free", 0, 1)] * ctx.d):
        yield ({i: ctx.box[i][w] for i, w in enumerate(where) if w != "free"},
               [i for i, w in enumerate(where) if w == "free"])


def _face_points(ctx, eqs, fixed, free):
    """The real zeros of ``eqs`` in the relative interior of a face (full points), or ``None``."""
    sub = {ctx.syms[i]: v for i, v in fixed.items()}
    eqs = [sympy.expand(e.xreplace(sub)) for e in eqs]
    if not free:
        return [tuple(fixed[i] for i in range(ctx.d))] if all(e == 0 for e in eqs) else []
    pts = _real_points(eqs, [ctx.syms[i] for i in free], [ctx.box[i] for i in free])
    if pts is None:
        return None
    out = []
    for vals in pts:
        p = dict(fixed)
        p.update(zip(free, vals))
        out.append(tuple(p[i] for i in range(ctx.d)))
    return out


def _strict_sign(ctx, F) -> int:
    """``±1`` if ``F`` is proven ``> 0`` / ``< 0`` on the whole box, else ``0``: interval arithmetic,
    then the values at the critical points of ``F`` on the relative interior of every face (``F``
    takes its extreme values there)."""
    signs = _face_signs(ctx, F)
    return 1 if signs == {1} else -1 if signs == {-1} else 0


def _face_signs(ctx, F) -> set | None:
    lo_s = hi_s = Fraction(0)
    for mono, c in sympy.Poly(F, *ctx.syms, domain="QQ").terms():
        lo_t = hi_t = Fraction(int(c.p), int(c.q))
        for a, (lo, hi) in zip(mono, ctx.box):
            if a:
                lo, hi = Fraction(int(lo.p), int(lo.q)), Fraction(int(hi.p), int(hi.q))
                ends = [lo ** a, hi ** a]
                lo_p, hi_p = (Fraction(0) if a % 2 == 0 and lo < 0 < hi else min(ends)), max(ends)
                cands = [lo_t * lo_p, lo_t * hi_p, hi_t * lo_p, hi_t * hi_p]
                lo_t, hi_t = min(cands), max(cands)
        lo_s, hi_s = lo_s + lo_t, hi_s + hi_t
    if lo_s > 0 or hi_s < 0:
        return {1 if lo_s > 0 else -1}
    signs = set()
    for fixed, free in _faces(ctx):
        g = sympy.expand(F.xreplace({ctx.syms[i]: v for i, v in fixed.items()}))
        if free and g.is_number:
            signs.add(_sign(g))
            continue
        pts = _face_points(ctx, [sympy.diff(F, ctx.syms[i]) for i in free], fixed, free) if free else \
            [tuple(fixed[i] for i in range(ctx.d))]
        if pts is None:
            return None
        signs |= {_sign(ctx.at(F, p)) for p in pts}
    return signs


# ---------------------------------------------------------------- pieces, charts, classification


@dataclass
class _Piece:
    gens: list
    s: Fraction
    face: tuple | None        # (i, b): the generator is a·(x_i - b), b a bound
    unit: bool
    one_sign: bool
    finite: bool              # V_C(gens) finite: no smooth stratum
    charts: list              # [(S, cols, δ)]
    weights: list | None = None
    power: int = 1


def _pieces(ctx, cert) -> list:
    raw = cert.get("pieces")
    _need(isinstance(raw, list) and len(raw) <= 12, "pieces: a list")
    c = _parse(cert.get("constant", ""), {}, "constant")
    _need(c.is_Rational and c != 0, "constant: a non-zero rational")
    prod, out = c, []
    t = sympy.Dummy("t")
    for j, pr in enumerate(raw):
        where = f"piece {j}"
        _need(isinstance(pr, dict), f"{where}: an object")
        gens = [ctx.poly(g, f"{where} gens") for g in pr.get("gens", [])]
        _need(1 <= len(gens) <= 6 and all(g != 0 for g in gens), f"{where}: 1 to 6 non-zero generators")
        k = pr.get("power")
        _need(type(k) is int and 1 <= k <= 1000, f"{where}: power an integer >= 1")
        w = pr.get("weights")
        if w is None:
            _need(len(gens) == 1, f"{where}: a factor piece has one generator")
            base, s = gens[0], Fraction(k, 2)
        else:
            ws = [_parse(x, {}, f"{where} weights") for x in w] if isinstance(w, list) else []
            _need(len(ws) == len(gens) and all(x.is_Rational and x > 0 for x in ws), f"{where}: positive weights")
            base, s = sympy.Add(*[x * g ** 2 for x, g in zip(ws, gens)]), Fraction(k)
        _need(pr.get("s") == str(s), f"{where}: s is {s}")
        prod = prod * base ** k
        face = pr.get("face")
        if face is not None:
            _need(isinstance(face, list) and len(face) == 2 and type(face[0]) is int and 0 <= face[0] < ctx.d,
                  f"{where}: face [i, b]")
            i, b = face[0], ctx.number(face[1], f"{where} face")
            _need(len(gens) == 1 and b in ctx.box[i], f"{where}: face bound is not a bound of the box")
            a = sympy.Poly(gens[0], *ctx.syms).coeff_monomial(ctx.syms[i])
            _need(a != 0 and sympy.expand(gens[0] - a * (ctx.syms[i] - b)) == 0, f"{where}: not a·(x_i - b)")
            face = (i, b)
        unit = pr.get("unit")
        if unit is not None:
            _need(isinstance(unit, dict) and type(unit.get("gen")) is int and 0 <= unit["gen"] < len(gens),
                  f"{where}: unit {{gen, sign}}")
            _need(_strict_sign(ctx, gens[unit["gen"]]) == unit.get("sign") != 0,
                  f"{where}: generator {unit['gen']} is not proven of strict sign {unit.get('sign')} on the box")
        one = pr.get("one_sign")
        if one is not None:
            signs = _face_signs(ctx, gens[0])
            _need(len(gens) == 1 and face is None and signs is not None and -one not in signs and one in (1, -1),
                  f"{where}: not proven of one sign on the box")
        finite = pr.get("finite") is True
        # a face piece is its own one-sided coordinate: never 'finite' (its zero set is a whole face)
        _need(not (finite and face is not None), f"{where}: a face piece cannot be 'finite'")
        if finite:
            G = sympy.groebner(gens, *ctx.syms, order="grevlex", domain="QQ")
            _need(G.is_zero_dimensional or any(h.is_number for h in G.exprs), f"{where}: V(gens) is not finite")
        charts = []
        for q, ch in enumerate(pr.get("charts", [])):
            S, cols = ch.get("S"), ch.get("cols")
            _need(isinstance(S, list) and isinstance(cols, list) and len(S) == len(cols) >= 1
                  and sorted(set(S)) == S and sorted(set(cols)) == cols and S[-1] < len(gens) and cols[-1] < ctx.d
                  and S[0] >= 0 and cols[0] >= 0, f"{where} chart {q}: S, cols sorted index lists of equal length")
            delta = ctx.poly(ch.get("delta"), f"{where} chart {q} delta")
            J = sympy.Matrix([[sympy.diff(gens[a], ctx.syms[b]) for b in cols] for a in S])
            _need(sympy.expand(J.det() - delta) == 0 and delta != 0,
                  f"{where} chart {q}: delta is not the (non-zero) minor of rows {S}, columns {cols}")
            rest = [g for a, g in enumerate(gens) if a not in S]
            if rest:
                B = sympy.groebner([gens[a] for a in S] + [1 - t * delta], *ctx.syms, t, order="grevlex",
                                   domain="QQ")
                _need(all(B.contains(g) for g in rest),
                      f"{where} chart {q}: a generator is not in the saturation (g_S) : delta^inf")
            charts.append((tuple(S), tuple(cols), delta))
        out.append(_Piece(gens, s, face, unit is not None, one is not None, finite, charts,
                          None if w is None else ws, k))
    _need(sympy.expand(prod - ctx.K) == 0, "K != constant · Π base^power (expansion)")
    # single-generator pieces that may vanish are pairwise coprime: a common factor (e.g. x and 2x,
    # two pieces on one face) would be counted as two independent coordinates by the crossing rule
    single = [pc.gens[0] for pc in out if len(pc.gens) == 1 and not pc.unit]
    for a in range(len(single)):
        for b in range(a + 1, len(single)):
            _need(sympy.gcd(single[a], single[b]).is_number,
                  "two pieces share a factor (they must be pairwise coprime)")
    return out


def _classify(ctx, pieces, p):
    """``(type, λ, m)`` at the zero ``p`` by the smooth-chart or normal-crossing theorem, or ``None``."""
    sides = ctx.sides(p)
    free = [i for i in range(ctx.d) if i not in sides]
    V = [j for j, pc in enumerate(pieces) if not pc.unit and all(_zero(ctx.at(g, p)) for g in pc.gens)]
    if not V:
        return None
    if len(V) == 1 and pieces[V[0]].face is None:
        pc = pieces[V[0]]
        for q, (S, cols, delta) in enumerate(pc.charts):
            if set(cols) <= set(free) and not _zero(ctx.at(delta, p)):
                return ("smooth", V[0], len(S)), Fraction(len(S)) / (2 * pc.s), 1
        if len(pc.gens) == 1 and sides:
            # one F, regular at p, whose signed partials along the bound coordinates (sign: into
            # the box) take both strict signs: the tangent hyperplane meets the interior of the
            # box's tangent cone, V(F) has interior smooth points arbitrarily near p, so λ_p <= 1/(2s)
            # (T2); the one-sided value is >= the two-sided (1/(2s), 1) with m <= 1 when equal
            signs = {sd * _sign(ctx.at(sympy.diff(pc.gens[0], ctx.syms[i]), p)) for i, sd in sides.items()}
            if {1, -1} <= signs:
                return ("entering", V[0]), Fraction(1) / (2 * pc.s), 1
    if all(len(pieces[j].gens) == 1 for j in V):
        R = [j for j in V if pieces[j].face is None]
        if R:
            grads = [[sympy.diff(pieces[j].gens[0], ctx.syms[i]) for i in free] for j in R]
            ok = any(not _zero(ctx.at(sympy.Matrix([[g[c] for c in cols] for g in grads]).det(), p))
                     for cols in itertools.combinations(range(len(free)), len(R)))
            if not ok:
                if len(R) != len(V):
                    return None
                A = [[ctx.at(sympy.diff(pieces[j].gens[0], s), p) for s in ctx.syms] for j in R]
                if not _cone(A, [sides.get(i, 0) for i in range(ctx.d)]):
                    return None
                vals = [Fraction(1) / (2 * pieces[j].s) for j in V]
                return ("entering", tuple(V)), min(vals), vals.count(min(vals))
        vals = [Fraction(1) / (2 * pieces[j].s) for j in V]
        return ("crossing", tuple(V)), min(vals), vals.count(min(vals))
    return None


def _cone(A, sides) -> bool:
    """Whether ``A`` (rows: gradients at ``p``) has full row rank and some ``y`` with ``A y = 0``
    has ``sides[i]·y_i > 0`` wherever ``sides[i] != 0`` (null space, then Fourier-Motzkin on
    ``σ_i (N z)_i >= 1``; exact signs).  Then the normal crossing ``V(F_J)`` (two-sided value
    ``(λ_J, m_J)`` by T1) has points strictly inside the box arbitrarily near ``p``: the one-sided
    value is ``⪯ (λ_J, m_J)`` there (T2) and ``⪰`` it (a part of the two-sided integral), so equal."""
    M = sympy.Matrix(A)
    if M.rank(iszerofunc=lambda e: _zero(e)) != len(A):
        return False
    N = M.nullspace(iszerofunc=lambda e: _zero(e))
    if not N:
        return False
    rows = [([sympy.expand(sd * v[i]) for v in N], sympy.Integer(1)) for i, sd in enumerate(sides) if sd]
    for k in range(len(N)):          # rows (c, r) mean c·z >= r; eliminate z_k
        sg = [_sign(c[k]) for c, _ in rows]
        pos = [r for r, t in zip(rows, sg) if t > 0]
        neg = [r for r, t in zip(rows, sg) if t < 0]
        rows = [r for r, t in zip(rows, sg) if t == 0]
        for cp, bp in pos:
            for cn, bn in neg:
                a, b = -cn[k], cp[k]
                rows.append(([sympy.expand(a * x + b * y) for x, y in zip(cp, cn)], sympy.expand(a * bp + b * bn)))
        _need(len(rows) <= 2000, "cone test too large")
    return all(_sign(r) <= 0 for _, r in rows)


# ---------------------------------------------------------------- points with a proof


def _local_value(ctx, p, proof, where):
    """A listed zero's value from its proof (``local``: a local certificate; ``morse``)."""
    from .checker import verify

    kind = proof.get("kind") if isinstance(proof, dict) else None
    if kind == "morse":
        sides = ctx.sides(p)
        _need(not sides, f"{where}: a Morse point must be inside the box")
        _need(all(_zero(ctx.at(sympy.diff(ctx.K, s), p)) for s in ctx.syms), f"{where}: grad K != 0")
        H = sympy.hessian(ctx.K, ctx.syms)
        _need(not _zero(ctx.at(H.det(), p)), f"{where}: det Hess K = 0")
        return Fraction(ctx.d, 2), 1
    _need(kind == "local", f"{where}: proof kind {str(kind)[:30]!r} is not re-verified")
    _need(all(v.is_Rational for v in p), f"{where}: a local certificate needs a rational point")
    cert = proof.get("certificate")
    _need(isinstance(cert, dict) and cert.get("vars") == ctx.names, f"{where}: local certificate vars")
    sides = ctx.sides(p)
    if sides:   # x_i = p_i ± t_i² into the box, prior |Π t_i| (the same zeta function)
        sub = {s: v + (sides[i] * s ** 2 if i in sides else s) for i, (s, v) in enumerate(zip(ctx.syms, p))}
        Kt, at, prior = sympy.expand(ctx.K.xreplace(sub)), [0] * ctx.d, [int(i in sides) for i in range(ctx.d)]
    else:
        Kt, at, prior = ctx.K, list(p), [0] * ctx.d
    pt = cert.get("point")
    _need(isinstance(pt, dict) and all(isinstance(pt.get(n), str) for n in ctx.names)
          and all(ctx.number(pt[n], f"{where} point") == v for n, v in zip(ctx.names, at)),
          f"{where}: the local certificate is not at the expected point")
    _need(cert.get("prior_exponents") == prior, f"{where}: the local certificate's prior is not {prior}")
    terms = cert.get("K_terms")
    _need(isinstance(terms, list), f"{where}: local K_terms")
    Kc = sympy.Integer(0)
    for mono, c in terms:
        _need(isinstance(mono, list) and len(mono) == ctx.d, f"{where}: local K_terms")
        Kc += _parse(c, {}, f"{where} coefficient") * sympy.Mul(*[s ** int(a) for s, a in zip(ctx.syms, mono)])
    _need(sympy.expand(Kc - Kt) == 0, f"{where}: the local certificate's K is not "
                                      + ("K(p ± t²)" if sides else "K"))
    v = verify(cert)
    _need(v.ok, f"{where}: local certificate: {v.reason}")
    return v.lam, v.m


# ---------------------------------------------------------------- the verification


def _covering_finite(ctx, listed, classified):
    for fixed, free in _faces(ctx):
        eqs = [ctx.K] + [sympy.diff(ctx.K, ctx.syms[i]) for i in free]
        pts = _face_points(ctx, eqs, fixed, free)
        _need(pts is not None, "covering: the zeros of K on a face are not finitely many")
        for p in pts:
            _need(_listed(p, listed) or classified(p), f"covering: the zero {_show(p)} is not listed")


def _covering_strata(ctx, pieces, listed, classified, cyls) -> set:
    """Check that every zero outside the two theorems is listed; return the possible crossing
    types (frozensets of pieces) met along the way."""
    active = [j for j, pc in enumerate(pieces) if not pc.unit]
    single = [j for j in active if len(pieces[j].gens) == 1 and pieces[j].face is None]
    multi = [j for j in active if len(pieces[j].gens) > 1]
    _need(len(single) <= 6, "covering: more than 6 single-generator pieces")
    types = set()

    def need_listed(eqs, fixed, free, what):
        pts = _face_points(ctx, eqs, fixed, free)
        if pts is None:
            return _on_cylinders(ctx, pieces, eqs, fixed, free, cyls)
        for p in pts:
            _need(_listed(p, listed) or classified(p), f"covering: the zero {_show(p)} ({what}) is not listed")
        return True

    for fixed, free in _faces(ctx):
        on_face = [j for j in active if pieces[j].face and fixed.get(pieces[j].face[0]) == pieces[j].face[1]]
        for j in active:
            if j in on_face:
                continue
            pc = pieces[j]
            eqs = list(pc.gens) + ([] if pc.finite else [dl for S, cols, dl in pc.charts if set(cols) <= set(free)])
            if need_listed(eqs, fixed, free, f"piece {j} off its charts"):
                continue
            _need(len(pc.gens) == 1 and _enters(ctx, pc.gens[0], fixed, free),
                  f"covering: the zeros of piece {j} off its charts on the face {_face(ctx, fixed)} are not finite")
            types.add(("entering", j))
        for k in multi:
            for j in active:
                if j != k and (j not in multi or j > k):
                    _need(need_listed(pieces[k].gens + pieces[j].gens, fixed, free, f"pieces {k}, {j}"),
                          f"covering: the common zeros of pieces {k}, {j} are not finite")
        for r in range(len(single) + 1):
            for R in itertools.combinations(single, r):
                if r + len(on_face) < 2:
                    continue
                eqs = [pieces[j].gens[0] for j in R]
                if not free:
                    need_listed(eqs, fixed, free, "vertex")
                    continue
                if not R:
                    types.add(frozenset(on_face))
                    continue
                if need_listed(eqs, fixed, free, "crossing"):
                    continue
                grads = [[sympy.diff(e, ctx.syms[i]) for i in free] for e in eqs]
                minors = [sympy.Matrix([[g[c] for c in cols] for g in grads]).det()
                          for cols in itertools.combinations(range(len(free)), r)]
                _need(bool(minors) and need_listed(eqs + minors, fixed, free, "rank drop"),
                      f"covering: the rank drops of pieces {list(R)} on the face {_face(ctx, fixed)} are not finite")
                types.add(frozenset(R + tuple(on_face)))
    return types


def _base(pc):
    return pc.gens[0] if pc.weights is None else sympy.Add(*[w * g ** 2 for w, g in zip(pc.weights, pc.gens)])


def _power(pc) -> int:
    return pc.power


def _deg(e, syms) -> int:
    return max(1, sympy.Poly(e, *syms, domain="QQ").total_degree())


def _cylinders(ctx, cert, pieces, attained, lower, ties) -> list:
    """The declared cylinders ``{q} × box`` over points ``q`` of the problem of some pieces ``U`` in
    their own variables ``W``: ``[(U, W, q)]``.  Near a point of the cylinder where only ``U``
    vanishes, ``K ≍ H(x_W) = Π_U B_j^{k_j}`` (the other pieces and ``c`` are units) and the box is
    a product, so ``ζ`` is locally ``∫_{W-box} H^z × ∫ 1``: the value is ``H``'s at ``q`` (one-sided
    at the bounds of ``W``), proven like a point (local certificate, ``morse`` or ``rule`` with the
    pieces of ``U`` in ``W``); attained when a ``witness`` with exactly ``U`` vanishing is given."""
    out = []
    for n, cy in enumerate(cert.get("cylinders") or []):
        where = f"cylinder {n}"
        _need(isinstance(cy, dict), f"{where}: an object")
        W, U = cy.get("vars"), cy.get("pieces")
        _need(isinstance(W, list) and isinstance(U, list) and U and all(type(j) is int and 0 <= j < len(pieces)
                                                                          and not pieces[j].unit for j in U),
              f"{where}: vars and pieces")
        idx = [ctx.names.index(w) for w in W if w in ctx.names]
        _need(idx == sorted(set(idx)) and len(idx) == len(W) < ctx.d, f"{where}: vars a proper subset in order")
        used = set().union(*(g.free_symbols for j in U for g in pieces[j].gens))
        _need(used == {ctx.syms[i] for i in idx}, f"{where}: vars are not exactly the variables of its pieces")
        H = sympy.expand(sympy.Mul(*[_base(pieces[j]) ** _power(pieces[j]) for j in U]))
        sub = _Ctx({"vars": W, "box": {w: [str(ctx.box[i][0]), str(ctx.box[i][1])] for w, i in zip(W, idx)},
                    "K": str(H)})
        q = sub.point(cy.get("point"), where)
        _need(all(_zero(sub.at(g, q)) for j in U for g in pieces[j].gens), f"{where}: a piece does not vanish at q")
        proof = cy.get("proof") or {}
        key = (frozenset(U), tuple(idx), q)
        if proof.get("kind") == "none":
            lower.append((Fraction(1, _deg(H, sub.syms)), where))
            out.append(key)
            continue
        if proof.get("kind") == "rule":
            raw = []
            for j in U:
                pc = pieces[j]
                _need(len(pc.gens) == 1, f"{where}: rule proofs need single-generator pieces")
                F = pc.gens[0]
                raw.append({"gens": [str(F)], "power": _power(pc), "s": str(pc.s),
                            "weights": None if pc.weights is None else [str(w) for w in pc.weights],
                            "face": None if pc.face is None else [W.index(ctx.names[pc.face[0]]), str(pc.face[1])],
                            "charts": [{"S": [0], "cols": [k], "delta": str(sympy.diff(F, s))}
                                       for k, s in enumerate(sub.syms) if sympy.diff(F, s) != 0]})
            got = _classify(sub, _pieces(sub, {"constant": "1", "pieces": raw}), q)
            _need(got is not None, f"{where}: q is on no smooth or normal-crossing stratum of its pieces")
            val = got[1:]
        else:
            val = _local_value(sub, q, proof, where)
        _need(cy.get("lambda") == str(val[0]) and cy.get("m") == val[1], f"{where}: value is {val}")
        if cy.get("witness") is not None:
            p = ctx.point(cy["witness"], f"{where} witness")
            _need(all(a == b or _zero(a - b) for a, b in zip((p[i] for i in idx), q)), f"{where}: witness not over q")
            V = {j for j, pc in enumerate(pieces) if not pc.unit and all(_zero(ctx.at(g, p)) for g in pc.gens)}
            _need(V == set(U), f"{where}: at the witness the pieces {sorted(V)} vanish, not {sorted(U)}")
            attained[("cylinder", n)] = val
        else:
            ties.append((val[0], val[1], where))
        out.append(key)
    return out


def _on_cylinders(ctx, pieces, eqs, fixed, free, cyls) -> bool:
    """A system on a face whose equations involve only some of the free variables ``W0``: its
    zeros are cylinders ``{q0} × (the rest)`` over the finitely many zeros ``q0`` in ``W0``; each
    must be a declared cylinder (pieces vanishing identically on it, over the same point)."""
    sub = {ctx.syms[i]: v for i, v in fixed.items()}
    es = [e for e in (sympy.expand(e.xreplace(sub)) for e in eqs) if e != 0]
    used = set().union(*(e.free_symbols for e in es)) if es else set()
    W0 = [i for i in free if ctx.syms[i] in used]
    if not free or len(W0) == len(free):
        return False
    pts = _real_points(es, [ctx.syms[i] for i in W0], [ctx.box[i] for i in W0]) if es else [()]
    if pts is None:
        return False
    for q0 in pts:
        at = dict(fixed)
        at.update(zip(W0, q0))
        env = {ctx.syms[i]: v for i, v in at.items()}
        U = frozenset(j for j, pc in enumerate(pieces) if not pc.unit
                      and all(sympy.expand(g.xreplace(env)) == 0 for g in pc.gens))
        idx = sorted({ctx.syms.index(s) for j in U for g in pieces[j].gens for s in g.free_symbols})
        if not set(idx) <= set(at):
            return False      # the pieces involve the cylinder's free directions
        q = tuple(at[i] for i in idx)
        if not any(c[0] == U and c[1] == tuple(idx) and all(a == b or _zero(a - b) for a, b in zip(c[2], q))
                   for c in cyls):
            return False      # not a declared cylinder: the caller refuses (or tries another argument)
    return True


def _listed(p, listed) -> bool:
    return any(all(a == b or _zero(a - b) for a, b in zip(p, q)) for q in listed)


def _show(p) -> str:
    return "(" + ", ".join(str(v) for v in p) + ")"


def _face(ctx, fixed) -> str:
    return ",".join(f"{ctx.names[i]}={v}" for i, v in fixed.items()) or "interior"


def _lam(raw, what) -> Fraction:
    _need(isinstance(raw, str), f"{what}: a string")
    try:
        return Fraction(raw)
    except (ValueError, ZeroDivisionError):
        raise _Refuse(f"{what}: not a rational") from None


def _sign_change(ctx, pieces, st, where):
    """A smooth stratum of an irreducible single generator ``F`` taking both strict signs in the box.

    ``Sing V_C(F)`` has dimension ``<= d - 2`` (``F`` squarefree), so the open box minus it is
    connected, and ``F`` takes both signs there (the two points, moved slightly inside): ``F``
    vanishes at a regular interior point, near which ``V(F)`` is a ``(d-1)``-manifold.  Another
    piece has a generator ``g`` not divisible by ``F`` and vanishes there only on ``V(F, g)``, of
    dimension ``<= d - 2``: the manifold has points where only ``F`` vanishes, of value
    ``(1/(2s), 1)`` (a chart ``∂F/∂x_k`` is non-zero at a regular point)."""
    j = st.get("piece")
    _need(type(j) is int and 0 <= j < len(pieces), f"{where}: piece index")
    pc = pieces[j]
    _need(len(pc.gens) == 1 and pc.face is None and not pc.unit and ctx.d >= 2 and st.get("S") == [0],
          f"{where}: a sign change proves a stratum of a single generator (d >= 2)")
    F = pc.gens[0]
    c, facs = sympy.factor_list(F, *ctx.syms)
    _need(len(facs) == 1 and facs[0][1] == 1, f"{where}: the generator is not irreducible over Q")
    sc = st.get("sign_change")
    _need(isinstance(sc, list) and len(sc) == 2, f"{where}: sign_change: two points")
    got = [_sign(ctx.at(F, ctx.point(q, f"{where} sign_change"))) for q in sc]
    _need(got == [1, -1], f"{where}: the generator is not > 0 at the first point and < 0 at the second")
    for k, pk in enumerate(pieces):
        if k != j and not pk.unit:
            _need(any(not sympy.Poly(g, *ctx.syms, domain="QQ").rem(sympy.Poly(F, *ctx.syms, domain="QQ")).is_zero
                      for g in pk.gens), f"{where}: every generator of piece {k} is divisible by the factor")
    return ("smooth", j, 1), (Fraction(1) / (2 * pc.s), 1)


def _check(cert) -> DomainVerification:
    if isinstance(cert, (str, pathlib.Path)) and not (isinstance(cert, str) and cert.lstrip().startswith("{")):
        cert = pathlib.Path(cert).read_text()
    if isinstance(cert, str):
        cert = json.loads(cert)
    _need(isinstance(cert, dict) and cert.get("format") == FORMAT, f"format is not {FORMAT!r}")
    for n, rng in (cert.get("extra_vars") or {}).items():   # variables absent from K: ζ factors
        _need(isinstance(rng, list) and len(rng) == 2 and Fraction(rng[0]) < Fraction(rng[1]), f"extra_vars[{n}]")
    ctx = _Ctx(cert)
    _need(not (set(cert.get("extra_vars") or {}) & set(ctx.names)), "extra_vars overlap vars")
    lam_c, m_c = _lam(cert.get("lambda"), "lambda"), cert.get("m")
    _need(type(m_c) is int and m_c >= 1, "m: an integer >= 1")
    _need(not cert.get("unsupported"), "claims not re-verified by this checker: "
          + "; ".join(map(str, cert.get("unsupported") or []))[:200])
    kind = cert.get("zero_set")
    _need(kind in ("finite", "strata"), "zero_set is 'finite' or 'strata'")
    pieces = _pieces(ctx, cert) if (kind == "strata" or cert.get("pieces")) else []
    attained = {}     # type -> (λ, m)

    def classified(p):
        got = _classify(ctx, pieces, p) if pieces else None
        if got is not None:
            attained[got[0]] = got[1:]
        return got is not None

    listed, lower, ties = [], [], []
    for n, raw in enumerate(cert.get("points", [])):
        where = f"point {n}"
        _need(isinstance(raw, dict), f"{where}: an object")
        p = ctx.point(raw.get("point"), where)
        _need(_zero(ctx.at(ctx.K, p)), f"{where}: K does not vanish there")
        proof = raw.get("proof") or {}
        listed.append(p)
        if proof.get("kind") == "none":      # unfinished: only λ >= 1/ord >= 1/deg K (Kollár)
            lower.append((Fraction(1, _deg(ctx.K, ctx.syms)), where))
            continue
        got = _classify(ctx, pieces, p) if pieces and proof.get("kind") == "rule" else None
        val = got[1:] if got else _local_value(ctx, p, proof, where)
        _need(raw.get("lambda") == str(val[0]) and raw.get("m") == val[1],
              f"{where}: derived ({val[0]}, {val[1]}) but the certificate claims ({raw.get('lambda')}, {raw.get('m')})")
        attained[("point", n)] = val
    types = set()
    if kind == "finite":
        _covering_finite(ctx, listed, classified)
    else:
        for n, st in enumerate(cert.get("strata", [])):
            where = f"stratum {n}"
            _need(isinstance(st, dict), f"{where}: an object")
            if st.get("sign_change") is not None:
                t, val = _sign_change(ctx, pieces, st, where)
                _need(st.get("lambda") == str(val[0]) and st.get("m") == val[1], f"{where}: value is {val}")
                attained[t] = val
                continue
            p = ctx.point(st.get("witness"), f"{where} witness")
            got = _classify(ctx, pieces, p)
            _need(got is not None, f"{where}: the witness is on no smooth or normal-crossing stratum")
            _need(isinstance(st.get("face", {}), dict)
                  and set(st.get("face", {})) == {ctx.names[i] for i in ctx.sides(p)},
                  f"{where}: 'face' does not list the witness's coordinates at a bound")
            want = (("smooth", st.get("piece"), len(st.get("S", []))) if st.get("type") == "smooth"
                    else ("crossing", tuple(st.get("pieces", []))))
            _need(got[0] == want, f"{where}: the witness is on the stratum {got[0]}, not {want}")
            if st.get("type") == "smooth":
                pc, S, cols = pieces[want[1]], tuple(st.get("S")), tuple(st.get("cols", []))
                _need(any(S == a and cols == b for a, b, _ in pc.charts), f"{where}: (S, cols) is not a chart")
                _need(not _zero(ctx.at(sympy.Matrix([[sympy.diff(pc.gens[a], ctx.syms[b]) for b in cols]
                                                      for a in S]).det(), p))
                      and not set(cols) & set(ctx.sides(p)), f"{where}: delta vanishes at the witness or uses a fixed column")
                _need(st.get("s") == str(pc.s), f"{where}: s is {pc.s}")
                _need(sympy.expand(ctx.poly(st.get("delta"), f"{where} delta")
                                   - next(dl for a, b, dl in pc.charts if a == S and b == cols)) == 0,
                      f"{where}: delta is not the chart's minor")
            _need(st.get("lambda") == str(got[1]) and st.get("m") == got[2], f"{where}: value is ({got[1]}, {got[2]})")
            attained[got[0]] = got[1:]
        cyls = _cylinders(ctx, cert, pieces, attained, lower, ties)
        types = _covering_strata(ctx, pieces, listed, classified, cyls)
    _need(attained, "no zero of K in the box is certified")
    lam = min(v[0] for v in attained.values())
    m = max(v[1] for v in attained.values() if v[0] == lam)
    # possible strata not witnessed: smooth charts, face pieces, crossings
    possible = {}
    for j, pc in enumerate(pieces if kind == "strata" else []):
        if pc.unit or pc.one_sign or pc.finite:
            continue
        if pc.face:
            possible[("crossing", (j,))] = (Fraction(1) / (2 * pc.s), 1)
            continue
        for S, _, _ in pc.charts:
            possible[("smooth", j, len(S))] = (Fraction(len(S)) / (2 * pc.s), 1)
    for T in types:
        if isinstance(T, tuple):    # ("entering", j): zeros of F_j entering the box along a whole face
            possible[T] = (Fraction(1) / (2 * pieces[T[1]].s), 1)
            continue
        if any(pieces[j].one_sign for j in T):
            continue        # F >= 0 on the box: its zeros are critical on their face, no crossing
        vals = [Fraction(1) / (2 * pieces[j].s) for j in T]
        possible[("crossing", tuple(sorted(T)))] = (min(vals), vals.count(min(vals)))
    for t, (lv, mv) in possible.items():
        if t not in attained:
            _need(lv > lam or (lv == lam and mv <= m),
                  f"the possible stratum {t} (value ({lv}, {mv})) has no witness and would change (lambda, m)")
    for lv, mv, what in ties:
        _need(lv > lam or (lv == lam and mv <= m), f"{what}: no witness, and its value ({lv}, {mv}) would change (lambda, m)")
    for lv, what in lower:
        _need(lv > lam, f"{what}: unfinished, its lower bound {lv} is not above lambda = {lam}")
    _need((lam, m) == (lam_c, m_c), f"derived (lambda, m) = ({lam}, {m}) but the certificate claims ({lam_c}, {m_c})")
    return DomainVerification(True, "", lam, m)


def verify_domain(cert) -> DomainVerification:
    """Check an ``rlct-domain-certificate/1`` and re-derive the global ``(λ, m)`` over its box.

    Parameters
    ----------
    cert : dict, str or pathlib.Path
        The certificate (parsed JSON, a JSON string or a file path).

    Returns
    -------
    DomainVerification
        ``ok`` with the verified ``lam``, ``m``; or ``ok=False`` and a one-line ``reason`` (a claim
        that fails or that this checker does not re-derive).  Never raises.
    """
    try:
        return _check(cert)
    except _Refuse as exc:
        return DomainVerification(False, str(exc).replace("\n", " ")[:400])
    except Exception as exc:  # noqa: BLE001 -- a malformed certificate must never crash
        return DomainVerification(False, f"input: malformed certificate ({type(exc).__name__}: {exc})"[:300])
