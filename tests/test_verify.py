"""Tests for the independent certificate checker :mod:`rlct.checker`.

Every certificate below is written by hand (the values are worked out in the comments), so the
checker is tested without the resolver.
"""
import ast
import copy
import doctest
import importlib
import json
import pathlib
import sys
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rlct.checker import Verification, verify

ONE = [[0, 0], "1"]
POS = {"kind": "positive"}


def top(vars_, K_terms, root, lam, m, point=None, prior=None):
    return {"format": "rlct-certificate/1", "vars": vars_, "K": "(for people)", "K_terms": K_terms,
            "point": point or {v: "0" for v in vars_}, "prior_exponents": prior or [0] * len(vars_),
            "lambda": lam, "m": m, "root": root}


def node(nid, vars_, K, e, sides, rule, **fields):
    return {"id": nid, "vars": vars_, "K": K, "e": e, "sides": sides, "rule": rule, **fields}


def split(nid, vars_, K, e, children):
    """A split of a node with all sides two; ``children`` is a list of (signs, node)."""
    return node(nid, vars_, K, e, ["two"] * len(vars_), "split",
                children=[{"signs": s, "node": c} for s, c in children])


def mono(nid, vars_, K, e, sides, N, unit=None):
    return node(nid, vars_, K, e, sides, "monomial", N=N, unit=unit or [[[0] * len(vars_), "1"]])


# 1. K = x**2: split into two half-lines, each y**2.  λ = 1/2, m = 1.
def cert_x2():
    K = [[[2], "1"]]
    return top(["x"], K, split("n0", ["x"], K, [0], [
        ([1], mono("n1", ["x"], K, [0], ["one"], [2])),
        ([-1], mono("n2", ["x"], K, [0], ["one"], [2]))]), "1/2", 1)


# 2. K = x**2 y**2 with prior |x|: a normal crossing at the root (both N even on two sides).
#    ratios (1+1)/2 = 1 and (0+1)/2 = 1/2, so λ = 1/2, m = 1.
def cert_x2y2():
    K = [[[2, 2], "1"]]
    return top(["x", "y"], K, mono("n0", ["x", "y"], K, [1, 0], ["two", "two"], [2, 2]),
               "1/2", 1, prior=[1, 0])


# 3. K = x**2 + y**4.  Per orthant a toric node with the two cones of the normal fan:
#    vertex (2,0): rays (2,1), (0,1), x = y1^2, y = y1 y2, K = y1^4 (1 + y2^4), N = (4,0), e = (2,0)
#    vertex (0,4): rays (2,1), (1,0), x = y1^2 y2, y = y1, K = y1^4 (1 + y2^2), N = (4,0), e = (2,0)
#    |det| / colsums: 2/(3*1) + 1/(3*1) = 1;  c = (0,4)-(2,0) = (-2,4) separates.  λ = 3/4, m = 1.
X2Y4 = [[[0, 4], "1"], [[2, 0], "1"]]


def toric_x2y4(nid, proof=POS):
    strata = [{"J": [0], "proof": proof}, {"J": [0, 1], "proof": POS}]
    return node(nid, ["y1", "y2"], X2Y4, [0, 0], ["one", "one"], "toric", charts=[
        {"B": [[2, 0], [1, 1]], "vertex": [2, 0], "lift": ["0", "0"], "N": [4, 0], "e": [2, 0],
         "strict": [ONE, [[0, 4], "1"]], "strata": copy.deepcopy(strata)},
        {"B": [[2, 1], [1, 0]], "vertex": [0, 4], "lift": ["0", "0"], "N": [4, 0], "e": [2, 0],
         "strict": [ONE, [[0, 2], "1"]], "strata": copy.deepcopy(strata)}])


def split_x2y4(nid="n0"):
    proofs = [POS, {"kind": "univariate", "var": 1}, {"kind": "groebner"}, POS]
    signs = [[1, 1], [1, -1], [-1, 1], [-1, -1]]
    return split(nid, ["x", "y"], X2Y4, [0, 0],
                 [(s, toric_x2y4(f"{nid}.{i}", p)) for i, (s, p) in enumerate(zip(signs, proofs))])


