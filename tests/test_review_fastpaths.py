"""Review of the sympy-free fast paths of :mod:`rlct.checker` (``_FAST``): ``_det_int``,
``_div_exact``, ``_sturm_count``, ``_roots_fast``, ``_unit_ideal``/``_gb_has_one``,
``_all_minors``, ``_torus_meet``, and the places that call them.

Every test is an attack: a false claim that the checker must reject on both paths (``_FAST``
True and False), or a fast helper compared with an exact ground truth built into the input (a
known common zero, a known root), so that a fast path saying "accept" where it must not fails.

Found bug (NOT in a fast path: in the sympy fallback of ``_check_crossing``, reached with
``_FAST = True`` whenever ``_torus_meet`` declines -- here because neither factor is
``c·y_k + r(y_l)`` with a constant ``c``): ``sympy.solve`` on the lex Gröbner basis silently
returns no solution (``[]``) for the roots of an irreducible non-solvable quintic (and drops such
solutions when other factors are solvable), so ``found`` misses irrational intersection points
and the claim "no intersection point in (0, 1]^2" is accepted although the factors
``(1 + x) y - (12 - 19 x)`` and ``(2 + x) y - q(x)`` meet at ``x ≈ 0.58365`` (a root of
``32 x^5 - 2 x - 1``), ``y ≈ 0.57501``.  ``test_crossing_nonsolvable_intersection_is_rejected``
FAILS until this is fixed.
"""
from __future__ import annotations

import copy
import importlib
import random
from fractions import Fraction as F

import pytest
import sympy
from helpers import dicts, verdicts_both_ways

from rlct import rlct

ck = importlib.import_module("rlct.checker")


def both(monkeypatch, fn, *args):
    """``fn(*args)`` with ``_FAST`` on and off: ``("ok", None)`` or ``("fail", message)``."""
    out = []
    for fast in (True, False):
        monkeypatch.setattr(ck, "_FAST", fast)
        try:
            fn(*args)
            out.append(("ok", None))
        except ck._Fail as exc:
            out.append(("fail", exc.msg))
    return out


def terms(p):
    return [[list(a), str(c)] for a, c in p.items()]


def upoly(coeffs, d=1, k=0):
    """``Σ coeffs[i] y_k^i`` as a dict in ``d`` variables."""
    return {tuple(i if j == k else 0 for j in range(d)): F(c) for i, c in enumerate(coeffs) if c}


def from_roots(rs, lead=1):
    p = [F(lead)]
    for r in rs:
        p = ck._upoly_mul(p, [-F(r), F(1)])
    return p


# ---------------------------------------------------------------- found bug: crossing, sympy.solve

X_ONE = {(0, 1, 1): F(1), (0, 1, 0): F(19), (0, 0, 1): F(1), (0, 0, 0): F(-12)}       # (1+x)y - (12 - 19x)
X_TWO = {(0, 4, 0): F(-32), (0, 3, 0): F(32), (0, 2, 0): F(-32), (0, 1, 1): F(1), (0, 1, 0): F(51),
         (0, 0, 1): F(2), (0, 0, 0): F(-23)}                                           # (2+x)y - q(x)


def crossing_proof(points):
    return {"kind": "crossing", "q": [[[0, 0, 0], "1"]], "q_proof": {"kind": "positive"},
            "factors": [{"f": terms(X_ONE), "c": 2, "witness": [["0", "1", "1"], ["0", "1/2", "1/2"]]},
                        {"f": terms(X_TWO), "c": 2, "witness": [["0", "1", "2"], ["0", "1", "1"]]}],
            "points": points}


