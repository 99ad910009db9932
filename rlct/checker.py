"""Independent checker for certificates in the format ``rlct-certificate/1``.

The checker shares no code with the resolver.  It reads the JSON record described in
``docs/certificate.md``, re-checks every step with exact rational arithmetic (tiny sparse
polynomials ``dict[exponent tuple, Fraction]``) and sympy (Gröbner bases, real root counting),
and re-derives ``(λ, m)`` bottom-up from the data alone.  Only the standard library and sympy
are used; nothing is parsed with ``eval`` / ``sympify``.

Soundness assumption (as in the spec, not checkable from a certificate): ``K >= 0`` near
``w0`` (e.g. a Kullback-Leibler divergence or a sum of squares).  The rules keep every node
sign-definite from there on; the ``groebner`` stratum proof relies on it.

Resource limits: at most 64 variables, exponents / matrix entries / powers at most 10,000, at
most 200,000 terms in any given or computed polynomial, fiber strata only for ``d <= 16``.
"""
from __future__ import annotations

import itertools
import json
import math
import pathlib
import re
import threading
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations



class _LazySympy:
    """sympy, imported at first use: most certificates need none of it, and ``import sympy``
    costs about 0.3 s (ten times checking a small certificate).  Kept here rather than shared,
    so that the checker imports nothing from the resolver's packages."""

    def __getattr__(self, attr):
        import sympy as _sympy

        value = getattr(_sympy, attr)
        setattr(self, attr, value)
        return value


sympy = _LazySympy()

FORMAT = "rlct-certificate/1"
MAX_VARS, MAX_EXP, MAX_TERMS = 64, 10_000, 200_000
MAX_PRODUCT = 5_000_000  # term pairs in one polynomial multiplication
MAX_STRATA_VARS = 16     # fiber strata are enumerated as subsets of {0..d-1}
MAX_DEPTH = 100          # nesting of nodes
INF = math.inf           # λ = ∞ ("inf"); its multiplicity is taken to be 0
_RATIONAL = re.compile(r"[+-]?[0-9]{1,4000}(/[0-9]{1,4000})?\Z")


@dataclass(frozen=True)
class Verification:
    """Outcome of :func:`verify`; ``bool(v)`` is ``v.ok``.

    ``reason`` is empty when ``ok``, else one line naming the node / chart and the failed check;
    ``lam`` (Fraction) and ``m`` (int) are the verified values, ``None`` for λ = ∞ or failure.
    """

    ok: bool
    reason: str = ""
    lam: Fraction | None = None
    m: int | None = None

    def __bool__(self) -> bool:
        return self.ok


class _Fail(Exception):
    """A failed check; ``where`` is set by the innermost node / chart / stratum handler."""

    def __init__(self, msg: str, where: str = ""):
        super().__init__(msg)
        self.msg, self.where = msg, where


def _need(cond, msg: str) -> None:
    if not cond:
        raise _Fail(msg)


def _located(where: str, fn, *args):
    try:
        return fn(*args)
    except _Fail as exc:
        exc.where = exc.where or where
        raise


# ---------------------------------------------------------------- JSON values


def _field(raw: dict, key: str):
    _need(key in raw, f"missing field '{key}'")
    return raw[key]


def _list(x, n: int, what: str) -> list:
    _need(isinstance(x, list) and len(x) == n, f"{what} is not a list of length {n}")
    return x


def _int(x, what: str, lo: int = 0, hi: int = MAX_EXP) -> int:
    _need(type(x) is int, f"{what} is not an integer")
    _need(lo <= x <= hi, f"{what} = {x} outside [{lo}, {hi}]")
    return x


def _ints(x, n: int, what: str, lo: int = 0, hi: int = MAX_EXP) -> list[int]:
    return [_int(v, f"{what}[{i}]", lo, hi) for i, v in enumerate(_list(x, n, what))]


def _rational(x, what: str) -> Fraction:
    _need(isinstance(x, str) and _RATIONAL.match(x), f"{what} is not a rational 'p/q'")
    num, _, den = x.partition("/")
    _need(int(den or "1") != 0, f"{what} has zero denominator")
    return Fraction(int(num), int(den or "1"))


def _poly(x, d: int, what: str) -> dict:
    """A term list ``[[[a_1..a_d], "c"], ...]``; exponents distinct, coefficients non-zero."""
    _need(isinstance(x, list), f"{what} is not a list of terms")
    _need(len(x) <= MAX_TERMS, f"{what} has more than {MAX_TERMS} terms")
    p = {}
    for i, term in enumerate(x):
        term = _list(term, 2, f"{what} term {i}")
        a, c = tuple(_ints(term[0], d, f"{what} term {i} exponents")), _rational(term[1], f"{what} term {i}")
        _need(a not in p, f"{what} repeats exponent {list(a)}")
        _need(c != 0, f"{what} term {i} has coefficient 0")
        p[a] = c
    return p


def _names(x, what: str, lo: int = 0) -> list[str]:
    _need(isinstance(x, list) and all(isinstance(v, str) for v in x), f"{what} is not a list of names")
    _need(lo <= len(x) <= MAX_VARS, f"{what} must have {lo}..{MAX_VARS} variables")
    _need(len(set(x)) == len(x), f"{what} repeats a name")
    return x


def _show(lam) -> str:
    return "inf" if lam == INF else str(lam)


# ---------------------------------------------------------------- sparse polynomials


def _clean(r: dict) -> dict:
    """Drop zero terms and enforce the size limits on a computed polynomial."""
    r = {a: c for a, c in r.items() if c}
    _need(len(r) <= MAX_TERMS, f"a computed polynomial has more than {MAX_TERMS} terms")
    _need(all(max(a, default=0) <= MAX_EXP for a in r), f"a computed exponent exceeds {MAX_EXP}")
    return r


def _mul(p: dict, q: dict) -> dict:
    _need(len(p) * len(q) <= MAX_PRODUCT, "polynomial product too large to check")
    r = {}
    for a, c in p.items():
        for b, e in q.items():
            k = tuple(i + j for i, j in zip(a, b))
            r[k] = r.get(k, 0) + c * e
    return _clean(r)


def _pow(p: dict, k: int, d: int) -> dict:
    _need(max((max(a, default=0) for a in p), default=0) * k <= MAX_EXP, f"power {k} too large")
    r = {(0,) * d: Fraction(1)}
    for _ in range(k):
        r = _mul(r, p)
    return r


def _const(p: dict, d: int) -> Fraction:
    return p.get((0,) * d, Fraction(0))


def _times_monomial(p: dict, N) -> dict:
    """``y^N · p``."""
    return _clean({tuple(i + j for i, j in zip(a, N)): c for a, c in p.items()})


def _subst_monomial(p: dict, B: list[list[int]]) -> dict:
    """``p(y^B)`` with ``w_i = Π_j y_j^{B[i][j]}``, i.e. ``w^α ↦ y^{B^T α}``."""
    r, d = {}, len(B)
    for a, c in p.items():
        k = tuple(sum(B[i][j] * a[i] for i in range(d)) for j in range(d))
        r[k] = r.get(k, 0) + c
    return _clean(r)


def _translate(p: dict, point: list[Fraction]) -> dict:
    """``p(w0 + y)`` by binomial expansion of every ``(w0_i + y_i)^{a_i}``."""
    work = sum(math.prod(a_i + 1 for a_i, w in zip(a, point) if w) for a in p)
    _need(work <= MAX_TERMS, "translating K by the point gives too many terms")
    r = {}
    for a, c in p.items():
        part = {(): c}
        for a_i, w in zip(a, point):
            ks = range(a_i + 1) if w else (a_i,)
            part = {b + (k,): v * math.comb(a_i, k) * w ** (a_i - k) for b, v in part.items() for k in ks}
        for b, v in part.items():
            r[b] = r.get(b, 0) + v
    return _clean(r)


def _flip(p: dict, signs: list[int]) -> dict:
    """``p(s∘y)``."""
    return {a: c * math.prod(s for s, k in zip(signs, a) if k % 2) for a, c in p.items()}


def _restrict_zero(p: dict, J) -> dict:
    """``p|_{y_j = 0, j ∈ J}``."""
    return {a: c for a, c in p.items() if all(a[j] == 0 for j in J)}


def _diff(p: dict, k: int) -> dict:
    return {a[:k] + (a[k] - 1,) + a[k + 1:]: c * a[k] for a, c in p.items() if a[k]}


def _embed(p: dict, idx: list[int], d: int) -> dict:
    """A polynomial in the variables ``idx`` of ``d`` as a polynomial in all ``d``."""
    return {tuple(dict(zip(idx, a)).get(i, 0) for i in range(d)): c for a, c in p.items()}


def _sympy(p: dict, gens) -> sympy.Expr:
    return sympy.Add(*[sympy.Rational(c.numerator, c.denominator)
                       * sympy.Mul(*[g**k for g, k in zip(gens, a) if k]) for a, c in p.items()])


# ---------------------------------------------------------------- sympy-free fast paths
# Exact replacements for the sympy calls common certificates need (determinants, ranks, exact
# division, Sturm counts, "the ideal is (1)"): each gives the sympy call's answer or ``None``
# ("not decided here"), and then the sympy code runs.  ``_FAST = False``: the sympy code only.

_FAST = True
_GB_LIMITS = (200, 2000, 512)    # Buchberger: basis length, terms, coefficient bits
_GB_WORK = 300_000               # Buchberger: terms visited (well under a second)


def _det_int(M: list) -> int:
    """Determinant of a square integer matrix (fraction-free Bareiss elimination; ``1`` if 0 x 0)."""
    M = [list(r) for r in M]
    n, sign, prev = len(M), 1, 1
    for k in range(n - 1):
        if M[k][k] == 0:
            p = next((i for i in range(k + 1, n) if M[i][k]), None)
            if p is None:
                return 0
            M[k], M[p], sign = M[p], M[k], -sign
        for i in range(k + 1, n):
            for j in range(k + 1, n):
                M[i][j] = (M[i][j] * M[k][k] - M[i][k] * M[k][j]) // prev
        prev = M[k][k]
    return sign * M[n - 1][n - 1] if n else 1


def _div_exact(f: dict, g: dict):
    """``f / g`` over Q when ``g`` (non-zero) divides ``f``, else ``None``.

    Division by leading terms (graded lex); as ``deg_i`` and ``mindeg_i`` add up in a product,
    a quotient term outside ``[mindeg_i f - mindeg_i g, deg_i f - deg_i g]`` proves ``g ∤ f``
    (which also bounds the work).
    """
    import heapq

    if not f:
        return {}
    n = len(next(iter(g)))
    lg = max(g, key=lambda a: (sum(a), a))
    cg, rest = g[lg], [(a, c) for a, c in g.items() if a != lg]
    lo = [max(0, min(a[i] for a in f) - min(a[i] for a in g)) for i in range(n)]
    hi = [max(a[i] for a in f) - max(a[i] for a in g) for i in range(n)]
    r, q = dict(f), {}
    heap = [(-sum(a), tuple(-x for x in a)) for a in r]
    heapq.heapify(heap)
    while r:
        a = tuple(-x for x in heapq.heappop(heap)[1])
        if a not in r:
            continue
        m = tuple(x - y for x, y in zip(a, lg))
        if any(x < l or x > h for x, l, h in zip(m, lo, hi)):
            return None
        s = r.pop(a) / cg
        q[m] = s
        _need(len(q) <= MAX_TERMS, f"a computed polynomial has more than {MAX_TERMS} terms")
        for b, v in rest:
            k = tuple(x + y for x, y in zip(m, b))
            w = r.get(k, 0) - s * v
            if not w:
                r.pop(k, None)
                continue
            if k not in r:
                heapq.heappush(heap, (-sum(k), tuple(-x for x in k)))
            r[k] = w
    return q


def _sturm_count(coeffs: list, lo: Fraction, hi: Fraction) -> int:
    """Distinct real roots of ``Σ coeffs[i] x^i`` (Fractions, not all zero) in the closed interval
    ``[lo, hi]``, ``lo <= hi``: for the squarefree part, ``V(lo) - V(hi)`` counts those in
    ``(lo, hi]`` (Sturm)."""
    p = [Fraction(c) for c in coeffs]
    while p and not p[-1]:
        p.pop()
    if len(p) <= 1:
        return 0
    p = _upoly_squarefree(p)
    seq = [p, [i * c for i, c in enumerate(p)][1:]]
    while True:
        r = _upoly_rem(seq[-2], seq[-1])
        if not r:
            break
        s = abs(r[-1])   # a positive factor keeps the signs
        seq.append([-c / s for c in r])

    def variations(x):
        signs = [v > 0 for v in (_upoly_eval(a, x) for a in seq) if v]
        return sum(s != t for s, t in zip(signs, signs[1:]))

    return variations(lo) - variations(hi) + (_upoly_eval(p, lo) == 0)


def _unit_ideal(polys: list, gens: list, d: int, torus: bool = False):
    """Whether ``polys`` (polynomials in the variables ``gens`` of ``d``) generate ``(1)`` over Q,
    with ``1 - t·Π gens`` added when ``torus`` (:func:`_gb_has_one`).  ``None``: not decided
    here (limits hit, odd input)."""
    if not _FAST or d == 0:
        return None
    gens = list(gens)
    n, outside = len(gens) + bool(torus), [j for j in range(d) if j not in gens]
    out = []
    for p in polys:
        if any(a[j] for a in p for j in outside):
            return None
        p = {tuple(a[j] for j in gens) + ((0,) if torus else ()): c for a, c in p.items() if c}
        if p:
            out.append(p)
    if torus:
        out.append({(0,) * n: Fraction(1), (1,) * n: Fraction(-1)})
    if not out or n == 0:
        return None
    return _gb_has_one(out)


def _grevlex(a: tuple) -> tuple:
    return sum(a), tuple(-x for x in reversed(a))


def _gb_has_one(polys: list):
    """Whether non-zero polynomials (``dict[exponent tuple, Fraction]``) generate ``(1)`` over Q:
    Buchberger's algorithm (grevlex, normal pair selection, coprime criterion) -- when it ends,
    its basis is a Gröbner basis, which contains a non-zero constant iff the ideal is (1).
    ``None`` when a limit (basis length, terms, coefficient bits, work) is hit."""
    max_basis, max_terms, max_bits = _GB_LIMITS
    work = [0]

    def monic(p):
        lm = max(p, key=_grevlex)
        c = p[lm]
        return lm, {a: v / c for a, v in p.items()}

    def reduce(p, G):   # full reduction of p by G (division algorithm); None past the limits
        p, r = dict(p), {}
        while p:
            work[0] += len(p) + len(G)
            if work[0] > _GB_WORK or len(p) > max_terms:
                return None
            lm = max(p, key=_grevlex)
            c = p[lm]
            for gm, g in G:
                if all(x >= y for x, y in zip(lm, gm)):
                    sh = tuple(x - y for x, y in zip(lm, gm))
                    for a, v in g.items():
                        k = tuple(x + y for x, y in zip(a, sh))
                        w = p.get(k, 0) - c * v
                        if w:
                            p[k] = w
                        else:
                            p.pop(k, None)
                    break
            else:
                r[lm] = p.pop(lm)
        if any(c.numerator.bit_length() > max_bits or c.denominator.bit_length() > max_bits
               for c in r.values()):
            return None
        return r

    G = []
    for p in polys:
        if len(p) == 1 and not any(next(iter(p))):
            return True
        G.append(monic(p))
    def lcm_key(ij):
        return _grevlex(tuple(map(max, G[ij[0]][0], G[ij[1]][0])))

    pairs = [(i, j) for j in range(len(G)) for i in range(j)]
    while pairs:
        work[0] += len(pairs)
        if work[0] > _GB_WORK:
            return None
        ij = min(pairs, key=lcm_key)
        pairs.remove(ij)
        (am, a), (bm, b) = G[ij[0]], G[ij[1]]
        if not any(x and y for x, y in zip(am, bm)):
            continue   # coprime leading monomials: the S-polynomial reduces to 0
        L = tuple(map(max, am, bm))
        s = {}
        for p, pm, sign in ((a, am, 1), (b, bm, -1)):
            sh = tuple(x - y for x, y in zip(L, pm))
            for e, v in p.items():
                k = tuple(x + y for x, y in zip(e, sh))
                s[k] = s.get(k, 0) + sign * v
        s = {e: v for e, v in s.items() if v}
        r = reduce(s, G) if s else {}
        if r is None:
            return None
        if r:
            if len(r) == 1 and not any(next(iter(r))):
                return True
            if len(G) >= max_basis:
                return None
            G.append(monic(r))
            pairs += [(i, len(G) - 1) for i in range(len(G) - 1)]
    return False