def cert_x2y4():
    return top(["x", "y"], X2Y4, split_x2y4(), "3/4", 1)


# 3b. x**2 + y**4 with the cone of vertex (2,0) cut by the ray (1,1) into two charts with the
#     same vertex, separated by lifts of the convex PL function 0, -1, 0 at (2,1), (1,1), (0,1):
#     rays (2,1),(1,1): x = y1^2 y2, y = y1 y2, K = y1^4 y2^2 (1 + y2^2), N = (4,2), e = (2,1),
#         lift (1,-2), volume 1/(3*2);  rays (1,1),(0,1): x = y1, y = y1 y2,
#     K = y1^2 (1 + y1^2 y2^4), N = (2,0), e = (1,0), lift (-1,0), volume 1/2;  1/6 + 1/2 + 1/3 = 1.
def toric_x2y4_lift(nid):
    tor = toric_x2y4(nid)
    tor["charts"][:1] = [
        {"B": [[2, 1], [1, 1]], "vertex": [2, 0], "lift": ["1", "-2"], "N": [4, 2], "e": [2, 1],
         "strict": [ONE, [[0, 2], "1"]],
         "strata": [{"J": J, "proof": POS} for J in ([0], [1], [0, 1])]},
        {"B": [[1, 0], [1, 1]], "vertex": [2, 0], "lift": ["-1", "0"], "N": [2, 0], "e": [1, 0],
         "strict": [ONE, [[2, 4], "1"]],
         "strata": [{"J": [0], "proof": POS}, {"J": [0, 1], "proof": POS}]}]
    return tor


def cert_x2y4_lift():
    signs = [[1, 1], [1, -1], [-1, 1], [-1, -1]]
    return top(["x", "y"], X2Y4, split("n0", ["x", "y"], X2Y4, [0, 0], [
        (s, toric_x2y4_lift(f"n0.{i}")) for i, s in enumerate(signs)]), "3/4", 1)


# 3c. K = x^2 + y^2 + z^2: per orthant three charts, vertex 2 e_i with rays (1,1,1), e_j, e_k
#     (j < k): w_i = y0, w_j = y0 y1, w_k = y0 y2, K = y0^2 (1 + y1^2 + y2^2), N = (2,0,0),
#     e = (2,0,0); volumes 1/3 each.  λ = 3/2, m = 1.  J = [0] proved by a Gröbner basis.
def cert_sphere3():
    K = [[[0, 0, 2], "1"], [[0, 2, 0], "1"], [[2, 0, 0], "1"]]
    charts = []
    for i in range(3):
        j, k = [a for a in range(3) if a != i]
        B = [[1, int(r == j), int(r == k)] for r in range(3)]
        vertex = [2 * int(r == i) for r in range(3)]
        charts.append({"B": B, "vertex": vertex, "lift": ["0"] * 3, "N": [2, 0, 0], "e": [2, 0, 0],
                       "strict": [[[0, 0, 0], "1"], [[0, 0, 2], "1"], [[0, 2, 0], "1"]],
                       "strata": [{"J": [0], "proof": {"kind": "groebner"}}]
                       + [{"J": J, "proof": POS} for J in ([0, 1], [0, 2], [0, 1, 2])]})
    xyz = ["x", "y", "z"]
    orthants = [[a, b, c] for a in (1, -1) for b in (1, -1) for c in (1, -1)]
    return top(xyz, K, split("n0", xyz, K, [0, 0, 0], [
        (s, node(f"n0.{n}", xyz, K, [0, 0, 0], ["one"] * 3, "toric", charts=copy.deepcopy(charts)))
        for n, s in enumerate(orthants)]), "3/2", 1)


