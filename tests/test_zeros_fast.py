"""The sympy-free exact decisions of resolve.zeros (Sturm counts, python-flint Groebner bases,
rational torus points) give the same answers as the sympy code they replace (kept as the
fallback and as the reference here), and the fallback is taken when the flint limits are hit."""
import random
import time
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import resolve.zeros as Z
import rlct.strata as S
from resolve.poly import Poly


def roots_in_unit_sympy(coeffs: dict[int, Fraction], inclusive_one: bool = True) -> list:
    """Reference (sympy): real roots of ``sum c_k t^k`` in ``(0, 1]`` as exact sympy numbers (Rational or CRootOf)."""
    import sympy

    t = sympy.Symbol("t")
    p = sympy.Poly({(k,): sympy.Rational(c.numerator, c.denominator) for k, c in coeffs.items()}, t, domain="QQ")
    out = []
    for r in sympy.real_roots(p):
        if r > 0 and (r < 1 or (inclusive_one and r == 1)):
            if r not in out:
                out.append(r)
    return out


def univariate_count_sympy(coeffs: dict[int, Fraction]) -> int:
    """Reference (sympy): distinct real roots in ``(0, 1]`` (``count_roots(0, 1)`` minus a root at 0)."""
    import sympy

    t = sympy.Symbol("t")
    p = sympy.Poly({(k,): sympy.Rational(c.numerator, c.denominator) for k, c in coeffs.items()}, t, domain="QQ")
    n = p.count_roots(0, 1)
    if p.eval(0) == 0:
        n -= 1
    return int(n)


SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ---------------------------------------------------------------- univariate
def expand(factors, lead=Fraction(1)):
    """coefficients of lead * prod (t - r)^k, or of lead * prod q for factors given as coeff lists."""
    p = [lead]
    for f in factors:
        out = [Fraction(0)] * (len(p) + len(f) - 1)
        for i, a in enumerate(p):
            for j, b in enumerate(f):
                out[i + j] += a * b
        p = out
    return {k: c for k, c in enumerate(p) if c}


fracs = st.fractions(min_value=-3, max_value=3, max_denominator=7)
# roots that matter: 0, 1, inside (0, 1), outside, repeated; quadratics with irrational or complex roots
special = st.sampled_from([Fraction(0), Fraction(1), Fraction(1, 2), Fraction(-1), Fraction(2), Fraction(1, 3)])
linear = st.one_of(special, fracs).map(lambda r: [-r, Fraction(1)])
quadratic = st.tuples(fracs, fracs).map(lambda bc: [bc[1], bc[0], Fraction(1)])   # t^2 + b t + c
factor_lists = st.lists(st.one_of(linear, linear, quadratic), min_size=0, max_size=5)


@settings(max_examples=300, **SETTINGS)
@given(factor_lists, st.lists(st.integers(1, 3), min_size=5, max_size=5), fracs.filter(lambda x: x != 0))
def test_sturm_count_equals_sympy(factors, mults, lead):
    fs = [f for f, k in zip(factors, mults) for _ in range(k)]
    coeffs = expand(fs, lead)
    assert Z.sturm_count_unit(coeffs) == univariate_count_sympy(coeffs)
    assert Z._univariate_count(coeffs) == univariate_count_sympy(coeffs)


@settings(max_examples=150, **SETTINGS)
@given(st.dictionaries(st.integers(0, 9), st.integers(-20, 20), min_size=1, max_size=6))
def test_sturm_count_random_dense(coeffs):
    coeffs = {k: Fraction(c) for k, c in coeffs.items()}
    assert Z.sturm_count_unit(coeffs) == univariate_count_sympy(coeffs)


def test_sturm_count_examples():
    assert Z.sturm_count_unit({0: Fraction(1), 1: Fraction(-2), 2: Fraction(1)}) == 1     # (t-1)^2
    assert Z.sturm_count_unit({1: Fraction(-1), 2: Fraction(1)}) == 1                    # t(t-1)
    assert Z.sturm_count_unit({0: Fraction(-1, 2), 2: Fraction(1)}) == 1                 # t^2 - 1/2
    assert Z.sturm_count_unit({0: Fraction(-2), 2: Fraction(1)}) == 0                    # t^2 - 2
    assert Z.sturm_count_unit({0: Fraction(1), 2: Fraction(1)}) == 0                     # t^2 + 1
    assert Z.sturm_count_unit({3: Fraction(5)}) == 0
    assert Z.sturm_count_unit({0: Fraction(7)}) == 0
    assert univariate_count_sympy({0: Fraction(0)}) == Z.sturm_count_unit({0: Fraction(0)}) == -1