def test_crossing_example_is_what_it_claims():
    """The two factors meet exactly where the resultant ``32 x^5 - 2 x - 1`` (irreducible, Galois
    group S5: no radicals) vanishes, once in ``(0, 1]^2``; ``_torus_meet`` declines this pair."""
    x, y = sympy.symbols("x y")
    a = (1 + x) * y - (12 - 19 * x)
    b = (2 + x) * y - (32 * x**4 - 32 * x**3 + 32 * x**2 - 51 * x + 23)
    assert sympy.expand(a - ck._sympy({k[1:]: v for k, v in X_ONE.items()}, [x, y])) == 0
    assert sympy.expand(b - ck._sympy({k[1:]: v for k, v in X_TWO.items()}, [x, y])) == 0
    res = sympy.factor_list(sympy.resultant(a, b, y), x)[1]
    assert [sympy.expand(f) for f, _ in res] == [32 * x**5 - 2 * x - 1]
    (x0,) = sympy.Poly(32 * x**5 - 2 * x - 1, x).real_roots()
    y0 = (12 - 19 * x0) / (1 + x0)
    assert 0 < sympy.N(x0) <= 1 and 0 < sympy.N(y0) <= 1
    assert ck._torus_meet(X_ONE, X_TWO, [1, 2], 3) is None      # the fast path declines: sympy decides


def test_crossing_nonsolvable_intersection_is_rejected(monkeypatch):
    """FAILS NOW (checker bug): ``points: []`` is accepted on both paths, though the factors meet
    at an irrational point of ``(0, 1]^2``; the checker must fail ("not rational")."""
    d = 3
    g = ck._mul(ck._pow(X_ONE, 2, d), ck._pow(X_TWO, 2, d))
    got = both(monkeypatch, ck._check_proof, g, (0,), d, crossing_proof([]))
    assert got[0][0] == got[1][0] == "fail", got


# ---------------------------------------------------------------- proof 'univariate' (Sturm)

UNIVARIATE_WITH_ROOT = {
    "root at 1": from_roots([1], 3),
    "triple root at 1": from_roots([1, 1, 1], -1),
    "double root at 1/2, negative lead": from_roots([F(1, 2), F(1, 2)], -5),
    "root at 1 and beyond": from_roots([1, 2, -1, 3]),
    "irrational root in (0,1)": [F(-1, 2), F(0), F(1)],                   # y^2 - 1/2
    "irrational double root": ck._upoly_mul([F(-1, 2), F(0), F(1)], [F(-1, 2), F(0), F(1)]),
    "tiny root": from_roots([F(1, 10**9), F(3)]),
    "degree 1": [F(-7), F(8)],                                          # 8y - 7
    "two close roots": from_roots([F(999, 1000), F(1000, 1001)]),
}


@pytest.mark.parametrize("name", sorted(UNIVARIATE_WITH_ROOT))
@pytest.mark.parametrize("content", [0, 2])
def test_univariate_proof_with_a_root_is_rejected(name, content, monkeypatch):
    p = UNIVARIATE_WITH_ROOT[name]
    d = 2
    g = {(a + content, 3): c for a, c in enumerate(p) if c}        # y1^3 * y0^content * p(y0)
    got = both(monkeypatch, ck._check_proof, g, (), d, {"kind": "univariate", "var": 0})
    assert got[0][0] == got[1][0] == "fail", got


@pytest.mark.parametrize("p", [from_roots([F(11, 10)]), from_roots([0 - F(1, 10**6)]), [F(1), F(0), F(1)],
                               from_roots([2, 2, 2], -3), [F(5)], from_roots([F(1001, 1000), -1])])
def test_univariate_proof_without_root_same_on_both_paths(p, monkeypatch):
    g = {(a,): c for a, c in enumerate(p) if c}
    got = both(monkeypatch, ck._check_proof, g, (), 1, {"kind": "univariate", "var": 0})
    assert got[0] == got[1] == ("ok", None)


def test_sturm_count_endpoints_and_multiplicities():
    for rs, lo, hi, want in [([0, 1], 0, 1, 2), ([0, 0, 1, 1], 0, 1, 2), ([F(1, 2)] * 4, F(1, 2), F(1, 2), 1),
                             ([2, 3], 0, 1, 0), ([-1, 1], -1, 1, 2), ([-1, 1], F(-1, 2), F(1, 2), 0),
                             ([1, 1, 2], 1, 2, 2), ([1], 1, 1, 1)]:
        for lead in (1, -3):
            p = from_roots(rs, lead)
            assert ck._sturm_count(p, F(lo), F(hi)) == want, (rs, lo, hi, lead)


