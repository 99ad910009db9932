"""rlct.check_charts / 'rlct check K --charts FILE': hand-made blow-up charts are verified exactly,
a zero the user missed is named with its chart and point, a chart set that does not cover is
rejected, and the (λ, m) the charts imply is compared with rlct (issue 6)."""
import json
import subprocess
import sys
from fractions import Fraction

import pytest
from hypothesis import given, settings, strategies as st

from rlct import RLCTInputError, check_charts
from test_cli import cli

BLOWUP = [{"x": "x", "y": "x*y"}, {"x": "x*y", "y": "y"}]
LINE_TREE = [{"x": "x", "y": "x*y", "then": [{"center": {"y": "1"}}]}, {"x": "x*y", "y": "y"}]
# (y - x²)² + y⁴ (Watanabe's example, λ = 5/8): blow up, blow up the chart's origin, move to the
# point y = 1 of the new divisor, then the toric charts of y² + x⁴ there
TORIC_Y2_X4 = [{"matrix": [[1, 1], [0, 2]]}, {"matrix": [[1, 0], [2, 1]]}]
CUSP_TREE = [{"x": "x", "y": "x*y", "then": [
    {"blowup": ["x", "y"], "then": {"x": [{"center": {"y": "1"}, "then": TORIC_Y2_X4}]}}]},
    {"x": "x*y", "y": "y"}]


def frac(a, b=1):
    return Fraction(a, b)


# ---------------------------------------------------------------------------- the acceptance cases
def test_missed_zero_on_the_exceptional_divisor_is_named():
    r = check_charts("(x - y)**2", BLOWUP)
    assert not r.agrees and r.implied is None
    assert len(r.problems) == 1                      # the same point seen from chart 2 is not repeated
    p = r.problems[0]
    assert p.startswith("chart 1 (x = x, y = x*y)") and "(x, y) = (0, 1)" in p and "divisor x = 0" in p
    assert '"center": {"y": "1"}' in p               # says how to fix it
    assert r.computed.lam == frac(1, 2) and "rlct computes (1/2, 1)" in r.explanation


@pytest.mark.parametrize("charts", [
    LINE_TREE,                                                                     # move only: x²y²
    [{"x": "x", "y": "x*y", "then": [{"center": {"y": "1"}, "blowup": ["x", "y"]}]}, {"x": "x*y", "y": "y"}],
    BLOWUP + [{"x": "x", "y": "x*(1 + y)"}],                                      # flat: read as a refinement
    [{"blowup": ["x", "y"], "then": {"y": [{"center": {"x": 1}}]}}],              # refined in the other chart
], ids=["move", "move-and-blow-up", "flat", "other-chart"])
def test_right_tree_for_the_line_is_accepted(charts):
    r = check_charts("(x - y)**2", charts)
    assert r.agrees, r.problems
    assert r.implied == (frac(1, 2), 1) and r.problems == []


@pytest.mark.parametrize("K, charts, implied", [
    ("x**2*y**2", [{"blowup": ["x", "y"]}], (frac(1, 2), 2)),
    ("x**2*y**2", BLOWUP, (frac(1, 2), 2)),
    ("x**2*y**2", [], (frac(1, 2), 2)),                                   # already normal crossing
    ("x**2*y**2", [{"matrix": [[1, 0], [0, 1]]}], (frac(1, 2), 2)),
    ("x**2 + y**4", [{"matrix": [[1, 2], [0, 1]]}, {"matrix": [[2, 0], [1, 1]]}], (frac(3, 4), 1)),
    ("x**2 + y**4", [{"x": "x*y**2", "y": "y"}, {"x": "x**2", "y": "x*y"}, {"x": "-x**2", "y": "x*y"}],
     (frac(3, 4), 1)),
    ("(y - x**2)**2 + y**4", CUSP_TREE, (frac(5, 8), 1)),
    ("(y - x**2)**2 + y**4", [{"x": "x", "y": "y + x**2",                  # a change of coordinates
                               "then": [{"matrix": [[1, 1], [0, 4]]}, {"matrix": [[1, 0], [4, 1]]}]}],
     (frac(5, 8), 1)),
    ("(x**2 - y**2)**2", [{"blowup": ["x", "y"], "then": {"x": [{"center": {"y": 1}}, {"center": {"y": -1}}]}}],
     (frac(1, 2), 2)),
    ("x**2 + y**2 + z**2", [{"blowup": ["x", "y", "z"]}], (frac(3, 2), 1)),
    # a zero inside the divisor's square (Gröbner bases on the open face), then refined
    ("(x - 2*y)**2 + (x - 2*z)**2", [{"blowup": ["x", "y", "z"], "then": {
        "x": [{"center": {"y": "1/2", "z": "1/2"}, "then": [{"blowup": ["y", "z"]}]}]}}], (frac(1), 1)),
])
def test_right_charts_are_accepted_with_the_value(K, charts, implied):
    r = check_charts(K, charts)
    assert r.agrees, r.problems
    assert r.implied == implied == (r.computed.lam, r.computed.m)