@settings(max_examples=200, **SETTINGS)
@given(factor_lists, st.lists(st.integers(1, 3), min_size=5, max_size=5), fracs.filter(lambda x: x != 0),
       st.booleans())
def test_unit_roots_equal_sympy(factors, mults, lead, inclusive_one):
    fs = [f for f, k in zip(factors, mults) for _ in range(k)]
    coeffs = expand(fs, lead)
    rs = roots_in_unit_sympy(coeffs, inclusive_one)
    ref = ([Fraction(int(r.p), int(r.q)) for r in rs if r.is_Rational], not all(r.is_Rational for r in rs))
    assert Z.unit_roots(coeffs, inclusive_one) == ref


# ---------------------------------------------------------------- Groebner: (1) or not
def polys(nvars, max_terms=4, max_deg=3):
    exps = st.lists(st.integers(0, max_deg), min_size=nvars, max_size=nvars).map(tuple)
    coeffs = st.fractions(min_value=-5, max_value=5, max_denominator=4).filter(lambda c: c != 0)
    return st.dictionaries(exps, coeffs, min_size=1, max_size=max_terms).map(lambda d: Poly.from_dict(nvars, d))


@st.composite
def systems(draw, max_vars=3):
    n = draw(st.integers(1, max_vars))
    # small: sympy's Buchberger (the reference) can take minutes on random dense systems
    gens = draw(st.lists(polys(n, max_terms=3, max_deg=2), min_size=1, max_size=3))
    free = draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=n, unique=True).map(sorted))
    # most systems only in the free variables (the engine's case); some not (sympy decides those)
    if draw(st.integers(0, 4)):
        gens = [Poly.from_dict(n, {e: c for e, c in g.terms.items() if all(e[i] == 0 for i in range(n) if i not in free)}
                               or {(0,) * n: Fraction(0)}) for g in gens]
    return gens, free, draw(st.booleans())


@settings(max_examples=150, **SETTINGS)
@given(systems())
def test_basis_is_one_equals_sympy(system):
    gens, free, saturate = system
    assert Z._basis_is_one(gens, free, saturate) == Z._basis_is_one_sympy(gens, free, saturate)
    fast = Z._basis_is_one_flint(gens, free, saturate)
    assert fast is None or fast == Z._basis_is_one_sympy(gens, free, saturate)


@settings(max_examples=60, **SETTINGS)
@given(systems(), st.lists(st.integers(0, 2), min_size=3, max_size=3))
def test_basis_is_one_fallback_with_tiny_limits(monkeypatch_system, limits):
    gens, free, saturate = monkeypatch_system
    old = Z.GB_LIMITS
    try:
        Z.GB_LIMITS = tuple(limits)
        fast = Z._basis_is_one_flint(gens, free, saturate)
        assert fast is None or fast == Z._basis_is_one_sympy(gens, free, saturate)
        assert Z._basis_is_one(gens, free, saturate) == Z._basis_is_one_sympy(gens, free, saturate)
    finally:
        Z.GB_LIMITS = old


def test_fallback_taken_when_limits_hit(monkeypatch):
    x = lambda *e: Poly.from_dict(2, {e: Fraction(1)})   # noqa: E731
    # x^2 + y^2 and x y - 1 meet at x^4 = -1, y = 1/x: not (1)
    gens = [x(2, 0) + x(0, 2), x(1, 1) - Poly.constant(2, 1)]
    calls = []
    real = Z._basis_is_one_sympy

    def spy(*a):
        calls.append(a)
        return real(*a)

    monkeypatch.setattr(Z, "_basis_is_one_sympy", spy)
    assert Z.common_zero_free(gens, [0, 1]) is False
    assert not calls                                   # decided by flint
    monkeypatch.setattr(Z, "GB_LIMITS", (1, 1, 1))
    assert Z._basis_is_one_flint(gens, [0, 1], False) is None
    assert Z.common_zero_free(gens, [0, 1]) is False   # same answer, through sympy
    assert len(calls) == 1
    # (1): x and x - 1
    one = [x(1, 0), x(1, 0) - Poly.constant(2, 1)]
    assert Z.common_zero_free(one, [0, 1]) is True


