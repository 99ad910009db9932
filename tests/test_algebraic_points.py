"""Points with real algebraic coordinates (issue 5 item 1; rlct/algebraic.py, checker rules morse/order)."""
import copy
import json
import subprocess
import sys
from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from rlct import check, rlct, verify
from rlct.errors import RLCTInputError

F = Fraction


def cli(*args):
    return subprocess.run([sys.executable, "-m", "rlct", *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("K, at, lam, rule", [
    ("(x**2 - 2)**2", "x=sqrt(2)", F(1, 2), "order"),
    ("(x**2 - 2)**4", "x=sqrt(2)", F(1, 4), "order"),
    ("(x**2 - 2)**4", "x=-sqrt(2)", F(1, 4), "order"),
    ("x*(x**2 - 2)**2", "x=sqrt(2)", F(1, 2), "order"),
    ("(x**3 - x - 1)**2", "x=root(x**3-x-1, 0)", F(1, 2), "order"),
    ("(x**2 - 2)**2 + (y - x)**2", "x=sqrt(2),y=sqrt(2)", F(1), "morse"),
    ("(2*x**2 - 1)**2 + (y - 1/3)**2", "x=sqrt(2)/2,y=1/3", F(1), "morse"),
    ("(x**3 - x - 1)**2 + (y - x)**2 + z**2", "x=CRootOf(x**3 - x - 1, 0),y=root(t**3-t-1,0),z=0", F(3, 2), "morse"),
])
def test_exact_at_irrational_points(K, at, lam, rule):
    r = rlct(K, at=at)
    assert (r.status, r.lam, r.m) == ("exact", lam, 1)
    assert r.certificate["root"]["rule"] == rule
    v = verify(json.loads(json.dumps(r.certificate)))
    assert v.ok and (v.lam, v.m) == (lam, 1)


def test_point_is_shown_exactly_and_reads_back():
    r = rlct("(x**3 - x - 1)**2 + (y - x)**2", at="x=root(x**3-x-1, 0),y=root(x**3-x-1, 0)")
    assert r.point == {"x": "CRootOf(x**3 - x - 1, 0)", "y": "CRootOf(x**3 - x - 1, 0)"}
    assert "CRootOf(x**3 - x - 1, 0)" in r.to_json() and "CRootOf" in str(r)
    again = rlct(r.K, at=",".join(f"{k}={v}" for k, v in r.point.items()))
    assert (again.lam, again.m, again.point) == (r.lam, r.m, r.point)
    assert rlct("(2*x**2 - 1)**2", at="x=sqrt(2)/2").point == {"x": "sqrt(2)/2"}


def test_sympy_numbers_in_a_dict_and_check():
    r = rlct("(x**2 - 2)**2 + (y - x)**2", at={"x": sympy.sqrt(2), "y": "sqrt(2)"})
    assert (r.lam, r.m) == (1, 1)
    assert check("(x**2 - 2)**4", lam="1/4", m=1, at={"x": sympy.sqrt(2)}).agrees
    assert not check("(x**2 - 2)**4", lam="1/2", m=1, at="x=sqrt(2)").agrees
    with pytest.raises(RLCTInputError, match="not exact"):
        rlct("(x**2 - 2)**2", at={"x": 1.4142135623730951})
    with pytest.raises(RLCTInputError, match="not a real algebraic|not supported"):
        rlct("(x**2 - 2)**2", at={"x": sympy.pi})
    with pytest.raises(RLCTInputError):
        rlct("(x**2 - 2)**2", at={"x": sympy.I})
    with pytest.raises(RLCTInputError, match="root"):
        rlct("(x**3 - 2)**2", at={"x": sympy.cbrt(2)})
    assert rlct("(x**3 - 2)**2", at="x=root(x**3 - 2, 0)").lam == F(1, 2)


def test_degenerate_hessian_gives_bounds_containing_the_truth():
    # y^2 = (x^2 - 2)^3: a cusp at (sqrt(2), 0); truth λ((y² − t³)²) = (1/2 + 1/3)/2 = 5/12
    r = rlct("(y**2 - (x**2 - 2)**3)**2", at="x=sqrt(2),y=0")
    assert r.status == "bounds" and r.certificate is None
    assert r.lambda_lower <= F(5, 12) <= r.lambda_upper and r.lambda_lower < r.lambda_upper
    assert "only the Morse case / one variable is exact yet" in r.reason
    # two smooth curves tangent at (sqrt(2), 0) (dependent gradients): truth λ = 3/8 (y(y - t²) has 3/4)
    r = rlct("y**2*(y - (x**2 - 2)**2)**2", at="x=sqrt(2),y=0")
    assert r.status == "bounds" and r.lambda_lower <= F(3, 8) <= r.lambda_upper
    # a sum whose parts share variables, written as squares of u = (x+y)² − 2 and (x − y)²: the
    # generators reach the crossing rule (u, x − y coordinates): truth 1/2 + 1/4, exact
    r = rlct("((x + y)**2 - 2)**2 + (x - y)**4", at="x=sqrt(2)/2,y=sqrt(2)/2")
    assert (r.status, r.lam, r.m) == ("exact", F(3, 4), 1) and verify(r.certificate).ok
    # the same coordinate x² − 2 in two pieces (3 factors in 2 variables): y1²(y1² + y2²) has (1/2, 2)
    r = rlct("(x**2 - 2)**2*((x**2 - 2)**2 + y**2)", at="x=sqrt(2),y=0")
    assert r.status == "bounds" and r.lambda_lower <= F(1, 2) <= r.lambda_upper


def test_prior():
    assert rlct("(x**2 - 2)**2", at="x=sqrt(2)", prior="x").lam == F(1, 2)          # non-zero there
    r = rlct("(x**2 - 2)**2", at="x=sqrt(2)", prior="x**2 - 2")                      # |x - p|^1
    assert (r.lam, r.m, r.prior_exponents) == (F(1), 1, [1]) and verify(r.certificate).ok
    r = rlct("(x**2 - 2)**2 + y**2", at="x=sqrt(2),y=0", prior="y")                 # truth 1/2 + 1
    assert r.status == "bounds" and r.lambda_lower <= F(3, 2) <= r.lambda_upper
    assert "prior vanishes" in r.reason
    assert rlct("(x**2 - 2)**2 + y**2", at="x=sqrt(2),y=0", prior="x*(y+1)").lam == 1


def test_not_a_zero_and_negative():
    r = rlct("x**2 + y**2 - 2", at="x=sqrt(2),y=1")
    assert r.status == "not-a-zero" and r.lam is None
    with pytest.raises(RLCTInputError, match="negative at the point"):
        rlct("2 - x**2 - y**2", at="x=sqrt(3),y=0")
    with pytest.raises(RLCTInputError, match="gradient"):
        rlct("x**2 - 2", at="x=sqrt(2)")
    with pytest.raises(RLCTInputError, match="order 3, is odd"):
        rlct("(x**2 - 2)**3", at="x=sqrt(2)")
    with pytest.raises(RLCTInputError, match="is negative"):
        rlct("-(x**2 - 2)**2", at="x=sqrt(2)")
    with pytest.raises(RLCTInputError, match="indefinite"):
        rlct("(x**2 - 2)**2 - y**2", at="x=sqrt(2),y=0")


def test_rational_points_unchanged():
    r = rlct("(a*b - 1)**2", at="a=1,b=1")
    assert r.status == "exact" and r.certificate["root"]["rule"] not in ("morse", "order")
    assert r.point == {"a": "1", "b": "1"}
    assert rlct("x**2", at="x=sqrt(4)/2").point == {"x": "1"}   # rational after simplification


@pytest.mark.parametrize("at, needle", [
    ("x=sqrt(-1)", "square root of a negative number"),
    ("x=sqrt(x)", "cannot contain variables"),
    ("x=root(x**2+1, 0)", "0 real root"),
    ("x=root(x**2-2, 5)", "index 5"),
    ("x=__import__('os')", "__import__"),
    ("x=sqrt(2+sqrt(2))", "not supported"),
    ("x=sqrt(2).real", "attribute"),
    ("x=sin(1)", "sin"),
])
def test_cli_malformed_points_exit_2(at, needle):
    p = cli("(x**2 - 2)**2", "--at", at)
    assert p.returncode == 2 and p.stdout == ""
    assert len(p.stderr.strip().splitlines()) == 1 and needle in p.stderr


def test_cli_negative_near_point_exit_2():
    p = cli("x**2 - 2", "--at", "x=sqrt(2)")
    assert p.returncode == 2 and p.stderr.startswith("rlct: error:") and "gradient" in p.stderr


def test_cli_json_certificate_verify(tmp_path):
    c = tmp_path / "c.json"
    p = cli("(2*x**2 - 1)**2 + (y - 1/3)**2", "--at", "x=sqrt(2)/2,y=1/3", "--json", "--certificate", str(c))
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert (out["status"], out["lambda"], out["m"]) == ("exact", "1", 1)
    assert out["point"] == {"x": "sqrt(2)/2", "y": "1/3"}
    v = cli("verify", str(c))
    assert v.returncode == 0 and "lambda = 1, m = 1" in v.stdout
    p = cli("(x**2 - 2)**4", "--at", "x=sqrt(2)", "--explain")
    assert p.returncode == 0 and "order 4" in p.stdout


def _cert(K, at, **kw):
    return copy.deepcopy(rlct(K, at=at, **kw).certificate)


def test_tampering_fails():
    good = _cert("(x**2 - 2)**2 + (y - x)**2", "x=sqrt(2),y=sqrt(2)")
    assert verify(good).ok
    bad = copy.deepcopy(good)
    bad["point"] = bad["root"]["point"] = {"x": "sqrt(3)", "y": "sqrt(3)"}
    assert not verify(bad).ok and "K(point) != 0" in verify(bad).reason
    bad = copy.deepcopy(good)
    bad["point"]["x"] = "sqrt(3)"
    assert "node's point" in verify(bad).reason
    bad = copy.deepcopy(good)
    bad["lambda"] = bad["root"]["lambda"] = "1/2"
    assert not verify(bad).ok
    bad = copy.deepcopy(good)
    bad["prior_exponents"] = bad["root"]["e"] = [1, 0]
    assert not verify(bad).ok
    bad = copy.deepcopy(good)
    bad["point"] = bad["root"]["point"] = {"x": "__import__('os')", "y": "sqrt(2)"}
    assert not verify(bad).ok and "not an exact real number" in verify(bad).reason
    for text in ("sqrt(-2)", "root(x**2+1, 0)", "x", "2**(1/2)", "sqrt(2)/0", "1.5", "root(x**2-2, 2)", "(" * 300):
        bad["point"] = bad["root"]["point"] = {"x": text, "y": "sqrt(2)"}
        assert "not an exact real number" in verify(bad).reason or "is not a number" in verify(bad).reason, text
    # a Morse claim for a degenerate zero: (x^2 + y^2 - 1)^2 at (sqrt(2)/2, sqrt(2)/2)
    K = rlct("(x**2 + y**2 - 1)**2", at="x=1,y=0")
    deg = copy.deepcopy(good)
    pt = {"x": "sqrt(2)/2", "y": "sqrt(2)/2"}
    deg.update(K=K.K, K_terms=K.certificate["K_terms"], point=pt)
    deg["root"]["point"] = dict(pt)
    assert not verify(deg).ok and "det Hess" in verify(deg).reason
    # a wrong order in one variable
    one = _cert("(x**2 - 2)**4", "x=sqrt(2)")
    assert verify(one).ok
    for k, lam in ((2, "1/2"), (6, "1/6")):
        bad = copy.deepcopy(one)
        bad["root"]["order"], bad["lambda"], bad["root"]["lambda"] = k, lam, lam
        assert not verify(bad).ok
    bad = copy.deepcopy(one)
    bad["root"]["rule"] = "morse"
    bad["root"]["hessian_det"] = "nonzero"
    assert not verify(bad).ok   # Hessian 0 and the value would be 1/2


@settings(max_examples=15, deadline=None)
@given(q=st.integers(2, 40).filter(lambda n: sympy.sqrt(n).is_Rational is False), k=st.integers(1, 3),
       s=st.sampled_from([1, -1]))
def test_power_of_minimal_polynomial(q, k, s):
    r = rlct(f"(x**2 - {q})**{2 * k}", at=f"x={'-' if s < 0 else ''}sqrt({q})")
    assert (r.status, r.lam, r.m) == ("exact", F(1, 2 * k), 1)
    assert verify(r.certificate).ok


# ---------------------------------------------------------------- rule crossing (issue 5 item 1)


@pytest.mark.parametrize("K, at, lam, m", [
    ("(x**2 - 2)**2*y**2", "x=sqrt(2),y=0", F(1, 2), 2),                      # two coordinates
    ("(x**2 + y**2 - 3)**2", "x=sqrt(2),y=1", F(1, 2), 1),                     # a smooth zero
    ("((x**2 - 2)*(y**2 - 3))**2", "x=sqrt(2),y=sqrt(3)", F(1, 2), 2),
    ("(x**2 - 2)**4 + y**2", "x=sqrt(2),y=0", F(3, 4), 1),                     # sum rule
    ("(x**2 + y**2 - 1)**2", "x=sqrt(2)/2,y=sqrt(2)/2", F(1, 2), 1),           # was bounds
    ("(x**2 - 2)**2 + y**4", "x=sqrt(2),y=0", F(3, 4), 1),                     # was bounds
    ("(x**2 - 2)**4 + (y**2 - 3)**4", "x=sqrt(2),y=sqrt(3)", F(1, 2), 1),      # was bounds
    ("(x**2 - 2)**2 + (y**2 - 3)**2 + z**4", "x=sqrt(2),y=sqrt(3),z=0", F(5, 4), 1),
    ("(x**2 - 2)**2*(y**2 - 3)**4*(z**2 - 5)**2", "x=sqrt(2),y=sqrt(3),z=sqrt(5)", F(1, 4), 1),
    ("(x**2 - 2)**2*(y**2 - 3)**2*(z**2 - 5)**2", "x=sqrt(2),y=sqrt(3),z=sqrt(5)", F(1, 2), 3),
    ("((x**2 - 2)**4 + y**2)**2*(z - 1)**2", "x=sqrt(2),y=0,z=1", F(3, 8), 1),   # power of a sum block
    ("((x**2 - 2)**2 + y**2)*(z - 1)**2", "x=sqrt(2),y=0,z=1", F(1, 2), 1),      # 1 < 1/2? no: min(1, 1/2)
    ("((x**2 - 2)**2 + y**2)*(z - 1)**4*w**2", "x=sqrt(2),y=0,z=1,w=0", F(1, 4), 1),
    ("((x**2 - 2)**2 + y**2)*z**2*w**2", "x=sqrt(2),y=0,z=0,w=0", F(1, 2), 2),
    ("(x**2 - 2)**2*(x**2 + y**2 - 3)**2", "x=sqrt(2),y=1", F(1, 2), 2),       # transversal curves
    ("3*(x**2 + y**2 - 1)**2*(x + 5)*(y**2 + 1)", "x=sqrt(2)/2,y=sqrt(2)/2", F(1, 2), 1),  # units
    ("(x**3 - x - 1)**2*(y - x)**2", "x=root(x**3-x-1, 0),y=root(x**3-x-1, 0)", F(1, 2), 2),
])
def test_crossing_exact(K, at, lam, m):
    r = rlct(K, at=at)
    assert (r.status, r.lam, r.m) == ("exact", lam, m)
    assert r.certificate["root"]["rule"] == "crossing"
    v = verify(json.loads(json.dumps(r.certificate)))
    assert v.ok and (v.lam, v.m) == (lam, m), v.reason
    assert check(K, lam=str(lam), m=m, at=at).agrees
    assert not check(K, lam=str(lam), m=m + 1, at=at).agrees
    text = r.explain()
    assert "crossing" in text and f"lambda = {lam}, m = {m}" in text
    form = next(line for line in text.splitlines() if line.startswith("1. K = "))[len("1. K = "):-1]
    assert sympy.expand(sympy.sympify(form) - sympy.sympify(K)) == 0, form   # the form shown is K


def test_crossing_free_variable_and_cli(tmp_path):
    r = rlct("(x**2 - 2)**2*z**2", vars="x,y,z", at="x=sqrt(2),y=5,z=0")
    assert (r.status, r.lam, r.m) == ("exact", F(1, 2), 2) and verify(r.certificate).ok
    c = tmp_path / "c.json"
    p = cli("(x**2 - 2)**4 + y**2", "--at", "x=sqrt(2),y=0", "--json", "--certificate", str(c))
    assert p.returncode == 0, p.stderr
    assert (json.loads(p.stdout)["lambda"], json.loads(p.stdout)["m"]) == ("3/4", 1)
    v = cli("verify", str(c))
    assert v.returncode == 0 and "lambda = 3/4, m = 1" in v.stdout


def test_crossing_sign_errors():
    with pytest.raises(RLCTInputError, match="odd exponent 3"):
        rlct("(x**2 - 2)**3*y**2", at="x=sqrt(2),y=0")
    with pytest.raises(RLCTInputError, match="negative"):
        rlct("-(x**2 - 2)**2*y**2", at="x=sqrt(2),y=0")
    with pytest.raises(RLCTInputError, match="negative"):
        rlct("(x - 5)*(x**2 - 2)**2*y**2", at="x=sqrt(2),y=0")   # unit x - 5 < 0 at the point


def test_crossing_prior_vanishing_stays_bounds():
    r = rlct("(x**2 - 2)**2*y**2", at="x=sqrt(2),y=0", prior="y")   # truth: λ = 1/2 (x² − 2 still), m = 1
    assert r.status == "bounds" and r.lambda_lower <= F(1, 2) <= r.lambda_upper
    assert "prior vanishes" in r.reason


def _solve_with_gens(expr, names, at):
    """``algebraic.solve`` given the generators of ``K = Σ w g²`` as written (what rlct passes for a
    sum of squares / ``ideal=``)."""
    import time

    from resolve.poly import from_sympy
    from rlct.algebraic import solve
    from rlct.api import sos_structure

    e = sympy.sympify(expr)
    syms = [sympy.Symbol(n) for n in names]
    pt = {n: sympy.sympify(v) for n, v in at.items()}
    return solve(from_sympy(e, syms), names, pt, sympy.Integer(1), time.monotonic(), True, gens=sos_structure(e))


@pytest.mark.parametrize("expr, names, at, lam", [
    # ideal (x² − 2, y − x) with a free variable z: not Morse (rank 2 < 3), the generators are coordinates
    ("(x**2 - 2)**2 + (y - x)**2", ["x", "y", "z"], {"x": "sqrt(2)", "y": "sqrt(2)", "z": "0"}, F(1)),
    # (x² − 2)⁴ + y² after x -> x + y, y -> x - y: the sum rule through the generators
    ("((x + y)**2 - 2)**4 + (x - y)**2", ["x", "y"], {"x": "sqrt(2)/2", "y": "sqrt(2)/2"}, F(3, 4)),
    # x - y vanishes too; z(x - y) is a positive unit z² times the coordinate x - y squared
    ("(x**2 + y**2 - 3)**2 + 2*(z*(x - y))**2", ["x", "y", "z"], {"x": "sqrt(3/2)", "y": "sqrt(3/2)", "z": "1"},
     F(1)),
    ("(x**2 - 2)**2 + (y*(y - 3))**2 + ((z + 1)*z**2)**2", ["x", "y", "z"], {"x": "sqrt(2)", "y": "0", "z": "0"},
     F(1, 2) + F(1, 2) + F(1, 4)),
    # redundant generators (in the ideal of the others: cofactors checked by expansion)
    ("(x**2 - 2)**2 + y**2 + ((x**2 - 2)*y + y**2)**2 + z**4", ["x", "y", "z"],
     {"x": "sqrt(2)", "y": "0", "z": "0"}, F(5, 4)),
    ("(x**2 + y**2 - 3)**2 + (x**2 - 2)**2 + (y**2 - 1)**2", ["x", "y", "z"], {"x": "sqrt(2)", "y": "1", "z": "0"},
     F(1)),
])
def test_crossing_from_generators(expr, names, at, lam):
    r = _solve_with_gens(expr, names, at)
    assert (r.status, r.lam, r.m) == ("exact", lam, 1)
    assert r.certificate["root"]["rule"] == "crossing" and verify(r.certificate).ok


def _crossing_cert(K="(x**2 - 2)**2*y**2", at="x=sqrt(2),y=0", vars=None):
    r = rlct(K, at=at, vars=vars)
    assert r.certificate["root"]["rule"] == "crossing"
    return copy.deepcopy(r.certificate)


def _set_claim(c, lam, m):
    c["lambda"] = c["root"]["lambda"] = lam
    c["m"] = c["root"]["m"] = m


def test_crossing_tampering_rejected():
    good = _crossing_cert()
    assert verify(good).ok
    # wrong exponent (with a matching claim): the expansion fails
    bad = copy.deepcopy(good)
    bad["root"]["blocks"][0]["power"] = 4
    _set_claim(bad, "1/4", 1)
    assert not verify(bad).ok and "expansion" in verify(bad).reason
    bad = copy.deepcopy(good)
    bad["root"]["blocks"][0]["terms"][0]["factors"][0]["exp"] = 2
    assert not verify(bad).ok
    # a wrong claim
    for lam, m in (("1/2", 1), ("1/4", 2), ("1", 2)):
        bad = copy.deepcopy(good)
        _set_claim(bad, lam, m)
        assert not verify(bad).ok
    # the point changed to another zero of K where y² - 3 ... here: (sqrt(2), 1) is not a zero
    bad = copy.deepcopy(good)
    bad["point"] = bad["root"]["point"] = {"x": "sqrt(2)", "y": "1"}
    assert not verify(bad).ok
    # a changed point that is still a zero of K, where a block factor does not vanish (truth m = 1)
    c3 = _crossing_cert("((x**2 - 2)*(y**2 - 3))**2", "x=sqrt(2),y=sqrt(3)")
    assert verify(c3).ok
    bad = copy.deepcopy(c3)
    bad["point"] = bad["root"]["point"] = {"x": "sqrt(2)", "y": "0"}
    assert not verify(bad).ok and "does not vanish" in verify(bad).reason
    ok = copy.deepcopy(c3)   # (-sqrt(2), sqrt(3)) is a zero of the same type: still correct
    ok["point"] = ok["root"]["point"] = {"x": "-sqrt(2)", "y": "sqrt(3)"}
    assert verify(ok).ok
    # a factor that does not vanish declared as a block factor (moved from the units)
    cu = _crossing_cert("3*(x**2 + y**2 - 1)**2*(x + 5)", "x=sqrt(2)/2,y=sqrt(2)/2")
    bad = copy.deepcopy(cu)
    u = bad["root"]["units"].pop()
    bad["root"]["blocks"].append({"power": u["exp"], "terms": [{"weight": "1", "factors": [{"f": u["f"], "exp": 1}]}]})
    bad["root"]["columns"] = [0, 1]
    assert not verify(bad).ok and ("does not vanish" in verify(bad).reason or "odd" in verify(bad).reason)
    # a block factor declared as a unit
    bad = copy.deepcopy(good)
    b = bad["root"]["blocks"].pop()
    bad["root"]["units"].append({"f": b["terms"][0]["factors"][0]["f"], "exp": b["power"]})
    bad["root"]["columns"] = bad["root"]["columns"][:1]
    assert not verify(bad).ok and "vanishes at the point" in verify(bad).reason
    # columns with a zero minor, or not one per factor
    cz = _crossing_cert("(x**2 - 2)**2*z**2", "x=sqrt(2),y=5,z=0", vars="x,y,z")
    assert cz["root"]["columns"] == [0, 2]
    for cols in ([0, 1], [1, 2], [0], [0, 0], [0, 2, 1], [0, 3], "01"):
        bad = copy.deepcopy(cz)
        bad["root"]["columns"] = cols
        assert not verify(bad).ok, cols
    # weights, const, odd exponents, prior
    cs = _crossing_cert("(x**2 - 2)**4 + y**2", "x=sqrt(2),y=0")
    bad = copy.deepcopy(cs)
    bad["root"]["blocks"][0]["terms"][0]["weight"] = "-1"
    assert not verify(bad).ok
    bad = copy.deepcopy(cs)
    bad["root"]["const"] = "0"
    assert not verify(bad).ok
    bad = copy.deepcopy(cs)
    bad["prior_exponents"] = bad["root"]["e"] = [0, 1]
    assert not verify(bad).ok and "prior exponents 0" in verify(bad).reason
    # consistent identities for K that are not >= 0: only the sign conditions catch them
    x, y = sympy.symbols("x y")

    def with_K(c, expr):
        c["K"] = str(expr)
        c["K_terms"] = [[list(a), str(v)] for a, v in sympy.Poly(expr, x, y).terms()]
        return c

    bad = with_K(copy.deepcopy(cs), -(x**2 - 2)**4 + y**2)
    bad["root"]["blocks"][0]["terms"][0]["weight"] = "-1"
    assert not verify(bad).ok and "weight is not > 0" in verify(bad).reason
    bad = with_K(copy.deepcopy(cs), (x**2 - 2)**3 + y**2)
    bad["root"]["blocks"][0]["terms"][0]["factors"][0]["exp"] = 3
    _set_claim(bad, "5/6", 1)
    assert not verify(bad).ok and "odd exponent" in verify(bad).reason
    bad = with_K(copy.deepcopy(good), ((x**2 - 2) * y)**2 * (x**2 - 2))
    next(b for b in bad["root"]["blocks"] if b["terms"][0]["factors"][0]["f"] == [[[0, 0], "-2"], [[2, 0], "1"]])[
        "power"] = 3
    _set_claim(bad, "1/3", 1)
    assert not verify(bad).ok and "odd exponent" in verify(bad).reason
    for junk in (None, "x", [], {"power": 1}, [{"power": 0, "terms": []}]):
        bad = copy.deepcopy(cs)
        bad["root"]["blocks"] = junk
        assert not verify(bad).ok


def test_crossing_redundant_generators():
    r = _solve_with_gens("(x**2 - 2)**2 + (y*(x**2 - 2))**2 + z**2*w**2", ["x", "y", "z", "w"],
                         {"x": "sqrt(2)", "y": "0", "z": "0", "w": "0"})
    assert (r.status, r.lam, r.m) == ("exact", F(1), 2)   # y1² + z²w²: 1/2 + 1/2, m = 1 + 2 - 1
    good = copy.deepcopy(r.certificate)
    assert len(good["root"]["redundant"]) == 1 and verify(good).ok
    bad = copy.deepcopy(good)
    red = bad["root"]["redundant"][0]
    red["cofactors"] = [[[[0, 2, 0, 0], "1"]] if c else c for c in red["cofactors"]]   # y² instead of y
    assert not verify(bad).ok and "cofactor" in verify(bad).reason
    bad = copy.deepcopy(good)
    bad["root"]["redundant"][0]["weight"] = "0"
    assert not verify(bad).ok
    bad = copy.deepcopy(good)
    bad["root"]["redundant"] = []            # the identity no longer holds
    assert not verify(bad).ok and "expansion" in verify(bad).reason
    # redundant generators need const 1, no units and one block of power 1
    bad = copy.deepcopy(good)
    bad["root"]["const"] = "2"
    assert not verify(bad).ok


def test_crossing_term_units_checked():
    r = _solve_with_gens("(x**2 + y**2 - 3)**2 + 2*(z*(x - y))**2", ["x", "y", "z"],
                         {"x": "sqrt(3/2)", "y": "sqrt(3/2)", "z": "1"})
    good = copy.deepcopy(r.certificate)
    units = [t for t in good["root"]["blocks"][0]["terms"] if t.get("units")]
    assert len(units) == 1 and units[0]["units"][0]["exp"] == 2 and verify(good).ok
    bad = copy.deepcopy(good)
    bad["point"] = bad["root"]["point"] = {"x": "sqrt(3/2)", "y": "sqrt(3/2)", "z": "0"}   # z vanishes now
    assert not verify(bad).ok and "unit 0 vanishes" in verify(bad).reason
    bad = copy.deepcopy(good)
    t = next(t for t in bad["root"]["blocks"][0]["terms"] if t.get("units"))
    t["units"][0]["exp"], t["factors"][0]["exp"] = 1, 2
    assert not verify(bad).ok


def test_crossing_dependent_gradients_rejected():
    """A hand-made certificate for y²·(y − (x² − 2)²)² at (sqrt(2), 0): the identity holds, both
    factors vanish, but their gradients (0, 1), (0, 1) are dependent (two tangent curves: the true
    λ is 3/8, not the claimed 1/2)."""
    r = rlct("y**2*(y - (x**2 - 2)**2)**2", at="x=sqrt(2),y=0", check=False)
    assert r.status == "bounds"
    good = _crossing_cert()
    bad = copy.deepcopy(good)
    bad["K"] = "y**2*(y - (x**2 - 2)**2)**2"
    x, y = sympy.symbols("x y")
    G = sympy.Poly(y - (x**2 - 2)**2, x, y)
    bad["K_terms"] = [[list(a), str(c)] for a, c in sympy.Poly((y * (y - (x**2 - 2)**2))**2, x, y).terms()]
    bad["root"]["blocks"] = [{"power": 2, "terms": [{"weight": "1", "factors": [{"f": [[[0, 1], "1"]], "exp": 1}]}]},
                             {"power": 2, "terms": [{"weight": "1", "factors": [
                                 {"f": [[list(a), str(c)] for a, c in G.terms()], "exp": 1}]}]}]
    for cols in ([0, 1], [1, 0]):
        bad["root"]["columns"] = cols
        v = verify(bad)
        assert not v.ok and "dependent" in v.reason, v.reason


_LINEAR = [((1, 1), (1, -1)), ((2, 1), (1, 1)), ((1, 3), (0, 1)), ((0, 1), (1, 0)), ((3, -2), (1, 5))]


def _change(K, M, point):
    """``K(M u)`` and the image point ``M^{-1} p`` (exact)."""
    x, y, u, v = sympy.symbols("x y u v")
    Mm = sympy.Matrix(M)
    new = sympy.sympify(K).subs({x: Mm[0, 0] * u + Mm[0, 1] * v, y: Mm[1, 0] * u + Mm[1, 1] * v}, simultaneous=True)
    q = Mm.inv() * sympy.Matrix([sympy.sympify(point["x"]), sympy.sympify(point["y"])])
    return str(sympy.expand(new)), {"u": str(sympy.radsimp(q[0])), "v": str(sympy.radsimp(q[1]))}


@pytest.mark.parametrize("K, point, lam, m", [
    ("(x**2 - 2)**2*y**2", {"x": "sqrt(2)", "y": "0"}, F(1, 2), 2),
    ("((x**2 - 2)*(y**2 - 3))**2", {"x": "sqrt(2)", "y": "sqrt(3)"}, F(1, 2), 2),
    ("(x**2 + y**2 - 3)**4", {"x": "sqrt(2)", "y": "1"}, F(1, 4), 1),
    ("(x**2 - 2)**2*(x**2 + y**2 - 3)**4", {"x": "sqrt(2)", "y": "1"}, F(1, 4), 1),
])
@pytest.mark.parametrize("M", _LINEAR)
def test_crossing_invariant_under_rational_linear_change(K, point, lam, m, M):
    r0 = rlct(K, at=point)
    assert (r0.status, r0.lam, r0.m) == ("exact", lam, m)
    K2, q = _change(K, M, point)
    r = rlct(K2, at=q)
    assert (r.status, r.lam, r.m) == ("exact", lam, m), (K2, q)
    assert verify(r.certificate).ok


@pytest.mark.parametrize("M", _LINEAR)
def test_sum_rule_invariant_through_generators(M):
    K2, q = _change("(x**2 - 2)**4 + y**2", M, {"x": "sqrt(2)", "y": "0"})
    x, y, u, v = sympy.symbols("x y u v")
    Mm = sympy.Matrix(M)
    sub = {x: Mm[0, 0] * u + Mm[0, 1] * v, y: Mm[1, 0] * u + Mm[1, 1] * v}
    a, b = (sympy.sympify(s).subs(sub, simultaneous=True) for s in ("x**2 - 2", "y"))
    written = f"({a})**4 + ({b})**2"
    r = _solve_with_gens(written, ["u", "v"], q)
    assert (r.status, r.lam, r.m) == ("exact", F(3, 4), 1) and verify(r.certificate).ok
    assert sympy.expand(sympy.sympify(written) - sympy.sympify(K2)) == 0
    # the expanded K: exact when the change keeps the parts in disjoint variables, else bounds with the truth
    r2 = rlct(K2, at=q)
    assert r2.lam == F(3, 4) if r2.status == "exact" else r2.lambda_lower <= F(3, 4) <= r2.lambda_upper


@settings(max_examples=10, deadline=None)
@given(ks=st.lists(st.integers(1, 3), min_size=2, max_size=3),
       qs=st.lists(st.sampled_from([2, 3, 5, 6, 7]), min_size=3, max_size=3, unique=True),
       s=st.sampled_from([1, -1]))
def test_product_of_coordinates_property(ks, qs, s):
    """``Π (x_i² − q_i)^{2 k_i}`` at ``x_i = ±sqrt(q_i)``: normal crossing, ``λ = 1/(2 max k)``,
    ``m = #{i : k_i = max k}`` (an independent closed form, computed here)."""
    names = ["x", "y", "z"][:len(ks)]
    K = "*".join(f"({n}**2 - {q})**{2 * k}" for n, q, k in zip(names, qs, ks))
    at = ",".join(f"{n}={'-' if s < 0 else ''}sqrt({q})" for n, q in zip(names, qs))
    r = rlct(K, at=at)
    assert (r.status, r.lam, r.m) == ("exact", F(1, 2 * max(ks)), ks.count(max(ks)))
    assert verify(r.certificate).ok