# ---------------------------------------------------------------- proof 'zeros' (_roots_fast)

def zeros(p, roots, irrational=None):
    g = {(a,): c for a, c in enumerate(p) if c}
    proof = {"kind": "zeros", "var": 0, "roots": roots}
    if irrational is not None:
        proof["irrational"] = irrational
    return g, (), 1, proof


ZEROS_ATTACKS = {
    "missing rational root 1": zeros(from_roots([1, F(1, 2)]), ["1/2"]),
    "missing double root 1/2": zeros(from_roots([F(1, 2), F(1, 2), 3]), []),
    "root outside (0,1] listed": zeros(from_roots([2, F(1, 3)]), ["1/3", "2"]),
    "negative root listed": zeros(from_roots([-1, F(1, 3)]), ["1/3", "-1"]),
    "wrong root": zeros(from_roots([F(2, 3)]), ["3/4"]),
    "irrational root not listed": zeros(ck._upoly_mul(from_roots([F(1, 3)]), [F(-1, 2), F(0), F(1)]), ["1/3"]),
    "irrational root, irrational list empty": zeros([F(-1, 3), F(0), F(1)], [], []),
    "invented irrational factor": zeros(from_roots([F(1, 3)]), ["1/3"],
                                        [{"m": [[0, "-1/2"], [2, "1"]]}]),
    "root of large height missing": zeros(from_roots([F(999983, 1000003)]), []),
}


@pytest.mark.parametrize("name", sorted(ZEROS_ATTACKS))
def test_zeros_attacks_rejected_on_both_paths(name, monkeypatch):
    got = both(monkeypatch, ck._check_proof, *ZEROS_ATTACKS[name])
    assert got[0][0] == got[1][0] == "fail", got


def test_zeros_honest_same_on_both_paths(monkeypatch):
    honest = zeros(from_roots([1, F(1, 2), F(1, 2), 3, -2]), ["1/2", "1"])
    assert both(monkeypatch, ck._check_proof, *honest) == [("ok", None)] * 2


def test_roots_fast_against_exact_roots():
    rnd = random.Random(5)
    pool = [F(1), F(1, 2), F(1, 3), F(2, 3), F(2), F(-1), F(7, 5), F(1, 100), F(99, 100)]
    for _ in range(300):
        rs = [rnd.choice(pool) for _ in range(rnd.randint(0, 5))]
        extra = rnd.choice([[F(1)], [F(1), F(0), F(1)], [F(-1, 2), F(0), F(1)], [F(-3), F(0), F(0), F(1)]])
        p = ck._upoly_mul(from_roots(rs, rnd.choice([1, -2])), extra)
        got = ck._roots_fast(p)
        irrational_in = extra in ([F(-1, 2), F(0), F(1)],)        # sqrt(1/2); 3^(1/3) > 1
        want = sorted({r for r in rs if 0 < r <= 1})
        if irrational_in:
            assert got is None, (rs, extra)
        else:
            assert got == (want, []), (rs, extra, got)


# ---------------------------------------------------------------- Gröbner: is the ideal (1)?