def test_groebner_examples():
    y = lambda *e: Poly.from_dict(2, {e: Fraction(1)})   # noqa: E731
    c = lambda v: Poly.constant(2, v)                     # noqa: E731
    # (y0 - 1)^2 + y1^2 has the singular point (1, 0) on y1 = 0: not in the torus -> (1)
    g = (y(1, 0) - c(1)) ** 2 + y(0, 2)
    assert Z.groebner_is_one(g, [0, 1]) is True
    # (y0 - y1)^2: singular along y0 = y1, in the torus
    g = (y(1, 0) - y(0, 1)) ** 2
    assert Z.groebner_is_one(g, [0, 1]) is False
    assert Z.no_common_torus_zero([y(1, 0)], [0, 1]) is True     # y0 = 0 is outside the torus
    assert Z.common_zero_free([y(1, 0)], [0, 1]) is False
    assert Z.common_zero_free([c(3)], [0]) is True
    assert Z.common_zero_free([c(0)], [0]) is False
    assert Z.common_zero_free([Poly.constant(2, 0)], []) is False
    assert Z.no_common_torus_zero([Poly.constant(2, 0)], []) is False
    # a variable outside `free`: sympy decides (as before)
    assert Z._basis_is_one_flint([y(1, 1)], [0], False) is None


def test_flint_call_is_short_on_bad_inputs():
    """The flint call cannot be interrupted by the watchdog: with GB_LIMITS it stays short even on
    dense systems with long coefficients (it then gives up and sympy decides)."""
    rng = random.Random(3)
    worst = 0.0
    for _ in range(60):
        nv = rng.randint(3, 6)
        gens = []
        for _ in range(rng.randint(2, nv + 4)):
            terms = {}
            for _ in range(rng.randint(2, 20)):
                e = [0] * nv
                for _ in range(rng.randint(0, 8)):
                    e[rng.randrange(nv)] += 1
                terms[tuple(e)] = Fraction(rng.randint(-10 ** 30, 10 ** 30) or 1, rng.randint(1, 50))
            gens.append(Poly.from_dict(nv, terms))
        t0 = time.perf_counter()
        Z._basis_is_one_flint(gens, list(range(nv)), rng.random() < 0.5)
        Z.torus_points(gens[:2], list(range(nv)))
        worst = max(worst, time.perf_counter() - t0)
    assert worst < 1.0   # measured ~40 ms; generous for a loaded machine


# ---------------------------------------------------------------- rational torus points
@st.composite
def point_systems(draw):
    """Two polynomials in 2-3 variables, often with rational common zeros (products of linear
    forms through chosen points), sometimes random."""
    n = draw(st.integers(2, 3))
    pts = draw(st.lists(st.tuples(*[st.sampled_from([Fraction(1), Fraction(1, 2), Fraction(2), Fraction(-1),
                                                      Fraction(0), Fraction(1, 3)])] * n), min_size=1, max_size=3))

    def through(points):
        f = Poly.constant(n, 1)
        for p in points:
            k = draw(st.integers(0, n - 1))
            f = f * (Poly.variable(n, k) - Poly.constant(n, p[k]))
        return f
    if draw(st.booleans()):
        fa, fb = through(pts), through(pts)
    else:
        fa, fb = draw(polys(n, max_terms=3, max_deg=2)), draw(polys(n, max_terms=3, max_deg=2))
    return fa, fb, list(range(n))


def old_intersection_points(fa, fb, free):
    """The former sympy code (lex Groebner basis, then ``sympy.solve``) and a flag: does the
    univariate element of the lex basis have a non-linear factor (then some torus solution is not
    rational and the right answer is ``None``; ``solve`` may have dropped it silently)."""
    import sympy

    ys = sympy.symbols(f"y0:{fa.nvars}")
    t = sympy.Symbol("t_sat")
    vs = [ys[k] for k in free]
    G = sympy.groebner([fa.to_sympy(ys), fb.to_sympy(ys), 1 - t * sympy.Mul(*vs)], *vs, t, order="lex", domain="QQ")
    if list(G.exprs) == [1]:
        return set(), False
    if not G.is_zero_dimensional:
        return None, False
    last = G.polys[-1]
    nonlinear = any(f.total_degree() > 1 for f, _ in last.factor_list()[1])
    if nonlinear:   # solve may take minutes with radicals here; the answer must be None
        return "not run", True
    out = set()
    for sol in sympy.solve(list(G.exprs), [*vs, t], dict=True):
        vals = [sol.get(v) for v in vs]
        if any(x is None or not x.is_Rational for x in vals):
            return None, nonlinear
        fr = tuple(Fraction(int(x.p), int(x.q)) for x in vals)
        if all(0 < x <= 1 for x in fr):
            out.add(fr)
    return out, nonlinear