# 4a. sum: K = x^2 + y^2 z^2 = (1/2, 1) + (1/2, 2) -> λ = 1, m = 1 + 2 - 1 = 2.
def cert_sum():
    K = [[[0, 2, 2], "1"], [[2, 0, 0], "1"]]
    return top(["x", "y", "z"], K, node("n0", ["x", "y", "z"], K, [0, 0, 0], ["two"] * 3, "sum", parts=[
        {"vars": [0], "node": mono("n1", ["x"], [[[2], "1"]], [0], ["two"], [2])},
        {"vars": [1, 2], "node": mono("n2", ["y", "z"], [[[2, 2], "1"]], [0, 0], ["two", "two"], [2, 2])}]),
        "1", 2)


# 4b. product: K = 2 x^2 y^2 = 2 * (x^2) * (y^2) -> λ = 1/2, m = 1 + 1.
def cert_product():
    K = [[[2, 2], "2"]]
    return top(["x", "y"], K, node("n0", ["x", "y"], K, [0, 0], ["two", "two"], "product", c="2", factors=[
        {"vars": [0], "node": mono("n1", ["x"], [[[2], "1"]], [0], ["two"], [2])},
        {"vars": [1], "node": mono("n2", ["y"], [[[2], "1"]], [0], ["two"], [2])}]), "1/2", 2)


# 4c. unit: K = x^2 (1 + y) -> the child x^2 (N = (2, 0)) -> λ = 1/2, m = 1.
def cert_unit():
    K = [[[2, 0], "1"], [[2, 1], "1"]]
    child = mono("n1", ["x", "y"], [[[2, 0], "1"]], [0, 0], ["two", "two"], [2, 0])
    return top(["x", "y"], K, node("n0", ["x", "y"], K, [0, 0], ["two", "two"], "unit",
                                   unit=[ONE, [[0, 1], "1"]], node=child), "1/2", 1)


# 4d. power, odd: K = (x^2 + y^4)^3 -> (3/4 / 3, 1) = (1/4, 1).
def cert_power3():
    K = [[[0, 12], "1"], [[2, 8], "3"], [[4, 4], "3"], [[6, 0], "1"]]
    return top(["x", "y"], K, node("p", ["x", "y"], K, [0, 0], ["two", "two"], "power", k=3,
                                   node=split_x2y4("n0")), "1/4", 1)


# 4e. power, even: K = x^4 = (x^2)^2 with x^2 = (x)^2 -> (1/2 / 2, 1) = (1/4, 1).
def cert_power2():
    K = [[[4], "1"]]
    return top(["x"], K, node("p", ["x"], K, [0], ["two"], "power", k=2, square_of=[[[1], "1"]],
                              node=mono("n1", ["x"], [[[2], "1"]], [0], ["two"], [2])), "1/4", 1)


# 5. translation: K = (x - 1/2)^2 = x^2 - x + 1/4 at x = 1/2 -> root K = y^2 -> (1/2, 1).
def cert_point():
    return top(["x"], [[[0], "1/4"], [[1], "-1"], [[2], "1"]],
               mono("n0", ["x"], [[[2], "1"]], [0], ["two"], [2]), "1/2", 1, point={"x": "1/2"})


# 6. no zero: K = 1 + x^2 -> λ = inf.
def cert_inf():
    K = [[[0], "1"], [[2], "1"]]
    return top(["x"], K, mono("n0", ["x"], K, [0], ["two"], [0], unit=K), "inf", 0)


VALID = {"x2": (cert_x2, Fraction(1, 2), 1), "x2y2": (cert_x2y2, Fraction(1, 2), 1),
         "x2y4": (cert_x2y4, Fraction(3, 4), 1), "x2y4_lift": (cert_x2y4_lift, Fraction(3, 4), 1),
         "sphere3": (cert_sphere3, Fraction(3, 2), 1), "sum": (cert_sum, Fraction(1), 2),
         "product": (cert_product, Fraction(1, 2), 2), "unit": (cert_unit, Fraction(1, 2), 1),
         "power3": (cert_power3, Fraction(1, 4), 1), "power2": (cert_power2, Fraction(1, 4), 1),
         "point": (cert_point, Fraction(1, 2), 1), "inf": (cert_inf, None, None)}