def test_unit_ideal_never_claims_one_with_a_known_zero():
    """Random ideals with a common zero (rational, or x0 = ±i / a root of x^2 + c x + e) are
    never declared (1)."""
    rnd = random.Random(11)

    def rpoly(n):
        p = {}
        for _ in range(rnd.randint(1, 3)):
            a = tuple(rnd.randint(0, 2) for _ in range(n))
            p[a] = p.get(a, 0) + F(rnd.randint(-3, 3), rnd.randint(1, 2))
        return ck._clean(p)

    def add(p, q):
        r = dict(p)
        for a, c in q.items():
            r[a] = r.get(a, 0) + c
        return ck._clean(r)

    for it in range(250):
        n = rnd.randint(1, 3)
        var = [tuple(int(j == i) for j in range(n)) for i in range(n)]
        z = (0,) * n
        if it % 2:   # x0^2 + c x0 + e = 0 (e != 0), x_i = s_i + t_i x0
            hs = [ck._clean({tuple(2 * v for v in var[0]): F(1), var[0]: F(rnd.randint(-2, 2)), z: F(rnd.choice([1, 2, 5]))})]
            hs += [ck._clean({var[i]: F(1), z: F(rnd.choice([1, -1])), var[0]: F(rnd.randint(0, 2))}) for i in range(1, n)]
        else:        # a rational point with non-zero coordinates
            pt = [F(rnd.choice([1, -1, 2, 3]), rnd.choice([1, 2, 3])) for _ in range(n)]
            hs = [{var[i]: F(1), z: -pt[i]} for i in range(n)]
        ps = []
        for _ in range(rnd.randint(1, n + 1)):
            p = {}
            for h in hs:
                if rnd.random() < 0.7:
                    p = add(p, ck._mul(h, rpoly(n)))
            if p:
                ps.append(p)
        if not ps:
            continue
        for torus in (False, True):
            assert ck._unit_ideal(ps, list(range(n)), n, torus=torus) is not True, (ps, torus)


@pytest.mark.parametrize("g,free_critical", [
    # g = (y0 - 1)^2 + y0 (y1 - 1/2)^2: critical zero (1, 1/2) in the torus
    ({(2, 0): F(1), (1, 0): F(-7, 4), (0, 0): F(1), (1, 2): F(1), (1, 1): F(-1)}, True),
    # g = (y0 y1 - 1)^2: critical along a curve
    ({(2, 2): F(1), (1, 1): F(-2), (0, 0): F(1)}, True),
    # g = (y0^2 + 1)(y1 - 2)^2: complex critical zeros y0 = ±i, y1 = 2
    (ck._mul({(2, 0): F(1), (0, 0): F(1)}, {(0, 2): F(1), (0, 1): F(-4), (0, 0): F(4)}), True),
])
def test_groebner_proof_with_a_critical_zero_is_rejected(g, free_critical, monkeypatch):
    g = ck._clean(g)
    got = both(monkeypatch, ck._check_proof, g, (), 2, {"kind": "groebner"})
    assert got[0][0] == got[1][0] == "fail", got


def test_smooth_factor_singular_in_the_torus_is_rejected(monkeypatch):
    """``f = (y0 - y1)^2 - y0^3``-like cusp moved into the torus: ``(u)^2 - (v)^3`` with
    ``u = y0 - 1/2``, ``v = y1 - 1/2``; witnesses change sign, but ``f`` is singular at
    ``(1/2, 1/2)``."""
    d = 2
    u2 = {(2, 0): F(1), (1, 0): F(-1), (0, 0): F(1, 4)}
    v3 = {(0, 3): F(1), (0, 2): F(-3, 2), (0, 1): F(3, 4), (0, 0): F(-1, 8)}
    f = ck._clean({a: u2.get(a, 0) - v3.get(a, 0) for a in set(u2) | set(v3)})
    w = [["1", "1/2"], ["1/2", "1"]]          # f = 1/4 > 0, f = -1/8 < 0
    got = both(monkeypatch, ck._smooth_with_zeros, f, (), d, w)
    assert got[0][0] == got[1][0] == "fail", got


# ---------------------------------------------------------------- crossings (_torus_meet)

