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
    r = rlct("(x**2 + y**2 - 1)**2", at="x=sqrt(2)/2,y=sqrt(2)/2")   # a smooth curve: λ = 1/2
    assert r.status == "bounds" and r.certificate is None
    assert (r.lambda_lower, r.lambda_upper) == (F(1, 2), F(1))      # rank 1 below, d/ord above
    assert "only the Morse case / one variable is exact yet" in r.reason
    r = rlct("(x**2 - 2)**2 + y**4", at="x=sqrt(2),y=0")           # truth 1/2 + 1/4
    assert r.status == "bounds" and r.lambda_lower <= F(3, 4) <= r.lambda_upper
    r = rlct("(x**2 - 2)**4 + (y**2 - 3)**4", at="x=sqrt(2),y=sqrt(3)")  # truth 1/4 + 1/4; rank 0
    assert r.status == "bounds" and (r.lambda_lower, r.lambda_upper) == (F(1, 4), F(1, 2))


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
