"""The sympy-free fast paths of :mod:`rlct.checker` (``_FAST``): each gives the sympy call's
decision, so verdicts are the same with and without them, and common certificates are checked
without importing sympy (start-up time of the CLI)."""
import importlib
import json
import subprocess
import sys
from fractions import Fraction
from itertools import combinations
from pathlib import Path

import pytest
import sympy
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from rlct import rlct

from helpers import dicts, load, verdicts_both_ways

ck = importlib.import_module("rlct.checker")
ROOT = Path(__file__).resolve().parent.parent
SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ---------------------------------------------------------------- corpus verdicts

CORPUS = [c for c in load("known_results.json") if len(c["vars"]) <= 6]
BENCH = [c for c in json.loads((ROOT / "benchmarks" / "bench_polys.json").read_text())["cases"]
         if len(c["vars"]) <= 6]
_CERTS: dict = {}


def certificate(kind, case):
    key = (kind, case["id"])
    if key not in _CERTS:
        if kind == "corpus":
            r = rlct(case["K"], vars=case["vars"], at=case.get("point") or None,
                     prior=None if case.get("prior", "1") == "1" else case["prior"], timeout=20)
        else:
            r = rlct(ideal=case["gens"], vars=case["vars"], timeout=20)
        _CERTS[key] = r.certificate if r.status == "exact" else None
    return _CERTS[key]


def verdict(cert):
    v = ck.verify(cert)
    return v.ok, v.lam, v.m


@pytest.mark.parametrize("kind,case", [("corpus", c) for c in CORPUS] + [("bench", c) for c in BENCH],
                         ids=[f"corpus-{c['id']}" for c in CORPUS] + [f"bench-{c['id']}" for c in BENCH])
def test_same_verdict_with_and_without_fast_paths(kind, case, monkeypatch):
    cert = certificate(kind, case)
    if cert is None:
        pytest.skip("not exact")
    fast = verdict(cert)
    assert fast[0], ck.verify(cert).reason
    monkeypatch.setattr(ck, "_FAST", False)
    assert verdict(cert) == fast


@pytest.mark.parametrize("name", ["A2_cusp_sq", "D4_sq", "braidA3_sq", "degen3_sq", "det2x2_sq", "tripod",
                                  "two_puiseux_sq", "generic5_in4_sq"])
