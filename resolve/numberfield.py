"""Newton–Puiseux recursion with real algebraic coefficients (two variables, issue 3).

Setting: a chart of a plane problem has a zero of its strict transform at an irrational point
``y_k = ρ`` of the divisor ``y_j = 0``.  We translate there and keep going with the toric
(Newton polygon) recursion of docs/algorithm.md §4–5, but with coefficients in the real number
field ``Q(ρ)``; new zeros on new divisors may need extension fields.

Fields.  A :class:`RealField` is ``Q(γ) = Q[t]/(M(t))`` with ``M`` monic irreducible over Q and
``γ`` the only root of ``M`` in a rational interval ``(lo, hi)``.  Elements are ``fmpq_poly`` in
``t`` of degree ``< deg M``; zero tests are exact (reduction mod ``M``), non-zero signs are
decided by rational interval arithmetic on ever smaller isolating intervals (bisection with the
exact sign of ``M`` at the midpoint) -- never by floats.

Roots.  The real roots ``β ∈ (0, 1]`` of ``p ∈ Q(γ)[s]`` come from the norm
``R(t) = Res_y(M(y), p_sf(t - k·y))`` (``p_sf`` the squarefree part, ``k`` chosen so that ``R`` is
squarefree: Trager): for each irreducible factor ``R_i`` and each real root ``δ`` of ``R_i``
(exact isolating intervals), ``Q(γ, β) = Q(δ)`` with ``γ = A(δ)``, ``A`` read off the linear
``gcd(M(y), p_sf(δ - k·y))`` over ``Q[t]/R_i``, and ``β = δ - k·A(δ)``; ``δ`` belongs to our
``γ`` iff ``A(δ)`` lies in ``γ``'s isolating interval (decided exactly by refinement).  Every
root, rational or not, thus lives in a new field ``L = (R_i, interval)`` with an embedding ``A``;
the certificate lists it as such and the checker re-verifies ``M(A) ≡ 0 mod R_i``, the
interval, the root and the count of roots (Sturm sequence over the field).

Polynomials.  ``K`` of a node is kept as ``y^N · Π P_i^{k_i}`` where the ``P_i`` are the
irreducible factors over Q of the rational strict transform, transported (monomial maps,
translations, embeddings keep them squarefree and pairwise coprime; monomial content goes to
``N``).  Rule (S) applies when exactly one factor vanishes at the point, with even exponent and
a gradient independent of the divisors' -- this is what makes the recursion terminate on
non-reduced curves (a branch of ``f^2`` would otherwise be followed for ever); a reduced
factor is resolved by finitely many Newton polygon steps (plane curves; a depth cap stays as a
safety net).

Node rules (docs/certificate.md, "number-field nodes"): ``nf-monomial``, ``nf-smooth``,
``nf-split``, ``nf-toric`` (two variables; charts between consecutive rays of the normal fan of
the Newton polygon, fiber strata proved ``positive`` or by ``nf-roots`` with one child per root).

>>> from fractions import Fraction
>>> F = RealField(fmpq_poly([-2, 0, 1]), Fraction(1), Fraction(2))      # Q(√2)
>>> F.sign(fmpq_poly([-3, 2]))                                         # 2√2 - 3 < 0
-1
>>> [(L.deg, L.sign(b - fmpq_poly([fmpq(1, 2)]))) for L, A, b in real_roots_unit(F, [fmpq_poly([-1]), fmpq_poly([0]), fmpq_poly([2])])]
[(2, 1)]
"""
from __future__ import annotations

import itertools
from fractions import Fraction
from math import comb, gcd

from flint import fmpq, fmpq_mpoly_ctx, fmpq_poly

MAX_DEGREE = 48        # field degree cap (beyond: unfinished)
MAX_NORM_DEGREE = 96   # degree of the norm polynomial R


class Unfinished(Exception):
    """The recursion gave up (budget, degree cap, an unexpected algebraic situation)."""


class NegativeK(Exception):
    """A vertex / unit coefficient is negative: ``K`` takes negative values near the point."""


def _fr(c) -> Fraction:
    c = fmpq(c)
    return Fraction(int(c.p), int(c.q))


def _coeffs(p: fmpq_poly) -> list[Fraction]:
    return [_fr(c) for c in p.coeffs()]


# ---------------------------------------------------------------------------- fields


