"""Generators carried through the toric charts (issue 3, two-variable completeness).

``K = Σ w_i g_i²`` goes through the orthant split, the charts (``G_i = g_i(y^B) / y^{N/2}``) and the
translations to rational zeros of the fiber (``G_i(y + ρ)·y^{N_J/2}``), so that the rules on
generators see the small ``G_i``.  The rule ``coords`` then finishes a translated chart where one
generator is smooth and transversal to the divisor and the others are monomials times units,
instead of expanding ``K`` one Puiseux term at a time (the counterexample below hit the terms
budget at degree 334).
"""
import copy
from concurrent.futures import ThreadPoolExecutor
from fractions import Fraction

import pytest
import sympy
from helpers import dicts

from resolve.fan import chart_cones
from resolve.newton import newton_polyhedron
from resolve.poly import Poly, sum_of_squares
from rlct import rlct, verify
from rlct.engine import Solver
from rlct.strata import chart_gens, translated_gens

X, Y, S, T = sympy.symbols("x y s t")
F1 = (X**2 - X*Y - Y**2)**2 + X**3
F2 = X**6 + 3*X**5*Y
COUNTEREXAMPLE = [str(F1), str(F2)]


def nodes(obj):
    """Every certificate node (a dict with ``rule`` and ``K``) below ``obj``."""
    return (d for d in dicts(obj) if "rule" in d and "K" in d)


def test_counterexample_by_hand():
    """(λ, m) = (7/24, 1) by hand.  The Newton polygon of <f1, f2> has the single compact edge
    x³ + y⁴ (every other monomial of f1, f2 has 4a + 3b > 12), so P(K) has the edge 4a + 3b = 24, the
    diagonal meets it inside at 24/7: (λ, m) ⪯ (7/24, 1) (T7).  The edge is degenerate only where
    x < 0 (x³ + y⁴ = 0).  There, in the chart x = -s⁴, y = s³t (|Jacobian| 4s⁶),
    f1 = s¹²·F·(F - 2) with F = s² + st - t² + 1 and f2 = -s²³·(3t - s): on s = 0 the only zero with
    t > 0 is t = 1, where F - 2 = -2 and 3t - s = 3 are units and ∂F/∂t = -2 ≠ 0.  So (s, z = F) are
    coordinates there and K ≍ s²⁴ (z² + s²²) with prior s⁶: the monomial ideal's Newton polygon
    has facets a >= 24 (ratio 7/24) and a + 11b >= 46 (ratio 46/18 > 24/7, i.e. 18/46 > 7/24), so
    (7/24, 1) there.  Every other point of every chart has only the ratio 7/24 of the divisor of
    (4, 3) (the rays (1, 0), (0, 1) have N = 0), so m = 1."""
    x, y = -S**4, S**3 * T
    F = S**2 + S*T - T**2 + 1
    assert sympy.expand(F1.subs({X: x, Y: y}, simultaneous=True) - S**12 * F * (F - 2)) == 0
    assert sympy.expand(F2.subs({X: x, Y: y}, simultaneous=True) + S**23 * (3*T - S)) == 0
    assert sympy.Matrix([x, y]).jacobian([S, T]).det() == -4 * S**6
    assert F.subs({S: 0, T: 1}) == 0 and sympy.diff(F, T).subs({S: 0, T: 1}) == -2
    assert sympy.Poly(F.subs(S, 0) * (F - 2).subs(S, 0), T).count_roots(0, sympy.oo) == 1
    # the monomial ideal <s^12 z, s^23> with prior s^6: value (7/24, 1)
    r = rlct("s**24*z**2 + s**46", prior="s**6", vars=["s", "z"])
    assert r.status == "exact" and (r.lam, r.m) == (Fraction(7, 24), 1)


@pytest.mark.parametrize("form", ["ideal", "sum of squares"])
def test_counterexample_exact_and_verified(form):
    """As an ideal, and as K written as a sum of squares (how test_two_variable_completeness
    passes it; fully expanded, this K has no forced Gram decomposition, so no generators)."""
    if form == "ideal":
        r = rlct(None, ideal=COUNTEREXAMPLE, timeout=60)
    else:
        r = rlct(F1**2 + F2**2, vars=["x", "y"], timeout=60)
    assert r.status == "exact", r.reason
    assert (r.lam, r.m) == (Fraction(7, 24), 1)
    assert verify(r.certificate).ok
    assert any(n["rule"] == "coords" for n in nodes(r.certificate["root"]))