@settings(max_examples=60, **SETTINGS)
@given(point_systems())
def test_intersection_points_equal_sympy(system):
    fa, fb, free = system
    new = S.intersection_points(fa, fb, free)
    assert new == S._intersection_points_sympy(fa, fb, free)     # flint path == sympy fallback
    fast = Z.torus_points([fa, fb], free)
    assert fast is None or fast == Z.torus_points_sympy([fa, fb], free)
    old, nonlinear = old_intersection_points(fa, fb, free)
    if nonlinear:
        assert new is None
    else:
        assert new == old


def test_old_code_dropped_quintic_solutions():
    """``sympy.solve`` returns [] for this system (irreducible quintic elimination polynomial), so
    the old code said "no crossing point"; the solutions are not rational: now ``None``."""
    fa = Poly.from_dict(2, {(0, 0): -3, (0, 1): Fraction(13, 3), (0, 2): 3, (1, 0): 1})
    fb = Poly.from_dict(2, {(0, 2): Fraction(-7, 4), (1, 1): Fraction(-5, 2), (2, 1): -3, (2, 2): Fraction(13, 3)})
    import sympy

    ys = sympy.symbols("y0:2")
    t = sympy.Symbol("t_sat")
    G = sympy.groebner([fa.to_sympy(ys), fb.to_sympy(ys), 1 - t * ys[0] * ys[1]], *ys, t, order="lex", domain="QQ")
    assert sympy.solve(list(G.exprs), [*ys, t], dict=True) == []
    assert old_intersection_points(fa, fb, [0, 1]) == ("not run", True)
    assert S.intersection_points(fa, fb, [0, 1]) is None
    assert S._intersection_points_sympy(fa, fb, [0, 1]) is None


def test_intersection_points_examples(monkeypatch):
    v = lambda k: Poly.variable(3, k)             # noqa: E731
    one = Poly.constant(3, 1)
    assert S.intersection_points(v(1) - one, v(0) - one, [0, 1]) == {(Fraction(1), Fraction(1))}
    assert S.intersection_points(v(1) - one, v(0) * v(1) - one, [0, 1]) == {(Fraction(1), Fraction(1))}
    # x^2 = 2 on y = 1: irrational -> None;  x y = 1 and x = y: (1, 1) and (-1, -1)
    assert S.intersection_points(v(0) * v(0) - one.scale(2), v(1) - one, [0, 1]) is None
    assert S.intersection_points(v(0) * v(1) - one, v(0) - v(1), [0, 1]) == {(Fraction(1), Fraction(1))}
    # a curve of common zeros: None;  no common zero in the torus: empty
    assert S.intersection_points(v(0) - v(1), (v(0) - v(1)) * v(0), [0, 1]) is None
    assert S.intersection_points(v(0), v(1) - one, [0, 1]) == set()
    # the limits hit: sympy decides, same answer
    monkeypatch.setattr(Z, "GB_LIMITS", (1, 1, 1))
    assert Z.torus_points([v(1) - one, v(0) - one], [0, 1]) is None
    assert S.intersection_points(v(1) - one, v(0) - one, [0, 1]) == {(Fraction(1), Fraction(1))}


def test_engine_imports_no_sympy_on_common_cases():
    """A fresh interpreter: univariate strata, Groebner strata and crossing points need no sympy."""
    import subprocess
    import sys

    code = ("import sys, rlct\n"
            "for K, gens in [('(y**2 - x**3)**2', None), (None, ['x**2 + y**2 + z**2']),\n"
            "                (None, ['x**3 + y**4 + z**5']), (None, ['x*y*z*(x - y)*(x - z)*(y - z)'])]:\n"
            "    r = rlct.rlct(K, ideal=gens, check=False)\n"
            "    assert r.status == 'exact', r\n"
            "print('sympy' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
