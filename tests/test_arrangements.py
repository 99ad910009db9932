"""Engine vs. the real-hyperplane-arrangement oracle (docs/algorithm.md T10, arXiv:2411.13392).

For K = (Π_j l_j^{s_j})² with integer linear forms l_j, λ = rlct(|f|)/2 and m are given in closed
form by :func:`oracles.arrangement_rlct`.  The engine must return exactly that, or bounds that
contain λ.  Bounds are tolerated (and counted); any disagreement fails.
"""
from collections import Counter
from fractions import Fraction

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oracles import arrangement_K_lambda, arrangement_rlct
from rlct import rlct, verify

X, Y, Z = sympy.symbols("x y z")
VARS = [X, Y, Z]
F = Fraction

# ---------------------------------------------------------------------------------------------
# 1. The oracle itself on the worked examples (docs/algorithm.md §10 table).

ORACLE_CASES = [
    # (name, forms, exps, (λ(K), m) for K = f²)
    ("E15 (x²−y²)²", [(1, -1), (1, 1)], [1, 1], (F(1, 2), 2)),
    ("E19 (xy(x−y))²", [(1, 0), (0, 1), (1, -1)], [1, 1, 1], (F(1, 3), 1)),
    ("E19b (xy(x−y)(x+y))²", [(1, 0), (0, 1), (1, -1), (1, 1)], [1, 1, 1, 1], (F(1, 4), 1)),
    ("E16 (x−y)²", [(1, -1)], [1], (F(1, 2), 1)),
    ("x²y²", [(1, 0), (0, 1)], [1, 1], (F(1, 2), 2)),
    ("x²y²z²", [(1, 0, 0), (0, 1, 0), (0, 0, 1)], [1, 1, 1], (F(1, 2), 3)),
    # merging proportional forms: (x−y)(2y−2x) defines one line with s = 2 → K ~ (x−y)⁴
    ("(x−y)²(2y−2x)²", [(1, -1), (-2, 2)], [1, 1], (F(1, 4), 1)),
    # x²y⁴ (s = 1, 2): min(1/1, 1/2, 2/3) = 1/2 at H_y only
    ("(x y²)²", [(1, 0), (0, 1)], [1, 2], (F(1, 4), 1)),
    # forms not spanning R³: (xy)² in 3 variables is still (1/2, 2)
    ("x²y² in R³", [(1, 0, 0), (0, 1, 0)], [1, 1], (F(1, 2), 2)),
]


@pytest.mark.parametrize("name,forms,exps,expected", ORACLE_CASES, ids=[c[0] for c in ORACLE_CASES])
def test_oracle_worked_examples(name, forms, exps, expected):
    assert arrangement_K_lambda(forms, exps) == expected


def test_oracle_unhalved():
    # rlct(|xy(x−y)|) = codim(0)/3 = 2/3 (Mustață / arXiv:2411.13392 for generic lines)
    assert arrangement_rlct([(1, 0), (0, 1), (1, -1)], [1, 1, 1]) == (F(2, 3), 1)


@pytest.mark.parametrize("name,forms,exps,expected", ORACLE_CASES, ids=[c[0] for c in ORACLE_CASES])
def test_engine_worked_examples(name, forms, exps, expected):
    nvars = len(forms[0])
    check(forms, exps, nvars)


# ---------------------------------------------------------------------------------------------
# 2. Engine vs. oracle on random arrangements.

STATS: Counter = Counter()
BOUNDS_CASES: list = []


@pytest.fixture(scope="module", autouse=True)
def _report_bounds(request):
    yield
    tr = request.config.pluginmanager.get_plugin("terminalreporter")
    msg = (f"arrangements: {STATS['calls']} rlct calls, {STATS['exact']} exact, "
           f"{STATS['bounds']} bounds (2 vars: {STATS['bounds2']}, 3 vars: {STATS['bounds3']}; "
           f"product form: {STATS['bounds_product']}, expanded: {STATS['bounds_expanded']})")
    capman = request.config.pluginmanager.get_plugin("capturemanager")
    if tr is not None and capman is not None:
        with capman.global_and_fixture_disabled():
            tr.write_line("")
            tr.write_line(msg)
    elif tr is not None:
        tr.write_line(msg)
    else:  # pragma: no cover
        print(msg)


@st.composite
def arrangements(draw, nvars):
    n = draw(st.integers(2, 4))
    forms = [tuple(draw(st.lists(st.integers(-3, 3), min_size=nvars, max_size=nvars).filter(any)))
             for _ in range(n)]
    exps = [draw(st.sampled_from([1, 2])) for _ in range(n)]
    return forms, exps


def product_string(forms, exps, nvars):
    factors = []
    for l, s in zip(forms, exps):
        lin = sympy.Add(*[c * v for c, v in zip(l, VARS[:nvars])])
        factors.append(f"({lin})" + ("**2" if s == 2 else ""))
    return f"({'*'.join(factors)})**2"


def check(forms, exps, nvars):
    lam, m = arrangement_K_lambda(forms, exps)
    prod = product_string(forms, exps, nvars)
    expanded = str(sympy.expand(sympy.sympify(prod)))
    for kind, K in (("product", prod), ("expanded", expanded)):
        r = rlct(K, vars=[str(v) for v in VARS[:nvars]], timeout=TIMEOUT[nvars])
        STATS["calls"] += 1
        if r.status == "exact":
            STATS["exact"] += 1
            assert (r.lam, r.m) == (lam, m), f"{kind} K={K}: engine ({r.lam}, {r.m}) != oracle ({lam}, {m})"
            assert verify(r.certificate).ok, f"{kind} K={K}: certificate does not verify"
        else:
            assert r.status == "bounds", f"{kind} K={K}: status {r.status}"
            STATS["bounds"] += 1
            STATS[f"bounds{nvars}"] += 1
            STATS[f"bounds_{kind}"] += 1
            BOUNDS_CASES.append((kind, K, r.lambda_lower, r.lambda_upper, r.reason, round(r.seconds, 2)))
            assert r.lambda_lower <= lam <= r.lambda_upper, (
                f"{kind} K={K}: bounds [{r.lambda_lower}, {r.lambda_upper}] miss oracle λ={lam}")


TIMEOUT = {2: 10, 3: 3}
SETTINGS = settings(max_examples=40, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@SETTINGS
@given(arrangements(2))
def test_arrangements_2d(arr):
    check(*arr, nvars=2)


@SETTINGS
@given(arrangements(3))
def test_arrangements_3d(arr):
    check(*arr, nvars=3)