def rejected(cert, *words):
    """Assert ``verify`` rejects ``cert`` with a one-line reason containing every word."""
    result = verify(cert)
    assert result.ok is False and not result
    assert result.reason and "\n" not in result.reason
    for w in words:
        assert w in result.reason, result.reason
    return result


@pytest.mark.parametrize("name", sorted(VALID))
def test_valid_certificates(name):
    make, lam, m = VALID[name]
    result = verify(make())
    assert result == Verification(True, "", lam, m)
    assert bool(result)


def test_json_string_and_path_inputs(tmp_path):
    cert = cert_x2y4()
    assert verify(json.dumps(cert)).ok
    path = tmp_path / "c.json"
    path.write_text(json.dumps(cert))
    assert verify(path).ok and verify(str(path)).ok
    rejected(tmp_path / "missing.json", "cannot read")


# ---------------------------------------------------------------- tampering

DELETE = object()


def mutate(cert, path, value=DELETE):
    cert = copy.deepcopy(cert)
    target = cert
    for key in path[:-1]:
        target = target[key]
    if value is DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return cert


CH0 = ["root", "children", 0, "node", "charts", 0]
TAMPER = [
    ("x2", ["root", "children", 0, "node", "N", 0], 4, "node n1: K != y^N * unit"),
    ("x2", ["root", "children", 1, "signs", 0], 1, "repeats sign pattern"),
    ("x2", ["root", "children", 1], DELETE, "split needs 2 children"),
    ("x2", ["root", "children", 0, "node", "unit", 0, 1], "-1", "K != y^N * unit"),
    ("x2", ["lambda"], "1/3", "claims (1/3, 1)"),
    ("x2", ["m"], 2, "claims (1/2, 2)"),
    ("x2", ["root", "e", 0], 1, "e is not the parent's"),
    ("x2", ["prior_exponents", 0], 1, "root e != prior_exponents"),
    ("x2", ["root", "sides", 0], "one", "split needs 1 children"),
    ("x2", ["point", "x"], "1", "root K != K(point + y)"),
    ("x2", ["root", "children", 0, "node", "sides", 0], "two", "sides are not all 'one'"),
    ("x2y2", ["root", "N", 1], 1, "K != y^N * unit"),
    ("x2y2", ["root", "e", 0], 0, "root e != prior_exponents"),
    ("x2y4", CH0 + ["N", 0], 3, "node n0.0 chart 0: K(y^B) != y^N * strict"),
    ("x2y4", CH0 + ["B", 1, 0], 2, "node n0.0 chart 0"),
    ("x2y4", CH0 + ["B", 0, 1], 1, "node n0.0 chart 0"),
    ("x2y4", CH0 + ["strict", 1, 1], "2", "K(y^B) != y^N * strict"),
    ("x2y4", CH0 + ["e", 0], 3, "e[0] != sum_i B[i][0]"),
    ("x2y4", CH0 + ["vertex"], [0, 4], "<v_1, vertex> != N[1]"),
    ("x2y4", CH0 + ["strata", 0], DELETE, "fiber stratum J=[0] is missing"),
    ("x2y4", ["root", "children", 0, "node", "charts", 1], DELETE, "volumes sum to 2/3"),
    ("x2y4", ["root", "children", 0, "node", "sides", 1], "two", "toric needs every side 'one'"),
    ("x2y4", ["root", "children", 1, "node", "charts", 0, "strata", 0, "proof", "var"], 0,
     "not a polynomial in y0 only"),
    ("x2y4", ["root", "children", 3], DELETE, "split needs 4 children"),
    ("x2y4", ["root", "children", 3, "signs"], [1, 1], "repeats sign pattern"),
    ("x2y4", ["lambda"], "1/2", "(3/4, 1) but the certificate claims (1/2, 1)"),
    ("x2y4", ["m"], 2, "claims (3/4, 2)"),
    ("x2y4", ["point", "y"], "1/2", "root K != K(point + y)"),
    ("x2y4", ["root", "children", 0, "node", "charts", 0, "strata", 0, "proof", "kind"], "magic",
     "unknown proof kind"),
    ("x2y4_lift", CH0 + ["lift", 0], "0", "charts 0 and 1 are not separated"),
    ("x2y4_lift", CH0 + ["strata", 1], DELETE, "node n0.0 chart 0: fiber stratum J=[1] is missing"),
    ("x2y4_lift", ["root", "children", 0, "node", "charts", 1, "N", 0], 1, "node n0.0 chart 1"),
    ("sphere3", CH0 + ["strict", 1, 1], "-1", "K(y^B) != y^N * strict"),
    ("sphere3", CH0 + ["B", 2, 0], 0, "chart 0"),
    ("sphere3", ["root", "children", 7], DELETE, "split needs 8 children"),
    ("sphere3", ["lambda"], "1", "claims (1, 1)"),
    ("sum", ["root", "parts", 1, "vars"], [0, 2], "variables overlap"),
    ("sum", ["root", "parts", 1, "node", "K", 0, 1], "2", "K != y^N * unit"),
    ("sum", ["m"], 3, "claims (1, 3)"),
    ("product", ["root", "c"], "3", "K != c * product of factors"),
    ("product", ["root", "c"], "-2", "c is not positive"),
    ("product", ["m"], 1, "claims (1/2, 1)"),
    ("unit", ["root", "unit", 0, 1], "-1", "no positive constant term"),
    ("unit", ["root", "node", "sides", 1], "one", "sides are not the parent's"),
    ("power3", ["root", "k"], 2, "K != child K ** 2"),
    ("power3", ["lambda"], "3/4", "claims (3/4, 1)"),
    ("power2", ["root", "square_of"], DELETE, "missing field 'square_of'"),
    ("power2", ["root", "square_of", 0, 1], "2", "child K != square_of ** 2"),
    ("power2", ["root", "node", "e", 0], 1, "e is not the parent's"),
    ("point", ["point", "x"], "1/3", "root K != K(point + y)"),
    ("inf", ["lambda"], "1", "claims (1, 0)"),
    ("inf", ["root", "unit", 0, 1], "-1", "no positive constant term"),
]


