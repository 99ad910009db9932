"""Property tests: invariances and rules that any correct RLCT engine satisfies.

For random K = Σ f_i² (f_i(0) = 0): the answer is invariant under permutations, sign flips,
positive scaling, unit factors and triangular polynomial shears (prior 1); the disjoint sum and
product rules hold; λ lies between 1/ord(K) and the Newton value and d/2.  When one side of a
comparison is only bounds, the bounds must contain the other side's exact value.
"""
from fractions import Fraction

import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rlct import rlct, verify

X, Y, Z = sympy.symbols("x y z")
VARS = [X, Y, Z]

SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@st.composite
def polys(draw, nvars=2, max_terms=3, max_deg=3):
    vs = VARS[:nvars]
    terms = []
    for _ in range(draw(st.integers(1, max_terms))):
        c = draw(st.integers(-3, 3).filter(bool))
        exps = draw(st.lists(st.integers(0, max_deg), min_size=nvars, max_size=nvars).filter(lambda e: 0 < sum(e) <= max_deg))
        terms.append(c * sympy.Mul(*[v ** a for v, a in zip(vs, exps)]))
    return sympy.Add(*terms)


@st.composite
def sos(draw, nvars=2):
    fs = draw(st.lists(polys(nvars), min_size=1, max_size=2))
    K = sympy.Add(*[f ** 2 for f in fs])
    if sympy.expand(K) == 0:
        K = VARS[0] ** 2
    return K


def run(K, **kw):
    return rlct(K, vars=[str(v) for v in VARS[:kw.pop("nvars", 2)]], timeout=10, **kw)


def consistent(a, b) -> bool:
    if a.status == "exact" and b.status == "exact":
        return a.lam == b.lam and a.m == b.m
    if a.status == "exact":
        return b.lambda_lower <= a.lam <= b.lambda_upper
    if b.status == "exact":
        return a.lambda_lower <= b.lam <= a.lambda_upper
    return max(a.lambda_lower, b.lambda_lower) <= min(a.lambda_upper, b.lambda_upper)


@SETTINGS
@given(sos())
def test_permutation(K):
    assert consistent(run(K), run(K.subs({X: Y, Y: X}, simultaneous=True)))


@SETTINGS
@given(sos(), st.sampled_from([(1, -1), (-1, 1), (-1, -1)]))
def test_sign_flips(K, s):
    assert consistent(run(K), run(K.subs({X: s[0] * X, Y: s[1] * Y}, simultaneous=True)))


@SETTINGS
@given(sos(), st.fractions(min_value=Fraction(1, 10), max_value=10).filter(bool))
def test_scaling_and_unit(K, c):
    base = run(K)
    assert consistent(base, run(sympy.Rational(c.numerator, c.denominator) * K))
    assert consistent(base, run((2 + X - Y ** 2) * K))


@SETTINGS
@given(sos(), polys(nvars=1, max_terms=2, max_deg=2))
def test_shear(K, p):
    # y -> y + p(x) with p(0) = 0: an analytic change of coordinates fixing the origin
    assert consistent(run(K), run(K.subs({Y: Y + p}, simultaneous=True)))


@SETTINGS
@given(sos(nvars=1), sos(nvars=1))
def test_sum_and_product_rules(K1, K2):
    a = rlct(K1, vars=["x"])
    b = rlct(K2.subs(X, Y), vars=["y"])
    assert a.status == b.status == "exact"    # one variable: always finished
    s = rlct(K1 + K2.subs(X, Y), vars=["x", "y"])
    p = rlct(K1 * K2.subs(X, Y), vars=["x", "y"])
    assert (s.lam, s.m) == (a.lam + b.lam, a.m + b.m - 1)
    lam = min(a.lam, b.lam)
    assert (p.lam, p.m) == (lam, (a.m if a.lam == lam else 0) + (b.m if b.lam == lam else 0))
    assert verify(s.certificate).ok and verify(p.certificate).ok


@SETTINGS
@given(sos(nvars=3))
def test_bounds_hold(K):
    r = run(K, nvars=3)
    order = min(sum(m) for m in sympy.Poly(sympy.expand(K), *VARS).monoms())
    lo = r.lam if r.status == "exact" else r.lambda_lower
    hi = r.lam if r.status == "exact" else r.lambda_upper
    assert Fraction(1, order) <= lo <= hi <= Fraction(3, 2)
    if r.status == "exact":
        assert verify(r.certificate).ok


@SETTINGS
@given(st.lists(st.lists(st.integers(0, 4), min_size=3, max_size=3).filter(lambda e: sum(e) > 0), min_size=1, max_size=4))
def test_sum_of_squares_of_monomials_is_newton_exact(exps):
    """Lin 2011 Prop 4.17: monomial ideals are sos-nondegenerate, so the Newton value is exact."""
    K = sympy.Add(*[sympy.Mul(*[v ** (2 * a) for v, a in zip(VARS, e)]) for e in exps])
    r = run(K, nvars=3)
    assert r.status == "exact"
    assert verify(r.certificate).ok


@SETTINGS
@given(st.lists(polys(nvars=3, max_terms=3, max_deg=2), min_size=1, max_size=3))
def test_generators_and_expanded_K_agree(fs):
    """The elimination rule works on the generators of K = Σ f_i² as written; the expanded K goes
    through the other rules and charts.  Both must be consistent, and exact answers certified."""
    K = sympy.Add(*[f ** 2 for f in fs])
    if sympy.expand(K) == 0:
        return
    a = run(K, nvars=3)
    b = run(sympy.expand(K), nvars=3)
    assert consistent(a, b)
    for r in (a, b):
        if r.status == "exact":
            assert verify(r.certificate).ok


@SETTINGS
@given(st.lists(polys(nvars=2, max_terms=3, max_deg=2), min_size=1, max_size=2),
       st.fractions(min_value=-2, max_value=2, max_denominator=3),
       st.fractions(min_value=-2, max_value=2, max_denominator=3))
def test_translation_to_a_point(fs, p, q):
    """K(w) at the point (p, q) equals K(w + (p, q)) at the origin."""
    K = sympy.Add(*[f ** 2 for f in fs])
    if sympy.expand(K) == 0:
        return
    P, Q = sympy.Rational(p.numerator, p.denominator), sympy.Rational(q.numerator, q.denominator)
    moved = K.subs({X: X - P, Y: Y - Q}, simultaneous=True)
    a = run(K)
    b = rlct(moved, vars=["x", "y"], at={"x": p, "y": q}, timeout=10)
    assert consistent(a, b)
