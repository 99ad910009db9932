"""Generators recovered from an expanded K (resolve.sos.gram_sos): the answer must not depend on
how K is written, and expanded regression models reach the block rules."""
from fractions import Fraction

import pytest
import sympy

from helpers import load
from resolve.poly import Poly, sum_of_squares
from resolve.sos import gram_sos
from rlct import rlct
from rlct.parse import parse_polynomial

CASES = [c for c in load("known_results.json") if len(c["vars"]) <= 6 and not c.get("point")]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_expanded_corpus_keeps_its_value(case):
    K = str(sympy.expand(parse_polynomial(case["K"])))
    r = rlct(K, vars=case["vars"], prior=case.get("prior") or None, timeout=20)
    lam = Fraction(case["lam"])
    if r.status == "exact":
        assert (r.lam, r.m) == (lam, case["m"])
    else:
        assert r.lambda_lower <= lam <= r.lambda_upper


@pytest.mark.parametrize("gens, lam, m", [
    (["a*e - b*d", "a*f - c*d", "b*f - c*e"], Fraction(1), 1),                       # 2x2 minors of 2x3
    (["b11*a11 + b12*a21", "b11*a12 + b12*a22", "b21*a11 + b22*a21", "b21*a12 + b22*a22"],
     Fraction(3, 2), 1),                                                              # rrr 2x2x2
    (["a1*b1 + a2*b2", "a1*b1**3 + a2*b2**3"], Fraction(2, 3), 1),                    # tanh H = 2
])
def test_expanded_models_are_exact(gens, lam, m):
    """The benchmark set's expanded forms (benchmarks/bench_polys.json); the values are the
    corpus' (rrr_M2_N2_H2_r0, tanh_1d_H2) and the ideal form's."""
    K = str(sympy.expand(sum(parse_polynomial(g) ** 2 for g in gens)))
    r, ri = rlct(K, timeout=30), rlct(ideal=gens, timeout=30)
    assert (r.status, r.lam, r.m) == (ri.status, ri.lam, ri.m) == ("exact", lam, m)


def test_gram_sos_declines_when_not_forced_or_not_psd():
    x, y = Poly.variable(2, 0), Poly.variable(2, 1)
    assert gram_sos(x * x - y * y) is None                     # not a sum of squares
    assert gram_sos(x * x * y * y + x * x + y * y) is not None
    K = (x * x + y * y) * (x * x + y * y)                       # x^2y^2 = (xy)^2 = x^2 * y^2: not forced
    assert gram_sos(K) is None
    found = gram_sos((x * y + y * y * y) * (x * y + y * y * y) + x * x)
    assert sum_of_squares(found, 2) == (x * y + y * y * y) * (x * y + y * y * y) + x * x