class RealField:
    """``Q[t]/(M)`` with the real embedding ``t ↦ γ``, ``γ`` the root of ``M`` in ``(lo, hi)``."""

    def __init__(self, M: fmpq_poly, lo: Fraction, hi: Fraction):
        M = fmpq_poly(M)
        self.M = M / M.leading_coefficient()
        self.deg = self.M.degree()
        self.lo, self.hi = Fraction(lo), Fraction(hi)
        self.interval0 = (self.lo, self.hi)
        self._slo = self._msign(self.lo)

    def _msign(self, x: Fraction) -> int:
        v = _fr(self.M(fmpq(x.numerator, x.denominator)))
        return (v > 0) - (v < 0)

    def key(self):
        return (tuple(_coeffs(self.M)), self.interval0)

    def to_json(self) -> dict:
        return {"m": [str(c) for c in _coeffs(self.M)], "interval": [str(x) for x in self.interval0]}

    def red(self, a) -> fmpq_poly:
        return fmpq_poly(a) % self.M

    def mul(self, a, b) -> fmpq_poly:
        return (a * b) % self.M

    def inv(self, a) -> fmpq_poly:
        g, s, _ = fmpq_poly(a).xgcd(self.M)
        if g.degree() != 0:
            raise ZeroDivisionError("not invertible")
        return (s / g[0]) % self.M

    def refine(self) -> None:
        mid = (self.lo + self.hi) / 2
        sm = self._msign(mid)
        if sm == 0:
            self.lo = self.hi = mid
        elif sm == self._slo:
            self.lo = mid
        else:
            self.hi = mid

    def enclose(self, a: fmpq_poly) -> tuple[Fraction, Fraction]:
        """Rational interval containing ``a(γ)`` (interval Horner on the current interval)."""
        lo, hi = self.lo, self.hi
        acc = (Fraction(0), Fraction(0))
        for c in reversed(_coeffs(fmpq_poly(a))):
            ps = [acc[0] * lo, acc[0] * hi, acc[1] * lo, acc[1] * hi]
            acc = (min(ps) + c, max(ps) + c)
        return acc

    def sign(self, a) -> int:
        a = self.red(a)
        if a.is_zero():
            return 0
        for _ in range(4000):
            lo, hi = self.enclose(a)
            if lo > 0:
                return 1
            if hi < 0:
                return -1
            self.refine()
        raise Unfinished("sign not decided")  # pragma: no cover - a(γ) != 0, intervals shrink


# ---------------------------------------------------------------------------- polynomials over a field
# dict {exponent tuple: fmpq_poly (reduced, non-zero)}


def P_const(d: int, c) -> dict:
    c = fmpq_poly(c)
    return {(0,) * d: c} if not c.is_zero() else {}


def P_from_rational(terms: dict) -> dict:
    return {tuple(e): fmpq_poly([fmpq(c.numerator, c.denominator)]) for e, c in terms.items() if c}


def P_add_into(out: dict, e, c) -> None:
    v = out.get(e)
    v = c if v is None else v + c
    if v.is_zero():
        out.pop(e, None)
    else:
        out[e] = v


def P_mul(F: RealField, a: dict, b: dict) -> dict:
    out: dict = {}
    for ea, ca in a.items():
        for eb, cb in b.items():
            P_add_into(out, tuple(x + y for x, y in zip(ea, eb)), F.mul(ca, cb))
    return out


def P_pow(F: RealField, a: dict, k: int, d: int) -> dict:
    out = P_const(d, 1)
    for _ in range(k):
        out = P_mul(F, out, a)
    return out


def P_product(F: RealField, factors, N, d: int) -> dict:
    out = P_const(d, 1)
    for P, k in factors:
        out = P_mul(F, out, P_pow(F, P, k, d))
    return {tuple(x + n for x, n in zip(e, N)): c for e, c in out.items()}


def P_min_exponents(a: dict, d: int) -> tuple:
    return tuple(min(e[i] for e in a) for i in range(d)) if a else (0,) * d


def P_div_monomial(a: dict, n) -> dict:
    return {tuple(x - y for x, y in zip(e, n)): c for e, c in a.items()}


def P_monomial_map(a: dict, B) -> dict:
    d = len(B)
    cols = [[B[i][j] for i in range(d)] for j in range(d)]
    return {tuple(sum(v * x for v, x in zip(col, e)) for col in cols): c for e, c in a.items()}


def P_signs(a: dict, s) -> dict:
    return {e: (-c if sum(x for x, si in zip(e, s) if si < 0) % 2 else c) for e, c in a.items()}


def P_restrict_zero(a: dict, J) -> dict:
    return {e: c for e, c in a.items() if all(e[j] == 0 for j in J)}