def test_prior_and_point():
    assert check_charts("x**2*y**2", [{"blowup": ["x", "y"]}], prior="x").implied == (frac(1, 2), 1)
    r = check_charts("(a - 1)**2*(b - 1)**4", [], at="a=1,b=1")
    assert r.agrees and r.implied == (frac(1, 4), 1)
    r = check_charts("(a - b)**2", [{"a": "a", "b": "a*b"}, {"a": "a*b", "b": "b"}], at="a=1,b=1")
    assert not r.agrees and "a = 1 + a, b = 1 + a*b" in r.problems[0] and "(a, b) = (0, 1)" in r.problems[0]


# ---------------------------------------------------------------------------- rejections
def test_charts_that_do_not_cover_are_rejected_with_a_witness():
    r = check_charts("x**2*y**2", [{"x": "x", "y": "x*y"}])
    assert not r.agrees and len(r.problems) == 1
    assert "does not cover" in r.problems[0] and "every orthant" in r.problems[0]
    assert "x = t**2, y = t" in r.problems[0]        # |x| < |y|: the other chart's cone
    r = check_charts("x**2 + y**4", [{"x": "x*y**2", "y": "y"}, {"x": "x**2", "y": "x*y"}])
    assert not r.agrees and all("x < 0" in p for p in r.problems)          # x = u² misses x < 0
    r = check_charts("x**2*y**2*z**2", [{"matrix": [[1, 1, 0], [0, 1, 0], [0, 0, 1]]}])
    assert not r.agrees and "x = t, y = t**2, z = t" in r.problems[0]
    ok = check_charts("x**2*y**2*z**2", [{"matrix": [[1, 1, 0], [0, 1, 0], [0, 0, 1]]},
                                         {"matrix": [[1, 0, 0], [1, 1, 0], [0, 0, 1]]}])
    assert ok.agrees and ok.implied == (frac(1, 2), 3)
    r = check_charts("x**2 + y**2", [{"x": "x", "y": "x*y/2"}, {"x": "x*y", "y": "y"}])   # misses |x|/2 < |y| < |x|
    assert not r.agrees and "scales a coordinate" in r.problems[0]
    r = check_charts("x**2 + y**2 + z**2", [{"blowup": ["x", "y"]}])   # z is never blown up
    assert not r.agrees and "vanishes on all of it" in r.problems[0]


def test_incomplete_trees_are_rejected():
    tree = [{"blowup": ["x", "y"], "then": {"x": [{"center": {"y": 1}}]}}]
    r = check_charts("(x**2 - y**2)**2", tree)                   # forgot y = -1
    assert not r.agrees and "(x, y) = (0, -1)" in r.problems[0] and len(r.problems) == 1
    no_toric = [{"x": "x", "y": "x*y", "then": [
        {"blowup": ["x", "y"], "then": {"x": [{"center": {"y": "1"}}]}}]}, {"x": "x*y", "y": "y"}]
    r = check_charts("(y - x**2)**2 + y**4", no_toric)
    assert not r.agrees and r.problems[0].startswith("chart 1.1[x].1 (x = x, y = x**2*(y + 1))")
    assert "(x, y) = (0, 0)" in r.problems[0] and "blow up again at the origin" in r.problems[0]
    r = check_charts("(x - 2*y)**2 + (x - 2*z)**2", [{"blowup": ["x", "y", "z"]}])
    assert not r.agrees and "(x, y, z) = (0, 1/2, 1/2)" in r.problems[0]
    r = check_charts("(x**2 - 2*y**2)**2", BLOWUP)                # zeros at y = ±1/√2
    assert not r.agrees and len(r.problems) == 2 and all("irrational" in p for p in r.problems)


def test_wrong_charts_are_problems_not_crashes():
    r = check_charts("x**2*y**2", [{"x": "x*y", "y": "x*y"}])
    assert not r.agrees and "degenerate" in r.problems[0]
    r = check_charts("(x - y)**2", [{"x": "x", "y": "x*y", "then": [{"center": {"y": "3"}}]}, {"x": "x*y", "y": "y"}])
    assert any("centre (y = 3) is not on" in p for p in r.problems)
    r = check_charts("(x - y)**2", [{"x": "x + y**2", "y": "x*y"}])
    assert not r.agrees and "Jacobian vanishes" in r.problems[0]
    r = check_charts("(x - y)**2", [{"x": "x", "y": "x*y", "then": [{"x": "x", "y": "y + x**2"}]},
                                    {"x": "x*y", "y": "y"}])                    # a change away from a point
    assert any("checked only at a point" in p for p in r.problems)


