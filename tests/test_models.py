"""Model builders (rlct.models) against the closed forms of the literature (rlct.known), the
closed forms against the cited corpus, and tables (rlct.table): incremental output, resume,
any Executor, the CLI."""
import json
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from fractions import Fraction
from pathlib import Path

import pytest

from helpers import load
from rlct import known, models, verify
from rlct.table import table

ROOT = Path(__file__).resolve().parents[1]


def _corpus_formula(case):
    i = case["id"]
    if i.startswith("rrr_"):
        M, N, H, r = map(int, re.match(r"rrr_M(\d+)_N(\d+)_H(\d+)_r(\d+)", i).groups())
        return [known.reduced_rank_regression(M, N, H, r), known.deep_linear_network([M, H, N], r)]
    if i.startswith("dln_"):
        widths, r = re.match(r"dln_([\dx]+)_r(\d+)", i).groups()
        return [known.deep_linear_network([int(w) for w in widths.split("x")], int(r))]
    if i.startswith("tanh_1d_H"):
        return [known.tanh_network(int(i.split("H")[1]))]
    return []


FORMULA_CASES = [c for c in load("known_results.json") if _corpus_formula(c)]


@pytest.mark.parametrize("case", FORMULA_CASES, ids=[c["id"] for c in FORMULA_CASES])
def test_closed_forms_reproduce_the_corpus(case):
    """The formulas implemented in rlct.known give the corpus values (a two-layer network is a
    reduced-rank regression, so Aoyagi 2024 must also agree with Aoyagi-Watanabe 2005)."""
    for lam, m in _corpus_formula(case):
        assert (lam, m) == (Fraction(case["lam"]), case["m"])


RRR = [(M, N, H, r) for M in (1, 2, 3) for N in (1, 2, 3) for H in (1, 2) for r in range(min(M, N, H) + 1)
       if M * H + N * H <= 10] + [(2, 3, 3, 1), (3, 3, 3, 0), (3, 3, 3, 1), (3, 3, 3, 2)]


@pytest.mark.parametrize("M, N, H, r", RRR)
def test_reduced_rank_regression_matches_aoyagi_watanabe(M, N, H, r):
    res = models.reduced_rank_regression(M, N, H, r).solve(timeout=30)
    assert (res.status, res.lam, res.m) == ("exact",) + known.reduced_rank_regression(M, N, H, r)
    assert verify(res.certificate).ok


DLN = [(w, r) for w in ([1, 2, 2, 1], [2, 2, 2, 2], [2, 1, 2, 2], [1, 2, 2, 2], [2, 2, 2]) for r in (0, 1)]


@pytest.mark.parametrize("widths, r", DLN)
def test_deep_linear_network_matches_aoyagi(widths, r):
    res = models.deep_linear_network(widths, r).solve(timeout=30)
    assert (res.status, res.lam, res.m) == ("exact",) + known.deep_linear_network(widths, r)


@pytest.mark.parametrize("H", [1, 2])
def test_tanh_network_matches_aoyagi(H):
    res = models.tanh_network(H).solve(timeout=30)
    assert (res.status, res.lam, res.m) == ("exact",) + known.tanh_network(H)


def test_builders_reject_bad_sizes():
    with pytest.raises(ValueError):
        models.reduced_rank_regression(1, 1, 1, 2)
    with pytest.raises(ValueError):
        models.deep_linear_network([2, 2])