def P_translate(F: RealField, a: dict, k: int, rho: fmpq_poly) -> dict:
    top = max((e[k] for e in a), default=0)
    pw = [fmpq_poly([1])]
    for _ in range(top):
        pw.append(F.mul(pw[-1], rho))
    out: dict = {}
    for e, c in a.items():
        n = e[k]
        for i in range(n + 1):
            f = list(e)
            f[k] = i
            P_add_into(out, tuple(f), F.mul(c, pw[n - i] * comb(n, i)))
    return out


def P_embed(L: RealField, a: dict, A: fmpq_poly) -> dict:
    """Coefficients ``c(t) ↦ c(A(t)) mod M_L`` (the parent generator is ``A`` of the child's)."""
    out = {}
    for e, c in a.items():
        v = L.red(c(A)) if c.degree() > 0 else c
        if not v.is_zero():
            out[e] = v
    return out


def P_const_term(a: dict, d: int) -> fmpq_poly:
    return a.get((0,) * d, fmpq_poly([]))


def P_diff_at_zero(a: dict, i: int, d: int) -> fmpq_poly:
    e = tuple(int(j == i) for j in range(d))
    return a.get(e, fmpq_poly([]))


def P_to_json(a: dict) -> list:
    return [[list(e), [str(x) for x in _coeffs(c)]] for e, c in sorted(a.items())]


def elem_json(c: fmpq_poly) -> list:
    return [str(x) for x in _coeffs(c)]


# ---------------------------------------------------------------------------- univariate over a field
# list of fmpq_poly, low -> high, no trailing zeros


def _trim(p: list) -> list:
    p = list(p)
    while p and p[-1].is_zero():
        p.pop()
    return p


def U_divmod(F, a: list, b: list) -> tuple[list, list]:
    a, b = _trim(a), _trim(b)
    inv = F.inv(b[-1])
    q = [fmpq_poly([])] * max(len(a) - len(b) + 1, 0)
    a = list(a)
    while len(a) >= len(b) and a:
        c = F.mul(a[-1], inv)
        s = len(a) - len(b)
        q[s] = c
        for i, bc in enumerate(b):
            a[s + i] = F.red(a[s + i] - F.mul(c, bc))
        a = _trim(a)
    return q, a


def U_gcd(F, a: list, b: list) -> list:
    a, b = _trim(a), _trim(b)
    while b:
        a, b = b, U_divmod(F, a, b)[1]
    if not a:
        return a
    inv = F.inv(a[-1])
    return [F.mul(c, inv) for c in a]


def U_diff(p: list) -> list:
    return _trim([p[i] * i for i in range(1, len(p))])


class _Mod:
    """Field operations of ``Q[t]/(R)`` without an embedding (for gcds)."""

    def __init__(self, R: fmpq_poly):
        self.M = R

    def red(self, a):
        return fmpq_poly(a) % self.M

    def mul(self, a, b):
        return (a * b) % self.M

    inv = RealField.inv


def _isolate(R: fmpq_poly, lo=None, hi=None) -> list[tuple[Fraction, Fraction]]:
    """Exact isolating intervals of the real roots of ``R`` (sympy, rational endpoints)."""
    import sympy

    t = sympy.Symbol("t")
    P = sympy.Poly([sympy.Rational(int(c.p), int(c.q)) for c in reversed(fmpq_poly(R).coeffs())], t, domain="QQ")
    kw = {}
    if lo is not None:
        kw = dict(inf=sympy.Rational(lo.numerator, lo.denominator), sup=sympy.Rational(hi.numerator, hi.denominator))
    out = []
    for (a, b), _ in P.intervals(**kw):
        out.append((Fraction(int(a.p), int(a.q)), Fraction(int(b.p), int(b.q))))
    return out