def test_counterexample_linear_map_oracle():
    """(λ, m) is invariant under invertible linear maps: the copy composed with one agrees."""
    K = sympy.expand((F1**2 + F2**2).subs({X: X + Y, Y: X - 2*Y}, simultaneous=True))
    r = rlct(str(K), timeout=60)   # expanded: no generators, the charts alone
    assert r.status == "exact", r.reason
    assert (r.lam, r.m) == (Fraction(7, 24), 1) and verify(r.certificate).ok


def test_executor_gives_the_same_certificate():
    """Generators travel in the tasks' arguments: the same certificate with an executor."""
    a = rlct(None, ideal=COUNTEREXAMPLE, timeout=60)
    with ThreadPoolExecutor(2) as ex:
        b = rlct(None, ideal=COUNTEREXAMPLE, timeout=60, executor=ex)
    assert a.status == b.status == "exact" and a.certificate == b.certificate


def _random_gens(seed):
    import random

    rng = random.Random(seed)
    gens = []
    for _ in range(rng.randint(1, 3)):
        terms = {(rng.randint(0, 4), rng.randint(0, 4)): Fraction(rng.choice([-3, -2, -1, 1, 2, 3]))
                 for _ in range(rng.randint(1, 4))}
        terms.pop((0, 0), None)
        if terms:
            gens.append((Fraction(rng.choice([1, 2, 3]), rng.choice([1, 2])), Poly(2, terms)))
    return gens


@pytest.mark.parametrize("seed", range(12))
def test_chart_and_translated_gens_sum_to_k(seed):
    """``strict = Σ w G²`` in every chart, and the translated generators give the child's K."""
    gens = _random_gens(seed)
    if not gens:
        return
    K = sum_of_squares(gens, 2)
    for cone in chart_cones(newton_polyhedron(K.support())):
        Kc = K.monomial_map(cone.B)
        N = Kc.min_exponents()
        strict = Kc.div_monomial(N)
        G = chart_gens(gens, cone.B, N)
        assert G is not None and sum_of_squares(G, 2) == strict
        for k in range(2):
            shift = [Fraction(0), Fraction(0)]
            shift[k] = Fraction(1, 3)
            NJ = [0 if i == k else N[i] for i in range(2)]
            child = strict.translate(shift).mul_monomial(NJ)
            assert sum_of_squares(translated_gens(G, shift, NJ), 2) == child


def test_chart_gens_refuse_nonpositive_weights():
    x, y = Poly.variable(2, 0), Poly.variable(2, 1)
    assert chart_gens([(Fraction(1), x), (Fraction(-1), y)], ((1, 0), (0, 1)), (2, 0)) is None


def _coords_node(cert):
    return next(n for n in nodes(cert["root"]) if n["rule"] == "coords")


def verify_node(node) -> bool:
    """The checker on a local problem's node (the certificate's top level wants a point of an
    input K; these nodes are local problems with one-sided variables)."""
    from rlct.checker import _Fail, _node, _seen

    _seen().clear()
    try:
        _node(copy.deepcopy(node), "root", 0)
        return True
    except _Fail:
        return False


def test_coords_rule_directly():
    """A smooth generator transversal to the divisor and a monomial times a unit."""
    s, t = Poly.variable(2, 0), Poly.variable(2, 1)
    one = Poly.constant(2, 1)
    F = t + s * s + t * t * t               # smooth, dF = dt at 0
    g1 = s ** 3 * F * (one + s)             # monomial x smooth x unit
    g2 = s ** 7 * (one + t).scale(2)        # monomial x unit
    gens = [(Fraction(1), g1), (Fraction(1), g2)]
    K = sum_of_squares(gens, 2)
    v, node = Solver().solve(K, (2, 0), ("one", "two"), gens=gens)
    # K ≍ s^6 z^2 + s^14, prior s^2 (τ = (3, 1)): facets a >= 6 (3/6) and a + 4b >= 14 (7/14) both
    # give 1/2, and they meet at the vertex (6, 2) = 2·τ: (1/2, 2)
    assert node["rule"] == "coords" and v.is_exact and (v.lo, v.m) == (Fraction(1, 2), 2)
    assert verify_node(node)