def test_common_certificates_need_no_sympy(name, tmp_path):
    case = next(c for c in BENCH if c["id"] == name)
    cert = certificate("bench", case)
    path = tmp_path / "c.json"
    path.write_text(json.dumps(cert))
    code = ("import sys, importlib; ck = importlib.import_module('rlct.checker'); "
            f"v = ck.verify({str(path)!r}); print(v.ok, 'sympy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.stdout.split() == ["True", "False"], out.stdout + out.stderr


@pytest.mark.parametrize("name,kind,key,value", [
    ("A2_cusp_sq", "zeros", "roots", ["1/2"]),           # a root that is none
    ("A2_cusp_sq", "zeros", "roots", []),                # a root left out
    ("braidA3_sq", "crossing", "points", []),            # an intersection point left out
    ("braidA3_sq", "crossing", "points", [["1", "1/2"]]),
])
def test_tampered_certificates_rejected_on_both_paths(name, kind, key, value, monkeypatch):
    """A wrong root / point list is rejected, with the same reason, by both paths."""
    cert = json.loads(json.dumps(certificate("bench", next(c for c in BENCH if c["id"] == name))))
    proofs = [d for d in dicts(cert) if d.get("kind") == kind]
    assert proofs
    proofs[0][key] = value
    reasons = [(v.ok, v.reason) for v in verdicts_both_ways(ck, cert, monkeypatch)]
    assert reasons[0] == reasons[1] and not reasons[0][0], reasons


# step ``linear`` of parameter programs (as in tests/test_groups.py): the minors, named or all
MIXED = "(4*z0*z2 - 2*z0*z4 + z1*z4)**2+(4*z2*z3 - 2*z3*z4 + z4*z5)**2"
VEC = ("(3*z0*z1 + 7*z0*z2 - 15*z0*z4 - 9*z0*z5 - 3*z1*z3 + z2*z3 + 3*z3*z4 - 3*z3*z5)**2"
       "+(6*z0*z1 + 4*z0*z2 - 10*z0*z4 - 14*z0*z5 - 6*z1*z3 + 4*z2*z3 + 2*z3*z4 - 2*z3*z5)**2")
LINEAR_TAMPER = {
    "as made": lambda s: None,
    "drop a Y variable": lambda s: s["Y"].pop(),
    "claim a minor": lambda s: s.update(proof={"minor": s["Y"][:len(s["I"])]}),
    "claim other minor": lambda s: s.update(proof={"minor": s["Y"][-len(s["I"]):]}),
    "other slot": lambda s: s.update(slots=[y for y in s["Y"] if y not in s["slots"]][:len(s["I"])]),
}


@pytest.mark.parametrize("K", [MIXED, VEC], ids=["mixed", "vec"])
@pytest.mark.parametrize("what", sorted(LINEAR_TAMPER))
def test_linear_step_same_verdict(K, what, monkeypatch):
    if K not in _CERTS:
        r = rlct(K, timeout=60)
        _CERTS[K] = r.certificate if r.status == "exact" else None
    if _CERTS[K] is None:
        pytest.skip("not exact")
    cert = json.loads(json.dumps(_CERTS[K]))
    steps = [d for d in dicts(cert) if d.get("step") == "linear"]
    if not steps:
        pytest.skip("no step linear")
    LINEAR_TAMPER[what](steps[0])
    got = [(v.ok, v.reason, v.lam, v.m) for v in verdicts_both_ways(ck, cert, monkeypatch)]
    assert got[0] == got[1]
    assert got[0][0] == (what == "as made"), got[0]


# ---------------------------------------------------------------- strategies

small = st.fractions(min_value=-4, max_value=4, max_denominator=4)
tiny = st.integers(-2, 2).map(Fraction)


def polys(n, max_exp=3, max_terms=5, coeffs=small):
    mono = st.tuples(*[st.integers(0, max_exp)] * n)
    return st.dictionaries(mono, coeffs.filter(bool), max_size=max_terms)


def to_sympy(p, syms):
    return sympy.Add(*[sympy.Rational(c.numerator, c.denominator) * sympy.Mul(*[s**k for s, k in zip(syms, a)])
                       for a, c in p.items()])


# ---------------------------------------------------------------- determinants, ranks, minors

@SETTINGS
@given(st.integers(0, 5).flatmap(lambda n: st.lists(st.lists(st.integers(-6, 6), min_size=n, max_size=n),
                                                    min_size=n, max_size=n)))
def test_det_int_is_sympy_det(M):
    assert ck._det_int(M) == (sympy.Matrix(M).det(method="bareiss") if M else 1)


@SETTINGS
@given(st.integers(1, 4), st.integers(1, 5), st.data())
def test_rank_is_sympy_rank(r, c, data):
    rows = data.draw(st.lists(st.lists(st.sampled_from([Fraction(0), Fraction(1), Fraction(-1), Fraction(1, 2)]),
                                       min_size=c, max_size=c), min_size=r, max_size=r))
    assert ck._rank(rows) == sympy.Matrix(rows).rank()


@SETTINGS
@given(st.integers(1, 3), st.integers(1, 3), st.data())
def test_all_minors_are_sympy_minors(k, extra, data):
    n = k + extra - 1
    d = 2
    M = [[data.draw(polys(d, 2, 3)) for _ in range(n)] for _ in range(k)]
    ys = sympy.symbols("y0:2")
    got = ck._all_minors(M, d)
    S = sympy.Matrix([[to_sympy(p, ys) for p in row] for row in M])
    for cols in combinations(range(n), k):
        want = sympy.expand(S[:, list(cols)].det())
        assert sympy.expand(to_sympy(got[cols], ys) - want) == 0


# ---------------------------------------------------------------- exact division

@SETTINGS
@given(st.integers(1, 3).flatmap(lambda n: st.tuples(polys(n), polys(n), polys(n))))
def test_div_exact_is_sympy_div(fgq):
    f, g, q = fgq
    assume(g)
    n = len(next(iter(g)))
    ys = sympy.symbols(f"y0:{n}")
    for F in (f, ck._mul(g, q)):   # arbitrary, and divisible
        got = ck._div_exact(F, g)
        sq, sr = sympy.div(sympy.Poly(to_sympy(F, ys), *ys), sympy.Poly(to_sympy(g, ys), *ys))
        assert (got is not None) == sr.is_zero
        if got is not None:
            assert ck._clean(got) == {tuple(a): Fraction(int(v.p), int(v.q)) for a, v in sq.terms() if v}
    assert ck._clean(ck._div_exact(ck._mul(g, q), g)) == ck._clean(q)


def test_exact_div_failure_is_the_same(monkeypatch):
    f = {(2, 0): Fraction(1), (0, 1): Fraction(1)}
    g = {(1, 0): Fraction(1)}
    for fast in (True, False):
        monkeypatch.setattr(ck, "_FAST", fast)
        with pytest.raises(ck._Fail, match="is not divisible"):
            ck._exact_div(f, g, 2, "x")
        assert ck._exact_div(ck._mul(f, g), g, 2, "x") == f


# ---------------------------------------------------------------- real root counting

roots01 = st.sampled_from([Fraction(0), Fraction(1), Fraction(1, 2), Fraction(-1), Fraction(2), Fraction(1, 3),
                           Fraction(3, 2), Fraction(-1, 2), Fraction(5, 7)])


def from_roots(rs, extra):
    p = [Fraction(1)]
    for r in rs:
        p = ck._upoly_mul(p, [-r, Fraction(1)])
    return ck._upoly_mul(p, extra) if extra else p


@SETTINGS
@given(st.lists(roots01, max_size=5), st.lists(small, min_size=0, max_size=4), roots01, roots01)
def test_sturm_count_is_sympy_count_roots(rs, extra, a, b):
    p = from_roots(rs, extra)
    assume(any(p))
    lo, hi = min(a, b), max(a, b)
    y = sympy.Symbol("y")
    want = sympy.Poly(list(reversed(p)), y, domain="QQ").count_roots(lo, hi)
    assert ck._sturm_count(p, lo, hi) == want


@SETTINGS
@given(st.lists(small, min_size=1, max_size=7))
def test_sturm_count_random_coefficients(p):
    assume(any(p))
    y = sympy.Symbol("y")
    assert ck._sturm_count(p, Fraction(0), Fraction(1)) == \
        sympy.Poly(list(reversed(p)), y, domain="QQ").count_roots(0, 1)


@SETTINGS
@given(st.lists(roots01, max_size=4), st.lists(small, max_size=4), st.integers(1, 2))
def test_roots_fast_is_sympy(rs, extra, power):
    p = from_roots(rs, extra)
    base = p
    for _ in range(power - 1):
        p = ck._upoly_mul(p, base)
    p = ck._upoly_trim(p)
    assume(p and p[0])   # p(0) != 0, as in proof 'zeros'
    got = ck._roots_fast(p)
    y = sympy.Symbol("y")
    P = sympy.Poly(list(reversed(p)), y, domain="QQ")
    mine = sorted(Fraction(int(r.p), int(r.q)) for r in {r for r in sympy.real_roots(P) if 0 < r <= 1}
                  if r.is_Rational)
    irr = [f for f, _ in P.factor_list()[1] if f.degree() >= 2 and f.count_roots(0, 1) > 0]
    if got is None:
        assert irr, "fast path declined without an irrational root in [0, 1]"
    else:
        assert got == (mine, []) and not irr


# ---------------------------------------------------------------- Gröbner: is the ideal (1)?

@SETTINGS
@given(st.integers(1, 3).flatmap(lambda n: st.tuples(st.just(n), st.lists(polys(n, 2, 4), min_size=1, max_size=3))),
       st.booleans())
def test_unit_ideal_is_sympy_groebner(n_ps, torus):
    n, ps = n_ps
    ps = [p for p in ps if p]
    assume(ps)
    got = ck._unit_ideal(ps, list(range(n)), n, torus=torus)
    ys, t = sympy.symbols(f"y0:{n}"), sympy.Symbol("t")
    eqs = [to_sympy(p, ys) for p in ps] + ([1 - t * sympy.Mul(*ys)] if torus else [])
    gens = [*ys, t] if torus else list(ys)
    want = list(sympy.groebner(eqs, *gens, order="grevlex", domain="QQ").exprs) == [1]
    assert got is None or got == want   # None: limits hit, sympy decides


def test_unit_ideal_examples():
    x, y, one = (1, 0), (0, 1), Fraction(1)
    # x*y - 1 and x - 1, y - 2: no common zero
    assert ck._unit_ideal([{(1, 1): one, (0, 0): -one}, {x: one, (0, 0): -one}, {y: one, (0, 0): -2 * one}],
                          [0, 1], 2) is True
    # x^2 - y, x*y - 1: common zeros (cube roots of unity)
    assert ck._unit_ideal([{(2, 0): one, y: -one}, {(1, 1): one, (0, 0): -one}], [0, 1], 2) is False
    # x*y in the torus: no zero there
    assert ck._unit_ideal([{(1, 1): one}], [0, 1], 2, torus=True) is True
    # a variable outside gens: not decided here
    assert ck._unit_ideal([{(1, 1): one}], [0], 2) is None


def test_unit_ideal_limits_give_up(monkeypatch):
    monkeypatch.setattr(ck, "_GB_WORK", 5)
    ps = [{(2, 0): Fraction(1), (0, 1): Fraction(-1)}, {(1, 1): Fraction(1), (0, 0): Fraction(-1)}]
    assert ck._unit_ideal(ps, [0, 1], 2) is None
    assert ck._groebner_one(ps, 2, [0, 1]) is False   # sympy decides


# ---------------------------------------------------------------- torus intersections (crossing)

def sympy_meet(a, b, free, d):
    """The sympy code of ``_check_crossing`` for one pair: the torus points, or the failure."""
    ys, t = sympy.symbols(f"y0:{d}"), sympy.Symbol("t")
    vs = [ys[k] for k in free]
    G = sympy.groebner([to_sympy(a, ys), to_sympy(b, ys), 1 - t * sympy.Mul(*vs)], *vs, t, order="lex",
                       domain="QQ")
    if list(G.exprs) == [1]:
        return set()
    if not G.is_zero_dimensional:
        return "two zero factors meet in a positive-dimensional set"
    out = set()
    for sol in sympy.solve(list(G.exprs), [*vs, t], dict=True):
        vals = [sol.get(v) for v in vs]
        if not all(x is not None and x.is_Rational for x in vals):
            return "an intersection point is not rational"
        out.add(tuple(Fraction(int(x.p), int(x.q)) for x in vals))
    return out


def fast_meet(a, b, free, d):
    try:
        return ck._torus_meet(a, b, free, d)
    except ck._Fail as exc:
        return exc.msg


lin_roots = st.sampled_from([Fraction(1), Fraction(-1), Fraction(2), Fraction(1, 2), Fraction(0)])


@SETTINGS
@given(st.lists(lin_roots, max_size=3), st.lists(lin_roots, max_size=3), st.lists(small, max_size=3),
       st.lists(small, max_size=3))
def test_torus_meet_one_variable(ra, rb, ea, eb):
    a, b = ck._upoly_trim(from_roots(ra, ea)), ck._upoly_trim(from_roots(rb, eb))
    assume(a and b)
    A = {(i,): c for i, c in enumerate(a) if c}
    B = {(i,): c for i, c in enumerate(b) if c}
    got = fast_meet(A, B, [0], 1)
    if got is not None:
        assert got == sympy_meet(A, B, [0], 1)


@SETTINGS
@given(tiny.filter(bool), polys(1, 1, 2, tiny), polys(2, 1, 4, tiny), st.booleans())
def test_torus_meet_two_variables(c, r, other, swap):
    """``a = c·y_k + r(y_l)`` (in either variable, either order) and a bilinear ``b`` (the
    points have degree <= 2: sympy's ``solve`` stays quick)."""
    k, l = (1, 0) if swap else (0, 1)
    a = {tuple(1 if i == k else 0 for i in range(2)): c}
    for (e,), v in r.items():
        a[tuple(e if i == l else 0 for i in range(2))] = a.get(tuple(e if i == l else 0 for i in range(2)), 0) + v
    a = ck._clean(a)
    assume(a and other)
    for x, y in ((a, other), (other, a)):
        got = fast_meet(x, y, [0, 1], 2)
        if got is not None:
            assert got == sympy_meet(x, y, [0, 1], 2)


def test_torus_meet_examples():
    one = Fraction(1)
    y1m1 = {(0, 1): one, (0, 0): -one}     # y1 - 1
    y0m1 = {(1, 0): one, (0, 0): -one}     # y0 - 1
    y0y1m2 = {(1, 1): one, (0, 0): -2 * one}
    assert fast_meet(y1m1, y0m1, [0, 1], 2) == {(one, one)}
    assert fast_meet(y1m1, y0y1m2, [0, 1], 2) == {(2 * one, one)}
    x2m2 = {(2, 0): one, (0, 0): -2 * one}  # y0^2 - 2: irrational
    assert fast_meet(y1m1, x2m2, [0, 1], 2) == "an intersection point is not rational"
    assert fast_meet(y1m1, {(0, 2): one, (0, 0): -one}, [0, 1], 2) == "two zero factors meet in a positive-dimensional set"