def test_torus_meet_misses_no_point():
    one = F(1)
    # one free variable: gcd (y - 1/2)(y - 1)(y + 2) (y - 1/3)^2
    a = upoly(ck._upoly_mul(from_roots([F(1, 2), 1, -2, F(1, 3), F(1, 3)]), [F(3), F(1)]), 2, 1)
    b = upoly(ck._upoly_mul(from_roots([F(1, 2), 1, -2, F(1, 3)]), [F(5), F(0), F(1)]), 2, 1)
    assert ck._torus_meet(a, b, [1], 2) == {(F(1, 2),), (one,), (F(-2),), (F(1, 3),)}
    # two free variables, the point order follows `free` (here y1, y2 of d = 3)
    P1 = {(0, 0, 1): F(2), (0, 1, 0): F(-1)}                    # 2 y2 - y1: y2 = y1/2
    P2 = {(0, 2, 0): F(1), (0, 0, 0): F(-1, 4)}                 # y1^2 - 1/4
    assert ck._torus_meet(P1, P2, [1, 2], 3) == {(F(1, 2), F(1, 4)), (F(-1, 2), F(-1, 4))}
    assert ck._torus_meet(P2, P1, [1, 2], 3) == {(F(1, 2), F(1, 4)), (F(-1, 2), F(-1, 4))}
    # a point with y_k = 0 (r(y_l) = 0) is not in the torus; the other one is
    P1 = {(1, 0): F(1), (0, 1): F(1), (0, 2): F(-1)}            # y0 + y1 - y1^2: y0 = y1^2 - y1
    P2 = {(0, 1): F(1), (0, 0): F(-1), (0, 2): F(1), (0, 3): F(-1)}   # -(y1 - 1)^2 (y1 + 1)
    assert ck._torus_meet(P1, P2, [0, 1], 2) == {(F(2), F(-1))}
    P2 = {(0, 1): F(-1), (0, 0): F(1), (0, 2): F(1), (0, 3): F(-1)}   # -(y1 - 1)(y1^2 + 1): y1 = ±i
    with pytest.raises(ck._Fail, match="not rational"):
        ck._torus_meet(P1, P2, [0, 1], 2)
    P2 = ck._mul({(0, 1): F(1), (0, 0): F(-2)}, {(0, 1): F(1), (0, 0): F(-1)})  # (y1 - 2)(y1 - 1)
    assert ck._torus_meet(P1, P2, [0, 1], 2) == {(F(2), F(2))}


def test_crossing_tampered_points_rejected(monkeypatch):
    """Two lines through (1/2, 1/2) on the stratum y0 = 0: the point left out, swapped, invented."""
    d = 3
    A = {(0, 1, 0): F(1), (0, 0, 0): F(-1, 2)}          # y1 - 1/2
    B = {(0, 0, 1): F(2), (0, 1, 0): F(-1), (0, 0, 0): F(-1, 2)}   # 2 y2 - y1 - 1/2: y2 = y1/2 + 1/4
    g = ck._mul(ck._pow(A, 2, d), ck._pow(B, 2, d))

    def proof(points):
        return {"kind": "crossing", "q": [[[0, 0, 0], "1"]], "q_proof": {"kind": "positive"},
                "factors": [{"f": terms(A), "c": 2, "witness": [["0", "1", "1"], ["0", "1/4", "1"]]},
                            {"f": terms(B), "c": 2, "witness": [["0", "1/4", "1"], ["0", "1", "1/4"]]}],
                "points": points}

    assert both(monkeypatch, ck._check_proof, g, (0,), d, proof([["1/2", "1/2"]])) == [("ok", None)] * 2
    for pts in ([], [["1/2", "1/4"]], [["1/2", "1/2"], ["1", "3/4"]], [["1/2", "1/2"], ["1/2", "1/2"], ["1", "1"]]):
        got = both(monkeypatch, ck._check_proof, g, (0,), d, proof(pts))
        assert got[0][0] == got[1][0] == "fail", (pts, got)


# ---------------------------------------------------------------- exact division, determinants, minors