def real_roots_unit(F: RealField, p: list) -> list[tuple[RealField, fmpq_poly, fmpq_poly]]:
    """The distinct real roots ``β ∈ (0, 1]`` of ``p ∈ F[s]`` (list low -> high), each as
    ``(L, A, β)``: a field ``L``, the embedding ``γ_F = A(γ_L)``, and ``β ∈ L``."""
    p = _trim([F.red(c) for c in p])
    if len(p) <= 1:
        return []
    g = U_gcd(F, p, U_diff(p))
    psf = U_divmod(F, p, g)[0] if len(g) > 1 else p
    n = len(psf) - 1
    if n * F.deg > MAX_NORM_DEGREE:
        raise Unfinished("norm degree too large")
    ctx = fmpq_mpoly_ctx.get(("t", "y"), "lex")
    t, y = ctx.gens()
    My = sum((fmpq(c) * y ** i for i, c in enumerate(F.M.coeffs())), ctx.from_dict({}))
    for k in (0, 1, -1, 2, -2, 3, -3, 5):
        P = ctx.from_dict({})
        sub = t - k * y
        powk = ctx.from_dict({(0, 0): 1})
        for i, c in enumerate(psf):
            P += sum((fmpq(a) * y ** j for j, a in enumerate(c.coeffs())), ctx.from_dict({})) * powk
            powk = powk * sub
        R = My.resultant(P, "y")
        co = [fmpq(0)] * (R.degrees()[0] + 1)
        for (et, _ey), c in R.to_dict().items():
            co[et] = c
        Rt = fmpq_poly(co)
        if Rt.degree() > 0 and Rt.gcd(Rt.derivative()).degree() == 0:
            break
    else:
        raise Unfinished("no primitive element found")
    out = []
    for Ri, _ in Rt.factor()[1]:
        Ri = Ri / Ri.leading_coefficient()
        if Ri.degree() > MAX_DEGREE:
            raise Unfinished("field degree too large")
        reals = _isolate(Ri)
        if not reals:
            continue
        # A: gcd over Q[t]/Ri of M(y) and psf(t - k y), in y
        Lm = _Mod(Ri)
        # psf(δ - k y) = Σ_i c_i(y) (δ - k y)^i ; expand in y with coefficients in Q[δ]
        Q = {}
        for i, c in enumerate(psf):
            # (δ - k y)^i = Σ_a C(i,a) δ^(i-a) (-k y)^a
            for a in range(i + 1):
                coef_t = fmpq_poly([0] * (i - a) + [comb(i, a) * (-k) ** a])
                for j, cj in enumerate(c.coeffs()):
                    if cj:
                        Q[a + j] = Q.get(a + j, fmpq_poly([])) + coef_t * cj
        Qy = _trim([Lm.red(Q.get(j, fmpq_poly([]))) for j in range(max(Q, default=0) + 1)])
        My_u = [fmpq_poly([c]) for c in F.M.coeffs()]
        G = U_gcd(Lm, My_u, Qy)
        if len(G) != 2:
            raise Unfinished("primitive element: gcd is not linear")
        A = Lm.red(-G[0])
        if not (F.M(A) % Ri).is_zero():  # pragma: no cover - Trager's construction guarantees it
            raise Unfinished("embedding check failed")
        for lo, hi in reals:
            if not lo < hi:  # pragma: no cover - Ri is irreducible of degree >= 2: no rational root
                raise Unfinished("rational root of an irreducible norm factor")
            L = RealField(Ri, lo, hi)
            # A(δ) is a real root of M; it is our γ iff it lies in γ's isolating interval
            for _ in range(4000):
                a, b = L.enclose(A)
                if F.lo < a and b < F.hi:
                    mine = True
                    break
                if b < F.lo or a > F.hi:
                    mine = False
                    break
                L.refine()
            else:  # pragma: no cover
                raise Unfinished("embedding not decided")
            if not mine:
                continue
            beta = L.red(fmpq_poly([0, 1]) - A * k)
            if L.sign(beta) > 0 and L.sign(fmpq_poly([1]) - beta) >= 0:
                out.append((L, A, beta))
    return out


# ---------------------------------------------------------------------------- Newton polygon (2 variables)