def test_coords_rule_declines_a_factor_tangent_to_the_divisor():
    """``s + t²`` is smooth but its differential is ``ds``: not a coordinate next to ``s``."""
    s, t = Poly.variable(2, 0), Poly.variable(2, 1)
    gens = [(Fraction(1), s + t * t), (Fraction(1), s ** 3)]
    K = sum_of_squares(gens, 2)
    assert Solver()._coords(K, (2, 0), ("one", "two"), gens) is None
    v, _ = Solver().solve(K, (2, 0), ("one", "two"), gens=gens)
    assert v.is_exact and (v.lo, v.m) == (Fraction(7, 4), 1)   # Newton: s² + t⁴ nondegenerate for s >= 0


def test_checker_rejects_dependent_coordinates():
    """A node claiming ``(s, z = s + t²)`` are coordinates -- everything else consistent -- would
    give ``z² + s⁶`` with value (1, 1) instead of the true (7/4, 1): the rank check must catch it."""
    s, t = Poly.variable(2, 0), Poly.variable(2, 1)
    gens = [(Fraction(1), s + t * t), (Fraction(1), s ** 3)]
    K = sum_of_squares(gens, 2)
    z = Poly.variable(2, 1)
    mono = [(Fraction(1), z), (Fraction(1), s ** 3)]
    v, child = Solver().solve(sum_of_squares(mono, 2), (2, 0), ("one", "two"), gens=mono)
    assert (v.lo, v.m) == (Fraction(1), 1)
    node = {"id": "x", "K": K.to_terms(), "e": [2, 0], "sides": ["one", "two"], "rule": "coords",
            "gens": [["1", g.to_terms()] for _, g in gens], "D": [0], "F": [(s + t * t).to_terms()],
            "parts": [{"mu": [0, 0], "c": [1], "unit": [[[0, 0], "1"]]},
                      {"mu": [3, 0], "c": [0], "unit": [[[0, 0], "1"]]}], "node": child}
    assert not verify_node(node)
    node["F"], node["parts"][0]["c"] = [t.to_terms()], [1]   # now inconsistent with the generator
    assert not verify_node(node)


@pytest.fixture(scope="module")
def cert():
    r = rlct(None, ideal=COUNTEREXAMPLE, timeout=60)
    assert r.status == "exact"
    return r.certificate


TAMPER = {
    "unit": lambda n: n["parts"][1].__setitem__("unit", [[[0, 0], "5"]]),
    "unit vanishing": lambda n: n["parts"][1]["unit"].__setitem__(0, [n["parts"][1]["unit"][0][0], "0"]),
    "D drops a divisor": lambda n: n.__setitem__("D", [j for j in n["D"] if j != n["D"][-1]]),
    "F not through 0": lambda n: n["F"][0].append([[0, 0], "1"]),
    "F dependent": lambda n: n.__setitem__("F", [[[[0, 1], "1"]]] + n["F"][1:]),
    "exponent": lambda n: n["parts"][0]["mu"].__setitem__(-1, n["parts"][0]["mu"][-1] + 1),
    "weight": lambda n: n["gens"][0].__setitem__(0, "2"),
    "child sides": lambda n: n["node"].__setitem__("sides", ["one"] * len(n["node"]["sides"])),
}


@pytest.mark.parametrize("how", sorted(TAMPER))
def test_tampered_coords_node_is_rejected(cert, how):
    bad = copy.deepcopy(cert)
    node = _coords_node(bad)
    TAMPER[how](node)
    assert not verify(bad).ok


def test_untampered_coords_node_verifies(cert):
    assert verify(copy.deepcopy(cert)).ok
    node = _coords_node(cert)
    assert verify_node(node)
    assert len(node["F"]) == 1 and len(node["parts"]) == 2