def test_div_exact_never_accepts_a_remainder():
    rnd = random.Random(3)
    for _ in range(300):
        n = rnd.randint(1, 3)

        def rp(k):
            p = {}
            for _ in range(k):
                a = tuple(rnd.randint(0, 2) for _ in range(n))
                p[a] = p.get(a, 0) + F(rnd.randint(-3, 3), rnd.randint(1, 3))
            return ck._clean(p)
        g, q, r = rp(rnd.randint(1, 3)), rp(rnd.randint(1, 3)), rp(1)
        if not g or not q or not r:
            continue
        f = ck._mul(g, q)
        got = ck._div_exact(f, g)
        assert got is not None and ck._mul(ck._clean(got), g) == f
        fr = ck._clean({a: f.get(a, 0) + r.get(a, 0) for a in set(f) | set(r)})
        got = ck._div_exact(fr, g) if fr else {}
        if got is not None:
            assert ck._mul(ck._clean(got), g) == fr     # only if r happens to be a multiple of g


def test_reduce_step_with_a_non_multiple_rejected(monkeypatch):
    cert = rlct("x**2*y**2 + (x - y)**4", timeout=60).certificate
    for extra in ([[1, 0], "1"], [[0, 0], "1/3"], [[2, 1], "1"]):   # x, 1/3: no multiple of x*y; x^2 y is
        c = copy.deepcopy(cert)
        (step,) = [s for s in dicts(c) if s.get("step") == "reduce"]
        step["reduced"][0].append(extra)
        got = [(v.ok, v.reason) for v in verdicts_both_ways(ck, c, monkeypatch)]
        assert got[0] == got[1] and not got[0][0], got
        if extra[0] != [2, 1]:
            assert "divisible" in got[0][1]


@pytest.mark.parametrize("M", [
    [[0, 0, 1], [0, 1, 0], [1, 0, 0]], [[0, 1], [1, 0]], [[0, 2, 0], [3, 0, 0], [0, 0, 0]],
    [[1, 2, 3], [2, 4, 6], [0, 0, 1]], [[0, 0, 0, 1], [0, 0, 1, 0], [1, 1, 0, 0], [1, 1, 0, 1]],
    [[2, 1, 0], [0, 0, 1], [4, 2, 1]],
])
def test_det_int_singular_and_permutations(M):
    assert ck._det_int(M) == sympy.Matrix(M).det()


def test_shear_and_chart_determinants_on_both_paths(monkeypatch):
    """A real certificate with a tampered chart matrix B (det 0) is rejected on both paths."""
    cert = rlct("(x**2 - y**3)**2", timeout=60).certificate
    charts = [d for d in dicts(cert) if "B" in d and isinstance(d["B"], list)]
    assert charts
    c = copy.deepcopy(cert)
    ch = [d for d in dicts(c) if "B" in d and isinstance(d["B"], list)][0]
    ch["B"] = [list(ch["B"][0]), list(ch["B"][0])]
    got = [(v.ok, v.reason) for v in verdicts_both_ways(ck, c, monkeypatch)]
    assert got[0] == got[1] and not got[0][0], got


# ---------------------------------------------------------------- real certificates, tampered

def zeros_records(cert):
    return [d for d in dicts(cert) if d.get("kind") == "zeros"]


ZEROS_TAMPER = {
    "drop root": lambda r: r.update(roots=[]),
    "add root": lambda r: r.update(roots=r["roots"] + ["1/2"]),
    "change root": lambda r: r.update(roots=["1/3"]),
    "invent irrational": lambda r: r.update(irrational=[{"m": [[0, "-1/2"], [2, "1"]]}]),
    "var": lambda r: r.update(var=1 - r["var"]),
}


@pytest.mark.parametrize("what", sorted(ZEROS_TAMPER))
def test_real_zeros_certificate_tampered(what, monkeypatch):
    cert = rlct("(x**2 - y**3)**2", timeout=60).certificate
    assert zeros_records(cert)
    for i in range(len(zeros_records(cert))):
        c = copy.deepcopy(cert)
        ZEROS_TAMPER[what](zeros_records(c)[i])
        got = [(v.ok, v.lam, v.m) for v in verdicts_both_ways(ck, c, monkeypatch)]
        assert got[0] == got[1], got
        assert not got[0][0], (what, i)