def test_table_writes_incrementally_and_resumes(tmp_path, monkeypatch):
    out = tmp_path / "rrr.csv"
    grid = {"M": [1, 2], "N": [2], "H": [1], "r": [0, 1, 5]}       # r = 5 is skipped
    rows = table("rrr", grid, executor="serial", out=out, timeout=20)
    assert [(r["M"], r["r"]) for r in rows] == [(1, 0), (1, 1), (2, 0), (2, 1)]
    assert all(r["status"] == "exact" and r["lambda"] == r["known_lambda"] for r in rows)
    lines = out.read_text().splitlines()
    assert len(lines) == 5
    out.write_text("\n".join(lines[:3]) + "\n")     # as if the run had crashed after two rows
    import rlct.table as tbl

    solved = []
    real = tbl.solve_point

    def counting(builder, params, timeout):
        solved.append((params["M"], params["r"]))
        return real(builder, params, timeout)

    monkeypatch.setattr(tbl, "solve_point", counting)
    again = table("rrr", grid, executor=ThreadPoolExecutor(2), out=out, timeout=20)
    assert sorted(solved) == [(2, 0), (2, 1)]          # nothing already written is recomputed
    assert [r["lambda"] for r in again] == [r["lambda"] for r in rows]
    assert len(out.read_text().splitlines()) == 5


def test_fixtures_export(tmp_path):
    from rlct.table import export_fixtures

    rows = table("rrr", {"M": [2], "N": [2], "H": [2], "r": [0, 1]}, executor="serial")
    fx = export_fixtures("rrr", rows, tmp_path / "fx.json")
    loaded = json.loads((tmp_path / "fx.json").read_text())
    assert loaded == fx and [(f["lambda"], f["m"]) for f in fx] == [("3/2", 1), ("2", 2)]
    assert fx[1]["point"]["a1_1"] == "1" and "b1_1" in fx[1]["K"]


def test_table_jsonl_with_lists(tmp_path):
    out = tmp_path / "dln.jsonl"
    rows = table("dln", {"widths": [[1, 2, 1], [2, 2, 2]], "r": [0]}, executor="serial", out=out)
    assert [json.loads(x)["widths"] for x in out.read_text().splitlines()] == [[1, 2, 1], [2, 2, 2]]
    assert [(r["lambda"], r["m"]) for r in rows] == [("1/2", 1), ("3/2", 1)]