# ---------------------------------------------------------------- irrational zeros of the fiber
# The same rule at the irrational roots of an irreducible factor m on a divisor: one smooth
# generator F with m | F(y_j = 0), transversal there (gcd(m, ∂F) = 1), the others monomials in
# y_j times units (gcd(m, unit) = 1); every root gives the same child, no number-field arithmetic.
# Found by the random search of issue 3 (degree <= 6 generators, linear maps), where the
# number-field recursion ran out of time or made certificates too large to check.
IRRATIONAL_CASES = [   # generators, linear map, (λ, m) of the unmapped form
    (["x**6 - 6*x**4*y**2 + 2*x**3*y**3 + 9*x**2*y**4 - 7*x*y**5 - x*y + y**6", "-2*x*y**3"], (0, 2, 1, -2),
     (Fraction(1, 2), 2)),
    (["x**4 - 3*x**3*y - 2*x**2*y**3 + 3*x*y**2 + y**6", "-2*x**5*y + 2*x**4*y**2"], (2, -2, -1, 0),
     (Fraction(5, 16), 1)),
    (["x**3 + 3*x**2*y - x*y**5 - y**2", "x**6 - 4*x**3*y**3 + 4*y**6"], (2, 2, 0, 2), (Fraction(5, 12), 1)),
]


def _irrational_coords(cert):
    out = []

    def walk(o):
        if isinstance(o, dict):
            if isinstance(o.get("irrational"), list):
                out.extend(r for r in o["irrational"] if isinstance(r, dict) and "coords" in r)
            for v in o.values():
                walk(v)
        elif isinstance(o, list):
            for v in o:
                walk(v)
    walk(cert)
    return out


@pytest.mark.parametrize("fs, mat, want", IRRATIONAL_CASES, ids=["s6408", "s6124", "s6730"])
def test_irrational_roots_by_generators(fs, mat, want):
    """Exact, verified, and equal to the unmapped form's value (a theorem: linear maps keep (λ, m))."""
    a, b, c, d = mat
    K0 = sympy.Add(*[sympy.sympify(f) ** 2 for f in fs])
    K = K0.subs({X: a * X + b * Y, Y: c * X + d * Y}, simultaneous=True)
    r0, r = rlct(K0, vars=["x", "y"], timeout=60), rlct(K, vars=["x", "y"], timeout=60)
    assert r0.status == "exact" and r.status == "exact", (r0.reason, r.reason)
    assert (r0.lam, r0.m) == (r.lam, r.m) == want
    assert verify(r.certificate).ok and verify(r0.certificate).ok
    assert _irrational_coords(r.certificate)


def _strict_case():
    """strict = (F·(1 + x))² + (x·y²)² with F = x² - 1/2 + x·y: at x = 1/√2 on y = 0, F is
    transversal (∂_x F = √2), so the local problem is ≍ z² + y⁴: (1/2 + 1/4, 1)."""
    x, y = Poly.variable(2, 0), Poly.variable(2, 1)
    one = Poly.constant(2, 1)
    F = x * x - one.scale(Fraction(1, 2)) + x * y
    gens = [(Fraction(1), F * (one + x)), (Fraction(1), x * y * y)]
    return sum_of_squares(gens, 2), gens


def _coords_roots(*args):
    """The checker's verification of a ``coords`` record at irrational roots (node ids reset, as
    :func:`rlct.verify` does per certificate)."""
    from rlct.checker import _coords_roots as check, _seen

    _seen().clear()
    return check(*args)


def test_coords_at_roots_engine_and_checker_agree():
    strict, gens = _strict_case()
    m = {0: Fraction(-1, 2), 2: Fraction(1)}
    found = Solver()._coords_at_roots(strict, (0, 0), (0, 0), 1, 0, m, gens)
    assert found is not None
    rec, v = found
    assert (v.lo, v.m) == (Fraction(3, 4), 1)
    assert _coords_roots(strict.terms, (1,), 0, (0, 0), (0, 0), m, copy.deepcopy(rec), 2) == (Fraction(3, 4), 1)