@pytest.mark.parametrize("name,path,value,words", TAMPER)
def test_tampered_certificates_are_rejected(name, path, value, words):
    rejected(mutate(VALID[name][0](), path, value), words)


def test_node_claims_are_compared():
    cert = cert_x2y4()
    assert verify(mutate(cert, ["root", "lambda"], "3/4")).ok
    assert verify(mutate(cert, ["root", "m"], 1)).ok
    rejected(mutate(cert, ["root", "children", 2, "node", "lambda"], "1/2"),
             "node n0.2: derived (lambda, m) = (3/4, 1) but the node claims (1/2, 1)")
    rejected(mutate(cert, ["root", "m"], 2), "node n0:")
    assert verify(mutate(cert, CH0 + ["lambda"], "3/4")).ok
    rejected(mutate(cert, CH0 + ["m"], 2), "node n0.0 chart 0: derived (lambda, m) = (3/4, 1) but the chart")
    # a node without the optional "vars" is fine; a wrong-length one is not
    assert verify(mutate(cert, ["root", "vars"])).ok
    rejected(mutate(cert, ["root", "vars"], ["x"]), "node n0: vars and e differ in length")


def test_bounds_node_is_not_exact():
    cert = mutate(cert_x2(), ["root", "children", 1, "node"],
                  node("b7", ["x"], [[[2], "1"]], [0], ["one"], "bounds",
                       lambda_lower="0", lambda_upper="1"))
    assert verify(cert).reason == "not exact: node b7 is unfinished"