def newton_rays(support) -> list[tuple[int, int]]:
    """Rays ``(1,0), n_1, …, n_r, (0,1)`` (increasing angle): inner normals of the compact edges
    of ``conv(support) + R²_{>=0}``."""
    pts = sorted(set(support))
    low = []
    for p in pts:           # minimal points: increasing x, strictly decreasing y
        if not low or p[1] < low[-1][1]:
            low.append(p)
    hull: list = []
    for p in low:
        while len(hull) >= 2:
            (x0, y0), (x1, y1) = hull[-2], hull[-1]
            if (x1 - x0) * (p[1] - y0) - (y1 - y0) * (p[0] - x0) <= 0:
                hull.pop()
            else:
                break
        hull.append(p)
    rays = [(1, 0)]
    for (x0, y0), (x1, y1) in zip(hull, hull[1:]):
        a, b = y0 - y1, x1 - x0
        g = gcd(a, b)
        rays.append((a // g, b // g))
    rays.append((0, 1))
    return rays


# ---------------------------------------------------------------------------- the recursion


def _ratio_value(N, e):
    ratios = [Fraction(x + 1, n) for n, x in zip(N, e) if n > 0]
    if not ratios:
        return (None, 0)
    lam = min(ratios)
    return (lam, ratios.count(lam))


def vmin(vals):
    best = (None, 0)
    for lam, m in vals:
        if lam is None:
            continue
        if best[0] is None or lam < best[0]:
            best = (lam, m)
        elif lam == best[0]:
            best = (lam, max(best[1], m))
    return best


def _lam_str(lam) -> str:
    return "inf" if lam is None else str(lam)


class NFSolver:
    """Solve ``(K, e, sides)`` for ``K = y^N Π P_i^{k_i}`` over a real number field (2 variables)."""

    def __init__(self, tick=lambda: None, max_depth: int = 40, ids=None):
        self.tick = tick
        self.max_depth = max_depth
        self.ids = itertools.count() if ids is None else ids

    def _node(self, F, factors, Nmono, e, sides, rule, **fields):
        K = P_product(F, factors, Nmono, len(Nmono))
        node = {"id": f"n{next(self.ids)}", "field": F.to_json(), "K": P_to_json(K), "e": list(e),
                "sides": list(sides), "rule": rule}
        node.update(fields)
        return node

    @staticmethod
    def normalize(factors, N, d):
        N = list(N)
        out = []
        for P, k in factors:
            if not P:
                raise Unfinished("a factor vanished")
            a = P_min_exponents(P, d)
            if any(a):
                P = P_div_monomial(P, a)
                N = [n + k * x for n, x in zip(N, a)]
            out.append((P, k))
        return out, N

    def solve(self, F: RealField, factors, N, e, sides, depth: int = 0):
        self.tick()
        if depth > self.max_depth:
            raise Unfinished("depth")
        d = len(N)
        factors, N = self.normalize(factors, N, d)
        if any(s == "two" and n % 2 for s, n in zip(sides, N)):
            # K = y_i^odd · G with G|_{y_i=0} != 0: K changes sign across y_i = 0 arbitrarily near 0
            raise NegativeK("K takes negative values near the point")
        van = [i for i, (P, _) in enumerate(factors) if P_const_term(P, d).is_zero()]
        if not van:
            unit = P_product(F, factors, (0,) * d, d)
            if F.sign(P_const_term(unit, d)) <= 0 or any(s == "two" and n % 2 for s, n in zip(sides, N)):
                raise NegativeK("K takes negative values near the point")
            val = _ratio_value(N, e)
            node = self._node(F, factors, N, e, sides, "nf-monomial", N=list(N), unit=P_to_json(unit))
            node["lambda"], node["m"] = _lam_str(val[0]), val[1]
            return val, node
        if len(van) == 1:
            P, c = factors[van[0]]
            S = [j for j in range(d) if sides[j] == "one" or N[j] > 0 or e[j] > 0]
            if c % 2 == 0 and any(not P_diff_at_zero(P, j, d).is_zero() for j in range(d) if j not in S) \
                    and not any(s == "two" and n % 2 for s, n in zip(sides, N)):
                rest = [f for i, f in enumerate(factors) if i != van[0]]
                q = P_product(F, rest, (0,) * d, d)
                if F.sign(P_const_term(q, d)) <= 0:
                    raise NegativeK("K takes negative values near the point")
                ratios = [Fraction(e[j] + 1, N[j]) for j in range(d) if N[j] > 0] + [Fraction(1, c)]
                val = (min(ratios), ratios.count(min(ratios)))
                node = self._node(F, factors, N, e, sides, "nf-smooth", N=list(N), f=P_to_json(P), c=c,
                                  q=P_to_json(q))
                node["lambda"], node["m"] = _lam_str(val[0]), val[1]
                return val, node
        if any(s == "two" for s in sides):
            two = [i for i, s in enumerate(sides) if s == "two"]
            children, vals = [], []
            for sg in itertools.product((1, -1), repeat=len(two)):
                s = [1] * d
                for i, x in zip(two, sg):
                    s[i] = x
                fs = [(P_signs(P, s), k) for P, k in factors]
                v, child = self.solve(F, fs, N, e, ["one"] * d, depth)
                children.append({"signs": s, "node": child})
                vals.append(v)
            val = vmin(vals)
            node = self._node(F, factors, N, e, sides, "nf-split", children=children)
            node["lambda"], node["m"] = _lam_str(val[0]), val[1]
            return val, node
        if d != 2:
            raise Unfinished("number-field charts in two variables only")
        K = P_product(F, factors, N, d)
        rays = newton_rays(list(K))
        charts, vals = [], []
        for r0, r1 in zip(rays, rays[1:]):
            self.tick()
            B = [[r0[0], r1[0]], [r0[1], r1[1]]]
            chart, v = self._chart(F, factors, N, e, B, depth)
            charts.append(chart)
            vals.append(v)
        val = vmin(vals)
        node = self._node(F, factors, N, e, sides, "nf-toric", charts=charts)
        node["lambda"], node["m"] = _lam_str(val[0]), val[1]
        return val, node

    def _chart(self, F, factors, N, e, B, depth):
        d = 2
        fs = [(P_monomial_map(P, B), k) for P, k in factors]
        N0 = [sum(B[i][j] * N[i] for i in range(d)) for j in range(d)]
        fs, Nc = self.normalize(fs, N0, d)
        ee = [sum(B[i][j] * (e[i] + 1) for i in range(d)) - 1 for j in range(d)]
        strict = P_product(F, fs, (0, 0), d)
        c0 = P_const_term(strict, d)
        if F.sign(c0) <= 0:
            raise NegativeK("K takes negative values near the point")
        strata = [{"J": [0, 1], "proof": {"kind": "positive"}}]
        vals = [_ratio_value(Nc, ee)]
        for j in range(d):
            if not all(B[i][j] > 0 for i in range(d)):
                continue
            k = 1 - j
            g = P_restrict_zero(strict, [j])
            if all(F.sign(c) > 0 for c in g.values()):
                strata.append({"J": [j], "proof": {"kind": "positive"}})
                continue
            low = min(ex[k] for ex in g)
            p = [fmpq_poly([])] * (max(ex[k] for ex in g) - low + 1)
            for ex, c in g.items():
                p[ex[k] - low] = c
            points = []
            for L, A, beta in real_roots_unit(F, p):
                self.tick()
                gs = []
                for P, kk in fs:
                    Q = P_translate(L, P_embed(L, P, A), k, beta)
                    gs.append((Q, kk))
                Nn = list(Nc)
                Nn[k] = 0
                en = list(ee)
                en[k] = 0
                sides = ["one", "one"]
                sides[k] = "two"
                v, child = self.solve(L, gs, Nn, en, sides, depth + 1)
                points.append({"at": elem_json(beta), "field": L.to_json(), "embed": elem_json(A), "node": child})
                vals.append(v)
            strata.append({"J": [j], "proof": {"kind": "nf-roots", "var": k, "points": points}})
        val = vmin(vals)
        chart = {"B": B, "N": list(Nc), "e": ee, "strict": P_to_json(strict), "strata": strata,
                 "lambda": _lam_str(val[0]), "m": val[1]}
        return chart, val


def solve_at_root(strict_terms: dict, j: int, k: int, N_j: int, e_j: int, m: dict, tick=lambda: None,
                  factors=None, ids=None):
    """The rational chart's zeros at the real roots of the irreducible ``m`` (degree >= 2) in
    ``(0, 1)`` on the divisor ``y_j = 0`` (``y_k`` the free variable): one number-field child per
    root.  ``strict_terms``: ``{(a, b): Fraction}``; ``factors``: optional ``[(terms, k)]`` with
    ``strict = Π terms^k`` (the irreducible factors over Q; default: the whole ``strict``).

    Returns ``[(interval, (λ, m), node)]``."""
    M = fmpq_poly([fmpq(m.get(i, Fraction(0)).numerator, m.get(i, Fraction(0)).denominator)
                   for i in range(max(m) + 1)])
    if factors is None:
        factors = [(strict_terms, 1)]
    out = []
    solver = NFSolver(tick, ids=ids)
    for lo, hi in _isolate(M, Fraction(0), Fraction(1)):
        if not (0 <= lo < hi <= 1):
            raise Unfinished("isolating interval")
        F = RealField(M, lo, hi)
        rho = fmpq_poly([0, 1])
        fs = [(P_translate(F, P_from_rational(T), k, rho), kk) for T, kk in factors]
        N = [0, 0]
        N[j] = N_j
        e = [0, 0]
        e[j] = e_j
        sides = ["two", "two"]
        sides[j] = "one"
        val, node = solver.solve(F, fs, N, e, sides, 0)
        out.append(((lo, hi), val, node))
    return out