def test_table_cli(tmp_path):
    out = tmp_path / "t.csv"
    p = subprocess.run([sys.executable, "-m", "rlct", "table", "rrr", "--M", "1..2", "--N", "1", "--H", "1",
                        "--r", "0", "--out", str(out), "--serial"], capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 0 and "exact" in p.stdout and out.exists()
    bad = subprocess.run([sys.executable, "-m", "rlct", "table", "rrr", "--M", "x"], capture_output=True,
                         text=True, cwd=ROOT)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "--M" in bad.stderr


def test_unit_elimination_is_checked():
    """rrr(3, 3, 3) at a rank-1 point needs eliminations whose coefficient is a unit, not a
    constant (x' = u x + r); tampering with the substituted generators must fail."""
    import copy

    res = models.reduced_rank_regression(3, 3, 3, 1).solve(timeout=60)
    assert (res.status, res.lam, res.m) == ("exact",) + known.reduced_rank_regression(3, 3, 3, 1)
    stack, units = [res.certificate["root"]], []
    while stack:
        n = stack.pop()
        if isinstance(n, dict):
            if n.get("step") == "eliminate" and n["node"]["gens"] != n["gens"]:
                units.append(n)
            stack.extend(v for v in n.values() if isinstance(v, (dict, list)))
        elif isinstance(n, list):
            stack.extend(n)
    assert units
    bad = copy.deepcopy(res.certificate)
    stack = [bad["root"]]
    while stack:
        n = stack.pop()
        if isinstance(n, dict):
            if n.get("step") == "eliminate":
                n["var"] = (n["var"] + 1) % len(n["e"])
                break
            stack.extend(v for v in n.values() if isinstance(v, (dict, list)))
        elif isinstance(n, list):
            stack.extend(n)
    assert not verify(bad).ok


def test_regression_by_moments_and_samples():
    """Watanabe (2009) §7.1: K = E[(f(x, w) − f(x, w*))²]/(2σ²).  With standard normal inputs
    the moment matrix of (x, x², x³) is non-singular, so K ≍ (a−1 + 3ab)² + b² + (ab)² at
    (a, b) = (1, 0): a regular model in two parameters, (1, 1).  With samples {0, 1} only the
    span of (1, x) is seen: f = ab + c x gives K ≍ (ab)² + c², (1/2, 2) + (1/2, 1) -> (1, 2)."""
    normal = {(k,): (0 if k % 2 else [1, 1, 3, 15, 105, 945][k // 2]) for k in range(12)}
    m = models.regression("a*x + b*x**2 + a*b*x**3", ["a", "b"], ["x"], {"a": 1}, moments=normal)
    r = m.solve(timeout=20)
    assert (r.status, r.lam, r.m) == ("exact", Fraction(1), 1)
    m = models.regression("a*b + c*x", ["a", "b", "c"], ["x"], {}, samples=[[0], [1]])
    assert (m.solve(timeout=20).lam, m.solve(timeout=20).m) == (Fraction(1), 2)
    with pytest.raises(ValueError):
        models.regression("a*x + z", ["a"], ["x"], {}, samples=[[1]])


def test_threads_give_the_serial_answers():
    """rlct() calls in threads (each re-verifies its certificate) agree with serial calls."""
    ms = [models.reduced_rank_regression(2, 2, 2, r) for r in (0, 1, 2)] + [models.tanh_network(2)]
    serial = [(m.solve(timeout=30).lam, m.solve(timeout=30).m) for m in ms]
    with ThreadPoolExecutor(4) as ex:
        threaded = list(ex.map(lambda m: (lambda r: (r.status, r.lam, r.m))(m.solve(timeout=30)), ms * 2))
    assert [(lam, m) for _, lam, m in threaded] == serial * 2
    assert all(s == "exact" for s, _, _ in threaded)


# ---------------------------------------------------------------------------------------------
# Issue 5 item 3: polynomial activations, the normal mixture, Gaussian latent trees, factor
# analysis, naive Bayes, hyperplane arrangements.  (a) the builders reproduce the corpus K,
# (b) the engine agrees with the cited closed forms of rlct.known / corpus facts, (c) bad sizes
# are a ValueError.

import ast

import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

CORPUS = {c["id"]: c for c in load("known_results.json")}


def _same_polynomial(K1, K2, rename=None):
    e1 = sympy.sympify(K1)
    if rename:
        e1 = e1.subs({sympy.Symbol(a): sympy.Symbol(b) for a, b in rename.items()}, simultaneous=True)
    return sympy.expand(e1 - sympy.sympify(K2)) == 0


def _ltree_case(case):
    """The corpus latent-tree case as builder arguments: edges and true edge values, read from
    its derivation note ("edges (w_k = edge k): [...]") and its point."""
    note = case["derivation_note"]
    edges = [e for _, e in ast.literal_eval(re.search(r"edges \(w_k = edge k\): (\[.*?\]), leaves", note).group(1))]
    true = {k: v for k, v in case["point"].items() if Fraction(v) != 0}
    sub = ast.literal_eval(re.search(r"sub-forest edges (\[.*?\])", note).group(1))
    lam_full = Fraction(re.search(r"lam_full = (\S+)", note).group(1))
    return edges, true, sub, lam_full


LTREE = [c for c in CORPUS.values() if c["family"] == "gaussian_latent_tree"]


@pytest.mark.parametrize("case", LTREE, ids=[c["id"] for c in LTREE])
def test_latent_tree_builder_and_formula_reproduce_the_corpus(case):
    edges, true, sub, lam_full = _ltree_case(case)
    m = models.gaussian_latent_tree(edges, true)
    assert list(m.vars) == case["vars"]
    assert {k: str(v) for k, v in m.point.items()} == true
    assert _same_polynomial(m.K, case["K"])
    assert sorted(true) == sorted(sub)            # the support of the true point is the sub-forest
    F = [int(k[1:]) for k in sub]
    assert known.latent_tree(edges, F) == (lam_full, case["m"])
    assert known.latent_tree(edges, F, variances=False) == (Fraction(case["lam"]), case["m"])
    assert known.gaussian_latent_tree(edges, true) == (Fraction(case["lam"]), case["m"])
    res = m.solve(timeout=30)
    assert (res.status, res.lam, res.m) == ("exact", Fraction(case["lam"]), case["m"])


QUARTET = [(5, 1), (5, 2), (6, 3), (6, 4), (5, 6)]
LTREE_MORE = [
    ([(3, 1), (3, 2)], {}),                                          # a degree-2 latent node: m = 2
    ([(0, 1), (0, 2), (0, 3), (0, 4)], {}),                          # star with four leaves
    ([(0, 1), (0, 2), (0, 3), (0, 4)], {"w1": "1/2", "w2": "-1/3"}),
    ([(0, 1), (0, 2), (0, 3), (0, 4)], {"w1": "1/2", "w2": "1/3", "w3": "1/5"}),
    (QUARTET, {"w1": "1/2", "w2": "1/2", "w3": "1/3", "w4": "1/3"}),  # both latent nodes of degree 2 in F
    (QUARTET, {"w1": "1/2", "w2": "1/3", "w3": "1/2", "w4": "2/3", "w5": "1/2"}),  # regular: 5/2
    ([(5, 1), (5, 2), (5, 6), (6, 3), (6, 7), (7, 4)], {}),          # caterpillar with a degree-2 node
]


@pytest.mark.parametrize("edges, true", LTREE_MORE)
def test_latent_tree_engine_matches_drton_lin_weihs_zwiernik(edges, true):
    res = models.gaussian_latent_tree(edges, true).solve(timeout=30)
    assert (res.status, res.lam, res.m) == ("exact",) + known.gaussian_latent_tree(edges, true)


def test_latent_tree_formula_special_values():
    """Drton et al.: all edges true = the regular model (dim = #leaves + |E| for latent nodes of
    degree 3); a latent node of degree 2 outside the true forest adds 1 to m."""
    assert known.latent_tree(QUARTET, [1, 2, 3, 4, 5]) == (Fraction(9, 2), 1)
    assert known.latent_tree([(3, 1), (3, 2)]) == (Fraction(3, 2), 2)
    with pytest.raises(ValueError):
        known.latent_tree(QUARTET, [1])            # latent node 5 meets one true edge: not a q-forest
    with pytest.raises(ValueError):
        known.latent_tree(QUARTET, [9])


def test_factor_analysis_builder_reproduces_the_corpus():
    case = CORPUS["factor1_p3_indep"]
    m = models.factor_analysis(3)
    assert list(m.vars) == case["vars"] and m.point == {}
    assert _same_polynomial(m.K, case["K"])
    assert known.factor_analysis(3) == (Fraction(case["lam"]), case["m"])


def _drton_plummer(p, k, l):
    """sBIC's R/FactorAnalyses.R learnCoef (Drton & Plummer 2017, §6) -- compared on k = 1 only."""
    return Fraction((k + 2) * p + l * (p - k + 1), 4)


@pytest.mark.parametrize("p", [3, 4, 5, 6])
@pytest.mark.parametrize("l", [0, 1])
def test_one_factor_formula_agrees_with_drton_plummer(p, l):
    assert known.factor_analysis(p, 1, l) == (_drton_plummer(p, 1, l), 1)


@pytest.mark.parametrize("p, l", [(2, 0), (2, 1), (3, 0), (3, 1), (4, 0), (4, 1)])
def test_factor_analysis_engine_matches_the_star_tree(p, l):
    res = models.factor_analysis(p, 1, l).solve(timeout=30)
    assert (res.status, res.lam, res.m) == ("exact",) + known.factor_analysis(p, 1, l)


def test_factor_analysis_partial_loadings_is_a_latent_star_forest():
    """True loadings (1, -2, 0, 0): the q-forest {edges to 1, 2} of the 4-leaf star, with leaf
    variances (Drton et al.; the factor model is the star tree reparametrised analytically).
    By hand: (b1 b2 + 2)² regular, b3², b4² regular (b1² + b2² is a unit), four u's: 7/2."""
    m = models.factor_analysis(4, true_loadings=[1, -2, 0, 0])
    assert m.point == {"b1": 1, "b2": -2}
    res = m.solve(timeout=30)
    star = [(0, 1), (0, 2), (0, 3), (0, 4)]
    assert (res.status, res.lam, res.m) == ("exact",) + known.latent_tree(star, [1, 2])
    assert known.latent_tree(star, [1, 2]) == (Fraction(7, 2), 1)


def test_two_factors_build_the_covariance_entries():
    m = models.factor_analysis(3, 2, 1)
    assert m.vars == ("u1", "u2", "u3", "b1_1", "b1_2", "b2_1", "b2_2", "b3_1", "b3_2")
    assert m.generators[0] == "u1 + b1_1**2 + b1_2**2 - (1)"
    assert m.generators[1] == "b1_1*b2_1 + b1_2*b2_2 - (1)"
    with pytest.raises(ValueError):
        known.factor_analysis(3, 2, 1)             # no cited closed form for two factors


@pytest.mark.parametrize("H", [1, 2, 4])
def test_polynomial_network_odd_activation_is_the_tanh_corpus(H):
    """σ with non-zero coefficients at t, t³, ..., t^(2H-1): generators Σ_h a_h b_h^(2k-1) exactly
    as in the corpus tanh_1d_H* cases (coefficients 1), and Aoyagi's tanh value."""
    coeffs = [0] + [1 if k % 2 else 0 for k in range(1, 2 * H)]
    case = CORPUS[f"tanh_1d_H{H}"]
    m = models.polynomial_network(H, coeffs)
    assert list(m.vars) == case["vars"]
    assert _same_polynomial(m.K, case["K"])
    assert known.polynomial_network(H, coeffs) == (Fraction(case["lam"]), case["m"])


@pytest.mark.parametrize("H, coeffs", [(1, [0, 1, 0, "-1/3"]), (2, [0, 1, 0, "-1/3"]),
                                       (2, [0, 2, 0, 1, 0, 5]), (2, [0, "1/2", 0, 3, 0, 0, 0, 1])])
def test_polynomial_network_matches_the_tanh_formula(H, coeffs):
    """Higher odd powers lie in the ideal of the first H: same (λ, m) as tanh (Aoyagi 2010)."""
    res = models.polynomial_network(H, coeffs).solve(timeout=30)
    assert (res.status, res.lam, res.m) == ("exact",) + known.tanh_network(H)


@pytest.mark.parametrize("H", [1, 2, 3])
def test_linear_activation_is_reduced_rank_regression(H):
    m = models.polynomial_network(H, [0, "3/2"])
    case = CORPUS.get(f"rrr_M1_N1_H{H}_r0")
    if case:                                        # same K as the corpus rrr case up to names and 9/4
        rename = {**{f"a{h}": f"a{h}_1" for h in range(1, H + 1)}, **{f"b{h}": f"b1_{h}" for h in range(1, H + 1)}}
        assert _same_polynomial(m.K, case["K"], rename)
    res = m.solve(timeout=30)
    assert (res.status, res.lam, res.m) == ("exact",) + known.reduced_rank_regression(1, 1, H, 0)
    assert known.polynomial_network(H, [0, "3/2"]) == known.reduced_rank_regression(1, 1, H, 0)


def test_polynomial_network_quadratic_activation_and_samples():
    """σ(t) = t²: K = (a b²)², normal crossing: λ = min(1/2, 1/4) (corpus 'basic' rule, Watanabe
    2009 Ch. 6).  With samples, K is the exact empirical regression K (Watanabe §7.1): four
    points make the moment matrix of (x, x³) non-singular, so the tanh value again."""
    res = models.polynomial_network(1, [0, 0, 1]).solve(timeout=30)
    assert (res.status, res.lam, res.m) == ("exact", Fraction(1, 4), 1)
    with pytest.raises(ValueError):
        known.polynomial_network(1, [0, 0, 1])
    m = models.polynomial_network(2, [0, 1, 0, "-1/3"], samples=[-2, -1, 1, 3])
    assert m.weights and all(w > 0 for w in m.weights)
    res = m.solve(timeout=30)
    assert (res.status, res.lam, res.m) == ("exact",) + known.tanh_network(2)


def test_normal_mixture_is_the_corpus_monomial():
    """χ² = a²(e^{b²} − 1) ≍ (ab)²: the corpus basic_x2y2 case (λ, m) = (1/2, 2)."""
    case = CORPUS["basic_x2y2"]
    m = models.normal_mixture()
    assert _same_polynomial(m.K, case["K"], {"a": "x", "b": "y"})
    res = m.solve(timeout=30)
    assert (res.status, res.lam, res.m) == ("exact", Fraction(case["lam"]), case["m"])


def _jacobian_rank(m):
    syms = [sympy.Symbol(v) for v in m.vars]
    J = sympy.Matrix([[sympy.diff(sympy.sympify(g), s) for s in syms] for g in m.generators])
    return J.subs({sympy.Symbol(k): sympy.Rational(str(v)) for k, v in m.point.items()}).rank()


@pytest.mark.parametrize("n, r", [(1, 1), (2, 1), (3, 1), (4, 1), (1, 2), (2, 2), (3, 2)])
def test_naive_bayes_regular_points(n, r):
    """At the default true point the Jacobian of the cell probabilities has the largest possible
    rank min(d, 2^n − 1) (checked exactly).  Rank d: an immersion, the model is regular there,
    λ = d/2, m = 1 (Watanabe 2009; corpus basic_regular_d5).  Rank 2^n − 1 (cells sum to 1, so
    2^n − 1 generators generate the ideal): they have independent differentials, i.e. are
    coordinates, λ = (2^n − 1)/2, m = 1 (same corpus fact after the change of coordinates)."""
    m = models.naive_bayes(n, r)
    d = len(m.vars)
    rank = _jacobian_rank(m)
    assert rank == min(d, 2 ** n - 1)
    res = m.solve(timeout=30)
    assert (res.status, res.lam, res.m) == ("exact", Fraction(rank, 2), 1)


def test_naive_bayes_K_is_the_squared_probability_difference():
    m = models.naive_bayes(1, 2, {"p1": "1/4", "t1_1": "1/2", "t2_1": "1/3"})
    p = sympy.Symbol("p1") * sympy.Symbol("t1_1") + (1 - sympy.Symbol("p1")) * sympy.Symbol("t2_1")
    q = sympy.Rational(1, 4) / 2 + sympy.Rational(3, 4) / 3
    assert _same_polynomial(m.K, sympy.expand((1 - p - (1 - q)) ** 2 + (p - q) ** 2))


@pytest.mark.parametrize("forms, exps, case", [
    ([(1, -1), (1, 1)], None, "degen_two_lines"), ([(0, 1), (1, -1), (1, 1)], None, "ade_D4_sq"),
    ([(1, -1)], None, "degen_linear"), ([(1, 0), (0, 1)], None, "basic_x2y2"),
    ([(1, 0, 0), (0, 1, 0), (0, 0, 1)], None, "basic_x2y2z2"), ([(1, 0), (0, 1)], [2, 2], "basic_x4y4")])
def test_arrangement_builder_and_formula_reproduce_the_corpus(forms, exps, case):
    c = CORPUS[case]
    m = models.hyperplane_arrangement(forms, exps)
    rename = dict(zip(m.vars, c["vars"]))
    assert _same_polynomial(m.K, c["K"], rename)
    assert known.hyperplane_arrangement(forms, exps) == (Fraction(c["lam"]), c["m"])
    res = m.solve(timeout=30)
    assert (res.status, res.lam, res.m) == ("exact", Fraction(c["lam"]), c["m"])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(-2, 2), st.integers(-2, 2), st.integers(-2, 2)).filter(any),
                min_size=1, max_size=5), st.data())
def test_arrangement_formula_agrees_with_the_independent_oracle(forms, data):
    """rlct.known.hyperplane_arrangement vs. tests/oracles.py (two implementations of the cited
    formula of arXiv:2411.13392 sharing no code)."""
    from oracles import arrangement_K_lambda

    exps = data.draw(st.lists(st.integers(1, 3), min_size=len(forms), max_size=len(forms)))
    assert known.hyperplane_arrangement(forms, exps) == arrangement_K_lambda(forms, exps)


@pytest.mark.parametrize("call", [
    lambda: models.polynomial_network(0, [0, 1]),
    lambda: models.polynomial_network(2, [0, 0]),
    lambda: models.polynomial_network(2, []),
    lambda: models.polynomial_network(2, [0, 0.5]),               # a float is not exact
    lambda: models.gaussian_latent_tree([]),
    lambda: models.gaussian_latent_tree([(1, 2), (2, 3), (3, 1)]),  # a cycle
    lambda: models.gaussian_latent_tree([(1, 2), (3, 4)]),          # not connected
    lambda: models.gaussian_latent_tree([(4, 1), (4, 2), (4, 3)], {"w9": "1/2"}),
    lambda: models.gaussian_latent_tree([(4, 1), (4, 2), (4, 3)], {"w1": 1}),
    lambda: models.factor_analysis(0),
    lambda: models.factor_analysis(3, 0),
    lambda: models.factor_analysis(3, 1, 2),
    lambda: models.factor_analysis(3, true_loadings=[1, 1]),
    lambda: models.naive_bayes(0),
    lambda: models.naive_bayes(2, 0),
    lambda: models.naive_bayes(9),
    lambda: models.naive_bayes(1, 2, {"p1": "1/2", "t1_1": "1/2"}),            # t2_1 missing
    lambda: models.naive_bayes(1, 2, {"p1": "1", "t1_1": "1/2", "t2_1": "1/3"}),  # q not positive
    lambda: models.hyperplane_arrangement([]),
    lambda: models.hyperplane_arrangement([(0, 0)]),
    lambda: models.hyperplane_arrangement([(1, 0), (0, 1, 1)]),
    lambda: models.hyperplane_arrangement([(1, 0)], [0]),
])
def test_new_builders_reject_bad_sizes(call):
    with pytest.raises(ValueError):
        call()


def test_table_new_builders_and_missing_formulas(tmp_path):
    """Rows of the new builders carry the cited value where one exists and none otherwise
    (σ(t) = t² has no cited closed form: blank, never a guess)."""
    from rlct.table import parse_values

    assert parse_values("activation_coeffs", "0x1x0x-1/3,0x0x1") == [["0", "1", "0", "-1/3"], ["0", "0", "1"]]
    rows = table("poly", {"H": [2], "activation_coeffs": parse_values("activation_coeffs", "0x1x0x-1/3,0x0x1")},
                 executor="serial", out=tmp_path / "poly.jsonl", timeout=30)
    assert [(r["lambda"], r["known_lambda"]) for r in rows] == [("2/3", "2/3"), ("1/2", "")]
    trees = [{"edges": [[4, 1], [4, 2], [4, 3]], "true": t} for t in ({}, {"w1": "1/2", "w2": "1/2"})]
    rows = table("ltree", trees, executor=ThreadPoolExecutor(2), timeout=30)
    assert [(r["lambda"], r["m"], r["known_lambda"], r["known_m"]) for r in rows] == [("3/4", 1, "3/4", 1),
                                                                                      ("1", 1, "1", 1)]