def test_false_stratum_proofs_are_rejected():
    # K = (x - y)^2 on the positive orthant: chart x = y1, y = y1 y2 gives y1^2 (1 - y2)^2, whose
    # strict part vanishes at y2 = 1 on the stratum y1 = 0.  The claimed (1, 1) is wrong (1/2).
    K = [[[0, 2], "1"], [[1, 1], "-2"], [[2, 0], "1"]]

    def cert(proof):
        chart = lambda B, vertex, strict: {  # noqa: E731
            "B": B, "vertex": vertex, "lift": ["0", "0"], "N": [2, 0], "e": [1, 0], "strict": strict,
            "strata": [{"J": [0], "proof": proof}, {"J": [0, 1], "proof": POS}]}
        toric = node("t", ["x", "y"], K, [0, 0], ["one", "one"], "toric", charts=[
            chart([[1, 0], [1, 1]], [2, 0], [ONE, [[0, 1], "-2"], [[0, 2], "1"]]),
            chart([[1, 1], [1, 0]], [0, 2], [ONE, [[0, 1], "-2"], [[0, 2], "1"]])])
        # the first orthant fails; the others are never reached
        signs = [[1, 1], [1, -1], [-1, 1], [-1, -1]]
        return top(["x", "y"], K, split("s", ["x", "y"], K, [0, 0],
                                        [(s, copy.deepcopy(toric)) for s in signs]), "1", 1)

    rejected(cert({"kind": "univariate", "var": 1}), "node t chart 0 stratum J=[0]", "1 root(s)")
    rejected(cert({"kind": "groebner"}), "node t chart 0 stratum J=[0]", "Groebner")
    rejected(cert(POS), "positive coefficients")


def test_sum_with_shifted_constants_is_rejected():
    # x^2 + y^2 written as (1 + x^2) + (-1 + y^2): both parts have no zero, but the sum does.
    K = [[[0, 2], "1"], [[2, 0], "1"]]
    neg = node("neg", ["y"], [[[0], "-1"], [[2], "1"]], [0], ["one"], "toric", charts=[
        {"B": [[1]], "vertex": [0], "lift": ["0"], "N": [0], "e": [0],
         "strict": [[[0], "-1"], [[2], "1"]],
         "strata": [{"J": [0], "proof": {"kind": "univariate", "var": 0}}]}])
    root = node("s", ["x", "y"], K, [0, 0], ["one", "one"], "sum", parts=[
        {"vars": [0], "node": mono("pos", ["x"], [[[0], "1"], [[2], "1"]], [0], ["one"], [0],
                                   unit=[[[0], "1"], [[2], "1"]])},
        {"vars": [1], "node": neg}])
    cert = top(["x", "y"], K, split("r", ["x", "y"], K, [0, 0],
                                    [([a, b], copy.deepcopy(root)) for a in (1, -1) for b in (1, -1)]),
               "inf", 0)
    rejected(cert, "node s: part 1 has a negative constant term")


def test_non_separated_charts_are_rejected():
    cert = cert_x2y4()
    charts = cert["root"]["children"][0]["node"]["charts"]
    charts[1] = copy.deepcopy(charts[0])  # the same cone twice: volume 4/3 and overlap
    rejected(cert, "node n0.0")
    # two cones with the right total volume but the wrong vertex for the separation
    cert = cert_x2y4()
    chart = cert["root"]["children"][0]["node"]["charts"][1]
    chart["vertex"] = [2, 0]
    rejected(cert, "node n0.0 chart 1")


@pytest.mark.parametrize("garbage", [
    None, [], "not json", "{not json", '{"format": "x"}', {"format": "x"}, 42, {},
    {"format": "rlct-certificate/1"}, b"{}", float("nan"), "[" * 100000 + "]" * 100000])
def test_garbage_is_rejected_without_raising(garbage):
    rejected(garbage)