def test_a_chart_that_contradicts_rlct_would_be_reported(monkeypatch):
    import rlct.charts_check as cc

    real = cc._value
    monkeypatch.setattr(cc, "_value", lambda node: None if real(node) is None else (real(node)[0], 7))
    r = check_charts("x**2*y**2", [])
    assert not r.agrees and "one of the two is wrong" in r.problems[0]


@pytest.mark.parametrize("charts, message", [
    ({"x": "x"}, "expected a list"),
    ([{"x": "x", "q": "x*y"}], "'q' is not a coordinate"),
    ([{"x": "sin(x)"}], "unsupported function call"),
    ([{"matrix": [[1, 0]]}], "'matrix' must be a 2x2"),
    ([{"matrix": [[1, 0], [0, 1]], "signs": [1, 2]}], "'signs'"),
    ([{"blowup": ["x", "x"]}], "blown up twice"),
    ([{"center": {"y": "sqrt(2)"}}], "not rational"),
    ([{"map": {"x": "x"}, "matrix": [[1]]}], "give one of"),
    ("[{", "not valid JSON"),
    ([{"x": "x", "then": {"a": 1}}], "'then' must be a list"),
])
def test_bad_input_raises_one_line(charts, message):
    with pytest.raises(RLCTInputError, match=message.replace("(", r"\(")):
        check_charts("x**2*y**2", charts)


# ---------------------------------------------------------------------------- properties
@settings(max_examples=15, deadline=None)
@given(a=st.integers(1, 3), b=st.integers(1, 3), h=st.integers(0, 2), refine=st.booleans())
def test_monomials_through_blow_ups_agree_with_rlct(a, b, h, refine):
    K = f"x**{2 * a}*y**{2 * b}"
    charts = [{"blowup": ["x", "y"], "then": {"x": [{"blowup": ["x", "y"]}] if refine else []}}]
    r = check_charts(K, charts, prior=f"x**{h}" if h else None)
    assert r.agrees, r.problems
    assert r.implied == (r.computed.lam, r.computed.m)


@settings(max_examples=10, deadline=None)
@given(p=st.integers(-4, 4).filter(lambda v: v not in (0,)), q=st.integers(1, 4))
def test_a_line_through_the_origin_needs_its_point(p, q):
    """(q x - p y)²: the blow-up chart that contains the direction must be refined at its slope."""
    K = f"({q}*x - ({p})*y)**2"
    if abs(p) <= q:   # in the y-chart x = u*y: R = (q u - p)², zero at u = p/q
        chart, point = "y", {"x": str(Fraction(p, q))}
    else:             # in the x-chart y = x*v: R = (q - p v)², zero at v = q/p
        chart, point = "x", {"y": str(Fraction(q, p))}
    bad = check_charts(K, [{"blowup": ["x", "y"]}])
    assert not bad.agrees
    ok = check_charts(K, [{"blowup": ["x", "y"], "then": {chart: [{"center": point}]}}])
    assert ok.agrees, ok.problems
    assert ok.implied == (frac(1, 2), 1)


# ---------------------------------------------------------------------------- command line
def test_cli_exit_codes(tmp_path):
    good, bad, broken = tmp_path / "good.json", tmp_path / "bad.json", tmp_path / "broken.json"
    good.write_text(json.dumps(LINE_TREE))
    bad.write_text(json.dumps(BLOWUP))
    broken.write_text('[{"x": "x"')
    p = cli("check", "(x - y)**2", "--charts", str(good))
    assert p.returncode == 0 and "they imply (λ, m) = (1/2, 1)" in p.stdout
    p = cli("check", "(x - y)**2", "--charts", str(bad))
    assert p.returncode == 1 and "(x, y) = (0, 1)" in p.stdout
    for args in (["--charts", str(broken)], ["--charts", str(tmp_path / "missing.json")], [],
                 ["--charts", str(good), "--claim", "1/2"]):
        p = cli("check", "(x - y)**2", *args)
        assert p.returncode == 2 and p.stderr.count("\n") == 1 and "Traceback" not in p.stderr, args
    (tmp_path / "q.json").write_text(json.dumps([{"x": "x", "q": "1"}]))
    p = cli("check", "(x - y)**2", "--charts", str(tmp_path / "q.json"))
    assert p.returncode == 2 and "'q' is not a coordinate" in p.stderr