def test_coords_at_roots_checker_rejects():
    from rlct.checker import _Fail

    strict, gens = _strict_case()
    m = {0: Fraction(-1, 2), 2: Fraction(1)}
    rec, _ = Solver()._coords_at_roots(strict, (0, 0), (0, 0), 1, 0, m, gens)

    def rejected(r, strict_terms=strict.terms, mm=m):
        try:
            _coords_roots(strict_terms, (1,), 0, (0, 0), (0, 0), mm, r, 2)
        except _Fail:
            return True
        return False

    assert not rejected(copy.deepcopy(rec))
    for how in ("F", "unit", "mu", "c", "child"):
        bad = copy.deepcopy(rec)
        if how == "F":
            bad["F"] = bad["F"] + [[[0, 1], "1"]]
        elif how == "unit":
            bad["parts"][1]["unit"] = [[[2, 0], "1"], [[0, 0], "-1/2"]]   # vanishes at the roots
        elif how == "mu":
            bad["parts"][1]["mu"] += 1
        elif how == "c":
            bad["parts"][0]["c"] += 1
        else:
            bad["node"]["K"] = [[[0, 2], "1"], [[4, 0], "2"]]
        assert rejected(bad), how
    # another m (its roots are not zeros of F): m must divide F on the divisor
    assert rejected(copy.deepcopy(rec), mm={0: Fraction(-1, 3), 2: Fraction(1)})


def test_coords_at_roots_checker_rejects_a_tangent_factor():
    """F = (x² - 1/2)² + y vanishes at the roots of m but ∂_x F does too (not a coordinate next to
    y): a record claiming the child z² + y⁶ (value (2/3, 1)) must be refused."""
    from rlct.checker import _Fail

    x, y = Poly.variable(2, 0), Poly.variable(2, 1)
    half = Poly.constant(2, Fraction(1, 2))
    F = (x * x - half) * (x * x - half) + y
    gens = [(Fraction(1), F), (Fraction(1), y ** 3)]
    strict = sum_of_squares(gens, 2)
    m = {0: Fraction(-1, 2), 2: Fraction(1)}
    assert Solver()._coords_at_roots(strict, (0, 0), (0, 0), 1, 0, m, gens) is None
    child_K = Poly(2, {(0, 2): Fraction(1), (6, 0): Fraction(1)})
    v, child = Solver().solve(child_K, (0, 0), ("one", "two"))
    assert (v.lo, v.m) == (Fraction(2, 3), 1)
    rec = {"gens": [["1", g.to_terms()] for _, g in gens], "F": F.to_terms(),
           "parts": [{"mu": 0, "c": 1, "unit": [[[0, 0], "1"]]}, {"mu": 3, "c": 0, "unit": [[[0, 0], "1"]]}],
           "node": child}
    with pytest.raises(_Fail, match="transversal"):
        _coords_roots(strict.terms, (1,), 0, (0, 0), (0, 0), m, rec, 2)


def test_numberfield_cases_by_generators():
    """The number-field test cases given as sums of squares: where the generators decide the
    irrational zeros (rule coords), the value is the number-field recursion's (on the expanded K,
    tests/test_numberfield.py)."""
    from test_numberfield import CASES

    used = 0
    for K, lam, m in CASES:
        r = rlct(K, timeout=60)
        assert r.status == "exact" and (r.lam, r.m) == (lam, m) and verify(r.certificate).ok, K
        used += bool(_irrational_coords(r.certificate))
    assert used >= 2


def test_e18_by_generators(monkeypatch):
    """E18 ((x² - 2y²)² + y⁶, worked example (1/2, 2)) with the m-adic shortcut off: the generators
    decide the zeros at x = √2·y (rule coords at the roots of t² - 1/2 or t² - 2), no number field."""
    import resolve.madic

    monkeypatch.setattr(resolve.madic, "madic_value", lambda *a, **k: None)
    r = rlct("(x**2-2*y**2)**2+y**6", timeout=60)
    assert r.status == "exact" and (r.lam, r.m) == (Fraction(1, 2), 2) and verify(r.certificate).ok
    assert _irrational_coords(r.certificate)