def _divisors(n: int):
    """Positive divisors of ``n != 0`` (trial division), ``None`` when ``|n| > 10^12``."""
    n = abs(n)
    if n > 10 ** 12:
        return None
    small = [k for k in range(1, math.isqrt(n) + 1) if n % k == 0]
    return sorted(set(small + [n // k for k in small]))


def _rational_roots(p: list, lo=None, hi=None):
    """Distinct rational roots of ``Σ p[i] y^i`` (Fractions, ``p(0) != 0``, degree >= 1) in
    ``(lo, hi]`` (unbounded when ``None``), sorted, by the rational root theorem; ``None`` when the
    candidates are too many."""
    den = math.lcm(*(c.denominator for c in p))
    z = [int(c * den) for c in p]
    while not z[-1]:
        z.pop()
    P, Q = _divisors(z[0]), _divisors(z[-1])
    if P is None or Q is None or len(P) * len(Q) > 20_000:
        return None
    out = set()
    for q in Q:
        for a in P:
            if math.gcd(a, q) == 1:
                for x in (Fraction(a, q), Fraction(-a, q)):
                    if (lo is None or x > lo) and (hi is None or x <= hi) and \
                            not sum(c * a ** i * q ** (len(z) - 1 - i) * (1 if x > 0 else (-1) ** i)
                                    for i, c in enumerate(z)):
                        out.add(x)
    return sorted(out)


def _upoly_gcd(a: list, b: list) -> list:
    a, b = _upoly_trim(list(a)), _upoly_trim(list(b))
    while b:
        a, b = b, _upoly_rem(a, b)
    return [c / a[-1] for c in a] if a else a


def _upoly_div(a: list, b: list) -> list:
    """``a / b`` for ``b | a`` (univariate, low -> high)."""
    a, q = _upoly_trim(list(a)), [Fraction(0)] * max(len(a) - len(b) + 1, 0)
    while len(a) >= len(b):
        s, sh = a[-1] / b[-1], len(a) - len(b)
        q[sh] = s
        for i, c in enumerate(b):
            a[sh + i] -= s * c
        _upoly_trim(a)
    return q


def _upoly_squarefree(p: list) -> list:
    """The squarefree part ``p / gcd(p, p')`` (monic)."""
    g = _upoly_gcd(p, [i * c for i, c in enumerate(p)][1:])
    s = _upoly_div(p, g) if len(g) > 1 else list(p)
    return [c / s[-1] for c in s]


def _all_minors(M: list, d: int) -> dict:
    """All ``k``-minors of a ``k x n`` matrix of polynomials, keyed by their column tuples
    (Laplace expansion along the last row, minors of the rows above reused)."""
    k, n = len(M), len(M[0]) if M else 0
    prev = {(): {(0,) * d: Fraction(1)}}
    for r in range(k):
        cur = {}
        for S in combinations(range(n), r + 1):
            acc: dict = {}
            for pos, c in enumerate(S):
                sub = prev.get(S[:pos] + S[pos + 1:])
                if M[r][c] and sub:
                    sign = -1 if (r + pos) % 2 else 1
                    for a, v in _mul(M[r][c], sub).items():
                        acc[a] = acc.get(a, Fraction(0)) + sign * v
            cur[S] = _clean(acc)
        prev = cur
    return prev


def _upoly_eval(p: list, x):
    v = Fraction(0)
    for c in reversed(p):
        v = v * x + c
    return v


def _upoly_mul(p: list, q: list) -> list:
    r = [Fraction(0)] * (len(p) + len(q) - 1) if p and q else []
    for i, a in enumerate(p):
        for j, b in enumerate(q):
            r[i + j] += a * b
    return r


def _upoly_trim(p: list) -> list:
    while p and not p[-1]:
        p.pop()
    return p


def _upoly_rem(a: list, b: list) -> list:
    a = _upoly_trim(list(a))
    while len(a) >= len(b):
        s, sh = a[-1] / b[-1], len(a) - len(b)
        for i, c in enumerate(b):
            a[sh + i] -= s * c
        _upoly_trim(a)
    return a


def _torus_meet(a: dict, b: dict, free: list, d: int):
    """The common zeros of ``a, b`` (polynomials in the ``free`` variables) in the complex torus,
    as for the lex Gröbner basis + ``solve`` of :func:`_check_crossing`: a failure if they are
    infinitely many or not all rational, else the set of points; ``None``: not decided here.

    One free variable: the non-zero roots of ``gcd(a, b)``.  Two: one of ``a, b`` is
    ``c·y_k + r(y_l)`` (``c`` constant), and the others are the roots ``ρ`` of
    ``h = other(y_k = -r/c)`` with ``ρ != 0``, ``r(ρ) != 0``: those of ``sqfree(h) / gcd(., r)``
    without the factor ``y_l``, all rational iff their number is its degree.
    """
    def uni(p, k):
        out = [Fraction(0)] * (max(e[k] for e in p) + 1)
        for e, c in p.items():
            out[e[k]] += c
        return out

    def torus_roots(h, r):   # the roots of h with y != 0 and r(y) != 0; a failure if one is irrational
        h = _upoly_squarefree(h)
        g = _upoly_gcd(h, r)
        h = _upoly_div(h, g) if len(g) > 1 else h
        if not h[0]:
            h = h[1:]
        if len(h) <= 1:
            return []
        roots = _rational_roots(h)
        if roots is not None:
            _need(len(roots) == len(h) - 1, "an intersection point is not rational")
        return roots

    if not _FAST or not a or not b or len(free) not in (1, 2) \
            or any(e[j] for p in (a, b) for e in p for j in range(d) if j not in free):
        return None
    if len(free) == 1:
        k = free[0]
        roots = torus_roots(_upoly_gcd(uni(a, k), uni(b, k)), [Fraction(1)])
        return None if roots is None else {(x,) for x in roots}
    for P1, P2 in ((a, b), (b, a)):
        for k, l in ((free[0], free[1]), (free[1], free[0])):
            lin = [e for e in P1 if e[k]]
            if len(lin) != 1 or lin[0][k] != 1 or lin[0][l]:
                continue
            c = P1[lin[0]]
            rest = {e: v for e, v in P1.items() if not e[k]}
            if not rest:      # a factor c·y_k: no zero in the torus
                return set()
            r = uni(rest, l)
            ys = [-x / c for x in r]          # y_k = ys(y_l) on {P1 = 0}
            rows: dict = {}
            for e, v in P2.items():
                rows.setdefault(e[k], {})[e] = v
            h, pw = [], [Fraction(1)]
            for j in range(max(rows) + 1):
                if j:
                    pw = _upoly_mul(pw, ys)
                if j in rows:
                    term = _upoly_mul(uni(rows[j], l), pw)
                    h = [(h[i] if i < len(h) else 0) + (term[i] if i < len(term) else 0)
                         for i in range(max(len(h), len(term)))]
            if not _upoly_trim(h):
                raise _Fail("two zero factors meet in a positive-dimensional set")
            roots = torus_roots(h, r)
            if roots is None:
                return None
            return {tuple(x if i == l else _upoly_eval(ys, x) for i in free) for x in roots}
    return None


def _roots_fast(coeffs: list):
    """For ``p = Σ coeffs[i] y^i`` (``p(0) != 0``): its rational roots in ``(0, 1]`` (sorted) and
    its irreducible factors of degree >= 2 with a root in ``[0, 1]`` -- none when the rational
    roots are all of the (Sturm-counted) roots there; else ``None`` (factorization needed)."""
    p = _upoly_trim(list(coeffs))
    if len(p) <= 1:
        return [], []
    n = _sturm_count(p, Fraction(0), Fraction(1))   # p(0) != 0: the roots in (0, 1]
    if not n:
        return [], []
    roots = _rational_roots(p, Fraction(0), Fraction(1))
    return None if roots is None or len(roots) < n else (roots, [])


# ---------------------------------------------------------------- values


def _ratio_value(N, e) -> tuple:
    """Normal crossing ``y^N`` for ``|y^e| dy``: ``λ = min (e_j+1)/N_j``, ``m = #argmin``."""
    ratios = [Fraction(ej + 1, nj) for nj, ej in zip(N, e) if nj > 0]
    lam = min(ratios, default=INF)
    return lam, ratios.count(lam)


def _min_value(values) -> tuple:
    """``λ = min λ_i``, ``m = max{m_i : λ_i = λ}``: the largest pole of a sum of zeta functions."""
    lam = min(v[0] for v in values)
    return lam, max(m for l, m in values if l == lam)


# ---------------------------------------------------------------- nodes


@dataclass
class _Node:
    d: int
    K: dict
    e: list
    sides: list
    value: tuple = (INF, 0)


def _node(raw, name: str, depth: int) -> _Node:
    _need(isinstance(raw, dict), f"node {name} is not an object")
    nid = raw.get("id") if isinstance(raw.get("id"), str) and 0 < len(raw["id"]) <= 100 else name
    return _located(f"node {nid}", _node_body, raw, nid, depth)


_LOCAL = threading.local()   # per thread: verified nodes by id, for ``ref`` (reset by ``_top``)


def _seen() -> dict:
    if not hasattr(_LOCAL, "seen"):
        _LOCAL.seen = {}
    return _LOCAL.seen


def _rule_ref(raw, node: _Node, nid, depth) -> tuple:
    """A node equal to one verified earlier (same K, e, sides): its value is that node's."""
    target = _seen().get(raw.get("same_as")) if isinstance(raw.get("same_as"), str) else None
    _need(target is not None, "same_as does not name a node verified earlier")
    if "perm" in raw:   # equal up to a permutation of the variables (issue 7 item 3)
        return _ref_permuted(raw, node, target)
    _need(target.K == node.K and target.e == node.e and target.sides == node.sides,
          "K, e or sides differ from the referenced node")
    return target.value


def _node_body(raw: dict, nid: str, depth: int) -> _Node:
    _need(depth <= MAX_DEPTH, f"nodes nested deeper than {MAX_DEPTH}")
    e = _field(raw, "e")
    _need(isinstance(e, list) and len(e) <= MAX_VARS, f"e is not a list of <= {MAX_VARS} integers")
    d = len(e)
    if "vars" in raw:  # names only; optional (d is len(e))
        _need(len(_names(raw["vars"], "vars")) == d, "vars and e differ in length")
    e = _ints(e, d, "e")
    K = _poly(_field(raw, "K"), d, "K")
    _need(K, "K is the zero polynomial")
    sides = _list(_field(raw, "sides"), d, "sides")
    _need(all(s in ("one", "two") for s in sides), "sides are not 'one'/'two'")
    rule = raw.get("rule")
    if rule == "bounds":
        raise _Fail(f"node {nid} is unfinished", "not exact")
    _need(isinstance(rule, str) and rule in _RULES, f"unknown rule {str(rule)[:40]!r}")
    node = _Node(d, K, e, sides)
    node.value = _RULES[rule](raw, node, nid, depth)
    _check_claim(raw, node.value, "the node")
    if isinstance(raw.get("id"), str):
        _need(raw["id"] not in _seen(), "node id is repeated")
        _seen()[raw["id"]] = node
    return node


def _check_claim(raw: dict, value: tuple, who: str, required: bool = False) -> None:
    """Compare a derived ``(λ, m)`` with the ``lambda`` ("inf" or rational > 0) and ``m`` (0 or
    null when inf) of ``raw``; on nodes and charts they are optional, an absent one is derived."""
    if not (required or "lambda" in raw or "m" in raw):
        return
    lam = _field(raw, "lambda") if required else raw.get("lambda", _show(value[0]))
    m = _field(raw, "m") if required else raw.get("m", value[1])
    lam = INF if lam == "inf" else _rational(lam, "lambda")
    _need(lam > 0, "lambda is not positive")
    _need((type(m) is int and 0 <= m <= MAX_VARS) or (m is None and lam == INF),
          "m is not an integer in [0, 64] (or null for lambda = inf)")
    if value != (lam, m or 0):
        raise _Fail(f"derived (lambda, m) = ({_show(value[0])}, {value[1]}) but {who} claims "
                    f"({_show(lam)}, {m})")


def _child(raw, parent: _Node, name: str, depth: int, idx=None, sides: bool = True) -> _Node:
    """A child node whose ``e`` (and ``sides``) are the parent's, restricted to ``idx``."""
    child = _node(raw, name, depth + 1)
    idx = range(parent.d) if idx is None else idx
    _need(child.d == len(idx), f"child {name} has {child.d} variables, expected {len(idx)}")
    _need(child.e == [parent.e[i] for i in idx], f"child {name}: e is not the parent's")
    _need(not sides or child.sides == [parent.sides[i] for i in idx],
          f"child {name}: sides are not the parent's")
    return child


def _rule_monomial(raw, node: _Node, nid, depth) -> tuple:
    """Normal crossing (Watanabe 2009 Thm 6.x; Lin 2011 Prop 3.7).

    ``K == y^N · unit`` with ``unit(0) > 0`` makes ``K`` a monomial times a unit near the
    origin, so ``λ = min (e_j+1)/N_j`` with ``m`` the number of minimizers; even ``N_j`` on
    two-sided variables keeps ``K >= 0``.
    """
    N = _ints(_field(raw, "N"), node.d, "N")
    unit = _poly(_field(raw, "unit"), node.d, "unit")
    _need(node.K == _times_monomial(unit, N), "K != y^N * unit")
    _need(_const(unit, node.d) > 0, "unit has no positive constant term")
    for j, (n, s) in enumerate(zip(N, node.sides)):
        _need(s == "one" or n % 2 == 0, f"N[{j}] = {n} is odd on a two-sided variable")
    return _ratio_value(N, node.e)


def _rule_split(raw, node: _Node, nid, depth) -> tuple:
    """Sign orthants: the ``2^t`` patterns on the ``t`` two-sided variables, each once.

    The orthants cover the neighbourhood up to measure zero and ``y ↦ s∘y`` preserves ``|y^e| dy``,
    so the zeta function is the sum of the children's (``child.K == K(s∘y)``): min of values.
    """
    children = _field(raw, "children")
    two = [j for j, s in enumerate(node.sides) if s == "two"]
    _need(isinstance(children, list) and len(children) == 2 ** len(two),
          f"split needs {2 ** len(two)} children, one per sign pattern")
    seen, values = set(), []
    for i, ch in enumerate(children):
        _need(isinstance(ch, dict), f"child {i} is not an object")
        signs = _ints(_field(ch, "signs"), node.d, f"child {i} signs", -1, 1)
        _need(0 not in signs, f"child {i} signs must be +1/-1")
        _need(all(signs[j] == 1 for j, s in enumerate(node.sides) if s == "one"),
              f"child {i} flips a one-sided variable")
        _need(tuple(signs) not in seen, f"child {i} repeats sign pattern {signs}")
        seen.add(tuple(signs))
        child = _child(_field(ch, "node"), node, f"{nid}/{i}", depth, sides=False)
        _need(child.K == _flip(node.K, signs), f"child {i}: K(s*y) != child K")
        _need(all(s == "one" for s in child.sides), f"child {i}: sides are not all 'one'")
        values.append(child.value)
    return _min_value(values)


def _strata(B: list[list[int]]) -> list[tuple]:
    """All non-empty ``J`` with ``Σ_{j∈J} v_j > 0`` componentwise (strata over the origin)."""
    d = len(B)
    _need(d <= MAX_STRATA_VARS, "too many variables to enumerate fiber strata")
    return [J for r in range(1, d + 1) for J in combinations(range(d), r)
            if all(any(B[i][j] for j in J) for i in range(d))]


def _check_smooth(g: dict, J: tuple, d: int, proof) -> None:
    """Rule (S) on a stratum: ``g = (f^c q)|_J`` with ``c`` even, ``q_J`` zero-free (its own proof),
    ``f_J`` without singular point in the torus (Groebner) and with a sign change between two
    positive rational witness points (so zeros exist).  The chart value then also includes
    ``min({r_j : j in J} ∪ {1/c})`` -- added by :func:`_chart`."""
    f = _poly(_field(proof, "f"), d, "f")
    c = _int(_field(proof, "c"), "c", 2)
    _need(c % 2 == 0, "c is odd")
    q = _poly(_field(proof, "q"), d, "q")
    _need(_restrict_zero(_mul(_pow(f, c, d), q), J) == g, "g_J != (f^c q)|_J")
    qJ = _restrict_zero(q, J)
    _located("q", _check_proof, qJ, J, d, _field(proof, "q_proof"))
    _smooth_with_zeros(_restrict_zero(f, J), J, d, _field(proof, "witness"))


def _smooth_with_zeros(fJ: dict, J: tuple, d: int, witness) -> None:
    """``f_J`` changes sign between two positive rational points of the stratum (so it has real
    zeros there) and has no singular point in the complex torus (Groebner basis ``{1}``)."""
    free = [k for k in range(d) if k not in J]
    _need(isinstance(witness, list) and len(witness) == 2, "witness is not two points")
    vals = []
    for pt in witness:
        pt = [_rational(x, "witness") for x in _list(pt, d, "witness point")]
        _need(all(pt[k] > 0 for k in free) and all(pt[j] == 0 for j in J), "witness point not on the stratum")
        vals.append(sum(cf * math.prod(x ** a for x, a in zip(pt, ex)) for ex, cf in fJ.items()))
    _need(vals[0] > 0 > vals[1], "witness values do not change sign")
    fast = _unit_ideal([fJ] + [_diff(fJ, k) for k in free], free, d, torus=True)
    if fast is not None:
        _need(fast, "f_J may have a singular point in the torus")
        return
    ys, t = sympy.symbols(f"y0:{d}"), sympy.Symbol("t")
    gens = [ys[k] for k in free]
    eqs = [_sympy(p, ys) for p in [fJ] + [_diff(fJ, k) for k in free]] + [1 - t * sympy.Mul(*gens)]
    try:
        basis = list(sympy.groebner(eqs, *gens, t, order="grevlex", domain="QQ").exprs)
    except Exception as exc:  # pragma: no cover
        raise _Fail(f"groebner computation failed ({type(exc).__name__})") from None
    _need(basis == [1], "f_J may have a singular point in the torus")


def _torus_points_sympy(a: dict, b: dict, free: list, d: int) -> set:
    """Common zeros of ``a``, ``b`` in the complex torus of ``free``, all of them rational, or a
    failure.  For each free variable ``v`` the lex Gröbner basis of ``{a, b, 1 - t Π y_free}`` with
    ``v`` last contains the generator of the elimination ideal in ``Q[v]`` (finitely many zeros);
    every factor of it must be linear (so every coordinate of every complex common zero is
    rational); the zeros are then the common zeros among the products of those roots.  (Not
    ``sympy.solve``: it silently drops solutions it cannot write in radicals.)"""
    ys, t = sympy.symbols(f"y0:{d}"), sympy.Symbol("t")
    vs = [ys[k] for k in free]
    eqs = [_sympy(a, ys), _sympy(b, ys), 1 - t * sympy.Mul(*vs)]
    coords = []
    for v in vs:
        order = [t] + [u for u in vs if u != v] + [v]
        G = sympy.groebner(eqs, *order, order="lex", domain="QQ")
        if list(G.exprs) == [1]:
            return set()
        elim = [p for p in G.polys if all(not any(mon[:-1]) for mon in p.monoms())]
        _need(elim, "two zero factors meet in a positive-dimensional set")
        roots = []
        for fac, _ in elim[0].factor_list()[1]:
            _need(fac.total_degree() == 1, "an intersection point is not rational")
            c = dict(fac.terms())
            c1, c0 = c[(0,) * (len(order) - 1) + (1,)], c.get((0,) * len(order), 0)
            x = -sympy.Rational(c0) / sympy.Rational(c1)
            roots.append(Fraction(int(x.p), int(x.q)))
        coords.append(roots)

    def value(p, pt):
        return sum(c * math.prod(pt[i] ** e[k] for i, k in enumerate(free)) for e, c in p.items())

    return {pt for pt in itertools.product(*coords) if all(pt) and value(a, pt) == 0 and value(b, pt) == 0}


def _check_crossing(g: dict, J: tuple, d: int, proof) -> None:
    """Several smooth zero factors on a stratum: ``g_J = (q Π f_k^{c_k})|_J``, ``c_k`` even,
    ``q_J`` zero-free, each ``f_kJ`` smooth with real zeros; their pairwise intersections in
    ``(0, 1]^free`` are exactly the listed rational points (recomputed here with a lex Groebner
    basis), each of which is a translated child problem.  Elsewhere on ``f_k = 0`` only one factor
    vanishes, transversally to the divisors: value ``min(r_J ∪ {1/c_k})``."""
    free = [k for k in range(d) if k not in J]
    facs = _field(proof, "factors")
    _need(isinstance(facs, list) and len(facs) >= 2, "factors is not a list of >= 2")
    q = _poly(_field(proof, "q"), d, "q")
    prod, fJs = q, []
    for i, fc in enumerate(facs):
        f = _poly(_field(fc, "f"), d, f"factor {i}")
        c = _int(_field(fc, "c"), "c", 2)
        _need(c % 2 == 0, "c is odd")
        prod = _mul(prod, _pow(f, c, d))
        fJ = _restrict_zero(f, J)
        _located(f"factor {i}", _smooth_with_zeros, fJ, J, d, _field(fc, "witness"))
        fJs.append(fJ)
    _need(_restrict_zero(prod, J) == g, "g_J != (q prod f^c)|_J")
    _located("q", _check_proof, _restrict_zero(q, J), J, d, _field(proof, "q_proof"))
    found = set()
    for a, b in combinations(fJs, 2):
        if _unit_ideal([a, b], free, d, torus=True):
            continue
        pts = _torus_meet(a, b, free, d)
        if pts is not None:
            found |= {x for x in pts if all(0 < v <= 1 for v in x)}
            continue
        found |= {x for x in _torus_points_sympy(a, b, free, d) if all(0 < v <= 1 for v in x)}
    listed = {tuple(_rational(x, "point") for x in _list(p, len(free), "point")) for p in _field(proof, "points")}
    _need(listed == found, "listed intersection points differ from the recomputed ones")


def _check_proof(g: dict, J: tuple, d: int, proof) -> None:
    """Prove that ``g = g_J`` has no zero with ``0 < y_k <= 1`` for ``k ∉ J``.

    ``positive``: positive coefficients.  ``univariate``: ``g = y^c p(y_k)`` and ``p`` has no real
    root in ``(0, 1]`` (exact root counting).  ``groebner``: ``{g, ∂g, 1 - t Π y_free}`` generate
    the unit ideal, so ``g`` has no critical zero in the torus; as ``g`` is sign-definite on the
    positive orthant, every zero there would be critical.
    """
    _need(isinstance(proof, dict), "proof is not an object")
    kind, free = proof.get("kind"), [k for k in range(d) if k not in J]
    if kind == "positive":
        _need(g and all(c > 0 for c in g.values()), "g_J does not have only positive coefficients")
    elif kind == "univariate":
        k = _int(proof.get("var"), "proof var", 0, d - 1)
        _need(g, "g_J is zero")
        content = [min(a[i] for a in g) for i in range(d)]
        _need(all(a[i] == content[i] for a in g for i in range(d) if i != k),
              f"g_J / monomial is not a polynomial in y{k} only")
        if _FAST:
            coeffs = [Fraction(0)] * (max(a[k] for a in g) - content[k] + 1)
            for a, c in g.items():
                coeffs[a[k] - content[k]] += c
            roots = _sturm_count(coeffs, Fraction(0), Fraction(1))  # p(0) != 0: content removed
        else:
            y = sympy.Symbol("y")
            p = _sympy({(a[k] - content[k],): c for a, c in g.items()}, [y])
            roots = sympy.Poly(p, y, domain="QQ").count_roots(0, 1)  # p(0) != 0: content removed
        _need(roots == 0, f"g_J has {roots} root(s) in (0, 1]")
    elif kind == "groebner":  # own symbols y0..y{d-1}, t: no clash with certificate names
        fast = _unit_ideal([g] + [_diff(g, k) for k in free], free, d, torus=True)
        if fast is not None:
            _need(fast, "Groebner basis of {g_J, grad g_J, 1 - t*prod y} is not {1}")
            return
        ys, t = sympy.symbols(f"y0:{d}"), sympy.Symbol("t")
        gens = [ys[k] for k in free]
        eqs = [_sympy(q, ys) for q in [g] + [_diff(g, k) for k in free]] + [1 - t * sympy.Mul(*gens)]
        try:
            basis = list(sympy.groebner(eqs, *gens, t, order="grevlex", domain="QQ").exprs)
        except Exception as exc:  # a sympy failure is a failed proof, not a crash
            raise _Fail(f"groebner computation failed ({type(exc).__name__})") from None
        _need(basis == [1], "Groebner basis of {g_J, grad g_J, 1 - t*prod y} is not {1}")
    elif kind == "smooth":
        _check_smooth(g, J, d, proof)
    elif kind == "crossing":
        _check_crossing(g, J, d, proof)
    elif kind == "zeros":
        k = _int(proof.get("var"), "proof var", 0, d - 1)
        _need(free == [k], "proof 'zeros' needs exactly one free variable, var")
        content = [min(a[i] for a in g) for i in range(d)] if g else None
        _need(g, "g_J is zero")
        fast = None
        if _FAST:
            coeffs = [Fraction(0)] * (max(a[k] for a in g) - content[k] + 1)
            for a, c in g.items():
                coeffs[a[k] - content[k]] += c
            fast = _roots_fast(coeffs)
        if fast is not None:
            mine, irr = fast
        else:
            y = sympy.Symbol("y")
            p = sympy.Poly(_sympy({(a[k] - content[k],): c for a, c in g.items()}, [y]), y, domain="QQ")
            roots = sorted({r for r in sympy.real_roots(p) if 0 < r <= 1}, key=lambda r: sympy.N(r, 30))
            mine = sorted(Fraction(int(r.p), int(r.q)) for r in roots if r.is_Rational)
            irr = [sorted((int(a[0]), Fraction(int(c.p), int(c.q))) for a, c in f.monic().terms())
                   for f, _ in p.factor_list()[1] if f.degree() >= 2 and f.count_roots(0, 1) > 0]
        listed = proof.get("roots")
        _need(isinstance(listed, list), "roots is not a list")
        _need(sorted(_rational(x, "root") for x in listed) == mine,
              f"listed roots differ from the rational roots of g_J in (0, 1]: {[str(x) for x in mine]}")
        claimed = proof.get("irrational", [])
        _need(isinstance(claimed, list) and len(claimed) == len(irr), "irrational zeros are not all listed")
        for coeffs in irr:
            rec = [r for r in claimed if isinstance(r, dict) and
                   sorted((int(a), _rational(c, "m")) for a, c in r.get("m", [])) == coeffs]
            _need(len(rec) == 1, "an irreducible factor with roots in (0, 1] is not listed once")
    else:
        raise _Fail(f"unknown proof kind {str(kind)[:40]!r}")


def _chart(ch, node: _Node, where: str) -> tuple:
    """Checks 1-5 of one chart; returns its rays, vertex, lift, normalized volume and value."""
    d, K = node.d, node.K
    _need(isinstance(ch, dict), "chart is not an object")
    B = [_ints(row, d, f"B[{i}]") for i, row in enumerate(_list(_field(ch, "B"), d, "B"))]
    required = _strata(B)
    det = _det_int(B) if _FAST else int(sympy.Matrix(B).det(method="bareiss"))
    _need(det != 0, "det B = 0")
    vertex = tuple(_ints(_field(ch, "vertex"), d, "vertex"))
    lift = [_rational(v, "lift") for v in _list(_field(ch, "lift"), d, "lift")]
    N, e = _ints(_field(ch, "N"), d, "N"), _ints(_field(ch, "e"), d, "e")
    strict = _poly(_field(ch, "strict"), d, "strict")
    _need(_subst_monomial(K, B) == _times_monomial(strict, N), "K(y^B) != y^N * strict")
    for j in range(d):
        _need(e[j] == sum(B[i][j] * (node.e[i] + 1) for i in range(d)) - 1,
              f"e[{j}] != sum_i B[i][{j}] (e_i + 1) - 1")
    _need(vertex in K, f"vertex {list(vertex)} is not an exponent of K")
    for j in range(d):
        _need(sum(B[i][j] * vertex[i] for i in range(d)) == N[j], f"<v_{j}, vertex> != N[{j}]")
    strata, proved = _field(ch, "strata"), set()
    _need(isinstance(strata, list), "strata is not a list")
    for s in strata:
        _need(isinstance(s, dict), "stratum is not an object")
        J = _field(s, "J")
        _need(isinstance(J, list) and 0 < len(J) <= d, "stratum J is not a non-empty list")
        J = tuple(sorted(_ints(J, len(J), "stratum J", 0, d - 1)))
        _need(len(set(J)) == len(J) and J not in proved, f"stratum J={list(J)} is repeated")
        _located(f"{where} stratum J={list(J)}", _check_proof,
                 _restrict_zero(strict, J), J, d, _field(s, "proof"))
        proved.add(J)
    positive = [J for J in sorted(proved) if _is_positive_proof(strata, J)]
    for J in required:
        # a stratum inside the closure of a positively proved one: g_J is a restriction of that
        # g_J' (all coefficients positive, constant term = K's vertex coefficient), so positive too
        _need(J in proved or any(set(P) <= set(J) for P in positive), f"fiber stratum J={list(J)} is missing")
    value, rays = _ratio_value(N, e), [[B[i][j] for i in range(d)] for j in range(d)]
    value = _points(ch, node, strata, strict, N, e, value, where)
    _check_claim(ch, value, "the chart")
    return rays, vertex, lift, Fraction(abs(det), math.prod(map(sum, rays))), value


def _is_positive_proof(strata, J) -> bool:
    return any(isinstance(s, dict) and tuple(sorted(s.get("J", []))) == J
               and isinstance(s.get("proof"), dict) and s["proof"].get("kind") == "positive" for s in strata)


def _points(ch, node: _Node, strata, strict, N, e, value, where) -> tuple:
    """Zeros of the strict transform on a stratum with one free variable (proof ``zeros``).

    Near a zero ``p`` (``y_J = 0``, ``y_k = ρ``) the divisors not through ``p`` are units, so the
    local problem is ``y_J^{N_J} · strict(y_J, ρ + u)`` with exponents ``e_J`` and ``0`` for ``u``
    (chain rule, Lin 2011 Prop 4.6); ``u`` is two-sided, also for ``ρ = 1`` on the cube face: the
    extension past the face overlaps the neighbouring chart, harmless for min / max of positive
    integrands.  The chart's value is the min of its monomial value (the
    chart origin) and the values at the zeros.
    """
    d = node.d
    wanted = []
    for s in strata:
        if isinstance(s.get("proof"), dict) and s["proof"].get("kind") == "zeros":
            J = tuple(sorted(s["J"]))
            for r in s["proof"]["roots"]:
                wanted.append((J, ((s["proof"]["var"], _rational(r, "root")),)))
        if isinstance(s.get("proof"), dict) and s["proof"].get("kind") == "crossing":
            J = tuple(sorted(s["J"]))
            free = [k for k in range(d) if k not in J]
            for p in s["proof"]["points"]:
                wanted.append((J, tuple((k, _rational(x, "point")) for k, x in zip(free, p))))
            for f in s["proof"]["factors"]:
                ratios = [Fraction(e[j] + 1, N[j]) for j in J if N[j] > 0] + [Fraction(1, f["c"])]
                value = _min_value([value, (min(ratios), ratios.count(min(ratios)))])
    pts = ch.get("points", [])
    _need(isinstance(pts, list), "points is not a list")
    _need(len(pts) == len(wanted), "points do not match the zeros listed in the strata")
    values = [value]
    for s in strata:
        if isinstance(s.get("proof"), dict) and s["proof"].get("kind") == "smooth":
            J = tuple(sorted(s["J"]))
            c = s["proof"]["c"]
            ratios = [Fraction(e[j] + 1, N[j]) for j in J if N[j] > 0] + [Fraction(1, c)]
            values.append((min(ratios), ratios.count(min(ratios))))
    for s in strata:
        pr = s.get("proof") if isinstance(s, dict) else None
        if isinstance(pr, dict) and pr.get("kind") == "zeros":
            for rec in pr.get("irrational", []):
                m = {int(a): _rational(c, "m") for a, c in rec["m"]}
                if isinstance(rec, dict) and "coords" in rec:   # generators as coordinates, all roots at once
                    values.append(_located(f"{where} coordinates at irrational zeros", _coords_roots, strict,
                                           tuple(sorted(s["J"])), pr["var"], N, e, m, rec["coords"], d))
                elif isinstance(rec, dict) and "nf" in rec:   # number-field Newton–Puiseux (issue 3)
                    values.append(_located(f"{where} number-field zeros", _nf_rational_roots, strict,
                                           tuple(sorted(s["J"])), pr["var"], N, e, m, rec["nf"], d))
                else:
                    values.append(_madic(strict, tuple(sorted(s["J"])), pr["var"], N, e, m, d))
    for i, pt in enumerate(pts):
        _need(isinstance(pt, dict), f"point {i} is not an object")
        J = tuple(sorted(_ints(_field(pt, "J"), len(pt["J"]), "point J", 0, d - 1)))
        at = _field(pt, "at")
        if "var" in pt:
            at = {str(_int(pt["var"], "point var", 0, d - 1)): at}
        _need(isinstance(at, dict) and at, "point at is not a coordinate map")
        key = tuple(sorted((_int(int(k), "point coordinate", 0, d - 1), _rational(v, "point at"))
                           for k, v in at.items()))
        _need((J, key) in wanted, f"point {i} is not a listed zero")
        wanted.remove((J, key))
        moved = {k for k, _ in key}
        shift = [Fraction(0)] * d
        for k, v in key:
            shift[k] = v
        K = _translate(strict, shift)
        K = _times_monomial(K, [0 if i in moved else N[i] for i in range(d)])
        child = _node(_field(pt, "node"), f"{where}/point{i}", 1)
        _need(child.d == d and child.K == K, f"point {i}: child K != y_J^N_J * strict(translated)")
        _need(child.e == [0 if i in moved else e[i] for i in range(d)], f"point {i}: child e is wrong")
        _need(child.sides == ["two" if i in moved else "one" for i in range(d)],
              f"point {i}: child sides are wrong")
        values.append(child.value)
    return _min_value(values)


def _coords_roots(strict: dict, J: tuple, k: int, N, e, m: dict, rec, d: int) -> tuple:
    """Value at every real root ``ρ`` of ``m`` on the divisor ``y_j = 0`` (d = 2) from generators.

    ``strict == Σ w_i G_i²`` (``w_i > 0``), ``G_i == y_j^{μ_i} · F^{c_i} · unit_i``; ``m`` divides
    ``F(y_j = 0)``, and ``gcd(m, ∂_k F(y_j = 0)) = gcd(m, unit_i(y_j = 0)) = 1``.  So at every root
    ``F`` vanishes with ``∂_k F != 0`` and the ``unit_i`` do not vanish: ``(y_j, z = F)`` are local
    coordinates fixing ``y_j`` (prior and side unchanged, Jacobian a unit), the units drop (Lin
    2011 Cor 3.12), and the local problem ``y_j^{N_j} strict`` is ``≍`` the child
    ``Σ w_i y_j^{N_j + 2μ_i} z^{2c_i}`` (variables ``y_j, z``; ``e = (e_j, 0)``; sides one, two).
    """
    _need(d == 2 and len(J) == 1, "irrational zeros are supported in two variables only")
    _need(isinstance(rec, dict), "coords is not an object")
    j = J[0]
    ws, gs = _read_gens(_field(rec, "gens"), d)
    _need(_sum_squares(ws, gs) == strict, "strict != sum w_i G_i^2")
    F = _poly(_field(rec, "F"), d, "F")
    t = sympy.Symbol("t")
    M = sympy.Poly({(a,): sympy.Rational(c.numerator, c.denominator) for a, c in m.items()}, t, domain="QQ")

    def on_divisor(p: dict):
        terms = {(a[k],): sympy.Rational(c.numerator, c.denominator) for a, c in p.items() if a[j] == 0}
        return sympy.Poly(terms, t, domain="QQ") if terms else sympy.Poly(0, t, domain="QQ")

    def coprime(p: dict) -> bool:
        pj = on_divisor(p)
        return not pj.is_zero and sympy.gcd(M, pj).degree() == 0

    FJ = on_divisor(F)
    _need(not FJ.is_zero and FJ.rem(M).is_zero, "m does not divide F on the divisor")
    _need(coprime(_diff(F, k)), "F is not transversal to the divisor at a root of m")
    parts = _list(_field(rec, "parts"), len(gs), "parts")
    Kc: dict = {}
    for i, part in enumerate(parts):
        _need(isinstance(part, dict), f"part {i} is not an object")
        mu, c = _int(_field(part, "mu"), f"part {i} mu"), _int(_field(part, "c"), f"part {i} c")
        unit = _poly(_field(part, "unit"), d, f"part {i} unit")
        _need(coprime(unit), f"part {i}: unit vanishes at a root of m")
        prod = _times_monomial(unit, [mu if a == j else 0 for a in range(d)])
        if c:
            prod = _mul(prod, _pow(F, c, d))
        _need(prod == gs[i], f"generator {i} != y_j^mu * F^c * unit")
        a = (N[j] + 2 * mu, 2 * c)
        Kc[a] = Kc.get(a, Fraction(0)) + ws[i]
    child = _node(_field(rec, "node"), "coords", 1)
    _need(child.d == 2 and child.e == [e[j], 0] and child.sides == ["one", "two"],
          "child: variables (y_j, z), e = (e_j, 0), sides (one, two) expected")
    _need(child.K == _clean(Kc), "child K != sum w_i y_j^(N_j + 2 mu_i) z^(2 c_i)")
    return child.value


def _madic(strict: dict, J: tuple, k: int, N, e, m: dict, d: int) -> tuple:
    """Value at the real roots ``ρ`` of the irreducible ``m`` on the divisor ``y_j = 0`` (d = 2).

    In the coordinate ``u = m(y_k)`` (a unit Jacobian near ``ρ``) the Newton polygon of
    ``y_j^{N_j} strict`` has the points ``(i + N_j, k_i)``, ``k_i`` the least ``m``-adic order of
    the ``y_j^i`` coefficient, with coefficients ``c_i(ρ) != 0`` (degree below ``deg m``).  If no
    edge polynomial's norm ``Res_t(m, Σ c_i s^i)`` has a root where the edge could vanish, the
    value is Newton's ``(1/l, θ)`` for ``τ = (e_j + 1, 1)`` (Varchenko 1976; Lin 2011 Thm 4.15).
    """
    _need(d == 2 and len(J) == 1, "irrational zeros are supported in two variables only")
    j = J[0]
    t, s = sympy.symbols("t s")
    M = sympy.Poly({(a,): sympy.Rational(c.numerator, c.denominator) for a, c in m.items()}, t, domain="QQ")
    rows: dict = {}
    for a, c in strict.items():
        rows.setdefault(a[j], {})[a[k]] = c
    pts = {}
    for i, row in rows.items():
        p, order = sympy.Poly({(b,): sympy.Rational(c.numerator, c.denominator) for b, c in row.items()}, t,
                              domain="QQ"), 0
        while True:
            q, r = p.div(M)
            if not r.is_zero:
                pts[(i + N[j], order)] = r
                break
            p, order = q, order + 1
    best = {}
    for (x, y), c in pts.items():
        if x not in best or y < best[x][0]:
            best[x] = (y, c)
    pts = sorted((x, y) for x, (y, _) in best.items())
    hull = []   # lower convex hull, keep the part that descends (compact edges)
    for p in pts:
        while len(hull) >= 2 and (hull[-1][0] - hull[-2][0]) * (p[1] - hull[-2][1]) - \
                (hull[-1][1] - hull[-2][1]) * (p[0] - hull[-2][0]) <= 0:
            hull.pop()
        hull.append(p)
    low = [hull[0]]
    for p in hull[1:]:
        if p[1] < low[-1][1]:
            low.append(p)
    for (x0, y0), (x1, y1) in zip(low, low[1:]):
        g = math.gcd(x1 - x0, y0 - y1)
        dx, dy = (x1 - x0) // g, (y0 - y1) // g
        on = [(x, best[x][0]) for x in best if (x - x0) * (y0 - y1) == (y0 - best[x][0]) * (x1 - x0)
              and x0 <= x <= x1]
        edge = sum(best[x][1].as_expr() * s ** ((x - x0) // dx) for x, _ in on)
        norm = sympy.Poly(sympy.resultant(M.as_expr(), edge, t), s, domain="QQ")
        _need(not norm.is_zero, "edge norm vanishes")
        _need(norm.count_roots(0, None) == 0, "an edge polynomial may vanish at an irrational zero (u > 0)")
        _need(dy % 2 == 0 or norm.count_roots(None, 0) == 0, "an edge polynomial may vanish (u < 0)")
    tau = (e[j] + 1, 1)
    facets = [((1, 0), low[0][0]), ((0, 1), low[-1][1])]
    for (x0, y0), (x1, y1) in zip(low, low[1:]):
        v = (y0 - y1, x1 - x0)
        facets.append((v, v[0] * x0 + v[1] * y0))
    l = max(Fraction(n, v[0] * tau[0] + v[1] * tau[1]) for v, n in facets)
    tight = [v for v, n in facets if l * (v[0] * tau[0] + v[1] * tau[1]) == n]
    return 1 / l, (1 if len(tight) == 1 else 2)


# ---------------------------------------------------------------- number-field nodes (issue 3)
# Real number fields Q(γ) = Q[t]/(M), γ the only root of M in (lo, hi), with the checker's own
# arithmetic: elements are sympy dense lists (high -> low) over QQ reduced mod M; zero tests are
# exact, non-zero signs come from rational interval Horner on bisected isolating intervals.

_NF_MAX_DEG = 200
_NF_FIELDS: dict = {}


class _NF:
    def __init__(self, M: list, lo: Fraction, hi: Fraction):
        self.M, self.lo, self.hi, self.deg = M, lo, hi, len(M) - 1
        self.s_lo = self.msign(lo)

    def msign(self, x: Fraction) -> int:
        v = Fraction(0)
        for c in self.M:
            v = v * x + Fraction(int(c.numerator), int(c.denominator))
        return (v > 0) - (v < 0)

    def red(self, a: list) -> list:
        from sympy.polys.densearith import dup_rem

        return dup_rem(a, self.M, sympy.QQ)

    def mul(self, a: list, b: list) -> list:
        from sympy.polys.densearith import dup_mul

        return self.red(dup_mul(a, b, sympy.QQ))

    def inv(self, a: list) -> list:
        from sympy.polys.euclidtools import dup_invert

        return dup_invert(a, self.M, sympy.QQ)

    def refine(self) -> None:
        mid = (self.lo + self.hi) / 2
        s = self.msign(mid)
        if s == 0:
            self.lo = self.hi = mid
        elif s == self.s_lo:
            self.lo = mid
        else:
            self.hi = mid

    def enclose(self, a: list) -> tuple:
        lo, hi, acc = self.lo, self.hi, (Fraction(0), Fraction(0))
        for c in a:
            c = Fraction(int(c.numerator), int(c.denominator))
            ps = [acc[0] * lo, acc[0] * hi, acc[1] * lo, acc[1] * hi]
            acc = (min(ps) + c, max(ps) + c)
        return acc

    def sign(self, a: list) -> int:
        a = self.red(a)
        if not a:
            return 0
        for _ in range(3000):
            lo, hi = self.enclose(a)
            if lo > 0:
                return 1
            if hi < 0:
                return -1
            self.refine()
        raise _Fail("cannot decide the sign of a number-field element")


def _nf_field(raw) -> _NF:
    """``{"m": [c_0, …, 1], "interval": [lo, hi]}``: ``M`` monic irreducible over Q, and exactly
    one real root of ``M`` in ``[lo, hi]`` (none at the ends)."""
    _need(isinstance(raw, dict), "field is not an object")
    m = [_rational(c, "field m") for c in _list(_field(raw, "m"), len(raw.get("m") or []), "field m")]
    _need(2 <= len(m) <= _NF_MAX_DEG + 1 and m[-1] == 1, "field m is not a monic polynomial of degree 1..200")
    lo, hi = (_rational(x, "field interval") for x in _list(_field(raw, "interval"), 2, "field interval"))
    key = (tuple(m), lo, hi)
    if key not in _NF_FIELDS:
        t = sympy.Symbol("t")
        P = sympy.Poly([sympy.Rational(c.numerator, c.denominator) for c in reversed(m)], t, domain="QQ")
        _need(P.is_irreducible, "field m is not irreducible over Q")
        _need(lo < hi and P.eval(sympy.Rational(lo.numerator, lo.denominator)) != 0
              and P.eval(sympy.Rational(hi.numerator, hi.denominator)) != 0, "field interval is bad")
        _need(P.count_roots(sympy.Rational(lo.numerator, lo.denominator),
                            sympy.Rational(hi.numerator, hi.denominator)) == 1,
              "field interval does not isolate exactly one root")
        _NF_FIELDS[key] = _NF([sympy.QQ(c.numerator, c.denominator) for c in reversed(m)], lo, hi)
    return _NF_FIELDS[key]


def _nf_elem(raw, F: _NF, what: str) -> list:
    _need(isinstance(raw, list) and len(raw) <= F.deg, f"{what} is not a list of <= deg m rationals")
    from sympy.polys.densebasic import dup_strip

    a = dup_strip([sympy.QQ(c.numerator, c.denominator) for c in (_rational(x, what) for x in reversed(raw))])
    return F.red(a)


def _nf_poly(raw, d: int, F: _NF, what: str) -> dict:
    _need(isinstance(raw, list) and len(raw) <= MAX_TERMS, f"{what} is not a list of terms")
    out = {}
    for term in raw:
        _need(isinstance(term, list) and len(term) == 2, f"{what}: a term is not [exponents, coefficient]")
        a = tuple(_ints(term[0], d, f"{what} exponent"))
        _need(a not in out, f"{what}: repeated exponent")
        c = _nf_elem(term[1], F, f"{what} coefficient")
        _need(bool(c), f"{what}: zero coefficient")
        out[a] = c
    return out


def _nf_add_into(r: dict, a, c: list) -> None:
    from sympy.polys.densearith import dup_add

    v = dup_add(r.get(a, []), c, sympy.QQ)
    if v:
        r[a] = v
    else:
        r.pop(a, None)


def _nf_mul(F: _NF, p: dict, q: dict) -> dict:
    _need(len(p) * len(q) <= MAX_PRODUCT // 10, "number-field product too large to check")
    r = {}
    for a, c in p.items():
        for b, e in q.items():
            _nf_add_into(r, tuple(i + j for i, j in zip(a, b)), F.mul(c, e))
    return r


def _nf_pow(F: _NF, p: dict, k: int, d: int) -> dict:
    _need(k <= MAX_EXP, "power too large")
    r = {(0,) * d: [sympy.QQ(1)]}
    for _ in range(k):
        r = _nf_mul(F, r, p)
    return r


def _nf_translate(F: _NF, p: dict, k: int, rho: list) -> dict:
    """``p(y_k -> rho + y_k)``."""
    from sympy.polys.densearith import dup_mul_ground

    top = max((a[k] for a in p), default=0)
    _need(top * len(p) <= MAX_TERMS, "translation too large to check")
    pw = [[sympy.QQ(1)]]
    for _ in range(top):
        pw.append(F.mul(pw[-1], rho))
    r = {}
    for a, c in p.items():
        for i in range(a[k] + 1):
            b = a[:k] + (i,) + a[k + 1:]
            _nf_add_into(r, b, F.mul(c, dup_mul_ground(pw[a[k] - i], sympy.QQ(math.comb(a[k], i)), sympy.QQ)))
    return r


def _nf_compose(L: _NF, c: list, A: list) -> list:
    """``c(A)`` in ``L`` (``c`` a polynomial in the parent generator, ``A`` its image in ``L``)."""
    from sympy.polys.densearith import dup_add

    acc = []
    for x in c:
        acc = dup_add(L.mul(acc, A), [x] if x else [], sympy.QQ)
    return L.red(acc)


def _nf_sign_at(F: _NF, p: list, x: Fraction) -> int:
    """Sign of ``p(x)`` for ``p`` in ``F[s]`` (list low -> high of elements) and rational ``x``."""
    from sympy.polys.densearith import dup_add, dup_mul_ground

    acc = []
    for c in reversed(p):
        acc = dup_add(dup_mul_ground(acc, sympy.QQ(x.numerator, x.denominator), sympy.QQ), c, sympy.QQ)
    return F.sign(acc)


def _nf_sturm_count(F: _NF, p: list) -> int:
    """Distinct real roots of ``p`` (list low -> high over ``F``, ``p(0) != 0``) in ``(0, 1]``."""
    from sympy.polys.densearith import dup_mul_ground, dup_neg, dup_sub

    def trim(q):
        q = list(q)
        while q and not q[-1]:
            q.pop()
        return q

    def rem(a, b):
        a, inv = list(a), F.inv(b[-1])
        while len(a) >= len(b):
            c = F.mul(a[-1], inv)
            s = len(a) - len(b)
            for i, bc in enumerate(b):
                a[s + i] = F.red(dup_sub(a[s + i], F.mul(c, bc), sympy.QQ))
            a = trim(a)
            if not a:
                break
        return a

    seq = [trim(p), trim([dup_mul_ground(p[i], sympy.QQ(i), sympy.QQ) for i in range(1, len(p))])]
    while seq[-1]:
        _need(len(seq) <= 2 * _NF_MAX_DEG, "Sturm sequence too long")
        seq.append([dup_neg(c, sympy.QQ) for c in rem(seq[-2], seq[-1])])
    seq = [q for q in seq if q]

    def variations(x):
        s = [v for v in (_nf_sign_at(F, q, x) for q in seq) if v]
        return sum(1 for a, b in zip(s, s[1:]) if a != b)

    return variations(Fraction(0)) - variations(Fraction(1))


def _nf_same_field(raw, F: _NF, where: str) -> None:
    G = _nf_field(_field(raw, "field"))
    _need(G is F, f"{where}: the node's field is not the expected one")


def _nf_node(raw, F: _NF, K: dict, e: list, sides: list, depth: int, where: str) -> tuple:
    """Check a number-field node whose ``K``, ``e``, ``sides`` the parent expects; its value."""
    _need(depth <= MAX_DEPTH, "nodes nested too deeply")
    _need(isinstance(raw, dict), f"{where} is not an object")
    d = len(e)

    def body():
        _nf_same_field(raw, F, "node")
        _need(_nf_poly(_field(raw, "K"), d, F, "K") == K, "K is not the expected polynomial")
        _need(_ints(_field(raw, "e"), d, "e") == list(e), "e is not the expected one")
        _need(_list(_field(raw, "sides"), d, "sides") == list(sides), "sides are not the expected ones")
        rule = raw.get("rule")
        if rule == "nf-monomial":
            value = _nf_monomial(raw, F, K, e, sides, d)
        elif rule == "nf-smooth":
            value = _nf_smooth(raw, F, K, e, sides, d)
        elif rule == "nf-split":
            value = _nf_split(raw, F, K, e, sides, d, depth, where)
        elif rule == "nf-toric":
            value = _nf_toric(raw, F, K, e, sides, d, depth, where)
        else:
            raise _Fail(f"unknown number-field rule {str(rule)[:40]!r}")
        _check_claim(raw, value, "the node")
        return value

    nid = raw.get("id") if isinstance(raw.get("id"), str) else "?"
    return _located(f"{where} node {nid}", body)


def _nf_times_monomial(p: dict, N) -> dict:
    return {tuple(a + n for a, n in zip(x, N)): c for x, c in p.items()}


def _nf_monomial(raw, F, K, e, sides, d) -> tuple:
    """``K = y^N · unit``, ``unit(0) > 0``, ``N_j`` even where two-sided: normal crossing (T1)."""
    N = _ints(_field(raw, "N"), d, "N")
    unit = _nf_poly(_field(raw, "unit"), d, F, "unit")
    _need(_nf_times_monomial(unit, N) == K, "K != y^N * unit")
    _need(F.sign(unit.get((0,) * d, [])) > 0, "unit(0) is not positive")
    _need(all(n % 2 == 0 for n, s in zip(N, sides) if s == "two"), "odd N on a two-sided variable")
    return _ratio_value(N, e)


def _nf_smooth(raw, F, K, e, sides, d) -> tuple:
    """Rule (S): ``K = y^N f^c q``, ``c`` even, ``f(0) = 0``, ``q(0) > 0``, and ``∂f/∂y_k (0) != 0`` for
    some ``k`` that is two-sided with ``N_k = e_k = 0`` (so ``f`` replaces ``y_k`` as a coordinate
    and the divisors ``y_j``, ``j != k``, with ``f = 0`` cross normally)."""
    N = _ints(_field(raw, "N"), d, "N")
    f = _nf_poly(_field(raw, "f"), d, F, "f")
    q = _nf_poly(_field(raw, "q"), d, F, "q")
    c = _int(_field(raw, "c"), "c", 2, 200)
    _need(c % 2 == 0, "c is odd")
    _need(_nf_times_monomial(_nf_mul(F, _nf_pow(F, f, c, d), q), N) == K, "K != y^N f^c q")
    _need((0,) * d not in f, "f(0) != 0")
    _need(F.sign(q.get((0,) * d, [])) > 0, "q(0) is not positive")
    _need(all(n % 2 == 0 for n, s in zip(N, sides) if s == "two"), "odd N on a two-sided variable")
    S = {j for j in range(d) if sides[j] == "one" or N[j] > 0 or e[j] > 0}
    _need(any(tuple(int(i == k) for i in range(d)) in f for k in range(d) if k not in S),
          "df(0) is dependent on the divisors' differentials")
    ratios = [Fraction(e[j] + 1, N[j]) for j in range(d) if N[j] > 0] + [Fraction(1, c)]
    return min(ratios), ratios.count(min(ratios))


def _nf_split(raw, F, K, e, sides, d, depth, where) -> tuple:
    two = [i for i in range(d) if sides[i] == "two"]
    children = _field(raw, "children")
    _need(isinstance(children, list) and len(children) == 2 ** len(two), "children are not one per sign pattern")
    seen, values = set(), []
    for i, ch in enumerate(children):
        _need(isinstance(ch, dict), "child is not an object")
        s = _list(_field(ch, "signs"), d, "signs")
        _need(all(x in (1, -1) for x in s) and all(s[j] == 1 for j in range(d) if j not in two), "bad signs")
        _need(tuple(s) not in seen, "repeated sign pattern")
        seen.add(tuple(s))
        flipped = {a: ([sympy.QQ(-1) * x for x in c] if sum(a[j] for j in range(d) if s[j] < 0) % 2 else c)
                   for a, c in K.items()}
        values.append(_nf_node(_field(ch, "node"), F, flipped, e, ["one"] * d, depth + 1, f"{where}/split{i}"))
    return _min_value(values)


def _nf_toric(raw, F, K, e, sides, d, depth, where) -> tuple:
    """Two variables, one-sided: charts between consecutive rays ``(1,0) = r_0, …, r_n = (0,1)``
    (increasing angle, so the cones tile the quadrant and the charts' unit squares tile
    ``(0,1]^2``); per chart ``K(y^B) = y^N strict``, ``e`` from ``B``, and every fiber stratum
    proved zero-free (``positive``) or its zeros listed (``nf-roots``, one child per root)."""
    _need(d == 2 and all(s == "one" for s in sides), "nf-toric needs two one-sided variables")
    charts = _field(raw, "charts")
    _need(isinstance(charts, list) and charts, "charts is not a non-empty list")
    values, prev = [], (1, 0)
    for n, ch in enumerate(charts):
        w = f"{where}/chart{n}"
        _need(isinstance(ch, dict), "chart is not an object")
        B = [_ints(row, 2, "B row", 0) for row in _list(_field(ch, "B"), 2, "B")]
        r0, r1 = (B[0][0], B[1][0]), (B[0][1], B[1][1])
        _need(r0 == prev, f"{w}: rays do not continue the previous chart")
        _need(r0[0] * r1[1] - r0[1] * r1[0] > 0, f"{w}: rays not in increasing angle")
        prev = r1
        N, ce = _ints(_field(ch, "N"), 2, "N"), _ints(_field(ch, "e"), 2, "e")
        for j in range(2):
            _need(ce[j] == sum(B[i][j] * (e[i] + 1) for i in range(2)) - 1, f"{w}: e is wrong")
        strict = _nf_poly(_field(ch, "strict"), 2, F, "strict")
        mapped = {}
        for a, c in K.items():
            b = tuple(sum(B[i][j] * a[i] for i in range(2)) for j in range(2))
            _need(b not in mapped, "monomial map collision")
            mapped[b] = c
        _need(mapped == _nf_times_monomial(strict, N), f"{w}: K(y^B) != y^N * strict")
        required = [(0, 1)] + [(j,) for j in range(2) if B[0][j] > 0 and B[1][j] > 0]
        strata = _field(ch, "strata")
        _need(isinstance(strata, list) and len(strata) == len(required), f"{w}: strata are not the fiber's")
        vals = [_ratio_value(N, ce)]
        got = set()
        for s in strata:
            _need(isinstance(s, dict), "stratum is not an object")
            J = tuple(sorted(_ints(_field(s, "J"), len(s.get("J") or []), "J", 0, 1)))
            _need(J in required and J not in got, f"{w}: stratum {list(J)} is not a fiber stratum or repeated")
            got.add(J)
            g = _restrict_zero(strict, J)
            pr = _field(s, "proof")
            _need(isinstance(pr, dict), "proof is not an object")
            if pr.get("kind") == "positive":
                _need(g and all(F.sign(c) > 0 for c in g.values()), f"{w}: g_J has a non-positive coefficient")
            elif pr.get("kind") == "nf-roots":
                _need(len(J) == 1, "nf-roots on a stratum without a free variable")
                vals += _nf_roots(pr, F, strict, J[0], N, ce, depth, f"{w}/J{list(J)}")
            else:
                raise _Fail(f"{w}: unknown stratum proof {str(pr.get('kind'))[:40]!r}")
        value = _min_value(vals)
        _located(w, _check_claim, ch, value, "the chart")
        values.append(value)
    _need(prev == (0, 1), f"{where}: the last ray is not (0, 1)")
    return _min_value(values)


def _nf_roots(pr, F: _NF, strict: dict, j: int, N, e, depth, where) -> list:
    """The zeros of ``g = strict|_{y_j=0}`` with ``y_k ∈ (0, 1]``: their number is the Sturm count
    over ``F``; each listed zero ``β`` lives in a field ``L`` with ``γ_F = A(γ_L)`` (checked:
    ``M_F(A) = 0`` in ``L`` and ``A(γ_L)`` in ``γ_F``'s interval), is a root of ``g`` in ``(0, 1]`` and
    differs from the others; its child is ``y_j^{N_j} strict(y_k -> β + y_k)`` over ``L`` (``y_k``
    two-sided, exponent 0: ``y_k^{N_k}`` and ``y_k^{e_k}`` are units at ``β > 0``)."""
    k = 1 - j
    _need(_int(_field(pr, "var"), "var", 0, 1) == k, "var is not the free variable")
    g = _restrict_zero(strict, (j,))
    _need(bool(g), "g_J is zero")
    low = min(a[k] for a in g)
    p = [[] for _ in range(max(a[k] for a in g) - low + 1)]
    for a, c in g.items():
        p[a[k] - low] = c
    count = _nf_sturm_count(F, p)
    points = _field(pr, "points")
    _need(isinstance(points, list) and len(points) == count,
          f"{where}: {count} distinct root(s) in (0, 1] but {len(points) if isinstance(points, list) else '?'} listed")
    encl, values = [], []
    for i, pt in enumerate(points):
        w = f"{where}/point{i}"
        _need(isinstance(pt, dict), "point is not an object")
        L = _nf_field(_field(pt, "field"))
        A = _nf_elem(_field(pt, "embed"), L, "embed")
        _need(not _nf_compose(L, F.M, A), f"{w}: embed is not a root of the parent field's m")
        Lc, flo, fhi = _NF(L.M, L.lo, L.hi), F.lo, F.hi   # a copy: L may be F itself
        for _ in range(3000):
            a, b = Lc.enclose(A)
            if flo < a and b < fhi:
                break
            _need(not (b < flo or a > fhi), f"{w}: embed is another conjugate")
            Lc.refine()
        else:
            raise _Fail(f"{w}: cannot place embed in the parent field's interval")
        beta = _nf_elem(_field(pt, "at"), L, "at")
        from sympy.polys.densearith import dup_sub

        pA = [_nf_compose(L, c, A) for c in p]
        _need(_nf_sign_at_elem(L, pA, beta) == 0, f"{w}: at is not a root of g_J")
        _need(L.sign(beta) > 0 and L.sign(dup_sub([sympy.QQ(1)], beta, sympy.QQ)) >= 0, f"{w}: at is not in (0, 1]")
        encl.append((L, beta))
        Nn, en = list(N), list(e)
        Nn[k], en[k] = 0, 0
        Kc = {a: _nf_compose(L, c, A) for a, c in strict.items()}
        Kc = _nf_times_monomial(_nf_translate(L, Kc, k, beta), [Nn[0], Nn[1]])
        sides = ["one", "one"]
        sides[k] = "two"
        _nf_same_field(_field(pt, "node"), L, w)
        values.append(_nf_node(_field(pt, "node"), L, Kc, en, sides, depth + 1, w))
    for (L1, b1), (L2, b2) in combinations(encl, 2):   # pairwise distinct (disjoint enclosures)
        for _ in range(3000):
            x1, y1 = L1.enclose(b1)
            x2, y2 = L2.enclose(b2)
            if y1 < x2 or y2 < x1:
                break
            L1.refine()
            L2.refine()
        else:
            raise _Fail(f"{where}: two listed roots are not shown to differ")
    return values


def _nf_sign_at_elem(L: _NF, p: list, x: list) -> int:
    """Sign of ``p(x)`` for ``p`` in ``L[s]`` (low -> high) and ``x`` in ``L``."""
    from sympy.polys.densearith import dup_add

    acc = []
    for c in reversed(p):
        acc = dup_add(L.mul(acc, x), c, sympy.QQ)
    return L.sign(acc)


def _nf_rational_roots(strict: dict, J: tuple, k: int, N, e, m: dict, recs, d: int) -> tuple:
    """A rational chart's zeros at the real roots ``γ ∈ (0, 1)`` of the irreducible ``m`` on the
    divisor ``y_j = 0``: ``recs`` has one ``{"interval", "node"}`` per root (disjoint isolating
    intervals inside ``[0, 1]``, as many as ``m`` has roots there); the node is
    ``y_j^{N_j} strict(y_k -> γ + y_k)`` over ``Q(γ)``, ``y_j`` one-sided, ``y_k`` two-sided."""
    _need(d == 2 and len(J) == 1, "number-field zeros are supported in two variables only")
    j = J[0]
    _need(isinstance(recs, list) and recs, "nf is not a non-empty list")
    t = sympy.Symbol("t")
    coeffs = [m.get(i, Fraction(0)) for i in range(max(m) + 1)]
    P = sympy.Poly([sympy.Rational(c.numerator, c.denominator) for c in reversed(coeffs)], t, domain="QQ")
    _need(P.count_roots(0, 1) == len(recs), "nf: not one record per root of m in (0, 1]")
    ivs, values = [], []
    for i, rec in enumerate(recs):
        _need(isinstance(rec, dict), "nf record is not an object")
        iv = [_rational(x, "interval") for x in _list(_field(rec, "interval"), 2, "interval")]
        _need(0 <= iv[0] < iv[1] <= 1, "nf interval is not inside [0, 1]")
        F = _nf_field({"m": [str(c) for c in coeffs], "interval": [str(x) for x in iv]})
        ivs.append(iv)
        K = {a: F.red([sympy.QQ(c.numerator, c.denominator)]) for a, c in strict.items()}
        K = _nf_translate(F, K, k, [sympy.QQ(1), sympy.QQ(0)])
        NN = [0, 0]
        NN[j] = N[j]
        K = _nf_times_monomial(K, NN)
        ee, sides = [0, 0], ["two", "two"]
        ee[j], sides[j] = e[j], "one"
        values.append(_nf_node(_field(rec, "node"), F, K, ee, sides, 1, f"nf{i}"))
    ivs.sort()
    _need(all(a[1] <= b[0] for a, b in zip(ivs, ivs[1:])), "nf intervals overlap")
    return _min_value(values)


def _blowup_tree(charts, d: int) -> None:
    r"""Charts given by blow-up paths ``[I_0, i_0, I_1, i_1, ...]`` (centre ``I`` a set of at least
    two coordinates, chart ``i ∈ I``: ``z_k = y_k y_i`` for ``k ∈ I \ {i}``).  Each path must give the
    chart's ``B``; the paths must be the leaves of a complete tree: below every internal node one
    centre, and one child per ``i ∈ I``.  The charts of one blow-up tile the cube ``(0, 1]^d``
    (chart ``i`` is where ``z_i`` is the largest of ``z_k, k ∈ I``), so the leaves tile it too."""
    seqs = []
    for c, ch in enumerate(charts):
        path = ch["path"]
        _need(isinstance(path, list) and len(path) % 2 == 0, f"chart {c}: path is not a list of (centre, i)")
        B = [[int(a == b) for b in range(d)] for a in range(d)]
        steps = []
        for t in range(0, len(path), 2):
            I = path[t]
            _need(isinstance(I, list) and len(I) >= 2 and len(set(I)) == len(I), f"chart {c}: bad centre")
            I = tuple(sorted(_int(x, "centre", 0, d - 1) for x in I))
            i = _int(path[t + 1], "chart index", 0, d - 1)
            _need(i in I, f"chart {c}: chart index not in the centre")
            B = [[B[r][j] + (sum(B[r][k] for k in I if k != i) if j == i else 0) for j in range(d)] for r in range(d)]
            steps.append((I, i))
        _need(B == ch["B"], f"chart {c}: B is not the product of its blow-ups")
        seqs.append(tuple(steps))
    _need(len(set(seqs)) == len(seqs), "two charts have the same path")
    leaves = set(seqs)
    internal: dict = {}
    for q in seqs:
        for t in range(len(q)):
            internal.setdefault(q[:t], set()).add(q[t])
    for prefix, kids in internal.items():
        _need(prefix not in leaves, "a chart's path is a prefix of another's")
        centres = {I for I, _ in kids}
        _need(len(centres) == 1, "two centres below one node of the blow-up tree")
        I = next(iter(centres))
        _need({i for _, i in kids} == set(I), "a blow-up is missing a chart")
    _need(internal or seqs == [()], "blow-up tree is empty")


def _separated(c, rays_s, rays_t) -> bool:
    """``c != 0``, ``c·v >= 0`` on the rays of σ and ``<= 0`` on those of τ."""
    dot = lambda v: sum(a * b for a, b in zip(c, v))  # noqa: E731
    return any(c) and all(dot(v) >= 0 for v in rays_s) and all(dot(v) <= 0 for v in rays_t)


def _rule_toric(raw, node: _Node, nid, depth) -> tuple:
    """Simplicial cones refining the normal fan (Varchenko 1976; Lin 2011 §4.2, Lemma 5.10).

    Per chart, ``K(y^B) = y^N · strict`` with ``strict`` non-zero on the whole fiber over the origin
    (every stratum proved) is normal crossing near the fiber, with exponents ``e`` of prior ×
    Jacobian; the vertex check puts the cone in the vertex's normal cone.  The volume identity and
    pairwise separation (disjoint interiors) make the charts tile the orthant up to measure zero,
    so the zeta function is the sum over charts: min of the chart values.
    """
    _need(all(s == "one" for s in node.sides), "toric needs every side 'one'")
    charts = _field(raw, "charts")
    _need(isinstance(charts, list) and charts, "charts is not a non-empty list")
    done = [_located(f"node {nid} chart {c}", _chart, ch, node, f"node {nid} chart {c}")
            for c, ch in enumerate(charts)]
    if all(isinstance(ch, dict) and "path" in ch for ch in charts):
        _blowup_tree(charts, node.d)   # iterated blow-ups tile the cube exactly
        return _min_value([x[4] for x in done])
    volume = sum(x[3] for x in done)
    _need(volume == 1, f"cone volumes sum to {volume}, not 1")
    for (a, s), (b, t) in combinations(enumerate(done), 2):
        by_vertex = [vt - vs for vs, vt in zip(s[1], t[1])]
        by_lift = [ls - lt for ls, lt in zip(s[2], t[2])]
        _need(_separated(by_vertex, s[0], t[0]) or _separated(by_lift, s[0], t[0]),
              f"charts {a} and {b} are not separated by vertex or lift")
    return _min_value([x[4] for x in done])


def _parts(raw, node: _Node, nid, depth, key: str) -> list:
    """Children on disjoint variable sets, as ``(child, child K embedded)`` pairs."""
    parts = _field(raw, key)
    _need(isinstance(parts, list) and parts, f"{key} is not a non-empty list")
    used, out = set(), []
    for i, part in enumerate(parts):
        _need(isinstance(part, dict), f"{key} {i} is not an object")
        idx = _field(part, "vars")
        _need(isinstance(idx, list) and 0 < len(idx) <= node.d, f"{key} {i} vars is not a non-empty list")
        idx = _ints(idx, len(idx), f"{key} {i} vars", 0, node.d - 1)
        _need(len(set(idx)) == len(idx) and not used & set(idx), f"{key} {i} variables overlap")
        used |= set(idx)
        child = _child(_field(part, "node"), node, f"{nid}/{i}", depth, idx)
        out.append((child, _embed(child.K, idx, node.d)))
    return out


def _rule_sum(raw, node: _Node, nid, depth) -> tuple:
    """``K = Σ K_i`` in disjoint variables: ``λ = Σ λ_i``, ``m = Σ m_i - (k-1)`` (Lin 2011 Prop 4.5).

    Beyond the spec, every part must have a non-negative constant term: with ``K >= 0`` this
    makes each ``K_i(x_i) = K(x_i, 0) >= 0`` when ``K(0) = 0`` (otherwise e.g. ``(1 + x^2) +
    (-1 + y^2)`` would "prove" λ = inf for ``x^2 + y^2``).
    """
    parts, total = _parts(raw, node, nid, depth, "parts"), {}
    for i, (child, k) in enumerate(parts):
        _need(_const(child.K, child.d) >= 0, f"part {i} has a negative constant term")
        for a, c in k.items():  # disjoint variables: only the constant terms can meet
            total[a] = total.get(a, 0) + c
    _need(_clean(total) == node.K, "K != sum of parts")
    values = [child.value for child, _ in parts]
    if any(lam == INF for lam, _ in values):
        return INF, 0
    return sum(l for l, _ in values), sum(m for _, m in values) - (len(values) - 1)


def _rule_product(raw, node: _Node, nid, depth) -> tuple:
    """``K = c · Π K_i``, ``c > 0``, disjoint variables: ``ζ = Π ζ_i`` (Lin 2011 Prop 4.5)."""
    c = _rational(_field(raw, "c"), "c")
    _need(c > 0, "c is not positive")
    factors, prod = _parts(raw, node, nid, depth, "factors"), {(0,) * node.d: c}
    for _, k in factors:
        prod = _mul(prod, k)
    _need(prod == node.K, "K != c * product of factors")
    lam = min(child.value[0] for child, _ in factors)
    return lam, (0 if lam == INF else sum(ch.value[1] for ch, _ in factors if ch.value[0] == lam))


def _rule_shear(raw, node: _Node, nid, depth) -> tuple:
    """A linear change of coordinates ``w = A y`` with ``A`` an integer matrix of determinant
    ``±1``: the child is ``K(A y)``.  The Jacobian is 1 and a prior that is a unit at the point
    stays one, so with every ``e = 0`` and every side two-sided the value is the child's."""
    d = node.d
    A = _field(raw, "matrix")
    _need(isinstance(A, list) and len(A) == d and all(isinstance(r, list) and len(r) == d for r in A),
          "matrix is not d x d")
    A = [[_int(x, "matrix entry", -10_000, 10_000) for x in r] for r in A]
    _need(not any(node.e) and all(s == "two" for s in node.sides),
          "a linear change of coordinates needs e = 0 and two-sided variables")
    _need(abs(_det_int(A) if _FAST else sympy.Matrix(A).det()) == 1, "matrix does not have determinant +-1")
    rows = [{tuple(int(k == j) for k in range(d)): Fraction(A[i][j]) for j in range(d) if A[i][j]} for i in range(d)]
    image: dict = {}
    for a, c in node.K.items():
        term = {(0,) * d: c}
        for i, k in enumerate(a):
            if k:
                term = _mul(term, _pow(rows[i], k, d))
        for b, v in term.items():
            image[b] = image.get(b, Fraction(0)) + v
    child = _child(_field(raw, "node"), node, f"{nid}/shear", depth)
    _need(child.K == _clean(image), "child K != K(A y)")
    return child.value


def _rule_unit(raw, node: _Node, nid, depth) -> tuple:
    """``K = unit · K'`` with ``unit(0) > 0``: same ``(λ, m)`` (comparison, Lin 2011 Cor 3.12)."""
    unit = _poly(_field(raw, "unit"), node.d, "unit")
    _need(_const(unit, node.d) > 0, "unit has no positive constant term")
    child = _child(_field(raw, "node"), node, f"{nid}/0", depth)
    _need(_mul(unit, child.K) == node.K, "K != unit * child K")
    return child.value


def _rule_power(raw, node: _Node, nid, depth) -> tuple:
    """``K = H^k`` gives ``ζ_K(z) = ζ_H(kz)``: ``(λ/k, m)``; for even ``k``, ``H = G^2 >= 0``.

    Beyond the spec, the child's ``e`` and ``sides`` must be the parent's (same measure).
    """
    k = _int(_field(raw, "k"), "k", 2)
    child = _child(_field(raw, "node"), node, f"{nid}/0", depth)
    _need(_pow(child.K, k, node.d) == node.K, f"K != child K ** {k}")
    if k % 2 == 0:
        G = _poly(_field(raw, "square_of"), node.d, "square_of")
        _need(_mul(G, G) == child.K, "child K != square_of ** 2")
    return child.value[0] / k, child.value[1]


def _rule_smooth(raw, node: _Node, nid, depth) -> tuple:
    """Rule (S): ``K = y^N · Π f_k^{c_k} · unit`` with ``f_k(0) = 0``, ``c_k`` even, ``unit(0) > 0``,
    and the differentials of ``y_j`` (``j`` one-sided, ``N_j > 0`` or ``e_j > 0``) and of the
    ``f_k`` linearly independent at 0: then ``(y_J', f, z)`` are local coordinates in which the
    problem is a normal crossing (implicit function theorem + Lin 2011 Prop 3.7)."""
    d = node.d
    N = _ints(_field(raw, "N"), d, "N")
    facs = _field(raw, "factors")
    _need(isinstance(facs, list) and facs, "factors is not a non-empty list")
    unit = _poly(_field(raw, "unit"), d, "unit")
    _need(_const(unit, d) > 0, "unit has no positive constant term")
    prod, rows, ratios = _times_monomial(unit, N), [], []
    div = [j for j in range(d) if node.sides[j] == "one" or N[j] > 0 or node.e[j] > 0]
    for j in range(d):
        _need(node.sides[j] == "one" or N[j] % 2 == 0, f"N[{j}] is odd on a two-sided variable")
    for i, fc in enumerate(facs):
        _need(isinstance(fc, dict), f"factor {i} is not an object")
        f = _poly(_field(fc, "f"), d, f"factor {i}")
        c = _int(_field(fc, "c"), f"factor {i} c", 2)
        _need(c % 2 == 0, f"factor {i}: c is odd")
        _need(_const(f, d) == 0, f"factor {i} does not vanish at 0")
        rows.append([f.get(tuple(int(a == j) for a in range(d)), Fraction(0)) for j in range(d)])
        prod = _mul(prod, _pow(f, c, d))
        ratios.append(Fraction(1, c))
    _need(prod == node.K, "K != y^N * prod f^c * unit")
    rows += [[Fraction(int(a == j)) for a in range(d)] for j in div]
    _need((_rank(rows) if _FAST else sympy.Matrix(rows).rank()) == len(rows),
          "differentials of the factors and divisors are dependent")
    ratios += [Fraction(node.e[j] + 1, N[j]) for j in div if N[j] > 0]
    lam = min(ratios)
    return lam, ratios.count(lam)


def _read_gens(gens, d: int) -> tuple[list, list]:
    """``[[weight, poly], ...]`` with positive weights: ``K = Σ w_i f_i²``."""
    _need(isinstance(gens, list) and gens, "gens is not a non-empty list")
    ws, fs = [], []
    for i, wg in enumerate(gens):
        _need(isinstance(wg, list) and len(wg) == 2, f"gens {i} is not [weight, poly]")
        w = _rational(wg[0], "weight")
        _need(w > 0, "weight is not positive")
        ws.append(w)
        fs.append(_poly(wg[1], d, f"gens {i}"))
    return ws, fs


def _sum_squares(ws, fs) -> dict:
    total: dict = {}
    for w, f in zip(ws, fs):
        for a, c in _mul(f, f).items():
            total[a] = total.get(a, Fraction(0)) + w * c
    return _clean(total)


def _eliminated(f: dict, x: int, g: dict, u: dict, d: int) -> dict:
    """``u^{deg_x f} f(x = -g/u)``."""
    deg = max((a[x] for a in f), default=0)
    out: dict = {}
    for a, c in f.items():
        k = a[x]
        mono = {a[:x] + (0,) + a[x + 1:]: c}
        term = _mul(_mul(mono, _pow({b: -v for b, v in g.items()}, k, d)), _pow(u, deg - k, d))
        for b, v in term.items():
            out[b] = out.get(b, Fraction(0)) + v
    return _clean(out)


def _rule_eliminate(raw, node: _Node, nid, depth) -> tuple:
    """``K = Σ w_i f_i^2`` (``w_i > 0``) and the pivot ``f = u·x + g`` with ``u(0) != 0``,
    ``g(0) = 0``, ``x`` two-sided with ``e_x = 0``: ``x' = f`` is a local coordinate and the ideal
    is ``<x'> + <h_i>`` with ``h_i = u^{deg} f_i(x = -g/u)`` free of ``x`` (Lin 2011 Prop 4.3,
    Cor 3.12), so by the sum rule the value is ``(1/2 + λ_h, m_h)``; the child is ``Σ w_i h_i^2``."""
    d = node.d
    x = _int(_field(raw, "var"), "var", 0, d - 1)
    _need(node.sides[x] == "two" and node.e[x] == 0, "eliminated variable must be two-sided with e = 0")
    ws, fs = _read_gens(_field(raw, "gens"), d)
    _need(_sum_squares(ws, fs) == node.K, "K != sum w_i f_i^2")
    p = _int(_field(raw, "pivot"), "pivot", 0, len(fs) - 1)
    f = fs[p]
    _need(_const(f, d) == 0, "pivot does not vanish at 0")
    _need(max(a[x] for a in f) == 1, "pivot is not linear in the variable")
    u = _clean({a[:x] + (0,) + a[x + 1:]: c for a, c in f.items() if a[x] == 1})
    g = {a: c for a, c in f.items() if a[x] == 0}
    _need(_const(u, d) != 0, "coefficient of the variable is not a unit")
    rest = [i for i in range(d) if i != x]
    hs = []
    for i, (w, fi) in enumerate(zip(ws, fs)):
        if i != p:
            h = _eliminated(fi, x, g, u, d)
            if h:
                hs.append((w, {tuple(a[j] for j in rest): c for a, c in h.items()}))
    child_raw = raw.get("node")
    if not hs:
        _need(child_raw is None, "child given although every h_i vanishes")
        return Fraction(1, 2), 1
    child = _child(child_raw, node, f"{nid}/elim", depth, rest)
    Kc: dict = {}
    for w, h in hs:
        for a, c in _mul(h, h).items():
            Kc[a] = Kc.get(a, Fraction(0)) + w * c
    _need(_clean(Kc) == child.K, "child K != sum w_i h_i^2")
    lam, m = child.value
    return (INF, 0) if lam == INF else (lam + Fraction(1, 2), m)


def _rule_coords(raw, node: _Node, nid, depth) -> tuple:
    """``K = Σ w_i f_i²`` (``w_i > 0``) with ``f_i = y^{μ_i} · Π_k F_k^{c_ik} · u_i``, ``u_i(0) != 0``,
    ``F_k(0) = 0``, every ``μ_i`` supported in ``D``, ``D`` containing the one-sided variables and
    those with ``e_j > 0``, and the differentials of ``y_j`` (``j ∈ D``) and of the ``F_k``
    independent at 0.  Then ``(y_D, z = F, rest)`` are local coordinates fixing ``y_D`` (prior,
    sides and monomials unchanged, Jacobian a unit), the units drop (comparison, Lin 2011
    Prop 3.11, Cor 3.12) and the rest do not occur: the value is that of the child
    ``Σ w_i y_D^{2μ_i} z^{2c_i}`` in the variables ``D`` then ``z`` (``e = 0``, two-sided)."""
    d = node.d
    ws, fs = _read_gens(_field(raw, "gens"), d)
    _need(_sum_squares(ws, fs) == node.K, "K != sum w_i f_i^2")
    raw_D = _field(raw, "D")
    _need(isinstance(raw_D, list) and len(raw_D) <= d, "D is not a list of variables")
    D = _ints(raw_D, len(raw_D), "D", 0, d - 1)
    _need(D == sorted(set(D)), "D is not increasing")
    _need(all(j in D for j in range(d) if node.sides[j] == "one" or node.e[j] > 0),
          "a one-sided variable or one with e > 0 is not in D")
    raw_F = _field(raw, "F")
    _need(isinstance(raw_F, list) and 0 < len(raw_F) <= MAX_VARS, "F is not a non-empty list")
    Fs = [_poly(f, d, f"F {k}") for k, f in enumerate(raw_F)]
    _need(all(_const(F, d) == 0 for F in Fs), "some F does not vanish at 0")
    r = len(Fs)
    parts = _list(_field(raw, "parts"), len(fs), "parts")
    monos = []
    for i, part in enumerate(parts):
        _need(isinstance(part, dict), f"part {i} is not an object")
        mu = _ints(_field(part, "mu"), d, f"part {i} mu")
        c = _ints(_field(part, "c"), r, f"part {i} c")
        unit = _poly(_field(part, "unit"), d, f"part {i} unit")
        _need(_const(unit, d) != 0, f"part {i}: unit vanishes at 0")
        _need(all(mu[j] == 0 for j in range(d) if j not in D), f"part {i}: mu outside D")
        prod = _times_monomial(unit, mu)
        for F, k in zip(Fs, c):
            if k:
                prod = _mul(prod, _pow(F, k, d))
        _need(prod == fs[i], f"generator {i} != y^mu * prod F^c * unit")
        monos.append({tuple(mu[j] for j in D) + tuple(c): Fraction(1)})
    unit_rows = [[Fraction(int(a == j)) for a in range(d)] for j in D]
    lin = [[F.get(tuple(int(a == j) for a in range(d)), Fraction(0)) for j in range(d)] for F in Fs]
    _need(_rank(unit_rows + lin) == len(D) + r, "differentials of D and of the F are dependent")
    child = _node(_field(raw, "node"), f"{nid}/coords", depth + 1)
    _need(child.d == len(D) + r, f"child has {child.d} variables, expected {len(D) + r}")
    _need(child.e == [node.e[j] for j in D] + [0] * r, "child: e is not the parent's on D and 0 on z")
    _need(child.sides == [node.sides[j] for j in D] + ["two"] * r, "child: sides are not the parent's on D and two on z")
    _need(child.K == _sum_squares(ws, monos), "child K != sum w_i y_D^(2 mu_i) z^(2 c_i)")
    return child.value


def _rule_recombine(raw, node: _Node, nid, depth) -> tuple:
    """``K = Σ w_i f_i²`` and ``K' = Σ w'_i g_i²`` with the ``g_i`` spanning the same Q-vector
    space as the ``f_i`` (ranks of both and of their union agree): the same ideal, so
    ``K ≍ K'`` near the point (Lin 2011 Cor 3.12) and the value is the child's."""
    d = node.d
    ws, fs = _read_gens(_field(raw, "gens"), d)
    _need(_sum_squares(ws, fs) == node.K, "K != sum w_i f_i^2")
    ws2, gs = _read_gens(_field(raw, "new_gens"), d)
    mons = sorted({a for f in fs + gs for a in f})
    rows = [[f.get(a, 0) for a in mons] for f in fs]
    rows2 = [[g.get(a, 0) for a in mons] for g in gs]
    _need(_rank(rows) == _rank(rows2) == _rank(rows + rows2), "new generators do not span the same space")
    child = _child(_field(raw, "node"), node, f"{nid}/recombine", depth)
    _need(child.K == _sum_squares(ws2, gs), "child K != sum w'_i g_i^2")
    return child.value


def _rule_square(raw, node: _Node, nid, depth) -> tuple:
    """Completion of the square: ``K = a x² + b x + c`` (``a, b, c`` free of ``x``), ``a(0) > 0``,
    ``x`` two-sided with ``e_x = 0``.  Then ``4aK = (2ax + b)² + D``, ``D = 4ac − b²``; ``2ax + b`` is
    a coordinate and ``4a`` a positive unit, so the value is ``(1/2 + λ_D, m_D)`` by the sum rule
    (``(1/2, 1)`` when ``D = 0``); the child is ``D``."""
    d = node.d
    x = _int(_field(raw, "var"), "var", 0, d - 1)
    _need(node.sides[x] == "two" and node.e[x] == 0, "square variable must be two-sided with e = 0")
    a, b, c = (_poly(_field(raw, k), d, k) for k in ("a", "b", "c"))
    _need(all(ex[x] == 0 for p in (a, b, c) for ex in p), "a, b, c must not contain the variable")
    _need(_const(a, d) > 0, "a(0) is not positive")
    xx = {tuple(int(i == x) for i in range(d)): Fraction(1)}
    total: dict = {}
    for p in (_mul(_mul(a, xx), xx), _mul(b, xx), c):
        for ex, v in p.items():
            total[ex] = total.get(ex, Fraction(0)) + v
    _need(_clean(total) == node.K, "K != a x^2 + b x + c")
    D = {ex: v for ex, v in _mul(a, c).items()}
    D = {ex: 4 * v for ex, v in D.items()}
    for ex, v in _mul(b, b).items():
        D[ex] = D.get(ex, Fraction(0)) - v
    D = _clean(D)
    rest = [i for i in range(d) if i != x]
    child_raw = raw.get("node")
    if not D:
        _need(child_raw is None, "child given although D = 0")
        return Fraction(1, 2), 1
    child = _child(child_raw, node, f"{nid}/square", depth, rest)
    _need({tuple(ex[i] for i in rest): v for ex, v in D.items()} == child.K, "child K != 4ac - b^2")
    lam, m = child.value
    return (INF, 0) if lam == INF else (lam + Fraction(1, 2), m)


def _rank(rows: list) -> int:
    """Rank over Q by Gaussian elimination on Fractions."""
    rows = [list(r) for r in rows if any(r)]
    rank, col = 0, 0
    ncols = len(rows[0]) if rows else 0
    while rank < len(rows) and col < ncols:
        p = next((i for i in range(rank, len(rows)) if rows[i][col]), None)
        if p is not None:
            rows[rank], rows[p] = rows[p], rows[rank]
            for i in range(rank + 1, len(rows)):
                if rows[i][col]:
                    f = Fraction(rows[i][col]) / rows[rank][col]
                    rows[i] = [a - f * b for a, b in zip(rows[i], rows[rank])]
            rank += 1
        col += 1
    return rank


# ---------------------------------------------------------------- rule group (parameter problems)


def _rule_group(raw, node: _Node, nid, depth) -> tuple:
    """Block blow-ups with parameters (``rlct.groups``; Aoyagi-type recursion): ``K = Σ w_i f_i²``
    and the program, each step re-derived here from its parent: ``reduce`` (same ideal),
    ``eliminate`` (polynomial automorphism fixing ``{L = 0} × cube``), ``blowup`` (the charts of
    the blow-up of ``{w_S = 0}``, ``S`` homogeneous in every generator), ``separated``
    (``f_i = c_i(P) h_i(L)``, smooth complete-intersection zero sets of the parameter factors,
    the local problems ``K_I`` of the maximal ones and of the origin, which must agree)."""
    from .checker_groups import _gnorm, _gstep   # the program steps: rlct/checker_groups.py

    d = node.d
    ws, fs = _read_gens(_field(raw, "gens"), d)
    _need(_sum_squares(ws, fs) == node.K, "K != sum w_i f_i^2")
    ws, fs, roles = _gnorm(ws, fs, ["L"] * d)
    return _located("program", _gstep, _field(raw, "program"), (ws, fs, roles, list(node.e), list(node.sides)),
                    d, depth + 1)


# The group rule's program steps live in rlct/checker_groups.py; their names stay reachable here
# (``checker._gstep``, ``C._gnorm`` in rlct/checker_stratified.py, tests) through a module
# ``__getattr__``, so this module still has no import-time relative import.
_GROUP_NAMES = frozenset({
    "_gnorm", "_subst_var", "_exact_div", "_groebner_one", "_glinear", "_gshift", "_growop", "_gstep_body",
    "_gseparated", "_gunit_on_cube", "_gwitness", "_gfactored", "_gmaximal", "_gcase", "_gsubsum",
    "_gsubmersion", "_gstep"
})


def __getattr__(name: str):
    if name in _GROUP_NAMES:
        from . import checker_groups

        return getattr(checker_groups, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# ---------------------------------------------------------------- symmetry (issue 7 item 3)


def _perm(raw, d: int) -> list:
    """``perm``: a permutation of ``0..d-1``; variable ``j`` here is variable ``perm[j]`` there."""
    p = _ints(_field(raw, "perm"), d, "perm", 0, max(d - 1, 0))
    _need(sorted(p) == list(range(d)), "perm is not a permutation of the variables")
    return p


def _permuted(f: dict, p: list) -> dict:
    """``f`` with variable ``j`` renamed ``p[j]``: the term ``a`` becomes ``b`` with ``b[p[j]] = a[j]``."""
    out = {}
    for a, c in f.items():
        b = [0] * len(a)
        for j, x in enumerate(a):
            b[p[j]] = x
        out[tuple(b)] = c
    return out


def _ref_permuted(raw, node: _Node, target: _Node) -> tuple:
    """A node equal to one verified earlier up to renaming the variables by ``perm``: the
    substitution ``y_{perm[j]} = x_j`` maps the referenced problem onto this one (same ``K``,
    ``|x^e|``, sides), and preserves ``dx``, so the zeta functions and values agree."""
    p = _perm(raw, node.d)
    _need(target.d == node.d, "the referenced node has another number of variables")
    _need(all(node.e[j] == target.e[p[j]] and node.sides[j] == target.sides[p[j]] for j in range(node.d)),
          "e or sides differ from the referenced node's under perm")
    _need(_permuted(node.K, p) == target.K, "K differs from the referenced node's under perm")
    return target.value


_RULES = {"shear": _rule_shear, "recombine": _rule_recombine, "group": _rule_group, "square": _rule_square, "eliminate": _rule_eliminate, "coords": _rule_coords, "smooth": _rule_smooth, "ref": _rule_ref, "monomial": _rule_monomial, "split": _rule_split, "toric": _rule_toric,
          "sum": _rule_sum, "product": _rule_product, "unit": _rule_unit, "power": _rule_power}


# ---------------------------------------------------------------- top level


def _load(certificate) -> dict:
    """A dict, a JSON string, or a path (a one-line str not starting with '{' or '[')."""
    if isinstance(certificate, pathlib.Path) or (isinstance(certificate, str) and "\n" not in certificate
                                                 and not certificate.lstrip().startswith(("{", "["))):
        try:
            path = pathlib.Path(certificate)
            if isinstance(certificate, pathlib.Path) or path.is_file():
                certificate = path.read_text(encoding="utf-8")
        except (OSError, ValueError) as exc:
            raise _Fail(f"cannot read certificate file ({type(exc).__name__})", "input") from None
    if isinstance(certificate, str):
        try:
            certificate = json.loads(certificate)
        except (ValueError, RecursionError) as exc:
            raise _Fail(f"not valid JSON and not a file ({type(exc).__name__})", "input") from None
    _need(isinstance(certificate, dict), "certificate is not a JSON object")
    return certificate


def _top(certificate) -> Verification:
    cert = _load(certificate)
    _seen().clear()
    _need(cert.get("format") == FORMAT, f"format is not {FORMAT!r}")
    names = _names(_field(cert, "vars"), "vars", lo=1)
    d = len(names)
    K = _poly(_field(cert, "K_terms"), d, "K_terms")
    point = _field(cert, "point")
    _need(isinstance(point, dict) and set(point) == set(names), "point does not give every variable")
    prior = _ints(_field(cert, "prior_exponents"), d, "prior_exponents")
    if not all(isinstance(point[v], str) and _RATIONAL.match(point[v]) for v in names):
        return _top_algebraic(cert, names, K, point, prior)
    w0 = [_rational(point[v], f"point[{v}]") for v in names]
    root = _node(_field(cert, "root"), "root", 0)
    _need(root.d == d, f"root has {root.d} variables, expected {d}")
    _need(root.K == _translate(K, w0), "root K != K(point + y)")
    _need(root.e == prior, "root e != prior_exponents")
    _need(all(s == "two" for s in root.sides), "root sides are not all 'two'")
    _check_claim(cert, root.value, "the certificate", required=True)
    lam, m = root.value
    return Verification(True, "", None if lam == INF else lam, None if lam == INF else m)


_ALG_MAX_CHARS, _ALG_MAX_DEGREE = 10_000, 200


def _alg_number(text: str, what: str):
    """An exact real algebraic number in the ``--at`` syntax, read by walking the syntax tree
    against a whitelist (integers, ``+ - * / **`` with integer exponents, ``sqrt(q)`` with ``q >= 0``
    rational, ``root(p, k)`` / ``CRootOf(p, k)``: the ``k``-th real root, ascending, counted with
    multiplicity, of a one-variable polynomial with rational coefficients).  Never ``eval``."""
    import ast

    _need(isinstance(text, str) and 0 < len(text) <= _ALG_MAX_CHARS, f"{what} is not a string of <= 10000 characters")
    try:
        tree = ast.parse(text.strip(), mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        raise _Fail(f"{what} is not an exact real number (cannot parse)") from None

    def bad(why):
        raise _Fail(f"{what} is not an exact real number ({why})")

    def walk(n, poly: bool, depth: int):
        if depth > 100:
            bad("nested too deeply")
        if isinstance(n, ast.Constant) and type(n.value) is int:
            return sympy.Integer(n.value)
        if isinstance(n, ast.Name) and poly and not n.id.startswith("__"):
            return sympy.Symbol(n.id)
        if isinstance(n, ast.UnaryOp) and isinstance(n.op, (ast.UAdd, ast.USub)):
            v = walk(n.operand, poly, depth + 1)
            return -v if isinstance(n.op, ast.USub) else v
        if isinstance(n, ast.BinOp) and isinstance(n.op, (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow)):
            a, b = walk(n.left, poly, depth + 1), walk(n.right, poly, depth + 1)
            if isinstance(n.op, ast.Add):
                return a + b
            if isinstance(n.op, ast.Sub):
                return a - b
            if isinstance(n.op, ast.Mult):
                return a * b
            if isinstance(n.op, ast.Div):
                if b.free_symbols or b.is_zero is not False:
                    bad("division by zero or by a non-constant")
                return a / b
            if not (b.is_Integer and abs(int(b)) <= MAX_EXP) or (b < 0 and (poly or a.is_zero is not False)):
                bad("exponent")
            return a ** b
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and not n.keywords and not poly:
            name, args = n.func.id, n.args
            if name == "sqrt" and len(args) == 1:
                q = walk(args[0], False, depth + 1)
                if not (q.is_Rational and q >= 0):
                    bad("sqrt of a negative or irrational number")
                return sympy.sqrt(q)
            if name in ("root", "CRootOf") and len(args) == 2:
                p, k = walk(args[0], True, depth + 1), walk(args[1], False, depth + 1)
                if len(p.free_symbols) != 1 or not k.is_Integer or k < 0:
                    bad("root(p, k) needs p in one variable and an integer k >= 0")
                P = sympy.Poly(p, *p.free_symbols, domain=sympy.QQ)
                if P.degree() > _ALG_MAX_DEGREE or int(k) >= len(P.real_roots(radicals=False)):
                    bad("root(p, k): degree over 200 or no such real root")
                return sympy.CRootOf(P, int(k))
        bad(f"unsupported syntax {type(n).__name__}")

    v = walk(tree, False, 0)
    _need(not v.free_symbols, f"{what} is not a number")
    return v


def _algebraic_values(point: dict, names: list) -> list:
    """The coordinates of an algebraic point (safe whitelist parser, no eval)."""
    return [_alg_number(point[v], f"point[{v}]") for v in names]


def _top_algebraic(cert: dict, names: list, K: dict, point: dict, prior: list) -> Verification:
    """A point with an irrational coordinate: the root is a ``morse``, ``order`` or ``crossing``
    (:func:`_alg_crossing`) node, checked
    with exact arithmetic in the number field ``Q(point)`` (sympy ``AlgebraicField``; no floats).

    ``morse``: ``K(p) = 0``, ``∇K(p) = 0``, ``det Hess K(p) != 0``, prior exponents 0: by the Morse
    lemma (``K >= 0`` near ``p``, so the Hessian is positive definite) ``K = Σ y_i²`` in analytic
    coordinates, ``(λ, m) = (d/2, 1)``.  ``order`` (one variable): ``K^(j)(p) = 0`` for ``j < k``,
    ``K^(k)(p) != 0``, ``k >= 2``: ``K = (x-p)^k · unit``, ``(λ, m) = ((e+1)/k, 1)``.
    """
    d = len(names)
    root = _field(cert, "root")
    _need(isinstance(root, dict), "root is not an object")
    nid = root.get("id") if isinstance(root.get("id"), str) else "root"

    def body():
        rule = root.get("rule")
        _need(rule in ("morse", "order", "crossing"),
              f"rule {str(rule)[:40]!r} at an irrational point (morse, order or crossing expected)")
        _need(root.get("point") == point, "the node's point is not the certificate's point")
        e = _ints(_field(root, "e"), d, "e")
        _need(e == prior, "root e != prior_exponents")
        _need(_list(_field(root, "sides"), d, "sides") == ["two"] * d, "root sides are not all 'two'")
        vals = _algebraic_values(point, names)
        irr = list(dict.fromkeys(x for x in vals if not x.is_Rational))
        A = sympy.QQ.algebraic_field(*irr)
        pa = [A.from_sympy(x) for x in vals]

        def at(p: dict):
            acc = A.zero
            for a, c in p.items():
                t = A.convert_from(sympy.QQ(c.numerator, c.denominator), sympy.QQ)
                for x, k in zip(pa, a):
                    t = t * x ** k
                acc = acc + t
            return acc

        _need(not at(K), "K(point) != 0")
        grads = [_diff(K, i) for i in range(d)]
        for i, g in enumerate(grads):
            _need(not at(g), f"dK/d{names[i]} (point) != 0")
        if rule == "morse":
            _need(all(x == 0 for x in e), "morse needs prior exponents 0")
            _need(root.get("hessian_det") == "nonzero", "morse: hessian_det is not 'nonzero'")
            H = [[at(_diff(grads[i], j)) for j in range(d)] for i in range(d)]
            from sympy.polys.matrices import DomainMatrix

            _need(DomainMatrix(H, (d, d), A).det() != A.zero, "det Hess K(point) = 0 (not a Morse zero)")
            value = (Fraction(d, 2), 1)
        elif rule == "crossing":
            value = _alg_crossing(root, K, d, e, A, at)
        else:
            _need(d == 1, "order: only in one variable")
            k = _int(_field(root, "order"), "order", 2)
            q = K
            for j in range(k):
                _need(not at(q), f"derivative {j} of K at the point != 0 (order < {k})")
                q = _diff(q, 0)
            _need(bool(at(q)), f"derivative {k} of K at the point = 0 (order > {k})")
            value = (Fraction(e[0] + 1, k), 1)
        _check_claim(root, value, "the node")
        return value

    value = _located(f"node {nid}", body)
    _check_claim(cert, value, "the certificate", required=True)
    return Verification(True, "", value[0], value[1])


def _alg_crossing(root: dict, K: dict, d: int, e: list, A, at) -> tuple:
    """``crossing`` at an algebraic point (``rlct/algebraic.py``), re-derived from the data alone:
    ``K == const · Π U^a · Π_k (Σ_b w_kb Π V_kb^{2c} Π_t G_kbt^f_kbt)^s_k`` by expansion over ``Q``;
    every unit ``U(p), V(p) != 0`` (a term's units ``V`` with even exponents: positive units, so a
    term is comparable to its monomial) and every ``G(p) = 0`` exactly in ``Q(p)``; the gradients of all the ``G`` at ``p``
    have a non-zero maximal minor on ``columns`` (so the ``G`` are part of analytic coordinates at
    ``p``); weights ``> 0``; exponents even where non-negativity needs it (every ``f`` in a block of
    several terms, ``f · s`` in a block of one); prior exponents 0.  Value: a term ``Π y_t^f_t`` is
    ``(min 1/f, #argmin)`` (T1), a block adds the terms' λ with ``m = Σ m − (n − 1)`` and divides by
    ``s``, the product takes the least λ and adds the ``m`` of the blocks attaining it.  Optional
    ``redundant`` (one block of power 1, const 1, no units): ``K = block + Σ w g²`` with
    ``g == Σ a_i r_i`` checked by expansion, ``r_i`` the square root of term ``i`` (exponents halved):
    near the point ``g² <= C Σ r_i²``, so ``K`` is comparable to the block (Lin 2011 Cor 3.12)."""
    _need(all(x == 0 for x in e), "crossing needs prior exponents 0")
    zero = (0,) * d
    total = {zero: _rational(root.get("const"), "crossing const")}
    _need(total[zero] != 0, "crossing const is 0")
    const_one = total[zero] == 1
    units = root.get("units", [])
    _need(isinstance(units, list) and len(units) <= 64, "crossing units is not a list")
    for i, u in enumerate(units):
        _need(isinstance(u, dict), f"crossing unit {i} is not an object")
        U, a = _poly(u.get("f"), d, f"crossing unit {i}"), _int(u.get("exp"), f"crossing unit {i} exp", 1)
        _need(bool(at(U)), f"crossing unit {i} vanishes at the point")
        total = _mul(total, _pow(U, a, d))
    blocks = root.get("blocks")
    _need(isinstance(blocks, list) and 0 < len(blocks) <= d, "crossing blocks is not a list of 1..d blocks")
    Gs, values = [], []
    for k, b in enumerate(blocks):
        _need(isinstance(b, dict), f"crossing block {k} is not an object")
        s = _int(b.get("power"), f"crossing block {k} power", 1)
        terms = b.get("terms")
        _need(isinstance(terms, list) and 0 < len(terms) <= d, f"crossing block {k} terms is not a list of 1..d terms")
        S, lam_b, m_b = {}, Fraction(0), 1
        for j, t in enumerate(terms):
            where = f"crossing block {k} term {j}"
            _need(isinstance(t, dict), f"{where} is not an object")
            w = _rational(t.get("weight"), f"{where} weight")
            _need(w > 0, f"{where} weight is not > 0")
            fs = t.get("factors")
            _need(isinstance(fs, list) and 0 < len(fs) <= d, f"{where} factors is not a list of 1..d factors")
            T, ratios = {zero: w}, []
            tu = t.get("units", [])
            _need(isinstance(tu, list) and len(tu) <= 64, f"{where} units is not a list")
            for i, u in enumerate(tu):   # a positive unit of the term: even exponent, non-zero at the point
                _need(isinstance(u, dict), f"{where} unit {i} is not an object")
                U, a = _poly(u.get("f"), d, f"{where} unit {i}"), _int(u.get("exp"), f"{where} unit {i} exp", 2)
                _need(a % 2 == 0, f"{where} unit {i} has an odd exponent")
                _need(bool(at(U)), f"{where} unit {i} vanishes at the point")
                T = _mul(T, _pow(U, a, d))
            for i, g in enumerate(fs):
                _need(isinstance(g, dict), f"{where} factor {i} is not an object")
                G, f = _poly(g.get("f"), d, f"{where} factor {i}"), _int(g.get("exp"), f"{where} factor {i} exp", 1)
                _need(not at(G), f"{where} factor {i} does not vanish at the point")
                _need((f if len(terms) > 1 else f * s) % 2 == 0,
                      f"{where} factor {i}: odd exponent (the form would change sign)")
                Gs.append(G)
                ratios.append(Fraction(1, f))
                T = _mul(T, _pow(G, f, d))
            for a, c in T.items():
                S[a] = S.get(a, 0) + c
            lam_b += min(ratios)
            m_b += ratios.count(min(ratios)) - 1
        total = _mul(total, _pow(_clean(S), s, d))
        values.append((lam_b / s, m_b))
    red = root.get("redundant", [])
    _need(isinstance(red, list) and len(red) <= 64, "crossing redundant is not a list")
    if red:   # K = block + Σ w g², g = Σ a_i r_i: locally g² <= C Σ r_i², K comparable to the block
        _need(len(blocks) == 1 and blocks[0].get("power") == 1 and const_one and not units,
              "crossing redundant generators need const 1, no units and one block of power 1")
        roots = []
        for j, t in enumerate(blocks[0]["terms"]):
            r = {zero: Fraction(1)}
            for i, g in enumerate(t.get("units", []) + t["factors"]):
                _need(g["exp"] % 2 == 0, f"crossing term {j}: odd exponent, no square root for redundant generators")
                r = _mul(r, _pow(_poly(g["f"], d, "factor"), g["exp"] // 2, d))
            roots.append(r)
        for k, rr in enumerate(red):
            _need(isinstance(rr, dict), f"crossing redundant {k} is not an object")
            w = _rational(rr.get("weight"), f"crossing redundant {k} weight")
            _need(w > 0, f"crossing redundant {k} weight is not > 0")
            g = _poly(rr.get("g"), d, f"crossing redundant {k} g")
            qs = _list(rr.get("cofactors"), len(roots), f"crossing redundant {k} cofactors")
            comb = {}
            for i, (q, r) in enumerate(zip(qs, roots)):
                for a, v in _mul(_poly(q, d, f"crossing redundant {k} cofactor {i}"), r).items():
                    comb[a] = comb.get(a, 0) + v
            _need(_clean(comb) == g, f"crossing redundant {k}: g != sum cofactor_i * root_i")
            for a, v in _mul(g, g).items():
                total[a] = total.get(a, 0) + w * v
        total = _clean(total)
    _need(total == _clean(dict(K)), "K != const * units * blocks (+ redundant generators) (expansion)")
    cols = _field(root, "columns")
    _need(isinstance(cols, list) and len(cols) == len(Gs) and len(Gs) <= d
          and all(type(c) is int and 0 <= c < d for c in cols) and len(set(cols)) == len(cols),
          "crossing columns is not a list of distinct variable indices, one per factor")
    from sympy.polys.matrices import DomainMatrix

    M = [[at(_diff(G, c)) for c in cols] for G in Gs]
    _need(DomainMatrix(M, (len(Gs), len(Gs)), A).det() != A.zero,
          "the gradients of the vanishing factors are dependent at the point (minor on columns = 0)")
    lam = min(v for v, _ in values)
    return lam, sum(m for v, m in values if v == lam)


def verify(certificate) -> Verification:
    """Check an ``rlct-certificate/1`` and re-derive ``(λ, m)`` from the data alone.

    Every check of ``docs/certificate.md`` is performed.  Top level: ``root.K == K(w0 + y)``
    (the root is the problem at ``w0``), ``root.e`` is the prior, the root is two-sided.  Per node,
    the rule's polynomial identity and its sign / positivity conditions (see each ``_rule_*``),
    which make the node's zeta function the rule's combination of its children's or a normal
    crossing's.  ``bounds`` nodes are rejected (not exact).  The derived ``(λ, m)`` must equal the
    claimed one (and any node's optional ``lambda`` / ``m``).

    Parameters
    ----------
    certificate : dict, str or pathlib.Path
        The certificate as a parsed JSON object, a JSON string, or the path of a JSON file.

    Returns
    -------
    Verification
        ``ok`` with the verified ``lam``, ``m``, or ``ok=False`` with a one-line ``reason``.
        Never raises, whatever the input.

    Examples
    --------
    ``K = x**2``: split into the two half-lines, each the normal crossing ``y**2``.

    >>> half = {"vars": ["x"], "K": [[[2], "1"]], "e": [0], "sides": ["one"],
    ...         "rule": "monomial", "N": [2], "unit": [[[0], "1"]]}
    >>> cert = {"format": "rlct-certificate/1", "vars": ["x"], "K": "x**2",
    ...         "K_terms": [[[2], "1"]], "point": {"x": "0"}, "prior_exponents": [0],
    ...         "lambda": "1/2", "m": 1,
    ...         "root": {"id": "n0", "vars": ["x"], "K": [[[2], "1"]], "e": [0], "sides": ["two"],
    ...                  "rule": "split", "children": [{"signs": [1], "node": half},
    ...                                                {"signs": [-1], "node": half}]}}
    >>> verify(cert)
    Verification(ok=True, reason='', lam=Fraction(1, 2), m=1)
    >>> verify(dict(cert, m=2)).reason
    'top level: derived (lambda, m) = (1/2, 1) but the certificate claims (1/2, 2)'
    """
    try:
        cert = _load(certificate)
        if cert.get("format") == "rlct-domain-certificate/1":   # a box: rlct/checker_domain.py
            import importlib      # (itself only stdlib + sympy + this module's verify)

            return importlib.import_module("rlct.checker_domain").verify_domain(cert)
        return _top(cert)
    except _Fail as exc:
        return Verification(False, f"{exc.where or 'top level'}: {exc.msg}".replace("\n", " "))
    except (RecursionError, MemoryError) as exc:
        return Verification(False, f"input: certificate too large or too deep ({type(exc).__name__})")
    except Exception as exc:  # noqa: BLE001 -- a malformed certificate must never crash verify
        return Verification(False, f"input: malformed certificate ({type(exc).__name__}: {exc})"[:300])