@pytest.mark.parametrize("path,value,words", [
    (["K_terms", 0, 0, 0], 10 ** 6, "outside [0, 10000]"),
    (["K_terms", 0, 0, 0], -1, "outside [0, 10000]"),
    (["K_terms", 0, 0, 0], 2.0, "not an integer"),
    (["K_terms", 0, 0, 0], True, "not an integer"),
    (["K_terms", 0, 0], [1, 2], "not a list of length 1"),
    (["K_terms", 0, 1], "1.5", "not a rational"),
    (["K_terms", 0, 1], "1/0", "zero denominator"),
    (["K_terms", 0, 1], "2*x", "not a rational"),
    (["K_terms", 0, 1], "__import__('os')", "not a rational"),
    (["K_terms", 0, 1], 1, "not a rational"),
    (["K_terms"], [[[2], "1"], [[2], "1"]], "repeats exponent"),
    (["K_terms", 0, 1], "0", "coefficient 0"),
    (["vars"], ["x"] * 65, "must have 1..64 variables"),
    (["vars"], ["x", "x"], "repeats a name"),
    (["root", "rule"], "magic", "unknown rule"),
    (["root", "rule"], ["split"], "unknown rule"),
    (["root", "children"], DELETE, "missing field 'children'"),
    (["root", "children", 0, "node"], "n1", "is not an object"),
    (["root", "children", 0, "signs"], [0], "must be +1/-1"),
    (["m"], -1, "m is not an integer"),
    (["m"], None, "m is not an integer"),
    (["lambda"], "0", "lambda is not positive"),
    (["lambda"], 0.5, "not a rational"),
    (["point"], {"y": "0"}, "point does not give every variable"),
])
def test_malformed_fields_are_rejected(path, value, words):
    rejected(mutate(cert_x2(), path, value), words)


def test_resource_guards():
    cert = cert_x2()
    cert["K_terms"] = [[[i], "1"] for i in range(1, 200_002)]
    rejected(cert, "more than 200000 terms")
    # a toric node in 17 variables cannot enumerate its fiber strata
    d = 17
    eye = [[int(i == j) for j in range(d)] for i in range(d)]
    K = [[[2] * d, "1"]]
    tor = node("big", [f"y{i}" for i in range(d)], K, [0] * d, ["one"] * d, "toric", charts=[
        {"B": eye, "vertex": [2] * d, "lift": ["0"] * d, "N": [2] * d, "e": [0] * d,
         "strict": [[[0] * d, "1"]], "strata": []}])
    cert = top([f"x{i}" for i in range(d)], K, tor, "1/2", d)
    cert["root"] = split("s", cert["vars"], K, [0] * d, [([1] * d, tor)])
    rejected(cert, "split needs 131072 children")
    rejected(mutate(cert, ["root"], tor), "too many variables to enumerate fiber strata")
    rejected(mutate(cert_power3(), ["root", "k"], 5000), "power 5000 too large")


def test_verification_api():
    v = verify(cert_x2())
    assert v.ok and v.reason == "" and v.lam == Fraction(1, 2) and v.m == 1
    with pytest.raises(AttributeError):
        v.ok = False  # frozen
    bad = verify(None)
    assert not bad and bad.lam is None and bad.m is None


# ---------------------------------------------------------------- property tests


def int_paths(obj, path=()):
    if type(obj) is int:
        yield path
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from int_paths(v, path + (i,))
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from int_paths(v, path + (k,))


FAST = {"x2y4-positive": lambda: top(["x", "y"], X2Y4, split("n0", ["x", "y"], X2Y4, [0, 0], [
    (s, toric_x2y4(f"n0.{i}")) for i, s in enumerate([[1, 1], [1, -1], [-1, 1], [-1, -1]])]), "3/4", 1),
        "sum": cert_sum, "product": cert_product, "power2": cert_power2, "point": cert_point}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_integer_mutations_never_raise_nor_change_the_value(data):
    name = data.draw(st.sampled_from(sorted(FAST)))
    cert = FAST[name]()
    original = verify(cert)
    assert original.ok
    path = data.draw(st.sampled_from(list(int_paths(cert))))
    value = data.draw(st.one_of(st.integers(-3, 20), st.integers(-10 ** 30, 10 ** 30), st.booleans(),
                                st.none(), st.text(max_size=3)))
    result = verify(mutate(cert, list(path), value))
    assert isinstance(result, Verification)
    if result.ok:  # a harmless mutation (e.g. a J listed in another order) keeps the value
        assert (result.lam, result.m) == (original.lam, original.m)
    else:
        assert result.reason and "\n" not in result.reason


