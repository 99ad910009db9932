"""Two independent ways to make charts must agree wherever both finish (issue: degenerate
singularities, item 3): the simplicial refinement of the normal fan ("toric") and iterated
coordinate blow-ups with Zeillinger's strategy ("polyhedra-game").  Also two-variable
completeness: random K = Σ f_i² (deg f_i <= 4) composed with random invertible linear maps."""
from fractions import Fraction

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rlct import RLCTInputError, rlct, verify

from helpers import load
from test_properties import consistent, polys

X, Y = sympy.symbols("x y")
CASES = [c for c in load("known_results.json") if len(c["vars"]) <= 5]
EXAMPLES = [e for e in load("worked_examples.json") if e["id"] not in ("E22",)]


def both(K, **kw):
    """The two chart constructions with the exact rules switched off, so the charts do the work."""
    return (rlct(K, strategy="toric", timeout=10, exact_rules=False, **kw),
            rlct(K, strategy="polyhedra-game", timeout=10, exact_rules=False, **kw))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_paths_agree_on_corpus(case):
    kw = dict(vars=case["vars"], at=case.get("point") or None,
              prior=None if case.get("prior", "1") == "1" else case["prior"])
    from rlct.parse import parse_polynomial

    expanded = str(sympy.expand(parse_polynomial(case["K"])))   # no sos structure: the charts do the work
    a, b = both(expanded, **kw)
    assert consistent(a, b)
    for r in (a, b):
        if r.status == "exact":
            assert r.lam == Fraction(case["lam"]) and verify(r.certificate).ok


@pytest.mark.parametrize("ex", EXAMPLES, ids=[e["id"] for e in EXAMPLES])
def test_paths_agree_on_worked_examples(ex):
    from rlct.parse import parse_polynomial

    K = str(sympy.expand(parse_polynomial(ex["K"])))
    a, b = both(K, prior=None if ex["prior"] == "1" else ex["prior"])
    assert consistent(a, b)
    if b.status == "exact":
        assert (b.lam, b.m) == (Fraction(ex["lam"]), ex["m"]) and verify(b.certificate).ok


def test_unknown_strategy_is_an_input_error():
    with pytest.raises(RLCTInputError):
        rlct("x**2", strategy="magic")


SETTINGS = settings(max_examples=30, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.lists(polys(nvars=2, max_terms=3, max_deg=3), min_size=1, max_size=2))
def test_paths_agree_random(fs):
    K = sympy.Add(*[f ** 2 for f in fs])
    if sympy.expand(K) == 0:
        return
    a, b = both(sympy.expand(K), vars=["x", "y"])
    assert consistent(a, b)


@SETTINGS
@given(st.lists(polys(nvars=2, max_terms=3, max_deg=4), min_size=1, max_size=2),
       st.tuples(*[st.integers(-2, 2)] * 4).filter(lambda m: m[0] * m[3] - m[1] * m[2] != 0))
def test_two_variable_completeness(fs, mat):
    a, b, c, d = mat
    K = sympy.Add(*[f ** 2 for f in fs]).subs({X: a * X + b * Y, Y: c * X + d * Y}, simultaneous=True)
    if sympy.expand(K) == 0:
        return
    r = rlct(K, vars=["x", "y"], timeout=20)
    assert r.status == "exact", (K, r.reason)
    assert verify(r.certificate).ok
