"""Compact domains (issue 5, item 2): the global (λ, m) over a box, one-sided at its faces."""
import json
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rlct import rlct
from rlct.cli import main
from rlct.domain import parse_domain
from rlct.errors import RLCTInputError


def within(r, lam):
    assert r.status == "bounds", r
    assert r.lambda_lower <= lam <= r.lambda_upper, r


def test_two_zeros_one_variable():
    r = rlct("x**2*(x-1)**2", domain="x=-2..2")
    assert (r.status, r.lam, r.m) == ("exact", F(1, 2), 1)
    assert r.attained_at == ["x=0", "x=1"]


def test_two_zeros_two_variables():
    r = rlct("(x**2+y**2)*((x-1)**2+y**2)", domain="x=-1..2,y=-1..1")
    assert (r.status, r.lam, r.m) == ("exact", F(1), 1)
    assert sorted(r.attained_at) == ["x=0,y=0", "x=1,y=0"]


def test_only_zeros_in_the_box_count():
    r = rlct("x**2*(x-1)**4", domain="x=-1..1/2")      # (x-1)**4 (λ = 1/4) is outside
    assert (r.status, r.lam, r.m, r.attained_at) == ("exact", F(1, 2), 1, ["x=0"])
    r = rlct("x**2*(x-1)**4", domain="x=-1..1")        # ... and on the face x = 1 it counts
    assert (r.status, r.lam, r.m, r.attained_at) == ("exact", F(1, 4), 1, ["x=1"])


def test_max_multiplicity_among_minimizers():
    # (1/2, 2) at the origin, (1/2, 1) at (1, 0): m is the maximum, never the sum
    r = rlct("(x**2*y**2+x**6+y**6)*((x-1)**4+y**4)", domain="x=-1..2,y=-1..1")
    assert (r.status, r.lam, r.m) == ("exact", F(1, 2), 2)
    assert r.attained_at == ["x=0,y=0", "x=1,y=0"]
    r = rlct("(x**2*y**2+x**6+y**6)*((x-1)**4+y**4)", domain="x=1/2..2,y=-1..1")
    assert (r.status, r.lam, r.m, r.attained_at) == ("exact", F(1, 2), 1, ["x=1,y=0"])


def test_zeros_on_faces_need_not_be_critical():
    # K >= 0 on the box only: x on [0, 1] vanishes at 0 with K' = 1 (λ = 1); x + y on a corner: 2
    assert (rlct("x", domain="x=0..1").lam, rlct("x", domain="x=0..1").m) == (F(1), 1)
    assert rlct("x + y", domain="x=0..1,y=0..1").lam == F(2)
    assert rlct("x + y**2", domain="x=0..1,y=-1..1").lam == F(3, 2)
    r = rlct("x + (y**2-2)**2", domain="x=0..1,y=0..2")      # irrational zero on a face: bounds
    within(r, F(3, 2))
    assert r.lambda_upper == 2


@pytest.mark.parametrize("K, box", [("(x**2+y**2)*((x-1)**2+y**2)", "x=2..3,y=-1..1"),
                                    ("x**2 + (y-3)**2", "x=-1..1,y=0..1"),
                                    ("x**2 + 1", "x=-5..5")])
def test_no_zero(K, box):
    r = rlct(K, domain=box)
    assert r.status == "no-zero" and r.to_dict()["status"] == "no-zero"
    assert "no real zero" in str(r)


def test_faces_are_one_sided():
    # K = (x - y^2)^2 + y^6: two-sided 2/3 (x' = x - y^2); from x <= 0 it is (|x| + y^2)^2: 3/4
    K = "(x-y**2)**2 + y**6"
    assert rlct(K, domain="x=-1..1,y=-1..1").lam == F(2, 3)
    assert rlct(K, domain="x=0..1,y=-1..1").lam == F(2, 3)
    assert rlct(K, domain="x=-1..0,y=-1..1").lam == F(3, 4)
    assert rlct(K, domain="x=-1..0,y=0..1").lam == F(3, 4)     # a corner


def test_positive_dimensional_zero_set_gives_bounds():
    r = rlct("(x**2+y**2-1)**2", domain="x=-2..2,y=-2..2")
    within(r, F(1, 2))
    assert "positive-dimensional" in r.reason


def test_irrational_zeros():
    r = rlct("(x**2-2)**4", domain="x=0..2")        # sqrt(2): degenerate, only bounds
    within(r, F(1, 4))
    r = rlct("(x**2-2)**2", domain="x=0..2")        # Morse at sqrt(2): exact d/2
    assert (r.status, r.lam, r.m, r.attained_at) == ("exact", F(1, 2), 1, ["x=sqrt(2)"])
    r = rlct("(x**3-x-1)**2*(x-1)**4", domain="x=0..2")   # the rational zero wins
    assert (r.status, r.lam, r.m, r.attained_at) == ("exact", F(1, 4), 1, ["x=1"])


@settings(max_examples=15, deadline=None)
@given(a=st.integers(-3, 3), b=st.integers(1, 3), k=st.integers(1, 3))
def test_interior_zero_matches_the_point(a, b, k):
    K = f"(x-({a}))**{2 * k} + (y-({a}))**{2 * b}"
    r = rlct(K, domain=f"x={a - 1}..{a + 1},y={a - 1}..{a + 1}")
    p = rlct(K, at=f"x={a},y={a}")
    assert (r.status, r.lam, r.m) == ("exact", p.lam, p.m)
    assert r.attained_at == [f"x={a},y={a}"]


def test_cli_json_and_text(capsys):
    assert main(["x**2*(x-1)**2", "--domain", "x=-2..2", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["status"], out["lambda"], out["m"], out["attained_at"]) == ("exact", "1/2", 1, ["x=0", "x=1"])
    assert main(["x**2 + 1", "--domain", "x=-1..1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "no-zero"
    assert main(["x**2 + 1", "--domain", "x=-1..1"]) == 0
    assert "no real zero" in capsys.readouterr().out


@pytest.mark.parametrize("argv, msg", [
    (["x**2", "--domain", "x=1..0"], "lo < hi"),
    (["x**2", "--domain", "x=0..0"], "lo < hi"),
    (["x**2", "--domain", "x=0..1,z=0..1"], "'z' is not a variable"),
    (["x**2*y", "--domain", "x=0..1"], "no range for y"),
    (["x**2", "--domain", "x=0"], "range lo..hi"),
    (["x**2", "--domain", "x0..1"], "missing '='"),
    (["x**2", "--domain", "x=a..1"], "--domain x"),
    (["x**2", "--domain", "x=sqrt(2)..2"], "rational"),
    (["x**2", "--domain", "x=0..1,x=0..2"], "twice"),
    (["x**2", "--domain", "x=0..1", "--at", "x=0"], "--at"),
    (["x**2", "--domain", "x=-1..1", "--prior", "x"], "--prior"),
])
def test_errors_one_line_exit_2(capsys, argv, msg):
    assert main(argv) == 2
    cap = capsys.readouterr()
    assert cap.out == "" and cap.err.count("\n") == 1 and msg in cap.err, cap.err


def test_parse_domain_and_api_errors():
    assert parse_domain({"x": (0, F(1, 2))}, ["x"]) == {"x": (F(0), F(1, 2))}
    assert parse_domain("x = -1/2 .. 0.5", ["x"]) == {"x": (F(-1, 2), F(1, 2))}
    with pytest.raises(RLCTInputError, match="--at"):
        rlct("x**2", domain="x=0..1", at="x=0")
    with pytest.raises(RLCTInputError, match="negative"):
        rlct("1/4 - x**2", domain="x=-1..1")