@settings(max_examples=100, deadline=None)
@given(lam=st.fractions(min_value=0, max_value=10), name=st.sampled_from(sorted(FAST)))
def test_changed_claimed_lambda_is_always_rejected(lam, name):
    cert = FAST[name]()
    truth = verify(cert).lam
    cert["lambda"] = str(lam)
    assert verify(cert).ok is (lam == truth)


def leaf_paths(obj, path=()):
    if isinstance(obj, (list, dict)) and obj:
        for k, v in (enumerate(obj) if isinstance(obj, list) else obj.items()):
            yield from leaf_paths(v, path + (k,))
    else:
        yield path


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-10 ** 6, 10 ** 6) | st.floats(allow_nan=True)
    | st.text(max_size=6) | st.sampled_from(["0", "1", "-1", "1/2", "inf", "3/4", "two", "one"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=6)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_leaf_replacements_never_raise(data):
    name = data.draw(st.sampled_from(sorted(FAST)))
    cert = FAST[name]()
    original = verify(cert)
    path = data.draw(st.sampled_from(list(leaf_paths(cert))))
    result = verify(mutate(cert, list(path), data.draw(JSON_VALUES)))
    assert isinstance(result, Verification)
    if result.ok:
        assert (result.lam, result.m) == (original.lam, original.m)
    else:
        assert result.reason and "\n" not in result.reason


def test_deep_nesting_is_refused():
    K = [[[2], "1"]]
    child = mono("leaf", ["x"], K, [0], ["two"], [2])
    for i in range(150):
        child = node(f"u{i}", ["x"], K, [0], ["two"], "unit", unit=[[[0], "1"]], node=child)
    rejected(top(["x"], K, child, "1/2", 1), "nested deeper than 100")
    for _ in range(10 ** 4):  # far beyond the recursion limit: still a clean rejection
        child = node("u", ["x"], K, [0], ["two"], "unit", unit=[[[0], "1"]], node=child)
    rejected(top(["x"], K, child, "1/2", 1))


def checker_module():
    # the package rebinds its attribute ``verify`` to a function, so look the module up by name
    return importlib.import_module("rlct.checker")


def test_checker_imports_only_stdlib_and_sympy():
    """The checker and its own modules (``rlct/checker_*.py``, reached by relative imports) import
    nothing but the standard library and sympy: no resolver code."""
    folder = pathlib.Path(checker_module().__file__).parent
    todo, seen = ["checker"], set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        tree = ast.parse((folder / f"{name}.py").read_text())
        roots = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        for n in ast.walk(tree):
            if isinstance(n, ast.ImportFrom) and n.level:      # relative: only the checker's own modules
                mods = [n.module] if n.module else [a.name for a in n.names]
                assert all(m == "checker" or m.startswith("checker_") for m in mods), (name, mods)
                todo += mods
            elif isinstance(n, ast.ImportFrom) and n.module:
                roots.add(n.module.split(".")[0])
        assert roots - {"__future__", "sympy"} <= set(sys.stdlib_module_names), (name, roots)
    assert "checker_stratified" in seen


def test_docstring_examples():
    assert doctest.testmod(checker_module()).failed == 0


def test_positive_stratum_covers_its_closure():
    """docs/certificate.md: a ``positive`` proof on J also proves every J' ⊇ J (restriction of a
    polynomial with positive coefficients and a positive constant term); any other proof kind
    does not, so deleting J' is then rejected."""
    import copy

    cert = copy.deepcopy(cert_x2y4() if callable(cert_x2y4) else cert_x2y4)
    strata = cert["root"]["children"][0]["node"]["charts"][0]["strata"]
    del strata[1]                                   # J=[0, 1], covered by J=[0] (positive)
    assert verify(cert).ok
    strata[0]["proof"] = {"kind": "univariate", "var": 1}   # still a valid proof for J=[0] ...
    res = verify(cert)
    assert not res.ok and "fiber stratum J=[0, 1] is missing" in res.reason   # ... but covers only J=[0]
